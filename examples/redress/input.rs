//! Reading what the user gives: claim files, instants, dates, policy ids.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use redress::claim_file::{instant_outside_supported_range, ChosenOptions, When};
use redress::diagnose::{hides_or_reorders, parse_error, visible, Position};
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

/// The most a claim file may hold: 64 MiB. One customer's claim is a few kilobytes; a
/// file far larger is the wrong file, or a device or pipe that never ends, and reading
/// stops here rather than filling memory.
pub const MAX_CLAIM_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A path as a message shows it: characters that would hide or reorder text escaped.
pub fn shown(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

/// Reads a claim file, TOML or JSON by its extension.
///
/// Every failure names the file; parse errors carry the line and column, and say
/// what to write instead. A file over [`MAX_CLAIM_FILE_BYTES`] is refused, and a pipe
/// or device is read no further than that. A JSON file is one document: text after
/// its closing `}` is an error, not ignored.
pub fn read_claim_file(path: &Path) -> Result<ClaimFile, Failure> {
    read_document(path, &CLAIM_FILE)
}

/// Reads a policy file (`docs/policy-file.md`), TOML or JSON by its extension, with the
/// claim file's care (the same limits, places and plain words), and checks it
/// ([`Policy::check`]): a failure names the file and the field.
pub fn read_policy_file(path: &Path) -> Result<Policy, Failure> {
    let policy: Policy = read_document(path, &POLICY_FILE)?;
    policy
        .check()
        .map_err(|e| Failure::input(format!("{}: {e}", shown(path))))?;
    Ok(policy)
}

/// The words a message uses for one kind of document.
struct Kind {
    /// "claim file".
    noun: &'static str,
    /// "claim", as in "the claim's JSON object".
    short: &'static str,
    /// What the file holds, for a file far too large.
    holds: &'static str,
    /// What an empty file lacks.
    needs: &'static str,
    /// A JSON object's outline, for a JSON file that is not one.
    outline: &'static str,
}

const CLAIM_FILE: Kind = Kind {
    noun: "claim file",
    short: "claim",
    holds: "one customer's claim, a few kilobytes: check this is the right file, or split \
            it into one file per claim",
    needs: "a [plan] table",
    outline: "`{ \"plan\": { ... }, ... }`; write the claim's fields",
};

const POLICY_FILE: Kind = Kind {
    noun: "policy file",
    short: "policy",
    holds: "one policy's rules, a few kilobytes: check this is the right file",
    needs: "an id, a title and [[versions]] (docs/policy-file.md)",
    outline: "`{ \"id\": \"...\", \"versions\": [ ... ], ... }`; write the policy's fields",
};

/// The file beside `path` whose name is nearest its name, if one is close (a misspelt
/// extension, a letter dropped), shown as `path` was written.
fn nearest_file(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // A folder of many files is not worth reading for a suggestion.
    let names: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .take(10_000)
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let near = redress::suggest::nearest(name, names.iter().map(String::as_str))?;
    Some(shown(&path.with_file_name(near)))
}

/// Reads a TOML or JSON document of one kind (see [`read_claim_file`]).
fn read_document<T: serde::de::DeserializeOwned>(path: &Path, kind: &Kind) -> Result<T, Failure> {
    let shown = shown(path);
    if !path.exists() {
        return Err(Failure::input(format!(
            "{shown}: no such file{}",
            nearest_file(path).map_or(String::new(), |near| format!("; did you mean `{near}`?"))
        )));
    }
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
    let bytes = read_at_most(path, MAX_CLAIM_FILE_BYTES).map_err(|e| match e {
        ReadError::TooLarge => Failure::input(format!(
            "{shown}: the file holds more than 64 MiB ({MAX_CLAIM_FILE_BYTES} bytes), the \
             most a {noun} may hold; a {noun} is {holds}",
            noun = kind.noun,
            holds = kind.holds
        )),
        ReadError::Folder => Failure::input(format!(
            "{shown}: is a folder, not a {}; name a .toml or .json file",
            kind.noun
        )),
        ReadError::Io(e) => Failure::input(format!("{shown}: cannot read the file: {e}")),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let byte = e.as_bytes().get(valid).copied().unwrap_or_default();
        let text =
            std::str::from_utf8(e.as_bytes().get(..valid).unwrap_or_default()).unwrap_or_default();
        let (line, column) = line_column(text, valid);
        Failure::input(format!(
            "{shown}: line {line}, column {column}: the byte {byte:#04x} is not UTF-8 text; \
             save the {} as UTF-8",
            kind.noun
        ))
    })?;
    // A byte-order mark says the file is UTF-8; it is not part of the document.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        return Err(Failure::input(format!(
            "{shown}: the file is empty: a {} needs at least {}",
            kind.noun, kind.needs
        )));
    }
    if matches!(format, Format::Json) && !text.trim_start().starts_with('{') {
        let start = text.len() - text.trim_start().len();
        let (line, column) = line_column(text, start);
        return Err(Failure::input(format!(
            "{shown}: line {line}, column {column}: a JSON {} is one object, {} between \
             `{{` and `}}`",
            kind.noun, kind.outline
        )));
    }
    // serde_path_to_error tracks the field being read, so a bad value is named by its
    // path (outages[0].start) as well as its line.
    let failure = |path: Option<&serde_path_to_error::Path>,
                   offset: Option<usize>,
                   message: &str|
     -> Failure {
        // Segments the parser had not named yet print as `?`: leave them out.
        let path = path
            .map(|p| p.to_string().replace(".?", ""))
            .unwrap_or_default();
        let path = if path.is_empty() || path == "." || path == "?" {
            FieldPath::default()
        } else {
            FieldPath::root(&path)
        };
        let at = offset.map(|offset| {
            let (line, column) = line_column(text, offset);
            Position { line, column }
        });
        let error = match offset.and_then(|o| character_problem(text, o, &format)) {
            Some(problem) => Error::Parse {
                path,
                line: at.map(|p| p.line),
                column: at.map(|p| p.column),
                problem,
            },
            None => parse_error(path, at, message),
        };
        Failure::input(format!("{shown}: {error}"))
    };
    match format {
        Format::Toml => {
            let deserializer = toml::Deserializer::new(text);
            serde_path_to_error::deserialize::<_, T>(deserializer).map_err(|e| {
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
                let message = if message.is_empty() {
                    "this is not valid TOML".to_owned()
                } else {
                    message
                };
                failure(Some(&path), inner.span().map(|span| span.start), &message)
            })
        }
        Format::Json => {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            let document =
                serde_path_to_error::deserialize::<_, T>(&mut deserializer).map_err(|e| {
                    let path = e.path().clone();
                    let inner = e.into_inner();
                    let message = json_message(&inner);
                    failure(Some(&path), json_offset(text, &inner), &message)
                })?;
            // The claim is one JSON value: anything after it but white space is an
            // error, or a stray `}` could close the claim before its outages and
            // leave them unread.
            deserializer.end().map_err(|e| {
                let offset = json_offset(text, &e);
                let message = format!(
                    "the {short}'s JSON object ends before this, but more text follows; a \
                     {noun} is one JSON object: remove the `}}` that closes it early, or \
                     the text added after it",
                    short = kind.short,
                    noun = kind.noun
                );
                failure(None, offset, &message)
            })?;
            Ok(document)
        }
    }
}

enum Format {
    Toml,
    Json,
}

/// Why a claim file could not be read.
enum ReadError {
    /// It holds more than the limit.
    TooLarge,
    /// It is a folder.
    Folder,
    /// The system refused.
    Io(std::io::Error),
}

/// Reads at most `limit` bytes of a file, a pipe or a device: one byte more than the
/// limit says the source holds too much, and reading stops there.
fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = File::open(path).map_err(ReadError::Io)?;
    let size = match file.metadata() {
        Ok(meta) if meta.is_dir() => return Err(ReadError::Folder),
        // A regular file's length is known before reading it; a pipe's or a device's is not.
        Ok(meta) if meta.is_file() => Some(meta.len()),
        _ => None,
    };
    if size.is_some_and(|size| size > limit) {
        return Err(ReadError::TooLarge);
    }
    read_limited(file, size.unwrap_or(0), limit)
}

/// Reads at most `limit` bytes and one more, which says the reader holds too much: a
/// reader that never ends is read no further. `size` is how much it is expected to hold.
fn read_limited(reader: impl Read, size: u64, limit: u64) -> Result<Vec<u8>, ReadError> {
    let most = limit.saturating_add(1);
    let mut reader = reader.take(most);
    let first = size.min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(first).unwrap_or(0).saturating_add(1));
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(ReadError::Io(e)),
        };
        let piece = chunk.get(..n).unwrap_or_default();
        // Grow by doubling, but never past the limit and the byte that tells it is passed.
        if bytes.capacity() - bytes.len() < n {
            let most = usize::try_from(most).unwrap_or(usize::MAX);
            let want = bytes
                .capacity()
                .saturating_mul(2)
                .max(bytes.len() + n)
                .min(most);
            bytes.reserve_exact(want.saturating_sub(bytes.len()));
        }
        bytes.extend_from_slice(piece);
    }
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// The 1-based line and column (in characters) of a byte offset.
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

/// serde_json's message without its " at line L column C": the place is said first.
fn json_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(&message).to_owned(),
        None => message,
    }
}

/// The byte offset of a serde_json error: its line, and its column counted in bytes
/// (the last byte it read; 0 when it had read none of that line).
fn json_offset(text: &str, error: &serde_json::Error) -> Option<usize> {
    if error.line() == 0 {
        return None;
    }
    let line_start = if error.line() == 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(error.line() - 2)
            .map(|(i, _)| i + 1)?
    };
    let mut offset = (line_start + error.column().saturating_sub(1)).min(text.len());
    // Back to the start of the character the byte belongs to.
    while !text.is_char_boundary(offset) {
        offset = offset.saturating_sub(1);
    }
    Some(offset)
}

/// A reason for a parse error at `offset` when a control character or an invisible one
/// stands there: the formats allow no control character (JSON only as white space
/// between values, TOML only tab and line ends), an invisible one only inside a quoted
/// string, and the parsers' own messages do not say which character it is.
fn character_problem(text: &str, offset: usize, format: &Format) -> Option<String> {
    let mut chars = text.get(offset..)?.chars();
    let c = chars.next()?;
    let next = chars.next();
    let name = match format {
        Format::Toml => "a TOML file",
        Format::Json => "a JSON file",
    };
    let allowed = match format {
        Format::Toml => c == '\t' || c == '\n' || (c == '\r' && next == Some('\n')),
        Format::Json => c == '\n' || c == '\r' || c == '\u{7f}',
    };
    if allowed || !hides_or_reorders(c) {
        return None;
    }
    let code = u32::from(c);
    Some(match c {
        '\r' => format!(
            "a carriage return (U+000D) not followed by a line feed is not allowed in {name}; \
             end each line with a line feed (\\n) or \\r\\n"
        ),
        '\t' => format!("a tab is not allowed inside a quoted string in {name}; write it as \\t"),
        c if c.is_ascii_control() => {
            let comment = match format {
                Format::Toml => ", not even in a comment",
                Format::Json => "",
            };
            format!(
                "the control character U+{code:04X} is not allowed in {name}{comment}; delete \
                 it (to mean it inside a quoted string, write \\u{code:04X})"
            )
        }
        c => format!(
            "an invisible character, {}, stands here, where {name} allows it only inside a \
             quoted string; delete it",
            c.escape_unicode()
        ),
    })
}

/// Reads a time given to `redress claim`'s `--as-of`: an instant with its offset, checked
/// here against the supported range, or a local date and time, kept to be read in the
/// plan's zone once the claim file is read ([`resolve_flag_time`]). Text that is no
/// date and time is blamed on the flag.
pub fn parse_flag_time(flag: &str, text: &str) -> Result<When, Failure> {
    let written: When = text
        .parse()
        .map_err(|e| Failure::input(format!("{flag}: {e}")))?;
    match written.exact() {
        Some(instant) => match instant_outside_supported_range(instant) {
            Some(problem) => Err(Failure::input(format!("{flag}: {problem}"))),
            None => Ok(written),
        },
        None => Ok(written),
    }
}

/// A flag's time as an instant in the plan's zone: a local time the zone skipped or went
/// through twice, or a date alone, is blamed on the flag, saying what to write.
pub fn resolve_flag_time(
    flag: &str,
    written: When,
    zone: chrono_tz::Tz,
) -> Result<DateTime<FixedOffset>, Failure> {
    let instant = written
        .instant_in(zone)
        .map_err(|e| Failure::input(format!("{flag}: {e}")))?;
    match instant_outside_supported_range(instant) {
        Some(problem) => Err(Failure::input(format!("{flag}: {problem}"))),
        None => Ok(instant),
    }
}

/// Reads an RFC 3339 instant given to a flag, inside the supported range
/// (`redress::claim_file::instant_outside_supported_range`); a bad one is blamed on the flag.
pub fn parse_instant(flag: &str, text: &str) -> Result<DateTime<FixedOffset>, Failure> {
    let instant = DateTime::parse_from_rfc3339(text.trim()).map_err(|e| {
        Failure::input(format!(
            "{flag}: `{}` is not an RFC 3339 instant such as 2024-10-05T12:00:00-04:00 ({e})",
            visible(text)
        ))
    })?;
    match instant_outside_supported_range(instant) {
        Some(problem) => Err(Failure::input(format!("{flag}: {problem}"))),
        None => Ok(instant),
    }
}

/// Reads a YYYY-MM-DD date given to a flag.
pub fn parse_date(flag: &str, text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|e| {
        Failure::input(format!(
            "{flag}: `{}` is not a date such as 2024-10-05 ({e})",
            visible(text)
        ))
    })
}

/// The current instant, as an instant with an offset.
pub fn now() -> DateTime<FixedOffset> {
    Utc::now().fixed_offset()
}

/// Refuses an empty policy id, naming where it came from (`place(i)`).
pub fn check_policy_ids(ids: &[String], place: impl Fn(usize) -> String) -> Result<(), Failure> {
    match ids.iter().position(|id| id.trim().is_empty()) {
        Some(i) => Err(Failure::input(format!(
            "{}: an empty policy id; write an id such as us-ny-psc-outage-credit; see \
             `redress policies`",
            place(i)
        ))),
        None => Ok(()),
    }
}

/// Looks catalog policies up by id, in order, without repeats.
///
/// `place(i)` names where the i-th id came from, for the message
/// (`--policy`, or `FILE: policies[i]`).
pub fn catalog_policies(
    ids: &[String],
    place: impl Fn(usize) -> String,
) -> Result<Vec<Policy>, Failure> {
    check_policy_ids(ids, &place)?;
    let mut policies: Vec<Policy> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let policy = redress::catalog::get(id).map_err(|e| {
            Failure::input(format!(
                "{}: {e}; `redress policies` lists the ids",
                place(i)
            ))
        })?;
        if !policies.iter().any(|p| p.id == policy.id) {
            policies.push(policy);
        }
    }
    Ok(policies)
}

/// Reads `--option ID.NAME=VALUE` flags (policy id, option name, one of its words) into
/// the options they choose, by the policy's catalog id; a later flag for the same option
/// wins. Each is checked against the catalog's registry, and a bad one is blamed on the
/// flag, with the nearest id, name or word and the list.
pub fn option_flags(flags: &[String]) -> Result<ChosenOptions, Failure> {
    let mut chosen = ChosenOptions::new();
    for flag in flags {
        let blame =
            |problem: &str| Failure::input(format!("--option {}: {problem}", visible(flag)));
        let parts = flag
            .split_once('=')
            .and_then(|(left, value)| left.split_once('.').map(|(id, name)| (id, name, value)));
        let Some((id, name, value)) = parts else {
            return Err(blame(
                "write the policy id, the option's name and its value as ID.NAME=VALUE, for \
                 example --option rogers-2022.month=30-days; `redress policies` lists each \
                 policy's options",
            ));
        };
        let (id, name, value) = (id.trim(), name.trim(), value.trim());
        let policy = redress::catalog::with_options(id, &[(name, value)]).map_err(|e| {
            blame(&format!(
                "{e}; `redress policies` lists the ids and each policy's options"
            ))
        })?;
        chosen
            .entry(policy.id)
            .or_default()
            .insert(name.to_owned(), value.to_owned());
    }
    Ok(chosen)
}

/// The catalog policies named, then the policies of these files (read and checked
/// with [`read_policy_file`]); an id given twice, by two files or a file and the
/// catalog, is refused: the claims would not be told apart.
pub fn add_policy_files(
    mut policies: Vec<Policy>,
    files: &[PathBuf],
) -> Result<Vec<Policy>, Failure> {
    for file in files {
        let policy = read_policy_file(file)?;
        if let Some(same) = policies.iter().find(|p| p.id == policy.id) {
            let whose = if redress::catalog::get(&same.id).is_ok() {
                "a catalog policy's id"
            } else {
                "the id of another policy file given"
            };
            return Err(Failure::input(format!(
                "{}: id: `{}` is {whose}; give the policy an id of its own",
                shown(file),
                visible(&policy.id)
            )));
        }
        policies.push(policy);
    }
    Ok(policies)
}

/// Maps a library error about a claim file to a failure naming the file. A rule the
/// engine cannot use is the catalog's fault (exit 1) in a catalog policy, and bad input
/// (exit 2) in a policy file's, which `Policy::check` did not catch.
pub fn claim_error(path: &Path, error: Error) -> Failure {
    match error {
        Error::InvalidRule { ref policy, .. } if redress::catalog::get(policy).is_err() => {
            Failure::input(format!(
                "the policy file of policy `{}`: {error}",
                visible(policy)
            ))
        }
        Error::InvalidRule { .. } => Failure::other(format!(
            "{}: the catalog's policy is malformed (please report this): {error}",
            shown(path)
        )),
        error => Failure::input(format!("{}: {error}", shown(path))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that never ends is read to the limit and one byte more, then refused.
    #[test]
    fn an_endless_reader_stops_one_byte_past_the_limit() {
        let mut counted = Counted(std::io::repeat(b'x'), 0);
        let result = read_limited(&mut counted, 0, 1000);
        assert!(matches!(result, Err(ReadError::TooLarge)));
        assert_eq!(counted.1, 1001);
        // Exactly the limit is read whole.
        let bytes = read_limited(&b"x".repeat(1000)[..], 1000, 1000)
            .ok()
            .unwrap();
        assert_eq!(bytes.len(), 1000);
        let bytes = read_limited(&b"x".repeat(1001)[..], 0, 1000);
        assert!(matches!(bytes, Err(ReadError::TooLarge)));
    }

    /// Counts the bytes read through it.
    struct Counted<R>(R, usize);

    impl<R: Read> Read for Counted<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.read(buf)?;
            self.1 += n;
            Ok(n)
        }
    }

    #[test]
    fn line_and_column_are_one_based() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
    }
}
