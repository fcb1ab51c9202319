//! A CSV batch planned row by row, never held: the plan of a batch in which nothing
//! competes for a seat and nothing waits for another connector (no capacity, no `after`
//! column), so that every connector simply rides its first open train.
//!
//! Rows are read, checked and given their train one at a time. Anything out of the ordinary
//! (a name used twice, a connector past its horizon, an empty batch) is left to the full
//! planner, [`super::Plan`], which explains it.

use std::sync::{Mutex, OnceLock};

use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;

use super::{Push, open_train};
use crate::batch::{CsvBatch, CsvRow};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::hash::fnv1a_64;
use crate::schedule::{Scheduler, SeasonalWarning, Train};
use crate::source::Source;

/// A plan of a plain CSV batch, streamed (see the module's documentation).
#[derive(Debug)]
pub struct StreamedPlan<'a> {
    config: &'a Config,
    source: &'a Source,
    scheduler: Scheduler<'a>,
    /// Each train's seasonal-freeze warnings, by train key, worked out for its first rider.
    warnings: Box<[OnceLock<Vec<SeasonalWarning>>]>,
    /// The trains the last whole pass over the batch put riders on: each one's start and
    /// how many ride it (see [`StreamedPlan::ridden`]).
    ridden: Mutex<Vec<(DateTime<Tz>, usize)>>,
}

/// One connector of a streamed plan, with its train.
#[derive(Debug)]
pub struct StreamedRow<'r> {
    /// The connector's name.
    pub name: &'r str,
    /// When it is ready.
    pub ready: DateTime<FixedOffset>,
    /// Its priority (0 when the batch has no `priority` column).
    pub priority: i64,
    /// Its `not_before` day, if it has one.
    pub not_before: Option<NaiveDate>,
    /// The start day of the train its readiness alone would catch (what `golive when` says).
    pub ready_train: NaiveDate,
    /// The train it rides.
    pub train: &'r Train,
    /// The deploy day of each region, in the configuration's order.
    pub dates: &'r [NaiveDate],
    /// Why it rides a later train than its readiness alone would catch: its `not_before`.
    pub pushed: Option<Push>,
    /// A number that tells its train from every other train of the plan, below
    /// [`StreamedPlan::TRAIN_KEYS`].
    pub train_key: usize,
    /// Its train's seasonal-freeze warnings (the same for every rider of the train).
    pub warnings: &'r [SeasonalWarning],
}

/// What streaming a row found.
enum Row {
    /// Handed on (or, when only checking, fine).
    Done,
    /// A connector past its horizon: the full planner explains it.
    Unusual,
}

impl<'a> StreamedPlan<'a> {
    /// Every [`StreamedRow::train_key`] is below this.
    pub const TRAIN_KEYS: usize = crate::schedule::TRAIN_KEYS;

    /// A streamed plan of `source`, or `None` when it needs the full planner (a capacity, an
    /// `after` column). Reads only the header; rows are checked as they stream.
    pub fn new(config: &'a Config, source: &'a Source) -> Result<Option<StreamedPlan<'a>>> {
        if config.max_per_train().is_some() || CsvBatch::open(source)?.after_col.is_some() {
            return Ok(None);
        }
        Ok(Some(StreamedPlan {
            config,
            source,
            scheduler: Scheduler::new(config),
            warnings: (0..Self::TRAIN_KEYS).map(|_| OnceLock::new()).collect(),
            ridden: Mutex::new(Vec::new()),
        }))
    }

    /// The trains the last whole pass ([`StreamedPlan::each`] returning `Ok(true)`) put
    /// riders on, as each one's start and its number of riders, in no particular order:
    /// what a plan's warning about trains that already left counts.
    pub fn ridden(&self) -> Vec<(DateTime<Tz>, usize)> {
        self.ridden.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// The configuration the plan is made with.
    pub fn config(&self) -> &'a Config {
        self.config
    }

    /// The days each region of a row's train waited, and why (its [`StreamedRow::train`] and
    /// [`StreamedRow::dates`]), as the full planner's `Plan::explain_trains` gives them.
    pub fn explain(&self, train: &Train, dates: &[NaiveDate]) -> crate::Explanation {
        self.scheduler.explain_days(train.start, train, dates)
    }

    /// About how many rows the batch has, from its size: for reserving memory.
    pub fn rows_hint(&self) -> usize {
        self.source.text.len() / 40
    }

    /// Reads every row without handing it on: `Ok(true)` when the whole batch streams, so that
    /// a plan for stdout can be checked before its first line goes out.
    pub fn check(&self) -> Result<bool> {
        self.each(&mut |_| Ok(()))
    }

    /// Reads every row, finds its train and hands it to `each`; `Ok(false)` at the first row
    /// the full planner must see (what was handed on so far must then be thrown away).
    pub fn each(&self, each: &mut dyn FnMut(&StreamedRow<'_>) -> Result<()>) -> Result<bool> {
        let mut csv = CsvBatch::open(self.source)?;
        // Names are told apart by their hashes, sorted at the end: far cheaper than a set
        // with a million entries. Two equal hashes send the batch to the full planner, which
        // finds a name used twice, or (once in billions) plans two names that only collide.
        let mut names: Vec<u64> = Vec::with_capacity(self.source.text.len() / 40);
        let mut outcome = Row::Done;
        // Stops the reader at an unusual row; `outcome` tells it from a real error.
        let stop = || Error::argument("", "", "");
        let scheduler = &self.scheduler;
        let mut ridden: Vec<Option<(DateTime<Tz>, usize)>> = vec![None; Self::TRAIN_KEYS];
        let result = csv.rows(self.config.timezone(), |row: CsvRow<'_>| {
            let fits = open_train(scheduler, row.ready, row.not_before)
                .filter(|(_, open)| open.min_ready <= row.ready.timestamp());
            let Some((first, open)) = fits else {
                outcome = Row::Unusual;
                return Err(stop());
            };
            names.push(fnv1a_64(row.name.as_bytes()));
            let pushed = (open.pos != first.pos).then(|| Push::NotBefore {
                date: row.not_before.unwrap_or(open.train.start),
                trains: scheduler.trains_between(&first, &open),
            });
            let train_key = open.pos.key();
            if let Some(slot) = ridden.get_mut(train_key) {
                slot.get_or_insert((open.train.start_at, 0)).1 += 1;
            }
            let warnings = self.warnings[train_key].get_or_init(|| {
                scheduler.seasonal_warnings_for(
                    open.train.cutoff.fixed_offset(),
                    open.train,
                    open.dates,
                )
            });
            each(&StreamedRow {
                name: row.name,
                ready: row.ready,
                priority: row.priority,
                not_before: row.not_before,
                ready_train: first.train.start,
                train: open.train,
                dates: open.dates,
                pushed,
                train_key,
                warnings,
            })
        });
        match (result, outcome) {
            (Err(_), Row::Unusual) => Ok(false),
            (Err(e), Row::Done) => Err(e),
            (Ok(()), _) => {
                names.sort_unstable();
                let unique = names.windows(2).all(|w| w[0] != w[1]);
                // A header without rows is an error the full planner words.
                let whole = unique && !names.is_empty();
                if whole && let Ok(mut r) = self.ridden.lock() {
                    *r = ridden.into_iter().flatten().collect();
                }
                Ok(whole)
            }
        }
    }
}
