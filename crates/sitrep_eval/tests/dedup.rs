//! `eval dedup` on BBC News: exact copies and seeded edited copies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use sitrep_eval::dedup::evaluate;

#[test]
fn duplicate_pairs_on_bbc_news() {
    let Some(gold) = sitrep_testutil::shared("duplicate_pairs_on_bbc_news", "data/bbc-news") else {
        return;
    };
    let report = evaluate(&gold).unwrap();
    let json = report.json();
    let exact = &json["by_type"]["exact"];
    let near = &json["by_type"]["near"];
    // Measured: exact P 1.0 R 1.0 F1 1.0 (98 gold pairs); near P 1.0 R 0.98 F1 0.9899.
    assert!(exact["f1"].as_f64().unwrap() >= 1.0 - 0.01, "{json}");
    assert!(near["f1"].as_f64().unwrap() >= 0.9899 - 0.01, "{json}");
    assert!(
        report.notes[0].contains("98 gold pairs"),
        "{}",
        report.notes[0]
    );
    // Seeded: the same figures on every run.
    let again = evaluate(&gold).unwrap().json();
    assert_eq!(json["metrics"], again["metrics"]);
    let rendered = report.render();
    let last: serde_json::Value = serde_json::from_str(rendered.lines().last().unwrap()).unwrap();
    assert_eq!(last["task"], "dedup");
}
