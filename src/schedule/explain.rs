//! Explanations (docs/rules.md, rule 9): every day a region passed over and why, and the errors that say
//! what blocked a region when no deploy day or train was found within the horizon (rule 7).

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use super::trains::{self, Train};
use super::{Explanation, Scheduler, Skipped};
use crate::calendar::{Calendar, Reason, ReasonKind, SUPPORTED_YEARS, last_supported_day};
use crate::config::{Config, RegionId};
use crate::error::{Blocker, Error, Horizon, short};
use crate::time::stamp;

impl Scheduler<'_> {
    /// The days each region passed over for a connector ready on `ready_day` riding `train`
    /// with region days `dates`.
    ///
    /// The first region's list runs from the readiness day to the day before the train's
    /// start: deploy days among them are explained as waiting for the train (kind `cutoff`).
    /// Every later region's list holds the days between its predecessors' last deploy day and
    /// its own.
    pub(crate) fn explain_days(
        &self,
        ready_day: NaiveDate,
        train: &Train,
        dates: &[NaiveDate],
    ) -> Explanation {
        let cal = &self.calendar;
        let config = cal.config();
        let first = config.first_region();
        let mut days = vec![Vec::new(); config.regions().len()];
        days[first.index()] = ready_day
            .iter_days()
            .take_while(|d| *d < train.start)
            .map(|date| {
                let mut reasons = cal.reasons(first, date);
                if reasons.is_empty() {
                    reasons.push(self.waiting_reason(date, train));
                }
                Skipped { date, reasons }
            })
            .collect();
        for &r in &config.rollout_order()[1..] {
            let after = trains::region_after(config, r, dates, train.start);
            days[r.index()] = after
                .succ_opt()
                .into_iter()
                .flat_map(|d| d.iter_days())
                .take_while(|d| *d < dates[r.index()])
                .map(|date| Skipped {
                    date,
                    reasons: cal.reasons(r, date),
                })
                .collect();
        }
        Explanation {
            days,
            warnings: Vec::new(),
        }
    }

    /// Why a deploy day before the connector's train was not its start day.
    fn waiting_reason(&self, date: NaiveDate, train: &Train) -> Reason {
        let missed = self
            .train_leaving_on(date)
            .filter(|t| t.start < train.start);
        let name = match missed {
            Some(t) => format!(
                "missed the cutoff ({}) of the train leaving {}",
                stamp(t.cutoff),
                date.format("%a %Y-%m-%d")
            ),
            None => format!(
                "waiting for the train leaving {} (cutoff {})",
                train.start.format("%a %Y-%m-%d"),
                stamp(train.cutoff)
            ),
        };
        Reason::new(ReasonKind::Cutoff, name)
    }

    /// The train that leaves on `date`, if one does: the last scheduled train on or before it
    /// leaves on it.
    fn train_leaving_on(&self, date: NaiveDate) -> Option<Train> {
        let cal = &self.calendar;
        let nominal = trains::last_weekday_on_or_before(date, cal.config().start_weekday());
        (trains::start_of(cal, nominal) == Some(date)).then(|| trains::train(cal, nominal, date))
    }

    /// Why a connector ready at `ready` has no rollout within its horizon: the region whose
    /// deploy day lies past it, or, when no train leaves within it, what held the trains.
    pub(crate) fn rollout_error(&self, ready: DateTime<FixedOffset>) -> Error {
        let cal = &self.calendar;
        let config = cal.config();
        let day = ready.with_timezone(&config.timezone()).date_naive();
        let until = trains::horizon_end(config, day);
        let run = self.table.ride(cal, ready).and_then(|pos| {
            let chunk = self.table.chunk(cal, pos.chunk)?;
            let entry = chunk.entry(pos.index);
            (entry.train.start <= until).then(|| chunk.dates(pos.index).to_vec())
        });
        match run {
            Some(dates) => past_horizon_error(cal, &dates, ready, until),
            None => no_train_error(cal, ready, trains::first_nominal_for(cal, ready), until),
        }
    }
}

/// The error for "no train leaves from `nominal` on through `until`": under
/// `next-deploy-day`, the first region has no deploy day; under `skip`, every scheduled train
/// is cancelled, and the blockers are those of the scheduled days.
pub(crate) fn no_train_error(
    cal: &Calendar<'_>,
    ready: DateTime<FixedOffset>,
    nominal: NaiveDate,
    until: NaiveDate,
) -> Error {
    let config = cal.config();
    let first = config.first_region();
    if config.blocked_start() == crate::config::BlockedStart::NextDeployDay {
        return horizon_error(cal, first, ready, until);
    }
    let mut blockers: Vec<Blocker> = Vec::new();
    let mut day = nominal;
    while day <= until {
        for b in cal.blockers(first, day, day) {
            if !blockers.contains(&b) {
                blockers.push(b);
            }
        }
        day += Duration::days(7);
    }
    Horizon {
        region: config.key(first).to_string(),
        what: format!(
            "train that is not cancelled (blocked_start = \"skip\" cancels every train whose {} is blocked)",
            crate::config::weekday_name(config.start_weekday())
        ),
        ready: ready.to_rfc3339(),
        horizon_years: config.horizon_years(),
        until,
        blockers,
    }
    .into()
}

/// The error for a rollout with region days `dates` that does not finish by `until`: about the
/// first region, in rollout order, whose day lies past it.
pub(crate) fn past_horizon_error(
    cal: &Calendar<'_>,
    dates: &[NaiveDate],
    ready: DateTime<FixedOffset>,
    until: NaiveDate,
) -> Error {
    let config = cal.config();
    let late = config
        .rollout_order()
        .iter()
        .copied()
        .find(|r| dates.get(r.index()).is_some_and(|d| *d > until))
        .unwrap_or(config.first_region());
    horizon_error(cal, late, ready, until)
}

/// The error for "no deploy day for `region` up to `until`", naming everything that blocked
/// the region from the readiness day on.
pub(crate) fn horizon_error(
    cal: &Calendar<'_>,
    region: RegionId,
    ready: DateTime<FixedOffset>,
    until: NaiveDate,
) -> Error {
    let config: &Config = cal.config();
    let from = ready
        .with_timezone(&config.timezone())
        .date_naive()
        .min(until);
    let mut blockers = cal.blockers(region, from, until);
    if until >= last_supported_day() {
        blockers.retain(|b| *b != Blocker::EndOfSearch);
        blockers.push(Blocker::EndOfSupportedYears(*SUPPORTED_YEARS.end()));
    }
    let key = config.key(region);
    Horizon {
        region: key.to_string(),
        what: format!("deploy day for region \"{}\"", short(key)),
        ready: ready.to_rfc3339(),
        horizon_years: config.horizon_years(),
        until,
        blockers,
    }
    .into()
}
