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
/// let t = redress::policy::ThresholdTier { more_than: 18.into(), amount: redress::policy::Amount::Fixed(130.into()) };
/// assert_eq!(t.more_than, 18.into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
/// let hours = Tiers { measure: Measure::Hours, tiers: vec![
///     ThresholdTier { more_than: 18.into(), amount: Amount::Fixed(130.into()) },
///     ThresholdTier { more_than: 30.into(), amount: Amount::Fixed(190.into()) },
/// ]};
/// assert_eq!(hours.tiers.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tiers {
    /// What is measured.
    pub measure: Measure,
    /// The tiers, in any order; the highest threshold passed pays.
    pub tiers: Vec<ThresholdTier>,
}
