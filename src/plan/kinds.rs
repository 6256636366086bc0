//! Service kinds as people write them: the nine kinds by name, the everyday words for
//! them ("broadband", "landline", "Cable TV"), and `other:NAME` for a service redress
//! has no kind for. Any other word is refused, naming the kind it is nearest to, so a
//! typo cannot turn a service into one no policy covers.
//!
//! The words are compared in lower case, with the spaces around them trimmed and any
//! run of spaces, hyphens and underscores inside read as one space: `Cable-TV`,
//! `cable_tv` and `cable  tv` are all `cable tv`. `docs/claim-file.md` ("Service kinds")
//! lists them for the reader; the table here is the one both read from.

use std::fmt;

use super::ServiceKind;
use crate::suggest::nearest;
use crate::visible::{hides_or_reorders, visible};

/// The prefix that marks a kind redress does not know as meant: `other:alarm-line`.
pub const OTHER_PREFIX: &str = "other:";

/// The nine kinds by their names, in the order the documentation lists them.
const CANONICAL: [(&str, ServiceKind); 9] = [
    ("internet", ServiceKind::Internet),
    ("tv", ServiceKind::Tv),
    ("phone", ServiceKind::Phone),
    ("mobile", ServiceKind::Mobile),
    ("electricity", ServiceKind::Electricity),
    ("gas", ServiceKind::Gas),
    ("water", ServiceKind::Water),
    ("compute", ServiceKind::Compute),
    ("storage", ServiceKind::Storage),
];

/// Everyday words for the kinds, each written as [`folded`] gives it (lower case, one
/// space between words). "wireless" is mobile service, as a phone bill says it; fixed
/// wireless broadband is `internet`.
const SYNONYMS: [(&str, ServiceKind); 36] = [
    ("broadband", ServiceKind::Internet),
    ("fibre", ServiceKind::Internet),
    ("fiber", ServiceKind::Internet),
    ("dsl", ServiceKind::Internet),
    ("cable internet", ServiceKind::Internet),
    ("wifi", ServiceKind::Internet),
    ("wi fi", ServiceKind::Internet),
    ("home internet", ServiceKind::Internet),
    ("voice", ServiceKind::Phone),
    ("landline", ServiceKind::Phone),
    ("land line", ServiceKind::Phone),
    ("home phone", ServiceKind::Phone),
    ("telephone", ServiceKind::Phone),
    ("voip", ServiceKind::Phone),
    ("cable", ServiceKind::Tv),
    ("television", ServiceKind::Tv),
    ("cable tv", ServiceKind::Tv),
    ("iptv", ServiceKind::Tv),
    ("power", ServiceKind::Electricity),
    ("cell", ServiceKind::Mobile),
    ("cellular", ServiceKind::Mobile),
    ("wireless", ServiceKind::Mobile),
    ("mobile phone", ServiceKind::Mobile),
    ("cell phone", ServiceKind::Mobile),
    ("vm", ServiceKind::Compute),
    ("vms", ServiceKind::Compute),
    ("instance", ServiceKind::Compute),
    ("instances", ServiceKind::Compute),
    ("virtual machine", ServiceKind::Compute),
    ("virtual machines", ServiceKind::Compute),
    ("ec2", ServiceKind::Compute),
    ("object storage", ServiceKind::Storage),
    ("blob storage", ServiceKind::Storage),
    ("s3", ServiceKind::Storage),
    ("disk", ServiceKind::Storage),
    ("natural gas", ServiceKind::Gas),
];

/// Why a word is not a service kind.
///
/// # Example
/// ```
/// use redress::plan::ServiceKindError;
/// use redress::ServiceKind;
/// let err = "internt".parse::<ServiceKind>().unwrap_err();
/// assert!(matches!(err, ServiceKindError::Unknown { .. }));
/// assert!(err.to_string().contains("did you mean `internet`?"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ServiceKindError {
    /// Nothing was written.
    Empty,
    /// A word that is neither a kind nor a word for one.
    Unknown {
        /// The word as written.
        word: String,
        /// The nearest kind or word for one, if one is close.
        nearest: Option<&'static str>,
    },
    /// `other:` with no name after it, or a name holding `:`, `|`, or a character that
    /// is invisible or reorders text.
    NoOtherName {
        /// The text as written.
        word: String,
    },
    /// `other:` before the name of a kind redress knows (`other:internet`).
    OtherIsKnown {
        /// The text as written.
        word: String,
        /// The kind it names.
        kind: ServiceKind,
    },
}

impl fmt::Display for ServiceKindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServiceKindError::Empty => write!(
                f,
                "a service kind cannot be empty; write one such as \"internet\""
            ),
            ServiceKindError::Unknown { word, nearest } => {
                write!(f, "`{}` is not a service kind redress knows", visible(word))?;
                match nearest.and_then(|n| known(n).map(|kind| (n, kind))) {
                    Some((name, kind)) if name == kind.as_str() => {
                        write!(f, "; did you mean `{name}`?")?;
                    }
                    Some((name, kind)) => {
                        write!(f, "; did you mean `{name}` (the `{kind}` kind)?")?;
                    }
                    None => write!(f, "; write one of {}.", canonical_list())?,
                }
                if !plain_name(word.trim()) {
                    return Ok(());
                }
                write!(
                    f,
                    " For a service redress has no kind for, write `{OTHER_PREFIX}{}`",
                    word.trim().to_lowercase()
                )
            }
            ServiceKindError::NoOtherName { word } => write!(
                f,
                "`{}` names no service: write a name after `{OTHER_PREFIX}` in visible \
                 characters, without `:` or `|`, such as \"{OTHER_PREFIX}alarm-line\"",
                visible(word)
            ),
            ServiceKindError::OtherIsKnown { word, kind } => write!(
                f,
                "`{word}` is a kind redress knows; write \"{kind}\" without `{OTHER_PREFIX}`"
            ),
        }
    }
}

impl std::error::Error for ServiceKindError {}

/// The nine kinds' names, for a message: "internet, tv, … or storage".
fn canonical_list() -> String {
    let names: Vec<&str> = CANONICAL.iter().map(|(name, _)| *name).collect();
    match names.split_last() {
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A word in the form the tables write it: trimmed, lower case, and each run of
/// spaces, hyphens and underscores inside as one space.
pub(super) fn folded(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut gap = false;
    for c in word.trim().chars() {
        if c == ' ' || c == '-' || c == '_' || c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// The kind a folded word names, by its name or an everyday word for it.
fn known(folded: &str) -> Option<ServiceKind> {
    CANONICAL
        .iter()
        .chain(SYNONYMS.iter())
        .find(|(name, _)| *name == folded)
        .map(|(_, kind)| kind.clone())
}

/// Reads a service kind as a person writes it: see the module's documentation.
pub(super) fn parse(word: &str) -> Result<ServiceKind, ServiceKindError> {
    let name = word.trim();
    if name.is_empty() {
        return Err(ServiceKindError::Empty);
    }
    if let Some(other) = strip_other(name) {
        return deliberate_other(name, other);
    }
    let folded = folded(name);
    known(&folded).ok_or_else(|| ServiceKindError::Unknown {
        word: name.to_owned(),
        nearest: nearest(
            &folded,
            CANONICAL
                .iter()
                .chain(SYNONYMS.iter())
                .map(|(name, _)| *name),
        ),
    })
}

/// Whether a name can follow `other:`: no separator of a batch row (`:`, `|`), no
/// control character, nothing that hides or reorders text.
fn plain_name(name: &str) -> bool {
    !name.contains([':', '|']) && !name.chars().any(|c| c.is_control() || hides_or_reorders(c))
}

/// The name after `other:` (in any letter case), if the word starts with it.
pub(super) fn strip_other(word: &str) -> Option<&str> {
    let prefix = word.get(..OTHER_PREFIX.len())?;
    prefix
        .eq_ignore_ascii_case(OTHER_PREFIX)
        .then(|| word.get(OTHER_PREFIX.len()..))
        .flatten()
}

/// `other:NAME`: the name in lower case, trimmed; refused when empty, when it holds a
/// separator, or when it is a kind's own name.
fn deliberate_other(word: &str, name: &str) -> Result<ServiceKind, ServiceKindError> {
    let name = name.trim();
    if name.is_empty() || !plain_name(name) {
        return Err(ServiceKindError::NoOtherName {
            word: word.to_owned(),
        });
    }
    let name = name.to_lowercase();
    if let Some((_, kind)) = CANONICAL.iter().find(|(known, _)| folded(&name) == *known) {
        return Err(ServiceKindError::OtherIsKnown {
            word: word.to_owned(),
            kind: kind.clone(),
        });
    }
    Ok(ServiceKind::Other(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_folded_and_name_each_word_once() {
        let all: Vec<&str> = CANONICAL
            .iter()
            .chain(SYNONYMS.iter())
            .map(|(n, _)| *n)
            .collect();
        for (i, name) in all.iter().enumerate() {
            assert_eq!(folded(name), *name, "{name} is not written folded");
            assert!(!all[..i].contains(name), "{name} is listed twice");
        }
    }

    #[test]
    fn everyday_words_name_their_kinds_in_any_case_and_spacing() {
        for (word, kind) in [
            ("broadband", ServiceKind::Internet),
            ("Fiber", ServiceKind::Internet),
            (" Wi-Fi ", ServiceKind::Internet),
            ("WIFI", ServiceKind::Internet),
            ("Home_Internet", ServiceKind::Internet),
            ("cable internet", ServiceKind::Internet),
            ("Cable TV", ServiceKind::Tv),
            ("cable-tv", ServiceKind::Tv),
            ("Cable", ServiceKind::Tv),
            ("Voice", ServiceKind::Phone),
            ("land-line", ServiceKind::Phone),
            ("VoIP", ServiceKind::Phone),
            ("power", ServiceKind::Electricity),
            ("Cell  Phone", ServiceKind::Mobile),
            ("wireless", ServiceKind::Mobile),
            ("Virtual Machines", ServiceKind::Compute),
            ("EC2", ServiceKind::Compute),
            ("S3", ServiceKind::Storage),
            ("object-storage", ServiceKind::Storage),
            ("Natural Gas", ServiceKind::Gas),
            ("WATER", ServiceKind::Water),
        ] {
            assert_eq!(parse(word), Ok(kind), "{word}");
        }
    }

    #[test]
    fn a_deliberate_other_kind_keeps_its_name_in_lower_case() {
        assert_eq!(
            parse("other:alarm-line"),
            Ok(ServiceKind::Other("alarm-line".into()))
        );
        assert_eq!(
            parse(" Other: Alarm Line "),
            Ok(ServiceKind::Other("alarm line".into()))
        );
        // A word for a kind may be set apart on purpose; a kind's own name may not.
        assert_eq!(
            parse("other:wireless"),
            Ok(ServiceKind::Other("wireless".into()))
        );
        let err = parse("other:Internet").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`other:Internet` is a kind redress knows; write \"internet\" without `other:`"
        );
        for empty in [
            "other:",
            "OTHER: ",
            "other:a|b",
            "other:a:b",
            "other:a\u{202e}b",
        ] {
            assert!(
                matches!(parse(empty), Err(ServiceKindError::NoOtherName { .. })),
                "{empty}"
            );
        }
    }

    /// What a kind displays as reads back as the same kind, so a claim file written back
    /// reads the same.
    #[test]
    fn every_kind_reads_back_from_what_it_displays() {
        let others = [
            ServiceKind::Other("alarm-line".into()),
            ServiceKind::Other("wireless".into()),
        ];
        for kind in CANONICAL.iter().map(|(_, k)| k.clone()).chain(others) {
            assert_eq!(kind.to_string().parse::<ServiceKind>(), Ok(kind.clone()));
        }
    }

    #[test]
    fn an_unknown_word_names_the_nearest_kind_or_lists_them() {
        // `brodband` is one letter from `broadband`, which is internet.
        assert_eq!(
            parse("brodband").unwrap_err().to_string(),
            "`brodband` is not a service kind redress knows; did you mean `broadband` (the \
             `internet` kind)? For a service redress has no kind for, write `other:brodband`"
        );
        assert_eq!(
            parse("internt").unwrap_err().to_string(),
            "`internt` is not a service kind redress knows; did you mean `internet`? For a \
             service redress has no kind for, write `other:internt`"
        );
        assert_eq!(
            parse("Satellite").unwrap_err().to_string(),
            "`Satellite` is not a service kind redress knows; write one of internet, tv, \
             phone, mobile, electricity, gas, water, compute or storage. For a service \
             redress has no kind for, write `other:satellite`"
        );
        assert_eq!(parse("  "), Err(ServiceKindError::Empty));
    }
}
