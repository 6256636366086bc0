//! Tests for the calendar module: rules, published holiday lists, and
//! working-day arithmetic.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use proptest::prelude::*;

use super::*;

mod au;
mod countries;
mod uk;
mod working_days;

/// Shorthand for a date known to be valid.
fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
}

fn region(code: &str) -> HolidayCalendar {
    for_region(code).expect("supported region")
}

/// The dates of `holidays_in(year)`, for comparing against published lists.
fn dates(calendar: &HolidayCalendar, year: i32) -> Vec<NaiveDate> {
    calendar
        .holidays_in(year)
        .into_iter()
        .map(|(date, _)| date)
        .collect()
}

fn ymd_list(list: &[(i32, u32, u32)]) -> Vec<NaiveDate> {
    list.iter().map(|&(y, m, day)| d(y, m, day)).collect()
}

/// Assert the full holiday list of `code` in `year`.
fn assert_holidays(code: &str, year: i32, expected: &[(i32, u32, u32)]) {
    assert_eq!(
        dates(&region(code), year),
        ymd_list(expected),
        "{code} {year}: {:#?}",
        region(code).holidays_in(year)
    );
}

// ---------------------------------------------------------------------------
// Easter and the individual rules.

#[test]
fn easter_sunday_matches_published_dates() {
    // Western Easter dates as published by e.g. the US Naval Observatory
    // and the Church of England tables.
    let known = [
        (1818, 3, 22), // earliest possible date
        (1943, 4, 25), // latest possible date
        (2000, 4, 23),
        (2011, 4, 24),
        (2015, 4, 5),
        (2016, 3, 27),
        (2017, 4, 16),
        (2018, 4, 1),
        (2019, 4, 21),
        (2020, 4, 12),
        (2021, 4, 4),
        (2022, 4, 17),
        (2023, 4, 9),
        (2024, 3, 31),
        (2025, 4, 20),
        (2026, 4, 5),
        (2027, 3, 28),
        (2028, 4, 16),
        (2029, 4, 1),
        (2030, 4, 21),
        (2031, 4, 13),
        (2032, 3, 28),
        (2033, 4, 17),
        (2034, 4, 9),
        (2035, 3, 25),
        (2038, 4, 25),
        (2285, 3, 22),
    ];
    for (year, month, day) in known {
        assert_eq!(easter_sunday(year), Some(d(year, month, day)), "{year}");
    }
}

#[test]
fn easter_is_a_sunday_in_march_or_april_for_any_supported_year() {
    for year in (-262_143..=262_142).step_by(997) {
        let easter = easter_sunday(year).expect("in range");
        assert_eq!(easter.weekday(), Weekday::Sun, "{year}");
        assert!(matches!(easter.month(), 3 | 4), "{year}");
    }
    assert_eq!(easter_sunday(i32::MAX), None);
    assert_eq!(easter_sunday(i32::MIN), None);
}

#[test]
fn nth_weekday_rules() {
    let rule = |month, weekday, nth| HolidayRule::NthWeekday {
        month,
        weekday,
        nth,
    };
    // May 2025 starts on a Thursday and has five Thursdays, four Mondays.
    assert_eq!(rule(5, Weekday::Mon, 1).date_in(2025), Some(d(2025, 5, 5)));
    assert_eq!(rule(5, Weekday::Mon, 4).date_in(2025), Some(d(2025, 5, 26)));
    assert_eq!(rule(5, Weekday::Mon, 5).date_in(2025), None);
    assert_eq!(rule(5, Weekday::Thu, 5).date_in(2025), Some(d(2025, 5, 29)));
    assert_eq!(
        rule(5, Weekday::Mon, -1).date_in(2025),
        Some(d(2025, 5, 26))
    );
    assert_eq!(rule(5, Weekday::Mon, -4).date_in(2025), Some(d(2025, 5, 5)));
    assert_eq!(rule(5, Weekday::Mon, -5).date_in(2025), None);
    assert_eq!(
        rule(12, Weekday::Wed, -1).date_in(2025),
        Some(d(2025, 12, 31))
    );
    assert_eq!(rule(5, Weekday::Mon, 0).date_in(2025), None);
    assert_eq!(rule(5, Weekday::Mon, i8::MAX).date_in(2025), None);
    assert_eq!(rule(5, Weekday::Mon, i8::MIN).date_in(2025), None);
    assert_eq!(rule(0, Weekday::Mon, 1).date_in(2025), None);
    assert_eq!(rule(13, Weekday::Mon, -1).date_in(2025), None);
    assert_eq!(rule(u32::MAX, Weekday::Mon, -1).date_in(2025), None);
}

#[test]
fn fixed_weekday_on_or_after_and_easter_offset_rules() {
    let leap_day = HolidayRule::Fixed {
        month: 2,
        day: 29,
        observance: Observance::Actual,
    };
    assert_eq!(leap_day.date_in(2024), Some(d(2024, 2, 29)));
    assert_eq!(leap_day.date_in(2025), None);

    let melbourne_cup = HolidayRule::WeekdayOnOrAfter {
        month: 11,
        day: 1,
        weekday: Weekday::Tue,
    };
    assert_eq!(melbourne_cup.date_in(2024), Some(d(2024, 11, 5)));
    // 1 November 2022 was itself a Tuesday.
    assert_eq!(melbourne_cup.date_in(2022), Some(d(2022, 11, 1)));

    let far = HolidayRule::EasterOffset { days: i32::MAX };
    assert_eq!(far.date_in(2025), None);
    let before = HolidayRule::EasterOffset { days: i32::MIN };
    assert_eq!(before.date_in(2025), None);
}

#[test]
fn year_bounds_are_inclusive() {
    let juneteenth = region("US");
    assert!(!juneteenth.is_holiday(d(2020, 6, 19)));
    assert!(juneteenth.is_holiday(d(2021, 6, 18))); // Sat 19 June observed Fri
    assert!(juneteenth.is_holiday(d(2024, 6, 19)));
}

#[test]
fn observance_styles() {
    let calendar = |observance| {
        HolidayCalendar::new("T", "Test").with_rule(NamedRule::new(
            "Day",
            HolidayRule::Fixed {
                month: 1,
                day: 1,
                observance,
            },
        ))
    };
    // 1 January 2022 was a Saturday, 1 January 2023 a Sunday.
    let sat = d(2022, 1, 1);
    let sun = d(2023, 1, 1);
    let actual = calendar(Observance::Actual);
    assert!(actual.is_holiday(sat) && actual.is_holiday(sun));

    let nearest = calendar(Observance::NearestWeekday);
    assert!(nearest.is_holiday(d(2021, 12, 31)) && !nearest.is_holiday(sat));
    assert!(nearest.is_holiday(d(2023, 1, 2)));

    let monday = calendar(Observance::MondayIfWeekend);
    assert!(monday.is_holiday(d(2022, 1, 3)) && monday.is_holiday(d(2023, 1, 2)));

    let substitute = calendar(Observance::NextFreeWeekday);
    assert!(substitute.is_holiday(d(2022, 1, 3)) && substitute.is_holiday(d(2023, 1, 2)));
    assert_eq!(
        substitute.holiday_name(d(2022, 1, 3)).as_deref(),
        Some("Day (substitute day)")
    );
    assert_eq!(
        nearest.holiday_name(d(2021, 12, 31)).as_deref(),
        Some("Day (observed)")
    );
}

#[test]
fn substitute_skips_extra_days() {
    // A substitute day must not land on a listed one-off holiday.
    let calendar = HolidayCalendar::new("T", "Test")
        .with_rule(NamedRule::new(
            "Christmas Day",
            HolidayRule::Fixed {
                month: 12,
                day: 25,
                observance: Observance::NextFreeWeekday,
            },
        ))
        .with_extra_day(d(2021, 12, 27), "Extra");
    assert_eq!(
        dates(&calendar, 2021),
        vec![d(2021, 12, 27), d(2021, 12, 28)]
    );
}

#[test]
fn removed_day_cancels_the_substitute_too() {
    let calendar = HolidayCalendar::new("T", "Test")
        .with_rule(NamedRule::new(
            "Christmas Day",
            HolidayRule::Fixed {
                month: 12,
                day: 25,
                observance: Observance::NextFreeWeekday,
            },
        ))
        .with_removed_day(d(2021, 12, 25));
    assert!(calendar.holidays_in(2021).is_empty());
    assert_eq!(dates(&calendar, 2022), vec![d(2022, 12, 26)]);
}

// ---------------------------------------------------------------------------
// Region lookup.

#[test]
fn region_codes_are_case_insensitive_and_validated() {
    assert_eq!(region("gb-sct").id(), "GB-SCT");
    assert_eq!(region("  De-By ").id(), "DE-BY");
    assert_eq!(region("GB").name(), "England and Wales bank holidays");
    assert!(for_region("DE-XX").is_none());
    assert!(for_region("US-ZZ").is_none());
    assert!(for_region("").is_none());
    assert!(for_region("GB-").is_none());
}

#[test]
fn every_supported_region_builds_with_valid_data() {
    let regions = supported_regions();
    // 5 UK + 17 German + 9 Australian + 1 + 51 + 6 US codes.
    assert_eq!(regions.len(), 5 + 17 + 9 + 1 + 51 + 6);
    for code in regions {
        let calendar = region(code);
        assert_eq!(calendar.id(), *code);
        assert_eq!(code.to_ascii_uppercase(), *code);
        // No entry of the data tables was skipped as an invalid date.
        for year in 2015..=2035 {
            let holidays = calendar.holidays_in(year);
            // AU alone keeps only the seven holidays every state shares.
            let least = if *code == "AU" { 7 } else { 8 };
            assert!(holidays.len() >= least, "{code} {year}");
        }
    }
    let mut sorted = regions.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), regions.len(), "duplicate region code");

    let extra_days = |code: &str| region(code).extra_days().len();
    assert_eq!(extra_days("GB-ENG"), 8);
    // 13 Grand Final Fridays (2015–2027) and the National Day of Mourning.
    assert_eq!(extra_days("AU-VIC"), 14);
    assert_eq!(extra_days("DE-BE"), 3);
    assert_eq!(region("GB-SCT").removed_days().len(), 3);
}

#[test]
fn calendar_round_trips_through_json() {
    let calendar = region("GB-NIR");
    let json = serde_json::to_string(&calendar).expect("serialise");
    let back: HolidayCalendar = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(back, calendar);
    assert!(json.contains(r#""kind":"nth_weekday""#), "{json}");
}

#[test]
fn calendar_from_handwritten_json() {
    let json = r#"{
        "id": "ACME",
        "name": "Acme shutdown days",
        "rules": [
            {"name": "Founders' Day", "rule": {"kind": "fixed", "month": 3, "day": 1, "observance": "monday_if_weekend"}},
            {"name": "Retreat", "rule": {"kind": "nth_weekday", "month": 9, "weekday": "Fri", "nth": -1}, "first_year": 2024}
        ]
    }"#;
    let calendar: HolidayCalendar = serde_json::from_str(json).expect("parse");
    assert!(calendar.is_holiday(d(2025, 3, 3))); // 1 March 2025 was a Saturday
    assert!(calendar.is_holiday(d(2024, 9, 27)));
    assert!(!calendar.is_holiday(d(2023, 9, 29)));
}
