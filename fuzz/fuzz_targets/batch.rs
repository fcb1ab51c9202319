//! A batch file, as TOML and as CSV: parsed, then planned with and without a capacity.
#![no_main]

use golive::{Batch, Config, Plan, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let config = Config::embedded().unwrap();
    for name in ["fuzz.toml", "fuzz.csv"] {
        let Ok(source) = Source::from_bytes(name, data.to_vec()) else {
            return;
        };
        if let Ok(batch) = Batch::parse(&source, config.timezone) {
            let _ = Plan::new(&config, &batch);
            let mut limited = config.clone();
            limited.max_per_train = Some(2);
            let _ = Plan::new(&limited, &batch);
        }
        if let Ok(Some(streamed)) = golive::StreamedCsvPlan::new(&config, &source) {
            let _ = streamed.write(&mut std::io::sink());
        }
    }
});
