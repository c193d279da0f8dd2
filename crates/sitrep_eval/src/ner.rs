//! Named-entity evaluation (`sitrep eval ner`): CoNLL-2003 column files, entity-level exact
//! match with conlleval semantics (a name counts when its tokens and type both match), per
//! type (PER, ORG, LOC, MISC) and micro-averaged over all types.
//!
//! The tagger reads the gold tokens as given, document by document (split at `-DOCSTART-`),
//! one sentence at a time, exactly as `sitrep train ner` trained it. The scored output is the
//! tagger's CoNLL types, before the entity stage's NORP relabelling and organisation merges
//! (which change CoNLL's spans by design: "Ukrainian Security Service" is one ORG in sitrep,
//! MISC + ORG in CoNLL).
//!
//! The gold path is a `.txt` file or a directory; in a directory, files named `train*` are
//! skipped (training data) and each other `.txt` file is reported as its own row as well.

use crate::{Counts, EvalError, EvalReport};
use sitrep_annotate::entities::conll::{ConllDoc, read_conll};
use sitrep_annotate::entities::{NerSpan, NerTagger, NerType};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Scores the shipped tagger against the gold at `gold`.
pub fn evaluate(gold: &Path) -> Result<EvalReport, EvalError> {
    let tagger = NerTagger::embedded().map_err(|e| EvalError::NoGold {
        path: gold.to_path_buf(),
        message: format!("cannot load the NER model: {e}"),
    })?;
    evaluate_with(gold, tagger)
}

/// Per-type counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NerCounts {
    /// PER, ORG, LOC, MISC in that order.
    pub by_type: [Counts; 4],
}

impl NerCounts {
    /// Micro-averaged counts.
    pub fn total(&self) -> Counts {
        let mut c = Counts::default();
        for t in &self.by_type {
            c.add(*t);
        }
        c
    }

    /// Adds one sentence.
    pub fn add(&mut self, gold: &[NerSpan], pred: &[NerSpan]) {
        for (k, ty) in NerType::ALL.iter().enumerate() {
            let g: Vec<&NerSpan> = gold.iter().filter(|s| s.kind == *ty).collect();
            let p: Vec<&NerSpan> = pred.iter().filter(|s| s.kind == *ty).collect();
            let tp = p.iter().filter(|s| g.contains(s)).count();
            self.by_type[k].add(Counts {
                tp,
                fp: p.len() - tp,
                fn_: g.len() - tp,
            });
        }
    }

    fn merge(&mut self, other: &NerCounts) {
        for (a, b) in self.by_type.iter_mut().zip(&other.by_type) {
            a.add(*b);
        }
    }
}

/// Tags `docs` with `tagger` and counts.
pub fn score(tagger: &NerTagger, docs: &[ConllDoc]) -> NerCounts {
    let mut counts = NerCounts::default();
    for d in docs {
        let toks: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let pred = tagger.tag_document(&toks);
        for (s, p) in d.sentences.iter().zip(&pred) {
            counts.add(&s.spans, p);
        }
    }
    counts
}

fn gold_files(path: &Path, notes: &mut Vec<String>) -> Result<Vec<PathBuf>, EvalError> {
    let meta = std::fs::metadata(path).map_err(|e| EvalError::io(path, e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| EvalError::io(path, e))? {
        let p = entry.map_err(|e| EvalError::io(path, e))?.path();
        let name = p
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        if !name.ends_with(".txt") || p.is_dir() {
            continue;
        }
        if name.starts_with("train") {
            notes.push(format!("skipped {} (training data)", p.display()));
            continue;
        }
        if name.starts_with("README") {
            continue;
        }
        files.push(p);
    }
    files.sort();
    if files.is_empty() {
        return Err(EvalError::NoGold {
            path: path.to_path_buf(),
            message: "no CoNLL-2003 .txt files found".into(),
        });
    }
    Ok(files)
}

/// Scores `tagger` against the CoNLL gold at `gold` (a file or a directory).
pub fn evaluate_with(gold: &Path, tagger: &NerTagger) -> Result<EvalReport, EvalError> {
    let started = Instant::now();
    let mut notes = Vec::new();
    let files = gold_files(gold, &mut notes)?;
    let mut total = NerCounts::default();
    let mut per_file = Vec::new();
    let (mut documents, mut tokens) = (0usize, 0usize);
    for path in &files {
        let text = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
        let docs = read_conll(&text).map_err(|e| EvalError::Format {
            path: path.clone(),
            line: e.line,
            message: e.message,
        })?;
        documents += docs.len();
        tokens += docs
            .iter()
            .flat_map(|d| &d.sentences)
            .map(|s| s.tokens.len())
            .sum::<usize>();
        let counts = score(tagger, &docs);
        total.merge(&counts);
        per_file.push((path.clone(), counts));
    }
    let seconds = started.elapsed().as_secs_f64();
    let all = total.total();
    let mut by_type: Vec<(String, Vec<(String, f64)>)> = NerType::ALL
        .iter()
        .zip(&total.by_type)
        .map(|(t, c)| (t.as_str().to_owned(), c.metrics()))
        .collect();
    if per_file.len() > 1 {
        for (p, c) in &per_file {
            let stem = p
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            by_type.push((format!("conll:{stem}"), c.total().metrics()));
        }
    }
    notes.push(format!(
        "{tokens} tokens tagged in {seconds:.2}s ({:.0} tokens/s, including reading)",
        tokens as f64 / seconds.max(1e-9)
    ));
    Ok(EvalReport {
        task: "ner".into(),
        gold: gold.display().to_string(),
        documents,
        items: all.tp + all.fn_,
        metrics: all.metrics(),
        by_type,
        seconds,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_exact_matches_per_type() {
        let s = |start, end, kind| NerSpan { start, end, kind };
        let mut c = NerCounts::default();
        c.add(
            &[s(0, 2, NerType::Per), s(3, 4, NerType::Loc)],
            &[
                s(0, 2, NerType::Per),
                s(3, 5, NerType::Loc),
                s(6, 7, NerType::Misc),
            ],
        );
        assert_eq!(
            c.by_type[0],
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            c.by_type[2],
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            c.by_type[3],
            Counts {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
        let t = c.total();
        assert_eq!((t.tp, t.fp, t.fn_), (1, 2, 1));
    }
}
