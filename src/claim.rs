//! The itemised claim: what is owed under one policy, line by line, with the
//! arithmetic a person can check by hand.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

/// The item a line (or a note) is about, as its words name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Described {
    /// One outage, from its start to its restoration (or `as_of`).
    Outage {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        ongoing: bool,
    },
    /// A period (billing period, year, the whole account) holding outages.
    Period {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    /// A missed appointment.
    Appointment { date: NaiveDate },
    /// A late activation.
    Activation { promised: NaiveDate },
}

/// An instant as local wall-clock text: `2024-10-01 06:00 EDT`.
pub(crate) fn write_local(
    out: &mut impl fmt::Write,
    instant: DateTime<Utc>,
    zone: Tz,
) -> fmt::Result {
    write!(
        out,
        "{}",
        instant.with_timezone(&zone).format("%Y-%m-%d %H:%M %Z")
    )
}

fn write_services(out: &mut impl fmt::Write, services: &[ServiceKind]) -> fmt::Result {
    for (i, service) in services.iter().enumerate() {
        if i > 0 {
            out.write_str(" and ")?;
        }
        out.write_str(service.as_str())?;
    }
    Ok(())
}

/// An item's short name, for notes: "internet outage from 2024-10-01 06:00 EDT".
pub(crate) fn write_label(
    out: &mut impl fmt::Write,
    services: &[ServiceKind],
    what: &Described,
    zone: Tz,
) -> fmt::Result {
    match what {
        Described::Outage { start, .. } => {
            write_services(out, services)?;
            out.write_str(" outage from ")?;
            write_local(out, *start, zone)
        }
        Described::Period { start, end } => {
            let last_day = end.with_timezone(&zone).date_naive();
            let last = last_day.pred_opt().unwrap_or(last_day);
            write_services(out, services)?;
            write!(
                out,
                " outages in the period {} to {last}",
                start.with_timezone(&zone).date_naive()
            )
        }
        Described::Appointment { date } => write!(out, "missed appointment on {date}"),
        Described::Activation { promised } => write!(out, "activation promised for {promised}"),
    }
}

/// What a line is for, in plain words: "Outage credit (Case 22-M-0180 outage credit
/// rule): internet outage 2024-10-01 06:00 EDT → 2024-10-03 11:00 EDT".
///
/// An assessment keeps the parts (provision, clause, services, the item and the
/// zone) and renders the words only when the line is shown or serialised, so
/// assessing many accounts formats no text. It serialises as the string and reads
/// back from one; two descriptions are equal when their words are.
///
/// # Example
/// ```
/// let claim = redress::doc_example_claim()?;
/// let words = claim.lines[0].description.to_string();
/// assert!(words.starts_with("Outage credit"), "{words}");
/// assert_eq!(claim.lines[0].description, redress::claim::Description::from(words));
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Clone)]
pub struct Description(DescriptionRepr);

#[derive(Clone)]
enum DescriptionRepr {
    Text(String),
    Parts {
        provision: String,
        clause: String,
        /// Inline: a line names one service, or a few.
        services: smallvec::SmallVec<[ServiceKind; 2]>,
        what: Described,
        zone: Tz,
    },
}

impl Description {
    /// A description from its parts, rendered when shown.
    pub(crate) fn from_parts(
        provision: &str,
        clause: &str,
        services: &[ServiceKind],
        what: Described,
        zone: Tz,
    ) -> Description {
        Description(DescriptionRepr::Parts {
            provision: provision.to_owned(),
            clause: clause.to_owned(),
            services: services.iter().cloned().collect(),
            what,
            zone,
        })
    }
}

impl From<String> for Description {
    fn from(text: String) -> Description {
        Description(DescriptionRepr::Text(text))
    }
}

impl From<&str> for Description {
    fn from(text: &str) -> Description {
        Description(DescriptionRepr::Text(text.to_owned()))
    }
}

impl fmt::Display for Description {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (provision, clause, services, what, zone) = match &self.0 {
            DescriptionRepr::Text(text) => return f.write_str(text),
            DescriptionRepr::Parts {
                provision,
                clause,
                services,
                what,
                zone,
            } => (provision, clause, services, what, zone),
        };
        // The provision's name with its first letter in capitals ("Outage credit").
        match (provision.get(0..1), provision.get(1..)) {
            (Some(first), Some(rest)) => {
                f.write_str(&first.to_uppercase())?;
                f.write_str(rest)?;
            }
            _ => f.write_str(provision)?,
        }
        if !clause.is_empty() {
            write!(f, " ({clause})")?;
        }
        f.write_str(": ")?;
        match what {
            Described::Outage {
                start,
                end,
                ongoing,
            } => {
                write_services(f, services)?;
                f.write_str(" outage ")?;
                write_local(f, *start, *zone)?;
                f.write_str(" → ")?;
                write_local(f, *end, *zone)?;
                if *ongoing {
                    f.write_str(" (still out)")?;
                }
                Ok(())
            }
            other => write_label(f, services, other, *zone),
        }
    }
}

impl fmt::Debug for Description {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl PartialEq for Description {
    fn eq(&self, other: &Description) -> bool {
        match (&self.0, &other.0) {
            (DescriptionRepr::Text(a), DescriptionRepr::Text(b)) => a == b,
            _ => self.to_string() == other.to_string(),
        }
    }
}

impl Eq for Description {}

impl Serialize for Description {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Description {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(deserializer).map(Description::from)
    }
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
    /// What the line is for, in plain words (rendered when shown or serialised).
    pub description: Description,
    /// The provision that produced it.
    pub provision: String,
    /// The clause it cites.
    pub clause: String,
    /// The service concerned, when the line is for one service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceKind>,
    /// Indices of the claim file's outages behind the line, in order: those of the
    /// outage, period or account it is for; for a line priced for one outage of a
    /// period (a pro-rata credit over a billing period prices each outage on a line of
    /// its own), that outage's only.
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

/// What one policy owes, without the working: the figures of a [`Claim`], as
/// [`crate::assess_totals`] gives them.
///
/// # Example
/// ```
/// let claim = redress::doc_example_claim()?;
/// let totals = claim.totals();
/// assert_eq!(totals.total.to_string(), "14.50");
/// assert!(totals.automatic);
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// The currency.
    pub currency: Currency,
    /// What is owed if everything the policy grants is claimed, to the currency's
    /// minor units: the sum of the claim's rounded lines.
    pub total: Decimal,
    /// True only when every line with an amount is paid without a request.
    pub automatic: bool,
}

impl Claim {
    /// The claim's figures without the working.
    pub fn totals(&self) -> Totals {
        Totals {
            currency: self.currency,
            total: self.total,
            automatic: self.automatic,
        }
    }

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
