//! Every parser golive has, fed random and mutated input in CI: the same bodies as the
//! fuzz targets in `fuzz/` (which run for long under cargo fuzz), as property tests over the
//! same seed files. Invariant: an answer or an error, never a panic.

use std::path::Path;

use golive::{Batch, Calendar, Config, HolidayCalendar, Layer, Plan, PreviousExport, Source};
use proptest::prelude::*;

/// The seed files of one fuzz target.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    files.sort();
    files
}

/// A seed with a few random bytes replaced, inserted or cut, or just random bytes.
fn mutated(target: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let seeds = seeds(target);
    let n = seeds.len();
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        (
            0..n,
            proptest::collection::vec((any::<u16>(), any::<u8>(), 0..3u8), 1..12)
        )
            .prop_map(move |(i, edits)| {
                let mut bytes = seeds[i].clone();
                for (at, byte, kind) in edits {
                    let at = at as usize % (bytes.len() + 1);
                    match kind {
                        0 if at < bytes.len() => bytes[at] = byte,
                        1 => bytes.insert(at, byte),
                        _ => {
                            bytes.truncate(at.max(bytes.len() / 2));
                        }
                    }
                }
                bytes
            }),
    ]
}

fn day(y: i32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn configurations_never_panic(data in mutated("config_toml")) {
        if let Ok(source) = Source::from_bytes("fuzz.toml", data) {
            let layer = Layer { source, dir: None };
            if let Ok(config) = Config::load(&[layer], &|_| Err(std::io::Error::other("no files"))) {
                let _ = config.to_toml();
                let ready = golive::parse_instant("2026-11-22T10:00:00-08:00", config.timezone, "ready");
                if let Ok(ready) = ready {
                    let scheduler = golive::Scheduler::for_ready(&config, ready);
                    if let Ok(rollout) = scheduler.rollout(ready) {
                        let _ = scheduler.explain(&rollout);
                    }
                }
            }
        }
    }

    #[test]
    fn calendars_never_panic(data in mutated("calendar_toml")) {
        if let Ok(source) = Source::from_bytes("fuzz.toml", data)
            && let Ok(cal) = HolidayCalendar::parse("fuzz", &source)
        {
            let _ = cal.dates(day(1971), day(2099));
        }
    }

    #[test]
    fn batches_never_panic(data in mutated("batch")) {
        let config = Config::embedded().unwrap();
        for name in ["fuzz.toml", "fuzz.csv"] {
            if let Ok(source) = Source::from_bytes(name, data.clone())
                && let Ok(batch) = Batch::parse(&source, config.timezone)
            {
                let _ = Plan::new(&config, &batch);
            }
        }
    }

    #[test]
    fn time_arguments_never_panic(data in mutated("time_arg")) {
        if let Ok(text) = std::str::from_utf8(&data) {
            let zone = chrono_tz::America::Los_Angeles;
            let _ = golive::parse_instant(text, zone, "--ready");
            let _ = golive::parse_date(text, "--from");
            let _ = golive::parse_zone(text, "--tz");
        }
    }

    #[test]
    fn ics_files_never_panic(data in mutated("ics")) {
        if let Ok(source) = Source::from_ics_bytes("fuzz.ics", data.clone()) {
            let _ = PreviousExport::parse(&source);
            let zone = chrono_tz::America::Los_Angeles;
            if let Ok(cal) = HolidayCalendar::parse_ics("fuzz.ics", &source, zone) {
                let _ = cal.dates(day(1971), day(2099));
            }
            let layer = Layer {
                source: Source::new("fuzz.toml", "[[freeze]]\nics = \"fuzz.ics\"\n"),
                dir: None,
            };
            if let Ok(config) = Config::load(&[layer], &|_| Ok(data.clone())) {
                let _ = Calendar::new(&config, day(2020), day(2035));
            }
        }
    }
}
