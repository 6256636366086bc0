//! `redress check-policy P`: the fairness properties of `redress::fairness`, checked
//! against one policy with generated plans, outages and prices. Each property is printed
//! held or broken; a broken one comes with the smallest counterexample proptest found,
//! written as claim files the user can run with `redress claim FILE --policy P`: on
//! stdout, or into `--out DIR`.
//!
//! Exit codes: 0 every property holds; 1 one breaks (or the output cannot be written);
//! 2 bad input (an unknown policy, a bad flag).

use std::path::{Path, PathBuf};

use redress::fairness::{self, Config, Counterexample, Finding, Outcome, Property};
use redress::policy::Policy;
use redress::ClaimFile;

use crate::{print, CheckPolicyArgs, Failure};

/// Runs `redress check-policy`; returns the exit code.
pub fn run(args: &CheckPolicyArgs) -> Result<u8, Failure> {
    let policy = read_policy(&args.policy)?;
    let properties = properties(&args.properties)?;
    if let Some(dir) = &args.out {
        if !dir.is_dir() {
            return Err(Failure::input(format!(
                "--out {}: not a directory; make it first, or leave --out out to print the \
                 counterexamples",
                crate::input::shown(dir)
            )));
        }
    }
    let mut config = match args.cases {
        Some(0) => return Err(Failure::input("--cases 0: check at least one case")),
        Some(n) => Config::with_cases(n),
        None => Config::default(),
    };
    if let Some(seed) = args.seed {
        config = config.with_seed(seed);
    }
    let (text, broken) = checked(&policy, &properties, &config, args.out.as_deref())?;
    print(&text)?;
    Ok(if broken == 0 { 0 } else { 1 })
}

/// The report of checking `properties` against `policy`, and how many broke; the
/// counterexamples under their findings, or written into `out`.
fn checked(
    policy: &Policy,
    properties: &[Property],
    config: &Config,
    out: Option<&Path>,
) -> Result<(String, usize), Failure> {
    let mut text = format!("{}\n", policy.id);
    let mut broken = 0;
    for &property in properties {
        let finding = fairness::check_property(policy, property, config);
        text.push_str(&format!("  {finding}\n"));
        if let Outcome::Broken(example) = &finding.outcome {
            broken += 1;
            text.push_str(&counterexample(policy, &finding, example, out)?);
        }
    }
    text.push_str(&match broken {
        0 => "  every property holds\n".to_owned(),
        n => format!("  {n} broken\n"),
    });
    Ok((text, broken))
}

/// The policy to check: a policy file (TOML or JSON, docs/policy-file.md), read and
/// checked as `--policy-file` reads one, or a catalog id.
fn read_policy(word: &str) -> Result<Policy, Failure> {
    let looks_like_a_path = word.contains('/')
        || word.contains('\\')
        || word.ends_with(".toml")
        || word.ends_with(".json");
    if looks_like_a_path || Path::new(word).is_file() {
        return crate::input::read_policy_file(Path::new(word));
    }
    crate::input::check_policy_ids(&[word.to_owned()], |_| "POLICY".to_owned())?;
    redress::catalog::get(word)
        .map_err(|e| Failure::input(format!("{word}: {e}; `redress policies` lists the ids")))
}

/// The properties asked for with `--property`, every one when none is.
fn properties(names: &[String]) -> Result<Vec<Property>, Failure> {
    if names.is_empty() {
        return Ok(Property::ALL.to_vec());
    }
    names
        .iter()
        .map(|name| {
            name.parse::<Property>()
                .map_err(|e| Failure::input(format!("--property: {e}")))
        })
        .collect()
}

/// The counterexample as claim files: the text to print under the finding, which holds
/// the files themselves, or with `--out DIR` the paths written.
fn counterexample(
    policy: &Policy,
    finding: &Finding,
    example: &Counterexample,
    out: Option<&Path>,
) -> Result<String, Failure> {
    let name = format!("{}-{}", policy.id, finding.property);
    let mut files = vec![(format!("{name}.toml"), &example.claim)];
    if let Some(changed) = &example.changed {
        files.push((format!("{name}-changed.toml"), changed));
    }
    let mut text = String::new();
    for (file, claim) in files {
        let toml = claim_toml(policy, finding, claim)?;
        match out {
            Some(dir) => {
                let path: PathBuf = dir.join(&file);
                std::fs::write(&path, toml).map_err(|e| {
                    Failure::other(format!("cannot write {}: {e}", crate::input::shown(&path)))
                })?;
                text.push_str(&format!("      wrote {}\n", crate::input::shown(&path)));
            }
            None => {
                text.push_str(&format!("    --- {file}\n"));
                for line in toml.lines() {
                    text.push_str(&format!("    {line}\n"));
                }
            }
        }
    }
    Ok(text)
}

/// A counterexample claim file as TOML, naming the policy so `redress claim FILE` runs it,
/// under a comment that says which property it breaks.
fn claim_toml(policy: &Policy, finding: &Finding, claim: &ClaimFile) -> Result<String, Failure> {
    let mut claim = claim.clone();
    let run = if redress::catalog::get(&policy.id).is_ok_and(|p| p == *policy) {
        claim.policies = Some(vec![policy.id.clone()]);
        format!("# run: redress claim FILE --policy {}", policy.id)
    } else {
        format!("# assess it under the policy checked, {}", policy.id)
    };
    let body = toml::to_string(&claim)
        .map_err(|e| Failure::other(format!("cannot write the counterexample as TOML: {e}")))?;
    Ok(format!(
        "# breaks {}: {}\n{run}\n{body}",
        finding.property,
        finding.property.says(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use redress::policy::*;
    use redress::{Currency, Span};

    /// Unfair on purpose: 1/30 of the monthly price per started 24 hours, but nothing
    /// at all once the outage reaches 48 hours.
    fn nothing_beyond_48_hours() -> Policy {
        let per_day = Rule::PerUnit(PerUnit::new(
            UnitCount::Blocks {
                length: Span::hours(24),
                counting: Counting::Started,
            },
            Amount::DailyRate(DayCount::Fixed(30)),
        ));
        let rule = Rule::When {
            condition: Condition::DurationAtLeast(Span::hours(48)),
            then: Box::new(Rule::Fixed {
                amount: Amount::Fixed(0.into()),
            }),
            otherwise: Some(Box::new(per_day)),
        };
        let mut policy =
            Policy::new("unfair-48h", "nothing beyond 48 hours", Currency::USD).with_version(
                PolicyVersion::always(vec![Provision::new("credit", Subject::outages(), rule)]),
            );
        policy.jurisdiction = "US-NY".to_owned();
        policy
    }

    #[test]
    fn an_unfair_policy_breaks_and_its_counterexample_is_claim_files_that_show_it() {
        let policy = nothing_beyond_48_hours();
        let config = Config::with_cases(256).with_seed(16);
        let dir = std::env::temp_dir().join(format!("redress-check-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        let (text, broken) =
            checked(&policy, &[Property::LongerOutage], &config, Some(&dir)).expect("checked");
        assert_eq!(broken, 1, "{text}");
        assert!(text.contains("BROKEN  longer-outage"), "{text}");
        let total = |name: &str| {
            let toml = std::fs::read_to_string(dir.join(name)).expect("a claim file written");
            assert!(toml.starts_with("# breaks longer-outage"), "{toml}");
            let claim: ClaimFile = toml::from_str(&toml).expect("a claim file that reads back");
            let case = redress::Case::from_file(&claim).expect("a valid claim file");
            redress::assess(&case, &policy).expect("assessed").total
        };
        // The claim files, run again, show the break: the longer outage is owed less.
        let before = total("unfair-48h-longer-outage.toml");
        let after = total("unfair-48h-longer-outage-changed.toml");
        assert!(after < before, "{before} → {after}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_catalog_policy_holds_and_its_report_says_so() {
        let policy = redress::catalog::get("us-ny-psc-outage-credit").expect("in the catalog");
        let (text, broken) =
            checked(&policy, &Property::ALL, &Config::with_cases(8), None).expect("checked");
        assert_eq!(broken, 0, "{text}");
        assert!(text.ends_with("every property holds\n"), "{text}");
        assert_eq!(text.matches("held ").count(), Property::ALL.len(), "{text}");
    }

    #[test]
    fn a_path_that_is_no_file_is_bad_input_naming_it() {
        let failure = read_policy("policies/ours.toml").expect_err("no such file");
        assert_eq!(failure.code, 2);
        assert!(failure.message.contains("ours.toml"), "{}", failure.message);
    }
}
