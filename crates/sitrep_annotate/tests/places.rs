//! The places stage on the Kursk seed article (the bundled copy in `examples/`, checked
//! against `../shared/examples/kursk/expected.json` when present), with and without PLACE
//! entities; the embedded gazetteer's load time and lookups.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]

use sitrep_annotate::places::{
    FeatureKind, Gazetteer, PlacesConfig, PlacesStage, haversine_km, name_key,
};
use sitrep_model::{DocMeta, Document, Entity, EntityKind, FlagKind, LineFlag, Place, Span};
use sitrep_pipeline::DocStage;
use sitrep_segment::{SegmentConfig, SegmentStage};
use std::path::Path;
use std::time::Instant;

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn kursk_doc() -> Document {
    let text = std::fs::read_to_string(repo().join("examples/kursk/article.txt")).unwrap();
    let mut doc = Document::from_text(DocMeta::default(), text.clone()).unwrap();
    let promo = text.find("Pl watch").unwrap();
    let promo_end = promo + text[promo..].find('\n').unwrap();
    doc.flags.push(LineFlag {
        span: Span::from_usize(promo, promo_end).unwrap(),
        kind: FlagKind::Promotional,
        reason: "promotion".into(),
    });
    SegmentStage::new("segment", SegmentConfig::default())
        .process(&mut doc)
        .unwrap();
    doc
}

fn run_places(doc: &mut Document) {
    PlacesStage::new("places", PlacesConfig::default())
        .unwrap()
        .process(doc)
        .unwrap();
    doc.validate().unwrap();
}

fn place<'a>(doc: &'a Document, text: &str) -> &'a Place {
    doc.places
        .iter()
        .find(|p| doc.span_text(p.span).contains(text))
        .unwrap_or_else(|| panic!("no place {text:?}: {:?}", doc.places))
}

fn check_kursk(doc: &Document) {
    for p in &doc.places {
        println!(
            "{:?} -> {} {:?} {:?},{:?} {:?} {:?} {:?} conf {:?}",
            doc.span_text(p.span),
            p.name,
            p.geonames_id,
            p.lat,
            p.lon,
            p.country,
            p.admin1,
            p.precision,
            p.confidence
        );
    }
    let expect = [
        ("Kursk region", "RUS", 51.75, 36.2, 150.0, "admin1"),
        ("Kyiv", "UKR", 50.45, 30.52, 30.0, "city"),
        ("Belaya", "RUS", 51.06, 35.71, 15.0, "village"),
    ];
    for (text, country, lat, lon, km, precision) in expect {
        let p = place(doc, text);
        assert_eq!(p.country.as_deref(), Some(country), "{p:?}");
        let d = haversine_km(p.lat.unwrap(), p.lon.unwrap(), lat, lon);
        assert!(d <= km, "{text}: {d:.0} km from the expected point: {p:?}");
        assert_eq!(
            serde_json::to_value(p.precision).unwrap(),
            precision,
            "{p:?}"
        );
        assert!(p.confidence.unwrap() > 0.3, "{p:?}");
    }
    let belaya = place(doc, "Belaya");
    assert!(belaya.admin1.as_deref().unwrap().contains("Kursk"));
    // Not Gudermes (43.35 N, 46.10 E), nor the Belaya in Ternopil oblast.
    assert_eq!(belaya.geonames_id, Some(578_230));
    // Nothing from the flagged promotional line.
    for p in &doc.places {
        assert!(!doc.overlaps_flag(p.span), "{p:?}");
    }
}

#[test]
fn kursk_places_without_entities() {
    let mut doc = kursk_doc();
    run_places(&mut doc);
    check_kursk(&doc);
    // Every "Kursk" reads as the region once the article has said "the Kursk region".
    for p in doc
        .places
        .iter()
        .filter(|p| doc.span_text(p.span).starts_with("Kursk"))
    {
        assert_eq!(p.geonames_id, Some(538_555), "{p:?}");
    }
}

#[test]
fn kursk_places_from_entities() {
    let mut doc = kursk_doc();
    // PLACE entities as an entity stage would give them.
    let text = doc.text().to_owned();
    for name in ["Kursk", "Kyiv", "Belaya"] {
        let at = text.find(name).unwrap();
        let id = doc.alloc_id();
        doc.entities.push(Entity {
            id,
            span: Span::from_usize(at, at + name.len()).unwrap(),
            kind: EntityKind::Place,
            canonical: name.into(),
            cluster: id,
            role: None,
            country: None,
            organisation: None,
        });
    }
    doc.sort_layers();
    run_places(&mut doc);
    check_kursk(&doc);
    assert!(
        doc.places.iter().any(|p| p.entity.is_some()),
        "entity links"
    );
}

#[test]
fn shared_expected_facts_when_present() {
    let dir = sitrep_testutil::shared_root().join("examples/kursk");
    let Ok(expected) = std::fs::read_to_string(dir.join("expected.json")) else {
        sitrep_testutil::skip(module_path!(), &format!("{} not found", dir.display()));
        return;
    };
    let expected: serde_json::Value = serde_json::from_str(&expected).unwrap();
    let mut doc = kursk_doc();
    run_places(&mut doc);
    for e in expected["places"].as_array().unwrap() {
        let text = e["text"].as_str().unwrap().to_lowercase();
        let p = doc
            .places
            .iter()
            .find(|p| doc.span_text(p.span).to_lowercase().contains(&text))
            .unwrap_or_else(|| panic!("no place for {e}"));
        assert_eq!(p.country.as_deref(), e["country"].as_str(), "{e}");
        let d = haversine_km(
            p.lat.unwrap(),
            p.lon.unwrap(),
            e["lat"].as_f64().unwrap(),
            e["lon"].as_f64().unwrap(),
        );
        assert!(d <= e["km"].as_f64().unwrap(), "{e}: {d:.0} km");
        if let Some(a) = e["admin1"].as_str() {
            assert!(p.admin1.as_deref().unwrap_or("").contains(a), "{e}: {p:?}");
        }
    }
}

#[test]
fn unresolvable_names_are_kept_and_do_not_empty_the_rest() {
    let text = "Shelling hit Zzyzxqwerty and Kharkiv on Monday, officials in Ukraine said.";
    let mut doc = Document::from_text(DocMeta::default(), text.to_owned()).unwrap();
    SegmentStage::new("segment", SegmentConfig::default())
        .process(&mut doc)
        .unwrap();
    let at = text.find("Zzyzxqwerty").unwrap();
    let id = doc.alloc_id();
    doc.entities.push(Entity {
        id,
        span: Span::from_usize(at, at + 11).unwrap(),
        kind: EntityKind::Place,
        canonical: "Zzyzxqwerty".into(),
        cluster: 1,
        role: None,
        country: None,
        organisation: None,
    });
    run_places(&mut doc);
    let odd = place(&doc, "Zzyzxqwerty");
    assert_eq!(odd.geonames_id, None);
    assert_eq!(odd.name, "Zzyzxqwerty");
    let kharkiv = place(&doc, "Kharkiv");
    assert_eq!(kharkiv.country.as_deref(), Some("UKR"));
    assert_eq!(place(&doc, "Ukraine").geonames_id, Some(690_791));
    // "Monday" is never a place.
    assert!(doc.places.iter().all(|p| doc.span_text(p.span) != "Monday"));
}

#[test]
fn common_words_are_not_places() {
    let text = "May was warm. Nice work, said the Mobile team. They split the bill in a bar.\n\
                The talks in Nice and the port of Split went well.";
    let mut doc = Document::from_text(DocMeta::default(), text.to_owned()).unwrap();
    SegmentStage::new("segment", SegmentConfig::default())
        .process(&mut doc)
        .unwrap();
    run_places(&mut doc);
    let found: Vec<&str> = doc.places.iter().map(|p| doc.span_text(p.span)).collect();
    assert!(!found.contains(&"May"), "{found:?}");
    assert!(!found.contains(&"Mobile"), "{found:?}");
    assert_eq!(
        found.iter().filter(|f| **f == "Nice").count(),
        1,
        "{found:?}"
    );
    assert!(found.contains(&"Split"), "{found:?}");
}

#[test]
fn short_division_codes_need_a_place_and_a_comma() {
    let text = "Photos show a Russian military ID card. The parade went from Boise, ID to Kyiv.";
    let mut doc = Document::from_text(DocMeta::default(), text.to_owned()).unwrap();
    SegmentStage::new("segment", SegmentConfig::default())
        .process(&mut doc)
        .unwrap();
    run_places(&mut doc);
    let ids: Vec<&Place> = doc
        .places
        .iter()
        .filter(|p| doc.span_text(p.span) == "ID")
        .collect();
    // "ID card" is not Idaho; "Boise, ID" is.
    assert_eq!(ids.len(), 1, "{:?}", doc.places);
    assert!(ids[0].span.start > text.find("Boise").unwrap() as u32);
    assert_eq!(ids[0].country.as_deref(), Some("USA"));
}

/// Load time, memory and per-place resolution time, in a release build:
/// `cargo test -p sitrep_annotate --release --test places -- --ignored --nocapture timing`.
/// (The divan benchmark `cargo bench -p sitrep_bench --bench places` measures the same.)
#[test]
#[ignore = "timing; run in release"]
fn timing_load_and_per_place() {
    let cpu_ticks = || -> u64 {
        // utime + stime of this process, in clock ticks (1/100 s).
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        let after = stat.rsplit(')').next().unwrap_or("");
        // Fields after the command name start at field 3 (state); utime and stime are 14, 15.
        let f: Vec<&str> = after.split_whitespace().collect();
        let num = |i: usize| f.get(i).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
        num(11) + num(12)
    };
    let cpu0 = cpu_ticks();
    let started = Instant::now();
    let g = Gazetteer::embedded().unwrap();
    let load = started.elapsed();
    let load_cpu_ms = (cpu_ticks() - cpu0) * 10;
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak = status
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap_or("VmHWM: ?");
    let doc = kursk_doc();
    let resolver = PlacesConfig::default().build().unwrap();
    let n = resolver.places(&doc).len();
    let rounds = 200;
    let t = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(resolver.places(std::hint::black_box(&doc)));
    }
    let per_place = t.elapsed().as_secs_f64() / f64::from(rounds) / n as f64;
    println!(
        "load {:.0} ms wall, {load_cpu_ms} ms CPU ({} records), peak memory {peak}; \
         {n} places per article, {:.1} µs per place",
        load.as_secs_f64() * 1e3,
        g.len(),
        per_place * 1e6
    );
    assert!(per_place < 1e-3, "{per_place} s per place");
}

/// Rebuilds `data/gazetteer` from `../shared/data/gazetteer` (what `sitrep gazetteer build`
/// does): `cargo test -p sitrep_annotate --release --test places -- --ignored`.
#[test]
#[ignore = "rewrites data/gazetteer; run by hand"]
fn rebuild_gazetteer() {
    let from = repo().join("../shared/data/gazetteer");
    let out = repo().join("crates/sitrep_annotate/data/gazetteer");
    let s = sitrep_annotate::places::build_gazetteer(&from, &out).unwrap();
    println!("{s:?}");
}

#[test]
fn embedded_gazetteer_loads_and_looks_up() {
    let started = Instant::now();
    let g = Gazetteer::embedded().unwrap();
    let ms = started.elapsed().as_millis();
    println!(
        "gazetteer: {} records, {} keys, {:.1} MB compressed, loaded in {ms} ms (debug build)",
        g.len(),
        g.key_count(),
        Gazetteer::embedded_size() as f64 / 1e6
    );
    assert!(g.len() > 200_000);
    assert!(Gazetteer::embedded_size() < 15_000_000);
    let kinds = |name: &str| -> Vec<(String, FeatureKind)> {
        g.lookup(&name_key(name))
            .filter_map(|p| g.record(p.record))
            .map(|r| (r.cc().to_owned(), r.kind))
            .collect()
    };
    assert!(kinds("Kyiv").contains(&("UA".into(), FeatureKind::Capital)));
    assert!(kinds("Kiev").contains(&("UA".into(), FeatureKind::Capital)));
    assert!(kinds("Kharkov").iter().any(|(cc, _)| cc == "UA"));
    assert!(kinds("Kursk").contains(&("RU".into(), FeatureKind::Admin1)));
    assert!(kinds("Zaporizhzhia").iter().any(|(cc, _)| cc == "UA"));
    assert!(kinds("Sudzha").iter().any(|(cc, _)| cc == "RU"));
    assert!(kinds("Robotyne").iter().any(|(cc, _)| cc == "UA"));
    assert!(kinds("Ukraine").contains(&("UA".into(), FeatureKind::Country)));
    assert_eq!(g.demonym("north korean"), Some(*b"KP"));
}
