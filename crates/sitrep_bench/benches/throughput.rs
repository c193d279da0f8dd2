//! Throughput on the BBC News corpus (2,225 articles, 4.8 MB of text; 98 exact-duplicate
//! pairs removed): ingest from disk, segmentation, the default pipeline, and storing in SQLite.
//! Single-threaded, so the figures are per core. Skips when `../shared/data` is absent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use sitrep_annotate::dates::{DatesConfig, DatesStage};
use sitrep_ingest::{IngestConfig, read_inputs};
use sitrep_pipeline::Pipeline;
use sitrep_segment::{SegmentConfig, SegmentStage};
use sitrep_store::Store;
use std::sync::LazyLock;

static DOCS: LazyLock<Vec<sitrep_model::Document>> = LazyLock::new(sitrep_bench::bbc_documents);

fn main() {
    if sitrep_bench::bbc_dir().is_none() {
        eprintln!("skipping benchmarks: ../shared/data/bbc-news not found");
        return;
    }
    eprintln!(
        "BBC News: {} unique documents, {:.2} MB of text",
        DOCS.len(),
        sitrep_bench::text_bytes(&DOCS) as f64 / 1e6
    );
    divan::main();
}

/// Reading every file of the corpus from disk into documents (UTF-8 checks, sidecar lookup,
/// alignment); counts raw file bytes, duplicates included.
#[divan::bench(sample_count = 10)]
fn ingest_bbc_from_disk(b: Bencher) {
    let dir = sitrep_bench::bbc_dir().unwrap();
    let bytes: usize = read_inputs(std::slice::from_ref(&dir), &IngestConfig::default())
        .filter_map(Result::ok)
        .map(|i| i.doc.raw().len())
        .sum();
    b.counter(BytesCount::new(bytes)).bench(|| {
        read_inputs(std::slice::from_ref(&dir), &IngestConfig::default())
            .filter_map(Result::ok)
            .count()
    });
}

fn segment_pipeline() -> Pipeline {
    Pipeline::builder()
        .stage(SegmentStage::new("segment", SegmentConfig::default()))
        .stage(DatesStage::new("dates", DatesConfig::default()))
        .validate_each_stage(false)
        .build()
        .unwrap()
}

/// The default pipeline (segmentation, dates) over every document, one thread.
#[divan::bench(sample_count = 10)]
fn pipeline_bbc(b: Bencher) {
    let pipeline = segment_pipeline();
    b.counter(BytesCount::new(sitrep_bench::text_bytes(&DOCS)))
        .with_inputs(|| DOCS.clone())
        .bench_local_values(|mut docs| {
            for d in &mut docs {
                pipeline.process(d);
            }
            black_box(docs)
        });
}

/// Storing the annotated corpus into an in-memory SQLite store (JSON, annotations, FTS5).
#[divan::bench(sample_count = 5)]
fn store_bbc_sqlite(b: Bencher) {
    let pipeline = segment_pipeline();
    let mut docs = DOCS.clone();
    for d in &mut docs {
        pipeline.process(d);
    }
    b.counter(BytesCount::new(sitrep_bench::text_bytes(&docs)))
        .with_inputs(|| sitrep_store_sqlite::SqliteStore::open_in_memory().unwrap())
        .bench_local_values(|store| {
            for chunk in docs.chunks(64) {
                store.put_documents(chunk).unwrap();
            }
            store
        });
}
