//! Sentence-boundary scores on the shared gold corpora (`../shared/data`), when present.
//! Thresholds are the measured scores minus a small margin, so a regression fails.

use sitrep_eval::metric;
use sitrep_eval::sentences::evaluate;
use std::path::{Path, PathBuf};

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    p.exists().then_some(p)
}

#[test]
fn conll_dev_f1() {
    let Some(path) = shared("conll2003/dev.txt") else {
        sitrep_testutil::skip(module_path!(), "../shared not found");
        return;
    };
    let report = evaluate(&path).unwrap();
    println!("{}", report.render());
    // Measured 0.9972 (precision 0.9993, recall 0.9951).
    let f1 = metric(&report.metrics, "f1");
    assert!(
        f1 >= 0.995,
        "CoNLL dev sentence-boundary F1 {f1:.4} < 0.995"
    );
}

#[test]
fn timeml_recall() {
    let Some(path) = shared("tempeval3/TBAQ-cleaned") else {
        sitrep_testutil::skip(module_path!(), "../shared not found");
        return;
    };
    let report = evaluate(&path).unwrap();
    println!("{}", report.render());
    // Measured 1.0000 (TimeBank) and 0.9988 (AQUAINT).
    for (corpus, min) in [("timeml:TimeBank", 0.995), ("timeml:AQUAINT", 0.995)] {
        let (_, m) = report.by_type.iter().find(|(k, _)| k == corpus).unwrap();
        let recall = metric(m, "recall");
        assert!(
            recall >= min,
            "{corpus} paragraph-end recall {recall:.4} < {min}"
        );
    }
}

#[test]
fn conll_directory_reports_dev_and_test_separately() {
    let Some(path) = shared("conll2003") else {
        sitrep_testutil::skip(module_path!(), "../shared not found");
        return;
    };
    let report = evaluate(&path).unwrap();
    println!("{}", report.render());
    let names: Vec<&str> = report.by_type.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["conll:dev", "conll:test"]);
    assert!(report.notes.iter().any(|n| n.contains("train.txt")));
    // Measured 0.9972 on test.
    let (_, test) = &report.by_type[1];
    let f1 = metric(test, "f1");
    assert!(
        f1 >= 0.995,
        "CoNLL test sentence-boundary F1 {f1:.4} < 0.995"
    );
}
