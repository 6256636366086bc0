//! Holiday rules: how one named holiday falls in a given year.
//!
//! Everything here is plain date arithmetic on [`NaiveDate`]. A rule that
//! cannot produce a date (an impossible day such as 30 February, a fifth
//! Monday that does not exist, a year outside chrono's range) yields `None`
//! for that year rather than failing.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// What happens when a fixed-date holiday falls on a Saturday or Sunday.
///
/// Only [`HolidayRule::Fixed`] dates are moved; the other rules are already
/// defined in terms of weekdays (or deliberately fall on a weekend, such as
/// Easter Sunday).
///
/// # Example
///
/// ```
/// use redress::calendar::Observance;
///
/// // Serialised form, as it would appear in a configuration file.
/// let json = "\"next_free_weekday\"";
/// let parsed: Observance = serde_json::from_str(json).unwrap();
/// assert_eq!(parsed, Observance::NextFreeWeekday);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Observance {
    /// The holiday is kept on its actual date, even on a weekend (German
    /// holidays, Anzac Day in most Australian states).
    Actual,
    /// UK-style substitute day: a holiday on Saturday or Sunday moves to the
    /// next weekday that is not already a holiday. With Christmas on a
    /// Saturday and Boxing Day on a Sunday this gives Monday 27 and
    /// Tuesday 28 December.
    NextFreeWeekday,
    /// US-federal style: Saturday moves to the Friday before, Sunday to the
    /// Monday after. New Year's Day on a Saturday is therefore observed on
    /// 31 December of the previous year.
    NearestWeekday,
    /// Australian style for most fixed days: Saturday or Sunday moves to the
    /// following Monday, without checking for clashes.
    MondayIfWeekend,
    /// Sunday moves to the following Monday; Saturday stays where it is (Anzac
    /// Day in Queensland, the ACT and the Northern Territory, for example).
    MondayIfSunday,
}

/// How a holiday's date is derived for a given year.
///
/// Months are 1–12 and days 1–31, as in chrono. A rule naming a date that
/// does not exist in a year (29 February outside leap years, a fifth
/// weekday a month lacks) simply produces no holiday that year.
///
/// # Example
///
/// ```
/// use chrono::{NaiveDate, Weekday};
/// use redress::calendar::HolidayRule;
///
/// // Thanksgiving: fourth Thursday of November.
/// let thanksgiving = HolidayRule::NthWeekday { month: 11, weekday: Weekday::Thu, nth: 4 };
/// assert_eq!(thanksgiving.date_in(2024), NaiveDate::from_ymd_opt(2024, 11, 28));
///
/// // Spring bank holiday: last Monday of May.
/// let spring = HolidayRule::NthWeekday { month: 5, weekday: Weekday::Mon, nth: -1 };
/// assert_eq!(spring.date_in(2025), NaiveDate::from_ymd_opt(2025, 5, 26));
///
/// // Good Friday: two days before Easter Sunday.
/// let good_friday = HolidayRule::EasterOffset { days: -2 };
/// assert_eq!(good_friday.date_in(2025), NaiveDate::from_ymd_opt(2025, 4, 18));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum HolidayRule {
    /// The same calendar date every year, e.g. 25 December.
    Fixed {
        /// Month, 1–12.
        month: u32,
        /// Day of the month, 1–31.
        day: u32,
        /// What to do when the date falls on a weekend.
        observance: Observance,
    },
    /// The `nth` given weekday of a month: `1` is the first, `2` the second,
    /// `-1` the last, `-2` the second to last. `0` never matches.
    NthWeekday {
        /// Month, 1–12.
        month: u32,
        /// Which weekday.
        weekday: Weekday,
        /// Which occurrence; negative values count from the end of the month.
        nth: i8,
    },
    /// A fixed number of days from Western (Gregorian) Easter Sunday:
    /// `-2` is Good Friday, `1` Easter Monday, `39` Ascension Day.
    EasterOffset {
        /// Days after Easter Sunday (negative for before).
        days: i32,
    },
    /// The first given weekday on or after a date, e.g. the first Tuesday
    /// on or after 1 November (Melbourne Cup Day) or the Wednesday on or
    /// after 16 November (German Buß- und Bettag).
    WeekdayOnOrAfter {
        /// Month, 1–12.
        month: u32,
        /// Day of the month, 1–31.
        day: u32,
        /// Which weekday.
        weekday: Weekday,
    },
}

impl HolidayRule {
    /// The date this rule gives in `year`, before any weekend observance is
    /// applied. `None` when the rule has no date that year.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use redress::calendar::{HolidayRule, Observance};
    ///
    /// let christmas = HolidayRule::Fixed { month: 12, day: 25, observance: Observance::NextFreeWeekday };
    /// // 25 December 2021 was a Saturday; the rule itself still says the 25th.
    /// assert_eq!(christmas.date_in(2021), NaiveDate::from_ymd_opt(2021, 12, 25));
    ///
    /// let leap_day = HolidayRule::Fixed { month: 2, day: 29, observance: Observance::Actual };
    /// assert_eq!(leap_day.date_in(2023), None);
    /// ```
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        match *self {
            HolidayRule::Fixed { month, day, .. } => NaiveDate::from_ymd_opt(year, month, day),
            HolidayRule::NthWeekday {
                month,
                weekday,
                nth,
            } => nth_weekday_of_month(year, month, weekday, nth),
            HolidayRule::EasterOffset { days } => add_signed_days(easter_sunday(year)?, days),
            HolidayRule::WeekdayOnOrAfter {
                month,
                day,
                weekday,
            } => weekday_on_or_after(NaiveDate::from_ymd_opt(year, month, day)?, weekday),
        }
    }

    /// The weekend observance of this rule; [`Observance::Actual`] for every
    /// rule that is not a fixed date.
    ///
    /// # Example
    ///
    /// ```
    /// use redress::calendar::{HolidayRule, Observance};
    ///
    /// assert_eq!(HolidayRule::EasterOffset { days: 1 }.observance(), Observance::Actual);
    /// ```
    pub fn observance(&self) -> Observance {
        match *self {
            HolidayRule::Fixed { observance, .. } => observance,
            _ => Observance::Actual,
        }
    }
}

/// A holiday rule with its name and the years it applies in.
///
/// Year bounds are inclusive and optional: Juneteenth is
/// `NamedRule::new("Juneteenth", rule).with_first_year(2021)`.
///
/// # Example
///
/// ```
/// use redress::calendar::{HolidayRule, NamedRule, Observance};
///
/// let rule = NamedRule::new(
///     "Juneteenth National Independence Day",
///     HolidayRule::Fixed { month: 6, day: 19, observance: Observance::NearestWeekday },
/// )
/// .with_first_year(2021);
/// assert!(!rule.applies_in(2020));
/// assert!(rule.applies_in(2021));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NamedRule {
    /// Name shown for the holiday, e.g. "Good Friday".
    pub name: String,
    /// How the date is derived.
    pub rule: HolidayRule,
    /// First year the rule applies (inclusive); `None` for no lower bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_year: Option<i32>,
    /// Last year the rule applies (inclusive); `None` for no upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_year: Option<i32>,
}

impl NamedRule {
    /// A rule that applies in every year.
    ///
    /// # Example
    ///
    /// ```
    /// use redress::calendar::{HolidayRule, NamedRule};
    ///
    /// let good_friday = NamedRule::new("Good Friday", HolidayRule::EasterOffset { days: -2 });
    /// assert!(good_friday.applies_in(1900) && good_friday.applies_in(2100));
    /// ```
    pub fn new(name: impl Into<String>, rule: HolidayRule) -> Self {
        NamedRule {
            name: name.into(),
            rule,
            first_year: None,
            last_year: None,
        }
    }

    /// Restrict the rule to `year` and later.
    ///
    /// # Example
    ///
    /// ```
    /// use redress::calendar::{HolidayRule, NamedRule};
    ///
    /// let rule = NamedRule::new("Easter Monday", HolidayRule::EasterOffset { days: 1 }).with_first_year(2000);
    /// assert_eq!(rule.first_year, Some(2000));
    /// ```
    #[must_use]
    pub fn with_first_year(mut self, year: i32) -> Self {
        self.first_year = Some(year);
        self
    }

    /// Restrict the rule to `year` and earlier.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::Weekday;
    /// use redress::calendar::{HolidayRule, NamedRule};
    ///
    /// let rule = NamedRule::new(
    ///     "Queen's Birthday",
    ///     HolidayRule::NthWeekday { month: 6, weekday: Weekday::Mon, nth: 2 },
    /// )
    /// .with_last_year(2022);
    /// assert!(rule.applies_in(2022) && !rule.applies_in(2023));
    /// ```
    #[must_use]
    pub fn with_last_year(mut self, year: i32) -> Self {
        self.last_year = Some(year);
        self
    }

    /// Whether the rule is in force in `year`.
    ///
    /// # Example
    ///
    /// ```
    /// use redress::calendar::{HolidayRule, NamedRule};
    ///
    /// let rule = NamedRule::new("Test", HolidayRule::EasterOffset { days: 0 })
    ///     .with_first_year(2018)
    ///     .with_last_year(2020);
    /// assert!(!rule.applies_in(2017) && rule.applies_in(2019) && !rule.applies_in(2021));
    /// ```
    pub fn applies_in(&self, year: i32) -> bool {
        let too_early = matches!(self.first_year, Some(first) if year < first);
        let too_late = matches!(self.last_year, Some(last) if year > last);
        !too_early && !too_late
    }
}

/// A holiday listed by date rather than by rule: a one-off bank holiday, or
/// a date announced year by year.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use redress::calendar::DatedHoliday;
///
/// let coronation = DatedHoliday::new(
///     NaiveDate::from_ymd_opt(2023, 5, 8).unwrap(),
///     "Bank holiday for the coronation of King Charles III",
/// );
/// assert_eq!(coronation.date.to_string(), "2023-05-08");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DatedHoliday {
    /// The day off (already the observed date; no weekend rule is applied).
    pub date: NaiveDate,
    /// Name shown for the holiday.
    pub name: String,
}

impl DatedHoliday {
    /// A named holiday on a given date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use redress::calendar::DatedHoliday;
    ///
    /// let day = DatedHoliday::new(NaiveDate::from_ymd_opt(2022, 9, 22).unwrap(), "Day of Mourning");
    /// assert_eq!(day.name, "Day of Mourning");
    /// ```
    pub fn new(date: NaiveDate, name: impl Into<String>) -> Self {
        DatedHoliday {
            date,
            name: name.into(),
        }
    }
}

/// Western (Gregorian) Easter Sunday of `year`, by the anonymous Gregorian
/// algorithm (Meeus/Jones/Butcher), applied proleptically to any year chrono
/// supports. `None` only when the date is outside chrono's range.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use redress::calendar::easter_sunday;
///
/// assert_eq!(easter_sunday(2025), NaiveDate::from_ymd_opt(2025, 4, 20));
/// assert_eq!(easter_sunday(2035), NaiveDate::from_ymd_opt(2035, 3, 25));
/// ```
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    // i64 with Euclidean division keeps every step exact and non-negative
    // for any i32 year, including years before 1 CE.
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = u32::try_from(n.div_euclid(31)).ok()?;
    let day = u32::try_from(n.rem_euclid(31) + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Saturday or Sunday.
pub(crate) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `date` moved by a signed number of days, `None` outside chrono's range.
pub(crate) fn add_signed_days(date: NaiveDate, days: i32) -> Option<NaiveDate> {
    let magnitude = Days::new(u64::from(days.unsigned_abs()));
    if days >= 0 {
        date.checked_add_days(magnitude)
    } else {
        date.checked_sub_days(magnitude)
    }
}

/// The first `weekday` on or after `date`.
pub(crate) fn weekday_on_or_after(date: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let ahead = weekday.days_since(date.weekday());
    date.checked_add_days(Days::new(u64::from(ahead)))
}

/// The last day of a month, `None` for a month outside 1–12.
fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    if month == 12 {
        NaiveDate::from_ymd_opt(year, 12, 31)
    } else if (1..12).contains(&month) {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?.pred_opt()
    } else {
        None
    }
}

/// The `nth` `weekday` of a month; negative `nth` counts from the end.
fn nth_weekday_of_month(year: i32, month: u32, weekday: Weekday, nth: i8) -> Option<NaiveDate> {
    let weeks_away = u64::from(nth.unsigned_abs().checked_sub(1)?) * 7;
    if nth > 0 {
        let first = weekday_on_or_after(NaiveDate::from_ymd_opt(year, month, 1)?, weekday)?;
        let date = first.checked_add_days(Days::new(weeks_away))?;
        in_month(date, year, month).then_some(date)
    } else {
        let last_day = last_day_of_month(year, month)?;
        let back = u64::from(last_day.weekday().days_since(weekday));
        let date = last_day.checked_sub_days(Days::new(back + weeks_away))?;
        in_month(date, year, month).then_some(date)
    }
}

/// Whether `date` lies in the given month of the given year (a large `nth`
/// can step whole years away, so the month alone is not enough).
fn in_month(date: NaiveDate, year: i32, month: u32) -> bool {
    date.year() == year && date.month() == month
}
