//! The CLI layer: turns arguments into validated values, runs a command and prints its
//! answer. The only layer that reads the clock, the environment, files and stdout.
//!
//! One file per command (`when`, `trains` with `calendar`, `holidays`, `plan`, `estimate`,
//! `check`; `regions` is a few lines of `answer`); `io` reads inputs and writes answers;
//! `report` prints errors.

mod args;
mod check;
mod estimate;
mod holidays;
mod io;
mod plan;
mod report;
mod site;
mod trains;
mod when;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use golive::export::{Format, Output};
use golive::{Config, Error, Layer, Result, Source};

pub use args::Cli;
pub use report::report;

use args::{Command, ConfigCommand, FileArgs, FormatArg, ListFormatArg, OutputArgs};

/// Runs the command `cli` asks for; `now` is the clock reading the CLI took. The exit code
/// is success, except for a check that found errors.
pub fn run(cli: Cli, now: DateTime<Utc>) -> Result<ExitCode> {
    if let Command::Check(a) = &cli.command {
        return check::run(a);
    }
    answer(cli, now).map(|()| ExitCode::SUCCESS)
}

/// Runs a command that answers a question.
fn answer(cli: Cli, now: DateTime<Utc>) -> Result<()> {
    out_is_not_an_input(&cli)?;
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
            io::print(&load_config(cli.config.as_deref())?.to_toml())
        }
        Command::Plan(a) => plan::run(cli.config.as_deref(), a, now),
        Command::When(a) => when::run(&load_config(cli.config.as_deref())?, a, now),
        Command::Estimate(a) => estimate::run(&load_config(cli.config.as_deref())?, a, now),
        Command::Calendar(a) => trains::calendar(&load_config(cli.config.as_deref())?, a, now),
        Command::Site(a) => site::run(&load_config(cli.config.as_deref())?, a, now),
        Command::Trains(a) => trains::run(&load_config(cli.config.as_deref())?, a, now),
        Command::Holidays(a) => holidays::run(&load_config(cli.config.as_deref())?, a, now),
        Command::Regions(a) => {
            let config = load_config(cli.config.as_deref())?;
            let format = match a.format {
                ListFormatArg::Table => Format::Table,
                ListFormatArg::Json => Format::Json,
                ListFormatArg::Csv => Format::Csv,
            };
            io::write_output(a.out.as_deref(), &|out| {
                golive::export::regions(&config, &Output::new(format), out)
            })
        }
        Command::Check(a) => check::run(&a).map(|_| ()),
    }
}

/// Refuses an `--out` that names one of the command's own input files: replacing a batch
/// with its plan is never what was meant.
fn out_is_not_an_input(cli: &Cli) -> Result<()> {
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
        Command::Config(_) | Command::Check(_) | Command::Site(_) => (None, Vec::new()),
    };
    inputs.extend(cli.config.as_ref());
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

/// An error about the value of a command-line argument.
fn argument(argument: &str, value: impl Into<String>, message: impl Into<String>) -> Error {
    golive::ErrorKind::Argument {
        argument: argument.into(),
        value: value.into(),
        message: message.into(),
    }
    .into()
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

/// How a command renders its answer: `--format` and, for iCalendar, `--previous` and the
/// export's time.
fn output(args: &OutputArgs, now: DateTime<Utc>) -> Result<Output> {
    let format = match args.format {
        FormatArg::Table => Format::Table,
        FormatArg::Json => Format::Json,
        FormatArg::Csv => Format::Csv,
        FormatArg::Ics => Format::Ics,
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
    let mut output = Output::new(format);
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

/// A day argument (`--from`, `--until`), if given.
fn day_arg(value: &Option<String>, argument: &str) -> Result<Option<chrono::NaiveDate>> {
    value
        .as_deref()
        .map(|v| golive::parse_date(v).map_err(|e| e.for_argument(argument)))
        .transpose()
}
