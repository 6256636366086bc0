//! Money: a `Decimal` amount with an explicit ISO 4217 currency.
//!
//! Arithmetic is checked (overflow is an [`Error::Overflow`], never a panic) and
//! refuses to mix currencies. Rounding is a value, [`Rounding`], that a policy
//! names; the engine applies it once per claim line.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

/// How a value is brought to a scale.
///
/// # Example
/// ```
/// use redress::RoundingMode;
/// use rust_decimal::Decimal;
/// let x = Decimal::new(2345, 3); // 2.345
/// assert_eq!(RoundingMode::HalfAwayFromZero.round(x, 2), Decimal::new(235, 2));
/// assert_eq!(RoundingMode::HalfEven.round(x, 2), Decimal::new(234, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RoundingMode {
    /// 2.345 → 2.35, −2.345 → −2.35 (the usual commercial rule).
    HalfAwayFromZero,
    /// 2.345 → 2.34, 2.355 → 2.36 (banker's rounding).
    HalfEven,
    /// 2.349 → 2.34 (truncation).
    TowardZero,
    /// 2.341 → 2.35.
    AwayFromZero,
}

impl RoundingMode {
    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::TowardZero => RoundingStrategy::ToZero,
            RoundingMode::AwayFromZero => RoundingStrategy::AwayFromZero,
        }
    }

    /// Rounds `value` to `scale` digits after the point, keeping trailing zeros
    /// so that `2.5` at scale 2 reads `2.50`.
    ///
    /// # Example
    /// ```
    /// use redress::RoundingMode;
    /// use rust_decimal::Decimal;
    /// let x = RoundingMode::TowardZero.round(Decimal::new(25, 1), 2);
    /// assert_eq!(x.to_string(), "2.50");
    /// ```
    pub fn round(self, value: Decimal, scale: u32) -> Decimal {
        if let Some(rounded) = self.round_by_division(value, scale) {
            return rounded;
        }
        let mut rounded = value.round_dp_with_strategy(scale, self.strategy());
        // round_dp never raises the scale; rescale pads with zeros and cannot lose digits here.
        rounded.rescale(scale);
        rounded
    }

    /// [`RoundingMode::round`] as one integer division of the mantissa, where it gives
    /// the very same `Decimal` (a unit test compares the two over every mode): for a
    /// value with more digits than `scale` that does not round to zero (whose sign
    /// `rust_decimal` keeps). `round_dp_with_strategy` drops one digit at a time, which
    /// costs several times more on the 28-digit quotients that rates divide into.
    fn round_by_division(self, value: Decimal, scale: u32) -> Option<Decimal> {
        let dropped = value.scale().checked_sub(scale).filter(|d| *d > 0)?;
        let factor = power_of_ten(dropped)?;
        let rounded = self.round_quotient(value.mantissa(), factor)?;
        if rounded == 0 {
            return None;
        }
        Decimal::try_from_i128_with_scale(rounded, scale).ok()
    }

    /// `dividend / divisor` rounded to an integer by the mode. `divisor` must be
    /// positive (`None` otherwise). Quotients of 64-bit numbers, the usual case, take
    /// the processor's own division rather than a 128-bit one in software.
    fn round_quotient(self, dividend: i128, divisor: i128) -> Option<i128> {
        if divisor <= 0 {
            return None;
        }
        if let (Ok(dividend), Ok(divisor)) = (i64::try_from(dividend), u64::try_from(divisor)) {
            let magnitude = dividend.unsigned_abs();
            let truncated = magnitude / divisor;
            let remainder = magnitude % divisor;
            // remainder < divisor < 2^64, so the comparison is made in 128 bits.
            let twice = u128::from(remainder) * 2;
            let away = self.away_from_zero(
                twice.cmp(&u128::from(divisor)),
                remainder != 0,
                truncated % 2 != 0,
            );
            let rounded = i128::from(truncated) + i128::from(away);
            return Some(if dividend < 0 { -rounded } else { rounded });
        }
        let truncated = dividend / divisor;
        // |remainder| < divisor, so twice it cannot overflow an u128.
        let remainder = (dividend - truncated * divisor).unsigned_abs();
        let away = self.away_from_zero(
            (remainder * 2).cmp(&divisor.unsigned_abs()),
            remainder != 0,
            truncated % 2 != 0,
        );
        Some(if away {
            truncated + dividend.signum()
        } else {
            truncated
        })
    }

    /// Whether a truncated quotient moves one unit away from zero: the one place a
    /// dropped remainder is resolved, from how twice the remainder compares with the
    /// divisor (below, at or above the midpoint), whether there is a remainder at all,
    /// and whether the truncated quotient is odd.
    fn away_from_zero(self, twice_remainder: Ordering, inexact: bool, odd: bool) -> bool {
        match self {
            RoundingMode::TowardZero => false,
            RoundingMode::AwayFromZero => inexact,
            RoundingMode::HalfAwayFromZero => twice_remainder != Ordering::Less,
            RoundingMode::HalfEven => {
                twice_remainder == Ordering::Greater || (twice_remainder == Ordering::Equal && odd)
            }
        }
    }
}

/// A rounding rule: how many digits to keep and how to drop the rest.
///
/// # Example
/// ```
/// use redress::{Rounding, RoundingMode};
/// use rust_decimal::Decimal;
/// let r = Rounding { scale: 2, mode: RoundingMode::HalfAwayFromZero };
/// assert_eq!(r.apply(Decimal::new(41994, 3)), Decimal::new(4199, 2)); // 41.994 → 41.99
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    /// Digits kept after the decimal point.
    pub scale: u32,
    /// How the dropped digits are resolved.
    pub mode: RoundingMode,
}

impl Rounding {
    /// Applies the rule.
    ///
    /// # Example
    /// ```
    /// use redress::{Rounding, RoundingMode};
    /// use rust_decimal::Decimal;
    /// let r = Rounding { scale: 0, mode: RoundingMode::HalfEven };
    /// assert_eq!(r.apply(Decimal::new(25, 1)), Decimal::new(2, 0));
    /// ```
    pub fn apply(&self, value: Decimal) -> Decimal {
        self.mode.round(value, self.scale)
    }

    /// [`Rounding::apply`], refusing a value too large to be written with the rule's
    /// places: a `Decimal` holds 28 or 29 digits, so a value above about 7.9 × 10²⁶
    /// cannot keep two decimal places, and `apply` would give it fewer (losing its
    /// cents without a word).
    ///
    /// # Errors
    /// [`Error::Overflow`] naming the value and the places it cannot keep.
    ///
    /// # Example
    /// ```
    /// use redress::{Rounding, RoundingMode};
    /// use rust_decimal::Decimal;
    /// let cents = Rounding { scale: 2, mode: RoundingMode::HalfAwayFromZero };
    /// assert_eq!(cents.apply_checked(Decimal::new(41995, 3))?.to_string(), "42.00");
    /// let huge: Decimal = "1000000000000000000000000000.5".parse().unwrap(); // 10²⁷ + ½
    /// assert_eq!(cents.apply(huge).to_string(), "1000000000000000000000000000.5");
    /// assert!(cents.apply_checked(huge).is_err());
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn apply_checked(&self, value: Decimal) -> Result<Decimal> {
        let rounded = self.apply(value);
        if rounded.scale() == self.scale {
            return Ok(rounded);
        }
        Err(Error::overflow(format!(
            "the amount {value} has too many digits to be kept to {} decimal places \
             (an amount holds about 28 digits)",
            self.scale
        )))
    }

    /// `self.apply(dividend / divisor)` with `Decimal`'s own division, for the
    /// dividend `mantissa × 10^-scale` given by its parts (so a product such as price
    /// × units is one integer multiplication), worked out as one exact integer
    /// division where that is known to give the same result; `None` elsewhere (the
    /// caller then divides and applies the rule).
    ///
    /// `Decimal` divides to 28 or more significant digits. Where the quotient is below
    /// 10¹² and `divisor × 10^(scale + this scale) ≤ 10¹⁴`, its error is below 10⁻¹⁶,
    /// while an exact quotient that is not on a rounding boundary (a multiple of half
    /// a unit of this scale) is at least 1 / (2 × 10¹⁴) from one: both round the same
    /// way, and a quotient on a boundary has few enough digits to be exact. The
    /// dividend is then below 10²⁶, which `Decimal` holds exactly too. A zero result
    /// is left to `apply`, which keeps `Decimal`'s sign of zero.
    pub(crate) fn apply_ratio(&self, mantissa: i128, scale: u32, divisor: u32) -> Option<Decimal> {
        const BOUNDARY_LIMIT: i128 = 100_000_000_000_000; // 10^14
        let divisor = i128::from(divisor);
        let dividend_scale = power_of_ten(scale)?;
        let this_scale = power_of_ten(self.scale)?;
        // The exact quotient is mantissa / (divisor × 10^dividend's scale).
        let denominator = divisor.checked_mul(dividend_scale).filter(|d| *d > 0)?;
        denominator
            .checked_mul(this_scale)
            .filter(|spacing| *spacing <= BOUNDARY_LIMIT)?;
        let quotient_limit = denominator.checked_mul(1_000_000_000_000)?; // 10^12
        if mantissa.unsigned_abs() >= quotient_limit.unsigned_abs() {
            return None;
        }
        let rounded = self
            .mode
            .round_quotient(mantissa.checked_mul(this_scale)?, denominator)?;
        if rounded == 0 {
            return None;
        }
        Decimal::try_from_i128_with_scale(rounded, self.scale).ok()
    }
}

/// `dividend / divisor`, with the same value as `Decimal`'s division and `None`
/// where that gives none.
///
/// A quotient that ends is worked out exactly with integer divisions, and written at
/// the dividend's places when they hold it (3 × 65.00 / 30 = 6.50), otherwise at the
/// fewest places that do (3 × 79.99 / 30 = 7.999). One that never ends (79.99 / 30)
/// is `Decimal`'s own division to 28 digits. This is faster than `Decimal`'s division
/// for the daily rates most rules use, and says where the places come from: after
/// an exact division `Decimal` keeps some trailing zeros and drops others, as its
/// internal scaling happens to fall.
pub(crate) fn divide(dividend: Decimal, divisor: u32) -> Option<Decimal> {
    match terminating_quotient(dividend, divisor) {
        Some(quotient) => Some(quotient),
        None => dividend.checked_div(Decimal::from(divisor)),
    }
}

/// `a × b`, or `None` where the product does not fit: `Decimal` keeps 28 or 29 digits,
/// and a product needing more is rounded to fewer places without a word
/// (5000000000000000000000000000.1 × 3 gives …000, losing the .3). A product is
/// taken as exact when it keeps every place its factors give it, or at least 20 of
/// them: places beyond the 20th are far below any currency's minor unit.
pub(crate) fn exact_product(a: Decimal, b: Decimal) -> Option<Decimal> {
    const PLACES_KEPT: u32 = 20;
    let product = a.checked_mul(b)?;
    let wanted = (a.scale() + b.scale()).min(PLACES_KEPT);
    (product.scale() >= wanted || product.is_zero()).then_some(product)
}

/// `dividend / divisor` rounded by a rule: the value of `rounding.apply(divide(…))`.
///
/// A quotient that ends is found exactly and rounded. One that never ends is rounded
/// straight from the integers where [`Rounding::apply_ratio`] proves that gives the
/// same value, without `Decimal`'s division to 28 digits; otherwise it is divided and
/// rounded.
pub(crate) fn divide_rounded(
    dividend: Decimal,
    divisor: u32,
    rounding: Rounding,
) -> Option<Decimal> {
    if let Some(quotient) = terminating_quotient(dividend, divisor) {
        return Some(rounding.apply(quotient));
    }
    if let Some(rounded) = rounding.apply_ratio(dividend.mantissa(), dividend.scale(), divisor) {
        return Some(rounded);
    }
    dividend
        .checked_div(Decimal::from(divisor))
        .map(|quotient| rounding.apply(quotient))
}

/// The exact quotient where it ends within `Decimal`'s 28 places and the dividend's
/// digits fit a `u64`, at the places [`divide`] states; `None` otherwise.
///
/// The fewest places beyond the dividend's are the smallest `k` for which `divisor`
/// goes into `mantissa × 10^k`.
fn terminating_quotient(dividend: Decimal, divisor: u32) -> Option<Decimal> {
    const MAX_SCALE: u32 = 28;
    if divisor == 0 {
        return None;
    }
    if dividend.is_zero() {
        // What `Decimal`'s division gives for any zero dividend.
        return Some(Decimal::ZERO);
    }
    let magnitude = u64::try_from(dividend.mantissa().unsigned_abs()).ok()?;
    let divisor = u64::from(divisor);
    // Powers of ten bring only twos and fives: the rest of the divisor must go into
    // the dividend's digits, or the quotient never ends.
    let mut rest = divisor;
    while rest % 2 == 0 {
        rest /= 2;
    }
    while rest % 5 == 0 {
        rest /= 5;
    }
    if magnitude % rest != 0 {
        return None;
    }
    let mut numerator = magnitude;
    let mut scale = dividend.scale();
    while numerator % divisor != 0 {
        if scale >= MAX_SCALE {
            return None;
        }
        numerator = numerator.checked_mul(10)?;
        scale += 1;
    }
    let quotient = i128::from(numerator / divisor);
    let signed = if dividend.is_sign_negative() {
        -quotient
    } else {
        quotient
    };
    Decimal::try_from_i128_with_scale(signed, scale).ok()
}

/// 10^exponent for the exponents a `Decimal` scale can have (0 to 28), from a
/// table rather than repeated multiplication.
fn power_of_ten(exponent: u32) -> Option<i128> {
    const POWERS: [i128; 29] = [
        1,
        10,
        100,
        1_000,
        10_000,
        100_000,
        1_000_000,
        10_000_000,
        100_000_000,
        1_000_000_000,
        10_000_000_000,
        100_000_000_000,
        1_000_000_000_000,
        10_000_000_000_000,
        100_000_000_000_000,
        1_000_000_000_000_000,
        10_000_000_000_000_000,
        100_000_000_000_000_000,
        1_000_000_000_000_000_000,
        10_000_000_000_000_000_000,
        100_000_000_000_000_000_000,
        1_000_000_000_000_000_000_000,
        10_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000,
        1_000_000_000_000_000_000_000_000,
        10_000_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000_000,
        1_000_000_000_000_000_000_000_000_000,
        10_000_000_000_000_000_000_000_000_000,
    ];
    POWERS.get(usize::try_from(exponent).ok()?).copied()
}

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

/// Splits `total` into parts proportional to `weights`, at `scale` digits, so that
/// the parts add up to `total` exactly.
///
/// Each part is first truncated toward zero; the minor units left over go one at a
/// time to the parts with the largest truncated remainders (earlier parts win ties).
/// This is the allocation used to price the services of a bundle.
///
/// # Errors
/// [`Error::Invalid`] when there are no weights, a weight is negative, the weights sum
/// to zero, or `total` has more digits than `scale`; [`Error::Overflow`] when a product
/// leaves `Decimal`'s range.
///
/// # Example
/// ```
/// use redress::money::allocate;
/// use rust_decimal::Decimal;
/// // 100.00 in thirds: 33.34 + 33.33 + 33.33
/// let parts = allocate(Decimal::new(10000, 2), &[Decimal::ONE; 3], 2)?;
/// assert_eq!(parts, vec![Decimal::new(3334, 2), Decimal::new(3333, 2), Decimal::new(3333, 2)]);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn allocate(total: Decimal, weights: &[Decimal], scale: u32) -> Result<Vec<Decimal>> {
    let path = crate::error::FieldPath::root("weights");
    if weights.is_empty() {
        return Err(Error::invalid(path, "at least one weight is needed"));
    }
    if weights.iter().any(|w| w.is_sign_negative() && !w.is_zero()) {
        return Err(Error::invalid(path, "weights cannot be negative"));
    }
    let mut sum = Decimal::ZERO;
    for w in weights {
        sum = sum
            .checked_add(*w)
            .ok_or_else(|| Error::overflow("sum of allocation weights"))?;
    }
    if sum.is_zero() {
        return Err(Error::invalid(path, "weights sum to zero"));
    }
    if RoundingMode::TowardZero.round(total, scale) != total {
        return Err(Error::invalid(
            crate::error::FieldPath::root("total"),
            format!("{total} has more than {scale} digits after the point"),
        ));
    }
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    let mut allotted = Decimal::ZERO;
    for w in weights {
        let exact = total
            .checked_mul(*w)
            .and_then(|x| x.checked_div(sum))
            .ok_or_else(|| Error::overflow(format!("{total} × {w} / {sum}")))?;
        let part = RoundingMode::TowardZero.round(exact, scale);
        remainders.push((exact - part).abs());
        allotted = allotted
            .checked_add(part)
            .ok_or_else(|| Error::overflow("allocated parts"))?;
        parts.push(part);
    }
    let unit = if total.is_sign_negative() {
        -Decimal::new(1, scale)
    } else {
        Decimal::new(1, scale)
    };
    let mut left = (total - allotted).abs();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    // Stable sort keeps earlier parts first among equal remainders.
    order.sort_by(|a, b| {
        let ra = remainders.get(*a).copied().unwrap_or_default();
        let rb = remainders.get(*b).copied().unwrap_or_default();
        rb.cmp(&ra)
    });
    for i in order {
        if left < unit.abs() {
            break;
        }
        if let Some(p) = parts.get_mut(i) {
            *p += unit;
            left -= unit.abs();
        }
    }
    for p in &mut parts {
        p.rescale(scale);
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    /// The division shortcut gives exactly what rust_decimal's own rounding gives: the
    /// same value, scale and sign, for every mode, for values of any scale.
    #[test]
    fn rounding_by_division_is_rust_decimals_rounding() {
        use proptest::prelude::*;
        let mut runner = proptest::test_runner::TestRunner::default();
        let modes = [
            RoundingMode::HalfAwayFromZero,
            RoundingMode::HalfEven,
            RoundingMode::TowardZero,
            RoundingMode::AwayFromZero,
        ];
        let mantissa = prop_oneof![
            -100_000i128..100_000,
            -(1i128 << 95)..(1i128 << 95),
            // Midpoints: ...5 followed by zeros.
            (-1_000_000i128..1_000_000).prop_map(|m| m * 1_000 + 500),
        ];
        runner
            .run(&(mantissa, 0u32..=28, 0u32..=6), |(mantissa, from, to)| {
                let value = Decimal::from_i128_with_scale(mantissa, from);
                for mode in modes {
                    let mut expected = value.round_dp_with_strategy(to, mode.strategy());
                    expected.rescale(to);
                    let got = mode.round(value, to);
                    prop_assert_eq!(
                        got.to_string(),
                        expected.to_string(),
                        "{:?} {} to {}",
                        mode,
                        value,
                        to
                    );
                    prop_assert_eq!(got.scale(), expected.scale());
                }
                Ok(())
            })
            .unwrap();
    }

    /// The table of powers of ten is 10^n for every scale a `Decimal` can have.
    #[test]
    fn powers_of_ten_are_powers_of_ten() {
        for n in 0..=28u32 {
            assert_eq!(super::power_of_ten(n), 10i128.checked_pow(n), "10^{n}");
        }
        assert_eq!(super::power_of_ten(29), None);
    }

    /// Worked by hand: 3 × 65.00 / 30 = 195.00 / 30 = 6.50 exactly, at the dividend's
    /// two places; 3 × 79.99 / 30 = 239.97 / 30 = 7.999, which needs a third; 79.99 /
    /// 30 = 2.66633… never ends and is `Decimal`'s own 28-digit division.
    #[test]
    fn dividing_keeps_decimals_places() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(divide(d("195.00"), 30).unwrap().to_string(), "6.50");
        assert_eq!(divide(d("239.97"), 30).unwrap().to_string(), "7.999");
        assert_eq!(divide(d("-239.97"), 30).unwrap().to_string(), "-7.999");
        assert_eq!(
            divide(d("79.99"), 30).unwrap().to_string(),
            "2.6663333333333333333333333333"
        );
        assert_eq!(divide(d("0.00"), 30).unwrap().to_string(), "0");
        assert_eq!(divide(d("1"), 0), None);
    }

    /// `divide` has `Decimal`'s value (and sign) wherever `Decimal` answers, and
    /// answers where it does; a quotient that ends is at the dividend's places when
    /// they hold it, else at the fewest that do (its last digit is then not a zero).
    /// Random dividends, and dividends built as a quotient times the divisor so that the
    /// quotient ends, at every scale up to `Decimal`'s 28 places.
    #[test]
    fn dividing_is_decimals_division() {
        use proptest::prelude::*;
        let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
            cases: 20_000,
            ..Default::default()
        });
        let cases = (
            prop_oneof![0u32..=40, 1u32..=1_000_000, Just(u32::MAX)],
            0u32..=28,
            prop_oneof![
                (-(1i128 << 70)..(1i128 << 70)),
                (-1_000_000_000i128..1_000_000_000),
            ],
            any::<bool>(),
        );
        runner
            .run(&cases, |(divisor, scale, m, ending)| {
                let mantissa = if ending {
                    m.checked_mul(i128::from(divisor)).unwrap_or(m)
                } else {
                    m
                };
                let Ok(dividend) = Decimal::try_from_i128_with_scale(mantissa, scale) else {
                    return Ok(());
                };
                let expected = dividend.checked_div(Decimal::from(divisor));
                let got = divide(dividend, divisor);
                prop_assert_eq!(got, expected, "{} / {}", dividend, divisor);
                let (Some(got), Some(expected)) = (got, expected) else {
                    return Ok(());
                };
                prop_assert_eq!(got.is_sign_negative(), expected.is_sign_negative());
                if let Some(exact) = terminating_quotient(dividend, divisor) {
                    prop_assert_eq!(exact, got);
                    // Back to the dividend exactly: the quotient ends where it is written.
                    prop_assert_eq!(exact.checked_mul(Decimal::from(divisor)), Some(dividend));
                    if !exact.is_zero() && exact.scale() > dividend.scale() {
                        prop_assert_ne!(exact.mantissa() % 10, 0, "{} / {}", dividend, divisor);
                    } else if !exact.is_zero() {
                        prop_assert_eq!(exact.scale(), dividend.scale());
                    }
                }
                Ok(())
            })
            .unwrap();
    }

    /// Rounding an exact quotient gives what dividing with `Decimal` and rounding
    /// gives (value, scale and sign), wherever it answers: for random quotients, and
    /// for quotients exactly on a rounding boundary or a hair either side of one.
    #[test]
    fn rounding_a_quotient_is_rounding_decimals_division() {
        use proptest::prelude::*;
        let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
            cases: 20_000,
            ..Default::default()
        });
        let modes = [
            RoundingMode::HalfAwayFromZero,
            RoundingMode::HalfEven,
            RoundingMode::TowardZero,
            RoundingMode::AwayFromZero,
        ];
        // (divisor, rounding scale, dividend scale, the dividend's mantissa or, for a
        // boundary, the multiple of half a unit the quotient is, and a nudge).
        let cases = (
            prop_oneof![1u32..=31, 1u32..=1_000_000],
            0u32..=6,
            0u32..=8,
            prop_oneof![
                (-(1i128 << 60)..(1i128 << 60)).prop_map(|m| (m, None)),
                ((-10_000_000i128..10_000_000), -1i128..=1).prop_map(|(k, n)| (k, Some(n))),
            ],
        );
        runner
            .run(&cases, |(divisor, scale, dividend_scale, (m, boundary))| {
                // On a boundary: dividend = divisor × (k / (2 × 10^scale)), at a scale
                // that holds it exactly, nudged by one unit of that scale when asked.
                let dividend = match boundary {
                    None => Decimal::from_i128_with_scale(m, dividend_scale),
                    Some(nudge) => {
                        let exact_scale = scale + 1;
                        let mantissa = m * i128::from(divisor) * 5 + nudge;
                        Decimal::from_i128_with_scale(mantissa, exact_scale)
                    }
                };
                for mode in modes {
                    let rounding = Rounding { scale, mode };
                    // Dividing and rounding in one step is dividing, then rounding.
                    prop_assert_eq!(
                        super::divide_rounded(dividend, divisor, rounding).map(|d| d.to_string()),
                        super::divide(dividend, divisor).map(|q| rounding.apply(q).to_string()),
                        "{:?} {} / {} at {}",
                        mode,
                        dividend,
                        divisor,
                        scale
                    );
                    let Some(got) =
                        rounding.apply_ratio(dividend.mantissa(), dividend.scale(), divisor)
                    else {
                        continue;
                    };
                    let quotient = dividend.checked_div(Decimal::from(divisor));
                    let expected = quotient.map(|q| rounding.apply(q));
                    prop_assert_eq!(
                        Some(got.to_string()),
                        expected.map(|e| e.to_string()),
                        "{:?} {} / {} at {}",
                        mode,
                        dividend,
                        divisor,
                        scale
                    );
                }
                Ok(())
            })
            .unwrap();
    }

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

    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn rounding_modes_at_the_midpoint() {
        let cases = [
            (RoundingMode::HalfAwayFromZero, "2.345", "2.35"),
            (RoundingMode::HalfAwayFromZero, "-2.345", "-2.35"),
            (RoundingMode::HalfEven, "2.345", "2.34"),
            (RoundingMode::HalfEven, "2.355", "2.36"),
            (RoundingMode::TowardZero, "2.349", "2.34"),
            (RoundingMode::TowardZero, "-2.349", "-2.34"),
            (RoundingMode::AwayFromZero, "2.341", "2.35"),
            (RoundingMode::AwayFromZero, "2.340", "2.34"),
        ];
        for (mode, input, want) in cases {
            assert_eq!(
                mode.round(d(input), 2).to_string(),
                want,
                "{mode:?} {input}"
            );
        }
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

    #[test]
    fn currencies_know_their_minor_units() {
        assert_eq!(Currency::new("clp").unwrap().minor_units(), 0);
        assert_eq!(Currency::new("KWD").unwrap().minor_units(), 3);
        assert!(Currency::new("").is_err());
    }

    #[test]
    fn allocation_adds_up_exactly() {
        // 50.00 split 50/50 (RD 899/2009 bundle reading, telecom §3.1): 25.00 + 25.00.
        assert_eq!(
            allocate(d("50.00"), &[d("1"), d("1")], 2).unwrap(),
            vec![d("25.00"), d("25.00")]
        );
        // 0.05 in three equal parts: 0.02 + 0.02 + 0.01 (leftover cent to the first parts).
        assert_eq!(
            allocate(d("0.05"), &[d("1"), d("1"), d("1")], 2).unwrap(),
            vec![d("0.02"), d("0.02"), d("0.01")]
        );
        // 144.99 by weights 80:65 → 79.99 + 65.00 (exact shares 79.9944.., 64.9955..;
        // truncated 79.99 + 64.99 = 144.98, the leftover cent to the larger remainder, the second).
        assert_eq!(
            allocate(d("144.99"), &[d("80"), d("65")], 2).unwrap(),
            vec![d("79.99"), d("65.00")]
        );
    }

    #[test]
    fn allocation_refuses_bad_weights() {
        assert!(allocate(d("1.00"), &[], 2).is_err());
        assert!(allocate(d("1.00"), &[d("0")], 2).is_err());
        assert!(allocate(d("1.00"), &[d("-1"), d("2")], 2).is_err());
        assert!(allocate(d("1.005"), &[d("1")], 2).is_err());
    }
}
