//! The CLI layer: turns arguments into validated values, runs a command and prints its
//! answer. The only layer that reads the clock, the environment, files and stdout.
//!
//! One file per command (`when`, `trains` with `calendar`, `holidays`, `plan`, `estimate`,
//! `check`; `regions` is a few lines of `answer`); `io` reads inputs and writes answers;
//! `progress` draws progress bars on a terminal; `report` prints errors.

mod args;
mod check;
mod estimate;
mod help;
mod holidays;
mod io;
mod manual;
mod plan;
mod progress;
mod report;
mod site;
mod terminal;
mod trains;
mod when;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use golive::export::{Format, Output};
use golive::{Config, Error, Layer, Result, Source};

pub use args::Cli;
pub use report::report;

use args::{ColorArg, Command, ConfigCommand, FileArgs, FormatArg, ListFormatArg, OutputArgs};

/// Runs the command `cli` asks for; `now` is the clock reading the CLI took. The exit code
/// is success, except for a check that found errors.
pub fn run(cli: Cli, now: DateTime<Utc>) -> Result<ExitCode> {
    terminal::set_flag(cli.width);
    let now = clock(now)?;
    report::set_quiet(cli.quiet);
    match cli.color {
        ColorArg::Always => anstream::ColorChoice::Always.write_global(),
        ColorArg::Never => anstream::ColorChoice::Never.write_global(),
        ColorArg::Auto => {}
    }
    match &cli.command {
        Command::Check(a) => return check::run(a, cli.quiet),
        Command::Completions(a) => return manual::completions(a).map(|()| ExitCode::SUCCESS),
        Command::Man => return manual::man().map(|()| ExitCode::SUCCESS),
        _ => {}
    }
    answer(cli, now).map(|()| ExitCode::SUCCESS)
}

/// The clock's reading: `GOLIVE_NOW` (an RFC 3339 instant) when it is set and not empty, so
/// that answers that depend on the time ("left 4 days ago", `--ready now`) can be
/// reproduced; else `now`.
fn clock(now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    match std::env::var("GOLIVE_NOW") {
        Ok(v) if !v.trim().is_empty() => DateTime::parse_from_rfc3339(v.trim())
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| {
                argument(
                    "GOLIVE_NOW",
                    v.clone(),
                    "expected an RFC 3339 instant such as 2026-12-01T09:00:00Z",
                )
            }),
        _ => Ok(now),
    }
}

/// Runs a command that answers a question.
fn answer(cli: Cli, now: DateTime<Utc>) -> Result<()> {
    let file = config_file(cli.config.as_deref())?;
    out_is_not_an_input(&cli, file.as_ref().map(|(p, _)| p))?;
    html_is_for_when_and_plan(&cli)?;
    let config_path = file.as_ref().map(|(p, _)| p.as_path());
    match cli.command {
        Command::Config(ConfigCommand::Check { file }) => {
            let config = load_config(Some(&file))?;
            let calendars: Vec<&str> = config.calendars().iter().map(|c| c.name.as_str()).collect();
            io::print(&format!(
                "{}: ok ({} regions, {} freezes, calendars: {})\n",
                file.display(),
                config.regions().len(),
                config.freezes().len(),
                calendars.join(", ")
            ))
        }
        Command::Config(ConfigCommand::Show) => {
            let config = load_config(config_path)?;
            // On stderr, so that what stdout shows reads back as the same configuration.
            report::note(&match &file {
                Some((p, from)) => format!(
                    "the configuration in effect is the embedded default with {} ({from}) laid over it",
                    p.display()
                ),
                None => "the configuration in effect is the embedded default (no --config, GOLIVE_CONFIG or user configuration file)".to_string(),
            });
            io::print(&config.to_toml())
        }
        Command::Plan(a) => plan::run(config_path, a, now),
        Command::When(a) => when::run(&load_config(config_path)?, a, now),
        Command::Estimate(a) => estimate::run(&load_config(config_path)?, a, now),
        Command::Calendar(a) => trains::calendar(&load_config(config_path)?, a, now),
        Command::Site(a) => site::run(&load_config(config_path)?, a, now),
        Command::Trains(a) => trains::run(&load_config(config_path)?, a, now),
        Command::Holidays(a) => holidays::run(&load_config(config_path)?, a, now),
        Command::Regions(a) => {
            let config = load_config(config_path)?;
            let format = match a.format {
                ListFormatArg::Table => Format::Table,
                ListFormatArg::Json => Format::Json,
                ListFormatArg::Csv => Format::Csv,
            };
            let output = Output::new(format)
                .colored(color(format, a.out.as_deref()))
                .with_width(terminal::width(a.out.as_deref()));
            io::write_output(a.out.as_deref(), &|out| {
                golive::export::regions(&config, &output, out)
            })
        }
        Command::Check(a) => check::run(&a, cli.quiet).map(|_| ()),
        Command::Completions(a) => manual::completions(&a),
        Command::Man => manual::man(),
    }
}

/// Refuses an `--out` that names one of the command's own input files: replacing a batch
/// with its plan is never what was meant.
fn out_is_not_an_input(cli: &Cli, config: Option<&PathBuf>) -> Result<()> {
    let (out, mut inputs): (Option<&PathBuf>, Vec<&PathBuf>) = match &cli.command {
        Command::When(a) => (a.output.file.out.as_ref(), Vec::new()),
        Command::Estimate(a) => (a.output.file.out.as_ref(), Vec::new()),
        Command::Trains(a) => (a.output.file.out.as_ref(), Vec::new()),
        Command::Holidays(a) => (a.output.file.out.as_ref(), Vec::new()),
        Command::Calendar(a) => (a.file.out.as_ref(), Vec::new()),
        Command::Regions(a) => (a.out.as_ref(), Vec::new()),
        Command::Plan(a) => (
            a.output.file.out.as_ref(),
            std::iter::once(&a.batch)
                .chain(a.what_if.as_ref())
                .collect(),
        ),
        Command::Config(_)
        | Command::Check(_)
        | Command::Site(_)
        | Command::Completions(_)
        | Command::Man => (None, Vec::new()),
    };
    inputs.extend(config);
    let Some(target) = out.and_then(|o| std::fs::canonicalize(o).ok()) else {
        return Ok(());
    };
    match inputs
        .into_iter()
        .find(|i| std::fs::canonicalize(i).is_ok_and(|p| p == target))
    {
        Some(input) => Err(argument(
            "--out",
            out.map(|o| o.display().to_string()).unwrap_or_default(),
            format!(
                "is the input file {}; write the answer somewhere else",
                input.display()
            ),
        )),
        None => Ok(()),
    }
}

/// Refuses `--format html` for a command that has no page, naming the formats it has.
fn html_is_for_when_and_plan(cli: &Cli) -> Result<()> {
    let (command, output) = match &cli.command {
        Command::Trains(a) => ("trains", &a.output),
        Command::Holidays(a) => ("holidays", &a.output),
        Command::Estimate(a) => ("estimate", &a.output),
        _ => return Ok(()),
    };
    match output.format {
        FormatArg::Html => Err(argument(
            "--format",
            "html",
            format!(
                "golive {command} writes table, json, csv or ics; html pages are made by golive when and golive plan (and golive site for the whole calendar)"
            ),
        )),
        _ => Ok(()),
    }
}

/// An error about the value of a command-line argument.
fn argument(argument: &str, value: impl Into<String>, message: impl Into<String>) -> Error {
    golive::ErrorKind::Argument {
        argument: argument.into(),
        value: value.into(),
        message: message.into(),
    }
    .into()
}

/// The user's configuration file and where it was named: `--config`, else `GOLIVE_CONFIG`
/// (empty is unset), else `$XDG_CONFIG_HOME/golive/config.toml` (`~/.config/golive/config.toml`
/// when XDG_CONFIG_HOME is unset, empty or relative) if that file exists. The first found is
/// the one file laid over the embedded default.
fn config_file(flag: Option<&Path>) -> Result<Option<(PathBuf, &'static str)>> {
    if let Some(p) = flag {
        return Ok(Some((p.to_path_buf(), "--config")));
    }
    match std::env::var_os("GOLIVE_CONFIG") {
        Some(v) if v.is_empty() => {
            report::note("GOLIVE_CONFIG is empty; it is ignored");
        }
        Some(v) => {
            let path = PathBuf::from(&v);
            if !path.exists() {
                return Err(argument(
                    "GOLIVE_CONFIG",
                    path.display().to_string(),
                    "names no file; set it to a configuration file, or unset it",
                ));
            }
            return Ok(Some((path, "GOLIVE_CONFIG")));
        }
        None => {}
    }
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let dir = absolute("XDG_CONFIG_HOME").or_else(|| absolute("HOME").map(|h| h.join(".config")));
    Ok(dir
        .map(|d| d.join("golive").join("config.toml"))
        .filter(|p| p.exists())
        .map(|p| (p, "the user configuration file")))
}

/// The configuration layers: `--config FILE` over the embedded default.
fn layers(file: Option<&Path>) -> Result<Vec<Layer>> {
    file.map(Layer::read)
        .transpose()
        .map(|l| l.into_iter().collect())
}

fn load(layers: &[Layer]) -> Result<Config> {
    Config::load(layers, &|p: &Path| {
        golive::read_limited(p, golive::MAX_FILE_BYTES)
    })
}

fn load_config(file: Option<&Path>) -> Result<Config> {
    load(&layers(file)?)
}

/// How a command renders its answer: `--format`, the width tables fit (see [`terminal`]),
/// the clock's reading and, for iCalendar, `--previous` and the export's time.
fn output(args: &OutputArgs, now: DateTime<Utc>) -> Result<Output> {
    let format = match args.format {
        FormatArg::Table => Format::Table,
        FormatArg::Json => Format::Json,
        FormatArg::Csv => Format::Csv,
        FormatArg::Ics => Format::Ics,
        FormatArg::Html => Format::Html,
        FormatArg::Jsonl => {
            return Err(argument(
                "--format",
                "jsonl",
                "JSON Lines are written by golive plan only; use --format json",
            ));
        }
    };
    if let (false, Some(p)) = (format == Format::Ics, &args.file.previous) {
        return Err(argument(
            "--previous",
            p.display().to_string(),
            "only applies to --format ics",
        ));
    }
    let mut output = Output::new(format)
        .colored(color(format, args.file.out.as_deref()))
        .with_width(terminal::width(args.file.out.as_deref()))
        .at(now);
    if format == Format::Ics {
        output = output.with_ics(ics_options(&args.file, now)?);
    }
    Ok(output)
}

/// The generation time and the previous export of an iCalendar answer.
///
/// `DTSTAMP` is the clock's reading, or `SOURCE_DATE_EPOCH` when it is set, so that an
/// export can be reproduced byte for byte. A `--previous` file that does not exist yet, or is
/// empty, is the first export of a feed: every event starts at SEQUENCE 0.
fn ics_options(file: &FileArgs, now: DateTime<Utc>) -> Result<golive::ics::Options> {
    let stamp = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, 0))
            .ok_or_else(|| {
                argument(
                    "SOURCE_DATE_EPOCH",
                    v.clone(),
                    "expected seconds since 1970-01-01 UTC",
                )
            })?,
        Err(_) => now,
    };
    let previous = match &file.previous {
        Some(p) if !p.exists() => None,
        Some(p) => {
            let bytes = golive::read_limited(p, golive::MAX_FILE_BYTES).map_err(|source| {
                Error::from(golive::ErrorKind::Io {
                    action: "read",
                    path: p.display().to_string(),
                    source,
                })
            })?;
            // An empty file (made by `touch`, or a job that created it ahead) has no events
            // yet, like a missing one.
            let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            match text.iter().all(u8::is_ascii_whitespace) {
                true => None,
                false => Some(golive::ics::PreviousExport::parse(
                    &Source::from_ics_bytes(p.display().to_string(), bytes)?,
                )?),
            }
        }
        None => None,
    };
    Ok(golive::ics::Options { stamp, previous })
}

/// `--tz`, if given: the zone the user reads in.
fn tz_arg(value: &Option<String>) -> Result<Option<chrono_tz::Tz>> {
    value
        .as_deref()
        .map(|z| golive::parse_zone(z).map_err(|e| e.for_argument("--tz")))
        .transpose()
}

/// `output` for a reader in `zone`, when `--tz` gave one.
fn in_zone(output: Output, zone: Option<chrono_tz::Tz>) -> Output {
    match zone {
        Some(z) => output.in_zone(z),
        None => output,
    }
}

/// A day argument (`--from`, `--until`), if given, read as [`golive::parse_day`] reads days;
/// `today` is today in the schedule zone.
fn day_arg(
    value: &Option<String>,
    argument: &str,
    end: golive::DayEnd,
    today: chrono::NaiveDate,
) -> Result<Option<chrono::NaiveDate>> {
    value
        .as_deref()
        .map(|v| golive::parse_day(v, end, today).map_err(|e| e.for_argument(argument)))
        .transpose()
}

/// Whether a table written to `out` (stdout when `None`) is coloured: `--color always`, or
/// with `--color auto` a terminal without NO_COLOR (anstream's rules). Files, and formats
/// other than a table, never are.
fn color(format: Format, out: Option<&Path>) -> bool {
    let to_stdout = out.is_none_or(|o| o.as_os_str() == "-" || o == Path::new("/dev/stdout"));
    format == Format::Table
        && match anstream::ColorChoice::global() {
            anstream::ColorChoice::Always | anstream::ColorChoice::AlwaysAnsi => true,
            anstream::ColorChoice::Never => false,
            anstream::ColorChoice::Auto => {
                to_stdout
                    && anstream::AutoStream::choice(&std::io::stdout())
                        != anstream::ColorChoice::Never
            }
        }
}
