//! The HTML reader: `ingest_bytes` as HTML and by content, any bytes (charsets included).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{IngestConfig, InputFormat, ingest_bytes};
use sitrep_model::DocMeta;

fuzz_target!(|data: &[u8]| {
    let config = IngestConfig::default();
    for format in [InputFormat::Html, InputFormat::Auto] {
        if let Ok(got) = ingest_bytes(data.to_vec(), format, DocMeta::default(), &config) {
            got.doc.validate().unwrap();
            assert_eq!(got.doc.raw(), data);
        }
    }
});
