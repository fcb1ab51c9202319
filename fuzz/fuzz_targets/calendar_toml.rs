//! A holiday calendar in TOML: parsed, then expanded over a century.
#![no_main]

use golive::{HolidayCalendar, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = Source::from_bytes("fuzz.toml", data.to_vec()) else {
        return;
    };
    if let Ok(cal) = HolidayCalendar::parse("fuzz", &source) {
        let from = chrono::NaiveDate::from_ymd_opt(1971, 1, 1).unwrap();
        let until = chrono::NaiveDate::from_ymd_opt(2099, 12, 31).unwrap();
        let _ = cal.dates(from, until);
    }
});
