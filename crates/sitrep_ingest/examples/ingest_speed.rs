//! Reads the inputs given on the command line and reports documents, bytes and throughput
//! (a quick measurement, not a benchmark): `cargo run --release -p sitrep_ingest --example
//! ingest_speed -- PATH...`.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use sitrep_ingest::{IngestConfig, read_inputs};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let start = Instant::now();
    let (mut docs, mut errors, mut raw, mut text, mut warned) = (0, 0, 0usize, 0usize, 0);
    let mut languages = std::collections::BTreeMap::<String, usize>::new();
    for item in read_inputs(&paths, &IngestConfig::default()) {
        match item {
            Ok(got) => {
                docs += 1;
                raw += got.doc.raw().len();
                text += got.doc.text().len();
                warned += usize::from(!got.warnings.is_empty());
                let lang = got.doc.meta.language.clone().unwrap_or_else(|| "-".into());
                *languages.entry(lang).or_default() += 1;
            }
            Err(_) => errors += 1,
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{docs} documents, {errors} errors, {warned} with warnings; {:.1} MB raw, {:.1} MB text \
         in {secs:.2} s = {:.1} MB/s; languages {languages:?}",
        raw as f64 / 1e6,
        text as f64 / 1e6,
        raw as f64 / 1e6 / secs
    );
}
