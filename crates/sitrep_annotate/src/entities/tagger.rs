//! The runtime tagger: a model plus the lexicon its gazetteer features need.

use super::features::{DocInfo, History, static_features};
use super::lexicon::Lexicon;
use super::model::{L, ModelError, NerSpan, Weights, labels_to_spans, type_of, viterbi};
use std::sync::OnceLock;

/// A trained name tagger (CoNLL types PER, ORG, LOC, MISC).
#[derive(Debug, Clone)]
pub struct NerTagger {
    pub(crate) weights: Weights,
    pub(crate) lexicon: Lexicon,
}

static EMBEDDED: OnceLock<Result<NerTagger, String>> = OnceLock::new();

/// The weights shipped in the binary (`data/ner/model.bin`).
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../../data/ner/model.bin");

impl NerTagger {
    /// A tagger from model bytes (the `data/ner/model.bin` format) and a lexicon.
    pub fn from_bytes(model: &[u8], lexicon: Lexicon) -> Result<Self, ModelError> {
        Ok(Self {
            weights: Weights::from_bytes(model)?,
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
        self.weights.len()
    }

    /// Tags the sentences of one document (tokens as strings); names per sentence, in order.
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<NerSpan>> {
        let info = DocInfo::new(sentences, &self.lexicon);
        decode_doc(&self.weights, &info)
    }
}

/// Tags a prepared document sentence by sentence, feeding each sentence's predictions into the
/// history features of the next.
pub(crate) fn decode_doc(weights: &Weights, info: &DocInfo) -> Vec<Vec<NerSpan>> {
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
            static_features(info, s, i, &mut keys);
            history.features(t, &mut keys);
            let mut row = [0f32; L];
            weights.score(&keys, &mut row);
            em.push(row);
        }
        viterbi(&em, &weights.tr, &mut labels);
        types.clear();
        types.extend(labels.iter().map(|&l| type_of(l)));
        history.record(&sent.toks, &types);
        out.push(labels_to_spans(&labels));
    }
    out
}
