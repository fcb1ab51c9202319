//! How a stage's figure moves a date: calendar weeks, or business days of golive's own
//! calendar.
//!
//! A figure of no time leaves the instant as it is. Any other figure lands on a day, and the
//! stage ends at the start of that day (00:00 in the schedule zone): a stage is counted in
//! days, and ending at a fixed time of day keeps the answer monotone (a stage begun later
//! never ends earlier, which keeping the start's time of day would break when two starts
//! reach the same day). Weeks are seven calendar days each, a fraction rounded to the nearest
//! day (halves up). Business days are deploy days of the first region, as
//! [`Calendar::next_deploy_day`] finds them: not a weekend day, not a holiday of any
//! configured calendar, not frozen there (the days Microsoft's deployment pipeline works).

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use crate::calendar::{Calendar, last_supported_day};
use crate::config::StageUnit;
use crate::error::{Error, Result};
use crate::schedule::{horizon_end, horizon_error, midnight};

/// The days `value` weeks stand for: seven each, rounded to the nearest day (halves up).
pub(crate) fn week_days(value: f64) -> i64 {
    (value * 7.0).round() as i64
}

/// The instant a stage begun at `start` ends when it takes `value` `unit`s.
///
/// An error when no business day is found within the horizon after `start` (every day is
/// blocked for the first region), or when the weeks reach past the supported years (an
/// argument error about `since`).
pub(crate) fn advance(
    cal: &Calendar<'_>,
    unit: StageUnit,
    value: f64,
    start: DateTime<FixedOffset>,
) -> Result<DateTime<FixedOffset>> {
    let zone = cal.config().timezone();
    let day = start.with_timezone(&zone).date_naive();
    let target = match unit {
        StageUnit::Weeks => match week_days(value) {
            0 => return Ok(start),
            days => day
                .checked_add_signed(Duration::days(days))
                .filter(|d| *d <= last_supported_day())
                .ok_or_else(|| past_the_years(start))?,
        },
        StageUnit::BusinessDays => match value as u32 {
            0 => return Ok(start),
            n => business_day(cal, day, n, start)?,
        },
    };
    Ok(midnight(zone, target).with_timezone(&zone).fixed_offset())
}

/// The journey leaves the supported years: an argument error about `since` (the caller puts
/// its own `since` in).
fn past_the_years(start: DateTime<FixedOffset>) -> Error {
    Error::argument(
        "since",
        start.to_rfc3339(),
        format!(
            "the journey reaches past {}, the last day golive can answer for",
            last_supported_day()
        ),
    )
}

/// The `n`th business day after `day` (`n` from 1): the `n`th deploy day of the first region
/// strictly after it. Each is searched for within the horizon of the one before (rule 7), so
/// a calendar that blocks every day ends with the horizon error, not a long search, and a
/// stage longer than the horizon still counts.
fn business_day(
    cal: &Calendar<'_>,
    day: NaiveDate,
    n: u32,
    start: DateTime<FixedOffset>,
) -> Result<NaiveDate> {
    let config = cal.config();
    let zone = config.timezone();
    let first = config.first_region();
    let mut at = day;
    for _ in 0..n {
        let until = horizon_end(config, at);
        let next = at
            .succ_opt()
            .and_then(|d| cal.next_deploy_day(first, d))
            .filter(|d| *d <= until);
        at = match next {
            Some(d) => d,
            None if until >= last_supported_day() => return Err(past_the_years(start)),
            None => {
                // The search began on the last business day found (or at the start).
                let from = midnight(zone, at)
                    .with_timezone(&zone)
                    .fixed_offset()
                    .max(start);
                let e = horizon_error(cal, first, from, until).map_horizon_what(|what| {
                    format!("business day (a {what}) to count a stage's business days on")
                });
                return Err(e);
            }
        };
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn at(config: &Config, text: &str) -> DateTime<FixedOffset> {
        config.parse_ready(text).unwrap()
    }

    #[test]
    fn weeks_are_calendar_days_rounded() {
        assert_eq!(week_days(0.0), 0);
        assert_eq!(week_days(1.0), 7);
        assert_eq!(week_days(1.5), 11);
        assert_eq!(week_days(0.5), 4);
        let config = Config::embedded().unwrap();
        let cal = Calendar::new(&config);
        let start = at(&config, "2026-11-02T15:00");
        let end = advance(&cal, StageUnit::Weeks, 1.5, start).unwrap();
        assert_eq!(end.to_rfc3339(), "2026-11-13T00:00:00-08:00");
        // No time leaves the instant alone.
        assert_eq!(advance(&cal, StageUnit::Weeks, 0.0, start).unwrap(), start);
        assert_eq!(advance(&cal, StageUnit::Weeks, 0.01, start).unwrap(), start);
        // Across the change to daylight saving time, still midnight.
        let march = advance(&cal, StageUnit::Weeks, 1.0, at(&config, "2027-03-10T10:00")).unwrap();
        assert_eq!(march.to_rfc3339(), "2027-03-17T00:00:00-07:00");
    }

    #[test]
    fn business_days_skip_weekends_holidays_and_freezes() {
        let config = Config::from_toml(
            "f.toml",
            "[[freeze]]\nname = \"x\"\nfrom = 2026-12-07\nuntil = 2026-12-08\n",
        )
        .unwrap();
        let cal = Calendar::new(&config);
        let bd = |start: &str, n: f64| {
            advance(&cal, StageUnit::BusinessDays, n, at(&config, start))
                .unwrap()
                .date_naive()
                .to_string()
        };
        // Wednesday before Thanksgiving: Thursday is the holiday, Friday the first business day.
        assert_eq!(bd("2026-11-25T10:00", 1.0), "2026-11-27");
        assert_eq!(bd("2026-11-25T10:00", 2.0), "2026-11-30");
        // A Saturday start: Monday is the first.
        assert_eq!(bd("2026-11-28", 1.0), "2026-11-30");
        // The freeze holds Monday and Tuesday.
        assert_eq!(bd("2026-12-04T10:00", 1.0), "2026-12-09");
        // A stage longer than the three-year horizon still counts (the day found by counting
        // weekdays less federal holidays and the freeze by hand).
        assert_eq!(bd("2026-11-02", 1000.0), "2030-11-05");
    }

    #[test]
    fn weeks_past_the_supported_years_are_an_error() {
        let config = Config::embedded().unwrap();
        let cal = Calendar::new(&config);
        let e = advance(&cal, StageUnit::Weeks, 5460.0, at(&config, "2026-11-02")).unwrap_err();
        assert!(e.is_bad_input());
        assert!(
            e.to_string()
                .contains("the journey reaches past 2099-12-31"),
            "{e}"
        );
    }

    #[test]
    fn no_business_day_is_the_horizon_error() {
        let config = Config::from_toml(
            "w.toml",
            "weekend = [\"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\", \"saturday\", \"sunday\"]\n",
        )
        .unwrap();
        let cal = Calendar::new(&config);
        let e = advance(
            &cal,
            StageUnit::BusinessDays,
            2.0,
            at(&config, "2026-11-02"),
        )
        .unwrap_err();
        assert!(!e.is_bad_input());
        assert!(e.to_string().starts_with("no business day"), "{e}");
    }
}
