//! The progress bar of long work (`src/cli/progress.rs`): drawn on standard error only when
//! it is a terminal, never into a pipe or a file and never with `-q`. The bar waits about a
//! second before it appears; `GOLIVE_PROGRESS_DELAY_MS=0` (for tests only) draws it at once,
//! so these tests need no slow work and assert no timing.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::harness::{in_terminal, temp_dir};

/// How many connector folders the runs check.
const FOLDERS: usize = 40;

/// A temporary folder holding `FOLDERS` copies of a connector folder that passes.
fn folders() -> (tempfile::TempDir, Vec<String>) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/connectors/independent-publisher-connectors/Dad Jokes");
    let dir = temp_dir();
    let mut dirs = Vec::new();
    for i in 0..FOLDERS {
        let d = dir.path().join(format!("Connector{i:02}"));
        std::fs::create_dir(&d).unwrap();
        for f in std::fs::read_dir(&sample).unwrap() {
            let f = f.unwrap();
            std::fs::copy(f.path(), d.join(f.file_name())).unwrap();
        }
        dirs.push(d.to_string_lossy().into_owned());
    }
    (dir, dirs)
}

/// `golive check` of many folders with stderr a pipe, the bar due at once: no byte of a
/// bar on stderr (it is empty), with and without `-q`, whatever the format.
#[test]
fn no_progress_into_a_pipe() {
    let (_dir, dirs) = folders();
    for quiet in [false, true] {
        for format in ["table", "json"] {
            let mut args = vec!["check", "--format", format];
            if quiet {
                args.push("-q");
            }
            args.extend(dirs.iter().map(String::as_str));
            let out = Command::new(env!("CARGO_BIN_EXE_golive"))
                .args(&args)
                .env("GOLIVE_PROGRESS_DELAY_MS", "0")
                .env_remove("GOLIVE_CONFIG")
                .stdin(Stdio::null())
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{out:?}");
            assert!(out.stderr.is_empty(), "stderr: {:?}", out.stderr);
            assert!(!out.stdout.contains(&0x1b), "escape codes on stdout");
        }
    }
}

/// What `golive ARGS` shows on a pseudo-terminal (the harness's, which reads everything the
/// child wrote before it exits), with the bar due at once; the run must succeed.
fn on_a_terminal(args: &[&str]) -> String {
    let (shown, code) = in_terminal(
        120,
        &[("GOLIVE_PROGRESS_DELAY_MS", "0"), ("TERM", "xterm")],
        args,
    );
    assert_eq!(code, 0, "{shown:?}");
    shown
}

/// On a terminal the bar appears (its label and the folder count), and is cleared at the end;
/// with `-q` nothing is drawn.
#[test]
fn progress_on_a_terminal_and_not_with_quiet() {
    let (dir, dirs) = folders();
    let report = dir.path().join("report.json");
    let mut args = vec![
        "check",
        "--format",
        "json",
        "--out",
        report.to_str().unwrap(),
    ];
    args.extend(dirs.iter().map(String::as_str));
    let shown = on_a_terminal(&args);
    assert!(shown.contains("checking"), "{shown:?}");
    assert!(shown.contains(&format!("/{FOLDERS}")), "{shown:?}");
    // Cleared: the last thing written erases the line the bar was on.
    assert!(shown.ends_with("\r\x1b[2K"), "{shown:?}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report.as_array().map(Vec::len), Some(FOLDERS));
    args.insert(0, "-q");
    let quiet = on_a_terminal(&args);
    assert!(!quiet.contains("checking"), "{quiet:?}");
    assert!(!quiet.contains('\x1b'), "{quiet:?}");
}

/// A batch of `n` connectors as CSV, in a temporary folder.
fn batch(n: usize) -> (tempfile::TempDir, String) {
    let dir = temp_dir();
    let path = dir.path().join("batch.csv");
    let mut text = String::from("name,ready\n");
    for i in 0..n {
        text.push_str(&format!("C{i},2027-{:02}-{:02}\n", 1 + i % 12, 1 + i % 28));
    }
    std::fs::write(&path, text).unwrap();
    (dir, path.to_string_lossy().into_owned())
}

/// `golive plan` feeds the bar from the renderers' hook (`golive::export::Progress`): on a
/// terminal it counts the batch's connectors, streamed (CSV, JSON) or through the full planner
/// (`--capacity`), and reaches the whole batch; into a pipe, and with `-q`, nothing.
#[test]
fn plan_progress_on_a_terminal_only() {
    const N: usize = 9000;
    let (dir, batch) = batch(N);
    for (format, extra) in [("csv", None), ("json", None), ("csv", Some("2000"))] {
        let out = dir.path().join(format!("plan.{format}"));
        let mut args = vec![
            "plan",
            batch.as_str(),
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ];
        if let Some(c) = extra {
            args.extend(["--capacity", c]);
        }
        let piped = Command::new(env!("CARGO_BIN_EXE_golive"))
            .args(&args)
            .env("GOLIVE_PROGRESS_DELAY_MS", "0")
            .env("GOLIVE_NOW", crate::harness::NOW)
            .env_remove("GOLIVE_CONFIG")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(piped.status.code(), Some(0), "{piped:?}");
        assert!(piped.stderr.is_empty(), "stderr: {:?}", piped.stderr);
        let shown = on_a_terminal(&args);
        assert!(shown.contains("planning"), "{format} {extra:?}: {shown:?}");
        assert!(
            shown.contains(&format!("/{N}")),
            "{format} {extra:?}: {shown:?}"
        );
        args.insert(0, "-q");
        let quiet = on_a_terminal(&args);
        assert!(!quiet.contains("planning"), "{quiet:?}");
    }
}
