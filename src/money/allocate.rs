//! Splitting a total into parts in proportion to weights, so the parts add up to
//! the total exactly.

use rust_decimal::Decimal;

use super::RoundingMode;
use crate::error::{Error, Result};

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
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn allocation_adds_up_exactly() {
        // 50.00 split 50/50 (a bundle shared equally between its two services, as RD 899/2009 art. 15 is read for bundles): 25.00 + 25.00.
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
