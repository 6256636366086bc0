//! The raw bytes of a batch's CSV file, in large blocks of whole records, for the
//! workers to split and parse: all the main thread does with the rows of `accounts.csv`.
//!
//! A block is cut just after the last record that ends in it, by the rules of
//! `rows.rs` (which [`scan_record`] states): so that it holds whole records and the next
//! block starts where a record starts. Only the records that hold a quote are looked at
//! one by one; between quotes the last line end is the cut.
//!
//! Memory stays bounded whatever the file holds: a block grows past its size only to
//! hold one long record, and a record is read no further than the row limit and the
//! field limit allow (a file without line ends, or `/dev/zero`, is refused once they
//! are passed).

use std::io::{self, Read};

use super::rows::{scan_record, Fault, Limits, Scan};

/// Where a block stands in the file's lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lines {
    /// The line the block's first byte is on: 1 + the line breaks before it, a line
    /// break being `\r\n`, `\n` or a lone `\r`.
    pub start: u64,
    /// Whether the byte before the block is a `\r` (so that a `\n` first is the end of
    /// that `\r\n`, not a line break of its own).
    pub after_cr: bool,
}

impl Default for Lines {
    fn default() -> Lines {
        Lines {
            start: 1,
            after_cr: false,
        }
    }
}

/// Some whole records of the file: a buffer of which the first `len` bytes are the block.
#[derive(Default)]
pub struct Block {
    /// Storage, zero-filled once and reused from block to block.
    buffer: Vec<u8>,
    len: usize,
    /// The lines the block's records are on.
    pub lines: Lines,
    /// The file's byte position at the block's end (for the progress bar).
    pub end: u64,
    /// The faults in quotes that the reader found, by the position in the block of the
    /// record's start: the splitter, which sees only the block, cannot always tell why a
    /// quote does not close within it.
    faults: Vec<(usize, Fault)>,
}

impl Block {
    /// The block's bytes.
    pub fn bytes(&self) -> &[u8] {
        self.buffer.get(..self.len).unwrap_or_default()
    }

    /// The fault the reader found in the record that starts at `start`.
    pub fn fault_at(&self, start: usize) -> Option<Fault> {
        self.faults
            .binary_search_by_key(&start, |&(at, _)| at)
            .ok()
            .and_then(|i| self.faults.get(i))
            .map(|&(_, fault)| fault)
    }
}

/// Why the file could not be read on.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read.
    Io(io::Error),
    /// The row that starts on this line is longer than the row limit.
    TooLong { line: u64 },
}

impl From<io::Error> for ReadError {
    fn from(error: io::Error) -> ReadError {
        ReadError::Io(error)
    }
}

/// Cuts a file into blocks: its header record first, then the rest.
pub struct Blocks<R> {
    source: R,
    /// The bytes after the last cut: the start of the next block.
    carry: Vec<u8>,
    /// The size a block is read to before it is cut (larger when one record is larger).
    size: usize,
    limits: Limits,
    /// The lines of the next block.
    lines: Lines,
    /// The file's byte position at the start of `carry`.
    position: u64,
    eof: bool,
    /// The line of a row longer than the row limit, after the block that ends before it:
    /// what the next read returns.
    too_long: Option<u64>,
    /// Scratch for [`scan_record`].
    fields: Vec<(usize, usize)>,
}

/// Where a block is cut.
struct Cut {
    /// The block is the bytes before this (0: more bytes are needed, unless `too_long`).
    end: usize,
    /// The record at `end` is longer than the row limit.
    too_long: bool,
}

impl<R: Read> Blocks<R> {
    /// The blocks of `source`, from its start; a UTF-8 byte order mark at the start is
    /// skipped.
    pub fn new(mut source: R, size: usize, limits: Limits) -> io::Result<Blocks<R>> {
        let mut start = [0u8; 3];
        let mut read = 0;
        while read < start.len() {
            match source.read(start.get_mut(read..).unwrap_or_default()) {
                Ok(0) => break,
                Ok(n) => read += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let bom = read == 3 && start == [0xEF, 0xBB, 0xBF];
        Ok(Blocks {
            source,
            carry: if bom {
                Vec::new()
            } else {
                start.get(..read).unwrap_or_default().to_vec()
            },
            size: size.max(1),
            limits,
            lines: Lines::default(),
            position: if bom { 3 } else { 0 },
            eof: false,
            too_long: None,
            fields: Vec::new(),
        })
    }

    /// Reads the file's first record (its header, after any empty lines) into `block`,
    /// alone; false when the file holds no record.
    pub fn header(&mut self, block: &mut Block) -> Result<bool, ReadError> {
        loop {
            if !self.read(block, true)? {
                return Ok(false);
            }
            // A block of only empty lines (a file may start with any number) holds no
            // record: read on.
            if block.bytes().iter().any(|&b| b != b'\n' && b != b'\r') {
                return Ok(true);
            }
        }
    }

    /// Reads the next block into `block` (reusing its buffer); false when the file has
    /// no more bytes.
    pub fn next(&mut self, block: &mut Block) -> Result<bool, ReadError> {
        self.read(block, false)
    }

    fn read(&mut self, block: &mut Block, first_only: bool) -> Result<bool, ReadError> {
        if let Some(line) = self.too_long.take() {
            return Err(ReadError::TooLong { line });
        }
        let buffer = &mut block.buffer;
        let want = self.size.max(2 * self.carry.len());
        if buffer.len() < want {
            buffer.resize(want, 0);
        }
        let mut len = self.carry.len();
        if let Some(start) = buffer.get_mut(..len) {
            start.copy_from_slice(&self.carry);
        }
        self.carry.clear();
        let cut = loop {
            len = self.fill(buffer, len)?;
            block.faults.clear();
            let bytes = buffer.get(..len).unwrap_or_default();
            let cut = if first_only {
                first_record(
                    bytes,
                    self.eof,
                    self.limits,
                    &mut self.fields,
                    &mut block.faults,
                )
            } else {
                last_record(
                    bytes,
                    self.eof,
                    self.limits,
                    &mut self.fields,
                    &mut block.faults,
                )
            };
            if cut.end > 0 || cut.too_long || self.eof {
                break cut;
            }
            if len == buffer.len() {
                // One record fills the buffer: make room for more of it.
                let grown = 2 * buffer.len();
                buffer.resize(grown, 0);
            }
        };
        self.carry
            .extend_from_slice(buffer.get(cut.end..len).unwrap_or_default());
        block.len = cut.end;
        block.lines = self.lines;
        self.lines = lines_after(self.lines, block.bytes());
        self.position += cut.end as u64;
        block.end = self.position;
        if cut.too_long {
            // The long record starts where the block ends (after any empty lines).
            let rest = self.carry.as_slice();
            let blank = rest
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            let line = lines_after(self.lines, rest.get(..blank).unwrap_or_default()).start;
            if cut.end == 0 {
                return Err(ReadError::TooLong { line });
            }
            self.too_long = Some(line);
        }
        Ok(cut.end > 0)
    }

    /// Reads into `buffer` after its first `len` bytes, once (a file fills it; a pipe
    /// gives what it has, so that rows are taken as they come, a header at once);
    /// returns the new length.
    fn fill(&mut self, buffer: &mut [u8], len: usize) -> io::Result<usize> {
        let Some(space) = buffer.get_mut(len..).filter(|s| !s.is_empty()) else {
            return Ok(len);
        };
        while !self.eof {
            match self.source.read(space) {
                Ok(0) => self.eof = true,
                Ok(n) => return Ok(len + n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(len)
    }
}

/// The cut after the last record that ends in `bytes` (which start where a record may
/// start); the faults in quotes of the records before it go to `faults`.
///
/// Between quotes, the last line end ends the last record; a record with a quote is
/// scanned whole. Records without one are not measured here (the splitter does) unless
/// one reaches the end of `bytes`: then, if it is already longer than the row limit,
/// it is too long.
fn last_record(
    bytes: &[u8],
    eof: bool,
    limits: Limits,
    fields: &mut Vec<(usize, usize)>,
    faults: &mut Vec<(usize, Fault)>,
) -> Cut {
    let len = bytes.len();
    let mut pos = 0;
    let mut last = 0;
    loop {
        let rest = bytes.get(pos..).unwrap_or_default();
        let quote = memchr::memchr(b'"', rest).map(|k| pos + k);
        let plain = bytes.get(pos..quote.unwrap_or(len)).unwrap_or_default();
        // The start of the record that holds the quote (or reaches the end).
        let start = match memchr::memrchr2(b'\n', b'\r', plain) {
            Some(k) => {
                last = pos + k + 1;
                last
            }
            None => pos,
        };
        if quote.is_none() {
            return if eof {
                Cut {
                    end: len,
                    too_long: false,
                }
            } else if len - start > limits.row {
                Cut {
                    end: start,
                    too_long: true,
                }
            } else {
                Cut {
                    end: last,
                    too_long: false,
                }
            };
        }
        match scan_record(bytes, start, eof, limits, fields) {
            Scan::Ends { end, fault } => {
                if let Some((fault, _)) = fault.filter(|(f, _)| f.in_quote()) {
                    faults.push((start, fault));
                }
                last = end;
                pos = end;
            }
            Scan::More => {
                return Cut {
                    end: last,
                    too_long: false,
                }
            }
            Scan::TooLong => {
                return Cut {
                    end: start,
                    too_long: true,
                }
            }
        }
    }
}

/// The cut after the first record in `bytes` (the file's start), after any empty lines;
/// all of `bytes` when they are only empty lines.
fn first_record(
    bytes: &[u8],
    eof: bool,
    limits: Limits,
    fields: &mut Vec<(usize, usize)>,
    faults: &mut Vec<(usize, Fault)>,
) -> Cut {
    let Some(start) = bytes.iter().position(|&b| b != b'\n' && b != b'\r') else {
        return Cut {
            end: bytes.len(),
            too_long: false,
        };
    };
    match scan_record(bytes, start, eof, limits, fields) {
        Scan::Ends { end, fault } => {
            if let Some((fault, _)) = fault.filter(|(f, _)| f.in_quote()) {
                faults.push((start, fault));
            }
            Cut {
                end,
                too_long: false,
            }
        }
        Scan::More => Cut {
            end: 0,
            too_long: false,
        },
        Scan::TooLong => Cut {
            end: start,
            too_long: true,
        },
    }
}

/// The lines of the block after one with `lines` and `bytes`.
fn lines_after(lines: Lines, bytes: &[u8]) -> Lines {
    let Some(&last) = bytes.last() else {
        return lines;
    };
    let lf = memchr::memchr_iter(b'\n', bytes).count() as u64;
    // A `\n` first, after a `\r` that ended the block before, ends that `\r\n`.
    let joined = u64::from(lines.after_cr && bytes.first() == Some(&b'\n'));
    let breaks = if memchr::memchr(b'\r', bytes).is_none() {
        lf - joined
    } else {
        let cr = memchr::memchr_iter(b'\r', bytes).count() as u64;
        let crlf = memchr::memmem::find_iter(bytes, b"\r\n").count() as u64;
        cr + lf - crlf - joined
    };
    Lines {
        start: lines.start + breaks,
        after_cr: last == b'\r',
    }
}
