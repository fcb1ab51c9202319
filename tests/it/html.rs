//! `--format html` of `golive when` and `golive plan`: self-contained pages whose every
//! date equals the JSON answer's, the Gantt's limit, names escaped, the site's style sheet
//! shared, atomic `--out`, and the commands and combinations that have no page refused with
//! exit 2.

use crate::harness::{golive, temp_dir, temp_file};

const TOML: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/examples/batch.toml");
const EARLY_FREEZE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/config/examples/early-freeze.toml"
);

/// The opening tags in `html` that start with `start` (`<tr data-region=`), as written.
fn tags<'h>(html: &'h str, start: &str) -> Vec<&'h str> {
    html.match_indices(start)
        .map(|(i, _)| {
            let rest = &html[i..];
            &rest[..rest.find('>').expect("a tag ends")]
        })
        .collect()
}

/// The value of attribute `name` in the opening tag `tag`, unescaped.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let value = &tag[at..at + tag[at..].find('"')?];
    Some(
        value
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
    )
}

/// The part of `html` from the element with `id` to the end of its section.
fn section<'h>(html: &'h str, id: &str) -> &'h str {
    let from = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let rest = &html[from..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// A page makes no request: nothing but inline style, script and SVG, under a policy that
/// allows no other.
fn assert_self_contained(html: &str) {
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("content=\"default-src 'none';"), "no CSP");
    let outside = html
        .replace("http://www.w3.org/2000/svg", "")
        .replace("url(#", "");
    for needle in [
        "http://", "https://", "src=", "href=\"/", "@import", "url(", "<link",
    ] {
        assert!(!outside.contains(needle), "the page holds {needle}");
    }
    assert!(html.trim_end().ends_with("</html>"));
}

fn style(html: &str) -> &str {
    let from = html.find("<style>").expect("a style sheet") + "<style>".len();
    html[from..].split("</style>").next().unwrap().trim()
}

#[test]
fn when_pages_give_every_regions_json_date_time_and_waited_days() {
    let cases: &[&[&str]] = &[
        &["--ready", "2026-11-22T10:00-08:00"],
        &["--ready", "2026-11-22T10:00-08:00", "--where", "Japan"],
        // Christmas moves the train, New Year's Day the fifth region; in Tokyo's time.
        &[
            "--ready",
            "2026-12-18T10:00",
            "--where",
            "UK",
            "--tz",
            "Asia/Tokyo",
        ],
        // The spring DST change in the schedule zone, read in Sydney.
        &["--ready", "2027-03-13T02:30", "--tz", "Australia/Sydney"],
    ];
    for args in cases {
        let json = golive(&[&["when"], *args, &["--format", "json"]].concat()).json();
        let run = golive(&[&["when"], *args, &["--format", "html"]].concat());
        let html = run.ok();
        assert_self_contained(html);
        let all: Vec<&str> = tags(section(html, "regions"), "<tr");
        assert_eq!(all.len(), 6, "{args:?}: a row per region");
        for (tag, region) in all.iter().zip(json["regions"].as_array().unwrap()) {
            assert_eq!(attr(tag, "data-region").as_deref(), region["key"].as_str());
            assert_eq!(attr(tag, "data-date").as_deref(), region["date"].as_str());
            assert_eq!(
                attr(tag, "data-local-at").as_deref(),
                region["local_at"].as_str(),
                "{args:?}"
            );
            assert_eq!(
                attr(tag, "data-waited"),
                Some(region["waited_days"].to_string())
            );
            for skipped in region["skipped"].as_array().unwrap() {
                for reason in skipped["reasons"].as_array().unwrap() {
                    let name = reason["name"].as_str().unwrap();
                    let shown = name.replace('\'', "&#39;").replace('"', "&quot;");
                    assert!(html.contains(&shown), "{args:?}: {name} is not said");
                }
            }
        }
        // The timeline marks each region's go-live day, and only that.
        let live: Vec<(String, String)> = tags(section(html, "timeline"), "<rect class=\"day\"")
            .iter()
            .filter(|t| t.contains("data-live=\"true\""))
            .map(|t| {
                (
                    attr(t, "data-region").unwrap(),
                    attr(t, "data-date").unwrap(),
                )
            })
            .collect();
        let expected: Vec<(String, String)> = json["regions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["key"].as_str().unwrap().into(),
                    r["date"].as_str().unwrap().into(),
                )
            })
            .collect();
        let mut live_sorted = live.clone();
        live_sorted.sort();
        let mut expected_sorted = expected.clone();
        expected_sorted.sort();
        assert_eq!(live_sorted, expected_sorted, "{args:?}");
        // The seasonal-freeze warning, when the JSON has one.
        let warned = !json["warnings"].as_array().unwrap().is_empty();
        assert_eq!(html.contains("⚠ Seasonal freeze"), warned, "{args:?}");
        if let Some(place) = json["where"]["place"].as_str() {
            assert!(html.contains(&format!("{place} (region")), "{args:?}");
            assert!(html.contains("class=\"focus\""));
        }
    }
}

#[test]
fn plan_pages_list_every_connector_with_the_json_dates_and_pushes() {
    let json = golive(&["plan", TOML, "--capacity", "4", "--format", "json"]).json();
    let run = golive(&["plan", TOML, "--capacity", "4", "--format", "html"]);
    let html = run.ok();
    assert_self_contained(html);
    let connectors = json["connectors"].as_array().unwrap();
    let table = section(html, "connectors");
    let gantt = section(html, "gantt");
    let rows = tags(table, "<tr data-connector=");
    assert_eq!(rows.len(), connectors.len());
    let bars = tags(gantt, "<g data-connector=");
    assert_eq!(bars.len(), connectors.len(), "a Gantt row per connector");
    for c in connectors {
        let name = c["name"].as_str().unwrap();
        let row = rows
            .iter()
            .find(|t| attr(t, "data-connector").as_deref() == Some(name))
            .unwrap_or_else(|| panic!("{name} is not in the table"));
        assert_eq!(attr(row, "data-train").as_deref(), c["train_date"].as_str());
        let gantt_row = bars
            .iter()
            .find(|t| attr(t, "data-connector").as_deref() == Some(name))
            .unwrap();
        assert_eq!(
            attr(gantt_row, "data-train").as_deref(),
            c["train_date"].as_str()
        );
        // This connector's cells in the table and segments in the Gantt.
        let at = table.find(*row).unwrap();
        let cells = tags(
            &table[at..table[at..].find("</tr>").unwrap() + at],
            "<td class=\"nowrap\" data-label=\"",
        );
        let cell_dates: Vec<String> = cells.iter().filter_map(|t| attr(t, "data-date")).collect();
        let at = gantt.find(*gantt_row).unwrap();
        let group = &gantt[at..at + gantt[at..].find("</g>").unwrap()];
        let segments: Vec<String> = tags(group, "<rect")
            .iter()
            .filter(|t| t.contains("data-kind=\"region\""))
            .filter_map(|t| attr(t, "data-date"))
            .collect();
        let expected: Vec<String> = c["regions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["date"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(cell_dates, expected, "{name}: table");
        assert_eq!(segments, expected, "{name}: Gantt");
        // A pushed connector has a pushed bar that says why; the others have none.
        let pushed = !c["pushed"].as_array().unwrap().is_empty();
        let bar = tags(group, "<rect")
            .into_iter()
            .find(|t| t.contains("data-kind=\"pushed\""));
        assert_eq!(bar.is_some(), pushed, "{name}");
        if let Some(bar) = bar {
            let said = attr(bar, "aria-label").unwrap();
            assert!(said.starts_with(&format!("{name}: pushed from the train leaving")));
            for p in c["pushed"].as_array().unwrap() {
                let why = match p["kind"].as_str().unwrap() {
                    "capacity" => "full train".to_string(),
                    "dependency" => format!("after {}", p["on"].as_str().unwrap()),
                    _ => format!("not before {}", p["date"].as_str().unwrap()),
                };
                assert!(said.contains(&why), "{name}: {said}");
            }
        }
    }
    // Every train, its riders and the days its regions waited, with Christmas moving a
    // region of the train of 12-18 and New Year's Day the start of the last one.
    let trains = tags(section(html, "trains"), "<tr data-train=");
    assert_eq!(trains.len(), json["trains"].as_array().unwrap().len());
    for (tag, t) in trains.iter().zip(json["trains"].as_array().unwrap()) {
        assert_eq!(attr(tag, "data-train").as_deref(), t["date"].as_str());
        assert_eq!(attr(tag, "data-finish").as_deref(), t["finish"].as_str());
    }
    assert!(html.contains("Australia, UK and US: Fri 2026-12-25: holiday: Christmas Day"));
    let moved = tags(gantt, "<rect")
        .into_iter()
        .find(|t| t.contains("data-kind=\"moved\""))
        .expect("the New Year's train's start is moved");
    assert!(
        attr(moved, "aria-label")
            .unwrap()
            .contains("its train, scheduled for Fri 2027-01-01, starts Mon 2027-01-04: Fri 2027-01-01: holiday: New Year's Day")
    );
    assert!(html.contains("⚠ Seasonal freeze, trains of"));
}

#[test]
fn the_gantt_draws_the_first_200_connectors_and_the_table_lists_all() {
    let mut text = String::from("name,ready\n");
    for i in 0..250 {
        text.push_str(&format!("C{i:03},2026-12-{:02}T10:00\n", 1 + i % 20));
    }
    let batch = temp_file("big.csv", &text);
    let run = golive(&["plan", batch.to_str().unwrap(), "--format", "html"]);
    let html = run.ok();
    assert_eq!(
        tags(section(html, "gantt"), "<g data-connector=").len(),
        200
    );
    assert_eq!(
        tags(section(html, "connectors"), "<tr data-connector=").len(),
        250
    );
    assert!(html.contains("The chart draws the first 200 of the 250 connectors, in train order"));
    // In train order: the first rows ride the first train.
    let first = tags(section(html, "gantt"), "<g data-connector=");
    assert_eq!(attr(first[0], "data-train").as_deref(), Some("2026-12-04"));
}

#[test]
fn a_batch_too_big_for_a_page_is_refused_before_anything_is_written() {
    let mut text = String::from("name,ready\n");
    for i in 0..10_001 {
        text.push_str(&format!("C{i},2026-12-01\n"));
    }
    let batch = temp_file("huge.csv", &text);
    let dir = temp_dir();
    let out = dir.path().join("plan.html");
    let run = golive(&[
        "plan",
        batch.to_str().unwrap(),
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
    ]);
    run.fails(
        2,
        &[
            "--format",
            "at most 10000 connectors",
            "10001",
            "--format csv or json",
        ],
    );
    assert!(run.stdout.is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn names_are_escaped_and_out_replaces_the_file_atomically() {
    let batch = temp_file(
        "b.csv",
        "name,ready\n\"<script>alert('x')</script> & \"\"Co\"\"\",2026-11-23\n",
    );
    let dir = temp_dir();
    let out = dir.path().join("plan.html");
    std::fs::write(&out, "yesterday").unwrap();
    let b = batch.to_str().unwrap();
    let o = out.to_str().unwrap();
    golive(&["plan", b, "--format", "html", "--out", o]).ok();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"));
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the page's own script"
    );
    // A bad batch leaves the page as it was, and nothing beside it.
    let bad = temp_file("bad.csv", "name,ready\nA,2026-13-01\n");
    golive(&[
        "plan",
        bad.to_str().unwrap(),
        "--format",
        "html",
        "--out",
        o,
    ])
    .fails(2, &["bad.csv:2:3", "2026-13-01"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), html);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // The same for `when`: a readiness that cannot be read.
    let when = dir.path().join("when.html");
    golive(&[
        "when",
        "--ready",
        "next tuesday",
        "--format",
        "html",
        "--out",
        when.to_str().unwrap(),
    ])
    .fails(2, &["--ready", "next tuesday"]);
    assert!(!when.exists());
    golive(&[
        "when",
        "--ready",
        "2026-11-22",
        "--where",
        "Atlantis",
        "--format",
        "html",
    ])
    .fails(2, &["--where", "Atlantis"]);
}

#[test]
fn pages_share_the_sites_style_sheet() {
    let dir = temp_dir();
    let site = dir.path().join("site");
    golive(&[
        "site",
        site.to_str().unwrap(),
        "--from",
        "2026-12-01",
        "--until",
        "2026-12-31",
    ])
    .ok();
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    let when = golive(&["when", "--ready", "2026-11-22", "--format", "html"]);
    let plan = golive(&["plan", TOML, "--format", "html"]);
    assert!(style(&index).contains("--holiday: #f7d9a8"));
    assert_eq!(style(&index), style(when.ok()));
    assert_eq!(style(&index), style(plan.ok()));
}

#[test]
fn commands_without_a_page_refuse_html_naming_their_formats() {
    for args in [
        &["trains", "--format", "html"][..],
        &["holidays", "--year", "2026", "--format", "html"],
        &["estimate", "--stage", "pr-open", "--format", "html"],
    ] {
        let run = golive(args);
        run.fails(
            2,
            &[
                "invalid value 'html' for --format",
                &format!("golive {} writes table, json, csv or ics", args[0]),
                "golive when and golive plan",
            ],
        );
        assert!(run.stdout.is_empty());
    }
    golive(&["regions", "--format", "html"])
        .fails(2, &["html", "possible values: table, json, csv"]);
    golive(&["plan", TOML, "--what-if", EARLY_FREEZE, "--format", "html"])
        .fails(2, &["--what-if", "no page", "--format table, json or csv"]);
    golive(&[
        "when",
        "--ready",
        "2026-11-22",
        "--format",
        "html",
        "--previous",
        "x.ics",
    ])
    .fails(2, &["--previous", "only applies to --format ics"]);
}
