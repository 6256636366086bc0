//! What is still owed under a claim once the credits already received are counted.
//!
//! A credit naming a policy (`policy = "…"`) counts against that policy's claim only; one
//! naming none counts against every claim, since the claims are alternatives: each is
//! compared with the same received total, never added to another. What was received
//! beyond what a claim owes is its `excess`, said in words, never set against another
//! claim.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::case::{Case, Received};
use crate::claim::Claim;
use crate::error::{Error, Result};

/// A claim's balance: what it owes, what was received against it, what is still owed
/// (never below zero) and what was received beyond what it owes, all in the claim's
/// currency. Every figure is exact: sums and differences of rounded amounts.
///
/// # Example
/// ```
/// # use redress::{balance, Case, ClaimFile};
/// let file: ClaimFile = toml::from_str(r#"
///     policies = ["us-ny-psc-outage-credit"]
///     [customer]
///     region = "US-NY"
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
///     [[credits_received]]
///     amount = "5.00"
///     date = "2024-10-10"
///     for = "goodwill credit"
/// "#)?;
/// let case = Case::from_file(&file)?;
/// let claims = redress::assess_file(&file)?;
/// // Owed 8.00 + 6.50 = 14.50; received 5.00; still owed 14.50 − 5.00 = 9.50.
/// let b = balance(&claims[0], &case)?;
/// assert_eq!(b.still_owed.to_string(), "9.50");
/// assert!(b.excess.is_zero());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Balance {
    /// What the claim owes: its total.
    #[serde(skip)]
    pub owed: Decimal,
    /// The credits received that count against this claim, added up.
    pub received: Decimal,
    /// `owed − received`, or zero when that is below zero.
    pub still_owed: Decimal,
    /// `received − owed` when more was received than owed, else zero.
    pub excess: Decimal,
    /// Which of the case's credits (`Case::received`, by place) counted.
    pub credits_counted: Vec<usize>,
}

impl Balance {
    /// Whether any credit counted against the claim.
    ///
    /// # Example
    /// ```
    /// # use redress::{balance, Case, ClaimFile};
    /// # let file: ClaimFile = toml::from_str(r#"
    /// #     policies = ["us-ny-psc-outage-credit"]
    /// #     [plan]
    /// #     currency = "USD"
    /// #     time_zone = "America/New_York"
    /// # "#)?;
    /// let case = Case::from_file(&file)?; // no [[credits_received]]
    /// let claims = redress::assess_file(&file)?;
    /// assert!(!balance(&claims[0], &case)?.any_received());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn any_received(&self) -> bool {
        !self.credits_counted.is_empty()
    }
}

/// The balance of `claim` given the credits `case` says were received: those naming
/// the claim's policy and those naming none. A claim in another currency than the
/// case's (a policy that cannot price the plan) counts none: they are not comparable.
/// An overflow adding the credits is an error, never a wrong figure.
///
/// # Example
/// See [`Balance`].
pub fn balance(claim: &Claim, case: &Case) -> Result<Balance> {
    balance_of(claim, case.currency(), case.received())
}

/// [`balance`], given the case's currency and its credits received.
pub(crate) fn balance_of(
    claim: &Claim,
    currency: crate::money::Currency,
    credits: &[Received],
) -> Result<Balance> {
    let owed = claim.total;
    // Zero written at the currency's places (0.00), as the claim's figures are.
    let zero = Decimal::new(0, claim.currency.minor_units());
    let mut received = zero;
    let mut credits_counted = Vec::new();
    if claim.currency == currency {
        for (i, credit) in credits.iter().enumerate() {
            let counts = credit
                .policy
                .as_deref()
                .is_none_or(|id| id.trim() == claim.policy);
            if counts {
                received = received.checked_add(credit.amount).ok_or_else(|| {
                    Error::overflow(format!("adding the credits received for {}", claim.policy))
                })?;
                credits_counted.push(i);
            }
        }
    }
    let overflow = || Error::overflow(format!("the balance of {}", claim.policy));
    let difference = owed.checked_sub(received).ok_or_else(overflow)?;
    let (still_owed, excess) = if difference.is_sign_negative() && !difference.is_zero() {
        (zero, -difference)
    } else {
        (difference, zero)
    };
    Ok(Balance {
        owed,
        received,
        still_owed,
        excess,
        credits_counted,
    })
}

/// An offer compared with a rule that applies: what the offer gives, what the rule owes,
/// the shortfall (owed − offered, never below zero) and what the offer gives beyond the
/// rule (else zero), in the claims' currency.
///
/// # Example
/// ```
/// # use redress::{shortfall, ClaimFile};
/// # use redress::policy::*;
/// let file: ClaimFile = toml::from_str(r#"
///     [customer]
///     region = "US-NY"
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
/// let case = redress::Case::from_file(&file)?;
/// // The provider's offer: one day of service, 1/30 of each affected service's price.
/// let mut offer = Policy::new("one-day", "One day of service", redress::Currency::USD)
///     .with_version(PolicyVersion::always(vec![Provision::new(
///         "a day of service",
///         Subject::outages(),
///         Rule::PerUnit(PerUnit::new(UnitCount::PerIncident(1), Amount::DailyRate(DayCount::Fixed(30)))),
///     )]));
/// offer.offer = true;
/// let offered = redress::assess(&case, &offer)?;
/// let owed = redress::assess(&case, &redress::catalog::get("us-ny-psc-outage-credit")?)?;
/// // 79.99 / 30 = 2.666… → 2.67, 65.00 / 30 = 2.166… → 2.17: 4.84 offered;
/// // 14.50 owed; 14.50 − 4.84 = 9.66 short.
/// let s = shortfall(&offered, &owed)?;
/// assert_eq!(s.offered.to_string(), "4.84");
/// assert_eq!(s.shortfall.to_string(), "9.66");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Shortfall {
    /// The rule's policy id.
    pub policy: String,
    /// What the offer gives: its total.
    pub offered: Decimal,
    /// What the rule owes: its total.
    pub owed: Decimal,
    /// `owed − offered`, or zero when the offer gives as much or more.
    pub shortfall: Decimal,
    /// `offered − owed` when the offer gives more, else zero.
    pub excess: Decimal,
}

/// How far `offer`'s claim falls short of `rule`'s. Claims in different currencies are
/// refused (they cannot be compared); an overflow is an error.
///
/// # Example
/// See [`Shortfall`].
pub fn shortfall(offer: &Claim, rule: &Claim) -> Result<Shortfall> {
    if offer.currency != rule.currency {
        return Err(Error::invalid(
            crate::error::FieldPath::root("policies"),
            format!(
                "the offer {} pays in {} and the rule {} in {}; they cannot be compared",
                offer.policy, offer.currency, rule.policy, rule.currency
            ),
        ));
    }
    let zero = Decimal::new(0, rule.currency.minor_units());
    let difference = rule.total.checked_sub(offer.total).ok_or_else(|| {
        Error::overflow(format!(
            "the shortfall of {} against {}",
            offer.policy, rule.policy
        ))
    })?;
    let (shortfall, excess) = if difference.is_sign_negative() && !difference.is_zero() {
        (zero, -difference)
    } else {
        (difference, zero)
    };
    Ok(Shortfall {
        policy: rule.policy.clone(),
        offered: offer.total,
        owed: rule.total,
        shortfall,
        excess,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim_file::CreditReceived;
    use crate::test_support::{assess, case, ny_like};

    fn credit(amount: &str, policy: Option<&str>) -> CreditReceived {
        CreditReceived {
            amount: amount.to_owned(),
            currency: None,
            date: "2024-10-10".to_owned(),
            what_for: None,
            policy: policy.map(str::to_owned),
        }
    }

    /// The 53-hour outage of `ny_like`: 3 × 79.99 / 30 = 7.999 → 8.00 and
    /// 3 × 65.00 / 30 = 6.50, 14.50 owed; with these credits received.
    fn balance_after(credits: Vec<CreditReceived>) -> Balance {
        let (mut file, policy) = ny_like();
        file.credits_received = credits;
        let claim = assess(&file, &policy).unwrap();
        assert_eq!(claim.total.to_string(), "14.50");
        balance(&claim, &case(&file)).unwrap()
    }

    #[test]
    fn what_was_received_is_taken_off_and_the_excess_is_kept_apart() {
        // 14.50 − 5.00 = 9.50.
        let b = balance_after(vec![credit("5.00", None)]);
        assert_eq!(
            (b.still_owed.to_string(), b.excess.to_string()),
            ("9.50".into(), "0.00".into())
        );
        // 14.50 − 20.00 < 0: nothing still owed, 20.00 − 14.50 = 5.50 beyond it.
        let b = balance_after(vec![credit("20.00", None)]);
        assert_eq!(
            (b.still_owed.to_string(), b.excess.to_string()),
            ("0.00".into(), "5.50".into())
        );
        // Exactly what is owed: 14.50 − 14.50 = 0.00, and no excess.
        let b = balance_after(vec![credit("14.50", None)]);
        assert!(b.still_owed.is_zero() && b.excess.is_zero());
    }

    #[test]
    fn a_credit_counts_against_the_policy_it_names_and_none_other() {
        // 3.00 under another policy does not count; 2.00 under this one does: 14.50 − 2.00.
        let b = balance_after(vec![
            credit("3.00", Some("other")),
            credit("2.00", Some("ny-like")),
        ]);
        assert_eq!(b.received.to_string(), "2.00");
        assert_eq!(b.still_owed.to_string(), "12.50");
        assert_eq!(b.credits_counted, vec![1]);
        // Nothing received: received 0.00, all 14.50 still owed.
        let b = balance_after(Vec::new());
        assert!(!b.any_received());
        assert_eq!(b.still_owed.to_string(), "14.50");
    }

    #[test]
    fn credits_are_refused_with_their_path_in_plain_words() {
        let refused = |credit: CreditReceived| {
            let (mut file, _) = ny_like();
            file.credits_received = vec![credit];
            crate::Case::from_file(&file).unwrap_err().to_string()
        };
        assert!(refused(credit("0", None)).contains("credits_received[0].amount"));
        assert!(refused(credit("5.001", None)).contains("more decimals"));
        assert!(refused(credit("five", None)).contains("is not an amount"));
        let mut euros = credit("5.00", None);
        euros.currency = Some("EUR".to_owned());
        assert!(refused(euros).contains("credits_received[0].currency"));
        let mut undated = credit("5.00", None);
        undated.date = "2024-13-01".to_owned();
        assert!(refused(undated).contains("credits_received[0].date"));
    }
}
