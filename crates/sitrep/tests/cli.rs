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
    assert_eq!(doc["provenance"][0]["name"], "flags");
    assert_eq!(doc["provenance"][1]["name"], "segment");
    assert_eq!(doc["provenance"][2]["name"], "entities");
    assert_eq!(doc["provenance"][3]["name"], "dates");
    // The promotional line is flagged, and nothing else.
    let flags = doc["flags"].as_array().unwrap();
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0]["kind"], "promotional");
    assert!(
        flags[0]["span"]["text"]
            .as_str()
            .unwrap()
            .contains("republicpolicy.com")
    );
    // Entities: kinds, roles, countries and clusters of the seed article.
    let entities = doc["entities"].as_array().unwrap();
    let entity = |text: &str| {
        entities
            .iter()
            .find(|e| e["span"]["text"] == text)
            .unwrap_or_else(|| panic!("no entity {text:?}"))
    };
    for (text, kind) in [
        ("Volodymyr Zelensky", "PERSON"),
        ("Antony Blinken", "PERSON"),
        ("Kursk", "PLACE"),
        ("Kyiv", "PLACE"),
        ("Belaya", "PLACE"),
        ("North Korean", "NORP"),
        ("South Korean", "NORP"),
        ("Security Service of Ukraine", "ORG"),
        ("SBU", "ORG"),
        ("CNN", "ORG"),
    ] {
        assert_eq!(entity(text)["kind"], kind, "{text}");
    }
    let zelensky = entity("Volodymyr Zelensky");
    assert_eq!(zelensky["role"], "President");
    assert_eq!(zelensky["country"], "UKR");
    assert_eq!(entity("Antony Blinken")["role"], "Secretary of State");
    assert_eq!(entity("Zelensky")["cluster"], zelensky["cluster"]);
    assert_eq!(entity("Zelensky")["canonical"], "Volodymyr Zelensky");
    assert_eq!(
        entity("SBU")["cluster"],
        entity("Security Service of Ukraine")["cluster"]
    );
    for e in entities {
        let (text, kind) = (&e["span"]["text"], &e["kind"]);
        assert!(text != "Kursk" || kind != "MISC", "{e}");
        assert!(text != "Kyiv" || kind != "PERSON", "{e}");
    }
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

    // Places (expected.json): the Kursk region, Kyiv, and the Belaya in Kursk Oblast.
    assert!(
        doc["provenance"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "places")
    );
    let places = doc["places"].as_array().unwrap();
    let place = |text: &str| {
        places
            .iter()
            .find(|p| p["span"]["text"].as_str().unwrap().contains(text))
            .unwrap_or_else(|| panic!("no place {text:?} in {places:?}"))
    };
    for (text, country, precision, lat, lon, km) in [
        ("Kursk region", "RUS", "admin1", 51.75, 36.2, 150.0),
        ("Kyiv", "UKR", "city", 50.45, 30.52, 30.0),
        ("Belaya", "RUS", "village", 51.06, 35.71, 15.0),
    ] {
        let p = place(text);
        assert_eq!(p["country"], country, "{p}");
        assert_eq!(p["precision"], precision, "{p}");
        let (plat, plon) = (p["lat"].as_f64().unwrap(), p["lon"].as_f64().unwrap());
        let d =
            ((plat - lat).powi(2) + ((plon - lon) * lat.to_radians().cos()).powi(2)).sqrt() * 111.2;
        assert!(d < km, "{text}: {d:.0} km off: {p}");
    }
    assert!(
        place("Belaya")["admin1"]
            .as_str()
            .unwrap()
            .contains("Kursk")
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

    // The undeclared Latin-1 file is detected as windows-1252 and decoded, with a warning that
    // says the charset was guessed.
    let ex = run(sitrep().arg("extract").arg(input.join("d_latin1.txt")));
    let doc: Value = serde_json::from_str(&stdout(&ex)).unwrap();
    assert_valid_document(&doc);
    assert_eq!(doc["text"], "Price: \u{a3}100 in Kyiv.");
    assert!(stderr(&ex).contains("windows-1252"), "{}", stderr(&ex));
}

#[test]
fn demo_runs_on_bundled_examples() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = run(sitrep()
        .arg("demo")
        .arg("--no-serve")
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

/// A paraphrase of the seed article written for this test: the same names, numbers, dates and
/// quotes in the same order, in other words (a content-farm rewrite).
const REWRITE: &str = "Ukrainian President Volodymyr Zelensky said Ukrainian troops had taken two North Korean soldiers prisoner in the Kursk region of Russia, the first time Ukraine has captured live fighters from the secretive state.
Writing on X, Zelensky said: \u{201c}Our soldiers have apprehended North Korean military personnel in the Kursk area. Although wounded, both soldiers survived and have been transported to Kyiv. They are currently in communication with the Security Service of Ukraine.\u{201d} He posted pictures of the two injured men.
Ukrainian and Western intelligence services believe about 11,000 North Korean troops are deployed in the Kursk region, where Ukraine has held several hundred square kilometres since its cross-border push last August.
US Secretary of State Antony Blinken said recently that more than 1,000 North Korean soldiers had been killed or wounded in the Kursk area in the last week of December.
Zelensky said taking the men alive had been hard because Russian forces and their North Korean allies usually kill their own wounded to hide their role in the war against Ukraine.
";

/// An independently worded report of the same capture, written for this test (other facts,
/// other order).
const INDEPENDENT: &str = "Kyiv's security service said on Saturday that it was questioning two soldiers from North Korea who were seized in Russia's Kursk region this week.
The SBU said one man was detained by special forces on January 9 and the second by paratroopers. A video released by the agency showed the men in a room with bandaged injuries, speaking through interpreters provided with the help of South Korea's intelligence agency.
Pyongyang has not acknowledged sending troops to fight for Moscow.
";

#[test]
fn rewrites_link_to_the_seed_and_one_capture_is_one_cluster() {
    use sitrep_store::{ClusterQuery, Store};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("1-seed")).unwrap();
    std::fs::copy(kursk(), input.join("1-seed/article.txt")).unwrap();
    std::fs::copy(
        repo().join("examples/kursk/article.meta.json"),
        input.join("1-seed/article.meta.json"),
    )
    .unwrap();
    for (name, text, source) in [
        ("2-rewrite", REWRITE, "Example Wire"),
        ("3-independent", INDEPENDENT, "Example Daily"),
    ] {
        std::fs::write(input.join(format!("{name}.txt")), text).unwrap();
        let meta = serde_json::json!({"published": "2025-01-11", "source": source});
        std::fs::write(input.join(format!("{name}.meta.json")), meta.to_string()).unwrap();
    }
    let db = dir.path().join("c.db");
    let out = run(sitrep().arg("ingest").arg(&input).arg("--db").arg(&db));
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));

    let store = sitrep_store_sqlite::SqliteStore::open(&db).unwrap();
    let docs: Vec<_> = store.list_documents(0, 10).unwrap();
    assert_eq!(docs.len(), 3);
    let by_origin = |suffix: &str| {
        let id = &docs
            .iter()
            .find(|d| d.origin.as_deref().is_some_and(|o| o.ends_with(suffix)))
            .unwrap()
            .id;
        store.get_document(id).unwrap().unwrap()
    };
    let seed = by_origin("article.txt");
    let rewrite = by_origin("2-rewrite.txt");
    let independent = by_origin("3-independent.txt");

    // The seed names CNN as its origin; nothing copies anything before it.
    assert_eq!(seed.corpus.stated_origin.len(), 1, "{:?}", seed.corpus);
    assert_eq!(seed.corpus.stated_origin[0].outlet, "CNN");
    assert_eq!(
        seed.span_text(seed.corpus.stated_origin[0].span),
        "CNN has obscured"
    );
    assert!(seed.corpus.copy_of().is_none());
    // The paraphrase is a rewrite of the seed, not a near-copy; the independent report is neither.
    assert!(
        rewrite.corpus.duplicate_of.is_none(),
        "{:?}",
        rewrite.corpus
    );
    let link = rewrite.corpus.rewrite_of.as_ref().expect("rewrite link");
    assert_eq!(link.id, seed.id());
    assert!(link.score >= 0.7, "{link:?}");
    assert!(
        independent.corpus.copy_of().is_none(),
        "{:?}",
        independent.corpus
    );
    let links = store.corpus_links(seed.id()).unwrap();
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].doc, rewrite.id());

    // Event clusters (skipped only if a pipeline without the events stage is the default).
    if seed.events.is_empty() || independent.events.is_empty() {
        let n = store
            .event_clusters(&ClusterQuery::default())
            .unwrap()
            .total;
        assert_eq!(n, 0, "no events, no clusters");
        return;
    }
    let q = ClusterQuery {
        doc: Some(independent.id().to_owned()),
        min_sources: Some(2),
        ..ClusterQuery::default()
    };
    let clusters = store.event_clusters(&q).unwrap();
    let capture = clusters
        .items
        .iter()
        .find(|c| c.members.iter().any(|m| m.doc == seed.id()))
        .expect("the seed and the independent report share an event cluster");
    // The rewrite counts with the seed: two independent sources.
    assert_eq!(capture.independent_sources, 2, "{capture:?}");
}

#[test]
fn extract_kursk_codes_the_four_events() {
    let out = run(sitrep().arg("extract").arg(kursk()));
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    let provenance = doc["provenance"].as_array().unwrap();
    assert_eq!(provenance.last().unwrap()["name"], "events");
    let events = doc["events"].as_array().unwrap();
    let find = |trigger: &str| {
        events
            .iter()
            .find(|e| e["trigger"]["text"] == trigger)
            .unwrap_or_else(|| panic!("no event triggered by {trigger:?}"))
    };
    let capture = find("captured");
    assert_eq!(capture["type"], "COERCE");
    assert_eq!(capture["actor"]["country"], "UKR");
    assert_eq!(capture["actor"]["sector"], "MIL");
    assert_eq!(capture["target"]["country"], "PRK");
    let strike = find("strike");
    assert_eq!(strike["type"], "ASSAULT");
    assert_eq!(strike["date"]["value"], "2025-01-07");
    assert_eq!(strike["modality"], "hedged");
    let killed = find("killed");
    assert_eq!(killed["target"]["country"], "PRK");
    assert!(killed["source"].is_u64(), "reported by Blinken");
    assert_eq!(find("stationed")["modality"], "hedged");
    let flag = &doc["flags"][0]["span"];
    let (fs, fe) = (
        flag["start"].as_u64().unwrap(),
        flag["end"].as_u64().unwrap(),
    );
    for e in events {
        assert!(!e["evidence"].as_array().unwrap().is_empty());
        let s = e["trigger"]["start"].as_u64().unwrap();
        assert!(!(fs..fe).contains(&s), "event from the promotional line");
    }
}
