//! `sitrep enqueue` and `sitrep worker` against a real nats-server (JetStream) and, for the
//! kill test, a real PostgreSQL: `eval "$(scripts/test-services.sh start)"` sets
//! `SITREP_TEST_NATS` / `SITREP_TEST_POSTGRES`. Without them the tests print SKIP (and fail
//! under CI).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]

use serde_json::Value;
use sitrep_store::{ClusterQuery, EventQuery, Store};
use sitrep_worker::envelope::Format;
use sitrep_worker::{Enqueuer, QueueConfig, QueueState};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_sitrep");

/// Stream and subject names no other test (or earlier run) uses.
fn queue_names(tag: &str) -> QueueConfig {
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
        % 1_000_000_000;
    let id = format!(
        "{tag}_{}_{}_{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    );
    QueueConfig {
        stream: format!("T_{id}"),
        subject: format!("t.{id}.docs"),
        dead_subject: format!("t.{id}.dead"),
        consumer: format!("w_{id}"),
        ..QueueConfig::default()
    }
}

fn queue_args(nats: &str, q: &QueueConfig) -> Vec<String> {
    [
        "--nats",
        nats,
        "--stream",
        &q.stream,
        "--subject",
        &q.subject,
        "--dead-subject",
        &q.dead_subject,
        "--consumer",
        &q.consumer,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn state(nats: &str, q: &QueueConfig) -> QueueState {
    rt().block_on(async {
        let e = Enqueuer::connect(nats, q.clone()).await.unwrap();
        e.state().await.unwrap()
    })
}

/// The VOA example stories as JSON objects.
fn stories() -> Vec<Value> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/war-news/voa-conflict.jsonl");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `n` documents cycling the VOA stories; copy `i` keeps the text and gets its own URL (so
/// its own content id) and publication date. Returns the JSON Lines file and the story index of each line.
fn write_corpus(dir: &Path, n: usize) -> (PathBuf, Vec<usize>) {
    let stories = stories();
    let mut out = String::new();
    let mut story_of = Vec::new();
    for i in 0..n {
        let s = i % stories.len();
        let mut v = stories[s].clone();
        let url = v["url"].as_str().unwrap().to_owned();
        v["url"] = Value::String(format!("{url}?copy={i}"));
        v["id"] = Value::String(format!("copy-{i}"));
        // Each round of copies a week later: relative dates in the text move with it, so
        // the copies report later events, not one event many times.
        let published =
            chrono::NaiveDate::parse_from_str(v["published"].as_str().unwrap(), "%Y-%m-%d")
                .unwrap()
                + chrono::Duration::days(7 * (i / stories.len()) as i64);
        v["published"] = Value::String(published.to_string());
        out.push_str(&serde_json::to_string(&v).unwrap());
        out.push('\n');
        story_of.push(s);
    }
    let path = dir.join("docs.jsonl");
    std::fs::write(&path, out).unwrap();
    (path, story_of)
}

/// Content ids of the documents in the inputs, in input order.
fn expected_ids(paths: &[PathBuf]) -> Vec<String> {
    sitrep_ingest::read_inputs(paths, &Default::default())
        .map(|r| r.unwrap().doc.id().to_owned())
        .collect()
}

fn enqueue(nats: &str, q: &QueueConfig, paths: &[&Path]) -> Output {
    Command::new(BIN)
        .arg("enqueue")
        .args(paths)
        .args(queue_args(nats, q))
        .output()
        .unwrap()
}

/// A worker process, killed if the test fails before it ends.
struct Worker(Option<Child>);

impl Worker {
    fn child(&self) -> &Child {
        self.0.as_ref().unwrap()
    }

    fn wait_with_output(mut self) -> Output {
        self.0.take().unwrap().wait_with_output().unwrap()
    }

    fn kill(mut self) {
        let mut c = self.0.take().unwrap();
        c.kill().unwrap();
        c.wait().unwrap();
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Some(c) = &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn spawn_worker(nats: &str, q: &QueueConfig, store: &[String], extra: &[&str]) -> Worker {
    Command::new(BIN)
        .arg("worker")
        .args(queue_args(nats, q))
        .args(store)
        .args(["--json", "--ack-wait", "5", "--retry-delay", "0.2"])
        .args(extra)
        .env("SITREP_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map(|c| Worker(Some(c)))
        .unwrap()
}

/// The worker's JSON report (its last stdout line).
fn report(out: &Output) -> Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().unwrap_or_else(|| {
        panic!(
            "no report; stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    serde_json::from_str(line).unwrap()
}

fn signal(worker: &Worker, sig: &str) {
    let child = worker.child();
    let ok = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill {sig} failed");
}

/// Waits until the stream is empty and nothing is in flight.
fn wait_drained(nats: &str, q: &QueueConfig, timeout: Duration) {
    let start = Instant::now();
    loop {
        let s = state(nats, q);
        if s.messages == 0 && s.ack_pending == 0 {
            return;
        }
        assert!(
            start.elapsed() < timeout,
            "queue not drained after {timeout:?}: {s:?}"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

#[test]
fn enqueue_dedup_worker_and_dead_letter() {
    let Some(nats) =
        sitrep_testutil::service("enqueue_dedup_worker_and_dead_letter", "SITREP_TEST_NATS")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let q = queue_names("basic");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let ids = expected_ids(std::slice::from_ref(&examples));
    assert!(ids.len() >= 30);

    let out = enqueue(&nats, &q, &[&examples]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(&format!("{} document(s) queued", ids.len())),
        "{text}"
    );
    // The same documents again: the server drops them by message id (content hash).
    let again = enqueue(&nats, &q, &[&examples]);
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(
        text.starts_with(&format!("0 document(s) queued on {}", q.subject))
            && text.contains(&format!("{} already queued", ids.len())),
        "{text}"
    );
    assert_eq!(state(&nats, &q).messages, ids.len() as u64);

    // A poison document between the good ones: binary bytes declared as text.
    rt().block_on(async {
        let e = Enqueuer::connect(&nats, q.clone()).await.unwrap();
        let meta = sitrep_model::DocMeta {
            origin: Some("poison.bin".into()),
            ..Default::default()
        };
        e.publish_raw(
            Format::Text,
            &meta,
            b"\x00\x01\x02\x00garbage\x00",
            "poison-1",
        )
        .await
        .unwrap();
        // A document larger than the server's max_payload is refused with a clear error.
        let big = vec![b'a'; e.max_payload() + 1];
        let err = e
            .publish_raw(Format::Text, &Default::default(), &big, "big")
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains("max_payload") && err.contains("big"), "{err}");
    });
    let more = dir.path().join("late.txt");
    std::fs::write(
        &more,
        "Rebels shelled the town of Avdiivka on Monday, officials said.\n",
    )
    .unwrap();
    assert!(enqueue(&nats, &q, &[&more]).status.success());

    let db = dir.path().join("w.db");
    let store_args = vec!["--db".to_owned(), db.display().to_string()];
    let child = spawn_worker(
        &nats,
        &q,
        &store_args,
        &["--max-deliver", "3", "--idle-exit", "3"],
    );
    let out = child.wait_with_output();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = report(&out);
    assert_eq!(r["documents"], ids.len() as u64 + 1, "{r}");
    assert_eq!(r["inserted"], ids.len() as u64 + 1, "{r}");
    assert_eq!(r["dead_lettered"], 1, "{r}");
    assert_eq!(r["retried"], 2, "{r}");
    let s = state(&nats, &q);
    assert_eq!((s.messages, s.ack_pending), (0, 0), "{s:?}");

    let dead = rt().block_on(async {
        let e = Enqueuer::connect(&nats, q.clone()).await.unwrap();
        e.dead_letters(10).await.unwrap()
    });
    assert_eq!(dead.len(), 1, "{dead:?}");
    assert_eq!(dead[0].origin, "poison.bin");
    assert_eq!(dead[0].deliveries, 3);
    assert!(dead[0].error.contains("binary"), "{}", dead[0].error);

    let store = sitrep_store_sqlite::SqliteStore::open(&db).unwrap();
    assert_eq!(store.document_count().unwrap(), ids.len() as u64 + 1);
    for id in &ids {
        assert!(store.get_document(id).unwrap().is_some(), "{id} missing");
    }
    let failures = store.failures(10).unwrap();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(failures[0].origin.as_deref(), Some("poison.bin"));
    assert!(
        failures[0].message.contains("binary") && failures[0].message.contains(&q.dead_subject)
    );
}

#[test]
fn sigterm_finishes_the_document_in_hand() {
    let Some(nats) =
        sitrep_testutil::service("sigterm_finishes_the_document_in_hand", "SITREP_TEST_NATS")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let q = queue_names("term");
    let (path, _) = write_corpus(dir.path(), 300);
    assert!(enqueue(&nats, &q, &[&path]).status.success());
    let db = dir.path().join("w.db");
    let store_args = vec!["--db".to_owned(), db.display().to_string()];
    let child = spawn_worker(&nats, &q, &store_args, &[]);
    // Wait until it is busy, then ask it to stop.
    let start = Instant::now();
    while state(&nats, &q).messages > 295 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "worker did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    signal(&child, "-TERM");
    let out = child.wait_with_output();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = report(&out);
    let done = r["documents"].as_u64().unwrap();
    let s = state(&nats, &q);
    // Nothing left in flight: the document in hand was stored and acknowledged.
    assert_eq!(s.ack_pending, 0, "{s:?}");
    assert_eq!(s.messages + done, 300, "{s:?} {r}");
    assert!(done < 300, "it should have stopped early: {r}");
    let store = sitrep_store_sqlite::SqliteStore::open(&db).unwrap();
    assert_eq!(store.document_count().unwrap(), done);
}

/// Events of a document as (type, trigger) pairs.
fn event_keys(doc: &sitrep_model::Document) -> Vec<(String, u32, u32)> {
    doc.events
        .iter()
        .map(|e| (e.event_type.clone(), e.trigger.start, e.trigger.end))
        .collect()
}

#[test]
fn kill_a_worker_nothing_lost_nothing_duplicated() {
    let test = "kill_a_worker_nothing_lost_nothing_duplicated";
    let Some(nats) = sitrep_testutil::service(test, "SITREP_TEST_NATS") else {
        return;
    };
    let Some(pg) = sitrep_testutil::service(test, "SITREP_TEST_POSTGRES") else {
        return;
    };
    const N: usize = 2000;
    let dir = tempfile::tempdir().unwrap();
    let q = queue_names("kill");
    let schema = format!(
        "kill_{}",
        q.consumer.to_lowercase().replace(['.', '-'], "_")
    );
    let (path, story_of) = write_corpus(dir.path(), N);
    let ids = expected_ids(std::slice::from_ref(&path));
    assert_eq!(ids.len(), N);

    // Reference: one story each, ingested by a single process into SQLite.
    let stories = stories().len();
    let ref_path = dir.path().join("ref.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    let first: String = text
        .lines()
        .take(stories)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&ref_path, first).unwrap();
    let ref_db = dir.path().join("ref.db");
    let out = Command::new(BIN)
        .args(["ingest", "--db"])
        .arg(&ref_db)
        .arg(&ref_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reference = sitrep_store_sqlite::SqliteStore::open(&ref_db).unwrap();
    let ref_events: Vec<Vec<(String, u32, u32)>> = ids[..stories]
        .iter()
        .map(|id| event_keys(&reference.get_document(id).unwrap().unwrap()))
        .collect();
    assert!(ref_events.iter().map(Vec::len).sum::<usize>() > 0);

    let out = enqueue(&nats, &q, &[&path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store_args = vec![
        "--postgres".to_owned(),
        pg.clone(),
        "--postgres-schema".to_owned(),
        schema.clone(),
    ];
    let started = Instant::now();
    let mut workers: Vec<Worker> = (0..3)
        .map(|_| spawn_worker(&nats, &q, &store_args, &[]))
        .collect();
    // SIGKILL one worker a third of the way through.
    while state(&nats, &q).messages > (N as u64) * 2 / 3 {
        assert!(started.elapsed() < Duration::from_secs(240), "no progress");
        std::thread::sleep(Duration::from_millis(100));
    }
    workers.remove(1).kill();
    eprintln!(
        "killed a worker after {:.1}s",
        started.elapsed().as_secs_f64()
    );
    wait_drained(&nats, &q, Duration::from_secs(300));
    eprintln!("drained after {:.1}s", started.elapsed().as_secs_f64());
    let mut stored = 0;
    for w in workers {
        signal(&w, "-TERM");
        let out = w.wait_with_output();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let r = report(&out);
        assert_eq!(r["dead_lettered"], 0, "{r}");
        stored += r["documents"].as_u64().unwrap();
    }
    assert!(
        stored < N as u64,
        "the killed worker stored some documents too"
    );

    let opts = sitrep_store_postgres::PgOptions {
        schema: Some(schema.clone()),
        ..Default::default()
    };
    let store = sitrep_store_postgres::PgStore::open_with(&pg, &opts).unwrap();
    // Every document exactly once, with exactly the reference events.
    assert_eq!(store.document_count().unwrap(), N as u64);
    assert_eq!(store.failures(10).unwrap(), vec![]);
    let mut total_events = 0u64;
    let mut members: BTreeMap<(String, u32), u32> = BTreeMap::new();
    for (i, id) in ids.iter().enumerate() {
        let doc = store
            .get_document(id)
            .unwrap()
            .unwrap_or_else(|| panic!("document {i} ({id}) lost"));
        assert_eq!(event_keys(&doc), ref_events[story_of[i]], "document {i}");
        total_events += doc.events.len() as u64;
        for e in &doc.events {
            members.insert((id.clone(), e.id), 0);
        }
    }
    // The events table holds each event once.
    let rows = store
        .events(&EventQuery {
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(rows.total, total_events);
    // Every event is in exactly one cluster (no lost or doubled cluster updates).
    let clusters = store
        .event_clusters(&ClusterQuery::default())
        .unwrap()
        .items;
    for c in &clusters {
        for m in &c.members {
            let n = members
                .get_mut(&(m.doc.clone(), m.event))
                .unwrap_or_else(|| {
                    panic!("cluster {} names unknown event {}:{}", c.id, m.doc, m.event)
                });
            *n += 1;
        }
    }
    let wrong: Vec<_> = members.iter().filter(|(_, n)| **n != 1).take(5).collect();
    assert!(
        wrong.is_empty(),
        "events not in exactly one cluster: {wrong:?}"
    );
    eprintln!(
        "kill test: {N} documents, {total_events} events, {} clusters in {:.1}s",
        clusters.len(),
        started.elapsed().as_secs_f64()
    );
    store.drop_schema().unwrap();
}
