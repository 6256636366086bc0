//! Whether a rule reaches the customer: the customer's region and provider against the
//! policy's jurisdiction, excluded regions and providers.

use super::select::covers_region;
use crate::case::Case;
use crate::policy::Policy;

/// The places the catalog's rules belong to, by ISO 3166 code, in the possessive a
/// sentence uses ("this rule is New Jersey's").
const PLACES: &[(&str, &str)] = &[
    ("AU", "Australia's"),
    ("AU-VIC", "Victoria's"),
    ("CA", "Canada's"),
    ("DE", "Germany's"),
    ("ES", "Spain's"),
    ("GB", "the United Kingdom's"),
    ("GB-NIR", "Northern Ireland's"),
    ("IT", "Italy's"),
    ("PT", "Portugal's"),
    ("US", "the United States'"),
    ("US-NJ", "New Jersey's"),
    ("US-NY", "New York's"),
];

/// Why a policy does not reach the customer of a case although it could price the plan:
/// the customer is outside its jurisdiction (or in a region it excludes), or it is a
/// provider's own terms and the plan is with another provider. `None` when it reaches
/// the customer, or when the case does not say (no region, or no provider, given).
///
/// A claim under such a policy is still worked out, for comparison, and carries this
/// reason as [`crate::Claim::not_for_customer`]: nothing in it is owed to this customer,
/// and a letter leaves it out.
///
/// # Example
/// ```
/// let file: redress::ClaimFile = toml::from_str(r#"
///     [customer]
///     region = "US-NY"
///     [plan]
///     provider = "Verizon"
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "mobile"
///     monthly_price = "65"
/// "#)?;
/// let case = redress::Case::from_file(&file)?;
/// let nj = redress::catalog::get("us-nj-cable")?;
/// assert_eq!(
///     redress::catalog::not_for_customer(&nj, &case).as_deref(),
///     Some("not the customer's region: this rule is New Jersey's (US-NJ); the customer is in US-NY")
/// );
/// let att = redress::catalog::get("att-guarantee-2025")?;
/// assert_eq!(
///     redress::catalog::not_for_customer(&att, &case).as_deref(),
///     Some("not the customer's provider: this rule binds AT&T only; the customer's provider is Verizon")
/// );
/// let ny = redress::catalog::get("us-ny-psc-outage-credit")?;
/// assert_eq!(redress::catalog::not_for_customer(&ny, &case), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn not_for_customer(policy: &Policy, case: &Case) -> Option<String> {
    outside_region(policy, case).or_else(|| outside_provider(policy, case))
}

fn outside_region(policy: &Policy, case: &Case) -> Option<String> {
    let region = case.region()?.trim().to_ascii_uppercase();
    if !covers_region(&policy.jurisdiction, &region) {
        return Some(format!(
            "not the customer's region: this rule is {}; the customer is in {region}",
            whose(&policy.jurisdiction)
        ));
    }
    let excluded = policy
        .excluded_regions
        .iter()
        .find(|r| covers_region(r, &region))?;
    Some(format!(
        "not the customer's region: this rule is {} but leaves out {}; the customer is in \
         {region}",
        whose(&policy.jurisdiction),
        place(excluded)
    ))
}

fn outside_provider(policy: &Policy, case: &Case) -> Option<String> {
    if policy.providers.is_empty() {
        return None;
    }
    let provider = case.provider()?.trim();
    let lower = provider.to_ascii_lowercase();
    if provider.is_empty()
        || policy
            .providers
            .iter()
            .any(|name| lower.contains(&name.to_ascii_lowercase()))
    {
        return None;
    }
    Some(format!(
        "not the customer's provider: this rule binds {} only; the customer's provider is \
         {provider}",
        policy.providers.join(" or ")
    ))
}

/// "New Jersey's (US-NJ)", or "for US-XX" where the catalog names no such place.
fn whose(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    match PLACES.iter().find(|(known, _)| *known == code) {
        Some((_, name)) => format!("{name} ({code})"),
        None => format!("for {code}"),
    }
}

/// "Northern Ireland (GB-NIR)", or the code alone.
fn place(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    match PLACES.iter().find(|(known, _)| *known == code) {
        Some((_, name)) => {
            let name = name.trim_end_matches("'s").trim_end_matches('\'');
            format!("{name} ({code})")
        }
        None => code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_the_catalog_does_not_name_is_given_by_its_code() {
        assert_eq!(whose("US-CA"), "for US-CA");
        assert_eq!(whose("us-nj"), "New Jersey's (US-NJ)");
        assert_eq!(place("GB-NIR"), "Northern Ireland (GB-NIR)");
        assert_eq!(place("US"), "the United States (US)");
    }
}
