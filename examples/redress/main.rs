//! `redress`: what a customer is owed when a service fails.
//!
//! ```text
//! cargo run --release --example redress -- claim examples/claims/ny-cable-outage.toml
//! cargo run --release --example redress -- claim FILE [--policy ID]... [--policy-file P]... [--option ID.NAME=VALUE]... [--as-of T] [--json | --letter [--date D]]
//! cargo run --release --example redress -- policies [--region R | --show ID] [--json]
//! cargo run --release --example redress -- batch --accounts A.csv --outages O.csv [--policy ID]... [--policy-file P]... [--option ID.NAME=VALUE]... [--as-of T] [--out F]
//! cargo run --release --example redress -- check-policy ID [--property NAME]... [--cases N] [--seed S] [--out DIR]
//! ```
//!
//! The contract is `docs/claim-file.md`, for `batch` `docs/batch.md`, and for policy
//! files `docs/policy-file.md`. Exit codes: 0 success; 2 bad input (a file,
//! field, line or flag that cannot be used; the message names it, or a claim under
//! policies none of which applies: the output is still complete), including a
//! batch in which some account rows could not be read or assessed (its output is
//! still complete, those rows carrying their error); 1 anything else (output that
//! cannot be written, a policy the catalog itself got wrong). A claim file whose
//! region no catalog policy covers is an answer, not an error: nothing is owed,
//! exit 0.

mod balance;
mod batch_cmd;
mod check_cmd;
mod claim_cmd;
mod input;
mod policies_cmd;
mod report;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Works out what a customer is owed when a service fails: itemised, cited
/// outage credits and compensation.
#[derive(Debug, Parser)]
#[command(
    name = "redress",
    version,
    about,
    long_about = None,
    after_help = "The claim file's fields and the JSON output are documented in \
docs/claim-file.md; the batch's columns, output and exit codes in docs/batch.md."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Assess a claim file (TOML or JSON): a report, the JSON of docs/claim-file.md, or a claim letter.
    ///
    /// The claim file's fields, and the JSON output, are documented in docs/claim-file.md.
    Claim(ClaimArgs),
    /// List the catalog's policies: id, title, citation, services, effective dates, evidence grade,
    /// reading options; or print one as a policy file (`--show ID`, docs/policy-file.md).
    Policies(PoliciesArgs),
    /// Assess many accounts against area outages: CSV in, CSV out, summary on stderr.
    ///
    /// The contract (columns, header rules, limits, output, exit codes) is docs/batch.md.
    Batch(BatchArgs),
    /// Check a policy's fairness: each property held or broken, a broken one with its
    /// smallest counterexample as claim files.
    ///
    /// Exit 0 when every property holds, 1 when one breaks, 2 on bad input.
    CheckPolicy(CheckPolicyArgs),
}

/// `redress claim`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The claim file's fields, and the JSON output, are in docs/claim-file.md. \
A policy that does not apply to the claim (another currency, none of the plan's services, \
another region or provider) is shown saying why; the exit code is 0 while one policy \
applies, 2 when none does. A letter cites only the policies that apply."
)]
pub struct ClaimArgs {
    /// The claim file (`.toml` or `.json`; its fields: docs/claim-file.md).
    pub file: PathBuf,
    /// Apply this catalog policy (repeatable); overrides the file's `policies`.
    #[arg(long = "policy", value_name = "ID")]
    pub policies: Vec<String>,
    /// Choose a reading option of a policy, ID.NAME=VALUE (`rogers-2022.month=30-days`;
    /// repeatable); wins over the file's `[options.ID]`. `redress policies` lists them.
    #[arg(long = "option", value_name = "ID.NAME=VALUE")]
    pub options: Vec<String>,
    /// Apply the policy in this policy file (repeatable; docs/policy-file.md), with the
    /// catalog policies named; overrides the file's `policy_files`.
    #[arg(long = "policy-file", value_name = "P")]
    pub policy_files: Vec<PathBuf>,
    /// Assess ongoing outages at this instant (`2024-10-05T12:00:00-04:00`, or without an
    /// offset, `2024-10-05T12:00`, read in the plan's zone); overrides the file's `as_of`
    /// (default: the current time).
    #[arg(long, value_name = "T")]
    pub as_of: Option<String>,
    /// Print the JSON documented in docs/claim-file.md.
    #[arg(long, conflicts_with = "letter")]
    pub json: bool,
    /// Print a claim letter from the customer to the provider.
    #[arg(long)]
    pub letter: bool,
    /// Date the letter (YYYY-MM-DD; default: today). The reply is asked for 14 days later.
    #[arg(long, value_name = "D", requires = "letter")]
    pub date: Option<String>,
}

/// `redress policies`.
#[derive(Debug, clap::Args)]
pub struct PoliciesArgs {
    /// Only policies that cover this ISO 3166 region (`GB-ENG`, `US-NY`, `DE`), any case.
    #[arg(long, value_name = "R", conflicts_with = "show")]
    pub region: Option<String>,
    /// Print this catalog policy as a policy file (TOML; with --json, JSON), to read,
    /// change and use with `--policy-file` (docs/policy-file.md).
    #[arg(long, value_name = "ID")]
    pub show: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `redress batch`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The columns, the header rules, the limits, the output, the summary \
and the exit codes are in docs/batch.md."
)]
pub struct BatchArgs {
    /// Accounts CSV: account, region, area, currency, time_zone, billing_day, services.
    #[arg(long, value_name = "FILE")]
    pub accounts: PathBuf,
    /// Outages CSV: area, services, start, end, customers_affected, cause.
    #[arg(long, value_name = "FILE")]
    pub outages: PathBuf,
    /// Ignore columns the batch does not read (listed on stderr); without it they are an
    /// error. A near miss of a column (`custmers_affected`) is an error either way.
    #[arg(long)]
    pub allow_extra_columns: bool,
    /// Apply this catalog policy to every account (repeatable); default: the
    /// catalog policies that apply to each account's region, services and dates.
    #[arg(long = "policy", value_name = "ID")]
    pub policies: Vec<String>,
    /// Choose a reading option of a policy for every account, ID.NAME=VALUE
    /// (`us-nj-cable.scope=every-service`; repeatable). `redress policies` lists them.
    #[arg(long = "option", value_name = "ID.NAME=VALUE")]
    pub options: Vec<String>,
    /// Apply the policy in this policy file to every account as well (repeatable;
    /// docs/policy-file.md).
    #[arg(long = "policy-file", value_name = "P")]
    pub policy_files: Vec<PathBuf>,
    /// What the provider gave every account: a catalog id or a policy file. Adds the
    /// columns offered, credited and shortfall (docs/batch.md, "Offered versus owed").
    #[arg(long, value_name = "P")]
    pub offer: Option<String>,
    /// Also write a self-contained HTML report (the incident, owed against offered by
    /// region, the shortfalls, the rules applied), whole or not at all; never an input.
    #[arg(long, value_name = "FILE.html")]
    pub report: Option<PathBuf>,
    /// Assess ongoing outages at this RFC 3339 instant (default: the current time).
    #[arg(long, value_name = "T")]
    pub as_of: Option<String>,
    /// Write the CSV to this file instead of stdout: whole or not at all (it is replaced
    /// only once every row is written). It may not be one of the inputs.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `redress check-policy`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Plans, outages and prices are generated from the policy's own data \
(jurisdiction, services, currency, versions). A broken property is printed with the \
smallest counterexample found, as claim files to run with `redress claim FILE`: the claim \
and, for a property that compares two claims, the changed one. Exit 0 when every property \
holds, 1 when one breaks, 2 on bad input."
)]
pub struct CheckPolicyArgs {
    /// The policy: a catalog id (`redress policies` lists them).
    #[arg(value_name = "POLICY")]
    pub policy: String,
    /// Check only this property (repeatable; default: every one).
    #[arg(long = "property", value_name = "NAME")]
    pub properties: Vec<String>,
    /// Generated cases per property (default: PROPTEST_CASES, else 256).
    #[arg(long, value_name = "N")]
    pub cases: Option<u32>,
    /// Seed the generator, to repeat a run exactly (default: a fresh seed).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Write each counterexample's claim files into this directory instead of stdout.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Why a command stopped: the exit code and the message for stderr.
#[derive(Debug)]
pub struct Failure {
    /// 2: bad input; 1: anything else.
    pub code: u8,
    /// Printed after `redress: `.
    pub message: String,
}

impl Failure {
    /// Bad input (exit code 2).
    pub fn input(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }

    /// Something other than the input went wrong (exit code 1).
    pub fn other(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }

    /// Output could not be written. A closed pipe (`| head`) is not an error.
    pub fn output(error: io::Error) -> Failure {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Failure {
                code: 0,
                message: String::new(),
            }
        } else {
            Failure::other(format!("cannot write the output: {error}"))
        }
    }
}

/// Writes text to stdout, mapping a write error to a [`Failure`].
pub fn print(text: &str) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Failure::output)
}

/// Writes a line to stderr, ignoring errors (there is nowhere left to report them).
pub fn note(text: &str) {
    let _ = writeln!(io::stderr(), "redress: {text}");
}

/// What clap says instead of running a command: help or the version on stdout (exit 0, or
/// 1 when it cannot be written: `redress --help > /dev/full`), a usage error on stderr
/// (exit 2).
fn clap_exit(error: &clap::Error) -> ExitCode {
    if error.use_stderr() {
        let _ = error.print();
        return ExitCode::from(2);
    }
    let text = if io::stdout().is_terminal() {
        error.render().ansi().to_string()
    } else {
        error.render().to_string()
    };
    match print(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                note(&failure.message);
            }
            ExitCode::from(failure.code)
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return clap_exit(&error),
    };
    let result = match cli.command {
        Command::Claim(args) => claim_cmd::run(&args),
        Command::Policies(args) => policies_cmd::run(&args),
        Command::Batch(args) => batch_cmd::run(&args),
        Command::CheckPolicy(args) => check_cmd::run(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            if !failure.message.is_empty() {
                note(&failure.message);
            }
            ExitCode::from(failure.code)
        }
    }
}
