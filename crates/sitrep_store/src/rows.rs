//! Backend-neutral rows of a document's annotation layers: what every backend stores for each
//! record (its layer, id, span, a kind and a label to filter on, and the record itself), so the
//! backends differ only in how they write them.

use serde::{Serialize, Serializer};
use sitrep_model::{
    DateMention, Document, Entity, LineFlag, Paragraph, Place, Quantity, Quote, Sentence, Span,
};

/// One annotation record of any span layer.
#[derive(Debug, Clone, Copy)]
pub enum LayerRecord<'a> {
    /// A flagged line.
    Flag(&'a LineFlag),
    /// A paragraph.
    Paragraph(&'a Paragraph),
    /// A sentence.
    Sentence(&'a Sentence),
    /// An entity mention.
    Entity(&'a Entity),
    /// A date mention.
    Date(&'a DateMention),
    /// A quantity.
    Quantity(&'a Quantity),
    /// A quote or reported claim.
    Quote(&'a Quote),
    /// A place.
    Place(&'a Place),
}

impl Serialize for LayerRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Flag(r) => r.serialize(s),
            Self::Paragraph(r) => r.serialize(s),
            Self::Sentence(r) => r.serialize(s),
            Self::Entity(r) => r.serialize(s),
            Self::Date(r) => r.serialize(s),
            Self::Quantity(r) => r.serialize(s),
            Self::Quote(r) => r.serialize(s),
            Self::Place(r) => r.serialize(s),
        }
    }
}

/// The row of one annotation record.
#[derive(Debug, Clone)]
pub struct LayerRow<'a> {
    /// Layer name as in sitrep/1 JSON ("entities", "places", ...).
    pub layer: &'static str,
    /// Record id (none for flags, paragraphs and sentences).
    pub record_id: Option<u32>,
    /// The record's span.
    pub span: Span,
    /// A kind to filter on (entity kind, TIMEX3 type, quantity category, ...).
    pub kind: Option<String>,
    /// A label to filter on (canonical name, date value, speaker, place name, ...).
    pub label: Option<&'a str>,
    /// The record, to serialise.
    pub record: LayerRecord<'a>,
}

/// The JSON string of a serde enum value, without quotes ("PERSON", "killed").
pub fn enum_str<T: Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v).ok()? {
        serde_json::Value::String(s) => Some(s),
        _ => None,
    }
}

/// Every record of the document's span layers, layer by layer, in record order.
pub fn layer_rows(doc: &Document) -> Vec<LayerRow<'_>> {
    let row = |layer, record_id, span, kind, label, record| LayerRow {
        layer,
        record_id,
        span,
        kind,
        label,
        record,
    };
    let mut rows = Vec::new();
    for r in &doc.flags {
        let (kind, label) = (enum_str(&r.kind), Some(r.reason.as_str()));
        rows.push(row(
            "flags",
            None,
            r.span,
            kind,
            label,
            LayerRecord::Flag(r),
        ));
    }
    for r in &doc.paragraphs {
        let record = LayerRecord::Paragraph(r);
        rows.push(row("paragraphs", None, r.span, None, None, record));
    }
    for r in &doc.sentences {
        let record = LayerRecord::Sentence(r);
        rows.push(row("sentences", None, r.span, None, None, record));
    }
    for r in &doc.entities {
        let (kind, label) = (enum_str(&r.kind), Some(r.canonical.as_str()));
        rows.push(row(
            "entities",
            Some(r.id),
            r.span,
            kind,
            label,
            LayerRecord::Entity(r),
        ));
    }
    for r in &doc.dates {
        let (kind, label) = (enum_str(&r.timex_type), Some(r.value.as_str()));
        rows.push(row(
            "dates",
            Some(r.id),
            r.span,
            kind,
            label,
            LayerRecord::Date(r),
        ));
    }
    for r in &doc.quantities {
        let (kind, label) = (enum_str(&r.category), r.head.as_deref());
        let record = LayerRecord::Quantity(r);
        rows.push(row("quantities", Some(r.id), r.span, kind, label, record));
    }
    for r in &doc.quotes {
        let speaker = r.speaker.as_ref().map(|s| s.text.as_str());
        let record = LayerRecord::Quote(r);
        rows.push(row(
            "quotes",
            Some(r.id),
            r.span,
            enum_str(&r.kind),
            speaker,
            record,
        ));
    }
    for r in &doc.places {
        let kind = r.precision.as_ref().and_then(enum_str);
        let record = LayerRecord::Place(r);
        rows.push(row(
            "places",
            Some(r.id),
            r.span,
            kind,
            Some(r.name.as_str()),
            record,
        ));
    }
    rows
}

/// The hash that tells whether a stored document changed: its sitrep/1 JSON without
/// `document.origin` (where a copy was read from is not part of what is stored, so the same
/// report found again under another path is unchanged), its alignment JSON and its raw bytes
/// when kept. 32 hex digits of SHA-256.
pub fn content_hash(doc_json: &serde_json::Value, alignment: &str, raw: Option<&[u8]>) -> String {
    use sha2::{Digest, Sha256};
    let mut identity = doc_json.clone();
    if let Some(meta) = identity.get_mut("document").and_then(|d| d.as_object_mut()) {
        meta.remove("origin");
    }
    let mut h = Sha256::new();
    h.update(identity.to_string().as_bytes());
    h.update([0]);
    h.update(alignment.as_bytes());
    h.update([0]);
    h.update(raw.unwrap_or_default());
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}
