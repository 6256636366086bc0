//! Batch: one incident, many accounts.
//!
//! A provider or a regulator working out what a mass outage owes every affected
//! customer streams accounts through a [`Batch`]: each [`Account`] is matched with
//! the outages of its area (an [`OutageIndex`] built once), assessed under a list
//! of policies, and yields one [`PolicyTotal`] per policy. A [`Summary`]
//! accumulates totals by area and policy, with counts of accounts and errors.
//!
//! This module is pure and in memory: it reads no files and knows no CSV. The
//! parsers ([`Account::parse`], [`AreaOutage::parse`], [`parse_services`]) take the
//! text of one row's fields, so any reader (the `redress batch` command uses the
//! `csv` crate) can feed them, and their errors name the column at fault.
//! Memory stays flat: nothing is kept per account except what the caller keeps.
//!
//! Accounts of one shape (area, zone, currency, service kinds, and the billing day
//! where the policy counts billing periods) differ only in their prices. Under a
//! policy whose choices never look at a price, the batch assesses the first account
//! of a shape in full, keeps its lines as formulas of the prices, and prices the
//! next accounts of that shape by them: the same figures, rounding and totals, for
//! a fraction of the work. A property test holds the two ways equal for every
//! catalog policy. The shapes kept are bounded ([`Batch`] says how).
//!
//! # Example
//! ```
//! use redress::batch::*;
//! # let (_, policy) = redress::doc_example_input();
//! let outage = AreaOutage::parse(&OutageFields {
//!     area: "rochester-14604",
//!     services: "internet|tv",
//!     start: "2024-10-01T06:00:00-04:00",
//!     end: "2024-10-03T11:00:00-04:00",
//!     customers_affected: "182000",
//!     cause: "",
//! })?;
//! let mut batch = Batch::new(vec![policy], OutageIndex::from_iter([outage]));
//! let account = Account::parse(&AccountFields {
//!     account: "A-000001",
//!     region: "US-NY",
//!     area: "rochester-14604",
//!     currency: "USD",
//!     time_zone: "America/New_York",
//!     billing_day: "5",
//!     services: "internet:79.99|tv:65.00",
//! })?;
//! let totals = batch.assess(&account)?;
//! assert_eq!(totals[0].total.to_string(), "14.50");
//!
//! let mut summary = Summary::default();
//! summary.add(&account.area, &totals);
//! assert_eq!(summary.accounts(), 1);
//! # Ok::<(), redress::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, RwLock};

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::de::IntoDeserializer;
use serde::Deserialize;

use crate::case::Case;
use crate::claim::Totals;
use crate::engine::Pricing;
use crate::error::{Error, FieldPath, Result};
use crate::money::Currency;
use crate::outage::{Cause, Outage};
use crate::plan::{validate_plan_parts, BillingCycle, Service, ServiceKind, ServicePlan};
use crate::policy::Policy;

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
    /// `region`: ISO 3166 code, as in the claim file (may be empty).
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
    /// The customer's region (ISO 3166-1 or 3166-2), if given.
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
    /// [`Error::Invalid`] naming the column: an empty `account` or `area`, an
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

    /// As [`Account::parse`], into this account, reusing its buffers (the id, area,
    /// region and services keep their capacity): a reader streaming many rows parses
    /// each into the same account and allocates nothing once they have grown.
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
        parse_services_into(fields.services, &mut self.services)?;
        crate::plan::validate_plan_parts(billing_day, &self.services, &FieldPath::default)?;
        id.clone_into(&mut self.id);
        area.clone_into(&mut self.area);
        match (trim(fields.region), &mut self.region) {
            ("", region) => *region = None,
            (given, Some(region)) => given.clone_into(region),
            (given, region) => *region = Some(given.to_owned()),
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
fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        (None, _) => text,
        _ => text.trim(),
    }
}

/// Whether `text` is a three-letter currency code, written exactly as `code`: compared
/// as three bytes, where a comparison of any length calls `bcmp` and a case-blind one
/// folds every letter.
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
/// `internet:79.99|tv:65.00`. Spaces around names and prices are ignored.
///
/// # Errors
/// [`Error::Invalid`] at `services` (or `services[i]`): an empty field, a pair
/// without `:`, an empty kind, or a price that is not a decimal number.
///
/// # Example
/// ```
/// use redress::batch::parse_services;
/// let services = parse_services("internet:79.99|tv:65.00")?;
/// assert_eq!(services[1].kind, redress::ServiceKind::Tv);
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
        let Some((kind, price)) = split_once_ascii(pair, b':') else {
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
        services.push(Service::new(ServiceKind::from(kind), monthly_price));
    }
    Ok(())
}

/// Reads a `services` field written plainly, as nearly every row writes it: pairs of a
/// kind in lower-case ASCII letters, `:`, and a price of digits with at most one point
/// between digits, separated by `|`, with no spaces. One pass over the bytes, instead of
/// splitting, trimming and handing each price to `Decimal::from_str`, gives the same
/// services, each price the very `Decimal` (mantissa and scale) `from_str` gives.
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
        services.push(Service::new(ServiceKind::from(kind), price));
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

/// `text.split(separator)` for an ASCII separator, by a byte scan: the fields of a
/// batch row are a few bytes long, too short for `str::split`'s searcher to pay.
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

/// `text.split_once(separator)` for an ASCII separator, by a byte scan. Cutting
/// valid UTF-8 at an ASCII byte leaves valid UTF-8 either side, so `get` cannot fail.
fn split_once_ascii(text: &str, separator: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == separator)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// Reads a list of service kinds separated by `|`, such as `internet|tv`.
///
/// # Errors
/// [`Error::Invalid`] at `services`: an empty field or an empty kind.
///
/// # Example
/// ```
/// let kinds = redress::batch::parse_service_kinds("internet|tv")?;
/// assert_eq!(kinds, vec![redress::ServiceKind::Internet, redress::ServiceKind::Tv]);
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
            kind => Ok(ServiceKind::from(kind)),
        })
        .collect()
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
    /// `customers_affected`: optional whole number.
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
        let services = parse_service_kinds(fields.services)?;
        let start = parse_instant(fields.start, "start")?;
        let mut outage = Outage::new(services, start);
        if !trim(fields.end).is_empty() {
            outage.end = Some(parse_instant(fields.end, "end")?);
        }
        outage.customers_affected = match trim(fields.customers_affected) {
            "" => None,
            text => Some(text.parse::<u64>().map_err(|_| {
                Error::invalid(
                    FieldPath::root("customers_affected"),
                    format!("`{text}` is not a whole number of customers"),
                )
            })?),
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
            format!("`{text}` is not an RFC 3339 instant such as 2024-10-01T06:00:00-04:00 ({e})"),
        )
    })
}

/// Outages by area, built once and shared by every account of a batch.
///
/// # Example
/// ```
/// use redress::batch::{AreaOutage, OutageFields, OutageIndex};
/// let outage = AreaOutage::parse(&OutageFields {
///     area: "rochester-14604", services: "internet", start: "2024-10-01T06:00:00-04:00",
///     ..Default::default()
/// })?;
/// let index = OutageIndex::from_iter([outage]);
/// assert_eq!(index.outages("rochester-14604").len(), 1);
/// assert!(index.outages("buffalo-14201").is_empty());
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutageIndex {
    /// Each area's place in `by_area`.
    areas: HashMap<AreaName, usize, Hasher>,
    by_area: Vec<Vec<Outage>>,
    len: usize,
}

/// The hasher of a batch's maps: keys are areas and shapes from the input, hashed once
/// per account, so a fast hash matters; foldhash is several times faster than the
/// standard SipHash on short keys and is still seeded per process, so crafted area
/// names cannot make lookups collide.
type Hasher = foldhash::fast::RandomState;

/// An area's name as the batch's maps keep it: inline when short (24 bytes or
/// fewer, as most are), so that finding an area compares bytes in the table itself
/// rather than behind a pointer to somewhere else in memory, once for every account.
type AreaName = compact_str::CompactString;

/// A [`Summary`]'s groups of one area, by (policy, currency), sorted.
type AreaGroups = smallvec::SmallVec<[(PolicyKey, Group); 1]>;

impl OutageIndex {
    /// An empty index.
    ///
    /// # Example
    /// ```
    /// assert!(redress::batch::OutageIndex::new().is_empty());
    /// ```
    pub fn new() -> OutageIndex {
        OutageIndex::default()
    }

    /// Adds an outage to its area.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let mut index = OutageIndex::new();
    /// index.insert(AreaOutage::parse(&OutageFields {
    ///     area: "a", services: "tv", start: "2024-10-01T06:00:00Z", ..Default::default() })?);
    /// assert_eq!(index.len(), 1);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn insert(&mut self, outage: AreaOutage) {
        let next = self.by_area.len();
        let at = *self
            .areas
            .entry(AreaName::from(outage.area))
            .or_insert(next);
        if at == next {
            self.by_area.push(Vec::new());
        }
        if let Some(outages) = self.by_area.get_mut(at) {
            outages.push(outage.outage);
        }
        self.len += 1;
    }

    /// The outages of an area, in the order they were added (none for an unknown area).
    pub fn outages(&self, area: &str) -> &[Outage] {
        self.outages_at(self.place(area))
    }

    /// An area's place in the index: `None` for an area without outages.
    fn place(&self, area: &str) -> Option<usize> {
        self.areas.get(area).copied()
    }

    fn outages_at(&self, place: Option<usize>) -> &[Outage] {
        place
            .and_then(|at| self.by_area.get(at))
            .map_or(&[], Vec::as_slice)
    }

    /// How many outages the index holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the index holds no outage.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many areas have outages.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::batch::OutageIndex::new().areas(), 0);
    /// ```
    pub fn areas(&self) -> usize {
        self.areas.len()
    }
}

impl FromIterator<AreaOutage> for OutageIndex {
    fn from_iter<I: IntoIterator<Item = AreaOutage>>(outages: I) -> OutageIndex {
        let mut index = OutageIndex::new();
        for outage in outages {
            index.insert(outage);
        }
        index
    }
}

/// What one account is owed under one policy.
///
/// # Example
/// ```
/// # use redress::batch::*;
/// # let (_, policy) = redress::doc_example_input();
/// # let mut batch = Batch::new(vec![policy], OutageIndex::new());
/// # let account = Account::parse(&AccountFields { account: "A-1", area: "quiet", currency: "USD",
/// #     time_zone: "UTC", services: "internet:50", ..Default::default() })?;
/// let totals = batch.assess(&account)?;
/// assert_eq!(&*totals[0].policy, "ny-like");
/// assert_eq!(totals[0].total.to_string(), "0.00"); // no outage in the area
/// assert!(!totals[0].automatic);
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyTotal {
    /// The policy's id.
    pub policy: Arc<str>,
    /// The currency of the total (the account's).
    pub currency: Currency,
    /// What the account is owed, to the currency's minor unit.
    pub total: Decimal,
    /// True only when all of it is paid without a request.
    pub automatic: bool,
    /// False when the policy cannot apply to the account at all (another
    /// currency, none of its services); the total is then zero.
    pub applies: bool,
}

/// Which policies a batch applies.
#[derive(Debug, Clone)]
enum Choice {
    /// The same policies for every account.
    Fixed,
    /// For each account, the catalog policies that [`crate::catalog::select`] finds,
    /// cached by what the selection depends on.
    Select(HashMap<SelectionKey, Vec<usize>, Hasher>),
}

/// What the catalog's selection depends on, for one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct SelectionKey {
    region: Option<String>,
    area: String,
    currency: Currency,
    time_zone: Tz,
    services: Vec<ServiceKind>,
}

/// What an account's assessment under one policy depends on besides its prices: the
/// policy, the area (its place in the outage index), the zone, the currency, the
/// service kinds in the account's order, and, where the policy reads them, the billing
/// day and the region (0 where it does not). Accounts of one shape share one compiled
/// program, priced at each account's prices.
///
/// Packed into integers, so hashing a shape and comparing two are a few operations:
/// this is done for every account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Shape {
    fixed: u128,
    kinds: u64,
    region: u64,
}

impl Shape {
    /// The shape, or `None` where a part does not fit its bits (more than 65,536
    /// policies, 2³² areas or 15 services, a service of another kind, a currency code
    /// longer than three bytes, a region code longer than eight bytes): such an
    /// account is compiled on its own.
    fn new(policy: usize, place: usize, account: &Account, reads: Reads) -> Option<Shape> {
        let policy = u16::try_from(policy).ok()?;
        let place = u32::try_from(place).ok()?;
        let code = match *account.currency.code().as_bytes() {
            [a, b, c] => u32::from_be_bytes([0, a, b, c]),
            _ => return None,
        };
        // Tz is a field-less enum of some 600 zones: its discriminant fits 16 bits.
        let zone = account.time_zone as u16;
        let billing_day = if reads.billing_day {
            account.billing_day
        } else {
            0
        };
        let region = match (&account.region, reads.region) {
            (Some(region), true) if region.len() <= 8 => {
                let mut bytes = [0u8; 8];
                bytes
                    .get_mut(..region.len())?
                    .copy_from_slice(region.as_bytes());
                u64::from_le_bytes(bytes)
            }
            (Some(_), true) => return None,
            _ => 0,
        };
        // Four bits a service (the named kinds are 1 to 9), fifteen at most.
        if account.services.len() > 15 {
            return None;
        }
        let mut kinds = 0u64;
        for service in &account.services {
            kinds = kinds << 4 | u64::from(service.kind.number()?);
        }
        Some(Shape {
            fixed: u128::from(place)
                | u128::from(policy) << 32
                | u128::from(zone) << 48
                | u128::from(code) << 64
                | u128::from(billing_day) << 88,
            kinds,
            region,
        })
    }
}

/// What a batch compiled for an account of a shape.
#[derive(Debug, Clone)]
enum Compiled {
    /// The policy's program, priced for each account of the shape.
    Program(Pricing),
    /// The policy cannot apply (another currency, none of the services).
    NotApplicable,
}

/// At most this many shapes are kept; past it a batch forgets them all and starts
/// again, so memory stays bounded whatever the input. A provider's accounts have far
/// fewer: an area's accounts share a few zones and service bundles.
const SHAPES_KEPT: usize = 1 << 17;

type ShapeMap = HashMap<Shape, Compiled, Hasher>;

/// The programs compiled for shapes met more than once: learned by a batch and its
/// clones together, and copied into each clone's own map as it meets the shape, so that
/// finding a shape again takes no lock.
///
/// A shape met once is only remembered, not kept: under a policy that reads the billing
/// day most accounts are a shape of their own, and keeping their programs would cost
/// memory and time for nothing. A clone compiles a shape on first sight, and on second
/// sight takes the program a clone has kept, or compiles it and keeps it.
#[derive(Debug, Default)]
struct Shapes {
    own: ShapeMap,
    /// Shapes this clone has met, kept or not.
    met: HashSet<Shape, Hasher>,
    shared: Arc<RwLock<Kept>>,
}

/// The programs kept for all clones, and about how many bytes they take.
#[derive(Debug, Default)]
struct Kept {
    shapes: ShapeMap,
    bytes: usize,
}

/// The most the programs kept may take, about: past it they are all forgotten and the
/// batch starts keeping again, so memory stays bounded whatever the input.
const KEPT_BYTES: usize = 32 << 20;

impl Clone for Shapes {
    fn clone(&self) -> Shapes {
        Shapes {
            own: ShapeMap::default(),
            met: HashSet::default(),
            shared: Arc::clone(&self.shared),
        }
    }
}

impl Shapes {
    /// What the shape gave, if this batch or a clone has kept it.
    fn get(&mut self, shape: Shape) -> Option<&Compiled> {
        if self.own.len() >= SHAPES_KEPT {
            self.own.clear();
        }
        if !self.own.contains_key(&shape) && self.met.contains(&shape) {
            let learned = self
                .shared
                .read()
                .ok()
                .and_then(|shared| shared.shapes.get(&shape).cloned());
            if let Some(compiled) = learned {
                self.own.insert(shape, compiled);
            }
        }
        self.own.get(&shape)
    }

    /// What a shape gave, kept for this batch and its clones when the shape was met
    /// before; otherwise only remembered as met.
    fn learn(&mut self, shape: Shape, compiled: Compiled) {
        if self.met.len() >= SHAPES_KEPT {
            self.met.clear();
        }
        if self.met.insert(shape) {
            return;
        }
        let compiled = match compiled {
            Compiled::Program(program) => Compiled::Program(program.kept()),
            other => other,
        };
        self.own.insert(shape, compiled.clone());
        // A poisoned lock only means the clones do not learn this shape from here.
        if let Ok(mut shared) = self.shared.write() {
            let bytes = match &compiled {
                Compiled::Program(program) => program.size(),
                Compiled::NotApplicable => 0,
            } + std::mem::size_of::<(Shape, Compiled)>();
            if shared.shapes.len() >= SHAPES_KEPT || shared.bytes + bytes > KEPT_BYTES {
                shared.shapes.clear();
                shared.bytes = 0;
            }
            shared.bytes += bytes;
            shared.shapes.insert(shape, compiled);
        }
    }
}

/// Assesses accounts one at a time against the outages of their area.
///
/// Each account is a [`Case`] of its plan, its region and its area's outages
/// (restricted to the services it has, so an account without one of the lost services
/// is owed nothing for it). A policy is compiled once for each shape of account (see
/// the [module docs](self)) and the program priced at every account's prices. A batch
/// and its clones (one per thread, say) learn shapes together; a clone set to another
/// instant with [`Batch::at`] starts afresh. At most 131,072 shapes are kept.
///
/// # Example
/// ```
/// use redress::batch::{Batch, OutageIndex};
/// let batch = Batch::new(vec![redress::catalog::get("us-ny-psc-outage-credit")?], OutageIndex::new());
/// assert_eq!(batch.policies().len(), 1);
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug)]
pub struct Batch {
    policies: Vec<Policy>,
    ids: Vec<Arc<str>>,
    /// For each policy, which of an account's facts besides its area, zone, currency
    /// and services its program depends on.
    reads: Vec<Reads>,
    choice: Choice,
    outages: OutageIndex,
    as_of: Option<DateTime<FixedOffset>>,
    shapes: Shapes,
}

/// A clone has policy ids of its own: threads assessing with clones then never share
/// a reference count, which both would write for every account (each [`PolicyTotal`]
/// holds its policy's id).
impl Clone for Batch {
    fn clone(&self) -> Batch {
        Batch {
            policies: self.policies.clone(),
            ids: self.ids.iter().map(|id| Arc::from(&**id)).collect(),
            reads: self.reads.clone(),
            choice: self.choice.clone(),
            outages: self.outages.clone(),
            as_of: self.as_of,
            shapes: self.shapes.clone(),
        }
    }
}

impl Batch {
    /// A batch applying the same policies, in this order, to every account.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{Batch, OutageIndex};
    /// let batch = Batch::new(redress::catalog::all(), OutageIndex::new());
    /// assert!(!batch.selects());
    /// ```
    pub fn new(policies: Vec<Policy>, outages: OutageIndex) -> Batch {
        let ids = policies.iter().map(|p| Arc::from(p.id.as_str())).collect();
        let reads = policies.iter().map(Reads::of).collect();
        Batch {
            policies,
            ids,
            reads,
            choice: Choice::Fixed,
            outages,
            as_of: None,
            shapes: Shapes::default(),
        }
    }

    /// A batch applying to each account the catalog policies that
    /// [`crate::catalog::select`] finds for it (its region, currency, services
    /// and its area's outage dates), in catalog order. The selection is worked
    /// out once per distinct (region, area, currency, zone, services) and reused.
    ///
    /// # Example
    /// ```
    /// let batch = redress::batch::Batch::selecting(redress::batch::OutageIndex::new());
    /// assert!(batch.selects());
    /// assert_eq!(batch.policies().len(), redress::catalog::ids().len());
    /// ```
    pub fn selecting(outages: OutageIndex) -> Batch {
        let mut batch = Batch::new(crate::catalog::all(), outages);
        batch.choice = Choice::Select(HashMap::default());
        batch
    }

    /// The batch assessed at an instant: ongoing outages run until then.
    ///
    /// # Example
    /// ```
    /// let t = chrono::DateTime::parse_from_rfc3339("2024-10-05T12:00:00-04:00").unwrap();
    /// let batch = redress::batch::Batch::selecting(redress::batch::OutageIndex::new()).with_as_of(t);
    /// assert_eq!(batch.as_of(), Some(t));
    /// ```
    pub fn with_as_of(mut self, as_of: DateTime<FixedOffset>) -> Batch {
        self.as_of = Some(as_of);
        // Clones made before keep what they learned at their own instant.
        self.shapes = Shapes::default();
        self
    }

    /// The instant ongoing outages are assessed at, if set.
    pub fn as_of(&self) -> Option<DateTime<FixedOffset>> {
        self.as_of
    }

    /// Whether the batch selects catalog policies per account (rather than
    /// applying a fixed list).
    pub fn selects(&self) -> bool {
        matches!(self.choice, Choice::Select(_))
    }

    /// The policies the batch can apply (all of the catalog when it selects).
    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }

    /// The outage index.
    pub fn outages(&self) -> &OutageIndex {
        &self.outages
    }

    /// Assesses one account: one [`PolicyTotal`] per policy applied, in order.
    /// With [`Batch::selecting`], an account no catalog policy applies to gets none.
    ///
    /// # Errors
    /// Everything [`Case::from_file`] and [`crate::assess_totals`] return for the
    /// account's case, except that a policy that cannot apply yields a zero total
    /// with `applies` false; notably [`Error::Invalid`] with path `as_of` when the
    /// area has an ongoing outage and no `as_of` is set.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{Account, AccountFields, Batch, OutageIndex};
    /// let mut batch = Batch::new(vec![redress::catalog::get("us-ny-psc-outage-credit")?], OutageIndex::new());
    /// let account = Account::parse(&AccountFields { account: "A-1", area: "quiet",
    ///     currency: "USD", time_zone: "UTC", services: "internet:50", ..Default::default() })?;
    /// // No outage in its area: nothing owed.
    /// assert_eq!(batch.assess(&account)?[0].total.to_string(), "0.00");
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn assess(&mut self, account: &Account) -> Result<Vec<PolicyTotal>> {
        let mut out = Vec::new();
        self.assess_into(account, &mut out)?;
        Ok(out)
    }

    /// As [`Batch::assess`], writing into `out` (cleared first), so a caller
    /// streaming many accounts can reuse one buffer.
    ///
    /// # Errors
    /// As [`Batch::assess`]; `out` is left empty on error.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{Account, AccountFields, Batch, OutageIndex};
    /// let mut batch = Batch::new(vec![redress::catalog::get("us-ny-psc-outage-credit")?], OutageIndex::new());
    /// let account = Account::parse(&AccountFields { account: "A-1", area: "quiet",
    ///     currency: "USD", time_zone: "UTC", services: "internet:50", ..Default::default() })?;
    /// let mut totals = Vec::new();
    /// batch.assess_into(&account, &mut totals)?;
    /// batch.assess_into(&account, &mut totals)?;
    /// assert_eq!(totals.len(), 1);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn assess_into(&mut self, account: &Account, out: &mut Vec<PolicyTotal>) -> Result<()> {
        out.clear();
        let result = self.assess_each(account, out);
        if result.is_err() {
            out.clear();
        }
        result
    }

    fn assess_each(&mut self, account: &Account, out: &mut Vec<PolicyTotal>) -> Result<()> {
        // An account's fields are public: its plan is checked as a claim file's would be.
        validate_plan_parts(account.billing_day, &account.services, &|| {
            FieldPath::root("plan")
        })?;
        let place = self.outages.place(&account.area);
        // The account's case, made only where a shape is met for the first time.
        let mut case: Option<Case> = None;
        let selected: Option<Vec<usize>> = match &mut self.choice {
            Choice::Fixed => None,
            Choice::Select(cache) => {
                let key = SelectionKey {
                    region: account.region.clone(),
                    area: account.area.clone(),
                    currency: account.currency,
                    time_zone: account.time_zone,
                    services: account.services.iter().map(|s| s.kind.clone()).collect(),
                };
                let chosen = match cache.get(&key) {
                    Some(chosen) => chosen.clone(),
                    None => {
                        let built =
                            account_case(account, self.outages.outages_at(place), self.as_of)?;
                        let chosen: Vec<usize> = self
                            .policies
                            .iter()
                            .enumerate()
                            .filter(|(_, p)| crate::catalog::selects(p, &built))
                            .map(|(i, _)| i)
                            .collect();
                        case = Some(built);
                        cache.insert(key, chosen.clone());
                        chosen
                    }
                };
                Some(chosen)
            }
        };
        let count = selected.as_ref().map_or(self.policies.len(), Vec::len);
        for n in 0..count {
            let i = match &selected {
                None => n,
                Some(chosen) => match chosen.get(n) {
                    Some(i) => *i,
                    None => continue,
                },
            };
            let (Some(policy), Some(id)) = (self.policies.get(i), self.ids.get(i)) else {
                continue;
            };
            let reads = self.reads.get(i).copied().unwrap_or_default();
            let shape = place
                .filter(|_| !reads.billing_day)
                .and_then(|place| Shape::new(i, place, account, reads));
            // An account of a shape already met is priced by its program, in place.
            let priced = match shape.and_then(|shape| self.shapes.get(shape)) {
                Some(Compiled::Program(program)) => Some(
                    program
                        .totals(policy, &account.services, account.currency)
                        .map(|totals| applied(id, &totals)),
                ),
                Some(Compiled::NotApplicable) => Some(Ok(not_applicable(id, account))),
                None => None,
            };
            if let Some(total) = priced {
                out.push(total?);
                continue;
            }
            if case.is_none() {
                case = Some(account_case(
                    account,
                    self.outages.outages_at(place),
                    self.as_of,
                )?);
            }
            let Some(built) = &case else { continue };
            let compiled = match crate::engine::compile_totals(built, policy)? {
                Some(program) => Compiled::Program(program),
                None => Compiled::NotApplicable,
            };
            out.push(match &compiled {
                Compiled::Program(program) => applied(
                    id,
                    &program.totals(policy, &account.services, account.currency)?,
                ),
                Compiled::NotApplicable => not_applicable(id, account),
            });
            if let Some(shape) = shape {
                self.shapes.learn(shape, compiled);
            }
        }
        Ok(())
    }
}

/// Which of an account's facts, besides its area, zone, currency and services, a
/// policy's program depends on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Reads {
    /// The billing day: the policy counts or prices by billing period.
    billing_day: bool,
    /// The region: the policy counts working days, whose holidays are the region's.
    region: bool,
}

impl Reads {
    fn of(policy: &Policy) -> Reads {
        let reads = crate::engine::reads(policy);
        Reads {
            billing_day: reads.billing_cycle,
            region: reads.region,
        }
    }
}

/// The case an account is assessed as: its plan and region, and its area's outages
/// restricted to the services it has.
fn account_case(
    account: &Account,
    outages: &[Outage],
    as_of: Option<DateTime<FixedOffset>>,
) -> Result<Case> {
    let mut downtimes = Vec::with_capacity(outages.len());
    for outage in outages {
        let has = |kind: &&ServiceKind| account.services.iter().any(|s| &s.kind == *kind);
        let services: Vec<ServiceKind> = outage.services.iter().filter(has).cloned().collect();
        if services.is_empty() {
            continue;
        }
        let number = downtimes.len() + 1;
        downtimes.push(crate::case::outage_facts(
            outage,
            services,
            as_of,
            &|column: &str| FieldPath::root(column),
            number,
        )?);
    }
    Ok(Case {
        as_of: as_of.map(|t| t.with_timezone(&chrono::Utc)),
        region: account
            .region
            .as_deref()
            .map(|r| r.trim().to_ascii_uppercase()),
        segment: crate::claim_file::Segment::default(),
        provider: None,
        currency: account.currency,
        zone: account.time_zone,
        billing: BillingCycle::new(account.billing_day, account.time_zone)?,
        services: account.services.clone(),
        places: Case::places_of(&account.services),
        outages: downtimes,
        appointments: Vec::new(),
        activations: Vec::new(),
        policies: None,
    })
}

/// The total of a policy that applies.
fn applied(id: &Arc<str>, totals: &Totals) -> PolicyTotal {
    PolicyTotal {
        policy: Arc::clone(id),
        currency: totals.currency,
        total: totals.total,
        automatic: totals.automatic,
        applies: true,
    }
}

/// The zero total of a policy that cannot apply to the account.
fn not_applicable(id: &Arc<str>, account: &Account) -> PolicyTotal {
    let mut zero = Decimal::ZERO;
    zero.rescale(account.currency.minor_units());
    PolicyTotal {
        policy: Arc::clone(id),
        currency: account.currency,
        total: zero,
        automatic: false,
        applies: false,
    }
}

/// Totals for one (area, policy, currency) of a [`Summary`].
///
/// # Example
/// ```
/// let group = redress::batch::Group::default();
/// assert_eq!(group.accounts, 0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Group {
    /// Accounts assessed.
    pub accounts: u64,
    /// Accounts owed more than zero.
    pub owed: u64,
    /// Accounts owed more than zero, all of it paid automatically.
    pub automatic: u64,
    /// Accounts the policy could not apply to (zero total).
    pub not_applicable: u64,
    /// The sum owed.
    pub total: Decimal,
    /// True when the sum left `Decimal`'s range; `total` then stops short.
    pub overflowed: bool,
}

impl Group {
    /// Inlined, and the general sum kept out of line, so the usual sum (see
    /// [`add_alike`]) costs no more than it needs.
    #[inline]
    fn add_total(&mut self, amount: Decimal) {
        match add_alike(self.total, amount) {
            Some(sum) => self.total = sum,
            None => self.add_any_total(amount),
        }
    }

    #[inline(never)]
    fn add_any_total(&mut self, amount: Decimal) {
        match self.total.checked_add(amount) {
            Some(sum) => self.total = sum,
            None => self.overflowed = true,
        }
    }

    fn total_text(&self, currency: Currency) -> String {
        if self.overflowed {
            format!("over {} {currency}", self.total)
        } else {
            format!("{} {currency}", self.total)
        }
    }
}

/// `a.checked_add(b)` for the sums a summary nearly always makes: two amounts of the
/// same scale (the currency's minor unit), neither negative (nor a negative zero), whose
/// mantissas and their sum fit 64 bits. Their sum is then the sum of the mantissas at
/// that scale, exactly what `checked_add` gives, found without its general alignment of
/// scales. None for any other pair.
fn add_alike(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.scale() != b.scale() || a.is_sign_negative() || b.is_sign_negative() {
        return None;
    }
    let sum = u64::try_from(a.mantissa())
        .ok()?
        .checked_add(u64::try_from(b.mantissa()).ok()?)?;
    Decimal::try_from_i128_with_scale(i128::from(sum), a.scale()).ok()
}

/// Totals by area and policy, with counts of accounts and errors: what a batch
/// reports when it is done. Its size grows with the number of areas and policies,
/// never with the number of accounts.
///
/// `Display` renders a table: one row per (area, policy, currency), then the
/// totals by policy across areas.
///
/// # Example
/// ```
/// use redress::batch::{PolicyTotal, Summary};
/// use redress::Currency;
/// let mut summary = Summary::default();
/// let owed = PolicyTotal { policy: "p".into(), currency: Currency::USD,
///     total: "14.50".parse().unwrap(), automatic: true, applies: true };
/// summary.add("rochester-14604", &[owed.clone()]);
/// summary.add("rochester-14604", &[owed]);
/// summary.add_error("rochester-14604", &["p"]);
/// assert_eq!((summary.accounts(), summary.errors(), summary.rows()), (3, 1, 3));
/// assert_eq!(summary.total("p", Currency::USD).to_string(), "29.00");
/// assert!(summary.to_string().contains("rochester-14604"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    accounts: u64,
    errors: u64,
    rows: u64,
    unselected: u64,
    /// By area (one hash lookup by `&str` per account, allocation-free once the area
    /// has been seen), then by (policy, currency) in a small sorted list, inline for
    /// one policy. Sorted by area only when read.
    groups: HashMap<AreaName, AreaGroups, Hasher>,
    errors_by_area: BTreeMap<String, u64>,
}

/// A policy id and a currency: what a group of an area is for.
type PolicyKey = (Arc<str>, Currency);

/// Adds one account's total to the groups of its area.
fn add_to(groups: &mut AreaGroups, total: &PolicyTotal) {
    // A batch's totals share their policy ids and currency codes with the groups they
    // made, so a group is nearly always found by address, without comparing text; the
    // search by text finds the rest (and where a new group goes).
    let same_place = groups.iter().position(|((p, c), _)| {
        Arc::ptr_eq(p, &total.policy)
            && std::ptr::eq(c.code(), total.currency.code())
            && c.minor_units() == total.currency.minor_units()
    });
    let found = same_place.map(Ok).unwrap_or_else(|| {
        groups.binary_search_by(|((p, c), _)| (&**p, *c).cmp(&(&*total.policy, total.currency)))
    });
    let at = match found {
        Ok(at) => at,
        Err(at) => {
            let key = (Arc::clone(&total.policy), total.currency);
            groups.insert(at, (key, Group::default()));
            at
        }
    };
    let Some((_, group)) = groups.get_mut(at) else {
        return;
    };
    group.accounts += 1;
    if !total.applies {
        group.not_applicable += 1;
    }
    if !total.total.is_zero() {
        group.owed += 1;
        if total.automatic {
            group.automatic += 1;
        }
    }
    group.add_total(total.total);
}

impl Summary {
    /// Counts one assessed account and adds its totals (one output row each, or
    /// one row when there are none).
    pub fn add(&mut self, area: &str, totals: &[PolicyTotal]) {
        self.accounts += 1;
        self.rows += totals.len().max(1) as u64;
        if totals.is_empty() {
            self.unselected += 1;
            return;
        }
        if let Some(groups) = self.groups.get_mut(area) {
            for total in totals {
                add_to(groups, total);
            }
        } else {
            let mut groups = AreaGroups::new();
            for total in totals {
                add_to(&mut groups, total);
            }
            self.groups.insert(AreaName::from(area), groups);
        }
    }

    /// Adds another summary's counts and totals to this one: a batch split over
    /// threads sums each thread's summary.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{PolicyTotal, Summary};
    /// let owed = PolicyTotal { policy: "p".into(), currency: redress::Currency::USD,
    ///     total: "14.50".parse().unwrap(), automatic: true, applies: true };
    /// let (mut a, mut b, mut both) = (Summary::default(), Summary::default(), Summary::default());
    /// a.add("x", std::slice::from_ref(&owed));
    /// b.add("x", std::slice::from_ref(&owed));
    /// b.add_error("y", &["p"]);
    /// both.add("x", std::slice::from_ref(&owed));
    /// both.add("x", std::slice::from_ref(&owed));
    /// both.add_error("y", &["p"]);
    /// a.merge(b);
    /// assert_eq!(a, both);
    /// ```
    pub fn merge(&mut self, other: Summary) {
        self.accounts += other.accounts;
        self.errors += other.errors;
        self.rows += other.rows;
        self.unselected += other.unselected;
        for (area, groups) in other.groups {
            let mine = self.groups.entry(area).or_default();
            for (key, group) in groups {
                match mine.binary_search_by(|(k, _)| k.cmp(&key)) {
                    Ok(at) => {
                        if let Some((_, into)) = mine.get_mut(at) {
                            into.accounts += group.accounts;
                            into.owed += group.owed;
                            into.automatic += group.automatic;
                            into.not_applicable += group.not_applicable;
                            into.add_total(group.total);
                            into.overflowed |= group.overflowed;
                        }
                    }
                    Err(at) => mine.insert(at, (key, group)),
                }
            }
        }
        for (area, n) in other.errors_by_area {
            *self.errors_by_area.entry(area).or_default() += n;
        }
    }

    /// Counts one account that could not be read or assessed; `policies` are the
    /// ids its error rows were written for (none: one row).
    pub fn add_error(&mut self, area: &str, policies: &[&str]) {
        self.accounts += 1;
        self.errors += 1;
        self.rows += policies.len().max(1) as u64;
        let area = if area.trim().is_empty() {
            "(unreadable)"
        } else {
            area
        };
        *self.errors_by_area.entry(area.to_owned()).or_default() += 1;
    }

    /// Accounts counted, assessed or not.
    pub fn accounts(&self) -> u64 {
        self.accounts
    }

    /// Accounts that could not be read or assessed.
    pub fn errors(&self) -> u64 {
        self.errors
    }

    /// Output rows the accounts produced (one per account and policy).
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Accounts no policy was selected for.
    pub fn unselected(&self) -> u64 {
        self.unselected
    }

    /// The groups, by (area, policy, currency).
    ///
    /// # Example
    /// ```
    /// let summary = redress::batch::Summary::default();
    /// assert_eq!(summary.groups().count(), 0);
    /// ```
    pub fn groups(&self) -> impl Iterator<Item = (&str, &str, Currency, &Group)> {
        let mut areas: Vec<(&AreaName, &AreaGroups)> = self.groups.iter().collect();
        areas.sort_unstable_by(|a, b| a.0.cmp(b.0));
        areas.into_iter().flat_map(|(area, by_policy)| {
            by_policy
                .iter()
                .map(move |((policy, currency), g)| (area.as_str(), &**policy, *currency, g))
        })
    }

    /// Accounts with errors, by area (`(unreadable)` when the area itself was not read).
    pub fn errors_by_area(&self) -> impl Iterator<Item = (&str, u64)> {
        self.errors_by_area.iter().map(|(a, n)| (a.as_str(), *n))
    }

    /// What a policy owes in a currency across all areas (stopping short of a sum
    /// that would leave `Decimal`'s range; [`Group::overflowed`] says when).
    pub fn total(&self, policy: &str, currency: Currency) -> Decimal {
        let mut total = Decimal::ZERO;
        total.rescale(currency.minor_units());
        for (_, p, c, group) in self.groups() {
            if p == policy && c == currency {
                total = total.checked_add(group.total).unwrap_or(total);
            }
        }
        total
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} account{} read: {} assessed, {} with errors; {} row{} written",
            self.accounts,
            if self.accounts == 1 { "" } else { "s" },
            self.accounts.saturating_sub(self.errors),
            self.errors,
            self.rows,
            if self.rows == 1 { "" } else { "s" }
        )?;
        if self.unselected > 0 {
            writeln!(
                f,
                "{} account{} had no applicable catalog policy (owed 0)",
                self.unselected,
                if self.unselected == 1 { "" } else { "s" }
            )?;
        }
        if self.groups.is_empty() && self.errors_by_area.is_empty() {
            return Ok(());
        }
        let area_width = self
            .groups
            .keys()
            .map(|a| a.chars().count())
            .chain(self.errors_by_area.keys().map(|a| a.chars().count()))
            .chain(["area".len(), "all areas".len()])
            .max()
            .unwrap_or(4);
        let policy_width = self
            .groups()
            .map(|(_, p, _, _)| p.chars().count())
            .chain(["policy".len()])
            .max()
            .unwrap_or(6);
        writeln!(
            f,
            "{:<area_width$}  {:<policy_width$}  {:>8}  {:>6}  {:>9}  {:>6}  {:>16}",
            "area", "policy", "accounts", "owed", "automatic", "errors", "total"
        )?;
        let mut by_policy: BTreeMap<(&str, Currency), Group> = BTreeMap::new();
        let mut areas_listed: Vec<&str> = Vec::new();
        for (area, policy, currency, group) in self.groups() {
            let errors = if areas_listed.last() == Some(&area) {
                String::new()
            } else {
                areas_listed.push(area);
                self.errors_by_area
                    .get(area)
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "0".to_owned())
            };
            writeln!(
                f,
                "{:<area_width$}  {:<policy_width$}  {:>8}  {:>6}  {:>9}  {:>6}  {:>16}",
                area,
                policy,
                group.accounts,
                group.owed,
                group.automatic,
                errors,
                group.total_text(currency)
            )?;
            let sum = by_policy.entry((policy, currency)).or_default();
            sum.accounts += group.accounts;
            sum.owed += group.owed;
            sum.automatic += group.automatic;
            sum.add_total(group.total);
            sum.overflowed |= group.overflowed;
        }
        for (area, n) in &self.errors_by_area {
            if !areas_listed.contains(&area.as_str()) {
                writeln!(
                    f,
                    "{:<area_width$}  {:<policy_width$}  {:>8}  {:>6}  {:>9}  {:>6}  {:>16}",
                    area, "", 0, 0, 0, n, ""
                )?;
            }
        }
        for ((policy, currency), group) in &by_policy {
            writeln!(
                f,
                "{:<area_width$}  {:<policy_width$}  {:>8}  {:>6}  {:>9}  {:>6}  {:>16}",
                "all areas",
                policy,
                group.accounts,
                group.owed,
                group.automatic,
                self.errors,
                group.total_text(*currency)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim_file::{ClaimFile, Customer};

    fn account(id: &str, area: &str, services: &str) -> Account {
        Account::parse(&AccountFields {
            account: id,
            region: "US-NY",
            area,
            currency: "USD",
            time_zone: "America/New_York",
            billing_day: "5",
            services,
        })
        .unwrap()
    }

    fn outage(area: &str, services: &str, start: &str, end: &str) -> AreaOutage {
        AreaOutage::parse(&OutageFields {
            area,
            services,
            start,
            end,
            customers_affected: "182000",
            cause: "",
        })
        .unwrap()
    }

    fn ny_batch() -> Batch {
        let (_, policy) = crate::doc_example_input();
        Batch::new(
            vec![policy],
            OutageIndex::from_iter([
                outage(
                    "rochester-14604",
                    "internet|tv",
                    "2024-10-01T06:00:00-04:00",
                    "2024-10-03T11:00:00-04:00",
                ),
                outage("buffalo-14201", "internet", "2024-10-01T08:00:00-04:00", ""),
            ]),
        )
    }

    #[test]
    fn services_parse_without_regex_and_errors_name_the_pair() {
        let s = parse_services(" internet : 79.99 | TV:65 ").unwrap();
        assert_eq!(s[0].kind, ServiceKind::Internet);
        assert_eq!(s[1].kind, ServiceKind::Tv);
        assert_eq!(s[1].monthly_price, Decimal::from(65));
        for (text, message) in [
            ("", "services: is empty"),
            (
                "internet",
                "services[0]: `internet` is not a kind:monthly_price pair",
            ),
            ("internet:79.99|:5", "services[1]: `:5` has no service kind"),
            ("internet:abc", "services[0]: `abc` is not a price"),
        ] {
            let err = parse_services(text).unwrap_err().to_string();
            assert!(err.starts_with(message), "{text:?}: {err}");
        }
    }

    #[test]
    fn account_fields_are_checked_and_named() {
        let good = AccountFields {
            account: "A-1",
            region: "US-NY",
            area: "a",
            currency: "USD",
            time_zone: "America/New_York",
            billing_day: "",
            services: "internet:79.99",
        };
        assert_eq!(Account::parse(&good).unwrap().billing_day, 1);
        assert_eq!(
            Account::parse(&AccountFields {
                region: " ",
                ..good
            })
            .unwrap()
            .region,
            None
        );
        for (fields, message) in [
            (
                AccountFields {
                    account: "",
                    ..good
                },
                "account: is empty",
            ),
            (AccountFields { area: " ", ..good }, "area: is empty"),
            (
                AccountFields {
                    currency: "XYZ",
                    ..good
                },
                "currency: unknown currency `XYZ`",
            ),
            (
                AccountFields {
                    time_zone: "Mars/Olympus",
                    ..good
                },
                "time_zone: `Mars/Olympus`",
            ),
            (
                AccountFields {
                    billing_day: "32",
                    ..good
                },
                "billing_day: must be a day of the month",
            ),
            (
                AccountFields {
                    billing_day: "x",
                    ..good
                },
                "billing_day: `x` is not a day",
            ),
            (
                AccountFields {
                    services: "internet:-1",
                    ..good
                },
                "services[0].monthly_price: a price cannot be negative",
            ),
            (
                AccountFields {
                    services: "tv:1|tv:2",
                    ..good
                },
                "services[1].kind: `tv` is listed twice",
            ),
        ] {
            let err = Account::parse(&fields).unwrap_err().to_string();
            assert!(err.starts_with(message), "{fields:?}: {err}");
        }
    }

    #[test]
    fn outage_fields_are_checked_and_named() {
        let good = OutageFields {
            area: "a",
            services: "internet|tv",
            start: "2024-10-01T06:00:00-04:00",
            end: "2024-10-03T11:00:00-04:00",
            customers_affected: "",
            cause: "severe-weather",
        };
        assert_eq!(
            AreaOutage::parse(&good).unwrap().outage.cause,
            Cause::SevereWeather
        );
        for (fields, message) in [
            (OutageFields { area: "", ..good }, "area: is empty"),
            (
                OutageFields {
                    services: "",
                    ..good
                },
                "services: is empty",
            ),
            (
                OutageFields {
                    services: "internet||tv",
                    ..good
                },
                "services[1]: an empty service kind",
            ),
            (
                OutageFields {
                    start: "2024-10-01 06:00",
                    ..good
                },
                "start: `2024-10-01 06:00` is not an RFC 3339 instant",
            ),
            (
                OutageFields {
                    end: "2024-09-30T00:00:00Z",
                    ..good
                },
                "end: 2024-09-30T00:00:00+00:00 is before the start",
            ),
            (
                OutageFields {
                    start: "1800-01-01T00:00:00Z",
                    ..good
                },
                "start: 1800-01-01 is outside the supported years",
            ),
            (
                OutageFields {
                    customers_affected: "lots",
                    ..good
                },
                "customers_affected: `lots` is not a whole number",
            ),
            (
                OutageFields {
                    cause: "aliens",
                    ..good
                },
                "cause: unknown variant `aliens`",
            ),
        ] {
            let err = AreaOutage::parse(&fields).unwrap_err().to_string();
            assert!(err.starts_with(message), "{fields:?}: {err}");
        }
    }

    #[test]
    fn an_account_gets_the_outages_of_its_area_for_the_services_it_has() {
        let mut batch = ny_batch();
        let both = batch
            .assess(&account(
                "A-1",
                "rochester-14604",
                "internet:79.99|tv:65.00",
            ))
            .unwrap();
        assert_eq!(both[0].total.to_string(), "14.50");
        assert!(both[0].automatic && both[0].applies);
        let internet_only = batch
            .assess(&account("A-2", "rochester-14604", "internet:79.99"))
            .unwrap();
        assert_eq!(internet_only[0].total.to_string(), "8.00");
        let phone_only = batch
            .assess(&account("A-3", "rochester-14604", "phone:30"))
            .unwrap();
        assert_eq!(phone_only[0].total.to_string(), "0.00");
        let elsewhere = batch
            .assess(&account("A-4", "syracuse-13202", "internet:79.99"))
            .unwrap();
        assert_eq!(elsewhere[0].total.to_string(), "0.00");
    }

    #[test]
    fn an_ongoing_outage_needs_as_of_and_runs_until_it() {
        let mut batch = ny_batch();
        let buffalo = account("B-1", "buffalo-14201", "internet:60.00");
        let err = batch.assess(&buffalo).unwrap_err();
        assert!(err.to_string().starts_with("as_of:"), "{err}");
        let as_of = DateTime::parse_from_rfc3339("2024-10-03T09:00:00-04:00").unwrap();
        let mut batch = batch.with_as_of(as_of);
        // 49 hours → 3 started 24-hour blocks × 60 / 30.
        assert_eq!(batch.assess(&buffalo).unwrap()[0].total.to_string(), "6.00");
    }

    #[test]
    fn a_policy_in_another_currency_gives_a_zero_that_does_not_apply() {
        let mut batch = ny_batch();
        let mut euro = account("E-1", "rochester-14604", "internet:79.99");
        euro.currency = Currency::EUR;
        let totals = batch.assess(&euro).unwrap();
        assert_eq!(totals[0].total.to_string(), "0.00");
        assert!(!totals[0].applies);
        assert_eq!(totals[0].currency, Currency::EUR);
    }

    #[test]
    fn the_summary_adds_by_area_and_policy_and_counts_rows() {
        let mut batch = ny_batch()
            .with_as_of(DateTime::parse_from_rfc3339("2024-10-03T09:00:00-04:00").unwrap());
        let mut summary = Summary::default();
        for a in [
            account("A-1", "rochester-14604", "internet:79.99|tv:65.00"),
            account("A-2", "rochester-14604", "internet:79.99"),
            account("B-1", "buffalo-14201", "internet:60.00"),
            account("C-1", "syracuse-13202", "internet:60.00"),
        ] {
            let totals = batch.assess(&a).unwrap();
            summary.add(&a.area, &totals);
        }
        summary.add_error("rochester-14604", &["ny-like"]);
        summary.add_error("", &["ny-like"]);
        assert_eq!(summary.accounts(), 6);
        assert_eq!(summary.errors(), 2);
        assert_eq!(summary.rows(), 6);
        assert_eq!(summary.total("ny-like", Currency::USD).to_string(), "28.50");
        let rochester = summary
            .groups()
            .find(|(area, _, _, _)| *area == "rochester-14604")
            .unwrap()
            .3;
        assert_eq!(
            (rochester.accounts, rochester.owed, rochester.automatic),
            (2, 2, 2)
        );
        let text = summary.to_string();
        assert!(
            text.starts_with("6 accounts read: 4 assessed, 2 with errors; 6 rows written"),
            "{text}"
        );
        assert!(text.contains("(unreadable)"), "{text}");
        assert!(text.contains("28.50 USD"), "{text}");
    }

    #[test]
    fn a_sum_too_large_for_decimal_is_flagged_not_a_panic() {
        let huge = PolicyTotal {
            policy: "p".into(),
            currency: Currency::USD,
            total: Decimal::MAX,
            automatic: true,
            applies: true,
        };
        let mut summary = Summary::default();
        summary.add("a", std::slice::from_ref(&huge));
        summary.add("a", &[huge]);
        let group = summary.groups().next().unwrap().3;
        assert!(group.overflowed);
        assert!(summary.to_string().contains("over "), "{summary}");
    }

    /// The claim file an account is assessed from, built afresh as the batch built it
    /// before it reused one: the reference the reused file must match.
    fn reference_file(batch: &Batch, account: &Account) -> ClaimFile {
        let mut file = ClaimFile::new(account.plan());
        file.customer = Some(Customer {
            account: Some(account.id.clone()),
            region: account.region.clone(),
            ..Customer::default()
        });
        file.as_of = batch.as_of;
        for outage in batch.outages.outages(&account.area) {
            let services: Vec<ServiceKind> = outage
                .services
                .iter()
                .filter(|kind| account.services.iter().any(|s| &s.kind == *kind))
                .cloned()
                .collect();
            if !services.is_empty() {
                let mut outage = outage.clone();
                outage.services = services;
                file.outages.push(outage);
            }
        }
        file
    }

    mod reuse {
        use super::*;
        use proptest::prelude::*;

        const KINDS: [&str; 4] = ["internet", "tv", "phone", "mobile"];

        fn kinds(mask: u8) -> Vec<&'static str> {
            KINDS
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, k)| *k)
                .collect()
        }

        prop_compose! {
            fn arb_outage()(
                area in 0usize..3,
                mask in 1u8..16,
                start in 0i64..400,
                hours in 1i64..200,
                ongoing in proptest::bool::weighted(0.2),
                customers in proptest::option::of(0u64..300),
                cause in 0usize..3,
            ) -> AreaOutage {
                let start = DateTime::parse_from_rfc3339("2024-09-01T00:00:00-04:00").unwrap()
                    + chrono::Duration::hours(start);
                let end = start + chrono::Duration::hours(hours);
                AreaOutage::parse(&OutageFields {
                    area: &format!("area-{area}"),
                    services: &kinds(mask).join("|"),
                    start: &start.to_rfc3339(),
                    end: &if ongoing { String::new() } else { end.to_rfc3339() },
                    customers_affected: &customers.map(|c| c.to_string()).unwrap_or_default(),
                    cause: ["", "power", "severe-weather"][cause],
                })
                .unwrap()
            }
        }

        prop_compose! {
            fn arb_account()(
                area in 0usize..4,
                mask in 1u8..16,
                cents in proptest::collection::vec(0u32..20_000, 4),
                region in proptest::option::of(0usize..2),
                day in 1u8..=31,
            ) -> Account {
                let services: Vec<String> = kinds(mask)
                    .iter()
                    .zip(&cents)
                    .map(|(k, c)| format!("{k}:{}.{:02}", c / 100, c % 100))
                    .collect();
                Account::parse(&AccountFields {
                    account: "A-1",
                    region: region.map(|r| ["US-NY", "GB-ENG"][r]).unwrap_or(""),
                    area: &format!("area-{area}"),
                    currency: "USD",
                    time_zone: "America/New_York",
                    billing_day: &day.to_string(),
                    services: &services.join("|"),
                })
                .unwrap()
            }
        }

        proptest! {
            /// One batch assessing a run of accounts (its claim file refilled for each)
            /// gives, account by account, the figures `assess` gives for a claim file
            /// built afresh, under fixed policies and under the catalog's selection.
            #[test]
            fn a_reused_claim_file_gives_the_figures_of_a_fresh_one(
                outages in proptest::collection::vec(arb_outage(), 0..6),
                accounts in proptest::collection::vec(arb_account(), 1..12),
            ) {
                let as_of = DateTime::parse_from_rfc3339("2024-10-20T00:00:00-04:00").unwrap();
                let index = OutageIndex::from_iter(outages);
                let policies: Vec<Policy> = ["us-ny-psc-outage-credit", "us-nj-cable", "att-guarantee-2025"]
                    .iter()
                    .map(|id| crate::catalog::get(id).unwrap())
                    .collect();
                let mut fixed = Batch::new(policies.clone(), index.clone()).with_as_of(as_of);
                let mut selecting = Batch::selecting(index).with_as_of(as_of);
                for account in &accounts {
                    let file = reference_file(&fixed, account);
                    let case = crate::Case::from_file(&file).unwrap();
                    let totals = fixed.assess(account).unwrap();
                    prop_assert_eq!(totals.len(), policies.len());
                    for (total, policy) in totals.iter().zip(&policies) {
                        match crate::assess(&case, policy) {
                            Ok(claim) => {
                                prop_assert!(total.applies);
                                prop_assert_eq!((total.total, total.automatic), (claim.total, claim.automatic));
                            }
                            Err(Error::PolicyNotApplicable { .. }) => prop_assert!(!total.applies),
                            Err(e) => prop_assert!(false, "{e}"),
                        }
                    }
                    let selected = selecting.assess(account).unwrap();
                    let expected: Vec<Policy> = crate::catalog::select(&case);
                    prop_assert_eq!(selected.len(), expected.len());
                    for (total, policy) in selected.iter().zip(&expected) {
                        prop_assert_eq!(&*total.policy, policy.id.as_str());
                        let claim = crate::assess(&case, policy).unwrap();
                        prop_assert_eq!((total.total, total.automatic), (claim.total, claim.automatic));
                    }
                }
            }
        }
    }

    #[test]
    fn parsing_into_a_reused_account_equals_parsing_afresh() {
        let rows = [
            (
                "A-1",
                "US-NY",
                "USD",
                "America/New_York",
                "5",
                "internet:79.99|tv:65",
            ),
            ("A-2", "", "usd", "America/New_York", "", "phone:30"),
            (
                "A-3",
                "GB-ENG",
                "GBP",
                "Europe/London",
                "31",
                "internet:30|satellite:5",
            ),
            ("A-4", "GB-ENG", "GBP", "europe/london", "1", "internet:30"),
            ("A-5", "DE", "EUR", "UTC", "1", "internet:30|tv:1|phone:2"),
            ("A-6", "DE", "XYZ", "UTC", "1", "internet:30"),
            ("A-7", "US-NY", "USD", "America/New_York", "5", "tv:1"),
        ];
        let mut reused = Account::default();
        for (account, region, currency, time_zone, billing_day, services) in rows {
            let fields = AccountFields {
                account,
                region,
                area: "a",
                currency,
                time_zone,
                billing_day,
                services,
            };
            let fresh = Account::parse(&fields);
            let again = reused.parse_into(&fields).map(|()| reused.clone());
            assert_eq!(again, fresh, "{account}");
        }
    }

    /// An area whose outage the claim file's checks refuse gives every account of it
    /// the error, named by the column; a bad plan is named before the outages, as the
    /// claim file checks it first.
    #[test]
    fn an_areas_broken_outage_is_every_accounts_error() {
        let mut broken = outage("bad", "internet", "2024-10-03T00:00:00Z", "");
        broken.outage.end = chrono::DateTime::parse_from_rfc3339("2024-10-01T00:00:00Z").ok();
        let index = OutageIndex::from_iter([
            broken,
            outage(
                "good",
                "internet",
                "2024-10-01T06:00:00-04:00",
                "2024-10-03T11:00:00-04:00",
            ),
        ]);
        let mut batch = Batch::new(vec![crate::catalog::us::ny_psc_outage_credit()], index);
        for _ in 0..2 {
            let err = batch
                .assess(&account("A-1", "bad", "internet:79.99"))
                .unwrap_err();
            assert!(err.to_string().starts_with("end: "), "{err}");
            let mut negative = account("A-2", "good", "internet:79.99");
            negative.services[0].monthly_price = Decimal::new(-1, 0);
            let err = batch.assess(&negative).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with("plan.services[0].monthly_price: "),
                "{err}"
            );
            // 53 h from 06:00 on the 1st: three started 24-hour blocks, 3 × 79.99 / 30 = 7.999 → 8.00.
            let owed = batch
                .assess(&account("A-3", "good", "internet:79.99"))
                .unwrap();
            assert_eq!(owed[0].total.to_string(), "8.00");
        }
    }

    mod plain {
        use super::*;
        use proptest::prelude::*;

        /// A parse's outcome with each price as its exact representation (`Decimal`'s `==`
        /// ignores the scale, which the output shows) and any error as its words.
        /// Services with their prices' exact representations, or an error's words.
        type Exact = std::result::Result<Vec<(ServiceKind, [u8; 16])>, String>;

        fn exactly(outcome: Result<()>, services: &[Service]) -> Exact {
            outcome.map_err(|e| e.to_string())?;
            Ok(services
                .iter()
                .map(|s| (s.kind.clone(), s.monthly_price.serialize()))
                .collect())
        }

        fn both_readings(text: &str) -> (Exact, Exact) {
            let mut fast = vec![Service::new(ServiceKind::Tv, Decimal::ONE)];
            let outcome = parse_services_into(text, &mut fast);
            let fast = exactly(outcome, &fast);
            let mut general = Vec::new();
            let outcome = parse_any_services(text, &mut general);
            (fast, exactly(outcome, &general))
        }

        #[test]
        fn plain_prices_take_the_plain_path() {
            for text in [
                "0",
                "104.40",
                "00.10",
                "12345678901234567",
                "1234567890123.456",
            ] {
                let (price, end) = plain_price(text.as_bytes(), 0).unwrap();
                assert_eq!(end, text.len(), "{text}");
                let expected = Decimal::from_str(text).unwrap();
                assert_eq!(price.serialize(), expected.serialize(), "{text}");
            }
            for text in [
                "",
                ".5",
                "5.",
                "1.2.3",
                "-1",
                "+1",
                "1_0",
                "123456789012345678",
            ] {
                let whole =
                    plain_price(text.as_bytes(), 0).is_some_and(|(_, end)| end == text.len());
                assert!(!whole, "{text}");
            }
            let mut services = Vec::new();
            assert!(parse_plain_services(
                "internet:79.99|satellite:5",
                &mut services
            ));
            assert_eq!(services[1].kind, ServiceKind::Other("satellite".into()));
            for text in [
                "",
                "Internet:1",
                "tv: 1",
                "tv:1|",
                "|tv:1",
                "tv:1 ",
                "tv",
                "tv:1|tv:2x",
            ] {
                assert!(!parse_plain_services(text, &mut Vec::new()), "{text:?}");
            }
        }

        #[test]
        fn every_kind_is_read_back_from_its_name_in_any_case() {
            for kind in [
                ServiceKind::Internet,
                ServiceKind::Tv,
                ServiceKind::Phone,
                ServiceKind::Mobile,
                ServiceKind::Electricity,
                ServiceKind::Gas,
                ServiceKind::Water,
                ServiceKind::Compute,
                ServiceKind::Storage,
            ] {
                let name = kind.as_str();
                assert_eq!(ServiceKind::from(name), kind);
                assert_eq!(ServiceKind::from(name.to_uppercase().as_str()), kind);
                assert_eq!(ServiceKind::from(format!(" {name}").as_str()), kind);
            }
        }

        /// A decimal of any sign, scale and size (zeros, negative zeros and mantissas
        /// past 64 bits among them).
        fn arb_decimal() -> impl Strategy<Value = Decimal> {
            (
                prop_oneof![
                    Just(0u128),
                    0u128..100_000,
                    0u128..(1 << 64),
                    (1u128 << 63)..(1 << 65),
                    0u128..(1 << 96),
                ],
                any::<bool>(),
                prop_oneof![Just(2u32), 0u32..=28],
            )
                .prop_map(|(mantissa, negative, scale)| {
                    let mut d = Decimal::from_i128_with_scale(mantissa as i128, scale);
                    d.set_sign_negative(negative);
                    d
                })
        }

        proptest! {
            /// The summary's quick sum gives `checked_add`'s very decimal whenever it gives one.
            #[test]
            fn a_quick_sum_is_the_checked_sum(a in arb_decimal(), b in arb_decimal()) {
                if let Some(sum) = add_alike(a, b) {
                    prop_assert_eq!(Some(sum.serialize()), a.checked_add(b).map(|s| s.serialize()));
                }
            }
        }

        #[test]
        fn sums_of_money_are_quick() {
            let cents = |c: i64| Decimal::new(c, 2);
            assert!(add_alike(cents(1450), cents(800)).is_some());
            assert!(add_alike(cents(0), cents(800)).is_some());
            assert!(add_alike(cents(-1), cents(800)).is_none());
            assert!(add_alike(Decimal::ZERO, cents(800)).is_none());
        }

        proptest! {
            /// Whatever prefix of a text the plain reading takes as a price is read as
            /// `Decimal::from_str` reads it: the same mantissa, scale and sign.
            #[test]
            fn a_plain_price_is_the_decimal_from_str_gives(
                text in "[0-9.]{0,20}|[0-9]{1,19}(\\.[0-9]{0,19})?|[-+_ 0-9.eE|]{0,8}",
            ) {
                if let Some((price, end)) = plain_price(text.as_bytes(), 0) {
                    let taken = text.get(..end).unwrap();
                    let expected = Decimal::from_str(taken).unwrap();
                    prop_assert_eq!(price.serialize(), expected.serialize(), "{}", taken);
                }
            }

            /// The plain reading of a `services` field gives the general reading's services,
            /// or leaves the text to it: the same services, prices and errors either way.
            #[test]
            fn plain_services_read_as_any_services_do(
                text in "((internet|tv|phone|TV|satellite| x|)( ?: ?|:|)([0-9]{0,3}(\\.[0-9]{0,3})?|-1|1e2|1_0| 5|0\\.)(\\|| \\||))*",
            ) {
                let (fast, general) = both_readings(&text);
                prop_assert_eq!(fast, general, "{:?}", text);
            }

            /// Plainly written fields do take the plain reading, and agree with the general one.
            #[test]
            fn plain_services_are_read_plainly(
                text in "(internet|tv|phone|satellite):[0-9]{1,9}(\\.[0-9]{1,4})?(\\|(internet|tv|phone|gas):[0-9]{1,5}(\\.[0-9]{1,3})?){0,3}",
            ) {
                prop_assert!(parse_plain_services(&text, &mut Vec::new()));
                let (fast, general) = both_readings(&text);
                prop_assert_eq!(fast, general, "{:?}", text);
            }
        }
    }

    #[test]
    fn ascii_splits_agree_with_the_standard_ones() {
        for text in [
            "",
            "|",
            "a",
            "a|b",
            "|a||b|",
            "é|ü:x",
            "internet:79.99|tv:65.00",
            "::",
        ] {
            let ours: Vec<&str> = split_ascii(text, b'|').collect();
            let std: Vec<&str> = text.split('|').collect();
            assert_eq!(ours, std, "{text:?}");
            assert_eq!(
                split_once_ascii(text, b':'),
                text.split_once(':'),
                "{text:?}"
            );
        }
    }

    #[test]
    fn selection_is_cached_per_kind_of_account() {
        let mut batch = Batch::selecting(OutageIndex::new());
        let a = account("A-1", "rochester-14604", "internet:79.99");
        let first = batch.assess(&a).unwrap();
        let second = batch.assess(&a).unwrap();
        assert_eq!(first, second);
        if let Choice::Select(cache) = &batch.choice {
            assert_eq!(cache.len(), 1);
        }
    }

    fn rochester(id: &str, services: &str) -> Account {
        Account::parse(&AccountFields {
            account: id,
            area: "rochester-14604",
            currency: "USD",
            time_zone: "America/New_York",
            services,
            ..AccountFields::default()
        })
        .unwrap()
    }

    /// The second account of a shape is priced by the program compiled for the first,
    /// at its own prices. The outage lasts 53 hours (06:00 on 1 October to 11:00 on 3 October):
    /// three started 24-hour blocks, each 1/30 of a service's monthly price.
    #[test]
    fn accounts_of_one_shape_are_each_priced_at_their_own_prices() {
        let (_, policy) = crate::doc_example_input();
        let outage = AreaOutage::parse(&OutageFields {
            area: "rochester-14604",
            services: "internet|tv",
            start: "2024-10-01T06:00:00-04:00",
            end: "2024-10-03T11:00:00-04:00",
            customers_affected: "182000",
            cause: "",
        })
        .unwrap();
        let mut batch = Batch::new(vec![policy], OutageIndex::from_iter([outage]));
        let total = |batch: &mut Batch, services: &str| {
            let totals = batch.assess(&rochester("A", services)).unwrap();
            totals.first().map(|t| (t.total.to_string(), t.automatic))
        };
        // 79.99 × 3 / 30 = 7.999 → 8.00; 65.00 × 3 / 30 = 6.50; 14.50 in all.
        assert_eq!(
            total(&mut batch, "internet:79.99|tv:65.00"),
            Some(("14.50".to_owned(), true))
        );
        // Same shape: 50.00 × 3 / 30 = 5.00; 20.01 × 3 / 30 = 2.001 → 2.00; 7.00.
        assert_eq!(
            total(&mut batch, "internet:50.00|tv:20.01"),
            Some(("7.00".to_owned(), true))
        );
        // The services in another order are the same shape: 6.00 × 3 / 30 = 0.60 and
        // 45.55 × 3 / 30 = 4.555 → 4.56 (half away from zero); 5.16.
        assert_eq!(
            total(&mut batch, "tv:6.00|internet:45.55"),
            Some(("5.16".to_owned(), true))
        );
        // Beyond the range where one integer division is proven to round as `Decimal`
        // does, the line is divided and rounded as the assessment does it:
        // 40,000,000,000,000.01 × 3 / 30 = 4,000,000,000,000.001 → 4,000,000,000,000.00.
        assert_eq!(
            total(&mut batch, "internet:40000000000000.01|tv:0.10"),
            Some(("4000000000000.01".to_owned(), true))
        );
        // A free service owes nothing: a zero line is neither owed nor automatic.
        assert_eq!(
            total(&mut batch, "internet:0|tv:0"),
            Some(("0.00".to_owned(), false))
        );
    }

    /// Clones of a batch share the shapes they learn, but a clone set to another
    /// instant starts afresh: an ongoing outage from 06:00 on 1 October is one 24-hour
    /// block at 06:00 on the 2nd and two at 06:00 on the 3rd, each 1/30 of the price.
    #[test]
    fn clones_share_shapes_only_at_the_same_instant() {
        let (_, policy) = crate::doc_example_input();
        let outage = AreaOutage::parse(&OutageFields {
            area: "rochester-14604",
            services: "internet",
            start: "2024-10-01T06:00:00-04:00",
            end: "",
            customers_affected: "182000",
            cause: "",
        })
        .unwrap();
        let at = |text: &str| chrono::DateTime::parse_from_rfc3339(text).unwrap();
        let mut first = Batch::new(vec![policy], OutageIndex::from_iter([outage]))
            .with_as_of(at("2024-10-02T06:00:00-04:00"));
        let mut same_instant = first.clone();
        let mut later = first.clone().with_as_of(at("2024-10-03T06:00:00-04:00"));
        let total = |batch: &mut Batch, services: &str| {
            let totals = batch.assess(&rochester("A", services)).unwrap();
            totals.first().map(|t| t.total.to_string())
        };
        // 30.00 × 1 / 30 = 1.00, learned by the first batch.
        assert_eq!(total(&mut first, "internet:30.00"), Some("1.00".to_owned()));
        // 60.00 × 1 / 30 = 2.00, priced by the clone from what the first learned.
        assert_eq!(
            total(&mut same_instant, "internet:60.00"),
            Some("2.00".to_owned())
        );
        // Two days later: 30.00 × 2 / 30 = 2.00.
        assert_eq!(total(&mut later, "internet:30.00"), Some("2.00".to_owned()));
    }
}
