//! `golive regions`: every region, the places it serves, their time zones, ISO 3166 codes and
//! other names, as a table, JSON or CSV.

use std::io::{self, Write};

use serde::Serialize;

use super::{Format, Output, new_table, unsupported, wrap, write_csv, write_json, write_table};
use crate::config::{Config, Place, Region};

/// Renders the regions of `config` and the places each serves.
///
/// JSON is `[{"key", "name", "timezone", "after": [keys], "places": [{"name", "code",
/// "timezone", "aliases"}]}]` (`code` is null for an area without one); CSV has a row per
/// place, `region,region_name,place,code,timezone,aliases` (aliases separated by `; `), and a
/// row with an empty place for a region that lists none. There is no iCalendar form.
///
/// # Example
/// ```
/// use golive::export::{Format, Output};
/// let config = golive::Config::embedded()?;
/// let mut out = Vec::new();
/// golive::export::regions(&config, &Output::new(Format::Csv), &mut out)?;
/// let csv = String::from_utf8(out)?;
/// assert!(csv.contains("br-ca-jp-in,\"Brazil, Canada, Japan and India\",Japan,JP,Asia/Tokyo,Nippon; Nihon\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn regions(config: &Config, output: &Output, out: &mut dyn Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct RegionJson<'a> {
        key: &'a str,
        name: &'a str,
        timezone: &'a str,
        after: Vec<&'a str>,
        places: Vec<PlaceJson<'a>>,
    }
    #[derive(Serialize)]
    struct PlaceJson<'a> {
        name: &'a str,
        code: Option<&'a str>,
        timezone: &'a str,
        aliases: &'a [String],
    }
    let after = |r: &Region| -> Vec<&str> { r.after().iter().map(|&id| config.key(id)).collect() };
    match output.format {
        Format::Json => {
            let v: Vec<RegionJson<'_>> = config
                .regions()
                .iter()
                .map(|r| RegionJson {
                    key: r.key(),
                    name: r.name(),
                    timezone: r.timezone().name(),
                    after: after(r),
                    places: r
                        .places()
                        .iter()
                        .map(|p| PlaceJson {
                            name: p.name(),
                            code: p.code(),
                            timezone: p.timezone().name(),
                            aliases: p.aliases(),
                        })
                        .collect(),
                })
                .collect();
            write_json(out, &v)
        }
        Format::Csv => {
            let row = |r: &Region, p: Option<&Place>| {
                vec![
                    r.key().to_string(),
                    r.name().to_string(),
                    p.map(|p| p.name().to_string()).unwrap_or_default(),
                    p.and_then(Place::code).unwrap_or_default().to_string(),
                    p.map_or(r.timezone(), Place::timezone).name().to_string(),
                    p.map(|p| p.aliases().join("; ")).unwrap_or_default(),
                ]
            };
            let rows = config.regions().iter().flat_map(|r| {
                let places: Vec<Vec<String>> = match r.places() {
                    [] => vec![row(r, None)],
                    places => places.iter().map(|p| row(r, Some(p))).collect(),
                };
                places
            });
            write_csv(
                out,
                &[
                    "region",
                    "region_name",
                    "place",
                    "code",
                    "timezone",
                    "aliases",
                ],
                rows,
            )
        }
        Format::Table => {
            // Narrower than the whole table, a place's code follows its name.
            let merged = output.narrower_than(120);
            let mut header = vec!["Region", "Place", "Code", "Time zone", "Also known as"];
            if merged {
                header.remove(2);
            }
            let mut t = new_table(&header, output);
            if merged && let Some(c) = t.column_mut(2) {
                // Zone names read whole.
                c.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
            }
            for r in config.regions() {
                let mut row = vec![
                    format!("{} ({})", r.name(), r.key()),
                    String::new(),
                    String::new(),
                    r.timezone().name().to_string(),
                    String::new(),
                ];
                if merged {
                    row.remove(2);
                }
                t.add_row(row);
                for p in r.places() {
                    let mut row = vec![
                        String::new(),
                        p.name().to_string(),
                        p.code().unwrap_or_default().to_string(),
                        p.timezone().name().to_string(),
                        p.aliases().join(", "),
                    ];
                    if merged {
                        let code = row.remove(2);
                        if !code.is_empty() {
                            row[1] = format!("{} ({code})", row[1]);
                        }
                    }
                    t.add_row(row);
                }
            }
            write_table(out, &t)?;
            let note = "A region's own zone (on its line) shows its local deploy times; `golive when --where PLACE` answers in the place's zone.\n";
            out.write_all(wrap(note, output).as_bytes())
        }
        f @ (Format::Ics | Format::Html) => Err(unsupported("the region list", f)),
    }
}
