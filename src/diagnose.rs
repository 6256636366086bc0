//! Clear words for a claim file that does not parse.
//!
//! The claim file is read by serde (TOML or JSON, whichever the application uses);
//! a deserializer's message is accurate but terse ("premature end of input"). This
//! module turns it into an [`Error::Parse`] that names the field and says what to
//! write instead, with the nearest known name for a typo.

use crate::catalog::nearest;
use crate::error::{Error, FieldPath};

/// Where in the text a problem is, when the parser knows.
///
/// # Example
/// ```
/// let at = redress::diagnose::Position { line: 7, column: 3 };
/// assert_eq!(at.to_string(), "line 7, column 3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// A typed error for a claim file that failed to parse: the field, the place, and the
/// problem in plain words.
///
/// `path` is the field path the deserializer reached (`outages[0].start`), `message`
/// the deserializer's own message.
///
/// # Example
/// ```
/// use redress::{diagnose::{parse_error, Position}, FieldPath};
/// let err = parse_error(
///     FieldPath::default(),
///     Some(Position { line: 7, column: 3 }),
///     "unknown field `outage`, expected one of `policies`, `as_of`, `customer`, `plan`, `outages`, `appointments`, `activations`",
/// );
/// assert!(err.to_string().ends_with("(did you mean `outages`?)"));
/// ```
pub fn parse_error(path: FieldPath, at: Option<Position>, message: &str) -> Error {
    Error::Parse {
        problem: explain(&path, message),
        path,
        line: at.map(|p| p.line),
        column: at.map(|p| p.column),
    }
}

const INSTANT_FIELDS: &[&str] = &["start", "end", "reported", "power_restored", "as_of"];
const DATE_FIELDS: &[&str] = &["date", "promised", "delivered"];

fn last_field(path: &FieldPath) -> &str {
    let text = path.as_str();
    let tail = text.rsplit('.').next().unwrap_or(text);
    tail.split('[').next().unwrap_or(tail)
}

/// The deserializer's message in plain words.
fn explain(path: &FieldPath, message: &str) -> String {
    let message = message.trim();
    let field = last_field(path);
    if let Some(rest) = message
        .strip_prefix("unknown field ")
        .or_else(|| message.strip_prefix("unknown variant "))
    {
        let (given, expected) = split_unknown(rest);
        if let Some(suggestion) = nearest(&given, expected.iter().map(String::as_str)) {
            return format!("{message} (did you mean `{suggestion}`?)");
        }
        return message.to_owned();
    }
    if let Some(zone) = message.strip_prefix("failed to parse timezone") {
        let given = zone
            .trim_start_matches(':')
            .trim()
            .trim_matches('\'')
            .to_owned();
        return match nearest_zone(&given) {
            Some(s) => format!("`{given}` is not an IANA time zone (did you mean `{s}`?)"),
            None => format!("`{given}` is not an IANA time zone such as \"America/New_York\""),
        };
    }
    if INSTANT_FIELDS.contains(&field) {
        if message.contains("invalid type: map")
            || message.contains("expected an RFC 3339") && message.contains("map")
        {
            return "write the instant as a quoted string with an offset, such as \"2024-10-01T06:00:00-04:00\" (an unquoted TOML date-time is not accepted)".to_owned();
        }
        if message.contains("out of range") || message.contains("impossible") {
            return "not a real date and time (a day such as 30 February, or an hour past 23)"
                .to_owned();
        }
        if message.contains("premature end")
            || message.contains("invalid characters")
            || message.contains("trailing input")
            || message.contains("input is not enough")
            || message.contains("invalid type")
        {
            return format!(
                "not an RFC 3339 instant with an offset, such as \"2024-10-01T06:00:00-04:00\" (the offset says which moment is meant) [{message}]"
            );
        }
    }
    if DATE_FIELDS.contains(&field)
        && (message.contains("input") || message.contains("invalid type"))
    {
        if message.contains("out of range") {
            return "not a real date (a day such as 30 February)".to_owned();
        }
        return format!("not a date such as \"2024-10-02\" [{message}]");
    }
    if message.contains("expected a Decimal") {
        return format!("not a decimal number such as \"79.99\" [{message}]");
    }
    message.to_owned()
}

/// From "`outage`, expected one of `a`, `b`" the given name and the expected ones.
fn split_unknown(rest: &str) -> (String, Vec<String>) {
    let mut names = rest.split('`').skip(1).step_by(2).map(str::to_owned);
    let given = names.next().unwrap_or_default();
    (given, names.collect())
}

fn nearest_zone(given: &str) -> Option<&'static str> {
    let lower = given.to_ascii_lowercase();
    let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
    // Compare case-insensitively by trying the lower-cased candidates, then map back.
    let lowered: Vec<(String, &'static str)> = names.map(|n| (n.to_ascii_lowercase(), n)).collect();
    let best = nearest(&lower, lowered.iter().map(|(l, _)| l.as_str()))?;
    lowered.iter().find(|(l, _)| l == best).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(path: &str, message: &str) -> String {
        let path = if path.is_empty() {
            FieldPath::default()
        } else {
            FieldPath::root(path)
        };
        match parse_error(path, None, message) {
            Error::Parse { problem, .. } => problem,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn typos_get_the_nearest_name() {
        assert!(problem(
            "",
            "unknown field `outage`, expected one of `plan`, `outages`"
        )
        .ends_with("(did you mean `outages`?)"));
        assert!(problem(
            "outages[0].cause",
            "unknown variant `netwrok`, expected one of `network`, `power`"
        )
        .ends_with("(did you mean `network`?)"));
        assert_eq!(
            problem(
                "plan.time_zone",
                "failed to parse timezone: 'America/New_Yrok'"
            ),
            "`America/New_Yrok` is not an IANA time zone (did you mean `America/New_York`?)"
        );
    }

    #[test]
    fn instants_say_what_to_write() {
        assert!(problem("outages[0].start", "premature end of input")
            .starts_with("not an RFC 3339 instant with an offset"));
        assert!(problem("outages[0].start", "input is out of range")
            .starts_with("not a real date and time"));
        assert!(problem(
            "outages[0].end",
            "invalid type: map, expected an RFC 3339 formatted date and time string"
        )
        .starts_with("write the instant as a quoted string"));
        assert!(
            problem("appointments[0].date", "input contains invalid characters")
                .starts_with("not a date such as")
        );
    }
}
