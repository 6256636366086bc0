//! Amounts: fixed sums, shares of the monthly price, daily rates, the greater of
//! several, rounded rates.

use super::super::context::Context;
use super::super::exposure::Item;
use super::super::figure::FigureExpr;
use crate::error::Result;
use crate::plan::BillingCycle;
use crate::policy::{Amount, DayCount};

/// An amount for one item, as a formula of the item's prices.
pub(crate) fn figure(amount: &Amount, ctx: &Context<'_>, item: &Item<'_>) -> Result<FigureExpr> {
    Ok(match amount {
        Amount::Fixed(amount) => FigureExpr::Fixed(*amount),
        Amount::ShareOfMonthly(share) => FigureExpr::ShareOfMonthly {
            share: *share,
            price: item.price.clone(),
        },
        Amount::DailyRate(count) => FigureExpr::DailyRate {
            price: item.price.clone(),
            days: days_for(ctx, *count, item)?,
        },
        Amount::GreaterOf(options) => {
            if options.is_empty() {
                return Err(ctx.invalid_rule("greater-of needs at least one amount"));
            }
            FigureExpr::GreaterOf(
                options
                    .iter()
                    .map(|o| figure(o, ctx, item))
                    .collect::<Result<Vec<_>>>()?,
            )
        }
        Amount::Rounded { amount, rounding } => FigureExpr::Rounded {
            of: Box::new(figure(amount, ctx, item)?),
            rounding: *rounding,
        },
    })
}

/// The number of days a daily rate divides by, for an item.
pub(crate) fn days_for(ctx: &Context<'_>, count: DayCount, item: &Item<'_>) -> Result<u32> {
    let days = match count {
        DayCount::Fixed(days) => i64::from(days),
        DayCount::BillingPeriod => ctx.cycle.period_containing(item.anchor)?.days(),
        DayCount::CalendarMonth => BillingCycle::calendar_months(ctx.zone)
            .period_containing(item.anchor)?
            .days(),
    };
    match u32::try_from(days) {
        Ok(d) if d > 0 => Ok(d),
        _ => Err(ctx.invalid_rule("a daily rate needs a positive number of days")),
    }
}
