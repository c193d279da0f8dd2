//! The six quotes and four quantities of the Kursk seed article
//! (`shared/examples/kursk/expected.json`), with and without the entity stage, and nothing
//! from the flagged promotional line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use sitrep_annotate::dates::{DatesConfig, DatesStage};
use sitrep_annotate::entities::{EntitiesConfig, EntitiesStage};
use sitrep_annotate::quantities::{QuantitiesConfig, QuantitiesStage};
use sitrep_annotate::quotes::{QuotesConfig, QuotesStage};
use sitrep_model::{DocMeta, Document, FlagKind, LineFlag, QuoteKind, Span};
use sitrep_pipeline::DocStage;
use sitrep_segment::{SegmentConfig, SegmentStage};
use std::path::Path;

fn article() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/kursk/article.txt");
    std::fs::read_to_string(path).unwrap()
}

fn annotate(text: &str, with_entities: bool) -> (Document, Span) {
    let meta = DocMeta {
        published: chrono::NaiveDate::from_ymd_opt(2025, 1, 11),
        ..DocMeta::default()
    };
    let mut doc = Document::from_text(meta, text.to_owned()).unwrap();
    // The promotional line is flagged by `clean`; flag it here the same way.
    let promo = text.find("Pl watch").unwrap();
    let promo_end = promo + text[promo..].find('\n').unwrap();
    assert!(text[promo..promo_end].contains("republicpolicy.com"));
    let flag = Span::from_usize(promo, promo_end).unwrap();
    doc.flags.push(LineFlag {
        span: flag,
        kind: FlagKind::Promotional,
        reason: "promotion".into(),
    });
    SegmentStage::new("segment", SegmentConfig::default())
        .process(&mut doc)
        .unwrap();
    if with_entities {
        match EntitiesStage::new("entities", EntitiesConfig::default()) {
            Ok(stage) => stage.process(&mut doc).unwrap(),
            Err(e) => {
                sitrep_testutil::skip(module_path!(), &format!("entity stage unavailable: {e}"));
                return (doc, flag);
            }
        }
    }
    DatesStage::new("dates", DatesConfig::default())
        .process(&mut doc)
        .unwrap();
    QuantitiesStage::new("quantities", QuantitiesConfig::default())
        .process(&mut doc)
        .unwrap();
    QuotesStage::new("quotes", QuotesConfig::default())
        .process(&mut doc)
        .unwrap();
    doc.validate().unwrap();
    (doc, flag)
}

fn check(doc: &Document, flag: Span, expected: &serde_json::Value) {
    for q in &doc.quotes {
        println!(
            "{:?} speaker={:?} cue={:?} hedge={:?} channel={:?} content={:?}",
            q.kind,
            q.speaker.as_ref().map(|s| (&s.text, s.entity)),
            q.cue.map(|c| doc.span_text(c)),
            q.hedge.map(|c| doc.span_text(c)),
            q.channel.map(|c| doc.span_text(c)),
            doc.span_text(q.content),
        );
        assert!(!q.span.overlaps(flag), "quote from flagged text");
        for s in [Some(q.content), q.cue, q.hedge, q.channel]
            .into_iter()
            .flatten()
        {
            assert!(doc.text().get(s.range()).is_some());
        }
    }
    for q in &doc.quantities {
        println!(
            "{:?} value={} bound={:?} max={:?} head={:?} unit={:?} category={:?}",
            doc.span_text(q.span),
            q.value,
            q.bound,
            q.max,
            q.head,
            q.unit,
            q.category
        );
        assert!(!q.span.overlaps(flag), "quantity from flagged text");
    }
    let lower = |s: &str| s.to_lowercase();
    for want in expected["quotes"].as_array().unwrap() {
        let kind = match want["kind"].as_str().unwrap() {
            "direct" => QuoteKind::Direct,
            _ => QuoteKind::Reported,
        };
        let speaker = lower(want["speaker"].as_str().unwrap());
        let found = doc.quotes.iter().find(|q| {
            let content = lower(doc.span_text(q.content));
            q.kind == kind
                && q.speaker
                    .as_ref()
                    .is_some_and(|s| lower(&s.text).contains(&speaker))
                && want["content_starts"]
                    .as_str()
                    .is_none_or(|s| content.starts_with(&lower(s)))
                && want["content_contains"]
                    .as_str()
                    .is_none_or(|s| content.contains(&lower(s)))
        });
        assert!(found.is_some(), "no quote for {want}");
    }
    for want in expected["quantities"].as_array().unwrap() {
        let text = lower(want["text"].as_str().unwrap());
        let found = doc.quantities.iter().find(|q| {
            lower(doc.span_text(q.span)).contains(&text)
                && want["value"]
                    .as_f64()
                    .is_none_or(|v| (q.value - v).abs() < 1e-9)
                && want["bound"]
                    .as_str()
                    .is_none_or(|b| serde_json::to_value(q.bound).unwrap() == b)
                && want["category"]
                    .as_str()
                    .is_none_or(|c| serde_json::to_value(q.category).unwrap() == c)
                && want["head"]
                    .as_str()
                    .is_none_or(|h| q.head.as_deref() == Some(h))
        });
        assert!(found.is_some(), "no quantity for {want}");
    }
}

fn expected() -> Option<serde_json::Value> {
    let path = sitrep_testutil::shared(module_path!(), "examples/kursk/expected.json")?;
    Some(serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
}

#[test]
fn kursk_claims_without_entities() {
    let Some(expected) = expected() else { return };
    let (doc, flag) = annotate(&article(), false);
    check(&doc, flag, &expected);
}

#[test]
fn kursk_claims_with_entities() {
    let Some(expected) = expected() else { return };
    let (doc, flag) = annotate(&article(), true);
    if doc.entities.is_empty() {
        return;
    }
    check(&doc, flag, &expected);
    // Speakers link to the entity clusters when the entity stage ran.
    let zelensky = doc
        .quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Direct)
        .and_then(|q| q.speaker.as_ref())
        .unwrap();
    assert!(zelensky.entity.is_some(), "{zelensky:?}");
}

#[test]
fn kursk_hedges_and_channel() {
    if expected().is_none() {
        return;
    }
    let (doc, _) = annotate(&article(), false);
    let intel = doc
        .quotes
        .iter()
        .find(|q| {
            q.speaker
                .as_ref()
                .is_some_and(|s| s.text.contains("intelligence"))
        })
        .unwrap();
    assert!(intel.hedged);
    let claims = doc
        .quotes
        .iter()
        .find(|q| q.cue.is_some_and(|c| doc.span_text(c) == "claims"))
        .unwrap();
    assert!(claims.hedged);
    assert_eq!(claims.speaker.as_ref().unwrap().text, "Ukraine");
    let strike = doc
        .quotes
        .iter()
        .find(|q| doc.span_text(q.content).contains("precision strike"))
        .unwrap();
    assert!(strike.hedged);
    let first = doc
        .quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Direct)
        .unwrap();
    assert!(
        doc.span_text(first.channel.unwrap())
            .contains("social media platform X")
    );
}
