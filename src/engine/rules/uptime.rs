//! Cloud SLA credits: a percentage of the month's charges, by the tier the month's
//! uptime falls in.

use rust_decimal::Decimal;
use smallvec::SmallVec;

use super::super::context::Context;
use super::super::exposure::{Item, What};
use super::super::line::LineExpr;
use super::super::program::OutcomeExpr;
use crate::error::{Error, Result};
use crate::policy::UptimeTiers;

/// Uptime tiers for one billing period. Downtime counts in whole minutes; the uptime
/// decides the tier unrounded.
pub(crate) fn compile(
    rule: &UptimeTiers,
    ctx: &Context<'_>,
    item: &Item<'_>,
) -> Result<OutcomeExpr> {
    let What::Window {
        start, end, spells, ..
    } = &item.what
    else {
        return Err(ctx.invalid_rule("uptime tiers need billing periods"));
    };
    let period_minutes = (*end - *start).num_minutes();
    if period_minutes <= 0 {
        return Ok(OutcomeExpr::nothing());
    }
    let downtime_minutes: i64 = spells.iter().map(|s| s.duration().num_minutes()).sum();
    let up = Decimal::from(period_minutes - downtime_minutes)
        .checked_mul(Decimal::ONE_HUNDRED)
        .ok_or_else(|| Error::overflow("uptime percentage"))?;
    let minutes = Decimal::from(period_minutes);
    let uptime_percent = up
        .checked_div(minutes)
        .ok_or_else(|| Error::overflow("uptime percentage"))?;
    let Some(tier) = rule.tiers.iter().find(|t| t.contains_ratio(up, minutes)) else {
        let mut notes = Vec::new();
        ctx.note(&mut notes, || {
            format!(
                "{}: uptime {}% earns no credit.",
                item.label(ctx.zone),
                uptime_percent.round_dp(5)
            )
        });
        return Ok(OutcomeExpr::notes(notes));
    };
    let mut lines = SmallVec::new();
    lines.push(LineExpr::Uptime {
        period_minutes,
        downtime_minutes,
        uptime_percent,
        credit_percent: tier.credit_percent,
        price: item.price.clone(),
    });
    Ok(OutcomeExpr::Lines {
        notes: Vec::new(),
        lines,
    })
}
