//! `redress policies`: the catalog, with id, title, citation, the services each covers,
//! effective dates ("always" for a rule in force from the beginning), evidence grade and
//! reading options (for `[options.ID]` and `--option`); `--region R` keeps the policies that cover R (`*` covers all).

use std::fmt::Write as _;

use chrono::NaiveDate;
use redress::policy::{Evidence, Policy, PolicyVersion};
use serde::Serialize;

use crate::{print, Failure, PoliciesArgs};

#[derive(Serialize)]
struct JsonVersion {
    /// First date in force; absent for a version in force from the beginning ("always"
    /// in the text), as `effective_until` is absent for one still in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    effective_from: Option<NaiveDate>,
    /// First date no longer in force (exclusive), as in the library.
    #[serde(skip_serializing_if = "Option::is_none")]
    effective_until: Option<NaiveDate>,
    #[serde(skip_serializing_if = "String::is_empty")]
    label: String,
}

/// A reading option a policy takes (`redress::catalog::reading_options`).
#[derive(Serialize)]
struct JsonOption {
    name: &'static str,
    values: &'static [&'static str],
    default: &'static str,
    meaning: &'static str,
}

#[derive(Serialize)]
struct JsonPolicy {
    id: String,
    title: String,
    jurisdiction: String,
    citation: String,
    evidence: Evidence,
    evidence_text: String,
    services: Vec<String>,
    providers: Vec<String>,
    currency: Option<String>,
    versions: Vec<JsonVersion>,
    /// The reading options it takes (empty: none), for `[options.ID]` and `--option`.
    options: Vec<JsonOption>,
}

/// The catalog policy's reading options as comment lines, for `--show`: each with its
/// words, the default (the reading the file holds) marked, and what it decides.
fn options_comment(id: &str) -> String {
    let options = redress::catalog::reading_options(id);
    if options.is_empty() {
        return String::new();
    }
    let mut text = format!(
        "#\n# Reading options: this file holds the default of each; choose another with a claim\n\
         # file's [options.{id}] or --option {id}.NAME=VALUE (docs/claim-file.md).\n"
    );
    for option in options {
        let words: Vec<String> = option
            .values
            .iter()
            .map(|v| {
                if *v == option.default {
                    format!("{v} (default)")
                } else {
                    (*v).to_owned()
                }
            })
            .collect();
        text.push_str(&format!(
            "#   {} = {}: {}\n",
            option.name,
            words.join(" | "),
            option.meaning
        ));
    }
    text
}

/// `redress policies --show ID`: the catalog policy as a policy file
/// (docs/policy-file.md), TOML or JSON, that reads back as the same policy.
fn show(id: &str, json: bool) -> Result<u8, Failure> {
    let policy = redress::catalog::get(id)
        .map_err(|e| Failure::input(format!("--show: {e}; `redress policies` lists the ids")))?;
    let text = if json {
        serde_json::to_string_pretty(&policy)
            .map(|t| t + "\n")
            .map_err(|e| e.to_string())
    } else {
        toml::to_string_pretty(&policy)
            .map(|t| {
                format!(
                    "# A redress policy file (docs/policy-file.md): the catalog's `{}`.\n\
                     # Change the id before changing the rules, then use it with\n\
                     # `redress claim FILE --policy-file THIS.toml`.\n{}\n{t}",
                    policy.id,
                    options_comment(id)
                )
            })
            .map_err(|e| e.to_string())
    }
    .map_err(|e| Failure::other(format!("cannot write the policy {id}: {e}")))?;
    print(&text).map(|()| 0)
}

/// Runs `redress policies`; returns the exit code.
pub fn run(args: &PoliciesArgs) -> Result<u8, Failure> {
    if let Some(id) = &args.show {
        return show(id, args.json);
    }
    let region = match &args.region {
        Some(r) => Some(check_region(r)?),
        None => None,
    };
    let policies: Vec<Policy> = redress::catalog::all()
        .into_iter()
        .filter(|p| match region.as_deref() {
            Some(r) => redress::catalog::covers_region(&p.jurisdiction, r),
            None => true,
        })
        .collect();

    if args.json {
        let list: Vec<JsonPolicy> = policies.iter().map(json_policy).collect();
        let mut text = serde_json::to_string_pretty(&list)
            .map_err(|e| Failure::other(format!("cannot write JSON: {e}")))?;
        text.push('\n');
        return print(&text).map(|()| 0);
    }

    let mut out = String::new();
    match &region {
        Some(r) if policies.is_empty() => {
            crate::report::wrap(
                &mut out,
                "",
                "",
                &format!(
                    "No catalog policy covers region {r}. {} (`redress policies` lists them \
                     all.)",
                    crate::report::covered_regions()
                ),
            );
        }
        Some(r) => {
            let _ = writeln!(
                out,
                "{} catalog {} cover{} region {r} (`*` = any region):",
                policies.len(),
                if policies.len() == 1 {
                    "policy"
                } else {
                    "policies"
                },
                if policies.len() == 1 { "s" } else { "" }
            );
            if policies.iter().all(|p| p.jurisdiction == "*") {
                crate::report::wrap(
                    &mut out,
                    "",
                    "",
                    &format!(
                        "None is for {r} itself. {}",
                        crate::report::covered_regions()
                    ),
                );
            }
            let _ = writeln!(out);
        }
        None => {
            let _ = writeln!(out, "{} catalog policies:\n", policies.len());
        }
    }
    for policy in &policies {
        write_entry(&mut out, policy);
    }
    print(&out).map(|()| 0)
}

/// One policy's entry: id and jurisdiction, title, citation, services, provider, dates
/// and evidence.
fn write_entry(out: &mut String, policy: &Policy) {
    let _ = writeln!(out, "{}  [{}]", policy.id, policy.jurisdiction);
    if policy.title != policy.id {
        crate::report::wrap(out, "    ", "    ", &policy.title);
    }
    let citation = if policy.citation.trim().is_empty() {
        "(none recorded)"
    } else {
        policy.citation.trim()
    };
    crate::report::wrap(out, "    Citation:  ", "               ", citation);
    crate::report::wrap(out, "    Services:  ", "               ", &services(policy));
    if !policy.providers.is_empty() {
        let only = format!(
            "{} only (the provider's own terms)",
            policy.providers.join(" or ")
        );
        crate::report::wrap(out, "    Provider:  ", "               ", &only);
    }
    let _ = writeln!(out, "    In force:  {}", in_force(policy));
    for version in &policy.versions {
        if policy.versions.len() < 2 && version.label.is_empty() {
            break;
        }
        let label = if version.label.is_empty() {
            String::new()
        } else {
            format!(": {}", version.label)
        };
        let _ = writeln!(out, "               {}{label}", dates(version));
    }
    let _ = writeln!(out, "    Evidence:  {}", policy.evidence);
    write_options(out, &policy.id);
    let _ = writeln!(out);
}

/// A policy's reading options, each with its words (the default marked) and what it
/// decides: `Option:    month = calendar-month (default) | 30-days | annualised`.
fn write_options(out: &mut String, id: &str) {
    for option in redress::catalog::reading_options(id) {
        let values: Vec<String> = option
            .values
            .iter()
            .map(|v| {
                if *v == option.default {
                    format!("{v} (default)")
                } else {
                    (*v).to_owned()
                }
            })
            .collect();
        let line = format!("{} = {}", option.name, values.join(" | "));
        crate::report::wrap(out, "    Option:    ", "               ", &line);
        crate::report::wrap(out, "               ", "               ", option.meaning);
    }
}

/// The services a policy covers, "internet, phone", or "every service".
fn services(policy: &Policy) -> String {
    if policy.services.is_empty() {
        return "every service".to_owned();
    }
    let names: Vec<String> = policy.services.iter().map(|s| s.to_string()).collect();
    names.join(", ")
}

/// A version's dates: "2019-04-01 onwards", "2019-04-01 to 2021-03-31", "always" (in
/// force from the beginning), or "until 2021-03-31".
fn dates(version: &PolicyVersion) -> String {
    let last = version.effective_until.and_then(|d| d.pred_opt());
    match (version.effective_from == NaiveDate::MIN, last) {
        (true, None) => "always".to_owned(),
        (true, Some(last)) => format!("until {last}"),
        (false, None) => format!("{} onwards", version.effective_from),
        (false, Some(last)) => format!("{} to {last}", version.effective_from),
    }
}

/// "from 2019-04-01", "from 2019-04-01 to 2021-03-31", "always", "until 2021-03-31",
/// or "no dated version yet".
fn in_force(policy: &Policy) -> String {
    let from = policy.versions.iter().map(|v| v.effective_from).min();
    let open = policy.versions.iter().any(|v| v.effective_until.is_none());
    let last = policy
        .versions
        .iter()
        .filter_map(|v| v.effective_until)
        .max()
        .and_then(|d| d.pred_opt());
    match (from, open, last) {
        (Some(NaiveDate::MIN), true, _) => "always".to_owned(),
        (Some(NaiveDate::MIN), false, Some(last)) => format!("until {last}"),
        (Some(from), true, _) => format!("from {from}"),
        (Some(from), false, Some(last)) => format!("from {from} to {last}"),
        _ => "no dated version yet".to_owned(),
    }
}

fn json_policy(policy: &Policy) -> JsonPolicy {
    JsonPolicy {
        id: policy.id.clone(),
        title: policy.title.clone(),
        jurisdiction: policy.jurisdiction.clone(),
        citation: policy.citation.clone(),
        evidence: policy.evidence,
        evidence_text: policy.evidence.to_string(),
        services: policy.services.iter().map(|s| s.to_string()).collect(),
        providers: policy.providers.clone(),
        currency: policy.currency.map(|c| c.code().to_owned()),
        versions: policy
            .versions
            .iter()
            .map(|v| JsonVersion {
                effective_from: (v.effective_from != NaiveDate::MIN).then_some(v.effective_from),
                effective_until: v.effective_until,
                label: v.label.clone(),
            })
            .collect(),
        options: redress::catalog::reading_options(&policy.id)
            .iter()
            .map(|o| JsonOption {
                name: o.name,
                values: o.values,
                default: o.default,
                meaning: o.meaning,
            })
            .collect(),
    }
}

/// An ISO 3166-1 or 3166-2 code, any letter case, by the library's rule
/// (`redress::region`); anything else is refused with the code it may have meant.
fn check_region(region: &str) -> Result<String, Failure> {
    redress::region::canonical(region)
        .map(|code| code.into_owned())
        .map_err(|e| Failure::input(format!("--region: {e}")))
}
