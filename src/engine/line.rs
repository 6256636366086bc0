//! A claim line as a formula of the prices, and its working once priced.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use smallvec::SmallVec;

use super::figure::{FigureExpr, PriceRef};
use crate::claim::{Adjustment, BandUse, Basis};
use crate::error::{Error, Result};
use crate::money::{divide_rounded, exact_product, Rounding};
use crate::plan::Service;
use crate::policy::{Counting, Measure, ProRataBasis, UnitCount};
use crate::span::Span;

/// One line as a formula of the prices, with everything else its working shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
                let (amount, bands) = band_uses(bands, services)?;
                let basis = Basis::PerUnit {
                    count: *count,
                    units: *units,
                    from: *from,
                    to: *to,
                    bands,
                };
                (amount, basis)
            }
            LineExpr::ProRata(line) => (line.amount(services)?, line.basis(services)?),
            LineExpr::Escalating(line) => (self.amount(services)?, line.basis(services)?),
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

/// Each band's units times its rate, added from zero as [`LineExpr::amount`] adds them,
/// with the working of each band.
fn band_uses(bands: &[(u64, FigureExpr)], services: &[Service]) -> Result<(Decimal, Vec<BandUse>)> {
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
    Ok((amount, uses))
}

impl ProRataLine {
    /// The working of a pro-rata line at some prices.
    fn basis(&self, services: &[Service]) -> Result<Basis> {
        Ok(Basis::ProRata {
            basis: self.basis,
            monthly_price: self.price.price(services)?,
            average_bill: matches!(self.price, PriceRef::AverageBills(_)),
            multiplier: self.multiplier,
            from: self.from,
            to: self.to,
            elapsed_seconds: self.elapsed_seconds,
            period_seconds: self.period_seconds,
            period_start: self.period.map(|p| p.0),
            period_end: self.period.map(|p| p.1),
        })
    }
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

impl EscalatingLine {
    /// The working of an escalating line at some prices.
    fn basis(&self, services: &[Service]) -> Result<Basis> {
        Ok(Basis::Escalating {
            elapsed_seconds: self.elapsed_seconds,
            standard: self.standard,
            base: self.base.figure(services)?,
            every: self.every,
            further_periods: u64::try_from(self.further_periods).unwrap_or(0),
            step: self.step.figure(services)?,
            counting: self.counting,
        })
    }
}
