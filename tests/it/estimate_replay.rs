//! How good `golive estimate` is: the observed approval-to-live waits of independent-publisher
//! pull requests in microsoft/PowerPlatformConnectors, replayed through the estimate.
//!
//! For independent publishers Microsoft merges the pull request when the deployment has
//! completed, so the merge date is the go-live date everywhere (research: the merge commit
//! equals the maintainer's "deployment ... was already completed" comment in ten threads).
//! Each case asks `estimate --publisher independent --stage approved --since APPROVED` (the
//! day Microsoft posted `[[certify-connector]]`, at 00:00 Pacific, since the threads give
//! days) and compares the observed live day with the day the last region goes live:
//! inside [earliest, latest] or not, and how many days from typical. The configuration is
//! the default, which holds the freezes Microsoft announced with dates.
//!
//! The dates are from the research file on the certification timeline, section 3.2. #3500's
//! approval is given there as "~2024-05-23" (about 43 days); it is used as it is. #2063 went
//! live with #2064 on the same day.
//!
//! The README's table ("How good the estimate is") is this test's output: the test fails
//! when they differ, so the figures in the README are always the ones golive gives.

use chrono::NaiveDate;
use golive::{Estimate, Journey, PublisherKind, Scheduler};

use crate::estimate::CONFIG;

/// One observed pull request: approved on one day, live (merged) on another.
struct Observed {
    pr: &'static str,
    name: &'static str,
    approved: &'static str,
    live: &'static str,
    /// The wait in calendar days, as issue 16 lists it.
    days: i64,
    note: &'static str,
}

const OBSERVED: [Observed; 13] = [
    Observed {
        pr: "#1307",
        name: "VIES",
        approved: "2022-06-22",
        live: "2022-06-29",
        days: 7,
        note: "",
    },
    Observed {
        pr: "#1792",
        name: "SHRTCODE",
        approved: "2022-07-25",
        live: "2022-08-01",
        days: 7,
        note: "",
    },
    Observed {
        pr: "#2374",
        name: "Discord (fix)",
        approved: "2023-02-09",
        live: "2023-03-01",
        days: 20,
        note: "",
    },
    Observed {
        pr: "#2589",
        name: "AAD Invitation (fix)",
        approved: "2023-04-20",
        live: "2023-05-10",
        days: 20,
        note: "",
    },
    Observed {
        pr: "#2063",
        name: "Toggl",
        approved: "2022-10-17",
        live: "2022-11-11",
        days: 25,
        note: "",
    },
    Observed {
        pr: "#1852",
        name: "Notion",
        approved: "2022-08-13",
        live: "2022-09-08",
        days: 26,
        note: "",
    },
    Observed {
        pr: "#3242",
        name: "FCA",
        approved: "2024-02-16",
        live: "2024-03-28",
        days: 41,
        note: "",
    },
    Observed {
        pr: "#3500",
        name: "FCA (update)",
        approved: "2024-05-23",
        live: "2024-07-05",
        days: 43,
        note: "approval date approximate",
    },
    Observed {
        pr: "#3467",
        name: "The Guardian",
        approved: "2024-05-14",
        live: "2024-06-27",
        days: 44,
        note: "",
    },
    Observed {
        pr: "#3188",
        name: "jService",
        approved: "2024-01-16",
        live: "2024-03-07",
        days: 51,
        note: "",
    },
    Observed {
        pr: "#1368",
        name: "Strava",
        approved: "2022-03-08",
        live: "2022-06-10",
        days: 94,
        note: "deployment-train incident",
    },
    Observed {
        pr: "#3087",
        name: "Sapling.ai",
        approved: "2023-11-13",
        live: "2024-02-27",
        days: 106,
        note: "across the year-end freeze (no dates announced)",
    },
    Observed {
        pr: "#3640",
        name: "Oxmaint",
        approved: "2024-10-07",
        live: "2025-02-27",
        days: 143,
        note: "freezes and an internal issue",
    },
];

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// One replayed case: the estimate's last-region days and how the observation compares.
struct Replayed<'o> {
    observed: &'o Observed,
    finish: golive::Spread<NaiveDate>,
}

impl Replayed<'_> {
    fn live(&self) -> NaiveDate {
        day(self.observed.live)
    }

    fn inside(&self) -> bool {
        (self.finish.earliest..=self.finish.latest).contains(&self.live())
    }

    /// Observed minus typical, in days: positive when it went live later than typical.
    fn after_typical(&self) -> i64 {
        (self.live() - self.finish.typical).num_days()
    }
}

fn replay() -> Vec<Replayed<'static>> {
    let config = &*CONFIG;
    let scheduler = Scheduler::new(config);
    OBSERVED
        .iter()
        .map(|o| {
            let since = config.parse_ready(o.approved).unwrap();
            let journey = Journey::new(PublisherKind::Independent, "approved", since);
            let estimate = Estimate::new(&scheduler, &journey).unwrap();
            Replayed {
                observed: o,
                finish: estimate.finish(),
            }
        })
        .collect()
}

/// The README's table and summary, as this replay gives them.
fn markdown(replayed: &[Replayed<'_>]) -> String {
    let mut out = String::from(
        "| PR | approved | live (merged) | days | earliest | typical | latest | inside | live − typical | note |\n|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for r in replayed {
        let o = r.observed;
        out.push_str(&format!(
            "| {} {} | {} | {} | {} | {} | {} | {} | {} | {:+} days | {} |\n",
            o.pr,
            o.name,
            o.approved,
            o.live,
            o.days,
            r.finish.earliest,
            r.finish.typical,
            r.finish.latest,
            match (r.inside(), r.live() < r.finish.earliest) {
                (true, _) => "yes",
                (false, true) => "no, earlier",
                (false, false) => "no, later",
            },
            r.after_typical(),
            o.note,
        ));
    }
    let inside = replayed.iter().filter(|r| r.inside()).count();
    let earlier = replayed
        .iter()
        .filter(|r| r.live() < r.finish.earliest)
        .count();
    let later = replayed.len() - inside - earlier;
    let mut gaps: Vec<i64> = replayed.iter().map(|r| r.after_typical()).collect();
    gaps.sort_unstable();
    let mut distance: Vec<i64> = gaps.iter().map(|g| g.abs()).collect();
    distance.sort_unstable();
    out.push_str(&format!(
        "\nInside [earliest, latest]: {inside} of {} ({earlier} earlier, {later} later). Live minus typical: median {:+} days, median distance {} days, from {:+} to {:+} days.\n",
        replayed.len(),
        gaps[gaps.len() / 2],
        distance[distance.len() / 2],
        gaps[0],
        gaps[gaps.len() - 1],
    ));
    out
}

#[test]
fn the_observed_waits_are_transcribed_right() {
    for o in &OBSERVED {
        assert_eq!(
            (day(o.live) - day(o.approved)).num_days(),
            o.days,
            "{}",
            o.pr
        );
    }
}

#[test]
fn the_replay_and_the_readme_agree() {
    let replayed = replay();
    for r in &replayed {
        let f = r.finish;
        assert!(
            f.earliest <= f.typical && f.typical <= f.latest,
            "{}",
            r.observed.pr
        );
    }
    let table = markdown(&replayed);
    println!("{table}");
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&table),
        "README.md's replay table differs from the replay; put this in its place:\n\n{table}"
    );
}
