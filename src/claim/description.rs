//! What a claim line or note is about, in plain words, rendered when shown.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::plan::ServiceKind;

/// The item a line (or a note) is about, as its words name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Described {
    /// One outage, from its start to its restoration (or `as_of`).
    Outage {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        ongoing: bool,
    },
    /// A period (billing period, year, the whole account) holding outages.
    Period {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    /// A missed appointment.
    Appointment { date: NaiveDate },
    /// A late activation.
    Activation { promised: NaiveDate },
}

/// An instant as local wall-clock text: `2024-10-01 06:00 EDT`.
pub(crate) fn write_local(
    out: &mut impl fmt::Write,
    instant: DateTime<Utc>,
    zone: Tz,
) -> fmt::Result {
    // Field by field rather than through a format string, which would be read again
    // for every note of a claim with thousands of outages.
    let local = instant.with_timezone(&zone);
    write!(
        out,
        "{:04}-{:02}-{:02} {:02}:{:02} {}",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute(),
        local.offset()
    )
}

fn write_services(out: &mut impl fmt::Write, services: &[ServiceKind]) -> fmt::Result {
    for (i, service) in services.iter().enumerate() {
        if i > 0 {
            out.write_str(" and ")?;
        }
        out.write_str(service.as_str())?;
    }
    Ok(())
}

/// An item's short name, for notes: "internet outage from 2024-10-01 06:00 EDT".
pub(crate) fn write_label(
    out: &mut impl fmt::Write,
    services: &[ServiceKind],
    what: &Described,
    zone: Tz,
) -> fmt::Result {
    match what {
        Described::Outage { start, .. } => {
            write_services(out, services)?;
            out.write_str(" outage from ")?;
            write_local(out, *start, zone)
        }
        Described::Period { start, end } => {
            let last_day = end.with_timezone(&zone).date_naive();
            let last = last_day.pred_opt().unwrap_or(last_day);
            write_services(out, services)?;
            write!(
                out,
                " outages in the period {} to {last}",
                start.with_timezone(&zone).date_naive()
            )
        }
        Described::Appointment { date } => write!(out, "missed appointment on {date}"),
        Described::Activation { promised } => write!(out, "activation promised for {promised}"),
    }
}

/// What a line is for, in plain words: "Outage credit (Case 22-M-0180 outage credit
/// rule): internet outage 2024-10-01 06:00 EDT → 2024-10-03 11:00 EDT".
///
/// An assessment keeps the parts (provision, clause, services, the item and the
/// zone) and renders the words only when the line is shown or serialised, so
/// assessing many accounts formats no text. It serialises as the string and reads
/// back from one; two descriptions are equal when their words are.
///
/// # Example
/// ```
/// let file: redress::ClaimFile = toml::from_str(r#"
///     policies = ["us-ny-psc-outage-credit"]
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "79.99"
///     [[plan.services]]
///     kind = "tv"
///     monthly_price = "65.00"
///     [[outages]]
///     services = ["internet", "tv"]
///     start = "2024-10-01T06:00:00-04:00"
///     end = "2024-10-03T11:00:00-04:00"
///     customers_affected = 250
/// "#)?;
/// // 53 hours: ⌈53 / 24⌉ = 3 days' credit a service under New York's rule.
/// let claim = redress::assess_file(&file)?.remove(0);
/// let words = claim.lines[0].description.to_string();
/// assert!(words.contains("internet outage 2024-10-01 06:00 EDT → 2024-10-03 11:00 EDT"), "{words}");
/// assert_eq!(claim.lines[0].description, redress::claim::Description::from(words));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Description(DescriptionRepr);

#[derive(Clone)]
enum DescriptionRepr {
    Text(String),
    Parts {
        provision: String,
        clause: String,
        /// Inline: a line names one service, or a few.
        services: smallvec::SmallVec<[ServiceKind; 2]>,
        what: Described,
        zone: Tz,
    },
}

impl Description {
    /// A description from its parts, rendered when shown.
    pub(crate) fn from_parts(
        provision: &str,
        clause: &str,
        services: &[ServiceKind],
        what: Described,
        zone: Tz,
    ) -> Description {
        Description(DescriptionRepr::Parts {
            provision: provision.to_owned(),
            clause: clause.to_owned(),
            services: services.iter().cloned().collect(),
            what,
            zone,
        })
    }
}

impl From<String> for Description {
    fn from(text: String) -> Description {
        Description(DescriptionRepr::Text(text))
    }
}

impl From<&str> for Description {
    fn from(text: &str) -> Description {
        Description(DescriptionRepr::Text(text.to_owned()))
    }
}

impl fmt::Display for Description {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (provision, clause, services, what, zone) = match &self.0 {
            DescriptionRepr::Text(text) => return f.write_str(text),
            DescriptionRepr::Parts {
                provision,
                clause,
                services,
                what,
                zone,
            } => (provision, clause, services, what, zone),
        };
        // The provision's name with its first letter in capitals ("Outage credit").
        match (provision.get(0..1), provision.get(1..)) {
            (Some(first), Some(rest)) => {
                f.write_str(&first.to_uppercase())?;
                f.write_str(rest)?;
            }
            _ => f.write_str(provision)?,
        }
        if !clause.is_empty() {
            write!(f, " ({clause})")?;
        }
        f.write_str(": ")?;
        match what {
            Described::Outage {
                start,
                end,
                ongoing,
            } => {
                write_services(f, services)?;
                f.write_str(" outage ")?;
                write_local(f, *start, *zone)?;
                f.write_str(" → ")?;
                write_local(f, *end, *zone)?;
                if *ongoing {
                    f.write_str(" (still out)")?;
                }
                Ok(())
            }
            other => write_label(f, services, other, *zone),
        }
    }
}

impl fmt::Debug for Description {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl PartialEq for Description {
    fn eq(&self, other: &Description) -> bool {
        match (&self.0, &other.0) {
            (DescriptionRepr::Text(a), DescriptionRepr::Text(b)) => a == b,
            _ => self.to_string() == other.to_string(),
        }
    }
}

impl Eq for Description {}

impl Serialize for Description {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Description {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(deserializer).map(Description::from)
    }
}
