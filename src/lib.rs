//! golive tells when a Power Platform connector goes live in each region of Microsoft's
//! staged, calendar-bound rollout.
//!
//! # The rules
//!
//! Microsoft deploys certified connectors in weekly *trains*: a train is scheduled to start
//! every Friday at 09:00 Pacific time, and a connector rides it if its publisher said it was
//! ready at least 24 hours before (the *cutoff*; ready exactly at the cutoff counts). The
//! train then reaches six regions on consecutive deploy days: Testing on the day it starts,
//! then US preview, Asia, Europe, Brazil/Canada/Japan/India, and Australia/UK/US, each on the
//! first deploy day after the region before it. A *deploy day* is a day that is not a weekend
//! day, not a US federal holiday (its actual or observed date) and not frozen. A train whose
//! Friday is blocked leaves on the next deploy day; trains that end up leaving on the same day
//! are one train, with the latest cutoff. No answer is searched for further than three years
//! past readiness. All of this is configuration ([`Config`]); `docs/rules.md` in the
//! repository gives every rule with Microsoft's words as its source.
//!
//! # Data flows one way
//!
//! Configuration files become a validated [`Config`] (errors point at file, line and
//! column); its holiday calendars and freezes become a per-day [`Calendar`]; a [`Scheduler`]
//! finds trains, rollouts and the reason for every skipped day; a [`Plan`] fits a [`Batch`] of
//! connectors into trains; an [`Estimate`] walks a publisher's certification stages
//! (`[[stage]]`) to the train that takes the connector live; and [`export`] renders answers
//! as tables, JSON, CSV, iCalendar or HTML (behind the default `render` feature). Nothing here
//! reads the clock or the environment: "now" and file contents are passed in.
//!
//! # Example
//! ```
//! let config = golive::Config::embedded()?;
//! let ready = config.parse_ready("2026-12-18T10:00")?;
//! let scheduler = golive::Scheduler::new(&config);
//! let rollout = scheduler.rollout(ready)?;
//! // The Christmas train leaves on Monday; New Year's Day holds the fifth region to Jan 4.
//! assert_eq!(rollout.train().start.to_string(), "2026-12-28");
//! assert_eq!(rollout.date_of("br-ca-jp-in").unwrap().to_string(), "2027-01-04");
//! let fifth = config.region_by_key("br-ca-jp-in").unwrap().id();
//! let skipped = scheduler.explain(&rollout);
//! assert_eq!(skipped.region(fifth)[0].reasons[0].name, "New Year's Day");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod batch;
#[cfg(feature = "render")]
mod bytes;
mod calendar;
#[cfg(feature = "check")]
pub mod check;
mod config;
mod error;
mod estimate;
#[cfg(feature = "render")]
pub mod export;
mod graph;
mod hash;
mod holidays;
pub mod ics;
mod plan;
mod schedule;
mod source;
mod suggest;
mod time;

pub use chrono;
pub use chrono_tz;

pub use batch::{Batch, Connector, ConnectorId};
pub use calendar::{
    Calendar, Reason, ReasonKind, SUPPORTED_YEARS, check_supported_year, check_year,
};
pub use config::{
    Actor, MAX_STAGE_BUSINESS_DAYS, MAX_STAGE_WEEKS, PublisherKind, Round, Spread, Stage,
    StageUnit, UpdateKind,
};
pub use config::{
    BlockedStart, Bound, Config, DEFAULT_CONFIG, Freeze, Layer, Located, MAX_FILE_BYTES,
    MAX_REGIONS, Place, ReadFile, Region, RegionId, Season,
};
pub use error::{Blocker, Error, ErrorKind, Horizon, Location, Result, printable};
pub use estimate::{Estimate, Journey, MAX_ROUNDS, Preflight, StageEstimate, Warning, estimate};
pub use holidays::{HolidayCalendar, HolidayDate, YEARS as HOLIDAY_YEARS, holiday_data_version};
pub use plan::{
    Change, Movement, Placement, Plan, PlanTrain, Push, StreamedPlan, StreamedRow, WhatIf,
};
pub use schedule::{
    Explanation, Rollout, Scheduler, SeasonalWarning, Skipped, Train, TrainLimit, TrainRun, when,
};
pub use source::{Source, read_limited, read_up_to};
pub use time::{DayEnd, TypedTime, parse_date, parse_day, parse_time, parse_zone};

/// Plans `batch` under `config`: [`Plan::new`].
pub fn plan(config: &Config, batch: &Batch) -> Result<Plan> {
    Plan::new(config, batch)
}

// The README's Rust example runs as a doctest, so it cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
