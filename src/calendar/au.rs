//! Australia: the public holidays of each state and territory.
//!
//! A working day for the Customer Service Guarantee (Telecommunications (Customer
//! Service Guarantee) Standard 2023) is Monday to Friday less the full-day public
//! holidays kept throughout the state or territory of the service address. Each
//! region below lists those holidays. Not included, because they do not remove a
//! working day throughout the state: bank holidays that are not public holidays
//! (the first Monday of August in NSW and the ACT), part-day holidays (the evenings
//! of 24 and 31 December in Queensland, South Australia and the Northern Territory),
//! and regional holidays (Tasmania's Royal Hobart Regatta and Recreation Day,
//! Queensland and Northern Territory show days, Victorian councils' substitutes for
//! Melbourne Cup Day).
//!
//! Sources, by region: Holidays Act 1983 (Qld) and the Queensland Government's
//! ministerial statement of 21 August 2012; Public Holidays Act 2010 (NSW); Public
//! Holidays Act 1993 (Vic); Holidays Act 1910 and Public Holidays Act 2023 (SA);
//! Public and Bank Holidays Act 1972 (WA) and the Governor's yearly proclamations of
//! the King's (Queen's) Birthday; Statutory Holidays Act 2000 (Tas); Holidays Act
//! 1958 (ACT) as amended by the Holidays (Reconciliation Day) Amendment Act 2017, and
//! the ACT's declarations of extra days; Public Holidays Act 1981 (NT); and each
//! government's published yearly lists.
//!
//! **Years before the sources' history.** Where a rule's first year is not known,
//! the rule is applied back to the calendar's first year (1899). That is an
//! assumption: before the years stated beside each rule, holidays in Australia were
//! set by older Acts and proclamations that are not encoded here.
//!
//! **Years after the published lists.** Rules run on to the calendar's last year.
//! Two kinds of holiday are proclaimed year by year and so are listed only as far as
//! they are known: Victoria's Friday before the AFL Grand Final (to 2027; 2026 and
//! 2027 as expected before the AFL fixture was published) and Western Australia's
//! King's Birthday (listed 2010–2027; the last Monday of September otherwise, the
//! usual choice). Western Australia's Public and Bank Holidays Amendment Bill 2025
//! would change its holidays from 2028 if enacted; it is not applied.

use chrono::Weekday;

use super::regions::{easter, fixed, nth, with_extra_days, Ymd};
use super::rules::{HolidayRule, NamedRule, Observance};
use super::HolidayCalendar;

/// Saturday or Sunday → the following Monday.
const MONDAY: Observance = Observance::MondayIfWeekend;
/// Sunday → the following Monday; Saturday stays.
const SUNDAY_TO_MONDAY: Observance = Observance::MondayIfSunday;
/// Kept on the day, even on a weekend.
const ON_THE_DAY: Observance = Observance::Actual;

/// The note every claim counted with the country-wide calendar carries.
const NO_STATE_NOTE: &str = "The customer's Australian state or territory was not given \
    (region AU), so working days exclude only the public holidays every state and territory \
    keeps: New Year's Day, Australia Day, Good Friday, Easter Monday, Anzac Day (on the day), \
    Christmas Day and Boxing Day (with their weekend substitutes) and the National Day of \
    Mourning of 22 September 2022. Give the region as AU-NSW, AU-VIC, AU-QLD, AU-WA, AU-SA, \
    AU-TAS, AU-ACT or AU-NT to count the state's own holidays as well.";

/// The calendar for `AU` or `AU-xx` (`id` is already known to be a supported code).
pub(super) fn calendar(id: &str) -> HolidayCalendar {
    match id {
        "AU-NSW" => new_south_wales(id),
        "AU-VIC" => victoria(id),
        "AU-QLD" => queensland(id),
        "AU-WA" => western_australia(id),
        "AU-SA" => south_australia(id),
        "AU-TAS" => tasmania(id),
        "AU-ACT" => capital_territory(id),
        "AU-NT" => northern_territory(id),
        _ => national(
            id,
            "Australia (holidays common to every state and territory)",
        )
        .with_rule(fixed("Anzac Day", 4, 25, ON_THE_DAY))
        .with_note(NO_STATE_NOTE),
    }
}

/// The holidays every state and territory keeps, except Anzac Day, whose weekend
/// rule differs. New Year's Day's weekend substitute is added by each region.
/// Christmas on a Saturday: Monday 27 and Tuesday 28 off; on a Sunday: Monday 26 and
/// Tuesday 27; Boxing Day on a Saturday: Monday 28.
fn national(id: &str, name: &str) -> HolidayCalendar {
    national_with(id, name, "Boxing Day").with_rule(fixed("New Year's Day", 1, 1, MONDAY))
}

fn national_with(id: &str, name: &str, boxing_day: &str) -> HolidayCalendar {
    let calendar = HolidayCalendar::new(id, name)
        .with_rule(fixed("Australia Day", 1, 26, MONDAY))
        .with_rule(easter("Good Friday", -2))
        .with_rule(easter("Easter Monday", 1))
        .with_rule(fixed("Christmas Day", 12, 25, Observance::NextFreeWeekday))
        .with_rule(fixed(boxing_day, 12, 26, Observance::NextFreeWeekday));
    with_extra_days(
        calendar,
        &[(
            (2022, 9, 22),
            "National Day of Mourning for Queen Elizabeth II",
        )],
    )
}

/// The sovereign's birthday under `rule` from `first` to `last` (inclusive, either
/// open), named for the Queen to 2022 and the King from 2023.
fn birthday(
    mut calendar: HolidayCalendar,
    rule: HolidayRule,
    first: Option<i32>,
    last: Option<i32>,
) -> HolidayCalendar {
    for (name, from, to) in [
        ("Queen's Birthday", None, Some(2022)),
        ("King's Birthday", Some(2023), None),
    ] {
        let from = first.max(from);
        let to = match (last, to) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let (Some(a), Some(b)) = (from, to) {
            if a > b {
                continue;
            }
        }
        let mut named = NamedRule::new(name, rule.clone());
        named.first_year = from;
        named.last_year = to;
        calendar = calendar.with_rule(named);
    }
    calendar
}

/// The Monday `nth` in `month`.
fn monday(month: u32, nth: i8) -> HolidayRule {
    HolidayRule::NthWeekday {
        month,
        weekday: Weekday::Mon,
        nth,
    }
}

/// The King's Birthday on the second Monday in June, every year.
fn june_birthday(calendar: HolidayCalendar) -> HolidayCalendar {
    birthday(calendar, monday(6, 2), None, None)
}

fn new_south_wales(id: &str) -> HolidayCalendar {
    let calendar = national(id, "New South Wales public holidays")
        .with_rule(easter("Easter Saturday", -1))
        .with_rule(easter("Easter Sunday", 0))
        // A Sunday Anzac Day moved to the Monday up to 2010; none since, except the
        // additional Mondays declared for 2026 and 2027.
        .with_rule(fixed("Anzac Day", 4, 25, SUNDAY_TO_MONDAY).with_last_year(2010))
        .with_rule(fixed("Anzac Day", 4, 25, ON_THE_DAY).with_first_year(2011))
        .with_rule(nth("Labour Day", 10, Weekday::Mon, 1));
    with_extra_days(
        june_birthday(calendar),
        &[
            ((2026, 4, 27), "Anzac Day (additional day)"),
            ((2027, 4, 26), "Anzac Day (additional day)"),
        ],
    )
}

/// The Friday before the AFL Grand Final, a Victorian holiday since 2015. Its date
/// follows the AFL fixture and is gazetted each year, so it cannot be computed: the
/// dates known are listed, and later years have no such holiday here until the list
/// is extended. 2020's was in October because the season was delayed by COVID-19.
/// 2026 and 2027 are the expected dates (the Friday before the last Saturday of
/// September) as published before the AFL fixture was.
const VIC_GRAND_FINAL_FRIDAY: [(Ymd, &str); 13] = [
    ((2015, 10, 2), "Friday before the AFL Grand Final"),
    ((2016, 9, 30), "Friday before the AFL Grand Final"),
    ((2017, 9, 29), "Friday before the AFL Grand Final"),
    ((2018, 9, 28), "Friday before the AFL Grand Final"),
    ((2019, 9, 27), "Friday before the AFL Grand Final"),
    ((2020, 10, 23), "Friday before the AFL Grand Final"),
    ((2021, 9, 24), "Friday before the AFL Grand Final"),
    ((2022, 9, 23), "Friday before the AFL Grand Final"),
    ((2023, 9, 29), "Friday before the AFL Grand Final"),
    ((2024, 9, 27), "Friday before the AFL Grand Final"),
    ((2025, 9, 26), "Friday before the AFL Grand Final"),
    ((2026, 9, 25), "Friday before the AFL Grand Final"),
    ((2027, 9, 24), "Friday before the AFL Grand Final"),
];

fn victoria(id: &str) -> HolidayCalendar {
    let calendar = national(id, "Victoria public holidays")
        .with_rule(nth("Labour Day", 3, Weekday::Mon, 2))
        .with_rule(easter("Saturday before Easter Sunday", -1))
        .with_rule(easter("Easter Sunday", 0))
        // No substitute when Anzac Day falls on a weekend.
        .with_rule(fixed("Anzac Day", 4, 25, ON_THE_DAY))
        // Statewide unless a council substitutes a local holiday.
        .with_rule(NamedRule::new(
            "Melbourne Cup",
            HolidayRule::WeekdayOnOrAfter {
                month: 11,
                day: 1,
                weekday: Weekday::Tue,
            },
        ));
    with_extra_days(june_birthday(calendar), &VIC_GRAND_FINAL_FRIDAY)
}

/// Queensland swapped Labour Day and the Sovereign's Birthday for a few years: the
/// birthday is on the first Monday of October in 2012 and from 2016, the
/// second Monday of June otherwise; Labour Day on the first Monday of May except in
/// 2013–2015 (first Monday of October). New Year's Day has a Monday substitute from
/// 2012; Anzac Day on a Sunday moves to the Monday from 1984.
fn queensland(id: &str) -> HolidayCalendar {
    let calendar = national_with(id, "Queensland public holidays", "Boxing Day")
        .with_rule(fixed("New Year's Day", 1, 1, ON_THE_DAY).with_last_year(2011))
        .with_rule(fixed("New Year's Day", 1, 1, MONDAY).with_first_year(2012))
        .with_rule(easter("Easter Saturday", -1))
        .with_rule(easter("Easter Sunday", 0).with_first_year(2017))
        .with_rule(fixed("Anzac Day", 4, 25, ON_THE_DAY).with_last_year(1983))
        .with_rule(fixed("Anzac Day", 4, 25, SUNDAY_TO_MONDAY).with_first_year(1984))
        .with_rule(nth("Labour Day", 5, Weekday::Mon, 1).with_last_year(2012))
        .with_rule(
            nth("Labour Day", 10, Weekday::Mon, 1)
                .with_first_year(2013)
                .with_last_year(2015),
        )
        .with_rule(nth("Labour Day", 5, Weekday::Mon, 1).with_first_year(2016));
    let calendar = birthday(calendar, monday(6, 2), None, Some(2011));
    let calendar = birthday(calendar, monday(10, 1), Some(2012), Some(2012));
    let calendar = birthday(calendar, monday(6, 2), Some(2013), Some(2015));
    let calendar = birthday(calendar, monday(10, 1), Some(2016), None);
    with_extra_days(calendar, &[((2012, 6, 11), "Queen's Diamond Jubilee")])
}

/// Western Australia's King's (Queen's) Birthday, proclaimed each year by the
/// Governor: the dates published for 2010–2027. Other years use the last Monday of
/// September.
const WA_BIRTHDAYS: [Ymd; 18] = [
    (2010, 9, 27),
    (2011, 10, 28),
    (2012, 10, 1),
    (2013, 9, 30),
    (2014, 9, 29),
    (2015, 9, 28),
    (2016, 9, 26),
    (2017, 9, 25),
    (2018, 9, 24),
    (2019, 9, 30),
    (2020, 9, 28),
    (2021, 9, 27),
    (2022, 9, 26),
    (2023, 9, 25),
    (2024, 9, 23),
    (2025, 9, 29),
    (2026, 9, 28),
    (2027, 9, 27),
];

fn western_australia(id: &str) -> HolidayCalendar {
    let calendar = national(id, "Western Australia public holidays")
        .with_rule(nth("Labour Day", 3, Weekday::Mon, 1))
        .with_rule(easter("Easter Sunday", 0).with_first_year(2022))
        // Saturday or Sunday → the following Monday as well, from 1973.
        .with_rule(fixed("Anzac Day", 4, 25, ON_THE_DAY).with_last_year(1972))
        .with_rule(fixed("Anzac Day", 4, 25, MONDAY).with_first_year(1973))
        .with_rule(nth("Foundation Day", 6, Weekday::Mon, 1).with_last_year(2011))
        .with_rule(nth("Western Australia Day", 6, Weekday::Mon, 1).with_first_year(2012));
    let calendar = birthday(calendar, monday(9, -1), None, Some(2009));
    let mut calendar = birthday(calendar, monday(9, -1), Some(2028), None);
    for &(year, month, day) in &WA_BIRTHDAYS {
        let name = if year <= 2022 {
            "Queen's Birthday"
        } else {
            "King's Birthday"
        };
        calendar = with_extra_days(calendar, &[((year, month, day), name)]);
    }
    // 2011: Anzac Day fell on Easter Monday; Tuesday 26 April was the extra day.
    with_extra_days(calendar, &[((2011, 4, 26), "Anzac Day (additional day)")])
}

/// South Australia: Adelaide Cup Day moved from May to March in 2006; Anzac Day on a
/// Sunday moved to the Monday up to 2023 (not from 2024, Public Holidays Act 2023);
/// 26 December is Proclamation Day.
fn south_australia(id: &str) -> HolidayCalendar {
    let calendar = national_with(id, "South Australia public holidays", "Proclamation Day")
        .with_rule(fixed("New Year's Day", 1, 1, MONDAY))
        .with_rule(nth("Adelaide Cup Day", 5, Weekday::Mon, 3).with_last_year(2005))
        .with_rule(nth("Adelaide Cup Day", 3, Weekday::Mon, 2).with_first_year(2006))
        .with_rule(easter("Easter Saturday", -1))
        .with_rule(easter("Easter Sunday", 0).with_first_year(2024))
        .with_rule(fixed("Anzac Day", 4, 25, SUNDAY_TO_MONDAY).with_last_year(2023))
        .with_rule(fixed("Anzac Day", 4, 25, ON_THE_DAY).with_first_year(2024))
        .with_rule(nth("Labour Day", 10, Weekday::Mon, 1));
    june_birthday(calendar)
}

/// Tasmania: Easter Tuesday was a public holiday up to 2010 (from 2011 for the State
/// Service only). No Anzac Day substitute.
fn tasmania(id: &str) -> HolidayCalendar {
    let calendar = national(id, "Tasmania public holidays")
        .with_rule(nth("Eight Hours Day", 3, Weekday::Mon, 2))
        .with_rule(easter("Easter Tuesday", 2).with_last_year(2010))
        .with_rule(fixed("Anzac Day", 4, 25, ON_THE_DAY));
    june_birthday(calendar)
}

/// The ACT's Family and Community Day, set each year from 2010 to 2017 (the first
/// Tuesday of November in 2007–2009).
const ACT_FAMILY_DAYS: [Ymd; 8] = [
    (2010, 9, 27),
    (2011, 10, 10),
    (2012, 10, 8),
    (2013, 9, 30),
    (2014, 9, 29),
    (2015, 9, 28),
    (2016, 9, 26),
    (2017, 9, 25),
];

/// The Australian Capital Territory: Canberra Day on the second Monday of March from
/// 2008 (the third before; applied back to 1899 by assumption, the sources starting
/// in 1958), Reconciliation Day from 2018 (27 May if a Monday, else the next Monday),
/// Anzac Day on a Sunday moved to the Monday from 1959, and extra Mondays declared
/// for Saturday Anzac Days in 2020 and 2026.
fn capital_territory(id: &str) -> HolidayCalendar {
    let calendar = national(id, "Australian Capital Territory public holidays")
        .with_rule(nth("Canberra Day", 3, Weekday::Mon, 3).with_last_year(2007))
        .with_rule(nth("Canberra Day", 3, Weekday::Mon, 2).with_first_year(2008))
        .with_rule(fixed("Anzac Day", 4, 25, ON_THE_DAY).with_last_year(1958))
        .with_rule(fixed("Anzac Day", 4, 25, SUNDAY_TO_MONDAY).with_first_year(1959))
        .with_rule(
            NamedRule::new(
                "Reconciliation Day",
                HolidayRule::WeekdayOnOrAfter {
                    month: 5,
                    day: 27,
                    weekday: Weekday::Mon,
                },
            )
            .with_first_year(2018),
        )
        .with_rule(nth("Labour Day", 10, Weekday::Mon, 1))
        .with_rule(
            NamedRule::new(
                "Family and Community Day",
                HolidayRule::WeekdayOnOrAfter {
                    month: 11,
                    day: 1,
                    weekday: Weekday::Tue,
                },
            )
            .with_first_year(2007)
            .with_last_year(2009),
        );
    let mut calendar = june_birthday(calendar);
    for &day in &ACT_FAMILY_DAYS {
        calendar = with_extra_days(calendar, &[(day, "Family and Community Day")]);
    }
    with_extra_days(
        calendar,
        &[
            ((2020, 4, 27), "Anzac Day (declared additional day)"),
            ((2026, 4, 27), "Anzac Day (declared additional day)"),
        ],
    )
}

/// The Northern Territory: May Day and Picnic Day; Anzac Day on a Sunday moved to the
/// Monday from 1982.
fn northern_territory(id: &str) -> HolidayCalendar {
    let calendar = national(id, "Northern Territory public holidays")
        .with_rule(easter("Easter Saturday", -1))
        .with_rule(easter("Easter Sunday", 0).with_first_year(2024))
        .with_rule(fixed("Anzac Day", 4, 25, ON_THE_DAY).with_last_year(1981))
        .with_rule(fixed("Anzac Day", 4, 25, SUNDAY_TO_MONDAY).with_first_year(1982))
        .with_rule(nth("May Day", 5, Weekday::Mon, 1))
        .with_rule(nth("Picnic Day", 8, Weekday::Mon, 1));
    june_birthday(calendar)
}
