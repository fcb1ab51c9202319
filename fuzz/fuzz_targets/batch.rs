//! Fuzz target `batch`: see `bodies::batch`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::batch(data));
