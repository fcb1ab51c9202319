//! Rendering batch plans and what-if comparisons: tables for release managers, JSON and CSV
//! for scripts (SPEC "Output contract").
//!
//! These write to a stream instead of building a string, so that a plan of a million
//! connectors goes out row by row; JSON arrays are serialized from iterators for the same
//! reason.

use std::io::{self, Write};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use comfy_table::{Cell, CellAlignment};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{Format, day, new_table, stamp};
use crate::batch::{Batch, CsvBatch, CsvRow};
use crate::config::Config;
use crate::error::Result;
use crate::plan::{Plan, Push, TrainTable, WhatIf};
use crate::schedule::{Scheduler, first_supported_day, last_supported_day};
use crate::source::Source;

/// How many connectors one table of the plan's table output holds.
const TABLE_ROWS: usize = 10_000;

/// How many names a train's row in the table lists before "and N more".
const NAMES_IN_TABLE: usize = 12;

/// Everything a plan renderer needs.
struct View<'a> {
    config: &'a Config,
    batch: &'a Batch,
    plan: &'a Plan,
}

/// Renders the answer of `golive plan`: the trains and every connector's region dates, with
/// why a connector was pushed to a later train.
pub fn plan(
    config: &Config,
    batch: &Batch,
    plan: &Plan,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let view = View {
        config,
        batch,
        plan,
    };
    match format {
        Format::Json => {
            let mut ser = serde_json::Serializer::pretty(&mut *out);
            view.serialize(&mut ser).map_err(io::Error::from)?;
            out.write_all(b"\n")
        }
        Format::Csv => view.csv(out),
        Format::Table => view.table(out),
    }
}

/// One reason a connector rode a later train, for people; `name` names a connector.
fn push_text<'n>(push: &Push, name: &dyn Fn(u32) -> &'n str) -> String {
    match *push {
        Push::NotBefore { date, trains } => {
            format!("not before {date} (+{})", plural(trains, "train", "trains"))
        }
        Push::Dependency { on, finish, trains } => format!(
            "after {}, live everywhere {finish} (+{})",
            name(on),
            plural(trains, "train", "trains")
        ),
        Push::Capacity { trains } => {
            format!("missed {}", plural(trains, "full train", "full trains"))
        }
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl View<'_> {
    fn name(&self, i: u32) -> &str {
        &self.batch.connectors()[i as usize].name
    }

    /// Why connector `i` was pushed, for people: empty when it was not.
    fn pushed(&self, i: usize) -> String {
        let parts: Vec<String> = self.plan.placements()[i]
            .pushed
            .iter()
            .map(|p| push_text(p, &|on| self.name(on)))
            .collect();
        parts.join("; ")
    }

    fn capacity_text(&self) -> String {
        match self.plan.capacity() {
            Some(n) => format!("at most {n} per train"),
            None => "no capacity limit".into(),
        }
    }

    fn table(&self, out: &mut dyn Write) -> io::Result<()> {
        let zone = self.config.timezone;
        let (plan, connectors) = (self.plan, self.batch.connectors());
        let pushed_count = plan
            .placements()
            .iter()
            .filter(|p| !p.pushed.is_empty())
            .count();
        writeln!(
            out,
            "Plan for {} from {}: {} ({}); times in {}\n",
            plural(connectors.len() as u32, "connector", "connectors"),
            self.batch.file(),
            plural(plan.trains().len() as u32, "train", "trains"),
            self.capacity_text(),
            zone.name()
        )?;
        let mut t = new_table(&[
            "Train starts",
            "Cutoff",
            "Last region",
            "Riders",
            "Connectors",
        ]);
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
                .map(|&i| self.name(i))
                .collect();
            let more = n.saturating_sub(NAMES_IN_TABLE);
            let more = format!("and {more} more");
            if n > NAMES_IN_TABLE {
                names.push(&more);
            }
            t.add_row(vec![
                Cell::new(day(train.run.train.start)),
                Cell::new(stamp(train.run.train.cutoff)),
                Cell::new(day(train.run.finish())),
                Cell::new(riders).set_alignment(CellAlignment::Right),
                Cell::new(names.join(", ")),
            ]);
        }
        writeln!(out, "{t}\n")?;

        let mut header = vec!["Connector", "Ready", "Train"];
        header.extend(self.config.regions.iter().map(|r| r.key.as_str()));
        header.push("Pushed to a later train");
        // A table is laid out in memory before it is written; a huge batch goes out in
        // tables of TABLE_ROWS connectors each, so memory stays bounded.
        for (chunk, rows) in connectors.chunks(TABLE_ROWS).enumerate() {
            let mut t = new_table(&header);
            for (k, c) in rows.iter().enumerate() {
                let i = chunk * TABLE_ROWS + k;
                let mut row = vec![
                    c.name.clone(),
                    c.ready
                        .with_timezone(&zone)
                        .format("%Y-%m-%d %H:%M")
                        .to_string(),
                    plan.train_of(i).run.train.start.to_string(),
                ];
                row.extend(
                    plan.dates(i)
                        .iter()
                        .map(|d| d.format("%a %m-%d").to_string()),
                );
                row.push(self.pushed(i));
                t.add_row(row);
            }
            writeln!(out, "{t}")?;
        }
        if pushed_count > 0 {
            writeln!(
                out,
                "\n{} of {} ride a later train than their readiness alone would catch.",
                pushed_count,
                plural(connectors.len() as u32, "connector", "connectors")
            )?;
        }
        Ok(())
    }

    fn csv(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        let mut header = vec!["name", "ready", "train_start"];
        header.extend(self.config.regions.iter().map(|r| r.key.as_str()));
        header.push("pushed");
        w.write_record(&header)?;
        // Every rider of a train shares its start and region dates: format them once.
        let shared: Vec<Vec<String>> = self
            .plan
            .trains()
            .iter()
            .map(|t| {
                std::iter::once(t.run.train.start_at.to_rfc3339())
                    .chain(t.run.dates.iter().map(NaiveDate::to_string))
                    .collect()
            })
            .collect();
        for (i, c) in self.batch.connectors().iter().enumerate() {
            let p = &self.plan.placements()[i];
            w.write_field(&c.name)?;
            w.write_field(c.ready.to_rfc3339())?;
            for cell in &shared[p.train as usize] {
                w.write_field(cell)?;
            }
            if p.pushed.is_empty() {
                w.write_field("")?;
            } else {
                w.write_field(self.pushed(i))?;
            }
            w.write_record(None::<&[u8]>)?;
        }
        w.flush()
    }
}

#[derive(Serialize)]
struct RegionDate<'a> {
    key: &'a str,
    date: NaiveDate,
}

impl View<'_> {
    fn regions<'s>(&'s self, dates: &[NaiveDate]) -> Vec<RegionDate<'s>> {
        self.config
            .regions
            .iter()
            .zip(dates)
            .map(|(r, &date)| RegionDate { key: &r.key, date })
            .collect()
    }
}

/// `{"capacity", "trains": [...], "connectors": [...]}`, with the arrays streamed.
impl Serialize for View<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
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
        }
        #[derive(Serialize)]
        struct ConnectorJson<'a> {
            name: &'a str,
            ready: String,
            train_start: String,
            regions: Vec<RegionDate<'a>>,
            train_date: NaiveDate,
            ready_train_date: NaiveDate,
            priority: i64,
            #[serde(skip_serializing_if = "Option::is_none")]
            not_before: Option<NaiveDate>,
            after: &'a [String],
            pushed: Vec<PushJson<'a>>,
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
        let plan = self.plan;
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("capacity", &plan.capacity())?;
        map.serialize_entry(
            "trains",
            &Seq(|| {
                plan.trains().iter().map(|t| TrainJson {
                    start: t.run.train.start_at.to_rfc3339(),
                    cutoff: t.run.train.cutoff.to_rfc3339(),
                    nominal_start: t.run.train.nominal_start.to_rfc3339(),
                    date: t.run.train.start,
                    finish: t.run.finish(),
                    riders: t.riders.len(),
                    full: plan
                        .capacity()
                        .is_some_and(|c| t.riders.len() >= c as usize),
                    connectors: t.riders.iter().map(|&i| self.name(i)).collect(),
                    regions: self.regions(&t.run.dates),
                })
            }),
        )?;
        map.serialize_entry(
            "connectors",
            &Seq(|| {
                self.batch.connectors().iter().enumerate().map(|(i, c)| {
                    let p = &plan.placements()[i];
                    let train = &plan.train_of(i).run.train;
                    ConnectorJson {
                        name: &c.name,
                        ready: c.ready.to_rfc3339(),
                        train_start: train.start_at.to_rfc3339(),
                        regions: self.regions(plan.dates(i)),
                        train_date: train.start,
                        ready_train_date: p.ready_train,
                        priority: c.priority,
                        not_before: c.not_before,
                        after: &c.after,
                        pushed: p
                            .pushed
                            .iter()
                            .map(|x| match *x {
                                Push::NotBefore { date, trains } => {
                                    PushJson::NotBefore { date, trains }
                                }
                                Push::Dependency { on, finish, trains } => PushJson::Dependency {
                                    on: self.name(on),
                                    finish,
                                    trains,
                                },
                                Push::Capacity { trains } => PushJson::Capacity { trains },
                            })
                            .collect(),
                    }
                })
            }),
        )?;
        map.end()
    }
}

/// A JSON array serialized from an iterator, without collecting it.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// Renders `golive plan --what-if`: the summary line and every date that moved. `config` is
/// the second configuration, whose regions [`crate::Change::region`] indexes.
pub fn what_if(
    config: &Config,
    batch: &Batch,
    what_if: &WhatIf,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let name = |c: usize| batch.connectors()[c].name.as_str();
    let region = |r: usize| config.regions[r].key.as_str();
    match format {
        Format::Json => {
            #[derive(Serialize)]
            struct ChangeJson<'a> {
                name: &'a str,
                region: &'a str,
                old: NaiveDate,
                new: NaiveDate,
                days: i64,
            }
            let mut ser = serde_json::Serializer::pretty(&mut *out);
            let mut map = ser.serialize_map(Some(6)).map_err(io::Error::from)?;
            let mut entries = || -> Result<(), serde_json::Error> {
                map.serialize_entry("summary", &what_if.summary())?;
                map.serialize_entry("connectors", &what_if.connectors)?;
                map.serialize_entry("slipped", &what_if.slipped)?;
                map.serialize_entry("earlier", &what_if.earlier)?;
                map.serialize_entry("not_compared", &what_if.not_compared)?;
                map.serialize_entry(
                    "changes",
                    &Seq(|| {
                        what_if.changes.iter().map(|c| ChangeJson {
                            name: name(c.connector),
                            region: region(c.region),
                            old: c.old,
                            new: c.new,
                            days: c.days(),
                        })
                    }),
                )
            };
            entries().map_err(io::Error::from)?;
            SerializeMap::end(map).map_err(io::Error::from)?;
            out.write_all(b"\n")
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["name", "region", "old", "new", "days"])?;
            for c in &what_if.changes {
                w.write_record([
                    name(c.connector),
                    region(c.region),
                    &c.old.to_string(),
                    &c.new.to_string(),
                    &c.days().to_string(),
                ])?;
            }
            w.flush()
        }
        Format::Table => {
            let mut summary = what_if.summary();
            if let Some(first) = summary.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            writeln!(out, "{summary}.")?;
            let mut previous = None;
            // Laid out in tables of TABLE_ROWS changes, so memory stays bounded.
            for rows in what_if.changes.chunks(TABLE_ROWS) {
                let mut t = new_table(&["Connector", "Region", "Before", "After", "Moved"]);
                for c in rows {
                    let d = c.days();
                    let unit = if d.abs() == 1 { "day" } else { "days" };
                    // The name once per connector: its regions follow on their own rows.
                    let shown = if previous == Some(c.connector) {
                        ""
                    } else {
                        name(c.connector)
                    };
                    previous = Some(c.connector);
                    t.add_row(vec![
                        Cell::new(shown),
                        Cell::new(region(c.region)),
                        Cell::new(day(c.old)),
                        Cell::new(day(c.new)),
                        Cell::new(format!("{d:+} {unit}")).set_alignment(CellAlignment::Right),
                    ]);
                }
                writeln!(out, "\n{t}")?;
            }
            Ok(())
        }
    }
}

/// A CSV batch planned row by row: `golive plan BATCH.csv --format csv` when nothing
/// competes for a seat and nothing waits for another connector (no capacity, no `after`
/// column), so that every connector simply rides its first open train.
///
/// The batch is read twice and never held: the first pass checks every row and finds its
/// train, the second writes the rows. Rows are written with no allocation except for a
/// `pushed` note. Anything out of the ordinary (a name used twice, a connector past its
/// horizon, an empty batch) is left to the full planner, which explains it.
pub struct StreamedCsvPlan<'a> {
    config: &'a Config,
    source: &'a Source,
    table: TrainTable,
    /// For each train, the earliest readiness whose horizon reaches its last region.
    min_ready: Vec<DateTime<Utc>>,
}

/// What streaming a row found.
enum Row {
    /// Written (or, when only checking, fine).
    Done,
    /// A name seen before, or a connector past its horizon: the full planner explains it.
    Unusual,
}

impl<'a> StreamedCsvPlan<'a> {
    /// A streamed plan of `source`, or `None` when it needs the full planner (a capacity, an
    /// `after` column). Reads only the header; rows are checked as they stream.
    pub fn new(config: &'a Config, source: &'a Source) -> Result<Option<StreamedCsvPlan<'a>>> {
        if config.max_per_train.is_some() || CsvBatch::open(source)?.after_col.is_some() {
            return Ok(None);
        }
        // Every supported day: the batch's days are not known before it is read.
        let (first, last) = (first_supported_day(), last_supported_day());
        let scheduler = Scheduler::new(config, first, last);
        let Ok(table) = TrainTable::new(&scheduler, first) else {
            return Ok(None);
        };
        let Some(min_ready) = table
            .runs
            .iter()
            .map(|r| scheduler.earliest_ready_for(r.finish()))
            .collect::<Option<Vec<_>>>()
        else {
            return Ok(None);
        };
        Ok(Some(StreamedCsvPlan {
            config,
            source,
            table,
            min_ready,
        }))
    }

    /// Reads every row without writing: `Ok(true)` when the whole batch streams, so that a
    /// plan for stdout can be checked before its first line goes out.
    pub fn check(&self) -> Result<bool> {
        self.each_row(&mut |_, _, _| Ok(()))
    }

    /// Writes the plan as `golive plan --format csv` does, row by row. `Ok(false)` means a
    /// row needs the full planner: what was written so far must be thrown away.
    ///
    /// Rows are laid out here rather than by the `csv` writer, whose per-field calls cost
    /// more than the planning itself; fields are quoted by the same rule (only when they hold
    /// a comma, a quote or a line break), and a test holds the two outputs equal.
    pub fn write(&self, out: &mut dyn Write) -> Result<bool> {
        let io = |e: io::Error| crate::error::Error::Io {
            action: "write",
            path: "the plan".into(),
            source: e,
        };
        let mut w = io::BufWriter::with_capacity(1 << 16, out);
        let mut header = vec!["name", "ready", "train_start"];
        header.extend(self.config.regions.iter().map(|r| r.key.as_str()));
        header.push("pushed");
        let mut line = Vec::with_capacity(256);
        for (k, h) in header.iter().enumerate() {
            if k > 0 {
                line.push(b',');
            }
            csv_field(&mut line, h);
        }
        line.push(b'\n');
        w.write_all(&line).map_err(io)?;
        // Every rider of a train shares its start and region dates: lay them out once.
        let mut shared: Vec<Option<Vec<u8>>> = vec![None; self.table.runs.len()];
        let mut stamp = [0u8; 40];
        let done = self.each_row(&mut |row, first, open| {
            let run = &self.table.runs[open as usize];
            let cells = shared[open as usize].get_or_insert_with(|| {
                let mut cells = format!(",{}", run.train.start_at.to_rfc3339());
                for d in &run.dates {
                    cells.push_str(&format!(",{d}"));
                }
                cells.push(',');
                cells.into_bytes()
            });
            line.clear();
            csv_field(&mut line, row.name);
            line.push(b',');
            line.extend_from_slice(rfc3339(row.ready, &mut stamp));
            line.extend_from_slice(cells);
            if open > first {
                let note = push_text(
                    &Push::NotBefore {
                        date: row.not_before.unwrap_or(run.train.start),
                        trains: open - first,
                    },
                    &|_| "",
                );
                csv_field(&mut line, &note);
            }
            line.push(b'\n');
            w.write_all(&line).map_err(io)
        })?;
        w.flush().map_err(io)?;
        Ok(done)
    }

    /// Reads every row, finds its train and hands it to `each`; `Ok(false)` at the first
    /// row the full planner must see.
    fn each_row(&self, each: &mut dyn FnMut(&CsvRow<'_>, u32, u32) -> Result<()>) -> Result<bool> {
        let mut csv = CsvBatch::open(self.source)?;
        // Names are told apart by their hashes, sorted at the end: far cheaper than a set
        // with a million entries. Two equal hashes send the batch to the full planner, which
        // finds a name used twice, or (once in billions) plans two names that only collide.
        let mut names: Vec<u64> = Vec::with_capacity(self.source.text.len() / 40);
        let mut outcome = Row::Done;
        // Stops the reader at an unusual row; `outcome` tells it from a real error.
        let stop = || crate::error::Error::argument("", "", "");
        let result = csv.rows(self.config.timezone, |row| {
            let (first, open) = self.table.open_train(row.ready, row.not_before);
            let fits = self
                .min_ready
                .get(open as usize)
                .is_some_and(|m| row.ready.to_utc() >= *m);
            if !fits {
                outcome = Row::Unusual;
                return Err(stop());
            }
            names.push(fnv(row.name.as_bytes()));
            each(&row, first, open)
        });
        match (result, outcome) {
            (Err(_), Row::Unusual) => Ok(false),
            (Err(e), Row::Done) => Err(e),
            (Ok(()), _) => {
                names.sort_unstable();
                let unique = names.windows(2).all(|w| w[0] != w[1]);
                // A header without rows is an error the full planner words.
                Ok(unique && !names.is_empty())
            }
        }
    }
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

/// FNV-1a, a fast hash for telling names apart while streaming.
const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_from(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn fnv(bytes: &[u8]) -> u64 {
    fnv_from(FNV_START, bytes)
}

/// Appends a CSV field, quoted (quotes doubled) only when it holds a comma, a quote or a
/// line break, as the `csv` crate's writer does.
fn csv_field(line: &mut Vec<u8>, field: &str) {
    let b = field.as_bytes();
    if !b.iter().any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r')) {
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
    use crate::config::Layer;

    fn config(text: &str) -> Config {
        let layer = Layer {
            source: Source::new("t.toml", text),
            dir: None,
        };
        Config::load(&[layer], &|p| std::fs::read(p)).unwrap()
    }

    /// The plan of the full planner, as `--format csv` writes it.
    fn full(config: &Config, source: &Source) -> Vec<u8> {
        let batch = Batch::parse(source, config.timezone).unwrap();
        let plan = Plan::new(config, &batch).unwrap();
        let mut out = Vec::new();
        super::plan(config, &batch, &plan, Format::Csv, &mut out).unwrap();
        out
    }

    fn streamed(config: &Config, source: &Source) -> Option<Vec<u8>> {
        let plan = StreamedCsvPlan::new(config, source).unwrap()?;
        let mut out = Vec::new();
        let done = plan.write(&mut out).unwrap();
        assert_eq!(done, plan.check().unwrap());
        done.then_some(out)
    }

    /// Byte for byte, the streamed plan is the full planner's, over random batches with
    /// awkward names (commas, quotes, line breaks, spaces), every form of readiness, blank
    /// rows, `not_before` and `priority`, under freezes and `blocked_start = "skip"`.
    #[test]
    fn streamed_csv_plans_equal_full_plans() {
        let configs = [
            config(""),
            config(
                "blocked_start = \"skip\"\n[[freeze]]\nname = \"F\"\nfrom = 2027-03-01\nuntil = 2027-04-15\nregions = [\"asia\"]\n",
            ),
            config("timezone = \"Asia/Tokyo\"\ndeploy_time = \"02:30\"\n"),
        ];
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let names = [
            "Contoso",
            "A, Inc",
            "Say \"hi\"",
            "two\nlines",
            "  padded  ",
            "é中😀",
            "#hash",
        ];
        let mut streamed_count = 0;
        for round in 0..60 {
            let config = &configs[round % configs.len()];
            let with_not_before = next(2) == 0;
            let mut text = String::from(if with_not_before {
                "ready,name,not_before,priority\n"
            } else {
                "name,ready\n"
            });
            for i in 0..next(40) + 1 {
                let (y, m, d) = (2026 + next(3) as i32, 1 + next(12), 1 + next(28));
                let (h, min, s) = (next(24), next(60), next(60));
                let ready = match next(5) {
                    0 => format!("{y}-{m:02}-{d:02}"),
                    1 => format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}"),
                    2 => format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}Z"),
                    3 => format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.25+05:30"),
                    _ => format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}-0{}:00", next(9)),
                };
                let base = names[next(names.len() as u64) as usize];
                let name = format!("{base} {i}").replace('"', "\"\"");
                let name = format!("\"{name}\"");
                if with_not_before {
                    let nb = match next(3) {
                        0 => String::new(),
                        _ => format!("{y}-{:02}-{:02}", 1 + next(12), 1 + next(28)),
                    };
                    text.push_str(&format!("{ready},{name},{nb},{}\n", next(5)));
                } else {
                    text.push_str(&format!("{name}, {ready} \n"));
                }
                if next(6) == 0 {
                    text.push('\n');
                }
            }
            let source = Source::new("b.csv", text.clone());
            if let Some(out) = streamed(config, &source) {
                streamed_count += 1;
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    String::from_utf8(full(config, &source)).unwrap(),
                    "{text}"
                );
            }
        }
        assert!(streamed_count > 40, "{streamed_count}");
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
        assert!(StreamedCsvPlan::new(&c, &after).unwrap().is_none());
        let limited = config("max_per_train = 3\n");
        let plain = Source::new("b.csv", "name,ready\nA,2026-11-22\n");
        assert!(StreamedCsvPlan::new(&limited, &plain).unwrap().is_none());
        assert!(streamed(&c, &plain).is_some());
    }
}
