//! What went wrong, told one plain sentence per outage, missed appointment and late
//! activation.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;

use super::phrases::{
    duration_text, local_day, long_date, services_text, thousands, when, LowercaseFirst,
};
use crate::civil::When;
use crate::claim_file::ClaimFile;
use crate::outage::{Activation, Appointment, Outage};

/// Who is speaking in [`describe_incidents`]: the customer (the letter's "I
/// reported it", "my internet service") or a third party (a report's "reported
/// on", "the internet service").
///
/// # Example
/// ```
/// assert_ne!(redress::letter::Voice::Customer, redress::letter::Voice::Report);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Voice {
    /// The customer writes: "I reported it on …", "my internet service".
    #[default]
    Customer,
    /// A report about the customer: "Reported on …", "the internet service".
    Report,
}

impl Voice {
    /// Whose service it is: "my" for the customer, "the" in a report.
    fn possessive(self) -> &'static str {
        match self {
            Voice::Customer => "my",
            Voice::Report => "the",
        }
    }
}

/// What went wrong, one plain sentence per outage, missed appointment and late
/// activation, in the order of the claim file, with local times in the plan's zone.
///
/// # Example
/// ```
/// use redress::letter::{describe_incidents, Voice};
/// let file: redress::ClaimFile = toml::from_str(r#"
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
///     reported = "2024-10-01T07:15:00-04:00"
///     customers_affected = 250
/// "#)?;
/// let incidents = describe_incidents(&file, Voice::Report);
/// assert!(incidents[0].ends_with("Reported on Tuesday 1 October 2024, 07:15 EDT. The outage affected 250 customers."));
/// let incidents = describe_incidents(&file, Voice::Customer);
/// assert_eq!(
///     incidents[0],
///     "Internet and TV were out from Tuesday 1 October 2024, 06:00 EDT, until \
///      Thursday 3 October 2024, 11:00 EDT (53 hours). I reported it on Tuesday \
///      1 October 2024, 07:15 EDT. The outage affected 250 customers."
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn describe_incidents(claim_file: &ClaimFile, voice: Voice) -> Vec<String> {
    let zone = claim_file.plan.time_zone;
    let as_of = claim_file.as_of.and_then(|t| t.instant_in(zone).ok());
    let mut incidents = Vec::new();
    for outage in &claim_file.outages {
        incidents.push(outage_sentence(outage, as_of, zone, voice));
    }
    for appointment in &claim_file.appointments {
        incidents.push(appointment_sentence(appointment, voice));
    }
    for activation in &claim_file.activations {
        incidents.push(activation_sentence(activation, as_of, zone, voice));
    }
    incidents
}

/// An outage: what was lost and for how long, then when it was reported and how
/// many customers it affected, where the claim file says.
fn outage_sentence(
    outage: &Outage,
    as_of: Option<DateTime<FixedOffset>>,
    zone: Tz,
    voice: Voice,
) -> String {
    let mut text = outage_span(outage, as_of, zone);
    if let Some(reported) = &outage.reported {
        let reported = shown(reported, zone);
        let _ = match voice {
            Voice::Customer => write!(text, " I reported it on {reported}."),
            Voice::Report => write!(text, " Reported on {reported}."),
        };
    }
    if let Some(n) = outage.customers_affected {
        let _ = write!(
            text,
            " The outage affected {} customer{}.",
            thousands(n),
            if n == 1 { "" } else { "s" }
        );
    }
    text
}

/// "Internet and TV were out from … until … (53 hours).", or, for an outage not yet
/// over, how long it had lasted by the claim file's date, where it has one.
fn outage_span(outage: &Outage, as_of: Option<DateTime<FixedOffset>>, zone: Tz) -> String {
    let services = services_text(&outage.services);
    let plural = outage.services.len() > 1;
    let (were, lost) = match (plural, outage.degraded) {
        (true, false) => ("were", "out"),
        (false, false) => ("was", "out"),
        (true, true) => ("were", "impaired (not fully lost)"),
        (false, true) => ("was", "impaired (not fully lost)"),
    };
    let start = outage.start.instant_in(zone).ok();
    let since = |instant: Option<DateTime<FixedOffset>>, after: &str| match (start, instant) {
        (Some(start), Some(instant)) => format!(
            " ({}{after})",
            duration_text(instant.with_timezone(&Utc) - start.with_timezone(&Utc))
        ),
        _ => String::new(),
    };
    let from = format!(
        "{services} {were} {lost} from {}",
        shown(&outage.start, zone)
    );
    match &outage.end {
        Some(end) => format!(
            "{from}, until {}{}.",
            shown(end, zone),
            since(end.instant_in(zone).ok(), "")
        ),
        None => match as_of {
            Some(as_of) => format!(
                "{from} and {} still {lost} on {}{}.",
                if plural { "were" } else { "was" },
                when(as_of, zone),
                since(Some(as_of), " so far")
            ),
            None => format!("{from}, and {were} still {lost}."),
        },
    }
}

/// A written time as a sentence says it ("Tuesday 1 October 2024, 06:00 EDT"), or as
/// written where it names no instant in the zone (a claim that cannot be assessed).
fn shown(written: &When, zone: Tz) -> String {
    match written.instant_in(zone) {
        Ok(instant) => when(instant, zone),
        Err(_) => written.to_string(),
    }
}

/// "The engineer appointment for my TV service booked for … was missed …".
fn appointment_sentence(appointment: &Appointment, voice: Voice) -> String {
    let what = if appointment.services.is_empty() {
        String::new()
    } else {
        format!(
            " for {} {} service",
            voice.possessive(),
            services_text(&appointment.services).to_lowercase_first()
        )
    };
    format!(
        "The engineer appointment{what} booked for {} was missed or cancelled at short notice.",
        long_date(appointment.date)
    )
}

/// "My internet service was promised for … and went live on …", or was not yet
/// live (on the claim file's date, where it has one).
fn activation_sentence(
    activation: &Activation,
    as_of: Option<DateTime<FixedOffset>>,
    zone: Tz,
    voice: Voice,
) -> String {
    let services = services_text(&activation.services);
    let services = if services.is_empty() {
        "The service".to_owned()
    } else {
        let mut text = format!(
            "{} {} service",
            voice.possessive(),
            services.to_lowercase_first()
        );
        if let Some(first) = text.get(0..1) {
            let upper = first.to_uppercase();
            text.replace_range(0..1, &upper);
        }
        text
    };
    match activation.delivered {
        Some(delivered) => format!(
            "{services} was promised for {} and went live on {}.",
            long_date(activation.promised),
            long_date(delivered)
        ),
        None => format!(
            "{services} was promised for {} and was not yet live{}.",
            long_date(activation.promised),
            match as_of {
                Some(as_of) => format!(" on {}", long_date(local_day(as_of, zone))),
                None => String::new(),
            }
        ),
    }
}
