//! The worker: pull a document, ingest it, run the pipeline, run the corpus stage under the
//! corpus lock, store, then acknowledge.

use crate::enqueue::{connect, ensure_work_stream, header_value};
use crate::envelope;
use crate::lock::{CorpusLock, LockGuard};
use crate::{DELIVERIES_HEADER, ERROR_HEADER, ORIGIN_HEADER, QueueConfig, QueueError, js_err};
use async_nats::jetstream::{self, AckKind, consumer, stream};
use futures_util::StreamExt as _;
use serde::Serialize;
use sitrep_corpus::CorpusLinkStage;
use sitrep_ingest::IngestConfig;
use sitrep_model::Document;
use sitrep_pipeline::Pipeline;
use sitrep_store::{InputFailure, PutOutcome, Store};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::watch;

/// How a worker pulls and retries.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// Stream, subject and consumer names.
    pub queue: QueueConfig,
    /// How long the server waits for an acknowledgement before redelivering a message to
    /// another worker (workers send progress acks while they work, so this bounds how long a
    /// crashed worker's document waits). Also the lease of the corpus lock.
    pub ack_wait: Duration,
    /// Deliveries after which a failing document goes to the dead-letter subject.
    pub max_deliver: u32,
    /// Delay before a failed document is delivered again.
    pub retry_delay: Duration,
    /// Documents processed at once by this worker.
    pub concurrency: usize,
    /// Most messages taken in one fetch: they go through the corpus lock and the store write
    /// together (a batch takes only what is waiting; it never waits to fill up).
    pub batch: usize,
    /// Return after this long without a document (`None`: run until shut down).
    pub idle_exit: Option<Duration>,
    /// How to read the raw input.
    pub ingest: IngestConfig,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            queue: QueueConfig::default(),
            ack_wait: Duration::from_secs(30),
            max_deliver: 5,
            retry_delay: Duration::from_secs(5),
            concurrency: 1,
            batch: 64,
            idle_exit: None,
            ingest: IngestConfig::default(),
        }
    }
}

/// What a worker did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WorkerReport {
    /// Documents stored and acknowledged.
    pub documents: u64,
    /// Of which new in the store.
    pub inserted: u64,
    /// Of which replaced in the store.
    pub updated: u64,
    /// Of which already stored exactly so (a redelivery or a re-enqueue).
    pub unchanged: u64,
    /// Documents stored with a failed stage.
    pub failed_stage: u64,
    /// Failures returned to the queue for another try.
    pub retried: u64,
    /// Documents sent to the dead-letter subject.
    pub dead_lettered: u64,
    /// Seconds in ingest and the per-document stages.
    pub pipeline_seconds: f64,
    /// Seconds waiting for the corpus lock.
    pub lock_wait_seconds: f64,
    /// Seconds reading other workers' corpus changes before taking the lock.
    pub catch_up_seconds: f64,
    /// Seconds in the corpus stage and the document write.
    pub store_seconds: f64,
    /// Of which in the corpus stage (under the corpus lock).
    pub corpus_seconds: f64,
    /// Of which in the document write (`put_documents`, no lock).
    pub put_seconds: f64,
    /// Unix time when the first document arrived.
    pub first_started: Option<f64>,
    /// Unix time of the last acknowledgement.
    pub last_acked: Option<f64>,
}

impl WorkerReport {
    fn merge(&mut self, o: &WorkerReport) {
        self.documents += o.documents;
        self.inserted += o.inserted;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
        self.failed_stage += o.failed_stage;
        self.retried += o.retried;
        self.dead_lettered += o.dead_lettered;
        self.pipeline_seconds += o.pipeline_seconds;
        self.lock_wait_seconds += o.lock_wait_seconds;
        self.catch_up_seconds += o.catch_up_seconds;
        self.store_seconds += o.store_seconds;
        self.put_seconds += o.put_seconds;
        self.corpus_seconds += o.corpus_seconds;
        self.first_started = match (self.first_started, o.first_started) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last_acked = match (self.last_acked, o.last_acked) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
}

fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// What the slots share.
struct Shared {
    js: jetstream::Context,
    consumer: consumer::PullConsumer,
    lock: CorpusLock,
    corpus: Mutex<CorpusLinkStage>,
    store: Arc<dyn Store>,
    config: WorkerConfig,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("consumer", &self.config.queue.consumer)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// A queue worker (see the crate documentation).
#[derive(Debug)]
pub struct Worker {
    shared: Arc<Shared>,
    pipelines: Vec<Pipeline>,
}

impl Worker {
    /// Connects, creates the streams and the durable consumer when missing, and prepares one
    /// slot per pipeline (`pipelines.len()` documents at once; give `config.concurrency`
    /// pipelines).
    pub async fn connect(
        url: &str,
        config: WorkerConfig,
        pipelines: Vec<Pipeline>,
        corpus: CorpusLinkStage,
        store: Arc<dyn Store>,
    ) -> Result<Self, QueueError> {
        let client = connect(url).await?;
        let js = jetstream::new(client);
        let q = &config.queue;
        let work = ensure_work_stream(&js, q).await?;
        let dead = q.dead_stream();
        let created = js
            .get_or_create_stream(stream::Config {
                name: dead.clone(),
                subjects: vec![q.dead_subject.clone()],
                storage: stream::StorageType::File,
                ..Default::default()
            })
            .await;
        if let Err(e) = created {
            // Another stream may capture the dead-letter subject already (shared by
            // several work queues): dead letters then go there.
            match js.stream_by_subject(q.dead_subject.clone()).await {
                Ok(name) => tracing::info!(stream = name, "dead letters go to an existing stream"),
                Err(_) => return Err(js_err(&format!("creating stream {dead}"), e)),
            }
        }
        // The server stops redelivering after twice our limit: a document that kills every
        // worker that takes it (so never reaches the dead-letter code) cannot loop forever.
        let server_max = i64::from(config.max_deliver.max(1)) * 2;
        let consumer = work
            .get_or_create_consumer(
                &q.consumer,
                consumer::pull::Config {
                    durable_name: Some(q.consumer.clone()),
                    ack_policy: consumer::AckPolicy::Explicit,
                    ack_wait: config.ack_wait,
                    max_deliver: server_max,
                    filter_subject: q.subject.clone(),
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| js_err(&format!("creating consumer {}", q.consumer), e))?;
        let lock = CorpusLock::setup(&js, q, config.ack_wait).await?;
        Ok(Self {
            shared: Arc::new(Shared {
                js,
                consumer,
                lock,
                corpus: Mutex::new(corpus),
                store,
                config,
            }),
            pipelines,
        })
    }

    /// Processes documents until `shutdown` turns true (then finishes the documents in hand)
    /// or, with `idle_exit`, until the queue has been empty that long.
    pub async fn run(self, shutdown: watch::Receiver<bool>) -> Result<WorkerReport, QueueError> {
        let mut tasks = Vec::new();
        for pipeline in self.pipelines {
            let shared = Arc::clone(&self.shared);
            let shutdown = shutdown.clone();
            tasks.push(tokio::spawn(slot(shared, pipeline, shutdown)));
        }
        let mut report = WorkerReport::default();
        let mut first_error = None;
        for t in tasks {
            match t.await {
                Ok(Ok(r)) => report.merge(&r),
                Ok(Err(e)) => {
                    first_error.get_or_insert(e);
                }
                Err(e) => {
                    first_error.get_or_insert(QueueError::Task(e.to_string()));
                }
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(report),
        }
    }
}

/// Fetches up to `max` messages: waits up to a second for the first, then takes at once what
/// else is waiting (a batch never waits for messages that are not there).
async fn fetch(shared: &Shared, max: usize) -> Vec<jetstream::Message> {
    let mut out = Vec::new();
    let first = shared
        .consumer
        .batch()
        .max_messages(1)
        .expires(Duration::from_secs(1))
        .messages()
        .await;
    match first {
        Ok(mut b) => match b.next().await {
            Some(Ok(msg)) => out.push(msg),
            Some(Err(e)) => tracing::debug!(error = %e, "fetch ended without a message"),
            None => {}
        },
        Err(e) => {
            tracing::warn!(error = %e, "fetching from the work queue failed; retrying");
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }
    if out.is_empty() || max <= 1 {
        return out;
    }
    // `fetch` does not wait: it returns what the stream holds for us now.
    match shared
        .consumer
        .fetch()
        .max_messages(max - 1)
        .messages()
        .await
    {
        Ok(mut more) => {
            while let Some(m) = more.next().await {
                match m {
                    Ok(msg) => out.push(msg),
                    Err(e) => {
                        tracing::debug!(error = %e, "fetch ended early");
                        break;
                    }
                }
            }
        }
        Err(e) => tracing::debug!(error = %e, "no further messages fetched"),
    }
    out
}

/// One batch of documents at a time, until shutdown or idle.
async fn slot(
    shared: Arc<Shared>,
    mut pipeline: Pipeline,
    shutdown: watch::Receiver<bool>,
) -> Result<WorkerReport, QueueError> {
    let mut report = WorkerReport::default();
    let mut idle_since = Instant::now();
    loop {
        if *shutdown.borrow() {
            break;
        }
        if let Some(limit) = shared.config.idle_exit
            && idle_since.elapsed() >= limit
        {
            break;
        }
        let msgs = fetch(&shared, shared.config.batch.max(1)).await;
        if msgs.is_empty() {
            continue;
        }
        if report.first_started.is_none() {
            report.first_started = Some(unix_now());
        }
        pipeline = handle(&shared, pipeline, msgs, &mut report).await?;
        idle_since = Instant::now();
    }
    Ok(report)
}

/// Runs a blocking job, sending progress acks on `msgs` (and the lock) while it runs.
async fn with_progress<T: Send + 'static>(
    shared: &Shared,
    msgs: &[jetstream::Message],
    lock: Option<&LockGuard>,
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, QueueError> {
    let mut handle = tokio::task::spawn_blocking(job);
    let every = (shared.config.ack_wait / 3).max(Duration::from_millis(100));
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    loop {
        tokio::select! {
            done = &mut handle => return done.map_err(|e| QueueError::Task(e.to_string())),
            _ = tick.tick() => {
                for msg in msgs {
                    if let Err(e) = msg.ack_with(AckKind::Progress).await {
                        tracing::warn!(error = %e, "progress ack failed");
                    }
                }
                if let Some(l) = lock {
                    l.extend().await;
                }
            }
        }
    }
}

/// A stored document or why processing failed.
type Processed = Result<(Document, PutOutcome), String>;

/// Processes a batch of messages and acknowledges each; returns the pipeline for the next.
///
/// Ingest and the per-document stages run for the whole batch, then the corpus stage runs once
/// for the batch under one hold of the corpus lock and the documents are written in one call:
/// the serialised part costs one lock round and one set of store round trips per batch. When
/// the batch's corpus step or write fails, each document is tried on its own, so one bad
/// document never fails the others.
async fn handle(
    shared: &Arc<Shared>,
    pipeline: Pipeline,
    msgs: Vec<jetstream::Message>,
    report: &mut WorkerReport,
) -> Result<Pipeline, QueueError> {
    // Ingest and per-document stages: CPU work on a blocking thread.
    let started = Instant::now();
    let payloads: Vec<_> = msgs.iter().map(|m| m.payload.clone()).collect();
    let ingest = shared.config.ingest.clone();
    let (pipeline, annotated) = with_progress(shared, &msgs, None, move || {
        let results: Vec<Result<Document, String>> = payloads
            .iter()
            .map(|payload| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    annotate(&pipeline, payload, &ingest)
                }))
                .unwrap_or_else(|_| Err("panic while ingesting".to_owned()))
            })
            .collect();
        (pipeline, results)
    })
    .await?;
    report.pipeline_seconds += started.elapsed().as_secs_f64();

    let mut outcomes: Vec<Option<Processed>> = Vec::with_capacity(msgs.len());
    let mut ok_docs = Vec::new();
    let mut ok_index = Vec::new();
    for (i, a) in annotated.into_iter().enumerate() {
        match a {
            Ok(doc) => {
                ok_docs.push(doc);
                ok_index.push(i);
                outcomes.push(None);
            }
            Err(e) => outcomes.push(Some(Err(e))),
        }
    }
    if !ok_docs.is_empty() {
        let ok_msgs: Vec<jetstream::Message> = ok_index
            .iter()
            .filter_map(|&i| msgs.get(i).cloned())
            .collect();
        let stored = store_documents(shared, &ok_msgs, ok_docs, report).await?;
        for (i, p) in ok_index.into_iter().zip(stored) {
            if let Some(slot) = outcomes.get_mut(i) {
                *slot = Some(p);
            }
        }
    }
    for (msg, processed) in msgs.iter().zip(outcomes) {
        let processed = processed.unwrap_or_else(|| Err("not processed".to_owned()));
        finish(shared, msg, processed, report).await?;
    }
    Ok(pipeline)
}

/// Acknowledges a stored document, or retries or dead-letters a failed one.
async fn finish(
    shared: &Arc<Shared>,
    msg: &jetstream::Message,
    processed: Processed,
    report: &mut WorkerReport,
) -> Result<(), QueueError> {
    let delivered = msg.info().map(|i| i.delivered).unwrap_or(1);
    let origin = msg
        .headers
        .as_ref()
        .and_then(|h| h.get(ORIGIN_HEADER))
        .map(|v| v.as_str().to_owned())
        .unwrap_or_else(|| "(unknown origin)".to_owned());
    match processed {
        Ok((doc, outcome)) => {
            if let Err(e) = msg.double_ack().await {
                // The document is stored; a redelivery finds it unchanged.
                tracing::warn!(doc = doc.id(), error = %e, "ack failed; the document may be delivered again");
            }
            report.last_acked = Some(unix_now());
            report.documents += 1;
            match outcome {
                PutOutcome::Inserted => report.inserted += 1,
                PutOutcome::Updated => report.updated += 1,
                PutOutcome::Unchanged => report.unchanged += 1,
            }
            if !doc.failures.is_empty() {
                report.failed_stage += 1;
            }
        }
        Err(error) if delivered >= i64::from(shared.config.max_deliver) => {
            dead_letter(shared, msg, &origin, &error, delivered).await?;
            report.dead_lettered += 1;
            report.last_acked = Some(unix_now());
        }
        Err(error) => {
            tracing::warn!(%origin, delivered, %error, "document failed; it will be retried");
            if let Err(e) = msg
                .ack_with(AckKind::Nak(Some(shared.config.retry_delay)))
                .await
            {
                tracing::warn!(error = %e, "nak failed; the server redelivers after ack_wait");
            }
            report.retried += 1;
        }
    }
    Ok(())
}

/// Decodes, ingests and annotates one message.
fn annotate(
    pipeline: &Pipeline,
    payload: &[u8],
    ingest: &IngestConfig,
) -> Result<Document, String> {
    let (header, raw) = envelope::decode(payload).map_err(|e| e.to_string())?;
    let ingested =
        sitrep_ingest::ingest_bytes(raw, header.format.input_format(), header.meta, ingest)
            .map_err(|e| e.to_string())?;
    for w in &ingested.warnings {
        tracing::warn!("{w}");
    }
    let mut doc = ingested.doc;
    pipeline.process(&mut doc);
    Ok(doc)
}

/// The corpus stage under the corpus lock, then the store write, for a batch; on a failure
/// of the whole batch, each document again on its own. One result per document, in order.
async fn store_documents(
    shared: &Arc<Shared>,
    msgs: &[jetstream::Message],
    docs: Vec<Document>,
    report: &mut WorkerReport,
) -> Result<Vec<Processed>, QueueError> {
    if docs.len() == 1 {
        return store_batch(shared, msgs, docs, report).await;
    }
    // Keep a copy to retry one by one: the corpus stage changes documents in place.
    let copies = docs.clone();
    let together = store_batch(shared, msgs, docs, report).await?;
    if together.iter().all(Result::is_ok) {
        return Ok(together);
    }
    tracing::warn!(
        documents = copies.len(),
        "storing the batch failed; trying its documents one by one"
    );
    let mut out = Vec::with_capacity(copies.len());
    for (msg, doc) in msgs.iter().zip(copies) {
        let mut one = store_batch(shared, std::slice::from_ref(msg), vec![doc], report).await?;
        out.push(
            one.pop()
                .unwrap_or_else(|| Err("no result for the document".to_owned())),
        );
    }
    Ok(out)
}

/// The corpus stage and the write of `docs` (all succeed or all fail).
async fn store_batch(
    shared: &Arc<Shared>,
    msgs: &[jetstream::Message],
    docs: Vec<Document>,
    report: &mut WorkerReport,
) -> Result<Vec<Processed>, QueueError> {
    let n = docs.len();
    let all_failed = |e: String| (0..n).map(|_| Err(e.clone())).collect::<Vec<Processed>>();
    // Read what other workers stored meanwhile before taking the lock, so the locked step only
    // reads what is written in between (a failure here is retried under the lock).
    let catching_up = Instant::now();
    let job_shared = Arc::clone(shared);
    let caught_up = with_progress(shared, msgs, None, move || {
        let mut corpus = job_shared
            .corpus
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        corpus.catch_up(job_shared.store.as_ref())
    })
    .await?;
    if let Err(e) = caught_up {
        tracing::warn!(error = %e, "reading the corpus state before the lock failed");
    }
    report.catch_up_seconds += catching_up.elapsed().as_secs_f64();
    // The corpus stage under the lock: it reads and rewrites shared state.
    let waiting = Instant::now();
    let guard = shared.lock.acquire().await?;
    report.lock_wait_seconds += waiting.elapsed().as_secs_f64();
    let started = Instant::now();
    let job_shared = Arc::clone(shared);
    let linked = with_progress(shared, msgs, Some(&guard), move || {
        let mut docs = docs;
        let linked = {
            let mut corpus = job_shared
                .corpus
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            corpus.process_batch_shared(&mut docs, job_shared.store.as_ref())
        };
        linked.map(|()| docs).map_err(|e| e.to_string())
    })
    .await;
    // Release even when the job failed.
    if let Err(e) = shared.lock.release(guard).await {
        tracing::warn!(error = %e, "the corpus lock is released when its lease expires");
    }
    report.corpus_seconds += started.elapsed().as_secs_f64();
    let docs = match linked? {
        Ok(docs) => docs,
        Err(e) => return Ok(all_failed(e)),
    };
    // The document write needs no lock: documents are keyed by content hash.
    let put = Instant::now();
    let job_shared = Arc::clone(shared);
    let result = with_progress(shared, msgs, None, move || {
        match job_shared.store.put_documents(&docs) {
            Err(e) => Err(format!("store: {e}")),
            Ok(outcomes) => Ok(docs
                .into_iter()
                .enumerate()
                .map(|(i, doc)| {
                    let outcome = outcomes.get(i).copied().unwrap_or(PutOutcome::Unchanged);
                    Ok((doc, outcome))
                })
                .collect::<Vec<Processed>>()),
        }
    })
    .await?;
    report.put_seconds += put.elapsed().as_secs_f64();
    report.store_seconds += started.elapsed().as_secs_f64();
    Ok(result.unwrap_or_else(all_failed))
}

/// Publishes a failed document to the dead-letter subject, records it, and removes it from
/// the work queue.
async fn dead_letter(
    shared: &Arc<Shared>,
    msg: &jetstream::Message,
    origin: &str,
    error: &str,
    delivered: i64,
) -> Result<(), QueueError> {
    let q = &shared.config.queue;
    tracing::error!(%origin, delivered, %error, subject = %q.dead_subject, "document dead-lettered");
    let mut headers = async_nats::HeaderMap::new();
    headers.insert(ERROR_HEADER, header_value(error).as_str());
    headers.insert(DELIVERIES_HEADER, delivered.to_string().as_str());
    headers.insert(ORIGIN_HEADER, header_value(origin).as_str());
    if let Some(id) = msg
        .headers
        .as_ref()
        .and_then(|h| h.get(async_nats::header::NATS_MESSAGE_ID))
    {
        // A worker that dies between this publish and the ack does not publish it twice.
        headers.insert(async_nats::header::NATS_MESSAGE_ID, id.as_str());
    }
    shared
        .js
        .publish_with_headers(q.dead_subject.clone(), headers, msg.payload.clone())
        .await
        .map_err(|e| js_err("publishing a dead letter", e))?
        .await
        .map_err(|e| js_err("publishing a dead letter", e))?;
    let store = Arc::clone(&shared.store);
    let failure = InputFailure {
        origin: origin.to_owned(),
        message: format!(
            "{error} (failed {delivered} deliveries; sent to {})",
            q.dead_subject
        ),
    };
    let recorded = tokio::task::spawn_blocking(move || store.put_input_failures(&[failure]))
        .await
        .map_err(|e| QueueError::Task(e.to_string()))?;
    if let Err(e) = recorded {
        tracing::warn!(error = %e, "recording a dead-lettered document in the store failed");
    }
    msg.double_ack()
        .await
        .map_err(|e| js_err("acknowledging a dead letter", e))?;
    Ok(())
}
