//! The JSON contract (`docs/json.md`): every command's `--format json` output, over varied
//! inputs, against its JSON Schema in `docs/schema/`. The schemas are strict (every object
//! closes its properties with `additionalProperties: false` and requires every one of them),
//! so an output that omits a key (instead of writing null) or grows an undocumented one
//! fails here. Each test also asserts that its inputs really reached the variants the
//! schema describes (a `where` object and a null one, a freeze with a source, ...), so a
//! schema cannot pass by never seeing them.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::harness::{Run, golive, temp_dir, temp_file, with_config};

/// Every schema file, named for the output it describes.
const SCHEMAS: [&str; 9] = [
    "check",
    "estimate",
    "holidays",
    "plan",
    "regions",
    "site-trains",
    "trains",
    "what-if",
    "when",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema_path(name: &str) -> PathBuf {
    root().join(format!("docs/schema/{name}.schema.json"))
}

fn schema(name: &str) -> Value {
    let text = std::fs::read_to_string(schema_path(name)).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}.schema.json: {e}"))
}

/// A validator for `name`'s schema that also checks `format` (dates and instants).
fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema(name))
        .unwrap_or_else(|e| panic!("{name}.schema.json does not compile: {e}"))
}

/// The problems `value` has against `validator`, one line each (empty when it is valid).
fn problems(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("at {}: {e}", e.instance_path()))
        .collect()
}

/// Asserts that `value` (the output of `what`) is valid against schema `name`.
fn assert_valid(name: &str, what: &str, value: &Value) {
    let found = problems(&validator(name), value);
    assert!(
        found.is_empty(),
        "{what} does not match docs/schema/{name}.schema.json:\n{}",
        found.join("\n")
    );
}

/// Runs golive, asserts success, and returns its JSON.
fn json_of(run: Run) -> Value {
    run.json()
}

/// Every value in `v` (recursively) under key `key`.
fn all_under<'v>(v: &'v Value, key: &str, out: &mut Vec<&'v Value>) {
    match v {
        Value::Object(m) => {
            if let Some(x) = m.get(key) {
                out.push(x);
            }
            m.values().for_each(|x| all_under(x, key, out));
        }
        Value::Array(a) => a.iter().for_each(|x| all_under(x, key, out)),
        _ => {}
    }
}

/// Whether any output has, somewhere, key `key` with a value that `test` accepts.
fn any_under(outputs: &[Value], key: &str, test: impl Fn(&Value) -> bool) -> bool {
    outputs.iter().any(|v| {
        let mut found = Vec::new();
        all_under(v, key, &mut found);
        found.into_iter().any(&test)
    })
}

/// Every freeze reason (`{"kind": "freeze", ...}`) in `v`.
fn freeze_reasons(v: &Value) -> Vec<&Value> {
    let mut reasons = Vec::new();
    all_under(v, "reasons", &mut reasons);
    all_under(v, "moved_by", &mut reasons);
    all_under(v, "paused_by", &mut reasons);
    reasons
        .into_iter()
        .filter_map(Value::as_array)
        .flatten()
        .filter(|r| r["kind"] == "freeze")
        .collect()
}

/// The schemas are what the contract says: draft 2020-12, and every object schema closed
/// (`additionalProperties: false`) with every property required; and `docs/schema/` holds
/// exactly the schemas tested here.
#[test]
fn every_schema_is_strict() {
    fn walk(name: &str, at: &str, v: &Value) {
        match v {
            Value::Object(m) => {
                if let Some(Value::Object(props)) = m.get("properties") {
                    assert_eq!(
                        m.get("additionalProperties"),
                        Some(&Value::Bool(false)),
                        "{name} {at}: additionalProperties is not false"
                    );
                    let mut required: Vec<&str> = m["required"]
                        .as_array()
                        .unwrap_or_else(|| panic!("{name} {at}: no required"))
                        .iter()
                        .map(|r| r.as_str().unwrap())
                        .collect();
                    let mut keys: Vec<&str> = props.keys().map(String::as_str).collect();
                    required.sort_unstable();
                    keys.sort_unstable();
                    assert_eq!(required, keys, "{name} {at}: not every property required");
                }
                for (k, x) in m {
                    walk(name, &format!("{at}/{k}"), x);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(name, &format!("{at}/{i}"), x);
                }
            }
            _ => {}
        }
    }
    for name in SCHEMAS {
        let s = schema(name);
        assert_eq!(
            s["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        walk(name, "", &s);
        validator(name);
    }
    let mut files: Vec<String> = std::fs::read_dir(root().join("docs/schema"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let expected: Vec<String> = SCHEMAS.iter().map(|n| format!("{n}.schema.json")).collect();
    assert_eq!(files, expected);
}

/// A missing key, an extra key and a wrong type each fail: the test below cannot pass by a
/// schema that accepts anything.
#[test]
fn a_missing_or_extra_key_fails() {
    let v = json_of(golive(&[
        "when",
        "--ready",
        "2026-11-22T10:00-08:00",
        "--format",
        "json",
    ]));
    let when = validator("when");
    assert!(problems(&when, &v).is_empty());
    for key in ["where", "tz", "warnings", "train"] {
        let mut missing = v.clone();
        missing.as_object_mut().unwrap().remove(key);
        assert!(
            !problems(&when, &missing).is_empty(),
            "{key} may be missing"
        );
    }
    let mut extra = v.clone();
    extra["regions"][0]["extra"] = Value::Bool(true);
    assert!(!problems(&when, &extra).is_empty(), "an extra key passes");
    let mut wrong = v.clone();
    wrong["regions"][0]["date"] = Value::String("2026-02-30".into());
    assert!(
        !problems(&when, &wrong).is_empty(),
        "a day that does not exist passes"
    );
    let mut reason = v;
    reason["regions"][0]["skipped"][0]["reasons"][0]
        .as_object_mut()
        .unwrap()
        .remove("source");
    assert!(
        !problems(&when, &reason).is_empty(),
        "a reason without source passes"
    );
}

#[test]
fn when_json_matches_its_schema() {
    let early = root().join("config/examples/early-freeze.toml");
    let early = early.to_str().unwrap();
    let readies = [
        "2026-11-22T10:00-08:00", // Thanksgiving; the unconfigured year-end season
        "2026-12-24T08:00-08:00", // Christmas, New Year
        "2024-12-01T10:00-08:00", // the configured 2024/25 freeze, which names its source
        "2027-06-01T10:00-07:00", // nothing in the way
        "2027-02-01T10:00-08:00", // Lunar New Year's season
    ];
    let wheres: [&[&str]; 4] = [
        &[],
        &["--where", "Japan"],
        &["--where", "europe"],
        &["--where", "Testing region"],
    ];
    let extras: [&[&str]; 4] = [
        &[],
        &["--explain"],
        &["--tz", "Asia/Tokyo"],
        &["--tz", "utc"],
    ];
    let mut outputs = Vec::new();
    for ready in readies {
        for w in wheres {
            for x in extras {
                let args = [&["when", "--ready", ready, "--format", "json"][..], w, x].concat();
                let v = json_of(golive(&args));
                assert_valid("when", &args.join(" "), &v);
                outputs.push(v);
            }
        }
        let args = ["when", "--ready", ready, "--format", "json"];
        let v = json_of(with_config(Path::new(early), &args));
        assert_valid("when", &format!("--config {early} {}", args.join(" ")), &v);
        outputs.push(v);
    }
    assert!(any_under(&outputs, "where", Value::is_null));
    assert!(any_under(&outputs, "where", |w| w["code"] == "JP"));
    assert!(any_under(&outputs, "where", |w| w.is_object() && w["code"].is_null()));
    assert!(any_under(&outputs, "tz", Value::is_null));
    assert!(any_under(&outputs, "tz", Value::is_object));
    assert!(any_under(&outputs, "warnings", |w| w
        .as_array()
        .is_some_and(|a| !a.is_empty())));
    assert!(any_under(&outputs, "train_start", Value::is_string));
    let freezes: Vec<&Value> = outputs.iter().flat_map(freeze_reasons).collect();
    assert!(freezes.iter().any(|r| r["source"].is_string()));
    assert!(freezes.iter().any(|r| r["source"].is_null()));
    assert!(any_under(&outputs, "reasons", |r| r
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["kind"] == "holiday" && r["source"].is_null())));
}

#[test]
fn trains_json_matches_its_schema() {
    let skip = temp_file("skip.toml", "blocked_start = \"skip\"\n");
    let early = root().join("config/examples/early-freeze.toml");
    let runs: [(&[&str], Option<&Path>); 7] = [
        (&["--from", "2026-11-01", "--count", "12"], None),
        (
            &[
                "--from",
                "2026-11-01",
                "--count",
                "12",
                "--tz",
                "Asia/Tokyo",
            ],
            None,
        ),
        (&["--from", "2024-11-01", "--until", "2025-02-28"], None),
        (&["--from", "2026-11-01", "--count", "12"], Some(&skip)),
        (&["--from", "2026-11-01", "--count", "12"], Some(&early)),
        (&["--from", "2027-05-01", "--count", "4"], None),
        (&["--from", "2099-12-01", "--until", "2099-12-31"], None),
    ];
    let mut outputs = Vec::new();
    for (args, config) in runs {
        let args = [&["trains", "--format", "json"][..], args].concat();
        let v = json_of(match config {
            Some(c) => with_config(c, &args),
            None => golive(&args),
        });
        assert_valid("trains", &args.join(" "), &v);
        outputs.push(v);
    }
    let non_empty = |v: &Value| v.as_array().is_some_and(|a| !a.is_empty());
    for key in ["moved_by", "paused_by", "cancelled", "warnings"] {
        assert!(any_under(&outputs, key, non_empty), "no {key} seen");
    }
    assert!(any_under(&outputs, "tz", Value::is_null));
    assert!(any_under(&outputs, "tz", Value::is_object));
    assert!(any_under(&outputs, "nominal_days", |d| d
        .as_array()
        .is_some_and(|a| a.len() > 1)));
}

#[test]
fn holidays_json_matches_its_schema() {
    let cfg = temp_file(
        "c.toml",
        "calendars = [\"us-federal\", \"us-federal-closures\"]\n",
    );
    let mut outputs = Vec::new();
    for args in [
        &["--year", "2027"][..],
        &["--from", "1971", "--until", "2099"],
        &["--year", "2099"],
    ] {
        let args = [&["holidays", "--format", "json"][..], args].concat();
        let v = json_of(golive(&args));
        assert_valid("holidays", &args.join(" "), &v);
        outputs.push(v);
    }
    let args = [
        "holidays", "--from", "2000", "--until", "2030", "--format", "json",
    ];
    let v = json_of(with_config(&cfg, &args));
    assert_valid("holidays", "with us-federal-closures", &v);
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|h| h["calendar"] != "us-federal")
    );
    outputs.push(v);
    assert!(any_under(&outputs, "observes", Value::is_null));
    assert!(any_under(&outputs, "observes", Value::is_string));
}

#[test]
fn regions_json_matches_its_schema() {
    let v = json_of(golive(&["regions", "--format", "json"]));
    assert_valid("regions", "regions", &v);
    let mut codes = Vec::new();
    all_under(&v, "code", &mut codes);
    assert!(codes.iter().any(|c| c.is_null()) && codes.iter().any(|c| c.is_string()));
}

fn batch() -> String {
    root()
        .join("config/examples/batch.toml")
        .to_string_lossy()
        .into_owned()
}

/// A batch in which every connector names a `not_before` day, with dependencies and
/// priorities, so that a plan's keys are all there however `plan.rs` writes absent ones.
const DATED_BATCH: &str = "name,ready,after,priority,not_before
Contoso,2026-11-23T10:00:00-08:00,,5,2026-11-23
Fabrikam,2026-11-23,Contoso,0,2026-11-30
Northwind,2026-12-20T09:00,,1,2026-12-21
Tailspin,2026-11-24,,0,2026-12-07
Woodgrove,2026-11-24,,9,2026-11-24
";

/// Plans whose every connector has a `not_before` and that are asked with `--tz`: their
/// JSON has every key whether or not `src/export/plan.rs` omits absent ones.
#[test]
fn plan_json_with_every_key_given_matches_its_schema() {
    let dated = temp_file("dated.csv", DATED_BATCH);
    let dated = dated.to_str().unwrap();
    let mut outputs = Vec::new();
    for capacity in ["1", "2", "unlimited"] {
        for tz in ["Asia/Tokyo", "America/Los_Angeles"] {
            let args = [
                "plan",
                dated,
                "--capacity",
                capacity,
                "--tz",
                tz,
                "--format",
                "json",
            ];
            let v = json_of(golive(&args));
            assert_valid("plan", &args.join(" "), &v);
            outputs.push(v);
        }
    }
    assert!(any_under(&outputs, "capacity", Value::is_null));
    assert!(any_under(&outputs, "capacity", Value::is_u64));
    for kind in ["capacity", "dependency", "not_before"] {
        assert!(
            any_under(&outputs, "pushed", |p| p
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["kind"] == kind)),
            "no {kind} push seen"
        );
    }
    assert!(any_under(&outputs, "warnings", |w| w
        .as_array()
        .is_some_and(|a| !a.is_empty())));
}

/// Plans with connectors that have no `not_before`, and without `--tz`: those keys must be
/// there, null.
#[test]
fn plan_json_matches_its_schema() {
    let toml = batch();
    let csv = root().join("config/examples/batch.csv");
    let mut outputs = Vec::new();
    for b in [toml.as_str(), csv.to_str().unwrap()] {
        for extra in [
            &[][..],
            &["--capacity", "4"],
            &["--capacity", "unlimited"],
            &["--tz", "Asia/Tokyo"],
        ] {
            let args = [&["plan", b, "--format", "json"][..], extra].concat();
            let v = json_of(golive(&args));
            assert_valid("plan", &args.join(" "), &v);
            outputs.push(v);
        }
    }
    assert!(any_under(&outputs, "not_before", Value::is_null));
    assert!(any_under(&outputs, "not_before", Value::is_string));
    assert!(any_under(&outputs, "tz", Value::is_null));
}

#[test]
fn what_if_json_matches_its_schema() {
    let early = root().join("config/examples/early-freeze.toml");
    let smaller = temp_file("smaller.toml", "max_per_train = 1\n");
    // A region of its own: the default's six are not compared.
    let other = temp_file(
        "other.toml",
        "[[region]]\nkey = \"only\"\nname = \"Only\"\ntimezone = \"UTC\"\n",
    );
    let mut outputs = Vec::new();
    for what_if in [early.as_path(), &smaller, &other] {
        let args = [
            "plan",
            &batch(),
            "--what-if",
            what_if.to_str().unwrap(),
            "--format",
            "json",
        ];
        let v = json_of(golive(&args));
        assert_valid("what-if", &args.join(" "), &v);
        outputs.push(v);
    }
    assert!(any_under(&outputs, "not_compared", |c| c
        .as_array()
        .is_some_and(|a| !a.is_empty())));
    assert!(any_under(&outputs, "changes", |c| c
        .as_array()
        .is_some_and(|a| !a.is_empty())));
}

/// Every stage of both publisher kinds, updates, `--where`, a preflight with errors and
/// seasonal warnings.
#[test]
fn estimate_json_matches_its_schema() {
    let stages = [
        ("verified", "registered"),
        ("verified", "preparing-artifacts"),
        ("verified", "pr-open"),
        ("verified", "portal-review"),
        ("verified", "testing-in-preview"),
        ("verified", "ready"),
        ("independent", "pr-open"),
        ("independent", "approved"),
        ("independent", "ready"),
    ];
    let broken = root().join("tests/data/connectors/certified-connectors/CloudAppSecurity");
    let mut outputs = Vec::new();
    for (publisher, stage) in stages {
        for since in ["2027-03-01T10:00", "2026-11-02T10:00"] {
            let extras: [&[&str]; 4] = [
                &[],
                &["--where", "Japan", "--explain"],
                &["--update", "minor"],
                &["--update", "major", "--rounds", "3"],
            ];
            for x in extras {
                let args = [
                    &[
                        "estimate",
                        "--publisher",
                        publisher,
                        "--stage",
                        stage,
                        "--since",
                        since,
                        "--format",
                        "json",
                    ][..],
                    x,
                ]
                .concat();
                let v = json_of(golive(&args));
                assert_valid("estimate", &args.join(" "), &v);
                outputs.push(v);
            }
        }
    }
    let args = [
        "estimate",
        "--stage",
        "pr-open",
        "--since",
        "2026-11-02T10:00",
        "--connector",
        broken.to_str().unwrap(),
        "--format",
        "json",
    ];
    let v = json_of(golive(&args));
    assert_valid("estimate", &args.join(" "), &v);
    outputs.push(v);
    let kinds = |kind: &str| {
        any_under(&outputs, "warnings", |w| {
            w.as_array()
                .is_some_and(|a| a.iter().any(|w| w["kind"] == kind))
        })
    };
    assert!(kinds("preflight") && kinds("seasonal-freeze"));
    assert!(any_under(&outputs, "where", Value::is_null));
    assert!(any_under(&outputs, "where", Value::is_object));
    assert!(any_under(&outputs, "update", Value::is_null));
    assert!(any_under(&outputs, "update", Value::is_string));
    assert!(any_under(&outputs, "round_source", Value::is_null));
    assert!(any_under(&outputs, "round_source", Value::is_string));
    assert!(any_under(&outputs, "durations", |d| d["typical"].is_f64()));
}

/// One folder gives a report, several an array of them; findings with and without a line.
#[test]
fn check_json_matches_its_schema() {
    let data = root().join("tests/data/connectors");
    let mut dirs: Vec<String> = Vec::new();
    for kind in ["certified-connectors", "independent-publisher-connectors"] {
        for e in std::fs::read_dir(data.join(kind)).unwrap() {
            dirs.push(e.unwrap().path().to_string_lossy().into_owned());
        }
    }
    dirs.sort();
    let mut outputs = Vec::new();
    for d in &dirs {
        let run = golive(&["check", d, "--format", "json"]);
        assert!(run.code == 0 || run.code == 1, "{d}: {}", run.stderr);
        let v: Value = serde_json::from_str(&run.stdout).unwrap();
        assert!(v.is_object());
        assert_valid("check", d, &v);
        outputs.push(v);
    }
    let mut args = vec!["check", "--format", "json"];
    args.extend(dirs.iter().map(String::as_str));
    let run = golive(&args);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(dirs.len()));
    assert_valid("check", "every sample folder at once", &v);
    assert!(any_under(&outputs, "line", Value::is_null));
    assert!(any_under(&outputs, "line", Value::is_u64));
    assert!(any_under(&outputs, "value", Value::is_string));
}

/// `golive site`'s `trains.json`, over a range with holidays, a configured freeze and
/// seasonal warnings.
#[test]
fn site_trains_json_matches_its_schema() {
    let mut outputs = Vec::new();
    for (from, until) in [("2024-11-01", "2025-02-28"), ("2026-11-01", "2027-03-01")] {
        let dir = temp_dir();
        let site = dir.path().join("site");
        let site = site.to_str().unwrap();
        golive(&["site", site, "--from", from, "--until", until]).ok();
        let text = std::fs::read_to_string(Path::new(site).join("trains.json")).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_valid(
            "site-trains",
            &format!("site --from {from} --until {until}"),
            &v,
        );
        outputs.push(v);
    }
    assert!(
        !outputs
            .iter()
            .flat_map(freeze_reasons)
            .collect::<Vec<_>>()
            .is_empty()
    );
    assert!(any_under(&outputs, "warnings", |w| w
        .as_array()
        .is_some_and(|a| !a.is_empty())));
}
