//! Reading a table (a CSV text, or a sheet of a workbook) into rows with their places.

use super::{Columns, Field, decode};

/// A row as written in its file, for showing an error in context: the row's text (its lines,
/// without the final line break) and, when a field is named, where that field's cell lies in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    /// Byte range of the field's cell in `text`, quotes included.
    pub span: Option<std::ops::Range<usize>>,
}

/// The row starting at `line` of a task file's bytes, found the way [`read_tasks`] reads the file
/// (same decoding, delimiter and header); `field` is a field's report label ([`Field::label`]).
/// `None` when the line holds no row (the file changed since).
pub fn excerpt(bytes: &[u8], line: u64, field: Option<&str>) -> Option<Excerpt> {
    let (text, _) = decode(bytes).ok()?;
    excerpt_of_text(&text, line, field)
}

/// [`excerpt`] from a file's text as [`decode`] gave it (to decode a big file once for many
/// excerpts).
pub fn excerpt_of_text(text: &str, line: u64, field: Option<&str>) -> Option<Excerpt> {
    let delimiter = guess_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text.as_bytes());
    let mut columns: Option<Columns> = None;
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte();
        if !reader.read_record(&mut record).ok()? {
            return None;
        }
        let at = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if columns.is_none() {
            let candidate = Columns::from_header(&record);
            if candidate.index.contains_key(&Field::TaskId) {
                columns = Some(candidate);
            }
        }
        if at < line {
            continue;
        }
        if at > line {
            return None;
        }
        let start = record.position().map_or(start, |p| p.byte()) as usize;
        let end = (reader.position().byte() as usize).min(text.len());
        let raw = text.get(start..end)?;
        let raw = raw.trim_start_matches(['\r', '\n']);
        let raw = raw.trim_end_matches(['\r', '\n']);
        let position = field
            .and_then(|label| Field::ALL.into_iter().find(|f| f.label() == label))
            .and_then(|f| columns.as_ref()?.position(f));
        let span = position.and_then(|i| cell_spans(raw, delimiter).nth(i));
        return Some(Excerpt {
            text: raw.to_string(),
            span,
        });
    }
}

/// The byte ranges of a row's cells, quotes included: a delimiter inside quotes is text.
fn cell_spans(row: &str, delimiter: u8) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = row.as_bytes();
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut quoted = false;
        let mut i = start;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => quoted = !quoted,
                b if b == delimiter && !quoted => break,
                _ => {}
            }
            i += 1;
        }
        let span = start..i;
        if i >= bytes.len() {
            done = true;
        }
        start = i + 1;
        Some(span)
    })
}

/// The line of a quoted cell that is never closed, if any. (The CSV reader would take the rest
/// of the file into that cell, and rows would vanish into it.)
pub(crate) fn unclosed_quote(text: &[u8], delimiter: u8) -> Option<u64> {
    // Only the quotes matter: jump from one to the next.
    let mut quotes = memchr::memchr_iter(b'"', text);
    let mut in_quotes = false;
    let mut opened_at = 0;
    while let Some(i) = quotes.next() {
        if in_quotes {
            if text.get(i + 1) == Some(&b'"') {
                // A doubled quote stands for one.
                quotes.next();
            } else {
                in_quotes = false;
            }
        } else if i == 0 || matches!(text[i - 1], b'\n' | b'\r') || text[i - 1] == delimiter {
            in_quotes = true;
            opened_at = i;
        }
    }
    in_quotes.then(|| 1 + line_breaks(&text[..opened_at]))
}

/// Line breaks in `span`: `\n`, `\r\n` or a lone `\r` (old Mac exports).
fn line_breaks(span: &[u8]) -> u64 {
    let newlines = span.iter().filter(|&&b| b == b'\n').count();
    let lone_returns = if memchr::memchr(b'\r', span).is_some() {
        (0..span.len())
            .filter(|&i| span[i] == b'\r' && span.get(i + 1) != Some(&b'\n'))
            .count()
    } else {
        0
    };
    (newlines + lone_returns) as u64
}

/// Tab if the first lines hold more tabs than commas (Excel's "Unicode text"), else comma.
pub(crate) fn guess_delimiter(text: &str) -> u8 {
    let head = text.lines().take(10);
    let (tabs, commas) = head.fold((0, 0), |(t, c), line| {
        (
            t + line.matches('\t').count(),
            c + line.matches(',').count(),
        )
    });
    if tabs > commas { b'\t' } else { b',' }
}

/// Line numbers from byte offsets. (The csv crate's own line count runs one behind on CRLF
/// files, and Windows exports are CRLF.)
pub(crate) struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line of a record starting at byte `offset`; offsets must not decrease
    /// between calls. A record's offset can point at the `\n` of the CRLF before it.
    pub(crate) fn line_at(&mut self, offset: u64) -> u64 {
        let mut offset = (offset as usize).min(self.text.len());
        while offset < self.text.len() && matches!(self.text[offset], b'\r' | b'\n') {
            offset += 1;
        }
        if offset > self.offset {
            self.line += line_breaks(&self.text[self.offset..offset]);
            self.offset = offset;
        }
        self.line
    }
}
