//! User text shown safely in messages: a character that would hide or reorder text
//! on a terminal (a NUL, a zero-width space, a right-to-left override) is written out
//! as `\u{202e}` rather than acted on, and a very long text is cut to its ends.
//!
//! Public as [`crate::diagnose::visible`]; it sits below every module that writes a
//! message, [`crate::error`] first.

use std::borrow::Cow;

/// The most characters of user text a message shows; a longer text keeps its start
/// and its end, and says how much was left out between them.
pub const MOST_SHOWN: usize = 1000;
/// Of [`MOST_SHOWN`], how many characters come from the start of a long text.
const SHOWN_HEAD: usize = 600;
/// Of [`MOST_SHOWN`], how many characters come from the end of a long text.
const SHOWN_TAIL: usize = 300;

/// Whether a character would hide text or change how the text around it reads on a
/// terminal: control characters (NUL, escape, C1 controls), zero-width characters and
/// joiners, bidirectional marks, embeddings, overrides and isolates, line and paragraph
/// separators, the byte-order mark, and the other invisible format characters.
///
/// # Example
/// ```
/// use redress::diagnose::hides_or_reorders;
/// assert!(hides_or_reorders('\u{202e}'));
/// assert!(hides_or_reorders('\0'));
/// assert!(!hides_or_reorders('é'));
/// ```
pub fn hides_or_reorders(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'                  // soft hyphen
            | '\u{061C}'                // Arabic letter mark
            | '\u{180E}'                // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}'   // zero-width space, non-joiner, joiner; LRM, RLM
            | '\u{2028}'..='\u{202E}'   // line and paragraph separators; embeddings, overrides
            | '\u{2060}'..='\u{2064}'   // word joiner, invisible operators
            | '\u{2066}'..='\u{206F}'   // isolates; deprecated format characters
            | '\u{FEFF}'                // zero-width no-break space, byte-order mark
            | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotation
            | '\u{E0000}'..='\u{E007F}' // tags
        )
}

/// User text as a message should show it: each character that would hide text or
/// reorder it on a terminal ([`hides_or_reorders`]) written as `\u{…}`, and a text
/// longer than [`MOST_SHOWN`] characters cut to its start and end, saying how many
/// characters were left out. Text with neither comes back as it was.
///
/// Every message redress writes that quotes what a person wrote passes through here,
/// so what a reader sees is what the file holds.
///
/// # Example
/// ```
/// use redress::diagnose::visible;
/// assert_eq!(visible("internet"), "internet");
/// assert_eq!(visible("tv\u{202e}moc.evil"), "tv\\u{202e}moc.evil");
/// assert_eq!(visible("a\0b\u{200b}"), "a\\u{0}b\\u{200b}");
/// let long = "x".repeat(5000);
/// assert!(visible(&long).contains("[4100 characters left out]"));
/// ```
pub fn visible(text: &str) -> Cow<'_, str> {
    let long = text.chars().nth(MOST_SHOWN).is_some();
    if !long && !text.chars().any(hides_or_reorders) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(4 * MOST_SHOWN) + 16);
    if long {
        let count = text.chars().count();
        let tail_from = count.saturating_sub(SHOWN_TAIL);
        push_escaped(&mut out, text.chars().take(SHOWN_HEAD));
        out.push_str(&format!(
            " … [{} characters left out] … ",
            tail_from.saturating_sub(SHOWN_HEAD)
        ));
        push_escaped(&mut out, text.chars().skip(tail_from));
    } else {
        push_escaped(&mut out, text.chars());
    }
    Cow::Owned(out)
}

fn push_escaped(out: &mut String, chars: impl Iterator<Item = char>) {
    for c in chars {
        if hides_or_reorders(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
}
