//! The sitrep/1 JSON form: shape, span texts, roundtrip, validation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use serde_json::Value;
use sitrep_model::*;

fn meta() -> DocMeta {
    DocMeta {
        published: "2025-01-11".parse().ok(),
        language: Some("en".into()),
        media_type: "text/plain".into(),
        ..DocMeta::default()
    }
}

const TEXT: &str = "Ukrainian forces captured two North Korean soldiers near Belaya on Tuesday, \u{201c}Zelensky\u{201d} said.";

fn span_of(text: &str, needle: &str) -> Span {
    let s = text.find(needle).unwrap();
    Span::from_usize(s, s + needle.len()).unwrap()
}

fn full_document() -> Document {
    let mut d = Document::from_text(meta(), TEXT).unwrap();
    let all = Span::new(0, TEXT.len() as u32);
    d.paragraphs.push(Paragraph { span: all });
    d.sentences.push(Sentence { span: all });
    let zel = d.alloc_id();
    d.entities.push(Entity {
        id: zel,
        span: span_of(TEXT, "Zelensky"),
        kind: EntityKind::Person,
        canonical: "Volodymyr Zelensky".into(),
        cluster: 1,
        role: None,
        country: Some("UKR".into()),
        organisation: None,
    });
    let date = d.alloc_id();
    d.dates.push(DateMention {
        id: date,
        span: span_of(TEXT, "Tuesday"),
        timex_type: TimexType::Date,
        value: "2025-01-07".into(),
        start: "2025-01-07".parse().ok(),
        end: "2025-01-07".parse().ok(),
    });
    let q = d.alloc_id();
    d.quantities.push(Quantity {
        id: q,
        span: span_of(TEXT, "two"),
        value: 2.0,
        bound: Bound::Exact,
        max: None,
        head: Some("soldiers".into()),
        category: QuantityCategory::Captured,
        unit: None,
    });
    let quote = d.alloc_id();
    d.quotes.push(Quote {
        id: quote,
        span: all,
        kind: QuoteKind::Reported,
        content: span_of(TEXT, "Ukrainian forces captured two North Korean soldiers"),
        cue: Some(span_of(TEXT, "said")),
        speaker: Some(Speaker {
            entity: Some(zel),
            text: "Zelensky".into(),
            span: Some(span_of(TEXT, "Zelensky")),
        }),
        hedged: false,
        hedge: None,
        channel: None,
    });
    let place = d.alloc_id();
    d.places.push(Place {
        id: place,
        span: span_of(TEXT, "Belaya"),
        name: "Belaya".into(),
        geonames_id: Some(579_445),
        lat: Some(51.06),
        lon: Some(35.71),
        country: Some("RUS".into()),
        admin1: Some("Kursk Oblast".into()),
        precision: Some(Precision::Village),
        confidence: None,
        entity: None,
    });
    let ev = d.alloc_id();
    d.events.push(Event {
        id: ev,
        span: all,
        event_type: "COERCE".into(),
        mode: None,
        acled_event_type: Some("Strategic developments".into()),
        acled_sub_event_type: Some("Arrests".into()),
        actor: Some(Participant {
            text: "Ukrainian forces".into(),
            entity: None,
            country: Some("UKR".into()),
            sector: Some("MIL".into()),
            span: Some(span_of(TEXT, "Ukrainian forces")),
        }),
        target: None,
        place: Some(place),
        date: Some(EventDate {
            value: "2025-01-07".into(),
            start: "2025-01-07".parse().ok(),
            end: "2025-01-07".parse().ok(),
            from: DateSource::Mention(date),
        }),
        count: Some(q),
        fatalities: None,
        modality: Modality::Asserted,
        source: Some(quote),
        trigger: span_of(TEXT, "captured"),
        evidence: vec![span_of(TEXT, "near Belaya")],
        confidence: 0.8,
        rule: "test".into(),
    });
    d.sort_layers();
    d
}

#[test]
fn json_has_the_schema_shape() {
    let d = full_document();
    d.validate().unwrap();
    let v = d.to_json().unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "schema",
            "document",
            "text",
            "flags",
            "paragraphs",
            "sentences",
            "entities",
            "dates",
            "quantities",
            "quotes",
            "places",
            "events",
            "corpus",
            "provenance",
            "failures"
        ]
    );
    assert_eq!(v["schema"], "sitrep/1");
    assert_eq!(v["document"]["published"], "2025-01-11");
    assert_eq!(
        v["document"]["url"],
        Value::Null,
        "absent values are null, not omitted"
    );
    assert_eq!(v["entities"][0]["span"]["text"], "Zelensky");
    assert_eq!(v["entities"][0]["role"], Value::Null);
    assert_eq!(
        v["quantities"][0]["value"], 2,
        "whole numbers print as integers"
    );
    assert_eq!(v["quantities"][0]["bound"], "exact");
    assert_eq!(v["quotes"][0]["speaker"]["entity"], 1);
    assert_eq!(v["quotes"][0]["cue"]["text"], "said");
    assert_eq!(v["events"][0]["type"], "COERCE");
    assert_eq!(v["events"][0]["trigger"]["text"], "captured");
    assert_eq!(v["events"][0]["date"]["from"], 2);
    assert_eq!(
        v["events"][0]["date"]["start"], "2025-01-07",
        "calendar dates are not spans"
    );
    assert_eq!(v["events"][0]["evidence"][0]["text"], "near Belaya");
    assert_eq!(v["places"][0]["precision"], "village");
    assert_eq!(v["dates"][0]["type"], "DATE");
}

#[test]
fn empty_layers_are_empty_arrays() {
    let d = Document::from_text(meta(), "Nothing here.").unwrap();
    let v = d.to_json().unwrap();
    for layer in [
        "flags",
        "sentences",
        "entities",
        "dates",
        "quantities",
        "quotes",
        "places",
        "events",
    ] {
        assert_eq!(v[layer], Value::Array(vec![]), "{layer}");
    }
}

#[test]
fn json_roundtrips() {
    let d = full_document();
    let s = d.to_json_string().unwrap();
    let back = Document::from_json(&s, None, Alignment::identity()).unwrap();
    assert_eq!(back.to_json_string().unwrap(), s);
    // New ids continue after the largest one read.
    let mut back = back;
    assert_eq!(back.alloc_id(), 7);
}

#[test]
fn published_tag_serialises_as_string() {
    let mut d = full_document();
    d.events[0].date.as_mut().unwrap().from = DateSource::Published(PublishedTag::Published);
    let v = d.to_json().unwrap();
    assert_eq!(v["events"][0]["date"]["from"], "published");
    let back = Document::from_json(&v.to_string(), None, Alignment::identity()).unwrap();
    assert_eq!(
        back.events[0].date.as_ref().unwrap().from,
        DateSource::Published(PublishedTag::Published)
    );
}

#[test]
fn other_schema_versions_are_refused() {
    let v = full_document()
        .to_json()
        .unwrap()
        .to_string()
        .replace("sitrep/1", "sitrep/9");
    let err = Document::from_json(&v, None, Alignment::identity()).unwrap_err();
    assert!(err.to_string().contains("sitrep/9"), "{err}");
}

#[test]
fn validate_catches_broken_records() {
    let mut d = full_document();
    d.events[0].place = Some(99);
    assert!(
        d.validate()
            .unwrap_err()
            .to_string()
            .contains("missing record 99")
    );

    let mut d = full_document();
    d.entities[0].span = Span::new(0, 10_000);
    assert!(
        d.validate()
            .unwrap_err()
            .to_string()
            .contains("out of bounds")
    );

    let mut d = full_document();
    let dup = d.entities[0].clone();
    d.entities.push(dup);
    assert!(
        d.validate()
            .unwrap_err()
            .to_string()
            .contains("duplicate id")
    );

    let mut d = full_document();
    // "\u{201c}" is 3 bytes: a span ending inside it is not on a char boundary.
    let q = TEXT.find('\u{201c}').unwrap() as u32;
    d.flags.push(LineFlag {
        span: Span::new(q, q + 1),
        kind: FlagKind::Boilerplate,
        reason: "x".into(),
    });
    assert!(d.validate().unwrap_err().to_string().contains("boundaries"));

    let mut d = full_document();
    d.sentences = vec![
        Sentence {
            span: Span::new(5, 9),
        },
        Sentence {
            span: Span::new(0, 4),
        },
    ];
    assert!(
        d.validate()
            .unwrap_err()
            .to_string()
            .contains("out of order")
    );
}

/// Every span object in a JSON value: (start, end, text).
fn spans(v: &Value, out: &mut Vec<(usize, usize, String)>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| spans(x, out)),
        Value::Object(m) if m.contains_key("start") && m["start"].is_u64() => {
            let (s, e) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            out.push((
                s as usize,
                e as usize,
                m["text"].as_str().unwrap().to_owned(),
            ));
        }
        Value::Object(m) => m.values().for_each(|x| spans(x, out)),
        _ => {}
    }
}

proptest! {
    #[test]
    fn every_span_text_equals_the_slice(
        text in "\\PC{1,80}",
        cuts in proptest::collection::vec((0usize..100, 0usize..100), 1..8),
    ) {
        let mut d = Document::from_text(meta(), text.clone()).unwrap();
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut spans_in = Vec::new();
        for (a, b) in cuts {
            let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            spans_in.push(Span::from_usize(a.min(b), a.max(b)).unwrap());
        }
        for span in &spans_in {
            let id = d.alloc_id();
            d.entities.push(Entity {
                id, span: *span, kind: EntityKind::Misc, canonical: d.span_text(*span).to_owned(),
                cluster: id, role: None, country: None, organisation: None,
            });
            d.flags.push(LineFlag { span: *span, kind: FlagKind::Boilerplate, reason: String::new() });
        }
        d.sort_layers();
        prop_assert!(d.validate().is_ok());
        let v = d.to_json().unwrap();
        let mut found = Vec::new();
        spans(&v, &mut found);
        prop_assert_eq!(found.len(), spans_in.len() * 2);
        for (s, e, t) in found {
            prop_assert_eq!(&text[s..e], t.as_str());
        }
        let back = Document::from_json(&v.to_string(), None, Alignment::identity()).unwrap();
        prop_assert_eq!(back.to_json().unwrap(), v);
    }
}
