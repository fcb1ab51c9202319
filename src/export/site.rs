//! `golive site`: the train table a static page answers "when will I be live?" from
//! (`trains.json`), and the page itself (`index.html`, with the table embedded).
//!
//! Everything the page shows is computed here by the library: each train's cutoff, start,
//! every region's date and deploy instant, the days each region waited with their reasons
//! and the seasonal-freeze warnings. The page only picks the train a readiness rides (rule 1,
//! the first train whose cutoff is not before it) and formats instants in the reader's zones.

use std::io::{self, Write};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::words::{reason_note, recurred_dates, season_basis, season_text, train_line};
use super::{SkippedJson, WarningJson, day, warnings_json};
use crate::config::Config;
use crate::schedule::{Explanation, Rollout};

/// The days some region cannot deploy on, with each region's reasons (empty for a region
/// that can): what the page's timeline shades.
pub type BlockedDays = [(NaiveDate, Vec<Vec<crate::calendar::Reason>>)];

/// The page, with `@STYLE@` where the shared style sheet goes and `@TRAINS@` where the
/// train table goes.
const PAGE: &str = include_str!("site/index.html");

/// One train of the site: the rollout of the earliest readiness that rides it, and its
/// explanation (the page shows the days on or after the reader's readiness day).
#[derive(Debug)]
pub struct SiteTrain<'c> {
    /// The rollout.
    pub rollout: Rollout<'c>,
    /// Its explanation.
    pub explanation: Explanation,
}

#[derive(Serialize)]
struct TableJson<'a> {
    generated_for: RangeJson,
    timezone: &'a str,
    regions: Vec<RegionInfo<'a>>,
    places: Vec<PlaceJson<'a>>,
    trains: Vec<TrainJson<'a>>,
    blocked: Vec<BlockedJson>,
}

#[derive(Serialize)]
struct BlockedJson {
    date: NaiveDate,
    /// Per region, in order: why it cannot deploy that day ("" when it can).
    why: Vec<String>,
}

#[derive(Serialize)]
struct RangeJson {
    from: NaiveDate,
    until: NaiveDate,
    /// Readiness the table answers for: after `ready_after`, up to `ready_until`.
    ready_after: String,
    ready_until: String,
}

#[derive(Serialize)]
struct RegionInfo<'a> {
    key: &'a str,
    name: &'a str,
    timezone: &'a str,
}

#[derive(Serialize)]
struct PlaceJson<'a> {
    name: &'a str,
    names: Vec<&'a str>,
    region: &'a str,
    timezone: &'a str,
}

#[derive(Serialize)]
struct TrainJson<'a> {
    cutoff: String,
    cutoff_ms: i64,
    nominal_start: String,
    start: String,
    line: String,
    regions: Vec<TrainRegionJson<'a>>,
    warnings: Vec<WarningJson<'a>>,
    warning_text: Vec<String>,
}

#[derive(Serialize)]
struct TrainRegionJson<'a> {
    key: &'a str,
    date: NaiveDate,
    at: String,
    at_ms: i64,
    local_at: String,
    skipped: Vec<SkippedJson<'a>>,
    why: Vec<DayWhy>,
}

/// A waited day as people read it.
#[derive(Serialize)]
struct DayWhy {
    date: NaiveDate,
    text: String,
}

/// Writes `trains.json`: the train table of `trains` (in order), for days `range`.
pub fn site_trains(
    config: &Config,
    trains: &[SiteTrain<'_>],
    blocked: &BlockedDays,
    range: (NaiveDate, NaiveDate),
    out: &mut dyn Write,
) -> io::Result<()> {
    super::write_json(out, &table(config, trains, blocked, range))
}

/// Writes `index.html`: the page, with the train table of [`site_trains`] embedded so that
/// it works from `file://` without a request.
pub fn site_page(
    config: &Config,
    trains: &[SiteTrain<'_>],
    blocked: &BlockedDays,
    range: (NaiveDate, NaiveDate),
    out: &mut dyn Write,
) -> io::Result<()> {
    let json = serde_json::to_string(&table(config, trains, blocked, range))?;
    // Inside <script>, "</" could end the element; "<\/" is the same JSON string.
    let json = json.replace("</", "<\\/");
    let page = PAGE.replacen("@STYLE@", super::html::STYLE, 1);
    let (head, tail) = page
        .split_once("@TRAINS@")
        .ok_or_else(|| io::Error::other("the page template has no @TRAINS@"))?;
    out.write_all(head.as_bytes())?;
    out.write_all(json.as_bytes())?;
    out.write_all(tail.as_bytes())
}

fn table<'a>(
    config: &'a Config,
    trains: &'a [SiteTrain<'_>],
    blocked: &BlockedDays,
    range: (NaiveDate, NaiveDate),
) -> TableJson<'a> {
    let ready_after = trains
        .first()
        .map(|t| t.rollout.ready().to_rfc3339())
        .unwrap_or_default();
    let ready_until = trains
        .last()
        .map(|t| t.rollout.train().cutoff.to_rfc3339())
        .unwrap_or_default();
    let mut places = Vec::new();
    for r in config.regions() {
        places.push(PlaceJson {
            name: r.name(),
            names: vec![r.key(), r.name()],
            region: r.key(),
            timezone: r.timezone().name(),
        });
    }
    for r in config.regions() {
        for p in r.places() {
            places.push(PlaceJson {
                name: p.name(),
                names: p.names().collect(),
                region: r.key(),
                timezone: p.timezone().name(),
            });
        }
    }
    TableJson {
        generated_for: RangeJson {
            from: range.0,
            until: range.1,
            ready_after,
            ready_until,
        },
        timezone: config.timezone().name(),
        regions: config
            .regions()
            .iter()
            .map(|r| RegionInfo {
                key: r.key(),
                name: r.name(),
                timezone: r.timezone().name(),
            })
            .collect(),
        places,
        trains: trains.iter().map(|t| train(config, t)).collect(),
        blocked: blocked
            .iter()
            .map(|(date, regions)| BlockedJson {
                date: *date,
                why: regions
                    .iter()
                    .map(|reasons| reasons_text(reasons))
                    .collect(),
            })
            .collect(),
    }
}

/// One day's reasons as the pages show them: "kind: name, source: ..." joined by "; ".
pub(super) fn reasons_text(reasons: &[crate::calendar::Reason]) -> String {
    reasons
        .iter()
        .map(|r| format!("{}: {}", r.kind, reason_note(r)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn train<'a>(config: &'a Config, t: &'a SiteTrain<'_>) -> TrainJson<'a> {
    let train = t.rollout.train();
    let ms = |d: DateTime<FixedOffset>| d.timestamp_millis();
    TrainJson {
        cutoff: train.cutoff.to_rfc3339(),
        cutoff_ms: ms(train.cutoff.fixed_offset()),
        nominal_start: train.nominal_start.to_rfc3339(),
        start: train.start_at.to_rfc3339(),
        line: train_line(train, config.timezone()),
        regions: t
            .rollout
            .regions()
            .map(|(r, date)| {
                let at = t.rollout.at(r.id()).unwrap_or(train.start_at);
                let skipped = t.explanation.region(r.id());
                TrainRegionJson {
                    key: r.key(),
                    date,
                    at: at.to_rfc3339(),
                    at_ms: at.timestamp_millis(),
                    local_at: at.with_timezone(&r.timezone()).to_rfc3339(),
                    skipped: skipped
                        .iter()
                        .map(|s| SkippedJson {
                            date: s.date,
                            reasons: &s.reasons,
                        })
                        .collect(),
                    why: skipped
                        .iter()
                        .map(|s| DayWhy {
                            date: s.date,
                            text: format!("{}: {}", day(s.date), reasons_text(&s.reasons)),
                        })
                        .collect(),
                }
            })
            .collect(),
        warnings: warnings_json(config, t.explanation.warnings()),
        warning_text: t
            .explanation
            .warnings()
            .iter()
            .map(|w| {
                format!(
                    "Seasonal freeze: {}. If it recurs: {}. {}.",
                    season_text(w),
                    recurred_dates(config, w),
                    season_basis(w)
                )
            })
            .collect(),
    }
}
