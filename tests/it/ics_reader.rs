//! A reader of iCalendar files that owes nothing to golive's writer, for the export tests.
//!
//! The file is parsed by the [`calcard`] crate (Stalwart Labs' iCalendar and vCard library,
//! which shares no code or authors with the `icalendar` crate golive writes with), and this
//! module checks the raw format rules itself, line by line, before any parser smooths them
//! over:
//!
//! - the file is UTF-8, every line ends with CRLF (no bare LF or CR anywhere) and no
//!   physical line is longer than 75 octets (CRLF not counted);
//! - the file starts with `BEGIN:VCALENDAR` and ends with `END:VCALENDAR`, every content line
//!   has a name and a colon, every `BEGIN` has its `END` and the file holds one calendar;
//! - the calendar has `VERSION:2.0` and a `PRODID`;
//! - every date, date-time, duration and integer value is one the parser could read (calcard
//!   keeps a value it cannot read as text, and that counts as broken here);
//! - every `VEVENT` has `UID`, `DTSTAMP` and `DTSTART`, each property at most once;
//! - all-day events (`VALUE=DATE`) have a DATE `DTEND` exactly one day after `DTSTART`, except
//!   freezes (UID starting with `freeze-`), whose `DTEND` only has to be after `DTSTART`;
//! - timed events, `DTSTAMP`s and alarms' `DTSTAMP`s are in UTC: the value ends in `Z` and
//!   has no `TZID`; every alarm's `TRIGGER` is a duration.
//!
//! [`read`] answers with the same JSON as `tests/ics_read.py`, the Python reader (`icalendar`
//! from PyPI): `{"version", "prodid", "name", "events": [{"uid", "summary", "description",
//! "dtstart", "dtend", "all_day", "sequence", "dtstamp", "transp", "alarms": [{"trigger",
//! "action", "description"}]}]}`, a date as `YYYY-MM-DD`, a date-time as RFC 3339 in UTC
//! (`YYYY-MM-DDTHH:MM:SSZ`), a trigger in seconds (negative: before the start). When the
//! environment variable `GOLIVE_ICS_PYTHON` names a Python interpreter with that package,
//! [`read_with_python`] runs the Python reader too, so that `tests/it/ics.rs` can require both
//! readers to agree on every export.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use calcard::common::PartialDateTime;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarProperty,
    ICalendarValue,
};
use calcard::{Entry, Parser};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde_json::{Value, json};

use crate::harness::temp_file;

/// The longest physical line RFC 5545 allows, in octets, without its CRLF.
const MAX_OCTETS: usize = 75;

/// The environment variable that names the Python interpreter of the second reader.
pub const PYTHON_VARIABLE: &str = "GOLIVE_ICS_PYTHON";

/// How to give the Python reader its package, for messages.
const VENV: &str = "python3 -m venv /tmp/golive-venv && /tmp/golive-venv/bin/pip install -r \
                    tests/requirements.txt && export GOLIVE_ICS_PYTHON=/tmp/golive-venv/bin/python";

/// Reads the .ics file at `path`: what it holds, or every rule it breaks.
pub fn read_file(path: &Path) -> Result<Value, Vec<String>> {
    let raw = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    read(&raw)
}

/// Reads an iCalendar file's bytes: what it holds, or every rule it breaks.
pub fn read(raw: &[u8]) -> Result<Value, Vec<String>> {
    let mut problems = Vec::new();
    let text = match std::str::from_utf8(raw) {
        Ok(text) => Some(text),
        Err(e) => {
            problems.push(format!("not UTF-8: {e}"));
            None
        }
    };
    let lines = physical_lines(raw, &mut problems);
    if lines.first() != Some(&&b"BEGIN:VCALENDAR"[..]) {
        problems.push(format!(
            "the file does not start with BEGIN:VCALENDAR: {:?}",
            lines.first().map(|l| lossy(l))
        ));
    }
    if lines.last() != Some(&&b"END:VCALENDAR"[..]) {
        problems.push(format!(
            "the file does not end with END:VCALENDAR: {:?}",
            lines.last().map(|l| lossy(l))
        ));
    }
    check_content_lines(&unfold(&lines), &mut problems);

    let calendar = text.and_then(|text| parse(text, &mut problems));
    let result = calendar.map(|calendar| Reading::new(&calendar, &mut problems).into_json());
    match result {
        Some(value) if problems.is_empty() => Ok(value),
        _ => Err(problems),
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The physical lines (without their CRLF), after checking that every one ends with CRLF and
/// is at most 75 octets long.
fn physical_lines<'a>(raw: &'a [u8], problems: &mut Vec<String>) -> Vec<&'a [u8]> {
    if !raw.ends_with(b"\r\n") {
        problems.push("the file does not end with CRLF".into());
    }
    let mut lines = Vec::new();
    let mut rest = raw;
    while !rest.is_empty() {
        let end = rest.windows(2).position(|w| w == b"\r\n");
        let (line, next) = match end {
            Some(end) => (&rest[..end], &rest[end + 2..]),
            None => (rest, &rest[rest.len()..]),
        };
        lines.push(line);
        rest = next;
    }
    for (n, line) in lines.iter().enumerate() {
        if line.contains(&b'\n') || line.contains(&b'\r') {
            let start = &line[..line.len().min(80)];
            problems.push(format!(
                "line {}: a bare LF or CR (lines must end with CRLF): {:?}",
                n + 1,
                lossy(start)
            ));
        }
        if line.len() > MAX_OCTETS {
            problems.push(format!(
                "line {}: {} octets, more than {MAX_OCTETS}: {:?}",
                n + 1,
                line.len(),
                lossy(line)
            ));
        }
    }
    lines
}

/// The logical content lines: a physical line that starts with a space or a tab continues
/// the one before it, without that first character.
fn unfold(lines: &[&[u8]]) -> Vec<Vec<u8>> {
    let mut logical: Vec<Vec<u8>> = Vec::new();
    for line in lines {
        match (line.first(), logical.last_mut()) {
            (Some(b' ' | b'\t'), Some(last)) => last.extend_from_slice(&line[1..]),
            _ => logical.push(line.to_vec()),
        }
    }
    logical
}

/// A content line split into its name, its parameters (each `NAME=VALUE` as written) and its
/// value; `None` when it has no name of letters, digits and dashes followed by `;` or `:`.
fn split_content_line(line: &[u8]) -> Option<(String, Vec<String>, String)> {
    let name_len = line
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    if name_len == 0 {
        return None;
    }
    let (name, rest) = line.split_at(name_len);
    let (params, value) = match rest.first() {
        Some(b':') => (&rest[..0], &rest[1..]),
        Some(b';') => {
            let colon = rest.iter().position(|&b| b == b':')?;
            (&rest[1..colon], &rest[colon + 1..])
        }
        _ => return None,
    };
    let params = lossy(params);
    let mut split = Vec::new();
    let (mut current, mut quoted) = (String::new(), false);
    for c in params.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            ';' if !quoted => split.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    if !params.is_empty() {
        split.push(current);
    }
    Some((lossy(name).to_ascii_uppercase(), split, lossy(value)))
}

/// Components open and close in order, and the dates and date-times of events and alarms are
/// written in UTC (`Z`, no `TZID`) unless they are `VALUE=DATE`.
fn check_content_lines(logical: &[Vec<u8>], problems: &mut Vec<String>) {
    let mut stack: Vec<String> = Vec::new();
    for line in logical {
        let Some((name, params, value)) = split_content_line(line) else {
            let start = &line[..line.len().min(80)];
            problems.push(format!("not a content line: {:?}", lossy(start)));
            continue;
        };
        match name.as_str() {
            "BEGIN" => {
                stack.push(value.to_ascii_uppercase());
                continue;
            }
            "END" => {
                if stack.last() == Some(&value.to_ascii_uppercase()) {
                    stack.pop();
                } else {
                    let open = stack.last().map_or("nothing", String::as_str);
                    problems.push(format!("END:{value} closes {open}"));
                }
                continue;
            }
            _ => {}
        }
        let inside = stack.last().map(String::as_str);
        if !matches!(inside, Some("VEVENT" | "VALARM"))
            || !matches!(name.as_str(), "DTSTART" | "DTEND" | "DTSTAMP")
        {
            continue;
        }
        let place = format!("{} {name}:{value}", inside.unwrap_or_default());
        let param = |wanted: &str| {
            params.iter().find_map(|p| {
                let (n, v) = p.split_once('=').unwrap_or((p, ""));
                n.eq_ignore_ascii_case(wanted).then_some(v)
            })
        };
        if param("TZID").is_some() {
            problems.push(format!("{place}: has a TZID; timed events must be in UTC"));
        }
        let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
        let b = value.as_bytes();
        if param("VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE")) {
            if name == "DTSTAMP" {
                problems.push(format!("{place}: DTSTAMP must be a UTC date-time"));
            } else if !(b.len() == 8 && digits(b)) {
                problems.push(format!("{place}: VALUE=DATE but not a date"));
            }
        } else {
            let utc = b.len() == 16
                && digits(&b[..8])
                && b[8] == b'T'
                && digits(&b[9..15])
                && b[15] == b'Z';
            if !utc {
                problems.push(format!("{place}: a date-time not in UTC (must end in Z)"));
            }
        }
    }
    if !stack.is_empty() {
        problems.push(format!("unclosed components: {stack:?}"));
    }
}

/// calcard's reading of the file, when it finds exactly one VCALENDAR in it.
///
/// The parser is used in its default, lenient mode (its strict mode refuses any nested
/// component); what leniency forgives, the raw checks above and the value checks in
/// [`Reading`] catch.
fn parse(text: &str, problems: &mut Vec<String>) -> Option<ICalendar> {
    let mut parser = Parser::new(text);
    let mut calendars = Vec::new();
    loop {
        match parser.entry() {
            Entry::ICalendar(calendar) => calendars.push(calendar),
            Entry::Eof => break,
            other => {
                problems.push(format!("calcard cannot parse the file: {other:?}"));
                return None;
            }
        }
    }
    if calendars.len() != 1 {
        problems.push(format!("{} calendars in one file", calendars.len()));
        return None;
    }
    let calendar = calendars.pop()?;
    let root = &calendar.components[0].component_type;
    if *root != ICalendarComponentType::VCalendar {
        problems.push(format!(
            "the file holds a {}, not a VCALENDAR",
            root.as_str()
        ));
        return None;
    }
    Some(calendar)
}

/// A DTSTART, DTEND or DTSTAMP as read.
#[derive(Clone, Copy, Debug, PartialEq)]
enum When {
    Date(NaiveDate),
    /// A date-time with an offset (`Z` is +00:00), as the instant it names and that offset.
    Instant(DateTime<Utc>, FixedOffset),
    /// A date-time with neither `Z` nor offset.
    Floating(NaiveDateTime),
}

impl When {
    fn of(value: &PartialDateTime) -> Result<When, String> {
        let (Some(y), Some(m), Some(d)) = (value.year, value.month, value.day) else {
            return Err(format!("{value:?} has no full date"));
        };
        let date = NaiveDate::from_ymd_opt(y.into(), m.into(), d.into())
            .ok_or_else(|| format!("{y:04}-{m:02}-{d:02} is not a date"))?;
        let (Some(h), Some(min), Some(s)) = (value.hour, value.minute, value.second) else {
            if value.hour.is_some() || value.minute.is_some() || value.second.is_some() {
                return Err(format!("{value:?} has a partial time"));
            }
            return Ok(When::Date(date));
        };
        let time = NaiveTime::from_hms_opt(h.into(), min.into(), s.into())
            .ok_or_else(|| format!("{h:02}:{min:02}:{s:02} is not a time"))?;
        let local = date.and_time(time);
        let Some(tz_hour) = value.tz_hour else {
            return Ok(When::Floating(local));
        };
        let seconds = i32::from(tz_hour) * 3600 + i32::from(value.tz_minute.unwrap_or(0)) * 60;
        let offset = FixedOffset::east_opt(if value.tz_minus { -seconds } else { seconds })
            .ok_or_else(|| format!("{value:?} has no valid offset"))?;
        let at = local
            .and_local_timezone(offset)
            .single()
            .ok_or_else(|| format!("{value:?} is not an instant"))?;
        Ok(When::Instant(at.to_utc(), offset))
    }

    fn is_date(&self) -> bool {
        matches!(self, When::Date(_))
    }

    fn is_utc(&self) -> bool {
        matches!(self, When::Instant(_, offset) if offset.local_minus_utc() == 0)
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`, as the Python reader writes them.
    fn iso(&self) -> Result<String, String> {
        match self {
            When::Date(d) => Ok(d.format("%Y-%m-%d").to_string()),
            When::Instant(t, _) => Ok(t.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
            When::Floating(t) => Err(format!("floating date-time {t}")),
        }
    }
}

/// What the readers say of a value for messages: `2026-12-24`, `2026-12-24T17:00:00+00:00`.
fn describe(when: Option<&When>) -> String {
    match when {
        None => "None".into(),
        Some(When::Date(d)) => d.to_string(),
        Some(When::Instant(t, offset)) => t.with_timezone(offset).to_rfc3339(),
        Some(When::Floating(t)) => t.to_string(),
    }
}

/// Which kind of value calcard must have read for a property, when it is not text.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    DateTime,
    Duration,
    Integer,
    Transparency,
}

fn kind(property: &ICalendarProperty) -> Option<Kind> {
    use ICalendarProperty as P;
    match property {
        P::Dtstart
        | P::Dtend
        | P::Dtstamp
        | P::Due
        | P::Completed
        | P::Created
        | P::LastModified
        | P::RecurrenceId
        | P::Exdate
        | P::Rdate => Some(Kind::DateTime),
        P::Duration | P::RefreshInterval => Some(Kind::Duration),
        // A TRIGGER may be a UTC date-time (VALUE=DATE-TIME); events check it is a duration.
        P::Trigger => None,
        P::Sequence | P::Priority | P::Repeat | P::PercentComplete => Some(Kind::Integer),
        P::Transp => Some(Kind::Transparency),
        _ => None,
    }
}

/// The calendar as read, with the problems found in its values.
struct Reading<'c, 'p> {
    calendar: &'c ICalendar,
    problems: &'p mut Vec<String>,
}

impl<'c, 'p> Reading<'c, 'p> {
    fn new(calendar: &'c ICalendar, problems: &'p mut Vec<String>) -> Self {
        let mut reading = Reading { calendar, problems };
        reading.check_values();
        reading
    }

    fn problem(&mut self, message: String) {
        self.problems.push(message);
    }

    /// Every value of a date, duration, integer or TRANSP property is one calcard could read.
    fn check_values(&mut self) {
        let calendar = self.calendar;
        for component in &calendar.components {
            for entry in &component.entries {
                let Some(kind) = kind(&entry.name) else {
                    continue;
                };
                let place = format!(
                    "{} {}",
                    component.component_type.as_str(),
                    entry.name.as_str()
                );
                if entry.values.is_empty() {
                    self.problem(format!("{place}: no value"));
                }
                for value in &entry.values {
                    let read = match (kind, value) {
                        (Kind::DateTime, ICalendarValue::PartialDateTime(dt)) => {
                            When::of(dt).map(|_| ())
                        }
                        (Kind::Duration, ICalendarValue::Duration(_))
                        | (Kind::Integer, ICalendarValue::Integer(_))
                        | (Kind::Transparency, ICalendarValue::Transparency(_)) => Ok(()),
                        (_, other) => Err(format!("cannot read {other:?}")),
                    };
                    if let Err(e) = read {
                        self.problem(format!("{place}: {e}"));
                    }
                }
            }
        }
    }

    /// The one entry of `component` named `property`, if any (a second one is a problem).
    fn entry(
        &mut self,
        component: &'c ICalendarComponent,
        property: &ICalendarProperty,
    ) -> Option<&'c ICalendarEntry> {
        let mut entries = component.entries.iter().filter(|e| &e.name == property);
        let first = entries.next();
        let more = entries.count();
        if more > 0 {
            self.problem(format!(
                "{} {}: appears {} times",
                component.component_type.as_str(),
                property.as_str(),
                more + 1
            ));
        }
        first
    }

    /// A property's value as text (unescaped), `None` when the component lacks it.
    fn text(
        &mut self,
        component: &'c ICalendarComponent,
        property: &ICalendarProperty,
    ) -> Option<String> {
        let entry = self.entry(component, property)?;
        let parts: Vec<String> = entry
            .values
            .iter()
            .map(|v| v.clone().into_text().unwrap_or_default().into_owned())
            .collect();
        if parts.len() > 1 && !matches!(property, ICalendarProperty::Other(_)) {
            self.problem(format!(
                "{} {}: {} values where one is allowed",
                component.component_type.as_str(),
                property.as_str(),
                parts.len()
            ));
        }
        // calcard splits an unknown (X-) property's value at unescaped semicolons.
        Some(parts.join(";"))
    }

    /// A date or date-time property, `Ok(None)` when the component lacks it.
    fn when(
        &mut self,
        component: &'c ICalendarComponent,
        property: &ICalendarProperty,
    ) -> Result<Option<When>, String> {
        let Some(entry) = self.entry(component, property) else {
            return Ok(None);
        };
        match entry.values.as_slice() {
            [ICalendarValue::PartialDateTime(dt)] => When::of(dt).map(Some),
            other => Err(format!("{} is {other:?}", property.as_str())),
        }
    }

    /// The components below `component`, depth first, as Python's `walk` visits them.
    fn descendants(&self, component: &'c ICalendarComponent) -> Vec<&'c ICalendarComponent> {
        let mut found = Vec::new();
        for id in &component.component_ids {
            if let Some(child) = self.calendar.component_by_id(*id) {
                found.push(child);
                found.extend(self.descendants(child));
            }
        }
        found
    }

    fn into_json(mut self) -> Value {
        let calendar = self.calendar;
        let root = &calendar.components[0];
        let version = self.text(root, &ICalendarProperty::Version);
        if version.as_deref() != Some("2.0") {
            self.problem(format!("VERSION is {version:?}, not 2.0"));
        }
        let prodid = self.text(root, &ICalendarProperty::Prodid);
        if prodid.as_deref().is_none_or(str::is_empty) {
            self.problem("no PRODID".into());
        }
        let name = self
            .text(root, &ICalendarProperty::Other("X-WR-CALNAME".into()))
            .filter(|n| !n.is_empty())
            .or_else(|| self.text(root, &ICalendarProperty::Name));
        let mut events = Vec::new();
        for component in std::iter::once(root).chain(self.descendants(root)) {
            if component.component_type == ICalendarComponentType::VEvent
                && let Some(event) = self.event(component)
            {
                events.push(event);
            }
        }
        json!({"version": version, "prodid": prodid, "name": name, "events": events})
    }

    /// One VEVENT as JSON, after checking its dates; `None` when they cannot be read.
    fn event(&mut self, ev: &'c ICalendarComponent) -> Option<Value> {
        let uid = self.text(ev, &ICalendarProperty::Uid);
        let id = uid.clone().unwrap_or_else(|| "None".into());
        for required in [
            ICalendarProperty::Uid,
            ICalendarProperty::Dtstamp,
            ICalendarProperty::Dtstart,
        ] {
            if !ev.has_property(&required) {
                self.problem(format!("VEVENT {id}: no {}", required.as_str()));
            }
        }
        let dates = (|| {
            Ok::<_, String>((
                self.when(ev, &ICalendarProperty::Dtstart)?,
                self.when(ev, &ICalendarProperty::Dtend)?,
                self.when(ev, &ICalendarProperty::Dtstamp)?,
            ))
        })();
        let (start, end, stamp) = match dates {
            Ok((Some(start), end, stamp)) => (start, end, stamp),
            Ok((None, ..)) => return None,
            Err(e) => {
                self.problem(format!("VEVENT {id}: cannot decode its dates: {e}"));
                return None;
            }
        };
        let all_day = start.is_date();
        if all_day {
            match (start, end) {
                (When::Date(first), Some(When::Date(after))) => {
                    if id.starts_with("freeze-") {
                        if after <= first {
                            self.problem(format!(
                                "VEVENT {id}: DTEND {after} is not after DTSTART {first}"
                            ));
                        }
                    } else if after != first + Duration::days(1) {
                        self.problem(format!(
                            "VEVENT {id}: DTEND {after} is not one day after DTSTART {first}"
                        ));
                    }
                }
                _ => self.problem(format!(
                    "VEVENT {id}: an all-day event needs a DATE DTEND, got {}",
                    describe(end.as_ref())
                )),
            }
        } else {
            for (name, value) in [("DTSTART", Some(start)), ("DTEND", end)] {
                if let Some(v) = value
                    && !v.is_date()
                    && !v.is_utc()
                {
                    self.problem(format!(
                        "VEVENT {id}: {name} {} is not UTC",
                        describe(Some(&v))
                    ));
                }
            }
            if let Some(When::Date(d)) = end {
                self.problem(format!("VEVENT {id}: a timed event with a DATE DTEND {d}"));
            }
        }
        let alarms = self.alarms(ev, &id);
        let sequence = match self.entry(ev, &ICalendarProperty::Sequence) {
            None => None,
            Some(entry) => match entry.values.as_slice() {
                [ICalendarValue::Integer(n)] => Some(*n),
                other => {
                    self.problem(format!("VEVENT {id}: SEQUENCE is {other:?}"));
                    None
                }
            },
        };
        let dates = (|| {
            Ok::<_, String>((
                start.iso()?,
                end.map(|e| e.iso()).transpose()?,
                stamp.map(|s| s.iso()).transpose()?,
            ))
        })();
        let (dtstart, dtend, dtstamp) = match dates {
            Ok(dates) => dates,
            Err(e) => {
                self.problem(format!("VEVENT {id}: {e}"));
                return None;
            }
        };
        Some(json!({
            "uid": uid,
            "summary": self.text(ev, &ICalendarProperty::Summary),
            "description": self.text(ev, &ICalendarProperty::Description),
            "dtstart": dtstart,
            "dtend": dtend,
            "all_day": all_day,
            "sequence": sequence,
            "dtstamp": dtstamp,
            "transp": self.text(ev, &ICalendarProperty::Transp),
            "alarms": alarms,
        }))
    }

    /// The event's alarms: trigger (seconds, a duration), action and description.
    fn alarms(&mut self, ev: &'c ICalendarComponent, id: &str) -> Vec<Value> {
        let mut alarms = Vec::new();
        for alarm in self.descendants(ev) {
            if alarm.component_type != ICalendarComponentType::VAlarm {
                continue;
            }
            let trigger = self.entry(alarm, &ICalendarProperty::Trigger);
            let seconds = match trigger.map(|t| t.values.as_slice()) {
                Some([ICalendarValue::Duration(d)]) => {
                    let magnitude = i64::from(d.weeks) * 7 * 86_400
                        + i64::from(d.days) * 86_400
                        + i64::from(d.hours) * 3_600
                        + i64::from(d.minutes) * 60
                        + i64::from(d.seconds);
                    if d.neg { -magnitude } else { magnitude }
                }
                other => {
                    self.problem(format!(
                        "VEVENT {id}: an alarm's TRIGGER is not a duration: {other:?}"
                    ));
                    continue;
                }
            };
            alarms.push(json!({
                "trigger": seconds,
                "action": self.text(alarm, &ICalendarProperty::Action),
                "description": self.text(alarm, &ICalendarProperty::Description),
            }));
        }
        alarms
    }
}

/// The Python interpreter `GOLIVE_ICS_PYTHON` names, if it is set and not empty.
pub fn python() -> Option<OsString> {
    std::env::var_os(PYTHON_VARIABLE).filter(|p| !p.is_empty())
}

/// Reads the .ics file at `path` with `tests/ics_read.py` run by `python`: its JSON, or its
/// complaint when it finds the file broken (exit 1). Panics when the reader cannot run.
pub fn read_with_python(python: &OsString, path: &Path) -> Result<Value, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ics_read.py");
    let out = Command::new(python)
        .arg(&script)
        .arg(path)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{PYTHON_VARIABLE}={} cannot run ({e}). It names the Python interpreter of the \
                 second iCalendar reader; unset it to use the Rust reader alone, or make one: \
                 {VENV}",
                python.to_string_lossy()
            )
        });
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    match out.status.code() {
        Some(0) => Ok(serde_json::from_slice(&out.stdout).expect("ics_read.py prints JSON")),
        Some(1) => Err(stderr),
        Some(3) => panic!(
            "{PYTHON_VARIABLE}={} has no icalendar package: {VENV}\n{stderr}",
            python.to_string_lossy()
        ),
        code => panic!(
            "tests/ics_read.py failed on {} (exit {code:?}):\n{stderr}",
            path.display()
        ),
    }
}

/// Where two readings first differ (`events[3].dtend: "2026-12-25" vs "2026-12-26"`).
fn first_difference(path: &str, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| {
                let (u, v) = (x.get(k), y.get(k));
                match (u, v) {
                    (Some(u), Some(v)) => first_difference(&format!("{path}.{k}"), u, v),
                    _ => Some(format!("{path}.{k}: {u:?} vs {v:?}")),
                }
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (u, v))| first_difference(&format!("{path}[{i}]"), u, v)),
        (Value::Array(x), Value::Array(y)) => {
            Some(format!("{path}: {} items vs {} items", x.len(), y.len()))
        }
        _ => (a != b).then(|| format!("{path}: {a} vs {b}")),
    }
}

/// Reads the .ics file at `path` with the Rust reader and, when `GOLIVE_ICS_PYTHON` is set,
/// with the Python reader too, and asserts that it is valid and that both read the same.
pub fn read_checked(path: &Path) -> Value {
    let rust = read_file(path);
    let shown = path.display();
    let Some(python) = python() else {
        return rust.unwrap_or_else(|problems| {
            panic!(
                "{shown} breaks the iCalendar format (Rust reader):\n  {}",
                problems.join("\n  ")
            )
        });
    };
    match (rust, read_with_python(&python, path)) {
        (Ok(rust), Ok(py)) => {
            if let Some(difference) = first_difference("", &rust, &py) {
                panic!(
                    "the Rust and Python readers disagree on {shown} (Rust vs Python) at \
                     {difference}"
                );
            }
            rust
        }
        (Ok(_), Err(py)) => panic!("the Rust reader accepts {shown}, the Python reader not:\n{py}"),
        (Err(rust), Ok(_)) => panic!(
            "the Python reader accepts {shown}, the Rust reader not:\n  {}",
            rust.join("\n  ")
        ),
        (Err(rust), Err(py)) => panic!(
            "{shown} breaks the iCalendar format. Rust reader:\n  {}\nPython reader:\n{py}",
            rust.join("\n  ")
        ),
    }
}

/// A valid calendar with an all-day event, a timed event with an alarm and a freeze, written
/// by hand: folded after a space, inside an escape, between multibyte characters and with a
/// tab, so that what the readers get back is known without golive.
const HAND_WRITTEN: &str = "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:-//hand//written//EN\r\n\
X-WR-CALNAME:Hand\\, written\\; \\\\ calendar\r\n\
BEGIN:VEVENT\r\n\
UID:day-1@test\r\n\
DTSTAMP:20261201T120000Z\r\n\
DTSTART;VALUE=DATE:20261224\r\n\
DTEND;VALUE=DATE:20261225\r\n\
SEQUENCE:3\r\n\
SUMMARY:Contoso\\, Ltd\\; \r\n \u{00dc}berwachung \\\\ \u{65e5}\u{672c}\r\n \u{8a9e} \u{1f680}\r\n\
DESCRIPTION:First line\\nsecond\\Nthird\\\r\n ,fourth\r\n\tfifth\r\n\
TRANSP:TRANSPARENT\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:timed-1@test\r\n\
DTSTAMP:20261201T120000Z\r\n\
DTSTART:20261224T170000Z\r\n\
DTEND:20261224T170000Z\r\n\
SUMMARY:Cutoff\r\n\
BEGIN:VALARM\r\n\
ACTION:DISPLAY\r\n\
DESCRIPTION:In a day\r\n\
TRIGGER:-P1DT2H3M4S\r\n\
END:VALARM\r\n\
BEGIN:VALARM\r\n\
ACTION:DISPLAY\r\n\
TRIGGER;RELATED=START:PT30S\r\n\
END:VALARM\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:freeze-1@test\r\n\
DTSTAMP:20261201T120000Z\r\n\
DTSTART;VALUE=DATE:20261221\r\n\
DTEND;VALUE=DATE:20270102\r\n\
SUMMARY:Freeze: Year-end\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n";

/// What both readers must read in [`HAND_WRITTEN`].
fn hand_written_reading() -> Value {
    json!({
        "version": "2.0",
        "prodid": "-//hand//written//EN",
        "name": "Hand, written; \\ calendar",
        "events": [
            {
                "uid": "day-1@test",
                "summary": "Contoso, Ltd; \u{00dc}berwachung \\ \u{65e5}\u{672c}\u{8a9e} \u{1f680}",
                "description": "First line\nsecond\nthird,fourthfifth",
                "dtstart": "2026-12-24",
                "dtend": "2026-12-25",
                "all_day": true,
                "sequence": 3,
                "dtstamp": "2026-12-01T12:00:00Z",
                "transp": "TRANSPARENT",
                "alarms": [],
            },
            {
                "uid": "timed-1@test",
                "summary": "Cutoff",
                "description": null,
                "dtstart": "2026-12-24T17:00:00Z",
                "dtend": "2026-12-24T17:00:00Z",
                "all_day": false,
                "sequence": null,
                "dtstamp": "2026-12-01T12:00:00Z",
                "transp": null,
                "alarms": [
                    {"trigger": -(86_400 + 2 * 3_600 + 3 * 60 + 4), "action": "DISPLAY",
                     "description": "In a day"},
                    {"trigger": 30, "action": "DISPLAY", "description": null},
                ],
            },
            {
                "uid": "freeze-1@test",
                "summary": "Freeze: Year-end",
                "description": null,
                "dtstart": "2026-12-21",
                "dtend": "2027-01-02",
                "all_day": true,
                "sequence": null,
                "dtstamp": "2026-12-01T12:00:00Z",
                "transp": null,
                "alarms": [],
            },
        ],
    })
}

/// Both readers (the Python one when `GOLIVE_ICS_PYTHON` is set) read a hand-written
/// calendar exactly: folds anywhere between characters, escapes, durations, alarms.
#[test]
fn readers_read_a_hand_written_calendar_exactly() {
    let path = temp_file("hand.ics", HAND_WRITTEN);
    for line in HAND_WRITTEN.split("\r\n") {
        assert!(line.len() <= MAX_OCTETS, "{line}");
    }
    assert_eq!(
        read_file(&path),
        Ok(hand_written_reading()),
        "the Rust reader"
    );
    assert_eq!(read_checked(&path), hand_written_reading());
}

/// Both readers reject every kind of broken file, each for its own reason.
#[test]
fn readers_reject_broken_calendars() {
    let valid = HAND_WRITTEN;
    let replace = |from: &str, to: &str| {
        assert!(valid.contains(from), "{from:?}");
        valid.replacen(from, to, 1).into_bytes()
    };
    let long = format!(
        "SUMMARY:{}\r\n",
        "x".repeat(MAX_OCTETS + 1 - "SUMMARY:".len())
    );
    let mut latin1 = valid.as_bytes().to_vec();
    let at = valid.find("Cutoff").unwrap();
    latin1.insert(at, 0xff);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "LF line ends",
            valid.replace("\r\n", "\n").into_bytes(),
            "bare LF or CR",
        ),
        (
            "a bare CR",
            replace("SUMMARY:Cutoff", "SUMMARY:Cut\roff"),
            "bare LF or CR",
        ),
        (
            "no final CRLF",
            valid.trim_end().into(),
            "does not end with CRLF",
        ),
        (
            "a 76-octet line",
            replace("SUMMARY:Cutoff\r\n", &long),
            "76 octets",
        ),
        ("not UTF-8", latin1, "not UTF-8"),
        (
            "a leading blank line",
            format!("\r\n{valid}").into_bytes(),
            "does not start with BEGIN:VCALENDAR",
        ),
        (
            "no END:VCALENDAR",
            replace("END:VCALENDAR\r\n", ""),
            "does not end with END:VCALENDAR",
        ),
        (
            "two calendars",
            format!("{valid}{valid}").into_bytes(),
            "2 calendars in one file",
        ),
        (
            "VERSION 1.0",
            replace("VERSION:2.0", "VERSION:1.0"),
            "VERSION is",
        ),
        (
            "no PRODID",
            replace("PRODID:-//hand//written//EN\r\n", ""),
            "no PRODID",
        ),
        ("no UID", replace("UID:timed-1@test\r\n", ""), "no UID"),
        (
            "no DTSTAMP",
            replace(
                "UID:timed-1@test\r\nDTSTAMP:20261201T120000Z\r\n",
                "UID:timed-1@test\r\n",
            ),
            "no DTSTAMP",
        ),
        (
            "no DTSTART",
            replace("DTSTART:20261224T170000Z\r\n", ""),
            "no DTSTART",
        ),
        (
            "a TZID",
            replace(
                "DTSTART:20261224T170000Z",
                "DTSTART;TZID=Europe/Paris:20261224T170000",
            ),
            "has a TZID",
        ),
        (
            "a floating DTSTART",
            replace("DTSTART:20261224T170000Z", "DTSTART:20261224T170000"),
            "not in UTC",
        ),
        (
            "a two-day event",
            replace("DTEND;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261226"),
            "not one day after",
        ),
        (
            "a freeze ending on its first day",
            replace("DTEND;VALUE=DATE:20270102", "DTEND;VALUE=DATE:20261221"),
            "is not after",
        ),
        (
            "an all-day event without DTEND",
            replace("DTEND;VALUE=DATE:20261225\r\n", ""),
            "needs a DATE DTEND",
        ),
        (
            "a timed event with a DATE DTEND",
            replace("DTEND:20261224T170000Z", "DTEND;VALUE=DATE:20261225"),
            "a timed event with a DATE DTEND",
        ),
        (
            "a DATE DTSTAMP",
            replace("DTSTAMP:20261201T120000Z", "DTSTAMP;VALUE=DATE:20261201"),
            "DTSTAMP must be a UTC date-time",
        ),
        (
            "an impossible date",
            replace("DTSTART;VALUE=DATE:20261224", "DTSTART;VALUE=DATE:20261324"),
            "is not a date",
        ),
        (
            "a SEQUENCE that is not a number",
            replace("SEQUENCE:3", "SEQUENCE:three"),
            "SEQUENCE",
        ),
        (
            "an absolute TRIGGER",
            replace(
                "TRIGGER:-P1DT2H3M4S",
                "TRIGGER;VALUE=DATE-TIME:20261223T170000Z",
            ),
            "TRIGGER is not a duration",
        ),
        (
            "an END that closes the wrong component",
            replace("END:VALARM\r\nEND:VEVENT", "END:VEVENT\r\nEND:VEVENT"),
            "END:VEVENT closes VALARM",
        ),
        (
            "a line that is not a content line",
            replace("SUMMARY:Cutoff", "SUMMARY Cutoff"),
            "not a content line",
        ),
    ];
    let python = python();
    for (what, bytes, expected) in cases {
        let path = temp_file("broken.ics", "");
        std::fs::write(&path, &bytes).unwrap();
        let problems = read_file(&path).expect_err(what);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{what}: no {expected:?} in {problems:#?}"
        );
        if let Some(python) = &python {
            let verdict = read_with_python(python, &path);
            assert!(
                verdict.is_err(),
                "{what}: the Python reader accepts it: {verdict:?}"
            );
        }
    }
}
