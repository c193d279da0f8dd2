//! The `sitrep` command line: extract, ingest, search, stats, show, serve, demo and eval.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod commands;
mod queue;
mod run;
mod stages;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Turn news reports into structured, verifiable knowledge.
///
/// Exit codes: 0 ok; 1 some documents failed (a summary is printed) or the command could not
/// run; 2 usage error.
#[derive(Debug, Parser)]
#[command(name = "sitrep", version, about, long_about = None)]
struct Cli {
    /// More log output (repeat for more); logs go to stderr. `SITREP_LOG` overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Worker threads for per-document stages (default: one per core).
    #[arg(short = 'j', long, global = true)]
    jobs: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// One pretty-printed JSON object per document.
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// Input formats (default: from the file extension or content).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormatArg {
    Auto,
    Text,
    Html,
    Jsonl,
    /// RSS / Atom feeds: one document per item.
    Feed,
    /// WARC archives (.warc, .warc.gz): one document per HTML response.
    Warc,
}

#[derive(Debug, clap::Args)]
struct InputArgs {
    /// Files or directories (read recursively, in name order); `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for documents whose metadata gives none.
    #[arg(long, value_parser = parse_date)]
    published: Option<chrono::NaiveDate>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    input_format: InputFormatArg,
    /// Text kept from HTML pages: `article` (the main content; the full page when none is
    /// found) or `full` (every visible text).
    #[arg(long, value_enum, default_value_t = HtmlModeArg::Article)]
    html_mode: HtmlModeArg,
    /// Pipeline configuration (TOML); default: the built-in pipeline.
    #[arg(long)]
    config: Option<PathBuf>,
}

/// `--html-mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum HtmlModeArg {
    /// The article body only.
    Article,
    /// The full page text.
    Full,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Annotate documents and print sitrep/1 JSON (no database).
    Extract {
        #[command(flatten)]
        input: InputArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
        format: OutputFormat,
    },
    /// Annotate documents and store them in the database (the same document is stored once).
    Ingest {
        #[command(flatten)]
        input: InputArgs,
        /// Database file.
        #[arg(long, default_value = "sitrep.db")]
        db: PathBuf,
        /// PostgreSQL store URL (`postgres://user@host:port/db`) instead of the database file.
        #[arg(long, value_name = "URL")]
        postgres: Option<String>,
    },
    /// Full-text search over stored documents.
    Search {
        /// Words to find (all must match; `word*` matches a prefix).
        query: String,
        /// Database file.
        #[arg(long, default_value = "sitrep.db")]
        db: PathBuf,
        /// PostgreSQL store URL (`postgres://user@host:port/db`) instead of the database file.
        #[arg(long, value_name = "URL")]
        postgres: Option<String>,
        /// Maximum hits.
        #[arg(long, default_value_t = 10)]
        limit: u64,
        /// Print hits as JSON Lines.
        #[arg(long)]
        json: bool,
    },
    /// Counts of stored documents, annotations and failures.
    Stats {
        /// Database file.
        #[arg(long, default_value = "sitrep.db")]
        db: PathBuf,
        /// PostgreSQL store URL (`postgres://user@host:port/db`) instead of the database file.
        #[arg(long, value_name = "URL")]
        postgres: Option<String>,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a stored document as sitrep/1 JSON.
    Show {
        /// Document id.
        id: String,
        /// Database file.
        #[arg(long, default_value = "sitrep.db")]
        db: PathBuf,
        /// PostgreSQL store URL (`postgres://user@host:port/db`) instead of the database file.
        #[arg(long, value_name = "URL")]
        postgres: Option<String>,
    },
    /// Ingest the bundled examples into sitrep.db and summarise what was found.
    Demo {
        /// Database file.
        #[arg(long, default_value = "sitrep.db")]
        db: PathBuf,
        /// Examples folder (default: ./examples, else the one beside the source).
        #[arg(long)]
        examples: Option<PathBuf>,
        /// Stop after the summary instead of serving the web page.
        #[arg(long)]
        no_serve: bool,
        /// Address to serve on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: String,
    },
    /// Serve the web page and the JSON API (read-only) over a database.
    Serve {
        /// Database file.
        #[arg(long, default_value = "sitrep.db")]
        db: PathBuf,
        /// PostgreSQL store URL (`postgres://user@host:port/db`) instead of the database file.
        #[arg(long, value_name = "URL")]
        postgres: Option<String>,
        /// Address to listen on (port 0 picks a free port; the address is printed).
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: String,
    },
    /// Publish documents to a NATS JetStream work queue for `sitrep worker` processes.
    Enqueue {
        /// Files or directories (read recursively, in name order); `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Publication date (YYYY-MM-DD) for documents whose metadata gives none.
        #[arg(long, value_parser = parse_date)]
        published: Option<chrono::NaiveDate>,
        /// How to read the inputs.
        #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
        input_format: InputFormatArg,
        #[command(flatten)]
        queue: queue::QueueArgs,
    },
    /// Process documents from the work queue into a shared store until SIGTERM/SIGINT.
    Worker(queue::WorkerArgs),
    /// Score an extractor against gold data (see EVAL.md).
    Eval {
        /// Task to score.
        #[arg(value_enum)]
        task: EvalTask,
        /// Gold file or folder.
        #[arg(long)]
        gold: PathBuf,
        /// For `geo`: resolve the gold toponyms, or find and resolve names (end to end).
        #[arg(long, value_enum, default_value_t = GeoModeArg::Resolve)]
        mode: GeoModeArg,
        /// For `events`: the gold format (default: from the path: .json PLOVER, .tsv CASE-2021,
        /// .csv ACLED).
        #[arg(long, value_enum)]
        format: Option<EventsFormatArg>,
        /// For `extract`: score another extractor's JSON Lines (`id`, `text`, `title`, `author`,
        /// `date`) instead of sitrep's.
        #[arg(long)]
        predictions: Option<PathBuf>,
        /// For `extract` on trafilatura-eval: `all`, `dev` or `heldout` pages.
        #[arg(long, default_value = "all")]
        split: String,
        /// For `extract`: `article` (default) or `full` page text.
        #[arg(long, default_value = "article")]
        html_mode: String,
        /// For `extract`: write sitrep's predictions (JSON Lines) to this file.
        #[arg(long)]
        save_predictions: Option<PathBuf>,
    },
    /// The embedded GeoNames gazetteer.
    Gazetteer {
        #[command(subcommand)]
        action: GazetteerAction,
    },
    /// Rebuild a trained model from its data (see the model's README).
    Train {
        #[command(subcommand)]
        model: TrainModel,
    },
}

/// Models `sitrep train` rebuilds.
#[derive(Debug, Subcommand)]
enum TrainModel {
    /// The entity tagger: writes model.bin and lexicon.tsv (reproducible: fixed seed).
    Ner {
        /// CoNLL-2003 training file.
        #[arg(long, default_value = "../shared/data/conll2003/train.txt")]
        train: PathBuf,
        /// CoNLL-2003 development file (chooses the epoch; never the test file).
        #[arg(long, default_value = "../shared/data/conll2003/dev.txt")]
        dev: PathBuf,
        /// GeoNames folder the gazetteer features are derived from.
        #[arg(long, default_value = "../shared/data/gazetteer")]
        gazetteer: PathBuf,
        /// Output folder (default: the shipped model's folder in the source tree).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Maximum training epochs.
        #[arg(long, default_value_t = 15)]
        epochs: usize,
    },
    /// The entity tagger's word clusters, learned from unlabelled text: writes clusters.bin
    /// (reproducible; run before `train ner`, which reads it from the output folder).
    NerClusters {
        /// Unlabelled text: CoNLL files (tokens only), JSON Lines, plain-text folders (not the
        /// dev or test split: dev must stay an unbiased judge of the clusters).
        #[arg(
            long = "from",
            num_args = 1..,
            default_values = [
                "../shared/data/conll2003/train.txt",
                "../shared/data/war-news",
                "../shared/data/bbc-news",
            ]
        )]
        from: Vec<PathBuf>,
        /// Output folder (default: the shipped model's folder in the source tree).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Evaluation tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EvalTask {
    /// Sentence boundaries (CoNLL-2003, TimeML).
    Sentences,
    /// Temporal expressions (TimeML `.tml`, TempEval-3 Task A).
    Timex,
    /// Named entities (CoNLL-2003 column files; conlleval exact match).
    Ner,
    /// Toponym resolution (GeoWebNews `GWN.xml`, TR-News XML).
    Geo,
    /// Quotations and attributions (PolNeAR split folder: text/ and attributions/).
    Quotes,
    /// Duplicate pairs: exact copies in a folder of articles, and seeded edited copies.
    Dedup,
    /// Events (PLOVER records .json, CASE-2021 task 2 .tsv, ACLED export .csv).
    Events,
    /// Main-content extraction from HTML (trafilatura-eval snippets, article-extraction-benchmark).
    Extract,
}

/// Gold formats of `eval events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EventsFormatArg {
    /// PLOVER gold-standard records (JSON).
    Plover,
    /// CASE-2021 task 2 (TSV, ACLED sub-event codes).
    Case,
    /// ACLED export (CSV).
    Acled,
}

/// What `eval geo` scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GeoModeArg {
    /// Resolution of the gold toponyms.
    Resolve,
    /// Recognition and resolution.
    #[value(name = "end-to-end", alias = "e2e")]
    EndToEnd,
}

/// Gazetteer actions.
#[derive(Debug, Subcommand)]
enum GazetteerAction {
    /// Derive the compact gazetteer (and its NOTICE) from the GeoNames files.
    Build {
        /// Folder with cities500.json.gz, UA.zip, admin1CodesASCII.txt, countryInfo.tsv.
        #[arg(long, default_value = "../shared/data/gazetteer")]
        from: PathBuf,
        /// Output folder (default: the crate's data/gazetteer, embedded at the next build).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("`{s}` is not a date in YYYY-MM-DD form: {e}"))
}

fn init_logging(verbose: u8, quiet: bool) {
    use tracing_subscriber::EnvFilter;
    let default = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_env("SITREP_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .try_init();
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose, cli.quiet);
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(jobs) = cli.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()?;
    }
    let quiet = cli.quiet;
    match cli.command {
        Command::Extract { input, format } => commands::extract(&input, format, quiet),
        Command::Ingest {
            input,
            db,
            postgres,
        } => commands::ingest(&input, &db, postgres.as_deref(), quiet),
        Command::Search {
            query,
            db,
            postgres,
            limit,
            json,
        } => commands::search(&query, &db, postgres.as_deref(), limit, json),
        Command::Stats { db, postgres, json } => commands::stats(&db, postgres.as_deref(), json),
        Command::Show { id, db, postgres } => commands::show(&id, &db, postgres.as_deref()),
        Command::Demo {
            db,
            examples,
            no_serve,
            bind,
        } => {
            let code = commands::demo(&db, examples, quiet)?;
            if no_serve {
                Ok(code)
            } else {
                commands::serve(&db, None, &bind)
            }
        }
        Command::Serve { db, postgres, bind } => commands::serve(&db, postgres.as_deref(), &bind),
        Command::Enqueue {
            paths,
            published,
            input_format,
            queue,
        } => queue::enqueue(paths, published, input_format, &queue),
        Command::Worker(args) => queue::worker(&args, quiet),
        Command::Eval {
            task: EvalTask::Geo,
            gold,
            mode,
            ..
        } => commands::eval_geo(&gold, mode == GeoModeArg::EndToEnd),
        Command::Eval {
            task: EvalTask::Events,
            gold,
            format,
            ..
        } => commands::eval_events(
            &gold,
            format.map(|f| match f {
                EventsFormatArg::Plover => sitrep_eval::events::EventsFormat::Plover,
                EventsFormatArg::Case => sitrep_eval::events::EventsFormat::Case,
                EventsFormatArg::Acled => sitrep_eval::events::EventsFormat::Acled,
            }),
        ),
        Command::Eval {
            task: EvalTask::Extract,
            gold,
            predictions,
            split,
            html_mode,
            save_predictions,
            ..
        } => commands::eval_extract(&gold, predictions, &split, &html_mode, save_predictions),
        Command::Eval { task, gold, .. } => commands::eval(task, &gold),
        Command::Gazetteer {
            action: GazetteerAction::Build { from, out },
        } => commands::gazetteer_build(&from, out),
        Command::Train {
            model:
                TrainModel::Ner {
                    train,
                    dev,
                    gazetteer,
                    out,
                    epochs,
                },
        } => commands::train_ner(&train, &dev, &gazetteer, out, epochs),
        Command::Train {
            model: TrainModel::NerClusters { from, out },
        } => commands::train_ner_clusters(&from, out),
    }
}
