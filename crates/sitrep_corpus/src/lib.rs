//! Across documents: near-duplicates, rewrites, stated origins and event clusters.
//!
//! - [`DedupIndex`]: MinHash (128 hashes over 5-word shingles, flagged lines skipped) with
//!   LSH banding (32 bands × 4 rows) finds near-copies; a fingerprint of the facts a report
//!   states in order (entity names, numbers, dates, direct quotes) compared by longest common
//!   subsequence finds paraphrased rewrites, with candidates from an inverted index of the
//!   fingerprint items. Each document links to its earliest near-copy (`duplicate_of`, with
//!   the estimated Jaccard similarity) or earliest source it rewrites (`rewrite_of`, with the
//!   LCS ratio).
//! - [`stated_origins`]: outlets named as the origin of the report ("CNN reported").
//! - [`EventClusterer`]: events with compatible type, actors, place and date merge into one
//!   [`EventCluster`](sitrep_model::EventCluster) with every report, the number of
//!   independent sources and the conflicting values.
//! - [`CorpusLinkStage`]: the pipeline's corpus stage; its state lives in the store (signature
//!   entries, links, clusters), so a later run finds copies of earlier documents.
//!
//! MinHash is implemented here (about 100 lines) rather than taken from a crate: the
//! multiply-shift hash family over pre-hashed shingles vectorises, the in-memory form is a
//! 16-bit sketch (256 bytes per document), and the LSH buckets are chained through one
//! `u32` per band and document, which keeps the whole index near 1 KB per document.

mod cluster;
mod hash;
mod index;
mod minhash;
mod origin;
mod rewrite;
mod shingle;
mod stage;

pub use cluster::{
    ClusterConfig, EventClusterer, EventKey, ReportInfo, compatible, conflicts, haversine_km,
    independent_sources, refresh,
};
pub use hash::SplitMix64;
pub use index::{DedupConfig, DedupIndex, Match, Matches, Signals};
pub use minhash::{BANDS, MinHasher, NUM_HASHES, ROWS, Signature, Sketch, containment};
pub use origin::{OUTLETS, stated_origins};
pub use rewrite::{MAX_ITEMS, fingerprint, lcs, numbers, rewrite_score};
pub use shingle::{document_shingles, shingles, word_hashes};
pub use stage::{CorpusConfig, CorpusLinkStage};
