//! `sitrep eval dedup`: precision and recall of duplicate pairs.
//!
//! Two sets, both from a folder of plain-text articles (BBC News: `<category>/<NNN>.txt`):
//! - `exact`: every article in path order; gold pairs are articles with identical text (BBC
//!   holds 98 such pairs under different file names).
//! - `near`: one copy of each distinct article, then edited copies of a seeded sample with
//!   realistic edits (boilerplate lines added, a paragraph dropped, paragraphs reordered, the
//!   headline changed, light word edits); gold pairs are (article, edited copy).
//!
//! The detector runs on the documents themselves (ids are file names, not content hashes,
//! so exact copies stay separate documents): line flags, then the corpus crate's MinHash LSH
//! index in arrival order. A predicted pair is two documents joined by `duplicate_of` links
//! (directly or through a chain).
//!
//! The corpus itself holds near-copies nobody labelled (BBC has about 60 pairs of articles
//! that differ by a few words, and updated versions of a story). A predicted pair outside the
//! gold is therefore checked with the exact shingle sets: when the detector's rule holds on
//! them (exact Jaccard >= `jaccard`, or containment >= `containment` with Jaccard >=
//! `min_jaccard_contained`) it is an unlabelled near-copy, reported but not scored; otherwise
//! it is a false positive. Every gold pair not predicted is a miss.

use crate::{Counts, EvalError, EvalReport};
use sitrep_clean::{LineFlagsConfig, LineFlagsStage};
use sitrep_corpus::{DedupConfig, DedupIndex, SplitMix64};
use sitrep_model::{DocMeta, Document};
use sitrep_pipeline::DocStage;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Seed of the edited copies (fixed: the set is the same on every run).
pub const SEED: u64 = 20_250_111;
/// Edited copies made for the `near` set.
pub const NEAR_COPIES: usize = 400;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), EvalError> {
    let entries = std::fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
    Ok(())
}

/// UTF-8, or Latin-1 when the bytes are not UTF-8.
fn decode(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    }
}

/// Articles under `gold`: (name relative to `gold`, text).
pub fn read_articles(gold: &Path) -> Result<Vec<(String, String)>, EvalError> {
    let mut paths = Vec::new();
    collect(gold, &mut paths)?;
    let mut out = Vec::with_capacity(paths.len());
    for p in paths {
        let bytes = std::fs::read(&p).map_err(|e| EvalError::io(&p, e))?;
        let name = p
            .strip_prefix(gold)
            .unwrap_or(&p)
            .to_string_lossy()
            .into_owned();
        out.push((name, decode(bytes)));
    }
    if out.is_empty() {
        return Err(EvalError::NoGold {
            path: gold.to_path_buf(),
            message: "no .txt articles found".into(),
        });
    }
    Ok(out)
}

/// Runs the detector over documents in order; returns each document's `duplicate_of` target.
pub fn detect(docs: &[Document], config: &DedupConfig) -> Vec<Option<usize>> {
    let mut index = DedupIndex::new(config.clone());
    let mut out = Vec::with_capacity(docs.len());
    for doc in docs {
        let s = index.signals(doc);
        let before = u32::try_from(index.len()).unwrap_or(u32::MAX);
        let m = index.find(&s, before);
        let dup = m.duplicate.map(|d| d.index);
        index.insert(doc.id(), &s, dup);
        out.push(dup.map(|i| i as usize));
    }
    out
}

/// All unordered pairs within groups of a partition given as a group label per item.
fn pairs(labels: &[usize]) -> BTreeSet<(usize, usize)> {
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &g) in labels.iter().enumerate() {
        groups.entry(g).or_default().push(i);
    }
    let mut out = BTreeSet::new();
    for members in groups.values() {
        for (k, &a) in members.iter().enumerate() {
            for &b in members.iter().skip(k + 1) {
                out.insert((a, b));
            }
        }
    }
    out
}

/// Group labels from links to earlier items (each item joins the group of its target).
fn link_groups(links: &[Option<usize>]) -> Vec<usize> {
    let mut label: Vec<usize> = (0..links.len()).collect();
    for (i, l) in links.iter().enumerate() {
        if let Some(t) = l
            && *t < i
            && let Some(&g) = label.get(*t)
            && let Some(slot) = label.get_mut(i)
        {
            *slot = g;
        }
    }
    label
}

/// Whether the detector's rule holds on the exact shingle sets of two documents.
pub fn exact_rule(a: &[u64], b: &[u64], config: &DedupConfig) -> bool {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    let small = a.len().min(b.len());
    if union == 0 || small == 0 {
        return false;
    }
    let jaccard = inter as f64 / union as f64;
    let contained = inter as f64 / small as f64;
    jaccard >= config.jaccard
        || (jaccard >= config.min_jaccard_contained && contained >= config.containment)
}

/// Two document positions, the earlier first.
type Pair = (usize, usize);

/// Counts, and the number of predicted pairs outside the gold that are unlabelled near-copies.
fn score(
    gold: &BTreeSet<(usize, usize)>,
    predicted: &BTreeSet<(usize, usize)>,
    docs: &[Document],
    config: &DedupConfig,
) -> (Counts, Vec<Pair>, Vec<Pair>) {
    let tp = predicted.intersection(gold).count();
    let shingles = |i: usize| {
        docs.get(i)
            .map(|d| sitrep_corpus::document_shingles(d, config.shingle_words))
            .unwrap_or_default()
    };
    let (mut unlabelled, mut false_pairs) = (Vec::new(), Vec::new());
    for &(a, b) in predicted.difference(gold) {
        if exact_rule(&shingles(a), &shingles(b), config) {
            unlabelled.push((a, b));
        } else {
            false_pairs.push((a, b));
        }
    }
    let counts = Counts {
        tp,
        fp: false_pairs.len(),
        fn_: gold.len() - tp,
    };
    (counts, unlabelled, false_pairs)
}

fn make_docs(items: &[(String, String)], flags: &LineFlagsStage) -> Vec<Document> {
    items
        .iter()
        .filter_map(|(name, text)| {
            let meta = DocMeta {
                id: name.clone(),
                media_type: "text/plain".into(),
                ..DocMeta::default()
            };
            let mut d = Document::from_text(meta, text.clone()).ok()?;
            // A flagging failure leaves the document unflagged; shingling still works.
            let _ = flags.process(&mut d);
            Some(d)
        })
        .collect()
}

const BOILERPLATE: &[&str] = &[
    "Share this article on Facebook, Twitter and WhatsApp.",
    "Subscribe to our newsletter for the day's top stories.",
    "Follow us on Twitter: @worldnewsdesk",
    "Copyright 2005 World News Desk. All rights reserved.",
    "Advertisement",
    "Click here to read more stories like this.",
    "Photo: Reuters",
    "Related: more news from our business desk",
];

const WORDS: &[&str] = &[
    "the", "also", "said", "new", "reported", "now", "still", "however", "this", "more",
];

/// The edit kinds applied to near copies.
pub const EDITS: [&str; 5] = [
    "boilerplate",
    "drop_paragraph",
    "reorder",
    "headline",
    "words",
];

/// An edited copy of an article: 1 to 3 of the edits in [`EDITS`], chosen by `rng`.
pub fn edit(text: &str, rng: &mut SplitMix64, applied: &mut Vec<&'static str>) -> String {
    let mut paras: Vec<String> = text
        .split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    let n_edits = 1 + rng.below(3);
    let mut kinds: Vec<usize> = (0..EDITS.len()).collect();
    for i in (1..kinds.len()).rev() {
        kinds.swap(i, rng.below(i + 1));
    }
    for &k in kinds.iter().take(n_edits) {
        let Some(&name) = EDITS.get(k) else { continue };
        applied.push(name);
        match name {
            "boilerplate" => {
                let lines = 1 + rng.below(2);
                for _ in 0..lines {
                    let line = BOILERPLATE
                        .get(rng.below(BOILERPLATE.len()))
                        .copied()
                        .unwrap_or("");
                    if rng.below(2) == 0 {
                        paras.push(line.to_owned());
                    } else {
                        let at = 1.min(paras.len()) + rng.below(paras.len().saturating_sub(1) + 1);
                        paras.insert(at.min(paras.len()), line.to_owned());
                    }
                }
            }
            "drop_paragraph" if paras.len() > 4 => {
                let at = 1 + rng.below(paras.len() - 1);
                paras.remove(at);
            }
            "reorder" if paras.len() > 3 => {
                let a = 1 + rng.below(paras.len() - 1);
                let b = 1 + rng.below(paras.len() - 1);
                paras.swap(a, b.max(1));
                let c = 1 + rng.below(paras.len() - 2);
                paras.swap(c, c + 1);
            }
            "headline" => {
                if let Some(h) = paras.first_mut() {
                    let mut words: Vec<&str> = h.split_whitespace().collect();
                    if words.len() > 2 {
                        words.remove(rng.below(words.len()));
                    }
                    let prefix = ["UPDATE:", "Analysis:", "Breaking:", "Live:"]
                        .get(rng.below(4))
                        .copied()
                        .unwrap_or("");
                    *h = format!("{prefix} {}", words.join(" "));
                }
            }
            "words" => {
                for p in paras.iter_mut().skip(1) {
                    let mut out: Vec<&str> = Vec::new();
                    for w in p.split(' ') {
                        let r = rng.unit();
                        if r < 0.015 {
                            continue; // deleted
                        } else if r < 0.03 {
                            out.push(WORDS.get(rng.below(WORDS.len())).copied().unwrap_or(w));
                        } else {
                            out.push(w);
                        }
                    }
                    *p = out.join(" ");
                }
            }
            _ => {
                applied.pop();
            }
        }
    }
    paras.join("\n\n")
}

/// Scores duplicate-pair detection on the articles under `gold`.
pub fn evaluate(gold: &Path) -> Result<EvalReport, EvalError> {
    let started = Instant::now();
    let articles = read_articles(gold)?;
    let flags = LineFlagsStage::new("flags", LineFlagsConfig::default());
    let config = DedupConfig::default();
    let mut notes = Vec::new();

    // Exact set: all articles; gold groups by identical text.
    let docs = make_docs(&articles, &flags);
    let mut by_text: BTreeMap<&str, usize> = BTreeMap::new();
    let gold_labels: Vec<usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| *by_text.entry(d.text()).or_insert(i))
        .collect();
    let detect_start = Instant::now();
    let links = detect(&docs, &config);
    let detect_secs = detect_start.elapsed().as_secs_f64();
    let gold_exact = pairs(&gold_labels);
    let predicted_exact = pairs(&link_groups(&links));
    let (exact, unlabelled, false_pairs) = score(&gold_exact, &predicted_exact, &docs, &config);
    notes.push(format!(
        "exact: {} articles, {} gold pairs, {} predicted ({} unlabelled near-copies, not scored); \
         detector {:.0} documents/s",
        docs.len(),
        gold_exact.len(),
        predicted_exact.len(),
        unlabelled.len(),
        docs.len() as f64 / detect_secs.max(1e-9)
    ));
    let name = |docs: &[Document], i: usize| docs.get(i).map_or("?", |d| d.id()).to_owned();
    for &(a, b) in false_pairs.iter().take(10) {
        notes.push(format!(
            "  false pair: {} ~ {}",
            name(&docs, a),
            name(&docs, b)
        ));
    }

    // Near set: distinct articles, then edited copies of a seeded sample.
    let unique: Vec<&(String, String)> = articles
        .iter()
        .zip(&gold_labels)
        .enumerate()
        .filter(|(i, (_, g))| *i == **g)
        .map(|(_, (a, _))| a)
        .collect();
    let mut rng = SplitMix64::new(SEED);
    let mut order: Vec<usize> = (0..unique.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut near_items: Vec<(String, String)> = unique.iter().map(|a| (*a).clone()).collect();
    let mut near_gold: Vec<usize> = (0..unique.len()).collect();
    let mut edit_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &src in order.iter().take(NEAR_COPIES) {
        let Some((name, text)) = unique.get(src) else {
            continue;
        };
        let mut applied = Vec::new();
        let copy = edit(text, &mut rng, &mut applied);
        for a in applied {
            *edit_counts.entry(a).or_default() += 1;
        }
        near_items.push((format!("edited/{name}"), copy));
        near_gold.push(src);
    }
    let near_docs = make_docs(&near_items, &flags);
    let near_links = detect(&near_docs, &config);
    let gold_near = pairs(&near_gold);
    let predicted_near = pairs(&link_groups(&near_links));
    let (near, near_unlabelled, near_false) =
        score(&gold_near, &predicted_near, &near_docs, &config);
    notes.push(format!(
        "near: {} articles + {} edited copies (seed {SEED}; edits {}), {} gold pairs, {} predicted \
         ({} unlabelled near-copies, not scored)",
        unique.len(),
        near_items.len() - unique.len(),
        edit_counts
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", "),
        gold_near.len(),
        predicted_near.len(),
        near_unlabelled.len()
    ));
    for &(a, b) in gold_near.difference(&predicted_near).take(10) {
        let (na, nb) = (name(&near_docs, a), name(&near_docs, b));
        notes.push(format!("  missed pair: {na} ~ {nb}"));
    }
    for &(a, b) in near_false.iter().take(10) {
        let (na, nb) = (name(&near_docs, a), name(&near_docs, b));
        notes.push(format!("  false pair: {na} ~ {nb}"));
    }

    let mut all = exact;
    all.add(near);
    Ok(EvalReport {
        task: "dedup".into(),
        gold: gold.display().to_string(),
        documents: docs.len() + near_docs.len(),
        items: gold_exact.len() + gold_near.len(),
        metrics: all.metrics(),
        by_type: vec![
            ("exact".into(), exact.metrics()),
            ("near".into(), near.metrics()),
        ],
        seconds: started.elapsed().as_secs_f64(),
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_from_links_follow_chains() {
        let groups = link_groups(&[None, Some(0), Some(1), None]);
        assert_eq!(groups, [0, 0, 0, 3]);
        let p = pairs(&groups);
        assert_eq!(p.len(), 3);
        let gold: BTreeSet<_> = [(0, 1), (2, 3)].into();
        let docs: Vec<Document> = [
            "a b c d e f g h i j k",
            "a b c d e f g h i j k",
            "z y x",
            "q",
        ]
        .iter()
        .map(|t| Document::from_text(DocMeta::default(), *t).unwrap())
        .collect();
        let (c, unlabelled, false_pairs) = score(&gold, &p, &docs, &DedupConfig::default());
        assert_eq!((c.tp, c.fp, c.fn_), (1, 2, 1));
        assert!(unlabelled.is_empty());
        assert_eq!(false_pairs, [(0, 2), (1, 2)]);
    }

    #[test]
    fn exact_rule_uses_jaccard_or_containment() {
        let c = DedupConfig::default();
        let a: Vec<u64> = (0..100).collect();
        let half: Vec<u64> = (50..150).collect();
        let inside: Vec<u64> = (0..40).collect();
        assert!(exact_rule(&a, &a, &c));
        assert!(!exact_rule(&a, &half, &c), "J = 1/3");
        assert!(exact_rule(&a, &inside, &c), "J = 0.4, contained");
        assert!(!exact_rule(&a, &[], &c));
    }

    #[test]
    fn edits_are_seeded() {
        let text = "Headline here\n\nOne para.\n\nTwo para.\n\nThree para.\n\nFour para.\n\nFive.";
        let (mut a, mut b) = (SplitMix64::new(1), SplitMix64::new(1));
        let (mut ea, mut eb) = (vec![], vec![]);
        assert_eq!(edit(text, &mut a, &mut ea), edit(text, &mut b, &mut eb));
        assert_eq!(ea, eb);
        assert!(!ea.is_empty());
    }

    #[test]
    fn latin1_is_decoded() {
        assert_eq!(decode(vec![0xa3, b'5']), "\u{a3}5");
    }
}
