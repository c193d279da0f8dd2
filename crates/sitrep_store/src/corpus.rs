//! Corpus state kept in the store: per-document similarity signatures (opaque to the store),
//! links between copies, and event clusters.

use serde::Serialize;

/// An event cluster with the revision of its last write (see
/// [`Store::event_clusters_changed`](crate::Store::event_clusters_changed)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterChange {
    /// Revision number: increases with every cluster write.
    pub rev: u64,
    /// The cluster as written.
    pub cluster: sitrep_model::EventCluster,
}

/// A document's similarity signature, as the corpus stage encodes it. The store keeps it
/// opaque and hands entries back in the order they were first stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorpusEntry {
    /// Insertion sequence number, assigned by the store (ignored by `put_corpus_entries`).
    pub seq: u64,
    /// Document id.
    pub doc_id: String,
    /// The encoded signature.
    pub data: Vec<u8>,
}

/// The kind of a link between two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// A near-copy (same wording).
    Duplicate,
    /// A paraphrase (same facts in the same order, other wording).
    Rewrite,
}

impl LinkKind {
    /// The kind's name as stored.
    pub const fn name(self) -> &'static str {
        match self {
            LinkKind::Duplicate => "duplicate",
            LinkKind::Rewrite => "rewrite",
        }
    }

    /// Parses a stored name.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "duplicate" => Some(LinkKind::Duplicate),
            "rewrite" => Some(LinkKind::Rewrite),
            _ => None,
        }
    }
}

/// `doc` is a copy (or rewrite) of the earlier document `of`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorpusLinkRow {
    /// The later document.
    pub doc: String,
    /// What kind of copy it is.
    pub kind: LinkKind,
    /// The earlier document.
    pub of: String,
    /// Similarity in 0..1.
    pub score: f64,
}

/// Filters for listing event clusters. Results are ordered by first day (undated last), then id.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClusterQuery {
    /// Only clusters with a report from this document.
    pub doc: Option<String>,
    /// Only clusters of this PLOVER type.
    pub event_type: Option<String>,
    /// Only clusters whose interval ends on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only clusters whose interval starts on or before this day.
    pub to: Option<String>,
    /// Only clusters with at least this many independent sources.
    pub min_sources: Option<u32>,
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return (0: no limit).
    pub limit: u64,
}
