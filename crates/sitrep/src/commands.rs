//! One function per subcommand.

use crate::run::{Summary, run_inputs};
use crate::stages::load_pipeline;
use crate::{EvalTask, InputArgs, InputFormatArg, OutputFormat};
use anyhow::Context as _;
use sitrep_pipeline::CorpusStage;
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

/// The store to use: PostgreSQL at `postgres` when given, else the SQLite file `db` (which must
/// exist when `must_exist`).
fn open_any(db: &Path, postgres: Option<&str>, must_exist: bool) -> anyhow::Result<Box<dyn Store>> {
    if let Some(url) = postgres {
        // The URL is not echoed: it may hold a password.
        let store =
            sitrep_store_postgres::PgStore::open(url).context("opening PostgreSQL store")?;
        return Ok(Box::new(store));
    }
    Ok(Box::new(if must_exist {
        open_existing_store(db)?
    } else {
        open_store(db)?
    }))
}

/// What a store is, for messages: the database file or "PostgreSQL".
fn store_name(db: &Path, postgres: Option<&str>) -> String {
    match postgres {
        Some(_) => "PostgreSQL".to_owned(),
        None => db.display().to_string(),
    }
}

/// `sitrep extract`: annotate and print JSON, no database.
pub fn extract(input: &InputArgs, format: OutputFormat, quiet: bool) -> anyhow::Result<ExitCode> {
    let mut pipeline = load_pipeline(input.config.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Links among the inputs of this run and stated origins, with a throwaway corpus state.
    let scratch = SqliteStore::open_in_memory()?;
    let mut corpus = corpus_stage();
    let corpus_run = Some((&mut corpus as &mut dyn CorpusStage, &scratch as &dyn Store));
    let summary = run_inputs(input, &mut pipeline, quiet, corpus_run, |docs, _| {
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

/// The corpus stage: near-duplicates, rewrites, stated origins, event clusters.
pub(crate) fn corpus_stage() -> sitrep_corpus::CorpusLinkStage {
    sitrep_corpus::CorpusLinkStage::new("corpus", sitrep_corpus::CorpusConfig::default())
}

fn ingest_into(input: &InputArgs, store: &dyn Store, quiet: bool) -> anyhow::Result<Summary> {
    let mut pipeline = load_pipeline(input.config.as_deref())?;
    let mut corpus = corpus_stage();
    let corpus_run = Some((&mut corpus as &mut dyn CorpusStage, store as &dyn Store));
    let summary = run_inputs(input, &mut pipeline, quiet, corpus_run, |docs, summary| {
        let outcomes = store.put_documents(docs)?;
        summary.count_outcomes(&outcomes);
        Ok(())
    })?;
    store.put_input_failures(&summary.input_failures)?;
    Ok(summary)
}

/// `sitrep ingest`: annotate and store.
pub fn ingest(
    input: &InputArgs,
    db: &Path,
    postgres: Option<&str>,
    quiet: bool,
) -> anyhow::Result<ExitCode> {
    let store = open_any(db, postgres, false)?;
    let summary = ingest_into(input, &*store, quiet)?;
    print_ingest_summary(&summary);
    Ok(exit_code(&summary))
}

/// `sitrep search`.
pub fn search(
    query: &str,
    db: &Path,
    postgres: Option<&str>,
    limit: u64,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let store = open_any(db, postgres, true)?;
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
pub fn stats(db: &Path, postgres: Option<&str>, json: bool) -> anyhow::Result<ExitCode> {
    let store = open_any(db, postgres, true)?;
    let stats = store.stats()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
    } else {
        print_stats(&stats);
    }
    Ok(ExitCode::SUCCESS)
}

/// `sitrep show`.
pub fn show(id: &str, db: &Path, postgres: Option<&str>) -> anyhow::Result<ExitCode> {
    let store = open_any(db, postgres, true)?;
    match store.get_document(id)? {
        Some(doc) => {
            println!("{}", serde_json::to_string_pretty(&doc.to_json()?)?);
            Ok(ExitCode::SUCCESS)
        }
        None => anyhow::bail!("no document with id {id} in {}", store_name(db, postgres)),
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
        html_mode: crate::HtmlModeArg::Article,
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
    let seed = store.list_documents(0, 1000)?.into_iter().find(|d| {
        d.origin
            .as_deref()
            .is_some_and(|o| o.ends_with("kursk/article.txt"))
    });
    if let Some(seed) = seed
        && let Some(doc) = store.get_document(&seed.id)?
    {
        print_reading(&doc);
    }
    let query = "North Korean soldiers";
    let hits = store.search(query, 3)?;
    println!("\nSearch \"{query}\": {} hit(s)", hits.len());
    for hit in hits {
        println!("  {}  {}", hit.doc.id, hit.snippet.replace('\n', " "));
    }
    println!(
        "\nNext: `sitrep search QUERY`, `sitrep show ID`, `sitrep serve --db {}`",
        db.display()
    );
    Ok(exit_code(&summary))
}

/// One line per record: what a reading of the document found, with the evidence text.
fn print_reading(doc: &sitrep_model::Document) {
    let t = |span: sitrep_model::Span| doc.span_text(span).replace('\n', " ");
    let clip = |s: String, n: usize| {
        if s.chars().count() > n {
            format!("{}…", s.chars().take(n).collect::<String>())
        } else {
            s
        }
    };
    println!(
        "\nWhat sitrep read in \"{}\" (published {}):",
        doc.meta.title.as_deref().unwrap_or("(untitled)"),
        doc.meta
            .published
            .map_or("unknown".into(), |d| d.to_string())
    );
    for f in &doc.flags {
        println!(
            "  flag      {:?}: \"{}\" ({})",
            f.kind,
            clip(t(f.span), 60),
            f.reason
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut names = Vec::new();
    for e in &doc.entities {
        if seen.insert(e.cluster) {
            let mut extra = vec![format!("{:?}", e.kind).to_uppercase()];
            extra.extend(e.role.clone());
            extra.extend(e.country.clone());
            names.push(format!("{} ({})", e.canonical, extra.join(", ")));
        }
    }
    println!("  entities  {}", clip(names.join("; "), 400));
    for d in &doc.dates {
        let interval = match (d.start, d.end) {
            (Some(s), Some(e)) if s != e => format!(" = {s}..{e}"),
            _ => String::new(),
        };
        println!("  date      \"{}\" -> {}{interval}", t(d.span), d.value);
    }
    for p in doc.places.iter().filter(|p| p.geonames_id.is_some()) {
        println!(
            "  place     \"{}\" -> {} ({}, {}, {:.2} {:.2})",
            t(p.span),
            p.name,
            p.country.as_deref().unwrap_or("?"),
            p.precision
                .map_or("?".into(), |p| format!("{p:?}").to_lowercase()),
            p.lat.unwrap_or_default(),
            p.lon.unwrap_or_default()
        );
    }
    for q in &doc.quantities {
        println!(
            "  quantity  \"{}\" -> {} {:?} {} ({:?})",
            t(q.span),
            q.value,
            q.bound,
            q.head.as_deref().unwrap_or(""),
            q.category
        );
    }
    for q in &doc.quotes {
        let speaker = q.speaker.as_ref().map_or("?".into(), |s| s.text.clone());
        let hedge = if q.hedged { ", hedged" } else { "" };
        println!(
            "  quote     {speaker} ({:?}{hedge}): \"{}\"",
            q.kind,
            clip(t(q.content), 70)
        );
    }
    const SHOW_EVENTS: usize = 12;
    if doc.events.len() > SHOW_EVENTS {
        println!(
            "  events    {} in all; the first {SHOW_EVENTS}, in text order:",
            doc.events.len()
        );
    }
    for e in doc.events.iter().take(SHOW_EVENTS) {
        let who = |p: &Option<sitrep_model::Participant>| {
            p.as_ref().map_or("-".to_owned(), |p| {
                let code = [p.country.as_deref(), p.sector.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                format!("{} [{code}]", p.text)
            })
        };
        let place = e
            .place
            .and_then(|id| doc.places.iter().find(|p| p.id == id))
            .map_or("-".into(), |p| t(p.span));
        let date = e.date.as_ref().map_or("-".into(), |d| d.value.clone());
        println!(
            "  event     {} \"{}\": {} -> {} at {place} on {date}, {:?}",
            e.event_type,
            t(e.trigger),
            who(&e.actor),
            who(&e.target),
            e.modality
        );
    }
}

/// `sitrep serve`: the web page and the read-only JSON API until Ctrl-C.
pub fn serve(db: &Path, postgres: Option<&str>, bind: &str) -> anyhow::Result<ExitCode> {
    let readers = std::thread::available_parallelism().map_or(4, |n| n.get() * 2);
    let store: std::sync::Arc<dyn Store> = if let Some(url) = postgres {
        let options = sitrep_store_postgres::PgOptions {
            pool_size: readers,
            ..Default::default()
        };
        std::sync::Arc::new(
            sitrep_store_postgres::PgStore::open_with(url, &options)
                .context("opening PostgreSQL store")?,
        )
    } else {
        anyhow::ensure!(
            db.exists(),
            "database {} does not exist; create it with `sitrep ingest PATH --db {}`",
            db.display(),
            db.display()
        );
        std::sync::Arc::new(
            SqliteStore::open_with_readers(db, readers)
                .with_context(|| format!("opening database {}", db.display()))?,
        )
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .with_context(|| format!("listening on {bind}"))?;
        let addr = listener.local_addr()?;
        if !addr.ip().is_loopback() {
            eprintln!(
                "warning: serving on {addr}, reachable from other machines; the API has no authentication"
            );
        }
        let state = sitrep_server::AppState::new(store)
            .max_concurrent_queries(readers)
            .loopback_only(addr.ip().is_loopback());
        println!(
            "Serving {} on http://{addr}/ (Ctrl-C to stop)",
            store_name(db, postgres)
        );
        std::io::stdout().flush()?;
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        sitrep_server::serve(listener, state, shutdown).await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `sitrep eval`.
pub fn eval(task: EvalTask, gold: &Path) -> anyhow::Result<ExitCode> {
    let report = match task {
        EvalTask::Sentences => sitrep_eval::sentences::evaluate(gold)?,
        EvalTask::Timex => sitrep_eval::timex::evaluate(gold)?,
        EvalTask::Ner => sitrep_eval::ner::evaluate(gold)?,
        EvalTask::Quotes => sitrep_eval::quotes::evaluate(gold)?,
        EvalTask::Dedup => sitrep_eval::dedup::evaluate(gold)?,
        EvalTask::Geo => sitrep_eval::geo::evaluate(gold, sitrep_eval::geo::GeoMode::Resolve)?,
        EvalTask::Events => sitrep_eval::events::evaluate(gold, None)?,
        EvalTask::Extract => sitrep_eval::extract::evaluate(gold, &Default::default())?,
    };
    print!("{}", report.render());
    Ok(ExitCode::SUCCESS)
}

/// `sitrep eval extract`: main-content extraction (ours, or `predictions` of another tool).
pub fn eval_extract(
    gold: &Path,
    predictions: Option<std::path::PathBuf>,
    split: &str,
    html_mode: &str,
    save_predictions: Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    use sitrep_eval::extract::{ExtractOptions, Split};
    let split = match split {
        "all" => Split::All,
        "dev" => Split::Dev,
        "heldout" => Split::Heldout,
        other => anyhow::bail!("--split {other:?}: expected all, dev or heldout"),
    };
    let html_mode = match html_mode {
        "article" => sitrep_ingest::HtmlMode::Article,
        "full" => sitrep_ingest::HtmlMode::Full,
        other => anyhow::bail!("--html-mode {other:?}: expected article or full"),
    };
    let options = ExtractOptions {
        predictions,
        split,
        html_mode,
        save_predictions,
    };
    print!(
        "{}",
        sitrep_eval::extract::evaluate(gold, &options)?.render()
    );
    Ok(ExitCode::SUCCESS)
}

/// `sitrep eval events`: PLOVER, CASE-2021 or ACLED gold, format given or detected.
pub fn eval_events(
    gold: &Path,
    format: Option<sitrep_eval::events::EventsFormat>,
) -> anyhow::Result<ExitCode> {
    print!("{}", sitrep_eval::events::evaluate(gold, format)?.render());
    Ok(ExitCode::SUCCESS)
}

/// `sitrep train ner`: derive the lexicon, train the tagger, write both.
pub fn train_ner(
    train: &Path,
    dev: &Path,
    gazetteer: &Path,
    out: Option<PathBuf>,
    epochs: usize,
) -> anyhow::Result<ExitCode> {
    use sitrep_annotate::entities::{Lexicon, conll, lexicon, train as ner_train};
    let out = out.unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../sitrep_annotate/data/ner")
    });
    let read_conll = |path: &Path| -> anyhow::Result<Vec<conll::ConllDoc>> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        conll::read_conll(&text).with_context(|| path.display().to_string())
    };
    let started = std::time::Instant::now();
    let tsv = lexicon::build_lexicon_tsv(gazetteer)?;
    let clusters_path = out.join("clusters.bin");
    let clusters = sitrep_annotate::entities::Clusters::from_bytes(
        &std::fs::read(&clusters_path)
            .with_context(|| format!("reading {}", clusters_path.display()))?,
    )
    .with_context(|| clusters_path.display().to_string())?;
    eprintln!(
        "word clusters: {} words from {}",
        clusters.len(),
        clusters_path.display()
    );
    let lex = Lexicon::from_tsv(&tsv).with_clusters(clusters);
    eprintln!("lexicon: {} names from {}", lex.len(), gazetteer.display());
    let train_docs = read_conll(train)?;
    let dev_docs = read_conll(dev)?;
    eprintln!(
        "training on {} ({} documents), tuning on {} ({} documents)",
        train.display(),
        train_docs.len(),
        dev.display(),
        dev_docs.len()
    );
    let config = ner_train::TrainConfig {
        epochs,
        ..Default::default()
    };
    let trained = ner_train::train(&train_docs, &dev_docs, &lex, &config, &mut |r| {
        eprintln!(
            "epoch {:>2}: {} sentences with mistakes, {} feature rows, dev F1 {:.4} ({:.0}s)",
            r.epoch,
            r.mistakes,
            r.rows,
            r.dev.f1(),
            started.elapsed().as_secs_f64()
        );
    })?;
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let lex_path = out.join("lexicon.tsv");
    std::fs::write(&lex_path, &tsv).with_context(|| format!("writing {}", lex_path.display()))?;
    let model_path = out.join("model.bin");
    std::fs::write(&model_path, &trained.bytes)
        .with_context(|| format!("writing {}", model_path.display()))?;
    println!(
        "kept epoch {} (dev F1 {:.4}): {} feature rows, {} bytes -> {}",
        trained.best_epoch,
        trained.dev_f1,
        trained.rows,
        trained.bytes.len(),
        model_path.display()
    );
    println!("rebuild the binary to embed the new model (cargo build --release -p sitrep)");
    Ok(ExitCode::SUCCESS)
}

/// `sitrep train ner-clusters`: cluster the words of unlabelled text, write clusters.bin.
pub fn train_ner_clusters(from: &[PathBuf], out: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    use sitrep_annotate::entities::clusters;
    let out = out.unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../sitrep_annotate/data/ner")
    });
    let started = std::time::Instant::now();
    let sents = clusters::read_unlabelled(from).context("reading the unlabelled text")?;
    let (c, r) = clusters::build_clusters(&sents, &clusters::ClusterConfig::default());
    let bytes = c.to_bytes()?;
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let path = out.join("clusters.bin");
    std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    println!(
        "{} tokens, {} words ({} clustered, {} leaves) in {:.1}s: {} bytes -> {}",
        r.tokens,
        r.types,
        r.words,
        r.leaves,
        started.elapsed().as_secs_f64(),
        bytes.len(),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `sitrep eval geo`: toponym resolution, or recognition and resolution.
pub fn eval_geo(gold: &Path, end_to_end: bool) -> anyhow::Result<ExitCode> {
    use sitrep_eval::geo::{GeoMode, evaluate};
    let mode = if end_to_end {
        GeoMode::EndToEnd
    } else {
        GeoMode::Resolve
    };
    print!("{}", evaluate(gold, mode)?.render());
    Ok(ExitCode::SUCCESS)
}

/// `sitrep gazetteer build`: derive the embedded gazetteer from the GeoNames files.
pub fn gazetteer_build(from: &Path, out: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let out = out.unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../sitrep_annotate/data/gazetteer")
    });
    let started = std::time::Instant::now();
    let s = sitrep_annotate::places::build_gazetteer(from, &out)
        .with_context(|| format!("building the gazetteer from {}", from.display()))?;
    println!(
        "wrote {} ({:.1} MB): {} records, {} name keys in {:.1}s",
        s.path.display(),
        s.bytes as f64 / 1e6,
        s.records,
        s.keys,
        started.elapsed().as_secs_f64()
    );
    for (kind, n) in &s.by_kind {
        println!("  {kind}  {n}");
    }
    println!("Rebuild the binary to embed it.");
    Ok(ExitCode::SUCCESS)
}
