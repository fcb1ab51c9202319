//! Property tests of the scheduler over random readiness instants and random configurations.
//!
//! Every case draws a readiness instant (1990 to 2090, any second, a UTC offset from -12:00 to
//! +14:00) and a configuration layered over the default: a random schedule zone, deploy time
//! (some in a DST gap or fold), start weekday, cutoff, `blocked_start` policy, weekend,
//! calendars, horizon, region graph (the default chain, a diamond, or a random DAG listed in a
//! random order) and up to two freezes (date, local date-time or instant bounds, some yearly,
//! some scoped to random regions) placed around the readiness day.
//!
//! `Oracle` is written from SPEC.md alone: it decides which days are blocked for
//! which region from the generated parameters (it only borrows the holiday dates from the
//! library's calendars, which `tests/it/holidays.rs` checks against the law), walks the
//! nominal trains naively to find the one a connector rides, and walks each region day by
//! day. The scheduler must agree with it, and with the rules stated directly.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant as Clock;

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime,
    Offset, TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::Tz;
use golive::{
    BlockedStart, Blocker, Config, Error, ErrorKind, Layer, ReasonKind, Rollout, Scheduler, Source,
    TrainLimit,
};
use proptest::prelude::*;

use crate::harness::REGIONS as DEFAULT_REGIONS;

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn day_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

fn load(text: &str) -> golive::Result<Config> {
    let layer = Layer {
        source: Source::new("user.toml", text),
        dir: None,
    };
    Config::load(&[layer], &|p: &Path| std::fs::read(p))
}

fn add_years(day: NaiveDate, years: u32) -> NaiveDate {
    day.checked_add_months(chrono::Months::new(12 * years))
        .expect("a date in range")
}

/// `day` in year `year`; February 29 becomes February 28 in years without one.
fn with_year(day: NaiveDate, year: i32) -> NaiveDate {
    day.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, day.month(), 28))
        .expect("a date in range")
}

/// The deploy instant of `day` (SPEC "Deploy time"): the local time, or if it falls in a gap the
/// first instant after the gap, or if it falls in a fold the earlier instant.
fn deploy_instant(zone: Tz, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = day.and_time(time);
    // Walk forward a minute at a time until the local time exists: the first minute after a
    // gap is the gap's end (transitions happen on whole minutes).
    for m in 0..=24 * 60 {
        if let Some(t) = zone
            .from_local_datetime(&(local + Duration::minutes(m)))
            .earliest()
        {
            return t.to_utc();
        }
    }
    panic!("no local time after {local} in {zone}");
}

/// A local date-time typed in a configuration (SPEC rule 7): in a gap shifted forward by the
/// gap's length (read with the offset in force before the gap), in a fold the earlier instant.
fn local_instant(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.to_utc(),
        LocalResult::Ambiguous(a, b) => a.min(b).to_utc(),
        LocalResult::None => {
            let before = zone
                .from_local_datetime(&(local - Duration::hours(36)))
                .earliest()
                .expect("no two transitions within two days");
            let offset = before.offset().fix();
            (local - Duration::seconds(i64::from(offset.local_minus_utc()))).and_utc()
        }
    }
}

/// One end of a generated freeze.
#[derive(Debug, Clone, Copy)]
enum BoundM {
    Date(NaiveDate),
    Local(NaiveDateTime),
    Instant(NaiveDateTime, FixedOffset),
}

impl BoundM {
    fn toml(self) -> String {
        match self {
            BoundM::Date(d) => d.format("%Y-%m-%d").to_string(),
            BoundM::Local(t) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
            BoundM::Instant(t, o) => t.and_local_timezone(o).unwrap().to_rfc3339(),
        }
    }

    fn year(self) -> i32 {
        match self {
            BoundM::Date(d) => d.year(),
            BoundM::Local(t) | BoundM::Instant(t, _) => t.year(),
        }
    }

    fn shifted(self, years: i32) -> BoundM {
        let shift = |d: NaiveDate| with_year(d, d.year() + years);
        match self {
            BoundM::Date(d) => BoundM::Date(shift(d)),
            BoundM::Local(t) => BoundM::Local(shift(t.date()).and_time(t.time())),
            BoundM::Instant(t, o) => BoundM::Instant(shift(t.date()).and_time(t.time()), o),
        }
    }

    /// The instant this bound stands for as the start (`end == false`) or end of a window.
    fn instant(self, zone: Tz, end: bool) -> DateTime<Utc> {
        match self {
            BoundM::Date(d) => {
                let d = if end { d.succ_opt().unwrap() } else { d };
                local_instant(zone, d.and_time(NaiveTime::MIN))
            }
            BoundM::Local(t) => local_instant(zone, t),
            BoundM::Instant(t, o) => t.and_local_timezone(o).unwrap().to_utc(),
        }
    }
}

#[derive(Debug, Clone)]
struct FreezeM {
    name: String,
    from: BoundM,
    until: BoundM,
    /// Listing indices of the regions it applies to; `None` is all.
    scope: Option<Vec<usize>>,
    yearly: bool,
}

/// A generated configuration: its TOML text and the oracle's reading of it.
#[derive(Debug, Clone)]
struct Model {
    toml: String,
    zone: Tz,
    deploy_time: NaiveTime,
    start_weekday: Weekday,
    cutoff_hours: i64,
    skip: bool,
    weekend: Vec<Weekday>,
    calendars: Vec<&'static str>,
    horizon_years: u32,
    /// Region keys with their predecessors (listing indices), in listing order.
    regions: Vec<(String, Vec<usize>)>,
    freezes: Vec<FreezeM>,
}

/// What the oracle expects for one readiness instant.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expect {
    Rollout {
        nominal: NaiveDate,
        start: NaiveDate,
        dates: Vec<NaiveDate>,
    },
    Horizon,
}

/// The oracle for one model over a range of days (holidays are precomputed for the range).
struct Oracle<'m> {
    m: &'m Model,
    holidays: BTreeSet<NaiveDate>,
}

impl<'m> Oracle<'m> {
    fn new(m: &'m Model, config: &Config, from: NaiveDate, until: NaiveDate) -> Oracle<'m> {
        let holidays = config
            .calendars()
            .iter()
            .flat_map(|c| c.dates(from, until))
            .map(|h| h.date)
            .collect();
        Oracle { m, holidays }
    }

    fn at(&self, day: NaiveDate) -> DateTime<Utc> {
        deploy_instant(self.m.zone, day, self.m.deploy_time)
    }

    fn freeze_hits(&self, f: &FreezeM, region: usize, day: NaiveDate) -> bool {
        if f.scope.as_ref().is_some_and(|s| !s.contains(&region)) {
            return false;
        }
        let at = self.at(day);
        let zone = self.m.zone;
        let ks: Vec<i32> = if f.yearly {
            let base = f.from.year();
            ((day.year() - base - 2).max(0)..=(day.year() - base + 1)).collect()
        } else {
            vec![0]
        };
        ks.into_iter().any(|k| {
            let after_start = match f.from.shifted(k) {
                BoundM::Date(d) => day >= d,
                b => at >= b.instant(zone, false),
            };
            let before_end = match f.until.shifted(k) {
                BoundM::Date(d) => day <= d,
                b => at < b.instant(zone, true),
            };
            after_start && before_end
        })
    }

    fn freezes_on(&self, region: usize, day: NaiveDate) -> BTreeSet<String> {
        self.m
            .freezes
            .iter()
            .filter(|f| self.freeze_hits(f, region, day))
            .map(|f| f.name.clone())
            .collect()
    }

    fn blocked(&self, region: usize, day: NaiveDate) -> bool {
        self.m.weekend.contains(&day.weekday())
            || self.holidays.contains(&day)
            || self
                .m
                .freezes
                .iter()
                .any(|f| self.freeze_hits(f, region, day))
    }

    fn root(&self) -> usize {
        self.m
            .regions
            .iter()
            .position(|(_, p)| p.is_empty())
            .unwrap()
    }

    fn cutoff(&self, nominal: NaiveDate) -> DateTime<Utc> {
        self.at(nominal) - Duration::hours(self.m.cutoff_hours)
    }

    /// The rollout by brute force: every nominal start from well before the readiness day,
    /// its actual start found by walking day by day, trains grouped by actual start, the
    /// first group whose (latest) cutoff is not before `ready`; then each region walked day
    /// by day from the day after its latest predecessor.
    fn expect(&self, ready: DateTime<FixedOffset>) -> Expect {
        let m = self.m;
        let ready_day = ready.with_timezone(&m.zone).date_naive();
        let horizon_end = add_years(ready_day, m.horizon_years);
        let limit = horizon_end + Duration::days(8);
        let root = self.root();
        let mut n = ready_day - Duration::days(m.cutoff_hours / 24 + 15);
        while n.weekday() != m.start_weekday {
            n = n.succ_opt().unwrap();
        }
        // (actual start, latest nominal day leaving on it)
        let mut groups: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        let mut free: Option<NaiveDate> = None;
        while n <= horizon_end {
            let start = if m.skip {
                (!self.blocked(root, n)).then_some(n)
            } else {
                if free.is_none_or(|f| f < n) {
                    free = n
                        .iter_days()
                        .take_while(|d| *d <= limit)
                        .find(|d| !self.blocked(root, *d));
                    if free.is_none() {
                        break;
                    }
                }
                free
            };
            if let Some(s) = start {
                match groups.last_mut() {
                    Some(g) if g.0 == s => g.1 = n,
                    _ => groups.push((s, n)),
                }
            }
            n += Duration::days(7);
        }
        let Some(&(start, nominal)) = groups
            .iter()
            .find(|(_, nominal)| self.cutoff(*nominal) >= ready.to_utc())
        else {
            return Expect::Horizon;
        };
        if start > horizon_end {
            return Expect::Horizon;
        }
        let count = m.regions.len();
        let mut dates: Vec<Option<NaiveDate>> = vec![None; count];
        dates[root] = Some(start);
        while dates.iter().any(Option::is_none) {
            for r in 0..count {
                let preds = &m.regions[r].1;
                if dates[r].is_some() || preds.iter().any(|&p| dates[p].is_none()) {
                    continue;
                }
                let after = preds.iter().map(|&p| dates[p].unwrap()).max().unwrap();
                let mut d = after.succ_opt().unwrap();
                while d <= horizon_end && self.blocked(r, d) {
                    d = d.succ_opt().unwrap();
                }
                if d > horizon_end {
                    return Expect::Horizon;
                }
                dates[r] = Some(d);
            }
        }
        Expect::Rollout {
            nominal,
            start,
            dates: dates.into_iter().map(Option::unwrap).collect(),
        }
    }

    /// Whether the configuration's freezes are all valid (each ends after it starts).
    fn freezes_valid(&self) -> bool {
        self.m
            .freezes
            .iter()
            .all(|f| f.until.instant(self.m.zone, true) > f.from.instant(self.m.zone, false))
    }
}

/// Random parameters of one freeze, placed relative to the readiness day.
#[derive(Debug, Clone)]
struct FreezeParams {
    day: i64,
    from_kind: u8,
    until_kind: u8,
    from_time: Option<(u32, u32)>,
    len_minutes: i64,
    until_at_deploy: bool,
    offset_minutes: Option<i32>,
    yearly: bool,
    years_back: i32,
    scope: Option<u8>,
}

fn freeze_params() -> impl Strategy<Value = FreezeParams> {
    (
        -45i64..=45,
        0u8..3,
        0u8..3,
        prop::option::weighted(0.7, (0u32..24, prop_oneof![Just(0u32), Just(30), 0u32..60])),
        prop_oneof![
            3 => 1i64..=60 * 24 * 3,
            3 => 60i64 * 24..=60 * 24 * 50,
        ],
        any::<bool>(),
        prop::option::weighted(0.5, -720i32..=840),
        prop::bool::weighted(0.35),
        0i32..=3,
        prop::option::weighted(0.4, any::<u8>()),
    )
        .prop_map(
            |(
                day,
                from_kind,
                until_kind,
                from_time,
                len_minutes,
                until_at_deploy,
                offset_minutes,
                yearly,
                years_back,
                scope,
            )| {
                FreezeParams {
                    day,
                    from_kind,
                    until_kind,
                    from_time,
                    len_minutes,
                    until_at_deploy,
                    offset_minutes,
                    yearly,
                    years_back,
                    scope,
                }
            },
        )
}

/// Random configuration parameters; `None` leaves the default's value.
#[derive(Debug, Clone)]
struct Params {
    zone: Option<&'static str>,
    deploy_time: Option<(u32, u32)>,
    start_weekday: Option<Weekday>,
    cutoff_hours: Option<i64>,
    skip: Option<bool>,
    weekend: Option<Vec<Weekday>>,
    calendars: Option<Vec<&'static str>>,
    horizon_years: Option<u32>,
    /// Region keys and predecessors in listing order.
    regions: Option<Vec<(String, Vec<usize>)>>,
    freezes: Vec<FreezeParams>,
}

fn weekday() -> impl Strategy<Value = Weekday> {
    (0usize..7).prop_map(|i| WEEKDAYS[i])
}

fn weekend() -> impl Strategy<Value = Vec<Weekday>> {
    prop_oneof![
        4 => Just(vec![Weekday::Sat, Weekday::Sun]),
        1 => Just(vec![]),
        1 => Just(vec![Weekday::Sun]),
        1 => Just(vec![Weekday::Fri, Weekday::Sat]),
        2 => (0u8..128).prop_map(|mask| WEEKDAYS
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, w)| *w)
            .collect()),
    ]
}

/// The default chain written out, a diamond (a region with two predecessors), or a random DAG
/// with one root listed in a random order.
fn regions() -> impl Strategy<Value = Vec<(String, Vec<usize>)>> {
    let diamond = vec![
        ("start".to_string(), vec![]),
        ("left".to_string(), vec![0]),
        ("right".to_string(), vec![0]),
        ("join".to_string(), vec![1, 2]),
        ("last".to_string(), vec![3]),
    ];
    let dag = (1usize..=6)
        .prop_flat_map(|n| {
            let preds: Vec<_> = (1..n).map(|i| 1u32..(1 << i)).collect();
            (preds, Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        })
        .prop_map(|(masks, perm)| {
            // `perm[listing] = rank`; rank 0 is the root, rank i waits for ranks in masks[i-1].
            let n = perm.len();
            let listing_of_rank = |rank: usize| perm.iter().position(|&x| x == rank).unwrap();
            (0..n)
                .map(|listing| {
                    let rank = perm[listing];
                    let preds = if rank == 0 {
                        Vec::new()
                    } else {
                        (0..rank)
                            .filter(|p| masks[rank - 1] & (1 << p) != 0)
                            .map(listing_of_rank)
                            .collect()
                    };
                    (format!("r{rank}"), preds)
                })
                .collect()
        });
    prop_oneof![1 => Just(diamond), 2 => dag]
}

fn params() -> impl Strategy<Value = Params> {
    let opt = |p: f64| p;
    (
        (
            prop::option::weighted(
                opt(0.4),
                prop_oneof![
                    Just("America/Los_Angeles"),
                    Just("Europe/Berlin"),
                    Just("Pacific/Auckland"),
                    Just("Asia/Kolkata"),
                    Just("America/Santiago"),
                    Just("UTC"),
                ],
            ),
            prop::option::weighted(
                opt(0.3),
                prop_oneof![
                    Just((7u32, 30u32)),
                    Just((0, 0)),
                    Just((2, 30)),
                    Just((1, 30)),
                    Just((23, 30)),
                    Just((9, 0)),
                ],
            ),
            prop::option::weighted(opt(0.6), weekday()),
            prop::option::weighted(
                opt(0.6),
                prop_oneof![Just(24i64), Just(48), Just(0), 0i64..=240],
            ),
            prop::option::weighted(opt(0.6), any::<bool>()),
        ),
        (
            prop::option::weighted(opt(0.5), weekend()),
            prop::option::weighted(
                opt(0.3),
                prop_oneof![
                    Just(vec![]),
                    Just(vec!["us-federal"]),
                    Just(vec!["us-federal", "us-federal-closures"]),
                ],
            ),
            prop::option::weighted(opt(0.3), 1u32..=4),
            prop::option::weighted(opt(0.5), regions()),
            prop::collection::vec(freeze_params(), 0..=2),
        ),
    )
        .prop_map(
            |(
                (zone, deploy_time, start_weekday, cutoff_hours, skip),
                (weekend, calendars, horizon_years, regions, freezes),
            )| Params {
                zone,
                deploy_time,
                start_weekday,
                cutoff_hours,
                skip,
                weekend,
                calendars,
                horizon_years,
                regions,
                freezes,
            },
        )
}

impl Model {
    fn build(p: &Params, ready: DateTime<FixedOffset>) -> Model {
        use std::fmt::Write;
        let mut toml = String::new();
        let zone: Tz = p.zone.unwrap_or("America/Los_Angeles").parse().unwrap();
        if let Some(z) = p.zone {
            writeln!(toml, "timezone = \"{z}\"").unwrap();
        }
        let (h, mi) = p.deploy_time.unwrap_or((9, 0));
        let deploy_time = NaiveTime::from_hms_opt(h, mi, 0).unwrap();
        if p.deploy_time.is_some() {
            writeln!(toml, "deploy_time = \"{h:02}:{mi:02}\"").unwrap();
        }
        let start_weekday = p.start_weekday.unwrap_or(Weekday::Fri);
        if let Some(w) = p.start_weekday {
            writeln!(toml, "start_weekday = \"{}\"", day_name(w)).unwrap();
        }
        let cutoff_hours = p.cutoff_hours.unwrap_or(24);
        if let Some(c) = p.cutoff_hours {
            writeln!(toml, "cutoff_hours = {c}").unwrap();
        }
        let skip = p.skip.unwrap_or(false);
        if let Some(s) = p.skip {
            let policy = if s { "skip" } else { "next-deploy-day" };
            writeln!(toml, "blocked_start = \"{policy}\"").unwrap();
        }
        let weekend = p
            .weekend
            .clone()
            .unwrap_or(vec![Weekday::Sat, Weekday::Sun]);
        if let Some(w) = &p.weekend {
            let names: Vec<String> = w.iter().map(|d| format!("\"{}\"", day_name(*d))).collect();
            writeln!(toml, "weekend = [{}]", names.join(", ")).unwrap();
        }
        let calendars = p.calendars.clone().unwrap_or(vec!["us-federal"]);
        if let Some(c) = &p.calendars {
            let names: Vec<String> = c.iter().map(|n| format!("\"{n}\"")).collect();
            writeln!(toml, "calendars = [{}]", names.join(", ")).unwrap();
        }
        let horizon_years = p.horizon_years.unwrap_or(3);
        if let Some(y) = p.horizon_years {
            writeln!(toml, "horizon_years = {y}").unwrap();
        }
        let regions = p.regions.clone().unwrap_or_else(|| {
            DEFAULT_REGIONS
                .iter()
                .enumerate()
                .map(|(i, k)| (k.to_string(), if i == 0 { vec![] } else { vec![i - 1] }))
                .collect()
        });
        if p.regions.is_some() {
            for (key, preds) in &regions {
                let after: Vec<String> = preds
                    .iter()
                    .map(|&i| format!("\"{}\"", regions[i].0))
                    .collect();
                writeln!(
                    toml,
                    "\n[[region]]\nkey = \"{key}\"\nafter = [{}]",
                    after.join(", ")
                )
                .unwrap();
            }
        }
        let ready_day = ready.with_timezone(&zone).date_naive();
        let mut freezes = Vec::new();
        for (i, f) in p.freezes.iter().enumerate() {
            let mut anchor = ready_day + Duration::days(f.day);
            if f.yearly {
                anchor = with_year(anchor, anchor.year() - f.years_back);
            }
            let from_time = f.from_time.map_or(deploy_time, |(h, m)| {
                NaiveTime::from_hms_opt(h, m, 0).unwrap()
            });
            let from = anchor.and_time(from_time);
            let mut until = from + Duration::minutes(f.len_minutes);
            if f.until_at_deploy {
                until = until.date().and_time(deploy_time);
                if until <= from {
                    until += Duration::days(1);
                }
            }
            let offset = |t: NaiveDateTime| match f.offset_minutes {
                Some(m) => FixedOffset::east_opt(m * 60).unwrap(),
                None => zone
                    .offset_from_utc_datetime(&local_instant(zone, t).naive_utc())
                    .fix(),
            };
            let bound = |kind: u8, t: NaiveDateTime| match kind {
                0 => BoundM::Date(t.date()),
                1 => BoundM::Local(t),
                _ => BoundM::Instant(t, offset(t)),
            };
            let scope = f.scope.map(|mask| {
                (0..regions.len())
                    .filter(|r| mask & (1 << r) != 0)
                    .collect::<Vec<usize>>()
            });
            let freeze = FreezeM {
                name: format!("Freeze {i}"),
                from: bound(f.from_kind, from),
                until: bound(f.until_kind, until),
                scope,
                yearly: f.yearly,
            };
            writeln!(
                toml,
                "\n[[freeze]]\nname = \"{}\"\nfrom = {}\nuntil = {}",
                freeze.name,
                freeze.from.toml(),
                freeze.until.toml()
            )
            .unwrap();
            if let Some(s) = &freeze.scope {
                let keys: Vec<String> =
                    s.iter().map(|&r| format!("\"{}\"", regions[r].0)).collect();
                writeln!(toml, "regions = [{}]", keys.join(", ")).unwrap();
            }
            if freeze.yearly {
                writeln!(toml, "every = \"year\"").unwrap();
            }
            freezes.push(freeze);
        }
        if freezes.is_empty() {
            // The oracle knows only the freezes it generates: replace the default's
            // announced ones with none (a top-level key, so before any table).
            toml.insert_str(0, "freeze = []\n");
        }
        Model {
            toml,
            zone,
            deploy_time,
            start_weekday,
            cutoff_hours,
            skip,
            weekend,
            calendars,
            horizon_years,
            regions,
            freezes,
        }
    }
}

/// One test case: a readiness instant and a configuration.
#[derive(Debug, Clone)]
struct Case {
    ready: DateTime<FixedOffset>,
    model: Model,
}

fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    let timestamp = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .unwrap()
            .and_time(NaiveTime::MIN)
            .and_utc()
            .timestamp()
    };
    let any_second = timestamp(1990)..timestamp(2090);
    // A quarter of the instants fall around a new year, where the holidays crowd and yearly
    // freezes wrap.
    let new_year = (1990i32..2090, -25i64 * 86_400..25 * 86_400)
        .prop_map(move |(y, secs)| timestamp(y) + secs);
    (
        prop_oneof![3 => any_second, 1 => new_year],
        prop_oneof![(-12i32..=14).prop_map(|h| h * 60), -720i32..=840],
    )
        .prop_map(|(secs, minutes)| {
            let offset = FixedOffset::east_opt(minutes * 60).unwrap();
            DateTime::from_timestamp(secs, 0)
                .unwrap()
                .with_timezone(&offset)
        })
}

fn case() -> impl Strategy<Value = Case> {
    (
        instant(),
        prop_oneof![1 => Just(None), 4 => params().prop_map(Some)],
        // Sometimes move readiness to a train's cutoff, a second before or after it.
        prop::option::weighted(0.3, (-1i64..=1, 0i64..3)),
    )
        .prop_map(|(ready, params, snap)| {
            let params = params.unwrap_or(Params {
                zone: None,
                deploy_time: None,
                start_weekday: None,
                cutoff_hours: None,
                skip: None,
                weekend: None,
                calendars: None,
                horizon_years: None,
                regions: None,
                freezes: Vec::new(),
            });
            let mut ready = ready;
            let model = Model::build(&params, ready);
            if let Some((seconds, weeks)) = snap {
                let ready_day = ready.with_timezone(&model.zone).date_naive();
                let mut n = ready_day - Duration::days(model.cutoff_hours / 24 + 8);
                while n.weekday() != model.start_weekday
                    || deploy_instant(model.zone, n, model.deploy_time)
                        - Duration::hours(model.cutoff_hours)
                        < ready.to_utc()
                {
                    n = n.succ_opt().unwrap();
                }
                n += Duration::weeks(weeks);
                let cutoff = deploy_instant(model.zone, n, model.deploy_time)
                    - Duration::hours(model.cutoff_hours);
                ready = (cutoff + Duration::seconds(seconds)).with_timezone(ready.offset());
            }
            // Freezes are placed relative to the final readiness day.
            let model = Model::build(&params, ready);
            Case { ready, model }
        })
}

/// Loads the case's configuration; `None` when the generated freezes end before they start
/// (checked against the oracle: the configuration must be refused exactly then).
fn config_for(case: &Case) -> Result<Option<Config>, TestCaseError> {
    let m = &case.model;
    let valid = m
        .freezes
        .iter()
        .all(|f| f.until.instant(m.zone, true) > f.from.instant(m.zone, false));
    match load(&m.toml) {
        Ok(c) => {
            prop_assert!(
                valid,
                "a freeze that ends before it starts was accepted:\n{}",
                m.toml
            );
            Ok(Some(c))
        }
        Err(e) => {
            prop_assert!(!valid, "configuration refused: {e}\n{}", m.toml);
            prop_assert!(e.to_string().contains("must end after it starts"), "{e}");
            Ok(None)
        }
    }
}

fn zone_day(t: DateTime<FixedOffset>, zone: Tz) -> NaiveDate {
    t.with_timezone(&zone).date_naive()
}

/// Checks a rollout against the rules stated directly and against the oracle.
fn check_case(case: &Case) -> Result<(), TestCaseError> {
    let Some(config) = config_for(case)? else {
        return Ok(());
    };
    let m = &case.model;
    let ready = case.ready;
    // The configuration is the one the model describes.
    prop_assert_eq!(config.regions().len(), m.regions.len());
    for (i, (key, preds)) in m.regions.iter().enumerate() {
        prop_assert_eq!(&config.regions()[i].key(), key);
        let mut after: Vec<usize> = config.regions()[i]
            .after()
            .iter()
            .map(|a| a.index())
            .collect();
        after.sort_unstable();
        let mut want = preds.clone();
        want.sort_unstable();
        prop_assert_eq!(after, want);
    }
    let calendars: Vec<&str> = config.calendars().iter().map(|c| c.name.as_str()).collect();
    prop_assert_eq!(calendars, m.calendars.clone());
    let order = config.rollout_order();
    prop_assert_eq!(order.len(), m.regions.len());
    for (pos, &r) in order.iter().enumerate() {
        for &p in config.regions()[r.index()].after() {
            prop_assert!(
                order[..pos].contains(&p),
                "rollout order {:?} puts {:?} before {:?}",
                order,
                r,
                p
            );
        }
    }
    let first = config.first_region();
    prop_assert!(config.regions()[first.index()].after().is_empty());

    let scheduler = Scheduler::new(&config);
    let calendar = scheduler.calendar();
    let ready_day = zone_day(ready, config.timezone());
    let horizon_end = add_years(ready_day, m.horizon_years);
    let oracle = Oracle::new(
        m,
        &config,
        ready_day - Duration::days(60),
        horizon_end + Duration::days(60),
    );
    prop_assert!(oracle.freezes_valid());

    let result = scheduler.rollout(ready);
    let expect = oracle.expect(ready);
    let rollout: Rollout<'_> = match (result, &expect) {
        (Err(e), Expect::Horizon) if matches!(e.kind(), ErrorKind::Horizon(_)) => {
            let ErrorKind::Horizon(h) = e.kind() else {
                unreachable!()
            };
            prop_assert!(config.regions().iter().any(|r| r.key() == h.region));
            prop_assert!(!h.blockers.is_empty());
            return Ok(());
        }
        (
            Ok(r),
            Expect::Rollout {
                nominal,
                start,
                dates,
            },
        ) => {
            prop_assert_eq!(
                r.train().nominal_start.date_naive(),
                *nominal,
                "nominal start day"
            );
            prop_assert_eq!(r.train().start, *start, "train start");
            prop_assert_eq!(r.dates(), &dates[..], "region dates");
            r
        }
        (got, want) => {
            return Err(TestCaseError::fail(format!(
                "scheduler gave {got:?}, oracle expects {want:?}"
            )));
        }
    };
    prop_assert_eq!(rollout.ready(), ready);
    let train = &rollout.train();

    // Property 1: no region deploys on a day blocked for it; and the calendar agrees with the
    // oracle, reason by reason, on every day around the rollout.
    let last = *rollout.dates().iter().max().unwrap();
    for (r, &date) in rollout.dates().iter().enumerate() {
        let id = config.regions()[r].id();
        prop_assert!(
            calendar.is_deploy_day(id, date),
            "region {} deploys on blocked {}",
            r,
            date
        );
        prop_assert!(
            calendar.reasons(id, date).is_empty(),
            "region {} deploys on {} despite {:?}",
            r,
            date,
            calendar.reasons(id, date)
        );
        prop_assert!(!oracle.blocked(r, date));
    }
    for r in 0..config.regions().len() {
        let id = config.regions()[r].id();
        for day in (ready_day - Duration::days(3))
            .iter_days()
            .take_while(|d| *d <= last + Duration::days(3))
        {
            let reasons = calendar.reasons(id, day);
            let deploy = calendar.is_deploy_day(id, day);
            prop_assert_eq!(
                deploy,
                !oracle.blocked(r, day),
                "region {} day {}: reasons {:?}",
                r,
                day,
                reasons
            );
            prop_assert_eq!(
                deploy,
                reasons.is_empty(),
                "region {} day {}: {:?}",
                r,
                day,
                reasons
            );
            let weekend = reasons
                .iter()
                .filter(|x| x.kind == ReasonKind::Weekend)
                .count();
            prop_assert_eq!(weekend, usize::from(m.weekend.contains(&day.weekday())));
            let holiday = reasons.iter().any(|x| x.kind == ReasonKind::Holiday);
            prop_assert_eq!(
                holiday,
                oracle.holidays.contains(&day),
                "holiday on {}",
                day
            );
            let freezes: BTreeSet<String> = reasons
                .iter()
                .filter(|x| x.kind == ReasonKind::Freeze)
                .map(|x| x.name.clone())
                .collect();
            prop_assert_eq!(
                &freezes,
                &oracle.freezes_on(r, day),
                "freezes on {} for region {}",
                day,
                r
            );
            prop_assert!(reasons.iter().all(|x| x.kind != ReasonKind::Cutoff));
            let next = day
                .iter_days()
                .take_while(|d| *d <= calendar.last_day())
                .find(|d| calendar.is_deploy_day(id, *d));
            prop_assert_eq!(calendar.next_deploy_day(id, day), next);
        }
    }

    // Property 2: dates strictly increase along every region edge.
    for (r, region) in config.regions().iter().enumerate() {
        for p in region.after().iter().map(|p| p.index()) {
            prop_assert!(
                rollout.dates()[p] < rollout.dates()[r],
                "{} !< {}",
                rollout.dates()[p],
                rollout.dates()[r]
            );
        }
    }
    prop_assert_eq!(rollout.dates()[first.index()], train.start);

    // Property 5: the train.
    prop_assert!(
        ready <= train.cutoff,
        "ready {} after cutoff {}",
        ready,
        train.cutoff
    );
    prop_assert_eq!(
        train.cutoff.to_utc(),
        train.nominal_start.to_utc() - config.cutoff()
    );
    prop_assert_eq!(config.cutoff(), Duration::hours(m.cutoff_hours));
    prop_assert_eq!(train.nominal_start.date_naive().weekday(), m.start_weekday);
    prop_assert_eq!(
        train.nominal_start.to_utc(),
        oracle.at(train.nominal_start.date_naive())
    );
    prop_assert_eq!(train.start_at.to_utc(), oracle.at(train.start));
    prop_assert!(train.nominal_start.date_naive() <= train.start);
    prop_assert!(train.start - train.nominal_start.date_naive() < Duration::days(7));
    prop_assert!(calendar.is_deploy_day(first, train.start));
    if m.skip {
        prop_assert_eq!(train.nominal_start.date_naive(), train.start);
    }
    // No earlier train qualifies: every start-weekday between the readiness day and the
    // train's start either has a cutoff before `ready`, or leaves (or is cancelled) in a way
    // that cannot carry the connector earlier.
    let mut n = ready_day - Duration::days(m.cutoff_hours / 24 + 8);
    while n < train.start {
        if n.weekday() == m.start_weekday && oracle.cutoff(n) >= ready.to_utc() {
            // A nominal train whose cutoff this connector makes: it must leave on the same day
            // as the chosen one, or be cancelled (skip).
            let leaves = n
                .iter_days()
                .find(|d| !oracle.blocked(oracle.root(), *d))
                .unwrap();
            if m.skip {
                prop_assert!(
                    leaves != n,
                    "skip: {} runs and its cutoff {} is after {}",
                    n,
                    oracle.cutoff(n),
                    ready
                );
            } else {
                prop_assert_eq!(leaves, train.start, "train of {} leaves {}", n, leaves);
            }
        }
        n = n.succ_opt().unwrap();
    }
    // The train list agrees: the first listed train whose cutoff the connector makes.
    let runs = scheduler
        .trains(ready_day, TrainLimit::Count(12))
        .unwrap_or_default();
    if let Some(run) = runs.iter().find(|t| t.train.cutoff >= ready) {
        prop_assert_eq!(&run.train, *train);
        prop_assert_eq!(&run.dates[..], rollout.dates());
    }

    // Property 4: every waited day is explained, and every explained day was blocked.
    let explained = scheduler.explain(&rollout);
    prop_assert_eq!(explained.regions().count(), config.regions().len());
    let first_days: Vec<NaiveDate> = explained.region(first).iter().map(|s| s.date).collect();
    let want: Vec<NaiveDate> = ready_day
        .iter_days()
        .take_while(|d| *d < train.start)
        .collect();
    prop_assert_eq!(first_days, want);
    for s in explained.region(first) {
        if calendar.is_deploy_day(first, s.date) {
            prop_assert_eq!(s.reasons.len(), 1, "{:?}", s);
            prop_assert_eq!(s.reasons[0].kind, ReasonKind::Cutoff);
            // A train left that day (one the connector missed) or none did.
            let mut nominal = s.date;
            while nominal.weekday() != m.start_weekday {
                nominal = nominal.pred_opt().unwrap();
            }
            let train_left = if m.skip {
                nominal == s.date
            } else {
                nominal
                    .iter_days()
                    .take_while(|d| *d < s.date)
                    .all(|d| oracle.blocked(first.index(), d))
            };
            let missed = s.reasons[0].name.contains("missed the cutoff");
            prop_assert_eq!(missed, train_left, "{}: {}", s.date, s.reasons[0].name);
        } else {
            prop_assert!(!s.reasons.is_empty());
            prop_assert_eq!(&s.reasons, &calendar.reasons(first, s.date));
        }
    }
    for (r, region) in config.regions().iter().enumerate() {
        if region.id() == first {
            continue;
        }
        let after = region
            .after()
            .iter()
            .map(|&p| rollout.dates()[p.index()])
            .max()
            .unwrap();
        let days: Vec<NaiveDate> = explained
            .region(region.id())
            .iter()
            .map(|s| s.date)
            .collect();
        let want: Vec<NaiveDate> = after
            .succ_opt()
            .unwrap()
            .iter_days()
            .take_while(|d| *d < rollout.dates()[r])
            .collect();
        prop_assert_eq!(days, want, "region {}", r);
        for s in explained.region(region.id()) {
            prop_assert!(
                !s.reasons.is_empty(),
                "region {} day {} unexplained",
                r,
                s.date
            );
            prop_assert!(s.reasons.iter().all(|x| matches!(
                x.kind,
                ReasonKind::Weekend | ReasonKind::Holiday | ReasonKind::Freeze
            )));
            prop_assert!(!calendar.reasons(region.id(), s.date).is_empty());
            prop_assert!(oracle.blocked(r, s.date));
        }
    }
    Ok(())
}

/// Property 3: a later readiness never gives an earlier date, and the answer does not depend
/// on what else the scheduler was asked before (the order its tables are laid out in).
fn check_monotonic(case: &Case, later: DateTime<FixedOffset>) -> Result<(), TestCaseError> {
    let Some(config) = config_for(case)? else {
        return Ok(());
    };
    let zone = config.timezone();
    let (a, b) = (case.ready, later);
    let _ = zone;
    let scheduler = Scheduler::new(&config);
    // The later one first, so that its days and trains are laid out before `a`'s.
    let rb = scheduler.rollout(b);
    let ra = scheduler.rollout(a);
    let own = Scheduler::new(&config);
    let alone = own.rollout(a);
    match (&ra, &alone) {
        (Ok(x), Ok(y)) => prop_assert_eq!(x, y),
        (Err(x), Err(y)) => prop_assert_eq!(x.to_string(), y.to_string()),
        (x, y) => {
            return Err(TestCaseError::fail(format!(
                "after another rollout {x:?}, alone {y:?}"
            )));
        }
    }
    if let (Ok(ra), Ok(rb)) = (&ra, &rb) {
        prop_assert!(ra.train().cutoff <= rb.train().cutoff);
        prop_assert!(ra.train().start <= rb.train().start);
        for r in 0..config.regions().len() {
            prop_assert!(
                ra.dates()[r] <= rb.dates()[r],
                "region {}: ready {} gives {}, later ready {} gives {}",
                r,
                a,
                ra.dates()[r],
                b,
                rb.dates()[r]
            );
        }
        if rb.train().cutoff == ra.train().cutoff {
            prop_assert_eq!(&ra.dates(), &rb.dates());
        }
    }
    Ok(())
}

/// `default` cases, or as many as `PROPTEST_CASES` says (for a longer hunt).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn rollouts_obey_the_rules_and_the_oracle(case in case()) {
        check_case(&case)?;
    }

    #[test]
    fn later_readiness_is_never_earlier(
        case in case(),
        delta in prop_oneof![0i64..=3, 0i64..=60 * 60 * 24 * 3, 0i64..=60 * 60 * 24 * 60],
        offset in -720i32..=840,
    ) {
        let later = (case.ready + Duration::seconds(delta))
            .with_timezone(&FixedOffset::east_opt(offset * 60).unwrap());
        check_monotonic(&case, later)?;
    }
}

/// A ten-year freeze, scoped to all regions or one.
fn decade_config(scope: Option<usize>, kind: u8, horizon: u32) -> String {
    let (from, until) = match kind {
        0 => ("2020-01-01", "2029-12-31"),
        1 => ("2020-01-01T00:00:00", "2030-01-01T00:00:00"),
        _ => ("2020-01-01T00:00:00-08:00", "2030-01-01T00:00:00-08:00"),
    };
    let mut text = format!(
        "horizon_years = {horizon}\n\n[[freeze]]\nname = \"Decade\"\nfrom = {from}\nuntil = {until}\n"
    );
    if let Some(r) = scope {
        text.push_str(&format!("regions = [\"{}\"]\n", DEFAULT_REGIONS[r]));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    /// Property 6: a freeze longer than the horizon is an error naming the region and the
    /// freeze, never a panic or a hang.
    #[test]
    fn horizon_is_an_error_not_a_hang(
        days in 0i64..(365 * 6 + 150),
        seconds in 0i64..86_400,
        scope in prop::option::of(0usize..6),
        kind in 0u8..3,
        horizon in 1u32..=3,
        skip in any::<bool>(),
    ) {
        let mut text = decade_config(scope, kind, horizon);
        if skip {
            text = format!("blocked_start = \"skip\"\n{text}");
        }
        let config = load(&text).unwrap();
        let ready = (NaiveDate::from_ymd_opt(2020, 1, 1).unwrap().and_time(NaiveTime::MIN)
            + Duration::days(days) + Duration::seconds(seconds))
            .and_local_timezone(FixedOffset::west_opt(8 * 3600).unwrap())
            .unwrap();
        let clock = Clock::now();
        let scheduler = Scheduler::new(&config);
        let result = scheduler.rollout(ready);
        let _ = scheduler.trains(ready.date_naive(), TrainLimit::Count(5));
        prop_assert!(clock.elapsed().as_secs_f64() < 2.0, "took {:?}", clock.elapsed());
        match result.as_ref().map_err(Error::kind) {
            Err(ErrorKind::Horizon(h)) => {
                prop_assert_eq!(&h.region, DEFAULT_REGIONS[scope.unwrap_or(0)]);
                prop_assert_eq!(h.horizon_years, horizon);
                prop_assert!(
                    h.blockers.contains(&Blocker::Freeze("Decade".into())),
                    "{:?}",
                    h.blockers
                );
            }
            other => prop_assert!(false, "expected a horizon error, got {:?}", other),
        }
    }
}

#[test]
fn the_most_regions_roll_out_with_a_freeze_on_the_last() {
    use std::fmt::Write;
    let mut text = String::new();
    for i in 0..golive::MAX_REGIONS {
        writeln!(text, "[[region]]\nkey = \"r{i}\"").unwrap();
    }
    let last = golive::MAX_REGIONS - 1;
    writeln!(
        text,
        "[[freeze]]\nname = \"Last\"\nfrom = 2027-03-01\nuntil = 2027-03-31\nregions = [\"r{last}\"]"
    )
    .unwrap();
    let config = load(&text).unwrap();
    let ready = at("2026-11-22T10:00:00-08:00");
    let scheduler = Scheduler::new(&config);
    let r = scheduler.rollout(ready).unwrap();
    assert_eq!(r.dates()[0], NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    for w in r.dates().windows(2) {
        assert!(w[0] < w[1]);
    }
    for (i, d) in r.dates().iter().enumerate() {
        let id = config.regions()[i].id();
        assert!(scheduler.calendar().is_deploy_day(id, *d), "r{i} on {d}");
    }
    // The freeze holds back only the last region: the one before it deploys inside it.
    let from = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let until = NaiveDate::from_ymd_opt(2027, 3, 31).unwrap();
    assert!(
        (from..=until).contains(&r.dates()[last - 1]),
        "{}",
        r.dates()[last - 1]
    );
    assert_eq!(
        r.dates()[last],
        NaiveDate::from_ymd_opt(2027, 4, 1).unwrap()
    );
    let explained = scheduler.explain(&r);
    assert!(
        explained
            .region(config.regions()[last].id())
            .iter()
            .any(|s| s.reasons.iter().any(|x| x.name == "Last"))
    );
}

fn dates(r: &Rollout<'_>) -> Vec<String> {
    r.dates().iter().map(|d| d.to_string()).collect()
}

#[test]
fn a_yearly_freeze_wrapping_the_year_holds_early_january() {
    // Written for 2024-25, it recurs 2026-12-20 to 2027-01-20; the tables for a readiness
    // in mid-January start in 2027, after the window began.
    let config = load(
        "[[freeze]]\nname = \"Year end\"\nfrom = 2024-12-20\nuntil = 2025-01-20\nevery = \"year\"\n",
    )
    .unwrap();
    let r = ride(&config, at("2027-01-12T10:00:00-08:00"));
    assert_eq!(r.train().nominal_start, at("2027-01-15T09:00:00-08:00"));
    assert_eq!(
        dates(&r),
        [
            "2027-01-21",
            "2027-01-22",
            "2027-01-25",
            "2027-01-26",
            "2027-01-27",
            "2027-01-28"
        ]
    );
}

#[test]
fn a_yearly_freeze_from_february_29_starts_february_28_in_other_years() {
    let config = load(
        "[[freeze]]\nname = \"Leap\"\nfrom = 2024-02-29\nuntil = 2024-03-02\nevery = \"year\"\n",
    )
    .unwrap();
    let r = ride(&config, at("2025-02-25T10:00:00-08:00"));
    assert_eq!(
        dates(&r),
        [
            "2025-03-03",
            "2025-03-04",
            "2025-03-05",
            "2025-03-06",
            "2025-03-07",
            "2025-03-10"
        ]
    );
    let scheduler = Scheduler::new(&config);
    let friday = NaiveDate::from_ymd_opt(2025, 2, 28).unwrap();
    let reasons = scheduler.calendar().reasons(config.first_region(), friday);
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert_eq!(
        (reasons[0].kind, reasons[0].name.as_str()),
        (ReasonKind::Freeze, "Leap")
    );
}

#[test]
fn every_day_a_weekend_is_a_horizon_error() {
    let config = load(
        "horizon_years = 100\nweekend = [\"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\", \"saturday\", \"sunday\"]\n",
    )
    .unwrap();
    let ready = DateTime::parse_from_rfc3339("2026-11-22T10:00:00-08:00").unwrap();
    let clock = Clock::now();
    let err = Scheduler::new(&config).rollout(ready).unwrap_err();
    assert!(
        clock.elapsed().as_secs_f64() < 5.0,
        "took {:?}",
        clock.elapsed()
    );
    match err.kind() {
        ErrorKind::Horizon(h) => {
            assert_eq!(h.region, "testing");
            assert!(h.blockers.contains(&Blocker::Weekend), "{:?}", h.blockers);
        }
        other => panic!("expected a horizon error, got {other:?}"),
    }
}

#[test]
fn a_long_horizon_crosses_a_decade_freeze() {
    let config = load(&decade_config(None, 0, 100)).unwrap();
    let ready = DateTime::parse_from_rfc3339("2021-06-01T10:00:00-07:00").unwrap();
    let clock = Clock::now();
    let r = golive::when(&config, ready).unwrap();
    assert!(
        clock.elapsed().as_secs_f64() < 5.0,
        "took {:?}",
        clock.elapsed()
    );
    // Every Friday train of the frozen years leaves on the first deploy day after the freeze:
    // Wednesday 2030-01-02 (New Year's Day is a holiday). They are one train, with the cutoff
    // of the last of them (Friday 2029-12-28).
    assert_eq!(
        r.train().start,
        NaiveDate::from_ymd_opt(2030, 1, 2).unwrap()
    );
    assert_eq!(
        r.train().nominal_start.date_naive(),
        NaiveDate::from_ymd_opt(2029, 12, 28).unwrap()
    );
    assert_eq!(r.train().cutoff, at("2029-12-27T09:00:00-08:00"));
    // With policy skip, the cancelled trains' passengers take the first Friday that runs.
    let config = load(&format!(
        "blocked_start = \"skip\"\n{}",
        decade_config(None, 0, 100)
    ))
    .unwrap();
    let r = golive::when(&config, ready).unwrap();
    assert_eq!(
        r.train().start,
        NaiveDate::from_ymd_opt(2030, 1, 4).unwrap()
    );
    assert_eq!(r.train().nominal_start.date_naive(), r.train().start);
}

// DST and the cutoff: 48 elapsed hours before Monday 09:00 is 08:00 (spring forward) or 10:00
// (fall back) on the Saturday before.

fn monday_48() -> Config {
    load("start_weekday = \"monday\"\ncutoff_hours = 48\n").unwrap()
}

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn ride(config: &Config, ready: DateTime<FixedOffset>) -> Rollout<'_> {
    golive::when(config, ready).unwrap()
}

fn check_dst_cutoff(nominal: &str, cutoff: &str, local_hour: u32, next_start: &str) {
    let config = monday_48();
    let nominal = at(nominal);
    let cutoff = at(cutoff);
    assert_eq!(nominal - cutoff, Duration::hours(48));
    let r = ride(&config, cutoff);
    assert_eq!(r.train().nominal_start, nominal);
    assert_eq!(r.train().cutoff, cutoff);
    assert_eq!(
        r.train().cutoff.to_utc() - r.train().nominal_start.to_utc(),
        Duration::hours(-48)
    );
    assert_eq!(r.train().nominal_start.hour(), 9);
    assert_eq!(r.train().cutoff.hour(), local_hour);
    assert_eq!(r.train().start, nominal.date_naive());
    // Readiness exactly at the cutoff rides, given in any offset.
    let r = ride(
        &config,
        cutoff.with_timezone(&FixedOffset::east_opt(14 * 3600).unwrap()),
    );
    assert_eq!(r.train().start, nominal.date_naive());
    // One second later does not.
    let late = ride(&config, cutoff + Duration::seconds(1));
    assert_eq!(late.train().start.to_string(), next_start);
    assert_eq!(
        late.train().nominal_start - Duration::hours(48),
        late.train().cutoff
    );
}

#[test]
fn dst_spring_forward_cutoff_is_48_elapsed_hours() {
    // US DST starts Sunday 2026-03-08: Monday 09:00 PDT is Saturday 08:00 PST minus 48 h.
    check_dst_cutoff(
        "2026-03-09T09:00:00-07:00",
        "2026-03-07T08:00:00-08:00",
        8,
        "2026-03-16",
    );
}

#[test]
fn dst_fall_back_cutoff_is_48_elapsed_hours() {
    // US DST ends Sunday 2026-11-01: Monday 09:00 PST is Saturday 10:00 PDT minus 48 h.
    check_dst_cutoff(
        "2026-11-02T09:00:00-08:00",
        "2026-10-31T10:00:00-07:00",
        10,
        "2026-11-09",
    );
}

#[test]
fn dst_cutoff_in_the_schedule_zone_reads_local_time() {
    let config = monday_48();
    let r = ride(&config, at("2026-03-07T08:00:00-08:00"));
    let local = r.train().cutoff.with_timezone(&config.timezone());
    assert_eq!(
        local.format("%Y-%m-%d %H:%M %Z").to_string(),
        "2026-03-07 08:00 PST"
    );
    let r = ride(&config, at("2026-10-31T10:00:00-07:00"));
    let local = r.train().cutoff.with_timezone(&config.timezone());
    assert_eq!(
        local.format("%Y-%m-%d %H:%M %Z").to_string(),
        "2026-10-31 10:00 PDT"
    );
}

#[test]
fn policies_are_both_exercised_on_a_blocked_start() {
    // Friday 2026-12-25 is Christmas: next-deploy-day leaves Monday 12-28, skip waits for 2027-01-08
    // (Friday 2027-01-01 is New Year's Day, cancelled too).
    let ready = at("2026-12-18T10:00:00-08:00");
    let next = Config::embedded().unwrap();
    assert_eq!(
        ride(&next, ready).train().start,
        NaiveDate::from_ymd_opt(2026, 12, 28).unwrap()
    );
    assert_eq!(BlockedStart::NextDeployDay, next.blocked_start());
    let skip = load("blocked_start = \"skip\"\n").unwrap();
    let r = ride(&skip, ready);
    assert_eq!(
        r.train().start,
        NaiveDate::from_ymd_opt(2027, 1, 8).unwrap()
    );
    assert_eq!(r.train().cutoff, at("2027-01-07T09:00:00-08:00"));
}
