//! The event coder: who did what to whom, where, when and how many — coded, hedged and
//! traceable.
//!
//! [`EventsConfig`] → [`EventsStage::new`] (or [`EventsConfig::build`] → [`EventCoder`]).
//! The coder reads one segmented, annotated document and writes `Document::events`:
//!
//! - **triggers** ([`lexicon`]): verbs, nominalisations and fixed phrases, matched by their
//!   inflected forms, each in an event family with a PLOVER type and mode and a default ACLED
//!   sub-event type ([`ontology`]);
//! - **arguments** within the sentence: the actor is the nearest participant before an active
//!   trigger, or the `by` phrase after a passive one; the target is the nearest participant
//!   after the trigger (or before a passive one). Participants are coded to a country (ISO
//!   alpha-3) and a CAMEO sector from entities, the shipped [`actors`] dictionary (countries,
//!   demonyms, capitals, named forces, services, armed groups, international organisations),
//!   demonym modifiers and head nouns ("North Korean soldiers" → PRK MIL);
//! - **ACLED refinement** from the sentence's weapons and participants (air/drone,
//!   artillery, IED, suicide, grenade, chemical; civilians targeted; protests met with force;
//!   territory taken by state or non-state actors);
//! - **place**: the place record of the trigger's clause (after "in", "near", "at" first), else
//!   of the sentence, else of the paragraph so far; "near X" is kept in the evidence;
//! - **date**: the sentence's own date mention (the trigger's clause first, else one before
//!   the trigger), else the nearest governing one earlier in the paragraph, else the
//!   publication date (`from: "published"`);
//! - **count and fatalities** from quantities attached to the participants or of the matching
//!   category; **modality**: negated ("did not attack"), future ("threatened to strike",
//!   "will"), historical ("since World War II", dates long past), hedged (the quote's
//!   `hedged`, "reportedly", "claims", "estimate"), else asserted;
//! - **source**: the quote whose content holds the trigger; **evidence** spans of every
//!   field; a confidence and the id of the rule that fired.
//!
//! Flagged lines (promotional, boilerplate) never produce events. Quantities, quotes and
//! places are used when a stage provided them; the stage requires only text, sentences,
//! tokens, entities and dates.

pub mod actors;
mod coder;
pub mod lexicon;
pub mod ontology;

#[cfg(test)]
mod tests;

pub use actors::{ActorDictionary, ActorsError};
pub use coder::{EventCoder, main_acled_event, main_event};
pub use ontology::AcledSub;

use serde::{Deserialize, Serialize};
use sitrep_model::{Document, Layer};
use sitrep_pipeline::{DocStage, StageError};
use std::path::PathBuf;

/// Errors building the event coder.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The actor dictionary could not be loaded.
    #[error("actor dictionary: {0}")]
    Actors(#[from] ActorsError),
}

/// Configuration of the events stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EventsConfig {
    /// A TOML file of further actors and sector nouns, in the format of the shipped
    /// `data/actors.toml` (`[[actor]] names/country/sector`, `[sectors]`, `[[country]]`);
    /// its entries extend the shipped dictionary and replace shipped names given again.
    pub actors_file: Option<PathBuf>,
    /// Events whose confidence is below this are dropped.
    pub min_confidence: f32,
    /// How many tokens away from the trigger an actor may be named.
    pub actor_window: usize,
    /// How many tokens away from the trigger a target may be named.
    pub target_window: usize,
}

impl Default for EventsConfig {
    fn default() -> Self {
        Self {
            actors_file: None,
            min_confidence: 0.0,
            actor_window: 14,
            target_window: 10,
        }
    }
}

impl EventsConfig {
    /// Builds the coder (loads the actor dictionary).
    pub fn build(&self) -> Result<EventCoder, Error> {
        let actors = ActorDictionary::load(self.actors_file.as_deref())?;
        Ok(EventCoder::new(self.clone(), actors))
    }
}

/// The events stage.
#[derive(Debug)]
pub struct EventsStage {
    name: String,
    coder: EventCoder,
}

impl EventsStage {
    /// A stage named `name` running a coder built from `config`.
    pub fn new(name: &str, config: EventsConfig) -> Result<Self, Error> {
        Ok(Self {
            name: name.to_owned(),
            coder: config.build()?,
        })
    }

    /// The coder.
    pub fn coder(&self) -> &EventCoder {
        &self.coder
    }
}

impl DocStage for EventsStage {
    fn name(&self) -> &str {
        &self.name
    }

    fn version(&self) -> &str {
        "1"
    }

    fn requires(&self) -> &[Layer] {
        &[
            Layer::Text,
            Layer::Sentences,
            Layer::Tokens,
            Layer::Entities,
            Layer::Dates,
        ]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Events]
    }

    fn config(&self) -> serde_json::Value {
        serde_json::to_value(self.coder.config()).unwrap_or(serde_json::Value::Null)
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let events = self.coder.code(doc);
        doc.events.clear();
        for mut e in events {
            e.id = doc.alloc_id();
            doc.events.push(e);
        }
        Ok(())
    }
}
