//! The export layer: answers rendered as tables, JSON, CSV, iCalendar and HTML.
//!
//! Functions here turn computed values into text; they compute nothing and never print. Every
//! renderer writes to a `&mut dyn io::Write` and takes an [`Output`] (the format and its
//! options). The JSON shapes are a contract scripts depend on (`docs/json.md`, with a JSON
//! Schema per output in `docs/schema/`): keys may be added, never renamed, and every key is
//! always written, null when it does not apply. One file per answer: `when`, `trains` (and the deploy calendar), `holidays`,
//! `plan` (and the streamed plan), `what_if`, `regions` and `estimate` (the whole journey);
//! `words` holds the English they share, `html` what the HTML pages share.

mod estimate;
mod grid;
mod holidays;
mod html;
mod plan;
mod regions;
mod site;
mod trains;
mod what_if;
mod when;
mod words;

use std::io::{self, Write};

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use comfy_table::{Cell, ContentArrangement, Table, presets};
use serde::Serialize;

pub use estimate::{EstimateReport, estimate};
pub use holidays::holidays;
pub use html::MAX_PAGE_CONNECTORS;
pub use plan::{departed, plan, streamed_csv, streamed_departed, streamed_ics, streamed_json};
pub use regions::regions;
pub use site::{BlockedDays, SiteTrain, site_page, site_trains};
pub use trains::{calendar, trains};
pub use what_if::{summary as what_if_summary, what_if};
pub use when::{WhenReport, when};

/// An output format for answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A human-readable table.
    Table,
    /// JSON.
    Json,
    /// CSV with a header row.
    Csv,
    /// iCalendar (RFC 5545), for calendar clients.
    Ics,
    /// A self-contained HTML page (`when` and `plan`), in the look of the site's page.
    Html,
}

/// How an answer is rendered: its format, and what the format needs.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Output {
    /// The format.
    pub format: Format,
    /// Whether a table lists every skipped day, and CSV adds a `skipped` column (`when`).
    pub explain: bool,
    /// For [`Format::Ics`]: when the export is made and the export it replaces.
    pub ics: crate::ics::Options,
    /// The zone the reader reads in (`--tz`): every time shown is in it, all-day events fall
    /// on its dates, and JSON adds a `tz` object with the answer's times in it. `None` shows
    /// times in the schedule zone, as the contract gives them.
    pub zone: Option<Tz>,
    /// For [`Format::Table`]: the widest line a reader can see, in display columns (the
    /// terminal's width). Tables drop or merge columns and wrap long text inside cells to fit,
    /// and prose around them wraps too. `None` writes every table whole, as pipes and files
    /// get it.
    pub width: Option<u16>,
    /// The clock's reading, when the caller has one: tables mark trains that started before
    /// it ("left 4 days ago"). The library never reads the clock itself.
    pub now: Option<DateTime<chrono::Utc>>,
    /// Whether a table may be coloured (ANSI escapes) where colour helps a person scan it: the
    /// headline, warnings, blocked days. The CLI sets it for a terminal, `--color` and NO_COLOR.
    pub color: bool,
    /// With [`Format::Json`]: JSON Lines instead, one object a line (`golive plan --format
    /// jsonl`: one connector a line, the objects of the JSON's `connectors`).
    pub lines: bool,
    /// Called as a long answer is written, with how many items (a plan's connectors) are
    /// done so far: every [`Progress::EVERY`] items and once at the end.
    pub progress: Option<Progress>,
}

/// A progress hook for long answers (see [`Output::progress`]), such as a progress bar's
/// `set_position`.
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(usize) + Send + Sync>);

impl Progress {
    /// How many items pass between two calls.
    pub const EVERY: usize = 4096;

    /// Reports `done` items when it is a multiple of [`Progress::EVERY`].
    #[inline]
    pub(crate) fn tick(progress: Option<&Progress>, done: usize) {
        if let Some(p) = progress
            && done.is_multiple_of(Self::EVERY)
        {
            (p.0)(done);
        }
    }

    /// Reports that `done` items are done, the last call.
    pub(crate) fn finish(progress: Option<&Progress>, done: usize) {
        if let Some(p) = progress {
            (p.0)(done);
        }
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress(..)")
    }
}

impl Output {
    /// Rendering in `format`, without explanations; an iCalendar export stamped with the
    /// Unix epoch and replacing no earlier export (set [`Output::ics`] to change that).
    pub fn new(format: Format) -> Output {
        Output {
            format,
            explain: false,
            ics: crate::ics::Options::default(),
            zone: None,
            width: None,
            now: None,
            color: false,
            lines: false,
            progress: None,
        }
    }

    /// The same, coloured or not: see [`Output::color`].
    pub fn colored(mut self, color: bool) -> Output {
        self.color = color;
        self
    }

    /// `text` in `style` when [`Output::color`] allows it, else as it is.
    pub(crate) fn paint(&self, style: anstyle::Style, text: &str) -> String {
        match self.color {
            true => format!("{style}{text}{style:#}"),
            false => text.to_string(),
        }
    }

    /// The same, for a reader in `zone` (`--tz`): see [`Output::zone`].
    pub fn in_zone(mut self, zone: Tz) -> Output {
        self.zone = Some(zone);
        self
    }

    /// The zone times are shown in: [`Output::zone`], else the schedule zone of `config`.
    fn reader_zone(&self, config: &crate::Config) -> Tz {
        self.zone.unwrap_or(config.timezone())
    }

    /// The same, listing every skipped day.
    pub fn explained(mut self, explain: bool) -> Output {
        self.explain = explain;
        self
    }

    /// The same, with tables fitted to `width` display columns (see [`Output::width`]).
    pub fn with_width(mut self, width: Option<u16>) -> Output {
        self.width = width;
        self
    }

    /// The same, marking trains that left before `now` (see [`Output::now`]).
    pub fn at(mut self, now: DateTime<chrono::Utc>) -> Output {
        self.now = Some(now);
        self
    }

    /// "left 4 days ago" for a train that started at `start` before [`Output::now`]; `None`
    /// for one still to come, or without a clock.
    fn left(&self, start: &DateTime<Tz>) -> Option<String> {
        words::left_ago(start, self.now?)
    }

    /// Whether a table must fit fewer than `columns` display columns: the cue to drop or
    /// merge columns that a full table shows side by side.
    fn narrower_than(&self, columns: u16) -> bool {
        self.width.is_some_and(|w| w < columns)
    }

    /// The same, as JSON Lines (see [`Output::lines`]).
    pub fn json_lines(mut self) -> Output {
        self.lines = true;
        self
    }

    /// The same, calling `progress` as the answer is written (see [`Output::progress`]).
    pub fn with_progress(mut self, progress: Progress) -> Output {
        self.progress = Some(progress);
        self
    }

    /// The same, with iCalendar options.
    pub fn with_ics(mut self, ics: crate::ics::Options) -> Output {
        self.ics = ics;
        self
    }
}

/// How many rows one table holds: a huge plan or what-if goes out in tables of this many
/// rows each, since a table is laid out in memory before it is written.
const TABLE_ROWS: usize = 10_000;

/// An error for a format an answer has no form in.
fn unsupported(what: &str, format: Format) -> io::Error {
    io::Error::new(
        io::ErrorKind::Unsupported,
        format!("{what} has no {format:?} form"),
    )
}

/// `Fri 2026-11-27 09:00 PST`
fn stamp(t: DateTime<Tz>) -> String {
    crate::time::stamp(t)
}

/// `Fri 2026-11-27`
fn day(d: NaiveDate) -> String {
    d.format("%a %Y-%m-%d").to_string()
}

/// A table with `header`, fitted to [`Output::width`] when it is set: columns wider than
/// their share wrap their text (at spaces where they can) so that no line is wider.
fn new_table(header: &[&str], output: &Output) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
    t.set_header(header.iter().map(Cell::new));
    if let Some(width) = output.width {
        t.set_content_arrangement(ContentArrangement::Dynamic);
        t.set_width(width);
    }
    t
}

/// `text` (lines of prose) wrapped to [`Output::width`] at spaces; a wrapped line's
/// continuation keeps its indentation. Unchanged without a width.
fn wrap(text: &str, output: &Output) -> String {
    wrap_to(text, output.width)
}

/// [`wrap`], to `width` display columns (`None`: unchanged).
pub(crate) fn wrap_to(text: &str, width: Option<u16>) -> String {
    let Some(width) = width else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let indent = &line[..line.len() - line.trim_start_matches(' ').len()];
        let options = textwrap::Options::new(usize::from(width).max(20))
            .initial_indent(indent)
            .subsequent_indent(indent)
            .break_words(true);
        out.push_str(&textwrap::fill(&line[indent.len()..], options));
    }
    out
}

/// Writes a table and a line break.
fn write_table(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    writeln!(out, "{table}")
}

/// Writes CSV: a header row, then the rows.
fn write_csv(
    out: &mut dyn Write,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header)?;
    for row in rows {
        w.write_record(&row)?;
    }
    w.flush()
}

/// Writes `value` as pretty JSON and a line break.
fn write_json<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// A JSON array serialized from an iterator, without collecting it.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct SkippedJson<'a> {
    date: NaiveDate,
    reasons: &'a [crate::calendar::Reason],
}

#[derive(Serialize)]
struct RegionDate<'a> {
    key: &'a str,
    date: NaiveDate,
}

/// A seasonal-freeze warning: `{"kind": "seasonal-freeze", "name", "from", "until", "source",
/// "regions": [{"key", "date"}]}`, with the rule it is carried by, the announced freeze it is
/// carried from and the train start if it recurred.
#[derive(Serialize)]
struct WarningJson<'a> {
    kind: &'static str,
    name: &'a str,
    from: NaiveDate,
    until: NaiveDate,
    source: Option<&'a str>,
    rule: &'a str,
    carried_from: CarriedJson<'a>,
    train_start: Option<String>,
    regions: Vec<RegionDate<'a>>,
}

#[derive(Serialize)]
struct CarriedJson<'a> {
    name: &'a str,
    from: NaiveDate,
    until: NaiveDate,
}

fn warnings_json<'a>(
    config: &'a crate::Config,
    warnings: &'a [crate::SeasonalWarning],
) -> Vec<WarningJson<'a>> {
    warnings
        .iter()
        .map(|w| WarningJson {
            kind: "seasonal-freeze",
            name: &w.name,
            from: w.from,
            until: w.until,
            source: w.source.as_deref(),
            rule: &w.rule,
            carried_from: CarriedJson {
                name: &w.carried_from.0,
                from: w.carried_from.1,
                until: w.carried_from.2,
            },
            train_start: w.train.as_ref().map(|t| t.start_at.to_rfc3339()),
            regions: config
                .regions()
                .iter()
                .zip(&w.dates)
                .map(|(r, &date)| RegionDate { key: r.key(), date })
                .collect(),
        })
        .collect()
}

/// A region's deploy instant in the reader's zone (`--tz`), and the day it falls on there.
#[derive(Serialize)]
struct TzRegionJson<'a> {
    key: &'a str,
    date: NaiveDate,
    at: String,
}
