//! The storage interface of sitrep.
//!
//! [`Store`] is a synchronous, object-safe trait: the CLI calls it directly, the server through
//! `spawn_blocking`. SQLite is the embedded default backend, PostgreSQL the shared one when
//! scaled out; every backend must pass the [`conformance`] suite.
//!
//! Documents are keyed by their content id, so ingesting the same document twice stores it
//! once. A document whose pipeline failed is stored with its failures; input that never became
//! a document (unreadable file, a JSON Lines line that is not JSON) is recorded as an
//! [`InputFailure`].

pub mod conformance;
mod corpus;
mod query;
mod rows;

pub use corpus::{ClusterChange, ClusterQuery, CorpusEntry, CorpusLinkRow, LinkKind};
pub use query::{
    BBox, DayCount, DocRef, EntityQuery, EntitySummary, EventFacets, EventQuery, EventRow,
    EventSort, Page, PlaceQuery, PlaceSummary, ValueCount,
};
pub use rows::{LayerRecord, LayerRow, content_hash, enum_str, layer_rows};
use serde::Serialize;
use sitrep_model::{Document, EventCluster};

/// Errors of a storage backend.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The backend failed (I/O, SQL, connection).
    #[error("store backend: {0}")]
    Backend(String),
    /// A stored record could not be read back.
    #[error("stored document {id} is unreadable: {message}")]
    Corrupt {
        /// Document id.
        id: String,
        /// What is wrong.
        message: String,
    },
    /// The caller asked for something malformed (a bad search query).
    #[error("invalid request: {0}")]
    Invalid(String),
}

/// What `put_documents` did with one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PutOutcome {
    /// A new document.
    Inserted,
    /// Already stored, with different metadata or annotations: replaced.
    Updated,
    /// Already stored exactly so: nothing written.
    Unchanged,
}

/// Input that could not be turned into a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputFailure {
    /// Where it came from: a path, `path:line`, or `-`.
    pub origin: String,
    /// Why it failed.
    pub message: String,
}

/// A failure as stored: an input failure or a document whose stages failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredFailure {
    /// Where the input came from.
    pub origin: Option<String>,
    /// The document id, when a document exists.
    pub doc_id: Option<String>,
    /// The stage that failed (`ingest` for input failures).
    pub stage: String,
    /// What went wrong.
    pub message: String,
}

/// One row of a document listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocSummary {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Where it was read from.
    pub origin: Option<String>,
    /// Text length in bytes.
    pub bytes: u64,
    /// True when a stage failed on it.
    pub failed: bool,
}

/// A full-text search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// The document.
    pub doc: DocSummary,
    /// A snippet of the text around the match, matches in `[` `]`.
    pub snippet: String,
    /// Relevance (higher is better).
    pub score: f64,
}

/// Counts over the whole store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StoreStats {
    /// Documents stored.
    pub documents: u64,
    /// Documents with a failed stage.
    pub failed_documents: u64,
    /// Input failures recorded.
    pub input_failures: u64,
    /// Bytes of text stored.
    pub text_bytes: u64,
    /// Records per layer, by layer name, sorted by name.
    pub layers: Vec<(String, u64)>,
}

/// Storage for documents and their annotations.
pub trait Store: Send + Sync {
    /// Stores documents in one transaction, keyed by id; returns what happened to each.
    fn put_documents(&self, docs: &[Document]) -> Result<Vec<PutOutcome>, StoreError>;

    /// Records input that never became a document.
    fn put_input_failures(&self, failures: &[InputFailure]) -> Result<(), StoreError>;

    /// Reads a document back with all its stored layers.
    fn get_document(&self, id: &str) -> Result<Option<Document>, StoreError>;

    /// Lists documents ordered by publication date (newest first), then id.
    fn list_documents(&self, offset: u64, limit: u64) -> Result<Vec<DocSummary>, StoreError>;

    /// Full-text search over titles and texts, best first.
    fn search(&self, query: &str, limit: u64) -> Result<Vec<SearchHit>, StoreError>;

    /// Failures: input failures and documents with failed stages, oldest first.
    fn failures(&self, limit: u64) -> Result<Vec<StoredFailure>, StoreError>;

    /// Counts over the store.
    fn stats(&self) -> Result<StoreStats, StoreError>;

    /// Number of stored documents.
    fn document_count(&self) -> Result<u64, StoreError>;

    /// Full-text search, one page of hits (best first) and the number of matching documents.
    fn search_page(
        &self,
        query: &str,
        offset: u64,
        limit: u64,
    ) -> Result<Page<SearchHit>, StoreError>;

    /// Events matching the filters, sorted and paged.
    fn events(&self, query: &EventQuery) -> Result<Page<EventRow>, StoreError>;

    /// Events matching the filters, counted per first day and type, by day then type.
    /// Events without a date are not counted. Paging and sort fields are ignored.
    fn event_timeline(&self, query: &EventQuery) -> Result<Vec<DayCount>, StoreError>;

    /// The values of the filterable fields among events matching the filters.
    /// Paging and sort fields are ignored.
    fn event_facets(&self, query: &EventQuery) -> Result<EventFacets, StoreError>;

    /// Places mentioned in stored documents, one row per resolved location, most mentioned
    /// first.
    fn places(&self, query: &PlaceQuery) -> Result<Page<PlaceSummary>, StoreError>;

    /// Entities mentioned in stored documents, one row per (canonical name, kind, country),
    /// most mentioned first.
    fn entities(&self, query: &EntityQuery) -> Result<Page<EntitySummary>, StoreError>;

    /// Stores corpus signatures; an entry whose document already has one is left as it was
    /// (its sequence number keeps the document's first-seen position).
    fn put_corpus_entries(&self, entries: &[CorpusEntry]) -> Result<(), StoreError>;

    /// Corpus signatures stored after sequence number `after_seq`, in sequence order, at most
    /// `limit` (0: all). Loading them page by page rebuilds an in-memory index; calling again
    /// with the last seen `seq` picks up what other writers added since.
    fn corpus_entries(&self, after_seq: u64, limit: u64) -> Result<Vec<CorpusEntry>, StoreError>;

    /// Records links between copies, replacing the links of each `doc` that appears.
    fn put_corpus_links(&self, links: &[CorpusLinkRow]) -> Result<(), StoreError>;

    /// Links in which the document is the copy or the original, ordered by (doc, kind, of).
    fn corpus_links(&self, doc_id: &str) -> Result<Vec<CorpusLinkRow>, StoreError>;

    /// Stores event clusters, replacing clusters with the same id.
    fn put_event_clusters(&self, clusters: &[EventCluster]) -> Result<(), StoreError>;

    /// Event clusters matching the filters, ordered by first day (undated last), then id.
    fn event_clusters(&self, query: &ClusterQuery) -> Result<Page<EventCluster>, StoreError>;

    /// One event cluster by id.
    fn event_cluster(&self, id: &str) -> Result<Option<EventCluster>, StoreError>;

    /// Event clusters written after revision `after_rev`, in revision order, at most `limit`
    /// (0: all). Paging from 0 loads every cluster; calling again with the last revision seen
    /// picks up what other writers wrote since (a cluster written twice comes once, at its
    /// last revision). `None` when the store does not number cluster writes: callers then
    /// look clusters up with [`Store::event_clusters`].
    fn event_clusters_changed(
        &self,
        after_rev: u64,
        limit: u64,
    ) -> Result<Option<Vec<ClusterChange>>, StoreError> {
        let _ = (after_rev, limit);
        Ok(None)
    }
}
