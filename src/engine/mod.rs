//! The engine: one way from a [`Case`] and a [`Policy`] to what is owed.
//!
//! ```text
//! Case ──exposure──▶ items (spells, periods, units, versions; no price)
//!      ──compile───▶ Program (each line a formula of the plan's prices)
//!      ──settle────▶ Claim (or Totals): lines evaluated, rounded once, added up
//! ```
//!
//! [`assess`] compiles a policy for a case and settles it with its working;
//! [`assess_totals`] compiles and settles the figures only. A batch compiles once for
//! each shape of account and settles the same program at every account's prices.

mod compile;
mod context;
mod exposure;
mod figure;
mod line;
mod program;
mod reads;
mod rules;
mod settle;
mod tape;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::sync::Arc;

use crate::case::Case;
use crate::claim::{Claim, Totals};
use crate::error::{Error, Result};
use crate::money::Currency;
use crate::plan::{Service, ServiceKind};
use crate::policy::Policy;

pub(crate) use reads::reads;

/// Assesses a case under one policy: the itemised claim, every line with its working.
///
/// # Errors
/// [`Error::PolicyNotApplicable`] when the policy pays in another currency than the
/// plan's or covers none of the plan's services (to assess several policies side by
/// side, where some may not apply, use [`assess_each`]); [`Error::InvalidRule`] for a
/// malformed rule tree; [`Error::Overflow`] when amounts leave `Decimal`'s range.
///
/// # Example
/// ```
/// use redress::policy::{Amount, Counting, DayCount, PerUnit, Policy, PolicyVersion, Provision, Rule, Subject, UnitCount};
/// use redress::{assess, Case, ClaimFile, Currency, Span};
///
/// let file: ClaimFile = toml::from_str(r#"
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
/// // 1/30 of the monthly price for each started 24 hours.
/// let policy = Policy::new("my-credit", "Outage credit", Currency::USD).with_version(
///     PolicyVersion::always(vec![Provision::new(
///         "outage credit",
///         Subject::outages(),
///         Rule::PerUnit(PerUnit::new(
///             UnitCount::Blocks { length: Span::hours(24), counting: Counting::Started },
///             Amount::DailyRate(DayCount::Fixed(30)),
///         )),
///     )]),
/// );
/// let claim = assess(&Case::from_file(&file)?, &policy)?;
/// // 53 hours: 3 started blocks; 3 × 79.99 / 30 = 7.999 → 8.00.
/// assert_eq!(claim.total.to_string(), "8.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess(case: &Case, policy: &Policy) -> Result<Claim> {
    if let Some(reason) = compile::not_applicable(case, policy) {
        return Err(Error::PolicyNotApplicable {
            policy: policy.id.clone(),
            reason,
        });
    }
    explained(case, policy)
}

/// Assesses a case under several policies, side by side, in the order given. A
/// policy that cannot apply to the case (another currency, none of its services) is
/// a claim of its own with no lines, a zero total and
/// [`Claim::not_applicable`] saying why.
///
/// # Errors
/// As [`assess`], for the first policy that fails, except that a policy that cannot
/// apply is not an error.
///
/// # Example
/// ```
/// use redress::policy::{Amount, Policy, PolicyVersion, Provision, Rule, Subject};
/// use redress::{assess_each, Case, ClaimFile, Currency};
///
/// let file: ClaimFile = toml::from_str(r#"
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "60"
///     [[outages]]
///     services = ["internet"]
///     start = "2024-10-01T06:00:00-04:00"
///     end = "2024-10-01T11:00:00-04:00"
/// "#)?;
/// let fixed = |currency| {
///     Policy::new("five", "Five a outage", currency).with_version(PolicyVersion::always(vec![
///         Provision::new("goodwill", Subject::outages(), Rule::Fixed { amount: Amount::Fixed(5.into()) }),
///     ]))
/// };
/// let (dollars, euros) = (fixed(Currency::USD), fixed(Currency::EUR));
/// let claims = assess_each(&Case::from_file(&file)?, &[&dollars, &euros])?;
/// assert_eq!(claims[0].total.to_string(), "5.00");
/// assert_eq!(claims[1].not_applicable.as_deref(), Some("it pays in EUR, but the plan is priced in USD"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess_each(case: &Case, policies: &[&Policy]) -> Result<Vec<Claim>> {
    policies
        .iter()
        .map(|policy| match compile::not_applicable(case, policy) {
            Some(reason) => Ok(Claim::inapplicable(policy, case.currency, reason)),
            None => explained(case, policy),
        })
        .collect()
}

/// Assesses a case under one policy for its figures only: the total and whether it is
/// all paid automatically, as [`assess`] gives them, without the working.
///
/// The program and its settlement are [`assess`]'s, so the figures cannot differ; only
/// the words are skipped. An application crediting many accounts calls this per
/// account and [`assess`] for the few it must explain.
///
/// # Errors
/// As [`assess`], the same error for the same input.
///
/// # Example
/// ```
/// use redress::policy::{Amount, Policy, PolicyVersion, Provision, Rule, Subject};
/// use redress::{assess, assess_totals, Case, ClaimFile, Currency};
///
/// let file: ClaimFile = toml::from_str(r#"
///     [plan]
///     currency = "GBP"
///     time_zone = "Europe/London"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "30"
///     [[appointments]]
///     date = "2025-05-06"
/// "#)?;
/// let policy = Policy::new("visit", "Missed visit", Currency::GBP).with_version(PolicyVersion::always(vec![
///     Provision::new("missed appointment", Subject::Appointments, Rule::Fixed { amount: Amount::Fixed("30.49".parse()?) }),
/// ]));
/// let case = Case::from_file(&file)?;
/// let totals = assess_totals(&case, &policy)?;
/// assert_eq!(totals.total.to_string(), "30.49");
/// assert_eq!(totals, assess(&case, &policy)?.totals());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess_totals(case: &Case, policy: &Policy) -> Result<Totals> {
    if let Some(reason) = compile::not_applicable(case, policy) {
        return Err(Error::PolicyNotApplicable {
            policy: policy.id.clone(),
            reason,
        });
    }
    compile::compile(case, policy, false)
        .and_then(|program| settle::totals(&program.items, &case.services, case.currency))
        .map_err(|e| name_the_policy(e, policy))
}

fn explained(case: &Case, policy: &Policy) -> Result<Claim> {
    compile::compile(case, policy, true)
        .and_then(|program| settle::claim(program, policy, &case.services, case.currency))
        .map(|mut claim| {
            claim.notes.extend(case.notes.iter().cloned());
            claim.notes.extend(uncovered_other_kinds(case, policy));
            claim
        })
        .map_err(|e| name_the_policy(e, policy))
}

/// A note for each service the claim file set apart as `other:NAME` that the policy
/// does not cover: it was meant, and nothing is owed for it under this policy.
fn uncovered_other_kinds<'c>(
    case: &'c Case,
    policy: &'c Policy,
) -> impl Iterator<Item = String> + 'c {
    case.services
        .iter()
        .filter(|s| matches!(s.kind, ServiceKind::Other(_)) && !policy.covers(&s.kind))
        .map(|s| {
            format!(
                "`{}` is a service redress has no kind for, and this policy does not cover \
                 it: nothing is owed for it here.",
                s.kind
            )
        })
}

/// A policy compiled for a case to price its figures only: what a batch prices an
/// account by, and keeps for each shape of account it meets (clones of it
/// share it).
#[derive(Debug, Clone)]
pub(crate) enum Pricing {
    /// Compiled for one account.
    Once(Vec<program::ItemProgram>),
    /// Kept, shared by clones.
    Kept(Arc<[program::ItemProgram]>),
}

impl Pricing {
    /// The figures at an account's prices.
    pub(crate) fn totals(
        &self,
        policy: &Policy,
        services: &[Service],
        currency: Currency,
    ) -> Result<Totals> {
        let items = match self {
            Pricing::Once(items) => items.as_slice(),
            Pricing::Kept(items) => items,
        };
        settle::totals(items, services, currency).map_err(|e| name_the_policy(e, policy))
    }

    /// The same program, to be kept and shared.
    pub(crate) fn kept(self) -> Pricing {
        match self {
            Pricing::Once(items) => Pricing::Kept(Arc::from(items)),
            kept => kept,
        }
    }
}

/// Programs kept for many accounts, each held once however many shapes of account
/// compile to it: the accounts of different areas whose outages count the same units
/// (and so owe the same share of the same prices) are priced by one program.
#[derive(Debug, Default)]
pub(crate) struct KeptPrograms {
    programs: HashSet<Arc<[program::ItemProgram]>, foldhash::fast::RandomState>,
    bytes: usize,
}

impl KeptPrograms {
    /// The program, kept: the one kept before when an equal one was.
    pub(crate) fn keep(&mut self, pricing: Pricing) -> Pricing {
        let items = match pricing {
            Pricing::Once(items) => Arc::from(items),
            Pricing::Kept(items) => items,
        };
        if let Some(known) = self.programs.get(&items) {
            return Pricing::Kept(Arc::clone(known));
        }
        // Each item's lines and figures take about as much again beside it.
        self.bytes = self
            .bytes
            .saturating_add(2 * std::mem::size_of_val(&*items));
        self.programs.insert(Arc::clone(&items));
        Pricing::Kept(items)
    }

    /// About how many bytes the programs kept take.
    pub(crate) fn bytes(&self) -> usize {
        self.bytes
    }

    /// How many programs are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.programs.len()
    }

    /// Forgets every program kept (shapes that hold one keep it alive).
    pub(crate) fn clear(&mut self) {
        self.programs.clear();
        self.bytes = 0;
    }
}

/// A policy compiled for a case to price its figures, or `None` when the policy cannot
/// apply to it.
pub(crate) fn compile_totals(case: &Case, policy: &Policy) -> Result<Option<Pricing>> {
    if compile::not_applicable(case, policy).is_some() {
        return Ok(None);
    }
    compile::compile(case, policy, false)
        .map(|program| Some(Pricing::Once(program.items)))
        .map_err(|e| name_the_policy(e, policy))
}

/// An overflow says which policy it happened under and what the user can change.
fn name_the_policy(error: Error, policy: &Policy) -> Error {
    match error {
        Error::Overflow { context } => Error::overflow(format!(
            "under `{}`, {context}: the plan's prices or the outages' lengths are too large to compute",
            policy.id
        )),
        other => other,
    }
}
