//! Scale-out for sitrep on NATS JetStream: [`Enqueuer`] publishes documents to a work-queue
//! stream, and any number of [`Worker`]s (processes, machines) pull them with one durable
//! consumer, run the pipeline, write to a shared [`Store`](sitrep_store::Store) and only then
//! acknowledge.
//!
//! - **What travels**: the raw input of each document (bytes, format, metadata with its origin
//!   path), framed by [`envelope`]; the worker runs ingest itself. The message id
//!   (`Nats-Msg-Id`) is the document's content hash, so the server drops a re-enqueued copy
//!   within the stream's duplicate window (and the store keeps one row per content hash after
//!   it).
//! - **Delivery**: explicit acks; a worker sends progress acks while it works, so only a dead
//!   worker's message is redelivered (after `ack_wait`). A document that fails is negatively
//!   acknowledged with a delay; at its `max_deliver`-th delivery it is published to the
//!   dead-letter subject with the error in the `Sitrep-Error` header, recorded as an input
//!   failure in the store, and terminated.
//! - **Corpus stage across workers**: near-duplicate links and event clusters are
//!   read-modify-write state in the store. Workers serialise that step (the CPU-heavy stages
//!   and the document write run outside it) with a lease held in JetStream
//!   ([`CorpusLock`]): a one-message stream and a consumer with `max_ack_pending = 1`; whoever
//!   holds the message holds the lock, a crashed holder's lease ends after `ack_wait`. Under
//!   it the stage reads the clusters each event could join back from the store
//!   ([`CorpusLinkStage::process_batch_shared`](sitrep_corpus::CorpusLinkStage::process_batch_shared)).
//! - **Shutdown**: when the shutdown signal fires, workers stop fetching, finish and
//!   acknowledge the documents in hand, and return.

mod enqueue;
pub mod envelope;
mod lock;
mod worker;

pub use enqueue::{DeadLetter, EnqueueOutcome, Enqueuer, QueueState};
pub use lock::CorpusLock;
pub use worker::{Worker, WorkerConfig, WorkerReport};

use std::time::Duration;

/// Names and limits of the JetStream objects the queue uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueConfig {
    /// Work-queue stream holding documents to process.
    pub stream: String,
    /// Subject documents are published on.
    pub subject: String,
    /// Subject failed documents are published on (captured by the stream `<stream>_DEAD`).
    pub dead_subject: String,
    /// Durable consumer shared by all workers.
    pub consumer: String,
    /// Window in which the server drops a document published twice (same content hash).
    pub duplicate_window: Duration,
}

impl Default for QueueConfig {
    fn default() -> Self {
        Self {
            stream: "SITREP".to_owned(),
            subject: "sitrep.docs".to_owned(),
            dead_subject: "sitrep.dead".to_owned(),
            consumer: "sitrep-workers".to_owned(),
            duplicate_window: Duration::from_secs(3600),
        }
    }
}

impl QueueConfig {
    /// The stream capturing dead letters.
    pub fn dead_stream(&self) -> String {
        format!("{}_DEAD", self.stream)
    }

    /// The one-message stream holding the corpus lock token.
    pub fn lock_stream(&self) -> String {
        format!("{}_LOCK", self.stream)
    }

    /// The subject of the corpus lock token.
    pub fn lock_subject(&self) -> String {
        format!("{}.lock", self.subject)
    }
}

/// Header carrying the error of a dead letter.
pub const ERROR_HEADER: &str = "Sitrep-Error";
/// Header carrying the number of deliveries of a dead letter.
pub const DELIVERIES_HEADER: &str = "Sitrep-Deliveries";
/// Header carrying the document's origin (path) on enqueued messages and dead letters.
pub const ORIGIN_HEADER: &str = "Sitrep-Origin";

/// Errors of the queue.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    /// Connecting to the NATS server failed.
    #[error("connecting to NATS at {url}: {message}")]
    Connect {
        /// Server URL.
        url: String,
        /// Why.
        message: String,
    },
    /// A JetStream request (stream, consumer, publish, fetch, ack) failed.
    #[error("JetStream {what}: {message}")]
    JetStream {
        /// What was being done.
        what: String,
        /// Why it failed.
        message: String,
    },
    /// A document is larger than the server accepts.
    #[error(
        "{origin}: document of {size} bytes (with its envelope) exceeds the NATS server's max_payload of {limit} bytes; raise max_payload in the server configuration or split the document"
    )]
    TooLarge {
        /// Where the document came from.
        origin: String,
        /// Message size in bytes.
        size: usize,
        /// The server's limit in bytes.
        limit: usize,
    },
    /// A message could not be decoded.
    #[error("malformed message: {0}")]
    Envelope(String),
    /// The store failed.
    #[error("store: {0}")]
    Store(#[from] sitrep_store::StoreError),
    /// A blocking task died.
    #[error("worker task: {0}")]
    Task(String),
}

pub(crate) fn js_err(what: &str, e: impl std::fmt::Display) -> QueueError {
    QueueError::JetStream {
        what: what.to_owned(),
        message: e.to_string(),
    }
}
