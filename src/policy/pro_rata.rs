//! Pro-rata credits: the price of the time service was lost, as a share of a period.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Clock, Grace};
use crate::span::Span;

/// The period a pro-rata credit divides the monthly price over.
///
/// # Example
/// ```
/// use redress::policy::ProRataBasis;
/// // RD 899/2009: prorated by the hours of the calendar month the interruption falls in.
/// assert_ne!(ProRataBasis::CalendarMonth, ProRataBasis::BillingPeriod);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ProRataBasis {
    /// The actual length of each billing period the outage touches; an outage across a
    /// billing boundary is split and each part prorated by its own period.
    BillingPeriod,
    /// The exact length of each local calendar month the outage touches, split likewise.
    CalendarMonth,
    /// A fixed 30 days (720 hours), whatever the month.
    ThirtyDays,
}

/// Which monthly amount of a service a pro-rata credit is a share of.
///
/// # Example
/// ```
/// use redress::policy::{PriceSource, ProRata, ProRataBasis};
/// // RD 899/2009 art. 15(a): the average bill of the three months before, prorated.
/// let a = ProRata::new(ProRataBasis::CalendarMonth).with_price(PriceSource::AverageMonthlyBill);
/// assert_eq!(a.price, PriceSource::AverageMonthlyBill);
/// assert_eq!(PriceSource::default(), PriceSource::MonthlyPrice);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum PriceSource {
    /// The service's `monthly_price`.
    #[default]
    MonthlyPrice,
    /// The service's `average_monthly_bill`: the average billed each month over the
    /// three months before. A service without one earns nothing from such a rule; a
    /// policy asks [`super::Condition::AverageMonthlyBillGiven`] first.
    AverageMonthlyBill,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// The monthly price × multiplier × time out ÷ the period's length.
///
/// # Example
/// ```
/// use redress::policy::{ProRata, ProRataBasis};
/// // RD 899/2009 art. 15: five times the monthly fee, prorated by duration.
/// let phone = ProRata::new(ProRataBasis::CalendarMonth).with_multiplier(5.into());
/// assert_eq!(phone.multiplier, 5.into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ProRata {
    /// What the price is divided over.
    pub basis: ProRataBasis,
    /// A multiple of the price (1 unless the rule says otherwise).
    #[serde(default = "one")]
    pub multiplier: Decimal,
    /// Where the credited time starts. Over a period (a billing period's outages), each
    /// outage in it is credited from its own clock: its report, or after power returned.
    #[serde(default)]
    pub clock: Clock,
    /// Time before the credited time starts; for each outage only, not over a period
    /// (an outage split across periods would otherwise restart it in each).
    #[serde(default)]
    pub grace: Grace,
    /// Over a period only: credit just the outages whose whole length, across every
    /// period they touch, is more than this (Lei 16/2022 art. 129: a single outage of more
    /// than 24 hours counts even when it crosses a billing boundary). Absent: every
    /// outage in the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outages_longer_than: Option<Span>,
    /// Which monthly amount is prorated: the price (the default) or the average bill.
    #[serde(default, skip_serializing_if = "is_default")]
    pub price: PriceSource,
}

fn one() -> Decimal {
    Decimal::ONE
}

impl ProRata {
    /// The plain price of the time out over a basis.
    pub fn new(basis: ProRataBasis) -> ProRata {
        ProRata {
            basis,
            multiplier: Decimal::ONE,
            clock: Clock::default(),
            grace: Grace::None,
            outages_longer_than: None,
            price: PriceSource::MonthlyPrice,
        }
    }

    /// The rule prorating another monthly amount of the service (see [`PriceSource`]).
    ///
    /// # Example
    /// ```
    /// use redress::policy::{PriceSource, ProRata, ProRataBasis};
    /// let bill = ProRata::new(ProRataBasis::ThirtyDays).with_price(PriceSource::AverageMonthlyBill);
    /// assert_eq!(bill.multiplier, 1.into());
    /// ```
    pub fn with_price(mut self, price: PriceSource) -> ProRata {
        self.price = price;
        self
    }

    /// The rule paying a multiple of the price.
    pub fn with_multiplier(mut self, multiplier: Decimal) -> ProRata {
        self.multiplier = multiplier;
        self
    }

    /// The rule crediting time from another clock.
    ///
    /// # Example
    /// ```
    /// use redress::policy::{Clock, ClockStart, ProRata, ProRataBasis};
    /// let from_report = ProRata::new(ProRataBasis::BillingPeriod).with_clock(Clock::from_report());
    /// assert_eq!(from_report.clock.start, ClockStart::Report);
    /// ```
    pub fn with_clock(mut self, clock: Clock) -> ProRata {
        self.clock = clock;
        self
    }

    /// The rule crediting, over a period, only the outages longer than a span in all.
    ///
    /// # Example
    /// ```
    /// use redress::policy::{ProRata, ProRataBasis};
    /// use redress::Span;
    /// let long = ProRata::new(ProRataBasis::BillingPeriod).with_outages_longer_than(Span::hours(24));
    /// assert_eq!(long.outages_longer_than, Some(Span::hours(24)));
    /// ```
    pub fn with_outages_longer_than(mut self, span: Span) -> ProRata {
        self.outages_longer_than = Some(span);
        self
    }
}

#[cfg(test)]
mod tests {
    use crate::policy::*;
    use crate::test_support::assess;
    use crate::{ClaimFile, Currency};

    fn policy(clock: Clock) -> Policy {
        Policy::new("t", "t", Currency::EUR).with_version(PolicyVersion::always(vec![
            Provision::new(
                "pro rata",
                Subject::billing_periods(),
                Rule::ProRata(ProRata::new(ProRataBasis::ThirtyDays).with_clock(clock)),
            ),
        ]))
    }

    /// A period's outages are credited from each one's report when the clock says so:
    /// €72/month over 720 h is €0.10 an hour; outage 1 runs 10 h but is reported after
    /// 4 h (6 h credited), outage 2 runs 5 h with no report (5 h, and a note); 11 h →
    /// 0.60 + 0.50 = €1.10. From the outage start: 15 h → €1.50.
    #[test]
    fn a_period_credits_each_outage_from_its_own_clock() {
        let claim: ClaimFile = toml::from_str(
            r#"
            [plan]
            currency = "EUR"
            time_zone = "UTC"
            [[plan.services]]
            kind = "internet"
            monthly_price = "72"
            [[outages]]
            services = ["internet"]
            start = "2025-06-02T08:00:00Z"
            end = "2025-06-02T18:00:00Z"
            reported = "2025-06-02T12:00:00Z"
            [[outages]]
            services = ["internet"]
            start = "2025-06-10T08:00:00Z"
            end = "2025-06-10T13:00:00Z"
            "#,
        )
        .unwrap();
        let from_report = assess(&claim, &policy(Clock::from_report())).unwrap();
        assert_eq!(from_report.total.to_string(), "1.10");
        assert!(
            from_report
                .notes
                .iter()
                .any(|n| n.contains("no report time")),
            "{from_report}"
        );
        let from_start = assess(&claim, &policy(Clock::default())).unwrap();
        assert_eq!(from_start.total.to_string(), "1.50");
    }

    /// Over a period, only outages longer than 10 h in all: €72/month over 720 h is €0.10
    /// an hour. An outage 31 May 20:00 → 1 June 08:00 (12 h in all, 8 h of it in June) and
    /// one of 5 h on 10 June: June is credited 8 h → €0.80, not the 5 h (a note says why);
    /// May's 4 h → €0.40. Total €1.20.
    #[test]
    fn a_period_can_credit_only_the_outages_long_in_all() {
        let claim: ClaimFile = toml::from_str(
            r#"
            [plan]
            currency = "EUR"
            time_zone = "UTC"
            [[plan.services]]
            kind = "internet"
            monthly_price = "72"
            [[outages]]
            services = ["internet"]
            start = "2025-05-31T20:00:00Z"
            end = "2025-06-01T08:00:00Z"
            [[outages]]
            services = ["internet"]
            start = "2025-06-10T08:00:00Z"
            end = "2025-06-10T13:00:00Z"
            "#,
        )
        .unwrap();
        let long = Policy::new("t", "t", Currency::EUR).with_version(PolicyVersion::always(vec![
            Provision::new(
                "pro rata",
                Subject::billing_periods(),
                Rule::ProRata(
                    ProRata::new(ProRataBasis::ThirtyDays)
                        .with_outages_longer_than(crate::Span::hours(10)),
                ),
            ),
        ]));
        let c = assess(&claim, &long).unwrap();
        let amounts: Vec<String> = c.lines.iter().map(|l| l.amount.to_string()).collect();
        assert_eq!(amounts, vec!["0.40", "0.80"], "{c}");
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("in all it lasted 5h, not more than 10h")),
            "{c}"
        );
    }
}
