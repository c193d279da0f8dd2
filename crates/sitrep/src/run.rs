//! The batch loop shared by `extract`, `ingest` and `demo`: read inputs, annotate them in
//! parallel batches, hand each batch to a sink, and keep going past bad documents.

use crate::{InputArgs, InputFormatArg};
use indicatif::{ProgressBar, ProgressStyle};
use sitrep_ingest::{IngestConfig, InputFormat};
use sitrep_model::Document;
use sitrep_pipeline::{CorpusStage, Pipeline};
use sitrep_store::{InputFailure, PutOutcome, Store};
use std::io::IsTerminal as _;
use std::time::Instant;

/// Documents per parallel batch.
const BATCH_DOCS: usize = 64;
/// Text bytes per parallel batch.
const BATCH_BYTES: usize = 16 << 20;

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Documents read and annotated.
    pub documents: usize,
    /// Documents on which a stage failed.
    pub failed_documents: Vec<(String, String)>,
    /// Inputs that did not become documents.
    pub input_failures: Vec<InputFailure>,
    /// Ingest warnings (bad metadata values and the like).
    pub warnings: usize,
    /// Text bytes processed.
    pub text_bytes: u64,
    /// Store outcomes.
    pub inserted: usize,
    /// Store outcomes.
    pub updated: usize,
    /// Store outcomes.
    pub unchanged: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl Summary {
    /// True when anything failed.
    pub fn has_failures(&self) -> bool {
        !self.failed_documents.is_empty() || !self.input_failures.is_empty()
    }

    /// Counts store outcomes.
    pub fn count_outcomes(&mut self, outcomes: &[PutOutcome]) {
        for o in outcomes {
            match o {
                PutOutcome::Inserted => self.inserted += 1,
                PutOutcome::Updated => self.updated += 1,
                PutOutcome::Unchanged => self.unchanged += 1,
            }
        }
    }

    /// The failure report printed at the end of a run (empty when nothing failed).
    pub fn failure_report(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        const SHOW: usize = 20;
        if !self.input_failures.is_empty() {
            let _ = writeln!(
                out,
                "{} input(s) could not be read:",
                self.input_failures.len()
            );
            for f in self.input_failures.iter().take(SHOW) {
                let _ = writeln!(out, "  {}", f.message);
            }
            if self.input_failures.len() > SHOW {
                let _ = writeln!(out, "  ... and {} more", self.input_failures.len() - SHOW);
            }
        }
        if !self.failed_documents.is_empty() {
            let _ = writeln!(
                out,
                "{} document(s) failed a stage:",
                self.failed_documents.len()
            );
            for (origin, message) in self.failed_documents.iter().take(SHOW) {
                let _ = writeln!(out, "  {origin}: {message}");
            }
            if self.failed_documents.len() > SHOW {
                let _ = writeln!(out, "  ... and {} more", self.failed_documents.len() - SHOW);
            }
        }
        out
    }
}

pub fn ingest_config(input: &InputArgs) -> IngestConfig {
    IngestConfig {
        format: match input.input_format {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Html => InputFormat::Html,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
            InputFormatArg::Feed => InputFormat::Feed,
            InputFormatArg::Warc => InputFormat::Warc,
        },
        published: input.published,
        html_mode: match input.html_mode {
            crate::HtmlModeArg::Article => sitrep_ingest::HtmlMode::Article,
            crate::HtmlModeArg::Full => sitrep_ingest::HtmlMode::Full,
        },
        ..IngestConfig::default()
    }
}

fn progress_bar(quiet: bool) -> Option<ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new_spinner();
    let style = ProgressStyle::with_template("{spinner} {pos} documents {msg} [{elapsed}]")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    Some(bar)
}

/// Reads the inputs, runs the pipeline on batches, then the corpus stage (when given, with
/// the store that keeps its state), and passes each finished batch to `sink`.
pub fn run_inputs(
    input: &InputArgs,
    pipeline: &mut Pipeline,
    quiet: bool,
    mut corpus: Option<(&mut dyn CorpusStage, &dyn Store)>,
    mut sink: impl FnMut(&mut [Document], &mut Summary) -> anyhow::Result<()>,
) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let config = ingest_config(input);
    let mut summary = Summary::default();
    let bar = progress_bar(quiet);
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH_DOCS);
    let mut batch_bytes = 0usize;

    let mut flush = |batch: &mut Vec<Document>,
                     summary: &mut Summary,
                     pipeline: &mut Pipeline|
     -> anyhow::Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        pipeline.process_batch(batch);
        if let Some((stage, store)) = corpus.as_mut()
            && let Err(e) = stage.process_batch(batch, *store)
        {
            // The documents are still stored, without links.
            tracing::warn!(stage = stage.name(), error = %e, "corpus stage failed on a batch");
        }
        for doc in batch.iter() {
            summary.documents += 1;
            summary.text_bytes += doc.text().len() as u64;
            if let Some(f) = doc.failures.first() {
                let origin = doc
                    .meta
                    .origin
                    .clone()
                    .unwrap_or_else(|| doc.id().to_owned());
                summary
                    .failed_documents
                    .push((origin, format!("{}: {}", f.stage, f.message)));
            }
        }
        sink(batch, summary)?;
        if let Some(bar) = &bar {
            bar.set_position(summary.documents as u64);
            let mb = summary.text_bytes as f64 / 1e6;
            let failed = summary.failed_documents.len() + summary.input_failures.len();
            bar.set_message(format!("{mb:.1} MB, {failed} failed"));
        }
        batch.clear();
        Ok(())
    };

    for item in sitrep_ingest::read_inputs(&input.paths, &config) {
        match item {
            Ok(ingested) => {
                for w in &ingested.warnings {
                    tracing::warn!("{w}");
                }
                summary.warnings += ingested.warnings.len();
                batch_bytes += ingested.doc.text().len();
                batch.push(ingested.doc);
                if batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
                    flush(&mut batch, &mut summary, pipeline)?;
                    batch_bytes = 0;
                }
            }
            Err(e) => {
                tracing::warn!("{e}");
                summary.input_failures.push(InputFailure {
                    origin: e.location(),
                    message: e.to_string(),
                });
            }
        }
    }
    flush(&mut batch, &mut summary, pipeline)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}
