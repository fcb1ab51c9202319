//! Every fast path of `golive plan` writes exactly what the general planner and renderer
//! write: the streamed CSV, JSON and JSON Lines of a plain CSV batch are compared byte for
//! byte with the full planner's, on seeded random batches (priorities, `not_before`, awkward
//! names, every form of readiness, freezes, `--tz`); batches with a capacity or an `after`
//! column are refused by the fast path and planned in full; and the CLI writes the same
//! bytes to stdout as to `--out`, and nothing for a batch that fails.

use golive::export::{Format, Output};
use golive::{Batch, Config, Plan, Source, StreamedPlan};

use crate::harness::{golive, temp_file};

/// xorshift64*: the same batches on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

const NAMES: [&str; 8] = [
    "Contoso",
    "A, Inc",
    "Say \"hi\"",
    "tab\there",
    "  padded  ",
    "é中😀",
    "back\\slash",
    "Zeta",
];

/// What a generated batch has besides `name,ready`.
#[derive(Clone, Copy)]
struct Columns {
    priority: bool,
    not_before: bool,
    after: bool,
}

/// A CSV batch of `n` rows from `rng`: names that often tie on readiness and priority (so
/// that boarding order falls to the name), readiness in five forms.
fn batch(rng: &mut Rng, n: usize, cols: Columns) -> String {
    let mut text = String::from("name,ready");
    for (on, name) in [
        (cols.priority, ",priority"),
        (cols.not_before, ",not_before"),
        (cols.after, ",after"),
    ] {
        if on {
            text.push_str(name);
        }
    }
    text.push('\n');
    for i in 0..n {
        let name = format!(
            "{} {}",
            NAMES[rng.below(8) as usize],
            rng.below(n as u64 * 4)
        );
        let name = format!("\"{}\"", name.replace('"', "\"\""));
        // Names are unique in a plan: a suffix keeps them so.
        let name = format!("{}-{i}\"", name.trim_end_matches('"'));
        let (y, m, d) = (2026 + rng.below(3), 1 + rng.below(12), 1 + rng.below(28));
        let (h, min) = (rng.below(24), rng.below(4) * 15);
        let ready = match rng.below(5) {
            0 => format!("{y}-{m:02}-{d:02}"),
            1 => format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}"),
            2 => format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}:00Z"),
            3 => format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}:00.5+05:30"),
            _ => format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}:00-0{}:00", rng.below(9)),
        };
        text.push_str(&format!("{name},{ready}"));
        if cols.priority {
            let p = ["", "0", "3", "-2", "10"][rng.below(5) as usize];
            text.push_str(&format!(",{p}"));
        }
        if cols.not_before {
            let nb = match rng.below(3) {
                0 => format!("{y}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
                _ => String::new(),
            };
            text.push_str(&format!(",{nb}"));
        }
        if cols.after {
            // An empty `after`: the same plan, but only the full planner reads the column.
            text.push(',');
        }
        text.push('\n');
    }
    text
}

const CONFIGS: [&str; 4] = [
    "",
    "blocked_start = \"skip\"\n[[freeze]]\nname = \"F\"\nfrom = 2027-03-01\nuntil = 2027-04-15\nregions = [\"asia\"]\n",
    "timezone = \"Asia/Tokyo\"\ndeploy_time = \"02:30\"\n",
    "max_per_train = 3\n",
];

/// The general planner and renderer's answer.
fn full(config: &Config, source: &Source, output: &Output) -> Vec<u8> {
    let batch = Batch::parse(source, config.timezone()).unwrap();
    let plan = Plan::new(config, &batch).unwrap();
    let mut out = Vec::new();
    golive::export::plan(config, &batch, &plan, output, &mut out).unwrap();
    out
}

/// The fast path's answer, or `None` where it hands the batch to the full planner.
fn fast(config: &Config, source: &Source, output: &Output) -> Option<Vec<u8>> {
    let plan = StreamedPlan::new(config, source).unwrap()?;
    let mut out = Vec::new();
    let done = match output.format {
        Format::Csv => golive::export::streamed_csv(&plan, output, &mut out),
        Format::Ics => golive::export::streamed_ics(&plan, output, &mut out),
        _ => golive::export::streamed_json(&plan, output, &mut out),
    }
    .unwrap();
    done.then_some(out)
}

fn outputs() -> Vec<(&'static str, Output)> {
    let tokyo: chrono_tz::Tz = "Asia/Tokyo".parse().unwrap();
    vec![
        ("csv", Output::new(Format::Csv)),
        ("json", Output::new(Format::Json)),
        ("jsonl", Output::new(Format::Json).json_lines()),
        ("csv --tz", Output::new(Format::Csv).in_zone(tokyo)),
        ("json --tz", Output::new(Format::Json).in_zone(tokyo)),
        (
            "jsonl --tz",
            Output::new(Format::Json).json_lines().in_zone(tokyo),
        ),
        ("ics", Output::new(Format::Ics)),
        ("ics --tz", Output::new(Format::Ics).in_zone(tokyo)),
    ]
}

/// Byte for byte, on seeded random batches: the fast paths write the full planner's plan,
/// and refuse what they cannot plan (a capacity, an `after` column).
#[test]
fn fast_paths_write_what_the_full_planner_writes() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut compared, mut refused) = (0, 0);
    for round in 0..48 {
        let config = Config::from_toml("t.toml", CONFIGS[round % CONFIGS.len()]).unwrap();
        let cols = Columns {
            priority: rng.below(2) == 0,
            not_before: rng.below(2) == 0,
            after: round % 7 == 6,
        };
        let n = 1 + rng.below(120) as usize;
        let text = batch(&mut rng, n, cols);
        let source = Source::new("b.csv", text.clone());
        for (label, output) in outputs() {
            let streamed = fast(&config, &source, &output);
            let limited = config.max_per_train().is_some() || cols.after;
            assert_eq!(streamed.is_none(), limited, "{label}: {text}");
            let Some(streamed) = streamed else {
                refused += 1;
                continue;
            };
            let full = full(&config, &source, &output);
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(full).unwrap(),
                "{label}: {text}"
            );
            compared += 1;
        }
    }
    assert!(compared > 150 && refused > 30, "{compared} {refused}");
}

/// JSON Lines hold, a line each, the objects of the JSON's `connectors`, for the full
/// planner too (capacity and `after`).
#[test]
fn json_lines_are_the_connectors_of_the_json() {
    let mut rng = Rng(42);
    for text in [
        batch(
            &mut rng,
            60,
            Columns {
                priority: true,
                not_before: true,
                after: true,
            },
        ),
        "name,ready,after\nA,2026-11-23,\nB,2026-11-23,A\n".to_string(),
    ] {
        let config = Config::from_toml("t.toml", "max_per_train = 2\n").unwrap();
        let source = Source::new("b.csv", text.clone());
        let json = full(&config, &source, &Output::new(Format::Json));
        let lines = full(&config, &source, &Output::new(Format::Json).json_lines());
        let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(lines)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(json["connectors"].as_array().unwrap(), &lines, "{text}");
    }
}

/// Every key of a plan's JSON is present, null where there is no value.
#[test]
fn plan_json_keys_are_always_present() {
    let config = Config::embedded().unwrap();
    let source = Source::new("b.csv", "name,ready\nA,2026-11-23\n");
    let json = full(&config, &source, &Output::new(Format::Json));
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let c = &json["connectors"][0];
    assert!(c["not_before"].is_null() && c["tz"].is_null(), "{c}");
    assert!(json["trains"][0]["tz"].is_null());
    assert!(json["capacity"].is_null());
}

/// The CLI writes the same bytes to stdout as to `--out`, in every streamed format, and
/// reports progress nowhere in them.
#[test]
fn stdout_and_out_files_hold_the_same_plan() {
    let mut rng = Rng(7);
    let text = batch(
        &mut rng,
        300,
        Columns {
            priority: true,
            not_before: true,
            after: false,
        },
    );
    let file = temp_file("fast.csv", &text);
    let path = file.to_str().unwrap();
    let out = file.with_file_name("fast-out");
    for format in ["csv", "json", "jsonl"] {
        for extra in [&[][..], &["--capacity", "5"][..]] {
            let mut args = vec!["plan", path, "--format", format];
            args.extend_from_slice(extra);
            let stdout = golive(&args).ok().to_string();
            args.extend_from_slice(&["--out", out.to_str().unwrap()]);
            golive(&args).ok();
            let written = std::fs::read_to_string(&out).unwrap();
            assert!(written == stdout, "{format} {extra:?}");
        }
    }
}

/// A batch that fails (a name used twice, found at its end) writes nothing to stdout in any
/// streamed format, and leaves no file.
#[test]
fn a_failing_batch_writes_nothing_in_any_format() {
    let mut text = String::from("name,ready\n");
    for i in 0..400 {
        text.push_str(&format!("C{i},2026-12-01\n"));
    }
    text.push_str("C7,2026-12-02\n");
    let file = temp_file("dup-fast.csv", &text);
    let out = file.with_file_name("dup-out.json");
    for format in ["csv", "json", "jsonl"] {
        let run = golive(&["plan", file.to_str().unwrap(), "--format", format]);
        run.fails(2, &["duplicate connector name \"C7\""]);
        assert!(run.stdout.is_empty(), "{format}: {}", run.stdout);
        let run = golive(&[
            "plan",
            file.to_str().unwrap(),
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ]);
        run.fails(2, &["duplicate connector name \"C7\""]);
        assert!(!out.exists(), "{format}");
    }
}

/// `--format jsonl` is `golive plan`'s alone; elsewhere it is refused, naming the argument.
#[test]
fn json_lines_are_refused_outside_plan() {
    golive(&["when", "--ready", "2026-11-22", "--format", "jsonl"])
        .fails(2, &["--format", "jsonl", "golive plan only"]);
}

/// The progress hook hears every plan writer: counts that only grow, the last the batch's
/// size.
#[test]
fn progress_reaches_the_batch_size_in_every_writer() {
    use std::sync::{Arc, Mutex};
    let mut text = String::from("name,ready\n");
    for i in 0..5000 {
        text.push_str(&format!("C{i},2027-{:02}-{:02}\n", 1 + i % 12, 1 + i % 28));
    }
    let source = Source::new("b.csv", text);
    let config = Config::embedded().unwrap();
    for (label, output) in outputs() {
        for streamed in [true, false] {
            let seen = Arc::new(Mutex::new(Vec::new()));
            let hook = seen.clone();
            let output = output
                .clone()
                .with_progress(golive::export::Progress(Arc::new(move |n| {
                    hook.lock().unwrap().push(n)
                })));
            match (streamed, output.format) {
                (true, _) => {
                    fast(&config, &source, &output).unwrap();
                }
                (false, _) => {
                    full(&config, &source, &output);
                }
            }
            let seen = seen.lock().unwrap();
            assert_eq!(seen.last(), Some(&5000), "{label} {streamed}");
            assert!(
                seen.len() >= 2 && seen.windows(2).all(|w| w[0] <= w[1]),
                "{label}"
            );
        }
    }
}
