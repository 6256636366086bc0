//! Carriers' goodwill and programme credits after outages: the AT&T Guarantee
//! (`att-guarantee-2025`) and Rogers' credit for the outage of 8 July 2022 (`rogers-2022`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::claim_file::Segment;
use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, Clock, Condition, Counting, DayCount, Escalating, Evidence, PerUnit, Policy,
    PolicyVersion, Provision, Rule, ServiceScope, Subject, UnitCount,
};
use crate::span::Span;

use crate::catalog::ymd;

/// The AT&T Guarantee's start.
const ATT_START: NaiveDate = ymd(2025, 1, 9);
/// The Rogers outage, and the day after it.
const ROGERS_OUTAGE: NaiveDate = ymd(2022, 7, 8);
const ROGERS_AFTER: NaiveDate = ymd(2022, 7, 9);

// ------------------------------------------------------------------ AT&T

/// Whether the incident meets the AT&T Guarantee's network condition: at least 10 towers
/// out for at least 60 minutes from one incident. The claim file cannot say.
///
/// # Example
/// ```
/// use redress::catalog::contracts::AttTowers;
/// assert_eq!(AttTowers::default(), AttTowers::TenOrMore);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum AttTowers {
    /// Assume 10 or more towers were out (the default, said in a note).
    #[default]
    TenOrMore,
    /// Fewer than 10 towers were out: no outage qualifies.
    FewerThanTen,
}

/// The readings [`att_guarantee_2025_with`] can take; [`Default`] is the catalog's.
///
/// # Example
/// ```
/// use redress::catalog::contracts::AttGuaranteeOptions;
/// use redress::policy::Counting;
/// assert_eq!(AttGuaranteeOptions::default().counting, Counting::Complete);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AttGuaranteeOptions {
    /// How "one day per additional 24 hours" counts: one day for the outage plus one for
    /// each complete 24 hours it lasted (the default, 1 + ⌊hours / 24⌋), or one for each
    /// started 24 hours (⌈hours / 24⌉). They differ only at exact multiples of 24 hours.
    pub counting: Counting,
    /// Whether the incident took down 10 or more towers.
    pub towers: AttTowers,
}

impl Default for AttGuaranteeOptions {
    fn default() -> Self {
        AttGuaranteeOptions {
            counting: Counting::Complete,
            towers: AttTowers::TenOrMore,
        }
    }
}

/// `att-guarantee-2025`: the AT&T Guarantee for consumer postpaid wireless lines, from
/// 9 January 2025 (see [`att_guarantee_2025_with`] for other readings).
///
/// **The rule.** A customer without wireless service for at least 60 consecutive minutes
/// in a qualifying network outage is credited one day of service, plus one day for each
/// complete 24 hours the outage lasted (30 hours → two days), capped at the monthly rate.
/// A day of service is the line's monthly service rate (the plan's `mobile` price, before
/// taxes, fees, device payments and add-ons) divided by the days in the calendar month
/// the outage began in. Credits are automatic (AT&T notifies by text or email). Outages
/// with cause `severe-weather`, `force-majeure` (disasters), `planned` (maintenance),
/// `power` (a third party's failure) or `customer` do not qualify. The programme covers
/// consumer lines only (the `residential` segment), in the United States, and providers
/// naming AT&T.
///
/// The network condition (at least 10 towers out for at least 60 minutes from one
/// incident, the customer's line on one of them) is not in the claim file: it is assumed
/// met, and said in a note; an option assumes it is not. The AT&T Fiber guarantee (a bill
/// credit or reward card after more than 20 minutes) names no amount and is not encoded.
/// Outages before 9 January 2025 earn nothing here.
///
/// **Source.** AT&T Guarantee offer terms, att.com (from 9 January 2025); press coverage;
/// fact sheet `utilities-cloud-goodwill.md` §4.
///
/// **How firm.** \[P\]: AT&T's own offer terms. The rounding of the daily rate is not stated;
/// each credit is rounded once, half away from zero, to the cent.
///
/// # Example
/// ```
/// // USD 65 a month, June 2025 (30 days), a 3-hour outage → 65 / 30 = 2.1667 → USD 2.17.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [customer]
///     region = "US-TX"
///     [plan]
///     provider = "AT&T"
///     currency = "USD"
///     time_zone = "America/Chicago"
///     [[plan.services]]
///     kind = "mobile"
///     monthly_price = "65"
///     [[outages]]
///     services = ["mobile"]
///     start = "2025-06-10T08:00:00-05:00"
///     end = "2025-06-10T11:00:00-05:00"
/// "#).unwrap();
/// let result = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::contracts::att_guarantee_2025())?;
/// assert_eq!(result.total.to_string(), "2.17");
/// assert!(result.automatic);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn att_guarantee_2025() -> Policy {
    att_guarantee_2025_with(AttGuaranteeOptions::default())
}

/// `att-guarantee-2025` with chosen readings: how additional days count, and whether the
/// incident took down 10 or more towers. See [`att_guarantee_2025`] for the rule.
///
/// # Example
/// ```
/// use redress::catalog::contracts::{att_guarantee_2025_with, AttGuaranteeOptions, AttTowers};
/// let small = att_guarantee_2025_with(AttGuaranteeOptions { towers: AttTowers::FewerThanTen, ..AttGuaranteeOptions::default() });
/// assert!(small.versions[0].provisions.is_empty());
/// ```
pub fn att_guarantee_2025_with(options: AttGuaranteeOptions) -> Policy {
    let day = Amount::DailyRate(DayCount::CalendarMonth);
    let days = match options.counting {
        // One day, plus one for each complete 24 hours from the outage's start.
        Counting::Complete => Rule::Escalating(Escalating {
            clock: Clock::default(),
            standard: Span::ZERO,
            base: day.clone(),
            every: Span::hours(24),
            step: day,
            counting: Counting::Complete,
        }),
        // One day for each started 24 hours.
        Counting::Started => Rule::PerUnit(PerUnit::new(
            UnitCount::Blocks {
                length: Span::hours(24),
                counting: Counting::Started,
            },
            day,
        )),
    };
    let rule = Rule::When {
        condition: Condition::DurationAtLeast(Span::minutes(60)),
        then: Box::new(Rule::Cap {
            limit: Amount::ShareOfMonthly(Decimal::ONE),
            rule: Box::new(days),
        }),
        otherwise: None,
    };
    let provisions = match options.towers {
        AttTowers::TenOrMore => {
            vec![
                Provision::new("wireless outage credit", Subject::outages(), rule)
                    .with_clause("AT&T Guarantee: wireless")
                    .with_excluded_causes(&[
                        Cause::SevereWeather,
                        Cause::ForceMajeure,
                        Cause::Planned,
                        Cause::Power,
                        Cause::Customer,
                    ]),
            ]
        }
        AttTowers::FewerThanTen => Vec::new(),
    };
    let mut policy = Policy::new(
        "att-guarantee-2025",
        "The AT&T Guarantee: a day of service per qualifying wireless outage",
        Currency::USD,
    )
    .with_services(vec![ServiceKind::Mobile])
    .with_version(
        PolicyVersion::from_date(ATT_START, provisions).with_label("from 9 January 2025"),
    );
    policy.jurisdiction = "US".to_owned();
    policy.citation =
        "AT&T Guarantee, offer terms for wireless (consumer postpaid lines), att.com, \
         from 9 January 2025"
            .to_owned();
    policy.evidence = Evidence::Primary;
    policy.segments = vec![Segment::Residential];
    policy.providers = vec!["AT&T".to_owned()];
    policy.readings = vec![
        match options.counting {
            Counting::Complete => {
                "One day of service per qualifying outage, plus one day for each complete 24 \
                 hours it lasted, at most the monthly rate."
            }
            Counting::Started => {
                "One day of service for each started 24 hours of a qualifying outage, at most \
                 the monthly rate."
            }
        }
        .to_owned(),
        match options.towers {
            AttTowers::TenOrMore => {
                "The incident is assumed to have taken down 10 or more towers for 60 minutes or \
                 more, with the customer's line on one of them (the claim file cannot say); with \
                 fewer, nothing is owed."
            }
            AttTowers::FewerThanTen => {
                "The incident took down fewer than 10 towers, so no outage qualifies."
            }
        }
        .to_owned(),
        "A day of service is the monthly rate divided by the days of the calendar month the \
         outage began in; the cap is per outage."
            .to_owned(),
    ];
    policy
}

// ------------------------------------------------------------------ Rogers

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

/// The readings [`rogers_2022_with`] can take; [`Default`] is the catalog's.
///
/// # Example
/// ```
/// use redress::catalog::contracts::{RogersDayBasis, RogersOptions};
/// assert_eq!(RogersOptions::default().day_basis, RogersDayBasis::DaysInMonth);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
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
/// **Source.** Rogers' announcements of July 2022, as reported by the press; fact sheet
/// `utilities-cloud-goodwill.md` §4.
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
/// let thirty = rogers_2022_with(RogersOptions { day_basis: RogersDayBasis::ThirtyDays });
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

    // ------------------------------------------------------------- AT&T

    /// A USD 65 line, one outage from `start` lasting `minutes`, with extra outage fields.
    fn att(start: &str, minutes: i64, extra: &str, segment: &str) -> ClaimFile {
        let from = chrono::DateTime::parse_from_rfc3339(start).unwrap();
        let to = from + chrono::TimeDelta::minutes(minutes);
        toml::from_str(&format!(
            r#"
            [customer]
            region = "US-TX"
            segment = "{segment}"
            [plan]
            provider = "AT&T Wireless"
            currency = "USD"
            time_zone = "America/Chicago"
            [[plan.services]]
            kind = "mobile"
            monthly_price = "65"
            [[outages]]
            services = ["mobile"]
            start = "{}"
            end = "{}"
            {extra}
            "#,
            from.to_rfc3339(),
            to.to_rfc3339()
        ))
        .unwrap()
    }

    /// June 2025 (30 days).
    fn june(minutes: i64) -> ClaimFile {
        att("2025-06-10T08:00:00-05:00", minutes, "", "residential")
    }

    fn total(claim: &ClaimFile, policy: &Policy) -> String {
        assess(claim, policy).unwrap().total.to_string()
    }

    fn started() -> Policy {
        att_guarantee_2025_with(AttGuaranteeOptions {
            counting: Counting::Started,
            ..AttGuaranteeOptions::default()
        })
    }

    #[test]
    fn att_4_example_2_three_hours_thirty_hours_and_a_31_day_month() {
        // utilities §4 example 2: USD 65 a month, 30-day month, 3-h outage → 65 / 30 = 2.1667 →
        // USD 2.17; 30 h → one day plus one additional day → 2 × 65 / 30 = 4.333 → USD 4.33;
        // in a 31-day month one day = 65 / 31 = 2.0968 → USD 2.10. Both readings agree.
        for policy in [att_guarantee_2025(), started()] {
            assert_eq!(total(&june(3 * 60), &policy), "2.17");
            assert_eq!(total(&june(30 * 60), &policy), "4.33");
            let july = att("2025-07-10T08:00:00-05:00", 3 * 60, "", "residential");
            assert_eq!(total(&july, &policy), "2.10");
        }
        assert!(
            assess(&june(3 * 60), &att_guarantee_2025())
                .unwrap()
                .automatic
        );
    }

    #[test]
    fn att_4_example_2_forty_minutes_earns_nothing_sixty_does() {
        // utilities §4 example 2: a 40-minute outage → nothing (below 60 min), with a note.
        let short = assess(&june(40), &att_guarantee_2025()).unwrap();
        assert_eq!(short.total.to_string(), "0.00");
        assert!(
            has_note(&short, "the outage lasted at least 1h"),
            "{:?}",
            short.notes
        );
        // Exactly 60 minutes qualifies: one day → USD 2.17.
        assert_eq!(total(&june(60), &att_guarantee_2025()), "2.17");
    }

    #[test]
    fn att_4_example_2_nine_towers_earns_nothing() {
        // utilities §4 example 2: 9 towers down → nothing. The claim file cannot say how many
        // towers were down, so the reading is an option.
        let small = att_guarantee_2025_with(AttGuaranteeOptions {
            towers: AttTowers::FewerThanTen,
            ..AttGuaranteeOptions::default()
        });
        let result = assess(&june(3 * 60), &small).unwrap();
        assert_eq!(result.total.to_string(), "0.00");
        assert!(
            has_note(&result, "fewer than 10 towers"),
            "{:?}",
            result.notes
        );
        // By default 10 or more is assumed, and said.
        let assumed = assess(&june(3 * 60), &att_guarantee_2025()).unwrap();
        assert!(
            has_note(&assumed, "10 or more towers"),
            "{:?}",
            assumed.notes
        );
    }

    #[test]
    fn att_the_two_readings_differ_at_exact_days() {
        // 48 h exactly: complete reading 1 + ⌊48 / 24⌋ = 3 days → 3 × 65 / 30 = USD 6.50;
        // started reading ⌈48 / 24⌉ = 2 days → USD 4.33. At 49 h both give 3 days (USD 6.50).
        assert_eq!(total(&june(48 * 60), &att_guarantee_2025()), "6.50");
        assert_eq!(total(&june(48 * 60), &started()), "4.33");
        assert_eq!(total(&june(49 * 60), &att_guarantee_2025()), "6.50");
        assert_eq!(total(&june(49 * 60), &started()), "6.50");
    }

    #[test]
    fn att_credit_is_capped_at_the_monthly_rate() {
        // 40 days out: 1 + 40 = 41 days × 65 / 30 = 88.83 → capped at USD 65.00.
        let long = assess(&june(40 * 24 * 60), &att_guarantee_2025()).unwrap();
        assert_eq!(long.total.to_string(), "65.00");
        assert_eq!(long.lines[0].adjustments.len(), 1);
    }

    #[test]
    fn att_before_9_january_2025_earns_nothing() {
        // 8 January 2025 (Chicago): before the Guarantee.
        let early = assess(
            &att("2025-01-08T08:00:00-06:00", 3 * 60, "", "residential"),
            &att_guarantee_2025(),
        )
        .unwrap();
        assert_eq!(early.total.to_string(), "0.00");
        assert!(
            has_note(&early, "in force from 2025-01-09"),
            "{:?}",
            early.notes
        );
        // 9 January 2025: one day of January (31 days) → 65 / 31 = USD 2.10.
        assert_eq!(
            total(
                &att("2025-01-09T08:00:00-06:00", 3 * 60, "", "residential"),
                &att_guarantee_2025()
            ),
            "2.10"
        );
    }

    #[test]
    fn att_exclusions_and_business_lines() {
        for cause in ["severe-weather", "force-majeure", "planned", "power"] {
            let claim = att(
                "2025-06-10T08:00:00-05:00",
                3 * 60,
                &format!("cause = \"{cause}\""),
                "residential",
            );
            let result = assess(&claim, &att_guarantee_2025()).unwrap();
            assert_eq!(result.total.to_string(), "0.00", "{cause}");
            assert!(has_note(&result, "is excluded"), "{:?}", result.notes);
        }
        let business = assess(
            &att("2025-06-10T08:00:00-05:00", 3 * 60, "", "business"),
            &att_guarantee_2025(),
        )
        .unwrap();
        assert_eq!(business.total.to_string(), "0.00");
        let policy = att_guarantee_2025();
        assert_eq!(
            (policy.jurisdiction.as_str(), policy.evidence),
            ("US", Evidence::Primary)
        );
    }

    // ------------------------------------------------------------- Rogers

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
    fn rogers_4_example_4_three_day_bases() {
        // utilities §4 example 4: plan 90 a month, credit month of 31 days → 5 × 90 / 31 =
        // 14.516 → 14.52; on a 30-day basis 5 × 90 / 30 = 15.00; annualised 90 × 12 / 365 × 5 =
        // 14.795 → 14.79.
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
