//! Cloud SLA credits: a percentage of the month's charges, by the tier the month's
//! uptime falls in.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::eval::{Context, Draft, Item, Outcome, What};
use crate::claim::Basis;
use crate::error::{Error, Result};

/// Whether a tier's bound belongs to the tier.
///
/// # Example
/// ```
/// assert_ne!(redress::policy::Inclusion::Inclusive, redress::policy::Inclusion::Exclusive);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Inclusion {
    /// The bound itself is in the tier (`>=` for a lower bound, `<=` for an upper).
    Inclusive,
    /// The bound is not (`>` or `<`).
    Exclusive,
}

/// One band of uptime percentages and the credit it earns.
///
/// # Example
/// ```
/// use redress::policy::Tier;
/// // AWS: "< 99.99 and >= 99.0 → 10 %".
/// let t = Tier::new("99.0".parse().unwrap(), "99.99".parse().unwrap(), 10.into());
/// assert!(t.contains("99.0".parse().unwrap()));
/// assert!(!t.contains("99.99".parse().unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// The lower bound, a percentage.
    pub from: Decimal,
    /// Whether the lower bound is in the tier (inclusive unless the source says otherwise).
    #[serde(default = "inclusive")]
    pub from_bound: Inclusion,
    /// The upper bound, a percentage.
    pub to: Decimal,
    /// Whether the upper bound is in the tier (exclusive unless the source says otherwise).
    #[serde(default = "exclusive")]
    pub to_bound: Inclusion,
    /// The credit, as a percentage of the month's charges.
    pub credit_percent: Decimal,
}

fn inclusive() -> Inclusion {
    Inclusion::Inclusive
}

fn exclusive() -> Inclusion {
    Inclusion::Exclusive
}

impl Tier {
    /// A tier `from <= uptime < to` earning `credit_percent`.
    pub fn new(from: Decimal, to: Decimal, credit_percent: Decimal) -> Tier {
        Tier {
            from,
            from_bound: Inclusion::Inclusive,
            to,
            to_bound: Inclusion::Exclusive,
            credit_percent,
        }
    }

    /// Whether an uptime percentage falls in the tier.
    pub fn contains(&self, uptime: Decimal) -> bool {
        self.contains_ratio(uptime, Decimal::ONE)
    }

    /// Whether `numerator / denominator` (a percentage, denominator > 0) falls in the
    /// tier, decided without dividing, so no rounding can move a boundary.
    fn contains_ratio(&self, numerator: Decimal, denominator: Decimal) -> bool {
        let cmp = |bound: Decimal| bound.checked_mul(denominator).map(|b| numerator.cmp(&b));
        let above = match (cmp(self.from), self.from_bound) {
            (Some(o), Inclusion::Inclusive) => o.is_ge(),
            (Some(o), Inclusion::Exclusive) => o.is_gt(),
            (None, _) => false,
        };
        let below = match (cmp(self.to), self.to_bound) {
            (Some(o), Inclusion::Inclusive) => o.is_le(),
            (Some(o), Inclusion::Exclusive) => o.is_lt(),
            (None, _) => false,
        };
        above && below
    }
}

/// Uptime tiers over each billing period: uptime = (minutes in the period − minutes
/// down) ÷ minutes in the period, where each outage counts in whole minutes (a
/// partial minute does not count). The tier is decided on the exact, unrounded ratio.
///
/// # Example
/// ```
/// use redress::policy::{UptimeTiers, Tier};
/// let d = |s: &str| s.parse().unwrap();
/// let aws = UptimeTiers { tiers: vec![
///     Tier::new(d("99.0"), d("99.99"), d("10")),
///     Tier::new(d("95.0"), d("99.0"), d("30")),
///     Tier::new(d("0"), d("95.0"), d("100")),
/// ]};
/// assert_eq!(aws.tiers.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UptimeTiers {
    /// The tiers; the first that contains the uptime applies.
    pub tiers: Vec<Tier>,
}

impl UptimeTiers {
    pub(crate) fn evaluate(&self, ctx: &Context<'_>, item: &Item<'_>) -> Result<Outcome> {
        let mut outcome = Outcome::default();
        let What::Window { start, end, spells } = &item.what else {
            return Err(ctx.invalid_rule("uptime tiers need billing periods"));
        };
        let period_minutes = (*end - *start).num_minutes();
        if period_minutes <= 0 {
            return Ok(outcome);
        }
        let downtime_minutes: i64 = spells.iter().map(|s| s.duration().num_minutes()).sum();
        let up = Decimal::from(period_minutes - downtime_minutes)
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or_else(|| Error::overflow("uptime percentage"))?;
        let minutes = Decimal::from(period_minutes);
        let uptime_percent = up
            .checked_div(minutes)
            .ok_or_else(|| Error::overflow("uptime percentage"))?;
        let Some(tier) = self.tiers.iter().find(|t| t.contains_ratio(up, minutes)) else {
            ctx.note(&mut outcome.notes, || {
                format!(
                    "{}: uptime {}% earns no credit.",
                    item.label(ctx),
                    uptime_percent.round_dp(5)
                )
            });
            return Ok(outcome);
        };
        let amount = item
            .monthly_price
            .checked_mul(tier.credit_percent)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .ok_or_else(|| Error::overflow("uptime credit"))?;
        outcome.drafts.push(Draft::new(
            amount,
            Basis::Uptime {
                period_minutes,
                downtime_minutes,
                uptime_percent,
                credit_percent: tier.credit_percent,
                charges: item.monthly_price,
            },
        ));
        Ok(outcome)
    }
}
