//! The CLI layer: turns arguments into validated values, runs a command and prints its
//! answer. The only layer that reads the clock, the environment, files and stdout.

mod args;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use golive::{
    Batch, Config, Error, Format, IcsOptions, Layer, Plan, PreviousExport, Result, Scheduler,
    Source, TrainLimit, WhatIf,
};

pub use args::Cli;
use args::{
    CalendarArgs, CheckArgs, Command, ConfigCommand, FileArgs, FormatArg, HolidaysArgs, OutputArgs,
    PlanArgs, TrainsArgs, WhenArgs,
};

/// Runs the command `cli` asks for; `now` is the clock reading the CLI took. The exit
/// code is success, except for a check that found errors.
pub fn run(cli: Cli, now: DateTime<Utc>) -> Result<std::process::ExitCode> {
    if let Command::Check(a) = &cli.command {
        return check(a);
    }
    out_is_not_an_input(&cli)?;
    let done = match cli.command {
        Command::Config(ConfigCommand::Check { file }) => {
            let config = load_config(Some(&file))?;
            let text = format!(
                "{}: ok ({} regions, {} freezes, calendars: {})\n",
                file.display(),
                config.regions.len(),
                config.freezes.len(),
                config
                    .calendars
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            print(&text)
        }
        Command::Plan(a) => plan(cli.config.as_deref(), a, now),
        command => {
            let config = load_config(cli.config.as_deref())?;
            match command {
                Command::When(a) => when(&config, a, now),
                Command::Calendar(a) => calendar(&config, a, now),
                Command::Trains(a) => trains(&config, a, now),
                Command::Holidays(a) => holidays(&config, a, now),
                Command::Config(ConfigCommand::Show) => print(&config.to_toml()),
                Command::Config(ConfigCommand::Check { .. })
                | Command::Plan(_)
                | Command::Check(_) => {
                    unreachable!("handled above")
                }
            }
        }
    };
    done.map(|()| std::process::ExitCode::SUCCESS)
}

/// `golive check`: exit 1 when any folder has an error finding.
fn check(a: &CheckArgs) -> Result<std::process::ExitCode> {
    use golive::check::{Options, Publisher};
    if let (Some(p), true) = (&a.previous, a.dirs.len() > 1) {
        return Err(Error::Argument {
            argument: "--previous".into(),
            value: p.display().to_string(),
            message: "compares one connector with its previous version; give one DIR".into(),
        });
    }
    // The report must not replace a file of a folder it reads.
    if let Some(out) = &a.out
        && let Some(parent) = std::fs::canonicalize(out)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
        && let Some(dir) = a
            .dirs
            .iter()
            .chain(&a.previous)
            .find(|d| std::fs::canonicalize(d).is_ok_and(|d| d == parent))
    {
        return Err(Error::Argument {
            argument: "--out".into(),
            value: out.display().to_string(),
            message: format!(
                "is a file of the checked folder {}; write the report somewhere else",
                dir.display()
            ),
        });
    }
    let options = Options {
        publisher: a.publisher.map(|p| match p {
            args::PublisherArg::Verified => Publisher::Verified,
            args::PublisherArg::Independent => Publisher::Independent,
        }),
        previous: a.previous.clone(),
    };
    let reports = a
        .dirs
        .iter()
        .map(|d| golive::check::check_folder(d, &options))
        .collect::<Result<Vec<_>>>()?;
    let render = match a.format {
        args::CheckFormatArg::Table => golive::check::render_table,
        args::CheckFormatArg::Json => golive::check::render_json,
        args::CheckFormatArg::Sarif => golive::check::render_sarif,
    };
    write_output(a.out.as_deref(), &|w| render(&reports, w))?;
    Ok(match reports.iter().any(|r| r.errors() > 0) {
        true => std::process::ExitCode::from(1),
        false => std::process::ExitCode::SUCCESS,
    })
}

/// Refuses an `--out` that names one of the command's own input files: replacing a batch
/// with its plan is never what was meant.
fn out_is_not_an_input(cli: &Cli) -> Result<()> {
    let (out, mut inputs): (Option<&PathBuf>, Vec<&PathBuf>) = match &cli.command {
        Command::When(a) => (a.output.file.out.as_ref(), Vec::new()),
        Command::Trains(a) => (a.output.file.out.as_ref(), Vec::new()),
        Command::Holidays(a) => (a.output.file.out.as_ref(), Vec::new()),
        Command::Calendar(a) => (a.file.out.as_ref(), Vec::new()),
        Command::Plan(a) => (
            a.output.file.out.as_ref(),
            std::iter::once(&a.batch)
                .chain(a.what_if.as_ref())
                .collect(),
        ),
        Command::Config(_) | Command::Check(_) => (None, Vec::new()),
    };
    inputs.extend(cli.config.as_ref());
    let Some(target) = out.and_then(|o| std::fs::canonicalize(o).ok()) else {
        return Ok(());
    };
    match inputs
        .into_iter()
        .find(|i| std::fs::canonicalize(i).is_ok_and(|p| p == target))
    {
        Some(input) => Err(Error::Argument {
            argument: "--out".into(),
            value: out.map(|o| o.display().to_string()).unwrap_or_default(),
            message: format!(
                "is the input file {}; write the answer somewhere else",
                input.display()
            ),
        }),
        None => Ok(()),
    }
}

/// The largest batch file golive reads: a million connectors take about 45 MB.
const MAX_BATCH_BYTES: u64 = 512 << 20;

/// The largest configuration, calendar or .ics file golive reads.
const MAX_FILE_BYTES: u64 = 64 << 20;

/// Reads a whole file, refusing one larger than `limit` bytes before reading it (and, for a
/// file that grows or a device that never ends, as soon as the limit is passed).
fn read_limited(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let too_big = |size: String| {
        io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "the file is {size}; golive reads files of this kind up to {} MB",
                limit >> 20
            ),
        )
    };
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(too_big(format!("{} MB", size.div_ceil(1 << 20))));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big("larger than that".into()));
    }
    Ok(bytes)
}

fn read_file(path: &Path) -> Result<Source> {
    let limit = match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("csv") => MAX_BATCH_BYTES,
        _ => MAX_FILE_BYTES,
    };
    let bytes = read_limited(path, limit).map_err(|source| Error::Io {
        action: "read",
        path: path.display().to_string(),
        source,
    })?;
    Source::from_bytes(path.display().to_string(), bytes)
}

/// A configuration file as a layer over the embedded default.
fn layer(path: &Path) -> Result<Layer> {
    Ok(Layer {
        source: read_file(path)?,
        dir: path.parent().map(Path::to_path_buf),
    })
}

fn load(layers: &[Layer]) -> Result<Config> {
    Config::load(layers, &|p: &Path| read_limited(p, MAX_FILE_BYTES))
}

fn load_config(file: Option<&Path>) -> Result<Config> {
    load(&file.map(layer).transpose()?.into_iter().collect::<Vec<_>>())
}

/// What a command renders: one of the library's formats, or iCalendar with its options.
enum Render {
    Plain(Format),
    Ics(IcsOptions),
}

fn render(output: &OutputArgs, now: DateTime<Utc>) -> Result<Render> {
    let plain = |format| match &output.file.previous {
        Some(p) => Err(Error::Argument {
            argument: "--previous".into(),
            value: p.display().to_string(),
            message: "only applies to --format ics".into(),
        }),
        None => Ok(Render::Plain(format)),
    };
    match output.format {
        FormatArg::Table => plain(Format::Table),
        FormatArg::Json => plain(Format::Json),
        FormatArg::Csv => plain(Format::Csv),
        FormatArg::Ics => Ok(Render::Ics(ics_options(&output.file, now)?)),
    }
}

/// The generation time and the previous export of an iCalendar answer.
///
/// `DTSTAMP` is the clock's reading, or `SOURCE_DATE_EPOCH` when it is set, so that an
/// export can be reproduced byte for byte. A `--previous` file that does not exist yet, or is
/// empty, is the first export of a feed: every event starts at SEQUENCE 0.
fn ics_options(file: &FileArgs, now: DateTime<Utc>) -> Result<IcsOptions> {
    let stamp = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, 0))
            .ok_or_else(|| Error::Argument {
                argument: "SOURCE_DATE_EPOCH".into(),
                value: v.clone(),
                message: "expected seconds since 1970-01-01 UTC".into(),
            })?,
        Err(_) => now,
    };
    let previous = match &file.previous {
        Some(p) if !p.exists() => None,
        Some(p) => {
            let bytes = read_limited(p, MAX_FILE_BYTES).map_err(|source| Error::Io {
                action: "read",
                path: p.display().to_string(),
                source,
            })?;
            // An empty file (made by `touch`, or a job that created it ahead) has no events
            // yet, like a missing one.
            let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            match text.iter().all(u8::is_ascii_whitespace) {
                true => None,
                false => Some(PreviousExport::parse(&Source::from_ics_bytes(
                    p.display().to_string(),
                    bytes,
                )?)?),
            }
        }
        None => None,
    };
    Ok(IcsOptions { stamp, previous })
}

fn when(config: &Config, a: WhenArgs, now: DateTime<Utc>) -> Result<()> {
    if a.name.trim().is_empty() {
        return Err(Error::Argument {
            argument: "--name".into(),
            value: a.name.clone(),
            message: "a connector's name cannot be empty".into(),
        });
    }
    let zone = match &a.tz {
        Some(z) => golive::parse_zone(z, "--tz")?,
        None => config.timezone,
    };
    let ready = if a.ready.trim().eq_ignore_ascii_case("now") {
        now.with_timezone(&zone).fixed_offset()
    } else {
        golive::parse_instant(&a.ready, zone, "--ready")?
    };
    let ready_day = ready.with_timezone(&config.timezone).date_naive();
    golive::check_year(ready_day, "--ready").map_err(|_| Error::Argument {
        argument: "--ready".into(),
        value: a.ready.clone(),
        message: format!(
            "is {ready_day} in the schedule zone {}, outside the years golive can answer for ({} to {})",
            config.timezone.name(),
            golive::SUPPORTED_YEARS.start(),
            golive::SUPPORTED_YEARS.end()
        ),
    })?;
    let focus = match &a.place {
        None => None,
        Some(q) => {
            let i = config.find_region(q).ok_or_else(|| {
                let keys: Vec<&str> = config.regions.iter().map(|r| r.key.as_str()).collect();
                Error::Argument {
                    argument: "--where".into(),
                    value: q.clone(),
                    message: format!(
                        "no region or place by that name; regions are {} (see `golive config show` for the places each serves)",
                        keys.join(", ")
                    ),
                }
            })?;
            Some((i, q.trim().to_string()))
        }
    };
    let scheduler = Scheduler::for_ready(config, ready);
    let rollout = scheduler.rollout(ready)?;
    let skipped = scheduler.explain(&rollout);
    let report = golive::WhenReport {
        config,
        rollout: &rollout,
        skipped: &skipped,
        focus,
        ready_zone: zone,
    };
    let text = match render(&a.output, now)? {
        Render::Plain(format) => report.render(format, a.explain)?,
        Render::Ics(options) => golive::render_when_ics(&report, a.name.trim(), &options)?,
    };
    emit(a.output.file.out.as_deref(), &text)
}

fn parse_day_arg(value: &Option<String>, argument: &str) -> Result<Option<NaiveDate>> {
    value
        .as_deref()
        .map(|v| golive::parse_date(v, argument))
        .transpose()
}

fn trains(config: &Config, a: TrainsArgs, now: DateTime<Utc>) -> Result<()> {
    let today = now.with_timezone(&config.timezone).date_naive();
    let from = parse_day_arg(&a.from, "--from")?.unwrap_or(today);
    let until = parse_day_arg(&a.until, "--until")?;
    golive::check_year(from, "--from")?;
    if let Some(u) = until {
        golive::check_year(u, "--until")?;
    }
    let limit = match (until, &a.count) {
        (Some(u), _) => {
            if u < from {
                return Err(Error::Argument {
                    argument: "--until".into(),
                    value: u.to_string(),
                    message: format!("is before --from {from}"),
                });
            }
            TrainLimit::Until(u)
        }
        (None, Some(c)) => TrainLimit::Count(
            c.parse::<usize>()
                .ok()
                .filter(|n| (1..=1000).contains(n))
                .ok_or_else(|| Error::Argument {
                    argument: "--count".into(),
                    value: c.clone(),
                    message: "expected a whole number from 1 to 1000".into(),
                })?,
        ),
        (None, None) => TrainLimit::Count(8),
    };
    let last = match limit {
        TrainLimit::Until(u) => u,
        TrainLimit::Count(n) => from + chrono::Duration::weeks(n as i64 + 1),
    };
    let render = render(&a.output, now)?;
    let scheduler = Scheduler::new(config, from, last);
    let runs = scheduler.trains(from, limit)?;
    let text = match render {
        Render::Plain(format) => golive::render_trains(config, &runs, format)?,
        Render::Ics(options) => golive::render_trains_ics(config, &runs, &options)?,
    };
    emit(a.output.file.out.as_deref(), &text)
}

fn calendar(config: &Config, a: CalendarArgs, now: DateTime<Utc>) -> Result<()> {
    let today = now.with_timezone(&config.timezone).date_naive();
    let from = parse_day_arg(&a.from, "--from")?.unwrap_or(today);
    golive::check_year(from, "--from")?;
    let until = match parse_day_arg(&a.until, "--until")? {
        Some(u) => u,
        None => from
            .checked_add_months(chrono::Months::new(12))
            .and_then(|d| d.pred_opt())
            .unwrap_or(from),
    };
    golive::check_year(until, "--until").map_err(|e| match &a.until {
        Some(_) => e,
        // The default end is past the supported years: ask for an explicit one.
        None => Error::Argument {
            argument: "--from".into(),
            value: from.to_string(),
            message:
                "is too close to the last supported year for the default of a year; give --until"
                    .into(),
        },
    })?;
    if until < from {
        return Err(Error::Argument {
            argument: "--until".into(),
            value: until.to_string(),
            message: format!("is before --from {from}"),
        });
    }
    let options = ics_options(&a.file, now)?;
    let scheduler = Scheduler::new(config, from, until + chrono::Duration::weeks(2));
    let runs = scheduler.trains(from, TrainLimit::Until(until))?;
    let text = golive::render_deploy_calendar(config, &runs, (from, until), &options)?;
    emit(a.file.out.as_deref(), &text)
}

fn holidays(config: &Config, a: HolidaysArgs, now: DateTime<Utc>) -> Result<()> {
    let year = |v: &str, argument: &str| -> Result<i32> {
        v.trim()
            .parse::<i32>()
            .ok()
            .filter(|y| golive::HOLIDAY_YEARS.contains(y))
            .ok_or_else(|| Error::Argument {
                argument: argument.into(),
                value: v.into(),
                message: format!(
                    "expected a year from {} to {}",
                    golive::HOLIDAY_YEARS.start(),
                    golive::HOLIDAY_YEARS.end()
                ),
            })
    };
    let (from, until) = match (&a.year, &a.from, &a.until) {
        (Some(y), _, _) => {
            let y = year(y, "--year")?;
            (y, y)
        }
        (None, Some(f), Some(u)) => {
            let (f, u) = (year(f, "--from")?, year(u, "--until")?);
            if u < f {
                return Err(Error::Argument {
                    argument: "--until".into(),
                    value: u.to_string(),
                    message: format!("is before --from {f}"),
                });
            }
            (f, u)
        }
        _ => {
            let y = now.with_timezone(&config.timezone).year();
            (y, y)
        }
    };
    let first = NaiveDate::from_ymd_opt(from, 1, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(until, 12, 31).unwrap_or(NaiveDate::MAX);
    let days = config.holidays(first, last);
    let text = match render(&a.output, now)? {
        Render::Plain(format) => golive::render_holidays(&days, format)?,
        Render::Ics(options) => golive::render_holidays_ics(&days, &options)?,
    };
    emit(a.output.file.out.as_deref(), &text)
}

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
            .ok_or_else(|| Error::Argument {
                argument: "--capacity".into(),
                value: value.into(),
                message: format!(
                    "expected how many connectors a train takes: a whole number from 1 to {}, or \"unlimited\"",
                    u32::MAX
                ),
            })?;
        format!("max_per_train = {n}")
    };
    Ok(Layer {
        source: Source::new("--capacity", toml),
        dir: None,
    })
}

fn plan(config_file: Option<&Path>, a: PlanArgs, now: DateTime<Utc>) -> Result<()> {
    let mut layers: Vec<Layer> = config_file.map(layer).transpose()?.into_iter().collect();
    if let Some(c) = &a.capacity {
        layers.push(capacity_layer(c)?);
    }
    let render = render(&a.output, now)?;
    if let (Render::Ics(_), Some(w)) = (&render, &a.what_if) {
        return Err(Error::Argument {
            argument: "--what-if".into(),
            value: w.display().to_string(),
            message: "a what-if lists moves, which have no calendar form; export the plan with --format ics and --config instead".into(),
        });
    }
    let config = load(&layers)?;
    let source = read_file(&a.batch)?;
    // A plain CSV batch to CSV plans row by row, never holding the batch.
    let is_csv = a
        .batch
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if let (true, None, Render::Plain(Format::Csv)) = (is_csv, &a.what_if, &render)
        && let Some(streamed) = golive::StreamedCsvPlan::new(&config, &source)?
        && let Some(done) = stream_plan(&streamed, a.output.file.out.as_deref())
    {
        return done;
    }
    let batch = Batch::parse(&source, config.timezone)?;
    let plan = Plan::new(&config, &batch)?;
    let format = match render {
        Render::Ics(options) => {
            return write_output(a.output.file.out.as_deref(), &|out| {
                golive::render_plan_ics(&config, &batch, &plan, &options, out)
            });
        }
        Render::Plain(format) => format,
    };
    let Some(what_if) = &a.what_if else {
        return write_output(a.output.file.out.as_deref(), &|out| {
            golive::render_plan(&config, &batch, &plan, format, out)
        });
    };
    layers.push(layer(what_if)?);
    let new_config = load(&layers)?;
    // Local times in the batch are read in the schedule zone, which the what-if may change.
    let new_batch = match new_config.timezone == config.timezone {
        true => None,
        false => Some(Batch::parse(&source, new_config.timezone)?),
    };
    // Say that it is the what-if plan that failed: the plan alone is fine.
    let new_plan = Plan::new(&new_config, new_batch.as_ref().unwrap_or(&batch))
        .map_err(|e| e.map_horizon_what(|w| format!("{w} with --what-if {}", what_if.display())))?;
    let diff = WhatIf::compare(&config, &plan, &new_config, &new_plan);
    write_output(a.output.file.out.as_deref(), &|out| {
        golive::render_what_if(&new_config, &batch, &diff, format, out)
    })
}

/// Writes a streamed plan, or `None` when a row needs the full planner after all.
///
/// Into a file that is replaced atomically, the batch streams in one pass: if a row turns
/// out to need the full planner, the half-written temporary file is simply dropped. Into
/// stdout, a device or a pipe, every row is checked first, so that nothing goes out for a
/// batch the full planner must answer instead.
fn stream_plan(streamed: &golive::StreamedCsvPlan<'_>, out: Option<&Path>) -> Option<Result<()>> {
    let replaced = out.is_some_and(|p| std::fs::metadata(p).map_or(true, |m| m.is_file()));
    if !replaced {
        match streamed.check() {
            Ok(true) => {}
            Ok(false) => return None,
            Err(e) => return Some(Err(e)),
        }
    }
    let input_error = std::cell::RefCell::new(None);
    let fallback = std::cell::Cell::new(false);
    let written = write_output(out, &|w| match streamed.write(w) {
        Ok(true) => Ok(()),
        Ok(false) => {
            fallback.set(true);
            Err(io::Error::other("needs the full planner"))
        }
        Err(Error::Io { source, .. }) => Err(source),
        Err(e) => {
            *input_error.borrow_mut() = Some(e);
            Err(io::Error::other("bad input"))
        }
    });
    if let Some(e) = input_error.into_inner() {
        return Some(Err(e));
    }
    (!fallback.get()).then_some(written)
}

/// Writes an answer to `path`, or to stdout when there is none.
///
/// A file is written atomically: into a temporary file beside it, synced, then renamed over
/// it, so a failed run leaves no file behind and never a half-written one in its place.
fn write_output(
    path: Option<&Path>,
    render: &dyn Fn(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let Some(path) = path else {
        let mut out = BufWriter::new(io::stdout().lock());
        return match render(&mut out).and_then(|()| out.flush()) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Io {
                action: "write",
                path: "<stdout>".into(),
                source: e,
            }),
            _ => Ok(()),
        };
    };
    let failed = |source: io::Error| Error::Io {
        action: "write",
        path: path.display().to_string(),
        source,
    };
    // Through a symbolic link, the file it points at is the one replaced.
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = match is_link {
        true => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        false => path.to_path_buf(),
    };
    match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            return Err(failed(io::Error::other(
                "it is a directory; name a file to write",
            )));
        }
        Ok(m) if !m.is_file() => {
            // A device or a pipe (/dev/stdout, a FIFO) cannot be replaced: write into it.
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(failed)?;
            let mut out = BufWriter::new(file);
            return render(&mut out).and_then(|()| out.flush()).map_err(failed);
        }
        Ok(m) if m.permissions().readonly() => {
            return Err(failed(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only; golive will not replace it",
            )));
        }
        _ => {}
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".golive-").suffix(".tmp");
    #[cfg(unix)]
    {
        // As a plain create would: read-write for all, less the umask.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // The temporary file's own name would only confuse: report the kind of failure.
    let file = builder.tempfile_in(&dir).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => failed(io::Error::other(format!(
            "the directory {} does not exist",
            golive::printable(&dir.display().to_string())
        ))),
        kind => failed(io::Error::from(kind)),
    })?;
    let mut out = BufWriter::new(file.as_file());
    render(&mut out)
        .and_then(|()| out.flush())
        .map_err(failed)?;
    drop(out);
    if let Ok(existing) = std::fs::metadata(&target)
        && existing.is_file()
    {
        // Replacing a file keeps its permissions.
        file.as_file()
            .set_permissions(existing.permissions())
            .map_err(failed)?;
    }
    file.as_file().sync_all().map_err(failed)?;
    file.persist(&target).map_err(|e| failed(e.error))?;
    Ok(())
}

/// Writes `text` to `out`, or to stdout; a closed pipe (`golive ... | head`) is not an error.
fn emit(out: Option<&Path>, text: &str) -> Result<()> {
    write_output(out, &|w| w.write_all(text.as_bytes()))
}

fn print(text: &str) -> Result<()> {
    emit(None, text)
}

/// Prints an error to stderr: errors in a file show the offending line, with miette.
pub fn report(error: &Error) {
    // A snippet of a huge line (a minified or binary file) would bury the message.
    // miette shows the lines of the span and one line either side.
    let short_line = |l: &golive::Location| {
        let end = l.span.end.min(l.text.len());
        let last = l.line
            + l.text
                .get(l.span.start.min(end)..end)
                .map_or(0, |s| s.matches('\n').count());
        l.text
            .lines()
            .skip(l.line.saturating_sub(2))
            .take(last + 2 - l.line.saturating_sub(1))
            .all(|line| line.len() <= 300)
    };
    // An empty file has no line to show.
    if let Error::Input { location, .. } = error
        && !location.text.trim().is_empty()
        && short_line(location)
    {
        let diagnostic = miette::MietteDiagnostic::new(error.to_string())
            .with_label(miette::LabeledSpan::at(location.span.clone(), "here"));
        let source = miette::NamedSource::new(
            location.printable_file(),
            location.printable_text().into_owned(),
        );
        let report = miette::Report::new(diagnostic).with_source_code(source);
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let theme = if color {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        let mut text = String::new();
        let handler = miette::GraphicalReportHandler::new_themed(theme).with_wrap_lines(false);
        if handler.render_report(&mut text, report.as_ref()).is_err() {
            text = error.to_string();
        }
        let _ = writeln!(std::io::stderr(), "{text}");
        return;
    }
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    let _ = writeln!(anstream::stderr(), "{style}error:{style:#} {error}");
}
