//! golive tells when a Power Platform connector goes live in each region of Microsoft's
//! staged, calendar-bound rollout.
//!
//! Data flows one way: configuration files become a validated [`Config`] (errors point at
//! file, line and column); its holiday calendars and freezes become per-day [`Calendar`]
//! tables; a [`Scheduler`] finds trains, rollouts and the reason for every skipped day; and the
//! export functions render answers as tables, JSON, CSV or iCalendar. Nothing here reads the
//! clock or the environment: "now" and file contents are passed in.
//!
//! # Example
//! ```
//! let config = golive::Config::embedded()?;
//! let ready = golive::parse_instant("2026-12-18T10:00", config.timezone, "ready")?;
//! let scheduler = golive::Scheduler::for_ready(&config, ready);
//! let rollout = scheduler.rollout(ready)?;
//! // The Christmas train leaves on Monday; New Year's Day holds the fifth region to Jan 4.
//! assert_eq!(rollout.train.start.to_string(), "2026-12-28");
//! assert_eq!(rollout.dates[4].to_string(), "2027-01-04");
//! let skipped = scheduler.explain(&rollout);
//! assert_eq!(skipped[4][0].reasons[0].name, "New Year's Day");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod batch;
mod calendar;
pub mod check;
mod config;
mod error;
mod export;
mod graph;
mod holidays;
mod ics;
mod plan;
mod schedule;
mod source;
mod time;
mod weekday;

pub use batch::{Batch, Connector};
pub use calendar::{Calendar, Reason, ReasonKind};
pub use config::{
    BlockedStart, Bound, Config, DEFAULT_CONFIG, Freeze, Layer, MAX_REGIONS, ReadFile, Region,
};
pub use error::{Error, Location, Result, printable};
pub use export::ical::{
    deploy_calendar as render_deploy_calendar, holidays as render_holidays_ics,
    plan as render_plan_ics, trains as render_trains_ics, when as render_when_ics,
};
pub use export::{
    Format, IcsOptions, PreviousExport, StreamedCsvPlan, WhenReport, holidays as render_holidays,
    plan as render_plan, trains as render_trains, what_if as render_what_if,
};
pub use holidays::{HolidayCalendar, HolidayDate, YEARS as HOLIDAY_YEARS};
pub use plan::{Change, Movement, Placement, Plan, PlanTrain, Push, WhatIf};
pub use schedule::{
    Rollout, SUPPORTED_YEARS, Scheduler, Skipped, Train, TrainLimit, TrainRun, check_year,
};
pub use source::Source;
pub use time::{parse_date, parse_instant, parse_zone};

// The README's Rust example runs as a doctest, so it cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
