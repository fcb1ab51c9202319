//! Fuzz target `calendar_toml`: see `bodies::calendar_toml`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::calendar_toml(data));
