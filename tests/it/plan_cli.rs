//! `golive plan` end to end: the example batch in both formats, the JSON and CSV contract,
//! capacity, what-if, atomic `--out`, and bad batches.

use std::path::Path;

use crate::harness::{golive, temp_file, with_config};

const TOML: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/examples/batch.toml");
const CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/examples/batch.csv");
const EARLY_FREEZE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/config/examples/early-freeze.toml"
);

fn connector<'a>(plan: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    plan["connectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no connector {name}"))
}

fn dates(c: &serde_json::Value) -> Vec<&str> {
    c["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect()
}

#[test]
fn example_batch_plans_the_same_from_toml_and_csv() {
    let toml = golive(&["plan", TOML, "--format", "json"]).json();
    let csv = golive(&["plan", CSV, "--format", "json"]).json();
    assert_eq!(toml, csv);
    // SPEC "Output contract" keys.
    let train = &toml["trains"][0];
    for key in ["start", "cutoff", "connectors"] {
        assert!(!train[key].is_null(), "trains[0] lacks {key}");
    }
    assert_eq!(train["start"], "2026-11-27T09:00:00-08:00");
    assert_eq!(train["cutoff"], "2026-11-26T09:00:00-08:00");
    let c = connector(&toml, "Africa's Talking Voice");
    assert_eq!(c["ready"], "2026-12-18T10:00:00-08:00");
    // After Africa's Talking SMS, which finishes Mon 12-28 (Christmas moved its last day);
    // the train of New Year's Day leaves Monday Jan 4.
    assert_eq!(c["train_start"], "2027-01-04T09:00:00-08:00");
    assert_eq!(c["regions"][0]["key"], "testing");
    assert_eq!(
        dates(c),
        [
            "2027-01-04",
            "2027-01-05",
            "2027-01-06",
            "2027-01-07",
            "2027-01-08",
            "2027-01-11"
        ]
    );
    assert_eq!(c["pushed"][0]["kind"], "dependency");
    assert_eq!(c["pushed"][0]["on"], "Africa's Talking SMS");
    let c = connector(&toml, "Akeyless Secrets Manager");
    assert_eq!(c["pushed"][0]["kind"], "not_before");
    assert_eq!(c["train_start"], "2026-12-11T09:00:00-08:00");
}

#[test]
fn capacity_fills_trains_by_priority() {
    let plan = golive(&["plan", TOML, "--capacity", "4", "--format", "json"]).json();
    assert_eq!(plan["capacity"], 4);
    let first = &plan["trains"][0];
    assert_eq!(first["full"], true);
    // Priority 5, then 2, then 1, then the earliest ready among the rest.
    assert_eq!(
        first["connectors"],
        serde_json::json!([
            "Azure Communication Services Identity",
            "Adobe Creative Cloud Libraries",
            "BoldSign",
            "AssemblyAI"
        ])
    );
    let blueink = connector(&plan, "Blueink");
    assert_eq!(blueink["train_start"], "2026-12-04T09:00:00-08:00");
    assert_eq!(
        blueink["pushed"],
        serde_json::json!([{"kind": "capacity", "trains": 1}])
    );
    let table = golive(&["plan", TOML, "--capacity", "4"]);
    let out = table.ok();
    assert!(out.contains("4/4 full"), "{out}");
    assert!(out.contains("missed 1 full train"), "{out}");
    // A configuration's max_per_train is used, and --capacity overrides it.
    let config = temp_file("cap.toml", "max_per_train = 1\n");
    let plan = with_config(&config, &["plan", TOML, "--format", "json"]).json();
    assert_eq!(plan["trains"][0]["riders"], 1);
    let plan = with_config(
        &config,
        &["plan", TOML, "--format", "json", "--capacity", "unlimited"],
    )
    .json();
    assert_eq!(plan["capacity"], serde_json::Value::Null);
    assert_eq!(plan["trains"][0]["riders"], 5);
}

#[test]
fn csv_output_has_contract_columns() {
    let out = golive(&["plan", CSV, "--format", "csv"]);
    let mut lines = out.ok().lines();
    assert_eq!(
        lines.next().unwrap(),
        "name,ready,train_start,testing,us-preview,asia,europe,br-ca-jp-in,au-uk-us,pushed,note"
    );
    // The batch falls in the year-end season, which the default does not freeze: the note
    // gives the train's dates if that freeze recurred, and no date changes.
    assert_eq!(
        lines.next().unwrap(),
        "Adobe Creative Cloud Libraries,2026-11-23T10:00:00-08:00,2026-11-27T09:00:00-08:00,\
         2026-11-27,2026-11-30,2026-12-01,2026-12-02,2026-12-03,2026-12-04,,\
         \"seasonal freeze: Year-end freeze (2026-11-20 to 2027-01-06, not configured); if it recurs: \
         testing 2027-01-07, us-preview 2027-01-08, asia 2027-01-11, europe 2027-01-12, \
         br-ca-jp-in 2027-01-13, au-uk-us 2027-01-14\""
    );
    assert_eq!(lines.count(), 15);
}

#[test]
fn what_if_reports_every_moved_date_and_a_summary() {
    let run = golive(&["plan", TOML, "--what-if", EARLY_FREEZE]);
    let out = run.ok();
    assert!(
        out.starts_with("12 of 16 connectors slip, by 14 to 39 days."),
        "{out}"
    );
    let json = golive(&["plan", TOML, "--what-if", EARLY_FREEZE, "--format", "json"]).json();
    assert_eq!(
        json["summary"],
        "12 of 16 connectors slip, by 14 to 39 days"
    );
    assert_eq!(json["slipped"]["connectors"], 12);
    let before = golive(&["plan", TOML, "--format", "json"]).json();
    let mut after_layers = String::from(include_str!("../../config/examples/early-freeze.toml"));
    after_layers.push('\n');
    let after_config = temp_file("after.toml", &after_layers);
    let after = with_config(&after_config, &["plan", TOML, "--format", "json"]).json();
    // Every change is a real difference between the two plans, and every difference is listed.
    let mut expected = Vec::new();
    for (b, a) in before["connectors"]
        .as_array()
        .unwrap()
        .iter()
        .zip(after["connectors"].as_array().unwrap())
    {
        for (rb, ra) in b["regions"].as_array().unwrap().iter().zip(ra_array(a)) {
            if rb["date"] != ra["date"] {
                expected.push((
                    b["name"].clone(),
                    rb["key"].clone(),
                    rb["date"].clone(),
                    ra["date"].clone(),
                ));
            }
        }
    }
    let listed: Vec<_> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].clone(),
                c["region"].clone(),
                c["old"].clone(),
                c["new"].clone(),
            )
        })
        .collect();
    assert_eq!(listed, expected);
    let csv = golive(&["plan", TOML, "--what-if", EARLY_FREEZE, "--format", "csv"]);
    assert!(csv.ok().starts_with("name,region,old,new,days\n"));
    assert_eq!(csv.ok().lines().count(), expected.len() + 1);
    // The same configuration twice moves nothing.
    let same = temp_file("same.toml", "");
    let run = golive(&["plan", TOML, "--what-if", same.to_str().unwrap()]);
    assert_eq!(
        run.ok(),
        "No connector moves: all 16 connectors keep their dates.\n"
    );
}

#[test]
fn what_if_with_other_region_keys_says_nothing_was_compared() {
    let renamed = temp_file(
        "renamed.toml",
        "[[region]]\nkey = \"test\"\nname = \"Test\"\ntimezone = \"UTC\"\n\
         [[region]]\nkey = \"prod\"\nname = \"Prod\"\ntimezone = \"UTC\"\n",
    );
    let out = golive(&["plan", TOML, "--what-if", renamed.to_str().unwrap()]);
    assert!(
        out.ok().starts_with("No region is in both configurations"),
        "{}",
        out.stdout
    );
}

fn ra_array(c: &serde_json::Value) -> &Vec<serde_json::Value> {
    c["regions"].as_array().unwrap()
}

#[test]
fn out_writes_atomically_and_keeps_the_old_file_on_failure() {
    let dir = temp_file("placeholder", "");
    let dir = dir.parent().unwrap();
    let out = dir.join("plan.csv");
    let out_s = out.to_str().unwrap();
    let run = golive(&["plan", CSV, "--format", "csv", "--out", out_s]);
    assert_eq!(run.ok(), "");
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written, golive(&["plan", CSV, "--format", "csv"]).ok());

    // A failing run (bad batch, bad capacity, horizon) leaves the old file as it was.
    let bad = temp_file("bad.csv", "name,ready\nA,soon\n");
    golive(&["plan", bad.to_str().unwrap(), "--out", out_s]).fails(2, &["bad.csv:2:3"]);
    golive(&["plan", CSV, "--capacity", "0", "--out", out_s]).fails(2, &["--capacity"]);
    let far = temp_file(
        "far.csv",
        "name,ready,not_before\nA,2026-11-23,2040-01-01\n",
    );
    golive(&["plan", far.to_str().unwrap(), "--out", out_s]).fails(1, &["no train"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);
    assert_no_temporaries(dir);

    // A failed run never creates the file either.
    let fresh = dir.join("fresh.json");
    golive(&[
        "plan",
        bad.to_str().unwrap(),
        "--out",
        fresh.to_str().unwrap(),
    ])
    .fails(2, &[]);
    assert!(!fresh.exists());

    // An unwritable place is a clear error naming it.
    let nowhere = dir.join("no-such-dir").join("plan.csv");
    golive(&["plan", CSV, "--out", nowhere.to_str().unwrap()])
        .fails(2, &["cannot write", "no-such-dir", "does not exist"]);
    golive(&["plan", CSV, "--out", dir.to_str().unwrap()]).fails(2, &["is a directory"]);
    assert_no_temporaries(dir);

    // Regression: --out naming an input replaced the batch with its plan.
    let batch = dir.join("batch.csv");
    std::fs::copy(CSV, &batch).unwrap();
    let b = batch.to_str().unwrap();
    golive(&["plan", b, "--out", b]).fails(2, &["--out", "is the input file"]);
    assert_eq!(
        std::fs::read_to_string(&batch).unwrap(),
        std::fs::read_to_string(CSV).unwrap()
    );
    // Through a symbolic link the target is written and the link kept.
    #[cfg(unix)]
    {
        let link = dir.join("link.csv");
        std::os::unix::fs::symlink(&out, &link).unwrap();
        golive(&[
            "plan",
            CSV,
            "--format",
            "json",
            "--out",
            link.to_str().unwrap(),
        ])
        .ok();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(std::fs::read_to_string(&out).unwrap().starts_with('{'));
    }
    // A read-only file is not replaced.
    let ro = dir.join("ro.csv");
    std::fs::write(&ro, "keep").unwrap();
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms).unwrap();
    golive(&["plan", CSV, "--out", ro.to_str().unwrap()]).fails(2, &["read-only"]);
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "keep");
    assert_no_temporaries(dir);

    // Other commands write atomically too.
    let when = dir.join("when.json");
    golive(&[
        "when",
        "--ready",
        "2026-11-22T10:00-08:00",
        "--format",
        "json",
        "--out",
        when.to_str().unwrap(),
    ])
    .ok();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&when).unwrap()).unwrap();
    assert_eq!(v["regions"][0]["date"], "2026-11-27");
}

fn assert_no_temporaries(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".golive-"))
        .collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

#[test]
fn bad_batches_name_file_line_and_value() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "missing.csv",
            "name,after\nA,\n",
            &["missing.csv:1:1", "missing column ready", "name,after"],
        ),
        (
            "ready.csv",
            "name,ready\nA,2026-11-23\nB,2026-11-23\nC,2026-13-01\n",
            &["ready.csv:4:3", "connector \"C\"", "2026-13-01"],
        ),
        (
            "dup.csv",
            "name,ready\nA,2026-11-23\nB,2026-11-23\nA,2026-11-24\n",
            &["dup.csv:4:1", "duplicate connector name \"A\"", "line 2"],
        ),
        (
            "unknown.csv",
            "name,ready,after\nA,2026-11-23,\nB,2026-11-23,A;Zed\n",
            &["unknown.csv:3:16", "\"Zed\", which is not in this batch"],
        ),
        (
            "cycle.toml",
            "[[connector]]\nname = \"A\"\nready = 2026-11-23\nafter = [\"C\"]\n\n\
             [[connector]]\nname = \"B\"\nready = 2026-11-23\nafter = [\"A\"]\n\n\
             [[connector]]\nname = \"C\"\nready = 2026-11-23\nafter = [\"B\"]\n",
            &[
                "cycle.toml:4:",
                "A (line 2) -> B (line 7) -> C (line 12) -> A",
            ],
        ),
        (
            "type.toml",
            "[[connector]]\nname = \"A\"\nready = 2026-11-23\npriority = \"high\"\n",
            &[
                "type.toml:4:12",
                "priority = \"high\" is text; expected a whole number",
            ],
        ),
        ("empty.toml", "", &["empty.toml:1:1", "no connectors"]),
        (
            "batch.txt",
            "name,ready\n",
            &["batch file", "batch.txt", ".toml or .csv"],
        ),
    ];
    for (name, text, needles) in cases {
        let path = temp_file(name, text);
        golive(&["plan", path.to_str().unwrap()]).fails(2, needles);
    }
    golive(&["plan", CSV, "--capacity", "-3"]).fails(
        2,
        &["invalid value '-3' for --capacity", "whole number from 1"],
    );
    golive(&["plan", "/no/such/batch.csv"]).fails(2, &["cannot read /no/such/batch.csv"]);
    let bad_what_if = temp_file("wi.toml", "max_per_train = -1\n");
    golive(&["plan", CSV, "--what-if", bad_what_if.to_str().unwrap()])
        .fails(2, &["wi.toml:1:17", "max_per_train"]);
}

#[test]
fn a_connector_past_the_horizon_is_exit_1_naming_it() {
    let far = temp_file(
        "far.csv",
        "name,ready,not_before\nA,2026-11-23,\nLate,2026-11-23,2031-01-01\n",
    );
    golive(&["plan", far.to_str().unwrap()]).fails(
        1,
        &[
            "no train for connector \"Late\"",
            "far.csv:3",
            "its not_before 2031-01-01",
        ],
    );
}

/// A plain CSV batch streams (one pass into a file, checked first for stdout); the answer is
/// the same either way, and the same as the full planner's (whose JSON it is compared with).
#[test]
fn streamed_csv_plans_match_stdout_file_and_json() {
    let mut text = String::from("name,ready,not_before\n");
    for i in 0..500 {
        let not_before = if i % 7 == 0 { "2027-03-01" } else { "" };
        text.push_str(&format!(
            "\"Connector, {i}\",2026-{:02}-{:02}T{:02}:15:00-08:00,{not_before}\n",
            1 + i % 12,
            1 + i % 28,
            i % 24
        ));
    }
    let batch = temp_file("big.csv", &text);
    let batch = batch.to_str().unwrap();
    let stdout = golive(&["plan", batch, "--format", "csv"]).ok().to_string();
    let out = Path::new(batch).with_file_name("plan.csv");
    golive(&[
        "plan",
        batch,
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ])
    .ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), stdout);
    let json = golive(&["plan", batch, "--format", "json"]).json();
    let mut rows = csv::Reader::from_reader(stdout.as_bytes());
    for (row, c) in rows.records().zip(json["connectors"].as_array().unwrap()) {
        let row = row.unwrap();
        assert_eq!(&row[0], c["name"].as_str().unwrap());
        assert_eq!(&row[2], c["train_start"].as_str().unwrap());
        assert_eq!(row.iter().skip(3).take(6).collect::<Vec<_>>(), dates(c));
    }
}

/// A streamed batch with a name used twice (found only at its end) falls back to the full
/// planner: the error names both lines, and neither the file nor stdout gets a partial plan.
#[test]
fn a_streamed_batch_that_needs_the_full_planner_writes_nothing() {
    let mut text = String::from("name,ready\n");
    for i in 0..300 {
        text.push_str(&format!("C{i},2026-12-01\n"));
    }
    text.push_str("C7,2026-12-02\n");
    let batch = temp_file("dup.csv", &text);
    let out = batch.with_file_name("plan.csv");
    let run = golive(&[
        "plan",
        batch.to_str().unwrap(),
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    run.fails(2, &["duplicate connector name \"C7\"", "line 9"]);
    assert!(!out.exists());
    let run = golive(&["plan", batch.to_str().unwrap(), "--format", "csv"]);
    run.fails(2, &["duplicate connector name \"C7\""]);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

/// A plan killed while it writes leaves the previous file as it was: the answer goes to a
/// temporary file that only replaces it once complete. (The temporary file may stay behind.)
#[cfg(unix)]
#[test]
fn a_plan_killed_mid_write_leaves_the_previous_file_intact() {
    use std::process::{Command, Stdio};
    let mut text = String::from("name,ready\n");
    for i in 0..200_000 {
        text.push_str(&format!(
            "connector-{i},2027-{:02}-{:02}T10:00:00-08:00\n",
            1 + i % 12,
            1 + i % 28
        ));
    }
    let batch = temp_file("big.csv", &text);
    let dir = batch.parent().unwrap().to_path_buf();
    let out = dir.join("plan.json");
    std::fs::write(&out, "yesterday's plan\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_golive"))
        .args(["plan", batch.to_str().unwrap(), "--format", "json", "--out"])
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once the temporary file has started to fill.
    let writing = |dir: &Path| {
        std::fs::read_dir(dir).unwrap().flatten().any(|e| {
            e.file_name().to_string_lossy().starts_with(".golive-")
                && e.metadata().is_ok_and(|m| m.len() > 0)
        })
    };
    let mut killed_mid_write = false;
    for _ in 0..6_000 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if writing(&dir) {
            child.kill().unwrap();
            killed_mid_write = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    child.wait().unwrap();
    assert!(
        killed_mid_write,
        "the plan finished before it could be killed mid-write"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "yesterday's plan\n");
}

/// A batch with LF, CRLF or bare-CR line ends (Excel's "CSV (Macintosh)") plans the same,
/// streamed or not.
#[test]
fn line_ends_do_not_change_a_plan() {
    let lf = "name,ready,priority\nContoso,2026-11-23,1\nFabrikam,2026-12-01T10:00,\n\"A, Inc.\",2026-12-02,\n";
    let plan = |text: &str, capacity: &[&str]| {
        let path = temp_file("b.csv", text);
        let mut args = vec!["plan", path.to_str().unwrap(), "--format", "csv"];
        args.extend_from_slice(capacity);
        golive(&args).ok().to_string()
    };
    for capacity in [&[][..], &["--capacity", "1"][..]] {
        let expected = plan(lf, capacity);
        assert_eq!(plan(&lf.replace('\n', "\r\n"), capacity), expected);
        assert_eq!(plan(&lf.replace('\n', "\r"), capacity), expected);
    }
}
