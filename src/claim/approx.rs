//! Figures as a person reads them: exact where they end within a few places, otherwise
//! rounded and marked "≈". The exact values stay in the claim (and its JSON).

use rust_decimal::{Decimal, RoundingStrategy};

/// The most decimal places a figure is written exactly with. A quotient that never ends
/// (79.99 / 30 = 2.6663…) has 28 and is written rounded, after "≈".
pub(crate) const EXACT_PLACES: u32 = 8;

/// A figure as it is when it ends within [`EXACT_PLACES`] (`7.999`), otherwise rounded
/// half away from zero to `places` after "≈ " (`≈ 2.6663`).
pub(crate) fn figure(value: Decimal, places: u32) -> String {
    let value = value.normalize();
    if value.scale() <= EXACT_PLACES {
        value.to_string()
    } else {
        format!(
            "≈ {}",
            value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
        )
    }
}

/// How a line's unrounded amount follows its working, and whether the rounded amount
/// must follow it: `= 7.999` (then the amount), `≈ 21.00` (nothing more: the amount is
/// that figure to the currency's `minor` places), or `≈ 20.9977` (then the amount,
/// which the policy's rounding made something else).
pub(crate) fn unrounded(unrounded: Decimal, amount: Decimal, minor: u32) -> (String, bool) {
    let exact = unrounded.normalize();
    if exact.scale() <= EXACT_PLACES {
        return (format!("= {exact}"), true);
    }
    let near = exact.round_dp_with_strategy(minor, RoundingStrategy::MidpointAwayFromZero);
    if near == amount {
        (format!("≈ {amount}"), false)
    } else {
        (figure(exact, minor + 2), true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn a_figure_that_ends_is_written_exactly_and_one_that_does_not_after_about() {
        assert_eq!(figure(d("7.9990"), 4), "7.999");
        // 79.99 / 30 = 2.66633… never ends: 2.6663 to 4 places.
        assert_eq!(figure(d("79.99") / d("30"), 4), "≈ 2.6663");
    }

    #[test]
    fn an_unrounded_amount_that_never_ends_reads_about_its_rounded_amount() {
        // 650.93 / 31 = 20.99774…: to the cent 21.00, as the line pays.
        let q = d("650.93") / d("31");
        assert_eq!(unrounded(q, d("21.00"), 2), ("≈ 21.00".to_owned(), false));
        // Rounded down by the policy to 20.99: the figure to 4 places, then the amount.
        assert_eq!(unrounded(q, d("20.99"), 2), ("≈ 20.9977".to_owned(), true));
        assert_eq!(
            unrounded(d("7.999"), d("8.00"), 2),
            ("= 7.999".to_owned(), true)
        );
    }
}
