//! Amounts a rule pays per item or per unit: fixed sums, shares of the monthly
//! price, daily rates, and the greater of several.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Rounding;

/// How many days a monthly price is divided by to give a daily rate.
///
/// # Example
/// ```
/// use redress::policy::DayCount;
/// let nypsc = DayCount::Fixed(30); // "1/30 of the monthly rate"
/// assert_ne!(nypsc, DayCount::CalendarMonth);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DayCount {
    /// A fixed number of days, whatever the month (New York's 1/30).
    Fixed(u32),
    /// The days of the billing period the incident began in.
    BillingPeriod,
    /// The days of the local calendar month the incident began in
    /// ("monthly rate ÷ days in month").
    CalendarMonth,
}

/// An amount of money a rule pays, in the policy's (and the plan's) currency.
///
/// # Example
/// ```
/// use redress::policy::Amount;
/// // TKG §58(4): "€10 or 20 % of the monthly charge, whichever is higher".
/// let tkg = Amount::GreaterOf(vec![Amount::Fixed(10.into()), Amount::ShareOfMonthly("0.20".parse().unwrap())]);
/// assert!(matches!(tkg, Amount::GreaterOf(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Amount {
    /// A fixed sum.
    Fixed(Decimal),
    /// A share of the monthly price of the services concerned (0.10 = 10 %).
    ShareOfMonthly(Decimal),
    /// The monthly price of the services concerned divided by a day count.
    DailyRate(DayCount),
    /// The greatest of several amounts.
    GreaterOf(Vec<Amount>),
    /// An amount rounded before it is used, so each unit is paid a rounded rate
    /// (TKG §58(3), the reading that rounds each day's amount to the cent before
    /// adding the days up).
    Rounded {
        /// The amount rounded.
        amount: Box<Amount>,
        /// How it is rounded.
        rounding: Rounding,
    },
}

#[cfg(test)]
mod tests {
    use crate::policy::*;
    use crate::test_support::assess;
    use crate::{ClaimFile, Currency, Rounding, RoundingMode};

    /// Three whole days at max(€5, 10 % of €69.94) = €6.994 a day: rounded once at the
    /// end, 3 × 6.994 = 20.982 → 20.98; each day rounded first, 3 × 6.99 = 20.97.
    #[test]
    fn a_rounded_rate_is_rounded_before_it_is_multiplied() {
        let claim: ClaimFile = toml::from_str(
            r#"
            [plan]
            currency = "EUR"
            time_zone = "UTC"
            [[plan.services]]
            kind = "internet"
            monthly_price = "69.94"
            [[outages]]
            services = ["internet"]
            start = "2025-03-03T00:00:00Z"
            end = "2025-03-06T00:00:00Z"
            "#,
        )
        .unwrap();
        let rate = Amount::GreaterOf(vec![
            Amount::Fixed(5.into()),
            Amount::ShareOfMonthly("0.1".parse().unwrap()),
        ]);
        let policy = |rate: Amount| {
            Policy::new("t", "t", Currency::EUR).with_version(PolicyVersion::always(vec![
                Provision::new(
                    "days",
                    Subject::outages(),
                    Rule::PerUnit(PerUnit::new(
                        UnitCount::CompleteLocalDays {
                            last_day: LastDay::Unpaid,
                        },
                        rate,
                    )),
                ),
            ]))
        };
        let once = assess(&claim, &policy(rate.clone())).unwrap();
        assert_eq!(once.total.to_string(), "20.98");
        let each = assess(
            &claim,
            &policy(Amount::Rounded {
                amount: Box::new(rate),
                rounding: Rounding {
                    scale: 2,
                    mode: RoundingMode::HalfAwayFromZero,
                },
            }),
        )
        .unwrap();
        assert_eq!(each.total.to_string(), "20.97");
        assert!(each.to_string().contains("→ 6.99"), "{each}");
    }
}
