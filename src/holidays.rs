//! Holiday calendars as data: the file format of `calendars/*.toml` and its expansion into
//! dates.
//!
//! A calendar is a list of holidays, each a rule (a fixed date, the nth or last weekday of a
//! month, or a one-off date) with an optional observance rule and the years it was law.
//! `calendars/README.md` documents the format for users.

use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use chrono_tz::Tz;
use serde::Deserialize;
use toml::Spanned;

use crate::config::{WEEKDAY_HELP, parse_weekday};
use crate::error::{Error, ErrorKind, Result, short};
use crate::ics::IcsTime;
use crate::source::Source;

/// The calendars built into the binary, by the name a configuration uses for them.
pub(crate) const BUILT_IN: &[(&str, &str)] = &[
    ("us-federal", include_str!("../calendars/us-federal.toml")),
    (
        "us-federal-closures",
        include_str!("../calendars/us-federal-closures.toml"),
    ),
    (
        "lunar-new-year",
        include_str!("../calendars/lunar-new-year.toml"),
    ),
];

/// The version of the holiday data built into golive: the names of the built-in calendars and
/// an FNV-1a hash of their files, so that an answer can be tied to the data that made it (the
/// hash changes whenever a calendar file does).
///
/// # Example
/// ```
/// let v = golive::holiday_data_version();
/// assert!(v.starts_with("us-federal, us-federal-closures, lunar-new-year (data "), "{v}");
/// ```
pub fn holiday_data_version() -> String {
    let parts: Vec<&[u8]> = BUILT_IN
        .iter()
        .flat_map(|(name, text)| [name.as_bytes(), text.as_bytes()])
        .collect();
    let names: Vec<&str> = BUILT_IN.iter().map(|(name, _)| *name).collect();
    format!(
        "{} (data {:08x})",
        names.join(", "),
        crate::hash::fnv1a::<u32>(&parts)
    )
}

/// The most days off, over the years [`YEARS`], that one `.ics` holiday calendar may list (a
/// yearly event counts its days in every year it occurs): far beyond any real calendar, and a
/// bound on what a generated or hostile file can make golive hold or list.
pub const MAX_ICS_HOLIDAY_DAYS: usize = 1_000_000;

/// The most rules one TOML calendar may define (a `[[holiday]]`, or each date of a
/// `rule.dates` list): each yields a date in up to 301 years, so this bounds what listing a
/// calendar can produce.
pub const MAX_TOML_HOLIDAYS: usize = 10_000;

/// The years a calendar rule can be expanded for.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// A validated holiday calendar.
#[derive(Debug, Clone)]
pub struct HolidayCalendar {
    /// The name the configuration refers to it by (`us-federal`, or a path).
    pub name: String,
    /// The calendar's own title, from its `name` key.
    pub title: String,
    rules: Vec<HolidayRule>,
}

#[derive(Debug, Clone)]
struct HolidayRule {
    name: Arc<str>,
    kind: RuleKind,
    observed: Observance,
    first_year: Option<i32>,
    last_year: Option<i32>,
}

#[derive(Debug, Clone, Copy)]
enum RuleKind {
    Fixed {
        month: u32,
        day: u32,
    },
    Nth {
        month: u32,
        weekday: Weekday,
        n: u8,
    },
    Last {
        month: u32,
        weekday: Weekday,
    },
    Date(NaiveDate),
    /// `offset` days after a fixed date (an .ics event repeated yearly); nothing in years
    /// without that date.
    Offset {
        month: u32,
        day: u32,
        offset: u16,
    },
}

/// How a holiday that falls on a weekend is observed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Observance {
    /// No other day is observed.
    None,
    /// US federal rule: Saturday is observed the Friday before, Sunday the Monday after.
    NearestWeekday,
    /// Saturday and Sunday are both observed the Monday after.
    NextMonday,
}

/// One day a calendar marks as a holiday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayDate {
    /// The day.
    pub date: NaiveDate,
    /// The holiday's name, such as `Thanksgiving Day`.
    pub name: Arc<str>,
    /// On an observed day, the holiday's actual date that it stands in for.
    pub observes: Option<NaiveDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    name: Option<String>,
    #[serde(default)]
    holiday: Vec<RawHoliday>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: Spanned<String>,
    rule: Spanned<RawRule>,
    observed: Option<Spanned<String>>,
    first_year: Option<Spanned<i64>>,
    last_year: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum RawRule {
    Fixed(RawFixed),
    Nth(RawNth),
    Last(RawLast),
    Date(Spanned<toml::value::Datetime>),
    Dates(Vec<Spanned<toml::value::Datetime>>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFixed {
    month: Spanned<i64>,
    day: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNth {
    month: Spanned<i64>,
    weekday: Spanned<String>,
    n: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLast {
    month: Spanned<i64>,
    weekday: Spanned<String>,
}

impl HolidayCalendar {
    /// Parses and validates a calendar file. `name` is how the configuration refers to it.
    ///
    /// # Example
    /// ```
    /// use golive::{HolidayCalendar, Source};
    /// let text = r#"
    /// name = "Company days"
    /// [[holiday]]
    /// name = "Founders' Day"
    /// rule.nth = { month = 6, weekday = "monday", n = 2 }
    /// "#;
    /// let cal = HolidayCalendar::parse("company", &Source::new("company.toml", text))?;
    /// let from = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    /// let until = chrono::NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
    /// let days = cal.dates(from, until);
    /// assert_eq!(days[0].date.to_string(), "2027-06-14");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(name: &str, source: &Source) -> Result<HolidayCalendar> {
        let raw: RawCalendar = source.parse_toml().map_err(|e| match e.kind() {
            // serde's words for an externally tagged enum with zero or several keys.
            ErrorKind::Input { location, message }
                if message.starts_with("wanted exactly 1 element") =>
            {
                Error::input(
                    location.clone(),
                    "a holiday needs exactly one rule: rule.fixed, rule.nth, rule.last, rule.date or rule.dates",
                )
            }
            _ => e,
        })?;
        if raw.holiday.len() > MAX_TOML_HOLIDAYS {
            return Err(source.error(
                0..0,
                format!(
                    "this calendar defines {} holidays; golive reads up to {MAX_TOML_HOLIDAYS} per calendar",
                    raw.holiday.len()
                ),
            ));
        }
        let mut rules = Vec::with_capacity(raw.holiday.len());
        for holiday in raw.holiday {
            validate_rule(holiday, source, &mut rules)?;
            if rules.len() > MAX_TOML_HOLIDAYS {
                return Err(source.error(
                    0..0,
                    format!(
                        "this calendar defines more than {MAX_TOML_HOLIDAYS} holidays (each date of a rule.dates list counts); golive reads up to {MAX_TOML_HOLIDAYS} per calendar"
                    ),
                ));
            }
        }
        Ok(HolidayCalendar {
            name: name.to_string(),
            title: raw.name.unwrap_or_else(|| name.to_string()),
            rules,
        })
    }

    /// Reads a calendar from an iCalendar file: every all-day event, one day or several,
    /// makes its days holidays named by its summary; a yearly `RRULE` repeats them. `zone` is
    /// the schedule zone, in which floating times and an `UNTIL` instant are read.
    ///
    /// A timed event is refused, with the reason: holidays are whole days, and guessing
    /// which days a few hours should block would make dates nobody can explain. Such a file
    /// can be a freeze instead (`[[freeze]] ics = "..."`), where times are kept.
    ///
    /// # Example
    /// ```
    /// use golive::{HolidayCalendar, Source};
    /// let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Contoso//HR//EN\r\n\
    ///     BEGIN:VEVENT\r\nUID:1@contoso\r\nDTSTART;VALUE=DATE:20261224\r\n\
    ///     DTEND;VALUE=DATE:20261226\r\nSUMMARY:Winter break\r\nEND:VEVENT\r\n\
    ///     END:VCALENDAR\r\n";
    /// let source = Source::new("company.ics", text);
    /// let cal = HolidayCalendar::parse_ics("company.ics", &source, chrono_tz::US::Pacific)?;
    /// let d = |day| chrono::NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
    /// let days: Vec<_> = cal.dates(d(1), d(31)).into_iter().map(|h| h.date).collect();
    /// assert_eq!(days, [d(24), d(25)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_ics(name: &str, source: &Source, zone: Tz) -> Result<HolidayCalendar> {
        let file = crate::ics::read(source)?;
        let mut rules = Vec::new();
        let mut listed = 0usize;
        for event in &file.events {
            // Outlook writes some all-day events as local midnight to midnight: those are
            // the days they cover.
            let midnight = |t: &chrono::NaiveDateTime| t.time() == chrono::NaiveTime::MIN;
            let (start, end) = match (event.start, event.end) {
                (IcsTime::Date(s), IcsTime::Date(e)) => (s, e),
                (IcsTime::Zoned(s, a), IcsTime::Zoned(e, b))
                    if a == b && midnight(&s) && midnight(&e) && e > s =>
                {
                    (s.date(), e.date())
                }
                (IcsTime::Floating(s), IcsTime::Floating(e))
                    if midnight(&s) && midnight(&e) && e > s =>
                {
                    (s.date(), e.date())
                }
                _ => {
                    return Err(source.error(
                        event.start_span.clone(),
                        format!(
                            "{} is a timed event, and holidays are whole days; make it an all-day event, or import the file as a freeze ([[freeze]] ics = \"...\"), which keeps times",
                            event.label()
                        ),
                    ));
                }
            };
            let days = (end - start).num_days();
            if days > 366 {
                return Err(source.error(
                    event.span.clone(),
                    format!(
                        "{} lasts {days} days; a holiday may last a year at most (a longer stop is a freeze)",
                        event.label()
                    ),
                ));
            }
            // A yearly event may have begun long ago (Outlook starts some in 1601): it
            // counts from the first supported year. A one-off date must be within them.
            let yearly_since_before = event.yearly.is_some() && start.year() < *YEARS.start();
            if !YEARS.contains(&start.year()) && !yearly_since_before {
                return Err(source.error(
                    event.start_span.clone(),
                    format!(
                        "{start} is outside the supported years {} to {}",
                        YEARS.start(),
                        YEARS.end()
                    ),
                ));
            }
            let name: Arc<str> = match &event.summary {
                Some(s) => s.as_str().into(),
                None => format!("holiday on line {} of {}", event.line, source.name).into(),
            };
            let last = *event.year_offsets(*YEARS.end(), zone).end();
            // Every day of every year the event occurs in counts, so that listing the
            // calendar's holidays stays bounded too.
            let years = match event.yearly {
                None => 1,
                Some(_) => {
                    let first = start.year().max(*YEARS.start());
                    (start.year().saturating_add(last).min(*YEARS.end()) - first + 1).max(0)
                }
            };
            listed += days as usize * years as usize;
            if listed > MAX_ICS_HOLIDAY_DAYS {
                return Err(source.error(
                    event.span.clone(),
                    format!(
                        "with {}, this calendar lists more than {MAX_ICS_HOLIDAY_DAYS} days off \
                         from {} to {}; golive reads holiday calendars up to that size (long \
                         stops are freezes: [[freeze]] ics = \"...\")",
                        event.label(),
                        YEARS.start(),
                        YEARS.end()
                    ),
                ));
            }
            for offset in 0..days {
                // A yearly event repeats from its start day and keeps its length.
                let kind = match event.yearly {
                    None => RuleKind::Date(start + Duration::days(offset)),
                    Some(_) => RuleKind::Offset {
                        month: start.month(),
                        day: start.day(),
                        offset: offset as u16,
                    },
                };
                // A yearly rule runs from the start's year; a one-off date needs no years.
                let years = event.yearly.as_ref().map(|_| start.year());
                let last_year = years.map(|y| y.saturating_add(last));
                if last_year.is_some_and(|y| y < *YEARS.start()) {
                    break;
                }
                rules.push(HolidayRule {
                    name: name.clone(),
                    kind,
                    observed: Observance::None,
                    first_year: years.map(|y| y.max(*YEARS.start())),
                    last_year,
                });
            }
        }
        Ok(HolidayCalendar {
            name: name.to_string(),
            title: file.name.unwrap_or_else(|| name.to_string()),
            rules,
        })
    }

    /// A calendar built into the binary, by name (`us-federal`, `us-federal-closures`).
    pub fn built_in(name: &str) -> Option<Result<HolidayCalendar>> {
        let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name)?;
        let source = Source::new(format!("calendars/{name}.toml"), *text);
        Some(HolidayCalendar::parse(name, &source))
    }

    /// Every holiday date (actual and observed) from `from` to `until`, both inclusive,
    /// sorted by date, then by name.
    pub fn dates(&self, from: NaiveDate, until: NaiveDate) -> Vec<HolidayDate> {
        let mut out = Vec::new();
        if from > until {
            return out;
        }
        // Observed days may cross a year boundary, so look one year either side.
        let years = (from.year() - 1).max(*YEARS.start())..=(until.year() + 1).min(*YEARS.end());
        for rule in &self.rules {
            let rule_years = match rule.kind {
                // A rule on one date gives nothing in any other year (a calendar of dates,
                // such as Lunar New Year's, has one rule per year).
                RuleKind::Date(d) => d.year().max(*years.start())..=d.year().min(*years.end()),
                _ => years.clone(),
            };
            for year in rule_years {
                if rule.first_year.is_some_and(|y| year < y)
                    || rule.last_year.is_some_and(|y| year > y)
                {
                    continue;
                }
                let Some(actual) = rule.kind.date_in(year) else {
                    continue;
                };
                if (from..=until).contains(&actual) {
                    out.push(HolidayDate {
                        date: actual,
                        name: rule.name.clone(),
                        observes: None,
                    });
                }
                if let Some(observed) = rule.observed.observe(actual)
                    && (from..=until).contains(&observed)
                {
                    out.push(HolidayDate {
                        date: observed,
                        name: rule.name.clone(),
                        observes: Some(actual),
                    });
                }
            }
        }
        out.sort_by(|a, b| (a.date, &a.name, a.observes).cmp(&(b.date, &b.name, b.observes)));
        out.dedup();
        out
    }
}

impl RuleKind {
    fn date_in(self, year: i32) -> Option<NaiveDate> {
        match self {
            RuleKind::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            RuleKind::Nth { month, weekday, n } => {
                NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
            }
            RuleKind::Last { month, weekday } => {
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)
                }?;
                let last = next.pred_opt()?;
                let back = (7 + last.weekday().num_days_from_monday()
                    - weekday.num_days_from_monday())
                    % 7;
                Some(last - Duration::days(i64::from(back)))
            }
            RuleKind::Date(d) => (d.year() == year).then_some(d),
            RuleKind::Offset { month, day, offset } => NaiveDate::from_ymd_opt(year, month, day)?
                .checked_add_signed(Duration::days(i64::from(offset))),
        }
    }
}

impl Observance {
    fn observe(self, actual: NaiveDate) -> Option<NaiveDate> {
        let shift = match (self, actual.weekday()) {
            (Observance::NearestWeekday, Weekday::Sat) => -1,
            (Observance::NearestWeekday, Weekday::Sun) => 1,
            (Observance::NextMonday, Weekday::Sat) => 2,
            (Observance::NextMonday, Weekday::Sun) => 1,
            _ => return None,
        };
        actual.checked_add_signed(Duration::days(shift))
    }
}

/// Validates one `[[holiday]]` and pushes its rules onto `rules`: one, or one per date of a
/// `rule.dates` list.
fn validate_rule(raw: RawHoliday, source: &Source, rules: &mut Vec<HolidayRule>) -> Result<()> {
    let name = raw.name.get_ref().trim();
    if name.is_empty() {
        return Err(source.error(raw.name.span(), "a holiday needs a non-empty name"));
    }
    let month = |m: &Spanned<i64>| -> Result<u32> {
        u32::try_from(*m.get_ref())
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| {
                source.error(
                    m.span(),
                    format!("month {} does not exist; expected 1 to 12", m.get_ref()),
                )
            })
    };
    let weekday = |w: &Spanned<String>| -> Result<Weekday> {
        parse_weekday(w.get_ref()).ok_or_else(|| {
            source.error(
                w.span(),
                format!("unknown weekday \"{}\"; {WEEKDAY_HELP}", short(w.get_ref())),
            )
        })
    };
    let rule_span = raw.rule.span();
    let kinds: Vec<RuleKind> = match raw.rule.into_inner() {
        RawRule::Fixed(f) => {
            let m = month(&f.month)?;
            let max_day = days_in_month_leap(m);
            let day = u32::try_from(*f.day.get_ref())
                .ok()
                .filter(|d| (1..=max_day).contains(d))
                .ok_or_else(|| {
                    source.error(
                        f.day.span(),
                        format!(
                            "day {} does not exist in month {m}; expected 1 to {max_day}",
                            f.day.get_ref()
                        ),
                    )
                })?;
            vec![RuleKind::Fixed { month: m, day }]
        }
        RawRule::Nth(n) => {
            let m = month(&n.month)?;
            let w = weekday(&n.weekday)?;
            let k = u8::try_from(*n.n.get_ref())
                .ok()
                .filter(|k| (1..=5).contains(k))
                .ok_or_else(|| {
                    source.error(
                        n.n.span(),
                        format!(
                            "n = {} is not a week of the month; expected 1 to 5 (use rule.last for the last one)",
                            n.n.get_ref()
                        ),
                    )
                })?;
            vec![RuleKind::Nth {
                month: m,
                weekday: w,
                n: k,
            }]
        }
        RawRule::Last(l) => vec![RuleKind::Last {
            month: month(&l.month)?,
            weekday: weekday(&l.weekday)?,
        }],
        RawRule::Date(d) => vec![RuleKind::Date(plain_date(&d, "rule.date = ", source)?)],
        RawRule::Dates(list) if list.is_empty() => {
            return Err(source.error(
                rule_span,
                "rule.dates lists no date; give at least one, such as [2027-02-06]",
            ));
        }
        RawRule::Dates(list) => list
            .iter()
            .map(|d| plain_date(d, "the rule.dates entry ", source).map(RuleKind::Date))
            .collect::<Result<_>>()?,
    };
    let observed = match &raw.observed {
        None => Observance::None,
        Some(o) => match o.get_ref().as_str() {
            "none" => Observance::None,
            "nearest-weekday" => Observance::NearestWeekday,
            "next-monday" => Observance::NextMonday,
            other => {
                return Err(source.error(
                    o.span(),
                    format!(
                        "unknown observance \"{}\"; expected \"none\", \"nearest-weekday\" or \"next-monday\"",
                        short(other)
                    ),
                ));
            }
        },
    };
    let year = |y: &Option<Spanned<i64>>| -> Result<Option<i32>> {
        y.as_ref()
            .map(|y| {
                i32::try_from(*y.get_ref())
                    .ok()
                    .filter(|v| YEARS.contains(v))
                    .ok_or_else(|| {
                        source.error(
                            y.span(),
                            format!(
                                "year {} is outside the supported range {} to {}",
                                y.get_ref(),
                                YEARS.start(),
                                YEARS.end()
                            ),
                        )
                    })
            })
            .transpose()
    };
    let first_year = year(&raw.first_year)?;
    let last_year = year(&raw.last_year)?;
    if let (Some(f), Some(l), Some(ly)) = (first_year, last_year, &raw.last_year)
        && l < f
    {
        return Err(source.error(
            ly.span(),
            format!("last_year = {l} is before first_year = {f}"),
        ));
    }
    let name: Arc<str> = name.into();
    rules.extend(kinds.into_iter().map(|kind| HolidayRule {
        name: name.clone(),
        kind,
        observed,
        first_year,
        last_year,
    }));
    Ok(())
}

/// A date-only TOML value: `rule.date`, or an entry of `rule.dates`, which `what` names in
/// the error.
fn plain_date(
    d: &Spanned<toml::value::Datetime>,
    what: &str,
    source: &Source,
) -> Result<NaiveDate> {
    let dt = d.get_ref();
    match (dt.date, dt.time) {
        (Some(date), None) => NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        )
        .ok_or_else(|| source.error(d.span(), format!("no such date {dt}"))),
        _ => Err(source.error(
            d.span(),
            format!("{what}{dt} must be a plain date such as 2004-06-11"),
        )),
    }
}

fn days_in_month_leap(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn federal() -> HolidayCalendar {
        HolidayCalendar::built_in("us-federal").unwrap().unwrap()
    }

    #[test]
    fn built_in_calendars_parse() {
        for (name, _) in BUILT_IN {
            HolidayCalendar::built_in(name).unwrap().unwrap();
        }
    }

    #[test]
    fn new_years_day_2028_is_observed_on_friday_2027_12_31() {
        let days = federal().dates(d(2027, 12, 1), d(2027, 12, 31));
        let last = days.last().unwrap();
        assert_eq!(last.date, d(2027, 12, 31));
        assert_eq!(&*last.name, "New Year's Day");
        assert_eq!(last.observes, Some(d(2028, 1, 1)));
    }

    #[test]
    fn late_2026_matches_spec() {
        let days: Vec<_> = federal()
            .dates(d(2026, 11, 20), d(2027, 1, 2))
            .into_iter()
            .map(|h| h.date)
            .collect();
        assert_eq!(days, [d(2026, 11, 26), d(2026, 12, 25), d(2027, 1, 1)]);
    }

    #[test]
    fn month_13_is_refused_with_its_place() {
        let text = "[[holiday]]\nname = \"X\"\nrule.fixed = { month = 13, day = 1 }\n";
        let err = HolidayCalendar::parse("x", &Source::new("x.toml", text)).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("x.toml:3:24: month 13"), "{msg}");
    }

    /// `rule.dates` makes a holiday of each listed day, observed like any other, and an
    /// empty list or an entry with a time is refused at its place.
    #[test]
    fn a_list_of_dates_is_a_holiday_on_each() {
        let text = "[[holiday]]\nname = \"Lunar New Year\"\nobserved = \"next-monday\"\n\
                    rule.dates = [2026-02-17, 2027-02-06]\n";
        let cal = HolidayCalendar::parse("l", &Source::new("l.toml", text)).unwrap();
        let days: Vec<_> = cal
            .dates(d(2026, 1, 1), d(2027, 12, 31))
            .into_iter()
            .map(|h| (h.date, h.observes))
            .collect();
        // 2027-02-06 is a Saturday: observed on Monday 2027-02-08.
        assert_eq!(
            days,
            [
                (d(2026, 2, 17), None),
                (d(2027, 2, 6), None),
                (d(2027, 2, 8), Some(d(2027, 2, 6)))
            ]
        );
        let err = |rule: &str| {
            let text = format!("[[holiday]]\nname = \"X\"\n{rule}\n");
            HolidayCalendar::parse("x", &Source::new("x.toml", text))
                .unwrap_err()
                .to_string()
        };
        let empty = err("rule.dates = []");
        assert!(
            empty.starts_with("x.toml:3:1: rule.dates lists no date"),
            "{empty}"
        );
        let timed = err("rule.dates = [2027-02-06, 2027-02-07T10:00:00]");
        assert!(
            timed.starts_with(
                "x.toml:3:27: the rule.dates entry 2027-02-07T10:00:00 must be a plain date"
            ),
            "{timed}"
        );
    }

    #[test]
    fn a_holiday_needs_exactly_one_rule() {
        for rule in [
            "rule = {}",
            "rule.fixed = { month = 4, day = 1 }\nrule.last = { month = 5, weekday = \"mon\" }",
        ] {
            let text = format!("[[holiday]]\nname = \"X\"\n{rule}\n");
            let err = HolidayCalendar::parse("x", &Source::new("x.toml", text)).unwrap_err();
            assert!(err.to_string().contains("exactly one rule"), "{err}");
        }
    }

    #[test]
    fn last_weekday_rule() {
        let k = RuleKind::Last {
            month: 5,
            weekday: Weekday::Mon,
        };
        assert_eq!(k.date_in(2026), Some(d(2026, 5, 25)));
        assert_eq!(k.date_in(2021), Some(d(2021, 5, 31)));
        let k = RuleKind::Last {
            month: 12,
            weekday: Weekday::Fri,
        };
        assert_eq!(k.date_in(2027), Some(d(2027, 12, 31)));
    }
}
