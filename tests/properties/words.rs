//! 12 words as people write them: a claim whose service kinds are written with the
//! documented synonyms, in any letter case and with stray spaces, and whose region is in
//! any letter case, is the same claim as its canonical spelling, line for line and
//! note for note. The synonyms here are copied from `docs/claim-file.md` ("Service
//! kinds"), not from the code, so a word the docs promise and the code drops fails.

use proptest::prelude::*;

use crate::gen::{arb_case, assess, Case};

/// Each canonical kind with the everyday words the docs list for it.
const WORDS: [(&str, &[&str]); 9] = [
    (
        "internet",
        &[
            "broadband",
            "fibre",
            "fiber",
            "dsl",
            "cable internet",
            "wifi",
            "wi-fi",
            "home internet",
        ],
    ),
    (
        "tv",
        &["cable", "television", "cable tv", "Cable-TV", "iptv"],
    ),
    (
        "phone",
        &["voice", "landline", "home phone", "telephone", "voip"],
    ),
    (
        "mobile",
        &["cell", "cellular", "wireless", "mobile phone", "cell phone"],
    ),
    ("electricity", &["power"]),
    ("gas", &["natural gas"]),
    ("water", &[]),
    (
        "compute",
        &[
            "vm",
            "vms",
            "instance",
            "instances",
            "virtual machine",
            "ec2",
        ],
    ),
    ("storage", &["object storage", "blob storage", "s3"]),
];

/// The word for a canonical kind chosen by `pick`, in a letter case chosen by `case`,
/// with spaces around it when `pad`: the kind's own name is one of the choices.
fn spelling(kind: &str, pick: u32, case: u32, pad: bool) -> String {
    let words = WORDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, words)| *words)
        .unwrap_or(&[]);
    let choices = words.len() + 1;
    let word = match pick as usize % choices {
        0 => kind,
        i => words[i - 1],
    };
    let cased: String = match case % 3 {
        0 => word.to_owned(),
        1 => word.to_uppercase(),
        _ => word
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 2 == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect(),
    };
    if pad {
        format!("  {cased} ")
    } else {
        cased
    }
}

/// The claim file as JSON, with every kind that has a canonical name respelled.
fn respelled(case: &Case, seed: u64) -> Case {
    let mut value = serde_json::to_value(&case.claim).expect("a claim file serialises");
    let mut n: u64 = seed;
    let mut next = move || {
        n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (n >> 33) as u32
    };
    let mut respell = |word: &mut serde_json::Value| {
        if let Some(kind) = word.as_str().filter(|k| WORDS.iter().any(|(w, _)| w == k)) {
            *word = serde_json::Value::String(spelling(kind, next(), next(), next() % 4 == 0));
        }
    };
    if let Some(services) = value
        .pointer_mut("/plan/services")
        .and_then(|s| s.as_array_mut())
    {
        for service in services {
            if let Some(kind) = service.get_mut("kind") {
                respell(kind);
            }
        }
    }
    for list in ["outages", "appointments", "activations"] {
        let Some(items) = value.get_mut(list).and_then(|l| l.as_array_mut()) else {
            continue;
        };
        for item in items {
            if let Some(services) = item.get_mut("services").and_then(|s| s.as_array_mut()) {
                services.iter_mut().for_each(&mut respell);
            }
            if let Some(service) = item.get_mut("service") {
                respell(service);
            }
        }
    }
    if let Some(region) = value.pointer_mut("/customer/region") {
        if let Some(text) = region.as_str() {
            *region = serde_json::Value::String(text.to_lowercase());
        }
    }
    let claim = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("the respelled claim file is refused: {e}\n{value:#}"));
    Case {
        policy: case.policy.clone(),
        claim,
    }
}

proptest! {
    /// 12. Synonyms, letter case and stray spaces in kinds, and a region in lower
    /// case, give the identical claim.
    #[test]
    fn everyday_words_give_the_claim_of_the_canonical_spelling(
        case in arb_case(),
        seed in any::<u64>(),
    ) {
        let canonical = assess(&case);
        let everyday = assess(&respelled(&case, seed));
        prop_assert_eq!(canonical, everyday, "{}", case.policy.id);
    }
}
