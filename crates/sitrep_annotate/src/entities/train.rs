//! Training: a structured averaged perceptron (Collins 2002) over BILOU labels with Viterbi
//! decoding, trained document by document so that the history features see the model's own
//! earlier predictions, as they will at run time.
//!
//! Deterministic: documents are shuffled each epoch by a fixed-seed SplitMix64, features are
//! hashed, and the saved rows are sorted by key. The epoch count is chosen on the development
//! set (the averaged weights are scored after every epoch and the best are kept).
//!
//! The shipped model is an ensemble: [`TrainConfig::ensemble`] perceptrons trained with
//! consecutive shuffle seeds, each stopped at its best development epoch, whose weights are
//! averaged into one table (one model at run time, so tagging costs the same; it lowers the
//! seed-to-seed variance of about 0.5 F1 points on the development set).

use super::conll::ConllDoc;
use super::features::{DocInfo, History, static_features};
use super::lexicon::Lexicon;
use super::model::{
    L, ModelError, NerSpan, Transitions, Weights, spans_to_labels, type_of, viterbi,
};
use super::tagger::decode_doc;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Training options.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Maximum passes over the training data.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
    /// Features seen fewer times than this in the training data are dropped.
    pub min_count: u32,
    /// Rows whose largest averaged weight is below this share of the largest weight in the
    /// model are dropped when saving.
    pub prune: f32,
    /// Models trained with consecutive shuffle seeds whose weights are averaged.
    pub ensemble: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            epochs: 15,
            seed: 1,
            min_count: 2,
            prune: 0.002,
            ensemble: 5,
        }
    }
}

/// Entity-level counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prf {
    /// Correct names.
    pub tp: usize,
    /// Predicted names.
    pub predicted: usize,
    /// Gold names.
    pub gold: usize,
}

impl Prf {
    /// F1 of exact-match names.
    pub fn f1(&self) -> f64 {
        if self.predicted + self.gold == 0 {
            return 1.0;
        }
        2.0 * self.tp as f64 / (self.predicted + self.gold) as f64
    }

    /// Adds a sentence's gold and predicted names.
    pub fn add(&mut self, gold: &[NerSpan], pred: &[NerSpan]) {
        self.gold += gold.len();
        self.predicted += pred.len();
        self.tp += pred.iter().filter(|p| gold.contains(p)).count();
    }
}

/// What one epoch did.
#[derive(Debug, Clone)]
pub struct EpochReport {
    /// 0-based ensemble member.
    pub member: usize,
    /// 1-based epoch.
    pub epoch: usize,
    /// Sentences with at least one wrong label during the pass.
    pub mistakes: usize,
    /// Feature rows so far.
    pub rows: usize,
    /// Development-set score of the averaged weights.
    pub dev: Prf,
}

/// A trained model.
#[derive(Debug, Clone)]
pub struct Trained {
    /// The `model.bin` bytes.
    pub bytes: Vec<u8>,
    /// The epoch whose averaged weights were kept (of the last ensemble member).
    pub best_epoch: usize,
    /// The development-set F1 of the (merged) model before pruning.
    pub dev_f1: f64,
    /// Feature rows saved.
    pub rows: usize,
}

#[derive(Debug, Default, Clone, Copy)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = u64::from(i).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type IdMap<V> = HashMap<u32, V, BuildHasherDefault<IdHasher>>;

struct Perceptron {
    rows: IdMap<u32>,
    w: Vec<i32>,
    u: Vec<i64>,
    /// Transitions (L x L), then start (L), then end (L).
    tw: Vec<i32>,
    tu: Vec<i64>,
    c: i64,
    em_cache: Vec<[f32; L]>,
}

impl Perceptron {
    fn new() -> Self {
        Self {
            rows: IdMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            tw: vec![0; L * L + 2 * L],
            tu: vec![0; L * L + 2 * L],
            c: 1,
            em_cache: Vec::new(),
        }
    }

    fn transitions(&self) -> Transitions {
        let mut tr = Transitions::default();
        for (i, v) in self.tw.iter().enumerate() {
            let f = *v as f32;
            if i < L * L {
                tr.trans[i] = f;
            } else if i < L * L + L {
                tr.start[i - L * L] = f;
            } else {
                tr.end[i - L * L - L] = f;
            }
        }
        tr
    }

    fn score(&self, keys: &[u32], out: &mut [f32; L]) {
        *out = [0.0; L];
        for k in keys {
            if let Some(&r) = self.rows.get(k) {
                let base = r as usize * L;
                for (o, w) in out.iter_mut().zip(&self.w[base..base + L]) {
                    *o += *w as f32;
                }
            }
        }
    }

    fn update(&mut self, k: u32, y: u8, d: i32) {
        let next = self.rows.len() as u32;
        let r = *self.rows.entry(k).or_insert(next);
        if r == next {
            self.w.extend_from_slice(&[0; L]);
            self.u.extend_from_slice(&[0; L]);
        }
        let i = r as usize * L + usize::from(y);
        self.w[i] += d;
        self.u[i] += self.c * i64::from(d);
    }

    fn update_t(&mut self, i: usize, d: i32) {
        self.tw[i] += d;
        self.tu[i] += self.c * i64::from(d);
    }

    fn averaged(&self) -> Weights {
        let c = self.c as f64;
        let mut entries = Vec::with_capacity(self.rows.len());
        let mut keys: Vec<(u32, u32)> = self.rows.iter().map(|(k, r)| (*k, *r)).collect();
        keys.sort_unstable();
        for (k, r) in keys {
            let base = r as usize * L;
            let mut row = [0f32; L];
            for (j, v) in row.iter_mut().enumerate() {
                *v = (f64::from(self.w[base + j]) - self.u[base + j] as f64 / c) as f32;
            }
            entries.push((k, row));
        }
        let mut tr = Transitions::default();
        for (i, (w, u)) in self.tw.iter().zip(&self.tu).enumerate() {
            let f = (f64::from(*w) - *u as f64 / c) as f32;
            if i < L * L {
                tr.trans[i] = f;
            } else if i < L * L + L {
                tr.start[i - L * L] = f;
            } else {
                tr.end[i - L * L - L] = f;
            }
        }
        Weights::new(entries, tr)
    }
}

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

struct Prepared {
    info: DocInfo,
    /// Static keys per sentence per token.
    keys: Vec<Vec<Vec<u32>>>,
    gold: Vec<Vec<u8>>,
}

fn prepare(doc: &ConllDoc, lexicon: &Lexicon) -> Prepared {
    let toks: Vec<Vec<&str>> = doc
        .sentences
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect();
    let info = DocInfo::new(&toks, lexicon);
    let mut keys = Vec::with_capacity(toks.len());
    for (s, sent) in info.sents.iter().enumerate() {
        let mut sk = Vec::with_capacity(sent.toks.len());
        for i in 0..sent.toks.len() {
            let mut k = Vec::with_capacity(48);
            static_features(&info, s, i, &mut k);
            sk.push(k);
        }
        keys.push(sk);
    }
    let gold = doc
        .sentences
        .iter()
        .map(|s| spans_to_labels(s.tokens.len(), &s.spans))
        .collect();
    Prepared { info, keys, gold }
}

/// Scores a model on documents (exact-match names).
pub(crate) fn score_docs(weights: &Weights, docs: &[(DocInfo, Vec<Vec<NerSpan>>)]) -> Prf {
    let mut prf = Prf::default();
    for (info, gold) in docs {
        let pred = decode_doc(weights, info);
        for (g, p) in gold.iter().zip(&pred) {
            prf.add(g, p);
        }
    }
    prf
}

/// Trains a model on `train`, choosing the epoch on `dev` (when `dev` is empty, the last
/// epoch is kept). `progress` is called after every epoch.
pub fn train(
    train: &[ConllDoc],
    dev: &[ConllDoc],
    lexicon: &Lexicon,
    config: &TrainConfig,
    progress: &mut dyn FnMut(&EpochReport),
) -> Result<Trained, ModelError> {
    let mut docs: Vec<Prepared> = train.iter().map(|d| prepare(d, lexicon)).collect();
    // Feature count cutoff.
    let mut counts: IdMap<u32> = IdMap::default();
    for d in &docs {
        for k in d.keys.iter().flatten().flatten() {
            *counts.entry(*k).or_insert(0) += 1;
        }
    }
    for d in &mut docs {
        for k in d.keys.iter_mut().flatten() {
            k.retain(|f| counts.get(f).is_some_and(|&c| c >= config.min_count));
        }
    }
    drop(counts);
    let dev_docs: Vec<(DocInfo, Vec<Vec<NerSpan>>)> = dev
        .iter()
        .map(|d| {
            let toks: Vec<Vec<&str>> = d
                .sentences
                .iter()
                .map(|s| s.tokens.iter().map(String::as_str).collect())
                .collect();
            (
                DocInfo::new(&toks, lexicon),
                d.sentences.iter().map(|s| s.spans.clone()).collect(),
            )
        })
        .collect();

    let seeds = config.ensemble.max(1) as u64;
    let mut members = Vec::new();
    let mut best_epoch = 0;
    for m in 0..seeds {
        let (_, epoch, w) = train_one(&docs, &dev_docs, config, m, progress)?;
        best_epoch = epoch;
        members.push(w);
    }
    let weights = if members.len() == 1 {
        members
            .pop()
            .ok_or_else(|| ModelError::Corrupt("no model".into()))?
    } else {
        merge(&members)
    };
    let dev_f1 = score_docs(&weights, &dev_docs).f1();
    let weights = prune(&weights, config.prune);
    let rows = weights.len();
    Ok(Trained {
        bytes: weights.to_bytes()?,
        best_epoch,
        dev_f1,
        rows,
    })
}

/// One averaged perceptron from one shuffle seed: (dev F1, epoch, weights) of the best epoch.
fn train_one(
    docs: &[Prepared],
    dev_docs: &[(DocInfo, Vec<Vec<NerSpan>>)],
    config: &TrainConfig,
    member: u64,
    progress: &mut dyn FnMut(&EpochReport),
) -> Result<(f64, usize, Weights), ModelError> {
    let member = member as usize;
    let mut p = Perceptron::new();
    let mut rng = SplitMix(config.seed.wrapping_add(member as u64));
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut best: Option<(f64, usize, Weights)> = None;
    let mut keys: Vec<u32> = Vec::with_capacity(64);
    let mut all_keys: Vec<Vec<u32>> = Vec::new();
    let mut pred = Vec::new();
    let mut types = Vec::new();
    for epoch in 1..=config.epochs.max(1) {
        // Fisher-Yates with the fixed-seed generator.
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut mistakes = 0usize;
        for &di in &order {
            let d = &docs[di];
            let mut history = History::default();
            for (s, sent) in d.info.sents.iter().enumerate() {
                let n = sent.toks.len();
                all_keys.clear();
                p.em_cache.clear();
                for (i, t) in sent.toks.iter().enumerate() {
                    keys.clear();
                    keys.extend_from_slice(&d.keys[s][i]);
                    history.features(t, &mut keys);
                    let mut row = [0f32; L];
                    p.score(&keys, &mut row);
                    p.em_cache.push(row);
                    all_keys.push(keys.clone());
                }
                let tr = p.transitions();
                viterbi(&p.em_cache, &tr, &mut pred);
                let gold = &d.gold[s];
                if pred != *gold {
                    mistakes += 1;
                    for i in 0..n {
                        if pred[i] != gold[i] {
                            for &k in &all_keys[i] {
                                p.update(k, gold[i], 1);
                                p.update(k, pred[i], -1);
                            }
                        }
                        let (g0, p0) = if i == 0 {
                            (L * L + usize::from(gold[0]), L * L + usize::from(pred[0]))
                        } else {
                            (
                                usize::from(gold[i - 1]) * L + usize::from(gold[i]),
                                usize::from(pred[i - 1]) * L + usize::from(pred[i]),
                            )
                        };
                        if g0 != p0 {
                            p.update_t(g0, 1);
                            p.update_t(p0, -1);
                        }
                    }
                    let (ge, pe) = (
                        L * L + L + usize::from(gold[n - 1]),
                        L * L + L + usize::from(pred[n - 1]),
                    );
                    if ge != pe {
                        p.update_t(ge, 1);
                        p.update_t(pe, -1);
                    }
                }
                types.clear();
                types.extend(pred.iter().map(|&l| type_of(l)));
                history.record(&sent.toks, &types);
                p.c += 1;
            }
        }
        let avg = p.averaged();
        let dev_prf = score_docs(&avg, dev_docs);
        progress(&EpochReport {
            member,
            epoch,
            mistakes,
            rows: p.rows.len(),
            dev: dev_prf,
        });
        let f1 = dev_prf.f1();
        if dev_docs.is_empty() || best.as_ref().is_none_or(|(b, _, _)| f1 > *b) {
            best = Some((f1, epoch, avg));
        }
    }
    best.ok_or_else(|| ModelError::Corrupt("no epochs".into()))
}

/// The mean of several models' weights (a row missing from a model counts as zero).
fn merge(models: &[Weights]) -> Weights {
    let n = models.len() as f32;
    let mut rows: std::collections::BTreeMap<u32, [f32; L]> = std::collections::BTreeMap::new();
    let mut tr = Transitions::default();
    for m in models {
        for (k, w) in m.entries() {
            let r = rows.entry(k).or_insert([0.0; L]);
            for (a, b) in r.iter_mut().zip(&w) {
                *a += b / n;
            }
        }
        for (a, b) in tr.trans.iter_mut().zip(&m.tr.trans) {
            *a += b / n;
        }
        for (a, b) in tr.start.iter_mut().zip(&m.tr.start) {
            *a += b / n;
        }
        for (a, b) in tr.end.iter_mut().zip(&m.tr.end) {
            *a += b / n;
        }
    }
    Weights::new(rows.into_iter().collect(), tr)
}

fn prune(weights: &Weights, share: f32) -> Weights {
    let entries = weights.entries();
    let max = entries
        .iter()
        .flat_map(|(_, w)| w.iter())
        .fold(0f32, |m, w| m.max(w.abs()));
    let cut = max * share;
    let kept: Vec<(u32, [f32; L])> = entries
        .into_iter()
        .filter(|(_, w)| w.iter().any(|v| v.abs() >= cut))
        .collect();
    Weights::new(kept, weights.tr.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::conll::read_conll;
    use crate::entities::tagger::NerTagger;

    #[test]
    fn tiny_training_run_learns_and_is_deterministic() {
        let text = "-DOCSTART- X O\n\nJohn B-PER\nSmith I-PER\nvisited O\nParis B-LOC\n. O\n\n\
                    Mary B-PER\nJones I-PER\nleft O\nBerlin B-LOC\n. O\n\n\
                    -DOCSTART- X O\n\nAcme B-ORG\nCorp I-ORG\nhired O\nJohn B-PER\nSmith I-PER\n. O\n";
        let docs = read_conll(text).unwrap();
        let lex = Lexicon::from_tsv("CITY\tParis\tFRA\n");
        let config = TrainConfig {
            epochs: 10,
            min_count: 2,
            prune: 0.0,
            ensemble: 2,
            ..TrainConfig::default()
        };
        let mut epochs = Vec::new();
        let a = train(&docs, &docs, &lex, &config, &mut |r| {
            epochs.push((r.member, r.epoch));
        })
        .unwrap();
        let b = train(&docs, &docs, &lex, &config, &mut |_| {}).unwrap();
        assert_eq!(epochs.len(), 20, "two members of ten epochs");
        assert_eq!(epochs[10], (1, 1));
        assert_eq!(a.bytes, b.bytes, "training is deterministic");
        assert!(a.dev_f1 > 0.99, "{}", a.dev_f1);
        let tagger = NerTagger::from_bytes(&a.bytes, lex).unwrap();
        let tagged = tagger.tag_document(&[vec!["Mary", "Jones", "visited", "Paris", "."]]);
        assert_eq!(tagged[0].len(), 2, "{tagged:?}");
    }
}
