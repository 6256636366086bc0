//! Australia: the Customer Service Guarantee for fixed telephone services (`au-csg`) and
//! Victoria's guaranteed service level payments for electricity (`au-vic-gsl`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::claim_file::Segment;
use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, Band, Clock, Condition, DayKind, Evidence, Grace, Measure, PerUnit, Policy,
    PolicyVersion, Provision, Rule, ServiceScope, Severity, Subject, ThresholdTier, Tiers,
    UnitCount,
};
use crate::span::Span;

use crate::catalog::ymd;

/// The CSG amounts raised by 21 % (Telecommunications (Customer Service Guarantee)
/// Standard 2000 (No. 2), as amended in 2006).
const CSG_2006: NaiveDate = ymd(2006, 10, 31);
/// The Electricity Distribution Code's GSL amounts after the Commission's December 2015
/// review (taken to apply from calendar year 2016).
const VIC_2016: NaiveDate = ymd(2016, 1, 1);
/// The Electricity Distribution Code of Practice's scheme: outages from 1 July 2021.
const VIC_2021: NaiveDate = ymd(2021, 7, 1);

/// The service kind a claim file uses for a fault in one enhanced call-handling feature
/// (call waiting, call forwarding…) while the line itself works. A fault in two or more
/// features, or in the line, is written `phone`: both are paid at the line's rate.
pub const PHONE_FEATURE: &str = "phone-feature";

fn aud(cents: i64) -> Amount {
    Amount::Fixed(Decimal::new(cents, 2))
}

// ------------------------------------------------------------------ Customer Service Guarantee

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

/// The readings [`csg_with`] can take; [`Default`] is the catalog's.
///
/// # Example
/// ```
/// use redress::catalog::au::{CsgLocation, CsgOptions};
/// let rural = CsgOptions { location: CsgLocation::Rural };
/// assert_ne!(rural, CsgOptions::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CsgOptions {
    /// Urban (the default), rural or remote: the repair deadline.
    pub location: CsgLocation,
}

/// `au-csg`: Australia's Customer Service Guarantee for fixed telephone services, for an
/// urban customer (see [`csg_with`] for rural and remote).
///
/// **The rule.** A provider that repairs a fault late, connects a service late or misses
/// an appointment pays the customer, automatically, for each working day late:
/// - *Repair* (outages of `phone`, or `phone-feature` for one enhanced call-handling
///   feature): due by the end of the next working day after the report (urban; the
///   second working day rural, the third remote). Each working day from the day after
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
/// page acma.gov.au/customer-service-guarantee; fact sheet `utilities-cloud-goodwill.md` §3.
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
/// let remote = csg_with(CsgOptions { location: CsgLocation::Remote });
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
        "A late connection counts each working day after the promised date up to and including \
         the day of connection."
            .to_owned(),
        "Working days exclude the public holidays of the customer's region.".to_owned(),
        "The amounts of 31 October 2006 are taken to be unchanged by the 2011 and 2023 Standards."
            .to_owned(),
    ];
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

// ------------------------------------------------------------------ Victoria

/// The kind of feeder that supplies the customer, which sets the pre-2021 single-interruption
/// threshold. The claim file does not say, so it is chosen here.
///
/// # Example
/// ```
/// use redress::catalog::au::VicFeeder;
/// assert_eq!(VicFeeder::default(), VicFeeder::Urban);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum VicFeeder {
    /// A CBD or urban feeder: a single interruption of more than 12 hours.
    #[default]
    Urban,
    /// A short or long rural feeder: a single interruption of more than 18 hours.
    Rural,
}

/// The readings [`vic_gsl_with`] can take; [`Default`] is the catalog's.
///
/// # Example
/// ```
/// use redress::catalog::au::{VicFeeder, VicGslOptions};
/// assert_eq!(VicGslOptions::default().feeder, VicFeeder::Urban);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct VicGslOptions {
    /// The customer's feeder, for the pre-July-2021 single-interruption payment.
    pub feeder: VicFeeder,
}

/// `au-vic-gsl`: Victoria's guaranteed service level payments for electricity
/// distribution, for a customer on an urban feeder (see [`vic_gsl_with`]).
///
/// **The rule.** The distributor credits the customer's bill, automatically, when a year's
/// unplanned interruptions pass a threshold; in each category only the highest tier
/// passed is paid, and the two categories add up.
/// - *From 1 July 2021* (financial years, July–June): more than 18 / 30 / 60 hours of
///   unplanned sustained interruptions → AUD 130 / 190 / 380; more than 8 / 12 / 20
///   unplanned sustained interruptions (each longer than 3 minutes) → AUD 130 / 190 / 380.
/// - *Before* (calendar years, from 2016 to 30 June 2021): more than 20 / 30 / 60 hours →
///   AUD 120 / 180 / 360, or, in a year of 20 hours or less, AUD 80 for a single
///   interruption longer than 12 hours (urban feeder; 18 hours rural); more than 8 / 12 /
///   24 interruptions (longer than 1 minute) → AUD 120 / 180 / 360; a distributor more
///   than 15 minutes late for an appointment (a missed appointment) → AUD 30; a new
///   connection late → AUD 70 per day, at most AUD 350.
///
/// Each version counts only the outage time that fell while it was in force, so the
/// half year January–June 2021 is assessed under the old thresholds. Planned outages and
/// those with cause `customer` or `force-majeure` are not counted; the Commission's other
/// exclusions (events outside the distributor's control such as transmission faults) cannot
/// be read from the claim file. "More than" is strict: exactly 18 hours pays nothing.
///
/// Not encoded: momentary-interruption payments (the pre-2021 AUD 30 / 40 for more than
/// 24 / 36 interruptions under a minute: the engine counts only outages longer than a
/// span), and the current code's momentary, appointment and connection amounts, which were
/// not retrieved. New South Wales' scheme is not in the catalog.
///
/// **Source.** Electricity Distribution Code of Practice, section 14.5 (outages from
/// 1 July 2021); Electricity Distribution Code (GSL scheme as amended after the
/// Commission's December 2015 review) before; Essential Services Commission, "Electricity
/// Distribution Code review – customer service standards: final decision", 16 November
/// 2020; AusNet Services' compensation page; energy.vic.gov.au customer compensation page;
/// fact sheet `utilities-cloud-goodwill.md` §2.5.
///
/// **How firm.** Amounts and thresholds \[P\] (AusNet, Victorian Government page; the ESC
/// mirror \[S\]). The old scheme's start (1 January 2016) is inferred from the December 2015
/// review; its definition of a sustained interruption (longer than one minute) is inferred
/// from the momentary definition (under a minute).
///
/// # Example
/// ```
/// // FY 2024-25: 25 hours out across 6 interruptions → hours tier > 18 h → AUD 130; the
/// // count (6) is not above 8 → nothing; AUD 130 in all.
/// let mut toml = String::from(r#"
///     [customer]
///     region = "AU-VIC"
///     [plan]
///     currency = "AUD"
///     time_zone = "Australia/Melbourne"
///     [[plan.services]]
///     kind = "electricity"
///     monthly_price = "0"
/// "#);
/// for day in [1, 4, 7, 10, 13, 16] {
///     // 250 minutes each: 6 × 250 = 1,500 minutes = 25 hours.
///     toml.push_str(&format!(r#"
///     [[outages]]
///     services = ["electricity"]
///     start = "2024-08-{day:02}T00:00:00+10:00"
///     end = "2024-08-{day:02}T04:10:00+10:00"
/// "#));
/// }
/// let claim: redress::ClaimFile = toml::from_str(&toml).unwrap();
/// let result = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::au::vic_gsl())?;
/// assert_eq!(result.total.to_string(), "130.00");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn vic_gsl() -> Policy {
    vic_gsl_with(VicGslOptions::default())
}

/// `au-vic-gsl` for an urban or rural feeder (the pre-2021 single-interruption
/// threshold). See [`vic_gsl`] for the rule.
///
/// # Example
/// ```
/// use redress::catalog::au::{vic_gsl_with, VicFeeder, VicGslOptions};
/// let rural = vic_gsl_with(VicGslOptions { feeder: VicFeeder::Rural });
/// assert_eq!(rural.versions.len(), 2);
/// ```
pub fn vic_gsl_with(options: VicGslOptions) -> Policy {
    let unplanned = [Cause::Planned, Cause::Customer, Cause::ForceMajeure];
    let single = match options.feeder {
        VicFeeder::Urban => 12,
        VicFeeder::Rural => 18,
    };
    let tier = |more_than: i64, dollars: i64| ThresholdTier {
        more_than: Decimal::from(more_than),
        amount: Amount::Fixed(Decimal::from(dollars)),
    };
    let yearly = |first_month: u32| Subject::Years {
        first_month,
        scope: ServiceScope::EachService,
    };

    let old_hours = Rule::When {
        condition: Condition::DurationMoreThan(Span::hours(20)),
        then: Box::new(Rule::Tiers(Tiers {
            measure: Measure::Hours,
            tiers: vec![tier(20, 120), tier(30, 180), tier(60, 360)],
        })),
        otherwise: Some(Box::new(Rule::Tiers(Tiers {
            measure: Measure::Count {
                longer_than: Span::hours(single),
            },
            tiers: vec![tier(0, 80)],
        }))),
    };
    let old_count = Rule::Tiers(Tiers {
        measure: Measure::Count {
            longer_than: Span::minutes(1),
        },
        tiers: vec![tier(8, 120), tier(12, 180), tier(24, 360)],
    });
    let old = PolicyVersion::from_date(
        VIC_2016,
        vec![
            Provision::new("supply restoration", yearly(1), old_hours)
                .with_clause("Electricity Distribution Code, GSL: supply restoration")
                .with_excluded_causes(&unplanned),
            Provision::new("low reliability", yearly(1), old_count)
                .with_clause("Electricity Distribution Code, GSL: low reliability")
                .with_excluded_causes(&unplanned),
            Provision::new(
                "late appointment",
                Subject::Appointments,
                Rule::Fixed {
                    amount: Amount::Fixed(Decimal::from(30)),
                },
            )
            .with_clause("Electricity Distribution Code, GSL: appointments"),
            Provision::new(
                "late connection",
                Subject::Activations,
                Rule::Cap {
                    limit: Amount::Fixed(Decimal::from(350)),
                    rule: Box::new(Rule::PerUnit(PerUnit::new(
                        UnitCount::Days(DayKind::Calendar),
                        Amount::Fixed(Decimal::from(70)),
                    ))),
                },
            )
            .with_clause("Electricity Distribution Code, GSL: new connections"),
        ],
    )
    .with_end_date(VIC_2021)
    .with_label("Electricity Distribution Code, calendar years, to 30 June 2021");

    let new = PolicyVersion::from_date(
        VIC_2021,
        vec![
            Provision::new(
                "supply restoration",
                yearly(7),
                Rule::Tiers(Tiers {
                    measure: Measure::Hours,
                    tiers: vec![tier(18, 130), tier(30, 190), tier(60, 380)],
                }),
            )
            .with_clause("Electricity Distribution Code of Practice cl. 14.5: hours of outage")
            .with_excluded_causes(&unplanned),
            Provision::new(
                "low reliability",
                yearly(7),
                Rule::Tiers(Tiers {
                    measure: Measure::Count {
                        longer_than: Span::minutes(3),
                    },
                    tiers: vec![tier(8, 130), tier(12, 190), tier(20, 380)],
                }),
            )
            .with_clause("Electricity Distribution Code of Practice cl. 14.5: number of outages")
            .with_excluded_causes(&unplanned),
        ],
    )
    .with_label("Electricity Distribution Code of Practice, financial years, from 1 July 2021");

    let mut policy = Policy::new(
        "au-vic-gsl",
        "Victoria: guaranteed service level payments for electricity",
        Currency::AUD,
    )
    .with_services(vec![ServiceKind::Electricity])
    .with_version(old)
    .with_version(new);
    policy.jurisdiction = "AU-VIC".to_owned();
    policy.citation = "Electricity Distribution Code of Practice (Victoria), cl. 14.5, for \
        outages from 1 July 2021; Electricity Distribution Code (Victoria), GSL scheme, before; \
        Essential Services Commission, Electricity Distribution Code review – customer service \
        standards, final decision, 16 November 2020 (esc.vic.gov.au)"
        .to_owned();
    policy.evidence = Evidence::Primary;
    policy.readings = vec![
        "Only the highest tier passed in each category is paid; the hours and count categories \
         add up."
            .to_owned(),
        "Thresholds are strict: exactly 18 hours, or exactly 8 interruptions, pays nothing."
            .to_owned(),
        match options.feeder {
            VicFeeder::Urban => {
                "Before July 2021 the customer is on an urban feeder: a single interruption of \
                 more than 12 hours pays AUD 80 in a year of 20 hours or less."
            }
            VicFeeder::Rural => {
                "Before July 2021 the customer is on a rural feeder: a single interruption of \
                 more than 18 hours pays AUD 80 in a year of 20 hours or less."
            }
        }
        .to_owned(),
        "Before July 2021 a sustained interruption is one longer than a minute; from July 2021, \
         longer than 3 minutes; a late connection is counted in calendar days."
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

    // ------------------------------------------------------------- CSG

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
    fn csg_3_example_1_residential_urban_repair_8_working_days_late() {
        // utilities §3 example 1: reported Tue 3 Sep 2024, due by the end of the next working day
        // (Wed 4). Repaired Mon 16 Sep: Thu 5, Fri 6, Mon 9 … Fri 13, Mon 16 = 8 working days
        // late → 5 × 14.52 + 3 × 48.40 = 72.60 + 145.20 = AUD 217.80.
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
    fn csg_3_example_2_business_connection_3_working_days_late() {
        // utilities §3 example 2: business connection promised Wed 4 Sep 2024, connected Mon 9:
        // Thu 5, Fri 6, Mon 9 = 3 working days late → 3 × 24.20 = AUD 72.60.
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
    }

    #[test]
    fn csg_3_example_3_missed_appointment() {
        // utilities §3 example 3: missed appointment: residential AUD 14.52, business AUD 24.20.
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
    fn csg_3_example_4_residential_one_enhanced_feature_7_days_late() {
        // utilities §3 example 4: one enhanced feature, residential, 7 working days late:
        // reported Tue 3 Sep, due Wed 4, repaired Fri 13 (Thu 5 … Fri 13 = 7) →
        // 5 × 7.26 + 2 × 24.20 = 36.30 + 48.40 = AUD 84.70.
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

    // ------------------------------------------------------------- Victoria

    /// `count` interruptions of `minutes` each, three days apart from `first` (local midnight,
    /// Melbourne winter time).
    fn interruptions(first: &str, count: i64, minutes: i64) -> ClaimFile {
        let start = chrono::DateTime::parse_from_rfc3339(first).unwrap();
        let mut rest = String::new();
        for i in 0..count {
            let from = start + chrono::TimeDelta::days(i * 3);
            let to = from + chrono::TimeDelta::minutes(minutes);
            rest.push_str(&format!(
                "[[outages]]\nservices = [\"electricity\"]\nstart = \"{}\"\nend = \"{}\"\n",
                from.to_rfc3339(),
                to.to_rfc3339()
            ));
        }
        vic_claim(&rest)
    }

    fn vic_claim(rest: &str) -> ClaimFile {
        toml::from_str(&format!(
            r#"
            [customer]
            region = "AU-VIC"
            [plan]
            currency = "AUD"
            time_zone = "Australia/Melbourne"
            [[plan.services]]
            kind = "electricity"
            monthly_price = "0"
            {rest}
            "#
        ))
        .unwrap()
    }

    /// Outages of the given lengths (minutes), three days apart from `first`.
    fn outages_of(first: &str, minutes: &[i64]) -> ClaimFile {
        let start = chrono::DateTime::parse_from_rfc3339(first).unwrap();
        let mut rest = String::new();
        for (i, m) in minutes.iter().enumerate() {
            let from = start + chrono::TimeDelta::days(i as i64 * 3);
            let to = from + chrono::TimeDelta::minutes(*m);
            rest.push_str(&format!(
                "[[outages]]\nservices = [\"electricity\"]\nstart = \"{}\"\nend = \"{}\"\n",
                from.to_rfc3339(),
                to.to_rfc3339()
            ));
        }
        vic_claim(&rest)
    }

    #[test]
    fn vic_2_5_example_1_25_hours_across_6_interruptions() {
        // utilities §2.5 example 1: FY 2024-25, 25 h over 6 interruptions (6 × 250 min = 1,500
        // min) → hours tier > 18 h → AUD 130; 6 is not more than 8 → nothing; AUD 130.
        let result = assess(
            &interruptions("2024-08-01T00:00:00+10:00", 6, 250),
            &vic_gsl(),
        )
        .unwrap();
        assert_eq!(result.total.to_string(), "130.00");
        assert!(result.automatic);
    }

    #[test]
    fn vic_2_5_example_2_65_hours_across_21_interruptions() {
        // utilities §2.5 example 2: 65 h over 21 interruptions → AUD 380 (> 60 h) + AUD 380
        // (> 20 interruptions) = AUD 760. 21 × 186 min = 3,906 min = 65.1 h.
        let result = assess(
            &interruptions("2024-08-01T00:00:00+10:00", 21, 186),
            &vic_gsl(),
        )
        .unwrap();
        assert_eq!(result.total.to_string(), "760.00");
        let amounts: Vec<String> = result.lines.iter().map(|l| l.amount.to_string()).collect();
        assert_eq!(amounts, vec!["380.00", "380.00"]);
    }

    #[test]
    fn vic_2_5_example_3_exactly_18_hours_is_not_more_than_18() {
        // utilities §2.5 example 3: exactly 18.0 h (6 × 180 min) → not more than 18 → AUD 0.
        assert_eq!(
            total(
                &interruptions("2024-08-01T00:00:00+10:00", 6, 180),
                &vic_gsl()
            ),
            "0.00"
        );
        // 9 interruptions of exactly 3 minutes are not sustained (not longer than 3 min): AUD 0;
        // 9 of 4 minutes are: more than 8 → AUD 130.
        assert_eq!(
            total(
                &interruptions("2024-08-01T00:00:00+10:00", 9, 3),
                &vic_gsl()
            ),
            "0.00"
        );
        assert_eq!(
            total(
                &interruptions("2024-08-01T00:00:00+10:00", 9, 4),
                &vic_gsl()
            ),
            "130.00"
        );
    }

    #[test]
    fn vic_2_5_example_4_old_scheme_single_interruption() {
        // utilities §2.5 example 4 (calendar-year scheme, urban feeder): one 14-h interruption
        // and 14 h for the year → AUD 80.
        let one = outages_of("2019-05-01T00:00:00+10:00", &[14 * 60]);
        assert_eq!(total(&one, &vic_gsl()), "80.00");
        // The year ends with 22 h in all (plus 8 h in another interruption): the AUD 120
        // duration payment applies (> 20 h) and the AUD 80 condition (≤ 20 h) no longer holds.
        let more = outages_of("2019-05-01T00:00:00+10:00", &[14 * 60, 8 * 60]);
        let result = assess(&more, &vic_gsl()).unwrap();
        assert_eq!(result.total.to_string(), "120.00");
        assert_eq!(result.lines.len(), 1);
        // A rural feeder needs more than 18 h: 14 h → AUD 0; 19 h → AUD 80.
        let rural = vic_gsl_with(VicGslOptions {
            feeder: VicFeeder::Rural,
        });
        assert_eq!(total(&one, &rural), "0.00");
        assert_eq!(
            total(&outages_of("2019-05-01T00:00:00+10:00", &[19 * 60]), &rural),
            "80.00"
        );
    }

    #[test]
    fn vic_old_scheme_counts_appointments_and_connections() {
        // Pre-2021: 9 interruptions of 30 minutes in 2019 → more than 8 → AUD 120.
        assert_eq!(
            total(
                &interruptions("2019-05-01T00:00:00+10:00", 9, 30),
                &vic_gsl()
            ),
            "120.00"
        );
        // A missed appointment in 2019 → AUD 30; a connection 3 days late → 3 × 70 = AUD 210;
        // 6 days late → 420, capped at AUD 350.
        let claim = vic_claim(
            r#"
            [[appointments]]
            date = "2019-06-03"
            [[activations]]
            services = ["electricity"]
            promised = "2019-06-03"
            delivered = "2019-06-06"
            [[activations]]
            services = ["electricity"]
            promised = "2019-07-01"
            delivered = "2019-07-07"
            "#,
        );
        let result = assess(&claim, &vic_gsl()).unwrap();
        let amounts: Vec<String> = result.lines.iter().map(|l| l.amount.to_string()).collect();
        assert_eq!(amounts, vec!["30.00", "210.00", "350.00"]);
        // The current scheme has no appointment amount here: in 2024 the same pays nothing.
        let now = vic_claim("[[appointments]]\ndate = \"2024-06-03\"");
        assert_eq!(total(&now, &vic_gsl()), "0.00");
    }

    #[test]
    fn vic_schemes_switch_on_1_july_2021() {
        // 25 h in June 2021 (old scheme, calendar year 2021: more than 20 h → AUD 120) and 25 h
        // in August 2021 (new scheme, FY 2021-22: more than 18 h → AUD 130). Each scheme sees
        // only its own 25 h, so neither the 50 h tier nor a double payment arises.
        let claim = vic_claim(
            r#"
            [[outages]]
            services = ["electricity"]
            start = "2021-06-01T00:00:00+10:00"
            end = "2021-06-02T01:00:00+10:00"
            [[outages]]
            services = ["electricity"]
            start = "2021-08-02T00:00:00+10:00"
            end = "2021-08-03T01:00:00+10:00"
            "#,
        );
        let result = assess(&claim, &vic_gsl()).unwrap();
        let amounts: Vec<String> = result.lines.iter().map(|l| l.amount.to_string()).collect();
        assert_eq!(amounts, vec!["120.00", "130.00"], "{result}");
        // Before 2016: nothing, and the notes say why.
        let early = assess(
            &outages_of("2015-05-01T00:00:00+10:00", &[30 * 60]),
            &vic_gsl(),
        )
        .unwrap();
        assert_eq!(early.total.to_string(), "0.00");
        assert!(
            has_note(&early, "in force from 2016-01-01"),
            "{:?}",
            early.notes
        );
    }

    #[test]
    fn vic_planned_outages_do_not_count_and_metadata() {
        let claim = vic_claim(
            r#"
            [[outages]]
            services = ["electricity"]
            start = "2024-08-01T00:00:00+10:00"
            end = "2024-08-02T01:00:00+10:00"
            cause = "planned"
            "#,
        );
        let result = assess(&claim, &vic_gsl()).unwrap();
        assert_eq!(result.total.to_string(), "0.00");
        assert!(has_note(&result, "is excluded"), "{:?}", result.notes);
        let policy = vic_gsl();
        assert_eq!(policy.jurisdiction, "AU-VIC");
        assert_eq!(policy.evidence, Evidence::Primary);
    }
}
