//! What each fuzz target does with its input, shared by the fuzz targets (`fuzz_targets/`)
//! and by the property tests that run the same bodies in CI (`tests/it/parsers.rs`). Each
//! must give an answer or an error for any bytes: never a panic, never a hang.

// Each fuzz target uses one body; the tests use them all.
#![allow(dead_code)]

use std::num::NonZeroU32;

use golive::ics::PreviousExport;
use golive::{
    Batch, Calendar, Config, Estimate, HolidayCalendar, Journey, Layer, Plan, PublisherKind,
    Scheduler, Source, StreamedPlan, TypedTime,
};

/// Renders an error as the CLI shows it, and checks what every message promises: no
/// character that would act on a terminal (anything but a line end), and no line longer
/// than golive's cut allows.
fn shown<T>(result: golive::Result<T>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(e) => {
            let message = e.to_string();
            let acts = |c: char| {
                (c.is_control() && c != '\n')
                    || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            };
            assert!(
                !message.chars().any(acts),
                "a raw character in: {message:?}"
            );
            assert!(
                message.lines().all(|l| l.chars().count() <= 6_000),
                "a line of {} characters",
                message.len()
            );
            if let Some(location) = e.location() {
                let text = location.printable_text();
                assert_eq!(text.len(), location.text.len());
                assert!(!text.chars().any(|c| acts(c) && !matches!(c, '\r' | '\t')));
                let _ = location.printable_file();
            }
            None
        }
    }
}

fn day(y: i32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, 1, 1).expect("a date")
}

/// A configuration laid over the default, then a rollout and its explanation, and an
/// estimate from each of the first stages of each publisher kind's journey. Calendar and
/// .ics paths read nothing: the bytes are the only input.
pub fn config_toml(data: &[u8]) {
    let Some(source) = shown(Source::from_bytes("fuzz.toml", data.to_vec())) else {
        return;
    };
    let layer = Layer { source, dir: None };
    let Some(config) = shown(Config::load(&[layer], &|_| {
        Err(std::io::Error::other("no files"))
    })) else {
        return;
    };
    let _ = config.to_toml();
    if let Ok(ready) = config.parse_ready("2026-11-22T10:00:00-08:00") {
        let scheduler = Scheduler::new(&config);
        if let Some(rollout) = shown(scheduler.rollout(ready)) {
            let _ = scheduler.explain(&rollout);
        }
        for kind in PublisherKind::ALL {
            for stage in config.journey(kind, None).iter().take(8) {
                let journey = Journey::new(kind, stage.name(), ready);
                let _ = shown(Estimate::new(&scheduler, &journey));
            }
        }
    }
}

/// A holiday calendar in TOML, expanded over 1971 to 2099.
pub fn calendar_toml(data: &[u8]) {
    if let Some(source) = shown(Source::from_bytes("fuzz.toml", data.to_vec()))
        && let Some(cal) = shown(HolidayCalendar::parse("fuzz", &source))
    {
        let _ = cal.dates(day(1971), day(2099));
    }
}

/// A batch read as TOML and as CSV, planned with and without a capacity, and streamed.
pub fn batch(data: &[u8]) {
    let config = Config::embedded().expect("the default configuration");
    for name in ["fuzz.toml", "fuzz.csv"] {
        let Some(source) = shown(Source::from_bytes(name, data.to_vec())) else {
            return;
        };
        if let Some(batch) = shown(Batch::parse(&source, config.timezone())) {
            shown(Plan::new(&config, &batch));
            let limited = config.clone().with_max_per_train(NonZeroU32::new(2));
            shown(Plan::new(&limited, &batch));
        }
        if let Some(Some(streamed)) = shown(StreamedPlan::new(&config, &source)) {
            let _ = streamed.each(&mut |_| Ok(()));
        }
    }
}

/// The time and date arguments (`--ready`, `--from`, `--tz`).
pub fn time_arg(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let zone = chrono_tz::America::Los_Angeles;
    shown(text.parse::<TypedTime>().map(|t| t.in_zone(zone)));
    shown(golive::parse_date(text));
    shown(golive::parse_zone(text));
}

/// An .ics file as holidays (expanded over 1971 to 2099), as freezes (laid out over 2020 to
/// 2035) and as an earlier export.
pub fn ics(data: &[u8]) {
    let Some(source) = shown(Source::from_ics_bytes("fuzz.ics", data.to_vec())) else {
        return;
    };
    shown(PreviousExport::parse(&source));
    let zone = chrono_tz::America::Los_Angeles;
    if let Some(cal) = shown(HolidayCalendar::parse_ics("fuzz.ics", &source, zone)) {
        let _ = cal.dates(day(1971), day(2099));
    }
    let layer = Layer {
        source: Source::new("fuzz.toml", "[[freeze]]\nics = \"fuzz.ics\"\n"),
        dir: None,
    };
    if let Some(config) = shown(Config::load(&[layer], &|_| Ok(data.to_vec()))) {
        let calendar = Calendar::new(&config);
        for d in day(2020)
            .iter_days()
            .step_by(73)
            .take_while(|d| *d < day(2036))
        {
            let _ = calendar.is_deploy_day(config.first_region(), d);
        }
    }
}

/// A connector folder whose swagger and apiProperties are the bytes, checked against itself
/// as the previous version, and rendered in every format. Messages must quote values short
/// and escaped, like every other golive message.
pub fn check(data: &[u8]) {
    use golive::check::{Folder, Options, check_files, render_json, render_sarif, render_table};
    let folder = Folder::new("fuzz")
        .with_file("apiDefinition.swagger.json", data)
        .with_file("apiProperties.json", data)
        .with_file("readme.md", data)
        .with_file("icon.png", data);
    let report = check_files(&folder, Some(&folder), &Options::default());
    for f in &report.findings {
        assert!(
            !f.message.chars().any(|c| c.is_control()),
            "a raw control character in: {:?}",
            f.message
        );
        assert!(f.message.chars().count() < 1_000, "{}", f.message);
        if let (Some(line), Some(column)) = (f.line, f.column) {
            assert!(line >= 1 && column >= 1);
        }
    }
    let reports = [report];
    let mut sink = std::io::sink();
    render_table(&reports, &mut sink).expect("writes to a sink");
    render_json(&reports, &mut sink).expect("writes to a sink");
    render_sarif(&reports, &mut sink).expect("writes to a sink");
}
