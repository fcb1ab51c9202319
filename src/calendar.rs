//! The calendar layer: which days are deploy days for which region, and why not.
//!
//! [`Calendar`] expands the configured holiday calendars and freeze windows over a range of
//! days once, into per-day tables: a bit per region saying whether the day is blocked for it,
//! and for every region the index of the next deploy day on or after each day. After that,
//! "the first deploy day on or after D" is one lookup, however long a freeze or holiday
//! stretch is. Reasons (weekend, holiday names, freeze names) are only looked up when a day
//! has to be explained.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::config::Config;
use crate::error::short;
use crate::holidays::HolidayDate;
use crate::time::deploy_instant;

/// Why a day was passed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The kind of reason.
    pub kind: ReasonKind,
    /// What exactly: the weekday, the holiday's or freeze's name, or the train missed.
    pub name: String,
}

/// The kinds of reason a day is passed over (SPEC "Output contract").
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
        write!(f, "{}: {}", self.kind, self.name)
    }
}

/// One freeze window, resolved to instants.
#[derive(Debug, Clone)]
struct Window {
    freeze: usize,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

const NONE: u32 = u32::MAX;

/// What [`Calendar::blockers`] says when nothing in the range blocked the region.
pub(crate) const END_OF_RANGE: &str = "the end of the searched range";

/// Deploy days for every region over a fixed range of days, with their reasons.
#[derive(Debug, Clone)]
pub struct Calendar<'c> {
    config: &'c Config,
    first: NaiveDate,
    /// Per day: bit `r` is set when the day is blocked for region `r`.
    blocked: Vec<u64>,
    /// Per region, per day: index of the first deploy day on or after it, or `NONE`.
    next_ok: Vec<Vec<u32>>,
    holidays: BTreeMap<NaiveDate, Vec<(usize, HolidayDate)>>,
    /// Freeze windows, sorted by start.
    windows: Vec<Window>,
    /// The longest window, so that the windows holding an instant are found among those
    /// that start at most this long before it.
    longest: Duration,
}

impl<'c> Calendar<'c> {
    /// Expands `config`'s weekends, holidays and freezes over `first..=last`.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// let config = golive::Config::embedded()?;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// let cal = golive::Calendar::new(&config, d(11, 1), d(12, 31));
    /// // Thanksgiving is not a deploy day; the next one for Testing is Friday.
    /// assert!(!cal.is_deploy_day(0, d(11, 26)));
    /// assert_eq!(cal.next_deploy_day(0, d(11, 26)), Some(d(11, 27)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(config: &'c Config, first: NaiveDate, last: NaiveDate) -> Calendar<'c> {
        let last = last.max(first);
        let len = (last - first).num_days() as usize + 1;
        let all: u64 = if config.regions.len() == 64 {
            u64::MAX
        } else {
            (1u64 << config.regions.len()) - 1
        };
        let mut blocked = vec![0u64; len];

        for (i, day) in first.iter_days().take(len).enumerate() {
            if config.weekend.contains(&day.weekday()) {
                blocked[i] = all;
            }
        }

        let mut holidays: BTreeMap<NaiveDate, Vec<(usize, HolidayDate)>> = BTreeMap::new();
        for (c, cal) in config.calendars.iter().enumerate() {
            for h in cal.dates(first, last) {
                blocked[(h.date - first).num_days() as usize] = all;
                holidays.entry(h.date).or_default().push((c, h));
            }
        }

        let zone = config.timezone;
        let mut windows = Vec::new();
        for (f, freeze) in config.freezes.iter().enumerate() {
            let mask = (0..config.regions.len())
                .filter(|&r| freeze.applies_to(r))
                .fold(0u64, |m, r| m | 1 << r);
            for (start, end) in freeze.windows(zone, first.year()..=last.year()) {
                windows.push(Window {
                    freeze: f,
                    start,
                    end,
                });
                // Days whose deploy instant may fall in the window: a day either side of
                // its ends, clipped to the table. A day strictly between the local days the
                // window starts and ends on is inside it whatever its deploy time, so only
                // the days at the ends need their deploy instant: a five-year freeze costs
                // a few look-ups, not one per day.
                let (start_day, end_day) = (
                    start.with_timezone(&zone).date_naive(),
                    end.with_timezone(&zone).date_naive(),
                );
                let lo = (start_day - Duration::days(1)).max(first);
                let hi = (end_day + Duration::days(1)).min(last);
                if lo > hi {
                    continue;
                }
                for day in lo.iter_days().take_while(|d| *d <= hi) {
                    let inside = (start_day < day && day < end_day) || {
                        let at = deploy_instant(zone, day, config.deploy_time).to_utc();
                        start <= at && at < end
                    };
                    if inside {
                        blocked[(day - first).num_days() as usize] |= mask;
                    }
                }
            }
        }

        let next_ok = (0..config.regions.len())
            .map(|r| {
                let bit = 1u64 << r;
                let mut next = vec![NONE; len];
                let mut upcoming = NONE;
                for i in (0..len).rev() {
                    if blocked[i] & bit == 0 {
                        upcoming = i as u32;
                    }
                    next[i] = upcoming;
                }
                next
            })
            .collect();

        windows.sort_by_key(|w| (w.start, w.freeze));
        let longest = windows
            .iter()
            .map(|w| w.end - w.start)
            .max()
            .unwrap_or_else(Duration::zero);
        Calendar {
            config,
            first,
            blocked,
            next_ok,
            holidays,
            windows,
            longest,
        }
    }

    /// The configuration this calendar was built from.
    pub fn config(&self) -> &'c Config {
        self.config
    }

    /// The first day the tables cover.
    pub fn first_day(&self) -> NaiveDate {
        self.first
    }

    /// The last day the tables cover.
    pub fn last_day(&self) -> NaiveDate {
        self.first + Duration::days(self.blocked.len() as i64 - 1)
    }

    fn index(&self, date: NaiveDate) -> Option<usize> {
        let i = (date - self.first).num_days();
        (0..self.blocked.len() as i64)
            .contains(&i)
            .then_some(i as usize)
    }

    /// Whether `date` is a deploy day for region `region`. Days outside the tables are not.
    pub fn is_deploy_day(&self, region: usize, date: NaiveDate) -> bool {
        self.index(date)
            .is_some_and(|i| self.blocked[i] & (1 << region) == 0)
    }

    /// The first deploy day for `region` on or after `date`, if the tables hold one.
    pub fn next_deploy_day(&self, region: usize, date: NaiveDate) -> Option<NaiveDate> {
        let i = if date < self.first {
            0
        } else {
            self.index(date)?
        };
        let n = self.next_ok[region][i];
        (n != NONE).then(|| self.first + Duration::days(i64::from(n)))
    }

    /// The deploy instant of `date`: the deploy time on that day in the schedule zone.
    pub fn deploy_instant(&self, date: NaiveDate) -> DateTime<Tz> {
        deploy_instant(self.config.timezone, date, self.config.deploy_time)
    }

    /// Why `date` is not a deploy day for `region`: empty when it is one.
    pub fn reasons(&self, region: usize, date: NaiveDate) -> Vec<Reason> {
        let mut out = Vec::new();
        if self.config.weekend.contains(&date.weekday()) {
            out.push(Reason {
                kind: ReasonKind::Weekend,
                name: date.format("%A").to_string(),
            });
        }
        if let Some(hs) = self.holidays.get(&date) {
            for (_, h) in hs {
                let name = match h.observes {
                    Some(actual) => format!("{} (observed; the holiday falls on {actual})", h.name),
                    None => h.name.to_string(),
                };
                out.push(Reason {
                    kind: ReasonKind::Holiday,
                    name,
                });
            }
        }
        if !self.windows.is_empty() {
            let at = self.deploy_instant(date).to_utc();
            // Only windows starting within the longest window's length before `at` can
            // hold it; they are named in the order of the configuration's freezes.
            let lo = self
                .windows
                .partition_point(|w| w.start < at - self.longest);
            let hi = self.windows.partition_point(|w| w.start <= at);
            let mut holding: Vec<usize> = self.windows[lo..hi]
                .iter()
                .filter(|w| at < w.end && self.config.freezes[w.freeze].applies_to(region))
                .map(|w| w.freeze)
                .collect();
            holding.sort_unstable();
            for f in holding {
                let name = &self.config.freezes[f].name;
                if !out
                    .iter()
                    .any(|r| r.kind == ReasonKind::Freeze && r.name == *name)
                {
                    out.push(Reason {
                        kind: ReasonKind::Freeze,
                        name: name.clone(),
                    });
                }
            }
        }
        out
    }

    /// What blocked `region` on the days `from..=until`: "weekend", calendars and freezes by
    /// name, each once. Used to say why no deploy day was found.
    pub fn blockers(&self, region: usize, from: NaiveDate, until: NaiveDate) -> Vec<String> {
        // Each blocker with the first day it blocks, so that they are listed in the order a
        // walk through the days would meet them; found per weekday, holiday and window
        // rather than per day, so that a century of blocked days costs milliseconds.
        let mut found: Vec<(NaiveDate, u8, usize, String)> = Vec::new();
        let (from, until) = (from.max(self.first), until.min(self.last_day()));
        if let Some(day) = from
            .iter_days()
            .take_while(|d| *d <= until)
            .take(7)
            .find(|d| self.config.weekend.contains(&d.weekday()))
        {
            found.push((day, 0, 0, "weekend".to_string()));
        }
        for (day, hs) in self.holidays.range(from..=until) {
            for (c, _) in hs {
                found.push((
                    *day,
                    1,
                    *c,
                    format!("calendar \"{}\"", short(&self.config.calendars[*c].name)),
                ));
            }
        }
        let zone = self.config.timezone;
        let blocks = |day: NaiveDate, w: &Window| {
            let at = self.deploy_instant(day).to_utc();
            w.start <= at && at < w.end
        };
        for w in &self.windows {
            if !self.config.freezes[w.freeze].applies_to(region) {
                continue;
            }
            let (start_day, end_day) = (
                w.start.with_timezone(&zone).date_naive(),
                w.end.with_timezone(&zone).date_naive(),
            );
            let (lo, hi) = (start_day.max(from), end_day.min(until));
            // The window's first day may not be blocked (its deploy time comes before the
            // window opens); every day after it, up to its last, is.
            let first = [lo, lo.succ_opt().unwrap_or(lo)]
                .into_iter()
                .filter(|d| *d <= hi)
                .find(|&d| (start_day < d && d < end_day) || blocks(d, w));
            if let Some(day) = first {
                found.push((
                    day,
                    2,
                    w.freeze,
                    format!("freeze \"{}\"", short(&self.config.freezes[w.freeze].name)),
                ));
            }
        }
        found.sort();
        let mut out: Vec<String> = Vec::new();
        for (.., name) in found {
            if !out.contains(&name) {
                out.push(name);
            }
        }
        if out.is_empty() {
            out.push(END_OF_RANGE.to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`Calendar::blockers`] must say, found the slow way: every day, every reason.
    fn blockers_day_by_day(
        cal: &Calendar<'_>,
        region: usize,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |s: String| {
            if !out.contains(&s) {
                out.push(s);
            }
        };
        for day in from.iter_days().take_while(|d| *d <= until) {
            if cal.config.weekend.contains(&day.weekday()) {
                add("weekend".to_string());
            }
            if let Some(hs) = cal.holidays.get(&day) {
                for (c, _) in hs {
                    add(format!(
                        "calendar \"{}\"",
                        short(&cal.config.calendars[*c].name)
                    ));
                }
            }
            for r in cal.reasons(region, day) {
                if r.kind == ReasonKind::Freeze {
                    add(format!("freeze \"{}\"", short(&r.name)));
                }
            }
        }
        if out.is_empty() {
            out.push(END_OF_RANGE.to_string());
        }
        out
    }

    /// The blockers found per window equal those found per day, in the same order, over
    /// ranges starting and ending anywhere around timed, whole-day, scoped and yearly
    /// freezes (one whose window opens after the day's deploy time).
    #[test]
    fn blockers_per_window_equal_blockers_per_day() {
        let text = "calendars = [\"us-federal\", \"us-federal-closures\"]\n\
            [[freeze]]\nname = \"Evening\"\nfrom = 2027-03-10T10:00:00-08:00\nuntil = 2027-03-12T08:00:00-08:00\n\
            [[freeze]]\nname = \"Days\"\nfrom = 2027-03-11\nuntil = 2027-03-20\nregions = [\"asia\"]\n\
            [[freeze]]\nname = \"Year end\"\nfrom = 2026-12-20\nuntil = 2027-01-03\nevery = \"year\"\n\
            [[freeze]]\nname = \"Night\"\nfrom = 2027-04-01T20:00:00-07:00\nuntil = 2027-04-02T06:00:00-07:00\n";
        let layer = crate::config::Layer {
            source: crate::source::Source::new("t.toml", text),
            dir: None,
        };
        let config = Config::load(&[layer], &|p| std::fs::read(p)).unwrap();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let cal = Calendar::new(&config, d(2026, 11, 1), d(2029, 2, 1));
        let mut x: u64 = 0x1234_5678_9abc_def1;
        let mut next = |n: i64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as i64
        };
        for _ in 0..3_000 {
            let from = d(2026, 11, 1) + Duration::days(next(800));
            let until = from + Duration::days(next(40) * next(3) + next(3));
            let region = next(6) as usize;
            assert_eq!(
                cal.blockers(region, from, until),
                blockers_day_by_day(&cal, region, from, until),
                "region {region}, {from} to {until}"
            );
        }
    }
}
