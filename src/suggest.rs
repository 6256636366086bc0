//! Suggestions for a mistyped name: the nearest of the names a field accepts, when one is
//! close enough to be what was meant. It depends on nothing else in the crate, so every
//! part that refuses a name (policy ids, field names, service kinds, time zones) can say
//! what to write instead.

/// The nearest of some names to a word, if it is close (an edit distance of at most a
/// third of the word's length, rounded up, so `ended` finds `end` and `outage` `outages`).
///
/// # Example
/// ```
/// let names = ["outages", "appointments", "activations"];
/// assert_eq!(redress::suggest::nearest("outage", names), Some("outages"));
/// assert_eq!(redress::suggest::nearest("zzz", names), None);
/// ```
pub fn nearest<'n>(word: &str, names: impl IntoIterator<Item = &'n str>) -> Option<&'n str> {
    let length = word.chars().count();
    let limit = length.div_ceil(3).max(1);
    names
        .into_iter()
        // An edit distance is at least the difference of the lengths: a name too long or
        // too short to be within the limit is not compared letter by letter, so a word
        // of a million letters costs one count per name, not a million steps.
        .filter(|name| name.chars().count().abs_diff(length) <= limit)
        .map(|name| (edit_distance(word, name), name))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

/// The Levenshtein distance between two words, in characters: the fewest insertions,
/// deletions and substitutions that turn one into the other.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let substitute = previous + usize::from(ca != *cb);
            previous = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = substitute.min(above + 1).min(left + 1);
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_reach_a_third_of_the_word_rounded_up() {
        assert_eq!(nearest("ended", ["services", "start", "end"]), Some("end"));
    }
}
