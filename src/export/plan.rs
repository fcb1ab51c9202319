//! Rendering batch plans: tables for release managers, JSON, CSV and iCalendar for scripts
//! and calendars, and the streamed plan of a plain CSV batch (the HTML page is in `html`).
//!
//! These write to a stream instead of building a string, so that a plan of a million
//! connectors goes out row by row; JSON arrays are serialized from iterators for the same
//! reason.

mod html;

use std::io::{self, Write};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use chrono_tz::Tz;
use comfy_table::{Cell, CellAlignment};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::Progress;
use super::grid::Grid;
use super::words::{
    plural, push_text, recurred_dates, season_basis, season_text, train_line, waited,
};
use super::{
    Format, Output, RegionDate, Seq, TABLE_ROWS, TzRegionJson, WarningJson, day, new_table, stamp,
    warnings_json, wrap,
};
use crate::batch::{Batch, ConnectorId};
use crate::config::{Config, Region};
use crate::error::Result;
use crate::ics::{Feed, IcsText, LiveUid};
use crate::plan::{Plan, Push, StreamedPlan, StreamedRow};
use crate::schedule::SeasonalWarning;
use crate::schedule::Train;

/// How many names a train's row in the table lists before "and N more".
const NAMES_IN_TABLE: usize = 12;

/// Everything a plan renderer needs.
struct View<'a> {
    config: &'a Config,
    batch: &'a Batch,
    plan: &'a Plan,
    /// The reader's zone, when `--tz` gave one.
    tz: Option<Tz>,
    /// How the answer was asked for (tables: the width and the clock).
    output: &'a Output,
}

/// Renders the answer of `golive plan`: the trains and every connector's region dates, with
/// why a connector was pushed to a later train. As iCalendar, an all-day event per connector
/// and region, streamed.
pub fn plan(
    config: &Config,
    batch: &Batch,
    plan: &Plan,
    output: &Output,
    out: &mut dyn Write,
) -> io::Result<()> {
    let view = View {
        config,
        batch,
        plan,
        tz: output.zone,
        output,
    };
    match output.format {
        Format::Ics => {
            let mut out = io::BufWriter::with_capacity(1 << 16, out);
            view.ics(&output.ics, output.progress.as_ref(), &mut out)?;
            out.flush()
        }
        Format::Json => {
            // serde_json writes in small pieces: gather them before the dynamic writer.
            let mut out = io::BufWriter::with_capacity(1 << 16, out);
            let progress = output.progress.as_ref();
            if output.lines {
                view.json_lines(&mut out, progress)?;
            } else {
                let doc = Document {
                    view: &view,
                    progress,
                };
                serde_json::to_writer_pretty(&mut out, &doc)?;
                out.write_all(b"\n")?;
            }
            out.flush()
        }
        Format::Csv => view.csv(out, output.progress.as_ref()),
        Format::Table => view.table(out),
        Format::Html => html::page(&view, out),
    }
}

impl View<'_> {
    /// The zone times are shown in: `--tz`, else the schedule zone.
    fn zone(&self) -> Tz {
        self.zones().zone()
    }

    /// An instant as the reader reads it.
    fn shown<Z: TimeZone>(&self, t: DateTime<Z>) -> DateTime<Tz> {
        self.zones().shown(t)
    }

    /// The day region deploys of `date` (a schedule-zone day) fall on for the reader.
    fn shown_day(&self, date: NaiveDate) -> NaiveDate {
        self.zones().shown_day(date)
    }

    fn name(&self, id: ConnectorId) -> &str {
        self.batch.get(id).map_or("", |c| c.name.as_str())
    }

    /// Why connector `i` was pushed, for people: empty when it was not.
    fn pushed(&self, i: usize) -> String {
        let parts: Vec<String> = self.plan.placements()[i]
            .pushed
            .iter()
            .map(|p| push_text(p, &|on| self.name(on).to_string()))
            .collect();
        parts.join("; ")
    }

    fn capacity_text(&self) -> String {
        match self.plan.capacity() {
            Some(n) => format!("at most {n} per train"),
            None => "no capacity limit".into(),
        }
    }

    /// "left 4 days ago" for a train that started before the clock's reading.
    fn left(&self, train: &crate::schedule::Train) -> Option<String> {
        self.output.left(&self.shown(train.start_at))
    }

    /// Whether the connectors' table cannot show a column per region in the width: then
    /// each train's row lists its region dates, and a connector's row its last region.
    fn narrow(&self) -> bool {
        let regions: usize = (self.config.regions().iter())
            .map(|r| r.key().len().max(9) + 3)
            .sum();
        // Name, readiness, train and pushed columns at modest widths, and the regions.
        let full = 1 + (20 + 3) + (16 + 3) + (10 + 3) + regions + (24 + 3);
        self.output
            .narrower_than(full.min(usize::from(u16::MAX)) as u16)
    }

    fn table(&self, out: &mut dyn Write) -> io::Result<()> {
        let output = self.output;
        let zone = self.zone();
        let narrow = self.narrow();
        let (plan, connectors) = (self.plan, self.batch.connectors());
        let pushed_count = plan
            .placements()
            .iter()
            .filter(|p| !p.pushed.is_empty())
            .count();
        let head = format!(
            "Plan for {} from {}: {} ({}); times in {}\n",
            plural(connectors.len() as u32, "connector", "connectors"),
            self.batch.file(),
            plural(plan.trains().len() as u32, "train", "trains"),
            self.capacity_text(),
            zone.name()
        );
        writeln!(out, "{}", wrap(&head, output))?;
        let mut header = vec![
            "Train starts",
            "Cutoff",
            "Last region",
            "Riders",
            "Connectors",
        ];
        if narrow {
            header[2] = "Regions live";
        }
        let mut t = new_table(&header, output);
        for train in plan.trains() {
            let n = train.riders.len();
            let riders = match plan.capacity() {
                Some(c) if n as u32 >= c => format!("{n}/{c} full"),
                Some(c) => format!("{n}/{c}"),
                None => n.to_string(),
            };
            let mut names: Vec<&str> = train
                .riders
                .iter()
                .take(NAMES_IN_TABLE)
                .map(|&id| self.name(id))
                .collect();
            let more = n.saturating_sub(NAMES_IN_TABLE);
            let more = format!("and {more} more");
            if n > NAMES_IN_TABLE {
                names.push(&more);
            }
            let mut starts = day(self.shown(train.train.start_at).date_naive());
            if let Some(left) = self.left(&train.train) {
                starts = format!("{starts} ({left})");
            }
            let last = match narrow {
                true => (self.config.regions().iter().zip(&train.dates))
                    .map(|(r, &d)| format!("{} {}", r.key(), self.region_day(d)))
                    .collect::<Vec<_>>()
                    .join("\n"),
                false => day(self.shown_day(train.finish())),
            };
            t.add_row(vec![
                Cell::new(starts),
                Cell::new(stamp(self.shown(train.train.cutoff))),
                Cell::new(last),
                Cell::new(riders).set_alignment(CellAlignment::Right),
                Cell::new(names.join(", ")),
            ]);
        }
        writeln!(out, "{t}\n")?;
        let mut notes = String::new();
        if let Some(line) = departed(plan, output) {
            notes.push_str(&format!("⚠ {line}.\n\n"));
        }
        // Trains that one recurring freeze would send to the same dates share a warning.
        let mut groups: Vec<(&SeasonalWarning, Vec<String>)> = Vec::new();
        for train in plan.trains() {
            for w in &train.warnings {
                let same = |g: &&mut (&SeasonalWarning, Vec<String>)| {
                    (&g.0.name, g.0.from, &g.0.dates) == (&w.name, w.from, &w.dates)
                };
                match groups.iter_mut().find(|g| same(g)) {
                    Some(g) => g.1.push(day(train.train.start)),
                    None => groups.push((w, vec![day(train.train.start)])),
                }
            }
        }
        for (w, starts) in &groups {
            notes.push_str(&format!(
                "⚠ Seasonal freeze, {} {}: {}. If it recurs: {}.\n  {}.\n",
                if starts.len() == 1 {
                    "train of"
                } else {
                    "trains of"
                },
                starts.join(", "),
                season_text(w),
                recurred_dates(self.config, w),
                season_basis(w)
            ));
        }
        if !groups.is_empty() {
            notes.push_str(
                "  Dates in this plan follow the configured freezes only; a plan with the freeze (--what-if) also shows what full trains do.\n\n",
            );
        }
        out.write_all(wrap(&notes, output).as_bytes())?;
        self.connectors_table(out)?;
        if pushed_count > 0 {
            let line = format!(
                "\n{} of {} ride a later train than their readiness alone would catch.\n",
                pushed_count,
                plural(connectors.len() as u32, "connector", "connectors")
            );
            out.write_all(wrap(&line, output).as_bytes())?;
        }
        Ok(())
    }

    /// `Mon 11-30`: a region's day in the connectors' table.
    fn region_day(&self, date: NaiveDate) -> String {
        self.shown_day(date).format("%a %m-%d").to_string()
    }

    /// The connectors' table: a row per connector with its readiness, its train and its
    /// region dates (or, narrow, its last region), and why it was pushed.
    ///
    /// A table is laid out in memory before it is written; a huge batch goes out in tables
    /// of TABLE_ROWS connectors each, so memory stays bounded. Every rider of a train shares
    /// its cells, so they are laid out once per train; a chunk that fits its width goes out
    /// through [`Grid`], one that must wrap through comfy-table, which writes the same bytes
    /// for a table that fits (a test holds them equal).
    fn connectors_table(&self, out: &mut dyn Write) -> io::Result<()> {
        self.connectors_table_with(out, true)
    }

    /// [`View::connectors_table`], with or without the [`Grid`] fast path.
    fn connectors_table_with(&self, out: &mut dyn Write, fast: bool) -> io::Result<()> {
        let (plan, connectors) = (self.plan, self.batch.connectors());
        let zone = self.zone();
        let narrow = self.narrow();
        let mut header = vec!["Connector", "Ready", "Train"];
        match narrow {
            true => header.push("Last region"),
            false => header.extend(self.config.regions().iter().map(Region::key)),
        }
        header.push("Pushed to a later train");
        let shared: Vec<Vec<String>> = plan
            .trains()
            .iter()
            .map(|t| {
                let mut start = self.shown(t.train.start_at).date_naive().to_string();
                if self.left(&t.train).is_some() {
                    start.push_str(" (left)");
                }
                let mut cells = vec![start];
                match narrow {
                    true => cells.push(day(self.shown_day(t.finish()))),
                    false => cells.extend(t.dates.iter().map(|&d| self.region_day(d))),
                }
                cells
            })
            .collect();
        let placements = plan.placements();
        for (chunk, rows) in connectors.chunks(TABLE_ROWS).enumerate() {
            let first = chunk * TABLE_ROWS;
            let ready: Vec<String> = rows
                .iter()
                .map(|c| minute(c.ready.with_timezone(&zone).naive_local()))
                .collect();
            let pushed: Vec<String> = (first..first + rows.len())
                .map(|i| match placements[i].pushed.is_empty() {
                    true => String::new(),
                    false => self.pushed(i),
                })
                .collect();
            let row = |k: usize| {
                let i = first + k;
                std::iter::once(rows[k].name.as_str())
                    .chain([ready[k].as_str()])
                    .chain(
                        shared[placements[i].train as usize]
                            .iter()
                            .map(String::as_str),
                    )
                    .chain([pushed[k].as_str()])
            };
            if fast {
                let mut grid = Grid::new(&header, rows.len());
                let mut cells: Vec<&str> = Vec::with_capacity(header.len());
                for k in 0..rows.len() {
                    cells.clear();
                    cells.extend(row(k));
                    grid.push(&cells);
                }
                if let Some(done) = grid.write(self.output.width, out) {
                    done?;
                    writeln!(out)?;
                    continue;
                }
            }
            let mut t = new_table(&header, self.output);
            for k in 0..rows.len() {
                t.add_row(row(k));
            }
            writeln!(out, "{t}")?;
        }
        Ok(())
    }

    fn csv(&self, out: &mut dyn Write, progress: Option<&Progress>) -> io::Result<()> {
        let zones = self.zones();
        let mut rows = CsvRows::start(self.config, out)?;
        // Every rider of a train shares its start, region dates and note: lay them out once.
        let shared: Vec<TrainCells> = self
            .plan
            .trains()
            .iter()
            .map(|t| TrainCells::new(zones, &t.train, &t.dates, &t.warnings))
            .collect();
        for (i, c) in self.batch.connectors().iter().enumerate() {
            let p = &self.plan.placements()[i];
            let pushed = (!p.pushed.is_empty()).then(|| self.pushed(i));
            rows.row(
                &c.name,
                zones.ready(c.ready),
                &shared[p.train as usize],
                pushed.as_deref(),
            )?;
            Progress::tick(progress, i + 1);
        }
        Progress::finish(progress, self.batch.len());
        rows.finish()
    }
}

/// A plan's CSV, written row by row into a buffer of its own: the one writer of the full
/// planner's CSV and the streamed one's, so that the two are the same bytes.
struct CsvRows<'o> {
    out: io::BufWriter<&'o mut dyn Write>,
    line: Vec<u8>,
    stamp: [u8; 40],
}

/// What every rider of one train shares in its CSV row: `,start,date,...,` after the
/// readiness, and `,note` after `pushed`.
#[derive(Clone)]
struct TrainCells {
    cells: Vec<u8>,
    note: Vec<u8>,
}

impl TrainCells {
    fn new(
        zones: Zones<'_>,
        train: &crate::schedule::Train,
        dates: &[NaiveDate],
        warnings: &[SeasonalWarning],
    ) -> TrainCells {
        let mut cells = format!(",{}", zones.shown(train.start_at).to_rfc3339());
        for d in dates {
            cells.push_str(&format!(",{d}"));
        }
        cells.push(',');
        let mut note = vec![b','];
        csv_field(&mut note, &csv_note(zones.config, warnings));
        TrainCells {
            cells: cells.into_bytes(),
            note,
        }
    }
}

impl<'o> CsvRows<'o> {
    /// Writes the header: `name,ready,train_start,<region keys>,pushed,note`.
    fn start(config: &Config, out: &'o mut dyn Write) -> io::Result<CsvRows<'o>> {
        let mut header = vec!["name", "ready", "train_start"];
        header.extend(config.regions().iter().map(Region::key));
        header.push("pushed");
        header.push("note");
        let mut rows = CsvRows {
            out: io::BufWriter::with_capacity(1 << 16, out),
            line: Vec::with_capacity(256),
            stamp: [0u8; 40],
        };
        for (k, h) in header.iter().enumerate() {
            if k > 0 {
                rows.line.push(b',');
            }
            csv_field(&mut rows.line, h);
        }
        rows.line.push(b'\n');
        rows.out.write_all(&rows.line)?;
        Ok(rows)
    }

    /// Writes one connector's row; `ready` is as shown (`Zones::ready`).
    fn row(
        &mut self,
        name: &str,
        ready: DateTime<FixedOffset>,
        train: &TrainCells,
        pushed: Option<&str>,
    ) -> io::Result<()> {
        let line = &mut self.line;
        line.clear();
        csv_field(line, name);
        line.push(b',');
        line.extend_from_slice(rfc3339(ready, &mut self.stamp));
        line.extend_from_slice(&train.cells);
        if let Some(pushed) = pushed {
            csv_field(line, pushed);
        }
        line.extend_from_slice(&train.note);
        line.push(b'\n');
        self.out.write_all(line)
    }

    fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A plan's train in its JSON: `{"start", "cutoff", ..., "tz"}`.
#[derive(Serialize)]
struct TrainJson<'a> {
    start: String,
    cutoff: String,
    nominal_start: String,
    date: NaiveDate,
    finish: NaiveDate,
    riders: usize,
    full: bool,
    connectors: Vec<&'a str>,
    regions: Vec<RegionDate<'a>>,
    warnings: Vec<WarningJson<'a>>,
    tz: Option<TzTrainJson<'a>>,
}

/// A train's times in the reader's zone (`--tz`), and the days they fall on there.
#[derive(Serialize)]
struct TzTrainJson<'a> {
    zone: &'a str,
    start: String,
    cutoff: String,
    nominal_start: String,
    date: NaiveDate,
    finish: NaiveDate,
    regions: Vec<TzRegionJson<'a>>,
}

/// A connector's times in the reader's zone (`--tz`).
#[derive(Serialize)]
struct TzConnectorJson<'a> {
    zone: &'a str,
    ready: Slot<String>,
    train_start: String,
    regions: Vec<TzRegionJson<'a>>,
}

/// A plan's connector in its JSON (and a line of its JSON Lines).
#[derive(Serialize)]
struct ConnectorJson<'a> {
    name: Slot<&'a str>,
    ready: Slot<String>,
    train_start: String,
    regions: Vec<RegionDate<'a>>,
    train_date: NaiveDate,
    ready_train_date: Slot<NaiveDate>,
    priority: Slot<i64>,
    not_before: Slot<Option<NaiveDate>>,
    after: &'a [String],
    pushed: Slot<Vec<PushJson<'a>>>,
    warnings: Vec<WarningJson<'a>>,
    tz: Option<TzConnectorJson<'a>>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum PushJson<'a> {
    NotBefore {
        date: NaiveDate,
        trains: u32,
    },
    Dependency {
        on: &'a str,
        finish: NaiveDate,
        trains: u32,
    },
    Capacity {
        trains: u32,
    },
}

/// A field of [`ConnectorJson`] that differs between riders of one train: its value, or in
/// a streamed plan's per-train template, a marker where each rider's value goes.
enum Slot<T> {
    Value(T),
    Marker(u8),
}

/// The fields a streamed plan fills in per rider, by marker number.
const SLOT_NAME: u8 = 0;
const SLOT_READY: u8 = 1;
const SLOT_READY_TRAIN: u8 = 2;
const SLOT_PRIORITY: u8 = 3;
const SLOT_NOT_BEFORE: u8 = 4;
const SLOT_PUSHED: u8 = 5;
const SLOT_TZ_READY: u8 = 6;
/// In a streamed plan's train, where its riders' names go.
const SLOT_RIDERS: u8 = 7;

/// The text of marker `k` (control characters, which JSON always escapes, so no name or
/// warning can be mistaken for it).
fn marker(k: u8) -> String {
    format!("\u{1}golive-slot-{k}\u{1}")
}

impl<T: Serialize> Serialize for Slot<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Slot::Value(v) => v.serialize(s),
            Slot::Marker(k) => s.serialize_str(&marker(*k)),
        }
    }
}

fn push_json<'a>(p: &Push, name: &dyn Fn(ConnectorId) -> &'a str) -> PushJson<'a> {
    match *p {
        Push::NotBefore { date, trains } => PushJson::NotBefore { date, trains },
        Push::Dependency { on, finish, trains } => PushJson::Dependency {
            on: name(on),
            finish,
            trains,
        },
        Push::Capacity { trains } => PushJson::Capacity { trains },
    }
}

/// What a train's and a connector's JSON need besides the plan: the configuration and the
/// reader's zone.
#[derive(Clone, Copy)]
struct Zones<'a> {
    config: &'a Config,
    tz: Option<Tz>,
}

impl<'a> Zones<'a> {
    /// The zone times are shown in: `--tz`, else the schedule zone.
    fn zone(&self) -> Tz {
        self.tz.unwrap_or(self.config.timezone())
    }

    /// A readiness as the reader reads it: in the `--tz` zone, else as the batch wrote it.
    fn ready(&self, ready: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        match self.tz {
            Some(zone) => ready.with_timezone(&zone).fixed_offset(),
            None => ready,
        }
    }

    /// An instant as the reader reads it.
    fn shown<Z: TimeZone>(&self, t: DateTime<Z>) -> DateTime<Tz> {
        t.with_timezone(&self.zone())
    }

    /// The day region deploys of `date` (a schedule-zone day) fall on for the reader.
    fn shown_day(&self, date: NaiveDate) -> NaiveDate {
        let at =
            crate::time::deploy_instant(self.config.timezone(), date, self.config.deploy_time());
        self.shown(at).date_naive()
    }

    fn regions(&self, dates: &[NaiveDate]) -> Vec<RegionDate<'a>> {
        self.config
            .regions()
            .iter()
            .zip(dates)
            .map(|(r, &date)| RegionDate { key: r.key(), date })
            .collect()
    }

    fn tz_regions(&self, dates: &[NaiveDate]) -> Vec<TzRegionJson<'a>> {
        self.config
            .regions()
            .iter()
            .zip(dates)
            .map(|(r, &date)| {
                let at = self.shown(crate::time::deploy_instant(
                    self.config.timezone(),
                    date,
                    self.config.deploy_time(),
                ));
                TzRegionJson {
                    key: r.key(),
                    date: at.date_naive(),
                    at: at.to_rfc3339(),
                }
            })
            .collect()
    }

    /// A train of the plan, with its riders' names in boarding order.
    fn train(
        &self,
        train: &Train,
        dates: &[NaiveDate],
        warnings: &'a [SeasonalWarning],
        capacity: Option<u32>,
        riders: usize,
        connectors: Vec<&'a str>,
    ) -> TrainJson<'a> {
        let finish = dates.iter().copied().max().unwrap_or(train.start);
        TrainJson {
            start: train.start_at.to_rfc3339(),
            cutoff: train.cutoff.to_rfc3339(),
            nominal_start: train.nominal_start.to_rfc3339(),
            date: train.start,
            finish,
            riders,
            full: capacity.is_some_and(|c| riders >= c as usize),
            connectors,
            regions: self.regions(dates),
            warnings: warnings_json(self.config, warnings),
            tz: self.tz.map(|zone| TzTrainJson {
                zone: zone.name(),
                start: self.shown(train.start_at).to_rfc3339(),
                cutoff: self.shown(train.cutoff).to_rfc3339(),
                nominal_start: self.shown(train.nominal_start).to_rfc3339(),
                date: self.shown(train.start_at).date_naive(),
                finish: self.shown_day(finish),
                regions: self.tz_regions(dates),
            }),
        }
    }

    /// A connector riding `train`, with the fields that differ between riders given by
    /// `rider` (values, or markers for a template).
    fn connector(
        &self,
        train: &Train,
        dates: &[NaiveDate],
        warnings: &'a [SeasonalWarning],
        after: &'a [String],
        rider: RiderJson<'a>,
    ) -> ConnectorJson<'a> {
        ConnectorJson {
            name: rider.name,
            ready: rider.ready,
            train_start: train.start_at.to_rfc3339(),
            regions: self.regions(dates),
            train_date: train.start,
            ready_train_date: rider.ready_train_date,
            priority: rider.priority,
            not_before: rider.not_before,
            after,
            pushed: rider.pushed,
            warnings: warnings_json(self.config, warnings),
            tz: self.tz.map(|zone| TzConnectorJson {
                zone: zone.name(),
                ready: rider.tz_ready,
                train_start: self.shown(train.start_at).to_rfc3339(),
                regions: self.tz_regions(dates),
            }),
        }
    }
}

/// The fields of a connector's JSON that differ between riders of one train.
struct RiderJson<'a> {
    name: Slot<&'a str>,
    ready: Slot<String>,
    ready_train_date: Slot<NaiveDate>,
    priority: Slot<i64>,
    not_before: Slot<Option<NaiveDate>>,
    pushed: Slot<Vec<PushJson<'a>>>,
    tz_ready: Slot<String>,
}

impl<'a> View<'a> {
    /// The reader's zones: the one wording of "as the reader reads it", shared with the
    /// streamed planner.
    fn zones(&self) -> Zones<'a> {
        Zones {
            config: self.config,
            tz: self.tz,
        }
    }

    /// Connector `i` as JSON.
    fn connector_json(&self, i: usize) -> ConnectorJson<'a> {
        let (plan, c) = (self.plan, &self.batch.connectors()[i]);
        let p = &plan.placements()[i];
        let ridden = plan.train_at(i);
        let name = |on: ConnectorId| self.batch.get(on).map_or("", |c| c.name.as_str());
        let zones = self.zones();
        zones.connector(
            &ridden.train,
            &ridden.dates,
            &ridden.warnings,
            &c.after,
            RiderJson {
                name: Slot::Value(&c.name),
                ready: Slot::Value(c.ready.to_rfc3339()),
                ready_train_date: Slot::Value(p.ready_train),
                priority: Slot::Value(c.priority),
                not_before: Slot::Value(c.not_before),
                pushed: Slot::Value(p.pushed.iter().map(|x| push_json(x, &name)).collect()),
                tz_ready: Slot::Value(zones.shown(c.ready).to_rfc3339()),
            },
        )
    }

    /// JSON Lines: one connector a line.
    fn json_lines(&self, out: &mut dyn Write, progress: Option<&Progress>) -> io::Result<()> {
        let n = self.batch.len();
        for i in 0..n {
            serde_json::to_writer(&mut *out, &self.connector_json(i))?;
            out.write_all(b"\n")?;
            Progress::tick(progress, i + 1);
        }
        Progress::finish(progress, n);
        Ok(())
    }
}

/// `{"capacity", "connectors": [...], "trains": [...]}`, with the arrays streamed (the
/// trains last, so that a streamed plan is written in one pass over its batch).
struct Document<'v, 'a> {
    view: &'v View<'a>,
    progress: Option<&'v Progress>,
}

impl Serialize for Document<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let view = self.view;
        let plan = view.plan;
        let zones = view.zones();
        let name = |id: ConnectorId| view.batch.get(id).map_or("", |c| c.name.as_str());
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("capacity", &plan.capacity())?;
        let n = view.batch.len();
        map.serialize_entry(
            "connectors",
            &Seq(|| {
                (0..n).map(|i| {
                    Progress::tick(self.progress, i);
                    view.connector_json(i)
                })
            }),
        )?;
        Progress::finish(self.progress, n);
        map.serialize_entry(
            "trains",
            &Seq(|| {
                plan.trains().iter().map(|t| {
                    zones.train(
                        &t.train,
                        &t.dates,
                        &t.warnings,
                        plan.capacity(),
                        t.riders.len(),
                        t.riders.iter().map(|&i| name(i)).collect(),
                    )
                })
            }),
        )?;
        map.end()
    }
}

impl View<'_> {
    /// An all-day event per connector and region, streamed.
    ///
    /// What every rider of a train shares (the train's line, each region's day, wait and
    /// seasonal notes) is worded once per train, the first time a rider needs it.
    fn ics(
        &self,
        options: &crate::ics::Options,
        progress: Option<&Progress>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let (config, batch, plan) = (self.config, self.batch, self.plan);
        let mut feed = ics_feed(options, out, batch.len())?;
        // The days a region waited inside a rollout are the same for every rider of a train.
        let waits = plan.explain_trains(config);
        let names = |on: ConnectorId| self.name(on);
        let mut shared: Vec<Option<Vec<IcsRegion>>> = Vec::new();
        shared.resize_with(plan.trains().len(), || None);
        let mut description = IcsText::default();
        for (i, c) in batch.connectors().iter().enumerate() {
            let placement = &plan.placements()[i];
            let run = plan.train_at(i);
            let regions = shared[placement.train as usize].get_or_insert_with(|| {
                IcsRegion::of_train(
                    self.zones(),
                    &run.train,
                    &run.dates,
                    &run.warnings,
                    &waits[placement.train as usize],
                )
            });
            let pushed = ics_pushed(&placement.pushed, placement.ready_train, &names);
            let rider = IcsRider {
                name: &c.name,
                ready: c.ready,
                pushed: &pushed,
            };
            rider.write(&mut feed, self.zones(), regions, &mut description)?;
            Progress::tick(progress, i + 1);
        }
        Progress::finish(progress, batch.len());
        feed.finish()
    }
}

/// A plan's calendar, started: its name says how many connectors it holds.
fn ics_feed<'o>(
    options: &'o crate::ics::Options,
    out: &'o mut dyn Write,
    connectors: usize,
) -> io::Result<Feed<'o>> {
    Feed::start(
        options,
        out,
        "golive plan",
        &format!("Go-live days of {connectors} connectors (golive plan)"),
    )
}

/// Why a connector rode a later train, as its events' descriptions say it (empty when it did
/// not).
fn ics_pushed<'n>(
    pushed: &[Push],
    ready_train: NaiveDate,
    names: &dyn Fn(ConnectorId) -> &'n str,
) -> String {
    let why: Vec<String> = pushed
        .iter()
        .map(|p| match *p {
            Push::NotBefore { date, .. } => format!("not before {date}"),
            Push::Dependency { on, finish, .. } => {
                format!("after {}, live everywhere {finish}", names(on))
            }
            Push::Capacity { .. } => "earlier trains were full".to_string(),
        })
        .collect();
    match why.is_empty() {
        true => String::new(),
        false => format!(
            "\nRode a later train than the one of {} because: {}.",
            day(ready_train),
            why.join("; ")
        ),
    }
}

/// What a connector's own events say: its name, readiness and pushes.
struct IcsRider<'r> {
    name: &'r str,
    ready: DateTime<FixedOffset>,
    /// [`ics_pushed`]'s words.
    pushed: &'r str,
}

impl IcsRider<'_> {
    /// Writes the rider's event in every region of its train's `regions`.
    fn write(
        &self,
        feed: &mut Feed<'_>,
        zones: Zones<'_>,
        regions: &[IcsRegion],
        description: &mut IcsText,
    ) -> io::Result<()> {
        let ready = zones.ready(self.ready).to_rfc3339();
        let uid = LiveUid::new(self.name);
        // Escaped once for the connector's six events, and joined with what the train's
        // riders share, escaped once for all of them.
        let name = IcsText::new(self.name);
        let rest = IcsText::new(&format!("{ready}.{}", self.pushed));
        for (region, shared) in zones.config.regions().iter().zip(regions) {
            description.clear();
            for piece in [&name, &shared.live, &rest, &shared.after] {
                description.push(piece);
            }
            feed.days_text(
                &uid.of(region.key()),
                shared.date,
                shared.date,
                &format!("{}{}", self.name, shared.summary),
                description,
            )?;
        }
        Ok(())
    }
}

impl IcsRegion {
    /// What every rider of a train shares in each region's event, in the configuration's
    /// order.
    fn of_train(
        zones: Zones<'_>,
        train: &Train,
        dates: &[NaiveDate],
        warnings: &[SeasonalWarning],
        waits: &crate::Explanation,
    ) -> Vec<IcsRegion> {
        let config = zones.config;
        let first_region = config.first_region();
        let line = train_line(train, zones.zone());
        config
            .regions()
            .iter()
            .enumerate()
            .map(|(r, region)| {
                let date = zones.shown_day(dates[r]);
                let wait = match region.id() == first_region {
                    true => String::new(),
                    false => format!("\n{}", waited(waits.region(region.id()))),
                };
                let seasonal: String = warnings
                    .iter()
                    .map(|w| {
                        let when = w.dates.get(r).map_or_else(
                            || "no rollout within the horizon".to_string(),
                            |d| day(*d),
                        );
                        format!(
                            "\nSeasonal freeze: {}. If it recurs, this train reaches {} on {when}. {}.",
                            season_text(w),
                            region.name(),
                            season_basis(w)
                        )
                    })
                    .collect();
                IcsRegion {
                    date,
                    live: IcsText::new(&format!(
                        " goes live in {} on {}.\n{line}\nReady: ",
                        region.name(),
                        day(date)
                    )),
                    after: IcsText::new(&format!("{wait}{seasonal}")),
                    summary: format!(" live in {}", region.name()),
                }
            })
            .collect()
    }
}

/// Writes a streamed plan as `golive plan --format ics` writes the full planner's, in two
/// passes over the batch: the first counts the connectors, which the calendar's name gives,
/// and finds out whether the batch streams (`Ok(false)`: a row needs the full planner, and
/// nothing was written); the second writes each connector's events as its row is read, so
/// that memory stays flat however large the batch. What a train's riders share is worded
/// once per train. [`Output::progress`] counts the connectors written.
pub fn streamed_ics(plan: &StreamedPlan<'_>, output: &Output, out: &mut dyn Write) -> Result<bool> {
    let io = |e: io::Error| crate::error::Error::io("write", "the plan", e);
    let mut connectors = 0usize;
    if !plan.each(&mut |_| {
        connectors += 1;
        Ok(())
    })? {
        return Ok(false);
    }
    let zones = Zones {
        config: plan.config(),
        tz: output.zone,
    };
    let progress = output.progress.as_ref();
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    let mut feed = ics_feed(&output.ics, &mut w, connectors).map_err(io)?;
    let mut shared: Vec<Option<Vec<IcsRegion>>> = Vec::new();
    shared.resize_with(StreamedPlan::TRAIN_KEYS, || None);
    let mut description = IcsText::default();
    let mut done = 0usize;
    let streamed = plan.each(&mut |row| {
        let regions = shared[row.train_key].get_or_insert_with(|| {
            let waits = plan.explain(row.train, row.dates);
            IcsRegion::of_train(zones, row.train, row.dates, row.warnings, &waits)
        });
        let pushed = ics_pushed(row.pushed.as_slice(), row.ready_train, &|_| "");
        let rider = IcsRider {
            name: row.name,
            ready: row.ready,
            pushed: &pushed,
        };
        rider
            .write(&mut feed, zones, regions, &mut description)
            .map_err(io)?;
        done += 1;
        Progress::tick(progress, done);
        Ok(())
    })?;
    if !streamed {
        return Ok(false);
    }
    feed.finish().map_err(io)?;
    w.flush().map_err(io)?;
    Progress::finish(progress, done);
    Ok(true)
}

/// What every rider of a train shares in one region's event.
struct IcsRegion {
    /// The day it goes live there, as the reader reads it.
    date: NaiveDate,
    /// The description between the name and the readiness, escaped.
    live: IcsText,
    /// The description after the push: the wait and the seasonal notes, escaped.
    after: IcsText,
    /// The summary after the name.
    summary: String,
}

/// Writes a streamed plan as `golive plan --format csv` writes the full planner's, row by
/// row. `Ok(false)` means a row needs the full planner: what was written so far must be
/// thrown away.
///
/// Rows are laid out here rather than by the `csv` writer, whose per-field calls cost more
/// than the planning itself; fields are quoted by the same rule (only when they hold a
/// comma, a quote or a line break), and a test holds the two outputs equal.
/// With `--tz` ([`Output::zone`]), `ready` and `train_start` are written in that zone, as the
/// full planner writes them.
pub fn streamed_csv(plan: &StreamedPlan<'_>, output: &Output, out: &mut dyn Write) -> Result<bool> {
    let zones = Zones {
        config: plan.config(),
        tz: output.zone,
    };
    let io = |e: io::Error| crate::error::Error::io("write", "the plan", e);
    let mut rows = CsvRows::start(plan.config(), out).map_err(io)?;
    // Every rider of a train shares its start, region dates and note: lay them out once.
    let mut shared: Vec<Option<TrainCells>> = vec![None; StreamedPlan::TRAIN_KEYS];
    let progress = output.progress.as_ref();
    let mut count = 0usize;
    let done = plan.each(&mut |row| {
        let cells = shared[row.train_key]
            .get_or_insert_with(|| TrainCells::new(zones, row.train, row.dates, row.warnings));
        let pushed = row
            .pushed
            .as_ref()
            .map(|p| push_text(p, &|_| String::new()));
        rows.row(row.name, zones.ready(row.ready), cells, pushed.as_deref())
            .map_err(io)?;
        count += 1;
        Progress::tick(progress, count);
        Ok(())
    })?;
    rows.finish().map_err(io)?;
    if done {
        Progress::finish(progress, count);
    }
    Ok(done)
}

/// A plan's warning about trains that left before the clock's reading ([`Output::now`]):
/// "3 connectors ride trains that already left; the earliest left 4 days ago". `None` when
/// every train is still to come, or without a clock.
///
/// # Example
/// ```
/// use golive::export::{Format, Output, departed};
/// let config = golive::Config::embedded()?;
/// let text = "name,ready\nContoso,2026-11-23\nFabrikam,2026-11-23\n";
/// let batch = golive::Batch::parse(&golive::Source::new("b.csv", text), config.timezone())?;
/// let plan = golive::Plan::new(&config, &batch)?;
/// let now = "2026-12-01T17:00:00Z".parse()?;
/// let output = Output::new(Format::Table).at(now);
/// assert_eq!(
///     departed(&plan, &output).as_deref(),
///     Some("2 connectors ride a train that already left; it left 4 days ago")
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn departed(plan: &Plan, output: &Output) -> Option<String> {
    departed_words(
        plan.trains()
            .iter()
            .map(|t| (t.train.start_at, t.riders.len())),
        output,
    )
}

/// [`departed`] for a streamed plan, after it was written: the same warning, from the trains
/// its pass put riders on ([`StreamedPlan::ridden`]).
pub fn streamed_departed(plan: &StreamedPlan<'_>, output: &Output) -> Option<String> {
    departed_words(plan.ridden().into_iter(), output)
}

/// The one wording of [`departed`]: of `trains`, each a start and its riders, those that
/// started before [`Output::now`].
fn departed_words(
    trains: impl Iterator<Item = (DateTime<Tz>, usize)>,
    output: &Output,
) -> Option<String> {
    let now = output.now?;
    let gone: Vec<_> = trains.filter(|(start, _)| *start < now).collect();
    let earliest = gone.iter().map(|(start, _)| *start).min()?;
    let riders: usize = gone.iter().map(|(_, riders)| riders).sum();
    let left = super::words::left_ago(&earliest, now)?;
    Some(match gone.len() {
        1 => format!(
            "{} a train that already left; it {left}",
            plural(riders as u32, "connector rides", "connectors ride")
        ),
        _ => format!(
            "{} trains that already left; the earliest {left}",
            plural(riders as u32, "connector rides", "connectors ride")
        ),
    })
}

/// `2026-11-22 10:00`, as `%Y-%m-%d %H:%M` writes it, without the formatter (a plan's table
/// writes one per connector).
fn minute(t: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    if !(0..=9999).contains(&t.year()) {
        return t.format("%Y-%m-%d %H:%M").to_string();
    }
    let mut b = *b"0000-00-00 00:00";
    let mut put = |at: usize, n: u32, width: usize| {
        let mut n = n;
        for i in (0..width).rev() {
            b[at + i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    put(0, t.year() as u32, 4);
    put(5, t.month(), 2);
    put(8, t.day(), 2);
    put(11, t.hour(), 2);
    put(14, t.minute(), 2);
    b.iter().map(|&c| char::from(c)).collect()
}

/// Writes a streamed plan as `golive plan --format json` writes the full planner's, or with
/// [`Output::lines`] as `--format jsonl` does, in one pass over the batch. `Ok(false)` means a
/// row needs the full planner: what was written so far must be thrown away.
///
/// Every connector is written from its train's template: the connector's JSON rendered once
/// per train by the same serde types as the full planner's, with markers where riders
/// differ (name, readiness, priority, `not_before`, push), filled in row by row. JSON's
/// `trains` (with their riders in boarding order) follow the connectors, so that the batch
/// is read once: meanwhile it holds each connector's name, train and boarding key, not its
/// row. [`Output::progress`] counts the connectors written.
pub fn streamed_json(
    plan: &StreamedPlan<'_>,
    output: &Output,
    out: &mut dyn Write,
) -> Result<bool> {
    let io = |e: io::Error| crate::error::Error::io("write", "the plan", e);
    let zones = Zones {
        config: plan.config(),
        tz: output.zone,
    };
    let lines = output.lines;
    let progress = output.progress.as_ref();
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    // JSON Lines has no trains; a JSON document lists them after its connectors.
    let mut riders = (!lines).then(|| Riders::new(plan.rows_hint()));
    if !lines {
        w.write_all(b"{\n  \"capacity\": null,\n  \"connectors\": [")
            .map_err(io)?;
    }
    let mut templates: Vec<Option<Template>> = Vec::new();
    templates.resize_with(StreamedPlan::TRAIN_KEYS, || None);
    let mut line = Vec::with_capacity(1024);
    let mut stamp = [0u8; 40];
    let mut done = 0usize;
    let streamed = plan.each(&mut |row| {
        if let Some(riders) = &mut riders {
            riders.add(row);
        }
        let template = match &mut templates[row.train_key] {
            Some(t) => t,
            slot => slot.insert(Template::new(zones, row, lines)?),
        };
        if !lines {
            w.write_all(if done == 0 { b"\n    " } else { b",\n    " })
                .map_err(io)?;
        }
        // The template's pieces go straight into the buffered output, and only the rider's
        // values are laid out first.
        for (piece, slot) in &template.pieces {
            w.write_all(piece).map_err(io)?;
            line.clear();
            rider_value(&mut line, *slot, row, zones, lines, &mut stamp)?;
            w.write_all(&line).map_err(io)?;
        }
        w.write_all(&template.tail).map_err(io)?;
        if lines {
            w.write_all(b"\n").map_err(io)?;
        }
        done += 1;
        Progress::tick(progress, done);
        Ok(())
    })?;
    if !streamed {
        return Ok(false);
    }
    if let Some(riders) = riders {
        w.write_all(b"\n  ],\n  \"trains\": [").map_err(io)?;
        riders.write_trains(zones, &mut w)?;
        w.write_all(b"\n  ]\n}\n").map_err(io)?;
    }
    w.flush().map_err(io)?;
    Progress::finish(progress, done);
    Ok(true)
}

/// What a streamed JSON plan keeps of its connectors for its `trains`: each one's train,
/// boarding key and name, and each train as its first rider found it.
struct Riders {
    riders: Vec<Rider>,
    /// Every rider's name, one after another.
    names: String,
    trains: Vec<Option<Ridden>>,
}

/// A rider: its train, its boarding key and its name in [`Riders::names`].
struct Rider {
    key: u32,
    boarding: crate::plan::BoardingKey,
    name: (u32, u32),
}

/// A train, its region days and warnings, as its first rider found them.
type Ridden = (Train, Vec<NaiveDate>, Vec<SeasonalWarning>);

impl Riders {
    fn new(rows: usize) -> Riders {
        let mut trains = Vec::new();
        trains.resize_with(StreamedPlan::TRAIN_KEYS, || None);
        Riders {
            riders: Vec::with_capacity(rows),
            // Names are no longer than the text they are read from (memory is only taken
            // as it is used).
            names: String::with_capacity(rows * 40),
            trains,
        }
    }

    fn add(&mut self, row: &StreamedRow<'_>) {
        let at = self.names.len() as u32;
        self.names.push_str(row.name);
        self.riders.push(Rider {
            key: row.train_key as u32,
            boarding: crate::plan::boarding_key(row.priority, row.ready),
            name: (at, row.name.len() as u32),
        });
        self.trains[row.train_key]
            .get_or_insert_with(|| (row.train.clone(), row.dates.to_vec(), row.warnings.to_vec()));
    }

    /// Writes every train with its riders' names in boarding order (priority, readiness,
    /// name), as pretty JSON at its depth in the document, separated by commas.
    fn write_trains(self, zones: Zones<'_>, w: &mut dyn Write) -> Result<()> {
        let Riders {
            mut riders,
            names,
            trains,
        } = self;
        let name = |r: &Rider| &names[r.name.0 as usize..(r.name.0 + r.name.1) as usize];
        // By train, then in the planner's boarding order.
        crate::plan::sort_boarding(&mut riders, |r| (r.key, r.boarding), name);
        let io = |e: io::Error| crate::error::Error::io("write", "the plan", e);
        let riders_at = marker(SLOT_RIDERS);
        let mut first = true;
        for group in riders.chunk_by(|a, b| a.key == b.key) {
            let Some((train, dates, warnings)) = &trains[group[0].key as usize] else {
                continue;
            };
            // The train laid out once with a marker for its list of names, which are
            // written into it one by one.
            let json = zones.train(train, dates, warnings, None, group.len(), vec![&riders_at]);
            let text = indent(
                &serde_json::to_vec_pretty(&json).map_err(|e| io(e.into()))?,
                4,
            );
            let quoted = format!("\"\\u0001golive-slot-{SLOT_RIDERS}\\u0001\"");
            let Some(at) = find(&text, quoted.as_bytes()) else {
                return Err(io(io::Error::other("a train's template lost its riders")));
            };
            let (head, tail) = (&text[..at], &text[at + quoted.len()..]);
            let line_start = head.iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
            let mut between = b",\n".to_vec();
            between.extend_from_slice(&head[line_start..]);
            w.write_all(if first { b"\n    " } else { b",\n    " })
                .map_err(io)?;
            first = false;
            w.write_all(head).map_err(io)?;
            let mut line = Vec::with_capacity(64);
            for (k, rider) in group.iter().enumerate() {
                line.clear();
                if k > 0 {
                    line.extend_from_slice(&between);
                }
                json_str(&mut line, name(rider)).map_err(|e| io(e.into()))?;
                w.write_all(&line).map_err(io)?;
            }
            w.write_all(tail).map_err(io)?;
        }
        Ok(())
    }
}

/// A train's template of its riders' JSON (see [`streamed_json`]): the text between the
/// markers, each followed by the marker it ends at, then what follows the last marker.
struct Template {
    pieces: Vec<(Vec<u8>, u8)>,
    tail: Vec<u8>,
}

impl Template {
    fn new(zones: Zones<'_>, row: &StreamedRow<'_>, lines: bool) -> Result<Template> {
        let json = zones.connector(
            row.train,
            row.dates,
            row.warnings,
            &[],
            RiderJson {
                name: Slot::Marker(SLOT_NAME),
                ready: Slot::Marker(SLOT_READY),
                ready_train_date: Slot::Marker(SLOT_READY_TRAIN),
                priority: Slot::Marker(SLOT_PRIORITY),
                not_before: Slot::Marker(SLOT_NOT_BEFORE),
                pushed: Slot::Marker(SLOT_PUSHED),
                tz_ready: Slot::Marker(SLOT_TZ_READY),
            },
        );
        let failed = |e: serde_json::Error| crate::error::Error::io("write", "the plan", e.into());
        let text = match lines {
            true => serde_json::to_vec(&json).map_err(failed)?,
            false => indent(&serde_json::to_vec_pretty(&json).map_err(failed)?, 4),
        };
        let mut pieces = Vec::new();
        let mut rest = &text[..];
        let open = b"\"\\u0001golive-slot-";
        while let Some(at) = find(rest, open) {
            let after = &rest[at + open.len()..];
            let close = b"\\u0001\"";
            let Some(end) = find(after, close) else { break };
            let k = std::str::from_utf8(&after[..end])
                .ok()
                .and_then(|k| k.parse::<u8>().ok())
                .unwrap_or(u8::MAX);
            pieces.push((rest[..at].to_vec(), k));
            rest = &after[end + close.len()..];
        }
        Ok(Template {
            pieces,
            tail: rest.to_vec(),
        })
    }
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `text` with `by` more spaces after every line break (JSON strings hold none unescaped),
/// so that a value rendered alone sits at its depth in a pretty document.
fn indent(text: &[u8], by: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + text.len() / 8);
    for &b in text {
        out.push(b);
        if b == b'\n' {
            out.extend(std::iter::repeat_n(b' ', by));
        }
    }
    out
}

/// Appends a rider's value for template marker `slot`, as serde_json writes it.
fn rider_value(
    line: &mut Vec<u8>,
    slot: u8,
    row: &StreamedRow<'_>,
    zones: Zones<'_>,
    lines: bool,
    stamp: &mut [u8; 40],
) -> Result<()> {
    let failed = |e: serde_json::Error| crate::error::Error::io("write", "the plan", e.into());
    let quoted = |line: &mut Vec<u8>, text: &[u8]| {
        line.push(b'"');
        line.extend_from_slice(text);
        line.push(b'"');
    };
    match slot {
        SLOT_NAME => json_str(line, row.name).map_err(failed)?,
        SLOT_READY => quoted(line, rfc3339(row.ready, stamp)),
        SLOT_TZ_READY => quoted(line, rfc3339(zones.ready(row.ready), stamp)),
        SLOT_READY_TRAIN => json_date(line, row.ready_train).map_err(failed)?,
        SLOT_PRIORITY => {
            let _ = write!(line, "{}", row.priority);
        }
        SLOT_NOT_BEFORE => match row.not_before {
            None => line.extend_from_slice(b"null"),
            Some(day) => json_date(line, day).map_err(failed)?,
        },
        SLOT_PUSHED => match &row.pushed {
            None => line.extend_from_slice(b"[]"),
            Some(p) => {
                let pushed = [push_json(p, &|_| "")];
                match lines {
                    true => serde_json::to_writer(&mut *line, &pushed).map_err(failed)?,
                    false => line.extend_from_slice(&indent(
                        &serde_json::to_vec_pretty(&pushed).map_err(failed)?,
                        6,
                    )),
                }
            }
        },
        _ => {}
    }
    Ok(())
}

/// Appends `text` as a JSON string, as serde_json writes it: plain text is copied between its
/// quotes, and only text holding a quote, a backslash or a control character goes through
/// serde_json's escaping (which costs a table lookup a byte on the common name).
fn json_str(line: &mut Vec<u8>, text: &str) -> serde_json::Result<()> {
    if crate::bytes::any_byte(text.as_bytes(), |b| (b < 0x20) | (b == b'"') | (b == b'\\')) {
        return serde_json::to_writer(&mut *line, text);
    }
    line.push(b'"');
    line.extend_from_slice(text.as_bytes());
    line.push(b'"');
    Ok(())
}

/// Appends `day` as a quoted JSON date (`"2026-11-27"`), as chrono's serde writes it, digit
/// by digit for years 0 to 9999 and by chrono otherwise.
fn json_date(line: &mut Vec<u8>, day: NaiveDate) -> serde_json::Result<()> {
    use chrono::Datelike;
    let Some(year) = u32::try_from(day.year()).ok().filter(|y| *y <= 9999) else {
        return serde_json::to_writer(&mut *line, &day);
    };
    line.push(b'"');
    for (k, (value, digits)) in [(year, 4), (day.month(), 2), (day.day(), 2)]
        .into_iter()
        .enumerate()
    {
        if k > 0 {
            line.push(b'-');
        }
        for p in (0..digits).rev() {
            line.push(b'0' + (value / 10u32.pow(p) % 10) as u8);
        }
    }
    line.push(b'"');
    Ok(())
}

/// The `note` of a plan's CSV row: for each seasonal-freeze warning of its train, the train's
/// dates if the freeze recurred.
fn csv_note(config: &Config, warnings: &[SeasonalWarning]) -> String {
    let notes: Vec<String> = warnings
        .iter()
        .map(|w| {
            let keys: Vec<String> = config
                .regions()
                .iter()
                .zip(&w.dates)
                .map(|(r, d)| format!("{} {d}", r.key()))
                .collect();
            let recurs = match keys.is_empty() {
                true => "no rollout within the horizon".to_string(),
                false => keys.join(", "),
            };
            format!(
                "seasonal freeze: {} ({} to {}, not configured); if it recurs: {recurs}",
                w.name, w.from, w.until
            )
        })
        .collect();
    notes.join("; ")
}

/// `2026-11-22T10:00:00-08:00`, as `to_rfc3339` writes a whole-second instant, without
/// allocating.
fn rfc3339(t: DateTime<FixedOffset>, buf: &mut [u8; 40]) -> &[u8] {
    use chrono::{Datelike, Timelike};
    if t.nanosecond() != 0 || !(0..=9999).contains(&t.year()) {
        // Fractions and far years: rare, so the general writer's allocation does not matter.
        let text = t.to_rfc3339();
        let n = text.len().min(buf.len());
        buf[..n].copy_from_slice(&text.as_bytes()[..n]);
        return &buf[..n];
    }
    let mut put = |at: usize, n: u32, width: usize| {
        let mut n = n;
        for i in (0..width).rev() {
            buf[at + i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    // Each accessor of a DateTime<FixedOffset> recomputes the local time: do it once.
    let local = t.naive_local();
    put(0, local.year() as u32, 4);
    put(5, local.month(), 2);
    put(8, local.day(), 2);
    put(11, local.hour(), 2);
    put(14, local.minute(), 2);
    put(17, local.second(), 2);
    let offset = t.offset().local_minus_utc();
    let abs = offset.unsigned_abs() / 60;
    put(20, abs / 60, 2);
    put(23, abs % 60, 2);
    buf[4] = b'-';
    buf[7] = b'-';
    buf[10] = b'T';
    buf[13] = b':';
    buf[16] = b':';
    buf[19] = if offset < 0 { b'-' } else { b'+' };
    buf[22] = b':';
    &buf[..25]
}

/// Appends a CSV field, quoted (quotes doubled) only when it holds a comma, a quote or a
/// line break, as the `csv` crate's writer does.
fn csv_field(line: &mut Vec<u8>, field: &str) {
    let b = field.as_bytes();
    if !crate::bytes::any_byte(b, |c| {
        (c == b',') | (c == b'"') | (c == b'\n') | (c == b'\r')
    }) {
        line.extend_from_slice(b);
        return;
    }
    line.push(b'"');
    for &c in b {
        if c == b'"' {
            line.push(b'"');
        }
        line.push(c);
    }
    line.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn config(text: &str) -> Config {
        Config::from_toml("t.toml", text).unwrap()
    }

    /// The plan of the full planner, as `--format csv` writes it.
    fn full(config: &Config, source: &Source) -> Vec<u8> {
        let batch = Batch::parse(source, config.timezone()).unwrap();
        let plan = Plan::new(config, &batch).unwrap();
        let mut out = Vec::new();
        super::plan(config, &batch, &plan, &Output::new(Format::Csv), &mut out).unwrap();
        out
    }

    fn streamed(config: &Config, source: &Source) -> Option<Vec<u8>> {
        let plan = StreamedPlan::new(config, source).unwrap()?;
        let mut out = Vec::new();
        let done = streamed_csv(&plan, &Output::new(Format::Csv), &mut out).unwrap();
        assert_eq!(done, plan.check().unwrap());
        done.then_some(out)
    }

    /// One generated CSV row: a name, a readiness in one of five forms, a `not_before` and a
    /// priority, and whether a blank line follows.
    type RowSpec = (
        usize,
        u8,
        (i32, u32, u32),
        (u32, u32, u32),
        u8,
        Option<(u32, u32)>,
        u8,
        bool,
    );

    fn row_strategy() -> impl proptest::strategy::Strategy<Value = RowSpec> {
        (
            0..NAMES.len(),
            0u8..5,
            (2026i32..2029, 1u32..13, 1u32..29),
            (0u32..24, 0u32..60, 0u32..60),
            0u8..9,
            proptest::option::of((1u32..13, 1u32..29)),
            0u8..5,
            proptest::bool::weighted(1.0 / 6.0),
        )
    }

    const NAMES: [&str; 9] = [
        "Contoso",
        "Cafe\u{301} au lait, the connector with a rather long name that tables wrap",
        "a zero\u{200b}width space",
        "A, Inc",
        "Say \"hi\"",
        "two\nlines",
        "  padded  ",
        "é中😀",
        "#hash",
    ];

    /// A CSV batch from generated rows.
    fn batch_text(with_not_before: bool, rows: &[RowSpec]) -> String {
        let mut text = String::from(if with_not_before {
            "ready,name,not_before,priority\n"
        } else {
            "name,ready\n"
        });
        for (i, &(name, form, (y, m, d), (h, min, s), west, nb, priority, blank)) in
            rows.iter().enumerate()
        {
            let ready = match form {
                0 => format!("{y}-{m:02}-{d:02}"),
                1 => format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}"),
                2 => format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}Z"),
                3 => format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.25+05:30"),
                _ => format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}-0{west}:00"),
            };
            let name = format!("{} {i}", NAMES[name]).replace('"', "\"\"");
            let name = format!("\"{name}\"");
            if with_not_before {
                let nb = nb.map_or(String::new(), |(nm, nd)| format!("{y}-{nm:02}-{nd:02}"));
                text.push_str(&format!("{ready},{name},{nb},{priority}\n"));
            } else {
                text.push_str(&format!("{name}, {ready} \n"));
            }
            if blank {
                text.push('\n');
            }
        }
        text
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(60))]

        /// Byte for byte, the streamed plan is the full planner's, over random batches with
        /// awkward names (commas, quotes, line breaks, spaces), every form of readiness, blank
        /// rows, `not_before` and `priority`, under freezes and `blocked_start = "skip"`.
        #[test]
        fn streamed_csv_plans_equal_full_plans(
            which in 0usize..3,
            with_not_before in proptest::bool::ANY,
            rows in proptest::collection::vec(row_strategy(), 1..40),
        ) {
            let config = match which {
                0 => config(""),
                1 => config(
                    "blocked_start = \"skip\"\n[[freeze]]\nname = \"F\"\nfrom = 2027-03-01\nuntil = 2027-04-15\nregions = [\"asia\"]\n",
                ),
                _ => config("timezone = \"Asia/Tokyo\"\ndeploy_time = \"02:30\"\n"),
            };
            let text = batch_text(with_not_before, &rows);
            let source = Source::new("b.csv", text.clone());
            // Batches the streamed path hands to the full planner are compared there.
            if let Some(out) = streamed(&config, &source) {
                proptest::prop_assert_eq!(
                    String::from_utf8(out).unwrap(),
                    String::from_utf8(full(&config, &source)).unwrap(),
                    "{}",
                    text
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(40))]

        /// Byte for byte, the connectors' table through [`Grid`] is comfy-table's, over
        /// random batches with awkward names (line breaks, wide and combining characters),
        /// pushed connectors (capacity, `not_before`), trains that left, `--tz`, and widths
        /// from none to narrower than the table (where comfy-table wraps it).
        #[test]
        fn fast_tables_equal_comfy_tables(
            which in 0usize..3,
            width in proptest::option::of(40u16..400),
            now in proptest::option::of(0i64..120),
            rows in proptest::collection::vec(row_strategy(), 1..30),
        ) {
            let config = match which {
                0 => config("max_per_train = 3\n"),
                1 => config("timezone = \"Asia/Tokyo\"\n"),
                _ => config(""),
            };
            let text = batch_text(true, &rows);
            let batch = Batch::parse(&Source::new("b.csv", text.clone()), config.timezone()).unwrap();
            let plan = Plan::new(&config, &batch).unwrap();
            let mut output = Output::new(Format::Table).with_width(width);
            if let Some(days) = now {
                let start = chrono::DateTime::parse_from_rfc3339("2026-11-01T00:00:00Z").unwrap();
                output = output.at((start + chrono::TimeDelta::days(days * 7)).to_utc());
            }
            if which == 1 {
                output = output.in_zone(chrono_tz::Europe::London);
            }
            let view = View { config: &config, batch: &batch, plan: &plan, tz: output.zone, output: &output };
            let (mut fast, mut comfy) = (Vec::new(), Vec::new());
            view.connectors_table_with(&mut fast, true).unwrap();
            view.connectors_table_with(&mut comfy, false).unwrap();
            proptest::prop_assert_eq!(
                String::from_utf8(fast).unwrap(),
                String::from_utf8(comfy).unwrap(),
                "{}",
                text
            );
        }
    }

    /// `minute` writes what chrono's `%Y-%m-%d %H:%M` writes, far years included.
    #[test]
    fn minutes_are_written_as_chrono_writes_them() {
        for (y, mo, d, h, mi) in [
            (2026, 11, 22, 10, 0),
            (1, 1, 1, 0, 9),
            (9999, 12, 31, 23, 59),
        ] {
            let t = NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_opt(h, mi, 0)
                .unwrap();
            assert_eq!(minute(t), t.format("%Y-%m-%d %H:%M").to_string());
        }
        let far = NaiveDate::from_ymd_opt(12345, 1, 2)
            .unwrap()
            .and_hms_opt(3, 4, 5)
            .unwrap();
        assert_eq!(minute(far), far.format("%Y-%m-%d %H:%M").to_string());
    }

    /// Most generated batches stream (the test above is not comparing nothing).
    #[test]
    fn generated_batches_mostly_stream() {
        let config = config("");
        let rows: Vec<RowSpec> = (0..30)
            .map(|i| {
                (
                    i % NAMES.len(),
                    (i % 5) as u8,
                    (2027, 1 + (i as u32 % 12), 1 + (i as u32 % 28)),
                    (10, 0, 0),
                    8,
                    None,
                    0,
                    i % 4 == 0,
                )
            })
            .collect();
        for with_not_before in [false, true] {
            let source = Source::new("b.csv", batch_text(with_not_before, &rows));
            assert!(streamed(&config, &source).is_some());
        }
    }

    /// A name used twice, or a connector past its horizon, goes to the full planner, which
    /// explains it; so does a batch with `after` or a capacity.
    #[test]
    fn unusual_batches_are_left_to_the_full_planner() {
        let c = config("");
        let twice = Source::new("b.csv", "name,ready\nA,2026-11-22\nA,2026-11-23\n");
        assert_eq!(streamed(&c, &twice), None);
        let far = Source::new("b.csv", "name,ready,not_before\nA,2026-11-22,2031-01-01\n");
        assert_eq!(streamed(&c, &far), None);
        let after = Source::new("b.csv", "name,ready,after\nA,2026-11-22,\n");
        assert!(StreamedPlan::new(&c, &after).unwrap().is_none());
        let limited = config("max_per_train = 3\n");
        let plain = Source::new("b.csv", "name,ready\nA,2026-11-22\n");
        assert!(StreamedPlan::new(&limited, &plain).unwrap().is_none());
        assert!(streamed(&c, &plain).is_some());
    }
}
