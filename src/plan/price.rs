//! Prices and billing days as people write them in a plan: `"$89.99"`, `89.99`,
//! `"1,200.00 USD"`, `billing_day = "12"`. A currency written beside a price is kept
//! with the service until the plan's currency is known, and refused then if it cannot
//! stand for it (a `€` price in a USD plan).

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

use super::{Deployment, Service, ServiceKind};
use crate::error::{Error, FieldPath, Result};
use crate::money::{split_mark, Currency, Marked};
use crate::numbers::{decimal, whole, Field, Unread, Written};

const PRICE: Field = Field {
    what: "a price",
    example: "\"79.99\"",
};

const DAY: Field = Field {
    what: "a whole number",
    example: "5",
};

/// `billing_day`: a day of the month as a number or text; whether it is 1-31 is the
/// plan's check, which says so in its words.
pub(super) fn billing_day<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<u8, D::Error> {
    let written = Written::read(d, DAY)?;
    let day = whole(&written, DAY, u64::MAX).map_err(serde::de::Error::custom)?;
    u8::try_from(day).map_err(|_| {
        serde::de::Error::custom(format!("must be a day of the month, 1-31 (got {day})"))
    })
}

/// A service as the claim file writes it; [`Service`] keeps the currency its price was
/// written with.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ServiceFields {
    kind: ServiceKind,
    #[serde(deserialize_with = "monthly_price")]
    monthly_price: (Decimal, Option<Marked>),
    #[serde(default, deserialize_with = "average_bill")]
    average_monthly_bill: Option<(Decimal, Option<Marked>)>,
    #[serde(default)]
    deployment: Option<Deployment>,
}

impl From<ServiceFields> for Service {
    fn from(fields: ServiceFields) -> Service {
        let (monthly_price, marked) = fields.monthly_price;
        let (average_monthly_bill, bill_marked) = match fields.average_monthly_bill {
            Some((bill, mark)) => (Some(bill), mark),
            None => (None, None),
        };
        Service {
            kind: fields.kind,
            monthly_price,
            average_monthly_bill,
            deployment: fields.deployment,
            marked,
            bill_marked,
        }
    }
}

/// `average_monthly_bill`: an amount written as a price is.
fn average_bill<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<(Decimal, Option<Marked>)>, D::Error> {
    monthly_price(d).map(Some)
}

/// A monthly price: a number, or text with an optional currency sign or code before or
/// after it and optional thousands commas.
fn monthly_price<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<(Decimal, Option<Marked>), D::Error> {
    let written = Written::read(d, PRICE)?;
    read_price(&written).map_err(serde::de::Error::custom)
}

/// [`monthly_price`] of what the document gave.
pub(crate) fn read_price(
    written: &Written,
) -> std::result::Result<(Decimal, Option<Marked>), String> {
    let shown = written.shown();
    let (marked, number) = match written {
        Written::Integer(n) => (None, n.to_string()),
        // A float is read by the digits it prints as: 89.99, not 89.98999…
        Written::Float(f) => (None, f.to_string()),
        Written::Text(text) => split_mark(text),
    };
    match decimal(&number) {
        Ok(price) => Ok((price, marked)),
        Err(Unread::Comma) => Err(comma(&shown, &number)),
        Err(Unread::TooLarge) => Err(format!("{shown} is too large a price to read")),
        Err(Unread::NotANumber) => Err(format!(
            "{shown} is not a decimal number; write one such as \"79.99\""
        )),
    }
}

/// A comma that does not separate thousands: a decimal comma (`12,50`) is named as one,
/// with the price to write.
fn comma(shown: &str, number: &str) -> String {
    let decimal_comma = number.split_once(',').filter(|(whole, part)| {
        !whole.is_empty()
            && (1..=2).contains(&part.len())
            && whole.bytes().all(|b| b.is_ascii_digit())
            && part.bytes().all(|b| b.is_ascii_digit())
    });
    match decimal_comma {
        Some((whole, part)) => format!(
            "{shown} has a decimal comma, which redress does not read (`1,250` is one \
             thousand two hundred and fifty); write the decimal part after a point: \
             \"{whole}.{part}\""
        ),
        None => format!(
            "{shown} is not a price redress reads: a comma separates thousands, so three \
             digits follow it, as in \"1,250.00\"; write the price such as \"79.99\""
        ),
    }
}

/// Each price written with a currency sign or code is in the plan's currency.
///
/// # Errors
/// [`Error::Invalid`] at the price, naming the currency written and the plan's.
pub(crate) fn check_price_marks(
    currency: Currency,
    services: &[Service],
    path: &dyn Fn() -> FieldPath,
) -> Result<()> {
    for (i, service) in services.iter().enumerate() {
        let marks = [
            (service.marked, "monthly_price", "price"),
            (service.bill_marked, "average_monthly_bill", "average bill"),
        ];
        for (marked, field, what) in marks {
            let Some(marked) = marked else {
                continue;
            };
            if !marked.fits(currency) {
                return Err(Error::invalid(
                    path().field("services").index(i).field(field),
                    format!(
                        "the {what} is written in {marked}, but the plan is priced in \
                         {currency}; write the {what} in {currency} as the bill states it, or \
                         set the plan's currency to the one its prices are in"
                    ),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(text: &str) -> std::result::Result<(Decimal, Option<Marked>), String> {
        read_price(&Written::Text(text.to_owned()))
    }

    #[test]
    fn prices_are_read_with_their_signs_and_thousands() {
        // 1,200.50 is one thousand two hundred and a half: mantissa 120050, scale 2.
        let (amount, marked) = price("US$ 1,200.50").unwrap();
        assert_eq!(amount, Decimal::new(120_050, 2));
        assert!(marked.is_some_and(|m| m.fits(Currency::USD)));
        // A float keeps the digits it is written with: 89.99, not 89.9899…
        let (amount, marked) = read_price(&Written::Float(89.99)).unwrap();
        assert_eq!((amount, marked), (Decimal::new(8999, 2), None));
        assert_eq!(price("-$5").unwrap().0, Decimal::new(-5, 0));
        assert_eq!(
            price("seventy").unwrap_err(),
            "the text \"seventy\" is not a decimal number; write one such as \"79.99\""
        );
        assert!(price("€12,50")
            .unwrap_err()
            .ends_with("after a point: \"12.50\""));
        assert!(price("1,2345")
            .unwrap_err()
            .contains("a comma separates thousands"));
    }

    #[test]
    fn a_price_in_another_currency_than_the_plans_is_refused_naming_both() {
        let mut services = vec![Service::new(ServiceKind::Internet, Decimal::new(6000, 2))];
        services[0].marked = price("€60.00").unwrap().1;
        let path = || FieldPath::root("plan");
        assert!(check_price_marks(Currency::EUR, &services, &path).is_ok());
        let err = check_price_marks(Currency::USD, &services, &path).unwrap_err();
        assert_eq!(
            err.to_string(),
            "plan.services[0].monthly_price: the price is written in `€` (EUR), but the plan \
             is priced in USD; write the price in USD as the bill states it, or set the \
             plan's currency to the one its prices are in"
        );
        // `$` stands for the Australian dollar too; `US$` does not.
        services[0].marked = price("$60").unwrap().1;
        assert!(check_price_marks(Currency::AUD, &services, &path).is_ok());
        services[0].marked = price("US$60").unwrap().1;
        assert!(check_price_marks(Currency::AUD, &services, &path).is_err());
    }

    #[test]
    fn a_billing_day_may_be_text() {
        let plan: super::super::ServicePlan =
            toml::from_str("currency = \"USD\"\ntime_zone = \"UTC\"\nbilling_day = \"12\"\n")
                .unwrap();
        assert_eq!(plan.billing_day, 12);
        let err = toml::from_str::<super::super::ServicePlan>(
            "currency = \"USD\"\ntime_zone = \"UTC\"\nbilling_day = 300\n",
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("must be a day of the month, 1-31 (got 300)"),
            "{err}"
        );
    }
}
