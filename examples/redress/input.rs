//! Reading what the user gives: claim files, instants, dates, policy ids.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use redress::diagnose::{parse_error, Position};
use redress::policy::Policy;
use redress::{ClaimFile, Error, FieldPath};

use crate::Failure;

/// Where the `as_of` instant came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOfSource {
    /// `--as-of`.
    Flag,
    /// The claim file's `as_of`.
    File,
    /// Neither gave one: the current time.
    Now,
}

impl AsOfSource {
    /// The word used in the JSON's `as_of_source`.
    pub fn key(self) -> &'static str {
        match self {
            AsOfSource::Flag => "flag",
            AsOfSource::File => "file",
            AsOfSource::Now => "now",
        }
    }

    /// How a report says it.
    pub fn text(self) -> &'static str {
        match self {
            AsOfSource::Flag => "from --as-of",
            AsOfSource::File => "from the claim file",
            AsOfSource::Now => "the current time: neither --as-of nor the claim file gave one",
        }
    }
}

/// Reads a claim file, TOML or JSON by its extension.
///
/// Every failure names the file; parse errors carry the line and column
/// (and serde's message, which lists the expected fields for an unknown one).
pub fn read_claim_file(path: &Path) -> Result<ClaimFile, Failure> {
    let shown = path.display();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let format = match extension.as_deref() {
        Some("toml") => Format::Toml,
        Some("json") => Format::Json,
        _ => {
            return Err(Failure::input(format!(
                "{shown}: cannot tell the format: name the file with a .toml or .json extension"
            )))
        }
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::input(format!("{shown}: cannot read the file: {e}")))?;
    if text.trim().is_empty() {
        return Err(Failure::input(format!(
            "{shown}: the file is empty: a claim file needs at least a [plan] table"
        )));
    }
    // serde_path_to_error tracks the field being read, so a bad value is named by its
    // path (outages[0].start) as well as its line.
    let failure = |path: &serde_path_to_error::Path, at: Option<Position>, message: &str| {
        // Segments the parser had not named yet print as `?`: leave them out.
        let path = path.to_string().replace(".?", "");
        let path = if path == "." || path == "?" {
            FieldPath::default()
        } else {
            FieldPath::root(&path)
        };
        Failure::input(format!("{shown}: {}", parse_error(path, at, message)))
    };
    match format {
        Format::Toml => {
            let deserializer = toml::Deserializer::new(&text);
            serde_path_to_error::deserialize::<_, ClaimFile>(deserializer).map_err(|e| {
                let path = e.path().clone();
                let inner = e.into_inner();
                // toml's message can span lines ("invalid table header\nexpected `.`, `]`").
                let message = inner
                    .message()
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(": ");
                let at = inner.span().map(|span| {
                    let (line, column) = line_column(&text, span.start);
                    Position { line, column }
                });
                failure(&path, at, &message)
            })
        }
        Format::Json => {
            let mut deserializer = serde_json::Deserializer::from_str(&text);
            serde_path_to_error::deserialize::<_, ClaimFile>(&mut deserializer).map_err(|e| {
                let path = e.path().clone();
                let inner = e.into_inner();
                let message = inner.to_string();
                // serde_json ends its message with " at line L column C": the place goes first.
                let message = match message.rfind(" at line ") {
                    Some(i) => message.get(..i).unwrap_or(&message).to_owned(),
                    None => message,
                };
                let at = (inner.line() > 0).then(|| Position {
                    line: inner.line(),
                    column: inner.column(),
                });
                failure(&path, at, &message)
            })
        }
    }
}

enum Format {
    Toml,
    Json,
}

/// The 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, column)
}

/// Reads an RFC 3339 instant given to a flag.
pub fn parse_instant(flag: &str, text: &str) -> Result<DateTime<FixedOffset>, Failure> {
    DateTime::parse_from_rfc3339(text.trim()).map_err(|e| {
        Failure::input(format!(
            "{flag}: `{text}` is not an RFC 3339 instant such as 2024-10-05T12:00:00-04:00 ({e})"
        ))
    })
}

/// Reads a YYYY-MM-DD date given to a flag.
pub fn parse_date(flag: &str, text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|e| {
        Failure::input(format!(
            "{flag}: `{text}` is not a date such as 2024-10-05 ({e})"
        ))
    })
}

/// The current instant, as an instant with an offset.
pub fn now() -> DateTime<FixedOffset> {
    Utc::now().fixed_offset()
}

/// Looks catalog policies up by id, in order, without repeats.
///
/// `place(i)` names where the i-th id came from, for the message
/// (`--policy`, or `FILE: policies[i]`).
pub fn catalog_policies(
    ids: &[String],
    place: impl Fn(usize) -> String,
) -> Result<Vec<Policy>, Failure> {
    let mut policies: Vec<Policy> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let policy =
            redress::catalog::get(id).map_err(|e| Failure::input(format!("{}: {e}", place(i))))?;
        if !policies.iter().any(|p| p.id == policy.id) {
            policies.push(policy);
        }
    }
    Ok(policies)
}

/// Maps a library error about a claim file to a failure naming the file.
pub fn claim_error(path: &Path, error: Error) -> Failure {
    match error {
        Error::InvalidRule { .. } => Failure::other(format!(
            "{}: the catalog's policy is malformed (please report this): {error}",
            path.display()
        )),
        error => Failure::input(format!("{}: {error}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
    }
}
