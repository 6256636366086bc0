//! Clear words for a claim file that does not parse, and user text shown safely.
//!
//! The claim file is read by serde (TOML or JSON, whichever the application uses);
//! a deserializer's message is accurate but terse ("premature end of input",
//! "expected u8"). This module turns it into an [`Error::Parse`] that names the field
//! and says what to write instead, with the nearest known name for a typo.
//!
//! Every message that quotes what a person wrote shows it through [`visible`], so a
//! character that would hide or reorder text on a terminal (a NUL, a zero-width
//! space, a right-to-left override) is written out as `\u{202e}` rather than acted on.

use crate::error::{Error, FieldPath};
use crate::suggest::nearest;
pub use crate::visible::{hides_or_reorders, visible, MOST_SHOWN};

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

/// An instant as the claim file wants it.
const INSTANT_EXAMPLE: &str = "\"2024-10-01T06:00:00-04:00\"";

/// A value to show for a field, by the field's path: what to write instead.
fn example(path: &FieldPath) -> Option<&'static str> {
    let field = last_field(path);
    if INSTANT_FIELDS.contains(&field) {
        return Some(INSTANT_EXAMPLE);
    }
    if DATE_FIELDS.contains(&field) {
        return Some("\"2024-10-02\"");
    }
    Some(match field {
        "plan" => "a plan with its currency, time_zone and services",
        "currency" => "\"USD\"",
        "time_zone" => "\"America/New_York\"",
        "billing_day" => "5",
        "services" if path.as_str() == "plan.services" => {
            "a list of services, each with a kind and a monthly_price"
        }
        "services" => "[\"internet\"]",
        "kind" => "\"internet\"",
        "monthly_price" => "\"79.99\"",
        "customers_affected" => "4200",
        "cause" => "\"network\"",
        "degraded" => "true or false",
        "policies" => "[\"us-ny-psc-outage-credit\"]",
        "region" => "\"US-NY\"",
        "segment" => "\"residential\"",
        "customer" => "a customer with a name and region",
        // A policy file's fields (docs/policy-file.md).
        "versions" => "a [[versions]] table with its provisions (docs/policy-file.md)",
        "provisions" => "a [[versions.provisions]] table with a name, a subject and a rule",
        "evidence" => "\"primary\"",
        "jurisdiction" => "\"US\"",
        "subject" => "{ each = \"outages\", scope = \"each-service\" }",
        "rule" => "a rule such as { type = \"fixed\", amount = { fixed = \"5.00\" } }",
        _ => return None,
    })
}

/// ", such as X" for a field with an example, else nothing.
fn such_as(path: &FieldPath) -> String {
    example(path)
        .map(|e| format!(", such as {e}"))
        .unwrap_or_default()
}

fn last_field(path: &FieldPath) -> &str {
    let text = path.as_str();
    let tail = text.rsplit('.').next().unwrap_or(text);
    tail.split('[').next().unwrap_or(tail)
}

/// The deserializer's message in plain words: the first reading that recognises it,
/// or the message as it is.
fn explain(path: &FieldPath, message: &str) -> String {
    match swallowed_top_level(path) {
        Some(name) => format!(
            "`{name}` is a top-level field, but in TOML a key written after a table's header \
             belongs to that table, so it was read as a reading option: write `{name}` before \
             the first table"
        ),
        None => explain_value(path, message),
    }
}

/// A top-level field (`policies`, `as_of`) read as an option (`options.ID.policies`):
/// in TOML it was written after an `[options.ID]` table's header.
fn swallowed_top_level(path: &FieldPath) -> Option<&str> {
    let mut parts = path.as_str().splitn(3, '.');
    let (first, _, name) = (parts.next()?, parts.next()?, parts.next()?);
    (first == "options" && ["policies", "as_of"].contains(&name)).then_some(name)
}

fn explain_value(path: &FieldPath, message: &str) -> String {
    let message = message.trim();
    unknown_name(message)
        .or_else(|| missing_field(path, message))
        .or_else(|| unknown_zone(message))
        .or_else(|| bad_instant(path, message))
        .or_else(|| bad_date(path, message))
        .or_else(|| bad_decimal(message))
        .or_else(|| wrong_type(path, message))
        .or_else(|| out_of_integer_range(path, message))
        .or_else(|| bad_syntax(message))
        .unwrap_or_else(|| message.to_owned())
}

/// An unknown field, or an unknown value of a list of allowed ones, with the nearest
/// known name.
fn unknown_name(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return Some(with_suggestion(message, rest));
    }
    let rest = message.strip_prefix("unknown variant ")?;
    // A "variant" is serde's word; to a reader it is one of the allowed values.
    Some(with_suggestion(&format!("unknown value {rest}"), rest))
}

/// A missing field, with a value to add where one is known.
fn missing_field(path: &FieldPath, message: &str) -> Option<String> {
    let missing = message.strip_prefix("missing field ")?;
    let name = missing.trim_matches('`');
    Some(match example(&path.field(name)) {
        Some(e) if e.starts_with("a ") => format!("missing field {missing}: add it, {e}"),
        Some(e) => format!("missing field {missing}: add it, with a value such as {e}"),
        None => format!("missing field {missing}: add it"),
    })
}

/// A time zone that is not an IANA name, with the nearest one.
fn unknown_zone(message: &str) -> Option<String> {
    let zone = message.strip_prefix("failed to parse timezone")?;
    let given = zone
        .trim_start_matches(':')
        .trim()
        .trim_matches('\'')
        .to_owned();
    Some(match nearest_zone(&given) {
        Some(s) => format!("`{given}` is not an IANA time zone (did you mean `{s}`?)"),
        None => format!("`{given}` is not an IANA time zone such as \"America/New_York\""),
    })
}

/// An instant field that holds no date and time: a number or another value where one
/// belongs, an impossible date or time. (Text that is no date and time, a date alone
/// and a table are refused by [`crate::civil::When`] itself, in plain words.)
fn bad_instant(path: &FieldPath, message: &str) -> Option<String> {
    if !INSTANT_FIELDS.contains(&last_field(path)) {
        return None;
    }
    if message.contains("out of range") || message.contains("impossible") {
        return Some(
            "not a real date and time (a day such as 30 February, or an hour past 23)".to_owned(),
        );
    }
    if message.contains("premature end")
        || message.contains("invalid characters")
        || message.contains("trailing input")
        || message.contains("input is not enough")
        || message.contains("invalid type")
    {
        return Some(format!(
            "not a date and time; write one such as \"2024-10-01T06:00\" (read in the plan's \
             time_zone) or, with its offset, {INSTANT_EXAMPLE}"
        ));
    }
    None
}

/// A date field that holds no date, or an impossible one.
fn bad_date(path: &FieldPath, message: &str) -> Option<String> {
    if !DATE_FIELDS.contains(&last_field(path))
        || !(message.contains("input") || message.contains("invalid type"))
    {
        return None;
    }
    if message.contains("out of range") {
        return Some("not a real date (a day such as 30 February)".to_owned());
    }
    Some("not a date such as \"2024-10-02\"".to_owned())
}

/// A price or other amount that is not a decimal number.
fn bad_decimal(message: &str) -> Option<String> {
    if !message.contains("expected a Decimal") {
        return None;
    }
    let given = given_value(message)
        .map(|g| format!("{g} is "))
        .unwrap_or_else(|| "this is ".to_owned());
    Some(format!(
        "{given}not a decimal number; write one such as \"79.99\""
    ))
}

/// A value of the wrong type (text for a number, a table for a list), saying what
/// belongs there.
fn wrong_type(path: &FieldPath, message: &str) -> Option<String> {
    let rest = message.strip_prefix("invalid type: ")?;
    let (got, wanted) = rest.split_once(", expected ")?;
    let wanted = plain_wanted(wanted)?;
    let write = match example(path) {
        Some(e) if e.starts_with("a ") => e.to_owned(),
        Some(e) => format!("{wanted}, such as {e}"),
        None => wanted.to_owned(),
    };
    Some(format!(
        "{} where {wanted} belongs; write {write}",
        plain_got(got)
    ))
}

/// A whole number outside the range its field takes.
fn out_of_integer_range(path: &FieldPath, message: &str) -> Option<String> {
    let rest = message.strip_prefix("invalid value: ")?;
    let (got, wanted) = rest.split_once(", expected ")?;
    let range = integer_range(wanted)?;
    Some(format!(
        "{} is not a whole number from {range}; write one{}",
        plain_got(got),
        such_as(path)
    ))
}

/// The file's own syntax: JSON cut short, a TOML key or string that is not closed or
/// not allowed.
fn bad_syntax(message: &str) -> Option<String> {
    if let Some(what) = message.strip_prefix("EOF while parsing ") {
        return Some(format!(
            "the file ends inside {what}: a closing quote, `]` or `}}` is missing (was the file cut short?)"
        ));
    }
    match message {
        "invalid key" => Some(
            "not a key: a bare key is letters, digits, `_` and `-`; put any other key in \
             quotes, or make this line a comment with `#`"
                .to_owned(),
        ),
        "invalid basic string" => Some("a quoted string is not closed on its line, or holds a character TOML does not allow (write \\\" for a quote and \\\\ for a backslash)".to_owned()),
        _ => None,
    }
}

/// The message with the nearest expected name, when one is close: `rest` is what
/// follows "unknown field " or "unknown variant ".
fn with_suggestion(message: &str, rest: &str) -> String {
    let (given, expected) = split_unknown(rest);
    match nearest(&given, expected.iter().map(String::as_str)) {
        Some(suggestion) => format!("{message} (did you mean `{suggestion}`?)"),
        None => message.to_owned(),
    }
}

/// The value quoted in a serde message: `"seventy"` in `invalid value: string "seventy"`,
/// `1e+30` in ``invalid value: floating point `1e+30` ``.
fn given_value(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("invalid value: ")
        .or_else(|| message.strip_prefix("invalid type: "))?;
    let got = rest.split_once(", expected ").map_or(rest, |(got, _)| got);
    Some(plain_got(got))
}

/// serde's name for what it found ("string \"fifth\"", "integer `5`", "map"), in words.
fn plain_got(got: &str) -> String {
    let quoted = |prefix: &str| {
        got.strip_prefix(prefix)
            .map(|v| v.trim().trim_matches('`').to_owned())
    };
    if let Some(text) = got.strip_prefix("string ") {
        return format!("the text {}", text.trim());
    }
    if let Some(n) = quoted("integer ").or_else(|| quoted("floating point ")) {
        return format!("the number {n}");
    }
    if let Some(b) = quoted("boolean ") {
        return b;
    }
    match got {
        "map" => "a table".to_owned(),
        "sequence" => "a list".to_owned(),
        "unit value" => "an empty value".to_owned(),
        other => other.to_owned(),
    }
}

/// serde's name for what it wanted ("u8", "a sequence", "struct ServicePlan"), in words.
fn plain_wanted(wanted: &str) -> Option<&'static str> {
    if integer_range(wanted).is_some() {
        return Some("a whole number");
    }
    if wanted.starts_with("struct ") || wanted == "a map" {
        return Some("a table (an object in JSON)");
    }
    match wanted {
        "a sequence" => Some("a list"),
        "a string" | "a borrowed string" => Some("a quoted string"),
        "a boolean" => Some("true or false"),
        _ => None,
    }
}

/// The range of one of serde's integer types, in words.
fn integer_range(wanted: &str) -> Option<&'static str> {
    Some(match wanted {
        "u8" => "0 to 255",
        "u16" => "0 to 65535",
        "u32" => "0 to 4294967295",
        "u64" | "usize" => "0 up",
        "i8" => "-128 to 127",
        "i16" => "-32768 to 32767",
        "i32" => "-2147483648 to 2147483647",
        "i64" | "isize" => "-9223372036854775808 to 9223372036854775807",
        _ => return None,
    })
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

    /// Each kind of character that hides or reorders text is written as `\u{…}`:
    /// NUL and other controls, zero-width characters, bidirectional marks, embeddings,
    /// overrides and isolates, the byte-order mark.
    #[test]
    fn hidden_characters_are_written_out() {
        for c in [
            '\0',
            '\u{7}',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{feff}',
            '\u{2060}',
            '\u{202a}',
            '\u{202b}',
            '\u{202c}',
            '\u{202d}',
            '\u{202e}',
            '\u{2066}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}',
            '\u{200e}',
            '\u{200f}',
            '\u{061c}',
            '\u{2028}',
            '\u{e0041}',
        ] {
            let text = format!("a{c}b");
            let shown = visible(&text);
            assert_eq!(shown, format!("a\\u{{{:x}}}b", u32::from(c)), "{c:?}");
            assert!(!shown.chars().any(hides_or_reorders));
        }
        for plain in ["internet", "Zoë Müller", "東京", "مرحبا", "a-b_c.d"] {
            assert!(
                matches!(visible(plain), std::borrow::Cow::Borrowed(_)),
                "{plain}"
            );
        }
    }

    /// A long text keeps its start and end and says how much is left out between.
    #[test]
    fn a_long_text_is_cut_in_the_middle() {
        let text = format!(
            "{}{}{}",
            "a".repeat(600),
            "b".repeat(10_000),
            "c".repeat(300)
        );
        let shown = visible(&text);
        assert_eq!(
            shown,
            format!(
                "{} … [10000 characters left out] … {}",
                "a".repeat(600),
                "c".repeat(300)
            )
        );
        let at_most = "x".repeat(MOST_SHOWN);
        assert_eq!(visible(&at_most), at_most);
    }

    /// The library's errors show user text through `visible`.
    #[test]
    fn errors_show_hidden_characters_escaped() {
        let err = Error::invalid(FieldPath::root("plan").field("a\u{202e}b"), "`x\u{200b}`");
        assert_eq!(err.to_string(), "plan.a\\u{202e}b: `x\\u{200b}`");
        let err = parse_error(
            FieldPath::root("outages"),
            None,
            "unknown field `e\u{0}`, expected `end`",
        );
        assert!(err.to_string().contains("`e\\u{0}`"), "{err}");
    }

    /// serde's type names become plain words, with a value to write instead.
    #[test]
    fn types_are_named_in_plain_words() {
        assert_eq!(
            problem(
                "plan.billing_day",
                "invalid type: string \"fifth\", expected u8"
            ),
            "the text \"fifth\" where a whole number belongs; write a whole number, such as 5"
        );
        assert_eq!(
            problem(
                "outages[0].customers_affected",
                "invalid value: integer `-5`, expected u64"
            ),
            "the number -5 is not a whole number from 0 up; write one, such as 4200"
        );
        assert_eq!(
            problem(
                "outages[0].services",
                "invalid type: string \"tv\", expected a sequence"
            ),
            "the text \"tv\" where a list belongs; write a list, such as [\"internet\"]"
        );
        assert_eq!(
            problem("plan", "missing field `currency`"),
            "missing field `currency`: add it, with a value such as \"USD\""
        );
        assert_eq!(
            problem("outages[0].start", "EOF while parsing a string"),
            "the file ends inside a string: a closing quote, `]` or `}` is missing (was the file cut short?)"
        );
    }

    #[test]
    fn instants_say_what_to_write() {
        assert!(problem("outages[0].start", "premature end of input")
            .starts_with("not a date and time; write one such as \"2024-10-01T06:00\""));
        assert!(problem("outages[0].start", "input is out of range")
            .starts_with("not a real date and time"));
        assert!(problem(
            "outages[0].end",
            "invalid type: integer `5`, expected a date and time, such as \"2024-10-01T06:00:00-04:00\""
        )
        .starts_with("not a date and time"));
        assert!(
            problem("appointments[0].date", "input contains invalid characters")
                .starts_with("not a date such as")
        );
    }
}
