//! A base payment once a standard is missed, plus a step for each further period
//! (Ofgem's guaranteed standards, New York PSL §73, water supply standards).

use chrono::TimeDelta;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::eval::{Context, Draft, Item, Outcome, What};
use super::per_unit::clock_start;
use super::{Amount, Clock, Counting};
use crate::claim::Basis;
use crate::error::{Error, Result};
use crate::span::Span;

/// `base` once the outage outlasts `standard` (measured from the clock), plus `step`
/// for each further `every` (started or complete periods, as `counting` says).
/// Cap it with [`crate::policy::Rule::Cap`].
///
/// # Example
/// ```
/// use redress::policy::*;
/// use redress::Span;
/// // Ofgem from 1 Sept 2023, domestic, normal weather: £95 after 12 hours, £45 per further 12 hours.
/// let ofgem = Escalating {
///     clock: Clock::default(),
///     standard: Span::hours(12),
///     base: Amount::Fixed(95.into()),
///     every: Span::hours(12),
///     step: Amount::Fixed(45.into()),
///     counting: Counting::Complete,
/// };
/// assert_eq!(ofgem.standard, Span::hours(12));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Escalating {
    /// Where the standard is measured from.
    #[serde(default)]
    pub clock: Clock,
    /// How long the provider has; only an outage lasting longer earns anything.
    pub standard: Span,
    /// Paid once the standard is missed.
    pub base: Amount,
    /// The length of each further period.
    pub every: Span,
    /// Paid for each further period.
    pub step: Amount,
    /// Whether a started further period counts, or only a complete one.
    pub counting: Counting,
}

impl Escalating {
    pub(crate) fn evaluate(&self, ctx: &Context<'_>, item: &Item<'_>) -> Result<Outcome> {
        let mut outcome = Outcome::default();
        let What::Incident(spell) = &item.what else {
            return Err(ctx.invalid_rule("a base-plus-steps rule needs each outage"));
        };
        let every = self.every.as_seconds();
        if every <= 0 {
            return Err(ctx.invalid_rule("the further period must be longer than zero"));
        }
        let clock = clock_start(&self.clock, ctx, item, &mut outcome.notes)?;
        // Exact to the nanosecond: any part of a second past the standard fails it, and
        // starts a further period.
        let exact = crate::timeline::elapsed(clock, spell.end);
        let beyond_exactly = exact
            .checked_sub(&self.standard.as_delta())
            .ok_or_else(|| Error::overflow("time beyond the standard"))?;
        let elapsed = exact.num_seconds();
        if beyond_exactly <= TimeDelta::zero() {
            ctx.note(&mut outcome.notes, || {
                format!(
                    "{}: restored within the {} standard; nothing is owed for it.",
                    item.label(ctx),
                    self.standard
                )
            });
            return Ok(outcome);
        }
        let beyond = beyond_exactly.num_seconds();
        let whole = beyond / every;
        let part = beyond % every != 0 || beyond_exactly.subsec_nanos() > 0;
        let further = match self.counting {
            Counting::Complete => whole,
            Counting::Started => whole + i64::from(part),
        };
        let base = self.base.figure(ctx, item)?;
        let step = self.step.figure(ctx, item)?;
        let amount = step.times(Decimal::from(further)).and_then(|steps| {
            steps
                .checked_add(base.amount())
                .ok_or_else(|| Error::overflow("base + steps"))
        })?;
        outcome.drafts.push(Draft::new(
            amount,
            Basis::Escalating {
                elapsed_seconds: elapsed,
                standard: self.standard,
                base,
                every: self.every,
                further_periods: u64::try_from(further).unwrap_or(0),
                step,
                counting: self.counting,
            },
        ));
        Ok(outcome)
    }
}
