//! `golive site DIR`: writes the static site (index.html, trains.json, deploy.ics) into a
//! temporary directory beside DIR, then renames it into place, so DIR is always either the
//! old site or the whole new one.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use golive::export::{Format, Output, SiteTrain};
use golive::{Config, Error, Result, Scheduler, TrainLimit};

use super::args::{FileArgs, SiteArgs};
use super::ics_options;
use super::trains::year_range;

/// The files a site holds; a directory holding anything else is not replaced.
const FILES: [&str; 3] = ["index.html", "trains.json", "deploy.ics"];

pub(super) fn run(config: &Config, a: SiteArgs, now: DateTime<Utc>) -> Result<()> {
    let (from, until) = year_range(config, &a.from, &a.until, now)?;
    let dir = a.dir;
    let failed = |source: io::Error| io_error(&dir, source);
    match std::fs::symlink_metadata(&dir) {
        Ok(m) if !m.is_dir() => {
            return Err(failed(io::Error::other(
                "it is not a directory; name a directory to write the site into",
            )));
        }
        Ok(_) => {
            // Never throw away a user's files: only a site golive wrote is replaced.
            let entries = std::fs::read_dir(&dir).map_err(failed)?;
            for e in entries {
                let name = e.map_err(failed)?.file_name();
                if !FILES.iter().any(|f| name == *f) {
                    return Err(failed(io::Error::other(format!(
                        "it holds {}, which is not part of a site; name an empty directory or an earlier site",
                        golive::printable(&name.to_string_lossy())
                    ))));
                }
            }
        }
        Err(_) => {}
    }
    let scheduler = Scheduler::new(config);
    let runs = scheduler.trains(from, TrainLimit::Until(until))?;
    // Each train with the rollout of the earliest readiness riding it: a second after the
    // previous train's cutoff (for the first, a week before its own cutoff).
    let mut trains = Vec::with_capacity(runs.len());
    let mut after = None;
    for run in &runs {
        let earliest = after.unwrap_or(run.train.cutoff - Duration::days(7)) + Duration::seconds(1);
        let mut rollout = scheduler.rollout(earliest.fixed_offset())?;
        if rollout.train() != &run.train {
            rollout = scheduler.rollout(run.train.cutoff.fixed_offset())?;
        }
        let explanation = scheduler.explain(&rollout);
        after = Some(run.train.cutoff);
        trains.push(SiteTrain {
            rollout,
            explanation,
        });
    }
    // The timeline's shading: every day of the range and the fortnight after its last train.
    let last = runs.last().map_or(until, |r| r.finish()).max(until) + Duration::days(14);
    let mut blocked = Vec::new();
    let mut d = from;
    while d <= last && d <= scheduler.calendar().last_day() {
        let why: Vec<_> = config
            .regions()
            .iter()
            .map(|r| scheduler.calendar().reasons(r.id(), d))
            .collect();
        if why.iter().any(|w| !w.is_empty()) {
            blocked.push((d, why));
        }
        d += Duration::days(1);
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".golive-site-")
        .tempdir_in(&parent)
        .map_err(|e| {
            failed(match e.kind() {
                io::ErrorKind::NotFound => io::Error::other(format!(
                    "the directory {} does not exist",
                    golive::printable(&parent.display().to_string())
                )),
                kind => io::Error::from(kind),
            })
        })?;
    let previous = dir.join("deploy.ics");
    let ics = ics_options(
        &FileArgs {
            out: None,
            previous: Some(previous),
        },
        now,
    )?;
    let range = (from, until);
    write(tmp.path(), "index.html", &|out| {
        golive::export::site_page(config, &trains, &blocked, range, out)
    })?;
    write(tmp.path(), "trains.json", &|out| {
        golive::export::site_trains(config, &trains, &blocked, range, out)
    })?;
    let output = Output::new(Format::Ics).with_ics(ics);
    write(tmp.path(), "deploy.ics", &|out| {
        golive::export::calendar(config, &runs, range, &output, out)
    })?;
    #[cfg(unix)]
    {
        // A temporary directory is private; a site is for everyone to read.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755))
            .map_err(failed)?;
    }
    // An earlier site is moved aside first, then removed once the new one is in place.
    let old = dir.is_dir().then(|| {
        let mut name = dir.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".golive-old-{}", std::process::id()));
        parent.join(name)
    });
    if let Some(old) = &old {
        std::fs::rename(&dir, old).map_err(failed)?;
    }
    let kept = tmp.keep();
    if let Err(e) = std::fs::rename(&kept, &dir) {
        if let Some(old) = &old {
            let _ = std::fs::rename(old, &dir);
        }
        let _ = std::fs::remove_dir_all(&kept);
        return Err(failed(e));
    }
    if let Some(old) = &old {
        let _ = std::fs::remove_dir_all(old);
    }
    Ok(())
}

/// Writes one file of the site into the temporary directory `dir`.
fn write(dir: &Path, name: &str, render: &dyn Fn(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let path = dir.join(name);
    let file = std::fs::File::create(&path).map_err(|e| io_error(&path, e))?;
    let mut out = BufWriter::new(file);
    render(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| io_error(&path, e))?;
    out.get_ref().sync_all().map_err(|e| io_error(&path, e))
}

fn io_error(path: &Path, source: io::Error) -> Error {
    Error::from(golive::ErrorKind::Io {
        action: "write",
        path: path.display().to_string(),
        source,
    })
}
