//! `golive check`: connector folders against the certification rules, offline.

use std::path::Path;
use std::process::ExitCode;

use golive::Result;

use super::args::{CheckArgs, CheckFormatArg, PublisherArg};
use super::progress::Progress;
use super::{argument, io};

/// `golive check`: exit 1 when any folder has an error finding. A progress bar counts the
/// folders on a terminal when the checks take long, unless `quiet`.
pub(super) fn run(a: &CheckArgs, quiet: bool) -> Result<ExitCode> {
    use golive::check::{Options, Publisher};
    if let (Some(p), true) = (&a.previous, a.dirs.len() > 1) {
        return Err(argument(
            "--previous",
            p.display().to_string(),
            "compares one connector with its previous version; give one DIR",
        ));
    }
    // The report must not replace a file of a folder it reads.
    if let Some(out) = &a.out
        && let Some(parent) = std::fs::canonicalize(out)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
        && let Some(dir) = a
            .dirs
            .iter()
            .chain(&a.previous)
            .find(|d| std::fs::canonicalize(d).is_ok_and(|d| d == parent))
    {
        return Err(argument(
            "--out",
            out.display().to_string(),
            format!(
                "is a file of the checked folder {}; write the report somewhere else",
                dir.display()
            ),
        ));
    }
    let options = Options {
        publisher: a.publisher.map(|p| match p {
            PublisherArg::Verified => Publisher::Verified,
            PublisherArg::Independent => Publisher::Independent,
        }),
        previous: a.previous.clone(),
    };
    let progress = Progress::start("checking", Some(a.dirs.len() as u64), quiet);
    let reports = a
        .dirs
        .iter()
        .map(|d| {
            let report = golive::check::check_folder(d, &options);
            progress.inc(1);
            report
        })
        .collect::<Result<Vec<_>>>()?;
    progress.finish();
    let width = super::terminal::width(a.out.as_deref());
    io::write_output(a.out.as_deref(), &|w| match a.format {
        CheckFormatArg::Table => golive::check::render_table_fitted(&reports, width, w),
        CheckFormatArg::Json => golive::check::render_json(&reports, w),
        CheckFormatArg::Sarif => golive::check::render_sarif(&reports, w),
    })?;
    Ok(match reports.iter().any(|r| r.errors() > 0) {
        true => ExitCode::from(1),
        false => ExitCode::SUCCESS,
    })
}
