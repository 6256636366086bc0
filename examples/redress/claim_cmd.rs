//! `redress claim FILE`: assess one claim file and print a report, JSON or a letter.
//!
//! Policies: `--policy` (repeatable) overrides the file's `policies`, and
//! `--policy-file` (repeatable) the file's `policy_files` (paths relative to the claim
//! file; docs/policy-file.md); the policies of the files are applied with the catalog
//! policies named. When none is named at all, the catalog policies that apply to the
//! customer's region, services and dates are used (`redress::catalog::select_with_options`).
//! Each catalog policy is built with the reading options of the file's `[options.ID]`,
//! where `--option ID.NAME=VALUE` (repeatable) wins; options of a policy not assessed
//! are checked, change nothing, and a warning says so.
//!
//! - No `[customer] region` and no policies named: nothing can be selected, so
//!   this is bad input (exit 2) and the message says what to add.
//! - A region no catalog policy covers (for these services and dates): that is an
//!   answer, not an error: the report says so, the JSON has `"claims": []`, exit 0.
//!
//! A named policy that does not apply is an entry of its own saying why: one that
//! cannot price the plan (another currency, none of its services) has no lines; one
//! that does not reach the customer (another region, another provider's own terms)
//! shows what it would pay, for comparison only. The command exits 0 while at least
//! one policy applies, 2 when none does (the output is still complete). A letter
//! cites only the policies that apply and says on stderr which it left out and why.
//! A policy that applies but owes nothing for these incidents appears with 0.00 and
//! its notes.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local, NaiveDate, SecondsFormat, Utc};
use redress::claim_file::ChosenOptions;
use redress::policy::Policy;
use redress::{Case, Claim, ClaimFile};
use serde::Serialize;

use crate::input::{self, AsOfSource};
use crate::{note, print, report, ClaimArgs, Failure};

/// The JSON of docs/claim-file.md, with one addition: `as_of_source`
/// (`"flag"`, `"file"` or `"now"`), so a script can tell a defaulted `as_of`.
#[derive(Serialize)]
struct JsonOutput<'a> {
    as_of: String,
    as_of_source: &'static str,
    claims: Vec<crate::balance::ClaimJson<'a>>,
}

/// Runs `redress claim`; returns the exit code.
pub fn run(args: &ClaimArgs) -> Result<u8, Failure> {
    let path = args.file.as_path();
    let shown = input::shown(path);

    // The flags first, so a bad one is blamed on the flag, not on the file.
    let flag_as_of = match &args.as_of {
        Some(text) => Some(input::parse_flag_time("--as-of", text)?),
        None => None,
    };
    input::check_policy_ids(&args.policies, |_| "--policy".to_owned())?;
    let flag_options = input::option_flags(&args.options)?;
    let letter_date = match (&args.date, args.letter) {
        (Some(text), true) => Some(input::parse_date("--date", text)?),
        _ => None,
    };

    let mut file = read_with_options(path, flag_options)?;
    // A local --as-of is read in the plan's zone, which the file gives.
    let zone = file.plan.time_zone;
    let flag_as_of = (flag_as_of.map(|written| input::resolve_flag_time("--as-of", written, zone)))
        .transpose()?;
    let flagged = !args.policies.is_empty();
    if flagged || flag_as_of.is_some() {
        // A value a flag overrides is still the file's: a file refused alone is refused
        // with flags too. (A file without an as_of of its own is read as of the flag's,
        // or now, as it would be alone.)
        let mut alone = file.clone();
        if alone.as_of.is_none() {
            alone.as_of = Some(flag_as_of.unwrap_or_else(input::now).into());
        }
        Case::from_file(&alone).map_err(|e| input::claim_error(path, e))?;
    }

    let source = settle_as_of(&mut file, flag_as_of, &shown);

    // Policies: the flag, else the file, else selection by region.
    if flagged {
        file.policies = Some(args.policies.clone());
    }
    let case = Case::from_file(&file).map_err(|e| input::claim_error(path, e))?;
    // What reading the file found worth telling: a time written at an offset its zone did
    // not have, a fixed-offset zone where a place's zone is meant.
    for found in case.notes() {
        note(&format!("warning: {shown}: {found}"));
    }
    let as_of = case.as_of().map_or_else(input::now, |t| t.fixed_offset());
    let policies = choose_policies(args, &file, &case, path)?;
    let policies = with_chosen_options(policies, &file, path, &shown)?;

    let policies: Vec<&Policy> = policies.iter().collect();
    let offers: Vec<String> = policies
        .iter()
        .filter(|p| p.offer)
        .map(|p| p.id.clone())
        .collect();
    let claims =
        redress::assess_for_customer(&case, &policies).map_err(|e| input::claim_error(path, e))?;
    let shortfalls =
        crate::balance::shortfalls(&claims, &offers).map_err(|e| input::claim_error(path, e))?;
    let balances =
        crate::balance::balances(&claims, &case).map_err(|e| input::claim_error(path, e))?;
    let assessed = Assessed {
        path,
        shown,
        file,
        as_of,
        source,
        claims,
        balances,
        received: case.received().to_vec(),
        shortfalls,
        offers,
    };
    write_output(args, &assessed, letter_date)
}

/// Reads the claim file and checks its own `[options]`, then sets those `--option`
/// chooses over them (a file refused alone is refused with flags too).
fn read_with_options(path: &Path, flag_options: ChosenOptions) -> Result<ClaimFile, Failure> {
    let mut file = input::read_claim_file(path)?;
    redress::catalog::check_options(&file.options).map_err(|e| input::claim_error(path, e))?;
    for (id, chosen) in flag_options {
        file.options.entry(id).or_default().extend(chosen);
    }
    Ok(file)
}

/// The policies built with the reading options the file and `--option` choose for them;
/// options of a policy not assessed change nothing, and a warning says so.
fn with_chosen_options(
    policies: Vec<Policy>,
    file: &ClaimFile,
    path: &Path,
    shown: &str,
) -> Result<Vec<Policy>, Failure> {
    for id in file.options.keys() {
        if !policies.iter().any(|p| &p.id == id) {
            note(&format!(
                "warning: {shown}: options.{id}: {id} is not among the policies assessed, so \
                 its options change nothing"
            ));
        }
    }
    policies
        .into_iter()
        .map(|p| {
            if file.options.contains_key(&p.id) {
                redress::catalog::with_file_options(&p.id, &file.options)
                    .map_err(|e| input::claim_error(path, e))
            } else {
                Ok(p)
            }
        })
        .collect()
}

/// The policies to apply: the catalog's named by `--policy`, else by the file's
/// `policies`, then the policy files of `--policy-file`, else of the file's
/// `policy_files` (relative to the claim file). With none named at all, the catalog
/// policies that apply to the customer's region are selected.
fn choose_policies(
    args: &ClaimArgs,
    file: &ClaimFile,
    case: &Case,
    path: &Path,
) -> Result<Vec<Policy>, Failure> {
    let shown = input::shown(path);
    let flagged = !args.policies.is_empty();
    let files: Vec<PathBuf> = if args.policy_files.is_empty() {
        let folder = path.parent().unwrap_or(Path::new(""));
        file.policy_files.iter().map(|p| folder.join(p)).collect()
    } else {
        args.policy_files.clone()
    };
    let catalog = match &file.policies {
        Some(ids) if ids.is_empty() => {
            return Err(Failure::input(format!(
                "{shown}: policies: the list is empty; name at least one policy, or leave the \
                 field out to use every catalog policy that applies to the customer's region"
            )))
        }
        Some(ids) if flagged => input::catalog_policies(ids, |_| "--policy".to_owned())?,
        Some(ids) => input::catalog_policies(ids, |i| format!("{shown}: policies[{i}]"))?,
        None if !files.is_empty() => Vec::new(),
        None => {
            if file.region().is_none() {
                return Err(Failure::input(format!(
                    "{shown}: policies: the file names no policies and gives no [customer] region to \
                     select them by; add `policies = [\"...\"]` or a [customer] region, or pass \
                     --policy ID (`redress policies` lists the ids)"
                )));
            }
            redress::catalog::select_with_options(case, &file.options)
                .map_err(|e| input::claim_error(path, e))?
        }
    };
    input::add_policy_files(catalog, &files)
}

/// What was assessed, for the output.
struct Assessed<'a> {
    path: &'a Path,
    shown: String,
    file: ClaimFile,
    as_of: DateTime<FixedOffset>,
    source: AsOfSource,
    claims: Vec<Claim>,
    /// Each claim's balance, when the file lists credits received.
    balances: Vec<Option<redress::Balance>>,
    /// The credits received, checked.
    received: Vec<redress::case::Received>,
    /// The ids of the policies that are a provider's offer.
    offers: Vec<String>,
    /// For each offer's claim, how far it falls short of each rule.
    shortfalls: Vec<Vec<redress::Shortfall>>,
}

/// Prints the JSON, the letter or the report; returns the exit code: 2 when policies
/// were named and none applies (the output is still complete), else 0.
fn write_output(
    args: &ClaimArgs,
    assessed: &Assessed<'_>,
    letter_date: Option<NaiveDate>,
) -> Result<u8, Failure> {
    let Assessed {
        path,
        shown,
        file,
        as_of,
        source,
        claims,
        balances,
        received,
        offers,
        shortfalls,
    } = assessed;
    let none_applies = !claims.is_empty() && !claims.iter().any(Claim::applies);
    if none_applies {
        let why: Vec<String> = redress::letter::left_out(claims)
            .into_iter()
            .map(|(policy, why)| format!("{policy} cannot apply: {why}"))
            .collect();
        note(&format!(
            "{shown}: no policy named applies to this claim ({}); `redress policies --region R` \
             lists those for a region",
            why.join("; ")
        ));
    }
    if claims.is_empty() && (args.json || args.letter) {
        let region = crate::report::shown_region(file);
        note(&format!(
            "{shown}: no catalog policy covers region {region} for these services and dates. \
             {} `redress policies --region {region}` lists what covers the region",
            crate::report::covered_regions()
        ));
    }

    if args.json {
        let output = JsonOutput {
            as_of: as_of
                .with_timezone(&Utc)
                .to_rfc3339_opts(SecondsFormat::Secs, true),
            as_of_source: source.key(),
            claims: crate::balance::json(claims, balances, offers, shortfalls),
        };
        let mut text = serde_json::to_string_pretty(&output)
            .map_err(|e| Failure::other(format!("cannot write JSON: {e}")))?;
        text.push('\n');
        print(&text)?;
    } else if args.letter {
        let today = letter_date.unwrap_or_else(|| Local::now().date_naive());
        // An offer is never cited as a rule.
        let rules: Vec<Claim> = claims
            .iter()
            .filter(|c| !offers.contains(&c.policy))
            .cloned()
            .collect();
        write_letter(shown, file, &rules, received, today)?;
    } else {
        let balanced = report::Balanced {
            balances,
            received,
            offers,
            shortfalls,
        };
        print(&report::render(
            path, file, *as_of, *source, claims, &balanced,
        ))?;
    }
    Ok(if none_applies { 2 } else { 0 })
}

/// The letter, with notes on stderr for what it lacks: details left as placeholders,
/// the policies it leaves out and why, and that nothing is owed.
fn write_letter(
    shown: &str,
    file: &ClaimFile,
    claims: &[Claim],
    received: &[redress::case::Received],
    today: NaiveDate,
) -> Result<(), Failure> {
    let missing = redress::letter::missing_details(file);
    if !missing.is_empty() {
        note(&format!(
            "{shown}: the letter has placeholders for {}: fill them in, or add them to the claim file",
            missing.join(", ")
        ));
    }
    for (policy, why) in redress::letter::left_out(claims) {
        note(&format!("{shown}: the letter leaves out {policy}: {why}"));
    }
    if claims
        .iter()
        .filter(|c| c.applies())
        .all(|c| c.total.is_zero())
    {
        note(&format!(
            "{shown}: nothing is owed under the policies applied; the letter asks the provider \
             what credit it will give"
        ));
    }
    print(&redress::letter::letter_after(
        file, claims, received, today,
    ))
}

/// Sets the file's `as_of`: the flag's, else the file's own, else now (and says so). The
/// file's own may be a local time: the case reads it in the plan's zone.
fn settle_as_of(
    file: &mut ClaimFile,
    flag: Option<DateTime<FixedOffset>>,
    shown: &str,
) -> AsOfSource {
    match (flag, file.as_of) {
        (Some(t), _) => {
            file.as_of = Some(t.into());
            AsOfSource::Flag
        }
        (None, Some(_)) => AsOfSource::File,
        (None, None) => {
            let now = input::now();
            file.as_of = Some(now.into());
            note(&format!(
                "{shown}: no as_of given; assessing as of now, {}",
                now.with_timezone(&Utc)
                    .to_rfc3339_opts(SecondsFormat::Secs, true)
            ));
            AsOfSource::Now
        }
    }
}

/// The local date of an instant in the plan's zone (for the report's "as of").
pub fn local_text(instant: DateTime<FixedOffset>, file: &ClaimFile) -> String {
    instant
        .with_timezone(&file.plan.time_zone)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}
