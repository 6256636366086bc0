//! `uk-ofgem-gsop`: every figure worked by hand from the rule's text (the amounts of SI
//! 2015/699 as amended, as Ofgem's guidance gives them), the arithmetic beside it.

use super::*;
use crate::test_support::assess;
use crate::{Claim, ClaimFile};

/// A claim for one power cut of `hours` from `start` (RFC 3339), in a segment, with a
/// cause and further outage lines (`customers_affected = …`, `weather_category = …`).
fn cut_with(start: &str, hours: i64, segment: &str, cause: &str, extra: &str) -> ClaimFile {
    let start = chrono::DateTime::parse_from_rfc3339(start).unwrap();
    let end = start + chrono::TimeDelta::hours(hours);
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
        {extra}
        "#,
        start.to_rfc3339(),
        end.to_rfc3339()
    ))
    .unwrap()
}

/// A cut, optionally of an incident of a given size.
fn cut(start: &str, hours: i64, segment: &str, cause: &str, size: Option<u64>) -> ClaimFile {
    let size = size
        .map(|n| format!("customers_affected = {n}"))
        .unwrap_or_default();
    cut_with(start, hours, segment, cause, &size)
}

/// A 2025 cut (the amounts from 1 April 2024).
fn cut_2025(hours: i64, segment: &str, cause: &str) -> ClaimFile {
    cut("2025-01-10T06:00:00Z", hours, segment, cause, None)
}

/// A 2020 cut (the amounts before September 2023).
fn cut_2020(hours: i64, segment: &str, cause: &str) -> ClaimFile {
    cut("2020-01-10T06:00:00Z", hours, segment, cause, None)
}

/// A domestic storm of `hours` from `start`, with `weather_category` when given.
fn storm(start: &str, hours: i64, category: Option<u8>) -> ClaimFile {
    let category = category
        .map(|c| format!("weather_category = {c}"))
        .unwrap_or_default();
    cut_with(start, hours, "residential", "severe-weather", &category)
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
fn ofgem_severe_weather_category_1_in_october_2023_and_january_2025() {
    // Category 1 (24 h), domestic, 40 h: 16 h beyond → 2 complete 6-h periods (3 started).
    // October 2023 (£80 from 1 Sept 2023): 80 + 2 × 40 = £160; started 80 + 3 × 40 = £200.
    let october = storm("2023-10-10T06:00:00Z", 40, Some(1));
    assert_eq!(total(&october, &gsop()), "160.00");
    assert_eq!(total(&october, &started()), "200.00");
    // January 2025 (£85 from 1 April 2024): 85 + 2 × 40 = £165; started 85 + 120 = £205.
    let january = storm("2025-01-10T06:00:00Z", 40, Some(1));
    assert_eq!(total(&january, &gsop()), "165.00");
    assert_eq!(total(&january, &started()), "205.00");
    // The same for a non-domestic customer: severe-weather amounts do not differ.
    let business = cut_with(
        "2025-01-10T06:00:00Z",
        40,
        "business",
        "severe-weather",
        "weather_category = 1",
    );
    assert_eq!(total(&business, &gsop()), "165.00");
}

#[test]
fn ofgem_severe_weather_cap_from_april_2024() {
    // £85 + £40·n ≥ £2,000 first at n = 48 (85 + 1,920 = 2,005): after 24 + 48 × 6 = 312 h.
    // At 306 h: n = 47 → 85 + 1,880 = £1,965, under the cap.
    let at = |hours| storm("2025-01-10T06:00:00Z", hours, Some(1));
    assert_eq!(total(&at(306), &gsop()), "1965.00");
    let capped = assess(&at(312), &gsop()).unwrap();
    assert_eq!(capped.total.to_string(), "2000.00");
    assert_eq!(capped.lines[0].adjustments.len(), 1);
    // 400 h: 376 h beyond → 62 periods → 85 + 2,480 = £2,565, capped to £2,000.
    assert_eq!(total(&at(400), &gsop()), "2000.00");
}

#[test]
fn ofgem_severe_weather_before_and_after_the_april_2024_uprating() {
    // Category 1, domestic, 40 h: 16 h beyond 24 → 2 complete 6-h periods.
    // March 2024: £80 + 2 × £40 = £160. May 2024: £85 + 2 × £40 = £165.
    assert_eq!(
        total(&storm("2024-03-12T06:00:00Z", 40, Some(1)), &gsop()),
        "160.00"
    );
    assert_eq!(
        total(&storm("2024-05-12T06:00:00+01:00", 40, Some(1)), &gsop()),
        "165.00"
    );
    // The day decides, in the address's zone: 23:30 on 31 March 2024 (BST) → £160;
    // midnight on 1 April 2024 (BST) → £165.
    assert_eq!(
        total(&storm("2024-03-31T23:30:00+01:00", 40, Some(1)), &gsop()),
        "160.00"
    );
    assert_eq!(
        total(&storm("2024-04-01T00:00:00+01:00", 40, Some(1)), &gsop()),
        "165.00"
    );
}

#[test]
fn ofgem_categories_1_and_2_for_the_same_storm() {
    // Domestic, 50 h from 12 May 2024 (£85 + £40 per 6 h).
    // Category 1 (24 h): 26 h beyond → 4 complete 6-h periods → 85 + 4 × 40 = £245.
    // Category 2 (48 h): 2 h beyond → no complete period → £85.
    let start = "2024-05-12T06:00:00+01:00";
    assert_eq!(total(&storm(start, 50, Some(1)), &gsop()), "245.00");
    assert_eq!(total(&storm(start, 50, Some(2)), &gsop()), "85.00");
    // Exactly 48 h meets category 2's standard: nothing. Category 1: 24 h beyond → 4
    // periods → £245.
    assert_eq!(total(&storm(start, 48, Some(2)), &gsop()), "0.00");
    assert_eq!(total(&storm(start, 48, Some(1)), &gsop()), "245.00");
}

#[test]
fn ofgem_storm_eowyn_category_2_or_assumed_category_1() {
    // Domestic, 60 h from Fri 24 Jan 2025 06:00 UTC (Storm Éowyn).
    // weather_category = 2: 48 h standard, 12 h beyond → 2 complete 6-h periods →
    // 85 + 2 × 40 = £165, and no assumption noted.
    let given = assess(&storm("2025-01-24T06:00:00Z", 60, Some(2)), &gsop()).unwrap();
    assert_eq!(given.total.to_string(), "165.00");
    assert!(!has_note(&given, "was assumed"), "{:?}", given.notes);
    // Without the field, category 1 is assumed: 36 h beyond 24 → 6 periods →
    // 85 + 6 × 40 = £325, and the notes say which category and which field decides.
    let assumed = assess(&storm("2025-01-24T06:00:00Z", 60, None), &gsop()).unwrap();
    assert_eq!(assumed.total.to_string(), "325.00");
    assert!(
        has_note(&assumed, "category 1 was assumed")
            && has_note(&assumed, "weather_category (1, 2 or 3) decides it"),
        "{:?}",
        assumed.notes
    );
    // Told to assume category 2, the same outage without the field → £165, noted so.
    let assume_2 = gsop_with(GsopOptions {
        severe_weather: SevereWeatherCategory::Category2,
        ..GsopOptions::default()
    });
    let two = assess(&storm("2025-01-24T06:00:00Z", 60, None), &assume_2).unwrap();
    assert_eq!(two.total.to_string(), "165.00");
    assert!(has_note(&two, "category 2 was assumed"), "{:?}", two.notes);
    // The outage's own category decides over the assumption: category 1 → £325.
    assert_eq!(
        total(&storm("2025-01-24T06:00:00Z", 60, Some(1)), &assume_2),
        "325.00"
    );
}

#[test]
fn ofgem_pre_2023_severe_weather_category_2() {
    // Pre-2023 category 2 (48 h), off 72 h: 24 h beyond → two complete 12-h periods
    // → 70 + 2 × 70 = £210.
    let claim = storm("2020-01-10T06:00:00Z", 72, Some(2));
    assert_eq!(total(&claim, &gsop()), "210.00");
    // As category 1 (24 h): 48 h beyond → 4 periods → 70 + 4 × 70 = £350.
    assert_eq!(
        total(&storm("2020-01-10T06:00:00Z", 72, Some(1)), &gsop()),
        "350.00"
    );
    // The option of assuming category 2 gives the same for an outage without the field.
    let assume_2 = gsop_with(GsopOptions {
        severe_weather: SevereWeatherCategory::Category2,
        ..GsopOptions::default()
    });
    assert_eq!(
        total(&cut_2020(72, "residential", "severe-weather"), &assume_2),
        "210.00"
    );
    // Cap £700 at n = 9 → 48 + 9 × 12 = 156 h: 70 + 9 × 70 = £700 exactly.
    assert_eq!(
        total(&storm("2020-01-10T06:00:00Z", 156, Some(2)), &gsop()),
        "700.00"
    );
    // 200 h: 152 h beyond → 12 periods → 70 + 840 = £910 → capped to £700.
    assert_eq!(
        total(&storm("2020-01-10T06:00:00Z", 200, Some(2)), &gsop()),
        "700.00"
    );
}

#[test]
fn ofgem_category_3_by_date() {
    // Before September 2023 category 3's standard is set by a formula not encoded:
    // nothing is assessed, and the claim says why.
    let early = assess(&storm("2020-01-10T06:00:00Z", 100, Some(3)), &gsop()).unwrap();
    assert_eq!(early.total.to_string(), "0.00");
    assert!(has_note(&early, "formula"), "{:?}", early.notes);
    // From September 2023 it is taken as category 2 (48 h): 60 h from 24 January 2025 →
    // 12 h beyond → 2 periods → 85 + 2 × 40 = £165, as weather_category = 2.
    let later = assess(&storm("2025-01-24T06:00:00Z", 60, Some(3)), &gsop()).unwrap();
    assert_eq!(later.total.to_string(), "165.00");
    assert!(has_note(&later, "taken as category 2"), "{:?}", later.notes);
}

/// A claim of four 3-hour cuts on these local dates (UK time, written with their offset).
fn four_cuts(starts: [&str; 4]) -> ClaimFile {
    let mut text = r#"
        [plan]
        currency = "GBP"
        time_zone = "Europe/London"
        [[plan.services]]
        kind = "electricity"
        monthly_price = "0"
        "#
    .to_owned();
    for start in starts {
        let from = chrono::DateTime::parse_from_rfc3339(start).unwrap();
        let to = from + chrono::TimeDelta::hours(3);
        text.push_str(&format!(
            "[[outages]]\nservices = [\"electricity\"]\nstart = \"{}\"\nend = \"{}\"\n",
            from.to_rfc3339(),
            to.to_rfc3339()
        ));
    }
    toml::from_str(&text).unwrap()
}

#[test]
fn ofgem_pre_2023_four_interruptions_in_a_year() {
    // 4 interruptions of ≥ 3 h between 1 April 2019 and 31 March 2020 → £75.
    // Each lasts exactly 3 h (within the 12-h standard, so no restoration payment).
    let four = four_cuts([
        "2019-05-01T08:00:00+01:00",
        "2019-08-01T08:00:00+01:00",
        "2019-12-01T08:00:00+00:00",
        "2020-03-31T08:00:00+01:00",
    ]);
    let result = assess(&four, &gsop()).unwrap();
    assert_eq!(result.total.to_string(), "75.00");
    assert_eq!(result.lines[0].provision, "multiple interruptions");
    // Three in the year (the fourth on 1 April 2020, the next regulatory year) → £0.
    let three = four_cuts([
        "2019-05-01T08:00:00+01:00",
        "2019-08-01T08:00:00+01:00",
        "2019-12-01T08:00:00+00:00",
        "2020-04-01T08:00:00+01:00",
    ]);
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
fn ofgem_multiple_interruptions_continue_in_2024_25() {
    // Four interruptions of 3 h each between 1 April 2024 and 31 March 2025 → one payment
    // of £95 (the amount from 1 September 2023); none of them passes the 12-h standard.
    let year = |first: &str, last: &str| {
        four_cuts([
            first,
            "2024-08-01T08:00:00+01:00",
            "2024-12-01T08:00:00+00:00",
            last,
        ])
    };
    let four = year("2024-04-01T00:00:00+01:00", "2025-03-31T08:00:00+01:00");
    let result = assess(&four, &gsop()).unwrap();
    assert_eq!(result.total.to_string(), "95.00");
    assert_eq!(result.lines.len(), 1);
    assert_eq!(result.lines[0].provision, "multiple interruptions");
    // The first on 31 March 2024 (the year before): three left in 2024/25 → £0.
    let early = year("2024-03-31T20:00:00+01:00", "2025-03-31T08:00:00+01:00");
    assert_eq!(total(&early, &gsop()), "0.00");
    // The last on 1 April 2025 (the year after): three left → £0.
    let late = year("2024-04-01T00:00:00+01:00", "2025-04-01T08:00:00+01:00");
    assert_eq!(total(&late, &gsop()), "0.00");
    // Read as "more than four": four earn nothing.
    let five_needed = gsop_with(GsopOptions {
        multiple_interruptions: MultipleInterruptions::MoreThanFour,
        ..GsopOptions::default()
    });
    assert_eq!(total(&four, &five_needed), "0.00");
    // A fifth 3-h cut in the year (10 January 2025) → five → £95.
    let mut five = four.clone();
    five.outages.push(four.outages[2].clone());
    five.outages[4].start = chrono::DateTime::parse_from_rfc3339("2025-01-10T08:00:00Z")
        .unwrap()
        .into();
    five.outages[4].end = Some(
        chrono::DateTime::parse_from_rfc3339("2025-01-10T11:00:00Z")
            .unwrap()
            .into(),
    );
    assert_eq!(total(&five, &five_needed), "95.00");
}

#[test]
fn ofgem_versions_switch_on_1_september_2023() {
    // Domestic, normal weather, 30 h. Starting 31 Aug 2023 (BST): old amounts, 75 + 35 =
    // £110. Starting 1 Sept 2023: new amounts, 95 + 45 = £140.
    let at = |start| cut(start, 30, "residential", "network", None);
    assert_eq!(total(&at("2023-08-31T23:00:00+01:00"), &gsop()), "110.00");
    assert_eq!(total(&at("2023-09-01T00:00:00+01:00"), &gsop()), "140.00");
    // Severe weather, category 1, 40 h: 31 Aug 2023 → 16 h beyond → 1 complete 12-h
    // period → 70 + 70 = £140; 1 Sept 2023 → 2 complete 6-h periods → 80 + 80 = £160.
    assert_eq!(
        total(&storm("2023-08-31T23:00:00+01:00", 40, Some(1)), &gsop()),
        "140.00"
    );
    assert_eq!(
        total(&storm("2023-09-01T00:00:00+01:00", 40, Some(1)), &gsop()),
        "160.00"
    );
    // Before 1 April 2015 (the 2010 regime): nothing, and the notes say why.
    let early = assess(&at("2015-03-01T06:00:00Z"), &gsop()).unwrap();
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
    // 1 April 2015, 1 September 2023, 1 April 2024.
    let starts: Vec<String> = policy
        .versions
        .iter()
        .map(|v| v.effective_from.to_string())
        .collect();
    assert_eq!(starts, ["2015-04-01", "2023-09-01", "2024-04-01"]);
    assert!(policy.citation.contains("SI 2015/699"));
    assert!(!policy.readings.is_empty());
}
