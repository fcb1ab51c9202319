//! The time and date arguments (`--ready`, `--from`, `--tz`): any text is read or refused.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let zone = chrono_tz::America::Los_Angeles;
    let _ = golive::parse_instant(text, zone, "--ready");
    let _ = golive::parse_date(text, "--from");
    let _ = golive::parse_zone(text, "--tz");
});
