//! The `sitrep/1` JSON form of a document (SCHEMA.md).

use crate::{
    CorpusRecord, DateMention, DocMeta, Document, Entity, Event, LineFlag, ModelError, Paragraph,
    Place, Quantity, Quote, Sentence, StageFailure, StageRun,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sitrep_span::Alignment;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: &str = "sitrep/1";

#[derive(Serialize)]
struct Out<'a> {
    schema: &'static str,
    document: &'a DocMeta,
    text: &'a str,
    flags: &'a [LineFlag],
    paragraphs: &'a [Paragraph],
    sentences: &'a [Sentence],
    entities: &'a [Entity],
    dates: &'a [DateMention],
    quantities: &'a [Quantity],
    quotes: &'a [Quote],
    places: &'a [Place],
    events: &'a [Event],
    corpus: &'a CorpusRecord,
    provenance: &'a [StageRun],
    failures: &'a [StageFailure],
}

#[derive(Deserialize)]
struct In {
    schema: String,
    document: DocMeta,
    text: String,
    #[serde(default)]
    flags: Vec<LineFlag>,
    #[serde(default)]
    paragraphs: Vec<Paragraph>,
    #[serde(default)]
    sentences: Vec<Sentence>,
    #[serde(default)]
    entities: Vec<Entity>,
    #[serde(default)]
    dates: Vec<DateMention>,
    #[serde(default)]
    quantities: Vec<Quantity>,
    #[serde(default)]
    quotes: Vec<Quote>,
    #[serde(default)]
    places: Vec<Place>,
    #[serde(default)]
    events: Vec<Event>,
    #[serde(default)]
    corpus: CorpusRecord,
    #[serde(default)]
    provenance: Vec<StageRun>,
    #[serde(default)]
    failures: Vec<StageFailure>,
}

impl Document {
    /// The document as a `sitrep/1` JSON value: every span object carries the `text` it covers.
    pub fn to_json(&self) -> Result<Value, ModelError> {
        let out = Out {
            schema: SCHEMA_VERSION,
            document: &self.meta,
            text: self.text(),
            flags: &self.flags,
            paragraphs: &self.paragraphs,
            sentences: &self.sentences,
            entities: &self.entities,
            dates: &self.dates,
            quantities: &self.quantities,
            quotes: &self.quotes,
            places: &self.places,
            events: &self.events,
            corpus: &self.corpus,
            provenance: &self.provenance,
            failures: &self.failures,
        };
        let mut value = serde_json::to_value(out)?;
        if let Value::Object(map) = &mut value {
            for (key, layer) in map.iter_mut() {
                if key != "document" && key != "text" {
                    fill_span_text(layer, self.text());
                }
            }
        }
        Ok(value)
    }

    /// The document as compact `sitrep/1` JSON (one line).
    pub fn to_json_string(&self) -> Result<String, ModelError> {
        Ok(serde_json::to_string(&self.to_json()?)?)
    }

    /// Reads a `sitrep/1` JSON document. The raw input and alignment are not part of the JSON
    /// form; pass them when known (the store keeps them), or `None` and the identity.
    pub fn from_json(
        json: &str,
        raw: Option<Vec<u8>>,
        alignment: Alignment,
    ) -> Result<Self, ModelError> {
        let input: In = serde_json::from_str(json)?;
        if input.schema != SCHEMA_VERSION {
            return Err(ModelError::Schema {
                found: input.schema,
            });
        }
        let mut doc = Document::new(input.document, raw, input.text, alignment)?;
        doc.flags = input.flags;
        doc.paragraphs = input.paragraphs;
        doc.sentences = input.sentences;
        doc.entities = input.entities;
        doc.dates = input.dates;
        doc.quantities = input.quantities;
        doc.quotes = input.quotes;
        doc.places = input.places;
        doc.events = input.events;
        doc.corpus = input.corpus;
        doc.provenance = input.provenance;
        doc.failures = input.failures;
        doc.reset_next_id();
        doc.validate()?;
        Ok(doc)
    }
}

/// Adds `"text"` to every span object (an object whose only keys are integer `start` and `end`).
fn fill_span_text(value: &mut Value, text: &str) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| fill_span_text(v, text)),
        Value::Object(map) => {
            if let Some((start, end)) = as_span(map) {
                let covered = text.get(start..end).unwrap_or("");
                map.insert("text".to_owned(), Value::String(covered.to_owned()));
            } else {
                map.values_mut().for_each(|v| fill_span_text(v, text));
            }
        }
        _ => {}
    }
}

fn as_span(map: &Map<String, Value>) -> Option<(usize, usize)> {
    if map.len() != 2 {
        return None;
    }
    let start = usize::try_from(map.get("start")?.as_u64()?).ok()?;
    let end = usize::try_from(map.get("end")?.as_u64()?).ok()?;
    Some((start, end))
}
