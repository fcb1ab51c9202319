//! The built-in US federal calendars against the law and against published dates.
//!
//! `law` below is an oracle written straight from the statutes, sharing nothing with
//! `src/holidays.rs` or the calendar files: it lists the legal public holidays of 5 U.S.C.
//! 6103(a) as the section read in a given year, and moves weekend holidays the way 5 U.S.C.
//! 6103(b)(1) (Saturday to the Friday before) and section 3(a) of Executive Order 11582 (Sunday
//! to the Monday after) say. The built-in `us-federal` calendar must agree with it on every day
//! from 1971-01-01 to 2100-12-31, and with the dates OPM and others published for the years
//! below.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use golive::{HolidayCalendar, HolidayDate};

fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid date in the test data")
}

fn federal() -> HolidayCalendar {
    HolidayCalendar::built_in("us-federal")
        .expect("us-federal is built in")
        .expect("us-federal parses")
}

fn closures() -> HolidayCalendar {
    HolidayCalendar::built_in("us-federal-closures")
        .expect("us-federal-closures is built in")
        .expect("us-federal-closures parses")
}

/// One day a calendar marks: (day, the actual date it stands in for if it is an observed day,
/// holiday name). Ordered by day first, so a sorted set reads like a calendar.
type Day = (NaiveDate, Option<NaiveDate>, String);

fn as_days(dates: &[HolidayDate]) -> BTreeSet<Day> {
    dates
        .iter()
        .map(|h| (h.date, h.observes, h.name.to_string()))
        .collect()
}

/// The oracle: the law's text, transcribed as plainly as possible.
mod law {
    use chrono::{Datelike, NaiveDate, Weekday};

    /// The `n`th `weekday` of a month, found by walking the month from its first day.
    fn nth(year: i32, month: u32, weekday: Weekday, n: u32) -> NaiveDate {
        let mut day = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
        let mut seen = 0;
        loop {
            if day.weekday() == weekday {
                seen += 1;
                if seen == n {
                    return day;
                }
            }
            day = day.succ_opt().unwrap();
            assert_eq!(day.month(), month, "no {n}th {weekday} in {year}-{month}");
        }
    }

    /// The last `weekday` of a month, found by walking back from its last day.
    fn last(year: i32, month: u32, weekday: Weekday) -> NaiveDate {
        let mut day = if month == 12 {
            NaiveDate::from_ymd_opt(year, 12, 31).unwrap()
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
                .unwrap()
                .pred_opt()
                .unwrap()
        };
        while day.weekday() != weekday {
            day = day.pred_opt().unwrap();
        }
        day
    }

    fn on(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    /// The legal public holidays of 5 U.S.C. 6103(a) as the section read in `year`, with their
    /// actual dates.
    ///
    /// - Until 1970: the eight holidays of the 1966 codification, all on fixed dates except
    ///   Labor Day and Thanksgiving. Only used to show that nothing from 1970 spills into 1971.
    /// - From 1971 (Public Law 90-363 of 1968, effective 1971-01-01): Washington's Birthday on
    ///   the third Monday in February, Memorial Day on the last Monday in May, Columbus Day
    ///   added on the second Monday in October, Veterans Day on the fourth Monday in October.
    /// - From 1978 (Public Law 94-97 of 1975): Veterans Day on November 11 again.
    /// - From 1986 (Public Law 98-144 of 1983, effective on the first January 1 two years after
    ///   enactment): Birthday of Martin Luther King, Jr., the third Monday in January.
    /// - From 2021 (Public Law 117-17, enacted 2021-06-17, in force at once): Juneteenth
    ///   National Independence Day, June 19.
    pub fn legal_public_holidays(year: i32) -> Vec<(&'static str, NaiveDate)> {
        use Weekday::{Mon, Thu};
        assert!(year >= 1970, "the oracle starts in 1970");
        let uniform_monday = year >= 1971;
        let mut out = vec![("New Year's Day", on(year, 1, 1))];
        if year >= 1986 {
            out.push(("Birthday of Martin Luther King, Jr.", nth(year, 1, Mon, 3)));
        }
        if uniform_monday {
            out.push(("Washington's Birthday", nth(year, 2, Mon, 3)));
            out.push(("Memorial Day", last(year, 5, Mon)));
        } else {
            out.push(("Washington's Birthday", on(year, 2, 22)));
            out.push(("Memorial Day", on(year, 5, 30)));
        }
        if year >= 2021 {
            out.push(("Juneteenth National Independence Day", on(year, 6, 19)));
        }
        out.push(("Independence Day", on(year, 7, 4)));
        out.push(("Labor Day", nth(year, 9, Mon, 1)));
        if uniform_monday {
            out.push(("Columbus Day", nth(year, 10, Mon, 2)));
        }
        if uniform_monday && year <= 1977 {
            out.push(("Veterans Day", nth(year, 10, Mon, 4)));
        } else {
            out.push(("Veterans Day", on(year, 11, 11)));
        }
        out.push(("Thanksgiving Day", nth(year, 11, Thu, 4)));
        out.push(("Christmas Day", on(year, 12, 25)));
        out
    }

    /// The day observed instead of a holiday on a weekend, for employees working Monday to
    /// Friday: the Friday before a Saturday (5 U.S.C. 6103(b)(1)), the Monday after a Sunday
    /// (Executive Order 11582, section 3(a)).
    pub fn in_lieu_of(actual: NaiveDate) -> Option<NaiveDate> {
        match actual.weekday() {
            Weekday::Sat => actual.pred_opt(),
            Weekday::Sun => actual.succ_opt(),
            _ => None,
        }
    }
}

/// Every day from `from` to `until` (inclusive) that the law makes a holiday or an in-lieu-of
/// holiday. Holidays of the year before and after count too, since their observed days can
/// cross into the window.
fn oracle(from: NaiveDate, until: NaiveDate) -> BTreeSet<Day> {
    let window = from..=until;
    let mut out = BTreeSet::new();
    for year in from.year() - 1..=until.year() + 1 {
        for (name, actual) in law::legal_public_holidays(year) {
            if window.contains(&actual) {
                out.insert((actual, None, name.to_string()));
            }
            if let Some(observed) = law::in_lieu_of(actual)
                && window.contains(&observed)
            {
                out.insert((observed, Some(actual), name.to_string()));
            }
        }
    }
    out
}

/// Lists what is in one set and not the other, to make a failure readable.
fn diff(expected: &BTreeSet<Day>, actual: &BTreeSet<Day>) -> String {
    let missing: Vec<_> = expected.difference(actual).take(20).collect();
    let extra: Vec<_> = actual.difference(expected).take(20).collect();
    format!("missing from dates(): {missing:#?}\nnot in the law: {extra:#?}")
}

#[test]
fn oracle_matches_documented_landmarks() {
    // Public Law 98-399 (1984): "January 20, 1986, marks the first observance of the Federal
    // legal holiday, established by Public Law 98-144".
    let mlk = |y| {
        law::legal_public_holidays(y)
            .into_iter()
            .find(|(n, _)| *n == "Birthday of Martin Luther King, Jr.")
            .map(|(_, date)| date)
    };
    assert_eq!(mlk(1985), None);
    assert_eq!(mlk(1986), Some(d(1986, 1, 20)));
    // Proclamation 4083 (85 Stat. 942): Veterans Day 1971 is Monday, October 25, 1971.
    assert!(law::legal_public_holidays(1971).contains(&("Veterans Day", d(1971, 10, 25))));
    // Nine holidays under the 1968 act, ten with Dr. King's birthday, eleven with Juneteenth.
    assert_eq!(law::legal_public_holidays(1971).len(), 9);
    assert_eq!(law::legal_public_holidays(1985).len(), 9);
    assert_eq!(law::legal_public_holidays(1986).len(), 10);
    assert_eq!(law::legal_public_holidays(2020).len(), 10);
    assert_eq!(law::legal_public_holidays(2021).len(), 11);
    assert_eq!(law::in_lieu_of(d(2028, 1, 1)), Some(d(2027, 12, 31)));
    assert_eq!(law::in_lieu_of(d(2022, 12, 25)), Some(d(2022, 12, 26)));
    assert_eq!(law::in_lieu_of(d(2024, 12, 25)), None);
}

#[test]
fn federal_calendar_matches_the_law_from_1971_to_2100() {
    let (from, until) = (d(1971, 1, 1), d(2100, 12, 31));
    let dates = federal().dates(from, until);
    let got = as_days(&dates);
    assert_eq!(got.len(), dates.len(), "dates() repeats a day");
    assert!(
        dates.windows(2).all(|w| w[0].date <= w[1].date),
        "dates() is not sorted by date"
    );
    let expected = oracle(from, until);
    assert!(got == expected, "{}", diff(&expected, &got));
    // The range ends: nothing from 1970 spills into 1971, and 2101's New Year's Day (a
    // Saturday) is observed on Friday 2100-12-31, inside the range.
    assert_eq!(d(2101, 1, 1).weekday(), Weekday::Sat);
    assert!(got.contains(&(
        d(2100, 12, 31),
        Some(d(2101, 1, 1)),
        "New Year's Day".into()
    )));
    assert_eq!(got.first().map(|day| day.0), Some(d(1971, 1, 1)));
}

#[test]
fn federal_calendar_matches_the_law_year_by_year() {
    // The same comparison in one-year windows, which exercises the window edges of dates():
    // an observed day in one year for a holiday of the next (or the other way round) must show
    // up in exactly the window that contains the observed day.
    let calendar = federal();
    for year in 1971..=2100 {
        let (from, until) = (d(year, 1, 1), d(year, 12, 31));
        let got = as_days(&calendar.dates(from, until));
        let expected = oracle(from, until);
        assert!(got == expected, "{year}: {}", diff(&expected, &got));
    }
}

/// Dates published for one year: (day off, holiday name). In a complete table every holiday of
/// the year is listed, on the day most federal employees have off (which can fall in the year
/// before, as New Year's Day 2022 did).
struct Published {
    year: i32,
    complete: bool,
    days: &'static [((i32, u32, u32), &'static str)],
}

const NEW_YEAR: &str = "New Year's Day";
const MLK: &str = "Birthday of Martin Luther King, Jr.";
const WASHINGTON: &str = "Washington's Birthday";
const MEMORIAL: &str = "Memorial Day";
const JUNETEENTH: &str = "Juneteenth National Independence Day";
const INDEPENDENCE: &str = "Independence Day";
const LABOR: &str = "Labor Day";
const COLUMBUS: &str = "Columbus Day";
const VETERANS: &str = "Veterans Day";
const THANKSGIVING: &str = "Thanksgiving Day";
const CHRISTMAS: &str = "Christmas Day";

/// Published holiday dates. Inauguration Day (5 U.S.C. 6103(c), Washington, D.C. area only),
/// which OPM lists in 2021 and 2025, is left out as the calendar does not model it.
const PUBLISHED: &[Published] = &[
    // Proclamation 4083 of 1971-09-23, 85 Stat. 942: Veterans Day on Monday, October 25, 1971
    // (https://presidency.ucsb.edu/node/307498).
    Published {
        year: 1971,
        complete: false,
        days: &[((1971, 10, 25), VETERANS)],
    },
    // The last Veterans Day on the fourth Monday in October: October 24, 1977
    // (http://the-american-catholic.com/2017/10/24/october-24-1977-last-veterans-day-in-october/).
    Published {
        year: 1977,
        complete: false,
        days: &[((1977, 10, 24), VETERANS)],
    },
    // OPM's 2012 list, as quoted in https://www.fedsmith.com/2012/01/02/2012-paid-federal-holidays/
    Published {
        year: 2012,
        complete: true,
        days: &[
            ((2012, 1, 2), NEW_YEAR),
            ((2012, 1, 16), MLK),
            ((2012, 2, 20), WASHINGTON),
            ((2012, 5, 28), MEMORIAL),
            ((2012, 7, 4), INDEPENDENCE),
            ((2012, 9, 3), LABOR),
            ((2012, 10, 8), COLUMBUS),
            ((2012, 11, 12), VETERANS),
            ((2012, 11, 22), THANKSGIVING),
            ((2012, 12, 25), CHRISTMAS),
        ],
    },
    // OPM's 2017 table, as quoted in https://www.fedsmith.com/2016/11/15/2017-federal-holidays/
    Published {
        year: 2017,
        complete: true,
        days: &[
            ((2017, 1, 2), NEW_YEAR),
            ((2017, 1, 16), MLK),
            ((2017, 2, 20), WASHINGTON),
            ((2017, 5, 29), MEMORIAL),
            ((2017, 7, 4), INDEPENDENCE),
            ((2017, 9, 4), LABOR),
            ((2017, 10, 9), COLUMBUS),
            ((2017, 11, 10), VETERANS),
            ((2017, 11, 23), THANKSGIVING),
            ((2017, 12, 25), CHRISTMAS),
        ],
    },
    // OPM's 2021 table, as quoted in https://www.fedsmith.com/2020/12/29/2021-federal-holidays/
    // (Juneteenth on Friday, June 18 after Public Law 117-17; OPM confirmed it on 2021-06-17,
    // https://www.federaltimes.com/management/hr/2021/06/17/feds-get-juneteenth-holiday-on-friday/).
    Published {
        year: 2021,
        complete: true,
        days: &[
            ((2021, 1, 1), NEW_YEAR),
            ((2021, 1, 18), MLK),
            ((2021, 2, 15), WASHINGTON),
            ((2021, 5, 31), MEMORIAL),
            ((2021, 6, 18), JUNETEENTH),
            ((2021, 7, 5), INDEPENDENCE),
            ((2021, 9, 6), LABOR),
            ((2021, 10, 11), COLUMBUS),
            ((2021, 11, 11), VETERANS),
            ((2021, 11, 25), THANKSGIVING),
            ((2021, 12, 24), CHRISTMAS),
        ],
    },
    // OPM's 2022 table, as quoted in https://www.fedsmith.com/2021/12/21/2022-federal-holidays/
    Published {
        year: 2022,
        complete: true,
        days: &[
            ((2021, 12, 31), NEW_YEAR),
            ((2022, 1, 17), MLK),
            ((2022, 2, 21), WASHINGTON),
            ((2022, 5, 30), MEMORIAL),
            ((2022, 6, 20), JUNETEENTH),
            ((2022, 7, 4), INDEPENDENCE),
            ((2022, 9, 5), LABOR),
            ((2022, 10, 10), COLUMBUS),
            ((2022, 11, 11), VETERANS),
            ((2022, 11, 24), THANKSGIVING),
            ((2022, 12, 26), CHRISTMAS),
        ],
    },
    // OPM's 2023 table, as copied in https://www.j4neiros.us/2023/12/federal-holidays-2023.html
    // (the same dates: https://www.nywb.uscourts.gov/court-info/court-holidays).
    Published {
        year: 2023,
        complete: true,
        days: &[
            ((2023, 1, 2), NEW_YEAR),
            ((2023, 1, 16), MLK),
            ((2023, 2, 20), WASHINGTON),
            ((2023, 5, 29), MEMORIAL),
            ((2023, 6, 19), JUNETEENTH),
            ((2023, 7, 4), INDEPENDENCE),
            ((2023, 9, 4), LABOR),
            ((2023, 10, 9), COLUMBUS),
            ((2023, 11, 10), VETERANS),
            ((2023, 11, 23), THANKSGIVING),
            ((2023, 12, 25), CHRISTMAS),
        ],
    },
    // https://opm.gov/policy-data-oversight/pay-leave/federal-holidays/ (2024 tab)
    Published {
        year: 2024,
        complete: true,
        days: &[
            ((2024, 1, 1), NEW_YEAR),
            ((2024, 1, 15), MLK),
            ((2024, 2, 19), WASHINGTON),
            ((2024, 5, 27), MEMORIAL),
            ((2024, 6, 19), JUNETEENTH),
            ((2024, 7, 4), INDEPENDENCE),
            ((2024, 9, 2), LABOR),
            ((2024, 10, 14), COLUMBUS),
            ((2024, 11, 11), VETERANS),
            ((2024, 11, 28), THANKSGIVING),
            ((2024, 12, 25), CHRISTMAS),
        ],
    },
    // https://opm.gov/policy-data-oversight/pay-leave/federal-holidays/ (2025 tab)
    Published {
        year: 2025,
        complete: true,
        days: &[
            ((2025, 1, 1), NEW_YEAR),
            ((2025, 1, 20), MLK),
            ((2025, 2, 17), WASHINGTON),
            ((2025, 5, 26), MEMORIAL),
            ((2025, 6, 19), JUNETEENTH),
            ((2025, 7, 4), INDEPENDENCE),
            ((2025, 9, 1), LABOR),
            ((2025, 10, 13), COLUMBUS),
            ((2025, 11, 11), VETERANS),
            ((2025, 11, 27), THANKSGIVING),
            ((2025, 12, 25), CHRISTMAS),
        ],
    },
    // The in-lieu-of notes of the 2027 table, in OPM's wording, as published in
    // https://www.federalholidays.net/usa/federal-holidays-2027.html
    Published {
        year: 2027,
        complete: false,
        days: &[
            ((2027, 6, 18), JUNETEENTH),
            ((2027, 7, 5), INDEPENDENCE),
            ((2027, 12, 24), CHRISTMAS),
        ],
    },
    // 2028: New Year's Day (a Saturday) observed on Friday, December 31, 2027, and Veterans Day
    // (a Saturday) on Friday, November 10 (https://calendar-12-hrd.appspot.com/federal_holidays/2028).
    Published {
        year: 2028,
        complete: false,
        days: &[((2027, 12, 31), NEW_YEAR), ((2028, 11, 10), VETERANS)],
    },
];

/// The day most employees have off for each holiday whose actual date falls in `year`: the
/// in-lieu-of day if there is one, else the holiday itself.
fn days_off(calendar: &HolidayCalendar, year: i32) -> BTreeSet<(NaiveDate, String)> {
    let dates = calendar.dates(d(year - 1, 12, 1), d(year + 1, 1, 31));
    dates
        .iter()
        .filter(|h| h.observes.is_none() && h.date.year() == year)
        .map(|actual| {
            let observed = dates
                .iter()
                .find(|o| o.observes == Some(actual.date) && o.name == actual.name);
            (observed.unwrap_or(actual).date, actual.name.to_string())
        })
        .collect()
}

#[test]
fn published_days_off_are_in_the_calendar() {
    let calendar = federal();
    for published in PUBLISHED {
        for &((y, m, day), name) in published.days {
            let date = d(y, m, day);
            let found = calendar.dates(date, date);
            let entry = found.iter().find(|h| &*h.name == name);
            let Some(entry) = entry else {
                panic!(
                    "{date} ({name}, {}) is not in dates(): {found:?}",
                    published.year
                );
            };
            // A day off on a weekday either is the holiday or stands in for a weekend one.
            match entry.observes {
                None => assert!(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun)),
                Some(actual) => {
                    assert!(matches!(actual.weekday(), Weekday::Sat | Weekday::Sun));
                    assert_eq!((actual - date).num_days().abs(), 1, "{date} {name}");
                }
            }
        }
    }
}

#[test]
fn complete_published_years_match_exactly() {
    let calendar = federal();
    let mut checked = 0;
    for published in PUBLISHED.iter().filter(|p| p.complete) {
        let expected: BTreeSet<(NaiveDate, String)> = published
            .days
            .iter()
            .map(|&((y, m, day), name)| (d(y, m, day), name.to_string()))
            .collect();
        assert_eq!(
            days_off(&calendar, published.year),
            expected,
            "days off in {}",
            published.year
        );
        checked += 1;
    }
    assert_eq!(checked, 7);
}

#[test]
fn the_tricky_observed_days() {
    let calendar = federal();
    let has = |date: NaiveDate, name: &str, actual: NaiveDate| {
        let found = calendar.dates(date, date);
        assert!(
            found
                .iter()
                .any(|h| &*h.name == name && h.observes == Some(actual)),
            "{date}: expected {name} observed for {actual}, got {found:?}"
        );
    };
    // 2021: Juneteenth's first year, and two observed days on Fridays in December, one of them
    // for a holiday of the next year.
    has(d(2021, 6, 18), JUNETEENTH, d(2021, 6, 19));
    has(d(2021, 12, 24), CHRISTMAS, d(2021, 12, 25));
    has(d(2021, 12, 31), NEW_YEAR, d(2022, 1, 1));
    // New Year's Day 2028 is observed on Friday 2027-12-31.
    has(d(2027, 12, 31), NEW_YEAR, d(2028, 1, 1));
    // Nothing for Juneteenth before Public Law 117-17.
    let june_2020 = calendar.dates(d(2020, 6, 1), d(2020, 6, 30));
    assert!(june_2020.is_empty(), "{june_2020:?}");
    // Veterans Day on the fourth Monday in October from 1971 to 1977, never on November 11.
    for year in 1971..=1977 {
        let days: Vec<_> = calendar
            .dates(d(year, 10, 1), d(year, 11, 30))
            .into_iter()
            .filter(|h| &*h.name == VETERANS)
            .map(|h| (h.date, h.observes))
            .collect();
        let date = days[0].0;
        assert_eq!(days, [(date, None)], "{year}");
        assert_eq!((date.month(), date.weekday()), (10, Weekday::Mon), "{year}");
        assert!((22..=28).contains(&date.day()), "{year}: {date}");
    }
    let veterans_1978: Vec<_> = calendar
        .dates(d(1978, 10, 1), d(1978, 11, 30))
        .into_iter()
        .filter(|h| &*h.name == VETERANS)
        .map(|h| h.date)
        .collect();
    assert_eq!(veterans_1978, [d(1978, 11, 10), d(1978, 11, 11)]);
}

/// The closures verified for calendars/us-federal-closures.toml, with the name each entry has.
const CLOSURES: &[((i32, u32, u32), &str)] = &[
    ((2001, 12, 24), "Christmas Eve closure (executive order)"),
    (
        (2003, 12, 26),
        "Day after Christmas closure (executive order)",
    ),
    (
        (2004, 6, 11),
        "National Day of Mourning for President Ronald Reagan (executive order)",
    ),
    (
        (2007, 1, 2),
        "National Day of Mourning for President Gerald R. Ford (executive order)",
    ),
    (
        (2007, 12, 24),
        "Christmas Eve closure (Executive Order 13453)",
    ),
    (
        (2008, 12, 26),
        "Day after Christmas closure (executive order)",
    ),
    (
        (2012, 12, 24),
        "Christmas Eve closure (Executive Order 13633)",
    ),
    (
        (2014, 12, 26),
        "Day after Christmas closure (Executive Order 13682)",
    ),
    (
        (2018, 12, 5),
        "National Day of Mourning for President George H. W. Bush (Executive Order 13852)",
    ),
    (
        (2018, 12, 24),
        "Christmas Eve closure (Executive Order 13854)",
    ),
    (
        (2019, 12, 24),
        "Christmas Eve closure (Executive Order 13900)",
    ),
    (
        (2020, 12, 24),
        "Christmas Eve closure (Executive Order 13965)",
    ),
    (
        (2024, 12, 24),
        "Christmas Eve closure (Executive Order 14129)",
    ),
    (
        (2025, 1, 9),
        "National Day of Mourning for President Jimmy Carter (Executive Order 14133)",
    ),
    (
        (2025, 12, 24),
        "Christmas Eve closure (Executive Order 14371)",
    ),
    (
        (2025, 12, 26),
        "Day after Christmas closure (Executive Order 14371)",
    ),
];

#[test]
fn closures_calendar_lists_exactly_the_verified_closures() {
    let calendar = closures();
    // The widest range the calendars support, so that a mistyped year would show up too.
    let got: Vec<_> = calendar
        .dates(d(1900, 1, 1), d(2200, 12, 31))
        .into_iter()
        .map(|h| (h.date, h.name.to_string(), h.observes))
        .collect();
    let expected: Vec<_> = CLOSURES
        .iter()
        .map(|&((y, m, day), name)| (d(y, m, day), name.to_string(), None))
        .collect();
    assert_eq!(got, expected);
    // Every closure is a weekday that is not itself a federal holiday.
    let federal = federal();
    for (date, name, _) in &got {
        assert!(
            !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
            "{date} {name}"
        );
        let same_day = federal.dates(*date, *date);
        assert!(same_day.is_empty(), "{date} {name}: {same_day:?}");
    }
}

/// A TOML calendar may define up to 10,000 holidays, so that listing one over every
/// supported year stays bounded; one more is refused with the count.
#[test]
fn toml_calendars_are_bounded() {
    let text = |n: usize| -> String {
        (0..n)
            .map(|i| format!("[[holiday]]\nname = \"H{i}\"\nrule.date = 2027-01-01\n"))
            .collect()
    };
    let source = golive::Source::new("many.toml", text(10_000));
    assert!(HolidayCalendar::parse("many", &source).is_ok());
    let source = golive::Source::new("many.toml", text(10_001));
    let err = HolidayCalendar::parse("many", &source)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "many.toml:1:1: this calendar defines 10001 holidays; golive reads up to 10000 per calendar"
    );
}
