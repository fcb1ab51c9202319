//! `--out` into a stream (issue 13): `-`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and
//! `/proc/self/fd/N` are written as they are, never followed to a file and replaced.

use std::process::Command;

use crate::harness::temp_dir;

/// Issue 13: `( echo before; golive ... --out /dev/stdout; echo after ) > f` kept only
/// golive's lines: golive renamed a new file over `f`. A stream is written as it is.
#[test]
fn out_into_a_stream_keeps_what_is_around_it() {
    let bin = env!("CARGO_BIN_EXE_golive");
    let guard = temp_dir();
    let dir = guard.path();
    let link = dir.join("to-stdout");
    std::os::unix::fs::symlink("/dev/stdout", &link).unwrap();
    let link = link.to_str().unwrap().to_string();
    for (out, redirect) in [
        ("/dev/stdout", ">"),
        ("-", ">"),
        ("/dev/fd/1", ">"),
        ("/proc/self/fd/1", ">"),
        (link.as_str(), ">"),
        ("/dev/stderr", "2>"),
        ("/dev/fd/2", "2>"),
    ] {
        let f = dir.join("f");
        let to = if redirect == ">" { "" } else { ">&2" };
        let script = format!(
            "( echo before {to}; \"$0\" trains --from 2026-12-01 --count 1 --format csv --out '{out}'; echo after {to} ) {redirect} '{}'",
            f.display()
        );
        let status = Command::new("sh")
            .args(["-c", &script, bin])
            .env_remove("GOLIVE_CONFIG")
            .status()
            .unwrap();
        assert!(status.success(), "{out}");
        let text = std::fs::read_to_string(&f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{out}: {text}");
        assert_eq!(lines[0], "before", "{out}: {text}");
        assert!(lines[1].starts_with("cutoff,"), "{out}: {text}");
        assert!(
            lines[2].starts_with("2026-12-03T09:00:00-08:00,"),
            "{out}: {text}"
        );
        assert_eq!(lines[3], "after", "{out}: {text}");
    }
    // Into a pipe.
    let out = Command::new("sh")
        .args([
            "-c",
            "\"$0\" trains --from 2026-12-01 --count 1 --format csv --out /dev/stdout | cat",
            bin,
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("cutoff,"));
    // `-` is stdout, not a file named "-".
    let run = Command::new(bin)
        .args([
            "trains",
            "--from",
            "2026-12-01",
            "--count",
            "1",
            "--out",
            "-",
        ])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&run.stdout).contains("Cutoff"));
    assert!(!dir.join("-").exists());
}
