//! Answers kept for questions asked again and again (the local date of an instant, a
//! billing period's bounds): a fixed number of slots, each question's place found from
//! its hash, a newer answer taking the place of an older one that shares its slot.
//!
//! A batch asks about the same few instants and periods for account after account;
//! a claim of many outages asks about thousands. The slots keep memory fixed whatever
//! the input, and finding an answer is one hash and one comparison.

use std::hash::{BuildHasher, Hash};

/// Answers to questions of type `K`, in `2^bits` slots.
#[derive(Debug)]
pub(crate) struct Memo<K, V> {
    slots: Vec<Option<(K, V)>>,
    mask: usize,
}

impl<K: Hash + Eq + Copy, V: Copy> Memo<K, V> {
    /// An empty memo of `2^bits` slots.
    pub(crate) fn new(bits: u32) -> Memo<K, V> {
        let size = 1usize << bits.min(20);
        Memo {
            slots: vec![None; size],
            mask: size - 1,
        }
    }

    fn place(&self, key: &K) -> usize {
        let hash = foldhash::fast::FixedState::with_seed(0x6d65_6d6f).hash_one(key);
        // The high bits: foldhash mixes them best.
        (hash >> 32) as usize & self.mask
    }

    /// The answer kept for `key`, if any.
    pub(crate) fn get(&self, key: &K) -> Option<V> {
        match self.slots.get(self.place(key)) {
            Some(Some((kept, value))) if kept == key => Some(*value),
            _ => None,
        }
    }

    /// Keeps an answer, in place of whatever shared its slot.
    pub(crate) fn put(&mut self, key: K, value: V) {
        let at = self.place(&key);
        if let Some(slot) = self.slots.get_mut(at) {
            *slot = Some((key, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;

    #[test]
    fn an_answer_is_found_until_another_takes_its_slot() {
        let mut memo: Memo<u64, u64> = Memo::new(1);
        assert_eq!(memo.get(&7), None);
        memo.put(7, 49);
        assert_eq!(memo.get(&7), Some(49));
        // Two slots: of three keys, at least two share one, and the newer is kept.
        memo.put(8, 64);
        memo.put(9, 81);
        let kept = [7, 8, 9].iter().filter(|k| memo.get(k).is_some()).count();
        assert!((1..=2).contains(&kept), "{kept}");
        assert_eq!(memo.get(&9), Some(81));
        // An answer found is the one put for that very key.
        for k in [7u64, 8, 9] {
            if let Some(v) = memo.get(&k) {
                assert_eq!(v, k * k);
            }
        }
    }
}
