//! Reading a batch's rows: the text of an account's or an outage's fields, checked and
//! turned into an [`Account`] or an [`AreaOutage`], each error naming its column.

use std::borrow::Cow;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::de::IntoDeserializer;
use serde::Deserialize;

use crate::error::{Error, FieldPath, Result};
use crate::money::Currency;
use crate::numbers::{whole, Field, Written};
use crate::outage::{Cause, Outage};
use crate::plan::{Service, ServiceKind, ServicePlan};

/// The text of one `accounts.csv` row's fields, by column name. Empty text means
/// the field was left empty (or the column is absent).
///
/// # Example
/// ```
/// let fields = redress::batch::AccountFields {
///     account: "A-1", region: "US-NY", area: "rochester-14604", currency: "USD",
///     time_zone: "America/New_York", billing_day: "", services: "internet:79.99",
/// };
/// assert_eq!(redress::batch::Account::parse(&fields)?.billing_day, 1);
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccountFields<'a> {
    /// `account`: the account's id.
    pub account: &'a str,
    /// `region`: ISO 3166 code, any letter case, as in the claim file (may be empty).
    pub region: &'a str,
    /// `area`: where the service is delivered; outages are keyed by area.
    pub area: &'a str,
    /// `currency`: ISO 4217 code.
    pub currency: &'a str,
    /// `time_zone`: IANA zone.
    pub time_zone: &'a str,
    /// `billing_day`: 1-31; empty means 1.
    pub billing_day: &'a str,
    /// `services`: `kind:monthly_price` pairs separated by `|`.
    pub services: &'a str,
}

/// One account of a batch: who, where, and what they pay for.
///
/// # Example
/// ```
/// use redress::batch::{Account, AccountFields};
/// let account = Account::parse(&AccountFields {
///     account: "A-000001", region: "US-NY", area: "rochester-14604", currency: "USD",
///     time_zone: "America/New_York", billing_day: "5", services: "internet:79.99|tv:65.00",
/// })?;
/// assert_eq!(account.services.len(), 2);
/// assert_eq!(account.billing_day, 5);
/// # Ok::<(), redress::Error>(())
/// ```
///
/// `Account::default()` is an empty account (no id, no services, US dollars, UTC)
/// to parse rows into with [`Account::parse_into`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The account's id.
    pub id: String,
    /// The customer's region (ISO 3166-1 or 3166-2, upper case), if given.
    pub region: Option<String>,
    /// The area the service is delivered in.
    pub area: String,
    /// The currency of its prices.
    pub currency: Currency,
    /// The service address's zone.
    pub time_zone: Tz,
    /// The day of the month each billing period starts.
    pub billing_day: u8,
    /// The priced services.
    pub services: Vec<Service>,
}

impl Default for Account {
    fn default() -> Account {
        Account {
            id: String::new(),
            region: None,
            area: String::new(),
            currency: Currency::USD,
            time_zone: chrono_tz::UTC,
            billing_day: 1,
            services: Vec::new(),
        }
    }
}

impl Account {
    /// Reads an account from the text of its fields, checking each.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the column: an empty `account` or `area`, a `region`
    /// that is not an ISO 3166 code ([`crate::region`]), an
    /// unknown `currency` or `time_zone`, a `billing_day` outside 1-31, or
    /// `services` that [`parse_services`] refuses (a negative price, a service
    /// listed twice).
    ///
    /// # Example
    /// ```
    /// use redress::batch::{Account, AccountFields};
    /// let err = Account::parse(&AccountFields {
    ///     account: "A-1", area: "x", currency: "USD", time_zone: "America/Rochester",
    ///     services: "internet:79.99", ..Default::default()
    /// }).unwrap_err();
    /// assert_eq!(err.to_string(), "time_zone: `America/Rochester` is not an IANA time zone (such as America/New_York)");
    /// ```
    pub fn parse(fields: &AccountFields<'_>) -> Result<Account> {
        let mut account = Account::default();
        account.parse_into(fields)?;
        Ok(account)
    }

    /// As [`Account::parse`], into this account, reusing what it holds: a reader
    /// streaming many rows parses each into the same account.
    ///
    /// # Errors
    /// As [`Account::parse`]; the account is then left partly read.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{Account, AccountFields};
    /// let mut account = Account::default();
    /// for (id, services) in [("A-1", "internet:79.99|tv:65.00"), ("A-2", "phone:30")] {
    ///     account.parse_into(&AccountFields { account: id, area: "x", currency: "USD",
    ///         time_zone: "UTC", services, ..Default::default() })?;
    /// }
    /// assert_eq!((account.id.as_str(), account.services.len()), ("A-2", 1));
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn parse_into(&mut self, fields: &AccountFields<'_>) -> Result<()> {
        let id = required(fields.account, "account")?;
        let area = required(fields.area, "area")?;
        // Rows of a batch mostly repeat the previous row's currency and zone: the same
        // text gives the same value without another table lookup.
        let currency = match trim(fields.currency) {
            same if same_code(same, self.currency.code()) => self.currency,
            same if !same.is_empty() && same.eq_ignore_ascii_case(self.currency.code()) => {
                self.currency
            }
            _ => parse_currency(fields.currency)?,
        };
        let time_zone = match trim(fields.time_zone) {
            same if same == self.time_zone.name() => self.time_zone,
            _ => parse_zone(fields.time_zone)?,
        };
        let billing_day = match trim(fields.billing_day) {
            "" => 1,
            text => text.parse::<u8>().map_err(|_| {
                Error::invalid(
                    FieldPath::root("billing_day"),
                    format!("`{text}` is not a day of the month, 1-31"),
                )
            })?,
        };
        // Rows mostly repeat the previous row's region, written as its code: the same
        // text is the same code without another lookup.
        let region = match trim(fields.region) {
            "" => None,
            same if self.region.as_deref() == Some(same) => Some(Cow::Borrowed(same)),
            given => Some(parse_region(given)?),
        };
        parse_services_into(fields.services, &mut self.services)?;
        crate::plan::validate_plan_parts(billing_day, &self.services, &FieldPath::default)?;
        id.clone_into(&mut self.id);
        area.clone_into(&mut self.area);
        match (region, &mut self.region) {
            (None, region) => *region = None,
            (Some(code), Some(region)) => code.as_ref().clone_into(region),
            (Some(code), region) => *region = Some(code.into_owned()),
        }
        self.currency = currency;
        self.time_zone = time_zone;
        self.billing_day = billing_day;
        Ok(())
    }

    /// The account's service plan.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::{Account, AccountFields};
    /// # let account = Account::parse(&AccountFields {
    /// #     account: "A-1", area: "x", currency: "USD", time_zone: "UTC",
    /// #     services: "internet:79.99|tv:65.00", ..Default::default() })?;
    /// assert_eq!(account.plan().monthly_total()?.to_string(), "144.99 USD");
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn plan(&self) -> ServicePlan {
        let mut plan =
            ServicePlan::new(self.currency, self.time_zone).with_billing_day(self.billing_day);
        plan.services = self.services.clone();
        plan
    }
}

/// `str::trim`, answering at once for empty text and for text that starts and ends with
/// a visible ASCII character, as nearly every field of a batch row does.
pub(crate) fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        (None, _) => text,
        _ => text.trim(),
    }
}

/// Whether `text` is a three-letter currency code, written exactly as `code` (rows
/// of a batch mostly repeat the previous row's currency).
fn same_code(text: &str, code: &str) -> bool {
    match (
        <[u8; 3]>::try_from(text.as_bytes()),
        <[u8; 3]>::try_from(code.as_bytes()),
    ) {
        (Ok(text), Ok(code)) => text == code,
        _ => false,
    }
}

fn required<'a>(text: &'a str, column: &str) -> Result<&'a str> {
    match trim(text) {
        "" => Err(Error::invalid(FieldPath::root(column), "is empty")),
        text => Ok(text),
    }
}

/// A row's region as an ISO 3166 code, upper case ([`crate::region`]); anything else
/// is the row's error at `region`, with the code it may have meant.
fn parse_region(text: &str) -> Result<Cow<'_, str>> {
    crate::region::canonical(text)
        .map_err(|e| Error::invalid(FieldPath::root("region"), e.to_string()))
}

fn parse_currency(text: &str) -> Result<Currency> {
    let code = required(text, "currency")?;
    Currency::new(code).map_err(|e| Error::invalid(FieldPath::root("currency"), e.to_string()))
}

fn parse_zone(text: &str) -> Result<Tz> {
    let name = required(text, "time_zone")?;
    Tz::from_str(name).map_err(|_| {
        Error::invalid(
            FieldPath::root("time_zone"),
            format!("`{name}` is not an IANA time zone (such as America/New_York)"),
        )
    })
}

/// Reads a `services` field: `kind:monthly_price` pairs separated by `|`, such as
/// `internet:79.99|tv:65.00`. Spaces around names and prices are ignored. A kind is
/// written as in a claim file: its name, an everyday word for it (`broadband`), or
/// `other:NAME` (the price follows the last `:`).
///
/// # Errors
/// [`Error::Invalid`] at `services` (or `services[i]`): an empty field, a pair
/// without `:`, an empty kind, a word that is not a service kind (naming the nearest),
/// or a price that is not a decimal number.
///
/// # Example
/// ```
/// use redress::batch::parse_services;
/// let services = parse_services("broadband:79.99|tv:65.00|other:alarm-line:9.50")?;
/// assert_eq!(services[0].kind, redress::ServiceKind::Internet);
/// assert_eq!(services[1].kind, redress::ServiceKind::Tv);
/// assert_eq!(services[2].kind, redress::ServiceKind::Other("alarm-line".into()));
/// assert_eq!(services[1].monthly_price.to_string(), "65.00");
/// let err = parse_services("internet:79,99").unwrap_err();
/// assert_eq!(err.to_string(), "services[0]: `79,99` is not a price (write it like 79.99)");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn parse_services(text: &str) -> Result<Vec<Service>> {
    let mut services = Vec::new();
    parse_services_into(text, &mut services)?;
    Ok(services)
}

/// [`parse_services`] into a list it clears first, keeping its capacity. The error
/// paths (`services[i]`) are built only for an error.
fn parse_services_into(text: &str, services: &mut Vec<Service>) -> Result<()> {
    services.clear();
    if parse_plain_services(text, services) {
        return Ok(());
    }
    services.clear();
    parse_any_services(text, services)
}

/// [`parse_services`] of any text, into an empty list: split into pairs, each trimmed,
/// each price read by `Decimal::from_str`.
fn parse_any_services(text: &str, services: &mut Vec<Service>) -> Result<()> {
    let text = trim(text);
    if text.is_empty() {
        return Err(Error::invalid(
            FieldPath::root("services"),
            "is empty: list the account's services as kind:monthly_price pairs, such as internet:79.99|tv:65.00",
        ));
    }
    for (i, pair) in split_ascii(text, b'|').enumerate() {
        let path = || FieldPath::root("services").index(i);
        // The price is after the last `:`, so a deliberate other kind (`other:alarm:30`)
        // keeps its own.
        let Some((kind, price)) = rsplit_once_ascii(pair, b':') else {
            return Err(Error::invalid(
                path(),
                format!(
                    "`{}` is not a kind:monthly_price pair (such as internet:79.99)",
                    trim(pair)
                ),
            ));
        };
        let kind = trim(kind);
        if kind.is_empty() {
            return Err(Error::invalid(
                path(),
                format!("`{}` has no service kind", trim(pair)),
            ));
        }
        let price = trim(price);
        let monthly_price = Decimal::from_str(price).map_err(|_| {
            Error::invalid(
                path(),
                format!("`{price}` is not a price (write it like 79.99)"),
            )
        })?;
        services.push(Service::new(service_kind(kind, path)?, monthly_price));
    }
    Ok(())
}

/// Reads a `services` field written plainly, as nearly every row writes it: pairs of a
/// kind in lower-case ASCII letters, `:`, and a price of digits with at most one point
/// between digits, separated by `|`, with no spaces: the same services, each price the
/// very `Decimal` (mantissa and scale) `Decimal::from_str` gives, read in one pass.
///
/// False for any other text, `services` then partly filled: the general reading decides
/// it, and words any error.
fn parse_plain_services(text: &str, services: &mut Vec<Service>) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        let start = at;
        while bytes.get(at).is_some_and(u8::is_ascii_lowercase) {
            at += 1;
        }
        if at == start || bytes.get(at) != Some(&b':') {
            return false;
        }
        let Some(kind) = text.get(start..at) else {
            return false;
        };
        at += 1;
        let Some((price, end)) = plain_price(bytes, at) else {
            return false;
        };
        // A word that is not a kind leaves the text to the general reading, which
        // words the error.
        let Ok(kind) = kind.parse() else {
            return false;
        };
        services.push(Service::new(kind, price));
        match bytes.get(end) {
            None => return true,
            Some(b'|') => at = end + 1,
            Some(_) => return false,
        }
    }
}

/// The longest price `plain_price` reads: 17 bytes hold at most 17 digits, less than
/// 10^17, so the mantissa fits a `u64` and the scale stays far below `Decimal`'s 28, as
/// in `Decimal::from_str`'s own reading of short text (shorter than 18 bytes).
const PLAIN_PRICE_BYTES: usize = 17;

/// Reads the price that starts at `start` in `bytes` and runs to the next `|` or the end:
/// digits, optionally a point and more digits. Returns it, as `Decimal::from_str` reads
/// that text (every digit into the mantissa, leading and trailing zeros kept, the
/// digits after the point as the scale, never negative), and where it ends. None for any
/// other text, or a longer one.
fn plain_price(bytes: &[u8], start: usize) -> Option<(Decimal, usize)> {
    let mut mantissa: u64 = 0;
    let mut at = start;
    let mut point: Option<usize> = None;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
            }
            b'.' if point.is_none() && at > start => point = Some(at),
            _ => break,
        }
        at += 1;
    }
    let scale = match point {
        None => 0,
        Some(point) => at.checked_sub(point)?.checked_sub(1)?,
    };
    if at == start || at - start > PLAIN_PRICE_BYTES || (point.is_some() && scale == 0) {
        return None;
    }
    let scale = u32::try_from(scale).ok()?;
    let price = Decimal::try_from_i128_with_scale(i128::from(mantissa), scale).ok()?;
    Some((price, at))
}

/// `text.split(separator)` for an ASCII separator.
fn split_ascii(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match split_once_ascii(current, separator) {
            Some((field, after)) => {
                rest = Some(after);
                Some(field)
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// `text.rsplit_once(separator)` for an ASCII separator, by a byte scan.
fn rsplit_once_ascii(text: &str, separator: u8) -> Option<(&str, &str)> {
    let at = text.bytes().rposition(|b| b == separator)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// `text.split_once(separator)` for an ASCII separator, by a byte scan. Cutting
/// valid UTF-8 at an ASCII byte leaves valid UTF-8 either side, so `get` cannot fail.
fn split_once_ascii(text: &str, separator: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == separator)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// A count of customers, for the words of an error.
const COUNT: Field = Field {
    what: "a whole number",
    example: "4200",
};

/// Reads a list of service kinds separated by `|`, such as `internet|tv`, each written
/// as in a claim file (`broadband|Cable TV`, `other:alarm-line`).
///
/// # Errors
/// [`Error::Invalid`] at `services`: an empty field, an empty kind, or a word that is
/// not a service kind (naming the nearest).
///
/// # Example
/// ```
/// let kinds = redress::batch::parse_service_kinds("internet|tv")?;
/// assert_eq!(kinds, vec![redress::ServiceKind::Internet, redress::ServiceKind::Tv]);
/// let kinds = redress::batch::parse_service_kinds("Broadband|Cable TV")?;
/// assert_eq!(kinds, vec![redress::ServiceKind::Internet, redress::ServiceKind::Tv]);
/// let err = redress::batch::parse_service_kinds("internet|brodband").unwrap_err();
/// assert!(err.to_string().starts_with("services[1]: `brodband` is not a service kind"));
/// # Ok::<(), redress::Error>(())
/// ```
pub fn parse_service_kinds(text: &str) -> Result<Vec<ServiceKind>> {
    let text = trim(text);
    if text.is_empty() {
        return Err(Error::invalid(
            FieldPath::root("services"),
            "is empty: name the kinds lost, such as internet|tv",
        ));
    }
    text.split('|')
        .enumerate()
        .map(|(i, kind)| match trim(kind) {
            "" => Err(Error::invalid(
                FieldPath::root("services").index(i),
                "an empty service kind",
            )),
            kind => service_kind(kind, || FieldPath::root("services").index(i)),
        })
        .collect()
}

/// A kind of a `services` field, read as a claim file reads it; refused at `path`,
/// naming the word and the nearest kind.
fn service_kind(kind: &str, path: impl Fn() -> FieldPath) -> Result<ServiceKind> {
    kind.parse()
        .map_err(|e: crate::plan::ServiceKindError| Error::invalid(path(), e.to_string()))
}

/// The text of one `outages.csv` row's fields, by column name. Empty text means
/// the field was left empty (or the column is absent).
///
/// # Example
/// ```
/// let fields = redress::batch::OutageFields {
///     area: "rochester-14604", services: "internet", start: "2024-10-01T06:00:00-04:00",
///     ..Default::default()
/// };
/// assert!(redress::batch::AreaOutage::parse(&fields)?.outage.end.is_none());
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutageFields<'a> {
    /// `area`: every account in this area is affected.
    pub area: &'a str,
    /// `services`: the kinds lost, `|`-separated.
    pub services: &'a str,
    /// `start`: RFC 3339.
    pub start: &'a str,
    /// `end`: RFC 3339; empty = ongoing at `as_of`.
    pub end: &'a str,
    /// `customers_affected`: optional whole number, with thousands commas if wanted
    /// (`4,200`, quoted in CSV).
    pub customers_affected: &'a str,
    /// `cause`: optional, as in the claim file.
    pub cause: &'a str,
}

/// An outage that affects every account in an area.
///
/// # Example
/// ```
/// use redress::batch::{AreaOutage, OutageFields};
/// let outage = AreaOutage::parse(&OutageFields {
///     area: "rochester-14604", services: "internet|tv",
///     start: "2024-10-01T06:00:00-04:00", end: "2024-10-03T11:00:00-04:00",
///     customers_affected: "182000", cause: "network",
/// })?;
/// assert_eq!(outage.area, "rochester-14604");
/// assert_eq!(outage.outage.customers_affected, Some(182000));
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaOutage {
    /// The area.
    pub area: String,
    /// The outage, as a claim file would write it.
    pub outage: Outage,
}

impl AreaOutage {
    /// Reads an area outage from the text of its fields, checking each.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the column: an empty `area` or `services`, a
    /// `start` or `end` that is not RFC 3339 or lies outside 1900-2199, an `end`
    /// not after the `start`, a `customers_affected` that is not a whole number,
    /// an unknown `cause`.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{AreaOutage, OutageFields};
    /// let err = AreaOutage::parse(&OutageFields {
    ///     area: "a", services: "internet", start: "2024-10-03T00:00:00Z",
    ///     end: "2024-10-01T00:00:00Z", ..Default::default()
    /// }).unwrap_err();
    /// assert_eq!(err.to_string(), "end: 2024-10-01T00:00:00+00:00 is before the start 2024-10-03T00:00:00+00:00");
    /// ```
    pub fn parse(fields: &OutageFields<'_>) -> Result<AreaOutage> {
        let area = required(fields.area, "area")?;
        let mut services = parse_service_kinds(fields.services)?;
        // Kept for the whole batch, once per outage: no room to spare.
        services.shrink_to_fit();
        let start = parse_instant(fields.start, "start")?;
        let mut outage = Outage::new(services, start);
        if !trim(fields.end).is_empty() {
            outage.end = Some(parse_instant(fields.end, "end")?.into());
        }
        outage.customers_affected = match trim(fields.customers_affected) {
            "" => None,
            // Digits alone, as nearly every row writes them, are read at once; thousands
            // commas ("4,200") as a claim file reads them, with its words for a comma
            // out of place.
            text => Some(match text.parse::<u64>() {
                Ok(count) => count,
                Err(_) => {
                    whole(&Written::Text(text.to_owned()), COUNT, u64::MAX).map_err(|comma| {
                        let problem = if text.contains(',') {
                            comma
                        } else {
                            format!("`{text}` is not a whole number of customers")
                        };
                        Error::invalid(FieldPath::root("customers_affected"), problem)
                    })?
                }
            }),
        };
        outage.cause = match trim(fields.cause) {
            "" => Cause::default(),
            text => {
                let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
                    text.into_deserializer();
                Cause::deserialize(de)
                    .map_err(|e| Error::invalid(FieldPath::root("cause"), e.to_string()))?
            }
        };
        let parsed = AreaOutage {
            area: area.to_owned(),
            outage,
        };
        parsed.validate(None)?;
        Ok(parsed)
    }

    /// Checks the outage as a claim file would (dates in range, end after start)
    /// and, when it is ongoing, that it starts before `as_of`.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the column (`start`, `end`).
    ///
    /// # Example
    /// ```
    /// use redress::batch::{AreaOutage, OutageFields};
    /// let ongoing = AreaOutage::parse(&OutageFields {
    ///     area: "a", services: "internet", start: "2024-10-03T00:00:00Z", ..Default::default()
    /// })?;
    /// let before = chrono::DateTime::parse_from_rfc3339("2024-10-02T00:00:00Z").unwrap();
    /// assert!(ongoing.validate(Some(before)).is_err());
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn validate(&self, as_of: Option<DateTime<FixedOffset>>) -> Result<()> {
        check_outage(&self.outage, as_of)
    }
}

/// [`AreaOutage::validate`] for an outage however it is held: the claim file's checks
/// of an outage's instants, errors named by column.
fn check_outage(outage: &Outage, as_of: Option<DateTime<FixedOffset>>) -> Result<()> {
    crate::case::check_times(outage, as_of, &|column: &str| FieldPath::root(column))
}

fn parse_instant(text: &str, column: &str) -> Result<DateTime<FixedOffset>> {
    let text = required(text, column)?;
    DateTime::parse_from_rfc3339(text).map_err(|e| {
        Error::invalid(
            FieldPath::root(column),
            format!(
                "`{text}` is not an RFC 3339 instant with its offset, such as \
                 2024-10-01T06:00:00-04:00 or 2024-10-01T10:00:00Z: an outages file's times \
                 need their offset, since an area's outages are not read in any one zone ({e})"
            ),
        )
    })
}

#[cfg(test)]
mod tests;
