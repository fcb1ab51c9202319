//! Fixtures shared by golive's benchmarks: configurations with no freeze, a one-week freeze
//! and a five-year freeze, readiness instants spread over years, and generated batches.
//!
//! Everything is generated from fixed seeds, so every run measures the same work.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use golive::{Batch, Config, Connector};

/// The freeze a benchmark runs under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freeze {
    /// No freeze.
    None,
    /// One week in March 2028, every region.
    Week,
    /// Five years, 2028 to 2032, every region.
    FiveYears,
}

impl Freeze {
    /// Every variant, for benchmark groups.
    pub const ALL: [Freeze; 3] = [Freeze::None, Freeze::Week, Freeze::FiveYears];

    /// A short label for benchmark names.
    pub fn label(self) -> &'static str {
        match self {
            Freeze::None => "no-freeze",
            Freeze::Week => "week-freeze",
            Freeze::FiveYears => "five-year-freeze",
        }
    }
}

/// The default configuration with `freeze`, a ten-year horizon (so that readiness inside the
/// five-year freeze still has an answer) and `capacity` seats per train.
pub fn config(freeze: Freeze, capacity: Option<u32>) -> Config {
    let mut text = String::from("horizon_years = 10\n");
    if let Some(n) = capacity {
        text.push_str(&format!("max_per_train = {n}\n"));
    }
    text.push_str(match freeze {
        Freeze::None => "",
        Freeze::Week => "[[freeze]]\nname = \"Week\"\nfrom = 2028-03-06\nuntil = 2028-03-12\n",
        Freeze::FiveYears => {
            "[[freeze]]\nname = \"Five years\"\nfrom = 2028-01-01\nuntil = 2032-12-31\n"
        }
    });
    Config::from_toml("bench.toml", &text).expect("the benchmark configuration is valid")
}

/// A small, fixed pseudo-random sequence (xorshift64*), so runs are comparable.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

/// The first day readiness is spread from.
pub fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 1).expect("a date")
}

/// `n` readiness instants spread over `years` years from 2027, at any second, Pacific time.
pub fn readiness(n: usize, years: i64, seed: u64) -> Vec<DateTime<FixedOffset>> {
    let pacific = FixedOffset::west_opt(8 * 3600).expect("an offset");
    let start = pacific
        .from_local_datetime(&first_day().and_hms_opt(0, 0, 0).expect("a time"))
        .single()
        .expect("an instant");
    let span = (years * 365 * 86_400) as u64;
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| start + Duration::seconds(rng.below(span) as i64))
        .collect()
}

/// A batch of `n` connectors ready over ten years; with `dependencies`, every tenth waits
/// for the one five before it, when that one is ready first (so no one waits years).
pub fn batch(n: usize, dependencies: bool) -> Batch {
    let readies = readiness(n, 10, 7);
    let connectors = readies
        .iter()
        .enumerate()
        .map(|(i, &ready)| {
            let after = match dependencies && i % 10 == 9 && readies[i - 5] <= ready {
                true => vec![format!("connector-{:07}", i - 5)],
                false => Vec::new(),
            };
            Connector::new(format!("connector-{i:07}"), ready).with_after(after)
        })
        .collect();
    Batch::from_connectors(connectors).expect("the benchmark batch is valid")
}

/// A CSV batch file's text (`name,ready`, readiness over ten years), as `golive plan` reads.
pub fn batch_csv(n: usize) -> String {
    let mut text = String::from("name,ready\n");
    for (i, ready) in readiness(n, 10, 7).into_iter().enumerate() {
        text.push_str(&format!("connector-{i:07},{}\n", ready.to_rfc3339()));
    }
    text
}
