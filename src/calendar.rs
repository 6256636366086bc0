//! Working-day calendars: which days count as working days in a region.
//!
//! Compensation schemes often count deadlines in working days ("the fault
//! must be fixed by the end of the next working day"). A working day here is
//! Monday to Friday, unless it is a holiday of the region's
//! [`HolidayCalendar`].
//!
//! A calendar is a list of [`NamedRule`]s (each a [`HolidayRule`] with a
//! name and optional first and last year), plus one-off extra days and
//! one-off removed days for the years a government moved or added a
//! holiday. Holidays are computed on demand with plain date arithmetic, so
//! a calendar answers for any year chrono supports; years far from today
//! simply apply today's rules. A calendar keeps each year's weekday holidays
//! once worked out (for the years claims use), so counting working days
//! assessment after assessment works the rules out once per year.
//!
//! Ready-made calendars for the supported regions come from [`for_region`];
//! [`supported_regions`] lists the accepted codes.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use redress::calendar;
//!
//! let england = calendar::for_region("GB-ENG").unwrap();
//! let maundy_thursday = NaiveDate::from_ymd_opt(2025, 4, 17).unwrap();
//! // Good Friday and Easter Monday are bank holidays in England.
//! assert_eq!(
//!     england.add_working_days(maundy_thursday, 2),
//!     NaiveDate::from_ymd_opt(2025, 4, 23),
//! );
//! ```

mod au;
mod regions;
mod rules;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

pub use regions::{for_region, supported_regions};
pub use rules::{easter_sunday, DatedHoliday, HolidayRule, NamedRule, Observance};

use rules::{is_weekend, weekday_on_or_after};

/// The holidays of one region, and the working-day arithmetic built on them.
///
/// Holidays come from three lists, applied in this order:
///
/// 1. **rules**, evaluated for each year in which they apply;
/// 2. **removed days**, which cancel any rule occurrence whose rule date
///    (before weekend substitution) is that day, so the substitute day
///    disappears too. This is how a moved holiday is written: remove the
///    usual date, add the new one;
/// 3. **extra days**, listed one-off holidays on their observed date.
///
/// Weekend observance ([`Observance`]) is then applied to fixed-date rules.
/// Substitute days skip any day that is already a holiday, including extra
/// days.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use redress::calendar::{HolidayCalendar, HolidayRule, NamedRule, Observance};
///
/// let calendar = HolidayCalendar::new("EXAMPLE", "Example calendar")
///     .with_rule(NamedRule::new(
///         "Christmas Day",
///         HolidayRule::Fixed { month: 12, day: 25, observance: Observance::NextFreeWeekday },
///     ))
///     .with_extra_day(NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(), "Company day off");
///
/// let holidays = calendar.holidays_in(2021);
/// assert_eq!(holidays.len(), 2);
/// // 25 December 2021 was a Saturday, so the substitute is Monday 27th.
/// assert_eq!(holidays[0].0, NaiveDate::from_ymd_opt(2021, 12, 27).unwrap());
/// assert_eq!(holidays[0].1, "Christmas Day (substitute day)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayCalendar {
    id: String,
    name: String,
    #[serde(default)]
    rules: Vec<NamedRule>,
    #[serde(default)]
    extra_days: Vec<DatedHoliday>,
    #[serde(default)]
    removed_days: Vec<NaiveDate>,
    /// What a user should know about the calendar's coverage (see [`note`](Self::note)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    /// Each year's weekday holidays, worked out from the rules when first asked for.
    #[serde(skip)]
    dated: DatedYears,
}

/// The first and last years whose weekday holidays a calendar keeps once worked out:
/// the years a claim file may name, and a year either side for deadlines that cross
/// into the next. Other years are worked out on each use.
const KEPT_YEARS: std::ops::RangeInclusive<i32> =
    (crate::civil::FIRST_SUPPORTED_YEAR - 1)..=(crate::civil::LAST_SUPPORTED_YEAR + 1);

/// A calendar's weekday holidays by year, each worked out once: a working-day
/// deadline asks for the same years on every assessment, and working a year out means
/// every rule for it and the years either side, with substitute days. Threads sharing
/// a calendar (a batch's workers) read the years without waiting on each other.
///
/// What is kept is not part of the calendar: a clone starts empty, and two calendars
/// are equal whatever either has worked out.
#[derive(Default)]
struct DatedYears(OnceLock<Box<[YearSlot]>>);

/// One year's weekday holidays, once worked out.
type YearSlot = OnceLock<Box<[NaiveDate]>>;

impl DatedYears {
    /// The year's slot, if the year is one that is kept.
    fn slot(&self, year: i32) -> Option<&YearSlot> {
        let index = usize::try_from(year.checked_sub(*KEPT_YEARS.start())?).ok()?;
        let slots = self.0.get_or_init(|| {
            KEPT_YEARS
                .map(|_| OnceLock::new())
                .collect::<Vec<_>>()
                .into_boxed_slice()
        });
        slots.get(index)
    }
}

impl Clone for DatedYears {
    fn clone(&self) -> DatedYears {
        DatedYears::default()
    }
}

impl PartialEq for DatedYears {
    fn eq(&self, _: &DatedYears) -> bool {
        true
    }
}

impl Eq for DatedYears {}

impl std::fmt::Debug for DatedYears {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatedYears")
    }
}

/// One holiday as computed for a year, borrowing its name from the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Occurrence<'a> {
    date: NaiveDate,
    name: &'a str,
    /// Appended to the name when the holiday was moved off a weekend.
    suffix: &'static str,
}

impl HolidayCalendar {
    /// An empty calendar: with no rules, every Monday to Friday is a working
    /// day.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use redress::calendar::HolidayCalendar;
    ///
    /// let weekdays_only = HolidayCalendar::new("NONE", "No holidays");
    /// let christmas = NaiveDate::from_ymd_opt(2024, 12, 25).unwrap();
    /// assert!(weekdays_only.is_working_day(christmas));
    /// ```
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        HolidayCalendar {
            id: id.into(),
            name: name.into(),
            rules: Vec::new(),
            extra_days: Vec::new(),
            removed_days: Vec::new(),
            note: None,
            dated: DatedYears::default(),
        }
    }

    /// The same calendar with a note on what it covers, for the claims that use it
    /// (a country's calendar chosen because the customer's state was not given, say).
    ///
    /// # Example
    ///
    /// ```
    /// use redress::calendar::HolidayCalendar;
    ///
    /// let calendar = HolidayCalendar::new("X", "Example").with_note("Only national holidays.");
    /// assert_eq!(calendar.note(), Some("Only national holidays."));
    /// ```
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// What a user should know about the calendar's coverage, if anything: the
    /// assessment repeats it on every claim that counts working days with it.
    ///
    /// # Example
    ///
    /// ```
    /// let country = redress::calendar::for_region("AU").unwrap();
    /// assert!(country.note().unwrap().contains("state or territory was not given"));
    /// let state = redress::calendar::for_region("AU-QLD").unwrap();
    /// assert_eq!(state.note(), None);
    /// ```
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Add a holiday rule.
    ///
    /// # Example
    ///
    /// ```
    /// use redress::calendar::{HolidayCalendar, HolidayRule, NamedRule};
    ///
    /// let calendar = HolidayCalendar::new("X", "Example")
    ///     .with_rule(NamedRule::new("Good Friday", HolidayRule::EasterOffset { days: -2 }));
    /// assert_eq!(calendar.rules().len(), 1);
    /// ```
    #[must_use]
    pub fn with_rule(mut self, rule: NamedRule) -> Self {
        self.rules.push(rule);
        self.dated = DatedYears::default();
        self
    }

    /// Add a one-off holiday on `date` (the day off itself; no weekend rule
    /// is applied to it).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use redress::calendar::HolidayCalendar;
    ///
    /// let day = NaiveDate::from_ymd_opt(2022, 9, 19).unwrap();
    /// let calendar = HolidayCalendar::new("X", "Example").with_extra_day(day, "State Funeral");
    /// assert!(calendar.is_holiday(day));
    /// ```
    #[must_use]
    pub fn with_extra_day(mut self, date: NaiveDate, name: impl Into<String>) -> Self {
        self.extra_days.push(DatedHoliday::new(date, name));
        self.dated = DatedYears::default();
        self
    }

    /// Cancel the rule holiday that would fall on `date` (see the type-level
    /// documentation for how removal interacts with substitute days).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{NaiveDate, Weekday};
    /// use redress::calendar::{HolidayCalendar, HolidayRule, NamedRule};
    ///
    /// // In 2020 the early May bank holiday moved from Monday 4 to Friday 8 May.
    /// let calendar = HolidayCalendar::new("X", "Example")
    ///     .with_rule(NamedRule::new(
    ///         "Early May bank holiday",
    ///         HolidayRule::NthWeekday { month: 5, weekday: Weekday::Mon, nth: 1 },
    ///     ))
    ///     .with_removed_day(NaiveDate::from_ymd_opt(2020, 5, 4).unwrap())
    ///     .with_extra_day(NaiveDate::from_ymd_opt(2020, 5, 8).unwrap(), "Early May bank holiday (VE day)");
    /// assert!(!calendar.is_holiday(NaiveDate::from_ymd_opt(2020, 5, 4).unwrap()));
    /// assert!(calendar.is_holiday(NaiveDate::from_ymd_opt(2020, 5, 8).unwrap()));
    /// ```
    #[must_use]
    pub fn with_removed_day(mut self, date: NaiveDate) -> Self {
        self.removed_days.push(date);
        self.dated = DatedYears::default();
        self
    }

    /// The calendar's identifier (for region calendars, the region code
    /// as requested, upper-cased).
    ///
    /// # Example
    ///
    /// ```
    /// let calendar = redress::calendar::for_region("gb-sct").unwrap();
    /// assert_eq!(calendar.id(), "GB-SCT");
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }

    /// A human-readable name for the calendar.
    ///
    /// # Example
    ///
    /// ```
    /// let calendar = redress::calendar::for_region("GB-WLS").unwrap();
    /// assert_eq!(calendar.name(), "England and Wales bank holidays");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The holiday rules, in the order they were added.
    ///
    /// # Example
    ///
    /// ```
    /// let calendar = redress::calendar::for_region("GB-SCT").unwrap();
    /// assert!(calendar.rules().iter().any(|rule| rule.name == "St Andrew's Day"));
    /// ```
    pub fn rules(&self) -> &[NamedRule] {
        &self.rules
    }

    /// The listed one-off holidays.
    ///
    /// # Example
    ///
    /// ```
    /// let calendar = redress::calendar::for_region("AU").unwrap();
    /// assert!(calendar.extra_days().iter().any(|day| day.date.to_string() == "2022-09-22"));
    /// ```
    pub fn extra_days(&self) -> &[DatedHoliday] {
        &self.extra_days
    }

    /// The listed removed rule dates.
    ///
    /// # Example
    ///
    /// ```
    /// let calendar = redress::calendar::for_region("GB").unwrap();
    /// assert!(calendar.removed_days().iter().any(|day| day.to_string() == "2020-05-04"));
    /// ```
    pub fn removed_days(&self) -> &[NaiveDate] {
        &self.removed_days
    }

    /// Every holiday observed in `year`, sorted by date, with its name.
    ///
    /// Holidays moved off a weekend appear only on the day they are
    /// observed, with " (substitute day)" or, for
    /// [`Observance::NearestWeekday`], " (observed)" appended to the name.
    /// A holiday can be observed in a different year from the one its rule
    /// belongs to: under US federal rules New Year's Day 2022 (a Saturday)
    /// is listed in 2021, on Friday 31 December. Holidays that stay on a
    /// weekend (Easter Sunday, say) are listed too. Years outside chrono's
    /// range give an empty list.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let us = redress::calendar::for_region("US").unwrap();
    /// let holidays = us.holidays_in(2021);
    /// assert_eq!(
    ///     holidays.last(),
    ///     Some(&(NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(), "New Year's Day (observed)".to_string())),
    /// );
    /// ```
    pub fn holidays_in(&self, year: i32) -> Vec<(NaiveDate, String)> {
        let mut holidays: Vec<(NaiveDate, String)> = Vec::new();
        for occurrence in self.occurrences(year) {
            let entry = (
                occurrence.date,
                format!("{}{}", occurrence.name, occurrence.suffix),
            );
            // A one-off day can repeat a rule (German Reformationstag 2017
            // in a Land that keeps it every year): list it once.
            if !holidays.contains(&entry) {
                holidays.push(entry);
            }
        }
        holidays
    }

    /// The name of the holiday observed on `date`, if any (the first, if
    /// several fall on the same day).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let scotland = redress::calendar::for_region("GB-SCT").unwrap();
    /// let day = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
    /// assert_eq!(scotland.holiday_name(day).as_deref(), Some("St Andrew's Day (substitute day)"));
    /// ```
    pub fn holiday_name(&self, date: NaiveDate) -> Option<String> {
        self.occurrences(date.year())
            .into_iter()
            .find(|occurrence| occurrence.date == date)
            .map(|occurrence| format!("{}{}", occurrence.name, occurrence.suffix))
    }

    /// Whether a holiday is observed on `date` (any day listed by
    /// [`holidays_in`](Self::holidays_in); a Saturday Christmas that is
    /// observed on the Monday is not itself reported).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let germany = redress::calendar::for_region("DE").unwrap();
    /// assert!(germany.is_holiday(NaiveDate::from_ymd_opt(2025, 10, 3).unwrap()));
    /// assert!(!germany.is_holiday(NaiveDate::from_ymd_opt(2025, 10, 2).unwrap()));
    /// ```
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.occurrences(date.year())
            .iter()
            .any(|occurrence| occurrence.date == date)
    }

    /// Whether `date` is a working day: Monday to Friday and not a holiday.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let england = redress::calendar::for_region("GB-ENG").unwrap();
    /// assert!(england.is_working_day(NaiveDate::from_ymd_opt(2025, 4, 17).unwrap())); // Thursday
    /// assert!(!england.is_working_day(NaiveDate::from_ymd_opt(2025, 4, 18).unwrap())); // Good Friday
    /// assert!(!england.is_working_day(NaiveDate::from_ymd_opt(2025, 4, 19).unwrap())); // Saturday
    /// ```
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        // A weekday is a holiday exactly when it is among the year's weekday holidays.
        !is_weekend(date)
            && self
                .weekday_holidays(date.year())
                .binary_search(&date)
                .is_err()
    }

    /// The first working day strictly after `date`; `None` if it would lie
    /// beyond chrono's last date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let england = redress::calendar::for_region("GB-ENG").unwrap();
    /// let christmas_eve = NaiveDate::from_ymd_opt(2021, 12, 24).unwrap();
    /// // 25–28 December 2021: weekend, then two substitute days.
    /// assert_eq!(england.next_working_day(christmas_eve), NaiveDate::from_ymd_opt(2021, 12, 29));
    /// ```
    pub fn next_working_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        self.add_working_days(date, 1)
    }

    /// The `n`th working day strictly after `date`.
    ///
    /// `date` itself never counts, whether or not it is a working day, so
    /// one working day after a Saturday is the following Monday (if that is
    /// not a holiday). `n == 0` returns `date` unchanged. The result is
    /// `None` only when it would lie beyond chrono's last date.
    ///
    /// The work is proportional to the number of years crossed, not to `n`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let scotland = redress::calendar::for_region("GB-SCT").unwrap();
    /// let thursday = NaiveDate::from_ymd_opt(2025, 4, 17).unwrap();
    /// // Scotland has Good Friday but no Easter Monday bank holiday.
    /// assert_eq!(scotland.add_working_days(thursday, 2), NaiveDate::from_ymd_opt(2025, 4, 22));
    /// assert_eq!(scotland.add_working_days(NaiveDate::MAX, 1), None);
    /// ```
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        // Every working day is a calendar day, so a count larger than the
        // days left in chrono's range cannot fit; answering early keeps a
        // huge `n` from walking hundreds of thousands of years.
        let days_left = NaiveDate::MAX.signed_duration_since(date).num_days();
        if i64::from(n) > days_left {
            return None;
        }

        let mut remaining = u64::from(n);
        let mut cursor = date;
        while remaining > 0 {
            let end = year_segment_end(cursor)?;
            let holidays = self.weekday_holidays(end.year());
            let available = working_days_in(cursor, end, &holidays);
            if remaining > available {
                // Skip the rest of this year in one step.
                remaining -= available;
                cursor = end;
                continue;
            }
            // The answer is in this year: walk it day by day.
            let mut day = cursor;
            while remaining > 0 {
                day = day.succ_opt()?;
                if !is_weekend(day) && holidays.binary_search(&day).is_err() {
                    remaining -= 1;
                }
            }
            return Some(day);
        }
        Some(cursor)
    }

    /// The number of working days in the half-open range `(start, end]`:
    /// `start` is excluded and `end` included, matching
    /// [`add_working_days`](Self::add_working_days) so that
    /// `working_days_between(d, add_working_days(d, n)) == n`.
    /// Returns 0 when `end` is not after `start`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let england = redress::calendar::for_region("GB-ENG").unwrap();
    /// let thursday = NaiveDate::from_ymd_opt(2025, 4, 17).unwrap();
    /// let next_thursday = NaiveDate::from_ymd_opt(2025, 4, 24).unwrap();
    /// // Fri 18 (Good Friday), Mon 21 (Easter Monday) are holidays: Tue, Wed, Thu remain.
    /// assert_eq!(england.working_days_between(thursday, next_thursday), 3);
    /// assert_eq!(england.working_days_between(next_thursday, thursday), 0);
    /// ```
    pub fn working_days_between(&self, start: NaiveDate, end: NaiveDate) -> u32 {
        let mut total: u64 = 0;
        let mut cursor = start;
        while cursor < end {
            let Some(year_end) = year_segment_end(cursor) else {
                break;
            };
            let segment_end = year_end.min(end);
            let holidays = self.weekday_holidays(segment_end.year());
            total = total.saturating_add(working_days_in(cursor, segment_end, &holidays));
            cursor = segment_end;
        }
        // Chrono's whole range holds fewer than u32::MAX working days.
        u32::try_from(total).unwrap_or(u32::MAX)
    }

    /// The holidays observed in `year`, sorted by date, with names borrowed from the
    /// calendar.
    fn occurrences(&self, year: i32) -> Vec<Occurrence<'_>> {
        // A substitute day can land in a neighbouring year (US New Year's
        // Day on a Saturday is observed on 31 December) and must skip days
        // that are already holidays, so the rules of the years either side
        // are evaluated as well and the result filtered to `year`.
        let rule_years = [year.checked_sub(1), Some(year), year.checked_add(1)];

        let mut settled: Vec<Occurrence<'_>> = Vec::new();
        let mut to_move: Vec<(NaiveDate, &NamedRule)> = Vec::new();
        for rule_year in rule_years.into_iter().flatten() {
            for named in self.rules.iter().filter(|rule| rule.applies_in(rule_year)) {
                let Some(date) = named.rule.date_in(rule_year) else {
                    continue;
                };
                if self.removed_days.contains(&date) {
                    continue;
                }
                if moves_off(date, named.rule.observance()) {
                    to_move.push((date, named));
                } else {
                    settled.push(Occurrence {
                        date,
                        name: &named.name,
                        suffix: "",
                    });
                }
            }
        }
        for extra in &self.extra_days {
            if extra.date.year().abs_diff(year) <= 1 {
                settled.push(Occurrence {
                    date: extra.date,
                    name: &extra.name,
                    suffix: "",
                });
            }
        }

        // Earlier holidays claim substitute days first: Christmas on a
        // Saturday takes the Monday, Boxing Day on the Sunday the Tuesday.
        to_move.sort_by_key(|(date, _)| *date);
        for (date, named) in to_move {
            let observance = named.rule.observance();
            if let Some(observed) = observed_date(date, observance, &settled) {
                settled.push(Occurrence {
                    date: observed,
                    name: &named.name,
                    suffix: substitute_suffix(observance),
                });
            }
        }

        settled.retain(|occurrence| occurrence.date.year() == year);
        // Stable sort keeps rule order for holidays sharing a date.
        settled.sort_by_key(|occurrence| occurrence.date);
        settled
    }

    /// Sorted, distinct holiday dates in `year` that fall Monday to Friday
    /// (the only ones that reduce the number of working days).
    /// The holidays in `year` that fall on a weekday, sorted: kept once worked out for
    /// the years claims use (see [`DatedYears`]).
    fn weekday_holidays(&self, year: i32) -> Cow<'_, [NaiveDate]> {
        match self.dated.slot(year) {
            Some(slot) => Cow::Borrowed(slot.get_or_init(|| self.work_out_weekday_holidays(year))),
            None => Cow::Owned(self.work_out_weekday_holidays(year).into_vec()),
        }
    }

    fn work_out_weekday_holidays(&self, year: i32) -> Box<[NaiveDate]> {
        let mut dates: Vec<NaiveDate> = self
            .occurrences(year)
            .into_iter()
            .map(|occurrence| occurrence.date)
            .filter(|date| !is_weekend(*date))
            .collect();
        dates.sort_unstable();
        dates.dedup();
        dates.into_boxed_slice()
    }
}

/// The day a weekend holiday is observed on, or `None` if that day is
/// outside chrono's range. `taken` are the holidays already placed.
fn observed_date(
    date: NaiveDate,
    observance: Observance,
    taken: &[Occurrence<'_>],
) -> Option<NaiveDate> {
    match observance {
        Observance::Actual => Some(date),
        Observance::NearestWeekday => {
            if date.weekday() == Weekday::Sat {
                date.pred_opt()
            } else {
                date.succ_opt()
            }
        }
        Observance::MondayIfWeekend | Observance::MondayIfSunday => {
            weekday_on_or_after(date, Weekday::Mon)
        }
        Observance::NextFreeWeekday => {
            // Terminates: `taken` is finite, and succ_opt stops at the end
            // of chrono's range.
            let mut day = date;
            loop {
                day = day.succ_opt()?;
                let free = !taken.iter().any(|occurrence| occurrence.date == day);
                if !is_weekend(day) && free {
                    return Some(day);
                }
            }
        }
    }
}

/// How a moved holiday's name is marked, following the usage of the
/// countries that use each style (gov.uk says "substitute day", OPM
/// "observed").
fn substitute_suffix(observance: Observance) -> &'static str {
    match observance {
        Observance::Actual => "",
        Observance::NearestWeekday => " (observed)",
        Observance::NextFreeWeekday | Observance::MondayIfWeekend | Observance::MondayIfSunday => {
            " (substitute day)"
        }
    }
}

/// Whether a fixed-date holiday on `date` is moved to another day under `observance`.
fn moves_off(date: NaiveDate, observance: Observance) -> bool {
    match observance {
        Observance::Actual => false,
        Observance::MondayIfSunday => date.weekday() == Weekday::Sun,
        Observance::NextFreeWeekday | Observance::NearestWeekday | Observance::MondayIfWeekend => {
            is_weekend(date)
        }
    }
}

/// The end of the one-year stretch after `cursor`: 31 December of
/// `cursor`'s year, or of the next year when `cursor` is already
/// 31 December. `None` past chrono's last year.
fn year_segment_end(cursor: NaiveDate) -> Option<NaiveDate> {
    let this_year_end = NaiveDate::from_ymd_opt(cursor.year(), 12, 31)?;
    if cursor < this_year_end {
        Some(this_year_end)
    } else {
        NaiveDate::from_ymd_opt(cursor.year().checked_add(1)?, 12, 31)
    }
}

/// Working days in `(after, through]`, a range inside one calendar year,
/// given that year's sorted weekday holidays.
fn working_days_in(after: NaiveDate, through: NaiveDate, holidays: &[NaiveDate]) -> u64 {
    let weekdays = weekdays_in(after, through);
    let holidays_in_range = holidays
        .iter()
        .filter(|date| **date > after && **date <= through)
        .count();
    weekdays.saturating_sub(u64::try_from(holidays_in_range).unwrap_or(u64::MAX))
}

/// Monday-to-Friday days in `(after, through]`, by arithmetic.
fn weekdays_in(after: NaiveDate, through: NaiveDate) -> u64 {
    let days = u64::try_from(through.signed_duration_since(after).num_days()).unwrap_or(0);
    let full_weeks = days / 7;
    let first = u64::from(after.weekday().num_days_from_monday());
    // The leftover days are the `days % 7` days after `after` (the weekday
    // cycle repeats every seven days); count those that are Monday–Friday.
    let partial = (1..=days % 7)
        .filter(|offset| (first + offset) % 7 < 5)
        .count();
    full_weeks * 5 + u64::try_from(partial).unwrap_or(0)
}
