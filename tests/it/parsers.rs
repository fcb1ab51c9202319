//! Every parser golive has, fed random and mutated input in CI: the fuzz targets' own bodies
//! (`fuzz/bodies.rs`, which cargo fuzz runs for long), as property tests over randomly
//! mutated seeds from `fuzz/corpus`. Invariant: an answer or an error, never a panic.

use std::path::Path;

use proptest::prelude::*;

#[path = "../../fuzz/bodies.rs"]
mod bodies;

/// The seed files of one fuzz target.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    files.sort();
    files
}

/// A seed with a few random bytes replaced, inserted or cut, or just random bytes.
fn mutated(target: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let seeds = seeds(target);
    let n = seeds.len();
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        (
            0..n,
            proptest::collection::vec((any::<u16>(), any::<u8>(), 0..3u8), 1..12)
        )
            .prop_map(move |(i, edits)| {
                let mut bytes = seeds[i].clone();
                for (at, byte, kind) in edits {
                    let at = at as usize % (bytes.len() + 1);
                    match kind {
                        0 if at < bytes.len() => bytes[at] = byte,
                        1 => bytes.insert(at, byte),
                        _ => {
                            bytes.truncate(at.max(bytes.len() / 2));
                        }
                    }
                }
                bytes
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn configurations_never_panic(data in mutated("config_toml")) {
        bodies::config_toml(&data);
    }

    #[test]
    fn calendars_never_panic(data in mutated("calendar_toml")) {
        bodies::calendar_toml(&data);
    }

    #[test]
    fn batches_never_panic(data in mutated("batch")) {
        bodies::batch(&data);
    }

    #[test]
    fn time_arguments_never_panic(data in mutated("time_arg")) {
        bodies::time_arg(&data);
    }

    #[test]
    fn ics_files_never_panic(data in mutated("ics")) {
        bodies::ics(&data);
    }

    #[test]
    fn connector_checks_never_panic(data in mutated("check")) {
        bodies::check(&data);
    }
}
