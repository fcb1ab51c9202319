//! Runs commands side by side, alternating, and prints each one's best and median wall time,
//! its ratio to the first command, and its peak memory: how the README's Performance tables
//! are measured, so that a busy machine slows every path alike.
//!
//! ```text
//! cargo run --release --example side-by-side -- --rounds 5 --runs 1 \
//!     'streamed csv=../target/release/golive plan /tmp/b1m.csv --format csv --out /tmp/p.csv' \
//!     'floor=target/release/examples/floor /tmp/b1m.csv /tmp/floor.csv'
//! ```
//!
//! Each argument after the options is `LABEL=COMMAND`; the command is split at spaces (no
//! shell) and a last word `>FILE` sends its standard output to FILE (else to /dev/null). In
//! every round each command runs `--runs` times in turn; the figures are over all runs.

use std::process::{Command, Stdio};
use std::time::Instant;

struct Job {
    label: String,
    argv: Vec<String>,
    stdout: Option<String>,
    walls: Vec<f64>,
    peak_kb: i64,
}

/// Waits for `pid` and returns its peak resident set in KB (`wait4`'s `ru_maxrss`), which
/// std's `Child::wait` does not report.
fn wait_peak(child: std::process::Child) -> Result<i64, String> {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that `wait4` fills in; `pid` is our own child, which
    // std has not waited for (the `Child` is dropped without `wait`).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if got != pid {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("exited with status {status:#x}"));
    }
    Ok(usage.ru_maxrss)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rounds = 5;
    let mut runs = 1;
    let mut jobs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().ok_or("--rounds N")?.parse()?,
            "--runs" => runs = args.next().ok_or("--runs N")?.parse()?,
            job => {
                let (label, command) = job.split_once('=').ok_or("LABEL=COMMAND")?;
                let mut argv: Vec<String> = command.split(' ').map(str::to_string).collect();
                let stdout = match argv.last() {
                    Some(w) if w.starts_with('>') => argv.pop().map(|w| w[1..].to_string()),
                    _ => None,
                };
                jobs.push(Job {
                    label: label.to_string(),
                    argv,
                    stdout,
                    walls: Vec::new(),
                    peak_kb: 0,
                });
            }
        }
    }
    if jobs.is_empty() {
        return Err("usage: side-by-side [--rounds N] [--runs N] LABEL=COMMAND...".into());
    }
    for _ in 0..rounds {
        for job in &mut jobs {
            for _ in 0..runs {
                let out = match &job.stdout {
                    Some(path) => Stdio::from(std::fs::File::create(path)?),
                    None => Stdio::null(),
                };
                let start = Instant::now();
                let child = Command::new(&job.argv[0])
                    .args(&job.argv[1..])
                    .stdout(out)
                    .spawn()?;
                let peak = wait_peak(child).map_err(|e| format!("{}: {e}", job.label))?;
                job.walls.push(start.elapsed().as_secs_f64());
                job.peak_kb = job.peak_kb.max(peak);
            }
        }
    }
    let stats = |walls: &[f64]| {
        let mut w = walls.to_vec();
        w.sort_by(f64::total_cmp);
        (w[0], w[w.len() / 2])
    };
    let (base_best, base_median) = stats(&jobs[0].walls);
    println!("| path | wall best / median | vs first (best / median) | peak RSS |");
    println!("|---|---|---|---|");
    for job in &jobs {
        let (best, median) = stats(&job.walls);
        println!(
            "| {} | {} / {} | {:.2}× / {:.2}× | {:.0} MB |",
            job.label,
            shown(best),
            shown(median),
            best / base_best,
            median / base_median,
            job.peak_kb as f64 / 1024.0
        );
    }
    Ok(())
}

/// A wall time in the unit that suits it.
fn shown(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{seconds:.2} s")
    }
}
