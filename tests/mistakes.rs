//! Plausible mistakes: claim files as people write them, with everyday words, regions as
//! they say them, local times and numbers with their punctuation. Each file in
//! `tests/data/mistakes/` either means exactly what its writer meant, and then gives
//! the same claim as the canonical file it names, or is refused with exit 2 and a message
//! naming the word at fault and what to write instead. Nothing in between: a mistake that
//! is accepted and owes less is the bug these files catch.
//!
//! Each file says what it must do in its leading comment lines (for a JSON file, in a
//! file beside it named `<file>.expect`):
//!
//! - `# means: NAME`: the claim (`redress claim --json`) is the same as that of
//!   `tests/data/mistakes/meant/NAME`, notes aside (a reading may add one). The canonical
//!   file states its total in a `# owed: AMOUNT` line, worked out by hand from the rule's
//!   text beside it, and the test checks that too.
//! - `# refused: WORD`: exit 2, and the message names `WORD`.
//! - `# suggests: WORD`: with `refused`, the message also names `WORD`, what to write.
//! - `# warns: TEXT`: standard error says `TEXT` (a warning), whatever the outcome.
//! - `# args: ...`: extra arguments for `redress claim` (for example a `--policy`).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
struct Expect {
    means: Option<String>,
    refused: Option<String>,
    suggests: Vec<String>,
    warns: Vec<String>,
    args: Vec<String>,
}

fn directives(text: &str) -> Expect {
    let mut expect = Expect::default();
    for line in text.lines() {
        let Some(line) = line.trim().strip_prefix('#') else {
            continue;
        };
        let line = line.trim();
        let value = |key: &str| line.strip_prefix(key).map(|v| v.trim().to_owned());
        if let Some(v) = value("means:") {
            expect.means = Some(v);
        } else if let Some(v) = value("refused:") {
            expect.refused = Some(v);
        } else if let Some(v) = value("suggests:") {
            expect.suggests.push(v);
        } else if let Some(v) = value("warns:") {
            expect.warns.push(v);
        } else if let Some(v) = value("args:") {
            expect.args.extend(v.split_whitespace().map(str::to_owned));
        }
    }
    expect
}

fn expectation(file: &Path) -> Expect {
    let beside = PathBuf::from(format!("{}.expect", file.display()));
    let text = fs::read_to_string(if beside.exists() { &beside } else { file })
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    directives(&text)
}

/// The claims of a `--json` run, with their notes taken out: a reading may add a note
/// (a time written at another offset), and the figures and lines must not move.
fn claims_without_notes(json: &str, file: &Path) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("{}: the JSON output does not parse: {e}", file.display()));
    let mut claims = value
        .get_mut("claims")
        .map(serde_json::Value::take)
        .unwrap_or_else(|| panic!("{}: no claims in {json}", file.display()));
    if let Some(list) = claims.as_array_mut() {
        for claim in list {
            if let Some(object) = claim.as_object_mut() {
                object.remove("notes");
            }
        }
    }
    claims
}

fn claim(file: &Path, args: &[String]) -> common::Run {
    let mut all = vec![
        "claim".to_owned(),
        file.display().to_string(),
        "--json".to_owned(),
    ];
    all.extend(args.iter().cloned());
    common::redress(all)
}

fn check(file: &Path) -> Result<(), String> {
    let expect = expectation(file);
    let run = claim(file, &expect.args);
    let stderr = common::flat(&run.stderr);
    for warning in &expect.warns {
        if !stderr.contains(warning.as_str()) {
            return Err(format!("no warning `{warning}` on stderr: {stderr}"));
        }
    }
    match (&expect.means, &expect.refused) {
        (Some(meant), None) => {
            if run.code != 0 {
                return Err(format!("exit {} (meant {meant}): {stderr}", run.code));
            }
            let canonical = Path::new("tests/data/mistakes/meant").join(meant);
            let text = fs::read_to_string(common::root().join(&canonical))
                .map_err(|e| format!("{}: {e}", canonical.display()))?;
            let owed = text
                .lines()
                .find_map(|l| {
                    l.trim()
                        .strip_prefix("# owed:")
                        .map(|v| v.trim().to_owned())
                })
                .ok_or_else(|| format!("{} states no `# owed:` total", canonical.display()))?;
            let wanted = claim(&canonical, &expect.args);
            if wanted.code != 0 {
                return Err(format!(
                    "{} itself fails: {}",
                    canonical.display(),
                    wanted.stderr
                ));
            }
            let got = claims_without_notes(&run.stdout, file);
            let want = claims_without_notes(&wanted.stdout, &canonical);
            let total = want
                .get(0)
                .and_then(|c| c.get("total"))
                .and_then(|t| t.as_str())
                .unwrap_or_default()
                .to_owned();
            if total != owed {
                return Err(format!(
                    "{} owes {total}, not the {owed} worked out by hand",
                    canonical.display()
                ));
            }
            if got != want {
                return Err(format!(
                    "a different claim from {}:\n{}\nagainst\n{}",
                    canonical.display(),
                    serde_json::to_string_pretty(&got).unwrap_or_default(),
                    serde_json::to_string_pretty(&want).unwrap_or_default()
                ));
            }
            Ok(())
        }
        (None, Some(word)) => {
            if run.code != 2 {
                return Err(format!(
                    "exit {} where `{word}` should be refused with exit 2; stdout: {}",
                    run.code,
                    common::flat(&run.stdout)
                ));
            }
            for needed in std::iter::once(word).chain(&expect.suggests) {
                if !stderr.contains(needed.as_str()) {
                    return Err(format!("the message does not name `{needed}`: {stderr}"));
                }
            }
            Ok(())
        }
        _ => Err("say either `# means: FILE` or `# refused: WORD`".to_owned()),
    }
}

#[test]
fn every_plausible_mistake_means_what_was_meant_or_is_refused_naming_the_word() {
    let dir = common::root().join("tests/data/mistakes");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/data/mistakes")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("toml" | "json")
            )
        })
        .collect();
    files.sort();
    assert!(
        files.len() >= 10,
        "the corpus has only {} files",
        files.len()
    );
    let failures: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let relative = file
                .strip_prefix(common::root())
                .unwrap_or(file)
                .to_path_buf();
            check(&relative)
                .err()
                .map(|e| format!("{}: {e}", relative.display()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} files:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}
