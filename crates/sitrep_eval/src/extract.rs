//! `sitrep eval extract`: main-content extraction and page metadata from HTML.
//!
//! Two gold formats, detected from the path:
//! - **trafilatura-eval** (a folder with `evaldata_en.json`, or that file itself; pages in
//!   `html/FILE.gz`): per page, `with` snippets must appear in the extracted text and
//!   `without` snippets must not (whitespace collapsed on both sides). `precision` /
//!   `recall` / `f1` are trafilatura's own snippet figures (a found `with` is a true positive, a
//!   missing one a false negative, a found `without` a false positive);
//!   `must_include_recall` is the share of `with` snippets found and `must_exclude_precision`
//!   the share of `without` snippets correctly absent. `title_accuracy`, `author_accuracy` and
//!   `date_accuracy` are over the pages with a non-empty gold value (titles compared case- and
//!   whitespace-insensitively, authors as sets of names, dates as `YYYY-MM-DD`). The set is the
//!   only gold we develop on, so pages are split by a hash of the file name (FNV-1a, even = dev,
//!   odd = held-out); `--split` picks one, and both are always reported per split.
//! - **article-extraction-benchmark** (a folder with `ground-truth.json`, or that file; pages in
//!   `html/ID.html.gz`): word 4-gram shingles as in the benchmark's `evaluate.py` (tokens are
//!   `\w+` runs, shingles counted as multisets, per-document TP/FP/FN normalised to sum 1),
//!   precision averaged over documents with predictions, recall over documents with gold text,
//!   F1 the harmonic mean of the two averages.
//!
//! Our extractor is the product path: `sitrep_ingest::ingest_bytes` in HTML article mode (the
//! gold URL given as the document URL). `--predictions FILE` scores another extractor's output
//! instead: JSON Lines with `id` (the file name or benchmark id), `text`, `title`, `author`,
//! `date` (see `bench/trafilatura_extract.py`). The report also gives our extraction speed:
//! seconds of one core per MB of HTML (`seconds_per_mb`) and MB/s.
//!
//! Side by side on trafilatura-eval-en (179 pages, 32.5 MB), all scored by this module:
//! see the crate-level notes of `sitrep_clean::article` and the report of issue #11.

use crate::{EvalError, EvalReport};
use serde_json::Value;
use sitrep_ingest::{HtmlMode, IngestConfig, InputFormat};
use sitrep_model::DocMeta;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Which pages of the trafilatura-eval set are scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Split {
    /// Every page.
    #[default]
    All,
    /// Pages whose file-name hash is even (the ones looked at while developing).
    Dev,
    /// Pages whose file-name hash is odd (scored only at the end).
    Heldout,
}

/// Options of [`evaluate`].
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Score these predictions (JSON Lines) instead of running our extractor.
    pub predictions: Option<PathBuf>,
    /// Pages scored (trafilatura-eval only).
    pub split: Split,
    /// HTML mode of our extractor.
    pub html_mode: HtmlMode,
    /// Write our predictions here (JSON Lines in the `--predictions` format).
    pub save_predictions: Option<PathBuf>,
}

/// One extraction.
#[derive(Debug, Clone, Default)]
struct Prediction {
    text: String,
    title: String,
    author: String,
    date: String,
}

/// One gold page.
struct Page {
    id: String,
    url: Option<String>,
    html: PathBuf,
    gold: Value,
}

/// FNV-1a of a name: the split key.
fn split_of(name: &str) -> Split {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    if h.is_multiple_of(2) {
        Split::Dev
    } else {
        Split::Heldout
    }
}

fn read_json(path: &Path) -> Result<Value, EvalError> {
    let bytes = std::fs::read(path).map_err(|e| EvalError::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| EvalError::Format {
        path: path.to_path_buf(),
        line: e.line(),
        message: e.to_string(),
    })
}

fn gunzip(path: &Path) -> Result<Vec<u8>, EvalError> {
    let f = std::fs::File::open(path).map_err(|e| EvalError::io(path, e))?;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(f)
        .read_to_end(&mut out)
        .map_err(|e| EvalError::io(path, e))?;
    Ok(out)
}

/// The two formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Snippets,
    Benchmark,
}

fn locate(gold: &Path) -> Result<(Format, PathBuf, PathBuf), EvalError> {
    let (file, dir) = if gold.is_dir() {
        let en = gold.join("evaldata_en.json");
        let gt = gold.join("ground-truth.json");
        if en.is_file() {
            (en, gold.to_path_buf())
        } else if gt.is_file() {
            (gt, gold.to_path_buf())
        } else {
            return Err(EvalError::NoGold {
                path: gold.to_path_buf(),
                message: "expected evaldata_en.json (trafilatura-eval) or ground-truth.json \
                          (article-extraction-benchmark) with an html/ folder"
                    .into(),
            });
        }
    } else {
        (
            gold.to_path_buf(),
            gold.parent().unwrap_or(Path::new(".")).to_path_buf(),
        )
    };
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let format = if name.starts_with("evaldata") {
        Format::Snippets
    } else {
        Format::Benchmark
    };
    Ok((format, file, dir))
}

fn pages(format: Format, file: &Path, dir: &Path) -> Result<Vec<Page>, EvalError> {
    let json = read_json(file)?;
    let Value::Object(map) = json else {
        return Err(EvalError::Format {
            path: file.to_path_buf(),
            line: 1,
            message: "expected a JSON object keyed by URL or id".into(),
        });
    };
    let mut out = Vec::new();
    for (key, entry) in map {
        let page = match format {
            Format::Snippets => {
                let Some(f) = entry.get("file").and_then(Value::as_str) else {
                    return Err(EvalError::Format {
                        path: file.to_path_buf(),
                        line: 0,
                        message: format!("entry {key:?} has no \"file\""),
                    });
                };
                Page {
                    id: f.to_owned(),
                    url: Some(
                        entry
                            .get("url")
                            .and_then(Value::as_str)
                            .unwrap_or(&key)
                            .to_owned(),
                    ),
                    html: dir.join("html").join(format!("{f}.gz")),
                    gold: entry,
                }
            }
            Format::Benchmark => Page {
                url: entry.get("url").and_then(Value::as_str).map(str::to_owned),
                html: dir.join("html").join(format!("{key}.html.gz")),
                id: key,
                gold: entry,
            },
        };
        out.push(page);
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// Our extractor on one page: the product's HTML ingest.
fn ours(raw: Vec<u8>, page: &Page, config: &IngestConfig) -> Prediction {
    let meta = DocMeta {
        url: page.url.clone(),
        origin: Some(page.id.clone()),
        ..DocMeta::default()
    };
    match sitrep_ingest::ingest_bytes(raw, InputFormat::Html, meta, config) {
        Ok(ing) => {
            let m = &ing.doc.meta;
            Prediction {
                text: ing.doc.text().to_owned(),
                title: m.title.clone().unwrap_or_default(),
                author: m.author.clone().unwrap_or_default(),
                date: m.published.map(|d| d.to_string()).unwrap_or_default(),
            }
        }
        Err(_) => Prediction::default(),
    }
}

fn read_predictions(path: &Path) -> Result<BTreeMap<String, Prediction>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| EvalError::Format {
            path: path.to_path_buf(),
            line: i + 1,
            message: e.to_string(),
        })?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
        out.insert(
            s("id"),
            Prediction {
                text: s("text"),
                title: s("title"),
                author: s("author"),
                date: s("date"),
            },
        );
    }
    Ok(out)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn norm_title(s: &str) -> String {
    collapse(s)
        .to_lowercase()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned()
}

fn author_set(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s
        .split([',', ';', '&', '|'])
        .flat_map(|p| p.split(" and "))
        .map(|p| collapse(p).to_lowercase())
        .filter(|p| !p.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Word tokens as the benchmark's `\w+`.
fn tokens(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

fn shingles(s: &str) -> BTreeMap<Vec<&str>, usize> {
    let t = tokens(s);
    let mut m = BTreeMap::new();
    if t.is_empty() {
        return m;
    }
    let n = 4;
    for i in 0..t.len().saturating_sub(n).saturating_add(1).max(1) {
        let end = (i + n).min(t.len());
        if let Some(sh) = t.get(i..end) {
            *m.entry(sh.to_vec()).or_insert(0) += 1;
        }
    }
    m
}

/// Normalised (tp, fp, fn) of one document, as `string_shingle_matching`.
pub fn shingle_match(truth: &str, pred: &str) -> (f64, f64, f64) {
    let t = shingles(truth);
    let p = shingles(pred);
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    let mut keys: Vec<&Vec<&str>> = t.keys().chain(p.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let tc = t.get(k).copied().unwrap_or(0) as f64;
        let pc = p.get(k).copied().unwrap_or(0) as f64;
        tp += tc.min(pc);
        fp += (pc - tc).max(0.0);
        fn_ += (tc - pc).max(0.0);
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

/// Averages as the benchmark's `metrics_from_tp_fp_fns`: (precision, recall, f1).
pub fn benchmark_metrics(docs: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let prec = |&(tp, fp, fn_): &(f64, f64, f64)| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fp == 0.0 {
            0.0
        } else {
            tp / (tp + fp)
        }
    };
    let rec = |&(tp, fp, fn_): &(f64, f64, f64)| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fn_ == 0.0 {
            0.0
        } else {
            tp / (tp + fn_)
        }
    };
    let mean = |v: Vec<f64>| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let p = mean(docs.iter().filter(|d| d.0 + d.1 > 0.0).map(prec).collect());
    let r = mean(docs.iter().filter(|d| d.0 + d.2 > 0.0).map(rec).collect());
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Snippet and metadata tallies of one split.
#[derive(Debug, Default, Clone)]
struct Tally {
    pages: usize,
    tp: usize,
    fn_: usize,
    fp: usize,
    tn: usize,
    title: (usize, usize),
    author: (usize, usize),
    date: (usize, usize),
    shingles: Vec<(f64, f64, f64)>,
}

impl Tally {
    fn metrics(&self, format: Format) -> Vec<(String, f64)> {
        let r = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let acc = |x: (usize, usize)| r(x.0, x.1);
        let mut m = Vec::new();
        match format {
            Format::Snippets => {
                let p = r(self.tp, self.tp + self.fp);
                let rc = r(self.tp, self.tp + self.fn_);
                let f = if p + rc > 0.0 {
                    2.0 * p * rc / (p + rc)
                } else {
                    0.0
                };
                m.push(("precision".into(), p));
                m.push(("recall".into(), rc));
                m.push(("f1".into(), f));
                m.push((
                    "accuracy".into(),
                    r(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_),
                ));
                m.push(("must_include_recall".into(), rc));
                m.push((
                    "must_exclude_precision".into(),
                    r(self.tn, self.tn + self.fp),
                ));
                m.push(("title_accuracy".into(), acc(self.title)));
                m.push(("author_accuracy".into(), acc(self.author)));
                m.push(("date_accuracy".into(), acc(self.date)));
            }
            Format::Benchmark => {
                let (p, rc, f) = benchmark_metrics(&self.shingles);
                m.push(("precision".into(), p));
                m.push(("recall".into(), rc));
                m.push(("f1".into(), f));
            }
        }
        m
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(collapse)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn score(format: Format, page: &Page, pred: &Prediction, t: &mut Tally) {
    t.pages += 1;
    match format {
        Format::Snippets => {
            let text = collapse(&pred.text);
            for s in strings(page.gold.get("with")) {
                if text.contains(&s) {
                    t.tp += 1;
                } else {
                    t.fn_ += 1;
                }
            }
            for s in strings(page.gold.get("without")) {
                if text.contains(&s) {
                    t.fp += 1;
                } else {
                    t.tn += 1;
                }
            }
            let gold = |k: &str| {
                page.gold
                    .get(k)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
            };
            if let Some(g) = gold("title") {
                t.title.1 += 1;
                t.title.0 += usize::from(norm_title(g) == norm_title(&pred.title));
            }
            if let Some(g) = gold("author") {
                t.author.1 += 1;
                t.author.0 += usize::from(author_set(g) == author_set(&pred.author));
            }
            if let Some(g) = gold("date") {
                t.date.1 += 1;
                t.date.0 += usize::from(g == pred.date.trim());
            }
        }
        Format::Benchmark => {
            let truth = page
                .gold
                .get("articleBody")
                .and_then(Value::as_str)
                .unwrap_or("");
            t.shingles.push(shingle_match(truth, &pred.text));
        }
    }
}

/// Scores main-content extraction against `gold` (format detected from the path).
pub fn evaluate(gold: &Path, options: &ExtractOptions) -> Result<EvalReport, EvalError> {
    let started = Instant::now();
    let (format, file, dir) = locate(gold)?;
    let all = pages(format, &file, &dir)?;
    let predictions = options
        .predictions
        .as_deref()
        .map(read_predictions)
        .transpose()?;
    let config = IngestConfig {
        html_mode: options.html_mode,
        ..IngestConfig::default()
    };
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut bytes = 0usize;
    let mut seconds = 0.0f64;
    let mut missing = 0usize;
    let mut notes = Vec::new();
    let mut saved = String::new();
    for page in &all {
        let split = if format == Format::Snippets {
            split_of(&page.id)
        } else {
            Split::All
        };
        if options.split != Split::All && split != options.split {
            continue;
        }
        let pred = match &predictions {
            Some(p) => match p.get(&page.id) {
                Some(x) => x.clone(),
                None => {
                    missing += 1;
                    Prediction::default()
                }
            },
            None => {
                let raw = match gunzip(&page.html) {
                    Ok(r) => r,
                    Err(e) => {
                        notes.push(format!("skipped: {e}"));
                        continue;
                    }
                };
                bytes += raw.len();
                let t = Instant::now();
                let p = ours(raw, page, &config);
                seconds += t.elapsed().as_secs_f64();
                if options.save_predictions.is_some() {
                    let line = serde_json::json!({
                        "id": page.id, "text": p.text, "title": p.title,
                        "author": p.author, "date": p.date,
                    });
                    saved.push_str(&line.to_string());
                    saved.push('\n');
                }
                p
            }
        };
        let key = match split {
            Split::Dev => "dev",
            Split::Heldout => "heldout",
            Split::All => "all",
        };
        score(format, page, &pred, tallies.entry(key).or_default());
        if format == Format::Snippets {
            score(format, page, &pred, tallies.entry("all").or_default());
        }
    }
    if let Some(path) = &options.save_predictions {
        std::fs::write(path, saved).map_err(|e| EvalError::io(path, e))?;
    }
    if missing > 0 {
        notes.push(format!(
            "{missing} page(s) had no prediction (scored as empty)"
        ));
    }
    let main = tallies.get("all").cloned().unwrap_or_default();
    let mut metrics = main.metrics(format);
    if predictions.is_none() && bytes > 0 {
        let mb = bytes as f64 / 1e6;
        metrics.push(("seconds_per_mb".into(), seconds / mb));
        metrics.push((
            "mb_per_second".into(),
            if seconds > 0.0 { mb / seconds } else { 0.0 },
        ));
        notes.push(format!(
            "our extractor: {bytes} bytes of HTML in {seconds:.3} s on one core \
             ({:.4} s/MB, {:.1} MB/s)",
            seconds / mb,
            if seconds > 0.0 { mb / seconds } else { 0.0 }
        ));
    }
    let by_type = tallies
        .iter()
        .filter(|(k, _)| **k != "all")
        .map(|(k, t)| (format!("{k} ({} pages)", t.pages), t.metrics(format)))
        .collect();
    let items = match format {
        Format::Snippets => main.tp + main.fn_ + main.fp + main.tn,
        Format::Benchmark => main.shingles.len(),
    };
    Ok(EvalReport {
        task: "extract".into(),
        gold: gold.display().to_string(),
        documents: main.pages,
        items,
        metrics,
        by_type,
        seconds: started.elapsed().as_secs_f64(),
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_follow_the_benchmark() {
        assert_eq!(shingle_match("a b c d e", "a b c d e"), (1.0, 0.0, 0.0));
        let (tp, fp, fn_) = shingle_match("a b c d e", "a b c d");
        // truth: abcd, bcde; pred: abcd.
        assert!((tp - 0.5).abs() < 1e-9 && fp == 0.0 && (fn_ - 0.5).abs() < 1e-9);
        // Fewer than four tokens: one short shingle.
        assert_eq!(shingle_match("a b", "a b"), (1.0, 0.0, 0.0));
        assert_eq!(shingle_match("", ""), (0.0, 0.0, 0.0));
        let (p, r, f) = benchmark_metrics(&[(1.0, 0.0, 0.0), (0.5, 0.0, 0.5)]);
        assert!((p - 1.0).abs() < 1e-9 && (r - 0.75).abs() < 1e-9);
        assert!((f - 2.0 * 0.75 / 1.75).abs() < 1e-9);
    }

    #[test]
    fn split_is_stable_and_mixed() {
        let names: Vec<String> = (0..100).map(|i| format!("page{i}.html")).collect();
        let dev = names.iter().filter(|n| split_of(n) == Split::Dev).count();
        assert!((30..=70).contains(&dev), "{dev}");
        assert_eq!(split_of("a.html"), split_of("a.html"));
    }

    #[test]
    fn fixture_benchmark() {
        let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract-benchmark");
        let report = evaluate(&gold, &ExtractOptions::default()).unwrap();
        assert_eq!(report.documents, 3);
        let f1 = crate::metric(&report.metrics, "f1");
        let p = crate::metric(&report.metrics, "precision");
        // The three pages carry menus, related lists, cookie notices and comments around
        // their articles: the extractor must keep the body and drop most of the rest.
        assert!(f1 > 0.9, "f1 {f1}\n{}", report.render());
        assert!(p > 0.9, "precision {p}\n{}", report.render());
    }
}
