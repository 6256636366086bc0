//! The catalog: real-world policies as data, each dated, cited and tested on the
//! worked examples of its source.
//!
//! Ids are stable: users type them and files store them. A dated change of amounts
//! is a new version inside the same id, chosen by the incident's date.
//!
//! | id | what |
//! |---|---|
//! | `uk-ofcom-auto-comp` | Ofcom automatic compensation (UK) |
//! | `de-tkg-58` | TKG §58(3) and §58(4) (Germany) |
//! | `es-rd-899-2009` | RD 899/2009 arts. 15 and 16 (Spain) |
//! | `it-agcom-347-18` | AGCOM indemnity regulation art. 6 (Italy) |
//! | `pt-lei-16-2022` | Lei 16/2022 art. 129 (Portugal) |
//! | `us-ny-psc-outage-credit` | New York PSC outage credit rule |
//! | `us-nj-cable` | N.J.A.C. 14:18-3.5 (New Jersey cable) |
//! | `us-ny-psl-73` | NY Public Service Law §73 (utilities) |
//! | `uk-ofgem-gsop` | Ofgem electricity guaranteed standards (GB) |
//! | `au-csg` | Australia's Customer Service Guarantee |
//! | `au-vic-gsl` | Victoria's guaranteed service levels |
//! | `aws-ec2-region` | AWS Compute SLA, region level |
//! | `gcp-compute-multizone` | Google Compute Engine SLA, multi-zone |
//! | `azure-vm` | Azure Virtual Machines SLA |
//! | `att-guarantee-2025` | The AT&T Guarantee |
//! | `rogers-2022` | Rogers' July 2022 outage credit |

pub mod au;
pub mod contracts;
pub mod de;
pub mod es;
pub mod gb;
pub mod it;
pub mod pt;
pub mod us;

use crate::case::civil::local_date;
use crate::case::Case;
use crate::error::{Error, Result};
use crate::policy::{Dating, Policy};

/// A date written in a policy's source, checked when the catalog is compiled: every call
/// is in a `const` with literal arguments, so a wrong date stops the build, never a run.
pub(crate) const fn ymd(year: i32, month: u32, day: u32) -> chrono::NaiveDate {
    match chrono::NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("not a date"),
    }
}

/// A catalog entry: its id and the function that builds it with its default readings.
type Entry = (&'static str, fn() -> Policy);

/// The catalog's policies in catalog order.
const ENTRIES: &[Entry] = &[
    ("uk-ofcom-auto-comp", gb::ofcom_auto_comp),
    ("de-tkg-58", de::tkg_58),
    ("es-rd-899-2009", es::rd_899_2009),
    ("it-agcom-347-18", it::agcom_347_18),
    ("pt-lei-16-2022", pt::lei_16_2022),
    ("us-ny-psc-outage-credit", us::ny_psc_outage_credit),
    ("us-nj-cable", us::nj_cable),
    ("us-ny-psl-73", us::ny_psl_73),
    ("uk-ofgem-gsop", gb::gsop),
    ("au-csg", au::csg),
    ("au-vic-gsl", au::vic_gsl),
    ("aws-ec2-region", contracts::aws_ec2_region),
    ("gcp-compute-multizone", contracts::gcp_compute_multizone),
    ("azure-vm", contracts::azure_vm),
    ("att-guarantee-2025", contracts::att_guarantee_2025),
    ("rogers-2022", contracts::rogers_2022),
];

/// Every catalog id, in catalog order.
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::ids()[0], "uk-ofcom-auto-comp");
/// assert_eq!(redress::catalog::ids().len(), 16);
/// ```
pub fn ids() -> Vec<&'static str> {
    ENTRIES.iter().map(|(id, _)| *id).collect()
}

/// Every catalog policy, in catalog order.
///
/// # Example
/// ```
/// let all = redress::catalog::all();
/// assert!(all.iter().all(|p| !p.citation.is_empty()));
/// ```
pub fn all() -> Vec<Policy> {
    ENTRIES.iter().map(|(_, make)| make()).collect()
}

/// The policy with an id.
///
/// # Errors
/// [`Error::UnknownPolicy`], with the nearest known id when one is close.
///
/// # Example
/// ```
/// let tkg = redress::catalog::get("de-tkg-58")?;
/// assert_eq!(tkg.jurisdiction, "DE");
/// let err = redress::catalog::get("de-tkg-85").unwrap_err();
/// assert_eq!(err.to_string(), "unknown policy `de-tkg-85` (did you mean `de-tkg-58`?)");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn get(id: &str) -> Result<Policy> {
    let wanted = id.trim().to_ascii_lowercase();
    ENTRIES
        .iter()
        .find(|(known, _)| *known == wanted)
        .map(|(_, make)| make())
        .ok_or_else(|| Error::UnknownPolicy {
            id: id.to_owned(),
            suggestion: nearest(&wanted, ENTRIES.iter().map(|(known, _)| *known))
                .map(str::to_owned),
        })
}

/// The nearest of some names to a word, if it is close (an edit distance of at most a
/// third of the word's length, rounded up, so `ended` finds `end` and `outage` `outages`).
///
/// # Example
/// ```
/// let names = ["outages", "appointments", "activations"];
/// assert_eq!(redress::catalog::nearest("outage", names), Some("outages"));
/// assert_eq!(redress::catalog::nearest("zzz", names), None);
/// ```
pub fn nearest<'n>(word: &str, names: impl IntoIterator<Item = &'n str>) -> Option<&'n str> {
    let length = word.chars().count();
    let limit = length.div_ceil(3).max(1);
    names
        .into_iter()
        // An edit distance is at least the difference of the lengths: a name too long or
        // too short to be within the limit is not compared letter by letter, so a word
        // of a million letters costs one count per name, not a million steps.
        .filter(|name| name.chars().count().abs_diff(length) <= limit)
        .map(|name| (edit_distance(word, name), name))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let substitute = previous + usize::from(ca != *cb);
            previous = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = substitute.min(above + 1).min(left + 1);
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

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

    #[test]
    fn suggestions_reach_a_third_of_the_word_rounded_up() {
        assert_eq!(nearest("ended", ["services", "start", "end"]), Some("end"));
        assert_eq!(nearest("de-tkg-85", ids()), Some("de-tkg-58"));
    }
}
