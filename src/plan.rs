//! The plan layer: a batch of connectors fitted into trains (SPEC rule 9), and what-if
//! comparisons between two plans of the same batch.
//!
//! Trains are filled in time order. A train takes, among the connectors not yet placed, those
//! eligible for it (ready by its cutoff, `not_before` on or before its start day, every
//! dependency already on a train whose last region day is before its start day) in order of
//! priority, readiness and name, up to its capacity. Each connector's train is found with
//! binary searches over the train list, and a train's eligible connectors wait in a heap keyed
//! by that order, so a plan costs O(n log n) however many trains it spans.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use crate::batch::Batch;
use crate::config::Config;
use crate::error::{Error, Result, short};
use crate::schedule::{Scheduler, TrainRun, add_years, first_supported_day};

/// A train in a plan, with the connectors that ride it.
#[derive(Debug, Clone)]
pub struct PlanTrain {
    /// The train and its region dates.
    pub run: TrainRun,
    /// Indices into the batch of the connectors riding it, in boarding order (priority,
    /// readiness, name).
    pub riders: Vec<u32>,
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
        /// The index in the batch of the dependency that finished last.
        on: u32,
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

/// Per-connector facts the planner looks up while filling trains.
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

/// The trains a batch can ride, with what slotting a connector looks up: cutoffs, start
/// days and last region days, in time order.
pub(crate) struct TrainTable {
    pub runs: Vec<TrainRun>,
    /// Cutoffs in seconds since 1970 (always at a whole minute).
    cutoffs: Vec<i64>,
    pub starts: Vec<NaiveDate>,
    finishes: Vec<NaiveDate>,
}

impl TrainTable {
    /// The trains of `scheduler`'s tables from `from` on.
    pub(crate) fn new(scheduler: &Scheduler<'_>, from: NaiveDate) -> Result<TrainTable> {
        let runs = scheduler.trains_to_table_end(from)?;
        Ok(TrainTable {
            cutoffs: runs.iter().map(|r| r.train.cutoff.timestamp()).collect(),
            starts: runs.iter().map(|r| r.train.start).collect(),
            finishes: runs.iter().map(TrainRun::finish).collect(),
            runs,
        })
    }

    /// The first train a connector ready at `ready` (on `day` in the schedule zone) catches,
    /// the first its `not_before` allows, and where its horizon ends.
    fn slot(
        &self,
        ready: DateTime<FixedOffset>,
        day: NaiveDate,
        not_before: Option<NaiveDate>,
        horizon_years: u32,
    ) -> Slot {
        let (first, open) = self.open_train(ready, not_before);
        let deadline = add_years(day, horizon_years);
        Slot {
            ready: first,
            open,
            horizon: self.finishes.partition_point(|f| *f <= deadline) as u32,
        }
    }

    /// The first train whose cutoff is not before `ready` (SPEC rule 1).
    pub(crate) fn ready_train(&self, ready: DateTime<FixedOffset>) -> u32 {
        // Ready by the cutoff, to the second; a fraction past it misses the train.
        let (secs, frac) = (ready.timestamp(), ready.timestamp_subsec_nanos());
        self.cutoffs
            .partition_point(|&c| c < secs || (c == secs && frac > 0)) as u32
    }

    /// The first train a connector ready at `ready` may ride: the first its readiness
    /// catches, or the first its `not_before` allows; and the first alone.
    pub(crate) fn open_train(
        &self,
        ready: DateTime<FixedOffset>,
        not_before: Option<NaiveDate>,
    ) -> (u32, u32) {
        let first = self.ready_train(ready);
        let open = not_before.map_or(first, |d| {
            first.max(self.starts.partition_point(|s| *s < d) as u32)
        });
        (first, open)
    }
}

impl Plan {
    /// Plans `batch` under `config` (SPEC rule 9), with `config.max_per_train` as the capacity.
    ///
    /// A connector that cannot be placed within its horizon (SPEC rule 6) is an error naming
    /// it and what held it back.
    ///
    /// # Example
    /// ```
    /// let mut config = golive::Config::embedded()?;
    /// config.max_per_train = Some(1);
    /// let text = "name,ready,priority\nContoso,2026-11-23,0\nFabrikam,2026-11-23,5\n";
    /// let batch = golive::Batch::parse(&golive::Source::new("b.csv", text), config.timezone)?;
    /// let plan = golive::Plan::new(&config, &batch)?;
    /// // One seat per train: Fabrikam's higher priority boards first; Contoso waits a week.
    /// assert_eq!(plan.train_of(1).run.train.start.to_string(), "2026-11-27");
    /// assert_eq!(plan.train_of(0).run.train.start.to_string(), "2026-12-04");
    /// assert_eq!(plan.placements()[0].pushed, [golive::Push::Capacity { trains: 1 }]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(config: &Config, batch: &Batch) -> Result<Plan> {
        let zone = config.timezone;
        let connectors = batch.connectors();
        let days: Vec<NaiveDate> = connectors
            .iter()
            .map(|c| c.ready.with_timezone(&zone).date_naive())
            .collect();
        let first = days.iter().copied().min().unwrap_or_default();
        let last = days.iter().copied().max().unwrap_or_default();
        let scheduler = Scheduler::new(config, first, last);
        let from = (first - Duration::days(7)).max(first_supported_day());
        let table = TrainTable::new(&scheduler, from)
            .map_err(|e| lone_error(&scheduler, batch, 0).unwrap_or(e))?;
        let mut slots = Vec::with_capacity(connectors.len());
        for (i, c) in connectors.iter().enumerate() {
            let slot = table.slot(c.ready, days[i], c.not_before, config.horizon_years);
            if slot.ready >= slot.horizon {
                // Not even its own train is within reach: the same answer as `golive when`.
                let deadline = add_years(days[i], config.horizon_years);
                return Err(lone_error(&scheduler, batch, i)
                    .unwrap_or_else(|| unplaced_error(config, batch, i, deadline, Vec::new())));
            }
            slots.push(slot);
        }
        let TrainTable {
            runs,
            starts,
            finishes,
            ..
        } = table;
        // The first train starting after `day`.
        let after_day = |day: NaiveDate| starts.partition_point(|s| *s <= day) as u32;

        // Boarding order: priority (higher first), readiness, name. Names are unique, so
        // the order is total and the plan deterministic.
        let mut order: Vec<u32> = (0..connectors.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (&connectors[a as usize], &connectors[b as usize]);
            (Reverse(a.priority), a.ready, &a.name).cmp(&(Reverse(b.priority), b.ready, &b.name))
        });

        let mut train = vec![UNPLACED; connectors.len()];
        // For each connector, the first train its dependencies allow and the one that set it.
        let mut dep_ready = vec![
            0u32;
            if batch.has_dependencies() {
                connectors.len()
            } else {
                0
            }
        ];
        let mut dep_on = vec![UNPLACED; dep_ready.len()];
        let mut riders: Vec<Vec<u32>> = vec![Vec::new(); runs.len()];

        if config.max_per_train.is_none() && !batch.has_dependencies() {
            // Nothing competes and nothing waits: each connector takes its first open train.
            for &c in &order {
                let s = slots[c as usize];
                if s.open < s.horizon {
                    train[c as usize] = s.open;
                    riders[s.open as usize].push(c);
                }
            }
        } else {
            let capacity = config.max_per_train.map_or(usize::MAX, |n| n as usize);
            let mut rank = vec![0u32; connectors.len()];
            for (r, &c) in order.iter().enumerate() {
                rank[c as usize] = r as u32;
            }
            // Dependents of each connector, in compressed rows, and how many dependencies
            // each still waits for.
            let mut waiting = vec![0u32; dep_ready.len()];
            let mut dependents_start = vec![0u32; dep_ready.len() + 1];
            for (i, w) in waiting.iter_mut().enumerate() {
                *w = batch.after(i).len() as u32;
                for &d in batch.after(i) {
                    dependents_start[d as usize + 1] += 1;
                }
            }
            for i in 1..dependents_start.len() {
                dependents_start[i] += dependents_start[i - 1];
            }
            let mut fill = dependents_start.clone();
            let mut dependents = vec![0u32; *dependents_start.last().unwrap_or(&0) as usize];
            for i in 0..dep_ready.len() {
                for &d in batch.after(i) {
                    dependents[fill[d as usize] as usize] = i as u32;
                    fill[d as usize] += 1;
                }
            }
            drop(fill);

            // Connectors by the train they become eligible for (ranks, pushed as they open).
            let mut opening: Vec<Vec<u32>> = vec![Vec::new(); runs.len()];
            for c in 0..connectors.len() {
                if waiting.get(c).is_none_or(|&w| w == 0) {
                    let open = slots[c].open as usize;
                    if let Some(bucket) = opening.get_mut(open) {
                        bucket.push(rank[c]);
                    }
                }
            }
            let mut eligible: BinaryHeap<Reverse<u32>> = BinaryHeap::new();
            for k in 0..runs.len() {
                eligible.extend(std::mem::take(&mut opening[k]).into_iter().map(Reverse));
                while riders[k].len() < capacity
                    && let Some(Reverse(r)) = eligible.pop()
                {
                    let c = order[r as usize] as usize;
                    if k as u32 >= slots[c].horizon {
                        // Past its horizon: it stays unplaced, and takes no seat.
                        continue;
                    }
                    train[c] = k as u32;
                    riders[k].push(c as u32);
                    if dep_ready.is_empty() {
                        continue;
                    }
                    let frees = after_day(finishes[k]);
                    let range = dependents_start[c] as usize..dependents_start[c + 1] as usize;
                    for &d in &dependents[range] {
                        let d = d as usize;
                        dep_ready[d] = dep_ready[d].max(frees);
                        // Name the dependency that finished last (the first placed on a tie).
                        let last = dep_on[d];
                        if last == UNPLACED || finishes[k] > finishes[train[last as usize] as usize]
                        {
                            dep_on[d] = c as u32;
                        }
                        waiting[d] -= 1;
                        if waiting[d] == 0 {
                            let open = slots[d].open.max(dep_ready[d]) as usize;
                            if let Some(bucket) = opening.get_mut(open) {
                                bucket.push(rank[d]);
                            }
                        }
                    }
                }
            }
        }

        if let Some(c) = train.iter().position(|&t| t == UNPLACED) {
            return Err(stuck_error(
                config, batch, &train, &slots, &dep_ready, &starts, &finishes, c,
            ));
        }

        // Keep the trains that carry someone, renumbered.
        let mut renumber = vec![UNPLACED; runs.len()];
        let mut trains = Vec::new();
        for (k, (run, riders)) in runs.into_iter().zip(riders).enumerate() {
            if !riders.is_empty() {
                renumber[k] = trains.len() as u32;
                trains.push(PlanTrain { run, riders });
            }
        }
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
                let deps = dep_ready.get(c).copied().unwrap_or(0);
                if deps > s.ready {
                    let on = dep_on[c];
                    pushed.push(Push::Dependency {
                        on,
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
            capacity: config.max_per_train,
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

    /// Where each connector is placed, indexed like [`Batch::connectors`].
    pub fn placements(&self) -> &[Placement] {
        &self.placements
    }

    /// The train connector `i` rides.
    pub fn train_of(&self, i: usize) -> &PlanTrain {
        &self.trains[self.placements[i].train as usize]
    }

    /// The deploy day of every region for connector `i`, indexed like [`Config::regions`].
    pub fn dates(&self, i: usize) -> &[NaiveDate] {
        &self.train_of(i).run.dates
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
    blockers: Vec<String>,
) -> Error {
    let c = &batch.connectors()[i];
    Error::Horizon {
        region: config.regions[config.first_region()].key.clone(),
        what: format!(
            "train for connector \"{}\" ({})",
            short(&c.name),
            batch.place(i)
        ),
        ready: c.ready.to_rfc3339(),
        horizon_years: config.horizon_years,
        until,
        blockers,
    }
}

/// The error for a batch in which connector `first` (and perhaps others) found no train:
/// it names the connector at the root of the problem and what held it back.
#[allow(clippy::too_many_arguments)]
fn stuck_error(
    config: &Config,
    batch: &Batch,
    train: &[u32],
    slots: &[Slot],
    dep_ready: &[u32],
    starts: &[NaiveDate],
    finishes: &[NaiveDate],
    first: usize,
) -> Error {
    // Follow unplaced dependencies to a connector whose own dependencies were all placed.
    let mut c = first;
    while let Some(&d) = batch
        .after(c)
        .iter()
        .find(|&&d| train[d as usize] == UNPLACED)
    {
        c = d as usize;
    }
    let connector = &batch.connectors()[c];
    let s = slots[c];
    let zone = config.timezone;
    let until = add_years(
        connector.ready.with_timezone(&zone).date_naive(),
        config.horizon_years,
    );
    let mut blockers = Vec::new();
    if s.open >= s.horizon
        && let Some(d) = connector.not_before
    {
        blockers.push(format!("its not_before {d}"));
    }
    let deps = dep_ready.get(c).copied().unwrap_or(0);
    if deps >= s.horizon {
        let last = batch
            .after(c)
            .iter()
            .max_by_key(|&&d| finishes[train[d as usize] as usize])
            .map(|&d| d as usize);
        if let Some(d) = last {
            blockers.push(format!(
                "waiting for \"{}\" ({}), live everywhere only on {}",
                short(&batch.connectors()[d].name),
                batch.place(d),
                finishes[train[d] as usize]
            ));
        }
    }
    if blockers.is_empty()
        && let Some(n) = config.max_per_train
    {
        let open = s.open.max(deps) as usize;
        let last = (s.horizon as usize).saturating_sub(1);
        blockers.push(format!(
            "capacity: every train it could ride, {} to {}, was full ({n} per train)",
            starts.get(open).map_or(String::new(), |d| d.to_string()),
            starts.get(last).map_or(String::new(), |d| d.to_string())
        ));
    }
    if blockers.is_empty() {
        blockers.push("no train it could ride finishes its rollout in time".into());
    }
    unplaced_error(config, batch, c, until, blockers)
}

/// One connector's date in one region, before and after a what-if.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Index into the batch.
    pub connector: usize,
    /// The region: an index into the second configuration's [`Config::regions`].
    pub region: usize,
    /// The date in the first plan.
    pub old: NaiveDate,
    /// The date in the second plan.
    pub new: NaiveDate,
}

impl Change {
    /// How many days the date moved: positive when it slipped.
    pub fn days(&self) -> i64 {
        (self.new - self.old).num_days()
    }
}

/// How many connectors moved one way, and by how many days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Movement {
    /// How many connectors.
    pub connectors: usize,
    /// The smallest move among them, in days (0 when none moved).
    pub min_days: i64,
    /// The largest move among them, in days (0 when none moved).
    pub max_days: i64,
}

/// What moves when the same batch is planned under a second configuration.
#[derive(Debug, Clone)]
pub struct WhatIf {
    /// How many connectors the batch holds.
    pub connectors: usize,
    /// Every connector and region whose date changed, by connector then region order.
    pub changes: Vec<Change>,
    /// Connectors with a region that went live later, by their largest slip.
    pub slipped: Movement,
    /// Connectors that moved only earlier, by their largest gain (in positive days).
    pub earlier: Movement,
    /// Keys of regions that exist under only one of the two configurations, and so were not
    /// compared.
    pub not_compared: Vec<String>,
    /// How many regions were compared (those in both configurations).
    pub compared: usize,
}

impl WhatIf {
    /// Compares two plans of the same batch. Regions are matched by key; a region that
    /// exists under only one configuration is not compared.
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::embedded()?;
    /// let text = "name,ready\nContoso,2026-11-23\nFabrikam,2026-11-23\n";
    /// let batch = golive::Batch::parse(&golive::Source::new("b.csv", text), config.timezone)?;
    /// let before = golive::Plan::new(&config, &batch)?;
    /// let mut smaller = config.clone();
    /// smaller.max_per_train = Some(1);
    /// let after = golive::Plan::new(&smaller, &batch)?;
    /// let what_if = golive::WhatIf::compare(&config, &before, &smaller, &after);
    /// assert_eq!(what_if.summary(), "1 of 2 connectors slips, by 7 days");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compare(old_config: &Config, old: &Plan, new_config: &Config, new: &Plan) -> WhatIf {
        let pairs: Vec<(usize, usize)> = new_config
            .regions
            .iter()
            .enumerate()
            .filter_map(|(n, r)| {
                let o = old_config.regions.iter().position(|x| x.key == r.key)?;
                Some((o, n))
            })
            .collect();
        let mut changes = Vec::new();
        let (mut slips, mut gains) = (Vec::new(), Vec::new());
        let count = old.placements.len().min(new.placements.len());
        for c in 0..count {
            let (before, after) = (old.dates(c), new.dates(c));
            let mut most: Option<(i64, i64)> = None;
            for &(o, n) in &pairs {
                if before[o] != after[n] {
                    let change = Change {
                        connector: c,
                        region: n,
                        old: before[o],
                        new: after[n],
                    };
                    let d = change.days();
                    most = Some(most.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))));
                    changes.push(change);
                }
            }
            match most {
                Some((_, hi)) if hi > 0 => slips.push(hi),
                Some((lo, _)) => gains.push(-lo),
                None => {}
            }
        }
        let movement = |v: &[i64]| Movement {
            connectors: v.len(),
            min_days: v.iter().copied().min().unwrap_or(0),
            max_days: v.iter().copied().max().unwrap_or(0),
        };
        let only_old = old_config
            .regions
            .iter()
            .filter(|r| !new_config.regions.iter().any(|n| n.key == r.key));
        let only_new = new_config
            .regions
            .iter()
            .filter(|r| !old_config.regions.iter().any(|o| o.key == r.key));
        WhatIf {
            not_compared: only_old.chain(only_new).map(|r| r.key.clone()).collect(),
            compared: pairs.len(),
            connectors: count,
            slipped: movement(&slips),
            earlier: movement(&gains),
            changes,
        }
    }

    /// One line for people: "7 of 40 connectors slip, by 3 to 18 days".
    pub fn summary(&self) -> String {
        if self.compared == 0 {
            return format!(
                "no region is in both configurations, so no date can be compared (regions: {})",
                self.not_compared.join(", ")
            );
        }
        let mut line = self.moves();
        if !self.not_compared.is_empty() {
            line.push_str(&format!(
                "; regions in only one configuration, not compared: {}",
                self.not_compared.join(", ")
            ));
        }
        line
    }

    fn moves(&self) -> String {
        let range = |m: &Movement| {
            let unit = if m.max_days == 1 { "day" } else { "days" };
            if m.min_days == m.max_days {
                format!("by {} {unit}", m.max_days)
            } else {
                format!("by {} to {} {unit}", m.min_days, m.max_days)
            }
        };
        let total = self.connectors;
        let noun = if total == 1 {
            "connector"
        } else {
            "connectors"
        };
        let verb =
            |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        match (self.slipped.connectors, self.earlier.connectors) {
            (0, 0) => format!("no connector moves: all {total} {noun} keep their dates"),
            (s, 0) => format!(
                "{s} of {total} {noun} {}, {}",
                verb(s, "slips", "slip"),
                range(&self.slipped)
            ),
            (0, e) => format!(
                "{e} of {total} {noun} {} earlier, {}",
                verb(e, "goes live", "go live"),
                range(&self.earlier)
            ),
            (s, e) => format!(
                "{s} of {total} {noun} {}, {}; {e} {} earlier, {}",
                verb(s, "slips", "slip"),
                range(&self.slipped),
                verb(e, "goes live", "go live"),
                range(&self.earlier)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn plan(capacity: Option<u32>, csv: &str) -> (Batch, Result<Plan>) {
        let mut config = Config::embedded().unwrap();
        config.max_per_train = capacity;
        let batch = Batch::parse(&Source::new("b.csv", csv), config.timezone).unwrap();
        let plan = Plan::new(&config, &batch);
        (batch, plan)
    }

    fn starts(plan: &Plan, n: usize) -> Vec<String> {
        (0..n)
            .map(|i| plan.train_of(i).run.train.start.format("%m-%d").to_string())
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
        assert_eq!(p.trains()[0].riders, [2, 1]);
        assert_eq!(p.trains()[1].riders, [3, 0]);
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
                on: 0,
                finish,
                trains: 2
            }]
        );
        assert_eq!(b.after(1), [0]);
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
            config.timezone,
        )
        .unwrap();
        let plan = Plan::new(&config, &batch).unwrap();
        let ready = batch.connectors()[0].ready;
        let alone = Scheduler::for_ready(&config, ready).rollout(ready).unwrap();
        assert_eq!(plan.dates(0), alone.dates);
    }

    #[test]
    fn what_if_summaries() {
        let w = |s: (usize, i64, i64), e: (usize, i64, i64)| WhatIf {
            connectors: 40,
            changes: Vec::new(),
            slipped: Movement {
                connectors: s.0,
                min_days: s.1,
                max_days: s.2,
            },
            earlier: Movement {
                connectors: e.0,
                min_days: e.1,
                max_days: e.2,
            },
            not_compared: Vec::new(),
            compared: 6,
        };
        assert_eq!(
            w((7, 3, 18), (0, 0, 0)).summary(),
            "7 of 40 connectors slip, by 3 to 18 days"
        );
        assert_eq!(
            w((1, 1, 1), (0, 0, 0)).summary(),
            "1 of 40 connectors slips, by 1 day"
        );
        assert_eq!(
            w((0, 0, 0), (0, 0, 0)).summary(),
            "no connector moves: all 40 connectors keep their dates"
        );
        assert_eq!(
            w((2, 7, 7), (1, 3, 3)).summary(),
            "2 of 40 connectors slip, by 7 days; 1 goes live earlier, by 3 days"
        );
    }
}
