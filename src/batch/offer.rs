//! What an account was offered or credited, against what it is owed.
//!
//! `redress batch --offer` assesses what a provider gave everyone (a policy, priced by
//! the same engine as the rest) and reads what each account actually received (the
//! `credited` column). The shortfall of an account under a policy is what it is owed
//! less what it received, never below zero. What it received is what was credited
//! when that is known, else what was offered: a credit that was promised but not paid
//! has not reached the customer, and one paid beyond the offer has.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{Error, FieldPath, Result};
use crate::money::Currency;

/// What an account is short of: `owed` less what it received, at least zero. What it
/// received is `credited` when known, else `offered`; `None` when neither is known.
///
/// # Example
/// ```
/// use redress::batch::shortfall;
/// use rust_decimal::Decimal;
/// let d = |s: &str| s.parse::<Decimal>().unwrap();
/// // Owed 8.00, offered 2.67: short 5.33.
/// assert_eq!(shortfall(d("8.00"), Some(d("2.67")), None), Some(d("5.33")));
/// // Credited 10.00 (more than owed): short of nothing, whatever the offer.
/// assert_eq!(shortfall(d("8.00"), Some(d("2.67")), Some(d("10.00"))), Some(d("0.00")));
/// // Credited 1.00 though 2.67 was offered: measured against what was credited.
/// assert_eq!(shortfall(d("8.00"), Some(d("2.67")), Some(d("1.00"))), Some(d("7.00")));
/// assert_eq!(shortfall(d("8.00"), None, None), None);
/// ```
pub fn shortfall(
    owed: Decimal,
    offered: Option<Decimal>,
    credited: Option<Decimal>,
) -> Option<Decimal> {
    let received = credited.or(offered)?;
    if let Some(short) = shortfall_alike(owed, received) {
        return Some(short);
    }
    // Both are at least zero and at most Decimal::MAX, so the difference never
    // overflows; a difference that did would be no shortfall to report.
    let short = owed.checked_sub(received)?;
    let mut zero = Decimal::ZERO;
    zero.rescale(owed.scale().max(received.scale()));
    Some(if short > zero { short } else { zero })
}

/// The shortfall of two amounts at the same places, neither negative (as a batch's
/// totals and credits in one currency are): their mantissas' difference, at least zero.
/// `None` for any other pair.
#[inline]
fn shortfall_alike(owed: Decimal, received: Decimal) -> Option<Decimal> {
    if owed.scale() != received.scale() || owed.is_sign_negative() || received.is_sign_negative() {
        return None;
    }
    // Mantissas of at most 96 bits: the difference cannot overflow an i128.
    let short = owed.mantissa().checked_sub(received.mantissa())?.max(0);
    Decimal::try_from_i128_with_scale(short, owed.scale()).ok()
}

/// Reads an account's `credited` field: empty is `None` (unknown); else a decimal with
/// a point, at least zero, with no more decimals than the currency's minor unit,
/// returned at that scale (`2.5` in USD is `2.50`).
///
/// # Errors
/// [`Error::Invalid`] at `credited`, in plain words, for anything else.
///
/// # Example
/// ```
/// use redress::batch::parse_credited;
/// use redress::Currency;
/// assert_eq!(parse_credited("", Currency::USD)?, None);
/// assert_eq!(parse_credited("2.5", Currency::USD)?.map(|d| d.to_string()), Some("2.50".into()));
/// assert!(parse_credited("-1", Currency::USD).is_err());
/// assert!(parse_credited("1.005", Currency::USD).is_err());
/// assert!(parse_credited("ten", Currency::USD).is_err());
/// # Ok::<(), redress::Error>(())
/// ```
pub fn parse_credited(text: &str, currency: Currency) -> Result<Option<Decimal>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let path = || FieldPath::root("credited");
    let plain = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && text.bytes().filter(|b| *b == b'.').count() <= 1
        && text.bytes().any(|b| b.is_ascii_digit());
    let value = if plain {
        Decimal::from_str(text).ok()
    } else {
        None
    };
    let Some(mut value) = value else {
        let why = if text.starts_with('-') {
            "what was credited cannot be negative".to_owned()
        } else {
            format!(
                "`{text}` is not an amount; write what the account received as a decimal \
                 with a point, in {} (`12.50`), or leave it empty when unknown",
                currency.code()
            )
        };
        return Err(Error::invalid(path(), why));
    };
    let units = currency.minor_units();
    if value.scale() > units {
        return Err(Error::invalid(
            path(),
            format!(
                "`{text}` has more decimals than {} has ({units}); write it to the {}",
                currency.code(),
                if units == 0 { "unit" } else { "minor unit" }
            ),
        ));
    }
    value.rescale(units);
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn shortfall_is_never_below_zero_and_prefers_what_was_credited() {
        // 8.00 − 2.67 = 5.33
        assert_eq!(shortfall(d("8.00"), Some(d("2.67")), None), Some(d("5.33")));
        // 2.67 − 8.00 < 0 → 0.00
        assert_eq!(
            shortfall(d("2.67"), Some(d("8.00")), None).map(|x| x.to_string()),
            Some("0.00".into())
        );
        // credited 3.00 though nothing was offered: 8.00 − 3.00 = 5.00
        assert_eq!(shortfall(d("8.00"), None, Some(d("3.00"))), Some(d("5.00")));
        assert_eq!(shortfall(d("8.00"), None, None), None);
    }

    /// The general shortfall, without the quick path, to check the quick path against.
    fn general(owed: Decimal, received: Decimal) -> Option<Decimal> {
        let short = owed.checked_sub(received)?;
        let mut zero = Decimal::ZERO;
        zero.rescale(owed.scale().max(received.scale()));
        Some(if short > zero { short } else { zero })
    }

    proptest::proptest! {
        /// The quick shortfall of amounts at the same places is the general one, to
        /// the digit and the places.
        #[test]
        fn the_quick_shortfall_is_the_general_one(
            owed in 0i64..i64::MAX, received in 0i64..i64::MAX, scale in 0u32..=4,
        ) {
            let (owed, received) = (Decimal::new(owed, scale), Decimal::new(received, scale));
            let quick = shortfall_alike(owed, received).map(|d| d.serialize());
            proptest::prop_assert_eq!(quick, general(owed, received).map(|d| d.serialize()));
        }
    }

    #[test]
    fn the_quick_shortfall_leaves_other_pairs_to_the_general_one() {
        assert_eq!(shortfall_alike(d("8.00"), d("2.5")), None);
        assert_eq!(shortfall_alike(d("-1.00"), d("2.50")), None);
        // 8.00 − 2.5 = 5.50, at the places of both
        assert_eq!(
            shortfall(d("8.00"), Some(d("2.5")), None).map(|x| x.to_string()),
            Some("5.50".into())
        );
    }

    #[test]
    fn credited_is_refused_in_plain_words() {
        let e = parse_credited("1,000.00", Currency::USD)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("credited: "), "{e}");
        assert!(e.contains("not an amount"), "{e}");
        let e = parse_credited("-2", Currency::USD).unwrap_err().to_string();
        assert!(e.contains("cannot be negative"), "{e}");
        let e = parse_credited("5.5", Currency::new("JPY").unwrap_or(Currency::USD))
            .unwrap_err()
            .to_string();
        assert!(e.contains("more decimals than JPY has (0)"), "{e}");
        assert_eq!(
            parse_credited(" 7 ", Currency::USD)
                .ok()
                .flatten()
                .map(|x| x.to_string()),
            Some("7.00".into())
        );
    }
}
