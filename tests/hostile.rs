//! Arbitrary and mutated claim documents never make the library panic, and outages of
//! centuries finish (the work per outage is bounded; nothing loops per minute or per day
//! over the whole span). Speed is measured in benches/, not asserted here.

use proptest::prelude::*;
use redress::{catalog, ClaimFile};

/// Parses as the CLI would, then validates and assesses under every catalog policy.
/// Errors are fine; a panic fails the test.
fn run_everything(text: &str) {
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
    let _ = redress::assess_file(&claim);
    let Ok(case) = redress::Case::from_file(&claim) else {
        return;
    };
    for policy in catalog::all() {
        if let Ok(result) = redress::assess(&case, &policy) {
            let sum: rust_decimal::Decimal = result.lines.iter().map(|l| l.amount).sum();
            assert_eq!(sum, result.total);
        }
    }
}

fn bundled() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join("claims");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .expect("examples/claims")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| std::fs::read_to_string(p).expect("a bundled claim file"))
        .collect();
    texts.sort();
    texts
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
    Replace { at: usize, with: char },
    Duplicate { at: usize, len: usize },
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), "[-0-9a-z\"\\[\\]=.:TZ+ \n]{1,12}")
            .prop_map(|(at, text)| Mutation::Insert { at, text }),
        // Braces, control characters, lone carriage returns and characters that hide or
        // reorder text: the hostile corpus's kinds of edit, anywhere.
        (
            any::<usize>(),
            "[{}\u{0}\u{7}\t\r\u{7f}\u{200b}\u{200d}\u{202e}\u{2066}\u{feff}]{1,3}"
        )
            .prop_map(|(at, text)| Mutation::Insert { at, text }),
        (any::<usize>(), proptest::char::any())
            .prop_map(|(at, with)| Mutation::Replace { at, with }),
        (any::<usize>(), 1usize..200).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len().max(1);
    let mut out = chars.clone();
    match mutation {
        Mutation::Delete { at, len } => {
            let a = at % n;
            let b = (a + len).min(chars.len());
            out.drain(a.min(chars.len())..b);
        }
        Mutation::Insert { at, text } => {
            let a = (at % n).min(chars.len());
            out.splice(a..a, text.chars());
        }
        Mutation::Replace { at, with } => {
            if let Some(c) = out.get_mut(at % n) {
                *c = *with;
            }
        }
        Mutation::Duplicate { at, len } => {
            let a = (at % n).min(chars.len());
            let b = (a + len).min(chars.len());
            let copy: Vec<char> = chars[a..b].to_vec();
            out.splice(b..b, copy);
        }
    }
    out.into_iter().collect()
}

proptest! {
    /// Arbitrary text, as TOML or JSON, never panics.
    #[test]
    fn arbitrary_documents_never_panic(text in "\\PC{0,400}") {
        run_everything(&text);
    }

    /// Bundled claim files with a few random edits never panic.
    #[test]
    fn mutated_claim_files_never_panic(which in 0usize..16, mutations in proptest::collection::vec(arb_mutation(), 1..5)) {
        let texts = bundled();
        let mut text = texts[which % texts.len()].clone();
        for m in &mutations {
            text = apply(&text, m);
        }
        run_everything(&text);
    }
}

/// Every file of the hostile corpus (`tests/data/bad/`), read as the library's users
/// would read it, never panics either; `tests/bad_input.rs` checks what the CLI says.
#[test]
fn the_hostile_corpus_never_panics_in_the_library() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("data")
        .join("bad");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).expect("tests/data/bad") {
        let bytes = std::fs::read(entry.expect("an entry").path()).expect("a corpus file");
        run_everything(&String::from_utf8_lossy(&bytes));
        files += 1;
    }
    assert!(files > 40, "the corpus is there: {files} files");
}

/// An outage from 1900 to 2199 under every catalog policy: each finishes, with a claim or
/// a typed error. (`cargo bench --bench assess -- centuries` measures how long it takes.)
#[test]
fn an_outage_of_three_centuries_finishes_under_every_policy() {
    for policy in catalog::all() {
        let currency = policy.currency.map(|c| c.code()).unwrap_or("USD");
        let kind = policy
            .services
            .first()
            .map(|s| s.as_str().to_owned())
            .unwrap_or_else(|| "internet".to_owned());
        let provider = policy
            .providers
            .first()
            .cloned()
            .unwrap_or_else(|| "Example".to_owned());
        let text = format!(
            r#"
            [customer]
            region = "GB-ENG"
            [plan]
            provider = "{provider}"
            currency = "{currency}"
            time_zone = "Europe/London"
            billing_day = 31
            [[plan.services]]
            kind = "{kind}"
            monthly_price = "49.99"
            [[outages]]
            services = ["{kind}"]
            start = "1900-01-01T00:00:00Z"
            end = "2199-12-31T00:00:00Z"
            reported = "1900-01-01T09:00:00Z"
            customers_affected = 50000
            "#
        );
        let claim: ClaimFile = toml::from_str(&text).unwrap();
        let case = redress::Case::from_file(&claim).unwrap();
        match redress::assess(&case, &policy) {
            Ok(result) => {
                let sum: rust_decimal::Decimal = result.lines.iter().map(|l| l.amount).sum();
                assert_eq!(sum, result.total, "{}", policy.id);
            }
            Err(e) => assert!(!e.to_string().is_empty(), "{}", policy.id),
        }
    }
}
