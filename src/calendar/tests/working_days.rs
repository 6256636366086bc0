//! Working-day arithmetic, and calendars that keep what they have worked out.

use super::*;

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
