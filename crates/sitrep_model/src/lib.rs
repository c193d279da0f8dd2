//! The sitrep document model.
//!
//! One owned [`Document`] travels through the pipeline. Its `text` is written once when the
//! document is created (by ingest/clean) and is frozen afterwards: every annotation is a byte
//! [`Span`] into it, so any output field resolves to its evidence, and through the
//! [`Alignment`] to the raw input bytes.
//!
//! The JSON form ([`Document::to_json`]) is the `sitrep/1` output contract of `SCHEMA.md`.

mod corpus;
mod json;
mod layers;
mod validate;

pub use corpus::*;
pub use json::SCHEMA_VERSION;
pub use layers::*;
pub use sitrep_span::{Alignment, AlignmentBuilder, Span, SpanError};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Errors of the document model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The text cannot be indexed with 32-bit spans.
    #[error(transparent)]
    Span(#[from] SpanError),
    /// `validate()` found a broken invariant.
    #[error("document {doc}: invalid {layer} record: {message}")]
    Invalid {
        /// Document id.
        doc: String,
        /// The layer holding the bad record.
        layer: Layer,
        /// What is wrong.
        message: String,
    },
    /// The alignment does not cover the text and raw input.
    #[error("document {doc}: bad alignment: {message}")]
    Alignment {
        /// Document id.
        doc: String,
        /// What is wrong.
        message: String,
    },
    /// JSON that does not follow the schema.
    #[error("not a sitrep/1 document: {0}")]
    Json(#[from] serde_json::Error),
    /// A JSON document of another schema version.
    #[error("unsupported schema {found:?}; this build reads {SCHEMA_VERSION:?}")]
    Schema {
        /// The version found.
        found: String,
    },
}

/// Document metadata: where it came from and when it was published.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Content hash identifying the document (see [`Document::content_id`]).
    pub id: String,
    /// Canonical URL.
    pub url: Option<String>,
    /// Outlet or publisher name.
    pub source: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date; relative dates in the text resolve against it.
    pub published: Option<NaiveDate>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// Media type of the raw input (`text/plain`, `text/html`).
    pub media_type: String,
    /// Byline.
    #[serde(default)]
    pub author: Option<String>,
    /// Where the document was read from: a path, `path:line` for JSON Lines, `-` for stdin.
    #[serde(default)]
    pub origin: Option<String>,
}

/// A document and all its annotations.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Metadata.
    pub meta: DocMeta,
    /// The raw input bytes, when they differ from `text` (HTML, repaired encodings).
    raw: Option<Vec<u8>>,
    /// The frozen cleaned text all spans index into.
    text: String,
    /// Map from text offsets to raw offsets.
    alignment: Alignment,
    /// Line flags.
    pub flags: Vec<LineFlag>,
    /// Paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences.
    pub sentences: Vec<Sentence>,
    /// Tokens (in memory only).
    pub tokens: Vec<Token>,
    /// Named entities.
    pub entities: Vec<Entity>,
    /// Temporal expressions.
    pub dates: Vec<DateMention>,
    /// Numbers and counts.
    pub quantities: Vec<Quantity>,
    /// Quotations and reported claims.
    pub quotes: Vec<Quote>,
    /// Places.
    pub places: Vec<Place>,
    /// Events.
    pub events: Vec<Event>,
    /// Links to other documents (near-duplicates, rewrites) and stated origins.
    pub corpus: CorpusRecord,
    /// Stages that ran, in order.
    pub provenance: Vec<StageRun>,
    /// Stages that failed on this document.
    pub failures: Vec<StageFailure>,
    next_id: Id,
}

impl Document {
    /// Creates a document from its cleaned text, the raw input it came from and the alignment
    /// between them. The id in `meta` is replaced by the content id when empty.
    pub fn new(
        mut meta: DocMeta,
        raw: Option<Vec<u8>>,
        text: String,
        alignment: Alignment,
    ) -> Result<Self, ModelError> {
        sitrep_span::check_text_len(&text)?;
        if meta.id.is_empty() {
            meta.id = Self::content_id(&text, &meta);
        }
        let raw = raw.filter(|r| r.as_slice() != text.as_bytes());
        let raw_len = raw.as_ref().map_or(text.len(), Vec::len);
        alignment
            .check(text.len(), raw_len)
            .map_err(|message| ModelError::Alignment {
                doc: meta.id.clone(),
                message,
            })?;
        Ok(Self {
            meta,
            raw,
            text,
            alignment,
            flags: Vec::new(),
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            tokens: Vec::new(),
            entities: Vec::new(),
            dates: Vec::new(),
            quantities: Vec::new(),
            quotes: Vec::new(),
            places: Vec::new(),
            events: Vec::new(),
            corpus: CorpusRecord::default(),
            provenance: Vec::new(),
            failures: Vec::new(),
            next_id: 1,
        })
    }

    /// A document whose raw input is its text (clean UTF-8 plain text).
    pub fn from_text(meta: DocMeta, text: impl Into<String>) -> Result<Self, ModelError> {
        Self::new(meta, None, text.into(), Alignment::identity())
    }

    /// The content id: the first 16 hex digits of SHA-256 over the text and the identifying
    /// metadata (URL and source), so the same report from the same place is stored once.
    pub fn content_id(text: &str, meta: &DocMeta) -> String {
        let mut h = Sha256::new();
        for part in [
            text,
            meta.url.as_deref().unwrap_or(""),
            meta.source.as_deref().unwrap_or(""),
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        let digest = h.finalize();
        digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }

    /// The document id.
    pub fn id(&self) -> &str {
        &self.meta.id
    }

    /// The frozen text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text a span covers (empty if the span does not fit, which `validate` reports).
    pub fn span_text(&self, span: Span) -> &str {
        span.text(&self.text).unwrap_or("")
    }

    /// The raw input bytes.
    pub fn raw(&self) -> &[u8] {
        self.raw.as_deref().unwrap_or(self.text.as_bytes())
    }

    /// True when the raw input differs from the text.
    pub fn has_distinct_raw(&self) -> bool {
        self.raw.is_some()
    }

    /// The alignment from text to raw offsets.
    pub fn alignment(&self) -> &Alignment {
        &self.alignment
    }

    /// The raw span a text span was produced from.
    pub fn raw_span(&self, span: Span) -> Span {
        self.alignment.to_raw(span)
    }

    /// Allocates a fresh record id.
    pub fn alloc_id(&mut self) -> Id {
        let id = self.next_id;
        self.next_id = self.next_id.saturating_add(1);
        id
    }

    /// True when the span overlaps a flagged line (later stages skip such text).
    pub fn overlaps_flag(&self, span: Span) -> bool {
        self.flags.iter().any(|f| f.span.overlaps(span))
    }

    /// Sorts every layer by span start, then end, then id: the output order.
    pub fn sort_layers(&mut self) {
        self.flags.sort_by_key(|f| (f.span, f.kind));
        self.paragraphs.sort_by_key(|p| p.span);
        self.sentences.sort_by_key(|s| s.span);
        self.tokens.sort_by_key(|t| t.span);
        self.entities.sort_by_key(|r| (r.span, r.id));
        self.dates.sort_by_key(|r| (r.span, r.id));
        self.quantities.sort_by_key(|r| (r.span, r.id));
        self.quotes.sort_by_key(|r| (r.span, r.id));
        self.places.sort_by_key(|r| (r.span, r.id));
        self.events.sort_by_key(|r| (r.span, r.id));
    }

    fn max_id(&self) -> Id {
        let ids = self.entities.iter().map(|r| r.id);
        let ids = ids.chain(self.dates.iter().map(|r| r.id));
        let ids = ids.chain(self.quantities.iter().map(|r| r.id));
        let ids = ids.chain(self.quotes.iter().map(|r| r.id));
        let ids = ids.chain(self.places.iter().map(|r| r.id));
        let ids = ids.chain(self.events.iter().map(|r| r.id));
        ids.max().unwrap_or(0)
    }

    pub(crate) fn reset_next_id(&mut self) {
        self.next_id = self.max_id().saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_id_depends_on_text_and_identity() {
        let meta = DocMeta::default();
        let a = Document::from_text(meta.clone(), "Kyiv").unwrap();
        let b = Document::from_text(meta.clone(), "Kyiv").unwrap();
        assert_eq!(a.id(), b.id());
        assert_eq!(a.id().len(), 16);
        let other = DocMeta {
            url: Some("https://x.test/a".into()),
            ..meta
        };
        let c = Document::from_text(other, "Kyiv").unwrap();
        assert_ne!(a.id(), c.id());
    }

    #[test]
    fn identical_raw_is_not_kept_twice() {
        let d = Document::new(
            DocMeta::default(),
            Some(b"abc".to_vec()),
            "abc".into(),
            Alignment::identity(),
        )
        .unwrap();
        assert!(!d.has_distinct_raw());
        assert_eq!(d.raw(), b"abc");
    }

    #[test]
    fn bad_alignment_is_rejected() {
        let r = Document::new(
            DocMeta::default(),
            Some(b"abcdef".to_vec()),
            "abc".into(),
            Alignment::identity(),
        );
        assert!(matches!(r, Err(ModelError::Alignment { .. })));
    }

    #[test]
    fn role_organisation_must_name_an_org_entity() {
        let mut d =
            Document::from_text(DocMeta::default(), "SBU spokesman Artem Dekhtiarenko").unwrap();
        let entity = |id, start, end, kind, organisation| Entity {
            id,
            span: Span::from_usize(start, end).unwrap(),
            kind,
            canonical: String::new(),
            cluster: id,
            role: None,
            country: None,
            organisation,
        };
        d.entities = vec![
            entity(1, 0, 3, EntityKind::Org, None),
            entity(2, 14, 32, EntityKind::Person, Some(1)),
        ];
        assert!(d.validate().is_ok());
        d.entities[1].organisation = Some(2);
        assert!(d.validate().is_err(), "a person is not an organisation");
        d.entities[1].organisation = Some(9);
        assert!(d.validate().is_err(), "no entity 9");
    }
}
