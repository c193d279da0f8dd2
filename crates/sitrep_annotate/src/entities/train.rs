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
//!
//! Two stages ([`TrainConfig::two_stage`], Ratinov & Roth 2009): the second model has the
//! first's features plus the first stage's labels around each token and over the document's
//! other mentions of the same word. Its training documents carry first-stage labels from a
//! jackknife (each fold tagged by a model trained on the other folds), so it learns how far
//! to trust them; the development documents carry the shipped first stage's labels, as at
//! run time. Both tables ship in `model.bin`.

use super::conll::ConllDoc;
use super::features::{DocInfo, History, static_features};
use super::lexicon::Lexicon;
use super::model::{
    L, ModelError, NerSpan, Transitions, Weights, join_stages, spans_to_labels, type_of, viterbi,
};
use super::tagger::{decode_doc, decode_labels};
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
    /// Train a second stage that sees the first stage's labels (two-stage prediction
    /// aggregation).
    pub two_stage: bool,
    /// Folds of the training documents for the first stage's labels the second stage learns
    /// from (each fold tagged by a model trained on the others).
    pub folds: usize,
    /// Ensemble size of each fold's model.
    pub fold_ensemble: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            epochs: 15,
            seed: 1,
            min_count: 2,
            prune: 0.002,
            ensemble: 5,
            two_stage: true,
            folds: 5,
            fold_ensemble: 1,
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

fn prepare(doc: &ConllDoc, lexicon: &Lexicon, stage1: Option<Vec<Vec<u8>>>) -> Prepared {
    let mut info = DocInfo::new(&doc_tokens(doc), lexicon);
    if let Some(l) = stage1 {
        info.set_stage1(l);
    }
    let mut keys = Vec::with_capacity(info.sents.len());
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

fn doc_tokens(doc: &ConllDoc) -> Vec<Vec<&str>> {
    doc.sentences
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect()
}

/// Drops the features seen fewer than `min_count` times in `docs`.
fn cutoff(docs: &mut [Prepared], min_count: u32) {
    let mut counts: IdMap<u32> = IdMap::default();
    for d in docs.iter() {
        for k in d.keys.iter().flatten().flatten() {
            *counts.entry(*k).or_insert(0) += 1;
        }
    }
    for d in docs.iter_mut() {
        for k in d.keys.iter_mut().flatten() {
            k.retain(|f| counts.get(f).is_some_and(|&c| c >= min_count));
        }
    }
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

/// Averages `n` perceptrons (consecutive seeds from `first`) trained on the documents
/// `subset` of `docs`: the merged weights and the last member's best epoch.
fn ensemble(
    docs: &[Prepared],
    subset: &[usize],
    dev_docs: &[(DocInfo, Vec<Vec<NerSpan>>)],
    config: &TrainConfig,
    first: u64,
    n: usize,
    progress: &mut dyn FnMut(&EpochReport),
) -> Result<(Weights, usize), ModelError> {
    let mut members = Vec::new();
    let mut best_epoch = 0;
    for m in first..first + n.max(1) as u64 {
        let (_, epoch, w) = train_one(docs, subset, dev_docs, config, m, progress)?;
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
    Ok((weights, best_epoch))
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
    let mut docs: Vec<Prepared> = train.iter().map(|d| prepare(d, lexicon, None)).collect();
    cutoff(&mut docs, config.min_count);
    let mut dev_docs: Vec<(DocInfo, Vec<Vec<NerSpan>>)> = dev
        .iter()
        .map(|d| {
            (
                DocInfo::new(&doc_tokens(d), lexicon),
                d.sentences.iter().map(|s| s.spans.clone()).collect(),
            )
        })
        .collect();
    let all: Vec<usize> = (0..docs.len()).collect();
    let (weights, mut best_epoch) =
        ensemble(&docs, &all, &dev_docs, config, 0, config.ensemble, progress)?;
    let mut dev_f1 = score_docs(&weights, &dev_docs).f1();
    let weights = prune(&weights, config.prune);
    let mut rows = weights.len();
    let mut bytes = weights.to_bytes()?;
    if config.two_stage {
        // The first stage's labels on the training documents come from models that did not
        // see them (jackknife), so that the second stage learns how far to trust them.
        let folds = config.folds.max(2);
        let fold_ens = config.fold_ensemble.max(1);
        let mut labels: Vec<Vec<Vec<u8>>> = vec![Vec::new(); docs.len()];
        for f in 0..folds {
            let rest: Vec<usize> = all.iter().copied().filter(|i| i % folds != f).collect();
            let (w, _) = ensemble(
                &docs,
                &rest,
                &dev_docs,
                config,
                100 + (f * fold_ens) as u64,
                fold_ens,
                progress,
            )?;
            for i in all.iter().copied().filter(|i| i % folds == f) {
                labels[i] = decode_labels(&w, &docs[i].info);
            }
        }
        // The dev documents get the shipped first stage's labels, as at run time.
        let first = Weights::from_bytes(&bytes)?;
        for (info, _) in &mut dev_docs {
            let l = decode_labels(&first, info);
            info.set_stage1(l);
        }
        let mut docs2: Vec<Prepared> = train
            .iter()
            .zip(labels)
            .map(|(d, l)| prepare(d, lexicon, Some(l)))
            .collect();
        cutoff(&mut docs2, config.min_count);
        drop(docs);
        let (w2, e2) = ensemble(
            &docs2,
            &all,
            &dev_docs,
            config,
            0,
            config.ensemble,
            progress,
        )?;
        best_epoch = e2;
        dev_f1 = score_docs(&w2, &dev_docs).f1();
        let w2 = prune(&w2, config.prune);
        rows += w2.len();
        bytes = join_stages(&bytes, &w2.to_bytes()?)?;
    }
    Ok(Trained {
        bytes,
        best_epoch,
        dev_f1,
        rows,
    })
}

/// One averaged perceptron from one shuffle seed: (dev F1, epoch, weights) of the best epoch.
fn train_one(
    docs: &[Prepared],
    subset: &[usize],
    dev_docs: &[(DocInfo, Vec<Vec<NerSpan>>)],
    config: &TrainConfig,
    member: u64,
    progress: &mut dyn FnMut(&EpochReport),
) -> Result<(f64, usize, Weights), ModelError> {
    let member = member as usize;
    let mut p = Perceptron::new();
    let mut rng = SplitMix(config.seed.wrapping_add(member as u64));
    let mut order: Vec<usize> = subset.to_vec();
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
    use crate::entities::model::NerType;
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
            two_stage: false,
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
        assert!(tagger.second.is_none());
    }

    #[test]
    fn two_stage_training_ships_both_stages() {
        let text = "-DOCSTART- X O\n\nJohn B-PER\nSmith I-PER\nvisited O\nParis B-LOC\n. O\n\n\
                    Smith B-PER\nleft O\nParis B-LOC\n. O\n\n\
                    -DOCSTART- X O\n\nAcme B-ORG\nCorp I-ORG\nhired O\nMary B-PER\nJones I-PER\n. O\n\n\
                    -DOCSTART- X O\n\nMary B-PER\nJones I-PER\nleft O\nAcme B-ORG\n. O\n";
        let docs = read_conll(text).unwrap();
        let lex = Lexicon::from_tsv("CITY\tParis\tFRA\n");
        let config = TrainConfig {
            epochs: 8,
            min_count: 1,
            prune: 0.0,
            ensemble: 1,
            two_stage: true,
            folds: 3,
            ..TrainConfig::default()
        };
        let mut runs = 0;
        let a = train(&docs, &docs, &lex, &config, &mut |r| {
            if r.epoch == 1 {
                runs += 1;
            }
        })
        .unwrap();
        let b = train(&docs, &docs, &lex, &config, &mut |_| {}).unwrap();
        assert_eq!(runs, 1 + 3 + 1, "first stage, three folds, second stage");
        assert_eq!(a.bytes, b.bytes, "training is deterministic");
        assert!(a.bytes.starts_with(b"SRNER2\n"));
        let tagger = NerTagger::from_bytes(&a.bytes, lex).unwrap();
        assert!(tagger.second.is_some());
        let tagged = tagger.tag_document(&[vec!["Mary", "Jones", "visited", "Paris", "."]]);
        assert_eq!(
            tagged[0]
                .iter()
                .map(|s| (s.start, s.end, s.kind))
                .collect::<Vec<_>>(),
            [(0, 2, NerType::Per), (3, 4, NerType::Loc)]
        );
    }
}
