//! The command line as clap sees it: derive structs that mirror the flags. `super::run`
//! turns them into validated values before any work starts.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use super::help;

/// When will my connector be live? Exact, explainable go-live dates for Power Platform
/// connectors in Microsoft's staged, calendar-bound rollout.
#[derive(Debug, Parser)]
#[command(name = "golive", version, propagate_version = true, after_help = help::MAIN)]
pub struct Cli {
    /// A configuration file layered over the embedded default (keys it names replace the
    /// default's whole). Without it: GOLIVE_CONFIG, else $XDG_CONFIG_HOME/golive/config.toml
    /// (~/.config/golive/config.toml) if it exists
    #[arg(short = 'c', long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Fit tables to COLUMNS display columns (0: whole tables); by default a terminal's
    /// width (or $COLUMNS), and whole tables in pipes and files
    #[arg(long, global = true, value_name = "COLUMNS")]
    pub width: Option<u16>,

    /// Print no notes or warnings on stderr, and no progress; errors are still printed
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,

    /// When to colour the output: auto (a terminal, unless NO_COLOR is set), always or never
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t)]
    pub color: ColorArg,

    #[command(subcommand)]
    pub command: Command,
}

/// `--color`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour when writing to a terminal and NO_COLOR is not set
    #[default]
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

impl Cli {
    /// Parses `std::env::args`, with clap's own help and errors coloured as `--color` says.
    pub fn try_parse_args() -> Result<Cli, clap::Error> {
        let args: Vec<OsString> = std::env::args_os().collect();
        // `--color` must be known before clap prints anything, so it is looked for first.
        let mut color = clap::ColorChoice::Auto;
        let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
        while let Some(word) = words.next() {
            let value = match word.strip_prefix("--color") {
                Some("") => words.next().map(|v| v.into_owned()),
                Some(rest) => rest.strip_prefix('=').map(str::to_string),
                None if word == "--" => break,
                None => None,
            };
            match value.as_deref() {
                Some("always") => color = clap::ColorChoice::Always,
                Some("never") => color = clap::ColorChoice::Never,
                Some(_) => color = clap::ColorChoice::Auto,
                None => {}
            }
        }
        let matches = command().color(color).try_get_matches_from(args)?;
        Cli::from_arg_matches(&matches)
    }
}

/// The command line as clap builds it, with the versions golive's answers depend on: `-V`
/// prints them on one line, `--version` on three.
pub fn command() -> clap::Command {
    let holidays = golive::holiday_data_version();
    let tzdb = golive::chrono_tz::IANA_TZDB_VERSION;
    let version = env!("CARGO_PKG_VERSION");
    // clap keeps static strings; the command is built once a run.
    let short: &'static str = Box::leak(
        format!("{version} (holidays: {holidays}; time zones: IANA tzdb {tzdb})").into_boxed_str(),
    );
    let long: &'static str = Box::leak(
        format!(
            "{version}\nholiday calendars: {holidays}\ntime-zone database: IANA tzdb {tzdb} (chrono-tz)"
        )
        .into_boxed_str(),
    );
    Cli::command().version(short).long_version(long)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// When a connector ready at a given time goes live in each region, and why
    #[command(after_help = help::WHEN)]
    When(WhenArgs),
    /// The upcoming trains: cutoff, scheduled and actual start, and when the last region is done
    #[command(after_help = help::TRAINS)]
    Trains(TrainsArgs),
    /// The holidays in force, with observed days marked
    #[command(after_help = help::HOLIDAYS)]
    Holidays(HolidaysArgs),
    /// The deploy calendar as iCalendar: every train's cutoff (with reminders) and start,
    /// holidays and freezes, ready to subscribe to
    #[command(after_help = help::CALENDAR)]
    Calendar(CalendarArgs),
    /// A static site answering "when will I be live?" in the browser: index.html (the
    /// page, self-contained), trains.json (its train table) and deploy.ics (the feed)
    #[command(after_help = help::SITE)]
    Site(SiteArgs),
    /// Every region, the places it serves, their time zones, ISO 3166 codes and other names
    #[command(after_help = help::REGIONS)]
    Regions(RegionsArgs),
    /// Plan a batch of connectors: fill trains in time order with capacity, priorities,
    /// not_before days and dependencies, or show what a second configuration would move
    #[command(after_help = help::PLAN)]
    Plan(PlanArgs),
    /// The whole journey: from the certification stage a connector is in to live in every
    /// region, as earliest, typical and latest dates with the source of every figure
    #[command(after_help = help::ESTIMATE)]
    Estimate(EstimateArgs),
    /// Show or check configuration
    #[command(subcommand, after_help = help::CONFIG)]
    Config(ConfigCommand),
    /// Check connector folders against the certification rules, offline, before the pull
    /// request: exit 0 without errors (warnings allowed), 1 with errors, 2 for bad input
    #[command(after_help = help::CHECK)]
    Check(CheckArgs),
    /// Print the completion script for a shell (bash, zsh, fish, powershell or elvish)
    #[command(after_help = help::COMPLETIONS)]
    Completions(CompletionsArgs),
    /// Print the manual page golive(1), as roff
    #[command(after_help = help::MAN)]
    Man,
}

/// `golive completions SHELL`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete golive's commands and flags in
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum FormatArg {
    /// A table for people
    #[default]
    Table,
    /// JSON for scripts (keys are added, never renamed)
    Json,
    /// CSV with a header row
    Csv,
    /// JSON Lines (`plan` only): one connector a line, the objects of the JSON's connectors
    Jsonl,
    /// iCalendar (.ics) for calendar clients: all-day go-live events, or train cutoffs and
    /// starts
    Ics,
    /// A self-contained HTML page (`when` and `plan` only): the answer's tables and a
    /// timeline, in the look of `golive site`
    Html,
}

#[derive(Debug, Args)]
pub struct WhenArgs {
    /// When the connector is ready: RFC 3339 (2026-11-22T10:00-08:00), a local date-time
    /// (2026-11-22T10:00, in --tz or the schedule zone), a date (00:00 that day), "now",
    /// "today" or "tomorrow" (00:00)
    #[arg(short = 'r', long, default_value = "now", value_name = "TIME|now")]
    pub ready: String,

    /// Answer for this region first, in the place's own time: a region key or name, or a
    /// place it serves by name, ISO code or alias (Japan, JP, UK, ...; see `golive regions`)
    #[arg(short = 'w', long = "where", value_name = "REGION|PLACE")]
    pub place: Option<String>,

    /// The IANA time zone you read in (Asia/Tokyo, any case): --ready without an offset is
    /// read in it, and every time and day shown is in it
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,

    /// List every skipped day and why
    #[arg(long)]
    pub explain: bool,

    /// The connector's name, for --format ics event titles ("Contoso live in Europe")
    #[arg(long, value_name = "NAME", default_value = "Connector")]
    pub name: String,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct EstimateArgs {
    /// The stage the connector is in, by name or alias. Verified publishers: registered,
    /// preparing-artifacts, pr-open, portal-review (merged), testing-in-preview, ready;
    /// independent publishers: pr-open, approved, ready
    #[arg(long, value_name = "STAGE")]
    pub stage: String,

    /// When the stage began: RFC 3339, a local date-time (in the schedule zone), a date
    /// (00:00 that day), "now", "today" or "tomorrow" (00:00)
    #[arg(long, default_value = "now", value_name = "TIME|now")]
    pub since: String,

    /// The publisher kind (default: verified, or what --connector's folder shows)
    #[arg(long, value_enum)]
    pub publisher: Option<PublisherArg>,

    /// The connector's folder: run `golive check` on it first; errors mean Microsoft's
    /// review will ask for changes, so at least one revision round is counted
    #[arg(long, value_name = "DIR")]
    pub connector: Option<PathBuf>,

    /// An update to a certified connector, minor or major (default: a new connector)
    #[arg(long, value_enum)]
    pub update: Option<UpdateArg>,

    /// Revision rounds expected in each review stage ahead (default: 0 for the earliest
    /// date, 1 for the typical, 2 for the latest)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub rounds: Option<String>,

    /// Answer for this region first: a region key or name, or a country or area it serves
    #[arg(short = 'w', long = "where", value_name = "REGION|PLACE")]
    pub place: Option<String>,

    /// List every figure used and its source
    #[arg(long)]
    pub explain: bool,

    /// The connector's name, for --format ics event titles
    #[arg(long, value_name = "NAME", default_value = "Connector")]
    pub name: String,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum UpdateArg {
    /// Descriptions, summaries, contact, icon, colour, publisher, stack owner or readme only
    Minor,
    /// Any other change
    Major,
}

#[derive(Debug, Args)]
pub struct TrainsArgs {
    /// The first day to list trains from: YYYY-MM-DD, a year or YYYY-MM (its first day),
    /// today or tomorrow (default today in the schedule zone)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// How many trains to list (default 8)
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "until",
        allow_negative_numbers = true
    )]
    pub count: Option<String>,

    /// List trains starting on or before this day: YYYY-MM-DD, a year or YYYY-MM (its last
    /// day), today or tomorrow
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Show every time, and the days they fall on, in this IANA time zone (Asia/Tokyo, any
    /// case) instead of the schedule zone
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct RegionsArgs {
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t)]
    pub format: ListFormatArg,

    /// Write the list to FILE instead of stdout, atomically
    #[arg(short = 'o', long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum ListFormatArg {
    /// A table for people
    #[default]
    Table,
    /// JSON for scripts (keys are added, never renamed)
    Json,
    /// CSV with a header row
    Csv,
}

#[derive(Debug, Args)]
pub struct HolidaysArgs {
    /// The year to list (default: this year)
    #[arg(long, value_name = "YEAR", conflicts_with_all = ["from", "until"])]
    pub year: Option<String>,

    /// The first day to list: YYYY-MM-DD, a year or YYYY-MM (its first day), today or
    /// tomorrow (default: January 1 of --until's year, or of this year)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// The last day to list: YYYY-MM-DD, a year or YYYY-MM (its last day), today or
    /// tomorrow (default: a year after --from, or the end of this year)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The batch: a .toml file of [[connector]] tables, or a .csv file whose header names
    /// the columns (name and ready required; after, priority, not_before optional); `-` (or
    /// /dev/stdin) reads it from standard input
    #[arg(value_name = "BATCH")]
    pub batch: PathBuf,

    /// Read BATCH as CSV or TOML whatever its name. Without it the extension decides, and
    /// standard input is TOML when its first line that is not blank or a # comment opens a
    /// table ([[connector]]) or sets a key (name = ...), CSV otherwise
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormatArg>,

    /// Seats per train, overriding max_per_train: a whole number from 1, or "unlimited"
    #[arg(long, value_name = "N|unlimited", allow_negative_numbers = true)]
    pub capacity: Option<String>,

    /// A second configuration layered on top (an added freeze, a smaller capacity, ...):
    /// print which connectors and regions move, and by how many days
    #[arg(long = "what-if", value_name = "FILE")]
    pub what_if: Option<PathBuf>,

    /// Show every time, and the days they fall on, in this IANA time zone (Asia/Tokyo, any
    /// case) instead of the schedule zone
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// `plan --input-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// A header row naming the columns, then a row per connector
    Csv,
    /// [[connector]] tables
    Toml,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The first day of the calendar: YYYY-MM-DD, a year or YYYY-MM (its first day), today
    /// or tomorrow (default today in the schedule zone)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// The last day of the calendar: YYYY-MM-DD, a year or YYYY-MM (its last day), today or
    /// tomorrow (default a year after --from)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Show every time, and the days they fall on, in this IANA time zone (Asia/Tokyo, any
    /// case) instead of the schedule zone
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,

    #[command(flatten)]
    pub file: FileArgs,
}

/// Where and how every answering command writes its answer.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t)]
    pub format: FormatArg,

    #[command(flatten)]
    pub file: FileArgs,
}

/// The output file, and the earlier iCalendar export it replaces.
#[derive(Debug, Args)]
pub struct FileArgs {
    /// Write the answer to FILE instead of stdout, atomically: a failed run leaves any
    /// existing FILE untouched (`-`, /dev/stdout, a pipe or a device is written as it is)
    #[arg(short = 'o', long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// The iCalendar file this export replaces (may be the --out file): events whose dates
    /// changed get a SEQUENCE one higher than there, so calendar clients update them
    #[arg(long, value_name = "OLD.ics")]
    pub previous: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the configuration in effect (the default with --config laid over it)
    #[command(after_help = help::CONFIG_SHOW)]
    Show,
    /// Check a configuration file: exit 0 if it is valid, 2 with the problem if not
    #[command(after_help = help::CONFIG_CHECK)]
    Check {
        /// The file to check (layered over the embedded default)
        file: PathBuf,
    },
}

/// `golive check`: its own flags, since its formats are not the answering commands'.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Connector folders, each with apiDefinition.swagger.json, apiProperties.json and a
    /// readme.md
    #[arg(value_name = "DIR", required = true)]
    pub dirs: Vec<PathBuf>,

    /// The publisher kind (default: independent when iconBrandColor is #da3b01 or the
    /// parent folder is independent-publisher-connectors, else verified)
    #[arg(long, value_enum)]
    pub publisher: Option<PublisherArg>,

    /// The connector's previous folder: also report breaking changes against it (with one
    /// DIR)
    #[arg(long, value_name = "OLD_DIR")]
    pub previous: Option<PathBuf>,

    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t)]
    pub format: CheckFormatArg,

    /// Write the report to FILE instead of stdout, atomically
    #[arg(short = 'o', long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PublisherArg {
    /// A verified publisher (certified-connectors/)
    Verified,
    /// An independent publisher (independent-publisher-connectors/)
    Independent,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum CheckFormatArg {
    /// Findings grouped by file, for people
    #[default]
    Table,
    /// {"connector", "publisher", "findings", "errors", "warnings"} (an array for several
    /// folders)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
}

/// `golive site DIR`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The directory to write (replaced atomically; created if missing)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// The first day of the train table: YYYY-MM-DD, a year or YYYY-MM (its first day), today
    /// or tomorrow (default today in the schedule zone)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// The last day of the train table: YYYY-MM-DD, a year or YYYY-MM (its last day), today
    /// or tomorrow (default a year after --from)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}
