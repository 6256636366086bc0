//! The itemised claim: what is owed under one policy, line by line, with the
//! arithmetic a person can check by hand.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{Currency, Money};
use crate::plan::ServiceKind;
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
        /// The monthly price.
        monthly_price: Decimal,
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

fn hours_text(seconds: i64) -> String {
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

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Basis::Fixed { amount } => write!(f, "{amount}"),
            Basis::PerUnit { count, units, bands, .. } => {
                for (i, band) in bands.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" + ")?;
                    }
                    write!(f, "{} {} × {}", band.units, unit_text(count, band.units), band.rate)?;
                }
                if bands.len() > 1 {
                    write!(f, " ({units} in all)")?;
                }
                Ok(())
            }
            Basis::ProRata {
                basis,
                monthly_price,
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
                let over = match basis {
                    ProRataBasis::BillingPeriod => "the billing period",
                    ProRataBasis::CalendarMonth => "the calendar month",
                    ProRataBasis::ThirtyDays => "30 days",
                };
                write!(
                    f,
                    "{monthly_price}{times} × {} / {} ({over})",
                    hours_text(*elapsed_seconds),
                    hours_text(*period_seconds)
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
                uptime_percent.round_dp(5),
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
                write!(f, "{} {what} > {more_than} → {amount}", value.round_dp(2).normalize())
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

/// One line of a claim.
///
/// # Example
/// ```
/// # use redress::*;
/// # let claim = redress::doc_example_claim()?;
/// let line = &claim.lines[0];
/// assert_eq!(line.amount.to_string(), "8.00");
/// assert_eq!(line.service, Some(ServiceKind::Internet));
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditLine {
    /// What the line is for, in plain words.
    pub description: String,
    /// The provision that produced it.
    pub provision: String,
    /// The clause it cites.
    pub clause: String,
    /// The service concerned, when the line is for one service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceKind>,
    /// Indices of the claim file's outages behind the line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outages: Vec<usize>,
    /// Index of the appointment behind the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment: Option<usize>,
    /// Index of the activation behind the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activation: Option<usize>,
    /// The period the line concerns, for period rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Window>,
    /// The working.
    pub basis: Basis,
    /// Caps and minimums applied after the rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    /// The amount before rounding.
    pub unrounded: Decimal,
    /// The amount, rounded by the policy's rule.
    pub amount: Decimal,
    /// Paid without a request.
    pub automatic: bool,
    /// By when to claim it (or when it is due), if the policy says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
}

/// What one policy owes: lines, their exact total, and notes.
///
/// `total` is always the exact sum of the rounded `amount`s of the lines.
/// `Display` renders the whole claim with its arithmetic.
///
/// # Example
/// ```
/// let claim = redress::doc_example_claim()?;
/// assert_eq!(claim.total.to_string(), "14.50");
/// assert!(claim.automatic);
/// let text = claim.to_string();
/// assert!(text.contains("3 started 24h blocks × 79.99 / 30"));
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The policy's id.
    pub policy: String,
    /// The policy's title.
    pub title: String,
    /// The policy's citation.
    pub citation: String,
    /// The currency.
    pub currency: Currency,
    /// The sum of the lines.
    pub total: Decimal,
    /// True only when every line with an amount is paid without a request.
    pub automatic: bool,
    /// The lines.
    pub lines: Vec<CreditLine>,
    /// Assumptions, deadlines, and why anything was not owed.
    pub notes: Vec<String>,
}

impl Claim {
    /// The total as money.
    ///
    /// # Example
    /// ```
    /// let claim = redress::doc_example_claim()?;
    /// assert_eq!(claim.total_money().to_string(), "14.50 USD");
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn total_money(&self) -> Money {
        Money::new(self.total, self.currency)
    }

    /// The part of the total owed only on request.
    ///
    /// # Example
    /// ```
    /// let claim = redress::doc_example_claim()?;
    /// assert!(claim.on_request_total().is_zero());
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn on_request_total(&self) -> Decimal {
        self.lines
            .iter()
            .filter(|l| !l.automatic)
            .map(|l| l.amount)
            .sum()
    }

    /// The earliest deadline of any line owed on request.
    pub fn earliest_deadline(&self) -> Option<NaiveDate> {
        self.lines
            .iter()
            .filter(|l| !l.automatic && !l.amount.is_zero())
            .filter_map(|l| l.deadline)
            .min()
    }
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} — {}", self.policy, self.title)?;
        if !self.citation.is_empty() {
            writeln!(f, "  {}", self.citation)?;
        }
        for (i, line) in self.lines.iter().enumerate() {
            let how = if line.automatic {
                "automatic"
            } else {
                "on request"
            };
            writeln!(f, "  {}. {}", i + 1, line.description)?;
            if line.unrounded == line.amount {
                write!(f, "     {} = {}", line.basis, line.amount)?;
            } else {
                write!(
                    f,
                    "     {} = {} → {}",
                    line.basis,
                    line.unrounded.normalize(),
                    line.amount
                )?;
            }
            writeln!(f, " {} [{how}]", self.currency)?;
            for adjustment in &line.adjustments {
                match adjustment {
                    Adjustment::Capped { before, cap } => writeln!(
                        f,
                        "     capped: {} down to the cap of {}",
                        before.normalize(),
                        cap
                    )?,
                    Adjustment::BelowMinimum { before, more_than } => writeln!(
                        f,
                        "     not paid: {} is not more than the minimum {more_than}",
                        before.normalize()
                    )?,
                }
            }
            if let (false, Some(deadline)) = (line.automatic, line.deadline) {
                writeln!(f, "     claim by {deadline}")?;
            }
        }
        let how = if self.automatic {
            "paid automatically"
        } else if self.total.is_zero() {
            "nothing owed"
        } else {
            "must be requested"
        };
        writeln!(f, "  Total: {} {} ({how})", self.total, self.currency)?;
        for note in &self.notes {
            writeln!(f, "  Note: {note}")?;
        }
        Ok(())
    }
}
