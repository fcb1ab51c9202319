//! The English the renderers share: how a wait, a train, a push and a seasonal-freeze warning
//! read.

use chrono::NaiveDate;

use chrono_tz::Tz;

use super::{day, stamp};
use crate::calendar::Reason;
use crate::config::{Config, RegionId};
use crate::plan::Push;
use crate::schedule::{SeasonalWarning, Skipped, Train};

/// "Waited 2 days: Sat 2026-11-28 (weekend: Saturday); Sun 2026-11-29 (weekend: Sunday)."
pub(super) fn waited(skipped: &[Skipped]) -> String {
    if skipped.is_empty() {
        return "Waited no day.".into();
    }
    let days: Vec<String> = skipped
        .iter()
        .map(|s| {
            let why: Vec<String> = s.reasons.iter().map(Reason::to_string).collect();
            format!("{} ({})", day(s.date), why.join(", "))
        })
        .collect();
    let n = skipped.len();
    format!(
        "Waited {n} day{}: {}.",
        if n == 1 { "" } else { "s" },
        days.join("; ")
    )
}

/// "Train: cutoff Thu 2026-11-26 09:00 PST, starts Fri 2026-11-27 09:00 PST.", in `zone`.
pub(super) fn train_line(train: &Train, zone: Tz) -> String {
    format!(
        "Train: cutoff {}, starts {}.",
        stamp(train.cutoff.with_timezone(&zone)),
        stamp(train.start_at.with_timezone(&zone))
    )
}

/// How long ago a train that started at `start` left, when it started before `now`:
/// "left 4 days ago", "left 1 day ago", "left 3 hours ago", "left less than an hour ago".
/// `None` for a train that has not left yet.
pub(super) fn left_ago<Z: chrono::TimeZone>(
    start: &chrono::DateTime<Z>,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<String> {
    let gone = now.signed_duration_since(start);
    if gone <= chrono::TimeDelta::zero() {
        return None;
    }
    let (days, hours) = (gone.num_days(), gone.num_hours());
    Some(match (days, hours) {
        (0, 0) => "left less than an hour ago".into(),
        (0, h) => format!("left {}", ago(h, "hour", "hours")),
        (d, _) => format!("left {}", ago(d, "day", "days")),
    })
}

/// "1 day ago", "4 days ago".
fn ago(n: i64, one: &str, many: &str) -> String {
    format!("{n} {} ago", if n == 1 { one } else { many })
}

/// One reason a connector rode a later train, for people; `name` names a connector.
pub(super) fn push_text(push: &Push, name: &dyn Fn(crate::ConnectorId) -> String) -> String {
    match *push {
        Push::NotBefore { date, trains } => {
            format!("not before {date} (+{})", plural(trains, "train", "trains"))
        }
        Push::Dependency { on, finish, trains } => format!(
            "after {}, live everywhere {finish} (+{})",
            name(on),
            plural(trains, "train", "trains")
        ),
        Push::Capacity { trains } => {
            format!("missed {}", plural(trains, "full train", "full trains"))
        }
    }
}

/// "1 train", "3 trains".
pub(super) fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "the Year-end freeze, 2026-11-20 to 2027-01-06, is not configured".
pub(super) fn season_text(w: &SeasonalWarning) -> String {
    format!(
        "the {}, {} to {}, is not configured",
        w.name, w.from, w.until
    )
}

/// Where a season comes from: "Carried from Microsoft's freeze Holiday season 2024/25
/// (2024-11-20 to 2025-01-06; source) every year from November 20 to January 6".
pub(super) fn season_basis(w: &SeasonalWarning) -> String {
    let (name, first, last) = &w.carried_from;
    let source = match &w.source {
        Some(s) => format!("; {s}"),
        None => String::new(),
    };
    format!(
        "Carried from Microsoft's freeze {name} ({first} to {last}{source}) {}",
        w.rule
    )
}

/// What the dates would be if the freeze recurred: "Testing: Thu 2027-01-07; US preview: Fri
/// 2027-01-08; ...", or that there would be no rollout within the horizon.
pub(super) fn recurred_dates(config: &Config, w: &SeasonalWarning) -> String {
    if w.dates.is_empty() {
        return "no rollout would finish within the horizon".into();
    }
    let days: Vec<String> = config
        .regions()
        .iter()
        .zip(&w.dates)
        .map(|(r, d)| format!("{}: {}", r.name(), day(*d)))
        .collect();
    days.join("; ")
}

/// For one region: "2027-01-12 if Year-end freeze (2026-11-20 to 2027-01-06, not configured)
/// recurs".
pub(super) fn recurred_for(w: &SeasonalWarning, region: RegionId) -> String {
    let when = w.dates.get(region.index()).map_or_else(
        || "no rollout within the horizon".to_string(),
        NaiveDate::to_string,
    );
    format!(
        "{when} if {} ({} to {}, not configured) recurs",
        w.name, w.from, w.until
    )
}

/// For a train: "seasonal: Year-end freeze (not configured), if it recurs: leaves Thu
/// 2027-01-07, last region Thu 2027-01-14".
pub(super) fn recurred_train(w: &SeasonalWarning) -> String {
    let what = match (&w.train, w.finish()) {
        (Some(t), Some(finish)) => {
            format!("leaves {}, last region {}", day(t.start), day(finish))
        }
        _ => "no rollout within the horizon".into(),
    };
    format!(
        "seasonal: {} (not configured), if it recurs: {what}",
        w.name
    )
}

/// A reason as a note names it: "Thanksgiving Day", "Holiday season 2024/25, source: ...".
pub(super) fn reason_note(r: &Reason) -> String {
    match &r.source {
        Some(s) => format!("{}, source: {s}", r.name),
        None => r.name.clone(),
    }
}
