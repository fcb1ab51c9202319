//! golive's integration tests, in one binary: the CLI end to end (`cli` and `plan_cli`,
//! through `harness`), the holiday calendars against the law and published dates
//! (`holidays`), property tests of the scheduler against an independent checker (`props`),
//! and the batch planner against a naive reference planner (`plan`).

// Tests state their assumptions with unwrap, expect and panic: a failed one is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod catalog;
mod check;
mod cli;
mod dst;
mod harness;
mod holidays;
mod ics;
mod ics_import;
mod ics_reader;
mod parsers;
mod places;
mod plan;
mod plan_cli;
mod props;
mod streams;
