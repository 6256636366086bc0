//! Billing cycles: the periods a plan is billed by, each starting at local midnight
//! on the anchor day of its month in the service address's zone.

use std::cell::RefCell;
use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::civil::{local_date, local_day_start};
use crate::error::{Error, FieldPath, Result};
use crate::memo::Memo;

/// Billing periods that start on an anchor day of each month, at local midnight in
/// the service address's zone. A 31st anchor starts February's period on the 28th
/// (29th in leap years) and March's on the 31st again: every boundary is computed
/// from the anchor and the period's month, never by adding months one after another.
///
/// Periods are half-open: a period includes its start instant and excludes its end,
/// which is the next period's start.
///
/// # Example
/// ```
/// use redress::BillingCycle;
/// use chrono::NaiveDate;
/// let cycle = BillingCycle::new(31, chrono_tz::UTC)?;
/// let feb = cycle.period_of_month(2024, 2)?;
/// assert_eq!(feb.first_day(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
/// assert_eq!(feb.last_day(), NaiveDate::from_ymd_opt(2024, 3, 30).unwrap());
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BillingCycle {
    anchor_day: u8,
    zone: Tz,
}

/// One billing period: `[start, end)` in UTC, with the local dates it covers.
///
/// # Example
/// ```
/// use redress::BillingCycle;
/// let p = BillingCycle::new(1, chrono_tz::Europe::London)?.period_of_month(2025, 3)?;
/// // March 2025 in London has a DST change: 31 days but 743 hours.
/// assert_eq!(p.days(), 31);
/// assert_eq!(p.duration().num_hours(), 743);
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BillingPeriod {
    /// The first instant of the period.
    pub start: DateTime<Utc>,
    /// The first instant after the period (the next period's start).
    pub end: DateTime<Utc>,
    first_day: NaiveDate,
    next_first_day: NaiveDate,
}

impl BillingPeriod {
    /// The local date the period starts on.
    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// The last local date inside the period.
    pub fn last_day(&self) -> NaiveDate {
        self.next_first_day
            .pred_opt()
            .unwrap_or(self.next_first_day)
    }

    /// How many local calendar days the period has.
    pub fn days(&self) -> i64 {
        (self.next_first_day - self.first_day).num_days()
    }

    /// The exact elapsed length of the period (a DST change makes it an hour longer or shorter).
    pub fn duration(&self) -> TimeDelta {
        self.end - self.start
    }

    /// Whether an instant falls inside `[start, end)`.
    ///
    /// # Example
    /// ```
    /// let p = redress::BillingCycle::new(1, chrono_tz::UTC)?.period_of_month(2025, 1)?;
    /// assert!(p.contains(p.start));
    /// assert!(!p.contains(p.end));
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn contains(&self, instant: DateTime<Utc>) -> bool {
        self.start <= instant && instant < self.end
    }
}

impl fmt::Display for BillingPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {}", self.first_day, self.last_day())
    }
}

impl BillingCycle {
    /// A cycle starting on `anchor_day` (1-31) of each month in `zone`.
    ///
    /// # Errors
    /// [`Error::Invalid`] for an anchor outside 1-31.
    ///
    /// # Example
    /// ```
    /// assert!(redress::BillingCycle::new(0, chrono_tz::UTC).is_err());
    /// assert!(redress::BillingCycle::new(31, chrono_tz::UTC).is_ok());
    /// ```
    pub fn new(anchor_day: u8, zone: Tz) -> Result<BillingCycle> {
        if !(1..=31).contains(&anchor_day) {
            return Err(Error::invalid(
                FieldPath::root("plan").field("billing_day"),
                format!("must be a day of the month, 1-31 (got {anchor_day})"),
            ));
        }
        Ok(BillingCycle { anchor_day, zone })
    }

    /// The cycle of calendar months (anchor day 1) in a zone.
    ///
    /// # Example
    /// ```
    /// let c = redress::BillingCycle::calendar_months(chrono_tz::Europe::Madrid);
    /// assert_eq!(c.anchor_day(), 1);
    /// ```
    pub fn calendar_months(zone: Tz) -> BillingCycle {
        BillingCycle {
            anchor_day: 1,
            zone,
        }
    }

    /// The anchor day.
    pub fn anchor_day(&self) -> u8 {
        self.anchor_day
    }

    /// The anchor date in a month: the anchor day, or the month's last day if shorter.
    fn anchor_date(&self, month_index: i64) -> Result<NaiveDate> {
        let (year, month) = month_from_index(month_index)?;
        let mut day = u32::from(self.anchor_day);
        loop {
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                return Ok(date);
            }
            if day <= 28 {
                return Err(Error::overflow(format!(
                    "billing period in {year}-{month:02}"
                )));
            }
            day -= 1;
        }
    }

    /// The period starting in a month, by the month's index (year × 12 + month − 1).
    ///
    /// Each thread keeps the periods it has worked out (a bounded number of them): the
    /// same few periods come back for every item of a claim and every account of a
    /// batch, and each takes two searches of the zone's table of transitions.
    fn period_at(&self, month_index: i64) -> Result<BillingPeriod> {
        thread_local! {
            static PERIODS: RefCell<Memo<(Tz, u8, i64), BillingPeriod>> = RefCell::new(Memo::new(12));
        }
        let key = (self.zone, self.anchor_day, month_index);
        let known = PERIODS.with(|periods| {
            periods
                .try_borrow()
                .ok()
                .and_then(|periods| periods.get(&key))
        });
        if let Some(period) = known {
            return Ok(period);
        }
        let period = self.work_out_period(month_index)?;
        PERIODS.with(|periods| {
            if let Ok(mut periods) = periods.try_borrow_mut() {
                periods.put(key, period);
            }
        });
        Ok(period)
    }

    fn work_out_period(&self, month_index: i64) -> Result<BillingPeriod> {
        let first_day = self.anchor_date(month_index)?;
        let next_index = month_index
            .checked_add(1)
            .ok_or_else(|| Error::overflow("billing period index"))?;
        let next_first_day = self.anchor_date(next_index)?;
        Ok(BillingPeriod {
            start: local_day_start(first_day, self.zone)?,
            end: local_day_start(next_first_day, self.zone)?,
            first_day,
            next_first_day,
        })
    }

    /// The period that starts in a given month.
    ///
    /// # Errors
    /// [`Error::Invalid`] for a month outside 1-12; [`Error::Overflow`] outside chrono's dates.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// let p = redress::BillingCycle::new(5, chrono_tz::America::New_York)?.period_of_month(2024, 9)?;
    /// assert_eq!(p.first_day(), NaiveDate::from_ymd_opt(2024, 9, 5).unwrap());
    /// assert_eq!(p.days(), 30);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn period_of_month(&self, year: i32, month: u32) -> Result<BillingPeriod> {
        if !(1..=12).contains(&month) {
            return Err(Error::invalid(
                FieldPath::root("month"),
                format!("{month} is not a month"),
            ));
        }
        self.period_at(i64::from(year) * 12 + i64::from(month) - 1)
    }

    /// The period containing an instant.
    ///
    /// # Errors
    /// [`Error::Overflow`] near the ends of chrono's date range.
    ///
    /// # Example
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// let cycle = redress::BillingCycle::new(5, chrono_tz::UTC)?;
    /// let p = cycle.period_containing(Utc.with_ymd_and_hms(2024, 10, 3, 12, 0, 0).unwrap())?;
    /// assert_eq!(p.first_day(), NaiveDate::from_ymd_opt(2024, 9, 5).unwrap());
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn period_containing(&self, instant: DateTime<Utc>) -> Result<BillingPeriod> {
        self.indexed_period_containing(instant)
            .map(|(_, period)| period)
    }

    /// [`BillingCycle::period_containing`], with the index of the month it starts in.
    fn indexed_period_containing(&self, instant: DateTime<Utc>) -> Result<(i64, BillingPeriod)> {
        let date = local_date(instant, self.zone);
        let index = i64::from(date.year()) * 12 + i64::from(date.month0());
        let this = self.period_at(index)?;
        if this.contains(instant) {
            return Ok((index, this));
        }
        let other = if instant < this.start {
            index - 1
        } else {
            index + 1
        };
        Ok((other, self.period_at(other)?))
    }

    /// The periods that `[start, end)` touches, in order.
    ///
    /// # Errors
    /// [`Error::Overflow`] near the ends of chrono's date range.
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let cycle = redress::BillingCycle::new(1, chrono_tz::UTC)?;
    /// let start = Utc.with_ymd_and_hms(2024, 1, 31, 12, 0, 0).unwrap();
    /// let end = Utc.with_ymd_and_hms(2024, 3, 1, 0, 0, 0).unwrap();
    /// assert_eq!(cycle.periods_between(start, end)?.len(), 2); // January and February
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn periods_between(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<BillingPeriod>> {
        let mut periods = Vec::new();
        self.each_period(start, end, |period| periods.push(period))?;
        Ok(periods)
    }

    /// Calls `each` with every period that `[start, end)` touches, in order.
    pub(crate) fn each_period(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        mut each: impl FnMut(BillingPeriod),
    ) -> Result<()> {
        if end <= start {
            return Ok(());
        }
        // Each period ends where the next month's begins.
        let (mut index, mut period) = self.indexed_period_containing(start)?;
        loop {
            let next_start = period.end;
            each(period);
            if next_start >= end {
                return Ok(());
            }
            index = index
                .checked_add(1)
                .ok_or_else(|| Error::overflow("billing period index"))?;
            period = self.period_at(index)?;
        }
    }
}

fn month_from_index(index: i64) -> Result<(i32, u32)> {
    let year =
        i32::try_from(index.div_euclid(12)).map_err(|_| Error::overflow("billing period year"))?;
    let month = u32::try_from(index.rem_euclid(12) + 1)
        .map_err(|_| Error::overflow("billing period month"))?;
    Ok((year, month))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn anchor_31_clamps_each_month_from_the_anchor_not_the_previous_period() {
        // The drift others fell into: 31 Jan → 28 Feb → 28 Mar. From the anchor: 31 Jan, 28 Feb, 31 Mar.
        let cycle = BillingCycle::new(31, chrono_tz::UTC).unwrap();
        let firsts: Vec<NaiveDate> = (1..=4)
            .map(|m| cycle.period_of_month(2023, m).unwrap().first_day())
            .collect();
        assert_eq!(
            firsts,
            vec![
                date(2023, 1, 31),
                date(2023, 2, 28),
                date(2023, 3, 31),
                date(2023, 4, 30)
            ]
        );
    }

    #[test]
    fn anchor_29_and_30_in_february_of_leap_and_common_years() {
        for (anchor, year, want) in [
            (29, 2024, 29),
            (29, 2023, 28),
            (30, 2024, 29),
            (30, 2100, 28),
            (29, 2000, 29),
        ] {
            let p = BillingCycle::new(anchor, chrono_tz::UTC)
                .unwrap()
                .period_of_month(year, 2)
                .unwrap();
            assert_eq!(
                p.first_day(),
                date(year, 2, want),
                "anchor {anchor} in {year}"
            );
        }
    }

    #[test]
    fn period_lengths_follow_the_calendar() {
        // Anchor 31: Feb 2024 period runs 29 Feb → 30 Mar (31 days: 29 Feb + 30 March days).
        let p = BillingCycle::new(31, chrono_tz::UTC)
            .unwrap()
            .period_of_month(2024, 2)
            .unwrap();
        assert_eq!(p.days(), 31);
        // Anchor 31: Jan 2023 period runs 31 Jan → 27 Feb (28 days).
        let p = BillingCycle::new(31, chrono_tz::UTC)
            .unwrap()
            .period_of_month(2023, 1)
            .unwrap();
        assert_eq!(p.days(), 28);
    }

    #[test]
    fn periods_start_at_local_midnight_across_dst() {
        let ny = chrono_tz::America::New_York;
        let cycle = BillingCycle::new(1, ny).unwrap();
        // November 2024: DST ends 3 Nov, so 30 days are 721 hours.
        let nov = cycle.period_of_month(2024, 11).unwrap();
        assert_eq!(
            nov.start,
            Utc.with_ymd_and_hms(2024, 11, 1, 4, 0, 0).unwrap()
        );
        assert_eq!(nov.duration().num_hours(), 721);
        // March 2024: DST starts 10 Mar, so 31 days are 743 hours.
        assert_eq!(
            cycle
                .period_of_month(2024, 3)
                .unwrap()
                .duration()
                .num_hours(),
            743
        );
    }

    #[test]
    fn period_containing_respects_the_half_open_boundary() {
        let cycle = BillingCycle::new(5, chrono_tz::UTC).unwrap();
        let boundary = Utc.with_ymd_and_hms(2024, 10, 5, 0, 0, 0).unwrap();
        assert_eq!(
            cycle.period_containing(boundary).unwrap().first_day(),
            date(2024, 10, 5)
        );
        let before = boundary - TimeDelta::seconds(1);
        assert_eq!(
            cycle.period_containing(before).unwrap().first_day(),
            date(2024, 9, 5)
        );
    }
}
