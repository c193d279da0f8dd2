//! The WARC reader: WARC or gzip-compressed WARC bytes, every HTML response a document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{IngestConfig, InputFormat, read_bytes};

fuzz_target!(|data: &[u8]| {
    let config = IngestConfig {
        format: InputFormat::Warc,
        ..IngestConfig::default()
    };
    for got in read_bytes("fuzz.warc", data.to_vec(), &config).flatten() {
        got.doc.validate().unwrap();
    }
});
