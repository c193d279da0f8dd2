//! Write cost per document: `put_documents` of annotated documents into PostgreSQL and SQLite,
//! in batches of 1 and of 64, each run on an empty store (a fresh schema / a fresh file).
//!
//! ```text
//! sitrep extract /work/shared/data/war-news/war-news.jsonl --format jsonl > /tmp/docs.jsonl
//! cargo run --release -p sitrep_store_postgres --example write_cost -- URL /tmp/docs.jsonl [ROUNDS]
//! ```
//!
//! Prints ms/doc for first writes (inserts) and for writing the same documents again
//! (unchanged: the id lookup only), the median of ROUNDS runs (default 3).

#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use sitrep_model::{Alignment, Document};
use sitrep_store::Store;
use sitrep_store_postgres::{PgOptions, PgStore};
use std::time::Instant;

fn load(path: &str) -> Vec<Document> {
    std::fs::read_to_string(path)
        .expect("reading documents")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Document::from_json(l, None, Alignment::identity()).expect("sitrep/1 JSON"))
        .collect()
}

/// ms/doc to write `docs` in batches of `batch`, then to write them again.
fn run(store: &dyn Store, docs: &[Document], batch: usize) -> (f64, f64) {
    let mut times = [0.0; 2];
    for t in &mut times {
        let start = Instant::now();
        for chunk in docs.chunks(batch) {
            store.put_documents(chunk).unwrap();
        }
        *t = start.elapsed().as_secs_f64() * 1000.0 / docs.len() as f64;
    }
    (times[0], times[1])
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (url, path) = (&args[1], &args[2]);
    let rounds: usize = args.get(3).map_or(3, |r| r.parse().unwrap());
    let docs = load(path);
    let annotations: usize = docs
        .iter()
        .map(|d| {
            d.sentences.len()
                + d.paragraphs.len()
                + d.entities.len()
                + d.dates.len()
                + d.places.len()
                + d.quantities.len()
                + d.quotes.len()
                + d.events.len()
        })
        .sum();
    println!(
        "{} documents, {:.0} records/doc, {:.1} KB text/doc",
        docs.len(),
        annotations as f64 / docs.len() as f64,
        docs.iter().map(|d| d.text().len()).sum::<usize>() as f64 / docs.len() as f64 / 1e3
    );
    println!("backend     batch  insert ms/doc  unchanged ms/doc");
    for batch in [1, 64] {
        let mut pg = (Vec::new(), Vec::new());
        let mut sq = (Vec::new(), Vec::new());
        for round in 0..rounds {
            let schema = format!("bench_{}_{batch}_{round}", std::process::id());
            let store = PgStore::open_with(
                url,
                &PgOptions {
                    schema: Some(schema),
                    pool_size: 1,
                    ..PgOptions::default()
                },
            )
            .unwrap();
            let (a, b) = run(&store, &docs, batch);
            pg.0.push(a);
            pg.1.push(b);
            store.drop_schema().unwrap();

            let dir = std::env::temp_dir().join(format!("sitrep-bench-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join(format!("{batch}-{round}.db"));
            let store = sitrep_store_sqlite::SqliteStore::open(&file).unwrap();
            let (a, b) = run(&store, &docs, batch);
            sq.0.push(a);
            sq.1.push(b);
            drop(store);
            let _ = std::fs::remove_dir_all(&dir);
        }
        println!(
            "postgres    {batch:>5}  {:>13.2}  {:>16.2}",
            median(pg.0),
            median(pg.1)
        );
        println!(
            "sqlite      {batch:>5}  {:>13.2}  {:>16.2}",
            median(sq.0),
            median(sq.1)
        );
    }
}
