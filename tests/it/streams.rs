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

/// A plan to a pipe is spooled into a temporary file first (so that nothing goes out for a
/// batch that fails); when the spool cannot take it (a full or capped temporary directory,
/// here a 64 KiB file-size limit), the plan is checked and written straight out instead,
/// the same bytes as with room to spare. A batch that fails still writes nothing.
#[test]
fn a_plan_to_a_pipe_does_not_need_room_for_a_spool() {
    let bin = env!("CARGO_BIN_EXE_golive");
    let mut text = String::from("name,ready\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "C{i},2027-{:02}-{:02}T10:00\n",
            1 + i % 12,
            1 + i % 28
        ));
    }
    let batch = crate::harness::temp_file("b.csv", &text);
    let bad = crate::harness::temp_file("bad.csv", "name,ready\nA,2027-01-04\nB,not a date\n");
    let run = |cap: bool, file: &std::path::Path, format: &str| {
        let limit = if cap { "ulimit -f 128; " } else { "" };
        let script = format!("trap '' XFSZ; {limit}exec \"$0\" plan \"$1\" -q --format {format}");
        Command::new("sh")
            .args(["-c", &script, bin, file.to_str().unwrap()])
            .env_remove("GOLIVE_CONFIG")
            .env("GOLIVE_NOW", crate::harness::NOW)
            .output()
            .unwrap()
    };
    for format in ["json", "jsonl", "csv", "ics"] {
        let roomy = run(false, &batch, format);
        let capped = run(true, &batch, format);
        assert!(
            roomy.status.success() && roomy.stdout.len() > 128 * 1024,
            "{format}"
        );
        assert!(
            capped.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&capped.stderr)
        );
        assert!(
            capped.stdout == roomy.stdout,
            "{format}: the outputs differ"
        );
        let failed = run(true, &bad, format);
        assert_eq!(failed.status.code(), Some(2), "{format}");
        assert!(failed.stdout.is_empty(), "{format}");
    }
}
