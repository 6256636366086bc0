//! The price program: what a policy owes for a case, as formulas of the plan's prices.
//!
//! Everything a rule decides from the outages (which items, how many units, which tier,
//! whether a condition holds) is settled when a policy is compiled for a case. What is
//! left depends on prices only, and is kept as a small tree: each line a formula
//! ([`LineExpr`]) of some monthly prices ([`PriceRef`]), and above the lines the choices
//! that look at amounts ([`OutcomeExpr`]): the greatest of several rules, a cap, a
//! minimum payout. Evaluating the tree at a plan's prices gives the unrounded lines; the
//! settlement rounds and adds them. One claim is compiled and evaluated once; a batch
//! compiles a program once per shape of account and evaluates it for every account of
//! that shape, by the same arithmetic.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::claim::{Adjustment, BandUse, Basis, Described, Figure, Window};
use crate::error::{Error, Result};
use crate::money::{divide, divide_rounded, exact_product, Rounding};
use crate::outage::Cause;
use crate::plan::{Service, ServiceKind};
use crate::policy::{Counting, Measure, ProRataBasis, UnitCount};
use crate::span::Span;

/// Which monthly prices a figure reads: some of the plan's services, by their places
/// in the plan, added in plan order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PriceRef {
    /// No service: a price of zero.
    Nothing,
    /// One service's price.
    One(u32),
    /// Several services' prices, added.
    Sum(Arc<[u32]>),
}

impl PriceRef {
    /// No price at all.
    pub fn none() -> PriceRef {
        PriceRef::Nothing
    }

    /// The price of the service at a place in the plan.
    pub fn one(place: usize) -> PriceRef {
        u32::try_from(place).map_or(PriceRef::Nothing, PriceRef::One)
    }

    /// The prices of the services at these places in the plan, added in plan order.
    pub fn sum(places: impl Iterator<Item = usize>) -> PriceRef {
        let places: Vec<u32> = places.filter_map(|p| u32::try_from(p).ok()).collect();
        match places.as_slice() {
            [] => PriceRef::Nothing,
            [one] => PriceRef::One(*one),
            _ => PriceRef::Sum(Arc::from(places)),
        }
    }

    /// The monthly price at a plan's prices.
    ///
    /// # Errors
    /// [`Error::Overflow`] when the prices added leave `Decimal`'s range.
    pub fn price(&self, services: &[Service]) -> Result<Decimal> {
        let at = |place: &u32| {
            usize::try_from(*place)
                .ok()
                .and_then(|p| services.get(p))
                .map_or(Decimal::ZERO, |s| s.monthly_price)
        };
        match self {
            PriceRef::Nothing => Ok(Decimal::ZERO),
            PriceRef::One(place) => Ok(at(place)),
            PriceRef::Sum(places) => places.iter().try_fold(Decimal::ZERO, |sum, place| {
                sum.checked_add(at(place))
                    .ok_or_else(|| Error::overflow("monthly price of the covered services"))
            }),
        }
    }
}

/// A rate or sum as a formula of the prices: what a policy's [`crate::policy::Amount`]
/// is for one item once its days are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FigureExpr {
    Fixed(Decimal),
    ShareOfMonthly {
        share: Decimal,
        price: PriceRef,
    },
    DailyRate {
        price: PriceRef,
        days: u32,
    },
    GreaterOf(Vec<FigureExpr>),
    Rounded {
        of: Box<FigureExpr>,
        rounding: Rounding,
    },
}

impl FigureExpr {
    /// The figure at some prices, with its working.
    pub fn figure(&self, services: &[Service]) -> Result<Figure> {
        Ok(match self {
            FigureExpr::Fixed(amount) => Figure::Fixed { amount: *amount },
            FigureExpr::ShareOfMonthly { share, price } => {
                let monthly_price = price.price(services)?;
                Figure::ShareOfMonthly {
                    share: *share,
                    monthly_price,
                    amount: share_of(*share, monthly_price)?,
                }
            }
            FigureExpr::DailyRate { price, days } => {
                let monthly_price = price.price(services)?;
                Figure::DailyRate {
                    monthly_price,
                    days: *days,
                    amount: daily_rate(monthly_price, *days)?,
                }
            }
            FigureExpr::GreaterOf(options) => {
                let options = options
                    .iter()
                    .map(|o| o.figure(services))
                    .collect::<Result<Vec<Figure>>>()?;
                let amount = options.iter().map(Figure::amount).max().unwrap_or_default();
                Figure::GreaterOf { options, amount }
            }
            FigureExpr::Rounded { of, rounding } => {
                let of = of.figure(services)?;
                let amount = rounding.apply_checked(of.amount())?;
                Figure::Rounded {
                    of: Box::new(of),
                    amount,
                }
            }
        })
    }

    /// The figure's value at some prices: [`FigureExpr::figure`]'s amount, without the working.
    pub fn amount(&self, services: &[Service]) -> Result<Decimal> {
        match self {
            FigureExpr::Fixed(amount) => Ok(*amount),
            FigureExpr::ShareOfMonthly { share, price } => share_of(*share, price.price(services)?),
            FigureExpr::DailyRate { price, days } => daily_rate(price.price(services)?, *days),
            FigureExpr::GreaterOf(options) => {
                let mut best: Option<Decimal> = None;
                for option in options {
                    let value = option.amount(services)?;
                    best = Some(best.map_or(value, |b| b.max(value)));
                }
                Ok(best.unwrap_or_default())
            }
            FigureExpr::Rounded { of, rounding } => rounding.apply_checked(of.amount(services)?),
        }
    }

    /// The figure for `units` units: a daily rate multiplies before it divides
    /// (3 × 65 / 30, not 3 × 2.1666…), and the greater of several figures is the
    /// greatest of their products.
    pub fn times(&self, services: &[Service], units: Decimal) -> Result<Decimal> {
        match self {
            FigureExpr::DailyRate { price, days } => {
                daily_rate_times(price.price(services)?, *days, units)
            }
            FigureExpr::GreaterOf(options) => {
                let mut best: Option<Decimal> = None;
                for option in options {
                    let value = option.times(services, units)?;
                    best = Some(best.map_or(value, |b| b.max(value)));
                }
                Ok(best.unwrap_or_default())
            }
            other => {
                let amount = other.amount(services)?;
                exact_product(amount, units)
                    .ok_or_else(|| Error::overflow(format!("{units} × {amount}")))
            }
        }
    }
}

/// A share of a monthly price.
fn share_of(share: Decimal, monthly_price: Decimal) -> Result<Decimal> {
    exact_product(monthly_price, share)
        .ok_or_else(|| Error::overflow(format!("{monthly_price} × {share}")))
}

/// A monthly price divided into days.
fn daily_rate(monthly_price: Decimal, days: u32) -> Result<Decimal> {
    divide(monthly_price, days).ok_or_else(|| Error::overflow(format!("{monthly_price} / {days}")))
}

/// `units` days of a monthly price divided into `days`, multiplied before it is divided.
pub(crate) fn daily_rate_times(
    monthly_price: Decimal,
    days: u32,
    units: Decimal,
) -> Result<Decimal> {
    exact_product(monthly_price, units)
        .and_then(|x| divide(x, days))
        .ok_or_else(|| {
            // Named as the figure names it: units × the daily rate.
            let rate = divide(monthly_price, days).unwrap_or_default();
            Error::overflow(format!("{units} × {rate}"))
        })
}

/// One line as a formula of the prices, with everything else its working shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineExpr {
    /// A fixed rule's amount.
    Fixed(FigureExpr),
    /// Units × rate, band by band.
    PerUnit {
        count: UnitCount,
        units: u64,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
        bands: SmallVec<[(u64, FigureExpr); 1]>,
    },
    /// Price × multiplier × time out ÷ period.
    ProRata(Box<ProRataLine>),
    /// Base + further periods × step.
    Escalating(Box<EscalatingLine>),
    /// A cloud uptime tier's percentage of the charges.
    Uptime {
        period_minutes: i64,
        downtime_minutes: i64,
        uptime_percent: Decimal,
        credit_percent: Decimal,
        price: PriceRef,
    },
    /// A threshold tier's amount.
    Threshold {
        measure: Measure,
        value: Decimal,
        more_than: Decimal,
        amount: FigureExpr,
    },
}

/// [`LineExpr::ProRata`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProRataLine {
    /// For one outage of a period, that outage's records.
    pub outages: Option<SmallVec<[usize; 2]>>,
    pub basis: ProRataBasis,
    pub price: PriceRef,
    pub multiplier: Decimal,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub elapsed_seconds: i64,
    pub period_seconds: i64,
    pub period: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// [`LineExpr::Escalating`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EscalatingLine {
    pub elapsed_seconds: i64,
    pub standard: Span,
    pub base: FigureExpr,
    pub every: Span,
    pub further_periods: i64,
    pub step: FigureExpr,
    pub counting: Counting,
}

impl LineExpr {
    /// The line's unrounded amount at some prices.
    pub fn amount(&self, services: &[Service]) -> Result<Decimal> {
        match self {
            LineExpr::Fixed(figure) => figure.amount(services),
            LineExpr::PerUnit { bands, .. } => {
                let mut amount = Decimal::ZERO;
                for (units, rate) in bands {
                    let subtotal = rate.times(services, Decimal::from(*units))?;
                    amount = amount
                        .checked_add(subtotal)
                        .ok_or_else(|| Error::overflow("sum of per-unit bands"))?;
                }
                Ok(amount)
            }
            LineExpr::ProRata(line) => line.amount(services),
            LineExpr::Escalating(line) => {
                let steps = line
                    .step
                    .times(services, Decimal::from(line.further_periods))?;
                steps
                    .checked_add(line.base.amount(services)?)
                    .ok_or_else(|| Error::overflow("base + steps"))
            }
            LineExpr::Uptime {
                credit_percent,
                price,
                ..
            } => exact_product(price.price(services)?, *credit_percent)
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                .ok_or_else(|| Error::overflow("uptime credit")),
            LineExpr::Threshold { amount, .. } => amount.amount(services),
        }
    }

    /// The line's amount at some prices, rounded by a rule: [`LineExpr::amount`]
    /// rounded. Units of one daily rate (the commonest line) are divided and rounded
    /// in one step ([`divide_rounded`]), to the same value.
    pub fn rounded(&self, services: &[Service], rounding: Rounding) -> Result<Decimal> {
        if let LineExpr::PerUnit { bands, .. } = self {
            if let [(units, FigureExpr::DailyRate { price, days })] = bands.as_slice() {
                let price = price.price(services)?;
                if let Some(rounded) = exact_product(price, Decimal::from(*units))
                    .and_then(|product| divide_rounded(product, *days, rounding))
                    .filter(|rounded| rounded.scale() == rounding.scale)
                {
                    return Ok(rounded);
                }
            }
        }
        rounding.apply_checked(self.amount(services)?)
    }

    /// The line's unrounded amount and its working, at some prices: the amount is
    /// [`LineExpr::amount`]'s, worked from the same figures.
    pub fn draft(&self, services: &[Service]) -> Result<Draft> {
        let (amount, basis) = match self {
            LineExpr::Fixed(figure) => {
                let figure = figure.figure(services)?;
                (figure.amount(), Basis::Fixed { amount: figure })
            }
            LineExpr::PerUnit {
                count,
                units,
                from,
                to,
                bands,
            } => {
                // Each band's units times its rate, added from zero as `amount` adds them.
                let mut amount = Decimal::ZERO;
                let mut uses = Vec::with_capacity(bands.len());
                for (units, rate) in bands {
                    let subtotal = rate.times(services, Decimal::from(*units))?;
                    amount = amount
                        .checked_add(subtotal)
                        .ok_or_else(|| Error::overflow("sum of per-unit bands"))?;
                    uses.push(BandUse {
                        units: *units,
                        rate: rate.figure(services)?,
                        amount: subtotal,
                    });
                }
                let basis = Basis::PerUnit {
                    count: *count,
                    units: *units,
                    from: *from,
                    to: *to,
                    bands: uses,
                };
                (amount, basis)
            }
            LineExpr::ProRata(line) => (
                line.amount(services)?,
                Basis::ProRata {
                    basis: line.basis,
                    monthly_price: line.price.price(services)?,
                    multiplier: line.multiplier,
                    from: line.from,
                    to: line.to,
                    elapsed_seconds: line.elapsed_seconds,
                    period_seconds: line.period_seconds,
                    period_start: line.period.map(|p| p.0),
                    period_end: line.period.map(|p| p.1),
                },
            ),
            LineExpr::Escalating(line) => (
                self.amount(services)?,
                Basis::Escalating {
                    elapsed_seconds: line.elapsed_seconds,
                    standard: line.standard,
                    base: line.base.figure(services)?,
                    every: line.every,
                    further_periods: u64::try_from(line.further_periods).unwrap_or(0),
                    step: line.step.figure(services)?,
                    counting: line.counting,
                },
            ),
            LineExpr::Uptime {
                period_minutes,
                downtime_minutes,
                uptime_percent,
                credit_percent,
                price,
            } => (
                self.amount(services)?,
                Basis::Uptime {
                    period_minutes: *period_minutes,
                    downtime_minutes: *downtime_minutes,
                    uptime_percent: *uptime_percent,
                    credit_percent: *credit_percent,
                    charges: price.price(services)?,
                },
            ),
            LineExpr::Threshold {
                measure,
                value,
                more_than,
                amount,
            } => {
                let figure = amount.figure(services)?;
                let basis = Basis::Threshold {
                    measure: *measure,
                    value: *value,
                    more_than: *more_than,
                    amount: figure,
                };
                (self.amount(services)?, basis)
            }
        };
        let mut draft = Draft::new(amount, basis);
        if let LineExpr::ProRata(line) = self {
            draft.outages.clone_from(&line.outages);
        }
        Ok(draft)
    }
}

impl ProRataLine {
    fn amount(&self, services: &[Service]) -> Result<Decimal> {
        let monthly_price = self.price.price(services)?;
        let price = exact_product(monthly_price, self.multiplier)
            .ok_or_else(|| Error::overflow(format!("{monthly_price} × {}", self.multiplier)))?;
        exact_product(price, Decimal::from(self.elapsed_seconds))
            .and_then(|x| x.checked_div(Decimal::from(self.period_seconds)))
            .ok_or_else(|| {
                Error::overflow(format!(
                    "{price} × {}s / {}s",
                    self.elapsed_seconds, self.period_seconds
                ))
            })
    }
}

/// What a rule owes for one item, as a tree over its lines: the choices that look at
/// amounts stay in the tree, to be made at each account's prices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OutcomeExpr {
    /// Lines, and the notes that go with them (kept only when the program explains).
    Lines {
        notes: Vec<String>,
        lines: SmallVec<[LineExpr; 1]>,
    },
    /// Several outcomes, one after another: the rules of a sum, or notes around a rule.
    Seq(Vec<OutcomeExpr>),
    /// The option whose total is greatest (the first on a tie).
    GreatestOf {
        options: Vec<OutcomeExpr>,
        label: String,
    },
    /// An outage whose records name different causes: assessed under each cause (in
    /// this order), the one paying most kept (the first on a tie).
    BestCause {
        options: Vec<OutcomeExpr>,
        causes: Vec<Cause>,
        label: String,
    },
    /// The inner outcome brought down to a cap, taken from the last line first.
    Capped {
        limit: FigureExpr,
        inner: Box<OutcomeExpr>,
    },
    /// The inner outcome, paid only when its total is more than a minimum.
    MinimumPayout {
        more_than: Decimal,
        inner: Box<OutcomeExpr>,
        label: String,
    },
}

impl OutcomeExpr {
    /// Nothing owed, with no notes.
    pub fn nothing() -> OutcomeExpr {
        OutcomeExpr::Lines {
            notes: Vec::new(),
            lines: SmallVec::new(),
        }
    }

    /// Notes only.
    pub fn notes(notes: Vec<String>) -> OutcomeExpr {
        OutcomeExpr::Lines {
            notes,
            lines: SmallVec::new(),
        }
    }

    /// Evaluates the outcome at some prices onto a tape.
    pub fn eval<T: Tape>(&self, services: &[Service]) -> Result<T> {
        let mut tape = T::default();
        self.eval_onto(services, &mut tape)?;
        Ok(tape)
    }

    fn eval_onto<T: Tape>(&self, services: &[Service], tape: &mut T) -> Result<()> {
        match self {
            OutcomeExpr::Lines { notes, lines } => {
                for note in notes {
                    tape.note(|| note.clone());
                }
                for line in lines {
                    tape.line(line, services)?;
                }
            }
            OutcomeExpr::Seq(parts) => {
                for part in parts {
                    part.eval_onto(services, tape)?;
                }
            }
            OutcomeExpr::GreatestOf { options, label } => {
                let mut best: Option<(Decimal, T)> = None;
                let mut totals = Vec::new();
                for option in options {
                    let candidate: T = option.eval(services)?;
                    let total = candidate.total()?;
                    if T::EXPLAINS {
                        totals.push(total);
                    }
                    match &best {
                        Some((best_total, _)) if total <= *best_total => {}
                        _ => best = Some((total, candidate)),
                    }
                }
                let Some((_, mut chosen)) = best else {
                    return Ok(());
                };
                if totals.len() > 1 {
                    chosen.note(|| {
                        let listed: Vec<String> = totals
                            .iter()
                            .map(|t| t.round_dp(4).normalize().to_string())
                            .collect();
                        format!("{label}: the greater of {} is paid.", listed.join(" and "))
                    });
                }
                tape.absorb(chosen);
            }
            OutcomeExpr::BestCause {
                options,
                causes,
                label,
            } => {
                let mut best: Option<(Decimal, Cause, T)> = None;
                for (option, cause) in options.iter().zip(causes) {
                    let candidate: T = option.eval(services)?;
                    let total = candidate.total()?;
                    if best.as_ref().is_none_or(|(b, _, _)| total > *b) {
                        best = Some((total, *cause, candidate));
                    }
                }
                let Some((_, chosen_cause, mut chosen)) = best else {
                    return Ok(());
                };
                chosen.note(|| {
                    let named: Vec<String> = causes.iter().map(|c| c.to_string()).collect();
                    format!(
                        "{label}: the outage records name different causes ({}); it is assessed as {chosen_cause}, which pays the customer most.",
                        named.join(", ")
                    )
                });
                tape.absorb(chosen);
            }
            OutcomeExpr::Capped { limit, inner } => {
                let mut capped: T = inner.eval(services)?;
                capped.cap(limit, services)?;
                tape.absorb(capped);
            }
            OutcomeExpr::MinimumPayout {
                more_than,
                inner,
                label,
            } => {
                let mut paid: T = inner.eval(services)?;
                let total = paid.total()?;
                if total <= *more_than && !paid.is_empty() {
                    paid.below_minimum(*more_than);
                    paid.note(|| {
                        format!(
                            "{label}: a credit of {} is not paid; only credits of more than {more_than} are.",
                            total.normalize()
                        )
                    });
                }
                tape.absorb(paid);
            }
        }
        Ok(())
    }
}

/// Where an outcome's lines go as it is evaluated: lines with their working and the
/// notes ([`Outcome`]), or the amounts alone ([`Amounts`]). The choices of the tree
/// are made the same way for both.
pub(crate) trait Tape: Default {
    /// Whether the tape keeps the working and the notes.
    const EXPLAINS: bool;
    /// Adds a line, evaluated at the prices.
    fn line(&mut self, line: &LineExpr, services: &[Service]) -> Result<()>;
    /// Adds a note (formatted only by a tape that keeps notes).
    fn note(&mut self, text: impl FnOnce() -> String);
    /// The unrounded lines added up.
    fn total(&self) -> Result<Decimal>;
    /// Whether it holds no line.
    fn is_empty(&self) -> bool;
    /// Takes another tape's lines and notes after its own.
    fn absorb(&mut self, other: Self);
    /// Brings the lines down to a cap, taking from the last line first.
    fn cap(&mut self, limit: &FigureExpr, services: &[Service]) -> Result<()>;
    /// Pays none of the lines: their total is not above the minimum payout.
    fn below_minimum(&mut self, more_than: Decimal);
}

/// An unrounded line with its working.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub amount: Decimal,
    pub basis: Basis,
    pub adjustments: Vec<Adjustment>,
    /// For a line priced for one outage of a period (a pro-rata credit over a billing
    /// period prices each outage on a line of its own): that outage's records.
    pub outages: Option<SmallVec<[usize; 2]>>,
}

impl Draft {
    pub fn new(amount: Decimal, basis: Basis) -> Draft {
        Draft {
            amount,
            basis,
            adjustments: Vec::new(),
            outages: None,
        }
    }
}

/// What a rule yields for one item, explained: lines with their working, and notes.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub drafts: SmallVec<[Draft; 1]>,
    pub notes: Vec<String>,
}

fn sum_of(amounts: impl Iterator<Item = Decimal>) -> Result<Decimal> {
    amounts.into_iter().try_fold(Decimal::ZERO, |sum, a| {
        sum.checked_add(a)
            .ok_or_else(|| Error::overflow("sum of credit lines"))
    })
}

/// How much of each line a cap leaves, taking the excess from the last line first so
/// no line goes below zero, and the first line it reached (every line from there on
/// is marked as capped). `None` when the lines are within the cap.
fn capped(
    amounts: impl Iterator<Item = Decimal> + Clone,
    limit: Decimal,
) -> Result<Option<(Vec<Decimal>, usize)>> {
    let overflow = || Error::overflow("sum before cap");
    let total = amounts.clone().try_fold(Decimal::ZERO, |sum, a| {
        sum.checked_add(a).ok_or_else(overflow)
    })?;
    let mut excess = total.checked_sub(limit).ok_or_else(overflow)?;
    if excess <= Decimal::ZERO {
        return Ok(None);
    }
    let mut kept: Vec<Decimal> = amounts.collect();
    let mut reached = kept.len();
    for (i, amount) in kept.iter_mut().enumerate().rev() {
        if excess <= Decimal::ZERO {
            break;
        }
        let take = excess.min(*amount);
        *amount = amount.checked_sub(take).ok_or_else(overflow)?;
        excess = excess.checked_sub(take).ok_or_else(overflow)?;
        reached = i;
    }
    Ok(Some((kept, reached)))
}

impl Tape for Outcome {
    const EXPLAINS: bool = true;

    fn line(&mut self, line: &LineExpr, services: &[Service]) -> Result<()> {
        self.drafts.push(line.draft(services)?);
        Ok(())
    }

    fn note(&mut self, text: impl FnOnce() -> String) {
        self.notes.push(text());
    }

    fn total(&self) -> Result<Decimal> {
        sum_of(self.drafts.iter().map(|d| d.amount))
    }

    fn is_empty(&self) -> bool {
        self.drafts.is_empty()
    }

    fn absorb(&mut self, other: Outcome) {
        self.drafts.extend(other.drafts);
        self.notes.extend(other.notes);
    }

    fn cap(&mut self, limit: &FigureExpr, services: &[Service]) -> Result<()> {
        let cap = limit.figure(services)?;
        let Some((kept, reached)) = capped(self.drafts.iter().map(|d| d.amount), cap.amount())?
        else {
            return Ok(());
        };
        for (i, (draft, kept)) in self.drafts.iter_mut().zip(kept).enumerate() {
            if i >= reached {
                draft.adjustments.push(Adjustment::Capped {
                    before: draft.amount,
                    cap: cap.clone(),
                });
                draft.amount = kept;
            }
        }
        Ok(())
    }

    fn below_minimum(&mut self, more_than: Decimal) {
        for draft in &mut self.drafts {
            draft.adjustments.push(Adjustment::BelowMinimum {
                before: draft.amount,
                more_than,
            });
            draft.amount = Decimal::ZERO;
        }
    }
}

/// What a rule yields for one item, as unrounded amounts only.
#[derive(Debug, Default)]
pub(crate) struct Amounts(pub SmallVec<[Decimal; 2]>);

impl Tape for Amounts {
    const EXPLAINS: bool = false;

    fn line(&mut self, line: &LineExpr, services: &[Service]) -> Result<()> {
        self.0.push(line.amount(services)?);
        Ok(())
    }

    fn note(&mut self, _text: impl FnOnce() -> String) {}

    fn total(&self) -> Result<Decimal> {
        sum_of(self.0.iter().copied())
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn absorb(&mut self, other: Amounts) {
        self.0.extend(other.0);
    }

    fn cap(&mut self, limit: &FigureExpr, services: &[Service]) -> Result<()> {
        let limit = limit.amount(services)?;
        if let Some((kept, _)) = capped(self.0.iter().copied(), limit)? {
            self.0 = kept.into_iter().collect();
        }
        Ok(())
    }

    fn below_minimum(&mut self, _more_than: Decimal) {
        for amount in &mut self.0 {
            *amount = Decimal::ZERO;
        }
    }
}

/// Whether an item's lines are paid without a request, once the item's total is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Paid {
    /// Always automatic.
    Automatic,
    /// Always on request.
    OnRequest,
    /// Automatic when the test holds for the item's (unrounded) total.
    When(Test),
}

/// A payment condition with everything but the credit decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Test {
    Holds(bool),
    CreditMoreThan(Decimal),
    All(Vec<Test>),
    Any(Vec<Test>),
    Not(Box<Test>),
}

impl Test {
    /// Whether the test holds for a credit.
    pub fn holds(&self, credit: Decimal) -> bool {
        match self {
            Test::Holds(holds) => *holds,
            Test::CreditMoreThan(amount) => credit > *amount,
            Test::All(all) => all.iter().all(|t| t.holds(credit)),
            Test::Any(any) => any.iter().any(|t| t.holds(credit)),
            Test::Not(inner) => !inner.holds(credit),
        }
    }
}

/// What a line's words and references are made of, kept when the program explains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineFacts {
    /// The provision's place in its policy: its version's and its own.
    pub provision: (usize, usize),
    pub services: SmallVec<[ServiceKind; 2]>,
    pub described: Described,
    pub zone: chrono_tz::Tz,
    pub outages: Vec<usize>,
    pub appointment: Option<usize>,
    pub activation: Option<usize>,
    pub period: Option<Window>,
}

/// One item of a policy compiled for a case: its outcome, how it is paid and rounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ItemProgram {
    pub outcome: OutcomeExpr,
    pub paid: Paid,
    /// The payment condition's assumptions, noted when the item has lines.
    pub paid_notes: Vec<String>,
    pub deadline: Option<NaiveDate>,
    pub rounding: Rounding,
    /// Present when the program explains itself.
    pub facts: Option<Box<LineFacts>>,
}

/// A policy compiled for a case: its items in order, every figure still a formula of
/// the plan's prices, and (when it explains itself) its notes, each placed before the
/// item it came before.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Program {
    pub items: Vec<ItemProgram>,
    /// Each note with the number of items compiled before it.
    pub notes: Vec<(usize, String)>,
}

impl Program {
    /// Adds a note after the items so far.
    pub fn note(&mut self, text: String) {
        self.notes.push((self.items.len(), text));
    }
}
