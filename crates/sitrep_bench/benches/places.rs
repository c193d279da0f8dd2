//! Place resolution time per place: the places stage (name finding and resolution) on the
//! Kursk seed article, segmented once; counts the places found. Run with
//! `cargo bench -p sitrep_bench --bench places`. The gazetteer loads before timing starts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use sitrep_annotate::places::{Gazetteer, PlacesConfig};
use sitrep_model::{DocMeta, Document};
use sitrep_pipeline::DocStage;
use sitrep_segment::{SegmentConfig, SegmentStage};
use std::time::Instant;

fn main() {
    let started = Instant::now();
    let g = Gazetteer::embedded().unwrap();
    eprintln!(
        "gazetteer: {} records, {} keys, loaded in {:.0} ms",
        g.len(),
        g.key_count(),
        started.elapsed().as_secs_f64() * 1e3
    );
    divan::main();
}

fn kursk() -> Document {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/kursk/article.txt"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut doc = Document::from_text(DocMeta::default(), text).unwrap();
    SegmentStage::new("segment", SegmentConfig::default())
        .process(&mut doc)
        .unwrap();
    doc
}

/// Finding and resolving every place of the article (no entity stage).
#[divan::bench(sample_count = 50)]
fn resolve_kursk_article(b: Bencher) {
    let doc = kursk();
    let resolver = PlacesConfig::default().build().unwrap();
    let n = resolver.places(&doc).len();
    b.counter(ItemsCount::new(n))
        .bench(|| black_box(resolver.places(black_box(&doc))));
}
