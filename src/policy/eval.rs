//! What rules evaluate over: the context of one assessment and one item.

use std::borrow::Cow;

use smallvec::SmallVec;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use super::{DayCount, Policy, Provision};
use crate::calendar::HolidayCalendar;
use crate::claim::{write_label, write_local, Adjustment, Basis, Described, Figure};
use crate::claim_file::Segment;
use crate::error::{Error, Result};
use crate::money::divide;
use crate::outage::{Activation, Appointment, Cause};
use crate::plan::{BillingCycle, KindSet, ServiceKind};
use crate::timeline::Spell;

/// Everything an assessment knows besides the item itself.
pub(crate) struct Context<'a> {
    pub policy: &'a Policy,
    pub provision: &'a Provision,
    pub zone: Tz,
    pub cycle: BillingCycle,
    pub calendar: &'a HolidayCalendar,
    pub segment: Segment,
    /// Whether the assessment explains itself (notes, descriptions). When only totals
    /// are wanted, no note is formatted; the figures are the same either way.
    pub explain: bool,
    /// Whether each line keeps its working (the figures behind it): when it explains
    /// itself, and when it is recorded to be repriced.
    pub working: bool,
}

impl Context<'_> {
    pub fn invalid_rule(&self, problem: &str) -> Error {
        Error::InvalidRule {
            policy: self.policy.id.clone(),
            provision: self.provision.name.clone(),
            problem: problem.to_owned(),
        }
    }

    /// Adds a note, formatting it only when the assessment explains itself.
    pub fn note(&self, notes: &mut Vec<String>, text: impl FnOnce() -> String) {
        if self.explain {
            notes.push(text());
        }
    }

    /// An instant as local wall-clock text, for notes.
    pub fn local_text(&self, instant: DateTime<Utc>) -> String {
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ = write_local(&mut text, instant, self.zone);
        text
    }

    /// The number of days a daily rate divides by, for an item.
    pub fn days_for(&self, count: DayCount, item: &Item<'_>) -> Result<u32> {
        let days = match count {
            DayCount::Fixed(days) => i64::from(days),
            DayCount::BillingPeriod => self.cycle.period_containing(item.anchor)?.days(),
            DayCount::CalendarMonth => BillingCycle::calendar_months(self.zone)
                .period_containing(item.anchor)?
                .days(),
        };
        match u32::try_from(days) {
            Ok(d) if d > 0 => Ok(d),
            _ => Err(self.invalid_rule("a daily rate needs a positive number of days")),
        }
    }
}

/// One thing a provision prices.
#[derive(Clone)]
pub(crate) struct Item<'a> {
    pub what: What<'a>,
    /// The services concerned (one, for a per-service item), borrowed where they can be.
    pub services: Cow<'a, [ServiceKind]>,
    /// Their monthly price, added up.
    pub monthly_price: Decimal,
    /// The plan's services whose prices `monthly_price` adds up, where all are named
    /// kinds: what a recorded line is repriced by (see [`crate::reprice`]).
    pub priced_from: Option<KindSet>,
    /// The instant that picks a billing period or month for daily rates.
    pub anchor: DateTime<Utc>,
}

#[derive(Clone)]
pub(crate) enum What<'a> {
    /// One outage (merged), borrowed from the provision's spells where it can be.
    Incident(Cow<'a, Spell>),
    /// A period (billing period, year, the whole account) and the outages inside it, clipped.
    Window {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        spells: Vec<Spell>,
    },
    Appointment {
        index: usize,
        appointment: &'a Appointment,
    },
    Activation {
        index: usize,
        activation: &'a Activation,
        /// The delivery date, or `as_of`'s date while not yet live.
        until: NaiveDate,
    },
}

impl Item<'_> {
    pub fn spells(&self) -> &[Spell] {
        match &self.what {
            What::Incident(spell) => std::slice::from_ref(spell.as_ref()),
            What::Window { spells, .. } => spells,
            _ => &[],
        }
    }

    /// The outage time of the item: the whole outage, or the outages in a period added up.
    pub fn duration(&self) -> Result<TimeDelta> {
        if let [spell] = self.spells() {
            return Ok(spell.duration());
        }
        let mut total = TimeDelta::zero();
        for s in self.spells() {
            total = total
                .checked_add(&s.duration())
                .ok_or_else(|| Error::overflow("total outage time"))?;
        }
        Ok(total)
    }

    pub fn customers_affected(&self) -> Option<u64> {
        self.spells()
            .iter()
            .filter_map(|s| s.customers_affected)
            .max()
    }

    pub fn cause(&self) -> Option<Cause> {
        self.spells().first().map(|s| s.cause)
    }

    /// What the item is, as a description or a note names it.
    pub fn described(&self) -> Described {
        match &self.what {
            What::Incident(spell) => Described::Outage {
                start: spell.start,
                end: spell.end,
                ongoing: spell.ongoing,
            },
            What::Window { start, end, .. } => Described::Period {
                start: *start,
                end: *end,
            },
            What::Appointment { appointment, .. } => Described::Appointment {
                date: appointment.date,
            },
            What::Activation { activation, .. } => Described::Activation {
                promised: activation.promised,
            },
        }
    }

    /// A short name for notes: "internet outage from 2024-10-01 06:00 EDT".
    pub fn label(&self, ctx: &Context<'_>) -> String {
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ = write_label(&mut text, &self.services, &self.described(), ctx.zone);
        text
    }
}

/// An unrounded line with its working.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub amount: Decimal,
    pub basis: Basis,
    pub adjustments: Vec<Adjustment>,
    /// The one outage of a period the line is for (its index among the item's
    /// spells), when the rule prices a period's outages line by line; `None` when the
    /// line is for the item as a whole.
    pub about: Option<usize>,
}

impl Draft {
    pub fn new(amount: Decimal, basis: Basis) -> Draft {
        Draft {
            amount,
            basis,
            adjustments: Vec::new(),
            about: None,
        }
    }

    /// The line for one of a period's outages (see [`Draft::about`]).
    pub fn about(mut self, spell: usize) -> Draft {
        self.about = Some(spell);
        self
    }
}

/// What a rule yields for one item: lines and notes. Most rules yield one line, kept
/// inline (no allocation per item).
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub drafts: SmallVec<[Draft; 1]>,
    pub notes: Vec<String>,
}

impl Outcome {
    pub fn from_draft(draft: Draft) -> Outcome {
        Outcome {
            drafts: smallvec::smallvec![draft],
            notes: Vec::new(),
        }
    }

    pub fn absorb(&mut self, other: Outcome) {
        self.drafts.extend(other.drafts);
        self.notes.extend(other.notes);
    }

    pub fn total(&self) -> Result<Decimal> {
        self.drafts.iter().try_fold(Decimal::ZERO, |sum, d| {
            sum.checked_add(d.amount)
                .ok_or_else(|| Error::overflow("sum of credit lines"))
        })
    }
}

impl Figure {
    /// A share of a monthly price.
    pub(crate) fn share_of(share: Decimal, monthly_price: Decimal) -> Result<Figure> {
        let amount = monthly_price
            .checked_mul(share)
            .ok_or_else(|| Error::overflow(format!("{monthly_price} × {share}")))?;
        Ok(Figure::ShareOfMonthly {
            share,
            monthly_price,
            amount,
        })
    }

    /// A monthly price divided into days.
    pub(crate) fn daily_rate(monthly_price: Decimal, days: u32) -> Result<Figure> {
        let amount = divide(monthly_price, days)
            .ok_or_else(|| Error::overflow(format!("{monthly_price} / {days}")))?;
        Ok(Figure::DailyRate {
            monthly_price,
            days,
            amount,
        })
    }

    /// The greatest of some figures (the first on a tie); `None` for none.
    pub(crate) fn greater_of(options: Vec<Figure>) -> Option<Figure> {
        let amount = options.iter().map(Figure::amount).max()?;
        Some(Figure::GreaterOf { options, amount })
    }

    /// The same figure worked out for another monthly price: what [`Amount::figure`]
    /// gives for an item priced `monthly_price`. `None` where that is an error (the
    /// caller then works the item out afresh, to report it) and for a rounded figure,
    /// which does not keep its rounding rule.
    ///
    /// [`Amount::figure`]: super::Amount
    pub(crate) fn at_price(&self, monthly_price: Decimal) -> Option<Figure> {
        match self {
            Figure::Fixed { amount } => Some(Figure::Fixed { amount: *amount }),
            Figure::ShareOfMonthly { share, .. } => Figure::share_of(*share, monthly_price).ok(),
            Figure::DailyRate { days, .. } => Figure::daily_rate(monthly_price, *days).ok(),
            Figure::GreaterOf { options, .. } => Figure::greater_of(
                options
                    .iter()
                    .map(|o| o.at_price(monthly_price))
                    .collect::<Option<Vec<Figure>>>()?,
            ),
            Figure::Rounded { .. } => None,
        }
    }

    /// [`Figure::times`] of the figure worked out for another monthly price (`None`
    /// as for [`Figure::at_price`]). A daily rate multiplies before it divides, so its
    /// own rate is never worked out.
    pub(crate) fn times_at_price(&self, monthly_price: Decimal, units: Decimal) -> Option<Decimal> {
        match self {
            Figure::DailyRate { days, .. } => {
                super::amount::daily_rate_times(monthly_price, *days, units).ok()
            }
            other => other.at_price(monthly_price)?.times(units).ok(),
        }
    }

    /// The figure for `units` units, computed so a daily rate multiplies before it
    /// divides (3 × 65 / 30, not 3 × 2.1666…).
    pub(crate) fn times(&self, units: Decimal) -> Result<Decimal> {
        let overflow = || Error::overflow(format!("{units} × {}", self.amount()));
        match self {
            Figure::DailyRate {
                monthly_price,
                days,
                ..
            } => super::amount::daily_rate_times(*monthly_price, *days, units),
            Figure::GreaterOf { options, .. } => {
                let mut best: Option<Decimal> = None;
                for option in options {
                    let value = option.times(units)?;
                    best = Some(best.map_or(value, |b| b.max(value)));
                }
                best.ok_or_else(overflow)
            }
            other => other.amount().checked_mul(units).ok_or_else(overflow),
        }
    }
}
