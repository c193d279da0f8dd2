//! CoNLL-2003 column files: documents split at `-DOCSTART-`, sentences at blank lines, the
//! token in the first column and the IOB tag (IOB1 or IOB2) in the last.

use super::model::{NerSpan, NerType};

/// A sentence with its gold names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllSentence {
    /// Tokens as given.
    pub tokens: Vec<String>,
    /// Gold names (conlleval chunking).
    pub spans: Vec<NerSpan>,
}

/// A document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllDoc {
    /// Its sentences.
    pub sentences: Vec<ConllSentence>,
}

/// A malformed line: 1-based line number and message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ConllError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Chunks IOB tags the way conlleval does: a chunk starts at `B-`, at an `I-` after `O` or
/// after another type, and ends before a tag that starts a new chunk or is `O`.
pub fn iob_to_spans<S: AsRef<str>>(tags: &[S]) -> Vec<NerSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerType)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (prefix, ty) = match tag.split_once('-') {
            Some((p, t)) => (p, NerType::parse(t)),
            None => ("O", None),
        };
        let starts = match (ty, open) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(t), Some((_, ot))) => prefix == "B" || t != ot,
        };
        if (ty.is_none() || starts)
            && let Some((s, t)) = open.take()
        {
            out.push(NerSpan {
                start: s,
                end: i,
                kind: t,
            });
        }
        if starts && let Some(t) = ty {
            open = Some((i, t));
        }
    }
    if let Some((s, t)) = open {
        out.push(NerSpan {
            start: s,
            end: tags.len(),
            kind: t,
        });
    }
    out
}

/// Reads a CoNLL-2003 file. A file without `-DOCSTART-` lines is one document.
pub fn read_conll(text: &str) -> Result<Vec<ConllDoc>, ConllError> {
    let mut docs: Vec<ConllDoc> = Vec::new();
    let mut doc = ConllDoc::default();
    let mut toks: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let flush = |doc: &mut ConllDoc, toks: &mut Vec<String>, tags: &mut Vec<String>| {
        if !toks.is_empty() {
            let spans = iob_to_spans(tags);
            doc.sentences.push(ConllSentence {
                tokens: std::mem::take(toks),
                spans,
            });
            tags.clear();
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut doc, &mut toks, &mut tags);
            continue;
        }
        let mut cols = line.split_whitespace();
        let (Some(tok), Some(tag)) = (cols.next(), cols.next_back()) else {
            return Err(ConllError {
                line: n + 1,
                message: format!("expected `token ... TAG`, found {line:?}"),
            });
        };
        if tok == "-DOCSTART-" {
            flush(&mut doc, &mut toks, &mut tags);
            if !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let known = tag
            .split_once('-')
            .is_some_and(|(_, t)| NerType::parse(t).is_some());
        if tag != "O" && !known {
            return Err(ConllError {
                line: n + 1,
                message: format!("unknown tag {tag:?}"),
            });
        }
        toks.push(tok.to_owned());
        tags.push(tag.to_owned());
    }
    flush(&mut doc, &mut toks, &mut tags);
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conlleval_chunking() {
        let s = iob_to_spans(&["B-PER", "I-PER", "I-LOC", "O", "I-ORG", "B-ORG", "I-ORG"]);
        let got: Vec<(usize, usize, &str)> = s
            .iter()
            .map(|s| (s.start, s.end, s.kind.as_str()))
            .collect();
        assert_eq!(
            got,
            [(0, 2, "PER"), (2, 3, "LOC"), (4, 5, "ORG"), (5, 7, "ORG")]
        );
    }

    #[test]
    fn reads_documents() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n\
                    Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- O\n\nX X O\n";
        let docs = read_conll(text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[1].spans[0].end, 2);
        assert!(read_conll("a B-FOO\n").is_err());
    }
}
