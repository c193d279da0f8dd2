//! Several writers at once on a real server: migrations, the same documents, the same cluster.

mod common;

use sitrep_store::conformance::{event_documents, sample_cluster, sample_document};
use sitrep_store::{ClusterQuery, PutOutcome, Store};
use sitrep_store_postgres::{PgOptions, PgStore, SCHEMA_VERSION};
use std::sync::Barrier;

#[test]
fn workers_starting_at_once_migrate_once() {
    let Some(url) = common::url("workers_starting_at_once_migrate_once") else {
        return;
    };
    let schema = common::schema_name("migrate_once");
    let barrier = Barrier::new(4);
    let stores: Vec<PgStore> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    barrier.wait();
                    common::open(&url, &schema)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for st in &stores {
        assert_eq!(st.schema_version().unwrap(), SCHEMA_VERSION);
    }
    drop(stores);
    common::open(&url, &schema).drop_schema().unwrap();
}

#[test]
fn newer_schema_is_refused() {
    let Some(url) = common::url("newer_schema_is_refused") else {
        return;
    };
    let schema = common::schema_name("newer");
    drop(common::open(&url, &schema));
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client
        .batch_execute(&format!(
            "INSERT INTO \"{schema}\".schema_version (version) VALUES (999)"
        ))
        .unwrap();
    let err = PgStore::open_with(
        &url,
        &PgOptions {
            schema: Some(schema.clone()),
            ..PgOptions::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("newer"), "{err}");
    client
        .batch_execute(&format!("DROP SCHEMA \"{schema}\" CASCADE"))
        .unwrap();
}

#[test]
fn bad_url_and_schema_are_clear_errors() {
    let err = PgStore::open("not a url").unwrap_err().to_string();
    assert!(err.contains("URL"), "{err}");
    let err = PgStore::open_with(
        "postgres://postgres@127.0.0.1:1/x",
        &PgOptions {
            schema: Some("a\"b".into()),
            ..PgOptions::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("schema"), "{err}");
}

#[test]
fn concurrent_puts_of_the_same_documents_store_them_once() {
    let Some(url) = common::url("concurrent_puts_of_the_same_documents_store_them_once") else {
        return;
    };
    let store = common::fresh(&url, "same_docs");
    let mut docs = event_documents().unwrap();
    for i in 0..20 {
        docs.push(
            sample_document(&format!("Report number {i} from Kharkiv."), "2025-01-10").unwrap(),
        );
    }
    // Four writers, each with its own connection, put the same documents in different orders.
    let barrier = Barrier::new(4);
    let outcomes: Vec<Vec<PutOutcome>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|w| {
                let mut mine = docs.clone();
                if w % 2 == 1 {
                    mine.reverse();
                }
                let (store, barrier) = (&store, &barrier);
                s.spawn(move || {
                    barrier.wait();
                    store.put_documents(&mine).unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let inserted = outcomes
        .iter()
        .flatten()
        .filter(|o| **o == PutOutcome::Inserted)
        .count();
    assert_eq!(
        inserted,
        docs.len(),
        "each document inserted exactly once: {outcomes:?}"
    );
    assert!(outcomes.iter().flatten().all(|o| *o != PutOutcome::Updated));
    assert_eq!(store.document_count().unwrap(), docs.len() as u64);
    let events = store.events(&sitrep_store::EventQuery::default()).unwrap();
    assert_eq!(events.total, 4, "no duplicated events");
    store.drop_schema().unwrap();
}

#[test]
fn racing_cluster_writes_never_mix() {
    let Some(url) = common::url("racing_cluster_writes_never_mix") else {
        return;
    };
    let store = common::fresh(&url, "cluster_race");
    let a = sample_cluster("c:1", "2025-01-09", &["d1", "d2", "d3"]);
    let b = sample_cluster("c:1", "2025-01-09", &["d4", "d5"]);
    let barrier = Barrier::new(2);
    std::thread::scope(|s| {
        for c in [&a, &b] {
            let (store, barrier) = (&store, &barrier);
            s.spawn(move || {
                barrier.wait();
                for _ in 0..50 {
                    store.put_event_clusters(std::slice::from_ref(c)).unwrap();
                }
            });
        }
    });
    let back = store.event_cluster("c:1").unwrap().unwrap();
    assert!(
        back == a || back == b,
        "stored cluster is one writer's version"
    );
    // The member rows agree with the stored cluster: no member of the other version is left.
    for d in ["d1", "d2", "d3", "d4", "d5"] {
        let q = ClusterQuery {
            doc: Some(d.into()),
            ..ClusterQuery::default()
        };
        let found = store.event_clusters(&q).unwrap().total;
        let member = back.members.iter().any(|m| m.doc == d);
        assert_eq!(
            found,
            u64::from(member),
            "{d}: member rows match the cluster"
        );
    }
    store.drop_schema().unwrap();
}

#[test]
fn racing_cluster_merges_lose_no_member() {
    let Some(url) = common::url("racing_cluster_merges_lose_no_member") else {
        return;
    };
    let store = common::fresh(&url, "cluster_merge");
    let base = sample_cluster("c:1", "2025-01-09", &["d0"]);
    let member = base.members[0].clone();
    let barrier = Barrier::new(2);
    // Two workers each add 25 reports to the same cluster (creating it if missing).
    std::thread::scope(|s| {
        for w in 0..2 {
            let (store, barrier, base, member) = (&store, &barrier, &base, &member);
            s.spawn(move || {
                barrier.wait();
                for i in 0..25 {
                    store
                        .update_event_clusters(&["c:1".to_owned()], |_, stored| {
                            let mut c = stored.unwrap_or_else(|| base.clone());
                            let mut m = member.clone();
                            m.doc = format!("w{w}-{i}");
                            c.members.push(m);
                            c.reports = c.members.len() as u32;
                            Some(c)
                        })
                        .unwrap();
                }
            });
        }
    });
    let back = store.event_cluster("c:1").unwrap().unwrap();
    assert_eq!(back.members.len(), 51, "d0 and 2 x 25 added reports");
    assert_eq!(back.reports, 51);
    for w in 0..2 {
        for i in 0..25 {
            let d = format!("w{w}-{i}");
            assert!(back.members.iter().any(|m| m.doc == d), "{d} lost");
        }
    }
    store.drop_schema().unwrap();
}

#[test]
fn racing_corpus_entries_keep_increasing_seqs() {
    let Some(url) = common::url("racing_corpus_entries_keep_increasing_seqs") else {
        return;
    };
    let store = common::fresh(&url, "entries_race");
    std::thread::scope(|s| {
        for w in 0..3 {
            let store = &store;
            s.spawn(move || {
                for i in 0..30 {
                    let e = sitrep_store::CorpusEntry {
                        seq: 0,
                        doc_id: format!("{}", i * 3 + w),
                        data: vec![w as u8],
                    };
                    // Every writer also repeats a shared document: stored once.
                    let shared = sitrep_store::CorpusEntry {
                        seq: 0,
                        doc_id: "shared".into(),
                        data: vec![9],
                    };
                    store.put_corpus_entries(&[e, shared]).unwrap();
                }
            });
        }
    });
    let all = store.corpus_entries(0, 0).unwrap();
    assert_eq!(all.len(), 91);
    assert!(all.windows(2).all(|w| w[0].seq < w[1].seq));
    store.drop_schema().unwrap();
}

#[test]
fn racing_updates_of_one_document_leave_one_version() {
    let Some(url) = common::url("racing_updates_of_one_document_leave_one_version") else {
        return;
    };
    let store = common::fresh(&url, "doc_updates");
    let docs = event_documents().unwrap();
    let a = docs[0].clone();
    // Another version of the same document: same text (same id), fewer annotations.
    let mut b = a.clone();
    b.events.clear();
    b.entities.truncate(1);
    assert_eq!(a.id(), b.id());
    let barrier = Barrier::new(2);
    std::thread::scope(|s| {
        for d in [&a, &b] {
            let (store, barrier) = (&store, &barrier);
            s.spawn(move || {
                barrier.wait();
                for _ in 0..30 {
                    store.put_documents(std::slice::from_ref(d)).unwrap();
                }
            });
        }
    });
    let back = store.get_document(a.id()).unwrap().unwrap();
    let winner = if back.events.is_empty() { &b } else { &a };
    assert_eq!(back.entities, winner.entities);
    let stats = store.stats().unwrap();
    let n = |layer: &str| {
        stats
            .layers
            .iter()
            .find(|l| l.0 == layer)
            .map_or(0, |l| l.1)
    };
    assert_eq!(
        n("entities"),
        winner.entities.len() as u64,
        "annotation rows of one version"
    );
    assert_eq!(
        n("events"),
        winner.events.len() as u64,
        "event rows of one version"
    );
    assert_eq!(stats.documents, 1);
    store.drop_schema().unwrap();
}
