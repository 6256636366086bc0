//! Tests for the calendar module: rules, published holiday lists, and
//! working-day arithmetic.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use proptest::prelude::*;

use super::*;

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
// United Kingdom. Source: gov.uk/bank-holidays (bank-holidays.json).

#[test]
fn england_2020_ve_day() {
    // gov.uk bank holidays 2020: early May moved to Friday 8 May.
    assert_holidays(
        "GB-ENG",
        2020,
        &[
            (2020, 1, 1),
            (2020, 4, 10),
            (2020, 4, 13),
            (2020, 5, 8),
            (2020, 5, 25),
            (2020, 8, 31),
            (2020, 12, 25),
            (2020, 12, 28),
        ],
    );
}

#[test]
fn england_2021() {
    // gov.uk bank holidays 2021: Christmas Sat → Mon 27, Boxing Sun → Tue 28.
    assert_holidays(
        "GB-ENG",
        2021,
        &[
            (2021, 1, 1),
            (2021, 4, 2),
            (2021, 4, 5),
            (2021, 5, 3),
            (2021, 5, 31),
            (2021, 8, 30),
            (2021, 12, 27),
            (2021, 12, 28),
        ],
    );
}

#[test]
fn england_2022() {
    // gov.uk bank holidays 2022.
    assert_holidays(
        "GB-ENG",
        2022,
        &[
            (2022, 1, 3),
            (2022, 4, 15),
            (2022, 4, 18),
            (2022, 5, 2),
            (2022, 6, 2),
            (2022, 6, 3),
            (2022, 8, 29),
            (2022, 9, 19),
            (2022, 12, 26),
            (2022, 12, 27),
        ],
    );
    let names: Vec<String> = region("GB-ENG")
        .holidays_in(2022)
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    assert_eq!(names[0], "New Year's Day (substitute day)");
    assert_eq!(names[5], "Platinum Jubilee bank holiday");
    assert_eq!(names[8], "Boxing Day");
    assert_eq!(names[9], "Christmas Day (substitute day)");
}

#[test]
fn england_2023_to_2027() {
    // gov.uk bank holidays 2023–2027.
    assert_holidays(
        "GB-ENG",
        2023,
        &[
            (2023, 1, 2),
            (2023, 4, 7),
            (2023, 4, 10),
            (2023, 5, 1),
            (2023, 5, 8),
            (2023, 5, 29),
            (2023, 8, 28),
            (2023, 12, 25),
            (2023, 12, 26),
        ],
    );
    assert_holidays(
        "GB-ENG",
        2024,
        &[
            (2024, 1, 1),
            (2024, 3, 29),
            (2024, 4, 1),
            (2024, 5, 6),
            (2024, 5, 27),
            (2024, 8, 26),
            (2024, 12, 25),
            (2024, 12, 26),
        ],
    );
    assert_holidays(
        "GB-ENG",
        2025,
        &[
            (2025, 1, 1),
            (2025, 4, 18),
            (2025, 4, 21),
            (2025, 5, 5),
            (2025, 5, 26),
            (2025, 8, 25),
            (2025, 12, 25),
            (2025, 12, 26),
        ],
    );
    assert_holidays(
        "GB-WLS",
        2026,
        &[
            (2026, 1, 1),
            (2026, 4, 3),
            (2026, 4, 6),
            (2026, 5, 4),
            (2026, 5, 25),
            (2026, 8, 31),
            (2026, 12, 25),
            (2026, 12, 28),
        ],
    );
    assert_holidays(
        "GB",
        2027,
        &[
            (2027, 1, 1),
            (2027, 3, 26),
            (2027, 3, 29),
            (2027, 5, 3),
            (2027, 5, 31),
            (2027, 8, 30),
            (2027, 12, 27),
            (2027, 12, 28),
        ],
    );
}

#[test]
fn england_and_wales_share_a_calendar() {
    for year in 2015..=2035 {
        assert_eq!(
            region("GB-ENG").holidays_in(year),
            region("GB-WLS").holidays_in(year)
        );
        assert_eq!(
            region("GB").holidays_in(year),
            region("GB-ENG").holidays_in(year)
        );
    }
}

#[test]
fn england_has_eight_bank_holidays_in_ordinary_years() {
    for year in (2015..=2035).filter(|year| ![2020, 2022, 2023].contains(year)) {
        assert_eq!(region("GB-ENG").holidays_in(year).len(), 8, "{year}");
    }
}

#[test]
fn scotland_2021_and_2022_new_year() {
    // gov.uk bank holidays, Scotland 2021 and 2022.
    assert_holidays(
        "GB-SCT",
        2021,
        &[
            (2021, 1, 1),
            (2021, 1, 4),
            (2021, 4, 2),
            (2021, 5, 3),
            (2021, 5, 31),
            (2021, 8, 2),
            (2021, 11, 30),
            (2021, 12, 27),
            (2021, 12, 28),
        ],
    );
    assert_holidays(
        "GB-SCT",
        2022,
        &[
            (2022, 1, 3),
            (2022, 1, 4),
            (2022, 4, 15),
            (2022, 5, 2),
            (2022, 6, 2),
            (2022, 6, 3),
            (2022, 8, 1),
            (2022, 9, 19),
            (2022, 11, 30),
            (2022, 12, 26),
            (2022, 12, 27),
        ],
    );
}

#[test]
fn scotland_2023_and_2025() {
    // gov.uk bank holidays, Scotland 2023 and 2025.
    assert_holidays(
        "GB-SCT",
        2023,
        &[
            (2023, 1, 2),
            (2023, 1, 3),
            (2023, 4, 7),
            (2023, 5, 1),
            (2023, 5, 8),
            (2023, 5, 29),
            (2023, 8, 7),
            (2023, 11, 30),
            (2023, 12, 25),
            (2023, 12, 26),
        ],
    );
    // Good Friday only at Easter; summer holiday on the first Monday of
    // August; St Andrew's Day (Sunday 30 Nov) observed Monday 1 December.
    assert_holidays(
        "GB-SCT",
        2025,
        &[
            (2025, 1, 1),
            (2025, 1, 2),
            (2025, 4, 18),
            (2025, 5, 5),
            (2025, 5, 26),
            (2025, 8, 4),
            (2025, 12, 1),
            (2025, 12, 25),
            (2025, 12, 26),
        ],
    );
    assert!(!region("GB-SCT").is_holiday(d(2025, 4, 21)));
    assert!(!region("GB-SCT").is_holiday(d(2025, 8, 25)));
}

#[test]
fn scotland_2020_ve_day_and_st_andrews_substitute_2019() {
    let scotland = region("GB-SCT");
    assert!(scotland.is_holiday(d(2020, 5, 8)));
    assert!(!scotland.is_holiday(d(2020, 5, 4)));
    // gov.uk Scotland 2019: St Andrew's Day (Saturday) observed Mon 2 Dec.
    assert!(scotland.is_holiday(d(2019, 12, 2)));
}

#[test]
fn northern_ireland_2023_and_2024() {
    // gov.uk bank holidays, Northern Ireland 2023 and 2024.
    assert_holidays(
        "GB-NIR",
        2023,
        &[
            (2023, 1, 2),
            (2023, 3, 17),
            (2023, 4, 7),
            (2023, 4, 10),
            (2023, 5, 1),
            (2023, 5, 8),
            (2023, 5, 29),
            (2023, 7, 12),
            (2023, 8, 28),
            (2023, 12, 25),
            (2023, 12, 26),
        ],
    );
    // St Patrick's Day 2024 was a Sunday: observed Monday 18 March.
    assert_holidays(
        "GB-NIR",
        2024,
        &[
            (2024, 1, 1),
            (2024, 3, 18),
            (2024, 3, 29),
            (2024, 4, 1),
            (2024, 5, 6),
            (2024, 5, 27),
            (2024, 7, 12),
            (2024, 8, 26),
            (2024, 12, 25),
            (2024, 12, 26),
        ],
    );
    let nir = region("GB-NIR");
    assert!(nir.is_holiday(d(2022, 9, 19)) && nir.is_holiday(d(2022, 6, 3)));
    // 12 July 2020 was a Sunday.
    assert!(nir.is_holiday(d(2020, 7, 13)));
}

// ---------------------------------------------------------------------------
// Germany. Source: bmi.bund.de "Gesetzliche Feiertage" and the Länder laws.

#[test]
fn germany_2025_national() {
    assert_holidays(
        "DE",
        2025,
        &[
            (2025, 1, 1),
            (2025, 4, 18),
            (2025, 4, 21),
            (2025, 5, 1),
            (2025, 5, 29),
            (2025, 6, 9),
            (2025, 10, 3),
            (2025, 12, 25),
            (2025, 12, 26),
        ],
    );
}

#[test]
fn germany_has_no_substitute_days() {
    // 3 October 2021 was a Sunday; Monday 4th is a normal working day.
    let germany = region("DE");
    assert!(germany.is_holiday(d(2021, 10, 3)));
    assert!(germany.is_working_day(d(2021, 10, 4)));
}

#[test]
fn german_laender() {
    let bavaria = region("DE-BY");
    for day in [d(2025, 1, 6), d(2025, 6, 19), d(2025, 11, 1)] {
        assert!(bavaria.is_holiday(day), "{day}");
    }
    assert_eq!(bavaria.holidays_in(2025).len(), 12);

    let berlin = region("DE-BE");
    assert!(!berlin.is_holiday(d(2018, 3, 8)));
    assert!(berlin.is_holiday(d(2019, 3, 8)));
    assert!(berlin.is_holiday(d(2020, 5, 8)) && berlin.is_holiday(d(2025, 5, 8)));
    assert!(!berlin.is_holiday(d(2024, 5, 8)));

    let nrw = region("DE-NW");
    assert!(nrw.is_holiday(d(2025, 6, 19)) && nrw.is_holiday(d(2025, 11, 1)));
    assert!(!nrw.is_holiday(d(2025, 1, 6)));

    for code in ["DE-HH", "DE-NI", "DE-SH", "DE-HB"] {
        let calendar = region(code);
        assert!(calendar.is_holiday(d(2017, 10, 31)), "{code}"); // national one-off
        assert!(!calendar.is_holiday(d(2016, 10, 31)), "{code}");
        assert!(calendar.is_holiday(d(2018, 10, 31)), "{code}");
        assert!(calendar.is_holiday(d(2025, 10, 31)), "{code}");
    }

    // Buß- und Bettag: the Wednesday before 23 November.
    let saxony = region("DE-SN");
    assert!(saxony.is_holiday(d(2024, 11, 20)) && saxony.is_holiday(d(2025, 11, 19)));
    assert!(saxony.is_holiday(d(2016, 10, 31)));

    let mv = region("DE-MV");
    assert!(!mv.is_holiday(d(2022, 3, 8)) && mv.is_holiday(d(2023, 3, 8)));

    let thuringia = region("DE-TH");
    assert!(!thuringia.is_holiday(d(2018, 9, 20)) && thuringia.is_holiday(d(2019, 9, 20)));

    // Reformationstag 2017 is listed once even where it is also a rule.
    let brandenburg_2017 = region("DE-BB").holidays_in(2017);
    let reformation = brandenburg_2017
        .iter()
        .filter(|(date, _)| *date == d(2017, 10, 31))
        .count();
    assert_eq!(reformation, 1);
}

#[test]
fn reformation_day_2017_was_national() {
    assert!(region("DE").is_holiday(d(2017, 10, 31)));
    assert!(!region("DE").is_holiday(d(2018, 10, 31)));
    assert!(region("DE-BY").is_holiday(d(2017, 10, 31)));
}

// ---------------------------------------------------------------------------
// Australia. Sources: fairwork.gov.au public holiday lists,
// business.vic.gov.au Victorian public holidays, NSW industrial relations.

#[test]
fn australia_2022_national() {
    assert_holidays(
        "AU",
        2022,
        &[
            (2022, 1, 3),
            (2022, 1, 26),
            (2022, 4, 15),
            (2022, 4, 18),
            (2022, 4, 25),
            (2022, 6, 13),
            (2022, 9, 22),
            (2022, 12, 26),
            (2022, 12, 27),
        ],
    );
    let au = region("AU");
    assert_eq!(
        au.holiday_name(d(2022, 6, 13)).as_deref(),
        Some("Queen's Birthday")
    );
    assert_eq!(
        au.holiday_name(d(2023, 6, 12)).as_deref(),
        Some("King's Birthday")
    );
    // Other states get the national calendar.
    assert_eq!(region("AU-QLD").holidays_in(2022), au.holidays_in(2022));
}

#[test]
fn australia_day_and_anzac_day_weekends() {
    let au = region("AU");
    // Australia Day 2025 was a Sunday: Monday 27 January.
    assert!(au.is_holiday(d(2025, 1, 27)));
    // Anzac Day 2021 was a Sunday: no substitute in the national set.
    assert!(au.is_holiday(d(2021, 4, 25)));
    assert!(au.is_working_day(d(2021, 4, 26)));
}

#[test]
fn victoria_2024() {
    assert_holidays(
        "AU-VIC",
        2024,
        &[
            (2024, 1, 1),
            (2024, 1, 26),
            (2024, 3, 11),
            (2024, 3, 29),
            (2024, 3, 30),
            (2024, 3, 31),
            (2024, 4, 1),
            (2024, 4, 25),
            (2024, 6, 10),
            (2024, 9, 27),
            (2024, 11, 5),
            (2024, 12, 25),
            (2024, 12, 26),
        ],
    );
}

#[test]
fn victoria_grand_final_friday_is_listed_2015_to_2025() {
    let vic = region("AU-VIC");
    for year in 2015..=2025 {
        let fridays: Vec<NaiveDate> = vic
            .holidays_in(year)
            .into_iter()
            .filter(|(_, name)| name == "Friday before the AFL Grand Final")
            .map(|(date, _)| date)
            .collect();
        assert_eq!(fridays.len(), 1, "{year}");
        assert!(fridays.iter().all(|date| date.weekday() == Weekday::Fri));
    }
    assert!(vic.is_holiday(d(2020, 10, 23)));
    // Christmas 2021: Saturday and Sunday, substitutes Monday and Tuesday.
    assert!(vic.is_holiday(d(2021, 12, 27)) && vic.is_holiday(d(2021, 12, 28)));
}

#[test]
fn new_south_wales_2024() {
    assert_holidays(
        "AU-NSW",
        2024,
        &[
            (2024, 1, 1),
            (2024, 1, 26),
            (2024, 3, 29),
            (2024, 3, 30),
            (2024, 3, 31),
            (2024, 4, 1),
            (2024, 4, 25),
            (2024, 6, 10),
            (2024, 10, 7),
            (2024, 12, 25),
            (2024, 12, 26),
        ],
    );
}

// ---------------------------------------------------------------------------
// United States. Source: opm.gov federal holiday tables 2021 and 2022.

#[test]
fn united_states_2021() {
    assert_holidays(
        "US",
        2021,
        &[
            (2021, 1, 1),
            (2021, 1, 18),
            (2021, 2, 15),
            (2021, 5, 31),
            (2021, 6, 18),
            (2021, 7, 5),
            (2021, 9, 6),
            (2021, 10, 11),
            (2021, 11, 11),
            (2021, 11, 25),
            (2021, 12, 24),
            (2021, 12, 31), // New Year's Day 2022, a Saturday
        ],
    );
}

#[test]
fn united_states_2022_has_no_new_year_holiday_in_january() {
    assert_holidays(
        "US",
        2022,
        &[
            (2022, 1, 17),
            (2022, 2, 21),
            (2022, 5, 30),
            (2022, 6, 20),
            (2022, 7, 4),
            (2022, 9, 5),
            (2022, 10, 10),
            (2022, 11, 11),
            (2022, 11, 24),
            (2022, 12, 26),
        ],
    );
    assert_eq!(
        region("US-CA").holidays_in(2022),
        region("US").holidays_in(2022)
    );
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
            assert!(holidays.len() >= 8, "{code} {year}");
        }
    }
    let mut sorted = regions.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), regions.len(), "duplicate region code");

    let extra_days = |code: &str| region(code).extra_days().len();
    assert_eq!(extra_days("GB-ENG"), 8);
    assert_eq!(extra_days("AU-VIC"), 12);
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

// ---------------------------------------------------------------------------
// Working days.

#[test]
fn add_working_days_across_easter() {
    let thursday = d(2025, 4, 17);
    assert_eq!(
        region("GB-ENG").add_working_days(thursday, 2),
        Some(d(2025, 4, 23))
    );
    assert_eq!(
        region("GB-SCT").add_working_days(thursday, 2),
        Some(d(2025, 4, 22))
    );
}

#[test]
fn add_working_days_over_a_weekend() {
    let england = region("GB-ENG");
    let friday = d(2025, 6, 13);
    assert_eq!(england.add_working_days(friday, 2), Some(d(2025, 6, 17)));
    assert_eq!(england.add_working_days(friday, 0), Some(friday));
    // Starting on a weekend: the first working day is Monday.
    assert_eq!(
        england.add_working_days(d(2025, 6, 14), 1),
        Some(d(2025, 6, 16))
    );
    assert_eq!(england.next_working_day(friday), Some(d(2025, 6, 16)));
}

#[test]
fn add_working_days_across_year_ends() {
    let england = region("GB-ENG");
    // Fri 24 Dec 2021: 27, 28 Dec substitutes; 29, 30, 31 Dec; 3 Jan 2022
    // substitute; 4 Jan is the fourth working day.
    assert_eq!(
        england.add_working_days(d(2021, 12, 24), 4),
        Some(d(2022, 1, 4))
    );
    // A whole year: England 2025 has 261 weekdays and 8 bank holidays.
    assert_eq!(
        england.working_days_between(d(2024, 12, 31), d(2025, 12, 31)),
        253
    );
    assert_eq!(
        england.add_working_days(d(2024, 12, 31), 253),
        Some(d(2025, 12, 31))
    );
    assert_eq!(
        england.add_working_days(d(2024, 12, 31), 254),
        Some(d(2026, 1, 2))
    );
}

#[test]
fn working_days_between_boundaries() {
    let england = region("GB-ENG");
    let monday = d(2025, 6, 16);
    assert_eq!(england.working_days_between(monday, monday), 0);
    // (Mon, Tue]: counts Tuesday, not Monday.
    assert_eq!(england.working_days_between(monday, d(2025, 6, 17)), 1);
    assert_eq!(england.working_days_between(d(2025, 6, 17), monday), 0);
    // (Fri, Mon]: the weekend does not count.
    assert_eq!(england.working_days_between(d(2025, 6, 13), monday), 1);
    // Ten years, far faster than day by day.
    let decade = england.working_days_between(d(2015, 1, 1), d(2025, 1, 1));
    assert!((2500..2560).contains(&decade), "{decade}");
}

#[test]
fn extreme_dates_do_not_panic() {
    let england = region("GB-ENG");
    let max = NaiveDate::MAX;
    let min = NaiveDate::MIN;
    assert_eq!(england.add_working_days(max, 1), None);
    assert_eq!(england.add_working_days(max, 0), Some(max));
    let near_max = max.checked_sub_days(Days::new(10)).expect("in range");
    assert_eq!(england.add_working_days(near_max, 30), None);
    let result = england.add_working_days(near_max, 3).expect("fits");
    assert!(result > near_max && result <= max);
    assert_eq!(england.add_working_days(min, u32::MAX), None);
    assert_eq!(england.add_working_days(d(2025, 1, 1), u32::MAX), None);
    assert!(england.add_working_days(min, 10).is_some());

    for calendar in [region("GB-NIR"), region("US"), region("AU-VIC")] {
        for year in [min.year(), min.year() + 1, max.year() - 1, max.year()] {
            let holidays = calendar.holidays_in(year);
            assert!(holidays.iter().all(|(date, _)| date.year() == year));
        }
        assert!(calendar.holidays_in(i32::MAX).is_empty());
        assert!(calendar.holidays_in(i32::MIN).is_empty());
        let _ = calendar.is_working_day(max);
        let _ = calendar.is_working_day(min);
        let _ = calendar.working_days_between(max, min);
    }
    // The US observes New Year's Day of the year after chrono's last on
    // 31 December only if that date exists; it must not panic either way.
    let _ = region("US").holidays_in(max.year());
}

/// Reference implementation: walk day by day.
fn naive_add(calendar: &HolidayCalendar, date: NaiveDate, n: u32) -> Option<NaiveDate> {
    let mut day = date;
    let mut left = n;
    while left > 0 {
        day = day.succ_opt()?;
        if calendar.is_working_day(day) {
            left -= 1;
        }
    }
    Some(day)
}

fn any_region() -> impl Strategy<Value = HolidayCalendar> {
    prop::sample::select(vec!["GB-ENG", "GB-SCT", "GB-NIR", "DE-BY", "AU-VIC", "US"])
        .prop_map(region)
}

fn date_between(first_year: i32, last_year: i32) -> impl Strategy<Value = NaiveDate> {
    let start = d(first_year, 1, 1);
    let span = d(last_year, 12, 31).signed_duration_since(start).num_days();
    (0..=span).prop_map(move |offset| {
        start
            .checked_add_days(Days::new(u64::try_from(offset).expect("positive")))
            .expect("in range")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn add_matches_day_by_day(calendar in any_region(), date in date_between(2010, 2040), n in 0u32..40) {
        prop_assert_eq!(calendar.add_working_days(date, n), naive_add(&calendar, date, n));
    }

    #[test]
    fn add_and_between_agree(calendar in any_region(), date in date_between(1900, 2200), n in 0u32..2000) {
        let result = calendar.add_working_days(date, n).expect("in range");
        prop_assert_eq!(calendar.working_days_between(date, result), n);
        if n > 0 {
            prop_assert!(calendar.is_working_day(result));
            prop_assert!(result > date);
        }
    }

    #[test]
    fn holidays_are_sorted_and_in_year(calendar in any_region(), year in -262_143i32..=262_142) {
        let holidays = calendar.holidays_in(year);
        prop_assert!(holidays.windows(2).all(|pair| pair[0].0 <= pair[1].0));
        prop_assert!(holidays.iter().all(|(date, _)| date.year() == year));
        for (date, _) in &holidays {
            prop_assert!(calendar.is_holiday(*date));
        }
    }
}

/// A calendar keeps each year's weekday holidays once worked out; the answers are
/// those worked out afresh from the rules (`is_holiday` reads the rules every time),
/// for every day of years from before the first supported to after the last, and
/// again once kept.
#[test]
fn kept_years_answer_as_the_rules_do() {
    for code in ["GB-ENG", "DE", "US-NY"] {
        let calendar = region(code);
        for year in [1899, 1900, 2020, 2024, 2199, 2200, 2300] {
            for _ in 0..2 {
                let mut day = d(year, 1, 1);
                while day.year() == year {
                    let expected = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
                        && !calendar.is_holiday(day);
                    assert_eq!(calendar.is_working_day(day), expected, "{code} {day}");
                    day = day.succ_opt().expect("a later day");
                }
            }
        }
    }
}

/// A calendar built further after it has answered for a year answers with the new
/// days: 19 September 2022 (the State Funeral) is a working day until it is added.
#[test]
fn adding_a_day_after_asking_is_seen() {
    let funeral = d(2022, 9, 19);
    let calendar = HolidayCalendar::new("X", "Example");
    assert!(calendar.is_working_day(funeral));
    assert_eq!(calendar.add_working_days(d(2022, 9, 16), 1), Some(funeral));
    let calendar = calendar.with_extra_day(funeral, "State Funeral");
    assert!(!calendar.is_working_day(funeral));
    assert_eq!(
        calendar.add_working_days(d(2022, 9, 16), 1),
        Some(d(2022, 9, 20))
    );
    let calendar = calendar.with_removed_day(funeral).with_rule(NamedRule::new(
        "Boxing Day",
        HolidayRule::Fixed {
            month: 12,
            day: 26,
            observance: Observance::Actual,
        },
    ));
    assert!(!calendar.is_working_day(d(2022, 12, 26)));
}
