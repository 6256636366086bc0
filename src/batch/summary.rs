//! A batch's summary: accounts, amounts owed and errors by area and policy, kept flat
//! however many areas the accounts name.

mod table;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::index::{AreaName, Areas, Hasher, OutageIndex};
use super::rows::trim;
use super::sums::{add_alike, exact_sum};
use super::total::{too_large_to_keep, PolicyTotal};
use crate::error::Result;
use crate::money::Currency;

/// A [`Summary`]'s groups of one area, by (policy, currency), sorted.
type AreaGroups = smallvec::SmallVec<[(PolicyKey, Group); 1]>;

/// Totals for one (area, policy, currency) of a [`Summary`].
///
/// # Example
/// ```
/// let group = redress::batch::Group::default();
/// assert_eq!(group.accounts, 0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Group {
    /// Accounts assessed.
    pub accounts: u64,
    /// Accounts owed more than zero.
    pub owed: u64,
    /// Accounts owed more than zero, all of it paid automatically.
    pub automatic: u64,
    /// Accounts the policy could not apply to (zero total).
    pub not_applicable: u64,
    /// The sum owed.
    pub total: Decimal,
    /// True when the sum grew past what a total can hold to the currency's minor
    /// unit: `total` then stops at the last exact sum, and the report says
    /// `overflow` instead of a figure that has lost cents.
    pub overflowed: bool,
}

impl Group {
    /// Inlined, and the general sum kept out of line, so the usual sum (see
    /// [`add_alike`]) costs no more than it needs.
    #[inline]
    fn add_total(&mut self, amount: Decimal) {
        match add_alike(self.total, amount) {
            Some(sum) => self.total = sum,
            None => self.add_any_total(amount),
        }
    }

    #[inline(never)]
    fn add_any_total(&mut self, amount: Decimal) {
        match exact_sum(self.total, amount) {
            Some(sum) => self.total = sum,
            None => self.overflowed = true,
        }
    }

    /// Adds another group's counts and sum to this one.
    fn absorb(&mut self, other: &Group) {
        self.accounts += other.accounts;
        self.owed += other.owed;
        self.automatic += other.automatic;
        self.not_applicable += other.not_applicable;
        self.add_total(other.total);
        self.overflowed |= other.overflowed;
    }

    fn total_text(&self, currency: Currency) -> String {
        if self.overflowed {
            "overflow".to_owned()
        } else {
            format!("{} {currency}", self.total)
        }
    }
}

/// How many areas the summary's table shows by name; the rest are added up in one
/// row per policy.
const AREAS_SHOWN: usize = 20;

/// How many distinct areas without outages a summary counts by name (the first in
/// alphabetical order); past it, it says "more than" this many.
const NAMES_COUNTED: usize = 10_000;

/// How many area names a report lists before "and N more".
const NAMES_SHOWN: usize = 5;

/// Totals by area and policy, with counts of accounts and errors: what a batch
/// reports when it is done.
///
/// Its size never grows with the number of accounts, nor with the number of areas
/// the accounts name: it keeps one tally per outage area that accounts were found in
/// (never more than the outage index has areas, which the batch holds anyway), one
/// tally for all the accounts whose area has no outage, and at most 10,000 names of
/// such areas (the first in alphabetical order, so that the report is the same
/// whatever the order of the rows or of the threads summing them).
///
/// A summary matches areas against the outage index it is first given ([`Summary::add`],
/// [`Summary::add_error`], [`Summary::new`] or [`Summary::with_outages`]).
///
/// `Display` renders a table: the 20 areas owed most (the largest total under any
/// policy; ties by accounts owed, then by name), one row per (area, policy,
/// currency); then the other areas added up, the accounts of areas without outages,
/// and the totals by policy across all areas. Under it, the account areas that match
/// no outage area and the outage areas no account is in, each counted, with the first
/// five names. A sum too large to keep to the currency's minor unit reads `overflow`.
///
/// # Example
/// ```
/// use redress::batch::{AreaOutage, OutageFields, OutageIndex, PolicyTotal, Summary};
/// use redress::Currency;
/// let outages = OutageIndex::from_iter([AreaOutage::parse(&OutageFields {
///     area: "rochester-14604", services: "internet", start: "2024-10-01T06:00:00-04:00",
///     ..Default::default() })?]);
/// let mut summary = Summary::new(&outages);
/// let owed = PolicyTotal::new("p".into(), Currency::USD, "14.50".parse().unwrap(), true, true);
/// summary.add(&outages, "rochester-14604", &[owed.clone()]);
/// summary.add(&outages, "rochester-14604", &[owed]);
/// summary.add(&outages, "buffalo-14201", &[]); // no outage there
/// summary.add_error(&outages, "rochester-14604", &["p"]);
/// assert_eq!((summary.accounts(), summary.errors(), summary.rows()), (4, 1, 4));
/// assert_eq!(summary.total("p", Currency::USD)?.to_string(), "29.00");
/// assert_eq!(summary.without_outage(), 1);
/// let text = summary.to_string();
/// assert!(text.contains("rochester-14604"));
/// assert!(text.contains("account areas with no outage: 1 (`buffalo-14201`)"));
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct Summary {
    accounts: u64,
    errors: u64,
    rows: u64,
    unselected: u64,
    /// The outage areas accounts are matched against, once given.
    index: Option<Arc<Areas>>,
    /// For each outage area (by its place in the index), one more than where its
    /// tally is in `met`; 0 until an account of it is counted.
    slots: Vec<usize>,
    /// The outage areas accounts were found in, in the order first found.
    met: Vec<AreaTally>,
    /// Accounts whose area has no outage.
    no_outage: NoOutage,
    /// Accounts whose area could not be read.
    unreadable: u64,
}

/// The counts, without the outage index (which can be large).
impl fmt::Debug for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Summary")
            .field("accounts", &self.accounts)
            .field("errors", &self.errors)
            .field("rows", &self.rows)
            .field("unselected", &self.unselected)
            .field("outage_areas", &self.index.as_ref().map(|i| i.places.len()))
            .field("met", &self.met)
            .field("no_outage", &self.no_outage)
            .field("unreadable", &self.unreadable)
            .finish()
    }
}

/// Two summaries are equal when they hold the same counts and totals, whatever the
/// order their areas were first met in.
impl PartialEq for Summary {
    fn eq(&self, other: &Summary) -> bool {
        fn by_place(summary: &Summary) -> Vec<&AreaTally> {
            let mut met: Vec<&AreaTally> = summary.met.iter().collect();
            met.sort_unstable_by_key(|tally| tally.place);
            met
        }
        let same_index = match (&self.index, &other.index) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a.places == b.places,
            (None, None) => true,
            _ => false,
        };
        same_index
            && (
                self.accounts,
                self.errors,
                self.rows,
                self.unselected,
                self.unreadable,
            ) == (
                other.accounts,
                other.errors,
                other.rows,
                other.unselected,
                other.unreadable,
            )
            && self.no_outage == other.no_outage
            && by_place(self) == by_place(other)
    }
}

impl Eq for Summary {}

/// What a [`Summary`] keeps for one outage area.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct AreaTally {
    /// The area's place in the outage index.
    place: usize,
    errors: u64,
    groups: AreaGroups,
}

/// What a [`Summary`] keeps for all the accounts whose area has no outage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct NoOutage {
    /// Accounts assessed (a batch owes them nothing).
    accounts: u64,
    errors: u64,
    /// Totals a caller added for them (a batch gives none).
    groups: AreaGroups,
    names: FirstNames,
}

/// The alphabetically first distinct names added, at most [`NAMES_COUNTED`], and
/// whether there were more. The same names whatever the order they came in, and the
/// same when two halves are merged.
#[derive(Debug, Clone, Default)]
struct FirstNames {
    names: BTreeSet<AreaName>,
    /// The same names, to tell at once a name already kept (as most are: an area's
    /// accounts name it again and again).
    kept: HashSet<AreaName, Hasher>,
    more: bool,
}

impl PartialEq for FirstNames {
    fn eq(&self, other: &FirstNames) -> bool {
        (&self.names, self.more) == (&other.names, other.more)
    }
}

impl Eq for FirstNames {}

impl FirstNames {
    fn insert(&mut self, name: &str) {
        if self.kept.contains(name) {
            return;
        }
        if self.names.len() >= NAMES_COUNTED {
            if let Some(last) = self.names.last() {
                if name > last.as_str() {
                    self.more = true;
                    return;
                }
            }
        }
        self.names.insert(AreaName::from(name));
        self.kept.insert(AreaName::from(name));
        if self.names.len() > NAMES_COUNTED {
            if let Some(last) = self.names.pop_last() {
                self.kept.remove(&last);
            }
            self.more = true;
        }
    }

    fn merge(&mut self, other: FirstNames) {
        self.more |= other.more;
        for name in other.names {
            self.insert(&name);
        }
    }

    fn listed(&self) -> AreaNames {
        AreaNames {
            count: self.names.len() as u64,
            more: self.more,
            first: self
                .names
                .iter()
                .take(NAMES_SHOWN)
                .map(|n| n.to_string())
                .collect(),
        }
    }
}

/// Areas a [`Summary`] reports: how many, and the first five in alphabetical order.
///
/// # Example
/// ```
/// let names = redress::batch::AreaNames {
///     count: 7, more: false,
///     first: ["a", "b", "c", "d", "e"].map(String::from).to_vec(),
/// };
/// assert_eq!(names.to_string(), "7 (`a`, `b`, `c`, `d`, `e` and 2 more)");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AreaNames {
    /// How many areas (at least this many when `more` is set).
    pub count: u64,
    /// True when there are more than `count`: areas are counted by name only up to
    /// 10,000, so that memory stays flat.
    pub more: bool,
    /// The first few names in alphabetical order.
    pub first: Vec<String>,
}

impl fmt::Display for AreaNames {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.more {
            write!(f, "more than {}", self.count)?;
        } else {
            write!(f, "{}", self.count)?;
        }
        if self.first.is_empty() {
            return Ok(());
        }
        f.write_str(" (")?;
        for (i, name) in self.first.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{name}`")?;
        }
        let rest = self.count.saturating_sub(self.first.len() as u64);
        if self.more {
            write!(f, " and over {rest} more")?;
        } else if rest > 0 {
            write!(f, " and {rest} more")?;
        }
        f.write_str(")")
    }
}

/// A policy id and a currency: what a group of an area is for.
type PolicyKey = (Arc<str>, Currency);

/// Adds one account's total to the groups of its area.
fn add_to(groups: &mut AreaGroups, total: &PolicyTotal) {
    // A batch's totals share their policy ids and currency codes with the groups they
    // made, so a group is nearly always found by address, without comparing text; the
    // search by text finds the rest (and where a new group goes).
    let same_place = groups.iter().position(|((p, c), _)| {
        Arc::ptr_eq(p, &total.policy)
            && std::ptr::eq(c.code(), total.currency.code())
            && c.minor_units() == total.currency.minor_units()
    });
    let found = same_place.map(Ok).unwrap_or_else(|| {
        groups.binary_search_by(|((p, c), _)| (&**p, *c).cmp(&(&*total.policy, total.currency)))
    });
    let at = match found {
        Ok(at) => at,
        Err(at) => {
            let key = (Arc::clone(&total.policy), total.currency);
            groups.insert(at, (key, Group::default()));
            at
        }
    };
    let Some((_, group)) = groups.get_mut(at) else {
        return;
    };
    group.accounts += 1;
    if !total.applies {
        group.not_applicable += 1;
    }
    if !total.total.is_zero() {
        group.owed += 1;
        if total.automatic {
            group.automatic += 1;
        }
    }
    group.add_total(total.total);
}

/// Adds one area's groups to another's.
fn merge_groups(mine: &mut AreaGroups, theirs: AreaGroups) {
    for (key, group) in theirs {
        match mine.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(at) => {
                if let Some((_, into)) = mine.get_mut(at) {
                    into.absorb(&group);
                }
            }
            Err(at) => mine.insert(at, (key, group)),
        }
    }
}

impl Summary {
    /// An empty summary matching areas against these outages.
    ///
    /// # Example
    /// ```
    /// let summary = redress::batch::Summary::new(&redress::batch::OutageIndex::new());
    /// assert_eq!(summary.accounts(), 0);
    /// ```
    pub fn new(outages: &OutageIndex) -> Summary {
        Summary::default().with_outages(outages)
    }

    /// The summary matching areas against these outages, unless it already has an
    /// index: a summary made with `Summary::default()` that was given no account then
    /// reports these outages' areas as having none.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let outages = OutageIndex::from_iter([AreaOutage::parse(&OutageFields {
    ///     area: "a", services: "tv", start: "2024-10-01T06:00:00Z", ..Default::default() })?]);
    /// let summary = Summary::default().with_outages(&outages);
    /// assert_eq!(summary.outage_areas_without_account().count, 1);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn with_outages(mut self, outages: &OutageIndex) -> Summary {
        if self.index.is_none() {
            self.index = Some(Arc::clone(&outages.areas));
        }
        self
    }

    /// The place of `area` among the summary's outage areas, taking `outages` as its
    /// index if it has none yet.
    #[inline]
    fn place_of(&mut self, outages: &OutageIndex, area: &str) -> Option<usize> {
        match &self.index {
            Some(index) if Arc::ptr_eq(index, &outages.areas) => outages.place(area),
            Some(index) => index.place(area),
            None => {
                self.index = Some(Arc::clone(&outages.areas));
                outages.place(area)
            }
        }
    }

    /// The tally of the outage area at `place`, made when first asked for.
    #[inline]
    fn tally_at(&mut self, place: usize) -> Option<&mut AreaTally> {
        let at = match self.slots.get(place) {
            Some(&slot) if slot > 0 => slot - 1,
            _ => {
                if self.slots.len() <= place {
                    let areas = self.index.as_ref().map_or(0, |index| index.by_area.len());
                    self.slots.resize(areas.max(place + 1), 0);
                }
                self.met.push(AreaTally {
                    place,
                    ..AreaTally::default()
                });
                if let Some(slot) = self.slots.get_mut(place) {
                    *slot = self.met.len();
                }
                self.met.len() - 1
            }
        };
        self.met.get_mut(at)
    }

    /// Counts one assessed account of `area` and adds its totals (one output row
    /// each, or one row when there are none). `outages` are those the account was
    /// assessed against: an account whose area has none is counted among the
    /// accounts of areas without outages, and its area's name kept (see the type's
    /// docs for how many).
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let mut summary = Summary::default();
    /// summary.add(&OutageIndex::new(), "syracuse-13202", &[]);
    /// assert_eq!((summary.accounts(), summary.without_outage()), (1, 1));
    /// assert_eq!(summary.account_areas_without_outage().first, ["syracuse-13202"]);
    /// ```
    pub fn add(&mut self, outages: &OutageIndex, area: &str, totals: &[PolicyTotal]) {
        self.accounts += 1;
        self.rows += totals.len().max(1) as u64;
        match self.place_of(outages, area) {
            Some(place) => {
                if totals.is_empty() {
                    self.unselected += 1;
                }
                if let Some(tally) = self.tally_at(place) {
                    for total in totals {
                        add_to(&mut tally.groups, total);
                    }
                }
            }
            None => {
                let no_outage = &mut self.no_outage;
                no_outage.accounts += 1;
                no_outage.names.insert(trim(area));
                for total in totals {
                    add_to(&mut no_outage.groups, total);
                }
            }
        }
    }

    /// Adds another summary's counts and totals to this one: a batch split over
    /// threads sums each thread's summary.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{OutageIndex, PolicyTotal, Summary};
    /// let outages = OutageIndex::new();
    /// let owed = PolicyTotal::new("p".into(), redress::Currency::USD, "14.50".parse().unwrap(), true, true);
    /// let (mut a, mut b, mut both) = (Summary::default(), Summary::default(), Summary::default());
    /// a.add(&outages, "x", std::slice::from_ref(&owed));
    /// b.add(&outages, "x", std::slice::from_ref(&owed));
    /// b.add_error(&outages, "y", &["p"]);
    /// both.add(&outages, "x", std::slice::from_ref(&owed));
    /// both.add(&outages, "x", std::slice::from_ref(&owed));
    /// both.add_error(&outages, "y", &["p"]);
    /// a.merge(b);
    /// assert_eq!(a, both);
    /// ```
    pub fn merge(&mut self, other: Summary) {
        let Summary {
            accounts,
            errors,
            rows,
            unselected,
            index,
            slots,
            met,
            no_outage,
            unreadable,
        } = other;
        if self.accounts == 0 && self.met.is_empty() && self.index.is_none() {
            // Nothing here yet: the other summary is the sum.
            *self = Summary {
                accounts,
                errors,
                rows,
                unselected,
                index,
                slots,
                met,
                no_outage,
                unreadable,
            };
            return;
        }
        self.accounts += accounts;
        self.errors += errors;
        self.rows += rows;
        self.unselected += unselected;
        self.unreadable += unreadable;
        let same = match (&self.index, &index) {
            (_, None) => true,
            (None, Some(theirs)) => {
                self.index = Some(Arc::clone(theirs));
                true
            }
            (Some(mine), Some(theirs)) => Arc::ptr_eq(mine, theirs),
        };
        if same {
            for tally in met {
                if let Some(into) = self.tally_at(tally.place) {
                    into.errors += tally.errors;
                    merge_groups(&mut into.groups, tally.groups);
                }
            }
        } else {
            // Summaries of different outages: their areas are matched by name.
            let names = index
                .as_deref()
                .map(Areas::names_by_place)
                .unwrap_or_default();
            for tally in met {
                let name = names.get(tally.place).copied().flatten().unwrap_or("");
                let place = self.index.as_ref().and_then(|index| index.place(name));
                match place.and_then(|place| self.tally_at(place)) {
                    Some(into) => {
                        into.errors += tally.errors;
                        merge_groups(&mut into.groups, tally.groups);
                    }
                    None => {
                        let into = &mut self.no_outage;
                        into.errors += tally.errors;
                        into.names.insert(name);
                        merge_groups(&mut into.groups, tally.groups);
                    }
                }
            }
        }
        let into = &mut self.no_outage;
        into.accounts += no_outage.accounts;
        into.errors += no_outage.errors;
        merge_groups(&mut into.groups, no_outage.groups);
        into.names.merge(no_outage.names);
    }

    /// Counts one account that could not be read or assessed; `policies` are the
    /// ids its error rows were written for (none: one row). An empty `area` (one
    /// that could not be read) is counted as `(unreadable)`.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let mut summary = Summary::default();
    /// summary.add_error(&OutageIndex::new(), "", &["p", "q"]);
    /// assert_eq!((summary.errors(), summary.rows()), (1, 2));
    /// assert!(summary.to_string().contains("(unreadable)"));
    /// ```
    pub fn add_error(&mut self, outages: &OutageIndex, area: &str, policies: &[&str]) {
        self.accounts += 1;
        self.errors += 1;
        self.rows += policies.len().max(1) as u64;
        let area = trim(area);
        if area.is_empty() {
            self.unreadable += 1;
            return;
        }
        match self.place_of(outages, area) {
            Some(place) => {
                if let Some(tally) = self.tally_at(place) {
                    tally.errors += 1;
                }
            }
            None => {
                self.no_outage.errors += 1;
                self.no_outage.names.insert(area);
            }
        }
    }

    /// Accounts counted, assessed or not.
    pub fn accounts(&self) -> u64 {
        self.accounts
    }

    /// Accounts that could not be read or assessed.
    pub fn errors(&self) -> u64 {
        self.errors
    }

    /// Output rows the accounts produced (one per account and policy).
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Accounts of areas with outages no policy was selected for.
    pub fn unselected(&self) -> u64 {
        self.unselected
    }

    /// Accounts assessed whose area has no outage (owed nothing).
    pub fn without_outage(&self) -> u64 {
        self.no_outage.accounts
    }

    /// The areas accounts named (assessed or with errors) that match no outage area.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let mut summary = Summary::default();
    /// for area in ["b", "a", "b"] {
    ///     summary.add(&OutageIndex::new(), area, &[]);
    /// }
    /// assert_eq!(summary.account_areas_without_outage().to_string(), "2 (`a`, `b`)");
    /// ```
    pub fn account_areas_without_outage(&self) -> AreaNames {
        self.no_outage.names.listed()
    }

    /// The outage areas no account (assessed or with errors) was found in.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let outages = OutageIndex::from_iter(["a", "b"].map(|area| AreaOutage::parse(&OutageFields {
    ///     area, services: "tv", start: "2024-10-01T06:00:00Z", ..Default::default() }).unwrap()));
    /// let mut summary = Summary::new(&outages);
    /// summary.add_error(&outages, "a", &[]);
    /// assert_eq!(summary.outage_areas_without_account().to_string(), "1 (`b`)");
    /// ```
    pub fn outage_areas_without_account(&self) -> AreaNames {
        self.tables().unmet.listed()
    }

    /// The groups, by (area, policy, currency), areas in alphabetical order; the
    /// accounts of areas without outages under `(no outage)`, last.
    ///
    /// # Example
    /// ```
    /// let summary = redress::batch::Summary::default();
    /// assert_eq!(summary.groups().count(), 0);
    /// ```
    pub fn groups(&self) -> impl Iterator<Item = (&str, &str, Currency, &Group)> {
        let tables = self.tables();
        let mut areas: Vec<(&str, &AreaGroups)> = self
            .met
            .iter()
            .zip(&tables.met_names)
            .map(|(tally, name)| (*name, &tally.groups))
            .collect();
        areas.sort_unstable_by(|a, b| a.0.cmp(b.0));
        areas.push((NO_OUTAGE, &self.no_outage.groups));
        areas.into_iter().flat_map(|(area, by_policy)| {
            by_policy
                .iter()
                .map(move |((policy, currency), g)| (area, &**policy, *currency, g))
        })
    }

    /// Accounts with errors, by area: outage areas in alphabetical order, then
    /// `(no outage)` for areas without outages and `(unreadable)` for rows whose area
    /// could not be read.
    pub fn errors_by_area(&self) -> impl Iterator<Item = (&str, u64)> {
        let tables = self.tables();
        let mut areas: Vec<(&str, u64)> = self
            .met
            .iter()
            .zip(&tables.met_names)
            .filter(|(tally, _)| tally.errors > 0)
            .map(|(tally, name)| (*name, tally.errors))
            .collect();
        areas.sort_unstable();
        areas.push((NO_OUTAGE, self.no_outage.errors));
        areas.push((UNREADABLE, self.unreadable));
        areas.into_iter().filter(|(_, n)| *n > 0)
    }

    /// What a policy owes in a currency across all areas.
    ///
    /// # Errors
    /// [`Error::Overflow`](crate::Error::Overflow) when the sum is too large to keep to the currency's minor
    /// unit (a figure then would have lost cents).
    ///
    /// # Example
    /// ```
    /// let summary = redress::batch::Summary::default();
    /// assert_eq!(summary.total("p", redress::Currency::USD)?.to_string(), "0.00");
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn total(&self, policy: &str, currency: Currency) -> Result<Decimal> {
        let mut sum = Group::default();
        sum.total.rescale(currency.minor_units());
        let areas = self.met.iter().map(|tally| &tally.groups);
        for groups in areas.chain([&self.no_outage.groups]) {
            for ((p, c), group) in groups {
                if &**p == policy && *c == currency {
                    sum.absorb(group);
                }
            }
        }
        if sum.overflowed {
            return Err(too_large_to_keep(policy, currency));
        }
        Ok(sum.total)
    }
}

/// The label of the accounts whose area has no outage, in a summary's table.
const NO_OUTAGE: &str = "(no outage)";

/// The label of the rows whose area could not be read, in a summary's table.
const UNREADABLE: &str = "(unreadable)";
