//! Times as people write them: an exact instant with its offset, or a wall-clock date
//! and time that the service address's zone turns into an instant.
//!
//! [`When`] keeps what was written; [`When::instant_in`] resolves it in a zone, refusing
//! a wall-clock time that the zone skipped (a DST gap) or went through twice (a DST
//! fold), and a date alone.

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone,
    Timelike,
};
use chrono_tz::Tz;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::visible::visible;

/// A time as the claim file writes it, kept as written.
///
/// - [`When::Exact`]: an instant with its offset (`2024-10-01T06:00:00-04:00`,
///   `2024-10-01T10:00:00Z`, `2024-10-01 06:00-04:00`): the same moment wherever it is read.
/// - [`When::Local`]: a date and wall-clock time without an offset
///   (`2024-10-01T06:00`, `2024-10-01T06:00:00`, `2024-10-01 06:00`): read in the plan's
///   `time_zone` when the [`Case`](crate::Case) is made.
/// - [`When::Date`]: a date alone (`2024-10-01`): kept so that the refusal can say
///   what to write; a field that needs an instant refuses it.
///
/// A TOML file may also write these unquoted, as TOML's own date-times
/// (`start = 2024-10-01T06:00:00-04:00`, `start = 2024-10-01T06:00:00`), with the
/// same meaning as the quoted text. A value is written back (serialized) as text in
/// the same form: an exact instant with the offset it was written with, a local time
/// without one.
///
/// # Example
/// ```
/// use redress::civil::When;
/// let local: When = "2024-10-01 06:00".parse()?;
/// let exact: When = "2024-10-01T06:00:00-04:00".parse()?;
/// let zone = chrono_tz::America::New_York;
/// // In New York, 06:00 on 1 October is 06:00 at -04:00: the same instant.
/// assert_eq!(local.instant_in(zone)?, exact.instant_in(zone)?);
/// assert_eq!(local.to_string(), "2024-10-01T06:00:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum When {
    /// An instant, with the offset it was written with.
    Exact(DateTime<FixedOffset>),
    /// A wall-clock date and time, to be read in the plan's zone.
    Local(NaiveDateTime),
    /// A date alone: not an instant.
    Date(NaiveDate),
}

/// Why a written time names no single instant: a wall-clock time the zone skipped or
/// went through twice, a date alone, or text that is not a date and time.
///
/// # Example
/// ```
/// use redress::civil::When;
/// let fold: When = "2024-11-03T01:30".parse()?;
/// let err = fold.instant_in(chrono_tz::America::New_York).unwrap_err();
/// assert!(err.to_string().contains("write 2024-11-03T01:30-04:00 for the first"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotOneInstant(String);

impl fmt::Display for NotOneInstant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotOneInstant {}

impl From<DateTime<FixedOffset>> for When {
    fn from(instant: DateTime<FixedOffset>) -> When {
        When::Exact(instant)
    }
}

impl From<DateTime<chrono::Utc>> for When {
    fn from(instant: DateTime<chrono::Utc>) -> When {
        When::Exact(instant.fixed_offset())
    }
}

impl From<NaiveDateTime> for When {
    fn from(local: NaiveDateTime) -> When {
        When::Local(local)
    }
}

impl When {
    /// The instant, when written with its offset.
    ///
    /// # Example
    /// ```
    /// use redress::civil::When;
    /// assert!("2024-10-01T06:00:00Z".parse::<When>()?.exact().is_some());
    /// assert!("2024-10-01T06:00".parse::<When>()?.exact().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn exact(&self) -> Option<DateTime<FixedOffset>> {
        match self {
            When::Exact(instant) => Some(*instant),
            When::Local(_) | When::Date(_) => None,
        }
    }

    /// The instant meant, read in `zone`: an exact instant as written; a wall-clock
    /// time at the zone's offset then.
    ///
    /// # Errors
    /// [`NotOneInstant`], saying what to write instead, for a wall-clock time the zone
    /// skipped (a DST gap) or went through twice (a DST fold, naming both offsets), and
    /// for a date alone.
    ///
    /// # Example
    /// ```
    /// use redress::civil::When;
    /// let zone = chrono_tz::America::New_York;
    /// let t: When = "2024-07-19T03:00".parse()?;
    /// assert_eq!(t.instant_in(zone)?.to_rfc3339(), "2024-07-19T03:00:00-04:00");
    /// let gap: When = "2024-03-10T02:30".parse()?;
    /// assert_eq!(
    ///     gap.instant_in(zone).unwrap_err().to_string(),
    ///     "2024-03-10T02:30 did not happen in America/New_York: clocks went from 02:00 \
    ///      to 03:00; write an instant with its offset, such as 2024-03-10T03:30-04:00 \
    ///      or 2024-03-10T01:30-05:00"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn instant_in(&self, zone: Tz) -> Result<DateTime<FixedOffset>, NotOneInstant> {
        self.resolve(zone, "an instant").map_err(NotOneInstant)
    }

    /// [`When::instant_in`], the refusal naming the field (`start needs a time too`).
    pub(crate) fn resolve(&self, zone: Tz, field: &str) -> Result<DateTime<FixedOffset>, String> {
        match *self {
            When::Exact(instant) => Ok(instant),
            When::Local(local) => match zone.from_local_datetime(&local) {
                LocalResult::Single(t) => Ok(t.fixed_offset()),
                LocalResult::Ambiguous(first, second) => Err(fold(
                    local,
                    zone,
                    first.offset().fix(),
                    second.offset().fix(),
                )),
                LocalResult::None => Err(gap(local, zone)),
            },
            When::Date(date) => Err(date_alone(date, zone, field)),
        }
    }

    /// A note when an exact instant's offset is not the zone's offset at that instant
    /// (an instant written in UTC, `Z` or `+00:00`, is taken as deliberate and gets
    /// none): `label` names the field in the note ("start of outage 1").
    pub(crate) fn offset_note(&self, zone: Tz, label: &str) -> Option<String> {
        let When::Exact(instant) = *self else {
            return None;
        };
        let written = *instant.offset();
        let there = zone.offset_from_utc_datetime(&instant.naive_utc()).fix();
        if written.local_minus_utc() == 0 || written == there {
            return None;
        }
        Some(format!(
            "{label} was written {written} ({}); {} was at {there} then, so it is taken \
             as that instant, {} there",
            short(instant),
            place(zone),
            short(instant.with_timezone(&there)),
        ))
    }
}

/// "New York (America/New_York)", or the zone's name where it names no city.
pub(crate) fn place(zone: Tz) -> String {
    let name = zone.name();
    match name.rsplit_once('/') {
        Some((_, city)) if !name.starts_with("Etc/") => {
            format!("{} ({name})", city.replace('_', " "))
        }
        _ => name.to_owned(),
    }
}

/// A local time as a person writes it: minutes, and seconds only where there are any.
fn wall(local: NaiveDateTime) -> String {
    if local.second() == 0 && local.nanosecond() == 0 {
        local.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        local.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
    }
}

/// An instant as a person writes it, with its offset.
fn short(instant: DateTime<FixedOffset>) -> String {
    format!("{}{}", wall(instant.naive_local()), instant.offset())
}

fn fold(local: NaiveDateTime, zone: Tz, first: FixedOffset, second: FixedOffset) -> String {
    let at = |offset: FixedOffset| format!("{}{offset}", wall(local));
    format!(
        "{} happened twice in {}: write {} for the first or {} for the second",
        wall(local),
        zone.name(),
        at(first),
        at(second)
    )
}

/// A wall-clock time the zone skipped: when its clocks jumped, and both ways to write
/// an instant near it.
fn gap(local: NaiveDateTime, zone: Tz) -> String {
    let day = TimeDelta::days(1);
    let offset_at = |t: NaiveDateTime| zone.offset_from_utc_datetime(&t).fix();
    let (before, after) = match (local.checked_sub_signed(day), local.checked_add_signed(day)) {
        (Some(a), Some(b)) => (offset_at(a), offset_at(b)),
        _ => {
            return format!(
                "{} did not happen in {}; write an instant with its offset",
                wall(local),
                zone.name()
            )
        }
    };
    let jump = TimeDelta::seconds(i64::from(
        after.local_minus_utc() - before.local_minus_utc(),
    ));
    let clocks = jumped_at(local, zone, before, after)
        .and_then(|from| Some((from, from.checked_add_signed(jump)?)))
        .map(|(from, to)| {
            format!(
                ": clocks went from {} to {}",
                from.format("%H:%M"),
                to.format("%H:%M")
            )
        })
        .unwrap_or_default();
    let such_as = match (
        local.checked_add_signed(jump),
        local.checked_sub_signed(jump),
    ) {
        (Some(later), Some(earlier)) => format!(
            ", such as {}{after} or {}{before}",
            wall(later),
            wall(earlier)
        ),
        _ => String::new(),
    };
    format!(
        "{} did not happen in {}{clocks}; write an instant with its offset{such_as}",
        wall(local),
        zone.name(),
    )
}

/// The wall-clock time (at the old offset) at which the zone's clocks jumped over
/// `local`: the instant of the change is found by halving the span in which the offset
/// went from `before` to `after`.
fn jumped_at(
    local: NaiveDateTime,
    zone: Tz,
    before: FixedOffset,
    after: FixedOffset,
) -> Option<NaiveDateTime> {
    let offset_at = |t: NaiveDateTime| zone.offset_from_utc_datetime(&t).fix();
    // `local` read at the new offset is an instant before the change; at the old
    // offset, one after it.
    let mut early = local.checked_sub_signed(TimeDelta::seconds(after.local_minus_utc().into()))?;
    let mut late = local.checked_sub_signed(TimeDelta::seconds(before.local_minus_utc().into()))?;
    if offset_at(early) != before || offset_at(late) != after {
        return None;
    }
    while late - early > TimeDelta::seconds(1) {
        let middle = early.checked_add_signed((late - early) / 2)?;
        if offset_at(middle) == before {
            early = middle;
        } else {
            late = middle;
        }
    }
    let at = late.checked_add_signed(TimeDelta::seconds(before.local_minus_utc().into()))?;
    at.with_nanosecond(0)
}

fn date_alone(date: NaiveDate, zone: Tz, field: &str) -> String {
    let noon = date.and_hms_opt(12, 0, 0);
    let example = noon.and_then(|noon| match zone.from_local_datetime(&noon) {
        LocalResult::Single(t) => Some((wall(noon), short(t.fixed_offset()))),
        _ => None,
    });
    let needs = if field == "an instant" {
        "an instant needs a time too".to_owned()
    } else {
        format!("`{field}` needs a time too")
    };
    match example {
        Some((local, exact)) => format!(
            "`{date}` is a date; {needs}, such as {local} (read in {}) or {exact}",
            zone.name()
        ),
        None => format!("`{date}` is a date; {needs}, with its offset"),
    }
}

impl fmt::Display for When {
    /// The time in the form it was written: RFC 3339 with its offset, a local date and
    /// time without one, or a date.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Exact(t) => f.write_str(&t.to_rfc3339()),
            When::Local(t) => write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S%.f")),
            When::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

/// What to write, as messages show it.
const WRITE: &str = "write a date and time such as \"2024-10-01T06:00\" (read in the plan's \
                     time_zone) or, with its offset, \"2024-10-01T06:00:00-04:00\"";

impl FromStr for When {
    type Err = NotOneInstant;

    /// Reads `YYYY-MM-DD`, then `T`, `t` or a space and `HH:MM`, `HH:MM:SS` or
    /// `HH:MM:SS.fff`, then optionally an offset (`Z`, `+HH:MM`, `-HH:MM`, `-HHMM`); or a
    /// date alone. Spaces around the whole are ignored.
    fn from_str(text: &str) -> Result<When, NotOneInstant> {
        parse(text).map_err(NotOneInstant)
    }
}

fn parse(text: &str) -> Result<When, String> {
    let s = text.trim();
    let not_real = || {
        format!(
            "`{}` is not a real date and time (a day such as 30 February, or an hour past 23)",
            visible(s)
        )
    };
    let unread = || format!("`{}` is not a date and time; {WRITE}", visible(s));
    if s.len() == 10 {
        return NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(When::Date)
            .map_err(|e| {
                if is_impossible(&e) {
                    not_real()
                } else {
                    unread()
                }
            });
    }
    if !s.is_char_boundary(10) || !matches!(s.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
        if s.len() <= 12 && s.contains(':') && !s.contains('-') {
            return Err(format!(
                "`{}` is a time without a date; write the date too, such as \"2024-10-01T{}\"",
                visible(s),
                visible(s)
            ));
        }
        return Err(unread());
    }
    let (body, offset) = split_offset(s).ok_or_else(unread)?;
    let (Some(date), Some(time)) = (body.get(..10), body.get(11..)) else {
        return Err(unread());
    };
    let body = format!("{date}T{time}");
    // With seconds, else without: an impossible date or hour is said to be so by
    // whichever form reads the rest of the text.
    let mut impossible = false;
    let mut read = None;
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        match NaiveDateTime::parse_from_str(&body, format) {
            Ok(t) => {
                read = Some(t);
                break;
            }
            Err(e) => impossible |= is_impossible(&e),
        }
    }
    let local = match read {
        Some(t) => t,
        None if impossible => return Err(not_real()),
        None => return Err(unread()),
    };
    match offset {
        None => Ok(When::Local(local)),
        Some(offset) => match offset.from_local_datetime(&local) {
            LocalResult::Single(t) => Ok(When::Exact(t)),
            _ => Err(unread()),
        },
    }
}

/// Whether chrono read the text but found no such date or time (30 February, hour 25).
fn is_impossible(e: &chrono::ParseError) -> bool {
    use chrono::format::ParseErrorKind;
    matches!(
        e.kind(),
        ParseErrorKind::OutOfRange | ParseErrorKind::Impossible
    )
}

/// The text before its offset, and the offset if one is written: `Z`/`z`, `±HH:MM` or
/// `±HHMM`, after a time. `None` for an offset out of range.
fn split_offset(s: &str) -> Option<(&str, Option<FixedOffset>)> {
    if let Some(body) = s.strip_suffix(['Z', 'z']) {
        return Some((body, FixedOffset::east_opt(0)));
    }
    let time = s.get(11..)?;
    let Some(at) = time.rfind(['+', '-']) else {
        return Some((s, None));
    };
    let (body, offset) = (s.get(..11 + at)?, s.get(11 + at..)?);
    let digits: String = offset.chars().skip(1).filter(|c| *c != ':').collect();
    let well_formed = digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (offset.len() == 5 || offset.as_bytes().get(3) == Some(&b':') && offset.len() == 6);
    if !well_formed {
        return None;
    }
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..)?.parse().ok()?;
    if minutes >= 60 {
        return None;
    }
    let seconds = hours * 3600 + minutes * 60;
    let seconds = if offset.starts_with('-') {
        -seconds
    } else {
        seconds
    };
    Some((body, Some(FixedOffset::east_opt(seconds)?)))
}

impl Serialize for When {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The key under which the `toml` crate hands over one of TOML's own date-times.
const TOML_DATETIME: &str = "$__toml_private_datetime";

struct WhenVisitor;

impl<'de> Visitor<'de> for WhenVisitor {
    type Value = When;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date and time, such as \"2024-10-01T06:00:00-04:00\"")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<When, E> {
        parse(text).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<When, A::Error> {
        match map.next_key::<String>()? {
            Some(key) if key == TOML_DATETIME => {
                let text: String = map.next_value()?;
                parse(&text).map_err(de::Error::custom)
            }
            _ => Err(de::Error::custom(format!(
                "a table where a date and time belongs; {WRITE}"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<When, D::Error> {
        deserializer.deserialize_any(WhenVisitor)
    }
}

/// A note for a plan whose `time_zone` is a fixed offset, or a rule without any place's
/// history, where the service address's own IANA zone is almost always meant: which
/// zone to write instead. `None` for every other zone (a city's zone, `UTC`, and `HST`,
/// which is Honolulu's time all year: Hawaii keeps no daylight saving time).
pub(crate) fn zone_note(zone: Tz) -> Option<String> {
    let name = zone.name();
    let (what, instead) = match name {
        "EST" => ("a fixed offset, -05:00 all year", "America/New_York"),
        "MST" => (
            "a fixed offset, -07:00 all year",
            "America/Denver, or America/Phoenix for Arizona, which keeps -07:00 all year",
        ),
        "EST5EDT" => ("a rule, not a place", "America/New_York"),
        "CST6CDT" => ("a rule, not a place", "America/Chicago"),
        "MST7MDT" => ("a rule, not a place", "America/Denver"),
        "PST8PDT" => ("a rule, not a place", "America/Los_Angeles"),
        "CET" | "MET" => ("a rule, not a place", "Europe/Berlin or Europe/Paris"),
        "EET" => ("a rule, not a place", "Europe/Athens or Europe/Helsinki"),
        "WET" => ("a rule, not a place", "Europe/Lisbon"),
        _ => return etc_note(name),
    };
    Some(format!(
        "time_zone `{name}` is {what}: local days and daylight saving time follow the \
         service address's own zone; write it instead, such as {instead}"
    ))
}

/// `Etc/GMT+5` and the like: fixed offsets whose sign is the reverse of ISO 8601's.
fn etc_note(name: &str) -> Option<String> {
    let hours = name.strip_prefix("Etc/GMT")?;
    let hours: i32 = hours.parse().ok()?;
    if hours == 0 {
        return None;
    }
    let sign = if hours > 0 { '-' } else { '+' };
    Some(format!(
        "time_zone `{name}` is a fixed offset, {sign}{:02}:00 all year (the sign of an \
         Etc/GMT name is reversed): local days and daylight saving time follow the \
         service address's own zone; write it instead, such as America/New_York or \
         Europe/Paris",
        hours.abs()
    ))
}

#[cfg(test)]
mod tests;
