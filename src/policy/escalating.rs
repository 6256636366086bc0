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
/// let ofgem = Escalating::new(
///     Span::hours(12),
///     Amount::Fixed(95.into()),
///     Span::hours(12),
///     Amount::Fixed(45.into()),
///     Counting::Complete,
/// );
/// assert_eq!(ofgem.standard, Span::hours(12));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
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
    /// A base once `standard` is missed, plus `step` for each further `every`
    /// (complete or started, by `counting`), timed from the outage's start.
    ///
    /// # Example
    /// ```
    /// use redress::policy::{Amount, Counting, Escalating};
    /// use redress::Span;
    /// let rule = Escalating::new(Span::hours(24), Amount::Fixed(25.into()), Span::hours(12),
    ///     Amount::Fixed(25.into()), Counting::Complete);
    /// assert_eq!(rule.every, Span::hours(12));
    /// ```
    pub fn new(
        standard: Span,
        base: Amount,
        every: Span,
        step: Amount,
        counting: Counting,
    ) -> Escalating {
        Escalating {
            clock: Clock::default(),
            standard,
            base,
            every,
            step,
            counting,
        }
    }

    /// The rule timed by another clock.
    ///
    /// # Example
    /// ```
    /// use redress::policy::{Amount, Clock, Counting, Escalating};
    /// use redress::Span;
    /// let rule = Escalating::new(Span::hours(24), Amount::Fixed(25.into()), Span::hours(12),
    ///     Amount::Fixed(25.into()), Counting::Complete).with_clock(Clock::from_report());
    /// assert_eq!(rule.clock, Clock::from_report());
    /// ```
    pub fn with_clock(mut self, clock: Clock) -> Escalating {
        self.clock = clock;
        self
    }
}
