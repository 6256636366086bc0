//! Batch: one incident, many accounts.
//!
//! A provider or a regulator working out what a mass outage owes every affected
//! customer streams accounts through a [`Batch`]: each [`Account`] is matched with
//! the outages of its area (an [`OutageIndex`] built once), assessed under a list
//! of policies, and yields one [`PolicyTotal`] per policy. A [`Summary`]
//! accumulates totals by area and policy, with counts of accounts and errors.
//!
//! This module is pure and in memory: it reads no files and knows no CSV. The
//! parsers ([`Account::parse`], [`AreaOutage::parse`], [`parse_services`]) take the
//! text of one row's fields, so any reader (the `redress batch` command uses the
//! `csv` crate) can feed them, and their errors name the column at fault.
//! Memory stays flat: nothing is kept per account except what the caller keeps.
//!
//! Each account is assessed by the engine as a [`Case`](crate::Case) of its own, made straight from
//! the row and its area's outages. Accounts of one shape (area, zone, currency,
//! service kinds, and the region where the policy counts working days) differ only in
//! their prices: the policy compiled for one of them is a program of those prices,
//! priced again for the next. A property test holds every account's figures equal to
//! [`crate::assess_totals`] of its own case, under every catalog policy.
//!
//! # Example
//! ```
//! use redress::batch::*;
//! let outage = AreaOutage::parse(&OutageFields {
//!     area: "rochester-14604",
//!     services: "internet|tv",
//!     start: "2024-10-01T06:00:00-04:00",
//!     end: "2024-10-03T11:00:00-04:00",
//!     customers_affected: "182000",
//!     cause: "",
//! })?;
//! let policy = redress::catalog::get("us-ny-psc-outage-credit")?;
//! let mut batch = Batch::new(vec![policy], OutageIndex::from_iter([outage]));
//! let account = Account::parse(&AccountFields {
//!     account: "A-000001",
//!     region: "US-NY",
//!     area: "rochester-14604",
//!     currency: "USD",
//!     time_zone: "America/New_York",
//!     billing_day: "5",
//!     services: "internet:79.99|tv:65.00",
//! })?;
//! let totals = batch.assess(&account)?;
//! // 53 hours: ⌈53 / 24⌉ = 3 days a service, 3 × 79.99 / 30 = 7.999 → 8.00 and
//! // 3 × 65.00 / 30 = 6.50.
//! assert_eq!(totals[0].total.to_string(), "14.50");
//!
//! let mut summary = batch.summary();
//! summary.add(batch.outages(), &account.area, &totals);
//! assert_eq!(summary.accounts(), 1);
//! # Ok::<(), redress::Error>(())
//! ```

mod cases;
mod index;
mod offer;
mod rows;
mod shapes;
mod shortfalls;
mod summary;
mod sums;
mod total;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use self::cases::Cases;
use self::index::Hasher;
use self::shapes::{Compiled, Reads, Shape, Shapes};
use crate::claim::Totals;
use crate::error::{Error, FieldPath, Result};
use crate::money::Currency;
use crate::plan::{validate_plan_parts, ServiceKind};
use crate::policy::Policy;

pub use index::OutageIndex;
pub use offer::{parse_credited, shortfall};
pub use rows::{
    parse_service_kinds, parse_services, Account, AccountFields, AreaOutage, OutageFields,
};
pub use shortfalls::{Shortfalls, Tally};
pub use summary::{AreaNames, Group, Summary};
pub use total::PolicyTotal;

/// Which policies a batch applies.
#[derive(Debug, Clone)]
enum Choice {
    /// The same policies for every account.
    Fixed,
    /// For each account, the catalog policies that [`crate::catalog::select`] finds,
    /// cached by what the selection depends on.
    Select(HashMap<SelectionKey, Arc<[usize]>, Hasher>),
}

/// What the catalog's selection depends on, for one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct SelectionKey {
    region: Option<String>,
    /// The area's place in the outage index (only accounts of areas with outages are
    /// assessed, so the keys never outnumber the outage areas times the kinds of
    /// account).
    place: usize,
    currency: Currency,
    time_zone: Tz,
    services: Vec<ServiceKind>,
}

/// At most this many selections are kept; past it a selecting batch forgets them all
/// and starts again, so memory stays bounded whatever the input.
const SELECTIONS_KEPT: usize = 1 << 16;

/// Assesses accounts one at a time against the outages of their area.
///
/// Each account is a [`Case`](crate::Case) of its plan, its region and its area's outages
/// (restricted to the services it has, so an account without one of the lost services
/// is owed nothing for it). A policy is compiled once for each shape of account (see
/// the [module docs](self)) and the program priced at every account's prices. A batch
/// and its clones (one per thread, say) learn shapes together; a clone set to another
/// instant with [`Batch::with_as_of`] starts afresh. The programs kept are bounded in
/// number and in size, so memory stays flat whatever the input.
///
/// # Example
/// ```
/// use redress::batch::{Batch, OutageIndex};
/// let batch = Batch::new(vec![redress::catalog::get("us-ny-psc-outage-credit")?], OutageIndex::new());
/// assert_eq!(batch.policies().len(), 1);
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug)]
pub struct Batch {
    policies: Vec<Policy>,
    ids: Vec<Arc<str>>,
    /// For each policy, which of an account's facts besides its area, zone, currency
    /// and services its program depends on.
    reads: Vec<Reads>,
    /// What an account's shape tells apart: all that the policies kept by shape read;
    /// `None` when every policy reads the billing day (none is kept by shape).
    shape_reads: Option<Reads>,
    choice: Choice,
    outages: OutageIndex,
    as_of: Option<DateTime<FixedOffset>>,
    shapes: Shapes,
    cases: Cases,
    /// The place in `policies` of the offer ([`Batch::with_offer`]): the last, kept
    /// out of [`Batch::policies`] and of the catalog's selection.
    offer: Option<usize>,
}

/// A clone has policy ids of its own: threads assessing with clones then never share
/// a reference count, which both would write for every account (each [`PolicyTotal`]
/// holds its policy's id).
impl Clone for Batch {
    fn clone(&self) -> Batch {
        Batch {
            policies: self.policies.clone(),
            ids: self.ids.iter().map(|id| Arc::from(&**id)).collect(),
            reads: self.reads.clone(),
            shape_reads: self.shape_reads,
            choice: self.choice.clone(),
            outages: self.outages.clone(),
            as_of: self.as_of,
            shapes: self.shapes.clone(),
            cases: self.cases.clone(),
            offer: self.offer,
        }
    }
}

impl Batch {
    /// A batch applying the same policies, in this order, to every account.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{Batch, OutageIndex};
    /// let batch = Batch::new(redress::catalog::all(), OutageIndex::new());
    /// assert!(!batch.selects());
    /// ```
    pub fn new(policies: Vec<Policy>, outages: OutageIndex) -> Batch {
        let ids = policies.iter().map(|p| Arc::from(p.id.as_str())).collect();
        let reads: Vec<Reads> = policies.iter().map(Reads::of).collect();
        Batch {
            policies,
            ids,
            shape_reads: shape_reads(&reads),
            reads,
            choice: Choice::Fixed,
            outages,
            as_of: None,
            shapes: Shapes::default(),
            cases: Cases::default(),
            offer: None,
        }
    }

    /// A batch applying to each account the catalog policies that
    /// [`crate::catalog::select`] finds for it (its region, currency, services
    /// and its area's outage dates), in catalog order. The selection is worked
    /// out once per distinct (region, area, currency, zone, services) and reused.
    ///
    /// # Example
    /// ```
    /// let batch = redress::batch::Batch::selecting(redress::batch::OutageIndex::new());
    /// assert!(batch.selects());
    /// assert_eq!(batch.policies().len(), redress::catalog::ids().len());
    /// ```
    pub fn selecting(outages: OutageIndex) -> Batch {
        Batch::selecting_from(crate::catalog::all(), outages)
    }

    /// A batch applying to each account those of these policies that
    /// [`crate::catalog::select`] would pick for it, in their order: the catalog's
    /// policies built with chosen readings ([`crate::catalog::with_options`]), say.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{Batch, OutageIndex};
    /// let nj = redress::catalog::with_options("us-nj-cable", &[("scope", "every-service")])?;
    /// let batch = Batch::selecting_from(vec![nj], OutageIndex::new());
    /// assert!(batch.selects());
    /// assert_eq!(batch.policies()[0].chosen_options.len(), 1);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn selecting_from(policies: Vec<Policy>, outages: OutageIndex) -> Batch {
        let mut batch = Batch::new(policies, outages);
        batch.choice = Choice::Select(HashMap::default());
        batch
    }

    /// The batch assessed at an instant: ongoing outages run until then.
    ///
    /// # Example
    /// ```
    /// let t = chrono::DateTime::parse_from_rfc3339("2024-10-05T12:00:00-04:00").unwrap();
    /// let batch = redress::batch::Batch::selecting(redress::batch::OutageIndex::new()).with_as_of(t);
    /// assert_eq!(batch.as_of(), Some(t));
    /// ```
    pub fn with_as_of(mut self, as_of: DateTime<FixedOffset>) -> Batch {
        self.as_of = Some(as_of);
        // Clones made before keep what they learned at their own instant.
        self.shapes = Shapes::default();
        self.cases.forget_areas();
        self
    }

    /// The instant ongoing outages are assessed at, if set.
    pub fn as_of(&self) -> Option<DateTime<FixedOffset>> {
        self.as_of
    }

    /// Whether the batch selects catalog policies per account (rather than
    /// applying a fixed list).
    pub fn selects(&self) -> bool {
        matches!(self.choice, Choice::Select(_))
    }

    /// The policies the batch can apply (all of the catalog when it selects); the
    /// offer is not among them.
    pub fn policies(&self) -> &[Policy] {
        let applied = self.offer.unwrap_or(self.policies.len());
        self.policies.get(..applied).unwrap_or(&self.policies)
    }

    /// The batch with an offer: what the provider gave every account, as a policy,
    /// assessed by [`Batch::assess_offer`] with the same engine (its programs kept by
    /// account shape like the others'), and never among [`Batch::policies`]. A second
    /// call replaces the offer.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{Account, AccountFields, AreaOutage, Batch, OutageFields, OutageIndex};
    /// let outage = AreaOutage::parse(&OutageFields { area: "x", services: "internet",
    ///     start: "2024-10-01T06:00:00Z", end: "2024-10-03T06:00:00Z", ..Default::default() })?;
    /// let owed = redress::catalog::get("us-ny-psc-outage-credit")?;
    /// let mut offer = owed.clone();
    /// offer.id = "same-as-owed".into();
    /// let mut batch = Batch::new(vec![owed], OutageIndex::from_iter([outage])).with_offer(offer);
    /// assert_eq!(batch.policies().len(), 1);
    /// let account = Account::parse(&AccountFields { account: "A-1", area: "x",
    ///     currency: "USD", time_zone: "UTC", services: "internet:60", ..Default::default() })?;
    /// // 48 hours: two days at 60.00 / 30 = 4.00 under both.
    /// assert_eq!(batch.assess(&account)?[0].total.to_string(), "4.00");
    /// assert_eq!(batch.assess_offer(&account)?.map(|t| t.total.to_string()), Some("4.00".into()));
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn with_offer(mut self, offer: Policy) -> Batch {
        if let Some(at) = self.offer.take() {
            self.policies.truncate(at);
            self.ids.truncate(at);
            self.reads.truncate(at);
        }
        self.offer = Some(self.policies.len());
        self.ids.push(Arc::from(offer.id.as_str()));
        self.reads.push(Reads::of(&offer));
        self.policies.push(offer);
        self.shape_reads = shape_reads(&self.reads);
        self.shapes = Shapes::default();
        self
    }

    /// The offer ([`Batch::with_offer`]), if any.
    pub fn offer(&self) -> Option<&Policy> {
        self.offer.and_then(|at| self.policies.get(at))
    }

    /// What the offer gives an account: `None` without an offer or when the account's
    /// area has no outage (nothing was offered for nothing); a zero total with
    /// `applies` false when the offer cannot apply to it.
    ///
    /// # Errors
    /// As [`Batch::assess`].
    ///
    /// # Example
    /// See [`Batch::with_offer`].
    pub fn assess_offer(&mut self, account: &Account) -> Result<Option<PolicyTotal>> {
        let (Some(at), Some(place)) = (self.offer, self.outages.place(&account.area)) else {
            return Ok(None);
        };
        self.cases.next_account();
        let mut out = Vec::with_capacity(1);
        self.assess_policies(account, place, std::iter::once(at), &mut out)?;
        Ok(out.pop())
    }

    /// [`Batch::assess_into`] and [`Batch::assess_offer`] at once: `out` gets the
    /// policies' totals, and what the offer gives the account is returned. The account's
    /// shape is looked up once for both, so an offer costs a batch little more than its
    /// pricing.
    ///
    /// # Errors
    /// As [`Batch::assess`], for the policies and the offer; `out` is left empty on
    /// error.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{Account, AccountFields, AreaOutage, Batch, OutageFields, OutageIndex};
    /// let outage = AreaOutage::parse(&OutageFields { area: "x", services: "internet",
    ///     start: "2024-10-01T06:00:00Z", end: "2024-10-03T06:00:00Z", ..Default::default() })?;
    /// let owed = redress::catalog::get("us-ny-psc-outage-credit")?;
    /// let offer = redress::catalog::get("us-nj-cable")?;
    /// let mut batch = Batch::new(vec![owed], OutageIndex::from_iter([outage])).with_offer(offer);
    /// let account = Account::parse(&AccountFields { account: "A-1", area: "x",
    ///     currency: "USD", time_zone: "UTC", services: "internet:60", ..Default::default() })?;
    /// let mut totals = Vec::new();
    /// let offered = batch.assess_with_offer_into(&account, &mut totals)?;
    /// // 48 hours: two days at 60.00 / 30 = 4.00 owed; New Jersey's cable rule covers
    /// // television only by default, so as an offer it gives an internet plan nothing.
    /// assert_eq!(totals[0].total.to_string(), "4.00");
    /// assert_eq!(offered.map(|t| (t.total.to_string(), t.applies)), Some(("0.00".into(), false)));
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn assess_with_offer_into(
        &mut self,
        account: &Account,
        out: &mut Vec<PolicyTotal>,
    ) -> Result<Option<PolicyTotal>> {
        out.clear();
        let result = self.assess_each(account, out, true);
        if result.is_err() {
            out.clear();
        }
        result
    }

    /// The outage index.
    pub fn outages(&self) -> &OutageIndex {
        &self.outages
    }

    /// An empty summary of this batch's accounts (see [`Summary`]).
    ///
    /// # Example
    /// ```
    /// let batch = redress::batch::Batch::selecting(redress::batch::OutageIndex::new());
    /// assert_eq!(batch.summary().accounts(), 0);
    /// ```
    pub fn summary(&self) -> Summary {
        Summary::new(&self.outages)
    }

    /// [`Batch::assess_into`] for an account whose area has no outage: there is nothing
    /// to assess, but an area that differs from an outage area only in letter case is
    /// refused.
    fn check_without_outages(&mut self, account: &Account) -> Result<()> {
        match self.outages.area_ignoring_case(&account.area) {
            Some(meant) => Err(Error::invalid(
                FieldPath::root("area"),
                format!(
                    "`{}` matches no outage area; the outages have `{meant}`, which differs \
                     only in letter case (areas must match exactly: write it as the outages do)",
                    account.area
                ),
            )),
            None => Ok(()),
        }
    }

    /// Assesses one account: one [`PolicyTotal`] per policy applied, in order.
    /// With [`Batch::selecting`], an account no catalog policy applies to gets none.
    /// An account whose area has no outage gets none either: nothing happened to it,
    /// so no policy is applied ([`OutageIndex::contains`] tells the two apart).
    ///
    /// # Errors
    /// Everything [`Case::from_file`](crate::Case::from_file) and [`crate::assess_totals`] return for the
    /// account's case, except that a policy that cannot apply yields a zero total with
    /// `applies` false; notably [`Error::Invalid`] with path `as_of` when the area has
    /// an ongoing outage and no `as_of` is set. [`Error::Invalid`] at `area` when the
    /// account's area has no outage but matches an outage area except for letter case
    /// (areas must match exactly; the message names the outage area).
    /// [`Error::Overflow`] when a total is too large to keep to the currency's minor
    /// unit: never a total with a cent lost.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{Account, AccountFields, AreaOutage, Batch, OutageFields, OutageIndex};
    /// let outage = AreaOutage::parse(&OutageFields { area: "x", services: "internet",
    ///     start: "2024-10-01T06:00:00Z", end: "2024-10-02T06:00:00Z", ..Default::default() })?;
    /// let policy = redress::catalog::get("us-ny-psc-outage-credit")?;
    /// let mut batch = Batch::new(vec![policy], OutageIndex::from_iter([outage]));
    /// let mut account = Account::parse(&AccountFields { account: "A-1", area: "x",
    ///     currency: "USD", time_zone: "America/New_York", services: "internet:60", ..Default::default() })?;
    /// // 24 hours: one day at 60.00 / 30 = 2.00, on request (the incident's size is unknown).
    /// assert_eq!(batch.assess(&account)?[0].total.to_string(), "2.00");
    /// account.area = "quiet".into(); // no outage there: no policy is applied
    /// assert!(batch.assess(&account)?.is_empty());
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn assess(&mut self, account: &Account) -> Result<Vec<PolicyTotal>> {
        let mut out = Vec::new();
        self.assess_into(account, &mut out)?;
        Ok(out)
    }

    /// As [`Batch::assess`], writing into `out` (cleared first), so a caller
    /// streaming many accounts can reuse one buffer.
    ///
    /// # Errors
    /// As [`Batch::assess`]; `out` is left empty on error.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{Account, AccountFields, AreaOutage, Batch, OutageFields, OutageIndex};
    /// let outage = AreaOutage::parse(&OutageFields { area: "x", services: "internet",
    ///     start: "2024-10-01T06:00:00Z", end: "2024-10-02T06:00:00Z", ..Default::default() })?;
    /// let policy = redress::catalog::get("us-ny-psc-outage-credit")?;
    /// let mut batch = Batch::new(vec![policy], OutageIndex::from_iter([outage]));
    /// let account = Account::parse(&AccountFields { account: "A-1", area: "x",
    ///     currency: "USD", time_zone: "UTC", services: "internet:50", ..Default::default() })?;
    /// let mut totals = Vec::new();
    /// batch.assess_into(&account, &mut totals)?;
    /// batch.assess_into(&account, &mut totals)?;
    /// assert_eq!(totals.len(), 1);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn assess_into(&mut self, account: &Account, out: &mut Vec<PolicyTotal>) -> Result<()> {
        out.clear();
        let result = self.assess_each(account, out, false);
        if result.is_err() {
            out.clear();
        }
        result.map(|_| ())
    }

    /// The account's totals into `out`, and the offer's when `with_offer` (and the batch
    /// has one).
    fn assess_each(
        &mut self,
        account: &Account,
        out: &mut Vec<PolicyTotal>,
        with_offer: bool,
    ) -> Result<Option<PolicyTotal>> {
        // An account's fields are public: its plan is checked as a claim file's would be.
        validate_plan_parts(account.billing_day, &account.services, &|| {
            FieldPath::root("plan")
        })?;
        let Some(place) = self.outages.place(&account.area) else {
            self.check_without_outages(account)?;
            return Ok(None);
        };
        // The account's case, made only where a shape is met for the first time.
        self.cases.next_account();
        let selected = self.selected(account, place)?;
        let count = selected
            .as_ref()
            .map_or(self.policies().len(), |chosen| chosen.len());
        let offer = self.offer.filter(|_| with_offer);
        let wanted = (0..count)
            .filter_map(move |n| match &selected {
                None => Some(n),
                Some(chosen) => chosen.get(n).copied(),
            })
            .chain(offer);
        self.assess_policies(account, place, wanted, out)?;
        Ok(match offer {
            Some(_) => out.pop(),
            None => None,
        })
    }

    /// What the policies at `wanted` owe an account, pushed to `out` in that order. Where
    /// they are kept for the account's shape (nearly every account), the shape is found
    /// once for all; the others are compiled (and kept) one by one.
    fn assess_policies(
        &mut self,
        account: &Account,
        place: usize,
        wanted: impl Iterator<Item = usize>,
        out: &mut Vec<PolicyTotal>,
    ) -> Result<()> {
        let mut wanted = wanted;
        let shape = self
            .shape_reads
            .and_then(|reads| Shape::new(place, account, reads));
        // The first policy not kept for the shape, from which on each is priced alone.
        let mut first_missed = None;
        if let Some(slots) = shape.and_then(|shape| self.shapes.known(shape)) {
            for i in wanted.by_ref() {
                let (Some(policy), Some(id)) = (self.policies.get(i), self.ids.get(i)) else {
                    continue;
                };
                match slots.get(i).and_then(Option::as_deref) {
                    Some(Compiled::Program(program)) => {
                        let totals = program.totals(policy, &account.services, account.currency)?;
                        out.push(applied(id, &totals));
                    }
                    Some(Compiled::NotApplicable) => out.push(not_applicable(id, account)),
                    None => {
                        first_missed = Some(i);
                        break;
                    }
                }
            }
        }
        for i in first_missed.into_iter().chain(wanted) {
            if let Some(total) = self.price(i, place, account, shape)? {
                out.push(total);
            }
        }
        Ok(())
    }

    /// The places of the policies that apply to an account when they are selected by
    /// region; `None` when every policy given applies. A selection is kept for the
    /// accounts that share its region, area, currency, zone and services.
    fn selected(&mut self, account: &Account, place: usize) -> Result<Option<Arc<[usize]>>> {
        let Choice::Select(cache) = &mut self.choice else {
            return Ok(None);
        };
        if cache.len() >= SELECTIONS_KEPT {
            cache.clear();
        }
        let key = SelectionKey {
            region: account.region.clone(),
            place,
            currency: account.currency,
            time_zone: account.time_zone,
            services: account.services.iter().map(|s| s.kind.clone()).collect(),
        };
        if let Some(chosen) = cache.get(&key) {
            return Ok(Some(Arc::clone(chosen)));
        }
        let built = self
            .cases
            .case_of(account, &self.outages, place, self.as_of)?;
        let applied = self.offer.unwrap_or(self.policies.len());
        let chosen: Arc<[usize]> = self
            .policies
            .iter()
            .take(applied)
            .enumerate()
            .filter(|(_, p)| crate::catalog::selects(p, built))
            .map(|(i, _)| i)
            .collect();
        cache.insert(key, Arc::clone(&chosen));
        Ok(Some(chosen))
    }

    /// What the policy at `i` owes an account: by the program of its shape where this
    /// batch or a clone kept one, else compiled from the account's case (and kept for
    /// its shape).
    fn price(
        &mut self,
        i: usize,
        place: usize,
        account: &Account,
        shape: Option<Shape>,
    ) -> Result<Option<PolicyTotal>> {
        let (Some(policy), Some(id)) = (self.policies.get(i), self.ids.get(i)) else {
            return Ok(None);
        };
        let reads = self.reads.get(i).copied().unwrap_or_default();
        // A policy that reads the billing day gives nearly every account a shape of
        // its own: it is compiled for each account.
        let shape = shape.filter(|_| !reads.billing_day);
        match shape.and_then(|shape| self.shapes.get(shape, i)) {
            Some(Compiled::Program(program)) => {
                let totals = program.totals(policy, &account.services, account.currency)?;
                return Ok(Some(applied(id, &totals)));
            }
            Some(Compiled::NotApplicable) => return Ok(Some(not_applicable(id, account))),
            None => {}
        }
        let built = self
            .cases
            .case_of(account, &self.outages, place, self.as_of)?;
        let compiled = match crate::engine::compile_totals(built, policy)? {
            Some(program) => Compiled::Program(program),
            None => Compiled::NotApplicable,
        };
        let total = match &compiled {
            Compiled::Program(program) => applied(
                id,
                &program.totals(policy, &account.services, account.currency)?,
            ),
            Compiled::NotApplicable => not_applicable(id, account),
        };
        if let Some(shape) = shape {
            self.shapes.learn(shape, i, compiled);
        }
        Ok(Some(total))
    }
}

/// What a batch's shapes tell apart: what its policies kept by shape (those that do not
/// read the billing day) read; `None` when there are none.
fn shape_reads(reads: &[Reads]) -> Option<Reads> {
    reads
        .iter()
        .filter(|r| !r.billing_day)
        .fold(None, |all: Option<Reads>, r| {
            Some(all.unwrap_or_default().union(*r))
        })
}

/// The total of a policy that applies.
fn applied(id: &Arc<str>, totals: &Totals) -> PolicyTotal {
    PolicyTotal {
        policy: Arc::clone(id),
        currency: totals.currency,
        total: totals.total,
        automatic: totals.automatic,
        applies: true,
    }
}

/// The zero total of a policy that cannot apply to the account.
fn not_applicable(id: &Arc<str>, account: &Account) -> PolicyTotal {
    let mut zero = Decimal::ZERO;
    zero.rescale(account.currency.minor_units());
    PolicyTotal {
        policy: Arc::clone(id),
        currency: account.currency,
        total: zero,
        automatic: false,
        applies: false,
    }
}

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
