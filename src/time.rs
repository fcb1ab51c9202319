//! Reading the times people type, and turning local times into instants.
//!
//! Two rules of docs/rules.md meet here. Times the user types (rule 8): RFC 3339 with an
//! offset is an instant; a date-time without an offset is in a given zone, a nonexistent local
//! time (a DST gap) is shifted forward by the length of the gap and an ambiguous one (a fold)
//! takes the earlier instant; a bare date is 00:00 of that day. Deploy instants ("Words"): a
//! deploy time inside a gap is the first instant after the gap.

use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc,
};
use chrono_tz::Tz;

use crate::error::{Error, Result};

/// How a nonexistent local time (in a DST gap) is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gap {
    /// Shift forward by the gap's length (02:30 in a 02:00–03:00 gap becomes 03:30).
    ShiftForward,
    /// The first instant after the gap (02:30 in a 02:00–03:00 gap becomes 03:00).
    AfterGap,
}

/// Resolves a local date-time in `tz` to an instant: in a fold the earlier instant, in a gap
/// as `gap` says.
pub(crate) fn resolve_local(tz: Tz, local: NaiveDateTime, gap: Gap) -> DateTime<Tz> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t,
        LocalResult::Ambiguous(earlier, _) => earlier,
        LocalResult::None => resolve_gap(tz, local, gap),
    }
}

fn resolve_gap(tz: Tz, local: NaiveDateTime, gap: Gap) -> DateTime<Tz> {
    // Offsets in force a day either side; no zone has two transitions within two days.
    let offset_at = |t: NaiveDateTime| tz.offset_from_utc_datetime(&t).fix();
    let before = offset_at(local - Duration::days(1));
    let after = offset_at(local + Duration::days(1));
    // Read with the offset before the gap, the local time lands after it, shifted forward by
    // exactly the gap's length.
    let shifted = (local - Duration::seconds(i64::from(before.local_minus_utc()))).and_utc();
    match gap {
        Gap::ShiftForward => shifted.with_timezone(&tz),
        Gap::AfterGap => {
            // The transition lies between the reading with the later offset and `shifted`:
            // find the first second whose offset is the later one. Transitions fall on whole
            // seconds, so a search over whole seconds finds it exactly.
            let secs = |t: NaiveDateTime| t.and_utc().timestamp();
            let mut lo = secs(local) - i64::from(after.local_minus_utc());
            let mut hi = shifted.timestamp();
            let offset_of = |s: i64| {
                DateTime::from_timestamp(s, 0)
                    .map(|t| tz.offset_from_utc_datetime(&t.naive_utc()).fix())
            };
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset_of(mid) == Some(after) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            DateTime::from_timestamp(hi, 0)
                .map_or(shifted, |t| t)
                .with_timezone(&tz)
        }
    }
}

/// The instant of `time` on `date` in `tz`, as deploy instants are defined: a time in a gap
/// is the first instant after the gap, a time in a fold the earlier instant.
pub(crate) fn deploy_instant(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Tz> {
    resolve_local(tz, date.and_time(time), Gap::AfterGap)
}

/// `Fri 2026-11-27 09:00 PST`: an instant as golive's messages and tables show it.
pub(crate) fn stamp(t: DateTime<Tz>) -> String {
    t.format("%a %Y-%m-%d %H:%M %Z").to_string()
}

/// Parses a time zone name from the IANA database, such as `Europe/Paris` or `UTC`, in any
/// case (`asia/tokyo`).
///
/// # Example
/// ```
/// assert_eq!(golive::parse_zone("Asia/Tokyo")?, golive::chrono_tz::Asia::Tokyo);
/// assert_eq!(golive::parse_zone("asia/tokyo")?, golive::chrono_tz::Asia::Tokyo);
/// let err = golive::parse_zone("Europe/Londn").unwrap_err();
/// assert!(err.to_string().contains("(did you mean Europe/London?)"), "{err}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_zone(text: &str) -> Result<Tz> {
    zone_arg(text, "time zone")
}

/// [`parse_zone`], naming `what` (an argument or key) in the error.
pub(crate) fn zone_arg(text: &str, what: &str) -> Result<Tz> {
    find_zone(text).ok_or_else(|| {
        let hint = match zone_suggestions(text).as_slice() {
            [] => String::new(),
            names => format!(" (did you mean {}?)", crate::suggest::or_list(names)),
        };
        Error::argument(
            what,
            text,
            format!(
                "unknown time zone{hint}; use an IANA name such as America/Los_Angeles or Europe/Paris"
            ),
        )
    })
}

/// The zone of the IANA database named `text`, in any case, spaces around ignored.
pub(crate) fn find_zone(text: &str) -> Option<Tz> {
    let name = text.trim();
    name.parse::<Tz>().ok().or_else(|| {
        chrono_tz::TZ_VARIANTS
            .iter()
            .copied()
            .find(|z| z.name().eq_ignore_ascii_case(name))
    })
}

/// The zone names nearest to a mistyped one: names a letter or two away, or whose city is
/// the one typed (`Tokyo` for `Asia/Tokyo`).
pub(crate) fn zone_suggestions(text: &str) -> Vec<&'static str> {
    let names: Vec<&'static str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
    let mut found = crate::suggest::nearest(text.trim(), &names, 3);
    if found.is_empty() && !text.contains('/') {
        let cities: Vec<&'static str> = names
            .iter()
            .filter_map(|n| n.rsplit_once('/').map(|(_, city)| city))
            .collect();
        for city in crate::suggest::nearest(&text.trim().replace(' ', "_"), &cities, 3) {
            found.extend(
                names
                    .iter()
                    .filter(|n| n.rsplit_once('/').is_some_and(|(_, c)| c == city)),
            );
        }
        found.truncate(3);
    }
    found
}

/// ` (did you mean "Europe/London"?)` for a mistyped zone name, or nothing.
pub(crate) fn did_you_mean_zone(text: &str) -> String {
    match zone_suggestions(text).as_slice() {
        [] => String::new(),
        names => {
            let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
            let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
            format!(" (did you mean {}?)", crate::suggest::or_list(&quoted))
        }
    }
}

/// The common RFC 3339 form `2026-11-22T10:00:00-08:00` (or `Z`, no fraction), read without
/// the general parser; `None` for anything else, which the general parser then reads (and
/// explains, if it is wrong).
pub(crate) fn parse_rfc3339_fast(text: &str) -> Option<DateTime<FixedOffset>> {
    let b = text.as_bytes();
    if !(b.len() == 20 || b.len() == 25)
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let offset = match (b.len(), b[19]) {
        (20, b'Z' | b'z') => 0,
        (25, sign @ (b'+' | b'-')) if b[22] == b':' => {
            let (hours, minutes) = (num(20..22)?, num(23..25)?);
            if minutes > 59 {
                return None;
            }
            let secs = (hours * 60 + minutes) as i32 * 60;
            if sign == b'-' { -secs } else { secs }
        }
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
    let time = chrono::NaiveTime::from_hms_opt(num(11..13)?, num(14..16)?, num(17..19)?)?;
    let offset = FixedOffset::east_opt(offset)?;
    date.and_time(time).and_local_timezone(offset).single()
}

/// Parses an instant the way people type one, reading a time without an offset in `zone`.
///
/// Accepted forms: `2026-11-22T10:00:00-08:00` (RFC 3339; seconds optional, `Z` or a
/// numeric offset, `T` or a space), `2026-11-22T10:00` (a local date-time in `zone`) and
/// `2026-11-22` (00:00 of that day in `zone`). `argument` names the argument for errors.
pub(crate) fn parse_instant(text: &str, zone: Tz, argument: &str) -> Result<DateTime<FixedOffset>> {
    Ok(parse_typed(text, argument)?.in_zone(zone))
}

/// A time as people type it, before a zone is applied to it: a date, a local date-time, or an
/// instant with an offset.
///
/// Parsing accepts `2026-11-22T10:00:00-08:00` (RFC 3339; seconds and fractions optional, `Z`
/// or a numeric offset, `T` or a space), `2026-11-22T10:00` and `2026-11-22`.
///
/// # Example
/// ```
/// use golive::TypedTime;
/// let zone = golive::chrono_tz::America::Los_Angeles;
/// let t: TypedTime = "2026-11-22T10:00".parse()?;
/// assert_eq!(t.in_zone(zone).to_rfc3339(), "2026-11-22T10:00:00-08:00");
/// let t: TypedTime = "2026-11-22T10:00Z".parse()?;
/// assert_eq!(t.in_zone(zone).to_rfc3339(), "2026-11-22T10:00:00+00:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypedTime {
    /// A bare date: 00:00 of that day.
    Date(NaiveDate),
    /// A date and time without an offset.
    Local(NaiveDateTime),
    /// A date and time with an offset: an instant.
    Instant(DateTime<FixedOffset>),
}

impl TypedTime {
    /// The instant this denotes when local times are in `zone`: a local time in a
    /// daylight-saving gap is shifted forward by the gap's length, one in a fold is the
    /// earlier instant.
    pub fn in_zone(self, zone: Tz) -> DateTime<FixedOffset> {
        match self {
            TypedTime::Date(d) => {
                resolve_local(zone, d.and_time(NaiveTime::MIN), Gap::ShiftForward).fixed_offset()
            }
            TypedTime::Local(t) => resolve_local(zone, t, Gap::ShiftForward).fixed_offset(),
            TypedTime::Instant(t) => t,
        }
    }
}

impl std::str::FromStr for TypedTime {
    type Err = Error;

    /// Errors name the argument `time`; [`Error::for_argument`] renames it.
    fn from_str(text: &str) -> Result<TypedTime> {
        parse_typed(text, "time")
    }
}

/// Parses a date, a local date-time or an RFC 3339 instant without applying a zone.
pub(crate) fn parse_typed(text: &str, argument: &str) -> Result<TypedTime> {
    let err = |message: &str| Error::argument(argument, text, message);
    if let Some(c) = text.chars().find(|c| c.is_control() && !c.is_whitespace()) {
        return Err(err(&format!(
            "it holds a control character ({}), which no date or time has",
            c.escape_unicode()
        )));
    }
    let s = text.trim();
    if s.len() < 10 || !s.is_char_boundary(10) {
        return Err(err(
            "expected a date (YYYY-MM-DD), a date-time (YYYY-MM-DDTHH:MM[:SS]) or RFC 3339 with an offset",
        ));
    }
    if !s.as_bytes()[..4].iter().all(u8::is_ascii_digit) || s.as_bytes()[4] != b'-' {
        return Err(err(
            "expected a date YYYY-MM-DD with a four-digit year, optionally followed by a time",
        ));
    }
    let (date_part, rest) = s.split_at(10);
    let date = date_arg(date_part, argument).map_err(|_| {
        err("expected a date YYYY-MM-DD that exists (month 1-12, day within the month)")
    })?;
    if rest.is_empty() {
        return Ok(TypedTime::Date(date));
    }
    let rest = rest
        .strip_prefix(['T', 't', ' '])
        .ok_or_else(|| err("expected 'T' or a space between the date and the time"))?;
    // Split the clock time from an offset suffix.
    let (clock, offset) = match rest.find(['Z', 'z', '+', '-']) {
        Some(i) => (&rest[..i], Some(&rest[i..])),
        None => (rest, None),
    };
    let time = parse_clock(clock).ok_or_else(|| {
        err("expected a time HH:MM or HH:MM:SS that exists (hours 00-23, minutes and seconds 00-59)")
    })?;
    let local = date.and_time(time);
    match offset {
        None => Ok(TypedTime::Local(local)),
        Some(o) => {
            let offset = parse_offset(o).ok_or_else(|| {
                err("expected an offset such as Z, +01:00 or -08:00 (at most ±23:59)")
            })?;
            offset
                .from_local_datetime(&local)
                .single()
                .map(TypedTime::Instant)
                .ok_or_else(|| err("the date-time is out of range"))
        }
    }
}

/// Which day of a year or month a shorthand for a range's end stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayEnd {
    /// The first day: `--from 2027` is 2027-01-01, `--from 2027-03` is 2027-03-01.
    First,
    /// The last day: `--until 2027` is 2027-12-31, `--until 2027-02` is 2027-02-28.
    Last,
}

/// Parses a day as every `--from` and `--until` takes it: a date `YYYY-MM-DD`, a year
/// `YYYY` or a year and month `YYYY-MM` (its first or last day, as `end` says), or `today`,
/// `tomorrow` or `now` (today), counted from `today`. Any case, spaces around ignored.
///
/// # Example
/// ```
/// use golive::{DayEnd, parse_day};
/// let today = golive::chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
/// assert_eq!(parse_day("2027", DayEnd::First, today)?.to_string(), "2027-01-01");
/// assert_eq!(parse_day("2028-02", DayEnd::Last, today)?.to_string(), "2028-02-29");
/// assert_eq!(parse_day("tomorrow", DayEnd::Last, today)?.to_string(), "2026-12-03");
/// assert_eq!(parse_day("2026-11-01", DayEnd::Last, today)?.to_string(), "2026-11-01");
/// assert!(parse_day("2026-13", DayEnd::First, today).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_day(text: &str, end: DayEnd, today: NaiveDate) -> Result<NaiveDate> {
    let s = text.trim();
    let expected = "expected a date (YYYY-MM-DD), a year (2027), a year and month (2027-03), today or tomorrow";
    let err = |message: &str| Error::argument("date", text, message);
    if let Some(day) = relative_day(s, today) {
        return day.ok_or_else(|| err("is past the last date golive can count"));
    }
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    match s.len() {
        4 if digits(s) => {
            let year: i32 = s.parse().map_err(|_| err(expected))?;
            let (month, day) = match end {
                DayEnd::First => (1, 1),
                DayEnd::Last => (12, 31),
            };
            NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| err(expected))
        }
        7 if digits(&s[..4]) && s.as_bytes()[4] == b'-' && digits(&s[5..]) => {
            let (year, month): (i32, u32) = (
                s[..4].parse().map_err(|_| err(expected))?,
                s[5..].parse().map_err(|_| err(expected))?,
            );
            let first = NaiveDate::from_ymd_opt(year, month, 1)
                .ok_or_else(|| err("no such month (month 01-12)"))?;
            match end {
                DayEnd::First => Ok(first),
                DayEnd::Last => first
                    .checked_add_months(chrono::Months::new(1))
                    .and_then(|d| d.pred_opt())
                    .ok_or_else(|| err(expected)),
            }
        }
        10 => date_arg(s, "date").map_err(|e| match e.kind() {
            crate::ErrorKind::Argument { message, .. } if message.starts_with("no such") => {
                err(message)
            }
            _ => err(expected),
        }),
        _ => Err(err(expected)),
    }
}

/// `today`, `tomorrow` and `now` (today), in any case; `Some(None)` past the last date.
fn relative_day(s: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
    match s.to_ascii_lowercase().as_str() {
        "today" | "now" => Some(Some(today)),
        "tomorrow" => Some(today.succ_opt()),
        _ => None,
    }
}

/// Parses a time as `--ready` and `--since` take it: `now` (the instant `now`), `today` or
/// `tomorrow` (00:00 of that day in `zone`), or any form [`TypedTime`] reads, a local time
/// being in `zone`.
///
/// # Example
/// ```
/// let zone = golive::chrono_tz::America::Los_Angeles;
/// let now = "2026-12-02T17:30:09Z".parse::<golive::chrono::DateTime<golive::chrono::Utc>>()?;
/// assert_eq!(golive::parse_time("now", now, zone)?.to_rfc3339(), "2026-12-02T09:30:09-08:00");
/// assert_eq!(golive::parse_time("Tomorrow", now, zone)?.to_rfc3339(), "2026-12-03T00:00:00-08:00");
/// assert_eq!(golive::parse_time("2026-11-22T10:00", now, zone)?.to_rfc3339(), "2026-11-22T10:00:00-08:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_time(text: &str, now: DateTime<Utc>, zone: Tz) -> Result<DateTime<FixedOffset>> {
    let s = text.trim();
    if s.eq_ignore_ascii_case("now") {
        return Ok(now.with_timezone(&zone).fixed_offset());
    }
    let today = now.with_timezone(&zone).date_naive();
    match relative_day(s, today) {
        Some(Some(day)) => Ok(TypedTime::Date(day).in_zone(zone)),
        Some(None) => Err(Error::argument(
            "time",
            text,
            "is past the last date golive can count",
        )),
        None => match parse_typed(text, "time") {
            Ok(t) => Ok(t.in_zone(zone)),
            // A word that is none of the three: name them.
            Err(_) if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic()) => {
                Err(Error::argument(
                    "time",
                    text,
                    "expected now, today, tomorrow, a date (YYYY-MM-DD), a date-time (YYYY-MM-DDTHH:MM[:SS]) or RFC 3339 with an offset",
                ))
            }
            Err(e) => Err(e),
        },
    }
}

/// Parses a calendar date `YYYY-MM-DD`.
///
/// # Example
/// ```
/// assert_eq!(golive::parse_date("2026-12-02")?.to_string(), "2026-12-02");
/// assert!(golive::parse_date("2026-02-30").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    date_arg(text, "date")
}

/// [`parse_date`], naming `argument` in the error.
pub(crate) fn date_arg(text: &str, argument: &str) -> Result<NaiveDate> {
    let s = text.trim();
    let b = s.as_bytes();
    let ok_shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !ok_shape {
        return Err(Error::argument(
            argument,
            text,
            "expected a date YYYY-MM-DD",
        ));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        Error::argument(
            argument,
            text,
            "no such date (month 1-12, day within the month)",
        )
    })
}

fn parse_clock(s: &str) -> Option<NaiveTime> {
    let b = s.as_bytes();
    let two = |i: usize| -> Option<u32> {
        let (h, l) = (*b.get(i)?, *b.get(i + 1)?);
        (h.is_ascii_digit() && l.is_ascii_digit())
            .then(|| u32::from(h - b'0') * 10 + u32::from(l - b'0'))
    };
    let (h, m) = (two(0)?, two(3)?);
    if b.get(2) != Some(&b':') {
        return None;
    }
    let (sec, nanos) = match b.len() {
        5 => (0, 0),
        n if n >= 8 && b[5] == b':' => {
            let sec = two(6)?;
            let frac = &s[8..];
            let nanos = if frac.is_empty() {
                0
            } else {
                let digits = frac.strip_prefix(['.', ','])?;
                if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                // RFC 3339 allows any number of digits; nanoseconds keep the first nine.
                let kept = &digits[..digits.len().min(9)];
                let v: u32 = kept.parse().ok()?;
                v * 10u32.pow(9 - kept.len() as u32)
            };
            (sec, nanos)
        }
        _ => return None,
    };
    NaiveTime::from_hms_nano_opt(h, m, sec, nanos)
}

fn parse_offset(s: &str) -> Option<FixedOffset> {
    if s.eq_ignore_ascii_case("z") {
        return Some(Utc.fix());
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(|c| *c != ':').collect();
    if !(digits.len() == 2 || digits.len() == 4) || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // Reject "+0800" written as "+08:0" and the like: a colon may only stand after the hours.
    if s.len() > 3 && s.contains(':') && s.as_bytes()[3] != b':' {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = if digits.len() == 4 {
        digits[2..].parse().ok()?
    } else {
        0
    };
    if h > 23 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// Parses a clock time `HH:MM` (as in `deploy_time`).
pub(crate) fn parse_hh_mm(s: &str) -> Option<NaiveTime> {
    (s.len() == 5).then(|| parse_clock(s)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn la() -> Tz {
        "America/Los_Angeles".parse().unwrap()
    }

    proptest::proptest! {
        /// The fast RFC 3339 reader agrees with the general one wherever it answers, and
        /// leaves everything else to it: over the shapes it reads, with out-of-range fields
        /// and offsets it must refuse.
        #[test]
        fn fast_rfc3339_agrees_with_the_general_parser(
            year in 1960u32..2110, month in 0u32..14, day in 0u32..33,
            hour in 0u32..26, minute in 0u32..61, second in 0u32..62,
            zulu in proptest::bool::weighted(0.25), west in proptest::bool::ANY,
            offset_hours in 0u32..16, offset_minutes in proptest::sample::select(vec![0u32, 30, 45, 59, 60]),
        ) {
            let offset = match zulu {
                true => "Z".to_string(),
                false => format!(
                    "{}{offset_hours:02}:{offset_minutes:02}",
                    if west { '-' } else { '+' }
                ),
            };
            let text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{offset}");
            let general = parse_typed(&text, "ready").ok().map(|t| t.in_zone(la()));
            match parse_rfc3339_fast(&text) {
                Some(fast) => {
                    proptest::prop_assert_eq!(Some(fast), general, "{}", text);
                    let general = general.unwrap();
                    proptest::prop_assert_eq!(fast.offset(), general.offset());
                }
                // What the fast reader leaves, the general one refuses or reads differently
                // shaped text; for these shapes it must refuse it too.
                None => proptest::prop_assert!(general.is_none(), "{}", text),
            }
        }
    }

    #[test]
    fn fast_rfc3339_leaves_other_forms_to_the_general_parser() {
        for other in [
            "2026-11-22",
            "2026-11-22T10:00",
            "2026-11-22T10:00:00.5Z",
            "2026-11-22 10:00:00Z",
        ] {
            assert_eq!(parse_rfc3339_fast(other), None, "{other}");
        }
    }

    fn p(s: &str) -> String {
        parse_instant(s, la(), "--ready").unwrap().to_rfc3339()
    }

    #[test]
    fn forms_users_type() {
        assert_eq!(p("2026-11-22T10:00-08:00"), "2026-11-22T10:00:00-08:00");
        assert_eq!(p("2026-11-22T10:00:00-08:00"), "2026-11-22T10:00:00-08:00");
        assert_eq!(p("2026-11-22 10:00:00+0530"), "2026-11-22T10:00:00+05:30");
        assert_eq!(p("2026-11-22T18:00Z"), "2026-11-22T18:00:00+00:00");
        assert_eq!(p("2026-11-22T10:00"), "2026-11-22T10:00:00-08:00");
        assert_eq!(p("2026-11-22"), "2026-11-22T00:00:00-08:00");
        assert_eq!(p("2026-11-26T09:00:01"), "2026-11-26T09:00:01-08:00");
        assert_eq!(
            p("2026-11-22T10:00:00.5+14:00"),
            "2026-11-22T10:00:00.500+14:00"
        );
        assert_eq!(
            p("2026-11-22T10:00:00.1234567899-08:00"),
            "2026-11-22T10:00:00.123456789-08:00"
        );
    }

    #[test]
    fn gap_shifts_forward_and_fold_takes_earlier() {
        // 2026-03-08 02:30 does not exist in Los Angeles; 2026-11-01 01:30 happens twice.
        assert_eq!(p("2026-03-08T02:30"), "2026-03-08T03:30:00-07:00");
        assert_eq!(p("2026-11-01T01:30"), "2026-11-01T01:30:00-07:00");
    }

    #[test]
    fn deploy_time_in_gap_is_first_instant_after_it() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
        let t = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        assert_eq!(
            deploy_instant(la(), d, t).to_rfc3339(),
            "2026-03-08T03:00:00-07:00"
        );
        let d = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let t = NaiveTime::from_hms_opt(1, 30, 0).unwrap();
        assert_eq!(
            deploy_instant(la(), d, t).to_rfc3339(),
            "2026-11-01T01:30:00-07:00"
        );
    }

    #[test]
    fn bad_forms_are_refused() {
        for bad in [
            "",
            "2026",
            "2026-13-01",
            "2026-02-30",
            "2026-11-22T25:00",
            "2026-11-22T10:60",
            "2026-11-22T10",
            "2026-11-22X10:00",
            "2026-11-22T10:00+24:00",
            "2026-11-22T10:00+8",
            "tomorrow",
            "2026-11-22T10:00:00.",
            "22-11-2026",
            "99999-01-01",
            "2026-11-22T10:00 PST",
            "2026-1-22",
            "２０２６-11-22",
        ] {
            assert!(parse_instant(bad, la(), "--ready").is_err(), "{bad} parsed");
        }
    }
}
