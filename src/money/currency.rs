//! Currencies: ISO 4217 codes with the minor units (digits after the point) each
//! is written to.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Rounding, RoundingMode};
use crate::error::{Error, Result};

/// ISO 4217 codes redress knows, with their minor units (digits after the point),
/// sorted by code so a lookup is a binary search.
const CURRENCIES: &[(&str, u32)] = &[
    ("AED", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CLF", 4),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HKD", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("MXN", 2),
    ("MYR", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PEN", 2),
    ("PHP", 2),
    ("PLN", 2),
    ("RON", 2),
    ("SAR", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("THB", 2),
    ("TND", 3),
    ("TRY", 2),
    ("TWD", 2),
    ("UAH", 2),
    ("USD", 2),
    ("UYU", 2),
    ("VND", 0),
    ("ZAR", 2),
];

/// An ISO 4217 currency whose minor units redress knows.
///
/// # Example
/// ```
/// use redress::Currency;
/// let gbp = Currency::new("gbp")?;
/// assert_eq!(gbp.code(), "GBP");
/// assert_eq!(gbp.minor_units(), 2);
/// assert_eq!(Currency::new("JPY")?.minor_units(), 0);
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: &'static str,
    minor_units: u32,
}

impl Currency {
    /// US dollar.
    pub const USD: Currency = Currency {
        code: "USD",
        minor_units: 2,
    };
    /// Euro.
    pub const EUR: Currency = Currency {
        code: "EUR",
        minor_units: 2,
    };
    /// Pound sterling.
    pub const GBP: Currency = Currency {
        code: "GBP",
        minor_units: 2,
    };
    /// Australian dollar.
    pub const AUD: Currency = Currency {
        code: "AUD",
        minor_units: 2,
    };
    /// Canadian dollar.
    pub const CAD: Currency = Currency {
        code: "CAD",
        minor_units: 2,
    };

    /// Looks a currency up by its ISO 4217 code (case-insensitive).
    ///
    /// # Errors
    /// [`Error::UnknownCurrency`] when the code is not one redress knows.
    ///
    /// # Example
    /// ```
    /// use redress::Currency;
    /// assert_eq!(Currency::new("EUR")?, Currency::EUR);
    /// assert!(Currency::new("EURO").is_err());
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn new(code: &str) -> Result<Currency> {
        // Codes are found whatever their letter case, in the sorted table.
        let wanted = code.trim().bytes().map(|b| b.to_ascii_uppercase());
        CURRENCIES
            .binary_search_by(|(c, _)| c.bytes().cmp(wanted.clone()))
            .ok()
            .and_then(|at| CURRENCIES.get(at))
            .map(|&(code, minor_units)| Currency { code, minor_units })
            .ok_or_else(|| Error::UnknownCurrency {
                code: code.to_owned(),
            })
    }

    /// The three-letter code, upper case.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::Currency::USD.code(), "USD");
    /// ```
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// How many digits follow the decimal point in this currency (2 for USD, 0 for JPY).
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::Currency::EUR.minor_units(), 2);
    /// ```
    pub fn minor_units(&self) -> u32 {
        self.minor_units
    }

    /// The default rounding for this currency: half away from zero to its minor unit.
    ///
    /// # Example
    /// ```
    /// use redress::{Currency, Rounding, RoundingMode};
    /// assert_eq!(Currency::USD.rounding(), Rounding { scale: 2, mode: RoundingMode::HalfAwayFromZero });
    /// ```
    pub fn rounding(&self) -> Rounding {
        Rounding {
            scale: self.minor_units,
            mode: RoundingMode::HalfAwayFromZero,
        }
    }

    /// An amount written to this currency's minor units (`14.5` → `14.50` in USD), as
    /// a claim's total is: a sum of rounded lines. More places than the currency has
    /// are rounded half away from zero.
    ///
    /// # Errors
    /// [`Error::Overflow`] when the amount has too many digits to keep the minor units:
    /// a `Decimal` holds 28 or 29 digits, so about 7.9 × 10²⁶ is the most that can be
    /// written to the cent. Writing it with fewer places would drop the cents without
    /// a word.
    ///
    /// # Example
    /// ```
    /// use redress::Currency;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Currency::USD.to_minor_units(Decimal::new(145, 1))?.to_string(), "14.50");
    /// assert_eq!(Currency::new("JPY")?.to_minor_units(Decimal::new(1200, 0))?.to_string(), "1200");
    /// let huge: Decimal = "1000000000000000000000000000".parse().unwrap(); // 10²⁷
    /// assert!(Currency::USD.to_minor_units(huge).is_err());
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn to_minor_units(&self, amount: Decimal) -> Result<Decimal> {
        // A sum of lines rounded to the minor units is written with them already.
        if amount.scale() == self.minor_units {
            return Ok(amount);
        }
        let mut written = amount;
        written.rescale(self.minor_units);
        if written.scale() == self.minor_units {
            return Ok(written);
        }
        Err(Error::overflow(format!(
            "{amount} {} has too many digits to be kept to its {} decimal places \
             (an amount holds about 28 digits)",
            self.code, self.minor_units
        )))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Currency> {
        Currency::new(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::new(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_currency_table_is_sorted_for_its_binary_search() {
        assert!(super::CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
        for (code, _) in super::CURRENCIES {
            assert_eq!(
                super::Currency::new(code).map(|c| c.code()).ok(),
                Some(*code)
            );
            let lower = code.to_ascii_lowercase();
            assert_eq!(
                super::Currency::new(&format!(" {lower} "))
                    .map(|c| c.code())
                    .ok(),
                Some(*code)
            );
        }
        assert!(super::Currency::new("US").is_err());
        assert!(super::Currency::new("USDX").is_err());
        assert!(super::Currency::new("").is_err());
    }

    #[test]
    fn currencies_know_their_minor_units() {
        assert_eq!(Currency::new("clp").unwrap().minor_units(), 0);
        assert_eq!(Currency::new("KWD").unwrap().minor_units(), 3);
        assert!(Currency::new("").is_err());
    }
}
