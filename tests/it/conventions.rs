//! The command line's conventions (issue 14): help that fits the terminal and whose examples
//! run, completions and a man page, short flags, `--quiet` and `--color`, `--version`,
//! configuration files where people keep them, one reading of dates, and batches from stdin.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{Run, golive, temp_dir};

/// Every command whose help `golive <path> --help` prints.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["when"],
    &["trains"],
    &["holidays"],
    &["calendar"],
    &["site"],
    &["regions"],
    &["plan"],
    &["estimate"],
    &["config"],
    &["config", "show"],
    &["config", "check"],
    &["check"],
];

/// The repository's root, for the example files the help's examples name.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder with the files the help's examples name: `batch.csv`, `batch.toml`,
/// `freeze.toml`, `my-config.toml` and the connector folders `connectors/Contoso` and
/// `old/Contoso`.
fn example_folder() -> tempfile::TempDir {
    let dir = temp_dir();
    let examples = root().join("config/examples");
    for (from, to) in [
        ("batch.csv", "batch.csv"),
        ("batch.toml", "batch.toml"),
        ("early-freeze.toml", "freeze.toml"),
    ] {
        std::fs::copy(examples.join(from), dir.path().join(to)).unwrap();
    }
    std::fs::write(dir.path().join("my-config.toml"), "max_per_train = 3\n").unwrap();
    let connector = root().join("tests/data/connectors/certified-connectors/Nextset WorkFlow");
    for to in ["connectors/Contoso", "old/Contoso"] {
        copy_dir(&connector, &dir.path().join(to));
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        match e.file_type().unwrap().is_dir() {
            true => copy_dir(&e.path(), &target),
            false => {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }
}

/// Runs `line` with `sh` in `dir`, `golive` first on PATH, with a home and configuration
/// folder of its own and no colour.
fn shell(dir: &Path, line: &str) -> Run {
    let bin = Path::new(env!("CARGO_BIN_EXE_golive")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .args(["-c", line])
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join(".config"))
        .env_remove("GOLIVE_CONFIG")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The help of `command`, as `golive <command> --help` prints it `columns` wide.
fn help(command: &[&str], flag: &str, columns: usize) -> String {
    let mut args: Vec<&str> = command.to_vec();
    args.push(flag);
    let out = Command::new(env!("CARGO_BIN_EXE_golive"))
        .args(&args)
        .env("COLUMNS", columns.to_string())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The example command lines of a help text: the lines after `Examples:` up to the first
/// blank line.
fn examples(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != "Examples:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn every_command_has_examples_and_every_example_runs() {
    let dir = example_folder();
    let mut ran = 0;
    for command in COMMANDS {
        let text = help(command, "--help", 100);
        let lines = examples(&text);
        assert!(
            !lines.is_empty(),
            "golive {command:?} --help has no examples:\n{text}"
        );
        for line in lines {
            assert!(line.contains("golive "), "{line}");
            let run = shell(dir.path(), &line);
            assert_eq!(run.code, 0, "{line}\nstderr: {}", run.stderr);
            let quiet = ["--out", " > ", "golive site"];
            assert!(
                !run.stdout.is_empty() || quiet.iter().any(|q| line.contains(q)),
                "{line} printed nothing"
            );
            ran += 1;
        }
    }
    assert!(ran >= 30, "{ran} examples");
    // What they wrote is there.
    for file in [
        "contoso.ics",
        "deploy.ics",
        "trains.csv",
        "plan.ics",
        "public/index.html",
    ] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
}

#[test]
fn answering_commands_describe_their_formats() {
    for command in [
        "when", "trains", "holidays", "regions", "plan", "estimate", "check",
    ] {
        let text = help(&[command], "--help", 100);
        assert!(text.contains("Formats (--format):"), "{command}:\n{text}");
        assert!(text.contains("  json   "), "{command}:\n{text}");
    }
}

#[test]
fn help_fits_the_terminal() {
    for columns in [80, 120] {
        for command in COMMANDS {
            for flag in ["--help", "-h"] {
                let text = help(command, flag, columns);
                for line in text.lines() {
                    assert!(
                        line.chars().count() <= columns,
                        "golive {command:?} {flag} at {columns} columns: {} wide:\n{line}",
                        line.chars().count()
                    );
                }
            }
        }
    }
    // Narrower means wrapped, not cut.
    let wide = help(&["when"], "--help", 120);
    let narrow = help(&["when"], "--help", 80);
    assert!(narrow.lines().count() > wide.lines().count());
    let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(words(&wide), words(&narrow));
}

#[test]
fn help_is_printed_with_exit_0() {
    let run = golive(&["help", "plan"]);
    assert!(run.ok().contains("Examples:"));
}
