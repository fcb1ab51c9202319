//! The answer to `golive when`: one connector's rollout, explained, as a table, JSON, CSV or
//! iCalendar.

use std::io::{self, Write};

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use comfy_table::{Cell, CellAlignment};
use serde::Serialize;

use super::words::{recurred_dates, recurred_for, season_basis, season_text, train_line, waited};
use super::{
    Format, Output, SkippedJson, WarningJson, day, new_table, stamp, warnings_json, write_csv,
    write_json,
};
use crate::calendar::Reason;
use crate::config::{Config, Region, RegionId};
use crate::ics::{Feed, live_uid};
use crate::schedule::{Explanation, Rollout};

/// The answer to `golive when`: a rollout, its explanation, and how the user asked.
///
/// # Example
/// ```
/// use golive::export::{Format, Output, WhenReport};
/// let config = golive::Config::embedded()?;
/// let scheduler = golive::Scheduler::new(&config);
/// let rollout = scheduler.rollout(config.parse_ready("2026-11-22T10:00")?)?;
/// let explanation = scheduler.explain(&rollout);
/// let europe = config.find_region("Europe").unwrap().id();
/// let report = WhenReport::new(&rollout, &explanation).focus(europe, "Europe");
/// let mut out = Vec::new();
/// golive::export::when(&report, &Output::new(Format::Json), &mut out)?;
/// let text = String::from_utf8(out)?;
/// assert!(text.contains("\"date\": \"2026-12-02\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct WhenReport<'a> {
    rollout: &'a Rollout<'a>,
    explanation: &'a Explanation,
    focus: Option<(RegionId, String)>,
    ready_zone: Tz,
    name: String,
}

impl<'a> WhenReport<'a> {
    /// The answer for `rollout`, with `explanation` (from [`crate::Scheduler::explain`]);
    /// readiness is echoed in the schedule zone, and the connector is called "Connector".
    pub fn new(rollout: &'a Rollout<'a>, explanation: &'a Explanation) -> WhenReport<'a> {
        WhenReport {
            rollout,
            explanation,
            focus: None,
            ready_zone: rollout.config().timezone(),
            name: "Connector".into(),
        }
    }

    /// The same answer, for region `region` first, which the user asked about as `query`.
    pub fn focus(mut self, region: RegionId, query: &str) -> WhenReport<'a> {
        self.focus = Some((region, query.trim().to_string()));
        self
    }

    /// The same answer, echoing readiness in `zone`.
    pub fn ready_zone(mut self, zone: Tz) -> WhenReport<'a> {
        self.ready_zone = zone;
        self
    }

    /// The same answer, for a connector named `name` (iCalendar event titles).
    pub fn name(mut self, name: &str) -> WhenReport<'a> {
        self.name = name.to_string();
        self
    }

    fn config(&self) -> &'a Config {
        self.rollout.config()
    }

    /// Every region with its date, deploy instant and skipped days.
    fn regions(
        &self,
    ) -> impl Iterator<Item = (&'a Region, NaiveDate, DateTime<Tz>, &[crate::Skipped])> + '_ {
        self.rollout.regions().map(|(r, date)| {
            let at = crate::time::deploy_instant(
                self.config().timezone(),
                date,
                self.config().deploy_time(),
            );
            (r, date, at, self.explanation.region(r.id()))
        })
    }

    fn focused(&self, r: &Region) -> bool {
        self.focus.as_ref().is_some_and(|(f, _)| *f == r.id())
    }
}

/// Renders the answer of `golive when` in `output`'s format.
pub fn when(report: &WhenReport<'_>, output: &Output, out: &mut dyn Write) -> io::Result<()> {
    match output.format {
        Format::Json => write_json(out, &json(report)),
        Format::Csv => csv(report, output.explain, out),
        Format::Table => out.write_all(table(report, output.explain).as_bytes()),
        Format::Ics => ics(report, output, out),
    }
}

#[derive(Serialize)]
struct WhenJson<'a> {
    ready: String,
    train: TrainJson,
    regions: Vec<RegionJson<'a>>,
    warnings: Vec<WarningJson<'a>>,
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

fn json<'a>(report: &'a WhenReport<'_>) -> WhenJson<'a> {
    let train = report.rollout.train();
    WhenJson {
        ready: report.rollout.ready().to_rfc3339(),
        train: TrainJson {
            cutoff: train.cutoff.to_rfc3339(),
            nominal_start: train.nominal_start.to_rfc3339(),
            start: train.start_at.to_rfc3339(),
        },
        regions: report
            .regions()
            .map(|(r, date, at, skipped)| RegionJson {
                key: r.key(),
                name: r.name(),
                date,
                at: at.to_rfc3339(),
                weekday: date.format("%A").to_string(),
                timezone: r.timezone().name(),
                local_at: at.with_timezone(&r.timezone()).to_rfc3339(),
                waited_days: skipped.len(),
                skipped: skipped
                    .iter()
                    .map(|s| SkippedJson {
                        date: s.date,
                        reasons: &s.reasons,
                    })
                    .collect(),
            })
            .collect(),
        warnings: warnings_json(report.config(), report.explanation.warnings()),
        r#where: report.focus.as_ref().map(|(id, q)| WhereJson {
            query: q,
            key: report.config().key(*id),
        }),
    }
}

fn csv(report: &WhenReport<'_>, explain: bool, out: &mut dyn Write) -> io::Result<()> {
    let rollout = report.rollout;
    let rows = report.regions().map(|(r, date, at, skipped)| {
        let mut row = vec![
            r.key().to_string(),
            r.name().to_string(),
            date.to_string(),
            date.format("%A").to_string(),
            at.to_rfc3339(),
            at.with_timezone(&r.timezone()).to_rfc3339(),
            skipped.len().to_string(),
            rollout.ready().to_rfc3339(),
            rollout.train().cutoff.to_rfc3339(),
            rollout.train().start_at.to_rfc3339(),
        ];
        if explain {
            let days: Vec<String> = skipped
                .iter()
                .map(|s| {
                    let why: Vec<String> = s.reasons.iter().map(Reason::to_string).collect();
                    format!("{} {}", s.date, why.join(", "))
                })
                .collect();
            row.push(days.join("; "));
        }
        row.push(note(report, r.id()));
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
    header.push("note");
    write_csv(out, &header, rows)
}

/// The `note` of a region's CSV row: its date if each unconfigured seasonal freeze recurred.
fn note(report: &WhenReport<'_>, region: RegionId) -> String {
    let notes: Vec<String> = report
        .explanation
        .warnings()
        .iter()
        .map(|w| format!("seasonal freeze: {}", recurred_for(w, region)))
        .collect();
    notes.join("; ")
}

/// The plain one-paragraph answer for `--where`.
fn focus_line(report: &WhenReport<'_>) -> Option<String> {
    let (id, query) = report.focus.as_ref()?;
    let (r, date, at, _) = report.regions().find(|(r, ..)| r.id() == *id)?;
    let place = if r.key().eq_ignore_ascii_case(query) || r.name().eq_ignore_ascii_case(query) {
        r.name().to_string()
    } else {
        format!("{query} (region {})", r.name())
    };
    Some(format!(
        "{place} goes live on {} at {} ({} in {}). Be ready by {} to ride this train.\n",
        day(date),
        at.format("%H:%M %Z"),
        at.with_timezone(&r.timezone()).format("%a %H:%M %Z"),
        r.timezone().name(),
        stamp(report.rollout.train().cutoff),
    ))
}

fn table(report: &WhenReport<'_>, explain: bool) -> String {
    let config = report.config();
    let rollout = report.rollout;
    let train = rollout.train();
    let mut out = String::new();
    if let Some(line) = focus_line(report) {
        out.push_str(&line);
        out.push('\n');
    }
    let ready = rollout.ready().with_timezone(&report.ready_zone);
    out.push_str(&format!(
        "Ready:  {} ({})\n",
        ready.format("%a %Y-%m-%d %H:%M:%S %Z"),
        rollout.ready().to_rfc3339()
    ));
    out.push_str(&format!(
        "Train:  cutoff {}; scheduled start {}; starts {}\n\n",
        stamp(train.cutoff),
        stamp(train.nominal_start),
        stamp(train.start_at),
    ));
    for w in report.explanation.warnings() {
        out.push_str(&format!(
            "⚠ Seasonal freeze: {}. If it recurs: {}.\n  {}. The dates below follow the configured freezes only.\n\n",
            season_text(w),
            recurred_dates(config, w),
            season_basis(w)
        ));
    }
    let zone_header = format!("Deploys ({})", config.timezone().name());
    let mut t = new_table(&[
        "Region",
        "Live on",
        &zone_header,
        "Region's local time",
        "Waited",
    ]);
    for (r, date, at, skipped) in report.regions() {
        let name = match report.focused(r) {
            true => format!("▶ {}", r.name()),
            false => r.name().to_string(),
        };
        let waited = skipped.len();
        t.add_row(vec![
            Cell::new(name),
            Cell::new(day(date)),
            Cell::new(at.format("%H:%M %Z")),
            Cell::new(format!(
                "{} ({})",
                at.with_timezone(&r.timezone()).format("%a %H:%M %Z"),
                r.timezone().name()
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
        for (r, date, _, skipped) in report.regions() {
            out.push_str(&format!(
                "\n{} ({}), live {}:\n",
                r.name(),
                r.key(),
                day(date)
            ));
            if skipped.is_empty() {
                out.push_str("  no day skipped\n");
            }
            for s in skipped {
                let reasons: Vec<String> = s.reasons.iter().map(Reason::to_string).collect();
                out.push_str(&format!("  {}  {}\n", day(s.date), reasons.join("; ")));
            }
        }
    } else if report.explanation.regions().any(|s| !s.is_empty()) {
        out.push_str("\nRun with --explain to see every skipped day and why.\n");
    }
    out
}

/// An all-day event on the go-live day of each region (or of the region asked about with
/// `--where`), named for the connector.
fn ics(report: &WhenReport<'_>, output: &Output, out: &mut dyn Write) -> io::Result<()> {
    let rollout = report.rollout;
    let connector = report.name.as_str();
    let mut feed = Feed::start(
        &output.ics,
        out,
        &format!("{connector} go-live"),
        &format!(
            "When {connector}, ready {}, goes live in each region (golive)",
            rollout.ready().to_rfc3339()
        ),
    )?;
    for (r, date, at, skipped) in report.regions() {
        if report.focus.is_some() && !report.focused(r) {
            continue;
        }
        let seasonal: String = report
            .explanation
            .warnings()
            .iter()
            .map(|w| {
                let when = w
                    .dates
                    .get(r.id().index())
                    .map_or_else(|| "no rollout within the horizon".to_string(), |d| day(*d));
                format!(
                    "\nSeasonal freeze: {}. If it recurs, {connector} goes live in {} on {when}. {}.",
                    season_text(w),
                    r.name(),
                    season_basis(w)
                )
            })
            .collect();
        let description = format!(
            "{connector} goes live in {} on {} at {} ({} in {}).\n{}\nReady: {}.\n{}{seasonal}",
            r.name(),
            day(date),
            at.format("%H:%M %Z"),
            at.with_timezone(&r.timezone()).format("%a %H:%M %Z"),
            r.timezone().name(),
            train_line(rollout.train()),
            rollout
                .ready()
                .with_timezone(&report.ready_zone)
                .format("%a %Y-%m-%d %H:%M:%S %Z"),
            waited(skipped),
        );
        feed.days(
            &live_uid(connector, r.key()),
            date,
            date,
            &format!("{connector} live in {}", r.name()),
            &description,
        )?;
    }
    feed.finish()
}
