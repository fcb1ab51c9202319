//! Writing iCalendar files (RFC 5545) with the `icalendar` crate: the calendar's header, then
//! one event at a time, each with a UID derived from what it is, the export's `DTSTAMP` and a
//! `SEQUENCE` continued from the previous export.
//!
//! Every event's UID is derived from what it is (a connector and a region, a train's
//! scheduled day and kind, a holiday's day and name, a freeze's name and first day), so a
//! calendar client updates events on re-import instead of duplicating them. Given the
//! previous export, an event whose dates changed gets a `SEQUENCE` one higher than it had
//! there; an unchanged one keeps its own. All-day events run from their day to the next
//! (`DTEND` is exclusive); timed events are in UTC, since the crate writes no `VTIMEZONE`.
//! Text escaping is the crate's; folding is redone here (see [`fold`]).

use std::collections::HashMap;
use std::io::{self, Write};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Alarm, Component, EventLike, Property};

use super::read::{IcsTime, read};
use crate::error::Result;
use crate::schedule::TrainRun;
use crate::source::Source;

/// What every iCalendar export needs besides its events.
#[derive(Debug, Clone, Default)]
pub struct Options {
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
        let file = read(source)?;
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
pub(crate) fn hash(parts: &[&str]) -> String {
    let bytes: Vec<&[u8]> = parts.iter().map(|p| p.as_bytes()).collect();
    format!("{:08x}", crate::hash::fnv1a::<u32>(&bytes))
}

/// `Contoso Chat (Preview)` -> `contoso-chat-preview`, at most 40 characters.
pub(crate) fn slug(name: &str) -> String {
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

pub(crate) const UID_DOMAIN: &str = "golive";

/// The UID of a connector's go-live event in a region.
pub(crate) fn live_uid(connector: &str, region: &str) -> String {
    format!(
        "live-{region}-{}-{}@{UID_DOMAIN}",
        slug(connector),
        hash(&[connector])
    )
}

/// The UID of a train's cutoff or start event, by the day it was scheduled for, so that a
/// train moved by a new holiday or freeze is the same event, updated.
pub(crate) fn train_uid(run: &TrainRun, kind: &str) -> String {
    let scheduled = run.nominal_days.first().copied().unwrap_or(run.train.start);
    format!("train-{scheduled}-{kind}@{UID_DOMAIN}")
}

/// An iCalendar stream being written: the calendar's header, then one event at a time.
pub(crate) struct Feed<'a> {
    options: &'a Options,
    out: &'a mut dyn Write,
}

impl<'a> Feed<'a> {
    pub(crate) fn start(
        options: &'a Options,
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
            // icalendar 0.17 escapes TEXT only for the properties it knows, and NAME
            // (RFC 7986) is not one of them: it is escaped here.
            .append_property(Property::new("NAME", escape_text(&clean(name))))
            .append_property(Property::new("X-WR-CALNAME", &*clean(name)))
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
    pub(crate) fn days(
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
    pub(crate) fn timed(
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

    pub(crate) fn finish(self) -> io::Result<()> {
        self.out.write_all(b"END:VCALENDAR\r\n")
    }
}

/// An RFC 5545 TEXT value escaped (3.3.11): backslash, semicolon, comma and line breaks.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
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
