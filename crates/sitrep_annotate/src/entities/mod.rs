//! Named entities: a trained tagger for people, organisations, places and other names, plus
//! nationalities, roles and within-document clusters.
//!
//! [`EntitiesConfig`] → [`EntitiesConfig::build`] → [`EntityAnnotator`];
//! [`EntityAnnotator::annotate`] is a pure function of the text and its sentences' tokens.
//! [`EntitiesStage`] runs it as a pipeline stage after `segment` and writes
//! `Document::entities`, skipping flagged text.
//!
//! The tagger ([`NerTagger`]) is a structured averaged perceptron over BILOU labels with
//! Viterbi decoding (Collins 2002; Ratinov & Roth 2009 for the features), trained on the
//! CoNLL-2003 English training set and tuned on its development set by `sitrep train ner`.
//! It tags in two stages: the second model sees the first one's labels of the same word
//! elsewhere in the document and of the neighbouring tokens (Ratinov & Roth's two-stage
//! prediction aggregation).
//! Its features (see `features.rs`) are hashed to 32 bits; the weights ship quantised to
//! 16 bits and DEFLATE-compressed in `data/ner/model.bin`, embedded in the binary. The
//! gazetteer features use `data/ner/lexicon.tsv`, derived from GeoNames (CC BY 4.0); the
//! word-cluster features use `data/ner/clusters.bin`, learned from unlabelled text by
//! `sitrep train ner-clusters` (see `clusters.rs`).
//!
//! After tagging (CoNLL types PER, ORG, LOC, MISC → PERSON, ORG, PLACE, MISC):
//! - **nationalities**: demonyms ("Ukrainian", "North Korean", "Russians", "Western") become
//!   NORP with their country (alpha-3), also where CoNLL would say MISC;
//! - **organisations** absorb a nationality before them or "of Country" after them
//!   ("Ukrainian Security Service", "Security Service of Ukraine"), with that country;
//! - **roles**: a title before a person's name ("Ukrainian President Volodymyr Zelensky") or
//!   in an apposition after it ("Antony Blinken, the US Secretary of State,") gives `role`
//!   and, from a nationality or country next to the title, `country`; an organisation before
//!   the title or after "of"/"for" ("SBU spokesman ...", "..., a spokesperson for the SBU")
//!   gives `organisation` (and its country); the title and a possessive "'s" are never part
//!   of the name's span;
//! - **clusters**: the same name, a surname after the full name, an acronym defined in
//!   parentheses ("(SBU)"), and "X of Country" = "Country-adjective X" share a `cluster` (the id
//!   of the cluster's first mention) and a `canonical` name (the longest mention).

pub mod clusters;
pub mod conll;
mod features;
pub mod lexicon;
pub mod model;
mod post;
mod tagger;
#[cfg(test)]
mod tests;
pub mod train;

pub use clusters::Clusters;
pub use lexicon::Lexicon;
pub use model::{ModelError, NerSpan, NerType};
pub use tagger::{EMBEDDED_MODEL, NerTagger};

use post::Mention;
use serde::{Deserialize, Serialize};
use sitrep_model::{Document, Entity, EntityKind, Layer, Span};
use sitrep_pipeline::{DocStage, StageError};
use std::path::PathBuf;

/// Configuration of the entity annotator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EntitiesConfig {
    /// Mark nationalities and demonyms ("Ukrainian", "North Korean") as NORP with their
    /// country.
    pub norp: bool,
    /// Read titles before people's names as their role and country.
    pub roles: bool,
    /// Group mentions of the same entity within a document.
    pub clusters: bool,
    /// A model file (the `data/ner/model.bin` format) to use instead of the shipped one.
    pub model: Option<PathBuf>,
}

impl Default for EntitiesConfig {
    fn default() -> Self {
        Self {
            norp: true,
            roles: true,
            clusters: true,
            model: None,
        }
    }
}

/// Errors building the annotator.
#[derive(Debug, thiserror::Error)]
pub enum EntitiesError {
    /// The model could not be loaded.
    #[error("NER model {path}: {error}")]
    Model {
        /// Where it came from.
        path: String,
        /// What went wrong.
        error: ModelError,
    },
}

impl EntitiesConfig {
    /// Loads the model and builds the annotator.
    pub fn build(&self) -> Result<EntityAnnotator, EntitiesError> {
        let tagger = match &self.model {
            None => {
                TaggerRef::Shared(NerTagger::embedded().map_err(|error| EntitiesError::Model {
                    path: "(embedded)".into(),
                    error,
                })?)
            }
            Some(path) => {
                let err = |error| EntitiesError::Model {
                    path: path.display().to_string(),
                    error,
                };
                let bytes = std::fs::read(path).map_err(|e| err(ModelError::Io(e)))?;
                TaggerRef::Owned(Box::new(
                    NerTagger::from_bytes(&bytes, Lexicon::embedded()).map_err(err)?,
                ))
            }
        };
        Ok(EntityAnnotator {
            config: self.clone(),
            tagger,
        })
    }
}

#[derive(Debug, Clone)]
enum TaggerRef {
    Shared(&'static NerTagger),
    Owned(Box<NerTagger>),
}

/// One entity found in a text (before ids are assigned).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundEntity {
    /// The name as written.
    pub span: Span,
    /// Its kind.
    pub kind: EntityKind,
    /// Index (into the returned list) of the cluster's first mention.
    pub cluster: usize,
    /// The cluster's preferred name.
    pub canonical: String,
    /// Title or role.
    pub role: Option<String>,
    /// Affiliated country, alpha-3.
    pub country: Option<String>,
    /// Index (into the returned list) of the organisation a person's role is in ("a
    /// spokesperson for the SBU", "SBU spokesman").
    pub organisation: Option<usize>,
}

/// The runtime annotator.
#[derive(Debug, Clone)]
pub struct EntityAnnotator {
    config: EntitiesConfig,
    tagger: TaggerRef,
}

impl EntityAnnotator {
    /// The tagger.
    pub fn tagger(&self) -> &NerTagger {
        match &self.tagger {
            TaggerRef::Shared(t) => t,
            TaggerRef::Owned(t) => t,
        }
    }

    /// The configuration it was built from.
    pub fn config(&self) -> &EntitiesConfig {
        &self.config
    }

    /// Finds the entities of `text`, given its sentences as token spans (runs of tokens that
    /// names may not cross). Results are sorted by span and do not overlap.
    pub fn annotate(&self, text: &str, runs: &[Vec<Span>]) -> Vec<FoundEntity> {
        let words: Vec<Vec<&str>> = runs
            .iter()
            .map(|r| r.iter().map(|s| s.text(text).unwrap_or("")).collect())
            .collect();
        let tagger = self.tagger();
        let lex = tagger.lexicon();
        let tagged = tagger.tag_document(&words);
        let mut mentions: Vec<Mention> = Vec::new();
        for (r, spans) in tagged.iter().enumerate() {
            for s in spans {
                let kind = match s.kind {
                    NerType::Per => EntityKind::Person,
                    NerType::Org => EntityKind::Org,
                    NerType::Loc => EntityKind::Place,
                    NerType::Misc => EntityKind::Misc,
                };
                // Common abbreviations are not names ("a military ID card", "TV footage").
                if s.end == s.start + 1 && is_common_abbreviation(words[r][s.start]) {
                    continue;
                }
                let mut end = s.end;
                // Never a possessive or a trailing punctuation mark.
                while end > s.start + 1 && is_trailing_junk(words[r][end - 1]) {
                    end -= 1;
                }
                mentions.push(Mention::new(r, s.start, end, kind));
            }
        }
        if self.config.norp {
            post::norp(&words, lex, &mut mentions);
            post::merge_orgs(&words, lex, &mut mentions);
        }
        post::place_countries(&words, lex, &mut mentions);
        if self.config.roles {
            post::roles(&words, lex, &mut mentions);
        }
        let span_of = |m: &Mention| -> Span {
            let (a, b) = (runs[m.run][m.start], runs[m.run][m.end - 1]);
            Span::new(a.start, b.end)
        };
        if self.config.clusters {
            post::aliases(&words, &mut mentions);
            let surface = |m: &Mention| span_of(m).text(text).unwrap_or("").to_owned();
            post::cluster(&words, lex, &mut mentions, &surface);
        } else {
            for (i, m) in mentions.iter_mut().enumerate() {
                m.cluster = i;
                m.canonical = span_of(m).text(text).unwrap_or("").to_owned();
            }
        }
        let org_of = |m: &Mention| {
            m.org.and_then(|(r, a, b)| {
                mentions
                    .iter()
                    .position(|o| o.run == r && o.start == a && o.end == b)
            })
        };
        let orgs: Vec<Option<usize>> = mentions.iter().map(org_of).collect();
        // A person's country from the organisation of their role.
        let org_countries: Vec<Option<String>> = orgs
            .iter()
            .map(|o| o.and_then(|o| mentions[o].country.clone()))
            .collect();
        for (m, c) in mentions.iter_mut().zip(org_countries) {
            if m.country.is_none() {
                m.country = c;
            }
        }
        mentions
            .iter()
            .zip(orgs)
            .map(|(m, organisation)| FoundEntity {
                span: span_of(m),
                kind: m.kind,
                cluster: m.cluster,
                canonical: m.canonical.clone(),
                role: m.role.clone(),
                country: m.country.clone(),
                organisation,
            })
            .collect()
    }
}

/// All-capital abbreviations of common nouns, never a name on their own.
fn is_common_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "ID" | "IDs"
            | "TV"
            | "GDP"
            | "DNA"
            | "CEO"
            | "CEOs"
            | "HQ"
            | "PhD"
            | "OK"
            | "GPS"
            | "SIM"
            | "PIN"
            | "VIP"
            | "VIPs"
            | "IQ"
            | "DVD"
            | "SUV"
            | "ATM"
            | "CCTV"
    )
}

fn is_trailing_junk(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'" | "’" | "," | "." | ";" | ":")
}

/// The entities stage: tags the tokens of each sentence, skipping flagged text.
#[derive(Debug, Clone)]
pub struct EntitiesStage {
    name: String,
    annotator: EntityAnnotator,
}

impl EntitiesStage {
    /// A stage named `name` running an annotator built from `config`.
    pub fn new(name: &str, config: EntitiesConfig) -> Result<Self, EntitiesError> {
        Ok(Self {
            name: name.to_owned(),
            annotator: config.build()?,
        })
    }
}

/// Token runs of a document: the tokens of each sentence, split where flagged text is left
/// out.
pub fn token_runs(doc: &Document) -> Vec<Vec<Span>> {
    let mut runs = Vec::with_capacity(doc.sentences.len());
    let mut t = 0;
    let toks = &doc.tokens;
    for s in &doc.sentences {
        while t < toks.len() && toks[t].span.end <= s.span.start {
            t += 1;
        }
        let mut run = Vec::new();
        while t < toks.len() && toks[t].span.start < s.span.end {
            let sp = toks[t].span;
            if doc.flags.iter().any(|f| f.span.overlaps(sp)) {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            } else {
                run.push(sp);
            }
            t += 1;
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    runs
}

impl DocStage for EntitiesStage {
    fn name(&self) -> &str {
        &self.name
    }

    fn version(&self) -> &str {
        "1"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Entities]
    }

    fn config(&self) -> serde_json::Value {
        serde_json::to_value(&self.annotator.config).unwrap_or(serde_json::Value::Null)
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let runs = token_runs(doc);
        let found = self.annotator.annotate(doc.text(), &runs);
        let ids: Vec<u32> = found.iter().map(|_| doc.alloc_id()).collect();
        let mut entities = Vec::with_capacity(found.len());
        for (f, &id) in found.into_iter().zip(&ids) {
            entities.push(Entity {
                id,
                span: f.span,
                kind: f.kind,
                canonical: f.canonical,
                cluster: ids.get(f.cluster).copied().unwrap_or(id),
                role: f.role,
                country: f.country,
                organisation: f.organisation.and_then(|i| ids.get(i).copied()),
            });
        }
        entities.sort_by_key(|e| (e.span, e.id));
        doc.entities = entities;
        Ok(())
    }
}
