//! Tagging throughput on real news text. Run in release mode:
//! `cargo test -p sitrep_annotate --release --test throughput -- --ignored --nocapture`

use sitrep_annotate::dates::{DatesConfig, NaiveDate};
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
            && let Ok(t) = std::fs::read_to_string(&p)
        {
            out.push(t);
        }
    }
}

#[test]
#[ignore = "benchmark; run in release mode"]
fn throughput_on_bbc_news() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/bbc-news");
    let mut docs = Vec::new();
    read_dir(&dir, &mut docs);
    if docs.is_empty() {
        sitrep_testutil::skip(module_path!(), &format!("{} not found", dir.display()));
        return;
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    let tagger = DatesConfig::default().build();
    let anchor = NaiveDate::from_ymd_opt(2005, 6, 1);
    let mut mentions = 0;
    for d in &docs {
        mentions += tagger.tag(d, anchor).len(); // warm-up
    }
    let rounds = 5;
    let started = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            mentions += std::hint::black_box(tagger.tag(d, anchor)).len();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let mb_s = (bytes * rounds) as f64 / secs / 1e6;
    println!(
        "{} documents, {:.1} MB, {} mentions per pass: {mb_s:.1} MB/s on one core",
        docs.len(),
        bytes as f64 / 1e6,
        mentions / (rounds + 1)
    );
}
