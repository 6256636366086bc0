//! Account records split out of a block of `accounts.csv`, on a worker thread, exactly
//! as the `csv` crate's reader (flexible, default dialect) reads them: fields split at
//! `,`; a record ended by `\n`, `\r` or `\r\n`; empty lines skipped; a field that starts
//! with `"` quoted, with `""` for a quote inside; a last record without a line end read.
//!
//! A record without a `"` (nearly all) is split here, its fields left as slices of the
//! block; one with a `"` is read by `csv_core`, the `csv` crate's own parser, into a
//! buffer of its unquoted fields.

use super::blocks::Lines;

/// One record: its fields, each a range of `bytes`.
pub struct Record<'a> {
    bytes: &'a [u8],
    /// `bytes` as text, when it is all valid UTF-8 (then every field is text too).
    text: Option<&'a str>,
    fields: &'a [(usize, usize)],
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
}

/// Splits blocks into records; one per worker, its buffers reused from record to record.
pub struct Splitter {
    /// The parser of records with quotes.
    core: csv_core::Reader,
    /// The current record's fields.
    fields: Vec<(usize, usize)>,
    /// A quoted record's fields, unquoted, one after another, and where each ends.
    unquoted: Vec<u8>,
    ends: Vec<usize>,
}

impl Splitter {
    pub fn new() -> Splitter {
        let mut core = csv_core::Reader::new();
        // The parser strips a UTF-8 byte order mark from the first input it is given, as
        // the `csv` crate's does from the file's start (in the header); rows are never
        // the file's start, so give it that first input now: an empty line.
        let _ = core.read_record(b"\n", &mut [0; 1], &mut [0; 1]);
        Splitter {
            core,
            fields: Vec::new(),
            unquoted: vec![0; 1024],
            ends: vec![0; 64],
        }
    }

    /// Calls `each` with every record in `block` and the line the `csv` crate reports it
    /// on, in order.
    pub fn split(&mut self, block: &[u8], lines: Lines, mut each: impl FnMut(&Record<'_>, u64)) {
        // One UTF-8 check for the whole block; its fields are then slices of this text.
        let text = std::str::from_utf8(block).ok();
        // The position reached, 1 + the `\n` bytes before it, and the line of the next
        // record: where the `csv` crate's read of it begins, just past the first line-end
        // byte of the record before (see `Lines::first`).
        let mut at = 0;
        let mut newlines = lines.start;
        let mut line = lines.first;
        loop {
            // Empty lines, and the `\n` of a `\r\n`: skipped, but counted.
            while let Some(&b) = block.get(at) {
                match b {
                    b'\n' => newlines += 1,
                    b'\r' => {}
                    _ => break,
                }
                at += 1;
            }
            if at >= block.len() {
                return;
            }
            match self.plain(block, at) {
                Some(end) => {
                    let record = Record {
                        bytes: block,
                        text,
                        fields: &self.fields,
                    };
                    each(&record, line);
                    newlines += u64::from(block.get(end) == Some(&b'\n'));
                    at = end + 1;
                }
                None => {
                    let rest = block.get(at..).unwrap_or_default();
                    let (read, len) = self.quoted(rest);
                    let bytes = self.unquoted.get(..len).unwrap_or_default();
                    let record = Record {
                        bytes,
                        text: std::str::from_utf8(bytes).ok(),
                        fields: &self.fields,
                    };
                    each(&record, line);
                    let consumed = rest.get(..read).unwrap_or_default();
                    newlines += memchr::memchr_iter(b'\n', consumed).count() as u64;
                    at += read.max(1);
                }
            }
            line = newlines;
        }
    }

    /// Splits the record at `start` when it has no `"`: its fields go to `self.fields`
    /// and the position of the byte that ends it (a line end, or the block's end) is
    /// returned. None when a `"` comes first: the record is then read by `quoted`.
    ///
    /// The bytes are looked at eight at a time: see `candidates`.
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

    /// Reads the record `input` starts with through `csv_core`: its unquoted fields go to
    /// `self.unquoted`, their ranges to `self.fields`. Returns the bytes of `input` read
    /// (up to and including the record's first line-end byte, as the `csv` crate reads
    /// it) and the length of the unquoted fields.
    fn quoted(&mut self, input: &[u8]) -> (usize, usize) {
        use csv_core::ReadRecordResult;
        let (mut read, mut len, mut ends) = (0, 0, 0);
        loop {
            // Once `input` is used up an empty input tells the parser the data has ended.
            let (result, r, l, e) = self.core.read_record(
                input.get(read..).unwrap_or_default(),
                self.unquoted.get_mut(len..).unwrap_or_default(),
                self.ends.get_mut(ends..).unwrap_or_default(),
            );
            (read, len, ends) = (read + r, len + l, ends + e);
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let grown = 2 * self.unquoted.len().max(1);
                    self.unquoted.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let grown = 2 * self.ends.len().max(1);
                    self.ends.resize(grown, 0);
                }
                ReadRecordResult::Record | ReadRecordResult::End => break,
            }
        }
        self.fields.clear();
        let mut from = 0;
        for &end in self.ends.get(..ends).unwrap_or_default() {
            self.fields.push((from, end));
            from = end;
        }
        (read, len)
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
