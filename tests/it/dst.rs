//! Time edges: DST transitions 1990-2100, far-away zones, leap days.
//!
//! The spring-forward and fall-back days of America/Los_Angeles are found here by scanning
//! every day from 1990 to 2099 with chrono-tz (and checked against the US rule of each era),
//! never taken from golive, and every expected instant is written out as RFC 3339 text. At
//! every transition the tests check SPEC's time rules: a cutoff is the nominal start minus 24
//! *elapsed* hours (so a Sunday train's Saturday cutoff is at 08:00 or 10:00 local across a
//! transition); a deploy instant is the deploy time that day (a configured time in the
//! spring-forward gap is the first instant after the gap, one in the fall-back fold the earlier
//! instant); a typed local time in the gap is shifted forward by the gap's length and one in the
//! fold is the earlier instant (README "Choices"); readiness exactly at a cutoff rides the train
//! and one second later does not (rule 1). Readiness written in UTC+14 and UTC-12 (as offsets
//! and through `--tz`) must ride the same train as the same instant written in UTC. February 29
//! is checked for readiness, yearly freezes and the horizon; 2100 is refused.
//!
//! The loops over 110 years go through the library; a few cases per area go through the CLI.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, LocalResult, NaiveDate, Offset, TimeZone, Utc,
    Weekday,
};
use chrono_tz::Tz;
use golive::{
    Config, ErrorKind, Layer, ReasonKind, Rollout, Scheduler, Source, Train, TrainLimit, TypedTime,
    check_year,
};

use crate::harness::{golive, region_dates, temp_file, with_config};

const LA: Tz = chrono_tz::America::Los_Angeles;
const NEW_YORK: Tz = chrono_tz::America::New_York;
/// UTC+14 today (UTC-10 until it skipped 1994-12-31).
const KIRITIMATI: Tz = chrono_tz::Pacific::Kiritimati;
/// UTC-12 (POSIX signs: "GMT+12" is twelve hours behind).
const GMT_PLUS_12: Tz = chrono_tz::Etc::GMTPlus12;
/// The years golive answers for that the DST loops cover.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2099;

/// A configuration whose trains leave on Sundays, the day US transitions happen, and on which
/// every day is a working day, so that trains start on the transition days themselves.
const SUNDAY: &str = "start_weekday = \"sunday\"\nweekend = []\n";

/// Los Angeles' spring-forward and fall-back days in one year.
#[derive(Debug, Clone, Copy)]
struct Dst {
    spring: NaiveDate,
    fall: NaiveDate,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("no date {y}-{m}-{d}"))
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// Los Angeles' UTC offset in seconds at 20:00 UTC on `d` (noon PST, 13:00 PDT): after a
/// transition on that day (they happen at 02:00 local), before any on the next.
fn offset_after(d: NaiveDate) -> i32 {
    let t = d.and_hms_opt(20, 0, 0).expect("a time");
    LA.offset_from_utc_datetime(&t).fix().local_minus_utc()
}

/// Every year's transitions, found by comparing each day's offset with the day before's.
fn dst() -> &'static BTreeMap<i32, Dst> {
    static TABLE: OnceLock<BTreeMap<i32, Dst>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut found: BTreeMap<i32, (Vec<NaiveDate>, Vec<NaiveDate>)> = BTreeMap::new();
        let mut before = offset_after(day(*YEARS.start() - 1, 12, 31));
        for d in day(*YEARS.start(), 1, 1)
            .iter_days()
            .take_while(|d| d.year() <= *YEARS.end())
        {
            let now = offset_after(d);
            let (spring, fall) = found.entry(d.year()).or_default();
            if now > before {
                spring.push(d);
            } else if now < before {
                fall.push(d);
            }
            before = now;
        }
        YEARS
            .map(|y| {
                let (spring, fall) = found.remove(&y).unwrap_or_default();
                assert!(
                    spring.len() == 1 && fall.len() == 1,
                    "{y}: expected one spring-forward and one fall-back day, found {spring:?} and {fall:?}"
                );
                (
                    y,
                    Dst {
                        spring: spring[0],
                        fall: fall[0],
                    },
                )
            })
            .collect()
    })
}

/// Whether 09:00 on `d` is daylight time in Los Angeles, by the scanned table.
fn pacific(d: NaiveDate) -> &'static str {
    let summer = dst()
        .get(&d.year())
        .is_some_and(|t| t.spring <= d && d < t.fall);
    if summer { "-07:00" } else { "-08:00" }
}

/// `time` on `d` with `offset`, as RFC 3339.
fn at(d: NaiveDate, time: &str, offset: &str) -> String {
    format!("{d}T{time}{offset}")
}

/// 09:00 Pacific on `d`, with the offset in force.
fn nine(d: NaiveDate) -> String {
    at(d, "09:00:00", pacific(d))
}

fn instant(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// What a user types, read as golive reads `--ready` (local times in `zone`).
fn typed(text: &str, zone: Tz) -> DateTime<FixedOffset> {
    text.parse::<TypedTime>()
        .map(|t| t.in_zone(zone))
        .unwrap_or_else(|e| panic!("{text} in {zone}: {e}"))
}

/// `text` over the default, without the default's announced freezes (these tests are about
/// daylight saving, in every year, and count trains a freeze would move).
fn load(text: &str) -> Config {
    let text = match text.contains("[[freeze]]") {
        true => text.to_string(),
        false => format!("freeze = []\n{text}"),
    };
    let layer = Layer {
        source: Source::new("dst.toml", text.as_str()),
        dir: None,
    };
    Config::load(&[layer], &|p: &Path| std::fs::read(p)).unwrap_or_else(|e| panic!("{text}\n{e}"))
}

/// A scheduler for readiness anywhere in 1990-2099.
fn all_years(config: &Config) -> Scheduler<'_> {
    Scheduler::new(config)
}

/// The train scheduled on `nominal` (which must not have merged with another).
fn train(s: &Scheduler<'_>, nominal: NaiveDate) -> Train {
    let runs = s
        .trains(nominal, TrainLimit::Count(1))
        .unwrap_or_else(|e| panic!("the train of {nominal}: {e}"));
    assert_eq!(runs[0].nominal_days, [nominal], "the train of {nominal}");
    runs[0].train.clone()
}

fn ride<'c>(s: &Scheduler<'c>, ready: DateTime<FixedOffset>) -> Rollout<'c> {
    s.rollout(ready)
        .unwrap_or_else(|e| panic!("ready {}: {e}", ready.to_rfc3339()))
}

/// The scheduled day of the train a connector ready at `ready` rides.
fn rides(s: &Scheduler<'_>, ready: DateTime<FixedOffset>) -> NaiveDate {
    ride(s, ready).train().nominal_start.date_naive()
}

/// Checks trains given as (scheduled day, nominal start, cutoff), each starting on its
/// scheduled day: their instants, and that readiness exactly at the cutoff rides the train
/// while a second later rides the next week's.
fn check_trains(s: &Scheduler<'_>, year: i32, cases: &[(NaiveDate, String, String)]) {
    for (nominal, start, cutoff) in cases {
        let t = train(s, *nominal);
        let what = format!("{year}: the train of {nominal}");
        assert_eq!(
            t.nominal_start.to_rfc3339(),
            *start,
            "{what}: nominal start"
        );
        assert_eq!(t.cutoff.to_rfc3339(), *cutoff, "{what}: cutoff");
        assert_eq!(
            t.nominal_start - t.cutoff,
            Duration::hours(24),
            "{what}: 24 elapsed hours"
        );
        let first = s.calendar().config().first_region();
        if s.calendar().is_deploy_day(first, *nominal) {
            assert_eq!(t.start, *nominal, "{what}: start day");
            assert_eq!(t.start_at.to_rfc3339(), *start, "{what}: start instant");
        } else {
            // A holiday on the Sunday (Veterans Day 2007-11-11) moves the train on.
            let reasons = s.calendar().reasons(first, *nominal);
            assert!(t.start > *nominal, "{what}: {reasons:?}");
            assert_eq!(reasons[0].kind, ReasonKind::Holiday, "{what}");
        }
        let c = instant(cutoff);
        assert_eq!(rides(s, c), *nominal, "{what}: ready exactly at {cutoff}");
        assert_eq!(
            rides(s, c + Duration::seconds(1)),
            *nominal + days(7),
            "{what}: ready a second after {cutoff}"
        );
    }
}

/// The scanned transitions are Sundays, follow the US rule of their era (first Sunday of April
/// and last Sunday of October to 2006; second Sunday of March and first Sunday of November
/// from 2007) and open a 02:00-03:00 gap and a 01:00-02:00 fold; 2100 has none in chrono-tz,
/// which is why golive refuses it.
#[test]
fn transitions_found_by_scanning_follow_the_us_rules() {
    let nth_sunday = |y: i32, m: u32, n: u32| {
        NaiveDate::from_weekday_of_month_opt(y, m, Weekday::Sun, n as u8).expect("a Sunday")
    };
    let last_sunday_of_october = |y: i32| {
        let d = day(y, 10, 31);
        d - days(i64::from(d.weekday().num_days_from_sunday()))
    };
    assert_eq!(dst().len(), 110);
    for (&y, t) in dst() {
        let (spring, fall) = if y <= 2006 {
            (nth_sunday(y, 4, 1), last_sunday_of_october(y))
        } else {
            (nth_sunday(y, 3, 2), nth_sunday(y, 11, 1))
        };
        assert_eq!((t.spring, t.fall), (spring, fall), "{y}");
        let local =
            |d: NaiveDate, h: u32, m: u32| LA.from_local_datetime(&d.and_hms_opt(h, m, 0).unwrap());
        assert!(
            matches!(local(spring, 1, 59), LocalResult::Single(_)),
            "{y}"
        );
        assert!(matches!(local(spring, 2, 0), LocalResult::None), "{y}");
        assert!(matches!(local(spring, 2, 59), LocalResult::None), "{y}");
        assert!(matches!(local(spring, 3, 0), LocalResult::Single(_)), "{y}");
        assert!(matches!(local(fall, 0, 59), LocalResult::Single(_)), "{y}");
        assert!(
            matches!(local(fall, 1, 0), LocalResult::Ambiguous(..)),
            "{y}"
        );
        assert!(
            matches!(local(fall, 1, 59), LocalResult::Ambiguous(..)),
            "{y}"
        );
        assert!(matches!(local(fall, 2, 0), LocalResult::Single(_)), "{y}");
    }
    assert_eq!(
        offset_after(day(2100, 7, 1)),
        -8 * 3600,
        "chrono-tz has DST in 2100"
    );
}

/// With the default configuration (Friday trains, cutoff Thursday), no cutoff window contains
/// a transition: every nominal start, cutoff, start and region deploy instant from 1990 to
/// 2099 is 09:00 local with the offset in force that day, and the train scheduled on the
/// Friday before each transition deploys on both sides of it.
#[test]
fn default_trains_are_at_09_00_pacific_every_day_from_1990_to_2099() {
    let c = Config::embedded().unwrap();
    let s = all_years(&c);
    let runs = s
        .trains(day(1990, 1, 1), TrainLimit::Until(day(2099, 12, 31)))
        .unwrap();
    assert!(runs.len() > 5_600, "only {} trains", runs.len());
    assert!(runs.last().unwrap().train.start >= day(2099, 12, 1));
    for run in &runs {
        let t = &run.train;
        let nominal = t.nominal_start.date_naive();
        assert_eq!(
            t.nominal_start.to_rfc3339(),
            nine(nominal),
            "train of {nominal}: nominal start"
        );
        assert_eq!(
            t.cutoff.to_rfc3339(),
            nine(nominal - days(1)),
            "train of {nominal}: cutoff"
        );
        assert_eq!(
            t.nominal_start - t.cutoff,
            Duration::hours(24),
            "train of {nominal}"
        );
        assert_eq!(
            t.start_at.to_rfc3339(),
            nine(t.start),
            "train of {nominal}: start"
        );
        for d in &run.dates {
            let deploy = s.calendar().deploy_instant(*d).to_rfc3339();
            assert_eq!(
                deploy,
                nine(*d),
                "train of {nominal}: deploy instant of {d}"
            );
        }
    }
    for (&y, t) in dst() {
        for change in [t.spring, t.fall] {
            let friday = change - days(2);
            let run = runs
                .iter()
                .find(|r| r.nominal_days.contains(&friday))
                .unwrap_or_else(|| panic!("{y}: no train of {friday}"));
            let offsets: BTreeSet<&str> = run.dates.iter().map(|d| pacific(*d)).collect();
            assert_eq!(
                offsets.len(),
                2,
                "{y}: the train of {friday} deploys on both sides of {change}: {:?}",
                run.dates
            );
        }
    }
}

/// Sunday trains: the cutoff 24 elapsed hours before Sunday 09:00 is Saturday 08:00 PST on
/// spring-forward day and Saturday 10:00 PDT on fall-back day (09:00 the weeks around), in
/// every year; readiness at the cutoff rides, a second later does not, also typed as a local
/// time; every region of the transition-day train deploys at 09:00 with that day's offset.
#[test]
fn sunday_cutoffs_are_24_elapsed_hours_across_every_transition() {
    let c = load(SUNDAY);
    let s = all_years(&c);
    for (&y, t) in dst() {
        let (sp, fa) = (t.spring, t.fall);
        let nine_at = |d: NaiveDate, o: &str| at(d, "09:00:00", o);
        check_trains(
            &s,
            y,
            &[
                (
                    sp - days(7),
                    nine_at(sp - days(7), "-08:00"),
                    nine_at(sp - days(8), "-08:00"),
                ),
                (
                    sp,
                    nine_at(sp, "-07:00"),
                    at(sp - days(1), "08:00:00", "-08:00"),
                ),
                (
                    sp + days(7),
                    nine_at(sp + days(7), "-07:00"),
                    nine_at(sp + days(6), "-07:00"),
                ),
                (
                    fa - days(7),
                    nine_at(fa - days(7), "-07:00"),
                    nine_at(fa - days(8), "-07:00"),
                ),
                (
                    fa,
                    nine_at(fa, "-08:00"),
                    at(fa - days(1), "10:00:00", "-07:00"),
                ),
                (
                    fa + days(7),
                    nine_at(fa + days(7), "-08:00"),
                    nine_at(fa + days(6), "-08:00"),
                ),
            ],
        );
        // Typed as wall-clock times in the schedule zone, the day before the transition.
        let (sat_sp, sat_fa) = (sp - days(1), fa - days(1));
        for (text, expected) in [
            (format!("{sat_sp}T08:00"), sp),
            (format!("{sat_sp}T08:00:01"), sp + days(7)),
            (format!("{sat_sp}T09:00"), sp + days(7)),
            (format!("{sat_fa}T09:00:01"), fa),
            (format!("{sat_fa}T10:00"), fa),
            (format!("{sat_fa}T10:00:01"), fa + days(7)),
        ] {
            assert_eq!(
                rides(&s, typed(&text, LA)),
                expected,
                "{y}: ready {text} (Pacific)"
            );
        }
        for nominal in [sp, fa] {
            let run = &s.trains(nominal, TrainLimit::Count(1)).unwrap()[0];
            assert_eq!(
                run.dates[..2],
                [nominal, nominal + days(1)],
                "{y}: train of {nominal}"
            );
            for d in &run.dates {
                let deploy = s.calendar().deploy_instant(*d).to_rfc3339();
                assert_eq!(
                    deploy,
                    nine(*d),
                    "{y}: train of {nominal}: deploy instant of {d}"
                );
            }
        }
    }
}

/// Friday trains with a six-day cutoff: the window crosses the Sunday, so the cutoff of the
/// Friday after a transition is on the Saturday before it at 08:00 PST or 10:00 PDT.
#[test]
fn a_long_cutoff_from_friday_crosses_the_transition() {
    let c = load("cutoff_hours = 144\n");
    let s = all_years(&c);
    for (&y, t) in dst() {
        for (nominal, cutoff) in [
            (
                t.spring - days(2),
                at(t.spring - days(8), "09:00:00", "-08:00"),
            ),
            (
                t.spring + days(5),
                at(t.spring - days(1), "08:00:00", "-08:00"),
            ),
            (t.fall + days(5), at(t.fall - days(1), "10:00:00", "-07:00")),
            (
                t.fall + days(12),
                at(t.fall + days(6), "09:00:00", "-08:00"),
            ),
        ] {
            let train = train(&s, nominal);
            assert_eq!(
                train.nominal_start.to_rfc3339(),
                nine(nominal),
                "{y}: train of {nominal}"
            );
            assert_eq!(
                train.cutoff.to_rfc3339(),
                cutoff,
                "{y}: cutoff of the train of {nominal}"
            );
            let c = instant(&cutoff);
            assert_eq!(rides(&s, c), nominal, "{y}: ready at {cutoff}");
            assert_eq!(
                rides(&s, c + Duration::seconds(1)),
                nominal + days(7),
                "{y}: ready a second after {cutoff}"
            );
        }
    }
}

/// `deploy_time = "02:30"`: on spring-forward day the deploy instant is 03:00 PDT, the first
/// instant after the gap (the cutoff 24 hours earlier is Saturday 02:00 PST); on other days
/// it is 02:30. Every year 1990-2099.
#[test]
fn deploy_time_in_the_gap_is_the_first_instant_after_it_every_year() {
    let c = load(&format!("deploy_time = \"02:30\"\n{SUNDAY}"));
    let s = all_years(&c);
    for (&y, t) in dst() {
        let sp = t.spring;
        let half_past_two = |d: NaiveDate, o: &str| at(d, "02:30:00", o);
        check_trains(
            &s,
            y,
            &[
                (
                    sp - days(7),
                    half_past_two(sp - days(7), "-08:00"),
                    half_past_two(sp - days(8), "-08:00"),
                ),
                (
                    sp,
                    at(sp, "03:00:00", "-07:00"),
                    at(sp - days(1), "02:00:00", "-08:00"),
                ),
                (
                    sp + days(7),
                    half_past_two(sp + days(7), "-07:00"),
                    half_past_two(sp + days(6), "-07:00"),
                ),
            ],
        );
        let run = &s.trains(sp, TrainLimit::Count(1)).unwrap()[0];
        let expected: Vec<NaiveDate> = (0..6).map(|i| sp + days(i)).collect();
        assert_eq!(
            run.dates, expected,
            "{y}: the train of {sp} deploys every day"
        );
        for d in (-1..7).map(|i| sp + days(i)) {
            let expected = match d {
                d if d < sp => half_past_two(d, "-08:00"),
                d if d == sp => at(d, "03:00:00", "-07:00"),
                d => half_past_two(d, "-07:00"),
            };
            let deploy = s.calendar().deploy_instant(d).to_rfc3339();
            assert_eq!(deploy, expected, "{y}: deploy instant of {d}");
        }
    }
}

/// `deploy_time = "01:30"`: on fall-back day the deploy instant is the earlier 01:30 (PDT);
/// the cutoff 24 hours before is Saturday 01:30 PDT. Every year 1990-2099.
#[test]
fn deploy_time_in_the_fold_is_the_earlier_instant_every_year() {
    let c = load(&format!("deploy_time = \"01:30\"\n{SUNDAY}"));
    let s = all_years(&c);
    for (&y, t) in dst() {
        let fa = t.fall;
        let half_past_one = |d: NaiveDate, o: &str| at(d, "01:30:00", o);
        check_trains(
            &s,
            y,
            &[
                (
                    fa - days(7),
                    half_past_one(fa - days(7), "-07:00"),
                    half_past_one(fa - days(8), "-07:00"),
                ),
                (
                    fa,
                    half_past_one(fa, "-07:00"),
                    half_past_one(fa - days(1), "-07:00"),
                ),
                (
                    fa + days(7),
                    half_past_one(fa + days(7), "-08:00"),
                    half_past_one(fa + days(6), "-08:00"),
                ),
            ],
        );
        for d in (-1..7).map(|i| fa + days(i)) {
            let expected = half_past_one(d, if d <= fa { "-07:00" } else { "-08:00" });
            let deploy = s.calendar().deploy_instant(d).to_rfc3339();
            assert_eq!(deploy, expected, "{y}: deploy instant of {d}");
        }
    }
}

/// Freezes one second long pin the deploy instant down end to end: a freeze at 03:00 PDT on
/// spring-forward day blocks a 02:30 deploy time there (the train leaves Monday), while one
/// just after it or one ending exactly at 03:00 PDT does not; one at the earlier 01:30 on
/// fall-back day blocks a 01:30 deploy time, and one at the later 01:30 does not.
#[test]
fn cli_gap_and_fold_deploy_instants_meet_one_second_freezes() {
    for y in [1990, 2006, 2007, 2026, 2099] {
        let t = dst()[&y];
        let (sp, fa) = (t.spring, t.fall);
        let cases = [
            (
                "02:30",
                at(sp, "03:00:00", "-07:00"),
                at(sp, "03:00:01", "-07:00"),
                sp,
                true,
            ),
            (
                "02:30",
                at(sp, "03:00:01", "-07:00"),
                at(sp, "04:00:00", "-07:00"),
                sp,
                false,
            ),
            (
                "02:30",
                at(sp, "01:59:59", "-08:00"),
                at(sp, "03:00:00", "-07:00"),
                sp,
                false,
            ),
            (
                "01:30",
                at(fa, "01:30:00", "-07:00"),
                at(fa, "01:30:01", "-07:00"),
                fa,
                true,
            ),
            (
                "01:30",
                at(fa, "01:30:00", "-08:00"),
                at(fa, "01:30:01", "-08:00"),
                fa,
                false,
            ),
        ];
        for (deploy, from, until, sunday, frozen) in cases {
            let config = temp_file(
                "gap.toml",
                &format!(
                    "deploy_time = \"{deploy}\"\n{SUNDAY}\n[[freeze]]\nname = \"One second\"\nfrom = {from}\nuntil = {until}\n"
                ),
            );
            let ready = format!("{}", sunday - days(2));
            let v = with_config(&config, &["when", "--ready", &ready, "--format", "json"]).json();
            let what = format!("{y}: deploy_time {deploy}, freeze [{from}, {until})");
            let start = if frozen { sunday + days(1) } else { sunday };
            assert_eq!(region_dates(&v)[0], start.to_string(), "{what}: {v}");
            let skipped = &v["regions"][0]["skipped"];
            let freeze_on_sunday = skipped.as_array().unwrap().iter().any(|s| {
                s["date"] == sunday.to_string().as_str() && s["reasons"][0]["kind"] == "freeze"
            });
            assert_eq!(freeze_on_sunday, frozen, "{what}: {skipped}");
        }
        // The trains listing shows the instants.
        let config = temp_file("gap.toml", &format!("deploy_time = \"02:30\"\n{SUNDAY}"));
        let from = sp.to_string();
        let v = with_config(
            &config,
            &[
                "trains", "--from", &from, "--count", "2", "--format", "json",
            ],
        )
        .json();
        assert_eq!(
            v[0]["nominal_start"],
            at(sp, "03:00:00", "-07:00").as_str(),
            "{y}: {v}"
        );
        assert_eq!(
            v[0]["start"],
            at(sp, "03:00:00", "-07:00").as_str(),
            "{y}: {v}"
        );
        assert_eq!(
            v[0]["cutoff"],
            at(sp - days(1), "02:00:00", "-08:00").as_str(),
            "{y}: {v}"
        );
        assert_eq!(
            v[1]["start"],
            at(sp + days(7), "02:30:00", "-07:00").as_str(),
            "{y}: {v}"
        );
        let config = temp_file("fold.toml", &format!("deploy_time = \"01:30\"\n{SUNDAY}"));
        let ready = at(fa - days(1), "01:30:00", "-07:00");
        let v = with_config(&config, &["when", "--ready", &ready, "--format", "json"]).json();
        assert_eq!(v["train"]["cutoff"], ready.as_str(), "{y}: {v}");
        assert_eq!(
            v["regions"][0]["at"],
            at(fa, "01:30:00", "-07:00").as_str(),
            "{y}: {v}"
        );
        assert_eq!(
            v["regions"][1]["at"],
            at(fa + days(1), "01:30:00", "-08:00").as_str(),
            "{y}: {v}"
        );
    }
}

/// A typed local time inside the gap is shifted forward by the gap's length (02:30 is 03:30
/// PDT) and one inside the fold is the earlier instant (01:30 PDT). Trains whose cutoffs are
/// exactly those instants (a 03:30 or 00:30 Monday train) show that the shifted readiness
/// counts at the cutoff and a second later misses it. Every year 1990-2099.
#[test]
fn typed_readiness_in_the_gap_and_fold_meets_cutoffs_there_every_year() {
    let gap = load("deploy_time = \"03:30\"\nstart_weekday = \"monday\"\nweekend = []\n");
    let fold = load("deploy_time = \"00:30\"\nstart_weekday = \"monday\"\nweekend = []\n");
    let (gap, fold) = (all_years(&gap), all_years(&fold));
    for (&y, t) in dst() {
        let (sp, fa) = (t.spring, t.fall);
        let read = |text: String, expected: String| {
            let got = typed(&text, LA);
            assert_eq!(
                got.to_rfc3339(),
                expected,
                "{y}: {text} read in Los Angeles"
            );
            got
        };
        read(format!("{sp}T02:00"), at(sp, "03:00:00", "-07:00"));
        read(format!("{sp}T02:59:59"), at(sp, "03:59:59", "-07:00"));
        read(format!("{sp}"), at(sp, "00:00:00", "-08:00"));
        read(format!("{fa}T01:59:59"), at(fa, "01:59:59", "-07:00"));
        read(format!("{fa}T02:00"), at(fa, "02:00:00", "-08:00"));

        let monday = sp + days(1);
        assert_eq!(
            train(&gap, monday).cutoff.to_rfc3339(),
            at(sp, "03:30:00", "-07:00"),
            "{y}"
        );
        let ready = read(format!("{sp}T02:30"), at(sp, "03:30:00", "-07:00"));
        assert_eq!(
            rides(&gap, ready),
            monday,
            "{y}: ready {sp}T02:30 (at the cutoff)"
        );
        let ready = read(format!("{sp}T02:30:01"), at(sp, "03:30:01", "-07:00"));
        assert_eq!(
            rides(&gap, ready),
            monday + days(7),
            "{y}: ready {sp}T02:30:01"
        );
        let ready = read(format!("{sp}T01:59:59"), at(sp, "01:59:59", "-08:00"));
        assert_eq!(rides(&gap, ready), monday, "{y}: ready {sp}T01:59:59");

        let monday = fa + days(1);
        assert_eq!(
            train(&fold, monday).cutoff.to_rfc3339(),
            at(fa, "01:30:00", "-07:00"),
            "{y}"
        );
        let ready = read(format!("{fa}T01:30"), at(fa, "01:30:00", "-07:00"));
        assert_eq!(
            rides(&fold, ready),
            monday,
            "{y}: ready {fa}T01:30 (the earlier, at the cutoff)"
        );
        let ready = read(format!("{fa}T01:30:01"), at(fa, "01:30:01", "-07:00"));
        assert_eq!(
            rides(&fold, ready),
            monday + days(7),
            "{y}: ready {fa}T01:30:01"
        );
        let later = instant(&at(fa, "01:30:00", "-08:00"));
        assert_eq!(
            rides(&fold, later),
            monday + days(7),
            "{y}: ready {later} (the later 01:30)"
        );
    }
}

/// End to end, `--ready` echoes what it understood from a time in the gap or the fold, in the
/// schedule zone and in another zone with DST given by `--tz`.
#[test]
fn cli_echoes_gap_and_fold_readiness() {
    for y in [1990, 2006, 2007, 2026, 2099] {
        let t = dst()[&y];
        let (sp, fa) = (t.spring, t.fall);
        for (ready, tz, expected) in [
            (format!("{sp}T02:30"), None, at(sp, "03:30:00", "-07:00")),
            (format!("{fa}T01:30"), None, at(fa, "01:30:00", "-07:00")),
            (
                format!("{sp}T02:30"),
                Some("America/New_York"),
                at(sp, "03:30:00", "-04:00"),
            ),
            (
                format!("{fa}T01:30"),
                Some("America/New_York"),
                at(fa, "01:30:00", "-04:00"),
            ),
        ] {
            let mut args = vec!["when", "--ready", &ready, "--format", "json"];
            if let Some(tz) = tz {
                args.extend(["--tz", tz]);
            }
            let v = golive(&args).json();
            assert_eq!(v["ready"], expected.as_str(), "{y}: {args:?}");
        }
    }
    // New York changes on the same days as Los Angeles.
    assert_eq!(
        typed("2026-03-08T02:30", NEW_YORK).to_rfc3339(),
        "2026-03-08T03:30:00-04:00"
    );
}

/// `ready` read back in `zone` from its local wall-clock time there.
fn via_zone(ready: DateTime<FixedOffset>, zone: Tz) -> DateTime<FixedOffset> {
    let local = ready
        .with_timezone(&zone)
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    typed(&local, zone)
}

/// Readiness a second either side of, and exactly at, the cutoffs around every transition
/// (the default Thursday ones and the Sunday trains' Saturday 08:00 and 10:00), written with
/// +14:00 and -12:00 offsets and as local times in Pacific/Kiritimati and Etc/GMT+12, rides
/// the same train to the same dates as the instant written in UTC; the +14:00 date is always
/// the next day.
#[test]
fn far_away_offsets_ride_the_same_train_as_utc_every_year() {
    let default = Config::embedded().unwrap();
    let sunday = load(SUNDAY);
    let schedulers = [all_years(&default), all_years(&sunday)];
    let east = FixedOffset::east_opt(14 * 3600).unwrap();
    let west = FixedOffset::west_opt(12 * 3600).unwrap();
    for (&y, t) in dst() {
        let (sp, fa) = (t.spring, t.fall);
        let cutoffs = [
            nine(sp - days(3)),
            nine(sp + days(4)),
            nine(fa - days(3)),
            nine(fa + days(4)),
            at(sp - days(1), "08:00:00", "-08:00"),
            at(fa - days(1), "10:00:00", "-07:00"),
        ];
        for cutoff in &cutoffs {
            for delta in [-1, 0, 1] {
                let ready = instant(cutoff) + Duration::seconds(delta);
                let utc = ready.with_timezone(&Utc).fixed_offset();
                let la_day = ready.with_timezone(&LA).date_naive();
                assert_eq!(
                    ready.with_timezone(&east).date_naive(),
                    la_day + days(1),
                    "{ready}"
                );
                let kiritimati = via_zone(ready, KIRITIMATI);
                if y >= 1995 {
                    assert_eq!(kiritimati.offset(), &east, "{y}: {ready} in Kiritimati");
                }
                let gmt12 = via_zone(ready, GMT_PLUS_12);
                assert_eq!(gmt12.offset(), &west, "{y}: {ready} in Etc/GMT+12");
                for s in &schedulers {
                    let base = ride(s, utc);
                    for (how, other) in [
                        ("+14:00", ready.with_timezone(&east)),
                        ("-12:00", ready.with_timezone(&west)),
                        ("Pacific/Kiritimati", kiritimati),
                        ("Etc/GMT+12", gmt12),
                    ] {
                        assert_eq!(other, utc, "{y}: {ready} written in {how}");
                        let r = ride(s, other);
                        assert_eq!(r.ready().to_rfc3339(), other.to_rfc3339(), "{y}: echo");
                        assert_eq!(
                            (r.train(), r.dates()),
                            (base.train(), base.dates()),
                            "{y}: ready {other} ({how}) against {utc}"
                        );
                    }
                }
            }
        }
    }
}

/// End to end: the default cutoff before spring-forward 2026 and fall-back 2026, written five
/// ways; at the cutoff all ride its train, a second later all ride the next one (whose
/// regions deploy at 09:00 on the other side of the transition).
#[test]
fn cli_far_away_zones_ride_the_same_train() {
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );
    // (UTC, +14:00, -12:00, Kiritimati local, Etc/GMT+12 local) of one instant.
    let cases: [(Case, Case, [&str; 2]); 2] = [
        (
            (
                "2026-03-05T17:00:00Z",
                "2026-03-06T07:00+14:00",
                "2026-03-05T05:00-12:00",
                "2026-03-06T07:00",
                "2026-03-05T05:00",
            ),
            (
                "2026-03-05T17:00:01Z",
                "2026-03-06T07:00:01+14:00",
                "2026-03-05T05:00:01-12:00",
                "2026-03-06T07:00:01",
                "2026-03-05T05:00:01",
            ),
            ["2026-03-06T09:00:00-08:00", "2026-03-13T09:00:00-07:00"],
        ),
        (
            (
                "2026-10-29T16:00:00Z",
                "2026-10-30T06:00+14:00",
                "2026-10-29T04:00-12:00",
                "2026-10-30T06:00",
                "2026-10-29T04:00",
            ),
            (
                "2026-10-29T16:00:01Z",
                "2026-10-30T06:00:01+14:00",
                "2026-10-29T04:00:01-12:00",
                "2026-10-30T06:00:01",
                "2026-10-29T04:00:01",
            ),
            ["2026-10-30T09:00:00-07:00", "2026-11-06T09:00:00-08:00"],
        ),
    ];
    for (at_cutoff, after, starts) in cases {
        for (case, start) in [(at_cutoff, starts[0]), (after, starts[1])] {
            let (utc, east, west, kiritimati, gmt12) = case;
            let runs = [
                ("UTC", golive(&["when", "--ready", utc, "--format", "json"])),
                (
                    "+14:00",
                    golive(&["when", "--ready", east, "--format", "json"]),
                ),
                (
                    "-12:00",
                    golive(&["when", "--ready", west, "--format", "json"]),
                ),
                (
                    "Pacific/Kiritimati",
                    golive(&[
                        "when",
                        "--ready",
                        kiritimati,
                        "--tz",
                        "Pacific/Kiritimati",
                        "--format",
                        "json",
                    ]),
                ),
                (
                    "Etc/GMT+12",
                    golive(&[
                        "when",
                        "--ready",
                        gmt12,
                        "--tz",
                        "Etc/GMT+12",
                        "--format",
                        "json",
                    ]),
                ),
            ];
            let base = runs[0].1.json();
            assert_eq!(base["train"]["start"], start, "{utc}: {base}");
            let ats: Vec<&str> = base["regions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["at"].as_str().unwrap())
                .collect();
            let offsets: BTreeSet<&str> = ats.iter().map(|a| &a[19..]).collect();
            assert!(
                ats.iter().all(|a| &a[11..19] == "09:00:00"),
                "{utc}: {ats:?}"
            );
            if start == starts[0] {
                assert_eq!(offsets.len(), 2, "{utc}: deploys on both sides: {ats:?}");
            }
            let base_ready = instant(base["ready"].as_str().unwrap());
            for (how, run) in &runs[1..] {
                let v = run.json();
                let ready = instant(v["ready"].as_str().unwrap());
                assert_eq!(ready, base_ready, "{how}: {v}");
                if *how != "Etc/GMT+12" && *how != "-12:00" {
                    assert!(
                        v["ready"].as_str().unwrap().ends_with("+14:00"),
                        "{how}: {v}"
                    );
                } else {
                    assert!(
                        v["ready"].as_str().unwrap().ends_with("-12:00"),
                        "{how}: {v}"
                    );
                }
                assert_eq!(v["train"], base["train"], "{how}: {v}");
                assert_eq!(region_dates(&v), region_dates(&base), "{how}");
            }
        }
    }
}

/// Whole days that never happened: Kiritimati skipped 1994-12-31 (UTC-10 to UTC+14), Samoa
/// 2011-12-30. A local time on such a day is shifted forward by the gap's length (24 hours),
/// and rides like the same instant in UTC.
#[test]
fn skipped_days_in_far_away_zones_shift_forward_a_whole_day() {
    let c = Config::embedded().unwrap();
    let apia = chrono_tz::Pacific::Apia;
    for (text, zone, expected) in [
        ("1994-12-31T12:00", KIRITIMATI, "1995-01-01T12:00:00+14:00"),
        ("1994-12-31", KIRITIMATI, "1995-01-01T00:00:00+14:00"),
        (
            "1994-12-30T23:59:59",
            KIRITIMATI,
            "1994-12-30T23:59:59-10:00",
        ),
        ("2011-12-30T12:00", apia, "2011-12-31T12:00:00+14:00"),
    ] {
        let ready = typed(text, zone);
        assert_eq!(ready.to_rfc3339(), expected, "{text} in {zone}");
        let s = Scheduler::new(&c);
        let utc = ride(&s, ready.with_timezone(&Utc).fixed_offset());
        let r = ride(&s, ready);
        assert_eq!(
            (r.train(), r.dates()),
            (utc.train(), utc.dates()),
            "{text} in {zone}"
        );
    }
    let v = golive(&[
        "when",
        "--ready",
        "2011-12-30T12:00",
        "--tz",
        "Pacific/Apia",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["ready"], "2011-12-31T12:00:00+14:00", "{v}");
}

fn is_leap(y: i32) -> bool {
    NaiveDate::from_ymd_opt(y, 2, 29).is_some()
}

/// The next `n` weekdays from `d` on, `d` first (early March has no federal holiday).
fn weekdays_from(d: NaiveDate, n: usize) -> Vec<NaiveDate> {
    d.iter_days()
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .take(n)
        .collect()
}

/// Readiness on February 29 of every leap year 1992-2096 (2000 included), typed in the
/// schedule zone, at +14:00 (where Feb 29 is still Feb 28 in Los Angeles) and at -12:00 (where
/// it is already March 1), rides the first Friday train whose Thursday 09:00 cutoff is not
/// before it; Feb 29 itself is a deploy day when it is a weekday; Feb 29 of other years is
/// refused.
#[test]
fn readiness_on_february_29_every_leap_year() {
    let c = Config::embedded().unwrap();
    let s = all_years(&c);
    let leap: Vec<i32> = YEARS.filter(|y| is_leap(*y)).collect();
    assert_eq!(leap.len(), 27);
    assert!(leap.contains(&2000));
    for &y in &leap {
        let feb29 = day(y, 2, 29);
        for text in [
            format!("{feb29}"),
            format!("{feb29}T09:00"),
            format!("{feb29}T09:00:01"),
            format!("{feb29}T23:59:59"),
            format!("{feb29}T12:00+14:00"),
            format!("{feb29}T23:59:59-12:00"),
        ] {
            let ready = typed(&text, LA);
            // The oracle: Fridays from the week before on, the first whose cutoff is not before.
            let friday = (feb29 - days(7))
                .iter_days()
                .filter(|d| d.weekday() == Weekday::Fri)
                .find(|f| instant(&nine(*f - days(1))) >= ready)
                .unwrap();
            let r = ride(&s, ready);
            assert_eq!(r.train().start, friday, "{y}: ready {text}");
            assert_eq!(r.dates(), weekdays_from(friday, 6), "{y}: ready {text}");
        }
        let friday_before =
            feb29 - days(i64::from((feb29.weekday().num_days_from_monday() + 3) % 7));
        assert_eq!(friday_before.weekday(), Weekday::Fri);
        let run = &s.trains(friday_before, TrainLimit::Count(1)).unwrap()[0];
        assert_eq!(
            run.dates,
            weekdays_from(friday_before, 6),
            "{y}: train of {friday_before}"
        );
        let weekday = !matches!(feb29.weekday(), Weekday::Sat | Weekday::Sun);
        assert_eq!(run.dates.contains(&feb29), weekday, "{y}: {:?}", run.dates);
    }
    for y in YEARS.filter(|y| !is_leap(*y)) {
        let text = format!("{y}-02-29T10:00");
        let e = text.parse::<TypedTime>().expect_err(&text);
        assert!(e.is_bad_input(), "{text}: {e}");
    }
}

/// Leap years change no holiday: in every year 1990-2099 February's only federal holiday is
/// Washington's Birthday on its third Monday, and March has none.
#[test]
fn holidays_are_unaffected_by_leap_days() {
    let c = Config::embedded().unwrap();
    for y in YEARS {
        let third_monday = NaiveDate::from_weekday_of_month_opt(y, 2, Weekday::Mon, 3).unwrap();
        let feb: Vec<(NaiveDate, String)> = c
            .holidays(day(y, 2, 1), day(y, 3, 31))
            .into_iter()
            .map(|(_, h)| (h.date, h.name.to_string()))
            .collect();
        assert_eq!(
            feb,
            [(third_monday, "Washington's Birthday".to_string())],
            "{y}"
        );
    }
}

/// Yearly freezes written on February 29 move to February 28 in common years (README
/// "Choices"), whether whole days, a morning, or ranges starting or ending there; recur only
/// from the year written on; a yearly freeze written on Feb 28 stays on Feb 28 in leap years.
#[test]
fn yearly_freezes_written_on_february_29() {
    let c = load(
        "[[freeze]]\nname = \"Leap day\"\nfrom = 2028-02-29\nuntil = 2028-02-29\nevery = \"year\"\n\
         [[freeze]]\nname = \"Leap morning\"\nfrom = 2028-02-29T08:00:00\nuntil = 2028-02-29T10:00:00\nevery = \"year\"\n\
         [[freeze]]\nname = \"Into March\"\nfrom = 2028-02-29\nuntil = 2028-03-02\nevery = \"year\"\n\
         [[freeze]]\nname = \"Till leap day\"\nfrom = 2028-02-20\nuntil = 2028-02-29\nevery = \"year\"\n\
         [[freeze]]\nname = \"Feb 28\"\nfrom = 2027-02-28\nuntil = 2027-02-28\nevery = \"year\"\n",
    );
    let s = Scheduler::new(&c);
    for y in 2026..=2099 {
        let leap_day = if is_leap(y) {
            day(y, 2, 29)
        } else {
            day(y, 2, 28)
        };
        let expected = |name: &str, d: NaiveDate| match name {
            "Leap day" | "Leap morning" => y >= 2028 && d == leap_day,
            "Into March" => y >= 2028 && leap_day <= d && d <= day(y, 3, 2),
            "Till leap day" => y >= 2028 && day(y, 2, 20) <= d && d <= leap_day,
            _ => y >= 2027 && d == day(y, 2, 28),
        };
        for d in day(y, 2, 15).iter_days().take_while(|d| *d <= day(y, 3, 5)) {
            let reasons = s.calendar().reasons(c.first_region(), d);
            for name in [
                "Leap day",
                "Leap morning",
                "Into March",
                "Till leap day",
                "Feb 28",
            ] {
                let got = reasons
                    .iter()
                    .any(|r| r.kind == ReasonKind::Freeze && r.name == name);
                assert_eq!(
                    got,
                    expected(name, d),
                    "{y}: freeze {name:?} on {d}: {reasons:?}"
                );
            }
        }
    }
}

/// End to end: a yearly one-day freeze written on 2028-02-29 holds Asia on Feb 29 2028 and Europe
/// on Feb 28 2029.
#[test]
fn cli_leap_day_freeze_holds_a_rollout() {
    let config = temp_file(
        "leap.toml",
        "[[freeze]]\nname = \"Leap day\"\nfrom = 2028-02-29\nuntil = 2028-02-29\nevery = \"year\"\n",
    );
    for (ready, dates, region, held) in [
        (
            "2028-02-20",
            [
                "2028-02-25",
                "2028-02-28",
                "2028-03-01",
                "2028-03-02",
                "2028-03-03",
                "2028-03-06",
            ],
            2,
            "2028-02-29",
        ),
        (
            "2029-02-20",
            [
                "2029-02-23",
                "2029-02-26",
                "2029-02-27",
                "2029-03-01",
                "2029-03-02",
                "2029-03-05",
            ],
            3,
            "2029-02-28",
        ),
    ] {
        let v = with_config(&config, &["when", "--ready", ready, "--format", "json"]).json();
        assert_eq!(region_dates(&v), dates, "ready {ready}");
        let held_region = &v["regions"][region]["skipped"][0];
        assert_eq!(held_region["date"], held, "ready {ready}: {held_region}");
        assert_eq!(
            held_region["reasons"][0]["kind"], "freeze",
            "ready {ready}: {held_region}"
        );
        assert_eq!(
            held_region["reasons"][0]["name"], "Leap day",
            "ready {ready}: {held_region}"
        );
    }
}

/// A one-region configuration with every day a working day, a horizon and one long freeze.
fn horizon_config(horizon: u32, from: &str, until: &str) -> String {
    format!(
        "weekend = []\nhorizon_years = {horizon}\n\
         [[region]]\nkey = \"only\"\nname = \"Only region\"\ntimezone = \"America/Los_Angeles\"\n\
         [[freeze]]\nname = \"Long\"\nfrom = {from}\nuntil = {until}\n"
    )
}

/// The horizon is counted in calendar years from the readiness day in the schedule zone: from
/// Feb 29 one year reaches Feb 28 (not Mar 1) and four years reach Feb 29 again; readiness
/// written at +14:00 on Mar 1 that is still Feb 29 in Los Angeles counts from Feb 29.
#[test]
fn horizon_counted_from_february_29() {
    // (horizon, ready, freeze from, freeze until, the first deploy day or the last day searched)
    type Case = (
        u32,
        &'static str,
        &'static str,
        &'static str,
        Result<NaiveDate, NaiveDate>,
    );
    let cases: [Case; 8] = [
        (
            1,
            "2028-02-29",
            "2028-02-29",
            "2029-02-27",
            Ok(day(2029, 2, 28)),
        ),
        (
            1,
            "2028-02-29",
            "2028-02-29",
            "2029-02-28",
            Err(day(2029, 2, 28)),
        ),
        (
            1,
            "2028-02-29T23:59:59",
            "2028-02-29",
            "2029-02-28",
            Err(day(2029, 2, 28)),
        ),
        (
            1,
            "2028-03-01T12:00+14:00",
            "2028-02-29",
            "2029-02-28",
            Err(day(2029, 2, 28)),
        ),
        (
            4,
            "2028-02-29",
            "2028-02-29",
            "2032-02-28",
            Ok(day(2032, 2, 29)),
        ),
        (
            4,
            "2028-02-29",
            "2028-02-29",
            "2032-02-29",
            Err(day(2032, 2, 29)),
        ),
        (
            1,
            "2027-02-28",
            "2027-02-28",
            "2028-02-27",
            Ok(day(2028, 2, 28)),
        ),
        (
            1,
            "2027-02-28",
            "2027-02-28",
            "2028-02-28",
            Err(day(2028, 2, 28)),
        ),
    ];
    for (horizon, ready_text, from, until, expected) in cases {
        let text = horizon_config(horizon, from, until);
        let c = load(&text);
        let ready = typed(ready_text, LA);
        let what = format!("horizon {horizon}, ready {ready_text}, freeze {from}..={until}");
        match (Scheduler::new(&c).rollout(ready), expected) {
            (Ok(r), Ok(d)) => assert_eq!(r.dates(), [d], "{what}"),
            (Err(e), Err(d)) if matches!(e.kind(), ErrorKind::Horizon(_)) => {
                let ErrorKind::Horizon(h) = e.kind() else {
                    unreachable!()
                };
                assert_eq!((h.region.as_str(), h.until), ("only", d), "{what}: {e}");
                assert!(e.to_string().contains("Long"), "{what}: {e}");
            }
            (got, _) => panic!("{what}: expected {expected:?}, got {got:?}"),
        }
    }
    let ok = temp_file("h.toml", &horizon_config(1, "2028-02-29", "2029-02-27"));
    let v = with_config(&ok, &["when", "--ready", "2028-02-29", "--format", "json"]).json();
    assert_eq!(region_dates(&v), ["2029-02-28"]);
    let past = temp_file("h.toml", &horizon_config(1, "2028-02-29", "2029-02-28"));
    with_config(
        &past,
        &["when", "--ready", "2028-02-29", "--format", "json"],
    )
    .fails(1, &["only", "2029-02-28", "Long"]);
}

/// 2100 is refused (chrono-tz lists no DST for it), by the day in the schedule zone: the last
/// second of 2099 in Los Angeles is accepted (and gets the horizon error, no train leaving in
/// 2099 any more) whether written in UTC, +14:00 or -12:00; the next second is refused. A
/// rollout around the last transition, 2099-11-01, still has its offsets right.
#[test]
fn year_2100_is_refused_by_the_day_in_the_schedule_zone() {
    assert!(check_year(day(2099, 12, 31), "ready").is_ok());
    assert!(check_year(day(2100, 1, 1), "ready").is_err());
    let c = Config::embedded().unwrap();
    for (text, refused) in [
        ("2100-01-01T07:59:59Z", false),
        ("2100-01-01T21:59:59+14:00", false),
        ("2099-12-31T19:59:59-12:00", false),
        ("2100-01-01T08:00:00Z", true),
        ("2100-01-01T22:00:00+14:00", true),
        ("2099-12-31T20:00:00-12:00", true),
    ] {
        let ready = typed(text, LA);
        let e = Scheduler::new(&c).rollout(ready).expect_err(text);
        assert_eq!(e.is_bad_input(), refused, "{text}: {e}");
        let code = if refused { 2 } else { 1 };
        golive(&["when", "--ready", text]).fails(code, &["2099"]);
    }
    assert_eq!(
        typed("2100-01-01T00:00", GMT_PLUS_12).to_rfc3339(),
        "2100-01-01T00:00:00-12:00"
    );
    for args in [
        &["when", "--ready", "2100-01-01"][..],
        &["when", "--ready", "2100-03-14T02:30"],
        &["when", "--ready", "2100-11-07T01:30"],
        &["when", "--ready", "2100-01-01T00:00", "--tz", "Etc/GMT+12"],
        &["trains", "--from", "2100-01-01"],
    ] {
        golive(args).fails(2, &["2099"]);
    }
    let v = golive(&["when", "--ready", "2099-10-29T09:00", "--format", "json"]).json();
    assert_eq!(v["train"]["cutoff"], "2099-10-29T09:00:00-07:00", "{v}");
    assert_eq!(v["regions"][0]["at"], "2099-10-30T09:00:00-07:00", "{v}");
    assert_eq!(v["regions"][1]["at"], "2099-11-02T09:00:00-08:00", "{v}");
    let v = golive(&[
        "trains",
        "--from",
        "2099-12-01",
        "--count",
        "8",
        "--format",
        "json",
    ])
    .json();
    let starts: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["start"].as_str().unwrap())
        .collect();
    assert!(
        !starts.is_empty() && starts.iter().all(|s| s.starts_with("2099-12")),
        "{starts:?}"
    );
}
