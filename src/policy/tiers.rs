//! Threshold tiers over a period: the highest tier a measure passes pays its amount
//! (Victoria's guaranteed service levels: more than 18, 30 or 60 hours a year).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Amount;
use crate::span::Span;

/// What a tier table measures over a period.
///
/// # Example
/// ```
/// use redress::{policy::Measure, Span};
/// // Victoria: unplanned sustained interruptions are those longer than 3 minutes.
/// let m = Measure::Count { longer_than: Span::minutes(3) };
/// assert_ne!(m, Measure::Hours);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Measure {
    /// Hours of outage in the period, added up.
    Hours,
    /// The number of outages in the period longer than a span.
    Count {
        /// Shorter outages are not counted.
        longer_than: Span,
    },
}

/// One tier: a measure of more than `more_than` pays `amount`.
///
/// # Example
/// ```
/// use redress::policy::{Amount, ThresholdTier};
/// let t = ThresholdTier::new(18.into(), Amount::Fixed(130.into()));
/// assert_eq!(t.more_than, 18.into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ThresholdTier {
    /// The threshold (exclusive: "more than").
    pub more_than: Decimal,
    /// What the tier pays.
    pub amount: Amount,
}

/// Pays the amount of the highest tier the period's measure exceeds (one payment per table).
///
/// # Example
/// ```
/// use redress::policy::*;
/// let hours = Tiers::new(Measure::Hours, vec![
///     ThresholdTier::new(18.into(), Amount::Fixed(130.into())),
///     ThresholdTier::new(30.into(), Amount::Fixed(190.into())),
/// ]);
/// assert_eq!(hours.tiers.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Tiers {
    /// What is measured.
    pub measure: Measure,
    /// The tiers, in any order; the highest threshold passed pays.
    pub tiers: Vec<ThresholdTier>,
}

impl ThresholdTier {
    /// A tier paying `amount` for a measure of more than `more_than`.
    ///
    /// # Example
    /// ```
    /// use redress::policy::{Amount, ThresholdTier};
    /// assert_eq!(ThresholdTier::new(60.into(), Amount::Fixed(390.into())).more_than, 60.into());
    /// ```
    pub fn new(more_than: Decimal, amount: Amount) -> ThresholdTier {
        ThresholdTier { more_than, amount }
    }
}

impl Tiers {
    /// A table of tiers over a measure.
    ///
    /// # Example
    /// ```
    /// use redress::policy::{Amount, Measure, ThresholdTier, Tiers};
    /// let table = Tiers::new(Measure::Hours, vec![ThresholdTier::new(18.into(), Amount::Fixed(130.into()))]);
    /// assert_eq!(table.measure, Measure::Hours);
    /// ```
    pub fn new(measure: Measure, tiers: Vec<ThresholdTier>) -> Tiers {
        Tiers { measure, tiers }
    }
}
