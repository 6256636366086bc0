//! Threshold tiers over a period: the highest tier a measure passes pays its amount
//! (Victoria's guaranteed service levels: more than 18, 30 or 60 hours a year).

use chrono::TimeDelta;
use rust_decimal::Decimal;
use smallvec::SmallVec;

use super::super::context::Context;
use super::super::exposure::{Item, What};
use super::super::line::LineExpr;
use super::super::program::OutcomeExpr;
use super::amount::figure;
use crate::error::{Error, Result};
use crate::policy::{Measure, Tiers};

/// Threshold tiers for one period.
pub(crate) fn compile(rule: &Tiers, ctx: &Context<'_>, item: &Item<'_>) -> Result<OutcomeExpr> {
    let What::Window { spells, .. } = &item.what else {
        return Err(ctx.invalid_rule("threshold tiers need a period (a year or a billing period)"));
    };
    let value = match rule.measure {
        Measure::Hours => {
            // Exact to the nanosecond: half a second past a threshold is past it.
            let outage = spells
                .iter()
                .try_fold(TimeDelta::zero(), |sum, s| sum.checked_add(&s.duration()))
                .ok_or_else(|| Error::overflow("hours of outage"))?;
            let seconds = match outage.subsec_nanos() {
                0 => Some(Decimal::from(outage.num_seconds())),
                nanos => Decimal::from(outage.num_seconds())
                    .checked_add(Decimal::new(i64::from(nanos), 9)),
            };
            seconds
                .and_then(|s| s.checked_div(Decimal::from(3600)))
                .ok_or_else(|| Error::overflow("hours of outage"))?
        }
        Measure::Count { longer_than } => Decimal::from(
            spells
                .iter()
                .filter(|s| s.duration() > longer_than.as_delta())
                .count(),
        ),
    };
    let Some(tier) = rule
        .tiers
        .iter()
        .filter(|t| value > t.more_than)
        .max_by(|a, b| a.more_than.cmp(&b.more_than))
    else {
        return Ok(OutcomeExpr::nothing());
    };
    let mut lines = SmallVec::new();
    lines.push(LineExpr::Threshold {
        measure: rule.measure,
        value,
        more_than: tier.more_than,
        amount: figure(&tier.amount, ctx, item)?,
    });
    Ok(OutcomeExpr::Lines {
        notes: Vec::new(),
        lines,
    })
}
