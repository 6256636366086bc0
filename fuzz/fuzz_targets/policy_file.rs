//! Reading a policy file: any bytes, read as a TOML or JSON policy file and checked
//! (`Policy::check`); a policy that passes is assessed on the bundled claims. Errors
//! are fine; a panic or a hang is a bug.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use redress::policy::Policy;
use redress::{Case, ClaimFile};

/// The bundled claim files, read once, as cases assessed as of 1 January 2026.
fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let texts = [
            include_str!("../../examples/claims/ny-cable-outage.toml"),
            include_str!("../../examples/claims/de-tkg.toml"),
            include_str!("../../examples/claims/uk-ofcom-easter.toml"),
            include_str!("../../examples/claims/aws-region-outage.toml"),
            include_str!("../../examples/policies/acme-cable-claim.toml"),
            include_str!("../../examples/policies/statute-claim.toml"),
        ];
        let as_of = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").ok();
        texts
            .iter()
            .filter_map(|text| toml::from_str::<ClaimFile>(text).ok())
            .filter_map(|mut claim| {
                claim.as_of = claim.as_of.or(as_of.map(Into::into));
                Case::from_file(&claim).ok()
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed: Option<Policy> = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).ok()
    } else {
        toml::from_str(text).ok()
    };
    let Some(policy) = parsed else { return };
    // A policy the checks refuse is not assessed, as the CLI does not assess it.
    if policy.check().is_err() {
        return;
    }
    // What passes reads back as itself.
    if let Ok(json) = serde_json::to_string(&policy) {
        let back: Policy = serde_json::from_str(&json).expect("a checked policy reads back");
        assert_eq!(back, policy);
    }
    for case in cases() {
        if let Ok(claim) = redress::assess(case, &policy) {
            // The total is the sum of the lines, always.
            let sum: rust_decimal::Decimal = claim.lines.iter().map(|l| l.amount).sum();
            assert_eq!(sum, claim.total);
            let _ = claim.to_string();
        }
    }
});
