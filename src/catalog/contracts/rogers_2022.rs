//! Rogers' credit for its nationwide outage of 8 July 2022 (`rogers-2022`).

use chrono::NaiveDate;

use crate::money::Currency;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, DayCount, Evidence, PerUnit, Policy, PolicyVersion, Provision, Rule, ServiceScope,
    Subject, UnitCount,
};

use crate::catalog::ymd;

/// The Rogers outage, and the day after it.
const ROGERS_OUTAGE: NaiveDate = ymd(2022, 7, 8);
const ROGERS_AFTER: NaiveDate = ymd(2022, 7, 9);

/// How many days the monthly price is divided into for Rogers' credit. Rogers did not
/// publish the basis.
///
/// # Example
/// ```
/// use redress::catalog::contracts::RogersDayBasis;
/// assert_eq!(RogersDayBasis::default(), RogersDayBasis::DaysInMonth);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum RogersDayBasis {
    /// The days of the month of the outage (July: 31): 5 × price / 31.
    #[default]
    DaysInMonth,
    /// A 30-day month: 5 × price / 30.
    ThirtyDays,
    /// The annual price over 365 days: 5 × price × 12 / 365.
    Annualised,
}

/// The readings [`rogers_2022_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::contracts::{RogersDayBasis, RogersOptions};
/// assert_eq!(RogersOptions::default().day_basis, RogersDayBasis::DaysInMonth);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct RogersOptions {
    /// What a day of service is.
    pub day_basis: RogersDayBasis,
}

/// `rogers-2022`: Rogers' credit of five days of service for its nationwide outage of
/// 8 July 2022 (see [`rogers_2022_with`] for the day basis).
///
/// **The rule.** Every Rogers customer whose wireless or wireline service was lost in the
/// outage of 8 July 2022 received, automatically on the next statement, a credit equal to
/// five days of service: for each affected service, 5 × its monthly price ÷ the days of
/// the month (31 in July). One credit per affected service, however many outage records
/// the claim gives for that day. The policy is in force for that incident only: outage
/// time on another local date earns nothing, and the notes say so.
///
/// **Source.** Rogers' announcements of July 2022, as reported by the press.
///
/// **How firm.** \[S\]: press reports only. Rogers did not publish how a day of service was
/// computed; the days of the month is the default, and a 30-day month (5 × 90 / 30 =
/// 15.00) or an annualised day (5 × 90 × 12 / 365 = 14.79) are options.
///
/// # Example
/// ```
/// // CAD 90 a month, outage of 8 July 2022: 5 × 90 / 31 = 14.516 → CAD 14.52.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [customer]
///     region = "CA"
///     [plan]
///     provider = "Rogers"
///     currency = "CAD"
///     time_zone = "America/Toronto"
///     [[plan.services]]
///     kind = "mobile"
///     monthly_price = "90"
///     [[outages]]
///     services = ["mobile"]
///     start = "2022-07-08T04:45:00-04:00"
///     end = "2022-07-08T23:00:00-04:00"
/// "#).unwrap();
/// let result = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::contracts::rogers_2022())?;
/// assert_eq!(result.total.to_string(), "14.52");
/// assert!(result.automatic);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn rogers_2022() -> Policy {
    rogers_2022_with(RogersOptions::default())
}

/// `rogers-2022` with a chosen day basis. See [`rogers_2022`] for the rule.
///
/// # Example
/// ```
/// use redress::catalog::contracts::{rogers_2022_with, RogersDayBasis, RogersOptions};
/// let mut options = RogersOptions::default();
/// options.day_basis = RogersDayBasis::ThirtyDays;
/// let thirty = rogers_2022_with(options);
/// assert!(thirty.readings[0].contains("30"));
/// ```
pub fn rogers_2022_with(options: RogersOptions) -> Policy {
    let (units, day, reading) = match options.day_basis {
        RogersDayBasis::DaysInMonth => (
            5,
            DayCount::CalendarMonth,
            "Five days of service: 5 × the monthly price ÷ the days of the month of the outage \
             (July: 31).",
        ),
        RogersDayBasis::ThirtyDays => (
            5,
            DayCount::Fixed(30),
            "Five days of service: 5 × the monthly price ÷ 30.",
        ),
        // 5 days × 12 months ÷ 365 = 60 units of the monthly price ÷ 365, multiplied before
        // it is divided.
        RogersDayBasis::Annualised => (
            60,
            DayCount::Fixed(365),
            "Five days of service at an annualised day: 5 × 12 × the monthly price ÷ 365 \
             (shown as 60 units of the monthly price ÷ 365).",
        ),
    };
    let credit = Provision::new(
        "five days of service",
        Subject::Account {
            scope: ServiceScope::EachService,
        },
        Rule::PerUnit(PerUnit::new(
            UnitCount::PerIncident(units),
            Amount::DailyRate(day),
        )),
    )
    .with_clause("Rogers credit for the outage of 8 July 2022");
    let mut policy = Policy::new(
        "rogers-2022",
        "Rogers: five days of service for the outage of 8 July 2022",
        Currency::CAD,
    )
    .with_services(vec![
        ServiceKind::Mobile,
        ServiceKind::Internet,
        ServiceKind::Tv,
        ServiceKind::Phone,
    ])
    .with_version(
        PolicyVersion::from_date(ROGERS_OUTAGE, vec![credit])
            .with_end_date(ROGERS_AFTER)
            .with_label("the outage of 8 July 2022"),
    );
    policy.jurisdiction = "CA".to_owned();
    policy.citation = "Rogers Communications, customer credit announced in July 2022 for the \
        nationwide outage of 8 July 2022 (press reports)"
        .to_owned();
    policy.evidence = Evidence::Secondary;
    policy.providers = vec!["Rogers".to_owned()];
    policy.readings = vec![
        reading.to_owned(),
        "The credit is for the 8 July 2022 outage only (outage time on that local date), once \
         per affected service."
            .to_owned(),
    ];
    policy
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assess;
    use crate::{Claim, ClaimFile};

    fn has_note(claim: &Claim, text: &str) -> bool {
        claim.notes.iter().any(|n| n.contains(text))
    }

    /// A Rogers plan with some services and one outage of all of them from `start` to `end`.
    fn rogers(services: &[(&str, &str)], start: &str, end: &str, provider: &str) -> ClaimFile {
        let mut plan = String::new();
        for (kind, price) in services {
            plan.push_str(&format!(
                "[[plan.services]]\nkind = \"{kind}\"\nmonthly_price = \"{price}\"\n"
            ));
        }
        let kinds: Vec<String> = services.iter().map(|(k, _)| format!("\"{k}\"")).collect();
        toml::from_str(&format!(
            r#"
            [customer]
            region = "CA"
            [plan]
            provider = "{provider}"
            currency = "CAD"
            time_zone = "America/Toronto"
            {plan}
            [[outages]]
            services = [{}]
            start = "{start}"
            end = "{end}"
            "#,
            kinds.join(", ")
        ))
        .unwrap()
    }

    fn july_8(services: &[(&str, &str)]) -> ClaimFile {
        rogers(
            services,
            "2022-07-08T04:45:00-04:00",
            "2022-07-08T23:00:00-04:00",
            "Rogers",
        )
    }

    #[test]
    fn rogers_three_day_bases() {
        // Plan 90 a month, credit month of 31 days → 5 × 90 / 31 = 14.516 → 14.52; on a
        // 30-day basis 5 × 90 / 30 = 15.00; annualised 90 × 12 / 365 × 5 = 14.795 → 14.79.
        let claim = july_8(&[("mobile", "90")]);
        let result = assess(&claim, &rogers_2022()).unwrap();
        assert_eq!(result.total.to_string(), "14.52");
        assert!(result.automatic);
        let basis = |day_basis| rogers_2022_with(RogersOptions { day_basis });
        assert_eq!(
            assess(&claim, &basis(RogersDayBasis::ThirtyDays))
                .unwrap()
                .total
                .to_string(),
            "15.00"
        );
        assert_eq!(
            assess(&claim, &basis(RogersDayBasis::Annualised))
                .unwrap()
                .total
                .to_string(),
            "14.79"
        );
    }

    #[test]
    fn rogers_each_affected_service_gets_five_days() {
        // Mobile 90 and internet 80: 5 × 90 / 31 = 14.52 and 5 × 80 / 31 = 12.903 → 12.90;
        // 27.42 in all.
        let result = assess(
            &july_8(&[("mobile", "90"), ("internet", "80")]),
            &rogers_2022(),
        )
        .unwrap();
        assert_eq!(result.total.to_string(), "27.42");
        assert_eq!(result.lines.len(), 2);
    }

    #[test]
    fn rogers_pays_once_per_service_however_many_records() {
        // Two separate records of the mobile outage on 8 July (service back for an hour between)
        // still earn one credit: 5 × 90 / 31 = CAD 14.52.
        let claim: ClaimFile = toml::from_str(
            r#"
            [plan]
            provider = "Rogers"
            currency = "CAD"
            time_zone = "America/Toronto"
            [[plan.services]]
            kind = "mobile"
            monthly_price = "90"
            [[outages]]
            services = ["mobile"]
            start = "2022-07-08T04:45:00-04:00"
            end = "2022-07-08T12:00:00-04:00"
            [[outages]]
            services = ["mobile"]
            start = "2022-07-08T13:00:00-04:00"
            end = "2022-07-08T23:00:00-04:00"
            "#,
        )
        .unwrap();
        let result = assess(&claim, &rogers_2022()).unwrap();
        assert_eq!(result.total.to_string(), "14.52");
        assert_eq!(result.lines.len(), 1);
    }

    #[test]
    fn rogers_an_earlier_outage_does_not_change_the_month() {
        // A June outage as well: it earns nothing (and is noted), and July's 31 days still
        // price the credit: 5 × 90 / 31 = CAD 14.52.
        let claim: ClaimFile = toml::from_str(
            r#"
            [plan]
            provider = "Rogers"
            currency = "CAD"
            time_zone = "America/Toronto"
            [[plan.services]]
            kind = "mobile"
            monthly_price = "90"
            [[outages]]
            services = ["mobile"]
            start = "2022-06-20T10:00:00-04:00"
            end = "2022-06-20T12:00:00-04:00"
            [[outages]]
            services = ["mobile"]
            start = "2022-07-08T04:45:00-04:00"
            end = "2022-07-08T23:00:00-04:00"
            "#,
        )
        .unwrap();
        let result = assess(&claim, &rogers_2022()).unwrap();
        assert_eq!(result.total.to_string(), "14.52");
        assert!(
            has_note(&result, "Outage 1 (2022-06-20) earns nothing"),
            "{:?}",
            result.notes
        );
    }

    #[test]
    fn rogers_other_dates_earn_nothing_and_say_why() {
        let later = assess(
            &rogers(
                &[("mobile", "90")],
                "2022-07-10T04:45:00-04:00",
                "2022-07-10T23:00:00-04:00",
                "Rogers",
            ),
            &rogers_2022(),
        )
        .unwrap();
        assert_eq!(later.total.to_string(), "0.00");
        assert!(
            has_note(&later, "in force from 2022-07-08 until 2022-07-09"),
            "{:?}",
            later.notes
        );
        // The April 2021 outage (one day's credit then) is not this policy.
        let april = assess(
            &rogers(
                &[("mobile", "90")],
                "2021-04-19T20:00:00-04:00",
                "2021-04-20T02:00:00-04:00",
                "Rogers",
            ),
            &rogers_2022(),
        )
        .unwrap();
        assert_eq!(april.total.to_string(), "0.00");
    }

    #[test]
    fn goodwill_is_only_selected_for_its_provider() {
        let pick = |provider: &str| -> Vec<String> {
            crate::catalog::select(&crate::test_support::case(&rogers(
                &[("mobile", "90")],
                "2022-07-08T04:45:00-04:00",
                "2022-07-08T23:00:00-04:00",
                provider,
            )))
            .into_iter()
            .map(|p| p.id)
            .collect()
        };
        assert!(pick("Rogers Wireless").contains(&"rogers-2022".to_owned()));
        assert!(!pick("Bell").contains(&"rogers-2022".to_owned()));
        let policy = rogers_2022();
        assert_eq!(
            (policy.jurisdiction.as_str(), policy.evidence),
            ("CA", Evidence::Secondary)
        );
    }
}
