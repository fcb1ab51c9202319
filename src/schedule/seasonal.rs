//! The seasonal-freeze warning (docs/rules.md, rule 12): an answer whose days fall in a season
//! Microsoft has frozen deployments in before (the seasons of [`crate::Season`]), where no
//! freeze is configured, says what its dates would be if that freeze recurred.
//!
//! The alternative dates are never derived here: the configuration is scheduled again with
//! the season's window added as a freeze, by the same [`Scheduler`], so they follow every rule
//! the answer itself follows. A warning never changes the answer's own dates.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use super::trains::midnight;
use super::{Scheduler, Train};
use crate::calendar::Calendar;
use crate::config::{Freeze, Season};

/// An answer's days in this year's window of a season Microsoft has frozen before, where no
/// freeze is configured, and the answer it would have if that freeze recurred.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeasonalWarning {
    /// The season's name ("Year-end freeze").
    pub name: String,
    /// The first day of this year's window.
    pub from: NaiveDate,
    /// The last day of this year's window.
    pub until: NaiveDate,
    /// Where the freeze it is carried from was announced.
    pub source: Option<String>,
    /// The announced freeze it is carried from: its name, first and last day.
    pub carried_from: (String, NaiveDate, NaiveDate),
    /// How the season is carried to other years, in words.
    pub rule: String,
    /// The train the answer would ride if the freeze recurred; `None` when no train finishes
    /// within the horizon then.
    pub train: Option<Train>,
    /// The deploy day of each region, in the configuration's order, if the freeze recurred;
    /// empty when there is no such rollout within the horizon.
    pub dates: Vec<NaiveDate>,
}

impl SeasonalWarning {
    /// The day the last region would deploy, if the freeze recurred.
    pub fn finish(&self) -> Option<NaiveDate> {
        self.dates.iter().copied().max()
    }
}

/// The windows of the seasons that touch the days `first..=last` and that no freeze of the
/// calendar's configuration touches (for any region: a freeze the configuration has there says
/// what happens that season), by first day. Empty when `seasonal_warnings = false`.
pub(crate) fn unconfigured_windows<'c>(
    cal: &Calendar<'c>,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<(&'c Season, NaiveDate, NaiveDate)> {
    let config = cal.config();
    if !config.seasonal_warnings() {
        return Vec::new();
    }
    let zone = config.timezone();
    let mut out: Vec<_> = config
        .seasons()
        .iter()
        .flat_map(|season| {
            season
                .windows(first, last)
                .into_iter()
                .map(move |(from, until)| (season, from, until))
        })
        .filter(|(_, from, until)| {
            let end = midnight(zone, *until + Duration::days(1));
            !cal.frozen_during(midnight(zone, *from), end)
        })
        .collect();
    out.sort_by_key(|w| w.1);
    out
}

/// A season's window that holds one of an answer's days: the season, its first and last day.
type Window<'c> = (&'c Season, NaiveDate, NaiveDate);

impl<'c> Scheduler<'c> {
    /// The seasonal-freeze warnings of a connector ready at `ready` that rides `train` with
    /// region days `dates`: one for each window of a season that holds one of those days and
    /// that no configured freeze touches. Empty when `seasonal_warnings = false`.
    pub(crate) fn seasonal_warnings_for(
        &self,
        ready: DateTime<FixedOffset>,
        train: &Train,
        dates: &[NaiveDate],
    ) -> Vec<SeasonalWarning> {
        self.held_windows(train, dates)
            .into_iter()
            .map(|window| {
                let config = self.config().with_freeze(recurring(window));
                warning(window, &Scheduler::new(&config), ready)
            })
            .collect()
    }

    /// [`Scheduler::seasonal_warnings_for`] of many trains at once, each ready at its own
    /// cutoff (a plan's trains): the configuration with a window added is scheduled once per
    /// window, however many trains that window holds, instead of once per train.
    pub(crate) fn seasonal_warnings_of_trains(
        &self,
        trains: &[(&Train, &[NaiveDate])],
    ) -> Vec<Vec<SeasonalWarning>> {
        let held: Vec<Vec<Window<'c>>> = trains
            .iter()
            .map(|(train, dates)| self.held_windows(train, dates))
            .collect();
        let mut windows: Vec<Window<'c>> = held.iter().flatten().copied().collect();
        windows.sort_by_key(|&(season, from, until)| (from, until, std::ptr::from_ref(season)));
        windows
            .dedup_by_key(|&mut (season, from, until)| (from, until, std::ptr::from_ref(season)));
        let configs: Vec<_> = windows
            .iter()
            .map(|&w| self.config().with_freeze(recurring(w)))
            .collect();
        let schedulers: Vec<Scheduler<'_>> = configs.iter().map(Scheduler::new).collect();
        held.iter()
            .zip(trains)
            .map(|(held, (train, _))| {
                held.iter()
                    .map(|&w| {
                        let i = windows
                            .iter()
                            .position(|&v| same_window(v, w))
                            .unwrap_or_default();
                        warning(w, &schedulers[i], train.cutoff.fixed_offset())
                    })
                    .collect()
            })
            .collect()
    }

    /// The windows of unconfigured seasons that hold one of `dates`, the days of a rollout on
    /// `train`.
    fn held_windows(&self, train: &Train, dates: &[NaiveDate]) -> Vec<Window<'c>> {
        let Some(last) = dates.iter().copied().filter(|d| *d != NaiveDate::MAX).max() else {
            return Vec::new();
        };
        unconfigured_windows(&self.calendar, train.start, last)
            .into_iter()
            .filter(|(_, from, until)| dates.iter().any(|d| (*from..=*until).contains(d)))
            .collect()
    }
}

/// Whether two windows are the same season's same days.
fn same_window(a: Window<'_>, b: Window<'_>) -> bool {
    std::ptr::eq(a.0, b.0) && (a.1, a.2) == (b.1, b.2)
}

/// The freeze of every region that `window` would be if its season recurred.
fn recurring((season, from, until): Window<'_>) -> Freeze {
    Freeze::whole_days(season.name(), from, until, season.source())
}

/// The warning for `window`: the rollout of `ready` by `with_freeze`, a scheduler of this
/// configuration with the window added as a freeze of every region (see [`recurring`]).
fn warning(
    (season, from, until): Window<'_>,
    with_freeze: &Scheduler<'_>,
    ready: DateTime<FixedOffset>,
) -> SeasonalWarning {
    let (train, dates) = match with_freeze.rollout(ready) {
        Ok(r) => (Some(r.train().clone()), r.dates().to_vec()),
        Err(_) => (None, Vec::new()),
    };
    let (first, last) = season.announced_days();
    SeasonalWarning {
        name: season.name().to_string(),
        from,
        until,
        source: season.source().map(str::to_string),
        carried_from: (season.announced().name().to_string(), first, last),
        rule: season.rule(),
        train,
        dates,
    }
}

#[cfg(test)]
mod tests {
    use crate::Config;
    use crate::schedule::Scheduler;

    fn warnings(config: &Config, ready: &str) -> Vec<super::SeasonalWarning> {
        let s = Scheduler::new(config);
        let r = s.rollout(config.parse_ready(ready).unwrap()).unwrap();
        s.explain(&r).warnings().to_vec()
    }

    /// Early December 2026: the year-end season, unconfigured, would hold the train until
    /// Thursday 2027-01-07; the answer's own dates stay.
    #[test]
    fn december_2026_warns_with_the_dates_of_a_recurring_year_end_freeze() {
        let c = Config::embedded().unwrap();
        let w = warnings(&c, "2026-12-02T10:00-08:00");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].name, "Year-end freeze");
        assert_eq!(
            (w[0].from.to_string(), w[0].until.to_string()),
            ("2026-11-20".into(), "2027-01-06".into())
        );
        let dates: Vec<String> = w[0].dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            dates,
            [
                "2027-01-07",
                "2027-01-08",
                "2027-01-11",
                "2027-01-12",
                "2027-01-13",
                "2027-01-14"
            ]
        );
    }

    /// June has no season; 2024/25 has its announced freeze, so no warning either; and
    /// `seasonal_warnings = false` silences December.
    #[test]
    fn no_warning_outside_a_season_inside_a_configured_one_or_when_turned_off() {
        let c = Config::embedded().unwrap();
        assert!(warnings(&c, "2026-06-10T10:00-07:00").is_empty());
        assert!(warnings(&c, "2024-11-19T12:00-08:00").is_empty());
        let off = Config::from_toml("off.toml", "seasonal_warnings = false\n").unwrap();
        assert!(warnings(&off, "2026-12-02T10:00-08:00").is_empty());
    }

    /// A freeze of the user's own anywhere in the season counts as configured, even for one
    /// region only; one outside it does not.
    #[test]
    fn a_configured_freeze_in_the_season_ends_its_warning() {
        let inside = Config::from_toml(
            "mine.toml",
            "[[freeze]]\nname = \"Our year end\"\nfrom = 2026-12-20\nuntil = 2027-01-03\nregions = [\"asia\"]\n",
        )
        .unwrap();
        assert!(warnings(&inside, "2026-12-02T10:00-08:00").is_empty());
        let outside = Config::from_toml(
            "mine.toml",
            "[[freeze]]\nname = \"March\"\nfrom = 2027-03-01\nuntil = 2027-03-05\n",
        )
        .unwrap();
        assert_eq!(warnings(&outside, "2026-12-02T10:00-08:00").len(), 1);
    }

    /// Lunar New Year 2027 is February 6: its season is February 1 to 8.
    #[test]
    fn lunar_new_year_2027() {
        let c = Config::embedded().unwrap();
        let w = warnings(&c, "2027-01-28T10:00-08:00");
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].name, "Lunar New Year freeze");
        assert_eq!(w[0].from.to_string(), "2027-02-01");
        assert_eq!(w[0].until.to_string(), "2027-02-08");
        assert_eq!(w[0].dates[0].to_string(), "2027-02-09");
    }
}
