//! Australia: the Customer Service Guarantee for fixed telephone services (`au-csg`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::claim_file::Segment;
use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, Band, Bearing, Clock, Condition, DayKind, Evidence, Grace, PerUnit, Policy,
    PolicyVersion, Provision, Rule, Severity, Subject, UnitCount,
};

use crate::catalog::ymd;

/// The CSG amounts raised by 21 % (Telecommunications (Customer Service Guarantee)
/// Standard 2000 (No. 2), as amended in 2006).
const CSG_2006: NaiveDate = ymd(2006, 10, 31);

/// The service kind a claim file uses for a fault in one enhanced call-handling feature
/// (call waiting, call forwarding…) while the line itself works: a kind redress does not
/// name, so written with `other:`. A fault in two or more features, or in the line, is
/// written `phone`: both are paid at the line's rate.
pub const PHONE_FEATURE: &str = "other:phone-feature";

fn aud(cents: i64) -> Amount {
    Amount::Fixed(Decimal::new(cents, 2))
}

/// Where the customer is, which sets the CSG repair deadline. The claim file does not
/// say, so it is chosen here.
///
/// # Example
/// ```
/// use redress::catalog::au::CsgLocation;
/// assert_eq!(CsgLocation::default(), CsgLocation::Urban);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum CsgLocation {
    /// An urban centre (10,000 people or more): repair by the end of the next working day
    /// after the report.
    #[default]
    Urban,
    /// A rural area: by the end of the second working day.
    Rural,
    /// A remote area: by the end of the third working day.
    Remote,
}

/// The readings [`csg_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::au::{CsgLocation, CsgOptions};
/// let mut rural = CsgOptions::default();
/// rural.location = CsgLocation::Rural;
/// assert_ne!(rural, CsgOptions::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct CsgOptions {
    /// Urban (the default), rural or remote: the repair deadline.
    pub location: CsgLocation,
}

/// `au-csg`: Australia's Customer Service Guarantee for fixed telephone services, for an
/// urban customer (see [`csg_with`] for rural and remote).
///
/// **The rule.** A provider that repairs a fault late, connects a service late or misses
/// an appointment pays the customer, automatically, for each working day late:
/// - *Repair* (outages of `phone`, or `other:phone-feature` for one enhanced
///   call-handling feature): due by the end of the next working day after the report
///   (urban; the second working day rural, the third remote). Each working day from the day after
///   the deadline to the day of repair, inclusive, is a day late. The clock starts at the
///   outage's `reported` time (the start of the outage, with a note, when not given).
///   Impaired service (`degraded = true`) is a fault too.
/// - *Connection* (activations): each working day after the promised date until the
///   service is connected, inclusive.
/// - The first 5 working days late are paid at the lower rate, each later day at the higher:
///
///   | per working day | residential (and charities) | business |
///   |---|---|---|
///   | line (or two or more features), days 1–5 | AUD 14.52 | AUD 24.20 |
///   | line, from day 6 | AUD 48.40 | AUD 48.40 |
///   | one enhanced feature, days 1–5 | AUD 7.26 | AUD 12.10 |
///   | one enhanced feature, from day 6 | AUD 24.20 | AUD 24.20 |
///
/// - *Missed appointment*: AUD 14.52 (residential) or AUD 24.20 (business) each.
///
/// Working days are Monday to Friday less the public holidays of the customer's region
/// (`AU-NSW`, `AU-VIC` have their own; other states the national calendar). Outages with
/// cause `severe-weather`, `force-majeure` (the Standard's extreme-weather and mass
/// service disruption exemptions), `customer` or `planned` earn nothing; a provider's
/// mass service disruption notice cannot be read from the claim file. The CSG covers
/// residential and small business customers with no more than five services, which the
/// claim file does not record either.
///
/// **Source.** Telecommunications (Customer Service Guarantee) Standard 2023 (and its
/// predecessors of 2011 and 2000 (No. 2), amended 2006); timeframes from ACMA's consumer
/// page acma.gov.au/customer-service-guarantee.
///
/// **How firm.** Timeframes \[P\] (ACMA, Telstra). Amounts \[S\]: a third-party table
/// attributed to the Standard, matching the 21 % increase of 31 October 2006. Whether
/// the 2023 Standard changed them was not confirmed (they are often quoted rounded, as
/// 14.50 / 24.50 / 48.50); they are applied unchanged from 31 October 2006, and earlier
/// incidents earn nothing here.
///
/// # Example
/// ```
/// // A residential fault reported Tuesday 3 September 2024, due by the end of Wednesday 4,
/// // repaired Monday 16: 8 working days late → 5 × 14.52 + 3 × 48.40 = AUD 217.80.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [customer]
///     region = "AU-NSW"
///     [plan]
///     currency = "AUD"
///     time_zone = "Australia/Sydney"
///     [[plan.services]]
///     kind = "phone"
///     monthly_price = "30"
///     [[outages]]
///     services = ["phone"]
///     start = "2024-09-03T08:00:00+10:00"
///     reported = "2024-09-03T10:00:00+10:00"
///     end = "2024-09-16T12:00:00+10:00"
/// "#).unwrap();
/// let result = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::au::csg())?;
/// assert_eq!(result.total.to_string(), "217.80");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn csg() -> Policy {
    csg_with(CsgOptions::default())
}

/// `au-csg` for an urban, rural or remote customer. See [`csg`] for the rule.
///
/// # Example
/// ```
/// use redress::catalog::au::{csg_with, CsgLocation, CsgOptions};
/// let mut options = CsgOptions::default();
/// options.location = CsgLocation::Remote;
/// let remote = csg_with(options);
/// assert!(remote.readings.iter().any(|r| r.contains("third working day")));
/// ```
pub fn csg_with(options: CsgOptions) -> Policy {
    let (days, place) = match options.location {
        CsgLocation::Urban => (1, "next working day (urban)"),
        CsgLocation::Rural => (2, "second working day (rural)"),
        CsgLocation::Remote => (3, "third working day (remote)"),
    };
    let feature = || vec![ServiceKind::from(PHONE_FEATURE)];
    let repair = |name: &str, services: Vec<ServiceKind>, rates: Rates| {
        Provision::new(
            name,
            Subject::outages(),
            csg_rates(Clock::from_report(), Grace::WorkingDays(days), rates),
        )
        .with_services(services)
        .with_clause("CSG Standard: fault repair timeframes")
        .with_severity(Severity::FullOrDegraded)
        .with_excluded_causes(&[
            Cause::SevereWeather,
            Cause::ForceMajeure,
            Cause::Customer,
            Cause::Planned,
        ])
    };
    let connection = |name: &str, services: Vec<ServiceKind>, rates: Rates| {
        Provision::new(
            name,
            Subject::Activations,
            csg_rates(Clock::default(), Grace::None, rates),
        )
        .with_services(services)
        .with_clause("CSG Standard: connection timeframes")
    };
    let appointment = Provision::new(
        "missed appointment",
        Subject::Appointments,
        Rule::When {
            condition: Condition::Segment(Segment::Business),
            then: Box::new(Rule::Fixed { amount: aud(2420) }),
            otherwise: Some(Box::new(Rule::Fixed { amount: aud(1452) })),
        },
    )
    .with_clause("CSG Standard: appointments");
    let mut policy = Policy::new(
        "au-csg",
        "Customer Service Guarantee: late repair, late connection, missed appointment",
        Currency::AUD,
    )
    .with_services(vec![ServiceKind::Phone, ServiceKind::from(PHONE_FEATURE)])
    .with_version(
        PolicyVersion::from_date(
            CSG_2006,
            vec![
                repair("late repair", vec![ServiceKind::Phone], LINE),
                repair("late repair of one enhanced feature", feature(), FEATURE),
                connection("late connection", vec![ServiceKind::Phone], LINE),
                connection(
                    "late connection of one enhanced feature",
                    feature(),
                    FEATURE,
                ),
                appointment,
            ],
        )
        .with_label("amounts from 31 October 2006 (2011 and 2023 Standards assumed unchanged)"),
    );
    policy.jurisdiction = "AU".to_owned();
    policy.citation = "Telecommunications (Customer Service Guarantee) Standard 2023 (previously \
        2011, and 2000 (No. 2) as amended from 31 October 2006), made under the \
        Telecommunications (Consumer Protection and Service Standards) Act 1999; timeframes at \
        acma.gov.au/customer-service-guarantee"
        .to_owned();
    policy.evidence = Evidence::Secondary;
    policy.readings = vec![
        format!(
            "A fault is due for repair by the end of the {place} after the day it was reported; \
             each working day from the next day to the day of repair, inclusive, is a day late."
        ),
        "Working days exclude the public holidays of the customer's region.".to_owned(),
        "The amounts of 31 October 2006 are taken to be unchanged by the 2011 and 2023 Standards."
            .to_owned(),
    ];
    policy.readings_for = vec![(
        Bearing::Activations,
        "A late connection counts each working day after the promised date up to and including \
         the day of connection."
            .to_owned(),
    )];
    policy
}

/// Cents per working day late: (first 5 days, later days) for (residential, business).
type Rates = ((i64, i64), (i64, i64));

/// The line, or two or more enhanced features.
const LINE: Rates = ((1452, 4840), (2420, 4840));
/// One enhanced call-handling feature.
const FEATURE: Rates = ((726, 2420), (1210, 2420));

/// Per working day late, residential or business: 5 days at the lower rate, then the higher.
fn csg_rates(clock: Clock, grace: Grace, (residential, business): Rates) -> Rule {
    let banded = |(first, later): (i64, i64)| {
        Rule::PerUnit(
            PerUnit::banded(
                UnitCount::Days(DayKind::Working),
                vec![
                    Band {
                        from_unit: 1,
                        rate: aud(first),
                    },
                    Band {
                        from_unit: 6,
                        rate: aud(later),
                    },
                ],
            )
            .with_clock(clock)
            .with_grace(grace),
        )
    };
    Rule::When {
        condition: Condition::Segment(Segment::Business),
        then: Box::new(banded(business)),
        otherwise: Some(Box::new(banded(residential))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assess;
    use crate::{Claim, ClaimFile};

    fn has_note(claim: &Claim, text: &str) -> bool {
        claim.notes.iter().any(|n| n.contains(text))
    }

    /// A plan with `service` and whatever `rest` adds, for a customer in a region and segment.
    fn phone_claim(region: &str, segment: &str, service: &str, rest: &str) -> ClaimFile {
        toml::from_str(&format!(
            r#"
            [customer]
            region = "{region}"
            segment = "{segment}"
            [plan]
            currency = "AUD"
            time_zone = "Australia/Sydney"
            [[plan.services]]
            kind = "{service}"
            monthly_price = "30"
            {rest}
            "#
        ))
        .unwrap()
    }

    /// A fault of `service` reported Tuesday 3 September 2024, 10:00, repaired at `end`.
    fn fault(region: &str, segment: &str, service: &str, end: &str, cause: &str) -> ClaimFile {
        phone_claim(
            region,
            segment,
            service,
            &format!(
                r#"
                [[outages]]
                services = ["{service}"]
                start = "2024-09-03T08:00:00+10:00"
                reported = "2024-09-03T10:00:00+10:00"
                end = "{end}"
                cause = "{cause}"
                "#
            ),
        )
    }

    fn total(claim: &ClaimFile, policy: &Policy) -> String {
        assess(claim, policy).unwrap().total.to_string()
    }

    #[test]
    fn csg_residential_urban_repair_8_working_days_late() {
        // Reported Tue 3 Sep 2024, due by the end of the next working day (Wed 4). Repaired
        // Mon 16 Sep: Thu 5, Fri 6, Mon 9 … Fri 13, Mon 16 = 8 working days late → 5
        // × 14.52 + 3 × 48.40 = 72.60 + 145.20 = AUD 217.80.
        let claim = fault(
            "AU-NSW",
            "residential",
            "phone",
            "2024-09-16T12:00:00+10:00",
            "network",
        );
        let result = assess(&claim, &csg()).unwrap();
        assert_eq!(result.total.to_string(), "217.80");
        assert!(result.automatic);
        // A fault alone: the reading on late connections does not bear on it.
        assert!(
            !result.notes.iter().any(|n| n.contains("late connection")),
            "{:?}",
            result.notes
        );
    }

    #[test]
    fn csg_rural_and_remote_deadlines_are_options() {
        // Same fault. Rural: due by the end of the 2nd working day (Thu 5); Fri 6 … Mon 16 = 7
        // days → 5 × 14.52 + 2 × 48.40 = 72.60 + 96.80 = AUD 169.40. Remote: due Fri 6;
        // Mon 9 … Mon 16 = 6 days → 72.60 + 48.40 = AUD 121.00.
        let claim = fault(
            "AU-NSW",
            "residential",
            "phone",
            "2024-09-16T12:00:00+10:00",
            "network",
        );
        let rural = csg_with(CsgOptions {
            location: CsgLocation::Rural,
        });
        let remote = csg_with(CsgOptions {
            location: CsgLocation::Remote,
        });
        assert_eq!(total(&claim, &rural), "169.40");
        assert_eq!(total(&claim, &remote), "121.00");
    }

    #[test]
    fn csg_business_connection_3_working_days_late() {
        // Business connection promised Wed 4 Sep 2024, connected Mon 9: Thu 5, Fri 6, Mon 9
        // = 3 working days late → 3 × 24.20 = AUD 72.60.
        let claim = phone_claim(
            "AU",
            "business",
            "phone",
            r#"
            [[activations]]
            services = ["phone"]
            promised = "2024-09-04"
            delivered = "2024-09-09"
            "#,
        );
        assert_eq!(total(&claim, &csg()), "72.60");
        // A late connection: the reading on how its days are counted is noted.
        let notes = assess(&claim, &csg()).unwrap().notes;
        assert!(
            notes.iter().any(|n| n.contains("A late connection counts")),
            "{notes:?}"
        );
    }

    #[test]
    fn csg_missed_appointment_residential_or_business() {
        // Missed appointment: residential AUD 14.52, business AUD 24.20.
        let rest = r#"
            [[appointments]]
            date = "2024-09-04"
            services = ["phone"]
            "#;
        assert_eq!(
            total(&phone_claim("AU", "residential", "phone", rest), &csg()),
            "14.52"
        );
        assert_eq!(
            total(&phone_claim("AU", "business", "phone", rest), &csg()),
            "24.20"
        );
    }

    #[test]
    fn csg_one_enhanced_feature_7_working_days_late() {
        // One enhanced feature, residential, 7 working days late: reported Tue 3 Sep, due
        // Wed 4, repaired Fri 13 (Thu 5 … Fri 13 = 7) → 5 × 7.26 + 2 × 24.20 = 36.30
        // + 48.40 = AUD 84.70.
        let claim = fault(
            "AU-NSW",
            "residential",
            PHONE_FEATURE,
            "2024-09-13T12:00:00+10:00",
            "network",
        );
        assert_eq!(total(&claim, &csg()), "84.70");
        // A business, same fault: 5 × 12.10 + 2 × 24.20 = 60.50 + 48.40 = AUD 108.90.
        let business = fault(
            "AU-NSW",
            "business",
            PHONE_FEATURE,
            "2024-09-13T12:00:00+10:00",
            "network",
        );
        assert_eq!(total(&business, &csg()), "108.90");
    }

    #[test]
    fn csg_working_days_follow_the_customers_region() {
        // Reported Thu 26 Sep 2024, repaired Tue 1 Oct. In Victoria Fri 27 Sep (the Friday
        // before the AFL Grand Final) is a holiday: due by the end of Mon 30; Tue 1 is 1 day
        // late → AUD 14.52. In New South Wales it is a working day: due Fri 27; Mon 30 and
        // Tue 1 → 2 × 14.52 = AUD 29.04.
        let claim = |region: &str| {
            phone_claim(
                region,
                "residential",
                "phone",
                r#"
                [[outages]]
                services = ["phone"]
                start = "2024-09-26T09:00:00+10:00"
                reported = "2024-09-26T09:30:00+10:00"
                end = "2024-10-01T15:00:00+10:00"
                "#,
            )
        };
        assert_eq!(total(&claim("AU-VIC"), &csg()), "14.52");
        assert_eq!(total(&claim("AU-NSW"), &csg()), "29.04");
    }

    #[test]
    fn csg_on_time_repairs_and_exempt_causes_earn_nothing() {
        // Repaired at 17:00 on Wed 4 Sep, within the deadline.
        assert_eq!(
            total(
                &fault(
                    "AU-NSW",
                    "residential",
                    "phone",
                    "2024-09-04T17:00:00+10:00",
                    "network"
                ),
                &csg()
            ),
            "0.00"
        );
        // Extreme weather is exempt, and the notes say so.
        let storm = assess(
            &fault(
                "AU-NSW",
                "residential",
                "phone",
                "2024-09-16T12:00:00+10:00",
                "severe-weather",
            ),
            &csg(),
        )
        .unwrap();
        assert_eq!(storm.total.to_string(), "0.00");
        assert!(has_note(&storm, "is excluded"), "{:?}", storm.notes);
    }

    #[test]
    fn csg_carries_its_metadata_and_its_start_date() {
        let policy = csg();
        assert_eq!(policy.id, "au-csg");
        assert_eq!(policy.jurisdiction, "AU");
        assert_eq!(policy.evidence, Evidence::Secondary);
        assert!(policy.covers(&ServiceKind::Phone));
        assert!(policy.covers(&ServiceKind::from(PHONE_FEATURE)));
        assert!(!policy.covers(&ServiceKind::Internet));
        // An appointment in 2005, before the 2006 amounts: nothing, and the notes say why.
        let early = assess(
            &phone_claim(
                "AU",
                "residential",
                "phone",
                "[[appointments]]\ndate = \"2005-06-01\"\nservices = [\"phone\"]",
            ),
            &policy,
        )
        .unwrap();
        assert_eq!(early.total.to_string(), "0.00");
        assert!(
            has_note(&early, "in force from 2006-10-31"),
            "{:?}",
            early.notes
        );
    }
}
