//! The one train table (docs/rules.md, rules 1 to 4 and 7): every weekly train
//! over the supported years, laid out on first use in chunks of about a quarter, each train
//! rolled out through the region graph once.
//!
//! Each rule lives in one function here: which train a readiness rides ([`TrainTable::ride`],
//! rule 1); which day a scheduled train leaves on, or whether it is cancelled ([`start_of`],
//! the `blocked_start` policy) and which scheduled trains leave together ([`governs`]), rule 2;
//! the region days of a train ([`roll`], rules 3 and 4); and how far past readiness an answer
//! may be ([`horizon_end`] and its inverse [`earliest_ready_for`], rule 7).
//!
//! Trains are kept in chunks by their cutoff instant (2^23 seconds, about 97 days, each), so
//! that finding a readiness's train is one index computation and a binary search, and a
//! single answer lays out some fourteen trains rather than a year's.

use std::sync::{Arc, OnceLock};

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, Months, NaiveDate, NaiveTime, Utc, Weekday,
};
use chrono_tz::Tz;

use crate::calendar::{Calendar, first_supported_day, last_supported_day};
use crate::config::{BlockedStart, Config, RegionId};
use crate::time::{Gap, resolve_local};

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

/// The log2 of a chunk's length in seconds.
const CHUNK_SHIFT: u32 = 23;

/// The instant chunks are counted from: 1970-12-30T00:00Z, before the first readiness any
/// zone can have on 1971-01-01.
const EPOCH: i64 = 31_363_200;

/// How many chunks reach past the last supported day (2100-01-02T00:00Z).
const CHUNKS: usize = ((4_102_531_200 - EPOCH) >> CHUNK_SHIFT) as usize + 1;

/// A train of the table, with what a rollout looks up.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) train: Train,
    /// The day the last region deploys; `NaiveDate::MAX` when some region finds no deploy
    /// day within the supported years.
    pub(crate) finish: NaiveDate,
    /// The earliest readiness (seconds since 1970) whose horizon reaches `finish`; `i64::MAX`
    /// when none does.
    pub(crate) min_ready: i64,
}

/// The trains whose cutoff falls in one chunk's span, in time order.
#[derive(Debug)]
pub(crate) struct Chunk {
    entries: Vec<Entry>,
    /// Each entry's cutoff in seconds since 1970 (always a whole second).
    cutoffs: Vec<i64>,
    /// Each entry's region days, `regions` per entry, in the configuration's order
    /// (`NaiveDate::MAX` for a region with no deploy day).
    dates: Vec<NaiveDate>,
    regions: usize,
    /// For a chunk without trains (inside a long freeze), the next chunk that has one
    /// (`CHUNKS` when none does), found on first use: a readiness in a five-year freeze then
    /// steps over its empty chunks at once.
    next_with_trains: OnceLock<u32>,
}

impl Chunk {
    pub(crate) fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    pub(crate) fn dates(&self, i: u32) -> &[NaiveDate] {
        let at = i as usize * self.regions;
        &self.dates[at..at + self.regions]
    }

    fn len(&self) -> u32 {
        self.entries.len() as u32
    }
}

/// Where a train is in the table: its chunk, then its place in the chunk. Positions compare
/// in time order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Pos {
    pub(crate) chunk: u32,
    pub(crate) index: u32,
}

/// The most trains a chunk holds: one a week over its 97 days (at most 14), with room to
/// spare.
const PER_CHUNK: usize = 16;

/// Every [`Pos::key`] is below this.
pub(crate) const TRAIN_KEYS: usize = CHUNKS * PER_CHUNK;

impl Pos {
    /// A number below [`TRAIN_KEYS`] that tells this train from every other.
    pub(crate) fn key(self) -> usize {
        self.chunk as usize * PER_CHUNK + (self.index as usize).min(PER_CHUNK - 1)
    }
}

/// Every train over the supported years, laid out a chunk at a time.
#[derive(Debug)]
pub(crate) struct TrainTable {
    chunks: Box<[OnceLock<Arc<Chunk>>]>,
}

impl TrainTable {
    pub(crate) fn new() -> TrainTable {
        TrainTable {
            chunks: (0..CHUNKS).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Chunk `c`, laid out on first use; `None` past the last.
    pub(crate) fn chunk(&self, cal: &Calendar<'_>, c: u32) -> Option<&Arc<Chunk>> {
        let cell = self.chunks.get(c as usize)?;
        Some(cell.get_or_init(|| Arc::new(lay_out(cal, c))))
    }

    /// The train a connector ready at `ready` rides (rule 1): the first whose cutoff is
    /// not before it. Ready by the cutoff, to the second; a fraction past it misses the train.
    pub(crate) fn ride(&self, cal: &Calendar<'_>, ready: DateTime<FixedOffset>) -> Option<Pos> {
        let (secs, frac) = (ready.timestamp(), ready.timestamp_subsec_nanos());
        self.ride_at(cal, secs, frac).map(|(pos, _)| pos)
    }

    /// [`TrainTable::ride`] for readiness `secs` seconds (and `frac` nanoseconds) after 1970,
    /// with the chunk that holds the train.
    pub(crate) fn ride_at(
        &self,
        cal: &Calendar<'_>,
        secs: i64,
        frac: u32,
    ) -> Option<(Pos, &Arc<Chunk>)> {
        let mut c = u32::try_from(secs.saturating_sub(EPOCH).max(0) >> CHUNK_SHIFT).ok()?;
        while (c as usize) < CHUNKS {
            let chunk = self.chunk(cal, c)?;
            if chunk.len() == 0 {
                c = self.next_with_trains(cal, c, chunk);
                continue;
            }
            let k = chunk
                .cutoffs
                .partition_point(|&x| x < secs || (x == secs && frac > 0));
            if (k as u32) < chunk.len() {
                let pos = Pos {
                    chunk: c,
                    index: k as u32,
                };
                return Some((pos, chunk));
            }
            c += 1;
        }
        None
    }

    /// The first chunk after the empty chunk `c` that holds a train (`CHUNKS` when none does).
    fn next_with_trains(&self, cal: &Calendar<'_>, c: u32, chunk: &Chunk) -> u32 {
        *chunk.next_with_trains.get_or_init(|| {
            let mut d = c + 1;
            loop {
                match self.chunk(cal, d) {
                    // An empty chunk further on may know already.
                    Some(next) if next.len() == 0 => match next.next_with_trains.get() {
                        Some(&known) => break known,
                        None => d += 1,
                    },
                    Some(_) => break d,
                    None => break CHUNKS as u32,
                }
            }
        })
    }

    /// The train after the one at `pos`.
    pub(crate) fn next(&self, cal: &Calendar<'_>, pos: Pos) -> Option<Pos> {
        let mut c = pos.chunk;
        let mut index = pos.index + 1;
        loop {
            if index < self.chunk(cal, c)?.len() {
                return Some(Pos { chunk: c, index });
            }
            c += 1;
            index = 0;
        }
    }

    /// The first train at or after `pos` that starts on or after `day`.
    pub(crate) fn starting_from(
        &self,
        cal: &Calendar<'_>,
        pos: Pos,
        day: NaiveDate,
    ) -> Option<Pos> {
        let mut c = pos.chunk;
        let mut from = pos.index as usize;
        loop {
            let chunk = self.chunk(cal, c)?;
            let k = from
                + chunk.entries[from.min(chunk.entries.len())..]
                    .partition_point(|e| e.train.start < day);
            if k < chunk.entries.len() {
                return Some(Pos {
                    chunk: c,
                    index: k as u32,
                });
            }
            c += 1;
            from = 0;
        }
    }

    /// How many trains lie from `a` (included) to `b` (excluded); `a` is not after `b`.
    pub(crate) fn count_between(&self, cal: &Calendar<'_>, a: Pos, b: Pos) -> u32 {
        if a.chunk == b.chunk {
            return b.index.saturating_sub(a.index);
        }
        let whole: u32 = (a.chunk + 1..b.chunk)
            .map(|c| self.chunk(cal, c).map_or(0, |k| k.len()))
            .sum();
        let rest = self.chunk(cal, a.chunk).map_or(0, |k| k.len()) - a.index;
        rest + whole + b.index
    }
}

/// The day a train scheduled for `nominal` leaves on, by the `blocked_start` policy: the
/// first deploy day for the first region on or after it (`next-deploy-day`), or the day itself
/// if it is one and `None` if not (`skip`: the train is cancelled). `None` also when the
/// supported years hold no such day.
pub(crate) fn start_of(cal: &Calendar<'_>, nominal: NaiveDate) -> Option<NaiveDate> {
    let first = cal.config().first_region();
    match cal.config().blocked_start() {
        BlockedStart::NextDeployDay => cal.next_deploy_day(first, nominal),
        BlockedStart::Skip => cal.is_deploy_day(first, nominal).then_some(nominal),
    }
}

/// Whether the train scheduled for `nominal`, leaving on `start`, is the last scheduled train
/// leaving that day, whose cutoff governs them all ("Trains whose actual starts fall on the
/// same day are one train"). The next scheduled train leaves on another day exactly when this
/// one leaves before its nominal day.
pub(crate) fn governs(nominal: NaiveDate, start: NaiveDate) -> bool {
    start < nominal + Duration::days(7)
}

/// The train scheduled for `nominal` (the governing nominal day) leaving on `start`.
pub(crate) fn train(cal: &Calendar<'_>, nominal: NaiveDate, start: NaiveDate) -> Train {
    let nominal_start = cal.deploy_instant(nominal);
    Train {
        cutoff: nominal_start - cal.config().cutoff(),
        nominal_start,
        start,
        start_at: cal.deploy_instant(start),
    }
}

/// The deploy day of every region for a train starting on `start` (rules 3 and 4):
/// the first region on the start day, every other on its first deploy day strictly after
/// the latest of its predecessors. `NaiveDate::MAX` for a region with no deploy day.
pub(crate) fn roll(cal: &Calendar<'_>, start: NaiveDate) -> Vec<NaiveDate> {
    let config = cal.config();
    let mut dates = vec![NaiveDate::MAX; config.regions().len()];
    let order = config.rollout_order();
    dates[order[0].index()] = start;
    for &r in &order[1..] {
        let after = region_after(config, r, &dates, start);
        dates[r.index()] = after
            .succ_opt()
            .and_then(|d| cal.next_deploy_day(r, d))
            .unwrap_or(NaiveDate::MAX);
    }
    dates
}

/// The day region `r` waits for: the latest day its predecessors deploy (`start` for a region
/// with none).
pub(crate) fn region_after(
    config: &Config,
    r: RegionId,
    dates: &[NaiveDate],
    start: NaiveDate,
) -> NaiveDate {
    config
        .regions()
        .get(r.index())
        .and_then(|region| region.after().iter().map(|p| dates[p.index()]).max())
        .unwrap_or(start)
}

/// The last day an answer for readiness on `day` may reach (rule 7): `horizon_years`
/// calendar years later, and never past the supported years.
pub(crate) fn horizon_end(config: &Config, day: NaiveDate) -> NaiveDate {
    add_years(day, config.horizon_years()).min(last_supported_day())
}

/// The earliest readiness instant whose horizon reaches `finish`: a connector ready at or
/// after it may ride a train whose last region deploys on `finish` ([`horizon_end`] read
/// backwards).
pub(crate) fn earliest_ready_for(config: &Config, finish: NaiveDate) -> Option<DateTime<Utc>> {
    let years = config.horizon_years();
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
    Some(midnight(config.timezone(), day))
}

/// `day` moved by `years` calendar years (February 29 becomes February 28).
pub(crate) fn add_years(day: NaiveDate, years: u32) -> NaiveDate {
    day.checked_add_months(Months::new(12 * years))
        .unwrap_or(NaiveDate::MAX)
}

/// The start of `day` in `zone`, as an instant.
pub(crate) fn midnight(zone: Tz, day: NaiveDate) -> DateTime<Utc> {
    resolve_local(zone, day.and_time(NaiveTime::MIN), Gap::ShiftForward).to_utc()
}

/// The first day on or after `day` that is a `weekday`.
pub(crate) fn next_weekday(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - day.weekday().num_days_from_monday()) % 7;
    day + Duration::days(i64::from(ahead))
}

/// The last day on or before `day` that is a `weekday`.
pub(crate) fn last_weekday_on_or_before(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + day.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    day - Duration::days(i64::from(back))
}

/// The first nominal day whose cutoff is not before `ready`: the scheduled train rule 1 picks
/// before the `blocked_start` policy moves or cancels it.
pub(crate) fn first_nominal_for(cal: &Calendar<'_>, ready: DateTime<FixedOffset>) -> NaiveDate {
    let config = cal.config();
    let earliest = (ready + config.cutoff())
        .with_timezone(&config.timezone())
        .date_naive();
    let nominal = next_weekday(earliest, config.start_weekday());
    match cal.deploy_instant(nominal) - config.cutoff() < ready {
        true => nominal + Duration::days(7),
        false => nominal,
    }
}

/// The trains whose cutoff falls in chunk `c`.
fn lay_out(cal: &Calendar<'_>, c: u32) -> Chunk {
    let config = cal.config();
    let zone = config.timezone();
    let lo = EPOCH + (i64::from(c) << CHUNK_SHIFT);
    let hi = lo + (1i64 << CHUNK_SHIFT);
    let regions = config.regions().len();
    let mut chunk = Chunk {
        entries: Vec::new(),
        cutoffs: Vec::new(),
        dates: Vec::new(),
        regions,
        next_with_trains: OnceLock::new(),
    };
    let local_day =
        |secs: i64| DateTime::from_timestamp(secs, 0).map(|t| t.with_timezone(&zone).date_naive());
    let cutoff = config.cutoff().num_seconds();
    // The nominal days whose deploy instant (the cutoff plus `cutoff`) may fall in the span,
    // a day to spare either side; only the first supported day on counts.
    let (Some(from), Some(until)) = (local_day(lo + cutoff), local_day(hi + cutoff)) else {
        return chunk;
    };
    let from = (from - Duration::days(1)).max(first_supported_day());
    let until = (until + Duration::days(1)).min(last_supported_day());
    let mut nominal = next_weekday(from, config.start_weekday());
    while nominal <= until {
        let n = nominal;
        nominal += Duration::days(7);
        let Some(start) = start_of(cal, n) else {
            continue;
        };
        if !governs(n, start) {
            continue;
        }
        let t = train(cal, n, start);
        let at = t.cutoff.timestamp();
        if at < lo || at >= hi {
            continue;
        }
        let dates = roll(cal, start);
        let finish = dates.iter().copied().max().unwrap_or(start);
        let min_ready = match finish {
            NaiveDate::MAX => i64::MAX,
            f => earliest_ready_for(config, f).map_or(i64::MAX, |t| t.timestamp()),
        };
        // One train a week at most: a chunk of 2^25 seconds holds no more than 56.
        debug_assert!(chunk.entries.len() < PER_CHUNK);
        chunk.cutoffs.push(at);
        chunk.dates.extend_from_slice(&dates);
        chunk.entries.push(Entry {
            train: t,
            finish,
            min_ready,
        });
    }
    chunk
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_and_the_chunk_count_are_what_they_say() {
        let at = |y, m, d| {
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_time(NaiveTime::MIN)
                .and_utc()
                .timestamp()
        };
        assert_eq!(EPOCH, at(1970, 12, 30));
        assert!(EPOCH < at(1971, 1, 1) - 14 * 3600);
        assert!(EPOCH + ((CHUNKS as i64) << CHUNK_SHIFT) > at(2100, 1, 2));
    }

    /// Every chunk of the supported years holds fewer trains than [`PER_CHUNK`], for every
    /// start weekday, so that no two trains share a key.
    #[test]
    fn no_chunk_holds_more_trains_than_its_keys() {
        for day in ["monday", "wednesday", "friday", "sunday"] {
            let config =
                Config::from_toml("c.toml", &format!("start_weekday = \"{day}\"\n")).unwrap();
            let cal = Calendar::new(&config);
            let table = TrainTable::new();
            for c in 0..CHUNKS as u32 {
                let n = table.chunk(&cal, c).unwrap().len() as usize;
                assert!(n > 0 && n <= PER_CHUNK - 2, "chunk {c}: {n} trains ({day})");
            }
        }
    }

    #[test]
    fn weekday_helpers() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(); // Sunday
        assert_eq!(next_weekday(d, Weekday::Fri).day(), 27);
        assert_eq!(next_weekday(d, Weekday::Sun), d);
        assert_eq!(last_weekday_on_or_before(d, Weekday::Fri).day(), 20);
    }

    /// The horizon and its inverse agree: a readiness on a day may use a train finishing on
    /// `finish` exactly when that day's horizon reaches it, around leap days too.
    #[test]
    fn earliest_ready_for_inverts_horizon_end() {
        let config = Config::embedded().unwrap();
        let zone = config.timezone();
        let first = NaiveDate::from_ymd_opt(2027, 2, 20).unwrap();
        for finish in first.iter_days().take(400) {
            let min = earliest_ready_for(&config, finish).unwrap();
            let day = min.with_timezone(&zone).date_naive();
            assert!(horizon_end(&config, day) >= finish, "{finish}");
            assert!(
                horizon_end(&config, day.pred_opt().unwrap()) < finish,
                "{finish}"
            );
        }
    }
}
