//! `eval ner` on the CoNLL-2003 development set, when the shared data is present: the shipped
//! model must keep its measured score.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::Path;

/// Development-set micro F1 measured for the shipped model (`sitrep eval ner`).
const MEASURED_DEV_F1: f64 = 0.9349;

#[test]
fn conll_dev_f1_holds() {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/conll2003/dev.txt");
    if !dev.exists() {
        sitrep_testutil::skip(module_path!(), &format!("{} not found", dev.display()));
        return;
    }
    let report = sitrep_eval::ner::evaluate(&dev).unwrap();
    let text = report.render();
    println!("{text}");
    let json: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    let f1 = json["metrics"]["f1"].as_f64().unwrap();
    assert!(f1 >= MEASURED_DEV_F1 - 0.01, "dev F1 {f1}");
    for ty in ["PER", "ORG", "LOC", "MISC"] {
        assert!(json["by_type"][ty]["f1"].as_f64().unwrap() > 0.8, "{ty}");
    }
    assert_eq!(json["task"], "ner");
    assert_eq!(json["documents"], 216);
}

#[test]
fn malformed_gold_is_an_error_with_line() {
    let dir = std::env::temp_dir().join(format!("sitrep_ner_bad_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, "EU NNP B-NP B-ORG\nrejects VBZ B-VP B-FOO\n").unwrap();
    let err = sitrep_eval::ner::evaluate(&bad).unwrap_err().to_string();
    assert!(err.contains(":2:"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
