//! Conditions: thresholds a rule or a payment depends on, decided from the outages.
//! Only a payment may look at the credit; that part is left to settle at the prices.

use chrono::TimeDelta;

use super::super::context::Context;
use super::super::exposure::Item;
use super::super::program::Test;
use super::per_unit::spell_clock_start;
use crate::civil::elapsed;
use crate::error::{Error, Result};
use crate::outage::WeatherCategory;
use crate::plan::{Deployment, Service};
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
            time_after_clock(clock, ctx, item, notes)? >= at_least.as_delta()
        }
        Condition::CustomersAffectedAtLeast { count, if_unknown } => {
            customers_affected_at_least(*count, *if_unknown, ctx, item, notes)
        }
        Condition::CauseIn(causes) => item.cause().is_some_and(|c| causes.contains(&c)),
        Condition::WeatherCategoryIn {
            categories,
            assumed,
        } => categories.contains(&weather_category(*assumed, ctx, item, notes)),
        Condition::Segment(segment) => ctx.segment == *segment,
        Condition::TimeInDailyWindowMoreThan {
            from,
            to,
            more_than,
        } => time_in_daily_window_more_than((*from, *to), more_than.as_delta(), ctx, item)?,
        Condition::AverageMonthlyBillGiven => average_bill_given(ctx, item, notes),
        Condition::DeployedAs {
            deployment,
            if_absent,
        } => deployed_as(*deployment, *if_absent, ctx, item, notes),
        Condition::CreditMoreThan(amount) => {
            if !credit_known_later {
                return Err(
                    ctx.invalid_rule("credit-more-than can only decide a payment, not a rule")
                );
            }
            return Ok(Test::CreditMoreThan(*amount));
        }
        Condition::All(all) => return each(all, true, ctx, item, credit_known_later, notes),
        Condition::Any(any) => return each(any, false, ctx, item, credit_known_later, notes),
        Condition::Not(inner) => {
            return Ok(match decide(inner, ctx, item, credit_known_later, notes)? {
                Test::Holds(holds) => Test::Holds(!holds),
                other => Test::Not(Box::new(other)),
            })
        }
    };
    Ok(Test::Holds(holds))
}

/// All (or any) of some conditions. Every one is decided, even once the answer is
/// known, so that each assumption is reported.
fn each(
    conditions: &[Condition],
    all: bool,
    ctx: &Context<'_>,
    item: &Item<'_>,
    credit_known_later: bool,
    notes: &mut Vec<String>,
) -> Result<Test> {
    let mut tests = Vec::with_capacity(conditions.len());
    for c in conditions {
        tests.push(decide(c, ctx, item, credit_known_later, notes)?);
    }
    Ok(combine(tests, all))
}

/// The time the item's spells lasted after the clock started in each.
fn time_after_clock(
    clock: &crate::policy::Clock,
    ctx: &Context<'_>,
    item: &Item<'_>,
    notes: &mut Vec<String>,
) -> Result<TimeDelta> {
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
    Ok(total)
}

/// Whether at least `count` customers were affected; when the record does not say,
/// the rule's stated assumption, noted.
fn customers_affected_at_least(
    count: u64,
    if_unknown: Assumption,
    ctx: &Context<'_>,
    item: &Item<'_>,
    notes: &mut Vec<String>,
) -> bool {
    if let Some(n) = item.customers_affected() {
        return n >= count;
    }
    let met = if_unknown == Assumption::Met;
    ctx.note(notes, || {
        format!(
            "The incident's size was not given; assumed {} {count} customers were affected.",
            if met { "at least" } else { "fewer than" }
        )
    });
    met
}

/// The outage's severe-weather category; when the claim does not give it, the rule's
/// assumption, noted with the field that decides it.
fn weather_category(
    assumed: WeatherCategory,
    ctx: &Context<'_>,
    item: &Item<'_>,
    notes: &mut Vec<String>,
) -> WeatherCategory {
    if let Some(category) = item.weather_category() {
        return category;
    }
    ctx.note(notes, || {
        format!(
            "{}: the severe weather's category was not given; {assumed} was assumed. The \
             outage's weather_category (1, 2 or 3) decides it.",
            ctx.label(item)
        )
    });
    assumed
}

/// The case's services an item is paid from.
fn item_services<'c, 'i>(
    ctx: &Context<'c>,
    item: &'i Item<'_>,
) -> impl Iterator<Item = &'c Service> + 'i
where
    'c: 'i,
{
    let services = ctx.services;
    item.price
        .places()
        .iter()
        .filter_map(move |&p| usize::try_from(p).ok().and_then(|p| services.get(p)))
}

/// Whether every service the item is paid from has an average monthly bill; when one
/// has none, a note names the field and what it might change.
fn average_bill_given(ctx: &Context<'_>, item: &Item<'_>, notes: &mut Vec<String>) -> bool {
    let missing: Vec<&Service> = item_services(ctx, item)
        .filter(|s| s.average_monthly_bill.is_none())
        .collect();
    if missing.is_empty() && item_services(ctx, item).next().is_some() {
        return true;
    }
    ctx.note(notes, || {
        let kinds: Vec<&str> = missing.iter().map(|s| s.kind.as_str()).collect();
        format!(
            "{}: the claim file gives no `average_monthly_bill` for {}, so only the amount \
             figured from the monthly price is computed; the amount figured from the average \
             bill of the three months before might pay more: add `average_monthly_bill` to the \
             service in [[plan.services]] to compare them.",
            item.label(ctx.zone),
            if kinds.is_empty() {
                "the service".to_owned()
            } else {
                kinds.join(", ")
            }
        )
    });
    false
}

/// Whether every service the item is paid from is deployed as `deployment`, a service
/// that gives none taken as `if_absent`; when that decides it, a note names the field.
fn deployed_as(
    deployment: Deployment,
    if_absent: Deployment,
    ctx: &Context<'_>,
    item: &Item<'_>,
    notes: &mut Vec<String>,
) -> bool {
    let mut assumed = Vec::new();
    for service in item_services(ctx, item) {
        let deployed = match service.deployment {
            Some(given) => given,
            None => {
                assumed.push(service.kind.as_str());
                if_absent
            }
        };
        if deployed != deployment {
            return false;
        }
    }
    if !assumed.is_empty() {
        ctx.note(notes, || {
            let words: Vec<&str> = Deployment::words().collect();
            format!(
                "{}: the claim file gives no `deployment` for {}; it is taken as \
                 `{if_absent}`. If it is deployed otherwise, write `deployment` on the service \
                 in [[plan.services]], one of {}.",
                item.label(ctx.zone),
                assumed.join(", "),
                words.join(", ")
            )
        });
    }
    true
}

/// Whether the item's spells spent more than `limit` inside a daily window (local
/// time); counting stops once past the limit.
fn time_in_daily_window_more_than(
    window: (chrono::NaiveTime, chrono::NaiveTime),
    limit: TimeDelta,
    ctx: &Context<'_>,
    item: &Item<'_>,
) -> Result<bool> {
    let mut inside = TimeDelta::zero();
    for spell in item.spells() {
        let more = time_within_daily_window(spell.start, spell.end, ctx.zone, window, limit)?;
        inside = inside
            .checked_add(&more)
            .ok_or_else(|| Error::overflow("time inside the daily window"))?;
        if inside > limit {
            return Ok(true);
        }
    }
    Ok(false)
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
