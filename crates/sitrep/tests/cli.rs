//! End-to-end tests of the `sitrep` binary on the bundled examples and on bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn sitrep() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    c.env_remove("SITREP_LOG");
    c
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn kursk() -> PathBuf {
    repo().join("examples/kursk/article.txt")
}

fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("run sitrep")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every span object in a sitrep/1 document: (start, end, text).
fn spans(v: &Value, out: &mut Vec<(usize, usize, String)>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| spans(x, out)),
        Value::Object(m) => {
            let is_span = m.len() == 3 && m.contains_key("start") && m["start"].is_u64();
            if is_span {
                let s = m["start"].as_u64().unwrap() as usize;
                let e = m["end"].as_u64().unwrap() as usize;
                out.push((s, e, m["text"].as_str().unwrap().to_owned()));
            } else {
                m.values().for_each(|x| spans(x, out));
            }
        }
        _ => {}
    }
}

fn assert_valid_document(doc: &Value) {
    assert_eq!(doc["schema"], "sitrep/1");
    let text = doc["text"].as_str().expect("text");
    for layer in [
        "flags",
        "sentences",
        "entities",
        "dates",
        "quantities",
        "quotes",
        "places",
        "events",
    ] {
        assert!(doc[layer].is_array(), "layer {layer} missing");
    }
    for key in [
        "id",
        "url",
        "source",
        "title",
        "published",
        "language",
        "media_type",
    ] {
        assert!(
            doc["document"].get(key).is_some(),
            "document.{key} missing (absent must be null)"
        );
    }
    let mut all = Vec::new();
    spans(doc, &mut all);
    assert!(!all.is_empty());
    for (s, e, t) in all {
        assert_eq!(text.get(s..e), Some(t.as_str()), "span {s}..{e}");
    }
}

#[test]
fn extract_kursk_gives_valid_deterministic_json() {
    let out = run(sitrep().arg("extract").arg(kursk()));
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    assert_valid_document(&doc);
    assert_eq!(doc["document"]["published"], "2025-01-11");
    assert_eq!(
        doc["document"]["title"],
        "Ukraine captures two North Korean soldiers in Kursk"
    );
    assert_eq!(doc["document"]["media_type"], "text/plain");
    assert_eq!(doc["sentences"].as_array().unwrap().len(), 18);
    assert_eq!(doc["paragraphs"].as_array().unwrap().len(), 11);
    assert_eq!(doc["provenance"][0]["name"], "segment");
    assert_eq!(doc["provenance"][1]["name"], "dates");
    // The five dates a correct reading must produce (../shared/examples/kursk/expected.json).
    let dates: Vec<(String, String)> = doc["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["span"]["text"].as_str().unwrap().to_owned(),
                d["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for (text, value) in [
        ("last August", "2024-08"),
        ("January 9", "2025-01-09"),
        ("Tuesday", "2025-01-07"),
        ("last summer", "2024-SU"),
    ] {
        assert!(
            dates.iter().any(|(t, v)| t.contains(text) && v == value),
            "{text} -> {value} missing in {dates:?}"
        );
    }
    let week = doc["dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["span"]["text"]
                .as_str()
                .unwrap()
                .contains("last week of December")
        })
        .expect("last week of December");
    assert!(
        week["start"].as_str().unwrap() >= "2024-12-22"
            && week["end"].as_str().unwrap() <= "2024-12-31",
        "{week}"
    );

    let again = run(sitrep().arg("extract").arg(kursk()));
    assert_eq!(
        out.stdout, again.stdout,
        "output must be byte-identical across runs"
    );
}

#[test]
fn extract_jsonl_from_stdin_and_published_flag() {
    let mut child = sitrep()
        .args([
            "extract",
            "-",
            "--format",
            "jsonl",
            "--published",
            "2024-03-01",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Shelling hit Kharkiv. Two people died.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 1);
    let doc: Value = serde_json::from_str(lines[0]).unwrap();
    assert_valid_document(&doc);
    assert_eq!(doc["document"]["published"], "2024-03-01");
    assert_eq!(doc["sentences"].as_array().unwrap().len(), 2);
}

#[test]
fn usage_errors_exit_2() {
    let out = run(sitrep().args(["extract"]));
    assert_eq!(out.status.code(), Some(2));
    let out = run(sitrep().args(["extract", "x.txt", "--published", "2025-02-30"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("2025-02-30"));
    let out = run(sitrep().args(["frobnicate"]));
    assert_eq!(out.status.code(), Some(2));
}

fn count_documents(db: &Path) -> u64 {
    let out = run(sitrep().args(["stats", "--json", "--db"]).arg(db));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    v["documents"].as_u64().unwrap()
}

#[test]
fn ingesting_twice_stores_once_and_search_works() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let examples = repo().join("examples");
    let first = run(sitrep().arg("ingest").arg(&examples).arg("--db").arg(&db));
    assert!(
        first.status.success(),
        "{}{}",
        stdout(&first),
        stderr(&first)
    );
    assert!(
        stdout(&first).contains("36 documents (36 new"),
        "{}",
        stdout(&first)
    );
    assert_eq!(count_documents(&db), 36);

    let second = run(sitrep().arg("ingest").arg(&examples).arg("--db").arg(&db));
    assert!(second.status.success());
    assert!(
        stdout(&second).contains("(0 new, 0 updated, 36 unchanged)"),
        "{}",
        stdout(&second)
    );
    assert_eq!(count_documents(&db), 36);

    let hits = run(sitrep()
        .args(["search", "Belaya", "--json", "--db"])
        .arg(&db));
    assert!(hits.status.success());
    let hits: Vec<Value> = stdout(&hits)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(hits.len(), 1);
    assert!(hits[0]["snippet"].as_str().unwrap().contains("[Belaya]"));
    let id = hits[0]["doc"]["id"].as_str().unwrap().to_owned();

    let shown = run(sitrep().args(["show", &id, "--db"]).arg(&db));
    assert!(shown.status.success());
    let doc: Value = serde_json::from_str(&stdout(&shown)).unwrap();
    assert_valid_document(&doc);
    let extracted = run(sitrep().arg("extract").arg(kursk()));
    let fresh: Value = serde_json::from_str(&stdout(&extracted)).unwrap();
    assert_eq!(doc, fresh, "the stored document equals a fresh extraction");
}

#[test]
fn bad_inputs_fail_alone_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let db = dir.path().join("t.db");

    std::fs::write(
        input.join("a_good.txt"),
        "Kyiv was shelled overnight. Two people died.",
    )
    .unwrap();
    let first = run(sitrep().arg("ingest").arg(&input).arg("--db").arg(&db));
    assert!(first.status.success(), "{}", stdout(&first));
    assert_eq!(count_documents(&db), 1);

    std::fs::write(input.join("b_empty.txt"), "").unwrap();
    std::fs::write(
        input.join("c_binary.txt"),
        [0u8, 1, 2, 0, 255, 0, 7, 0].repeat(100),
    )
    .unwrap();
    std::fs::write(input.join("d_latin1.txt"), b"Price: \xa3100 in Kyiv.").unwrap();
    std::fs::write(
        input.join("e_lines.jsonl"),
        "{\"text\": \"Good line one.\", \"published\": \"2025-01-02\"}\nnot json at all\n{\"title\": \"no text\"}\n{\"text\": \"Good line four.\", \"published\": \"2025-02-30\"}\n",
    )
    .unwrap();
    std::fs::write(input.join("f_big.txt"), "word ".repeat(10 << 20)).unwrap();

    let out = run(sitrep().arg("ingest").arg(&input).arg("--db").arg(&db));
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let report = stdout(&out);
    for needle in [
        "b_empty.txt",
        "c_binary.txt",
        "e_lines.jsonl:2",
        "e_lines.jsonl:3",
        "f_big.txt",
    ] {
        assert!(
            report.contains(needle),
            "failure report lacks {needle}:\n{report}"
        );
    }
    // a_good (unchanged), d_latin1 and the two good JSONL lines; the 52 MB single line is over
    // the default 32 MiB document limit and is refused with a clear message.
    assert_eq!(count_documents(&db), 4, "{report}");
    let stats = run(sitrep().args(["stats", "--json", "--db"]).arg(&db));
    let v: Value = serde_json::from_str(&stdout(&stats)).unwrap();
    assert_eq!(v["input_failures"], 5, "{v}");

    // The latin-1 file is kept, with its bad byte flagged.
    let ex = run(sitrep().arg("extract").arg(input.join("d_latin1.txt")));
    let doc: Value = serde_json::from_str(&stdout(&ex)).unwrap();
    assert_valid_document(&doc);
    assert_eq!(doc["flags"][0]["kind"], "encoding");
}

#[test]
fn demo_runs_on_bundled_examples() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = run(sitrep()
        .arg("demo")
        .arg("--db")
        .arg(&db)
        .arg("--examples")
        .arg(repo().join("examples")));
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("36 documents"), "{text}");
    assert!(text.contains("Search \"North Korean soldiers\""), "{text}");
    assert_eq!(count_documents(&db), 36);
}
