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
    &["completions"],
    &["man"],
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
    // Where the completion and man page examples install into, under this folder as HOME.
    for folder in [
        ".local/share/bash-completion/completions",
        ".zfunc",
        ".config/fish/completions",
        ".local/share/man/man1",
    ] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
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
    assert!(ran >= 35, "{ran} examples");
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

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = golive(&["completions", shell]);
        let script = out.ok();
        assert!(script.contains("golive"), "{shell}: {script}");
        // Every command and the flags of one are there to complete.
        for word in [
            "when",
            "trains",
            "holidays",
            "plan",
            "completions",
            "--ready",
        ] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
}

#[test]
fn bash_completions_load_in_bash() {
    let dir = temp_dir();
    let file = dir.path().join("golive.bash");
    std::fs::write(&file, golive(&["completions", "bash"]).ok()).unwrap();
    let syntax = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    // Sourced, it registers a completion for golive, and completing `golive wh` offers `when`.
    let script = format!(
        "source '{}' && complete -p golive && COMP_WORDS=(golive wh) COMP_CWORD=1 \
         COMP_LINE='golive wh' COMP_POINT=9 && _golive golive wh golive && echo \"${{COMPREPLY[@]}}\"",
        file.display()
    );
    let run = Command::new("bash").args(["-c", &script]).output().unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.contains("complete") && stdout.contains("golive"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .last()
            .unwrap_or("")
            .split(' ')
            .any(|w| w == "when"),
        "{stdout}"
    );
}

#[test]
fn an_unknown_shell_lists_the_shells() {
    golive(&["completions", "tcsh"])
        .fails(2, &["tcsh", "bash", "zsh", "fish", "powershell", "elvish"]);
    golive(&["completions"]).fails(2, &["<SHELL>"]);
}

#[test]
fn the_man_page_is_roff_with_every_command() {
    let page = golive(&["man"]).ok().to_string();
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.starts_with(".TH"),
        "{}",
        &page[..200]
    );
    assert!(page.contains(".TH golive 1"), "{}", &page[..400]);
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH COMMANDS",
        ".SH EXAMPLES",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH VERSION",
    ] {
        assert_eq!(page.matches(section).count(), 1, "{section}");
    }
    for command in [
        "when",
        "trains",
        "holidays",
        "calendar",
        "site",
        "regions",
        "plan",
        "estimate",
        "config",
        "config show",
        "config check",
        "check",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!(".SS \"golive {command}\""))
                || page.contains(&format!(".SS golive {command}\n")),
            "{command}"
        );
    }
    // Examples keep their lines; every macro is one roff knows, or one clap_mangen defines.
    assert!(page.contains(".nf\n"), "examples are preformatted");
    for line in page.lines().filter(|l| l.starts_with('.')) {
        let name = line[1..].split_whitespace().next().unwrap_or("");
        assert!(
            [
                "TH", "SH", "SS", "TP", "PP", "IP", "RS", "RE", "nf", "fi", "br", "ie", "el", "ds"
            ]
            .contains(&name),
            "unknown macro: {line}"
        );
    }
}

/// Renders the man page with groff (or man) when the machine has it: CI installs groff and
/// sets GOLIVE_REQUIRE_GROFF=1, so that there the render is never skipped.
#[test]
fn the_man_page_renders() {
    let dir = temp_dir();
    let file = dir.path().join("golive.1");
    std::fs::write(&file, golive(&["man"]).ok()).unwrap();
    let have = |tool: &str| {
        Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let rendered = if have("groff") {
        Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-rLL=80n"])
            .arg(&file)
            .output()
            .unwrap()
    } else if have("man") {
        Command::new("man")
            .arg("-l")
            .arg(&file)
            .env("MANWIDTH", "80")
            .env("MANPAGER", "cat")
            .output()
            .unwrap()
    } else {
        assert!(
            std::env::var_os("GOLIVE_REQUIRE_GROFF").is_none(),
            "GOLIVE_REQUIRE_GROFF is set but neither groff nor man is installed"
        );
        eprintln!("neither groff nor man is installed: the man page is not rendered");
        return;
    };
    let stderr = String::from_utf8_lossy(&rendered.stderr);
    assert!(rendered.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let text = String::from_utf8_lossy(&rendered.stdout);
    // Plain text: groff's bold and underline come as overstrikes or escapes.
    let plain: String = strip_overstrikes(&text);
    for needle in [
        "golive when",
        "--ready",
        "EXIT STATUS",
        "golive plan batch.csv",
        "GOLIVE_CONFIG",
    ] {
        assert!(plain.contains(needle), "{needle}:\n{plain}");
    }
}

/// Text without groff's overstrikes (`x\bx`, `_\bx`) and SGR escapes.
fn strip_overstrikes(text: &str) -> String {
    let mut out: Vec<char> = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{8}' => {
                out.pop();
            }
            '\u{1b}' => {
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            c => out.push(c),
        }
    }
    out.into_iter()
        .collect::<String>()
        .replace('\u{2010}', "-")
        .replace('\u{2212}', "-")
}
