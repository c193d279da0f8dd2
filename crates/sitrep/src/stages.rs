//! The stage types this binary knows, and the default pipeline.

use anyhow::Context as _;
use serde::Deserialize;
use sitrep_pipeline::{DocStage, Pipeline, PipelineConfig, PipelineError, StageConfig};
use std::path::Path;

/// One `[stages.NAME]` table: `type` selects the stage, the other keys are its options.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum StageKind {
    /// Promotional and boilerplate line flags (later stages skip flagged lines).
    Flags(sitrep_clean::LineFlagsConfig),
    /// Paragraphs, sentences and tokens.
    Segment(sitrep_segment::SegmentConfig),
    /// Temporal expressions normalised against the publication date.
    Dates(sitrep_annotate::dates::DatesConfig),
    /// Named entities, nationalities, roles and clusters.
    Entities(sitrep_annotate::entities::EntitiesConfig),
    /// Place names resolved against the embedded GeoNames gazetteer.
    Places(sitrep_annotate::places::PlacesConfig),
    /// Coded events: who did what to whom, where, when and how many (runs last).
    Events(sitrep_events::EventsConfig),
    /// Numbers with bounds, head nouns, units and casualty categories.
    Quantities(sitrep_annotate::quantities::QuantitiesConfig),
    /// Direct quotes and reported claims with speakers, cues and hedges.
    Quotes(sitrep_annotate::quotes::QuotesConfig),
}

impl StageConfig for StageKind {
    fn default_for(name: &str) -> Option<Self> {
        match name {
            "flags" => Some(StageKind::Flags(Default::default())),
            "segment" => Some(StageKind::Segment(Default::default())),
            "dates" => Some(StageKind::Dates(Default::default())),
            "entities" => Some(StageKind::Entities(Default::default())),
            "places" => Some(StageKind::Places(Default::default())),
            "events" => Some(StageKind::Events(Default::default())),
            "quantities" => Some(StageKind::Quantities(Default::default())),
            "quotes" => Some(StageKind::Quotes(Default::default())),
            _ => None,
        }
    }

    fn build(&self, name: &str) -> Result<Box<dyn DocStage>, PipelineError> {
        Ok(match self {
            StageKind::Flags(config) => {
                Box::new(sitrep_clean::LineFlagsStage::new(name, config.clone()))
            }
            StageKind::Segment(config) => {
                Box::new(sitrep_segment::SegmentStage::new(name, config.clone()))
            }
            StageKind::Dates(config) => Box::new(sitrep_annotate::dates::DatesStage::new(
                name,
                config.clone(),
            )),
            StageKind::Entities(config) => Box::new(
                sitrep_annotate::entities::EntitiesStage::new(name, config.clone())
                    .map_err(|e| PipelineError::Config(format!("stage `{name}`: {e}")))?,
            ),
            StageKind::Quantities(config) => Box::new(
                sitrep_annotate::quantities::QuantitiesStage::new(name, config.clone()),
            ),
            StageKind::Quotes(config) => Box::new(sitrep_annotate::quotes::QuotesStage::new(
                name,
                config.clone(),
            )),
            StageKind::Places(config) => Box::new(
                sitrep_annotate::places::PlacesStage::new(name, config.clone())
                    .map_err(|e| PipelineError::Config(format!("stage `{name}`: {e}")))?,
            ),
            StageKind::Events(config) => Box::new(
                sitrep_events::EventsStage::new(name, config.clone())
                    .map_err(|e| PipelineError::Config(format!("stage `{name}`: {e}")))?,
            ),
        })
    }
}

/// The built-in pipeline.
pub const DEFAULT_PIPELINE: &str = r#"
[pipeline]
stages = ["flags", "segment", "entities", "dates", "quantities", "quotes", "places", "events"]
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
        assert_eq!(
            p.stage_names(),
            [
                "flags",
                "segment",
                "entities",
                "dates",
                "quantities",
                "quotes",
                "places",
                "events"
            ]
        );
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
