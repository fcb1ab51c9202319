//! `golive holidays`: the holidays in force.

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use golive::{Config, DayEnd, Result};

use super::args::HolidaysArgs;
use super::{day_arg, io, output};

pub(super) fn run(config: &Config, a: HolidaysArgs, now: DateTime<Utc>) -> Result<()> {
    // The one rule for the years golive answers for: `golive::check_supported_year`.
    let in_years = |d: NaiveDate, argument: &str, value: &str| -> Result<NaiveDate> {
        golive::check_supported_year(d.year(), argument, value).map(|()| d)
    };
    let today = now.with_timezone(&config.timezone()).date_naive();
    let (first, last) = match &a.year {
        Some(y) => {
            let year = y.trim().parse::<i32>().map_err(|_| {
                super::argument(
                    "--year",
                    y,
                    format!(
                        "expected a year from {} to {}",
                        golive::SUPPORTED_YEARS.start(),
                        golive::SUPPORTED_YEARS.end()
                    ),
                )
            })?;
            golive::check_supported_year(year, "--year", y.trim())?;
            let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(NaiveDate::MIN);
            (day(1, 1), day(12, 31))
        }
        None => {
            let from = day_arg(&a.from, "--from", DayEnd::First, today)?;
            let until = day_arg(&a.until, "--until", DayEnd::Last, today)?;
            let from = match from {
                Some(f) => in_years(f, "--from", a.from.as_deref().unwrap_or_default())?,
                // January 1 of --until's year, or of this year.
                None => {
                    NaiveDate::from_ymd_opt(until.unwrap_or(today).year(), 1, 1).unwrap_or(today)
                }
            };
            let until = match until {
                Some(u) => in_years(u, "--until", a.until.as_deref().unwrap_or_default())?,
                // A year from --from, or the rest of this year.
                None => match a.from {
                    Some(_) => from
                        .checked_add_months(Months::new(12))
                        .and_then(|d| d.pred_opt())
                        .and_then(|d| {
                            NaiveDate::from_ymd_opt(*golive::SUPPORTED_YEARS.end(), 12, 31)
                                .map(|end| d.min(end))
                        })
                        .unwrap_or(from),
                    None => NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap_or(today),
                },
            };
            if until < from {
                return Err(super::argument(
                    "--until",
                    a.until.as_deref().unwrap_or_default(),
                    format!("is {until}, before --from {from}"),
                ));
            }
            (from, until)
        }
    };
    let days = config.holidays(first, last);
    let output = output(&a.output, now)?;
    io::write_output(a.output.file.out.as_deref(), &|out| {
        golive::export::holidays(&days, &output, out)
    })
}
