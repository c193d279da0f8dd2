//! Places: an embedded GeoNames gazetteer and context-aware toponym resolution.
//!
//! [`PlacesConfig`] → [`PlacesConfig::build`] → [`PlaceResolver`]; [`PlacesStage`] runs it as a
//! pipeline stage and writes `Document::places`.
//!
//! - The gazetteer ([`Gazetteer`]) is built from GeoNames by [`build_gazetteer`]
//!   (`sitrep gazetteer build`), shipped gzip-compressed in `data/gazetteer/` and embedded in
//!   the binary; it loads once, on first use.
//! - Names come from PLACE entities when an entity stage ran, and from gazetteer matches of
//!   capitalised names in the text (longest match first, with care about common words,
//!   sentence-initial words and names that are part of longer names).
//! - Each name gets candidates by main and alternate names (folded case, diacritics,
//!   apostrophes, transliteration variants) ranked as described in [`resolve`]; the record
//!   states its precision and confidence. A name without candidates is kept as an unresolved
//!   place; it never affects the others.

mod build;
mod gazetteer;
mod normalize;
pub mod resolve;
mod scan;

#[cfg(test)]
mod tests;

pub use build::{BuildError, BuildSummary, NOTICE, build_gazetteer};
pub use gazetteer::{FeatureKind, Gazetteer, GazetteerError, Posting, Record};
pub use normalize::{name_key, spelling_variants};
pub use resolve::{Cue, MentionInput, Resolution, haversine_km, resolve_mentions};

use serde::{Deserialize, Serialize};
use sitrep_model::{Document, EntityKind, Id, Layer, Place, Precision, Span};
use sitrep_pipeline::{DocStage, StageError};

/// Configuration of the place resolver.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PlacesConfig {
    /// Find place names in the text by gazetteer matching, besides PLACE entities (and
    /// instead of them when no entity stage ran).
    pub scan_text: bool,
    /// Also emit a country-level place for country adjectives and demonyms ("Syrian",
    /// "Ukrainian"). Off by default: they are read as context either way.
    pub demonyms: bool,
    /// Smallest population for a one-word name found only by matching (not by the entity
    /// stage), unless a locative word precedes it ("near Belaya") or it is a division or
    /// country.
    pub min_population: u32,
    /// Smallest population for a one-word name at the start of a sentence.
    pub min_population_sentence_start: u32,
}

impl Default for PlacesConfig {
    fn default() -> Self {
        Self {
            scan_text: true,
            demonyms: false,
            min_population: 1000,
            min_population_sentence_start: 50_000,
        }
    }
}

impl PlacesConfig {
    /// Builds the resolver over the embedded gazetteer (loading it on first use).
    pub fn build(&self) -> Result<PlaceResolver, GazetteerError> {
        let gazetteer = match Gazetteer::embedded() {
            Ok(g) => g,
            Err(e) => {
                return Err(GazetteerError::Format {
                    line: 0,
                    message: e.to_string(),
                });
            }
        };
        Ok(self.build_with(gazetteer))
    }

    /// Builds the resolver over a given gazetteer.
    pub fn build_with(&self, gazetteer: &'static Gazetteer) -> PlaceResolver {
        PlaceResolver {
            config: self.clone(),
            gazetteer,
        }
    }
}

/// A place name found in a text, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundName {
    /// Where it is.
    pub span: Span,
    /// The PLACE entity it came from.
    pub entity: Option<Id>,
    /// The country, when the name is a demonym or adjective.
    pub demonym: Option<[u8; 2]>,
    /// A name that is kept but not looked up ("White House" from the entity stage).
    pub unresolvable: bool,
}

/// A resolved (or unresolved) place, before it becomes a `Place` record.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedPlace {
    /// Where the name is.
    pub span: Span,
    /// The entity it came from.
    pub entity: Option<Id>,
    /// The gazetteer record chosen.
    pub record: Option<u32>,
    /// Confidence of the choice.
    pub confidence: f32,
    /// Where an unresolved name is most likely: the document's focus place.
    pub fallback: Option<u32>,
}

/// The runtime resolver.
#[derive(Debug, Clone)]
pub struct PlaceResolver {
    config: PlacesConfig,
    gazetteer: &'static Gazetteer,
}

impl PlaceResolver {
    /// The configuration it was built from.
    pub fn config(&self) -> &PlacesConfig {
        &self.config
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &'static Gazetteer {
        self.gazetteer
    }

    /// Finds place names in `text` (skipping `skip` ranges, e.g. flagged lines and names of
    /// other entity types), merged with the given PLACE entity spans. `sentences` and
    /// `tokens` are the segmenter's spans. Also returns countries named by demonyms.
    pub fn find_names(
        &self,
        text: &str,
        sentences: &[Span],
        tokens: &[Span],
        entities: &[(Span, Id)],
        skip: &[Span],
    ) -> (Vec<FoundName>, Vec<[u8; 2]>) {
        scan::find_names(
            self.gazetteer,
            &self.config,
            text,
            sentences,
            tokens,
            entities,
            skip,
        )
    }

    /// Resolves names of one text together.
    pub fn resolve(
        &self,
        text: &str,
        names: &[FoundName],
        countries: &[[u8; 2]],
    ) -> Vec<ResolvedPlace> {
        let inputs: Vec<MentionInput> = names
            .iter()
            .map(|n| MentionInput {
                start: n.span.start_usize(),
                end: n.span.end_usize(),
                demonym: n.demonym,
                unresolvable: n.unresolvable,
            })
            .collect();
        let res = resolve_mentions(self.gazetteer, text, &inputs, countries);
        names
            .iter()
            .zip(res)
            .map(|(n, r)| ResolvedPlace {
                span: n.span,
                entity: n.entity,
                record: r.record,
                confidence: r.confidence,
                fallback: r.fallback,
            })
            .collect()
    }

    /// The `Place` record fields for a resolution (id 0).
    pub fn to_place(&self, text: &str, r: &ResolvedPlace) -> Place {
        let g = self.gazetteer;
        let surface = text.get(r.span.range()).unwrap_or("");
        let round = |x: f32| (f64::from(x) * 1e5).round() / 1e5;
        let Some(rec) = r.record.and_then(|i| g.record(i)) else {
            // Not in the gazetteer: located (without an id) at the document's focus place
            // when there is one, with that place's precision and a low confidence.
            if let Some(f) = r.fallback.and_then(|i| g.record(i)) {
                return Place {
                    id: 0,
                    span: r.span,
                    name: surface.to_owned(),
                    geonames_id: None,
                    lat: Some(round(f.lat)),
                    lon: Some(round(f.lon)),
                    country: g.iso3(f.cc).map(str::to_owned),
                    admin1: g.admin1_record(f).map(|(_, a)| g.name(a).to_owned()),
                    precision: Some(f.precision()),
                    confidence: Some(0.2),
                    entity: r.entity,
                };
            }
            return Place {
                id: 0,
                span: r.span,
                name: surface.to_owned(),
                geonames_id: None,
                lat: None,
                lon: None,
                country: None,
                admin1: None,
                precision: None,
                confidence: None,
                entity: r.entity,
            };
        };
        let admin1 = match rec.kind {
            FeatureKind::Country | FeatureKind::Continent => None,
            _ => g.admin1_record(rec).map(|(_, a)| g.name(a).to_owned()),
        };
        Place {
            id: 0,
            span: r.span,
            name: g.name(rec).to_owned(),
            // Hand-placed seas and regions of the supplement have no GeoNames id.
            geonames_id: Some(u64::from(rec.geonames_id)).filter(|&id| id != 0),
            lat: Some(round(rec.lat)),
            lon: Some(round(rec.lon)),
            country: g.iso3(rec.cc).map(str::to_owned),
            admin1,
            precision: Some(rec.precision()),
            confidence: Some((f64::from(r.confidence) * 100.0).round() / 100.0),
            entity: r.entity,
        }
    }

    /// Finds and resolves the places of a document (without writing them).
    pub fn places(&self, doc: &Document) -> Vec<Place> {
        let text = doc.text();
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        let tokens: Vec<Span> = doc.tokens.iter().map(|t| t.span).collect();
        let entities: Vec<(Span, Id)> = doc
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Place)
            .map(|e| (e.span, e.id))
            .collect();
        let mut skip: Vec<Span> = doc.flags.iter().map(|f| f.span).collect();
        skip.extend(
            doc.entities
                .iter()
                .filter(|e| e.kind != EntityKind::Place)
                .map(|e| e.span),
        );
        let (names, mut countries) = self.find_names(text, &sentences, &tokens, &entities, &skip);
        for e in &doc.entities {
            if e.kind == EntityKind::Norp
                && let Some(cc) = self.gazetteer.demonym(&name_key(doc.span_text(e.span)))
            {
                countries.push(cc);
            }
        }
        self.resolve(text, &names, &countries)
            .iter()
            .map(|r| self.to_place(text, r))
            .collect()
    }
}

/// The places stage: finds, resolves and writes `Document::places`.
#[derive(Debug)]
pub struct PlacesStage {
    name: String,
    config: PlacesConfig,
    resolver: PlaceResolver,
}

impl PlacesStage {
    /// A stage named `name` running a resolver built from `config` (this loads the
    /// embedded gazetteer on first use).
    pub fn new(name: &str, config: PlacesConfig) -> Result<Self, GazetteerError> {
        let resolver = config.build()?;
        Ok(Self {
            name: name.to_owned(),
            config,
            resolver,
        })
    }
}

impl DocStage for PlacesStage {
    fn name(&self) -> &str {
        &self.name
    }

    fn version(&self) -> &str {
        "1"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Text, Layer::Sentences, Layer::Tokens]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Places]
    }

    fn config(&self) -> serde_json::Value {
        serde_json::to_value(&self.config).unwrap_or(serde_json::Value::Null)
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let places = self.resolver.places(doc);
        doc.places.clear();
        for mut p in places {
            p.id = doc.alloc_id();
            doc.places.push(p);
        }
        doc.places.sort_by_key(|p| (p.span, p.id));
        Ok(())
    }
}

/// Precision names as in the schema.
pub fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Country => "country",
        Precision::Admin1 => "admin1",
        Precision::Admin2 => "admin2",
        Precision::City => "city",
        Precision::Village => "village",
        Precision::Point => "point",
    }
}
