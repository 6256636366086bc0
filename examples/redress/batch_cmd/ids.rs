//! Account ids: the ones a batch has seen before (a customer who would be credited twice),
//! and how an id is written so that a spreadsheet shows it as text.

use std::borrow::Cow;
use std::hash::BuildHasher;

/// How many repeated ids are named on stderr and in the summary; the rest are counted.
pub const REPEATS_SHOWN: usize = 10;

/// A 64-bit fingerprint of an account id. Two different ids share one with odds of about
/// one in 36 million across a batch of a million accounts (n² / 2⁶⁵); such a pair is
/// reported as a repeat, so a fingerprint can over-report a repeat, never miss one.
pub fn fingerprint(id: &str) -> u64 {
    foldhash::quality::FixedState::with_seed(0x7265_6472_6573_7321).hash_one(id)
}

/// A set of fingerprints: a table of 8-byte slots (0 for an empty one), a fingerprint's
/// place in it its high bits scaled to the table's size, the next free slot after that
/// place when it is taken. Kept at most four-fifths full, so that about 10 MB hold a
/// million fingerprints.
#[derive(Default)]
struct Fingerprints {
    slots: Vec<u64>,
    len: usize,
}

impl Fingerprints {
    /// Adds a fingerprint; false when it was there already.
    fn insert(&mut self, fingerprint: u64) -> bool {
        if 5 * (self.len + 1) > 4 * self.slots.len() {
            self.grow(2 * (self.len + 1));
        }
        // 0 marks an empty slot: the one fingerprint of 0 in 2⁶⁴ is taken for 1.
        let fingerprint = fingerprint.max(1);
        let size = self.slots.len();
        let mut at = ((u128::from(fingerprint) * size as u128) >> 64) as usize;
        loop {
            match self.slots.get_mut(at) {
                Some(slot) if *slot == fingerprint => return false,
                Some(slot) if *slot == 0 => {
                    *slot = fingerprint;
                    self.len += 1;
                    return true;
                }
                Some(_) => at += 1,
                None => at = 0,
            }
        }
    }

    /// Makes room for `count` fingerprints in all.
    fn grow(&mut self, count: usize) {
        let size = (count.saturating_mul(5) / 4).max(16);
        if size <= self.slots.len() {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        self.len = 0;
        for fingerprint in old.into_iter().filter(|&f| f != 0) {
            self.insert(fingerprint);
        }
    }
}

/// The ids a batch has seen, as fingerprints, and the rows that repeat one.
#[derive(Default)]
pub struct Seen {
    fingerprints: Fingerprints,
    /// Rows whose id was seen before.
    pub repeats: u64,
    /// The first few of them: the id and the row's line.
    pub shown: Vec<(String, u64)>,
}

impl Seen {
    /// Makes room for about `ids` fingerprints at once (an estimate from the file's size),
    /// so that the table is not grown, and copied, as they come.
    pub fn reserve(&mut self, ids: usize) {
        self.fingerprints.grow(ids);
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
    fn the_set_finds_every_fingerprint_it_holds_whatever_its_growth() {
        let mut set = Fingerprints::default();
        // Fingerprints spread as hashes are, and clustered ones, and 0 (taken for 1).
        let all: Vec<u64> = (0..5000u64)
            .map(|n| fingerprint(&n.to_string()))
            .chain(0..100)
            .chain(u64::MAX - 100..=u64::MAX)
            .collect();
        for &f in &all {
            set.insert(f);
        }
        for &f in &all {
            assert!(!set.insert(f), "{f}");
        }
        // 0 and 1 are one; the rest distinct.
        assert_eq!(set.len, all.len() - 1);
        assert!(5 * set.len <= 4 * set.slots.len());
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
