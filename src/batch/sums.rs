//! Sums of money that stay exact: a batch adds up millions of totals, and a sum that
//! grew past what a `Decimal` holds to the currency's minor unit must be refused, not
//! rounded to fewer places (which `checked_add` does without an error).

use rust_decimal::Decimal;

/// `a + b` exactly, or `None`: the quick sum where it applies ([`add_alike`]), else
/// [`exact_sum`].
#[inline]
pub(crate) fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    add_alike(a, b).or_else(|| exact_sum(a, b))
}

/// `a.checked_add(b)` for the sums a summary nearly always makes: two amounts of the
/// same scale (the currency's minor unit), neither negative (nor a negative zero), whose
/// mantissas and their sum fit 64 bits. Their sum is then the sum of the mantissas at
/// that scale, exactly what `checked_add` gives, found without its general alignment of
/// scales. None for any other pair.
pub(crate) fn add_alike(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.scale() != b.scale() || a.is_sign_negative() || b.is_sign_negative() {
        return None;
    }
    let sum = u64::try_from(a.mantissa())
        .ok()?
        .checked_add(u64::try_from(b.mantissa()).ok()?)?;
    Decimal::try_from_i128_with_scale(i128::from(sum), a.scale()).ok()
}

/// `a + b` exactly, or None. A sum past `Decimal`'s 96-bit mantissa at the operands'
/// places is rounded by `checked_add` to fewer places (cents dropped, with no error)
/// until it fits; such a sum is refused here: it keeps at least the places of both.
pub(crate) fn exact_sum(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale().max(b.scale());
    // A zero added gives back the other operand, at its own places.
    let mut sum = match (a.is_zero(), b.is_zero()) {
        (true, _) => b,
        (_, true) => a,
        _ => a.checked_add(b)?,
    };
    if sum.scale() < scale && sum.is_zero() || a.is_zero() || b.is_zero() {
        sum.rescale(scale);
    }
    (sum.scale() >= scale).then_some(sum)
}
