//! Dedup throughput and index memory on real news text. Run in release mode:
//! `cargo test -p sitrep_corpus --release --test throughput -- --ignored --nocapture`
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use sitrep_corpus::{CorpusConfig, CorpusLinkStage, DedupIndex};
use sitrep_model::{DocMeta, Document};
use sitrep_pipeline::CorpusStage;
use std::path::Path;
use std::time::Instant;

fn read_dir(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            read_dir(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt")
            && let Ok(b) = std::fs::read(&p)
        {
            out.push(String::from_utf8_lossy(&b).into_owned());
        }
    }
}

fn documents(texts: &[String], copies: usize) -> Vec<Document> {
    let mut docs = Vec::new();
    for c in 0..copies {
        for (i, t) in texts.iter().enumerate() {
            let meta = DocMeta {
                id: format!("{c:04}{i:012}"),
                media_type: "text/plain".into(),
                ..DocMeta::default()
            };
            // Vary each round a little so rounds are near-copies, not identical texts.
            let text = format!("{t}\nRound {c}.");
            docs.push(Document::from_text(meta, text).unwrap());
        }
    }
    docs
}

#[test]
#[ignore = "benchmark; run in release mode"]
fn dedup_throughput_on_bbc_news() {
    let Some(dir) = sitrep_testutil::shared("dedup_throughput_on_bbc_news", "data/bbc-news") else {
        return;
    };
    let mut texts = Vec::new();
    read_dir(&dir, &mut texts);
    let mut docs = documents(&texts, 4);
    let n = docs.len();

    // Index only: shingle, MinHash, LSH query, fingerprint, insert (one core).
    let mut index = DedupIndex::default();
    let started = Instant::now();
    let mut dups = 0;
    for d in &docs {
        let s = index.signals(d);
        let before = u32::try_from(index.len()).unwrap();
        let m = index.find(&s, before);
        dups += usize::from(m.duplicate.is_some());
        index.insert(d.id(), &s, m.duplicate.map(|x| x.index));
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "index: {n} documents in {secs:.2}s = {:.0} documents/s on one core; {dups} near-copies; \
         {} heap bytes per document",
        n as f64 / secs,
        index.heap_bytes() / n
    );
    assert!(
        n as f64 / secs >= 5_000.0,
        "{:.0} documents/s",
        n as f64 / secs
    );

    // The whole corpus stage with its SQLite state (signatures and links written per batch).
    let store = sitrep_store_sqlite::SqliteStore::open_in_memory().unwrap();
    let mut stage = CorpusLinkStage::new("corpus", CorpusConfig::default());
    let started = Instant::now();
    for batch in docs.chunks_mut(64) {
        stage.process_batch(batch, &store).unwrap();
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "stage with SQLite state: {n} documents in {secs:.2}s = {:.0} documents/s",
        n as f64 / secs
    );
}
