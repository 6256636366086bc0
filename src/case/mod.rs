//! The case: a claim file read into facts the engine can trust.
//!
//! A [`ClaimFile`](crate::ClaimFile) is the document exactly as a person writes it:
//! instants with the offsets they were written with, outages that may still be
//! ongoing, a region as typed. [`Case::from_file`] checks every field once, at the
//! door, and gives a [`Case`]: instants in UTC beside the plan's zone, ongoing outages
//! closed at `as_of`, late activations closed at `as_of`'s local date, the region an
//! ISO 3166 code in upper case ([`crate::region`]). Every engine entry ([`crate::assess`] and the rest) takes a `&Case`,
//! so nothing downstream checks or converts again.
//!
//! [`crate::civil`] holds the civil-time helpers every stage uses: local dates and local
//! midnights in a zone, and exact elapsed time.

mod exemption;
mod parse;
mod received;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::claim_file::Segment;
use crate::error::Result;
use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::{BillingCycle, Service, ServiceKind};

pub use crate::civil::{FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR};
pub(crate) use exemption::window_text;
pub(crate) use parse::{check_times, outage_facts};

/// A claim's facts, checked: what the engine assesses.
///
/// Made from a claim file by [`Case::from_file`] (or `Case::try_from(&file)`); the
/// batch makes one straight from an account row and its area's outages.
///
/// # Example
/// ```
/// use redress::{Case, ClaimFile};
/// let file: ClaimFile = toml::from_str(r#"
///     as_of = "2024-10-05T12:00:00-04:00"
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "79.99"
///     [[outages]]
///     services = ["internet"]
///     start = "2024-10-01T06:00:00-04:00"
/// "#)?;
/// let case = Case::from_file(&file)?;
/// // The ongoing outage is closed at as_of, in UTC.
/// assert_eq!(case.outages()[0].end.to_rfc3339(), "2024-10-05T16:00:00+00:00");
/// assert!(case.outages()[0].ongoing);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub(crate) as_of: Option<DateTime<Utc>>,
    pub(crate) region: Option<String>,
    pub(crate) segment: Segment,
    pub(crate) provider: Option<String>,
    pub(crate) currency: Currency,
    pub(crate) zone: Tz,
    pub(crate) billing: BillingCycle,
    pub(crate) services: Vec<Service>,
    /// The services' places by kind, for a plan too large to scan.
    pub(crate) places: Option<Arc<HashMap<ServiceKind, usize>>>,
    pub(crate) outages: Vec<Downtime>,
    pub(crate) appointments: Vec<MissedAppointment>,
    pub(crate) activations: Vec<LateActivation>,
    pub(crate) policies: Option<Vec<String>>,
    /// Credits already received, checked.
    pub(crate) received: Vec<Received>,
    /// What the reading of the claim file is worth telling the reader (a time written at
    /// an offset its zone did not have, a word taken as a deliberate other kind): each
    /// claim assessed from the case carries these after its own notes.
    pub(crate) notes: Vec<String>,
}

/// A credit already received, checked: a positive amount in the plan's currency, its
/// date, what it was for and the policy it was paid under, if the file says.
///
/// # Example
/// ```
/// # use redress::{Case, ClaimFile};
/// let file: ClaimFile = toml::from_str(r#"
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[credits_received]]
///     amount = "5.00"
///     date = "2024-10-10"
/// "#)?;
/// let case = Case::from_file(&file)?;
/// assert_eq!(case.received()[0].amount.to_string(), "5.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Received {
    /// The amount, in the plan's currency, more than zero.
    pub amount: rust_decimal::Decimal,
    /// The day it was credited.
    pub date: NaiveDate,
    /// What it was for.
    pub what_for: Option<String>,
    /// The policy it was paid under; `None`: it counts against every policy.
    pub policy: Option<String>,
}

/// An outage as the engine sees it: exact UTC instants, closed at `as_of` when it was
/// still ongoing, and the plan's services it took down.
///
/// # Example
/// ```
/// # use redress::{Case, ClaimFile};
/// # let file: ClaimFile = toml::from_str(r#"
/// #     [plan]
/// #     currency = "USD"
/// #     time_zone = "America/New_York"
/// #     [[plan.services]]
/// #     kind = "internet"
/// #     monthly_price = "79.99"
/// #     [[outages]]
/// #     services = ["internet"]
/// #     start = "2024-10-01T06:00:00-04:00"
/// #     end = "2024-10-03T11:00:00-04:00"
/// # "#)?;
/// let case = Case::from_file(&file)?;
/// let outage = &case.outages()[0];
/// assert_eq!((outage.end - outage.start).num_hours(), 53);
/// assert!(!outage.ongoing);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Downtime {
    /// The plan's services lost (at least one, each of them in the plan).
    pub services: Vec<ServiceKind>,
    /// When service was lost.
    pub start: DateTime<Utc>,
    /// When it came back, or `as_of` while still out.
    pub end: DateTime<Utc>,
    /// Whether it was still out at `as_of`.
    pub ongoing: bool,
    /// When the customer reported it (never before `start`).
    pub reported: Option<DateTime<Utc>>,
    /// How many customers the incident affected, if known.
    pub customers_affected: Option<u64>,
    /// What caused it.
    pub cause: Cause,
    /// With a power cause: when commercial power returned.
    pub power_restored: Option<DateTime<Utc>>,
    /// True when service was impaired, not fully lost.
    pub degraded: bool,
    /// The provider's notice that it claims an exemption for the outage, if the claim
    /// records one (`exemption_notice`; see [`Exemption`](crate::Exemption)).
    pub exemption: Option<crate::outage::Exemption>,
    /// With a severe-weather cause: the storm's category under Ofgem's standard, if the
    /// claim gives it (`weather_category`).
    pub weather_category: Option<crate::outage::WeatherCategory>,
}

impl Downtime {
    /// The same facts, with no services: for a copy that names some of them.
    pub(crate) fn without_services(&self) -> Downtime {
        Downtime {
            services: Vec::new(),
            start: self.start,
            end: self.end,
            ongoing: self.ongoing,
            reported: self.reported,
            customers_affected: self.customers_affected,
            cause: self.cause,
            power_restored: self.power_restored,
            degraded: self.degraded,
            exemption: self.exemption.clone(),
            weather_category: self.weather_category,
        }
    }
}

/// A missed or late-cancelled engineer appointment.
///
/// # Example
/// ```
/// # use redress::{Case, ClaimFile};
/// # let file: ClaimFile = toml::from_str(r#"
/// #     [plan]
/// #     currency = "EUR"
/// #     time_zone = "Europe/Berlin"
/// #     [[plan.services]]
/// #     kind = "internet"
/// #     monthly_price = "40"
/// #     [[appointments]]
/// #     date = "2025-03-04"
/// #     services = ["internet"]
/// # "#)?;
/// let case = Case::from_file(&file)?;
/// assert_eq!(case.appointments()[0].date.to_string(), "2025-03-04");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MissedAppointment {
    /// The local date it was booked for.
    pub date: NaiveDate,
    /// The services it was for (may be none: the whole plan).
    pub services: Vec<ServiceKind>,
}

/// A late activation, closed at `as_of`'s local date while not yet live.
///
/// # Example
/// ```
/// # use redress::{Case, ClaimFile};
/// # let file: ClaimFile = toml::from_str(r#"
/// #     as_of = "2025-06-09T12:00:00+10:00"
/// #     [plan]
/// #     currency = "AUD"
/// #     time_zone = "Australia/Sydney"
/// #     [[plan.services]]
/// #     kind = "phone"
/// #     monthly_price = "40"
/// #     [[activations]]
/// #     services = ["phone"]
/// #     promised = "2025-06-02"
/// # "#)?;
/// let case = Case::from_file(&file)?;
/// let late = &case.activations()[0];
/// assert_eq!(late.until.to_string(), "2025-06-09");
/// assert!(late.delivered.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LateActivation {
    /// The services to be activated (may be none: the whole plan).
    pub services: Vec<ServiceKind>,
    /// The local date service was promised for.
    pub promised: NaiveDate,
    /// The local date it went live, if it has.
    pub delivered: Option<NaiveDate>,
    /// The delivery date, or `as_of`'s local date while not yet live.
    pub until: NaiveDate,
}

impl Case {
    /// Reads a claim file into a case, checking every field once.
    ///
    /// # Errors
    /// [`crate::Error::Invalid`] naming the first field refused: an end before its
    /// start, a report before the outage began, a service the plan lacks, a date
    /// outside the supported years, a billing day outside 1-31, a negative price, an
    /// ongoing outage without an `as_of` to close it at, a region that is not an ISO
    /// 3166 code ([`crate::region`]; `NY` is refused, suggesting `US-NY`), a time without
    /// an offset that the plan's zone skipped or went through twice, a date alone where an
    /// instant is needed (see [`crate::civil::When`]).
    ///
    /// A time without an offset is read in the plan's `time_zone`; one whose offset is
    /// not the zone's then, and a `time_zone` that is a fixed offset (`EST`), add a note
    /// ([`Case::notes`]).
    ///
    /// # Example
    /// ```
    /// use redress::{Case, ClaimFile};
    /// let file: ClaimFile = toml::from_str(r#"
    ///     [plan]
    ///     currency = "USD"
    ///     time_zone = "America/New_York"
    ///     [[plan.services]]
    ///     kind = "internet"
    ///     monthly_price = "60"
    ///     [[outages]]
    ///     services = ["internet"]
    ///     start = "2024-10-03T00:00:00Z"
    ///     end = "2024-10-01T00:00:00Z"
    /// "#)?;
    /// let err = Case::from_file(&file).unwrap_err();
    /// assert_eq!(err.to_string(), "outages[0].end: 2024-10-01T00:00:00+00:00 is before the start 2024-10-03T00:00:00+00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_file(file: &crate::claim_file::ClaimFile) -> Result<Case> {
        parse::case(file)
    }

    /// The instant ongoing outages were closed at, if the file gave one.
    pub fn as_of(&self) -> Option<DateTime<Utc>> {
        self.as_of
    }

    /// The customer's region code (ISO 3166, upper case), if given.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Residential or business.
    pub fn segment(&self) -> Segment {
        self.segment
    }

    /// The provider's name, if given.
    pub fn provider(&self) -> Option<&str> {
        self.provider.as_deref()
    }

    /// The currency every price is in.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The service address's zone: every local-day rule reads dates in it.
    pub fn time_zone(&self) -> Tz {
        self.zone
    }

    /// The plan's billing cycle.
    pub fn billing_cycle(&self) -> BillingCycle {
        self.billing
    }

    /// The plan's priced services, in the plan's order.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The outages, in the file's order.
    pub fn outages(&self) -> &[Downtime] {
        &self.outages
    }

    /// The missed appointments, in the file's order.
    pub fn appointments(&self) -> &[MissedAppointment] {
        &self.appointments
    }

    /// The late activations, in the file's order.
    pub fn activations(&self) -> &[LateActivation] {
        &self.activations
    }

    /// What reading the claim file found worth telling (a time written at an offset its
    /// zone did not have then, a word taken as a deliberate other kind). Every claim
    /// assessed from this case lists these after its own notes.
    ///
    /// # Example
    /// ```
    /// use redress::{Case, ClaimFile};
    /// let file: ClaimFile = toml::from_str(r#"
    ///     [plan]
    ///     currency = "USD"
    ///     time_zone = "America/New_York"
    ///     [[plan.services]]
    ///     kind = "internet"
    ///     monthly_price = "79.99"
    /// "#)?;
    /// assert!(Case::from_file(&file)?.notes().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The credits already received (`[[credits_received]]`), checked.
    pub fn received(&self) -> &[Received] {
        &self.received
    }

    /// The policy ids the claim file names, if it names any.
    pub fn policies(&self) -> Option<&[String]> {
        self.policies.as_deref()
    }

    /// The place in the plan of the service of a kind, if the plan has it.
    pub(crate) fn position(&self, kind: &ServiceKind) -> Option<usize> {
        match &self.places {
            Some(places) => places.get(kind).copied(),
            None => self.services.iter().position(|s| &s.kind == kind),
        }
    }

    /// The index [`Case::position`] reads for a plan too large to scan.
    pub(crate) fn places_of(services: &[Service]) -> Option<Arc<HashMap<ServiceKind, usize>>> {
        (services.len() > crate::plan::FEW_SERVICES).then(|| {
            Arc::new(
                services
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (s.kind.clone(), i))
                    .collect(),
            )
        })
    }
}

impl TryFrom<&crate::claim_file::ClaimFile> for Case {
    type Error = crate::error::Error;

    fn try_from(file: &crate::claim_file::ClaimFile) -> Result<Case> {
        Case::from_file(file)
    }
}

#[cfg(test)]
mod tests {
    use super::Case;
    use crate::plan::{Service, ServiceKind};
    use rust_decimal::Decimal;

    /// A plan's services are found by kind through an index once there are many: the
    /// index finds the place a search in turn finds, for every kind, present or not.
    #[test]
    fn a_services_place_is_the_same_by_index_or_by_search() {
        for size in [3usize, 8, 9, 30, 200] {
            let services: Vec<Service> = (0..size)
                .map(|i| {
                    Service::new(
                        ServiceKind::from(format!("line-{i}").as_str()),
                        Decimal::from(i),
                    )
                })
                .collect();
            let places = Case::places_of(&services);
            assert_eq!(places.is_some(), size > crate::plan::FEW_SERVICES, "{size}");
            let asked = services
                .iter()
                .map(|s| s.kind.clone())
                .chain([ServiceKind::Tv, ServiceKind::from("line-999")]);
            for kind in asked {
                let searched = services.iter().position(|s| s.kind == kind);
                let indexed = match &places {
                    Some(places) => places.get(&kind).copied(),
                    None => searched,
                };
                assert_eq!(indexed, searched, "{size}: {kind}");
            }
        }
    }
}
