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

mod blocks;
mod rows;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::Path;
use std::sync::{mpsc, Arc, Mutex};

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use csv::{ByteRecord, ReaderBuilder};
use indicatif::{ProgressBar, ProgressStyle};
use redress::batch::{
    Account, AccountFields, AreaOutage, Batch, OutageFields, OutageIndex, PolicyTotal, Summary,
};

use self::blocks::{Block, Blocks, Recorded};
use self::rows::{Record, Splitter};
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

    // Given the outages, so that a batch of no accounts still reports the outage areas
    // no account is in.
    let summary = stream_accounts(args, &mut batch)?.with_outages(batch.outages());
    // Standard error is unbuffered: written straight through, the table (a line per
    // area, padded a character at a time) would be a system call per character.
    let text = summary.to_string();
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

/// One field of a record as text, without surrounding ASCII whitespace ("" when the
/// column is absent or the row short). Trimmed here rather than by the reader, whose
/// trimming copies every record into a new one.
fn field(record: &ByteRecord, index: Option<usize>) -> Result<&str, String> {
    match index.and_then(|i| record.get(i)) {
        None => Ok(""),
        Some(bytes) => field_text(bytes),
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

fn open_reader(path: &Path) -> Result<(csv::Reader<File>, Columns), Failure> {
    read_header(path, open(path)?)
}

/// A reader of `source` that has read the header row, and the columns it names.
fn read_header<R: Read>(path: &Path, source: R) -> Result<(csv::Reader<R>, Columns), Failure> {
    let mut reader = ReaderBuilder::new().flexible(true).from_reader(source);
    let header = reader
        .byte_headers()
        .map_err(|e| Failure::input(format!("{}: cannot read the header: {e}", path.display())))?
        .clone();
    if header.is_empty() || header.iter().all(|f| f.trim_ascii().is_empty()) {
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

/// Streams the accounts: read rows, assess them, write their rows, in input order.
///
/// The main thread only reads `accounts.csv`, in blocks of raw bytes cut at record
/// boundaries, and writes the finished chunks' output in order; one worker per core
/// (each with its own clone of the batch) splits a block into records, parses, assesses
/// and formats them into a byte buffer. Chunks and their buffers are recycled, and at
/// most a few chunks per worker are in flight, so memory stays flat however many
/// accounts stream through.
fn stream_accounts(args: &BatchArgs, batch: &mut Batch) -> Result<Summary, Failure> {
    let path = args.accounts.as_path();
    let (reader, columns) = read_header(path, Recorded::new(open(path)?))?;
    let [account, area, currency, time_zone, services] = columns.require(
        path,
        ["account", "area", "currency", "time_zone", "services"],
    )?;
    let (region, billing_day) = (columns.find("region"), columns.find("billing_day"));
    let mut writer = csv::WriterBuilder::new().from_writer(output(args.out.as_deref())?);
    writer.write_record(OUTPUT_COLUMNS).map_err(csv_failure)?;
    let mut writer = writer
        .into_inner()
        .map_err(|e| Failure::output(e.into_error()))?;

    let bar = progress_bar(path);
    let ids: Vec<String> = if batch.selects() {
        Vec::new()
    } else {
        batch.policies().iter().map(|p| p.id.clone()).collect()
    };
    let rows = Rows {
        columns: AccountColumns {
            account,
            region,
            area,
            currency,
            time_zone,
            billing_day,
            services,
        },
        ids: ids.iter().map(String::as_str).collect(),
    };
    let mut blocks = Blocks::after_header(reader, block_bytes());
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
                writer.write_all(&done.chunk.out).map_err(Failure::output)?;
                for error in &done.errors {
                    errors_seen += 1;
                    let message = if errors_seen <= ERRORS_SHOWN {
                        format!("redress: {}: {error}", path.display())
                    } else if errors_seen == ERRORS_SHOWN + 1 {
                        format!(
                            "redress: {}: further errors are only in the output's error column",
                            path.display()
                        )
                    } else {
                        continue;
                    };
                    match &bar {
                        Some(bar) => bar.println(message),
                        None => eprintln!("{message}"),
                    }
                }
                accounts += done.chunk.records;
                if let Some(bar) = &bar {
                    bar.set_position(done.chunk.block.end);
                    bar.set_message(format!("{accounts} accounts"));
                }
                *written += 1;
                free.push(done.chunk);
            }
            Ok(())
        };
        'read: loop {
            let mut chunk = free.pop().unwrap_or_default();
            chunk.seq = sent;
            let more = blocks.next(&mut chunk.block).unwrap_or_else(|e| {
                failure = Some(Failure::input(format!("{}: {e}", path.display())));
                false
            });
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
                    failure = failure.or(Some(e));
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
                Ok(part) => summary.merge(part),
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
        writer.flush().map_err(Failure::output)?;
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        Ok(summary)
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
}

/// What every worker shares: the columns and the policy ids of error rows.
struct Rows<'a> {
    columns: AccountColumns,
    ids: Vec<&'a str>,
}

impl Rows<'_> {
    /// A worker: takes chunks until there are none, returns its summary.
    fn work(
        &self,
        batch: &mut Batch,
        work: &Mutex<mpsc::Receiver<Chunk>>,
        done: &mpsc::Sender<Done>,
    ) -> Summary {
        let mut worker = Worker {
            rows: self,
            batch,
            account: Account::default(),
            totals: Vec::new(),
            middles: Middles::default(),
            summary: Summary::default(),
        };
        let mut splitter = Splitter::new();
        loop {
            let next = match work.lock() {
                Ok(receiver) => receiver.recv(),
                Err(_) => break,
            };
            let Ok(mut chunk) = next else { break };
            let mut out = std::mem::take(&mut chunk.out);
            out.clear();
            let mut errors = Vec::new();
            let mut records = 0;
            splitter.split(chunk.block.bytes(), chunk.block.lines, |record, line| {
                records += 1;
                if let Err(error) = worker.row(record, line, &mut out) {
                    errors.push(error);
                }
            });
            chunk.records = records;
            chunk.out = out;
            if done.send(Done { chunk, errors }).is_err() {
                break;
            }
        }
        worker.summary
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
}

/// The `policy` of the one row of an account whose area has no outage: no policy was
/// applied, and the parentheses keep it from reading as a policy id.
const NO_OUTAGE_IN_AREA: &str = "(no outage in area)";

impl Worker<'_> {
    /// Reads, assesses and writes one account row to `out`; a row error is written to
    /// the output and returned, as "line N: reason", for stderr.
    fn row(&mut self, record: &Record<'_>, line: u64, out: &mut Vec<u8>) -> Result<(), String> {
        let c = &self.rows.columns;
        let read = || -> Result<AccountFields<'_>, String> {
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
        let outcome = read().and_then(|fields| {
            account.parse_into(&fields).map_err(|e| e.to_string())?;
            self.batch
                .assess_into(account, totals)
                .map_err(|e| e.to_string())
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
                }
                for total in &self.totals {
                    let middle = self.middles.get(&total.policy, total.currency.code());
                    write_total_row(out, &parsed.id, middle, total);
                }
                self.summary.add(outages, &parsed.area, &self.totals);
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
    write_field(out, id.as_bytes());
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

/// Appends one output row as CSV, as the `csv` crate's writer writes it by default: a
/// field holding a comma, a quote or a line break is quoted, its quotes doubled;
/// rows end with `\n`. Written straight into the chunk's buffer, field by field.
fn write_row(out: &mut Vec<u8>, fields: [&str; 6]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_field(out, field.as_bytes());
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
            id in "[ -~]{0,20}|A-[0-9]{7}|[a,\"\r\n ]{0,12}",
            policy in "[a-z-]{1,30}|[a, \"]{1,5}",
            total in decimal(),
            automatic in any::<bool>(),
        ) {
            let total = PolicyTotal {
                policy: policy.as_str().into(),
                currency: Currency::GBP,
                total,
                automatic,
                applies: true,
            };
            let mut middles = Middles::default();
            let mut out = Vec::new();
            for _ in 0..2 {
                let middle = middles.get(&total.policy, total.currency.code());
                write_total_row(&mut out, &id, middle, &total);
            }
            let amount = total.total.to_string();
            let automatic = if automatic { "true" } else { "false" };
            let row = csv_row([&id, &policy, "GBP", &amount, automatic, ""]);
            prop_assert_eq!(out, [row.as_slice(), row.as_slice()].concat());
        }

        #[test]
        fn the_quick_quote_test_is_the_byte_by_byte_one(field in proptest::collection::vec(any::<u8>(), 0..40)) {
            let naive = field.iter().any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
            prop_assert_eq!(needs_quotes(&field), naive);
        }
    }
}
