//! Whole-pipeline throughput on `../shared/data/bbc-news` (text in, events out), with the time
//! of each stage, on one thread. Run with
//! `cargo test --release -p sitrep_events --test throughput -- --ignored --nocapture`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use sitrep_events::{EventsConfig, EventsStage};
use sitrep_model::{DocMeta, Document};
use sitrep_pipeline::DocStage;
use std::time::{Duration, Instant};

#[test]
#[ignore = "benchmark: run in release"]
fn bbc_news_words_per_second() {
    let Some(dir) = sitrep_testutil::shared("bbc_news_words_per_second", "data/bbc-news") else {
        return;
    };
    let mut texts = Vec::new();
    for topic in std::fs::read_dir(&dir).unwrap() {
        let topic = topic.unwrap().path();
        if !topic.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&topic).unwrap() {
            let bytes = std::fs::read(f.unwrap().path()).unwrap();
            texts.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    texts.sort();
    use sitrep_annotate::{dates, places, quantities, quotes};
    let stages: Vec<Box<dyn DocStage>> = vec![
        Box::new(sitrep_clean::LineFlagsStage::new(
            "flags",
            Default::default(),
        )),
        Box::new(sitrep_segment::SegmentStage::new(
            "segment",
            Default::default(),
        )),
        common::entities(),
        Box::new(dates::DatesStage::new("dates", Default::default())),
        Box::new(quantities::QuantitiesStage::new(
            "quantities",
            Default::default(),
        )),
        Box::new(quotes::QuotesStage::new("quotes", Default::default())),
        Box::new(places::PlacesStage::new("places", Default::default()).unwrap()),
        Box::new(EventsStage::new("events", EventsConfig::default()).unwrap()),
    ];
    let mut spent = vec![Duration::ZERO; stages.len()];
    let (mut words, mut events) = (0usize, 0usize);
    // SITREP_EVENTS_DUMP=path writes every event, one JSON line each (to compare outputs).
    let mut dump = std::env::var_os("SITREP_EVENTS_DUMP")
        .map(|p| std::io::BufWriter::new(std::fs::File::create(p).unwrap()));
    let t0 = Instant::now();
    for text in &texts {
        words += text.split_whitespace().count();
        let meta = DocMeta {
            published: chrono::NaiveDate::from_ymd_opt(2005, 1, 1),
            ..DocMeta::default()
        };
        let mut doc = Document::from_text(meta, text.clone()).unwrap();
        for (i, s) in stages.iter().enumerate() {
            let t = Instant::now();
            s.process(&mut doc).unwrap();
            doc.sort_layers();
            spent[i] += t.elapsed();
        }
        events += doc.events.len();
        if let Some(d) = dump.as_mut() {
            use std::io::Write;
            for e in &doc.events {
                writeln!(d, "{}", serde_json::to_string(e).unwrap()).unwrap();
            }
        }
    }
    let total = t0.elapsed().as_secs_f64();
    println!(
        "{} documents, {words} words, {events} events in {total:.2}s: {:.0} words/s on one core",
        texts.len(),
        words as f64 / total
    );
    for (s, t) in stages.iter().zip(&spent) {
        println!(
            "  {:<11} {:>8.3}s {:>5.1}%  {:>12.0} words/s",
            s.name(),
            t.as_secs_f64(),
            100.0 * t.as_secs_f64() / total,
            words as f64 / t.as_secs_f64().max(1e-9)
        );
    }
    assert!(events > 0);
}
