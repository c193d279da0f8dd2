//! One function per subcommand.

use crate::run::{Summary, run_inputs};
use crate::stages::load_pipeline;
use crate::{EvalTask, InputArgs, InputFormatArg, OutputFormat};
use anyhow::Context as _;
use sitrep_store::Store;
use sitrep_store_sqlite::SqliteStore;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn exit_code(summary: &Summary) -> ExitCode {
    if summary.has_failures() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn open_store(db: &Path) -> anyhow::Result<SqliteStore> {
    SqliteStore::open(db).with_context(|| format!("opening database {}", db.display()))
}

fn open_existing_store(db: &Path) -> anyhow::Result<SqliteStore> {
    anyhow::ensure!(
        db.exists(),
        "database {} does not exist; create it with `sitrep ingest PATH --db {}`",
        db.display(),
        db.display()
    );
    open_store(db)
}

/// `sitrep extract`: annotate and print JSON, no database.
pub fn extract(input: &InputArgs, format: OutputFormat, quiet: bool) -> anyhow::Result<ExitCode> {
    let mut pipeline = load_pipeline(input.config.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let summary = run_inputs(input, &mut pipeline, quiet, |docs, _| {
        for doc in docs.iter() {
            let value = doc
                .to_json()
                .with_context(|| format!("serialising {}", doc.id()))?;
            match format {
                OutputFormat::Json => serde_json::to_writer_pretty(&mut out, &value)?,
                OutputFormat::Jsonl => serde_json::to_writer(&mut out, &value)?,
            }
            out.write_all(b"\n")?;
        }
        out.flush()?;
        Ok(())
    })?;
    let report = summary.failure_report();
    if !report.is_empty() {
        eprint!("{report}");
    }
    Ok(exit_code(&summary))
}

fn print_ingest_summary(summary: &Summary) {
    let mb = summary.text_bytes as f64 / 1e6;
    println!(
        "{} documents ({} new, {} updated, {} unchanged), {:.2} MB of text in {:.2}s",
        summary.documents,
        summary.inserted,
        summary.updated,
        summary.unchanged,
        mb,
        summary.seconds
    );
    if summary.warnings > 0 {
        println!(
            "{} warning(s) about metadata; run with -v to see them on stderr",
            summary.warnings
        );
    }
    let report = summary.failure_report();
    if !report.is_empty() {
        print!("{report}");
    }
}

fn ingest_into(input: &InputArgs, store: &SqliteStore, quiet: bool) -> anyhow::Result<Summary> {
    let mut pipeline = load_pipeline(input.config.as_deref())?;
    let summary = run_inputs(input, &mut pipeline, quiet, |docs, summary| {
        let outcomes = store.put_documents(docs)?;
        summary.count_outcomes(&outcomes);
        Ok(())
    })?;
    store.put_input_failures(&summary.input_failures)?;
    Ok(summary)
}

/// `sitrep ingest`: annotate and store.
pub fn ingest(input: &InputArgs, db: &Path, quiet: bool) -> anyhow::Result<ExitCode> {
    let store = open_store(db)?;
    let summary = ingest_into(input, &store, quiet)?;
    print_ingest_summary(&summary);
    Ok(exit_code(&summary))
}

/// `sitrep search`.
pub fn search(query: &str, db: &Path, limit: u64, json: bool) -> anyhow::Result<ExitCode> {
    let store = open_existing_store(db)?;
    let hits = store.search(query, limit)?;
    for hit in &hits {
        if json {
            println!("{}", serde_json::to_string(hit)?);
        } else {
            let d = &hit.doc;
            println!(
                "{}  {}  {}",
                d.id,
                d.published.as_deref().unwrap_or("----------"),
                d.title
                    .as_deref()
                    .or(d.origin.as_deref())
                    .unwrap_or("(untitled)")
            );
            println!("    {}", hit.snippet.replace('\n', " "));
        }
    }
    if !json {
        println!("{} hit(s)", hits.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_stats(stats: &sitrep_store::StoreStats) {
    println!("documents        {}", stats.documents);
    println!("failed documents {}", stats.failed_documents);
    println!("input failures   {}", stats.input_failures);
    println!("text             {:.2} MB", stats.text_bytes as f64 / 1e6);
    for (layer, n) in &stats.layers {
        println!("{layer:<16} {n}");
    }
}

/// `sitrep stats`.
pub fn stats(db: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let store = open_existing_store(db)?;
    let stats = store.stats()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
    } else {
        print_stats(&stats);
    }
    Ok(ExitCode::SUCCESS)
}

/// `sitrep show`.
pub fn show(id: &str, db: &Path) -> anyhow::Result<ExitCode> {
    let store = open_existing_store(db)?;
    match store.get_document(id)? {
        Some(doc) => {
            println!("{}", serde_json::to_string_pretty(&doc.to_json()?)?);
            Ok(ExitCode::SUCCESS)
        }
        None => anyhow::bail!("no document with id {id} in {}", db.display()),
    }
}

fn find_examples(explicit: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(p) = explicit {
        anyhow::ensure!(p.is_dir(), "examples folder {} not found", p.display());
        return Ok(p);
    }
    let local = PathBuf::from("examples");
    if local.join("kursk").is_dir() {
        return Ok(local);
    }
    let beside_source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    anyhow::ensure!(
        beside_source.join("kursk").is_dir(),
        "no examples folder: run from the repository root or pass --examples DIR"
    );
    Ok(beside_source)
}

/// `sitrep demo`: ingest the bundled examples and summarise.
pub fn demo(db: &Path, examples: Option<PathBuf>, quiet: bool) -> anyhow::Result<ExitCode> {
    let examples = find_examples(examples)?;
    let store = open_store(db)?;
    println!(
        "sitrep demo: ingesting {} into {}",
        examples.display(),
        db.display()
    );
    let input = InputArgs {
        paths: vec![examples],
        published: None,
        input_format: InputFormatArg::Auto,
        config: None,
    };
    let summary = ingest_into(&input, &store, quiet)?;
    print_ingest_summary(&summary);

    println!("\nWhat the store holds now:");
    print_stats(&store.stats()?);

    println!("\nNewest documents:");
    for d in store.list_documents(0, 5)? {
        let doc = store.get_document(&d.id)?;
        let sentences = doc.as_ref().map_or(0, |d| d.sentences.len());
        println!(
            "  {}  {}  {} ({} sentences)",
            d.id,
            d.published.as_deref().unwrap_or("----------"),
            d.title.as_deref().unwrap_or("(untitled)"),
            sentences
        );
    }
    let query = "North Korean soldiers";
    let hits = store.search(query, 3)?;
    println!("\nSearch \"{query}\": {} hit(s)", hits.len());
    for hit in hits {
        println!("  {}  {}", hit.doc.id, hit.snippet.replace('\n', " "));
    }
    println!(
        "\nNext: `sitrep search QUERY`, `sitrep show ID`, `sitrep extract examples/kursk/article.txt`"
    );
    Ok(exit_code(&summary))
}

/// `sitrep eval`.
pub fn eval(task: EvalTask, gold: &Path) -> anyhow::Result<ExitCode> {
    let report = match task {
        EvalTask::Sentences => sitrep_eval::sentences::evaluate(gold)?,
        EvalTask::Timex => sitrep_eval::timex::evaluate(gold)?,
    };
    print!("{}", report.render());
    Ok(ExitCode::SUCCESS)
}
