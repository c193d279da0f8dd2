use super::*;
use serde::{Deserialize, Serialize};
use sitrep_model::{DocMeta, Sentence, Span};

/// Provides one sentence covering the whole text; fails on texts containing "FAIL", panics on
/// "PANIC", and produces an out-of-bounds span on "BAD".
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WholeText {
    #[serde(default)]
    marker: String,
}

impl DocStage for WholeText {
    fn name(&self) -> &str {
        "whole"
    }
    fn version(&self) -> &str {
        "1"
    }
    fn requires(&self) -> &[Layer] {
        &[Layer::Text]
    }
    fn provides(&self) -> &[Layer] {
        &[Layer::Sentences]
    }
    fn config(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let len = doc.text().len() as u32;
        let end = if doc.text().contains("BAD") {
            len + 10
        } else {
            len
        };
        doc.sentences.push(Sentence {
            span: Span::new(0, end),
        });
        if doc.text().contains("FAIL") {
            return Err(StageError::Failed("told to fail".into()));
        }
        if doc.text().contains("PANIC") {
            panic!("told to panic");
        }
        Ok(())
    }
}

/// Requires sentences; counts them into a paragraph per sentence.
#[derive(Debug)]
struct NeedsSentences;

impl DocStage for NeedsSentences {
    fn name(&self) -> &str {
        "needs"
    }
    fn version(&self) -> &str {
        "1"
    }
    fn requires(&self) -> &[Layer] {
        &[Layer::Sentences]
    }
    fn provides(&self) -> &[Layer] {
        &[Layer::Paragraphs]
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let spans: Vec<_> = doc.sentences.iter().map(|s| s.span).collect();
        doc.paragraphs.extend(
            spans
                .into_iter()
                .map(|span| sitrep_model::Paragraph { span }),
        );
        Ok(())
    }
}

fn doc(text: &str) -> Document {
    Document::from_text(
        DocMeta {
            media_type: "text/plain".into(),
            ..Default::default()
        },
        text,
    )
    .unwrap()
}

fn pipeline() -> Pipeline {
    Pipeline::builder()
        .stage(WholeText {
            marker: String::new(),
        })
        .stage(NeedsSentences)
        .validate_each_stage(true)
        .build()
        .unwrap()
}

#[test]
fn missing_requirement_is_rejected() {
    let err = Pipeline::builder()
        .stage(NeedsSentences)
        .build()
        .unwrap_err();
    assert!(matches!(
        err,
        PipelineError::MissingRequirement {
            layer: Layer::Sentences,
            ..
        }
    ));
    assert!(err.to_string().contains("requires `sentences`"), "{err}");
}

#[test]
fn duplicate_names_are_rejected() {
    let err = Pipeline::builder()
        .stage(WholeText {
            marker: String::new(),
        })
        .stage(WholeText {
            marker: String::new(),
        })
        .build()
        .unwrap_err();
    assert!(matches!(err, PipelineError::DuplicateStage(_)));
}

#[test]
fn failures_are_isolated_per_document() {
    let p = pipeline();
    let mut docs = vec![
        doc("fine one"),
        doc("FAIL here"),
        doc("PANIC now"),
        doc("BAD span"),
        doc("fine two"),
    ];
    p.process_batch(&mut docs);
    for i in [0, 4] {
        assert!(docs[i].failures.is_empty());
        assert_eq!(docs[i].sentences.len(), 1);
        assert_eq!(docs[i].paragraphs.len(), 1);
        assert_eq!(docs[i].provenance.len(), 2);
    }
    let messages: Vec<&str> = docs[1..4]
        .iter()
        .map(|d| d.failures[0].message.as_str())
        .collect();
    assert_eq!(messages[0], "told to fail");
    assert!(
        messages[1].contains("panicked: told to panic"),
        "{}",
        messages[1]
    );
    assert!(messages[2].contains("out of bounds"), "{}", messages[2]);
    for d in &docs[1..4] {
        assert_eq!(d.failures.len(), 1);
        assert_eq!(d.failures[0].stage, "whole");
        assert!(
            d.sentences.is_empty(),
            "partial output of a failed stage is cleared"
        );
        assert!(d.paragraphs.is_empty(), "later stages are skipped");
        assert!(d.provenance.is_empty());
        d.validate().unwrap();
    }
    // Batch order is kept.
    assert_eq!(docs[4].text(), "fine two");
}

#[test]
fn provenance_hash_follows_config() {
    let a = Pipeline::builder()
        .stage(WholeText { marker: "a".into() })
        .build()
        .unwrap();
    let b = Pipeline::builder()
        .stage(WholeText { marker: "b".into() })
        .build()
        .unwrap();
    let (pa, pb) = (a.provenance(), b.provenance());
    assert_eq!(pa[0].name, "whole");
    assert_eq!(pa[0].config_hash.len(), 16);
    assert_ne!(pa[0].config_hash, pb[0].config_hash);
    let a2 = Pipeline::builder()
        .stage(WholeText { marker: "a".into() })
        .build()
        .unwrap();
    assert_eq!(pa, a2.provenance());
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum TestStages {
    Whole(WholeText),
    Needs,
}

impl StageConfig for TestStages {
    fn default_for(name: &str) -> Option<Self> {
        match name {
            "whole" => Some(TestStages::Whole(WholeText {
                marker: String::new(),
            })),
            "needs" => Some(TestStages::Needs),
            _ => None,
        }
    }
    fn build(&self, _name: &str) -> Result<Box<dyn DocStage>, PipelineError> {
        Ok(match self {
            TestStages::Whole(w) => Box::new(w.clone()),
            TestStages::Needs => Box::new(NeedsSentences),
        })
    }
}

#[test]
fn toml_configuration_builds_and_checks() {
    let cfg = PipelineConfig::<TestStages>::from_toml(
        "[pipeline]\nstages = [\"whole\", \"needs\"]\n[stages.whole]\ntype = \"whole\"\nmarker = \"x\"\n",
    )
    .unwrap();
    let p = cfg.build().unwrap();
    assert_eq!(p.stage_names(), ["whole", "needs"]);

    let unknown_field = PipelineConfig::<TestStages>::from_toml(
        "[pipeline]\nstages = [\"whole\"]\n[stages.whole]\ntype = \"whole\"\nmarkr = \"x\"\n",
    );
    assert!(unknown_field.unwrap_err().to_string().contains("markr"));

    let unknown_type =
        PipelineConfig::<TestStages>::from_toml("[pipeline]\nstages = [\"nope\"]\n").unwrap();
    assert!(
        unknown_type
            .build()
            .unwrap_err()
            .to_string()
            .contains("nope")
    );

    let wrong_order =
        PipelineConfig::<TestStages>::from_toml("[pipeline]\nstages = [\"needs\", \"whole\"]\n")
            .unwrap();
    assert!(matches!(
        wrong_order.build(),
        Err(PipelineError::MissingRequirement { .. })
    ));

    let unlisted = PipelineConfig::<TestStages>::from_toml(
        "[pipeline]\nstages = [\"needs\"]\n[stages.whole]\ntype = \"whole\"\n",
    )
    .unwrap();
    assert!(
        unlisted
            .build()
            .unwrap_err()
            .to_string()
            .contains("not listed")
    );
}

/// Provides (empty) entities: English-only by default.
#[derive(Debug)]
struct Entities;

impl DocStage for Entities {
    fn name(&self) -> &str {
        "entities"
    }
    fn version(&self) -> &str {
        "3"
    }
    fn requires(&self) -> &[Layer] {
        &[Layer::Sentences]
    }
    fn provides(&self) -> &[Layer] {
        &[Layer::Entities]
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.paragraphs.clear();
        Ok(())
    }
}

#[test]
fn issue_11_english_only_stages_skip_other_languages() {
    let p = Pipeline::builder()
        .stage(WholeText {
            marker: String::new(),
        })
        .stage(NeedsSentences)
        .stage(Entities)
        .build()
        .unwrap();
    assert_eq!(
        WholeText {
            marker: String::new()
        }
        .languages(),
        None
    );
    assert_eq!(Entities.languages(), Some(&["en"][..]));
    let mut docs = vec![doc("Die Regierung hat beschlossen."), doc("x"), doc("y")];
    docs[0].meta.language = Some("de".into());
    docs[1].meta.language = Some("en-GB".into());
    p.process_batch(&mut docs);
    // German: the language-neutral stages ran, entities was skipped and says so.
    let versions: Vec<_> = docs[0]
        .provenance
        .iter()
        .map(|r| r.version.as_str())
        .collect();
    assert_eq!(versions, ["1", "1", "3 (skipped: language de)"]);
    assert_eq!(docs[0].paragraphs.len(), 1, "the skipped stage did not run");
    // English and unknown languages run everything.
    for d in &docs[1..] {
        assert_eq!(d.provenance.len(), 3);
        assert_eq!(d.provenance[2].version, "3");
        assert!(d.paragraphs.is_empty(), "the entities stage ran");
    }
}
