//! A configuration file laid over the default: any bytes give a configuration or an error,
//! and a configuration answers `golive when` or says why not, never a panic or a hang.
#![no_main]

use golive::{Config, Layer, Scheduler, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = Source::from_bytes("fuzz.toml", data.to_vec()) else {
        return;
    };
    let layer = Layer { source, dir: None };
    // Calendar and .ics paths read nothing: the fuzzer's bytes are the only input.
    let Ok(config) = Config::load(&[layer], &|_| Err(std::io::Error::other("no files"))) else {
        return;
    };
    let _ = config.to_toml();
    if let Ok(ready) = golive::parse_instant("2026-11-22T10:00:00-08:00", config.timezone, "ready")
    {
        let scheduler = Scheduler::for_ready(&config, ready);
        if let Ok(rollout) = scheduler.rollout(ready) {
            let _ = scheduler.explain(&rollout);
        }
    }
});
