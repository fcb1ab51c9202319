//! The answer to `golive estimate`: the whole journey's earliest, typical and latest dates,
//! as a table, JSON, CSV or iCalendar.

use std::io::{self, Write};

use chrono::{DateTime, FixedOffset, NaiveDate};
use comfy_table::Cell;
use serde::Serialize;

use super::words::{recurred_for, season_basis, season_text};
use super::{
    Format, Output, WarningJson, day, new_table, stamp, warnings_json, wrap, write_csv, write_json,
};
use crate::config::{Config, Region, RegionId, Spread, StageUnit};
use crate::estimate::{Estimate, StageEstimate, Warning, week_days};
use crate::ics::{Feed, live_uid};
use crate::schedule::Rollout;

/// The answer to `golive estimate`: an estimate, and how the user asked.
///
/// # Example
/// ```
/// use golive::export::{EstimateReport, Format, Output};
/// use golive::{Journey, PublisherKind};
/// let config = golive::Config::embedded()?;
/// let since = config.parse_ready("2026-11-02T10:00")?;
/// let estimate = golive::estimate(&config, &Journey::new(PublisherKind::Verified, "ready", since))?;
/// let mut out = Vec::new();
/// golive::export::estimate(&EstimateReport::new(&estimate), &Output::new(Format::Json), &mut out)?;
/// let json: serde_json::Value = serde_json::from_slice(&out)?;
/// assert_eq!(json["stage"], "ready");
/// assert_eq!(json["regions"][0]["earliest"], "2026-11-06");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct EstimateReport<'a> {
    estimate: &'a Estimate<'a>,
    focus: Option<(RegionId, String)>,
    name: String,
}

impl<'a> EstimateReport<'a> {
    /// The answer for `estimate`, for a connector called "Connector".
    pub fn new(estimate: &'a Estimate<'a>) -> EstimateReport<'a> {
        EstimateReport {
            estimate,
            focus: None,
            name: "Connector".into(),
        }
    }

    /// The same answer, for region `region` first, which the user asked about as `query`.
    pub fn focus(mut self, region: RegionId, query: &str) -> EstimateReport<'a> {
        self.focus = Some((region, query.trim().to_string()));
        self
    }

    /// The same answer, for a connector named `name` (iCalendar event titles).
    pub fn name(mut self, name: &str) -> EstimateReport<'a> {
        self.name = name.to_string();
        self
    }

    fn config(&self) -> &'a Config {
        self.estimate.config()
    }

    fn focused(&self, r: &Region) -> bool {
        self.focus.as_ref().is_some_and(|(f, _)| *f == r.id())
    }

    /// The stage the connector is in.
    fn stage(&self) -> &'a StageEstimate<'a> {
        &self.estimate.stages()[0]
    }
}

/// Renders the answer of `golive estimate` in `output`'s format.
pub fn estimate(
    report: &EstimateReport<'_>,
    output: &Output,
    out: &mut dyn Write,
) -> io::Result<()> {
    match output.format {
        Format::Html => Err(super::unsupported("an estimate", Format::Html)),
        Format::Json => write_json(out, &json(report)),
        Format::Csv => csv(report, out),
        Format::Table => out.write_all(table(report, output).as_bytes()),
        Format::Ics => ics(report, output, out),
    }
}

/// A stage's dates are days of the schedule zone.
fn days(config: &Config, t: Spread<DateTime<FixedOffset>>) -> Spread<NaiveDate> {
    t.map(|t| t.with_timezone(&config.timezone()).date_naive())
}

#[derive(Serialize)]
struct EstimateJson<'a> {
    since: String,
    stage: &'a str,
    publisher: &'static str,
    update: Option<&'static str>,
    rounds: Three<u32>,
    stages: Vec<StageJson<'a>>,
    regions: Vec<RegionJson<'a>>,
    finish: Three<NaiveDate>,
    trains: Three<TrainJson>,
    r#where: Option<WhereJson<'a>>,
    warnings: Vec<AnyWarningJson<'a>>,
    sources: Vec<&'a str>,
}

/// A warning of an estimate: a seasonal freeze (as `golive when` writes it, with its case), or
/// the preflight's errors.
#[derive(Serialize)]
#[serde(untagged)]
enum AnyWarningJson<'a> {
    Seasonal(EstimateWarningJson<'a>),
    Preflight(PreflightJson<'a>),
}

/// `{"kind": "preflight", "connector", "errors", "warnings", "rules", "message"}`.
#[derive(Serialize)]
struct PreflightJson<'a> {
    kind: &'static str,
    connector: &'a str,
    errors: usize,
    warnings: usize,
    rules: &'a [String],
    message: String,
}

/// A warning as `golive when` writes it, with the case it is about: `{"kind":
/// "seasonal-freeze", "case": "typical", "name", "from", "until", "source", "regions": [{"key",
/// "date"}], ...}`.
#[derive(Serialize)]
struct EstimateWarningJson<'a> {
    case: &'static str,
    #[serde(flatten)]
    warning: WarningJson<'a>,
}

fn estimate_warnings_json<'a>(config: &'a Config, e: &'a Estimate<'_>) -> Vec<AnyWarningJson<'a>> {
    e.warnings()
        .iter()
        .flat_map(|w| match w {
            Warning::Seasonal { case, warning } => {
                warnings_json(config, std::slice::from_ref(warning))
                    .into_iter()
                    .map(|warning| AnyWarningJson::Seasonal(EstimateWarningJson { case, warning }))
                    .collect::<Vec<_>>()
            }
            Warning::Preflight(p) => vec![AnyWarningJson::Preflight(PreflightJson {
                kind: "preflight",
                connector: &p.connector,
                errors: p.errors,
                warnings: p.warnings,
                rules: &p.rules,
                message: preflight_text(p),
            })],
        })
        .collect()
}

/// "golive check found 2 errors in Contoso (FieldLengthExceeded, RequiredPropertyMissing):
/// Microsoft's review will ask for changes, and each review round adds 1 to 2 weeks; at least
/// one round is counted".
fn preflight_text(p: &crate::Preflight) -> String {
    format!(
        "golive check found {} in {} ({}): Microsoft's review will ask for changes, and each review round adds 1 to 2 weeks; at least one round is counted",
        match p.errors {
            1 => "1 error".to_string(),
            n => format!("{n} errors"),
        },
        crate::error::short(&p.connector),
        p.rules.join(", ")
    )
}

/// `{"earliest", "typical", "latest"}`.
#[derive(Serialize)]
struct Three<T> {
    earliest: T,
    typical: T,
    latest: T,
}

impl<T> From<Spread<T>> for Three<T> {
    fn from(s: Spread<T>) -> Three<T> {
        Three {
            earliest: s.earliest,
            typical: s.typical,
            latest: s.latest,
        }
    }
}

/// A stage's figure: a whole number as an integer (`15`), a fraction as a decimal (`1.5`).
struct Figure(f64);

impl Serialize for Figure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.fract() == 0.0 && self.0.abs() < 1e15 {
            true => s.serialize_i64(self.0 as i64),
            false => s.serialize_f64(self.0),
        }
    }
}

#[derive(Serialize)]
struct StageJson<'a> {
    name: &'a str,
    earliest: NaiveDate,
    typical: NaiveDate,
    latest: NaiveDate,
    source: &'a str,
    who: &'static str,
    description: Option<&'a str>,
    unit: &'static str,
    durations: Three<Figure>,
    rounds: Three<u32>,
    round_source: Option<&'a str>,
    start: Three<NaiveDate>,
}

#[derive(Serialize)]
struct RegionJson<'a> {
    key: &'a str,
    name: &'a str,
    earliest: NaiveDate,
    typical: NaiveDate,
    latest: NaiveDate,
}

#[derive(Serialize)]
struct TrainJson {
    ready: String,
    cutoff: String,
    nominal_start: String,
    start: String,
    finish: NaiveDate,
}

#[derive(Serialize)]
struct WhereJson<'a> {
    query: &'a str,
    key: &'a str,
}

fn json<'a>(report: &'a EstimateReport<'_>) -> EstimateJson<'a> {
    let e = report.estimate;
    let config = report.config();
    let stages = e
        .stages()
        .iter()
        .map(|s| {
            let end = days(config, s.end());
            StageJson {
                name: s.stage().name(),
                earliest: end.earliest,
                typical: end.typical,
                latest: end.latest,
                source: s.stage().source(),
                who: s.stage().who().name(),
                description: s.stage().description(),
                unit: s.stage().unit().name(),
                durations: s.durations().map(Figure).into(),
                rounds: s.rounds().into(),
                round_source: s
                    .stage()
                    .round()
                    .filter(|_| s.rounds().latest > 0)
                    .map(|r| r.source.as_str()),
                start: days(config, s.start()).into(),
            }
        })
        .collect();
    EstimateJson {
        since: e.since().to_rfc3339(),
        stage: report.stage().stage().name(),
        publisher: e.publisher().name(),
        update: e.update().map(|u| u.name()),
        rounds: e.rounds().into(),
        stages,
        regions: e
            .regions()
            .map(|(r, d)| RegionJson {
                key: r.key(),
                name: r.name(),
                earliest: d.earliest,
                typical: d.typical,
                latest: d.latest,
            })
            .collect(),
        finish: e.finish().into(),
        trains: e
            .rollouts()
            .as_ref()
            .map(|r| TrainJson {
                ready: r.ready().to_rfc3339(),
                cutoff: r.train().cutoff.to_rfc3339(),
                nominal_start: r.train().nominal_start.to_rfc3339(),
                start: r.train().start_at.to_rfc3339(),
                finish: r.finish(),
            })
            .into(),
        r#where: report.focus.as_ref().map(|(id, q)| WhereJson {
            query: q,
            key: config.key(*id),
        }),
        warnings: estimate_warnings_json(config, e),
        sources: e.sources(),
    }
}

fn csv(report: &EstimateReport<'_>, out: &mut dyn Write) -> io::Result<()> {
    let rows = ordered(report).map(|(r, d)| {
        vec![
            r.key().to_string(),
            r.name().to_string(),
            d.earliest.to_string(),
            d.typical.to_string(),
            d.latest.to_string(),
            notes(report.estimate, r.id(), None).join("; "),
        ]
    });
    let rows: Vec<_> = rows.collect();
    write_csv(
        out,
        &["key", "name", "earliest", "typical", "latest", "note"],
        rows,
    )
}

/// For one region, what each seasonal-freeze warning (of the case `only`, or of every case)
/// would make its day: "typical: 2027-01-12 if Year-end freeze (2026-11-20 to 2027-01-06, not
/// configured) recurs".
fn notes(e: &Estimate<'_>, region: RegionId, only: Option<&str>) -> Vec<String> {
    e.warnings()
        .iter()
        .filter_map(|w| match w {
            Warning::Seasonal { case, warning } if only.is_none_or(|o| o == *case) => {
                Some(format!("{case}: {}", recurred_for(warning, region)))
            }
            Warning::Seasonal { .. } | Warning::Preflight(_) => None,
        })
        .collect()
}

/// The seasonal-freeze warnings, for a table: one line per season and outcome (the cases it
/// gives the same dates are named together), with what it would make of the region asked
/// about (or of the last region), and where the season comes from.
fn warning_lines(report: &EstimateReport<'_>) -> String {
    let config = report.config();
    let mut groups: Vec<(Vec<&str>, &crate::SeasonalWarning)> = Vec::new();
    let mut out = String::new();
    for w in report.estimate.warnings() {
        let (case, warning) = match w {
            Warning::Seasonal { case, warning } => (case, warning),
            Warning::Preflight(p) => {
                out.push_str(&format!("⚠ {}.\n", preflight_text(p)));
                continue;
            }
        };
        match groups.iter_mut().find(|(_, g)| {
            (&g.name, g.from, &g.dates) == (&warning.name, warning.from, &warning.dates)
        }) {
            Some((cases, _)) => cases.push(case),
            None => groups.push((vec![case], warning)),
        }
    }
    for (cases, warning) in groups {
        let focus = report
            .focus
            .as_ref()
            .and_then(|(id, _)| Some((config.region(*id)?, warning.dates.get(id.index())?)));
        let recurs = match (focus, warning.finish()) {
            (_, None) => "no rollout would finish within the horizon".to_string(),
            (Some((r, d)), Some(f)) => {
                format!("{} {}, live everywhere {}", r.name(), day(*d), day(f))
            }
            (None, Some(f)) => format!("live everywhere {}", day(f)),
        };
        out.push_str(&format!(
            "⚠ Seasonal freeze ({}): {}. If it recurs: {recurs}.\n  {}. The dates below follow the configured freezes only.\n",
            cases.join(" and "),
            season_text(warning),
            season_basis(warning)
        ));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// The regions with their days, the one asked about with `--where` first.
fn ordered<'a>(
    report: &'a EstimateReport<'_>,
) -> impl Iterator<Item = (&'a Region, Spread<NaiveDate>)> + 'a {
    let focused = report.estimate.regions().filter(|(r, _)| report.focused(r));
    let rest = report
        .estimate
        .regions()
        .filter(|(r, _)| !report.focused(r));
    focused.chain(rest)
}

/// "earliest Fri 2027-01-08, typical Wed 2027-02-03, latest Mon 2027-03-29"
fn range(d: Spread<NaiveDate>) -> String {
    format!(
        "earliest {}, typical {}, latest {}",
        day(d.earliest),
        day(d.typical),
        day(d.latest)
    )
}

/// The answer in one line: the region asked about, or the last region.
fn headline(report: &EstimateReport<'_>) -> String {
    let e = report.estimate;
    let focus = report.focus.as_ref().and_then(|(id, query)| {
        let r = report.config().region(*id)?;
        let d = e.region(*id)?;
        let place =
            match r.key().eq_ignore_ascii_case(query) || r.name().eq_ignore_ascii_case(query) {
                true => r.name().to_string(),
                false => format!("{query} (region {})", r.name()),
            };
        Some(format!("{place}: {}", range(d)))
    });
    focus.unwrap_or_else(|| format!("Live everywhere: {}", range(e.finish())))
}

/// "an independent publisher's new connector in stage approved since Mon 2026-11-02 10:00 PST"
fn question(report: &EstimateReport<'_>) -> String {
    let e = report.estimate;
    let zone = report.config().timezone();
    let what = match e.update() {
        None => "new connector".to_string(),
        Some(u) => format!("{} update", u.name()),
    };
    let article = match e.publisher().name().starts_with(['a', 'e', 'i', 'o', 'u']) {
        true => "An",
        false => "A",
    };
    let rounds = e.rounds();
    let reviews = e.stages().iter().any(|s| s.stage().round().is_some());
    let rounds = match (reviews, rounds.earliest == rounds.latest) {
        (false, _) => String::new(),
        (true, true) => format!(
            " ({} in each review)",
            plural(rounds.earliest, "revision round")
        ),
        (true, false) => format!(
            " (revision rounds per review: earliest {}, typical {}, latest {})",
            rounds.earliest, rounds.typical, rounds.latest
        ),
    };
    format!(
        "{article} {} publisher's {what} in stage {} since {}{rounds}",
        e.publisher().name(),
        report.stage().stage().name(),
        stamp(e.since().with_timezone(&zone)),
    )
}

fn plural(n: u32, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

fn table(report: &EstimateReport<'_>, output: &Output) -> String {
    let e = report.estimate;
    let config = report.config();
    let mut out = wrap(
        &format!(
            "{}\n\n{}\n\n{}",
            headline(report),
            question(report),
            warning_lines(report)
        ),
        output,
    );
    let mut t = new_table(
        &["Stage", "Who", "Earliest end", "Typical end", "Latest end"],
        output,
    );
    for s in e.stages() {
        let end = days(config, s.end());
        t.add_row(vec![
            Cell::new(s.stage().name()),
            Cell::new(s.stage().who().name()),
            Cell::new(day(end.earliest)),
            Cell::new(day(end.typical)),
            Cell::new(day(end.latest)),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    let mut t = new_table(&["Region", "Earliest", "Typical", "Latest"], output);
    for (r, d) in ordered(report) {
        let name = match report.focused(r) {
            true => format!("▶ {}", r.name()),
            false => r.name().to_string(),
        };
        t.add_row(vec![
            Cell::new(name),
            Cell::new(day(d.earliest)),
            Cell::new(day(d.typical)),
            Cell::new(day(d.latest)),
        ]);
    }
    out.push_str(&t.to_string());
    out.push_str("\n\n");
    let mut tail = String::new();
    for (which, r) in e.rollouts().as_ref().named() {
        tail.push_str(&format!("{which:<9} {}\n", train_text(r)));
    }
    tail.push_str(
        "\nThese are Microsoft's published figures on golive's calendar; incidents and backlogs after freezes have taken longer (README, \"How good the estimate is\").\n",
    );
    match output.explain {
        true => tail.push_str(&explanation(report)),
        false => tail.push_str("Run with --explain to see every figure used and its source.\n"),
    }
    out.push_str(&wrap(&tail, output));
    out
}

/// "train: cutoff Thu 2026-11-05 09:00 PST, starts Fri 2026-11-06, last region Fri 2026-11-13"
fn train_text(r: &Rollout<'_>) -> String {
    let train = r.train();
    format!(
        "train: cutoff {}, starts {}, last region {}",
        stamp(train.cutoff),
        day(train.start),
        day(r.finish())
    )
}

/// "1.5 weeks (11 days)", "15 business days".
fn amount(unit: StageUnit, value: f64) -> String {
    match unit {
        StageUnit::Weeks if value != 0.0 && week_days(value) != (value * 7.0) as i64 => {
            format!("{} ({} days)", unit.amount(value), week_days(value))
        }
        _ => unit.amount(value),
    }
}

/// Every figure used and its source, and how the deployment picked its trains.
fn explanation(report: &EstimateReport<'_>) -> String {
    let e = report.estimate;
    let config = report.config();
    let last = e.stages().len() - 1;
    let mut out = String::from("\nFigures used, stage by stage:\n");
    for (i, s) in e.stages().iter().enumerate() {
        let stage = s.stage();
        let unit = stage.unit();
        let base = stage.durations();
        let round = stage.round();
        out.push_str(&format!("\n{} ({})", stage.name(), stage.who().name()));
        if let Some(d) = stage.description() {
            out.push_str(&format!(": {d}"));
        }
        out.push('\n');
        let each = round.map_or(Spread::all(0.0), |r| r.durations);
        let rows = base
            .zip(each)
            .zip(s.rounds().zip(s.durations()))
            .zip(days(config, s.due()));
        for (which, (((value, each), (rounds, total)), reached)) in rows.named() {
            let figure = match rounds {
                0 => amount(unit, total),
                n => format!(
                    "{} + {} of {} = {}",
                    unit.amount(value),
                    plural(n, "round"),
                    unit.amount(each),
                    amount(unit, total)
                ),
            };
            let result = match (i == last, total == 0.0) {
                (true, true) => "the first train the readiness catches".to_string(),
                (true, false) => format!(
                    "the first train whose last region deploys on or after {}",
                    day(reached)
                ),
                (false, true) => "no time".to_string(),
                (false, false) => format!("ends {}", day(reached)),
            };
            out.push_str(&format!("  {which:<9} {figure}: {result}\n"));
        }
        out.push_str(&format!("  source: {}\n", stage.source()));
        if let Some(r) = round.filter(|_| s.rounds().latest > 0) {
            out.push_str(&format!("  rounds: {}\n", r.source));
        }
    }
    let first = config
        .region(config.first_region())
        .map_or("", Region::name);
    out.push_str(&format!(
        "\nBusiness days are deploy days of {first} (no weekend, holiday or freeze there); a week is 7 calendar days, a fraction rounded to whole days; a stage that takes time ends at the start of the day it reaches.\n\nTrains (the rules of `golive when`; README, \"How the schedule is computed\"):\n"
    ));
    let starts = e.stages()[last].start();
    for ((which, r), (_, start)) in e
        .rollouts()
        .as_ref()
        .named()
        .into_iter()
        .zip(starts.named())
    {
        let ready = r.ready().with_timezone(&config.timezone());
        let ready = match r.ready() == start {
            true => format!("ready {}", stamp(ready)),
            false => format!(
                "ready {} (just past the cutoff of the train before, which finishes too early)",
                ready.format("%a %Y-%m-%d %H:%M:%S %Z")
            ),
        };
        out.push_str(&format!("  {which:<9} {ready}; {}\n", train_text(r)));
    }
    out
}

/// An all-day event per region (or the region asked about with `--where`) on its typical day,
/// with the range in its description. The UIDs are those of `golive when`'s events, so a
/// later `when` export given this one as `--previous` moves the events to their exact days.
fn ics(report: &EstimateReport<'_>, output: &Output, out: &mut dyn Write) -> io::Result<()> {
    let e = report.estimate;
    let connector = report.name.as_str();
    let mut feed = Feed::start(
        &output.ics,
        out,
        &format!("{connector} go-live estimate"),
        &format!(
            "When {connector} goes live in each region, estimated from stage {} since {} (golive estimate)",
            report.stage().stage().name(),
            e.since().to_rfc3339()
        ),
    )?;
    let question = question(report);
    for (r, d) in ordered(report) {
        if report.focus.is_some() && !report.focused(r) {
            continue;
        }
        let preflight: String = e
            .warnings()
            .iter()
            .filter_map(|w| match w {
                Warning::Preflight(p) => Some(format!("\n{}.", preflight_text(p))),
                Warning::Seasonal { .. } => None,
            })
            .collect();
        let seasonal: String = notes(e, r.id(), Some("typical"))
            .iter()
            .map(|n| format!("\nSeasonal freeze, {n}."))
            .collect::<String>()
            + &preflight;
        let description = format!(
            "Estimate for {connector} in {}: {}.\n{question}.\nThe typical day is shown; Microsoft's figures and sources: golive estimate --explain.{seasonal}",
            r.name(),
            range(d),
        );
        feed.days(
            &live_uid(connector, r.key()),
            d.typical,
            d.typical,
            &format!("{connector} live in {} (estimate)", r.name()),
            &description,
        )?;
    }
    feed.finish()
}
