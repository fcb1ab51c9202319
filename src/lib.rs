//! golive tells when a Power Platform connector goes live in each region of Microsoft's
//! staged, calendar-bound rollout.
#![deny(missing_docs)]

mod config;
mod error;
mod holidays;
mod source;
mod time;
mod weekday;

pub use config::{BlockedStart, Bound, Config, DEFAULT_CONFIG, Freeze, Layer, MAX_REGIONS, ReadFile, Region};
pub use error::{Error, Location, Result};
pub use holidays::{HolidayCalendar, HolidayDate};
pub use source::Source;
pub use time::{parse_date, parse_instant, parse_zone};
