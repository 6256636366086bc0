//! What one account is owed under one policy.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::error::Error;
use crate::money::Currency;

/// What one account is owed under one policy.
///
/// # Example
/// ```
/// use redress::batch::*;
/// let tv_out = AreaOutage::parse(&OutageFields { area: "x", services: "tv",
///     start: "2024-10-01T06:00:00Z", end: "2024-10-02T06:00:00Z", ..Default::default() })?;
/// let policy = redress::catalog::get("us-ny-psc-outage-credit")?;
/// let mut batch = Batch::new(vec![policy], OutageIndex::from_iter([tv_out]));
/// let account = Account::parse(&AccountFields { account: "A-1", area: "x", currency: "USD",
///     time_zone: "UTC", services: "internet:50", ..Default::default() })?;
/// let totals = batch.assess(&account)?;
/// assert_eq!(&*totals[0].policy, "us-ny-psc-outage-credit");
/// assert_eq!(totals[0].total.to_string(), "0.00"); // the TV was out; it has internet
/// assert!(!totals[0].automatic && totals[0].applies);
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PolicyTotal {
    /// The policy's id.
    pub policy: Arc<str>,
    /// The currency of the total (the account's).
    pub currency: Currency,
    /// What the account is owed, to the currency's minor unit.
    pub total: Decimal,
    /// True only when all of it is paid without a request.
    pub automatic: bool,
    /// False when the policy cannot apply to the account at all (another
    /// currency, none of its services); the total is then zero.
    pub applies: bool,
}

/// The error for a total past the largest that keeps the currency's minor unit.
#[cold]
pub(crate) fn too_large_to_keep(policy: &str, currency: Currency) -> Error {
    let largest = largest_total(currency)
        .map(|d| format!("{d} {currency}"))
        .unwrap_or_else(|| format!("{currency} with its minor unit"));
    Error::overflow(format!(
        "the total owed under {policy} is too large to keep to the minor unit of {currency}; \
         a total can be at most {largest}: check the account's prices"
    ))
}

/// The largest amount a total can hold to the currency's minor unit: `Decimal`'s
/// largest mantissa, 2^96 - 1, at that scale.
fn largest_total(currency: Currency) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(
        i128::from(u64::MAX) << 32 | i128::from(u32::MAX),
        currency.minor_units(),
    )
    .ok()
}

impl PolicyTotal {
    /// What an account is owed under a policy.
    ///
    /// # Example
    /// ```
    /// use redress::{batch::PolicyTotal, Currency};
    /// let owed = PolicyTotal::new("us-ny-psc-outage-credit".into(), Currency::USD, "14.50".parse()?, true, true);
    /// assert!(owed.applies);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        policy: Arc<str>,
        currency: Currency,
        total: Decimal,
        automatic: bool,
        applies: bool,
    ) -> PolicyTotal {
        PolicyTotal {
            policy,
            currency,
            total,
            automatic,
            applies,
        }
    }
}
