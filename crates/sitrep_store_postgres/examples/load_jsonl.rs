//! Stores annotated sitrep/1 JSON Lines (`sitrep extract --format jsonl`) in a PostgreSQL
//! store, in batches of 64: `cargo run -p sitrep_store_postgres --example load_jsonl -- URL FILE`.

#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use sitrep_model::{Alignment, Document};
use sitrep_store::Store;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let store = sitrep_store_postgres::PgStore::open(&args[1]).expect("opening the store");
    let text = std::fs::read_to_string(&args[2]).expect("reading the file");
    let docs: Vec<Document> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Document::from_json(l, None, Alignment::identity()).expect("sitrep/1 JSON"))
        .collect();
    let mut counts = std::collections::BTreeMap::new();
    for chunk in docs.chunks(64) {
        for o in store.put_documents(chunk).expect("storing") {
            *counts.entry(format!("{o:?}")).or_insert(0) += 1;
        }
    }
    println!("{counts:?}");
}
