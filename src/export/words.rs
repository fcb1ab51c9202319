//! The English the renderers share: how a wait, a train and a push read.

use chrono_tz::Tz;

use super::{day, stamp};
use crate::calendar::Reason;
use crate::plan::Push;
use crate::schedule::{Skipped, Train};

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
