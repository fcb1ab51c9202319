//! What each fuzz target does with its input, shared by the fuzz targets (`fuzz_targets/`)
//! and by the property tests that run the same bodies in CI (`tests/it/parsers.rs`). Each
//! must give an answer or an error for any bytes: never a panic, never a hang.

// Each fuzz target uses one body; the tests use them all.
#![allow(dead_code)]

use golive::{
    Batch, Calendar, Config, HolidayCalendar, Layer, Plan, PreviousExport, Scheduler, Source,
    StreamedCsvPlan,
};

fn day(y: i32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, 1, 1).expect("a date")
}

/// A configuration laid over the default, then a rollout and its explanation. Calendar and
/// .ics paths read nothing: the bytes are the only input.
pub fn config_toml(data: &[u8]) {
    let Ok(source) = Source::from_bytes("fuzz.toml", data.to_vec()) else {
        return;
    };
    let layer = Layer { source, dir: None };
    let Ok(config) = Config::load(&[layer], &|_| Err(std::io::Error::other("no files"))) else {
        return;
    };
    let _ = config.to_toml();
    if let Ok(ready) = golive::parse_instant("2026-11-22T10:00:00-08:00", config.timezone, "ready")
    {
        let scheduler = Scheduler::for_ready(&config, ready);
        if let Ok(rollout) = scheduler.rollout(ready) {
            let _ = scheduler.explain(&rollout);
        }
    }
}

/// A holiday calendar in TOML, expanded over 1971 to 2099.
pub fn calendar_toml(data: &[u8]) {
    if let Ok(source) = Source::from_bytes("fuzz.toml", data.to_vec())
        && let Ok(cal) = HolidayCalendar::parse("fuzz", &source)
    {
        let _ = cal.dates(day(1971), day(2099));
    }
}

/// A batch read as TOML and as CSV, planned with and without a capacity, and streamed.
pub fn batch(data: &[u8]) {
    let config = Config::embedded().expect("the default configuration");
    for name in ["fuzz.toml", "fuzz.csv"] {
        let Ok(source) = Source::from_bytes(name, data.to_vec()) else {
            return;
        };
        if let Ok(batch) = Batch::parse(&source, config.timezone) {
            let _ = Plan::new(&config, &batch);
            let mut limited = config.clone();
            limited.max_per_train = Some(2);
            let _ = Plan::new(&limited, &batch);
        }
        if let Ok(Some(streamed)) = StreamedCsvPlan::new(&config, &source) {
            let _ = streamed.write(&mut std::io::sink());
        }
    }
}

/// The time and date arguments (`--ready`, `--from`, `--tz`).
pub fn time_arg(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let zone = chrono_tz::America::Los_Angeles;
    let _ = golive::parse_instant(text, zone, "--ready");
    let _ = golive::parse_date(text, "--from");
    let _ = golive::parse_zone(text, "--tz");
}

/// An .ics file as holidays (expanded over 1971 to 2099), as freezes (laid out over 2020 to
/// 2035) and as an earlier export.
pub fn ics(data: &[u8]) {
    let Ok(source) = Source::from_ics_bytes("fuzz.ics", data.to_vec()) else {
        return;
    };
    let _ = PreviousExport::parse(&source);
    let zone = chrono_tz::America::Los_Angeles;
    if let Ok(cal) = HolidayCalendar::parse_ics("fuzz.ics", &source, zone) {
        let _ = cal.dates(day(1971), day(2099));
    }
    let layer = Layer {
        source: Source::new("fuzz.toml", "[[freeze]]\nics = \"fuzz.ics\"\n"),
        dir: None,
    };
    if let Ok(config) = Config::load(&[layer], &|_| Ok(data.to_vec())) {
        let _ = Calendar::new(&config, day(2020), day(2035));
    }
}
