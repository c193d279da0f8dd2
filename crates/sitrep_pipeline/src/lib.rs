//! Pipeline stages and the runner.
//!
//! A [`DocStage`] annotates one document at a time and is stateless, so the runner processes a
//! batch of documents in parallel (rayon). A [`CorpusStage`] sees whole batches and the store
//! (near-duplicates, cross-document merging). Stages declare the [`Layer`]s they require and
//! provide; [`PipelineBuilder::build`] rejects a stage whose requirements no earlier stage
//! provides.
//!
//! A stage that fails on a document (an error, a panic, or output that breaks the document's
//! invariants) marks that document: the failure is recorded in `Document::failures`, the
//! layers the stage provides are cleared, later stages are skipped for that document, and the
//! rest of the batch goes on.
//!
//! Pipelines are built in code or from TOML ([`PipelineConfig`]).

mod config;

pub use config::{PipelineConfig, PipelineSection, StageConfig};

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use sitrep_model::{Document, Layer, ModelError, StageFailure, StageRun};
use sitrep_store::Store;
use std::collections::BTreeSet;
use std::fmt::Debug;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A stage's failure on one document.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    /// The stage could not process the document.
    #[error("{0}")]
    Failed(String),
    /// The stage's output broke the document's invariants.
    #[error("invalid output: {0}")]
    Invalid(#[from] ModelError),
}

/// Errors building a pipeline.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// A stage needs a layer that no earlier stage provides.
    #[error(
        "stage `{stage}` requires `{layer}`, which no earlier stage provides (stages: {order})"
    )]
    MissingRequirement {
        /// The stage.
        stage: String,
        /// The missing layer.
        layer: Layer,
        /// The stage order, for the message.
        order: String,
    },
    /// Two stages share a name.
    #[error("stage `{0}` appears twice")]
    DuplicateStage(String),
    /// The configuration is invalid.
    #[error("pipeline configuration: {0}")]
    Config(String),
}

/// A per-document stage: stateless, runs on many documents in parallel.
pub trait DocStage: Send + Sync + Debug {
    /// Stage name, unique in a pipeline (used in provenance and failures).
    fn name(&self) -> &str;
    /// Implementation version; bump it when output changes.
    fn version(&self) -> &str;
    /// Layers the stage reads.
    fn requires(&self) -> &[Layer];
    /// Layers the stage writes.
    fn provides(&self) -> &[Layer];
    /// The stage's configuration, hashed into provenance.
    fn config(&self) -> serde_json::Value {
        serde_json::Value::Null
    }
    /// The languages the stage's rules and lexicons handle, as lower-case primary subtags
    /// (`"en"`); `None` means any language. The runner skips the stage for a document whose
    /// `meta.language` is known and not listed, and records the skip in the provenance.
    /// By default stages that produce annotation layers (entities, dates, quantities, quotes,
    /// places, events) are English-only; text, flags, paragraphs, sentences and tokens are not.
    fn languages(&self) -> Option<&[&str]> {
        let annotates = self.provides().iter().any(|l| {
            matches!(
                l,
                Layer::Entities
                    | Layer::Dates
                    | Layer::Quantities
                    | Layer::Quotes
                    | Layer::Places
                    | Layer::Events
            )
        });
        annotates.then_some(&["en"][..])
    }
    /// Annotates one document.
    fn process(&self, doc: &mut Document) -> Result<(), StageError>;
}

/// The language a stage skips `doc` for: its `meta.language` when known and not among the
/// stage's languages.
fn unsupported_language<'d>(stage: &dyn DocStage, doc: &'d Document) -> Option<&'d str> {
    let languages = stage.languages()?;
    let tag = doc.meta.language.as_deref()?;
    let primary = tag.split(['-', '_']).next().unwrap_or_default().trim();
    if primary.is_empty()
        || languages
            .iter()
            .any(|l| l.eq_ignore_ascii_case(primary) || l.eq_ignore_ascii_case(tag))
    {
        return None;
    }
    Some(tag)
}

/// A corpus stage: sees whole batches, in order, and may consult the store.
pub trait CorpusStage: Send + Debug {
    /// Stage name.
    fn name(&self) -> &str;
    /// Layers the stage reads.
    fn requires(&self) -> &[Layer];
    /// Processes a batch of documents that the per-document stages have finished.
    fn process_batch(&mut self, docs: &mut [Document], store: &dyn Store)
    -> Result<(), StageError>;
}

#[derive(Debug)]
struct Slot {
    stage: Box<dyn DocStage>,
    run: StageRun,
}

/// An ordered, checked list of stages.
#[derive(Debug)]
pub struct Pipeline {
    slots: Vec<Slot>,
    corpus: Vec<Box<dyn CorpusStage>>,
    validate: bool,
}

/// Builds a [`Pipeline`].
#[derive(Debug)]
pub struct PipelineBuilder {
    stages: Vec<Box<dyn DocStage>>,
    corpus: Vec<Box<dyn CorpusStage>>,
    validate: bool,
}

impl Pipeline {
    /// A builder with no stages. Validation after each stage is on in debug builds.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder {
            stages: Vec::new(),
            corpus: Vec::new(),
            validate: cfg!(debug_assertions),
        }
    }

    /// Stage names in order.
    pub fn stage_names(&self) -> Vec<&str> {
        self.slots.iter().map(|s| s.stage.name()).collect()
    }

    /// Provenance records of the stages, in order.
    pub fn provenance(&self) -> Vec<StageRun> {
        self.slots.iter().map(|s| s.run.clone()).collect()
    }

    /// Runs every stage on one document. Failures are recorded in the document, never returned.
    pub fn process(&self, doc: &mut Document) {
        run_stages(&self.slots, self.validate, doc);
    }

    /// Runs the per-document stages on a batch in parallel; order is kept.
    pub fn process_batch(&self, docs: &mut [Document]) {
        let (slots, validate) = (self.slots.as_slice(), self.validate);
        docs.par_iter_mut()
            .for_each(|doc| run_stages(slots, validate, doc));
    }

    /// Runs the corpus stages on a processed batch. A failing corpus stage is reported and the
    /// documents are kept as they are.
    pub fn run_corpus_stages(
        &mut self,
        docs: &mut [Document],
        store: &dyn Store,
    ) -> Vec<(String, StageError)> {
        let mut errors = Vec::new();
        for stage in &mut self.corpus {
            if let Err(e) = stage.process_batch(docs, store) {
                errors.push((stage.name().to_owned(), e));
            }
        }
        errors
    }
}

/// Runs the stages in order on one document, recording failures in it.
fn run_stages(slots: &[Slot], validate: bool, doc: &mut Document) {
    for slot in slots {
        let stage = &slot.stage;
        if let Some(language) = unsupported_language(stage.as_ref(), doc) {
            // Recorded, not run: the stage's version says why its layers are empty.
            let mut run = slot.run.clone();
            run.version = format!("{} (skipped: language {language})", run.version);
            doc.provenance.push(run);
            continue;
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| stage.process(doc)));
        let result = match outcome {
            Ok(Ok(())) => {
                doc.sort_layers();
                if validate {
                    doc.validate().map_err(StageError::from)
                } else {
                    Ok(())
                }
            }
            Ok(Err(e)) => Err(e),
            Err(panic) => Err(StageError::Failed(format!(
                "stage panicked: {}",
                panic_text(&panic)
            ))),
        };
        match result {
            Ok(()) => doc.provenance.push(slot.run.clone()),
            Err(e) => {
                tracing::warn!(doc = doc.id(), stage = stage.name(), error = %e, "stage failed");
                for layer in stage.provides() {
                    clear_layer(doc, *layer);
                }
                doc.failures.push(StageFailure {
                    stage: stage.name().to_owned(),
                    message: e.to_string(),
                });
                return;
            }
        }
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_owned()
    }
}

/// Removes a layer's records (after a stage failed half-way).
fn clear_layer(doc: &mut Document, layer: Layer) {
    match layer {
        Layer::Text => {}
        Layer::Flags => doc.flags.clear(),
        Layer::Paragraphs => doc.paragraphs.clear(),
        Layer::Sentences => doc.sentences.clear(),
        Layer::Tokens => doc.tokens.clear(),
        Layer::Entities => doc.entities.clear(),
        Layer::Dates => doc.dates.clear(),
        Layer::Quantities => doc.quantities.clear(),
        Layer::Quotes => doc.quotes.clear(),
        Layer::Places => doc.places.clear(),
        Layer::Events => doc.events.clear(),
    }
}

/// The first 16 hex digits of SHA-256 over the JSON of a configuration.
pub fn config_hash(config: &serde_json::Value) -> String {
    let digest = Sha256::digest(config.to_string().as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

impl PipelineBuilder {
    /// Appends a per-document stage.
    pub fn stage(mut self, stage: impl DocStage + 'static) -> Self {
        self.stages.push(Box::new(stage));
        self
    }

    /// Appends a boxed per-document stage.
    pub fn boxed_stage(mut self, stage: Box<dyn DocStage>) -> Self {
        self.stages.push(stage);
        self
    }

    /// Appends a corpus stage (runs after all per-document stages).
    pub fn corpus_stage(mut self, stage: impl CorpusStage + 'static) -> Self {
        self.corpus.push(Box::new(stage));
        self
    }

    /// Whether to run `Document::validate` after every stage (default: in debug builds).
    pub fn validate_each_stage(mut self, on: bool) -> Self {
        self.validate = on;
        self
    }

    /// Checks names and requirements and builds the pipeline.
    pub fn build(self) -> Result<Pipeline, PipelineError> {
        let order = self
            .stages
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(" -> ");
        let mut available: BTreeSet<Layer> = [Layer::Text].into();
        let mut names = BTreeSet::new();
        for stage in &self.stages {
            if !names.insert(stage.name().to_owned()) {
                return Err(PipelineError::DuplicateStage(stage.name().to_owned()));
            }
            if let Some(layer) = stage.requires().iter().find(|l| !available.contains(l)) {
                return Err(PipelineError::MissingRequirement {
                    stage: stage.name().to_owned(),
                    layer: *layer,
                    order,
                });
            }
            available.extend(stage.provides().iter().copied());
        }
        for stage in &self.corpus {
            if let Some(layer) = stage.requires().iter().find(|l| !available.contains(l)) {
                return Err(PipelineError::MissingRequirement {
                    stage: stage.name().to_owned(),
                    layer: *layer,
                    order,
                });
            }
        }
        let slots = self
            .stages
            .into_iter()
            .map(|stage| {
                let run = StageRun {
                    name: stage.name().to_owned(),
                    version: stage.version().to_owned(),
                    config_hash: config_hash(&stage.config()),
                };
                Slot { stage, run }
            })
            .collect();
        Ok(Pipeline {
            slots,
            corpus: self.corpus,
            validate: self.validate,
        })
    }
}

#[cfg(test)]
mod tests;
