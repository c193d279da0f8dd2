//! Rough throughput of `Segmenter::segment`; run with
//! `cargo test --release -p sitrep_segment --test throughput -- --ignored --nocapture`.
//! Prints MB/s; asserts nothing about time.

use sitrep_segment::Segmenter;
use std::path::Path;
use std::time::Instant;

#[test]
#[ignore = "measurement, run in release mode"]
fn throughput() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let sample =
        std::fs::read_to_string(shared.join("examples/kursk/article.txt")).unwrap_or_else(|_| {
            "Mr. Smith went to Washington, D.C. on Jan. 9. “We won!” he said. It cost $1,000.25 \
             (approx.) and took 3.5 hours... Then U.S. troops left.\n"
                .repeat(20)
        });
    let text = sample.repeat((50_000_000 / sample.len()).max(1));
    let seg = Segmenter::default();
    for run in 0..3 {
        let t = Instant::now();
        let out = seg.segment(&text);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "run {run}: {:.1} MB in {secs:.3}s = {:.1} MB/s ({} paragraphs, {} sentences, {} tokens)",
            text.len() as f64 / 1e6,
            text.len() as f64 / 1e6 / secs,
            out.paragraphs.len(),
            out.sentences.len(),
            out.tokens.len()
        );
    }
    let line = text.replace('\n', " ");
    let t = Instant::now();
    let out = seg.segment(&line);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "one {:.1} MB line: {secs:.3}s = {:.1} MB/s ({} sentences)",
        line.len() as f64 / 1e6,
        line.len() as f64 / 1e6 / secs,
        out.sentences.len()
    );
    // Degenerate 50 MB lines: one word, marks only, no spaces, many candidates.
    for unit in [
        "a",
        ". ",
        "U.",
        "No. ",
        "\"'",
        "x.y",
        "http://a",
        "a\u{200B}",
        "\n\n",
    ] {
        let text = unit.repeat(50_000_000 / unit.len());
        let t = Instant::now();
        let out = seg.segment(&text);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{unit:?} x {}: {secs:.3}s = {:.1} MB/s ({} tokens)",
            text.len() / unit.len(),
            text.len() as f64 / 1e6 / secs,
            out.tokens.len()
        );
    }
}
