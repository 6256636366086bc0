//! Parsing plus assessment: any bytes, read as a TOML or JSON claim file, then assessed
//! under every catalog policy. Errors are fine; a panic or a hang is a bug.

#![no_main]

use libfuzzer_sys::fuzz_target;
use redress::ClaimFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed: Option<ClaimFile> = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).ok()
    } else {
        toml::from_str(text).ok()
    };
    let Some(mut claim) = parsed else { return };
    if claim.as_of.is_none() {
        claim.as_of = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .ok()
            .map(Into::into);
    }
    // Reading the file into a case checks it; a file it refuses is not assessed.
    let Ok(case) = redress::Case::from_file(&claim) else {
        return;
    };
    let _ = redress::assess_file(&claim);
    for policy in redress::catalog::all() {
        if let Ok(result) = redress::assess(&case, &policy) {
            // The total is the sum of the lines, always.
            let sum: rust_decimal::Decimal = result.lines.iter().map(|l| l.amount).sum();
            assert_eq!(sum, result.total);
            let _ = result.to_string();
        }
    }
});
