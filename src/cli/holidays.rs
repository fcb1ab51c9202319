//! `golive holidays`: the holidays in force.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use golive::{Config, Result};

use super::args::HolidaysArgs;
use super::{io, output};

pub(super) fn run(config: &Config, a: HolidaysArgs, now: DateTime<Utc>) -> Result<()> {
    let year = |v: &str, argument: &str| -> Result<i32> {
        let y = v.trim().parse::<i32>().map_err(|_| {
            super::argument(
                argument,
                v,
                format!(
                    "expected a year from {} to {}",
                    golive::SUPPORTED_YEARS.start(),
                    golive::SUPPORTED_YEARS.end()
                ),
            )
        })?;
        golive::check_supported_year(y, argument, v.trim())?;
        Ok(y)
    };
    let (from, until) = match (&a.year, &a.from, &a.until) {
        (Some(y), _, _) => {
            let y = year(y, "--year")?;
            (y, y)
        }
        (None, Some(f), Some(u)) => {
            let (f, u) = (year(f, "--from")?, year(u, "--until")?);
            if u < f {
                return Err(super::argument(
                    "--until",
                    u.to_string(),
                    format!("is before --from {f}"),
                ));
            }
            (f, u)
        }
        _ => {
            let y = now.with_timezone(&config.timezone()).year();
            (y, y)
        }
    };
    let first = NaiveDate::from_ymd_opt(from, 1, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(until, 12, 31).unwrap_or(NaiveDate::MAX);
    let days = config.holidays(first, last);
    let output = output(&a.output, now)?;
    io::write_output(a.output.file.out.as_deref(), &|out| {
        golive::export::holidays(&days, &output, out)
    })
}
