//! Reading a claim file's `[[credits_received]]`: each amount positive and in the plan's
//! currency, each date a real `YYYY-MM-DD`, each refused at its path in plain words.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::parse::check_year;
use super::Received;
use crate::at::At;
use crate::claim_file::CreditReceived;
use crate::error::{Error, FieldPath, Result};
use crate::money::{split_mark, Currency};
use crate::numbers::{decimal, Unread};
use crate::visible::visible;

/// The `i`th credit received, checked against the plan's `currency`.
pub(super) fn credit(credit: &CreditReceived, currency: Currency, i: usize) -> Result<Received> {
    let path = At::item("credits_received", i);
    let at = |field: &str| FieldPath::from(&path.field(field));
    if let Some(written) = &credit.currency {
        if !written.trim().eq_ignore_ascii_case(currency.code()) {
            return Err(Error::invalid(
                at("currency"),
                format!(
                    "the credit is in {}, but the plan is priced in {currency}; write the credit \
                     in {currency} as your bill shows it",
                    shown(written)
                ),
            ));
        }
    }
    let amount =
        amount(&credit.amount, currency).map_err(|why| Error::invalid(at("amount"), why))?;
    let date = NaiveDate::parse_from_str(credit.date.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            at("date"),
            format!(
                "{} is not a date; write the day the credit was given as YYYY-MM-DD, such as \
                 \"2024-10-10\"",
                shown(&credit.date)
            ),
        )
    })?;
    check_year(date, &|| at("date"))?;
    Ok(Received {
        amount,
        date,
        what_for: credit.what_for.clone(),
        policy: credit.policy.clone(),
    })
}

/// The amount: a decimal, more than zero, at most the currency's minor units, written
/// with no sign or the sign of the plan's currency.
fn amount(text: &str, currency: Currency) -> std::result::Result<Decimal, String> {
    let (marked, number) = split_mark(text);
    if let Some(marked) = marked {
        if !marked.fits(currency) {
            return Err(format!(
                "the credit is written in {marked}, but the plan is priced in {currency}; \
                 write the credit in {currency} as your bill shows it"
            ));
        }
    }
    let example = "write the amount credited as a decimal, such as \"5.00\"";
    let amount = decimal(&number).map_err(|why| match why {
        Unread::Comma => format!(
            "{} has a comma that is not a thousands separator; {example}",
            shown(text)
        ),
        Unread::NotANumber | Unread::TooLarge => {
            format!("{} is not an amount; {example}", shown(text))
        }
    })?;
    if amount <= Decimal::ZERO {
        return Err(format!(
            "a credit received must be more than zero (got {}); write what was credited, \
             without a minus, or leave the credit out",
            shown(text)
        ));
    }
    if amount.normalize().scale() > currency.minor_units() {
        return Err(format!(
            "{} has more decimals than {currency} has ({}); write it as the bill shows it",
            shown(text),
            currency.minor_units()
        ));
    }
    Ok(amount)
}

/// The text as written, quoted, with hidden characters shown.
fn shown(text: &str) -> String {
    format!("\"{}\"", visible(text))
}
