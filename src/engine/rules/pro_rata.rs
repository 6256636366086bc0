//! Pro-rata credits: the price of the time service was lost, as a share of a period.

use chrono::{DateTime, Utc};
use smallvec::SmallVec;

use super::super::context::Context;
use super::super::exposure::{Item, What};
use super::super::line::{LineExpr, ProRataLine};
use super::super::program::OutcomeExpr;
use super::per_unit::{clock_start, compensable_from, spell_clock_start};
use crate::civil::elapsed;
use crate::claim::hours_text;
use crate::error::Result;
use crate::plan::BillingCycle;
use crate::policy::{PriceSource, ProRata, ProRataBasis, Subject};
use crate::timeline::Spell;

/// A span of time out, and for a period's outage, that outage's records.
type Span = (DateTime<Utc>, DateTime<Utc>, Option<SmallVec<[usize; 2]>>);

/// A piece of outage time inside one period, and the period (absent for a fixed 30 days).
type Piece = (
    DateTime<Utc>,
    DateTime<Utc>,
    Option<(DateTime<Utc>, DateTime<Utc>)>,
);

/// A pro-rata rule for one item: a line per piece of outage time in each period.
pub(crate) fn compile(rule: &ProRata, ctx: &Context<'_>, item: &Item<'_>) -> Result<OutcomeExpr> {
    let mut notes = Vec::new();
    // Each span of time out, and for a period's outage, that outage's records (the
    // line priced for it lists them alone).
    let spans: SmallVec<[Span; 2]> = match &item.what {
        What::Incident(spell) => {
            let clock = clock_start(&rule.clock, ctx, item, &mut notes)?;
            let from = compensable_from(rule.grace, clock, ctx)?;
            if spell.end <= from {
                return Ok(OutcomeExpr::notes(notes));
            }
            smallvec::smallvec![(from, spell.end, None)]
        }
        What::Window { spells, .. } => {
            // Each outage in the period is credited from its own clock (its report, or
            // after power returned); the grace period is not applied here, since an
            // outage clipped to a period would restart it in every period.
            let label = || item.label(ctx.zone);
            let mut spans = SmallVec::with_capacity(spells.len());
            for spell in spells {
                if !long_enough(rule, ctx, item, spell, &mut notes) {
                    continue;
                }
                let from = spell_clock_start(&rule.clock, ctx, spell, &label, &mut notes)?;
                if from < spell.end {
                    spans.push((from, spell.end, Some(spell.sources.clone())));
                }
            }
            spans
        }
        _ => {
            return Err(ctx.invalid_rule(
                "pro-rata needs outages or periods, not appointments or activations",
            ))
        }
    };
    // A billing period's outages, prorated by the billing period: the item's own window
    // is the period each lies in.
    let own_period = match (&item.what, rule.basis, ctx.provision.subject) {
        (
            What::Window { start, end, .. },
            ProRataBasis::BillingPeriod,
            Subject::BillingPeriods { .. },
        ) => Some((*start, *end)),
        _ => None,
    };
    let price = match rule.price {
        PriceSource::AverageMonthlyBill => item.price.average_bills(),
        _ => item.price.clone(),
    };
    let mut lines = SmallVec::new();
    for (from, to, outages) in spans {
        let pieces = match own_period {
            Some(period) => smallvec::smallvec![(from, to, Some(period))],
            None => split(rule.basis, ctx, from, to)?,
        };
        for (start, end, period) in pieces {
            let period_seconds = match period {
                Some((ps, pe)) => (pe - ps).num_seconds(),
                None => 30 * 86_400,
            };
            lines.push(LineExpr::ProRata(Box::new(ProRataLine {
                outages: outages.clone(),
                basis: rule.basis,
                price: price.clone(),
                multiplier: rule.multiplier,
                from: start,
                to: end,
                elapsed_seconds: (end - start).num_seconds(),
                period_seconds,
                period,
            })));
        }
    }
    Ok(OutcomeExpr::Lines { notes, lines })
}

/// Whether a period's piece of outage is credited: always, unless the rule credits only
/// outages longer than a span, and the whole outage it belongs to (its records merged,
/// across every period it touches) is not; then a note says why.
fn long_enough(
    rule: &ProRata,
    ctx: &Context<'_>,
    item: &Item<'_>,
    spell: &Spell,
    notes: &mut Vec<String>,
) -> bool {
    let Some(threshold) = rule.outages_longer_than else {
        return true;
    };
    let records = || spell.sources.iter().filter_map(|&i| ctx.outages.get(i));
    let start = records()
        .map(|o| o.start)
        .fold(spell.start, |a, b| a.min(b));
    let end = records().map(|o| o.end).fold(spell.end, |a, b| a.max(b));
    let whole = elapsed(start, end);
    if whole > threshold.as_delta() {
        return true;
    }
    ctx.note(notes, || {
        format!(
            "{}: the outage from {} is not credited: in all it lasted {}, not more than {threshold}.",
            item.label(ctx.zone),
            ctx.local_text(start),
            hours_text(whole.num_seconds())
        )
    });
    false
}

/// `[from, to)` cut at the basis's period boundaries, each piece with its period.
fn split(
    basis: ProRataBasis,
    ctx: &Context<'_>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<SmallVec<[Piece; 2]>> {
    let cycle = match basis {
        ProRataBasis::ThirtyDays => return Ok(smallvec::smallvec![(from, to, None)]),
        ProRataBasis::BillingPeriod => ctx.cycle,
        ProRataBasis::CalendarMonth => BillingCycle::calendar_months(ctx.zone),
    };
    let mut pieces = SmallVec::new();
    cycle.each_period(from, to, |p| {
        let s = from.max(p.start);
        let e = to.min(p.end);
        if s < e {
            pieces.push((s, e, Some((p.start, p.end))));
        }
    })?;
    Ok(pieces)
}
