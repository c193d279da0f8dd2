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
    dedup_config: DedupConfig,
    /// Shared mode: the last cluster revision read into `clusterer` (`None`: not loaded).
    cluster_rev: Option<u64>,
    /// Shared mode: the store does not number cluster writes (look candidates up instead).
    no_revisions: bool,
}

fn store_err(e: StoreError) -> StageError {
    StageError::Failed(format!("corpus store: {e}"))
}

impl CorpusLinkStage {
    /// A stage with an empty state; the state is loaded from the store on the first batch.
    pub fn new(name: &str, config: CorpusConfig) -> Self {
        Self {
            name: name.to_owned(),
            index: DedupIndex::new(config.dedup.clone()),
            clusterer: EventClusterer::new(config.clusters.clone()),
            last_seq: 0,
            clusters_loaded: false,
            cluster_config: config.clusters,
            dedup_config: config.dedup,
            cluster_rev: None,
            no_revisions: false,
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
    /// refreshed from the store as in [`CorpusStage::process_batch`]. Clusters: when the store
    /// numbers cluster writes ([`Store::event_clusters_changed`]), the stage keeps every
    /// cluster in memory and reads only those written since its last look (by other writers,
    /// or its own last batch), so a cluster another writer changed is extended from its
    /// stored state (no lost update) and a redelivered document is not clustered twice.
    /// Otherwise the clusters each event could join (same type, interval within the date
    /// slack) and those already holding the batch's documents are read back for each batch.
    /// After a failed store call the in-memory state is dropped and read again on the next
    /// call, so nothing the store lacks is taken as done.
    pub fn process_batch_shared(
        &mut self,
        docs: &mut [Document],
        store: &dyn Store,
    ) -> Result<(), StageError> {
        let result = self.shared_batch(docs, store);
        if result.is_err() {
            self.reset();
        }
        result
    }

    /// Reads what other writers stored since the last look (signatures, and clusters when the
    /// store numbers their writes) without the corpus lock: the call under the lock then only
    /// reads what was written in between. The first call loads the whole corpus state, so a
    /// worker joining a large store does not hold the lock while it loads.
    pub fn catch_up(&mut self, store: &dyn Store) -> Result<(), StageError> {
        self.clusters_loaded = true;
        let result = self
            .refresh(store)
            .and_then(|()| self.sync_clusters(store).map(|_| ()));
        if result.is_err() {
            self.reset();
        }
        result
    }

    /// Drops the in-memory state; the next call reads it again from the store.
    fn reset(&mut self) {
        self.index = DedupIndex::new(self.dedup_config.clone());
        self.last_seq = 0;
        self.clusterer = EventClusterer::new(self.cluster_config.clone());
        self.cluster_rev = None;
    }

    fn shared_batch(&mut self, docs: &mut [Document], store: &dyn Store) -> Result<(), StageError> {
        self.clusters_loaded = true;
        let t0 = std::time::Instant::now();
        self.refresh(store)?;
        if !self.sync_clusters(store)? {
            return self.lookup_batch(docs, store, t0);
        }
        let t_read = t0.elapsed();
        let (entries, links) = self.link_batch(docs);
        let clusters = self.clusterer.take_dirty();
        let t_link = t0.elapsed();
        store.put_corpus_entries(&entries).map_err(store_err)?;
        store.put_corpus_links(&links).map_err(store_err)?;
        if !clusters.is_empty() {
            store.put_event_clusters(&clusters).map_err(store_err)?;
        }
        tracing::debug!(
            docs = docs.len(),
            clusters = self.clusterer.clusters().len(),
            written = clusters.len(),
            read_ms = t_read.as_secs_f64() * 1e3,
            link_ms = (t_link - t_read).as_secs_f64() * 1e3,
            write_ms = (t0.elapsed() - t_link).as_secs_f64() * 1e3,
            "corpus batch (cached clusters)"
        );
        Ok(())
    }

    /// Reads the clusters written since the last look into the in-memory clusterer (all of
    /// them the first time). False when the store does not number cluster writes.
    fn sync_clusters(&mut self, store: &dyn Store) -> Result<bool, StageError> {
        if self.no_revisions {
            return Ok(false);
        }
        if self.cluster_rev.is_none() {
            self.clusterer = EventClusterer::new(self.cluster_config.clone());
        }
        let mut rev = self.cluster_rev.unwrap_or(0);
        loop {
            let Some(page) = store
                .event_clusters_changed(rev, LOAD_PAGE)
                .map_err(store_err)?
            else {
                self.no_revisions = true;
                self.clusterer = EventClusterer::new(self.cluster_config.clone());
                return Ok(false);
            };
            let n = page.len() as u64;
            if let Some(last) = page.last() {
                rev = last.rev;
            }
            self.clusterer.load(page.into_iter().map(|c| c.cluster));
            if n < LOAD_PAGE {
                break;
            }
        }
        self.cluster_rev = Some(rev);
        Ok(true)
    }

    /// The shared corpus step for a store without cluster revisions: candidate clusters are
    /// read back for the batch.
    fn lookup_batch(
        &mut self,
        docs: &mut [Document],
        store: &dyn Store,
        t0: std::time::Instant,
    ) -> Result<(), StageError> {
        let t_refresh = t0.elapsed();
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
        let n_queries = queries.len();
        let mut loaded = 0;
        for q in queries {
            let items = store.event_clusters(&q).map_err(store_err)?.items;
            loaded += items.len();
            fresh.load(items);
        }
        let t_read = t0.elapsed();
        let kept = std::mem::replace(&mut self.clusterer, fresh);
        let (entries, links) = self.link_batch(docs);
        let clusters = self.clusterer.take_dirty();
        self.clusterer = kept;
        let t_link = t0.elapsed();
        store.put_corpus_entries(&entries).map_err(store_err)?;
        store.put_corpus_links(&links).map_err(store_err)?;
        if !clusters.is_empty() {
            store.put_event_clusters(&clusters).map_err(store_err)?;
        }
        let members: usize = clusters.iter().map(|c| c.members.len()).sum();
        tracing::debug!(
            docs = docs.len(),
            queries = n_queries,
            loaded,
            written = clusters.len(),
            members,
            refresh_ms = t_refresh.as_secs_f64() * 1e3,
            read_ms = (t_read - t_refresh).as_secs_f64() * 1e3,
            link_ms = (t_link - t_read).as_secs_f64() * 1e3,
            write_ms = (t0.elapsed() - t_link).as_secs_f64() * 1e3,
            "corpus batch"
        );
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
