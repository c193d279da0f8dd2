//! The corpus stage in shared mode (`sitrep worker`) on a real server: two stages taking turns
//! on one store see each other's clusters, and a stage whose store call failed reads its state
//! again instead of taking the failed batch as done.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions: a failure is a failed test

mod common;

use sitrep_corpus::{CorpusConfig, CorpusLinkStage};
use sitrep_model::Document;
use sitrep_pipeline::CorpusStage;
use sitrep_store::conformance::event_documents;
use sitrep_store::{ClusterQuery, Store};
use sitrep_store_sqlite::SqliteStore;
use std::collections::BTreeMap;

/// Round `r` of copies of the three event reports (other ids and outlets, same events).
fn round(r: usize) -> Vec<Document> {
    event_documents()
        .unwrap()
        .into_iter()
        .map(|mut d| {
            d.meta.id = format!("{}-r{r}", d.meta.id);
            d.meta.source = Some(format!("outlet {r}"));
            d
        })
        .collect()
}

/// Every (document, event) member and how many clusters hold it; and the cluster sizes.
fn membership(store: &dyn Store) -> (BTreeMap<(String, u32), usize>, Vec<usize>) {
    let page = store.event_clusters(&ClusterQuery::default()).unwrap();
    let mut seen = BTreeMap::new();
    let mut sizes = Vec::new();
    for c in &page.items {
        sizes.push(c.members.len());
        for m in &c.members {
            *seen.entry((m.doc.clone(), m.event)).or_insert(0) += 1;
        }
    }
    sizes.sort_unstable();
    (seen, sizes)
}

#[test]
fn two_stages_taking_turns_lose_no_member() {
    let Some(url) = common::url("two_stages_taking_turns_lose_no_member") else {
        return;
    };
    let store = common::fresh(&url, "corpus_turns");
    let mut a = CorpusLinkStage::new("corpus", CorpusConfig::default());
    let mut b = CorpusLinkStage::new("corpus", CorpusConfig::default());
    let reference = SqliteStore::open_in_memory().unwrap();
    let mut single = CorpusLinkStage::new("corpus", CorpusConfig::default());
    for r in 0..6 {
        let stage = if r % 2 == 0 { &mut a } else { &mut b };
        // From round 2 the stage first reads the other's changes without the lock (as a
        // worker does); the locked call must then pick up only what is left.
        if r >= 2 {
            stage.catch_up(&store).unwrap();
        }
        let mut docs = round(r);
        stage.process_batch_shared(&mut docs, &store).unwrap();
        let mut docs = round(r);
        single.process_batch(&mut docs, &reference).unwrap();
    }
    // A redelivered round is not clustered twice, whichever stage takes it: one of the two,
    // or a new one that loaded the store's state before the lock.
    b.process_batch_shared(&mut round(0), &store).unwrap();
    let mut c = CorpusLinkStage::new("corpus", CorpusConfig::default());
    c.catch_up(&store).unwrap();
    c.process_batch_shared(&mut round(1), &store).unwrap();
    let (seen, sizes) = membership(&store);
    let (want_seen, want_sizes) = membership(&reference);
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");
    assert_eq!(seen.len(), want_seen.len());
    assert_eq!(sizes, want_sizes, "cluster sizes");
    // The clusters grew across the two stages: six reports each.
    assert!(sizes.iter().filter(|&&n| n == 6).count() >= 3, "{sizes:?}");
    store.drop_schema().unwrap();
}

#[test]
fn a_failed_batch_is_done_again_in_full() {
    let Some(url) = common::url("a_failed_batch_is_done_again_in_full") else {
        return;
    };
    let schema = common::schema_name("corpus_failure");
    let store = common::open(&url, &schema);
    let mut stage = CorpusLinkStage::new("corpus", CorpusConfig::default());
    stage.process_batch_shared(&mut round(0), &store).unwrap();
    // The cluster member table goes away: the batch's cluster write fails after its
    // signatures were stored and its clusters extended in memory.
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let rename = |client: &mut postgres::Client, from: &str, to: &str| {
        client
            .batch_execute(&format!("ALTER TABLE \"{schema}\".{from} RENAME TO {to}"))
            .unwrap();
    };
    rename(&mut client, "event_cluster_members", "members_away");
    assert!(stage.process_batch_shared(&mut round(1), &store).is_err());
    rename(&mut client, "members_away", "event_cluster_members");
    // Delivered again: clustered now, each event once.
    stage.process_batch_shared(&mut round(1), &store).unwrap();
    let (seen, _) = membership(&store);
    for d in round(1) {
        for e in d.events.iter().filter(|e| e.date.is_some()) {
            assert_eq!(
                seen.get(&(d.meta.id.clone(), e.id)),
                Some(&1),
                "{}",
                d.meta.id
            );
        }
    }
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");
    drop(client);
    store.drop_schema().unwrap();
}
