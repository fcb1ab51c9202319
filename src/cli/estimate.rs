//! `golive estimate`: the whole journey from a certification stage to live in every region.

use chrono::{DateTime, Utc};
use golive::export::EstimateReport;
use golive::{Config, Error, ErrorKind, Journey, PublisherKind, Result, UpdateKind};

use super::args::{EstimateArgs, PublisherArg, UpdateArg};
use super::{argument, io, output};

pub(super) fn run(config: &Config, a: EstimateArgs, now: DateTime<Utc>) -> Result<()> {
    if a.name.trim().is_empty() {
        return Err(argument(
            "--name",
            a.name.clone(),
            "a connector's name cannot be empty",
        ));
    }
    let zone = config.timezone();
    let since = golive::parse_time(&a.since, now, zone).map_err(|e| e.for_argument("--since"))?;
    let rounds = a
        .rounds
        .as_deref()
        .map(|r| {
            r.trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= golive::MAX_ROUNDS)
                .ok_or_else(|| {
                    argument(
                        "--rounds",
                        r,
                        format!(
                            "expected a whole number of revision rounds from 0 to {}",
                            golive::MAX_ROUNDS
                        ),
                    )
                })
        })
        .transpose()?;
    let focus = match &a.place {
        None => None,
        Some(q) => Some((super::when::where_arg(config, q)?.region.id(), q.as_str())),
    };
    let checked = a
        .connector
        .as_deref()
        .map(|dir| {
            let options = golive::check::Options {
                publisher: a.publisher.map(|p| match p {
                    PublisherArg::Verified => golive::check::Publisher::Verified,
                    PublisherArg::Independent => golive::check::Publisher::Independent,
                }),
                previous: None,
            };
            golive::check::check_folder(dir, &options)
        })
        .transpose()?;
    let publisher = match (a.publisher, &checked) {
        (Some(PublisherArg::Verified), _) => PublisherKind::Verified,
        (Some(PublisherArg::Independent), _) => PublisherKind::Independent,
        (None, Some(report)) => match report.publisher {
            golive::check::Publisher::Independent => PublisherKind::Independent,
            golive::check::Publisher::Verified => PublisherKind::Verified,
        },
        (None, None) => PublisherKind::Verified,
    };
    let update = a.update.map(|u| match u {
        UpdateArg::Minor => UpdateKind::Minor,
        UpdateArg::Major => UpdateKind::Major,
    });
    let mut journey = Journey::new(publisher, &a.stage, since).update(update);
    if let Some(n) = rounds {
        journey = journey.rounds(n);
    }
    if let Some(report) = &checked {
        let mut rules: Vec<String> = Vec::new();
        for f in report
            .findings
            .iter()
            .filter(|f| f.severity() == golive::check::Severity::Error)
        {
            if !rules.iter().any(|r| r == f.rule.id) {
                rules.push(f.rule.id.to_string());
            }
        }
        journey = journey.preflight(golive::Preflight {
            connector: report.connector.clone(),
            errors: report.errors(),
            warnings: report.warnings(),
            rules,
        });
    }
    let estimate = golive::estimate(config, &journey).map_err(flag)?;
    let output = output(&a.output, now)?.explained(a.explain);
    let mut report = EstimateReport::new(&estimate).name(a.name.trim());
    if let Some((id, query)) = focus {
        report = report.focus(id, query);
    }
    io::write_output(a.output.file.out.as_deref(), &|out| {
        golive::export::estimate(&report, &output, out)
    })
}

/// The library names the journey's parts (`stage`, `since`, ...); the command line names
/// them as its flags.
fn flag(e: Error) -> Error {
    let name = match e.kind() {
        ErrorKind::Argument { argument, .. } if !argument.starts_with('-') => {
            format!("--{argument}")
        }
        _ => return e,
    };
    e.for_argument(&name)
}
