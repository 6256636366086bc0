//! Germany, Australia and the United States against their published lists.

use super::*;

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
fn australia_2022_without_a_state() {
    // Only the days every state and territory keeps: New Year's Day (Sat 1 Jan →
    // Mon 3), Australia Day (Wed 26), Good Friday (15 Apr), Easter Monday (18 Apr),
    // Anzac Day (Mon 25 Apr), the Day of Mourning (Thu 22 Sep), Christmas (Sun →
    // Tue 27) and Boxing Day (Mon 26). No King's Birthday: June in five states,
    // September in WA, October in Queensland.
    assert_holidays(
        "AU",
        2022,
        &[
            (2022, 1, 3),
            (2022, 1, 26),
            (2022, 4, 15),
            (2022, 4, 18),
            (2022, 4, 25),
            (2022, 9, 22),
            (2022, 12, 26),
            (2022, 12, 27),
        ],
    );
    let au = region("AU");
    assert!(au.is_working_day(d(2022, 6, 13)));
    assert!(au.note().is_some_and(|n| n.contains("not given")));
    let nsw = region("AU-NSW");
    assert_eq!(
        nsw.holiday_name(d(2022, 6, 13)).as_deref(),
        Some("Queen's Birthday")
    );
    assert_eq!(
        nsw.holiday_name(d(2023, 6, 12)).as_deref(),
        Some("King's Birthday")
    );
    // Queensland's is in October: 13 June 2022 is a working day there.
    assert!(region("AU-QLD").is_working_day(d(2022, 6, 13)));
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
fn victoria_grand_final_friday_is_listed_2015_to_2027() {
    let vic = region("AU-VIC");
    for year in 2015..=2027 {
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
