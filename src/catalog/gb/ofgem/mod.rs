//! Great Britain: Ofgem's electricity distribution guaranteed standards
//! (`uk-ofgem-gsop`), supply restoration in normal and severe weather, and multiple
//! interruptions. The amounts of each dated version are in [`amounts`].

mod amounts;
#[cfg(test)]
mod tests;

use rust_decimal::Decimal;

use crate::claim_file::Segment;
use crate::money::Currency;
use crate::outage::{Cause, WeatherCategory};
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, Assumption, Bearing, Clock, Condition, Counting, Escalating, Evidence, Measure, Policy,
    PolicyVersion, Provision, Rule, ServiceScope, Subject, ThresholdTier, Tiers,
};
use crate::span::Span;

use amounts::{Amounts, Category3, AMOUNTS, SEPT_2023};

/// The category assumed for a severe-weather outage whose claim does not give its
/// `weather_category` (the outage's own category, when given, always decides). The
/// claim's notes say which category was assumed and that `weather_category` decides it.
///
/// # Example
/// ```
/// use redress::catalog::gb::SevereWeatherCategory;
/// assert_eq!(SevereWeatherCategory::default(), SevereWeatherCategory::Category1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SevereWeatherCategory {
    /// Category 1 (from 2023: 8 to 13 times the daily mean of faults): restore within 24
    /// hours. The default: the shorter standard, in the customer's favour.
    #[default]
    Category1,
    /// Category 2 (more severe): restore within 48 hours.
    Category2,
}

impl SevereWeatherCategory {
    /// The outage category it stands for.
    fn category(self) -> WeatherCategory {
        match self {
            SevereWeatherCategory::Category1 => WeatherCategory::One,
            SevereWeatherCategory::Category2 => WeatherCategory::Two,
        }
    }
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

/// How many interruptions of 3 hours or more in a regulatory year earn the
/// multiple-interruptions payment. A distributor's own page and Ofgem's older leaflet say
/// "four or more"; some summaries say "more than four".
///
/// # Example
/// ```
/// use redress::catalog::gb::MultipleInterruptions;
/// assert_eq!(MultipleInterruptions::default(), MultipleInterruptions::FourOrMore);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum MultipleInterruptions {
    /// Four or more (the default).
    #[default]
    FourOrMore,
    /// Five or more ("more than four").
    MoreThanFour,
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
    /// The category assumed for an outage with `cause = "severe-weather"` and no
    /// `weather_category`.
    pub severe_weather: SevereWeatherCategory,
    /// Whether normal-weather payments are capped at £300.
    pub normal_weather_cap: NormalWeatherCap,
    /// Whether reg. 6's 24-hour standard for incidents of 5,000 or more premises applies.
    pub large_incidents: LargeIncidentStandard,
    /// How many interruptions in a regulatory year earn the multiple-interruptions payment.
    pub multiple_interruptions: MultipleInterruptions,
}

impl Default for GsopOptions {
    fn default() -> Self {
        GsopOptions {
            counting: Counting::Complete,
            severe_weather: SevereWeatherCategory::Category1,
            normal_weather_cap: NormalWeatherCap::Uncapped,
            large_incidents: LargeIncidentStandard::NotApplied,
            multiple_interruptions: MultipleInterruptions::FourOrMore,
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
///   24 hours for a category 1 storm, 48 hours for category 2. The outage's
///   `weather_category` (`1`, `2` or `3`) gives the category; without it category 1 is
///   assumed (the shorter standard, in the customer's favour) and the claim's notes say
///   so. Category 3 (an event affecting at least 35 % of exposed customers) had a
///   standard set by formula before 1 September 2023, not encoded: such an outage is not
///   assessed, and the notes say why; from 1 September 2023 category 3 is abolished and
///   taken as category 2. Amounts, by the date the outage began: before 1 September
///   2023, £70 plus £70 per further 12 hours, at most £700; from 1 September 2023, £80
///   plus £40 per further 6 hours, at most £2,000; from 1 April 2024, £85 plus £40 per
///   further 6 hours, at most £2,000. Domestic and non-domestic alike.
/// - *Multiple interruptions* (reg. 10): one payment when four or more interruptions of
///   3 hours or more each fall in one regulatory year (1 April – 31 March): £75 for
///   interruptions before 1 September 2023, £95 from then.
///
/// Payments are automatic (most distributors now pay without a claim; otherwise a claim
/// is due within 3 months of restoration, which is not computed as a date here).
/// Outages with `cause = "customer"` or `"planned"` earn nothing: planned interruptions
/// have their own notice standard, not encoded. Domestic is the `residential` segment,
/// non-domestic `business`. Payments recognise inconvenience; they do not settle other
/// claims for loss.
///
/// **Source.** The Electricity (Standards of Performance) Regulations 2015, SI 2015/699
/// (legislation.gov.uk/uksi/2015/699), as amended by The Electricity (Standards of
/// Performance) (Amendment) Regulations 2023, SI 2023/887 (from 1 September 2023), and
/// the correcting Amendment Regulations 2024, SI 2024/984 (from 1 November 2024, which
/// re-defines category 1 as no less than eight times the daily mean of higher-voltage
/// faults); Ofgem, "Power cuts: help and compensation under guaranteed standards"
/// (ofgem.gov.uk).
///
/// **How firm.** The structure of the regulations and SI 2024/984's category definition
/// \[P\]. Every amount \[S\]: the schedule of amounts was read only in secondary sources
/// (a distributor's page citing SI 2023/887, Ofgem guidance quoted in the press, older
/// summaries). Some early-2025 consumer pages give £180 non-domestic and £40 per further
/// 12 hours in normal weather instead of £190 / £45; the £190 / £45 set is kept until the
/// schedule is read. The £85 severe-weather payment is Ofgem's guidance as quoted in
/// December 2024 and January 2025 \[S\]; that it applies from 1 April 2024 (the
/// regulatory year) is \[M\], as is keeping it from 1 April 2025 (no later figure was
/// found). The multiple-interruptions threshold (four or more of 3 hours or more, 1 April
/// – 31 March) is a distributor's own page \[P\]; its £95 from September 2023 is \[S\];
/// whether severe-weather interruptions count towards the four is \[M\] (they do here).
/// The pre-2023 £300 normal-weather total is uncertain (an option). Incidents before
/// 1 April 2015 (the 2010 regime, 18-hour standard) earn nothing here. Jurisdiction `GB`
/// means Great Britain: Northern Ireland is regulated separately and not covered.
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
///
/// A storm of category 2, stated on the outage: 60 hours from Friday 24 January 2025
/// 06:00 UTC, 48-hour standard, 12 hours beyond → £85 + 2 complete 6-hour periods × £40
/// = £165.
/// ```
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [customer]
///     region = "GB-SCT"
///     [plan]
///     currency = "GBP"
///     time_zone = "Europe/London"
///     [[plan.services]]
///     kind = "electricity"
///     monthly_price = "0"
///     [[outages]]
///     services = ["electricity"]
///     start = "2025-01-24T06:00:00Z"
///     end = "2025-01-26T18:00:00Z"
///     cause = "severe-weather"
///     weather_category = 2
/// "#).unwrap();
/// let result = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::gb::gsop())?;
/// assert_eq!(result.total.to_string(), "165.00");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn gsop() -> Policy {
    gsop_with(GsopOptions::default())
}

/// `uk-ofgem-gsop` with chosen readings: complete or started further periods, the
/// severe-weather category assumed when an outage does not give one, the £300
/// normal-weather cap, and reg. 6's standard for large incidents. See [`gsop`] for the
/// rule.
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
    let mut policy = Policy::new(
        "uk-ofgem-gsop",
        "Ofgem guaranteed standards: electricity supply restoration",
        Currency::GBP,
    )
    .with_services(vec![ServiceKind::Electricity]);
    for amounts in &AMOUNTS {
        let mut version = PolicyVersion::from_date(
            amounts.from,
            vec![
                restoration(amounts, options).with_clause(amounts.clause),
                multiple_interruptions(amounts.multiple, options.multiple_interruptions),
            ],
        )
        .with_label(amounts.label);
        if let Some(until) = amounts.until {
            version = version.with_end_date(until);
        }
        policy = policy.with_version(version);
    }
    policy.jurisdiction = "GB".to_owned();
    // Great Britain's standards: Northern Ireland has its own regulator.
    policy.excluded_regions = vec!["GB-NIR".to_owned()];
    policy.citation = "The Electricity (Standards of Performance) Regulations 2015, SI 2015/699, \
        regs. 5 (normal weather), 6 (5,000 or more premises), 7 (severe weather) and 10 \
        (multiple interruptions), legislation.gov.uk/uksi/2015/699; as amended by SI 2023/887 \
        (from 1 September 2023) and SI 2024/984 (from 1 November 2024); amounts as published \
        in Ofgem's guaranteed standards guidance"
        .to_owned();
    policy.evidence = Evidence::Secondary;
    policy.readings = readings(options);
    policy.readings_for = vec![
        (
            Bearing::Cause(Cause::SevereWeather),
            severe_weather_reading(options),
        ),
        (
            Bearing::WeatherCategory(WeatherCategory::Three),
            "A category 3 storm that began before 1 September 2023 had a restoration \
             standard set by a formula from the number of customers interrupted, which is \
             not encoded: its severe-weather payment is not assessed. From 1 September 2023 \
             category 3 is abolished and such a storm is taken as category 2 (48 hours)."
                .to_owned(),
        ),
    ];
    policy
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

/// The £300 normal-weather cap of a version, if the options set one for it.
fn normal_cap(amounts: &Amounts, cap: NormalWeatherCap) -> Option<i64> {
    match cap {
        NormalWeatherCap::Uncapped => None,
        NormalWeatherCap::Gbp300 => Some(300),
        NormalWeatherCap::Gbp300BeforeSept2023 => (amounts.from < SEPT_2023).then_some(300),
    }
}

/// Normal weather with a given standard: domestic or non-domestic base, same step.
fn normal(amounts: &Amounts, standard: u32, options: GsopOptions) -> Rule {
    let counting = options.counting;
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
    match normal_cap(amounts, options.normal_weather_cap) {
        Some(cap) => Rule::Cap {
            limit: pounds(cap),
            rule: Box::new(rule),
        },
        None => rule,
    }
}

/// Severe weather with a given standard, capped.
fn storm(amounts: &Amounts, standard: u32, counting: Counting) -> Rule {
    Rule::Cap {
        limit: pounds(amounts.severe_cap),
        rule: Box::new(escalating(
            standard,
            amounts.severe_base,
            amounts.severe_every,
            amounts.severe_step,
            counting,
        )),
    }
}

/// Reg. 7 by the outage's category: 24 hours for category 1, 48 for category 2 (and
/// category 3 where it is taken as 2); nothing for a category 3 storm whose standard is
/// set by formula. The assumed category is tested first, so that an outage without a
/// category is noted once, by that test.
fn severe(amounts: &Amounts, options: GsopOptions) -> Rule {
    let assumed = options.severe_weather.category();
    let mut longer = vec![WeatherCategory::Two];
    if amounts.category_3 == Category3::AsCategory2 {
        longer.push(WeatherCategory::Three);
    }
    let shorter = (vec![WeatherCategory::One], 24);
    let longer = (longer, 48);
    let (first, second) = match assumed {
        WeatherCategory::One => (shorter, longer),
        WeatherCategory::Two | WeatherCategory::Three => (longer, shorter),
    };
    let test = |categories| Condition::WeatherCategoryIn {
        categories,
        assumed,
    };
    Rule::When {
        condition: test(first.0),
        then: Box::new(storm(amounts, first.1, options.counting)),
        otherwise: Some(Box::new(Rule::When {
            condition: test(second.0),
            then: Box::new(storm(amounts, second.1, options.counting)),
            otherwise: None,
        })),
    }
}

/// Regs. 5–7: severe weather by its category; otherwise the 12-hour standard, or, when
/// reg. 6 is applied, 24 hours for an incident of 5,000 or more premises.
fn restoration(amounts: &Amounts, options: GsopOptions) -> Provision {
    let normal_weather = match options.large_incidents {
        LargeIncidentStandard::NotApplied => normal(amounts, 12, options),
        LargeIncidentStandard::Applied => Rule::When {
            condition: Condition::CustomersAffectedAtLeast {
                count: 5000,
                if_unknown: Assumption::NotMet,
            },
            then: Box::new(normal(amounts, 24, options)),
            otherwise: Some(Box::new(normal(amounts, 12, options))),
        },
    };
    Provision::new(
        "supply restoration",
        Subject::outages(),
        Rule::When {
            condition: Condition::CauseIn(vec![Cause::SevereWeather]),
            then: Box::new(severe(amounts, options)),
            otherwise: Some(Box::new(normal_weather)),
        },
    )
    .with_excluded_causes(&[Cause::Customer, Cause::Planned])
}

/// Reg. 10: four (or, as an option, five) or more interruptions of at least 3 hours in a
/// regulatory year (1 April – 31 March) → one payment.
fn multiple_interruptions(amount: i64, threshold: MultipleInterruptions) -> Provision {
    let more_than = match threshold {
        MultipleInterruptions::FourOrMore => 3,
        MultipleInterruptions::MoreThanFour => 4,
    };
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
                more_than: Decimal::from(more_than),
                amount: pounds(amount),
            }],
        }),
    )
    .with_clause("SI 2015/699 reg. 10")
    .with_excluded_causes(&[Cause::Customer, Cause::Planned])
}

/// The reading of the severe-weather category, which bears only on an outage with
/// that cause.
fn severe_weather_reading(options: GsopOptions) -> String {
    let assumed = match options.severe_weather {
        SevereWeatherCategory::Category1 => "category 1 (24 hours) is assumed",
        SevereWeatherCategory::Category2 => "category 2 (48 hours) is assumed",
    };
    format!(
        "An outage with cause severe-weather has the standard of its weather_category: \
         category 1, 24 hours; category 2, 48 hours. Where the outage does not give it, \
         {assumed}."
    )
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
        format!(
            "Multiple interruptions (reg. 10): {} of 3 hours or more each in a regulatory \
             year (1 April – 31 March), severe-weather ones included; £75 before 1 September \
             2023, £95 from then. In the regulatory year 2023/24 the interruptions before and \
             from 1 September 2023 are counted apart.",
            match options.multiple_interruptions {
                MultipleInterruptions::FourOrMore => "four or more",
                MultipleInterruptions::MoreThanFour => "more than four",
            }
        ),
    ]
}
