//! Money: a `Decimal` amount with an explicit ISO 4217 currency.
//!
//! Arithmetic is checked (overflow is an [`Error::Overflow`], never a panic) and
//! refuses to mix currencies. Rounding is a value, [`Rounding`], that a policy
//! names; the engine applies it once per claim line.

mod allocate;
mod currency;
mod rounding;
mod sign;

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use allocate::allocate;
pub use currency::Currency;
pub use rounding::{Rounding, RoundingMode};

pub(crate) use rounding::{divide, divide_rounded, exact_product};
pub(crate) use sign::{split_mark, Marked};

/// An amount of money in one currency.
///
/// # Example
/// ```
/// use redress::{Currency, Money};
/// use rust_decimal::Decimal;
/// let a = Money::new(Decimal::new(799, 2), Currency::USD);
/// let b = Money::new(Decimal::new(650, 2), Currency::USD);
/// assert_eq!(a.checked_add(b)?.to_string(), "14.49 USD");
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The amount, unrounded unless it came out of a rounding.
    pub amount: Decimal,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// An amount in a currency.
    ///
    /// # Example
    /// ```
    /// let m = redress::Money::new(rust_decimal::Decimal::ONE, redress::Currency::EUR);
    /// assert_eq!(m.to_string(), "1 EUR");
    /// ```
    pub fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    /// Zero in a currency, written with the currency's minor units (`0.00`).
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::Money::zero(redress::Currency::GBP).to_string(), "0.00 GBP");
    /// ```
    pub fn zero(currency: Currency) -> Money {
        let mut amount = Decimal::ZERO;
        amount.rescale(currency.minor_units());
        Money { amount, currency }
    }

    fn same_currency(&self, other: &Money) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::CurrencyMismatch {
                left: self.currency.code().to_owned(),
                right: other.currency.code().to_owned(),
            })
        }
    }

    /// Adds two amounts of the same currency.
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`] for different currencies, [`Error::Overflow`] past `Decimal::MAX`.
    ///
    /// # Example
    /// ```
    /// use redress::{Currency, Money};
    /// use rust_decimal::Decimal;
    /// let usd = Money::new(Decimal::ONE, Currency::USD);
    /// let eur = Money::new(Decimal::ONE, Currency::EUR);
    /// assert!(usd.checked_add(eur).is_err());
    /// ```
    pub fn checked_add(self, other: Money) -> Result<Money> {
        self.same_currency(&other)?;
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or_else(|| Error::overflow(format!("{self} + {other}")))?;
        Ok(Money::new(amount, self.currency))
    }

    /// Subtracts an amount of the same currency.
    ///
    /// # Errors
    /// As [`Money::checked_add`].
    ///
    /// # Example
    /// ```
    /// use redress::{Currency, Money};
    /// use rust_decimal::Decimal;
    /// let a = Money::new(Decimal::new(4199, 2), Currency::EUR);
    /// let b = Money::new(Decimal::new(5, 0), Currency::EUR);
    /// assert_eq!(a.checked_sub(b)?.amount, Decimal::new(3699, 2));
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        self.same_currency(&other)?;
        let amount = self
            .amount
            .checked_sub(other.amount)
            .ok_or_else(|| Error::overflow(format!("{self} - {other}")))?;
        Ok(Money::new(amount, self.currency))
    }

    /// Multiplies by a plain number.
    ///
    /// # Errors
    /// [`Error::Overflow`] past `Decimal::MAX`.
    ///
    /// # Example
    /// ```
    /// use redress::{Currency, Money};
    /// use rust_decimal::Decimal;
    /// let day = Money::new(Decimal::new(998, 2), Currency::GBP);
    /// assert_eq!(day.checked_mul(Decimal::from(3))?.amount, Decimal::new(2994, 2));
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn checked_mul(self, factor: Decimal) -> Result<Money> {
        let amount = self
            .amount
            .checked_mul(factor)
            .ok_or_else(|| Error::overflow(format!("{self} × {factor}")))?;
        Ok(Money::new(amount, self.currency))
    }

    /// Rounds by a rule.
    ///
    /// # Example
    /// ```
    /// use redress::{Currency, Money};
    /// use rust_decimal::Decimal;
    /// let m = Money::new(Decimal::new(71649, 4), Currency::EUR); // 7.1649
    /// assert_eq!(m.round(Currency::EUR.rounding()).to_string(), "7.16 EUR");
    /// ```
    pub fn round(self, rounding: Rounding) -> Money {
        Money::new(rounding.apply(self.amount), self.currency)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn rounding_pads_to_the_scale() {
        assert_eq!(
            RoundingMode::HalfAwayFromZero
                .round(d("14.5"), 2)
                .to_string(),
            "14.50"
        );
        assert_eq!(Money::zero(Currency::USD).amount.to_string(), "0.00");
    }

    #[test]
    fn mixing_currencies_is_an_error() {
        let usd = Money::new(Decimal::ONE, Currency::USD);
        let gbp = Money::new(Decimal::ONE, Currency::GBP);
        assert_eq!(
            usd.checked_add(gbp),
            Err(Error::CurrencyMismatch {
                left: "USD".into(),
                right: "GBP".into()
            })
        );
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        let max = Money::new(Decimal::MAX, Currency::USD);
        assert!(matches!(max.checked_add(max), Err(Error::Overflow { .. })));
        assert!(matches!(
            max.checked_mul(d("2")),
            Err(Error::Overflow { .. })
        ));
    }
}
