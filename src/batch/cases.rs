//! The case each account is assessed as: its plan and region, and its area's outages
//! restricted to the services it has. An area's outages are checked and converted once,
//! and each account's case is written over the last one's.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use super::index::OutageIndex;
use super::rows::Account;
use crate::case::{outage_facts, Case, Downtime};
use crate::error::{FieldPath, Result};
use crate::outage::Outage;
use crate::plan::{BillingCycle, ServiceKind};

/// The cases of a batch's accounts, one at a time.
#[derive(Debug, Default)]
pub(crate) struct Cases {
    /// Each area's outages (by its place in the index) checked and converted at the
    /// batch's `as_of`, with all their services; `None` until an account of the area
    /// asks, and for an area with an outage the checks refuse.
    areas: Vec<Option<Arc<[Downtime]>>>,
    /// The last account's case, written over for the next.
    case: Option<Case>,
    /// Whether `case` is the current account's.
    current: bool,
}

/// A clone (one for each thread) starts with no case of its own and shares what
/// the areas' outages were converted to.
impl Clone for Cases {
    fn clone(&self) -> Cases {
        Cases {
            areas: self.areas.clone(),
            case: None,
            current: false,
        }
    }
}

impl Cases {
    /// A new account: its case is made when first asked for.
    pub(crate) fn next_account(&mut self) {
        self.current = false;
    }

    /// Forgets the areas' converted outages (the batch's `as_of` changed).
    pub(crate) fn forget_areas(&mut self) {
        self.areas.clear();
        self.current = false;
    }

    /// The current account's case.
    ///
    /// # Errors
    /// As [`Case::from_file`] would for the account's claim: an outage of the area the
    /// account has a service of that cannot be read at `as_of`.
    pub(crate) fn case_of(
        &mut self,
        account: &Account,
        outages: &OutageIndex,
        place: usize,
        as_of: Option<DateTime<FixedOffset>>,
    ) -> Result<&Case> {
        let case = match self.case.take() {
            Some(case) if self.current => case,
            last => {
                let area_outages = outages.outages_at(Some(place));
                let area = area_of(&mut self.areas, place, area_outages, as_of);
                match (area, last) {
                    (Some(area), Some(mut case)) => {
                        refill(&mut case, account, area, as_of)?;
                        case
                    }
                    (Some(area), None) => {
                        let mut case = account_case(account, &[], as_of)?;
                        refill(&mut case, account, area, as_of)?;
                        case
                    }
                    // An area whose outages do not all pass: each account is told of
                    // the first of its own outages that does not, as its claim would be.
                    (None, _) => account_case(account, area_outages, as_of)?,
                }
            }
        };
        self.current = true;
        Ok(self.case.insert(case))
    }
}

/// The area's outages converted, when every one of them passes the checks: worked out
/// when the area is first asked for, and kept.
fn area_of<'a>(
    areas: &'a mut Vec<Option<Arc<[Downtime]>>>,
    place: usize,
    outages: &[Outage],
    as_of: Option<DateTime<FixedOffset>>,
) -> Option<&'a [Downtime]> {
    if areas.len() <= place {
        areas.resize(place + 1, None);
    }
    let slot = areas.get_mut(place)?;
    if slot.is_none() {
        let converted: Result<Vec<Downtime>> = outages
            .iter()
            .enumerate()
            .map(|(i, outage)| {
                outage_facts(
                    outage,
                    outage.services.clone(),
                    as_of,
                    &|column: &str| FieldPath::root(column),
                    i + 1,
                )
            })
            .collect();
        *slot = Some(Arc::from(converted.ok()?));
    }
    slot.as_deref()
}

/// Writes an account's case over `case`: its plan and region, and the area's outages
/// restricted to the services it has (an outage of none of them left out), reusing
/// what `case` holds.
fn refill(
    case: &mut Case,
    account: &Account,
    area: &[Downtime],
    as_of: Option<DateTime<FixedOffset>>,
) -> Result<()> {
    let has = |kind: &ServiceKind| account.services.iter().any(|s| &s.kind == kind);
    let mut kept = 0;
    for outage in area {
        if !outage.services.iter().any(has) {
            continue;
        }
        match case.outages.get_mut(kept) {
            Some(slot) => {
                let mut services = std::mem::take(&mut slot.services);
                services.clear();
                services.extend(outage.services.iter().filter(|k| has(k)).cloned());
                *slot = Downtime {
                    services,
                    ..outage.without_services()
                };
            }
            None => {
                let services = outage.services.iter().filter(|k| has(k)).cloned();
                case.outages.push(Downtime {
                    services: services.collect(),
                    ..outage.without_services()
                });
            }
        }
        kept += 1;
    }
    case.outages.truncate(kept);
    case.as_of = as_of.map(|t| t.with_timezone(&chrono::Utc));
    match (&mut case.region, account.region.as_deref()) {
        (Some(region), Some(from)) => {
            region.clear();
            region.extend(from.trim().chars().map(|c| c.to_ascii_uppercase()));
        }
        (region, from) => *region = from.map(|r| r.trim().to_ascii_uppercase()),
    }
    case.currency = account.currency;
    case.zone = account.time_zone;
    case.billing = BillingCycle::new(account.billing_day, account.time_zone)?;
    case.services.clone_from(&account.services);
    case.places = Case::places_of(&account.services);
    Ok(())
}

/// The case an account is assessed as, made afresh: its plan and region, and its
/// area's outages restricted to the services it has.
fn account_case(
    account: &Account,
    outages: &[Outage],
    as_of: Option<DateTime<FixedOffset>>,
) -> Result<Case> {
    let mut downtimes = Vec::with_capacity(outages.len());
    for outage in outages {
        let has = |kind: &&ServiceKind| account.services.iter().any(|s| &s.kind == *kind);
        let services: Vec<ServiceKind> = outage.services.iter().filter(has).cloned().collect();
        if services.is_empty() {
            continue;
        }
        let number = downtimes.len() + 1;
        downtimes.push(outage_facts(
            outage,
            services,
            as_of,
            &|column: &str| FieldPath::root(column),
            number,
        )?);
    }
    Ok(Case {
        as_of: as_of.map(|t| t.with_timezone(&chrono::Utc)),
        region: account
            .region
            .as_deref()
            .map(|r| r.trim().to_ascii_uppercase()),
        segment: crate::claim_file::Segment::default(),
        provider: None,
        currency: account.currency,
        zone: account.time_zone,
        billing: BillingCycle::new(account.billing_day, account.time_zone)?,
        services: account.services.clone(),
        places: Case::places_of(&account.services),
        outages: downtimes,
        appointments: Vec::new(),
        activations: Vec::new(),
        policies: None,
        received: Vec::new(),
        notes: Vec::new(),
    })
}
