//! `sitrep enqueue` and `sitrep worker`: the NATS JetStream work queue (crate `sitrep_worker`).

use crate::run::ingest_config;
use crate::stages::load_pipeline;
use crate::{InputArgs, InputFormatArg};
use anyhow::Context as _;
use sitrep_store::Store;
use sitrep_worker::{EnqueueOutcome, Enqueuer, QueueConfig, QueueError, Worker, WorkerConfig};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// Where the queue lives.
#[derive(Debug, clap::Args)]
pub struct QueueArgs {
    /// NATS server URL (JetStream enabled), e.g. nats://127.0.0.1:4222.
    #[arg(long)]
    pub nats: String,
    /// Work-queue stream name.
    #[arg(long, default_value = "SITREP")]
    pub stream: String,
    /// Subject documents are published on.
    #[arg(long, default_value = "sitrep.docs")]
    pub subject: String,
    /// Subject failed documents are published on (stream `<STREAM>_DEAD`).
    #[arg(long, default_value = "sitrep.dead")]
    pub dead_subject: String,
    /// Durable consumer shared by all workers.
    #[arg(long, default_value = "sitrep-workers")]
    pub consumer: String,
}

impl QueueArgs {
    fn config(&self) -> QueueConfig {
        QueueConfig {
            stream: self.stream.clone(),
            subject: self.subject.clone(),
            dead_subject: self.dead_subject.clone(),
            consumer: self.consumer.clone(),
            ..QueueConfig::default()
        }
    }
}

/// Options of `sitrep worker`.
#[derive(Debug, clap::Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub queue: QueueArgs,
    /// PostgreSQL store URL (postgres://user@host:port/db), shared by all workers.
    #[arg(long, conflicts_with = "db", required_unless_present = "db")]
    pub postgres: Option<String>,
    /// PostgreSQL schema holding the store (default: the connection's, `public`).
    #[arg(long, requires = "postgres")]
    pub postgres_schema: Option<String>,
    /// SQLite database file instead of PostgreSQL (workers on one machine only).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Deliveries after which a failing document goes to the dead-letter subject.
    #[arg(long, default_value_t = 5)]
    pub max_deliver: u32,
    /// Documents processed at once by this worker.
    #[arg(long, default_value_t = 1)]
    pub concurrency: usize,
    /// Most documents taken from the queue at once; they pass the corpus lock and the store
    /// write together. A batch takes what is waiting and never waits to fill up.
    #[arg(long, default_value_t = 64)]
    pub batch: usize,
    /// Seconds before the server redelivers a crashed worker's document (and the corpus
    /// lock's lease).
    #[arg(long, default_value_t = 30.0)]
    pub ack_wait: f64,
    /// Seconds before a failed document is delivered again.
    #[arg(long, default_value_t = 5.0)]
    pub retry_delay: f64,
    /// Exit after this many seconds without a document (default: run until SIGTERM/SIGINT).
    #[arg(long)]
    pub idle_exit: Option<f64>,
    /// Pipeline configuration (TOML); default: the built-in pipeline.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Print the worker's report as one JSON line on exit.
    #[arg(long)]
    pub json: bool,
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// `sitrep enqueue`: publish documents to the work queue.
pub fn enqueue(
    paths: Vec<PathBuf>,
    published: Option<chrono::NaiveDate>,
    input_format: InputFormatArg,
    queue: &QueueArgs,
) -> anyhow::Result<ExitCode> {
    let input = InputArgs {
        paths,
        published,
        input_format,
        html_mode: crate::HtmlModeArg::Article,
        config: None,
    };
    let config = ingest_config(&input);
    let rt = runtime()?;
    rt.block_on(async {
        let enqueuer = Enqueuer::connect(&queue.nats, queue.config()).await?;
        let (mut queued, mut duplicates, mut failed) = (0u64, 0u64, 0u64);
        for item in sitrep_ingest::read_inputs(&input.paths, &config) {
            let ingested = match item {
                Ok(i) => i,
                Err(e) => {
                    eprintln!("error: {e}");
                    failed += 1;
                    continue;
                }
            };
            match enqueuer.publish_document(&ingested.doc).await {
                Ok(EnqueueOutcome::Queued(_)) => queued += 1,
                Ok(EnqueueOutcome::Duplicate) => duplicates += 1,
                Err(e @ QueueError::TooLarge { .. }) => {
                    eprintln!("error: {e}");
                    failed += 1;
                }
                Err(e) => return Err(anyhow::Error::new(e)),
            }
        }
        println!(
            "{queued} document(s) queued on {} (stream {}), {duplicates} already queued (same content), {failed} refused",
            queue.subject, queue.stream
        );
        Ok(if failed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    })
}

fn open_store(args: &WorkerArgs) -> anyhow::Result<Arc<dyn Store>> {
    if let Some(url) = &args.postgres {
        let options = sitrep_store_postgres::PgOptions {
            schema: args.postgres_schema.clone(),
            ..Default::default()
        };
        let store = sitrep_store_postgres::PgStore::open_with(url, &options)
            .with_context(|| "opening the PostgreSQL store".to_owned())?;
        return Ok(Arc::new(store));
    }
    let db = args.db.as_deref().unwrap_or(Path::new("sitrep.db"));
    let store = sitrep_store_sqlite::SqliteStore::open(db)
        .with_context(|| format!("opening database {}", db.display()))?;
    Ok(Arc::new(store))
}

fn seconds(s: f64, what: &str) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(s).with_context(|| format!("{what}: {s} is not a duration"))
}

/// `sitrep worker`: process documents from the work queue until SIGTERM/SIGINT.
pub fn worker(args: &WorkerArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let store = open_store(args)?;
    let concurrency = args.concurrency.max(1);
    let pipelines = (0..concurrency)
        .map(|_| load_pipeline(args.config.as_deref()))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let corpus = crate::commands::corpus_stage();
    let config = WorkerConfig {
        queue: args.queue.config(),
        ack_wait: seconds(args.ack_wait, "--ack-wait")?,
        max_deliver: args.max_deliver.max(1),
        retry_delay: seconds(args.retry_delay, "--retry-delay")?,
        concurrency,
        batch: args.batch.max(1),
        idle_exit: args
            .idle_exit
            .map(|s| seconds(s, "--idle-exit"))
            .transpose()?,
        ingest: Default::default(),
    };
    // The PostgreSQL client must not be dropped on an async thread: this handle outlives the
    // runtime, so the store is closed here, after it.
    let keep_store = Arc::clone(&store);
    let rt = runtime()?;
    let report = rt.block_on(async {
        let worker = Worker::connect(&args.queue.nats, config, pipelines, corpus, store).await?;
        let (tx, rx) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            wait_for_signal().await;
            tracing::info!("shutting down: finishing the documents in hand");
            let _ = tx.send(true);
        });
        if !quiet {
            eprintln!(
                "worker: pulling from {} (stream {}); SIGTERM or Ctrl-C stops after the documents in hand",
                args.queue.subject, args.queue.stream
            );
        }
        worker.run(rx).await
    });
    drop(rt);
    drop(keep_store);
    let report = report?;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        println!(
            "{} document(s) stored ({} new, {} updated, {} unchanged; {} with a failed stage), {} retried, {} dead-lettered",
            report.documents,
            report.inserted,
            report.updated,
            report.unchanged,
            report.failed_stage,
            report.retried,
            report.dead_lettered
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Resolves on SIGTERM or SIGINT.
async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
