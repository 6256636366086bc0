//! The raw bytes of `accounts.csv`, in large blocks of whole records, for the batch's
//! workers to split and parse: all the main thread does with the rows.
//!
//! A block is cut just after the last line end (`\n` or `\r`) that lies outside quotes,
//! so that it holds whole records and the next block starts where a record may start;
//! the bytes after the cut begin the next block. Where quotes are is followed exactly
//! as the `csv` crate's reader follows them (default dialect): a `"` opens a quoted
//! field only at the start of a field, and inside one a `""` is a quote.
//!
//! Each block also carries the line numbers its records are reported on, counted as the
//! `csv` crate counts them (see [`Lines`]), so errors name the same lines as before.

use std::io::{self, Read};

/// Where a block stands in the file's lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lines {
    /// The line the block's first byte is on: 1 + the `\n` bytes before it.
    pub start: u64,
    /// The line the `csv` crate reports for the block's first record: 1 + the `\n` bytes
    /// before the point where its read of that record begins. A read ends just past the
    /// first line-end byte after its record and the next read begins there; so a record
    /// after empty lines is reported on the first of them, and in a CRLF file on the line
    /// before its own (the `\n` of `\r\n` is skipped by the next read).
    pub first: u64,
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
}

impl Block {
    /// The block's bytes.
    pub fn bytes(&self) -> &[u8] {
        self.buffer.get(..self.len).unwrap_or_default()
    }
}

/// A reader that keeps a copy of all it reads. The `csv` crate reads the header through
/// it, buffering as it likes; what it read past the header is then the start of the rows,
/// so the file is read once, from start to end, and need not be seekable.
pub struct Recorded<R> {
    inner: R,
    seen: Vec<u8>,
}

impl<R> Recorded<R> {
    pub fn new(inner: R) -> Recorded<R> {
        Recorded {
            inner,
            seen: Vec::new(),
        }
    }
}

impl<R: Read> Read for Recorded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.seen
            .extend_from_slice(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

/// Cuts what follows the header into blocks.
pub struct Blocks<R> {
    source: R,
    /// The bytes after the last cut: the start of the next block.
    carry: Vec<u8>,
    /// The size a block is read to before it is cut (larger when one record is larger).
    size: usize,
    /// The lines of the next block.
    lines: Lines,
    /// The file's byte position at the start of `carry`.
    position: u64,
    eof: bool,
}

impl<R: Read> Blocks<R> {
    /// The blocks of the rows after the header that `reader` has just read.
    pub fn after_header(reader: csv::Reader<Recorded<R>>, size: usize) -> Blocks<R> {
        let position = reader.position().clone();
        let Recorded { inner, seen } = reader.into_inner();
        let carry = usize::try_from(position.byte())
            .ok()
            .and_then(|at| seen.get(at..))
            .unwrap_or_default()
            .to_vec();
        Blocks {
            source: inner,
            carry,
            size: size.max(1),
            lines: Lines {
                start: position.line(),
                first: position.line(),
            },
            position: position.byte(),
            eof: false,
        }
    }

    /// Reads the next block into `block` (reusing its buffer); false when the file has
    /// no more bytes.
    pub fn next(&mut self, block: &mut Block) -> io::Result<bool> {
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
            if self.eof {
                break len;
            }
            if let Some(end) = last_line_end(buffer.get(..len).unwrap_or_default()) {
                break end + 1;
            }
            // One record fills the block: make room for more of it.
            let grown = 2 * buffer.len();
            buffer.resize(grown, 0);
        };
        self.carry
            .extend_from_slice(buffer.get(cut..len).unwrap_or_default());
        block.len = cut;
        block.lines = self.lines;
        self.lines = lines_after(self.lines, block.bytes());
        self.position += cut as u64;
        block.end = self.position;
        Ok(cut > 0)
    }

    /// Reads into `buffer` after its first `len` bytes until it is full or the file ends;
    /// returns the new length.
    fn fill(&mut self, buffer: &mut [u8], mut len: usize) -> io::Result<usize> {
        while !self.eof {
            let space = buffer.get_mut(len..).unwrap_or_default();
            if space.is_empty() {
                break;
            }
            match self.source.read(space) {
                Ok(0) => self.eof = true,
                Ok(n) => len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(len)
    }
}

/// The lines of the block after one with `lines` and `bytes` (which end at a cut).
///
/// The run of line-end bytes at the block's end is outside quotes (a quote would have
/// to close inside the run for the cut to be outside); its first byte ends the block's
/// last record, and the read of the next record begins just past it.
fn lines_after(lines: Lines, bytes: &[u8]) -> Lines {
    let newlines = memchr::memchr_iter(b'\n', bytes).count() as u64;
    let run = bytes
        .iter()
        .rev()
        .take_while(|&&b| b == b'\r' || b == b'\n')
        .count();
    let first = if run == bytes.len() {
        // Only empty lines: the next record is read from where this block's first was.
        lines.first
    } else {
        let skipped = bytes.get(bytes.len() - run + 1..).unwrap_or_default();
        lines.start + newlines - memchr::memchr_iter(b'\n', skipped).count() as u64
    };
    Lines {
        start: lines.start + newlines,
        first,
    }
}

/// The position of the last line end (`\n` or `\r`) in `bytes` that is outside quotes,
/// when `bytes` starts where a record may start.
///
/// Only the quotes are looked at one by one: a `"` outside a quoted field opens one if it
/// starts a field (it is first, or follows `,` or a line end; elsewhere it is a plain
/// byte); inside, `""` is a quote and a lone `"` closes the field. The line ends are
/// looked for only in the stretches outside quotes.
pub fn last_line_end(bytes: &[u8]) -> Option<usize> {
    let mut last = None;
    let mut quotes = memchr::memchr_iter(b'"', bytes);
    let mut outside_from = 0;
    loop {
        let open = quotes
            .by_ref()
            .find(|&q| q == 0 || matches!(bytes.get(q - 1), Some(b',' | b'\r' | b'\n')));
        let outside = bytes
            .get(outside_from..open.unwrap_or(bytes.len()))
            .unwrap_or_default();
        if let Some(end) = memchr::memrchr2(b'\n', b'\r', outside) {
            last = Some(outside_from + end);
        }
        if open.is_none() {
            return last;
        }
        // Inside a quoted field: find the quote that closes it.
        loop {
            let Some(q) = quotes.next() else {
                return last;
            };
            if bytes.get(q + 1) == Some(&b'"') {
                quotes.next();
            } else {
                outside_from = q + 1;
                break;
            }
        }
    }
}
