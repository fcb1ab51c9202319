//! `golive site`: the three files written atomically, bad input refused with nothing
//! half-written, and the train table equal to the library's rollouts, including the page's
//! one lookup (rule 1: the first train whose cutoff is not before the readiness).

use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset};
use serde_json::Value;

use crate::harness::golive;

fn site(dir: &Path, extra: &[&str]) -> crate::harness::Run {
    let d = dir.display().to_string();
    let mut args = vec!["site", d.as_str()];
    args.extend_from_slice(extra);
    golive(&args)
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn writes_the_three_files_and_replaces_an_earlier_site_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    site(&dir, &["--from", "2026-12-01", "--until", "2027-02-28"]).ok();
    assert_eq!(names(&dir), ["deploy.ics", "index.html", "trains.json"]);
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    // Self-contained: no external resource of any kind.
    for needle in ["http://", "https://", "src=", "@import", "url("] {
        // The SVG namespace and an in-page clip-path (`url(#days)`) are no requests.
        let outside_csp = html
            .replace("http://www.w3.org/2000/svg", "")
            .replace("url(#", "");
        assert!(!outside_csp.contains(needle), "index.html holds {needle}");
    }
    assert!(html.contains("\"cutoff_ms\""), "the table is embedded");
    let ics = std::fs::read_to_string(dir.join("deploy.ics")).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
    // Written again over itself, with another range: the new site replaces the old whole,
    // and nothing is left beside it.
    site(&dir, &["--from", "2027-01-01", "--until", "2027-01-31"]).ok();
    let table: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("trains.json")).unwrap()).unwrap();
    assert_eq!(table["generated_for"]["from"], "2027-01-01");
    assert_eq!(names(tmp.path()), ["site"]);
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("afile");
    std::fs::write(&file, "mine").unwrap();
    site(&file, &[]).fails(2, &["afile", "not a directory"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");

    // A directory with a user's files is never replaced.
    let user = tmp.path().join("user");
    std::fs::create_dir(&user).unwrap();
    std::fs::write(user.join("notes.txt"), "keep").unwrap();
    site(&user, &[]).fails(2, &["notes.txt", "not part of a site"]);
    assert_eq!(names(&user), ["notes.txt"]);

    let new = tmp.path().join("new");
    site(&new, &["--from", "2099-06-01"]).fails(2, &["--from", "2099-06-01"]);
    site(&new, &["--from", "2099-06-01", "--until", "2100-01-05"]).fails(2, &["--until", "2100"]);
    site(&new, &["--from", "1970-12-01"]).fails(2, &["--from", "1970"]);
    site(&new, &["--from", "2027-02-01", "--until", "2027-01-01"]).fails(2, &["--until"]);
    site(&tmp.path().join("no/such"), &[]).fails(2, &["does not exist"]);
    assert_eq!(names(tmp.path()), ["afile", "user"]);
}

#[cfg(unix)]
#[test]
fn an_unwritable_parent_exits_2() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let locked = tmp.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes anywhere: then the check has nothing to refuse.
    if std::fs::write(locked.join("probe"), "").is_ok() {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    site(&locked.join("site"), &[]).fails(2, &["locked"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(names(&locked).is_empty());
}

#[test]
fn the_table_is_the_librarys_rollouts_and_its_lookup_is_rule_1() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    site(&dir, &["--from", "2026-11-01", "--until", "2027-12-31"]).ok();
    let table: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("trains.json")).unwrap()).unwrap();
    let config = golive::Config::embedded().unwrap();
    let scheduler = golive::Scheduler::new(&config);
    let trains = table["trains"].as_array().unwrap();
    assert!(trains.len() > 50);
    let parse = |v: &Value| DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    let first: DateTime<FixedOffset> = parse(&table["generated_for"]["ready_after"]);
    let last = parse(&table["generated_for"]["ready_until"]);
    // Every few hours and a bit across the table, and a second around every cutoff.
    let mut readies = Vec::new();
    let mut t = first;
    while t <= last {
        readies.push(t);
        t += Duration::minutes(7 * 60 + 13);
    }
    for tr in trains {
        let c = parse(&tr["cutoff"]);
        readies.extend([c - Duration::seconds(1), c, c + Duration::seconds(1)]);
    }
    let mut compared = 0;
    for ready in readies.into_iter().filter(|r| *r >= first && *r <= last) {
        // The page's lookup.
        let ms = ready.timestamp_millis();
        let Some(tr) = trains
            .iter()
            .find(|t| t["cutoff_ms"].as_i64().unwrap() >= ms)
        else {
            panic!("no train for {ready}")
        };
        let rollout = scheduler.rollout(ready).unwrap();
        let explanation = scheduler.explain(&rollout);
        assert_eq!(
            parse(&tr["cutoff"]),
            rollout.train().cutoff.fixed_offset(),
            "{ready}"
        );
        let ready_day = ready
            .with_timezone(&config.timezone())
            .date_naive()
            .to_string();
        for (i, (region, date)) in rollout.regions().enumerate() {
            let r = &tr["regions"][i];
            assert_eq!(r["key"], region.key());
            assert_eq!(r["date"], date.to_string(), "{ready} {}", region.key());
            let at = rollout.at(region.id()).unwrap();
            assert_eq!(
                r["local_at"],
                at.with_timezone(&region.timezone()).to_rfc3339()
            );
            // The days the page shows: the first region's from the readiness day on.
            let shown: Vec<&str> = r["skipped"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["date"].as_str().unwrap())
                .filter(|d| i > 0 || *d >= ready_day.as_str())
                .collect();
            let library: Vec<String> = explanation
                .region(region.id())
                .iter()
                .map(|s| s.date.to_string())
                .collect();
            assert_eq!(shown, library, "{ready} {}", region.key());
        }
        compared += 1;
    }
    assert!(compared > 1000, "{compared}");
}
