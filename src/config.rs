//! The configuration: the embedded default (`config/default.toml`) with user files layered
//! over it, validated into [`Config`].
//!
//! Layering is by top-level key: a key a later layer names replaces the earlier value whole
//! (SPEC "Configuration keys"). Every value keeps the file and span it came from until it is
//! validated, so that every error points at `file:line:column`.

use std::path::{Path, PathBuf};

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday,
};
use chrono_tz::Tz;
use petgraph::graph::DiGraph;
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Result, short};
use crate::holidays::{BUILT_IN, HolidayCalendar, YEARS};
use crate::source::{Source, toml_value};
use crate::time::{Gap, Typed, parse_hh_mm, parse_typed, resolve_local};
use crate::weekday::{WEEKDAY_HELP, parse_weekday, weekday_name};

/// The default configuration's text, embedded in the binary.
pub const DEFAULT_CONFIG: &str = include_str!("../config/default.toml");

/// The most regions a configuration may have (region scopes are kept as 64-bit masks).
pub const MAX_REGIONS: usize = 64;

/// The validated configuration every computation runs on.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// The schedule zone: weekends, holidays and day-based freezes are days of this zone.
    pub timezone: Tz,
    /// The local time of every deployment step.
    pub deploy_time: NaiveTime,
    /// The weekday of every nominal train start.
    pub start_weekday: Weekday,
    /// How long before the nominal start a connector must be ready (elapsed time).
    pub cutoff: Duration,
    /// What happens to a train whose nominal start day is blocked.
    pub blocked_start: BlockedStart,
    /// Days of the week on which nothing deploys.
    pub weekend: Vec<Weekday>,
    /// The holiday calendars in force.
    pub calendars: Vec<HolidayCalendar>,
    /// How far past readiness an answer is searched for.
    pub horizon_years: u32,
    /// How many connectors one train takes at most; `None` is unlimited.
    pub max_per_train: Option<u32>,
    /// The regions, in the order the configuration lists them.
    pub regions: Vec<Region>,
    /// The freeze windows.
    pub freezes: Vec<Freeze>,
    /// Region indices in an order where every region comes after its predecessors.
    order: Vec<usize>,
}

/// What happens to a train whose nominal start day is not a deploy day for the first region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockedStart {
    /// The train leaves on the first deploy day after (the default).
    NextDeployDay,
    /// The train is cancelled; its passengers take the next train that is not.
    Skip,
}

/// One region of the rollout.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Region {
    /// Short identifier, such as `europe`.
    pub key: String,
    /// Display name, such as `Europe (except UK)`.
    pub name: String,
    /// Countries and areas the region serves, so that `--where Japan` finds it.
    pub members: Vec<String>,
    /// A representative time zone for showing local deploy times.
    pub timezone: Tz,
    /// Indices of the regions this one waits for.
    pub after: Vec<usize>,
}

/// A window during which nothing deploys (in the regions it applies to).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Freeze {
    /// The freeze's name, shown as the reason for every day it blocks.
    pub name: String,
    /// Where it starts: a date (inclusive) or a date-time (inclusive).
    pub from: Bound,
    /// Where it ends: a date (inclusive) or a date-time (exclusive).
    pub until: Bound,
    /// The regions it applies to (indices); `None` is every region.
    pub regions: Option<Vec<usize>>,
    /// Whether it recurs every year, from the year written on.
    pub yearly: bool,
    /// For a yearly freeze read from an .ics file, its RFC 5545 recurrence; `None` for one
    /// written in TOML.
    ics: Option<IcsRepeat>,
}

/// How a yearly event from an .ics file recurs (RFC 5545): never on a day its year lacks (a
/// February 29), always with its own length, and up to its COUNT or UNTIL.
#[derive(Debug, Clone, Copy)]
struct IcsRepeat {
    /// The last year it occurs in, as an offset from its first; `None` is forever.
    last: Option<i32>,
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

/// One layer of configuration: a file's text and the folder relative calendar paths in it are
/// read from.
#[derive(Debug, Clone)]
pub struct Layer {
    /// The file's name and text.
    pub source: Source,
    /// The folder that relative paths in it are relative to.
    pub dir: Option<PathBuf>,
}

impl Layer {
    /// The embedded default configuration.
    pub fn embedded_default() -> Layer {
        Layer {
            source: Source::new("config/default.toml", DEFAULT_CONFIG),
            dir: None,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    timezone: Option<Spanned<String>>,
    deploy_time: Option<Spanned<toml::Value>>,
    start_weekday: Option<Spanned<String>>,
    cutoff_hours: Option<Spanned<i64>>,
    blocked_start: Option<Spanned<String>>,
    weekend: Option<Spanned<Vec<Spanned<String>>>>,
    calendars: Option<Spanned<Vec<Spanned<String>>>>,
    horizon_years: Option<Spanned<i64>>,
    max_per_train: Option<Spanned<toml::Value>>,
    region: Option<Spanned<Vec<RawRegion>>>,
    freeze: Option<Spanned<Vec<Spanned<RawFreeze>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    key: Spanned<String>,
    name: Option<String>,
    #[serde(default)]
    members: Vec<Spanned<String>>,
    timezone: Option<Spanned<String>>,
    after: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFreeze {
    name: Option<Spanned<String>>,
    from: Option<Spanned<toml::Value>>,
    until: Option<Spanned<toml::Value>>,
    regions: Option<Vec<Spanned<String>>>,
    every: Option<Spanned<String>>,
    /// An iCalendar file whose events are the windows.
    ics: Option<Spanned<String>>,
}

/// A value together with the layer it came from.
struct From<'a, T> {
    value: T,
    layer: &'a Layer,
}

/// The layers merged key by key, values not yet validated.
#[derive(Default)]
struct Merged<'a> {
    timezone: Option<From<'a, Spanned<String>>>,
    deploy_time: Option<From<'a, Spanned<toml::Value>>>,
    start_weekday: Option<From<'a, Spanned<String>>>,
    cutoff_hours: Option<From<'a, Spanned<i64>>>,
    blocked_start: Option<From<'a, Spanned<String>>>,
    weekend: Option<From<'a, Spanned<Vec<Spanned<String>>>>>,
    calendars: Option<From<'a, Spanned<Vec<Spanned<String>>>>>,
    horizon_years: Option<From<'a, Spanned<i64>>>,
    max_per_train: Option<From<'a, Spanned<toml::Value>>>,
    region: Option<From<'a, Spanned<Vec<RawRegion>>>>,
    freeze: Option<From<'a, Spanned<Vec<Spanned<RawFreeze>>>>>,
}

macro_rules! merge_keys {
    ($merged:ident, $raw:ident, $layer:ident: $($key:ident),*) => {
        $( if let Some(value) = $raw.$key { $merged.$key = Some(From { value, layer: $layer }); } )*
    };
}

/// Reads a file a configuration refers to (a calendar). The CLI passes `std::fs::read`.
pub type ReadFile<'a> = &'a dyn Fn(&Path) -> std::io::Result<Vec<u8>>;

impl Config {
    /// The embedded default configuration, validated.
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::embedded()?;
    /// assert_eq!(config.regions.len(), 6);
    /// assert_eq!(config.regions[0].key, "testing");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn embedded() -> Result<Config> {
        Config::load(&[], &|p: &Path| {
            Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{} is not a built-in calendar", p.display()),
            ))
        })
    }

    /// The embedded default with `layers` laid over it in order, validated. Calendar files
    /// named by path are read with `read`.
    pub fn load(layers: &[Layer], read: ReadFile<'_>) -> Result<Config> {
        let default = Layer::embedded_default();
        let mut merged = Merged::default();
        for layer in std::iter::once(&default).chain(layers) {
            let raw: RawConfig = layer.source.parse_toml()?;
            merge_keys!(merged, raw, layer: timezone, deploy_time, start_weekday, cutoff_hours,
                blocked_start, weekend, calendars, horizon_years, max_per_train, region, freeze);
        }
        validate(merged, read)
    }

    /// Every holiday of every calendar from `first` through `last`, with the name of the
    /// calendar it comes from, sorted by date, then calendar.
    pub fn holidays(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Vec<(String, crate::holidays::HolidayDate)> {
        let mut days: Vec<_> = self
            .calendars
            .iter()
            .flat_map(|c| {
                c.dates(first, last)
                    .into_iter()
                    .map(|d| (c.name.clone(), d))
            })
            .collect();
        days.sort_by(|a, b| (a.1.date, &a.0).cmp(&(b.1.date, &b.0)));
        days
    }

    /// Region indices in rollout order: every region after all of its predecessors.
    pub fn rollout_order(&self) -> &[usize] {
        &self.order
    }

    /// The first region (the only one with no predecessor).
    pub fn first_region(&self) -> usize {
        self.order[0]
    }

    /// Finds a region by its key, its name or one of its members (case-insensitive).
    pub fn find_region(&self, query: &str) -> Option<usize> {
        let q = query.trim();
        let eq = |s: &str| s.trim().eq_ignore_ascii_case(q);
        // A key wins over a name, a name over a member.
        let by = |f: &dyn Fn(&Region) -> bool| self.regions.iter().position(f);
        by(&|r| eq(&r.key))
            .or_else(|| by(&|r| eq(&r.name)))
            .or_else(|| by(&|r| r.members.iter().any(|m| eq(m))))
    }

    /// The configuration as TOML, in the same form as `config/default.toml`.
    pub fn to_toml(&self) -> String {
        use toml::{Table, Value};
        let strings = |v: &[String]| Value::Array(v.iter().cloned().map(Value::String).collect());
        let keys = |idx: &[usize]| {
            strings(
                &idx.iter()
                    .map(|&i| self.regions[i].key.clone())
                    .collect::<Vec<_>>(),
            )
        };
        let mut t = Table::new();
        t.insert(
            "timezone".into(),
            Value::String(self.timezone.name().into()),
        );
        t.insert(
            "deploy_time".into(),
            Value::String(self.deploy_time.format("%H:%M").to_string()),
        );
        t.insert(
            "start_weekday".into(),
            Value::String(weekday_name(self.start_weekday).into()),
        );
        t.insert(
            "cutoff_hours".into(),
            Value::Integer(self.cutoff.num_hours()),
        );
        t.insert(
            "blocked_start".into(),
            Value::String(
                match self.blocked_start {
                    BlockedStart::NextDeployDay => "next-deploy-day",
                    BlockedStart::Skip => "skip",
                }
                .into(),
            ),
        );
        t.insert(
            "weekend".into(),
            strings(
                &self
                    .weekend
                    .iter()
                    .map(|d| weekday_name(*d).to_string())
                    .collect::<Vec<_>>(),
            ),
        );
        t.insert(
            "calendars".into(),
            strings(
                &self
                    .calendars
                    .iter()
                    .map(|c| c.name.clone())
                    .collect::<Vec<_>>(),
            ),
        );
        t.insert(
            "horizon_years".into(),
            Value::Integer(i64::from(self.horizon_years)),
        );
        t.insert(
            "max_per_train".into(),
            match self.max_per_train {
                Some(n) => Value::Integer(i64::from(n)),
                None => Value::String("unlimited".into()),
            },
        );
        let regions = self
            .regions
            .iter()
            .map(|r| {
                let mut rt = Table::new();
                rt.insert("key".into(), Value::String(r.key.clone()));
                rt.insert("name".into(), Value::String(r.name.clone()));
                rt.insert("members".into(), strings(&r.members));
                rt.insert("timezone".into(), Value::String(r.timezone.name().into()));
                rt.insert("after".into(), keys(&r.after));
                Value::Table(rt)
            })
            .collect();
        t.insert("region".into(), Value::Array(regions));
        let freeze_table = |f: &Freeze, from: Bound, until: Bound, yearly: bool| {
            let mut ft = Table::new();
            ft.insert("name".into(), Value::String(f.name.clone()));
            ft.insert("from".into(), from.to_toml());
            ft.insert("until".into(), until.to_toml());
            if let Some(r) = &f.regions {
                ft.insert("regions".into(), keys(r));
            }
            if yearly {
                ft.insert("every".into(), Value::String("year".into()));
            }
            Value::Table(ft)
        };
        let zone = self.timezone;
        let freezes: Vec<Value> = self
            .freezes
            .iter()
            .flat_map(|f| match f.ics {
                // A yearly .ics event that `every = "year"` would not repeat the same way
                // (it ends, it spans February, it has times of day) is written as the
                // windows it makes, one freeze per year within the supported years.
                Some(repeat) if f.yearly && (repeat.last.is_some() || !f.repeats_like_toml()) => {
                    let (first, last) = YEARS.into_inner();
                    let own = f.from.year();
                    let until = repeat
                        .last
                        .map_or(last, |l| own.saturating_add(l).min(last));
                    f.windows(zone, own.max(first)..=until)
                        .into_iter()
                        .filter(|(_, end)| end.with_timezone(&zone).year() >= first)
                        .map(|(start, end)| {
                            let (from, until) = Bound::from_window(start, end, zone);
                            freeze_table(f, from, until, false)
                        })
                        .collect::<Vec<_>>()
                }
                _ => vec![freeze_table(f, f.from, f.until, f.yearly)],
            })
            .collect();
        t.insert("freeze".into(), Value::Array(freezes));
        toml::to_string_pretty(&t).unwrap_or_default()
    }
}

impl Bound {
    fn to_toml(self) -> toml::Value {
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
    fn from_window(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz) -> (Bound, Bound) {
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
    fn instant(self, zone: Tz, end: bool) -> DateTime<Utc> {
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

    fn year(self) -> i32 {
        match self {
            Bound::Date(d) => d.year(),
            Bound::Local(t) | Bound::Zoned(t, _) => t.year(),
            Bound::Instant(t) => t.year(),
        }
    }
}

impl Freeze {
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
    fn repeats_like_toml(&self) -> bool {
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

    /// Whether this freeze applies to region `index`.
    pub fn applies_to(&self, index: usize) -> bool {
        self.regions.as_ref().is_none_or(|r| r.contains(&index))
    }
}

fn required<'a, T>(value: Option<From<'a, T>>, key: &str) -> Result<From<'a, T>> {
    value.ok_or_else(|| Error::Argument {
        argument: key.to_string(),
        value: String::new(),
        message: "the key is missing from every configuration layer".into(),
    })
}

fn validate(m: Merged<'_>, read: ReadFile<'_>) -> Result<Config> {
    let tz = required(m.timezone, "timezone")?;
    let timezone = parse_zone_at(&tz.value, tz.layer, "timezone")?;

    let dt = required(m.deploy_time, "deploy_time")?;
    let deploy_time = match dt.value.get_ref() {
        toml::Value::String(text) => parse_hh_mm(text),
        // A TOML local time (`deploy_time = 09:00:00`) is accepted too.
        toml::Value::Datetime(toml::value::Datetime {
            date: None,
            time: Some(t),
            offset: None,
        }) => NaiveTime::from_hms_opt(u32::from(t.hour), u32::from(t.minute), 0)
            .filter(|_| t.second.unwrap_or(0) == 0 && t.nanosecond.unwrap_or(0) == 0),
        _ => None,
    }
    .ok_or_else(|| {
        dt.layer.source.error(
            dt.value.span(),
            format!(
                "deploy_time = {} is not a time of day; expected \"HH:MM\" such as \"09:00\"",
                toml_value(dt.value.get_ref())
            ),
        )
    })?;

    let sw = required(m.start_weekday, "start_weekday")?;
    let start_weekday = weekday_at(&sw.value, sw.layer, "start_weekday")?;

    let ch = required(m.cutoff_hours, "cutoff_hours")?;
    let hours = *ch.value.get_ref();
    if !(0..=24 * 366).contains(&hours) {
        return Err(ch.layer.source.error(
            ch.value.span(),
            format!("cutoff_hours = {hours} is out of range; expected 0 to 8784 hours"),
        ));
    }
    let cutoff = Duration::hours(hours);

    let bs = required(m.blocked_start, "blocked_start")?;
    let blocked_start = match bs.value.get_ref().as_str() {
        "next-deploy-day" => BlockedStart::NextDeployDay,
        "skip" => BlockedStart::Skip,
        other => {
            return Err(bs.layer.source.error(
                bs.value.span(),
                format!(
                    "blocked_start = \"{}\" is not a policy; expected \"next-deploy-day\" or \"skip\"",
                    short(other)
                ),
            ));
        }
    };

    let we = required(m.weekend, "weekend")?;
    let weekend = we
        .value
        .get_ref()
        .iter()
        .map(|d| weekday_at(d, we.layer, "weekend"))
        .collect::<Result<Vec<_>>>()?;

    let cal = required(m.calendars, "calendars")?;
    let calendars = cal
        .value
        .get_ref()
        .iter()
        .map(|c| load_calendar(c, cal.layer, read, timezone))
        .collect::<Result<Vec<_>>>()?;

    let hy = required(m.horizon_years, "horizon_years")?;
    let horizon = *hy.value.get_ref();
    let horizon_years = u32::try_from(horizon)
        .ok()
        .filter(|h| (1..=100).contains(h))
        .ok_or_else(|| {
            hy.layer.source.error(
                hy.value.span(),
                format!("horizon_years = {horizon} is out of range; expected 1 to 100"),
            )
        })?;

    let mp = required(m.max_per_train, "max_per_train")?;
    let max_per_train = match mp.value.get_ref() {
        toml::Value::String(s) if s == "unlimited" => None,
        toml::Value::Integer(n) if (1..=i64::from(u32::MAX)).contains(n) => Some(*n as u32),
        other => {
            return Err(mp.layer.source.error(
                mp.value.span(),
                format!(
                    "max_per_train = {} is not a capacity; expected a whole number of at least 1, or \"unlimited\"",
                    toml_value(other)
                ),
            ));
        }
    };

    let rg = required(m.region, "region")?;
    let (regions, order) = validate_regions(rg.value, rg.layer, timezone)?;

    let mut freezes = Vec::new();
    if let Some(f) = m.freeze {
        for raw in f.value.into_inner() {
            freezes.extend(validate_freeze(raw, f.layer, &regions, timezone, read)?);
        }
    }

    Ok(Config {
        timezone,
        deploy_time,
        start_weekday,
        cutoff,
        blocked_start,
        weekend,
        calendars,
        horizon_years,
        max_per_train,
        regions,
        freezes,
        order,
    })
}

fn parse_zone_at(value: &Spanned<String>, layer: &Layer, key: &str) -> Result<Tz> {
    value.get_ref().parse::<Tz>().map_err(|_| {
        layer.source.error(
            value.span(),
            format!(
                "{key} = \"{}\" is not a known time zone; use an IANA name such as \"America/Los_Angeles\"",
                short(value.get_ref())
            ),
        )
    })
}

fn weekday_at(value: &Spanned<String>, layer: &Layer, key: &str) -> Result<Weekday> {
    parse_weekday(value.get_ref()).ok_or_else(|| {
        layer.source.error(
            value.span(),
            format!(
                "{key}: \"{}\" is not a weekday; {WEEKDAY_HELP}",
                short(value.get_ref())
            ),
        )
    })
}

fn load_calendar(
    name: &Spanned<String>,
    layer: &Layer,
    read: ReadFile<'_>,
    zone: Tz,
) -> Result<HolidayCalendar> {
    let n = name.get_ref();
    let is_ics = has_extension(n, "ics");
    let is_path = n.contains('/') || n.contains('\\') || n.ends_with(".toml") || is_ics;
    if !is_path {
        return HolidayCalendar::built_in(n).unwrap_or_else(|| {
            let known: Vec<&str> = BUILT_IN.iter().map(|(k, _)| *k).collect();
            Err(layer.source.error(
                name.span(),
                format!(
                    "no built-in calendar named \"{}\"; built-in calendars are {}, or give a path to a .toml or .ics file",
                    short(n),
                    known.join(", ")
                ),
            ))
        });
    }
    let source = read_relative(name, layer, read, "calendar")?;
    match is_ics {
        true => HolidayCalendar::parse_ics(&source.name, &source, zone),
        false => HolidayCalendar::parse(&source.name, &source),
    }
}

fn has_extension(name: &str, ext: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Reads a file a configuration names, relative to the configuration's own folder; an error
/// points at the name in the configuration.
fn read_relative(
    name: &Spanned<String>,
    layer: &Layer,
    read: ReadFile<'_>,
    what: &str,
) -> Result<Source> {
    let n = name.get_ref();
    let path = match &layer.dir {
        Some(dir) => dir.join(n),
        None => PathBuf::from(n),
    };
    let bytes = read(&path).map_err(|e| {
        layer.source.error(
            name.span(),
            format!(
                "cannot read {what} \"{}\" ({}): {e}",
                short(n),
                short(&path.display().to_string())
            ),
        )
    })?;
    match has_extension(n, "ics") {
        true => Source::from_ics_bytes(path.display().to_string(), bytes),
        false => Source::from_bytes(path.display().to_string(), bytes),
    }
}

fn validate_regions(
    raw: Spanned<Vec<RawRegion>>,
    layer: &Layer,
    schedule_zone: Tz,
) -> Result<(Vec<Region>, Vec<usize>)> {
    let src = &layer.source;
    let span = raw.span();
    let raw = raw.into_inner();
    if raw.is_empty() {
        return Err(src.error(span, "at least one [[region]] is needed"));
    }
    if raw.len() > MAX_REGIONS {
        return Err(src.error(
            span,
            format!(
                "{} regions is too many; at most {MAX_REGIONS} are supported",
                raw.len()
            ),
        ));
    }
    let mut regions: Vec<Region> = Vec::with_capacity(raw.len());
    for r in &raw {
        let key = r.key.get_ref().trim();
        let valid_key = !key.is_empty()
            && key.len() <= 64
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid_key {
            return Err(src.error(
                r.key.span(),
                format!(
                    "region key \"{}\" must be 1 to 64 letters, digits, '-' and '_'",
                    short(r.key.get_ref())
                ),
            ));
        }
        if regions.iter().any(|x| x.key == key) {
            return Err(src.error(
                r.key.span(),
                format!("region key \"{}\" is used twice", short(key)),
            ));
        }
        let timezone = match &r.timezone {
            Some(z) => parse_zone_at(z, layer, "timezone")?,
            None => schedule_zone,
        };
        regions.push(Region {
            key: key.to_string(),
            name: r
                .name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .unwrap_or(key)
                .to_string(),
            members: r
                .members
                .iter()
                .map(|m| m.get_ref().trim().to_string())
                .collect(),
            timezone,
            after: Vec::new(),
        });
    }
    // `--where` must find one region for a place: members are non-empty and no member names
    // another region (by key, name or member).
    for (i, r) in raw.iter().enumerate() {
        for m in &r.members {
            let place = m.get_ref().trim();
            if place.is_empty() {
                return Err(src.error(
                    m.span(),
                    format!("region \"{}\" has an empty member", short(&regions[i].key)),
                ));
            }
            let other = regions.iter().enumerate().find(|(j, o)| {
                *j != i
                    && (o.key.eq_ignore_ascii_case(place)
                        || o.name.eq_ignore_ascii_case(place)
                        || o.members.iter().any(|x| x.eq_ignore_ascii_case(place)))
            });
            if let Some((_, o)) = other {
                return Err(src.error(
                    m.span(),
                    format!(
                        "\"{}\" is listed for region \"{}\" but also names region \"{}\"; a place may belong to one region only",
                        short(place),
                        short(&regions[i].key),
                        short(&o.key)
                    ),
                ));
            }
        }
    }
    let keys: Vec<String> = regions.iter().map(|r| r.key.clone()).collect();
    for (i, r) in raw.iter().enumerate() {
        let after = match &r.after {
            // Without `after`, a region follows the one listed before it.
            None if i > 0 => vec![i - 1],
            None => Vec::new(),
            Some(list) => list
                .get_ref()
                .iter()
                .map(|k| {
                    let j = keys.iter().position(|x| x == k.get_ref()).ok_or_else(|| {
                        src.error(
                            k.span(),
                            format!(
                                "region \"{}\" is after \"{}\", which is not a region; regions are {}",
                                short(&keys[i]),
                                short(k.get_ref()),
                                keys.join(", ")
                            ),
                        )
                    })?;
                    if j == i {
                        return Err(src.error(
                            k.span(),
                            format!("region \"{}\" cannot come after itself", short(&keys[i])),
                        ));
                    }
                    Ok(j)
                })
                .collect::<Result<Vec<_>>>()?,
        };
        regions[i].after = after;
    }
    // Exactly one region without a predecessor.
    let roots: Vec<usize> = (0..regions.len())
        .filter(|&i| regions[i].after.is_empty())
        .collect();
    if roots.len() > 1 {
        let second = roots[1];
        return Err(src.error(
            raw[second].key.span(),
            format!(
                "regions \"{}\" and \"{}\" both have no predecessor; exactly one region may come first (give the other `after = [...]`)",
                short(&keys[roots[0]]),
                short(&keys[second])
            ),
        ));
    }
    let mut graph = DiGraph::<usize, ()>::new();
    let nodes: Vec<_> = (0..regions.len()).map(|i| graph.add_node(i)).collect();
    for (i, r) in regions.iter().enumerate() {
        for &p in &r.after {
            graph.add_edge(nodes[p], nodes[i], ());
        }
    }
    let order = match crate::graph::toposort(&graph) {
        Ok(order) => order.into_iter().map(|n| graph[n]).collect(),
        Err(cycle) => {
            let names: Vec<&str> = cycle.iter().map(|&n| keys[graph[n]].as_str()).collect();
            let first = graph[cycle[0]];
            let at = raw[first]
                .after
                .as_ref()
                .map_or(raw[first].key.span(), |a| a.span());
            return Err(src.error(
                at,
                format!(
                    "the regions form a cycle: {} -> {}",
                    names.join(" -> "),
                    names[0]
                ),
            ));
        }
    };
    if roots.is_empty() {
        return Err(src.error(
            span,
            "every region has a predecessor; exactly one must come first",
        ));
    }
    Ok((regions, order))
}

fn validate_freeze(
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
        let source = read_relative(ics, layer, read, "freeze calendar")?;
        let fallback = raw.name.as_ref().map(|n| n.get_ref().trim().to_string());
        return freezes_from_ics(&source, fallback.filter(|n| !n.is_empty()), scope, zone);
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
            Ok(Typed::Date(d)) => Ok(Bound::Date(d)),
            Ok(Typed::Local(t)) => Ok(Bound::Local(t)),
            Ok(Typed::Instant(t)) => Ok(Bound::Instant(t)),
            Err(Error::Argument { message, .. }) if !message.is_empty() => Err(src.error(
                v.span(),
                format!(
                    "freeze \"{quoted}\": {key} = {} is not a date or date-time: {message}",
                    toml_value(v.get_ref())
                ),
            )),
            Err(_) => Err(bad(toml_value(v.get_ref()))),
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
    }])
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
) -> Result<Option<Vec<usize>>> {
    let Some(list) = list else {
        return Ok(None);
    };
    list.iter()
        .map(|k| {
            regions
                .iter()
                .position(|r| r.key == *k.get_ref())
                .ok_or_else(|| {
                    let keys: Vec<&str> = regions.iter().map(|r| r.key.as_str()).collect();
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
    scope: Option<Vec<usize>>,
    zone: Tz,
) -> Result<Vec<Freeze>> {
    use crate::ics::IcsTime;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn load(user: &str) -> Result<Config> {
        let layer = Layer {
            source: Source::new("user.toml", user),
            dir: None,
        };
        Config::load(&[layer], &|p: &Path| std::fs::read(p))
    }

    fn err(user: &str) -> String {
        load(user).unwrap_err().to_string()
    }

    #[test]
    fn embedded_default_is_valid_and_complete() {
        let c = Config::embedded().unwrap();
        assert_eq!(c.timezone.name(), "America/Los_Angeles");
        assert_eq!(c.deploy_time, NaiveTime::from_hms_opt(9, 0, 0).unwrap());
        assert_eq!(c.start_weekday, Weekday::Fri);
        assert_eq!(c.cutoff, Duration::hours(24));
        assert_eq!(c.blocked_start, BlockedStart::NextDeployDay);
        assert_eq!(c.weekend, [Weekday::Sat, Weekday::Sun]);
        assert_eq!(c.horizon_years, 3);
        assert_eq!(c.max_per_train, None);
        assert_eq!(c.regions.len(), 6);
        assert_eq!(c.rollout_order(), [0, 1, 2, 3, 4, 5]);
        assert!(c.freezes.is_empty());
        assert_eq!(c.find_region("japan"), Some(4));
        assert_eq!(c.find_region("UK"), Some(5));
        assert_eq!(c.find_region("europe"), Some(3));
    }

    #[test]
    fn a_user_key_replaces_the_default_whole() {
        let c = load("weekend = [\"sunday\"]\n").unwrap();
        assert_eq!(c.weekend, [Weekday::Sun]);
        assert_eq!(c.regions.len(), 6);
    }

    #[test]
    fn errors_name_file_line_column_and_value() {
        assert_eq!(
            err("timezone = \"Mars/Olympus\""),
            "user.toml:1:12: timezone = \"Mars/Olympus\" is not a known time zone; use an IANA name such as \"America/Los_Angeles\""
        );
        assert!(
            err("colour = 1").starts_with("user.toml:1:1: unknown key `colour`"),
            "{}",
            err("colour = 1")
        );
        assert!(err("max_per_train = -3").contains("max_per_train = -3"));
        assert!(err("deploy_time = \"25:00\"").starts_with("user.toml:1:15:"));
    }

    #[test]
    fn backwards_freeze_is_refused() {
        let e = err("[[freeze]]\nname = \"x\"\nfrom = 2026-12-20\nuntil = 2026-12-01\n");
        assert!(
            e.starts_with("user.toml:4:9: freeze \"x\" must end after it starts: from = 2026-12-20, until = 2026-12-01"),
            "{e}"
        );
    }

    #[test]
    fn region_cycle_names_its_members_in_order() {
        let e = err(
            "[[region]]\nkey = \"a\"\n[[region]]\nkey = \"b\"\nafter = [\"a\", \"c\"]\n[[region]]\nkey = \"c\"\nafter = [\"b\"]\n",
        );
        assert!(
            e.contains("the regions form a cycle: b -> c -> b") || e.contains("c -> b -> c"),
            "{e}"
        );
    }

    #[test]
    fn yearly_freeze_windows() {
        let c = load(
            "[[freeze]]\nname = \"Year end\"\nfrom = 2025-12-15\nuntil = 2026-01-05\nevery = \"year\"\n",
        )
        .unwrap();
        let w = c.freezes[0].windows(c.timezone, 2030..=2030);
        assert!(w.iter().any(|(s, _)| s.year() == 2030 && s.month() == 12));
        assert!(w.iter().any(|(_, e)| e.year() == 2030 && e.month() == 1));
        assert!(c.freezes[0].windows(c.timezone, 2020..=2020).is_empty());
    }
}
