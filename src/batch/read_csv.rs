//! CSV batches: a header row naming the columns, then a row per connector. [`CsvBatch`]
//! reads and checks rows one at a time, so that the streamed planner never holds a batch.

use std::ops::Range;

use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;

use super::{
    Batch, Connector, Field, check_ready_year, line_number, locate, not_before_message, read_ready,
    ready_message,
};
use crate::error::{Error, Result, short};
use crate::source::{Lines, Source};

/// The columns a batch CSV may have.
const CSV_COLUMNS: [&str; 5] = ["name", "ready", "after", "priority", "not_before"];

impl Batch {
    /// Reads a CSV batch with a header row: `name` and `ready` are required; `after` (names
    /// separated by `;`), `priority` and `not_before` are optional; columns may come in any
    /// order. Rows whose cells are all empty (a spreadsheet's blank lines) are skipped; there
    /// are no comment lines, so that a name starting with `#` is never dropped.
    pub fn parse_csv(source: &Source, zone: Tz) -> Result<Batch> {
        let mut csv = CsvBatch::open(source)?;
        let mut connectors = Vec::new();
        csv.rows(zone, |row| {
            connectors.push(Connector {
                name: row.name.into(),
                ready: row.ready,
                after: row
                    .after
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
                priority: row.priority,
                not_before: row.not_before,
                line: line_number(row.line),
            });
            Ok::<(), Error>(())
        })?;
        let text = &*source.text;
        let (name_col, after_col) = (csv.name_col, csv.after_col);
        Batch::resolve(source.name.clone(), connectors, |connectors, problem| {
            // Where each connector's row starts, found again for the error alone: a
            // million rows' offsets are not kept for the batches that have none.
            let mut rows = Vec::with_capacity(connectors.len());
            let again = CsvBatch::open(source).and_then(|mut csv| {
                csv.rows(zone, |row| {
                    rows.push(row.offset);
                    Ok::<(), Error>(())
                })
            });
            let at = |i: usize, field: Field| {
                let Some(&row) = rows.get(i).filter(|_| again.is_ok()) else {
                    return 0..0;
                };
                match field {
                    Field::Name => field_span(text, row, name_col),
                    Field::After(k) => {
                        entry_span(text, field_span(text, row, after_col.unwrap_or(0)), k)
                    }
                }
            };
            locate(source, connectors, problem, at, "a header but no rows")
        })
    }
}

/// One row of a CSV batch, validated, borrowed from the reader's record.
pub(crate) struct CsvRow<'r> {
    pub name: &'r str,
    pub ready: DateTime<FixedOffset>,
    /// The `after` cell as written (names separated by `;`), empty without one.
    pub after: &'r str,
    pub priority: i64,
    pub not_before: Option<NaiveDate>,
    pub line: usize,
    /// The byte offset of the row in the file.
    pub offset: usize,
}

/// A CSV batch whose header has been read: the columns, and a reader for the rows.
pub(crate) struct CsvBatch<'s> {
    source: &'s Source,
    reader: csv::Reader<&'s [u8]>,
    pub name_col: usize,
    ready_col: usize,
    pub after_col: Option<usize>,
    priority_col: Option<usize>,
    not_before_col: Option<usize>,
}

impl<'s> CsvBatch<'s> {
    /// Reads and checks the header: known columns, each once, `name` and `ready` present.
    pub(crate) fn open(source: &'s Source) -> Result<CsvBatch<'s>> {
        let text = &*source.text;
        // Cells are trimmed as they are read: the reader's own trimming copies every record.
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let mut header = reader.headers().map_err(|e| csv_error(source, e))?.clone();
        header.trim();
        let header_at = reader.position().byte() as usize;
        let header_start = row_start(
            text,
            header
                .position()
                .map_or(0, |p| p.byte() as usize)
                .min(header_at),
        );
        let header_span = header_start..line_end(text, header_start);
        let mut column = [None::<usize>; 5];
        for (i, h) in header.iter().enumerate() {
            let key = h.to_ascii_lowercase();
            let span = field_span(text, header_start, i);
            let Some(k) = CSV_COLUMNS.iter().position(|c| *c == key) else {
                return Err(source.error(
                    span,
                    format!(
                        "unknown column \"{}\"; the columns are {} (name and ready are required)",
                        short(h),
                        CSV_COLUMNS.join(", ")
                    ),
                ));
            };
            if column[k].is_some() {
                return Err(source.error(span, format!("column \"{}\" appears twice", short(h))));
            }
            column[k] = Some(i);
        }
        let [
            Some(name_col),
            Some(ready_col),
            after_col,
            priority_col,
            not_before_col,
        ] = column
        else {
            let missing: Vec<&str> = CSV_COLUMNS[..2]
                .iter()
                .zip(column)
                .filter(|(_, c)| c.is_none())
                .map(|(n, _)| *n)
                .collect();
            let found: Vec<&str> = header.iter().collect();
            let found = if found.iter().all(|f| f.is_empty()) {
                "the file has no header row".to_string()
            } else {
                format!("the header is \"{}\"", short(&found.join(",")))
            };
            return Err(source.error(
                header_span,
                format!(
                    "missing column{} {}: {found}; a batch CSV starts with a header such as name,ready,after,priority,not_before",
                    if missing.len() == 1 { "" } else { "s" },
                    missing.join(" and ")
                ),
            ));
        };
        Ok(CsvBatch {
            source,
            reader,
            name_col,
            ready_col,
            after_col,
            priority_col,
            not_before_col,
        })
    }

    /// Reads every row that is not blank, validates it and hands it to `each`; the first
    /// bad cell is an error at its line and column.
    pub(crate) fn rows<E: From<Error>>(
        &mut self,
        zone: Tz,
        mut each: impl FnMut(CsvRow<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let (source, text) = (self.source, &*self.source.text);
        let mut record = csv::StringRecord::new();
        // The reader's line numbers skip comment lines, so count line breaks up to each row.
        let mut lines = Lines::new(text);
        while self
            .reader
            .read_record(&mut record)
            .map_err(|e| csv_error(source, e))?
        {
            let row = row_start(text, record.position().map_or(0, |p| p.byte() as usize));
            let line = lines.line_of(row);
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cell = |c: usize| record.get(c).unwrap_or("").trim();
            let err = |c: usize, message: String| source.error(field_span(text, row, c), message);
            let name = cell(self.name_col);
            if name.is_empty() {
                return Err(err(self.name_col, "a connector needs a non-empty name".into()).into());
            }
            let ready_text = cell(self.ready_col);
            let ready = read_ready(ready_text, zone).map_err(|e| {
                err(
                    self.ready_col,
                    ready_message(name, &toml::Value::String(ready_text.into()), &e),
                )
            })?;
            check_ready_year(
                source,
                || field_span(text, row, self.ready_col),
                name,
                ready,
                zone,
            )?;
            let priority = match self.priority_col.map(cell).filter(|p| !p.is_empty()) {
                None => 0,
                Some(p) => p.parse::<i64>().map_err(|_| {
                    err(
                        self.priority_col.unwrap_or(0),
                        format!(
                            "connector \"{}\": priority \"{}\" is not a whole number; \
                             expected e.g. 0, 10 or -5 (higher boards first)",
                            short(name),
                            short(p),
                        ),
                    )
                })?,
            };
            let not_before = match self.not_before_col.map(cell).filter(|p| !p.is_empty()) {
                None => None,
                Some(d) => Some(crate::time::date_arg(d, "not_before").map_err(|_| {
                    err(
                        self.not_before_col.unwrap_or(0),
                        not_before_message(name, &toml::Value::String(d.into())),
                    )
                })?),
            };
            each(CsvRow {
                name,
                ready,
                after: self.after_col.map_or("", cell),
                priority,
                not_before,
                line,
                offset: row,
            })?;
        }
        Ok(())
    }
}

/// A CSV reader's error (a row with the wrong number of fields, bad UTF-8) at its row.
fn csv_error(source: &Source, e: csv::Error) -> Error {
    let text = &*source.text;
    let (at, message) = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            let at = row_start(text, pos.as_ref().map_or(0, |p| p.byte() as usize));
            let unclosed = len < expected_len && text[at..].matches('"').count() % 2 == 1;
            let message = match unclosed {
                true => format!(
                    "a quote opened in this row is never closed, so the rest of the file reads as one field; \
                     close it with another '\"' (this row has {len} of the header's {expected_len} fields)"
                ),
                false => format!(
                    "this row has {len} field{} but the header has {expected_len}",
                    if *len == 1 { "" } else { "s" }
                ),
            };
            (at, message)
        }
        _ => (
            e.position().map_or(0, |p| p.byte() as usize),
            format!("cannot read the CSV: {e}"),
        ),
    };
    source.error(at..line_end(text, at), message)
}

/// The span of the `k`-th non-empty `;`-separated entry in the CSV field at `field`, or the
/// whole field if it cannot be found (quoting can hide it).
fn entry_span(text: &str, field: Range<usize>, k: usize) -> Range<usize> {
    let raw = &text[field.clone()];
    let mut at = 0;
    let mut n = 0;
    for piece in raw.split(';') {
        let trimmed = piece.trim().trim_matches('"').trim();
        if !trimmed.is_empty() {
            if n == k {
                let offset = piece.find(trimmed).unwrap_or(0);
                let start = field.start + at + offset;
                return start..start + trimmed.len();
            }
            n += 1;
        }
        at += piece.len() + 1;
    }
    field
}

/// The end of the line that starts at or contains byte `at`, without its line break.
fn line_end(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i)
}

/// Where the record the CSV reader places at byte `at` really starts: its positions count
/// from the end of the previous record, before any blank lines.
fn row_start(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
        at += 1;
    }
    at
}

/// The span of field `field` (0-based) of the CSV record starting at byte `row`, found by
/// walking the raw text the way the CSV reader does (quotes may hold commas and newlines).
/// Used for error messages only.
fn field_span(text: &str, row: usize, field: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let mut i = row.min(bytes.len());
    let mut n = 0;
    loop {
        let start = i;
        let mut quoted = false;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => quoted = !quoted,
                b',' if !quoted => break,
                b'\n' | b'\r' if !quoted => break,
                _ => {}
            }
            i += 1;
        }
        if n == field {
            return start..i.max(start);
        }
        if i >= bytes.len() || bytes[i] != b',' {
            // Fewer fields than asked for: point at the end of the row.
            return i..i;
        }
        i += 1;
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_spans_follow_quotes() {
        let text = "a,\"b,\nc\",d\n";
        assert_eq!(&text[field_span(text, 0, 2)], "d");
        assert_eq!(field_span(text, 0, 5), 10..10);
    }
}
