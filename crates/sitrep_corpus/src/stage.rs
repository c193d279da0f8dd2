//! The corpus stage: links near-duplicates and rewrites to earlier documents, records stated
//! origins, and clusters events across documents, keeping its state in the store.

use crate::cluster::{ClusterConfig, EventClusterer, ReportInfo};
use crate::index::{DedupConfig, DedupIndex};
use crate::origin::stated_origins;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_model::{CorpusLink, Document, Layer};
use sitrep_pipeline::{CorpusStage, StageError};
use sitrep_store::{ClusterQuery, CorpusEntry, CorpusLinkRow, LinkKind, Store, StoreError};

/// Configuration of the corpus stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CorpusConfig {
    /// Near-duplicate and rewrite detection.
    pub dedup: DedupConfig,
    /// Event clustering.
    pub clusters: ClusterConfig,
}

/// Signature entries read from the store per call while loading the index.
const LOAD_PAGE: u64 = 10_000;

/// The corpus stage (see the crate documentation).
#[derive(Debug)]
pub struct CorpusLinkStage {
    name: String,
    index: DedupIndex,
    clusterer: EventClusterer,
    last_seq: u64,
    clusters_loaded: bool,
    cluster_config: ClusterConfig,
}

fn store_err(e: StoreError) -> StageError {
    StageError::Failed(format!("corpus store: {e}"))
}

impl CorpusLinkStage {
    /// A stage with an empty state; the state is loaded from the store on the first batch.
    pub fn new(name: &str, config: CorpusConfig) -> Self {
        Self {
            name: name.to_owned(),
            index: DedupIndex::new(config.dedup),
            clusterer: EventClusterer::new(config.clusters.clone()),
            last_seq: 0,
            clusters_loaded: false,
            cluster_config: config.clusters,
        }
    }

    /// The near-duplicate index.
    pub fn index(&self) -> &DedupIndex {
        &self.index
    }

    /// The event clusters known to the stage.
    pub fn clusterer(&self) -> &EventClusterer {
        &self.clusterer
    }

    /// Adds signatures stored since the last look (by earlier runs or other writers).
    fn refresh(&mut self, store: &dyn Store) -> Result<(), StageError> {
        loop {
            let page = store
                .corpus_entries(self.last_seq, LOAD_PAGE)
                .map_err(store_err)?;
            let Some(last) = page.last() else { break };
            self.last_seq = last.seq;
            let full = page.len() as u64 == LOAD_PAGE;
            for e in &page {
                if self.index.insert_encoded(&e.doc_id, &e.data).is_none() {
                    tracing::warn!(doc = e.doc_id, "unreadable corpus signature skipped");
                }
            }
            if !full {
                break;
            }
        }
        if !self.clusters_loaded {
            let mut offset = 0;
            loop {
                let q = ClusterQuery {
                    offset,
                    limit: LOAD_PAGE,
                    ..ClusterQuery::default()
                };
                let page = store.event_clusters(&q).map_err(store_err)?;
                let n = page.items.len() as u64;
                self.clusterer.load(page.items);
                offset += n;
                if n < LOAD_PAGE {
                    break;
                }
            }
            self.clusters_loaded = true;
        }
        Ok(())
    }

    /// The corpus stage for a store that several processes write at once (`sitrep worker`).
    ///
    /// The caller must hold a lock that serialises this call across writers. Signatures are
    /// refreshed from the store as in [`CorpusStage::process_batch`]; clusters are not kept in
    /// memory: the clusters each event could join (same type, interval within the date slack)
    /// and those already holding the batch's documents are read back from the store, so a
    /// cluster another writer changed is extended from its stored state (no lost update) and a
    /// redelivered document is not clustered twice.
    pub fn process_batch_shared(
        &mut self,
        docs: &mut [Document],
        store: &dyn Store,
    ) -> Result<(), StageError> {
        self.clusters_loaded = true;
        self.refresh(store)?;
        let config = self.cluster_config.clone();
        let slack = chrono::Duration::days(config.date_slack_days.max(0));
        let mut fresh = EventClusterer::new(config.clone());
        let mut queries = Vec::new();
        // Per event type, the date ranges its events could join, overlapping ones merged:
        // few queries, and none spanning the years between an old and a new event.
        let mut ranges: std::collections::BTreeMap<String, Vec<(NaiveDate, NaiveDate)>> =
            std::collections::BTreeMap::new();
        for doc in docs.iter() {
            queries.push(ClusterQuery {
                doc: Some(doc.id().to_owned()),
                ..ClusterQuery::default()
            });
            for e in &doc.events {
                let key = crate::cluster::EventKey::of(doc, e, &config);
                // Undated events never join a cluster (`compatible` needs dates).
                if let (Some(start), Some(end)) = (key.start, key.end) {
                    ranges
                        .entry(key.event_type)
                        .or_default()
                        .push((start - slack, end + slack));
                }
            }
        }
        for (event_type, mut spans) in ranges {
            spans.sort();
            let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::new();
            for (s, e) in spans {
                match merged.last_mut() {
                    Some(last) if s <= last.1 => last.1 = last.1.max(e),
                    _ => merged.push((s, e)),
                }
            }
            for (from, to) in merged {
                queries.push(ClusterQuery {
                    event_type: Some(event_type.clone()),
                    from: Some(from.format("%Y-%m-%d").to_string()),
                    to: Some(to.format("%Y-%m-%d").to_string()),
                    ..ClusterQuery::default()
                });
            }
        }
        for q in queries {
            fresh.load(store.event_clusters(&q).map_err(store_err)?.items);
        }
        let kept = std::mem::replace(&mut self.clusterer, fresh);
        let (entries, links) = self.link_batch(docs);
        let clusters = self.clusterer.take_dirty();
        self.clusterer = kept;
        store.put_corpus_entries(&entries).map_err(store_err)?;
        store.put_corpus_links(&links).map_err(store_err)?;
        if !clusters.is_empty() {
            store.put_event_clusters(&clusters).map_err(store_err)?;
        }
        Ok(())
    }

    /// Links, origins and clusters for a batch without a store round trip: returns the new
    /// signature entries and links to write.
    pub fn link_batch(&mut self, docs: &mut [Document]) -> (Vec<CorpusEntry>, Vec<CorpusLinkRow>) {
        let mut entries = Vec::new();
        let mut links = Vec::new();
        for doc in docs.iter_mut() {
            doc.corpus.stated_origin = stated_origins(doc);
            let signals = self.index.signals(doc);
            let known = self.index.position(doc.id());
            let before = known.unwrap_or(u32::try_from(self.index.len()).unwrap_or(u32::MAX));
            let m = self.index.find(&signals, before);
            let link = |ix: &DedupIndex, mm: Option<crate::index::Match>| {
                mm.map(|x| CorpusLink {
                    id: ix.id(x.index).to_owned(),
                    score: x.score,
                })
            };
            doc.corpus.duplicate_of = link(&self.index, m.duplicate);
            doc.corpus.rewrite_of = link(&self.index, m.rewrite);
            let copy_of = m.duplicate.or(m.rewrite).map(|x| x.index);
            let position = match known {
                Some(p) => p,
                None => {
                    let root_id = copy_of.map(|c| self.index.id(c).to_owned());
                    entries.push(CorpusEntry {
                        seq: 0,
                        doc_id: doc.id().to_owned(),
                        data: DedupIndex::encode(&signals, root_id.as_deref()),
                    });
                    self.index.insert(doc.id(), &signals, copy_of)
                }
            };
            for (kind, l) in [
                (LinkKind::Duplicate, &doc.corpus.duplicate_of),
                (LinkKind::Rewrite, &doc.corpus.rewrite_of),
            ] {
                if let Some(l) = l {
                    links.push(CorpusLinkRow {
                        doc: doc.id().to_owned(),
                        kind,
                        of: l.id.clone(),
                        score: l.score,
                    });
                }
            }
            if !doc.events.is_empty() {
                let root = self.index.root(position);
                let info = ReportInfo {
                    origin_doc: self.index.id(root).to_owned(),
                };
                self.clusterer.add_document(doc, &info);
            }
        }
        (entries, links)
    }
}

impl CorpusStage for CorpusLinkStage {
    fn name(&self) -> &str {
        &self.name
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Text]
    }

    fn process_batch(
        &mut self,
        docs: &mut [Document],
        store: &dyn Store,
    ) -> Result<(), StageError> {
        self.refresh(store)?;
        let (entries, links) = self.link_batch(docs);
        store.put_corpus_entries(&entries).map_err(store_err)?;
        store.put_corpus_links(&links).map_err(store_err)?;
        let clusters = self.clusterer.take_dirty();
        if !clusters.is_empty() {
            store.put_event_clusters(&clusters).map_err(store_err)?;
        }
        Ok(())
    }
}
