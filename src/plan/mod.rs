//! The plan layer: a batch of connectors fitted into trains (docs/rules.md, rule 10), and what-if
//! comparisons between two plans of the same batch.
//!
//! Trains are filled in time order. A train takes, among the connectors not yet placed, those
//! eligible for it (ready by its cutoff, `not_before` on or before its start day, every
//! dependency already on a train whose last region day is before its start day) in order of
//! priority, readiness and name, up to its capacity. Each connector's train is found with
//! binary searches over the train list, and a train's eligible connectors wait in a heap keyed
//! by that order, so a plan costs O(n log n) however many trains it spans.

mod stream;
mod what_if;

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::batch::{Batch, Connector, ConnectorId};
use crate::config::Config;
use crate::error::{Blocker, Error, Horizon, Result, short};
use crate::schedule::{Scheduler, SeasonalWarning, Train, TrainRef, horizon_end};

pub use stream::{StreamedPlan, StreamedRow};
pub use what_if::{Change, Movement, WhatIf};

/// A train in a plan, with the connectors that ride it.
#[derive(Debug, Clone)]
pub struct PlanTrain {
    /// The train.
    pub train: Train,
    /// The deploy day of each region for a connector on this train, in the order of
    /// [`Config::regions`].
    pub dates: Vec<NaiveDate>,
    /// The connectors riding it, in boarding order (priority, readiness, name).
    pub riders: Vec<ConnectorId>,
    /// The seasons Microsoft has frozen before that the train's days fall in, unconfigured,
    /// each with the train's dates if that freeze recurred (docs/rules.md, rule 12). Per
    /// train: a plan made with the freeze (`--what-if`) may also move riders to other trains.
    pub warnings: Vec<SeasonalWarning>,
}

impl PlanTrain {
    /// The day the last region deploys.
    pub fn finish(&self) -> NaiveDate {
        self.dates.iter().copied().max().unwrap_or(self.train.start)
    }
}

/// Why a connector rides a later train than the one its readiness alone would catch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Push {
    /// Its `not_before` day is after the start of this many trains it was ready for.
    NotBefore {
        /// The `not_before` day.
        date: NaiveDate,
        /// How many trains it let go.
        trains: u32,
    },
    /// A dependency was not live everywhere before the start of this many trains.
    Dependency {
        /// The dependency that finished last.
        on: ConnectorId,
        /// The day that dependency's last region deployed.
        finish: NaiveDate,
        /// How many trains it let go.
        trains: u32,
    },
    /// It was eligible for this many trains, and each was full.
    Capacity {
        /// How many full trains it missed.
        trains: u32,
    },
}

/// Where one connector of the batch is placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Index into [`Plan::trains`].
    pub train: u32,
    /// The start day of the train its readiness alone would catch (what `golive when` says).
    pub ready_train: NaiveDate,
    /// Why it rides a later train than that one: empty when it does not.
    pub pushed: Vec<Push>,
}

/// A batch of connectors placed on trains.
#[derive(Debug, Clone)]
pub struct Plan {
    capacity: Option<u32>,
    trains: Vec<PlanTrain>,
    placements: Vec<Placement>,
}

/// Per-connector facts the planner looks up while filling trains: indices into its list of
/// trains.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The first train its readiness catches.
    ready: u32,
    /// The first train it is eligible for before dependencies: readiness and `not_before`.
    open: u32,
    /// Trains from this index on finish past its horizon.
    horizon: u32,
}

const UNPLACED: u32 = u32::MAX;

/// What the planner knows of the connectors that wait for others, kept for them alone: a
/// batch of a million with a few dependencies holds a few entries, not a million.
struct Waits {
    /// The connectors with dependencies (waiters), each with its rank among them.
    waiter: Ranked,
    /// Each waiter's connector, by rank.
    waiters: Vec<u32>,
    /// For each waiter: the first train its placed dependencies allow,
    ready: Vec<u32>,
    /// the dependency that set it (`UNPLACED` until one is placed),
    on: Vec<u32>,
    /// and how many of its dependencies are still to be placed.
    waiting: Vec<u32>,
    /// The connectors some waiter depends on, each with its rank among them.
    needed: Ranked,
    /// The waiters of each of those, in compressed rows: the waiters of the needed connector
    /// of rank `r` are `dependents[dependents_start[r]..dependents_start[r + 1]]`.
    dependents_start: Vec<u32>,
    dependents: Vec<u32>,
}

impl Waits {
    fn new(batch: &Batch) -> Waits {
        let n = batch.len();
        let waiters: Vec<u32> = (0..n as u32)
            .filter(|&i| !batch.deps(i as usize).is_empty())
            .collect();
        let waiter = Ranked::new(n, waiters.iter().copied());
        let needed = Ranked::new(
            n,
            waiters
                .iter()
                .flat_map(|&i| batch.deps(i as usize).iter().copied()),
        );
        let mut dependents_start = vec![0u32; needed.len() + 1];
        for &i in &waiters {
            for &d in batch.deps(i as usize) {
                if let Some(r) = needed.rank(d as usize) {
                    dependents_start[r + 1] += 1;
                }
            }
        }
        for r in 1..dependents_start.len() {
            dependents_start[r] += dependents_start[r - 1];
        }
        let mut fill = dependents_start.clone();
        let mut dependents = vec![0u32; *dependents_start.last().unwrap_or(&0) as usize];
        for (w, &i) in waiters.iter().enumerate() {
            for &d in batch.deps(i as usize) {
                if let Some(r) = needed.rank(d as usize) {
                    dependents[fill[r] as usize] = w as u32;
                    fill[r] += 1;
                }
            }
        }
        Waits {
            waiter,
            ready: vec![0; waiters.len()],
            on: vec![UNPLACED; waiters.len()],
            waiting: waiters
                .iter()
                .map(|&i| batch.deps(i as usize).len() as u32)
                .collect(),
            waiters,
            needed,
            dependents_start,
            dependents,
        }
    }

    /// Whether `c` still waits for a dependency to be placed.
    fn waits(&self, c: usize) -> bool {
        self.waiter.rank(c).is_some_and(|w| self.waiting[w] > 0)
    }

    /// The first train `c`'s dependencies allow (0 without any).
    fn ready_train(&self, c: usize) -> u32 {
        self.waiter.rank(c).map_or(0, |w| self.ready[w])
    }

    /// The dependency that set [`Waits::ready_train`] for `c`.
    fn on(&self, c: usize) -> u32 {
        self.waiter.rank(c).map_or(UNPLACED, |w| self.on[w])
    }

    /// Records that `c` took a seat and frees its waiters from train `frees` on. `finished_later(last)`
    /// says whether `c` finished after dependency `last`, which then no longer names the wait
    /// (the first placed wins a tie). `open(d, from)` is told of each waiter `d` whose
    /// dependencies are now all placed, and the first train they allow.
    fn placed(
        &mut self,
        c: usize,
        frees: u32,
        finished_later: impl Fn(u32) -> bool,
        mut open: impl FnMut(usize, u32),
    ) {
        let Some(r) = self.needed.rank(c) else {
            return;
        };
        for p in self.dependents_start[r] as usize..self.dependents_start[r + 1] as usize {
            let w = self.dependents[p] as usize;
            self.ready[w] = self.ready[w].max(frees);
            let last = self.on[w];
            if last == UNPLACED || finished_later(last) {
                self.on[w] = c as u32;
            }
            self.waiting[w] -= 1;
            if self.waiting[w] == 0 {
                open(self.waiters[w] as usize, self.ready[w]);
            }
        }
    }
}

/// A set of connector positions that tells each member's rank among the members in constant
/// time: a bit a connector, and how many members come before each word of 64.
struct Ranked {
    words: Vec<u64>,
    before: Vec<u32>,
}

impl Ranked {
    fn new(n: usize, members: impl Iterator<Item = u32>) -> Ranked {
        let mut words = vec![0u64; n.div_ceil(64)];
        for m in members {
            if let Some(w) = words.get_mut(m as usize / 64) {
                *w |= 1 << (m % 64);
            }
        }
        let mut before = Vec::with_capacity(words.len() + 1);
        let mut count = 0u32;
        for w in &words {
            before.push(count);
            count += w.count_ones();
        }
        before.push(count);
        Ranked { words, before }
    }

    /// How many members there are.
    fn len(&self) -> usize {
        self.before.last().copied().unwrap_or(0) as usize
    }

    /// `c`'s rank among the members, if it is one.
    fn rank(&self, c: usize) -> Option<usize> {
        let (word, bit) = (*self.words.get(c / 64)?, c % 64);
        if word >> bit & 1 == 0 {
            return None;
        }
        let below = (word & ((1u64 << bit) - 1)).count_ones();
        Some((self.before[c / 64] + below) as usize)
    }
}

/// The whole numbers of the boarding order (rule 10): priority (higher first), then
/// readiness (the instant, to the nanosecond). Names break ties: see [`sort_boarding`].
pub(crate) type BoardingKey = (Reverse<i64>, i64, u32);

/// A connector's [`BoardingKey`].
pub(crate) fn boarding_key(priority: i64, ready: DateTime<FixedOffset>) -> BoardingKey {
    (
        Reverse(priority),
        ready.timestamp(),
        ready.timestamp_subsec_nanos(),
    )
}

/// Sorts `items` by `key` (a [`BoardingKey`], perhaps after a train's), and by `name` only
/// within a run alike in it. Names are unique, so the order is total.
///
/// The whole numbers are compared as they are, and names only in the rare ties: sorting by
/// looking each connector's name up in every comparison took a tenth of a million-connector
/// plan, in cache misses alone.
pub(crate) fn sort_boarding<'n, T, K: Ord>(
    items: &mut [T],
    key: impl Fn(&T) -> K,
    name: impl Fn(&T) -> &'n str,
) {
    items.sort_unstable_by_key(&key);
    for run in items.chunk_by_mut(|a, b| key(a) == key(b)) {
        if run.len() > 1 {
            run.sort_unstable_by(|a, b| name(a).cmp(name(b)));
        }
    }
}

/// The connectors' positions in boarding order (rule 10): priority (higher first), readiness,
/// name; the plan is deterministic.
fn boarding_order(connectors: &[Connector]) -> Vec<u32> {
    let mut keyed: Vec<(BoardingKey, u32)> = connectors
        .iter()
        .enumerate()
        .map(|(i, c)| (boarding_key(c.priority, c.ready), i as u32))
        .collect();
    sort_boarding(
        &mut keyed,
        |k| k.0,
        |k| connectors[k.1 as usize].name.as_str(),
    );
    keyed.into_iter().map(|k| k.1).collect()
}

/// The first train a connector ready at `ready` catches (rule 1), and the first it may
/// ride: that one, or the first starting on or after its `not_before` day.
pub(crate) fn open_train<'s>(
    scheduler: &'s Scheduler<'_>,
    ready: DateTime<FixedOffset>,
    not_before: Option<NaiveDate>,
) -> Option<(TrainRef<'s>, TrainRef<'s>)> {
    let first = scheduler.ride(ready)?;
    let open = match not_before {
        Some(day) if first.train.start < day => scheduler.starting_from(&first, day)?,
        _ => first,
    };
    Some((first, open))
}

impl Plan {
    /// Plans `batch` under `config` (docs/rules.md, rule 10), with its `max_per_train` as the capacity.
    ///
    /// A connector that cannot be placed within its horizon (rule 7) is an error naming
    /// it and what held it back.
    ///
    /// # Example
    /// ```
    /// use golive::{Batch, Connector, Plan, Push};
    /// let config = golive::Config::embedded()?.with_max_per_train(std::num::NonZeroU32::new(1));
    /// let ready = config.parse_ready("2026-11-23")?;
    /// let batch = Batch::from_connectors(vec![
    ///     Connector::new("Contoso", ready),
    ///     Connector::new("Fabrikam", ready).with_priority(5),
    /// ])?;
    /// let plan = Plan::new(&config, &batch)?;
    /// // One seat per train: Fabrikam's higher priority boards first; Contoso waits a week.
    /// let fabrikam = batch.find("Fabrikam").unwrap();
    /// let contoso = batch.find("Contoso").unwrap();
    /// assert_eq!(plan.train_of(fabrikam).unwrap().train.start.to_string(), "2026-11-27");
    /// assert_eq!(plan.train_of(contoso).unwrap().train.start.to_string(), "2026-12-04");
    /// assert_eq!(plan.placement(contoso).unwrap().pushed, [Push::Capacity { trains: 1 }]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(config: &Config, batch: &Batch) -> Result<Plan> {
        let zone = config.timezone();
        let connectors = batch.connectors();
        let scheduler = Scheduler::new(config);
        let days: Vec<NaiveDate> = connectors
            .iter()
            .map(|c| c.ready.with_timezone(&zone).date_naive())
            .collect();
        // The trains any connector can ride: from the earliest readiness's train to the last
        // that starts within the latest connector's horizon.
        let earliest = (0..connectors.len()).min_by_key(|&i| connectors[i].ready);
        let latest = days.iter().copied().max().unwrap_or_default();
        let Some(first) = earliest.and_then(|i| scheduler.ride(connectors[i].ready)) else {
            return Err(earliest
                .and_then(|i| lone_error(&scheduler, batch, i))
                .unwrap_or_else(|| Error::argument("batch", batch.file(), "has no connectors")));
        };
        let last_start = horizon_end(config, latest);
        let mut runs: Vec<TrainRef<'_>> = vec![first];
        while let Some(next) = runs.last().and_then(|t| scheduler.next_train(t))
            && next.train.start <= last_start
        {
            runs.push(next);
        }
        let starts: Vec<NaiveDate> = runs.iter().map(|t| t.train.start).collect();
        let finishes: Vec<NaiveDate> = runs.iter().map(|t| t.finish).collect();
        // A train of the table as an index into `runs`.
        let local = |t: &TrainRef<'_>| runs.partition_point(|r| r.pos < t.pos) as u32;
        let mut slots = Vec::with_capacity(connectors.len());
        for (i, c) in connectors.iter().enumerate() {
            let deadline = horizon_end(config, days[i]);
            let horizon = finishes.partition_point(|f| *f <= deadline) as u32;
            let slot = open_train(&scheduler, c.ready, c.not_before).map(|(r, o)| Slot {
                ready: local(&r),
                open: local(&o),
                horizon,
            });
            match slot {
                Some(slot) if slot.ready < slot.horizon => slots.push(slot),
                // Not even its own train is within reach: the same answer as `golive when`.
                _ => {
                    return Err(lone_error(&scheduler, batch, i).unwrap_or_else(|| {
                        unplaced_error(config, batch, i, deadline, Vec::new())
                    }));
                }
            }
        }
        // The first train starting after `day`.
        let after_day = |day: NaiveDate| starts.partition_point(|s| *s <= day) as u32;

        let order = boarding_order(connectors);

        drop(days);
        let mut train = vec![UNPLACED; connectors.len()];
        let mut waits = Waits::new(batch);
        // How many ride each train; who they are is listed once all are placed.
        let mut seated = vec![0u32; runs.len()];

        if config.max_per_train().is_none() && !batch.has_dependencies() {
            // Nothing competes and nothing waits: each connector takes its first open train.
            for &c in &order {
                let s = slots[c as usize];
                if s.open < s.horizon {
                    train[c as usize] = s.open;
                    seated[s.open as usize] += 1;
                }
            }
        } else {
            let capacity = config.max_per_train().map_or(usize::MAX, |n| n as usize);
            let mut rank = vec![0u32; connectors.len()];
            for (r, &c) in order.iter().enumerate() {
                rank[c as usize] = r as u32;
            }
            // Connectors by the train they become eligible for (ranks, pushed as they open).
            let mut opening: Vec<Vec<u32>> = vec![Vec::new(); runs.len()];
            for c in 0..connectors.len() {
                if !waits.waits(c) {
                    let open = slots[c].open as usize;
                    if let Some(bucket) = opening.get_mut(open) {
                        bucket.push(rank[c]);
                    }
                }
            }
            let mut eligible: BinaryHeap<Reverse<u32>> = BinaryHeap::new();
            for k in 0..runs.len() {
                eligible.extend(std::mem::take(&mut opening[k]).into_iter().map(Reverse));
                while (seated[k] as usize) < capacity
                    && let Some(Reverse(r)) = eligible.pop()
                {
                    let c = order[r as usize] as usize;
                    if k as u32 >= slots[c].horizon {
                        // Past its horizon: it stays unplaced, and takes no seat.
                        continue;
                    }
                    train[c] = k as u32;
                    seated[k] += 1;
                    // Name the dependency that finished last.
                    let finished_later =
                        |last: u32| finishes[k] > finishes[train[last as usize] as usize];
                    waits.placed(c, after_day(finishes[k]), finished_later, |d, from| {
                        let open = slots[d].open.max(from) as usize;
                        if let Some(bucket) = opening.get_mut(open) {
                            bucket.push(rank[d]);
                        }
                    });
                }
            }
        }

        if let Some(c) = train.iter().position(|&t| t == UNPLACED) {
            return Err(stuck_error(
                config, batch, &train, &slots, &waits, &starts, &finishes, c,
            ));
        }
        // Each train's riders in boarding order, which is the order they took their seats
        // in, listed into vectors of their exact size (a million pushes into growing
        // vectors leave the heap in pieces).
        let mut riders: Vec<Vec<ConnectorId>> = seated
            .iter()
            .map(|&n| Vec::with_capacity(n as usize))
            .collect();
        for &c in &order {
            riders[train[c as usize] as usize].push(ConnectorId(c));
        }
        // What a million connectors' placements are made beside: no more than they need.
        drop((order, seated));

        // Keep the trains that carry someone, renumbered.
        let mut renumber = vec![UNPLACED; runs.len()];
        let mut kept = Vec::new();
        for (k, (run, riders)) in runs.iter().zip(riders).enumerate() {
            if !riders.is_empty() {
                renumber[k] = kept.len() as u32;
                kept.push((run, riders));
            }
        }
        // Warnings once per season window for all the trains kept, not once per train.
        let warnings = scheduler.seasonal_warnings_of_trains(
            &kept
                .iter()
                .map(|(run, _)| (run.train, run.dates))
                .collect::<Vec<_>>(),
        );
        let trains: Vec<PlanTrain> = kept
            .into_iter()
            .zip(warnings)
            .map(|((run, riders), warnings)| PlanTrain {
                train: run.train.clone(),
                dates: run.dates.to_vec(),
                riders,
                warnings,
            })
            .collect();
        let placements = (0..connectors.len())
            .map(|c| {
                let (s, k) = (slots[c], train[c]);
                let mut pushed = Vec::new();
                if s.open > s.ready {
                    pushed.push(Push::NotBefore {
                        date: connectors[c].not_before.unwrap_or(starts[s.open as usize]),
                        trains: s.open - s.ready,
                    });
                }
                let deps = waits.ready_train(c);
                if deps > s.ready {
                    let on = waits.on(c);
                    pushed.push(Push::Dependency {
                        on: ConnectorId(on),
                        finish: finishes[train[on as usize] as usize],
                        trains: deps - s.ready,
                    });
                }
                let open = s.open.max(deps);
                if k > open {
                    pushed.push(Push::Capacity { trains: k - open });
                }
                Placement {
                    train: renumber[k as usize],
                    ready_train: starts[s.ready as usize],
                    pushed,
                }
            })
            .collect();
        Ok(Plan {
            capacity: config.max_per_train(),
            trains,
            placements,
        })
    }

    /// The capacity the plan was made with (`None`: unlimited).
    pub fn capacity(&self) -> Option<u32> {
        self.capacity
    }

    /// The trains that carry at least one connector, in time order.
    pub fn trains(&self) -> &[PlanTrain] {
        &self.trains
    }

    /// Where each connector is placed, in the order of [`Batch::connectors`].
    pub fn placements(&self) -> &[Placement] {
        &self.placements
    }

    /// Where connector `id` is placed, if it is one of the planned batch's.
    pub fn placement(&self, id: ConnectorId) -> Option<&Placement> {
        self.placements.get(id.index())
    }

    /// The train connector `id` rides.
    pub fn train_of(&self, id: ConnectorId) -> Option<&PlanTrain> {
        self.placement(id)
            .and_then(|p| self.trains.get(p.train as usize))
    }

    /// The deploy day of every region for connector `id`, in the order of
    /// [`Config::regions`].
    pub fn dates(&self, id: ConnectorId) -> Option<&[NaiveDate]> {
        self.train_of(id).map(|t| t.dates.as_slice())
    }

    /// For every train of the plan, the days each region waited inside its rollout (the
    /// same for every rider), in the order of [`Plan::trains`].
    pub fn explain_trains(&self, config: &Config) -> Vec<crate::Explanation> {
        let scheduler = Scheduler::new(config);
        self.trains
            .iter()
            .map(|t| scheduler.explain_days(t.train.start, &t.train, &t.dates))
            .collect()
    }

    /// The train of the connector at position `i` of the planned batch.
    pub(crate) fn train_at(&self, i: usize) -> &PlanTrain {
        &self.trains[self.placements[i].train as usize]
    }
}

/// The error `golive when` gives for connector `i` alone, if it gives one, naming the
/// connector.
fn lone_error(scheduler: &Scheduler<'_>, batch: &Batch, i: usize) -> Option<Error> {
    let c = &batch.connectors()[i];
    let e = scheduler.rollout(c.ready).err()?;
    Some(e.map_horizon_what(|what| {
        format!(
            "{what} for connector \"{}\" ({})",
            short(&c.name),
            batch.place(i)
        )
    }))
}

fn unplaced_error(
    config: &Config,
    batch: &Batch,
    i: usize,
    until: NaiveDate,
    blockers: Vec<Blocker>,
) -> Error {
    let c = &batch.connectors()[i];
    Horizon {
        region: config.key(config.first_region()).to_string(),
        what: format!(
            "train for connector \"{}\" ({})",
            short(&c.name),
            batch.place(i)
        ),
        ready: c.ready.to_rfc3339(),
        horizon_years: config.horizon_years(),
        until,
        blockers,
    }
    .into()
}

/// The error for a batch in which connector `first` (and perhaps others) found no train:
/// it names the connector at the root of the problem and what held it back.
#[allow(clippy::too_many_arguments)]
fn stuck_error(
    config: &Config,
    batch: &Batch,
    train: &[u32],
    slots: &[Slot],
    waits: &Waits,
    starts: &[NaiveDate],
    finishes: &[NaiveDate],
    first: usize,
) -> Error {
    // Follow unplaced dependencies to a connector whose own dependencies were all placed.
    let mut c = first;
    while let Some(&d) = batch
        .deps(c)
        .iter()
        .find(|&&d| train[d as usize] == UNPLACED)
    {
        c = d as usize;
    }
    let connector = &batch.connectors()[c];
    let s = slots[c];
    let until = horizon_end(
        config,
        connector
            .ready
            .with_timezone(&config.timezone())
            .date_naive(),
    );
    let mut blockers = Vec::new();
    if s.open >= s.horizon
        && let Some(d) = connector.not_before
    {
        blockers.push(Blocker::NotBefore(d));
    }
    let deps = waits.ready_train(c);
    if deps >= s.horizon {
        let last = batch
            .deps(c)
            .iter()
            .max_by_key(|&&d| finishes[train[d as usize] as usize])
            .map(|&d| d as usize);
        if let Some(d) = last {
            blockers.push(Blocker::Dependency {
                name: batch.connectors()[d].name.to_string(),
                place: batch.place(d),
                finish: finishes[train[d] as usize],
            });
        }
    }
    if blockers.is_empty()
        && let Some(n) = config.max_per_train()
    {
        let open = s.open.max(deps) as usize;
        let last = (s.horizon as usize).saturating_sub(1);
        blockers.push(Blocker::Capacity {
            from: starts.get(open).copied(),
            until: starts.get(last).copied(),
            per_train: n,
        });
    }
    if blockers.is_empty() {
        blockers.push(Blocker::NoTrainInTime);
    }
    unplaced_error(config, batch, c, until, blockers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn plan(capacity: Option<u32>, csv: &str) -> (Batch, Result<Plan>) {
        let config = Config::embedded()
            .unwrap()
            .with_max_per_train(capacity.and_then(std::num::NonZeroU32::new));
        let batch = Batch::parse(&Source::new("b.csv", csv), config.timezone()).unwrap();
        let plan = Plan::new(&config, &batch);
        (batch, plan)
    }

    fn starts(plan: &Plan, n: usize) -> Vec<String> {
        (0..n)
            .map(|i| plan.train_at(i).train.start.format("%m-%d").to_string())
            .collect()
    }

    #[test]
    fn capacity_boards_by_priority_then_readiness_then_name() {
        let (_, p) = plan(
            Some(2),
            "name,ready,priority\nD,2026-11-23,0\nC,2026-11-22,0\nB,2026-11-23,1\nA,2026-11-23,0\n",
        );
        let p = p.unwrap();
        // B (priority 1) and C (earliest) board 11-27; A before D by name on 12-04.
        assert_eq!(starts(&p, 4), ["12-04", "11-27", "11-27", "12-04"]);
        let ids = |ids: &[u32]| ids.iter().map(|&i| ConnectorId(i)).collect::<Vec<_>>();
        assert_eq!(p.trains()[0].riders, ids(&[2, 1]));
        assert_eq!(p.trains()[1].riders, ids(&[3, 0]));
    }

    #[test]
    fn dependencies_wait_for_the_last_region() {
        // A's train of 11-27 finishes 12-04, so B (after A) cannot ride the 12-04 train.
        let (b, p) = plan(None, "name,ready,after\nA,2026-11-23,\nB,2026-11-23,A\n");
        let p = p.unwrap();
        assert_eq!(starts(&p, 2), ["11-27", "12-11"]);
        let finish = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(
            p.placements()[1].pushed,
            [Push::Dependency {
                on: ConnectorId(0),
                finish,
                trains: 2
            }]
        );
        assert_eq!(b.deps(1), [0]);
    }

    #[test]
    fn not_before_holds_a_connector_back() {
        let (_, p) = plan(None, "name,ready,not_before\nA,2026-11-23,2026-11-28\n");
        let p = p.unwrap();
        assert_eq!(starts(&p, 1), ["12-04"]);
        assert!(matches!(
            p.placements()[0].pushed[..],
            [Push::NotBefore { trains: 1, .. }]
        ));
    }

    #[test]
    fn a_connector_pushed_past_its_horizon_is_an_error_naming_it() {
        let (_, p) = plan(None, "name,ready,not_before\nA,2026-11-23,2035-01-01\n");
        let e = p.unwrap_err().to_string();
        assert!(
            e.contains("no train for connector \"A\" (b.csv:2)")
                && e.contains("its not_before 2035-01-01"),
            "{e}"
        );
    }

    #[test]
    fn a_long_freeze_does_not_stop_the_plan_where_when_answers() {
        // Regression: the train list stopped at the first train whose rollout could not
        // finish within a horizon counted from that train's cutoff, so the plan failed (or
        // named no connector) where `golive when` answered.
        let layer = crate::config::Layer {
            source: Source::new(
                "pause.toml",
                "[[freeze]]\nname = \"Asia pause\"\nfrom = 2026-11-21\nuntil = 2029-11-19\nregions = [\"asia\"]\n",
            ),
            dir: None,
        };
        let config = Config::load(&[layer], &|_| Err(std::io::ErrorKind::NotFound.into())).unwrap();
        let batch = Batch::parse(
            &Source::new("b.csv", "name,ready\nA,2026-11-26T09:00\n"),
            config.timezone(),
        )
        .unwrap();
        let plan = Plan::new(&config, &batch).unwrap();
        let ready = batch.connectors()[0].ready;
        let alone = crate::when(&config, ready).unwrap();
        assert_eq!(plan.dates(ConnectorId(0)), Some(alone.dates()));
    }
}
