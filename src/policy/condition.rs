//! Conditions: thresholds a rule or a payment depends on.

use chrono::NaiveTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Clock;
use crate::claim_file::Segment;
use crate::outage::{Cause, WeatherCategory};
use crate::plan::Deployment;
use crate::span::Span;

/// What to assume when a condition needs a fact the claim does not give.
///
/// # Example
/// ```
/// assert_ne!(redress::policy::Assumption::Met, redress::policy::Assumption::NotMet);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Assumption {
    /// Assume the condition holds, and say so in a note.
    Met,
    /// Assume it does not, and say so in a note.
    NotMet,
}

/// A test on one item (an outage, a billing period, an appointment…).
///
/// The *duration* of an item is the exact elapsed length of the outage (the whole
/// merged outage, not only its compensable part); for a billing period or a year
/// it is the outage time inside it, added up.
///
/// # Example
/// ```
/// use redress::policy::{Condition, Assumption};
/// use redress::Span;
/// // New York PSC: automatic at 24 hours or more when 100 or more subscribers were affected.
/// let automatic = Condition::All(vec![
///     Condition::DurationAtLeast(Span::hours(24)),
///     Condition::CustomersAffectedAtLeast { count: 100, if_unknown: Assumption::Met },
/// ]);
/// assert!(matches!(automatic, Condition::All(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Condition {
    /// The item lasted at least this long (`>=`).
    DurationAtLeast(Span),
    /// The item lasted longer than this (`>`).
    DurationMoreThan(Span),
    /// At least `at_least` passed between the clock's start and restoration, for each
    /// outage (added up over a period): New York's power rule read so that the
    /// 24-hour test counts only the credit period after power returned.
    TimeAfterClockAtLeast {
        /// Where the time starts.
        clock: Clock,
        /// The threshold (inclusive).
        at_least: Span,
    },
    /// The incident affected at least this many customers.
    CustomersAffectedAtLeast {
        /// The threshold (inclusive).
        count: u64,
        /// What to assume when the claim does not give the incident's size.
        if_unknown: Assumption,
    },
    /// The outage's cause is one of these.
    CauseIn(Vec<Cause>),
    /// The outage's severe-weather category (`weather_category`) is one of these; when the
    /// claim does not give it, `assumed` is taken, and a note says so and names the field
    /// that decides it (Ofgem's 24- and 48-hour standards).
    WeatherCategoryIn {
        /// The categories that meet the condition.
        categories: Vec<WeatherCategory>,
        /// The category taken when the outage does not give one.
        assumed: WeatherCategory,
    },
    /// The customer is in this segment.
    Segment(Segment),
    /// More than `more_than` of the item falls inside the daily local window
    /// `[from, to)` (RD 899/2009 art. 16: more than 6 hours within 08:00–22:00).
    TimeInDailyWindowMoreThan {
        /// Window start, local wall-clock time.
        from: NaiveTime,
        /// Window end, local wall-clock time (exclusive).
        to: NaiveTime,
        /// The threshold (exclusive).
        more_than: Span,
    },
    /// Every service of the item has an `average_monthly_bill` (RD 899/2009
    /// art. 15(a) needs it). When one has none, the claim's notes say so and name the
    /// field.
    AverageMonthlyBillGiven,
    /// The item's services are deployed as `deployment` (a cloud SLA's commitment
    /// depends on it). A service whose `deployment` is not given is taken to be
    /// deployed as `if_absent`; when the test holds by that, the claim's notes say so
    /// and name the field.
    DeployedAs {
        /// The deployment tested for.
        deployment: Deployment,
        /// The deployment taken for a service that gives none.
        if_absent: Deployment,
    },
    /// The item's credit, before rounding, is more than this amount (AWS: "greater
    /// than USD 1"; RD 899/2009 art. 15: "more than €1"). Only a payment can ask this.
    CreditMoreThan(Decimal),
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one condition holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
}

impl Condition {
    /// The condition in plain words.
    ///
    /// # Example
    /// ```
    /// use redress::{policy::Condition, Span};
    /// assert_eq!(Condition::DurationAtLeast(Span::hours(24)).describe(), "the outage lasted at least 24h");
    /// ```
    pub fn describe(&self) -> String {
        match self {
            Condition::DurationAtLeast(s) => format!("the outage lasted at least {s}"),
            Condition::DurationMoreThan(s) => format!("the outage lasted more than {s}"),
            Condition::TimeAfterClockAtLeast { at_least, .. } => {
                format!("at least {at_least} passed between the clock's start and restoration")
            }
            Condition::CustomersAffectedAtLeast { count, .. } => {
                format!("at least {count} customers were affected")
            }
            Condition::CauseIn(causes) => {
                let names: Vec<String> = causes.iter().map(|c| c.to_string()).collect();
                format!("the cause was {}", names.join(" or "))
            }
            Condition::WeatherCategoryIn { categories, .. } => {
                let names: Vec<String> = categories.iter().map(|c| c.to_string()).collect();
                format!("the severe weather was {}", names.join(" or "))
            }
            Condition::Segment(s) => format!("the customer is {s}"),
            Condition::TimeInDailyWindowMoreThan {
                from,
                to,
                more_than,
            } => format!(
                "more than {more_than} fell within {}–{} local time",
                from.format("%H:%M"),
                to.format("%H:%M")
            ),
            Condition::AverageMonthlyBillGiven => {
                "the service's average monthly bill is given".to_owned()
            }
            Condition::DeployedAs { deployment, .. } => {
                format!("the service is deployed as {deployment}")
            }
            Condition::CreditMoreThan(a) => format!("the credit is more than {a}"),
            Condition::All(all) => all
                .iter()
                .map(Condition::describe)
                .collect::<Vec<_>>()
                .join(" and "),
            Condition::Any(any) => any
                .iter()
                .map(Condition::describe)
                .collect::<Vec<_>>()
                .join(" or "),
            Condition::Not(inner) => format!("not ({})", inner.describe()),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::policy::*;
    use crate::test_support::assess;
    use crate::{ClaimFile, Currency, Span};

    /// Power lost Mon 18:00, back Tue 08:00, service back Thu 20:00 (the New York PSC outage
    /// credit, Case 22-M-0180, starts the credit period 24 hours after power is restored):
    /// 74 h in all, but only 36 h after the clock (Tue 08:00 + 24 h = Wed 08:00). At least
    /// 24 h after the clock: yes. At least 48 h: no (36 < 48), although the whole outage
    /// (74 h) passes 48 h.
    #[test]
    fn time_after_the_clock_counts_from_the_power_rule() {
        let claim: ClaimFile = toml::from_str(
            r#"
            [plan]
            currency = "USD"
            time_zone = "America/New_York"
            [[plan.services]]
            kind = "internet"
            monthly_price = "30"
            [[outages]]
            services = ["internet"]
            start = "2025-06-02T18:00:00-04:00"
            end = "2025-06-05T20:00:00-04:00"
            cause = "power"
            power_restored = "2025-06-03T08:00:00-04:00"
            "#,
        )
        .unwrap();
        let clock = Clock {
            start: ClockStart::OutageStart,
            after_power_restored: Some(Span::hours(24)),
        };
        let policy = |hours: u32| {
            Policy::new("t", "t", Currency::USD).with_version(PolicyVersion::always(vec![
                Provision::new(
                    "one day",
                    Subject::outages(),
                    Rule::Fixed {
                        amount: Amount::Fixed(1.into()),
                    },
                )
                .with_payment(Payment::AutomaticIf(
                    Condition::TimeAfterClockAtLeast {
                        clock,
                        at_least: Span::hours(hours),
                    },
                )),
            ]))
        };
        assert!(assess(&claim, &policy(24)).unwrap().automatic);
        assert!(!assess(&claim, &policy(48)).unwrap().automatic);
    }
}
