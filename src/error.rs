//! One error type for everything redress can refuse.
//!
//! Every variant says *what* is wrong and *where*: a field path into the claim
//! input (`outages[2].end`), a policy id, or the arithmetic that overflowed.
//! Nothing in the library panics on input; everything that could goes here.

use std::fmt;

/// A place in the claim input, written as a path such as `plan.services[1].monthly_price`.
///
/// # Example
/// ```
/// use redress::FieldPath;
/// let path = FieldPath::root("outages").index(2).field("end");
/// assert_eq!(path.to_string(), "outages[2].end");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FieldPath(String);

impl FieldPath {
    /// A path that starts at a top-level field.
    pub fn root(name: &str) -> Self {
        FieldPath(name.to_owned())
    }

    /// The path one field deeper.
    pub fn field(&self, name: &str) -> Self {
        if self.0.is_empty() {
            return FieldPath(name.to_owned());
        }
        FieldPath(format!("{}.{}", self.0, name))
    }

    /// The path to one element of a list.
    pub fn index(&self, index: usize) -> Self {
        FieldPath(format!("{}[{}]", self.0, index))
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Everything that can go wrong in redress.
///
/// # Example
/// ```
/// use redress::{Currency, Error};
/// let err = Currency::new("XYZ").unwrap_err();
/// assert!(matches!(err, Error::UnknownCurrency { .. }));
/// assert_eq!(err.to_string(), "unknown currency `XYZ`: not an ISO 4217 code redress knows");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A field of the input holds a value the library cannot accept.
    #[error("{path}: {problem}")]
    Invalid {
        /// Where the bad value is.
        path: FieldPath,
        /// What is wrong with it.
        problem: String,
    },
    /// A claim file that does not parse: the field the parser reached, where in the
    /// text, and what is wrong in plain words. See [`crate::diagnose`].
    #[error("{}{}{problem}", path_text(.path), place_text(.line, .column))]
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
    #[error("unknown currency `{code}`: not an ISO 4217 code redress knows")]
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
    #[error("arithmetic overflow: {context}")]
    Overflow {
        /// What was being computed.
        context: String,
    },
    /// A policy id that the catalog does not hold.
    #[error("unknown policy `{id}`{}", suggestion_text(.suggestion))]
    UnknownPolicy {
        /// The id as given.
        id: String,
        /// The nearest known id, if one is close.
        suggestion: Option<String>,
    },
    /// A policy that cannot be applied to this claim at all.
    #[error("policy `{policy}` cannot apply: {reason}")]
    PolicyNotApplicable {
        /// The policy's id.
        policy: String,
        /// Why it cannot apply.
        reason: String,
    },
    /// A rule tree that is not well formed (a rule used on a subject it cannot measure).
    #[error("policy `{policy}`, provision `{provision}`: {problem}")]
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
        format!("{path}: ")
    }
}

fn place_text(line: &Option<usize>, column: &Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("line {l}, column {c}: "),
        (Some(l), None) => format!("line {l}: "),
        _ => String::new(),
    }
}

fn suggestion_text(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) => format!(" (did you mean `{s}`?)"),
        None => String::new(),
    }
}

impl Error {
    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(path: FieldPath, problem: impl Into<String>) -> Self {
        Error::Invalid {
            path,
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
