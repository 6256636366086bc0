//! Wrapping the letter's paragraphs to a width a mail client shows unbroken.

/// The width the letter's paragraphs are wrapped to.
pub(super) const WIDTH: usize = 76;

/// Writes `text` wrapped at [`WIDTH`], the first line after `first`, the others after `rest`.
pub(super) fn fill(out: &mut String, first: &str, rest: &str, text: &str) {
    let mut line = String::from(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        let fits = line.chars().count() + 1 + word.chars().count() <= WIDTH;
        if !empty && !fits {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    if !empty {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// A paragraph: `text` wrapped with no indent, then a blank line.
pub(super) fn paragraph(out: &mut String, text: &str) {
    fill(out, "", "", text);
    out.push('\n');
}
