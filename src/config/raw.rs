//! Configuration files before validation: their keys as serde reads them (with spans), and
//! the layers merged key by key, a later layer's key replacing an earlier one's whole. Then
//! the checks that turn merged values into a [`Config`], every error at `file:line:col`.

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::Deserialize;
use toml::Spanned;

use super::freezes::validate_freeze;
use super::regions::{RawMember, validate_regions};
use super::stages::{RawStage, validate_stages};
use super::{BlockedStart, Config, Layer, ReadFile, WEEKDAY_HELP, parse_weekday};
use crate::error::{Error, Result, short};
use crate::holidays::{BUILT_IN, HolidayCalendar};
use crate::source::{Source, toml_value};
use crate::time::parse_hh_mm;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    timezone: Option<Spanned<String>>,
    deploy_time: Option<Spanned<toml::Value>>,
    start_weekday: Option<Spanned<String>>,
    cutoff_hours: Option<Spanned<i64>>,
    blocked_start: Option<Spanned<String>>,
    weekend: Option<Spanned<Vec<Spanned<String>>>>,
    calendars: Option<Spanned<Vec<Spanned<String>>>>,
    horizon_years: Option<Spanned<i64>>,
    max_per_train: Option<Spanned<toml::Value>>,
    seasonal_warnings: Option<Spanned<toml::Value>>,
    region: Option<Spanned<Vec<RawRegion>>>,
    freeze: Option<Spanned<Vec<Spanned<RawFreeze>>>>,
    stage: Option<Spanned<Vec<Spanned<RawStage>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRegion {
    pub(super) key: Spanned<String>,
    pub(super) name: Option<String>,
    #[serde(default)]
    pub(super) members: Vec<Spanned<RawMember>>,
    pub(super) timezone: Option<Spanned<String>>,
    pub(super) after: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFreeze {
    pub(super) name: Option<Spanned<String>>,
    pub(super) from: Option<Spanned<toml::Value>>,
    pub(super) until: Option<Spanned<toml::Value>>,
    pub(super) regions: Option<Vec<Spanned<String>>>,
    pub(super) every: Option<Spanned<String>>,
    /// An iCalendar file whose events are the windows.
    pub(super) ics: Option<Spanned<String>>,
    /// Where the freeze's dates were announced (any TOML value, so that a wrong type gets
    /// golive's own message).
    pub(super) source: Option<Spanned<toml::Value>>,
}

/// A value together with the layer it came from.
pub(super) struct From<'a, T> {
    value: T,
    layer: &'a Layer,
}

/// The layers merged key by key, values not yet validated.
#[derive(Default)]
pub(super) struct Merged<'a> {
    timezone: Option<From<'a, Spanned<String>>>,
    deploy_time: Option<From<'a, Spanned<toml::Value>>>,
    start_weekday: Option<From<'a, Spanned<String>>>,
    cutoff_hours: Option<From<'a, Spanned<i64>>>,
    blocked_start: Option<From<'a, Spanned<String>>>,
    weekend: Option<From<'a, Spanned<Vec<Spanned<String>>>>>,
    calendars: Option<From<'a, Spanned<Vec<Spanned<String>>>>>,
    horizon_years: Option<From<'a, Spanned<i64>>>,
    max_per_train: Option<From<'a, Spanned<toml::Value>>>,
    seasonal_warnings: Option<From<'a, Spanned<toml::Value>>>,
    region: Option<From<'a, Spanned<Vec<RawRegion>>>>,
    freeze: Option<From<'a, Spanned<Vec<Spanned<RawFreeze>>>>>,
    /// The embedded default's own freezes (the first layer's), whatever a later layer sets:
    /// the announced freezes the seasons are carried from.
    announced: Option<From<'a, Spanned<Vec<Spanned<RawFreeze>>>>>,
    stage: Option<From<'a, Spanned<Vec<Spanned<RawStage>>>>>,
}

macro_rules! merge_keys {
    ($merged:ident, $raw:ident, $layer:ident: $($key:ident),*) => {
        $( if let Some(value) = $raw.$key { $merged.$key = Some(From { value, layer: $layer }); } )*
    };
}

fn required<'a, T>(value: Option<From<'a, T>>, key: &str) -> Result<From<'a, T>> {
    value.ok_or_else(|| {
        Error::argument(key, "", "the key is missing from every configuration layer")
    })
}

/// The layers of `layers` merged key by key over the embedded default, in order.
pub(super) fn merge<'a>(layers: &[&'a Layer]) -> Result<Merged<'a>> {
    let mut merged = Merged::default();
    for (i, &layer) in layers.iter().enumerate() {
        let raw: RawConfig = layer.source.parse_toml()?;
        if i == 0 {
            merged.announced = raw.freeze.clone().map(|value| From { value, layer });
        }
        merge_keys!(merged, raw, layer: timezone, deploy_time, start_weekday, cutoff_hours,
            blocked_start, weekend, calendars, horizon_years, max_per_train, seasonal_warnings,
            region, freeze);
        merge_keys!(merged, raw, layer: stage);
    }
    Ok(merged)
}

/// Validates merged layers into a configuration.
pub(super) fn validate(m: Merged<'_>, read: ReadFile<'_>) -> Result<Config> {
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

    let sw = required(m.seasonal_warnings, "seasonal_warnings")?;
    let seasonal_warnings = match sw.value.get_ref() {
        toml::Value::Boolean(b) => *b,
        other => {
            return Err(sw.layer.source.error(
                sw.value.span(),
                format!(
                    "seasonal_warnings = {} is not true or false; false turns the seasonal-freeze warnings off",
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
    // The announced freezes of the embedded default, which no other layer's [[freeze]]
    // replaces for this purpose: Microsoft's history stays what it was.
    let mut announced = Vec::new();
    if let Some(f) = m.announced {
        for raw in f.value.into_inner() {
            announced.extend(validate_freeze(raw, f.layer, &regions, timezone, read)?);
        }
    }
    let seasons = super::seasons::carry(&announced)?;

    let stages = match m.stage {
        Some(s) => validate_stages(s.value.into_inner(), s.layer)?,
        None => Vec::new(),
    };

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
        seasonal_warnings,
        seasons,
        regions,
        freezes,
        order,
        stages,
    })
}

pub(super) fn parse_zone_at(value: &Spanned<String>, layer: &Layer, key: &str) -> Result<Tz> {
    crate::time::find_zone(value.get_ref()).ok_or_else(|| {
        layer.source.error(
            value.span(),
            format!(
                "{key} = \"{}\" is not a known time zone{}; use an IANA name such as \"America/Los_Angeles\"",
                short(value.get_ref()),
                crate::time::did_you_mean_zone(value.get_ref())
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
pub(super) fn read_relative(
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
