//! Freeze windows: the `[[freeze]]` tables of a configuration (docs/rules.md, rule 6), written in TOML or
//! taken from an iCalendar file, and the windows `[start, end)` each makes in a given year.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use toml::Spanned;

use super::Layer;
use super::raw::{RawFreeze, read_relative};
use super::regions::{Region, RegionId};
use crate::config::ReadFile;
use crate::error::{Result, short};
use crate::holidays::YEARS;
use crate::ics::IcsTime;
use crate::source::{Source, toml_value};
use crate::time::{Gap, TypedTime, parse_typed, resolve_local};

/// A window during which nothing deploys (in the regions it applies to).
#[derive(Debug, Clone)]
pub struct Freeze {
    name: String,
    from: Bound,
    until: Bound,
    regions: Option<Vec<RegionId>>,
    yearly: bool,
    /// For a yearly freeze read from an .ics file, its RFC 5545 recurrence; `None` for one
    /// written in TOML.
    ics: Option<IcsRepeat>,
    /// Where its dates were announced.
    source: Option<String>,
}

/// How a yearly event from an .ics file recurs (RFC 5545): never on a day its year lacks (a
/// February 29), always with its own length, and up to its COUNT or UNTIL.
#[derive(Debug, Clone, Copy)]
pub(super) struct IcsRepeat {
    /// The last year it occurs in, as an offset from its first; `None` is forever.
    pub(super) last: Option<i32>,
}

/// One end of a freeze window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A whole day of the schedule zone.
    Date(NaiveDate),
    /// A local date-time in the schedule zone.
    Local(NaiveDateTime),
    /// An instant.
    Instant(DateTime<FixedOffset>),
    /// A local date-time in another zone (from an .ics file's `TZID`), so that a yearly
    /// window keeps its local time across daylight-saving changes.
    Zoned(NaiveDateTime, Tz),
}

impl Bound {
    pub(super) fn to_toml(self) -> toml::Value {
        let text = match self {
            Bound::Date(d) => d.to_string(),
            Bound::Local(t) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
            Bound::Instant(t) => t.to_rfc3339(),
            Bound::Zoned(t, tz) => resolve_local(tz, t, Gap::ShiftForward).to_rfc3339(),
        };
        text.parse::<toml::value::Datetime>()
            .map_or(toml::Value::String(text), toml::Value::Datetime)
    }

    /// The bounds of the window `[start, end)`: whole days of `zone` when it starts and ends
    /// at midnight there, instants otherwise.
    pub(super) fn from_window(
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        zone: Tz,
    ) -> (Bound, Bound) {
        let (s, e) = (start.with_timezone(&zone), end.with_timezone(&zone));
        let midnight = |t: &DateTime<Tz>| t.time() == NaiveTime::MIN;
        match (midnight(&s), midnight(&e), e.date_naive().pred_opt()) {
            (true, true, Some(last)) => (Bound::Date(s.date_naive()), Bound::Date(last)),
            _ => (
                Bound::Instant(start.fixed_offset()),
                Bound::Instant(end.fixed_offset()),
            ),
        }
    }

    /// This bound moved by `years` calendar years (February 29 becomes February 28 in years
    /// that have none, unless `exact`, which gives `None` then).
    fn shifted(self, years: i32, exact: bool) -> Option<Bound> {
        let shift = |d: NaiveDate| {
            let y = d.year().checked_add(years)?;
            d.with_year(y)
                .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28).filter(|_| !exact))
        };
        Some(match self {
            Bound::Date(d) => Bound::Date(shift(d)?),
            Bound::Local(t) => Bound::Local(shift(t.date())?.and_time(t.time())),
            Bound::Instant(t) => {
                let local = t.naive_local();
                let moved = shift(local.date())?.and_time(local.time());
                Bound::Instant(moved.and_local_timezone(*t.offset()).single()?)
            }
            Bound::Zoned(t, tz) => Bound::Zoned(shift(t.date())?.and_time(t.time()), tz),
        })
    }

    /// The instant this bound stands for; `end` says whether it closes a window (a date then
    /// means the end of that day).
    pub(crate) fn instant(self, zone: Tz, end: bool) -> DateTime<Utc> {
        match self {
            Bound::Date(d) => {
                let day = if end { d.succ_opt().unwrap_or(d) } else { d };
                resolve_local(zone, day.and_time(NaiveTime::MIN), Gap::ShiftForward).to_utc()
            }
            Bound::Local(t) => resolve_local(zone, t, Gap::ShiftForward).to_utc(),
            Bound::Instant(t) => t.to_utc(),
            Bound::Zoned(t, tz) => resolve_local(tz, t, Gap::ShiftForward).to_utc(),
        }
    }

    pub(super) fn year(self) -> i32 {
        match self {
            Bound::Date(d) => d.year(),
            Bound::Local(t) | Bound::Zoned(t, _) => t.year(),
            Bound::Instant(t) => t.year(),
        }
    }
}

impl Freeze {
    /// The freeze's name, shown as the reason for every day it blocks.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where it starts: a date (inclusive) or a date-time (inclusive).
    pub fn from(&self) -> Bound {
        self.from
    }

    /// Where it ends: a date (inclusive) or a date-time (exclusive).
    pub fn until(&self) -> Bound {
        self.until
    }

    /// The regions it applies to; `None` is every region.
    pub fn regions(&self) -> Option<&[RegionId]> {
        self.regions.as_deref()
    }

    /// Whether it recurs every year, from the year written on.
    pub fn is_yearly(&self) -> bool {
        self.yearly
    }

    /// Where its dates were announced (the `source` key), if the configuration says.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// A freeze of every region over the whole days `from` to `until`, as the seasonal-freeze
    /// warning adds one to see what a recurring freeze would do.
    pub(crate) fn whole_days(
        name: &str,
        from: NaiveDate,
        until: NaiveDate,
        source: Option<&str>,
    ) -> Freeze {
        Freeze {
            name: name.to_string(),
            from: Bound::Date(from),
            until: Bound::Date(until),
            regions: None,
            yearly: false,
            ics: None,
            source: source.map(str::to_string),
        }
    }

    /// How a yearly freeze read from an .ics file recurs; `None` for one written in TOML.
    pub(super) fn ics_repeat(&self) -> Option<IcsRepeat> {
        self.ics
    }

    /// The half-open windows `[start, end)` of this freeze that may touch the years `years`
    /// (one window, or one per year for a yearly freeze).
    pub fn windows(
        &self,
        zone: Tz,
        years: std::ops::RangeInclusive<i32>,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let first = self.from.year();
        // A window starting the year before may reach into the range.
        let lo = (years.start() - 1 - first).max(0);
        let hi = years.end() - first;
        if let (true, Some(repeat)) = (self.yearly, self.ics) {
            let hi = hi.min(repeat.last.unwrap_or(i32::MAX));
            let length = self.until.instant(zone, true) - self.from.instant(zone, false);
            return (lo..=hi)
                .filter_map(|k| {
                    let from = self.from.shifted(k, true)?;
                    let start = from.instant(zone, false);
                    Some(match (from, self.from, self.until) {
                        // Whole days keep their number of days, whatever DST does.
                        (Bound::Date(f), Bound::Date(f0), Bound::Date(u0)) => {
                            (start, Bound::Date(f + (u0 - f0)).instant(zone, true))
                        }
                        _ => (start, start + length),
                    })
                })
                .collect();
        }
        let window = |k: i32| {
            let from = self.from.shifted(k, false)?;
            let until = self.until.shifted(k, false)?;
            Some((from.instant(zone, false), until.instant(zone, true)))
        };
        if !self.yearly {
            return window(0).into_iter().collect();
        }
        (lo..=hi).filter_map(window).collect()
    }

    /// Whether `every = "year"` repeats this freeze exactly as it is: whole days that never
    /// cover February, whose 28 or 29 days would change its length in days.
    pub(super) fn repeats_like_toml(&self) -> bool {
        let (Bound::Date(from), Bound::Date(until)) = (self.from, self.until) else {
            return false;
        };
        let (a, b) = (from.month(), until.month());
        let covers_february = match (b, until.day()) >= (a, from.day()) {
            true => (a..=b).contains(&2),
            false => a <= 2 || b >= 2,
        };
        !covers_february
    }

    /// Whether this freeze applies to region `region`.
    pub fn applies_to(&self, region: RegionId) -> bool {
        self.regions.as_ref().is_none_or(|r| r.contains(&region))
    }
}

/// Validates one `[[freeze]]` table: a window written in TOML, or the windows of an .ics file.
pub(super) fn validate_freeze(
    raw: Spanned<RawFreeze>,
    layer: &Layer,
    regions: &[Region],
    zone: Tz,
    read: ReadFile<'_>,
) -> Result<Vec<Freeze>> {
    let src = &layer.source;
    let span = raw.span();
    let raw = raw.into_inner();
    if let Some(ics) = &raw.ics {
        let given = [("from", &raw.from), ("until", &raw.until)]
            .into_iter()
            .find_map(|(k, v)| v.as_ref().map(|v| (k, v.span())))
            .or(raw.every.as_ref().map(|e| ("every", e.span())));
        if let Some((key, at)) = given {
            return Err(src.error(
                at,
                format!(
                    "a freeze with ics = \"{}\" takes its windows from the file; remove `{key}` (a yearly window is an RRULE:FREQ=YEARLY in the file)",
                    short(ics.get_ref())
                ),
            ));
        }
        let label = raw
            .name
            .as_ref()
            .map_or_else(|| ics.get_ref().clone(), |n| n.get_ref().trim().to_string());
        let scope = freeze_scope(raw.regions.as_deref(), &label, src, regions)?;
        let source = freeze_source(raw.source.as_ref(), &label, src)?;
        let file = read_relative(ics, layer, read, "freeze calendar")?;
        let fallback = raw.name.as_ref().map(|n| n.get_ref().trim().to_string());
        let freezes = freezes_from_ics(&file, fallback.filter(|n| !n.is_empty()), scope, zone)?;
        if let (Some(raw_source), Some(yearly)) = (&raw.source, freezes.iter().find(|f| f.yearly)) {
            return Err(src.error(
                raw_source.span(),
                format!(
                    "freeze calendar \"{}\" has an event that recurs every year (\"{}\"), so the freeze cannot have a source: {SOURCE_IS_ONE_YEAR}",
                    short(ics.get_ref()),
                    short(yearly.name())
                ),
            ));
        }
        return Ok(freezes
            .into_iter()
            .map(|f| Freeze {
                source: source.clone(),
                ..f
            })
            .collect());
    }
    let Some(raw_name) = &raw.name else {
        return Err(src.error(
            span,
            "a freeze needs a name, from and until, or ics = \"file.ics\" to take its windows from a calendar file",
        ));
    };
    let name = raw_name.get_ref().trim().to_string();
    if name.is_empty() {
        return Err(src.error(raw_name.span(), "a freeze needs a non-empty name"));
    }
    let quoted = short(&name);
    let source = freeze_source(raw.source.as_ref(), &name, src)?;
    let required = |v: &Option<Spanned<toml::Value>>, key: &str| {
        v.clone().ok_or_else(|| {
            src.error(
                span.clone(),
                format!("freeze \"{quoted}\" needs `{key}` (a date or date-time)"),
            )
        })
    };
    let (raw_from, raw_until) = (required(&raw.from, "from")?, required(&raw.until, "until")?);
    let bound = |v: &Spanned<toml::Value>, key: &str| -> Result<Bound> {
        let bad = |what: String| {
            src.error(
                v.span(),
                format!(
                    "freeze \"{quoted}\": {key} = {what} is not a date or date-time; expected e.g. 2026-12-18 or 2026-12-18T09:00:00-08:00"
                ),
            )
        };
        let text = match v.get_ref() {
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::String(s) => s.clone(),
            other => return Err(bad(toml_value(other))),
        };
        match parse_typed(&text, key) {
            Ok(TypedTime::Date(d)) => Ok(Bound::Date(d)),
            Ok(TypedTime::Local(t)) => Ok(Bound::Local(t)),
            Ok(TypedTime::Instant(t)) => Ok(Bound::Instant(t)),
            Err(e) => match e.argument_message() {
                Some(message) => Err(src.error(
                    v.span(),
                    format!(
                        "freeze \"{quoted}\": {key} = {} is not a date or date-time: {message}",
                        toml_value(v.get_ref())
                    ),
                )),
                None => Err(bad(toml_value(v.get_ref()))),
            },
        }
    };
    let from = bound(&raw_from, "from")?;
    let until = bound(&raw_until, "until")?;
    let yearly = match &raw.every {
        None => false,
        Some(e) if e.get_ref() == "year" => true,
        Some(e) => {
            return Err(src.error(
                e.span(),
                format!(
                    "freeze \"{quoted}\": every = \"{}\" is not a recurrence; the only one is \"year\"",
                    short(e.get_ref())
                ),
            ));
        }
    };
    if let (true, Some(raw_source)) = (yearly, &raw.source) {
        return Err(src.error(
            raw_source.span(),
            format!(
                "freeze \"{quoted}\" recurs every year (every = \"year\"), so it cannot have a source: {SOURCE_IS_ONE_YEAR}"
            ),
        ));
    }
    let (start, end) = (from.instant(zone, false), until.instant(zone, true));
    if end <= start {
        // Say which instants local times stand for: one in a DST gap moves forward.
        let shown = |b: &Spanned<toml::Value>, bound: Bound, t: DateTime<Utc>| match bound {
            Bound::Local(_) => format!(
                "{} (read as {})",
                toml_value(b.get_ref()),
                t.with_timezone(&zone).to_rfc3339()
            ),
            _ => toml_value(b.get_ref()),
        };
        return Err(src.error(
            raw_until.span(),
            format!(
                "freeze \"{quoted}\" must end after it starts: from = {}, until = {}",
                shown(&raw_from, from, start),
                shown(&raw_until, until, end),
            ),
        ));
    }
    if yearly && end - start > Duration::days(366) {
        return Err(src.error(
            raw_until.span(),
            format!("freeze \"{quoted}\" recurs every year, so it cannot last longer than a year"),
        ));
    }
    if let Some(why) = freeze_years(start, end, yearly, zone) {
        let at = match start.year() > *YEARS.end() {
            true => raw_from.span(),
            false => raw_until.span(),
        };
        return Err(src.error(at, format!("freeze \"{quoted}\" {why}")));
    }
    let scope = freeze_scope(raw.regions.as_deref(), &name, src, regions)?;
    Ok(vec![Freeze {
        name,
        from,
        until,
        regions: scope,
        yearly,
        ics: None,
        source,
    }])
}

/// Why a recurring freeze takes no `source`.
const SOURCE_IS_ONE_YEAR: &str = "a source names where one freeze's dates were announced, and a recurrence would credit it with years nobody announced; write each announced year as its own [[freeze]] with its source, and leave the recurring one without";

/// A freeze's `source`: a non-empty string, trimmed.
fn freeze_source(
    value: Option<&Spanned<toml::Value>>,
    label: &str,
    src: &Source,
) -> Result<Option<String>> {
    let Some(value) = value else {
        return Ok(None);
    };
    match value.get_ref() {
        toml::Value::String(s) if !s.trim().is_empty() => Ok(Some(s.trim().to_string())),
        toml::Value::String(_) => Err(src.error(
            value.span(),
            format!(
                "freeze \"{}\": source is empty; name where its dates were announced, or remove the key",
                short(label)
            ),
        )),
        other => Err(src.error(
            value.span(),
            format!(
                "freeze \"{}\": source = {} is not a string; expected where its dates were announced, such as \"microsoft/PowerPlatformConnectors PR #924\"",
                short(label),
                toml_value(other)
            ),
        )),
    }
}

/// Why a freeze from `start` to `end` lies outside the years golive's calendars cover, most
/// likely a typo (0227 for 2027) that would otherwise freeze nothing without a word. A
/// yearly freeze may have begun long ago; it must still begin by the last year.
fn freeze_years(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    yearly: bool,
    zone: Tz,
) -> Option<String> {
    let (first, last) = YEARS.into_inner();
    // The years as the schedule zone counts them; the end is exclusive.
    let start = start.with_timezone(&zone);
    let end = (end - Duration::nanoseconds(1)).with_timezone(&zone);
    if start.year() > last {
        return Some(format!(
            "starts in {:04}, after the years golive's calendars cover ({first} to {last})",
            start.year()
        ));
    }
    if end.year() < first && !yearly {
        return Some(format!(
            "ends in {:04}, before the years golive's calendars cover ({first} to {last})",
            end.year()
        ));
    }
    None
}

/// A freeze's `regions` as indices; `None` is every region.
fn freeze_scope(
    list: Option<&[Spanned<String>]>,
    name: &str,
    src: &Source,
    regions: &[Region],
) -> Result<Option<Vec<RegionId>>> {
    let Some(list) = list else {
        return Ok(None);
    };
    list.iter()
        .map(|k| {
            regions
                .iter()
                .find(|r| r.key() == *k.get_ref())
                .map(Region::id)
                .ok_or_else(|| {
                    let keys: Vec<&str> = regions.iter().map(Region::key).collect();
                    src.error(
                    k.span(),
                    format!(
                        "freeze \"{}\" names region \"{}\", which does not exist; regions are {}",
                        short(name),
                        short(k.get_ref()),
                        keys.join(", ")
                    ),
                )
                })
        })
        .collect::<Result<Vec<_>>>()
        .map(Some)
}

/// The freeze windows of an iCalendar file: one per event (all-day events are whole days,
/// timed ones keep their instants), named by the event's summary. A yearly event without an
/// end becomes a yearly freeze; one with COUNT or UNTIL becomes one window per year.
fn freezes_from_ics(
    source: &Source,
    fallback: Option<String>,
    scope: Option<Vec<RegionId>>,
    zone: Tz,
) -> Result<Vec<Freeze>> {
    let file = crate::ics::read(source)?;
    let bound = |t: IcsTime, end: bool| match t {
        IcsTime::Date(d) => Bound::Date(match end {
            true => d.pred_opt().unwrap_or(d),
            false => d,
        }),
        IcsTime::Utc(t) => Bound::Instant(t.fixed_offset()),
        IcsTime::Zoned(l, tz) if tz == zone => Bound::Local(l),
        IcsTime::Zoned(l, tz) => Bound::Zoned(l, tz),
        IcsTime::Floating(l) => Bound::Local(l),
    };
    let mut out = Vec::new();
    for event in &file.events {
        let name = event
            .summary
            .clone()
            .or_else(|| fallback.clone())
            .unwrap_or_else(|| format!("freeze on line {} of {}", event.line, source.name));
        let (from, until) = (bound(event.start, false), bound(event.end, true));
        let (start, end) = (from.instant(zone, false), until.instant(zone, true));
        if end < start {
            return Err(source.error(
                event.end_span.clone(),
                format!(
                    "{} ends ({}) before it starts ({}); swap DTSTART and DTEND",
                    event.label(),
                    end.to_rfc3339(),
                    start.to_rfc3339()
                ),
            ));
        }
        if end == start {
            return Err(source.error(
                event.end_span.clone(),
                format!(
                    "{} ends when it starts, so it freezes nothing; give it a DTEND or DURATION after its DTSTART",
                    event.label()
                ),
            ));
        }
        if let Some(why) = freeze_years(start, end, event.yearly.is_some(), zone) {
            return Err(source.error(event.start_span.clone(), format!("{} {why}", event.label())));
        }
        let freeze = |yearly, ics| Freeze {
            name: name.clone(),
            from,
            until,
            regions: scope.clone(),
            yearly,
            ics,
            source: None,
        };
        let Some(rule) = &event.yearly else {
            out.push(freeze(false, None));
            continue;
        };
        if end - start > Duration::days(366) {
            return Err(source.error(
                event.span.clone(),
                format!(
                    "{} recurs every year, so it cannot last longer than a year",
                    event.label()
                ),
            ));
        }
        let last = (rule.count.is_some() || rule.until.is_some()).then(|| {
            *event
                .year_offsets(*crate::holidays::YEARS.end(), zone)
                .end()
        });
        out.push(freeze(true, Some(IcsRepeat { last })));
    }
    Ok(out)
}
