//! New Jersey: the cable outage credit of N.J.A.C. 14:18-3.5 (`us-nj-cable`).

use crate::money::Currency;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, ClaimDeadline, Condition, DayCount, Evidence, Payment, PerUnit, Policy, PolicyVersion,
    Provision, Rule, ServiceScope, Subject, UnitCount,
};
use crate::span::Span;

/// What New Jersey's one-day unit divides the monthly rate by.
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::us::DailyUnit::default(), redress::catalog::us::DailyUnit::ThirtyDays);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum DailyUnit {
    /// The monthly rate / 30.
    #[default]
    ThirtyDays,
    /// The monthly rate / the days of the calendar month the outage began in.
    DaysInMonth,
}

/// Which of the cable operator's services New Jersey's outage credit covers.
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::us::NjScope::default(), redress::catalog::us::NjScope::CableTelevision);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum NjScope {
    /// Cable television service only (the plan's `tv` services), as the regulation
    /// reads: internet and phone from the same operator earn nothing.
    #[default]
    CableTelevision,
    /// Every service the cable operator sells (TV, internet and phone), as operators
    /// that credit whole bundles do.
    EveryService,
}

/// The readings [`nj_cable_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::us::{nj_cable_with, DailyUnit, NjOptions};
/// let mut options = NjOptions::default();
/// options.daily_unit = DailyUnit::DaysInMonth;
/// let p = nj_cable_with(options);
/// assert_eq!(p.id, "us-nj-cable");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct NjOptions {
    /// What a one-day unit divides the monthly rate by.
    pub daily_unit: DailyUnit,
    /// Which of the operator's services the credit covers.
    pub scope: NjScope,
}

/// `us-nj-cable`: N.J.A.C. 14:18-3.5, with the catalog's readings.
///
/// A cable television outage of 6 hours or more earns one day's credit (monthly rate /
/// 30) per TV service out; beyond 24 hours, one per local calendar day with more than
/// 6 hours out; the customer must ask within 30 days. Internet and phone sold by the
/// same operator are not cable television service and earn nothing (option: every
/// service the operator sells). Source: N.J.A.C. 14:18-3.5, text current through
/// 4 November 2024. Figures \[P\] (regulation text). [`nj_cable_with`] has the full
/// rule and the options.
///
/// # Example
/// ```
/// // Cable TV at $60 ($2 a day) out Mon 09:00 → Sat 18:00:
/// // Mon 15 h, Tue–Fri whole, Sat 18 h → 6 days with more than 6 hours → $12, on request.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "tv"
///     monthly_price = "60"
///     [[outages]]
///     services = ["tv"]
///     start = "2025-03-03T09:00:00-05:00"
///     end = "2025-03-08T18:00:00-05:00"
/// "#).unwrap();
/// let claim = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::us::nj_cable())?;
/// assert_eq!(claim.total.to_string(), "12.00");
/// assert!(!claim.automatic);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn nj_cable() -> Policy {
    nj_cable_with(NjOptions::default())
}

/// `us-nj-cable` with chosen readings.
///
/// **The rule.** A cable television operator credits each cable television service not
/// available during an outage of 6 hours or more, in one-day units prorated on the
/// customer's monthly rate for that service (monthly rate / 30): an outage of 6 to 24 hours earns one unit; an
/// outage longer than 24 hours earns one unit for each local calendar day on which
/// service was out for more than 6 hours (read literally: Fri 20:00 → Sun 03:00 earns
/// one unit, for the Saturday). The customer must ask, by phone or in writing, within
/// 30 days of the outage (asking during the outage counts); a rebate or other
/// compensation may be offered instead.
///
/// **Source.** N.J.A.C. 14:18-3.5 (Regulations of cable television, customer rights:
/// outage credit), text current through N.J.R. Vol. 56 No. 21, 4 November 2024. The
/// date the text was first adopted was not checked, so the policy has no start date.
///
/// **Scope.** The rule sits in chapter 14:18, the regulations of cable television, and
/// binds the cable television operator; N.J.A.C. 14:18-1.2 defines cable television
/// service as the one-way transmission of video programming (and the subscriber
/// interaction needed to select it), under the Cable Television Act, N.J.S.A. 48:5A.
/// Internet access and phone sold by the same company are not cable television
/// service, so by default only the plan's `tv` services are covered: an internet-only
/// outage earns nothing, and the claim's note says so. [`NjScope::EveryService`] covers
/// every service the operator sells, for operators that credit whole bundles.
///
/// **How firm.** \[P\]: read in the regulation's text. The daily unit (/30 or /days in
/// the month) is our reading; the text says only "prorated on the basis of the
/// monthly rate".
///
/// # Example
/// ```
/// use redress::catalog::us::{nj_cable_with, DailyUnit, NjOptions};
/// let mut options = NjOptions::default();
/// options.daily_unit = DailyUnit::DaysInMonth;
/// let p = nj_cable_with(options);
/// assert!(p.readings.iter().any(|r| r.contains("days of the calendar month")));
/// ```
pub fn nj_cable_with(options: NjOptions) -> Policy {
    let mut policy = Policy::new(
        "us-nj-cable",
        "New Jersey cable outage credit",
        Currency::USD,
    );
    policy.jurisdiction = "US-NJ".to_owned();
    policy.citation = "N.J.A.C. 14:18-3.5, Outage credit (New Jersey Board of Public \
        Utilities, regulations of cable television), text current through N.J.R. Vol. 56 \
        No. 21, 4 November 2024"
        .to_owned();
    policy.evidence = Evidence::Primary;
    let scope_reading = match options.scope {
        NjScope::CableTelevision => {
            policy.services = vec![ServiceKind::Tv];
            "the rule covers cable television service only (N.J.A.C. 14:18-1.2): the plan's \
             TV services; internet and phone from the same operator earn nothing"
        }
        NjScope::EveryService => {
            policy.services = vec![ServiceKind::Tv, ServiceKind::Internet, ServiceKind::Phone];
            "the rule is applied to every service the cable operator sells (TV, internet and \
             phone), not to cable television service alone"
        }
    };
    let (days, unit_reading) = match options.daily_unit {
        DailyUnit::ThirtyDays => (
            DayCount::Fixed(30),
            "a one-day unit is the service's monthly rate / 30",
        ),
        DailyUnit::DaysInMonth => (
            DayCount::CalendarMonth,
            "a one-day unit is the service's monthly rate / the days of the calendar month the outage began in",
        ),
    };
    policy.readings = vec![
        scope_reading.to_owned(),
        unit_reading.to_owned(),
        "6 to 24 hours earns one unit; beyond 24 hours, one unit per local calendar day with \
         more than 6 hours out"
            .to_owned(),
    ];
    let day = Amount::DailyRate(days);
    let rule = Rule::When {
        condition: Condition::DurationMoreThan(Span::hours(24)),
        then: Box::new(Rule::PerUnit(PerUnit::new(
            UnitCount::LocalDaysMoreThan(Span::hours(6)),
            day.clone(),
        ))),
        otherwise: Some(Box::new(Rule::When {
            condition: Condition::DurationAtLeast(Span::hours(6)),
            then: Box::new(Rule::PerUnit(PerUnit::new(UnitCount::PerIncident(1), day))),
            otherwise: None,
        })),
    };
    let credit = Provision::new(
        "outage credit",
        Subject::Outages {
            scope: ServiceScope::EachService,
        },
        rule,
    )
    .with_clause("N.J.A.C. 14:18-3.5(a)")
    .with_payment(Payment::OnRequest)
    .with_deadline(ClaimDeadline::DaysAfterIncident { days: 30 });
    policy.with_version(
        PolicyVersion::always(vec![credit]).with_label("text current through 4 November 2024"),
    )
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::test_support::assess;
    use crate::{Claim, ClaimFile};

    fn nj(outage: &str) -> ClaimFile {
        let text = format!(
            r#"
            [customer]
            region = "US-NJ"
            [plan]
            currency = "USD"
            time_zone = "America/New_York"
            [[plan.services]]
            kind = "tv"
            monthly_price = "60"
            [[outages]]
            services = ["tv"]
            {outage}
            "#
        );
        toml::from_str(&text).unwrap()
    }

    fn run_nj(claim: &ClaimFile, options: NjOptions) -> Claim {
        assess(claim, &nj_cable_with(options)).unwrap()
    }

    const MON_TO_SAT: &str = r#"
        start = "2025-03-03T09:00:00-05:00"
        end = "2025-03-08T18:00:00-05:00"
    "#;

    /// Cable TV at $60/month → $2/day. Down Mon 09:00 → Sat 18:00: Mon 15 h, Tue–Fri full,
    /// Sat 18 h → 6 units → $12.00, on request within 30 days of the outage (by 7 April
    /// 2025).
    #[test]
    fn nj_monday_to_saturday_is_6_days_on_request() {
        let c = run_nj(&nj(MON_TO_SAT), NjOptions::default());
        assert_eq!(c.total.to_string(), "12.00", "{c}");
        assert!(!c.automatic);
        assert_eq!(c.earliest_deadline(), NaiveDate::from_ymd_opt(2025, 4, 7));
        assert!(
            c.notes.iter().any(|n| n.contains("claimed by 2025-04-07")),
            "{c}"
        );
    }

    /// Monday to Saturday with /31 (March): 6 × 60 / 31 = 11.613 → $11.61.
    #[test]
    fn nj_monday_to_saturday_by_the_days_in_the_month() {
        let options = NjOptions {
            daily_unit: DailyUnit::DaysInMonth,
            ..NjOptions::default()
        };
        let c = run_nj(&nj(MON_TO_SAT), options);
        assert_eq!(c.total.to_string(), "11.61", "{c}");
    }

    /// A 7-hour outage → 1 unit → $2; a 5-hour outage → $0.
    #[test]
    fn nj_seven_hours_earn_a_day_five_hours_nothing() {
        let seven = run_nj(
            &nj(r#"
                start = "2025-06-02T09:00:00-04:00"
                end = "2025-06-02T16:00:00-04:00"
            "#),
            NjOptions::default(),
        );
        assert_eq!(seven.total.to_string(), "2.00", "{seven}");
        let five = run_nj(
            &nj(r#"
                start = "2025-06-02T09:00:00-04:00"
                end = "2025-06-02T14:00:00-04:00"
            "#),
            NjOptions::default(),
        );
        assert_eq!(five.total.to_string(), "0.00", "{five}");
        assert!(
            five.notes.iter().any(|n| n.contains("at least 6h")),
            "{five}"
        );
    }

    /// Fri 20:00 → Sun 03:00 (31 h): Fri 4 h (no), Sat 24 h (yes), Sun 3 h (no) → 1 unit,
    /// $2 (the literal calendar-day reading).
    #[test]
    fn nj_friday_night_to_sunday_counts_only_saturday() {
        let c = run_nj(
            &nj(r#"
                start = "2025-06-06T20:00:00-04:00"
                end = "2025-06-08T03:00:00-04:00"
            "#),
            NjOptions::default(),
        );
        assert_eq!(c.total.to_string(), "2.00", "{c}");
    }

    /// DST (worked by hand): Sat 8 Mar 2025 20:00 EST → Mon 10 Mar 03:00 EDT is 30
    /// elapsed hours: Sat 4 h (no), Sun 23 h, its whole short day (yes), Mon 3 h (no)
    /// → 1 unit, $2.
    #[test]
    fn nj_a_23_hour_day_counts_as_a_day() {
        let c = run_nj(
            &nj(r#"
                start = "2025-03-08T20:00:00-05:00"
                end = "2025-03-10T03:00:00-04:00"
            "#),
            NjOptions::default(),
        );
        assert_eq!(c.total.to_string(), "2.00", "{c}");
    }

    /// A plan of cable TV at $60 and internet at `internet` a month, with one outage.
    fn bundle(internet: &str, services: &str, start: &str, end: &str) -> ClaimFile {
        let text = format!(
            r#"
            [customer]
            region = "US-NJ"
            [plan]
            currency = "USD"
            time_zone = "America/New_York"
            [[plan.services]]
            kind = "tv"
            monthly_price = "60"
            [[plan.services]]
            kind = "internet"
            monthly_price = "{internet}"
            [[outages]]
            services = [{services}]
            start = "{start}"
            end = "{end}"
            "#
        );
        toml::from_str(&text).unwrap()
    }

    fn every_service() -> NjOptions {
        NjOptions {
            scope: NjScope::EveryService,
            ..NjOptions::default()
        }
    }

    /// Internet only ($75/month) down Tue 4 Mar 2025 08:00 → Wed 5 Mar 16:00 (32 h).
    /// Internet is not cable television service → $0.00 by default, with a note saying
    /// why. With the "every service" option: Tue 16 h and Wed 16 h, each more than 6 h →
    /// 2 units × $75 / 30 = 2 × $2.50 = $5.00.
    #[test]
    fn nj_internet_only_outage_earns_nothing_by_default() {
        let claim = bundle(
            "75",
            r#""internet""#,
            "2025-03-04T08:00:00-05:00",
            "2025-03-05T16:00:00-05:00",
        );
        let c = run_nj(&claim, NjOptions::default());
        assert_eq!(c.total.to_string(), "0.00", "{c}");
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("Outage 1 (internet) earns nothing") && n.contains("tv only")),
            "{c}"
        );
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("cable television service only")),
            "{c}"
        );
        let every = run_nj(&claim, every_service());
        assert_eq!(every.total.to_string(), "5.00", "{every}");
    }

    /// A plan of internet alone is outside the rule altogether: the policy does not
    /// apply, and says why.
    #[test]
    fn nj_an_internet_only_plan_is_not_covered() {
        let claim: ClaimFile = toml::from_str(
            r#"
            [plan]
            currency = "USD"
            time_zone = "America/New_York"
            [[plan.services]]
            kind = "internet"
            monthly_price = "75"
            [[outages]]
            services = ["internet"]
            start = "2025-03-04T08:00:00-05:00"
            end = "2025-03-05T16:00:00-05:00"
            "#,
        )
        .unwrap();
        let err = assess(&claim, &nj_cable()).unwrap_err();
        assert!(err.to_string().contains("it covers tv"), "{err}");
        let every = assess(&claim, &nj_cable_with(every_service())).unwrap();
        assert_eq!(every.total.to_string(), "5.00", "{every}");
    }

    /// Bundle, TV $60 + internet $70, both down Tue 10 Jun 2025 14:00 → Thu 12 Jun 20:00
    /// (54 h): Tue 10 h, Wed 24 h, Thu 20 h → 3 units. Default, TV only: 3 × $60 / 30 =
    /// 3 × $2 = $6.00. Every service: 3 × $2 + 3 × $70 / 30 = $6.00 + $7.00 = $13.00
    /// (= 3 × $130 / 30).
    #[test]
    fn nj_bundle_is_priced_on_tv_alone_by_default() {
        let claim = bundle(
            "70",
            r#""tv", "internet""#,
            "2025-06-10T14:00:00-04:00",
            "2025-06-12T20:00:00-04:00",
        );
        let c = run_nj(&claim, NjOptions::default());
        assert_eq!(c.total.to_string(), "6.00", "{c}");
        let every = run_nj(&claim, every_service());
        assert_eq!(every.total.to_string(), "13.00", "{every}");
    }
}
