//! Fuzz target `time_arg`: see `bodies::time_arg`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::time_arg(data));
