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
    /// When true, a cause of `severe-weather` or `force-majeure` exempts the outage by
    /// itself, notice or not: for claim files whose cause was copied from the
    /// provider's own exemption notice. The default (false) follows the Standard: an
    /// exemption counts only where the provider notified it (`exemption_notice`).
    pub cause_alone_exempts: bool,
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
/// Working days are Monday to Friday less the full-day public holidays kept throughout
/// the customer's state or territory (`AU-NSW`, `AU-VIC`, `AU-QLD`, `AU-WA`, `AU-SA`,
/// `AU-TAS`, `AU-ACT`, `AU-NT`, each under its own holidays Act: Queensland's King's
/// Birthday is in October, Western Australia's in September, and so on). Bank holidays,
/// part-day and regional holidays do not remove a working day. A region of `AU` alone
/// counts only the holidays every state keeps, and the claim's notes say so.
///
/// *Exemptions.* Extreme weather and circumstances beyond the provider's control (a
/// mass service disruption) exempt the provider only when it notified the exemption to
/// the customer. An outage with cause `severe-weather` or `force-majeure` and an
/// `exemption_notice` earns nothing for the days late inside the notice's window
/// (`exemption_start` to `exemption_end`; the whole outage when neither is given); the
/// days outside it are paid, and so are the days before the notice date when the notice
/// came more than 14 working days after the window opened. With such a cause but no
/// notice, the days late are paid as usual and the notes say how to record one. Causes
/// `customer` and `planned` earn nothing. The CSG covers residential and small business
/// customers with no more than five services, which the claim file does not record.
///
/// **Source.** Telecommunications (Customer Service Guarantee) Standard 2023 (and its
/// predecessors of 2011 and 2000 (No. 2), amended 2006); timeframes from ACMA's consumer
/// page acma.gov.au/customer-service-guarantee; exemptions and their notices from ACMA's
/// pages "Mass service disruptions & the CSG" and "How mass service disruptions affect
/// the CSG Standard"; public holidays from each state's and territory's holidays Act
/// (listed in the documentation of [`crate::calendar::for_region`]).
///
/// **How firm.** The Standard's own definition of a working day was not read; the
/// reading here (full-day holidays kept throughout the state) follows the providers'
/// and ACMA's pages. The 14-working-day limit for a notice is ACMA's for individual
/// notices; the extreme-weather criteria of the Standard's schedule are not checked:
/// a recorded notice is taken as given.
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

/// `au-csg` for an urban, rural or remote customer, and with the option of letting a
/// severe-weather or force-majeure cause exempt an outage without a recorded notice.
/// See [`csg`] for the rule.
///
/// # Example
/// ```
/// use redress::catalog::au::{csg_with, CsgLocation, CsgOptions};
/// let mut options = CsgOptions::default();
/// options.location = CsgLocation::Remote;
/// let remote = csg_with(options);
/// assert!(remote.readings.iter().any(|r| r.contains("third working day")));
///
/// // A claim file whose cause was copied from the provider's exemption notice.
/// let mut options = CsgOptions::default();
/// options.cause_alone_exempts = true;
/// let by_cause = csg_with(options);
/// assert!(by_cause.readings.iter().any(|r| r.contains("exempts the outage by itself")));
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
        .with_excluded_causes(if options.cause_alone_exempts {
            &[
                Cause::SevereWeather,
                Cause::ForceMajeure,
                Cause::Customer,
                Cause::Planned,
            ]
        } else {
            &[Cause::Customer, Cause::Planned]
        })
        .with_notified_exemptions(if options.cause_alone_exempts {
            &[]
        } else {
            &[Cause::SevereWeather, Cause::ForceMajeure]
        })
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
        "Working days exclude the full-day public holidays kept throughout the customer's state \
         or territory; bank holidays, part-day and regional holidays do not."
            .to_owned(),
        if options.cause_alone_exempts {
            "A cause of severe weather or force majeure exempts the outage by itself, taken as \
             copied from the provider's exemption notice."
        } else {
            "Severe weather and force majeure exempt the provider only for the days inside the \
             window of an exemption it notified (exemption_notice); a cause alone exempts nothing."
        }
        .to_owned(),
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
            ..CsgOptions::default()
        });
        let remote = csg_with(CsgOptions {
            location: CsgLocation::Remote,
            ..CsgOptions::default()
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
    fn csg_on_time_repairs_earn_nothing() {
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
    }

    /// The 3 September 2024 fault (due Wed 4, repaired Mon 16: 8 working days late in
    /// NSW) with a cause and whatever exemption fields `extra` adds.
    fn storm(cause: &str, extra: &str) -> ClaimFile {
        phone_claim(
            "AU-NSW",
            "residential",
            "phone",
            &format!(
                r#"
                [[outages]]
                services = ["phone"]
                start = "2024-09-03T08:00:00+10:00"
                reported = "2024-09-03T10:00:00+10:00"
                end = "2024-09-16T12:00:00+10:00"
                cause = "{cause}"
                {extra}
                "#
            ),
        )
    }

    #[test]
    fn csg_severe_weather_without_a_notice_is_paid_with_a_note() {
        // The Standard treats an exemption never notified as never having existed: the 8
        // days late are paid, 5 × 14.52 + 3 × 48.40 = 72.60 + 145.20 = AUD 217.80 (before
        // this reading the cause alone made it AUD 0.00).
        for cause in ["severe-weather", "force-majeure"] {
            let claim = assess(&storm(cause, ""), &csg()).unwrap();
            assert_eq!(claim.total.to_string(), "217.80", "{cause}");
            assert!(
                has_note(&claim, "an exemption applies only if the provider notified"),
                "{:?}",
                claim.notes
            );
            assert!(has_note(&claim, "exemption_notice"), "{:?}", claim.notes);
        }
        // The option for a cause copied from the provider's notice: exempt by itself.
        let by_cause = csg_with(CsgOptions {
            cause_alone_exempts: true,
            ..CsgOptions::default()
        });
        let exempt = assess(&storm("severe-weather", ""), &by_cause).unwrap();
        assert_eq!(exempt.total.to_string(), "0.00");
        assert!(has_note(&exempt, "is excluded"), "{:?}", exempt.notes);
        // The customer's own fault and planned work still earn nothing.
        assert_eq!(total(&storm("customer", ""), &csg()), "0.00");
        assert_eq!(total(&storm("planned", ""), &csg()), "0.00");
    }

    #[test]
    fn csg_a_notified_exemption_covering_the_outage_exempts_it() {
        // Notice on Thu 5 Sep 2024, no window: the whole outage is exempt → AUD 0.00.
        let whole = assess(
            &storm(
                "severe-weather",
                r#"exemption_notice = "2024-09-05"
                exemption_ref = "CSG-EX-1""#,
            ),
            &csg(),
        )
        .unwrap();
        assert_eq!(whole.total.to_string(), "0.00");
        assert!(
            has_note(
                &whole,
                "notified an exemption on 2024-09-05 (reference CSG-EX-1)"
            ),
            "{:?}",
            whole.notes
        );
        // A window of 1–20 September covers every day late (5–16 Sep) → AUD 0.00.
        let window = r#"exemption_notice = "2024-09-05"
            exemption_start = "2024-09-01"
            exemption_end = "2024-09-20""#;
        assert_eq!(total(&storm("force-majeure", window), &csg()), "0.00");
        // The same notice on an outage caused by the network exempts nothing: 217.80.
        let network = assess(&storm("network", window), &csg()).unwrap();
        assert_eq!(network.total.to_string(), "217.80");
        assert!(has_note(&network, "changes nothing"), "{:?}", network.notes);
    }

    #[test]
    fn csg_days_late_outside_the_notices_window_are_paid() {
        // Window 1–10 Sep. Days late Thu 5, Fri 6, Mon 9, Tue 10 fall inside (4, exempt);
        // Wed 11, Thu 12, Fri 13, Mon 16 outside (4) → 4 × 14.52 = AUD 58.08.
        let claim = assess(
            &storm(
                "severe-weather",
                r#"exemption_notice = "2024-09-06"
                exemption_start = "2024-09-01"
                exemption_end = "2024-09-10""#,
            ),
            &csg(),
        )
        .unwrap();
        assert_eq!(claim.total.to_string(), "58.08");
        assert!(
            has_note(&claim, "4 of the 8 days counted fall inside it"),
            "{:?}",
            claim.notes
        );
    }

    #[test]
    fn csg_a_late_notice_covers_only_the_days_from_its_date() {
        // Window from Sun 1 Sep 2024. The notice is due 14 working days later: Mon 2 … Fri
        // 6 (5), Mon 9 … Fri 13 (10), Mon 16 … Thu 19 (14) → Thu 19 Sep (no NSW holiday
        // in between). Notice on Thu 19: on time, all 8 days late exempt → AUD 0.00.
        let on_time = r#"exemption_notice = "2024-09-19"
            exemption_start = "2024-09-01""#;
        assert_eq!(total(&storm("severe-weather", on_time), &csg()), "0.00");
        // Notice on Fri 20: late, so it covers only days from 20 Sep; every day late
        // (5–16 Sep) is before it → 5 × 14.52 + 3 × 48.40 = AUD 217.80.
        let late = r#"exemption_notice = "2024-09-20"
            exemption_start = "2024-09-01""#;
        let claim = assess(&storm("severe-weather", late), &csg()).unwrap();
        assert_eq!(claim.total.to_string(), "217.80");
        assert!(
            has_note(&claim, "after its due date 2024-09-19"),
            "{:?}",
            claim.notes
        );
    }

    #[test]
    fn csg_exemption_fields_are_checked_in_plain_words() {
        let error = |extra: &str| {
            crate::Case::from_file(&storm("severe-weather", extra))
                .unwrap_err()
                .to_string()
        };
        let no_notice = error(r#"exemption_start = "2024-09-01""#);
        assert!(
            no_notice.contains("exemption_start") && no_notice.contains("without exemption_notice"),
            "{no_notice}"
        );
        let swapped = error(
            r#"exemption_notice = "2024-09-05"
            exemption_start = "2024-09-10"
            exemption_end = "2024-09-01""#,
        );
        assert!(
            swapped.contains("2024-09-01 is before exemption_start 2024-09-10"),
            "{swapped}"
        );
        let empty = error(
            r#"exemption_notice = "2024-09-05"
            exemption_ref = " ""#,
        );
        assert!(empty.contains("exemption_ref"), "{empty}");
    }

    /// A residential fault in `region`, reported at `reported` and repaired at `end`.
    fn fault_in(region: &str, reported: &str, end: &str) -> ClaimFile {
        phone_claim(
            region,
            "residential",
            "phone",
            &format!(
                r#"
                [[outages]]
                services = ["phone"]
                start = "{reported}"
                reported = "{reported}"
                end = "{end}"
                "#
            ),
        )
    }

    #[test]
    fn csg_queensland_across_labour_day() {
        // Reported Thu 1 May 2025 10:00 (AU-QLD): due by the end of Fri 2 May; repaired
        // Fri 9 May 12:00. Mon 5 May is Labour Day in Queensland → days late Tue 6, Wed
        // 7, Thu 8, Fri 9 = 4 → 4 × 14.52 = AUD 58.08.
        let reported = "2025-05-01T10:00:00+10:00";
        let end = "2025-05-09T12:00:00+10:00";
        assert_eq!(total(&fault_in("AU-QLD", reported, end), &csg()), "58.08");
        // Without a state, Mon 5 May counts: 5 days → 5 × 14.52 = AUD 72.60, and the
        // notes say the state was not given and which holidays were counted.
        let national = assess(&fault_in("AU", reported, end), &csg()).unwrap();
        assert_eq!(national.total.to_string(), "72.60");
        assert!(has_note(&national, "was not given"), "{:?}", national.notes);
        assert!(has_note(&national, "Anzac Day"), "{:?}", national.notes);
    }

    #[test]
    fn csg_queensland_works_on_the_june_kings_birthday() {
        // Reported Fri 6 June 2025 10:00, repaired Fri 13 June 12:00. Queensland's King's
        // Birthday is in October, so Mon 9 June is a working day: due by the end of Mon
        // 9; Tue 10, Wed 11, Thu 12, Fri 13 = 4 days late → 4 × 14.52 = AUD 58.08. In NSW
        // Mon 9 is the King's Birthday: due Tue 10; Wed 11, Thu 12, Fri 13 = 3 → 3 × 14.52
        // = AUD 43.56.
        let reported = "2025-06-06T10:00:00+10:00";
        let end = "2025-06-13T12:00:00+10:00";
        assert_eq!(total(&fault_in("AU-QLD", reported, end), &csg()), "58.08");
        assert_eq!(total(&fault_in("AU-NSW", reported, end), &csg()), "43.56");
    }

    #[test]
    fn csg_western_australia_across_wa_day_and_its_kings_birthday() {
        // Reported Thu 29 May 2025 09:00 (AU-WA): due by the end of Fri 30 May; repaired
        // Thu 5 June 15:00. Mon 2 June is WA Day → Tue 3, Wed 4, Thu 5 = 3 → 3 × 14.52 =
        // AUD 43.56. In NSW Mon 2 June is a working day: 4 → 4 × 14.52 = AUD 58.08.
        let (reported, end) = ("2025-05-29T09:00:00+10:00", "2025-06-05T15:00:00+10:00");
        assert_eq!(total(&fault_in("AU-WA", reported, end), &csg()), "43.56");
        assert_eq!(total(&fault_in("AU-NSW", reported, end), &csg()), "58.08");
        // Reported Fri 26 Sep 2025, repaired Fri 3 Oct. WA's King's Birthday is Mon 29
        // Sep: due Tue 30; Wed 1, Thu 2, Fri 3 = 3 → AUD 43.56. In NSW Mon 29 is a working
        // day: due Mon 29; Tue 30 … Fri 3 = 4 → AUD 58.08.
        let (reported, end) = ("2025-09-26T10:00:00+10:00", "2025-10-03T12:00:00+10:00");
        assert_eq!(total(&fault_in("AU-WA", reported, end), &csg()), "43.56");
        assert_eq!(total(&fault_in("AU-NSW", reported, end), &csg()), "58.08");
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
