//! Rounding: the modes and rules a policy names, and the divisions a rate is worked
//! out with, exact where the quotient ends and rounded the way `Decimal` rounds.

use std::cmp::Ordering;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

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
}
