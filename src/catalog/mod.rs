//! The catalog: real-world policies as data, each dated, cited to its primary source
//! and tested on worked examples of its rule.
//!
//! Ids are stable: users type them and files store them. A dated change of amounts
//! is a new version inside the same id, chosen by the incident's date.
//!
//! Each policy has its own file in a module for its jurisdiction ([`us`], [`gb`], [`de`],
//! [`es`], [`it`], [`pt`], [`au`]), or in [`contracts`] for a provider's own terms;
//! each exports the policy with the catalog's readings (`tkg_58()`) and with chosen
//! ones (`tkg_58_with(options)`); [`with_options`] builds a policy with readings chosen by
//! name (`month = "30-days"`), as a claim file's `[options]` and `--option` do, and
//! [`reading_options`] lists each policy's. [`select()`] picks the policies that apply to a claim;
//! [`not_for_customer`] says why a policy named by hand does not reach its customer.
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

mod options;
mod reach;
mod select;

/// The nearest of some names to a word; see [`crate::suggest::nearest`], where it lives.
pub use crate::suggest::nearest;
pub use options::{
    check_options, reading_options, select_with_options, with_file_options, with_options,
    ReadingOption,
};
pub use reach::not_for_customer;
pub(crate) use select::selects;
pub use select::{covers_region, select};

use crate::error::{Error, Result};
use crate::policy::Policy;

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

/// The regions the catalog has a policy for: every policy's jurisdiction but `*` (a
/// provider's terms that hold anywhere), as ISO 3166 codes, sorted, each once. A region
/// is covered by the policies of its own code and of its country ([`covers_region`]).
///
/// # Example
/// ```
/// let regions = redress::catalog::regions();
/// assert!(regions.contains(&"US-NY".to_owned()) && regions.contains(&"DE".to_owned()));
/// assert!(!regions.contains(&"*".to_owned()));
/// ```
pub fn regions() -> Vec<String> {
    let mut regions: Vec<String> = all()
        .into_iter()
        .map(|p| p.jurisdiction)
        .filter(|j| j != "*")
        .collect();
    regions.sort();
    regions.dedup();
    regions
}

/// The policy with an id.
///
/// # Errors
/// [`Error::UnknownPolicy`], with the ids it may have meant ([`near_ids`]).
///
/// # Example
/// ```
/// let tkg = redress::catalog::get("de-tkg-58")?;
/// assert_eq!(tkg.jurisdiction, "DE");
/// let err = redress::catalog::get("de-tkg-85").unwrap_err();
/// assert_eq!(err.to_string(), "unknown policy `de-tkg-85` (did you mean `de-tkg-58`?)");
/// let err = redress::catalog::get("us-ny").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unknown policy `us-ny` (did you mean `us-ny-psc-outage-credit` or `us-ny-psl-73`?)"
/// );
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
            suggestions: near_ids(id).into_iter().map(str::to_owned).collect(),
        })
}

/// The most ids [`near_ids`] gives.
const MOST_SUGGESTED: usize = 3;

/// The catalog ids a word not in the catalog may mean, likeliest first, at most three:
/// the ids it begins (`us-ny-psc` → `us-ny-psc-outage-credit`), else those holding it
/// (`ofcom` → `uk-ofcom-auto-comp`, `tkg` → `de-tkg-58`), else those holding each of its
/// words (`ny-psc-credit`), else the nearest by spelling (`de-tkg-85` → `de-tkg-58`).
/// Letter case, and spaces or `_` for `-`, are overlooked.
///
/// # Example
/// ```
/// use redress::catalog::near_ids;
/// assert_eq!(near_ids("ofcom"), ["uk-ofcom-auto-comp"]);
/// assert_eq!(near_ids("TKG"), ["de-tkg-58"]);
/// assert_eq!(near_ids("us"), ["us-ny-psc-outage-credit", "us-nj-cable", "us-ny-psl-73"]);
/// assert!(near_ids("zzz").is_empty());
/// ```
pub fn near_ids(word: &str) -> Vec<&'static str> {
    let word: String = word
        .trim()
        .chars()
        .map(|c| match c {
            ' ' | '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let ids = || ENTRIES.iter().map(|(id, _)| *id);
    let words: Vec<&str> = word.split('-').filter(|w| w.len() >= 2).collect();
    let stages: [&dyn Fn(&str) -> bool; 3] = [
        &|id| word.len() >= 2 && id.starts_with(word.as_str()),
        &|id| word.len() >= 3 && id.contains(word.as_str()),
        &|id| words.len() >= 2 && words.iter().all(|w| id.contains(w)),
    ];
    for matches in stages {
        let found: Vec<&'static str> = ids().filter(|id| matches(id)).collect();
        if !found.is_empty() {
            return found.into_iter().take(MOST_SUGGESTED).collect();
        }
    }
    nearest(&word, ids()).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_id_suggests_the_nearest_known_one() {
        assert_eq!(nearest("de-tkg-85", ids()), Some("de-tkg-58"));
    }

    #[test]
    fn an_unknown_id_suggests_the_ids_it_begins_or_is_part_of() {
        for (word, want) in [
            ("us-ny-psc", &["us-ny-psc-outage-credit"][..]),
            ("ofcom", &["uk-ofcom-auto-comp"]),
            ("tkg", &["de-tkg-58"]),
            ("Ofgem", &["uk-ofgem-gsop"]),
            ("uk", &["uk-ofcom-auto-comp", "uk-ofgem-gsop"]),
            ("ny psc outage credit", &["us-ny-psc-outage-credit"]),
            ("ny-psc-credit", &["us-ny-psc-outage-credit"]),
            ("de-tkg-85", &["de-tkg-58"]),
            ("aws", &["aws-ec2-region"]),
            ("a", &[]),
            ("", &[]),
        ] {
            assert_eq!(near_ids(word), want, "{word}");
        }
        assert!(ids().iter().all(|id| near_ids(id) == [*id]));
    }
}
