//! Publishing documents to the work-queue stream.

use crate::envelope::{self, Format};
use crate::{ORIGIN_HEADER, QueueConfig, QueueError, js_err};
use async_nats::jetstream::{self, consumer, stream};
use sitrep_model::{DocMeta, Document};

/// What happened to one published document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnqueueOutcome {
    /// Stored in the stream at this sequence number.
    Queued(u64),
    /// The server already had a message with this id (same content) within its duplicate
    /// window and dropped this one.
    Duplicate,
}

/// A connection that publishes documents to the work queue.
#[derive(Debug)]
pub struct Enqueuer {
    js: jetstream::Context,
    config: QueueConfig,
    max_payload: usize,
}

/// Creates the work-queue stream when it does not exist (an existing stream is used as it is).
pub(crate) async fn ensure_work_stream(
    js: &jetstream::Context,
    config: &QueueConfig,
) -> Result<stream::Stream, QueueError> {
    js.get_or_create_stream(stream::Config {
        name: config.stream.clone(),
        subjects: vec![config.subject.clone()],
        retention: stream::RetentionPolicy::WorkQueue,
        storage: stream::StorageType::File,
        duplicate_window: config.duplicate_window,
        ..Default::default()
    })
    .await
    .map_err(|e| js_err(&format!("creating stream {}", config.stream), e))
}

/// Connects to a NATS server.
pub(crate) async fn connect(url: &str) -> Result<async_nats::Client, QueueError> {
    async_nats::ConnectOptions::new()
        .name("sitrep")
        .connect(url)
        .await
        .map_err(|e| QueueError::Connect {
            url: url.to_owned(),
            message: e.to_string(),
        })
}

impl Enqueuer {
    /// Connects and makes sure the work-queue stream exists.
    pub async fn connect(url: &str, config: QueueConfig) -> Result<Self, QueueError> {
        let client = connect(url).await?;
        let max_payload = client.server_info().max_payload;
        let js = jetstream::new(client);
        ensure_work_stream(&js, &config).await?;
        Ok(Self {
            js,
            config,
            max_payload,
        })
    }

    /// The largest message the server accepts, in bytes.
    pub fn max_payload(&self) -> usize {
        self.max_payload
    }

    /// Publishes an ingested document: its raw bytes, format and metadata. The worker ingests
    /// the bytes again, so the message id (its content hash) names the same document there.
    pub async fn publish_document(&self, doc: &Document) -> Result<EnqueueOutcome, QueueError> {
        let format = if doc.meta.media_type.contains("html") {
            Format::Html
        } else {
            Format::Text
        };
        let mut meta = doc.meta.clone();
        // Filled again by ingest on the worker.
        meta.id.clear();
        self.publish_raw(format, &meta, doc.raw(), doc.id()).await
    }

    /// Publishes raw input under a message id (normally the document's content hash).
    /// Messages larger than the server's `max_payload` are refused with
    /// [`QueueError::TooLarge`].
    pub async fn publish_raw(
        &self,
        format: Format,
        meta: &DocMeta,
        raw: &[u8],
        msg_id: &str,
    ) -> Result<EnqueueOutcome, QueueError> {
        let origin = meta.origin.clone().unwrap_or_else(|| msg_id.to_owned());
        let payload = envelope::encode(format, meta, raw)?;
        let mut headers = async_nats::HeaderMap::new();
        headers.insert(async_nats::header::NATS_MESSAGE_ID, msg_id);
        headers.insert(ORIGIN_HEADER, header_value(&origin).as_str());
        // Headers travel in the same frame as the payload.
        let size = payload.len() + msg_id.len() + origin.len() + 64;
        if size > self.max_payload {
            return Err(QueueError::TooLarge {
                origin,
                size,
                limit: self.max_payload,
            });
        }
        let ack = self
            .js
            .publish_with_headers(self.config.subject.clone(), headers, payload.into())
            .await
            .map_err(|e| js_err(&format!("publishing {origin}"), e))?
            .await
            .map_err(|e| js_err(&format!("publishing {origin}"), e))?;
        Ok(if ack.duplicate {
            EnqueueOutcome::Duplicate
        } else {
            EnqueueOutcome::Queued(ack.sequence)
        })
    }

    /// Messages waiting in the work-queue stream (published and not yet acknowledged).
    pub async fn pending(&self) -> Result<u64, QueueError> {
        Ok(self.state().await?.messages)
    }

    /// The state of the queue: messages in the stream, and the workers' consumer.
    pub async fn state(&self) -> Result<QueueState, QueueError> {
        let stream = self
            .js
            .get_stream(&self.config.stream)
            .await
            .map_err(|e| js_err("reading stream", e))?;
        let info = stream
            .get_info()
            .await
            .map_err(|e| js_err("reading stream", e))?;
        let mut state = QueueState {
            messages: info.state.messages,
            ..QueueState::default()
        };
        let consumer: Result<consumer::PullConsumer, _> =
            stream.get_consumer(&self.config.consumer).await;
        if let Ok(c) = consumer {
            let ci = c
                .get_info()
                .await
                .map_err(|e| js_err("reading consumer", e))?;
            state.ack_pending = ci.num_ack_pending as u64;
            state.redelivered = ci.num_redelivered as u64;
        }
        Ok(state)
    }

    /// The dead letters stored so far (at most `max`), oldest first.
    pub async fn dead_letters(&self, max: usize) -> Result<Vec<DeadLetter>, QueueError> {
        let name = match self
            .js
            .stream_by_subject(self.config.dead_subject.clone())
            .await
        {
            Ok(name) => name,
            Err(_) => self.config.dead_stream(),
        };
        let stream = self
            .js
            .get_stream(&name)
            .await
            .map_err(|e| js_err(&format!("reading stream {name}"), e))?;
        let info = stream
            .get_info()
            .await
            .map_err(|e| js_err(&format!("reading stream {name}"), e))?;
        let mut out = Vec::new();
        if info.state.messages == 0 {
            return Ok(out);
        }
        for seq in info.state.first_sequence..=info.state.last_sequence {
            if out.len() >= max {
                break;
            }
            let Ok(m) = stream.get_raw_message(seq).await else {
                continue;
            };
            let header = |k: &str| {
                m.headers
                    .get(k)
                    .map(|v| v.as_str().to_owned())
                    .unwrap_or_default()
            };
            out.push(DeadLetter {
                origin: header(ORIGIN_HEADER),
                error: header(crate::ERROR_HEADER),
                deliveries: header(crate::DELIVERIES_HEADER).parse().unwrap_or(0),
                payload: m.payload.to_vec(),
            });
        }
        Ok(out)
    }
}

/// Counts describing the work queue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueState {
    /// Messages in the stream (not yet acknowledged).
    pub messages: u64,
    /// Messages delivered to a worker and not yet acknowledged.
    pub ack_pending: u64,
    /// Messages delivered more than once and not yet acknowledged.
    pub redelivered: u64,
}

/// A document that failed `max_deliver` times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    /// Where the document came from.
    pub origin: String,
    /// The last error.
    pub error: String,
    /// How often it was delivered.
    pub deliveries: u32,
    /// The original message (see [`envelope`](crate::envelope)).
    pub payload: Vec<u8>,
}

/// A header value: printable ASCII only (other bytes escaped), at most 512 bytes.
pub(crate) fn header_value(s: &str) -> String {
    let mut out: String = s.escape_default().collect();
    if out.len() > 512 {
        let mut cut = 509;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push_str("...");
    }
    out
}
