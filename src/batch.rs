//! Batch files: a release manager's list of connectors, in TOML or CSV, read into a
//! validated [`Batch`] whose every error points at the file, line and column.
//!
//! Validation happens here, where the text is still at hand: duplicate names, `after` names
//! that are not in the batch, and dependency cycles are errors at the offending place. The
//! planner then works on resolved indices only.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Result, short};
use crate::source::{Lines, Source, toml_value};
use crate::time::parse_typed;

/// One connector in a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connector {
    /// Its name, unique within the batch.
    pub name: String,
    /// When its publisher says it is ready (SPEC rule 1).
    pub ready: DateTime<FixedOffset>,
    /// Connectors that must be live in every region before this one's train starts.
    pub after: Vec<String>,
    /// Higher rides first when a train is full; default 0.
    pub priority: i64,
    /// The connector may not ride a train that starts before this day.
    pub not_before: Option<NaiveDate>,
    /// The 1-based line it was read from (0 for connectors built in code).
    pub line: usize,
}

/// A validated list of connectors: names unique, every `after` name in the batch, no cycle.
#[derive(Debug, Clone)]
pub struct Batch {
    file: Arc<str>,
    connectors: Vec<Connector>,
    /// `after` resolved to indices, in compressed rows: connector `i`'s dependencies are
    /// `dep_list[dep_start[i]..dep_start[i + 1]]`. Both are empty when no connector has any.
    dep_start: Vec<u32>,
    dep_list: Vec<u32>,
}

/// The part of a connector an error points at.
#[derive(Debug, Clone, Copy)]
enum Field {
    Name,
    /// The `after` entry with this index.
    After(usize),
}

/// What is wrong with a list of connectors as a whole.
enum Problem {
    Empty,
    Duplicate { first: usize, again: usize },
    Unknown { connector: usize, entry: usize },
    Cycle(Vec<usize>),
}

const CSV_COLUMNS: [&str; 5] = ["name", "ready", "after", "priority", "not_before"];

impl Batch {
    /// Reads a batch file, picking the format by the file name's extension: `.toml` or
    /// `.csv`. Local times and dates in it are read in `zone` (the schedule zone).
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::embedded()?;
    /// let text = "name,ready,after\nContoso,2026-11-23T10:00-08:00,\nFabrikam,2026-11-23,Contoso\n";
    /// let batch = golive::Batch::parse(&golive::Source::new("week48.csv", text), config.timezone)?;
    /// assert_eq!(batch.connectors()[1].after, ["Contoso"]);
    /// assert_eq!(batch.connectors()[1].ready.to_rfc3339(), "2026-11-23T00:00:00-08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(source: &Source, zone: Tz) -> Result<Batch> {
        let lower = source.name.to_ascii_lowercase();
        if lower.ends_with(".toml") {
            Batch::parse_toml(source, zone)
        } else if lower.ends_with(".csv") {
            Batch::parse_csv(source, zone)
        } else {
            Err(Error::argument(
                "batch file",
                source.name.to_string(),
                "the name must end in .toml or .csv, which says how to read it",
            ))
        }
    }

    /// Reads a TOML batch: `[[connector]]` tables with `name`, `ready` and optionally
    /// `after`, `priority` and `not_before`.
    pub fn parse_toml(source: &Source, zone: Tz) -> Result<Batch> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawBatch {
            connector: Option<Vec<RawConnector>>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawConnector {
            name: Spanned<String>,
            ready: Spanned<toml::Value>,
            after: Option<Spanned<toml::Value>>,
            priority: Option<Spanned<i64>>,
            not_before: Option<Spanned<toml::Value>>,
        }
        let raw: RawBatch = source.parse_toml()?;
        let raw = raw.connector.unwrap_or_default();
        let mut connectors = Vec::with_capacity(raw.len());
        // Spans of each connector's name and `after` entries, for errors found later.
        let mut spans: Vec<(Range<usize>, Vec<Range<usize>>)> = Vec::with_capacity(raw.len());
        let mut lines = Lines::new(&source.text);
        for c in raw {
            let name = c.name.get_ref().trim().to_string();
            let name_span = c.name.span();
            if name.is_empty() {
                return Err(source.error(name_span, "a connector needs a non-empty name"));
            }
            let value_text = |v: &toml::Value| match v {
                toml::Value::Datetime(d) => Some(d.to_string()),
                toml::Value::String(s) => Some(s.clone()),
                _ => None,
            };
            let ready = match value_text(c.ready.get_ref()) {
                Some(t) => read_ready(&t, zone),
                None => Err(Error::argument("ready", "", "")),
            }
            .map_err(|e| {
                source.error(c.ready.span(), ready_message(&name, c.ready.get_ref(), &e))
            })?;
            check_ready_year(source, || c.ready.span(), &name, ready, zone)?;
            let not_before = match &c.not_before {
                None => None,
                Some(v) => Some(
                    value_text(v.get_ref())
                        .and_then(|t| crate::time::parse_date(&t, "not_before").ok())
                        .ok_or_else(|| {
                            source.error(v.span(), not_before_message(&name, v.get_ref()))
                        })?,
                ),
            };
            let (after, after_spans) = match &c.after {
                None => (Vec::new(), Vec::new()),
                Some(v) => toml_names(source, v, &name)?,
            };
            connectors.push(Connector {
                name,
                ready,
                after,
                priority: c.priority.map_or(0, |p| p.into_inner()),
                not_before,
                line: lines.line_of(name_span.start),
            });
            spans.push((name_span, after_spans));
        }
        Batch::resolve(source.name.clone(), connectors, |connectors, problem| {
            let at = |i: usize, field: Field| match field {
                Field::Name => spans[i].0.clone(),
                Field::After(k) => spans[i].1[k].clone(),
            };
            locate(source, connectors, problem, at, "no [[connector]] tables")
        })
    }

    /// Reads a CSV batch with a header row: `name` and `ready` are required; `after` (names
    /// separated by `;`), `priority` and `not_before` are optional; columns may come in any
    /// order. Rows whose cells are all empty (a spreadsheet's blank lines) are skipped; there
    /// are no comment lines, so that a name starting with `#` is never dropped.
    pub fn parse_csv(source: &Source, zone: Tz) -> Result<Batch> {
        let mut csv = CsvBatch::open(source)?;
        let mut connectors = Vec::new();
        // Byte offset of each connector's row, for errors found later.
        let mut rows: Vec<usize> = Vec::new();
        csv.rows(zone, |row| {
            connectors.push(Connector {
                name: row.name.to_string(),
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
                line: row.line,
            });
            rows.push(row.offset);
            Ok(())
        })?;
        let text = &*source.text;
        let (name_col, after_col) = (csv.name_col, csv.after_col);
        Batch::resolve(source.name.clone(), connectors, |connectors, problem| {
            let at = |i: usize, field: Field| match field {
                Field::Name => field_span(text, rows[i], name_col),
                Field::After(k) => {
                    entry_span(text, field_span(text, rows[i], after_col.unwrap_or(0)), k)
                }
            };
            locate(source, connectors, problem, at, "a header but no rows")
        })
    }

    /// A batch built in code. Errors name the connector and its `line` field.
    ///
    /// # Example
    /// ```
    /// use golive::{Batch, Connector};
    /// let ready = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00-08:00")?;
    /// let c = |name: &str, after: &[&str]| Connector {
    ///     name: name.into(),
    ///     ready,
    ///     after: after.iter().map(|a| a.to_string()).collect(),
    ///     priority: 0,
    ///     not_before: None,
    ///     line: 0,
    /// };
    /// let err = Batch::new("code", vec![c("A", &["B"]), c("B", &["A"])]).unwrap_err();
    /// assert!(err.to_string().contains("A -> B -> A"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(file: impl Into<Arc<str>>, connectors: Vec<Connector>) -> Result<Batch> {
        let file = file.into();
        let name = file.clone();
        Batch::resolve(file, connectors, move |c, problem| {
            let argument = |i: usize| match c[i].line {
                0 => format!("connector \"{}\"", short(&c[i].name)),
                n => format!("connector \"{}\" (line {n})", short(&c[i].name)),
            };
            match problem {
                Problem::Empty => Error::argument("batch", name.to_string(), "has no connectors"),
                Problem::Duplicate { first, again } => Error::argument(
                    argument(again),
                    c[again].name.clone(),
                    format!("the name is already used on line {}", c[first].line),
                ),
                Problem::Unknown { connector, entry } => Error::argument(
                    argument(connector),
                    c[connector].after[entry].clone(),
                    "an `after` entry names a connector that is not in the batch",
                ),
                Problem::Cycle(cycle) => Error::argument(
                    argument(cycle[0]),
                    c[cycle[0]].name.clone(),
                    cycle_message(&cycle, |i| short(&c[i].name), |i| c[i].line),
                ),
            }
        })
    }

    /// Checks names and dependencies, turning each problem into an error with `error`.
    fn resolve(
        file: Arc<str>,
        mut connectors: Vec<Connector>,
        error: impl FnOnce(&[Connector], Problem) -> Error,
    ) -> Result<Batch> {
        if connectors.is_empty() {
            return Err(error(&connectors, Problem::Empty));
        }
        for c in &mut connectors {
            let trimmed = c.name.trim();
            if trimmed.len() != c.name.len() {
                c.name = trimmed.to_string();
            }
        }
        let mut index: HashMap<&str, u32> = HashMap::with_capacity(connectors.len());
        for (i, c) in connectors.iter().enumerate() {
            if let Some(&first) = index.get(c.name.as_str()) {
                return Err(error(
                    &connectors,
                    Problem::Duplicate {
                        first: first as usize,
                        again: i,
                    },
                ));
            }
            index.insert(&c.name, i as u32);
        }
        let (mut dep_start, mut dep_list) = (Vec::new(), Vec::new());
        if connectors.iter().any(|c| !c.after.is_empty()) {
            dep_start.reserve(connectors.len() + 1);
            dep_start.push(0);
            for (i, c) in connectors.iter().enumerate() {
                for (k, name) in c.after.iter().enumerate() {
                    match index.get(name.trim()) {
                        Some(&d) => dep_list.push(d),
                        None => {
                            return Err(error(
                                &connectors,
                                Problem::Unknown {
                                    connector: i,
                                    entry: k,
                                },
                            ));
                        }
                    }
                }
                dep_start.push(dep_list.len() as u32);
            }
        }
        drop(index);
        let batch = Batch {
            file,
            connectors,
            dep_start,
            dep_list,
        };
        if !batch.dep_list.is_empty() {
            let mut graph = DiGraph::<(), ()>::with_capacity(batch.len(), batch.dep_list.len());
            for _ in 0..batch.len() {
                graph.add_node(());
            }
            for i in 0..batch.len() {
                for &d in batch.after(i) {
                    graph.add_edge(NodeIndex::new(d as usize), NodeIndex::new(i), ());
                }
            }
            if let Err(cycle) = crate::graph::toposort(&graph) {
                return Err(error(
                    &batch.connectors,
                    Problem::Cycle(cycle.into_iter().map(|n| n.index()).collect()),
                ));
            }
        }
        Ok(batch)
    }

    /// The file the batch was read from, as named in errors.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The connectors, in the order of the file.
    pub fn connectors(&self) -> &[Connector] {
        &self.connectors
    }

    /// How many connectors the batch holds (never zero).
    pub fn len(&self) -> usize {
        self.connectors.len()
    }

    /// Always false: a batch holds at least one connector.
    pub fn is_empty(&self) -> bool {
        self.connectors.is_empty()
    }

    /// Whether any connector has an `after` list.
    pub fn has_dependencies(&self) -> bool {
        !self.dep_list.is_empty()
    }

    /// The indices of the connectors that connector `i` must wait for.
    pub fn after(&self, i: usize) -> &[u32] {
        match (self.dep_start.get(i), self.dep_start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.dep_list[a as usize..b as usize],
            _ => &[],
        }
    }

    /// `file:line` of connector `i`, for messages.
    pub fn place(&self, i: usize) -> String {
        format!("{}:{}", self.file, self.connectors[i].line)
    }
}

/// Reads a readiness value: RFC 3339, a local date-time or a date, local ones in `zone`.
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
                Some(d) => Some(crate::time::parse_date(d, "not_before").map_err(|_| {
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

fn read_ready(text: &str, zone: Tz) -> Result<DateTime<FixedOffset>> {
    match crate::time::parse_rfc3339_fast(text) {
        Some(t) => Ok(t),
        None => Ok(parse_typed(text, "ready")?.resolve(zone)),
    }
}

/// The message for a `ready` value that does not parse; `error` says what the time parser
/// found wrong, when it got as far as reading text.
fn ready_message(name: &str, value: &toml::Value, error: &Error) -> String {
    let (name, value) = (short(name), toml_value(value));
    match error {
        Error::Argument { message, .. } if !message.is_empty() => {
            format!("connector \"{name}\": ready = {value} is not a date or date-time: {message}")
        }
        _ => format!(
            "connector \"{name}\": ready = {value} is not a date or date-time; expected e.g. \
             2026-11-23T10:00:00-08:00, 2026-11-23T10:00 (in the schedule zone) or 2026-11-23"
        ),
    }
}

fn not_before_message(name: &str, value: &toml::Value) -> String {
    let (name, value) = (short(name), toml_value(value));
    format!("connector \"{name}\": not_before = {value} is not a date; expected e.g. 2026-12-01")
}

fn check_ready_year(
    source: &Source,
    span: impl FnOnce() -> Range<usize>,
    name: &str,
    ready: DateTime<FixedOffset>,
    zone: Tz,
) -> Result<()> {
    // No zone is more than a day from UTC, so only the years at the ends need the zone.
    let year = ready.naive_utc().year();
    let (first, last) = crate::schedule::SUPPORTED_YEARS.into_inner();
    if first < year && year < last {
        return Ok(());
    }
    let day = ready.with_timezone(&zone).date_naive();
    crate::schedule::check_year(day, "ready").map_err(|e| match e {
        Error::Argument { message, .. } => source.error(
            span(),
            format!(
                "connector \"{}\": ready {} {message}",
                short(name),
                ready.to_rfc3339()
            ),
        ),
        other => other,
    })
}

/// Reads `after` from TOML: a list of names, or one name.
fn toml_names(
    source: &Source,
    value: &Spanned<toml::Value>,
    name: &str,
) -> Result<(Vec<String>, Vec<Range<usize>>)> {
    let bad = || {
        source.error(
            value.span(),
            format!(
                "connector \"{}\": after = {} must be a list of connector names, e.g. after = [\"Contoso\"]",
                short(name),
                toml_value(value.get_ref())
            ),
        )
    };
    match value.get_ref() {
        toml::Value::String(s) => Ok((vec![s.trim().to_string()], vec![value.span()])),
        toml::Value::Array(items) => {
            // Array items carry no spans of their own; find each in the array's text.
            let text = &source.text[value.span()];
            let mut from = 0;
            let mut names = Vec::with_capacity(items.len());
            let mut spans = Vec::with_capacity(items.len());
            for item in items {
                let toml::Value::String(s) = item else {
                    return Err(bad());
                };
                let at = text[from..].find(s.as_str()).map(|i| from + i);
                let span = match at {
                    Some(i) => {
                        from = i + s.len();
                        value.span().start + i..value.span().start + i + s.len()
                    }
                    None => value.span(),
                };
                names.push(s.trim().to_string());
                spans.push(span);
            }
            Ok((names, spans))
        }
        _ => Err(bad()),
    }
}

/// The error for `problem` in a parsed file; `at` gives the span of a connector's field.
fn locate(
    source: &Source,
    connectors: &[Connector],
    problem: Problem,
    at: impl Fn(usize, Field) -> Range<usize>,
    empty: &str,
) -> Error {
    let line = |i: usize| connectors[i].line;
    let name = |i: usize| short(&connectors[i].name);
    match problem {
        Problem::Empty => source.error(
            0..0,
            format!("the batch holds no connectors ({empty}); add at least one"),
        ),
        Problem::Duplicate { first, again } => source.error(
            at(again, Field::Name),
            format!(
                "duplicate connector name \"{}\"; it is already used on line {}",
                name(again),
                line(first)
            ),
        ),
        Problem::Unknown { connector, entry } => {
            let missing = &connectors[connector].after[entry];
            let hint = connectors
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(missing.trim()))
                .map(|c| format!(" (did you mean \"{}\"?)", short(&c.name)))
                .unwrap_or_default();
            source.error(
                at(connector, Field::After(entry)),
                format!(
                    "connector \"{}\" is after \"{}\", which is not in this batch{hint}",
                    name(connector),
                    short(missing.trim())
                ),
            )
        }
        Problem::Cycle(cycle) => source.error(
            at(cycle[0], Field::After(0)),
            cycle_message(&cycle, name, line),
        ),
    }
}

fn cycle_message<N: std::fmt::Display>(
    cycle: &[usize],
    name: impl Fn(usize) -> N,
    line: impl Fn(usize) -> usize,
) -> String {
    let members: Vec<String> = cycle
        .iter()
        .map(|&i| match line(i) {
            0 => name(i).to_string(),
            n => format!("{} (line {n})", name(i)),
        })
        .collect();
    format!(
        "the dependencies form a cycle: {} -> {}; each must be live everywhere before the next starts, so none can ship",
        members.join(" -> "),
        name(cycle[0])
    )
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

    fn zone() -> Tz {
        chrono_tz::America::Los_Angeles
    }

    fn csv(text: &str) -> Result<Batch> {
        Batch::parse(&Source::new("b.csv", text), zone())
    }

    fn toml(text: &str) -> Result<Batch> {
        Batch::parse(&Source::new("b.toml", text), zone())
    }

    #[test]
    fn csv_columns_in_any_order_with_optional_ones() {
        let b = csv("priority, Ready ,name,after,not_before\n\
             2,2026-11-23T10:00-08:00,A,,\n\
             ,,,,\n\
             ,2026-11-24,\"B, Inc.\",A; C,2026-12-01\n\
             -1,2026-11-24T12:00Z,C,,\n")
        .unwrap();
        let c = b.connectors();
        assert_eq!(c.len(), 3);
        assert_eq!((c[0].priority, c[1].priority, c[2].priority), (2, 0, -1));
        assert_eq!(c[1].name, "B, Inc.");
        assert_eq!(c[1].after, ["A", "C"]);
        assert_eq!(b.after(1), [0, 2]);
        assert_eq!(c[1].line, 4);
        assert_eq!(c[1].not_before.unwrap().to_string(), "2026-12-01");
        assert_eq!(c[2].ready.to_rfc3339(), "2026-11-24T12:00:00+00:00");
    }

    #[test]
    fn toml_batches_take_datetimes_dates_and_strings() {
        let b = toml(
            "[[connector]]\nname = \"A\"\nready = 2026-11-23T10:00:00-08:00\n\n\
             [[connector]]\nname = \"B\"\nready = 2026-11-23T10:00:00\nafter = [\"A\"]\npriority = 3\nnot_before = 2026-12-01\n\n\
             [[connector]]\nname = \"C\"\nready = \"2026-11-23\"\nafter = \"B\"\n",
        )
        .unwrap();
        let c = b.connectors();
        assert_eq!(c[1].ready.to_rfc3339(), "2026-11-23T10:00:00-08:00");
        assert_eq!(c[2].ready.to_rfc3339(), "2026-11-23T00:00:00-08:00");
        assert_eq!((c[0].line, c[1].line, c[2].line), (2, 6, 13));
        assert_eq!(b.after(2), [1]);
    }

    fn err(result: Result<Batch>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn errors_name_file_line_column_and_value() {
        let e = err(csv("name,ready\nA,2026-11-23\nB,next tuesday\n"));
        assert!(
            e.starts_with("b.csv:3:3: connector \"B\": ready = \"next tuesday\""),
            "{e}"
        );
        let e = err(csv("name,ready\nA,2026-11-23\nA,2026-11-24\n"));
        assert!(
            e.starts_with(
                "b.csv:3:1: duplicate connector name \"A\"; it is already used on line 2"
            ),
            "{e}"
        );
        let e = err(csv("name,ready,after\nA,2026-11-23,Zed\n"));
        assert!(
            e.starts_with("b.csv:2:14: connector \"A\" is after \"Zed\""),
            "{e}"
        );
        let e = err(csv("name,when\nA,2026-11-23\n"));
        assert!(e.starts_with("b.csv:1:6: unknown column \"when\""), "{e}");
        let e = err(csv("ready\n2026-11-23\n"));
        assert!(e.starts_with("b.csv:1:1: missing column name"), "{e}");
        let e = err(csv("\nname,ready\n\n\nA,2026-11-23,extra\n"));
        assert!(
            e.starts_with("b.csv:5:1: this row has 3 fields but the header has 2"),
            "{e}"
        );
        let e = err(csv("name,ready,priority\nA,2026-11-23,high\n"));
        assert!(
            e.contains("b.csv:2:14: connector \"A\": priority \"high\""),
            "{e}"
        );
        let e = err(csv(""));
        assert!(
            e.contains("missing columns name and ready: the file has no header row"),
            "{e}"
        );
        let e = err(csv("name,ready\n"));
        assert!(e.contains("no connectors (a header but no rows)"), "{e}");
        // Regression: a name starting with '#' was read as a comment and dropped.
        let b = csv("name,ready\n#1 Reporting,2026-11-23\n").unwrap();
        assert_eq!(b.connectors()[0].name, "#1 Reporting");
        let e = err(toml(
            "[[connector]]\nname = \"A\"\nready = 2026-11-23\nafter = [\"B\", \"Q\"]\n[[connector]]\nname = \"B\"\nready = 2026-11-23\n",
        ));
        assert!(
            e.starts_with("b.toml:4:16: connector \"A\" is after \"Q\""),
            "{e}"
        );
        let e = err(toml("[[connector]]\nnam = \"A\"\n"));
        assert!(
            e.contains("unknown key `nam` (did you mean `name`?)"),
            "{e}"
        );
        let e = err(Batch::parse(&Source::new("b.txt", ""), zone()));
        assert!(e.contains("must end in .toml or .csv"), "{e}");
        let e = err(csv("name,ready\nA,1969-12-31\n"));
        assert!(
            e.contains("b.csv:2:3: connector \"A\": ready 1969-12-31T00:00:00-08:00 is outside"),
            "{e}"
        );
    }

    #[test]
    fn cycles_are_named_in_order_with_lines() {
        let e = err(csv(
            "name,ready,after\nA,2026-11-23,\nB,2026-11-23,D\nC,2026-11-23,B\nD,2026-11-23,C;A\n",
        ));
        assert!(
            e.starts_with("b.csv:3:14: the dependencies form a cycle: B (line 3) -> C (line 4) -> D (line 5) -> B"),
            "{e}"
        );
        let e = err(csv("name,ready,after\nA,2026-11-23,A\n"));
        assert!(e.contains("cycle: A (line 2) -> A"), "{e}");
    }

    #[test]
    fn field_spans_follow_quotes() {
        let text = "a,\"b,\nc\",d\n";
        assert_eq!(&text[field_span(text, 0, 2)], "d");
        assert_eq!(field_span(text, 0, 5), 10..10);
    }
}
