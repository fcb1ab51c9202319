//! Places (issue 13): every default member in its own zone, `--where` in the place's local
//! time, `--tz` as the zone the user reads in, finding places and `golive regions`.
//!
//! The local times are checked against `tests/data/places/`, which Python's zoneinfo wrote
//! (`tests/places_expected.py`): the UTC offset of every zone at the deploy instant of every
//! weekday, a conversion independent of the chrono-tz tables golive uses. The zones each
//! place should have are written there by hand, so the default configuration is checked
//! too. When `GOLIVE_ICS_PYTHON` is set, the script checks the vendored files against this
//! machine's zoneinfo.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde_json::Value;

use crate::harness::{Run, golive, temp_file, with_config};

const MEMBERS: &str = include_str!("../data/places/members.csv");
const OFFSETS: &str = include_str!("../data/places/offsets.csv");

/// A place as the fixture expects it.
struct Expected {
    region: String,
    place: String,
    code: String,
    zone: String,
}

fn expected_places() -> Vec<Expected> {
    MEMBERS
        .lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            Expected {
                region: f[0].into(),
                place: f[1].into(),
                code: f[2].into(),
                zone: f[3].into(),
            }
        })
        .collect()
}

/// For each weekday: its deploy instant (09:00 Los Angeles) in UTC, and each zone's offset.
struct Offsets {
    days: BTreeMap<NaiveDate, (DateTime<Utc>, BTreeMap<String, i32>)>,
}

impl Offsets {
    fn load() -> Offsets {
        let mut lines = OFFSETS.lines().filter(|l| !l.starts_with('#'));
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let days = lines
            .map(|line| {
                let f: Vec<&str> = line.split(',').collect();
                let zones = header[2..]
                    .iter()
                    .zip(&f[2..])
                    .map(|(z, o)| (z.to_string(), o.parse().unwrap()))
                    .collect();
                (f[0].parse().unwrap(), (f[1].parse().unwrap(), zones))
            })
            .collect();
        Offsets { days }
    }

    /// The deploy instant of `day` in `zone`, as Python's zoneinfo has it.
    fn local(&self, day: NaiveDate, zone: &str) -> DateTime<FixedOffset> {
        let (utc, zones) = &self.days[&day];
        let offset = FixedOffset::east_opt(zones[zone]).unwrap();
        utc.with_timezone(&offset)
    }

    /// How far `zone` is ahead of Los Angeles on `day`, in seconds.
    fn ahead(&self, day: NaiveDate, zone: &str) -> i32 {
        let zones = &self.days[&day].1;
        zones[zone] - zones["America/Los_Angeles"]
    }
}

fn instant(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Runs `jobs` on a few threads: a year of answers for every place is thousands of runs.
fn in_parallel<T: Sync, R: Send>(jobs: &[T], run: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
    let chunk = jobs.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| s.spawn(|| part.iter().map(&run).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}

#[test]
fn every_default_member_has_its_zone_and_code() {
    let listed = golive(&["regions", "--format", "json"]).json();
    let mut seen = BTreeSet::new();
    for region in listed.as_array().unwrap() {
        for p in region["places"].as_array().unwrap() {
            seen.insert((
                region["key"].as_str().unwrap().to_string(),
                p["name"].as_str().unwrap().to_string(),
                p["code"].as_str().unwrap_or("").to_string(),
                p["timezone"].as_str().unwrap().to_string(),
            ));
        }
    }
    let expected: BTreeSet<_> = expected_places()
        .into_iter()
        .map(|e| (e.region, e.place, e.code, e.zone))
        .collect();
    assert_eq!(seen, expected);
    // Codes and common names find them, in any case.
    for (query, place, zone) in [
        ("GB", "United Kingdom", "Europe/London"),
        ("great britain", "United Kingdom", "Europe/London"),
        ("UK", "United Kingdom", "Europe/London"),
        ("USA", "United States", "America/New_York"),
        ("us", "United States", "America/New_York"),
        ("JP", "Japan", "Asia/Tokyo"),
        ("nippon", "Japan", "Asia/Tokyo"),
        ("South Korea", "Korea", "Asia/Seoul"),
        ("KR", "Korea", "Asia/Seoul"),
        ("UAE", "United Arab Emirates", "Asia/Dubai"),
    ] {
        let v = golive(&[
            "when",
            "--ready",
            "2027-06-01",
            "--where",
            query,
            "--format",
            "json",
        ])
        .json();
        assert_eq!(v["where"]["place"], place, "{query}");
        assert_eq!(v["where"]["timezone"], zone, "{query}");
    }
}

/// For every default member and every train of 2027 (which holds the daylight-saving changes
/// of both hemispheres), `--where` gives the local date and time the place's zone really has
/// at its region's deploy instant; in the weeks where a zone and Los Angeles change on
/// different days, the headline and the iCalendar event say that day and time too.
#[test]
fn where_gives_each_places_local_time_for_a_year_of_trains() {
    let offsets = Offsets::load();
    let places = expected_places();
    let trains = golive(&[
        "trains",
        "--from",
        "2027-01-01",
        "--until",
        "2027-12-31",
        "--format",
        "json",
    ])
    .json();
    let cutoffs: Vec<String> = trains
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["cutoff"].as_str().unwrap().to_string())
        .collect();
    assert!(cutoffs.len() >= 50, "{}", cutoffs.len());
    let jobs: Vec<(&Expected, &str)> = places
        .iter()
        .flat_map(|p| cutoffs.iter().map(move |c| (p, c.as_str())))
        .collect();
    // Each answer: the place, its region's deploy day, and whether its zone's lead on Los
    // Angeles changes within a week either side (a DST week for this place).
    let answers = in_parallel(&jobs, |&(p, cutoff)| {
        let v = golive(&[
            "when", "--ready", cutoff, "--where", &p.place, "--format", "json",
        ])
        .json();
        let w = &v["where"];
        assert_eq!(w["key"], p.region.as_str(), "{}", p.place);
        assert_eq!(w["timezone"], p.zone.as_str(), "{}", p.place);
        let region = v["regions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == p.region.as_str())
            .unwrap();
        let day: NaiveDate = region["date"].as_str().unwrap().parse().unwrap();
        let at = instant(region["at"].as_str().unwrap());
        assert_eq!(at.to_utc(), offsets.days[&day].0, "{}: {day}", p.place);
        let local = offsets.local(day, &p.zone);
        assert_eq!(w["local_at"], local.to_rfc3339(), "{} {day}", p.place);
        assert_eq!(
            w["local_date"],
            local.date_naive().to_string(),
            "{} {day}",
            p.place
        );
        let week = Duration::days(7);
        let lead = offsets.ahead(day, &p.zone);
        let dst_week = [day - week, day + week]
            .iter()
            .any(|d| offsets.days.contains_key(d) && offsets.ahead(*d, &p.zone) != lead);
        (p, cutoff, day, local, dst_week)
    });
    let dst: Vec<_> = answers.iter().filter(|a| a.4).collect();
    // Both hemispheres' changes are among them: Europe's and Sydney's.
    for zone in ["Europe/London", "Australia/Sydney", "Asia/Tokyo"] {
        assert!(
            dst.iter().filter(|a| a.0.zone == zone).count() >= 2,
            "{zone}"
        );
    }
    in_parallel(&dst, |&&(p, cutoff, day, local, _)| {
        let args = ["when", "--ready", cutoff, "--where", &p.place];
        let text = golive(&args).ok().to_string();
        let wanted = format!(
            " goes live on {} at {} ",
            local.format("%a %Y-%m-%d"),
            local.format("%H:%M")
        );
        let headline = text.lines().next().unwrap();
        assert!(headline.contains(&wanted), "{day}: {headline}");
        let ics = golive(&[&args[..], &["--format", "ics"]].concat());
        let date = local.format("%Y%m%d").to_string();
        assert!(
            ics.ok().contains(&format!("DTSTART;VALUE=DATE:{date}\r\n")),
            "{} {day}: no event on {date}",
            p.place
        );
    });
}

/// With GOLIVE_ICS_PYTHON, the fixture is what this machine's zoneinfo gives.
#[test]
fn fixture_matches_pythons_zoneinfo() {
    let Ok(python) = std::env::var("GOLIVE_ICS_PYTHON") else {
        return;
    };
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/places_expected.py");
    let out = Command::new(python)
        .args([script, "--check"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every time, reading RFC 3339 in `text`, with its offset.
fn times(text: &str) -> Vec<DateTime<FixedOffset>> {
    text.split(|c: char| c == ',' || c == '"' || c.is_whitespace())
        .filter(|w| w.len() == 25 && w.as_bytes()[10] == b'T')
        .filter_map(|w| DateTime::parse_from_rfc3339(w).ok())
        .collect()
}

/// `v` without its `tz` objects (the forms `--tz` adds).
fn without_tz(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| *k != "tz")
                .map(|(k, v)| (k.clone(), without_tz(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_tz).collect()),
        other => other.clone(),
    }
}

/// Every `tz` object in `v`.
fn tz_objects(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(m) => {
            if let Some(t) = m.get("tz") {
                out.push(t.clone());
            }
            m.values().for_each(|v| tz_objects(v, out));
        }
        Value::Array(a) => a.iter().for_each(|v| tz_objects(v, out)),
        _ => {}
    }
}

const BATCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/examples/batch.toml");

/// `--tz` changes every time shown, into that zone, and no date of the contract: JSON only
/// gains `tz` objects, tables and CSV show the same instants in the zone, and no Pacific
/// time is left in a table.
#[test]
fn tz_changes_every_shown_time_and_no_date() {
    let ready = "2026-11-22T10:00:00-08:00";
    let commands: [&[&str]; 3] = [
        &["when", "--ready", ready],
        &["trains", "--from", "2026-12-01", "--count", "5"],
        &["plan", BATCH],
    ];
    for args in commands {
        let with = |extra: &[&str]| golive(&[args, extra].concat());
        let tz = ["--tz", "asia/tokyo"];
        // JSON: every key as before, and `tz` forms in Tokyo time.
        let plain = with(&["--format", "json"]).json();
        let zoned = with(&[&tz[..], &["--format", "json"]].concat()).json();
        // Keys are always present: without `--tz`, `tz` is null.
        assert_eq!(without_tz(&zoned), without_tz(&plain), "{args:?}");
        let mut forms = Vec::new();
        tz_objects(&zoned, &mut forms);
        assert!(!forms.is_empty(), "{args:?}");
        for f in &forms {
            assert_eq!(f["zone"], "Asia/Tokyo", "{args:?}");
            let text = f.to_string();
            let ts = times(&text);
            assert!(!ts.is_empty(), "{text}");
            assert!(
                ts.iter().all(|t| t.offset().local_minus_utc() == 9 * 3600),
                "{text}"
            );
        }
        // Tables: no Pacific time left, but in the column of each region's own local time.
        let table = with(&tz).ok().to_string();
        assert!(table.contains("JST"), "{args:?}: {table}");
        let shown = table.replace("PST (America/Los_Angeles)", "");
        assert!(
            !shown.contains("PST") && !shown.contains("PDT"),
            "{args:?}: {table}"
        );
        // CSV: the same instants, in Tokyo; every date column as before.
        let plain = with(&["--format", "csv"]).ok().to_string();
        let zoned = with(&[&tz[..], &["--format", "csv"]].concat())
            .ok()
            .to_string();
        let (p, z) = (times(&plain), times(&zoned));
        assert_eq!(p.len(), z.len(), "{args:?}");
        for (a, b) in p.iter().zip(&z) {
            assert_eq!(a.to_utc(), b.to_utc(), "{args:?}");
        }
        assert!(
            z.iter()
                .filter(|t| t.offset().local_minus_utc() != 9 * 3600)
                .all(|t| plain.contains(&t.to_rfc3339())),
            "{args:?}: a time not in Tokyo that is not the readiness as given"
        );
        let dates = |text: &str| -> Vec<String> {
            text.split([',', '\n'])
                .filter(|w| w.len() == 10 && w.as_bytes()[4] == b'-')
                .map(str::to_string)
                .collect()
        };
        let zoned_dates = dates(&zoned);
        assert!(
            dates(&plain).iter().all(|d| zoned_dates.contains(d)),
            "{args:?}"
        );
    }
    // The table's days are Tokyo's: the fifth region deploys Thursday 09:00 Pacific, Friday
    // 02:00 in Tokyo.
    let table = golive(&["when", "--ready", ready, "--tz", "Asia/Tokyo"])
        .ok()
        .to_string();
    let row = table
        .lines()
        .find(|l| l.starts_with('│') && l.contains("Brazil, Canada, Japan and India"))
        .unwrap();
    assert!(row.contains("Fri 2026-12-04 ┆ 02:00 JST"), "{row}");
    // Without --tz, nothing changes: the JSON has no `tz`.
    let plain = golive(&["when", "--ready", ready, "--format", "json"]).json();
    assert!(plain.get("tz").is_none());
}

/// All-day events fall on the day in `--tz`; timed ones stay the same instants (UTC) and their
/// descriptions speak Tokyo time.
#[test]
fn tz_moves_all_day_events_to_the_readers_day() {
    let args = [
        "when",
        "--ready",
        "2026-11-22T10:00-08:00",
        "--format",
        "ics",
    ];
    let plain = golive(&args).ok().to_string();
    let zoned = golive(&[&args[..], &["--tz", "Asia/Tokyo"]].concat())
        .ok()
        .to_string();
    // 09:00 Pacific is 02:00 the next day in Tokyo: every event a day later.
    let days = |t: &str| -> Vec<NaiveDate> {
        t.lines()
            .filter_map(|l| l.strip_prefix("DTSTART;VALUE=DATE:"))
            .map(|d| NaiveDate::parse_from_str(d, "%Y%m%d").unwrap())
            .collect()
    };
    let later: Vec<NaiveDate> = days(&plain)
        .iter()
        .map(|d| *d + Duration::days(1))
        .collect();
    assert_eq!(days(&zoned), later);
    assert_eq!(days(&plain).len(), 6);
    let cal = ["calendar", "--from", "2026-12-01", "--until", "2026-12-31"];
    let plain = golive(&cal).ok().to_string();
    let zoned = golive(&[&cal[..], &["--tz", "Asia/Tokyo"]].concat())
        .ok()
        .to_string();
    let starts = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with("DTSTART"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(starts(&plain), starts(&zoned));
    let unfolded = zoned.replace("\r\n ", "");
    assert!(unfolded.contains("JST"));
    let descriptions: Vec<&str> = unfolded
        .lines()
        .filter(|l| l.starts_with("DESCRIPTION") && l.contains("train"))
        .collect();
    assert!(!descriptions.is_empty());
    assert!(
        descriptions.iter().all(|d| !d.contains("PST")),
        "{descriptions:?}"
    );
}

#[test]
fn zones_are_found_in_any_case_and_typos_get_suggestions() {
    let v = golive(&[
        "when",
        "--ready",
        "2026-11-22T10:00",
        "--tz",
        "ASIA/TOKYO",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["ready"], "2026-11-22T10:00:00+09:00");
    golive(&["when", "--tz", "Europe/Londn"]).fails(2, &["--tz", "did you mean Europe/London?"]);
    golive(&["trains", "--tz", "Tokyo"]).fails(2, &["did you mean Asia/Tokyo?"]);
    for (typo, near) in [
        ("Eurpoe", "europe"),
        ("Japn", "Japan"),
        ("Germny", "Germany"),
    ] {
        golive(&["when", "--where", typo]).fails(2, &[typo, &format!("did you mean {near}?")]);
    }
    let cfg = temp_file(
        "zones.toml",
        "[[region]]\nkey = \"a\"\nmembers = [{ name = \"Japan\", timezone = \"asia/tokyo\" }]\n",
    );
    let v = with_config(&cfg, &["regions", "--format", "json"]).json();
    assert_eq!(v[0]["places"][0]["timezone"], "Asia/Tokyo");
}

/// `config show` writes places back so that they read the same: names, codes, zones and
/// aliases, a plain name as a name.
#[test]
fn config_show_writes_places_back() {
    let mixed = temp_file(
        "mixed.toml",
        "[[region]]\nkey = \"a\"\ntimezone = \"Europe/Paris\"\nmembers = [\"Plain\", { name = \"Japan\", code = \"jp\", timezone = \"Asia/Tokyo\", aliases = [\"Nippon\"] }]\n[[region]]\nkey = \"b\"\n",
    );
    for config in [None, Some(&mixed)] {
        let run = |args: &[&str]| -> Run {
            match config {
                Some(c) => with_config(c, args),
                None => golive(args),
            }
        };
        let shown = run(&["config", "show"]).ok().to_string();
        let again = temp_file("shown.toml", &shown);
        assert_eq!(with_config(&again, &["config", "show"]).ok(), shown);
        assert_eq!(
            with_config(&again, &["regions", "--format", "json"]).json(),
            run(&["regions", "--format", "json"]).json()
        );
    }
    let v = with_config(&mixed, &["regions", "--format", "json"]).json();
    assert_eq!(v[0]["places"][0]["timezone"], "Europe/Paris");
    assert_eq!(v[0]["places"][1]["code"], "JP");
    assert!(v[1]["places"].as_array().unwrap().is_empty());
}

#[test]
fn regions_lists_every_region_and_place() {
    let table = golive(&["regions"]).ok().to_string();
    for needle in [
        "Brazil, Canada, Japan and India (br-ca-jp-in)",
        "Japan",
        "Asia/Tokyo",
        "JP",
    ] {
        assert!(table.contains(needle), "{needle}");
    }
    let csv = golive(&["regions", "--format", "csv"]).ok().to_string();
    assert!(csv.starts_with("region,region_name,place,code,timezone,aliases\n"));
    assert!(csv.contains(
        "au-uk-us,\"Australia, UK and US\",United Kingdom,GB,Europe/London,UK; Great Britain; Britain; England; Scotland; Wales; Northern Ireland\n"
    ));
    assert_eq!(csv.lines().count(), 1 + expected_places().len());
    let out = temp_file("regions.json", "old");
    golive(&[
        "regions",
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ])
    .ok();
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 6);
}
