//! `golive plan --what-if`: what moves when a batch is planned under a second configuration.

use std::io::{self, Write};

use chrono::NaiveDate;
use comfy_table::{Cell, CellAlignment};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{Format, Output, Seq, TABLE_ROWS, day, new_table, unsupported, wrap};
use crate::batch::{Batch, ConnectorId};
use crate::config::{Config, RegionId};
use crate::plan::{Movement, WhatIf};

/// Renders `golive plan --what-if`: the summary line and every date that moved. `config` is
/// the second configuration, whose regions [`crate::Change::region`] names. A what-if lists
/// moves, which have no calendar form: iCalendar is an error of kind `Unsupported`.
pub fn what_if(
    config: &Config,
    batch: &Batch,
    what_if: &WhatIf,
    output: &Output,
    out: &mut dyn Write,
) -> io::Result<()> {
    let name = |c: ConnectorId| batch.get(c).map_or("", |c| c.name.as_str());
    let region = |r: RegionId| config.key(r);
    match output.format {
        f @ (Format::Ics | Format::Html) => Err(unsupported("a what-if", f)),
        Format::Json => {
            #[derive(Serialize)]
            struct ChangeJson<'a> {
                name: &'a str,
                region: &'a str,
                old: NaiveDate,
                new: NaiveDate,
                days: i64,
            }
            let mut ser = serde_json::Serializer::pretty(&mut *out);
            let mut map = ser.serialize_map(Some(6)).map_err(io::Error::from)?;
            let mut entries = || -> Result<(), serde_json::Error> {
                map.serialize_entry("summary", &summary(what_if))?;
                map.serialize_entry("connectors", &what_if.connectors)?;
                map.serialize_entry("slipped", &what_if.slipped)?;
                map.serialize_entry("earlier", &what_if.earlier)?;
                map.serialize_entry("not_compared", &what_if.not_compared)?;
                map.serialize_entry(
                    "changes",
                    &Seq(|| {
                        what_if.changes.iter().map(|c| ChangeJson {
                            name: name(c.connector),
                            region: region(c.region),
                            old: c.old,
                            new: c.new,
                            days: c.days(),
                        })
                    }),
                )
            };
            entries().map_err(io::Error::from)?;
            SerializeMap::end(map).map_err(io::Error::from)?;
            out.write_all(b"\n")
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["name", "region", "old", "new", "days"])?;
            for c in &what_if.changes {
                w.write_record([
                    name(c.connector),
                    region(c.region),
                    &c.old.to_string(),
                    &c.new.to_string(),
                    &c.days().to_string(),
                ])?;
            }
            w.flush()
        }
        Format::Table => {
            let mut line = summary(what_if);
            if let Some(first) = line.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            out.write_all(wrap(&format!("{line}.\n"), output).as_bytes())?;
            let mut previous = None;
            // Laid out in tables of TABLE_ROWS changes, so memory stays bounded.
            for rows in what_if.changes.chunks(TABLE_ROWS) {
                let mut t = new_table(&["Connector", "Region", "Before", "After", "Moved"], output);
                for c in rows {
                    let d = c.days();
                    let unit = if d.abs() == 1 { "day" } else { "days" };
                    // The name once per connector: its regions follow on their own rows.
                    let shown = if previous == Some(c.connector) {
                        ""
                    } else {
                        name(c.connector)
                    };
                    previous = Some(c.connector);
                    t.add_row(vec![
                        Cell::new(shown),
                        Cell::new(region(c.region)),
                        Cell::new(day(c.old)),
                        Cell::new(day(c.new)),
                        Cell::new(format!("{d:+} {unit}")).set_alignment(CellAlignment::Right),
                    ]);
                }
                writeln!(out, "\n{t}")?;
            }
            Ok(())
        }
    }
}

/// One line for people: "7 of 40 connectors slip, by 3 to 18 days".
///
/// # Example
/// ```
/// let config = golive::Config::embedded()?;
/// let text = "name,ready\nContoso,2026-11-23\nFabrikam,2026-11-23\n";
/// let batch = golive::Batch::parse(&golive::Source::new("b.csv", text), config.timezone())?;
/// let before = golive::Plan::new(&config, &batch)?;
/// let smaller = config.clone().with_max_per_train(std::num::NonZeroU32::new(1));
/// let after = golive::Plan::new(&smaller, &batch)?;
/// let what_if = golive::WhatIf::compare(&config, &before, &smaller, &after);
/// assert_eq!(golive::export::what_if_summary(&what_if), "1 of 2 connectors slips, by 7 days");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn summary(w: &WhatIf) -> String {
    if w.compared == 0 {
        return format!(
            "no region is in both configurations, so no date can be compared (regions: {})",
            w.not_compared.join(", ")
        );
    }
    let mut line = moves(w);
    if !w.not_compared.is_empty() {
        line.push_str(&format!(
            "; regions in only one configuration, not compared: {}",
            w.not_compared.join(", ")
        ));
    }
    line
}

fn moves(w: &WhatIf) -> String {
    let range = |m: &Movement| {
        let unit = if m.max_days == 1 { "day" } else { "days" };
        if m.min_days == m.max_days {
            format!("by {} {unit}", m.max_days)
        } else {
            format!("by {} to {} {unit}", m.min_days, m.max_days)
        }
    };
    let total = w.connectors;
    let noun = if total == 1 {
        "connector"
    } else {
        "connectors"
    };
    let verb = |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
    match (w.slipped.connectors, w.earlier.connectors) {
        (0, 0) => format!("no connector moves: all {total} {noun} keep their dates"),
        (s, 0) => format!(
            "{s} of {total} {noun} {}, {}",
            verb(s, "slips", "slip"),
            range(&w.slipped)
        ),
        (0, e) => format!(
            "{e} of {total} {noun} {} earlier, {}",
            verb(e, "goes live", "go live"),
            range(&w.earlier)
        ),
        (s, e) => format!(
            "{s} of {total} {noun} {}, {}; {e} {} earlier, {}",
            verb(s, "slips", "slip"),
            range(&w.slipped),
            verb(e, "goes live", "go live"),
            range(&w.earlier)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_if_summaries() {
        let w = |s: (usize, i64, i64), e: (usize, i64, i64)| WhatIf {
            connectors: 40,
            changes: Vec::new(),
            slipped: Movement {
                connectors: s.0,
                min_days: s.1,
                max_days: s.2,
            },
            earlier: Movement {
                connectors: e.0,
                min_days: e.1,
                max_days: e.2,
            },
            not_compared: Vec::new(),
            compared: 6,
        };
        assert_eq!(
            summary(&w((7, 3, 18), (0, 0, 0))),
            "7 of 40 connectors slip, by 3 to 18 days"
        );
        assert_eq!(
            summary(&w((1, 1, 1), (0, 0, 0))),
            "1 of 40 connectors slips, by 1 day"
        );
        assert_eq!(
            summary(&w((0, 0, 0), (0, 0, 0))),
            "no connector moves: all 40 connectors keep their dates"
        );
        assert_eq!(
            summary(&w((2, 7, 7), (1, 3, 3))),
            "2 of 40 connectors slip, by 7 days; 1 goes live earlier, by 3 days"
        );
    }
}
