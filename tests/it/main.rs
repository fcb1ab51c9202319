//! golive's integration tests, in one binary: the CLI end to end (`cli`, through `harness`),
//! the holiday calendars against the law and published dates (`holidays`), and property tests
//! of the scheduler against an independent checker (`props`).

mod cli;
mod harness;
mod holidays;
mod plan_cli;
mod props;
