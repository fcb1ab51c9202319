//! `golive when`: when a connector ready at a given time goes live in each region.

use chrono::{DateTime, Utc};
use golive::export::WhenReport;
use golive::{Config, Result, Scheduler, TypedTime};

use super::args::WhenArgs;
use super::{argument, io, output};

pub(super) fn run(config: &Config, a: WhenArgs, now: DateTime<Utc>) -> Result<()> {
    if a.name.trim().is_empty() {
        return Err(argument(
            "--name",
            a.name.clone(),
            "a connector's name cannot be empty",
        ));
    }
    let zone = match &a.tz {
        Some(z) => golive::parse_zone(z).map_err(|e| e.for_argument("--tz"))?,
        None => config.timezone(),
    };
    let ready = if a.ready.trim().eq_ignore_ascii_case("now") {
        now.with_timezone(&zone).fixed_offset()
    } else {
        a.ready
            .parse::<TypedTime>()
            .map_err(|e| e.for_argument("--ready"))?
            .in_zone(zone)
    };
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
        Some(q) => {
            let region = config.find_region(q).ok_or_else(|| {
                let keys: Vec<&str> = config.regions().iter().map(|r| r.key()).collect();
                argument(
                    "--where",
                    q.clone(),
                    format!(
                        "no region or place by that name; regions are {} (see `golive config show` for the places each serves)",
                        keys.join(", ")
                    ),
                )
            })?;
            Some((region.id(), q.as_str()))
        }
    };
    let scheduler = Scheduler::new(config);
    let rollout = scheduler.rollout(ready)?;
    let explanation = scheduler.explain(&rollout);
    let output = output(&a.output, now)?;
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
