//! The calendar layer: which days are deploy days for which region, and why not ("deploy day" in
//! docs/rules.md).
//!
//! A day is a deploy day for a region when it is not a weekend day, not a holiday of any
//! configured calendar (its actual or its observed date), and its deploy instant lies in no
//! freeze window that applies to the region. [`Calendar`] lays this out once per year, the
//! first time a day of that year is asked about, into per-day tables: a bit per region saying
//! whether the day is blocked for it, and for every region the next deploy day on or after
//! each day. After that, "the first deploy day on or after D" is one lookup, however long a
//! freeze or holiday stretch is. Reasons (weekend, holiday names, freeze names) are only looked
//! up when a day has to be explained.

use std::fmt;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::config::{Config, RegionId};
use crate::error::{Blocker, Error, Result};
use crate::holidays::HolidayDate;
use crate::time::deploy_instant;

/// The years golive answers for: readiness instants, trains and every day a rollout reaches.
/// The holiday calendars are modelled from 1971 (the Uniform Monday Holiday Act); the end is
/// where the time zone database golive is built with (chrono-tz) stops listing daylight-saving
/// transitions: past 2099 every zone would be read as standard time all year.
pub const SUPPORTED_YEARS: RangeInclusive<i32> = 1971..=2099;

/// The first day golive answers for: the start of [`SUPPORTED_YEARS`].
pub(crate) fn first_supported_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(*SUPPORTED_YEARS.start(), 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The last day golive answers for: the end of [`SUPPORTED_YEARS`].
pub(crate) fn last_supported_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(*SUPPORTED_YEARS.end(), 12, 31).unwrap_or(NaiveDate::MAX)
}

/// Refuses days outside [`SUPPORTED_YEARS`], naming `argument`.
pub fn check_year(day: NaiveDate, argument: &str) -> Result<()> {
    check_supported_year(day.year(), argument, &day.to_string())
}

/// Refuses a year outside [`SUPPORTED_YEARS`], naming `argument` and the `value` it was given
/// as (`--year 1970`), for answers asked by the year rather than by the day.
///
/// # Example
/// ```
/// assert!(golive::check_supported_year(2026, "--year", "2026").is_ok());
/// let e = golive::check_supported_year(1970, "--year", "1970").unwrap_err();
/// assert!(e.to_string().contains("1971 to 2099"));
/// ```
pub fn check_supported_year(year: i32, argument: &str, value: &str) -> Result<()> {
    if SUPPORTED_YEARS.contains(&year) {
        return Ok(());
    }
    Err(Error::argument(
        argument,
        value,
        format!(
            "is outside the years golive can answer for ({} to {}; holidays are modelled from 1971)",
            SUPPORTED_YEARS.start(),
            SUPPORTED_YEARS.end()
        ),
    ))
}

/// Why a day was passed over.
///
/// In JSON, `{"kind", "name", "source"}`: `source` is a string for a freeze that names where
/// its dates were announced, null otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The kind of reason.
    pub kind: ReasonKind,
    /// What exactly: the weekday, the holiday's or freeze's name, or the train missed.
    pub name: String,
    /// For a freeze, where its dates were announced (its `source`); `None` otherwise.
    pub source: Option<String>,
}

impl Reason {
    /// A reason without a source.
    pub(crate) fn new(kind: ReasonKind, name: impl Into<String>) -> Reason {
        Reason {
            kind,
            name: name.into(),
            source: None,
        }
    }

    /// The name, and the source in brackets when there is one: "Holiday season 2024/25
    /// (microsoft/PowerPlatformConnectors PR #3709, ...)".
    pub fn label(&self) -> String {
        match &self.source {
            Some(s) => format!("{} ({s})", self.name),
            None => self.name.clone(),
        }
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        // `source` is always there (null but for a freeze that names one): docs/json.md.
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("kind", &self.kind)?;
        map.serialize_entry("name", &self.name)?;
        map.serialize_entry("source", &self.source)?;
        map.end()
    }
}

/// The kinds of reason a day is passed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReasonKind {
    /// A configured weekend day.
    Weekend,
    /// A holiday of a configured calendar (its actual or its observed date).
    Holiday,
    /// A freeze window in force at the day's deploy instant.
    Freeze,
    /// No train the connector could ride left that day: it was waiting for its train, or it
    /// missed that day's train's cutoff.
    Cutoff,
}

impl fmt::Display for ReasonKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReasonKind::Weekend => "weekend",
            ReasonKind::Holiday => "holiday",
            ReasonKind::Freeze => "freeze",
            ReasonKind::Cutoff => "cutoff",
        })
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.label())
    }
}

/// One freeze window, resolved to instants and to the schedule zone's days it starts and ends
/// on.
#[derive(Debug, Clone)]
struct Window {
    freeze: usize,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    start_day: NaiveDate,
    end_day: NaiveDate,
}

/// "No deploy day on or after this one within the year".
const NONE: u16 = u16::MAX;

/// One year's tables.
#[derive(Debug, Clone)]
struct Year {
    first: NaiveDate,
    /// Per day: bit `r` is set when the day is blocked for region `r`.
    blocked: Box<[u64]>,
    /// Per region, per day (region-major): the day of the year of the first deploy day on or
    /// after it, or [`NONE`].
    next_ok: Box<[u16]>,
    /// The holidays of the year: day, calendar index and the holiday, by day then calendar.
    holidays: Vec<(NaiveDate, usize, HolidayDate)>,
}

impl Year {
    fn len(&self) -> usize {
        self.blocked.len()
    }

    fn holidays_on(&self, date: NaiveDate) -> &[(NaiveDate, usize, HolidayDate)] {
        let lo = self.holidays.partition_point(|h| h.0 < date);
        let hi = self.holidays.partition_point(|h| h.0 <= date);
        &self.holidays[lo..hi]
    }
}

/// Deploy days for every region over the supported years, with their reasons. Each year's
/// tables are laid out the first time it is asked about.
#[derive(Debug, Clone)]
pub struct Calendar<'c> {
    config: &'c Config,
    years: Box<[OnceLock<Year>]>,
    /// Freeze windows, sorted by start.
    windows: Vec<Window>,
    /// The longest window, so that the windows holding an instant are found among those
    /// that start at most this long before it.
    longest: Duration,
}

impl<'c> Calendar<'c> {
    /// The deploy days of `config`'s regions over the supported years.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// let config = golive::Config::embedded()?;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// let cal = golive::Calendar::new(&config);
    /// let testing = config.first_region();
    /// // Thanksgiving is not a deploy day; the next one for Testing is Friday.
    /// assert!(!cal.is_deploy_day(testing, d(11, 26)));
    /// assert_eq!(cal.next_deploy_day(testing, d(11, 26)), Some(d(11, 27)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(config: &'c Config) -> Calendar<'c> {
        let zone = config.timezone();
        let mut windows = Vec::new();
        for (f, freeze) in config.freezes().iter().enumerate() {
            for (start, end) in freeze.windows(zone, SUPPORTED_YEARS) {
                windows.push(Window {
                    freeze: f,
                    start,
                    end,
                    start_day: start.with_timezone(&zone).date_naive(),
                    end_day: end.with_timezone(&zone).date_naive(),
                });
            }
        }
        windows.sort_by_key(|w| (w.start, w.freeze));
        let longest = windows
            .iter()
            .map(|w| w.end - w.start)
            .max()
            .unwrap_or_else(Duration::zero);
        let years = SUPPORTED_YEARS.map(|_| OnceLock::new()).collect();
        Calendar {
            config,
            years,
            windows,
            longest,
        }
    }

    /// The configuration this calendar was built from.
    pub fn config(&self) -> &'c Config {
        self.config
    }

    /// The first day the calendar covers.
    pub fn first_day(&self) -> NaiveDate {
        first_supported_day()
    }

    /// The last day the calendar covers.
    pub fn last_day(&self) -> NaiveDate {
        last_supported_day()
    }

    /// The tables of `year`, laid out on first use; `None` outside the supported years.
    fn year(&self, year: i32) -> Option<&Year> {
        let i = usize::try_from(year - SUPPORTED_YEARS.start()).ok()?;
        Some(self.years.get(i)?.get_or_init(|| self.lay_out(year)))
    }

    /// Whether `region` is one of this calendar's configuration's.
    fn valid(&self, region: RegionId) -> bool {
        region.index() < self.config.regions().len()
    }

    /// Whether `date` is a deploy day for `region`. Days outside the supported years are not.
    pub fn is_deploy_day(&self, region: RegionId, date: NaiveDate) -> bool {
        if !self.valid(region) {
            return false;
        }
        self.year(date.year())
            .is_some_and(|y| y.blocked[date.ordinal0() as usize] & region.bit() == 0)
    }

    /// The first deploy day for `region` on or after `date`, if the supported years hold one.
    pub fn next_deploy_day(&self, region: RegionId, date: NaiveDate) -> Option<NaiveDate> {
        if !self.valid(region) {
            return None;
        }
        let mut day = date.max(self.first_day());
        loop {
            let year = self.year(day.year())?;
            let at = region.index() * year.len() + day.ordinal0() as usize;
            match year.next_ok[at] {
                NONE => day = NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)?,
                n => return Some(year.first + Duration::days(i64::from(n))),
            }
        }
    }

    /// The deploy instant of `date`: the deploy time on that day in the schedule zone.
    pub fn deploy_instant(&self, date: NaiveDate) -> DateTime<Tz> {
        deploy_instant(self.config.timezone(), date, self.config.deploy_time())
    }

    /// The tables of `year`.
    fn lay_out(&self, year: i32) -> Year {
        let config = self.config;
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(first);
        let len = (last - first).num_days() as usize + 1;
        let all = config.all_regions();
        let mut blocked = vec![0u64; len];
        for (i, day) in first.iter_days().take(len).enumerate() {
            if config.weekend().contains(&day.weekday()) {
                blocked[i] = all;
            }
        }
        let mut holidays = Vec::new();
        for (c, cal) in config.calendars().iter().enumerate() {
            for h in cal.dates(first, last) {
                blocked[h.date.ordinal0() as usize] = all;
                holidays.push((h.date, c, h));
            }
        }
        // By day, then calendar; a calendar's own order within a day is kept.
        holidays.sort_by_key(|h| (h.0, h.1));

        // Windows that may block a day of the year: those starting before its end and ending
        // after its start, with a day to spare either side for the deploy time.
        let (lo_day, hi_day) = (first - Duration::days(1), last + Duration::days(1));
        let until = self.windows.partition_point(|w| w.start_day <= hi_day);
        for w in self.windows[..until].iter().filter(|w| w.end_day >= lo_day) {
            let freeze = &config.freezes()[w.freeze];
            let mask = config
                .region_ids()
                .filter(|&r| freeze.applies_to(r))
                .fold(0u64, |m, r| m | r.bit());
            // A day strictly between the local days the window starts and ends on is inside
            // it whatever its deploy time, so only the days at the ends need their deploy
            // instant: a five-year freeze costs a few look-ups, not one per day.
            let lo = (w.start_day - Duration::days(1)).max(first);
            let hi = (w.end_day + Duration::days(1)).min(last);
            for day in lo.iter_days().take_while(|d| *d <= hi) {
                let inside = (w.start_day < day && day < w.end_day) || {
                    let at = self.deploy_instant(day).to_utc();
                    w.start <= at && at < w.end
                };
                if inside {
                    blocked[day.ordinal0() as usize] |= mask;
                }
            }
        }

        let regions = config.regions().len();
        let mut next_ok = vec![NONE; regions * len];
        for r in config.region_ids() {
            let (bit, row) = (r.bit(), r.index() * len);
            let mut upcoming = NONE;
            for i in (0..len).rev() {
                if blocked[i] & bit == 0 {
                    upcoming = i as u16;
                }
                next_ok[row + i] = upcoming;
            }
        }
        Year {
            first,
            blocked: blocked.into(),
            next_ok: next_ok.into(),
            holidays,
        }
    }

    /// Why `date` is not a deploy day for `region`: empty when it is one.
    pub fn reasons(&self, region: RegionId, date: NaiveDate) -> Vec<Reason> {
        let mut out = Vec::new();
        if !self.valid(region) {
            return out;
        }
        if self.config.weekend().contains(&date.weekday()) {
            out.push(Reason::new(
                ReasonKind::Weekend,
                date.format("%A").to_string(),
            ));
        }
        if let Some(year) = self.year(date.year()) {
            for (_, _, h) in year.holidays_on(date) {
                let name = match h.observes {
                    Some(actual) => format!("{} (observed; the holiday falls on {actual})", h.name),
                    None => h.name.to_string(),
                };
                out.push(Reason::new(ReasonKind::Holiday, name));
            }
        }
        for f in self.freezes_holding(region, self.deploy_instant(date).to_utc()) {
            let freeze = &self.config.freezes()[f];
            let name = freeze.name();
            if !out
                .iter()
                .any(|r| r.kind == ReasonKind::Freeze && r.name == name)
            {
                out.push(Reason {
                    kind: ReasonKind::Freeze,
                    name: name.to_string(),
                    source: freeze.source().map(str::to_string),
                });
            }
        }
        out
    }

    /// Whether any configured freeze window, for any region, overlaps `[start, end)`.
    pub(crate) fn frozen_during(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        // Only windows starting within the longest window's length before `start` can reach it.
        let lo = self
            .windows
            .partition_point(|w| w.start < start - self.longest);
        self.windows[lo..]
            .iter()
            .take_while(|w| w.start < end)
            .any(|w| w.end > start)
    }

    /// The freezes (by index) with a window holding `at` that applies to `region`, in the
    /// order of the configuration's freezes.
    fn freezes_holding(&self, region: RegionId, at: DateTime<Utc>) -> Vec<usize> {
        if self.windows.is_empty() {
            return Vec::new();
        }
        // Only windows starting within the longest window's length before `at` can hold it.
        let lo = self
            .windows
            .partition_point(|w| w.start < at - self.longest);
        let hi = self.windows.partition_point(|w| w.start <= at);
        let mut holding: Vec<usize> = self.windows[lo..hi]
            .iter()
            .filter(|w| at < w.end && self.config.freezes()[w.freeze].applies_to(region))
            .map(|w| w.freeze)
            .collect();
        holding.sort_unstable();
        holding
    }

    /// What blocked `region` on the days `from..=until`: the weekend, calendars and freezes,
    /// each once, in the order a walk through the days would meet them. Used to say why no
    /// deploy day was found; [`Blocker::EndOfSearch`] when nothing did.
    pub fn blockers(&self, region: RegionId, from: NaiveDate, until: NaiveDate) -> Vec<Blocker> {
        // Each blocker with the first day it blocks; found per weekday, holiday and window
        // rather than per day, so that a century of blocked days costs milliseconds.
        let mut found: Vec<(NaiveDate, u8, usize, Blocker)> = Vec::new();
        let (from, until) = (from.max(self.first_day()), until.min(self.last_day()));
        if let Some(day) = from
            .iter_days()
            .take_while(|d| *d <= until)
            .take(7)
            .find(|d| self.config.weekend().contains(&d.weekday()))
        {
            found.push((day, 0, 0, Blocker::Weekend));
        }
        if from <= until {
            for y in from.year()..=until.year() {
                let Some(year) = self.year(y) else { continue };
                for (day, c, _) in year
                    .holidays
                    .iter()
                    .filter(|h| (from..=until).contains(&h.0))
                {
                    let name = self.config.calendars()[*c].name.clone();
                    found.push((*day, 1, *c, Blocker::Calendar(name)));
                }
            }
        }
        let blocks = |day: NaiveDate, w: &Window| {
            let at = self.deploy_instant(day).to_utc();
            w.start <= at && at < w.end
        };
        for w in &self.windows {
            if !self.config.freezes()[w.freeze].applies_to(region) {
                continue;
            }
            let (lo, hi) = (w.start_day.max(from), w.end_day.min(until));
            // The window's first day may not be blocked (its deploy time comes before the
            // window opens); every day after it, up to its last, is.
            let first = [lo, lo.succ_opt().unwrap_or(lo)]
                .into_iter()
                .filter(|d| *d <= hi)
                .find(|&d| (w.start_day < d && d < w.end_day) || blocks(d, w));
            if let Some(day) = first {
                let name = self.config.freezes()[w.freeze].name().to_string();
                found.push((day, 2, w.freeze, Blocker::Freeze(name)));
            }
        }
        found.sort_by_key(|f| (f.0, f.1, f.2));
        let mut out: Vec<Blocker> = Vec::new();
        for (.., blocker) in found {
            if !out.contains(&blocker) {
                out.push(blocker);
            }
        }
        if out.is_empty() {
            out.push(Blocker::EndOfSearch);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What [`Calendar::blockers`] must say, found the slow way: every day, every reason.
    fn blockers_day_by_day(
        cal: &Calendar<'_>,
        region: RegionId,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Vec<Blocker> {
        let mut out: Vec<Blocker> = Vec::new();
        let mut add = |b: Blocker| {
            if !out.contains(&b) {
                out.push(b);
            }
        };
        for day in from.iter_days().take_while(|d| *d <= until) {
            if cal.config.weekend().contains(&day.weekday()) {
                add(Blocker::Weekend);
            }
            if let Some(year) = cal.year(day.year()) {
                for (_, c, _) in year.holidays_on(day) {
                    add(Blocker::Calendar(cal.config.calendars()[*c].name.clone()));
                }
            }
            for r in cal.reasons(region, day) {
                if r.kind == ReasonKind::Freeze {
                    add(Blocker::Freeze(r.name));
                }
            }
        }
        if out.is_empty() {
            out.push(Blocker::EndOfSearch);
        }
        out
    }

    fn config() -> Config {
        let text = "calendars = [\"us-federal\", \"us-federal-closures\"]\n\
            [[freeze]]\nname = \"Evening\"\nfrom = 2027-03-10T10:00:00-08:00\nuntil = 2027-03-12T08:00:00-08:00\n\
            [[freeze]]\nname = \"Days\"\nfrom = 2027-03-11\nuntil = 2027-03-20\nregions = [\"asia\"]\n\
            [[freeze]]\nname = \"Year end\"\nfrom = 2026-12-20\nuntil = 2027-01-03\nevery = \"year\"\n\
            [[freeze]]\nname = \"Night\"\nfrom = 2027-04-01T20:00:00-07:00\nuntil = 2027-04-02T06:00:00-07:00\n";
        Config::from_toml("t.toml", text).unwrap()
    }

    proptest! {
        /// The blockers found per window equal those found per day, in the same order, over
        /// ranges starting and ending anywhere around timed, whole-day, scoped and yearly
        /// freezes (one whose window opens after the day's deploy time).
        #[test]
        fn blockers_per_window_equal_blockers_per_day(
            start in 0i64..800,
            length in 0i64..120,
            region in 0usize..6,
        ) {
            let config = config();
            let cal = Calendar::new(&config);
            let from = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() + Duration::days(start);
            let until = from + Duration::days(length);
            let region = config.regions()[region].id();
            prop_assert_eq!(
                cal.blockers(region, from, until),
                blockers_day_by_day(&cal, region, from, until)
            );
        }
    }

    /// The next deploy day looked up in the tables is the first day on or after that is a
    /// deploy day, across year boundaries and a freeze that spans one.
    #[test]
    fn next_deploy_day_crosses_years() {
        let config = config();
        let cal = Calendar::new(&config);
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        for r in config.region_ids() {
            for day in d(2026, 12, 1).iter_days().take(60) {
                let slow = day.iter_days().find(|x| cal.is_deploy_day(r, *x));
                assert_eq!(cal.next_deploy_day(r, day), slow, "{day}");
            }
        }
        // The year-end freeze runs to January 3; January 4 2027 is a Monday.
        assert_eq!(
            cal.next_deploy_day(config.first_region(), d(2026, 12, 19)),
            Some(d(2027, 1, 4))
        );
    }

    /// A region id from a larger configuration is no region here: no deploy day, no panic.
    #[test]
    fn a_foreign_region_id_is_no_region() {
        let big = Config::from_toml(
            "big.toml",
            &(0..64)
                .map(|i| format!("[[region]]\nkey = \"r{i}\"\n"))
                .collect::<String>(),
        )
        .unwrap();
        let small = Config::embedded().unwrap();
        let cal = Calendar::new(&small);
        let last = big.regions()[63].id();
        let d = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert!(!cal.is_deploy_day(last, d));
        assert_eq!(cal.next_deploy_day(last, d), None);
        assert!(cal.reasons(last, d).is_empty());
    }
}
