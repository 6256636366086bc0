//! United States: the New York PSC outage-credit rule for telephone and cable
//! companies and New Jersey's cable outage credit (telecom fact sheet §5.1, §5.2).

use chrono::NaiveDate;

use crate::money::Currency;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, Assumption, ClaimDeadline, Clock, ClockStart, Condition, Counting, DayCount, Evidence,
    Payment, PerUnit, Policy, PolicyVersion, Provision, Rule, ServiceScope, Severity, Subject,
    UnitCount,
};
use crate::span::Span;

/// What New York's "24 hours or more" test for an automatic credit measures when
/// commercial power caused the outage.
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::us::AutomaticTest::default(), redress::catalog::us::AutomaticTest::WholeOutage);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum AutomaticTest {
    /// The whole outage, from the loss of service to its return.
    #[default]
    WholeOutage,
    /// Only the credit period, which with a commercial-power cause starts 24 hours
    /// after power returned (the same as the whole outage for other causes).
    CreditPeriod,
}

/// The readings [`ny_psc_outage_credit_with`] can take; `Default` is the catalog's.
///
/// # Example
/// ```
/// use redress::catalog::us::{ny_psc_outage_credit_with, AutomaticTest, NyPscOptions};
/// let p = ny_psc_outage_credit_with(NyPscOptions { automatic_test: AutomaticTest::CreditPeriod });
/// assert_eq!(p.id, "us-ny-psc-outage-credit");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct NyPscOptions {
    /// What the 24-hour test for an automatic credit measures.
    pub automatic_test: AutomaticTest,
}

/// `us-ny-psc-outage-credit`: the New York PSC rule, with the catalog's readings.
///
/// An outage affecting 100 or more subscribers earns, for each affected service, 1/30
/// of its monthly rate per 24 hours or fraction: automatic at 24 hours or more, one
/// unit on request below; with a commercial-power cause the credit period starts
/// 24 hours after power returns. Source: NY PSC Case 22-M-0180, rules adopted
/// 19 January 2023. Figures \[P\] (regulator's press release).
/// [`ny_psc_outage_credit_with`] has the full rule and the option.
///
/// # Example
/// ```
/// // Telecom §5.1 example 1: a $120 bundle (internet $60 + TV $60), out 53 hours, 250
/// // subscribers affected: ⌈53 / 24⌉ = 3 units × $120 / 30 = $12, automatic.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "60"
///     [[plan.services]]
///     kind = "tv"
///     monthly_price = "60"
///     [[outages]]
///     services = ["internet", "tv"]
///     start = "2025-06-02T06:00:00-04:00"
///     end = "2025-06-04T11:00:00-04:00"
///     customers_affected = 250
/// "#).unwrap();
/// let claim = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::us::ny_psc_outage_credit())?;
/// assert_eq!(claim.total.to_string(), "12.00");
/// assert!(claim.automatic);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn ny_psc_outage_credit() -> Policy {
    ny_psc_outage_credit_with(NyPscOptions::default())
}

/// `us-ny-psc-outage-credit` with chosen readings.
///
/// **The rule.** When an outage from one cause affects 100 or more subscribers of a
/// major telephone or cable company, each affected service that was rendered useless
/// or substantially impaired (`degraded` outages count) earns 1/30 of its monthly rate
/// for each 24 hours or fraction, counted from the outage's start (⌈hours / 24⌉
/// units). At 24 hours or more the credit is automatic; under 24 hours it is one unit,
/// owed only if the subscriber asks. When commercial power loss to the network caused
/// the outage (`cause = "power"` with `power_restored`), the credit period starts
/// 24 hours after power returned. Under 100 subscribers the rule does not apply; when
/// the claim does not give the incident's size (`customers_affected`), the rule is
/// applied and a note says it assumed 100 or more.
///
/// Residential and certain commercial customers; commercial customers whose
/// negotiated agreements carry their own credit clause are excluded (the claim file
/// cannot say so).
///
/// **Source.** New York State Public Service Commission, Case 22-M-0180, rules adopted
/// and announced on 19 January 2023 (DPS press release 19 January 2023); the same text
/// appears in a provider's posted rule dated 20 March 2023 (telecom §5.1). The
/// effective date taken is 19 January 2023, the date of adoption the press release
/// gives ("are now required"); the NYCRR section it was codified in is not confirmed.
///
/// **How firm.** \[P\]: the 100-subscriber trigger, the 1/30 per 24 hours or fraction,
/// the request rule under 24 hours and the power rule are read in the regulator's press
/// release. The effective date is the adoption date, not a confirmed tariff date.
///
/// # Example
/// ```
/// use redress::catalog::us::{ny_psc_outage_credit_with, AutomaticTest, NyPscOptions};
/// let p = ny_psc_outage_credit_with(NyPscOptions { automatic_test: AutomaticTest::CreditPeriod });
/// assert!(p.readings.iter().any(|r| r.contains("only the credit period")));
/// ```
pub fn ny_psc_outage_credit_with(options: NyPscOptions) -> Policy {
    let mut policy = Policy::new(
        "us-ny-psc-outage-credit",
        "New York PSC outage credit for telephone and cable service",
        Currency::USD,
    );
    policy.jurisdiction = "US-NY".to_owned();
    policy.citation = "New York State Public Service Commission, Case 22-M-0180, outage \
        credit rules for major telephone and cable companies, adopted 19 January 2023 \
        (DPS press release 19 January 2023)"
        .to_owned();
    policy.evidence = Evidence::Primary;
    policy.services = vec![ServiceKind::Phone, ServiceKind::Tv, ServiceKind::Internet];

    let clock = Clock {
        start: ClockStart::OutageStart,
        after_power_restored: Some(Span::hours(24)),
    };
    let day = Span::hours(24);
    let (test, test_reading) = match options.automatic_test {
        AutomaticTest::WholeOutage => (
            Condition::DurationAtLeast(day),
            "with a commercial-power cause the 24-hour test for an automatic credit uses the whole outage",
        ),
        AutomaticTest::CreditPeriod => (
            Condition::TimeAfterClockAtLeast { clock, at_least: day },
            "with a commercial-power cause the 24-hour test for an automatic credit uses only the credit period after power returned",
        ),
    };
    policy.readings = vec![
        "24-hour blocks from the outage start, each started block counts; a unit is 1/30 of \
         the monthly price of each affected service"
            .to_owned(),
        "automatic at 24 hours or more; under 24 hours one unit, owed only on request".to_owned(),
        "with a commercial-power cause the credit period starts 24 hours after power returns"
            .to_owned(),
        test_reading.to_owned(),
    ];
    let credit = Provision::new(
        "outage credit",
        Subject::Outages {
            scope: ServiceScope::EachService,
        },
        Rule::When {
            condition: Condition::CustomersAffectedAtLeast {
                count: 100,
                if_unknown: Assumption::Met,
            },
            then: Box::new(Rule::PerUnit(
                PerUnit::new(
                    UnitCount::Blocks {
                        length: day,
                        counting: Counting::Started,
                    },
                    Amount::DailyRate(DayCount::Fixed(30)),
                )
                .with_clock(clock),
            )),
            otherwise: None,
        },
    )
    .with_clause("Case 22-M-0180 outage credit rule")
    .with_severity(Severity::FullOrDegraded)
    .with_payment(Payment::AutomaticIf(test));
    policy.with_version(
        PolicyVersion::from_date(
            NaiveDate::from_ymd_opt(2023, 1, 19).unwrap_or(NaiveDate::MIN),
            vec![credit],
        )
        .with_label("rules adopted 19 January 2023"),
    )
}

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

/// The readings [`nj_cable_with`] can take; `Default` is the catalog's.
///
/// # Example
/// ```
/// use redress::catalog::us::{nj_cable_with, DailyUnit, NjOptions};
/// let p = nj_cable_with(NjOptions { daily_unit: DailyUnit::DaysInMonth });
/// assert_eq!(p.id, "us-nj-cable");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
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
/// // Telecom §5.2 example 1: internet at $60 ($2 a day) out Mon 09:00 → Sat 18:00:
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
/// outage credit), text current through N.J.R. Vol. 56 No. 21, 4 November 2024
/// (telecom §5.2). The date the text was first adopted was not checked, so the policy
/// has no start date.
///
/// **How firm.** \[P\]: read in the regulation's text. The daily unit (/30 or /days in
/// the month) is our reading; the text says only "prorated on the basis of the
/// monthly rate". The chapter regulates cable television; the fact sheet's examples
/// apply it to a cable company's internet and phone services too, and so does this
/// policy.
///
/// # Example
/// ```
/// use redress::catalog::us::{nj_cable_with, DailyUnit, NjOptions};
/// let p = nj_cable_with(NjOptions { daily_unit: DailyUnit::DaysInMonth });
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

// The tests sit before `ny_psl_73`, which stays last in the file for its own author.
#[cfg(test)]
#[allow(clippy::items_after_test_module)]
mod tests {
    use super::*;
    use crate::test_support::assess;
    use crate::{Claim, ClaimFile};

    fn ny(rest: &str) -> ClaimFile {
        let text = format!(
            r#"
            [customer]
            region = "US-NY"
            [plan]
            currency = "USD"
            time_zone = "America/New_York"
            [[plan.services]]
            kind = "internet"
            monthly_price = "60"
            [[plan.services]]
            kind = "tv"
            monthly_price = "60"
            {rest}
            "#
        );
        toml::from_str(&text).unwrap()
    }

    fn run_ny(claim: &ClaimFile, options: NyPscOptions) -> Claim {
        assess(claim, &ny_psc_outage_credit_with(options)).unwrap()
    }

    /// Telecom §5.1 example 1 (bundle $120/month → $4 per unit: internet $60 + TV $60,
    /// $2 each). 53-hour outage, 250 subscribers affected → ⌈53/24⌉ = 3 → $12,
    /// automatic (3 × $2 per service).
    #[test]
    fn nypsc_5_1_example_1_53_hours_250_subscribers() {
        let c = run_ny(
            &ny(r#"
                [[outages]]
                services = ["internet", "tv"]
                start = "2025-06-02T06:00:00-04:00"
                end = "2025-06-04T11:00:00-04:00"
                customers_affected = 250
            "#),
            NyPscOptions::default(),
        );
        let amounts: Vec<String> = c.lines.iter().map(|l| l.amount.to_string()).collect();
        assert_eq!(amounts, vec!["6.00", "6.00"], "{c}");
        assert_eq!(c.total.to_string(), "12.00");
        assert!(c.automatic);
    }

    /// Telecom §5.1 example 2. A 20-hour outage → only on request → $4 (one unit, $2
    /// per service), or $0 if not requested.
    #[test]
    fn nypsc_5_1_example_2_20_hours_on_request() {
        let c = run_ny(
            &ny(r#"
                [[outages]]
                services = ["internet", "tv"]
                start = "2025-06-02T06:00:00-04:00"
                end = "2025-06-03T02:00:00-04:00"
                customers_affected = 250
            "#),
            NyPscOptions::default(),
        );
        assert_eq!(c.total.to_string(), "4.00", "{c}");
        assert!(!c.automatic);
        assert_eq!(c.on_request_total().to_string(), "4.00");
    }

    const STORM: &str = r#"
        [[outages]]
        services = ["internet", "tv"]
        start = "2025-06-02T18:00:00-04:00"
        end = "2025-06-05T20:00:00-04:00"
        customers_affected = 250
        cause = "power"
        power_restored = "2025-06-03T08:00:00-04:00"
    "#;

    /// Telecom §5.1 example 3. Storm: outage starts Mon 18:00 because the network lost
    /// commercial power; power restored Tue 08:00; service restored Thu 20:00. Credit
    /// period starts Wed 08:00 → 36 h → 2 units → $8, automatic (both readings of the
    /// 24-hour test pass: 74 h whole, 36 h credit period).
    #[test]
    fn nypsc_5_1_example_3_storm_power_rule() {
        let c = run_ny(&ny(STORM), NyPscOptions::default());
        assert_eq!(c.total.to_string(), "8.00", "{c}");
        assert!(c.automatic);
        let credit_period = NyPscOptions {
            automatic_test: AutomaticTest::CreditPeriod,
        };
        let c = run_ny(&ny(STORM), credit_period);
        assert_eq!(c.total.to_string(), "8.00", "{c}");
        assert!(c.automatic);
    }

    /// Telecom §5.1 example 3 without the power rule (a network cause): 74 h → 4 units
    /// → $16.
    #[test]
    fn nypsc_5_1_example_3_without_the_power_rule() {
        let network = STORM
            .replace("cause = \"power\"", "")
            .replace("power_restored = \"2025-06-03T08:00:00-04:00\"", "");
        let c = run_ny(&ny(&network), NyPscOptions::default());
        assert_eq!(c.total.to_string(), "16.00", "{c}");
    }

    /// Telecom §5.1 example 3's ambiguity, where the readings part (my arithmetic):
    /// power lost Mon 18:00, back Tue 08:00, service back Wed 20:00. The credit period
    /// starts Wed 08:00 → 12 h → 1 unit → $4. Whole outage 50 h ≥ 24 h → automatic by
    /// default; credit period 12 h < 24 h → on request under the other reading.
    #[test]
    fn nypsc_5_1_example_3_power_rule_readings_differ() {
        let short = STORM.replace("2025-06-05T20:00", "2025-06-04T20:00");
        let c = run_ny(&ny(&short), NyPscOptions::default());
        assert_eq!(c.total.to_string(), "4.00", "{c}");
        assert!(c.automatic);
        let c = run_ny(
            &ny(&short),
            NyPscOptions {
                automatic_test: AutomaticTest::CreditPeriod,
            },
        );
        assert_eq!(c.total.to_string(), "4.00", "{c}");
        assert!(!c.automatic);
    }

    /// Under 100 subscribers the rule does not apply: $0, and a note says why.
    #[test]
    fn nypsc_under_100_subscribers_does_not_apply() {
        let c = run_ny(
            &ny(r#"
                [[outages]]
                services = ["internet"]
                start = "2025-06-02T06:00:00-04:00"
                end = "2025-06-04T11:00:00-04:00"
                customers_affected = 99
            "#),
            NyPscOptions::default(),
        );
        assert_eq!(c.total.to_string(), "0.00", "{c}");
        assert!(
            c.notes.iter().any(|n| n.contains("at least 100 customers")),
            "{c}"
        );
    }

    /// Size unknown: the rule applies and a note states the assumption. 53 h on the
    /// internet alone → 3 × $2 = $6.
    #[test]
    fn nypsc_unknown_size_is_assumed_100_or_more() {
        let c = run_ny(
            &ny(r#"
                [[outages]]
                services = ["internet"]
                start = "2025-06-02T06:00:00-04:00"
                end = "2025-06-04T11:00:00-04:00"
            "#),
            NyPscOptions::default(),
        );
        assert_eq!(c.total.to_string(), "6.00", "{c}");
        assert!(
            c.notes.iter().any(|n| n.contains("assumed at least 100")),
            "{c}"
        );
    }

    /// DST (my arithmetic): Sat 8 Mar 2025 12:00 EST → Sun 9 Mar 13:00 EDT is 25 hours on
    /// the wall clock but 24 elapsed hours (clocks went forward): one block, automatic;
    /// $2 per service → $4.
    #[test]
    fn nypsc_blocks_are_elapsed_hours_across_dst() {
        let c = run_ny(
            &ny(r#"
                [[outages]]
                services = ["internet", "tv"]
                start = "2025-03-08T12:00:00-05:00"
                end = "2025-03-09T13:00:00-04:00"
                customers_affected = 500
            "#),
            NyPscOptions::default(),
        );
        assert_eq!(c.total.to_string(), "4.00", "{c}");
        assert!(c.automatic);
    }

    /// Before the rules were adopted (19 January 2023): a December 2022 outage earns
    /// nothing, and the claim says why.
    #[test]
    fn nypsc_before_19_january_2023_earns_nothing() {
        let c = run_ny(
            &ny(r#"
                [[outages]]
                services = ["internet"]
                start = "2022-12-23T06:00:00-05:00"
                end = "2022-12-25T11:00:00-05:00"
                customers_affected = 5000
            "#),
            NyPscOptions::default(),
        );
        assert_eq!(c.total.to_string(), "0.00", "{c}");
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("in force from 2023-01-19")),
            "{c}"
        );
    }

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

    /// Telecom §5.2 example 1 (internet $60/month → $2/day). Down Mon 09:00 → Sat 18:00:
    /// Mon 15 h, Tue–Fri full, Sat 18 h → 6 units → $12.00, on request within 30 days
    /// of the outage (by 7 April 2025).
    #[test]
    fn nj_5_2_example_1_monday_to_saturday() {
        let c = run_nj(&nj(MON_TO_SAT), NjOptions::default());
        assert_eq!(c.total.to_string(), "12.00", "{c}");
        assert!(!c.automatic);
        assert_eq!(c.earliest_deadline(), NaiveDate::from_ymd_opt(2025, 4, 7));
        assert!(
            c.notes.iter().any(|n| n.contains("claimed by 2025-04-07")),
            "{c}"
        );
    }

    /// Telecom §5.2 example 1 with /31 (March): 6 × 60 / 31 = 11.613 → $11.61.
    #[test]
    fn nj_5_2_example_1_days_in_month() {
        let options = NjOptions {
            daily_unit: DailyUnit::DaysInMonth,
        };
        let c = run_nj(&nj(MON_TO_SAT), options);
        assert_eq!(c.total.to_string(), "11.61", "{c}");
    }

    /// Telecom §5.2 example 2. A 7-hour outage → 1 unit → $2; a 5-hour outage → $0.
    #[test]
    fn nj_5_2_example_2_seven_and_five_hours() {
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

    /// Telecom §5.2 example 3. Fri 20:00 → Sun 03:00 (31 h): Fri 4 h (no), Sat 24 h
    /// (yes), Sun 3 h (no) → 1 unit, $2 (the literal calendar-day reading).
    #[test]
    fn nj_5_2_example_3_friday_night_to_sunday() {
        let c = run_nj(
            &nj(r#"
                start = "2025-06-06T20:00:00-04:00"
                end = "2025-06-08T03:00:00-04:00"
            "#),
            NjOptions::default(),
        );
        assert_eq!(c.total.to_string(), "2.00", "{c}");
    }

    /// DST (my arithmetic): Sat 8 Mar 2025 20:00 EST → Mon 10 Mar 03:00 EDT is 30
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
