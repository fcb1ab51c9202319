//! Seasonal freezes (docs/rules.md, rule 12): the announced freezes of the embedded default
//! that Microsoft may well repeat, each carried to every year as a *season*.
//!
//! A season blocks nothing. It is what the seasonal-freeze warning compares an answer with:
//! when an answer's days fall in this year's season and no freeze is configured there, the
//! answer says what its dates would be if the freeze recurred. The dates come from data, not
//! from here: the announced freezes (with their sources) from `config/default.toml`, whatever
//! freezes a user's file sets, and the moving date of Lunar New Year from
//! `calendars/lunar-new-year.toml`. This file only says which freeze recurs as which season
//! and how it is carried.

use chrono::{Datelike, Duration, NaiveDate};

use super::freezes::{Bound, Freeze};
use crate::error::{Error, Result};
use crate::holidays::{HolidayCalendar, YEARS};

/// How an announced freeze is carried to another year.
#[derive(Debug, Clone, Copy)]
enum Carry {
    /// On the same calendar dates (the year-end freeze: November 20 to January 6).
    SameDates,
    /// At the same distance from the day a built-in calendar names in each year (the Lunar
    /// New Year freeze: five days before to two days after Lunar New Year's Day).
    Around(&'static str),
}

/// Each season: its name, the announced freeze of `config/default.toml` it carries (by
/// name), and how.
const SEASONS: &[(&str, &str, Carry)] = &[
    (
        "Year-end freeze",
        "Holiday season 2024/25",
        Carry::SameDates,
    ),
    (
        "Lunar New Year freeze",
        "Lunar New Year 2025",
        Carry::Around("lunar-new-year"),
    ),
];

/// A season in which Microsoft has frozen deployments before, carried to every year.
#[derive(Debug, Clone)]
pub struct Season {
    name: String,
    announced: Freeze,
    /// The announced freeze's first and last day.
    days: (NaiveDate, NaiveDate),
    anchor: Anchor,
}

#[derive(Debug, Clone)]
enum Anchor {
    SameDates,
    /// The calendar's title, its day in each year, and the window's first and last day as
    /// offsets from it.
    Around {
        calendar: String,
        days: Vec<NaiveDate>,
        first: i64,
        last: i64,
    },
}

impl Season {
    /// The season's name ("Year-end freeze").
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The announced freeze it carries, as `config/default.toml` has it.
    pub fn announced(&self) -> &Freeze {
        &self.announced
    }

    /// The announced freeze's first and last day.
    pub fn announced_days(&self) -> (NaiveDate, NaiveDate) {
        self.days
    }

    /// Where the announced freeze's dates come from.
    pub fn source(&self) -> Option<&str> {
        self.announced.source()
    }

    /// How the season is carried to another year, in words: "every year from November 20 to
    /// January 6", "every year from 5 days before to 2 days after Lunar New Year".
    pub fn rule(&self) -> String {
        match &self.anchor {
            Anchor::SameDates => format!(
                "every year from {} to {}",
                self.days.0.format("%B %-d"),
                self.days.1.format("%B %-d")
            ),
            Anchor::Around {
                calendar,
                first,
                last,
                ..
            } => {
                let side = |n: i64| match n {
                    0 => "on".to_string(),
                    n if n < 0 => format!("{} day{} before", -n, if n == -1 { "" } else { "s" }),
                    n => format!("{n} day{} after", if n == 1 { "" } else { "s" }),
                };
                format!(
                    "every year from {} to {} {calendar}",
                    side(*first),
                    side(*last)
                )
            }
        }
    }

    /// The season's window around `year` (starting in it, or around the anchor day of it),
    /// as whole days, both included; `None` where the data has no such year.
    pub fn window(&self, year: i32) -> Option<(NaiveDate, NaiveDate)> {
        match &self.anchor {
            Anchor::SameDates => {
                let (from, until) = self.days;
                let span = until.year() - from.year();
                Some((
                    with_year(from, year)?,
                    with_year(until, year.checked_add(span)?)?,
                ))
            }
            Anchor::Around {
                days, first, last, ..
            } => {
                let day = days.iter().find(|d| d.year() == year)?;
                Some((*day + Duration::days(*first), *day + Duration::days(*last)))
            }
        }
    }

    /// The season's windows that touch the days `first..=last`, in time order.
    pub fn windows(&self, first: NaiveDate, last: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
        (first.year() - 1..=last.year() + 1)
            .filter_map(|y| self.window(y))
            .filter(|(from, until)| *until >= first && *from <= last)
            .collect()
    }
}

/// `day` in `year` (February 29 becomes February 28 in a common year).
fn with_year(day: NaiveDate, year: i32) -> Option<NaiveDate> {
    day.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, day.month(), 28))
}

/// The seasons, carried from `announced` (the embedded default's freezes). A season whose
/// freeze is missing from the default or not written in whole days is an error: it can only
/// come from an edit of `config/default.toml`, which the tests read.
pub(super) fn carry(announced: &[Freeze]) -> Result<Vec<Season>> {
    let broken = |name: &str, why: &str| {
        Error::argument(
            "config/default.toml",
            name.to_string(),
            format!("the seasonal-freeze warning needs this announced freeze {why}"),
        )
    };
    SEASONS
        .iter()
        .map(|&(name, freeze, carry)| {
            let f = announced
                .iter()
                .find(|f| f.name() == freeze)
                .ok_or_else(|| broken(freeze, "in the default configuration"))?;
            let (Bound::Date(from), Bound::Date(until)) = (f.from(), f.until()) else {
                return Err(broken(freeze, "written as whole days"));
            };
            let anchor = match carry {
                Carry::SameDates => Anchor::SameDates,
                Carry::Around(calendar) => {
                    let cal = HolidayCalendar::built_in(calendar)
                        .ok_or_else(|| broken(calendar, "calendar to be built in"))??;
                    let (lo, hi) = YEARS.into_inner();
                    let (lo, hi) = (
                        NaiveDate::from_ymd_opt(lo, 1, 1).unwrap_or(NaiveDate::MIN),
                        NaiveDate::from_ymd_opt(hi, 12, 31).unwrap_or(NaiveDate::MAX),
                    );
                    let days: Vec<NaiveDate> = cal
                        .dates(lo, hi)
                        .into_iter()
                        .filter(|h| h.observes.is_none())
                        .map(|h| h.date)
                        .collect();
                    // The calendar's day nearest the announced freeze is the one it was
                    // around.
                    let near = days
                        .iter()
                        .min_by_key(|d| (**d - from).num_days().abs())
                        .copied()
                        .ok_or_else(|| broken(calendar, "calendar to have days"))?;
                    Anchor::Around {
                        calendar: cal.title.clone(),
                        days,
                        first: (from - near).num_days(),
                        last: (until - near).num_days(),
                    }
                }
            };
            Ok(Season {
                name: name.to_string(),
                announced: f.clone(),
                days: (from, until),
                anchor,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Carried back to their own year, the seasons are the announced freezes; carried to
    /// 2026 and 2027, the year end keeps its dates and Lunar New Year its distance to the day
    /// (2027-02-06).
    #[test]
    fn seasons_are_the_announced_freezes_carried() {
        let c = Config::embedded().unwrap();
        let s = c.seasons();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].window(2024), Some((d(2024, 11, 20), d(2025, 1, 6))));
        assert_eq!(s[1].window(2025), Some((d(2025, 1, 24), d(2025, 1, 31))));
        assert_eq!(s[0].window(2026), Some((d(2026, 11, 20), d(2027, 1, 6))));
        assert_eq!(s[1].window(2027), Some((d(2027, 2, 1), d(2027, 2, 8))));
        assert!(s[0].source().unwrap().contains("PR #3709"));
        assert_eq!(s[0].rule(), "every year from November 20 to January 6");
        assert_eq!(
            s[1].rule(),
            "every year from 5 days before to 2 days after Lunar New Year"
        );
        assert_eq!(
            s[0].windows(d(2027, 1, 4), d(2027, 1, 11)),
            [(d(2026, 11, 20), d(2027, 1, 6))]
        );
        assert_eq!(s[1].window(2100), None);
    }

    /// A user's [[freeze]] replaces the announced freezes, not the seasons carried from them.
    #[test]
    fn a_users_freezes_leave_the_seasons() {
        let c = Config::from_toml(
            "mine.toml",
            "[[freeze]]\nname = \"March\"\nfrom = 2027-03-01\nuntil = 2027-03-05\n",
        )
        .unwrap();
        assert_eq!(c.freezes().len(), 1);
        assert_eq!(c.seasons().len(), 2);
    }
}
