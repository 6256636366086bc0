//! Records split out of a block of a batch's CSV file (see `docs/batch.md`, "Reading
//! the files"), on a worker thread for `accounts.csv`.
//!
//! Fields are split at `,`; a record ends at a line end (`\n`, `\r\n` or a lone `\r`);
//! empty lines are skipped; a field that starts with `"` is quoted, may hold commas and
//! line ends, and writes a quote as `""`; a last record without a line end is read.
//! Where the `csv` crate guesses, these rules refuse (a *fault*: an error for that row):
//!
//! - a `"` inside a field that does not start with one;
//! - anything but a comma or a line end after a quoted field's closing quote;
//! - a quoted field not closed before the end of the file, or within [`FIELD_LIMIT`];
//! - a field longer than [`FIELD_LIMIT`].
//!
//! After a fault in a quote (all but the last kind) the row ends at the first line end
//! after the quote at fault, so that a stray quote costs at most its own row: the next
//! row is read from the next line. A row longer than [`ROW_LIMIT`] stops the file's
//! reading altogether (no CSV file of accounts has one; following it would need
//! unbounded memory).
//!
//! [`scan_record`] is the one statement of these rules: the block reader (`blocks.rs`)
//! uses it to cut blocks where records end, and [`Splitter`] to read the rare records
//! that hold a quote. Records without one (nearly all) are split by a quicker path that
//! agrees with it.

use super::blocks::Block;

/// The most bytes a field may hold, as written in the file (a quoted field's quotes
/// included): 64 KiB.
pub const FIELD_LIMIT: usize = 64 * 1024;

/// The most bytes a row may hold, from its first byte to its line end (not included):
/// 1 MiB.
pub const ROW_LIMIT: usize = 1024 * 1024;

/// The limits a reader keeps: [`FIELD_LIMIT`] and [`ROW_LIMIT`] for the files, smaller
/// in unit tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub field: usize,
    pub row: usize,
}

impl Limits {
    /// The limits of the files a batch reads.
    pub const FILE: Limits = Limits {
        field: FIELD_LIMIT,
        row: ROW_LIMIT,
    };
}

/// Why a row could not be split into its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// A `"` inside a field that does not start with one.
    StrayQuote,
    /// Something other than a comma or a line end after a quoted field's closing quote.
    AfterQuote,
    /// A quoted field not closed before the end of the file.
    Unclosed,
    /// A quoted field not closed within the field limit.
    QuotedTooLong,
    /// A field longer than the field limit (the row keeps its extent).
    FieldTooLong,
}

impl Fault {
    /// Whether the fault is in a quote, so that the row ends at the first line end after
    /// that quote (all but [`Fault::FieldTooLong`]).
    pub fn in_quote(self) -> bool {
        !matches!(self, Fault::FieldTooLong)
    }

    /// The row error, for the field named `column`.
    pub fn reason(self, column: &str, limits: Limits) -> String {
        let field = limits.field;
        match self {
            Fault::StrayQuote => format!(
                "{column}: a `\"` inside a field that does not start with one; to write a \
                 quote in a field, put the whole field in quotes and double the quote \
                 (\"12\"\" screen\"); the row was read up to the end of its line"
            ),
            Fault::AfterQuote => format!(
                "{column}: text after the closing quote of a quoted field; a quoted field \
                 ends with `\"` and then a comma or the line end, and a quote inside it is \
                 written twice (\"12\"\" screen\"); the row was read up to the end of the \
                 line where the quoted field starts"
            ),
            Fault::Unclosed => format!(
                "{column}: a quoted field is not closed before the end of the file; end it \
                 with `\"`, or remove the `\"` that opens it; the row was read up to the end \
                 of the line where the quoted field starts"
            ),
            Fault::QuotedTooLong => format!(
                "{column}: a quoted field is not closed within {field} bytes, the most a \
                 field may hold; end it with `\"`, or remove the `\"` that opens it; the row \
                 was read up to the end of the line where the quoted field starts"
            ),
            Fault::FieldTooLong => {
                format!(
                    "{column}: the field is longer than {field} bytes, the most a field may hold"
                )
            }
        }
    }
}

/// What [`scan_record`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scan {
    /// The record ends just before `end`: past its line end's first byte, or at the end
    /// of the bytes when they end the file. `fault` is its first fault, if any, and the
    /// index of the field at fault.
    Ends {
        end: usize,
        fault: Option<(Fault, usize)>,
    },
    /// The bytes end before the record does: more are needed.
    More,
    /// The record is longer than the row limit, whatever follows.
    TooLong,
}

/// Finds where the record that starts at `start` (not a line end) ends, by the rules of
/// the module's head; `eof` says whether `bytes` end the file.
///
/// The raw range of each field read whole (a quoted field with its quotes) goes to
/// `fields`; after a fault in a quote, only the fields before the one at fault.
///
/// More bytes are asked for only while they could change the answer, and never more than
/// the row limit and the field limit after `start`: a record with no end within them is
/// [`Scan::TooLong`].
pub fn scan_record(
    bytes: &[u8],
    start: usize,
    eof: bool,
    limits: Limits,
    fields: &mut Vec<(usize, usize)>,
) -> Scan {
    fields.clear();
    let len = bytes.len();
    // The record's line end is at `line_end` (or the file ends there): its length is
    // `line_end - start`.
    let ends = |line_end: usize, end: usize, fault: Option<(Fault, usize)>| {
        if line_end - start > limits.row {
            Scan::TooLong
        } else {
            Scan::Ends { end, fault }
        }
    };
    let mut soft: Option<(Fault, usize)> = None;
    let mut i = start;
    loop {
        if bytes.get(i) == Some(&b'"') {
            // A quoted field: its closing quote is the first lone `"` within the limit.
            let window = len.min(i.saturating_add(limits.field));
            let mut j = i + 1;
            let close = loop {
                let found = bytes
                    .get(j..window)
                    .and_then(|rest| memchr::memchr(b'"', rest));
                let Some(k) = found else { break None };
                let c = j + k;
                match bytes.get(c + 1) {
                    Some(b'"') => j = c + 2,
                    None if !eof => return more(bytes, start, i, limits),
                    _ => break Some(c),
                }
            };
            let Some(c) = close else {
                let fault = if len >= i.saturating_add(limits.field) {
                    Fault::QuotedTooLong
                } else if eof {
                    Fault::Unclosed
                } else {
                    return more(bytes, start, i, limits);
                };
                return resume(bytes, start, i, eof, limits, (fault, fields.len()));
            };
            match bytes.get(c + 1) {
                Some(b',') => {
                    fields.push((i, c + 1));
                    i = c + 2;
                }
                Some(b'\n' | b'\r') => {
                    fields.push((i, c + 1));
                    return ends(c + 1, c + 2, soft);
                }
                None => {
                    fields.push((i, c + 1));
                    return ends(len, len, soft);
                }
                Some(_) => {
                    return resume(
                        bytes,
                        start,
                        i,
                        eof,
                        limits,
                        (Fault::AfterQuote, fields.len()),
                    )
                }
            }
        } else {
            // An unquoted field: up to a comma or a line end; a quote in it is a fault.
            let mut k = i;
            loop {
                match bytes.get(k) {
                    None => {
                        if !eof {
                            return more(bytes, start, i, limits);
                        }
                        note_long(&mut soft, i, k, fields.len(), limits);
                        fields.push((i, k));
                        return ends(len, len, soft);
                    }
                    Some(b',') => {
                        note_long(&mut soft, i, k, fields.len(), limits);
                        fields.push((i, k));
                        i = k + 1;
                        break;
                    }
                    Some(b'\n' | b'\r') => {
                        note_long(&mut soft, i, k, fields.len(), limits);
                        fields.push((i, k));
                        return ends(k, k + 1, soft);
                    }
                    Some(b'"') => {
                        return resume(
                            bytes,
                            start,
                            k,
                            eof,
                            limits,
                            (Fault::StrayQuote, fields.len()),
                        )
                    }
                    Some(_) => k += 1,
                }
            }
        }
    }
}

/// Records a field from `from` to `to` that is longer than the limit, unless the row
/// already has a fault.
fn note_long(
    soft: &mut Option<(Fault, usize)>,
    from: usize,
    to: usize,
    field: usize,
    limits: Limits,
) {
    if soft.is_none() && to - from > limits.field {
        *soft = Some((Fault::FieldTooLong, field));
    }
}

/// A record with a fault in the quote at `quote`: it ends at the first line end after it.
fn resume(
    bytes: &[u8],
    start: usize,
    quote: usize,
    eof: bool,
    limits: Limits,
    fault: (Fault, usize),
) -> Scan {
    let len = bytes.len();
    let line_end = bytes
        .get(quote..)
        .and_then(|rest| memchr::memchr2(b'\n', b'\r', rest))
        .map(|k| quote + k);
    let (line_end, end) = match line_end {
        Some(at) => (at, at + 1),
        None if eof => (len, len),
        None => return more(bytes, start, quote, limits),
    };
    if line_end - start > limits.row {
        Scan::TooLong
    } else {
        Scan::Ends {
            end,
            fault: Some(fault),
        }
    }
}

/// More bytes are needed to finish the record that starts at `start`, read as far as
/// `from`: unless every way it can end (past the bytes, or at a fault's line end, the
/// first after `from`) makes it longer than the row limit.
fn more(bytes: &[u8], start: usize, from: usize, limits: Limits) -> Scan {
    let len = bytes.len();
    let first_line_end = bytes
        .get(from..)
        .and_then(|rest| memchr::memchr2(b'\n', b'\r', rest))
        .map_or(len, |k| from + k);
    if first_line_end - start > limits.row {
        Scan::TooLong
    } else {
        Scan::More
    }
}

/// One record: its fields, each a range of `bytes`, and its fault if it has one.
pub struct Record<'a> {
    bytes: &'a [u8],
    /// `bytes` as text, when it is all valid UTF-8 (then every field is text too).
    text: Option<&'a str>,
    fields: &'a [(usize, usize)],
    /// The record's fault and the index of the field at fault: `fields` then holds only
    /// the fields before it.
    fault: Option<(Fault, usize)>,
}

impl<'a> Record<'a> {
    /// A field as text without surrounding ASCII whitespace ("" when the column is absent
    /// or the row short).
    ///
    /// Always inlined: a row reads seven fields, and as a call, with its `Result` returned
    /// through memory, each cost twice what finding it inline does.
    #[inline(always)]
    pub fn field(&self, index: Option<usize>) -> Result<&'a str, String> {
        let Some(&(start, end)) = index.and_then(|i| self.fields.get(i)) else {
            return Ok("");
        };
        if let Some(text) = self.text.and_then(|text| text.get(start..end)) {
            // Nearly every field starts and ends with a visible byte: nothing to trim.
            return Ok(match (text.as_bytes().first(), text.as_bytes().last()) {
                (Some(&first), Some(&last)) if first > b' ' && last > b' ' => text,
                _ => text.trim_ascii(),
            });
        }
        super::field_text(self.bytes.get(start..end).unwrap_or_default())
    }

    /// The number of fields read.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// The record's fault and the index of the field at fault.
    pub fn fault(&self) -> Option<(Fault, usize)> {
        self.fault
    }

    /// A field's bytes as read (unquoted, not trimmed).
    #[cfg(test)]
    fn raw(&self, index: usize) -> Option<&'a [u8]> {
        let &(start, end) = self.fields.get(index)?;
        self.bytes.get(start..end)
    }
}

/// Splits blocks into records; one per worker, its buffers reused from record to record.
pub struct Splitter {
    limits: Limits,
    /// The current record's fields.
    fields: Vec<(usize, usize)>,
    /// A quoted record's raw fields, as [`scan_record`] finds them.
    raw: Vec<(usize, usize)>,
    /// A quoted record's fields, unquoted, one after another.
    unquoted: Vec<u8>,
}

impl Splitter {
    pub fn new(limits: Limits) -> Splitter {
        Splitter {
            limits,
            fields: Vec::new(),
            raw: Vec::new(),
            unquoted: Vec::new(),
        }
    }

    /// Calls `each` with every record in `block` and the line it starts on, in order.
    /// Returns the line of a row longer than the row limit, where reading stops.
    ///
    /// A record's line is 1 + the line breaks before its first byte, a line break being
    /// `\r\n`, `\n` or a lone `\r`.
    pub fn split(&mut self, block: &Block, mut each: impl FnMut(&Record<'_>, u64)) -> Option<u64> {
        let bytes = block.bytes();
        // One UTF-8 check for the whole block; its fields are then slices of this text.
        let text = std::str::from_utf8(bytes).ok();
        let mut at = 0;
        let mut line = block.lines.start;
        let mut after_cr = block.lines.after_cr;
        loop {
            // Empty lines: skipped, but counted (the `\n` of a `\r\n` is not a break of
            // its own).
            while let Some(&b) = bytes.get(at) {
                match b {
                    b'\n' => line += u64::from(!after_cr),
                    b'\r' => line += 1,
                    _ => break,
                }
                after_cr = b == b'\r';
                at += 1;
            }
            if at >= bytes.len() {
                return None;
            }
            match self.plain(bytes, at) {
                Some(end) => {
                    if end - at > self.limits.row {
                        return Some(line);
                    }
                    let fault = if end - at > self.limits.field {
                        self.long_field()
                    } else {
                        None
                    };
                    if let Some((_, field)) = fault {
                        self.fields.truncate(field);
                    }
                    let record = Record {
                        bytes,
                        text,
                        fields: &self.fields,
                        fault,
                    };
                    each(&record, line);
                    if let Some(&b) = bytes.get(end) {
                        line += 1;
                        after_cr = b == b'\r';
                    }
                    at = end + 1;
                }
                None => {
                    let Scan::Ends { end, fault } =
                        scan_record(bytes, at, true, self.limits, &mut self.raw)
                    else {
                        return Some(line);
                    };
                    // A quote not closed within the block: the block reader, which saw
                    // past it, knows why.
                    let fault = match fault {
                        Some((Fault::Unclosed, field)) => {
                            Some((block.fault_at(at).unwrap_or(Fault::Unclosed), field))
                        }
                        other => other,
                    };
                    if let Some((_, field)) = fault {
                        self.raw.truncate(field);
                    }
                    self.unquote(bytes);
                    let unquoted = self.unquoted.as_slice();
                    let record = Record {
                        bytes: unquoted,
                        text: std::str::from_utf8(unquoted).ok(),
                        fields: &self.fields,
                        fault,
                    };
                    each(&record, line);
                    for &b in bytes.get(at..end).unwrap_or_default() {
                        match b {
                            b'\r' => line += 1,
                            b'\n' => line += u64::from(!after_cr),
                            _ => {}
                        }
                        after_cr = b == b'\r';
                    }
                    at = end;
                }
            }
        }
    }

    /// The first field of the current record longer than the field limit.
    #[cold]
    fn long_field(&self) -> Option<(Fault, usize)> {
        self.fields
            .iter()
            .position(|&(from, to)| to - from > self.limits.field)
            .map(|i| (Fault::FieldTooLong, i))
    }

    /// The fields of `self.raw`, unquoted, into `self.unquoted`, their ranges into
    /// `self.fields`.
    fn unquote(&mut self, bytes: &[u8]) {
        self.unquoted.clear();
        self.fields.clear();
        for &(from, to) in &self.raw {
            let start = self.unquoted.len();
            let raw = bytes.get(from..to).unwrap_or_default();
            match raw.strip_prefix(b"\"").and_then(|r| r.strip_suffix(b"\"")) {
                Some(inner) => {
                    let mut rest = inner;
                    while let Some(q) = memchr::memchr(b'"', rest) {
                        // Inside a well-formed quoted field every quote is doubled.
                        self.unquoted
                            .extend_from_slice(rest.get(..=q).unwrap_or_default());
                        rest = rest.get(q + 2..).unwrap_or_default();
                    }
                    self.unquoted.extend_from_slice(rest);
                }
                None => self.unquoted.extend_from_slice(raw),
            }
            self.fields.push((start, self.unquoted.len()));
        }
    }

    /// Splits the record at `start` when it has no `"`: its fields go to `self.fields`
    /// and the position of the byte that ends it (a line end, or the block's end) is
    /// returned. None when a `"` comes first: the record is then read by [`scan_record`].
    ///
    /// The bytes are looked at eight at a time: see `candidates`. Always inlined, as it
    /// was before the rows' limits made `split` longer: a call a row costs a tenth more.
    #[inline(always)]
    fn plain(&mut self, block: &[u8], start: usize) -> Option<usize> {
        self.fields.clear();
        let mut from = start;
        let mut word = start;
        loop {
            let mut candidates = candidates(block, word);
            while candidates != 0 {
                let at = word + (candidates.trailing_zeros() / 8) as usize;
                candidates &= candidates - 1;
                // Tested in the order of their counts: a comma ends most fields.
                let b = block.get(at).copied();
                if b == Some(b',') {
                    self.fields.push((from, at));
                    from = at + 1;
                } else if b == Some(b'\n') || b == Some(b'\r') {
                    self.fields.push((from, at));
                    return Some(at);
                } else if b == Some(b'"') {
                    return None;
                }
            }
            word += 8;
            if word >= block.len() {
                self.fields.push((from, block.len()));
                return Some(block.len());
            }
        }
    }
}

/// Eight copies of a byte value of 1.
const ONES: u64 = u64::from_le_bytes([1; 8]);
/// The high bit of each of eight bytes.
const HIGHS: u64 = ONES * 0x80;

/// The high bit of each of the eight bytes at `at` that may split records or fields.
///
/// The four bytes that do (`,` `"` `\r` `\n`) are all below `-` (0x2D), so one
/// subtraction marks every byte below it, and a word without a mark (most) holds none
/// of them. A borrow from a marked byte can also mark the byte after it, so marks are
/// checked one by one. Bytes past the end count as 0xFF, never marked.
#[inline]
fn candidates(bytes: &[u8], at: usize) -> u64 {
    let word = match bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        Some(eight) => u64::from_le_bytes(*eight),
        None => last_word(bytes, at),
    };
    word.wrapping_sub(ONES * 0x2D) & !word & HIGHS
}

/// The bytes from `at` to the end of `bytes`, fewer than eight, padded with 0xFF: once
/// a block, so kept out of the way of the usual eight.
#[cold]
fn last_word(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0xFF; 8];
    for (to, &from) in word.iter_mut().zip(bytes.get(at..).unwrap_or_default()) {
        *to = from;
    }
    u64::from_le_bytes(word)
}

#[cfg(test)]
mod tests {
    use super::super::blocks::{Blocks, ReadError};
    use super::*;
    use proptest::prelude::*;
    use std::io::Read;

    /// What a file reads as: its rows, each with its line, fields and fault, and where a
    /// row too long stops it.
    #[derive(Debug, PartialEq, Eq)]
    enum Item {
        Row {
            line: u64,
            fields: Vec<Vec<u8>>,
            fault: Option<(Fault, usize)>,
        },
        TooLong {
            line: u64,
        },
    }

    /// The rules of the module's head, read byte by byte from the whole file: the
    /// reference the block reader and the splitter must agree with.
    fn reference(file: &[u8], limits: Limits) -> Vec<Item> {
        let len = file.len();
        let is_end = |b: u8| b == b'\n' || b == b'\r';
        let mut items = Vec::new();
        let (mut pos, mut line, mut after_cr) = (0, 1u64, false);
        loop {
            while pos < len && is_end(file[pos]) {
                line += u64::from(file[pos] == b'\r' || !after_cr);
                after_cr = file[pos] == b'\r';
                pos += 1;
            }
            if pos == len {
                return items;
            }
            let mut fields = Vec::new();
            let mut soft = None;
            let mut hard = None;
            let mut i = pos;
            // The record's line end (or the file's end).
            let mut line_end = len;
            loop {
                if file[i] == b'"' {
                    let mut content = Vec::new();
                    let mut k = i + 1;
                    let mut close = None;
                    while k < len && k < i + limits.field {
                        if file[k] == b'"' {
                            if k + 1 < len && file[k + 1] == b'"' {
                                content.push(b'"');
                                k += 2;
                                continue;
                            }
                            close = Some(k);
                            break;
                        }
                        content.push(file[k]);
                        k += 1;
                    }
                    let Some(c) = close else {
                        let fault = if len >= i + limits.field {
                            Fault::QuotedTooLong
                        } else {
                            Fault::Unclosed
                        };
                        hard = Some((fault, fields.len(), i));
                        break;
                    };
                    match file.get(c + 1) {
                        Some(b',') => {
                            fields.push(content);
                            i = c + 2;
                        }
                        Some(&b) if is_end(b) => {
                            fields.push(content);
                            line_end = c + 1;
                            break;
                        }
                        None => {
                            fields.push(content);
                            line_end = len;
                            break;
                        }
                        Some(_) => {
                            hard = Some((Fault::AfterQuote, fields.len(), i));
                            break;
                        }
                    }
                    if i == len {
                        fields.push(Vec::new());
                        line_end = len;
                        break;
                    }
                } else {
                    let mut k = i;
                    while k < len && file[k] != b',' && file[k] != b'"' && !is_end(file[k]) {
                        k += 1;
                    }
                    if k < len && file[k] == b'"' {
                        hard = Some((Fault::StrayQuote, fields.len(), k));
                        break;
                    }
                    if soft.is_none() && k - i > limits.field {
                        soft = Some((Fault::FieldTooLong, fields.len()));
                    }
                    fields.push(file[i..k].to_vec());
                    if k < len && file[k] == b',' {
                        i = k + 1;
                        if i == len {
                            fields.push(Vec::new());
                            line_end = len;
                            break;
                        }
                        continue;
                    }
                    line_end = k;
                    break;
                }
            }
            let (line_end, fault) = match hard {
                Some((fault, field, at)) => {
                    let end = (at..len).find(|&k| is_end(file[k])).unwrap_or(len);
                    (end, Some((fault, field)))
                }
                None => (line_end, soft),
            };
            // A row with a fault keeps only the fields before the one at fault.
            if let Some((_, field)) = fault {
                fields.truncate(field);
            }
            if line_end - pos > limits.row {
                items.push(Item::TooLong { line });
                return items;
            }
            items.push(Item::Row {
                line,
                fields,
                fault,
            });
            let end = (line_end + 1).min(len);
            for &b in &file[pos..end] {
                line += u64::from(b == b'\r' || (b == b'\n' && !after_cr));
                after_cr = b == b'\r';
            }
            pos = end;
        }
    }

    /// A reader that hands out at most `step` bytes a read.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    /// The file as the block reader and the splitter read it: its header, then blocks.
    fn read(file: &[u8], limits: Limits, size: usize, step: usize) -> Vec<Item> {
        let source = Trickle { bytes: file, step };
        let mut blocks = Blocks::new(source, size, limits).unwrap();
        let mut splitter = Splitter::new(limits);
        let mut block = Block::default();
        let mut items = Vec::new();
        let mut first = true;
        loop {
            let read = if std::mem::take(&mut first) {
                blocks.header(&mut block)
            } else {
                blocks.next(&mut block)
            };
            match read {
                Ok(true) => {}
                Ok(false) => return items,
                Err(ReadError::TooLong { line }) => {
                    items.push(Item::TooLong { line });
                    return items;
                }
                Err(ReadError::Io(e)) => panic!("{e}"),
            }
            let stop = splitter.split(&block, |record, line| {
                let fields = (0..record.len())
                    .map(|i| record.raw(i).unwrap().to_vec())
                    .collect();
                items.push(Item::Row {
                    line,
                    fields,
                    fault: record.fault(),
                });
            });
            if let Some(line) = stop {
                items.push(Item::TooLong { line });
                return items;
            }
        }
    }

    fn file() -> impl Strategy<Value = Vec<u8>> {
        let byte = prop_oneof![
            6 => Just(b'a'),
            3 => Just(b','),
            2 => Just(b'"'),
            2 => Just(b'\n'),
            1 => Just(b'\r'),
            1 => Just(b'b'),
        ];
        proptest::collection::vec(byte, 0..160)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn blocks_and_splitter_read_what_the_rules_say(
            file in file(),
            field in 1usize..10,
            row in 1usize..40,
            size in 1usize..48,
            step in 1usize..20,
        ) {
            let limits = Limits { field, row };
            prop_assert_eq!(read(&file, limits, size, step), reference(&file, limits));
        }
    }

    #[test]
    fn the_reference_reads_the_usual_shapes() {
        let limits = Limits {
            field: 100,
            row: 1000,
        };
        let rows = reference(b"a,\"b,\"\"c\"\"\"\r\n\r\nd\"e,f\n\"g\"h\ni", limits);
        assert_eq!(
            rows,
            [
                Item::Row {
                    line: 1,
                    fields: vec![b"a".to_vec(), b"b,\"c\"".to_vec()],
                    fault: None
                },
                Item::Row {
                    line: 3,
                    fields: vec![],
                    fault: Some((Fault::StrayQuote, 0))
                },
                Item::Row {
                    line: 4,
                    fields: vec![],
                    fault: Some((Fault::AfterQuote, 0))
                },
                Item::Row {
                    line: 5,
                    fields: vec![b"i".to_vec()],
                    fault: None
                },
            ]
        );
        // A lone `\r` is a line break; a stray quote costs only its own line.
        let rows = reference(b"x\ry,\"z\rw\"\n", limits);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[1],
            Item::Row {
                line: 2,
                fields: vec![b"y".to_vec(), b"z\rw".to_vec()],
                fault: None
            }
        );
    }

    /// A source without line ends (`/dev/zero`) is refused after reading little more
    /// than the limits allow, not buffered without end.
    #[test]
    fn a_file_without_line_ends_is_refused_with_bounded_memory() {
        struct Counted<'a>(&'a std::cell::Cell<usize>);
        impl Read for Counted<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                buf.fill(0);
                self.0.set(self.0.get() + buf.len());
                Ok(buf.len())
            }
        }
        for first in [&b""[..], b"account,area\n", b"\"quoted"] {
            let count = std::cell::Cell::new(0);
            let source = first.chain(Counted(&count));
            let size = 256 * 1024;
            let mut blocks = Blocks::new(source, size, Limits::FILE).unwrap();
            let mut block = Block::default();
            let mut result = blocks.header(&mut block);
            while let Ok(true) = result {
                result = blocks.next(&mut block);
            }
            assert!(
                matches!(result, Err(ReadError::TooLong { .. })),
                "{first:?}"
            );
            // Read no further than twice the limits and a block: the buffer's bound.
            let most = 2 * (ROW_LIMIT + FIELD_LIMIT + size);
            assert!(count.get() <= most, "{first:?}: {} bytes read", count.get());
        }
    }
}
