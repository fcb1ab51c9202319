//! The export layer: answers rendered as tables, JSON (SPEC "Output contract") and CSV.
//!
//! Functions here turn computed values into text; they never print. The JSON shapes are the
//! contract scripts depend on: keys may be added, never renamed.

mod ics;
mod plan;

pub use ics::{IcsOptions, PreviousExport};
pub use plan::{StreamedCsvPlan, plan, what_if};

/// iCalendar renderers, re-exported from the crate root with `_ics` names.
pub(crate) mod ical {
    pub use super::ics::{deploy_calendar, holidays, plan, trains, when};
}

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use comfy_table::{Cell, CellAlignment, Table, presets};
use serde::Serialize;

use crate::calendar::Reason;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::holidays::HolidayDate;
use crate::schedule::{Rollout, Skipped, TrainRun};

/// An output format for answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A human-readable table.
    Table,
    /// JSON following SPEC "Output contract".
    Json,
    /// CSV with a header row.
    Csv,
}

/// `Fri 2026-11-27 09:00 PST`
fn stamp(t: DateTime<Tz>) -> String {
    t.format("%a %Y-%m-%d %H:%M %Z").to_string()
}

fn day(d: NaiveDate) -> String {
    d.format("%a %Y-%m-%d").to_string()
}

fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
    t.set_header(header.iter().map(Cell::new));
    t
}

fn csv_text(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| Error::Io {
        action: "write",
        path: "<csv>".into(),
        source: std::io::Error::other(e.to_string()),
    };
    w.write_record(header).map_err(io)?;
    for row in rows {
        w.write_record(&row).map_err(io)?;
    }
    let bytes = w.into_inner().map_err(|e| io(e.into_error().into()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn json_text<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// The answer to `golive when`: one connector's rollout, explained.
#[derive(Debug)]
pub struct WhenReport<'a> {
    /// The configuration the rollout was computed with.
    pub config: &'a Config,
    /// The rollout.
    pub rollout: &'a Rollout,
    /// The skipped days of every region (from [`crate::Scheduler::explain`]).
    pub skipped: &'a [Vec<Skipped>],
    /// The region the user asked about with `--where`, and the words they used.
    pub focus: Option<(usize, String)>,
    /// The zone the readiness instant is echoed in.
    pub ready_zone: Tz,
}

#[derive(Serialize)]
struct WhenJson<'a> {
    ready: String,
    train: TrainJson,
    regions: Vec<RegionJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    r#where: Option<WhereJson<'a>>,
}

#[derive(Serialize)]
struct WhereJson<'a> {
    query: &'a str,
    key: &'a str,
}

#[derive(Serialize)]
struct TrainJson {
    cutoff: String,
    nominal_start: String,
    start: String,
}

#[derive(Serialize)]
struct RegionJson<'a> {
    key: &'a str,
    name: &'a str,
    date: NaiveDate,
    at: String,
    weekday: String,
    timezone: &'a str,
    local_at: String,
    waited_days: usize,
    skipped: Vec<SkippedJson<'a>>,
}

#[derive(Serialize)]
struct SkippedJson<'a> {
    date: NaiveDate,
    reasons: &'a [Reason],
}

impl WhenReport<'_> {
    /// Renders the answer in `format`; `explain` adds every skipped day to the table.
    pub fn render(&self, format: Format, explain: bool) -> Result<String> {
        match format {
            Format::Json => Ok(json_text(&self.json())),
            Format::Csv => self.csv(explain),
            Format::Table => Ok(self.table(explain)),
        }
    }

    fn at(&self, region: usize) -> DateTime<Tz> {
        crate::time::deploy_instant(
            self.config.timezone,
            self.rollout.dates[region],
            self.config.deploy_time,
        )
    }

    fn json(&self) -> WhenJson<'_> {
        let train = &self.rollout.train;
        WhenJson {
            ready: self.rollout.ready.to_rfc3339(),
            train: TrainJson {
                cutoff: train.cutoff.to_rfc3339(),
                nominal_start: train.nominal_start.to_rfc3339(),
                start: train.start_at.to_rfc3339(),
            },
            regions: self
                .config
                .regions
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let at = self.at(i);
                    RegionJson {
                        key: &r.key,
                        name: &r.name,
                        date: self.rollout.dates[i],
                        at: at.to_rfc3339(),
                        weekday: self.rollout.dates[i].format("%A").to_string(),
                        timezone: r.timezone.name(),
                        local_at: at.with_timezone(&r.timezone).to_rfc3339(),
                        waited_days: self.skipped[i].len(),
                        skipped: self.skipped[i]
                            .iter()
                            .map(|s| SkippedJson {
                                date: s.date,
                                reasons: &s.reasons,
                            })
                            .collect(),
                    }
                })
                .collect(),
            r#where: self.focus.as_ref().map(|(i, q)| WhereJson {
                query: q,
                key: &self.config.regions[*i].key,
            }),
        }
    }

    fn csv(&self, explain: bool) -> Result<String> {
        let rows = self.config.regions.iter().enumerate().map(|(i, r)| {
            let at = self.at(i);
            let mut row = vec![
                r.key.clone(),
                r.name.clone(),
                self.rollout.dates[i].to_string(),
                self.rollout.dates[i].format("%A").to_string(),
                at.to_rfc3339(),
                at.with_timezone(&r.timezone).to_rfc3339(),
                self.skipped[i].len().to_string(),
                self.rollout.ready.to_rfc3339(),
                self.rollout.train.cutoff.to_rfc3339(),
                self.rollout.train.start_at.to_rfc3339(),
            ];
            if explain {
                let days: Vec<String> = self.skipped[i]
                    .iter()
                    .map(|s| {
                        let why: Vec<String> = s.reasons.iter().map(|r| r.to_string()).collect();
                        format!("{} {}", s.date, why.join(", "))
                    })
                    .collect();
                row.push(days.join("; "));
            }
            row
        });
        let mut header = vec![
            "key",
            "name",
            "date",
            "weekday",
            "at",
            "local_at",
            "waited_days",
            "ready",
            "train_cutoff",
            "train_start",
        ];
        if explain {
            header.push("skipped");
        }
        csv_text(&header, rows)
    }

    /// The plain one-paragraph answer for `--where`.
    fn focus_line(&self) -> Option<String> {
        let (i, query) = self.focus.as_ref()?;
        let r = &self.config.regions[*i];
        let at = self.at(*i);
        let place = if r.key.eq_ignore_ascii_case(query) || r.name.eq_ignore_ascii_case(query) {
            r.name.clone()
        } else {
            format!("{query} (region {})", r.name)
        };
        Some(format!(
            "{place} goes live on {} at {} ({} in {}). Be ready by {} to ride this train.\n",
            day(self.rollout.dates[*i]),
            at.format("%H:%M %Z"),
            at.with_timezone(&r.timezone).format("%a %H:%M %Z"),
            r.timezone.name(),
            stamp(self.rollout.train.cutoff),
        ))
    }

    fn table(&self, explain: bool) -> String {
        let c = self.config;
        let train = &self.rollout.train;
        let mut out = String::new();
        if let Some(line) = self.focus_line() {
            out.push_str(&line);
            out.push('\n');
        }
        let ready = self.rollout.ready.with_timezone(&self.ready_zone);
        out.push_str(&format!(
            "Ready:  {} ({})\n",
            ready.format("%a %Y-%m-%d %H:%M:%S %Z"),
            self.rollout.ready.to_rfc3339()
        ));
        out.push_str(&format!(
            "Train:  cutoff {}; scheduled start {}; starts {}\n\n",
            stamp(train.cutoff),
            stamp(train.nominal_start),
            stamp(train.start_at),
        ));
        let zone_header = format!("Deploys ({})", c.timezone.name());
        let mut t = new_table(&[
            "Region",
            "Live on",
            &zone_header,
            "Region's local time",
            "Waited",
        ]);
        for (i, r) in c.regions.iter().enumerate() {
            let at = self.at(i);
            let focused = self.focus.as_ref().is_some_and(|(f, _)| *f == i);
            let name = if focused {
                format!("▶ {}", r.name)
            } else {
                r.name.clone()
            };
            let waited = self.skipped[i].len();
            t.add_row(vec![
                Cell::new(name),
                Cell::new(day(self.rollout.dates[i])),
                Cell::new(at.format("%H:%M %Z")),
                Cell::new(format!(
                    "{} ({})",
                    at.with_timezone(&r.timezone).format("%a %H:%M %Z"),
                    r.timezone.name()
                )),
                Cell::new(format!(
                    "{waited} day{}",
                    if waited == 1 { "" } else { "s" }
                ))
                .set_alignment(CellAlignment::Right),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
        if explain {
            for (i, r) in c.regions.iter().enumerate() {
                out.push_str(&format!(
                    "\n{} ({}), live {}:\n",
                    r.name,
                    r.key,
                    day(self.rollout.dates[i])
                ));
                if self.skipped[i].is_empty() {
                    out.push_str("  no day skipped\n");
                }
                for s in &self.skipped[i] {
                    let reasons: Vec<String> = s.reasons.iter().map(|x| x.to_string()).collect();
                    out.push_str(&format!("  {}  {}\n", day(s.date), reasons.join("; ")));
                }
            }
        } else if self.skipped.iter().any(|s| !s.is_empty()) {
            out.push_str("\nRun with --explain to see every skipped day and why.\n");
        }
        out
    }
}

/// Renders the train list of `golive trains`.
pub fn trains(config: &Config, runs: &[TrainRun], format: Format) -> Result<String> {
    #[derive(Serialize)]
    struct TrainRunJson<'a> {
        cutoff: String,
        nominal_start: String,
        start: String,
        finish: NaiveDate,
        nominal_days: &'a [NaiveDate],
        moved_by: &'a [Reason],
        cancelled: Vec<SkippedJson<'a>>,
        regions: Vec<RegionDate<'a>>,
        note: String,
    }
    #[derive(Serialize)]
    struct RegionDate<'a> {
        key: &'a str,
        date: NaiveDate,
    }
    let note = |run: &TrainRun| -> String {
        let mut parts = Vec::new();
        for c in &run.cancelled {
            let why: Vec<&str> = c.reasons.iter().map(|r| r.name.as_str()).collect();
            parts.push(format!(
                "train of {} cancelled ({})",
                day(c.date),
                why.join(", ")
            ));
        }
        if !run.moved_by.is_empty() {
            let why: Vec<&str> = run.moved_by.iter().map(|r| r.name.as_str()).collect();
            parts.push(format!(
                "moved from {} ({})",
                day(run.nominal_days[0]),
                why.join(", ")
            ));
        }
        if run.nominal_days.len() > 1 {
            let days: Vec<String> = run
                .nominal_days
                .iter()
                .map(|d| d.format("%m-%d").to_string())
                .collect();
            parts.push(format!(
                "{} scheduled trains leave together ({})",
                run.nominal_days.len(),
                days.join(", ")
            ));
        }
        parts.join("; ")
    };
    match format {
        Format::Json => {
            let v: Vec<TrainRunJson<'_>> = runs
                .iter()
                .map(|r| TrainRunJson {
                    cutoff: r.train.cutoff.to_rfc3339(),
                    nominal_start: r.train.nominal_start.to_rfc3339(),
                    start: r.train.start_at.to_rfc3339(),
                    finish: r.finish(),
                    nominal_days: &r.nominal_days,
                    moved_by: &r.moved_by,
                    cancelled: r
                        .cancelled
                        .iter()
                        .map(|s| SkippedJson {
                            date: s.date,
                            reasons: &s.reasons,
                        })
                        .collect(),
                    regions: config
                        .regions
                        .iter()
                        .zip(&r.dates)
                        .map(|(g, d)| RegionDate {
                            key: &g.key,
                            date: *d,
                        })
                        .collect(),
                    note: note(r),
                })
                .collect();
            Ok(json_text(&v))
        }
        Format::Csv => {
            let mut header = vec!["cutoff", "nominal_start", "start", "finish"];
            header.extend(config.regions.iter().map(|r| r.key.as_str()));
            header.push("note");
            csv_text(
                &header,
                runs.iter().map(|r| {
                    let mut row = vec![
                        r.train.cutoff.to_rfc3339(),
                        r.train.nominal_start.to_rfc3339(),
                        r.train.start_at.to_rfc3339(),
                        r.finish().to_string(),
                    ];
                    row.extend(r.dates.iter().map(|d| d.to_string()));
                    row.push(note(r));
                    row
                }),
            )
        }
        Format::Table => {
            let mut t = new_table(&["Cutoff", "Scheduled start", "Starts", "Last region", "Note"]);
            for r in runs {
                t.add_row(vec![
                    stamp(r.train.cutoff),
                    stamp(r.train.nominal_start),
                    day(r.train.start),
                    day(r.finish()),
                    note(r),
                ]);
            }
            let mut s = t.to_string();
            s.push('\n');
            if runs.is_empty() {
                s.push_str("No train in the range asked for.\n");
            }
            Ok(s)
        }
    }
}

/// Renders the holiday list of `golive holidays`; `calendars` pairs each date with the name
/// of the calendar it came from.
pub fn holidays(days: &[(String, HolidayDate)], format: Format) -> Result<String> {
    #[derive(Serialize)]
    struct HolidayJson<'a> {
        date: NaiveDate,
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        observes: Option<NaiveDate>,
        weekday: String,
        calendar: &'a str,
    }
    match format {
        Format::Json => {
            let v: Vec<HolidayJson<'_>> = days
                .iter()
                .map(|(c, h)| HolidayJson {
                    date: h.date,
                    name: &h.name,
                    observes: h.observes,
                    weekday: h.date.format("%A").to_string(),
                    calendar: c,
                })
                .collect();
            Ok(json_text(&v))
        }
        Format::Csv => csv_text(
            &["date", "name", "observes", "weekday", "calendar"],
            days.iter().map(|(c, h)| {
                vec![
                    h.date.to_string(),
                    h.name.to_string(),
                    h.observes.map(|d| d.to_string()).unwrap_or_default(),
                    h.date.format("%A").to_string(),
                    c.clone(),
                ]
            }),
        ),
        Format::Table => {
            let mut t = new_table(&["Date", "Day", "Holiday", "Calendar"]);
            for (c, h) in days {
                let name = match h.observes {
                    Some(actual) => format!("{} (observed; falls on {})", h.name, day(actual)),
                    None => h.name.to_string(),
                };
                t.add_row(vec![
                    h.date.to_string(),
                    h.date.format("%a").to_string(),
                    name,
                    c.clone(),
                ]);
            }
            let mut s = t.to_string();
            s.push('\n');
            Ok(s)
        }
    }
}
