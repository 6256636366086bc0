//! New York: Public Service Law §73, the bill credit for widespread prolonged utility
//! outages (`us-ny-psl-73`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::claim_file::Segment;
use crate::money::Currency;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, Assumption, Condition, Counting, Evidence, Grace, PerUnit, Policy, PolicyVersion,
    Provision, Rule, Subject, UnitCount,
};
use crate::span::Span;

/// §73 in force (L. 2022, effective 21 April 2022).
const EFFECTIVE: NaiveDate = crate::catalog::ymd(2022, 4, 21);

/// The readings [`ny_psl_73_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::us::Psl73Options;
/// use redress::policy::{Assumption, Counting};
/// let options = Psl73Options::default();
/// assert_eq!((options.counting, options.size_unknown), (Counting::Complete, Assumption::Met));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Psl73Options {
    /// Whether each "subsequent twenty-four hour period" beyond 72 hours counts only when
    /// complete (the default: the first $25 at hour 96) or as soon as it has started (the
    /// first $25 as soon as hour 72 is passed).
    pub counting: Counting,
    /// What to assume when the claim does not give the incident's size
    /// (`customers_affected`): that it was widespread (the default) or that it was not.
    pub size_unknown: Assumption,
}

impl Default for Psl73Options {
    fn default() -> Self {
        Psl73Options {
            counting: Counting::Complete,
            size_unknown: Assumption::Met,
        }
    }
}

/// `us-ny-psl-73`: New York's $25 bill credit for each 24 hours of a widespread
/// prolonged electric or gas outage beyond 72 hours, with the catalog's default readings
/// (see [`ny_psl_73_with`]).
///
/// **The rule.** When a residential customer of a large New York electric or gas utility
/// is out of service for at least 72 consecutive hours in a *widespread* outage, the
/// utility credits $25 for each subsequent complete 24 hours of outage beyond the 72
/// (100 hours → $25, 120 hours → $50). The credit is applied to the account without a
/// request. Widespread means at least 20,000 customers affected for an electric outage
/// and at least 1,500 for a gas outage: the claim file's `customers_affected` is
/// compared with the threshold of the outage's service, and where it is not given the
/// outage is assumed widespread, with a note on the claim (an option assumes the
/// opposite). Small-business customers are not owed the bill credit (only food
/// reimbursement), so the policy covers the `residential` segment only.
///
/// Not assessed: the statute's reimbursement of spoiled food (up to $235 with an itemised
/// list, $540 with proof of loss, claimed within 14 days) and of prescription medicine
/// (actual cost) need receipts and lists the claim file does not carry. The Commission's
/// ruling that for outages already under way on 21 April 2022 the 72 hours ran from that
/// date is not encoded: outages that began before it earn nothing here.
///
/// **Source.** N.Y. Public Service Law §73(1)(a), effective 21 April 2022
/// (nysenate.gov/legislation/laws/PBS/73); NY PSC order of 14 July 2022 (cases
/// 22-M-0159, 22-E-0301) for the definition of widespread.
///
/// **How firm.** The 72 hours and the $25 per 24 hours are \[P\] (statute). The
/// widespread thresholds (20,000 electric, 1,500 gas customers) are \[S\] (press reports of
/// the PSC's rules), so the policy as a whole is graded \[S\].
///
/// # Example
/// ```
/// // 100 consecutive hours without power: 28 h beyond 72 → one complete 24 h → $25.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [customer]
///     region = "US-NY"
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "electricity"
///     monthly_price = "0"
///     [[outages]]
///     services = ["electricity"]
///     start = "2024-01-09T18:00:00-05:00"
///     end = "2024-01-13T22:00:00-05:00"
///     customers_affected = 180000
///     cause = "severe-weather"
/// "#).unwrap();
/// let result = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::us::ny_psl_73())?;
/// assert_eq!(result.total.to_string(), "25.00");
/// assert!(result.automatic);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn ny_psl_73() -> Policy {
    ny_psl_73_with(Psl73Options::default())
}

/// `us-ny-psl-73` with chosen readings: complete or started 24-hour periods beyond 72
/// hours, and what to assume when the incident's size is not given. See [`ny_psl_73`].
///
/// # Example
/// ```
/// use redress::catalog::us::{ny_psl_73_with, Psl73Options};
/// use redress::policy::Counting;
/// // 100 hours: 28 h beyond 72 → two started 24-h periods → $50.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "electricity"
///     monthly_price = "0"
///     [[outages]]
///     services = ["electricity"]
///     start = "2024-01-09T18:00:00-05:00"
///     end = "2024-01-13T22:00:00-05:00"
///     customers_affected = 180000
/// "#).unwrap();
/// let mut options = Psl73Options::default();
/// options.counting = Counting::Started;
/// let policy = ny_psl_73_with(options);
/// assert_eq!(redress::assess(&redress::Case::from_file(&claim)?, &policy)?.total.to_string(), "50.00");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn ny_psl_73_with(options: Psl73Options) -> Policy {
    let credit = Rule::PerUnit(
        PerUnit::new(
            UnitCount::Blocks {
                length: Span::hours(24),
                counting: options.counting,
            },
            Amount::Fixed(Decimal::from(25)),
        )
        .with_grace(Grace::Elapsed(Span::hours(72))),
    );
    let widespread = |count: u64| Rule::When {
        condition: Condition::CustomersAffectedAtLeast {
            count,
            if_unknown: options.size_unknown,
        },
        then: Box::new(credit.clone()),
        otherwise: None,
    };
    // One provision per service, each with its own widespread threshold.
    let provision = |service: ServiceKind, count: u64, name: &str| {
        Provision::new(name, Subject::outages(), widespread(count))
            .with_services(vec![service])
            .with_clause("PSL §73(1)(a)")
    };
    let mut policy = Policy::new(
        "us-ny-psl-73",
        "New York PSL §73: bill credit for widespread outages beyond 72 hours",
        Currency::USD,
    )
    .with_services(vec![ServiceKind::Electricity, ServiceKind::Gas])
    .with_version(
        PolicyVersion::from_date(
            EFFECTIVE,
            vec![
                provision(
                    ServiceKind::Electricity,
                    20_000,
                    "widespread prolonged electric outage credit",
                ),
                provision(
                    ServiceKind::Gas,
                    1_500,
                    "widespread prolonged gas outage credit",
                ),
            ],
        )
        .with_label("from 21 April 2022"),
    );
    policy.jurisdiction = "US-NY".to_owned();
    policy.citation = "N.Y. Public Service Law §73(1)(a) (L. 2022, effective 21 April 2022), \
        nysenate.gov/legislation/laws/PBS/73; widespread outage defined by the NY PSC, order of \
        14 July 2022, cases 22-M-0159 and 22-E-0301"
        .to_owned();
    policy.evidence = Evidence::Secondary;
    policy.segments = vec![Segment::Residential];
    policy.readings = readings(options);
    policy
}

fn readings(options: Psl73Options) -> Vec<String> {
    let counting = match options.counting {
        Counting::Complete => {
            "Only complete 24-hour periods beyond the first 72 hours earn $25 (the first at hour 96)."
        }
        Counting::Started => {
            "Each started 24-hour period beyond the first 72 hours earns $25 (the first as soon as hour 72 is passed)."
        }
    };
    let size = match options.size_unknown {
        Assumption::Met => {
            "Widespread means at least 20,000 customers out (electric) or 1,500 (gas); an outage \
             whose size is not given is assumed widespread."
        }
        Assumption::NotMet => {
            "Widespread means at least 20,000 customers out (electric) or 1,500 (gas); an outage \
             whose size is not given is assumed not widespread."
        }
    };
    vec![
        counting.to_owned(),
        size.to_owned(),
        "Food and medicine reimbursements need itemised lists and proof of loss, which the claim \
         file does not carry; they are not assessed."
            .to_owned(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assess;
    use crate::{Claim, ClaimFile};

    /// One outage of `hours` of a service from 9 January 2024 18:00 New York time.
    fn out(service: &str, hours: i64, size: Option<u64>, segment: &str) -> ClaimFile {
        let start = chrono::DateTime::parse_from_rfc3339("2024-01-09T18:00:00-05:00").unwrap();
        outage_from(service, &start.to_rfc3339(), hours, size, segment)
    }

    fn outage_from(
        service: &str,
        start: &str,
        hours: i64,
        size: Option<u64>,
        segment: &str,
    ) -> ClaimFile {
        let start = chrono::DateTime::parse_from_rfc3339(start).unwrap();
        let end = start + chrono::TimeDelta::hours(hours);
        let size = size
            .map(|n| format!("customers_affected = {n}"))
            .unwrap_or_default();
        toml::from_str(&format!(
            r#"
            [customer]
            region = "US-NY"
            segment = "{segment}"
            [plan]
            currency = "USD"
            time_zone = "America/New_York"
            [[plan.services]]
            kind = "{service}"
            monthly_price = "0"
            [[outages]]
            services = ["{service}"]
            start = "{}"
            end = "{}"
            {size}
            "#,
            start.to_rfc3339(),
            end.to_rfc3339()
        ))
        .unwrap()
    }

    fn run(claim: &ClaimFile, policy: &Policy) -> Claim {
        assess(claim, policy).unwrap()
    }

    fn started() -> Policy {
        ny_psl_73_with(Psl73Options {
            counting: Counting::Started,
            ..Psl73Options::default()
        })
    }

    fn has_note(claim: &Claim, text: &str) -> bool {
        claim.notes.iter().any(|n| n.contains(text))
    }

    #[test]
    fn ny_psl_100_hours_earn_one_credit_120_hours_two() {
        // 100 consecutive hours → 28 h beyond 72 → one complete 24-h period → $25
        // (started-period reading: two → $50). 120 h → 48 h beyond → $50 under either
        // reading (exactly two periods).
        let big = Some(180_000);
        let hundred = run(&out("electricity", 100, big, "residential"), &ny_psl_73());
        assert_eq!(hundred.total.to_string(), "25.00");
        assert!(hundred.automatic);
        assert_eq!(
            run(&out("electricity", 100, big, "residential"), &started())
                .total
                .to_string(),
            "50.00"
        );
        for policy in [ny_psl_73(), started()] {
            assert_eq!(
                run(&out("electricity", 120, big, "residential"), &policy)
                    .total
                    .to_string(),
                "50.00"
            );
        }
    }

    #[test]
    fn ny_psl_food_and_medicine_are_not_assessed() {
        // Food with an itemised list, $300 claimed → capped at $235; with proof, $600 →
        // $540; medicine $80 paid in full (§73's food and medicine limits). None of this is
        // in the claim file, so the policy assesses only the bill credit: 100 h → $25, and
        // says so.
        let result = run(
            &out("electricity", 100, Some(180_000), "residential"),
            &ny_psl_73(),
        );
        assert_eq!(result.total.to_string(), "25.00");
        assert_eq!(result.lines.len(), 1);
        assert!(
            has_note(&result, "Food and medicine reimbursements"),
            "{:?}",
            result.notes
        );
    }

    #[test]
    fn ny_psl_72_hours_is_the_threshold_under_both_readings() {
        let big = Some(180_000);
        // Exactly 72 h: nothing beyond → $0 either way.
        for policy in [ny_psl_73(), started()] {
            assert_eq!(
                run(&out("electricity", 72, big, "residential"), &policy)
                    .total
                    .to_string(),
                "0.00"
            );
        }
        // 73 h: 1 h beyond → complete: $0; started: one period → $25.
        assert_eq!(
            run(&out("electricity", 73, big, "residential"), &ny_psl_73())
                .total
                .to_string(),
            "0.00"
        );
        assert_eq!(
            run(&out("electricity", 73, big, "residential"), &started())
                .total
                .to_string(),
            "25.00"
        );
        // 96 h: exactly one period → $25 either way.
        for policy in [ny_psl_73(), started()] {
            assert_eq!(
                run(&out("electricity", 96, big, "residential"), &policy)
                    .total
                    .to_string(),
                "25.00"
            );
        }
    }

    #[test]
    fn ny_psl_widespread_thresholds_differ_for_electric_and_gas() {
        // Electric: 20,000 customers needed. 19,999 → nothing, and the notes say why.
        let small = run(
            &out("electricity", 100, Some(19_999), "residential"),
            &ny_psl_73(),
        );
        assert_eq!(small.total.to_string(), "0.00");
        assert!(
            has_note(&small, "at least 20000 customers"),
            "{:?}",
            small.notes
        );
        assert_eq!(
            run(
                &out("electricity", 100, Some(20_000), "residential"),
                &ny_psl_73()
            )
            .total
            .to_string(),
            "25.00"
        );
        // Gas: 1,500 customers suffice; 1,499 do not.
        assert_eq!(
            run(&out("gas", 100, Some(1_500), "residential"), &ny_psl_73())
                .total
                .to_string(),
            "25.00"
        );
        assert_eq!(
            run(&out("gas", 100, Some(1_499), "residential"), &ny_psl_73())
                .total
                .to_string(),
            "0.00"
        );
    }

    #[test]
    fn ny_psl_unknown_size_is_assumed_widespread_with_a_note_or_not_as_an_option() {
        let unknown = run(&out("electricity", 100, None, "residential"), &ny_psl_73());
        assert_eq!(unknown.total.to_string(), "25.00");
        assert!(
            has_note(&unknown, "assumed at least 20000 customers"),
            "{:?}",
            unknown.notes
        );
        let strict = ny_psl_73_with(Psl73Options {
            size_unknown: Assumption::NotMet,
            ..Psl73Options::default()
        });
        let result = run(&out("electricity", 100, None, "residential"), &strict);
        assert_eq!(result.total.to_string(), "0.00");
        assert!(
            has_note(&result, "assumed fewer than 20000 customers"),
            "{:?}",
            result.notes
        );
    }

    #[test]
    fn ny_psl_business_customers_get_no_bill_credit() {
        let result = run(
            &out("electricity", 100, Some(180_000), "business"),
            &ny_psl_73(),
        );
        assert_eq!(result.total.to_string(), "0.00");
        assert!(
            has_note(&result, "residential customers only"),
            "{:?}",
            result.notes
        );
    }

    #[test]
    fn ny_psl_outages_before_21_april_2022_earn_nothing() {
        // The April 2022 NYSEG storm began on 18 April, before §73 took effect.
        let early = run(
            &outage_from(
                "electricity",
                "2022-04-18T12:00:00-04:00",
                100,
                Some(180_000),
                "residential",
            ),
            &ny_psl_73(),
        );
        assert_eq!(early.total.to_string(), "0.00");
        assert!(
            has_note(&early, "in force from 2022-04-21"),
            "{:?}",
            early.notes
        );
        // The same outage from 21 April 2022: $25.
        let later = run(
            &outage_from(
                "electricity",
                "2022-04-21T00:00:00-04:00",
                100,
                Some(180_000),
                "residential",
            ),
            &ny_psl_73(),
        );
        assert_eq!(later.total.to_string(), "25.00");
    }

    #[test]
    fn ny_psl_carries_its_metadata() {
        let policy = ny_psl_73();
        assert_eq!(policy.id, "us-ny-psl-73");
        assert_eq!(policy.jurisdiction, "US-NY");
        assert_eq!(policy.evidence, Evidence::Secondary);
        assert_eq!(policy.segments, vec![Segment::Residential]);
        assert!(policy.covers(&ServiceKind::Gas));
        assert!(!policy.covers(&ServiceKind::Internet));
    }
}
