//! The answer to `golive when`: one connector's rollout, explained, as a table, JSON, CSV or
//! iCalendar (and HTML, in `html`).

mod html;

use std::io::{self, Write};

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use comfy_table::{Cell, CellAlignment};
use serde::Serialize;

use super::words::{recurred_dates, recurred_for, season_basis, season_text, train_line, waited};
use super::{
    Format, Output, SkippedJson, TzRegionJson, WarningJson, day, new_table, stamp, warnings_json,
    wrap, write_csv, write_json,
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
    focus: Option<Focus>,
    ready_zone: Tz,
    name: String,
}

/// The region or place asked about with `--where`.
#[derive(Debug)]
struct Focus {
    region: RegionId,
    query: String,
    /// The place's name, or the region's when the query named the region.
    name: String,
    code: Option<String>,
    /// The zone its local times are in: the place's, or the region's representative zone.
    zone: Tz,
    /// Whether a place (not the region itself) was named.
    is_place: bool,
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
    /// When `query` names a place of the region (see [`Config::locate`]), the answer gives
    /// that place's local date and time; else the region's, in its representative zone.
    pub fn focus(mut self, region: RegionId, query: &str) -> WhenReport<'a> {
        let config = self.config();
        let query = query.trim().to_string();
        let found = config.locate(&query).filter(|f| f.region.id() == region);
        let focus = match (found.and_then(|f| f.place), config.region(region)) {
            (Some(p), _) => Focus {
                region,
                name: p.name().to_string(),
                code: p.code().map(str::to_string),
                zone: p.timezone(),
                is_place: true,
                query,
            },
            (None, Some(r)) => Focus {
                region,
                is_place: found.is_none(),
                name: match found {
                    Some(_) => r.name().to_string(),
                    None => query.clone(),
                },
                code: None,
                zone: r.timezone(),
                query,
            },
            (None, None) => Focus {
                region,
                name: query.clone(),
                code: None,
                zone: config.timezone(),
                is_place: true,
                query,
            },
        };
        self.focus = Some(focus);
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
        self.focus.as_ref().is_some_and(|f| f.region == r.id())
    }

    /// The zone a region's "local time" is shown in: the place's for the region asked
    /// about, the region's representative zone for the others.
    fn local_zone(&self, r: &Region) -> Tz {
        match &self.focus {
            Some(f) if f.region == r.id() => f.zone,
            _ => r.timezone(),
        }
    }
}

/// Renders the answer of `golive when` in `output`'s format.
pub fn when(report: &WhenReport<'_>, output: &Output, out: &mut dyn Write) -> io::Result<()> {
    match output.format {
        Format::Json => write_json(out, &json(report, output.zone)),
        Format::Csv => csv(report, output, out),
        Format::Table => out.write_all(table(report, output).as_bytes()),
        Format::Ics => ics(report, output, out),
        Format::Html => html::page(report, output, out),
    }
}

#[derive(Serialize)]
struct WhenJson<'a> {
    ready: String,
    train: TrainJson,
    regions: Vec<RegionJson<'a>>,
    warnings: Vec<WarningJson<'a>>,
    r#where: Option<WhereJson<'a>>,
    tz: Option<TzJson<'a>>,
}

#[derive(Serialize)]
struct WhereJson<'a> {
    query: &'a str,
    key: &'a str,
    place: &'a str,
    code: Option<&'a str>,
    timezone: &'a str,
    local_date: NaiveDate,
    local_at: String,
}

/// The answer's times in the reader's zone (`--tz`), and the dates they fall on there.
#[derive(Serialize)]
struct TzJson<'a> {
    zone: &'a str,
    ready: String,
    train: TrainJson,
    regions: Vec<TzRegionJson<'a>>,
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

fn json<'a>(report: &'a WhenReport<'_>, zone: Option<Tz>) -> WhenJson<'a> {
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
        r#where: report.focus.as_ref().and_then(|f| {
            let (_, _, at, _) = report.regions().find(|(r, ..)| r.id() == f.region)?;
            let local = at.with_timezone(&f.zone);
            Some(WhereJson {
                query: &f.query,
                key: report.config().key(f.region),
                place: &f.name,
                code: f.code.as_deref(),
                timezone: f.zone.name(),
                local_date: local.date_naive(),
                local_at: local.to_rfc3339(),
            })
        }),
        tz: zone.map(|zone| TzJson {
            zone: zone.name(),
            ready: report.rollout.ready().with_timezone(&zone).to_rfc3339(),
            train: TrainJson {
                cutoff: train.cutoff.with_timezone(&zone).to_rfc3339(),
                nominal_start: train.nominal_start.with_timezone(&zone).to_rfc3339(),
                start: train.start_at.with_timezone(&zone).to_rfc3339(),
            },
            regions: report
                .regions()
                .map(|(r, _, at, _)| {
                    let at = at.with_timezone(&zone);
                    TzRegionJson {
                        key: r.key(),
                        date: at.date_naive(),
                        at: at.to_rfc3339(),
                    }
                })
                .collect(),
        }),
    }
}

/// A row per region. With `--tz`, every instant is written in that zone and a last column
/// `tz_date` gives the day the region goes live there (`date` stays the schedule zone's).
fn csv(report: &WhenReport<'_>, output: &Output, out: &mut dyn Write) -> io::Result<()> {
    let rollout = report.rollout;
    let explain = output.explain;
    let zone = output.reader_zone(report.config());
    let shown = |t: DateTime<Tz>| t.with_timezone(&zone).to_rfc3339();
    let rows = report.regions().map(|(r, date, at, skipped)| {
        let mut row = vec![
            r.key().to_string(),
            r.name().to_string(),
            date.to_string(),
            date.format("%A").to_string(),
            shown(at),
            at.with_timezone(&r.timezone()).to_rfc3339(),
            skipped.len().to_string(),
            rollout.ready().with_timezone(&zone).to_rfc3339(),
            shown(rollout.train().cutoff),
            shown(rollout.train().start_at),
        ];
        if output.zone.is_none() {
            // As the contract gives it: the offset readiness was given with.
            row[7] = rollout.ready().to_rfc3339();
        }
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
        if output.zone.is_some() {
            row.push(at.with_timezone(&zone).date_naive().to_string());
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
    if output.zone.is_some() {
        header.push("tz_date");
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

/// The plain one-paragraph answer for `--where`, in the place's local time, with the time in
/// the reader's zone `reader` beside it when the date there differs.
fn focus_line(report: &WhenReport<'_>, reader: Tz) -> Option<String> {
    let f = report.focus.as_ref()?;
    let (r, _, at, _) = report.regions().find(|(r, ..)| r.id() == f.region)?;
    let place = match f.is_place {
        true => format!("{} (region {})", f.name, r.name()),
        false => r.name().to_string(),
    };
    let beside = |t: DateTime<Tz>| {
        let (local, theirs) = (t.with_timezone(&f.zone), t.with_timezone(&reader));
        match local.date_naive() == theirs.date_naive() {
            true => String::new(),
            false => format!(" ({})", stamp(theirs)),
        }
    };
    let local = at.with_timezone(&f.zone);
    let cutoff = report.rollout.train().cutoff;
    Some(format!(
        "{place} goes live on {} at {} in {}{}. Be ready by {}{} to ride this train.\n",
        day(local.date_naive()),
        local.format("%H:%M %Z"),
        f.zone.name(),
        beside(at),
        stamp(cutoff.with_timezone(&f.zone)),
        beside(cutoff),
    ))
}

fn table(report: &WhenReport<'_>, output: &Output) -> String {
    let config = report.config();
    let zone = output.reader_zone(config);
    let shown = |t: DateTime<Tz>| stamp(t.with_timezone(&zone));
    let rollout = report.rollout;
    let train = rollout.train();
    let mut out = String::new();
    let (headline, warning, blocked) = styles();
    // Prose is wrapped to the width first, then each line is painted, so that escapes never
    // count as columns.
    let painted = |out: &mut String, style: anstyle::Style, text: &str| {
        for line in wrap(text, output).lines() {
            out.push_str(&output.paint(style, line));
            out.push('\n');
        }
    };
    if let Some(line) = focus_line(report, zone) {
        painted(&mut out, headline, line.trim_end());
        out.push('\n');
    }
    let ready = rollout.ready().with_timezone(&report.ready_zone);
    out.push_str(&wrap(
        &format!(
            "Ready:  {} ({})\n",
            ready.format("%a %Y-%m-%d %H:%M:%S %Z"),
            rollout.ready().to_rfc3339()
        ),
        output,
    ));
    let left = match output.left(&train.start_at) {
        Some(left) => format!(" ({left})"),
        None => String::new(),
    };
    let train_line = format!(
        "Train:  cutoff {}; scheduled start {}; starts {}{left}",
        shown(train.cutoff),
        shown(train.nominal_start),
        shown(train.start_at),
    );
    // Without --where, the train is the answer's headline.
    let train_style = match report.focus {
        Some(_) => anstyle::Style::new(),
        None => headline,
    };
    painted(&mut out, train_style, &train_line);
    out.push('\n');
    for w in report.explanation.warnings() {
        let text = format!(
            "⚠ Seasonal freeze: {}. If it recurs: {}.\n  {}. The dates below follow the configured freezes only.",
            season_text(w),
            recurred_dates(config, w),
            season_basis(w)
        );
        painted(&mut out, warning, &text);
        out.push('\n');
    }
    // Narrower than the whole table: the day and time it deploys share a column.
    let merged = output.narrower_than(132);
    let zone_header = match merged {
        true => format!("Live on\n({})", zone.name()),
        false => format!("Deploys ({})", zone.name()),
    };
    let mut header = vec![
        "Region",
        "Live on",
        &zone_header,
        "Region's local time",
        "Waited",
    ];
    if merged {
        header.remove(1);
    }
    let mut t = new_table(&header, output);
    if merged && let Some(c) = t.column_mut(1) {
        // A deploy's day and time read best on one line.
        c.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
    for (r, _, at, skipped) in report.regions() {
        let name = match report.focused(r) {
            true => format!("▶ {}", r.name()),
            false => r.name().to_string(),
        };
        let waited = skipped.len();
        let shown_at = at.with_timezone(&zone);
        let local = report.local_zone(r);
        let mut row = vec![
            Cell::new(name),
            Cell::new(day(shown_at.date_naive())),
            Cell::new(shown_at.format("%H:%M %Z")),
            Cell::new(format!(
                "{} ({})",
                at.with_timezone(&local).format("%a %H:%M %Z"),
                local.name()
            )),
            Cell::new(format!(
                "{waited} day{}",
                if waited == 1 { "" } else { "s" }
            ))
            .set_alignment(CellAlignment::Right),
        ];
        if merged {
            row.remove(1);
            row[1] = Cell::new(stamp(shown_at));
            // The zone's name under the time: it would break mid-word.
            row[2] = Cell::new(format!(
                "{}\n({})",
                at.with_timezone(&local).format("%a %H:%M %Z"),
                local.name()
            ));
        }
        t.add_row(row);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    let mut tail = String::new();
    let schedule_zone = config.timezone();
    if zone != schedule_zone {
        tail.push_str(&format!(
            "\nTimes and days above are in {} (--tz); the schedule counts its days in {}.\n",
            zone.name(),
            schedule_zone.name()
        ));
    }
    if output.explain {
        // Skipped days are days of the schedule zone: name it when the reader's differs.
        let in_zone = match zone == schedule_zone {
            true => String::new(),
            false => format!(" in {}", schedule_zone.name()),
        };
        for (r, date, _, skipped) in report.regions() {
            tail.push_str(&format!(
                "\n{} ({}), live {}{in_zone}:\n",
                r.name(),
                r.key(),
                day(date)
            ));
            if skipped.is_empty() {
                tail.push_str("  no day skipped\n");
            }
            for s in skipped {
                let reasons: Vec<String> = s.reasons.iter().map(Reason::to_string).collect();
                tail.push_str(&format!(
                    "  {}  {}\n",
                    output.paint(blocked, &day(s.date)),
                    reasons.join("; ")
                ));
            }
        }
    } else if report.explanation.regions().any(|s| !s.is_empty()) {
        tail.push_str("\nRun with --explain to see every skipped day and why.\n");
    }
    out.push_str(&wrap(&tail, output));
    out
}

/// An all-day event on the go-live day of each region (or of the region asked about with
/// `--where`), named for the connector. The day is the one in the reader's zone (`--tz`), or
/// with `--where` in the place's.
fn ics(report: &WhenReport<'_>, output: &Output, out: &mut dyn Write) -> io::Result<()> {
    let rollout = report.rollout;
    let connector = report.name.as_str();
    let zone = output.reader_zone(report.config());
    let mut feed = Feed::start(
        &output.ics,
        out,
        &format!("{connector} go-live"),
        &format!(
            "When {connector}, ready {}, goes live in each region (golive)",
            rollout.ready().to_rfc3339()
        ),
    )?;
    for (r, _, at, skipped) in report.regions() {
        let focus = report.focus.as_ref().filter(|f| f.region == r.id());
        if report.focus.is_some() && focus.is_none() {
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
        let shown = at.with_timezone(&zone);
        let (date, place) = match focus {
            Some(f) if f.is_place => {
                let local = at.with_timezone(&f.zone);
                let beside = match local.date_naive() == shown.date_naive() {
                    true => String::new(),
                    false => format!(" ({})", stamp(shown)),
                };
                (
                    local.date_naive(),
                    format!(
                        "{connector} goes live in {} (region {}) on {} at {} in {}{beside}.",
                        f.name,
                        r.name(),
                        day(local.date_naive()),
                        local.format("%H:%M %Z"),
                        f.zone.name(),
                    ),
                )
            }
            _ => (
                shown.date_naive(),
                format!(
                    "{connector} goes live in {} on {} at {} ({} in {}).",
                    r.name(),
                    day(shown.date_naive()),
                    shown.format("%H:%M %Z"),
                    at.with_timezone(&r.timezone()).format("%a %H:%M %Z"),
                    r.timezone().name(),
                ),
            ),
        };
        let description = format!(
            "{place}\n{}\nReady: {}.\n{}{seasonal}",
            train_line(rollout.train(), zone),
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

/// The colours of a `when` table: its headline (bold green), warnings (yellow) and blocked
/// days (red), each line styled whole so that nothing else in the table changes.
fn styles() -> (anstyle::Style, anstyle::Style, anstyle::Style) {
    let fg = |c: anstyle::AnsiColor| anstyle::Style::new().fg_color(Some(c.into()));
    (
        fg(anstyle::AnsiColor::Green).bold(),
        fg(anstyle::AnsiColor::Yellow),
        fg(anstyle::AnsiColor::Red),
    )
}
