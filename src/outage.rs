//! What went wrong: outages, missed appointments and late activations, exactly as
//! the claim file writes them.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::civil::When;
use crate::numbers::{whole, Field, Written};
use crate::plan::ServiceKind;

mod weather;
pub use weather::WeatherCategory;

/// What caused an outage. Policies exclude some causes (a customer's own fault,
/// force majeure) and treat others specially (commercial power, severe weather).
///
/// # Example
/// ```
/// use redress::Cause;
/// let c: Cause = serde_json::from_str("\"severe-weather\"").unwrap();
/// assert_eq!(c, Cause::SevereWeather);
/// assert_eq!(Cause::default(), Cause::Network);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Cause {
    /// A fault in the provider's network (the default).
    #[default]
    Network,
    /// Loss of commercial power to the provider's network.
    Power,
    /// Severe weather (storms).
    SevereWeather,
    /// The customer caused it.
    Customer,
    /// Planned, notified maintenance.
    Planned,
    /// Force majeure or a civil emergency.
    ForceMajeure,
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Cause::Network => "network",
            Cause::Power => "power",
            Cause::SevereWeather => "severe-weather",
            Cause::Customer => "customer",
            Cause::Planned => "planned",
            Cause::ForceMajeure => "force-majeure",
        })
    }
}

/// One outage, as the claim file's `[[outages]]` table writes it.
///
/// Each time is a [`When`], kept as written: an instant with the offset it was written
/// with, or a wall-clock date and time that [`Case::from_file`](crate::Case::from_file)
/// reads in the plan's `time_zone`. redress compares them as instants, so the same
/// moment written with two offsets is the same moment.
///
/// # Example
/// ```
/// let outage: redress::Outage = toml::from_str(r#"
///     services = ["internet", "tv"]
///     start = "2024-10-01T06:00:00-04:00"
///     end = "2024-10-03T11:00:00-04:00"
///     customers_affected = 250
/// "#).unwrap();
/// assert_eq!(outage.services.len(), 2);
/// assert!(outage.end.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Outage {
    /// Which of the plan's services were lost.
    pub services: Vec<ServiceKind>,
    /// When service was lost.
    pub start: When,
    /// When it came back; absent while still out (assessed at `as_of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<When>,
    /// When the customer reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<When>,
    /// How many customers the incident affected. A claim file may write it as a number
    /// or as text, with thousands commas (`"4,200"`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "customers_affected"
    )]
    pub customers_affected: Option<u64>,
    /// What caused it.
    #[serde(default)]
    pub cause: Cause,
    /// With `cause = "power"`: when commercial power came back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power_restored: Option<When>,
    /// True when the service was impaired, not fully lost.
    #[serde(default)]
    pub degraded: bool,
    // --- A provider's exemption notice (Australia's Customer Service Guarantee) ---
    /// The date the provider told the customer (individually, or by public notice)
    /// that it claims an exemption for this outage: extreme weather or circumstances
    /// beyond its control, such as a mass service disruption. Without it, a cause of
    /// `severe-weather` or `force-majeure` exempts nothing under policies that need a
    /// notice (`au-csg`). See [`Exemption`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption_notice: Option<NaiveDate>,
    /// The first day the notified exemption covers (local date); absent: from the
    /// outage's start. Needs `exemption_notice`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption_start: Option<NaiveDate>,
    /// The last day the notified exemption covers (local date); absent: to the
    /// outage's end. Needs `exemption_notice`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption_end: Option<NaiveDate>,
    /// The provider's identifier for the notice, quoted in the claim's notes. Needs
    /// `exemption_notice`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption_ref: Option<String>,
    /// With `cause = "severe-weather"`: the category of the storm under Ofgem's
    /// severe-weather standard, `1`, `2` or `3` (see [`WeatherCategory`]); absent, a policy
    /// that needs it assumes one and says so in the claim's notes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "weather::optional"
    )]
    pub weather_category: Option<WeatherCategory>,
}

/// `customers_affected`, as a number or as text such as `"4,200"`.
fn customers_affected<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    const COUNT: Field = Field {
        what: "a whole number",
        example: "4200",
    };
    match Written::read_optional(d, COUNT)? {
        Some(written) => whole(&written, COUNT, u64::MAX)
            .map(Some)
            .map_err(serde::de::Error::custom),
        None => Ok(None),
    }
}

impl Outage {
    /// A network outage of some services from `start`, still ongoing.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// let start = DateTime::parse_from_rfc3339("2025-03-03T09:00:00+01:00").unwrap();
    /// let o = redress::Outage::new(vec![redress::ServiceKind::Internet], start);
    /// assert!(o.end.is_none());
    /// ```
    pub fn new(services: Vec<ServiceKind>, start: impl Into<When>) -> Outage {
        Outage {
            services,
            start: start.into(),
            end: None,
            reported: None,
            customers_affected: None,
            cause: Cause::Network,
            power_restored: None,
            degraded: false,
            exemption_notice: None,
            exemption_start: None,
            exemption_end: None,
            exemption_ref: None,
            weather_category: None,
        }
    }

    /// The same outage, ended.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
    /// let o = redress::Outage::new(vec![redress::ServiceKind::Internet], t("2025-03-03T09:00:00Z"))
    ///     .with_end(t("2025-03-08T18:00:00Z"));
    /// assert!(o.end.is_some());
    /// ```
    pub fn with_end(mut self, end: impl Into<When>) -> Outage {
        self.end = Some(end.into());
        self
    }

    /// The same outage, of an incident of this many customers.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
    /// let o = redress::Outage::new(vec![redress::ServiceKind::Tv], t("2025-03-03T09:00:00Z"))
    ///     .with_customers_affected(182_000);
    /// assert_eq!(o.customers_affected, Some(182_000));
    /// ```
    pub fn with_customers_affected(mut self, customers: u64) -> Outage {
        self.customers_affected = Some(customers);
        self
    }

    /// The same outage, with another cause.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// use redress::{Cause, Outage, ServiceKind};
    /// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
    /// let o = Outage::new(vec![ServiceKind::Electricity], t("2025-01-10T06:00:00Z"))
    ///     .with_cause(Cause::SevereWeather);
    /// assert_eq!(o.cause, Cause::SevereWeather);
    /// ```
    pub fn with_cause(mut self, cause: Cause) -> Outage {
        self.cause = cause;
        self
    }

    /// The same outage, of a severe-weather event of this category (Ofgem's standard; see
    /// [`WeatherCategory`]).
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// use redress::{Cause, Outage, ServiceKind, WeatherCategory};
    /// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
    /// let o = Outage::new(vec![ServiceKind::Electricity], t("2025-01-24T06:00:00Z"))
    ///     .with_cause(Cause::SevereWeather)
    ///     .with_weather_category(WeatherCategory::Two);
    /// assert_eq!(o.weather_category, Some(WeatherCategory::Two));
    /// ```
    pub fn with_weather_category(mut self, category: WeatherCategory) -> Outage {
        self.weather_category = Some(category);
        self
    }

    /// The same outage, caused by a loss of commercial power that returned at an instant.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// use redress::{Cause, Outage, ServiceKind};
    /// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
    /// let o = Outage::new(vec![ServiceKind::Internet], t("2025-06-02T18:00:00-04:00"))
    ///     .with_power_restored(t("2025-06-03T08:00:00-04:00"));
    /// assert_eq!(o.cause, Cause::Power);
    /// ```
    pub fn with_power_restored(mut self, restored: impl Into<When>) -> Outage {
        self.cause = Cause::Power;
        self.power_restored = Some(restored.into());
        self
    }

    /// The same outage, of service impaired rather than lost.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
    /// let o = redress::Outage::new(vec![redress::ServiceKind::Internet], t("2025-03-03T09:00:00Z"))
    ///     .degraded();
    /// assert!(o.degraded);
    /// ```
    pub fn degraded(mut self) -> Outage {
        self.degraded = true;
        self
    }

    /// The same outage, reported at an instant.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
    /// let o = redress::Outage::new(vec![redress::ServiceKind::Phone], t("2025-03-03T09:00:00Z"))
    ///     .with_report(t("2025-03-03T09:30:00Z"));
    /// assert!(o.reported.is_some());
    /// ```
    pub fn with_report(mut self, reported: impl Into<When>) -> Outage {
        self.reported = Some(reported.into());
        self
    }
}

impl Outage {
    /// The same outage, with the provider's notice that it claims an exemption (see
    /// [`Exemption`]): the fields `exemption_notice`, `exemption_start`,
    /// `exemption_end` and `exemption_ref`.
    ///
    /// # Example
    /// ```
    /// use chrono::{DateTime, NaiveDate};
    /// use redress::{Cause, Exemption, Outage, ServiceKind};
    /// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
    /// let day = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap();
    /// let o = Outage::new(vec![ServiceKind::Phone], t("2025-03-03T09:00:00+10:00"))
    ///     .with_cause(Cause::SevereWeather)
    ///     .with_exemption(Exemption::new(day(12)).with_window(Some(day(3)), Some(day(14))));
    /// assert_eq!(o.exemption_notice, Some(day(12)));
    /// assert_eq!(o.exemption_end, Some(day(14)));
    /// ```
    pub fn with_exemption(mut self, exemption: Exemption) -> Outage {
        self.exemption_notice = Some(exemption.notice);
        self.exemption_start = exemption.start;
        self.exemption_end = exemption.end;
        self.exemption_ref = exemption.reference;
        self
    }
}

/// A provider's notice that it claims an exemption for an outage, under Australia's
/// Telecommunications (Customer Service Guarantee) Standard 2023: extreme weather, or
/// circumstances beyond its control such as a mass service disruption. The exemption
/// exists only if the provider notified it: it must tell the affected customers,
/// individually in writing or by public notice, naming the circumstances, the area and
/// a unique identifier, and ACMA describes individual notices as due within 14
/// working days of the exemption's start. An exemption never notified is treated as
/// never having existed.
///
/// In a claim file it is four optional fields of the outage: `exemption_notice` (the
/// date the customer was told; required for the others), `exemption_start` and
/// `exemption_end` (the days the notice covers, inclusive; either may be left open)
/// and `exemption_ref` (the provider's identifier).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// let day = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap();
/// let notice = redress::Exemption::new(day(12))
///     .with_window(Some(day(3)), None)
///     .with_reference("MSD-2025-014");
/// assert!(notice.covers(day(20)) && !notice.covers(day(2)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Exemption {
    /// The date the customer was told.
    pub notice: NaiveDate,
    /// The first day covered; `None`: open.
    pub start: Option<NaiveDate>,
    /// The last day covered; `None`: open.
    pub end: Option<NaiveDate>,
    /// The provider's identifier for the notice.
    pub reference: Option<String>,
}

impl Exemption {
    /// A notice given on `notice`, covering the whole outage.
    ///
    /// # Example
    /// ```
    /// let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
    /// assert!(redress::Exemption::new(day).start.is_none());
    /// ```
    pub fn new(notice: NaiveDate) -> Exemption {
        Exemption {
            notice,
            start: None,
            end: None,
            reference: None,
        }
    }

    /// The same notice, covering the days from `start` to `end`, inclusive (`None`:
    /// open on that side).
    ///
    /// # Example
    /// ```
    /// let day = |d| chrono::NaiveDate::from_ymd_opt(2025, 3, d).unwrap();
    /// let notice = redress::Exemption::new(day(12)).with_window(None, Some(day(14)));
    /// assert!(notice.covers(day(1)) && !notice.covers(day(15)));
    /// ```
    #[must_use]
    pub fn with_window(mut self, start: Option<NaiveDate>, end: Option<NaiveDate>) -> Exemption {
        self.start = start;
        self.end = end;
        self
    }

    /// The same notice, with the provider's identifier.
    ///
    /// # Example
    /// ```
    /// let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
    /// let notice = redress::Exemption::new(day).with_reference("MSD-1");
    /// assert_eq!(notice.reference.as_deref(), Some("MSD-1"));
    /// ```
    #[must_use]
    pub fn with_reference(mut self, reference: impl Into<String>) -> Exemption {
        self.reference = Some(reference.into());
        self
    }

    /// Whether the notice's window includes `day`.
    ///
    /// # Example
    /// ```
    /// let day = |d| chrono::NaiveDate::from_ymd_opt(2025, 3, d).unwrap();
    /// let notice = redress::Exemption::new(day(12)).with_window(Some(day(3)), Some(day(14)));
    /// assert!(notice.covers(day(3)) && notice.covers(day(14)) && !notice.covers(day(15)));
    /// ```
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.start.is_none_or(|start| start <= day) && self.end.is_none_or(|end| day <= end)
    }

    /// The notice an outage's fields state, if any (`exemption_notice` given).
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
    /// let outage = redress::Outage::new(vec![redress::ServiceKind::Phone], t("2025-03-03T09:00:00Z"));
    /// assert!(redress::Exemption::of(&outage).is_none());
    /// ```
    pub fn of(outage: &Outage) -> Option<Exemption> {
        Some(Exemption {
            notice: outage.exemption_notice?,
            start: outage.exemption_start,
            end: outage.exemption_end,
            reference: outage.exemption_ref.clone(),
        })
    }
}

/// A missed or late-cancelled engineer appointment (`[[appointments]]`).
///
/// # Example
/// ```
/// let a: redress::Appointment = toml::from_str(r#"
///     date = "2024-10-02"
///     services = ["internet"]
/// "#).unwrap();
/// assert_eq!(a.date.to_string(), "2024-10-02");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Appointment {
    /// The local date of the appointment.
    pub date: NaiveDate,
    /// The services it was for.
    #[serde(default)]
    pub services: Vec<ServiceKind>,
}

impl Appointment {
    /// An appointment for some services (none: the whole plan) on a local date.
    ///
    /// # Example
    /// ```
    /// let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
    /// let a = redress::Appointment::new(day, vec![redress::ServiceKind::Internet]);
    /// assert_eq!(a.services.len(), 1);
    /// ```
    pub fn new(date: NaiveDate, services: Vec<ServiceKind>) -> Appointment {
        Appointment { date, services }
    }
}

/// A late activation or provision of service (`[[activations]]`).
///
/// # Example
/// ```
/// let a: redress::Activation = toml::from_str(r#"
///     services = ["internet"]
///     promised = "2025-06-02"
///     delivered = "2025-06-05"
/// "#).unwrap();
/// assert_eq!((a.delivered.unwrap() - a.promised).num_days(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Activation {
    /// The services to be activated.
    #[serde(default)]
    pub services: Vec<ServiceKind>,
    /// The local date service was promised for.
    pub promised: NaiveDate,
    /// The local date it went live; absent when not yet live at `as_of`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered: Option<NaiveDate>,
}

impl Activation {
    /// Services (none: the whole plan) promised for a local date, not yet live.
    ///
    /// # Example
    /// ```
    /// let day = chrono::NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
    /// let a = redress::Activation::new(vec![redress::ServiceKind::Phone], day);
    /// assert!(a.delivered.is_none());
    /// ```
    pub fn new(services: Vec<ServiceKind>, promised: NaiveDate) -> Activation {
        Activation {
            services,
            promised,
            delivered: None,
        }
    }

    /// The same activation, live from a local date.
    ///
    /// # Example
    /// ```
    /// let d = |day| chrono::NaiveDate::from_ymd_opt(2025, 6, day).unwrap();
    /// let a = redress::Activation::new(vec![redress::ServiceKind::Phone], d(2)).with_delivered(d(5));
    /// assert_eq!(a.delivered, Some(d(5)));
    /// ```
    pub fn with_delivered(mut self, delivered: NaiveDate) -> Activation {
        self.delivered = Some(delivered);
        self
    }
}
