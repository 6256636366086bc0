//! # redress
//!
//! redress works out what a customer is owed when a service fails: a cable,
//! broadband, phone, power or cloud outage, a missed engineer appointment, a late
//! activation. It models the customer's **plan**, what went **wrong** and the
//! **policy** that grants credits (a statute, a voluntary scheme, a contract, a
//! goodwill gesture), and computes an itemised [`Claim`]: every line names the
//! rule that produced it and shows its arithmetic.
//!
//! ## A first claim
//!
//! A New York cable customer loses internet and TV for 53 hours. The New York PSC
//! rule pays 1/30 of the monthly price of each affected service for each 24 hours
//! or fraction: ⌈53 / 24⌉ = 3 units, 3 × 79.99 / 30 = 7.999 → 8.00 and
//! 3 × 65.00 / 30 = 6.50, so 14.50 in all.
//!
//! ```
//! use redress::policy::*;
//! use redress::{assess, Case, ClaimFile, Currency, Span};
//!
//! let claim: ClaimFile = toml::from_str(r#"
//!     [plan]
//!     currency = "USD"
//!     time_zone = "America/New_York"
//!     [[plan.services]]
//!     kind = "internet"
//!     monthly_price = "79.99"
//!     [[plan.services]]
//!     kind = "tv"
//!     monthly_price = "65.00"
//!     [[outages]]
//!     services = ["internet", "tv"]
//!     start = "2024-10-01T06:00:00-04:00"
//!     end = "2024-10-03T11:00:00-04:00"
//!     customers_affected = 250
//! "#).unwrap();
//!
//! let policy = Policy::new("ny-like", "1/30 per started 24 hours", Currency::USD)
//!     .with_version(PolicyVersion::always(vec![Provision::new(
//!         "outage credit",
//!         Subject::outages(),
//!         Rule::PerUnit(PerUnit::new(
//!             UnitCount::Blocks { length: Span::hours(24), counting: Counting::Started },
//!             Amount::DailyRate(DayCount::Fixed(30)),
//!         )),
//!     )]));
//!
//! let result = assess(&Case::from_file(&claim)?, &policy)?;
//! assert_eq!(result.total.to_string(), "14.50");
//! assert_eq!(result.lines.len(), 2); // one per affected service
//! println!("{result}");              // the claim, with its arithmetic
//! # Ok::<(), redress::Error>(())
//! ```
//!
//! The claim file a person writes (its fields, in TOML or JSON, and the command
//! line's JSON output) is documented in `docs/claim-file.md` in the repository, and a
//! batch's CSV files in `docs/batch.md`.
//!
//! ## The tour
//!
//! The pipeline runs one way: a document is read into a case, a policy is compiled
//! for the case into a program of the plan's prices, and the program is settled into
//! a claim.
//!
//! - [`claim_file`], [`plan`], [`outage`]: the [`ClaimFile`] document, exactly as a
//!   person writes it (TOML or JSON through serde): customer, [`ServicePlan`],
//!   outages, missed appointments, late activations.
//! - [`case`]: [`Case::from_file`] checks every field once and gives the [`Case`] the
//!   engine works on: instants in UTC, ongoing outages closed at `as_of`;
//!   [`civil`] holds the local-date helpers every stage uses.
//! - [`policy`]: [`policy::Policy`], its dated versions and provisions, and the
//!   [`policy::Rule`] tree: per-unit, pro-rata, base-plus-steps, uptime tiers,
//!   threshold tiers, max-of, sum-of, cap, when, minimum payout. Policies are data.
//! - [`catalog`]: the real-world policies, one file each, by jurisdiction.
//! - [`assess`], [`assess_each`], [`assess_totals`], [`assess_file`],
//!   [`assess_for_customer`]: the engine.
//! - [`claim`]: the itemised result, each line's structured [`claim::Basis`]
//!   rendered as arithmetic a person can redo.
//! - [`letter`]: a claim letter from the customer to the provider.
//! - [`batch`]: one incident, many accounts, each assessed by the same engine.
//! - `fairness` (the cargo feature `fairness`, which brings in proptest): the fairness
//!   properties checked against any policy, for an application's own tests; each
//!   property held or broken, a broken one with its smallest counterexample as claim files.
//! - [`money`], [`span`], [`timeline`], [`calendar`]: currencies and rounding,
//!   durations, outage intervals, working days by region.
//!
//! The crate re-exports the three crates its API speaks in, [`chrono`],
//! [`chrono_tz`] and [`rust_decimal`], so an application needs no matching versions
//! of its own.
//!
//! ## Guarantees
//!
//! - **Money**: never a float; rounding happens once per line, by the policy's
//!   rule (half away from zero to the currency's minor unit unless the policy names
//!   another), and a claim's total is the exact sum of its lines.
//! - **Time**: durations are elapsed time between instants, so a DST change adds or
//!   removes nothing; local-day rules use the plan's zone; intervals are `[start, end)`.
//! - **No double counting**: overlapping or touching outage records of a service
//!   are merged before any rule sees them.
//! - **No panics on input**: bad input is an [`Error`] that names the field.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod at;
pub mod balance;
pub mod batch;
pub mod calendar;
pub mod case;
pub mod catalog;
pub mod civil;
pub mod claim;
pub mod claim_file;
pub mod diagnose;
mod engine;
pub mod error;
#[cfg(feature = "fairness")]
pub mod fairness;
pub mod letter;
mod memo;
pub mod money;
mod numbers;
pub mod outage;
pub mod plan;
pub mod policy;
pub mod region;
pub mod span;
pub mod suggest;
#[cfg(test)]
mod test_support;
pub mod timeline;
mod visible;

pub use balance::{balance, shortfall, Balance, Shortfall};
pub use case::Case;
pub use claim::{Claim, CreditLine, Totals};
pub use claim_file::{ClaimFile, Customer, Segment};
pub use engine::{assess, assess_each, assess_totals};
pub use error::{Error, FieldPath, Result};
pub use money::{Currency, Money, Rounding, RoundingMode};
pub use outage::{Activation, Appointment, Cause, Exemption, Outage, WeatherCategory};
pub use plan::{
    split_bundle, BillingCycle, BillingPeriod, Deployment, Service, ServiceKind, ServicePlan,
};
pub use span::Span;

pub use chrono;
pub use chrono_tz;
pub use rust_decimal;

/// Assesses a claim file: under the policies it names, or, when it names none, under
/// every catalog policy that [`catalog::select`] finds for it (its region, currency,
/// services, provider and the dates of its incidents). Each policy is built with the
/// reading options the file's `[options]` choose for it ([`catalog::with_options`]);
/// options of a policy not assessed are checked, and change nothing.
///
/// A named policy that cannot apply to the plan (another currency, none of its
/// services) is a claim of its own saying why ([`Claim::not_applicable`]); one that
/// does not reach the customer (another region, another provider's terms) is worked
/// out for comparison and says why ([`Claim::not_for_customer`]), as in
/// [`assess_for_customer`].
///
/// # Errors
/// Everything [`Case::from_file`] refuses; [`Error::UnknownPolicy`] for an id the
/// catalog lacks (with the nearest id); what [`catalog::check_options`] refuses in
/// `[options]`; and everything [`assess_each`] returns.
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
///     customers_affected = 250
/// "#)?;
/// let claims = redress::assess_file(&claim)?;
/// // ⌈53 / 24⌉ = 3 days: 3 × 79.99 / 30 = 7.999 → 8.00.
/// assert_eq!(claims[0].total.to_string(), "8.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess_file(claim: &ClaimFile) -> Result<Vec<Claim>> {
    let case = Case::from_file(claim)?;
    catalog::check_options(&claim.options)?;
    let policies = match case.policies() {
        Some(ids) => ids
            .iter()
            .map(|id| catalog::with_file_options(id, &claim.options))
            .collect::<Result<Vec<_>>>()?,
        None => catalog::select_with_options(&case, &claim.options)?,
    };
    let policies: Vec<&policy::Policy> = policies.iter().collect();
    assess_for_customer(&case, &policies)
}

/// Assesses a case under several policies, side by side, as [`assess_each`] does, and
/// marks each claim whose policy does not reach the customer (another region, another
/// provider's own terms) with why ([`Claim::not_for_customer`],
/// [`catalog::not_for_customer`]). [`Claim::applies`] then tells the claims the
/// customer can make from those shown for comparison.
///
/// # Errors
/// As [`assess_each`].
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
///     kind = "tv"
///     monthly_price = "60.00"
///     [[outages]]
///     services = ["tv"]
///     start = "2024-10-01T06:00:00-04:00"
///     end = "2024-10-03T11:00:00-04:00"
/// "#)?;
/// let case = redress::Case::from_file(&file)?;
/// let nj = redress::catalog::get("us-nj-cable")?;
/// let claims = redress::assess_for_customer(&case, &[&nj])?;
/// assert_eq!(
///     claims[0].not_for_customer.as_deref(),
///     Some("not the customer's region: this rule is New Jersey's (US-NJ); the customer is in US-NY")
/// );
/// assert!(!claims[0].applies());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess_for_customer(case: &Case, policies: &[&policy::Policy]) -> Result<Vec<Claim>> {
    let mut claims = assess_each(case, policies)?;
    for (claim, policy) in claims.iter_mut().zip(policies) {
        if claim.not_applicable.is_none() {
            claim.not_for_customer = catalog::not_for_customer(policy, case);
        }
    }
    Ok(claims)
}

/// The README's examples, run as doc tests so the README stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
