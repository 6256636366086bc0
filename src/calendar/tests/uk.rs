//! The United Kingdom's bank holidays against the published lists.

use super::*;

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
