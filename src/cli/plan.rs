//! `golive plan`: a batch of connectors fitted into trains, or what a second configuration
//! would move.

use std::io::IsTerminal;
use std::path::Path;

use chrono::{DateTime, Utc};
use golive::export::{Format, Output};
use golive::{Batch, Error, ErrorKind, Layer, Plan, Result, Source, StreamedPlan, WhatIf};

use super::args::{FormatArg, InputFormatArg, PlanArgs};
use super::progress::Progress;
use super::{argument, in_zone, io, layers, load, output, report, tz_arg};

/// `--capacity` as a configuration layer, so that a `--what-if` file can still override it.
fn capacity_layer(value: &str) -> Result<Layer> {
    let v = value.trim();
    let toml = if v.eq_ignore_ascii_case("unlimited") {
        "max_per_train = \"unlimited\"".to_string()
    } else {
        let n = v
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| {
                argument(
                    "--capacity",
                    value,
                    format!(
                        "expected how many connectors a train takes: a whole number from 1 to {}, or \"unlimited\"",
                        u32::MAX
                    ),
                )
            })?;
        format!("max_per_train = {n}")
    };
    Ok(Layer {
        source: Source::new("--capacity", toml),
        dir: None,
    })
}

pub(super) fn run(config_file: Option<&Path>, mut a: PlanArgs, now: DateTime<Utc>) -> Result<()> {
    let mut layers = layers(config_file)?;
    if let Some(c) = &a.capacity {
        layers.push(capacity_layer(c)?);
    }
    // JSON Lines are JSON to every check, and only `plan` writes them.
    let lines = matches!(a.output.format, FormatArg::Jsonl);
    if lines {
        a.output.format = FormatArg::Json;
    }
    let mut output = in_zone(output(&a.output, now)?, tz_arg(&a.tz)?);
    if lines {
        if let Some(w) = &a.what_if {
            return Err(argument(
                "--what-if",
                w.display().to_string(),
                "a what-if lists moves, not connectors; use --format json with --what-if",
            ));
        }
        output = output.json_lines();
    }
    if let (Format::Ics, Some(w)) = (output.format, &a.what_if) {
        return Err(argument(
            "--what-if",
            w.display().to_string(),
            "a what-if lists moves, which have no calendar form; export the plan with --format ics and --config instead",
        ));
    }
    if let (Format::Html, Some(w)) = (output.format, &a.what_if) {
        return Err(argument(
            "--what-if",
            w.display().to_string(),
            "a what-if lists moves, which have no page; use --format table, json or csv, or make the page of the plan with --config instead",
        ));
    }
    let config = load(&layers)?;
    let (source, format) = read_batch(&a.batch, a.input_format)?;
    // A plain CSV batch to CSV, JSON or iCalendar plans row by row, never holding the batch.
    let is_csv = format == Some(InputFormatArg::Csv);
    if let (true, None, Format::Csv | Format::Json | Format::Ics) =
        (is_csv, &a.what_if, output.format)
        && let Some(streamed) = StreamedPlan::new(&config, &source)?
    {
        // Rows are counted (one a line, less the header) only when a bar can be drawn.
        let (output, bar) = with_progress(&output, || {
            source
                .text
                .bytes()
                .filter(|&b| b == b'\n')
                .count()
                .saturating_sub(1)
        });
        if let Some(done) = stream_plan(&streamed, &output, a.output.file.out.as_deref()) {
            bar.finish();
            if done.is_ok()
                && let Some(line) = golive::export::streamed_departed(&streamed, &output)
            {
                report::warn(&line);
            }
            return done;
        }
    }
    let batch = parse_batch(&source, format, config.timezone())?;
    // Only a what-if reads the file again (in its own zone): without one, the plan of a big
    // batch does not hold its text as well.
    let what_if = a.what_if.as_ref().map(|w| (w, source));
    let (output, bar) = with_progress(&output, || batch.len());
    if output.format == Format::Html && batch.len() > golive::export::MAX_PAGE_CONNECTORS {
        return Err(argument(
            "--format",
            "html",
            format!(
                "a plan's page lists at most {} connectors and {} has {}; use --format csv or json for a batch this size",
                golive::export::MAX_PAGE_CONNECTORS,
                a.batch.display(),
                batch.len()
            ),
        ));
    }
    let plan = Plan::new(&config, &batch)?;
    if let Some(line) = golive::export::departed(&plan, &output) {
        report::warn(&line);
    }
    let Some((what_if, source)) = what_if else {
        let written = io::write_output(a.output.file.out.as_deref(), &|out| {
            golive::export::plan(&config, &batch, &plan, &output, out)
        });
        bar.finish();
        return written;
    };
    drop(bar);
    layers.push(Layer::read(what_if)?);
    let new_config = load(&layers)?;
    // Local times in the batch are read in the schedule zone, which the what-if may change.
    let new_batch = match new_config.timezone() == config.timezone() {
        true => None,
        false => Some(parse_batch(&source, format, new_config.timezone())?),
    };
    // Say that it is the what-if plan that failed: the plan alone is fine.
    let new_plan = Plan::new(&new_config, new_batch.as_ref().unwrap_or(&batch))
        .map_err(|e| e.map_horizon_what(|w| format!("{w} with --what-if {}", what_if.display())))?;
    let diff = WhatIf::compare(&config, &plan, &new_config, &new_plan);
    io::write_output(a.output.file.out.as_deref(), &|out| {
        golive::export::what_if(&new_config, &batch, &diff, &output, out)
    })
}

/// `output` with a progress bar fed by the plan renderers' hook (`golive::export::Progress`):
/// the bar is drawn on a terminal only, after about a second, and never with `-q`; `rows`
/// counts the connectors only when a bar can be drawn.
fn with_progress(output: &Output, rows: impl FnOnce() -> usize) -> (Output, Progress) {
    let quiet = report::quiet();
    let total = (!quiet && std::io::stderr().is_terminal()).then(|| rows() as u64);
    let bar = Progress::start("planning", total, quiet);
    let set = bar.setter();
    let hook = golive::export::Progress(std::sync::Arc::new(move |done| set(done as u64)));
    (output.clone().with_progress(hook), bar)
}

/// Writes a streamed plan, or `None` when a row needs the full planner after all.
///
/// Into a file that is replaced atomically, the batch streams in one pass: if a row turns
/// out to need the full planner, the half-written temporary file is simply dropped. Into
/// stdout, a device or a pipe, nothing may go out before every row is known to stream.
/// iCalendar finds that out in its own first pass (it counts the connectors before it writes
/// a byte); CSV, JSON and JSON Lines are spooled into an anonymous temporary file and copied
/// out once complete. When no temporary file can be made, or writing it fails (a full or
/// capped temporary directory), every row is checked first and the plan made a second time,
/// straight into the output.
fn stream_plan(
    streamed: &StreamedPlan<'_>,
    output: &Output,
    out: Option<&Path>,
) -> Option<Result<()>> {
    let render = |w: &mut dyn std::io::Write| match output.format {
        Format::Json => golive::export::streamed_json(streamed, output, w),
        Format::Ics => golive::export::streamed_ics(streamed, output, w),
        _ => golive::export::streamed_csv(streamed, output, w),
    };
    let replaced = out.is_some_and(io::is_replaced);
    let checked_first = output.format == Format::Ics;
    if !replaced && !checked_first {
        let spooled = tempfile::tempfile().ok().map(|mut spool| {
            let rendered = render(&mut spool);
            (spool, rendered)
        });
        match spooled {
            Some((_, Ok(false))) => return None,
            Some((mut spool, Ok(true))) => {
                let copied = std::io::Seek::rewind(&mut spool).map_err(|e| {
                    Error::from(ErrorKind::Io {
                        action: "write",
                        path: "a temporary file".into(),
                        source: e,
                    })
                });
                return Some(copied.and_then(|()| {
                    io::write_output(out, &|w| std::io::copy(&mut &spool, w).map(drop))
                }));
            }
            // The spool could not take the plan: check every row, then write straight out.
            Some((_, Err(e))) if !matches!(e.kind(), ErrorKind::Io { .. }) => {
                return Some(Err(e));
            }
            Some((_, Err(_))) | None => match streamed.check() {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => return Some(Err(e)),
            },
        }
    }
    let input_error = std::cell::RefCell::new(None);
    let fallback = std::cell::Cell::new(false);
    let written = io::write_output(out, &|w| match render(w) {
        Ok(true) => Ok(()),
        Ok(false) => {
            fallback.set(true);
            Err(std::io::Error::other("needs the full planner"))
        }
        Err(e) => match e.into_kind() {
            ErrorKind::Io { source, .. } => Err(source),
            kind => {
                *input_error.borrow_mut() = Some(Error::from(kind));
                Err(std::io::Error::other("bad input"))
            }
        },
    });
    if let Some(e) = input_error.into_inner() {
        return Some(Err(e));
    }
    (!fallback.get()).then_some(written)
}

/// Reads the batch `path` names, and says how to read it: `--input-format`, else the
/// extension (`.csv`, `.toml`), else for standard input (`-`, /dev/stdin, a pipe) what its
/// first lines look like ([`sniff`]). `None` leaves it to [`Batch::parse`], which refuses a
/// file named otherwise.
fn read_batch(
    path: &Path,
    given: Option<InputFormatArg>,
) -> Result<(Source, Option<InputFormatArg>)> {
    // By name: through /dev/stdin a redirected file is a regular file, but still stdin.
    let from_stdin = ["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]
        .iter()
        .any(|n| path.as_os_str() == *n);
    let stream = from_stdin || std::fs::metadata(path).is_ok_and(|m| !m.is_file());
    let source = match (from_stdin, stream) {
        (true, _) => io::read_stdin()?,
        (false, true) => Source::read(path, io::MAX_BATCH_BYTES)?,
        (false, false) => io::read_file(path)?,
    };
    let by_name = path.extension().and_then(|e| e.to_str()).and_then(|e| {
        match e.to_ascii_lowercase().as_str() {
            "csv" => Some(InputFormatArg::Csv),
            "toml" => Some(InputFormatArg::Toml),
            _ => None,
        }
    });
    let format = given
        .or(by_name)
        .or_else(|| stream.then(|| sniff(&source.text)));
    Ok((source, format))
}

/// The format of a batch on standard input: TOML when its first line that is not blank or a
/// `#` comment opens a table (`[[connector]]`) or sets a key (`name = ...` before any comma),
/// CSV otherwise (a CSV header names columns, and has no comments).
fn sniff(text: &str) -> InputFormatArg {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    match first {
        Some(l) if l.starts_with('[') => InputFormatArg::Toml,
        Some(l) if l.split(',').next().is_some_and(|head| head.contains('=')) => {
            InputFormatArg::Toml
        }
        _ => InputFormatArg::Csv,
    }
}

/// Parses a batch in `format`, or as its name says when no format was found.
fn parse_batch(
    source: &Source,
    format: Option<InputFormatArg>,
    zone: chrono_tz::Tz,
) -> Result<Batch> {
    match format {
        Some(InputFormatArg::Csv) => Batch::parse_csv(source, zone),
        Some(InputFormatArg::Toml) => Batch::parse_toml(source, zone),
        None => Batch::parse(source, zone),
    }
}
