//! Great Britain: Ofgem's electricity distribution guaranteed standards
//! (`uk-ofgem-gsop`), supply restoration in normal and severe weather, and multiple
//! interruptions.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::claim_file::Segment;
use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, Assumption, Bearing, Clock, Condition, Counting, Escalating, Evidence, Measure, Policy,
    PolicyVersion, Provision, Rule, ServiceScope, Subject, ThresholdTier, Tiers,
};
use crate::span::Span;

use crate::catalog::ymd;

/// SI 2015/699 in force.
const APRIL_2015: NaiveDate = ymd(2015, 4, 1);
/// SI 2023/887 in force.
const SEPT_2023: NaiveDate = ymd(2023, 9, 1);

/// The category of a severe-weather event, which sets the restoration standard. The
/// claim file says only that the cause was severe weather, so the category is chosen here.
///
/// # Example
/// ```
/// use redress::catalog::gb::SevereWeatherCategory;
/// assert_eq!(SevereWeatherCategory::default(), SevereWeatherCategory::Category1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SevereWeatherCategory {
    /// Category 1 (from 2023: 8 to 13 times the daily mean of faults): restore within 24 hours.
    #[default]
    Category1,
    /// Category 2 (more severe): restore within 48 hours.
    Category2,
}

/// Whether normal-weather payments are capped. Summaries of the pre-2023 amounts mention
/// a £300 total, but not whether it bound regulation 5 (or only regulation 6), nor
/// whether it survived the 2023 amendment.
///
/// # Example
/// ```
/// use redress::catalog::gb::NormalWeatherCap;
/// assert_eq!(NormalWeatherCap::default(), NormalWeatherCap::Uncapped);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum NormalWeatherCap {
    /// No cap on normal-weather payments (the default: no source ties the £300 to them).
    #[default]
    Uncapped,
    /// £300 per outage for incidents before 1 September 2023; uncapped after.
    Gbp300BeforeSept2023,
    /// £300 per outage under both versions.
    Gbp300,
}

/// Whether the 24-hour standard of reg. 6, for incidents affecting 5,000 or more premises,
/// is applied. The claim file gives an incident's size in customers (`customers_affected`),
/// not premises, and records merged into one outage take the largest size given, so a
/// larger size would lower a payment; by default the 12-hour standard applies to every
/// normal-weather outage, in the customer's favour.
///
/// # Example
/// ```
/// use redress::catalog::gb::LargeIncidentStandard;
/// assert_eq!(LargeIncidentStandard::default(), LargeIncidentStandard::NotApplied);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum LargeIncidentStandard {
    /// Every normal-weather outage has the 12-hour standard (the default).
    #[default]
    NotApplied,
    /// Reg. 6: an incident of 5,000 or more (`customers_affected`) has a 24-hour standard;
    /// where the size is not given, fewer than 5,000 is assumed, with a note.
    Applied,
}

/// The readings [`gsop_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::gb::{GsopOptions, SevereWeatherCategory};
/// use redress::policy::Counting;
/// let mut started = GsopOptions::default();
/// started.counting = Counting::Started;
/// assert_eq!(started.severe_weather, SevereWeatherCategory::Category1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct GsopOptions {
    /// Whether each "further 12 hours" (or 6 hours) counts only when complete (the
    /// default) or as soon as it has started.
    pub counting: Counting,
    /// The category assumed for an outage with `cause = "severe-weather"`.
    pub severe_weather: SevereWeatherCategory,
    /// Whether normal-weather payments are capped at £300.
    pub normal_weather_cap: NormalWeatherCap,
    /// Whether reg. 6's 24-hour standard for incidents of 5,000 or more premises applies.
    pub large_incidents: LargeIncidentStandard,
}

impl Default for GsopOptions {
    fn default() -> Self {
        GsopOptions {
            counting: Counting::Complete,
            severe_weather: SevereWeatherCategory::Category1,
            normal_weather_cap: NormalWeatherCap::Uncapped,
            large_incidents: LargeIncidentStandard::NotApplied,
        }
    }
}

/// `uk-ofgem-gsop`: the guaranteed standards for restoring electricity supply in Great
/// Britain, with the catalog's default readings (see [`gsop_with`]).
///
/// **The rule.** The distribution network operator pays when it does not restore supply
/// in time:
/// - *Normal weather* (reg. 5): restore within 12 hours. From 1 September 2023 it pays
///   £95 to a domestic and £190 to a non-domestic customer, plus £45 for each further
///   complete 12 hours off supply; from 1 April 2015 to 31 August 2023, £75 / £150 plus
///   £35 per further 12 hours. (Reg. 6 gives an incident affecting 5,000 or more premises
///   a 24-hour standard with the same amounts; it is applied only as an option, see
///   [`LargeIncidentStandard`].)
/// - *Severe weather* (reg. 7, an outage with `cause = "severe-weather"`): restore within
///   24 hours (category 1, the default) or 48 hours (category 2). From 1 September 2023,
///   £80 plus £40 for each further 6 hours, at most £2,000; before, £70 plus £70 per
///   further 12 hours, at most £700. Domestic and non-domestic alike.
/// - *Multiple interruptions* (reg. 10, before 1 September 2023): £75 when four or more
///   interruptions of at least 3 hours each fall in one regulatory year (1 April – 31 March).
///
/// Payments are automatic (most distributors now pay without a claim; otherwise a claim
/// is due within 3 months of restoration, which is not computed as a date here).
/// Outages with `cause = "customer"` or `"planned"` earn nothing: planned interruptions
/// have their own notice standard, not encoded. Domestic is the `residential` segment,
/// non-domestic `business`. Payments recognise inconvenience; they do not settle other
/// claims for loss.
///
/// **Source.** The Electricity (Standards of Performance) Regulations 2015, SI 2015/699
/// (legislation.gov.uk/uksi/2015/699), as amended by SI 2023/887 (from 1 September 2023)
/// and SI 2024/984; Ofgem, "Power cuts: help and compensation under guaranteed
/// standards" (ofgem.gov.uk).
///
/// **How firm.** \[S\]: the schedule of amounts was read only in secondary sources (a
/// distributor's page citing SI 2023/887, Ofgem guidance quoted in the press, older
/// summaries). The post-2023 multiple-interruption amount was not confirmed, so it is not
/// assessed from 1 September 2023; the pre-2023 £300 normal-weather total is uncertain
/// (an option); category 3 (abolished in 2023) is not encoded; incidents before 1 April
/// 2015 (the 2010 regime, 18-hour standard) earn nothing here. Jurisdiction `GB` means
/// Great Britain: Northern Ireland is regulated separately and not covered.
///
/// # Example
/// ```
/// // A domestic customer off supply for 30 hours in January 2025 (normal weather):
/// // 12 h standard, 18 h beyond → £95 + 1 complete further 12 h × £45 = £140.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [customer]
///     region = "GB-ENG"
///     [plan]
///     currency = "GBP"
///     time_zone = "Europe/London"
///     [[plan.services]]
///     kind = "electricity"
///     monthly_price = "0"
///     [[outages]]
///     services = ["electricity"]
///     start = "2025-01-10T06:00:00Z"
///     end = "2025-01-11T12:00:00Z"
/// "#).unwrap();
/// let result = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::gb::gsop())?;
/// assert_eq!(result.total.to_string(), "140.00");
/// assert!(result.automatic);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn gsop() -> Policy {
    gsop_with(GsopOptions::default())
}

/// `uk-ofgem-gsop` with chosen readings: complete or started further periods, the
/// severe-weather category, the £300 normal-weather cap, and reg. 6's standard for large
/// incidents. See [`gsop`] for the rule.
///
/// # Example
/// ```
/// use redress::catalog::gb::{gsop_with, GsopOptions};
/// use redress::policy::Counting;
/// // 30 hours out, domestic: started further periods count → £95 + 2 × £45 = £185.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     currency = "GBP"
///     time_zone = "Europe/London"
///     [[plan.services]]
///     kind = "electricity"
///     monthly_price = "0"
///     [[outages]]
///     services = ["electricity"]
///     start = "2025-01-10T06:00:00Z"
///     end = "2025-01-11T12:00:00Z"
/// "#).unwrap();
/// let mut options = GsopOptions::default();
/// options.counting = Counting::Started;
/// let policy = gsop_with(options);
/// assert_eq!(redress::assess(&redress::Case::from_file(&claim)?, &policy)?.total.to_string(), "185.00");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn gsop_with(options: GsopOptions) -> Policy {
    let before = Amounts {
        domestic: 75,
        non_domestic: 150,
        normal_step: 35,
        severe_base: 70,
        severe_every: 12,
        severe_step: 70,
        severe_cap: 700,
        normal_cap: match options.normal_weather_cap {
            NormalWeatherCap::Uncapped => None,
            NormalWeatherCap::Gbp300BeforeSept2023 | NormalWeatherCap::Gbp300 => Some(300),
        },
    };
    let after = Amounts {
        domestic: 95,
        non_domestic: 190,
        normal_step: 45,
        severe_base: 80,
        severe_every: 6,
        severe_step: 40,
        severe_cap: 2000,
        normal_cap: match options.normal_weather_cap {
            NormalWeatherCap::Gbp300 => Some(300),
            NormalWeatherCap::Uncapped | NormalWeatherCap::Gbp300BeforeSept2023 => None,
        },
    };
    let mut policy = Policy::new(
        "uk-ofgem-gsop",
        "Ofgem guaranteed standards: electricity supply restoration",
        Currency::GBP,
    )
    .with_services(vec![ServiceKind::Electricity])
    .with_version(
        PolicyVersion::from_date(
            APRIL_2015,
            vec![
                restoration(&before, options).with_clause("SI 2015/699 regs. 5, 6 and 7"),
                multiple_interruptions(),
            ],
        )
        .with_end_date(SEPT_2023)
        .with_label("SI 2015/699 amounts, 1 April 2015 – 31 August 2023"),
    )
    .with_version(
        PolicyVersion::from_date(
            SEPT_2023,
            vec![restoration(&after, options)
                .with_clause("SI 2015/699 regs. 5, 6 and 7, as amended by SI 2023/887")],
        )
        .with_label("SI 2023/887 amounts, from 1 September 2023"),
    );
    policy.jurisdiction = "GB".to_owned();
    // Great Britain's standards: Northern Ireland has its own regulator.
    policy.excluded_regions = vec!["GB-NIR".to_owned()];
    policy.citation = "The Electricity (Standards of Performance) Regulations 2015, SI 2015/699, \
        regs. 5 (normal weather), 6 (5,000 or more premises), 7 (severe weather) and 10 \
        (multiple interruptions), legislation.gov.uk/uksi/2015/699; as amended by SI 2023/887 \
        (from 1 September 2023) and SI 2024/984; amounts as published in Ofgem's guidance"
        .to_owned();
    policy.evidence = Evidence::Secondary;
    policy.readings = readings(options);
    policy.readings_for = vec![(
        Bearing::Cause(Cause::SevereWeather),
        severe_weather_reading(options),
    )];
    policy
}

/// One version's amounts, in whole pounds.
struct Amounts {
    domestic: i64,
    non_domestic: i64,
    normal_step: i64,
    severe_base: i64,
    severe_every: u32,
    severe_step: i64,
    severe_cap: i64,
    normal_cap: Option<i64>,
}

fn pounds(amount: i64) -> Amount {
    Amount::Fixed(Decimal::from(amount))
}

fn escalating(standard: u32, base: i64, every: u32, step: i64, counting: Counting) -> Rule {
    Rule::Escalating(Escalating {
        clock: Clock::default(),
        standard: Span::hours(standard),
        base: pounds(base),
        every: Span::hours(every),
        step: pounds(step),
        counting,
    })
}

/// Normal weather with a given standard: domestic or non-domestic base, same step.
fn normal(amounts: &Amounts, standard: u32, counting: Counting) -> Rule {
    let rule = Rule::When {
        condition: Condition::Segment(Segment::Business),
        then: Box::new(escalating(
            standard,
            amounts.non_domestic,
            12,
            amounts.normal_step,
            counting,
        )),
        otherwise: Some(Box::new(escalating(
            standard,
            amounts.domestic,
            12,
            amounts.normal_step,
            counting,
        ))),
    };
    match amounts.normal_cap {
        Some(cap) => Rule::Cap {
            limit: pounds(cap),
            rule: Box::new(rule),
        },
        None => rule,
    }
}

/// Regs. 5–7: severe weather by its category; otherwise the 12-hour standard, or, when
/// reg. 6 is applied, 24 hours for an incident of 5,000 or more premises.
fn restoration(amounts: &Amounts, options: GsopOptions) -> Provision {
    let category = match options.severe_weather {
        SevereWeatherCategory::Category1 => 24,
        SevereWeatherCategory::Category2 => 48,
    };
    let severe = Rule::Cap {
        limit: pounds(amounts.severe_cap),
        rule: Box::new(escalating(
            category,
            amounts.severe_base,
            amounts.severe_every,
            amounts.severe_step,
            options.counting,
        )),
    };
    let normal_weather = match options.large_incidents {
        LargeIncidentStandard::NotApplied => normal(amounts, 12, options.counting),
        LargeIncidentStandard::Applied => Rule::When {
            condition: Condition::CustomersAffectedAtLeast {
                count: 5000,
                if_unknown: Assumption::NotMet,
            },
            then: Box::new(normal(amounts, 24, options.counting)),
            otherwise: Some(Box::new(normal(amounts, 12, options.counting))),
        },
    };
    Provision::new(
        "supply restoration",
        Subject::outages(),
        Rule::When {
            condition: Condition::CauseIn(vec![Cause::SevereWeather]),
            then: Box::new(severe),
            otherwise: Some(Box::new(normal_weather)),
        },
    )
    .with_excluded_causes(&[Cause::Customer, Cause::Planned])
}

/// Reg. 10 before September 2023: four or more interruptions of at least 3 hours in a
/// regulatory year (1 April – 31 March) → £75.
fn multiple_interruptions() -> Provision {
    Provision::new(
        "multiple interruptions",
        Subject::Years {
            first_month: 4,
            scope: ServiceScope::EachService,
        },
        Rule::Tiers(Tiers {
            // "At least 3 hours": longer than 3 hours less one second, in whole seconds.
            measure: Measure::Count {
                longer_than: Span::seconds(3 * 3600 - 1),
            },
            tiers: vec![ThresholdTier {
                more_than: Decimal::from(3),
                amount: pounds(75),
            }],
        }),
    )
    .with_clause("SI 2015/699 reg. 10")
    .with_excluded_causes(&[Cause::Customer, Cause::Planned])
}

/// The reading of the severe-weather category, which bears only on an outage with
/// that cause.
fn severe_weather_reading(options: GsopOptions) -> String {
    match options.severe_weather {
        SevereWeatherCategory::Category1 => {
            "An outage with cause severe-weather is taken as a category 1 event: a 24-hour standard."
        }
        SevereWeatherCategory::Category2 => {
            "An outage with cause severe-weather is taken as a category 2 event: a 48-hour standard."
        }
    }
    .to_owned()
}

fn readings(options: GsopOptions) -> Vec<String> {
    let counting = match options.counting {
        Counting::Complete => {
            "Only complete further periods (12 hours in normal weather; 6 hours from September \
             2023, 12 hours before, in severe weather) add a payment."
        }
        Counting::Started => {
            "Every started further period (12 hours in normal weather; 6 hours from September \
             2023, 12 hours before, in severe weather) adds a payment."
        }
    };
    let cap = match options.normal_weather_cap {
        NormalWeatherCap::Uncapped => "Normal-weather payments are not capped.",
        NormalWeatherCap::Gbp300BeforeSept2023 => {
            "Normal-weather payments are capped at £300 per outage before 1 September 2023."
        }
        NormalWeatherCap::Gbp300 => "Normal-weather payments are capped at £300 per outage.",
    };
    vec![
        counting.to_owned(),
        cap.to_owned(),
        "The standard is counted from when supply was lost (the regulations count from when \
         the distributor became aware, which the claim file does not give)."
            .to_owned(),
        match options.large_incidents {
            LargeIncidentStandard::NotApplied => {
                "Every normal-weather outage has the 12-hour standard, whatever the incident's \
                 size (reg. 6's 24 hours for 5,000 or more premises is not applied)."
            }
            LargeIncidentStandard::Applied => {
                "An incident of 5,000 or more premises (customers_affected) has the 24-hour \
                 standard of reg. 6; where the size is not given, fewer than 5,000 is assumed."
            }
        }
        .to_owned(),
        "Multiple interruptions (reg. 10: four or more of 3 hours or more in a regulatory year, \
         £75) are assessed only for interruptions before 1 September 2023; the amount since \
         then was not confirmed."
            .to_owned(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assess;
    use crate::{Claim, ClaimFile};

    /// A claim for one power cut of `hours` from `start` (UTC), in a segment, with a cause
    /// and optionally the incident's size.
    fn cut(start: &str, hours: i64, segment: &str, cause: &str, size: Option<u64>) -> ClaimFile {
        let start = chrono::DateTime::parse_from_rfc3339(start).unwrap();
        let end = start + chrono::TimeDelta::hours(hours);
        let size = size
            .map(|n| format!("customers_affected = {n}"))
            .unwrap_or_default();
        toml::from_str(&format!(
            r#"
            [customer]
            region = "GB-SCT"
            segment = "{segment}"
            [plan]
            currency = "GBP"
            time_zone = "Europe/London"
            [[plan.services]]
            kind = "electricity"
            monthly_price = "0"
            [[outages]]
            services = ["electricity"]
            start = "{}"
            end = "{}"
            cause = "{cause}"
            {size}
            "#,
            start.to_rfc3339(),
            end.to_rfc3339()
        ))
        .unwrap()
    }

    /// A 2025 (post-2023) cut.
    fn cut_2025(hours: i64, segment: &str, cause: &str) -> ClaimFile {
        cut("2025-01-10T06:00:00Z", hours, segment, cause, None)
    }

    /// A 2020 (pre-2023) cut.
    fn cut_2020(hours: i64, segment: &str, cause: &str) -> ClaimFile {
        cut("2020-01-10T06:00:00Z", hours, segment, cause, None)
    }

    fn total(claim: &ClaimFile, policy: &Policy) -> String {
        assess(claim, policy).unwrap().total.to_string()
    }

    fn started() -> Policy {
        gsop_with(GsopOptions {
            counting: Counting::Started,
            ..GsopOptions::default()
        })
    }

    fn has_note(claim: &Claim, text: &str) -> bool {
        claim.notes.iter().any(|n| n.contains(text))
    }

    #[test]
    fn ofgem_domestic_30_hours_normal_weather() {
        // Domestic, normal weather, 30 h, post-Sept 2023. 12 h missed → £95; 18 h beyond.
        // Complete periods: 1 further 12 h → 95 + 45 = £140. Started periods: 2 →
        // 95 + 2 × 45 = £185.
        let claim = cut_2025(30, "residential", "network");
        let result = assess(&claim, &gsop()).unwrap();
        assert_eq!(result.total.to_string(), "140.00");
        assert!(result.automatic);
        assert_eq!(total(&claim, &started()), "185.00");
    }

    #[test]
    fn ofgem_non_domestic_13_hours() {
        // Non-domestic, 13 h, post-2023 → 1 h beyond: £190 (complete: no further period) or
        // £190 + £45 = £235 (started: one).
        let claim = cut_2025(13, "business", "network");
        assert_eq!(total(&claim, &gsop()), "190.00");
        assert_eq!(total(&claim, &started()), "235.00");
    }

    #[test]
    fn ofgem_severe_weather_category_1_and_the_cap() {
        // Category 1 (24 h), domestic, 40 h, post-2023: 16 h beyond → 2 complete 6-h
        // periods → 80 + 2 × 40 = £160; started: 3 → 80 + 120 = £200.
        let claim = cut_2025(40, "residential", "severe-weather");
        assert_eq!(total(&claim, &gsop()), "160.00");
        assert_eq!(total(&claim, &started()), "200.00");
        // The same for a non-domestic customer.
        assert_eq!(
            total(&cut_2025(40, "business", "severe-weather"), &gsop()),
            "160.00"
        );
        // Cap: 80 + 40n ≥ 2,000 at n = 48 → 24 + 48 × 6 = 312 h → exactly £2,000.
        assert_eq!(
            total(&cut_2025(312, "residential", "severe-weather"), &gsop()),
            "2000.00"
        );
        // 400 h: 376 h beyond → 62 periods → 80 + 2,480 = £2,560, capped to £2,000.
        let capped = assess(&cut_2025(400, "residential", "severe-weather"), &gsop()).unwrap();
        assert_eq!(capped.total.to_string(), "2000.00");
        assert_eq!(capped.lines[0].adjustments.len(), 1);
    }

    #[test]
    fn ofgem_pre_2023_severe_weather_category_2() {
        // Pre-2023 category 2 (48 h), off 72 h: 24 h beyond → two complete 12-h periods
        // → 70 + 2 × 70 = £210.
        let category_2 = gsop_with(GsopOptions {
            severe_weather: SevereWeatherCategory::Category2,
            ..GsopOptions::default()
        });
        let claim = cut_2020(72, "residential", "severe-weather");
        assert_eq!(total(&claim, &category_2), "210.00");
        // Under the default category 1 (24 h): 48 h beyond → 4 periods → 70 + 280 = £350.
        assert_eq!(total(&claim, &gsop()), "350.00");
        // Cap £700 at n = 9 → 48 + 108 = 156 h: 70 + 9 × 70 = £700 exactly.
        assert_eq!(
            total(&cut_2020(156, "residential", "severe-weather"), &category_2),
            "700.00"
        );
        // 200 h: 152 h beyond → 12 periods → 70 + 840 = £910 → capped to £700.
        assert_eq!(
            total(&cut_2020(200, "residential", "severe-weather"), &category_2),
            "700.00"
        );
    }

    #[test]
    fn ofgem_pre_2023_four_interruptions_in_a_year() {
        // 4 interruptions of ≥ 3 h between 1 April and 31 March → £75.
        // Four cuts of exactly 3 h (within the 12-h standard, so no restoration payment).
        let four: ClaimFile = toml::from_str(
            r#"
            [plan]
            currency = "GBP"
            time_zone = "Europe/London"
            [[plan.services]]
            kind = "electricity"
            monthly_price = "0"
            [[outages]]
            services = ["electricity"]
            start = "2019-05-01T08:00:00+01:00"
            end = "2019-05-01T11:00:00+01:00"
            [[outages]]
            services = ["electricity"]
            start = "2019-08-01T08:00:00+01:00"
            end = "2019-08-01T11:00:00+01:00"
            [[outages]]
            services = ["electricity"]
            start = "2019-12-01T08:00:00Z"
            end = "2019-12-01T11:00:00Z"
            [[outages]]
            services = ["electricity"]
            start = "2020-03-31T08:00:00+01:00"
            end = "2020-03-31T11:00:00+01:00"
            "#,
        )
        .unwrap();
        let result = assess(&four, &gsop()).unwrap();
        assert_eq!(result.total.to_string(), "75.00");
        assert_eq!(result.lines[0].provision, "multiple interruptions");
        // Three in the year (the fourth moved to 1 April 2020, the next regulatory year) → £0.
        let mut three = four.clone();
        three.outages[3].start = chrono::DateTime::parse_from_rfc3339("2020-04-01T08:00:00+01:00")
            .unwrap()
            .into();
        three.outages[3].end = Some(
            chrono::DateTime::parse_from_rfc3339("2020-04-01T11:00:00+01:00")
                .unwrap()
                .into(),
        );
        assert_eq!(total(&three, &gsop()), "0.00");
        // One of the four a minute short of 3 hours → only three count → £0.
        let mut short = four.clone();
        short.outages[0].end = Some(
            chrono::DateTime::parse_from_rfc3339("2019-05-01T10:59:00+01:00")
                .unwrap()
                .into(),
        );
        assert_eq!(total(&short, &gsop()), "0.00");
    }

    #[test]
    fn ofgem_versions_switch_on_1_september_2023() {
        // Domestic, normal weather, 30 h. Starting 31 Aug 2023 (BST): old amounts, 75 + 35 =
        // £110. Starting 1 Sept 2023: new amounts, 95 + 45 = £140.
        assert_eq!(
            total(
                &cut(
                    "2023-08-31T23:00:00+01:00",
                    30,
                    "residential",
                    "network",
                    None
                ),
                &gsop()
            ),
            "110.00"
        );
        assert_eq!(
            total(
                &cut(
                    "2023-09-01T00:00:00+01:00",
                    30,
                    "residential",
                    "network",
                    None
                ),
                &gsop()
            ),
            "140.00"
        );
        // Before 1 April 2015 (the 2010 regime): nothing, and the notes say why.
        let early = assess(
            &cut("2015-03-01T06:00:00Z", 30, "residential", "network", None),
            &gsop(),
        )
        .unwrap();
        assert_eq!(early.total.to_string(), "0.00");
        assert!(
            has_note(&early, "in force from 2015-04-01"),
            "{:?}",
            early.notes
        );
    }

    #[test]
    fn ofgem_5000_premises_have_a_24_hour_standard_as_an_option() {
        let reg_6 = gsop_with(GsopOptions {
            large_incidents: LargeIncidentStandard::Applied,
            ..GsopOptions::default()
        });
        // Reg. 6: 20 h out in an incident of 6,000 premises → within 24 h → nothing.
        let big = |hours| {
            cut(
                "2025-01-10T06:00:00Z",
                hours,
                "residential",
                "network",
                Some(6000),
            )
        };
        assert_eq!(total(&big(20), &reg_6), "0.00");
        // 30 h in that incident: 6 h beyond 24 → £95 (no complete further 12 h).
        assert_eq!(total(&big(30), &reg_6), "95.00");
        // By default the size does not matter: 20 h → 8 h beyond 12 → £95; 30 h → £140.
        assert_eq!(total(&big(20), &gsop()), "95.00");
        assert_eq!(total(&big(30), &gsop()), "140.00");
        // With reg. 6 and no size given: fewer than 5,000 assumed → 12-h standard → £95, noted.
        let unknown = assess(&cut_2025(20, "residential", "network"), &reg_6).unwrap();
        assert_eq!(unknown.total.to_string(), "95.00");
        assert!(
            has_note(&unknown, "assumed fewer than 5000 customers"),
            "{:?}",
            unknown.notes
        );
    }

    #[test]
    fn ofgem_pre_2023_normal_weather_cap_is_an_option() {
        // Domestic, 120 h in 2020: 108 h beyond 12 → 9 complete 12-h periods → 75 + 9 × 35 = £390.
        let claim = cut_2020(120, "residential", "network");
        assert_eq!(total(&claim, &gsop()), "390.00");
        let capped = gsop_with(GsopOptions {
            normal_weather_cap: NormalWeatherCap::Gbp300BeforeSept2023,
            ..GsopOptions::default()
        });
        assert_eq!(total(&claim, &capped), "300.00");
        // After September 2023 that option leaves 95 + 9 × 45 = £500 uncapped; Gbp300 caps it.
        let later = cut_2025(120, "residential", "network");
        assert_eq!(total(&later, &capped), "500.00");
        let always = gsop_with(GsopOptions {
            normal_weather_cap: NormalWeatherCap::Gbp300,
            ..GsopOptions::default()
        });
        assert_eq!(total(&later, &always), "300.00");
    }

    #[test]
    fn ofgem_within_the_standard_or_customer_caused_earns_nothing() {
        // Exactly 12 h meets the normal-weather standard.
        assert_eq!(
            total(&cut_2025(12, "residential", "network"), &gsop()),
            "0.00"
        );
        // A customer-caused cut earns nothing, and the notes say so.
        let own = assess(&cut_2025(30, "residential", "customer"), &gsop()).unwrap();
        assert_eq!(own.total.to_string(), "0.00");
        assert!(has_note(&own, "is excluded"), "{:?}", own.notes);
    }

    #[test]
    fn ofgem_carries_its_metadata() {
        let policy = gsop();
        assert_eq!(policy.id, "uk-ofgem-gsop");
        assert_eq!(policy.jurisdiction, "GB");
        assert_eq!(policy.evidence, Evidence::Secondary);
        assert_eq!(policy.versions.len(), 2);
        assert!(policy.citation.contains("SI 2015/699"));
        assert!(!policy.readings.is_empty());
    }
}
