//! The text `--help` prints after the flags: examples that run as written (a test runs
//! every `golive` line of them in a folder holding `batch.csv`, `batch.toml`,
//! `freeze.toml`, `my-config.toml` and connector folders) and, for the answering commands,
//! what each `--format` gives. Lines stay within 79 columns, so that clap never rewraps
//! them in an 80-column terminal.

/// `golive --help`.
pub const MAIN: &str = "\
Examples:
  golive when --ready 2026-11-22T10:00 --where Japan
  golive trains --count 4
  golive holidays --year 2027
  golive plan batch.csv --capacity 4
  golive estimate --stage pr-open

Every command has its own help with examples: golive help when, or when -h.
Exit codes: 0 ok; 1 a rollout could not be computed, or `check` found errors;
2 bad usage or bad input.";

/// `golive when --help`.
pub const WHEN: &str = "\
Examples:
  golive when
  golive when --ready 2026-11-22T10:00 --where Japan
  golive when --ready 2026-11-22T10:00-08:00 --tz Asia/Tokyo --explain
  golive when --ready 2026-11-22 --format ics --name Contoso --out contoso.ics
  golive when -r tomorrow -w UK -f json

Formats (--format):
  table  the train, then a row per region: live day, deploy time, the region's
         local time, days waited (--explain lists every skipped day and why)
  json   {\"ready\", \"train\", \"regions\": [{\"key\", \"date\", \"at\", \"local_at\",
         \"skipped\", ...}], \"warnings\"}
  csv    a row per region: key, name, date, weekday, at, local_at,
         waited_days, ready, train_cutoff, train_start, note
         (--explain adds a skipped column)
  ics    an all-day event on each region's go-live day (with --where, only
         that region's)
  html   one self-contained page: the answer, why each region waited, and a
         timeline of the days around it";

/// `golive trains --help`.
pub const TRAINS: &str = "\
Examples:
  golive trains
  golive trains --from 2027-01-01 --count 4
  golive trains --from 2026-12-01 --until 2026-12-31 --tz Europe/Paris
  golive trains --format csv --out trains.csv

Formats (--format):
  table  a row per train: cutoff, scheduled and actual start, last region's day
  json   [{\"cutoff\", \"nominal_start\", \"start\", \"finish\", \"regions\",
         ...}]
  csv    a row per train: cutoff, nominal_start, start, finish, a column per
         region, note
  ics    each train's cutoff (with reminders) and start as events";

/// `golive holidays --help`.
pub const HOLIDAYS: &str = "\
Examples:
  golive holidays
  golive holidays --year 2027
  golive holidays --from 2026 --until 2028 --format csv
  golive holidays --from 2026-11-01 --until 2027-03

Formats (--format):
  table  a row per holiday: date, weekday, name (observed days marked) and
         calendar
  json   [{\"date\", \"name\", \"weekday\", \"calendar\"}]
  csv    date, name, observes, weekday, calendar
  ics    an all-day event per holiday";

/// `golive calendar --help`.
pub const CALENDAR: &str = "\
Examples:
  golive calendar --out deploy.ics
  golive calendar --from 2027-01-01 --until 2027-06-30 --out deploy.ics
  golive calendar --out deploy.ics --previous deploy.ics
  golive calendar --tz Europe/Paris --out deploy.ics

Always iCalendar: every train's cutoff (with reminders) and start, holidays
and freezes. Publish the file where your calendar client can subscribe to it;
export again with --previous so that clients update the events that moved.";

/// `golive site --help`.
pub const SITE: &str = "\
Examples:
  golive site public
  golive site public --from 2027-01-01 --until 2027-06-30

Writes DIR/index.html (the page, self-contained), DIR/trains.json and
DIR/deploy.ics.";

/// `golive regions --help`.
pub const REGIONS: &str = "\
Examples:
  golive regions
  golive regions --format json
  golive regions --format csv --out regions.csv

Formats (--format):
  table  a row per region and place: time zone, ISO code and other names
  json   [{\"key\", \"name\", \"timezone\", \"after\", \"places\": [...]}]
  csv    a row per place: region, region_name, place, code, timezone, aliases";

/// `golive plan --help`.
pub const PLAN: &str = "\
Examples:
  golive plan batch.csv
  golive plan batch.toml --capacity 3 --format json
  golive plan batch.csv --what-if freeze.toml
  golive plan batch.csv --format ics --out plan.ics
  cat batch.toml | golive plan - -f csv

A batch in CSV:  name,ready,after,priority,not_before
                 Contoso,2026-11-23T10:00:00-08:00,,2,
A batch in TOML: [[connector]] tables with the same keys.

Formats (--format):
  table  the trains with their riders, then every connector's train and days
  json   {\"capacity\", \"connectors\": [{\"name\", \"ready\",
         \"train_start\", \"regions\", ...}], \"trains\"}
  csv    a row per connector: name, ready, train_start, a column per region,
         pushed, note
  jsonl  one connector a line, the objects of json's \"connectors\"
  ics    an all-day event per connector and region
  html   one self-contained page: the trains, a Gantt of connectors by region
         with the pushes explained, and every connector's row
With --what-if: what moves, as a table, JSON or CSV (name, region, old, new,
days).";

/// `golive estimate --help`.
pub const ESTIMATE: &str = "\
Examples:
  golive estimate --stage pr-open
  golive estimate --stage portal-review --since 2026-11-02 --where Japan
  golive estimate --stage pr-open --publisher independent --rounds 1
  golive estimate --stage ready --update minor --explain

Formats (--format):
  table  each stage ahead and each region: earliest, typical and latest dates
  json   {\"since\", \"stage\", \"stages\", \"regions\": [{\"key\", \"earliest\",
         \"typical\", \"latest\"}], \"finish\", \"sources\", ...}
  csv    a row per region: key, name, earliest, typical, latest, note
  ics    an all-day event per region on its estimated go-live day";

/// `golive config --help`.
pub const CONFIG: &str = "\
Examples:
  golive config show
  golive config check my-config.toml
  golive --config my-config.toml config show
  GOLIVE_CONFIG=my-config.toml golive trains";

/// `golive config show --help`.
pub const CONFIG_SHOW: &str = "\
Examples:
  golive config show
  golive --config my-config.toml config show";

/// `golive config check --help`.
pub const CONFIG_CHECK: &str = "\
Examples:
  golive config check my-config.toml";

/// `golive check --help`.
pub const CHECK: &str = "\
Examples:
  golive check connectors/Contoso
  golive check connectors/Contoso --previous old/Contoso
  golive check connectors/* --format sarif --out golive.sarif

Formats (--format):
  table  the findings grouped by file, for people
  json   {\"connector\", \"publisher\", \"findings\", \"errors\", \"warnings\"}
  sarif  SARIF 2.1.0, for GitHub code scanning";

/// `golive completions --help`.
pub const COMPLETIONS: &str = "\
Examples:
  golive completions bash > ~/.local/share/bash-completion/completions/golive
  golive completions zsh > ~/.zfunc/_golive
  golive completions fish > ~/.config/fish/completions/golive.fish
  golive completions powershell > golive.ps1
  golive completions elvish > golive.elv

bash loads the first file by itself (bash-completion 2); zsh needs
fpath+=~/.zfunc before compinit in ~/.zshrc; fish loads its file by itself;
PowerShell: . ./golive.ps1 in your $PROFILE; elvish: eval (slurp < golive.elv)
in rc.elv.";

/// `golive man --help`.
pub const MAN: &str = "\
Examples:
  golive man > ~/.local/share/man/man1/golive.1

Then `man golive` shows it (add ~/.local/share/man to MANPATH if it does not).
To read it without installing: golive man | man -l -";
