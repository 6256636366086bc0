//! Account ids: the ones a batch has seen before (a customer who would be credited twice),
//! and how an id is written so that a spreadsheet shows it as text.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

/// How many repeated ids are named on stderr and in the summary; the rest are counted.
pub const REPEATS_SHOWN: usize = 10;

/// A 64-bit fingerprint of an account id. Two different ids share one with odds of about
/// one in 36 million across a batch of a million accounts (n² / 2⁶⁵); such a pair is
/// reported as a repeat, so a fingerprint can over-report a repeat, never miss one.
pub fn fingerprint(id: &str) -> u64 {
    foldhash::quality::FixedState::with_seed(0x7265_6472_6573_7321).hash_one(id)
}

/// A fingerprint is already a hash: it is its own.
#[derive(Default)]
struct Itself(u64);

impl Hasher for Itself {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The ids a batch has seen, as fingerprints (8 bytes each, about 16 MB for a million
/// accounts once the table has grown), and the rows that repeat one.
#[derive(Default)]
pub struct Seen {
    fingerprints: HashSet<u64, BuildHasherDefault<Itself>>,
    /// Rows whose id was seen before.
    pub repeats: u64,
    /// The first few of them: the id and the row's line.
    pub shown: Vec<(String, u64)>,
}

impl Seen {
    /// Makes room for about `ids` fingerprints at once (an estimate from the file's size),
    /// so that the table is not grown, and copied, as they come.
    pub fn reserve(&mut self, ids: usize) {
        self.fingerprints
            .reserve(ids.saturating_sub(self.fingerprints.len()));
    }

    /// Counts a row with an id of `fingerprint` on `line`; true when the id was seen
    /// before (`id` is asked for only then, for the first few).
    pub fn add(&mut self, fingerprint: u64, line: u64, id: impl FnOnce() -> String) -> bool {
        if self.fingerprints.insert(fingerprint) {
            return false;
        }
        self.repeats += 1;
        if self.shown.len() < REPEATS_SHOWN {
            self.shown.push((id(), line));
        }
        true
    }

    /// The summary's line about repeated ids, if any.
    pub fn summary(&self) -> Option<String> {
        if self.repeats == 0 {
            return None;
        }
        let listed: Vec<String> = self
            .shown
            .iter()
            .map(|(id, line)| format!("`{id}` (line {line})"))
            .collect();
        let more = self.repeats - self.shown.len() as u64;
        Some(format!(
            "{} row{} repeat{} an account id of an earlier row, and {} assessed and written \
             again (a customer may be credited twice): {}{}",
            self.repeats,
            if self.repeats == 1 { "" } else { "s" },
            if self.repeats == 1 { "s" } else { "" },
            if self.repeats == 1 { "is" } else { "are" },
            listed.join(", "),
            if more > 0 {
                format!(", and {more} more")
            } else {
                String::new()
            }
        ))
    }
}

/// Whether a spreadsheet could take a field that starts so for a formula (`=`, `+`, `-`,
/// `@`, a tab or a carriage return, as OWASP's advice on CSV injection lists them), or it
/// starts with the `'` that marks such a field.
pub fn needs_mark(id: &[u8]) -> bool {
    matches!(
        id.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\'')
    )
}

/// The id as the output writes it: with a `'` before it when [`needs_mark`] says so, so
/// that a spreadsheet shows it as text. A program reading the output gets the id back by
/// removing the first character of a field that starts with `'` (a field never starts
/// with one otherwise).
pub fn spreadsheet_safe(id: &str) -> Cow<'_, str> {
    if needs_mark(id.as_bytes()) {
        Cow::Owned(format!("'{id}"))
    } else {
        Cow::Borrowed(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marked_id_is_read_back_by_dropping_the_mark() {
        for id in [
            "=SUM(A1)", "+1", "-2", "@x", "'quoted", "\tx", "A-1", "", "1=1",
        ] {
            let written = spreadsheet_safe(id);
            let back = written.strip_prefix('\'').unwrap_or(&written);
            assert_eq!(back, id);
            assert_eq!(
                written.starts_with('\''),
                needs_mark(id.as_bytes()),
                "{id:?}"
            );
        }
    }

    #[test]
    fn repeats_are_counted_and_the_first_few_named() {
        let mut seen = Seen::default();
        for line in 2..40 {
            let id = format!("A-{}", line % 5);
            seen.add(fingerprint(&id), line, || id.clone());
        }
        // 38 rows, 5 distinct ids: 33 repeats.
        assert_eq!(seen.repeats, 33);
        assert_eq!(seen.shown.len(), REPEATS_SHOWN);
        assert_eq!(seen.shown[0], ("A-2".to_owned(), 7));
        let summary = seen.summary().unwrap();
        assert!(
            summary.starts_with("33 rows repeat an account id"),
            "{summary}"
        );
        assert!(summary.ends_with("and 23 more"), "{summary}");
    }
}
