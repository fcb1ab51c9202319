//! The back-test: golive's default configuration against what Microsoft's maintainers said in
//! public threads of microsoft/PowerPlatformConnectors (README, "How close to reality").
//!
//! Each observation is either reproduced exactly or a known deviation, asserted with its size,
//! so that a change to the rules or to the announced freezes that moves an answer away from the
//! record, or closer to it, fails here and is written down.

use crate::harness::{golive, region_dates};

/// `golive when --ready READY --format json` under the embedded default.
fn when(ready: &str) -> serde_json::Value {
    golive(&["when", "--ready", ready, "--format", "json"]).json()
}

fn train_start(v: &serde_json::Value) -> &str {
    v["train"]["start"].as_str().unwrap()
}

fn days_between(a: &str, b: &str) -> i64 {
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    (d(b) - d(a)).num_days()
}

/// PR #924, 2021-11-19: "we have temporarily halted the deployments of all the connectors till
/// Tuesday, 30th November 2021. We will begin the deployments on Wednesday, 1st December
/// 2021 ... the production deployment of your connector in all regions will be expected to be
/// completed by Thursday, 9th December 2021."
///
/// Reproduced: the train leaves Wednesday 2021-12-01 (the first deploy day after the freeze,
/// `blocked_start = "next-deploy-day"`), and the explanation names the freeze and its source.
/// Known deviation of one day: six daily steps from Wednesday end Wednesday 2021-12-08;
/// Microsoft projected Thursday 12-09, seven business days.
#[test]
fn pr_924_thanksgiving_2021() {
    let v = when("2021-11-19T12:00-08:00");
    assert_eq!(train_start(&v), "2021-12-01T09:00:00-08:00");
    assert_eq!(
        region_dates(&v),
        [
            "2021-12-01",
            "2021-12-02",
            "2021-12-03",
            "2021-12-06",
            "2021-12-07",
            "2021-12-08"
        ]
    );
    let last = region_dates(&v).last().cloned().unwrap();
    assert_eq!(days_between(&last, "2021-12-09"), 1, "the known deviation");
    let reasons = &v["regions"][0]["skipped"][1]["reasons"];
    assert_eq!(reasons[0]["kind"], "weekend");
    assert_eq!(reasons[1]["kind"], "freeze");
    assert_eq!(reasons[1]["name"], "Thanksgiving 2021");
    assert!(
        reasons[1]["source"].as_str().unwrap().contains("PR #924"),
        "{reasons}"
    );
    // Inside an announced freeze there is no seasonal warning: the freeze is configured.
    assert_eq!(v["warnings"], serde_json::json!([]));
}

/// PR #2983 (SureXeroLite): on Tuesday 2024-02-27 Microsoft said "Now the connector deployed on
/// Asia region, it would take a week to deploy to UK region"; the publisher saw it live in the
/// UK, and Microsoft announced completion, on Monday 2024-03-04.
///
/// Reproduced: the train of Friday 2024-02-23 (ready by its cutoff, Thursday 09:00 PST) is in
/// Asia on Tuesday 02-27 exactly; its last region (Australia, UK and US) deploys on Friday
/// 03-01, before the first report after the weekend. Consistent; Microsoft's own "a week"
/// (about 03-05) was longer than the rules.
#[test]
fn pr_2983_surexerolite() {
    let v = when("2024-02-22T09:00-08:00");
    assert_eq!(train_start(&v), "2024-02-23T09:00:00-08:00");
    let dates = region_dates(&v);
    assert_eq!(dates[2], "2024-02-27", "Asia, as Microsoft said that day");
    assert_eq!(dates[5], "2024-03-01");
    assert!(
        days_between(&dates[5], "2024-03-04") >= 0,
        "live in the UK by 03-04"
    );
    assert_eq!(v["warnings"], serde_json::json!([]));
}

/// PR #3709 (Ironclad CLM, independent publisher): reviewed 2024-11-19 and approved inside the
/// 2024/25 freeze. On 2025-02-03: "there was a deployment freeze from November 20, 2024, to
/// January 6, 2025, followed by another freeze from January 24 to January 31, 2025 ... This
/// would be deployed to all regions in next 3 to 4 week"; on 2025-03-12 it was still not
/// deployed, "we are currently facing an issue with the oAuth IP connectors".
///
/// The rules (with the announced freezes) give the first train after the freeze, whatever the
/// day of readiness from 2024-11-14 09:00 PST on: it leaves Tuesday 2025-01-07 and is live
/// everywhere Tuesday 2025-01-14. Known deviation: at least 57 days (not live by 2025-03-12),
/// from the backlog the freeze left and the OAuth problem, neither of which is a rule.
#[test]
fn pr_3709_ironclad_after_the_2024_25_freeze() {
    for ready in ["2024-11-19T12:00-08:00", "2024-12-16T10:00-08:00"] {
        let v = when(ready);
        assert_eq!(train_start(&v), "2025-01-07T09:00:00-08:00", "{ready}");
        assert_eq!(
            region_dates(&v),
            [
                "2025-01-07",
                "2025-01-08",
                "2025-01-09",
                "2025-01-10",
                "2025-01-13",
                "2025-01-14"
            ]
        );
        let last = region_dates(&v).last().cloned().unwrap();
        assert!(days_between(&last, "2025-03-12") >= 57);
        assert_eq!(v["warnings"], serde_json::json!([]));
    }
    // The waited days are explained by the freeze's name and source.
    let out = golive(&["when", "--ready", "2024-11-19T12:00-08:00", "--explain"]);
    assert!(
        out.ok().contains(
            "Wed 2024-11-20  freeze: Holiday season 2024/25 (microsoft/PowerPlatformConnectors PR #3709, maintainer comment of 2025-02-03)"
        ),
        "{}",
        out.stdout
    );
}

/// December 2022: PR #2194 carried a `deployment-freeze` label from 2022-12-09, and a
/// deployment had started by 2023-01-10 (PR #2283); no dates were published, so the default
/// has no freeze there and its dates are a known deviation of unknown size. The seasonal
/// warning covers it: if the year-end freeze recurred, the train would leave Monday
/// 2023-01-09, consistent with a deployment under way by 01-10.
#[test]
fn december_2022_is_a_known_deviation_the_warning_covers() {
    let v = when("2022-12-09T12:00-08:00");
    assert_eq!(train_start(&v), "2022-12-16T09:00:00-08:00");
    let w = &v["warnings"][0];
    assert_eq!(w["kind"], "seasonal-freeze");
    assert_eq!(w["name"], "Year-end freeze");
    assert_eq!(
        (w["from"].as_str(), w["until"].as_str()),
        (Some("2022-11-20"), Some("2023-01-06"))
    );
    assert_eq!(w["regions"][0]["date"], "2023-01-09");
    assert!(days_between(w["regions"][0]["date"].as_str().unwrap(), "2023-01-10") >= 0);
}
