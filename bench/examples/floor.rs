//! The I/O floor of `golive plan --format csv`: the same rows read and written by the `csv`
//! crate and nothing else, so that the streamed plan's time can be given as a ratio to it.
//!
//! `cargo run --release --example floor -- /tmp/b1m.csv /tmp/floor.csv` reads the batch
//! (as golive does, whole) with a `csv::Reader` into one reused `StringRecord` per row, and
//! writes every record with a `csv::Writer` into the output file; it prints the row count.

use std::io::{BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        return Err("usage: floor BATCH.csv OUT.csv".into());
    };
    let text = std::fs::read(&input)?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_slice());
    let out = BufWriter::with_capacity(1 << 16, std::fs::File::create(&output)?);
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(reader.headers()?)?;
    let mut record = csv::StringRecord::new();
    let mut rows = 0u64;
    while reader.read_record(&mut record)? {
        writer.write_record(&record)?;
        rows += 1;
    }
    writer.flush()?;
    writer.into_inner().map_err(|e| e.to_string())?.flush()?;
    println!("{rows}");
    Ok(())
}
