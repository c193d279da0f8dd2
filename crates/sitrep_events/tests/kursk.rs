//! The four events of the Kursk seed article (`examples/kursk/article.txt`, expected facts in
//! `shared/examples/kursk/expected.json`), through the real upstream stages.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::panic
)]

mod common;

use sitrep_events::{EventsConfig, EventsStage};
use sitrep_model::{DateSource, DocMeta, Document, Event, Modality};
use sitrep_pipeline::Pipeline;
use std::path::Path;

fn pipeline() -> Pipeline {
    use sitrep_annotate::{dates, places, quantities, quotes};
    Pipeline::builder()
        .stage(sitrep_clean::LineFlagsStage::new(
            "flags",
            Default::default(),
        ))
        .stage(sitrep_segment::SegmentStage::new(
            "segment",
            Default::default(),
        ))
        .boxed_stage(common::entities())
        .stage(dates::DatesStage::new("dates", Default::default()))
        .stage(quantities::QuantitiesStage::new(
            "quantities",
            Default::default(),
        ))
        .stage(quotes::QuotesStage::new("quotes", Default::default()))
        .stage(places::PlacesStage::new("places", Default::default()).unwrap())
        .stage(EventsStage::new("events", EventsConfig::default()).unwrap())
        .validate_each_stage(true)
        .build()
        .unwrap()
}

fn kursk() -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/kursk/article.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let meta = DocMeta {
        published: chrono::NaiveDate::from_ymd_opt(2025, 1, 11),
        ..DocMeta::default()
    };
    let mut doc = Document::from_text(meta, text).unwrap();
    pipeline().process(&mut doc);
    assert!(doc.failures.is_empty(), "{:?}", doc.failures);
    doc
}

fn show(doc: &Document, e: &Event) -> String {
    let p = |p: &Option<sitrep_model::Participant>| {
        p.as_ref().map(|p| {
            format!(
                "{}[{}/{}]",
                p.text,
                p.country.as_deref().unwrap_or("-"),
                p.sector.as_deref().unwrap_or("-")
            )
        })
    };
    let place = e
        .place
        .and_then(|id| doc.places.iter().find(|pl| pl.id == id))
        .map(|pl| {
            format!(
                "{}({})",
                doc.span_text(pl.span),
                pl.country.as_deref().unwrap_or("-")
            )
        });
    format!(
        "{} {:?} {:?}/{:?} trig={:?} actor={:?} target={:?} place={:?} date={:?} count={:?} fat={:?} {:?} src={:?} rule={} conf={:.2}",
        e.event_type,
        e.mode,
        e.acled_event_type,
        e.acled_sub_event_type,
        doc.span_text(e.trigger),
        p(&e.actor),
        p(&e.target),
        place,
        e.date.as_ref().map(|d| (&d.value, d.from)),
        e.count
            .and_then(|id| doc.quantities.iter().find(|q| q.id == id))
            .map(|q| doc.span_text(q.span)),
        e.fatalities,
        e.modality,
        e.source,
        e.rule,
        e.confidence
    )
}

fn place_country<'a>(doc: &'a Document, e: &Event) -> Option<&'a str> {
    e.place
        .and_then(|id| doc.places.iter().find(|p| p.id == id))
        .and_then(|p| p.country.as_deref())
}

#[test]
fn kursk_events() {
    let doc = kursk();
    for e in &doc.events {
        println!("{}", show(&doc, e));
        assert!(!e.evidence.is_empty());
        for sp in &e.evidence {
            assert!(!doc.span_text(*sp).is_empty());
        }
        assert!(!doc.overlaps_flag(e.trigger), "event from a flagged line");
    }
    let text = |e: &Event| doc.span_text(e.trigger).to_lowercase();
    // 1. Ukrainian forces captured two North Korean soldiers.
    let capture = doc
        .events
        .iter()
        .find(|e| text(e) == "captured" && e.trigger.start < 200)
        .expect("capture event");
    assert_eq!(capture.event_type, "COERCE");
    let actor = capture.actor.as_ref().unwrap();
    assert_eq!(
        (actor.country.as_deref(), actor.sector.as_deref()),
        (Some("UKR"), Some("MIL"))
    );
    assert_eq!(
        capture.target.as_ref().unwrap().country.as_deref(),
        Some("PRK")
    );
    assert_eq!(place_country(&doc, capture), Some("RUS"));
    let d = capture.date.as_ref().unwrap();
    assert!(
        d.value.as_str() >= "2025-01-09" && d.value.as_str() <= "2025-01-11",
        "{d:?}"
    );
    let q = doc
        .quantities
        .iter()
        .find(|q| Some(q.id) == capture.count)
        .unwrap();
    assert_eq!(q.value, 2.0);
    assert_eq!(capture.modality, Modality::Asserted);
    // 2. Over 1,000 North Korean soldiers killed or injured (Blinken).
    let casualties = doc
        .events
        .iter()
        .find(|e| text(e) == "killed" && doc.span_text(e.span).contains("1,000"))
        .expect("casualty event");
    assert_eq!(
        casualties.target.as_ref().unwrap().country.as_deref(),
        Some("PRK")
    );
    assert_eq!(place_country(&doc, casualties), Some("RUS"));
    let d = casualties.date.as_ref().unwrap();
    assert!(d.start.unwrap().to_string().as_str() >= "2024-12-22");
    assert!(d.end.unwrap().to_string().as_str() <= "2024-12-31");
    let q = doc
        .quantities
        .iter()
        .find(|q| Some(q.id) == casualties.count)
        .unwrap();
    assert!(q.value >= 1000.0);
    assert!(casualties.source.is_some(), "reported by Blinken");
    // 3. Precision strike near Belaya, Tuesday, reportedly.
    let strike = doc
        .events
        .iter()
        .find(|e| text(e) == "strike")
        .expect("strike event");
    assert_eq!(strike.event_type, "ASSAULT");
    assert_eq!(
        strike.actor.as_ref().unwrap().country.as_deref(),
        Some("UKR")
    );
    assert_eq!(
        strike.target.as_ref().unwrap().country.as_deref(),
        Some("RUS")
    );
    let place = doc
        .places
        .iter()
        .find(|p| Some(p.id) == strike.place)
        .unwrap();
    assert_eq!(doc.span_text(place.span), "Belaya");
    assert!(
        strike
            .evidence
            .iter()
            .any(|sp| doc.span_text(*sp) == "near Belaya")
    );
    assert_eq!(strike.date.as_ref().unwrap().value, "2025-01-07");
    assert!(matches!(
        strike.date.as_ref().unwrap().from,
        DateSource::Mention(_)
    ));
    assert_eq!(strike.modality, Modality::Hedged);
    // 4. About 11,000 North Korean troops stationed in Kursk (intelligence estimate).
    let stationed = doc
        .events
        .iter()
        .find(|e| text(e) == "stationed")
        .expect("stationing event");
    let who = stationed
        .actor
        .as_ref()
        .or(stationed.target.as_ref())
        .unwrap();
    assert_eq!(who.country.as_deref(), Some("PRK"));
    assert_eq!(place_country(&doc, stationed), Some("RUS"));
    assert_eq!(stationed.modality, Modality::Hedged);
    // The invasion "since World War II" is not an asserted attack.
    for e in doc.events.iter().filter(|e| text(e) == "invasion") {
        assert_ne!(e.modality, Modality::Asserted, "{}", show(&doc, e));
    }
    let json = doc.to_json().unwrap();
    assert!(json["events"].as_array().is_some_and(|a| a.len() >= 4));
}
