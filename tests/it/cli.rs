//! End-to-end tests of the `golive` command: SPEC's worked examples, the JSON contract, every
//! command's formats, and bad input.

use crate::harness::{REGIONS, golive, region_dates, temp_file, with_config};

/// SPEC "Worked examples": every row, through the CLI, with the train's start.
#[test]
fn spec_worked_examples() {
    let rows = [
        (
            "2026-11-22T10:00-08:00",
            "2026-11-27T09:00:00-08:00",
            [
                "2026-11-27",
                "2026-11-30",
                "2026-12-01",
                "2026-12-02",
                "2026-12-03",
                "2026-12-04",
            ],
        ),
        (
            "2026-11-26T09:00:00",
            "2026-11-27T09:00:00-08:00",
            [
                "2026-11-27",
                "2026-11-30",
                "2026-12-01",
                "2026-12-02",
                "2026-12-03",
                "2026-12-04",
            ],
        ),
        (
            "2026-11-26T09:00:01",
            "2026-12-04T09:00:00-08:00",
            [
                "2026-12-04",
                "2026-12-07",
                "2026-12-08",
                "2026-12-09",
                "2026-12-10",
                "2026-12-11",
            ],
        ),
        (
            "2026-12-18T10:00",
            "2026-12-28T09:00:00-08:00",
            [
                "2026-12-28",
                "2026-12-29",
                "2026-12-30",
                "2026-12-31",
                "2027-01-04",
                "2027-01-05",
            ],
        ),
    ];
    for (ready, start, dates) in rows {
        let v = golive(&["when", "--ready", ready, "--format", "json"]).json();
        assert_eq!(v["train"]["start"], start, "ready {ready}");
        assert_eq!(region_dates(&v), dates, "ready {ready}");
    }
}

/// SPEC "Output contract" for `golive when --format json`.
#[test]
fn when_json_contract() {
    let v = golive(&[
        "when",
        "--ready",
        "2026-11-22T10:00-08:00",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["ready"], "2026-11-22T10:00:00-08:00");
    assert_eq!(v["train"]["cutoff"], "2026-11-26T09:00:00-08:00");
    assert_eq!(v["train"]["nominal_start"], "2026-11-27T09:00:00-08:00");
    assert_eq!(v["train"]["start"], "2026-11-27T09:00:00-08:00");
    let regions = v["regions"].as_array().unwrap();
    let keys: Vec<&str> = regions.iter().map(|r| r["key"].as_str().unwrap()).collect();
    assert_eq!(keys, REGIONS);
    for r in regions {
        for key in ["key", "name", "date", "at", "skipped"] {
            assert!(r.get(key).is_some(), "region lacks {key}: {r}");
        }
        let at = r["at"].as_str().unwrap();
        assert!(at.starts_with(r["date"].as_str().unwrap()) && at.ends_with("T09:00:00-08:00"));
        for s in r["skipped"].as_array().unwrap() {
            assert!(s["date"].as_str().unwrap().len() == 10);
            for reason in s["reasons"].as_array().unwrap() {
                let kind = reason["kind"].as_str().unwrap();
                assert!(["weekend", "holiday", "freeze", "cutoff"].contains(&kind));
                assert!(!reason["name"].as_str().unwrap().is_empty());
            }
        }
    }
    // Testing waited from Sunday: the weekend, three days before the train, Thanksgiving.
    let testing = &regions[0]["skipped"];
    assert_eq!(testing.as_array().unwrap().len(), 5);
    assert_eq!(testing[0]["reasons"][0]["kind"], "weekend");
    assert_eq!(testing[1]["reasons"][0]["kind"], "cutoff");
    assert_eq!(testing[4]["date"], "2026-11-26");
    assert_eq!(testing[4]["reasons"][0]["kind"], "holiday");
    assert_eq!(testing[4]["reasons"][0]["name"], "Thanksgiving Day");
    // US preview passed over the weekend.
    let dates: Vec<&str> = regions[1]["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-11-28", "2026-11-29"]);
}

#[test]
fn missed_cutoff_is_explained() {
    let v = golive(&["when", "--ready", "2026-11-26T09:00:01", "--format", "json"]).json();
    let friday = v["regions"][0]["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["date"] == "2026-11-27")
        .unwrap()
        .clone();
    assert_eq!(friday["reasons"][0]["kind"], "cutoff");
    assert!(
        friday["reasons"][0]["name"]
            .as_str()
            .unwrap()
            .contains("missed the cutoff")
    );
}

/// Issue 13: `--where Japan` answered in São Paulo time, on the Pacific date; it answers in
/// Japan's, with the schedule zone's date and time beside it since the date differs.
#[test]
fn where_answers_first_and_plainly() {
    let out = golive(&["when", "--ready", "2026-12-18T10:00", "--where", "japan"]);
    let first = out.ok().lines().next().unwrap().to_string();
    assert_eq!(
        first,
        "Japan (region Brazil, Canada, Japan and India) goes live on Tue 2027-01-05 at 02:00 JST \
         in Asia/Tokyo (Mon 2027-01-04 09:00 PST). Be ready by Fri 2026-12-25 02:00 JST \
         (Thu 2026-12-24 09:00 PST) to ride this train."
    );
    let out = golive(&["when", "--ready", "2026-12-18T10:00", "--where", "Europe"]);
    let first = out.ok().lines().next().unwrap().to_string();
    assert_eq!(
        first,
        "Europe (except UK) goes live on Thu 2026-12-31 at 18:00 CET in Europe/Amsterdam. \
         Be ready by Thu 2026-12-24 18:00 CET to ride this train."
    );
    let v = golive(&[
        "when",
        "--ready",
        "2026-12-18T10:00",
        "--where",
        "UK",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["where"]["key"], "au-uk-us");
}

#[test]
fn explain_lists_every_skipped_day() {
    let out = golive(&["when", "--ready", "2026-12-18T10:00", "--explain"]);
    let text = out.ok();
    assert!(
        text.contains("Fri 2026-12-25  holiday: Christmas Day"),
        "{text}"
    );
    assert!(
        text.contains("Fri 2027-01-01  holiday: New Year's Day"),
        "{text}"
    );
    assert!(text.contains("Sat 2027-01-02  weekend: Saturday"), "{text}");
}

#[test]
fn tz_reads_local_times_in_another_zone() {
    // 2026-11-27 02:00 in Tokyo is Thursday 09:00 in Los Angeles: exactly the cutoff.
    let v = golive(&[
        "when",
        "--ready",
        "2026-11-27T02:00",
        "--tz",
        "Asia/Tokyo",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["ready"], "2026-11-27T02:00:00+09:00");
    assert_eq!(v["train"]["start"], "2026-11-27T09:00:00-08:00");
    let v = golive(&[
        "when",
        "--ready",
        "2026-11-27T02:00:01",
        "--tz",
        "Asia/Tokyo",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["train"]["start"], "2026-12-04T09:00:00-08:00");
}

#[test]
fn when_csv_has_a_header_and_a_row_per_region() {
    let out = golive(&[
        "when",
        "--ready",
        "2026-11-22T10:00-08:00",
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = out.ok().lines().collect();
    assert!(lines[0].starts_with("key,name,date,"));
    assert_eq!(lines.len(), 7);
    assert!(lines[4].starts_with("europe,Europe (except UK),2026-12-02,"));
}

#[test]
fn when_now_uses_the_clock() {
    let v = golive(&["when", "--format", "json"]).json();
    assert!(v["ready"].as_str().unwrap().len() >= 20);
    assert_eq!(v["regions"].as_array().unwrap().len(), 6);
}

#[test]
fn trains_lists_moves_by_holidays() {
    let v = golive(&[
        "trains",
        "--from",
        "2026-12-01",
        "--count",
        "6",
        "--format",
        "json",
    ])
    .json();
    let trains = v.as_array().unwrap();
    assert_eq!(trains.len(), 6);
    let christmas = trains
        .iter()
        .find(|t| t["nominal_start"] == "2026-12-25T09:00:00-08:00")
        .unwrap();
    assert_eq!(christmas["start"], "2026-12-28T09:00:00-08:00");
    assert_eq!(christmas["cutoff"], "2026-12-24T09:00:00-08:00");
    assert_eq!(christmas["finish"], "2027-01-05");
    assert_eq!(christmas["moved_by"][0]["name"], "Christmas Day");
    let until = golive(&[
        "trains",
        "--from",
        "2026-12-01",
        "--until",
        "2026-12-31",
        "--format",
        "csv",
    ]);
    assert_eq!(until.ok().lines().count(), 1 + 4, "{}", until.stdout);
}

#[test]
fn trains_merge_during_a_freeze_with_the_latest_cutoff() {
    let cfg = temp_file(
        "freeze.toml",
        "[[freeze]]\nname = \"Year-end freeze\"\nfrom = 2026-12-01\nuntil = 2026-12-20\n",
    );
    let cfg = cfg.to_str().unwrap();
    let v = golive(&[
        "--config",
        cfg,
        "trains",
        "--from",
        "2026-11-30",
        "--count",
        "1",
        "--format",
        "json",
    ])
    .json();
    let t = &v[0];
    assert_eq!(t["start"], "2026-12-21T09:00:00-08:00");
    assert_eq!(t["nominal_days"].as_array().unwrap().len(), 3);
    assert_eq!(t["cutoff"], "2026-12-17T09:00:00-08:00");
    // A connector ready after the first frozen train's cutoff still rides the merged train.
    let w = golive(&[
        "--config",
        cfg,
        "when",
        "--ready",
        "2026-12-17T09:00",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(w["train"]["start"], "2026-12-21T09:00:00-08:00");
    let reasons = &w["regions"][0]["skipped"];
    assert!(
        reasons
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["reasons"][0]["kind"] == "freeze")
    );
}

#[test]
fn skip_policy_cancels_blocked_trains() {
    let cfg = temp_file("skip.toml", "blocked_start = \"skip\"\n");
    let v = with_config(
        &cfg,
        &["when", "--ready", "2026-12-18T10:00", "--format", "json"],
    )
    .json();
    // The Christmas train is cancelled; the next train leaves Friday Jan 8 (Jan 1 is too).
    assert_eq!(v["train"]["start"], "2027-01-08T09:00:00-08:00");
}

#[test]
fn holidays_json_marks_observed_days() {
    let v = golive(&["holidays", "--year", "2027", "--format", "json"]).json();
    let days = v.as_array().unwrap();
    let last = days.last().unwrap();
    assert_eq!(last["date"], "2027-12-31");
    assert_eq!(last["name"], "New Year's Day");
    assert_eq!(last["observes"], "2028-01-01");
    assert!(days.iter().filter(|d| d["observes"].is_null()).count() == 11);
    let v = golive(&[
        "holidays", "--from", "1971", "--until", "2099", "--format", "json",
    ])
    .json();
    assert!(v.as_array().unwrap().len() > 130 * 10);
}

/// Regression (issue 14): `holidays --year 1970` printed an empty table and `--year 2150`
/// answered past 2099, both with exit 0; a year outside the supported ones is refused,
/// naming the argument, the value and the years.
#[test]
fn holidays_outside_the_supported_years_are_refused() {
    let cases: [(&[&str], &str, &str); 5] = [
        (&["--year", "1970"], "--year", "1970"),
        (&["--year", "2150"], "--year", "2150"),
        (&["--from", "1970", "--until", "2026"], "--from", "1970"),
        (&["--from", "2026", "--until", "2100"], "--until", "2100"),
        (&["--from", "2150", "--until", "2151"], "--from", "2150"),
    ];
    for (args, flag, value) in cases {
        for format in ["table", "json"] {
            let run = golive(&[&["holidays"], args, &["--format", format]].concat());
            run.fails(2, &[flag, &format!("'{value}'"), "1971 to 2099"]);
            assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        }
    }
    for edge in ["1971", "2099"] {
        let v = golive(&["holidays", "--year", edge, "--format", "json"]).json();
        assert!(!v.as_array().unwrap().is_empty(), "{edge}");
    }
}

#[test]
fn config_show_round_trips_through_check() {
    let shown = golive(&["config", "show"]);
    let path = temp_file("shown.toml", shown.ok());
    let check = golive(&["config", "check", path.to_str().unwrap()]);
    assert!(check.ok().contains(": ok (6 regions"));
    // Read back, it is the same configuration: it shows the same and answers the same.
    let again = with_config(&path, &["config", "show"]);
    assert_eq!(again.ok(), shown.ok());
    let trains = [
        "trains",
        "--from",
        "2026-11-01",
        "--count",
        "60",
        "--format",
        "json",
    ];
    assert_eq!(with_config(&path, &trains).ok(), golive(&trains).ok());
}

#[test]
fn config_layers_from_the_environment() {
    let cfg = temp_file("env.toml", "deploy_time = \"10:30\"\n");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_golive"))
        .args([
            "when",
            "--ready",
            "2026-11-22T10:00-08:00",
            "--format",
            "json",
        ])
        .env("GOLIVE_CONFIG", &*cfg)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["train"]["start"], "2026-11-27T10:30:00-08:00");
}

#[test]
fn bad_arguments_exit_2_naming_argument_and_value() {
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["when", "--ready", "2026-02-30"],
            &["--ready", "2026-02-30"],
        ),
        (
            &["when", "--ready", "2026-11-22T24:00"],
            &["--ready", "2026-11-22T24:00"],
        ),
        (
            &["when", "--ready", "next friday"],
            &["--ready", "next friday"],
        ),
        (&["when", "--tz", "Mars/Olympus"], &["--tz", "Mars/Olympus"]),
        (&["when", "--where", "Atlantis"], &["--where", "Atlantis"]),
        (
            &["trains", "--from", "2026-11-31"],
            &["--from", "2026-11-31"],
        ),
        (&["trains", "--count", "0"], &["--count", "0"]),
        (
            &["trains", "--from", "2026-12-01", "--until", "2026-11-01"],
            &["--until"],
        ),
        (&["holidays", "--year", "twenty"], &["--year", "twenty"]),
        (
            &["config", "check", "/definitely/not/here.toml"],
            &["/definitely/not/here.toml"],
        ),
        (&["when", "--format", "xml"], &["xml"]),
        (
            &["when", "--ready", "0001-01-01"],
            &["--ready", "0001-01-01", "1971 to 2099"],
        ),
        (
            &["trains", "--from", "2999-01-01"],
            &["--from", "2999-01-01"],
        ),
    ];
    for (args, needles) in cases {
        golive(args).fails(2, needles);
    }
}

#[test]
fn bad_config_files_exit_2_naming_file_line_column_and_value() {
    let cases = [
        ("timezone = \"Europe/Pariss\"\n", ":1:12:", "Europe/Pariss"),
        ("colour = \"red\"\n", ":1:1:", "colour"),
        ("cutoff_hours = \"24\"\n", ":1:16:", "24"),
        ("max_per_train = -1\n", ":1:17:", "-1"),
        ("deploy_time = \"9am\"\n", ":1:15:", "9am"),
        ("weekend = [\"caturday\"]\n", ":1:12:", "caturday"),
        ("calendars = [\"moon\"]\n", ":1:14:", "moon"),
        ("calendars = [\"missing.toml\"]\n", ":1:14:", "missing.toml"),
        (
            "[[freeze]]\nname = \"x\"\nfrom = 2026-12-20\nuntil = 2026-12-01\n",
            ":4:9:",
            "2026-12-01",
        ),
        (
            "[[freeze]]\nname = \"x\"\nfrom = 2026-12-20\nuntil = 2026-12-21\nregions = [\"mars\"]\n",
            ":5:12:",
            "mars",
        ),
        (
            "[[freeze]]\nname = \"x\"\nfrom = \"soon\"\nuntil = 2026-12-21\n",
            ":3:8:",
            "soon",
        ),
        (
            "[[region]]\nkey = \"a\"\nafter = [\"b\"]\n[[region]]\nkey = \"b\"\nafter = [\"a\"]\n",
            "cycle",
            "a -> b",
        ),
        (
            "[[region]]\nkey = \"a\"\nafter = [\"zz\"]\n",
            ":3:10:",
            "zz",
        ),
        ("timezone = \n", ":1:", "timezone"),
    ];
    for (text, place, value) in cases {
        let path = temp_file("bad.toml", text);
        let p = path.to_str().unwrap();
        for args in [vec!["--config", p, "when"], vec!["config", "check", p]] {
            golive(&args).fails(2, &[p, place, value]);
        }
    }
}

#[test]
fn bad_calendar_file_is_located() {
    let cal = temp_file(
        "company.toml",
        "[[holiday]]\nname = \"X\"\nrule.fixed = { month = 13, day = 1 }\n",
    );
    let cfg = temp_file(
        "cfg.toml",
        &format!(
            "calendars = [\"us-federal\", {:?}]\n",
            cal.to_str().unwrap()
        ),
    );
    with_config(&cfg, &["when"]).fails(2, &["company.toml:3:24", "month 13"]);
}

#[test]
fn own_calendar_files_combine_with_the_default() {
    let cal = temp_file(
        "company.toml",
        "name = \"Company\"\n[[holiday]]\nname = \"Company shutdown\"\nrule.date = 2026-11-27\n",
    );
    let cfg = temp_file(
        "cfg.toml",
        "calendars = [\"us-federal\", \"company.toml\"]\n",
    );
    std::fs::copy(&cal, cfg.parent().unwrap().join("company.toml")).unwrap();
    let v = with_config(
        &cfg,
        &["when", "--ready", "2026-11-22T10:00", "--format", "json"],
    )
    .json();
    assert_eq!(v["train"]["start"], "2026-11-30T09:00:00-08:00");
    let closures = temp_file(
        "c.toml",
        "calendars = [\"us-federal\", \"us-federal-closures\"]\n",
    );
    let h = with_config(
        &closures,
        &["holidays", "--year", "2019", "--format", "json"],
    )
    .json();
    assert!(
        h.as_array()
            .unwrap()
            .iter()
            .any(|d| d["date"] == "2019-12-24")
    );
}

#[test]
fn a_config_that_blocks_every_day_gets_the_horizon_error() {
    let cfg = temp_file(
        "blocked.toml",
        "weekend = [\"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\", \"saturday\", \"sunday\"]\n",
    );
    let started = std::time::Instant::now();
    with_config(&cfg, &["when", "--ready", "2026-11-22"])
        .fails(1, &["horizon", "testing", "weekend"]);
    // Generous bound: this guards against a hang, not a speed target.
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let cfg = temp_file(
        "frozen.toml",
        "[[freeze]]\nname = \"Forever\"\nfrom = 2026-11-01\nuntil = 2040-01-01\nregions = [\"europe\"]\n",
    );
    with_config(&cfg, &["when", "--ready", "2026-11-22"])
        .fails(1, &["europe", "freeze \"Forever\""]);
}

/// Regression: `plan --format json | head -1` said "cannot write <stdout>: Broken pipe", since
/// the JSON serializer's error hid the pipe's.
#[test]
fn broken_pipe_is_not_an_error() {
    use std::process::{Command, Stdio};
    let batch = concat!(env!("CARGO_MANIFEST_DIR"), "/config/examples/batch.toml");
    let holidays = ["holidays", "--from", "1971", "--until", "2099"];
    let mut runs: Vec<Vec<&str>> = vec![holidays.to_vec()];
    for format in ["table", "json", "csv", "ics"] {
        runs.push(vec!["plan", batch, "--format", format]);
    }
    for args in runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_golive"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Regression: chrono-tz lists no DST transitions past 2099, so 2100 would be read as PST all
/// summer; such readiness is refused rather than answered an hour off.
#[test]
fn readiness_past_the_time_zone_data_is_refused() {
    golive(&["when", "--ready", "2100-07-01T09:30-07:00"])
        .fails(2, &["--ready", "2100-07-01T09:30-07:00", "1971 to 2099"]);
    // Late 2099 still answers while the rollout stays within the data.
    let v = golive(&["when", "--ready", "2099-06-01", "--format", "json"]).json();
    assert_eq!(v["train"]["cutoff"], "2099-06-04T09:00:00-07:00");
}

/// Regression: with `skip` and a start weekday that is always blocked, the error says every
/// train is cancelled, and `trains` fails instead of printing an empty table.
#[test]
fn skip_cancelling_every_train_is_a_clear_horizon_error() {
    let cfg = temp_file(
        "skip.toml",
        "start_weekday = \"saturday\"\nblocked_start = \"skip\"\n",
    );
    let cfg = cfg.to_str().unwrap();
    golive(&["--config", cfg, "when", "--ready", "2026-11-22"])
        .fails(1, &["train that is not cancelled", "saturday", "weekend"]);
    golive(&["--config", cfg, "trains", "--from", "2026-11-22"])
        .fails(1, &["train that is not cancelled"]);
}

/// Regression: the horizon error names the freeze even when the search ends inside it.
#[test]
fn horizon_error_names_the_freeze_that_caused_it() {
    let cfg = temp_file(
        "long.toml",
        "calendars = []\n[[freeze]]\nname = \"Long\"\nfrom = 2026-11-01\nuntil = 2029-11-19\n",
    );
    with_config(&cfg, &["when", "--ready", "2026-11-22"]).fails(1, &["freeze \"Long\""]);
}

#[test]
fn invalid_utf8_config_is_located() {
    let path = temp_file("utf8.toml", "");
    std::fs::write(&path, b"# ok\ntimezone = \"\xff\xfe\"\n").unwrap();
    let p = path.to_str().unwrap();
    golive(&["--config", p, "when"]).fails(2, &[&format!("{p}:2:13"), "0xFF"]);
}

#[test]
fn where_prefers_keys_and_places_belong_to_one_region() {
    let cfg = temp_file(
        "regions.toml",
        "[[region]]\nkey = \"a\"\nname = \"b\"\n[[region]]\nkey = \"b\"\nafter = [\"a\"]\n",
    );
    let v = with_config(
        &cfg,
        &[
            "when",
            "--ready",
            "2026-11-22",
            "--where",
            "b",
            "--format",
            "json",
        ],
    )
    .json();
    assert_eq!(v["where"]["key"], "b");
    let dup = temp_file(
        "dup.toml",
        "[[region]]\nkey = \"a\"\nmembers = [\"Japan\"]\n[[region]]\nkey = \"b\"\nmembers = [\"japan\"]\n",
    );
    with_config(&dup, &["when"]).fails(2, &[":3:12:", "Japan"]);
    let empty = temp_file("empty.toml", "[[region]]\nkey = \"a\"\nmembers = [\" \"]\n");
    with_config(&empty, &["when"]).fails(2, &[":3:12:", "empty member"]);
}

#[test]
fn a_failed_write_says_write() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_golive"))
        .args(["holidays", "--from", "1971", "--until", "2099"])
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot write <stdout>"), "{err}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn deploy_time_may_be_a_toml_time() {
    let cfg = temp_file("t.toml", "deploy_time = 10:30:00\n");
    let v = with_config(&cfg, &["when", "--ready", "2026-11-22", "--format", "json"]).json();
    assert_eq!(v["train"]["start"], "2026-11-27T10:30:00-08:00");
}

/// Files above the documented sizes are refused before they are read: 64 MB for
/// configuration, calendar and .ics files, 512 MB for CSV batches.
#[test]
fn oversized_files_are_refused_with_their_size() {
    let big = |name: &str, len: u64| {
        let path = temp_file(name, "");
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(len)
            .unwrap();
        path
    };
    let config = big("huge.toml", (64 << 20) + 1);
    with_config(&config, &["when", "--ready", "2026-11-22"])
        .fails(2, &["huge.toml", "the file is 65 MB", "up to 64 MB"]);
    let calendar = big("huge.ics", 100 << 20);
    let cfg = calendar.with_file_name("c.toml");
    std::fs::write(&cfg, "calendars = [\"huge.ics\"]\n").unwrap();
    with_config(&cfg, &["holidays"]).fails(2, &["c.toml:1:", "huge.ics", "up to 64 MB"]);
    let batch = big("huge.csv", (512 << 20) + 1);
    golive(&["plan", batch.to_str().unwrap()]).fails(2, &["huge.csv", "up to 512 MB"]);
}
