//! Quotation and attribution evaluation (`sitrep eval quotes`) against PolNeAR.
//!
//! Gold: a PolNeAR split folder holding `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann`
//! (brat standoff; offsets are character offsets, converted to bytes here; fragments of a
//! discontinuous span are kept apart). Given the corpus root instead, the `dev` split is scored.
//! Each `E` record with a `Content` argument is one gold attribution, with its `Cue` and
//! `Source` (absent for `Attribution-no-source`). A gold attribution is **direct** when its
//! content starts with a quotation mark, **reported** otherwise.
//!
//! Each text runs through the segmenter, the date tagger, the quantity tagger and the quote
//! finder (no entity stage: spans do not depend on it). Matching, per document:
//! - two spans **overlap** when their common bytes cover at least half of each (≥ 50% of the
//!   longer one); for a discontinuous gold content (fragments of one content around the
//!   interrupting source and cue, as the PolNeAR guidelines define content continuations),
//!   system bytes in the gaps between the fragments are not counted in the system length;
//!   system and gold attributions are paired one-to-one by content overlap, best overlap first;
//! - `content_overlap_*`: paired attributions over system / gold attributions;
//! - `content_exact_*`: the same with identical content boundaries after trimming white space,
//!   punctuation and quotation marks at both ends (so a direct quote's content without its
//!   marks equals PolNeAR's content with them);
//! - `direct_content_overlap_*`: precision over system quotes of kind `direct`, recall over
//!   gold direct attributions (pairing is the global one); `reported_*` likewise;
//! - `source_overlap_*` and `cue_overlap_*`: a paired attribution whose speaker (cue) span
//!   overlaps the gold source (cue) span as above, over system attributions with a speaker
//!   (cue) and gold attributions with a source (cue);
//! - `speaker_accuracy`: among paired attributions whose gold has a source, the share whose
//!   system speaker mention touches the gold source span (any common byte: the right mention,
//!   tolerant of boundaries such as titles and determiners).

use crate::{Counts, EvalError, EvalReport};
use sitrep_annotate::dates::DatesConfig;
use sitrep_annotate::quantities::{QuantitiesConfig, TaggedQuantity};
use sitrep_annotate::quotes::{FoundQuote, QuoteFinder, QuoteInput, QuotesConfig};
use sitrep_model::{Bound, QuoteKind, Span};
use sitrep_segment::Segmenter;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Error samples of each kind put in the notes.
const SAMPLES: usize = 20;

/// Byte ranges (fragments) of one gold span.
pub type Frags = Vec<(usize, usize)>;

/// One gold attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldAttribution {
    /// The content fragments.
    pub content: Frags,
    /// The cue fragments (empty when absent).
    pub cue: Frags,
    /// The source fragments (empty when absent).
    pub source: Frags,
    /// Content starts with a quotation mark.
    pub direct: bool,
}

/// A PolNeAR document.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// File stem.
    pub name: String,
    /// The article text.
    pub text: String,
    /// Its attributions.
    pub attributions: Vec<GoldAttribution>,
}

/// Scores the default quote finder against PolNeAR at `gold`.
pub fn evaluate(gold: &Path) -> Result<EvalReport, EvalError> {
    let started = Instant::now();
    let dir = split_dir(gold)?;
    let docs = read_split(&dir)?;
    // A configuration to try (JSON, unknown fields refused) for tuning on train and dev.
    let config = match std::env::var("SITREP_QUOTES_CONFIG") {
        Ok(json) => serde_json::from_str(&json).map_err(|e| EvalError::Format {
            path: PathBuf::from("SITREP_QUOTES_CONFIG"),
            line: 0,
            message: e.to_string(),
        })?,
        Err(_) => QuotesConfig::default(),
    };
    let mut report = score(&docs, &config);
    report.gold = gold.display().to_string();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn split_dir(gold: &Path) -> Result<PathBuf, EvalError> {
    if gold.join("attributions").is_dir() && gold.join("text").is_dir() {
        return Ok(gold.to_path_buf());
    }
    let dev = gold.join("dev");
    if dev.join("attributions").is_dir() {
        return Ok(dev);
    }
    Err(EvalError::NoGold {
        path: gold.to_path_buf(),
        message: "expected a PolNeAR split folder with text/ and attributions/".into(),
    })
}

/// Reads every annotated document of a PolNeAR split folder, sorted by name.
pub fn read_split(dir: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let ann_dir = dir.join("attributions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
        .map_err(|e| EvalError::io(&ann_dir, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    files.sort();
    let mut docs = Vec::with_capacity(files.len());
    for ann in files {
        let stem = ann
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let name = stem
            .rsplit_once('_')
            .map_or(stem.as_str(), |(n, _)| n)
            .to_owned();
        let text_path = dir.join("text").join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&text_path).map_err(|e| EvalError::io(&text_path, e))?;
        let src = std::fs::read_to_string(&ann).map_err(|e| EvalError::io(&ann, e))?;
        let attributions = parse_ann(&src, &text, &ann)?;
        docs.push(GoldDoc {
            name,
            text,
            attributions,
        });
    }
    Ok(docs)
}

/// Parses brat standoff attributions; character offsets become byte offsets into `text`.
pub fn parse_ann(src: &str, text: &str, path: &Path) -> Result<Vec<GoldAttribution>, EvalError> {
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    let to_byte = |c: usize| byte_of.get(c).copied();
    let mut spans: std::collections::BTreeMap<String, Frags> = std::collections::BTreeMap::new();
    let mut events: Vec<(usize, Vec<(String, String)>)> = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let mut parts = line.splitn(3, '\t');
        let (Some(id), Some(body)) = (parts.next(), parts.next()) else {
            continue;
        };
        if id.starts_with('T') && id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit()) {
            let Some((_, offsets)) = body.split_once(' ') else {
                continue;
            };
            let mut frags = Vec::new();
            for frag in offsets.split(';') {
                let mut it = frag.split_whitespace();
                let (Some(a), Some(b)) = (it.next(), it.next()) else {
                    return Err(EvalError::Format {
                        path: path.to_path_buf(),
                        line: n + 1,
                        message: format!("bad offsets {offsets:?}"),
                    });
                };
                let bad = |_| EvalError::Format {
                    path: path.to_path_buf(),
                    line: n + 1,
                    message: format!("bad offsets {offsets:?}"),
                };
                let a: usize = a.parse().map_err(bad)?;
                let b: usize = b.parse().map_err(bad)?;
                if let (Some(a), Some(b)) = (to_byte(a), to_byte(b))
                    && a < b
                {
                    frags.push((a, b));
                }
            }
            spans.insert(id.to_owned(), frags);
        } else if id.starts_with('E') {
            let args = body
                .split_whitespace()
                .filter_map(|a| a.split_once(':'))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            events.push((n + 1, args));
        }
    }
    let mut out = Vec::new();
    for (_, args) in events {
        let get = |role: &str| -> Frags {
            args.iter()
                .filter(|(k, _)| k.trim_end_matches(|c: char| c.is_ascii_digit()) == role)
                .filter_map(|(_, v)| spans.get(v))
                .flatten()
                .copied()
                .collect()
        };
        let mut content = get("Content");
        if content.is_empty() {
            continue;
        }
        content.sort_unstable();
        let first = content
            .first()
            .and_then(|&(a, b)| text.get(a..b))
            .unwrap_or("")
            .trim_start();
        let direct = first.starts_with(['“', '"', '‘', '«', '\'', '`']);
        out.push(GoldAttribution {
            content,
            cue: get("Cue"),
            source: get("Source"),
            direct,
        });
    }
    Ok(out)
}

/// A system attribution in the terms of the scorer.
#[derive(Debug, Clone)]
struct Sys {
    content: (usize, usize),
    cue: Option<(usize, usize)>,
    speaker: Option<(usize, usize)>,
    direct: bool,
}

/// Runs the finder over one text as the pipeline would (segment, dates, quantities, quotes).
pub fn run_finder(text: &str, config: &QuotesConfig) -> Vec<FoundQuote> {
    run_built(text, &config.build())
}

/// Runs a built finder over one text as the pipeline would.
pub fn run_built(text: &str, finder: &QuoteFinder) -> Vec<FoundQuote> {
    let seg = Segmenter::default().segment(text);
    let paragraphs: Vec<Span> = seg.paragraphs.iter().map(|p| p.span).collect();
    let sentences: Vec<Span> = seg.sentences.iter().map(|s| s.span).collect();
    let dates: Vec<Span> = DatesConfig::default()
        .build()
        .tag(text, None)
        .into_iter()
        .map(|d| d.span)
        .collect();
    let quantities: Vec<TaggedQuantity> =
        QuantitiesConfig::default()
            .build()
            .tag(text, &seg.tokens, &sentences, &dates, true);
    let approx: Vec<Span> = quantities
        .iter()
        .filter(|q| q.bound == Bound::Approx)
        .filter_map(|q| q.approx_cue)
        .collect();
    let input = QuoteInput {
        paragraphs: &paragraphs,
        sentences: &sentences,
        tokens: &seg.tokens,
        skip: &[],
        entities: &[],
        approx: &approx,
        dates: &dates,
    };
    finder.find(text, &input)
}

fn len(f: &[(usize, usize)]) -> usize {
    f.iter().map(|(a, b)| b - a).sum()
}

fn common(f: &[(usize, usize)], (a, b): (usize, usize)) -> usize {
    f.iter()
        .map(|&(x, y)| y.min(b).saturating_sub(x.max(a)))
        .sum()
}

/// Common bytes over the longer of the two spans. A discontinuous gold content (PolNeAR's
/// guidelines: a content continued after the interrupting source and cue, `“A,” she said.
/// “B.”`, is one content in several fragments) is compared with a single system span without
/// counting the system bytes that fall in the gaps between the gold fragments: a one-span
/// system content covering `A … B` is the same content, not a longer one.
fn overlap(gold: &[(usize, usize)], sys: (usize, usize)) -> f64 {
    let in_gaps: usize = gold
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if a.1 < b.0 => Some((a.1, b.0)),
            _ => None,
        })
        .map(|(x, y)| y.min(sys.1).saturating_sub(x.max(sys.0)))
        .sum();
    let longer = len(gold).max((sys.1 - sys.0).saturating_sub(in_gaps));
    if longer == 0 {
        return 0.0;
    }
    common(gold, sys) as f64 / longer as f64
}

fn trim_bounds(text: &str, a: usize, b: usize) -> (usize, usize) {
    let s = text.get(a..b).unwrap_or("");
    let junk = |c: char| c.is_whitespace() || c.is_ascii_punctuation() || "“”‘’«»—–".contains(c);
    let lead = s.len() - s.trim_start_matches(junk).len();
    let t = s.trim_matches(junk);
    (a + lead, a + lead + t.len())
}

/// Tallies of one scoring run.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    content: Counts,
    exact: Counts,
    source: Counts,
    cue: Counts,
    speaker_ok: usize,
    speaker_n: usize,
}

fn score_doc(doc: &GoldDoc, sys: &[Sys]) -> Tally {
    let mut t = Tally::default();
    let gold = &doc.attributions;
    let g_used: Vec<Option<usize>> = {
        // Recover which system item each gold item is paired with.
        let mut out = vec![None; gold.len()];
        let pairs = paired(doc, sys);
        for (gi, si) in pairs {
            if let Some(x) = out.get_mut(gi) {
                *x = Some(si);
            }
        }
        out
    };
    let matched = g_used.iter().filter(|x| x.is_some()).count();
    t.content = Counts {
        tp: matched,
        fp: sys.len() - matched,
        fn_: gold.len() - matched,
    };
    // Exact boundaries.
    let mut exact_tp = 0;
    let mut used = vec![false; sys.len()];
    for g in gold {
        let (Some(first), Some(last)) = (g.content.first(), g.content.last()) else {
            continue;
        };
        let gb = trim_bounds(&doc.text, first.0, last.1);
        if let Some(si) = sys.iter().enumerate().position(|(si, s)| {
            used.get(si) == Some(&false) && trim_bounds(&doc.text, s.content.0, s.content.1) == gb
        }) {
            if let Some(u) = used.get_mut(si) {
                *u = true;
            }
            exact_tp += 1;
        }
    }
    t.exact = Counts {
        tp: exact_tp,
        fp: sys.len() - exact_tp,
        fn_: gold.len() - exact_tp,
    };
    // Source and cue.
    for (gi, m) in g_used.iter().enumerate() {
        let (Some(g), Some(si)) = (gold.get(gi), m) else {
            continue;
        };
        let Some(s) = sys.get(*si) else { continue };
        if !g.source.is_empty()
            && let Some(sp) = s.speaker
        {
            if overlap(&g.source, sp) >= 0.5 {
                t.source.tp += 1;
            }
            t.speaker_n += 1;
            if common(&g.source, sp) > 0 {
                t.speaker_ok += 1;
            }
        } else if !g.source.is_empty() {
            t.speaker_n += 1;
        }
        if !g.cue.is_empty()
            && let Some(c) = s.cue
            && overlap(&g.cue, c) >= 0.5
        {
            t.cue.tp += 1;
        }
    }
    let sys_with_speaker = sys.iter().filter(|s| s.speaker.is_some()).count();
    let gold_with_source = gold.iter().filter(|g| !g.source.is_empty()).count();
    t.source.fp = sys_with_speaker - t.source.tp.min(sys_with_speaker);
    t.source.fn_ = gold_with_source - t.source.tp.min(gold_with_source);
    let sys_with_cue = sys.iter().filter(|s| s.cue.is_some()).count();
    let gold_with_cue = gold.iter().filter(|g| !g.cue.is_empty()).count();
    t.cue.fp = sys_with_cue - t.cue.tp.min(sys_with_cue);
    t.cue.fn_ = gold_with_cue - t.cue.tp.min(gold_with_cue);
    t
}

/// Precision over system items of a kind, recall over gold items of that kind.
#[derive(Debug, Clone, Copy, Default)]
struct Split {
    sys_tp: usize,
    sys_n: usize,
    gold_tp: usize,
    gold_n: usize,
}

impl Split {
    fn p(&self) -> f64 {
        ratio(self.sys_tp, self.sys_n)
    }
    fn r(&self) -> f64 {
        ratio(self.gold_tp, self.gold_n)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn to_sys(found: &[FoundQuote]) -> Vec<Sys> {
    found
        .iter()
        .map(|q| Sys {
            content: (q.content.start_usize(), q.content.end_usize()),
            cue: q.cue.map(|c| (c.start_usize(), c.end_usize())),
            speaker: q
                .speaker
                .as_ref()
                .map(|s| (s.span.start_usize(), s.span.end_usize())),
            direct: q.kind == QuoteKind::Direct,
        })
        .collect()
}

/// Scores a configuration on parsed gold documents.
pub fn score(docs: &[GoldDoc], config: &QuotesConfig) -> EvalReport {
    let mut total = Tally::default();
    let mut direct = Split::default();
    let mut reported = Split::default();
    let mut items = 0;
    let mut samples: Vec<String> = Vec::new();
    let mut dump = std::env::var_os("SITREP_QUOTES_DUMP").map(|_| String::new());
    let finder = config.build();
    for doc in docs {
        let found = run_built(&doc.text, &finder);
        let sys = to_sys(&found);
        if let Some(d) = dump.as_mut() {
            d.push_str(&dump_doc(doc, &sys));
            d.push('\n');
        }
        let t = score_doc(doc, &sys);
        items += doc.attributions.len();
        // Kind splits with separate recall-side counts.
        let (g_used, s_used) = pairing(doc, &sys);
        if samples.len() < SAMPLES * 4 {
            let clip = |a: usize, b: usize| {
                let t = doc.text.get(a..b).unwrap_or("").replace('\n', " ");
                t.chars().take(140).collect::<String>()
            };
            for (g, u) in doc.attributions.iter().zip(&g_used) {
                if !u && samples.iter().filter(|s| s.starts_with("missed")).count() < SAMPLES * 2 {
                    let (a, b) = (
                        g.content.first().map_or(0, |f| f.0),
                        g.content.last().map_or(0, |f| f.1),
                    );
                    let cue = g.cue.first().map_or(String::new(), |c| clip(c.0, c.1));
                    samples.push(format!(
                        "missed {} [{cue}] {:?}",
                        if g.direct { "direct" } else { "reported" },
                        clip(a, b)
                    ));
                }
            }
            for (sy, u) in sys.iter().zip(&s_used) {
                if !u && samples.iter().filter(|s| s.starts_with("spurious")).count() < SAMPLES * 2
                {
                    let cue = sy.cue.map_or(String::new(), |c| clip(c.0, c.1));
                    samples.push(format!(
                        "spurious {} [{cue}] {:?}",
                        if sy.direct { "direct" } else { "reported" },
                        clip(sy.content.0, sy.content.1)
                    ));
                }
            }
        }
        for (want, split) in [(true, &mut direct), (false, &mut reported)] {
            split.sys_n += sys.iter().filter(|s| s.direct == want).count();
            split.sys_tp += sys
                .iter()
                .zip(&s_used)
                .filter(|(s, u)| s.direct == want && **u)
                .count();
            split.gold_n += doc.attributions.iter().filter(|g| g.direct == want).count();
            split.gold_tp += doc
                .attributions
                .iter()
                .zip(&g_used)
                .filter(|(g, u)| g.direct == want && **u)
                .count();
        }
        total.content.add(t.content);
        total.exact.add(t.exact);
        total.source.add(t.source);
        total.cue.add(t.cue);
        total.speaker_ok += t.speaker_ok;
        total.speaker_n += t.speaker_n;
    }
    let metrics = vec![
        ("content_overlap_f1".to_owned(), total.content.f1()),
        ("content_exact_f1".to_owned(), total.exact.f1()),
        ("direct_content_overlap_f1".to_owned(), direct.f1()),
        ("reported_content_overlap_f1".to_owned(), reported.f1()),
        ("source_overlap_f1".to_owned(), total.source.f1()),
        ("cue_overlap_f1".to_owned(), total.cue.f1()),
        (
            "speaker_accuracy".to_owned(),
            ratio(total.speaker_ok, total.speaker_n),
        ),
    ];
    let prf = |p: f64, r: f64, f: f64| {
        vec![
            ("precision".to_owned(), p),
            ("recall".to_owned(), r),
            ("f1".to_owned(), f),
        ]
    };
    let by_type = vec![
        (
            "content_overlap".to_owned(),
            prf(
                total.content.precision(),
                total.content.recall(),
                total.content.f1(),
            ),
        ),
        (
            "content_exact".to_owned(),
            prf(
                total.exact.precision(),
                total.exact.recall(),
                total.exact.f1(),
            ),
        ),
        (
            "direct".to_owned(),
            prf(direct.p(), direct.r(), direct.f1()),
        ),
        (
            "reported".to_owned(),
            prf(reported.p(), reported.r(), reported.f1()),
        ),
        (
            "source".to_owned(),
            prf(
                total.source.precision(),
                total.source.recall(),
                total.source.f1(),
            ),
        ),
        (
            "cue".to_owned(),
            prf(total.cue.precision(), total.cue.recall(), total.cue.f1()),
        ),
    ];
    let mut notes = samples;
    if let (Some(d), Some(path)) = (dump, std::env::var_os("SITREP_QUOTES_DUMP")) {
        match std::fs::write(&path, d) {
            Ok(()) => notes.push(format!("dump written to {}", Path::new(&path).display())),
            Err(e) => notes.push(format!("dump not written: {e}")),
        }
    }
    notes.extend([
        format!(
            "gold attributions {items} (direct {}, reported {}); system {} (direct {}, reported {})",
            direct.gold_n,
            reported.gold_n,
            direct.sys_n + reported.sys_n,
            direct.sys_n,
            reported.sys_n
        ),
        format!(
            "speaker accuracy over {} paired attributions with a gold source",
            total.speaker_n
        ),
    ]);
    EvalReport {
        task: "quotes".into(),
        gold: String::new(),
        documents: docs.len(),
        items,
        metrics,
        by_type,
        seconds: 0.0,
        notes,
    }
}

/// Where the learned cue table lives (relative to this crate's manifest directory).
pub const LEARNED_CUES_PATH: &str = "../sitrep_annotate/src/quotes/learned_cues.tsv";

/// Fewest gold cue occurrences for a row of the learned cue table.
const LEARN_MIN_SUPPORT: usize = 3;

/// Lowest reliability (gold cue occurrences over occurrences outside gold contents) for a row
/// of the learned cue table; the finder applies its own, higher, threshold.
const LEARN_MIN_RELIABILITY: f64 = 0.05;

/// A crude lemma of a word form (suffix stripping: `denounced` -> `denounce`, `scoffing` ->
/// `scoff`, `rebuts` -> `rebut`, `queries` -> `query`). It groups forms in the learned table
/// for reading; the finder matches forms.
pub fn crude_lemma(form: &str) -> String {
    let vowel = |c: char| "aeiou".contains(c);
    let fix = |stem: &str| -> String {
        let b: Vec<char> = stem.chars().collect();
        match b.as_slice() {
            // Doubled final consonant (`scrapped`, `jabbed`), not `ll`/`ss` (`called`).
            [.., x, y, z]
                if b.len() > 3 && z == y && !vowel(*z) && !"lszf".contains(*z) && vowel(*x) =>
            {
                b[..b.len() - 1].iter().collect()
            }
            // A silent e after consonant + v/c/g/s/z or u (`derided`, `voiced`, `argued`).
            // A stem of `agreed`: `agre` + e.
            [.., 'e'] => format!("{stem}e"),
            // A silent e after v, z, u, c, g, or a single s (`believed`, `voiced`, `accused`).
            [.., x, y] if "vzucg".contains(*y) || *y == 's' && *x != 's' => format!("{stem}e"),
            [.., x, y, z]
                if vowel(*y) && !vowel(*x) && "dtkmnp".contains(*z) && (*y != 'e' || *z == 'd') =>
            {
                // `derid`+e, `vot`+e, `invok`+e; not `attack`, `want`, `pledg`.
                if b.len() <= 5 || matches!(*x, 'r' | 'd' | 't' | 'v' | 'k' | 'm' | 'l' | 'c') {
                    format!("{stem}e")
                } else {
                    stem.to_owned()
                }
            }
            _ => stem.to_owned(),
        }
    };
    if let Some(s) = form
        .strip_suffix("ies")
        .or_else(|| form.strip_suffix("ied"))
        && s.len() > 1
    {
        return format!("{s}y");
    }
    if let Some(s) = form.strip_suffix("ing")
        && s.len() > 2
    {
        return fix(s);
    }
    if let Some(s) = form.strip_suffix("ed")
        && s.len() > 2
    {
        return fix(s);
    }
    for suf in ["sses", "shes", "ches", "xes"] {
        if form.ends_with(suf) {
            return form[..form.len() - 2].to_owned();
        }
    }
    if let Some(s) = form.strip_suffix('s')
        && s.len() > 2
        && !s.ends_with('s')
        && !s.ends_with('u')
        && !s.ends_with('i')
    {
        return s.to_owned();
    }
    form.to_owned()
}

/// Counts of one word form or two-word phrase over a split.
#[derive(Debug, Clone, Copy, Default)]
struct CueCount {
    /// Occurrences outside every gold content (only these can be cues: PolNeAR tokens play
    /// one role in one attribution).
    total: usize,
    /// Occurrences inside a gold cue.
    cue: usize,
    /// Cue occurrences whose content follows the cue.
    forward: usize,
    /// Cue occurrences ending the cue with the content right after, by the content's first
    /// word: `that`, `to`, anything else (a noun phrase or a clause).
    that: usize,
    to: usize,
    other: usize,
}

/// Learns the attribution cue lexicon from gold documents (PolNeAR train): for every lower-case
/// word form and every two-word phrase found inside a gold cue, how often it is annotated as
/// (part of) a cue against how often it occurs outside gold contents, and how its content
/// follows it. Returns the table as TSV (header comments, then one row per form with at least
/// [`LEARN_MIN_SUPPORT`] cue occurrences and reliability at least [`LEARN_MIN_RELIABILITY`],
/// sorted by form); deterministic.
pub fn learn_cues(docs: &[GoldDoc]) -> String {
    use std::collections::BTreeMap;
    let seg = Segmenter::default();
    let mut counts: BTreeMap<String, CueCount> = BTreeMap::new();
    for doc in docs {
        let text = doc.text.as_str();
        let toks: Vec<(usize, usize, String)> = seg
            .segment(text)
            .tokens
            .iter()
            .map(|t| {
                let (a, b) = (t.span.start_usize(), t.span.end_usize());
                (a, b, text.get(a..b).unwrap_or("").to_lowercase())
            })
            .collect();
        let in_any =
            |f: &[(usize, usize)], (a, b): (usize, usize)| f.iter().any(|&(x, y)| x <= a && b <= y);
        let word = |w: &str| {
            !w.is_empty()
                && w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && w.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        };
        // The gold attribution whose cue holds token `i`, if any; whether any content does.
        let cue_of = |i: usize| -> Option<&GoldAttribution> {
            let (a, b, _) = toks.get(i)?;
            doc.attributions.iter().find(|g| in_any(&g.cue, (*a, *b)))
        };
        let in_content = |i: usize| {
            toks.get(i).is_some_and(|(a, b, _)| {
                doc.attributions
                    .iter()
                    .any(|g| in_any(&g.content, (*a, *b)))
            })
        };
        let tally = |key: String,
                     last: usize,
                     g: Option<&GoldAttribution>,
                     m: &mut BTreeMap<String, CueCount>| {
            let c = m.entry(key).or_default();
            c.total += 1;
            let Some(g) = g else { return };
            c.cue += 1;
            let (Some(&(_, cue_end)), Some(&(content_start, _))) =
                (g.cue.last(), g.content.first())
            else {
                return;
            };
            if content_start < cue_end {
                return;
            }
            c.forward += 1;
            // The cue ends with this token and the content opens with the next one.
            let (Some((_, e, _)), Some((na, _, nw))) = (toks.get(last), toks.get(last + 1)) else {
                return;
            };
            if *e == cue_end && *na == content_start {
                match nw.as_str() {
                    "that" => c.that += 1,
                    "to" => c.to += 1,
                    _ => c.other += 1,
                }
            }
        };
        for i in 0..toks.len() {
            let w = toks.get(i).map_or("", |t| t.2.as_str());
            if !word(w) || in_content(i) {
                continue;
            }
            let g = cue_of(i);
            tally(w.to_owned(), i, g, &mut counts);
            let v = toks.get(i + 1).map_or("", |t| t.2.as_str());
            if word(v) && !in_content(i + 1) {
                let g2 = cue_of(i + 1);
                let same = match (g, g2) {
                    (Some(x), Some(y)) => std::ptr::eq(x, y).then_some(x),
                    _ => None,
                };
                tally(format!("{w} {v}"), i + 1, same, &mut counts);
            }
        }
    }
    let mut out = String::from(
        "# Attribution cues learned from the PolNeAR v1.0.0 train split (Newell, Margolin and\n\
         # Ruths, \"An attribution relations corpus for political news\", LREC 2018; licence\n\
         # none stated, used for training: only word forms and counts are kept here, no text).\n\
         # Regenerate: SITREP_WRITE_CUES=1 cargo test -p sitrep_eval learned_cue_table\n\
         # (sitrep_eval::quotes::learn_cues over ../shared/data/polnear/train).\n\
         # form: a lower-case word or two-word phrase; lemma: crude suffix-stripped lemma;\n\
         # reliability = cue / total; total: occurrences outside gold contents; cue: inside a\n\
         # gold cue; forward: cue occurrences with the content after the cue; that, to, other:\n\
         # the content opens right after the cue with `that`, `to`, or another word.\n\
         form\tlemma\treliability\tcue\ttotal\tforward\tthat\tto\tother\n",
    );
    for (form, c) in &counts {
        let rel = c.cue as f64 / c.total.max(1) as f64;
        if c.cue < LEARN_MIN_SUPPORT || rel < LEARN_MIN_RELIABILITY {
            continue;
        }
        let lemma = form
            .split(' ')
            .map(crude_lemma)
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!(
            "{form}\t{lemma}\t{rel:.3}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            c.cue, c.total, c.forward, c.that, c.to, c.other
        ));
    }
    out
}

/// One JSON line for the error dump (`SITREP_QUOTES_DUMP=FILE`): the document's gold and
/// system attributions as byte ranges, with the index of the paired item (or null).
fn dump_doc(doc: &GoldDoc, sys: &[Sys]) -> String {
    let pairs = paired(doc, sys);
    let gold: Vec<serde_json::Value> = doc
        .attributions
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            serde_json::json!({
                "content": g.content, "cue": g.cue, "source": g.source, "direct": g.direct,
                "pair": pairs.iter().find(|p| p.0 == gi).map(|p| p.1),
            })
        })
        .collect();
    let sys: Vec<serde_json::Value> = sys
        .iter()
        .enumerate()
        .map(|(si, s)| {
            serde_json::json!({
                "content": s.content, "cue": s.cue, "speaker": s.speaker, "direct": s.direct,
                "pair": pairs.iter().find(|p| p.1 == si).map(|p| p.0),
            })
        })
        .collect();
    serde_json::json!({"name": doc.name, "text": doc.text, "gold": gold, "sys": sys}).to_string()
}

/// The one-to-one pairing of a document: which gold and which system items are paired.
fn pairing(doc: &GoldDoc, sys: &[Sys]) -> (Vec<bool>, Vec<bool>) {
    let mut g_used = vec![false; doc.attributions.len()];
    let mut s_used = vec![false; sys.len()];
    for (gi, si) in paired(doc, sys) {
        if let Some(x) = g_used.get_mut(gi) {
            *x = true;
        }
        if let Some(x) = s_used.get_mut(si) {
            *x = true;
        }
    }
    (g_used, s_used)
}

/// The (gold, system) index pairs of a document, by content overlap, best first.
fn paired(doc: &GoldDoc, sys: &[Sys]) -> Vec<(usize, usize)> {
    let gold = &doc.attributions;
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (si, s) in sys.iter().enumerate() {
            let o = overlap(&g.content, s.content);
            if o >= 0.5 {
                pairs.push((o, gi, si));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut g_used = vec![false; gold.len()];
    let mut s_used = vec![false; sys.len()];
    let mut out = Vec::new();
    for (_, gi, si) in pairs {
        if g_used.get(gi) == Some(&false) && s_used.get(si) == Some(&false) {
            if let Some(x) = g_used.get_mut(gi) {
                *x = true;
            }
            if let Some(x) = s_used.get_mut(si) {
                *x = true;
            }
            out.push((gi, si));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_brat_with_char_offsets_and_fragments() {
        let text = "Zé said “yes” and “no.”";
        let ann = "T1\tSource 0 2\tZé\nT2\tCue 3 7\tsaid\nT3\tContent 8 13;18 23\t“yes” “no.”\nT4\tAttribution 3 7\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let g = parse_ann(ann, text, Path::new("x.ann")).unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(&text[g[0].source[0].0..g[0].source[0].1], "Zé");
        assert_eq!(&text[g[0].content[0].0..g[0].content[0].1], "“yes”");
        assert_eq!(g[0].content.len(), 2);
        assert!(g[0].direct);
    }

    #[test]
    fn overlap_is_over_the_longer_span() {
        assert!((overlap(&[(0, 10)], (0, 5)) - 0.5).abs() < 1e-9);
        assert!(overlap(&[(0, 10)], (0, 4)) < 0.5);
        // The gap between gold fragments (the interrupting attribution) is not held against a
        // one-span system content.
        assert!((overlap(&[(0, 4), (6, 10)], (0, 10)) - 1.0).abs() < 1e-9);
        assert!((overlap(&[(0, 4), (20, 24)], (0, 24)) - 1.0).abs() < 1e-9);
        assert!((overlap(&[(0, 4), (20, 24)], (0, 4)) - 0.5).abs() < 1e-9);
        assert!((overlap(&[(0, 4), (6, 10)], (0, 12)) - 0.8).abs() < 1e-9);
    }

    #[test]
    fn scores_a_small_document() {
        let text = "The ministry said that the strike hit a depot. “We won,” he said.";
        let content = text.find("that the strike").unwrap();
        let q = text.find("“We").unwrap();
        let doc = GoldDoc {
            name: "t".into(),
            text: text.into(),
            attributions: vec![
                GoldAttribution {
                    content: vec![(content, content + "that the strike hit a depot".len())],
                    cue: vec![(13, 17)],
                    source: vec![(0, 12)],
                    direct: false,
                },
                GoldAttribution {
                    content: vec![(q, q + "“We won,”".len())],
                    cue: vec![],
                    source: vec![],
                    direct: true,
                },
            ],
        };
        let r = score(&[doc], &QuotesConfig::default());
        let m: std::collections::BTreeMap<_, _> = r.metrics.iter().cloned().collect();
        assert_eq!(m["content_overlap_f1"], 1.0, "{}", r.render());
        assert_eq!(m["content_exact_f1"], 1.0, "{}", r.render());
        assert_eq!(m["speaker_accuracy"], 1.0);
    }

    #[test]
    fn crude_lemmas_strip_inflections() {
        for (form, lemma) in [
            ("denounced", "denounce"),
            ("scoffing", "scoff"),
            ("rebuts", "rebut"),
            ("queries", "query"),
            ("jabbed", "jab"),
            ("argued", "argue"),
            ("called", "call"),
            ("attacked", "attack"),
            ("voted", "vote"),
            ("said", "said"),
            ("added", "add"),
            ("agreed", "agree"),
            ("accused", "accuse"),
            ("believed", "believe"),
            ("conceded", "concede"),
            ("passed", "pass"),
        ] {
            assert_eq!(crude_lemma(form), lemma, "{form}");
        }
    }

    #[test]
    fn learns_cues_with_support_and_reliability() {
        let text = "Ann quipped that it rained. Bob quipped that it snowed. Cy quipped he won. \
                    The sky quipped. Dee rained.";
        let mut atts = Vec::new();
        for who in ["Ann", "Bob", "Cy"] {
            let s = text.find(who).unwrap();
            let c = s + who.len() + 1;
            let e = text[c..].find('.').unwrap() + c;
            atts.push(GoldAttribution {
                content: vec![(c + "quipped ".len(), e)],
                cue: vec![(c, c + "quipped".len())],
                source: vec![(s, s + who.len())],
                direct: false,
            });
        }
        let doc = GoldDoc {
            name: "t".into(),
            text: text.into(),
            attributions: atts,
        };
        let table = learn_cues(&[doc]);
        let row = table
            .lines()
            .find(|l| l.starts_with("quipped\t"))
            .expect("quipped learned");
        // 3 cues over 4 occurrences outside contents; 2 open with `that`, 1 with another word.
        assert_eq!(row, "quipped\tquip\t0.750\t3\t4\t3\t2\t0\t1");
        // Seen only inside contents or never as a cue: not learned.
        assert!(!table.lines().any(|l| l.starts_with("rained\t")));
    }

    /// The committed learned cue table is what `learn_cues` derives from PolNeAR train
    /// (skipped when the corpus is absent; `SITREP_WRITE_CUES=1` rewrites the table).
    #[test]
    fn learned_cue_table_is_current() {
        // Tuning on folds: `SITREP_LEARN_FROM=DIR SITREP_WRITE_CUES=FILE` learns a table from
        // DIR (a split folder) into FILE.
        if let (Some(from), Some(to)) = (
            std::env::var_os("SITREP_LEARN_FROM"),
            std::env::var_os("SITREP_WRITE_CUES"),
        ) {
            let docs = read_split(Path::new(&from)).unwrap();
            std::fs::write(to, learn_cues(&docs)).unwrap();
            return;
        }
        let Some(train) =
            sitrep_testutil::shared("learned_cue_table_is_current", "data/polnear/train")
        else {
            return;
        };
        let docs = read_split(&train).unwrap();
        let table = learn_cues(&docs);
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(LEARNED_CUES_PATH);
        if std::env::var_os("SITREP_WRITE_CUES").is_some() {
            std::fs::write(&path, &table).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == table,
            "learned cue table is stale: regenerate it"
        );
    }
}
