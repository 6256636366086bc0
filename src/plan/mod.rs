//! Service plans: what the customer pays for, in which currency, where, and when
//! each billing period begins.

mod billing;
mod deployment;
mod kinds;
mod price;

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, FieldPath, Result};
use crate::money::{allocate, Currency, Marked, Money};

pub use billing::{BillingCycle, BillingPeriod};
pub use deployment::{Deployment, DeploymentError};
pub use kinds::ServiceKindError;
pub(crate) use price::check_price_marks;

/// A kind of service a plan can include.
///
/// Claim files and batch rows name a kind by its name (`"internet"`, `"tv"`) or by an
/// everyday word for it (`"broadband"`, `"landline"`, `"Cable TV"`), in any letter case;
/// a service redress has no kind for is written `other:NAME` (`"other:alarm-line"`) and
/// read as [`ServiceKind::Other`]. Any other word is refused, naming the nearest kind
/// ([`ServiceKindError`]): see `docs/claim-file.md`, "Service kinds", for every word.
/// [`FromStr`] reads a kind so, and so does deserialization.
///
/// A kind displays (and serializes) as a claim file writes it, so it reads back the same:
/// `tv`, `other:alarm-line`.
///
/// # Example
/// ```
/// use redress::ServiceKind;
/// assert_eq!("Broadband".parse::<ServiceKind>()?, ServiceKind::Internet);
/// assert_eq!("other:Alarm-Line".parse::<ServiceKind>()?, ServiceKind::Other("alarm-line".into()));
/// assert!("satellite".parse::<ServiceKind>().is_err());
/// assert_eq!(ServiceKind::Tv.to_string(), "tv");
/// assert_eq!(ServiceKind::Other("alarm-line".into()).to_string(), "other:alarm-line");
/// # Ok::<(), redress::plan::ServiceKindError>(())
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
    /// Any other service, by its lower-case name (without the `other:` that marks it in
    /// a claim file).
    Other(String),
}

impl ServiceKind {
    /// The kind's name: as claim files write it for the nine named kinds, and for
    /// [`ServiceKind::Other`] its name alone, as claims and letters name the service
    /// (its [`Display`](fmt::Display) adds the `other:` a claim file writes).
    ///
    /// # Example
    /// ```
    /// use redress::ServiceKind;
    /// assert_eq!(ServiceKind::Electricity.as_str(), "electricity");
    /// assert_eq!(ServiceKind::Other("alarm-line".into()).as_str(), "alarm-line");
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

/// A kind named in code, never refused: a kind's name or an everyday word for it gives
/// that kind, as [`FromStr`] does; any other text gives
/// [`ServiceKind::Other`] by its lower-case name, with any `other:` before it left out.
/// For what a person wrote, use `str::parse`, which refuses a word it does not know.
///
/// # Example
/// ```
/// use redress::ServiceKind;
/// assert_eq!(ServiceKind::from("landline"), ServiceKind::Phone);
/// assert_eq!(ServiceKind::from("phone-feature"), ServiceKind::from("other:phone-feature"));
/// ```
impl From<&str> for ServiceKind {
    fn from(name: &str) -> Self {
        name.parse().unwrap_or_else(|_| {
            let name = name.trim();
            let name = kinds::strip_other(name).unwrap_or(name);
            ServiceKind::Other(name.trim().to_lowercase())
        })
    }
}

impl FromStr for ServiceKind {
    type Err = ServiceKindError;

    fn from_str(name: &str) -> std::result::Result<Self, ServiceKindError> {
        // Kinds are nearly always written as claim files write them, in lower case: one
        // exact comparison finds those, before the words people use are looked up.
        Ok(match name {
            "internet" => ServiceKind::Internet,
            "tv" => ServiceKind::Tv,
            "phone" => ServiceKind::Phone,
            "mobile" => ServiceKind::Mobile,
            "electricity" => ServiceKind::Electricity,
            "gas" => ServiceKind::Gas,
            "water" => ServiceKind::Water,
            "compute" => ServiceKind::Compute,
            "storage" => ServiceKind::Storage,
            _ => return kinds::parse(name),
        })
    }
}

impl fmt::Display for ServiceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let ServiceKind::Other(_) = self {
            f.write_str(kinds::OTHER_PREFIX)?;
        }
        f.write_str(self.as_str())
    }
}

impl Serialize for ServiceKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ServiceKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
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
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "price::ServiceFields")]
#[non_exhaustive]
pub struct Service {
    /// What the service is.
    pub kind: ServiceKind,
    /// Its monthly price before taxes, in the plan's currency. A claim file may write it
    /// as a number or as text, with thousands commas and the currency's sign or code
    /// (`"$1,200.00"`); see `docs/claim-file.md`, "Numbers as people write them".
    pub monthly_price: Decimal,
    /// The average amount billed for the service each month over the three complete
    /// billing months before the interruption (subscription and usage, before taxes),
    /// in the plan's currency; written like `monthly_price`. Real Decreto 899/2009
    /// art. 15(a) reads it; every other policy ignores it. Absent: unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_monthly_bill: Option<Decimal>,
    /// How a compute service is deployed, which sets a cloud SLA's commitment
    /// (Microsoft's SLA for Virtual Machines). Absent: unknown; a policy that needs it
    /// says in a note what it assumed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment: Option<Deployment>,
    /// The currency the claim file wrote beside the price, checked against the plan's
    /// when the plan is checked.
    #[serde(skip)]
    pub(crate) marked: Option<Marked>,
    /// The currency written beside the average monthly bill, checked likewise.
    #[serde(skip)]
    pub(crate) bill_marked: Option<Marked>,
}

/// Two services are the same when their kinds, prices, average bills and deployments
/// are, however the amounts were written.
impl PartialEq for Service {
    fn eq(&self, other: &Service) -> bool {
        self.kind == other.kind
            && self.monthly_price == other.monthly_price
            && self.average_monthly_bill == other.average_monthly_bill
            && self.deployment == other.deployment
    }
}

impl Eq for Service {}

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
            average_monthly_bill: None,
            deployment: None,
            marked: None,
            bill_marked: None,
        }
    }

    /// The service with the average amount billed for it each month over the three
    /// complete billing months before the interruption (Real Decreto 899/2009
    /// art. 15(a)).
    ///
    /// # Example
    /// ```
    /// use redress::{Service, ServiceKind};
    /// let phone = Service::new(ServiceKind::Phone, "15".parse().unwrap())
    ///     .with_average_monthly_bill("40.00".parse().unwrap());
    /// assert_eq!(phone.average_monthly_bill.map(|b| b.to_string()).as_deref(), Some("40.00"));
    /// ```
    pub fn with_average_monthly_bill(mut self, average: Decimal) -> Service {
        self.average_monthly_bill = Some(average);
        self.bill_marked = None;
        self
    }

    /// The service deployed in a given way (a compute service; see [`Deployment`]).
    ///
    /// # Example
    /// ```
    /// use redress::{Deployment, Service, ServiceKind};
    /// let vm = Service::new(ServiceKind::Compute, "800".parse().unwrap())
    ///     .with_deployment(Deployment::AvailabilitySet);
    /// assert_eq!(vm.deployment, Some(Deployment::AvailabilitySet));
    /// ```
    pub fn with_deployment(mut self, deployment: Deployment) -> Service {
        self.deployment = Some(deployment);
        self
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
    /// A claim file may write it as a number or as text (`"12"`).
    #[serde(
        default = "default_billing_day",
        deserialize_with = "price::billing_day"
    )]
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

    /// Checks the plan: billing day 1-31, prices not negative, no service twice, each
    /// price written with a currency sign or code in the plan's currency.
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
        validate_plan_parts(self.billing_day, &self.services, &|| path.clone())?;
        check_price_marks(self.currency, &self.services, &|| path.clone())
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
        check_extras(service, &|| here(i))?;
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

/// A service's optional fields: an average bill is not negative, and only a compute
/// service has a deployment.
fn check_extras(service: &Service, here: &dyn Fn() -> FieldPath) -> Result<()> {
    if let Some(bill) = service.average_monthly_bill {
        if bill.is_sign_negative() && !bill.is_zero() {
            return Err(Error::invalid(
                here().field("average_monthly_bill"),
                format!(
                    "an average bill cannot be negative (got {bill}); write the average \
                     amount billed each month over the three months before, such as \"40.00\""
                ),
            ));
        }
    }
    if let (Some(deployment), false) = (service.deployment, service.kind == ServiceKind::Compute) {
        return Err(Error::invalid(
            here().field("deployment"),
            format!(
                "`deployment = \"{deployment}\"` describes a compute service, and this service is \
                 `{}`; remove the line, or give it to the plan's `compute` service",
                service.kind
            ),
        ));
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

#[cfg(test)]
mod tests {
    use super::*;

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
            "plan.services[30].kind: `other:svc-3` is listed twice; give each service once with its price"
        );
        services[12].monthly_price = Decimal::NEGATIVE_ONE;
        let err = validate_plan_parts(1, &services, &|| path.clone()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("plan.services[12].monthly_price"),
            "{err}"
        );
    }

    /// Equality compares what a service is, not how its amounts were written: the same
    /// average bill with or without a currency sign is the same service; another average
    /// bill or deployment is another.
    #[test]
    fn services_are_equal_by_their_fields_not_their_spelling() {
        let read = |bill: &str| -> Service {
            toml::from_str(&format!(
                "kind = \"compute\"\nmonthly_price = \"10\"\naverage_monthly_bill = \"{bill}\""
            ))
            .unwrap()
        };
        assert_eq!(read("€40.00"), read("40.00"));
        assert_ne!(read("40.00"), read("41.00"));
        assert_ne!(
            read("40.00"),
            read("40.00").with_deployment(Deployment::AvailabilitySet)
        );
        assert_eq!(
            read("40.00").with_deployment(Deployment::AvailabilitySet),
            Service::new(ServiceKind::Compute, Decimal::TEN)
                .with_average_monthly_bill(Decimal::new(4000, 2))
                .with_deployment(Deployment::AvailabilitySet)
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
