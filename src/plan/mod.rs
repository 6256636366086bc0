//! Service plans: what the customer pays for, in which currency, where, and when
//! each billing period begins.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::case::civil::{local_date, local_day_start};
use crate::error::{Error, FieldPath, Result};
use crate::money::{allocate, Currency, Money};

/// A kind of service a plan can include.
///
/// Written in claim files in lower case (`"internet"`, `"tv"`); any other word is
/// accepted as [`ServiceKind::Other`], so a plan can name services redress has no
/// policy for.
///
/// # Example
/// ```
/// use redress::ServiceKind;
/// assert_eq!(ServiceKind::from("Internet"), ServiceKind::Internet);
/// assert_eq!(ServiceKind::from("satellite"), ServiceKind::Other("satellite".into()));
/// assert_eq!(ServiceKind::Tv.to_string(), "tv");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ServiceKind {
    /// Fixed or wireless broadband.
    Internet,
    /// Cable or IP television.
    Tv,
    /// Fixed-line telephone.
    Phone,
    /// Mobile service.
    Mobile,
    /// Electricity supply.
    Electricity,
    /// Gas supply.
    Gas,
    /// Water supply.
    Water,
    /// Cloud compute.
    Compute,
    /// Cloud storage.
    Storage,
    /// Any other service, by its lower-case name.
    Other(String),
}

impl ServiceKind {
    /// The name used in claim files.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::ServiceKind::Electricity.as_str(), "electricity");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            ServiceKind::Internet => "internet",
            ServiceKind::Tv => "tv",
            ServiceKind::Phone => "phone",
            ServiceKind::Mobile => "mobile",
            ServiceKind::Electricity => "electricity",
            ServiceKind::Gas => "gas",
            ServiceKind::Water => "water",
            ServiceKind::Compute => "compute",
            ServiceKind::Storage => "storage",
            ServiceKind::Other(name) => name,
        }
    }

    /// The kind as one bit of a [`KindSet`]; `None` for [`ServiceKind::Other`], whose
    /// names are open-ended.
    pub(crate) fn bit(&self) -> Option<KindSet> {
        let index = match self {
            ServiceKind::Internet => 0,
            ServiceKind::Tv => 1,
            ServiceKind::Phone => 2,
            ServiceKind::Mobile => 3,
            ServiceKind::Electricity => 4,
            ServiceKind::Gas => 5,
            ServiceKind::Water => 6,
            ServiceKind::Compute => 7,
            ServiceKind::Storage => 8,
            ServiceKind::Other(_) => return None,
        };
        Some(1 << index)
    }
}

impl ServiceKind {
    /// The named kinds numbered 1 to 9; `None` for [`ServiceKind::Other`].
    pub(crate) fn number(&self) -> Option<u8> {
        self.bit().map(|bit| bit.trailing_zeros() as u8 + 1)
    }
}

/// A set of the named service kinds, one bit each (see [`ServiceKind::bit`]).
pub(crate) type KindSet = u16;

impl From<&str> for ServiceKind {
    fn from(name: &str) -> Self {
        // Kinds are nearly always written as claim files write them, in lower case: one
        // exact comparison finds those, before the case-blind tests of each kind in turn.
        match name {
            "internet" => return ServiceKind::Internet,
            "tv" => return ServiceKind::Tv,
            "phone" => return ServiceKind::Phone,
            "mobile" => return ServiceKind::Mobile,
            "electricity" => return ServiceKind::Electricity,
            "gas" => return ServiceKind::Gas,
            "water" => return ServiceKind::Water,
            "compute" => return ServiceKind::Compute,
            "storage" => return ServiceKind::Storage,
            _ => {}
        }
        let name = match (name.as_bytes().first(), name.as_bytes().last()) {
            // Nothing to trim: starts and ends with a visible ASCII character.
            (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => name,
            _ => name.trim(),
        };
        let known = |word: &str| name.eq_ignore_ascii_case(word);
        if known("internet") {
            ServiceKind::Internet
        } else if known("tv") {
            ServiceKind::Tv
        } else if known("phone") {
            ServiceKind::Phone
        } else if known("mobile") {
            ServiceKind::Mobile
        } else if known("electricity") {
            ServiceKind::Electricity
        } else if known("gas") {
            ServiceKind::Gas
        } else if known("water") {
            ServiceKind::Water
        } else if known("compute") {
            ServiceKind::Compute
        } else if known("storage") {
            ServiceKind::Storage
        } else {
            ServiceKind::Other(name.to_ascii_lowercase())
        }
    }
}

impl fmt::Display for ServiceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ServiceKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ServiceKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        if name.trim().is_empty() {
            return Err(serde::de::Error::custom("a service kind cannot be empty"));
        }
        Ok(ServiceKind::from(name.as_str()))
    }
}

/// One priced service of a plan.
///
/// # Example
/// ```
/// use redress::{Service, ServiceKind};
/// let s = Service::new(ServiceKind::Internet, "79.99".parse().unwrap());
/// assert_eq!(s.monthly_price.to_string(), "79.99");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Service {
    /// What the service is.
    pub kind: ServiceKind,
    /// Its monthly price before taxes, in the plan's currency.
    pub monthly_price: Decimal,
}

impl Service {
    /// A service at a monthly price.
    ///
    /// # Example
    /// ```
    /// let s = redress::Service::new(redress::ServiceKind::Tv, rust_decimal::Decimal::from(65));
    /// assert_eq!(s.kind, redress::ServiceKind::Tv);
    /// ```
    pub fn new(kind: ServiceKind, monthly_price: Decimal) -> Service {
        Service {
            kind,
            monthly_price,
        }
    }
}

fn default_billing_day() -> u8 {
    1
}

/// A customer's service plan: priced services, currency, the service address's
/// time zone and the day of the month each billing period starts.
///
/// This is the `[plan]` table of the claim file.
///
/// # Example
/// ```
/// use redress::{ServicePlan, Service, ServiceKind, Currency};
/// let plan = ServicePlan::new(Currency::USD, chrono_tz::America::New_York)
///     .with_service(Service::new(ServiceKind::Internet, "79.99".parse().unwrap()))
///     .with_service(Service::new(ServiceKind::Tv, "65.00".parse().unwrap()));
/// assert_eq!(plan.monthly_total()?.to_string(), "144.99 USD");
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ServicePlan {
    /// The provider's name, for reports and letters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The plan's name, for reports and letters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The currency every price is in.
    pub currency: Currency,
    /// The IANA time zone of the service address; local-day rules use it.
    pub time_zone: Tz,
    /// The day of the month each billing period starts, 1-31, clamped to the month's end.
    #[serde(default = "default_billing_day")]
    pub billing_day: u8,
    /// The priced services. A bundle is several services; see [`split_bundle`].
    #[serde(default)]
    pub services: Vec<Service>,
}

impl ServicePlan {
    /// A plan with no services yet, billed from the 1st.
    ///
    /// # Example
    /// ```
    /// let plan = redress::ServicePlan::new(redress::Currency::EUR, chrono_tz::Europe::Berlin);
    /// assert_eq!(plan.billing_day, 1);
    /// ```
    pub fn new(currency: Currency, time_zone: Tz) -> ServicePlan {
        ServicePlan {
            provider: None,
            name: None,
            currency,
            time_zone,
            billing_day: 1,
            services: Vec::new(),
        }
    }

    /// The plan with one more service.
    ///
    /// # Example
    /// ```
    /// use redress::{ServicePlan, Service, ServiceKind, Currency};
    /// let plan = ServicePlan::new(Currency::EUR, chrono_tz::Europe::Madrid)
    ///     .with_service(Service::new(ServiceKind::Phone, "15".parse().unwrap()));
    /// assert_eq!(plan.services.len(), 1);
    /// ```
    pub fn with_service(mut self, service: Service) -> ServicePlan {
        self.services.push(service);
        self
    }

    /// The plan from a provider.
    ///
    /// # Example
    /// ```
    /// let plan = redress::ServicePlan::new(redress::Currency::USD, chrono_tz::UTC).with_provider("Spectrum");
    /// assert_eq!(plan.provider.as_deref(), Some("Spectrum"));
    /// ```
    pub fn with_provider(mut self, provider: &str) -> ServicePlan {
        self.provider = Some(provider.to_owned());
        self
    }

    /// The plan with a name.
    ///
    /// # Example
    /// ```
    /// let plan = redress::ServicePlan::new(redress::Currency::USD, chrono_tz::UTC).with_name("Internet Premier");
    /// assert_eq!(plan.name.as_deref(), Some("Internet Premier"));
    /// ```
    pub fn with_name(mut self, name: &str) -> ServicePlan {
        self.name = Some(name.to_owned());
        self
    }

    /// The plan billed from another day of the month.
    ///
    /// # Example
    /// ```
    /// let plan = redress::ServicePlan::new(redress::Currency::USD, chrono_tz::UTC).with_billing_day(31);
    /// assert_eq!(plan.billing_day, 31);
    /// ```
    pub fn with_billing_day(mut self, day: u8) -> ServicePlan {
        self.billing_day = day;
        self
    }

    /// The service of a kind, if the plan has it.
    ///
    /// # Example
    /// ```
    /// use redress::{ServicePlan, Service, ServiceKind, Currency};
    /// let plan = ServicePlan::new(Currency::USD, chrono_tz::UTC)
    ///     .with_service(Service::new(ServiceKind::Tv, "65".parse().unwrap()));
    /// assert!(plan.service(&ServiceKind::Tv).is_some());
    /// assert!(plan.service(&ServiceKind::Phone).is_none());
    /// ```
    pub fn service(&self, kind: &ServiceKind) -> Option<&Service> {
        self.services.iter().find(|s| &s.kind == kind)
    }

    /// The sum of every service's monthly price.
    ///
    /// # Errors
    /// [`Error::Overflow`] when the sum leaves `Decimal`'s range.
    ///
    /// # Example
    /// ```
    /// let plan = redress::ServicePlan::new(redress::Currency::USD, chrono_tz::UTC);
    /// assert!(plan.monthly_total()?.amount.is_zero());
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn monthly_total(&self) -> Result<Money> {
        self.services
            .iter()
            .try_fold(Money::new(Decimal::ZERO, self.currency), |sum, s| {
                sum.checked_add(Money::new(s.monthly_price, self.currency))
            })
    }

    /// The billing cycle this plan's billing day defines, in its time zone.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the billing day is outside 1-31.
    ///
    /// # Example
    /// ```
    /// let plan = redress::ServicePlan::new(redress::Currency::USD, chrono_tz::UTC).with_billing_day(5);
    /// assert_eq!(plan.billing_cycle()?.anchor_day(), 5);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn billing_cycle(&self) -> Result<BillingCycle> {
        BillingCycle::new(self.billing_day, self.time_zone)
    }

    /// Checks the plan: billing day 1-31, prices not negative, no service twice.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the field, under `path`.
    ///
    /// # Example
    /// ```
    /// use redress::{ServicePlan, Service, ServiceKind, Currency, FieldPath};
    /// let plan = ServicePlan::new(Currency::USD, chrono_tz::UTC)
    ///     .with_service(Service::new(ServiceKind::Tv, "-1".parse().unwrap()));
    /// let err = plan.validate(&FieldPath::root("plan")).unwrap_err();
    /// assert_eq!(err.to_string(), "plan.services[0].monthly_price: a price cannot be negative (got -1)");
    /// ```
    pub fn validate(&self, path: &FieldPath) -> Result<()> {
        validate_plan_parts(self.billing_day, &self.services, &|| path.clone())
    }
}

/// [`ServicePlan::validate`] over the parts it checks, so a caller holding them
/// separately (a batch account) need not build a plan to check them. The plan's path
/// is written only for an error.
pub(crate) fn validate_plan_parts(
    billing_day: u8,
    services: &[Service],
    path: &dyn Fn() -> FieldPath,
) -> Result<()> {
    if !(1..=31).contains(&billing_day) {
        return Err(Error::invalid(
            path().field("billing_day"),
            format!("must be a day of the month, 1-31 (got {billing_day})"),
        ));
    }
    let here = |i: usize| path().field("services").index(i);
    // A plan with many services finds a repeated kind by hash rather than by
    // comparing each service with every one before it.
    let mut seen: Option<HashSet<&ServiceKind, foldhash::fast::RandomState>> =
        (services.len() > FEW_SERVICES).then(HashSet::default);
    for (i, service) in services.iter().enumerate() {
        if service.monthly_price.is_sign_negative() && !service.monthly_price.is_zero() {
            return Err(Error::invalid(
                here(i).field("monthly_price"),
                format!("a price cannot be negative (got {})", service.monthly_price),
            ));
        }
        let repeated = match &mut seen {
            Some(seen) => !seen.insert(&service.kind),
            None => services.iter().take(i).any(|s| s.kind == service.kind),
        };
        if repeated {
            return Err(Error::invalid(
                here(i).field("kind"),
                format!(
                    "`{}` is listed twice; give each service once with its price",
                    service.kind
                ),
            ));
        }
    }
    Ok(())
}

/// Up to this many services (a plan's usual handful) are looked up by comparing each
/// in turn; more are indexed by hash.
pub(crate) const FEW_SERVICES: usize = 8;

/// Splits a bundle's monthly price into priced services by weights, so that the
/// parts add up exactly to the whole (leftover minor units go to the largest remainders).
///
/// # Errors
/// As [`allocate`]: no weights, negative weights, weights summing to zero, or a price
/// with more digits than the currency has.
///
/// # Example
/// ```
/// use redress::{split_bundle, Currency, Money, ServiceKind};
/// // RD 899/2009's reading for an unitemised bundle: half phone, half internet.
/// let price = Money::new("50.00".parse().unwrap(), Currency::EUR);
/// let parts = split_bundle(price, &[(ServiceKind::Phone, 1.into()), (ServiceKind::Internet, 1.into())])?;
/// assert_eq!(parts[0].monthly_price.to_string(), "25.00");
/// assert_eq!(parts[1].monthly_price.to_string(), "25.00");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn split_bundle(price: Money, weights: &[(ServiceKind, Decimal)]) -> Result<Vec<Service>> {
    let w: Vec<Decimal> = weights.iter().map(|(_, w)| *w).collect();
    let parts = allocate(price.amount, &w, price.currency.minor_units())?;
    Ok(weights
        .iter()
        .zip(parts)
        .map(|((kind, _), p)| Service::new(kind.clone(), p))
        .collect())
}

/// Billing periods that start on an anchor day of each month, at local midnight in
/// the service address's zone. A 31st anchor starts February's period on the 28th
/// (29th in leap years) and March's on the 31st again: every boundary is computed
/// from the anchor and the period's month, never by adding months one after another.
///
/// Periods are half-open: a period includes its start instant and excludes its end,
/// which is the next period's start.
///
/// # Example
/// ```
/// use redress::BillingCycle;
/// use chrono::NaiveDate;
/// let cycle = BillingCycle::new(31, chrono_tz::UTC)?;
/// let feb = cycle.period_of_month(2024, 2)?;
/// assert_eq!(feb.first_day(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
/// assert_eq!(feb.last_day(), NaiveDate::from_ymd_opt(2024, 3, 30).unwrap());
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BillingCycle {
    anchor_day: u8,
    zone: Tz,
}

/// At most this many billing periods are kept by each thread.
const PERIODS_KEPT: usize = 4096;

type Periods = std::collections::HashMap<(Tz, u8, i64), BillingPeriod, foldhash::fast::RandomState>;

/// One billing period: `[start, end)` in UTC, with the local dates it covers.
///
/// # Example
/// ```
/// use redress::BillingCycle;
/// let p = BillingCycle::new(1, chrono_tz::Europe::London)?.period_of_month(2025, 3)?;
/// // March 2025 in London has a DST change: 31 days but 743 hours.
/// assert_eq!(p.days(), 31);
/// assert_eq!(p.duration().num_hours(), 743);
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BillingPeriod {
    /// The first instant of the period.
    pub start: DateTime<Utc>,
    /// The first instant after the period (the next period's start).
    pub end: DateTime<Utc>,
    first_day: NaiveDate,
    next_first_day: NaiveDate,
}

impl BillingPeriod {
    /// The local date the period starts on.
    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// The last local date inside the period.
    pub fn last_day(&self) -> NaiveDate {
        self.next_first_day
            .pred_opt()
            .unwrap_or(self.next_first_day)
    }

    /// How many local calendar days the period has.
    pub fn days(&self) -> i64 {
        (self.next_first_day - self.first_day).num_days()
    }

    /// The exact elapsed length of the period (a DST change makes it an hour longer or shorter).
    pub fn duration(&self) -> TimeDelta {
        self.end - self.start
    }

    /// Whether an instant falls inside `[start, end)`.
    ///
    /// # Example
    /// ```
    /// let p = redress::BillingCycle::new(1, chrono_tz::UTC)?.period_of_month(2025, 1)?;
    /// assert!(p.contains(p.start));
    /// assert!(!p.contains(p.end));
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn contains(&self, instant: DateTime<Utc>) -> bool {
        self.start <= instant && instant < self.end
    }
}

impl fmt::Display for BillingPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {}", self.first_day, self.last_day())
    }
}

impl BillingCycle {
    /// A cycle starting on `anchor_day` (1-31) of each month in `zone`.
    ///
    /// # Errors
    /// [`Error::Invalid`] for an anchor outside 1-31.
    ///
    /// # Example
    /// ```
    /// assert!(redress::BillingCycle::new(0, chrono_tz::UTC).is_err());
    /// assert!(redress::BillingCycle::new(31, chrono_tz::UTC).is_ok());
    /// ```
    pub fn new(anchor_day: u8, zone: Tz) -> Result<BillingCycle> {
        if !(1..=31).contains(&anchor_day) {
            return Err(Error::invalid(
                FieldPath::root("plan").field("billing_day"),
                format!("must be a day of the month, 1-31 (got {anchor_day})"),
            ));
        }
        Ok(BillingCycle { anchor_day, zone })
    }

    /// The cycle of calendar months (anchor day 1) in a zone.
    ///
    /// # Example
    /// ```
    /// let c = redress::BillingCycle::calendar_months(chrono_tz::Europe::Madrid);
    /// assert_eq!(c.anchor_day(), 1);
    /// ```
    pub fn calendar_months(zone: Tz) -> BillingCycle {
        BillingCycle {
            anchor_day: 1,
            zone,
        }
    }

    /// The anchor day.
    pub fn anchor_day(&self) -> u8 {
        self.anchor_day
    }

    /// The anchor date in a month: the anchor day, or the month's last day if shorter.
    fn anchor_date(&self, month_index: i64) -> Result<NaiveDate> {
        let (year, month) = month_from_index(month_index)?;
        let mut day = u32::from(self.anchor_day);
        loop {
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                return Ok(date);
            }
            if day <= 28 {
                return Err(Error::overflow(format!(
                    "billing period in {year}-{month:02}"
                )));
            }
            day -= 1;
        }
    }

    /// The period starting in a month, by the month's index (year × 12 + month − 1).
    ///
    /// Each thread keeps the periods it has worked out (a bounded number of them): the
    /// same few periods come back for every item of a claim and every account of a
    /// batch, and each takes two searches of the zone's table of transitions.
    fn period_at(&self, month_index: i64) -> Result<BillingPeriod> {
        thread_local! {
            static PERIODS: RefCell<Periods> = RefCell::new(Periods::default());
        }
        let key = (self.zone, self.anchor_day, month_index);
        let known = PERIODS.with(|periods| {
            periods
                .try_borrow()
                .ok()
                .and_then(|periods| periods.get(&key).copied())
        });
        if let Some(period) = known {
            return Ok(period);
        }
        let period = self.work_out_period(month_index)?;
        PERIODS.with(|periods| {
            if let Ok(mut periods) = periods.try_borrow_mut() {
                if periods.len() >= PERIODS_KEPT {
                    periods.clear();
                }
                periods.insert(key, period);
            }
        });
        Ok(period)
    }

    fn work_out_period(&self, month_index: i64) -> Result<BillingPeriod> {
        let first_day = self.anchor_date(month_index)?;
        let next_index = month_index
            .checked_add(1)
            .ok_or_else(|| Error::overflow("billing period index"))?;
        let next_first_day = self.anchor_date(next_index)?;
        Ok(BillingPeriod {
            start: local_day_start(first_day, self.zone)?,
            end: local_day_start(next_first_day, self.zone)?,
            first_day,
            next_first_day,
        })
    }

    /// The period that starts in a given month.
    ///
    /// # Errors
    /// [`Error::Invalid`] for a month outside 1-12; [`Error::Overflow`] outside chrono's dates.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// let p = redress::BillingCycle::new(5, chrono_tz::America::New_York)?.period_of_month(2024, 9)?;
    /// assert_eq!(p.first_day(), NaiveDate::from_ymd_opt(2024, 9, 5).unwrap());
    /// assert_eq!(p.days(), 30);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn period_of_month(&self, year: i32, month: u32) -> Result<BillingPeriod> {
        if !(1..=12).contains(&month) {
            return Err(Error::invalid(
                FieldPath::root("month"),
                format!("{month} is not a month"),
            ));
        }
        self.period_at(i64::from(year) * 12 + i64::from(month) - 1)
    }

    /// The period containing an instant.
    ///
    /// # Errors
    /// [`Error::Overflow`] near the ends of chrono's date range.
    ///
    /// # Example
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// let cycle = redress::BillingCycle::new(5, chrono_tz::UTC)?;
    /// let p = cycle.period_containing(Utc.with_ymd_and_hms(2024, 10, 3, 12, 0, 0).unwrap())?;
    /// assert_eq!(p.first_day(), NaiveDate::from_ymd_opt(2024, 9, 5).unwrap());
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn period_containing(&self, instant: DateTime<Utc>) -> Result<BillingPeriod> {
        self.indexed_period_containing(instant)
            .map(|(_, period)| period)
    }

    /// [`BillingCycle::period_containing`], with the index of the month it starts in.
    fn indexed_period_containing(&self, instant: DateTime<Utc>) -> Result<(i64, BillingPeriod)> {
        let date = local_date(instant, self.zone);
        let index = i64::from(date.year()) * 12 + i64::from(date.month0());
        let this = self.period_at(index)?;
        if this.contains(instant) {
            return Ok((index, this));
        }
        let other = if instant < this.start {
            index - 1
        } else {
            index + 1
        };
        Ok((other, self.period_at(other)?))
    }

    /// The periods that `[start, end)` touches, in order.
    ///
    /// # Errors
    /// [`Error::Overflow`] near the ends of chrono's date range.
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let cycle = redress::BillingCycle::new(1, chrono_tz::UTC)?;
    /// let start = Utc.with_ymd_and_hms(2024, 1, 31, 12, 0, 0).unwrap();
    /// let end = Utc.with_ymd_and_hms(2024, 3, 1, 0, 0, 0).unwrap();
    /// assert_eq!(cycle.periods_between(start, end)?.len(), 2); // January and February
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn periods_between(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<BillingPeriod>> {
        let mut periods = Vec::new();
        self.each_period(start, end, |period| periods.push(period))?;
        Ok(periods)
    }

    /// Calls `each` with every period that `[start, end)` touches, in order.
    pub(crate) fn each_period(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        mut each: impl FnMut(BillingPeriod),
    ) -> Result<()> {
        if end <= start {
            return Ok(());
        }
        // Each period ends where the next month's begins.
        let (mut index, mut period) = self.indexed_period_containing(start)?;
        loop {
            let next_start = period.end;
            each(period);
            if next_start >= end {
                return Ok(());
            }
            index = index
                .checked_add(1)
                .ok_or_else(|| Error::overflow("billing period index"))?;
            period = self.period_at(index)?;
        }
    }
}

fn month_from_index(index: i64) -> Result<(i32, u32)> {
    let year =
        i32::try_from(index.div_euclid(12)).map_err(|_| Error::overflow("billing period year"))?;
    let month = u32::try_from(index.rem_euclid(12) + 1)
        .map_err(|_| Error::overflow("billing period month"))?;
    Ok((year, month))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// A plan of many services is checked in order as a short one is: the first
    /// service that is wrong is named, whether its price is negative or its kind is
    /// listed before.
    #[test]
    fn a_long_plan_names_its_first_wrong_service() {
        let path = FieldPath::root("plan");
        let mut services: Vec<Service> = (0..40)
            .map(|i| Service::new(ServiceKind::from(format!("svc-{i}").as_str()), Decimal::ONE))
            .collect();
        assert!(validate_plan_parts(1, &services, &|| path.clone()).is_ok());
        services[30].kind = ServiceKind::from("svc-3");
        services[35].monthly_price = Decimal::NEGATIVE_ONE;
        let err = validate_plan_parts(1, &services, &|| path.clone()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "plan.services[30].kind: `svc-3` is listed twice; give each service once with its price"
        );
        services[12].monthly_price = Decimal::NEGATIVE_ONE;
        let err = validate_plan_parts(1, &services, &|| path.clone()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("plan.services[12].monthly_price"),
            "{err}"
        );
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn anchor_31_clamps_each_month_from_the_anchor_not_the_previous_period() {
        // The drift others fell into: 31 Jan → 28 Feb → 28 Mar. From the anchor: 31 Jan, 28 Feb, 31 Mar.
        let cycle = BillingCycle::new(31, chrono_tz::UTC).unwrap();
        let firsts: Vec<NaiveDate> = (1..=4)
            .map(|m| cycle.period_of_month(2023, m).unwrap().first_day())
            .collect();
        assert_eq!(
            firsts,
            vec![
                date(2023, 1, 31),
                date(2023, 2, 28),
                date(2023, 3, 31),
                date(2023, 4, 30)
            ]
        );
    }

    #[test]
    fn anchor_29_and_30_in_february_of_leap_and_common_years() {
        for (anchor, year, want) in [
            (29, 2024, 29),
            (29, 2023, 28),
            (30, 2024, 29),
            (30, 2100, 28),
            (29, 2000, 29),
        ] {
            let p = BillingCycle::new(anchor, chrono_tz::UTC)
                .unwrap()
                .period_of_month(year, 2)
                .unwrap();
            assert_eq!(
                p.first_day(),
                date(year, 2, want),
                "anchor {anchor} in {year}"
            );
        }
    }

    #[test]
    fn period_lengths_follow_the_calendar() {
        // Anchor 31: Feb 2024 period runs 29 Feb → 30 Mar (31 days: 29 Feb + 30 March days).
        let p = BillingCycle::new(31, chrono_tz::UTC)
            .unwrap()
            .period_of_month(2024, 2)
            .unwrap();
        assert_eq!(p.days(), 31);
        // Anchor 31: Jan 2023 period runs 31 Jan → 27 Feb (28 days).
        let p = BillingCycle::new(31, chrono_tz::UTC)
            .unwrap()
            .period_of_month(2023, 1)
            .unwrap();
        assert_eq!(p.days(), 28);
    }

    #[test]
    fn periods_start_at_local_midnight_across_dst() {
        let ny = chrono_tz::America::New_York;
        let cycle = BillingCycle::new(1, ny).unwrap();
        // November 2024: DST ends 3 Nov, so 30 days are 721 hours.
        let nov = cycle.period_of_month(2024, 11).unwrap();
        assert_eq!(
            nov.start,
            Utc.with_ymd_and_hms(2024, 11, 1, 4, 0, 0).unwrap()
        );
        assert_eq!(nov.duration().num_hours(), 721);
        // March 2024: DST starts 10 Mar, so 31 days are 743 hours.
        assert_eq!(
            cycle
                .period_of_month(2024, 3)
                .unwrap()
                .duration()
                .num_hours(),
            743
        );
    }

    #[test]
    fn period_containing_respects_the_half_open_boundary() {
        let cycle = BillingCycle::new(5, chrono_tz::UTC).unwrap();
        let boundary = Utc.with_ymd_and_hms(2024, 10, 5, 0, 0, 0).unwrap();
        assert_eq!(
            cycle.period_containing(boundary).unwrap().first_day(),
            date(2024, 10, 5)
        );
        let before = boundary - TimeDelta::seconds(1);
        assert_eq!(
            cycle.period_containing(before).unwrap().first_day(),
            date(2024, 9, 5)
        );
    }

    #[test]
    fn validation_names_the_field() {
        let plan = ServicePlan::new(Currency::USD, chrono_tz::UTC).with_billing_day(32);
        let err = plan.validate(&FieldPath::root("plan")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "plan.billing_day: must be a day of the month, 1-31 (got 32)"
        );
    }
}
