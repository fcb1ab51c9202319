//! `golive when --format html`: the answer as a page in the site's look: every region's
//! go-live day and time, the days it waited and why, the seasonal-freeze warnings, and a
//! timeline with a lane per region.
//!
//! Every date, time and reason comes from the rollout and its explanation; the timeline's
//! shading of the other days is the calendar's reasons for them.

use std::io::{self, Write};

use chrono::DateTime;
use chrono_tz::Tz;

use super::{WhenReport, focus_line};
use crate::calendar::Calendar;
use crate::export::html::{self, Days, escape};
use crate::export::site::reasons_text;
use crate::export::words::{recurred_dates, season_basis, season_text};
use crate::export::{Output, day, stamp};

/// Timeline geometry, as the site's: a day's cell, the region names' column, the header and
/// a lane.
const CELL: i64 = 26;
const LABEL: i64 = 220;
const TOP: i64 = 34;
const LANE: i64 = 30;

/// Writes the page.
pub(super) fn page(
    report: &WhenReport<'_>,
    output: &Output,
    out: &mut dyn Write,
) -> io::Result<()> {
    let config = report.config();
    let zone = output.reader_zone(config);
    let shown = |t: DateTime<Tz>| stamp(t.with_timezone(&zone));
    let rollout = report.rollout;
    let train = rollout.train();
    let ready = rollout.ready().with_timezone(&report.ready_zone);
    let heading = match report.name.as_str() {
        "Connector" => "When will my connector be live?".to_string(),
        name => format!("When will {name} be live?"),
    };
    html::start(
        out,
        &format!("{heading} · golive"),
        &heading,
        &format!(
            "Ready {} ({}). Microsoft deploys certified Power Platform connectors on a staged rollout: one region a day, on deploy days only.",
            ready.format("%a %Y-%m-%d %H:%M:%S %Z"),
            rollout.ready().to_rfc3339()
        ),
        false,
    )?;
    let last = report
        .regions()
        .map(|(_, _, at, _)| at)
        .max()
        .unwrap_or(train.start_at);
    let summary = match focus_line(report, zone) {
        Some(line) => line.trim_end().to_string(),
        None => format!("Live in every region by {}.", shown(last)),
    };
    writeln!(
        out,
        "<section id=\"answer\">\n<h2 id=\"summary\">{}</h2>\n<p id=\"cutoff\">Train: be ready by {} to ride it; scheduled start {}; starts {}.</p>",
        escape(&summary),
        escape(&shown(train.cutoff)),
        escape(&shown(train.nominal_start)),
        escape(&shown(train.start_at)),
    )?;
    for w in report.explanation.warnings() {
        writeln!(
            out,
            "<p class=\"notice\" role=\"note\">⚠ Seasonal freeze: {}. If it recurs: {}. {}. The dates below follow the configured freezes only.</p>",
            escape(&season_text(w)),
            escape(&recurred_dates(config, w)),
            escape(&season_basis(w))
        )?;
    }
    let place_header = match &report.focus {
        Some(f) if f.is_place => format!("Local time (at {}: {})", f.name, f.zone.name()),
        _ => "Region's local time".to_string(),
    };
    writeln!(
        out,
        "<table>\n<caption class=\"hint\" style=\"text-align:left\">Every region's go-live day (in {}) and time, and the days it waited</caption>\n\
         <thead><tr><th scope=\"col\">Region</th><th scope=\"col\">Live on</th><th scope=\"col\">Deploys ({})</th><th scope=\"col\">{}</th><th scope=\"col\">Why it waited</th></tr></thead>\n<tbody id=\"regions\">",
        escape(zone.name()),
        escape(zone.name()),
        escape(&place_header)
    )?;
    for (r, date, at, skipped) in report.regions() {
        let focused = report.focused(r);
        let at_zone = at.with_timezone(&zone);
        let local = report.local_zone(r);
        let why = match skipped.is_empty() {
            true => "no day waited".to_string(),
            false => {
                let items: Vec<String> = skipped
                    .iter()
                    .map(|s| {
                        format!(
                            "<li>{}</li>",
                            escape(&format!("{}: {}", day(s.date), reasons_text(&s.reasons)))
                        )
                    })
                    .collect();
                format!("<ul>{}</ul>", items.join(""))
            }
        };
        writeln!(
            out,
            "<tr{} data-region=\"{}\" data-date=\"{date}\" data-local-at=\"{}\" data-waited=\"{}\"><th scope=\"row\">{}{}</th>\
             <td class=\"nowrap\" data-label=\"Live on\">{}</td><td data-label=\"Deploys\">{}</td><td data-label=\"Local time\">{} ({})</td><td class=\"why\" data-label=\"Why it waited\">{why}</td></tr>",
            if focused { " class=\"focus\"" } else { "" },
            escape(r.key()),
            at.with_timezone(&r.timezone()).to_rfc3339(),
            skipped.len(),
            if focused { "▶ " } else { "" },
            escape(r.name()),
            day(at_zone.date_naive()),
            at_zone.format("%H:%M %Z"),
            at.with_timezone(&local).format("%a %Y-%m-%d %H:%M %Z"),
            escape(local.name()),
        )?;
    }
    writeln!(out, "</tbody>\n</table>")?;
    if zone != config.timezone() {
        writeln!(
            out,
            "<p class=\"hint\">Times above are in {} (--tz); the schedule counts its days, and the timeline shows them, in {}.</p>",
            escape(zone.name()),
            escape(config.timezone().name())
        )?;
    }
    writeln!(out, "</section>")?;
    timeline(report, out)?;
    html::finish(
        out,
        &format!(
            "golive when: the rules of the configuration in effect; days of the schedule zone {}.",
            config.timezone().name()
        ),
    )
}

/// The timeline: a lane per region over the weeks from the readiness day to the last
/// region's day; waited and blocked days shaded and named, the deploy days joined by the
/// train's path.
fn timeline(report: &WhenReport<'_>, out: &mut dyn Write) -> io::Result<()> {
    let config = report.config();
    let calendar = Calendar::new(config);
    let schedule_zone = config.timezone();
    let ready_day = report
        .rollout
        .ready()
        .with_timezone(&schedule_zone)
        .date_naive();
    let days = Days::weeks(ready_day, report.rollout.finish());
    let regions = config.regions();
    let width = LABEL + days.count * CELL + 10;
    let height = TOP + regions.len() as i64 * LANE + 10;
    writeln!(
        out,
        "<section aria-labelledby=\"tl-title\">\n<h2 id=\"tl-title\">The rollout, day by day</h2>\n\
         <p class=\"legend\" aria-hidden=\"true\">{}<span><i style=\"background:var(--cutoff)\"></i>waiting for the train</span><span><i style=\"background:#fff;border-color:var(--accent);border-width:2px\"></i>goes live</span></p>\n\
         <p class=\"chart-note\">Days of the schedule zone, {}. Hover or focus a day to see why a region waited or could not deploy.</p>\n\
         <div class=\"timeline-wrap\"><svg id=\"timeline\" role=\"group\" aria-label=\"Timeline: a lane per region, waited and blocked days shaded, go-live days outlined\" data-info=\"dayinfo\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">",
        html::SHADE_LEGEND,
        escape(schedule_zone.name()),
    )?;
    days.header(out, LABEL, CELL, 12)?;
    let mut path = Vec::new();
    for (i, (r, date, at, skipped)) in report.regions().enumerate() {
        let y = TOP + i as i64 * LANE;
        writeln!(
            out,
            "<text x=\"4\" y=\"{}\">{}</text>",
            y + LANE / 2 + 4,
            escape(r.name())
        )?;
        for d in days.iter() {
            let x = LABEL + days.column(d) * CELL;
            let waited = skipped.iter().find(|s| s.date == d);
            let blocked = calendar.reasons(r.id(), d);
            let live = d == date;
            let what = if live {
                path.push((x + CELL / 2, y + LANE / 2));
                format!(
                    "goes live at {} ({} in {})",
                    at.format("%H:%M %Z"),
                    at.with_timezone(&r.timezone()).format("%a %H:%M %Z"),
                    r.timezone().name()
                )
            } else if let Some(s) = waited {
                format!("waited ({})", reasons_text(&s.reasons))
            } else if d < ready_day {
                "before the readiness".to_string()
            } else if !blocked.is_empty() {
                format!("not a deploy day ({})", reasons_text(&blocked))
            } else if d > date {
                "a deploy day, after it went live".to_string()
            } else {
                "a deploy day".to_string()
            };
            let fill = match waited {
                Some(s) => html::shade(&s.reasons),
                None => html::shade(&blocked),
            }
            .filter(|_| !live)
            .unwrap_or("#fff");
            let text = format!("{}, {}: {what}", r.name(), day(d));
            write!(
                out,
                "<rect class=\"day\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{fill}\" stroke=\"{}\" stroke-width=\"{}\" tabindex=\"0\" role=\"img\" aria-label=\"{}\" data-date=\"{d}\" data-region=\"{}\"{}><title>{}</title></rect>",
                x + 1,
                y + 2,
                CELL - 2,
                LANE - 4,
                if live { "#0b5cad" } else { "#c9d1d9" },
                if live { 2 } else { 1 },
                escape(&text),
                escape(r.key()),
                if live { " data-live=\"true\"" } else { "" },
                escape(&text),
            )?;
        }
        writeln!(out)?;
    }
    // The train's path through the regions, in the order they deploy.
    path.sort_by_key(|&(x, y)| (x, y));
    let points: Vec<String> = path.iter().map(|(x, y)| format!("{x},{y}")).collect();
    writeln!(
        out,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"3\" pointer-events=\"none\"/>",
        points.join(" ")
    )?;
    // The readiness: a line at the start of its day.
    let x = LABEL + days.column(ready_day) * CELL;
    writeln!(
        out,
        "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#a1121f\" stroke-width=\"2\" stroke-dasharray=\"4 3\" pointer-events=\"none\"/>",
        TOP - 2,
        height - 8
    )?;
    writeln!(
        out,
        "</svg></div>\n<p id=\"dayinfo\" aria-live=\"polite\">Hover or focus a day to see why it is blocked.</p>\n</section>"
    )
}
