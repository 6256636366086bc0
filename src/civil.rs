//! Civil time: instants in UTC, read as local dates and wall-clock times of the
//! service address's zone.
//!
//! Every rule that speaks of "a day" means a local calendar day where the service is
//! delivered; every duration is elapsed time between instants, so a DST change adds
//! or removes nothing. Local dates are derived late, here, and nowhere else.
//!
//! A time as a claim file writes it is a [`When`]: an exact instant with its offset, or
//! a wall-clock date and time that [`When::instant_in`] reads in the plan's zone.

use std::cell::RefCell;

use chrono::{
    DateTime, Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta,
    TimeZone, Utc,
};
use chrono_tz::Tz;

use crate::error::{Error, Result};
use crate::memo::Memo;

mod written;

pub(crate) use written::zone_note;
pub use written::{NotOneInstant, When};

/// The first year redress accepts: a date (an appointment's, an activation's) from
/// 1900-01-01, an instant from 1900-01-01T00:00:00Z.
///
/// An instant's year is its year in UTC, however its offset is written, so one moment
/// gets one answer: `1899-12-31T19:00:00-05:00` is `1900-01-01T00:00:00Z`, and is
/// accepted.
pub const FIRST_SUPPORTED_YEAR: i32 = 1900;
/// The last year redress accepts: a date up to 2199-12-31, an instant before
/// 2200-01-01T00:00:00Z.
///
/// An instant's year is its year in UTC, however its offset is written:
/// `2199-12-31T19:00:00-05:00` is `2200-01-01T00:00:00Z`, and is refused.
pub const LAST_SUPPORTED_YEAR: i32 = 2199;

/// The supported instants, as a message states them.
const SUPPORTED_INSTANTS: &str =
    "write an instant from 1900-01-01T00:00:00Z up to but not including 2200-01-01T00:00:00Z";

/// Why an instant is outside the supported range, or `None` when it is inside.
///
/// The range is of instants, not of how they are written: from 1900-01-01T00:00:00Z
/// up to but not including 2200-01-01T00:00:00Z, whatever the offset. (The date an
/// instant is written with depends on the offset its writer chose; the same moment
/// written with another offset must get the same answer.)
///
/// # Example
/// ```
/// use chrono::DateTime;
/// use redress::civil::instant_outside_supported_range;
/// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
/// // The same instant, however written, gets the same answer.
/// assert!(instant_outside_supported_range(t("2200-01-01T00:00:00Z")).is_some());
/// assert!(instant_outside_supported_range(t("2199-12-31T19:00:00-05:00")).is_some());
/// assert!(instant_outside_supported_range(t("2199-12-31T23:59:59Z")).is_none());
/// assert!(instant_outside_supported_range(t("1900-01-01T01:00:00+01:00")).is_none());
/// ```
pub fn instant_outside_supported_range(instant: DateTime<FixedOffset>) -> Option<String> {
    let utc = instant.naive_utc();
    if (FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR).contains(&utc.year()) {
        return None;
    }
    let written = if instant.offset().local_minus_utc() == 0 {
        String::new()
    } else {
        format!(
            " ({} is {}Z)",
            instant.to_rfc3339(),
            utc.format("%Y-%m-%dT%H:%M:%S")
        )
    };
    Some(format!(
        "{} is outside the supported years {FIRST_SUPPORTED_YEAR}-{LAST_SUPPORTED_YEAR}, \
         counted in UTC{written}; {SUPPORTED_INSTANTS}",
        utc.date()
    ))
}

/// The exact time from `from` to `to` (negative when `to` is earlier): `to - from`,
/// worked out from the two instants' seconds since 1970 and their nanoseconds, which
/// costs less than chrono's subtraction of calendar dates. An instant inside a leap
/// second (chrono's nanoseconds past a billion) is left to chrono's subtraction.
///
/// # Example
/// ```
/// use chrono::{DateTime, TimeDelta, Utc};
/// let from: DateTime<Utc> = "2024-10-01T10:00:00.750Z".parse().unwrap();
/// let to: DateTime<Utc> = "2024-10-02T10:00:00.250Z".parse().unwrap();
/// let took = redress::civil::elapsed(from, to);
/// assert_eq!(took, TimeDelta::hours(24) - TimeDelta::milliseconds(500));
/// assert_eq!(took, to - from);
/// ```
pub fn elapsed(from: DateTime<Utc>, to: DateTime<Utc>) -> TimeDelta {
    const NANOS_PER_SECOND: u32 = 1_000_000_000;
    let (from_nanos, to_nanos) = (from.timestamp_subsec_nanos(), to.timestamp_subsec_nanos());
    if from_nanos >= NANOS_PER_SECOND || to_nanos >= NANOS_PER_SECOND {
        return to - from;
    }
    // Both instants lie within chrono's range of about 262,000 years, so neither the
    // difference of their seconds nor the borrow below can overflow.
    let seconds = to.timestamp() - from.timestamp();
    let (seconds, nanos) = match to_nanos.checked_sub(from_nanos) {
        Some(nanos) => (seconds, nanos),
        None => (seconds - 1, to_nanos + NANOS_PER_SECOND - from_nanos),
    };
    TimeDelta::new(seconds, nanos).unwrap_or_else(|| to - from)
}

/// The local calendar date of an instant in a zone.
///
/// # Example
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// let t = Utc.with_ymd_and_hms(2024, 10, 2, 2, 0, 0).unwrap();
/// // 02:00 UTC is still 1 October in New York.
/// assert_eq!(redress::civil::local_date(t, chrono_tz::America::New_York),
///            NaiveDate::from_ymd_opt(2024, 10, 1).unwrap());
/// ```
pub fn local_date(instant: DateTime<Utc>, zone: Tz) -> NaiveDate {
    // The zone's offset at an instant is found by searching its table of transitions;
    // a claim's items and a batch's accounts ask again and again about the same
    // instants (an area's outages), so each thread keeps the dates it has found.
    thread_local! {
        static DATES: RefCell<Memo<(Tz, i64), NaiveDate>> = RefCell::new(Memo::new(12));
    }
    let key = (zone, instant.timestamp());
    let known = DATES.with(|dates| dates.try_borrow().ok().and_then(|dates| dates.get(&key)));
    if let Some(date) = known {
        return date;
    }
    let date = instant.with_timezone(&zone).date_naive();
    DATES.with(|dates| {
        if let Ok(mut dates) = dates.try_borrow_mut() {
            dates.put(key, date);
        }
    });
    date
}

/// The first instant of a local date in a zone: local midnight, or where a DST gap
/// swallows midnight, the first local time that exists that day.
///
/// # Errors
/// [`Error::Overflow`] at the ends of chrono's date range.
///
/// # Example
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// let d = NaiveDate::from_ymd_opt(2024, 10, 1).unwrap();
/// assert_eq!(redress::civil::local_day_start(d, chrono_tz::America::New_York)?,
///            Utc.with_ymd_and_hms(2024, 10, 1, 4, 0, 0).unwrap());
/// # Ok::<(), redress::Error>(())
/// ```
pub fn local_day_start(date: NaiveDate, zone: Tz) -> Result<DateTime<Utc>> {
    local_instant(date, NaiveTime::MIN, zone)
}

/// The first instant of the day after `date`.
///
/// # Errors
/// [`Error::Overflow`] at the end of chrono's date range.
///
/// # Example
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// let d = NaiveDate::from_ymd_opt(2024, 11, 2).unwrap();
/// // New York leaves daylight time on 3 November: its midnight is 04:00 UTC.
/// assert_eq!(redress::civil::next_day_start(d, chrono_tz::America::New_York)?,
///            Utc.with_ymd_and_hms(2024, 11, 3, 4, 0, 0).unwrap());
/// # Ok::<(), redress::Error>(())
/// ```
pub fn next_day_start(date: NaiveDate, zone: Tz) -> Result<DateTime<Utc>> {
    let next = date
        .succ_opt()
        .ok_or_else(|| Error::overflow(format!("the day after {date}")))?;
    local_day_start(next, zone)
}

/// `date + days`, checked.
///
/// # Errors
/// [`Error::Overflow`] outside chrono's date range.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2024, 2, 28).unwrap();
/// assert_eq!(redress::civil::add_days(d, 2)?, NaiveDate::from_ymd_opt(2024, 3, 1).unwrap());
/// # Ok::<(), redress::Error>(())
/// ```
pub fn add_days(date: NaiveDate, days: i64) -> Result<NaiveDate> {
    TimeDelta::try_days(days)
        .and_then(|d| date.checked_add_signed(d))
        .ok_or_else(|| Error::overflow(format!("{date} + {days} days")))
}

/// The instant a local wall-clock time occurs on a date (the earlier one in a DST
/// overlap, the first existing time after a DST gap).
///
/// # Errors
/// [`Error::Overflow`] at the ends of chrono's date range.
///
/// # Example
/// ```
/// use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
/// let d = NaiveDate::from_ymd_opt(2025, 3, 30).unwrap();
/// // 01:30 does not exist in London on 30 March 2025: the clocks jump to 02:00 BST.
/// let t = NaiveTime::from_hms_opt(1, 30, 0).unwrap();
/// assert_eq!(redress::civil::local_instant(d, t, chrono_tz::Europe::London)?,
///            Utc.with_ymd_and_hms(2025, 3, 30, 1, 0, 0).unwrap());
/// # Ok::<(), redress::Error>(())
/// ```
pub fn local_instant(date: NaiveDate, time: NaiveTime, zone: Tz) -> Result<DateTime<Utc>> {
    // Finding a local time's instant searches the zone's table of transitions, and the
    // same days and hours come back for every item of a claim and every account of a
    // batch: each thread keeps the instants it has found (a bounded number of them).
    thread_local! {
        static FOUND: RefCell<Memo<(Tz, NaiveDateTime), DateTime<Utc>>> = RefCell::new(Memo::new(12));
    }
    let local = date.and_time(time);
    let known = FOUND.with(|found| {
        found
            .try_borrow()
            .ok()
            .and_then(|found| found.get(&(zone, local)))
    });
    if let Some(instant) = known {
        return Ok(instant);
    }
    let instant = find_instant(local, zone)?;
    FOUND.with(|found| {
        if let Ok(mut found) = found.try_borrow_mut() {
            found.put((zone, local), instant);
        }
    });
    Ok(instant)
}

/// [`local_instant`], worked out: a time in a DST gap moves on by quarter-hours to the
/// first that exists (a gap is at most a few hours; 96 quarter-hours cover any day).
fn find_instant(wall: NaiveDateTime, zone: Tz) -> Result<DateTime<Utc>> {
    let mut local = wall;
    for _ in 0..=96 {
        match zone.from_local_datetime(&local) {
            LocalResult::Single(t) => return Ok(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(earliest, _) => return Ok(earliest.with_timezone(&Utc)),
            LocalResult::None => {
                local = local
                    .checked_add_signed(TimeDelta::minutes(15))
                    .ok_or_else(|| Error::overflow(format!("{wall} in {zone}")))?;
            }
        }
    }
    Err(Error::overflow(format!("{wall} does not exist in {zone}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    /// `elapsed` is chrono's subtraction, to the nanosecond and either way round: over
    /// all of chrono's years, with nanoseconds (leap seconds included) on both sides.
    #[test]
    fn elapsed_is_chronos_subtraction() {
        use proptest::prelude::*;
        let instant = (
            DateTime::<Utc>::MIN_UTC.timestamp()..=DateTime::<Utc>::MAX_UTC.timestamp(),
            prop_oneof![
                Just(0u32),
                0u32..1_000_000_000,
                1_000_000_000u32..2_000_000_000
            ],
        )
            .prop_filter_map("a chrono instant", |(seconds, nanos)| {
                DateTime::<Utc>::from_timestamp(seconds, nanos)
            });
        let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
            cases: 20_000,
            ..Default::default()
        });
        runner
            .run(&(instant.clone(), instant), |(from, to)| {
                prop_assert_eq!(elapsed(from, to), to - from, "{} → {}", from, to);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn day_start_in_a_zone_whose_dst_gap_swallows_midnight() {
        // America/Santiago moved clocks from 00:00 to 01:00 on 8 September 2024.
        let d = NaiveDate::from_ymd_opt(2024, 9, 8).unwrap();
        let start = local_day_start(d, chrono_tz::America::Santiago).unwrap();
        assert_eq!(start, utc(2024, 9, 8, 4, 0));
    }
}
