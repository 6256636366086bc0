//! `redress batch`: one incident, many accounts (CLAIM-FILE.md, "Batch").
//!
//! Streams `accounts.csv` a row at a time: read, assess, write. Outages are read
//! first (they are few) and indexed by area. Every account row yields output
//! rows (`account,policy,currency,total,automatic,error`), one per policy, in
//! input order; a row that cannot be read or assessed gets its rows with `error`
//! = "line N: reason" and an empty total, and is reported on stderr. The summary
//! by area and policy goes to stderr, after a progress bar when stderr is a
//! terminal.
//!
//! Exit codes: 0 when every row was assessed; 2 when some rows had errors (the
//! output is still complete: every row accounted for) or when an input cannot be
//! used at all (a missing column, a broken outage row, an unknown policy).

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use csv::{ByteRecord, ReaderBuilder};
use indicatif::{ProgressBar, ProgressStyle};
use redress::batch::{
    Account, AccountFields, AreaOutage, Batch, OutageFields, OutageIndex, PolicyTotal, Summary,
};

use crate::input::{self, AsOfSource};
use crate::{note, BatchArgs, Failure};

/// The output's columns, exactly.
pub const OUTPUT_COLUMNS: [&str; 6] = [
    "account",
    "policy",
    "currency",
    "total",
    "automatic",
    "error",
];

/// How many row errors are echoed on stderr before the rest are only counted.
const ERRORS_SHOWN: u64 = 20;

/// Runs `redress batch`; returns the exit code.
pub fn run(args: &BatchArgs) -> Result<u8, Failure> {
    let (as_of, source) = match &args.as_of {
        Some(text) => (input::parse_instant("--as-of", text)?, AsOfSource::Flag),
        None => (input::now(), AsOfSource::Now),
    };
    let outages = read_outages(&args.outages, as_of)?;
    let batch = if args.policies.is_empty() {
        Batch::selecting(outages)
    } else {
        let policies = input::catalog_policies(&args.policies, |_| "--policy".to_owned())?;
        Batch::new(policies, outages)
    };
    let mut batch = batch.at(as_of);
    note(&format!(
        "batch as of {} ({}); {} outage{} in {} area{}; policies: {}",
        as_of
            .with_timezone(&Utc)
            .to_rfc3339_opts(SecondsFormat::Secs, true),
        source.text(),
        batch.outages().len(),
        plural(batch.outages().len() as u64),
        batch.outages().areas(),
        plural(batch.outages().areas() as u64),
        if batch.selects() {
            "those of the catalog that apply to each account".to_owned()
        } else {
            batch
                .policies()
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }
    ));

    let summary = stream_accounts(args, &mut batch)?;
    eprint!("{summary}");
    if summary.errors() > 0 {
        note(&format!(
            "{}: {} row{} could not be read or assessed; {} in the output's error column",
            args.accounts.display(),
            summary.errors(),
            plural(summary.errors()),
            if summary.errors() == 1 {
                "it is"
            } else {
                "they are"
            }
        ));
        return Ok(2);
    }
    Ok(0)
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Column positions found in a header row.
struct Columns {
    names: Vec<String>,
}

impl Columns {
    fn new(header: &ByteRecord) -> Columns {
        Columns {
            names: header
                .iter()
                .map(|f| {
                    String::from_utf8_lossy(f)
                        .trim()
                        .trim_start_matches('\u{feff}')
                        .to_ascii_lowercase()
                })
                .collect(),
        }
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The position of each required column, or a failure naming the missing one.
    fn require<const N: usize>(
        &self,
        path: &Path,
        names: [&str; N],
    ) -> Result<[usize; N], Failure> {
        let mut found = [0; N];
        for (slot, name) in found.iter_mut().zip(names) {
            *slot = self.find(name).ok_or_else(|| {
                Failure::input(format!(
                    "{}: line 1: the header has no `{name}` column (it has: {})",
                    path.display(),
                    self.names.join(", ")
                ))
            })?;
        }
        Ok(found)
    }
}

/// One field of a record as text ("" when the column is absent or the row short).
fn field(record: &ByteRecord, index: Option<usize>) -> Result<&str, String> {
    match index.and_then(|i| record.get(i)) {
        None => Ok(""),
        Some(bytes) => {
            std::str::from_utf8(bytes).map_err(|_| "a field is not valid UTF-8".to_owned())
        }
    }
}

fn open_reader(path: &Path) -> Result<(csv::Reader<File>, Columns), Failure> {
    let file = File::open(path)
        .map_err(|e| Failure::input(format!("{}: cannot read the file: {e}", path.display())))?;
    let mut reader = ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(file);
    let header = reader
        .byte_headers()
        .map_err(|e| Failure::input(format!("{}: cannot read the header: {e}", path.display())))?
        .clone();
    if header.is_empty() || header.iter().all(|f| f.is_empty()) {
        return Err(Failure::input(format!(
            "{}: the file is empty; it needs a header row",
            path.display()
        )));
    }
    Ok((reader, Columns::new(&header)))
}

/// Reads every outage row; any broken row stops the batch (an outage dropped
/// would silently underpay a whole area).
fn read_outages(path: &Path, as_of: DateTime<FixedOffset>) -> Result<OutageIndex, Failure> {
    let (mut reader, columns) = open_reader(path)?;
    let [area, services, start] = columns.require(path, ["area", "services", "start"])?;
    let (end, customers, cause) = (
        columns.find("end"),
        columns.find("customers_affected"),
        columns.find("cause"),
    );
    let mut index = OutageIndex::new();
    let mut record = ByteRecord::new();
    loop {
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| p.line());
        let bad =
            |message: String| Failure::input(format!("{}: line {line}: {message}", path.display()));
        let fields = OutageFields {
            area: field(&record, Some(area)).map_err(bad)?,
            services: field(&record, Some(services)).map_err(bad)?,
            start: field(&record, Some(start)).map_err(bad)?,
            end: field(&record, end).map_err(bad)?,
            customers_affected: field(&record, customers).map_err(bad)?,
            cause: field(&record, cause).map_err(bad)?,
        };
        let outage = AreaOutage::parse(&fields)
            .and_then(|o| o.validate(Some(as_of)).map(|()| o))
            .map_err(|e| bad(e.to_string()))?;
        index.insert(outage);
    }
    Ok(index)
}

/// Where the output goes.
fn output(path: Option<&Path>) -> Result<Box<dyn Write>, Failure> {
    match path {
        Some(path) => {
            let file = File::create(path).map_err(|e| {
                Failure::input(format!(
                    "{}: cannot create the output file: {e}",
                    path.display()
                ))
            })?;
            Ok(Box::new(BufWriter::new(file)))
        }
        None => Ok(Box::new(BufWriter::new(io::stdout()))),
    }
}

fn csv_failure(error: csv::Error) -> Failure {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => Failure::output(e),
        other => Failure::other(format!("cannot write the output: {other:?}")),
    }
}

fn progress_bar(path: &Path) -> Option<ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let length = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let bar = ProgressBar::new(length);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg} ({elapsed}, {eta} left)")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// Streams the accounts: read a row, assess it, write its rows.
fn stream_accounts(args: &BatchArgs, batch: &mut Batch) -> Result<Summary, Failure> {
    let path = args.accounts.as_path();
    let (mut reader, columns) = open_reader(path)?;
    let [account, area, currency, time_zone, services] = columns.require(
        path,
        ["account", "area", "currency", "time_zone", "services"],
    )?;
    let (region, billing_day) = (columns.find("region"), columns.find("billing_day"));
    let mut writer = csv::WriterBuilder::new().from_writer(output(args.out.as_deref())?);
    writer.write_record(OUTPUT_COLUMNS).map_err(csv_failure)?;

    let bar = progress_bar(path);
    let ids: Vec<String> = if batch.selects() {
        Vec::new()
    } else {
        batch.policies().iter().map(|p| p.id.clone()).collect()
    };
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut summary = Summary::default();
    let mut record = ByteRecord::new();
    let mut totals: Vec<PolicyTotal> = Vec::new();
    let mut amount = String::new();
    loop {
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| p.line());
        let read = || -> Result<AccountFields<'_>, String> {
            Ok(AccountFields {
                account: field(&record, Some(account))?,
                region: field(&record, region)?,
                area: field(&record, Some(area))?,
                currency: field(&record, Some(currency))?,
                time_zone: field(&record, Some(time_zone))?,
                billing_day: field(&record, billing_day)?,
                services: field(&record, Some(services))?,
            })
        };
        let outcome = read().and_then(|fields| {
            let parsed = Account::parse(&fields).map_err(|e| e.to_string())?;
            batch
                .assess_into(&parsed, &mut totals)
                .map_err(|e| e.to_string())?;
            Ok(parsed)
        });
        match outcome {
            Ok(parsed) => {
                if totals.is_empty() {
                    amount.clear();
                    amount.push_str(&zero(parsed.currency));
                    writer
                        .write_record([
                            parsed.id.as_str(),
                            "",
                            parsed.currency.code(),
                            &amount,
                            "false",
                            "",
                        ])
                        .map_err(csv_failure)?;
                }
                for total in &totals {
                    amount.clear();
                    use std::fmt::Write as _;
                    let _ = write!(amount, "{}", total.total);
                    writer
                        .write_record([
                            parsed.id.as_str(),
                            &total.policy,
                            total.currency.code(),
                            &amount,
                            if total.automatic { "true" } else { "false" },
                            "",
                        ])
                        .map_err(csv_failure)?;
                }
                summary.add(&parsed.area, &totals);
            }
            Err(reason) => {
                let error = format!("line {line}: {reason}");
                let raw_account = field(&record, Some(account)).unwrap_or("");
                let raw_area = field(&record, Some(area)).unwrap_or("");
                let raw_currency = field(&record, Some(currency))
                    .ok()
                    .and_then(|c| redress::Currency::new(c).ok())
                    .map(|c| c.code())
                    .unwrap_or("");
                let policies: &[&str] = if id_refs.is_empty() { &[""] } else { &id_refs };
                for policy in policies {
                    writer
                        .write_record([raw_account, policy, raw_currency, "", "", &error])
                        .map_err(csv_failure)?;
                }
                summary.add_error(raw_area, &id_refs);
                if summary.errors() <= ERRORS_SHOWN {
                    let message = format!("redress: {}: {error}", path.display());
                    match &bar {
                        Some(bar) => bar.println(message),
                        None => eprintln!("{message}"),
                    }
                } else if summary.errors() == ERRORS_SHOWN + 1 {
                    let message = format!(
                        "redress: {}: further errors are only in the output's error column",
                        path.display()
                    );
                    match &bar {
                        Some(bar) => bar.println(message),
                        None => eprintln!("{message}"),
                    }
                }
            }
        }
        if let Some(bar) = &bar {
            if summary.accounts() % 4096 == 0 {
                bar.set_position(record.position().map_or(0, |p| p.byte()));
                bar.set_message(format!("{} accounts", summary.accounts()));
            }
        }
    }
    writer.flush().map_err(Failure::output)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(summary)
}

/// "0.00" in a currency's minor units.
fn zero(currency: redress::Currency) -> String {
    let mut zero = rust_decimal::Decimal::ZERO;
    zero.rescale(currency.minor_units());
    zero.to_string()
}
