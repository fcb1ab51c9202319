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
        .replace(['\u{2010}', '\u{2212}'], "-")
}

/// Runs `golive` with `args` and exactly the environment `env` adds to PATH.
fn run_env(args: &[&str], env: &[(&str, &std::ffi::OsStr)], stdin: Option<&[u8]>) -> Run {
    use std::io::Write;
    let mut command = Command::new(env!("CARGO_BIN_EXE_golive"));
    command.args(args).env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    for (k, v) in env {
        command.env(k, v);
    }
    command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn short_flags_mean_the_long_ones() {
    let long = golive(&[
        "when",
        "--ready",
        "2026-11-22T10:00",
        "--where",
        "Japan",
        "--format",
        "json",
    ]);
    let short = golive(&[
        "when",
        "-r",
        "2026-11-22T10:00",
        "-w",
        "Japan",
        "-f",
        "json",
    ]);
    assert_eq!(long.ok(), short.ok());
    let dir = temp_dir();
    let config = dir.path().join("c.toml");
    std::fs::write(&config, "deploy_time = \"10:30\"\n").unwrap();
    let out = dir.path().join("when.json");
    let c = config.to_str().unwrap();
    golive(&[
        "-c",
        c,
        "when",
        "-r",
        "2026-11-22",
        "-f",
        "json",
        "-o",
        out.to_str().unwrap(),
    ])
    .ok();
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.contains("\"start\": \"2026-11-27T10:30:00-08:00\""),
        "{written}"
    );
    let est = golive(&[
        "estimate",
        "--stage",
        "pr-open",
        "--since",
        "2026-11-02",
        "-w",
        "JP",
        "-f",
        "csv",
    ]);
    assert!(est.ok().starts_with("key,name,"));
}

#[test]
fn color_follows_the_flag_no_color_and_the_terminal() {
    let args = ["when", "-r", "2026-11-22", "-w", "Japan", "--explain"];
    let esc = "\u{1b}[";
    let always = golive(&[&["--color", "always"][..], &args[..]].concat());
    let text = always.ok();
    // The headline, the seasonal warning and the skipped days are coloured.
    assert!(text.lines().next().unwrap().starts_with(esc), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with(esc) && l.contains("Seasonal freeze")),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with(&format!("  {esc}"))),
        "{text}"
    );
    // Without escapes, the text is the plain table.
    let plain = golive(&args);
    let stripped: String = {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for d in chars.by_ref() {
                    if d == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    assert_eq!(stripped, plain.ok());
    assert!(
        !golive(&[&["--color", "never"][..], &args[..]].concat())
            .ok()
            .contains(esc)
    );
    // auto: a pipe is not a terminal, with or without NO_COLOR.
    assert!(!run_env(&args, &[], None).ok().contains(esc));
    // JSON is never coloured.
    let json = golive(&["--color", "always", "when", "-f", "json"]);
    assert!(!json.ok().contains(esc));
}

#[test]
fn a_colour_that_does_not_exist_lists_the_choices() {
    golive(&["--color", "sometimes", "when"]).fails(2, &["sometimes", "auto", "always", "never"]);
}

#[test]
fn quiet_silences_notes_but_not_errors() {
    let empty = [("GOLIVE_CONFIG", std::ffi::OsStr::new(""))];
    let noisy = run_env(&["when", "-f", "json"], &empty, None);
    noisy.ok();
    assert!(
        noisy.stderr.contains("note: GOLIVE_CONFIG is empty"),
        "{}",
        noisy.stderr
    );
    let quiet = run_env(&["-q", "when", "-f", "json"], &empty, None);
    assert_eq!(quiet.ok(), noisy.stdout);
    assert_eq!(quiet.stderr, "");
    run_env(&["--quiet", "when", "-r", "2026-02-30"], &empty, None).fails(2, &["--ready"]);
}

/// FNV-1a (32 bits) of `parts` joined by 0x1f, written out again here.
fn fnv1a(parts: &[&[u8]]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for (i, part) in parts.iter().enumerate() {
        let sep: &[u8] = if i > 0 { &[0x1f] } else { &[] };
        for b in sep.iter().chain(part.iter()) {
            h = (h ^ u32::from(*b)).wrapping_mul(0x0100_0193);
        }
    }
    h
}

#[test]
fn version_names_the_holiday_data_and_the_time_zone_database() {
    let names = ["us-federal", "us-federal-closures", "lunar-new-year"];
    let texts: Vec<String> = names
        .iter()
        .map(|n| std::fs::read_to_string(root().join(format!("calendars/{n}.toml"))).unwrap())
        .collect();
    let parts: Vec<&[u8]> = names
        .iter()
        .zip(&texts)
        .flat_map(|(n, t)| [n.as_bytes(), t.as_bytes()])
        .collect();
    let hash = format!("{:08x}", fnv1a(&parts));
    let tzdb = golive::chrono_tz::IANA_TZDB_VERSION;
    let long = golive(&["--version"]);
    let long = long.ok();
    assert!(
        long.starts_with(&format!("golive {}\n", env!("CARGO_PKG_VERSION"))),
        "{long}"
    );
    assert!(long.contains(&format!("data {hash}")), "{long}");
    assert!(long.contains(&format!("IANA tzdb {tzdb}")), "{long}");
    let short = golive(&["-V"]);
    assert_eq!(short.ok().lines().count(), 1);
    assert!(
        short.stdout.contains(&hash) && short.stdout.contains(tzdb),
        "{}",
        short.stdout
    );
}

#[test]
fn configuration_where_people_keep_it() {
    let home = temp_dir();
    let xdg = temp_dir();
    let write = |dir: &Path, time: &str| {
        let file = dir.join("golive/config.toml");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, format!("deploy_time = \"{time}\"\n")).unwrap();
        file
    };
    let start = |run: Run| -> String {
        let v: serde_json::Value = serde_json::from_str(run.ok()).unwrap();
        v["train"]["start"].as_str().unwrap().to_string()
    };
    let when = ["when", "-r", "2026-11-22", "-f", "json"];
    let os = |p: &Path| p.as_os_str().to_owned();
    // Nothing anywhere: the embedded default.
    let none = [("HOME", os(home.path()))];
    let none: Vec<(&str, &std::ffi::OsStr)> =
        none.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
    assert_eq!(
        start(run_env(&when, &none, None)),
        "2026-11-27T09:00:00-08:00"
    );
    // ~/.config/golive/config.toml, without XDG_CONFIG_HOME.
    let in_home = write(&home.path().join(".config"), "10:00");
    assert_eq!(
        start(run_env(&when, &none, None)),
        "2026-11-27T10:00:00-08:00"
    );
    // XDG_CONFIG_HOME wins over HOME; an empty one is ignored.
    let in_xdg = write(xdg.path(), "11:00");
    let mut env = none.clone();
    env.push(("XDG_CONFIG_HOME", xdg.path().as_os_str()));
    assert_eq!(
        start(run_env(&when, &env, None)),
        "2026-11-27T11:00:00-08:00"
    );
    let mut empty_xdg = none.clone();
    empty_xdg.push(("XDG_CONFIG_HOME", std::ffi::OsStr::new("")));
    assert_eq!(
        start(run_env(&when, &empty_xdg, None)),
        "2026-11-27T10:00:00-08:00"
    );
    // GOLIVE_CONFIG wins over both; --config over GOLIVE_CONFIG.
    let other = temp_dir();
    let named = write(other.path(), "12:00");
    let mut with_env = env.clone();
    with_env.push(("GOLIVE_CONFIG", named.as_os_str()));
    assert_eq!(
        start(run_env(&when, &with_env, None)),
        "2026-11-27T12:00:00-08:00"
    );
    let flag = [&["-c", in_home.to_str().unwrap()][..], &when[..]].concat();
    assert_eq!(
        start(run_env(&flag, &with_env, None)),
        "2026-11-27T10:00:00-08:00"
    );
    // `config show` says which file is in effect (on stderr: stdout reads back as the same
    // configuration).
    let show = run_env(&["config", "show"], &with_env, None);
    show.ok();
    assert!(
        show.stderr.contains(&*named.to_string_lossy()) && show.stderr.contains("GOLIVE_CONFIG"),
        "{}",
        show.stderr
    );
    let shown = run_env(&["config", "show"], &env, None);
    assert!(shown.ok().contains("deploy_time = \"11:00\""));
    assert!(
        shown.stderr.contains(&*in_xdg.to_string_lossy()),
        "{}",
        shown.stderr
    );
    let back = other.path().join("shown.toml");
    std::fs::write(&back, &shown.stdout).unwrap();
    golive(&["config", "check", back.to_str().unwrap()]).ok();
    let default = run_env(&["config", "show"], &none[..0], None);
    default.ok();
    assert!(
        default.stderr.contains("the embedded default (no --config"),
        "{}",
        default.stderr
    );
    assert_eq!(
        run_env(&["-q", "config", "show"], &none[..0], None).stderr,
        ""
    );
    // An empty GOLIVE_CONFIG is ignored; one naming no file is an error naming the variable.
    let mut empty = env.clone();
    empty.push(("GOLIVE_CONFIG", std::ffi::OsStr::new("")));
    assert_eq!(
        start(run_env(&when, &empty, None)),
        "2026-11-27T11:00:00-08:00"
    );
    let mut missing = env.clone();
    let gone = other.path().join("gone.toml");
    missing.push(("GOLIVE_CONFIG", gone.as_os_str()));
    run_env(&when, &missing, None).fails(2, &["GOLIVE_CONFIG", "gone.toml", "names no file"]);
}

#[test]
fn from_and_until_mean_days_everywhere_with_years_and_months_as_shorthand() {
    // holidays --from a date alone: a year of holidays, no complaint about --until.
    let listed = golive(&["holidays", "--from", "2026-11-01", "-f", "csv"]);
    let rows: Vec<&str> = listed.ok().lines().skip(1).collect();
    assert!(rows.first().unwrap().starts_with("2026-11-11,"), "{rows:?}");
    assert!(rows.iter().any(|r| r.starts_with("2027-01-01,")));
    assert!(
        rows.iter()
            .all(|r| (&r[..10] >= "2026-11-01") && (&r[..10] <= "2027-10-31")),
        "{rows:?}"
    );
    // A year and a month are their first and last days.
    let q1 = golive(&[
        "holidays", "--from", "2027", "--until", "2027-03", "-f", "csv",
    ]);
    let days: Vec<String> = q1
        .ok()
        .lines()
        .skip(1)
        .map(|r| r[..10].to_string())
        .collect();
    assert_eq!(days.first().unwrap(), "2027-01-01");
    assert!(
        days.iter().all(|d| d.as_str() <= "2027-03-31")
            && days.iter().any(|d| d.starts_with("2027-02"))
    );
    assert_eq!(
        golive(&["holidays", "--year", "2027"]).ok(),
        golive(&["holidays", "--from", "2027", "--until", "2027"]).ok()
    );
    // trains and calendar read them the same way.
    assert_eq!(
        golive(&["trains", "--from", "2027", "-f", "csv"]).ok(),
        golive(&["trains", "--from", "2027-01-01", "-f", "csv"]).ok()
    );
    let march = golive(&[
        "trains", "--from", "2027-03", "--until", "2027-03", "-f", "csv",
    ]);
    let starts: Vec<&str> = march
        .ok()
        .lines()
        .skip(1)
        .map(|r| &r.split(',').nth(1).unwrap()[..10])
        .collect();
    assert_eq!(
        starts,
        ["2027-03-05", "2027-03-12", "2027-03-19", "2027-03-26"]
    );
    golive(&["calendar", "--from", "2027-01", "--until", "2027-02"]).ok();
    // Bad days say what was expected; exit 2.
    golive(&["holidays", "--from", "2026-13"]).fails(2, &["--from", "2026-13", "month"]);
    golive(&["trains", "--until", "soon"]).fails(2, &["--until", "soon", "a year (2027)", "today"]);
    golive(&["holidays", "--from", "2027", "--until", "2026"])
        .fails(2, &["--until", "before --from"]);
    let err = golive(&["holidays", "--from", "2026-11-01", "--until", "x"]);
    assert!(!err.fails(2, &["--until"]).contains("required"));
}

#[test]
fn today_tomorrow_and_now_wherever_a_time_is_taken() {
    let ready = |r: &str| {
        let v = golive(&["when", "-r", r, "-f", "json"]).json();
        v["ready"].as_str().unwrap().to_string()
    };
    let today = ready("today");
    let tomorrow = ready("tomorrow");
    assert!(
        today.contains("T00:00:00") && tomorrow.contains("T00:00:00"),
        "{today} {tomorrow}"
    );
    assert!(tomorrow > today);
    assert_eq!(ready("TODAY"), today);
    // now, to the second: no fraction in the echo.
    let now = ready("now");
    assert!(!now.contains('.'), "{now}");
    let table = golive(&["when"]);
    let line = table
        .ok()
        .lines()
        .find(|l| l.starts_with("Ready:"))
        .unwrap()
        .to_string();
    assert!(!line.contains('.'), "{line}");
    golive(&["estimate", "--stage", "pr-open", "--since", "today"]).ok();
    golive(&["trains", "--from", "tomorrow", "--until", "tomorrow"]).ok();
    golive(&["holidays", "--from", "today"]).ok();
    golive(&["when", "-r", "yesterday"])
        .fails(2, &["--ready", "yesterday", "now, today, tomorrow"]);
}

#[test]
fn plan_reads_a_batch_from_stdin() {
    let examples = root().join("config/examples");
    let csv = std::fs::read(examples.join("batch.csv")).unwrap();
    let toml = std::fs::read(examples.join("batch.toml")).unwrap();
    let from_file = golive(&[
        "plan",
        examples.join("batch.csv").to_str().unwrap(),
        "-f",
        "json",
    ])
    .json();
    let no_env: &[(&str, &std::ffi::OsStr)] = &[];
    let strip = |mut v: serde_json::Value| {
        v.as_object_mut().unwrap().remove("file");
        v
    };
    for (input, args) in [
        (&csv, &["plan", "-", "-f", "json"][..]),
        (&toml, &["plan", "-", "-f", "json"][..]),
        (&csv, &["plan", "/dev/stdin", "-f", "json"][..]),
        (
            &toml,
            &["plan", "-", "--input-format", "toml", "-f", "json"][..],
        ),
    ] {
        let run = run_env(args, no_env, Some(input));
        let v: serde_json::Value = serde_json::from_str(run.ok()).unwrap();
        assert_eq!(strip(v), strip(from_file.clone()), "{args:?}");
    }
    // Streamed CSV from stdin is the same CSV.
    let streamed = run_env(&["plan", "-", "-f", "csv"], no_env, Some(&csv));
    let from_csv = golive(&[
        "plan",
        examples.join("batch.csv").to_str().unwrap(),
        "-f",
        "csv",
    ]);
    assert_eq!(streamed.ok(), from_csv.ok());
    // --input-format overrides a name that says nothing, or says otherwise.
    let dir = temp_dir();
    let txt = dir.path().join("batch.txt");
    std::fs::write(&txt, &toml).unwrap();
    let t = txt.to_str().unwrap();
    golive(&["plan", t]).fails(2, &["must end in .toml or .csv"]);
    golive(&["plan", t, "--input-format", "toml"]).ok();
    golive(&["plan", t, "--input-format", "csv"]).fails(2, &["batch.txt"]);
    golive(&["plan", t, "--input-format", "yaml"]).fails(2, &["yaml", "csv", "toml"]);
    // A bad row on stdin is named as such.
    run_env(&["plan", "-"], no_env, Some(b"name,ready\nA,2026-02-30\n")).fails(2, &["<stdin>:2"]);
}
