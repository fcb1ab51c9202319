//! The bad-input catalog: every command and file type fed wrong input, each with its exit
//! code and message snapshot.
//!
//! Each [`Case`] writes its files into a fresh folder, runs the built binary with its
//! arguments and checks the exit code, that an error leaves stdout empty and says something
//! on stderr, and that nothing panicked. What the user reads is compared with the snapshot
//! `snapshots/it__catalog__<id>.snap`, so a change in wording is a reviewed change. All cases
//! are checked before the test fails, so one run finds every changed message. To review them:
//!
//! ```sh
//! INSTA_UPDATE=always cargo test --test it catalog::   # rewrite the snapshots
//! git diff tests/it/snapshots/                         # read every change; commit or revert
//! ```
//!
//! (A plain `cargo test` outside CI leaves each changed or new snapshot as a `.snap.new` file
//! beside it, for `cargo insta review` if you have cargo-insta; in CI it only fails.)
//!
//! A snapshot holds the command line, the exit code and the output, made stable and readable:
//! the case's folder is written `[DIR]`, raw control and bidirectional-formatting characters
//! (which only the command line can show, since stderr may hold none) as `<raw U+..>`, and a
//! line
//! longer than [`LONG_LINE`] characters is cut, saying how long it was (a message that prints
//! a 1 MiB value whole shows as such a cut line).

use std::path::{Path, PathBuf};

use crate::harness::{Run, golive};

/// What a case writes into one of its files.
#[derive(Clone, Copy)]
enum Body {
    /// UTF-8 text.
    Text(&'static str),
    /// Any bytes: invalid UTF-8, NUL bytes.
    Bytes(&'static [u8]),
    /// `before`, then [`HUGE`] bytes of one ASCII character, then `after`: a 1 MiB line.
    Huge(&'static str, char, &'static str),
    /// A folder, where a file is expected.
    Dir,
}

/// One bad input: the files to create, the arguments and the exit code expected.
///
/// In `args`, `@NAME` is the path of `NAME` in the case's folder (which need not exist) and
/// `%LONG%` is a [`LONG_ARG`]-character argument.
struct Case {
    id: &'static str,
    files: &'static [(&'static str, Body)],
    args: &'static [&'static str],
    code: i32,
}

/// A huge line: 1 MiB.
const HUGE: usize = 1 << 20;
/// A long argument: 100,000 characters (a single argument may hold 128 KiB on Linux).
const LONG_ARG: usize = 100_000;
/// Lines longer than this are cut in snapshots.
const LONG_LINE: usize = 400;

use Body::{Bytes, Dir, Huge, Text};

/// A batch that plans fine under the default configuration.
const BATCH: Body = Text("name,ready\nA,2026-11-23\n");
/// A configuration that blocks every day of the week.
const EVERY_DAY_BLOCKED: Body = Text(
    "weekend = [\"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\", \"saturday\", \"sunday\"]\n",
);
/// A calendar file golive reads without complaint.
const GOOD_ICS: Body = Text(
    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Shutdown\r\nDTSTART;VALUE=DATE:20270405\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
);

/// A configuration naming `h.ics` as its only holiday calendar.
const HOLIDAY_ICS_CONFIG: (&str, Body) = ("c.toml", Text("calendars = [\"h.ics\"]\n"));
/// A configuration naming `h.toml` as a holiday calendar beside the federal one.
const HOLIDAY_TOML_CONFIG: (&str, Body) =
    ("c.toml", Text("calendars = [\"us-federal\", \"h.toml\"]\n"));
/// A configuration without holidays whose one freeze is `f.ics`.
const FREEZE_ICS_CONFIG: (&str, Body) = (
    "c.toml",
    Text("calendars = []\n\n[[freeze]]\nics = \"f.ics\"\n"),
);

const CASES: &[Case] = &[
    // --- Arguments, under the embedded configuration --------------------------------------
    Case {
        id: "when_ready_feb29_common_year",
        files: &[],
        args: &["when", "--ready", "2027-02-29"],
        code: 2,
    },
    Case {
        id: "when_ready_month13",
        files: &[],
        args: &["when", "--ready", "2026-13-01T09:00"],
        code: 2,
    },
    Case {
        id: "when_ready_hour25",
        files: &[],
        args: &["when", "--ready", "2026-11-22T25:00"],
        code: 2,
    },
    Case {
        id: "when_ready_offset_out_of_range",
        files: &[],
        args: &["when", "--ready", "2026-11-22T10:00+25:00"],
        code: 2,
    },
    Case {
        id: "when_ready_words",
        files: &[],
        args: &["when", "--ready", "next friday"],
        code: 2,
    },
    Case {
        id: "when_ready_empty",
        files: &[],
        args: &["when", "--ready", ""],
        code: 2,
    },
    Case {
        id: "when_ready_terminal_escape",
        files: &[],
        args: &["when", "--ready", "\u{1b}]0;pwned\u{7}2026-11-22"],
        code: 2,
    },
    Case {
        id: "when_ready_before_1971",
        files: &[],
        args: &["when", "--ready", "1969-07-20"],
        code: 2,
    },
    Case {
        id: "when_ready_huge",
        files: &[],
        args: &["when", "--ready", "%LONG%"],
        code: 2,
    },
    Case {
        id: "when_where_unknown_region",
        files: &[],
        args: &["when", "--ready", "2026-11-22", "--where", "Atlantis"],
        code: 2,
    },
    Case {
        id: "when_where_unknown_in_own_regions",
        files: &[("c.toml", Text("[[region]]\nkey = \"solo\"\n"))],
        args: &[
            "--config",
            "@c.toml",
            "when",
            "--ready",
            "2026-11-22",
            "--where",
            "Japan",
        ],
        code: 2,
    },
    Case {
        id: "when_where_huge",
        files: &[],
        args: &["when", "--ready", "2026-11-22", "--where", "%LONG%"],
        code: 2,
    },
    Case {
        id: "when_where_typo_place",
        files: &[],
        args: &["when", "--ready", "2026-11-22", "--where", "Japn"],
        code: 2,
    },
    Case {
        id: "when_where_typo_region",
        files: &[],
        args: &["when", "--ready", "2026-11-22", "--where", "Eurpoe"],
        code: 2,
    },
    Case {
        id: "when_where_typo_country",
        files: &[],
        args: &["when", "--ready", "2026-11-22", "--where", "Germny"],
        code: 2,
    },
    Case {
        id: "when_where_two_near_places",
        files: &[],
        args: &["when", "--ready", "2026-11-22", "--where", "Austrlia"],
        code: 2,
    },
    Case {
        id: "when_tz_typo",
        files: &[],
        args: &[
            "when",
            "--ready",
            "2026-11-22T10:00",
            "--tz",
            "Europe/Londn",
        ],
        code: 2,
    },
    Case {
        id: "trains_tz_city_only",
        files: &[],
        args: &["trains", "--tz", "Tokyo"],
        code: 2,
    },
    Case {
        id: "regions_format_ics",
        files: &[],
        args: &["regions", "--format", "ics"],
        code: 2,
    },
    Case {
        id: "when_format_huge",
        files: &[],
        args: &["when", "--ready", "2026-11-22", "--format", "%LONG%"],
        code: 2,
    },
    Case {
        id: "when_format_bidi_override",
        files: &[],
        args: &["when", "--ready", "2026-11-22", "--format", "x\u{202e}"],
        code: 2,
    },
    Case {
        id: "when_tz_unknown",
        files: &[],
        args: &[
            "when",
            "--ready",
            "2026-11-22T10:00",
            "--tz",
            "Mars/Olympus",
        ],
        code: 2,
    },
    Case {
        id: "when_format_unknown",
        files: &[],
        args: &["when", "--ready", "2026-11-22", "--format", "yaml"],
        code: 2,
    },
    Case {
        id: "trains_from_feb30",
        files: &[],
        args: &["trains", "--from", "2026-02-30"],
        code: 2,
    },
    Case {
        id: "trains_from_not_zero_padded",
        files: &[],
        args: &["trains", "--from", "2026-1-1"],
        code: 2,
    },
    Case {
        id: "trains_until_before_from",
        files: &[],
        args: &["trains", "--from", "2026-12-01", "--until", "2026-11-01"],
        code: 2,
    },
    Case {
        id: "trains_until_nov31",
        files: &[],
        args: &["trains", "--from", "2026-11-01", "--until", "2026-11-31"],
        code: 2,
    },
    Case {
        id: "trains_count_zero",
        files: &[],
        args: &["trains", "--from", "2026-11-01", "--count", "0"],
        code: 2,
    },
    Case {
        id: "trains_count_negative",
        files: &[],
        args: &["trains", "--from", "2026-11-01", "--count", "-1"],
        code: 2,
    },
    Case {
        id: "trains_count_words",
        files: &[],
        args: &["trains", "--from", "2026-11-01", "--count", "many"],
        code: 2,
    },
    Case {
        id: "trains_count_overflow",
        files: &[],
        args: &[
            "trains",
            "--from",
            "2026-11-01",
            "--count",
            "99999999999999999999",
        ],
        code: 2,
    },
    Case {
        id: "holidays_year_words",
        files: &[],
        args: &["holidays", "--year", "twenty"],
        code: 2,
    },
    Case {
        id: "holidays_year_out_of_range",
        files: &[],
        args: &["holidays", "--year", "1800"],
        code: 2,
    },
    // Regression (issue 14): 1970 gave an empty table and 2150 answered past the supported
    // 2099, both with exit 0.
    Case {
        id: "holidays_year_before_supported",
        files: &[],
        args: &["holidays", "--year", "1970"],
        code: 2,
    },
    Case {
        id: "holidays_year_after_supported",
        files: &[],
        args: &["holidays", "--year", "2150"],
        code: 2,
    },
    Case {
        id: "holidays_from_before_supported",
        files: &[],
        args: &["holidays", "--from", "1960", "--until", "2026"],
        code: 2,
    },
    Case {
        id: "holidays_until_after_supported",
        files: &[],
        args: &["holidays", "--from", "2026", "--until", "2100"],
        code: 2,
    },
    Case {
        id: "holidays_until_before_from",
        files: &[],
        args: &["holidays", "--from", "2030", "--until", "2020"],
        code: 2,
    },
    Case {
        id: "calendar_until_feb30",
        files: &[],
        args: &["calendar", "--from", "2026-11-01", "--until", "2026-02-30"],
        code: 2,
    },
    Case {
        id: "calendar_until_before_from",
        files: &[],
        args: &["calendar", "--from", "2026-12-01", "--until", "2026-11-01"],
        code: 2,
    },
    Case {
        id: "plan_capacity_zero",
        files: &[("b.csv", BATCH)],
        args: &["plan", "@b.csv", "--capacity", "0"],
        code: 2,
    },
    Case {
        id: "plan_capacity_negative",
        files: &[("b.csv", BATCH)],
        args: &["plan", "@b.csv", "--capacity", "-3"],
        code: 2,
    },
    Case {
        id: "plan_capacity_fraction",
        files: &[("b.csv", BATCH)],
        args: &["plan", "@b.csv", "--capacity", "1.5"],
        code: 2,
    },
    Case {
        id: "plan_capacity_words",
        files: &[("b.csv", BATCH)],
        args: &["plan", "@b.csv", "--capacity", "lots"],
        code: 2,
    },
    Case {
        id: "plan_batch_argument_missing",
        files: &[],
        args: &["plan"],
        code: 2,
    },
    Case {
        id: "plan_batch_missing_file",
        files: &[],
        args: &["plan", "@nope.csv"],
        code: 2,
    },
    Case {
        id: "plan_batch_is_a_directory",
        files: &[("b.csv", Dir)],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "plan_batch_wrong_extension",
        files: &[("b.txt", BATCH)],
        args: &["plan", "@b.txt"],
        code: 2,
    },
    Case {
        id: "command_unknown",
        files: &[],
        args: &["frobnicate"],
        code: 2,
    },
    Case {
        id: "config_check_argument_missing",
        files: &[],
        args: &["config", "check"],
        code: 2,
    },
    // --- The configuration file -----------------------------------------------------------
    Case {
        id: "config_empty_is_valid",
        files: &[("c.toml", Text(""))],
        args: &["config", "check", "@c.toml"],
        code: 0,
    },
    Case {
        id: "config_missing_file",
        files: &[],
        args: &["--config", "@nope.toml", "when", "--ready", "2026-11-22"],
        code: 2,
    },
    Case {
        id: "config_is_a_directory",
        files: &[("c.toml", Dir)],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_unknown_key",
        files: &[("c.toml", Text("colour = \"red\"\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_unknown_key_typo",
        files: &[("c.toml", Text("cutof_hours = 24\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_weekend_item_not_text",
        files: &[("c.toml", Text("weekend = [\"saturday\", 5]\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_inline_region_type",
        files: &[(
            "c.toml",
            Text("region = [{key = \"a\", name = \"A=B\", timezone = 5}]\n"),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_cutoff_hours_beyond_i64",
        files: &[("c.toml", Text("cutoff_hours = 9223372036854775808\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_freeze_not_tables",
        files: &[("c.toml", Text("freeze = 5\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_file_name_with_bidi_override",
        files: &[("c\u{202e}lmot.toml", Text("timezone = 5\n"))],
        args: &["config", "check", "@c\u{202e}lmot.toml"],
        code: 2,
    },
    Case {
        id: "config_mac_line_ends",
        files: &[(
            "c.toml",
            Text("timezone = \"UTC\"\rcutoff_hours = \"24\"\r"),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_freeze_year_typo",
        files: &[(
            "c.toml",
            Text("[[freeze]]\nname = \"Year end\"\nfrom = 0226-12-20\nuntil = 0227-01-04\n"),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_duplicate_key",
        files: &[("c.toml", Text("timezone = \"UTC\"\ntimezone = \"UTC\"\n"))],
        args: &["--config", "@c.toml", "config", "show"],
        code: 2,
    },
    Case {
        id: "config_cutoff_hours_string",
        files: &[("c.toml", Text("cutoff_hours = \"24\"\n"))],
        args: &["--config", "@c.toml", "when", "--ready", "2026-11-22"],
        code: 2,
    },
    Case {
        id: "config_cutoff_hours_negative",
        files: &[("c.toml", Text("cutoff_hours = -5\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_calendars_not_a_list",
        files: &[("c.toml", Text("calendars = \"us-federal\"\n"))],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "config_calendar_unknown_name",
        files: &[("c.toml", Text("calendars = [\"moon\"]\n"))],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "config_timezone_unknown",
        files: &[("c.toml", Text("timezone = \"Europe/Pariss\"\n"))],
        args: &["--config", "@c.toml", "trains", "--from", "2026-11-01"],
        code: 2,
    },
    Case {
        id: "config_deploy_time_hour25",
        files: &[("c.toml", Text("deploy_time = \"25:00\"\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_start_weekday_unknown",
        files: &[("c.toml", Text("start_weekday = \"someday\"\n"))],
        args: &["--config", "@c.toml", "trains", "--from", "2026-11-01"],
        code: 2,
    },
    Case {
        id: "config_weekend_unknown_day",
        files: &[("c.toml", Text("weekend = [\"caturday\"]\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_blocked_start_unknown",
        files: &[("c.toml", Text("blocked_start = \"wait\"\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_horizon_zero",
        files: &[("c.toml", Text("horizon_years = 0\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_max_per_train_negative",
        files: &[("c.toml", Text("max_per_train = -1\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_freeze_feb29_common_year",
        files: &[(
            "c.toml",
            Text("[[freeze]]\nname = \"x\"\nfrom = 2027-02-29\nuntil = 2027-03-01\n"),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_freeze_feb29_as_string",
        files: &[(
            "c.toml",
            Text("[[freeze]]\nname = \"x\"\nfrom = \"2027-02-29\"\nuntil = 2027-03-01\n"),
        )],
        args: &["--config", "@c.toml", "trains", "--from", "2026-11-01"],
        code: 2,
    },
    Case {
        id: "config_freeze_month13",
        files: &[(
            "c.toml",
            Text("[[freeze]]\nname = \"x\"\nfrom = 2027-13-01\nuntil = 2027-03-01\n"),
        )],
        args: &["--config", "@c.toml", "calendar", "--from", "2026-11-01"],
        code: 2,
    },
    Case {
        id: "config_freeze_backwards_dates",
        files: &[(
            "c.toml",
            Text("[[freeze]]\nname = \"x\"\nfrom = 2027-03-10\nuntil = 2027-03-01\n"),
        )],
        args: &["--config", "@c.toml", "when", "--ready", "2026-11-22"],
        code: 2,
    },
    Case {
        id: "config_freeze_backwards_times",
        files: &[(
            "c.toml",
            Text(
                "[[freeze]]\nname = \"x\"\nfrom = 2027-03-10T10:00:00-08:00\nuntil = 2027-03-10T09:00:00-08:00\n",
            ),
        )],
        args: &["--config", "@c.toml", "trains", "--from", "2026-11-01"],
        code: 2,
    },
    Case {
        id: "config_freeze_missing_until",
        files: &[(
            "c.toml",
            Text("[[freeze]]\nname = \"x\"\nfrom = 2026-12-01\n"),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_freeze_unknown_region",
        files: &[(
            "c.toml",
            Text(
                "[[freeze]]\nname = \"x\"\nfrom = 2026-12-20\nuntil = 2026-12-21\nregions = [\"mars\"]\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_freeze_every_month",
        files: &[(
            "c.toml",
            Text(
                "[[freeze]]\nname = \"x\"\nfrom = 2027-01-01\nuntil = 2027-01-02\nevery = \"month\"\n",
            ),
        )],
        args: &["--config", "@c.toml", "config", "show"],
        code: 2,
    },
    Case {
        id: "config_freeze_source_integer",
        files: &[(
            "c.toml",
            Text(
                "[[freeze]]\nname = \"Thanksgiving\"\nfrom = 2027-11-22\nuntil = 2027-11-30\nsource = 924\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_freeze_source_table",
        files: &[(
            "c.toml",
            Text(
                "[[freeze]]\nname = \"Thanksgiving\"\nfrom = 2027-11-22\nuntil = 2027-11-30\nsource = { pr = 924 }\n",
            ),
        )],
        args: &["--config", "@c.toml", "when", "--ready", "2027-11-20"],
        code: 2,
    },
    Case {
        id: "config_freeze_source_empty",
        files: &[(
            "c.toml",
            Text(
                "[[freeze]]\nname = \"Thanksgiving\"\nfrom = 2027-11-22\nuntil = 2027-11-30\nsource = \"  \"\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_freeze_source_on_a_yearly_freeze",
        files: &[(
            "c.toml",
            Text(
                "[[freeze]]\nname = \"Year end\"\nfrom = 2026-11-20\nuntil = 2027-01-06\nevery = \"year\"\nsource = \"microsoft/PowerPlatformConnectors PR #3709\"\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_seasonal_warnings_string",
        files: &[("c.toml", Text("seasonal_warnings = \"no\"\n"))],
        args: &["--config", "@c.toml", "when", "--ready", "2026-12-02"],
        code: 2,
    },
    Case {
        id: "config_region_cycle",
        files: &[(
            "c.toml",
            Text(
                "[[region]]\nkey = \"a\"\nafter = [\"b\"]\n[[region]]\nkey = \"b\"\nafter = [\"a\"]\n",
            ),
        )],
        args: &["--config", "@c.toml", "config", "show"],
        code: 2,
    },
    Case {
        id: "config_region_unknown_after",
        files: &[(
            "c.toml",
            Text("[[region]]\nkey = \"a\"\n[[region]]\nkey = \"b\"\nafter = [\"zz\"]\n"),
        )],
        args: &["--config", "@c.toml", "calendar", "--from", "2026-11-01"],
        code: 2,
    },
    Case {
        id: "config_region_duplicate_key",
        files: &[(
            "c.toml",
            Text("[[region]]\nkey = \"a\"\n[[region]]\nkey = \"a\"\n"),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_region_key_integer",
        files: &[("c.toml", Text("[[region]]\nkey = 5\n"))],
        args: &["--config", "@c.toml", "when", "--ready", "2026-11-22"],
        code: 2,
    },
    Case {
        id: "config_region_member_in_two_regions",
        files: &[(
            "c.toml",
            Text(
                "[[region]]\nkey = \"a\"\nmembers = [\"Japan\"]\n[[region]]\nkey = \"b\"\nmembers = [\"japan\"]\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_member_zone_unknown",
        files: &[(
            "c.toml",
            Text(
                "[[region]]\nkey = \"a\"\nmembers = [\n  { name = \"Japan\", code = \"JP\", timezone = \"Asia/Tokio\" },\n]\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_member_code_not_alpha2",
        files: &[(
            "c.toml",
            Text("[[region]]\nkey = \"a\"\nmembers = [{ name = \"Japan\", code = \"JPN\" }]\n"),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_member_alias_in_two_regions",
        files: &[(
            "c.toml",
            Text(
                "[[region]]\nkey = \"a\"\nmembers = [{ name = \"United Kingdom\", aliases = [\"UK\"] }]\n[[region]]\nkey = \"b\"\nmembers = [\"uk\"]\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_member_alias_twice_in_a_region",
        files: &[(
            "c.toml",
            Text(
                "[[region]]\nkey = \"a\"\nmembers = [\n  { name = \"Korea\", timezone = \"Asia/Seoul\", aliases = [\"KR\"] },\n  { name = \"Kyrgyzstan\", timezone = \"Asia/Bishkek\", aliases = [\"kr\"] },\n]\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_member_not_text",
        files: &[("c.toml", Text("[[region]]\nkey = \"a\"\nmembers = [5]\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_member_unknown_key",
        files: &[(
            "c.toml",
            Text(
                "[[region]]\nkey = \"a\"\nmembers = [{ name = \"Japan\", zone = \"Asia/Tokyo\" }]\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_member_without_name",
        files: &[(
            "c.toml",
            Text("[[region]]\nkey = \"a\"\nmembers = [{ timezone = \"Asia/Tokyo\" }]\n"),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_stage_earliest_after_latest",
        files: &[(
            "c.toml",
            Text(
                "[[stage]]\nname = \"review\"\npublisher = \"independent\"\nwho = \"microsoft\"\nunit = \"weeks\"\nearliest = 3\ntypical = 3\nlatest = 2\nsource = \"s\"\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_stage_unknown_unit",
        files: &[(
            "c.toml",
            Text(
                "[[stage]]\nname = \"review\"\npublisher = \"independent\"\nwho = \"microsoft\"\nunit = \"months\"\nearliest = 0\ntypical = 1\nlatest = 2\nsource = \"s\"\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_stage_unknown_publisher",
        files: &[(
            "c.toml",
            Text(
                "[[stage]]\nname = \"review\"\npublisher = \"partner\"\nwho = \"microsoft\"\nunit = \"weeks\"\nearliest = 0\ntypical = 1\nlatest = 2\nsource = \"s\"\n",
            ),
        )],
        args: &["--config", "@c.toml", "config", "show"],
        code: 2,
    },
    Case {
        id: "config_stage_negative",
        files: &[(
            "c.toml",
            Text(
                "[[stage]]\nname = \"review\"\npublisher = \"independent\"\nwho = \"microsoft\"\nunit = \"weeks\"\nearliest = -1\ntypical = 1\nlatest = 2\nsource = \"s\"\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_stage_business_days_fraction",
        files: &[(
            "c.toml",
            Text(
                "[[stage]]\nname = \"review\"\npublisher = \"verified\"\nwho = \"microsoft\"\nunit = \"business-days\"\nearliest = 0\ntypical = 2.5\nlatest = 3\nsource = \"s\"\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_stage_missing_source",
        files: &[(
            "c.toml",
            Text(
                "[[stage]]\nname = \"review\"\npublisher = \"verified\"\nwho = \"microsoft\"\nunit = \"weeks\"\nearliest = 0\ntypical = 1\nlatest = 2\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "estimate_stage_unknown",
        files: &[],
        args: &["estimate", "--stage", "shipping", "--since", "2026-11-02"],
        code: 2,
    },
    Case {
        id: "estimate_stage_of_the_other_publisher_kind",
        files: &[],
        args: &[
            "estimate",
            "--publisher",
            "verified",
            "--stage",
            "approved",
            "--since",
            "2026-11-02",
        ],
        code: 2,
    },
    Case {
        id: "estimate_stage_missing",
        files: &[],
        args: &["estimate", "--since", "2026-11-02"],
        code: 2,
    },
    Case {
        id: "estimate_rounds_negative",
        files: &[],
        args: &[
            "estimate",
            "--stage",
            "pr-open",
            "--rounds",
            "-1",
            "--since",
            "2026-11-02",
        ],
        code: 2,
    },
    Case {
        id: "estimate_rounds_words",
        files: &[],
        args: &[
            "estimate",
            "--stage",
            "pr-open",
            "--rounds",
            "two",
            "--since",
            "2026-11-02",
        ],
        code: 2,
    },
    Case {
        id: "estimate_rounds_too_many",
        files: &[],
        args: &[
            "estimate",
            "--stage",
            "pr-open",
            "--rounds",
            "21",
            "--since",
            "2026-11-02",
        ],
        code: 2,
    },
    Case {
        id: "estimate_since_words",
        files: &[],
        args: &["estimate", "--stage", "pr-open", "--since", "next week"],
        code: 2,
    },
    Case {
        id: "estimate_since_before_1971",
        files: &[],
        args: &["estimate", "--stage", "pr-open", "--since", "1969-12-31"],
        code: 2,
    },
    Case {
        id: "estimate_journey_past_2099",
        files: &[],
        args: &["estimate", "--stage", "registered", "--since", "2099-12-01"],
        code: 2,
    },
    Case {
        id: "estimate_publisher_unknown",
        files: &[],
        args: &["estimate", "--stage", "pr-open", "--publisher", "partner"],
        code: 2,
    },
    Case {
        id: "estimate_update_unknown",
        files: &[],
        args: &["estimate", "--stage", "ready", "--update", "patch"],
        code: 2,
    },
    Case {
        id: "estimate_where_unknown",
        files: &[],
        args: &[
            "estimate",
            "--stage",
            "ready",
            "--since",
            "2026-11-02",
            "--where",
            "Mars",
        ],
        code: 2,
    },
    Case {
        id: "estimate_where_typo_place",
        files: &[],
        args: &[
            "estimate",
            "--stage",
            "ready",
            "--since",
            "2026-11-02",
            "--where",
            "Germny",
        ],
        code: 2,
    },
    Case {
        id: "estimate_no_stages_for_the_publisher_kind",
        files: &[(
            "c.toml",
            Text(
                "[[stage]]\nname = \"review\"\npublisher = \"verified\"\nwho = \"microsoft\"\nunit = \"weeks\"\nearliest = 0\ntypical = 1\nlatest = 2\nsource = \"s\"\n",
            ),
        )],
        args: &[
            "--config",
            "@c.toml",
            "estimate",
            "--publisher",
            "independent",
            "--stage",
            "review",
            "--since",
            "2026-11-02",
        ],
        code: 2,
    },
    Case {
        id: "blocked_every_day_estimate",
        files: &[("c.toml", EVERY_DAY_BLOCKED)],
        args: &[
            "--config",
            "@c.toml",
            "estimate",
            "--stage",
            "registered",
            "--since",
            "2026-11-02",
        ],
        code: 1,
    },
    Case {
        id: "config_nul_byte",
        files: &[("c.toml", Bytes(b"timezone = \"UTC\"\x00\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_binary_garbage",
        files: &[(
            "c.toml",
            Bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01garbage\n"),
        )],
        args: &["--config", "@c.toml", "when", "--ready", "2026-11-22"],
        code: 2,
    },
    Case {
        id: "config_invalid_utf8_in_string",
        files: &[("c.toml", Bytes(b"# ok\ntimezone = \"\xc3\x28\"\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_huge_value",
        files: &[("c.toml", Huge("timezone = \"", 'x', "\"\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_huge_freeze_name",
        files: &[(
            "c.toml",
            Huge(
                "[[freeze]]\nname = \"",
                'x',
                "\"\nfrom = 2027-03-10\nuntil = 2027-03-01\n",
            ),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_huge_comment_before_error",
        files: &[(
            "c.toml",
            Huge("timezone = \"UTC\"\n# ", '#', "\nweekend = 5\n"),
        )],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "config_huge_integer",
        files: &[("c.toml", Huge("horizon_years = ", '9', "\n"))],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    // --- Configurations that leave no deploy day (exit 1) ---------------------------------
    Case {
        id: "blocked_every_day_when",
        files: &[("c.toml", EVERY_DAY_BLOCKED)],
        args: &["--config", "@c.toml", "when", "--ready", "2026-11-22"],
        code: 1,
    },
    Case {
        id: "blocked_every_day_trains",
        files: &[("c.toml", EVERY_DAY_BLOCKED)],
        args: &["--config", "@c.toml", "trains", "--from", "2026-11-22"],
        code: 1,
    },
    Case {
        id: "blocked_every_day_plan",
        files: &[("c.toml", EVERY_DAY_BLOCKED), ("b.csv", BATCH)],
        args: &["--config", "@c.toml", "plan", "@b.csv"],
        code: 1,
    },
    Case {
        id: "blocked_every_day_plan_bidi_batch_name",
        files: &[("c.toml", EVERY_DAY_BLOCKED), ("b\u{202e}.csv", BATCH)],
        args: &["--config", "@c.toml", "plan", "@b\u{202e}.csv"],
        code: 1,
    },
    Case {
        id: "blocked_every_day_what_if",
        files: &[("w.toml", EVERY_DAY_BLOCKED), ("b.csv", BATCH)],
        args: &["plan", "@b.csv", "--what-if", "@w.toml"],
        code: 1,
    },
    Case {
        id: "blocked_region_frozen_past_horizon",
        files: &[(
            "c.toml",
            Text(
                "[[freeze]]\nname = \"Forever\"\nfrom = 2026-11-01\nuntil = 2040-01-01\nregions = [\"europe\"]\n",
            ),
        )],
        args: &[
            "--config",
            "@c.toml",
            "when",
            "--ready",
            "2026-11-22",
            "--where",
            "Europe",
        ],
        code: 1,
    },
    Case {
        id: "blocked_skip_cancels_every_train",
        files: &[(
            "c.toml",
            Text("start_weekday = \"saturday\"\nblocked_start = \"skip\"\n"),
        )],
        args: &["--config", "@c.toml", "when", "--ready", "2026-11-22"],
        code: 1,
    },
    // --- Holiday calendar files (TOML) ----------------------------------------------------
    Case {
        id: "calendar_toml_empty_is_valid",
        files: &[HOLIDAY_TOML_CONFIG, ("h.toml", Text(""))],
        args: &["config", "check", "@c.toml"],
        code: 0,
    },
    Case {
        id: "calendar_toml_missing_file",
        files: &[HOLIDAY_TOML_CONFIG],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "calendar_toml_feb30",
        files: &[
            HOLIDAY_TOML_CONFIG,
            (
                "h.toml",
                Text("[[holiday]]\nname = \"X\"\nrule.fixed = { month = 2, day = 30 }\n"),
            ),
        ],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "calendar_toml_month13",
        files: &[
            HOLIDAY_TOML_CONFIG,
            (
                "h.toml",
                Text("[[holiday]]\nname = \"X\"\nrule.fixed = { month = 13, day = 1 }\n"),
            ),
        ],
        args: &["--config", "@c.toml", "when", "--ready", "2026-11-22"],
        code: 2,
    },
    Case {
        id: "calendar_toml_dates_empty",
        files: &[
            HOLIDAY_TOML_CONFIG,
            (
                "h.toml",
                Text("[[holiday]]\nname = \"X\"\nrule.dates = []\n"),
            ),
        ],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "calendar_toml_dates_no_such_day",
        files: &[
            HOLIDAY_TOML_CONFIG,
            (
                "h.toml",
                Text("[[holiday]]\nname = \"X\"\nrule.dates = [2027-02-06, 2027-02-30]\n"),
            ),
        ],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "calendar_toml_date_feb29_common_year",
        files: &[
            HOLIDAY_TOML_CONFIG,
            (
                "h.toml",
                Text("[[holiday]]\nname = \"X\"\nrule.date = 2027-02-29\n"),
            ),
        ],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "calendar_toml_sixth_monday",
        files: &[
            HOLIDAY_TOML_CONFIG,
            (
                "h.toml",
                Text(
                    "[[holiday]]\nname = \"X\"\nrule.nth = { month = 1, weekday = \"monday\", n = 6 }\n",
                ),
            ),
        ],
        args: &["--config", "@c.toml", "trains", "--from", "2026-11-01"],
        code: 2,
    },
    Case {
        id: "calendar_toml_unknown_weekday",
        files: &[
            HOLIDAY_TOML_CONFIG,
            (
                "h.toml",
                Text(
                    "[[holiday]]\nname = \"X\"\nrule.last = { month = 5, weekday = \"funday\" }\n",
                ),
            ),
        ],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "calendar_toml_unknown_key",
        files: &[
            HOLIDAY_TOML_CONFIG,
            (
                "h.toml",
                Text(
                    "[[holiday]]\nname = \"X\"\nrule.fixed = { month = 1, day = 1 }\ncolour = \"red\"\n",
                ),
            ),
        ],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "calendar_toml_name_integer",
        files: &[
            HOLIDAY_TOML_CONFIG,
            (
                "h.toml",
                Text("[[holiday]]\nname = 5\nrule.fixed = { month = 1, day = 1 }\n"),
            ),
        ],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "calendar_toml_no_rule",
        files: &[
            HOLIDAY_TOML_CONFIG,
            ("h.toml", Text("[[holiday]]\nname = \"X\"\n")),
        ],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "calendar_toml_rule_as_string",
        files: &[
            HOLIDAY_TOML_CONFIG,
            (
                "h.toml",
                Text("[[holiday]]\nname = \"X\"\nrule = \"fixed\"\n"),
            ),
        ],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "calendar_toml_rule_unknown_kind",
        files: &[
            HOLIDAY_TOML_CONFIG,
            (
                "h.toml",
                Text("[[holiday]]\nname = \"X\"\nrule.weird = 5\n"),
            ),
        ],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "calendar_toml_two_rules",
        files: &[
            HOLIDAY_TOML_CONFIG,
            (
                "h.toml",
                Text(
                    "[[holiday]]\nname = \"X\"\nrule.fixed = { month = 1, day = 1 }\nrule.last = { month = 5, weekday = \"monday\" }\n",
                ),
            ),
        ],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "calendar_toml_years_backwards",
        files: &[
            HOLIDAY_TOML_CONFIG,
            (
                "h.toml",
                Text(
                    "[[holiday]]\nname = \"X\"\nrule.fixed = { month = 1, day = 1 }\nfirst_year = 2030\nlast_year = 2020\n",
                ),
            ),
        ],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "calendar_toml_binary_garbage",
        files: &[
            HOLIDAY_TOML_CONFIG,
            ("h.toml", Bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff")),
        ],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    // --- Holiday calendar files (iCalendar) -----------------------------------------------
    Case {
        id: "calendar_ics_empty",
        files: &[HOLIDAY_ICS_CONFIG, ("h.ics", Text(""))],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "calendar_ics_missing_file",
        files: &[HOLIDAY_ICS_CONFIG],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "calendar_ics_feb29_common_year",
        files: &[
            HOLIDAY_ICS_CONFIG,
            (
                "h.ics",
                Text(
                    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20270229\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                ),
            ),
        ],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "calendar_ics_month13",
        files: &[
            HOLIDAY_ICS_CONFIG,
            (
                "h.ics",
                Text(
                    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20271305\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                ),
            ),
        ],
        args: &["--config", "@c.toml", "when", "--ready", "2027-04-01"],
        code: 2,
    },
    Case {
        id: "calendar_ics_timed_event",
        files: &[
            HOLIDAY_ICS_CONFIG,
            (
                "h.ics",
                Text(
                    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20270405T090000Z\r\nDTEND:20270405T100000Z\r\nSUMMARY:Half day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                ),
            ),
        ],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "calendar_ics_never_closed",
        files: &[
            HOLIDAY_ICS_CONFIG,
            (
                "h.ics",
                Text(
                    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20270405\r\nEND:VEVENT\r\n",
                ),
            ),
        ],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "calendar_ics_mismatched_end",
        files: &[
            HOLIDAY_ICS_CONFIG,
            (
                "h.ics",
                Text(
                    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20270405\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
                ),
            ),
        ],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "calendar_ics_no_dtstart",
        files: &[
            HOLIDAY_ICS_CONFIG,
            (
                "h.ics",
                Text(
                    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                ),
            ),
        ],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "calendar_ics_monthly_rrule",
        files: &[
            HOLIDAY_ICS_CONFIG,
            (
                "h.ics",
                Text(
                    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20270405\r\nRRULE:FREQ=MONTHLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                ),
            ),
        ],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "calendar_ics_nul_bytes",
        files: &[HOLIDAY_ICS_CONFIG, ("h.ics", Bytes(b"\x00\x00\x00\x00"))],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "calendar_ics_binary_garbage",
        files: &[
            HOLIDAY_ICS_CONFIG,
            ("h.ics", Bytes(b"BEGIN:VCALENDAR\r\n\xff\xfe\x00\x01")),
        ],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    Case {
        id: "calendar_ics_huge_line",
        files: &[
            HOLIDAY_ICS_CONFIG,
            (
                "h.ics",
                Huge(
                    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:",
                    '2',
                    "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                ),
            ),
        ],
        args: &["--config", "@c.toml", "holidays", "--year", "2027"],
        code: 2,
    },
    // --- Freeze calendar files (iCalendar) ------------------------------------------------
    Case {
        id: "freeze_ics_missing_file",
        files: &[FREEZE_ICS_CONFIG],
        args: &["--config", "@c.toml", "when", "--ready", "2027-04-01"],
        code: 2,
    },
    Case {
        id: "freeze_ics_backwards",
        files: &[
            FREEZE_ICS_CONFIG,
            (
                "f.ics",
                Text(
                    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Backwards\r\nDTSTART:20270405T100000Z\r\nDTEND:20270405T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                ),
            ),
        ],
        args: &["--config", "@c.toml", "when", "--ready", "2027-04-01"],
        code: 2,
    },
    Case {
        id: "freeze_ics_unknown_region",
        files: &[
            (
                "c.toml",
                Text("calendars = []\n\n[[freeze]]\nics = \"f.ics\"\nregions = [\"mars\"]\n"),
            ),
            ("f.ics", GOOD_ICS),
        ],
        args: &["--config", "@c.toml", "trains", "--from", "2027-04-01"],
        code: 2,
    },
    Case {
        id: "freeze_ics_with_from",
        files: &[
            (
                "c.toml",
                Text("calendars = []\n\n[[freeze]]\nics = \"f.ics\"\nfrom = 2027-01-01\n"),
            ),
            ("f.ics", GOOD_ICS),
        ],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "freeze_ics_yearly_event_with_source",
        files: &[
            (
                "c.toml",
                Text(
                    "calendars = []\n\n[[freeze]]\nics = \"f.ics\"\nsource = \"our change calendar\"\n",
                ),
            ),
            (
                "f.ics",
                Text(
                    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Year end\r\nDTSTART;VALUE=DATE:20261220\r\nDTEND;VALUE=DATE:20270104\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                ),
            ),
        ],
        args: &["config", "check", "@c.toml"],
        code: 2,
    },
    Case {
        id: "freeze_ics_unknown_tzid",
        files: &[
            FREEZE_ICS_CONFIG,
            (
                "f.ics",
                Text(
                    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:x\r\nDTSTART;TZID=Mars/Olympus:20270405T090000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                ),
            ),
        ],
        args: &["--config", "@c.toml", "calendar", "--from", "2027-04-01"],
        code: 2,
    },
    Case {
        id: "freeze_ics_bad_duration",
        files: &[
            FREEZE_ICS_CONFIG,
            (
                "f.ics",
                Text(
                    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:x\r\nDTSTART;VALUE=DATE:20270405\r\nDURATION:P1X\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                ),
            ),
        ],
        args: &["--config", "@c.toml", "when", "--ready", "2027-04-01"],
        code: 2,
    },
    Case {
        id: "freeze_ics_is_toml",
        files: &[FREEZE_ICS_CONFIG, ("f.ics", Text("name = \"Company\"\n"))],
        args: &["--config", "@c.toml", "when", "--ready", "2027-04-01"],
        code: 2,
    },
    // --- Batch files (TOML) ---------------------------------------------------------------
    Case {
        id: "batch_toml_empty",
        files: &[("b.toml", Text(""))],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_unknown_key",
        files: &[(
            "b.toml",
            Text("[[connector]]\nname = \"A\"\nready = 2026-11-23\ncolour = \"red\"\n"),
        )],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_single_table",
        files: &[(
            "b.toml",
            Text("[connector]\nname = \"A\"\nready = 2026-11-23\n"),
        )],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_missing_name",
        files: &[("b.toml", Text("[[connector]]\nready = 2026-11-23\n"))],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_empty_name",
        files: &[(
            "b.toml",
            Text("[[connector]]\nname = \"\"\nready = 2026-11-23\n"),
        )],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_ready_feb29_common_year",
        files: &[(
            "b.toml",
            Text("[[connector]]\nname = \"A\"\nready = 2027-02-29\n"),
        )],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_ready_string_feb29",
        files: &[(
            "b.toml",
            Text("[[connector]]\nname = \"A\"\nready = \"2027-02-29\"\n"),
        )],
        args: &["plan", "@b.toml", "--format", "json"],
        code: 2,
    },
    Case {
        id: "batch_toml_not_before_month13",
        files: &[(
            "b.toml",
            Text("[[connector]]\nname = \"A\"\nready = 2026-11-23\nnot_before = 2026-13-01\n"),
        )],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_priority_float",
        files: &[(
            "b.toml",
            Text("[[connector]]\nname = \"A\"\nready = 2026-11-23\npriority = 1.5\n"),
        )],
        args: &["plan", "@b.toml", "--capacity", "1"],
        code: 2,
    },
    Case {
        id: "batch_toml_priority_string",
        files: &[(
            "b.toml",
            Text("[[connector]]\nname = \"A\"\nready = 2026-11-23\npriority = \"high\"\n"),
        )],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_after_integer",
        files: &[(
            "b.toml",
            Text("[[connector]]\nname = \"A\"\nready = 2026-11-23\nafter = 5\n"),
        )],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_cycle",
        files: &[(
            "b.toml",
            Text(
                "[[connector]]\nname = \"A\"\nready = 2026-11-23\nafter = [\"C\"]\n\n\
                 [[connector]]\nname = \"B\"\nready = 2026-11-23\nafter = [\"A\"]\n\n\
                 [[connector]]\nname = \"C\"\nready = 2026-11-23\nafter = [\"B\"]\n",
            ),
        )],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_after_itself",
        files: &[(
            "b.toml",
            Text("[[connector]]\nname = \"A\"\nready = 2026-11-23\nafter = [\"A\"]\n"),
        )],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_unknown_after",
        files: &[(
            "b.toml",
            Text(
                "[[connector]]\nname = \"Azure\"\nready = 2026-11-23\n\n\
                 [[connector]]\nname = \"B\"\nready = 2026-11-23\nafter = \"azure\"\n",
            ),
        )],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_duplicate_name",
        files: &[(
            "b.toml",
            Text(
                "[[connector]]\nname = \"A\"\nready = 2026-11-23\n\n\
                 [[connector]]\nname = \"A\"\nready = 2026-11-24\n",
            ),
        )],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_binary_garbage",
        files: &[(
            "b.toml",
            Bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb"),
        )],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    Case {
        id: "batch_toml_huge_ready",
        files: &[(
            "b.toml",
            Huge("[[connector]]\nname = \"A\"\nready = \"", 'x', "\"\n"),
        )],
        args: &["plan", "@b.toml"],
        code: 2,
    },
    // --- Batch files (CSV) ----------------------------------------------------------------
    Case {
        id: "batch_csv_empty",
        files: &[("b.csv", Text(""))],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_header_only",
        files: &[("b.csv", Text("name,ready\n"))],
        args: &["plan", "@b.csv", "--format", "csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_missing_ready_column",
        files: &[("b.csv", Text("name,after\nA,\n"))],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_unknown_column",
        files: &[(
            "b.csv",
            Text("name,ready,not-before\nA,2026-11-23,2026-12-01\n"),
        )],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_duplicate_column",
        files: &[("b.csv", Text("name,name,ready\nA,B,2026-11-23\n"))],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_ready_feb29_common_year",
        files: &[("b.csv", Text("name,ready\nA,2027-02-29\n"))],
        args: &["plan", "@b.csv", "--format", "csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_ready_month13",
        files: &[(
            "b.csv",
            Text("name,ready\nA,2026-11-23\nB,2026-11-23\nC,2026-13-01\n"),
        )],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_not_before_impossible",
        files: &[(
            "b.csv",
            Text("name,ready,not_before\nA,2026-11-23,2026-11-31\n"),
        )],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_priority_words",
        files: &[("b.csv", Text("name,ready,priority\nA,2026-11-23,high\n"))],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_extra_field",
        files: &[("b.csv", Text("name,ready\nA,2026-11-23,extra\n"))],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_unclosed_quote",
        files: &[("b.csv", Text("name,ready\n\"A,2026-11-23\nB,2026-11-23\n"))],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_mac_line_ends",
        files: &[("b.csv", Text("name,ready\rA,2026-11-23\rB,soon\r"))],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_terminal_escape_in_name",
        files: &[("b.csv", Text("name,ready\n\u{1b}[2J\u{202e}A,soon\n"))],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_cycle",
        files: &[(
            "b.csv",
            Text("name,ready,after\nA,2026-11-23,B\nB,2026-11-23,A\n"),
        )],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_unknown_after",
        files: &[(
            "b.csv",
            Text("name,ready,after\nA,2026-11-23,\nB,2026-11-23,A;Zed\n"),
        )],
        args: &["plan", "@b.csv", "--format", "csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_duplicate_name",
        files: &[(
            "b.csv",
            Text("name,ready\nA,2026-11-23\nB,2026-11-23\nA,2026-11-24\n"),
        )],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_nul_byte",
        files: &[("b.csv", Bytes(b"name,ready\nA,2026-11-23\x00\n"))],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_binary_garbage",
        files: &[(
            "b.csv",
            Bytes(b"name,ready\nA,2026-11-23\n\xff\xfe\x00garbage\n"),
        )],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_huge_name",
        files: &[("b.csv", Huge("name,ready\n", 'x', ",soon\n"))],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_huge_extra_field",
        files: &[("b.csv", Huge("name,ready\nA,2026-11-23,", 'x', "\n"))],
        args: &["plan", "@b.csv"],
        code: 2,
    },
    Case {
        id: "batch_csv_not_before_past_horizon",
        files: &[(
            "b.csv",
            Text("name,ready,not_before\nA,2026-11-23,\nLate,2026-11-23,2031-01-01\n"),
        )],
        args: &["plan", "@b.csv"],
        code: 1,
    },
    // --- plan --what-if -------------------------------------------------------------------
    Case {
        id: "what_if_missing_file",
        files: &[("b.csv", BATCH)],
        args: &["plan", "@b.csv", "--what-if", "@nope.toml"],
        code: 2,
    },
    Case {
        id: "what_if_unknown_key",
        files: &[("b.csv", BATCH), ("w.toml", Text("colour = 1\n"))],
        args: &["plan", "@b.csv", "--what-if", "@w.toml"],
        code: 2,
    },
    Case {
        id: "what_if_capacity_words",
        files: &[
            ("b.csv", BATCH),
            ("w.toml", Text("max_per_train = \"lots\"\n")),
        ],
        args: &["plan", "@b.csv", "--what-if", "@w.toml", "--format", "json"],
        code: 2,
    },
    // --- --previous -----------------------------------------------------------------------
    Case {
        id: "previous_with_format_json",
        files: &[("old.ics", GOOD_ICS)],
        args: &[
            "when",
            "--ready",
            "2026-11-22",
            "--format",
            "json",
            "--previous",
            "@old.ics",
        ],
        code: 2,
    },
    Case {
        id: "previous_with_format_csv",
        files: &[("b.csv", BATCH), ("old.ics", GOOD_ICS)],
        args: &[
            "plan",
            "@b.csv",
            "--format",
            "csv",
            "--previous",
            "@old.ics",
        ],
        code: 2,
    },
    Case {
        id: "previous_with_format_table",
        files: &[("old.ics", GOOD_ICS)],
        args: &["trains", "--from", "2026-11-01", "--previous", "@old.ics"],
        code: 2,
    },
    Case {
        id: "previous_not_icalendar",
        files: &[("old.ics", Text("garbage\n"))],
        args: &[
            "calendar",
            "--from",
            "2026-11-01",
            "--until",
            "2026-12-01",
            "--previous",
            "@old.ics",
        ],
        code: 2,
    },
    Case {
        id: "previous_binary_garbage",
        files: &[("b.csv", BATCH), ("old.ics", Bytes(b"\xff\xfe\x00B\x00E"))],
        args: &[
            "plan",
            "@b.csv",
            "--format",
            "ics",
            "--previous",
            "@old.ics",
        ],
        code: 2,
    },
    Case {
        id: "previous_sequence_not_a_number",
        files: &[(
            "old.ics",
            Text(
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSEQUENCE:abc\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            ),
        )],
        args: &[
            "holidays",
            "--year",
            "2027",
            "--format",
            "ics",
            "--previous",
            "@old.ics",
        ],
        code: 2,
    },
    Case {
        id: "previous_is_a_directory",
        files: &[("old.ics", Dir)],
        args: &[
            "when",
            "--ready",
            "2026-11-22",
            "--format",
            "ics",
            "--previous",
            "@old.ics",
        ],
        code: 2,
    },
    // --- --out ----------------------------------------------------------------------------
    Case {
        id: "out_is_a_directory",
        files: &[("out", Dir)],
        args: &["when", "--ready", "2026-11-22", "--out", "@out"],
        code: 2,
    },
    Case {
        id: "out_in_a_missing_directory",
        files: &[],
        args: &["holidays", "--year", "2027", "--out", "@no-such-dir/h.csv"],
        code: 2,
    },
    Case {
        id: "out_is_the_batch",
        files: &[("b.csv", BATCH)],
        args: &["plan", "@b.csv", "--format", "csv", "--out", "@b.csv"],
        code: 2,
    },
    Case {
        id: "out_is_the_configuration",
        files: &[("c.toml", Text("deploy_time = \"10:00\"\n"))],
        args: &[
            "--config",
            "@c.toml",
            "when",
            "--ready",
            "2026-11-22",
            "--out",
            "@c.toml",
        ],
        code: 2,
    },
];

/// Every case: its exit code, an error's empty stdout and non-empty stderr, no panic, and its
/// snapshot. All cases run (in parallel) and are checked before the test fails, so one run
/// lists every changed message.
#[test]
fn bad_input_catalog() {
    let mut ids: Vec<&str> = CASES.iter().map(|c| c.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), CASES.len(), "case ids must be unique");

    // A few workers take the cases in turn.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(4, |n| n.get().clamp(2, 16));
    let mut runs: Vec<(usize, Ran)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(case) = CASES.get(i) else {
                            return done;
                        };
                        done.push((i, run(case)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    runs.sort_by_key(|(i, _)| *i);
    let runs: Vec<_> = runs.into_iter().map(|(_, r)| r).collect();

    let mut failed = Vec::new();
    for (case, ran) in CASES.iter().zip(&runs) {
        let checked = std::panic::catch_unwind(|| check(case, ran));
        if checked.is_err() {
            failed.push(case.id);
        }
    }
    for ran in &runs {
        let _ = std::fs::remove_dir_all(&ran.dir);
    }
    assert!(failed.is_empty(), "catalog cases failed: {failed:?}");
}

/// One case's run: its folder, the arguments as given and the result.
struct Ran {
    dir: PathBuf,
    args: Vec<String>,
    out: Run,
}

/// Writes the case's files into a fresh folder and runs it.
fn run(case: &Case) -> Ran {
    let dir =
        std::env::temp_dir().join(format!("golive-catalog-{}-{}", std::process::id(), case.id));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, body) in case.files {
        let path = dir.join(name);
        match *body {
            Text(text) => std::fs::write(&path, text),
            Bytes(bytes) => std::fs::write(&path, bytes),
            Huge(before, fill, after) => {
                let mut text = String::with_capacity(before.len() + HUGE + after.len());
                text.push_str(before);
                text.extend(std::iter::repeat_n(fill, HUGE));
                text.push_str(after);
                std::fs::write(&path, text)
            }
            Dir => std::fs::create_dir(&path),
        }
        .unwrap();
    }
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| match a.strip_prefix('@') {
            Some(name) => dir
                .join(name)
                .to_str()
                .expect("UTF-8 temp path")
                .to_string(),
            None if *a == "%LONG%" => "x".repeat(LONG_ARG),
            None => a.to_string(),
        })
        .collect();
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = golive(&refs);
    Ran { dir, args, out }
}

fn check(case: &Case, ran: &Ran) {
    let Ran { dir, args, out } = ran;
    let id = case.id;
    assert_eq!(
        out.code, case.code,
        "{id}: exit code\nstdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
    for text in [&out.stdout, &out.stderr] {
        assert!(!text.contains("panicked"), "{id}: panic: {text}");
    }
    // Whatever the input held, nothing but line ends reaches the terminal raw: a message
    // quotes control characters and bidirectional overrides escaped.
    let raw = out
        .stderr
        .chars()
        .find(|&c| (c.is_control() && c != '\n') || is_bidi(c));
    assert_eq!(
        raw, None,
        "{id}: a raw character reached stderr: {}",
        out.stderr
    );
    let shown = if case.code == 0 {
        assert!(out.stderr.is_empty(), "{id}: stderr: {}", out.stderr);
        &out.stdout
    } else {
        assert!(out.stdout.is_empty(), "{id}: stdout: {}", out.stdout);
        assert!(!out.stderr.trim().is_empty(), "{id}: nothing on stderr");
        &out.stderr
    };
    let command = std::iter::once("golive")
        .chain(args.iter().map(String::as_str))
        .map(|a| match a.contains([' ', '\'']) || a.is_empty() {
            true => format!("'{}'", a.replace('\'', "'\\''")),
            false => a.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let stream = if case.code == 0 { "stdout" } else { "stderr" };
    let text = format!("$ {command}\nexit {}; {stream}:\n{shown}", out.code);
    insta::assert_snapshot!(id, normalize(&text, dir));
}

/// The text as a snapshot holds it: the case's folder as `[DIR]`, control characters other
/// than line ends escaped, and long lines cut.
/// Bidirectional formatting characters, which reorder what a terminal shows.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn normalize(text: &str, dir: &Path) -> String {
    let mut text = text.to_string();
    let mut dirs = vec![dir.to_path_buf()];
    dirs.extend(std::fs::canonicalize(dir).ok());
    dirs.sort_by_key(|d| std::cmp::Reverse(d.as_os_str().len()));
    for d in dirs {
        text = text.replace(d.to_str().expect("UTF-8 temp path"), "[DIR]");
    }
    let mut out = String::with_capacity(text.len().min(64 * 1024));
    for line in text.lines() {
        let chars = line.chars().count();
        let kept = if chars > LONG_LINE { 160 } else { chars };
        for c in line.chars().take(kept) {
            match c.is_control() || is_bidi(c) {
                true => out.push_str(&format!("<raw U+{:04X}>", u32::from(c))),
                false => out.push(c),
            }
        }
        if kept < chars {
            let more = chars - kept;
            out.push_str(&format!(
                "[... {more} more characters: a line of {chars} cut by the catalog]"
            ));
        }
        out.push('\n');
    }
    out
}
