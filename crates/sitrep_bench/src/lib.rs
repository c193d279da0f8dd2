//! Shared inputs for sitrep's benchmarks: the BBC News corpus from `../shared/data/bbc-news`,
//! deduplicated (it holds 98 exact-duplicate pairs) so throughput counts each text once.

use sitrep_ingest::{IngestConfig, read_inputs};
use sitrep_model::Document;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The BBC News folder, when `../shared/data` is beside the repository.
pub fn bbc_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/bbc-news");
    dir.is_dir().then_some(dir)
}

/// The BBC News documents, ingested once, exact duplicates removed.
pub fn bbc_documents() -> Vec<Document> {
    let Some(dir) = bbc_dir() else {
        return Vec::new();
    };
    let mut seen = BTreeSet::new();
    read_inputs(&[dir], &IngestConfig::default())
        .filter_map(Result::ok)
        .map(|i| i.doc)
        .filter(|d| seen.insert(d.text().to_owned()))
        .collect()
}

/// Total text bytes of the documents.
pub fn text_bytes(docs: &[Document]) -> usize {
    docs.iter().map(|d| d.text().len()).sum()
}
