//! The conformance suite every [`Store`] backend must pass.
//!
//! Each check takes a fresh, empty store and returns `Err` with a description on failure, so a
//! backend's test file runs them all:
//!
//! ```ignore
//! for (name, check) in sitrep_store::conformance::CHECKS {
//!     check(&new_empty_store()).unwrap_or_else(|e| panic!("{name}: {e}"));
//! }
//! ```

use crate::{
    BBox, EntityQuery, EventQuery, EventSort, InputFailure, PlaceQuery, PutOutcome, Store,
};
use sitrep_model::{
    Bound, DateMention, DocMeta, Document, Entity, EntityKind, LineFlag, Paragraph, Quantity,
    QuantityCategory, Sentence, Span, TimexType,
};

/// A conformance check: `Ok` or a description of what the backend got wrong.
pub type Check = fn(&dyn Store) -> Result<(), String>;

/// All checks, by name.
pub const CHECKS: &[(&str, Check)] = &[
    ("roundtrip_keeps_every_layer", roundtrip_keeps_every_layer),
    (
        "same_document_twice_is_stored_once",
        same_document_twice_is_stored_once,
    ),
    ("changed_annotations_update", changed_annotations_update),
    ("missing_document_is_none", missing_document_is_none),
    ("search_finds_words", search_finds_words),
    ("failures_are_kept", failures_are_kept),
    ("listing_is_ordered", listing_is_ordered),
    ("stats_count_layers", stats_count_layers),
    ("odd_text_survives", odd_text_survives),
    ("raw_and_alignment_survive", raw_and_alignment_survive),
    (
        "same_text_from_another_origin_is_unchanged",
        same_text_from_another_origin_is_unchanged,
    ),
    ("events_filter_by_every_field", events_filter_by_every_field),
    ("events_sort_and_page", events_sort_and_page),
    ("event_rows_carry_evidence", event_rows_carry_evidence),
    (
        "events_follow_document_updates",
        events_follow_document_updates,
    ),
    ("event_timeline_and_facets", event_timeline_and_facets),
    (
        "places_and_entities_are_aggregated",
        places_and_entities_are_aggregated,
    ),
    ("search_and_listing_pages", search_and_listing_pages),
    (
        "corpus_entries_keep_first_seen_order",
        corpus_entries_keep_first_seen_order,
    ),
    ("corpus_links_replace_per_doc", corpus_links_replace_per_doc),
    (
        "event_clusters_roundtrip_and_filter",
        event_clusters_roundtrip_and_filter,
    ),
    (
        "document_corpus_record_roundtrips",
        document_corpus_record_roundtrips,
    ),
    (
        "cluster_revisions_page_every_write",
        cluster_revisions_page_every_write,
    ),
];

fn ensure(cond: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if cond { Ok(()) } else { Err(what()) }
}

/// A small annotated document used by the checks.
pub fn sample_document(text: &str, published: &str) -> Result<Document, String> {
    let meta = DocMeta {
        title: Some(format!(
            "Sample: {}",
            text.chars().take(20).collect::<String>()
        )),
        published: published.parse().ok(),
        language: Some("en".into()),
        media_type: "text/plain".into(),
        origin: Some("conformance".into()),
        ..DocMeta::default()
    };
    let mut doc = Document::from_text(meta, text).map_err(|e| e.to_string())?;
    let len = u32::try_from(text.len()).map_err(|e| e.to_string())?;
    let whole = Span::new(0, len).trim(text);
    doc.paragraphs.push(Paragraph { span: whole });
    doc.sentences.push(Sentence { span: whole });
    if let Some(pos) = text.find("Kyiv") {
        let span = Span::from_usize(pos, pos + 4).map_err(|e| e.to_string())?;
        let id = doc.alloc_id();
        doc.entities.push(Entity {
            id,
            span,
            kind: EntityKind::Place,
            canonical: "Kyiv".into(),
            cluster: 1,
            role: None,
            country: Some("UKR".into()),
            organisation: None,
        });
    }
    if let Some(pos) = text.find("two") {
        let span = Span::from_usize(pos, pos + 3).map_err(|e| e.to_string())?;
        let id = doc.alloc_id();
        doc.quantities.push(Quantity {
            id,
            span,
            value: 2.0,
            bound: Bound::Exact,
            max: None,
            head: Some("soldiers".into()),
            category: QuantityCategory::Captured,
            unit: None,
        });
    }
    if let Some(pos) = text.find("Tuesday") {
        let span = Span::from_usize(pos, pos + 7).map_err(|e| e.to_string())?;
        let id = doc.alloc_id();
        doc.dates.push(DateMention {
            id,
            span,
            timex_type: TimexType::Date,
            value: "2025-01-07".into(),
            start: "2025-01-07".parse().ok(),
            end: "2025-01-07".parse().ok(),
        });
    }
    doc.sort_layers();
    doc.validate().map_err(|e| e.to_string())?;
    Ok(doc)
}

fn roundtrip_keeps_every_layer(store: &dyn Store) -> Result<(), String> {
    let doc = sample_document("On Tuesday two soldiers reached Kyiv.", "2025-01-11")?;
    let out = store
        .put_documents(std::slice::from_ref(&doc))
        .map_err(|e| e.to_string())?;
    ensure(out == [PutOutcome::Inserted], || {
        format!("first put gave {out:?}")
    })?;
    let back = store.get_document(doc.id()).map_err(|e| e.to_string())?;
    let back = back.ok_or("stored document not found")?;
    let (a, b) = (doc.to_json_string(), back.to_json_string());
    let (a, b) = (a.map_err(|e| e.to_string())?, b.map_err(|e| e.to_string())?);
    ensure(a == b, || {
        format!("JSON differs after roundtrip:\n{a}\n{b}")
    })
}

fn same_document_twice_is_stored_once(store: &dyn Store) -> Result<(), String> {
    let doc = sample_document("Kyiv was quiet.", "2025-01-11")?;
    let batch = [doc.clone(), doc.clone()];
    store.put_documents(&batch).map_err(|e| e.to_string())?;
    let again = store.put_documents(&[doc]).map_err(|e| e.to_string())?;
    ensure(again == [PutOutcome::Unchanged], || {
        format!("third put gave {again:?}")
    })?;
    let stats = store.stats().map_err(|e| e.to_string())?;
    ensure(stats.documents == 1, || {
        format!("{} documents after 3 puts", stats.documents)
    })
}

fn changed_annotations_update(store: &dyn Store) -> Result<(), String> {
    let mut doc = sample_document("Kyiv was quiet on Tuesday.", "2025-01-11")?;
    store
        .put_documents(std::slice::from_ref(&doc))
        .map_err(|e| e.to_string())?;
    doc.entities.clear();
    let out = store
        .put_documents(std::slice::from_ref(&doc))
        .map_err(|e| e.to_string())?;
    ensure(out == [PutOutcome::Updated], || {
        format!("changed put gave {out:?}")
    })?;
    let back = store
        .get_document(doc.id())
        .map_err(|e| e.to_string())?
        .ok_or("not found")?;
    ensure(back.entities.is_empty(), || {
        "old entities survived the update".into()
    })?;
    ensure(back.dates.len() == 1, || "dates lost in the update".into())?;
    let stats = store.stats().map_err(|e| e.to_string())?;
    let entities = stats
        .layers
        .iter()
        .find(|(l, _)| l == "entities")
        .map_or(0, |(_, n)| *n);
    ensure(entities == 0, || {
        format!("{entities} entity rows left after update")
    })
}

fn missing_document_is_none(store: &dyn Store) -> Result<(), String> {
    let got = store
        .get_document("0000000000000000")
        .map_err(|e| e.to_string())?;
    ensure(got.is_none(), || {
        "a document that was never stored was found".into()
    })
}

fn search_finds_words(store: &dyn Store) -> Result<(), String> {
    let a = sample_document("Shelling hit Kharkiv overnight.", "2025-01-10")?;
    let b = sample_document("Talks in Geneva ended without agreement.", "2025-01-09")?;
    store
        .put_documents(&[a.clone(), b])
        .map_err(|e| e.to_string())?;
    let hits = store.search("kharkiv", 10).map_err(|e| e.to_string())?;
    ensure(hits.len() == 1, || {
        format!("{} hits for kharkiv", hits.len())
    })?;
    ensure(hits.iter().all(|h| h.doc.id == a.id()), || {
        "wrong document found".into()
    })?;
    ensure(
        hits.iter()
            .all(|h| h.snippet.to_lowercase().contains("kharkiv")),
        || "snippet lacks the match".into(),
    )?;
    let none = store
        .search("zaporizhzhia", 10)
        .map_err(|e| e.to_string())?;
    ensure(none.is_empty(), || "hits for an absent word".into())?;
    // Query syntax from users must not break the backend.
    store
        .search("\"unbalanced AND (", 10)
        .map_err(|e| e.to_string())?;
    Ok(())
}

fn failures_are_kept(store: &dyn Store) -> Result<(), String> {
    let f = InputFailure {
        origin: "news.jsonl:3".into(),
        message: "not JSON".into(),
    };
    store
        .put_input_failures(std::slice::from_ref(&f))
        .map_err(|e| e.to_string())?;
    let mut doc = sample_document("Kyiv.", "2025-01-11")?;
    doc.failures.push(sitrep_model::StageFailure {
        stage: "entities".into(),
        message: "model missing".into(),
    });
    store
        .put_documents(std::slice::from_ref(&doc))
        .map_err(|e| e.to_string())?;
    let all = store.failures(100).map_err(|e| e.to_string())?;
    ensure(all.len() == 2, || {
        format!("{} failures stored, want 2", all.len())
    })?;
    ensure(
        all.iter()
            .any(|s| s.origin.as_deref() == Some("news.jsonl:3")),
        || "input failure lost".into(),
    )?;
    ensure(
        all.iter()
            .any(|s| s.doc_id.as_deref() == Some(doc.id()) && s.stage == "entities"),
        || "document failure lost".into(),
    )?;
    let stats = store.stats().map_err(|e| e.to_string())?;
    ensure(
        stats.failed_documents == 1 && stats.input_failures == 1,
        || format!("{stats:?}"),
    )?;
    let back = store
        .get_document(doc.id())
        .map_err(|e| e.to_string())?
        .ok_or("not found")?;
    ensure(back.failures.len() == 1, || {
        "document failures not kept with the document".into()
    })
}

fn listing_is_ordered(store: &dyn Store) -> Result<(), String> {
    let docs = [
        sample_document("First report.", "2024-08-06")?,
        sample_document("Third report.", "2025-01-11")?,
        sample_document("Second report.", "2024-12-31")?,
    ];
    store.put_documents(&docs).map_err(|e| e.to_string())?;
    let list = store.list_documents(0, 10).map_err(|e| e.to_string())?;
    let dates: Vec<_> = list
        .iter()
        .map(|d| d.published.clone().unwrap_or_default())
        .collect();
    ensure(dates == ["2025-01-11", "2024-12-31", "2024-08-06"], || {
        format!("{dates:?}")
    })?;
    let page = store.list_documents(1, 1).map_err(|e| e.to_string())?;
    ensure(
        page.len() == 1 && page[0].published.as_deref() == Some("2024-12-31"),
        || format!("offset/limit page {page:?}"),
    )
}

fn stats_count_layers(store: &dyn Store) -> Result<(), String> {
    let doc = sample_document("On Tuesday two soldiers reached Kyiv.", "2025-01-11")?;
    store
        .put_documents(std::slice::from_ref(&doc))
        .map_err(|e| e.to_string())?;
    let stats = store.stats().map_err(|e| e.to_string())?;
    let n = |layer: &str| {
        stats
            .layers
            .iter()
            .find(|(l, _)| l == layer)
            .map_or(0, |(_, n)| *n)
    };
    ensure(stats.documents == 1, || format!("{stats:?}"))?;
    ensure(
        n("sentences") == 1 && n("entities") == 1 && n("dates") == 1,
        || format!("{stats:?}"),
    )?;
    ensure(n("quantities") == 1 && n("events") == 0, || {
        format!("{stats:?}")
    })?;
    ensure(stats.text_bytes == doc.text().len() as u64, || {
        format!("{stats:?}")
    })
}

fn odd_text_survives(store: &dyn Store) -> Result<(), String> {
    let text = "Quote \u{201c}x\u{201d}; NUL-free emoji \u{1f600}; replacement \u{fffd}; 'single'";
    let mut doc = sample_document(text, "2025-01-11")?;
    doc.flags.push(LineFlag {
        span: Span::new(0, 5),
        kind: sitrep_model::FlagKind::Encoding,
        reason: "test".into(),
    });
    doc.sort_layers();
    store
        .put_documents(std::slice::from_ref(&doc))
        .map_err(|e| e.to_string())?;
    let back = store
        .get_document(doc.id())
        .map_err(|e| e.to_string())?
        .ok_or("not found")?;
    ensure(back.text() == text, || "text changed in storage".into())?;
    ensure(back.flags == doc.flags, || {
        "flags changed in storage".into()
    })
}

fn raw_and_alignment_survive(store: &dyn Store) -> Result<(), String> {
    // raw "<p>Tom &amp; Jerry</p>" cleaned to "Tom & Jerry"
    let raw = b"<p>Tom &amp; Jerry</p>".to_vec();
    let mut b = sitrep_model::AlignmentBuilder::new();
    b.copy(3, 4);
    b.replace(7, 5, 1);
    b.copy(12, 6);
    let alignment = b.finish(22);
    let meta = DocMeta {
        media_type: "text/html".into(),
        ..DocMeta::default()
    };
    let doc = Document::new(meta, Some(raw.clone()), "Tom & Jerry".into(), alignment)
        .map_err(|e| e.to_string())?;
    store
        .put_documents(std::slice::from_ref(&doc))
        .map_err(|e| e.to_string())?;
    let back = store
        .get_document(doc.id())
        .map_err(|e| e.to_string())?
        .ok_or("not found")?;
    ensure(back.raw() == raw.as_slice(), || {
        "raw bytes changed in storage".into()
    })?;
    let amp = back.raw_span(Span::new(4, 5));
    ensure(&raw[amp.range()] == b"&amp;", || {
        format!("alignment maps & to {amp}")
    })
}

/// Three reports with entities, places, dates and events, for the query checks (and for
/// servers' tests). Events: 4 in all, on 2025-01-07, 2025-01-11, 2024-12-31 and 2024-08-05.
pub fn event_documents() -> Result<Vec<Document>, String> {
    use sitrep_model::{
        DateSource, Event, EventDate, Modality, Participant, Place, Precision, PublishedTag,
    };
    struct P<'a> {
        name: &'a str,
        lat: f64,
        lon: f64,
        country: &'a str,
    }
    struct E<'a> {
        sentence: &'a str,
        trigger: &'a str,
        kind: &'a str,
        acled: Option<&'a str>,
        actor: (&'a str, &'a str, &'a str),
        target: Option<(&'a str, &'a str, &'a str)>,
        place: &'a str,
        date: &'a str,
        modality: Modality,
        confidence: f32,
        fatalities: Option<u64>,
    }
    let find = |text: &str, needle: &str| -> Result<Span, String> {
        let pos = text
            .find(needle)
            .ok_or_else(|| format!("{needle:?} not in {text:?}"))?;
        Span::from_usize(pos, pos + needle.len()).map_err(|e| e.to_string())
    };
    let build = |text: &str,
                 published: &str,
                 title: &str,
                 places: &[P<'_>],
                 events: &[E<'_>]|
     -> Result<Document, String> {
        let meta = DocMeta {
            title: Some(title.into()),
            published: published.parse().ok(),
            language: Some("en".into()),
            media_type: "text/plain".into(),
            source: Some("Conformance Wire".into()),
            url: Some(format!("https://example.invalid/{published}")),
            ..DocMeta::default()
        };
        let mut doc = Document::from_text(meta, text).map_err(|e| e.to_string())?;
        let mut place_ids = Vec::new();
        for p in places {
            let span = find(text, p.name)?;
            let id = doc.alloc_id();
            let entity_id = doc.alloc_id();
            doc.entities.push(Entity {
                id: entity_id,
                span,
                kind: EntityKind::Place,
                canonical: p.name.into(),
                cluster: id,
                role: None,
                country: Some(p.country.into()),
                organisation: None,
            });
            doc.places.push(Place {
                id,
                span,
                name: p.name.into(),
                geonames_id: None,
                lat: Some(p.lat),
                lon: Some(p.lon),
                country: Some(p.country.into()),
                admin1: None,
                precision: Some(Precision::City),
                confidence: None,
                entity: None,
            });
            place_ids.push((p.name, id));
        }
        for e in events {
            let span = find(text, e.sentence)?;
            let trigger = find(text, e.trigger)?;
            let participant = |(t, c, s): (&str, &str, &str)| -> Result<Participant, String> {
                Ok(Participant {
                    text: t.into(),
                    entity: None,
                    country: Some(c.into()),
                    sector: Some(s.into()),
                    span: Some(find(text, t)?),
                })
            };
            let day: Option<chrono::NaiveDate> = e.date.parse().ok();
            let id = doc.alloc_id();
            doc.events.push(Event {
                id,
                span,
                event_type: e.kind.into(),
                mode: None,
                acled_event_type: e.acled.map(Into::into),
                acled_sub_event_type: None,
                actor: Some(participant(e.actor)?),
                target: e.target.map(participant).transpose()?,
                place: place_ids.iter().find(|p| p.0 == e.place).map(|p| p.1),
                date: Some(EventDate {
                    value: e.date.into(),
                    start: day,
                    end: day,
                    from: DateSource::Published(PublishedTag::Published),
                }),
                count: None,
                fatalities: e.fatalities,
                modality: e.modality,
                source: None,
                trigger,
                evidence: vec![trigger],
                confidence: e.confidence,
                rule: "conformance".into(),
            });
        }
        doc.sort_layers();
        doc.validate().map_err(|e| e.to_string())?;
        Ok(doc)
    };
    let kursk = P {
        name: "Kursk",
        lat: 51.73,
        lon: 36.19,
        country: "RUS",
    };
    let sudzha = P {
        name: "Sudzha",
        lat: 51.19,
        lon: 35.27,
        country: "RUS",
    };
    let kharkiv = P {
        name: "Kharkiv",
        lat: 49.99,
        lon: 36.23,
        country: "UKR",
    };
    let lviv = P {
        name: "Lviv",
        lat: 49.84,
        lon: 24.03,
        country: "UKR",
    };
    let a = build(
        "Ukrainian forces shelled Kursk on Tuesday, killing two soldiers. \
         Moscow denied that Russian troops fought near Sudzha.",
        "2025-01-11",
        "Shelling in Kursk",
        &[kursk, sudzha],
        &[
            E {
                sentence: "Ukrainian forces shelled Kursk on Tuesday, killing two soldiers.",
                trigger: "shelled",
                kind: "ASSAULT",
                acled: Some("Explosions/Remote violence"),
                actor: ("Ukrainian forces", "UKR", "MIL"),
                target: Some(("two soldiers", "RUS", "MIL")),
                place: "Kursk",
                date: "2025-01-07",
                modality: Modality::Asserted,
                confidence: 0.9,
                fatalities: Some(2),
            },
            E {
                sentence: "Moscow denied that Russian troops fought near Sudzha.",
                trigger: "fought",
                kind: "FIGHT",
                acled: Some("Battles"),
                actor: ("Russian troops", "RUS", "MIL"),
                target: None,
                place: "Sudzha",
                date: "2025-01-11",
                modality: Modality::Negated,
                confidence: 0.5,
                fatalities: None,
            },
        ],
    )?;
    let b = build(
        "Drones struck Kharkiv overnight, officials said.",
        "2024-08-06",
        "Drones over Kharkiv",
        &[kharkiv],
        &[E {
            sentence: "Drones struck Kharkiv overnight, officials said.",
            trigger: "struck",
            kind: "ASSAULT",
            acled: Some("Explosions/Remote violence"),
            actor: ("Drones", "RUS", "MIL"),
            target: Some(("Kharkiv", "UKR", "CVL")),
            place: "Kharkiv",
            date: "2024-08-05",
            modality: Modality::Hedged,
            confidence: 0.7,
            fatalities: None,
        }],
    )?;
    let c = build(
        "Reservists were mobilized in Lviv. Kursk was quiet.",
        "2024-12-31",
        "Mobilisation in Lviv",
        &[
            lviv,
            P {
                name: "Kursk",
                lat: 51.73,
                lon: 36.19,
                country: "RUS",
            },
        ],
        &[E {
            sentence: "Reservists were mobilized in Lviv.",
            trigger: "mobilized",
            kind: "MOBILIZE",
            acled: None,
            actor: ("Reservists", "UKR", "MIL"),
            target: None,
            place: "Lviv",
            date: "2024-12-31",
            modality: Modality::Asserted,
            confidence: 0.6,
            fatalities: None,
        }],
    )?;
    Ok(vec![a, b, c])
}

fn put_event_documents(store: &dyn Store) -> Result<Vec<Document>, String> {
    let docs = event_documents()?;
    store.put_documents(&docs).map_err(|e| e.to_string())?;
    Ok(docs)
}

fn event_dates(store: &dyn Store, q: &EventQuery) -> Result<(u64, Vec<String>), String> {
    let page = store.events(q).map_err(|e| e.to_string())?;
    let dates = page
        .items
        .iter()
        .map(|r| {
            r.event
                .date
                .as_ref()
                .and_then(|d| d.start)
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    Ok((page.total, dates))
}

fn events_filter_by_every_field(store: &dyn Store) -> Result<(), String> {
    let docs = put_event_documents(store)?;
    let strings = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let day = |s: &str| s.parse().ok();
    let cases: Vec<(&str, EventQuery, u64)> = vec![
        ("no filter", EventQuery::default(), 4),
        (
            "type",
            EventQuery {
                types: strings(&["MOBILIZE", "FIGHT"]),
                ..EventQuery::default()
            },
            2,
        ),
        (
            "acled type",
            EventQuery {
                acled_types: strings(&["Explosions/Remote violence"]),
                ..EventQuery::default()
            },
            2,
        ),
        (
            "actor country",
            EventQuery {
                actor_countries: strings(&["UKR"]),
                ..EventQuery::default()
            },
            2,
        ),
        (
            "target country",
            EventQuery {
                target_countries: strings(&["RUS"]),
                ..EventQuery::default()
            },
            1,
        ),
        (
            "modality",
            EventQuery {
                modalities: strings(&["negated", "hedged"]),
                ..EventQuery::default()
            },
            2,
        ),
        (
            "bbox",
            EventQuery {
                bbox: Some(BBox {
                    min_lon: 35.0,
                    min_lat: 51.0,
                    max_lon: 37.0,
                    max_lat: 52.0,
                }),
                ..EventQuery::default()
            },
            2,
        ),
        (
            "bbox across the antimeridian",
            EventQuery {
                bbox: Some(BBox {
                    min_lon: 30.0,
                    min_lat: 40.0,
                    max_lon: -170.0,
                    max_lat: 60.0,
                }),
                ..EventQuery::default()
            },
            3,
        ),
        (
            "date range",
            EventQuery {
                date_from: day("2025-01-01"),
                date_to: day("2025-01-31"),
                ..EventQuery::default()
            },
            2,
        ),
        (
            "date from",
            EventQuery {
                date_from: day("2024-12-31"),
                ..EventQuery::default()
            },
            3,
        ),
        (
            "text in the sentence, any case",
            EventQuery {
                text: Some("KILLING soldiers".into()),
                ..EventQuery::default()
            },
            1,
        ),
        (
            "text in the place name",
            EventQuery {
                text: Some("sudzha".into()),
                ..EventQuery::default()
            },
            1,
        ),
        (
            "document",
            EventQuery {
                doc_id: Some(docs[0].id().to_owned()),
                ..EventQuery::default()
            },
            2,
        ),
        (
            "fields combine with AND",
            EventQuery {
                acled_types: strings(&["Explosions/Remote violence"]),
                actor_countries: strings(&["RUS"]),
                ..EventQuery::default()
            },
            1,
        ),
    ];
    for (name, q, want) in cases {
        let page = store.events(&q).map_err(|e| e.to_string())?;
        ensure(
            page.total == want && page.items.len() as u64 == want,
            || {
                format!(
                    "{name}: total {} items {}, want {want}",
                    page.total,
                    page.items.len()
                )
            },
        )?;
    }
    Ok(())
}

fn events_sort_and_page(store: &dyn Store) -> Result<(), String> {
    put_event_documents(store)?;
    let (total, dates) = event_dates(store, &EventQuery::default())?;
    ensure(
        total == 4 && dates == ["2025-01-11", "2025-01-07", "2024-12-31", "2024-08-05"],
        || format!("newest first: {dates:?}"),
    )?;
    let q = EventQuery {
        descending: false,
        offset: 1,
        limit: 2,
        ..EventQuery::default()
    };
    let (total, dates) = event_dates(store, &q)?;
    ensure(total == 4 && dates == ["2024-12-31", "2025-01-07"], || {
        format!("oldest first, page 2: {total} {dates:?}")
    })?;
    let q = EventQuery {
        sort: EventSort::Confidence,
        descending: false,
        ..EventQuery::default()
    };
    let page = store.events(&q).map_err(|e| e.to_string())?;
    let conf: Vec<f32> = page.items.iter().map(|r| r.event.confidence).collect();
    ensure(conf == [0.5, 0.6, 0.7, 0.9], || {
        format!("by confidence: {conf:?}")
    })?;
    let q = EventQuery {
        sort: EventSort::AcledType,
        ..EventQuery::default()
    };
    let page = store.events(&q).map_err(|e| e.to_string())?;
    let last = page.items.last().map(|r| r.event.acled_event_type.clone());
    ensure(last == Some(None), || {
        format!("events without an ACLED type sort last: {last:?}")
    })
}

fn event_rows_carry_evidence(store: &dyn Store) -> Result<(), String> {
    let docs = put_event_documents(store)?;
    let q = EventQuery {
        types: vec!["ASSAULT".into()],
        doc_id: Some(docs[0].id().to_owned()),
        ..EventQuery::default()
    };
    let page = store.events(&q).map_err(|e| e.to_string())?;
    let row = page.items.first().ok_or("the Kursk event is missing")?;
    ensure(row.doc.id == docs[0].id(), || format!("{:?}", row.doc))?;
    ensure(
        row.doc.title.as_deref() == Some("Shelling in Kursk"),
        || format!("{:?}", row.doc),
    )?;
    ensure(row.event == docs[0].events[0], || {
        format!("event changed in storage: {:?}", row.event)
    })?;
    ensure(
        row.text == "Ukrainian forces shelled Kursk on Tuesday, killing two soldiers.",
        || format!("event text {:?}", row.text),
    )?;
    ensure(row.event_json.contains(r#""text":"shelled""#), || {
        format!("span texts missing from {}", row.event_json)
    })?;
    let place = row.place.as_ref().ok_or("place not resolved")?;
    ensure(place.name == "Kursk" && place.lat == Some(51.73), || {
        format!("{place:?}")
    })?;
    ensure(
        row.place_json
            .as_deref()
            .is_some_and(|j| j.contains(r#""text":"Kursk""#)),
        || format!("{:?}", row.place_json),
    )
}

fn events_follow_document_updates(store: &dyn Store) -> Result<(), String> {
    let mut docs = put_event_documents(store)?;
    docs[0].events.clear();
    store.put_documents(&docs[..1]).map_err(|e| e.to_string())?;
    let page = store
        .events(&EventQuery::default())
        .map_err(|e| e.to_string())?;
    ensure(page.total == 2, || {
        format!("{} events after removing two of four", page.total)
    })
}

fn event_timeline_and_facets(store: &dyn Store) -> Result<(), String> {
    put_event_documents(store)?;
    let days = store
        .event_timeline(&EventQuery::default())
        .map_err(|e| e.to_string())?;
    let got: Vec<String> = days
        .iter()
        .map(|d| format!("{} {} {}", d.day, d.event_type, d.count))
        .collect();
    ensure(
        got == [
            "2024-08-05 ASSAULT 1",
            "2024-12-31 MOBILIZE 1",
            "2025-01-07 ASSAULT 1",
            "2025-01-11 FIGHT 1",
        ],
        || format!("timeline {got:?}"),
    )?;
    let q = EventQuery {
        types: vec!["ASSAULT".into()],
        ..EventQuery::default()
    };
    let days = store.event_timeline(&q).map_err(|e| e.to_string())?;
    ensure(days.len() == 2, || format!("filtered timeline {days:?}"))?;
    let facets = store
        .event_facets(&EventQuery::default())
        .map_err(|e| e.to_string())?;
    let types: Vec<(String, u64)> = facets
        .types
        .iter()
        .map(|v| (v.value.clone(), v.count))
        .collect();
    ensure(
        types
            == [
                ("ASSAULT".to_owned(), 2),
                ("FIGHT".to_owned(), 1),
                ("MOBILIZE".to_owned(), 1),
            ],
        || format!("type facets {types:?}"),
    )?;
    ensure(
        facets.first_day.as_deref() == Some("2024-08-05")
            && facets.last_day.as_deref() == Some("2025-01-11"),
        || format!("{facets:?}"),
    )?;
    ensure(facets.modalities.len() == 3, || format!("{facets:?}"))
}

fn places_and_entities_are_aggregated(store: &dyn Store) -> Result<(), String> {
    let docs = put_event_documents(store)?;
    let page = store
        .places(&PlaceQuery::default())
        .map_err(|e| e.to_string())?;
    ensure(page.total == 4, || format!("{} places", page.total))?;
    let first = page.items.first().ok_or("no places")?;
    ensure(
        first.name == "Kursk" && first.mentions == 2 && first.documents == 2,
        || format!("most mentioned place {first:?}"),
    )?;
    let q = PlaceQuery {
        bbox: Some(BBox {
            min_lon: 20.0,
            min_lat: 49.0,
            max_lon: 30.0,
            max_lat: 50.0,
        }),
        ..PlaceQuery::default()
    };
    let page = store.places(&q).map_err(|e| e.to_string())?;
    let names: Vec<&str> = page.items.iter().map(|p| p.name.as_str()).collect();
    ensure(names == ["Lviv"], || format!("places in the box {names:?}"))?;
    let q = PlaceQuery {
        name: Some("khar".into()),
        ..PlaceQuery::default()
    };
    let page = store.places(&q).map_err(|e| e.to_string())?;
    ensure(page.total == 1, || format!("name filter {page:?}"))?;
    let q = PlaceQuery {
        doc_id: Some(docs[0].id().to_owned()),
        limit: 1,
        offset: 1,
        ..PlaceQuery::default()
    };
    let page = store.places(&q).map_err(|e| e.to_string())?;
    ensure(page.total == 2 && page.items.len() == 1, || {
        format!("places of one document, page 2: {page:?}")
    })?;
    let q = PlaceQuery {
        country: Some("UKR".into()),
        ..PlaceQuery::default()
    };
    let page = store.places(&q).map_err(|e| e.to_string())?;
    ensure(page.total == 2, || format!("country filter {page:?}"))?;

    let page = store
        .entities(&EntityQuery::default())
        .map_err(|e| e.to_string())?;
    ensure(page.total == 4, || format!("{} entities", page.total))?;
    let first = page.items.first().ok_or("no entities")?;
    ensure(
        first.canonical == "Kursk" && first.kind == "PLACE" && first.mentions == 2,
        || format!("most mentioned entity {first:?}"),
    )?;
    let q = EntityQuery {
        kinds: vec!["PERSON".into()],
        ..EntityQuery::default()
    };
    let page = store.entities(&q).map_err(|e| e.to_string())?;
    ensure(page.total == 0, || format!("kind filter {page:?}"))?;
    let q = EntityQuery {
        country: Some("UKR".into()),
        name: Some("VIV".into()),
        ..EntityQuery::default()
    };
    let page = store.entities(&q).map_err(|e| e.to_string())?;
    ensure(
        page.total == 1 && page.items.first().is_some_and(|e| e.canonical == "Lviv"),
        || format!("country and name filter {page:?}"),
    )
}

fn search_and_listing_pages(store: &dyn Store) -> Result<(), String> {
    put_event_documents(store)?;
    ensure(
        store.document_count().map_err(|e| e.to_string())? == 3,
        || "document count".into(),
    )?;
    let page = store
        .search_page("kursk", 1, 1)
        .map_err(|e| e.to_string())?;
    ensure(page.total == 2 && page.items.len() == 1, || {
        format!("search page {} {:?}", page.total, page.items)
    })?;
    let page = store.search_page("  ", 0, 10).map_err(|e| e.to_string())?;
    ensure(page.total == 0, || "empty query matched".into())
}

/// The same report read again from another place (another file, another line) is the same
/// document: stored once, unchanged, keeping where it was first found.
pub fn same_text_from_another_origin_is_unchanged(store: &dyn Store) -> Result<(), String> {
    let doc = sample_document("Kyiv was quiet again.", "2025-01-11")?;
    let mut copy = doc.clone();
    copy.meta.origin = Some("elsewhere/copy.txt".into());
    store
        .put_documents(std::slice::from_ref(&doc))
        .map_err(|e| e.to_string())?;
    let out = store.put_documents(&[copy]).map_err(|e| e.to_string())?;
    ensure(out == [PutOutcome::Unchanged], || {
        format!("copy from another origin gave {out:?}")
    })?;
    let back = store
        .get_document(doc.id())
        .map_err(|e| e.to_string())?
        .ok_or("not found")?;
    ensure(back.meta.origin == doc.meta.origin, || {
        "origin of the first copy was replaced".into()
    })
}

fn corpus_entries_keep_first_seen_order(store: &dyn Store) -> Result<(), String> {
    let entry = |id: &str, data: &[u8]| crate::CorpusEntry {
        seq: 0,
        doc_id: id.into(),
        data: data.to_vec(),
    };
    let err = |e: crate::StoreError| e.to_string();
    store
        .put_corpus_entries(&[entry("b", b"\x01\x02"), entry("a", b"\x03")])
        .map_err(err)?;
    // The same document again (and again within one call) keeps its first entry and place.
    store
        .put_corpus_entries(&[
            entry("b", b"\xff"),
            entry("c", &[0, 0xfe]),
            entry("c", b"x"),
        ])
        .map_err(err)?;
    let all = store.corpus_entries(0, 0).map_err(err)?;
    let ids: Vec<&str> = all.iter().map(|e| e.doc_id.as_str()).collect();
    ensure(ids == ["b", "a", "c"], || format!("order {ids:?}"))?;
    ensure(all.windows(2).all(|w| w[0].seq < w[1].seq), || {
        "sequence numbers do not increase".into()
    })?;
    let data: Vec<&[u8]> = all.iter().map(|e| e.data.as_slice()).collect();
    ensure(data == [&b"\x01\x02"[..], b"\x03", &[0, 0xfe]], || {
        format!("data {data:?}")
    })?;
    let first = all.first().ok_or("no entries")?;
    let rest = store.corpus_entries(first.seq, 1).map_err(err)?;
    ensure(rest.len() == 1 && rest[0].doc_id == "a", || {
        format!("paging after {} gave {rest:?}", first.seq)
    })?;
    let last = all.last().ok_or("no entries")?;
    let none = store.corpus_entries(last.seq, 0).map_err(err)?;
    ensure(none.is_empty(), || format!("after the last: {none:?}"))
}

fn corpus_links_replace_per_doc(store: &dyn Store) -> Result<(), String> {
    use crate::{CorpusLinkRow, LinkKind};
    let link = |doc: &str, kind, of: &str, score| CorpusLinkRow {
        doc: doc.into(),
        kind,
        of: of.into(),
        score,
    };
    let err = |e: crate::StoreError| e.to_string();
    store
        .put_corpus_links(&[
            link("b", LinkKind::Duplicate, "a", 0.9),
            link("c", LinkKind::Rewrite, "a", 0.75),
        ])
        .map_err(err)?;
    let of_a = store.corpus_links("a").map_err(err)?;
    ensure(
        of_a == [
            link("b", LinkKind::Duplicate, "a", 0.9),
            link("c", LinkKind::Rewrite, "a", 0.75),
        ],
        || format!("links of a: {of_a:?}"),
    )?;
    // New links for b replace b's old ones.
    store
        .put_corpus_links(&[link("b", LinkKind::Rewrite, "z", 0.5)])
        .map_err(err)?;
    let of_b = store.corpus_links("b").map_err(err)?;
    ensure(of_b == [link("b", LinkKind::Rewrite, "z", 0.5)], || {
        format!("links of b: {of_b:?}")
    })?;
    let none = store.corpus_links("nobody").map_err(err)?;
    ensure(none.is_empty(), || format!("links of nobody: {none:?}"))
}

/// A two-report cluster with a conflicting count, for the checks.
pub fn sample_cluster(id: &str, start: &str, docs: &[&str]) -> sitrep_model::EventCluster {
    use sitrep_model::{ClusterMember, ConflictValue, EventCluster, FieldConflict};
    let members: Vec<ClusterMember> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| ClusterMember {
            doc: (*d).into(),
            event: 7,
            source: Some(format!("Outlet {i}")),
            published: start.parse().ok(),
            origin_doc: (*d).into(),
            stated_origin: vec![],
            values: vec![("count".into(), format!("{}", 10 + 2 * i))],
        })
        .collect();
    EventCluster {
        id: id.into(),
        event_type: "ASSAULT".into(),
        start: start.parse().ok(),
        end: start.parse().ok(),
        actor_country: Some("RUS".into()),
        actor_sector: Some("MIL".into()),
        target_country: Some("UKR".into()),
        target_sector: Some("CVL".into()),
        place: Some("Sumy".into()),
        country: Some("UKR".into()),
        lat: Some(50.9),
        lon: Some(34.8),
        admin1: Some("Sumy".into()),
        precision: Some(sitrep_model::Precision::City),
        reports: u32::try_from(docs.len()).unwrap_or(u32::MAX),
        independent_sources: u32::try_from(docs.len()).unwrap_or(u32::MAX),
        conflicts: vec![FieldConflict {
            field: "count".into(),
            values: members
                .iter()
                .map(|m| ConflictValue {
                    value: m.values[0].1.clone(),
                    docs: vec![m.doc.clone()],
                })
                .collect(),
        }],
        members,
    }
}

fn event_clusters_roundtrip_and_filter(store: &dyn Store) -> Result<(), String> {
    use crate::ClusterQuery;
    let err = |e: crate::StoreError| e.to_string();
    let a = sample_cluster("d1:7", "2025-01-09", &["d1", "d2"]);
    let b = sample_cluster("d3:7", "2025-01-02", &["d3"]);
    let mut undated = sample_cluster("d4:7", "", &["d4", "d2"]);
    undated.event_type = "COERCE".into();
    store
        .put_event_clusters(&[a.clone(), b.clone(), undated.clone()])
        .map_err(err)?;
    let back = store.event_cluster("d1:7").map_err(err)?;
    ensure(back.as_ref() == Some(&a), || format!("roundtrip: {back:?}"))?;
    ensure(store.event_cluster("nope").map_err(err)?.is_none(), || {
        "missing cluster found".into()
    })?;
    let ids = |q: &ClusterQuery| -> Result<(u64, Vec<String>), String> {
        let page = store.event_clusters(q).map_err(err)?;
        Ok((page.total, page.items.into_iter().map(|c| c.id).collect()))
    };
    let all = ids(&ClusterQuery::default())?;
    ensure(
        all == (3, vec!["d3:7".into(), "d1:7".into(), "d4:7".into()]),
        || format!("all: {all:?}"),
    )?;
    let by_doc = ids(&ClusterQuery {
        doc: Some("d2".into()),
        ..ClusterQuery::default()
    })?;
    ensure(by_doc == (2, vec!["d1:7".into(), "d4:7".into()]), || {
        format!("by doc: {by_doc:?}")
    })?;
    let dated = ids(&ClusterQuery {
        from: Some("2025-01-05".into()),
        to: Some("2025-01-31".into()),
        event_type: Some("ASSAULT".into()),
        min_sources: Some(2),
        ..ClusterQuery::default()
    })?;
    ensure(dated == (1, vec!["d1:7".into()]), || {
        format!("dated: {dated:?}")
    })?;
    let paged = ids(&ClusterQuery {
        offset: 1,
        limit: 1,
        ..ClusterQuery::default()
    })?;
    ensure(paged == (3, vec!["d1:7".into()]), || {
        format!("paged: {paged:?}")
    })?;
    // Replacing a cluster replaces its members.
    let mut grown = a.clone();
    grown.members.truncate(1);
    grown.reports = 1;
    store.put_event_clusters(&[grown.clone()]).map_err(err)?;
    let by_doc = ids(&ClusterQuery {
        doc: Some("d2".into()),
        ..ClusterQuery::default()
    })?;
    ensure(by_doc == (1, vec!["d4:7".into()]), || {
        format!("after replacing: {by_doc:?}")
    })?;
    let back = store.event_cluster("d1:7").map_err(err)?;
    ensure(back == Some(grown), || format!("replaced: {back:?}"))
}

fn document_corpus_record_roundtrips(store: &dyn Store) -> Result<(), String> {
    use sitrep_model::{CorpusLink, StatedOrigin};
    let text = "Kyiv said so, CNN reported.";
    let mut doc = sample_document(text, "2025-01-11")?;
    let pos = text.find("CNN reported").ok_or("no cue")?;
    doc.corpus.duplicate_of = Some(CorpusLink {
        id: "0123456789abcdef".into(),
        score: 0.875,
    });
    doc.corpus.stated_origin.push(StatedOrigin {
        outlet: "CNN".into(),
        span: Span::from_usize(pos, pos + 12).map_err(|e| e.to_string())?,
    });
    store
        .put_documents(std::slice::from_ref(&doc))
        .map_err(|e| e.to_string())?;
    let back = store
        .get_document(doc.id())
        .map_err(|e| e.to_string())?
        .ok_or("not found")?;
    ensure(back.corpus == doc.corpus, || {
        format!(
            "corpus record {:?} came back as {:?}",
            doc.corpus, back.corpus
        )
    })
}

/// Stores that number cluster writes hand back every cluster by revision, then only what was
/// written since; stores that do not say so every time.
fn cluster_revisions_page_every_write(store: &dyn Store) -> Result<(), String> {
    let err = |e: crate::StoreError| e.to_string();
    let a = sample_cluster("r1:1", "2025-01-09", &["r1", "r2"]);
    let b = sample_cluster("r3:1", "2025-01-02", &["r3"]);
    let c = sample_cluster("r4:1", "2025-01-03", &["r4"]);
    store
        .put_event_clusters(&[a.clone(), b.clone(), c.clone()])
        .map_err(err)?;
    let Some(all) = store.event_clusters_changed(0, 0).map_err(err)? else {
        let again = store.event_clusters_changed(5, 1).map_err(err)?;
        return ensure(again.is_none(), || {
            "revisions unsupported, then supported".into()
        });
    };
    let ids: Vec<&str> = all.iter().map(|x| x.cluster.id.as_str()).collect();
    ensure(
        ids.len() == 3 && all.windows(2).all(|w| w[0].rev < w[1].rev),
        || format!("all by revision: {ids:?}"),
    )?;
    ensure(
        ["r1:1", "r3:1", "r4:1"].iter().all(|id| ids.contains(id)),
        || format!("all by revision: {ids:?}"),
    )?;
    // Paged: one at a time from 0 gives the same sequence.
    let mut rev = 0;
    let mut paged = Vec::new();
    while let Some(page) = store.event_clusters_changed(rev, 1).map_err(err)? {
        let Some(last) = page.last() else { break };
        ensure(page.len() == 1, || format!("page of {}", page.len()))?;
        rev = last.rev;
        paged.push(last.cluster.id.clone());
    }
    ensure(paged == ids, || format!("paged: {paged:?} vs {ids:?}"))?;
    // A rewrite comes once more, after everything else, with its new content.
    let mut grown = b.clone();
    grown.members.push(a.members[0].clone());
    grown.reports = 2;
    store.put_event_clusters(&[grown.clone()]).map_err(err)?;
    let since = store.event_clusters_changed(rev, 0).map_err(err)?;
    let since: Vec<sitrep_model::EventCluster> = since
        .unwrap_or_default()
        .into_iter()
        .map(|x| x.cluster)
        .collect();
    ensure(since == vec![grown.clone()], || format!("since: {since:?}"))?;
    let all = store.event_clusters_changed(0, 0).map_err(err)?;
    let last = all
        .as_ref()
        .and_then(|v| v.last())
        .map(|x| x.cluster.id.clone());
    ensure(
        all.as_ref().map(Vec::len) == Some(3) && last.as_deref() == Some("r3:1"),
        || format!("after rewrite: {all:?}"),
    )
}
