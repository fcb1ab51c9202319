//! The whole journey (`golive estimate`): from the stage a connector is in to live in every
//! region, as earliest, typical and latest dates.
//!
//! A publisher kind's journey is its `[[stage]]` tables in order ([`Config::journey`]). From
//! the stage the connector is in, begun at `since`, each stage ends when its figure says
//! ([`advance`]), counting the revision rounds of stages that have them, and the next begins
//! then. The last stage is the deployment: its figure is how long after it begins the last
//! region goes live at the soonest, so the connector rides the first train, from the one its
//! readiness catches on, whose last region deploys on or after that day (with no time, simply
//! the train its readiness catches: `golive when`'s answer). The trains and region days are the
//! [`Scheduler`]'s, so holidays, freezes and the cutoff apply as everywhere else.
//!
//! This sits at the plan layer: it reads the configuration's stages, counts business days on
//! the [`crate::Calendar`] and rides trains through the scheduler.

mod advance;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use crate::config::{Config, PublisherKind, Region, RegionId, Spread, Stage, UpdateKind};
use crate::error::{Error, Result};
use crate::schedule::{Rollout, Scheduler, SeasonalWarning};

#[cfg(feature = "render")]
pub(crate) use advance::week_days;

/// The most revision rounds an estimate counts.
pub const MAX_ROUNDS: u32 = 20;

/// The question `golive estimate` answers: a connector of a publisher kind in a stage since an
/// instant, a new connector or an update, and how many revision rounds to expect.
///
/// # Example
/// ```
/// use golive::{Journey, PublisherKind};
/// let config = golive::Config::embedded()?;
/// let since = config.parse_ready("2026-11-02T10:00")?;
/// let journey = Journey::new(PublisherKind::Independent, "approved", since);
/// let estimate = golive::estimate(&config, &journey)?;
/// let europe = config.region_by_key("europe").unwrap().id();
/// let dates = estimate.region(europe).unwrap();
/// assert!(dates.earliest <= dates.typical && dates.typical <= dates.latest);
/// // No time in any stage: the train its approval catches (Veterans Day holds Europe a day).
/// assert_eq!(dates.earliest.to_string(), "2026-11-12");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Journey {
    publisher: PublisherKind,
    stage: String,
    since: DateTime<FixedOffset>,
    update: Option<UpdateKind>,
    rounds: Option<u32>,
    preflight: Option<Preflight>,
}

/// What a preflight check of the connector's folder found (`golive check`, or any check a
/// caller ran): a folder with errors will be sent back at least once, and each review round
/// adds 1 to 2 weeks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preflight {
    /// The folder checked, as given.
    pub connector: String,
    /// How many findings are errors.
    pub errors: usize,
    /// How many findings are warnings.
    pub warnings: usize,
    /// The ids of the rules the errors break, each once.
    pub rules: Vec<String>,
}

impl Journey {
    /// A new connector of `publisher` in the stage `stage` names (a name or alias) since
    /// `since`, expecting the default revision rounds: none for the earliest date, one for the
    /// typical, two for the latest.
    pub fn new(publisher: PublisherKind, stage: &str, since: DateTime<FixedOffset>) -> Journey {
        Journey {
            publisher,
            stage: stage.to_string(),
            since,
            update: None,
            rounds: None,
            preflight: None,
        }
    }

    /// The same journey for a connector whose folder a preflight check has looked at: with
    /// errors, every review stage ahead counts at least one revision round, for all three
    /// dates, and the estimate says why.
    pub fn preflight(mut self, preflight: Preflight) -> Journey {
        self.preflight = Some(preflight);
        self
    }

    /// The same journey for an update of a certified connector (`None`: a new connector).
    pub fn update(mut self, update: Option<UpdateKind>) -> Journey {
        self.update = update;
        self
    }

    /// The same journey expecting `rounds` revision rounds in every review stage still ahead,
    /// for all three dates (at most [`MAX_ROUNDS`]).
    pub fn rounds(mut self, rounds: u32) -> Journey {
        self.rounds = Some(rounds);
        self
    }
}

/// One stage of an estimate: when it begins and ends, earliest, typical and latest.
#[derive(Debug, Clone)]
pub struct StageEstimate<'c> {
    stage: &'c Stage,
    rounds: Spread<u32>,
    start: Spread<DateTime<FixedOffset>>,
    due: Spread<DateTime<FixedOffset>>,
    end: Spread<DateTime<FixedOffset>>,
}

impl<'c> StageEstimate<'c> {
    /// The stage.
    pub fn stage(&self) -> &'c Stage {
        self.stage
    }

    /// The revision rounds counted in it (none where the stage has no round figures).
    pub fn rounds(&self) -> Spread<u32> {
        self.rounds
    }

    /// How long it takes, in the stage's unit, rounds included.
    pub fn durations(&self) -> Spread<f64> {
        let base = self.stage.durations();
        let round = self.stage.round().map_or(Spread::all(0.0), |r| r.durations);
        Spread {
            earliest: base.earliest + f64::from(self.rounds.earliest) * round.earliest,
            typical: base.typical + f64::from(self.rounds.typical) * round.typical,
            latest: base.latest + f64::from(self.rounds.latest) * round.latest,
        }
    }

    /// When it begins.
    pub fn start(&self) -> Spread<DateTime<FixedOffset>> {
        self.start
    }

    /// When its figures say it is done: for the deployment, the day before which the last
    /// region does not go live.
    pub fn due(&self) -> Spread<DateTime<FixedOffset>> {
        self.due
    }

    /// When it ends: [`StageEstimate::due`], except for the deployment, which ends when its
    /// train's last region deploys.
    pub fn end(&self) -> Spread<DateTime<FixedOffset>> {
        self.end
    }
}

/// A warning an estimate carries. A warning never changes a date.
// An estimate carries a handful of warnings at most: their size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// One of the three rollouts deploys in a season Microsoft has frozen before, where no
    /// freeze is configured (rule 12): the warning `golive when` gives for that readiness.
    Seasonal {
        /// Which of the three: `earliest`, `typical` or `latest`.
        case: &'static str,
        /// The season, and the rollout's dates if that freeze recurred.
        warning: SeasonalWarning,
    },
    /// The preflight check found errors: Microsoft's review will ask for changes, so at least
    /// one revision round is counted in every review stage ahead.
    Preflight(Preflight),
}

/// The answer to a [`Journey`]: every stage's dates, and the trains and region days of the
/// earliest, typical and latest readiness.
#[derive(Debug, Clone)]
pub struct Estimate<'c> {
    journey: Journey,
    rounds: Spread<u32>,
    stages: Vec<StageEstimate<'c>>,
    rollouts: Spread<Rollout<'c>>,
    warnings: Vec<Warning>,
}

impl<'c> Estimate<'c> {
    /// Estimates `journey` with the trains and calendar of `scheduler`.
    ///
    /// Bad input is an argument error naming `stage` (a stage the publisher kind does not
    /// have, listing the ones it has), `rounds` (more than [`MAX_ROUNDS`]) or `since` (a
    /// journey that leaves the supported years); a journey that finds no business day or
    /// train within the horizon is the horizon error.
    pub fn new(scheduler: &Scheduler<'c>, journey: &Journey) -> Result<Estimate<'c>> {
        let cal = scheduler.calendar();
        let config = cal.config();
        let stages = config.journey(journey.publisher, journey.update);
        let first = find_stage(config, &stages, journey)?;
        let rounds = match journey.rounds {
            None => Spread {
                earliest: 0,
                typical: 1,
                latest: 2,
            },
            Some(n) if n <= MAX_ROUNDS => Spread::all(n),
            Some(n) => {
                return Err(Error::argument(
                    "rounds",
                    n.to_string(),
                    format!("expected a whole number of revision rounds from 0 to {MAX_ROUNDS}"),
                ));
            }
        };
        // A folder the preflight finds errors in comes back from review at least once.
        let failed = journey.preflight.as_ref().filter(|p| p.errors > 0);
        let rounds = match failed {
            Some(_) => rounds.map(|n| n.max(1)),
            None => rounds,
        };
        crate::calendar::check_year(
            journey.since.with_timezone(&config.timezone()).date_naive(),
            "since",
        )?;
        let ahead = &stages[first..];
        let mut at = Spread::all(journey.since);
        let mut out = Vec::with_capacity(ahead.len());
        let mut rollouts = None;
        for (i, &stage) in ahead.iter().enumerate() {
            let counted = match stage.round() {
                Some(_) => rounds,
                None => Spread::all(0),
            };
            let mut estimate = StageEstimate {
                stage,
                rounds: counted,
                start: at,
                due: at,
                end: at,
            };
            let durations = estimate.durations();
            estimate.due = at
                .zip(durations)
                .try_map(|(start, value)| advance::advance(cal, stage.unit(), value, start))
                .map_err(|e| for_since(e, journey))?;
            if i + 1 == ahead.len() {
                let ridden = estimate
                    .start
                    .zip(estimate.due)
                    .try_map(|(start, due)| ride(scheduler, start, due, journey))?;
                estimate.end = ridden.as_ref().map(|r| {
                    let finish = r.finish();
                    cal.deploy_instant(finish).fixed_offset()
                });
                rollouts = Some(ridden);
            } else {
                estimate.end = estimate.due;
            }
            at = estimate.end;
            out.push(estimate);
        }
        let Some(rollouts) = rollouts else {
            return Err(no_stages(journey));
        };
        let mut warnings: Vec<Warning> = failed
            .cloned()
            .map(Warning::Preflight)
            .into_iter()
            .collect();
        warnings.extend(seasonal_warnings(scheduler, &rollouts));
        Ok(Estimate {
            journey: journey.clone(),
            rounds,
            stages: out,
            rollouts,
            warnings,
        })
    }

    /// When the connector entered its stage.
    pub fn since(&self) -> DateTime<FixedOffset> {
        self.journey.since
    }

    /// The publisher kind.
    pub fn publisher(&self) -> PublisherKind {
        self.journey.publisher
    }

    /// The kind of update; `None` for a new connector.
    pub fn update(&self) -> Option<UpdateKind> {
        self.journey.update
    }

    /// The revision rounds expected in each review stage ahead.
    pub fn rounds(&self) -> Spread<u32> {
        self.rounds
    }

    /// The stages from the one the connector is in to the deployment, in order.
    pub fn stages(&self) -> &[StageEstimate<'c>] {
        &self.stages
    }

    /// The rollouts of the earliest, typical and latest readiness.
    pub fn rollouts(&self) -> &Spread<Rollout<'c>> {
        &self.rollouts
    }

    /// The earliest, typical and latest day region `id` goes live.
    pub fn region(&self, id: RegionId) -> Option<Spread<NaiveDate>> {
        self.rollouts
            .as_ref()
            .try_map(|r| r.date(id).ok_or(()))
            .ok()
    }

    /// Every region with its earliest, typical and latest day, in the configuration's order.
    pub fn regions(&self) -> impl Iterator<Item = (&'c Region, Spread<NaiveDate>)> + '_ {
        self.config()
            .regions()
            .iter()
            .filter_map(|r| Some((r, self.region(r.id())?)))
    }

    /// The earliest, typical and latest day the last region goes live.
    pub fn finish(&self) -> Spread<NaiveDate> {
        self.rollouts.as_ref().map(Rollout::finish)
    }

    /// The warnings of the answer, which never change a date: the seasonal-freeze warnings of
    /// each of the three rollouts, earliest first.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Every source of the figures used, in the order of the stages, each once: the stages'
    /// own and, where rounds are counted, their rounds'.
    pub fn sources(&self) -> Vec<&'c str> {
        let mut out: Vec<&'c str> = Vec::new();
        for s in &self.stages {
            let round = s
                .stage
                .round()
                .filter(|_| s.rounds.latest > 0)
                .map(|r| r.source.as_str());
            for source in std::iter::once(s.stage.source()).chain(round) {
                if !out.contains(&source) {
                    out.push(source);
                }
            }
        }
        out
    }

    /// The configuration it was computed with.
    pub fn config(&self) -> &'c Config {
        self.rollouts.earliest.config()
    }
}

/// Estimates `journey` under `config`: [`Estimate::new`] with a scheduler of its own.
pub fn estimate<'c>(config: &'c Config, journey: &Journey) -> Result<Estimate<'c>> {
    Estimate::new(&Scheduler::new(config), journey)
}

/// The first train, from the one a connector ready at `start` catches on, whose last region
/// deploys on or after the day of `due`. Each later train is tried with a readiness just past
/// the cutoff of the one before, so a longer queue only ever means a later train.
fn ride<'c>(
    scheduler: &Scheduler<'c>,
    start: DateTime<FixedOffset>,
    due: DateTime<FixedOffset>,
    journey: &Journey,
) -> Result<Rollout<'c>> {
    let zone = scheduler.calendar().config().timezone();
    let not_before = due.with_timezone(&zone).date_naive();
    let mut ready = start;
    loop {
        let rollout = scheduler
            .rollout(ready)
            .map_err(|e| past_years(e, journey, ready))?;
        if rollout.finish() >= not_before {
            return Ok(rollout);
        }
        ready = (rollout.train().cutoff + Duration::seconds(1)).fixed_offset();
    }
}

/// A readiness outside the supported years is the journey's doing: an error about `since`.
fn past_years(e: Error, journey: &Journey, ready: DateTime<FixedOffset>) -> Error {
    match e.is_bad_input() {
        true => Error::argument(
            "since",
            journey.since.to_rfc3339(),
            format!(
                "the journey reaches {}, outside the years golive can answer for ({} to {})",
                ready.date_naive(),
                crate::SUPPORTED_YEARS.start(),
                crate::SUPPORTED_YEARS.end()
            ),
        ),
        false => e,
    }
}

/// An argument error about the journey's `since` shows the `since` the caller gave.
fn for_since(e: Error, journey: &Journey) -> Error {
    match e.into_kind() {
        crate::ErrorKind::Argument {
            argument, message, ..
        } => Error::argument(argument, journey.since.to_rfc3339(), message),
        other => other.into(),
    }
}

/// The stage of `stages` the journey names, or an error listing them (and saying so when the
/// other publisher kind has a stage of that name).
fn find_stage(config: &Config, stages: &[&Stage], journey: &Journey) -> Result<usize> {
    if stages.is_empty() {
        return Err(no_stages(journey));
    }
    if let Some(i) = stages.iter().position(|s| s.matches(&journey.stage)) {
        return Ok(i);
    }
    let kind = journey.publisher;
    let names: Vec<&str> = stages.iter().map(|s| s.name()).collect();
    let list = format!("{}' stages, in order: {}", kind.plural(), names.join(", "));
    let other = PublisherKind::ALL
        .into_iter()
        .filter(|k| *k != kind)
        .find(|k| {
            config
                .journey(*k, None)
                .iter()
                .any(|s| s.matches(&journey.stage))
        });
    let message = match other {
        Some(o) => format!(
            "is a stage of {}, not of {}; {list}",
            o.plural(),
            kind.plural()
        ),
        None => format!("no stage of {} by that name; {list}", kind.plural()),
    };
    Err(Error::argument("stage", journey.stage.clone(), message))
}

fn no_stages(journey: &Journey) -> Error {
    Error::argument(
        "publisher",
        journey.publisher.name(),
        format!(
            "the configuration has no [[stage]] for {}",
            journey.publisher.plural()
        ),
    )
}

/// The seasonal-freeze warnings of the three rollouts, as `golive when` gives them for each
/// rollout's readiness. The stages before the deployment are not counted again under the
/// recurring freeze: the warning says what the freeze would do to the train.
fn seasonal_warnings(scheduler: &Scheduler<'_>, rollouts: &Spread<Rollout<'_>>) -> Vec<Warning> {
    rollouts
        .as_ref()
        .named()
        .into_iter()
        .flat_map(|(case, r)| {
            scheduler
                .seasonal_warnings_for(r.ready(), r.train(), r.dates())
                .into_iter()
                .map(move |warning| Warning::Seasonal { case, warning })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::embedded().unwrap()
    }

    fn at(config: &Config, text: &str) -> DateTime<FixedOffset> {
        config.parse_ready(text).unwrap()
    }

    fn message(e: Error) -> String {
        e.to_string()
    }

    #[test]
    fn ready_earliest_is_the_train_its_readiness_catches() {
        let config = config();
        let scheduler = Scheduler::new(&config);
        for since in [
            "2026-11-22T10:00",
            "2026-11-26T09:00",
            "2026-11-26T09:00:01",
            "2026-12-18T10:00",
        ] {
            let since = at(&config, since);
            for kind in PublisherKind::ALL {
                let e = Estimate::new(&scheduler, &Journey::new(kind, "ready", since)).unwrap();
                let when = scheduler.rollout(since).unwrap();
                assert_eq!(e.rollouts().earliest, when);
                assert_eq!(e.stages().len(), 1);
            }
        }
    }

    #[test]
    fn stages_chain_and_count_their_rounds() {
        let config = config();
        let since = at(&config, "2026-11-02T10:00");
        let e = estimate(&config, &Journey::new(PublisherKind::Verified, "PR", since)).unwrap();
        let names: Vec<&str> = e.stages().iter().map(|s| s.stage().name()).collect();
        assert_eq!(
            names,
            ["pr-open", "portal-review", "testing-in-preview", "ready"]
        );
        for pair in e.stages().windows(2) {
            assert_eq!(pair[0].end(), pair[1].start());
        }
        let pr = &e.stages()[0];
        assert_eq!(
            pr.rounds(),
            Spread {
                earliest: 0,
                typical: 1,
                latest: 2
            }
        );
        assert_eq!(
            pr.durations(),
            Spread {
                earliest: 0.0,
                typical: 3.0,
                latest: 6.0
            }
        );
        // Three weeks from Monday 2026-11-02 is Monday 2026-11-23, at its start.
        assert_eq!(pr.end().typical.to_rfc3339(), "2026-11-23T00:00:00-08:00");
        assert_eq!(pr.end().earliest, since);
        // Testing in Preview has no rounds.
        assert_eq!(e.stages()[2].rounds(), Spread::all(0));
        // Sources: every stage's, and the rounds' of the two reviews.
        assert_eq!(e.sources().len(), 6);
        let fixed = estimate(
            &config,
            &Journey::new(PublisherKind::Verified, "pr-open", since).rounds(3),
        )
        .unwrap();
        assert_eq!(fixed.stages()[0].rounds(), Spread::all(3));
        assert_eq!(fixed.stages()[0].durations().earliest, 3.0);
        let none = estimate(
            &config,
            &Journey::new(PublisherKind::Verified, "pr-open", since).rounds(0),
        )
        .unwrap();
        assert_eq!(none.sources().len(), 4);
    }

    #[test]
    fn the_deployment_waits_for_a_train_that_finishes_late_enough() {
        let config = config();
        let since = at(&config, "2026-11-02T10:00");
        let e = estimate(
            &config,
            &Journey::new(PublisherKind::Independent, "ready", since),
        )
        .unwrap();
        let ready = &e.stages()[0];
        // 15 business days after Monday 2026-11-02 (Veterans Day, Wednesday 11-11, is not one)
        // is Tuesday 2026-11-24.
        assert_eq!(ready.due().typical.date_naive().to_string(), "2026-11-24");
        let typical = &e.rollouts().typical;
        assert!(typical.finish() >= ready.due().typical.date_naive());
        // The train before it finished too early.
        let before = Scheduler::new(&config)
            .rollout(typical.ready() - Duration::seconds(1))
            .unwrap();
        assert!(before.finish() < ready.due().typical.date_naive());
        assert_eq!(ready.end().typical.date_naive(), typical.finish());
    }

    #[test]
    fn an_update_takes_the_update_figures() {
        let config = config();
        let since = at(&config, "2026-11-02T10:00");
        let journey = Journey::new(PublisherKind::Independent, "ready", since);
        let minor = estimate(&config, &journey.clone().update(Some(UpdateKind::Minor))).unwrap();
        assert_eq!(minor.stages()[0].stage().update(), Some(UpdateKind::Minor));
        assert_eq!(minor.update(), Some(UpdateKind::Minor));
        let new = estimate(&config, &journey).unwrap();
        assert_eq!(minor.rollouts().earliest, new.rollouts().earliest);
        assert!(minor.finish().typical >= new.finish().typical);
    }

    #[test]
    fn bad_journeys_name_the_argument_and_the_value() {
        let config = config();
        let since = at(&config, "2026-11-02T10:00");
        let e = |journey: Journey| message(estimate(&config, &journey).unwrap_err());
        assert_eq!(
            e(Journey::new(PublisherKind::Verified, "shipping", since)),
            "invalid value 'shipping' for stage: no stage of verified publishers by that name; verified publishers' stages, in order: registered, preparing-artifacts, pr-open, portal-review, testing-in-preview, ready"
        );
        assert_eq!(
            e(Journey::new(PublisherKind::Verified, "approved", since)),
            "invalid value 'approved' for stage: is a stage of independent publishers, not of verified publishers; verified publishers' stages, in order: registered, preparing-artifacts, pr-open, portal-review, testing-in-preview, ready"
        );
        assert!(
            e(Journey::new(
                PublisherKind::Independent,
                "registered",
                since
            ))
            .contains("is a stage of verified publishers, not of independent publishers")
        );
        assert!(
            e(Journey::new(PublisherKind::Verified, "ready", since).rounds(MAX_ROUNDS + 1))
                .starts_with("invalid value '21' for rounds: expected a whole number")
        );
        let late = at(&config, "2099-12-01");
        assert!(
            e(Journey::new(PublisherKind::Verified, "registered", late))
                .contains("the journey reaches"),
        );
        let only_verified = Config::from_toml(
            "v.toml",
            "[[stage]]\nname = \"x\"\npublisher = \"verified\"\nwho = \"microsoft\"\nunit = \"weeks\"\nearliest = 0\ntypical = 0\nlatest = 0\nsource = \"s\"\n",
        )
        .unwrap();
        assert_eq!(
            message(
                estimate(
                    &only_verified,
                    &Journey::new(PublisherKind::Independent, "x", since)
                )
                .unwrap_err()
            ),
            "invalid value 'independent' for publisher: the configuration has no [[stage]] for independent publishers"
        );
    }
}
