//! A small harness around the built `golive` binary.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output};

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

/// Runs `golive` with `args`, with no user configuration from the environment.
pub fn golive(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_golive"))
        .args(args)
        .env_remove("GOLIVE_CONFIG")
        .env("NO_COLOR", "1")
        .output()
        .expect("golive runs");
    Run::from(out)
}

/// Writes `text` to a fresh temporary file named `name` and returns its path.
pub fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "golive-test-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    path
}

static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

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
