//! golive's integration tests, in one binary: the CLI end to end (`cli` and `plan_cli`,
//! through `harness`), the holiday calendars against the law and published dates
//! (`holidays`), property tests of the scheduler against an independent checker (`props`),
//! the batch planner against a naive reference planner (`plan`), golive's answers against
//! Microsoft's public record (`backtest`), the Lunar New Year table against the astronomy
//! (`lunar_new_year`), the journey estimate (`estimate`) with its replay against
//! observed go-live waits (`estimate_replay`), the HTML pages of `when` and `plan` (`html`),
//! every JSON output against its schema in `docs/schema/` (`schema`), and progress bars on a
//! terminal only (`progress`).

// Tests state their assumptions with unwrap, expect and panic: a failed one is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod backtest;
mod catalog;
mod check;
mod cli;
mod conventions;
mod dst;
mod estimate;
mod estimate_replay;
mod fast_paths;
mod harness;
mod holidays;
mod html;
mod ics;
mod ics_import;
mod ics_reader;
mod lunar_new_year;
mod parsers;
mod places;
mod plan;
mod plan_cli;
mod progress;
mod props;
mod schema;
mod site;
mod streams;
mod terminal;
