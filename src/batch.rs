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
//! let mut summary = batch.summary();
//! summary.add(batch.outages(), &account.area, &totals);
//! assert_eq!(summary.accounts(), 1);
//! # Ok::<(), redress::Error>(())
//! ```

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, OnceLock, RwLock};

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::de::IntoDeserializer;
use serde::Deserialize;

use crate::claim::Totals;
use crate::claim_file::{ClaimFile, Customer};
use crate::error::{Error, FieldPath, Result};
use crate::money::Currency;
use crate::outage::{Cause, Outage};
use crate::plan::{kind_set, validate_plan_parts, KindSet, Service, ServiceKind, ServicePlan};
use crate::policy::Policy;
use crate::reprice::{repriceable, Needs, PriceProgram};

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
        let mut services = parse_service_kinds(fields.services)?;
        // Kept for the whole batch, once per outage: no room to spare.
        services.shrink_to_fit();
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
/// of a file holding only this outage (and a plan of its services), errors named by
/// column.
fn check_outage(outage: &Outage, as_of: Option<DateTime<FixedOffset>>) -> Result<()> {
    let mut plan = ServicePlan::new(Currency::USD, chrono_tz::UTC);
    for kind in &outage.services {
        if plan.service(kind).is_none() {
            plan.services
                .push(Service::new(kind.clone(), Decimal::ZERO));
        }
    }
    let mut file = ClaimFile::new(plan).with_outage(outage.clone());
    file.as_of = as_of;
    file.validate().map_err(|e| match e {
        Error::Invalid { path, problem } => {
            let column = path
                .as_str()
                .strip_prefix("outages[0].")
                .unwrap_or(path.as_str());
            let column = match column.split_once('[') {
                Some(("services", _)) => "services",
                _ => column,
            };
            Error::invalid(FieldPath::root(column), problem)
        }
        other => other,
    })
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
/// Areas are matched exactly as written (after the surrounding spaces the parsers
/// trim): area ids are codes, and `Rochester-14604` is not `rochester-14604`. A batch
/// refuses an account whose area matches an outage area only when letter case is
/// ignored (see [`Batch::assess_into`]), so such a slip never silently owes nothing.
///
/// Clones share the outages: a batch cloned for each thread holds them once.
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
/// assert!(index.outages("Rochester-14604").is_empty());
/// assert_eq!(index.area_ignoring_case("Rochester-14604"), Some("rochester-14604"));
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct OutageIndex {
    areas: Arc<Areas>,
}

/// What an [`OutageIndex`] holds, shared by its clones and by the summaries of its
/// batches (which name areas by their place here).
#[derive(Debug, Clone, Default)]
struct Areas {
    /// Each area's place in `by_area`.
    places: HashMap<AreaName, usize, Hasher>,
    by_area: Vec<Vec<Outage>>,
    len: usize,
    /// Whether some area's name has capitals (changes in lower case).
    has_capitals: bool,
    /// Each area's name (and place) by its name in lower case, worked out when an
    /// account first names an area without outages where letter case could matter
    /// (either name has capitals): to tell a slip of letter case from another area.
    folded: OnceLock<HashMap<AreaName, (usize, AreaName), Hasher>>,
}

impl Areas {
    fn place(&self, area: &str) -> Option<usize> {
        self.places.get(area).copied()
    }

    fn folded(&self) -> &HashMap<AreaName, (usize, AreaName), Hasher> {
        self.folded.get_or_init(|| {
            let mut folded: HashMap<AreaName, (usize, AreaName), Hasher> = HashMap::default();
            for (name, &place) in &self.places {
                // Two areas alike but for case: the first added is the one suggested.
                match folded.entry(fold_case(name)) {
                    Entry::Occupied(mut seen) if seen.get().0 > place => {
                        seen.insert((place, name.clone()));
                    }
                    Entry::Occupied(_) => {}
                    Entry::Vacant(slot) => {
                        slot.insert((place, name.clone()));
                    }
                }
            }
            folded
        })
    }
}

/// Whether a name changes in lower case.
fn has_capitals(name: &str) -> bool {
    if name.is_ascii() {
        name.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        fold_case(name) != name
    }
}

/// An area's name in lower case, as letter case is ignored to find a near miss.
fn fold_case(name: &str) -> AreaName {
    if name.is_ascii() {
        let mut folded = AreaName::from(name);
        folded.make_ascii_lowercase();
        folded
    } else {
        AreaName::from(name.to_lowercase())
    }
}

impl PartialEq for OutageIndex {
    fn eq(&self, other: &OutageIndex) -> bool {
        Arc::ptr_eq(&self.areas, &other.areas)
            || (self.areas.places == other.areas.places
                && self.areas.by_area == other.areas.by_area)
    }
}

impl Eq for OutageIndex {}

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
        let areas = Arc::make_mut(&mut self.areas);
        let capitals = has_capitals(&outage.area);
        let next = areas.by_area.len();
        let at = *areas
            .places
            .entry(AreaName::from(outage.area))
            .or_insert(next);
        if at == next {
            // Most areas have one outage: room for just that one (an empty `Vec`'s first
            // push makes room for four).
            areas.by_area.push(Vec::with_capacity(1));
            areas.folded = OnceLock::new();
            areas.has_capitals |= capitals;
        }
        if let Some(outages) = areas.by_area.get_mut(at) {
            outages.push(outage.outage);
        }
        areas.len += 1;
    }

    /// The outages of an area, in the order they were added (none for an unknown area).
    pub fn outages(&self, area: &str) -> &[Outage] {
        self.outages_at(self.place(area))
    }

    /// Whether an area has outages.
    ///
    /// # Example
    /// ```
    /// assert!(!redress::batch::OutageIndex::new().contains("rochester-14604"));
    /// ```
    pub fn contains(&self, area: &str) -> bool {
        self.place(area).is_some()
    }

    /// The area with outages whose name is `area` but for letter case, when `area`
    /// itself has none: what an account's area was most likely meant to be.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let index = OutageIndex::from_iter([AreaOutage::parse(&OutageFields {
    ///     area: "Rochester-14604", services: "tv", start: "2024-10-01T06:00:00Z",
    ///     ..Default::default() })?]);
    /// assert_eq!(index.area_ignoring_case("ROCHESTER-14604"), Some("Rochester-14604"));
    /// assert_eq!(index.area_ignoring_case("Rochester-14604"), None); // it has outages
    /// assert_eq!(index.area_ignoring_case("buffalo-14201"), None);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn area_ignoring_case(&self, area: &str) -> Option<&str> {
        if self.areas.places.is_empty() || self.contains(area) {
            return None;
        }
        if !self.areas.has_capitals && !has_capitals(area) {
            return None;
        }
        let folded = fold_case(area);
        let (_, name) = self.areas.folded().get(&folded)?;
        Some(name.as_str())
    }

    /// An area's place in the index: `None` for an area without outages.
    fn place(&self, area: &str) -> Option<usize> {
        self.areas.place(area)
    }

    fn outages_at(&self, place: Option<usize>) -> &[Outage] {
        place
            .and_then(|at| self.areas.by_area.get(at))
            .map_or(&[], Vec::as_slice)
    }

    /// How many outages the index holds.
    pub fn len(&self) -> usize {
        self.areas.len
    }

    /// Whether the index holds no outage.
    pub fn is_empty(&self) -> bool {
        self.areas.len == 0
    }

    /// How many areas have outages.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::batch::OutageIndex::new().areas(), 0);
    /// ```
    pub fn areas(&self) -> usize {
        self.areas.places.len()
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
/// # let tv_out = AreaOutage::parse(&OutageFields { area: "x", services: "tv",
/// #     start: "2024-10-01T06:00:00Z", end: "2024-10-02T06:00:00Z", ..Default::default() })?;
/// # let mut batch = Batch::new(vec![policy], OutageIndex::from_iter([tv_out]));
/// # let account = Account::parse(&AccountFields { account: "A-1", area: "x", currency: "USD",
/// #     time_zone: "UTC", services: "internet:50", ..Default::default() })?;
/// let totals = batch.assess(&account)?;
/// assert_eq!(&*totals[0].policy, "ny-like");
/// assert_eq!(totals[0].total.to_string(), "0.00"); // the TV was out; it has internet
/// assert!(!totals[0].automatic && totals[0].applies);
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
    /// The area's place in the outage index (only accounts of areas with outages are
    /// assessed, so the keys never outnumber the outage areas times the kinds of
    /// account).
    place: usize,
    currency: Currency,
    time_zone: Tz,
    services: Vec<ServiceKind>,
}

/// What an assessment of an account depends on besides its prices, under a policy
/// whose choices never look at a price (see [`crate::reprice`]): the policy, the
/// area (its place in the outage index), the zone, the currency, the service kinds,
/// and the billing day where the policy counts billing periods (0 otherwise).
///
/// They are packed into one integer, so hashing a shape and comparing two are one
/// operation each: this is done for every account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Shape(u128);

impl Shape {
    /// The shape, or `None` where a part does not fit its bits (more than 65,536
    /// policies or 2³² areas, a currency code longer than three bytes).
    fn new(
        policy: usize,
        place: usize,
        zone: Tz,
        currency: Currency,
        kinds: KindSet,
        billing_day: u8,
    ) -> Option<Shape> {
        let policy = u16::try_from(policy).ok()?;
        let place = u32::try_from(place).ok()?;
        let code = match *currency.code().as_bytes() {
            [a, b, c] => u32::from_be_bytes([0, a, b, c]),
            _ => return None,
        };
        // Tz is a field-less enum of some 600 zones: its discriminant fits 16 bits.
        let zone = zone as u16;
        Some(Shape(
            u128::from(place)
                | u128::from(policy) << 32
                | u128::from(zone) << 48
                | u128::from(code) << 64
                | u128::from(kinds) << 88
                | u128::from(billing_day) << 104,
        ))
    }
}

/// What the batch learned from the first account of a shape.
#[derive(Debug, Clone)]
enum Priced {
    /// Its lines, to price the next accounts by.
    Program(PriceProgram),
    /// The policy cannot apply (another currency, none of the services).
    NotApplicable,
    /// Its lines cannot be repriced: each account is assessed in full.
    Afresh,
}

/// At most this many shapes are kept (about 120 bytes each); past it a batch forgets
/// them all and starts again, so memory stays bounded whatever the input. A
/// provider's accounts have far fewer: an area's accounts share a few zones and
/// service bundles.
const SHAPES_KEPT: usize = 1 << 17;

/// At most this many selections are kept; past it a selecting batch forgets them all
/// and starts again, as with shapes.
const SELECTIONS_KEPT: usize = 1 << 16;

/// Entries hold their program inline (most are a line or two of a few bytes): a
/// batch reads one for nearly every account, in no order, so an entry is a cache
/// line or two rather than a pointer to chase.
type ShapeMap = HashMap<Shape, Priced, Hasher>;

/// What the first account of each shape gave: learned by a batch and its clones
/// together (so threads assessing with clones work each shape out once), and copied
/// into each clone's own map as it meets the shape, so that finding a shape again
/// takes no lock and writes nothing another thread reads.
#[derive(Debug, Default)]
struct Shapes {
    own: ShapeMap,
    shared: Arc<RwLock<ShapeMap>>,
}

impl Clone for Shapes {
    fn clone(&self) -> Shapes {
        Shapes {
            own: ShapeMap::default(),
            shared: Arc::clone(&self.shared),
        }
    }
}

impl Shapes {
    /// What the shape gave, if this batch or a clone has met it.
    fn get(&mut self, shape: Shape) -> Option<&Priced> {
        if self.own.len() >= SHAPES_KEPT {
            self.own.clear();
        }
        match self.own.entry(shape) {
            Entry::Occupied(known) => Some(known.into_mut()),
            Entry::Vacant(slot) => {
                let learned = self.shared.read().ok()?.get(&shape).cloned()?;
                Some(slot.insert(learned))
            }
        }
    }

    /// Keeps what the first account of a shape gave, for this batch and its clones.
    fn learn(&mut self, shape: Shape, priced: Priced) {
        if self.own.len() >= SHAPES_KEPT {
            self.own.clear();
        }
        self.own.insert(shape, priced.clone());
        // A poisoned lock only means the clones do not learn this shape from here.
        if let Ok(mut shared) = self.shared.write() {
            if shared.len() >= SHAPES_KEPT {
                shared.clear();
            }
            shared.insert(shape, priced);
        }
    }
}

/// Assesses accounts one at a time against the outages of their area.
///
/// Policies are built once and shared; each account is assessed from a claim
/// file made of its plan, its region and its area's outages (restricted to the
/// services it has), so an account without one of the lost services is owed
/// nothing for it. Accounts of a shape already seen are priced by that shape's
/// lines where the policy allows (see the [module docs](self)). A batch and its
/// clones (one per thread, say) learn shapes together; a clone set to another
/// instant with [`Batch::at`] starts afresh. At most 131,072 shapes are kept.
///
/// # Example
/// ```
/// # use redress::batch::*;
/// # let (_, policy) = redress::doc_example_input();
/// let batch = Batch::new(vec![policy], OutageIndex::new());
/// assert_eq!(batch.policies().len(), 1);
/// ```
#[derive(Debug)]
pub struct Batch {
    policies: Vec<Policy>,
    ids: Vec<Arc<str>>,
    choice: Choice,
    outages: OutageIndex,
    as_of: Option<DateTime<FixedOffset>>,
    /// The claim file each account is assessed from, refilled for every account so
    /// its buffers are reused: a steady batch allocates nothing per account here.
    scratch: ClaimFile,
    /// For each area of the index (by its place), whether its outages pass the claim
    /// file's checks at `as_of`, once an account of the area has asked: an account's
    /// claim file holds those outages (restricted to its services, which changes none of
    /// the checks), so it then needs only its plan checked.
    outages_checked: Vec<Option<bool>>,
    /// For each policy, whether its assessments can be repriced, and what they need.
    repriceable: Vec<Option<Needs>>,
    /// What the first account of each shape gave.
    shapes: Shapes,
}

/// A clone has policy ids of its own: threads assessing with clones then never share
/// a reference count, which would be a cache line both cores write for every account
/// (each [`PolicyTotal`] holds its policy's id).
impl Clone for Batch {
    fn clone(&self) -> Batch {
        Batch {
            policies: self.policies.clone(),
            ids: self.ids.iter().map(|id| Arc::from(&**id)).collect(),
            choice: self.choice.clone(),
            outages: self.outages.clone(),
            as_of: self.as_of,
            scratch: self.scratch.clone(),
            outages_checked: self.outages_checked.clone(),
            repriceable: self.repriceable.clone(),
            shapes: self.shapes.clone(),
        }
    }
}

impl Batch {
    /// A batch applying the same policies, in this order, to every account.
    ///
    /// # Example
    /// ```
    /// # let (_, policy) = redress::doc_example_input();
    /// let batch = redress::batch::Batch::new(vec![policy], redress::batch::OutageIndex::new());
    /// assert!(!batch.selects());
    /// ```
    pub fn new(policies: Vec<Policy>, outages: OutageIndex) -> Batch {
        let ids = policies.iter().map(|p| Arc::from(p.id.as_str())).collect();
        let repriceable = policies.iter().map(repriceable).collect();
        Batch {
            repriceable,
            shapes: Shapes::default(),
            policies,
            ids,
            choice: Choice::Fixed,
            outages,
            as_of: None,
            scratch: ClaimFile::new(ServicePlan::new(Currency::USD, chrono_tz::UTC)),
            outages_checked: Vec::new(),
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
    /// let batch = redress::batch::Batch::selecting(redress::batch::OutageIndex::new()).at(t);
    /// assert_eq!(batch.as_of(), Some(t));
    /// ```
    pub fn at(mut self, as_of: DateTime<FixedOffset>) -> Batch {
        self.as_of = Some(as_of);
        self.outages_checked.clear();
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

    /// An empty summary of this batch's accounts (see [`Summary`]).
    ///
    /// # Example
    /// ```
    /// let batch = redress::batch::Batch::selecting(redress::batch::OutageIndex::new());
    /// assert_eq!(batch.summary().accounts(), 0);
    /// ```
    pub fn summary(&self) -> Summary {
        Summary::new(&self.outages)
    }

    /// Whether the outages of the area at `place` pass the claim file's checks at
    /// `as_of` (worked out once per area).
    fn outages_valid(&mut self, place: usize) -> bool {
        if let Some(Some(known)) = self.outages_checked.get(place) {
            return *known;
        }
        let as_of = self.as_of;
        let valid = self
            .outages
            .outages_at(Some(place))
            .iter()
            .all(|outage| check_outage(outage, as_of).is_ok());
        if self.outages_checked.len() <= place {
            self.outages_checked.resize(place + 1, None);
        }
        if let Some(slot) = self.outages_checked.get_mut(place) {
            *slot = Some(valid);
        }
        valid
    }

    /// Assesses one account: one [`PolicyTotal`] per policy applied, in order.
    /// With [`Batch::selecting`], an account no catalog policy applies to gets none.
    /// An account whose area has no outage gets none either: nothing happened to it,
    /// so no policy is applied ([`OutageIndex::contains`] tells the two apart).
    ///
    /// # Errors
    /// Everything [`crate::assess`] returns except [`Error::PolicyNotApplicable`],
    /// which yields a zero total with `applies` false; notably [`Error::Invalid`]
    /// with path `as_of` when the area has an ongoing outage and no `as_of` is set.
    /// [`Error::Invalid`] at `area` when the account's area has no outage but
    /// matches an outage area except for letter case (areas must match exactly; the
    /// message names the outage area). [`Error::Overflow`] when a total is too large
    /// to keep to the currency's minor unit (past 792,281,625,142,643,375,935,439,503
    /// in a currency of cents): never a total with a cent lost.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// # let (_, policy) = redress::doc_example_input();
    /// let outage = AreaOutage::parse(&OutageFields { area: "x", services: "internet",
    ///     start: "2024-10-01T06:00:00Z", end: "2024-10-02T06:00:00Z", ..Default::default() })?;
    /// let mut batch = Batch::new(vec![policy], OutageIndex::from_iter([outage]));
    /// let mut account = Account::parse(&AccountFields { account: "A-1", area: "x",
    ///     currency: "USD", time_zone: "UTC", services: "internet:50", ..Default::default() })?;
    /// assert_eq!(batch.assess(&account)?.len(), 1);
    /// account.area = "quiet".into(); // no outage there: no policy is applied
    /// assert!(batch.assess(&account)?.is_empty());
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
    /// # use redress::batch::*;
    /// # let (_, policy) = redress::doc_example_input();
    /// # let outage = AreaOutage::parse(&OutageFields { area: "x", services: "internet",
    /// #     start: "2024-10-01T06:00:00Z", end: "2024-10-02T06:00:00Z", ..Default::default() })?;
    /// # let mut batch = Batch::new(vec![policy], OutageIndex::from_iter([outage]));
    /// # let account = Account::parse(&AccountFields { account: "A-1", area: "x",
    /// #     currency: "USD", time_zone: "UTC", services: "internet:50", ..Default::default() })?;
    /// let mut totals = Vec::new();
    /// batch.assess_into(&account, &mut totals)?;
    /// batch.assess_into(&account, &mut totals)?;
    /// assert_eq!(totals.len(), 1);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn assess_into(&mut self, account: &Account, out: &mut Vec<PolicyTotal>) -> Result<()> {
        out.clear();
        let Some(place) = self.outages.place(&account.area) else {
            return self.check_without_outages(account);
        };
        if let (Choice::Fixed, Some(kinds)) = (
            &self.choice,
            kind_set(account.services.iter().map(|s| &s.kind)),
        ) {
            if self.outages_valid(place) {
                // The area's outages pass the claim file's checks: only the plan is
                // left to check, as `ClaimFile::validate` checks it.
                validate_plan_parts(account.billing_day, &account.services, &|| {
                    FieldPath::root("plan")
                })?;
                return self.assess_by_shape(account, place, kinds, out);
            }
        }
        fill_claim_file(
            &mut self.scratch,
            account,
            self.outages.outages_at(Some(place)),
            self.as_of,
        );
        let outages_valid = self.outages_valid(place);
        let file = &self.scratch;
        if outages_valid {
            validate_plan_parts(file.plan.billing_day, &file.plan.services, &|| {
                FieldPath::root("plan")
            })?;
        } else {
            file.validate()?;
        }
        // The policies to apply: all of them in order, or the catalog's selection.
        let selected: Option<&[usize]> = match &mut self.choice {
            Choice::Fixed => None,
            Choice::Select(cache) => {
                if cache.len() >= SELECTIONS_KEPT {
                    cache.clear();
                }
                let key = SelectionKey {
                    region: account.region.clone(),
                    place,
                    currency: account.currency,
                    time_zone: account.time_zone,
                    services: account.services.iter().map(|s| s.kind.clone()).collect(),
                };
                Some(cache.entry(key).or_insert_with(|| {
                    self.policies
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| crate::catalog::selects(p, file))
                        .map(|(i, _)| i)
                        .collect()
                }))
            }
        };
        let count = selected.map_or(self.policies.len(), <[usize]>::len);
        for n in 0..count {
            let i = match selected {
                None => n,
                Some(chosen) => match chosen.get(n) {
                    Some(i) => *i,
                    None => continue,
                },
            };
            let (Some(policy), Some(id)) = (self.policies.get(i), self.ids.get(i)) else {
                continue;
            };
            // The figures only: the same evaluation as `assess`, without the words.
            let result = crate::assess::assess_totals_validated(file, policy);
            push_total(out, id, account, result)?;
        }
        Ok(())
    }

    /// [`Batch::assess_into`] for an account whose area's outages and plan have been
    /// checked, and whose services are all of named kinds: each policy that allows it
    /// prices the account by its shape's lines, learned from the shape's first account.
    fn assess_by_shape(
        &mut self,
        account: &Account,
        place: usize,
        kinds: KindSet,
        out: &mut Vec<PolicyTotal>,
    ) -> Result<()> {
        let mut filled = false;
        for (policy_index, (policy, id)) in self.policies.iter().zip(&self.ids).enumerate() {
            let shape = self
                .repriceable
                .get(policy_index)
                .copied()
                .flatten()
                .and_then(|needs| {
                    let billing_day = if needs.billing_day {
                        account.billing_day
                    } else {
                        0
                    };
                    Shape::new(
                        policy_index,
                        place,
                        account.time_zone,
                        account.currency,
                        kinds,
                        billing_day,
                    )
                });
            let known = shape.and_then(|shape| self.shapes.get(shape));
            let repriced = match known {
                Some(Priced::Program(program)) => program
                    .totals(&account.services, account.currency)
                    .map(|totals| applied(id, &totals)),
                Some(Priced::NotApplicable) => Some(Ok(not_applicable(id, account))),
                Some(Priced::Afresh) | None => None,
            };
            match repriced {
                Some(Ok(total)) => {
                    out.push(total);
                    continue;
                }
                Some(Err(e)) => {
                    out.clear();
                    return Err(e);
                }
                None => {}
            }
            let learn = known.is_none();
            if !filled {
                fill_claim_file(
                    &mut self.scratch,
                    account,
                    self.outages.outages_at(Some(place)),
                    self.as_of,
                );
                filled = true;
            }
            let result = match shape {
                Some(shape) if learn => {
                    match crate::assess::assess_totals_recorded(&self.scratch, policy) {
                        Ok((totals, program)) => {
                            let priced = program.map_or(Priced::Afresh, Priced::Program);
                            self.shapes.learn(shape, priced);
                            Ok(totals)
                        }
                        Err(e) => {
                            if matches!(e, Error::PolicyNotApplicable { .. }) {
                                self.shapes.learn(shape, Priced::NotApplicable);
                            }
                            Err(e)
                        }
                    }
                }
                _ => crate::assess::assess_totals_validated(&self.scratch, policy),
            };
            push_total(out, id, account, result)?;
        }
        Ok(())
    }
}

impl Batch {
    /// [`Batch::assess_into`] for an account whose area has no outage: there is nothing
    /// to assess, but the account is still checked as its claim file would be, and an
    /// area that differs from an outage area only in letter case is refused.
    fn check_without_outages(&mut self, account: &Account) -> Result<()> {
        if let Some(meant) = self.outages.area_ignoring_case(&account.area) {
            return Err(Error::invalid(
                FieldPath::root("area"),
                format!(
                    "`{}` matches no outage area; the outages have `{meant}`, which differs \
                     only in letter case (areas must match exactly: write it as the outages do)",
                    account.area
                ),
            ));
        }
        fill_claim_file(&mut self.scratch, account, &[], self.as_of);
        self.scratch.validate()
    }
}

/// Adds an account's total under one policy to `out`; on an error, leaves `out` empty.
fn push_total(
    out: &mut Vec<PolicyTotal>,
    id: &Arc<str>,
    account: &Account,
    result: Result<Totals>,
) -> Result<()> {
    match policy_total(id, account, result) {
        Ok(total) => {
            out.push(total);
            Ok(())
        }
        Err(e) => {
            out.clear();
            Err(e)
        }
    }
}

/// An account's total under one policy, from its assessment: a policy that cannot
/// apply gives a zero total; any other error is the account's.
fn policy_total(id: &Arc<str>, account: &Account, result: Result<Totals>) -> Result<PolicyTotal> {
    match result {
        Ok(totals) => applied(id, &totals),
        Err(Error::PolicyNotApplicable { .. }) => Ok(not_applicable(id, account)),
        Err(e) => Err(e),
    }
}

/// The total of a policy that applies: an overflow error when it could not be kept
/// to the currency's minor unit (the only way it is written to fewer places).
fn applied(id: &Arc<str>, totals: &Totals) -> Result<PolicyTotal> {
    if totals.total.scale() != totals.currency.minor_units() {
        return Err(too_large_to_keep(id, totals.currency));
    }
    Ok(PolicyTotal {
        policy: Arc::clone(id),
        currency: totals.currency,
        total: totals.total,
        automatic: totals.automatic,
        applies: true,
    })
}

/// The error for a total past the largest that keeps the currency's minor unit.
#[cold]
fn too_large_to_keep(policy: &str, currency: Currency) -> Error {
    let largest = largest_total(currency)
        .map(|d| format!("{d} {currency}"))
        .unwrap_or_else(|| format!("{currency} with its minor unit"));
    Error::overflow(format!(
        "the total owed under {policy} is too large to keep to the minor unit of {currency}; \
         a total can be at most {largest}: check the account's prices"
    ))
}

/// The largest amount a total can hold to the currency's minor unit: `Decimal`'s
/// largest mantissa, 2^96 - 1, at that scale.
fn largest_total(currency: Currency) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(
        i128::from(u64::MAX) << 32 | i128::from(u32::MAX),
        currency.minor_units(),
    )
    .ok()
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

/// Refills `file` as the claim file an account is assessed from: its plan and
/// region, and its area's outages restricted to the services it has. Every buffer
/// of `file` is reused (a `Vec` cleared and refilled keeps its capacity), so once
/// the first accounts have grown them, refilling allocates nothing.
fn fill_claim_file(
    file: &mut ClaimFile,
    account: &Account,
    outages: &[Outage],
    as_of: Option<DateTime<FixedOffset>>,
) {
    file.plan.currency = account.currency;
    file.plan.time_zone = account.time_zone;
    file.plan.billing_day = account.billing_day;
    file.plan.services.clone_from(&account.services);
    let customer = file.customer.get_or_insert_with(Customer::default);
    match (&mut customer.region, &account.region) {
        (Some(region), Some(given)) => given.clone_into(region),
        (region, given) => region.clone_from(given),
    }
    file.as_of = as_of;
    let mut kept = 0;
    for outage in outages {
        let has = |kind: &ServiceKind| account.services.iter().any(|s| &s.kind == kind);
        if !outage.services.iter().any(has) {
            continue;
        }
        if kept == file.outages.len() {
            file.outages.push(outage.clone());
        }
        if let Some(slot) = file.outages.get_mut(kept) {
            let Outage {
                services,
                start,
                end,
                reported,
                customers_affected,
                cause,
                power_restored,
                degraded,
            } = slot;
            services.clear();
            services.extend(outage.services.iter().filter(|k| has(k)).cloned());
            *start = outage.start;
            *end = outage.end;
            *reported = outage.reported;
            *customers_affected = outage.customers_affected;
            *cause = outage.cause;
            *power_restored = outage.power_restored;
            *degraded = outage.degraded;
        }
        kept += 1;
    }
    file.outages.truncate(kept);
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
    /// True when the sum grew past what a total can hold to the currency's minor
    /// unit: `total` then stops at the last exact sum, and the report says
    /// `overflow` instead of a figure that has lost cents.
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
        match exact_sum(self.total, amount) {
            Some(sum) => self.total = sum,
            None => self.overflowed = true,
        }
    }

    /// Adds another group's counts and sum to this one.
    fn absorb(&mut self, other: &Group) {
        self.accounts += other.accounts;
        self.owed += other.owed;
        self.automatic += other.automatic;
        self.not_applicable += other.not_applicable;
        self.add_total(other.total);
        self.overflowed |= other.overflowed;
    }

    fn total_text(&self, currency: Currency) -> String {
        if self.overflowed {
            "overflow".to_owned()
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

/// `a + b` exactly, or None. A sum past `Decimal`'s 96-bit mantissa at the operands'
/// places is rounded by `checked_add` to fewer places (cents dropped, with no error)
/// until it fits; such a sum is refused here: it keeps at least the places of both.
fn exact_sum(a: Decimal, b: Decimal) -> Option<Decimal> {
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

/// How many areas the summary's table shows by name; the rest are added up in one
/// row per policy.
const AREAS_SHOWN: usize = 20;

/// How many distinct areas without outages a summary counts by name (the first in
/// alphabetical order); past it, it says "more than" this many.
const NAMES_COUNTED: usize = 10_000;

/// How many area names a report lists before "and N more".
const NAMES_SHOWN: usize = 5;

/// Totals by area and policy, with counts of accounts and errors: what a batch
/// reports when it is done.
///
/// Its size never grows with the number of accounts, nor with the number of areas
/// the accounts name: it keeps one tally per outage area that accounts were found in
/// (never more than the outage index has areas, which the batch holds anyway), one
/// tally for all the accounts whose area has no outage, and at most 10,000 names of
/// such areas (the first in alphabetical order, so that the report is the same
/// whatever the order of the rows or of the threads summing them).
///
/// A summary matches areas against the outage index it is first given ([`Summary::add`],
/// [`Summary::add_error`], [`Summary::new`] or [`Summary::with_outages`]).
///
/// `Display` renders a table: the 20 areas owed most (the largest total under any
/// policy; ties by accounts owed, then by name), one row per (area, policy,
/// currency); then the other areas added up, the accounts of areas without outages,
/// and the totals by policy across all areas. Under it, the account areas that match
/// no outage area and the outage areas no account is in, each counted, with the first
/// five names. A sum too large to keep to the currency's minor unit reads `overflow`.
///
/// # Example
/// ```
/// use redress::batch::{AreaOutage, OutageFields, OutageIndex, PolicyTotal, Summary};
/// use redress::Currency;
/// let outages = OutageIndex::from_iter([AreaOutage::parse(&OutageFields {
///     area: "rochester-14604", services: "internet", start: "2024-10-01T06:00:00-04:00",
///     ..Default::default() })?]);
/// let mut summary = Summary::new(&outages);
/// let owed = PolicyTotal { policy: "p".into(), currency: Currency::USD,
///     total: "14.50".parse().unwrap(), automatic: true, applies: true };
/// summary.add(&outages, "rochester-14604", &[owed.clone()]);
/// summary.add(&outages, "rochester-14604", &[owed]);
/// summary.add(&outages, "buffalo-14201", &[]); // no outage there
/// summary.add_error(&outages, "rochester-14604", &["p"]);
/// assert_eq!((summary.accounts(), summary.errors(), summary.rows()), (4, 1, 4));
/// assert_eq!(summary.total("p", Currency::USD)?.to_string(), "29.00");
/// assert_eq!(summary.without_outage(), 1);
/// let text = summary.to_string();
/// assert!(text.contains("rochester-14604"));
/// assert!(text.contains("account areas with no outage: 1 (`buffalo-14201`)"));
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct Summary {
    accounts: u64,
    errors: u64,
    rows: u64,
    unselected: u64,
    /// The outage areas accounts are matched against, once given.
    index: Option<Arc<Areas>>,
    /// For each outage area (by its place in the index), one more than where its
    /// tally is in `met`; 0 until an account of it is counted.
    slots: Vec<usize>,
    /// The outage areas accounts were found in, in the order first found.
    met: Vec<AreaTally>,
    /// Accounts whose area has no outage.
    no_outage: NoOutage,
    /// Accounts whose area could not be read.
    unreadable: u64,
}

/// The counts, without the outage index (which can be large).
impl fmt::Debug for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Summary")
            .field("accounts", &self.accounts)
            .field("errors", &self.errors)
            .field("rows", &self.rows)
            .field("unselected", &self.unselected)
            .field("outage_areas", &self.index.as_ref().map(|i| i.places.len()))
            .field("met", &self.met)
            .field("no_outage", &self.no_outage)
            .field("unreadable", &self.unreadable)
            .finish()
    }
}

/// Two summaries are equal when they hold the same counts and totals, whatever the
/// order their areas were first met in.
impl PartialEq for Summary {
    fn eq(&self, other: &Summary) -> bool {
        fn by_place(summary: &Summary) -> Vec<&AreaTally> {
            let mut met: Vec<&AreaTally> = summary.met.iter().collect();
            met.sort_unstable_by_key(|tally| tally.place);
            met
        }
        let same_index = match (&self.index, &other.index) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a.places == b.places,
            (None, None) => true,
            _ => false,
        };
        same_index
            && (
                self.accounts,
                self.errors,
                self.rows,
                self.unselected,
                self.unreadable,
            ) == (
                other.accounts,
                other.errors,
                other.rows,
                other.unselected,
                other.unreadable,
            )
            && self.no_outage == other.no_outage
            && by_place(self) == by_place(other)
    }
}

impl Eq for Summary {}

/// What a [`Summary`] keeps for one outage area.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct AreaTally {
    /// The area's place in the outage index.
    place: usize,
    errors: u64,
    groups: AreaGroups,
}

/// What a [`Summary`] keeps for all the accounts whose area has no outage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct NoOutage {
    /// Accounts assessed (a batch owes them nothing).
    accounts: u64,
    errors: u64,
    /// Totals a caller added for them (a batch gives none).
    groups: AreaGroups,
    names: FirstNames,
}

/// The alphabetically first distinct names added, at most [`NAMES_COUNTED`], and
/// whether there were more. The same names whatever the order they came in, and the
/// same when two halves are merged.
#[derive(Debug, Clone, Default)]
struct FirstNames {
    names: BTreeSet<AreaName>,
    /// The same names, to tell at once a name already kept (as most are: an area's
    /// accounts name it again and again).
    kept: HashSet<AreaName, Hasher>,
    more: bool,
}

impl PartialEq for FirstNames {
    fn eq(&self, other: &FirstNames) -> bool {
        (&self.names, self.more) == (&other.names, other.more)
    }
}

impl Eq for FirstNames {}

impl FirstNames {
    fn insert(&mut self, name: &str) {
        if self.kept.contains(name) {
            return;
        }
        if self.names.len() >= NAMES_COUNTED {
            if let Some(last) = self.names.last() {
                if name > last.as_str() {
                    self.more = true;
                    return;
                }
            }
        }
        self.names.insert(AreaName::from(name));
        self.kept.insert(AreaName::from(name));
        if self.names.len() > NAMES_COUNTED {
            if let Some(last) = self.names.pop_last() {
                self.kept.remove(&last);
            }
            self.more = true;
        }
    }

    fn merge(&mut self, other: FirstNames) {
        self.more |= other.more;
        for name in other.names {
            self.insert(&name);
        }
    }

    fn listed(&self) -> AreaNames {
        AreaNames {
            count: self.names.len() as u64,
            more: self.more,
            first: self
                .names
                .iter()
                .take(NAMES_SHOWN)
                .map(|n| n.to_string())
                .collect(),
        }
    }
}

/// Areas a [`Summary`] reports: how many, and the first five in alphabetical order.
///
/// # Example
/// ```
/// let names = redress::batch::AreaNames {
///     count: 7, more: false,
///     first: ["a", "b", "c", "d", "e"].map(String::from).to_vec(),
/// };
/// assert_eq!(names.to_string(), "7 (`a`, `b`, `c`, `d`, `e` and 2 more)");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AreaNames {
    /// How many areas (at least this many when `more` is set).
    pub count: u64,
    /// True when there are more than `count`: areas are counted by name only up to
    /// 10,000, so that memory stays flat.
    pub more: bool,
    /// The first few names in alphabetical order.
    pub first: Vec<String>,
}

impl fmt::Display for AreaNames {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.more {
            write!(f, "more than {}", self.count)?;
        } else {
            write!(f, "{}", self.count)?;
        }
        if self.first.is_empty() {
            return Ok(());
        }
        f.write_str(" (")?;
        for (i, name) in self.first.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{name}`")?;
        }
        let rest = self.count.saturating_sub(self.first.len() as u64);
        if self.more {
            write!(f, " and over {rest} more")?;
        } else if rest > 0 {
            write!(f, " and {rest} more")?;
        }
        f.write_str(")")
    }
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

/// Adds one area's groups to another's.
fn merge_groups(mine: &mut AreaGroups, theirs: AreaGroups) {
    for (key, group) in theirs {
        match mine.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(at) => {
                if let Some((_, into)) = mine.get_mut(at) {
                    into.absorb(&group);
                }
            }
            Err(at) => mine.insert(at, (key, group)),
        }
    }
}

impl Summary {
    /// An empty summary matching areas against these outages.
    ///
    /// # Example
    /// ```
    /// let summary = redress::batch::Summary::new(&redress::batch::OutageIndex::new());
    /// assert_eq!(summary.accounts(), 0);
    /// ```
    pub fn new(outages: &OutageIndex) -> Summary {
        Summary::default().with_outages(outages)
    }

    /// The summary matching areas against these outages, unless it already has an
    /// index: a summary made with `Summary::default()` that was given no account then
    /// reports these outages' areas as having none.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let outages = OutageIndex::from_iter([AreaOutage::parse(&OutageFields {
    ///     area: "a", services: "tv", start: "2024-10-01T06:00:00Z", ..Default::default() })?]);
    /// let summary = Summary::default().with_outages(&outages);
    /// assert_eq!(summary.outage_areas_without_account().count, 1);
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn with_outages(mut self, outages: &OutageIndex) -> Summary {
        if self.index.is_none() {
            self.index = Some(Arc::clone(&outages.areas));
        }
        self
    }

    /// The place of `area` among the summary's outage areas, taking `outages` as its
    /// index if it has none yet.
    #[inline]
    fn place_of(&mut self, outages: &OutageIndex, area: &str) -> Option<usize> {
        match &self.index {
            Some(index) if Arc::ptr_eq(index, &outages.areas) => outages.place(area),
            Some(index) => index.place(area),
            None => {
                self.index = Some(Arc::clone(&outages.areas));
                outages.place(area)
            }
        }
    }

    /// The tally of the outage area at `place`, made when first asked for.
    #[inline]
    fn tally_at(&mut self, place: usize) -> Option<&mut AreaTally> {
        let at = match self.slots.get(place) {
            Some(&slot) if slot > 0 => slot - 1,
            _ => {
                if self.slots.len() <= place {
                    let areas = self.index.as_ref().map_or(0, |index| index.by_area.len());
                    self.slots.resize(areas.max(place + 1), 0);
                }
                self.met.push(AreaTally {
                    place,
                    ..AreaTally::default()
                });
                if let Some(slot) = self.slots.get_mut(place) {
                    *slot = self.met.len();
                }
                self.met.len() - 1
            }
        };
        self.met.get_mut(at)
    }

    /// Counts one assessed account of `area` and adds its totals (one output row
    /// each, or one row when there are none). `outages` are those the account was
    /// assessed against: an account whose area has none is counted among the
    /// accounts of areas without outages, and its area's name kept (see the type's
    /// docs for how many).
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let mut summary = Summary::default();
    /// summary.add(&OutageIndex::new(), "syracuse-13202", &[]);
    /// assert_eq!((summary.accounts(), summary.without_outage()), (1, 1));
    /// assert_eq!(summary.account_areas_without_outage().first, ["syracuse-13202"]);
    /// ```
    pub fn add(&mut self, outages: &OutageIndex, area: &str, totals: &[PolicyTotal]) {
        self.accounts += 1;
        self.rows += totals.len().max(1) as u64;
        match self.place_of(outages, area) {
            Some(place) => {
                if totals.is_empty() {
                    self.unselected += 1;
                }
                if let Some(tally) = self.tally_at(place) {
                    for total in totals {
                        add_to(&mut tally.groups, total);
                    }
                }
            }
            None => {
                let no_outage = &mut self.no_outage;
                no_outage.accounts += 1;
                no_outage.names.insert(trim(area));
                for total in totals {
                    add_to(&mut no_outage.groups, total);
                }
            }
        }
    }

    /// Adds another summary's counts and totals to this one: a batch split over
    /// threads sums each thread's summary.
    ///
    /// # Example
    /// ```
    /// use redress::batch::{OutageIndex, PolicyTotal, Summary};
    /// let outages = OutageIndex::new();
    /// let owed = PolicyTotal { policy: "p".into(), currency: redress::Currency::USD,
    ///     total: "14.50".parse().unwrap(), automatic: true, applies: true };
    /// let (mut a, mut b, mut both) = (Summary::default(), Summary::default(), Summary::default());
    /// a.add(&outages, "x", std::slice::from_ref(&owed));
    /// b.add(&outages, "x", std::slice::from_ref(&owed));
    /// b.add_error(&outages, "y", &["p"]);
    /// both.add(&outages, "x", std::slice::from_ref(&owed));
    /// both.add(&outages, "x", std::slice::from_ref(&owed));
    /// both.add_error(&outages, "y", &["p"]);
    /// a.merge(b);
    /// assert_eq!(a, both);
    /// ```
    pub fn merge(&mut self, other: Summary) {
        let Summary {
            accounts,
            errors,
            rows,
            unselected,
            index,
            slots,
            met,
            no_outage,
            unreadable,
        } = other;
        if self.accounts == 0 && self.met.is_empty() && self.index.is_none() {
            // Nothing here yet: the other summary is the sum.
            *self = Summary {
                accounts,
                errors,
                rows,
                unselected,
                index,
                slots,
                met,
                no_outage,
                unreadable,
            };
            return;
        }
        self.accounts += accounts;
        self.errors += errors;
        self.rows += rows;
        self.unselected += unselected;
        self.unreadable += unreadable;
        let same = match (&self.index, &index) {
            (_, None) => true,
            (None, Some(theirs)) => {
                self.index = Some(Arc::clone(theirs));
                true
            }
            (Some(mine), Some(theirs)) => Arc::ptr_eq(mine, theirs),
        };
        if same {
            for tally in met {
                if let Some(into) = self.tally_at(tally.place) {
                    into.errors += tally.errors;
                    merge_groups(&mut into.groups, tally.groups);
                }
            }
        } else {
            // Summaries of different outages: their areas are matched by name.
            let names = index.as_deref().map(names_by_place).unwrap_or_default();
            for tally in met {
                let name = names.get(tally.place).copied().flatten().unwrap_or("");
                let place = self.index.as_ref().and_then(|index| index.place(name));
                match place.and_then(|place| self.tally_at(place)) {
                    Some(into) => {
                        into.errors += tally.errors;
                        merge_groups(&mut into.groups, tally.groups);
                    }
                    None => {
                        let into = &mut self.no_outage;
                        into.errors += tally.errors;
                        into.names.insert(name);
                        merge_groups(&mut into.groups, tally.groups);
                    }
                }
            }
        }
        let into = &mut self.no_outage;
        into.accounts += no_outage.accounts;
        into.errors += no_outage.errors;
        merge_groups(&mut into.groups, no_outage.groups);
        into.names.merge(no_outage.names);
    }

    /// Counts one account that could not be read or assessed; `policies` are the
    /// ids its error rows were written for (none: one row). An empty `area` (one
    /// that could not be read) is counted as `(unreadable)`.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let mut summary = Summary::default();
    /// summary.add_error(&OutageIndex::new(), "", &["p", "q"]);
    /// assert_eq!((summary.errors(), summary.rows()), (1, 2));
    /// assert!(summary.to_string().contains("(unreadable)"));
    /// ```
    pub fn add_error(&mut self, outages: &OutageIndex, area: &str, policies: &[&str]) {
        self.accounts += 1;
        self.errors += 1;
        self.rows += policies.len().max(1) as u64;
        let area = trim(area);
        if area.is_empty() {
            self.unreadable += 1;
            return;
        }
        match self.place_of(outages, area) {
            Some(place) => {
                if let Some(tally) = self.tally_at(place) {
                    tally.errors += 1;
                }
            }
            None => {
                self.no_outage.errors += 1;
                self.no_outage.names.insert(area);
            }
        }
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

    /// Accounts of areas with outages no policy was selected for.
    pub fn unselected(&self) -> u64 {
        self.unselected
    }

    /// Accounts assessed whose area has no outage (owed nothing).
    pub fn without_outage(&self) -> u64 {
        self.no_outage.accounts
    }

    /// The areas accounts named (assessed or with errors) that match no outage area.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let mut summary = Summary::default();
    /// for area in ["b", "a", "b"] {
    ///     summary.add(&OutageIndex::new(), area, &[]);
    /// }
    /// assert_eq!(summary.account_areas_without_outage().to_string(), "2 (`a`, `b`)");
    /// ```
    pub fn account_areas_without_outage(&self) -> AreaNames {
        self.no_outage.names.listed()
    }

    /// The outage areas no account (assessed or with errors) was found in.
    ///
    /// # Example
    /// ```
    /// # use redress::batch::*;
    /// let outages = OutageIndex::from_iter(["a", "b"].map(|area| AreaOutage::parse(&OutageFields {
    ///     area, services: "tv", start: "2024-10-01T06:00:00Z", ..Default::default() }).unwrap()));
    /// let mut summary = Summary::new(&outages);
    /// summary.add_error(&outages, "a", &[]);
    /// assert_eq!(summary.outage_areas_without_account().to_string(), "1 (`b`)");
    /// ```
    pub fn outage_areas_without_account(&self) -> AreaNames {
        self.tables().unmet.listed()
    }

    /// The groups, by (area, policy, currency), areas in alphabetical order; the
    /// accounts of areas without outages under `(no outage)`, last.
    ///
    /// # Example
    /// ```
    /// let summary = redress::batch::Summary::default();
    /// assert_eq!(summary.groups().count(), 0);
    /// ```
    pub fn groups(&self) -> impl Iterator<Item = (&str, &str, Currency, &Group)> {
        let tables = self.tables();
        let mut areas: Vec<(&str, &AreaGroups)> = self
            .met
            .iter()
            .zip(&tables.met_names)
            .map(|(tally, name)| (*name, &tally.groups))
            .collect();
        areas.sort_unstable_by(|a, b| a.0.cmp(b.0));
        areas.push((NO_OUTAGE, &self.no_outage.groups));
        areas.into_iter().flat_map(|(area, by_policy)| {
            by_policy
                .iter()
                .map(move |((policy, currency), g)| (area, &**policy, *currency, g))
        })
    }

    /// Accounts with errors, by area: outage areas in alphabetical order, then
    /// `(no outage)` for areas without outages and `(unreadable)` for rows whose area
    /// could not be read.
    pub fn errors_by_area(&self) -> impl Iterator<Item = (&str, u64)> {
        let tables = self.tables();
        let mut areas: Vec<(&str, u64)> = self
            .met
            .iter()
            .zip(&tables.met_names)
            .filter(|(tally, _)| tally.errors > 0)
            .map(|(tally, name)| (*name, tally.errors))
            .collect();
        areas.sort_unstable();
        areas.push((NO_OUTAGE, self.no_outage.errors));
        areas.push((UNREADABLE, self.unreadable));
        areas.into_iter().filter(|(_, n)| *n > 0)
    }

    /// What a policy owes in a currency across all areas.
    ///
    /// # Errors
    /// [`Error::Overflow`] when the sum is too large to keep to the currency's minor
    /// unit (a figure then would have lost cents).
    ///
    /// # Example
    /// ```
    /// let summary = redress::batch::Summary::default();
    /// assert_eq!(summary.total("p", redress::Currency::USD)?.to_string(), "0.00");
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn total(&self, policy: &str, currency: Currency) -> Result<Decimal> {
        let mut sum = Group::default();
        sum.total.rescale(currency.minor_units());
        let areas = self.met.iter().map(|tally| &tally.groups);
        for groups in areas.chain([&self.no_outage.groups]) {
            for ((p, c), group) in groups {
                if &**p == policy && *c == currency {
                    sum.absorb(group);
                }
            }
        }
        if sum.overflowed {
            return Err(too_large_to_keep(policy, currency));
        }
        Ok(sum.total)
    }

    /// The names of the outage areas met (by their place in `met`), and the first of
    /// those not met: one pass over the index.
    fn tables(&self) -> Tables<'_> {
        let mut tables = Tables {
            met_names: vec![""; self.met.len()],
            unmet: Unmet::default(),
        };
        let Some(index) = &self.index else {
            return tables;
        };
        for (name, &place) in &index.places {
            match self.slots.get(place) {
                Some(&slot) if slot > 0 => {
                    if let Some(met) = tables.met_names.get_mut(slot - 1) {
                        *met = name.as_str();
                    }
                }
                _ => tables.unmet.insert(name),
            }
        }
        tables
    }
}

/// The label of the accounts whose area has no outage, in a summary's table.
const NO_OUTAGE: &str = "(no outage)";

/// The label of the rows whose area could not be read, in a summary's table.
const UNREADABLE: &str = "(unreadable)";

/// Each area's name by its place in the index.
fn names_by_place(areas: &Areas) -> Vec<Option<&str>> {
    let mut names = vec![None; areas.by_area.len()];
    for (name, &place) in &areas.places {
        if let Some(slot) = names.get_mut(place) {
            *slot = Some(name.as_str());
        }
    }
    names
}

/// What a summary's report looks up in the outage index.
struct Tables<'a> {
    /// The names of the outage areas met, in the order of `Summary::met`.
    met_names: Vec<&'a str>,
    /// The outage areas no account was found in.
    unmet: Unmet<'a>,
}

/// Outage areas no account was found in: how many, and the first few names.
#[derive(Default)]
struct Unmet<'a> {
    first: Vec<&'a str>,
    count: u64,
}

impl<'a> Unmet<'a> {
    fn insert(&mut self, name: &'a str) {
        self.count += 1;
        let at = self.first.partition_point(|n| *n < name);
        if at < NAMES_SHOWN {
            self.first.insert(at, name);
            self.first.truncate(NAMES_SHOWN);
        }
    }

    fn listed(&self) -> AreaNames {
        AreaNames {
            count: self.count,
            more: false,
            first: self.first.iter().map(|n| (*n).to_owned()).collect(),
        }
    }
}

/// One line of a summary's table, its cells as text.
struct Line<'a> {
    area: std::borrow::Cow<'a, str>,
    policy: &'a str,
    accounts: u64,
    owed: u64,
    automatic: u64,
    errors: Option<u64>,
    total: String,
}

impl<'a> Line<'a> {
    /// The lines of one area's groups, its errors on the first.
    fn of_groups<'g>(
        lines: &mut Vec<Line<'a>>,
        area: std::borrow::Cow<'a, str>,
        groups: impl IntoIterator<Item = (&'a str, Currency, &'g Group)>,
        errors: u64,
    ) {
        let start = lines.len();
        for (policy, currency, group) in groups {
            lines.push(Line {
                area: area.clone(),
                policy,
                accounts: group.accounts,
                owed: group.owed,
                automatic: group.automatic,
                errors: (lines.len() == start).then_some(errors),
                total: group.total_text(currency),
            });
        }
        if lines.len() == start {
            lines.push(Line {
                area,
                policy: "",
                accounts: 0,
                owed: 0,
                automatic: 0,
                errors: Some(errors),
                total: String::new(),
            });
        }
    }
}

/// What ranks an area among the areas owed most: any sum too large to keep first,
/// then the largest total under any policy, then the most accounts owed.
fn rank(tally: &AreaTally) -> (bool, Decimal, u64) {
    let groups = tally.groups.iter().map(|(_, g)| g);
    (
        groups.clone().any(|g| g.overflowed),
        groups.clone().map(|g| g.total).max().unwrap_or_default(),
        groups.map(|g| g.owed).max().unwrap_or_default(),
    )
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
        let tables = self.tables();
        let mut lines: Vec<Line<'_>> = Vec::new();

        // The areas owed most, by rank; the rest added up.
        let mut ranked: Vec<((bool, Decimal, u64), &str, &AreaTally)> = self
            .met
            .iter()
            .zip(&tables.met_names)
            .map(|(tally, name)| (rank(tally), *name, tally))
            .collect();
        let by_rank = |a: &((bool, Decimal, u64), &str, &AreaTally),
                       b: &((bool, Decimal, u64), &str, &AreaTally)| {
            b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1))
        };
        if ranked.len() > AREAS_SHOWN {
            ranked.select_nth_unstable_by(AREAS_SHOWN - 1, by_rank);
        }
        let (shown, rest) = ranked.split_at_mut(AREAS_SHOWN.min(self.met.len()));
        shown.sort_unstable_by(by_rank);
        for (_, name, tally) in shown.iter() {
            let groups = tally.groups.iter().map(|((p, c), g)| (&**p, *c, g));
            Line::of_groups(&mut lines, (*name).into(), groups, tally.errors);
        }
        let mut others: BTreeMap<(&str, Currency), Group> = BTreeMap::new();
        for (_, _, tally) in rest.iter() {
            for ((policy, currency), group) in &tally.groups {
                others
                    .entry((&**policy, *currency))
                    .or_default()
                    .absorb(group);
            }
        }
        if !rest.is_empty() {
            let errors = rest.iter().map(|(_, _, t)| t.errors).sum();
            let label = format!("{} other areas", rest.len());
            let groups = others.iter().map(|((p, c), g)| (*p, *c, g));
            Line::of_groups(&mut lines, label.into(), groups, errors);
        }

        // Accounts of areas without outages, and rows whose area could not be read.
        let quiet = &self.no_outage;
        if quiet.groups.is_empty() && quiet.accounts + quiet.errors > 0 {
            lines.push(Line {
                area: NO_OUTAGE.into(),
                policy: "",
                accounts: quiet.accounts,
                owed: 0,
                automatic: 0,
                errors: Some(quiet.errors),
                total: String::new(),
            });
        } else if !quiet.groups.is_empty() {
            let groups = quiet.groups.iter().map(|((p, c), g)| (&**p, *c, g));
            Line::of_groups(&mut lines, NO_OUTAGE.into(), groups, quiet.errors);
        }
        if self.unreadable > 0 {
            Line::of_groups(&mut lines, UNREADABLE.into(), [], self.unreadable);
        }

        // Every area, by policy.
        let mut all: BTreeMap<(&str, Currency), Group> = others;
        for (_, _, tally) in shown.iter() {
            for ((policy, currency), group) in &tally.groups {
                all.entry((&**policy, *currency)).or_default().absorb(group);
            }
        }
        for ((policy, currency), group) in &quiet.groups {
            all.entry((&**policy, *currency)).or_default().absorb(group);
        }
        if !lines.is_empty() {
            for ((policy, currency), group) in &all {
                lines.push(Line {
                    area: "all areas".into(),
                    policy,
                    accounts: group.accounts,
                    owed: group.owed,
                    automatic: group.automatic,
                    errors: Some(self.errors),
                    total: group.total_text(*currency),
                });
            }
            let area_width = lines
                .iter()
                .map(|l| l.area.chars().count())
                .chain(["area".len()])
                .max()
                .unwrap_or(4);
            let policy_width = lines
                .iter()
                .map(|l| l.policy.chars().count())
                .chain(["policy".len()])
                .max()
                .unwrap_or(6);
            writeln!(
                f,
                "{:<area_width$}  {:<policy_width$}  {:>8}  {:>6}  {:>9}  {:>6}  {:>16}",
                "area", "policy", "accounts", "owed", "automatic", "errors", "total"
            )?;
            for line in &lines {
                let errors = line.errors.map(|n| n.to_string()).unwrap_or_default();
                writeln!(
                    f,
                    "{:<area_width$}  {:<policy_width$}  {:>8}  {:>6}  {:>9}  {:>6}  {:>16}",
                    line.area,
                    line.policy,
                    line.accounts,
                    line.owed,
                    line.automatic,
                    errors,
                    line.total
                )?;
            }
        }
        if quiet.accounts + quiet.errors > 0 {
            write!(
                f,
                "account areas with no outage: {}; {} account{} there {} owed nothing",
                quiet.names.listed(),
                quiet.accounts,
                if quiet.accounts == 1 { "" } else { "s" },
                if quiet.accounts == 1 { "is" } else { "are" },
            )?;
            match quiet.errors {
                0 => writeln!(f)?,
                n => writeln!(f, " ({n} more with errors)")?,
            }
        }
        if tables.unmet.count > 0 {
            writeln!(f, "outage areas with no account: {}", tables.unmet.listed())?;
        }
        if lines.iter().any(|l| l.total == "overflow") {
            writeln!(
                f,
                "overflow: a sum too large to keep to the currency's minor unit (in a \
                 currency of cents, past 792281625142643375935439503.35); each account's \
                 own row has its figure"
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // No outage in the area: nothing to assess, so no policy is applied.
        let elsewhere = batch
            .assess(&account("A-4", "syracuse-13202", "internet:79.99"))
            .unwrap();
        assert!(elsewhere.is_empty(), "{elsewhere:?}");
    }

    #[test]
    fn an_ongoing_outage_needs_as_of_and_runs_until_it() {
        let mut batch = ny_batch();
        let buffalo = account("B-1", "buffalo-14201", "internet:60.00");
        let err = batch.assess(&buffalo).unwrap_err();
        assert!(err.to_string().starts_with("as_of:"), "{err}");
        let as_of = DateTime::parse_from_rfc3339("2024-10-03T09:00:00-04:00").unwrap();
        let mut batch = batch.at(as_of);
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
        let mut batch =
            ny_batch().at(DateTime::parse_from_rfc3339("2024-10-03T09:00:00-04:00").unwrap());
        let mut summary = Summary::default();
        for a in [
            account("A-1", "rochester-14604", "internet:79.99|tv:65.00"),
            account("A-2", "rochester-14604", "internet:79.99"),
            account("B-1", "buffalo-14201", "internet:60.00"),
            account("C-1", "syracuse-13202", "internet:60.00"),
        ] {
            let totals = batch.assess(&a).unwrap();
            summary.add(batch.outages(), &a.area, &totals);
        }
        summary.add_error(batch.outages(), "rochester-14604", &["ny-like"]);
        summary.add_error(batch.outages(), "", &["ny-like"]);
        assert_eq!(summary.accounts(), 6);
        assert_eq!(summary.errors(), 2);
        assert_eq!(summary.rows(), 6);
        // 14.50 + 8.00 in Rochester, and Buffalo's 49 hours: 3 blocks × 60 / 30 = 6.00.
        assert_eq!(
            summary.total("ny-like", Currency::USD).unwrap().to_string(),
            "28.50"
        );
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
        summary.add(&OutageIndex::new(), "a", std::slice::from_ref(&huge));
        summary.add(&OutageIndex::new(), "a", &[huge]);
        let group = summary.groups().next().unwrap().3;
        assert!(group.overflowed);
        assert!(summary.to_string().contains("overflow"), "{summary}");
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
                let mut fixed = Batch::new(policies.clone(), index.clone()).at(as_of);
                let mut selecting = Batch::selecting(index).at(as_of);
                for account in &accounts {
                    let file = reference_file(&fixed, account);
                    if !fixed.outages().contains(&account.area) {
                        // Nothing happened in the area: no policy is applied.
                        prop_assert!(file.validate().is_ok());
                        prop_assert_eq!(fixed.assess(account).unwrap(), vec![]);
                        prop_assert_eq!(selecting.assess(account).unwrap(), vec![]);
                        continue;
                    }
                    let totals = fixed.assess(account).unwrap();
                    prop_assert_eq!(totals.len(), policies.len());
                    for (total, policy) in totals.iter().zip(&policies) {
                        match crate::assess(&file, policy) {
                            Ok(claim) => {
                                prop_assert!(total.applies);
                                prop_assert_eq!((total.total, total.automatic), (claim.total, claim.automatic));
                            }
                            Err(Error::PolicyNotApplicable { .. }) => prop_assert!(!total.applies),
                            Err(e) => prop_assert!(false, "{e}"),
                        }
                    }
                    let selected = selecting.assess(account).unwrap();
                    let expected: Vec<Policy> = crate::catalog::select(&file);
                    prop_assert_eq!(selected.len(), expected.len());
                    for (total, policy) in selected.iter().zip(&expected) {
                        prop_assert_eq!(&*total.policy, policy.id.as_str());
                        let claim = crate::assess(&file, policy).unwrap();
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

    /// An area's outages are checked once and the result reused; an area whose outage
    /// the claim file refuses gives every account of it the claim file's own error, and
    /// a bad plan is still named before the outages, as the claim file checks it first.
    #[test]
    fn an_areas_outages_are_checked_once_with_the_claim_files_errors() {
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
            assert!(err.to_string().starts_with("outages[0].end: "), "{err}");
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
        assert_eq!(batch.outages_checked, vec![Some(false), Some(true)]);
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

        proptest! {
            /// A sum `exact_sum` gives is the exact sum, and it refuses only a sum that
            /// does not fit 96 bits at the operands' places (where `checked_add` rounds).
            #[test]
            fn an_exact_sum_is_exact_or_none(a in arb_decimal(), b in arb_decimal()) {
                let scale = a.scale().max(b.scale());
                let aligned = |d: Decimal| -> Option<i128> {
                    let m = d.mantissa().checked_mul(10i128.checked_pow(scale - d.scale())?)?;
                    Some(m)
                };
                let (Some(x), Some(y)) = (aligned(a), aligned(b)) else {
                    return Ok(());
                };
                let Some(exact) = x.checked_add(y) else {
                    return Ok(());
                };
                match exact_sum(a, b) {
                    Some(sum) => {
                        prop_assert_eq!(sum.scale(), scale);
                        prop_assert_eq!(sum.mantissa(), exact, "{} + {} = {}", a, b, sum);
                    }
                    None => prop_assert!(exact.unsigned_abs() >= 1u128 << 96, "{} + {}", a, b),
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
        let mut batch = Batch::selecting(ny_batch().outages().clone());
        let a = account("A-1", "rochester-14604", "internet:79.99");
        let first = batch.assess(&a).unwrap();
        let second = batch.assess(&a).unwrap();
        assert_eq!(first, second);
        if let Choice::Select(cache) = &batch.choice {
            assert_eq!(cache.len(), 1);
        }
    }

    /// An account's area is matched exactly as written; one that matches an outage area
    /// only when letter case is ignored is refused, naming the area it likely meant,
    /// rather than owed nothing.
    #[test]
    fn an_area_that_differs_only_in_letter_case_is_refused_naming_the_outage_area() {
        let outages = ny_batch().outages().clone();
        for mut batch in [ny_batch(), Batch::selecting(outages)] {
            let err = batch
                .assess(&account("A-1", "Rochester-14604", "internet:79.99"))
                .unwrap_err();
            assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
            assert_eq!(
                err.to_string(),
                "area: `Rochester-14604` matches no outage area; the outages have \
                 `rochester-14604`, which differs only in letter case (areas must match \
                 exactly: write it as the outages do)"
            );
            let written_so = batch
                .assess(&account("A-2", "rochester-14604", "internet:79.99"))
                .unwrap();
            assert!(!written_so.is_empty());
        }
        let zurich = OutageIndex::from_iter([outage(
            "Zürich-8001",
            "internet",
            "2024-10-01T06:00:00Z",
            "2024-10-02T06:00:00Z",
        )]);
        assert_eq!(
            zurich.area_ignoring_case("ZÜRICH-8001"),
            Some("Zürich-8001")
        );
        assert_eq!(
            zurich.area_ignoring_case("zürich-8001"),
            Some("Zürich-8001")
        );
        assert_eq!(zurich.area_ignoring_case("Zurich-8001"), None);
    }

    /// An account whose area has no outage is assessed under no policy (there is nothing
    /// to assess), in a fixed batch and a selecting one alike, yet still checked; the
    /// summary counts it and names its area, and names the outage areas no account is in.
    #[test]
    fn an_account_whose_area_has_no_outage_gets_no_policy_and_is_counted_as_such() {
        let mut fixed = ny_batch();
        let mut selecting = Batch::selecting(fixed.outages().clone());
        let quiet = account("C-1", "syracuse-13202", "internet:60.00");
        assert_eq!(fixed.assess(&quiet).unwrap(), vec![]);
        assert_eq!(selecting.assess(&quiet).unwrap(), vec![]);
        let mut negative = quiet.clone();
        negative.services[0].monthly_price = Decimal::new(-1, 0);
        let err = fixed.assess(&negative).unwrap_err().to_string();
        assert!(err.starts_with("plan.services[0].monthly_price: "), "{err}");

        let mut summary = Summary::default();
        summary.add(fixed.outages(), &quiet.area, &[]);
        assert_eq!((summary.without_outage(), summary.unselected()), (1, 0));
        let text = summary.to_string();
        for part in [
            "account areas with no outage: 1 (`syracuse-13202`); 1 account there is owed nothing",
            "outage areas with no account: 2 (`buffalo-14201`, `rochester-14604`)",
            "(no outage)",
        ] {
            assert!(text.contains(part), "missing {part:?}:\n{text}");
        }
        assert!(!text.contains("no applicable catalog policy"), "{text}");
    }

    /// A million accounts in as many areas without outages must not grow the summary:
    /// it keeps no tally for such an area, counts their names only up to a bound, and
    /// prints a few lines, not one per area.
    #[test]
    fn the_summary_keeps_no_tally_per_area_without_outages() {
        let outages = ny_batch().outages().clone();
        let mut summary = Summary::default();
        for n in 0..3 * NAMES_COUNTED {
            summary.add(&outages, &format!("area-{n:06}"), &[]);
        }
        assert!(summary.met.is_empty());
        assert_eq!(summary.no_outage.names.names.len(), NAMES_COUNTED);
        let names = summary.account_areas_without_outage();
        assert_eq!((names.count, names.more), (10_000, true));
        let text = summary.to_string();
        assert!(text.lines().count() < 8, "{text}");
        assert!(
            text.contains(
                "account areas with no outage: more than 10000 (`area-000000`, `area-000001`, \
                 `area-000002`, `area-000003`, `area-000004` and over 9995 more); 30000 \
                 accounts there are owed nothing"
            ),
            "{text}"
        );
    }

    fn owed(policy: &Arc<str>, total: &str) -> PolicyTotal {
        PolicyTotal {
            policy: Arc::clone(policy),
            currency: Currency::USD,
            total: total.parse().unwrap(),
            automatic: true,
            applies: true,
        }
    }

    fn areas(count: usize) -> OutageIndex {
        (1..=count)
            .map(|k| {
                outage(
                    &format!("area-{k:02}"),
                    "internet",
                    "2024-10-01T06:00:00Z",
                    "2024-10-02T06:00:00Z",
                )
            })
            .collect()
    }

    /// The table shows the 20 areas owed most, largest first, and adds the rest up
    /// exactly in one row per policy.
    #[test]
    fn the_table_shows_the_areas_owed_most_and_adds_up_the_rest_exactly() {
        let outages = areas(25);
        let policy: Arc<str> = "p".into();
        let mut summary = Summary::new(&outages);
        // area-k has one account owed k.01 (k = 1..25), and area-01 three errors.
        for k in 1..=25 {
            let total = owed(&policy, &format!("{k}.01"));
            summary.add(&outages, &format!("area-{k:02}"), &[total]);
        }
        for _ in 0..3 {
            summary.add_error(&outages, "area-01", &["p"]);
        }
        let text = summary.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[1].starts_with("area "), "{text}");
        let shown: Vec<&str> = lines[2..22]
            .iter()
            .map(|l| l.split_whitespace().next().unwrap())
            .collect();
        let largest: Vec<String> = (6..=25).rev().map(|k| format!("area-{k:02}")).collect();
        assert_eq!(shown, largest, "{text}");
        // The rest, area-01 to area-05: 1.01 + 2.01 + 3.01 + 4.01 + 5.01 = 15.05, five
        // accounts, and area-01's three errors.
        let rest: Vec<&str> = lines[22].split_whitespace().collect();
        assert_eq!(
            rest,
            ["5", "other", "areas", "p", "5", "5", "5", "3", "15.05", "USD"],
            "{text}"
        );
        // All: 1 + 2 + ... + 25 = 325, and 25 × 0.01 = 0.25: 325.25.
        let all: Vec<&str> = lines[23].split_whitespace().collect();
        assert_eq!(
            all,
            ["all", "areas", "p", "25", "25", "25", "3", "325.25", "USD"],
            "{text}"
        );
        assert_eq!(
            summary.total("p", Currency::USD).unwrap().to_string(),
            "325.25"
        );
    }

    /// Threads summing halves of a batch in any order, and the batch summed in one,
    /// report the very same summary: the names kept are the alphabetically first, not
    /// the first met.
    #[test]
    fn summaries_merged_in_any_order_report_the_same() {
        let outages = areas(30);
        let policy: Arc<str> = "p".into();
        let add = |summary: &mut Summary, n: usize| {
            match n % 4 {
                0 => summary.add(
                    &outages,
                    &format!("quiet-{:05}", n / 4 * 7919 % 40_000),
                    &[],
                ),
                1 => summary.add_error(&outages, &format!("area-{:02}", 1 + n % 30), &["p"]),
                _ => {
                    let total = owed(&policy, &format!("{}.{:02}", n % 50, n % 100));
                    summary.add(&outages, &format!("area-{:02}", 1 + n % 27), &[total]);
                }
            };
        };
        let mut whole = Summary::default();
        let (mut even, mut odd) = (Summary::default(), Summary::default());
        for n in 0..60_000 {
            add(&mut whole, n);
            add(if n % 2 == 0 { &mut even } else { &mut odd }, n);
        }
        let (mut one_way, mut other_way) = (even.clone(), odd.clone());
        one_way.merge(odd);
        other_way.merge(even);
        assert_eq!(one_way, whole);
        assert_eq!(other_way, whole);
        assert_eq!(one_way.to_string(), whole.to_string());
        assert_eq!(other_way.to_string(), whole.to_string());
        assert!(whole.account_areas_without_outage().more);
    }

    /// A total past what a `Decimal` holds to the cent is an overflow error for the
    /// account, assessed in full or by its shape, never a figure with cents lost.
    #[test]
    fn a_total_too_large_to_keep_its_cents_is_an_overflow_error() {
        // Three started 24-hour blocks × price / 30: for a price of 26 × 10^27 that is
        // 2.6 × 10^27, past the largest total to the cent, (2^96 - 1) / 100 =
        // 792281625142643375935439503.35.
        let huge = account(
            "H-1",
            "rochester-14604",
            "internet:26000000000000000000000000000",
        );
        let outages = ny_batch().outages().clone();
        for mut batch in [ny_batch(), Batch::selecting(outages)] {
            for _ in 0..2 {
                let err = batch.assess(&huge).unwrap_err();
                assert!(matches!(err, Error::Overflow { .. }), "{err:?}");
                assert!(
                    err.to_string()
                        .contains("a total can be at most 792281625142643375935439503.35 USD"),
                    "{err}"
                );
            }
        }
        // A tenth of the price: 3 × 2.6 × 10^27 / 30 = 2.6 × 10^26, which keeps its cents.
        let large = account(
            "H-2",
            "rochester-14604",
            "internet:2600000000000000000000000000",
        );
        let totals = ny_batch().assess(&large).unwrap();
        assert_eq!(
            totals[0].total.to_string(),
            "260000000000000000000000000.00"
        );
    }

    /// A summary's sum that would need more digits than a `Decimal` holds to the cent
    /// says `overflow`, in its area's row and across areas, and `total` is an error;
    /// `checked_add` alone would round it to fewer places without a word.
    #[test]
    fn a_summary_sum_that_would_lose_a_cent_says_overflow() {
        let policy: Arc<str> = "p".into();
        // 500000000000000000000000000.01 twice is 1000000000000000000000000000.02: 30
        // digits to the cent, where a Decimal holds at most 2^96 - 1 ≈ 7.9 × 10^28.
        let half = owed(&policy, "500000000000000000000000000.01");
        let outages = ny_batch().outages().clone();
        let mut one_area = Summary::new(&outages);
        one_area.add(&outages, "rochester-14604", std::slice::from_ref(&half));
        one_area.add(&outages, "rochester-14604", std::slice::from_ref(&half));
        let mut two_areas = Summary::new(&outages);
        two_areas.add(&outages, "rochester-14604", std::slice::from_ref(&half));
        two_areas.add(&outages, "buffalo-14201", std::slice::from_ref(&half));
        for summary in [&one_area, &two_areas] {
            let err = summary.total("p", Currency::USD).unwrap_err();
            assert!(matches!(err, Error::Overflow { .. }), "{err:?}");
            let text = summary.to_string();
            let all = text.lines().find(|l| l.starts_with("all areas")).unwrap();
            assert!(all.ends_with("overflow"), "{text}");
            assert!(text.contains("overflow: a sum too large"), "{text}");
            assert!(!text.contains("1000000000000000000000000000"), "{text}");
        }
        assert!(one_area.groups().next().unwrap().3.overflowed);
        // Each area's own sum in the second fits, and shows to the cent.
        assert!(two_areas
            .to_string()
            .contains("500000000000000000000000000.01 USD"));
    }
}
