//! The schedule layer: trains, cutoffs and rollouts through the region graph (SPEC rules 1–8).
//!
//! Everything here is a pure function of the configuration, the [`Calendar`] tables and the
//! readiness instant passed in; nothing reads the clock.

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Duration, FixedOffset, Months, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;

use crate::calendar::{Calendar, Reason, ReasonKind};
use crate::config::{BlockedStart, Config};
use crate::error::{Error, Result};

/// The years readiness instants and train listings may fall in: the holiday calendars are
/// modelled from 1971, and the horizon must stay within the years they can be expanded for.
///
/// The end is where the time zone database golive is built with (chrono-tz) stops listing
/// daylight-saving transitions: past 2099 every zone would be read as standard time all year.
pub const SUPPORTED_YEARS: std::ops::RangeInclusive<i32> = 1971..=2099;

/// The first day a readiness instant may fall on: the start of [`SUPPORTED_YEARS`].
pub(crate) fn first_supported_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(*SUPPORTED_YEARS.start(), 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The last day any table reaches: the end of [`SUPPORTED_YEARS`].
pub(crate) fn last_supported_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(*SUPPORTED_YEARS.end(), 12, 31).unwrap_or(NaiveDate::MAX)
}

/// One train: a weekly production start that connectors ride.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Train {
    /// The nominal start whose cutoff governs this train. When several nominal trains leave on
    /// the same day (a holiday or freeze moved them), it is the latest of them.
    pub nominal_start: DateTime<Tz>,
    /// The last instant a connector may be ready to ride this train.
    pub cutoff: DateTime<Tz>,
    /// The day the first region deploys.
    pub start: NaiveDate,
    /// The first region's deploy instant on the start day.
    pub start_at: DateTime<Tz>,
}

/// When a connector ready at a given instant goes live in each region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollout {
    /// The readiness instant, as understood.
    pub ready: DateTime<FixedOffset>,
    /// The train it rides.
    pub train: Train,
    /// The deploy day of each region, indexed like [`Config::regions`].
    pub dates: Vec<NaiveDate>,
}

/// A day a region passed over, with every reason it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The day.
    pub date: NaiveDate,
    /// Why: never empty.
    pub reasons: Vec<Reason>,
}

/// A train as listed by [`Scheduler::trains`], with what moved it.
#[derive(Debug, Clone)]
pub struct TrainRun {
    /// The train.
    pub train: Train,
    /// Every nominal start day that leaves on this train's start day, earliest first.
    pub nominal_days: Vec<NaiveDate>,
    /// Nominal start days cancelled before this train (policy `skip`), with their reasons.
    pub cancelled: Vec<Skipped>,
    /// Why the first nominal day was not the start day (empty when it was).
    pub moved_by: Vec<Reason>,
    /// The deploy day of each region for a connector on this train.
    pub dates: Vec<NaiveDate>,
}

impl TrainRun {
    /// The day the last region deploys.
    pub fn finish(&self) -> NaiveDate {
        self.dates.iter().copied().max().unwrap_or(self.train.start)
    }
}

/// How many trains [`Scheduler::trains`] lists.
#[derive(Debug, Clone, Copy)]
pub enum TrainLimit {
    /// This many trains.
    Count(usize),
    /// Every train starting on or before this day.
    Until(NaiveDate),
}

/// Computes trains and rollouts over a [`Calendar`].
#[derive(Debug, Clone)]
pub struct Scheduler<'c> {
    calendar: Calendar<'c>,
    /// Every train over the tables, rolled out, built on the first rollout: after that a
    /// rollout is a binary search and a copy.
    lookup: OnceLock<Option<Lookup>>,
}

/// The trains of a scheduler's tables, for rollouts by lookup.
#[derive(Debug, Clone)]
struct Lookup {
    /// Each train's cutoff, ascending, in seconds since 1970 (a train's cutoff is at a whole
    /// minute, so comparing seconds loses nothing).
    cutoffs: Vec<i64>,
    runs: Vec<TrainRun>,
    /// The earliest readiness for which each train's last region is within the horizon.
    min_ready: Vec<DateTime<Utc>>,
    /// Readiness the tables answer for: `[first, last)`.
    first: DateTime<Utc>,
    last: DateTime<Utc>,
}

impl<'c> Scheduler<'c> {
    /// A scheduler for readiness instants from `first` on; its tables reach `last` plus the
    /// horizon.
    pub fn new(config: &'c Config, first: NaiveDate, last: NaiveDate) -> Scheduler<'c> {
        // Clamped to the supported years, so that no input can ask for an unbounded table.
        let first = first.clamp(first_supported_day(), last_supported_day());
        let last = last.clamp(first, last_supported_day());
        let from = first - Duration::days(8);
        let until = (add_years(last, config.horizon_years) + Duration::days(8))
            .min(last_supported_day())
            .max(first);
        Scheduler {
            calendar: Calendar::new(config, from, until),
            lookup: OnceLock::new(),
        }
    }

    /// A scheduler sized for one readiness instant.
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::embedded()?;
    /// let ready = golive::parse_instant("2026-11-22T10:00-08:00", config.timezone, "--ready")?;
    /// let scheduler = golive::Scheduler::for_ready(&config, ready);
    /// let rollout = scheduler.rollout(ready)?;
    /// let dates: Vec<String> = rollout.dates.iter().map(|d| d.to_string()).collect();
    /// assert_eq!(dates, ["2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_ready(config: &'c Config, ready: DateTime<FixedOffset>) -> Scheduler<'c> {
        // The UTC day is within a day of the schedule zone's, and the tables have margins.
        let day = ready.naive_utc().date();
        Scheduler::new(
            config,
            day.pred_opt().unwrap_or(day),
            day.succ_opt().unwrap_or(day),
        )
    }

    /// The calendar tables this scheduler looks days up in.
    pub fn calendar(&self) -> &Calendar<'c> {
        &self.calendar
    }

    fn config(&self) -> &'c Config {
        self.calendar.config()
    }

    fn nominal_instant(&self, day: NaiveDate) -> DateTime<Tz> {
        self.calendar.deploy_instant(day)
    }

    fn train(&self, nominal: NaiveDate, start: NaiveDate) -> Train {
        let nominal_start = self.nominal_instant(nominal);
        Train {
            cutoff: nominal_start - self.config().cutoff,
            nominal_start,
            start,
            start_at: self.calendar.deploy_instant(start),
        }
    }

    /// The train a connector ready at `ready` rides (SPEC rule 1 and "Actual start").
    pub fn train_for(&self, ready: DateTime<FixedOffset>) -> Result<Train> {
        let config = self.config();
        let zone = config.timezone;
        ready_day(ready, zone)?;
        // The first nominal start whose cutoff is not before `ready`.
        let earliest = (ready + config.cutoff).with_timezone(&zone).date_naive();
        let mut nominal = next_weekday(earliest, config.start_weekday);
        if self.nominal_instant(nominal) - config.cutoff < ready {
            nominal += Duration::days(7);
        }
        let first = config.first_region();
        let horizon_end = self.horizon_end(ready);
        let missing = || match config.blocked_start {
            BlockedStart::NextDeployDay => self.horizon_error(first, ready, horizon_end),
            BlockedStart::Skip => self.no_train_error(ready, nominal, horizon_end),
        };
        let start = match config.blocked_start {
            BlockedStart::NextDeployDay => self.calendar.next_deploy_day(first, nominal),
            BlockedStart::Skip => self.next_train_day(nominal),
        }
        .filter(|start| *start <= horizon_end)
        .ok_or_else(missing)?;
        // Trains leaving on the same day are one, with the latest cutoff: the latest nominal
        // start on or before the start day.
        Ok(self.train(
            last_weekday_on_or_before(start, config.start_weekday),
            start,
        ))
    }

    /// The first nominal start day on or after `from` that is a deploy day for the first
    /// region (policy `skip`).
    fn next_train_day(&self, mut from: NaiveDate) -> Option<NaiveDate> {
        let first = self.config().first_region();
        let weekday = self.config().start_weekday;
        // Each step jumps to the next deploy day, so the loop runs once per start-weekday that
        // is blocked while its neighbours are not; a long freeze is crossed in one jump.
        loop {
            let day = self.calendar.next_deploy_day(first, from)?;
            if day.weekday() == weekday {
                return Some(day);
            }
            from = next_weekday(day, weekday);
        }
    }

    fn horizon_end(&self, ready: DateTime<FixedOffset>) -> NaiveDate {
        let day = ready.with_timezone(&self.config().timezone).date_naive();
        add_years(day, self.config().horizon_years).min(self.calendar.last_day())
    }

    /// The error for "no deploy day for `region` up to `until`", naming everything that
    /// blocked the region from the readiness day on.
    fn horizon_error(
        &self,
        region: usize,
        ready: DateTime<FixedOffset>,
        until: NaiveDate,
    ) -> Error {
        let config = self.config();
        let from = ready
            .with_timezone(&config.timezone)
            .date_naive()
            .min(until);
        let mut blockers = self.calendar.blockers(region, from, until);
        if until >= last_supported_day() {
            blockers.retain(|b| b != crate::calendar::END_OF_RANGE);
            blockers.push(format!(
                "the end of the years golive supports ({})",
                SUPPORTED_YEARS.end()
            ));
        }
        Error::Horizon {
            region: config.regions[region].key.clone(),
            what: format!(
                "deploy day for region \"{}\"",
                crate::error::short(&config.regions[region].key)
            ),
            ready: ready.to_rfc3339(),
            horizon_years: config.horizon_years,
            until,
            blockers,
        }
    }

    /// The error for "every train up to `until` is cancelled" (policy `skip`), naming what
    /// blocked the scheduled start days.
    fn no_train_error(
        &self,
        ready: DateTime<FixedOffset>,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Error {
        let config = self.config();
        let first = config.first_region();
        let mut blockers: Vec<String> = Vec::new();
        let mut day = from;
        while day <= until {
            for b in self.calendar.blockers(first, day, day) {
                if !blockers.contains(&b) {
                    blockers.push(b);
                }
            }
            day += Duration::days(7);
        }
        Error::Horizon {
            region: config.regions[first].key.clone(),
            what: format!(
                "train that is not cancelled (blocked_start = \"skip\" cancels every train whose {} is blocked)",
                crate::weekday::weekday_name(config.start_weekday)
            ),
            ready: ready.to_rfc3339(),
            horizon_years: config.horizon_years,
            until,
            blockers,
        }
    }

    /// The deploy day of every region for a train starting on `start` (SPEC rules 2 and 3).
    fn roll(
        &self,
        start: NaiveDate,
        horizon_end: NaiveDate,
        ready: DateTime<FixedOffset>,
    ) -> Result<Vec<NaiveDate>> {
        let config = self.config();
        let mut dates = vec![start; config.regions.len()];
        for &r in &config.rollout_order()[1..] {
            let after = config.regions[r]
                .after
                .iter()
                .map(|&p| dates[p])
                .max()
                .unwrap_or(start)
                + Duration::days(1);
            match self.calendar.next_deploy_day(r, after) {
                Some(day) if day <= horizon_end => dates[r] = day,
                _ => return Err(self.horizon_error(r, ready, horizon_end)),
            }
        }
        Ok(dates)
    }

    /// The start of `day` in the schedule zone, as an instant.
    fn midnight(&self, day: NaiveDate) -> DateTime<Utc> {
        crate::time::resolve_local(
            self.config().timezone,
            day.and_time(chrono::NaiveTime::MIN),
            crate::time::Gap::ShiftForward,
        )
        .to_utc()
    }

    /// The earliest readiness instant whose horizon reaches `finish`: a connector ready at
    /// or after it may ride a train whose last region deploys on `finish`.
    pub(crate) fn earliest_ready_for(&self, finish: NaiveDate) -> Option<DateTime<Utc>> {
        let years = self.config().horizon_years;
        // The first readiness day whose horizon reaches `finish` (the horizon is counted in
        // calendar years, which February 29 makes uneven).
        let mut day = finish
            .checked_sub_months(Months::new(12 * years))
            .unwrap_or(NaiveDate::MIN);
        while add_years(day, years) < finish {
            day = day.succ_opt()?;
        }
        while let Some(before) = day.pred_opt()
            && add_years(before, years) >= finish
        {
            day = before;
        }
        Some(self.midnight(day))
    }

    /// The trains of the whole table, built once; `None` when the table has none.
    fn lookup(&self) -> Option<&Lookup> {
        self.lookup
            .get_or_init(|| {
                let first = self.calendar.first_day() + Duration::days(8);
                let runs = self.trains_to_table_end(first - Duration::days(1)).ok()?;
                let min_ready = runs
                    .iter()
                    .map(|run| self.earliest_ready_for(run.finish()))
                    .collect::<Option<Vec<_>>>()?;
                Some(Lookup {
                    cutoffs: runs.iter().map(|r| r.train.cutoff.timestamp()).collect(),
                    runs,
                    min_ready,
                    first: self.midnight(first),
                    last: self.midnight(self.calendar.last_day() + Duration::days(1)),
                })
            })
            .as_ref()
    }

    /// When a connector ready at `ready` goes live in each region.
    ///
    /// The first call lays out every train of the scheduler's tables; every call after that
    /// is a binary search over them. Anything the lookup cannot answer (an instant outside
    /// the tables, a rollout past the horizon) takes the step-by-step path, which says why.
    pub fn rollout(&self, ready: DateTime<FixedOffset>) -> Result<Rollout> {
        if let Some(lookup) = self.lookup() {
            let at = ready.to_utc();
            // Ready by the cutoff, to the second; a fraction past it misses the train.
            let (secs, frac) = (at.timestamp(), at.timestamp_subsec_nanos());
            let k = lookup
                .cutoffs
                .partition_point(|&c| c < secs || (c == secs && frac > 0));
            if at >= lookup.first
                && at < lookup.last
                && let Some(run) = lookup.runs.get(k)
                && at >= lookup.min_ready[k]
            {
                return Ok(Rollout {
                    ready,
                    train: run.train.clone(),
                    dates: run.dates.clone(),
                });
            }
        }
        self.rollout_step_by_step(ready)
    }

    /// [`Scheduler::rollout`] computed day by day from the calendar tables.
    fn rollout_step_by_step(&self, ready: DateTime<FixedOffset>) -> Result<Rollout> {
        let day = ready_day(ready, self.config().timezone)?;
        if day < self.calendar.first_day() + Duration::days(8) || day > self.calendar.last_day() {
            return Err(Error::argument(
                "ready",
                ready.to_rfc3339(),
                format!(
                    "outside the days this scheduler was built for ({} to {})",
                    self.calendar.first_day() + Duration::days(8),
                    self.calendar.last_day()
                ),
            ));
        }
        let train = self.train_for(ready)?;
        let dates = self.roll(train.start, self.horizon_end(ready), ready)?;
        Ok(Rollout {
            ready,
            train,
            dates,
        })
    }

    /// Every day each region passed over in `rollout`, with its reasons (SPEC rule 8), indexed
    /// like [`Config::regions`].
    ///
    /// The first region's list runs from the readiness day to the day before the train's
    /// start: deploy days among them are explained as waiting for the train (kind `cutoff`).
    /// Every later region's list holds the days between its predecessors' last deploy day and
    /// its own.
    pub fn explain(&self, rollout: &Rollout) -> Vec<Vec<Skipped>> {
        let config = self.config();
        let zone = config.timezone;
        let first = config.first_region();
        let ready_day = rollout.ready.with_timezone(&zone).date_naive();
        let mut out = vec![Vec::new(); config.regions.len()];
        let train = &rollout.train;
        out[first] = ready_day
            .iter_days()
            .take_while(|d| *d < train.start)
            .map(|date| {
                let mut reasons = self.calendar.reasons(first, date);
                if reasons.is_empty() {
                    reasons.push(self.waiting_reason(date, train));
                }
                Skipped { date, reasons }
            })
            .collect();
        for &r in &config.rollout_order()[1..] {
            let after = config.regions[r]
                .after
                .iter()
                .map(|&p| rollout.dates[p])
                .max()
                .unwrap_or(train.start);
            out[r] = after
                .succ_opt()
                .into_iter()
                .flat_map(|d| d.iter_days())
                .take_while(|d| *d < rollout.dates[r])
                .map(|date| Skipped {
                    date,
                    reasons: self.calendar.reasons(r, date),
                })
                .collect();
        }
        out
    }

    /// Why a deploy day before the connector's train was not its start day.
    fn waiting_reason(&self, date: NaiveDate, train: &Train) -> Reason {
        let fmt = |t: DateTime<Tz>| t.format("%a %Y-%m-%d %H:%M %Z").to_string();
        let missed = self
            .train_leaving_on(date)
            .filter(|t| t.start < train.start);
        let name = match missed {
            Some(t) => format!(
                "missed the cutoff ({}) of the train leaving {}",
                fmt(t.cutoff),
                date.format("%a %Y-%m-%d")
            ),
            None => format!(
                "waiting for the train leaving {} (cutoff {})",
                train.start.format("%a %Y-%m-%d"),
                fmt(train.cutoff)
            ),
        };
        Reason {
            kind: ReasonKind::Cutoff,
            name,
        }
    }

    /// The train that leaves on `date`, if one does.
    fn train_leaving_on(&self, date: NaiveDate) -> Option<Train> {
        let config = self.config();
        let first = config.first_region();
        if !self.calendar.is_deploy_day(first, date) {
            return None;
        }
        let nominal = last_weekday_on_or_before(date, config.start_weekday);
        let leaves = match config.blocked_start {
            BlockedStart::NextDeployDay => {
                self.calendar.next_deploy_day(first, nominal) == Some(date)
            }
            BlockedStart::Skip => nominal == date,
        };
        leaves.then(|| self.train(nominal, date))
    }

    /// The trains starting from the first nominal start on or after `from`.
    ///
    /// Stops early, without an error, where the tables end (the horizon); finding no train at
    /// all is the horizon error.
    pub fn trains(&self, from: NaiveDate, limit: TrainLimit) -> Result<Vec<TrainRun>> {
        self.train_runs(from, limit, true)
    }

    /// The trains from `from` to the end of the tables, each rolled out as far as the tables
    /// reach rather than within a horizon from its own cutoff: a batch planner checks every
    /// connector against the horizon from its own readiness.
    pub(crate) fn trains_to_table_end(&self, from: NaiveDate) -> Result<Vec<TrainRun>> {
        self.train_runs(from, TrainLimit::Until(self.calendar.last_day()), false)
    }

    fn train_runs(
        &self,
        from: NaiveDate,
        limit: TrainLimit,
        own_horizon: bool,
    ) -> Result<Vec<TrainRun>> {
        check_year(from, "from")?;
        let config = self.config();
        let first = config.first_region();
        let weekday = config.start_weekday;
        let mut nominal = next_weekday(from, weekday);
        let mut out: Vec<TrainRun> = Vec::new();
        let mut cancelled = Vec::new();
        let last = self.calendar.last_day();
        let from_instant = crate::time::resolve_local(
            config.timezone,
            from.and_time(chrono::NaiveTime::MIN),
            crate::time::Gap::ShiftForward,
        )
        .fixed_offset();
        let none_found = || match config.blocked_start {
            BlockedStart::NextDeployDay => self.horizon_error(first, from_instant, last),
            BlockedStart::Skip => {
                self.no_train_error(from_instant, next_weekday(from, weekday), last)
            }
        };
        while nominal <= last {
            if let TrainLimit::Count(n) = limit
                && out.len() >= n
            {
                break;
            }
            let start = match config.blocked_start {
                BlockedStart::NextDeployDay => self.calendar.next_deploy_day(first, nominal),
                BlockedStart::Skip if self.calendar.is_deploy_day(first, nominal) => Some(nominal),
                BlockedStart::Skip => {
                    cancelled.push(Skipped {
                        date: nominal,
                        reasons: self.calendar.reasons(first, nominal),
                    });
                    nominal += Duration::days(7);
                    continue;
                }
            };
            let Some(start) = start else { break };
            if let TrainLimit::Until(until) = limit
                && start > until
            {
                break;
            }
            let mut nominal_days = vec![nominal];
            while let Some(next) = nominal_days.last().map(|d| *d + Duration::days(7))
                && next <= start
            {
                nominal_days.push(next);
            }
            let governing = *nominal_days.last().unwrap_or(&nominal);
            let moved_by = if start == nominal {
                Vec::new()
            } else {
                self.calendar.reasons(first, nominal)
            };
            let train = self.train(governing, start);
            let ready = train.cutoff.fixed_offset();
            let horizon_end = match own_horizon {
                true => self.horizon_end(ready).max(start),
                false => last,
            };
            let dates = match self.roll(start, horizon_end, ready) {
                Ok(dates) => dates,
                Err(e) if out.is_empty() => return Err(e),
                Err(_) => break,
            };
            out.push(TrainRun {
                train,
                nominal_days,
                cancelled: std::mem::take(&mut cancelled),
                moved_by,
                dates,
            });
            nominal = governing + Duration::days(7);
        }
        if out.is_empty() && !matches!(limit, TrainLimit::Until(u) if u < last) {
            return Err(none_found());
        }
        Ok(out)
    }
}

/// The day of `ready` in `zone`, refusing instants outside [`SUPPORTED_YEARS`] (before any
/// arithmetic that could overflow on them).
fn ready_day(ready: DateTime<FixedOffset>, zone: Tz) -> Result<NaiveDate> {
    let utc = ready.naive_utc().date();
    if !(SUPPORTED_YEARS.start() - 1..=SUPPORTED_YEARS.end() + 1).contains(&utc.year()) {
        check_year(utc, "ready")?;
    }
    let day = ready.with_timezone(&zone).date_naive();
    check_year(day, "ready")?;
    Ok(day)
}

/// Refuses days outside [`SUPPORTED_YEARS`], naming `argument`.
pub fn check_year(day: NaiveDate, argument: &str) -> Result<()> {
    if SUPPORTED_YEARS.contains(&day.year()) {
        return Ok(());
    }
    Err(Error::argument(
        argument,
        day.to_string(),
        format!(
            "is outside the years golive can answer for ({} to {}; holidays are modelled from 1971)",
            SUPPORTED_YEARS.start(),
            SUPPORTED_YEARS.end()
        ),
    ))
}

/// `day` moved by `years` calendar years (February 29 becomes February 28).
pub(crate) fn add_years(day: NaiveDate, years: u32) -> NaiveDate {
    day.checked_add_months(Months::new(12 * years))
        .unwrap_or(NaiveDate::MAX)
}

/// The first day on or after `day` that is a `weekday`.
fn next_weekday(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - day.weekday().num_days_from_monday()) % 7;
    day + Duration::days(i64::from(ahead))
}

/// The last day on or before `day` that is a `weekday`.
fn last_weekday_on_or_before(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + day.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    day - Duration::days(i64::from(back))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_instant;

    fn rollout(config: &Config, ready: &str) -> Rollout {
        let t = parse_instant(ready, config.timezone, "ready").unwrap();
        Scheduler::for_ready(config, t).rollout(t).unwrap()
    }

    fn dates(r: &Rollout) -> Vec<String> {
        r.dates
            .iter()
            .map(|d| d.format("%m-%d").to_string())
            .collect()
    }

    /// The lookup answers exactly as the step-by-step path, errors included: at every
    /// cutoff and a second either side, and every 7 hours and 13 minutes, from before the
    /// tables to past them, under freezes, a short horizon and `blocked_start = "skip"`.
    #[test]
    fn lookup_rollouts_equal_step_by_step_rollouts() {
        let configs = [
            "",
            "horizon_years = 1\n[[freeze]]\nname = \"Long\"\nfrom = 2027-03-01\nuntil = 2028-04-30\nregions = [\"europe\"]\n",
            "blocked_start = \"skip\"\n[[freeze]]\nname = \"Fridays\"\nfrom = 2027-01-08T08:00:00-08:00\nuntil = 2027-01-08T10:00:00-08:00\nevery = \"year\"\n",
            "deploy_time = \"02:30\"\ncutoff_hours = 0\n",
        ];
        for text in configs {
            let layer = crate::config::Layer {
                source: crate::source::Source::new("t.toml", text),
                dir: None,
            };
            let config = Config::load(&[layer], &|p| std::fs::read(p)).unwrap();
            let first = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
            let last = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
            let scheduler = Scheduler::new(&config, first, last);
            let lookup = scheduler.lookup().expect("trains");
            let mut instants: Vec<DateTime<FixedOffset>> = lookup
                .cutoffs
                .iter()
                .flat_map(|&c| {
                    let c = DateTime::from_timestamp(c, 0).unwrap();
                    [-1_000, 0, 1, 1_000].map(|ms| (c + Duration::milliseconds(ms)).fixed_offset())
                })
                .collect();
            let mut t = scheduler.midnight(first - Duration::days(12));
            while t < scheduler.midnight(add_years(last, 4)) {
                instants.push(t.fixed_offset());
                t += Duration::minutes(7 * 60 + 13);
            }
            for ready in instants {
                let fast = scheduler.rollout(ready);
                let slow = scheduler.rollout_step_by_step(ready);
                match (&fast, &slow) {
                    (Ok(a), Ok(b)) => {
                        assert_eq!((&a.train, &a.dates), (&b.train, &b.dates), "{ready}")
                    }
                    (Err(_), Err(_)) => {}
                    _ => panic!("{text}: {ready}: {fast:?} vs {slow:?}"),
                }
            }
        }
    }

    #[test]
    fn spec_worked_examples() {
        let c = Config::embedded().unwrap();
        let r = rollout(&c, "2026-11-22T10:00");
        assert_eq!(
            dates(&r),
            ["11-27", "11-30", "12-01", "12-02", "12-03", "12-04"]
        );
        assert_eq!(r.train.cutoff.to_rfc3339(), "2026-11-26T09:00:00-08:00");
        let r = rollout(&c, "2026-11-26T09:00:00");
        assert_eq!(
            dates(&r),
            ["11-27", "11-30", "12-01", "12-02", "12-03", "12-04"]
        );
        let r = rollout(&c, "2026-11-26T09:00:01");
        assert_eq!(
            dates(&r),
            ["12-04", "12-07", "12-08", "12-09", "12-10", "12-11"]
        );
        let r = rollout(&c, "2026-12-18T10:00");
        assert_eq!(
            dates(&r),
            ["12-28", "12-29", "12-30", "12-31", "01-04", "01-05"]
        );
        assert_eq!(
            r.train.nominal_start.to_rfc3339(),
            "2026-12-25T09:00:00-08:00"
        );
        assert_eq!(r.train.cutoff.to_rfc3339(), "2026-12-24T09:00:00-08:00");
    }

    #[test]
    fn extreme_readiness_is_an_error_not_a_panic() {
        let c = Config::embedded().unwrap();
        let s = Scheduler::new(&c, NaiveDate::MIN, NaiveDate::MAX);
        for t in [
            DateTime::<FixedOffset>::MIN_UTC.fixed_offset(),
            DateTime::<FixedOffset>::MAX_UTC.fixed_offset(),
        ] {
            assert!(s.rollout(t).is_err());
            assert!(s.train_for(t).is_err());
        }
        assert!(s.trains(NaiveDate::MAX, TrainLimit::Count(3)).is_err());
    }

    #[test]
    fn weekday_helpers() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(); // Sunday
        assert_eq!(next_weekday(d, Weekday::Fri).day(), 27);
        assert_eq!(next_weekday(d, Weekday::Sun), d);
        assert_eq!(last_weekday_on_or_before(d, Weekday::Fri).day(), 20);
    }
}
