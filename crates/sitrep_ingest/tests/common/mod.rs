//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use flate2::Compression;
use flate2::write::GzEncoder;
use sitrep_ingest::{IngestConfig, IngestError, Ingested, read_inputs};
use sitrep_model::{Document, Span};
use std::io::Write;
use std::path::{Path, PathBuf};

/// All items of `read_inputs`.
pub fn ingest(paths: &[PathBuf], config: &IngestConfig) -> Vec<Result<Ingested, IngestError>> {
    read_inputs(paths, config).collect()
}

/// Ingests one path that must give exactly one document.
pub fn one(path: &Path, config: &IngestConfig) -> Ingested {
    let mut items = ingest(&[path.to_path_buf()], config);
    assert_eq!(items.len(), 1, "{path:?}");
    match items.remove(0) {
        Ok(i) => i,
        Err(e) => panic!("{path:?}: {e}"),
    }
}

/// Ingests one path that must give exactly one error.
pub fn one_err(path: &Path, config: &IngestConfig) -> IngestError {
    let mut items = ingest(&[path.to_path_buf()], config);
    assert_eq!(items.len(), 1, "{path:?}");
    match items.remove(0) {
        Ok(i) => panic!("{path:?}: expected an error, got {:?}", i.doc.text()),
        Err(e) => e,
    }
}

/// Writes `bytes` to `dir/name`, creating parent directories.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

/// gzip-compresses `bytes`.
pub fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// Checks the document and that every text byte maps into the raw input.
pub fn check_doc(doc: &Document) {
    doc.validate().unwrap();
    let raw_len = doc.raw().len() as u32;
    for i in 0..doc.text().len() as u32 {
        let r = doc.raw_span(Span::new(i, i + 1));
        assert!(
            r.start <= r.end && r.end <= raw_len,
            "byte {i} maps to {r} of {raw_len}"
        );
    }
}

/// The raw bytes a text span came from.
pub fn raw_of(doc: &Document, span: Span) -> &[u8] {
    &doc.raw()[doc.raw_span(span).range()]
}

/// The span of the first occurrence of `needle` in the document's text.
pub fn find(doc: &Document, needle: &str) -> Span {
    let start = doc
        .text()
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    Span::new(start as u32, (start + needle.len()) as u32)
}

/// A date from `YYYY-MM-DD`.
pub fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}
