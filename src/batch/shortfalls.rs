//! Offered versus owed, added up: for a batch with an offer or a `credited` column, what
//! was owed, offered, credited and short by area and by region, per policy and currency,
//! with the accounts short-changed counted.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
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

/// How many areas and regions the table shows by name (those short most); the rest are
/// added up in one row per policy and currency.
const SHOWN: usize = 20;

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

/// One account's figures under one policy, as a [`Tally`] adds them.
#[derive(Debug, Clone, Copy)]
struct Figures {
    owed: Decimal,
    offered: Option<Decimal>,
    credited: Option<Decimal>,
    short: Option<Decimal>,
}

impl Tally {
    fn add(&mut self, figures: Figures) {
        self.accounts += 1;
        match figures.short {
            Some(s) if s > Decimal::ZERO => self.short += 1,
            Some(_) => {}
            None => self.unknown += 1,
        }
        if figures.credited.is_some() {
            self.credited_accounts += 1;
        }
        let sums = [
            (&mut self.owed, Some(figures.owed)),
            (&mut self.offered, figures.offered),
            (&mut self.credited, figures.credited),
            (&mut self.shortfall, figures.short),
        ];
        for (sum, value) in sums {
            if let Some(value) = value {
                match exact_add(*sum, value) {
                    Some(next) => *sum = next,
                    None => self.overflowed = true,
                }
            }
        }
    }

    fn absorb(&mut self, other: &Tally) {
        self.accounts += other.accounts;
        self.short += other.short;
        self.unknown += other.unknown;
        self.credited_accounts += other.credited_accounts;
        self.overflowed |= other.overflowed;
        for (sum, value) in [
            (&mut self.owed, other.owed),
            (&mut self.offered, other.offered),
            (&mut self.credited, other.credited),
            (&mut self.shortfall, other.shortfall),
        ] {
            match exact_add(*sum, value) {
                Some(next) => *sum = next,
                None => self.overflowed = true,
            }
        }
    }
}

/// One place's tallies by (policy, currency), sorted.
type Groups = SmallVec<[(Arc<str>, Currency, Tally); 1]>;

/// The tally of (policy, currency) among a place's groups, made if new. A batch's totals
/// share their policy ids, so a group is nearly always found by address, without
/// comparing text; the search by text finds the rest (and where a new group goes).
fn tally_in<'a>(
    groups: &'a mut Groups,
    policy: &Arc<str>,
    currency: Currency,
) -> Option<&'a mut Tally> {
    let same = groups
        .iter()
        .position(|(p, c, _)| Arc::ptr_eq(p, policy) && *c == currency);
    let found = same.map(Ok).unwrap_or_else(|| {
        groups.binary_search_by(|(p, c, _)| (&**p, *c).cmp(&(&**policy, currency)))
    });
    let at = match found {
        Ok(at) => at,
        Err(at) => {
            groups.insert(at, (Arc::clone(policy), currency, Tally::default()));
            at
        }
    };
    groups.get_mut(at).map(|(_, _, tally)| tally)
}

/// Adds a place's groups from another [`Shortfalls`] to this one's.
fn absorb_groups(mine: Option<&mut Groups>, theirs: Groups) {
    let Some(mine) = mine else { return };
    for (policy, currency, t) in theirs {
        if let Some(sum) = tally_in(mine, &policy, currency) {
            sum.absorb(&t);
        }
    }
}

/// The groups of the outage area at `place` (see [`Shortfalls`]'s fields), made when
/// first asked for.
fn groups_at<'a>(
    slots: &mut Vec<usize>,
    met: &'a mut Vec<(usize, Groups)>,
    place: usize,
    index: &Option<Arc<Areas>>,
) -> Option<&'a mut Groups> {
    let at = match slots.get(place) {
        Some(&slot) if slot > 0 => slot - 1,
        _ => {
            if slots.len() <= place {
                let areas = index.as_ref().map_or(0, |index| index.by_area.len());
                slots.resize(areas.max(place + 1), 0);
            }
            met.push((place, Groups::new()));
            if let Some(slot) = slots.get_mut(place) {
                *slot = met.len();
            }
            met.len() - 1
        }
    };
    met.get_mut(at).map(|(_, groups)| groups)
}

/// Places (regions, or areas the outage index does not have) by name, each with its
/// groups, in the order first met.
#[derive(Debug, Clone, Default)]
struct Named {
    slots: HashMap<AreaName, usize, Hasher>,
    met: Vec<(AreaName, Groups)>,
}

impl Named {
    /// The groups of a place, made if new.
    fn groups(&mut self, place: &str) -> Option<&mut Groups> {
        let at = match self.slots.get(place) {
            Some(&at) => at,
            None => {
                self.slots.insert(AreaName::from(place), self.met.len());
                self.met.push((AreaName::from(place), Groups::new()));
                self.met.len() - 1
            }
        };
        self.met.get_mut(at).map(|(_, groups)| groups)
    }

    fn contains(&self, place: &str) -> bool {
        self.slots.contains_key(place)
    }
}

/// Every (place, policy, currency, tally) of these places, in order of place.
fn flat<'a>(
    mut places: Vec<(&'a str, &'a Groups)>,
) -> impl Iterator<Item = (&'a str, &'a str, Currency, &'a Tally)> {
    places.sort_unstable_by(|a, b| a.0.cmp(b.0));
    places
        .into_iter()
        .flat_map(|(place, groups)| groups.iter().map(move |(p, c, t)| (place, &**p, *c, t)))
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
    /// For each outage area (by its place in the index), one more than where its groups
    /// are in `met`; 0 until an account of it is added.
    slots: Vec<usize>,
    /// The outage areas met: their place and groups, in the order first met.
    met: Vec<(usize, Groups)>,
    /// Areas the index does not have (a caller's own), by name.
    unindexed: Named,
    regions: Named,
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
        let region = self.region_kept(region.unwrap_or("(no region)"));
        let place = self.index.as_ref().and_then(|index| index.place(area));
        let area = match place {
            Some(place) => groups_at(&mut self.slots, &mut self.met, place, &self.index),
            None => self.unindexed.groups(area),
        };
        let (Some(area), Some(region)) = (area, self.regions.groups(region)) else {
            return;
        };
        for total in totals {
            let figures = Figures {
                owed: total.total,
                offered,
                credited,
                short: shortfall(total.total, offered, credited),
            };
            for groups in [&mut *area, &mut *region] {
                if let Some(tally) = tally_in(groups, &total.policy, total.currency) {
                    tally.add(figures);
                }
            }
        }
    }

    fn groups_at(&mut self, place: usize) -> Option<&mut Groups> {
        groups_at(&mut self.slots, &mut self.met, place, &self.index)
    }

    /// The name a region is kept under: its own while fewer than [`REGIONS_KEPT`] are
    /// kept, else the row of the others.
    fn region_kept<'a>(&self, region: &'a str) -> &'a str {
        if self.regions.contains(region) || self.regions.met.len() < REGIONS_KEPT {
            region
        } else {
            OTHER_REGIONS
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
        for (place, groups) in other.met {
            if same {
                absorb_groups(self.groups_at(place), groups);
                continue;
            }
            // Another index: the area is found again by its name.
            let name = names.as_ref().and_then(|n| n.get(place).copied().flatten());
            let name = name.unwrap_or_default();
            let mine = self.index.as_ref().and_then(|index| index.place(name));
            let into = match mine {
                Some(place) => self.groups_at(place),
                None => self.unindexed.groups(name),
            };
            absorb_groups(into, groups);
        }
        for (place, groups) in other.unindexed.met {
            let mine = self.index.as_ref().and_then(|index| index.place(&place));
            let into = match mine {
                Some(place) => self.groups_at(place),
                None => self.unindexed.groups(&place),
            };
            absorb_groups(into, groups);
        }
        for (place, groups) in other.regions.met {
            let kept = self.region_kept(&place).to_owned();
            absorb_groups(self.regions.groups(&kept), groups);
        }
    }

    /// Whether no account was added.
    pub fn is_empty(&self) -> bool {
        self.met.is_empty() && self.unindexed.met.is_empty()
    }

    /// The sums by area: (area, policy, currency, tally), in order of area.
    pub fn by_area(&self) -> impl Iterator<Item = (&str, &str, Currency, &Tally)> {
        flat(self.areas())
    }

    /// Each area's name and groups, in no order.
    fn areas(&self) -> Vec<(&str, &Groups)> {
        let names = self
            .index
            .as_deref()
            .map(Areas::names_by_place)
            .unwrap_or_default();
        let indexed = self.met.iter().map(|(place, groups)| {
            let name = names.get(*place).copied().flatten().unwrap_or_default();
            (name, groups)
        });
        let unindexed = (self.unindexed.met.iter()).map(|(name, groups)| (name.as_str(), groups));
        indexed.chain(unindexed).collect()
    }

    /// The sums by region, likewise.
    pub fn by_region(&self) -> impl Iterator<Item = (&str, &str, Currency, &Tally)> {
        flat(
            self.regions
                .met
                .iter()
                .map(|(n, g)| (n.as_str(), g))
                .collect(),
        )
    }

    /// The sums of one policy and currency over every account.
    pub fn total(&self, policy: &str, currency: Currency) -> Option<Tally> {
        let mut all: Option<Tally> = None;
        for (_, p, c, tally) in self.by_area() {
            if p == policy && c == currency {
                all.get_or_insert_with(Tally::default).absorb(tally);
            }
        }
        all
    }
}

/// The table `redress batch` prints: by area, then by region, each place's rows with
/// the largest shortfall first (the first 20 places by name, the rest added up),
/// then every account's sums per policy and currency. Columns are as wide as their
/// longest entry.
impl fmt::Display for Shortfalls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "offered versus owed (shortfall: owed less what was credited, else offered; at least 0)"
        )?;
        let regions = self.regions.met.iter().map(|(n, g)| (n.as_str(), g));
        let tables = [
            ("area", shown(self.areas(), "other areas")),
            ("region", shown(regions.collect(), "other regions")),
        ];
        let mut all: BTreeMap<(&str, Currency), Tally> = BTreeMap::new();
        for (_, policy, currency, tally) in self.by_area() {
            all.entry((policy, currency)).or_default().absorb(tally);
        }
        let all: Vec<Row<'_>> = (all.into_iter())
            .map(|((policy, currency), tally)| ("all accounts".to_owned(), policy, currency, tally))
            .collect();
        let rows = || tables.iter().flat_map(|(_, rows)| rows).chain(&all);
        let widths = Widths {
            place: rows()
                .map(|r| r.0.chars().count())
                .max()
                .unwrap_or(0)
                .max(16),
            policy: rows()
                .map(|r| r.1.chars().count())
                .max()
                .unwrap_or(0)
                .max(24),
        };
        for (label, rows) in &tables {
            let (w, p) = (widths.place, widths.policy);
            writeln!(
                f,
                "{label:<w$} {:<p$} {:>8} {:>6} {:>16} {:>16} {:>16} {:>16}",
                "policy", "accounts", "short", "owed", "offered", "credited", "shortfall"
            )?;
            for r in rows {
                row(f, widths, r)?;
            }
        }
        for r in &all {
            row(f, widths, r)?;
        }
        Ok(())
    }
}

/// One row of the table: place, policy, currency and sums.
type Row<'a> = (String, &'a str, Currency, Tally);

/// How wide the place and policy columns are.
#[derive(Debug, Clone, Copy)]
struct Widths {
    place: usize,
    policy: usize,
}

/// The rows of one table: the [`SHOWN`] places short most by name, then the others
/// added up per policy and currency.
fn shown<'a>(places: Vec<(&'a str, &'a Groups)>, other: &str) -> Vec<Row<'a>> {
    let mut most: Vec<(&str, &Groups, Decimal)> = places
        .into_iter()
        .map(|(place, groups)| {
            let short = groups.iter().map(|(_, _, t)| t.shortfall).max();
            (place, groups, short.unwrap_or_default())
        })
        .collect();
    most.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    let mut rows = Vec::new();
    for (place, groups, _) in most.iter().take(SHOWN) {
        for (policy, currency, tally) in groups.iter() {
            rows.push(((*place).to_owned(), &**policy, *currency, tally.clone()));
        }
    }
    let rest = most.len().saturating_sub(SHOWN);
    let mut others: BTreeMap<(&str, Currency), Tally> = BTreeMap::new();
    for (_, groups, _) in most.iter().skip(SHOWN) {
        for (policy, currency, tally) in groups.iter() {
            others.entry((policy, *currency)).or_default().absorb(tally);
        }
    }
    for ((policy, currency), tally) in others {
        rows.push((format!("{rest} {other}"), policy, currency, tally));
    }
    rows
}

fn row(
    f: &mut fmt::Formatter<'_>,
    widths: Widths,
    (place, policy, currency, t): &Row<'_>,
) -> fmt::Result {
    let money = |mut d: Decimal| {
        if t.overflowed {
            "overflow".to_owned()
        } else {
            // An empty sum is 0 at the currency's minor unit (`0.00`), as the rows are.
            if d.scale() < currency.minor_units() {
                d.rescale(currency.minor_units());
            }
            format!("{d} {}", currency.code())
        }
    };
    let (w, p) = (widths.place, widths.policy);
    writeln!(
        f,
        "{place:<w$} {policy:<p$} {:>8} {:>6} {:>16} {:>16} {:>16} {:>16}",
        t.accounts,
        t.short,
        money(t.owed),
        money(t.offered),
        money(t.credited),
        money(t.shortfall)
    )
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
