//! Property tests and throughput of the quantities and quotes stages: no panics and valid,
//! in-bounds spans on arbitrary text; the throughput figure is an ignored release test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use proptest::prelude::*;
use sitrep_annotate::quantities::{QuantitiesConfig, QuantitiesStage};
use sitrep_annotate::quotes::{QuotesConfig, QuotesStage};
use sitrep_model::{DocMeta, Document};
use sitrep_pipeline::DocStage;
use sitrep_segment::{SegmentConfig, SegmentStage};

fn run(text: &str) -> Document {
    let mut doc = Document::from_text(DocMeta::default(), text.to_owned()).unwrap();
    SegmentStage::new("segment", SegmentConfig::default())
        .process(&mut doc)
        .unwrap();
    QuantitiesStage::new("quantities", QuantitiesConfig::default())
        .process(&mut doc)
        .unwrap();
    QuotesStage::new("quotes", QuotesConfig::default())
        .process(&mut doc)
        .unwrap();
    doc
}

fn check(doc: &Document) {
    doc.validate().unwrap();
    let text = doc.text();
    for q in &doc.quotes {
        for s in [Some(q.span), Some(q.content), q.cue, q.hedge, q.channel]
            .into_iter()
            .flatten()
            .chain(q.speaker.as_ref().and_then(|s| s.span))
        {
            assert!(text.get(s.range()).is_some(), "bad span {s:?} in {text:?}");
        }
        assert!(q.span.contains(q.content), "{q:?}");
        assert_eq!(q.hedged, q.hedge.is_some());
    }
    for q in &doc.quantities {
        assert!(text.get(q.span.range()).is_some());
        assert!(q.value.is_finite());
    }
}

const PIECES: &[&str] = &[
    "“",
    "”",
    "\"",
    "'",
    "‘",
    "’",
    "«",
    "»",
    "``",
    "''",
    " said ",
    " told ",
    " that ",
    ", ",
    ". ",
    "\n",
    "\n\n",
    "according to ",
    "He",
    " Zelensky ",
    "the ministry",
    " claims ",
    " reportedly ",
    "what ",
    " is ",
    "over ",
    "1,000",
    " two ",
    "between 5 and 7",
    " soldiers ",
    "killed",
    " a third of ",
    "dozens",
    "several hundred ",
    "square kilometers",
    "around ",
    ":",
    "(SBU)",
    "’s assessment is that ",
    "Assessments by X estimate that ",
    "é",
    "🙂",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_gives_valid_spans(text in "\\PC{0,200}") {
        check(&run(&text));
    }

    #[test]
    fn quote_soup_gives_valid_spans(parts in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let text: String = parts.iter().map(|&i| PIECES[i]).collect();
        check(&run(&text));
    }
}

/// Throughput of quantities + quotes on the Kursk article and the bundled VOA stories
/// (segmentation excluded). Run: `cargo test --release -p sitrep_annotate --test claims_props
/// -- --ignored --nocapture`.
#[test]
#[ignore = "timing; run in release"]
fn claims_throughput() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut texts = Vec::new();
    for entry in walk(&root) {
        if entry.extension().is_some_and(|x| x == "txt") {
            texts.push(std::fs::read_to_string(&entry).unwrap());
        }
    }
    assert!(!texts.is_empty());
    let mut docs: Vec<Document> = texts
        .iter()
        .map(|t| {
            let mut d = Document::from_text(DocMeta::default(), t.clone()).unwrap();
            SegmentStage::new("segment", SegmentConfig::default())
                .process(&mut d)
                .unwrap();
            d
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let quantities = QuantitiesStage::new("quantities", QuantitiesConfig::default());
    let quotes = QuotesStage::new("quotes", QuotesConfig::default());
    let rounds = (20_000_000 / bytes.max(1)).max(1);
    let started = std::time::Instant::now();
    for _ in 0..rounds {
        for d in &mut docs {
            quantities.process(d).unwrap();
            quotes.process(d).unwrap();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let mbs = (bytes * rounds) as f64 / secs / 1e6;
    println!(
        "quantities+quotes: {} docs, {:.1} MB in {secs:.2}s: {mbs:.1} MB/s (one core)",
        docs.len(),
        (bytes * rounds) as f64 / 1e6
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
