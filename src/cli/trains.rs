//! `golive trains` (the upcoming trains) and `golive calendar` (the deploy calendar feed).

use chrono::{DateTime, Utc};
use golive::export::{Format, Output};
use golive::{Config, DayEnd, Result, Scheduler, TrainLimit};

use super::args::{CalendarArgs, TrainsArgs};
use super::{argument, day_arg, ics_options, in_zone, io, output, tz_arg};

pub(super) fn run(config: &Config, a: TrainsArgs, now: DateTime<Utc>) -> Result<()> {
    let today = now.with_timezone(&config.timezone()).date_naive();
    let from = day_arg(&a.from, "--from", DayEnd::First, today)?.unwrap_or(today);
    let until = day_arg(&a.until, "--until", DayEnd::Last, today)?;
    golive::check_year(from, "--from")?;
    if let Some(u) = until {
        golive::check_year(u, "--until")?;
    }
    let limit = match (until, &a.count) {
        (Some(u), _) => {
            if u < from {
                return Err(argument(
                    "--until",
                    u.to_string(),
                    format!("is before --from {from}"),
                ));
            }
            TrainLimit::Until(u)
        }
        (None, Some(c)) => TrainLimit::Count(
            c.parse::<usize>()
                .ok()
                .filter(|n| (1..=1000).contains(n))
                .ok_or_else(|| {
                    argument(
                        "--count",
                        c.clone(),
                        "expected a whole number from 1 to 1000",
                    )
                })?,
        ),
        (None, None) => TrainLimit::Count(8),
    };
    let output = in_zone(output(&a.output, now)?, tz_arg(&a.tz)?);
    let runs = Scheduler::new(config).trains(from, limit)?;
    io::write_output(a.output.file.out.as_deref(), &|out| {
        golive::export::trains(config, &runs, &output, out)
    })
}

pub(super) fn calendar(config: &Config, a: CalendarArgs, now: DateTime<Utc>) -> Result<()> {
    let (from, until) = year_range(config, &a.from, &a.until, now)?;
    let output = in_zone(
        Output::new(Format::Ics).with_ics(ics_options(&a.file, now)?),
        tz_arg(&a.tz)?,
    );
    let runs = Scheduler::new(config).trains(from, TrainLimit::Until(until))?;
    io::write_output(a.file.out.as_deref(), &|out| {
        golive::export::calendar(config, &runs, (from, until), &output, out)
    })
}

/// The days `--from` and `--until` give a calendar (or a site): default today in the
/// schedule zone to a year later, within the supported years.
pub(super) fn year_range(
    config: &Config,
    from: &Option<String>,
    until_arg: &Option<String>,
    now: DateTime<Utc>,
) -> Result<(chrono::NaiveDate, chrono::NaiveDate)> {
    let today = now.with_timezone(&config.timezone()).date_naive();
    let from = day_arg(from, "--from", DayEnd::First, today)?.unwrap_or(today);
    golive::check_year(from, "--from")?;
    let until = match day_arg(until_arg, "--until", DayEnd::Last, today)? {
        Some(u) => u,
        None => from
            .checked_add_months(chrono::Months::new(12))
            .and_then(|d| d.pred_opt())
            .unwrap_or(from),
    };
    golive::check_year(until, "--until").map_err(|e| match until_arg {
        Some(_) => e,
        // The default end is past the supported years: ask for an explicit one.
        None => argument(
            "--from",
            from.to_string(),
            "is too close to the last supported year for the default of a year; give --until",
        ),
    })?;
    if until < from {
        return Err(argument(
            "--until",
            until.to_string(),
            format!("is before --from {from}"),
        ));
    }
    Ok((from, until))
}
