//! iCalendar imports: holiday calendars and freezes from .ics files, and their errors.
//!
//! Every test writes a configuration and the .ics files it names into one fresh folder (the
//! files are read relative to the configuration) and runs the built binary on it. The tests
//! at the end, each named after a bug, pin behaviour that RFC 5545 or a user expects and that
//! the import does not have yet.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::{Run, TempFile, golive, region_dates, temp_file, with_config};

/// A calendar with `events` (each the lines between BEGIN:VEVENT and END:VEVENT, written with
/// `\n`), with CRLF line ends as RFC 5545 3.1 says.
fn cal(events: &[&str]) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//golive tests//EN\n");
    for e in events {
        out.push_str("BEGIN:VEVENT\n");
        out.push_str(e.trim_matches('\n'));
        out.push_str("\nEND:VEVENT\n");
    }
    out.push_str("END:VCALENDAR\n");
    out.replace('\n', "\r\n")
}

/// Writes `config` and `files` into one fresh folder; returns the configuration's path.
fn setup(config: &str, files: &[(&str, &str)]) -> TempFile {
    let cfg = temp_file("c.toml", config);
    let dir = cfg.parent().expect("temp files live in a folder");
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    cfg
}

/// A configuration whose only holiday calendar is `ics`, saved as `h.ics`.
fn holiday_config(ics: &str) -> TempFile {
    setup("calendars = [\"h.ics\"]\n", &[("h.ics", ics)])
}

/// A configuration without holidays whose one `[[freeze]]` is `ics = "f.ics"` plus `extra`.
fn freeze_config(ics: &str, extra: &str) -> TempFile {
    setup(
        &format!("calendars = []\n\n[[freeze]]\nics = \"f.ics\"\n{extra}\n"),
        &[("f.ics", ics)],
    )
}

/// `file:line:col` of a file next to the configuration, as errors name it.
fn at(cfg: &Path, file: &str, line: usize, col: usize) -> String {
    format!(
        "{}:{line}:{col}:",
        cfg.parent().unwrap().join(file).display()
    )
}

/// `(date, name)` of every holiday from `from` to `until` (years), from `holidays --format json`.
fn holidays(cfg: &Path, from: i32, until: i32) -> Vec<(String, String)> {
    let (from, until) = (from.to_string(), until.to_string());
    let v = with_config(
        cfg,
        &[
            "holidays", "--from", &from, "--until", &until, "--format", "json",
        ],
    )
    .json();
    v.as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["date"].as_str().unwrap().to_string(),
                h["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(d, n)| (d.to_string(), n.to_string()))
        .collect()
}

/// `when --ready READY --explain --format json`.
fn when(cfg: &Path, ready: &str) -> Value {
    with_config(
        cfg,
        &["when", "--ready", ready, "--explain", "--format", "json"],
    )
    .json()
}

/// The `(kind, name)` reasons region `key` skipped `date` for.
fn reasons(v: &Value, key: &str, date: &str) -> Vec<(String, String)> {
    let region = v["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no region {key}"));
    region["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["date"] == date)
        .flat_map(|s| s["reasons"].as_array().unwrap().iter())
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_string(),
                r["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn kind_name(kind: &str, name: &str) -> (String, String) {
    (kind.to_string(), name.to_string())
}

/// Runs the binary with `args`, killed after `limit`; `None` when it had to be killed.
fn run_within(args: &[&str], limit: Duration) -> Option<Run> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_golive"))
        .args(args)
        .env_remove("GOLIVE_CONFIG")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("golive runs");
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (stdout, stderr) = (out.join().unwrap(), err.join().unwrap());
    status.map(|s| Run {
        code: s.code().unwrap_or(-1),
        stdout,
        stderr,
    })
}

// ---------------------------------------------------------------------------------------------
// Holidays from all-day events

#[test]
fn one_day_multi_day_and_duration_events_are_holidays_named_by_their_summary() {
    let cfg = holiday_config(&cal(&[
        // One day: no DTEND, no DURATION.
        "UID:1\nDTSTART;VALUE=DATE:20270405\nSUMMARY:Founders' Day",
        // Several days: DTEND is exclusive; across the year's end.
        "UID:2\nDTSTART;VALUE=DATE:20261231\nDTEND;VALUE=DATE:20270102\nSUMMARY:Year-end break",
        // DURATION in days and in weeks; a date written without VALUE=DATE.
        "UID:3\nDTSTART;VALUE=DATE:20270614\nDURATION:P2D\nSUMMARY:Summer offsite",
        "UID:4\nDTSTART:20270906\nDURATION:P1W\nSUMMARY:Shutdown week",
        // Escaped and folded text.
        "UID:5\nDTSTART;VALUE=DATE:20271011\nSUMMARY:Fall\\, part\n  one\\; done",
    ]));
    assert_eq!(
        holidays(&cfg, 2026, 2027),
        pairs(&[
            ("2026-12-31", "Year-end break"),
            ("2027-01-01", "Year-end break"),
            ("2027-04-05", "Founders' Day"),
            ("2027-06-14", "Summer offsite"),
            ("2027-06-15", "Summer offsite"),
            ("2027-09-06", "Shutdown week"),
            ("2027-09-07", "Shutdown week"),
            ("2027-09-08", "Shutdown week"),
            ("2027-09-09", "Shutdown week"),
            ("2027-09-10", "Shutdown week"),
            ("2027-09-11", "Shutdown week"),
            ("2027-09-12", "Shutdown week"),
            ("2027-10-11", "Fall, part one; done"),
        ])
    );
    // The file's own days only: the default us-federal calendar was replaced.
    assert!(
        !holidays(&cfg, 2027, 2027)
            .iter()
            .any(|(_, n)| n == "Independence Day")
    );
}

#[test]
fn ics_holidays_block_when_and_explain_with_the_summary() {
    let cfg = setup(
        "calendars = [\"us-federal\", \"company.ics\"]\n",
        &[(
            "company.ics",
            &cal(&[
                "UID:a\nDTSTART;VALUE=DATE:20270406\nDTEND;VALUE=DATE:20270408\nSUMMARY:Company offsite",
                // A holiday on the train's Friday moves the start to Monday.
                "UID:b\nDTSTART;VALUE=DATE:20270416\nSUMMARY:Spring day",
            ]),
        )],
    );
    // Ready Wed 2027-03-31: train Fri 04-02, US preview Mon 04-05, then Tue and Wed are the
    // offsite, so Asia waits for Thu 04-08.
    let v = when(&cfg, "2027-03-31T10:00");
    assert_eq!(
        region_dates(&v),
        [
            "2027-04-02",
            "2027-04-05",
            "2027-04-08",
            "2027-04-09",
            "2027-04-12",
            "2027-04-13"
        ]
    );
    for day in ["2027-04-06", "2027-04-07"] {
        assert_eq!(
            reasons(&v, "asia", day),
            [kind_name("holiday", "Company offsite")]
        );
    }
    let v = when(&cfg, "2027-04-12T10:00");
    assert_eq!(v["train"]["start"], "2027-04-19T09:00:00-07:00");
    assert_eq!(
        reasons(&v, "testing", "2027-04-16"),
        [kind_name("holiday", "Spring day")]
    );
}

#[test]
fn yearly_rrule_repeats_with_count_and_until_inclusive() {
    let cfg = holiday_config(&cal(&[
        // COUNT=3: 2026, 2027, 2028 (DTSTART is the first), both days each time.
        "UID:c\nDTSTART;VALUE=DATE:20261224\nDTEND;VALUE=DATE:20261226\nRRULE:FREQ=YEARLY;COUNT=3\nSUMMARY:Counted",
        // UNTIL is inclusive: the 2029 occurrence starts on UNTIL.
        "UID:u\nDTSTART;VALUE=DATE:20270705\nRRULE:FREQ=YEARLY;UNTIL=20290705\nSUMMARY:Until on the day",
        // UNTIL the day before: 2029 is out.
        "UID:v\nDTSTART;VALUE=DATE:20270706\nRRULE:FREQ=YEARLY;UNTIL=20290705\nSUMMARY:Until the day before",
        // No end; Outlook restates the month and day.
        "UID:f\nDTSTART;VALUE=DATE:20270311\nRRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=3;BYMONTHDAY=11\nSUMMARY:Forever",
        // February 29 recurs in leap years only, and COUNT counts those (RFC 5545 3.3.10).
        "UID:l\nDTSTART;VALUE=DATE:20240229\nRRULE:FREQ=YEARLY;COUNT=2\nSUMMARY:Leap day",
    ]));
    let all = holidays(&cfg, 2024, 2035);
    let days_of = |name: &str| -> Vec<String> {
        all.iter()
            .filter(|(_, n)| n == name)
            .map(|(d, _)| d.clone())
            .collect()
    };
    assert_eq!(
        days_of("Counted"),
        [
            "2026-12-24",
            "2026-12-25",
            "2027-12-24",
            "2027-12-25",
            "2028-12-24",
            "2028-12-25"
        ]
    );
    assert_eq!(
        days_of("Until on the day"),
        ["2027-07-05", "2028-07-05", "2029-07-05"]
    );
    assert_eq!(
        days_of("Until the day before"),
        ["2027-07-06", "2028-07-06"]
    );
    let forever = days_of("Forever");
    assert_eq!(forever.len(), 9, "{forever:?}");
    assert_eq!(forever.first().unwrap(), "2027-03-11");
    assert_eq!(forever.last().unwrap(), "2035-03-11");
    assert_eq!(days_of("Leap day"), ["2024-02-29", "2028-02-29"]);
}

#[test]
fn cancelled_events_are_skipped() {
    let cfg = holiday_config(&cal(&[
        "UID:x\nDTSTART;VALUE=DATE:20270405\nSTATUS:CANCELLED\nSUMMARY:Called off",
        // Cancelled and timed: skipped, not refused as a timed holiday.
        "UID:y\nSTATUS:CANCELLED\nDTSTART:20270406T090000Z\nSUMMARY:Timed and called off",
        "UID:z\nDTSTART;VALUE=DATE:20270407\nSTATUS:CONFIRMED\nSUMMARY:Still on",
    ]));
    assert_eq!(
        holidays(&cfg, 2027, 2027),
        pairs(&[("2027-04-07", "Still on")])
    );
}

#[test]
fn real_world_syntax_is_read() {
    // LF line ends, a byte order mark, lowercase names, a fold with a tab, quoted parameters
    // holding ':' and ';', a VTIMEZONE and a VALARM with their own DTSTART and DURATION,
    // X- properties, and a second VCALENDAR in the same file.
    let text = "\u{feff}begin:vcalendar\nversion:2.0\nx-wr-calname:Mixed\n\
        begin:vtimezone\ntzid:Foo\ndtstart:20270101T000000\nbegin:standard\n\
        dtstart:16010101T000000\ntzoffsetfrom:+0000\ntzoffsetto:+0000\nend:standard\nend:vtimezone\n\
        begin:vevent\nuid:1\ndtstart;value=date:20270405\nsummary;altrep=\"cid:a;b:c\";language=en:Tab\n\tfolded\n\
        x-custom;x-p=\"x:y\":z\n\
        begin:valarm\naction:DISPLAY\ntrigger;value=date-time:20270101T000000Z\nduration:P30D\n\
        dtstart:20270101\ndescription:alarm\nend:valarm\nend:vevent\nend:vcalendar\n\
        BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270406\nSUMMARY:Second calendar\nEND:VEVENT\nEND:VCALENDAR\n\n";
    let cfg = holiday_config(text);
    assert_eq!(
        holidays(&cfg, 2027, 2027),
        pairs(&[
            ("2027-04-05", "Tabfolded"),
            ("2027-04-06", "Second calendar")
        ])
    );
}

/// A holiday calendar as Google Calendar exports it (Settings > Import & export).
const GOOGLE: &str = "BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Holidays in United States
X-WR-TIMEZONE:UTC
X-WR-CALDESC:Holidays and Observances in United States
BEGIN:VEVENT
DTSTART;VALUE=DATE:20270118
DTEND;VALUE=DATE:20270119
DTSTAMP:20260301T120000Z
UID:20270118_q6ci0n1l4vfgelvh4b48q0o3m0@google.com
CLASS:PUBLIC
CREATED:20250101T000000Z
DESCRIPTION:Public holiday
LAST-MODIFIED:20250101T000000Z
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Martin Luther King Jr. Day
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20270314
DTEND;VALUE=DATE:20270315
DTSTAMP:20260301T120000Z
UID:20270314_60o30dr4c4o30c1g60o30dr56g@google.com
CLASS:PUBLIC
CREATED:20250101T000000Z
DESCRIPTION:Observance\\nTo hide observances\\, go to Google Calendar Setting
 s > Holidays in United States
LAST-MODIFIED:20250101T000000Z
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Daylight Saving Time starts
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20271126
DTEND;VALUE=DATE:20271127
DTSTAMP:20260301T120000Z
UID:20271126_60o30dr4cko30c1g60o30dr5ag@google.com
CLASS:PUBLIC
CREATED:20250101T000000Z
DESCRIPTION:Public holiday
LAST-MODIFIED:20250101T000000Z
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Day After Thanksgiving
TRANSP:TRANSPARENT
END:VEVENT
END:VCALENDAR
";

#[test]
fn google_calendar_holiday_export_imports() {
    let cfg = holiday_config(&GOOGLE.replace('\n', "\r\n"));
    assert_eq!(
        holidays(&cfg, 2027, 2027),
        pairs(&[
            ("2027-01-18", "Martin Luther King Jr. Day"),
            ("2027-03-14", "Daylight Saving Time starts"),
            ("2027-11-26", "Day After Thanksgiving"),
        ])
    );
    // With us-federal too: Thanksgiving Thursday and the Google Friday after it.
    let cfg = setup(
        "calendars = [\"us-federal\", \"google.ics\"]\n",
        &[("google.ics", GOOGLE)],
    );
    let v = when(&cfg, "2027-11-22T10:00");
    assert_eq!(v["train"]["start"], "2027-11-29T09:00:00-08:00");
    assert_eq!(
        reasons(&v, "testing", "2027-11-26"),
        [kind_name("holiday", "Day After Thanksgiving")]
    );
}

/// A calendar as Outlook's "Save Calendar" writes it: a VTIMEZONE for "Pacific Standard
/// Time", quoted TZIDs, all-day events as VALUE=DATE with X-MICROSOFT-CDO-ALLDAYEVENT, an
/// Outlook-style yearly rule, a VALARM, and one timed event.
const OUTLOOK: &str = "BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:PUBLISH
X-CALSTART:20260101T000000Z
X-CALEND:20290101T000000Z
X-WR-RELCALID:{0000002E-1A2B-3C4D-5E6F-A1B2C3D4E5F6}
X-WR-CALNAME:Contoso
X-PRIMARY-CALENDAR:TRUE
X-OWNER;CN=\"Release Manager\":mailto:rm@contoso.com
X-MS-OLK-WKHRSTART;TZID=\"Pacific Standard Time\":080000
X-MS-OLK-WKHREND;TZID=\"Pacific Standard Time\":170000
X-MS-OLK-WKHRDAYS:MO,TU,WE,TH,FR
BEGIN:VTIMEZONE
TZID:Pacific Standard Time
BEGIN:STANDARD
DTSTART:16011104T020000
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
TZOFFSETFROM:-0700
TZOFFSETTO:-0800
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010311T020000
RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3
TZOFFSETFROM:-0800
TZOFFSETTO:-0700
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
CLASS:PUBLIC
CREATED:20260105T171234Z
DESCRIPTION:Company-wide holiday. Offices closed.\\n
DTEND;VALUE=DATE:20261125
DTSTAMP:20260105T171234Z
DTSTART;VALUE=DATE:20261123
LAST-MODIFIED:20260105T171234Z
PRIORITY:5
SEQUENCE:0
SUMMARY;LANGUAGE=en-us:Contoso Thanksgiving Week
TRANSP:TRANSPARENT
UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5D601000000000000000
 010000000F1E2D3C4B5A69788796A5B4C3D2E1F00
X-MICROSOFT-CDO-BUSYSTATUS:FREE
X-MICROSOFT-CDO-IMPORTANCE:1
X-MICROSOFT-DISALLOW-COUNTER:FALSE
X-MS-OLK-CONFTYPE:0
X-MICROSOFT-CDO-ALLDAYEVENT:TRUE
BEGIN:VALARM
TRIGGER:-PT15H
ACTION:DISPLAY
DESCRIPTION:Reminder
END:VALARM
END:VEVENT
BEGIN:VEVENT
CLASS:PUBLIC
DTEND;VALUE=DATE:20261226
DTSTAMP:20260105T171300Z
DTSTART;VALUE=DATE:20261224
RRULE:FREQ=YEARLY;UNTIL=20281224;BYMONTHDAY=24;BYMONTH=12
SEQUENCE:0
SUMMARY;LANGUAGE=en-us:Winter Break
UID:040000008200E00074C5B7101A82E00800000000B0B1C2D3E4F5D6010000000000000000
X-MICROSOFT-CDO-BUSYSTATUS:OOF
X-MICROSOFT-CDO-ALLDAYEVENT:TRUE
END:VEVENT
END:VCALENDAR
";

/// Outlook's timed event: a deploy blackout on Wednesday 2026-12-02, 08:00 to 10:00 Pacific.
const OUTLOOK_TIMED: &str = "BEGIN:VEVENT
CLASS:PUBLIC
DTSTART;TZID=\"Pacific Standard Time\":20261202T080000
DTEND;TZID=\"Pacific Standard Time\":20261202T100000
DTSTAMP:20260105T171400Z
SUMMARY;LANGUAGE=en-us:Datacenter maintenance
UID:040000008200E00074C5B7101A82E00800000000C0B1C2D3E4F5D6010000000000000000
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
X-MICROSOFT-CDO-ALLDAYEVENT:FALSE
END:VEVENT
END:VCALENDAR
";

#[test]
fn outlook_export_imports_as_holidays_and_as_freezes() {
    let cfg = holiday_config(&OUTLOOK.replace('\n', "\r\n"));
    assert_eq!(
        holidays(&cfg, 2026, 2029),
        pairs(&[
            ("2026-11-23", "Contoso Thanksgiving Week"),
            ("2026-11-24", "Contoso Thanksgiving Week"),
            ("2026-12-24", "Winter Break"),
            ("2026-12-25", "Winter Break"),
            ("2027-12-24", "Winter Break"),
            ("2027-12-25", "Winter Break"),
            ("2028-12-24", "Winter Break"),
            ("2028-12-25", "Winter Break"),
        ])
    );
    // The same file with a timed event, as a freeze: the all-day events freeze whole days,
    // the timed one its two hours, which hold the 09:00 deploy on Wednesday 2026-12-02.
    let text = OUTLOOK.replace("END:VCALENDAR\n", OUTLOOK_TIMED);
    let cfg = freeze_config(&text.replace('\n', "\r\n"), "");
    let v = when(&cfg, "2026-11-20T10:00");
    assert_eq!(
        region_dates(&v),
        [
            "2026-11-27",
            "2026-11-30",
            "2026-12-01",
            "2026-12-03",
            "2026-12-04",
            "2026-12-07"
        ]
    );
    assert_eq!(
        reasons(&v, "testing", "2026-11-23"),
        [kind_name("freeze", "Contoso Thanksgiving Week")]
    );
    assert_eq!(
        reasons(&v, "europe", "2026-12-02"),
        [kind_name("freeze", "Datacenter maintenance")]
    );
}

// ---------------------------------------------------------------------------------------------
// Freezes from events

#[test]
fn all_day_ics_freeze_blocks_whole_days_and_falls_back_to_the_freeze_name() {
    let cfg = freeze_config(
        &cal(&[
            "UID:1\nDTSTART;VALUE=DATE:20270406\nDTEND;VALUE=DATE:20270408\nSUMMARY:Quarter close",
            // No SUMMARY: the freeze's `name` names it.
            "UID:2\nDTSTART;VALUE=DATE:20270412",
        ]),
        "name = \"Ops freeze\"",
    );
    let v = when(&cfg, "2027-03-31T10:00");
    assert_eq!(
        region_dates(&v),
        [
            "2027-04-02",
            "2027-04-05",
            "2027-04-08",
            "2027-04-09",
            "2027-04-13",
            "2027-04-14"
        ]
    );
    assert_eq!(
        reasons(&v, "asia", "2027-04-06"),
        [kind_name("freeze", "Quarter close")]
    );
    assert_eq!(
        reasons(&v, "asia", "2027-04-07"),
        [kind_name("freeze", "Quarter close")]
    );
    assert_eq!(
        reasons(&v, "br-ca-jp-in", "2027-04-12"),
        [kind_name("freeze", "Ops freeze")]
    );
}

#[test]
fn timed_ics_freezes_keep_their_instants_in_utc_tzid_and_floating_time() {
    // The deploy instant is 09:00 in Los Angeles: 16:00Z in April (PDT), 18:00 in Berlin.
    let cfg = freeze_config(
        &cal(&[
            // Floating: read in the schedule zone. Mon 08:00-10:00.
            "UID:f\nDTSTART:20270405T080000\nDTEND:20270405T100000\nSUMMARY:Floating",
            // Berlin 17:59-18:01 on Tuesday holds 09:00 Pacific.
            "UID:b\nDTSTART;TZID=Europe/Berlin:20270406T175900\nDTEND;TZID=Europe/Berlin:20270406T180100\nSUMMARY:Berlin window",
            // UTC 15:59-16:01 on Wednesday, given with DURATION.
            "UID:u\nDTSTART:20270407T155900Z\nDURATION:PT2M\nSUMMARY:UTC window",
            // Half-open: a window ending exactly at Thursday's deploy instant does not hold it.
            "UID:e\nDTSTART:20270408T150000Z\nDTEND:20270408T160000Z\nSUMMARY:Ends at deploy",
            // One starting just after it does not either.
            "UID:a\nDTSTART;TZID=America/Los_Angeles:20270409T090001\nDTEND;TZID=America/Los_Angeles:20270409T120000\nSUMMARY:Starts after deploy",
        ]),
        "",
    );
    let v = when(&cfg, "2027-03-31T10:00");
    assert_eq!(
        region_dates(&v),
        [
            "2027-04-02",
            "2027-04-08",
            "2027-04-09",
            "2027-04-12",
            "2027-04-13",
            "2027-04-14"
        ]
    );
    assert_eq!(
        reasons(&v, "us-preview", "2027-04-05"),
        [kind_name("freeze", "Floating")]
    );
    assert_eq!(
        reasons(&v, "us-preview", "2027-04-06"),
        [kind_name("freeze", "Berlin window")]
    );
    assert_eq!(
        reasons(&v, "us-preview", "2027-04-07"),
        [kind_name("freeze", "UTC window")]
    );
}

#[test]
fn scoped_ics_freeze_holds_only_its_regions() {
    let cfg = freeze_config(
        &cal(&[
            "UID:1\nDTSTART;TZID=Asia/Tokyo:20270407T000000\nDTEND;TZID=Asia/Tokyo:20270409T000000\nSUMMARY:Golden hours",
        ]),
        "name = \"Asia\"\nregions = [\"asia\"]",
    );
    // Tokyo Wed 00:00 to Fri 00:00 is Tue 08:00 to Thu 08:00 in Los Angeles: it holds the
    // 09:00 deploys of Tuesday and Wednesday, for Asia only.
    let v = when(&cfg, "2027-03-31T10:00");
    assert_eq!(
        region_dates(&v),
        [
            "2027-04-02",
            "2027-04-05",
            "2027-04-08",
            "2027-04-09",
            "2027-04-12",
            "2027-04-13"
        ]
    );
    assert_eq!(
        reasons(&v, "asia", "2027-04-06"),
        [kind_name("freeze", "Golden hours")]
    );
    // Another region on a frozen day is not held: Testing goes on Friday 04-09 from a later
    // readiness.
    let v = when(&cfg, "2027-04-05T10:00");
    assert_eq!(region_dates(&v)[0], "2027-04-09");
    assert!(reasons(&v, "testing", "2027-04-07")[0].0 == "cutoff");
    // A region that does not exist is refused at the configuration.
    let cfg = freeze_config(
        &cal(&["UID:1\nDTSTART;VALUE=DATE:20270407"]),
        "regions = [\"mars\"]",
    );
    golive(&["config", "check", cfg.to_str().unwrap()]).fails(2, &["\"mars\"", "c.toml:5:12:"]);
}

#[test]
fn yearly_ics_freeze_without_end_recurs_every_year() {
    let cfg = freeze_config(
        &cal(&[
            "UID:1\nDTSTART;VALUE=DATE:20261221\nDTEND;VALUE=DATE:20270105\nRRULE:FREQ=YEARLY\nSUMMARY:Year end",
        ]),
        "",
    );
    // Ready Fri 2031-12-19 10:00: the next train (Fri 12-26) is frozen until Mon 2032-01-05.
    let v = when(&cfg, "2031-12-19T10:00");
    assert_eq!(region_dates(&v)[0], "2032-01-05");
    assert_eq!(
        reasons(&v, "testing", "2031-12-22"),
        [kind_name("freeze", "Year end")]
    );
    assert_eq!(
        reasons(&v, "testing", "2032-01-02"),
        [kind_name("freeze", "Year end")]
    );
}

// ---------------------------------------------------------------------------------------------
// Errors: exit code 2, naming the file, line and column

/// Runs `holidays` on a configuration importing `ics` as its calendar; asserts exit 2 with
/// `h.ics:line:col:` and the needles.
fn holiday_error(ics: &str, line: usize, col: usize, needles: &[&str]) -> String {
    let cfg = holiday_config(ics);
    let run = with_config(&cfg, &["holidays", "--year", "2027"]);
    let place = at(&cfg, "h.ics", line, col);
    let mut all = vec![place.as_str()];
    all.extend_from_slice(needles);
    run.fails(2, &all).to_string()
}

#[test]
fn unterminated_vevent_names_its_begin_line() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270405\r\n";
    holiday_error(text, 3, 1, &["BEGIN:VEVENT on line 3 is never closed"]);
    // The calendar itself unterminated.
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n";
    holiday_error(text, 1, 1, &["BEGIN:VCALENDAR on line 1 is never closed"]);
}

#[test]
fn end_that_does_not_match_its_begin_is_an_error() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270405\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
    holiday_error(
        text,
        4,
        1,
        &["END:VTODO where BEGIN:VEVENT on line 2 is still open"],
    );
    let text = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VEVENT\r\n";
    holiday_error(text, 3, 1, &["END:VEVENT without a BEGIN:VEVENT"]);
}

#[test]
fn bad_dtstart_dates_are_errors_at_their_line() {
    for value in [
        "DTSTART;VALUE=DATE:20270230",
        "DTSTART:2027-04-05",
        "DTSTART:20271305T090000Z",
    ] {
        let text = cal(&[&format!("UID:1\nSUMMARY:x\n{value}")]);
        let err = holiday_error(&text, 7, 1, &["DTSTART:"]);
        assert!(err.contains("is not a date"), "{value}: {err}");
    }
    // DTEND and DURATION too.
    let text = cal(&["UID:1\nDTSTART;VALUE=DATE:20270405\nDTEND;VALUE=DATE:20270431"]);
    holiday_error(&text, 7, 1, &["DTEND:20270431"]);
    let text = cal(&["UID:1\nDTSTART;VALUE=DATE:20270405\nDURATION:1D"]);
    holiday_error(&text, 7, 1, &["DURATION:1D is not a duration"]);
    // An end before the start.
    let text = cal(&["UID:1\nDTSTART;VALUE=DATE:20270405\nDTEND;VALUE=DATE:20270403"]);
    holiday_error(&text, 7, 1, &["on or before the day it starts"]);
}

#[test]
fn event_without_dtstart_is_an_error_at_its_begin() {
    let text = cal(&["UID:1\nSUMMARY:No start"]);
    holiday_error(&text, 4, 1, &["no DTSTART"]);
}

#[test]
fn timed_event_as_holiday_is_refused_with_the_reason() {
    let text = cal(&["UID:1\nSUMMARY:Standup\nDTSTART:20270405T090000Z\nDURATION:PT15M"]);
    holiday_error(
        &text,
        7,
        1,
        &[
            "\"Standup\" is a timed event",
            "holidays are whole days",
            "[[freeze]] ics",
        ],
    );
    // Midnight to midnight is the days it covers (as Outlook writes all-day events), but a
    // day that starts at another time is not.
    let text = cal(&[
        "UID:1\nDTSTART;TZID=Europe/Paris:20270405T000000\nDTEND;TZID=Europe/Paris:20270406T120000",
    ]);
    holiday_error(&text, 6, 1, &["timed event"]);
}

#[test]
fn unsupported_rrules_and_recurrence_properties_are_errors_at_their_line() {
    let cases = [
        (
            "RRULE:FREQ=MONTHLY",
            "FREQ=MONTHLY recurs more often than once a year",
        ),
        (
            "RRULE:FREQ=YEARLY;BYDAY=4TH;BYMONTH=11",
            "BYDAY is not one of its parts",
        ),
        ("RRULE:FREQ=YEARLY;INTERVAL=2", "INTERVAL"),
        ("RRULE:FREQ=YEARLY;BYMONTH=5", "another month or day"),
        ("RRULE:FREQ=YEARLY;COUNT=0", "COUNT=0"),
        ("RRULE:COUNT=2", "no FREQ"),
        ("EXDATE;VALUE=DATE:20280405", "EXDATE is not supported"),
        ("RDATE;VALUE=DATE:20280405", "RDATE is not supported"),
        (
            "RECURRENCE-ID;VALUE=DATE:20270405",
            "RECURRENCE-ID is not supported",
        ),
    ];
    for (line, why) in cases {
        let text = cal(&[&format!(
            "UID:1\nDTSTART;VALUE=DATE:20270405\nSUMMARY:x\n{line}"
        )]);
        holiday_error(&text, 8, 1, &[why]);
    }
}

#[test]
fn ics_with_from_until_or_every_is_refused_at_the_key() {
    for (key, value) in [
        ("from", "2027-01-01"),
        ("until", "2027-01-01"),
        ("every", "\"year\""),
    ] {
        let cfg = setup(
            &format!(
                "calendars = []\n\n[[freeze]]\nname = \"Both\"\nics = \"f.ics\"\n{key} = {value}\n"
            ),
            &[("f.ics", &cal(&["UID:1\nDTSTART;VALUE=DATE:20270405"]))],
        );
        let place = format!("{}:6:", cfg.display());
        let remove = format!("remove `{key}`");
        with_config(&cfg, &["when", "--ready", "2027-04-01T10:00"]).fails(2, &[&place, &remove]);
    }
}

#[test]
fn missing_ics_files_are_errors_at_the_configuration() {
    let cfg = setup("calendars = [\"nope.ics\"]\n", &[]);
    let place = format!("{}:1:14:", cfg.display());
    golive(&["config", "check", cfg.to_str().unwrap()])
        .fails(2, &[&place, "cannot read calendar \"nope.ics\""]);
    let cfg = setup("calendars = []\n[[freeze]]\nics = \"gone.ics\"\n", &[]);
    let place = format!("{}:3:7:", cfg.display());
    with_config(&cfg, &["when", "--ready", "2027-04-01T10:00"])
        .fails(2, &[&place, "cannot read freeze calendar \"gone.ics\""]);
}

#[test]
fn files_that_are_not_icalendar_are_refused() {
    holiday_error("", 1, 1, &["not an iCalendar file"]);
    holiday_error("\r\n\r\n", 1, 1, &["not an iCalendar file"]);
    holiday_error("name = \"Company\"\n", 1, 1, &["iCalendar"]);
    holiday_error("SUMMARY:x\r\n", 1, 1, &["outside a calendar"]);
    holiday_error(
        "BEGIN:VEVENT\r\nEND:VEVENT\r\n",
        1,
        1,
        &["starts with BEGIN:VCALENDAR"],
    );
    // Binary garbage: the first byte that is not UTF-8.
    let cfg = setup("calendars = [\"h.ics\"]\n", &[]);
    std::fs::write(
        cfg.parent().unwrap().join("h.ics"),
        b"BEGIN:VCALENDAR\r\n\xff\xfe\x00\x01",
    )
    .unwrap();
    let place = at(&cfg, "h.ics", 2, 1);
    with_config(&cfg, &["holidays", "--year", "2027"]).fails(2, &[&place, "not UTF-8"]);
    // Garbage after the calendar.
    let text = format!(
        "{}garbage\r\n",
        cal(&["UID:1\nDTSTART;VALUE=DATE:20270405"])
    );
    holiday_error(&text, 9, 1, &["iCalendar"]);
}

#[test]
fn freeze_errors_name_the_freeze_file() {
    // Malformed freeze files are located in the freeze file.
    let cfg = freeze_config(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20270405T250000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "",
    );
    let place = at(&cfg, "f.ics", 3, 1);
    with_config(&cfg, &["when", "--ready", "2027-04-01T10:00"])
        .fails(2, &[&place, "DTSTART:20270405T250000Z"]);
    // A timed event without an end freezes nothing; the error points at its DTSTART.
    let cfg = freeze_config(&cal(&["UID:1\nSUMMARY:Blip\nDTSTART:20270405T090000Z"]), "");
    let place = at(&cfg, "f.ics", 7, 1);
    with_config(&cfg, &["when", "--ready", "2027-04-01T10:00"])
        .fails(2, &[&place, "\"Blip\" ends when it starts"]);
    // An unknown zone.
    let cfg = freeze_config(
        &cal(&["UID:1\nDTSTART;TZID=Mars/Olympus:20270405T090000\nDURATION:PT1H"]),
        "",
    );
    let place = at(&cfg, "f.ics", 6, 1);
    with_config(&cfg, &["when", "--ready", "2027-04-01T10:00"])
        .fails(2, &[&place, "TZID \"Mars/Olympus\""]);
}

// ---------------------------------------------------------------------------------------------
// Regressions: each test below failed on the bug its comment describes, until it was fixed.

/// RFC 5545 3.3.5 and 3.8.5.3: a recurring `TZID` date-time recurs at that local time in that
/// zone. A yearly freeze at noon New York time, written in winter (EST, -05:00), must hold
/// noon EDT (-04:00) in years where March 12 is already summer time. golive keeps the first
/// year's offset, so in 2031 the window is an hour late and misses 09:00 PDT.
#[test]
fn regression_yearly_tzid_freeze_keeps_the_first_years_utc_offset() {
    let cfg = freeze_config(
        &cal(&[
            "UID:1\nDTSTART;TZID=America/New_York:20270312T115900\nDTEND;TZID=America/New_York:20270312T120100\nRRULE:FREQ=YEARLY\nSUMMARY:NY noon",
        ]),
        "",
    );
    // 2027-03-12 (EST): held, correctly.
    let v = when(&cfg, "2027-03-03T10:00");
    assert_eq!(
        reasons(&v, "au-uk-us", "2027-03-12"),
        [kind_name("freeze", "NY noon")]
    );
    // 2031-03-12 is a Wednesday after the DST switch: 12:00 EDT is 09:00 PDT, Europe's deploy.
    let v = when(&cfg, "2031-03-05T10:00");
    assert_eq!(
        reasons(&v, "europe", "2031-03-12"),
        [kind_name("freeze", "NY noon")],
        "dates {:?}",
        region_dates(&v)
    );
}

/// RFC 5545 3.3.10: UNTIL bounds the start of each occurrence as an instant. For a timed
/// event, UNTIL=20320312T145959Z (06:59:59 PST) comes before the 2032 occurrence (08:00 PST),
/// so there is none in 2032. golive compares only UNTIL's date and keeps it.
#[test]
fn regression_rrule_until_date_time_is_compared_as_a_date() {
    let cfg = freeze_config(
        &cal(&[
            "UID:1\nDTSTART;TZID=America/Los_Angeles:20310312T080000\nDTEND;TZID=America/Los_Angeles:20310312T100000\nRRULE:FREQ=YEARLY;UNTIL=20320312T145959Z\nSUMMARY:Until test",
        ]),
        "",
    );
    let v = when(&cfg, "2031-03-05T10:00");
    assert_eq!(
        reasons(&v, "europe", "2031-03-12"),
        [kind_name("freeze", "Until test")]
    );
    let v = when(&cfg, "2032-03-03T10:00");
    assert_eq!(
        reasons(&v, "au-uk-us", "2032-03-12"),
        Vec::<(String, String)>::new(),
        "dates {:?}",
        region_dates(&v)
    );
    assert_eq!(region_dates(&v)[5], "2032-03-12");
}

/// RFC 5545 3.3.6 / 3.8.2.5: hours, minutes and seconds in a DURATION are exact time, days
/// and weeks nominal. PT72H from Fri 2027-03-12 09:00 PST ends Mon 03-15 10:00 PDT (72 real
/// hours over the spring-forward), so Monday's 09:00 PDT deploy is still frozen. golive adds
/// 72 hours of wall-clock time and ends the freeze at 09:00 PDT.
#[test]
fn regression_duration_in_hours_is_added_as_wall_clock_time_across_dst() {
    let cfg = freeze_config(
        &cal(&[
            "UID:1\nDTSTART;TZID=America/Los_Angeles:20270312T090000\nDURATION:PT72H\nSUMMARY:Three real days",
        ]),
        "",
    );
    let v = when(&cfg, "2027-03-03T10:00");
    assert_eq!(
        reasons(&v, "au-uk-us", "2027-03-15"),
        [kind_name("freeze", "Three real days")],
        "dates {:?}",
        region_dates(&v)
    );
    // P3D is nominal: it ends at 09:00 PDT on Monday, which is then free.
    let cfg = freeze_config(
        &cal(&[
            "UID:1\nDTSTART;TZID=America/Los_Angeles:20270312T090000\nDURATION:P3D\nSUMMARY:Three days",
        ]),
        "",
    );
    assert_eq!(
        region_dates(&when(&cfg, "2027-03-03T10:00"))[5],
        "2027-03-15"
    );
}

/// Events without SUMMARY are named "holiday on line N" (or "freeze on line N"), and N is
/// counted from the start of the file for every event: quadratic. 8,000 such events (a 500 KB
/// file) take over ten seconds in a debug build; 100,000 did not finish in two minutes.
#[test]
fn regression_events_without_summary_take_quadratic_time() {
    let mut events = String::new();
    for i in 0..8_000 {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        events.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:{i}\r\nDTSTART;VALUE=DATE:2027{month:02}{day:02}\r\nEND:VEVENT\r\n"
        ));
    }
    let text = format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n");
    for cfg in [holiday_config(&text), freeze_config(&text, "")] {
        let path = cfg.to_str().unwrap();
        let run = run_within(&["config", "check", path], Duration::from_secs(3));
        let run = run.unwrap_or_else(|| panic!("config check {path} took over 3 s"));
        run.ok();
    }
}

/// A yearly event with COUNT or UNTIL becomes one freeze per year, each with its own copy of
/// the name and scope: 4,000 events with COUNT=400 (a 400 KB file) make 1.2 million freezes
/// and need over 250 MB; 20,000 (2 MB) took 1.3 GB and 30 s. A yearly freeze with a last
/// year would be one value per event.
#[cfg(target_os = "linux")]
#[test]
fn regression_yearly_freezes_with_count_expand_into_a_freeze_per_year() {
    let mut events = String::new();
    for i in 0..4_000 {
        events.push_str(&format!(
            "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:19000101\r\nRRULE:FREQ=YEARLY;COUNT=400\r\nSUMMARY:Y{i}\r\nEND:VEVENT\r\n"
        ));
    }
    let cfg = freeze_config(&format!("BEGIN:VCALENDAR\r\n{events}END:VCALENDAR\r\n"), "");
    // 128 MB of address space is plenty for golive on a small input (it runs in 32 MB).
    let script = format!(
        "ulimit -v 131072; exec \"$0\" --config '{}' when --ready 2027-04-01T10:00 --format json",
        cfg.display()
    );
    let out = Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_golive")])
        .env_remove("GOLIVE_CONFIG")
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit {code:?} (killed or aborted: out of memory?): {}",
        String::from_utf8_lossy(&out.stderr)
            .chars()
            .take(300)
            .collect::<String>()
    );
}

/// RFC 5545 3.2: a parameter may hold several values, each quoted when it has ':' or ';'
/// (`DELEGATED-TO="mailto:a","mailto:b"`, `MEMBER=...`). golive reads only one quoted value
/// and refuses the line, so a calendar with such an attendee cannot be imported.
#[test]
fn regression_multi_valued_quoted_parameter_is_refused() {
    let cfg = holiday_config(&cal(&[
        "UID:1\nDTSTART;VALUE=DATE:20270405\nSUMMARY:Offsite\nATTENDEE;DELEGATED-TO=\"mailto:a@x.org\",\"mailto:b@x.org\";CN=C:mailto:c@x.org",
    ]));
    assert_eq!(
        holidays(&cfg, 2027, 2027),
        pairs(&[("2027-04-05", "Offsite")])
    );
}

/// Cancelled events are skipped, but one carrying RECURRENCE-ID, EXDATE or a rule golive does
/// not read is refused before its STATUS is looked at. Google Calendar writes every deleted
/// instance of a recurring event as exactly such a cancelled event with a RECURRENCE-ID.
#[test]
fn regression_cancelled_event_is_refused_for_properties_it_would_skip() {
    let cfg = holiday_config(&cal(&[
        "UID:r@google.com\nRECURRENCE-ID;VALUE=DATE:20270412\nDTSTART;VALUE=DATE:20270412\nSTATUS:CANCELLED\nSUMMARY:Deleted instance",
        "UID:w@google.com\nDTSTART;TZID=America/Los_Angeles:20270610T140000\nDTEND;TZID=America/Los_Angeles:20270610T150000\nRRULE:FREQ=WEEKLY;BYDAY=TH\nSTATUS:CANCELLED\nSUMMARY:Weekly sync",
        "UID:k\nDTSTART;VALUE=DATE:20270405\nSUMMARY:Kept",
    ]));
    assert_eq!(holidays(&cfg, 2027, 2027), pairs(&[("2027-04-05", "Kept")]));
}

/// Outlook and Exchange also write all-day events as midnight-to-midnight times in the
/// calendar's zone, flagged X-MICROSOFT-CDO-ALLDAYEVENT:TRUE. A user importing Outlook's
/// holidays expects those days, not "is a timed event".
#[test]
fn regression_outlook_all_day_event_written_as_midnight_times_is_refused() {
    let text = OUTLOOK
        .replace(
            "DTEND;VALUE=DATE:20261125",
            "DTEND;TZID=\"Pacific Standard Time\":20261125T000000",
        )
        .replace(
            "DTSTART;VALUE=DATE:20261123",
            "DTSTART;TZID=\"Pacific Standard Time\":20261123T000000",
        );
    let cfg = holiday_config(&text.replace('\n', "\r\n"));
    let got = holidays(&cfg, 2026, 2026);
    assert_eq!(
        got[..2],
        pairs(&[
            ("2026-11-23", "Contoso Thanksgiving Week"),
            ("2026-11-24", "Contoso Thanksgiving Week"),
        ])
    );
}

/// Outlook writes Windows zone names. golive maps fifteen of them; "US Mountain Standard
/// Time" (Arizona), "Hawaiian Standard Time", "Alaskan Standard Time", "Atlantic Standard
/// Time", "Korea Standard Time", ... are refused, although the file's VTIMEZONE (RFC 5545
/// 3.6.5, which every TZID must name) defines them.
#[test]
fn regression_common_windows_zone_names_are_refused() {
    let vtimezone = "BEGIN:VTIMEZONE\nTZID:US Mountain Standard Time\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETFROM:-0700\nTZOFFSETTO:-0700\nEND:STANDARD\nEND:VTIMEZONE\n";
    let text = cal(&[
        "UID:1\nDTSTART;TZID=\"US Mountain Standard Time\":20270407T085900\nDTEND;TZID=\"US Mountain Standard Time\":20270407T090100\nSUMMARY:Phoenix window",
    ])
    .replace(
        "PRODID:-//golive tests//EN\r\n",
        &format!("PRODID:-//golive tests//EN\r\n{}", vtimezone.replace('\n', "\r\n")),
    );
    let cfg = freeze_config(&text, "");
    // 09:00 in Phoenix (MST all year) is 09:00 PDT: Europe's Wednesday deploy is held.
    let v = when(&cfg, "2027-03-31T10:00");
    assert_eq!(
        reasons(&v, "europe", "2027-04-07"),
        [kind_name("freeze", "Phoenix window")]
    );
}

/// RFC 5545 3.8.2.5 / 3.8.2.2: a yearly event keeps its length. Three days from Sat
/// 2027-02-27 (27, 28, Mar 1) recur in 2028 as Feb 27, 28 and 29. golive repeats each
/// month-day instead: Feb 27, 28 and Mar 1 in 2028, skipping Feb 29. (As a freeze the same
/// event covers Feb 27 to Mar 1 2028, four days.)
#[test]
fn regression_multi_day_yearly_event_over_february_loses_its_length() {
    let cfg = holiday_config(&cal(&[
        "UID:1\nDTSTART;VALUE=DATE:20270227\nDTEND;VALUE=DATE:20270302\nRRULE:FREQ=YEARLY;COUNT=2\nSUMMARY:Three days",
    ]));
    assert_eq!(
        holidays(&cfg, 2028, 2028),
        pairs(&[
            ("2028-02-27", "Three days"),
            ("2028-02-28", "Three days"),
            ("2028-02-29", "Three days"),
        ])
    );
}

/// RFC 5545 3.8.2.5: with a DATE DTSTART, DURATION must be in days or weeks. PT36H is
/// silently read as one day (and PT12H reports "ends before it starts").
#[test]
fn regression_hour_duration_on_all_day_event_is_silently_truncated() {
    let text = cal(&["UID:1\nDTSTART;VALUE=DATE:20270405\nSUMMARY:x\nDURATION:PT36H"]);
    holiday_error(&text, 8, 1, &["DURATION"]);
}

/// RFC 5545 3.6.1: DURATION occurs at most once. DTSTART, DTEND and RRULE given twice are
/// refused; a second DURATION silently replaces the first.
#[test]
fn regression_duration_given_twice_is_silently_replaced() {
    let text = cal(&["UID:1\nDTSTART;VALUE=DATE:20270405\nDURATION:P1D\nDURATION:P3D"]);
    holiday_error(&text, 8, 1, &["DURATION is given twice"]);
}

/// Errors elsewhere cut a shown value to 60 characters, but END/BEGIN kinds, DURATION,
/// SEQUENCE and RRULE parts are printed whole: a 100 KB value makes a 100 KB error message.
#[test]
fn regression_errors_print_huge_values_whole() {
    let x = "x".repeat(100_000);
    let texts = [
        format!("BEGIN:VCALENDAR\r\nEND:{x}\r\n"),
        format!("BEGIN:{x}\r\n"),
        cal(&[&format!("DTSTART;VALUE=DATE:20270405\nDURATION:P{x}")]),
        cal(&[&format!("DTSTART;VALUE=DATE:20270405\nSEQUENCE:{x}")]),
        cal(&[&format!(
            "DTSTART;VALUE=DATE:20270405\nRRULE:FREQ=YEARLY;COUNT={x}"
        )]),
        cal(&[&format!("DTSTART;VALUE=DATE:20270405\nRRULE:FREQ={x}")]),
    ];
    for text in texts {
        let cfg = holiday_config(&text);
        let run = with_config(&cfg, &["holidays", "--year", "2027"]);
        let err = run.fails(2, &["h.ics:"]);
        assert!(err.len() < 2_000, "{} bytes: {}...", err.len(), &err[..200]);
    }
}

/// The error report shows the lines around the offending one, whole: an error on a short line
/// next to a 100 KB SUMMARY prints 100 KB (the report already drops the snippet when the
/// offending line itself is long).
#[test]
fn regression_error_snippet_prints_a_huge_neighbouring_line() {
    let x = "x".repeat(100_000);
    let text = cal(&[&format!("UID:1\nDTSTART:20270405T090000Z\nSUMMARY:{x}")]);
    let cfg = holiday_config(&text);
    let run = with_config(&cfg, &["holidays", "--year", "2027"]);
    let err = run.fails(2, &["timed event"]);
    assert!(err.len() < 2_000, "{} bytes", err.len());
}

/// RFC 5545 3.1: a line is folded every 75 octets, and "it is possible for very simple
/// implementations to generate improperly folded lines in the middle of a UTF-8 multi-octet
/// sequence. For this reason, implementations need to unfold lines in such a way to properly
/// restore the original sequence." golive decodes UTF-8 before unfolding and refuses the
/// file at the split byte.
#[test]
fn regression_fold_inside_a_utf8_character_is_refused() {
    let cfg = setup("calendars = [\"h.ics\"]\n", &[]);
    std::fs::write(
        cfg.parent().unwrap().join("h.ics"),
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270714\r\nSUMMARY:F\xc3\r\n \xaate nationale\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    assert_eq!(
        holidays(&cfg, 2027, 2027),
        pairs(&[("2027-07-14", "F\u{ea}te nationale")])
    );
}

/// src/ics.rs promises that anything the reader does not understand is an error, never
/// silently skipped; RFC 5545 3.4/3.6 puts VEVENT directly in VCALENDAR. A VEVENT inside
/// another VEVENT, or inside an X- component, is dropped without a word.
#[test]
fn regression_vevent_nested_in_another_component_is_silently_skipped() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270406\r\nSUMMARY:Outer\r\n\
        BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270407\r\nSUMMARY:Inner\r\nEND:VEVENT\r\n\
        END:VEVENT\r\nEND:VCALENDAR\r\n";
    holiday_error(text, 5, 1, &["VEVENT"]);
}

/// `config show` writes a yearly .ics freeze with COUNT or UNTIL as the windows it makes,
/// one TOML freeze per year, so that the configuration it prints means the same; one
/// without an end stays `every = "year"`.
#[test]
fn config_show_writes_counted_yearly_freezes_as_their_windows() {
    let cfg = freeze_config(
        &cal(&[
            "UID:c\nDTSTART;VALUE=DATE:20261224\nDTEND;VALUE=DATE:20261228\nRRULE:FREQ=YEARLY;COUNT=3\nSUMMARY:Counted",
            "UID:t\nDTSTART:20270405T090000Z\nDTEND:20270405T170000Z\nRRULE:FREQ=YEARLY;UNTIL=20280501T000000Z\nSUMMARY:Timed",
            "UID:f\nDTSTART;VALUE=DATE:20270311\nRRULE:FREQ=YEARLY\nSUMMARY:Forever",
            // Keeps its 14 days; `every = "year"` would move its end to March 6 in 2028.
            "UID:g\nDTSTART;VALUE=DATE:20270220\nDTEND;VALUE=DATE:20270306\nRRULE:FREQ=YEARLY\nSUMMARY:Over February",
            // Began before 1900: only its windows from 1900 on are written.
            "UID:o\nDTSTART;VALUE=DATE:16011220\nDTEND;VALUE=DATE:16011224\nRRULE:FREQ=YEARLY;COUNT=500\nSUMMARY:Old",
        ]),
        "",
    );
    let shown = with_config(&cfg, &["config", "show"]).ok().to_string();
    assert!(
        shown.contains("from = 2028-02-20\nname = \"Over February\"\nuntil = 2028-03-04"),
        "{shown}"
    );
    assert_eq!(
        shown.matches("name = \"Old\"").count(),
        2100 - 1900 + 1,
        "{shown}"
    );
    let counted = shown.matches("name = \"Counted\"").count();
    assert_eq!(counted, 3, "{shown}");
    assert!(
        shown.contains("from = 2028-12-24\nname = \"Counted\"\nuntil = 2028-12-27"),
        "{shown}"
    );
    assert!(
        shown.contains("from = 2028-04-05T09:00:00+00:00"),
        "{shown}"
    );
    assert_eq!(shown.matches("every = \"year\"").count(), 1, "{shown}");
    // Read back, it passes the checks and gives the same calendar.
    let again = temp_file("shown.toml", &shown);
    golive(&["config", "check", again.to_str().unwrap()]).ok();
    let feed = |c: &Path| {
        let out = with_config(
            c,
            &[
                "trains",
                "--from",
                "2026-11-01",
                "--until",
                "2030-12-31",
                "--format",
                "json",
            ],
        );
        out.ok().to_string()
    };
    assert_eq!(feed(&cfg), feed(&again));
}

/// A yearly holiday that began before 1900 (Outlook starts some in 1601) counts from the
/// supported years; a one-off day outside them is refused, as is a freeze whose year is a
/// typo.
#[test]
fn ancient_yearly_events_count_and_typo_years_are_refused() {
    let cfg = holiday_config(&cal(&[
        "UID:x\nDTSTART;VALUE=DATE:16011225\nRRULE:FREQ=YEARLY\nSUMMARY:Since 1601",
        "UID:y\nDTSTART;VALUE=DATE:16010704\nRRULE:FREQ=YEARLY;COUNT=5\nSUMMARY:Over long ago",
    ]));
    let all = holidays(&cfg, 2027, 2027);
    assert_eq!(all, pairs(&[("2027-12-25", "Since 1601")]));
    let cfg = holiday_config(&cal(&["UID:z\nDTSTART;VALUE=DATE:16011225\nSUMMARY:Once"]));
    with_config(&cfg, &["holidays", "--year", "2027"]).fails(2, &["outside the supported years"]);
    let cfg = freeze_config(
        &cal(&["UID:t\nDTSTART;VALUE=DATE:02271220\nDTEND;VALUE=DATE:02280104\nSUMMARY:Typo"]),
        "",
    );
    golive(&["config", "check", cfg.to_str().unwrap()]).fails(
        2,
        &[
            &at(&cfg, "f.ics", 6, 1),
            "\"Typo\" ends in 0228, before the years golive's calendars cover",
        ],
    );
}

/// One .ics holiday calendar may list at most 1,000,000 days off over the supported years,
/// so that a generated file of year-long events cannot make golive hold millions of rules or
/// list tens of millions of days.
#[test]
fn holiday_calendars_are_bounded() {
    // Yearly events count every year they occur in: 20 events of a year each, forever.
    let yearly = |i: usize| {
        format!(
            "UID:{i}\nDTSTART;VALUE=DATE:20270101\nDTEND;VALUE=DATE:20280101\nRRULE:FREQ=YEARLY\nSUMMARY:Year {i}"
        )
    };
    let events: Vec<String> = (0..20).map(yearly).collect();
    let refs: Vec<&str> = events.iter().map(String::as_str).collect();
    let cfg = holiday_config(&cal(&refs));
    with_config(&cfg, &["holidays", "--year", "2027"]).fails(
        2,
        &[
            "\"Year 15\"",
            "this calendar lists more than 1000000 days off from 1900 to 2200",
        ],
    );
}
