//! The feed reader: RSS / Atom bytes, every item a document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{IngestConfig, InputFormat, read_bytes};

fuzz_target!(|data: &[u8]| {
    let config = IngestConfig {
        format: InputFormat::Feed,
        ..IngestConfig::default()
    };
    for got in read_bytes("fuzz.rss", data.to_vec(), &config).flatten() {
        got.doc.validate().unwrap();
    }
});
