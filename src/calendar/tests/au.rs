//! Australia's state and territory calendars, day by day, against the published
//! rules (the Acts named in `calendar/au.rs` and each government's yearly lists).
//!
//! The expected dates are literals, typed from the rules' text for 2019–2030 and
//! checked against the governments' published lists where those exist; they are
//! not produced by the calendar code. Each line is one year. Only weekday holidays
//! are listed: a weekend holiday removes no working day.

use super::*;

type Ymd = (i32, u32, u32);

/// Kept in every state and territory, by year: New Year's Day (Saturday or Sunday →
/// Monday), Australia Day (the same), Good Friday, Easter Monday, Christmas Day and
/// Boxing Day (25 Dec on Saturday → Mon 27 and Tue 28; on Sunday → Mon 26 and Tue 27;
/// 26 Dec on Saturday → Mon 28), and the National Day of Mourning (Thu 22 Sep 2022).
/// Easter Sundays 2019–2030: 21 Apr, 12 Apr, 4 Apr, 17 Apr, 9 Apr, 31 Mar, 20 Apr,
/// 5 Apr, 28 Mar, 16 Apr, 1 Apr, 21 Apr.
const SHARED: [&[Ymd]; 12] = [
    &[
        (2019, 1, 1),
        (2019, 1, 28),
        (2019, 4, 19),
        (2019, 4, 22),
        (2019, 12, 25),
        (2019, 12, 26),
    ],
    &[
        (2020, 1, 1),
        (2020, 1, 27),
        (2020, 4, 10),
        (2020, 4, 13),
        (2020, 12, 25),
        (2020, 12, 28),
    ],
    &[
        (2021, 1, 1),
        (2021, 1, 26),
        (2021, 4, 2),
        (2021, 4, 5),
        (2021, 12, 27),
        (2021, 12, 28),
    ],
    &[
        (2022, 1, 3),
        (2022, 1, 26),
        (2022, 4, 15),
        (2022, 4, 18),
        (2022, 9, 22),
        (2022, 12, 26),
        (2022, 12, 27),
    ],
    &[
        (2023, 1, 2),
        (2023, 1, 26),
        (2023, 4, 7),
        (2023, 4, 10),
        (2023, 12, 25),
        (2023, 12, 26),
    ],
    &[
        (2024, 1, 1),
        (2024, 1, 26),
        (2024, 3, 29),
        (2024, 4, 1),
        (2024, 12, 25),
        (2024, 12, 26),
    ],
    &[
        (2025, 1, 1),
        (2025, 1, 27),
        (2025, 4, 18),
        (2025, 4, 21),
        (2025, 12, 25),
        (2025, 12, 26),
    ],
    &[
        (2026, 1, 1),
        (2026, 1, 26),
        (2026, 4, 3),
        (2026, 4, 6),
        (2026, 12, 25),
        (2026, 12, 28),
    ],
    &[
        (2027, 1, 1),
        (2027, 1, 26),
        (2027, 3, 26),
        (2027, 3, 29),
        (2027, 12, 27),
        (2027, 12, 28),
    ],
    &[
        (2028, 1, 3),
        (2028, 1, 26),
        (2028, 4, 14),
        (2028, 4, 17),
        (2028, 12, 25),
        (2028, 12, 26),
    ],
    &[
        (2029, 1, 1),
        (2029, 1, 26),
        (2029, 3, 30),
        (2029, 4, 2),
        (2029, 12, 25),
        (2029, 12, 26),
    ],
    &[
        (2030, 1, 1),
        (2030, 1, 28),
        (2030, 4, 19),
        (2030, 4, 22),
        (2030, 12, 25),
        (2030, 12, 26),
    ],
];
/// New South Wales: Anzac Day (no substitute 2011–2025; additional Mondays 27 Apr
/// 2026 and 26 Apr 2027), King's Birthday (2nd Mon of June), Labour Day (1st Mon of
/// October).
const NSW: &[Ymd] = &[
    (2019, 4, 25),
    (2019, 6, 10),
    (2019, 10, 7),
    (2020, 6, 8),
    (2020, 10, 5),
    (2021, 6, 14),
    (2021, 10, 4),
    (2022, 4, 25),
    (2022, 6, 13),
    (2022, 10, 3),
    (2023, 4, 25),
    (2023, 6, 12),
    (2023, 10, 2),
    (2024, 4, 25),
    (2024, 6, 10),
    (2024, 10, 7),
    (2025, 4, 25),
    (2025, 6, 9),
    (2025, 10, 6),
    (2026, 4, 27),
    (2026, 6, 8),
    (2026, 10, 5),
    (2027, 4, 26),
    (2027, 6, 14),
    (2027, 10, 4),
    (2028, 4, 25),
    (2028, 6, 12),
    (2028, 10, 2),
    (2029, 4, 25),
    (2029, 6, 11),
    (2029, 10, 1),
    (2030, 4, 25),
    (2030, 6, 10),
    (2030, 10, 7),
];
/// Victoria: Labour Day (2nd Mon of March), Anzac Day (never substituted), King's
/// Birthday (2nd Mon of June), Friday before the AFL Grand Final (listed dates to
/// 2027, none after), Melbourne Cup (1st Tue of November).
const VIC: &[Ymd] = &[
    (2019, 3, 11),
    (2019, 4, 25),
    (2019, 6, 10),
    (2019, 9, 27),
    (2019, 11, 5),
    (2020, 3, 9),
    (2020, 6, 8),
    (2020, 10, 23),
    (2020, 11, 3),
    (2021, 3, 8),
    (2021, 6, 14),
    (2021, 9, 24),
    (2021, 11, 2),
    (2022, 3, 14),
    (2022, 4, 25),
    (2022, 6, 13),
    (2022, 9, 23),
    (2022, 11, 1),
    (2023, 3, 13),
    (2023, 4, 25),
    (2023, 6, 12),
    (2023, 9, 29),
    (2023, 11, 7),
    (2024, 3, 11),
    (2024, 4, 25),
    (2024, 6, 10),
    (2024, 9, 27),
    (2024, 11, 5),
    (2025, 3, 10),
    (2025, 4, 25),
    (2025, 6, 9),
    (2025, 9, 26),
    (2025, 11, 4),
    (2026, 3, 9),
    (2026, 6, 8),
    (2026, 9, 25),
    (2026, 11, 3),
    (2027, 3, 8),
    (2027, 6, 14),
    (2027, 9, 24),
    (2027, 11, 2),
    (2028, 3, 13),
    (2028, 4, 25),
    (2028, 6, 12),
    (2028, 11, 7),
    (2029, 3, 12),
    (2029, 4, 25),
    (2029, 6, 11),
    (2029, 11, 6),
    (2030, 3, 11),
    (2030, 4, 25),
    (2030, 6, 10),
    (2030, 11, 5),
];
/// Queensland: Anzac Day (Sunday → Monday), Labour Day (1st Mon of May), King's
/// Birthday (1st Mon of October, from 2016).
const QLD: &[Ymd] = &[
    (2019, 4, 25),
    (2019, 5, 6),
    (2019, 10, 7),
    (2020, 5, 4),
    (2020, 10, 5),
    (2021, 4, 26),
    (2021, 5, 3),
    (2021, 10, 4),
    (2022, 4, 25),
    (2022, 5, 2),
    (2022, 10, 3),
    (2023, 4, 25),
    (2023, 5, 1),
    (2023, 10, 2),
    (2024, 4, 25),
    (2024, 5, 6),
    (2024, 10, 7),
    (2025, 4, 25),
    (2025, 5, 5),
    (2025, 10, 6),
    (2026, 5, 4),
    (2026, 10, 5),
    (2027, 4, 26),
    (2027, 5, 3),
    (2027, 10, 4),
    (2028, 4, 25),
    (2028, 5, 1),
    (2028, 10, 2),
    (2029, 4, 25),
    (2029, 5, 7),
    (2029, 10, 1),
    (2030, 4, 25),
    (2030, 5, 6),
    (2030, 10, 7),
];
/// Western Australia: Labour Day (1st Mon of March), Anzac Day (Saturday or Sunday →
/// Monday), WA Day (1st Mon of June), King's Birthday (proclaimed dates to 2027,
/// including Mon 23 Sep 2024 rather than the last Monday, 30 Sep; the last Monday of
/// September after: 25 Sep 2028, 24 Sep 2029, 30 Sep 2030).
const WA: &[Ymd] = &[
    (2019, 3, 4),
    (2019, 4, 25),
    (2019, 6, 3),
    (2019, 9, 30),
    (2020, 3, 2),
    (2020, 4, 27),
    (2020, 6, 1),
    (2020, 9, 28),
    (2021, 3, 1),
    (2021, 4, 26),
    (2021, 6, 7),
    (2021, 9, 27),
    (2022, 3, 7),
    (2022, 4, 25),
    (2022, 6, 6),
    (2022, 9, 26),
    (2023, 3, 6),
    (2023, 4, 25),
    (2023, 6, 5),
    (2023, 9, 25),
    (2024, 3, 4),
    (2024, 4, 25),
    (2024, 6, 3),
    (2024, 9, 23),
    (2025, 3, 3),
    (2025, 4, 25),
    (2025, 6, 2),
    (2025, 9, 29),
    (2026, 3, 2),
    (2026, 4, 27),
    (2026, 6, 1),
    (2026, 9, 28),
    (2027, 3, 1),
    (2027, 4, 26),
    (2027, 6, 7),
    (2027, 9, 27),
    (2028, 3, 6),
    (2028, 4, 25),
    (2028, 6, 5),
    (2028, 9, 25),
    (2029, 3, 5),
    (2029, 4, 25),
    (2029, 6, 4),
    (2029, 9, 24),
    (2030, 3, 4),
    (2030, 4, 25),
    (2030, 6, 3),
    (2030, 9, 30),
];
/// South Australia: Adelaide Cup Day (2nd Mon of March), Anzac Day (Sunday → Monday to
/// 2023, none from 2024), King's Birthday (2nd Mon of June), Labour Day (1st Mon of
/// October).
const SA: &[Ymd] = &[
    (2019, 3, 11),
    (2019, 4, 25),
    (2019, 6, 10),
    (2019, 10, 7),
    (2020, 3, 9),
    (2020, 6, 8),
    (2020, 10, 5),
    (2021, 3, 8),
    (2021, 4, 26),
    (2021, 6, 14),
    (2021, 10, 4),
    (2022, 3, 14),
    (2022, 4, 25),
    (2022, 6, 13),
    (2022, 10, 3),
    (2023, 3, 13),
    (2023, 4, 25),
    (2023, 6, 12),
    (2023, 10, 2),
    (2024, 3, 11),
    (2024, 4, 25),
    (2024, 6, 10),
    (2024, 10, 7),
    (2025, 3, 10),
    (2025, 4, 25),
    (2025, 6, 9),
    (2025, 10, 6),
    (2026, 3, 9),
    (2026, 6, 8),
    (2026, 10, 5),
    (2027, 3, 8),
    (2027, 6, 14),
    (2027, 10, 4),
    (2028, 3, 13),
    (2028, 4, 25),
    (2028, 6, 12),
    (2028, 10, 2),
    (2029, 3, 12),
    (2029, 4, 25),
    (2029, 6, 11),
    (2029, 10, 1),
    (2030, 3, 11),
    (2030, 4, 25),
    (2030, 6, 10),
    (2030, 10, 7),
];
/// Tasmania: Eight Hours Day (2nd Mon of March), Anzac Day (never substituted), King's
/// Birthday (2nd Mon of June).
const TAS: &[Ymd] = &[
    (2019, 3, 11),
    (2019, 4, 25),
    (2019, 6, 10),
    (2020, 3, 9),
    (2020, 6, 8),
    (2021, 3, 8),
    (2021, 6, 14),
    (2022, 3, 14),
    (2022, 4, 25),
    (2022, 6, 13),
    (2023, 3, 13),
    (2023, 4, 25),
    (2023, 6, 12),
    (2024, 3, 11),
    (2024, 4, 25),
    (2024, 6, 10),
    (2025, 3, 10),
    (2025, 4, 25),
    (2025, 6, 9),
    (2026, 3, 9),
    (2026, 6, 8),
    (2027, 3, 8),
    (2027, 6, 14),
    (2028, 3, 13),
    (2028, 4, 25),
    (2028, 6, 12),
    (2029, 3, 12),
    (2029, 4, 25),
    (2029, 6, 11),
    (2030, 3, 11),
    (2030, 4, 25),
    (2030, 6, 10),
];
/// Australian Capital Territory: Canberra Day (2nd Mon of March), Anzac Day (Sunday →
/// Monday; declared Mondays 27 Apr 2020 and 2026), Reconciliation Day (27 May if a
/// Monday, else the next Monday), King's Birthday (2nd Mon of June), Labour Day (1st
/// Mon of October).
const ACT: &[Ymd] = &[
    (2019, 3, 11),
    (2019, 4, 25),
    (2019, 5, 27),
    (2019, 6, 10),
    (2019, 10, 7),
    (2020, 3, 9),
    (2020, 4, 27),
    (2020, 6, 1),
    (2020, 6, 8),
    (2020, 10, 5),
    (2021, 3, 8),
    (2021, 4, 26),
    (2021, 5, 31),
    (2021, 6, 14),
    (2021, 10, 4),
    (2022, 3, 14),
    (2022, 4, 25),
    (2022, 5, 30),
    (2022, 6, 13),
    (2022, 10, 3),
    (2023, 3, 13),
    (2023, 4, 25),
    (2023, 5, 29),
    (2023, 6, 12),
    (2023, 10, 2),
    (2024, 3, 11),
    (2024, 4, 25),
    (2024, 5, 27),
    (2024, 6, 10),
    (2024, 10, 7),
    (2025, 3, 10),
    (2025, 4, 25),
    (2025, 6, 2),
    (2025, 6, 9),
    (2025, 10, 6),
    (2026, 3, 9),
    (2026, 4, 27),
    (2026, 6, 1),
    (2026, 6, 8),
    (2026, 10, 5),
    (2027, 3, 8),
    (2027, 4, 26),
    (2027, 5, 31),
    (2027, 6, 14),
    (2027, 10, 4),
    (2028, 3, 13),
    (2028, 4, 25),
    (2028, 5, 29),
    (2028, 6, 12),
    (2028, 10, 2),
    (2029, 3, 12),
    (2029, 4, 25),
    (2029, 5, 28),
    (2029, 6, 11),
    (2029, 10, 1),
    (2030, 3, 11),
    (2030, 4, 25),
    (2030, 5, 27),
    (2030, 6, 10),
    (2030, 10, 7),
];
/// Northern Territory: Anzac Day (Sunday → Monday), May Day (1st Mon of May), King's
/// Birthday (2nd Mon of June), Picnic Day (1st Mon of August).
const NT: &[Ymd] = &[
    (2019, 4, 25),
    (2019, 5, 6),
    (2019, 6, 10),
    (2019, 8, 5),
    (2020, 5, 4),
    (2020, 6, 8),
    (2020, 8, 3),
    (2021, 4, 26),
    (2021, 5, 3),
    (2021, 6, 14),
    (2021, 8, 2),
    (2022, 4, 25),
    (2022, 5, 2),
    (2022, 6, 13),
    (2022, 8, 1),
    (2023, 4, 25),
    (2023, 5, 1),
    (2023, 6, 12),
    (2023, 8, 7),
    (2024, 4, 25),
    (2024, 5, 6),
    (2024, 6, 10),
    (2024, 8, 5),
    (2025, 4, 25),
    (2025, 5, 5),
    (2025, 6, 9),
    (2025, 8, 4),
    (2026, 5, 4),
    (2026, 6, 8),
    (2026, 8, 3),
    (2027, 4, 26),
    (2027, 5, 3),
    (2027, 6, 14),
    (2027, 8, 2),
    (2028, 4, 25),
    (2028, 5, 1),
    (2028, 6, 12),
    (2028, 8, 7),
    (2029, 4, 25),
    (2029, 5, 7),
    (2029, 6, 11),
    (2029, 8, 6),
    (2030, 4, 25),
    (2030, 5, 6),
    (2030, 6, 10),
    (2030, 8, 5),
];

/// Walks every day of 2019–2030 in `code`'s calendar: a day is a working day exactly
/// when it is Monday to Friday and neither in `SHARED` nor in `own`.
fn walk(code: &str, own: &[Ymd]) {
    let calendar = region(code);
    let mut holidays: Vec<NaiveDate> = SHARED
        .iter()
        .flat_map(|year| year.iter())
        .chain(own.iter())
        .map(|&(y, m, day)| d(y, m, day))
        .collect();
    holidays.sort_unstable();
    let mut day = d(2019, 1, 1);
    while day <= d(2030, 12, 31) {
        let weekday = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let expected = weekday && holidays.binary_search(&day).is_err();
        assert_eq!(
            calendar.is_working_day(day),
            expected,
            "{code} {day} ({:?}): {:?}",
            day.weekday(),
            calendar.holiday_name(day)
        );
        day = day.succ_opt().expect("in range");
    }
}

#[test]
fn new_south_wales_2019_to_2030() {
    walk("AU-NSW", NSW);
}

#[test]
fn victoria_2019_to_2030() {
    walk("AU-VIC", VIC);
}

#[test]
fn queensland_2019_to_2030() {
    walk("AU-QLD", QLD);
}

#[test]
fn western_australia_2019_to_2030() {
    walk("AU-WA", WA);
}

#[test]
fn south_australia_2019_to_2030() {
    walk("AU-SA", SA);
}

#[test]
fn tasmania_2019_to_2030() {
    walk("AU-TAS", TAS);
}

#[test]
fn capital_territory_2019_to_2030() {
    walk("AU-ACT", ACT);
}

#[test]
fn northern_territory_2019_to_2030() {
    walk("AU-NT", NT);
}

#[test]
fn australia_without_a_state_2019_to_2030() {
    // Anzac Day on the day only: 25 Apr on a weekday in 2019, 2022–2025, 2028–2030.
    walk(
        "AU",
        &[
            (2019, 4, 25),
            (2022, 4, 25),
            (2023, 4, 25),
            (2024, 4, 25),
            (2025, 4, 25),
            (2028, 4, 25),
            (2029, 4, 25),
            (2030, 4, 25),
        ],
    );
}

#[test]
fn the_years_each_rule_applied() {
    let qld = region("AU-QLD");
    // 2012: the Queen's Birthday on the 1st Mon of October (1 Oct), Labour Day still
    // in May (7 May), and the Diamond Jubilee on Mon 11 June.
    assert!(qld.is_holiday(d(2012, 10, 1)) && qld.is_holiday(d(2012, 5, 7)));
    assert!(qld.is_holiday(d(2012, 6, 11)));
    // 2013–2015: Labour Day on the 1st Mon of October, the birthday on the 2nd Mon of
    // June: 7 Oct and 10 Jun 2013; 6 May 2013 is a working day.
    assert!(qld.is_holiday(d(2013, 10, 7)) && qld.is_holiday(d(2013, 6, 10)));
    assert!(qld.is_working_day(d(2013, 5, 6)));
    // 2016 on: both back, the other way round: Mon 2 May and Mon 3 Oct 2016.
    assert!(qld.is_holiday(d(2016, 5, 2)) && qld.is_holiday(d(2016, 10, 3)));
    assert!(qld.is_working_day(d(2016, 6, 13)));

    let wa = region("AU-WA");
    // 2011: the Queen's Birthday on Friday 28 October; 26 Sep 2011 a working day.
    // Anzac Day was Easter Monday (25 Apr), so Tuesday 26 April was the extra day.
    assert!(wa.is_holiday(d(2011, 10, 28)) && wa.is_working_day(d(2011, 9, 26)));
    assert!(wa.is_holiday(d(2011, 4, 26)));
    assert_eq!(
        wa.holiday_name(d(2011, 6, 6)).as_deref(),
        Some("Foundation Day")
    );

    let sa = region("AU-SA");
    // Adelaide Cup: 3rd Mon of May to 2005 (16 May 2005), 2nd Mon of March from 2006
    // (13 Mar 2006).
    assert!(sa.is_holiday(d(2005, 5, 16)) && sa.is_working_day(d(2005, 3, 14)));
    assert!(sa.is_holiday(d(2006, 3, 13)) && sa.is_working_day(d(2006, 5, 15)));

    let tas = region("AU-TAS");
    // Easter Tuesday: 6 Apr 2010 a holiday, 26 Apr 2011 not.
    assert!(tas.is_holiday(d(2010, 4, 6)) && tas.is_working_day(d(2011, 4, 26)));

    let act = region("AU-ACT");
    // Canberra Day: 3rd Mon of March to 2007 (19 Mar 2007), 2nd from 2008 (10 Mar).
    assert!(act.is_holiday(d(2007, 3, 19)) && act.is_working_day(d(2007, 3, 12)));
    assert!(act.is_holiday(d(2008, 3, 10)) && act.is_working_day(d(2008, 3, 17)));
    // Family and Community Day: Tue 6 Nov 2007 (1st Tue of November), Mon 25 Sep
    // 2017; none in 2018, when Reconciliation Day began (Mon 28 May 2018).
    assert!(act.is_holiday(d(2007, 11, 6)) && act.is_holiday(d(2017, 9, 25)));
    assert!(act.is_working_day(d(2018, 9, 24)) && act.is_holiday(d(2018, 5, 28)));
    assert!(act.is_working_day(d(2017, 5, 29)));

    let nsw = region("AU-NSW");
    // Anzac Day on Sunday 25 Apr 2010 moved to Monday 26; on Sunday 25 Apr 2021 not.
    assert!(nsw.is_holiday(d(2010, 4, 26)) && nsw.is_working_day(d(2021, 4, 26)));
}

#[test]
fn the_sheets_computed_dates_2025_to_2027() {
    // Queensland Labour Day / King's Birthday; WA Labour Day / WA Day / King's
    // Birthday; SA Adelaide Cup; ACT Canberra Day / Reconciliation Day; Tasmania Eight
    // Hours Day; NT May Day / Picnic Day.
    let table: [(&str, [Ymd; 3]); 13] = [
        ("AU-QLD", [(2025, 5, 5), (2026, 5, 4), (2027, 5, 3)]),
        ("AU-QLD", [(2025, 10, 6), (2026, 10, 5), (2027, 10, 4)]),
        ("AU-WA", [(2025, 3, 3), (2026, 3, 2), (2027, 3, 1)]),
        ("AU-WA", [(2025, 6, 2), (2026, 6, 1), (2027, 6, 7)]),
        ("AU-WA", [(2025, 9, 29), (2026, 9, 28), (2027, 9, 27)]),
        ("AU-SA", [(2025, 3, 10), (2026, 3, 9), (2027, 3, 8)]),
        ("AU-ACT", [(2025, 3, 10), (2026, 3, 9), (2027, 3, 8)]),
        ("AU-ACT", [(2025, 6, 2), (2026, 6, 1), (2027, 5, 31)]),
        ("AU-TAS", [(2025, 3, 10), (2026, 3, 9), (2027, 3, 8)]),
        ("AU-NT", [(2025, 5, 5), (2026, 5, 4), (2027, 5, 3)]),
        ("AU-NT", [(2025, 8, 4), (2026, 8, 3), (2027, 8, 2)]),
        // Anzac Day on Saturday 25 Apr 2026 → Monday 27 in WA, the ACT and NSW.
        ("AU-WA", [(2026, 4, 27), (2027, 4, 26), (2025, 4, 25)]),
        ("AU-NSW", [(2026, 4, 27), (2027, 4, 26), (2025, 4, 25)]),
    ];
    for (code, days) in table {
        let calendar = region(code);
        for (y, m, day) in days {
            assert!(calendar.is_holiday(d(y, m, day)), "{code} {y}-{m}-{day}");
        }
    }
    // Sunday 25 Apr 2027 → Monday 26 in QLD, WA, the ACT, NT and NSW, not SA (from
    // 2024), Victoria or Tasmania; Saturday 25 Apr 2026 → no Monday in QLD or NT.
    for code in ["AU-QLD", "AU-WA", "AU-ACT", "AU-NT", "AU-NSW"] {
        assert!(region(code).is_holiday(d(2027, 4, 26)), "{code}");
    }
    for code in ["AU-SA", "AU-VIC", "AU-TAS"] {
        assert!(region(code).is_working_day(d(2027, 4, 26)), "{code}");
    }
    for code in ["AU-QLD", "AU-NT", "AU-SA", "AU-VIC", "AU-TAS"] {
        assert!(region(code).is_working_day(d(2026, 4, 27)), "{code}");
    }
}
