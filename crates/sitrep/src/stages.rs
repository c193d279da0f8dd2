//! The stage types this binary knows, and the default pipeline.

use anyhow::Context as _;
use serde::Deserialize;
use sitrep_pipeline::{DocStage, Pipeline, PipelineConfig, PipelineError, StageConfig};
use std::path::Path;

/// One `[stages.NAME]` table: `type` selects the stage, the other keys are its options.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum StageKind {
    /// Paragraphs, sentences and tokens.
    Segment(sitrep_segment::SegmentConfig),
    /// Temporal expressions normalised against the publication date.
    Dates(sitrep_annotate::dates::DatesConfig),
}

impl StageConfig for StageKind {
    fn default_for(name: &str) -> Option<Self> {
        match name {
            "segment" => Some(StageKind::Segment(Default::default())),
            "dates" => Some(StageKind::Dates(Default::default())),
            _ => None,
        }
    }

    fn build(&self, name: &str) -> Result<Box<dyn DocStage>, PipelineError> {
        Ok(match self {
            StageKind::Segment(config) => {
                Box::new(sitrep_segment::SegmentStage::new(name, config.clone()))
            }
            StageKind::Dates(config) => Box::new(sitrep_annotate::dates::DatesStage::new(
                name,
                config.clone(),
            )),
        })
    }
}

/// The built-in pipeline.
pub const DEFAULT_PIPELINE: &str = r#"
[pipeline]
stages = ["segment", "dates"]
"#;

/// Builds the pipeline from a TOML file, or the default one.
pub fn load_pipeline(config: Option<&Path>) -> anyhow::Result<Pipeline> {
    let (text, origin) = match config {
        Some(path) => (
            std::fs::read_to_string(path)
                .with_context(|| format!("reading pipeline configuration {}", path.display()))?,
            path.display().to_string(),
        ),
        None => (DEFAULT_PIPELINE.to_owned(), "built-in pipeline".to_owned()),
    };
    let config = PipelineConfig::<StageKind>::from_toml(&text).with_context(|| origin.clone())?;
    config.build().with_context(|| origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_pipeline_builds() {
        let p = load_pipeline(None).unwrap();
        assert_eq!(p.stage_names(), ["segment", "dates"]);
    }

    #[test]
    fn unknown_options_are_rejected() {
        let cfg = "[pipeline]\nstages=[\"segment\"]\n[stages.segment]\ntype=\"segment\"\nbogus=1\n";
        let err = PipelineConfig::<StageKind>::from_toml(cfg)
            .unwrap_err()
            .to_string();
        assert!(err.contains("bogus"), "{err}");
    }
}
