//! Cloud SLA credits: a percentage of the month's charges, by the tier the month's
//! uptime falls in.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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
#[non_exhaustive]
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
        Tier::with_bounds(
            from,
            Inclusion::Inclusive,
            to,
            Inclusion::Exclusive,
            credit_percent,
        )
    }

    /// A tier whose ends are included or not as stated (GCP's "≥ 99.0% and < 99.99%";
    /// another SLA's "at or below 99.0%").
    ///
    /// # Example
    /// ```
    /// use redress::policy::{Inclusion, Tier};
    /// let t = Tier::with_bounds(95.into(), Inclusion::Exclusive, 99.into(), Inclusion::Inclusive, 25.into());
    /// assert!(t.contains(99.into()));
    /// assert!(!t.contains(95.into()));
    /// ```
    pub fn with_bounds(
        from: Decimal,
        from_bound: Inclusion,
        to: Decimal,
        to_bound: Inclusion,
        credit_percent: Decimal,
    ) -> Tier {
        Tier {
            from,
            from_bound,
            to,
            to_bound,
            credit_percent,
        }
    }

    /// Whether an uptime percentage falls in the tier.
    pub fn contains(&self, uptime: Decimal) -> bool {
        self.contains_ratio(uptime, Decimal::ONE)
    }

    /// Whether `numerator / denominator` (a percentage, denominator > 0) falls in the
    /// tier, decided without dividing, so no rounding can move a boundary.
    pub(crate) fn contains_ratio(&self, numerator: Decimal, denominator: Decimal) -> bool {
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
/// let aws = UptimeTiers::new(vec![
///     Tier::new(d("99.0"), d("99.99"), d("10")),
///     Tier::new(d("95.0"), d("99.0"), d("30")),
///     Tier::new(d("0"), d("95.0"), d("100")),
/// ]);
/// assert_eq!(aws.tiers.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct UptimeTiers {
    /// The tiers; the first that contains the uptime applies.
    pub tiers: Vec<Tier>,
}

impl UptimeTiers {
    /// Tiers of uptime over each billing period; the first that holds the uptime
    /// applies.
    ///
    /// # Example
    /// ```
    /// use redress::policy::{Tier, UptimeTiers};
    /// let one = UptimeTiers::new(vec![Tier::new(0.into(), 100.into(), 10.into())]);
    /// assert_eq!(one.tiers.len(), 1);
    /// ```
    pub fn new(tiers: Vec<Tier>) -> UptimeTiers {
        UptimeTiers { tiers }
    }
}
