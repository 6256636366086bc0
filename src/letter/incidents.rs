//! What went wrong, told one plain sentence per outage, missed appointment and late
//! activation.

use std::fmt::Write as _;

use chrono::Utc;

use super::phrases::{
    duration_text, local_day, long_date, services_text, thousands, when, LowercaseFirst,
};
use crate::claim_file::ClaimFile;

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
    let my = match voice {
        Voice::Customer => "my",
        Voice::Report => "the",
    };
    let mut incidents = Vec::new();
    for outage in &claim_file.outages {
        let services = services_text(&outage.services);
        let plural = outage.services.len() > 1;
        let (were, lost) = match (plural, outage.degraded) {
            (true, false) => ("were", "out"),
            (false, false) => ("was", "out"),
            (true, true) => ("were", "impaired (not fully lost)"),
            (false, true) => ("was", "impaired (not fully lost)"),
        };
        let mut text = match outage.end {
            Some(end) => format!(
                "{services} {were} {lost} from {}, until {} ({}).",
                when(outage.start, zone),
                when(end, zone),
                duration_text(end.with_timezone(&Utc) - outage.start.with_timezone(&Utc))
            ),
            None => {
                let since = format!("{services} {were} {lost} from {}", when(outage.start, zone));
                match claim_file.as_of {
                    Some(as_of) => format!(
                        "{since} and {} still {lost} on {} ({} so far).",
                        if plural { "were" } else { "was" },
                        when(as_of, zone),
                        duration_text(as_of.with_timezone(&Utc) - outage.start.with_timezone(&Utc))
                    ),
                    None => format!("{since}, and {were} still {lost}."),
                }
            }
        };
        if let Some(reported) = outage.reported {
            let _ = match voice {
                Voice::Customer => write!(text, " I reported it on {}.", when(reported, zone)),
                Voice::Report => write!(text, " Reported on {}.", when(reported, zone)),
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
        incidents.push(text);
    }
    for appointment in &claim_file.appointments {
        let what = if appointment.services.is_empty() {
            String::new()
        } else {
            format!(
                " for {my} {} service",
                services_text(&appointment.services).to_lowercase_first()
            )
        };
        incidents.push(format!(
            "The engineer appointment{what} booked for {} was missed or cancelled at short notice.",
            long_date(appointment.date)
        ));
    }
    for activation in &claim_file.activations {
        let services = services_text(&activation.services);
        let services = if services.is_empty() {
            "The service".to_owned()
        } else {
            let mut text = format!("{my} {} service", services.to_lowercase_first());
            if let Some(first) = text.get(0..1) {
                let upper = first.to_uppercase();
                text.replace_range(0..1, &upper);
            }
            text
        };
        let text = match activation.delivered {
            Some(delivered) => format!(
                "{services} was promised for {} and went live on {}.",
                long_date(activation.promised),
                long_date(delivered)
            ),
            None => format!(
                "{services} was promised for {} and was not yet live{}.",
                long_date(activation.promised),
                match claim_file.as_of {
                    Some(as_of) => format!(" on {}", long_date(local_day(as_of, zone))),
                    None => String::new(),
                }
            ),
        };
        incidents.push(text);
    }
    incidents
}
