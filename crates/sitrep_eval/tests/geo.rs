//! `eval geo` on the toponym corpora in `../shared/data/toponyms`, when present: GeoWebNews is
//! the development corpus, TR-News the check set. Floors are the measured figures minus 0.02.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use sitrep_eval::geo::{GeoMode, evaluate};
use sitrep_eval::metric;
use std::path::{Path, PathBuf};

fn toponyms() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/toponyms");
    dir.is_dir().then_some(dir)
}

fn check(file: &str, mode: GeoMode, floors: &[(&str, f64)]) {
    let Some(dir) = toponyms() else {
        sitrep_testutil::skip(module_path!(), "../shared/data/toponyms not found");
        return;
    };
    let report = evaluate(&dir.join(file), mode).unwrap();
    let rendered = report.render();
    println!("{rendered}");
    let last: serde_json::Value = serde_json::from_str(rendered.lines().last().unwrap()).unwrap();
    assert_eq!(last["task"], "geo");
    for (name, floor) in floors {
        let v = metric(&report.metrics, name);
        assert!(v >= *floor, "{file} {mode:?}: {name} {v:.4} < {floor}");
    }
}

#[test]
fn geowebnews_resolve() {
    check("GWN.xml", GeoMode::Resolve, &[("acc161", 0.8584 - 0.02)]);
}

#[test]
fn trnews_resolve() {
    check(
        "TR-News.xml",
        GeoMode::Resolve,
        &[("acc161", 0.8565 - 0.02)],
    );
}

#[test]
fn geowebnews_end_to_end() {
    check(
        "GWN.xml",
        GeoMode::EndToEnd,
        &[("acc161", 0.9033 - 0.02), ("recognition_f1", 0.7645 - 0.02)],
    );
}

#[test]
fn trnews_end_to_end() {
    check(
        "TR-News.xml",
        GeoMode::EndToEnd,
        &[("acc161", 0.8658 - 0.02), ("recognition_f1", 0.8212 - 0.02)],
    );
}

#[test]
fn brat_folder_reads_gwn_beside_it() {
    let Some(dir) = toponyms() else {
        sitrep_testutil::skip(module_path!(), "../shared/data/toponyms not found");
        return;
    };
    let docs = sitrep_eval::geo::read_gold(&dir.join("GeoWebNews")).unwrap();
    assert_eq!(docs.len(), 200);
    let gold: usize = docs.iter().map(|d| d.toponyms.len()).sum();
    assert!(gold > 2500, "{gold}");
    for d in &docs {
        for t in &d.toponyms {
            assert!(d.text.get(t.start..t.end).is_some());
        }
    }
}
