//! Offered versus owed, added up: for a batch with an offer or a `credited` column, what
//! was owed, offered, credited and short by area and by region, per policy and currency,
//! with the accounts short-changed counted.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::offer::shortfall;
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
    /// A sum grew past what a `Decimal` holds: the sums stop there.
    pub overflowed: bool,
}

impl Tally {
    fn add(&mut self, owed: Decimal, offered: Option<Decimal>, credited: Option<Decimal>) {
        self.accounts += 1;
        let short = shortfall(owed, offered, credited);
        match short {
            Some(s) if s > Decimal::ZERO => self.short += 1,
            Some(_) => {}
            None => self.unknown += 1,
        }
        if credited.is_some() {
            self.credited_accounts += 1;
        }
        let sums = [
            (&mut self.owed, Some(owed)),
            (&mut self.offered, offered),
            (&mut self.credited, credited),
            (&mut self.shortfall, short),
        ];
        for (sum, value) in sums {
            if let Some(value) = value {
                match sum.checked_add(value) {
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
            match sum.checked_add(value) {
                Some(next) => *sum = next,
                None => self.overflowed = true,
            }
        }
    }
}

/// Each place's tallies by (policy, currency), sorted: found by the place's name without
/// making a key (an account costs no allocation once its place is known).
type Places = BTreeMap<String, Vec<(Arc<str>, Currency, Tally)>>;

/// The tally of (place, policy, currency), made if new.
fn tally<'a>(
    map: &'a mut Places,
    place: &str,
    policy: &Arc<str>,
    currency: Currency,
) -> Option<&'a mut Tally> {
    if !map.contains_key(place) {
        map.insert(place.to_owned(), Vec::new());
    }
    let groups = map.get_mut(place)?;
    let found = groups.binary_search_by(|(p, c, _)| (&**p, *c).cmp(&(&**policy, currency)));
    let at = match found {
        Ok(at) => at,
        Err(at) => {
            groups.insert(at, (Arc::clone(policy), currency, Tally::default()));
            at
        }
    };
    groups.get_mut(at).map(|(_, _, t)| t)
}

/// Every (place, policy, currency, tally), in order.
fn flat(map: &Places) -> impl Iterator<Item = (&str, &str, Currency, &Tally)> {
    map.iter().flat_map(|(place, groups)| {
        groups
            .iter()
            .map(move |(p, c, t)| (place.as_str(), &**p, *c, t))
    })
}

/// Owed, offered, credited and short by area and by region: what `redress batch` adds to
/// its summary when it has an offer or a `credited` column. Only accounts assessed under
/// some policy are added (those of areas with an outage), so the areas kept never
/// outnumber the outage areas; regions are kept by name up to a bound.
///
/// # Example
/// ```
/// use redress::batch::{PolicyTotal, Shortfalls};
/// use redress::Currency;
/// let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
/// let owed = |t| [PolicyTotal::new("p".into(), Currency::USD, d(t), true, true)];
/// let mut s = Shortfalls::default();
/// s.add("x", Some("US-NY"), &owed("8.00"), Some(d("2.67")), None);   // short 5.33
/// s.add("x", Some("US-NY"), &owed("6.00"), Some(d("2.00")), Some(d("10.00"))); // short 0
/// let all = s.total("p", Currency::USD).unwrap();
/// assert_eq!((all.accounts, all.short), (2, 1));
/// assert_eq!(all.shortfall, d("5.33"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shortfalls {
    areas: Places,
    regions: Places,
    region_names: HashSet<String>,
}

impl Shortfalls {
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
        let region = region.unwrap_or("(no region)");
        let region = if self.region_names.contains(region) {
            region
        } else if self.region_names.len() < REGIONS_KEPT {
            self.region_names.insert(region.to_owned());
            region
        } else {
            OTHER_REGIONS
        };
        for total in totals {
            for (map, place) in [(&mut self.areas, area), (&mut self.regions, region)] {
                if let Some(t) = tally(map, place, &total.policy, total.currency) {
                    t.add(total.total, offered, credited);
                }
            }
        }
    }

    /// Adds another's sums to these (one per thread of a batch).
    pub fn merge(&mut self, other: Shortfalls) {
        let pairs = [
            (&mut self.areas, other.areas),
            (&mut self.regions, other.regions),
        ];
        for (mine, theirs) in pairs {
            for (place, groups) in theirs {
                for (policy, currency, t) in groups {
                    if let Some(sum) = tally(mine, &place, &policy, currency) {
                        sum.absorb(&t);
                    }
                }
            }
        }
        self.region_names.extend(other.region_names);
    }

    /// Whether no account was added.
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }

    /// The sums by area: (area, policy, currency, tally), in order of area.
    pub fn by_area(&self) -> impl Iterator<Item = (&str, &str, Currency, &Tally)> {
        flat(&self.areas)
    }

    /// The sums by region, likewise.
    pub fn by_region(&self) -> impl Iterator<Item = (&str, &str, Currency, &Tally)> {
        flat(&self.regions)
    }

    /// The sums of one policy and currency over every account.
    pub fn total(&self, policy: &str, currency: Currency) -> Option<Tally> {
        let mut all: Option<Tally> = None;
        for (_, p, c, tally) in flat(&self.areas) {
            if p == policy && c == currency {
                all.get_or_insert_with(Tally::default).absorb(tally);
            }
        }
        all
    }
}

/// The table `redress batch` prints: by area, then by region, each place's rows with
/// the largest shortfall first (the first 20 places by name, the rest added up),
/// then every account's sums per policy and currency.
impl fmt::Display for Shortfalls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "offered versus owed (shortfall: owed less what was credited, else offered; at least 0)"
        )?;
        for (label, map, other) in [
            ("area", &self.areas, "other areas"),
            ("region", &self.regions, "other regions"),
        ] {
            writeln!(
                f,
                "{label:<16} {:<24} {:>8} {:>6} {:>16} {:>16} {:>16} {:>16}",
                "policy", "accounts", "short", "owed", "offered", "credited", "shortfall"
            )?;
            for (place, policy, currency, tally) in shown(map, other) {
                row(f, &place, policy, currency, &tally)?;
            }
        }
        let mut all: BTreeMap<(Arc<str>, Currency), Tally> = BTreeMap::new();
        for (_, policy, currency, tally) in flat(&self.areas) {
            all.entry((Arc::from(policy), currency))
                .or_default()
                .absorb(tally);
        }
        for ((policy, currency), tally) in &all {
            row(f, "all accounts", policy, *currency, tally)?;
        }
        Ok(())
    }
}

/// The rows of one table: the [`SHOWN`] places short most by name, then the others
/// added up per policy and currency.
fn shown<'a>(map: &'a Places, other: &str) -> Vec<(String, &'a str, Currency, Tally)> {
    let mut most: BTreeMap<&str, Decimal> = BTreeMap::new();
    for (place, _, _, tally) in flat(map) {
        let entry = most.entry(place).or_default();
        *entry = (*entry).max(tally.shortfall);
    }
    let mut places: Vec<(&str, Decimal)> = most.into_iter().collect();
    places.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let named: HashSet<&str> = places.iter().take(SHOWN).map(|(p, _)| *p).collect();
    let mut rows = Vec::new();
    for (place, _) in places.iter().take(SHOWN) {
        for (policy, currency, tally) in map.get(*place).into_iter().flatten() {
            rows.push(((*place).to_owned(), &**policy, *currency, tally.clone()));
        }
    }
    let rest = places.len().saturating_sub(SHOWN);
    let mut others: BTreeMap<(&str, Currency), Tally> = BTreeMap::new();
    for (place, policy, currency, tally) in flat(map) {
        if !named.contains(place) {
            others.entry((policy, currency)).or_default().absorb(tally);
        }
    }
    for ((policy, currency), tally) in others {
        rows.push((format!("{rest} {other}"), policy, currency, tally));
    }
    rows
}

fn row(
    f: &mut fmt::Formatter<'_>,
    place: &str,
    policy: &str,
    currency: Currency,
    t: &Tally,
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
    writeln!(
        f,
        "{place:<16} {policy:<24} {:>8} {:>6} {:>16} {:>16} {:>16} {:>16}",
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
