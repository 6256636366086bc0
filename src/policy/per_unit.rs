//! Per-unit credits: count units of lost service (24-hour blocks, local days,
//! working days late) after a clock and a grace period, and pay a rate per unit
//! that may change with the unit's index (TKG's day bands, the CSG's sixth day).

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::eval::{Context, Draft, Item, Outcome, What};
use super::Amount;
use crate::claim::{BandUse, Basis};
use crate::error::{Error, Result};
use crate::span::Span;
use crate::timeline::{
    complete_local_days, local_date, local_day_start, local_days_more_than, next_day_start, Spell,
};

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
/// let ny = Clock { start: ClockStart::OutageStart, after_power_restored: Some(Span::hours(24)) };
/// assert_ne!(ny, Clock::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(rename_all = "kebab-case")]
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
/// let b = Band { from_unit: 1, rate: Amount::Fixed("9.98".parse().unwrap()) };
/// assert_eq!(b.from_unit, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The first unit (1-based) paid at this rate.
    pub from_unit: u32,
    /// The rate per unit.
    pub rate: Amount,
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
    ///     Band { from_unit: 1, rate: Amount::GreaterOf(vec![Amount::Fixed(5.into()), Amount::ShareOfMonthly("0.1".parse().unwrap())]) },
    ///     Band { from_unit: 3, rate: Amount::GreaterOf(vec![Amount::Fixed(10.into()), Amount::ShareOfMonthly("0.2".parse().unwrap())]) },
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

    pub(crate) fn evaluate(&self, ctx: &Context<'_>, item: &Item<'_>) -> Result<Outcome> {
        let mut outcome = Outcome::default();
        let (units, from, to) = match &item.what {
            What::Incident(spell) => {
                let clock = clock_start(&self.clock, ctx, item, &mut outcome.notes)?;
                let from = compensable_from(self.grace, clock, ctx)?;
                if spell.end <= from {
                    ctx.note(&mut outcome.notes, || format!(
                        "{}: service was back by {}, within the grace period; nothing is owed for it.",
                        item.label(ctx),
                        ctx.local_text(from)
                    ));
                    return Ok(outcome);
                }
                (
                    self.count_units(ctx, from, spell.end)?,
                    Some(from),
                    Some(spell.end),
                )
            }
            What::Activation {
                activation, until, ..
            } => {
                let units = match self.count {
                    UnitCount::Days(kind) => days_after(ctx, activation.promised, *until, kind)?,
                    UnitCount::PerIncident(n) => u64::from(n),
                    _ => {
                        return Err(ctx
                            .invalid_rule("an activation is counted in days late or per incident"))
                    }
                };
                (units, None, None)
            }
            What::Appointment { .. } => match self.count {
                UnitCount::PerIncident(n) => (u64::from(n), None, None),
                _ => {
                    return Err(ctx.invalid_rule("an appointment can only be counted per incident"))
                }
            },
            What::Window { .. } => match self.count {
                UnitCount::PerIncident(n) => (u64::from(n), None, None),
                _ => {
                    return Err(ctx.invalid_rule(
                        "a period is counted per incident; count outages by each outage",
                    ))
                }
            },
        };
        if units == 0 {
            return Ok(outcome);
        }
        let mut amount = Decimal::ZERO;
        // The bands used are the line's working: kept only when the line keeps it.
        let mut uses = Vec::new();
        let mut price_band = |units_here: u64, band: &Band| -> Result<()> {
            let units = Decimal::from(units_here);
            let subtotal = if ctx.working {
                let figure = band.rate.figure(ctx, item)?;
                let subtotal = figure.times(units)?;
                uses.push(BandUse {
                    units: units_here,
                    rate: figure,
                    amount: subtotal,
                });
                subtotal
            } else {
                band.rate.times(ctx, item, units)?
            };
            amount = amount
                .checked_add(subtotal)
                .ok_or_else(|| Error::overflow("sum of per-unit bands"))?;
            Ok(())
        };
        // The split is checked whole before any band is priced, so a malformed rule
        // is reported as such whatever its rates.
        band_split(&self.bands, units, ctx, &mut |_, _| Ok(()))?;
        band_split(&self.bands, units, ctx, &mut price_band)?;
        outcome.drafts.push(Draft::new(
            amount,
            Basis::PerUnit {
                count: self.count,
                units,
                from,
                to,
                bands: uses,
            },
        ));
        Ok(outcome)
    }

    fn count_units(
        &self,
        ctx: &Context<'_>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<u64> {
        let units = match self.count {
            UnitCount::PerIncident(n) => u64::from(n),
            UnitCount::Blocks { length, counting } => {
                let block = length.as_seconds();
                if block <= 0 {
                    return Err(ctx.invalid_rule("a block must be longer than zero"));
                }
                // A block is started by any part of a second beyond the whole blocks.
                let elapsed = crate::timeline::elapsed(from, to);
                let seconds = elapsed.num_seconds();
                let whole = seconds / block;
                let beyond = seconds % block != 0 || elapsed.subsec_nanos() > 0;
                let started = whole + i64::from(beyond);
                to_units(match counting {
                    Counting::Started => started,
                    Counting::Complete => whole,
                })?
            }
            UnitCount::CompleteLocalDays { last_day } => {
                let whole = complete_local_days(from, to, ctx.zone)?;
                let partial_last = last_day == LastDay::Paid
                    && local_day_start(local_date(to, ctx.zone), ctx.zone)? != to;
                to_units(whole + i64::from(partial_last))?
            }
            UnitCount::LocalDaysMoreThan(span) => {
                to_units(local_days_more_than(from, to, ctx.zone, span.as_delta())?)?
            }
            UnitCount::Days(kind) => {
                let first = local_date(from, ctx.zone);
                let last = local_date(to, ctx.zone);
                let before_first = first
                    .pred_opt()
                    .ok_or_else(|| Error::overflow("the day before the first compensable day"))?;
                days_after(ctx, before_first, last, kind)?
            }
        };
        Ok(units)
    }
}

fn to_units(n: i64) -> Result<u64> {
    u64::try_from(n.max(0)).map_err(|_| Error::overflow("unit count"))
}

/// Days in `(after, through]`, calendar or working.
fn days_after(
    ctx: &Context<'_>,
    after: NaiveDate,
    through: NaiveDate,
    kind: DayKind,
) -> Result<u64> {
    if through <= after {
        return Ok(0);
    }
    match kind {
        DayKind::Calendar => to_units((through - after).num_days()),
        DayKind::Working => Ok(u64::from(ctx.calendar.working_days_between(after, through))),
    }
}

/// Splits `units` over the bands, calling `each` with (units paid at the band's rate,
/// band) in order.
fn band_split(
    bands: &[Band],
    units: u64,
    ctx: &Context<'_>,
    each: &mut dyn FnMut(u64, &Band) -> Result<()>,
) -> Result<()> {
    match bands.first() {
        Some(first) if first.from_unit == 1 => {}
        _ => return Err(ctx.invalid_rule("the first band must start at unit 1")),
    }
    for (i, band) in bands.iter().enumerate() {
        let start = u64::from(band.from_unit);
        if start > units {
            break;
        }
        let end = match bands.get(i + 1) {
            Some(next) if u64::from(next.from_unit) <= start => {
                return Err(ctx.invalid_rule("bands must start at increasing units"))
            }
            Some(next) => (u64::from(next.from_unit) - 1).min(units),
            None => units,
        };
        each(end - start + 1, band)?;
    }
    Ok(())
}

/// Where the clock starts for an incident.
pub(crate) fn clock_start(
    clock: &Clock,
    ctx: &Context<'_>,
    item: &Item<'_>,
    notes: &mut Vec<String>,
) -> Result<DateTime<Utc>> {
    let What::Incident(spell) = &item.what else {
        return Err(ctx.invalid_rule("a clock needs an outage"));
    };
    spell_clock_start(clock, ctx, spell, &|| item.label(ctx), notes)
}

/// Where the clock starts for one outage (or the part of it inside a period),
/// `label` naming it in notes (called only when a note is written). Never before the
/// spell's own start.
pub(crate) fn spell_clock_start(
    clock: &Clock,
    ctx: &Context<'_>,
    spell: &Spell,
    label: &dyn Fn() -> String,
    notes: &mut Vec<String>,
) -> Result<DateTime<Utc>> {
    let mut start = match clock.start {
        ClockStart::OutageStart => spell.start,
        ClockStart::Report => match spell.reported {
            Some(reported) => reported.max(spell.start),
            None => {
                ctx.note(notes, || {
                    format!(
                        "{}: no report time was given; the clock starts when the outage began ({}).",
                        label(),
                        ctx.local_text(spell.start)
                    )
                });
                spell.start
            }
        },
    };
    if let (Some(delay), crate::outage::Cause::Power) = (clock.after_power_restored, spell.cause) {
        match spell.power_restored {
            Some(restored) => {
                let after = restored
                    .checked_add_signed(delay.as_delta())
                    .ok_or_else(|| Error::overflow("power restoration + delay"))?;
                if after > start {
                    ctx.note(notes, || {
                        format!(
                            "{}: commercial power returned at {}; the credit period starts {} later, at {}.",
                            label(),
                            ctx.local_text(restored),
                            delay,
                            ctx.local_text(after)
                        )
                    });
                    start = after;
                }
            }
            None => ctx.note(notes, || {
                format!(
                    "{}: the cause is commercial power but no power_restored time was given; the clock starts when the outage began.",
                    label()
                )
            }),
        }
    }
    Ok(start)
}

/// The first instant units count from, after the grace period.
pub(crate) fn compensable_from(
    grace: Grace,
    clock: DateTime<Utc>,
    ctx: &Context<'_>,
) -> Result<DateTime<Utc>> {
    let day = || local_date(clock, ctx.zone);
    match grace {
        Grace::None => Ok(clock),
        Grace::Elapsed(span) => clock
            .checked_add_signed(span.as_delta())
            .ok_or_else(|| Error::overflow("clock + grace period")),
        Grace::CalendarDays(n) => {
            let last = crate::timeline::add_days(day(), i64::from(n))?;
            next_day_start(last, ctx.zone)
        }
        Grace::WorkingDays(n) => {
            let day = day();
            let last = ctx
                .calendar
                .add_working_days(day, n)
                .ok_or_else(|| Error::overflow(format!("{n} working days after {day}")))?;
            next_day_start(last, ctx.zone)
        }
    }
}
