mod cli;
mod harness;
mod holidays;
mod props;
