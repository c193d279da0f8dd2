//! The runtime tagger: a model plus the lexicon its gazetteer features need.

use super::features::{DocInfo, History, stage1_features, static_features};
use super::lexicon::Lexicon;
use super::model::{
    L, ModelError, NerSpan, Weights, labels_to_spans, split_stages, type_of, viterbi,
};
use std::sync::OnceLock;

/// A trained name tagger (CoNLL types PER, ORG, LOC, MISC).
#[derive(Debug, Clone)]
pub struct NerTagger {
    pub(crate) weights: Weights,
    /// The second stage of a two-stage model (it sees the first stage's labels).
    pub(crate) second: Option<Weights>,
    pub(crate) lexicon: Lexicon,
}

static EMBEDDED: OnceLock<Result<NerTagger, String>> = OnceLock::new();

/// The weights shipped in the binary (`data/ner/model.bin`).
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../../data/ner/model.bin");

impl NerTagger {
    /// A tagger from model bytes (the `data/ner/model.bin` format) and a lexicon.
    pub fn from_bytes(model: &[u8], lexicon: Lexicon) -> Result<Self, ModelError> {
        let (first, second) = split_stages(model)?;
        Ok(Self {
            weights: Weights::from_bytes(first)?,
            second: second.map(Weights::from_bytes).transpose()?,
            lexicon,
        })
    }

    /// The shipped model and lexicon, loaded once per process.
    pub fn embedded() -> Result<&'static NerTagger, ModelError> {
        EMBEDDED
            .get_or_init(|| {
                NerTagger::from_bytes(EMBEDDED_MODEL, Lexicon::embedded())
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| ModelError::Corrupt(e.clone()))
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Number of feature rows in the model.
    pub fn features(&self) -> usize {
        self.weights.len() + self.second.as_ref().map_or(0, Weights::len)
    }

    /// Tags the sentences of one document (tokens as strings); names per sentence, in order.
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<NerSpan>> {
        let mut info = DocInfo::new(sentences, &self.lexicon);
        let labels = match &self.second {
            None => decode_labels(&self.weights, &info),
            Some(w2) => {
                // The static features are computed once for both stages.
                let mut flat: Vec<u32> = Vec::new();
                let mut ends: Vec<Vec<usize>> = Vec::with_capacity(info.sents.len());
                for (s, sent) in info.sents.iter().enumerate() {
                    let mut e = Vec::with_capacity(sent.toks.len());
                    for i in 0..sent.toks.len() {
                        static_features(&info, s, i, &mut flat);
                        e.push(flat.len());
                    }
                    ends.push(e);
                }
                let cached = |s: usize, i: usize, out: &mut Vec<u32>| {
                    let start = match i {
                        0 => s
                            .checked_sub(1)
                            .and_then(|p| ends[..=p].iter().rev().find_map(|e| e.last()))
                            .copied()
                            .unwrap_or(0),
                        _ => ends[s][i - 1],
                    };
                    out.extend_from_slice(&flat[start..ends[s][i]]);
                };
                let first = decode_with(&self.weights, &info, &cached);
                info.set_stage1(first);
                decode_with(w2, &info, &|s, i, out: &mut Vec<u32>| {
                    cached(s, i, out);
                    stage1_features(&info, s, i, out);
                })
            }
        };
        labels.iter().map(|l| labels_to_spans(l)).collect()
    }
}

/// Tags a prepared document sentence by sentence, feeding each sentence's predictions into the
/// history features of the next.
pub(crate) fn decode_doc(weights: &Weights, info: &DocInfo) -> Vec<Vec<NerSpan>> {
    decode_labels(weights, info)
        .iter()
        .map(|l| labels_to_spans(l))
        .collect()
}

/// [`decode_doc`]'s BILOU labels.
pub(crate) fn decode_labels(weights: &Weights, info: &DocInfo) -> Vec<Vec<u8>> {
    decode_with(weights, info, &|s, i, out: &mut Vec<u32>| {
        static_features(info, s, i, out);
    })
}

/// [`decode_labels`] with the static features of token `i` of sentence `s` from `features`.
fn decode_with(
    weights: &Weights,
    info: &DocInfo,
    features: &dyn Fn(usize, usize, &mut Vec<u32>),
) -> Vec<Vec<u8>> {
    let mut history = History::default();
    let mut keys: Vec<u32> = Vec::with_capacity(64);
    let mut em: Vec<[f32; L]> = Vec::new();
    let mut labels = Vec::new();
    let mut types = Vec::new();
    let mut out = Vec::with_capacity(info.sents.len());
    for (s, sent) in info.sents.iter().enumerate() {
        em.clear();
        for (i, t) in sent.toks.iter().enumerate() {
            keys.clear();
            features(s, i, &mut keys);
            history.features(t, &mut keys);
            let mut row = [0f32; L];
            weights.score(&keys, &mut row);
            em.push(row);
        }
        viterbi(&em, &weights.tr, &mut labels);
        types.clear();
        types.extend(labels.iter().map(|&l| type_of(l)));
        history.record(&sent.toks, &types);
        out.push(labels.clone());
    }
    out
}
