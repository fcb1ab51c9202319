//! Rendering batch plans and what-if comparisons: tables for release managers, JSON and CSV
//! for scripts (SPEC "Output contract").
//!
//! These write to a stream instead of building a string, so that a plan of a million
//! connectors goes out row by row; JSON arrays are serialized from iterators for the same
//! reason.

use std::io::{self, Write};

use chrono::NaiveDate;
use comfy_table::{Cell, CellAlignment};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{Format, day, new_table, stamp};
use crate::batch::Batch;
use crate::config::Config;
use crate::plan::{Plan, Push, WhatIf};

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
            .map(|p| match *p {
                Push::NotBefore { date, trains } => {
                    format!("not before {date} (+{})", plural(trains, "train", "trains"))
                }
                Push::Dependency { on, finish, trains } => format!(
                    "after {}, live everywhere {finish} (+{})",
                    self.name(on),
                    plural(trains, "train", "trains")
                ),
                Push::Capacity { trains } => {
                    format!("missed {}", plural(trains, "full train", "full trains"))
                }
            })
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
