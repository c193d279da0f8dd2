//! The entities of the Kursk seed article (`shared/examples/kursk/expected.json`): every
//! expected entity with its kind, cluster and country, and none of the `must_not` failures.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use sitrep_annotate::entities::{EntitiesConfig, EntitiesStage};
use sitrep_model::{DocMeta, Document, Entity, FlagKind, LineFlag, Span};
use sitrep_pipeline::DocStage;
use sitrep_segment::{SegmentConfig, SegmentStage};
use std::path::Path;

fn annotate(text: &str) -> (Document, Span) {
    let mut doc = Document::from_text(DocMeta::default(), text.to_owned()).unwrap();
    // The promotional line is flagged by `clean`; flag it here the same way.
    let promo = text.find("Pl watch").unwrap();
    let promo_end = promo + text[promo..].find('\n').unwrap();
    let flag = Span::from_usize(promo, promo_end).unwrap();
    doc.flags.push(LineFlag {
        span: flag,
        kind: FlagKind::Promotional,
        reason: "promotion".into(),
    });
    SegmentStage::new("segment", SegmentConfig::default())
        .process(&mut doc)
        .unwrap();
    EntitiesStage::new("entities", EntitiesConfig::default())
        .unwrap()
        .process(&mut doc)
        .unwrap();
    doc.validate().unwrap();
    (doc, flag)
}

fn find<'a>(doc: &'a Document, needle: &str) -> Vec<&'a Entity> {
    let needle = needle.to_lowercase();
    doc.entities
        .iter()
        .filter(|e| doc.span_text(e.span).to_lowercase().contains(&needle))
        .collect()
}

#[test]
fn kursk_entities_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples/kursk");
    let (Ok(text), Ok(expected)) = (
        std::fs::read_to_string(dir.join("article.txt")),
        std::fs::read_to_string(dir.join("expected.json")),
    ) else {
        sitrep_testutil::skip(module_path!(), &format!("{} not found", dir.display()));
        return;
    };
    let expected: serde_json::Value = serde_json::from_str(&expected).unwrap();
    let (doc, flag) = annotate(&text);
    for e in &doc.entities {
        println!(
            "{:>3} {:?} {:?} cluster {} {:?} role {:?} country {:?}",
            e.id,
            doc.span_text(e.span),
            e.kind,
            e.cluster,
            e.canonical,
            e.role,
            e.country
        );
        assert!(!e.span.overlaps(flag), "entity from flagged text: {e:?}");
    }
    for want in expected["entities"].as_array().unwrap() {
        let text = want["text"].as_str().unwrap();
        let kind = want["kind"].as_str().unwrap();
        let found = find(&doc, text);
        let main = found
            .iter()
            .find(|e| serde_json::to_value(e.kind).unwrap() == kind)
            .unwrap_or_else(|| panic!("no {kind} entity for {text:?}: {found:?}"));
        if let Some(c) = want.get("country") {
            let cluster_country = doc
                .entities
                .iter()
                .filter(|e| e.cluster == main.cluster)
                .find_map(|e| e.country.clone());
            assert_eq!(cluster_country.as_deref(), c.as_str(), "country of {text}");
        }
        for alias in want["same_as"].as_array().into_iter().flatten() {
            let alias = alias.as_str().unwrap();
            let mentions = find(&doc, alias);
            assert!(!mentions.is_empty(), "no mention of {alias:?}");
            for m in mentions {
                assert_eq!(
                    m.cluster, main.cluster,
                    "{alias:?} not clustered with {text:?}"
                );
            }
        }
    }
    for bad in expected["must_not"].as_array().unwrap() {
        if let (Some(t), Some(k)) = (bad["entity_text"].as_str(), bad["kind"].as_str()) {
            for e in find(&doc, t) {
                assert_ne!(serde_json::to_value(e.kind).unwrap(), k, "{t} as {k}");
            }
        }
    }
}

#[test]
fn bundled_kursk_roles_and_clusters() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/kursk/article.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let (doc, _) = annotate(&text);
    let one = |t: &str| {
        doc.entities
            .iter()
            .find(|e| doc.span_text(e.span) == t)
            .unwrap_or_else(|| panic!("no entity {t:?}"))
    };
    let z = one("Volodymyr Zelensky");
    assert_eq!(z.role.as_deref(), Some("President"));
    assert_eq!(z.country.as_deref(), Some("UKR"));
    let b = one("Antony Blinken");
    assert_eq!(b.role.as_deref(), Some("Secretary of State"));
    assert_eq!(b.country.as_deref(), Some("USA"));
    assert_eq!(one("Zelensky").canonical, "Volodymyr Zelensky");
    assert_eq!(one("Zelensky").cluster, z.cluster);
    let sbu = one("SBU");
    assert_eq!(sbu.cluster, one("Security Service of Ukraine").cluster);
    assert_eq!(one("North Korean").country.as_deref(), Some("PRK"));
    assert_eq!(one("Western").kind, sitrep_model::EntityKind::Norp);
    // "Donald Trump’s": the possessive is not part of the name.
    assert!(
        doc.entities
            .iter()
            .any(|e| doc.span_text(e.span) == "Donald Trump")
    );
    assert_eq!(one("Donald Trump").kind, sitrep_model::EntityKind::Person);
    // "a Russian military ID card": a common abbreviation, not an organisation.
    assert!(!doc.entities.iter().any(|e| doc.span_text(e.span) == "ID"));
}

/// The organisation of a person's role reaches the document: `organisation` names the ORG
/// entity ("SBU spokesman Artem Dekhtiarenko"; "Oleh Ivanenko, a spokesperson for the SBU").
#[test]
fn role_organisation_is_linked_in_the_document() {
    let text = "Pl watch nothing here\nThe SBU said on Monday that it had detained two men. \
                SBU spokesman Artem Dekhtiarenko said the men were Russian agents. \
                Oleh Ivanenko, a spokesperson for the SBU, confirmed the arrests.\n";
    let (doc, _) = annotate(text);
    let sbu: Vec<u32> = find(&doc, "SBU")
        .iter()
        .filter(|e| e.kind == sitrep_model::EntityKind::Org)
        .map(|e| e.id)
        .collect();
    assert!(!sbu.is_empty(), "{:?}", doc.entities);
    for name in ["Artem Dekhtiarenko", "Oleh Ivanenko"] {
        let person = find(&doc, name);
        let person = person
            .first()
            .unwrap_or_else(|| panic!("{name} not found: {:?}", doc.entities));
        let org = person
            .organisation
            .unwrap_or_else(|| panic!("{name} has no organisation: {person:?}"));
        assert!(sbu.contains(&org), "{name} -> {org}, SBU ids {sbu:?}");
    }
}
