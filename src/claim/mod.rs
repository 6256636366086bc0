//! The itemised claim: what is owed under one policy, line by line, with the
//! arithmetic a person can check by hand.

pub(crate) mod approx;
mod basis;
mod description;
mod render;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{Currency, Money};
use crate::plan::ServiceKind;

pub(crate) use basis::hours_text;
pub use basis::{Adjustment, BandUse, Basis, Figure, Window};
pub use description::Description;
pub(crate) use description::{write_label, write_local, Described};

/// One line of a claim.
///
/// # Example
/// ```
/// let file: redress::ClaimFile = toml::from_str(r#"
///     policies = ["us-ny-psc-outage-credit"]
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "79.99"
///     [[plan.services]]
///     kind = "tv"
///     monthly_price = "65.00"
///     [[outages]]
///     services = ["internet", "tv"]
///     start = "2024-10-01T06:00:00-04:00"
///     end = "2024-10-03T11:00:00-04:00"
///     customers_affected = 250
/// "#)?;
/// // 53 hours: ⌈53 / 24⌉ = 3 days' credit a service under New York's rule.
/// let claim = redress::assess_file(&file)?.remove(0);
/// let line = &claim.lines[0];
/// assert_eq!(line.amount.to_string(), "8.00"); // 3 × 79.99 / 30 = 7.999 → 8.00
/// assert_eq!(line.service, Some(redress::ServiceKind::Internet));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreditLine {
    /// What the line is for, in plain words (rendered when shown or serialised).
    pub description: Description,
    /// The provision that produced it.
    pub provision: String,
    /// The clause it cites.
    pub clause: String,
    /// The service concerned, when the line is for one service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceKind>,
    /// Indices of the claim file's outages behind the line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outages: Vec<usize>,
    /// Index of the appointment behind the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment: Option<usize>,
    /// Index of the activation behind the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activation: Option<usize>,
    /// The period the line concerns, for period rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Window>,
    /// The working.
    pub basis: Basis,
    /// Caps and minimums applied after the rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    /// The amount before rounding.
    pub unrounded: Decimal,
    /// The amount, rounded by the policy's rule.
    pub amount: Decimal,
    /// Paid without a request.
    pub automatic: bool,
    /// By when to claim it (or when it is due), if the policy says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
}

/// What one policy owes: lines, their exact total, and notes.
///
/// `total` is always the exact sum of the rounded `amount`s of the lines.
/// `Display` renders the whole claim with its arithmetic.
///
/// # Example
/// ```
/// let file: redress::ClaimFile = toml::from_str(r#"
///     policies = ["us-ny-psc-outage-credit"]
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "79.99"
///     [[plan.services]]
///     kind = "tv"
///     monthly_price = "65.00"
///     [[outages]]
///     services = ["internet", "tv"]
///     start = "2024-10-01T06:00:00-04:00"
///     end = "2024-10-03T11:00:00-04:00"
///     customers_affected = 250
/// "#)?;
/// // 53 hours: ⌈53 / 24⌉ = 3 days' credit a service under New York's rule.
/// let claim = redress::assess_file(&file)?.remove(0);
/// // 7.999 → 8.00 for the internet, 3 × 65.00 / 30 = 6.50 for the TV.
/// assert_eq!(claim.total.to_string(), "14.50");
/// assert!(claim.automatic);
/// let text = claim.to_string();
/// assert!(text.contains("3 started 24h blocks × 79.99 / 30"), "{text}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Claim {
    /// The policy's id.
    pub policy: String,
    /// The policy's title.
    pub title: String,
    /// The policy's citation.
    pub citation: String,
    /// The currency.
    pub currency: Currency,
    /// The sum of the lines.
    pub total: Decimal,
    /// True only when every line with an amount is paid without a request.
    pub automatic: bool,
    /// The lines.
    pub lines: Vec<CreditLine>,
    /// Assumptions, deadlines, and why anything was not owed.
    pub notes: Vec<String>,
    /// Why the policy cannot apply to this claim at all (it pays in another currency,
    /// or covers none of the plan's services); the claim then has no lines and owes
    /// nothing. `None` for a policy that applies, whether or not anything is owed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<String>,
    /// Why the policy does not reach this customer, though it can price the plan: the
    /// customer is in another region, or it is another provider's own terms
    /// ([`crate::catalog::not_for_customer`]). The lines show what it would pay if it
    /// did, for comparison only: nothing in this claim is owed to this customer, and a
    /// letter leaves it out. `None` for a policy that reaches the customer, or where
    /// the claim file does not say (no region or provider given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_for_customer: Option<String>,
}

/// What one policy owes, without the working: the figures of a [`Claim`], as
/// [`crate::assess_totals`] gives them.
///
/// # Example
/// ```
/// let file: redress::ClaimFile = toml::from_str(r#"
///     policies = ["us-ny-psc-outage-credit"]
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "79.99"
///     [[plan.services]]
///     kind = "tv"
///     monthly_price = "65.00"
///     [[outages]]
///     services = ["internet", "tv"]
///     start = "2024-10-01T06:00:00-04:00"
///     end = "2024-10-03T11:00:00-04:00"
///     customers_affected = 250
/// "#)?;
/// // 53 hours: ⌈53 / 24⌉ = 3 days' credit a service under New York's rule.
/// let claim = redress::assess_file(&file)?.remove(0);
/// let totals = claim.totals();
/// assert_eq!(totals.total.to_string(), "14.50"); // 8.00 + 6.50
/// assert!(totals.automatic);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Totals {
    /// The currency.
    pub currency: Currency,
    /// What is owed if everything the policy grants is claimed, to the currency's
    /// minor units: the sum of the claim's rounded lines.
    pub total: Decimal,
    /// True only when every line with an amount is paid without a request.
    pub automatic: bool,
}

impl Claim {
    /// The claim of a policy that cannot apply: no lines, a zero total, and why.
    pub(crate) fn inapplicable(
        policy: &crate::policy::Policy,
        currency: Currency,
        reason: String,
    ) -> Claim {
        let mut total = Decimal::ZERO;
        total.rescale(currency.minor_units());
        Claim {
            policy: policy.id.clone(),
            title: policy.title.clone(),
            citation: policy.citation.clone(),
            currency,
            total,
            automatic: false,
            lines: Vec::new(),
            notes: Vec::new(),
            not_applicable: Some(reason),
            not_for_customer: None,
        }
    }

    /// Whether the policy applies to this claim: it can price the plan
    /// ([`Claim::not_applicable`] is `None`) and reaches the customer
    /// ([`Claim::not_for_customer`] is `None`). Only a claim that applies is owed.
    ///
    /// # Example
    /// ```
    /// let file: redress::ClaimFile = toml::from_str(r#"
    ///     [customer]
    ///     region = "US-NY"
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
    /// "#)?;
    /// let case = redress::Case::from_file(&file)?;
    /// let ny = redress::catalog::get("us-ny-psc-outage-credit")?;
    /// let nj = redress::catalog::get("us-nj-cable")?;
    /// let tkg = redress::catalog::get("de-tkg-58")?;
    /// let claims = redress::assess_for_customer(&case, &[&ny, &nj, &tkg])?;
    /// assert!(claims[0].applies());
    /// assert!(!claims[1].applies()); // New Jersey's rule, for a New York customer
    /// assert!(!claims[2].applies()); // pays in EUR; the plan is in USD
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn applies(&self) -> bool {
        self.not_applicable.is_none() && self.not_for_customer.is_none()
    }

    /// The claim's figures without the working.
    pub fn totals(&self) -> Totals {
        Totals {
            currency: self.currency,
            total: self.total,
            automatic: self.automatic,
        }
    }

    /// The total as money.
    ///
    /// # Example
    /// ```
    /// let file: redress::ClaimFile = toml::from_str(r#"
    ///     policies = ["us-ny-psc-outage-credit"]
    ///     [plan]
    ///     currency = "USD"
    ///     time_zone = "America/New_York"
    ///     [[plan.services]]
    ///     kind = "internet"
    ///     monthly_price = "79.99"
    ///     [[plan.services]]
    ///     kind = "tv"
    ///     monthly_price = "65.00"
    ///     [[outages]]
    ///     services = ["internet", "tv"]
    ///     start = "2024-10-01T06:00:00-04:00"
    ///     end = "2024-10-03T11:00:00-04:00"
    ///     customers_affected = 250
    /// "#)?;
    /// // 53 hours: ⌈53 / 24⌉ = 3 days' credit a service under New York's rule.
    /// let claim = redress::assess_file(&file)?.remove(0);
    /// assert_eq!(claim.total_money().to_string(), "14.50 USD");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn total_money(&self) -> Money {
        Money::new(self.total, self.currency)
    }

    /// The part of the total owed only on request.
    ///
    /// # Example
    /// ```
    /// let file: redress::ClaimFile = toml::from_str(r#"
    ///     policies = ["us-ny-psc-outage-credit"]
    ///     [plan]
    ///     currency = "USD"
    ///     time_zone = "America/New_York"
    ///     [[plan.services]]
    ///     kind = "internet"
    ///     monthly_price = "79.99"
    ///     [[plan.services]]
    ///     kind = "tv"
    ///     monthly_price = "65.00"
    ///     [[outages]]
    ///     services = ["internet", "tv"]
    ///     start = "2024-10-01T06:00:00-04:00"
    ///     end = "2024-10-03T11:00:00-04:00"
    ///     customers_affected = 250
    /// "#)?;
    /// // 53 hours: ⌈53 / 24⌉ = 3 days' credit a service under New York's rule.
    /// let claim = redress::assess_file(&file)?.remove(0);
    /// // 24 hours or more and 100 or more customers: all of it paid automatically.
    /// assert!(claim.on_request_total().is_zero());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn on_request_total(&self) -> Decimal {
        self.lines
            .iter()
            .filter(|l| !l.automatic)
            .map(|l| l.amount)
            .sum()
    }

    /// The earliest deadline of any line owed on request.
    pub fn earliest_deadline(&self) -> Option<NaiveDate> {
        self.lines
            .iter()
            .filter(|l| !l.automatic && !l.amount.is_zero())
            .filter_map(|l| l.deadline)
            .min()
    }
}
