//! `golive estimate` end to end, and what the journey promises, as property tests: for every
//! stage of every publisher kind (new connectors and both kinds of update, default and given
//! revision rounds) earliest <= typical <= latest for every region and stage, a later
//! `--since` never gives an earlier date, and `--stage ready` gives `golive when`'s answer as
//! its earliest.

use std::sync::LazyLock;

use chrono::{DateTime, Duration, FixedOffset, TimeZone};
use golive::{Config, Estimate, Journey, PublisherKind, Scheduler, UpdateKind};
use proptest::prelude::*;
use serde_json::Value;

use crate::harness::{REGIONS, golive, region_dates, temp_dir, temp_file, with_config};
use crate::ics_reader;

/// The default configuration, which holds the freezes Microsoft announced with dates.
pub static CONFIG: LazyLock<Config> = LazyLock::new(|| Config::embedded().unwrap());

/// One scheduler for every property case: its tables are laid out once.
static SCHEDULER: LazyLock<Scheduler<'static>> = LazyLock::new(|| Scheduler::new(&CONFIG));

const STAGES: [(&str, &[&str]); 2] = [
    (
        "verified",
        &[
            "registered",
            "preparing-artifacts",
            "pr-open",
            "portal-review",
            "testing-in-preview",
            "ready",
        ],
    ),
    ("independent", &["pr-open", "approved", "ready"]),
];

fn is_date(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok())
}

#[test]
fn json_has_the_contract_keys_for_every_stage() {
    for (kind, stages) in STAGES {
        for stage in stages {
            let v = golive(&[
                "estimate",
                "--publisher",
                kind,
                "--stage",
                stage,
                "--since",
                "2026-11-02T10:00",
                "--format",
                "json",
            ])
            .json();
            assert_eq!(v["since"], "2026-11-02T10:00:00-08:00");
            assert_eq!(v["stage"], *stage);
            assert_eq!(v["publisher"], kind);
            let listed = v["stages"].as_array().unwrap();
            let at = stages.iter().position(|s| s == stage).unwrap();
            assert_eq!(listed.len(), stages.len() - at, "{kind} {stage}");
            for (s, name) in listed.iter().zip(&stages[at..]) {
                assert_eq!(s["name"], *name);
                for key in ["earliest", "typical", "latest"] {
                    assert!(is_date(&s[key]), "{kind} {stage}: {s}");
                }
                assert!(s["source"].as_str().unwrap().starts_with("Microsoft Learn"));
            }
            let regions = v["regions"].as_array().unwrap();
            let keys: Vec<&str> = regions.iter().map(|r| r["key"].as_str().unwrap()).collect();
            assert_eq!(keys, REGIONS);
            for r in regions {
                assert!(r["name"].is_string());
                for key in ["earliest", "typical", "latest"] {
                    assert!(is_date(&r[key]), "{r}");
                }
            }
            assert!(v["warnings"].is_array());
            let sources = v["sources"].as_array().unwrap();
            assert!(!sources.is_empty() && sources.iter().all(Value::is_string));
            // The last stage ends when the last region goes live.
            let last = listed.last().unwrap();
            assert_eq!(last["latest"], regions.last().unwrap()["latest"]);
        }
    }
}

#[test]
fn ready_earliest_is_golive_when_for_the_same_instant() {
    let instants = [
        "2026-11-22T10:00-08:00",
        "2026-11-26T09:00:00-08:00",
        "2026-11-26T09:00:01-08:00",
        "2026-12-18T10:00-08:00",
        "2027-03-14T02:30",
        "2024-11-19T12:00-08:00",
    ];
    for t in instants {
        let when = region_dates(&golive(&["when", "--ready", t, "--format", "json"]).json());
        for (kind, _) in STAGES {
            let v = golive(&[
                "estimate",
                "--publisher",
                kind,
                "--stage",
                "ready",
                "--since",
                t,
                "--format",
                "json",
            ])
            .json();
            let earliest: Vec<String> = v["regions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["earliest"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(earliest, when, "{kind} ready since {t}");
        }
    }
}

#[test]
fn the_table_leads_with_the_region_asked_about() {
    let out = golive(&[
        "estimate",
        "--publisher",
        "independent",
        "--stage",
        "approved",
        "--since",
        "2026-11-02T10:00",
        "--where",
        "Japan",
    ]);
    let text = out.ok();
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with(
            "Japan (region Brazil, Canada, Japan and India): earliest Fri 2026-11-13, typical "
        ),
        "{text}"
    );
    assert!(text.contains("▶ Brazil, Canada, Japan and India"), "{text}");
    assert!(text.contains("Run with --explain"), "{text}");
    let plain = golive(&["estimate", "--stage", "ready", "--since", "2026-11-02"]);
    assert!(
        plain
            .ok()
            .starts_with("Live everywhere: earliest Mon 2026-11-16, "),
        "{}",
        plain.stdout
    );
}

#[test]
fn explain_lists_every_figure_and_its_source() {
    let out = golive(&[
        "estimate",
        "--stage",
        "pr-open",
        "--since",
        "2026-11-02T10:00",
        "--explain",
    ]);
    let text = out.ok();
    let config: Value = golive(&[
        "estimate",
        "--stage",
        "pr-open",
        "--since",
        "2026-11-02T10:00",
        "--format",
        "json",
    ])
    .json();
    for source in config["sources"].as_array().unwrap() {
        assert!(
            text.contains(source.as_str().unwrap()),
            "{source} missing:\n{text}"
        );
    }
    assert!(
        text.contains("typical   1.5 weeks + 1 round of 1.5 weeks = 3 weeks: ends Mon 2026-11-23"),
        "{text}"
    );
    assert!(
        text.contains("latest    2 weeks + 2 rounds of 2 weeks = 6 weeks: ends Mon 2026-12-14"),
        "{text}"
    );
    assert!(
        text.contains(
            "typical   3.5 weeks (25 days): the first train whose last region deploys on or after"
        ),
        "{text}"
    );
}

#[test]
fn aliases_rounds_and_updates() {
    let json = |args: &[&str]| {
        let mut all = vec![
            "estimate",
            "--since",
            "2026-11-02T10:00",
            "--format",
            "json",
        ];
        all.extend_from_slice(args);
        golive(&all).json()
    };
    let merged = json(&["--stage", "merged"]);
    assert_eq!(merged["stage"], "portal-review");
    assert_eq!(json(&["--stage", "Pull Request"])["stage"], "pr-open");
    assert_eq!(
        json(&["--stage", "certify_connector", "--publisher", "independent"])["stage"],
        "approved"
    );
    let fixed = json(&["--stage", "portal-review", "--rounds", "2"]);
    assert_eq!(fixed["rounds"]["earliest"], 2);
    assert_eq!(fixed["stages"][0]["rounds"]["typical"], 2);
    assert!(fixed["stages"][0]["earliest"].as_str() > merged["stages"][0]["earliest"].as_str());
    let minor = json(&["--stage", "ready", "--update", "minor"]);
    assert_eq!(minor["update"], "minor");
    assert_eq!(minor["stages"][0]["durations"]["typical"], 4.5);
    let new = json(&["--stage", "ready"]);
    assert_eq!(new["update"], Value::Null);
    assert_eq!(
        minor["regions"][0]["earliest"],
        new["regions"][0]["earliest"]
    );
}

#[test]
fn seasonal_warnings_are_when_s_for_each_case_and_change_no_date() {
    let args = [
        "estimate",
        "--publisher",
        "independent",
        "--stage",
        "approved",
        "--since",
        "2026-11-02T10:00",
        "--format",
        "json",
    ];
    let v = golive(&args).json();
    let warnings = v["warnings"].as_array().unwrap();
    let cases: Vec<&str> = warnings
        .iter()
        .map(|w| w["case"].as_str().unwrap())
        .collect();
    assert_eq!(cases, ["typical", "latest"]);
    for w in warnings {
        assert_eq!(w["kind"], "seasonal-freeze");
        assert_eq!(w["name"], "Year-end freeze");
        assert_eq!(
            (w["from"].as_str(), w["until"].as_str()),
            (Some("2026-11-20"), Some("2027-01-06"))
        );
        assert!(w["source"].as_str().unwrap().contains("PR #3709"));
        assert_eq!(w["regions"].as_array().unwrap().len(), 6);
        // The same warning `golive when` gives for that case's readiness.
        let case = w["case"].as_str().unwrap();
        let ready = v["trains"][case]["ready"].as_str().unwrap();
        let when = golive(&["when", "--ready", ready, "--format", "json"]).json();
        assert_eq!(when["warnings"][0]["regions"], w["regions"]);
    }
    // Turned off, the warnings go and no date moves.
    let off = temp_file("off.toml", "seasonal_warnings = false\n");
    let quiet = with_config(&off, &args).json();
    assert_eq!(quiet["warnings"], Value::Array(Vec::new()));
    assert_eq!(quiet["regions"], v["regions"]);
    assert_eq!(quiet["stages"], v["stages"]);
    // A spring estimate has none.
    let spring = golive(&[
        "estimate",
        "--stage",
        "ready",
        "--since",
        "2027-03-01",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(spring["warnings"], Value::Array(Vec::new()));
    // The table says so, and CSV and iCalendar carry the dates if the freeze recurred.
    let table = golive(&args[..7]);
    assert!(
        table
            .ok()
            .contains("⚠ Seasonal freeze (typical and latest): the Year-end freeze"),
        "{}",
        table.stdout
    );
    let mut csv = args[..7].to_vec();
    csv.extend(["--format", "csv"]);
    let csv = golive(&csv);
    assert!(
        csv.ok()
            .lines()
            .nth(4)
            .unwrap()
            .contains("typical: 2027-01-12 if Year-end freeze"),
        "{}",
        csv.stdout
    );
}

#[test]
fn csv_and_ics() {
    let args = [
        "estimate",
        "--stage",
        "approved",
        "--publisher",
        "independent",
        "--since",
        "2026-11-02T10:00",
    ];
    let mut csv_args = args.to_vec();
    csv_args.extend(["--format", "csv", "--where", "europe"]);
    let csv = golive(&csv_args);
    let mut lines = csv.ok().lines();
    assert_eq!(lines.next(), Some("key,name,earliest,typical,latest,note"));
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("europe,Europe (except UK),2026-11-12,")
    );
    assert_eq!(lines.count(), 5);

    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let v = golive(&json_args).json();
    let dir = temp_dir();
    let file = dir.path().join("estimate.ics");
    let mut ics_args = args.to_vec();
    ics_args.extend([
        "--format",
        "ics",
        "--name",
        "Contoso",
        "--out",
        file.to_str().unwrap(),
    ]);
    golive(&ics_args).ok();
    let read = ics_reader::read_checked(&file);
    let events = read["events"].as_array().unwrap();
    assert_eq!(events.len(), 6);
    for (event, region) in events.iter().zip(v["regions"].as_array().unwrap()) {
        assert_eq!(event["dtstart"], region["typical"], "{event}");
        assert_eq!(event["all_day"], true);
        let key = region["key"].as_str().unwrap();
        assert!(
            event["uid"]
                .as_str()
                .unwrap()
                .starts_with(&format!("live-{key}-contoso-"))
        );
        let description = event["description"].as_str().unwrap();
        for which in ["earliest", "typical", "latest"] {
            let d = chrono::NaiveDate::parse_from_str(region[which].as_str().unwrap(), "%Y-%m-%d")
                .unwrap();
            assert!(
                description.contains(&d.format("%a %Y-%m-%d").to_string()),
                "{description}"
            );
        }
    }
}

/// An instant between 2021 and 2030, a minute at a time, in the schedule zone.
fn instant(minutes: i64) -> DateTime<FixedOffset> {
    let start = CONFIG
        .timezone()
        .with_ymd_and_hms(2021, 1, 1, 0, 0, 0)
        .unwrap();
    (start + Duration::minutes(minutes)).fixed_offset()
}

const MINUTES: i64 = 10 * 365 * 24 * 60;

fn journey(
    kind: PublisherKind,
    stage: prop::sample::Index,
    update: u8,
    rounds: Option<u32>,
    since: DateTime<FixedOffset>,
) -> Journey {
    let stages = CONFIG.journey(kind, None);
    let name = stages[stage.index(stages.len())].name();
    let update = match update {
        0 => None,
        1 => Some(UpdateKind::Minor),
        _ => Some(UpdateKind::Major),
    };
    let mut journey = Journey::new(kind, name, since).update(update);
    if let Some(n) = rounds {
        journey = journey.rounds(n);
    }
    journey
}

fn kind_of(verified: bool) -> PublisherKind {
    match verified {
        true => PublisherKind::Verified,
        false => PublisherKind::Independent,
    }
}

proptest! {
    // An estimate takes microseconds once the scheduler's tables are laid out.
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// Earliest <= typical <= latest for every region and every stage, whatever the stage,
    /// publisher kind, update and rounds, across the announced freezes and holidays.
    #[test]
    fn earliest_typical_latest_are_ordered(
        minutes in 0..MINUTES,
        verified in any::<bool>(),
        stage in any::<prop::sample::Index>(),
        update in 0u8..3,
        rounds in prop::option::of(0u32..4),
    ) {
        let j = journey(kind_of(verified), stage, update, rounds, instant(minutes));
        let e = Estimate::new(&SCHEDULER, &j).unwrap();
        for (r, d) in e.regions() {
            prop_assert!(d.earliest <= d.typical && d.typical <= d.latest, "{}: {d:?}", r.key());
        }
        for s in e.stages() {
            let end = s.end();
            prop_assert!(end.earliest <= end.typical && end.typical <= end.latest, "{}", s.stage().name());
            prop_assert!(s.start().earliest <= end.earliest);
        }
        let f = e.finish();
        prop_assert!(f.earliest <= f.typical && f.typical <= f.latest);
    }

    /// A later `--since` never gives an earlier date: not for a stage's end, not for a
    /// region, in none of the three.
    #[test]
    fn a_later_since_never_gives_an_earlier_date(
        minutes in 0..MINUTES,
        later in prop_oneof![0i64..180, 0i64..(60 * 48), 0i64..(60 * 24 * 21)],
        verified in any::<bool>(),
        stage in any::<prop::sample::Index>(),
        update in 0u8..3,
        rounds in prop::option::of(0u32..4),
    ) {
        let kind = kind_of(verified);
        let a = Estimate::new(&SCHEDULER, &journey(kind, stage, update, rounds, instant(minutes))).unwrap();
        let b = Estimate::new(&SCHEDULER, &journey(kind, stage, update, rounds, instant(minutes + later))).unwrap();
        for ((r, x), (_, y)) in a.regions().zip(b.regions()) {
            for ((which, x), (_, y)) in x.named().into_iter().zip(y.named()) {
                prop_assert!(x <= y, "{} {which}: {x} then {y}", r.key());
            }
        }
        for (s, t) in a.stages().iter().zip(b.stages()) {
            for ((which, x), (_, y)) in s.end().named().into_iter().zip(t.end().named()) {
                prop_assert!(x <= y, "{} {which}: {x} then {y}", s.stage().name());
            }
        }
    }

    /// `--stage ready` gives, as its earliest, exactly the rollout `golive when` gives.
    #[test]
    fn ready_earliest_is_when(minutes in 0..MINUTES, verified in any::<bool>()) {
        let since = instant(minutes);
        let e = Estimate::new(&SCHEDULER, &Journey::new(kind_of(verified), "ready", since)).unwrap();
        prop_assert_eq!(&e.rollouts().earliest, &SCHEDULER.rollout(since).unwrap());
    }
}

/// The README's `[[stage]]` example is a configuration golive accepts.
#[test]
fn the_readme_stage_example_is_valid() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let blocks: Vec<&str> = readme
        .split("```toml\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .filter(|b| b.contains("[[stage]]"))
        .collect();
    assert!(!blocks.is_empty());
    for block in blocks {
        let config = Config::from_toml("README.md", block).unwrap();
        assert!(!config.journey(PublisherKind::Independent, None).is_empty());
    }
}

/// A vendored connector folder (tests/data/connectors).
fn connector(kind: &str, name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/connectors")
        .join(kind)
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

/// Issue 19, item 5: `--connector DIR` runs the preflight first. A folder with errors counts
/// at least one revision round in every case and says why; a clean one changes nothing; the
/// publisher kind comes from the folder unless given; a path that is not a folder is bad input.
#[test]
fn connector_runs_the_preflight_and_counts_a_round_for_its_errors() {
    let base = [
        "estimate",
        "--stage",
        "pr-open",
        "--since",
        "2027-03-01T10:00",
        "--format",
        "json",
    ];
    let run = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        golive(&args).json()
    };
    let failing = connector("certified-connectors", "Babybots");
    let checked = run(&["--connector", &failing]);
    let plain = run(&[]);
    assert_eq!(checked["rounds"]["earliest"], 1);
    assert_eq!(plain["rounds"]["earliest"], 0);
    let warning = checked["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["kind"] == "preflight")
        .expect("a preflight warning");
    assert!(warning["errors"].as_u64().unwrap() >= 1);
    assert!(
        warning["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "DefaultResponseHasSchema")
    );
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("1 to 2 weeks")
    );
    // The earliest date moves back by that round; typical and latest count one or two already.
    let europe = |v: &Value| v["regions"].as_array().unwrap()[3].clone();
    assert!(europe(&checked)["earliest"].as_str() > europe(&plain)["earliest"].as_str());
    assert_eq!(europe(&checked)["typical"], europe(&plain)["typical"]);

    // A clean independent-publisher folder: no preflight warning, and the kind is taken from it.
    let clean = std::fs::read_dir(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/connectors/independent-publisher-connectors"),
    )
    .unwrap()
    .map(|e| e.unwrap().path())
    .find(|p| {
        let v = golive(&["check", p.to_str().unwrap(), "--format", "json"]).stdout;
        serde_json::from_str::<Value>(&v).is_ok_and(|v| v["errors"] == 0)
    })
    .expect("a clean vendored folder");
    let v = run(&["--connector", clean.to_str().unwrap()]);
    assert_eq!(v["publisher"], "independent");
    assert!(
        v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w["kind"] != "preflight")
    );
    assert_eq!(v["rounds"]["earliest"], 0);

    let mut args = base.to_vec();
    args.extend_from_slice(&["--connector", "/nonexistent/connector"]);
    golive(&args).fails(2, &["/nonexistent/connector"]);
}
