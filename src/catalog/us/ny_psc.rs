//! New York: the Public Service Commission's outage credit for telephone and cable
//! companies (`us-ny-psc-outage-credit`).

use chrono::NaiveDate;

use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, Assumption, Bearing, Clock, ClockStart, Condition, Counting, DayCount, Evidence,
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

/// The readings [`ny_psc_outage_credit_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::us::{ny_psc_outage_credit_with, AutomaticTest, NyPscOptions};
/// let mut options = NyPscOptions::default();
/// options.automatic_test = AutomaticTest::CreditPeriod;
/// let p = ny_psc_outage_credit_with(options);
/// assert_eq!(p.id, "us-ny-psc-outage-credit");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
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
/// // A $120 bundle (internet $60 + TV $60), out 53 hours, 250 subscribers affected:
/// // ⌈53 / 24⌉ = 3 units × $120 / 30 = $12, automatic.
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
/// appears in a provider's posted outage credit rule dated 20 March 2023. The
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
/// let mut options = NyPscOptions::default();
/// options.automatic_test = AutomaticTest::CreditPeriod;
/// let p = ny_psc_outage_credit_with(options);
/// assert!(p.readings_for.iter().any(|(_, r)| r.contains("only the credit period")));
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
    ];
    policy.readings_for = vec![
        (
            Bearing::Cause(Cause::Power),
            "with a commercial-power cause the credit period starts 24 hours after power returns"
                .to_owned(),
        ),
        (Bearing::Cause(Cause::Power), test_reading.to_owned()),
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

#[cfg(test)]
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

    /// A bundle of $120/month → $4 per unit (internet $60 + TV $60, $2 each). 53-hour
    /// outage, 250 subscribers affected → ⌈53/24⌉ = 3 → $12, automatic (3 × $2 per
    /// service).
    #[test]
    fn nypsc_53_hours_for_250_subscribers_is_3_units_automatic() {
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

    /// A 20-hour outage → only on request → $4 (one unit, $2 per service), or $0 if not
    /// requested.
    #[test]
    fn nypsc_20_hours_is_one_unit_on_request() {
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

    /// Storm: outage starts Mon 18:00 because the network lost commercial power; power
    /// restored Tue 08:00; service restored Thu 20:00. Credit period starts Wed 08:00
    /// → 36 h → 2 units → $8, automatic (both readings of the 24-hour test pass: 74 h
    /// whole, 36 h credit period).
    #[test]
    fn nypsc_storm_credit_period_starts_24_hours_after_power_returns() {
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

    /// The same storm without the power rule (a network cause): 74 h → 4 units → $16.
    #[test]
    fn nypsc_storm_without_the_power_rule_counts_the_whole_outage() {
        let network = STORM
            .replace("cause = \"power\"", "")
            .replace("power_restored = \"2025-06-03T08:00:00-04:00\"", "");
        let c = run_ny(&ny(&network), NyPscOptions::default());
        assert_eq!(c.total.to_string(), "16.00", "{c}");
    }

    /// Where the two readings of the 24-hour test part (worked by hand): power lost Mon
    /// 18:00, back Tue 08:00, service back Wed 20:00. The credit period starts Wed 08:00
    /// → 12 h → 1 unit → $4. Whole outage 50 h ≥ 24 h → automatic by default; credit period
    /// 12 h < 24 h → on request under the other reading.
    #[test]
    fn nypsc_power_rule_readings_differ_on_automatic_payment() {
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

    /// DST (worked by hand): Sat 8 Mar 2025 12:00 EST → Sun 9 Mar 13:00 EDT is 25 hours on
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
}
