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

use crate::{InputFailure, PutOutcome, Store};
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
