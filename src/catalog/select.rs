//! Which catalog policies apply to a claim: the customer's region, the plan's currency,
//! services and provider, and the dates of the claim's incidents.

use super::all;
use crate::case::Case;
use crate::civil::local_date;
use crate::policy::{Dating, Policy};

/// Whether a policy's jurisdiction covers a region: `*` covers all, `GB` covers `GB-SCT`,
/// `US-NY` covers `US-NY` only.
///
/// # Example
/// ```
/// use redress::catalog::covers_region;
/// assert!(covers_region("GB", "GB-SCT"));
/// assert!(covers_region("US-NY", "us-ny"));
/// assert!(!covers_region("US-NY", "US-NJ"));
/// assert!(!covers_region("US-NY", "US"));
/// ```
pub fn covers_region(jurisdiction: &str, region: &str) -> bool {
    let j = jurisdiction.trim().to_ascii_uppercase();
    let r = region.trim().to_ascii_uppercase();
    j == "*" || r == j || r.strip_prefix(&j).is_some_and(|rest| rest.starts_with('-'))
}

/// The catalog policies that apply to a claim: its region, its plan's currency,
/// services and provider, and the dates of its incidents.
///
/// # Example
/// ```
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [customer]
///     region = "DE-BY"
///     [plan]
///     currency = "EUR"
///     time_zone = "Europe/Berlin"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "39.99"
///     [[outages]]
///     services = ["internet"]
///     start = "2025-03-03T09:00:00+01:00"
///     end = "2025-03-08T18:00:00+01:00"
/// "#).unwrap();
/// let case = redress::Case::from_file(&claim)?;
/// let ids: Vec<String> = redress::catalog::select(&case).into_iter().map(|p| p.id).collect();
/// assert_eq!(ids, vec!["de-tkg-58"]);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn select(case: &Case) -> Vec<Policy> {
    all().into_iter().filter(|p| selects(p, case)).collect()
}

/// Whether [`select`] picks a policy for a claim: it covers the customer's region (not
/// one of its exclusions), pays in the plan's currency, covers one of its services,
/// names the provider if it is a provider's own, and is in force on the date of an
/// outage, appointment or activation of the claim that it covers.
pub(crate) fn selects(p: &Policy, case: &Case) -> bool {
    let Some(region) = case.region() else {
        return false;
    };
    let zone = case.time_zone();
    let outage_dates = || {
        case.outages()
            .iter()
            .filter(|o| o.services.iter().any(|s| p.covers(s)))
            .map(|o| {
                let instant = match (p.dated_by, o.reported) {
                    (Dating::Report, Some(r)) => r,
                    _ => o.start,
                };
                local_date(instant, zone)
            })
    };
    let other_dates = || {
        case.appointments()
            .iter()
            .map(|a| a.date)
            .chain(case.activations().iter().map(|a| a.promised))
    };
    covers_region(&p.jurisdiction, region)
        && !p.excluded_regions.iter().any(|r| covers_region(r, region))
        && p.currency.is_none_or(|c| c == case.currency())
        && case.services().iter().any(|s| p.covers(&s.kind))
        && (p.providers.is_empty() || {
            let provider = case.provider().unwrap_or("").to_ascii_lowercase();
            !provider.is_empty()
                && p.providers
                    .iter()
                    .any(|name| provider.contains(&name.to_ascii_lowercase()))
        })
        && outage_dates()
            .chain(other_dates())
            .any(|d| p.version_on(d).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClaimFile;

    fn uk_power_claim(region: &str) -> ClaimFile {
        toml::from_str(&format!(
            r#"
            [customer]
            region = "{region}"
            [plan]
            currency = "GBP"
            time_zone = "Europe/London"
            [[plan.services]]
            kind = "electricity"
            monthly_price = "0"
            [[outages]]
            services = ["electricity"]
            start = "2025-01-10T06:00:00Z"
            end = "2025-01-11T12:00:00Z"
            "#
        ))
        .unwrap()
    }

    #[test]
    fn ofgem_is_selected_in_great_britain_but_not_northern_ireland() {
        let ids = |region| {
            select(&Case::from_file(&uk_power_claim(region)).unwrap())
                .into_iter()
                .map(|p| p.id)
                .collect::<Vec<_>>()
        };
        assert!(ids("GB-SCT").contains(&"uk-ofgem-gsop".to_owned()));
        assert!(!ids("GB-NIR").contains(&"uk-ofgem-gsop".to_owned()));
    }
}
