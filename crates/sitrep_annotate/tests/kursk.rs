//! The five dates of the Kursk seed article (`shared/examples/kursk/expected.json`), when the
//! shared examples are present.

use sitrep_annotate::dates::{DatesConfig, DatesStage, NaiveDate};
use sitrep_model::{DocMeta, Document, FlagKind, LineFlag, Span};
use sitrep_pipeline::DocStage;
use std::path::Path;

#[test]
fn kursk_dates_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples/kursk");
    let (Ok(text), Ok(expected)) = (
        std::fs::read_to_string(dir.join("article.txt")),
        std::fs::read_to_string(dir.join("expected.json")),
    ) else {
        sitrep_testutil::skip(module_path!(), &format!("{} not found", dir.display()));
        return;
    };
    let expected: serde_json::Value = serde_json::from_str(&expected).unwrap();
    let published = NaiveDate::from_ymd_opt(2025, 1, 11).unwrap();
    let meta = DocMeta {
        published: Some(published),
        ..DocMeta::default()
    };
    let mut doc = Document::from_text(meta, text.clone()).unwrap();
    // The promotional line is flagged by `clean`; flag it here the same way.
    let promo = text.find("Pl watch").unwrap();
    let promo_end = promo + text[promo..].find('\n').unwrap();
    doc.flags.push(LineFlag {
        span: Span::from_usize(promo, promo_end).unwrap(),
        kind: FlagKind::Promotional,
        reason: "promotion".into(),
    });
    DatesStage::new("dates", DatesConfig::default())
        .process(&mut doc)
        .unwrap();
    doc.validate().unwrap();
    for m in &doc.dates {
        println!(
            "{:?} {:?} {} {:?}..{:?}",
            doc.span_text(m.span),
            m.timex_type,
            m.value,
            m.start,
            m.end
        );
        assert!(!m.span.overlaps(Span::from_usize(promo, promo_end).unwrap()));
    }
    let date =
        |v: &serde_json::Value| NaiveDate::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d").unwrap();
    for want in expected["dates"].as_array().unwrap() {
        let needle = want["text"].as_str().unwrap().to_lowercase();
        let found = doc
            .dates
            .iter()
            .find(|m| doc.span_text(m.span).to_lowercase().contains(&needle))
            .unwrap_or_else(|| panic!("no date mention for {needle:?}"));
        if let Some(v) = want.get("value") {
            assert_eq!(found.value, v.as_str().unwrap(), "{needle}");
        }
        if let Some(w) = want.get("within") {
            let (lo, hi) = (date(&w[0]), date(&w[1]));
            let (s, e) = (found.start.unwrap(), found.end.unwrap());
            assert!(
                lo <= s && e <= hi && s <= e,
                "{needle}: {s}..{e} not within {lo}..{hi}"
            );
        }
    }
    // "On Tuesday": the span is the weekday alone (TimeML keeps the preposition out).
    let tuesday = doc.dates.iter().find(|m| m.value == "2025-01-07").unwrap();
    assert_eq!(doc.span_text(tuesday.span), "Tuesday");
}
