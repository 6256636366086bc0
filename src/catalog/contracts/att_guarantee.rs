//! The AT&T Guarantee for wireless lines (`att-guarantee-2025`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::claim_file::Segment;
use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, Clock, Condition, Counting, DayCount, Escalating, Evidence, PerUnit, Policy,
    PolicyVersion, Provision, Rule, Subject, UnitCount,
};
use crate::span::Span;

use crate::catalog::ymd;

/// The AT&T Guarantee's start.
const ATT_START: NaiveDate = ymd(2025, 1, 9);

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

/// How many days of service a qualifying outage of `h` hours earns: AT&T's terms give
/// one day per outage and, "if outage lasts for more than 24 hours, ... credit for each
/// additional day of the outage".
///
/// # Example
/// ```
/// use redress::catalog::contracts::AttDays;
/// assert_eq!(AttDays::default(), AttDays::Started);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum AttDays {
    /// One day for each started 24 hours from the loss of service, ⌈h / 24⌉: 30 h → 2
    /// days, exactly 24 h → 1, 48 h → 2, 49 h → 3. The only condition for an additional
    /// day is that the outage lasts more than 24 hours.
    #[default]
    Started,
    /// One day plus one for each complete 24 hours, 1 + ⌊h / 24⌋: as `Started` except at
    /// exact multiples of 24 hours (24 h → 2, 48 h → 3).
    OnePlusComplete,
    /// One day plus one for each complete further 24 hours after the first, max(1, ⌊h /
    /// 24⌋): 30 h → 1 day, 48 h → 2.
    CompleteFurther,
}

/// The readings [`att_guarantee_2025_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::contracts::{AttDays, AttGuaranteeOptions};
/// assert_eq!(AttGuaranteeOptions::default().days, AttDays::Started);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct AttGuaranteeOptions {
    /// How the days of an outage are counted.
    pub days: AttDays,
    /// Whether the incident took down 10 or more towers.
    pub towers: AttTowers,
}

/// `att-guarantee-2025`: the AT&T Guarantee for consumer postpaid wireless lines, from
/// 9 January 2025 (see [`att_guarantee_2025_with`] for other readings).
///
/// **The rule.** A customer without wireless service for at least 60 consecutive minutes
/// in a qualifying network outage is credited one day of service and, when the outage
/// lasts more than 24 hours, one for each additional day: one day per started 24 hours
/// from the loss of service, ⌈hours / 24⌉ (30 hours → two days, exactly 24 → one, 49 →
/// three), capped at the monthly rate.
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
/// **Source.** AT&T Guarantee offer terms, "Network Wireless Outage", att.com (from
/// 9 January 2025); press coverage (Ars Technica and Phone Scoop, 8 January 2025).
///
/// **How firm.** \[P\]: AT&T's own offer terms. Counting additional days per started 24
/// hours is our reading of "each additional day of the outage" (the press restated it the
/// same way); [`AttDays`] has the others. The rounding of the daily rate is not stated;
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

/// `att-guarantee-2025` with chosen readings: how the days count, and whether the
/// incident took down 10 or more towers. See [`att_guarantee_2025`] for the rule.
///
/// # Example
/// ```
/// use redress::catalog::contracts::{att_guarantee_2025_with, AttGuaranteeOptions, AttTowers};
/// let mut options = AttGuaranteeOptions::default();
/// options.towers = AttTowers::FewerThanTen;
/// let small = att_guarantee_2025_with(options);
/// assert!(small.versions[0].provisions.is_empty());
/// ```
pub fn att_guarantee_2025_with(options: AttGuaranteeOptions) -> Policy {
    let rule = Rule::When {
        condition: Condition::DurationAtLeast(Span::minutes(60)),
        then: Box::new(Rule::Cap {
            limit: Amount::ShareOfMonthly(Decimal::ONE),
            rule: Box::new(days_rule(options.days)),
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
        days_reading(options.days).to_owned(),
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

/// The days of service an outage earns, by the reading chosen.
fn days_rule(days: AttDays) -> Rule {
    let day = Amount::DailyRate(DayCount::CalendarMonth);
    let blocks = |counting| UnitCount::Blocks {
        length: Span::hours(24),
        counting,
    };
    match days {
        // One day for each started 24 hours.
        AttDays::Started => Rule::PerUnit(PerUnit::new(blocks(Counting::Started), day)),
        // One day, plus one for each complete 24 hours from the outage's start.
        AttDays::OnePlusComplete => Rule::Escalating(Escalating {
            clock: Clock::default(),
            standard: Span::ZERO,
            base: day.clone(),
            every: Span::hours(24),
            step: day,
            counting: Counting::Complete,
        }),
        // One day; from 24 hours, one for each complete 24 hours.
        AttDays::CompleteFurther => Rule::When {
            condition: Condition::DurationAtLeast(Span::hours(24)),
            then: Box::new(Rule::PerUnit(PerUnit::new(
                blocks(Counting::Complete),
                day.clone(),
            ))),
            otherwise: Some(Box::new(Rule::PerUnit(PerUnit::new(
                UnitCount::PerIncident(1),
                day,
            )))),
        },
    }
}

/// The reading taken for the days, in plain words.
fn days_reading(days: AttDays) -> &'static str {
    match days {
        AttDays::Started => {
            "One day of service for each started 24 hours of a qualifying outage (one day, \
             and past 24 hours one for each additional day begun), at most the monthly rate."
        }
        AttDays::OnePlusComplete => {
            "One day of service per qualifying outage, plus one day for each complete 24 \
             hours it lasted, at most the monthly rate."
        }
        AttDays::CompleteFurther => {
            "One day of service per qualifying outage, plus one day for each complete 24 \
             hours after the first 24, at most the monthly rate."
        }
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

    fn counting(days: AttDays) -> Policy {
        att_guarantee_2025_with(AttGuaranteeOptions {
            days,
            ..AttGuaranteeOptions::default()
        })
    }

    #[test]
    fn att_three_hours_thirty_hours_and_a_31_day_month() {
        // USD 65 a month, 30-day month, 3-h outage → 65 / 30 = 2.1667 → USD 2.17; 30 h →
        // one day plus one additional (started) day, ⌈30 / 24⌉ = 2 → 2 × 65 / 30 = 4.333
        // → USD 4.33; in a 31-day month one day = 65 / 31 = 2.0968 → USD 2.10. The
        // 1 + ⌊h / 24⌋ reading agrees.
        for policy in [att_guarantee_2025(), counting(AttDays::OnePlusComplete)] {
            assert_eq!(total(&june(3 * 60), &policy), "2.17");
            assert_eq!(total(&june(30 * 60), &policy), "4.33");
            let july = att("2025-07-10T08:00:00-05:00", 3 * 60, "", "residential");
            assert_eq!(total(&july, &policy), "2.10");
        }
        // Complete further periods only (option): 30 h → 1 day → USD 2.17.
        assert_eq!(
            total(&june(30 * 60), &counting(AttDays::CompleteFurther)),
            "2.17"
        );
        assert!(
            assess(&june(3 * 60), &att_guarantee_2025())
                .unwrap()
                .automatic
        );
    }

    #[test]
    fn att_forty_minutes_earns_nothing_sixty_does() {
        // A 40-minute outage → nothing (below 60 min), with a note.
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
    fn att_nine_towers_earns_nothing() {
        // 9 towers down → nothing. The claim file cannot say how many towers were down, so
        // the reading is an option.
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
    fn att_started_days_at_and_past_exact_days() {
        // Default, ⌈h / 24⌉ at USD 65 / 30 = 2.1667 a day: exactly 24 h → 1 day → USD 2.17;
        // 24 h + 1 min → 2 days → 4.333 → USD 4.33; 48 h → 2 days → USD 4.33; 49 h → 3 days
        // → USD 6.50.
        let att = att_guarantee_2025();
        assert_eq!(total(&june(24 * 60), &att), "2.17");
        assert_eq!(total(&june(24 * 60 + 1), &att), "4.33");
        assert_eq!(total(&june(48 * 60), &att), "4.33");
        assert_eq!(total(&june(49 * 60), &att), "6.50");
        // 1 + ⌊h / 24⌋ (option): 24 h → 2 days → USD 4.33; 48 h → 3 days → USD 6.50.
        let one_plus = counting(AttDays::OnePlusComplete);
        assert_eq!(total(&june(24 * 60), &one_plus), "4.33");
        assert_eq!(total(&june(48 * 60), &one_plus), "6.50");
        // Complete further periods (option), max(1, ⌊h / 24⌋): 48 h → 2 days → USD 4.33;
        // 49 h → 2 days → USD 4.33.
        let further = counting(AttDays::CompleteFurther);
        assert_eq!(total(&june(48 * 60), &further), "4.33");
        assert_eq!(total(&june(49 * 60), &further), "4.33");
    }

    #[test]
    fn att_thirty_hours_in_july_at_75() {
        // 30-h outage from Tue 15 July 2025 06:00 CDT, USD 75 a month, July has 31 days:
        // ⌈30 / 24⌉ = 2 days × 75 / 31 = 4.8387 → USD 4.84.
        let claim: ClaimFile = toml::from_str(
            r#"
            [customer]
            region = "US-TX"
            [plan]
            provider = "AT&T"
            currency = "USD"
            time_zone = "America/Chicago"
            [[plan.services]]
            kind = "mobile"
            monthly_price = "75"
            [[outages]]
            services = ["mobile"]
            start = "2025-07-15T06:00:00-05:00"
            end = "2025-07-16T12:00:00-05:00"
            "#,
        )
        .unwrap();
        assert_eq!(total(&claim, &att_guarantee_2025()), "4.84");
    }

    #[test]
    fn att_credit_is_capped_at_the_monthly_rate() {
        // 40 days out: ⌈960 / 24⌉ = 40 days × 65 / 30 = 86.67 → capped at USD 65.00.
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
}
