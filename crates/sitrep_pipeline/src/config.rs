//! Pipelines from TOML.
//!
//! ```toml
//! [pipeline]
//! stages = ["segment"]
//!
//! [stages.segment]
//! type = "segment"
//! # the stage's own options
//! ```
//!
//! The stage table's shape is an enum supplied by the caller (the binary knows every stage
//! crate; this crate knows none), usually `#[serde(tag = "type", deny_unknown_fields)]`.

use crate::{DocStage, Pipeline, PipelineError};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// A stage configuration that knows how to build its stage.
pub trait StageConfig: DeserializeOwned {
    /// The configuration used when a stage is listed without a `[stages.NAME]` table;
    /// `None` when `name` is not a stage type.
    fn default_for(name: &str) -> Option<Self>;
    /// Builds the stage, named `name` in the pipeline.
    fn build(&self, name: &str) -> Result<Box<dyn DocStage>, PipelineError>;
}

/// The `[pipeline]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineSection {
    /// Stage names in order; each is a `[stages.NAME]` table or a stage type with defaults.
    pub stages: Vec<String>,
    /// Run `Document::validate` after every stage (default: in debug builds only).
    #[serde(default)]
    pub validate: Option<bool>,
}

/// A whole pipeline configuration file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, bound = "S: StageConfig")]
pub struct PipelineConfig<S> {
    /// Which stages run, in which order.
    pub pipeline: PipelineSection,
    /// Stage tables by name.
    #[serde(default = "BTreeMap::new")]
    pub stages: BTreeMap<String, S>,
}

impl<S: StageConfig> PipelineConfig<S> {
    /// Parses a TOML configuration.
    pub fn from_toml(text: &str) -> Result<Self, PipelineError> {
        toml::from_str(text).map_err(|e| PipelineError::Config(e.to_string()))
    }

    /// Builds the configured pipeline, checking requirements.
    pub fn build(&self) -> Result<Pipeline, PipelineError> {
        let mut builder = Pipeline::builder();
        if let Some(v) = self.pipeline.validate {
            builder = builder.validate_each_stage(v);
        }
        for name in self.stages.keys() {
            if !self.pipeline.stages.contains(name) {
                return Err(PipelineError::Config(format!(
                    "[stages.{name}] is configured but not listed in pipeline.stages"
                )));
            }
        }
        for name in &self.pipeline.stages {
            let stage = match self.stages.get(name) {
                Some(config) => config.build(name)?,
                None => S::default_for(name)
                    .ok_or_else(|| {
                        PipelineError::Config(format!(
                            "stage `{name}` has no [stages.{name}] table and is not a stage type"
                        ))
                    })?
                    .build(name)?,
            };
            builder = builder.boxed_stage(stage);
        }
        builder.build()
    }
}
