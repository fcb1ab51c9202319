//! Writes the benchmark batch as a CSV file to stdout: `name,ready` rows with readiness
//! spread over ten years, as the README's whole-process measurement of `golive plan` uses.
//!
//! `cargo run --release --example batch-csv -- 1000000 > /tmp/b1m.csv`

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    print!("{}", golive_bench::batch_csv(n));
}
