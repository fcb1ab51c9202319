//! iCalendar exports (RFC 5545), written with the `icalendar` crate: go-live days for
//! publishers, and the deploy calendar (trains, cutoffs, holidays, freezes) for release
//! managers to subscribe to.
//!
//! Every event's UID is derived from what it is (a connector and a region, a train's
//! scheduled day and kind, a holiday's day and name, a freeze's name and first day), so a
//! calendar client updates events on re-import instead of duplicating them. `DTSTAMP` is the
//! generation time the caller passes in. Given the previous export, an event whose dates
//! changed gets a `SEQUENCE` one higher than it had there; an unchanged one keeps its own.
//! All-day events run from their day to the next (`DTEND` is exclusive); timed events are in
//! UTC, since the crate writes no `VTIMEZONE`. Line folding, CRLF and text escaping are the
//! crate's.

use std::collections::HashMap;
use std::io::{self, Write};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Alarm, Component, EventLike, Property};

use super::{day, stamp};
use crate::batch::Batch;
use crate::calendar::Reason;
use crate::config::{Bound, Config};
use crate::error::Result;
use crate::holidays::HolidayDate;
use crate::ics::IcsTime;
use crate::plan::{Plan, Push};
use crate::schedule::{Rollout, Scheduler, Skipped, TrainRun};
use crate::source::Source;

use super::WhenReport;

/// What every iCalendar export needs besides its events.
#[derive(Debug, Clone)]
pub struct IcsOptions {
    /// The generation time, written as every event's `DTSTAMP`.
    pub stamp: DateTime<Utc>,
    /// The export this one replaces, whose `SEQUENCE`s it continues.
    pub previous: Option<PreviousExport>,
}

/// An earlier export, read for each event's UID, `SEQUENCE` and dates.
#[derive(Debug, Clone, Default)]
pub struct PreviousExport {
    events: HashMap<String, (u32, IcsTime, IcsTime)>,
}

impl PreviousExport {
    /// Reads an earlier export (any iCalendar file); events without a UID are ignored, since
    /// nothing can match them.
    pub fn parse(source: &Source) -> Result<PreviousExport> {
        let file = crate::ics::read(source)?;
        Ok(PreviousExport {
            events: file
                .events
                .into_iter()
                .filter_map(|e| Some((e.uid?, (e.sequence, e.start, e.end))))
                .collect(),
        })
    }

    /// The `SEQUENCE` an event gets: its old one if its dates are unchanged, one more if they
    /// moved, 0 if it is new.
    fn sequence(&self, uid: &str, start: IcsTime, end: IcsTime) -> u32 {
        match self.events.get(uid) {
            None => 0,
            Some(&(seq, s, e)) if same(s, start) && same(e, end) => seq,
            Some(&(seq, ..)) => seq.saturating_add(1),
        }
    }
}

/// Whether two times are the same: instants compare as instants, whichever way written.
fn same(a: IcsTime, b: IcsTime) -> bool {
    let utc = |t: IcsTime| match t {
        IcsTime::Utc(t) => Some(t),
        IcsTime::Zoned(l, tz) => {
            Some(crate::time::resolve_local(tz, l, crate::time::Gap::ShiftForward).to_utc())
        }
        _ => None,
    };
    match (utc(a), utc(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// A stable, short hash of a name (FNV-1a), so that UIDs differ for names that slug alike.
fn hash(parts: &[&str]) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h = (h ^ 0x1f).wrapping_mul(0x0100_0193);
        }
        for b in p.bytes() {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    }
    format!("{h:08x}")
}

/// `Contoso Chat (Preview)` -> `contoso-chat-preview`, at most 40 characters.
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
        if s.len() >= 40 {
            break;
        }
    }
    s.trim_end_matches('-').to_string()
}

const UID_DOMAIN: &str = "golive";

/// The UID of a connector's go-live event in a region.
fn live_uid(connector: &str, region: &str) -> String {
    format!(
        "live-{region}-{}-{}@{UID_DOMAIN}",
        slug(connector),
        hash(&[connector])
    )
}

/// The UID of a train's cutoff or start event, by the day it was scheduled for, so that a
/// train moved by a new holiday or freeze is the same event, updated.
fn train_uid(run: &TrainRun, kind: &str) -> String {
    let scheduled = run.nominal_days.first().copied().unwrap_or(run.train.start);
    format!("train-{scheduled}-{kind}@{UID_DOMAIN}")
}

/// An iCalendar stream being written: the calendar's header, then one event at a time.
struct Feed<'a> {
    options: &'a IcsOptions,
    out: &'a mut dyn Write,
}

impl<'a> Feed<'a> {
    fn start(
        options: &'a IcsOptions,
        out: &'a mut dyn Write,
        name: &str,
        description: &str,
    ) -> io::Result<Feed<'a>> {
        let mut cal = icalendar::Calendar::empty();
        cal.append_property(Property::new("VERSION", "2.0"))
            .append_property(Property::new(
                "PRODID",
                concat!("-//golive//golive ", env!("CARGO_PKG_VERSION"), "//EN"),
            ))
            .append_property(Property::new("CALSCALE", "GREGORIAN"))
            .append_property(Property::new("METHOD", "PUBLISH"))
            .name(name)
            .description(description)
            // Subscribed clients re-read the feed twice a day.
            .ttl(&Duration::hours(12));
        let text = cal.done().to_string();
        let text = fold(&text);
        // The crate writes a whole calendar; events are streamed in before its last line.
        let head = text.strip_suffix("END:VCALENDAR\r\n").unwrap_or(&text);
        out.write_all(head.as_bytes())?;
        Ok(Feed { options, out })
    }

    /// Writes `event` with its UID, DTSTAMP and SEQUENCE.
    fn event(
        &mut self,
        mut event: icalendar::Event,
        uid: &str,
        when: (IcsTime, IcsTime),
    ) -> io::Result<()> {
        let sequence = self
            .options
            .previous
            .as_ref()
            .map_or(0, |p| p.sequence(uid, when.0, when.1));
        event
            .uid(uid)
            .timestamp(self.options.stamp)
            .sequence(sequence)
            // Informational: none of these makes anyone busy.
            .add_property("TRANSP", "TRANSPARENT");
        let text = event.try_into_string().map_err(io::Error::other)?;
        self.out.write_all(fold(&text).as_bytes())
    }

    /// An all-day event from `first` through `last`.
    fn days(
        &mut self,
        uid: &str,
        first: NaiveDate,
        last: NaiveDate,
        summary: &str,
        description: &str,
    ) -> io::Result<()> {
        let end = last.succ_opt().unwrap_or(last);
        let mut e = icalendar::Event::new();
        e.summary(&clean(summary))
            .description(&clean(description))
            .starts(first)
            .ends(end);
        self.event(e.done(), uid, (IcsTime::Date(first), IcsTime::Date(end)))
    }

    /// A timed event from `start` to `end`, in UTC, with `alarms` before its start.
    fn timed(
        &mut self,
        uid: &str,
        (start, end): (DateTime<Utc>, DateTime<Utc>),
        summary: &str,
        description: &str,
        alarms: &[(Duration, &str)],
    ) -> io::Result<()> {
        let mut e = icalendar::Event::new();
        e.summary(&clean(summary))
            .description(&clean(description))
            .starts(start)
            .ends(end);
        for (before, text) in alarms {
            // The crate gives an alarm a random UID and the clock's DTSTAMP unless told.
            let alarm = Alarm::display(text, -*before)
                .uid(&format!("{}-{}", uid, before.num_minutes()))
                .timestamp(self.options.stamp)
                .done();
            e.alarm(alarm);
        }
        self.event(e.done(), uid, (IcsTime::Utc(start), IcsTime::Utc(end)))
    }

    fn finish(self) -> io::Result<()> {
        self.out.write_all(b"END:VCALENDAR\r\n")
    }
}

/// Text fit for an iCalendar TEXT value (RFC 5545 3.3.11), which allows no control
/// characters but tab: line breaks become `\n` (which the crate escapes), others are dropped.
fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\t' && c != '\n')
    {
        return text.into();
    }
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| !c.is_control() || c == '\t' || c == '\n')
        .collect::<String>()
        .into()
}

/// Folds content lines at 75 octets (RFC 5545 3.1), never inside a character.
///
/// The crate folds too, but the last piece of a folded line can come out 76 octets long
/// (icalendar 0.17.17 counts the continuation's leading space only on the pieces before), so
/// lines it folded are unfolded and folded again. Values hold no CR (see [`clean`]), so every
/// CRLF followed by a space is a fold.
fn fold(text: &str) -> std::borrow::Cow<'_, str> {
    const LIMIT: usize = 75;
    if text.split("\r\n").all(|l| l.len() <= LIMIT) {
        return text.into();
    }
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(text.len() + text.len() / 64 * 3);
    for line in unfolded.split_terminator("\r\n") {
        let (mut rest, mut room) = (line, LIMIT);
        while rest.len() > room {
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            // A continuation line's leading space counts.
            room = LIMIT - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out.into()
}

/// "Sat 2026-11-28 weekend; Thu 2026-11-26 holiday: Thanksgiving Day"
fn waited(skipped: &[Skipped]) -> String {
    if skipped.is_empty() {
        return "Waited no day.".into();
    }
    let days: Vec<String> = skipped
        .iter()
        .map(|s| {
            let why: Vec<String> = s.reasons.iter().map(Reason::to_string).collect();
            format!("{} ({})", day(s.date), why.join(", "))
        })
        .collect();
    let n = skipped.len();
    format!(
        "Waited {n} day{}: {}.",
        if n == 1 { "" } else { "s" },
        days.join("; ")
    )
}

fn train_line(rollout_train: &crate::schedule::Train) -> String {
    format!(
        "Train: cutoff {}, starts {}.",
        stamp(rollout_train.cutoff),
        stamp(rollout_train.start_at)
    )
}

/// `golive when --format ics`: an all-day event on the go-live day of each region (or of the
/// region asked about with `--where`), named for `connector`.
pub fn when(report: &WhenReport<'_>, connector: &str, options: &IcsOptions) -> Result<String> {
    let config = report.config;
    let rollout: &Rollout = report.rollout;
    to_string(|out| {
        let mut feed = Feed::start(
            options,
            out,
            &format!("{connector} go-live"),
            &format!(
                "When {connector}, ready {}, goes live in each region (golive)",
                rollout.ready.to_rfc3339()
            ),
        )?;
        for (i, r) in config.regions.iter().enumerate() {
            if report.focus.as_ref().is_some_and(|(f, _)| *f != i) {
                continue;
            }
            let date = rollout.dates[i];
            let at = crate::time::deploy_instant(config.timezone, date, config.deploy_time);
            let description = format!(
                "{connector} goes live in {} on {} at {} ({} in {}).\n{}\nReady: {}.\n{}",
                r.name,
                day(date),
                at.format("%H:%M %Z"),
                at.with_timezone(&r.timezone).format("%a %H:%M %Z"),
                r.timezone.name(),
                train_line(&rollout.train),
                rollout
                    .ready
                    .with_timezone(&report.ready_zone)
                    .format("%a %Y-%m-%d %H:%M:%S %Z"),
                waited(&report.skipped[i]),
            );
            feed.days(
                &live_uid(connector, &r.key),
                date,
                date,
                &format!("{connector} live in {}", r.name),
                &description,
            )?;
        }
        feed.finish()
    })
}

/// `golive plan --format ics`: an all-day event per connector and region, streamed.
pub fn plan(
    config: &Config,
    batch: &Batch,
    plan: &Plan,
    options: &IcsOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut feed = Feed::start(
        options,
        out,
        "golive plan",
        &format!("Go-live days of {} connectors (golive plan)", batch.len()),
    )?;
    // The days a region waited inside a rollout are the same for every rider of a train.
    let first = plan
        .trains()
        .first()
        .map(|t| t.run.train.start)
        .unwrap_or_default();
    let last = plan
        .trains()
        .iter()
        .map(|t| t.run.finish())
        .max()
        .unwrap_or(first);
    let scheduler = Scheduler::new(config, first - Duration::days(9), last);
    let waits: Vec<Vec<Vec<Skipped>>> = plan
        .trains()
        .iter()
        .map(|t| {
            scheduler.explain(&Rollout {
                ready: t.run.train.start_at.fixed_offset(),
                train: t.run.train.clone(),
                dates: t.run.dates.clone(),
            })
        })
        .collect();
    let names = |on: u32| batch.connectors()[on as usize].name.as_str();
    let first_region = config.first_region();
    for (i, c) in batch.connectors().iter().enumerate() {
        let placement = &plan.placements()[i];
        let run = &plan.trains()[placement.train as usize].run;
        let pushed: Vec<String> = placement
            .pushed
            .iter()
            .map(|p| match *p {
                Push::NotBefore { date, .. } => format!("not before {date}"),
                Push::Dependency { on, finish, .. } => {
                    format!("after {}, live everywhere {finish}", names(on))
                }
                Push::Capacity { .. } => "earlier trains were full".to_string(),
            })
            .collect();
        let pushed = match pushed.is_empty() {
            true => String::new(),
            false => format!(
                "\nRode a later train than the one of {} because: {}.",
                day(placement.ready_train),
                pushed.join("; ")
            ),
        };
        for (r, region) in config.regions.iter().enumerate() {
            let date = run.dates[r];
            let wait = match r == first_region {
                true => String::new(),
                false => format!("\n{}", waited(&waits[placement.train as usize][r])),
            };
            let description = format!(
                "{} goes live in {} on {}.\n{}\nReady: {}.{pushed}{wait}",
                c.name,
                region.name,
                day(date),
                train_line(&run.train),
                c.ready.to_rfc3339(),
            );
            feed.days(
                &live_uid(&c.name, &region.key),
                date,
                date,
                &format!("{} live in {}", c.name, region.name),
                &description,
            )?;
        }
    }
    feed.finish()
}

/// The events of one train: its cutoff, with reminders a day and two hours before, and its
/// start.
fn train_events(feed: &mut Feed<'_>, config: &Config, run: &TrainRun) -> io::Result<()> {
    let train = &run.train;
    let leaves = day(train.start);
    let regions: Vec<String> = config
        .regions
        .iter()
        .zip(&run.dates)
        .map(|(r, d)| format!("{}: {}", r.name, day(*d)))
        .collect();
    let moved = match train.start != train.nominal_start.date_naive() {
        true => format!(" (scheduled for {})", stamp(train.nominal_start)),
        false => String::new(),
    };
    let cutoff = train.cutoff.to_utc();
    feed.timed(
        &train_uid(run, "cutoff"),
        (cutoff, cutoff),
        &format!("Cutoff for the connector train leaving {leaves}"),
        &format!(
            "Tell Microsoft you are ready for production by {} to ride the train leaving {}{moved}.",
            stamp(train.cutoff),
            stamp(train.start_at),
        ),
        &[
            (Duration::days(1), "Connector train cutoff in 1 day"),
            (Duration::hours(2), "Connector train cutoff in 2 hours"),
        ],
    )?;
    let start = train.start_at.to_utc();
    feed.timed(
        &train_uid(run, "start"),
        (start, start),
        &format!("Connector train leaves (last region {})", day(run.finish())),
        &format!(
            "The train leaves {}{moved}; last region {}.\n{}",
            stamp(train.start_at),
            day(run.finish()),
            regions.join("\n")
        ),
        &[],
    )
}

/// `golive trains --format ics`: each train's cutoff (with reminders) and start.
///
/// # Example
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// let config = golive::Config::embedded()?;
/// let from = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
/// let scheduler = golive::Scheduler::new(&config, from, from + chrono::Duration::weeks(3));
/// let runs = scheduler.trains(from, golive::TrainLimit::Count(1))?;
/// let options = golive::IcsOptions {
///     stamp: Utc.with_ymd_and_hms(2026, 11, 22, 0, 0, 0).unwrap(),
///     previous: None,
/// };
/// let ics = golive::render_trains_ics(&config, &runs, &options)?;
/// // The Christmas train keeps the UID of the day it was scheduled for; its cutoff is
/// // Thursday 09:00 Pacific, in UTC, with a reminder a day before.
/// assert!(ics.contains("UID:train-2026-12-25-cutoff@golive\r\n"));
/// assert!(ics.contains("DTSTART:20261224T170000Z\r\n"));
/// assert!(ics.contains("TRIGGER:-PT86400S\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn trains(config: &Config, runs: &[TrainRun], options: &IcsOptions) -> Result<String> {
    to_string(|out| {
        let mut feed = Feed::start(
            options,
            out,
            "Connector trains",
            "Power Platform connector deployment trains: cutoffs and starts (golive)",
        )?;
        for run in runs {
            train_events(&mut feed, config, run)?;
        }
        feed.finish()
    })
}

fn holiday_events(feed: &mut Feed<'_>, days: &[(String, HolidayDate)]) -> io::Result<()> {
    for (calendar, h) in days {
        let (summary, description) = match h.observes {
            Some(actual) => (
                format!("{} (observed)", h.name),
                format!(
                    "{} falls on {}; it is observed on {}. No deployments. Calendar: {calendar}.",
                    h.name,
                    day(actual),
                    day(h.date)
                ),
            ),
            None => (
                h.name.to_string(),
                format!("Holiday: no deployments. Calendar: {calendar}."),
            ),
        };
        let uid = format!(
            "holiday-{}-{}-{}@{UID_DOMAIN}",
            h.date,
            slug(&summary),
            hash(&[calendar, &summary])
        );
        feed.days(&uid, h.date, h.date, &summary, &description)?;
    }
    Ok(())
}

/// `golive holidays --format ics`: an all-day event per holiday and observed day. Importing
/// the file as a calendar (`calendars = ["holidays.ics"]`) blocks the same days.
pub fn holidays(days: &[(String, HolidayDate)], options: &IcsOptions) -> Result<String> {
    to_string(|out| {
        let mut feed = Feed::start(
            options,
            out,
            "Holidays",
            "Days on which no connector deploys (golive)",
        )?;
        holiday_events(&mut feed, days)?;
        feed.finish()
    })
}

/// `golive calendar`: the deploy calendar from `first` through `last`: every train's cutoff
/// and start, every holiday and every freeze window that touches the range.
pub fn deploy_calendar(
    config: &Config,
    runs: &[TrainRun],
    (first, last): (NaiveDate, NaiveDate),
    options: &IcsOptions,
) -> Result<String> {
    let zone = config.timezone;
    let days = config.holidays(first, last);
    to_string(|out| {
        let mut feed = Feed::start(
            options,
            out,
            "Connector deploy calendar",
            "Power Platform connector deployments: train cutoffs and starts, holidays and freezes (golive)",
        )?;
        for run in runs {
            train_events(&mut feed, config, run)?;
        }
        holiday_events(&mut feed, &days)?;
        let (lo, hi) = (
            crate::time::deploy_instant(zone, first, chrono::NaiveTime::MIN).to_utc(),
            crate::time::deploy_instant(zone, last + Duration::days(1), chrono::NaiveTime::MIN)
                .to_utc(),
        );
        use chrono::Datelike;
        for f in &config.freezes {
            let scope = match &f.regions {
                None => "all regions".to_string(),
                Some(r) => r
                    .iter()
                    .map(|&i| config.regions[i].name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            let whole_days = matches!((f.from, f.until), (Bound::Date(_), Bound::Date(_)));
            for (start, end) in f.windows(zone, first.year()..=last.year()) {
                if end <= lo || start >= hi {
                    continue;
                }
                let from_day = start.with_timezone(&zone).date_naive();
                // Two freezes may share a name and a first day but not their regions; the end
                // stays out, so that a freeze made longer is the same event, updated.
                let keys: Vec<&str> = f
                    .regions
                    .iter()
                    .flatten()
                    .map(|&i| config.regions[i].key.as_str())
                    .collect();
                let uid = format!(
                    "freeze-{from_day}-{}-{}@{UID_DOMAIN}",
                    slug(&f.name),
                    hash(&[&f.name, &keys.join(",")])
                );
                let summary = format!("Freeze: {}", f.name);
                let description = format!(
                    "No connector deploys in {scope} from {} until {}.",
                    stamp(start.with_timezone(&zone)),
                    stamp(end.with_timezone(&zone))
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
        feed.finish()
    })
}

fn to_string(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<String> {
    let mut out = Vec::new();
    write(&mut out).map_err(|e| crate::error::Error::Io {
        action: "write",
        path: "<ics>".into(),
        source: e,
    })?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn previous(text: &str) -> PreviousExport {
        let ics = format!("BEGIN:VCALENDAR\r\n{text}END:VCALENDAR\r\n");
        PreviousExport::parse(&Source::new("old.ics", ics)).unwrap()
    }

    #[test]
    fn sequence_rises_only_for_moved_events() {
        let old = previous(
            "BEGIN:VEVENT\r\nUID:a\r\nSEQUENCE:4\r\nDTSTART;VALUE=DATE:20261202\r\nDTEND;VALUE=DATE:20261203\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:t\r\nDTSTART;TZID=America/Los_Angeles:20261224T090000\r\nEND:VEVENT\r\n",
        );
        let d = |day| IcsTime::Date(NaiveDate::from_ymd_opt(2026, 12, day).unwrap());
        assert_eq!(old.sequence("a", d(2), d(3)), 4);
        assert_eq!(old.sequence("a", d(3), d(4)), 5);
        assert_eq!(old.sequence("new", d(2), d(3)), 0);
        // The same instant written in UTC is not a move.
        let utc = IcsTime::Utc("2026-12-24T17:00:00Z".parse().unwrap());
        assert_eq!(old.sequence("t", utc, utc), 0);
        let later = IcsTime::Utc("2026-12-24T18:00:00Z".parse().unwrap());
        assert_eq!(old.sequence("t", later, later), 1);
    }

    #[test]
    fn fold_keeps_every_line_within_75_octets_and_unfolds_to_the_same_text() {
        for len in 60..400 {
            for ch in ["x", "é", "語", "😀"] {
                let value = ch.repeat(len / ch.len());
                let mut e = icalendar::Event::new();
                e.summary(&value);
                let text = e.done().try_into_string().unwrap();
                let folded = fold(&text);
                assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded}");
                assert_eq!(folded.replace("\r\n ", ""), text.replace("\r\n ", ""));
            }
        }
        assert_eq!(clean("a\r\nb\rc\u{7}d"), "a\nb\ncd");
    }

    #[test]
    fn uids_are_stable_and_tell_similar_names_apart() {
        assert_eq!(
            live_uid("Contoso Chat (Preview)", "europe"),
            format!(
                "live-europe-contoso-chat-preview-{}@golive",
                hash(&["Contoso Chat (Preview)"])
            )
        );
        assert_ne!(live_uid("A B", "x"), live_uid("a-b", "x"));
        // FNV-1a of "a" is fixed forever: UIDs must not change between versions.
        assert_eq!(hash(&["a"]), "e40c292c");
    }
}
