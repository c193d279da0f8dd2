//! Entity tagging throughput, single-threaded (figures are per core): the tagger alone on the
//! CoNLL-2003 development set's gold tokens (tokens per second), model loading, and the full
//! entity stage (segment + entities) on the BBC News corpus. Skips the parts whose data in
//! `../shared/data` is absent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use sitrep_annotate::entities::conll::{ConllDoc, read_conll};
use sitrep_annotate::entities::{
    EMBEDDED_MODEL, EntitiesConfig, EntitiesStage, Lexicon, NerTagger,
};
use sitrep_pipeline::DocStage;
use sitrep_segment::{SegmentConfig, SegmentStage};
use std::path::Path;
use std::sync::LazyLock;

static DEV: LazyLock<Vec<ConllDoc>> = LazyLock::new(|| {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/conll2003/dev.txt");
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| read_conll(&t).ok())
        .unwrap_or_default()
});

fn main() {
    divan::main();
}

/// The tagger on gold tokens: features, scoring, Viterbi, history (counts tokens).
#[divan::bench(sample_count = 10)]
fn tag_conll_dev_tokens(b: Bencher) {
    if DEV.is_empty() {
        eprintln!("skipping: CoNLL dev not found");
        return;
    }
    let tagger = NerTagger::embedded().unwrap();
    let docs: Vec<Vec<Vec<&str>>> = DEV
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| s.tokens.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let tokens: usize = docs.iter().flatten().map(Vec::len).sum();
    b.counter(ItemsCount::new(tokens)).bench(|| {
        for d in &docs {
            black_box(tagger.tag_document(black_box(d)));
        }
    });
}

/// Loading the shipped model and lexicon (decompression, table build).
#[divan::bench(sample_count = 10)]
fn load_model() {
    black_box(NerTagger::from_bytes(EMBEDDED_MODEL, Lexicon::embedded()).unwrap());
}

/// Segmentation plus the entity stage on BBC News (counts text bytes).
#[divan::bench(sample_count = 5)]
fn segment_and_entities_bbc(b: Bencher) {
    if sitrep_bench::bbc_dir().is_none() {
        eprintln!("skipping: BBC News not found");
        return;
    }
    let docs = sitrep_bench::bbc_documents();
    let segment = SegmentStage::new("segment", SegmentConfig::default());
    let entities = EntitiesStage::new("entities", EntitiesConfig::default()).unwrap();
    b.counter(BytesCount::new(sitrep_bench::text_bytes(&docs)))
        .with_inputs(|| docs.clone())
        .bench_values(|mut docs| {
            for d in &mut docs {
                segment.process(d).unwrap();
                entities.process(d).unwrap();
            }
            docs
        });
}
