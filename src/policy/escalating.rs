//! A base payment once a standard is missed, plus a step for each further period
//! (Ofgem's guaranteed standards, New York PSL §73, water supply standards).

use serde::{Deserialize, Serialize};

use super::{Amount, Clock, Counting};
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
