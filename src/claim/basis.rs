//! The working behind a claim line: the figures that went in and how they combine,
//! rendered as arithmetic a person can redo by hand.

use std::fmt;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::policy::{Counting, DayKind, LastDay, Measure, ProRataBasis, UnitCount};
use crate::span::Span;

/// How an amount was found: the numbers behind one rate or sum.
///
/// # Example
/// ```
/// use redress::claim::Figure;
/// let f = Figure::DailyRate { monthly_price: "79.99".parse().unwrap(), days: 30, amount: "2.6663".parse().unwrap() };
/// assert_eq!(f.to_string(), "79.99 / 30");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
#[non_exhaustive]
pub enum Figure {
    /// A fixed sum.
    Fixed {
        /// The sum.
        amount: Decimal,
    },
    /// A share of the monthly price.
    ShareOfMonthly {
        /// The share (0.10 = 10 %).
        share: Decimal,
        /// The monthly price it is a share of.
        monthly_price: Decimal,
        /// The result.
        amount: Decimal,
    },
    /// A monthly price divided into days.
    DailyRate {
        /// The monthly price.
        monthly_price: Decimal,
        /// The days it is divided by.
        days: u32,
        /// The result, unrounded.
        amount: Decimal,
    },
    /// The greatest of several figures.
    GreaterOf {
        /// The candidates.
        options: Vec<Figure>,
        /// The greatest.
        amount: Decimal,
    },
    /// A figure rounded before use.
    Rounded {
        /// The figure before rounding.
        of: Box<Figure>,
        /// The rounded value.
        amount: Decimal,
    },
}

impl Figure {
    /// The figure's value.
    ///
    /// # Example
    /// ```
    /// let f = redress::claim::Figure::Fixed { amount: 5.into() };
    /// assert_eq!(f.amount(), 5.into());
    /// ```
    pub fn amount(&self) -> Decimal {
        match self {
            Figure::Fixed { amount }
            | Figure::ShareOfMonthly { amount, .. }
            | Figure::DailyRate { amount, .. }
            | Figure::GreaterOf { amount, .. }
            | Figure::Rounded { amount, .. } => *amount,
        }
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Fixed { amount } => write!(f, "{amount}"),
            Figure::ShareOfMonthly {
                share,
                monthly_price,
                amount,
            } => write!(
                f,
                "{}% × {monthly_price} = {}",
                (share * Decimal::ONE_HUNDRED).normalize(),
                amount.normalize()
            ),
            Figure::DailyRate {
                monthly_price,
                days,
                ..
            } => write!(f, "{monthly_price} / {days}"),
            Figure::GreaterOf { options, .. } => {
                f.write_str("max(")?;
                for (i, option) in options.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{option}")?;
                }
                f.write_str(")")
            }
            Figure::Rounded { of, amount } => write!(f, "{of} → {amount}"),
        }
    }
}

/// Units paid at one band's rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandUse {
    /// How many units.
    pub units: u64,
    /// The rate per unit.
    pub rate: Figure,
    /// units × rate, unrounded.
    pub amount: Decimal,
}

/// The structured working behind one line: which numbers went in and how.
///
/// `Display` renders it as arithmetic a person can redo by hand.
///
/// # Example
/// ```
/// use redress::claim::{Basis, Figure};
/// let b = Basis::Fixed { amount: Figure::Fixed { amount: "30.49".parse().unwrap() } };
/// assert_eq!(b.to_string(), "30.49");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
#[non_exhaustive]
pub enum Basis {
    /// A fixed amount for the item.
    Fixed {
        /// How the amount was found.
        amount: Figure,
    },
    /// Units × rate.
    PerUnit {
        /// What a unit is.
        count: UnitCount,
        /// How many units.
        units: u64,
        /// Units counted from (after clock and grace), for outages.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<DateTime<Utc>>,
        /// Units counted to (restoration or `as_of`), for outages.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to: Option<DateTime<Utc>>,
        /// Units by rate band.
        bands: Vec<BandUse>,
    },
    /// Price × multiplier × time out ÷ period.
    ProRata {
        /// The period divided over.
        basis: ProRataBasis,
        /// The monthly price (or, with `average_bill`, the average monthly bill).
        monthly_price: Decimal,
        /// Whether the amount prorated is the service's average monthly bill of the
        /// three months before (RD 899/2009 art. 15(a)), not its price.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        average_bill: bool,
        /// The multiple of it.
        multiplier: Decimal,
        /// Time out from.
        from: DateTime<Utc>,
        /// Time out to.
        to: DateTime<Utc>,
        /// Seconds out.
        elapsed_seconds: i64,
        /// Seconds in the period.
        period_seconds: i64,
        /// The period's start (absent for a fixed 30 days).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        period_start: Option<DateTime<Utc>>,
        /// The period's end.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        period_end: Option<DateTime<Utc>>,
    },
    /// Base + further periods × step.
    Escalating {
        /// Seconds from the clock to restoration.
        elapsed_seconds: i64,
        /// The standard.
        standard: Span,
        /// The base payment.
        base: Figure,
        /// The further period's length.
        every: Span,
        /// How many further periods count.
        further_periods: u64,
        /// The payment per further period.
        step: Figure,
        /// Started or complete periods.
        counting: Counting,
    },
    /// A cloud uptime tier.
    Uptime {
        /// Minutes in the billing period.
        period_minutes: i64,
        /// Whole minutes down.
        downtime_minutes: i64,
        /// The uptime percentage, unrounded.
        uptime_percent: Decimal,
        /// The tier's credit percentage.
        credit_percent: Decimal,
        /// The charges it is a percentage of.
        charges: Decimal,
    },
    /// A threshold tier.
    Threshold {
        /// What was measured.
        measure: Measure,
        /// The measured value.
        value: Decimal,
        /// The tier's threshold.
        more_than: Decimal,
        /// What the tier pays.
        amount: Figure,
    },
}

pub(crate) fn hours_text(seconds: i64) -> String {
    let hours = seconds / 3600;
    let minutes = (seconds % 3600) / 60;
    let secs = seconds % 60;
    match (minutes, secs) {
        (0, 0) => format!("{hours}h"),
        (m, 0) => format!("{hours}h{m:02}m"),
        (m, s) => format!("{hours}h{m:02}m{s:02}s"),
    }
}

fn unit_text(count: &UnitCount, units: u64) -> String {
    let plural = if units == 1 { "" } else { "s" };
    match count {
        UnitCount::PerIncident(_) => format!("unit{plural}"),
        UnitCount::Blocks { length, counting } => match counting {
            Counting::Started => format!("started {length} block{plural}"),
            Counting::Complete => format!("complete {length} block{plural}"),
        },
        UnitCount::CompleteLocalDays { last_day } => match last_day {
            LastDay::Unpaid => format!("whole day{plural} out"),
            LastDay::Paid => format!("day{plural} out (restoration day included)"),
        },
        UnitCount::LocalDaysMoreThan(span) => format!("day{plural} with more than {span} out"),
        UnitCount::Days(DayKind::Calendar) => format!("day{plural}"),
        UnitCount::Days(DayKind::Working) => format!("working day{plural}"),
    }
}

/// Each band's units times its rate, added, and the units in all when there are
/// several bands.
fn write_bands(
    f: &mut fmt::Formatter<'_>,
    count: &UnitCount,
    units: u64,
    bands: &[BandUse],
) -> fmt::Result {
    for (i, band) in bands.iter().enumerate() {
        if i > 0 {
            f.write_str(" + ")?;
        }
        write!(
            f,
            "{} {} × {}",
            band.units,
            unit_text(count, band.units),
            band.rate
        )?;
    }
    if bands.len() > 1 {
        write!(f, " ({units} in all)")?;
    }
    Ok(())
}

/// What a pro-rata share is a share of.
fn period_text(basis: ProRataBasis) -> &'static str {
    match basis {
        ProRataBasis::BillingPeriod => "the billing period",
        ProRataBasis::CalendarMonth => "the calendar month",
        ProRataBasis::ThirtyDays => "30 days",
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Basis::Fixed { amount } => write!(f, "{amount}"),
            Basis::PerUnit {
                count,
                units,
                bands,
                ..
            } => write_bands(f, count, *units, bands),
            Basis::ProRata {
                basis,
                monthly_price,
                average_bill,
                multiplier,
                elapsed_seconds,
                period_seconds,
                ..
            } => {
                let times = if *multiplier == Decimal::ONE {
                    String::new()
                } else {
                    format!(" × {multiplier}")
                };
                let of = if *average_bill {
                    " (average monthly bill)"
                } else {
                    ""
                };
                write!(
                    f,
                    "{monthly_price}{of}{times} × {} / {} ({})",
                    hours_text(*elapsed_seconds),
                    hours_text(*period_seconds),
                    period_text(*basis)
                )
            }
            Basis::Escalating {
                elapsed_seconds,
                standard,
                base,
                every,
                further_periods,
                step,
                counting,
            } => {
                let kind = match counting {
                    Counting::Started => "started",
                    Counting::Complete => "complete",
                };
                write!(
                    f,
                    "{base} + {further_periods} × {step} ({} out against a {standard} standard; {further_periods} {kind} further {every} period{})",
                    hours_text(*elapsed_seconds),
                    if *further_periods == 1 { "" } else { "s" }
                )
            }
            Basis::Uptime {
                period_minutes,
                downtime_minutes,
                uptime_percent,
                credit_percent,
                charges,
            } => write!(
                f,
                "uptime {}% ({downtime_minutes} of {period_minutes} minutes down) → {}% × {charges}",
                super::approx::figure(*uptime_percent, 5),
                credit_percent.normalize()
            ),
            Basis::Threshold {
                measure,
                value,
                more_than,
                amount,
            } => {
                let what = match measure {
                    Measure::Hours => "hours out",
                    Measure::Count { .. } => "outages",
                };
                write!(
                    f,
                    "{} {what} > {more_than} → {amount}",
                    super::approx::figure(*value, 2)
                )
            }
        }
    }
}

/// A change made to a line after its rule priced it.
///
/// # Example
/// ```
/// use redress::claim::{Adjustment, Figure};
/// let a = Adjustment::Capped { before: 2100.into(), cap: Figure::Fixed { amount: 2000.into() } };
/// assert!(matches!(a, Adjustment::Capped { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
#[non_exhaustive]
pub enum Adjustment {
    /// Brought down to a cap.
    Capped {
        /// The amount before the cap.
        before: Decimal,
        /// The cap.
        cap: Figure,
    },
    /// Not paid: the total was not above the minimum payout.
    BelowMinimum {
        /// The amount before.
        before: Decimal,
        /// Only more than this is paid.
        more_than: Decimal,
    },
}

/// A period a line concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// First instant.
    pub start: DateTime<Utc>,
    /// First instant after.
    pub end: DateTime<Utc>,
}
