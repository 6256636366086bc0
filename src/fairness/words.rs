//! Words as people write them: a claim whose service kinds are written with the
//! documented synonyms, in any letter case and with stray spaces, and whose region is in
//! any letter case, is the same claim as its canonical spelling, line for line and note
//! for note. The synonyms are those `docs/claim-file.md` lists ("Service kinds"), copied
//! from the docs, not from the code, so a word the docs promise and the code drops fails.

use toml::Value;

use super::run::{Ctx, Miss, Trial, Verdict};
use crate::ClaimFile;

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
        i => words.get(i - 1).copied().unwrap_or(kind),
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

/// The claim file with every kind that has a canonical name respelled, and its region
/// in lower case.
fn respelled(file: &ClaimFile, seed: u64) -> Result<ClaimFile, String> {
    let mut value = Value::try_from(file).map_err(|e| e.to_string())?;
    let mut n: u64 = seed;
    let mut next = move || {
        n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (n >> 33) as u32
    };
    let mut respell = |word: &mut Value| {
        if let Some(kind) = word.as_str().filter(|k| WORDS.iter().any(|(w, _)| w == k)) {
            *word = Value::String(spelling(kind, next(), next(), next() % 4 == 0));
        }
    };
    let services = value
        .get_mut("plan")
        .and_then(|p| p.get_mut("services"))
        .and_then(Value::as_array_mut);
    for service in services.into_iter().flatten() {
        if let Some(kind) = service.get_mut("kind") {
            respell(kind);
        }
    }
    for list in ["outages", "appointments", "activations"] {
        let items = value.get_mut(list).and_then(Value::as_array_mut);
        for item in items.into_iter().flatten() {
            if let Some(services) = item.get_mut("services").and_then(Value::as_array_mut) {
                services.iter_mut().for_each(&mut respell);
            }
            if let Some(service) = item.get_mut("service") {
                respell(service);
            }
        }
    }
    let region = value.get_mut("customer").and_then(|c| c.get_mut("region"));
    if let Some(region) = region {
        if let Some(text) = region.as_str() {
            *region = Value::String(text.to_lowercase());
        }
    }
    value.try_into().map_err(|e: toml::de::Error| e.to_string())
}

/// Synonyms, letter case and stray spaces in kinds, and a region in lower case, give the
/// identical claim.
pub(crate) fn everyday_words(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let everyday = respelled(&trial.claim, trial.knobs.seed)
        .map_err(|e| Miss::broken(format!("the respelled claim file is refused: {e}")))?;
    let canonical = ctx.base(&trial.claim)?;
    let after = ctx.changed(&everyday)?;
    if canonical != after {
        let message = format!(
            "{} spelled canonically, {} in everyday words (the changed claim), or other lines or notes",
            canonical.total, after.total
        );
        return Err(Miss::against(&everyday, message));
    }
    Ok(())
}
