//! A lease-based lock held in JetStream, serialising the corpus stage across workers.
//!
//! The lock is one token message in a one-message stream, read through a durable pull
//! consumer with `max_ack_pending = 1`: the server hands the token to one waiter at a time.
//! Releasing is a negative acknowledgement without delay (the next waiter gets it at once);
//! a holder that dies never acknowledges, and the server hands the token on after the
//! consumer's `ack_wait` (the lease). Holders extend the lease with progress acks while they
//! work. Only streams and pull consumers are used, so nats-server 2.9 serves it.

use crate::{QueueConfig, QueueError, js_err};
use async_nats::jetstream::{self, AckKind, consumer, stream};
use futures_util::StreamExt as _;
use std::time::Duration;

/// Name of the lock's durable consumer.
const LOCK_CONSUMER: &str = "corpus-lock";
/// Message id of the token, so two workers starting at once publish it once.
const TOKEN_ID: &str = "sitrep-corpus-lock-token";

/// The corpus lock (see the module documentation).
#[derive(Debug)]
pub struct CorpusLock {
    consumer: consumer::PullConsumer,
}

/// The lock while held; give it back with [`CorpusLock::release`].
#[derive(Debug)]
pub struct LockGuard {
    token: jetstream::Message,
}

impl LockGuard {
    /// Extends the lease by another `ack_wait`.
    pub async fn extend(&self) {
        if let Err(e) = self.token.ack_with(AckKind::Progress).await {
            tracing::warn!(error = %e, "extending the corpus lock lease failed");
        }
    }
}

impl CorpusLock {
    /// Creates the lock's stream, token and consumer when missing. `lease` is how long a
    /// crashed holder blocks the others.
    pub async fn setup(
        js: &jetstream::Context,
        config: &QueueConfig,
        lease: Duration,
    ) -> Result<Self, QueueError> {
        let name = config.lock_stream();
        let stream = js
            .get_or_create_stream(stream::Config {
                name: name.clone(),
                subjects: vec![config.lock_subject()],
                max_messages: 1,
                discard: stream::DiscardPolicy::New,
                storage: stream::StorageType::File,
                ..Default::default()
            })
            .await
            .map_err(|e| js_err(&format!("creating stream {name}"), e))?;
        let info = stream
            .get_info()
            .await
            .map_err(|e| js_err(&format!("reading stream {name}"), e))?;
        if info.state.messages == 0 {
            let mut headers = async_nats::HeaderMap::new();
            headers.insert(async_nats::header::NATS_MESSAGE_ID, TOKEN_ID);
            // A concurrent worker may have published it first: the stream then refuses this
            // one (one message at most, discard new) or drops it as a duplicate.
            match js
                .publish_with_headers(config.lock_subject(), headers, "token".into())
                .await
            {
                Ok(ack) => {
                    if let Err(e) = ack.await {
                        tracing::debug!(error = %e, "lock token already present");
                    }
                }
                Err(e) => tracing::debug!(error = %e, "lock token already present"),
            }
        }
        let consumer = stream
            .get_or_create_consumer(
                LOCK_CONSUMER,
                consumer::pull::Config {
                    durable_name: Some(LOCK_CONSUMER.to_owned()),
                    ack_policy: consumer::AckPolicy::Explicit,
                    ack_wait: lease,
                    max_ack_pending: 1,
                    max_deliver: -1,
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| js_err("creating the corpus lock consumer", e))?;
        Ok(Self { consumer })
    }

    /// Waits for the lock.
    pub async fn acquire(&self) -> Result<LockGuard, QueueError> {
        let mut waited = 0u32;
        loop {
            let mut batch = self
                .consumer
                .batch()
                .max_messages(1)
                .expires(Duration::from_secs(10))
                .messages()
                .await
                .map_err(|e| js_err("waiting for the corpus lock", e))?;
            if let Some(next) = batch.next().await {
                let token = next.map_err(|e| js_err("waiting for the corpus lock", e))?;
                return Ok(LockGuard { token });
            }
            waited += 1;
            tracing::info!(
                seconds = waited * 10,
                "still waiting for the corpus lock (a crashed holder's lease must expire)"
            );
        }
    }

    /// Gives the lock back.
    pub async fn release(&self, guard: LockGuard) -> Result<(), QueueError> {
        guard
            .token
            .ack_with(AckKind::Nak(None))
            .await
            .map_err(|e| js_err("releasing the corpus lock", e))
    }
}
