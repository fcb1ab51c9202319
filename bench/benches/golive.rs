//! golive's benchmarks (criterion). Run from `bench/`: `cargo bench`.
//!
//! Every timed loop checks its result, so a benchmark cannot measure a broken answer.

use std::hint::black_box;

use chrono::{Datelike, NaiveDate};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use golive::{HolidayCalendar, Plan, Scheduler, TrainLimit};
use golive_bench::{Freeze, batch, config, readiness};

/// One rollout (six regions) for a readiness instant drawn from 1,024 spread over five years.
fn rollout(c: &mut Criterion) {
    let mut group = c.benchmark_group("rollout");
    for freeze in Freeze::ALL {
        let config = config(freeze, None);
        let readies = readiness(1024, 5, 42);
        let scheduler = Scheduler::new(&config);
        // The tables are laid out once, as a scheduler answering many readiness instants does.
        for &ready in &readies {
            scheduler.rollout(ready).expect("a rollout");
        }
        let mut i = 0;
        group.bench_function(freeze.label(), |b| {
            b.iter(|| {
                let ready = readies[i % readies.len()];
                i += 1;
                let rollout = scheduler.rollout(black_box(ready)).expect("a rollout");
                // The train's cutoff is not before readiness (the rule of the train ridden).
                assert!(rollout.train().cutoff.to_utc() >= ready.to_utc());
                rollout
            })
        });
    }
    group.finish();
}

/// Every train of a year, rolled out.
fn trains(c: &mut Criterion) {
    let mut group = c.benchmark_group("trains-one-year");
    for freeze in Freeze::ALL {
        let config = config(freeze, None);
        let from = NaiveDate::from_ymd_opt(2028, 1, 1).expect("a date");
        let until = NaiveDate::from_ymd_opt(2028, 12, 31).expect("a date");
        group.bench_function(freeze.label(), |b| {
            b.iter(|| {
                let scheduler = Scheduler::new(&config);
                let runs = scheduler
                    .trains(black_box(from), TrainLimit::Until(until))
                    .expect("trains");
                // 52 or 53 Fridays, one fewer for the week's freeze; none inside the
                // five-year freeze.
                let expected = match freeze {
                    Freeze::FiveYears => 0..=0,
                    _ => 51..=53,
                };
                assert!(expected.contains(&runs.len()), "{}", runs.len());
                runs.len()
            })
        });
    }
    group.finish();
}

/// The US federal calendar expanded over 1971 to 2100.
fn holidays(c: &mut Criterion) {
    let calendar = HolidayCalendar::built_in("us-federal")
        .expect("built in")
        .expect("valid");
    let from = NaiveDate::from_ymd_opt(1971, 1, 1).expect("a date");
    let until = NaiveDate::from_ymd_opt(2100, 12, 31).expect("a date");
    c.bench_function("holidays-1971-2100", |b| {
        b.iter(|| {
            let days = calendar.dates(black_box(from), until);
            assert!(days.len() > 130 * 10 && days.first().is_some_and(|d| d.date.year() == 1971));
            days.len()
        })
    });
}

/// Batch plans of 1k, 100k and 1M connectors: without capacity, and with capacity and
/// dependencies.
fn plans(c: &mut Criterion) {
    for (n, samples) in [(1_000, 50), (100_000, 10), (1_000_000, 10)] {
        let mut group = c.benchmark_group(format!("plan-{n}"));
        group.sample_size(samples);
        let plain = batch(n, false);
        let dependent = batch(n, true);
        // Enough seats that every connector fits within its horizon, few enough to fill trains.
        // (The five-year freeze leaves half the batch waiting for 2033: at n/100 seats the
        // backlog fills trains for a year and still clears within the horizon.)
        let capacity = (n as u32 / 100).max(10);
        for freeze in Freeze::ALL {
            let free = config(freeze, None);
            let limited = config(freeze, Some(capacity));
            group.bench_function(format!("unlimited/{}", freeze.label()), |b| {
                b.iter_batched(
                    || (),
                    |()| {
                        let plan = Plan::new(&free, black_box(&plain)).expect("a plan");
                        assert_eq!(plan.placements().len(), n);
                        plan
                    },
                    BatchSize::PerIteration,
                )
            });
            group.bench_function(format!("capacity-and-deps/{}", freeze.label()), |b| {
                b.iter_batched(
                    || (),
                    |()| {
                        let plan = Plan::new(&limited, black_box(&dependent)).expect("a plan");
                        assert!(
                            plan.trains()
                                .iter()
                                .all(|t| t.riders.len() <= capacity as usize)
                        );
                        plan
                    },
                    BatchSize::PerIteration,
                )
            });
        }
        group.finish();
    }
}

criterion_group!(benches, rollout, trains, holidays, plans);
criterion_main!(benches);
