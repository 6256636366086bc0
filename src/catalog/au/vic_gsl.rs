//! Victoria: guaranteed service level payments for electricity distribution
//! (`au-vic-gsl`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, Condition, DayKind, Evidence, Measure, PerUnit, Policy, PolicyVersion, Provision, Rule,
    ServiceScope, Subject, ThresholdTier, Tiers, UnitCount,
};
use crate::span::Span;

use crate::catalog::ymd;

/// The Electricity Distribution Code's GSL amounts after the Commission's December 2015
/// review (taken to apply from calendar year 2016).
const VIC_2016: NaiveDate = ymd(2016, 1, 1);
/// The Electricity Distribution Code of Practice's scheme: outages from 1 July 2021.
const VIC_2021: NaiveDate = ymd(2021, 7, 1);

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

/// The readings [`vic_gsl_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::au::{VicFeeder, VicGslOptions};
/// assert_eq!(VicGslOptions::default().feeder, VicFeeder::Urban);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
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
/// 2020; AusNet Services' compensation page; energy.vic.gov.au customer compensation
/// page.
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
/// let mut options = VicGslOptions::default();
/// options.feeder = VicFeeder::Rural;
/// let rural = vic_gsl_with(options);
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

    fn total(claim: &ClaimFile, policy: &Policy) -> String {
        assess(claim, policy).unwrap().total.to_string()
    }

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
    fn vic_25_hours_across_6_interruptions() {
        // FY 2024-25, 25 h over 6 interruptions (6 × 250 min = 1,500 min) → hours tier >
        // 18 h → AUD 130; 6 is not more than 8 → nothing; AUD 130.
        let result = assess(
            &interruptions("2024-08-01T00:00:00+10:00", 6, 250),
            &vic_gsl(),
        )
        .unwrap();
        assert_eq!(result.total.to_string(), "130.00");
        assert!(result.automatic);
    }

    #[test]
    fn vic_65_hours_across_21_interruptions() {
        // 65 h over 21 interruptions → AUD 380 (> 60 h) + AUD 380 (> 20 interruptions) =
        // AUD 760. 21 × 186 min = 3,906 min = 65.1 h.
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
    fn vic_exactly_18_hours_is_not_more_than_18() {
        // Exactly 18.0 h (6 × 180 min) → not more than 18 → AUD 0.
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
    fn vic_old_scheme_single_interruption() {
        // The calendar-year scheme, urban feeder: one 14-h interruption and 14 h for the
        // year → AUD 80.
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
