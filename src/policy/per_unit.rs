//! Per-unit credits: count units of lost service (24-hour blocks, local days,
//! working days late) after a clock and a grace period, and pay a rate per unit
//! that may change with the unit's index (TKG's day bands, the CSG's sixth day).

use serde::{Deserialize, Serialize};

use super::Amount;
use crate::span::Span;

/// Where a rule's clock starts.
///
/// # Example
/// ```
/// assert_eq!(redress::policy::ClockStart::default(), redress::policy::ClockStart::OutageStart);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ClockStart {
    /// When service was lost.
    #[default]
    OutageStart,
    /// When the customer reported it (the outage start, with a note, when no report is given).
    Report,
}

/// A rule's clock: where it starts, and for power-caused outages whether it waits
/// for power to return.
///
/// # Example
/// ```
/// use redress::{policy::{Clock, ClockStart}, Span};
/// // New York PSC: with a commercial-power cause the credit period starts 24 hours after power returns.
/// let ny = Clock::default().with_power_restored_delay(Span::hours(24));
/// assert_ne!(ny, Clock::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Clock {
    /// Where the clock starts.
    #[serde(default)]
    pub start: ClockStart,
    /// For outages with `cause = "power"` and a `power_restored` time: the clock starts
    /// no earlier than this long after power returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_power_restored: Option<Span>,
}

impl Clock {
    /// A clock starting at the outage's start, or at the customer's report.
    ///
    /// # Example
    /// ```
    /// use redress::policy::{Clock, ClockStart};
    /// assert_eq!(Clock::new(ClockStart::Report), Clock::from_report());
    /// ```
    pub fn new(start: ClockStart) -> Clock {
        Clock {
            start,
            after_power_restored: None,
        }
    }

    /// The clock, for an outage caused by a loss of commercial power, starting no
    /// earlier than `delay` after power returned.
    ///
    /// # Example
    /// ```
    /// use redress::{policy::Clock, Span};
    /// let ny = Clock::default().with_power_restored_delay(Span::hours(24));
    /// assert_eq!(ny.after_power_restored, Some(Span::hours(24)));
    /// ```
    pub fn with_power_restored_delay(mut self, delay: Span) -> Clock {
        self.after_power_restored = Some(delay);
        self
    }

    /// A clock from the customer's report.
    pub fn from_report() -> Clock {
        Clock {
            start: ClockStart::Report,
            after_power_restored: None,
        }
    }
}

/// How long after the clock starts the provider has before anything is owed.
///
/// # Example
/// ```
/// use redress::policy::Grace;
/// // Ofcom: fixed by 23:59 on the 2nd working day after the day of the report.
/// let ofcom = Grace::WorkingDays(2);
/// // TKG §58(3): not removed within two calendar days after the report.
/// let tkg = Grace::CalendarDays(2);
/// assert_ne!(ofcom, tkg);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Grace {
    /// None: units count from the clock's start.
    #[default]
    None,
    /// An elapsed span from the clock's start.
    Elapsed(Span),
    /// To the end of the n-th local calendar day after the clock's day (the clock's
    /// day is day 0); units count from the start of day n + 1.
    CalendarDays(u32),
    /// To the end of the n-th working day after the clock's day, in the customer's
    /// region's calendar; units count from the start of the following day.
    WorkingDays(u32),
}

/// Started or complete periods, for every "each further N hours" rule.
///
/// # Example
/// ```
/// assert_ne!(redress::policy::Counting::Started, redress::policy::Counting::Complete);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Counting {
    /// Each period begun counts (⌈t / period⌉).
    Started,
    /// Only periods completed count (⌊t / period⌋).
    Complete,
}

/// Whether the day service came back is paid when it was not a whole day out.
///
/// # Example
/// ```
/// assert_ne!(redress::policy::LastDay::Unpaid, redress::policy::LastDay::Paid);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum LastDay {
    /// Only whole days out are paid; the day of restoration is not.
    Unpaid,
    /// The day of restoration is paid too, if any of it was out.
    Paid,
}

/// Calendar days or working days.
///
/// # Example
/// ```
/// assert_ne!(redress::policy::DayKind::Calendar, redress::policy::DayKind::Working);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DayKind {
    /// Every local calendar day.
    Calendar,
    /// Monday to Friday, less the region's holidays.
    Working,
}

/// What one unit of a per-unit rule is.
///
/// # Example
/// ```
/// use redress::{policy::{UnitCount, Counting}, Span};
/// // New York PSC: "for each 24 hours or fraction".
/// let ny = UnitCount::Blocks { length: Span::hours(24), counting: Counting::Started };
/// assert_ne!(ny, UnitCount::PerIncident(1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[non_exhaustive]
pub enum UnitCount {
    /// A fixed number of units per item, however long ("5 days of service").
    PerIncident(u32),
    /// Blocks of elapsed time counted from the end of the grace period.
    Blocks {
        /// One block's length.
        length: Span,
        /// Started or complete blocks.
        counting: Counting,
    },
    /// Whole local days out after the grace period (TKG's "each day of complete outage").
    CompleteLocalDays {
        /// Whether the day of restoration is paid.
        last_day: LastDay,
    },
    /// Local days with more than this much outage after the grace period
    /// (New Jersey: "each calendar day, or part of a day if more than 6 hours").
    LocalDaysMoreThan(Span),
    /// Every local day (or working day) from the first compensable day through the day
    /// service returned, inclusive: Ofcom's "restoration date − deadline date", and for
    /// activations the days from the promised date (exclusive) to delivery (inclusive).
    Days(DayKind),
}

/// The rate from one unit index on: units `from_unit`, `from_unit + 1`, … are paid
/// `rate` until the next band begins. Units are numbered from 1.
///
/// # Example
/// ```
/// use redress::policy::{Band, Amount};
/// let b = Band::new(1, Amount::Fixed("9.98".parse().unwrap()));
/// assert_eq!(b.from_unit, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Band {
    /// The first unit (1-based) paid at this rate.
    pub from_unit: u32,
    /// The rate per unit.
    pub rate: Amount,
}

impl Band {
    /// Units from `from_unit` on (1-based) paid at `rate`.
    ///
    /// # Example
    /// ```
    /// use redress::policy::{Amount, Band};
    /// assert_eq!(Band::new(6, Amount::Fixed(10.into())).from_unit, 6);
    /// ```
    pub fn new(from_unit: u32, rate: Amount) -> Band {
        Band { from_unit, rate }
    }
}

/// Units × rate: count units of lost service after a clock and a grace period and
/// pay a rate for each, by bands of the unit's index.
///
/// # Example
/// ```
/// use redress::policy::*;
/// // Ofcom delayed repair: one daily rate per day from the missed deadline to restoration.
/// let ofcom = PerUnit::new(UnitCount::Days(DayKind::Calendar), Amount::Fixed("9.98".parse().unwrap()))
///     .with_clock(Clock::from_report())
///     .with_grace(Grace::WorkingDays(2));
/// assert_eq!(ofcom.bands.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PerUnit {
    /// Where counting starts.
    #[serde(default)]
    pub clock: Clock,
    /// How long the provider has before units count.
    #[serde(default)]
    pub grace: Grace,
    /// What a unit is.
    pub count: UnitCount,
    /// The rate per unit, by bands of the unit's index (the first band must start at unit 1).
    pub bands: Vec<Band>,
}

impl PerUnit {
    /// A flat rate per unit, counted from the outage start with no grace.
    pub fn new(count: UnitCount, rate: Amount) -> PerUnit {
        PerUnit {
            clock: Clock::default(),
            grace: Grace::None,
            count,
            bands: vec![Band { from_unit: 1, rate }],
        }
    }

    /// A rate per unit that changes with the unit's index.
    ///
    /// # Example
    /// ```
    /// use redress::policy::*;
    /// // TKG §58(3): days 3-4 max(€5, 10 %), from day 5 max(€10, 20 %): units 1-2, then 3 on.
    /// let tkg = PerUnit::banded(UnitCount::CompleteLocalDays { last_day: LastDay::Unpaid }, vec![
    ///     Band::new(1, Amount::GreaterOf(vec![Amount::Fixed(5.into()), Amount::ShareOfMonthly("0.1".parse().unwrap())])),
    ///     Band::new(3, Amount::GreaterOf(vec![Amount::Fixed(10.into()), Amount::ShareOfMonthly("0.2".parse().unwrap())])),
    /// ]);
    /// assert_eq!(tkg.bands.len(), 2);
    /// ```
    pub fn banded(count: UnitCount, bands: Vec<Band>) -> PerUnit {
        PerUnit {
            clock: Clock::default(),
            grace: Grace::None,
            count,
            bands,
        }
    }

    /// The rule with another clock.
    pub fn with_clock(mut self, clock: Clock) -> PerUnit {
        self.clock = clock;
        self
    }

    /// The rule with a grace period.
    pub fn with_grace(mut self, grace: Grace) -> PerUnit {
        self.grace = grace;
        self
    }
}
