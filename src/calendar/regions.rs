//! Ready-made calendars for the supported regions.
//!
//! Codes are ISO 3166-1 country codes and ISO 3166-2 subdivision codes.
//! Rules describe the holidays as they stand today and are applied to every
//! year (Australia's, in `au.rs`, with the years each rule applied); one-off
//! changes (moved and extra days) are listed from 2011 on.
//! Each region's sources are cited beside its data.

use chrono::{NaiveDate, Weekday};

use super::rules::{HolidayRule, NamedRule, Observance};
use super::HolidayCalendar;

/// Every region code [`for_region`] accepts.
///
/// Valid subdivision codes are accepted even without holidays of their own,
/// so that callers can pass a customer's region as it is: every `US-` code
/// gets the federal calendar. Made-up subdivisions (`DE-XX`) are rejected.
const REGIONS: &[&str] = &[
    // United Kingdom.
    "GB", "GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR", //
    // Germany and its sixteen Länder.
    "DE", "DE-BB", "DE-BE", "DE-BW", "DE-BY", "DE-HB", "DE-HE", "DE-HH", "DE-MV", "DE-NI", "DE-NW",
    "DE-RP", "DE-SH", "DE-SL", "DE-SN", "DE-ST", "DE-TH", //
    // Australia and its states and territories.
    "AU", "AU-ACT", "AU-NSW", "AU-NT", "AU-QLD", "AU-SA", "AU-TAS", "AU-VIC", "AU-WA", //
    // United States: the fifty states, DC and the outlying areas.
    "US", "US-AK", "US-AL", "US-AR", "US-AZ", "US-CA", "US-CO", "US-CT", "US-DC", "US-DE", "US-FL",
    "US-GA", "US-HI", "US-IA", "US-ID", "US-IL", "US-IN", "US-KS", "US-KY", "US-LA", "US-MA",
    "US-MD", "US-ME", "US-MI", "US-MN", "US-MO", "US-MS", "US-MT", "US-NC", "US-ND", "US-NE",
    "US-NH", "US-NJ", "US-NM", "US-NV", "US-NY", "US-OH", "US-OK", "US-OR", "US-PA", "US-RI",
    "US-SC", "US-SD", "US-TN", "US-TX", "US-UT", "US-VA", "US-VT", "US-WA", "US-WI", "US-WV",
    "US-WY", "US-AS", "US-GU", "US-MP", "US-PR", "US-UM", "US-VI",
];

/// The region codes [`for_region`] accepts, upper-case.
///
/// Codes that have no holidays of their own are listed too, since they are
/// valid input: `US-CA` gets the federal calendar. See [`for_region`] for which calendar each code gets.
///
/// # Example
///
/// ```
/// let regions = redress::calendar::supported_regions();
/// assert!(regions.contains(&"GB-SCT"));
/// assert!(regions.contains(&"US-CA"));
/// ```
pub fn supported_regions() -> &'static [&'static str] {
    REGIONS
}

/// The holiday calendar for a region code, or `None` for a code not in
/// [`supported_regions`]. Codes are matched ignoring ASCII case and
/// surrounding whitespace; the calendar's [`id`](HolidayCalendar::id) is
/// the code upper-cased.
///
/// - `GB-ENG`, `GB-WLS` and plain `GB`: England and Wales bank holidays
///   (`GB` defaults to England and Wales, where most of the UK population
///   lives).
/// - `GB-SCT`: Scottish bank holidays. `GB-NIR`: Northern Ireland.
/// - `DE`: German national holidays; `DE-xx`: national plus the Land's own.
///   Holidays kept only in some municipalities (Mariä Himmelfahrt in
///   Catholic Bavarian communities, Fronleichnam in parts of Saxony and
///   Thuringia, the Augsburg Friedensfest) are not included.
/// - `AU-NSW`, `AU-VIC`, `AU-QLD`, `AU-WA`, `AU-SA`, `AU-TAS`, `AU-ACT`,
///   `AU-NT`: the full-day public holidays kept throughout the state or
///   territory, with the years each rule applied (Queensland's birthday
///   holiday in October, Western Australia's in September, Reconciliation
///   Day in the ACT from 2018…). Bank holidays, part-day and regional
///   holidays are not included. Holidays proclaimed year by year are listed
///   as far as they are known: Victoria's Friday before the AFL Grand Final
///   to 2027, Western Australia's King's Birthday 2010–2027 (the last Monday
///   of September in other years). Where the sources give no history before
///   some year, the earliest rule known is assumed back to 1899; Western
///   Australia's holidays bill of 2025, which would move its holidays from
///   2028 if enacted, is not applied.
/// - `AU` (no state or territory): only the holidays every state and
///   territory keeps, with Anzac Day on the day; the calendar's
///   [`note`](HolidayCalendar::note) says so, and claims repeat it.
/// - `US` and every `US-xx`: federal holidays (5 U.S.C. 6103). State
///   holidays and one-off executive-order closures are not included.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use redress::calendar::for_region;
///
/// let vic = for_region("au-vic").unwrap();
/// assert!(vic.is_holiday(NaiveDate::from_ymd_opt(2024, 11, 5).unwrap())); // Melbourne Cup
/// assert!(for_region("XX").is_none());
/// ```
pub fn for_region(code: &str) -> Option<HolidayCalendar> {
    let code = code.trim().to_ascii_uppercase();
    if !REGIONS.contains(&code.as_str()) {
        return None;
    }
    let id = code.as_str();
    let calendar = match id {
        "GB" | "GB-ENG" | "GB-WLS" => england_and_wales(id),
        "GB-SCT" => scotland(id),
        "GB-NIR" => northern_ireland(id),
        "DE" => germany(id, "Germany (national public holidays)"),
        "AU" => super::au::calendar(id),
        _ => {
            if let Some(land) = id.strip_prefix("DE-") {
                german_land(id, land)
            } else if id.starts_with("AU-") {
                super::au::calendar(id)
            } else {
                // Only US codes are left in the list.
                united_states(id)
            }
        }
    };
    Some(calendar)
}

// ---------------------------------------------------------------------------
// Small constructors, so the region tables read like the published lists.

pub(super) fn fixed(name: &str, month: u32, day: u32, observance: Observance) -> NamedRule {
    NamedRule::new(
        name,
        HolidayRule::Fixed {
            month,
            day,
            observance,
        },
    )
}

pub(super) fn nth(name: &str, month: u32, weekday: Weekday, nth: i8) -> NamedRule {
    NamedRule::new(
        name,
        HolidayRule::NthWeekday {
            month,
            weekday,
            nth,
        },
    )
}

pub(super) fn easter(name: &str, days: i32) -> NamedRule {
    NamedRule::new(name, HolidayRule::EasterOffset { days })
}

/// A year, month and day written as a tuple in the data tables below.
pub(super) type Ymd = (i32, u32, u32);

pub(super) fn with_extra_days(
    mut calendar: HolidayCalendar,
    days: &[(Ymd, &str)],
) -> HolidayCalendar {
    for &((year, month, day), name) in days {
        // The tables are constants checked by the tests; a bad entry is
        // skipped rather than allowed to panic.
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            calendar = calendar.with_extra_day(date, name);
        }
    }
    calendar
}

pub(super) fn with_removed_days(mut calendar: HolidayCalendar, days: &[Ymd]) -> HolidayCalendar {
    for &(year, month, day) in days {
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            calendar = calendar.with_removed_day(date);
        }
    }
    calendar
}

// ---------------------------------------------------------------------------
// United Kingdom.
// Source: gov.uk/bank-holidays (and its bank-holidays.json), 2012–2027;
// the moved and extra days were made by royal proclamation under the
// Banking and Financial Dealings Act 1971.

const SUBSTITUTE: Observance = Observance::NextFreeWeekday;

/// Rule dates cancelled UK-wide because the holiday was moved.
const UK_REMOVED: [Ymd; 3] = [
    (2012, 5, 28), // Spring bank holiday moved to 4 June (Diamond Jubilee).
    (2020, 5, 4),  // Early May bank holiday moved to 8 May (VE Day 75).
    (2022, 5, 30), // Spring bank holiday moved to 2 June (Platinum Jubilee).
];

/// One-off UK-wide bank holidays, including the new dates of moved ones.
const UK_EXTRA: [(Ymd, &str); 8] = [
    ((2011, 4, 29), "Royal wedding"),
    ((2012, 6, 4), "Spring bank holiday"),
    ((2012, 6, 5), "Queen's Diamond Jubilee"),
    ((2020, 5, 8), "Early May bank holiday (VE day)"),
    ((2022, 6, 2), "Spring bank holiday"),
    ((2022, 6, 3), "Platinum Jubilee bank holiday"),
    (
        (2022, 9, 19),
        "Bank Holiday for the State Funeral of Queen Elizabeth II",
    ),
    (
        (2023, 5, 8),
        "Bank holiday for the coronation of King Charles III",
    ),
];

fn uk_one_offs(calendar: HolidayCalendar) -> HolidayCalendar {
    with_extra_days(with_removed_days(calendar, &UK_REMOVED), &UK_EXTRA)
}

fn england_and_wales(id: &str) -> HolidayCalendar {
    let calendar = HolidayCalendar::new(id, "England and Wales bank holidays")
        .with_rule(fixed("New Year's Day", 1, 1, SUBSTITUTE))
        .with_rule(easter("Good Friday", -2))
        .with_rule(easter("Easter Monday", 1))
        .with_rule(nth("Early May bank holiday", 5, Weekday::Mon, 1))
        .with_rule(nth("Spring bank holiday", 5, Weekday::Mon, -1))
        .with_rule(nth("Summer bank holiday", 8, Weekday::Mon, -1))
        .with_rule(fixed("Christmas Day", 12, 25, SUBSTITUTE))
        .with_rule(fixed("Boxing Day", 12, 26, SUBSTITUTE));
    uk_one_offs(calendar)
}

fn scotland(id: &str) -> HolidayCalendar {
    // No Easter Monday; two New Year days; summer holiday on the FIRST
    // Monday of August; St Andrew's Day (St Andrew's Day Bank Holiday
    // (Scotland) Act 2007).
    let calendar = HolidayCalendar::new(id, "Scotland bank holidays")
        .with_rule(fixed("New Year's Day", 1, 1, SUBSTITUTE))
        .with_rule(fixed("2nd January", 1, 2, SUBSTITUTE))
        .with_rule(easter("Good Friday", -2))
        .with_rule(nth("Early May bank holiday", 5, Weekday::Mon, 1))
        .with_rule(nth("Spring bank holiday", 5, Weekday::Mon, -1))
        .with_rule(nth("Summer bank holiday", 8, Weekday::Mon, 1))
        .with_rule(fixed("St Andrew's Day", 11, 30, SUBSTITUTE))
        .with_rule(fixed("Christmas Day", 12, 25, SUBSTITUTE))
        .with_rule(fixed("Boxing Day", 12, 26, SUBSTITUTE));
    uk_one_offs(calendar)
}

fn northern_ireland(id: &str) -> HolidayCalendar {
    let mut calendar = england_and_wales(id)
        .with_rule(fixed("St Patrick's Day", 3, 17, SUBSTITUTE))
        .with_rule(fixed(
            "Battle of the Boyne (Orangemen's Day)",
            7,
            12,
            SUBSTITUTE,
        ));
    calendar.name = "Northern Ireland bank holidays".to_string();
    calendar
}

// ---------------------------------------------------------------------------
// Germany.
// Source: the Länder Feiertagsgesetze as summarised by the Federal Ministry
// of the Interior ("Gesetzliche Feiertage", bmi.bund.de). German holidays
// are never moved off a weekend.

const ON_THE_DAY: Observance = Observance::Actual;

fn germany(id: &str, name: &str) -> HolidayCalendar {
    let calendar = HolidayCalendar::new(id, name)
        .with_rule(fixed("Neujahr", 1, 1, ON_THE_DAY))
        .with_rule(easter("Karfreitag", -2))
        .with_rule(easter("Ostermontag", 1))
        .with_rule(fixed("Tag der Arbeit", 5, 1, ON_THE_DAY))
        .with_rule(easter("Christi Himmelfahrt", 39))
        .with_rule(easter("Pfingstmontag", 50))
        .with_rule(fixed("Tag der Deutschen Einheit", 10, 3, ON_THE_DAY))
        .with_rule(fixed("1. Weihnachtstag", 12, 25, ON_THE_DAY))
        .with_rule(fixed("2. Weihnachtstag", 12, 26, ON_THE_DAY));
    // 500th anniversary of the Reformation: a holiday in every Land, once.
    with_extra_days(calendar, &[((2017, 10, 31), "Reformationstag")])
}

/// National holidays plus those of one Land (`land` is the part of the
/// ISO 3166-2 code after "DE-", already known to be valid).
fn german_land(id: &str, land: &str) -> HolidayCalendar {
    match land {
        "BW" => germany(id, "Baden-Württemberg public holidays")
            .with_rule(epiphany())
            .with_rule(corpus_christi())
            .with_rule(all_saints()),
        "BY" => germany(id, "Bavaria (Bayern) public holidays")
            .with_rule(epiphany())
            .with_rule(corpus_christi())
            .with_rule(all_saints()),
        "BE" => berlin(id),
        "BB" => germany(id, "Brandenburg public holidays")
            .with_rule(easter("Ostersonntag", 0))
            .with_rule(easter("Pfingstsonntag", 49))
            .with_rule(reformation()),
        "HB" => {
            germany(id, "Bremen public holidays").with_rule(reformation().with_first_year(2018))
        }
        "HH" => {
            germany(id, "Hamburg public holidays").with_rule(reformation().with_first_year(2018))
        }
        "HE" => germany(id, "Hesse (Hessen) public holidays").with_rule(corpus_christi()),
        "MV" => germany(id, "Mecklenburg-Vorpommern public holidays")
            .with_rule(womens_day().with_first_year(2023))
            .with_rule(reformation()),
        "NI" => germany(id, "Lower Saxony (Niedersachsen) public holidays")
            .with_rule(reformation().with_first_year(2018)),
        "NW" => germany(
            id,
            "North Rhine-Westphalia (Nordrhein-Westfalen) public holidays",
        )
        .with_rule(corpus_christi())
        .with_rule(all_saints()),
        "RP" => germany(id, "Rhineland-Palatinate (Rheinland-Pfalz) public holidays")
            .with_rule(corpus_christi())
            .with_rule(all_saints()),
        "SH" => germany(id, "Schleswig-Holstein public holidays")
            .with_rule(reformation().with_first_year(2018)),
        "SL" => germany(id, "Saarland public holidays")
            .with_rule(corpus_christi())
            .with_rule(fixed("Mariä Himmelfahrt", 8, 15, ON_THE_DAY))
            .with_rule(all_saints()),
        "SN" => saxony(id),
        "ST" => germany(id, "Saxony-Anhalt (Sachsen-Anhalt) public holidays")
            .with_rule(epiphany())
            .with_rule(reformation()),
        "TH" => germany(id, "Thuringia (Thüringen) public holidays")
            .with_rule(fixed("Weltkindertag", 9, 20, ON_THE_DAY).with_first_year(2019))
            .with_rule(reformation()),
        // Not reached: every Land is matched above.
        _ => germany(id, "Germany (national public holidays)"),
    }
}

/// Berlin: International Women's Day from 2019, and two one-off holidays.
fn berlin(id: &str) -> HolidayCalendar {
    let calendar =
        germany(id, "Berlin public holidays").with_rule(womens_day().with_first_year(2019));
    // 75th and 80th anniversaries of the end of the Second World
    // War in Europe, each made a holiday for that year only.
    with_extra_days(
        calendar,
        &[
            ((2020, 5, 8), "Tag der Befreiung"),
            ((2025, 5, 8), "Tag der Befreiung"),
        ],
    )
}

/// Saxony: Reformation Day, and the Day of Repentance and Prayer.
fn saxony(id: &str) -> HolidayCalendar {
    germany(id, "Saxony (Sachsen) public holidays")
        .with_rule(reformation())
        // The Wednesday before 23 November.
        .with_rule(NamedRule::new(
            "Buß- und Bettag",
            HolidayRule::WeekdayOnOrAfter {
                month: 11,
                day: 16,
                weekday: Weekday::Wed,
            },
        ))
}

// Holidays kept by several Länder.

fn epiphany() -> NamedRule {
    fixed("Heilige Drei Könige", 1, 6, ON_THE_DAY)
}

fn corpus_christi() -> NamedRule {
    easter("Fronleichnam", 60)
}

fn all_saints() -> NamedRule {
    fixed("Allerheiligen", 11, 1, ON_THE_DAY)
}

fn reformation() -> NamedRule {
    fixed("Reformationstag", 10, 31, ON_THE_DAY)
}

fn womens_day() -> NamedRule {
    fixed("Internationaler Frauentag", 3, 8, ON_THE_DAY)
}

// ---------------------------------------------------------------------------
// United States.
// Source: 5 U.S.C. 6103 and the Office of Personnel Management's federal
// holiday tables (opm.gov); Juneteenth added by Pub. L. 117-17 (2021).
// Executive Order 11582: a holiday on Saturday is observed on the Friday
// before, on Sunday on the Monday after.

fn united_states(id: &str) -> HolidayCalendar {
    let nearest = Observance::NearestWeekday;
    HolidayCalendar::new(id, "United States federal holidays")
        .with_rule(fixed("New Year's Day", 1, 1, nearest))
        .with_rule(nth(
            "Birthday of Martin Luther King, Jr.",
            1,
            Weekday::Mon,
            3,
        ))
        .with_rule(nth("Washington's Birthday", 2, Weekday::Mon, 3))
        .with_rule(nth("Memorial Day", 5, Weekday::Mon, -1))
        .with_rule(
            fixed("Juneteenth National Independence Day", 6, 19, nearest).with_first_year(2021),
        )
        .with_rule(fixed("Independence Day", 7, 4, nearest))
        .with_rule(nth("Labor Day", 9, Weekday::Mon, 1))
        .with_rule(nth("Columbus Day", 10, Weekday::Mon, 2))
        .with_rule(fixed("Veterans Day", 11, 11, nearest))
        .with_rule(nth("Thanksgiving Day", 11, Weekday::Thu, 4))
        .with_rule(fixed("Christmas Day", 12, 25, nearest))
}
