//! Timelines: outages as exact UTC intervals, merged per service, clipped to
//! periods and measured in local days of the service address's zone.
//!
//! Instants stay in UTC throughout; a local date is derived only when a rule asks
//! for one, in the plan's zone. Every interval is half-open, `[start, end)`.
//! Everything here is interval arithmetic: the cost does not grow with an outage's length.

use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::civil::{elapsed, local_date, local_day_start, local_instant, next_day_start};
use crate::error::{Error, Result};
use crate::outage::{Cause, Exemption, WeatherCategory};

/// One stretch of lost (or degraded) service: outage records of one service that
/// overlap or touch, merged into one interval.
///
/// Its facts come from the records merged into it, each taken in the customer's
/// favour so that adding a record can never lower a credit:
/// - `reported`: the earliest report, where a record without a report counts as
///   reported when it began (the assumption made for a single record too); absent
///   only when no record has a report;
/// - `cause` and `other_causes`: every cause the records name; where they disagree the
///   engine assesses the outage under each and pays the best (see `other_causes`);
/// - `power_restored`: the earliest restoration given, and absent when any
///   power-caused record leaves it unknown;
/// - `customers_affected`: the largest size given;
/// - `degraded`: true only when every record was degraded;
/// - `weather_category`: the lowest category (the shortest standard) of the
///   severe-weather records, and absent when any of them leaves it unknown (a policy then
///   assumes one and says so).
///
/// # Example
/// ```
/// use chrono::{TimeZone, Utc};
/// use redress::timeline::{merge, Spell};
/// let t = |h| Utc.with_ymd_and_hms(2024, 10, 1, h, 0, 0).unwrap();
/// let spells = merge(vec![Spell::between(t(6), t(9)), Spell::between(t(9), t(12))]);
/// assert_eq!(spells.len(), 1);
/// assert_eq!(spells[0].duration().num_hours(), 6);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spell {
    /// When service was lost.
    pub start: DateTime<Utc>,
    /// When it came back, or `as_of` for an outage still ongoing.
    pub end: DateTime<Utc>,
    /// Whether the outage was still ongoing at `as_of`.
    pub ongoing: bool,
    /// When the customer reported it, if known.
    pub reported: Option<DateTime<Utc>>,
    /// How many customers the incident affected, if known.
    pub customers_affected: Option<u64>,
    /// What caused it (where merged records disagree, the first in the order network,
    /// power, severe weather, customer, planned, force majeure).
    pub cause: Cause,
    /// Other causes named by records merged into this spell. A rule sees one cause at a
    /// time; the engine assesses the spell under each and keeps the best for the customer,
    /// so adding a record can never lower a credit by changing the cause.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_causes: Vec<Cause>,
    /// When commercial power came back, for power-caused outages.
    pub power_restored: Option<DateTime<Utc>>,
    /// True when the service was impaired rather than lost throughout.
    pub degraded: bool,
    /// Indices of the claim's outage records merged into this spell (most spells are
    /// one record).
    pub sources: SmallVec<[usize; 2]>,
    /// The provider's exemption notice for the outage, if the claim records one. Spells
    /// merged from records with different notices (or some without) keep none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption: Option<Exemption>,
    /// With a severe-weather cause: the storm's category under Ofgem's standard, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weather_category: Option<WeatherCategory>,
}

impl Spell {
    /// A plain network outage between two instants, with no other facts.
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let s = redress::timeline::Spell::between(Utc.timestamp_opt(0, 0).unwrap(), Utc.timestamp_opt(60, 0).unwrap());
    /// assert_eq!(s.duration().num_seconds(), 60);
    /// ```
    pub fn between(start: DateTime<Utc>, end: DateTime<Utc>) -> Spell {
        Spell {
            start,
            end,
            ongoing: false,
            reported: None,
            customers_affected: None,
            cause: Cause::Network,
            other_causes: Vec::new(),
            power_restored: None,
            degraded: false,
            sources: SmallVec::new(),
            exemption: None,
            weather_category: None,
        }
    }

    /// The exact elapsed length.
    pub fn duration(&self) -> TimeDelta {
        elapsed(self.start, self.end)
    }

    /// The part of the spell inside `[from, to)`, if any.
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let t = |h| Utc.with_ymd_and_hms(2024, 10, 1, h, 0, 0).unwrap();
    /// let s = redress::timeline::Spell::between(t(6), t(12));
    /// assert_eq!(s.clip(t(10), t(20)).unwrap().duration().num_hours(), 2);
    /// assert!(s.clip(t(12), t(20)).is_none());
    /// ```
    pub fn clip(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Option<Spell> {
        let start = self.start.max(from);
        let end = self.end.min(to);
        (start < end).then(|| Spell {
            start,
            end,
            ..self.clone()
        })
    }

    /// Folds a group of overlapping spells (sorted by start) into one.
    fn fold(group: Vec<Spell>) -> Option<Spell> {
        let mut causes: Vec<Cause> = group
            .iter()
            .flat_map(|s| std::iter::once(s.cause).chain(s.other_causes.iter().copied()))
            .collect();
        causes.sort_unstable();
        causes.dedup();
        let cause = causes.first().copied()?;
        let any_report = group.iter().any(|s| s.reported.is_some());
        let reported = group
            .iter()
            .map(|s| s.reported.unwrap_or(s.start))
            .min()
            .filter(|_| any_report);
        let power: Vec<Option<DateTime<Utc>>> = group
            .iter()
            .filter(|s| s.cause == Cause::Power)
            .map(|s| s.power_restored)
            .collect();
        let power_restored = if !power.is_empty() && power.iter().all(Option::is_some) {
            power.into_iter().flatten().min()
        } else {
            None
        };
        // A notice is kept only when every merged record states the same one: a
        // notice for one record is no notice for another.
        let exemption = group
            .first()
            .and_then(|first| first.exemption.clone())
            .filter(|notice| group.iter().all(|s| s.exemption.as_ref() == Some(notice)));
        // The shortest standard the severe-weather records give; none when one of them
        // gives none (`None` is the least of options).
        let weather_category = group
            .iter()
            .filter(|s| s.cause == Cause::SevereWeather)
            .map(|s| s.weather_category)
            .min()
            .flatten();
        let mut merged = Spell {
            start: group.iter().map(|s| s.start).min()?,
            end: group.iter().map(|s| s.end).max()?,
            ongoing: group.iter().any(|s| s.ongoing),
            reported,
            customers_affected: group.iter().filter_map(|s| s.customers_affected).max(),
            cause,
            other_causes: causes.into_iter().skip(1).collect(),
            power_restored,
            degraded: group.iter().all(|s| s.degraded),
            sources: group.into_iter().flat_map(|s| s.sources).collect(),
            exemption,
            weather_category,
        };
        merged.sources.sort_unstable();
        merged.sources.dedup();
        Some(merged)
    }
}

/// Merges spells that overlap or touch into disjoint spells, in time order.
///
/// Touching counts: a spell ending at 09:00 and another starting at 09:00 are one
/// outage, so splitting an outage into adjacent pieces changes nothing.
///
/// # Example
/// ```
/// use chrono::{TimeZone, Utc};
/// use redress::timeline::{merge, Spell};
/// let t = |h| Utc.with_ymd_and_hms(2024, 10, 1, h, 0, 0).unwrap();
/// let merged = merge(vec![Spell::between(t(8), t(10)), Spell::between(t(6), t(9)), Spell::between(t(11), t(12))]);
/// assert_eq!(merged.len(), 2);
/// assert_eq!((merged[0].start, merged[0].end), (t(6), t(10)));
/// ```
pub fn merge(mut spells: Vec<Spell>) -> Vec<Spell> {
    if spells.len() == 1 {
        return spells;
    }
    spells.sort_by_key(|s| (s.start, s.end));
    let mut groups: Vec<(DateTime<Utc>, Vec<Spell>)> = Vec::new();
    for spell in spells {
        match groups.last_mut() {
            Some((end, group)) if spell.start <= *end => {
                *end = (*end).max(spell.end);
                group.push(spell);
            }
            _ => groups.push((spell.end, vec![spell])),
        }
    }
    groups
        .into_iter()
        .filter_map(|(_, group)| Spell::fold(group))
        .collect()
}

/// How many whole local days lie inside `[start, end)`: days whose every instant,
/// from local midnight to the next, is covered.
///
/// # Errors
/// [`Error::Overflow`] at the ends of chrono's date range.
///
/// # Example
/// ```
/// use chrono::{TimeZone, Utc};
/// let s = Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap();
/// let e = Utc.with_ymd_and_hms(2025, 3, 8, 18, 0, 0).unwrap();
/// // Tue 4 to Fri 7 March are whole days; Mon 3 and Sat 8 are not.
/// assert_eq!(redress::timeline::complete_local_days(s, e, chrono_tz::UTC)?, 4);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn complete_local_days(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz) -> Result<i64> {
    if end <= start {
        return Ok(0);
    }
    let first_date = local_date(start, zone);
    let first_full = if local_day_start(first_date, zone)? == start {
        first_date
    } else {
        first_date
            .succ_opt()
            .ok_or_else(|| Error::overflow("day after the outage start"))?
    };
    // The day before end's local date is the last whose end (next midnight) is at or before `end`.
    let last_full = local_date(end, zone)
        .pred_opt()
        .ok_or_else(|| Error::overflow("day before the outage end"))?;
    Ok(((last_full - first_full).num_days() + 1).max(0))
}

/// How many local days carry more than `threshold` of `[start, end)`.
///
/// Days wholly inside the interval are counted without a loop; only the first and
/// last day are measured. `threshold` must be under 23 hours, the shortest local day.
///
/// # Errors
/// [`Error::Invalid`] for a threshold of 23 hours or more; [`Error::Overflow`] at the ends of the date range.
///
/// # Example
/// ```
/// use chrono::{TimeDelta, TimeZone, Utc};
/// // N.J.A.C. 14:18-3.5 (beyond 24 hours, one credit per calendar day, or part of a day
/// // of more than 6 hours, out): TV down Mon 09:00 → Sat 18:00:
/// // Mon 15 h, Tue–Fri whole, Sat 18 h → 6 days with more than 6 hours.
/// let s = Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap();
/// let e = Utc.with_ymd_and_hms(2025, 3, 8, 18, 0, 0).unwrap();
/// assert_eq!(redress::timeline::local_days_more_than(s, e, chrono_tz::UTC, TimeDelta::hours(6))?, 6);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn local_days_more_than(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    zone: Tz,
    threshold: TimeDelta,
) -> Result<i64> {
    if threshold >= TimeDelta::hours(23) {
        return Err(Error::invalid(
            crate::error::FieldPath::root("threshold"),
            "a per-day threshold must be under 23 hours; use whole local days instead",
        ));
    }
    if end <= start {
        return Ok(0);
    }
    let first_date = local_date(start, zone);
    let first_day_end = next_day_start(first_date, zone)?;
    if end <= first_day_end {
        return Ok(i64::from(end - start > threshold));
    }
    let mut count = i64::from(first_day_end - start > threshold);
    let last_date = local_date(end, zone);
    let last_day_start = local_day_start(last_date, zone)?;
    count += i64::from(end - last_day_start > threshold);
    // Days strictly between the first and the last are whole days of at least 23 hours.
    let between = (last_date - first_date).num_days() - 1;
    Ok(count + between.max(0))
}

/// Elapsed time of `[start, end)` that falls inside a daily local window `[from, to)`,
/// counting no further than `stop_after` (a rule that asks "more than 6 hours?" needs
/// no more, so a years-long outage costs a few days of work, not thousands).
///
/// # Errors
/// [`Error::Overflow`] at the ends of chrono's date range.
///
/// # Example
/// ```
/// use chrono::{NaiveTime, TimeDelta, TimeZone, Utc};
/// // RD 899/2009 art. 16 (automatic when more than 6 hours fall within 08:00–22:00):
/// // internet down 23:00 → 07:00 has no hour inside 08:00–22:00.
/// let s = Utc.with_ymd_and_hms(2025, 3, 3, 23, 0, 0).unwrap();
/// let e = Utc.with_ymd_and_hms(2025, 3, 4, 7, 0, 0).unwrap();
/// let window = (NaiveTime::from_hms_opt(8, 0, 0).unwrap(), NaiveTime::from_hms_opt(22, 0, 0).unwrap());
/// let inside = redress::timeline::time_within_daily_window(s, e, chrono_tz::UTC, window, TimeDelta::days(1))?;
/// assert_eq!(inside, TimeDelta::zero());
/// # Ok::<(), redress::Error>(())
/// ```
pub fn time_within_daily_window(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    zone: Tz,
    window: (NaiveTime, NaiveTime),
    stop_after: TimeDelta,
) -> Result<TimeDelta> {
    let mut total = TimeDelta::zero();
    if end <= start {
        return Ok(total);
    }
    let mut date = local_date(start, zone);
    let last = local_date(end, zone);
    while date <= last && total <= stop_after {
        let from = local_instant(date, window.0, zone)?;
        let to = local_instant(date, window.1, zone)?;
        let s = start.max(from);
        let e = end.min(to);
        if s < e {
            total += e - s;
        }
        date = date
            .succ_opt()
            .ok_or_else(|| Error::overflow("day after the outage"))?;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    #[test]
    fn merging_keeps_an_exemption_notice_only_when_every_record_has_it() {
        let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 10, d).unwrap();
        let notice = Exemption::new(day(2)).with_window(Some(day(1)), Some(day(3)));
        let mut a = Spell::between(utc(2024, 10, 1, 6, 0), utc(2024, 10, 1, 9, 0));
        a.exemption = Some(notice.clone());
        let mut b = Spell::between(utc(2024, 10, 1, 8, 0), utc(2024, 10, 1, 12, 0));
        b.exemption = Some(notice.clone());
        let both = merge(vec![a.clone(), b.clone()]);
        assert_eq!(both.len(), 1);
        assert_eq!(both[0].exemption.as_ref(), Some(&notice));
        // A record without the notice: the merged outage has none.
        b.exemption = None;
        assert_eq!(merge(vec![a.clone(), b]).first().unwrap().exemption, None);
        // A record with another notice: none either.
        let mut c = Spell::between(utc(2024, 10, 1, 8, 0), utc(2024, 10, 1, 12, 0));
        c.exemption = Some(Exemption::new(day(4)));
        assert_eq!(merge(vec![a, c]).first().unwrap().exemption, None);
    }

    #[test]
    fn merging_keeps_the_shortest_severe_weather_standard() {
        use crate::outage::WeatherCategory;
        let storm = |h0, h1, category| {
            let mut s = Spell::between(utc(2025, 1, 24, h0, 0), utc(2025, 1, 24, h1, 0));
            s.cause = Cause::SevereWeather;
            s.weather_category = category;
            s
        };
        // Category 2 and category 1 records of one outage: category 1, the 24-hour standard.
        let two = storm(6, 9, Some(WeatherCategory::Two));
        let one = storm(8, 12, Some(WeatherCategory::One));
        let merged = merge(vec![two.clone(), one]);
        assert_eq!(merged[0].weather_category, Some(WeatherCategory::One));
        // A severe-weather record that gives none: none (the policy's assumption decides).
        let merged = merge(vec![two.clone(), storm(8, 12, None)]);
        assert_eq!(merged[0].weather_category, None);
        // A network record beside it gives no category and takes none away.
        let network = Spell::between(utc(2025, 1, 24, 8, 0), utc(2025, 1, 24, 12, 0));
        let merged = merge(vec![two, network]);
        assert_eq!(merged[0].weather_category, Some(WeatherCategory::Two));
    }

    #[test]
    fn merging_keeps_the_earliest_report_and_all_sources() {
        let mut a = Spell::between(utc(2024, 10, 1, 6, 0), utc(2024, 10, 1, 9, 0));
        a.reported = Some(utc(2024, 10, 1, 7, 0));
        a.sources = smallvec::smallvec![0];
        let mut b = Spell::between(utc(2024, 10, 1, 8, 0), utc(2024, 10, 2, 9, 0));
        b.reported = Some(utc(2024, 10, 1, 6, 30));
        b.customers_affected = Some(250);
        b.sources = smallvec::smallvec![1];
        let merged = merge(vec![b, a]);
        assert_eq!(merged.len(), 1);
        let m = &merged[0];
        assert_eq!(
            (m.start, m.end),
            (utc(2024, 10, 1, 6, 0), utc(2024, 10, 2, 9, 0))
        );
        assert_eq!(m.reported, Some(utc(2024, 10, 1, 6, 30)));
        assert_eq!(m.customers_affected, Some(250));
        assert_eq!(m.sources.as_slice(), &[0, 1]);
    }

    #[test]
    fn merged_facts_favour_the_customer() {
        // A record without a report counts as reported when it began: merged with a record
        // reported late, the earlier of the two stands.
        let mut a = Spell::between(utc(2024, 10, 1, 6, 0), utc(2024, 10, 1, 9, 0));
        a.reported = Some(utc(2024, 10, 1, 8, 0));
        let b = Spell::between(utc(2024, 10, 1, 7, 0), utc(2024, 10, 1, 10, 0));
        assert_eq!(
            merge(vec![a.clone(), b])[0].reported,
            Some(utc(2024, 10, 1, 7, 0))
        );
        // Records that disagree on the cause keep every cause, for the engine to try each.
        let mut power = a.clone();
        power.cause = Cause::Power;
        power.power_restored = Some(utc(2024, 10, 1, 7, 0));
        let network = Spell::between(utc(2024, 10, 1, 7, 0), utc(2024, 10, 1, 10, 0));
        let merged = merge(vec![power.clone(), network])[0].clone();
        assert_eq!(merged.cause, Cause::Network);
        assert_eq!(merged.other_causes, vec![Cause::Power]);
        assert_eq!(merged.power_restored, Some(utc(2024, 10, 1, 7, 0)));
        // Two power records: the earliest restoration; one unknown makes it unknown.
        let mut later = power.clone();
        later.power_restored = Some(utc(2024, 10, 1, 8, 0));
        assert_eq!(
            merge(vec![power.clone(), later.clone()])[0].power_restored,
            Some(utc(2024, 10, 1, 7, 0))
        );
        later.power_restored = None;
        assert_eq!(merge(vec![power, later])[0].power_restored, None);
    }

    #[test]
    fn disjoint_spells_stay_apart() {
        let a = Spell::between(utc(2024, 10, 1, 6, 0), utc(2024, 10, 1, 9, 0));
        let b = Spell::between(utc(2024, 10, 1, 9, 1), utc(2024, 10, 1, 10, 0));
        assert_eq!(merge(vec![a, b]).len(), 2);
    }

    #[test]
    fn local_days_follow_the_zone_not_utc() {
        let ny = chrono_tz::America::New_York;
        // 2024-10-01 00:00 to 2024-10-03 00:00 New York time (04:00 UTC): two whole local days.
        let s = utc(2024, 10, 1, 4, 0);
        let e = utc(2024, 10, 3, 4, 0);
        assert_eq!(complete_local_days(s, e, ny).unwrap(), 2);
        // The same instants measured in UTC days: 1 Oct is not whole (starts 04:00), 2 Oct is.
        assert_eq!(complete_local_days(s, e, chrono_tz::UTC).unwrap(), 1);
    }

    #[test]
    fn a_23_hour_dst_day_is_a_whole_day() {
        let london = chrono_tz::Europe::London;
        // Sunday 30 March 2025 in London lasts 23 hours: 00:00 GMT to 00:00 BST (23:00 UTC).
        let s = utc(2025, 3, 30, 0, 0);
        let e = utc(2025, 3, 30, 23, 0);
        assert_eq!(complete_local_days(s, e, london).unwrap(), 1);
        // And a 25-hour day in October: 26 October 2025 00:00 BST (25 Oct 23:00 UTC) to 27 Oct 00:00 GMT.
        let s = utc(2025, 10, 25, 23, 0);
        let e = utc(2025, 10, 27, 0, 0);
        assert_eq!((e - s).num_hours(), 25);
        assert_eq!(complete_local_days(s, e, london).unwrap(), 1);
    }

    #[test]
    fn nj_calendar_day_reading() {
        // N.J.A.C. 14:18-3.5, read by calendar day: TV out Fri 20:00 → Sun 03:00 (31 h): Fri 4 h,
        // Sat 24 h, Sun 3 h → 1 day with more than 6 hours.
        let s = utc(2025, 3, 7, 20, 0);
        let e = utc(2025, 3, 9, 3, 0);
        assert_eq!(
            local_days_more_than(s, e, chrono_tz::UTC, TimeDelta::hours(6)).unwrap(),
            1
        );
        // A single 7-hour spell in one day: one day with more than 6 hours.
        let s = utc(2025, 3, 7, 9, 0);
        let e = utc(2025, 3, 7, 16, 0);
        assert_eq!(
            local_days_more_than(s, e, chrono_tz::UTC, TimeDelta::hours(6)).unwrap(),
            1
        );
        // Exactly 6 hours is not more than 6.
        let e = utc(2025, 3, 7, 15, 0);
        assert_eq!(
            local_days_more_than(s, e, chrono_tz::UTC, TimeDelta::hours(6)).unwrap(),
            0
        );
    }

    #[test]
    fn window_hours_stop_early_on_long_spells() {
        let window = (
            NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
        );
        let s = utc(1900, 1, 1, 0, 0);
        let e = utc(2199, 1, 1, 0, 0);
        let inside =
            time_within_daily_window(s, e, chrono_tz::UTC, window, TimeDelta::hours(6)).unwrap();
        assert!(inside > TimeDelta::hours(6));
        assert!(inside <= TimeDelta::hours(14));
    }

    #[test]
    fn window_hours_on_a_monday_morning() {
        // RD 899/2009 art. 16: internet down Mon 09:00 → Sat 18:00; Monday alone gives 13 hours
        // in 08:00–22:00 (more than 6, so the refund is automatic).
        let window = (
            NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
        );
        let s = utc(2025, 3, 3, 9, 0);
        let e = utc(2025, 3, 3, 23, 0);
        assert_eq!(
            time_within_daily_window(s, e, chrono_tz::UTC, window, TimeDelta::days(1)).unwrap(),
            TimeDelta::hours(13)
        );
    }
}
