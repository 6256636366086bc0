//! One error type for everything redress can refuse.
//!
//! Every variant says *what* is wrong and *where*: a field path into the claim
//! input (`outages[2].end`), a policy id, or the arithmetic that overflowed.
//! Nothing in the library panics on input; everything that could goes here.

use std::fmt;

use crate::visible::visible;

/// A place in the claim input, written as a path such as `plan.services[1].monthly_price`.
///
/// Validation names the field of every error it finds; the paths are written as they
/// are needed.
///
/// # Example
/// ```
/// use redress::FieldPath;
/// let path = FieldPath::root("outages").index(2).field("end");
/// assert_eq!(path.to_string(), "outages[2].end");
/// ```
#[derive(Clone, Default)]
pub struct FieldPath(PathText);

/// The text of a path: inline while it fits, else on the heap.
#[derive(Clone)]
enum PathText {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(String),
}

const INLINE: usize = 46;

impl Default for PathText {
    fn default() -> Self {
        PathText::Inline {
            len: 0,
            bytes: [0; INLINE],
        }
    }
}

impl PathText {
    fn as_str(&self) -> &str {
        match self {
            // Only whole `&str`s are ever copied in, so the bytes are UTF-8.
            PathText::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            PathText::Heap(text) => text,
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            PathText::Inline { len, .. } => *len == 0,
            PathText::Heap(text) => text.is_empty(),
        }
    }

    fn push(&mut self, piece: &str) {
        match self {
            PathText::Inline { len, bytes } => {
                let start = usize::from(*len);
                let end = start + piece.len();
                if let Some(slot) = bytes.get_mut(start..end) {
                    slot.copy_from_slice(piece.as_bytes());
                    *len = end as u8;
                } else {
                    let mut text = String::with_capacity(end + 16);
                    text.push_str(self.as_str());
                    text.push_str(piece);
                    *self = PathText::Heap(text);
                }
            }
            PathText::Heap(text) => text.push_str(piece),
        }
    }
}

impl FieldPath {
    /// A path that starts at a top-level field.
    pub fn root(name: &str) -> Self {
        let mut path = FieldPath::default();
        path.0.push(name);
        path
    }

    /// The path one field deeper.
    pub fn field(&self, name: &str) -> Self {
        let mut path = self.clone();
        if !self.0.is_empty() {
            path.0.push(".");
        }
        path.0.push(name);
        path
    }

    /// The path to one element of a list.
    pub fn index(&self, index: usize) -> Self {
        // "[", up to 20 digits, "]", written right to left, pushed at once.
        let mut text = [b']'; 22];
        let mut at = text.len() - 1;
        let mut n = index;
        loop {
            at = at.saturating_sub(1);
            if let Some(digit) = text.get_mut(at) {
                *digit = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 {
                break;
            }
        }
        at = at.saturating_sub(1);
        if let Some(open) = text.get_mut(at) {
            *open = b'[';
        }
        let mut path = self.clone();
        let digits = text.get(at..).and_then(|t| std::str::from_utf8(t).ok());
        path.0.push(digits.unwrap_or_default());
        path
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl PartialEq for FieldPath {
    fn eq(&self, other: &FieldPath) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for FieldPath {}

impl std::hash::Hash for FieldPath {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("FieldPath").field(&self.as_str()).finish()
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything that can go wrong in redress.
///
/// A message quotes what a person wrote through [`visible`], so a character that
/// would hide or reorder text on a terminal is shown as `\u{…}`; the fields hold the
/// text as given.
///
/// # Example
/// ```
/// use redress::{Currency, Error};
/// let err = Currency::new("XYZ").unwrap_err();
/// assert!(matches!(err, Error::UnknownCurrency { .. }));
/// assert_eq!(
///     err.to_string(),
///     "unknown currency `XYZ`: not an ISO 4217 code redress knows; write one such as USD, EUR or GBP"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A field of the input holds a value the library cannot accept.
    #[error("{}: {}", visible(.path.as_str()), visible(.problem))]
    Invalid {
        /// Where the bad value is.
        path: FieldPath,
        /// What is wrong with it.
        problem: String,
    },
    /// A claim file that does not parse: the field the parser reached, where in the
    /// text, and what is wrong in plain words. See [`crate::diagnose`].
    #[error("{}{}{}", path_text(.path), place_text(.line, .column), visible(.problem))]
    Parse {
        /// The field being read (empty at the top of the document).
        path: FieldPath,
        /// 1-based line, when the parser knows it.
        line: Option<usize>,
        /// 1-based column, when the parser knows it.
        column: Option<usize>,
        /// What is wrong.
        problem: String,
    },
    /// A currency code that is not a known ISO 4217 code.
    #[error("unknown currency `{}`: not an ISO 4217 code redress knows; write one such as USD, EUR or GBP", visible(.code))]
    UnknownCurrency {
        /// The code as given.
        code: String,
    },
    /// Two amounts in different currencies were combined.
    #[error("currency mismatch: cannot combine {left} with {right}")]
    CurrencyMismatch {
        /// The currency of the left-hand amount.
        left: String,
        /// The currency of the right-hand amount.
        right: String,
    },
    /// A computation left the range of `Decimal` or of the calendar.
    #[error("arithmetic overflow: {}", visible(.context))]
    Overflow {
        /// What was being computed.
        context: String,
    },
    /// A policy id that the catalog does not hold.
    #[error("unknown policy `{}`{}", visible(.id), suggestion_text(.suggestions))]
    UnknownPolicy {
        /// The id as given.
        id: String,
        /// The ids it may have meant, likeliest first (at most three): those it begins,
        /// those it is part of, else the nearest by spelling. Empty when none is close.
        suggestions: Vec<String>,
    },
    /// A reading option that a catalog policy does not have.
    #[error(
        "policy `{}` has no option `{}`{}; {}",
        visible(.policy),
        visible(.name),
        suggestion_text(.suggestions),
        list_text("its options", .known, "it has no reading options to choose")
    )]
    UnknownOption {
        /// The policy's id.
        policy: String,
        /// The option's name as given.
        name: String,
        /// The name it may have meant (nearest by spelling), if one is close.
        suggestions: Vec<String>,
        /// Every option the policy has.
        known: Vec<String>,
    },
    /// A value that a policy's reading option does not take.
    #[error(
        "option `{}` of policy `{}` has no value `{}`{}; {}",
        visible(.name),
        visible(.policy),
        visible(.value),
        suggestion_text(.suggestions),
        list_text("its values", .values, "")
    )]
    UnknownOptionValue {
        /// The policy's id.
        policy: String,
        /// The option's name.
        name: String,
        /// The value as given.
        value: String,
        /// The value it may have meant (nearest by spelling), if one is close.
        suggestions: Vec<String>,
        /// Every value the option takes, the default first.
        values: Vec<String>,
    },
    /// A policy that cannot be applied to this claim at all.
    #[error("policy `{}` cannot apply: {}", visible(.policy), visible(.reason))]
    PolicyNotApplicable {
        /// The policy's id.
        policy: String,
        /// Why it cannot apply.
        reason: String,
    },
    /// A rule tree that is not well formed (a rule used on a subject it cannot measure).
    #[error("policy `{}`, provision `{}`: {}", visible(.policy), visible(.provision), visible(.problem))]
    InvalidRule {
        /// The policy's id.
        policy: String,
        /// The provision's name.
        provision: String,
        /// What is wrong with the rule.
        problem: String,
    },
}

fn path_text(path: &FieldPath) -> String {
    if path.as_str().is_empty() {
        String::new()
    } else {
        format!("{}: ", visible(path.as_str()))
    }
}

fn place_text(line: &Option<usize>, column: &Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("line {l}, column {c}: "),
        (Some(l), None) => format!("line {l}: "),
        _ => String::new(),
    }
}

/// ` (did you mean `a`?)`, ` (did you mean `a`, `b` or `c`?)`, or nothing.
fn suggestion_text(suggestions: &[String]) -> String {
    let mut text = String::new();
    for (i, s) in suggestions.iter().enumerate() {
        text.push_str(match i {
            0 => " (did you mean `",
            _ if i + 1 == suggestions.len() => "` or `",
            _ => "`, `",
        });
        text.push_str(&visible(s));
    }
    if !text.is_empty() {
        text.push_str("`?)");
    }
    text
}

/// `its options: `a`, `b``, or `none` when the list is empty.
fn list_text(what: &str, items: &[String], none: &str) -> String {
    if items.is_empty() {
        return none.to_owned();
    }
    let items: Vec<String> = items.iter().map(|i| format!("`{}`", visible(i))).collect();
    format!("{what}: {}", items.join(", "))
}

impl Error {
    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(path: impl Into<FieldPath>, problem: impl Into<String>) -> Self {
        Error::Invalid {
            path: path.into(),
            problem: problem.into(),
        }
    }

    /// Shorthand for [`Error::Overflow`].
    pub fn overflow(context: impl Into<String>) -> Self {
        Error::Overflow {
            context: context.into(),
        }
    }
}

/// The result type of redress.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::FieldPath;

    #[test]
    fn paths_read_the_same_inline_and_on_the_heap() {
        let short = FieldPath::root("outages").index(12).field("end");
        assert_eq!(short.as_str(), "outages[12].end");
        assert_eq!(format!("{short:?}"), "FieldPath(\"outages[12].end\")");
        let long = FieldPath::root("a_field_name_long_enough_to_leave_the_inline")
            .index(usize::MAX)
            .field("é");
        assert_eq!(
            long.to_string(),
            format!(
                "a_field_name_long_enough_to_leave_the_inline[{}].é",
                usize::MAX
            )
        );
        assert_eq!(FieldPath::default().field("x"), FieldPath::root("x"));
        assert_eq!(FieldPath::root("x").index(0).as_str(), "x[0]");
    }
}
