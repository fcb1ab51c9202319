//! An iCalendar file, read as a holiday calendar, as a freeze calendar and as an earlier
//! export; holidays and freeze windows are expanded over the calendar's years.
#![no_main]

use golive::{Calendar, Config, HolidayCalendar, Layer, PreviousExport, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = Source::from_ics_bytes("fuzz.ics", data.to_vec()) else {
        return;
    };
    let _ = PreviousExport::parse(&source);
    let zone = chrono_tz::America::Los_Angeles;
    let day = |y| chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
    if let Ok(cal) = HolidayCalendar::parse_ics("fuzz.ics", &source, zone) {
        let _ = cal.dates(day(1971), day(2099));
    }
    let layer = Layer {
        source: Source::new("fuzz.toml", "[[freeze]]\nics = \"fuzz.ics\"\n"),
        dir: None,
    };
    if let Ok(config) = Config::load(&[layer], &|_| Ok(data.to_vec())) {
        let _ = Calendar::new(&config, day(2020), day(2035));
    }
});
