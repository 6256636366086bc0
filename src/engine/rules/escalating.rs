//! A base payment once a standard is missed, plus a step for each further period
//! (Ofgem's guaranteed standards, New York PSL §73, water supply standards).

use chrono::TimeDelta;
use smallvec::SmallVec;

use super::super::context::Context;
use super::super::exposure::{Item, What};
use super::super::line::{EscalatingLine, LineExpr};
use super::super::program::OutcomeExpr;
use super::amount::figure;
use super::per_unit::clock_start;
use crate::civil::elapsed;
use crate::error::{Error, Result};
use crate::policy::{Counting, Escalating};

/// A base-plus-steps rule for one outage.
pub(crate) fn compile(
    rule: &Escalating,
    ctx: &Context<'_>,
    item: &Item<'_>,
) -> Result<OutcomeExpr> {
    let mut notes = Vec::new();
    let What::Incident(spell) = &item.what else {
        return Err(ctx.invalid_rule("a base-plus-steps rule needs each outage"));
    };
    let every = rule.every.as_seconds();
    if every <= 0 {
        return Err(ctx.invalid_rule("the further period must be longer than zero"));
    }
    let clock = clock_start(&rule.clock, ctx, item, &mut notes)?;
    // Exact to the nanosecond: any part of a second past the standard fails it, and
    // starts a further period.
    let exact = elapsed(clock, spell.end);
    let beyond_exactly = exact
        .checked_sub(&rule.standard.as_delta())
        .ok_or_else(|| Error::overflow("time beyond the standard"))?;
    if beyond_exactly <= TimeDelta::zero() {
        ctx.note(&mut notes, || {
            format!(
                "{}: restored within the {} standard; nothing is owed for it.",
                item.label(ctx.zone),
                rule.standard
            )
        });
        return Ok(OutcomeExpr::notes(notes));
    }
    let beyond = beyond_exactly.num_seconds();
    let whole = beyond / every;
    let part = beyond % every != 0 || beyond_exactly.subsec_nanos() > 0;
    let further_periods = match rule.counting {
        Counting::Complete => whole,
        Counting::Started => whole + i64::from(part),
    };
    let mut lines = SmallVec::new();
    lines.push(LineExpr::Escalating(Box::new(EscalatingLine {
        elapsed_seconds: exact.num_seconds(),
        standard: rule.standard,
        base: figure(&rule.base, ctx, item)?,
        every: rule.every,
        further_periods,
        step: figure(&rule.step, ctx, item)?,
        counting: rule.counting,
    })));
    Ok(OutcomeExpr::Lines { notes, lines })
}
