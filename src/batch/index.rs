//! The outages of a batch, by area: built once from `outages.csv` and shared by every
//! account (and every clone of a batch).

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use super::rows::AreaOutage;
use crate::outage::Outage;

/// Outages by area, built once and shared by every account of a batch.
///
/// Areas are matched exactly as written (after the surrounding spaces the parsers
/// trim): area ids are codes, and `Rochester-14604` is not `rochester-14604`. A batch
/// refuses an account whose area matches an outage area only when letter case is
/// ignored (see [`Batch::assess_into`](crate::batch::Batch::assess_into)), so such a slip never silently owes nothing.
///
/// Clones share the outages: a batch cloned for each thread holds them once.
///
/// # Example
/// ```
/// use redress::batch::{AreaOutage, OutageFields, OutageIndex};
/// let outage = AreaOutage::parse(&OutageFields {
///     area: "rochester-14604", services: "internet", start: "2024-10-01T06:00:00-04:00",
///     ..Default::default()
/// })?;
/// let index = OutageIndex::from_iter([outage]);
/// assert_eq!(index.outages("rochester-14604").len(), 1);
/// assert!(index.outages("buffalo-14201").is_empty());
/// assert!(index.outages("Rochester-14604").is_empty());
/// assert_eq!(index.area_ignoring_case("Rochester-14604"), Some("rochester-14604"));
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct OutageIndex {
    pub(crate) areas: Arc<Areas>,
}

/// What an [`OutageIndex`] holds, shared by its clones and by the summaries of its
/// batches (which name areas by their place here).
#[derive(Debug, Clone, Default)]
pub(crate) struct Areas {
    /// Each area's place in `by_area`.
    pub(crate) places: HashMap<AreaName, usize, Hasher>,
    pub(crate) by_area: Vec<Vec<Outage>>,
    pub(crate) len: usize,
    /// Whether some area's name has capitals (changes in lower case).
    pub(crate) has_capitals: bool,
    /// Each area's name (and place) by its name in lower case, worked out when an
    /// account first names an area without outages where letter case could matter
    /// (either name has capitals): to tell a slip of letter case from another area.
    pub(crate) folded: OnceLock<HashMap<AreaName, (usize, AreaName), Hasher>>,
}

impl Areas {
    pub(crate) fn place(&self, area: &str) -> Option<usize> {
        self.places.get(area).copied()
    }

    /// Each area's name by its place.
    pub(crate) fn names_by_place(&self) -> Vec<Option<&str>> {
        let mut names = vec![None; self.by_area.len()];
        for (name, &place) in &self.places {
            if let Some(slot) = names.get_mut(place) {
                *slot = Some(name.as_str());
            }
        }
        names
    }

    fn folded(&self) -> &HashMap<AreaName, (usize, AreaName), Hasher> {
        self.folded.get_or_init(|| {
            let mut folded: HashMap<AreaName, (usize, AreaName), Hasher> = HashMap::default();
            for (name, &place) in &self.places {
                // Two areas alike but for case: the first added is the one suggested.
                match folded.entry(fold_case(name)) {
                    Entry::Occupied(mut seen) if seen.get().0 > place => {
                        seen.insert((place, name.clone()));
                    }
                    Entry::Occupied(_) => {}
                    Entry::Vacant(slot) => {
                        slot.insert((place, name.clone()));
                    }
                }
            }
            folded
        })
    }
}

/// Whether a name changes in lower case.
fn has_capitals(name: &str) -> bool {
    if name.is_ascii() {
        name.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        fold_case(name) != name
    }
}

/// An area's name in lower case, as letter case is ignored to find a near miss.
fn fold_case(name: &str) -> AreaName {
    if name.is_ascii() {
        let mut folded = AreaName::from(name);
        folded.make_ascii_lowercase();
        folded
    } else {
        AreaName::from(name.to_lowercase())
    }
}

impl PartialEq for OutageIndex {
    fn eq(&self, other: &OutageIndex) -> bool {
        Arc::ptr_eq(&self.areas, &other.areas)
            || (self.areas.places == other.areas.places
                && self.areas.by_area == other.areas.by_area)
    }
}

impl Eq for OutageIndex {}

/// The hasher of a batch's maps: keys are areas and shapes from the input, hashed once
/// per account, so a fast hash matters; foldhash is several times faster than the
/// standard SipHash on short keys and is still seeded per process, so crafted area
/// names cannot make lookups collide.
pub(crate) type Hasher = foldhash::fast::RandomState;

/// An area's name as the batch's maps keep it (found once for every account).
pub(crate) type AreaName = compact_str::CompactString;

impl OutageIndex {
    /// An empty index.
    ///
    /// # Example
    /// ```
    /// assert!(redress::batch::OutageIndex::new().is_empty());
    /// ```
    pub fn new() -> OutageIndex {
        OutageIndex::default()
    }

    /// Adds an outage to its area.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let mut index = OutageIndex::new();
    /// index.insert(AreaOutage::parse(&OutageFields {
    ///     area: "a", services: "tv", start: "2024-10-01T06:00:00Z", ..Default::default() })?);
    /// assert_eq!(index.len(), 1);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn insert(&mut self, outage: AreaOutage) {
        let areas = Arc::make_mut(&mut self.areas);
        let capitals = has_capitals(&outage.area);
        let next = areas.by_area.len();
        let at = *areas
            .places
            .entry(AreaName::from(outage.area))
            .or_insert(next);
        if at == next {
            // Most areas have one outage: room for just that one (an empty `Vec`'s first
            // push makes room for four).
            areas.by_area.push(Vec::with_capacity(1));
            areas.folded = OnceLock::new();
            areas.has_capitals |= capitals;
        }
        if let Some(outages) = areas.by_area.get_mut(at) {
            outages.push(outage.outage);
        }
        areas.len += 1;
    }

    /// The names of the areas with outages, in no particular order.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let mut index = OutageIndex::new();
    /// index.insert(AreaOutage::parse(&OutageFields {
    ///     area: "a", services: "tv", start: "2024-10-01T06:00:00Z", ..Default::default() })?);
    /// assert_eq!(index.area_names().collect::<Vec<_>>(), ["a"]);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn area_names(&self) -> impl Iterator<Item = &str> {
        self.areas.places.keys().map(|name| name.as_str())
    }

    /// The outages of an area, in the order they were added (none for an unknown area).
    pub fn outages(&self, area: &str) -> &[Outage] {
        self.outages_at(self.place(area))
    }

    /// Whether an area has outages.
    ///
    /// # Example
    /// ```
    /// assert!(!redress::batch::OutageIndex::new().contains("rochester-14604"));
    /// ```
    pub fn contains(&self, area: &str) -> bool {
        self.place(area).is_some()
    }

    /// The area with outages whose name is `area` but for letter case, when `area`
    /// itself has none: what an account's area was most likely meant to be.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let index = OutageIndex::from_iter([AreaOutage::parse(&OutageFields {
    ///     area: "Rochester-14604", services: "tv", start: "2024-10-01T06:00:00Z",
    ///     ..Default::default() })?]);
    /// assert_eq!(index.area_ignoring_case("ROCHESTER-14604"), Some("Rochester-14604"));
    /// assert_eq!(index.area_ignoring_case("Rochester-14604"), None); // it has outages
    /// assert_eq!(index.area_ignoring_case("buffalo-14201"), None);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn area_ignoring_case(&self, area: &str) -> Option<&str> {
        if self.areas.places.is_empty() || self.contains(area) {
            return None;
        }
        if !self.areas.has_capitals && !has_capitals(area) {
            return None;
        }
        let folded = fold_case(area);
        let (_, name) = self.areas.folded().get(&folded)?;
        Some(name.as_str())
    }

    /// An area's place in the index: `None` for an area without outages.
    pub(crate) fn place(&self, area: &str) -> Option<usize> {
        self.areas.place(area)
    }

    pub(crate) fn outages_at(&self, place: Option<usize>) -> &[Outage] {
        place
            .and_then(|at| self.areas.by_area.get(at))
            .map_or(&[], Vec::as_slice)
    }

    /// How many outages the index holds.
    pub fn len(&self) -> usize {
        self.areas.len
    }

    /// Whether the index holds no outage.
    pub fn is_empty(&self) -> bool {
        self.areas.len == 0
    }

    /// How many areas have outages.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::batch::OutageIndex::new().areas(), 0);
    /// ```
    pub fn areas(&self) -> usize {
        self.areas.places.len()
    }
}

impl FromIterator<AreaOutage> for OutageIndex {
    fn from_iter<I: IntoIterator<Item = AreaOutage>>(outages: I) -> OutageIndex {
        let mut index = OutageIndex::new();
        for outage in outages {
            index.insert(outage);
        }
        index
    }
}
