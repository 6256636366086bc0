//! An outage's exemption notice (`exemption_notice` and its window), checked.

use chrono::NaiveDate;

use super::parse::check_year;
use crate::error::{Error, FieldPath, Result};
use crate::outage::{Exemption, Outage};

/// The outage's exemption notice, if it states one, once its fields agree: a window or
/// a reference needs the notice date, the window must not end before it starts, and
/// every date must lie in the supported years.
pub(crate) fn checked_exemption(
    outage: &Outage,
    place: &dyn Fn(&str) -> FieldPath,
) -> Result<Option<Exemption>> {
    let dates = [
        ("exemption_notice", outage.exemption_notice),
        ("exemption_start", outage.exemption_start),
        ("exemption_end", outage.exemption_end),
    ];
    for (field, date) in dates {
        if let Some(date) = date {
            check_year(date, &|| place(field))?;
        }
    }
    if outage.exemption_notice.is_none() {
        let without_notice = [
            ("exemption_start", outage.exemption_start.is_some()),
            ("exemption_end", outage.exemption_end.is_some()),
            ("exemption_ref", outage.exemption_ref.is_some()),
        ];
        if let Some((field, _)) = without_notice.into_iter().find(|(_, given)| *given) {
            return Err(Error::invalid(
                place(field),
                format!(
                    "is given without exemption_notice: an exemption counts only once the \
                     provider has notified it, so write the date the customer was told as \
                     exemption_notice (or leave {field} out)"
                ),
            ));
        }
    }
    if let (Some(start), Some(end)) = (outage.exemption_start, outage.exemption_end) {
        if end < start {
            return Err(Error::invalid(
                place("exemption_end"),
                format!(
                    "{end} is before exemption_start {start}; the notice's window runs from \
                     its first day to its last (are the two dates swapped?)"
                ),
            ));
        }
    }
    if outage
        .exemption_ref
        .as_deref()
        .is_some_and(|r| r.trim().is_empty())
    {
        return Err(Error::invalid(
            place("exemption_ref"),
            "is empty: write the provider's identifier for the notice, or leave it out",
        ));
    }
    Ok(Exemption::of(outage))
}

/// The days of a window as text for notes: "3 March 2025 to 14 March 2025", with open
/// sides said in words.
pub(crate) fn window_text(start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("{s} to {e}"),
        (Some(s), None) => format!("from {s}"),
        (None, Some(e)) => format!("up to {e}"),
        (None, None) => "the whole outage".to_owned(),
    }
}
