//! `golive when`: when a connector ready at a given time goes live in each region.

use chrono::{DateTime, Utc};
use golive::export::WhenReport;
use golive::{Config, Located, Result, Scheduler};

use super::args::WhenArgs;
use super::{argument, in_zone, io, output, tz_arg};

pub(super) fn run(config: &Config, a: WhenArgs, now: DateTime<Utc>) -> Result<()> {
    if a.name.trim().is_empty() {
        return Err(argument(
            "--name",
            a.name.clone(),
            "a connector's name cannot be empty",
        ));
    }
    let tz = tz_arg(&a.tz)?;
    let zone = tz.unwrap_or(config.timezone());
    let ready = golive::parse_time(&a.ready, now, zone).map_err(|e| e.for_argument("--ready"))?;
    let ready_day = ready.with_timezone(&config.timezone()).date_naive();
    golive::check_year(ready_day, "--ready").map_err(|_| {
        argument(
            "--ready",
            a.ready.clone(),
            format!(
                "is {ready_day} in the schedule zone {}, outside the years golive can answer for ({} to {})",
                config.timezone().name(),
                golive::SUPPORTED_YEARS.start(),
                golive::SUPPORTED_YEARS.end()
            ),
        )
    })?;
    let focus = match &a.place {
        None => None,
        Some(q) => Some((where_arg(config, q)?.region.id(), q.as_str())),
    };
    let scheduler = Scheduler::new(config);
    let rollout = scheduler.rollout(ready)?;
    let explanation = scheduler.explain(&rollout);
    let output = in_zone(output(&a.output, now)?, tz);
    let mut report = WhenReport::new(&rollout, &explanation)
        .ready_zone(zone)
        .name(a.name.trim());
    if let Some((id, query)) = focus {
        report = report.focus(id, query);
    }
    let output = output.explained(a.explain);
    io::write_output(a.output.file.out.as_deref(), &|out| {
        golive::export::when(&report, &output, out)
    })
}

/// What `--where` names: a region, or a place and its region. A name that finds nothing is
/// an error with the nearest names, the regions, and where to see every place.
pub(super) fn where_arg<'c>(config: &'c Config, query: &str) -> Result<Located<'c>> {
    config.locate(query).ok_or_else(|| {
        let keys: Vec<&str> = config.regions().iter().map(|r| r.key()).collect();
        let hint = match config.nearest_places(query).as_slice() {
            [] => String::new(),
            [one] => format!(" (did you mean {one}?)"),
            [init @ .., last] => format!(" (did you mean {} or {last}?)", init.join(", ")),
        };
        argument(
            "--where",
            query,
            format!(
                "no region or place by that name{hint}; regions are {} (`golive regions` lists the places each serves)",
                keys.join(", ")
            ),
        )
    })
}
