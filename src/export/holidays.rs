//! `golive holidays`: the holidays in force, observed days marked.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use super::{Format, Output, day, new_table, write_csv, write_json, write_table};
use crate::holidays::HolidayDate;
use crate::ics::{Feed, UID_DOMAIN, hash, slug};

/// Renders the holiday list of `golive holidays`; `days` pairs each date with the name of the
/// calendar it came from ([`crate::Config::holidays`]). As iCalendar, an all-day event per
/// holiday and observed day: importing the file as a calendar blocks the same days.
pub fn holidays(
    days: &[(String, HolidayDate)],
    output: &Output,
    out: &mut dyn Write,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct HolidayJson<'a> {
        date: NaiveDate,
        name: &'a str,
        observes: Option<NaiveDate>,
        weekday: String,
        calendar: &'a str,
    }
    match output.format {
        Format::Html => Err(super::unsupported("a holiday list", Format::Html)),
        Format::Ics => {
            let mut feed = Feed::start(
                &output.ics,
                out,
                "Holidays",
                "Days on which no connector deploys (golive)",
            )?;
            holiday_events(&mut feed, days)?;
            feed.finish()
        }
        Format::Json => {
            let v: Vec<HolidayJson<'_>> = days
                .iter()
                .map(|(c, h)| HolidayJson {
                    date: h.date,
                    name: &h.name,
                    observes: h.observes,
                    weekday: h.date.format("%A").to_string(),
                    calendar: c,
                })
                .collect();
            write_json(out, &v)
        }
        Format::Csv => write_csv(
            out,
            &["date", "name", "observes", "weekday", "calendar"],
            days.iter().map(|(c, h)| {
                vec![
                    h.date.to_string(),
                    h.name.to_string(),
                    h.observes.map(|d| d.to_string()).unwrap_or_default(),
                    h.date.format("%A").to_string(),
                    c.clone(),
                ]
            }),
        ),
        Format::Table => {
            // Narrower than the whole table, the weekday joins the date.
            let merged = output.narrower_than(88);
            let mut header = vec!["Date", "Day", "Holiday", "Calendar"];
            if merged {
                header.remove(1);
            }
            let mut t = new_table(&header, output);
            for (c, h) in days {
                let name = match h.observes {
                    Some(actual) => format!("{} (observed; falls on {})", h.name, day(actual)),
                    None => h.name.to_string(),
                };
                let mut row = vec![
                    h.date.to_string(),
                    h.date.format("%a").to_string(),
                    name,
                    c.clone(),
                ];
                if merged {
                    row.remove(1);
                    row[0] = day(h.date);
                }
                t.add_row(row);
            }
            write_table(out, &t)
        }
    }
}
/// An all-day event per holiday and observed day.
pub(super) fn holiday_events(
    feed: &mut Feed<'_>,
    days: &[(String, HolidayDate)],
) -> io::Result<()> {
    for (calendar, h) in days {
        let (summary, description) = match h.observes {
            Some(actual) => (
                format!("{} (observed)", h.name),
                format!(
                    "{} falls on {}; it is observed on {}. No deployments. Calendar: {calendar}.",
                    h.name,
                    day(actual),
                    day(h.date)
                ),
            ),
            None => (
                h.name.to_string(),
                format!("Holiday: no deployments. Calendar: {calendar}."),
            ),
        };
        let uid = format!(
            "holiday-{}-{}-{}@{UID_DOMAIN}",
            h.date,
            slug(&summary),
            hash(&[calendar, &summary])
        );
        feed.days(&uid, h.date, h.date, &summary, &description)?;
    }
    Ok(())
}
