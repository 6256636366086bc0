//! Figures as formulas of the plan's prices: which prices a figure reads, and the
//! rates and sums a policy's amounts become once an item's days are known.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::claim::Figure;
use crate::error::{Error, Result};
use crate::money::{divide, exact_product, Rounding};
use crate::plan::Service;

/// Which monthly prices a figure reads: some of the plan's services, by their places
/// in the plan, added in plan order; their monthly prices, or their average monthly
/// bills (RD 899/2009 art. 15(a)).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum PriceRef {
    /// No service: a price of zero.
    Nothing,
    /// One service's price.
    One(u32),
    /// Several services' prices, added.
    Sum(Arc<[u32]>),
    /// The same services' average monthly bills, added: a service without one (a
    /// batch account has none) reads zero.
    AverageBills(Box<PriceRef>),
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

    /// The same services' average monthly bills instead of their prices.
    pub fn average_bills(&self) -> PriceRef {
        match self {
            PriceRef::Nothing => PriceRef::Nothing,
            PriceRef::AverageBills(_) => self.clone(),
            other => PriceRef::AverageBills(Box::new(other.clone())),
        }
    }

    /// The places in the plan of the services read, in plan order.
    pub fn places(&self) -> &[u32] {
        match self {
            PriceRef::Nothing => &[],
            PriceRef::One(place) => std::slice::from_ref(place),
            PriceRef::Sum(places) => places,
            PriceRef::AverageBills(of) => of.places(),
        }
    }

    /// The monthly price at a plan's prices.
    ///
    /// # Errors
    /// [`Error::Overflow`] when the prices added leave `Decimal`'s range.
    pub fn price(&self, services: &[Service]) -> Result<Decimal> {
        let bills = matches!(self, PriceRef::AverageBills(_));
        let at = |place: &u32| {
            let service = usize::try_from(*place).ok().and_then(|p| services.get(p));
            match (service, bills) {
                (Some(s), false) => s.monthly_price,
                (Some(s), true) => s.average_monthly_bill.unwrap_or(Decimal::ZERO),
                (None, _) => Decimal::ZERO,
            }
        };
        match self.places() {
            [] => Ok(Decimal::ZERO),
            [place] => Ok(at(place)),
            places => places.iter().try_fold(Decimal::ZERO, |sum, place| {
                sum.checked_add(at(place))
                    .ok_or_else(|| Error::overflow("monthly price of the covered services"))
            }),
        }
    }
}

/// A rate or sum as a formula of the prices: what a policy's [`crate::policy::Amount`]
/// is for one item once its days are known.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
