//! A small harness around the built `golive` binary.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Asserts success and returns stdout.
    pub fn ok(&self) -> &str {
        assert_eq!(
            self.code, 0,
            "stderr: {}\nstdout: {}",
            self.stderr, self.stdout
        );
        &self.stdout
    }

    /// Asserts the exit code and that stderr mentions every needle; returns stderr.
    pub fn fails(&self, code: i32, needles: &[&str]) -> &str {
        assert_eq!(
            self.code, code,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "panic: {}", self.stderr);
        for n in needles {
            assert!(
                self.stderr.contains(n),
                "stderr lacks {n:?}: {}",
                self.stderr
            );
        }
        &self.stderr
    }

    /// Parses stdout as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.ok()).expect("stdout is JSON")
    }
}

/// The clock the tests run `golive` at (`GOLIVE_NOW`): before the fixtures' trains, so that
/// answers do not change as the days go by.
pub const NOW: &str = "2026-11-01T00:00:00Z";

/// Runs `golive` with `args`, with no user configuration from the environment (nor from
/// the user's configuration folder), at [`NOW`].
pub fn golive(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_golive"))
        .args(args)
        .env_remove("GOLIVE_CONFIG")
        .env("GOLIVE_NOW", NOW)
        .env("XDG_CONFIG_HOME", "/nonexistent/golive-test-config")
        .env("NO_COLOR", "1")
        .output()
        .expect("golive runs");
    Run::from(out)
}

/// A file in a fresh temporary folder of its own; the folder and everything in it are
/// removed when this is dropped. It reads as the file's path.
pub struct TempFile {
    path: PathBuf,
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for TempFile {
    type Target = std::path::Path;

    fn deref(&self) -> &std::path::Path {
        &self.path
    }
}

impl AsRef<std::path::Path> for TempFile {
    fn as_ref(&self) -> &std::path::Path {
        &self.path
    }
}

/// Writes `text` to a file named `name` in a fresh temporary folder, removed with it.
pub fn temp_file(name: &str, text: &str) -> TempFile {
    let dir = temp_dir();
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    TempFile { path, _dir: dir }
}

impl TempFile {
    /// A path under `root` (relative), removed with `root`.
    pub fn under(root: tempfile::TempDir, relative: &str) -> TempFile {
        TempFile {
            path: root.path().join(relative),
            _dir: root,
        }
    }
}

/// A fresh empty temporary folder, removed (with what it holds) when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("golive-test-")
        .tempdir()
        .unwrap()
}

/// Runs `golive --config CONFIG ARGS...`.
pub fn with_config(config: &std::path::Path, args: &[&str]) -> Run {
    let mut all = vec!["--config", config.to_str().expect("UTF-8 temp path")];
    all.extend_from_slice(args);
    golive(&all)
}

/// The default configuration's region keys, in order.
pub const REGIONS: [&str; 6] = [
    "testing",
    "us-preview",
    "asia",
    "europe",
    "br-ca-jp-in",
    "au-uk-us",
];

/// The region dates of a `when --format json` answer, in order.
pub fn region_dates(v: &serde_json::Value) -> Vec<String> {
    v["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .map(|r| r["date"].as_str().expect("a date").to_string())
        .collect()
}

/// What `golive ARGS` shows in a terminal `columns` wide (stdout and stderr both go to it),
/// with `env` set, at the tests' clock; and its exit code.
pub fn in_terminal(columns: u16, env: &[(&str, &str)], args: &[&str]) -> (String, i32) {
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(name.to_str().unwrap())
        .unwrap();
    let size = rustix::termios::Winsize {
        ws_row: 24,
        ws_col: columns,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    rustix::termios::tcsetwinsize(&slave, size).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_golive"));
    command
        .args(args)
        .env_remove("GOLIVE_CONFIG")
        .env_remove("COLUMNS")
        .env("GOLIVE_NOW", NOW)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().unwrap();
    // The child holds the terminal's only other end now: reading ends (EIO on Linux) when
    // it exits.
    drop(command);
    let mut master = std::fs::File::from(master);
    let mut shown = Vec::new();
    let mut buf = [0u8; 1 << 14];
    loop {
        match master.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => shown.extend_from_slice(&buf[..n]),
        }
    }
    let code = child.wait().unwrap().code().unwrap_or(-1);
    // The terminal turns each line break into CR LF.
    let text = String::from_utf8(shown).unwrap().replace("\r\n", "\n");
    (text, code)
}
