//! `golive trains` (the upcoming trains) and `golive calendar` (the deploy calendar feed).

use std::io::{self, Write};

use chrono::{DateTime, Datelike, Duration, NaiveDate};
use chrono_tz::Tz;
use serde::Serialize;

use super::holidays::holiday_events;
use super::words::{reason_note, recurred_dates, recurred_train, season_basis, season_text};
use super::{
    Format, Output, RegionDate, SkippedJson, TzRegionJson, WarningJson, day, new_table, stamp,
    unsupported, warnings_json, write_csv, write_json, write_table,
};
use crate::calendar::Reason;
use crate::config::{Bound, Config, Region};
use crate::ics::{Feed, UID_DOMAIN, hash, slug, train_uid};
use crate::schedule::TrainRun;

/// Renders the train list of `golive trains`; as iCalendar, each train's cutoff (with
/// reminders a day and two hours before) and start.
///
/// # Example
/// ```
/// use golive::export::{Format, Output};
/// let config = golive::Config::embedded()?;
/// let from = chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
/// let runs = golive::Scheduler::new(&config).trains(from, golive::TrainLimit::Count(1))?;
/// let mut out = Vec::new();
/// golive::export::trains(&config, &runs, &Output::new(Format::Ics), &mut out)?;
/// let ics = String::from_utf8(out)?;
/// // The Christmas train keeps the UID of the day it was scheduled for; its cutoff is
/// // Thursday 09:00 Pacific, in UTC, with a reminder a day before.
/// assert!(ics.contains("UID:train-2026-12-25-cutoff@golive\r\n"));
/// assert!(ics.contains("DTSTART:20261224T170000Z\r\n"));
/// assert!(ics.contains("TRIGGER:-PT86400S\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn trains(
    config: &Config,
    runs: &[TrainRun],
    output: &Output,
    out: &mut dyn Write,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct TrainRunJson<'a> {
        cutoff: String,
        nominal_start: String,
        start: String,
        finish: NaiveDate,
        nominal_days: &'a [NaiveDate],
        moved_by: &'a [Reason],
        paused_by: &'a [Reason],
        cancelled: Vec<SkippedJson<'a>>,
        regions: Vec<RegionDate<'a>>,
        note: String,
        warnings: Vec<WarningJson<'a>>,
        tz: Option<TzTrainJson<'a>>,
    }
    /// A train's times in the reader's zone (`--tz`), and the days they fall on there.
    #[derive(Serialize)]
    struct TzTrainJson<'a> {
        zone: &'a str,
        cutoff: String,
        nominal_start: String,
        start: String,
        finish: NaiveDate,
        regions: Vec<TzRegionJson<'a>>,
    }
    let zone = output.reader_zone(config);
    let shown = |t: DateTime<Tz>| t.with_timezone(&zone);
    let deploys = |d: NaiveDate| shown(deploy_instant(config, d));
    let note = |run: &TrainRun| -> String {
        let mut parts = Vec::new();
        for c in &run.cancelled {
            let why: Vec<String> = c.reasons.iter().map(reason_note).collect();
            parts.push(format!(
                "train of {} cancelled ({})",
                day(c.date),
                why.join(", ")
            ));
        }
        if !run.moved_by.is_empty() {
            let why: Vec<String> = run.moved_by.iter().map(reason_note).collect();
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
        if !run.paused_by.is_empty() {
            let why: Vec<String> = run.paused_by.iter().map(reason_note).collect();
            parts.push(format!("paused by {}", why.join(", ")));
        }
        parts.extend(run.warnings.iter().map(recurred_train));
        parts.join("; ")
    };
    match output.format {
        Format::Html => Err(super::unsupported("a train list", Format::Html)),
        Format::Ics => {
            let mut feed = Feed::start(
                &output.ics,
                out,
                "Connector trains",
                "Power Platform connector deployment trains: cutoffs and starts (golive)",
            )?;
            for run in runs {
                train_events(&mut feed, config, run, zone)?;
            }
            feed.finish()
        }
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
                    paused_by: &r.paused_by,
                    cancelled: r
                        .cancelled
                        .iter()
                        .map(|s| SkippedJson {
                            date: s.date,
                            reasons: &s.reasons,
                        })
                        .collect(),
                    regions: config
                        .regions()
                        .iter()
                        .zip(&r.dates)
                        .map(|(g, d)| RegionDate {
                            key: g.key(),
                            date: *d,
                        })
                        .collect(),
                    note: note(r),
                    warnings: warnings_json(config, &r.warnings),
                    tz: output.zone.map(|zone| TzTrainJson {
                        zone: zone.name(),
                        cutoff: shown(r.train.cutoff).to_rfc3339(),
                        nominal_start: shown(r.train.nominal_start).to_rfc3339(),
                        start: shown(r.train.start_at).to_rfc3339(),
                        finish: deploys(r.finish()).date_naive(),
                        regions: tz_regions(config, &r.dates, zone),
                    }),
                })
                .collect();
            write_json(out, &v)
        }
        Format::Csv => {
            let mut header = vec!["cutoff", "nominal_start", "start", "finish"];
            header.extend(config.regions().iter().map(Region::key));
            header.push("note");
            write_csv(
                out,
                &header,
                runs.iter().map(|r| {
                    let mut row = vec![
                        shown(r.train.cutoff).to_rfc3339(),
                        shown(r.train.nominal_start).to_rfc3339(),
                        shown(r.train.start_at).to_rfc3339(),
                        r.finish().to_string(),
                    ];
                    row.extend(r.dates.iter().map(|d| d.to_string()));
                    row.push(note(r));
                    row
                }),
            )
        }
        Format::Table => {
            // Narrower than the whole table, the scheduled start goes: a train that did not
            // start on it says so in its note ("moved from ...").
            let merged = output.narrower_than(134);
            let mut header = vec!["Cutoff", "Scheduled start", "Starts", "Last region", "Note"];
            if merged {
                header.remove(1);
            }
            let mut t = new_table(&header, output);
            for r in runs {
                let note = match output.left(&r.train.start_at) {
                    Some(left) if note(r).is_empty() => left,
                    Some(left) => format!("{left}; {}", note(r)),
                    None => note(r),
                };
                let mut row = vec![
                    stamp(shown(r.train.cutoff)),
                    stamp(shown(r.train.nominal_start)),
                    day(shown(r.train.start_at).date_naive()),
                    day(deploys(r.finish()).date_naive()),
                    note,
                ];
                if merged {
                    row.remove(1);
                }
                t.add_row(row);
            }
            write_table(out, &t)?;
            if runs.is_empty() {
                writeln!(out, "No train in the range asked for.")?;
            }
            zone_note(config, zone, out)
        }
    }
}

/// The deploy instant of `date`: the deploy time on it, in the schedule zone.
fn deploy_instant(config: &Config, date: NaiveDate) -> DateTime<Tz> {
    crate::time::deploy_instant(config.timezone(), date, config.deploy_time())
}

/// Each region's deploy instant in `zone`, and its date there.
fn tz_regions<'a>(config: &'a Config, dates: &[NaiveDate], zone: Tz) -> Vec<TzRegionJson<'a>> {
    config
        .regions()
        .iter()
        .zip(dates)
        .map(|(g, &d)| {
            let at = deploy_instant(config, d).with_timezone(&zone);
            TzRegionJson {
                key: g.key(),
                date: at.date_naive(),
                at: at.to_rfc3339(),
            }
        })
        .collect()
}

/// Under a table in another zone than the schedule's: which zone the times are in.
pub(super) fn zone_note(config: &Config, zone: Tz, out: &mut dyn Write) -> io::Result<()> {
    match zone == config.timezone() {
        true => Ok(()),
        false => writeln!(
            out,
            "\nTimes and days above are in {} (--tz); the schedule counts its days in {}.",
            zone.name(),
            config.timezone().name()
        ),
    }
}

/// The events of one train: its cutoff, with reminders a day and two hours before, and its
/// start, described in `zone`.
fn train_events(feed: &mut Feed<'_>, config: &Config, run: &TrainRun, zone: Tz) -> io::Result<()> {
    let train = &run.train;
    let shown = |t: DateTime<Tz>| stamp(t.with_timezone(&zone));
    let shown_day = |d: NaiveDate| day(deploy_instant(config, d).with_timezone(&zone).date_naive());
    let leaves = day(train.start_at.with_timezone(&zone).date_naive());
    let regions: Vec<String> = config
        .regions()
        .iter()
        .zip(&run.dates)
        .map(|(r, d)| format!("{}: {}", r.name(), shown_day(*d)))
        .collect();
    let moved = match train.start != train.nominal_start.date_naive() {
        true => format!(" (scheduled for {})", shown(train.nominal_start)),
        false => String::new(),
    };
    let cutoff = train.cutoff.to_utc();
    feed.timed(
        &train_uid(run, "cutoff"),
        (cutoff, cutoff),
        &format!("Cutoff for the connector train leaving {leaves}"),
        &format!(
            "Tell Microsoft you are ready for production by {} to ride the train leaving {}{moved}.",
            shown(train.cutoff),
            shown(train.start_at),
        ),
        &[
            (Duration::days(1), "Connector train cutoff in 1 day"),
            (Duration::hours(2), "Connector train cutoff in 2 hours"),
        ],
    )?;
    let start = train.start_at.to_utc();
    let seasonal: String = run
        .warnings
        .iter()
        .map(|w| {
            format!(
                "\nSeasonal freeze: {}. If it recurs: {}. {}.",
                season_text(w),
                recurred_dates(config, w),
                season_basis(w)
            )
        })
        .collect();
    let last = shown_day(run.finish());
    feed.timed(
        &train_uid(run, "start"),
        (start, start),
        &format!("Connector train leaves (last region {last})"),
        &format!(
            "The train leaves {}{moved}; last region {last}.\n{}{seasonal}",
            shown(train.start_at),
            regions.join("\n")
        ),
        &[],
    )
}

/// `golive calendar`: the deploy calendar from `first` through `last`: every train's cutoff
/// and start, every holiday and every freeze window that touches the range.
///
/// The calendar is iCalendar only; another format is an error of kind `Unsupported`.
pub fn calendar(
    config: &Config,
    runs: &[TrainRun],
    (first, last): (NaiveDate, NaiveDate),
    output: &Output,
    out: &mut dyn Write,
) -> io::Result<()> {
    if output.format != Format::Ics {
        return Err(unsupported("the deploy calendar", output.format));
    }
    let zone = config.timezone();
    let reader = output.reader_zone(config);
    let days = config.holidays(first, last);
    {
        let mut feed = Feed::start(
            &output.ics,
            out,
            "Connector deploy calendar",
            "Power Platform connector deployments: train cutoffs and starts, holidays and freezes (golive)",
        )?;
        for run in runs {
            train_events(&mut feed, config, run, reader)?;
        }
        holiday_events(&mut feed, &days)?;
        let (lo, hi) = (
            crate::time::deploy_instant(zone, first, chrono::NaiveTime::MIN).to_utc(),
            crate::time::deploy_instant(zone, last + Duration::days(1), chrono::NaiveTime::MIN)
                .to_utc(),
        );
        for f in config.freezes() {
            let scope = match f.regions() {
                None => "all regions".to_string(),
                Some(r) => r
                    .iter()
                    .map(|&i| config.regions()[i.index()].name())
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            let whole_days = matches!((f.from(), f.until()), (Bound::Date(_), Bound::Date(_)));
            for (start, end) in f.windows(zone, first.year()..=last.year()) {
                if end <= lo || start >= hi {
                    continue;
                }
                let from_day = start.with_timezone(&zone).date_naive();
                // Two freezes may share a name and a first day but not their regions; the end
                // stays out, so that a freeze made longer is the same event, updated.
                let keys: Vec<&str> = f
                    .regions()
                    .into_iter()
                    .flatten()
                    .map(|&i| config.key(i))
                    .collect();
                let uid = format!(
                    "freeze-{from_day}-{}-{}@{UID_DOMAIN}",
                    slug(f.name()),
                    hash(&[f.name(), &keys.join(",")])
                );
                let summary = format!("Freeze: {}", f.name());
                let source = match f.source() {
                    Some(s) => format!("\nSource: {s}."),
                    None => String::new(),
                };
                let description = format!(
                    "No connector deploys in {scope} from {} until {}.{source}",
                    stamp(start.with_timezone(&reader)),
                    stamp(end.with_timezone(&reader))
                );
                if whole_days {
                    let until_day = end.with_timezone(&zone).date_naive();
                    let last_day = until_day.pred_opt().unwrap_or(until_day);
                    feed.days(&uid, from_day, last_day, &summary, &description)?;
                } else {
                    feed.timed(&uid, (start, end), &summary, &description, &[])?;
                }
            }
        }
        let cal = crate::Calendar::new(config);
        for (season, from, until) in crate::schedule::unconfigured_windows(&cal, first, last) {
            let name = season.announced().name();
            let (a, b) = season.announced_days();
            let source = match season.source() {
                Some(s) => format!(" ({s})"),
                None => String::new(),
            };
            feed.days(
                &format!("freeze-seasonal-{from}-{}@{UID_DOMAIN}", slug(season.name())),
                from,
                until,
                &format!("Seasonal freeze (not configured): {}", season.name()),
                &format!(
                    "Microsoft froze every deployment in this season before: {name}, {a} to {b}{source}. golive carries it {}; no freeze is configured here, so the trains above are scheduled through it, and each that falls in it says what it would do if the freeze recurred. Nothing is blocked by this event; a [[freeze]] from {from} until {until} would make it real.",
                    season.rule()
                ),
            )?;
        }
        feed.finish()
    }
}
