//! Offered versus owed, added up: for a batch with an offer or a `credited` column, what
//! was owed, offered, credited and short by area and by region, per policy and currency,
//! with the accounts short-changed counted.
//!
//! Every account of a batch adds to one area's sums and one region's. The sums are kept
//! as whole minor units (cents) while the amounts are at their currency's places, as a
//! batch's are; any other amount, and a sum past 64 bits, is added exactly as a decimal
//! beside them. A [`Tally`] is the two together.

mod table;

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use smallvec::SmallVec;

use super::index::{AreaName, Areas, Hasher, OutageIndex};
use super::offer::shortfall;
use super::sums::exact_add;
use super::total::PolicyTotal;
use crate::money::Currency;

/// At most this many regions are kept by name; accounts of further regions are added to
/// one `other regions` row, so memory stays bounded.
const REGIONS_KEPT: usize = 1_000;

/// The row of the regions past [`REGIONS_KEPT`].
const OTHER_REGIONS: &str = "(other regions)";

/// The sums of one (place, policy, currency).
///
/// # Example
/// ```
/// let tally = redress::batch::Tally::default();
/// assert_eq!((tally.accounts, tally.short), (0, 0));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Accounts assessed.
    pub accounts: u64,
    /// Accounts short-changed: a shortfall above zero.
    pub short: u64,
    /// Accounts whose shortfall is unknown (no offer, `credited` empty).
    pub unknown: u64,
    /// Accounts with an offered figure (none without an offer).
    pub offered_accounts: u64,
    /// Accounts with a `credited` figure.
    pub credited_accounts: u64,
    /// The sum owed.
    pub owed: Decimal,
    /// The sum offered (zero without an offer).
    pub offered: Decimal,
    /// The sum credited, over the accounts with a figure.
    pub credited: Decimal,
    /// The sum of the shortfalls known.
    pub shortfall: Decimal,
    /// A sum grew past what a `Decimal` holds to the currency's minor unit: the sums
    /// stop at the last exact one, and the table says `overflow`.
    pub overflowed: bool,
}

impl Tally {
    /// Adds another tally's counts and sums.
    fn absorb(&mut self, other: &Tally) {
        self.accounts += other.accounts;
        self.short += other.short;
        self.unknown += other.unknown;
        self.offered_accounts += other.offered_accounts;
        self.credited_accounts += other.credited_accounts;
        self.overflowed |= other.overflowed;
        for (sum, value) in [
            (&mut self.owed, other.owed),
            (&mut self.offered, other.offered),
            (&mut self.credited, other.credited),
            (&mut self.shortfall, other.shortfall),
        ] {
            self.overflowed |= add_exactly(sum, value);
        }
    }

    /// The sum of one of the four amounts ([`Amount`]).
    fn sum_mut(&mut self, amount: Amount) -> &mut Decimal {
        match amount {
            Amount::Owed => &mut self.owed,
            Amount::Offered => &mut self.offered,
            Amount::Credited => &mut self.credited,
            Amount::Shortfall => &mut self.shortfall,
        }
    }
}

/// `sum += value` exactly; true (and `sum` left as it was) when the sum would not fit.
fn add_exactly(sum: &mut Decimal, value: Decimal) -> bool {
    match exact_add(*sum, value) {
        Some(next) => {
            *sum = next;
            false
        }
        None => true,
    }
}

/// The four amounts a tally sums, in the order [`Sums::minor`] keeps them.
#[derive(Debug, Clone, Copy)]
enum Amount {
    Owed,
    Offered,
    Credited,
    Shortfall,
}

const AMOUNTS: [Amount; 4] = [
    Amount::Owed,
    Amount::Offered,
    Amount::Credited,
    Amount::Shortfall,
];

/// One account's figures under one policy, worked out once for its area and its region.
#[derive(Debug, Clone, Copy)]
struct Figures {
    /// Owed, offered, credited and short, in [`AMOUNTS`]' order; `None` where unknown.
    amounts: [Option<Decimal>; 4],
    /// The same in whole minor units, where an amount is at the currency's places and
    /// not negative.
    minor: [Option<i64>; 4],
    /// Whether the account is short-changed; `None` when its shortfall is unknown.
    short: Option<bool>,
    offered: bool,
    credited: bool,
}

impl Figures {
    fn new(total: &PolicyTotal, offered: Option<Decimal>, credited: Option<Decimal>) -> Figures {
        let short = shortfall(total.total, offered, credited);
        let amounts = [Some(total.total), offered, credited, short];
        let places = total.currency.minor_units();
        Figures {
            amounts,
            minor: amounts.map(|amount| amount.and_then(|a| in_minor_units(a, places))),
            short: short.map(|s| s > Decimal::ZERO),
            offered: offered.is_some(),
            credited: credited.is_some(),
        }
    }
}

/// An amount in whole minor units: `8.00` at 2 places is 800. `None` at other places,
/// below zero or past 64 bits.
fn in_minor_units(amount: Decimal, places: u32) -> Option<i64> {
    if amount.scale() != places || amount.is_sign_negative() {
        return None;
    }
    i64::try_from(amount.mantissa()).ok()
}

/// The sums of one (place, policy, currency) as they are added: counts, and the four
/// amounts in whole minor units where they can be, the rest in `exact`.
#[derive(Debug, Clone, Default)]
struct Sums {
    accounts: u64,
    short: u64,
    unknown: u64,
    offered_accounts: u64,
    credited_accounts: u64,
    /// Owed, offered, credited and short, in [`AMOUNTS`]' order, in minor units.
    minor: [i64; 4],
    /// The amounts not in `minor` (only their sums and `overflowed` are used).
    exact: Option<Box<Tally>>,
}

impl Sums {
    fn add(&mut self, figures: &Figures) {
        self.accounts += 1;
        match figures.short {
            Some(true) => self.short += 1,
            Some(false) => {}
            None => self.unknown += 1,
        }
        if figures.offered {
            self.offered_accounts += 1;
        }
        if figures.credited {
            self.credited_accounts += 1;
        }
        let each = (self.minor.iter_mut())
            .zip(figures.amounts)
            .zip(figures.minor)
            .zip(AMOUNTS);
        for (((sum, amount), minor), which) in each {
            let Some(amount) = amount else { continue };
            match minor.and_then(|m| sum.checked_add(m)) {
                Some(next) => *sum = next,
                None => {
                    let exact = self.exact.get_or_insert_with(Box::default);
                    exact.overflowed |= add_exactly(exact.sum_mut(which), amount);
                }
            }
        }
    }

    /// Adds another's sums (of the same policy and currency) to these.
    fn absorb(&mut self, other: &Sums, places: u32) {
        self.accounts += other.accounts;
        self.short += other.short;
        self.unknown += other.unknown;
        self.offered_accounts += other.offered_accounts;
        self.credited_accounts += other.credited_accounts;
        for ((sum, theirs), which) in self.minor.iter_mut().zip(other.minor).zip(AMOUNTS) {
            match sum.checked_add(theirs) {
                Some(next) => *sum = next,
                None => {
                    let exact = self.exact.get_or_insert_with(Box::default);
                    let amount = Decimal::new(theirs, places);
                    exact.overflowed |= add_exactly(exact.sum_mut(which), amount);
                }
            }
        }
        if let Some(theirs) = &other.exact {
            self.exact.get_or_insert_with(Box::default).absorb(theirs);
        }
    }

    /// The tally these sums make in a currency with `places` decimal places.
    fn tally(&self, places: u32) -> Tally {
        let mut tally = Tally {
            accounts: self.accounts,
            short: self.short,
            unknown: self.unknown,
            offered_accounts: self.offered_accounts,
            credited_accounts: self.credited_accounts,
            ..Tally::default()
        };
        for (minor, which) in self.minor.into_iter().zip(AMOUNTS) {
            *tally.sum_mut(which) = Decimal::new(minor, places);
        }
        if let Some(exact) = &self.exact {
            tally.overflowed |= exact.overflowed;
            let sums = [exact.owed, exact.offered, exact.credited, exact.shortfall];
            for (value, which) in sums.into_iter().zip(AMOUNTS) {
                tally.overflowed |= add_exactly(tally.sum_mut(which), value);
            }
        }
        tally
    }
}

/// What a place's sums are for: a policy and a currency, by their place in
/// [`Shortfalls`]'s `keys`.
type KeyId = u32;

/// One place's sums by (policy, currency), sorted by key.
type Groups = SmallVec<[(KeyId, Sums); 1]>;

/// The sums of a key among a place's groups, made if new.
fn sums_in(groups: &mut Groups, key: KeyId) -> Option<&mut Sums> {
    let at = match groups.binary_search_by_key(&key, |(k, _)| *k) {
        Ok(at) => at,
        Err(at) => {
            groups.insert(at, (key, Sums::default()));
            at
        }
    };
    groups.get_mut(at).map(|(_, sums)| sums)
}

/// The policies and currencies sums are kept for, each given a [`KeyId`].
#[derive(Debug, Clone, Default)]
struct Keys {
    keys: Vec<(Arc<str>, Currency)>,
    ids: HashMap<(Arc<str>, Currency), KeyId, Hasher>,
}

impl Keys {
    /// The id of (policy, currency), given one if new. A batch's totals share their
    /// policy ids, so the key is nearly always found by address among the first few.
    fn id(&mut self, policy: &Arc<str>, currency: Currency) -> Option<KeyId> {
        let same =
            (self.keys.iter().take(4)).position(|(p, c)| Arc::ptr_eq(p, policy) && *c == currency);
        if let Some(at) = same {
            return KeyId::try_from(at).ok();
        }
        if let Some(id) = self.ids.get(&(Arc::clone(policy), currency)) {
            return Some(*id);
        }
        let id = KeyId::try_from(self.keys.len()).ok()?;
        self.keys.push((Arc::clone(policy), currency));
        self.ids.insert((Arc::clone(policy), currency), id);
        Some(id)
    }

    fn get(&self, id: KeyId) -> Option<(&str, Currency)> {
        let (policy, currency) = self.keys.get(usize::try_from(id).ok()?)?;
        Some((&**policy, *currency))
    }
}

/// Places (regions, or areas the outage index does not have) by name, each with its
/// groups, in the order first met.
#[derive(Debug, Clone, Default)]
struct Named {
    slots: HashMap<AreaName, usize, Hasher>,
    met: Vec<(AreaName, Groups)>,
    /// Where the place last asked for is in `met`: a batch's accounts are mostly of a
    /// few regions, so the next is nearly always the same one.
    last: usize,
}

impl Named {
    /// The groups of a place, made if new; past `bound` places, a new one's accounts go
    /// to the place named `other`.
    fn groups(&mut self, place: &str, bound: usize, other: &str) -> Option<&mut Groups> {
        let same = self
            .met
            .get(self.last)
            .is_some_and(|(name, _)| name == place);
        if !same {
            self.last = match self.slots.get(place) {
                Some(&at) => at,
                None if self.met.len() < bound => self.insert(place),
                None => match self.slots.get(other) {
                    Some(&at) => at,
                    None => self.insert(other),
                },
            };
        }
        self.met.get_mut(self.last).map(|(_, groups)| groups)
    }

    fn insert(&mut self, place: &str) -> usize {
        self.slots.insert(AreaName::from(place), self.met.len());
        self.met.push((AreaName::from(place), Groups::new()));
        self.met.len() - 1
    }
}

/// The outage areas met, by their place in the outage index: memory for the areas
/// accounts were found in, and four bytes for each other outage area.
#[derive(Debug, Clone, Default)]
struct Indexed {
    /// For each outage area, one more than where its groups are in `met`; 0 until an
    /// account of it is added.
    slots: Vec<u32>,
    /// The areas met: their place and groups, in the order first met.
    met: Vec<(usize, Groups)>,
}

/// The groups of the outage area at `place`, made when first asked for.
fn groups_at<'a>(
    areas: &'a mut Indexed,
    place: usize,
    index: &Option<Arc<Areas>>,
) -> Option<&'a mut Groups> {
    let at = match areas.slots.get(place) {
        Some(&slot) if slot > 0 => usize::try_from(slot - 1).ok()?,
        _ => {
            if areas.slots.len() <= place {
                let count = index.as_ref().map_or(0, |index| index.by_area.len());
                areas.slots.resize(count.max(place + 1), 0);
            }
            areas.met.push((place, Groups::new()));
            let slot = u32::try_from(areas.met.len()).ok()?;
            *areas.slots.get_mut(place)? = slot;
            areas.met.len() - 1
        }
    };
    areas.met.get_mut(at).map(|(_, groups)| groups)
}

/// The groups of an area found by name: by its place where the index has it.
fn area_named<'a>(
    areas: &'a mut Indexed,
    unindexed: &'a mut Named,
    index: &Option<Arc<Areas>>,
    name: &str,
) -> Option<&'a mut Groups> {
    match index.as_ref().and_then(|index| index.place(name)) {
        Some(place) => groups_at(areas, place, index),
        None => unindexed.groups(name, usize::MAX, ""),
    }
}

/// Owed, offered, credited and short by area and by region: what `redress batch` adds to
/// its summary when it has an offer or a `credited` column. Only accounts assessed under
/// some policy are added (those of areas with an outage), so the areas kept never
/// outnumber the outage areas; regions are kept by name up to a bound.
///
/// # Example
/// ```
/// use redress::batch::{AreaOutage, OutageFields, OutageIndex, PolicyTotal, Shortfalls};
/// use redress::Currency;
/// let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
/// let outages = OutageIndex::from_iter([AreaOutage::parse(&OutageFields {
///     area: "x", services: "tv", start: "2024-10-01T06:00:00Z", ..Default::default() })?]);
/// let owed = |t| [PolicyTotal::new("p".into(), Currency::USD, d(t), true, true)];
/// let mut s = Shortfalls::new(&outages);
/// s.add("x", Some("US-NY"), &owed("8.00"), Some(d("2.67")), None);   // short 5.33
/// s.add("x", Some("US-NY"), &owed("6.00"), Some(d("2.00")), Some(d("10.00"))); // short 0
/// let all = s.total("p", Currency::USD).unwrap();
/// assert_eq!((all.accounts, all.short), (2, 1));
/// assert_eq!(all.shortfall, d("5.33"));
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Shortfalls {
    /// The outage areas accounts are found in, once given.
    index: Option<Arc<Areas>>,
    /// The outage areas' groups, by their place in the index.
    areas: Indexed,
    /// Areas the index does not have (a caller's own), by name.
    unindexed: Named,
    regions: Named,
    keys: Keys,
}

/// Two are equal when they hold the same sums, whatever order their places were met in
/// (threads meet them in different orders).
impl PartialEq for Shortfalls {
    fn eq(&self, other: &Shortfalls) -> bool {
        self.by_area().eq(other.by_area()) && self.by_region().eq(other.by_region())
    }
}

impl Eq for Shortfalls {}

impl Shortfalls {
    /// Empty sums, finding accounts' areas among these outages' (as the batch's
    /// [`Summary`](super::Summary) does).
    ///
    /// # Example
    /// See [`Shortfalls`].
    pub fn new(outages: &OutageIndex) -> Shortfalls {
        Shortfalls {
            index: Some(Arc::clone(&outages.areas)),
            ..Shortfalls::default()
        }
    }

    /// Adds one account: its totals (one per policy), what the offer gave it and what it
    /// was credited. An account with no totals (no outage in its area) adds nothing.
    ///
    /// # Example
    /// See [`Shortfalls`].
    pub fn add(
        &mut self,
        area: &str,
        region: Option<&str>,
        totals: &[PolicyTotal],
        offered: Option<Decimal>,
        credited: Option<Decimal>,
    ) {
        if totals.is_empty() {
            return;
        }
        let region = region.unwrap_or("(no region)");
        let place = self.index.as_ref().and_then(|index| index.place(area));
        let area = match place {
            Some(place) => groups_at(&mut self.areas, place, &self.index),
            None => self.unindexed.groups(area, usize::MAX, ""),
        };
        let region = self.regions.groups(region, REGIONS_KEPT, OTHER_REGIONS);
        let (Some(area), Some(region)) = (area, region) else {
            return;
        };
        for total in totals {
            let Some(key) = self.keys.id(&total.policy, total.currency) else {
                continue;
            };
            let figures = Figures::new(total, offered, credited);
            for groups in [&mut *area, &mut *region] {
                if let Some(sums) = sums_in(groups, key) {
                    sums.add(&figures);
                }
            }
        }
    }

    /// Adds another's sums to these (one per thread of a batch).
    pub fn merge(&mut self, other: Shortfalls) {
        if self.index.is_none() {
            self.index = other.index.clone();
        }
        let same = match (&self.index, &other.index) {
            (Some(mine), Some(theirs)) => Arc::ptr_eq(mine, theirs),
            _ => false,
        };
        let names = other.index.as_deref().map(Areas::names_by_place);
        let theirs = &other.keys;
        for (place, groups) in &other.areas.met {
            let place = *place;
            let into = if same {
                groups_at(&mut self.areas, place, &self.index)
            } else {
                // Another index: the area is found again by its name.
                let name = names.as_ref().and_then(|n| n.get(place).copied().flatten());
                area_named(
                    &mut self.areas,
                    &mut self.unindexed,
                    &self.index,
                    name.unwrap_or_default(),
                )
            };
            absorb_groups(into, &mut self.keys, groups, theirs);
        }
        for (name, groups) in &other.unindexed.met {
            let into = area_named(&mut self.areas, &mut self.unindexed, &self.index, name);
            absorb_groups(into, &mut self.keys, groups, theirs);
        }
        for (name, groups) in &other.regions.met {
            let into = self.regions.groups(name, REGIONS_KEPT, OTHER_REGIONS);
            absorb_groups(into, &mut self.keys, groups, theirs);
        }
    }

    /// Whether no account was added.
    pub fn is_empty(&self) -> bool {
        self.areas.met.is_empty() && self.unindexed.met.is_empty()
    }

    /// The sums by area: (area, policy, currency, tally), in order of area, then of
    /// policy and currency.
    pub fn by_area(&self) -> impl Iterator<Item = (&str, &str, Currency, Tally)> {
        self.rows(self.areas_named())
    }

    /// Each area's name and groups, in no order.
    fn areas_named(&self) -> Vec<(&str, &Groups)> {
        let names = self
            .index
            .as_deref()
            .map(Areas::names_by_place)
            .unwrap_or_default();
        let indexed = self.areas.met.iter().map(|(place, groups)| {
            let name = names.get(*place).copied().flatten().unwrap_or_default();
            (name, groups)
        });
        let unindexed = (self.unindexed.met.iter()).map(|(name, groups)| (name.as_str(), groups));
        indexed.chain(unindexed).collect()
    }

    /// The sums by region, likewise.
    pub fn by_region(&self) -> impl Iterator<Item = (&str, &str, Currency, Tally)> {
        let regions = self.regions.met.iter().map(|(n, g)| (n.as_str(), g));
        self.rows(regions.collect())
    }

    /// Every (place, policy, currency, tally) of these places, in order of place, then
    /// of policy and currency.
    fn rows<'a>(
        &'a self,
        places: Vec<(&'a str, &'a Groups)>,
    ) -> impl Iterator<Item = (&'a str, &'a str, Currency, Tally)> {
        let mut rows: Vec<(&str, &str, Currency, Tally)> = Vec::new();
        for (place, groups) in places {
            for (key, sums) in groups {
                if let Some((policy, currency)) = self.keys.get(*key) {
                    rows.push((place, policy, currency, sums.tally(currency.minor_units())));
                }
            }
        }
        rows.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        rows.into_iter()
    }

    /// The sums of one policy and currency over every account.
    pub fn total(&self, policy: &str, currency: Currency) -> Option<Tally> {
        let mut all: Option<Tally> = None;
        for (_, p, c, tally) in self.by_area() {
            if p == policy && c == currency {
                all.get_or_insert_with(Tally::default).absorb(&tally);
            }
        }
        all
    }
}

/// Adds a place's groups from another [`Shortfalls`] (whose keys are `theirs`) to this
/// one's.
fn absorb_groups(mine: Option<&mut Groups>, keys: &mut Keys, groups: &Groups, theirs: &Keys) {
    let Some(mine) = mine else { return };
    for (key, sums) in groups {
        let Some((policy, currency)) = theirs.keys.get(*key as usize) else {
            continue;
        };
        let Some(id) = keys.id(policy, *currency) else {
            continue;
        };
        if let Some(into) = sums_in(mine, id) {
            into.absorb(sums, currency.minor_units());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    fn owed(t: &str) -> [PolicyTotal; 1] {
        [PolicyTotal::new(
            "p".into(),
            Currency::USD,
            d(t),
            true,
            true,
        )]
    }

    #[test]
    fn sums_split_over_threads_are_the_sums_of_the_whole() {
        let (mut a, mut b, mut whole) = Default::default();
        let adds: [(&str, &str, &str, Option<&str>); 3] = [
            ("x", "US-NY", "8.00", None),
            ("y", "US-NY", "6.00", Some("10.00")),
            ("y", "US-NJ", "9.00", Some("1.00")),
        ];
        for (n, (area, region, amount, credited)) in adds.iter().enumerate() {
            let credited = credited.map(d);
            let part: &mut Shortfalls = if n == 0 { &mut a } else { &mut b };
            part.add(area, Some(region), &owed(amount), Some(d("2.00")), credited);
            Shortfalls::add(
                &mut whole,
                area,
                Some(region),
                &owed(amount),
                Some(d("2.00")),
                credited,
            );
        }
        a.merge(b);
        assert_eq!(a, whole);
        let all = whole.total("p", Currency::USD).unwrap_or_default();
        // 8.00 − 2.00 = 6.00; 6.00 − 10.00 < 0: 0; 9.00 − 1.00 = 8.00; 6.00 + 8.00 = 14.00
        assert_eq!((all.accounts, all.short, all.shortfall), (3, 2, d("14.00")));
        // owed 8 + 6 + 9 = 23; offered 3 × 2 = 6; credited 10 + 1 = 11 on 2 accounts
        assert_eq!(
            (all.owed, all.offered, all.credited),
            (d("23.00"), d("6.00"), d("11.00"))
        );
        assert_eq!(all.credited_accounts, 2);
        let regions: Vec<(&str, u64)> = whole
            .by_region()
            .map(|(r, _, _, t)| (r, t.accounts))
            .collect();
        assert_eq!(regions, [("US-NJ", 1), ("US-NY", 2)]);
    }

    #[test]
    fn amounts_at_other_places_and_sums_past_64_bits_stay_exact() {
        let mut s = Shortfalls::default();
        // A caller's own figures at other places than the currency's: 2.5 owed, 1.005
        // offered, then 8.00 owed with the same offer.
        s.add("x", None, &owed("2.5"), Some(d("1.005")), None);
        s.add("x", None, &owed("8.00"), Some(d("1.005")), None);
        let all = s.total("p", Currency::USD).unwrap_or_default();
        // owed 2.5 + 8.00 = 10.50; offered 2 × 1.005 = 2.010;
        // short (2.5 − 1.005) + (8.00 − 1.005) = 1.495 + 6.995 = 8.490
        assert_eq!(all.owed.to_string(), "10.50");
        assert_eq!(all.offered.to_string(), "2.010");
        assert_eq!(all.shortfall.to_string(), "8.490");
        assert!(!all.overflowed);
        // The most whole cents 64 bits hold, 92,233,720,368,547,758.07, owed twice:
        // 184,467,440,737,095,516.14, past 64 bits but exact.
        let mut s = Shortfalls::default();
        let most = "92233720368547758.07";
        s.add("x", Some("US-NY"), &owed(most), None, None);
        s.add("x", Some("US-NY"), &owed(most), None, None);
        s.add("x", Some("US-NY"), &owed("0.01"), None, None);
        let all = s.total("p", Currency::USD).unwrap_or_default();
        assert_eq!(all.owed.to_string(), "184467440737095516.15");
        assert!(!all.overflowed);
        let regions: Vec<String> = s.by_region().map(|r| r.3.owed.to_string()).collect();
        assert_eq!(regions, ["184467440737095516.15"]);
    }

    #[test]
    fn an_area_added_by_name_and_by_place_is_one_area() {
        use crate::batch::testing::outage;
        let outages = OutageIndex::from_iter([outage(
            "x",
            "internet",
            "2024-10-01T06:00:00Z",
            "2024-10-02T06:00:00Z",
        )]);
        let mut indexed = Shortfalls::new(&outages);
        let mut named = Shortfalls::default();
        indexed.add("x", Some("US-NY"), &owed("8.00"), Some(d("2.00")), None);
        named.add("x", Some("US-NY"), &owed("6.00"), Some(d("2.00")), None);
        named.add("y", Some("US-NJ"), &owed("1.00"), Some(d("2.00")), None);
        indexed.merge(named);
        let areas: Vec<(&str, String)> = indexed
            .by_area()
            .map(|(a, _, _, t)| (a, t.shortfall.to_string()))
            .collect();
        // x: (8.00 − 2.00) + (6.00 − 2.00) = 10.00; y: 1.00 − 2.00 < 0, so 0.00
        assert_eq!(areas, [("x", "10.00".into()), ("y", "0.00".into())]);
    }

    #[test]
    fn only_the_areas_met_take_memory_beyond_a_slot() {
        use crate::batch::testing::outage;
        let names: Vec<String> = (0..1_000).map(|n| format!("area-{n}")).collect();
        let outages = OutageIndex::from_iter(names.iter().map(|name| {
            outage(
                name,
                "internet",
                "2024-10-01T06:00:00Z",
                "2024-10-02T06:00:00Z",
            )
        }));
        let mut s = Shortfalls::new(&outages);
        s.add(
            "area-7",
            Some("US-NY"),
            &owed("8.00"),
            Some(d("2.00")),
            None,
        );
        s.add(
            "area-7",
            Some("US-NY"),
            &owed("6.00"),
            Some(d("2.00")),
            None,
        );
        assert_eq!((s.areas.slots.len(), s.areas.met.len()), (1_000, 1));
        let areas: Vec<&str> = s.by_area().map(|(a, _, _, _)| a).collect();
        assert_eq!(areas, ["area-7"]);
    }

    #[test]
    fn regions_past_the_bound_are_added_up_in_one_row() {
        let mut s = Shortfalls::default();
        for n in 0..REGIONS_KEPT + 5 {
            s.add("x", Some(&format!("R{n}")), &owed("1.00"), None, None);
        }
        assert_eq!(s.by_region().count(), REGIONS_KEPT + 1);
        let other = s.by_region().find(|(r, _, _, _)| *r == OTHER_REGIONS);
        assert_eq!(other.map(|(_, _, _, t)| t.accounts), Some(5));
        // No offer and no credit: every shortfall unknown, none counted short.
        let all = s.total("p", Currency::USD).unwrap_or_default();
        assert_eq!((all.unknown, all.short), (REGIONS_KEPT as u64 + 5, 0));
    }
}
