//! Pro-rata credits: the price of the time service was lost, as a share of a period.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::eval::{Context, Draft, Item, Outcome, What};
use super::per_unit::{clock_start, compensable_from, spell_clock_start};
use super::{Clock, Grace};
use crate::claim::Basis;
use crate::error::{Error, Result};
use crate::plan::BillingCycle;

/// The period a pro-rata credit divides the monthly price over.
///
/// # Example
/// ```
/// use redress::policy::ProRataBasis;
/// // RD 899/2009: prorated by the hours of the calendar month the interruption falls in.
/// assert_ne!(ProRataBasis::CalendarMonth, ProRataBasis::BillingPeriod);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ProRataBasis {
    /// The actual length of each billing period the outage touches; an outage across a
    /// billing boundary is split and each part prorated by its own period.
    BillingPeriod,
    /// The exact length of each local calendar month the outage touches, split likewise.
    CalendarMonth,
    /// A fixed 30 days (720 hours), whatever the month.
    ThirtyDays,
}

/// The monthly price × multiplier × time out ÷ the period's length.
///
/// # Example
/// ```
/// use redress::policy::{ProRata, ProRataBasis};
/// // RD 899/2009 art. 15: five times the monthly fee, prorated by duration.
/// let phone = ProRata::new(ProRataBasis::CalendarMonth).times(5.into());
/// assert_eq!(phone.multiplier, 5.into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProRata {
    /// What the price is divided over.
    pub basis: ProRataBasis,
    /// A multiple of the price (1 unless the rule says otherwise).
    #[serde(default = "one")]
    pub multiplier: Decimal,
    /// Where the credited time starts. Over a period (a billing period's outages), each
    /// outage in it is credited from its own clock: its report, or after power returned.
    #[serde(default)]
    pub clock: Clock,
    /// Time before the credited time starts; for each outage only, not over a period
    /// (an outage split across periods would otherwise restart it in each).
    #[serde(default)]
    pub grace: Grace,
}

fn one() -> Decimal {
    Decimal::ONE
}

impl ProRata {
    /// The plain price of the time out over a basis.
    pub fn new(basis: ProRataBasis) -> ProRata {
        ProRata {
            basis,
            multiplier: Decimal::ONE,
            clock: Clock::default(),
            grace: Grace::None,
        }
    }

    /// The rule paying a multiple of the price.
    pub fn times(mut self, multiplier: Decimal) -> ProRata {
        self.multiplier = multiplier;
        self
    }

    /// The rule crediting time from another clock.
    ///
    /// # Example
    /// ```
    /// use redress::policy::{Clock, ClockStart, ProRata, ProRataBasis};
    /// let from_report = ProRata::new(ProRataBasis::BillingPeriod).with_clock(Clock::from_report());
    /// assert_eq!(from_report.clock.start, ClockStart::Report);
    /// ```
    pub fn with_clock(mut self, clock: Clock) -> ProRata {
        self.clock = clock;
        self
    }

    pub(crate) fn evaluate(&self, ctx: &Context<'_>, item: &Item<'_>) -> Result<Outcome> {
        let mut outcome = Outcome::default();
        // Each piece of time out, with the period's outage it belongs to (a period's
        // line is for that outage alone).
        let pieces: Vec<(DateTime<Utc>, DateTime<Utc>, Option<usize>)> = match &item.what {
            What::Incident(spell) => {
                let clock = clock_start(&self.clock, ctx, item, &mut outcome.notes)?;
                let from = compensable_from(self.grace, clock, ctx)?;
                if spell.end <= from {
                    return Ok(outcome);
                }
                vec![(from, spell.end, None)]
            }
            What::Window { spells, .. } => {
                // Each outage in the period is credited from its own clock (its report,
                // or after power returned); the grace period is not applied here, since
                // an outage clipped to a period would restart it in every period.
                let label = || item.label(ctx);
                let mut pieces = Vec::with_capacity(spells.len());
                for (i, spell) in spells.iter().enumerate() {
                    let from =
                        spell_clock_start(&self.clock, ctx, spell, &label, &mut outcome.notes)?;
                    if from < spell.end {
                        pieces.push((from, spell.end, Some(i)));
                    }
                }
                pieces
            }
            _ => {
                return Err(ctx.invalid_rule(
                    "pro-rata needs outages or periods, not appointments or activations",
                ))
            }
        };
        let price = item
            .monthly_price
            .checked_mul(self.multiplier)
            .ok_or_else(|| {
                Error::overflow(format!("{} × {}", item.monthly_price, self.multiplier))
            })?;
        for (from, to, about) in pieces {
            for (start, end, period) in self.split(ctx, from, to)? {
                let elapsed = (end - start).num_seconds();
                let period_seconds = match period {
                    Some((ps, pe)) => (pe - ps).num_seconds(),
                    None => 30 * 86_400,
                };
                let amount = price
                    .checked_mul(Decimal::from(elapsed))
                    .and_then(|x| x.checked_div(Decimal::from(period_seconds)))
                    .ok_or_else(|| {
                        Error::overflow(format!("{price} × {elapsed}s / {period_seconds}s"))
                    })?;
                let draft = Draft::new(
                    amount,
                    Basis::ProRata {
                        basis: self.basis,
                        monthly_price: item.monthly_price,
                        multiplier: self.multiplier,
                        from: start,
                        to: end,
                        elapsed_seconds: elapsed,
                        period_seconds,
                        period_start: period.map(|p| p.0),
                        period_end: period.map(|p| p.1),
                    },
                );
                outcome.drafts.push(match about {
                    Some(spell) => draft.about(spell),
                    None => draft,
                });
            }
        }
        Ok(outcome)
    }

    /// Splits `[from, to)` at the basis's period boundaries.
    #[allow(clippy::type_complexity)]
    fn split(
        &self,
        ctx: &Context<'_>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<
        Vec<(
            DateTime<Utc>,
            DateTime<Utc>,
            Option<(DateTime<Utc>, DateTime<Utc>)>,
        )>,
    > {
        let cycle = match self.basis {
            ProRataBasis::ThirtyDays => return Ok(vec![(from, to, None)]),
            ProRataBasis::BillingPeriod => ctx.cycle,
            ProRataBasis::CalendarMonth => BillingCycle::calendar_months(ctx.zone),
        };
        Ok(cycle
            .periods_between(from, to)?
            .into_iter()
            .filter_map(|p| {
                let s = from.max(p.start);
                let e = to.min(p.end);
                (s < e).then_some((s, e, Some((p.start, p.end))))
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use crate::policy::*;
    use crate::{assess, ClaimFile, Currency};

    fn policy(clock: Clock) -> Policy {
        Policy::new("t", "t", Currency::EUR).with_version(PolicyVersion::from_date(
            chrono::NaiveDate::MIN,
            vec![Provision::new(
                "pro rata",
                Subject::billing_periods(),
                Rule::ProRata(ProRata::new(ProRataBasis::ThirtyDays).with_clock(clock)),
            )],
        ))
    }

    /// A period's outages are credited from each one's report when the clock says so:
    /// €72/month over 720 h is €0.10 an hour; outage 1 runs 10 h but is reported after
    /// 4 h (6 h credited), outage 2 runs 5 h with no report (5 h, and a note); 11 h →
    /// 0.60 + 0.50 = €1.10. From the outage start: 15 h → €1.50.
    #[test]
    fn a_period_credits_each_outage_from_its_own_clock() {
        let claim: ClaimFile = toml::from_str(
            r#"
            [plan]
            currency = "EUR"
            time_zone = "UTC"
            [[plan.services]]
            kind = "internet"
            monthly_price = "72"
            [[outages]]
            services = ["internet"]
            start = "2025-06-02T08:00:00Z"
            end = "2025-06-02T18:00:00Z"
            reported = "2025-06-02T12:00:00Z"
            [[outages]]
            services = ["internet"]
            start = "2025-06-10T08:00:00Z"
            end = "2025-06-10T13:00:00Z"
            "#,
        )
        .unwrap();
        let from_report = assess(&claim, &policy(Clock::from_report())).unwrap();
        assert_eq!(from_report.total.to_string(), "1.10");
        assert!(
            from_report
                .notes
                .iter()
                .any(|n| n.contains("no report time")),
            "{from_report}"
        );
        let from_start = assess(&claim, &policy(Clock::default())).unwrap();
        assert_eq!(from_start.total.to_string(), "1.50");
    }
}
