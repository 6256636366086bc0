//! The claim file: one customer, their plan and what went wrong.
//!
//! [`ClaimFile`] is the document the CLI reads (TOML or JSON, the same fields
//! either way; see `docs/claim-file.md`). Unknown fields are refused, so a typo cannot
//! silently drop an outage. [`Case::from_file`](crate::Case::from_file) checks every
//! field once, at the door, names the field it refuses, and gives the engine a
//! [`Case`](crate::Case).

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::outage::{Activation, Appointment, Outage};
use crate::plan::ServicePlan;

pub use crate::civil::{instant_outside_supported_range, When};

/// The reading options a claim file chooses, by policy id, then option name, each a word
/// (`[options.rogers-2022]` then `month = "30-days"`). The catalog's registry
/// (`redress::catalog::options`) lists each policy's options and checks them.
///
/// # Example
/// ```
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [options.rogers-2022]
///     month = "30-days"
///     [plan]
///     currency = "CAD"
///     time_zone = "America/Toronto"
/// "#).unwrap();
/// assert_eq!(claim.options["rogers-2022"]["month"], "30-days");
/// ```
pub type ChosenOptions = BTreeMap<String, BTreeMap<String, String>>;

/// Residential or business: some policies cover only one.
///
/// # Example
/// ```
/// assert_eq!(redress::Segment::default(), redress::Segment::Residential);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Segment {
    /// A household.
    #[default]
    Residential,
    /// A business customer.
    Business,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Segment::Residential => "residential",
            Segment::Business => "business",
        })
    }
}

/// Who the customer is (`[customer]`): needed for letters and regional rules.
///
/// Built with [`Customer::default`] and the `with_*` methods, or read from a claim
/// file.
///
/// # Example
/// ```
/// let c: redress::Customer = toml::from_str(r#"
///     name = "Jordan Smith"
///     region = "US-NY"
/// "#).unwrap();
/// assert_eq!(c.region.as_deref(), Some("US-NY"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Customer {
    /// The customer's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The account number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The service address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// ISO 3166-1 or 3166-2 code, any letter case: picks holidays and local policies.
    /// Checked by [`crate::Case::from_file`] under the rule of [`crate::region`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Residential or business.
    #[serde(default)]
    pub segment: Segment,
}

impl Customer {
    /// The customer with a name.
    ///
    /// # Example
    /// ```
    /// let c = redress::Customer::default().with_name("Jordan Smith");
    /// assert_eq!(c.name.as_deref(), Some("Jordan Smith"));
    /// ```
    pub fn with_name(mut self, name: &str) -> Customer {
        self.name = Some(name.to_owned());
        self
    }

    /// The customer with an account number.
    ///
    /// # Example
    /// ```
    /// let c = redress::Customer::default().with_account("8350 1234 5678");
    /// assert_eq!(c.account.as_deref(), Some("8350 1234 5678"));
    /// ```
    pub fn with_account(mut self, account: &str) -> Customer {
        self.account = Some(account.to_owned());
        self
    }

    /// The customer with a service address.
    ///
    /// # Example
    /// ```
    /// let c = redress::Customer::default().with_address("12 Main St, Rochester, NY 14604");
    /// assert!(c.address.is_some());
    /// ```
    pub fn with_address(mut self, address: &str) -> Customer {
        self.address = Some(address.to_owned());
        self
    }

    /// The customer in a region (ISO 3166-1 or 3166-2).
    ///
    /// # Example
    /// ```
    /// let c = redress::Customer::default().with_region("GB-ENG");
    /// assert_eq!(c.region.as_deref(), Some("GB-ENG"));
    /// ```
    pub fn with_region(mut self, region: &str) -> Customer {
        self.region = Some(region.to_owned());
        self
    }

    /// The customer of a segment.
    ///
    /// # Example
    /// ```
    /// use redress::{Customer, Segment};
    /// assert_eq!(Customer::default().with_segment(Segment::Business).segment, Segment::Business);
    /// ```
    pub fn with_segment(mut self, segment: Segment) -> Customer {
        self.segment = segment;
        self
    }
}

/// A whole claim file.
///
/// # Example
/// ```
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     policies = ["us-ny-psc-outage-credit"]
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "79.99"
///     [[outages]]
///     services = ["internet"]
///     start = "2024-10-01T06:00:00-04:00"
///     end = "2024-10-03T11:00:00-04:00"
/// "#).unwrap();
/// redress::Case::from_file(&claim)?;
/// assert_eq!(claim.outages.len(), 1);
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ClaimFile {
    /// Which catalog policies to apply; absent: every policy that applies to the
    /// customer's region, the plan's services and the incidents' dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policies: Option<Vec<String>>,
    /// Policy files to apply as well (`docs/policy-file.md`), as paths relative to the
    /// claim file. The library does not read files: an application reads each one into
    /// a `Policy`, checks it (`Policy::check`), and assesses the case under it with the catalog's (the CLI does).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy_files: Vec<String>,
    /// The instant at which ongoing outages are assessed: an instant with its offset,
    /// or a wall-clock time read in the plan's `time_zone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<When>,
    /// Reading options chosen for catalog policies, by policy id: another reading than
    /// the catalog's where a rule's text allows more than one. Empty: the catalog's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: ChosenOptions,
    /// Who the customer is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
    /// The service plan.
    pub plan: ServicePlan,
    /// Outages.
    #[serde(default)]
    pub outages: Vec<Outage>,
    /// Missed or late-cancelled appointments.
    #[serde(default)]
    pub appointments: Vec<Appointment>,
    /// Late activations.
    #[serde(default)]
    pub activations: Vec<Activation>,
    /// Credits the customer has already received for these incidents
    /// (`[[credits_received]]`): each counts against what a policy owes
    /// ([`crate::balance()`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits_received: Vec<CreditReceived>,
}

/// A credit already received, as the claim file states it; checked by
/// [`crate::Case::from_file`] (a positive amount in the plan's currency, a real date).
///
/// # Example
/// ```
/// let credit: redress::claim_file::CreditReceived = toml::from_str(r#"
///     amount = "5.00"
///     date = "2024-10-10"
///     for = "goodwill credit"
/// "#)?;
/// assert_eq!(credit.amount, "5.00");
/// assert!(credit.policy.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CreditReceived {
    /// The amount as a decimal string (`"5.00"`), in the plan's currency.
    pub amount: String,
    /// The currency, when written: it must be the plan's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The day it was credited or paid, `YYYY-MM-DD`.
    pub date: String,
    /// What it was for, in the provider's words (free text).
    #[serde(default, rename = "for", skip_serializing_if = "Option::is_none")]
    pub what_for: Option<String>,
    /// The id of the policy it was paid under; absent: it counts against every policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
}

impl ClaimFile {
    /// A claim with a plan and nothing gone wrong yet.
    ///
    /// # Example
    /// ```
    /// let plan = redress::ServicePlan::new(redress::Currency::EUR, chrono_tz::Europe::Berlin);
    /// let claim = redress::ClaimFile::new(plan);
    /// assert!(claim.outages.is_empty());
    /// ```
    pub fn new(plan: ServicePlan) -> ClaimFile {
        ClaimFile {
            policies: None,
            policy_files: Vec::new(),
            as_of: None,
            options: BTreeMap::new(),
            customer: None,
            plan,
            outages: Vec::new(),
            appointments: Vec::new(),
            activations: Vec::new(),
            credits_received: Vec::new(),
        }
    }

    /// The claim with one more outage.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// let plan = redress::ServicePlan::new(redress::Currency::EUR, chrono_tz::Europe::Berlin);
    /// let start = DateTime::parse_from_rfc3339("2025-03-03T09:00:00+01:00").unwrap();
    /// let claim = redress::ClaimFile::new(plan)
    ///     .with_outage(redress::Outage::new(vec![redress::ServiceKind::Internet], start));
    /// assert_eq!(claim.outages.len(), 1);
    /// ```
    pub fn with_outage(mut self, outage: Outage) -> ClaimFile {
        self.outages.push(outage);
        self
    }

    /// The claim for a customer.
    ///
    /// # Example
    /// ```
    /// let plan = redress::ServicePlan::new(redress::Currency::GBP, chrono_tz::Europe::London);
    /// let customer = redress::Customer::default().with_region("GB-ENG");
    /// let claim = redress::ClaimFile::new(plan).with_customer(customer);
    /// assert_eq!(claim.region(), Some("GB-ENG"));
    /// ```
    pub fn with_customer(mut self, customer: Customer) -> ClaimFile {
        self.customer = Some(customer);
        self
    }

    /// The claim assessed at an instant.
    ///
    /// # Example
    /// ```
    /// let plan = redress::ServicePlan::new(redress::Currency::GBP, chrono_tz::Europe::London);
    /// let t = chrono::DateTime::parse_from_rfc3339("2025-03-10T12:00:00Z").unwrap();
    /// assert!(redress::ClaimFile::new(plan).with_as_of(t).as_of.is_some());
    /// ```
    pub fn with_as_of(mut self, as_of: impl Into<When>) -> ClaimFile {
        self.as_of = Some(as_of.into());
        self
    }

    /// The customer's region code, if given.
    pub fn region(&self) -> Option<&str> {
        self.customer.as_ref().and_then(|c| c.region.as_deref())
    }

    /// The customer's segment (residential when not given).
    pub fn segment(&self) -> crate::claim_file::Segment {
        self.customer
            .as_ref()
            .map(|c| c.segment)
            .unwrap_or_default()
    }

    /// The `as_of` instant in UTC, if given and it names one instant in the plan's
    /// zone (see [`When::instant_in`]).
    ///
    /// # Example
    /// ```
    /// let plan = redress::ServicePlan::new(redress::Currency::USD, chrono_tz::America::New_York);
    /// let t: redress::civil::When = "2024-10-05 12:00".parse()?;
    /// let claim = redress::ClaimFile::new(plan).with_as_of(t);
    /// // Noon in New York on 5 October 2024 is 16:00 UTC (-04:00).
    /// assert_eq!(claim.as_of_utc().unwrap().to_rfc3339(), "2024-10-05T16:00:00+00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_of_utc(&self) -> Option<DateTime<Utc>> {
        self.as_of
            .and_then(|t| t.instant_in(self.plan.time_zone).ok())
            .map(|t| t.with_timezone(&Utc))
    }
}
