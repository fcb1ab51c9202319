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
use crate::bytes::{CHUNK, any_byte, first_chunk_with};
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

/// A connector's [`live_uid`] in every region, with its slug and hash made once.
pub(crate) struct LiveUid(String);

impl LiveUid {
    pub(crate) fn new(connector: &str) -> LiveUid {
        LiveUid(format!(
            "-{}-{}@{UID_DOMAIN}",
            slug(connector),
            hash(&[connector])
        ))
    }

    /// The UID in `region`: the same as [`live_uid`]`(connector, region)`.
    pub(crate) fn of(&self, region: &str) -> String {
        format!("live-{region}{}", self.0)
    }
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
    /// `options.stamp` as a `DTSTAMP` value.
    stamp: String,
    /// An all-day event being laid out, kept for its capacity.
    text: String,
    /// A content line being folded into `text`, kept for its capacity.
    line: String,
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
        Ok(Feed {
            options,
            out,
            stamp: options.stamp.format("%Y%m%dT%H%M%SZ").to_string(),
            text: String::with_capacity(1024),
            line: String::with_capacity(1024),
        })
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
    ///
    /// Laid out here, not by the `icalendar` crate, since a plan writes one per connector and
    /// region: the same properties in the same (the crate's, alphabetical) order, escaped and
    /// folded as the crate does, then folded again by [`fold`]; a test holds the two equal.
    pub(crate) fn days(
        &mut self,
        uid: &str,
        first: NaiveDate,
        last: NaiveDate,
        summary: &str,
        description: &str,
    ) -> io::Result<()> {
        self.days_text(uid, first, last, summary, &IcsText::new(description))
    }

    /// [`Feed::days`] with a description already made a TEXT value, for a writer that
    /// escapes what its events share once.
    pub(crate) fn days_text(
        &mut self,
        uid: &str,
        first: NaiveDate,
        last: NaiveDate,
        summary: &str,
        description: &IcsText,
    ) -> io::Result<()> {
        let end = last.succ_opt().unwrap_or(last);
        let sequence = self.options.previous.as_ref().map_or(0, |p| {
            p.sequence(uid, IcsTime::Date(first), IcsTime::Date(end))
        });
        let (text, line) = (&mut self.text, &mut self.line);
        text.clear();
        text.push_str("BEGIN:VEVENT\r\n");
        let fits = [
            content_line(text, line, "DESCRIPTION", &description.0),
            content_line(text, line, "DTEND;VALUE=DATE", &basic_date(end)),
            content_line(text, line, "DTSTAMP", &self.stamp),
            content_line(text, line, "DTSTART;VALUE=DATE", &basic_date(first)),
            content_line(text, line, "SEQUENCE", &sequence_text(sequence)),
            content_line(text, line, "SUMMARY", &crate_escape(&clean(summary))),
            content_line(text, line, "TRANSP", "TRANSPARENT"),
            content_line(text, line, "UID", &crate_escape(uid)),
        ];
        text.push_str("END:VEVENT\r\n");
        // When the crate's folding left every line within 75 octets, [`fold`] would give the
        // text back as it is: it need not read it again.
        match fits.iter().all(|&f| f) {
            true => self.out.write_all(text.as_bytes()),
            false => self.out.write_all(fold(text).as_bytes()),
        }
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

/// Appends a content line as the `icalendar` crate writes it: `name` (with its parameters),
/// a colon, the value, folded by the crate's rule ([`crate_fold_line`]).
///
/// Says whether every line it wrote is within 75 octets (the crate's folding can leave a last
/// piece one octet over).
fn content_line(text: &mut String, line: &mut String, name: &str, value: &str) -> bool {
    let fits = if name.len() + 1 + value.len() > 75 {
        line.clear();
        line.push_str(name);
        line.push(':');
        line.push_str(value);
        crate_fold_line(text, line)
    } else {
        text.push_str(name);
        text.push(':');
        text.push_str(value);
        true
    };
    text.push_str("\r\n");
    fits
}

/// A day as iCalendar's basic date form writes it, `YYYYMMDD` (chrono's `%Y%m%d` for the
/// years golive answers for), without parsing a format string for every event.
fn basic_date(day: NaiveDate) -> String {
    use chrono::Datelike;
    let (year, month, date) = (day.year(), day.month(), day.day());
    // Years chrono writes with a sign, or with more digits, are left to it.
    let Some(year) = u32::try_from(year).ok().filter(|y| *y <= 9999) else {
        return day.format("%Y%m%d").to_string();
    };
    // Digit by digit: two of these are written for every event of a plan.
    let mut text = String::with_capacity(8);
    for (value, digits) in [(year, 4), (month, 2), (date, 2)] {
        for k in (0..digits).rev() {
            let digit = value / 10u32.pow(k) % 10;
            text.push(char::from(b'0' + digit as u8));
        }
    }
    text
}

/// A `SEQUENCE` value: 0 for every event of a first export, written without formatting.
fn sequence_text(sequence: u32) -> std::borrow::Cow<'static, str> {
    match sequence {
        0 => "0".into(),
        n => n.to_string().into(),
    }
}

/// Text made fit for a TEXT value and escaped ([`clean`], then [`crate_escape`]), as
/// [`Feed::days`] does it, so that text many events share is escaped once. It can be built
/// piece by piece: escaping works character by character, and cleaning too as long as no
/// piece ends in the CR of a CR LF that the next piece ends (no text golive joins does).
#[derive(Debug, Clone, Default)]
pub(crate) struct IcsText(String);

impl IcsText {
    /// `raw`, cleaned and escaped.
    pub(crate) fn new(raw: &str) -> IcsText {
        let mut text = IcsText::default();
        text.push_raw(raw);
        text
    }

    /// Appends `raw`, cleaned and escaped.
    pub(crate) fn push_raw(&mut self, raw: &str) {
        self.0.push_str(&crate_escape(&clean(raw)));
    }

    /// Appends text already cleaned and escaped.
    pub(crate) fn push(&mut self, text: &IcsText) {
        self.0.push_str(&text.0);
    }

    /// Empties it, keeping its memory.
    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }
}

/// A TEXT value escaped as icalendar 0.17 escapes it: backslash, comma, semicolon and line
/// feed, in one pass.
fn crate_escape(text: &str) -> std::borrow::Cow<'_, str> {
    let special = |b: u8| (b == b'\\') | (b == b',') | (b == b';') | (b == b'\n');
    match first_chunk_with(text.as_bytes(), special) {
        None => text.into(),
        Some(chunk) => {
            // Chunks start on ASCII bytes or inside a character; back up to its start.
            let mut first = chunk * CHUNK;
            while !text.is_char_boundary(first) {
                first -= 1;
            }
            let mut out = String::with_capacity(text.len() + 16);
            out.push_str(&text[..first]);
            escape_into(&mut out, &text[first..]);
            out.into()
        }
    }
}

/// How icalendar 0.17.17 folds a content line (its `fold_line`): a cut every 75 bytes (74
/// after the first), one byte earlier when the character at that index (counted in
/// characters) is whitespace, and back to a character boundary. Copied so that events laid
/// out here come out as the crate's do; [`fold`] then mends its over-long last pieces.
/// Appends the folded line to `ret` and says whether every piece is within 75 octets.
fn crate_fold_line(ret: &mut String, line: &str) -> bool {
    const LIMIT: usize = 75;
    let len = line.len();
    ret.reserve(len + (len / LIMIT * 3));
    let mut bytes_remaining = len;
    let mut pos = 0;
    let mut next_pos = LIMIT;
    let mut longest = 0;
    // The crate counts characters; in ASCII text they are the bytes.
    let ascii = line.is_ascii();
    let pos_is_whitespace = |next_pos: usize| match ascii {
        true => line
            .as_bytes()
            .get(next_pos)
            .is_some_and(|&b| char::from(b).is_whitespace()),
        false => line.chars().nth(next_pos).is_some_and(char::is_whitespace),
    };
    while bytes_remaining > LIMIT {
        if pos_is_whitespace(next_pos) {
            next_pos -= 1;
        }
        while !line.is_char_boundary(next_pos) {
            next_pos -= 1;
            if pos_is_whitespace(next_pos) {
                next_pos -= 1;
            }
        }
        ret.push_str(&line[pos..next_pos]);
        ret.push_str("\r\n ");
        // A piece after the first starts with the fold's space.
        longest = longest.max(next_pos - pos + usize::from(pos > 0));
        bytes_remaining -= next_pos - pos;
        pos = next_pos;
        next_pos += LIMIT - 1;
    }
    ret.push_str(&line[len - bytes_remaining..]);
    longest = longest.max(bytes_remaining + usize::from(pos > 0));
    longest <= LIMIT
}

/// An RFC 5545 TEXT value escaped (3.3.11): backslash, semicolon, comma and line breaks.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped as [`escape_text`] escapes it.
fn escape_into(out: &mut String, text: &str) {
    let mut run = 0;
    // Every character escaped is ASCII, so the text is cut only between characters.
    for (i, b) in text.bytes().enumerate() {
        let escaped = match b {
            b'\\' => "\\\\",
            b';' => "\\;",
            b',' => "\\,",
            b'\n' => "\\n",
            _ => continue,
        };
        out.push_str(&text[run..i]);
        out.push_str(escaped);
        run = i + 1;
    }
    out.push_str(&text[run..]);
}

/// Text fit for an iCalendar TEXT value (RFC 5545 3.3.11), which allows no control
/// characters but tab: line breaks become `\n` (which the crate escapes), others are dropped.
fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    // Control characters are C0, DEL and C1 (U+0080 to U+009F, 0xC2 0x80..=0x9F in UTF-8).
    let b = text.as_bytes();
    let c0 = any_byte(b, |c| {
        ((c < 0x20) & (c != b'\t') & (c != b'\n')) | (c == 0x7f)
    });
    let c1 = || {
        !text.is_ascii()
            && b.windows(2)
                .any(|w| w[0] == 0xc2 && (0x80..0xa0).contains(&w[1]))
    };
    if !c0 && !c1() {
        return text.into();
    }
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| !c.is_control() || c == '\t' || c == '\n')
        .collect::<String>()
        .into()
}

/// Whether every line of `text` (split at CRLF) is at most `limit` bytes long.
fn lines_fit(text: &[u8], limit: usize) -> bool {
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'\r' && text.get(i + 1) == Some(&b'\n') {
            if i - start > limit {
                return false;
            }
            start = i + 2;
            i += 2;
        } else {
            i += 1;
        }
    }
    text.len() - start <= limit
}

/// Folds content lines at 75 octets (RFC 5545 3.1), never inside a character.
///
/// The crate folds too, but the last piece of a folded line can come out 76 octets long
/// (icalendar 0.17.17 counts the continuation's leading space only on the pieces before), so
/// lines it folded are unfolded and folded again. Values hold no CR (see [`clean`]), so every
/// CRLF followed by a space is a fold.
fn fold(text: &str) -> std::borrow::Cow<'_, str> {
    const LIMIT: usize = 75;
    if lines_fit(text.as_bytes(), LIMIT) {
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
    use chrono::Datelike;

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
        for c in ['\u{7}', '\u{7f}', '\u{85}', '\u{9f}'] {
            assert_eq!(clean(&format!("x{c}y")), "xy", "{c:?}");
        }
        assert_eq!(clean("\u{a0}é\t\n"), "\u{a0}é\t\n");
    }

    /// The event the `icalendar` crate writes for [`Feed::days`], as `days` wrote it before
    /// laying events out itself.
    fn crate_days(
        stamp: DateTime<Utc>,
        uid: &str,
        first: NaiveDate,
        last: NaiveDate,
        summary: &str,
        description: &str,
    ) -> String {
        let end = last.succ_opt().unwrap_or(last);
        let mut e = icalendar::Event::new();
        e.summary(&clean(summary))
            .description(&clean(description))
            .starts(first)
            .ends(end)
            .uid(uid)
            .timestamp(stamp)
            .sequence(0)
            .add_property("TRANSP", "TRANSPARENT");
        fold(&e.done().try_into_string().unwrap()).into_owned()
    }

    /// Byte for byte, all-day events are the crate's, over random texts with every character
    /// it escapes or folds around (spaces at the cut, multi-byte characters, line breaks).
    #[test]
    fn all_day_events_are_the_crates() {
        let pieces = [
            "a", " ", "é", "語", "😀", ",", ";", "\\", "\n", "\r\n", "\t", "\u{7}", "Contoso", ":",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let options = Options {
            stamp: "2026-11-22T10:00:00Z".parse().unwrap(),
            previous: None,
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        for _ in 0..3000 {
            let mut text = |len: usize| -> String {
                let n = next(len + 1);
                (0..n).map(|_| pieces[next(pieces.len())]).collect()
            };
            let (summary, description, uid) = (text(60), text(300), text(30));
            let mut out = Vec::new();
            let mut feed = Feed {
                options: &options,
                out: &mut out,
                stamp: "20261122T100000Z".into(),
                text: String::new(),
                line: String::new(),
            };
            feed.days(&uid, day, day, &summary, &description).unwrap();
            let ours = String::from_utf8(out).unwrap();
            let theirs = crate_days(options.stamp, &uid, day, day, &summary, &description);
            assert_eq!(ours, theirs, "{summary:?} {description:?} {uid:?}");
        }
    }

    proptest::proptest! {
        /// A text escaped piece by piece, as a plan joins a connector's name, its train's
        /// shared wording and its readiness, is the text escaped whole: with every character
        /// escaping, control characters and lone CRs in the pieces, and wide characters
        /// across the byte chunks the search for them reads.
        #[test]
        fn text_escaped_in_pieces_is_the_text_escaped_whole(
            pieces in proptest::collection::vec("([a-z ,;\\\\\n\t\u{7}\u{85}\u{7f}é語😀]|\r[a-z]){0,90}", 0..6),
        ) {
            let mut joined = IcsText::default();
            for piece in &pieces {
                joined.push(&IcsText::new(piece));
            }
            let whole = IcsText::new(&pieces.concat());
            proptest::prop_assert_eq!(joined.0, whole.0);
        }
    }

    #[test]
    fn basic_dates_are_chronos_and_sequences_their_numbers() {
        let mut day = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        while day.year() < 10_050 {
            assert_eq!(basic_date(day), day.format("%Y%m%d").to_string());
            day += Duration::days(if (1890..2210).contains(&day.year()) {
                1
            } else {
                97
            });
        }
        let before_year_0 = NaiveDate::from_ymd_opt(-3, 2, 1).unwrap();
        assert_eq!(
            basic_date(before_year_0),
            before_year_0.format("%Y%m%d").to_string()
        );
        for n in [0, 1, 9, 10, 4_000_000_000] {
            assert_eq!(sequence_text(n), n.to_string());
        }
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
        let name = "Contoso, Inc; é 😀";
        assert_eq!(LiveUid::new(name).of("asia"), live_uid(name, "asia"));
        // FNV-1a of "a" is fixed forever: UIDs must not change between versions.
        assert_eq!(hash(&["a"]), "e40c292c");
    }
}
