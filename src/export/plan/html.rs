//! `golive plan BATCH --format html`: the plan as a page in the site's look: the trains with
//! their riders, a Gantt of the connectors by region with every push explained, and the
//! connector table the Gantt is drawn from.
//!
//! Everything shown comes from the plan (trains, placements and pushes), the scheduler's
//! explanation of each train's days (from its scheduled start, so that a start moved by a
//! holiday or a freeze is explained too) and the calendar's reasons for the days nobody
//! deploys. The Gantt draws the first [`GANTT_ROWS`] connectors in train order; the tables
//! list them all, and a batch of more than [`MAX_PAGE_CONNECTORS`] connectors has no page.

use std::io::{self, Write};

use chrono::{DateTime, NaiveDate};

use super::{NAMES_IN_TABLE, View};
use crate::batch::ConnectorId;
use crate::calendar::Calendar;
use crate::export::html::{self, Days, MAX_PAGE_CONNECTORS, escape};
use crate::export::site::reasons_text;
use crate::export::words::{plural, recurred_dates, season_basis, season_text};
use crate::export::{day, stamp, unsupported};
use crate::schedule::{Explanation, Scheduler, SeasonalWarning};

/// How many connectors the Gantt draws (the first, in train order); the tables list all.
pub(super) const GANTT_ROWS: usize = 200;

/// Gantt geometry: the names' column, a day's column, a connector's row, the header.
const LABEL: i64 = 280;
const CELL: i64 = 18;
const ROW: i64 = 24;
const TOP: i64 = 34;

/// Region colours, in the order of the configuration's regions (repeating past eight).
const COLOURS: [&str; 8] = [
    "#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#2a9d8f", "#c9a227", "#9d755d",
];

/// What a train's riders share: the days each region waited (the first region's from the
/// scheduled start day), and its region segments laid out in lanes that do not overlap.
struct TrainDays {
    explanation: Explanation,
    /// The scheduled start's day in the schedule zone.
    nominal: NaiveDate,
    /// Per region: (first day of its segment, its deploy day, its lane).
    segments: Vec<(NaiveDate, NaiveDate, usize)>,
    lanes: usize,
}

/// Writes the page.
pub(super) fn page(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let (config, batch, plan) = (view.config, view.batch, view.plan);
    let n = batch.len();
    if n > MAX_PAGE_CONNECTORS {
        return Err(unsupported(
            &format!("a plan of more than {MAX_PAGE_CONNECTORS} connectors"),
            crate::export::Format::Html,
        ));
    }
    let zone = view.zone();
    let schedule_zone = config.timezone();
    let scheduler = Scheduler::new(config);
    let trains: Vec<TrainDays> = plan
        .trains()
        .iter()
        .map(|t| {
            let nominal = t
                .train
                .nominal_start
                .with_timezone(&schedule_zone)
                .date_naive()
                .min(t.train.start);
            let explanation = scheduler.explain_days(nominal, &t.train, &t.dates);
            let first = config.first_region();
            let spans: Vec<(NaiveDate, NaiveDate)> = config
                .regions()
                .iter()
                .zip(&t.dates)
                .map(|(r, &date)| match r.id() == first {
                    true => (date, date),
                    false => (
                        explanation
                            .region(r.id())
                            .first()
                            .map_or(date, |s| s.date.min(date)),
                        date,
                    ),
                })
                .collect();
            let (segments, lanes) = lay_out(&spans);
            TrainDays {
                explanation,
                nominal,
                segments,
                lanes,
            }
        })
        .collect();
    let pushed_count = plan
        .placements()
        .iter()
        .filter(|p| !p.pushed.is_empty())
        .count();
    html::start(
        out,
        &format!("Plan for {} · golive", batch.file()),
        &format!("Plan for {}", plural(n as u32, "connector", "connectors")),
        &format!(
            "From {}: {} ({}); times in {}. {} of them ride a later train than their readiness alone would catch.",
            batch.file(),
            plural(plan.trains().len() as u32, "train", "trains"),
            view.capacity_text(),
            zone.name(),
            pushed_count
        ),
        true,
    )?;
    trains_table(view, &trains, out)?;
    gantt(view, &trains, out)?;
    connectors_table(view, out)?;
    html::finish(
        out,
        &format!(
            "golive plan: trains filled in time order by priority, readiness and name; days of the schedule zone {}.",
            schedule_zone.name()
        ),
    )
}

/// Lays out region segments `(from, to)` in lanes, each in the first lane free on its days.
fn lay_out(spans: &[(NaiveDate, NaiveDate)]) -> (Vec<(NaiveDate, NaiveDate, usize)>, usize) {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans[i]);
    let mut lane_end: Vec<NaiveDate> = Vec::new();
    let mut lane = vec![0; spans.len()];
    for i in order {
        let (from, to) = spans[i];
        match lane_end.iter().position(|&end| end < from) {
            Some(l) => {
                lane_end[l] = to;
                lane[i] = l;
            }
            None => {
                lane[i] = lane_end.len();
                lane_end.push(to);
            }
        }
    }
    let segments = spans
        .iter()
        .zip(lane)
        .map(|(&(from, to), l)| (from, to, l))
        .collect();
    (segments, lane_end.len().max(1))
}

/// The trains: start, cutoff, last region's day, riders, and why regions waited; then the
/// seasonal-freeze warnings, one for each set of trains a recurring freeze would move alike.
fn trains_table(view: &View<'_>, trains: &[TrainDays], out: &mut dyn Write) -> io::Result<()> {
    let (config, plan) = (view.config, view.plan);
    let zone = view.zone();
    writeln!(
        out,
        "<section aria-labelledby=\"trains-title\">\n<h2 id=\"trains-title\">Trains</h2>\n<div class=\"timeline-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Trains (scrolls sideways)\"><table id=\"trains\">\n\
         <caption class=\"hint\" style=\"text-align:left\">Every train that carries a connector (times in {}), and the days its regions waited, from its scheduled start</caption>\n\
         <thead><tr><th scope=\"col\">Train starts</th><th scope=\"col\">Cutoff</th><th scope=\"col\">Last region</th><th scope=\"col\" class=\"num\">Riders</th><th scope=\"col\">Connectors</th><th scope=\"col\">Why regions waited</th></tr></thead>\n<tbody>",
        escape(zone.name())
    )?;
    for (t, days) in plan.trains().iter().zip(trains) {
        let n = t.riders.len();
        let riders = match plan.capacity() {
            Some(c) if n as u32 >= c => format!("{n}/{c} full"),
            Some(c) => format!("{n}/{c}"),
            None => n.to_string(),
        };
        write!(
            out,
            "<tr data-train=\"{}\" data-finish=\"{}\"><th scope=\"row\" class=\"nowrap\">{}</th><td data-label=\"Cutoff\">{}</td><td class=\"nowrap\" data-label=\"Last region\">{}</td>",
            t.train.start,
            t.finish(),
            day(view.shown(t.train.start_at).date_naive()),
            escape(&stamp(view.shown(t.train.cutoff))),
            day(view.shown_day(t.finish()))
        )?;
        let mut names: Vec<String> = t
            .riders
            .iter()
            .take(NAMES_IN_TABLE)
            .map(|&id| escape(view.name(id)).into_owned())
            .collect();
        if n > NAMES_IN_TABLE {
            names.push(format!("and {} more", n - NAMES_IN_TABLE));
        }
        let mut why = Vec::new();
        for r in config.regions() {
            for s in days.explanation.region(r.id()) {
                why.push(format!(
                    "<li>{}</li>",
                    escape(&format!(
                        "{}: {}: {}",
                        r.name(),
                        day(s.date),
                        reasons_text(&s.reasons)
                    ))
                ));
            }
        }
        let why = match why.is_empty() {
            true => "no day waited".to_string(),
            false => format!("<ul>{}</ul>", why.join("")),
        };
        writeln!(
            out,
            "<td class=\"num\" data-label=\"Riders\">{riders}</td><td data-label=\"Connectors\">{}</td><td class=\"why\" data-label=\"Why regions waited\">{why}</td></tr>",
            names.join(", ")
        )?;
    }
    writeln!(out, "</tbody>\n</table></div>")?;
    let mut groups: Vec<(&SeasonalWarning, Vec<String>)> = Vec::new();
    for t in plan.trains() {
        for w in &t.warnings {
            let same = |g: &&mut (&SeasonalWarning, Vec<String>)| {
                (&g.0.name, g.0.from, &g.0.dates) == (&w.name, w.from, &w.dates)
            };
            match groups.iter_mut().find(|g| same(g)) {
                Some(g) => g.1.push(day(t.train.start)),
                None => groups.push((w, vec![day(t.train.start)])),
            }
        }
    }
    for (w, starts) in &groups {
        writeln!(
            out,
            "<p class=\"notice\" role=\"note\">⚠ Seasonal freeze, {} {}: {}. If it recurs: {}. {}. Dates in this plan follow the configured freezes only; a plan with the freeze (--what-if) also shows what full trains do.</p>",
            if starts.len() == 1 {
                "train of"
            } else {
                "trains of"
            },
            escape(&starts.join(", ")),
            escape(&season_text(w)),
            escape(&recurred_dates(config, w)),
            escape(&season_basis(w))
        )?;
    }
    writeln!(out, "</section>")
}

/// The connectors in train order (each train's riders in boarding order), as the Gantt and
/// the connector table list them.
fn in_train_order<'v>(view: &'v View<'_>) -> impl Iterator<Item = ConnectorId> + 'v {
    view.plan
        .trains()
        .iter()
        .flat_map(|t| t.riders.iter().copied())
}

/// The Gantt: a row per connector (the first [`GANTT_ROWS`]), a column per day of the
/// schedule zone; the days it waited for its train, the days it was pushed (capacity,
/// dependencies, `not_before`), the days its train's start was moved (holidays, freezes,
/// weekends), and a segment per region: the days that region waited, then its deploy day.
fn gantt(view: &View<'_>, trains: &[TrainDays], out: &mut dyn Write) -> io::Result<()> {
    let (config, batch, plan) = (view.config, view.batch, view.plan);
    let schedule_zone = config.timezone();
    let rows: Vec<ConnectorId> = in_train_order(view).take(GANTT_ROWS).collect();
    let connectors = batch.connectors();
    let ready_day = |id: ConnectorId| {
        connectors[id.index()]
            .ready
            .with_timezone(&schedule_zone)
            .date_naive()
    };
    let first = rows.iter().map(|&id| ready_day(id)).min();
    let last = rows
        .iter()
        .filter_map(|&id| plan.train_of(id))
        .map(|t| t.finish())
        .max();
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(());
    };
    let days = Days::weeks(first, last);
    let width = LABEL + days.count * CELL + 10;
    let height = TOP + rows.len() as i64 * ROW + 10;
    let regions = config.regions();
    let legend: String = regions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            format!(
                "<span><i style=\"background:{}\"></i>{}</span>",
                COLOURS[i % COLOURS.len()],
                escape(r.name())
            )
        })
        .collect();
    let limit = match batch.len() > rows.len() {
        true => format!(
            " The chart draws the first {} of the {} connectors, in train order; the table below lists them all.",
            rows.len(),
            batch.len()
        ),
        false => String::new(),
    };
    writeln!(
        out,
        "<section aria-labelledby=\"gantt-title\">\n<h2 id=\"gantt-title\">Connectors by region</h2>\n<p><a class=\"skip\" href=\"#connectors-title\">Skip the chart: the same in the connector table</a></p>\n\
         <p class=\"legend\" aria-hidden=\"true\"><span><i style=\"background:#1b1f24\"></i>ready</span><span><i style=\"background:#8a949e\"></i>waiting for its train</span><span><i style=\"background:#a1121f\"></i>pushed to a later train</span><span><i style=\"background:var(--holiday)\"></i>train's start moved</span>{legend}<span><i style=\"background:#c6cdd5\"></i>(pale: days a region waited)</span></p>\n\
         <p class=\"legend\" aria-hidden=\"true\">Columns: {}</p>\n\
         <p class=\"chart-note\">A row per connector, a column per day of the schedule zone ({}); each region's segment runs from the days it waited to its deploy day. Hover or focus a segment to see why.{}</p>\n\
         <div class=\"timeline-wrap\"><svg id=\"gantt\" role=\"group\" aria-label=\"Gantt: a row per connector, a segment per region, pushed days marked\" data-info=\"gantt-info\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">",
        html::SHADE_LEGEND,
        escape(schedule_zone.name()),
        escape(&limit)
    )?;
    // Days no region deploys on, shaded down the whole chart.
    let calendar = Calendar::new(config);
    for d in days.iter() {
        let reasons: Vec<Vec<crate::calendar::Reason>> = regions
            .iter()
            .map(|r| calendar.reasons(r.id(), d))
            .collect();
        if reasons.iter().any(Vec::is_empty) {
            continue;
        }
        if let Some(fill) = html::shade(&reasons[0]) {
            write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{CELL}\" height=\"{}\" fill=\"{fill}\" data-date=\"{d}\"><title>{}</title></rect>",
                LABEL + days.column(d) * CELL,
                TOP - 4,
                height - TOP,
                escape(&format!(
                    "{}: no region deploys ({})",
                    day(d),
                    reasons_text(&reasons[0])
                ))
            )?;
        }
    }
    days.header(out, LABEL, CELL, 12)?;
    let x = |d: NaiveDate| LABEL + days.column(d) * CELL;
    for (row, &id) in rows.iter().enumerate() {
        let c = &connectors[id.index()];
        let i = id.index();
        let placement = &plan.placements()[i];
        let train = &plan.trains()[placement.train as usize];
        let td = &trains[placement.train as usize];
        let y = TOP + row as i64 * ROW;
        let name = c.name.as_str();
        let short: String = match name.chars().count() > 38 {
            true => name.chars().take(37).chain(['…']).collect(),
            false => name.to_string(),
        };
        writeln!(
            out,
            "<g data-connector=\"{}\" data-train=\"{}\"><text x=\"4\" y=\"{}\">{}<title>{}</title></text>",
            escape(name),
            train.train.start,
            y + ROW / 2 + 4,
            escape(&short),
            escape(name)
        )?;
        let start = train.train.start;
        let ready = ready_day(id);
        let pushed = !placement.pushed.is_empty();
        let delay_from = td.nominal.max(ready);
        // Waiting for the train its readiness catches.
        let wait_to = match pushed {
            true => placement.ready_train.min(delay_from),
            false => delay_from,
        };
        let ready_text = stamp(view.shown(c.ready));
        let ready_train_day = day(view.shown_day(placement.ready_train));
        if ready < wait_to {
            let text = format!(
                "{name}: ready {ready_text}; waits for the train leaving {ready_train_day}{}",
                match pushed {
                    true => String::new(),
                    false => format!(" (cutoff {})", stamp(view.shown(train.train.cutoff))),
                }
            );
            bar(
                out,
                x(ready),
                x(wait_to),
                y + ROW / 2 - 2,
                4,
                "#8a949e",
                "wait",
                ready,
                &text,
            )?;
        }
        if pushed {
            let from = placement.ready_train.max(ready);
            let to = delay_from.max(from);
            let text = format!(
                "{name}: pushed from the train leaving {ready_train_day} to the train leaving {}: {}",
                day(view.shown(train.train.start_at).date_naive()),
                view.pushed(i)
            );
            // A push of no whole day (two trains on adjacent days) still gets a mark.
            let right = x(to).max(x(from) + CELL / 2);
            bar(
                out,
                x(from),
                right,
                y + 6,
                ROW - 12,
                "#a1121f",
                "pushed",
                from,
                &text,
            )?;
        }
        let moved: Vec<String> = td
            .explanation
            .region(config.first_region())
            .iter()
            .filter(|s| s.date >= delay_from)
            .map(|s| format!("{}: {}", day(s.date), reasons_text(&s.reasons)))
            .collect();
        if delay_from < start && !moved.is_empty() {
            let text = format!(
                "{name}: its train, scheduled for {}, starts {}: {}",
                day(td.nominal),
                day(start),
                moved.join("; ")
            );
            bar(
                out,
                x(delay_from),
                x(start),
                y + 6,
                ROW - 12,
                "#d9a441",
                "moved",
                delay_from,
                &text,
            )?;
        }
        // The ready mark.
        let rx = x(ready) + 2;
        writeln!(
            out,
            "<path d=\"M{rx} {} l5 5 l-5 5 z\" fill=\"#1b1f24\" tabindex=\"0\" role=\"img\" data-kind=\"ready\" aria-label=\"{}\"><title>{}</title></path>",
            y + ROW / 2 - 5,
            escape(&format!("{name}: ready {ready_text}")),
            escape(&format!("{name}: ready {ready_text}"))
        )?;
        let lane_height = (ROW - 6) / td.lanes as i64;
        for (r, region) in regions.iter().enumerate() {
            let (from, date, lane) = td.segments[r];
            let colour = COLOURS[r % COLOURS.len()];
            let top = y + 3 + lane as i64 * lane_height;
            let waited = if region.id() == config.first_region() {
                &[][..]
            } else {
                td.explanation.region(region.id())
            };
            let at = view.shown(crate::time::deploy_instant(
                schedule_zone,
                date,
                config.deploy_time(),
            ));
            let why = match waited.is_empty() {
                true => "no day waited".to_string(),
                false => {
                    let days: Vec<String> = waited
                        .iter()
                        .map(|s| format!("{} ({})", day(s.date), reasons_text(&s.reasons)))
                        .collect();
                    format!(
                        "waited {}: {}",
                        plural(waited.len() as u32, "day", "days"),
                        days.join("; ")
                    )
                }
            };
            let text = format!(
                "{name} in {}: live {} at {} ({} in {}); {why}",
                region.name(),
                day(at.date_naive()),
                at.format("%H:%M %Z"),
                at.with_timezone(&region.timezone()).format("%a %H:%M %Z"),
                region.timezone().name()
            );
            if from < date {
                write!(
                    out,
                    "<rect x=\"{}\" y=\"{top}\" width=\"{}\" height=\"{lane_height}\" fill=\"{colour}\" fill-opacity=\"0.3\" pointer-events=\"none\"/>",
                    x(from),
                    x(date) - x(from)
                )?;
            }
            write!(
                out,
                "<rect x=\"{}\" y=\"{top}\" width=\"{CELL}\" height=\"{lane_height}\" fill=\"{colour}\" pointer-events=\"none\"/>",
                x(date)
            )?;
            writeln!(
                out,
                "<rect x=\"{}\" y=\"{top}\" width=\"{}\" height=\"{lane_height}\" fill=\"transparent\" stroke=\"{colour}\" tabindex=\"0\" role=\"img\" data-kind=\"region\" data-region=\"{}\" data-date=\"{date}\" data-waited=\"{}\" aria-label=\"{}\"><title>{}</title></rect>",
                x(from),
                x(date) + CELL - x(from),
                escape(region.key()),
                waited.len(),
                escape(&text),
                escape(&text)
            )?;
        }
        writeln!(out, "</g>")?;
    }
    writeln!(
        out,
        "</svg></div>\n<p id=\"gantt-info\" aria-live=\"polite\">Hover or focus a segment to see why.</p>\n</section>"
    )
}

/// A focusable bar from `x1` to `x2` saying `text`.
#[allow(clippy::too_many_arguments)]
fn bar(
    out: &mut dyn Write,
    x1: i64,
    x2: i64,
    y: i64,
    height: i64,
    fill: &str,
    kind: &str,
    from: NaiveDate,
    text: &str,
) -> io::Result<()> {
    writeln!(
        out,
        "<rect x=\"{x1}\" y=\"{y}\" width=\"{}\" height=\"{height}\" rx=\"2\" fill=\"{fill}\" tabindex=\"0\" role=\"img\" data-kind=\"{kind}\" data-from=\"{from}\" aria-label=\"{}\"><title>{}</title></rect>",
        (x2 - x1).max(2),
        escape(text),
        escape(text)
    )
}

/// Every connector, in train order: readiness, train, each region's day and why it rode a
/// later train; written row by row.
fn connectors_table(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let (config, batch, plan) = (view.config, view.batch, view.plan);
    let zone = view.zone();
    writeln!(
        out,
        "<section aria-labelledby=\"connectors-title\">\n<h2 id=\"connectors-title\">Connectors</h2>\n<div class=\"timeline-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Connectors (scrolls sideways)\"><table id=\"connectors\">\n\
         <caption class=\"hint\" style=\"text-align:left\">Every connector in train order (riders in boarding order): its train and the day each region deploys it, in {}</caption>\n\
         <thead><tr><th scope=\"col\">Connector</th><th scope=\"col\">Ready</th><th scope=\"col\">Train</th>",
        escape(zone.name())
    )?;
    for r in config.regions() {
        write!(out, "<th scope=\"col\">{}</th>", escape(r.key()))?;
    }
    writeln!(
        out,
        "<th scope=\"col\">Pushed to a later train</th></tr></thead>\n<tbody>"
    )?;
    // Date and time each kept whole, so that a narrow column breaks only between them.
    let shown_ready = |t: DateTime<chrono::FixedOffset>| -> String {
        view.shown(t)
            .format("<span class=\"nowrap\">%Y-%m-%d</span> <span class=\"nowrap\">%H:%M %Z</span>")
            .to_string()
    };
    for id in in_train_order(view) {
        let i = id.index();
        let c = &batch.connectors()[i];
        let t = &plan.trains()[plan.placements()[i].train as usize];
        write!(
            out,
            "<tr data-connector=\"{}\" data-train=\"{}\"><th scope=\"row\">{}</th><td data-label=\"Ready\">{}</td><td class=\"nowrap\" data-label=\"Train\">{}</td>",
            escape(&c.name),
            t.train.start,
            escape(&c.name),
            shown_ready(c.ready),
            view.shown(t.train.start_at).date_naive(),
        )?;
        for (r, &date) in config.regions().iter().zip(&t.dates) {
            write!(
                out,
                "<td class=\"nowrap\" data-label=\"{}\" data-region=\"{}\" data-date=\"{date}\">{}</td>",
                escape(r.key()),
                escape(r.key()),
                view.shown_day(date).format("%a %m-%d")
            )?;
        }
        writeln!(
            out,
            "<td data-label=\"Pushed\">{}</td></tr>",
            escape(&view.pushed(i))
        )?;
    }
    writeln!(out, "</tbody>\n</table></div>\n</section>")
}
