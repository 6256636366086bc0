//! Conditions: thresholds a rule or a payment depends on, decided from the outages.
//! Only a payment may look at the credit; that part is left to settle at the prices.

use chrono::TimeDelta;

use super::super::context::Context;
use super::super::exposure::Item;
use super::super::program::Test;
use super::per_unit::spell_clock_start;
use crate::case::civil::elapsed;
use crate::error::{Error, Result};
use crate::policy::{Assumption, Condition};
use crate::timeline::time_within_daily_window;

/// Whether a rule's condition holds for an item, and the assumptions it made.
pub(crate) struct Verdict {
    pub holds: bool,
    pub assumptions: Vec<String>,
}

/// A rule's condition (one that decides which rule applies): it cannot look at a credit.
pub(crate) fn test(condition: &Condition, ctx: &Context<'_>, item: &Item<'_>) -> Result<Verdict> {
    let mut assumptions = Vec::new();
    let holds = match decide(condition, ctx, item, false, &mut assumptions)? {
        Test::Holds(holds) => holds,
        // `decide` refuses the credit without leave, so this is never reached.
        _ => return Err(ctx.invalid_rule("a rule's condition cannot look at the credit")),
    };
    Ok(Verdict { holds, assumptions })
}

/// A payment's condition: decided from the outages, but for the credit, which is
/// known once the item's lines are priced.
pub(crate) fn payment(
    condition: &Condition,
    ctx: &Context<'_>,
    item: &Item<'_>,
) -> Result<(Test, Vec<String>)> {
    let mut assumptions = Vec::new();
    let test = decide(condition, ctx, item, true, &mut assumptions)?;
    Ok((test, assumptions))
}

fn decide(
    condition: &Condition,
    ctx: &Context<'_>,
    item: &Item<'_>,
    credit_known_later: bool,
    notes: &mut Vec<String>,
) -> Result<Test> {
    let holds = match condition {
        Condition::DurationAtLeast(span) => item.duration()? >= span.as_delta(),
        Condition::DurationMoreThan(span) => item.duration()? > span.as_delta(),
        Condition::TimeAfterClockAtLeast { clock, at_least } => {
            let label = || item.label(ctx.zone);
            let mut total = TimeDelta::zero();
            for spell in item.spells() {
                let from = spell_clock_start(clock, ctx, spell, &label, notes)?;
                if from < spell.end {
                    total = total
                        .checked_add(&elapsed(from, spell.end))
                        .ok_or_else(|| Error::overflow("time after the clock"))?;
                }
            }
            total >= at_least.as_delta()
        }
        Condition::CustomersAffectedAtLeast { count, if_unknown } => {
            match item.customers_affected() {
                Some(n) => n >= *count,
                None => {
                    let met = *if_unknown == Assumption::Met;
                    ctx.note(notes, || {
                        format!(
                            "The incident's size was not given; assumed {} {count} customers were affected.",
                            if met { "at least" } else { "fewer than" }
                        )
                    });
                    met
                }
            }
        }
        Condition::CauseIn(causes) => item.cause().is_some_and(|c| causes.contains(&c)),
        Condition::Segment(segment) => ctx.segment == *segment,
        Condition::TimeInDailyWindowMoreThan {
            from,
            to,
            more_than,
        } => {
            let limit = more_than.as_delta();
            let mut inside = TimeDelta::zero();
            for spell in item.spells() {
                inside += time_within_daily_window(
                    spell.start,
                    spell.end,
                    ctx.zone,
                    (*from, *to),
                    limit,
                )?;
                if inside > limit {
                    break;
                }
            }
            inside > limit
        }
        Condition::CreditMoreThan(amount) => {
            if !credit_known_later {
                return Err(
                    ctx.invalid_rule("credit-more-than can only decide a payment, not a rule")
                );
            }
            return Ok(Test::CreditMoreThan(*amount));
        }
        // Every branch is decided, so that each assumption is reported.
        Condition::All(all) => {
            let mut tests = Vec::with_capacity(all.len());
            for c in all {
                tests.push(decide(c, ctx, item, credit_known_later, notes)?);
            }
            return Ok(combine(tests, true));
        }
        Condition::Any(any) => {
            let mut tests = Vec::with_capacity(any.len());
            for c in any {
                tests.push(decide(c, ctx, item, credit_known_later, notes)?);
            }
            return Ok(combine(tests, false));
        }
        Condition::Not(inner) => {
            return Ok(match decide(inner, ctx, item, credit_known_later, notes)? {
                Test::Holds(holds) => Test::Holds(!holds),
                other => Test::Not(Box::new(other)),
            })
        }
    };
    Ok(Test::Holds(holds))
}

/// All (or any) of some tests, with those already decided folded in.
fn combine(tests: Vec<Test>, all: bool) -> Test {
    let mut open = Vec::new();
    for test in tests {
        match test {
            Test::Holds(holds) if holds != all => return Test::Holds(holds),
            Test::Holds(_) => {}
            other => open.push(other),
        }
    }
    match (open.len(), all) {
        (0, _) => Test::Holds(all),
        (_, true) => Test::All(open),
        (_, false) => Test::Any(open),
    }
}
