//! The schedule layer: trains, cutoffs and rollouts through the region graph (docs/rules.md,
//! rules 1 to 9), answered for any readiness in the supported years.
//!
//! Everything here is a pure function of the configuration and the readiness instant passed
//! in; nothing reads the clock. `trains` holds the one train table and every rule about
//! trains; `explain` the explanations and the errors that say what blocked a region.

mod explain;
mod seasonal;
mod trains;

use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use chrono_tz::Tz;

use crate::calendar::{Calendar, Reason, SUPPORTED_YEARS, check_year, first_supported_day};
use crate::config::{BlockedStart, Config, Region, RegionId};
use crate::error::Result;

pub(crate) use explain::{horizon_error, no_train_error, past_horizon_error};
pub use seasonal::SeasonalWarning;
#[cfg(feature = "render")]
pub(crate) use seasonal::unconfigured_windows;
pub use trains::Train;
pub(crate) use trains::{Chunk, Pos, TRAIN_KEYS, horizon_end, midnight};

/// When a connector ready at a given instant goes live in each region.
///
/// A rollout shares its train's days with the [`Scheduler`]'s table, so making one allocates
/// nothing; it borrows only the configuration.
#[derive(Debug, Clone)]
pub struct Rollout<'c> {
    config: &'c Config,
    ready: DateTime<FixedOffset>,
    chunk: Arc<Chunk>,
    index: u32,
}

impl<'c> Rollout<'c> {
    /// The readiness instant, as understood.
    pub fn ready(&self) -> DateTime<FixedOffset> {
        self.ready
    }

    /// The train it rides.
    pub fn train(&self) -> &Train {
        &self.chunk.entry(self.index).train
    }

    /// The deploy day of each region, in the order of [`Config::regions`].
    pub fn dates(&self) -> &[NaiveDate] {
        self.chunk.dates(self.index)
    }

    /// The deploy day of region `id`, if it is one of the configuration's.
    pub fn date(&self, id: RegionId) -> Option<NaiveDate> {
        self.dates().get(id.index()).copied()
    }

    /// The deploy day of the region with key `key`.
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::embedded()?;
    /// let rollout = golive::when(&config, config.parse_ready("2026-11-22T10:00")?)?;
    /// assert_eq!(rollout.date_of("europe").map(|d| d.to_string()).as_deref(), Some("2026-12-02"));
    /// assert_eq!(rollout.date_of("mars"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn date_of(&self, key: &str) -> Option<NaiveDate> {
        self.date(self.config.region_by_key(key)?.id())
    }

    /// The deploy instant of region `id`: the deploy time on its day, in the schedule zone.
    pub fn at(&self, id: RegionId) -> Option<DateTime<Tz>> {
        let date = self.date(id)?;
        Some(crate::time::deploy_instant(
            self.config.timezone(),
            date,
            self.config.deploy_time(),
        ))
    }

    /// Every region with its deploy day, in the configuration's order.
    pub fn regions(&self) -> impl Iterator<Item = (&'c Region, NaiveDate)> + '_ {
        self.config
            .regions()
            .iter()
            .zip(self.dates().iter().copied())
    }

    /// The day the last region deploys.
    pub fn finish(&self) -> NaiveDate {
        self.chunk.entry(self.index).finish
    }

    /// The configuration the rollout was computed with.
    pub fn config(&self) -> &'c Config {
        self.config
    }
}

impl PartialEq for Rollout<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.ready == other.ready && self.train() == other.train() && self.dates() == other.dates()
    }
}

/// A day a region passed over, with every reason it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The day.
    pub date: NaiveDate,
    /// Why: never empty.
    pub reasons: Vec<Reason>,
}

/// Every day each region passed over in a rollout, with its reasons (rule 9), and the
/// seasonal-freeze warnings of its dates (rule 12).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    days: Vec<Vec<Skipped>>,
    warnings: Vec<SeasonalWarning>,
}

impl Explanation {
    /// The days region `id` passed over (none for a region of another configuration).
    pub fn region(&self, id: RegionId) -> &[Skipped] {
        self.days.get(id.index()).map_or(&[], Vec::as_slice)
    }

    /// The days of every region, in the configuration's order.
    pub fn regions(&self) -> impl Iterator<Item = &[Skipped]> + '_ {
        self.days.iter().map(Vec::as_slice)
    }

    /// The seasons Microsoft has frozen before that the rollout's days fall in, unconfigured,
    /// each with the dates the rollout would have if that freeze recurred. A warning changes
    /// no date of the rollout.
    pub fn warnings(&self) -> &[SeasonalWarning] {
        &self.warnings
    }
}

/// A train as listed by [`Scheduler::trains`], with what moved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainRun {
    /// The train.
    pub train: Train,
    /// Every nominal start day (from the listing's first day on) that leaves on this train's
    /// start day, earliest first.
    pub nominal_days: Vec<NaiveDate>,
    /// Nominal start days cancelled before this train (policy `skip`), with their reasons.
    pub cancelled: Vec<Skipped>,
    /// Why the first nominal day was not the start day (empty when it was).
    pub moved_by: Vec<Reason>,
    /// The freezes that held a later region of the train's rollout in flight, each once.
    pub paused_by: Vec<Reason>,
    /// The deploy day of each region for a connector on this train.
    pub dates: Vec<NaiveDate>,
    /// The seasons Microsoft has frozen before that the train's days fall in, unconfigured,
    /// each with the train's dates if that freeze recurred (rule 12).
    pub warnings: Vec<SeasonalWarning>,
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

/// A train of the table as the planner sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TrainRef<'s> {
    pub(crate) pos: Pos,
    pub(crate) train: &'s Train,
    pub(crate) dates: &'s [NaiveDate],
    pub(crate) finish: NaiveDate,
    /// The earliest readiness (seconds since 1970) whose horizon reaches `finish`.
    pub(crate) min_ready: i64,
}

/// Computes trains, rollouts and explanations for one configuration, for any readiness in
/// the supported years.
///
/// The calendar's days and the trains are laid out a year at a time, the first time they are
/// needed; after that a rollout is a binary search.
#[derive(Debug)]
pub struct Scheduler<'c> {
    calendar: Calendar<'c>,
    table: trains::TrainTable,
    /// Readiness the supported years hold, in seconds since 1970: `[first, end)`.
    ready_range: (i64, i64),
}

impl<'c> Scheduler<'c> {
    /// A scheduler for `config`.
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::embedded()?;
    /// let scheduler = golive::Scheduler::new(&config);
    /// let rollout = scheduler.rollout(config.parse_ready("2026-11-22T10:00-08:00")?)?;
    /// let dates: Vec<String> = rollout.dates().iter().map(|d| d.to_string()).collect();
    /// assert_eq!(dates, ["2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(config: &'c Config) -> Scheduler<'c> {
        let zone = config.timezone();
        let end =
            NaiveDate::from_ymd_opt(SUPPORTED_YEARS.end() + 1, 1, 1).unwrap_or(NaiveDate::MAX);
        Scheduler {
            calendar: Calendar::new(config),
            table: trains::TrainTable::new(),
            ready_range: (
                midnight(zone, first_supported_day()).timestamp(),
                midnight(zone, end).timestamp(),
            ),
        }
    }

    /// The calendar this scheduler looks days up in.
    pub fn calendar(&self) -> &Calendar<'c> {
        &self.calendar
    }

    fn config(&self) -> &'c Config {
        self.calendar.config()
    }

    /// When a connector ready at `ready` goes live in each region.
    ///
    /// An instant outside the supported years is an error naming it; a rollout that cannot
    /// finish within the horizon is an error naming the region and what blocked it.
    pub fn rollout(&self, ready: DateTime<FixedOffset>) -> Result<Rollout<'c>> {
        // The midnights bounding the supported years are whole seconds, so comparing whole
        // seconds decides.
        let secs = ready.timestamp();
        if secs < self.ready_range.0 || secs >= self.ready_range.1 {
            return Err(self
                .ready_day(ready)
                .err()
                .unwrap_or_else(|| self.rollout_error(ready)));
        }
        let frac = ready.timestamp_subsec_nanos();
        if let Some((pos, chunk)) = self.table.ride_at(&self.calendar, secs, frac)
            && chunk.entry(pos.index).min_ready <= secs
        {
            return Ok(Rollout {
                config: self.config(),
                ready,
                chunk: Arc::clone(chunk),
                index: pos.index,
            });
        }
        Err(self.rollout_error(ready))
    }

    /// The day of `ready` in the schedule zone, refusing instants outside
    /// [`SUPPORTED_YEARS`] (before any arithmetic that could overflow on them).
    fn ready_day(&self, ready: DateTime<FixedOffset>) -> Result<NaiveDate> {
        let utc = ready.naive_utc().date();
        if !(SUPPORTED_YEARS.start() - 1..=SUPPORTED_YEARS.end() + 1).contains(&utc.year()) {
            check_year(utc, "ready")?;
        }
        let day = ready.with_timezone(&self.config().timezone()).date_naive();
        check_year(day, "ready")?;
        Ok(day)
    }

    /// Every day each region passed over in `rollout`, with its reasons (rule 9), and its
    /// seasonal-freeze warnings (rule 12).
    ///
    /// The first region's list runs from the readiness day to the day before the train's
    /// start: deploy days among them are explained as waiting for the train (kind `cutoff`).
    /// Every later region's list holds the days between its predecessors' last deploy day and
    /// its own.
    pub fn explain(&self, rollout: &Rollout<'_>) -> Explanation {
        let day = rollout
            .ready
            .with_timezone(&self.config().timezone())
            .date_naive();
        let mut explanation = self.explain_days(day, rollout.train(), rollout.dates());
        explanation.warnings =
            self.seasonal_warnings_for(rollout.ready, rollout.train(), rollout.dates());
        explanation
    }

    /// The trains from the first nominal start on or after `from`, each rolled out.
    ///
    /// No train starting more than the horizon after `from` is listed; finding none in that
    /// span is the horizon error. Listing stops, without an error, at a train whose rollout
    /// cannot finish within the horizon of its own cutoff.
    pub fn trains(&self, from: NaiveDate, limit: TrainLimit) -> Result<Vec<TrainRun>> {
        check_year(from, "from")?;
        let config = self.config();
        let cal = &self.calendar;
        let zone = config.timezone();
        let first_nominal = trains::next_weekday(from, config.start_weekday());
        let bound = match limit {
            TrainLimit::Until(u) => u.min(horizon_end(config, from).max(u)),
            TrainLimit::Count(_) => horizon_end(config, from),
        };
        let from_instant = midnight(zone, from).with_timezone(&zone).fixed_offset();
        let none_found =
            || no_train_error(cal, from_instant, first_nominal, horizon_end(config, from));
        // The first train whose governing nominal day is on or after the first nominal day:
        // the one whose cutoff is not before that day's cutoff (rule 1 again).
        let cutoff = cal.deploy_instant(first_nominal) - config.cutoff();
        let mut pos = self.table.ride(cal, cutoff.fixed_offset());
        let mut out: Vec<TrainRun> = Vec::new();
        while let Some(p) = pos {
            if let TrainLimit::Count(n) = limit
                && out.len() >= n
            {
                break;
            }
            let Some(chunk) = self.table.chunk(cal, p.chunk) else {
                break;
            };
            let entry = chunk.entry(p.index);
            let train = &entry.train;
            if train.start > bound {
                break;
            }
            let own = horizon_end(config, train.cutoff.date_naive()).max(train.start);
            if entry.finish > own {
                if out.is_empty() {
                    let ready = train.cutoff.fixed_offset();
                    return Err(past_horizon_error(cal, chunk.dates(p.index), ready, own));
                }
                break;
            }
            out.push(self.listed(train, chunk.dates(p.index), first_nominal));
            pos = self.table.next(cal, p);
        }
        if out.is_empty() && !matches!(limit, TrainLimit::Until(_)) {
            return Err(none_found());
        }
        Ok(out)
    }

    /// A train of the table as a listing from `first_nominal` on shows it: the nominal days
    /// that leave with it, the ones cancelled before it, and what moved it.
    fn listed(&self, train: &Train, dates: &[NaiveDate], first_nominal: NaiveDate) -> TrainRun {
        let cal = &self.calendar;
        let config = self.config();
        let first = config.first_region();
        let governing = train.nominal_start.date_naive();
        let week = Duration::days(7);
        let floor = first_nominal.max(first_supported_day());
        let mut nominal_days = vec![governing];
        let mut cancelled = Vec::new();
        let mut day = governing - week;
        while day >= floor {
            match config.blocked_start() {
                BlockedStart::NextDeployDay if trains::start_of(cal, day) == Some(train.start) => {
                    nominal_days.push(day)
                }
                BlockedStart::Skip if !cal.is_deploy_day(first, day) => cancelled.push(Skipped {
                    date: day,
                    reasons: cal.reasons(first, day),
                }),
                _ => break,
            }
            day -= week;
        }
        nominal_days.reverse();
        cancelled.reverse();
        let moved_by = match nominal_days[0] == train.start {
            true => Vec::new(),
            false => cal.reasons(first, nominal_days[0]),
        };
        let waits = self.explain_days(train.start, train, dates);
        let mut paused_by: Vec<Reason> = Vec::new();
        for &r in &config.rollout_order()[1..] {
            for reason in waits.region(r).iter().flat_map(|s| &s.reasons) {
                if reason.kind == crate::ReasonKind::Freeze
                    && !paused_by.iter().any(|p| p.name == reason.name)
                {
                    paused_by.push(reason.clone());
                }
            }
        }
        TrainRun {
            train: train.clone(),
            nominal_days,
            cancelled,
            moved_by,
            paused_by,
            dates: dates.to_vec(),
            warnings: self.seasonal_warnings_for(train.cutoff.fixed_offset(), train, dates),
        }
    }

    /// The train a connector ready at `ready` rides (rule 1), if any train is left.
    pub(crate) fn ride(&self, ready: DateTime<FixedOffset>) -> Option<TrainRef<'_>> {
        self.at(self.table.ride(&self.calendar, ready)?)
    }

    /// The train after `train`.
    pub(crate) fn next_train(&self, train: &TrainRef<'_>) -> Option<TrainRef<'_>> {
        self.at(self.table.next(&self.calendar, train.pos)?)
    }

    /// The first train at or after `train` that starts on or after `day`.
    pub(crate) fn starting_from(
        &self,
        train: &TrainRef<'_>,
        day: NaiveDate,
    ) -> Option<TrainRef<'_>> {
        self.at(self.table.starting_from(&self.calendar, train.pos, day)?)
    }

    /// How many trains lie from `a` (included) to `b` (excluded).
    pub(crate) fn trains_between(&self, a: &TrainRef<'_>, b: &TrainRef<'_>) -> u32 {
        self.table.count_between(&self.calendar, a.pos, b.pos)
    }

    fn at(&self, pos: Pos) -> Option<TrainRef<'_>> {
        let chunk = self.table.chunk(&self.calendar, pos.chunk)?;
        let entry = chunk.entry(pos.index);
        Some(TrainRef {
            pos,
            train: &entry.train,
            dates: chunk.dates(pos.index),
            finish: entry.finish,
            min_ready: entry.min_ready,
        })
    }
}

/// When a connector ready at `ready` goes live in every region, under `config`.
///
/// # Example
/// ```
/// let config = golive::Config::embedded()?;
/// let ready = config.parse_ready("2026-12-18T10:00")?;
/// let rollout = golive::when(&config, ready)?;
/// // The Christmas train leaves on Monday; New Year's Day holds the fifth region to Jan 4.
/// assert_eq!(rollout.train().start.to_string(), "2026-12-28");
/// assert_eq!(rollout.date_of("br-ca-jp-in").unwrap().to_string(), "2027-01-04");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn when(config: &Config, ready: DateTime<FixedOffset>) -> Result<Rollout<'_>> {
    Scheduler::new(config).rollout(ready)
}
