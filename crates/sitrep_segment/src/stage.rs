//! The segmenter as a pipeline stage.

use crate::{SegmentConfig, Segmenter};
use sitrep_model::{Document, Layer};
use sitrep_pipeline::{DocStage, StageError};

/// Writes paragraphs, sentences and tokens into a document.
#[derive(Debug)]
pub struct SegmentStage {
    name: String,
    config: SegmentConfig,
    segmenter: Segmenter,
}

impl SegmentStage {
    /// A stage named `name` (unique in its pipeline) with the given options.
    pub fn new(name: &str, config: SegmentConfig) -> Self {
        let segmenter = config.build();
        Self {
            name: name.to_owned(),
            config,
            segmenter,
        }
    }
}

impl DocStage for SegmentStage {
    fn name(&self) -> &str {
        &self.name
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Text]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Paragraphs, Layer::Sentences, Layer::Tokens]
    }

    fn config(&self) -> serde_json::Value {
        serde_json::to_value(&self.config).unwrap_or_default()
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let seg = self.segmenter.segment(doc.text());
        doc.paragraphs = seg.paragraphs;
        doc.sentences = seg.sentences;
        doc.tokens = seg.tokens;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::DocMeta;
    use sitrep_pipeline::Pipeline;

    #[test]
    fn stage_fills_layers_and_validates() {
        let p = Pipeline::builder()
            .stage(SegmentStage::new("segment", SegmentConfig::default()))
            .validate_each_stage(true)
            .build()
            .unwrap();
        let mut doc = Document::from_text(
            DocMeta::default(),
            "Gen. Smith arrived in the U.S. on Monday. He left.\nSecond paragraph",
        )
        .unwrap();
        p.process(&mut doc);
        assert!(doc.failures.is_empty(), "{:?}", doc.failures);
        let sentences: Vec<&str> = doc
            .sentences
            .iter()
            .map(|s| doc.span_text(s.span))
            .collect();
        assert_eq!(
            sentences,
            [
                "Gen. Smith arrived in the U.S. on Monday.",
                "He left.",
                "Second paragraph"
            ]
        );
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(
            doc.tokens.first().map(|t| doc.span_text(t.span)),
            Some("Gen.")
        );
        assert_eq!(doc.provenance[0].name, "segment");
    }
}
