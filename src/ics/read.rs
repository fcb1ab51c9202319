//! Reading iCalendar files (RFC 5545): holiday calendars and freeze windows a configuration
//! imports, and the earlier export that `--previous` compares with.
//!
//! This is a small, strict reader of the part of iCalendar golive uses: the `VEVENT`s of a
//! file, with their start, end, summary, UID, SEQUENCE and a yearly `RRULE`. It is written
//! here rather than taken from the `icalendar` crate (which golive uses to write calendars)
//! because every error must point at the file's own line and column, and that crate's parser
//! keeps no positions and reports errors against the unfolded text. Anything it does not
//! understand is an error that says so, never silently skipped.

use std::ops::Range;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::error::{Result, short};
use crate::source::Source;
use crate::time::{Gap, resolve_local};

/// A start or end of an event, as the file wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IcsTime {
    /// A whole day (`VALUE=DATE`).
    Date(NaiveDate),
    /// A UTC date-time (`...Z`).
    Utc(DateTime<Utc>),
    /// A date-time in a named zone (`TZID=...`).
    Zoned(NaiveDateTime, Tz),
    /// A floating date-time: local time wherever it is read.
    Floating(NaiveDateTime),
}

/// A yearly recurrence: `RRULE:FREQ=YEARLY` with an optional `COUNT` or `UNTIL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Yearly {
    /// How many occurrences in all, the first included.
    pub count: Option<u32>,
    /// The last day or instant an occurrence may start at.
    pub until: Option<IcsTime>,
    /// `BYMONTH` and `BYMONTHDAY`, which must restate the start's own month and day.
    by_month: Option<u32>,
    by_month_day: Option<u32>,
    span: Range<usize>,
}

/// One `VEVENT`.
#[derive(Debug, Clone)]
pub(crate) struct IcsEvent {
    pub uid: Option<String>,
    pub summary: Option<String>,
    pub start: IcsTime,
    /// Exclusive end: from `DTEND`, from `DURATION`, or the RFC default (the next day for a
    /// date, the start itself for a date-time).
    pub end: IcsTime,
    pub sequence: u32,
    pub yearly: Option<Yearly>,
    /// The event's `BEGIN:VEVENT` line.
    pub span: Range<usize>,
    /// Its `DTSTART` line.
    pub start_span: Range<usize>,
    /// Its `DTEND` or `DURATION` line, or `DTSTART`'s when it has neither.
    pub end_span: Range<usize>,
    /// The line number of `BEGIN:VEVENT`.
    pub line: usize,
}

/// A calendar file's events and its own name (`X-WR-CALNAME`), if it has one.
#[derive(Debug, Clone)]
pub(crate) struct IcsFile {
    pub name: Option<String>,
    pub events: Vec<IcsEvent>,
}

/// One unfolded content line: `NAME;PARAM=VALUE:VALUE`.
struct ContentLine<'t> {
    name: String,
    params: Vec<(String, String)>,
    value: std::borrow::Cow<'t, str>,
    /// The span of the line's first physical line, for errors.
    span: Range<usize>,
}

impl ContentLine<'_> {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Splits `text` into unfolded content lines (RFC 5545 3.1): a physical line that starts with
/// a space or a tab continues the one before.
fn logical_lines(text: &str) -> Vec<(Range<usize>, std::borrow::Cow<'_, str>)> {
    let mut out: Vec<(Range<usize>, std::borrow::Cow<'_, str>)> = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let start = at;
        at += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(rest) = line.strip_prefix([' ', '\t'])
            && let Some((_, last)) = out.last_mut()
        {
            last.to_mut().push_str(rest);
            continue;
        }
        out.push((start..start + line.len(), line.into()));
    }
    out
}

/// Parses one content line, or says what is wrong with it.
fn content_line<'t>(
    span: Range<usize>,
    line: std::borrow::Cow<'t, str>,
    source: &Source,
) -> Result<ContentLine<'t>> {
    let bad = |what: &str| {
        source.error(
            span.clone(),
            format!(
                "`{}` is not an iCalendar content line: {what}",
                short(&line)
            ),
        )
    };
    let name_end = line
        .find([';', ':'])
        .ok_or_else(|| bad("no ':' before the value"))?;
    let name = line[..name_end].to_ascii_uppercase();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(bad("the name must be letters, digits and '-'"));
    }
    let mut params = Vec::new();
    let mut rest = &line[name_end..];
    while let Some(after) = rest.strip_prefix(';') {
        let eq = after
            .find('=')
            .ok_or_else(|| bad("a parameter has no '='"))?;
        let pname = &after[..eq];
        let mut v = &after[eq + 1..];
        // A parameter may hold several values, each quoted when it has ':' ';' or ','.
        let mut values: Vec<&str> = Vec::new();
        loop {
            if let Some(quoted) = v.strip_prefix('"') {
                let close = quoted
                    .find('"')
                    .ok_or_else(|| bad("a quoted parameter value is not closed"))?;
                values.push(&quoted[..close]);
                v = &quoted[close + 1..];
            } else {
                let end = v
                    .find([',', ';', ':'])
                    .ok_or_else(|| bad("no ':' before the value"))?;
                values.push(&v[..end]);
                v = &v[end..];
            }
            match v.strip_prefix(',') {
                Some(more) => v = more,
                None => break,
            }
        }
        let value = values.join(",");
        params.push((pname.to_ascii_uppercase(), value));
        rest = v;
    }
    let Some(value_start) = rest.strip_prefix(':') else {
        return Err(bad("no ':' before the value"));
    };
    let offset = line.len() - value_start.len();
    let value = match line {
        std::borrow::Cow::Borrowed(l) => std::borrow::Cow::Borrowed(&l[offset..]),
        std::borrow::Cow::Owned(l) => std::borrow::Cow::Owned(l[offset..].to_string()),
    };
    Ok(ContentLine {
        name,
        params,
        value,
        span,
    })
}

/// Reads an iCalendar file.
pub(crate) fn read(source: &Source) -> Result<IcsFile> {
    let mut stack: Vec<(String, Range<usize>)> = Vec::new();
    let mut file = IcsFile {
        name: None,
        events: Vec::new(),
    };
    let mut event: Option<EventBuilder> = None;
    let mut saw_calendar = false;
    let mut lines = crate::source::Lines::new(&source.text);
    for (span, text) in logical_lines(&source.text) {
        if text.trim().is_empty() {
            continue;
        }
        let line = match content_line(span.clone(), text.clone(), source) {
            // A first line that is not iCalendar at all: say what the file is not.
            Err(_) if !saw_calendar && stack.is_empty() => {
                return Err(source.error(
                    span,
                    format!(
                        "not an iCalendar file: it starts with `{}`, where an iCalendar file starts with BEGIN:VCALENDAR",
                        short(text.trim_ascii())
                    ),
                ));
            }
            other => other?,
        };
        match line.name.as_str() {
            "BEGIN" => {
                let kind = short(&line.value.trim().to_ascii_uppercase()).to_string();
                if stack.is_empty() && kind != "VCALENDAR" {
                    return Err(source.error(
                        span,
                        format!("BEGIN:{kind} outside a calendar; an iCalendar file starts with BEGIN:VCALENDAR"),
                    ));
                }
                if kind == "VCALENDAR" {
                    if !stack.is_empty() {
                        return Err(source.error(span, "BEGIN:VCALENDAR inside another component"));
                    }
                    saw_calendar = true;
                }
                if kind == "VEVENT" {
                    if let Some((parent, at)) = stack.last().filter(|_| stack.len() > 1) {
                        let l = source.at(at.clone()).line;
                        return Err(source.error(
                            span,
                            format!("BEGIN:VEVENT inside BEGIN:{parent} (line {l}); events belong directly in the VCALENDAR"),
                        ));
                    }
                    event = Some(EventBuilder::new(span.clone(), lines.line_of(span.start)));
                }
                stack.push((kind, span));
            }
            "END" => {
                let kind = short(&line.value.trim().to_ascii_uppercase()).to_string();
                let Some((open, open_span)) = stack.pop() else {
                    return Err(
                        source.error(span, format!("END:{kind} without a BEGIN:{kind} before it"))
                    );
                };
                if open != kind {
                    let l = source.at(open_span).line;
                    return Err(source.error(
                        span,
                        format!("END:{kind} where BEGIN:{open} on line {l} is still open; expected END:{open}"),
                    ));
                }
                if kind == "VEVENT"
                    && stack.len() == 1
                    && let Some(b) = event.take()
                    && let Some(e) = b.finish(source)?
                {
                    file.events.push(e);
                }
            }
            _ if stack.is_empty() => {
                let shown: String = line.name.chars().take(40).collect();
                return Err(source.error(
                    span,
                    format!(
                        "{shown} outside a calendar; an iCalendar file starts with BEGIN:VCALENDAR"
                    ),
                ));
            }
            "X-WR-CALNAME" if stack.len() == 1 => file.name = Some(unescape(&line.value)),
            _ => {
                if stack.len() == 2
                    && let Some(b) = event.as_mut()
                {
                    b.property(line, source)?;
                }
            }
        }
    }
    if let Some((open, span)) = stack.pop() {
        let l = source.at(span.clone()).line;
        return Err(source.error(
            span,
            format!("BEGIN:{open} on line {l} is never closed: the file ends before END:{open}"),
        ));
    }
    if !saw_calendar {
        let end = source.text.len();
        return Err(source.error(
            0..end.min(1),
            "not an iCalendar file: there is no BEGIN:VCALENDAR",
        ));
    }
    // One UID is one event (RFC 5545 3.8.4.7): of several copies, the highest SEQUENCE wins.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut keep = vec![true; file.events.len()];
    for (i, e) in file.events.iter().enumerate() {
        let Some(uid) = &e.uid else { continue };
        if let Some(&j) = seen.get(uid) {
            let newer = e.sequence >= file.events[j].sequence;
            keep[if newer { j } else { i }] = false;
            if !newer {
                continue;
            }
        }
        seen.insert(uid.clone(), i);
    }
    let mut flags = keep.into_iter();
    file.events.retain(|_| flags.next().unwrap_or(true));
    Ok(file)
}

/// A value cut for an error message: a huge one would bury the message.
/// The properties of one `VEVENT` as they are read.
struct EventBuilder {
    span: Range<usize>,
    line: usize,
    /// The first property golive cannot read; an error unless the event is cancelled.
    unsupported: Option<crate::error::Error>,
    uid: Option<String>,
    summary: Option<String>,
    start: Option<(IcsTime, Range<usize>)>,
    end: Option<(IcsTime, Range<usize>)>,
    duration: Option<(IcsDuration, Range<usize>)>,
    sequence: u32,
    yearly: Option<Yearly>,
    cancelled: bool,
}

impl EventBuilder {
    fn new(span: Range<usize>, line: usize) -> EventBuilder {
        EventBuilder {
            span,
            line,
            unsupported: None,
            uid: None,
            summary: None,
            start: None,
            end: None,
            duration: None,
            sequence: 0,
            yearly: None,
            cancelled: false,
        }
    }

    fn property(&mut self, line: ContentLine<'_>, source: &Source) -> Result<()> {
        let twice = |what: &str| {
            source.error(
                line.span.clone(),
                format!("{what} is given twice in one event"),
            )
        };
        match line.name.as_str() {
            "UID" => self.uid = Some(line.value.trim().to_string()),
            "SUMMARY" => self.summary = Some(unescape(&line.value).trim().to_string()),
            "DTSTART" => {
                if self.start.is_some() {
                    return Err(twice("DTSTART"));
                }
                self.start = Some((time(&line, source)?, line.span.clone()));
            }
            "DTEND" => {
                if self.end.is_some() {
                    return Err(twice("DTEND"));
                }
                self.end = Some((time(&line, source)?, line.span.clone()));
            }
            "DURATION" => {
                if self.duration.is_some() {
                    return Err(twice("DURATION"));
                }
                let d = duration(&line.value).ok_or_else(|| {
                    source.error(
                        line.span.clone(),
                        format!(
                            "DURATION:{} is not a duration such as P1D or PT4H",
                            short(&line.value)
                        ),
                    )
                })?;
                self.duration = Some((d, line.span.clone()));
            }
            "SEQUENCE" => {
                self.sequence = line.value.trim().parse().map_err(|_| {
                    source.error(
                        line.span.clone(),
                        format!("SEQUENCE:{} is not a whole number", short(&line.value)),
                    )
                })?;
            }
            "STATUS" => self.cancelled = line.value.trim().eq_ignore_ascii_case("CANCELLED"),
            "RRULE" => {
                if self.yearly.is_some() {
                    return Err(twice("RRULE"));
                }
                match rrule(&line, source) {
                    Ok(y) => self.yearly = Some(y),
                    Err(e) => {
                        self.unsupported.get_or_insert(e);
                    }
                }
            }
            "RDATE" | "EXDATE" | "RECURRENCE-ID" | "EXRULE" => {
                self.unsupported.get_or_insert(source.error(
                    line.span.clone(),
                    format!(
                        "{} is not supported: golive reads single events and yearly RRULEs; list each occurrence as its own event",
                        line.name
                    ),
                ));
            }
            _ => {}
        }
        Ok(())
    }

    /// The finished event; `None` for a cancelled one (`STATUS:CANCELLED` takes a day off
    /// the calendar, it does not add one).
    fn finish(self, source: &Source) -> Result<Option<IcsEvent>> {
        let Some((start, start_span)) = self.start else {
            return Err(source.error(
                self.span,
                "this event has no DTSTART, so golive cannot tell which days it covers",
            ));
        };
        if self.cancelled {
            return Ok(None);
        }
        if let Some(e) = self.unsupported {
            return Err(e);
        }
        let end = match (self.end, self.duration) {
            (Some(_), Some((_, span))) => {
                return Err(source.error(span, "an event may have DTEND or DURATION, not both"));
            }
            (Some((end, span)), None) => {
                let same_kind = matches!(
                    (start, end),
                    (IcsTime::Date(_), IcsTime::Date(_))
                        | (
                            IcsTime::Utc(_) | IcsTime::Zoned(..) | IcsTime::Floating(_),
                            IcsTime::Utc(_) | IcsTime::Zoned(..) | IcsTime::Floating(_)
                        )
                );
                if !same_kind {
                    return Err(source.error(
                        span,
                        "DTEND must be a date when DTSTART is a date, and a date-time when it is a date-time",
                    ));
                }
                (end, span)
            }
            (None, Some((d, span))) => (
                add(start, d).ok_or_else(|| {
                    source.error(span.clone(), "DURATION takes the event past year 9999")
                })?,
                span,
            ),
            (None, None) => (
                match start {
                    IcsTime::Date(d) => IcsTime::Date(d.succ_opt().unwrap_or(d)),
                    t => t,
                },
                start_span.clone(),
            ),
        };
        let (end, end_span) = end;
        if let Some(y) = &self.yearly {
            let day = t_day(start);
            if y.by_month.is_some_and(|m| m != day.month())
                || y.by_month_day.is_some_and(|d| d != day.day())
            {
                return Err(source.error(
                    y.span.clone(),
                    format!(
                        "RRULE names another month or day than DTSTART ({day}); golive reads yearly rules that repeat the start's own date"
                    ),
                ));
            }
        }
        if let (IcsTime::Date(s), IcsTime::Date(e)) = (start, end)
            && e <= s
        {
            return Err(source.error(
                end_span,
                format!("the event ends ({e}, exclusive) on or before the day it starts ({s})"),
            ));
        }
        Ok(Some(IcsEvent {
            line: self.line,
            uid: self.uid,
            summary: self.summary.filter(|s| !s.is_empty()),
            start,
            end,
            sequence: self.sequence,
            yearly: self.yearly,
            span: self.span,
            start_span,
            end_span,
        }))
    }
}

/// A DURATION: days and weeks are nominal (a day is a calendar day, whatever DST does),
/// hours, minutes and seconds exact (RFC 5545 3.3.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct IcsDuration {
    days: i64,
    secs: i64,
}

fn add(t: IcsTime, d: IcsDuration) -> Option<IcsTime> {
    let (days, secs) = (Duration::days(d.days), Duration::seconds(d.secs));
    Some(match t {
        IcsTime::Date(x) => IcsTime::Date(x.checked_add_signed(days)?),
        IcsTime::Utc(x) => IcsTime::Utc(x.checked_add_signed(days)?.checked_add_signed(secs)?),
        IcsTime::Zoned(x, tz) => {
            let local = x.checked_add_signed(days)?;
            let at = resolve_local(tz, local, Gap::ShiftForward).checked_add_signed(secs)?;
            IcsTime::Zoned(at.with_timezone(&tz).naive_local(), tz)
        }
        IcsTime::Floating(x) => {
            IcsTime::Floating(x.checked_add_signed(days)?.checked_add_signed(secs)?)
        }
    })
}

/// `20261224` as a date, `20261224T090000Z` in UTC, `20261224T090000` floating.
fn date_or_time(v: &str) -> Option<IcsTime> {
    let date = |s: &str| -> Option<NaiveDate> {
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        NaiveDate::from_ymd_opt(
            s[..4].parse().ok()?,
            s[4..6].parse().ok()?,
            s[6..].parse().ok()?,
        )
    };
    let Some((d, t)) = v.split_once(['T', 't']) else {
        return date(v).map(IcsTime::Date);
    };
    let (t, utc) = match t.strip_suffix(['Z', 'z']) {
        Some(t) => (t, true),
        None => (t, false),
    };
    if t.len() != 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let time = NaiveTime::from_hms_opt(
        t[..2].parse().ok()?,
        t[2..4].parse().ok()?,
        // A leap second (60) is read as the last second of its minute.
        t[4..].parse::<u32>().ok()?.min(59),
    )?;
    let local = date(d)?.and_time(time);
    Some(match utc {
        true => IcsTime::Utc(local.and_utc()),
        false => IcsTime::Floating(local),
    })
}

/// A `DTSTART`/`DTEND` value: `20261224` (with or without `VALUE=DATE`), `20261224T090000Z`,
/// or a local date-time, floating or with `TZID`.
fn time(line: &ContentLine<'_>, source: &Source) -> Result<IcsTime> {
    let v = line.value.trim();
    let bad = |why: &str| {
        source.error(
            line.span.clone(),
            format!("{}:{} is not {why}", line.name, short(v)),
        )
    };
    let want_date = line
        .param("VALUE")
        .is_some_and(|p| p.eq_ignore_ascii_case("DATE"));
    match date_or_time(v) {
        Some(IcsTime::Date(d)) => Ok(IcsTime::Date(d)),
        _ if want_date => Err(bad("a date that exists, written YYYYMMDD")),
        None => Err(bad(
            "a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS, with Z for UTC) that exists",
        )),
        Some(IcsTime::Floating(local)) => match line.param("TZID") {
            None => Ok(IcsTime::Floating(local)),
            Some(tzid) => zone(tzid).map(|tz| IcsTime::Zoned(local, tz)).ok_or_else(|| {
                source.error(
                    line.span.clone(),
                    format!(
                        "TZID \"{}\" is not a time zone golive knows; use an IANA name such as America/Los_Angeles",
                        short(tzid)
                    ),
                )
            }),
        },
        Some(t) => Ok(t),
    }
}

/// An IANA zone name (also inside a path, as Thunderbird writes
/// `/mozilla.org/20070129_1/America/New_York`), or a Windows zone name as Outlook writes them.
fn zone(tzid: &str) -> Option<Tz> {
    let name = tzid.trim();
    let mut rest = name.trim_start_matches('/');
    loop {
        if let Ok(tz) = rest.parse::<Tz>() {
            return Some(tz);
        }
        match rest.split_once('/') {
            Some((_, tail)) => rest = tail,
            None => break,
        }
    }
    // Windows zone names, from CLDR's windowsZones.xml (the zone of territory "001").
    const WINDOWS: &[(&str, &str)] = &[
        ("Dateline Standard Time", "Etc/GMT+12"),
        ("UTC-11", "Etc/GMT+11"),
        ("Aleutian Standard Time", "America/Adak"),
        ("Hawaiian Standard Time", "Pacific/Honolulu"),
        ("Alaskan Standard Time", "America/Anchorage"),
        ("Pacific Standard Time (Mexico)", "America/Tijuana"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("US Mountain Standard Time", "America/Phoenix"),
        ("Mountain Standard Time (Mexico)", "America/Mazatlan"),
        ("Mountain Standard Time", "America/Denver"),
        ("Central America Standard Time", "America/Guatemala"),
        ("Central Standard Time", "America/Chicago"),
        ("Central Standard Time (Mexico)", "America/Mexico_City"),
        ("Canada Central Standard Time", "America/Regina"),
        ("SA Pacific Standard Time", "America/Bogota"),
        ("Eastern Standard Time (Mexico)", "America/Cancun"),
        ("Eastern Standard Time", "America/New_York"),
        ("US Eastern Standard Time", "America/Indianapolis"),
        ("Venezuela Standard Time", "America/Caracas"),
        ("Atlantic Standard Time", "America/Halifax"),
        ("SA Western Standard Time", "America/La_Paz"),
        ("Pacific SA Standard Time", "America/Santiago"),
        ("Newfoundland Standard Time", "America/St_Johns"),
        ("E. South America Standard Time", "America/Sao_Paulo"),
        ("Argentina Standard Time", "America/Buenos_Aires"),
        ("SA Eastern Standard Time", "America/Cayenne"),
        ("Greenland Standard Time", "America/Godthab"),
        ("Montevideo Standard Time", "America/Montevideo"),
        ("UTC-02", "Etc/GMT+2"),
        ("Azores Standard Time", "Atlantic/Azores"),
        ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
        ("UTC", "Etc/UTC"),
        ("Coordinated Universal Time", "Etc/UTC"),
        ("GMT Standard Time", "Europe/London"),
        ("Greenwich Standard Time", "Atlantic/Reykjavik"),
        ("Morocco Standard Time", "Africa/Casablanca"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Central Europe Standard Time", "Europe/Budapest"),
        ("Romance Standard Time", "Europe/Paris"),
        ("Central European Standard Time", "Europe/Warsaw"),
        ("W. Central Africa Standard Time", "Africa/Lagos"),
        ("GTB Standard Time", "Europe/Bucharest"),
        ("E. Europe Standard Time", "Europe/Chisinau"),
        ("Egypt Standard Time", "Africa/Cairo"),
        ("FLE Standard Time", "Europe/Kiev"),
        ("Israel Standard Time", "Asia/Jerusalem"),
        ("South Africa Standard Time", "Africa/Johannesburg"),
        ("Turkey Standard Time", "Europe/Istanbul"),
        ("Arabic Standard Time", "Asia/Baghdad"),
        ("Arab Standard Time", "Asia/Riyadh"),
        ("Russian Standard Time", "Europe/Moscow"),
        ("E. Africa Standard Time", "Africa/Nairobi"),
        ("Iran Standard Time", "Asia/Tehran"),
        ("Arabian Standard Time", "Asia/Dubai"),
        ("Afghanistan Standard Time", "Asia/Kabul"),
        ("Pakistan Standard Time", "Asia/Karachi"),
        ("West Asia Standard Time", "Asia/Tashkent"),
        ("India Standard Time", "Asia/Calcutta"),
        ("Sri Lanka Standard Time", "Asia/Colombo"),
        ("Nepal Standard Time", "Asia/Katmandu"),
        ("Central Asia Standard Time", "Asia/Almaty"),
        ("Bangladesh Standard Time", "Asia/Dhaka"),
        ("Myanmar Standard Time", "Asia/Rangoon"),
        ("SE Asia Standard Time", "Asia/Bangkok"),
        ("China Standard Time", "Asia/Shanghai"),
        ("Singapore Standard Time", "Asia/Singapore"),
        ("Taipei Standard Time", "Asia/Taipei"),
        ("W. Australia Standard Time", "Australia/Perth"),
        ("Tokyo Standard Time", "Asia/Tokyo"),
        ("Korea Standard Time", "Asia/Seoul"),
        ("Cen. Australia Standard Time", "Australia/Adelaide"),
        ("AUS Central Standard Time", "Australia/Darwin"),
        ("E. Australia Standard Time", "Australia/Brisbane"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("West Pacific Standard Time", "Pacific/Port_Moresby"),
        ("Tasmania Standard Time", "Australia/Hobart"),
        ("New Zealand Standard Time", "Pacific/Auckland"),
        ("Fiji Standard Time", "Pacific/Fiji"),
        ("Tonga Standard Time", "Pacific/Tongatapu"),
        ("Samoa Standard Time", "Pacific/Apia"),
        ("Line Islands Standard Time", "Pacific/Kiritimati"),
    ];
    WINDOWS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(name))
        .and_then(|(_, iana)| iana.parse().ok())
}

/// `P1D`, `PT4H30M`, `P2W`, `+P1DT12H`; negative durations are refused.
fn duration(text: &str) -> Option<IcsDuration> {
    let s = text.trim();
    let s = s.strip_prefix('+').unwrap_or(s);
    let s = s.strip_prefix(['P', 'p'])?;
    let (date, time) = match s.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut any = false;
    let mut read = |part: &str, units: &[(char, i64)]| -> Option<i64> {
        let (mut num, mut total) = (String::new(), 0i64);
        for c in part.chars() {
            if c.is_ascii_digit() {
                num.push(c);
                continue;
            }
            let (_, size) = units.iter().find(|(u, _)| c.eq_ignore_ascii_case(u))?;
            let n: i64 = num.parse().ok().filter(|n| *n <= 1_000_000)?;
            total = total.checked_add(n.checked_mul(*size)?)?;
            num.clear();
            any = true;
        }
        num.is_empty().then_some(total)
    };
    let days = read(date, &[('W', 7), ('D', 1)])?;
    let secs = match time {
        Some(t) => read(t, &[('H', 3_600), ('M', 60), ('S', 1)])?,
        None => 0,
    };
    any.then_some(IcsDuration { days, secs })
}

/// `FREQ=YEARLY` with optional `COUNT`, `UNTIL`, `INTERVAL=1`, and `BYMONTH`/`BYMONTHDAY`
/// that only restate the start's own month and day (as Outlook writes them). Anything else is
/// refused, since it would recur on days golive could not show.
fn rrule(line: &ContentLine<'_>, source: &Source) -> Result<Yearly> {
    let refuse = |why: String| {
        let shown = short(&line.value);
        source.error(
            line.span.clone(),
            format!("RRULE:{shown} is not supported: {why}; golive reads FREQ=YEARLY with COUNT or UNTIL, or each occurrence as its own event"),
        )
    };
    let mut freq = None;
    let mut yearly = Yearly {
        count: None,
        until: None,
        by_month: None,
        by_month_day: None,
        span: line.span.clone(),
    };
    for part in line.value.trim().split(';').filter(|p| !p.is_empty()) {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| refuse(format!("\"{}\" has no '='", short(part))))?;
        match k.to_ascii_uppercase().as_str() {
            "FREQ" => freq = Some(v.to_ascii_uppercase()),
            "COUNT" => {
                yearly.count = Some(v.parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                    refuse(format!("COUNT={} is not a whole number from 1", short(v)))
                })?)
            }
            "UNTIL" => {
                yearly.until = Some(date_or_time(v).ok_or_else(|| {
                    refuse(format!("UNTIL={} is not a date or date-time", short(v)))
                })?);
            }
            "INTERVAL" if v == "1" => {}
            "WKST" => {}
            // Checked against DTSTART when the event is finished.
            "BYMONTH" => yearly.by_month = v.parse().ok().or(Some(0)),
            "BYMONTHDAY" => yearly.by_month_day = v.parse().ok().or(Some(0)),
            other => {
                return Err(refuse(format!(
                    "{} is not one of its parts golive reads",
                    short(other)
                )));
            }
        }
    }
    if yearly.count.is_some() && yearly.until.is_some() {
        return Err(refuse(
            "it has both COUNT and UNTIL, which RFC 5545 forbids".into(),
        ));
    }
    match freq.as_deref() {
        Some("YEARLY") => Ok(yearly),
        Some(f) => Err(refuse(format!(
            "FREQ={} recurs more often than once a year",
            short(f)
        ))),
        None => Err(refuse("it has no FREQ".into())),
    }
}

/// The day of a time, in its own terms.
pub(crate) fn t_day(t: IcsTime) -> NaiveDate {
    match t {
        IcsTime::Date(d) => d,
        IcsTime::Utc(t) => t.date_naive(),
        IcsTime::Zoned(t, _) | IcsTime::Floating(t) => t.date(),
    }
}

/// `t` moved by `years` calendar years; `None` where its day does not exist that year.
pub(crate) fn shift_years(t: IcsTime, years: i32) -> Option<IcsTime> {
    let shift = |d: NaiveDate| d.with_year(d.year().checked_add(years)?);
    Some(match t {
        IcsTime::Date(d) => IcsTime::Date(shift(d)?),
        IcsTime::Utc(t) => IcsTime::Utc(shift(t.date_naive())?.and_time(t.time()).and_utc()),
        IcsTime::Zoned(l, tz) => IcsTime::Zoned(shift(l.date())?.and_time(l.time()), tz),
        IcsTime::Floating(l) => IcsTime::Floating(shift(l.date())?.and_time(l.time())),
    })
}

/// Undoes TEXT escaping (RFC 5545 3.3.11).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

impl IcsEvent {
    /// The years an event recurs in, as offsets from its own year: just `0` without a
    /// recurrence, up to `last_year` for a yearly one.
    pub(crate) fn year_offsets(&self, last_year: i32, zone: Tz) -> std::ops::RangeInclusive<i32> {
        let start = self.start_day();
        let first = start.year();
        let Some(y) = &self.yearly else {
            return 0..=0;
        };
        let mut last = last_year - first;
        // A February 29 occurs in leap years only.
        let occurs = |k: i32| start.with_year(first + k).is_some();
        if let Some(n) = y.count {
            // COUNT counts occurrences.
            let nth = (0..=last).filter(|&k| occurs(k)).nth(n as usize - 1);
            last = nth.unwrap_or(last);
        }
        if let Some(until) = y.until {
            // The last year whose occurrence starts on or before UNTIL.
            let utc = |t: IcsTime| match t {
                IcsTime::Date(d) => {
                    resolve_local(zone, d.and_time(NaiveTime::MIN), Gap::ShiftForward).to_utc()
                }
                IcsTime::Utc(t) => t,
                IcsTime::Zoned(l, tz) => resolve_local(tz, l, Gap::ShiftForward).to_utc(),
                IcsTime::Floating(l) => resolve_local(zone, l, Gap::ShiftForward).to_utc(),
            };
            let within = |k: i32| {
                let Some(t) = shift_years(self.start, k) else {
                    return true;
                };
                match until {
                    IcsTime::Date(u) => t_day(t) <= u,
                    u => utc(t) <= utc(u),
                }
            };
            last = (0..=last)
                .rev()
                .find(|&k| occurs(k) && within(k))
                .unwrap_or(0);
        }
        // DTSTART is always the first occurrence (RFC 5545 3.8.5.3), whatever UNTIL says.
        0..=last.max(0)
    }

    /// The day the event starts on, in its own terms.
    pub(crate) fn start_day(&self) -> NaiveDate {
        t_day(self.start)
    }

    /// A short description for errors: the summary, or the start.
    pub(crate) fn label(&self) -> String {
        match &self.summary {
            Some(s) => format!("\"{}\"", short(s)),
            None => format!("the event starting {}", self.start_day()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> Result<IcsFile> {
        read(&Source::new("t.ics", text))
    }

    fn err(text: &str) -> String {
        read_str(text).unwrap_err().to_string()
    }

    const HEAD: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n";

    #[test]
    fn reads_all_day_and_timed_events_with_folding_and_escapes() {
        let text = format!(
            "{HEAD}BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261227\r\nSUMMARY:Winter\r\n  break\\, all\\; of it\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;TZID=America/New_York:20270124T090000\r\nDURATION:PT4H\r\nSEQUENCE:3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        let f = read_str(&text).unwrap();
        assert_eq!(f.events.len(), 2);
        let a = &f.events[0];
        assert_eq!(a.summary.as_deref(), Some("Winter break, all; of it"));
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(a.start, IcsTime::Date(d(12, 24)));
        assert_eq!(a.end, IcsTime::Date(d(12, 27)));
        let b = &f.events[1];
        assert_eq!(b.sequence, 3);
        let IcsTime::Zoned(t, tz) = b.end else {
            panic!("{:?}", b.end)
        };
        assert_eq!(
            (t.to_string().as_str(), tz.name()),
            ("2027-01-24 13:00:00", "America/New_York")
        );
    }

    #[test]
    fn malformed_files_name_the_line() {
        let unterminated = format!("{HEAD}BEGIN:VEVENT\nDTSTART:20261224\n");
        assert_eq!(
            err(&unterminated),
            "t.ics:4:1: BEGIN:VEVENT on line 4 is never closed: the file ends before END:VEVENT"
        );
        let bad_date =
            format!("{HEAD}BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261332\nEND:VEVENT\nEND:VCALENDAR\n");
        assert!(
            err(&bad_date).starts_with("t.ics:5:1: DTSTART:20261332 is not a date"),
            "{}",
            err(&bad_date)
        );
        let no_start = format!("{HEAD}BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n");
        assert!(
            err(&no_start).starts_with("t.ics:4:1: this event has no DTSTART"),
            "{}",
            err(&no_start)
        );
        let mismatched = format!("{HEAD}BEGIN:VEVENT\nDTSTART:20261224\nEND:VCALENDAR\n");
        assert!(
            err(&mismatched).contains("t.ics:6:1: END:VCALENDAR where BEGIN:VEVENT on line 4"),
            "{}",
            err(&mismatched)
        );
        assert_eq!(
            err("hello\n"),
            "t.ics:1:1: not an iCalendar file: it starts with `hello`, where an iCalendar file starts with BEGIN:VCALENDAR"
        );
        let inside = format!("{HEAD}hello\nEND:VCALENDAR\n");
        assert!(
            err(&inside).contains("`hello` is not an iCalendar content line"),
            "{}",
            err(&inside)
        );
        assert!(err("").contains("no BEGIN:VCALENDAR"));
        let monthly = format!(
            "{HEAD}BEGIN:VEVENT\nDTSTART:20261224\nRRULE:FREQ=MONTHLY\nEND:VEVENT\nEND:VCALENDAR\n"
        );
        assert!(
            err(&monthly).contains("FREQ=MONTHLY recurs more often"),
            "{}",
            err(&monthly)
        );
    }

    #[test]
    fn durations() {
        let d = |days, secs| Some(IcsDuration { days, secs });
        assert_eq!(duration("P1D"), d(1, 0));
        assert_eq!(duration("PT1H30M"), d(0, 5400));
        assert_eq!(duration("P2W"), d(14, 0));
        assert_eq!(duration("P1DT12H"), d(1, 43_200));
        assert_eq!(duration("-P1D"), None);
        assert_eq!(duration("P"), None);
        assert_eq!(duration("P1"), None);
    }

    #[test]
    fn yearly_offsets_respect_count_and_until() {
        let text = format!(
            "{HEAD}BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=YEARLY;UNTIL=20281224\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=YEARLY;COUNT=2\nEND:VEVENT\nEND:VCALENDAR\n"
        );
        let f = read_str(&text).unwrap();
        let la = chrono_tz::America::Los_Angeles;
        assert_eq!(f.events[0].year_offsets(2200, la), 0..=1);
        assert_eq!(f.events[1].year_offsets(2200, la), 0..=1);
    }
}
