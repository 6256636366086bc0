//! Lengths of time that rules are written in: "12h", "6h", "3m", "2d".

use std::fmt;
use std::str::FromStr;

use chrono::TimeDelta;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, FieldPath, Result};

/// A non-negative length of elapsed time, in whole seconds.
///
/// Written in rule files as a number and a unit: `"24h"`, `"90m"`, `"45s"`, `"2d"`
/// (a day here is 24 elapsed hours, not a calendar day). Calendar days are a
/// different thing, chosen by enums such as [`crate::policy::Grace`].
///
/// # Example
/// ```
/// use redress::Span;
/// let s: Span = "36h".parse()?;
/// assert_eq!(s, Span::hours(36));
/// assert_eq!(s.to_string(), "36h");
/// assert_eq!(Span::minutes(90).to_string(), "90m");
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    seconds: i64,
}

impl Span {
    /// No time at all.
    pub const ZERO: Span = Span { seconds: 0 };

    /// A span of whole seconds. Constructors take unsigned numbers, so no span is negative.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::Span::seconds(60), redress::Span::minutes(1));
    /// ```
    pub const fn seconds(seconds: u32) -> Span {
        Span {
            seconds: seconds as i64,
        }
    }

    /// A span of whole minutes.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::Span::minutes(3).as_seconds(), 180);
    /// ```
    pub const fn minutes(minutes: u32) -> Span {
        Span {
            seconds: minutes as i64 * 60,
        }
    }

    /// A span of whole hours.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::Span::hours(24).as_seconds(), 86_400);
    /// ```
    pub const fn hours(hours: u32) -> Span {
        Span {
            seconds: hours as i64 * 3600,
        }
    }

    /// The span in seconds.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::Span::minutes(2).as_seconds(), 120);
    /// ```
    pub const fn as_seconds(&self) -> i64 {
        self.seconds
    }

    /// The span as a chrono `TimeDelta`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::Span::hours(1).as_delta(), chrono::TimeDelta::hours(1));
    /// ```
    pub fn as_delta(&self) -> TimeDelta {
        TimeDelta::seconds(self.seconds)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.seconds;
        if s != 0 && s % 3600 == 0 {
            write!(f, "{}h", s / 3600)
        } else if s != 0 && s % 60 == 0 {
            write!(f, "{}m", s / 60)
        } else {
            write!(f, "{s}s")
        }
    }
}

impl FromStr for Span {
    type Err = Error;
    fn from_str(text: &str) -> Result<Span> {
        let bad = || {
            Error::invalid(
                FieldPath::root("span"),
                format!(
                    "`{text}` is not a length of time such as \"24h\", \"90m\", \"30s\" or \"2d\""
                ),
            )
        };
        let t = text.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let (number, unit) = t.split_at(split);
        let n: i64 = number.parse().map_err(|_| bad())?;
        let per = match unit.trim() {
            "s" => 1,
            "m" | "min" => 60,
            "h" => 3600,
            "d" => 86_400,
            _ => return Err(bad()),
        };
        let seconds = n.checked_mul(per).ok_or_else(bad)?;
        Ok(Span { seconds })
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_any(SpanVisitor)
    }
}

/// Reads a span from its text, and says what to write for a bare number.
struct SpanVisitor;

impl SpanVisitor {
    fn number<E: serde::de::Error>(n: impl fmt::Display) -> E {
        E::custom(format!(
            "the number {n} is not a length of time: write it with its unit, such as \
             \"{n}h\" (hours), \"{n}m\" (minutes) or \"{n}d\" (24-hour days)"
        ))
    }
}

impl serde::de::Visitor<'_> for SpanVisitor {
    type Value = Span;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a length of time such as \"24h\", \"90m\", \"30s\" or \"2d\"")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> std::result::Result<Span, E> {
        text.parse().map_err(|e| match e {
            Error::Invalid { problem, .. } => E::custom(problem),
            other => E::custom(other),
        })
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> std::result::Result<Span, E> {
        Err(SpanVisitor::number(n))
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> std::result::Result<Span, E> {
        Err(SpanVisitor::number(n))
    }

    fn visit_f64<E: serde::de::Error>(self, n: f64) -> std::result::Result<Span, E> {
        Err(SpanVisitor::number(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        for (text, seconds) in [
            ("24h", 86_400),
            ("6h", 21_600),
            ("3m", 180),
            ("45s", 45),
            ("2d", 172_800),
        ] {
            let span: Span = text.parse().unwrap();
            assert_eq!(span.as_seconds(), seconds, "{text}");
            assert_eq!(span.to_string().parse::<Span>().unwrap(), span);
        }
    }

    #[test]
    fn refuses_nonsense() {
        for text in ["", "h", "-3h", "3 weeks", "99999999999999999999h", "1.5h"] {
            assert!(text.parse::<Span>().is_err(), "{text}");
        }
    }
}
