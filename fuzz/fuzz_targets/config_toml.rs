//! Fuzz target `config_toml`: see `bodies::config_toml`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::config_toml(data));
