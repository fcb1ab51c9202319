//! golive tells when a Power Platform connector goes live in each region of Microsoft's
//! staged, calendar-bound rollout.
#![deny(missing_docs)]

mod calendar;
mod config;
mod error;
mod export;
mod holidays;
mod schedule;
mod source;
mod time;
mod weekday;

pub use calendar::{Calendar, Reason, ReasonKind};
pub use config::{
    BlockedStart, Bound, Config, DEFAULT_CONFIG, Freeze, Layer, MAX_REGIONS, ReadFile, Region,
};
pub use error::{Error, Location, Result};
pub use export::{Format, WhenReport, holidays as render_holidays, trains as render_trains};
pub use holidays::{HolidayCalendar, HolidayDate, YEARS as HOLIDAY_YEARS};
pub use schedule::{
    Rollout, SUPPORTED_YEARS, Scheduler, Skipped, Train, TrainLimit, TrainRun, check_year,
};
pub use source::Source;
pub use time::{parse_date, parse_instant, parse_zone};

// The README's Rust example runs as a doctest, so it cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
