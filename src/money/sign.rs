//! A price's currency as people write it beside the number: a sign (`$60.00`,
//! `€12.50`, `60 €`) or an ISO 4217 code (`USD 60`, `60.00 usd`). A sign may stand for
//! several currencies (`$` is the dollar of the US, Canada, Australia…); a price is
//! accepted when its sign can stand for the plan's currency, and refused, naming both,
//! when it cannot.

use std::fmt;

use super::Currency;

/// Signs and the currencies each can stand for. Longer signs come first, so `US$` is
/// found before `$`.
const SIGNS: &[(&str, &[&str])] = &[
    ("US$", &["USD"]),
    ("AU$", &["AUD"]),
    ("CA$", &["CAD"]),
    ("NZ$", &["NZD"]),
    ("HK$", &["HKD"]),
    ("NT$", &["TWD"]),
    ("R$", &["BRL"]),
    ("A$", &["AUD"]),
    ("C$", &["CAD"]),
    ("S$", &["SGD"]),
    (
        "$",
        &[
            "USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "MXN", "ARS", "CLP", "COP", "UYU",
        ],
    ),
    ("€", &["EUR"]),
    ("£", &["GBP"]),
    ("¥", &["JPY", "CNY"]),
    ("₹", &["INR"]),
    ("₩", &["KRW"]),
    ("₪", &["ILS"]),
    ("₺", &["TRY"]),
    ("₫", &["VND"]),
    ("₴", &["UAH"]),
    ("₱", &["PHP"]),
];

/// The currency written beside a price: a sign, or an ISO code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Marked {
    /// A sign, with the codes of the currencies it can stand for.
    Sign(&'static str, &'static [&'static str]),
    /// An ISO 4217 code.
    Code(Currency),
}

impl Marked {
    /// Whether the mark can stand for `currency`.
    pub(crate) fn fits(&self, currency: Currency) -> bool {
        match self {
            Marked::Sign(_, codes) => codes.contains(&currency.code()),
            Marked::Code(code) => *code == currency,
        }
    }
}

impl fmt::Display for Marked {
    /// `€ (EUR)`, `$ (USD, CAD, …)`, `EUR`: the mark and what it stands for.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Marked::Sign(sign, codes) => write!(f, "`{sign}` ({})", codes.join(", ")),
            Marked::Code(code) => write!(f, "`{code}`"),
        }
    }
}

/// The price's text without the currency written before or after it, and that currency.
/// A minus before the sign (`-$5`) stays with the number. Text with no mark is returned
/// as it is.
pub(crate) fn split_mark(text: &str) -> (Option<Marked>, String) {
    let text = text.trim();
    let (minus, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest.trim_start()),
        None => ("", text),
    };
    for (sign, codes) in SIGNS {
        if let Some(rest) = strip_prefix_ignoring_case(body, sign) {
            return (Some(Marked::Sign(sign, codes)), join(minus, rest));
        }
        if let Some(rest) = body.strip_suffix(sign) {
            return (Some(Marked::Sign(sign, codes)), join(minus, rest));
        }
    }
    if let Some((code, rest)) = code_before(body) {
        return (Some(Marked::Code(code)), join(minus, rest));
    }
    if let Some((rest, code)) = code_after(body) {
        return (Some(Marked::Code(code)), join(minus, rest));
    }
    (None, text.to_owned())
}

fn join(minus: &str, rest: &str) -> String {
    format!("{minus}{}", rest.trim())
}

fn strip_prefix_ignoring_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// `USD 60.00`: three letters that are a known code, then the number.
fn code_before(text: &str) -> Option<(Currency, &str)> {
    let letters = text.get(..3)?;
    let rest = text.get(3..)?;
    (letters.bytes().all(|b| b.is_ascii_alphabetic()) && !rest.starts_with(char::is_alphabetic))
        .then(|| Currency::new(letters).ok().map(|c| (c, rest)))
        .flatten()
}

/// `60.00 USD`: the number, then three letters that are a known code.
fn code_after(text: &str) -> Option<(&str, Currency)> {
    let at = text.len().checked_sub(3)?;
    let letters = text.get(at..)?;
    let rest = text.get(..at)?;
    (letters.bytes().all(|b| b.is_ascii_alphabetic()) && !rest.ends_with(char::is_alphabetic))
        .then(|| Currency::new(letters).ok().map(|c| (rest, c)))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_codes_are_split_from_the_number() {
        let (mark, rest) = split_mark("$60.00");
        assert_eq!(rest, "60.00");
        assert!(mark.is_some_and(|m| m.fits(Currency::USD) && m.fits(Currency::AUD)));
        let (mark, rest) = split_mark("US$ 1,200");
        assert_eq!(rest, "1,200");
        assert!(mark.is_some_and(|m| m.fits(Currency::USD) && !m.fits(Currency::AUD)));
        let (mark, rest) = split_mark("-€5");
        assert_eq!(rest, "-5");
        assert!(mark.is_some_and(|m| m.fits(Currency::EUR) && !m.fits(Currency::USD)));
        let (mark, rest) = split_mark("60.00 gbp");
        assert_eq!(rest, "60.00");
        assert_eq!(mark, Some(Marked::Code(Currency::GBP)));
        let (mark, rest) = split_mark("EUR12.50");
        assert_eq!(
            (mark, rest.as_str()),
            (Some(Marked::Code(Currency::EUR)), "12.50")
        );
        assert_eq!(split_mark(" 79.99 "), (None, "79.99".to_owned()));
        // Words are not codes: `seventy` keeps its letters.
        assert_eq!(split_mark("seventy"), (None, "seventy".to_owned()));
    }
}
