//! iCalendar exports read back by independent parsers.
//!
//! Every kind of `--format ics` export (and `golive calendar`) is written to a file and read
//! by `ics_reader`, which parses it with the `calcard` crate (not written by the authors of
//! the `icalendar` crate golive writes with) and checks the raw format rules itself: CRLF,
//! lines of at most 75 octets, UTC date-times, one-day all-day events. What it reads is
//! compared with golive's own JSON answer to the same question, so no date here is taken on
//! trust. `cargo test` needs nothing more than the Rust toolchain.
//!
//! When `GOLIVE_ICS_PYTHON` names a Python interpreter with the `icalendar` package from PyPI
//! (pinned in `tests/requirements.txt`), every export is also read by `tests/ics_read.py`,
//! which checks the same rules, and both readers must read the same JSON; `.ci/run` does so
//! in a virtual environment:
//!
//! ```sh
//! python3 -m venv /tmp/golive-venv && /tmp/golive-venv/bin/pip install -r tests/requirements.txt
//! GOLIVE_ICS_PYTHON=/tmp/golive-venv/bin/python cargo test
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::Value;

use crate::harness::{REGIONS, Run, golive, temp_dir, temp_file, with_config};
use crate::ics_reader;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> String {
    root()
        .join("config/examples")
        .join(name)
        .to_str()
        .expect("UTF-8 path")
        .to_string()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Runs `golive ARGS...` with `SOURCE_DATE_EPOCH` set to `epoch`, or unset.
fn golive_at(epoch: Option<&str>, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_golive"));
    command
        .args(args)
        .env_remove("GOLIVE_CONFIG")
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1");
    if let Some(e) = epoch {
        command.env("SOURCE_DATE_EPOCH", e);
    }
    let out = command.output().expect("golive runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Reads an .ics file with the independent readers (`ics_reader`): its JSON (`version`,
/// `prodid`, `name`, `events`), after asserting the file keeps the format's rules and, when
/// `GOLIVE_ICS_PYTHON` is set, that the Rust and Python readers read the same.
fn read_ics(path: &Path) -> Value {
    ics_reader::read_checked(path)
}

/// An iCalendar export as golive wrote it and as the independent readers read it.
struct Export {
    cal: Value,
}

impl Export {
    /// Reads an export golive printed (after asserting it succeeded).
    fn of(run: &Run) -> Export {
        let text = run.ok().to_string();
        let path = temp_file("export.ics", &text);
        Export::read(&path)
    }

    /// Reads an export golive wrote to `path`.
    fn read(path: &Path) -> Export {
        Export {
            cal: read_ics(path),
        }
    }

    fn events(&self) -> &Vec<Value> {
        self.cal["events"].as_array().expect("events")
    }

    /// The one event with this summary.
    fn by_summary(&self, summary: &str) -> &Value {
        let found: Vec<&Value> = self
            .events()
            .iter()
            .filter(|e| e["summary"] == summary)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "events with summary {summary:?}: {}",
            self.summaries().join("\n")
        );
        found[0]
    }

    fn summaries(&self) -> Vec<String> {
        self.events()
            .iter()
            .map(|e| str_of(&e["summary"]).to_string())
            .collect()
    }

    /// Every event by UID, asserting the UIDs are unique.
    fn by_uid(&self) -> BTreeMap<String, &Value> {
        let mut map = BTreeMap::new();
        for e in self.events() {
            let uid = str_of(&e["uid"]).to_string();
            assert!(!uid.is_empty(), "an event without UID: {e}");
            assert!(
                map.insert(uid.clone(), e).is_none(),
                "UID {uid} appears twice"
            );
        }
        map
    }
}

fn str_of(v: &Value) -> &str {
    v.as_str()
        .unwrap_or_else(|| panic!("expected a string: {v}"))
}

fn array(v: &Value) -> &Vec<Value> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected an array: {v}"))
}

fn date(v: &Value) -> NaiveDate {
    str_of(v).parse().expect("YYYY-MM-DD")
}

/// An RFC 3339 instant from golive's JSON, in UTC.
fn instant(v: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(str_of(v))
        .expect("RFC 3339")
        .to_utc()
}

/// How the readers write a UTC date-time.
fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// "2026-12-24 09:00": an instant from golive's JSON at its own offset, as descriptions say it.
fn local_minute(v: &Value) -> String {
    DateTime::parse_from_rfc3339(str_of(v))
        .expect("RFC 3339")
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Asserts `e` is an all-day event on `day` (through `last`, DTEND the day after).
fn assert_days(e: &Value, day: NaiveDate, last: NaiveDate) {
    assert_eq!(e["all_day"], true, "{e}");
    assert_eq!(e["dtstart"], day.to_string(), "{e}");
    assert_eq!(e["dtend"], (last + Duration::days(1)).to_string(), "{e}");
}

/// The default configuration's region names by key.
fn region_names() -> HashMap<String, String> {
    let when = golive(&["when", "--ready", "2026-11-22", "--format", "json"]).json();
    let names: HashMap<String, String> = array(&when["regions"])
        .iter()
        .map(|r| (str_of(&r["key"]).into(), str_of(&r["name"]).into()))
        .collect();
    assert_eq!(names.len(), REGIONS.len());
    names
}

/// SPEC's worked examples, and a summer readiness (PDT; Independence Day observed on Monday).
const READIES: [&str; 5] = [
    "2026-11-22T10:00-08:00",
    "2026-11-26T09:00:00",
    "2026-11-26T09:00:01",
    "2026-12-18T10:00",
    "2027-06-30T12:00",
];

/// (1) `when --format ics`: one all-day event per region on the JSON answer's date, whose
/// description names the train's cutoff and every skipped day's reasons.
#[test]
fn when_ics_has_each_regions_go_live_day() {
    let name = "Contoso Chat";
    for ready in READIES {
        let json = golive(&["when", "--ready", ready, "--format", "json"]).json();
        let ics = Export::of(&golive(&[
            "when", "--ready", ready, "--format", "ics", "--name", name,
        ]));
        assert_eq!(ics.cal["version"], "2.0");
        assert!(str_of(&ics.cal["prodid"]).contains("golive"));
        let regions = array(&json["regions"]);
        assert_eq!(ics.events().len(), regions.len(), "{ready}");
        assert_eq!(ics.by_uid().len(), regions.len());
        let cutoff = local_minute(&json["train"]["cutoff"]);
        for r in regions {
            let e = ics.by_summary(&format!("{name} live in {}", str_of(&r["name"])));
            let day = date(&r["date"]);
            assert_days(e, day, day);
            assert_eq!(e["sequence"], 0);
            assert!(e["alarms"].as_array().unwrap().is_empty());
            let d = str_of(&e["description"]);
            assert!(
                d.contains("cutoff") && d.contains(&cutoff),
                "{ready}: no cutoff {cutoff} in {d:?}"
            );
            for skipped in array(&r["skipped"]) {
                assert!(d.contains(str_of(&skipped["date"])), "{ready}: {d:?}");
                for reason in array(&skipped["reasons"]) {
                    let why = str_of(&reason["name"]);
                    assert!(d.contains(why), "{ready}: {why:?} not in {d:?}");
                }
            }
        }
    }

    // SPEC's last row: New Year's Day pushes the fifth region; Christmas moved the train.
    let ics = Export::of(&golive(&[
        "when",
        "--ready",
        "2026-12-18T10:00",
        "--format",
        "ics",
        "--name",
        name,
    ]));
    let fifth = ics.by_summary(&format!("{name} live in Brazil, Canada, Japan and India"));
    assert_days(
        fifth,
        "2027-01-04".parse().unwrap(),
        "2027-01-04".parse().unwrap(),
    );
    assert!(str_of(&fifth["description"]).contains("New Year's Day"));
    let first = ics.by_summary(&format!("{name} live in Testing"));
    assert!(str_of(&first["description"]).contains("Christmas Day"));

    // --where: only that region's event, on the place's own date (issue 13: Japan's is a day
    // after the Pacific one).
    for (place, key, day) in [
        ("Japan", "br-ca-jp-in", "2027-01-05"),
        ("europe", "europe", "2026-12-31"),
    ] {
        let args = ["when", "--ready", "2026-12-18T10:00", "--where", place];
        let json = golive(&[&args[..], &["--format", "json"]].concat()).json();
        let ics = Export::of(&golive(
            &[&args[..], &["--format", "ics", "--name", name]].concat(),
        ));
        let region = array(&json["regions"])
            .iter()
            .find(|r| r["key"] == key)
            .unwrap();
        assert_eq!(ics.events().len(), 1, "{place}: {:?}", ics.summaries());
        let e = ics.by_summary(&format!("{name} live in {}", str_of(&region["name"])));
        assert_eq!(json["where"]["local_date"], day, "{place}");
        assert_days(
            e,
            date(&json["where"]["local_date"]),
            date(&json["where"]["local_date"]),
        );
    }
}

/// Asserts that `plan BATCH ARGS --format ics` has one event per connector and region, on
/// the days `plan BATCH ARGS --format json` gives, with the train's cutoff in the description.
fn assert_plan_ics_matches_json(batch: &str, args: &[&str]) {
    let names = region_names();
    let json = golive(&[&["plan", batch], args, &["--format", "json"]].concat()).json();
    let ics = Export::of(&golive(
        &[&["plan", batch], args, &["--format", "ics"]].concat(),
    ));
    let connectors = array(&json["connectors"]);
    assert_eq!(ics.events().len(), connectors.len() * REGIONS.len());
    assert_eq!(ics.by_uid().len(), ics.events().len());
    let cutoffs: HashMap<&str, &Value> = array(&json["trains"])
        .iter()
        .map(|t| (str_of(&t["start"]), &t["cutoff"]))
        .collect();
    for c in connectors {
        let name = str_of(&c["name"]);
        let cutoff = local_minute(cutoffs[str_of(&c["train_start"])]);
        for r in array(&c["regions"]) {
            let e = ics.by_summary(&format!("{name} live in {}", names[str_of(&r["key"])]));
            assert_days(e, date(&r["date"]), date(&r["date"]));
            assert_eq!(e["sequence"], 0);
            let d = str_of(&e["description"]);
            assert!(d.starts_with(name), "{d:?}");
            assert!(d.contains(&cutoff), "{name}: no cutoff {cutoff} in {d:?}");
        }
    }
}

/// (2) `plan --format ics`: the example batch, unlimited and with two seats a train.
#[test]
fn plan_ics_has_every_connector_in_every_region() {
    assert_plan_ics_matches_json(&example("batch.toml"), &[]);
    assert_plan_ics_matches_json(&example("batch.csv"), &["--capacity", "2"]);
}

/// Asserts that `trains ARGS --format ics` has, per train of `trains ARGS --format json`, a
/// cutoff event at the cutoff instant with reminders a day and two hours before, and a start
/// event at the start instant. Returns the export.
fn assert_trains_ics_matches_json(args: &[&str]) -> Export {
    let json = golive(&[&["trains"], args, &["--format", "json"]].concat()).json();
    let ics = Export::of(&golive(&[&["trains"], args, &["--format", "ics"]].concat()));
    let trains = array(&json);
    assert_eq!(ics.events().len(), 2 * trains.len());
    assert_eq!(ics.by_uid().len(), ics.events().len());
    let (cutoffs, starts): (Vec<&Value>, Vec<&Value>) = ics
        .events()
        .iter()
        .partition(|e| str_of(&e["summary"]).starts_with("Cutoff"));
    assert_eq!(cutoffs.len(), trains.len());
    for (t, (c, s)) in trains.iter().zip(cutoffs.iter().zip(&starts)) {
        let cutoff = utc(instant(&t["cutoff"]));
        assert_eq!(c["all_day"], false);
        assert_eq!(c["dtstart"], cutoff, "{c}");
        assert_eq!(c["dtend"], cutoff, "{c}");
        let leaves = &str_of(&t["start"])[..10];
        assert!(str_of(&c["summary"]).contains(leaves), "{c}");
        let mut alarms: Vec<(i64, &str)> = array(&c["alarms"])
            .iter()
            .map(|a| (a["trigger"].as_i64().unwrap(), str_of(&a["action"])))
            .collect();
        alarms.sort();
        assert_eq!(alarms, [(-86400, "DISPLAY"), (-7200, "DISPLAY")], "{c}");
        let start = utc(instant(&t["start"]));
        assert_eq!(s["all_day"], false);
        assert_eq!(s["dtstart"], start, "{s}");
        assert_eq!(s["dtend"], start, "{s}");
        assert!(array(&s["alarms"]).is_empty());
        // The start event lists each region's day.
        for r in array(&t["regions"]) {
            assert!(
                str_of(&s["description"]).contains(str_of(&r["date"])),
                "{s}"
            );
        }
    }
    ics
}

/// (3) `trains --format ics`: over Christmas and New Year (moved trains, PST), and over the
/// spring change to daylight time (cutoffs at 16:00Z, then 17:00Z).
#[test]
fn trains_ics_has_cutoffs_with_reminders_and_starts() {
    let winter = assert_trains_ics_matches_json(&["--from", "2026-11-01", "--count", "10"]);
    assert_eq!(winter.events().len(), 20);
    // Christmas moved the train of Fri Dec 25 to Mon Dec 28 (09:00 PST is 17:00Z).
    winter.by_summary("Cutoff for the connector train leaving Mon 2026-12-28");
    let spring = assert_trains_ics_matches_json(&["--from", "2027-02-25", "--count", "4"]);
    let cutoffs: Vec<&str> = spring
        .events()
        .iter()
        .filter(|e| !array(&e["alarms"]).is_empty())
        .map(|e| str_of(&e["dtstart"]))
        .collect();
    assert_eq!(
        cutoffs,
        [
            "2027-02-25T17:00:00Z",
            "2027-03-04T17:00:00Z",
            "2027-03-11T17:00:00Z",
            "2027-03-18T16:00:00Z"
        ]
    );
}

/// Asserts the holiday events are exactly `holidays`' (JSON), observed days marked.
fn assert_holidays_match(events: &[&Value], holidays: &[&Value]) {
    let mut expected: Vec<(String, String)> = holidays
        .iter()
        .map(|h| {
            let name = str_of(&h["name"]);
            let summary = match h["observes"].is_null() {
                false => format!("{name} (observed)"),
                true => name.to_string(),
            };
            (str_of(&h["date"]).to_string(), summary)
        })
        .collect();
    let mut got: Vec<(String, String)> = events
        .iter()
        .map(|e| {
            let day = date(&e["dtstart"]);
            assert_days(e, day, day);
            (day.to_string(), str_of(&e["summary"]).to_string())
        })
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    for h in holidays {
        if let Some(actual) = h.get("observes").filter(|o| !o.is_null()) {
            let e = events
                .iter()
                .find(|e| e["dtstart"] == h["date"])
                .expect("the observed day's event");
            assert!(
                str_of(&e["description"]).contains(str_of(actual)),
                "{e} does not name the day observed {actual}"
            );
        }
    }
}

/// (4) `holidays --format ics`: every holiday and observed day of 2026 to 2028.
#[test]
fn holidays_ics_has_every_holiday_and_observed_day() {
    let args = ["holidays", "--from", "2026", "--until", "2028"];
    let json = golive(&[&args[..], &["--format", "json"]].concat()).json();
    let ics = Export::of(&golive(&[&args[..], &["--format", "ics"]].concat()));
    let holidays: Vec<&Value> = array(&json).iter().collect();
    let observed = holidays.iter().filter(|h| !h["observes"].is_null());
    assert!(observed.count() >= 3, "2026 to 2028 have observed days");
    assert_eq!(ics.by_uid().len(), holidays.len());
    let events: Vec<&Value> = ics.events().iter().collect();
    assert_holidays_match(&events, &holidays);

    // Two calendars: the one-off closures too, with long names.
    let config = temp_file(
        "closures.toml",
        "calendars = [\"us-federal\", \"us-federal-closures\"]\n",
    );
    let args = ["holidays", "--from", "2017", "--until", "2020"];
    let json = with_config(&config, &[&args[..], &["--format", "json"]].concat()).json();
    let ics = Export::of(&with_config(
        &config,
        &[&args[..], &["--format", "ics"]].concat(),
    ));
    let holidays: Vec<&Value> = array(&json).iter().collect();
    assert!(
        holidays
            .iter()
            .any(|h| h["calendar"] == "us-federal-closures")
    );
    assert_eq!(ics.by_uid().len(), holidays.len());
    let events: Vec<&Value> = ics.events().iter().collect();
    assert_holidays_match(&events, &holidays);
}

/// A configuration with three freezes: a yearly whole-day one, a timed one given with two
/// different offsets, and one for the Asian region only.
const FREEZES: &str = r#"
[[freeze]]
name = "Year-end freeze"
from = 2026-12-21
until = 2027-01-01
every = "year"

[[freeze]]
name = "Datacenter move"
from = 2027-01-20T12:00:00-08:00
until = 2027-01-22T18:00:00+01:00

[[freeze]]
name = "Lunar New Year"
from = 2027-02-05
until = 2027-02-12
regions = ["asia"]
"#;

/// A range without trains (every day blocked) is not an error for `calendar`: the feed still
/// lists the holidays and the seasons, and exits 0; `trains` exits 1 with the horizon error.
#[test]
fn calendar_without_trains_lists_the_rest() {
    let config = temp_file(
        "blocked.toml",
        "weekend = [\"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\", \"saturday\", \"sunday\"]\n",
    );
    let ics = Export::of(&with_config(
        &config,
        &["calendar", "--from", "2026-12-01", "--until", "2027-01-15"],
    ));
    let summaries: Vec<&str> = ics.events().iter().map(|e| str_of(&e["summary"])).collect();
    // The two holidays, and the year-end season, which no freeze of this file covers.
    assert!(
        summaries.iter().all(|s| !s.starts_with("Cutoff "))
            && summaries.len() == 3
            && summaries.contains(&"Seasonal freeze (not configured): Year-end freeze"),
        "{summaries:?}"
    );
    with_config(&config, &["trains", "--from", "2026-12-01"]).fails(1, &["no deploy day"]);
}

/// (5) `golive calendar`: trains as `trains` gives them, holidays as `holidays` gives them,
/// and each freeze on its days or at its instants.
#[test]
fn calendar_has_trains_holidays_and_freezes() {
    let config = temp_file("freezes.toml", FREEZES);
    let (from, until) = ("2026-11-01", "2027-02-28");
    let ics = Export::of(&with_config(
        &config,
        &["calendar", "--from", from, "--until", until],
    ));
    let uids = ics.by_uid();
    assert_eq!(uids.len(), ics.events().len());
    let (trains, rest): (Vec<&Value>, Vec<&Value>) = ics.events().iter().partition(|e| {
        let summary = str_of(&e["summary"]);
        summary.starts_with("Cutoff ") || summary.starts_with("Connector train leaves")
    });
    let (freezes, holidays): (Vec<&Value>, Vec<&Value>) = rest
        .into_iter()
        .partition(|e| str_of(&e["summary"]).starts_with("Freeze: "));

    // Trains: the same cutoffs and starts as `trains` over the same days.
    let json = with_config(
        &config,
        &[
            "trains", "--from", from, "--until", until, "--format", "json",
        ],
    )
    .json();
    let mut expected: Vec<String> = array(&json)
        .iter()
        .flat_map(|t| [utc(instant(&t["cutoff"])), utc(instant(&t["start"]))])
        .collect();
    let mut got: Vec<String> = trains
        .iter()
        .map(|e| str_of(&e["dtstart"]).to_string())
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    assert!(array(&json).len() >= 15);
    for e in &trains {
        if str_of(&e["summary"]).starts_with("Cutoff ") {
            assert_eq!(array(&e["alarms"]).len(), 2, "{e}");
        }
    }

    // Holidays: those of `holidays` that fall in the range.
    let json = with_config(
        &config,
        &[
            "holidays", "--from", "2026", "--until", "2027", "--format", "json",
        ],
    )
    .json();
    let in_range: Vec<&Value> = array(&json)
        .iter()
        .filter(|h| (from..=until).contains(&str_of(&h["date"])))
        .collect();
    assert_holidays_match(&holidays, &in_range);

    // Freezes.
    assert_eq!(freezes.len(), 3, "{:?}", ics.summaries());
    let year_end = ics.by_summary("Freeze: Year-end freeze");
    assert_days(
        year_end,
        "2026-12-21".parse().unwrap(),
        "2027-01-01".parse().unwrap(),
    );
    let moving = ics.by_summary("Freeze: Datacenter move");
    assert_eq!(moving["all_day"], false);
    assert_eq!(moving["dtstart"], "2027-01-20T20:00:00Z");
    assert_eq!(moving["dtend"], "2027-01-22T17:00:00Z");
    let lunar = ics.by_summary("Freeze: Lunar New Year");
    assert_days(
        lunar,
        "2027-02-05".parse().unwrap(),
        "2027-02-12".parse().unwrap(),
    );
    assert!(
        str_of(&lunar["description"]).contains("Asia (except Japan and India)"),
        "{lunar}"
    );
    assert!(
        !str_of(&year_end["description"]).contains("Asia"),
        "{year_end}"
    );

    // The yearly freeze's next window is outside the range; a wider range has it.
    let wider = Export::of(&with_config(
        &config,
        &["calendar", "--from", from, "--until", "2028-01-31"],
    ));
    let year_ends: Vec<&Value> = wider
        .events()
        .iter()
        .filter(|e| e["summary"] == "Freeze: Year-end freeze")
        .collect();
    assert_eq!(year_ends.len(), 2);
    assert_days(
        year_ends[1],
        "2027-12-21".parse().unwrap(),
        "2028-01-01".parse().unwrap(),
    );
}

/// Two freezes may share a name and a first day (Lunar New Year, longer in one region than
/// in another): they are two events, and need two UIDs.
#[test]
fn freezes_sharing_a_name_and_first_day_have_distinct_uids() {
    let config = temp_file(
        "lunar.toml",
        "[[freeze]]\nname = \"Lunar New Year\"\nfrom = 2027-02-05\nuntil = 2027-02-12\n\
         regions = [\"asia\"]\n\n\
         [[freeze]]\nname = \"Lunar New Year\"\nfrom = 2027-02-05\nuntil = 2027-02-08\n\
         regions = [\"europe\"]\n",
    );
    let ics = Export::of(&with_config(
        &config,
        &["calendar", "--from", "2027-01-01", "--until", "2027-02-28"],
    ));
    let mut freezes: Vec<(&str, &str)> = ics
        .events()
        .iter()
        .filter(|e| e["summary"] == "Freeze: Lunar New Year")
        .map(|e| (str_of(&e["dtstart"]), str_of(&e["dtend"])))
        .collect();
    freezes.sort();
    assert_eq!(
        freezes,
        [("2027-02-05", "2027-02-09"), ("2027-02-05", "2027-02-13")]
    );
    ics.by_uid();
}

/// The text without its DTSTAMP lines.
fn without_stamps(text: &str) -> String {
    text.split("\r\n")
        .filter(|l| !l.starts_with("DTSTAMP:"))
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// (6) UIDs come from content: two runs at different times differ only in DTSTAMP, two at
/// the same SOURCE_DATE_EPOCH are byte-identical, and no UID appears twice in a file.
#[test]
fn uids_are_stable_and_unique_and_dtstamp_is_the_generation_time() {
    let config = temp_file("freezes.toml", FREEZES);
    let batch = example("batch.toml");
    let commands: Vec<Vec<&str>> = vec![
        vec![
            "when",
            "--ready",
            "2026-12-18T10:00",
            "--format",
            "ics",
            "--name",
            "Contoso",
        ],
        vec!["plan", &batch, "--format", "ics"],
        vec![
            "trains",
            "--from",
            "2026-11-01",
            "--count",
            "10",
            "--format",
            "ics",
        ],
        vec![
            "holidays", "--from", "2026", "--until", "2028", "--format", "ics",
        ],
        vec!["calendar", "--from", "2026-11-01", "--until", "2027-02-28"],
    ];
    for args in &commands {
        let args = [&["--config", s(&config)][..], args].concat();
        let a = golive_at(Some("1700000000"), &args);
        let b = golive_at(Some("1800000000"), &args);
        let again = golive_at(Some("1700000000"), &args);
        assert_eq!(a.ok(), again.ok(), "{args:?} is not reproducible");
        assert_ne!(a.ok(), b.ok());
        assert_eq!(without_stamps(a.ok()), without_stamps(b.ok()), "{args:?}");
        let (ea, eb) = (Export::of(&a), Export::of(&b));
        let (ua, ub) = (ea.by_uid(), eb.by_uid());
        assert!(!ua.is_empty());
        assert_eq!(ua.keys().collect::<Vec<_>>(), ub.keys().collect::<Vec<_>>());
        for e in ea.events() {
            assert_eq!(e["dtstamp"], "2023-11-14T22:13:20Z", "{args:?}");
        }
        for e in eb.events() {
            assert_eq!(e["dtstamp"], "2027-01-15T08:00:00Z", "{args:?}");
        }
    }

    // Without SOURCE_DATE_EPOCH, DTSTAMP is the clock's reading.
    let before = Utc::now() - Duration::seconds(1);
    let run = golive_at(None, &commands[3]);
    let after = Utc::now() + Duration::seconds(1);
    for e in Export::of(&run).events() {
        let stamp = DateTime::parse_from_rfc3339(str_of(&e["dtstamp"])).unwrap();
        assert!(before <= stamp && stamp <= after, "{e}");
    }
    golive_at(Some("yesterday"), &commands[3]).fails(2, &["SOURCE_DATE_EPOCH"]);

    // A train keeps its UIDs whatever range it is listed in.
    let wide = Export::of(&golive(&[
        "trains",
        "--from",
        "2026-11-01",
        "--count",
        "10",
        "--format",
        "ics",
    ]));
    let narrow = Export::of(&golive(&[
        "trains",
        "--from",
        "2026-12-10",
        "--count",
        "3",
        "--format",
        "ics",
    ]));
    let wide = wide.by_uid();
    for (uid, e) in narrow.by_uid() {
        let w = wide
            .get(&uid)
            .unwrap_or_else(|| panic!("{uid} not in the wider list"));
        assert_eq!(w["dtstart"], e["dtstart"]);
        assert_eq!(w["summary"], e["summary"]);
    }
}

/// The SEQUENCE each event of `new` should have, given `old`: 0 if new, the old one if its
/// dates are the same, one more if they moved. Returns (moved UIDs, unmoved UIDs).
fn assert_sequences(old: &Export, new: &Export) -> (Vec<String>, Vec<String>) {
    let old = old.by_uid();
    let (mut moved, mut unmoved) = (Vec::new(), Vec::new());
    for (uid, e) in new.by_uid() {
        let seq = e["sequence"].as_u64().expect("SEQUENCE");
        match old.get(&uid) {
            None => assert_eq!(seq, 0, "{uid} is new"),
            Some(o) => {
                let before = o["sequence"].as_u64().unwrap();
                if o["dtstart"] == e["dtstart"] && o["dtend"] == e["dtend"] {
                    assert_eq!(seq, before, "{uid} did not move: {o} -> {e}");
                    unmoved.push(uid);
                } else {
                    assert_eq!(seq, before + 1, "{uid} moved: {o} -> {e}");
                    moved.push(uid);
                }
            }
        }
    }
    (moved, unmoved)
}

/// (7) `--previous`: events whose dates moved get SEQUENCE + 1, the others keep theirs;
/// `--previous` may be the `--out` file; it only applies to iCalendar.
#[test]
fn previous_export_bumps_sequence_of_moved_events() {
    let dir = temp_dir();
    let batch = example("batch.toml");
    let one_day = "[[freeze]]\nname = \"One day\"\nfrom = 2026-12-09\nuntil = 2026-12-09\n";
    let first = dir.path().join("first.toml");
    std::fs::write(&first, one_day).unwrap();
    let second = dir.path().join("second.toml");
    std::fs::write(
        &second,
        format!(
            "{one_day}\n[[freeze]]\nname = \"Asia\"\nfrom = 2026-12-01\nuntil = 2026-12-01\n\
             regions = [\"asia\"]\n\n[[freeze]]\nname = \"Monday\"\nfrom = 2026-12-14\n\
             until = 2026-12-14\n"
        ),
    )
    .unwrap();
    let a = dir.path().join("a.ics");
    let b = dir.path().join("b.ics");

    // A --previous that does not exist yet is a first export.
    golive(&[
        "plan",
        &batch,
        "--format",
        "ics",
        "--previous",
        s(&a),
        "--out",
        s(&a),
    ])
    .ok();
    let ea = Export::read(&a);
    assert!(ea.events().iter().all(|e| e["sequence"] == 0));
    // So is an empty one, as `touch` or a job that creates the file ahead leaves it.
    let empty = dir.path().join("empty.ics");
    std::fs::write(&empty, "\r\n").unwrap();
    let run = golive(&["plan", &batch, "--format", "ics", "--previous", s(&empty)]);
    assert_eq!(run.ok().matches("SEQUENCE:0").count(), ea.events().len());

    with_config(
        &first,
        &[
            "plan",
            &batch,
            "--format",
            "ics",
            "--previous",
            s(&a),
            "--out",
            s(&b),
        ],
    )
    .ok();
    let eb = Export::read(&b);
    let (moved, unmoved) = assert_sequences(&ea, &eb);
    assert!(!moved.is_empty() && !unmoved.is_empty(), "{moved:?}");
    assert!(eb.events().iter().any(|e| e["sequence"] == 1));

    // The dates are still the plan's.
    let json = with_config(&first, &["plan", &batch, "--format", "json"]).json();
    let names = region_names();
    for c in array(&json["connectors"]) {
        for r in array(&c["regions"]) {
            let summary = format!(
                "{} live in {}",
                str_of(&c["name"]),
                names[str_of(&r["key"])]
            );
            assert_eq!(eb.by_summary(&summary)["dtstart"], r["date"]);
        }
    }

    // Third export over the second file, which is also --previous.
    with_config(
        &second,
        &[
            "plan",
            &batch,
            "--format",
            "ics",
            "--previous",
            s(&b),
            "--out",
            s(&b),
        ],
    )
    .ok();
    let ec = Export::read(&b);
    let (moved_again, unmoved_again) = assert_sequences(&eb, &ec);
    assert!(!moved_again.is_empty() && !unmoved_again.is_empty());
    let twice: Vec<&String> = moved_again.iter().filter(|u| moved.contains(u)).collect();
    assert!(!twice.is_empty(), "no event moved in both re-exports");
    for uid in &twice {
        assert_eq!(ec.by_uid()[*uid]["sequence"], 2, "{uid}");
    }
    assert!(
        moved_again.iter().any(|u| !moved.contains(u)),
        "no event moved only in the third export"
    );
    assert!(
        unmoved_again.iter().any(|u| moved.contains(u)),
        "no event kept the SEQUENCE 1 it had"
    );

    // Trains: a freeze on a train's scheduled day moves its start, not its cutoff.
    let ta = dir.path().join("trains.ics");
    let args = [
        "trains",
        "--from",
        "2026-11-01",
        "--count",
        "6",
        "--format",
        "ics",
    ];
    golive(&[&args[..], &["--out", s(&ta)]].concat()).ok();
    let frozen = temp_file(
        "frozen.toml",
        "[[freeze]]\nname = \"Friday off\"\nfrom = 2026-11-20\nuntil = 2026-11-20\n",
    );
    let run = with_config(&frozen, &[&args[..], &["--previous", s(&ta)]].concat());
    let (old, new) = (Export::read(&ta), Export::of(&run));
    let (moved, _) = assert_sequences(&old, &new);
    assert!(!moved.is_empty());
    for uid in &moved {
        assert!(uid.contains("start"), "only starts move: {uid}");
    }

    // Calendar: a first export through a --previous that does not exist.
    let missing = dir.path().join("missing.ics");
    let run = golive(&[
        "calendar",
        "--from",
        "2026-11-01",
        "--until",
        "2026-12-31",
        "--previous",
        s(&missing),
    ]);
    assert!(Export::of(&run).events().iter().all(|e| e["sequence"] == 0));

    // --previous with a format other than ics is a usage error.
    for args in [
        vec!["when", "--ready", "2026-12-18", "--format", "json"],
        vec!["trains", "--from", "2026-11-01", "--format", "json"],
        vec!["holidays", "--year", "2027", "--format", "json"],
        vec!["plan", &batch, "--format", "json"],
        vec!["plan", &batch, "--format", "csv"],
        vec!["trains", "--from", "2026-11-01"],
    ] {
        golive(&[&args[..], &["--previous", s(&a)]].concat()).fails(2, &["--previous"]);
    }
}

/// The dates of a `when` answer: the train's instants, each region's day and skipped days
/// with their kinds (not the names, which say which calendar they came from).
fn when_dates(v: &Value) -> Value {
    let regions: Vec<Value> = array(&v["regions"])
        .iter()
        .map(|r| {
            let skipped: Vec<Value> = array(&r["skipped"])
                .iter()
                .map(|s| {
                    let kinds: Vec<&Value> =
                        array(&s["reasons"]).iter().map(|r| &r["kind"]).collect();
                    serde_json::json!([s["date"], kinds])
                })
                .collect();
            serde_json::json!([r["key"], r["date"], r["at"], skipped])
        })
        .collect();
    serde_json::json!([v["ready"], v["train"], regions])
}

/// The dates of a `trains` answer.
fn trains_dates(v: &Value) -> Value {
    let trains: Vec<Value> = array(v)
        .iter()
        .map(|t| {
            serde_json::json!([
                t["cutoff"],
                t["nominal_start"],
                t["start"],
                t["finish"],
                t["nominal_days"],
                t["regions"]
            ])
        })
        .collect();
    Value::Array(trains)
}

/// The dates of a `plan` answer.
fn plan_dates(v: &Value) -> Value {
    let trains: Vec<Value> = array(&v["trains"])
        .iter()
        .map(|t| serde_json::json!([t["start"], t["cutoff"], t["connectors"], t["regions"]]))
        .collect();
    let connectors: Vec<Value> = array(&v["connectors"])
        .iter()
        .map(|c| serde_json::json!([c["name"], c["train_start"], c["regions"]]))
        .collect();
    serde_json::json!([trains, connectors])
}

/// (8) An exported holiday calendar, imported with `calendars = ["that.ics"]`, blocks the same
/// days as the calendar it was exported from.
#[test]
fn exported_holidays_imported_as_a_calendar_give_the_same_answers() {
    let dir = temp_dir();
    let ics = dir.path().join("us-holidays.ics");
    golive(&[
        "holidays",
        "--from",
        "2026",
        "--until",
        "2030",
        "--format",
        "ics",
        "--out",
        s(&ics),
    ])
    .ok();
    Export::read(&ics);
    // A path relative to the configuration file's folder.
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "calendars = [\"us-holidays.ics\"]\n").unwrap();
    with_config(&config, &["config", "show"]).ok();

    let same = |args: &[&str], dates: fn(&Value) -> Value| {
        let default = golive(args).json();
        let imported = with_config(&config, args).json();
        assert_eq!(dates(&imported), dates(&default), "{args:?}");
    };
    let holidays =
        |v: &Value| -> Value { Value::Array(array(v).iter().map(|h| h["date"].clone()).collect()) };
    same(
        &[
            "holidays", "--from", "2026", "--until", "2030", "--format", "json",
        ],
        holidays,
    );
    let batch = example("batch.toml");
    same(&["plan", &batch, "--format", "json"], plan_dates);
    same(
        &["plan", &batch, "--capacity", "2", "--format", "json"],
        plan_dates,
    );
    same(
        &[
            "trains",
            "--from",
            "2026-01-01",
            "--until",
            "2030-11-30",
            "--format",
            "json",
        ],
        trains_dates,
    );
    for ready in READIES.iter().chain(&[
        "2027-12-20T10:00",
        "2028-06-15T08:00",
        "2028-12-21T09:00",
        "2029-11-20T12:00",
        "2030-05-24T09:00",
    ]) {
        same(&["when", "--ready", ready, "--format", "json"], when_dates);
    }
}

/// A 200-character name with commas, semicolons, a colon, quotes, a backslash, emoji and
/// other multibyte characters.
fn long_name() -> String {
    let pieces = [
        "Contoso, Ltd; ",
        "Überwachung: \"naïve\" café \\ ",
        "日本語のコネクタ ",
        "🚀✨🎉, ",
        "Ωμέγα; ",
        "Ünïcödé—Ω ",
        "中文連接器, ",
    ];
    let mut name: String = pieces.iter().cycle().take(40).copied().collect();
    name = name.chars().take(200).collect();
    if name.ends_with(char::is_whitespace) {
        name.pop();
        name.push('Z');
    }
    assert_eq!(name.chars().count(), 200);
    name
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Asserts no physical line splits a UTF-8 character (RFC 5545 folds between characters).
fn assert_lines_are_whole_characters(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        assert!(
            std::str::from_utf8(line).is_ok(),
            "line {} splits a UTF-8 character: {:?}",
            n + 1,
            String::from_utf8_lossy(line)
        );
    }
}

/// (9) A long name full of characters iCalendar escapes, and of multibyte ones, is folded and
/// escaped so that a reader gets it back exactly.
#[test]
fn long_names_survive_folding_and_escaping() {
    let name = long_name();
    let names = region_names();
    let batch = temp_file(
        "long.toml",
        &format!(
            "[[connector]]\nname = {}\nready = 2026-11-23T10:00:00-08:00\n\n\
             [[connector]]\nname = \"Plain\"\nready = 2026-11-23T10:00:00-08:00\n",
            toml_string(&name)
        ),
    );
    let json = golive(&["plan", s(&batch), "--format", "json"]).json();
    assert_eq!(json["connectors"][0]["name"], name.as_str());
    let out = batch.with_file_name("long.ics");
    golive(&["plan", s(&batch), "--format", "ics", "--out", s(&out)]).ok();
    let ics = Export::read(&out);
    assert_lines_are_whole_characters(&out);
    for r in array(&json["connectors"][0]["regions"]) {
        let region = &names[str_of(&r["key"])];
        let e = ics.by_summary(&format!("{name} live in {region}"));
        assert_eq!(e["dtstart"], r["date"]);
        assert!(str_of(&e["description"]).starts_with(&format!("{name} goes live in")));
    }

    let out = batch.with_file_name("when.ics");
    golive(&[
        "when",
        "--ready",
        "2026-12-18T10:00",
        "--name",
        &name,
        "--format",
        "ics",
        "--out",
        s(&out),
    ])
    .ok();
    let ics = Export::read(&out);
    assert_lines_are_whole_characters(&out);
    assert_eq!(ics.events().len(), REGIONS.len());
    for region in names.values() {
        ics.by_summary(&format!("{name} live in {region}"));
    }
    // Regression: the calendar's NAME (RFC 7986 TEXT) was written unescaped, so a comma or
    // semicolon in a connector's name ended the value for strict readers.
    let text = std::fs::read_to_string(&out).unwrap().replace("\r\n ", "");
    let escaped = format!("{name} go-live")
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,");
    assert!(
        text.lines().any(|l| l == format!("NAME:{escaped}")),
        "no escaped NAME line in {text}"
    );
}

/// Folding at every length: names from 1 to 160 octets (ASCII, two-byte, three-byte and
/// four-byte characters) put every content line's last folded piece at every length, and no
/// physical line may exceed 75 octets.
#[test]
fn every_folded_line_is_at_most_75_octets() {
    let mut toml = String::new();
    let mut names = Vec::new();
    for unit in ["x", "é", "語", "🚀"] {
        for n in 1..=160 / unit.len() {
            let name = format!("N{n} {}", unit.repeat(n));
            toml.push_str(&format!(
                "[[connector]]\nname = {}\nready = 2026-11-23T10:00:00-08:00\n\n",
                toml_string(&name)
            ));
            names.push(name);
        }
    }
    let batch = temp_file("lengths.toml", &toml);
    let out = batch.with_file_name("lengths.ics");
    golive(&["plan", s(&batch), "--format", "ics", "--out", s(&out)]).ok();
    let raw = std::fs::read(&out).unwrap();
    let long: Vec<String> = raw
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| l.len() > 75)
        .map(|l| format!("{} octets: {}", l.len(), String::from_utf8_lossy(l)))
        .collect();
    let distinct: std::collections::BTreeSet<&String> = long.iter().collect();
    assert!(
        long.is_empty(),
        "{} lines over 75 octets, such as:\n{}",
        long.len(),
        distinct
            .iter()
            .take(8)
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    let ics = Export::read(&out);
    let summaries: HashSet<String> = ics.summaries().into_iter().collect();
    for name in &names {
        assert!(
            summaries.contains(&format!("{name} live in Testing")),
            "{name}"
        );
    }
}
