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
}

/// `us-nj-cable`: N.J.A.C. 14:18-3.5, with the catalog's readings.
///
/// A cable outage of 6 hours or more earns one day's credit (monthly rate / 30) per
/// affected service; beyond 24 hours, one per local calendar day with more than
/// 6 hours out; the customer must ask within 30 days. Source: N.J.A.C. 14:18-3.5, text
/// current through 4 November 2024. Figures \[P\] (regulation text). [`nj_cable_with`]
/// has the full rule and the option.
///
/// # Example
/// ```
/// // Internet at $60 ($2 a day) out Mon 09:00 → Sat 18:00:
/// // Mon 15 h, Tue–Fri whole, Sat 18 h → 6 days with more than 6 hours → $12, on request.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "60"
///     [[outages]]
///     services = ["internet"]
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
/// **The rule.** A cable company credits each service not available during an outage
/// of 6 hours or more, in one-day units prorated on the customer's monthly rate for
/// that service (monthly rate / 30): an outage of 6 to 24 hours earns one unit; an
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
/// **How firm.** \[P\]: read in the regulation's text. The daily unit (/30 or /days in
/// the month) is our reading; the text says only "prorated on the basis of the
/// monthly rate". The chapter regulates cable television (N.J.A.C. 14:18-1.2 defines
/// it as the transmission of video programming); this policy also applies it to a
/// cable company's internet and phone services, as operators that credit whole
/// bundles do: that scope is a reading, not the regulation's words.
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
    policy.services = vec![ServiceKind::Tv, ServiceKind::Internet, ServiceKind::Phone];
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
            kind = "internet"
            monthly_price = "60"
            [[outages]]
            services = ["internet"]
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

    /// Internet at $60/month → $2/day. Down Mon 09:00 → Sat 18:00: Mon 15 h, Tue–Fri full,
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
}
