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

use crate::error::Result;
use crate::source::Source;

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
    /// The last day an occurrence may start on.
    pub until: Option<NaiveDate>,
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
        let shown: String = line.chars().take(60).collect();
        source.error(
            span.clone(),
            format!("\"{shown}\" is not an iCalendar content line: {what}"),
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
        let value;
        if let Some(quoted) = v.strip_prefix('"') {
            let close = quoted
                .find('"')
                .ok_or_else(|| bad("a quoted parameter value is not closed"))?;
            value = quoted[..close].to_string();
            v = &quoted[close + 1..];
        } else {
            let end = v
                .find([';', ':'])
                .ok_or_else(|| bad("no ':' before the value"))?;
            value = v[..end].to_string();
            v = &v[end..];
        }
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
    for (span, text) in logical_lines(&source.text) {
        if text.trim().is_empty() {
            continue;
        }
        let line = content_line(span.clone(), text, source)?;
        match line.name.as_str() {
            "BEGIN" => {
                let kind = line.value.trim().to_ascii_uppercase();
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
                if kind == "VEVENT" && stack.len() == 1 {
                    event = Some(EventBuilder::new(span.clone()));
                }
                stack.push((kind, span));
            }
            "END" => {
                let kind = line.value.trim().to_ascii_uppercase();
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
    Ok(file)
}

/// The properties of one `VEVENT` as they are read.
struct EventBuilder {
    span: Range<usize>,
    uid: Option<String>,
    summary: Option<String>,
    start: Option<(IcsTime, Range<usize>)>,
    end: Option<(IcsTime, Range<usize>)>,
    duration: Option<(Duration, Range<usize>)>,
    sequence: u32,
    yearly: Option<Yearly>,
    cancelled: bool,
}

impl EventBuilder {
    fn new(span: Range<usize>) -> EventBuilder {
        EventBuilder {
            span,
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
                let d = duration(&line.value).ok_or_else(|| {
                    source.error(
                        line.span.clone(),
                        format!(
                            "DURATION:{} is not a duration such as P1D or PT4H",
                            line.value
                        ),
                    )
                })?;
                self.duration = Some((d, line.span.clone()));
            }
            "SEQUENCE" => {
                self.sequence = line.value.trim().parse().map_err(|_| {
                    source.error(
                        line.span.clone(),
                        format!("SEQUENCE:{} is not a whole number", line.value),
                    )
                })?;
            }
            "STATUS" => self.cancelled = line.value.trim().eq_ignore_ascii_case("CANCELLED"),
            "RRULE" => {
                if self.yearly.is_some() {
                    return Err(twice("RRULE"));
                }
                self.yearly = Some(rrule(&line, source)?);
            }
            "RDATE" | "EXDATE" | "RECURRENCE-ID" | "EXRULE" => {
                return Err(source.error(
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
            let day = match start {
                IcsTime::Date(d) => d,
                IcsTime::Utc(t) => t.date_naive(),
                IcsTime::Zoned(t, _) | IcsTime::Floating(t) => t.date(),
            };
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
                format!("the event ends ({e}, exclusive) before it starts ({s})"),
            ));
        }
        Ok(Some(IcsEvent {
            uid: self.uid,
            summary: self.summary.filter(|s| !s.is_empty()),
            start,
            end,
            sequence: self.sequence,
            yearly: self.yearly,
            span: self.span,
            start_span,
        }))
    }
}

fn add(t: IcsTime, d: Duration) -> Option<IcsTime> {
    Some(match t {
        IcsTime::Date(x) => IcsTime::Date(x.checked_add_signed(d)?),
        IcsTime::Utc(x) => IcsTime::Utc(x.checked_add_signed(d)?),
        IcsTime::Zoned(x, tz) => IcsTime::Zoned(x.checked_add_signed(d)?, tz),
        IcsTime::Floating(x) => IcsTime::Floating(x.checked_add_signed(d)?),
    })
}

/// A `DTSTART`/`DTEND` value: `20261224` (with or without `VALUE=DATE`), `20261224T090000Z`,
/// or a local date-time, floating or with `TZID`.
fn time(line: &ContentLine<'_>, source: &Source) -> Result<IcsTime> {
    let v = line.value.trim();
    let bad = |why: &str| {
        let shown: String = v.chars().take(40).collect();
        source.error(
            line.span.clone(),
            format!("{}:{shown} is not {why}", line.name),
        )
    };
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
    let is_date = line
        .param("VALUE")
        .is_some_and(|p| p.eq_ignore_ascii_case("DATE"))
        || (v.len() == 8 && !v.contains('T'));
    if is_date {
        return date(v)
            .map(IcsTime::Date)
            .ok_or_else(|| bad("a date that exists, written YYYYMMDD"));
    }
    let parsed = (|| {
        let (d, t) = v.split_once(['T', 't'])?;
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
        Some((date(d)?.and_time(time), utc))
    })();
    let Some((local, utc)) = parsed else {
        return Err(bad(
            "a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS, with Z for UTC) that exists",
        ));
    };
    if utc {
        return Ok(IcsTime::Utc(local.and_utc()));
    }
    match line.param("TZID") {
        None => Ok(IcsTime::Floating(local)),
        Some(tzid) => zone(tzid).map(|tz| IcsTime::Zoned(local, tz)).ok_or_else(|| {
            let shown: String = tzid.chars().take(60).collect();
            source.error(
                line.span.clone(),
                format!("TZID \"{shown}\" is not a time zone golive knows; use an IANA name such as America/Los_Angeles"),
            )
        }),
    }
}

/// An IANA zone name, or one of the Windows names Outlook writes for common zones.
fn zone(tzid: &str) -> Option<Tz> {
    let name = tzid.trim().trim_start_matches('/');
    if let Ok(tz) = name.parse::<Tz>() {
        return Some(tz);
    }
    const WINDOWS: &[(&str, &str)] = &[
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("Mountain Standard Time", "America/Denver"),
        ("Central Standard Time", "America/Chicago"),
        ("Eastern Standard Time", "America/New_York"),
        ("UTC", "Etc/UTC"),
        ("GMT Standard Time", "Europe/London"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Romance Standard Time", "Europe/Paris"),
        ("Central Europe Standard Time", "Europe/Budapest"),
        ("India Standard Time", "Asia/Kolkata"),
        ("China Standard Time", "Asia/Shanghai"),
        ("Tokyo Standard Time", "Asia/Tokyo"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("E. South America Standard Time", "America/Sao_Paulo"),
        ("Singapore Standard Time", "Asia/Singapore"),
    ];
    WINDOWS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(name))
        .and_then(|(_, iana)| iana.parse().ok())
}

/// `P1D`, `PT4H30M`, `P2W`, `+P1DT12H`; negative durations are refused.
fn duration(text: &str) -> Option<Duration> {
    let s = text.trim();
    let s = s.strip_prefix('+').unwrap_or(s);
    let s = s.strip_prefix(['P', 'p'])?;
    let (date, time) = match s.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut total = Duration::zero();
    let mut any = false;
    let mut read = |part: &str, units: &[(char, i64)]| -> Option<()> {
        let mut num = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                num.push(c);
                continue;
            }
            let (_, secs) = units.iter().find(|(u, _)| c.eq_ignore_ascii_case(u))?;
            let n: i64 = num.parse().ok().filter(|n| *n <= 1_000_000)?;
            total = total.checked_add(&Duration::seconds(n.checked_mul(*secs)?))?;
            num.clear();
            any = true;
        }
        num.is_empty().then_some(())
    };
    read(date, &[('W', 7 * 86_400), ('D', 86_400)])?;
    if let Some(t) = time {
        read(t, &[('H', 3_600), ('M', 60), ('S', 1)])?;
    }
    any.then_some(total)
}

/// `FREQ=YEARLY` with optional `COUNT`, `UNTIL`, `INTERVAL=1`, and `BYMONTH`/`BYMONTHDAY`
/// that only restate the start's own month and day (as Outlook writes them). Anything else is
/// refused, since it would recur on days golive could not show.
fn rrule(line: &ContentLine<'_>, source: &Source) -> Result<Yearly> {
    let refuse = |why: String| {
        let shown: String = line.value.chars().take(80).collect();
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
            .ok_or_else(|| refuse(format!("\"{part}\" has no '='")))?;
        match k.to_ascii_uppercase().as_str() {
            "FREQ" => freq = Some(v.to_ascii_uppercase()),
            "COUNT" => {
                yearly.count = Some(
                    v.parse::<u32>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or_else(|| refuse(format!("COUNT={v} is not a whole number from 1")))?,
                )
            }
            "UNTIL" => {
                let d = v
                    .get(..8)
                    .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|d| {
                        NaiveDate::from_ymd_opt(
                            d[..4].parse().ok()?,
                            d[4..6].parse().ok()?,
                            d[6..].parse().ok()?,
                        )
                    });
                yearly.until = Some(d.ok_or_else(|| refuse(format!("UNTIL={v} is not a date")))?);
            }
            "INTERVAL" if v == "1" => {}
            "WKST" => {}
            // Checked against DTSTART when the event is finished.
            "BYMONTH" => yearly.by_month = v.parse().ok().or(Some(0)),
            "BYMONTHDAY" => yearly.by_month_day = v.parse().ok().or(Some(0)),
            other => {
                return Err(refuse(format!(
                    "{other} is not one of its parts golive reads"
                )));
            }
        }
    }
    match freq.as_deref() {
        Some("YEARLY") => Ok(yearly),
        Some(f) => Err(refuse(format!(
            "FREQ={f} recurs more often than once a year"
        ))),
        None => Err(refuse("it has no FREQ".into())),
    }
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
    pub(crate) fn year_offsets(&self, last_year: i32) -> std::ops::RangeInclusive<i32> {
        let first = self.start_day().year();
        let Some(y) = &self.yearly else {
            return 0..=0;
        };
        let mut last = last_year - first;
        if let Some(n) = y.count {
            // COUNT counts occurrences, and a February 29 occurs in leap years only.
            let start = self.start_day();
            let nth = (0..=last)
                .filter(|k| start.with_year(first + k).is_some())
                .nth(n as usize - 1);
            last = nth.unwrap_or(last);
        }
        if let Some(u) = y.until {
            last = last.min(
                u.year()
                    - first
                    - i32::from(self.start_day().with_year(u.year()).is_some_and(|d| d > u)),
            );
        }
        // DTSTART is always the first occurrence (RFC 5545 3.8.5.3), whatever UNTIL says.
        0..=last.max(0)
    }

    /// The day the event starts on, in its own terms.
    pub(crate) fn start_day(&self) -> NaiveDate {
        match self.start {
            IcsTime::Date(d) => d,
            IcsTime::Utc(t) => t.date_naive(),
            IcsTime::Zoned(t, _) | IcsTime::Floating(t) => t.date(),
        }
    }

    /// A short description for errors: the summary, or the start.
    pub(crate) fn label(&self) -> String {
        match &self.summary {
            Some(s) => format!("\"{}\"", s.chars().take(60).collect::<String>()),
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
        assert!(err("hello\n").contains("not an iCalendar content line"));
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
        assert_eq!(duration("P1D"), Some(Duration::days(1)));
        assert_eq!(duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(duration("P2W"), Some(Duration::days(14)));
        assert_eq!(duration("P1DT12H"), Some(Duration::hours(36)));
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
        assert_eq!(f.events[0].year_offsets(2200), 0..=1);
        assert_eq!(f.events[1].year_offsets(2200), 0..=1);
    }
}
