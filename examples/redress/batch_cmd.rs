//! `redress batch`: one incident, many accounts. The contract is `docs/batch.md`.
//!
//! Streams `accounts.csv` a block at a time: read, assess, write. Outages are read
//! first (they are few), all of them or none, and indexed by area. Every account row
//! yields output rows (`account,policy,currency,total,automatic,error`), one per policy,
//! in input order; a row that cannot be read or assessed gets its rows with `error` =
//! "line N: reason" and an empty total, and is reported on stderr. The summary by area
//! and policy goes to stderr, after a progress bar when stderr is a terminal.
//!
//! Exit codes: 0 when every row was assessed; 2 when some rows had errors (the output
//! is still complete: every row accounted for) or when an input cannot be used at all
//! (a header that is not the contract's, a broken outage row, an unknown policy, a row
//! longer than the row limit); 1 when the output cannot be written.

mod blocks;
mod columns;
mod ids;
mod offer;
mod output;
mod report;
mod rows;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::sync::{mpsc, Arc, Mutex};

use indicatif::{ProgressBar, ProgressStyle};
use redress::batch::{
    Account, AccountFields, AreaOutage, Batch, OutageFields, OutageIndex, PolicyTotal, Shortfalls,
    Summary,
};

use self::blocks::{Block, Blocks, ReadError};
use self::columns::{Header, Kind};
use self::ids::Seen;
use self::rows::{Limits, Record, Splitter, ROW_LIMIT};
use redress::policy::Policy;

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

/// How many broken outage rows are listed before the rest are only counted.
const BROKEN_OUTAGES_SHOWN: usize = 50;

/// The policies `--policy` names (`None`: the catalog's, selected for each account), each
/// built with the readings `--option` chooses for it (said on stderr); an option of a
/// policy not named changes nothing, and a warning says so.
fn chosen_policies(args: &BatchArgs) -> Result<Option<Vec<Policy>>, Failure> {
    let options = input::option_flags(&args.options)?;
    let named = if args.policies.is_empty() {
        None
    } else {
        let flag = |_| "--policy".to_owned();
        Some(input::catalog_policies(&args.policies, flag)?)
    };
    if options.is_empty() {
        return Ok(named);
    }
    let ids: Vec<String> = match &named {
        Some(policies) => policies.iter().map(|p| p.id.clone()).collect(),
        None => redress::catalog::ids()
            .into_iter()
            .map(str::to_owned)
            .collect(),
    };
    for id in options.keys().filter(|id| !ids.contains(id)) {
        note(&format!(
            "warning: --option {id}: {id} is not among the policies named with --policy, so \
             its options change nothing"
        ));
    }
    let built = ids
        .iter()
        .map(|id| redress::catalog::with_file_options(id, &options))
        .collect::<redress::Result<Vec<Policy>>>()
        .map_err(|e| Failure::input(format!("--option: {e}")))?;
    for policy in &built {
        for chosen in &policy.chosen_options {
            note(&format!("{}: option chosen: {chosen}", policy.id));
        }
    }
    Ok(Some(built))
}

/// Runs `redress batch`; returns the exit code.
pub fn run(args: &BatchArgs) -> Result<u8, Failure> {
    let (as_of, source) = match &args.as_of {
        Some(text) => (input::parse_instant("--as-of", text)?, AsOfSource::Flag),
        None => (input::now(), AsOfSource::Now),
    };
    // Before anything is read or opened for writing: an `--out` that is an input.
    let mut inputs = vec![
        ("--accounts", args.accounts.as_path()),
        ("--outages", args.outages.as_path()),
    ];
    inputs.extend(
        args.policy_files
            .iter()
            .map(|p| ("--policy-file", p.as_path())),
    );
    if let Some(path) = args.offer.as_deref().and_then(offer::offer_file) {
        inputs.push(("--offer", path));
    }
    let plan = output::plan(args.out.as_deref(), &inputs)?;
    let report_plan = report::plan(args, &inputs)?;
    let policies = chosen_policies(args)?;
    let outages = read_outages(&args.outages, as_of, args.allow_extra_columns)?;
    // Policy files join the catalog policies named; with files and no --policy, the
    // files' policies alone are applied (no selection from the catalog).
    let files = |named: Vec<Policy>| input::add_policy_files(named, &args.policy_files);
    let batch = match policies {
        None if args.policy_files.is_empty() => Batch::selecting(outages),
        None => Batch::new(files(Vec::new())?, outages),
        Some(policies) if args.policies.is_empty() && args.policy_files.is_empty() => {
            Batch::selecting_from(policies, outages)
        }
        Some(_) if args.policies.is_empty() => Batch::new(files(Vec::new())?, outages),
        Some(policies) => Batch::new(files(policies)?, outages),
    };
    let mut batch = batch.with_as_of(as_of);
    if let Some(text) = &args.offer {
        batch = batch.with_offer(offer::read_offer(text)?);
    }
    note(&format!(
        "batch as of {} ({}); {} outage{} in {} area{}; policies: {}{}",
        as_of
            .with_timezone(&chrono::Utc)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
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
        },
        batch
            .offer()
            .map_or(String::new(), |p| format!("; offer: {}", p.id))
    ));

    let (blocks, header) = open_csv(&args.accounts, &columns::ACCOUNTS, args.allow_extra_columns)?;
    let mut out = plan.open()?;
    let (summary, seen, shortfalls) = match stream_accounts(
        args, &mut batch, blocks, &header, &mut out,
    ) {
        Ok(done) => done,
        Err(mut failure) => {
            if let (true, Some(path)) = (out.is_file(), &args.out) {
                failure.message = format!(
                    "{}\nredress: {}: left as it was (nothing is written unless the whole batch is)",
                    failure.message,
                    path.display()
                );
            }
            return Err(failure);
        }
    };
    out.commit()?;
    if let Some(report_plan) = report_plan {
        let page = report::html(&report::Report {
            as_of,
            outages: batch.outages(),
            shortfalls: &shortfalls,
            policies: batch.policies(),
            offer: batch.offer(),
        });
        report::write(report_plan, &page)?;
    }
    // Given the outages, so that a batch of no accounts still reports the outage areas
    // no account is in.
    let summary = summary.with_outages(batch.outages());
    // Standard error is unbuffered: written straight through, the table (a line per
    // area, padded a character at a time) would be a system call per character.
    let mut text = summary.to_string();
    if !shortfalls.is_empty() {
        text.push_str(&shortfalls.to_string());
    }
    if let Some(line) = seen.summary() {
        text.push_str(&line);
        text.push('\n');
    }
    // Like `eprint!`, a summary that cannot be shown does not fail the batch.
    let _ = io::stderr().lock().write_all(text.as_bytes());
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

/// A field's bytes as text without surrounding ASCII whitespace, or the row error.
fn field_text(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes.trim_ascii()).map_err(|_| "a field is not valid UTF-8".to_owned())
}

fn open(path: &Path) -> Result<File, Failure> {
    File::open(path)
        .map_err(|e| Failure::input(format!("{}: cannot read the file: {e}", path.display())))
}

/// The message for a row longer than the row limit, where reading stops.
fn too_long(path: &Path, line: u64, kind: &Kind) -> Failure {
    Failure::input(format!(
        "{}: line {line}: the row is longer than {ROW_LIMIT} bytes (1 MiB), the most a row \
         may hold, or has no line end; this is not a CSV file of {}, or it is damaged there. \
         Reading stopped at this line",
        path.display(),
        kind.file
    ))
}

/// Opens a batch file of `kind` and reads its header row, checked (see `columns.rs`);
/// returns the blocks of the rows after it, and the header.
fn open_csv(
    path: &Path,
    kind: &Kind,
    allow_extra: bool,
) -> Result<(Blocks<File>, Header), Failure> {
    let unreadable =
        |e: io::Error| Failure::input(format!("{}: cannot read the file: {e}", path.display()));
    let mut blocks = Blocks::new(open(path)?, block_bytes(), Limits::FILE).map_err(unreadable)?;
    let mut block = Block::default();
    let empty = || {
        Failure::input(format!(
            "{}: the file is empty; it needs a header row ({})",
            path.display(),
            kind.columns.join(",")
        ))
    };
    match blocks.header(&mut block) {
        Ok(true) => {}
        Ok(false) => return Err(empty()),
        Err(ReadError::TooLong { line }) => return Err(too_long(path, line, kind)),
        Err(ReadError::Io(e)) => return Err(unreadable(e)),
    }
    let mut read: Option<(u64, Result<Vec<String>, String>)> = None;
    Splitter::new(Limits::FILE).split(&block, |record, line| {
        let names = match record.fault() {
            Some((fault, i)) => Err(fault.reason(&format!("column {}", i + 1), Limits::FILE)),
            None => (0..record.len())
                .map(|i| record.field(Some(i)).map(str::to_owned))
                .collect(),
        };
        read.get_or_insert((line, names));
    });
    let Some((line, names)) = read else {
        return Err(empty());
    };
    let names = names.map_err(|reason| {
        Failure::input(format!(
            "{}: line {line}: the header row: {reason}",
            path.display()
        ))
    })?;
    let header = columns::check(path, line, names, kind, allow_extra)?;
    if !header.ignored.is_empty() {
        note(&format!(
            "{}: ignoring the column{} the batch does not read (--allow-extra-columns): {}",
            path.display(),
            plural(header.ignored.len() as u64),
            header.ignored.join(", ")
        ));
    }
    Ok((blocks, header))
}

/// Reads every outage row; any broken row stops the batch before anything is written
/// (an outage dropped would silently underpay a whole area), and every broken row is
/// listed (the first [`BROKEN_OUTAGES_SHOWN`], then a count).
fn read_outages(
    path: &Path,
    as_of: chrono::DateTime<chrono::FixedOffset>,
    allow_extra: bool,
) -> Result<OutageIndex, Failure> {
    let kind = &columns::OUTAGES;
    let (mut blocks, header) = open_csv(path, kind, allow_extra)?;
    let find = |column| header.find(kind, column);
    let (area, services, start) = (find("area"), find("services"), find("start"));
    let (end, customers, cause) = (find("end"), find("customers_affected"), find("cause"));
    let mut index = OutageIndex::new();
    let mut broken: Vec<String> = Vec::new();
    let mut count: u64 = 0;
    let mut splitter = Splitter::new(Limits::FILE);
    let mut block = Block::default();
    loop {
        let stop = match blocks.next(&mut block) {
            Ok(false) => break,
            Ok(true) => splitter.split(&block, |record, line| {
                let outage = || -> Result<AreaOutage, String> {
                    if let Some((fault, i)) = record.fault() {
                        return Err(fault.reason(&header.name(i), Limits::FILE));
                    }
                    let fields = OutageFields {
                        area: record.field(area)?,
                        services: record.field(services)?,
                        start: record.field(start)?,
                        end: record.field(end)?,
                        customers_affected: record.field(customers)?,
                        cause: record.field(cause)?,
                    };
                    AreaOutage::parse(&fields)
                        .and_then(|o| o.validate(Some(as_of)).map(|()| o))
                        .map_err(|e| e.to_string())
                };
                match outage() {
                    Ok(outage) => index.insert(outage),
                    Err(reason) => {
                        count += 1;
                        if broken.len() < BROKEN_OUTAGES_SHOWN {
                            broken.push(format!("{}: line {line}: {reason}", path.display()));
                        }
                    }
                }
            }),
            Err(ReadError::TooLong { line }) => Some(line),
            Err(ReadError::Io(e)) => {
                return Err(Failure::input(format!(
                    "{}: cannot read the file: {e}",
                    path.display()
                )))
            }
        };
        if let Some(line) = stop {
            count += 1;
            broken.push(too_long(path, line, kind).message);
            break;
        }
    }
    if count == 0 {
        return Ok(index);
    }
    let rest = count - broken.len() as u64;
    Err(Failure::input(format!(
        "{}: {count} outage row{} cannot be used; nothing was assessed or written, as an outage \
         left out would underpay its whole area. Fix {} and run again:\nredress: {}{}",
        path.display(),
        plural(count),
        if count == 1 { "it" } else { "them" },
        broken.join("\nredress: "),
        if rest > 0 {
            format!(
                "\nredress: {}: and {rest} more broken row{} (the first {BROKEN_OUTAGES_SHOWN} are listed)",
                path.display(),
                plural(rest)
            )
        } else {
            String::new()
        }
    )))
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

/// The bytes of `accounts.csv` per chunk handed to a worker (more when one record is
/// longer): large enough that handing over costs little, small enough that the workers
/// finish close together.
const BLOCK_BYTES: usize = 256 * 1024;

/// `BLOCK_BYTES`, or the value of the environment variable `REDRESS_BATCH_BLOCK_BYTES`
/// (tests set it small so that records cross many blocks).
fn block_bytes() -> usize {
    std::env::var("REDRESS_BATCH_BLOCK_BYTES")
        .ok()
        .and_then(|text| text.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(BLOCK_BYTES)
}

/// The first field of an output row, as the input had it (unquoted, without the mark
/// that keeps a spreadsheet from reading it as a formula).
fn first_field(row: &[u8]) -> String {
    let field = match row.strip_prefix(b"\"") {
        Some(quoted) => {
            let mut field = Vec::new();
            let mut rest = quoted;
            while let Some(q) = memchr::memchr(b'"', rest) {
                field.extend_from_slice(rest.get(..q).unwrap_or_default());
                if rest.get(q + 1) != Some(&b'"') {
                    break;
                }
                field.push(b'"');
                rest = rest.get(q + 2..).unwrap_or_default();
            }
            field
        }
        None => row
            .get(..memchr::memchr(b',', row).unwrap_or(row.len()))
            .unwrap_or_default()
            .to_vec(),
    };
    let field = String::from_utf8_lossy(&field).into_owned();
    match field.strip_prefix('\'') {
        Some(id) => id.to_owned(),
        None => field,
    }
}

/// Streams the accounts: read rows, assess them, write their rows, in input order.
///
/// The main thread only reads `accounts.csv`, in blocks of raw bytes cut at record
/// boundaries, and writes the finished chunks' output in order (noting the account ids
/// it has seen); one worker per core (each with its own clone of the batch) splits a
/// block into records, parses, assesses and formats them into a byte buffer. Chunks and
/// their buffers are recycled, and at most a few chunks per worker are in flight, so
/// memory stays flat however many accounts stream through (but for the ids' fingerprints,
/// 8 bytes an account).
fn stream_accounts(
    args: &BatchArgs,
    batch: &mut Batch,
    mut blocks: Blocks<File>,
    header: &Header,
    out: &mut output::Output,
) -> Result<(Summary, Seen, Shortfalls), Failure> {
    let path = args.accounts.as_path();
    let kind = &columns::ACCOUNTS;
    let find = |column| header.find(kind, column);
    // Required: `columns::check` has made sure of them.
    let required = |column| find(column).unwrap_or(usize::MAX);
    let writer = out.writer();
    let extended = batch.offer().is_some() || find("credited").is_some();
    let mut head = OUTPUT_COLUMNS.join(",");
    if extended {
        for column in offer::COLUMNS {
            head.push(',');
            head.push_str(column);
        }
    }
    head.push('\n');
    writer.write_all(head.as_bytes()).map_err(Failure::output)?;

    let bar = progress_bar(path);
    let file_bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    let ids: Vec<String> = if batch.selects() {
        Vec::new()
    } else {
        batch.policies().iter().map(|p| p.id.clone()).collect()
    };
    let rows = Rows {
        columns: AccountColumns {
            account: required("account"),
            region: find("region"),
            area: required("area"),
            currency: required("currency"),
            time_zone: required("time_zone"),
            billing_day: find("billing_day"),
            services: required("services"),
            credited: find("credited"),
        },
        ids: ids.iter().map(String::as_str).collect(),
        header,
        extended,
        tally: extended || args.report.is_some(),
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8));
    let in_flight_limit = 4 * workers;

    std::thread::scope(|scope| {
        let (work_tx, work_rx) = mpsc::sync_channel::<Chunk>(in_flight_limit);
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = mpsc::channel::<Done>();
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let work_rx = Arc::clone(&work_rx);
                let done_tx = done_tx.clone();
                let mut batch = batch.clone();
                let rows = &rows;
                scope.spawn(move || rows.work(&mut batch, &work_rx, &done_tx))
            })
            .collect();
        drop(done_tx);

        let mut summary = Summary::default();
        let mut shortfalls = Shortfalls::new(batch.outages());
        let mut seen = Seen::default();
        let mut errors_seen: u64 = 0;
        let mut free: Vec<Chunk> = Vec::new();
        let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
        let (mut sent, mut written) = (0u64, 0u64);
        let mut failure: Option<Failure> = None;
        let mut accounts: u64 = 0;
        let mut write_ready = |pending: &mut BTreeMap<u64, Done>,
                               written: &mut u64,
                               free: &mut Vec<Chunk>|
         -> Result<(), Failure> {
            while let Some(done) = pending.remove(written) {
                let chunk = &done.chunk;
                writer.write_all(&chunk.out).map_err(Failure::output)?;
                let say = |message: String| match &bar {
                    Some(bar) => bar.println(message),
                    None => eprintln!("{message}"),
                };
                for error in &done.errors {
                    errors_seen += 1;
                    if errors_seen <= ERRORS_SHOWN {
                        say(format!("redress: {}: {error}", path.display()));
                    } else if errors_seen == ERRORS_SHOWN + 1 {
                        say(format!(
                            "redress: {}: further errors are only in the output's error column",
                            path.display()
                        ));
                    }
                }
                if chunk.seq == 0 && chunk.block.end > 0 {
                    // The ids to expect, from the first block's rows and the file's size
                    // (a tenth more, for rows that run longer).
                    let expected =
                        chunk.records as f64 * file_bytes as f64 / chunk.block.end as f64 * 1.1;
                    seen.reserve((expected as usize).min(usize::MAX / 64));
                }
                for &(fingerprint, line, at) in &chunk.ids {
                    let row = chunk.out.get(at..).unwrap_or_default();
                    let shown_before = seen.shown.len();
                    if seen.add(fingerprint, line, || first_field(row))
                        && seen.shown.len() > shown_before
                    {
                        if let Some((id, _)) = seen.shown.last() {
                            say(format!(
                                "redress: {}: line {line}: account `{id}` is in an earlier row \
                                 too; both are assessed",
                                path.display()
                            ));
                        }
                        if seen.shown.len() == ids::REPEATS_SHOWN {
                            say(format!(
                                "redress: {}: further repeated account ids are only counted \
                                 in the summary",
                                path.display()
                            ));
                        }
                    }
                }
                accounts += chunk.records;
                if let Some(bar) = &bar {
                    bar.set_position(chunk.block.end);
                    bar.set_message(format!("{accounts} accounts"));
                }
                if let Some(line) = chunk.too_long {
                    return Err(too_long(path, line, kind));
                }
                *written += 1;
                free.push(done.chunk);
            }
            Ok(())
        };
        'read: loop {
            let mut chunk = free.pop().unwrap_or_default();
            chunk.seq = sent;
            let more = match blocks.next(&mut chunk.block) {
                Ok(more) => more,
                Err(ReadError::TooLong { line }) => {
                    failure = Some(too_long(path, line, kind));
                    false
                }
                Err(ReadError::Io(e)) => {
                    failure = Some(Failure::input(format!(
                        "{}: cannot read the file: {e}",
                        path.display()
                    )));
                    false
                }
            };
            let last = !more;
            if more {
                if work_tx.send(chunk).is_err() {
                    break 'read;
                }
                sent += 1;
            }
            // Write what is ready; wait while too many chunks are in flight.
            loop {
                let wait = sent - written >= in_flight_limit as u64 || (last && written < sent);
                let done = if wait {
                    match done_rx.recv() {
                        Ok(done) => Some(done),
                        Err(_) => break 'read,
                    }
                } else {
                    done_rx.try_recv().ok()
                };
                let Some(done) = done else { break };
                pending.insert(done.chunk.seq, done);
                if let Err(e) = write_ready(&mut pending, &mut written, &mut free) {
                    failure = Some(e);
                    break 'read;
                }
            }
            if last {
                break;
            }
        }
        drop(work_tx);
        for handle in handles {
            match handle.join() {
                Ok((part, short)) => {
                    summary.merge(part);
                    shortfalls.merge(short);
                }
                Err(_) => {
                    failure = failure.or(Some(Failure::other("a batch worker thread failed")))
                }
            }
        }
        if let Some(failure) = failure {
            return Err(failure);
        }
        if written < sent {
            return Err(Failure::other("a batch worker thread failed"));
        }
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        Ok((summary, seen, shortfalls))
    })
}

/// A block of raw account records for a worker, and the output it made of them.
#[derive(Default)]
struct Chunk {
    /// The chunk's place in the input.
    seq: u64,
    block: Block,
    /// The records the block held.
    records: u64,
    /// The chunk's output rows, as CSV.
    out: Vec<u8>,
    /// Each record with an account id: the id's fingerprint, the record's line, and
    /// where its rows start in `out`.
    ids: Vec<(u64, u64, usize)>,
    /// The line of a row longer than the row limit, where the chunk (and the batch) stops.
    too_long: Option<u64>,
}

/// A chunk a worker has finished: its output, and its row errors for stderr, in order.
struct Done {
    chunk: Chunk,
    errors: Vec<String>,
}

/// Where the account columns are.
struct AccountColumns {
    account: usize,
    region: Option<usize>,
    area: usize,
    currency: usize,
    time_zone: usize,
    billing_day: Option<usize>,
    services: usize,
    credited: Option<usize>,
}

/// What every worker shares: the columns, the policy ids of error rows, and the header
/// (to name a column in a row error).
struct Rows<'a> {
    columns: AccountColumns,
    ids: Vec<&'a str>,
    header: &'a Header,
    /// Whether rows end with the offered, credited and shortfall columns.
    extended: bool,
    /// Whether offered versus owed is added up (for the summary or the report).
    tally: bool,
}

impl Rows<'_> {
    /// A worker: takes chunks until there are none, returns its summary.
    fn work(
        &self,
        batch: &mut Batch,
        work: &Mutex<mpsc::Receiver<Chunk>>,
        done: &mpsc::Sender<Done>,
    ) -> (Summary, Shortfalls) {
        let shortfalls = Shortfalls::new(batch.outages());
        let mut worker = Worker {
            rows: self,
            batch,
            account: Account::default(),
            totals: Vec::new(),
            middles: Middles::default(),
            summary: Summary::default(),
            shortfalls,
        };
        let mut splitter = Splitter::new(Limits::FILE);
        let account = Some(self.columns.account);
        loop {
            let next = match work.lock() {
                Ok(receiver) => receiver.recv(),
                Err(_) => break,
            };
            let Ok(mut chunk) = next else { break };
            let mut out = std::mem::take(&mut chunk.out);
            out.clear();
            let mut ids = std::mem::take(&mut chunk.ids);
            ids.clear();
            let mut errors = Vec::new();
            let mut records = 0;
            chunk.too_long = splitter.split(&chunk.block, |record, line| {
                records += 1;
                let at = out.len();
                let id = record.field(account).unwrap_or("");
                if !id.is_empty() {
                    ids.push((ids::fingerprint(id), line, at));
                }
                if let Err(error) = worker.row(record, line, &mut out) {
                    errors.push(error);
                }
            });
            chunk.records = records;
            chunk.out = out;
            chunk.ids = ids;
            if done.send(Done { chunk, errors }).is_err() {
                break;
            }
        }
        (worker.summary, worker.shortfalls)
    }
}

/// One worker's state, reused from row to row.
struct Worker<'w> {
    rows: &'w Rows<'w>,
    batch: &'w mut Batch,
    account: Account,
    totals: Vec<PolicyTotal>,
    middles: Middles,
    summary: Summary,
    shortfalls: Shortfalls,
}

/// The `policy` of the one row of an account whose area has no outage: no policy was
/// applied, and the parentheses keep it from reading as a policy id.
const NO_OUTAGE_IN_AREA: &str = "(no outage in area)";

impl Worker<'_> {
    /// Reads, assesses and writes one account row to `out`; a row error is written to
    /// the output and returned, as "line N: reason", for stderr.
    fn row(&mut self, record: &Record<'_>, line: u64, out: &mut Vec<u8>) -> Result<(), String> {
        let c = &self.rows.columns;
        let header = self.rows.header;
        let read = || -> Result<AccountFields<'_>, String> {
            if let Some((fault, i)) = record.fault() {
                return Err(fault.reason(&header.name(i), Limits::FILE));
            }
            Ok(AccountFields {
                account: record.field(Some(c.account))?,
                region: record.field(c.region)?,
                area: record.field(Some(c.area))?,
                currency: record.field(Some(c.currency))?,
                time_zone: record.field(Some(c.time_zone))?,
                billing_day: record.field(c.billing_day)?,
                services: record.field(Some(c.services))?,
            })
        };
        let (account, totals) = (&mut self.account, &mut self.totals);
        let mut received = offer::Received::default();
        let outcome = read().and_then(|fields| {
            account.parse_into(&fields).map_err(|e| e.to_string())?;
            received.credited = offer::credited(record, c.credited, account.currency)?;
            let offered = (self.batch)
                .assess_with_offer_into(account, totals)
                .map_err(|e| e.to_string())?;
            received.offered = offer::offered(self.batch, account, offered);
            Ok(())
        });
        match outcome {
            Ok(()) => {
                let parsed = &self.account;
                let outages = self.batch.outages();
                if self.totals.is_empty() {
                    let zero = zero(parsed.currency);
                    // No policy was applied: nothing happened in the account's area, or
                    // (choosing from the catalog) no policy applies to it.
                    let policy = if outages.contains(&parsed.area) {
                        ""
                    } else {
                        NO_OUTAGE_IN_AREA
                    };
                    write_row(
                        out,
                        [
                            parsed.id.as_str(),
                            policy,
                            parsed.currency.code(),
                            zero.as_str(),
                            "false",
                            "",
                        ],
                    );
                    if self.rows.extended {
                        offer::end_row(out, received, Some(offer::zero(parsed.currency)));
                    }
                }
                for total in &self.totals {
                    let middle = self.middles.get(&total.policy, total.currency.code());
                    write_total_row(out, &parsed.id, middle, total);
                    if self.rows.extended {
                        offer::end_row(out, received, Some(total.total));
                    }
                }
                self.summary.add(outages, &parsed.area, &self.totals);
                if self.rows.tally {
                    let region = parsed.region.as_deref();
                    let (offered, credited) = (received.offered, received.credited);
                    (self.shortfalls).add(&parsed.area, region, &self.totals, offered, credited);
                }
                Ok(())
            }
            Err(reason) => {
                let error = format!("line {line}: {reason}");
                let raw_account = record.field(Some(c.account)).unwrap_or("");
                let raw_area = record.field(Some(c.area)).unwrap_or("");
                let raw_currency = record
                    .field(Some(c.currency))
                    .ok()
                    .and_then(|c| redress::Currency::new(c).ok())
                    .map(|c| c.code())
                    .unwrap_or("");
                let ids = &self.rows.ids;
                let policies: &[&str] = if ids.is_empty() { &[""] } else { ids };
                for policy in policies {
                    write_row(out, [raw_account, policy, raw_currency, "", "", &error]);
                    if self.rows.extended {
                        offer::end_row(out, received, None);
                    }
                }
                self.summary.add_error(self.batch.outages(), raw_area, ids);
                Err(error)
            }
        }
    }
}

/// The bytes between an assessed row's id and its total, `,policy,currency,`, each field
/// quoted as it needs: the same few for every row of a batch, so worked out once for each
/// policy and currency rather than for every row.
#[derive(Default)]
struct Middles {
    /// By policy (the batch's shared id) and currency code, both told apart by address:
    /// the same text at another address only adds an entry.
    entries: Vec<(Arc<str>, &'static str, Vec<u8>)>,
}

impl Middles {
    /// More pairs than this (only from a catalog far larger than any yet) start afresh,
    /// so memory stays flat.
    const MOST: usize = 256;

    fn get(&mut self, policy: &Arc<str>, code: &'static str) -> &[u8] {
        let found = self
            .entries
            .iter()
            .position(|(p, c, _)| Arc::ptr_eq(p, policy) && std::ptr::eq(*c, code));
        let at = found.unwrap_or_else(|| {
            if self.entries.len() >= Self::MOST {
                self.entries.clear();
            }
            let mut middle = vec![b','];
            write_field(&mut middle, policy.as_bytes());
            middle.push(b',');
            write_field(&mut middle, code.as_bytes());
            middle.push(b',');
            self.entries.push((Arc::clone(policy), code, middle));
            self.entries.len() - 1
        });
        self.entries.get(at).map_or(&[], |(_, _, middle)| middle)
    }
}

/// Appends an assessed account's row for one policy, `middle` its bytes from the comma
/// after the id to the one before the total (see [`Middles`]): what [`write_row`]
/// appends for it, with the total written straight into the row (no `String` between).
fn write_total_row(out: &mut Vec<u8>, id: &str, middle: &[u8], total: &PolicyTotal) {
    let start = out.len();
    write_id(out, id);
    out.extend_from_slice(middle);
    write_decimal(out, total.total);
    out.extend_from_slice(if total.automatic {
        b",true,\n"
    } else {
        b",false,\n"
    });
    if cfg!(debug_assertions) {
        let mut row = Vec::new();
        let amount = total.total.to_string();
        let automatic = if total.automatic { "true" } else { "false" };
        write_row(
            &mut row,
            [
                id,
                &total.policy,
                total.currency.code(),
                &amount,
                automatic,
                "",
            ],
        );
        debug_assert_eq!(out.get(start..), Some(row.as_slice()));
    }
}

/// Appends a decimal as its `Display` writes it (`14.50`, `-0.25`, `3`): the digits of
/// its mantissa with a point before the last `scale` of them. Only digits, `-` and `.`,
/// so never quoted. Done by hand because `Display` through `fmt::write` costs more than
/// the rest of writing the row.
fn write_decimal(out: &mut Vec<u8>, value: rust_decimal::Decimal) {
    let start = out.len();
    append_decimal(out, value);
    debug_assert_eq!(out.get(start..), Some(value.to_string().as_bytes()));
}

fn append_decimal(out: &mut Vec<u8>, value: rust_decimal::Decimal) {
    let scale = value.scale();
    let mantissa = value.mantissa().unsigned_abs();
    // Money: a mantissa and a power of ten for its scale that fit a `u64`. The text is
    // made right to left in one buffer (fraction, point, whole part, sign) and appended
    // at once.
    if let (Ok(n), Some(unit)) = (u64::try_from(mantissa), 10u64.checked_pow(scale)) {
        let mut text = [0u8; 48];
        let mut at = text.len();
        let mut put = |byte: u8| {
            at -= 1;
            if let Some(slot) = text.get_mut(at) {
                *slot = byte;
            }
        };
        if scale > 0 {
            let mut fraction = n % unit;
            for _ in 0..scale {
                put(b'0' + (fraction % 10) as u8);
                fraction /= 10;
            }
            put(b'.');
        }
        let mut whole = n / unit;
        loop {
            put(b'0' + (whole % 10) as u8);
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        if value.is_sign_negative() {
            put(b'-');
        }
        out.extend_from_slice(text.get(at..).unwrap_or_default());
        return;
    }
    let scale = scale as usize;
    let mut digits = [0u8; 40];
    let mut at = digits.len();
    let mut n = mantissa;
    while n > 0 || digits.len() - at <= scale {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
    }
    if value.is_sign_negative() {
        out.push(b'-');
    }
    let text = digits.get(at..).unwrap_or_default();
    let (whole, fraction) = text.split_at(text.len() - scale);
    out.extend_from_slice(whole);
    if scale > 0 {
        out.push(b'.');
        out.extend_from_slice(fraction);
    }
}

/// Appends one field as CSV, quoted when it holds a comma, a quote or a line break.
#[inline]
fn write_field(out: &mut Vec<u8>, bytes: &[u8]) {
    if needs_quotes(bytes) {
        out.push(b'"');
        for &b in bytes {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(bytes);
    }
}

/// Whether a field holds a byte that makes the `csv` crate quote it: `,` `"` `\r` `\n`.
/// All four are below `-` (0x2D), so eight bytes at a time are first tested for any byte
/// below it (exactly: a word has a mark only if one of its bytes is below), and the few
/// fields with one (a space, `!`, ...) are then looked at byte by byte.
fn needs_quotes(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES * 0x80;
    let mut words = bytes.chunks_exact(8);
    let mut low = false;
    for word in &mut words {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(word).unwrap_or([0xFF; 8]));
        low |= word.wrapping_sub(ONES * 0x2D) & !word & HIGHS != 0;
    }
    low |= words.remainder().iter().any(|&b| b < 0x2D);
    low && bytes
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
}

/// Appends an account id as a field: marked with a `'` first when a spreadsheet could
/// take it for a formula (see [`ids::spreadsheet_safe`]), quoted as it needs.
#[inline]
fn write_id(out: &mut Vec<u8>, id: &str) {
    if ids::needs_mark(id.as_bytes()) {
        write_field(out, ids::spreadsheet_safe(id).as_bytes());
    } else {
        write_field(out, id.as_bytes());
    }
}

/// Appends one output row, its first field an account id: as the `csv` crate's writer
/// writes it by default (a field holding a comma, a quote or a line break is quoted, its
/// quotes doubled; rows end with `\n`), the id marked as [`write_id`] marks it. Written
/// straight into the chunk's buffer, field by field.
fn write_row(out: &mut Vec<u8>, fields: [&str; 6]) {
    for (i, field) in fields.iter().enumerate() {
        if i == 0 {
            write_id(out, field);
        } else {
            out.push(b',');
            write_field(out, field.as_bytes());
        }
    }
    out.push(b'\n');
}

/// "0.00" in a currency's minor units.
fn zero(currency: redress::Currency) -> String {
    let mut zero = rust_decimal::Decimal::ZERO;
    zero.rescale(currency.minor_units());
    zero.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use redress::Currency;
    use rust_decimal::Decimal;

    fn decimal() -> impl Strategy<Value = Decimal> {
        (
            prop_oneof![0u128..100_000, 0u128..(1 << 64), 0u128..(1 << 96)],
            any::<bool>(),
            prop_oneof![Just(2u32), 0u32..=28],
        )
            .prop_map(|(mantissa, negative, scale)| {
                let mut d = Decimal::from_i128_with_scale(mantissa as i128, scale);
                d.set_sign_negative(negative);
                d
            })
    }

    /// The row as the `csv` crate's writer writes it.
    fn csv_row(fields: [&str; 6]) -> Vec<u8> {
        let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
        writer.write_record(fields).unwrap();
        writer.into_inner().unwrap()
    }

    proptest! {
        #[test]
        fn a_decimal_is_written_as_display_writes_it(value in decimal()) {
            let mut out = b"x".to_vec();
            append_decimal(&mut out, value);
            prop_assert_eq!(String::from_utf8(out).unwrap(), format!("x{value}"));
        }

        #[test]
        fn fields_are_quoted_as_the_csv_crate_quotes_them(
            id in "[ -~]{0,20}|A-[0-9]{7}|[a,\"\r\n ]{0,12}|[=+@'-][ -~]{0,8}",
            policy in "[a-z-]{1,30}|[a, \"]{1,5}",
            total in decimal(),
            automatic in any::<bool>(),
        ) {
            let total = PolicyTotal::new(policy.as_str().into(), Currency::GBP, total, automatic, true);
            let mut middles = Middles::default();
            let mut out = Vec::new();
            for _ in 0..2 {
                let middle = middles.get(&total.policy, total.currency.code());
                write_total_row(&mut out, &id, middle, &total);
            }
            let amount = total.total.to_string();
            let automatic = if automatic { "true" } else { "false" };
            let row = csv_row([&ids::spreadsheet_safe(&id), &policy, "GBP", &amount, automatic, ""]);
            prop_assert_eq!(out, [row.as_slice(), row.as_slice()].concat());
        }

        #[test]
        fn the_quick_quote_test_is_the_byte_by_byte_one(field in proptest::collection::vec(any::<u8>(), 0..40)) {
            let naive = field.iter().any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
            prop_assert_eq!(needs_quotes(&field), naive);
        }
    }
}
