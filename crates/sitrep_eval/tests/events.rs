//! `eval events` on the PLOVER records and the CASE-2021 dev file in `../shared/data`, when
//! present, and on a tiny invented ACLED export. Floors are the measured figures minus 0.02.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use sitrep_eval::EvalReport;
use sitrep_eval::events::{EventsFormat, evaluate, read_acled};
use sitrep_eval::metric;

fn check(report: &EvalReport, floors: &[(&str, f64)]) {
    let rendered = report.render();
    println!("{rendered}");
    let last: serde_json::Value = serde_json::from_str(rendered.lines().last().unwrap()).unwrap();
    assert_eq!(last["task"], "events");
    for (name, floor) in floors {
        let v = metric(&report.metrics, name);
        assert!(v >= *floor, "{name} {v:.4} < {floor}");
    }
}

#[test]
fn plover_records() {
    let Some(dir) = sitrep_testutil::shared("plover_records", "data/plover-gsr") else {
        return;
    };
    let report = evaluate(&dir, None).unwrap();
    check(
        &report,
        &[
            ("type_accuracy", 0.6429 - 0.02),
            ("macro_f1", 0.5992 - 0.02),
            ("actor_country_accuracy", 0.5234 - 0.02),
            ("target_country_accuracy", 0.4688 - 0.02),
        ],
    );
}

#[test]
fn case2021_dev() {
    let Some(file) = sitrep_testutil::shared("case2021_dev", "data/case2021-task2/dev.tsv") else {
        return;
    };
    let report = evaluate(&file, Some(EventsFormat::Case)).unwrap();
    check(
        &report,
        &[("accuracy", 0.7170 - 0.02), ("macro_f1", 0.6991 - 0.02)],
    );
}

/// Three invented rows in the ACLED export layout (not ACLED data).
const ACLED: &str = "event_date,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,fatalities,notes,timestamp
2024-03-05,Explosions/Remote violence,Air/drone strike,Military Forces of Russia,,Ukraine,Kharkiv,Kharkiv,49.9935,36.2304,2,\"On 5 March 2024, Russian drones struck a residential building in Kharkiv, killing 2 civilians.\",1710028800
2024-03-06,Protests,Peaceful protest,Protesters (Kenya),,Kenya,Nairobi,Nairobi,-1.2833,36.8167,0,\"On 6 March 2024, hundreds of teachers protested in Nairobi over unpaid salaries.\",
2024-03-07,Strategic developments,Arrests,Police Forces of Kenya,,Kenya,Mombasa,Mombasa,-4.0547,39.6636,0,\"On 7 March 2024, police arrested 5 suspected smugglers in Mombasa.\",1710201600
";

#[test]
fn acled_export() {
    let dir = std::env::temp_dir().join(format!("sitrep_acled_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("acled.csv");
    std::fs::write(&path, ACLED).unwrap();
    let rows = read_acled(&path).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].fatalities, 2);
    assert_eq!(rows[0].published.to_string(), "2024-03-10", "timestamp");
    assert_eq!(
        rows[1].published.to_string(),
        "2024-03-13",
        "event_date + 7 days"
    );
    let report = evaluate(&path, None).unwrap();
    check(
        &report,
        &[
            ("event_type_accuracy", 1.0),
            ("sub_event_type_accuracy", 1.0),
            ("date_exact", 1.0),
            ("loc25", 1.0),
            ("fatalities_exact", 1.0),
        ],
    );
    // An unreadable file is an error with the line, not a zero score.
    std::fs::write(
        &path,
        "event_date,event_type,sub_event_type,notes\nyesterday,a,b,c\n",
    )
    .unwrap();
    let err = evaluate(&path, None).unwrap_err().to_string();
    assert!(err.contains(":2:"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}
