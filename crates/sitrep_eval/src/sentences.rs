//! Sentence-boundary evaluation (`sitrep eval sentences`).
//!
//! A boundary is the byte offset where a sentence ends (after its last non-space character) in a
//! document's running text; the end of the document is not a boundary, since every segmenter
//! finds it. Precision, recall and F1 are micro-averaged over all boundaries of a sub-corpus and,
//! for the headline, over all sub-corpora with complete gold.
//!
//! The gold format is detected from the path, a file or a directory searched recursively:
//!
//! - **CoNLL-2003** (a `.txt` file whose first line is `-DOCSTART-` or a token with tag
//!   columns): documents split at `-DOCSTART-`, sentences at blank lines, the token is the first
//!   column. The running text is rebuilt with [`detokenize`]. The corpus has no paragraph
//!   information, so sentences are joined by one space, except that a sentence without final
//!   punctuation (dateline "BRUSSELS 1996-08-22", table row, "Scorers :", separator "- - -")
//!   gets a line of its own, as it had in the Reuters original. The segmenter must therefore find
//!   every boundary after ".", "?" or "!" from the text alone, including the one after a headline
//!   that ends in "." (CoNLL gives most headlines a final period) and before the body sentence
//!   that shares its line; boundaries at line ends come for free, and the notes give the figures
//!   without them ("within lines"). CoNLL's own sentence splitter left quirks that are kept as
//!   gold: splits after "Sept." before the day, after "..." before a lower-case word, before
//!   "asked" after a quotation, and a lone "." as a sentence. In a directory, files named
//!   `train*` are skipped (training data); `dev.txt` and `test.txt` are reported separately.
//! - **TimeML** (`.tml`, TempEval-3 TBAQ-cleaned TimeBank and AQUAINT): the files carry no
//!   sentence markup (no `<s>` tags; lines are paragraphs of one or more sentences), so the only
//!   reliable boundaries are paragraph ends. The text of `<TEXT>` (tags stripped, entities
//!   decoded) is rebuilt with the paragraphs run together on one line, and the ends of the
//!   paragraphs that end in ".", "?" or "!" (possibly followed by quotes or brackets) are the
//!   gold. Boundaries inside paragraphs are unknown, so only **recall** is reported for these
//!   sub-corpora.
//!
//! Sub-corpora are named `conll:<file stem>` and `timeml:<directory name>`.

use crate::{Counts, EvalError, EvalReport};
use sitrep_segment::Segmenter;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Error samples shown per sub-corpus and kind.
const SAMPLES: usize = 5;

/// Scores the default segmenter against the gold at `gold`.
pub fn evaluate(gold: &Path) -> Result<EvalReport, EvalError> {
    evaluate_with(gold, &Segmenter::default())
}

/// Scores `segmenter` against the gold at `gold` (a file or a directory).
pub fn evaluate_with(gold: &Path, segmenter: &Segmenter) -> Result<EvalReport, EvalError> {
    let started = Instant::now();
    let mut notes = Vec::new();
    let files = find_gold(gold, &mut notes)?;
    let mut corpora: Vec<Corpus> = Vec::new();
    for (path, format) in &files {
        let src = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
        let (name, docs) = match format {
            Format::Conll => (format!("conll:{}", stem(path)), read_conll(&src, path)?),
            Format::TimeMl => {
                let dir = path.parent().and_then(Path::file_name).map_or_else(
                    || "timeml".to_string(),
                    |d| format!("timeml:{}", d.to_string_lossy()),
                );
                (dir, vec![read_timeml(&src, path)?])
            }
        };
        let idx = match corpora.iter().position(|c| c.name == name) {
            Some(i) => i,
            None => {
                corpora.push(Corpus::new(name, *format == Format::Conll));
                corpora.len() - 1
            }
        };
        if let Some(corpus) = corpora.get_mut(idx) {
            for doc in &docs {
                corpus.add(doc, segmenter);
            }
        }
    }
    Ok(report(
        gold,
        corpora,
        notes,
        started.elapsed().as_secs_f64(),
    ))
}

/// A gold format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Conll,
    TimeMl,
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// The gold files under `path`, in a stable order.
fn find_gold(path: &Path, notes: &mut Vec<String>) -> Result<Vec<(PathBuf, Format)>, EvalError> {
    let meta = std::fs::metadata(path).map_err(|e| EvalError::io(path, e))?;
    if !meta.is_dir() {
        return match sniff(path)? {
            Some(format) => Ok(vec![(path.to_path_buf(), format)]),
            None => Err(EvalError::NoGold {
                path: path.to_path_buf(),
                message: "not a CoNLL-2003 (.txt) or TimeML (.tml) gold file".into(),
            }),
        };
    }
    let mut found = Vec::new();
    let mut dirs = vec![path.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(&dir).map_err(|e| EvalError::io(&dir, e))? {
            entries.push(entry.map_err(|e| EvalError::io(&dir, e))?.path());
        }
        entries.sort();
        let mut subdirs = Vec::new();
        for p in entries {
            if p.is_dir() {
                subdirs.push(p);
            } else if stem(&p).starts_with("train") && has_ext(&p, "txt") {
                notes.push(format!("skipped {} (training data)", p.display()));
            } else if let Some(format) = sniff(&p)? {
                found.push((p, format));
            }
        }
        // Depth first, in name order.
        dirs.extend(subdirs.into_iter().rev());
    }
    if found.is_empty() {
        return Err(EvalError::NoGold {
            path: path.to_path_buf(),
            message: "no CoNLL-2003 (.txt) or TimeML (.tml) gold files found".into(),
        });
    }
    Ok(found)
}

fn has_ext(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// The format of a file: `.tml` is TimeML; a `.txt` file is CoNLL when its first non-blank
/// line is `-DOCSTART-` or a token followed by columns ending in an IOB tag.
fn sniff(path: &Path) -> Result<Option<Format>, EvalError> {
    if has_ext(path, "tml") {
        return Ok(Some(Format::TimeMl));
    }
    if !has_ext(path, "txt") {
        return Ok(None);
    }
    let src = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    let Some(first) = src.lines().find(|l| !l.trim().is_empty()) else {
        return Ok(None);
    };
    let cols: Vec<&str> = first.split_whitespace().collect();
    let iob = |t: &str| t == "O" || t.starts_with("B-") || t.starts_with("I-");
    let conll = cols.first() == Some(&"-DOCSTART-")
        || (cols.len() >= 2 && cols.last().is_some_and(|t| iob(t)));
    Ok(conll.then_some(Format::Conll))
}

/// A document rebuilt from gold: running text and its sentence boundaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct GoldDoc {
    /// The running text.
    pub text: String,
    /// Gold sentence ends (byte offsets), ascending; the end of the text is not included.
    pub boundaries: Vec<usize>,
    /// True when every boundary of the text is in `boundaries` (precision can be measured);
    /// false when only some are known (TimeML paragraph ends).
    pub complete: bool,
}

/// CoNLL tokens rebuilt into running text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Detokenized {
    /// The text.
    pub text: String,
    /// Byte range of each input token in `text`, in input order.
    pub tokens: Vec<Range<usize>>,
    /// Byte offset where each input sentence ends.
    pub sentence_ends: Vec<usize>,
}

/// Rebuilds running text from tokenised sentences (Penn Treebank / CoNLL conventions).
///
/// No space goes before `, . ; : ? ! ) ] } % ... '' '` and clitics (`'s n't 're 've 'll 'd
/// 'm`), and none after `( [ { `` $` and currency prefixes such as `C$`. A straight `"` closes
/// when a quotation is open or it follows `, . ? !` inside a sentence, and opens otherwise (always
/// at the start of a sentence). Sentences are joined by one space, but a sentence without final
/// punctuation gets a line of its own (see the module documentation).
pub fn detokenize<S: AsRef<str>>(sentences: &[Vec<S>]) -> Detokenized {
    let mut out = Detokenized::default();
    let mut quote_open = false;
    let mut prev_own_line = false;
    for (si, sentence) in sentences.iter().enumerate() {
        let own_line = !ends_with_final_punct(sentence.iter().map(AsRef::as_ref));
        if si > 0 {
            if prev_own_line || own_line {
                out.text.push('\n');
                quote_open = false;
            } else {
                out.text.push(' ');
            }
        }
        let mut glue_next = true; // no space before the first token of a sentence
        let mut prev: &str = "";
        for tok in sentence {
            let tok = tok.as_ref();
            let first = prev.is_empty();
            let is_quote = tok == "\"";
            let closing =
                is_quote && !first && (quote_open || matches!(prev, "," | "." | "?" | "!"));
            if !glue_next && !attaches_left(tok) && !closing {
                out.text.push(' ');
            }
            let start = out.text.len();
            out.text.push_str(tok);
            out.tokens.push(start..out.text.len());
            glue_next = attaches_right(tok) || (is_quote && !closing);
            if is_quote {
                quote_open = !closing;
            }
            if !tok.is_empty() {
                prev = tok;
            }
        }
        out.sentence_ends.push(out.text.len());
        prev_own_line = own_line;
    }
    out
}

fn attaches_left(tok: &str) -> bool {
    matches!(
        tok,
        "," | "." | ";" | ":" | "?" | "!" | ")" | "]" | "}" | "%" | "''" | "'"
    ) || tok.starts_with("..")
        || tok.eq_ignore_ascii_case("n't")
        || tok.strip_prefix('\'').is_some_and(|r| {
            matches!(
                r.to_ascii_lowercase().as_str(),
                "s" | "re" | "ve" | "ll" | "d" | "m"
            )
        })
}

fn attaches_right(tok: &str) -> bool {
    matches!(tok, "(" | "[" | "{" | "``" | "`" | "£" | "€" | "¥") || tok.ends_with('$')
}

/// True when the last token, past closing quotes and brackets, is ".", "?", "!", an ellipsis or
/// a word ending in a period ("U.S.").
fn ends_with_final_punct<'a>(tokens: impl DoubleEndedIterator<Item = &'a str>) -> bool {
    let mut last = tokens
        .rev()
        .skip_while(|t| matches!(*t, "\"" | "'" | "''" | ")" | "]" | "}"));
    last.next()
        .is_some_and(|t| matches!(t, "?" | "!") || t.ends_with('.'))
}

/// Reads a CoNLL-2003 file into documents.
fn read_conll(src: &str, path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let mut docs = Vec::new();
    let mut sentences: Vec<Vec<&str>> = Vec::new();
    let mut sentence: Vec<&str> = Vec::new();
    let mut finish_doc = |sentences: &mut Vec<Vec<&str>>| {
        if !sentences.is_empty() {
            let d = detokenize(sentences);
            let mut boundaries = d.sentence_ends;
            boundaries.pop(); // the end of the document
            docs.push(GoldDoc {
                text: d.text,
                boundaries,
                complete: true,
            });
            sentences.clear();
        }
    };
    for (n, line) in src.lines().enumerate() {
        let mut cols = line.split_whitespace();
        let Some(token) = cols.next() else {
            if !sentence.is_empty() {
                sentences.push(std::mem::take(&mut sentence));
            }
            continue;
        };
        if token == "-DOCSTART-" {
            if !sentence.is_empty() {
                sentences.push(std::mem::take(&mut sentence));
            }
            finish_doc(&mut sentences);
            continue;
        }
        if cols.next().is_none() {
            return Err(EvalError::Format {
                path: path.to_path_buf(),
                line: n + 1,
                message: format!("expected `token POS chunk NER` columns, found {line:?}"),
            });
        }
        sentence.push(token);
    }
    if !sentence.is_empty() {
        sentences.push(sentence);
    }
    finish_doc(&mut sentences);
    Ok(docs)
}

/// Reads one TimeML document: the text of `<TEXT>` with paragraphs run together, and the ends
/// of paragraphs with final punctuation as (incomplete) gold.
fn read_timeml(src: &str, path: &Path) -> Result<GoldDoc, EvalError> {
    let format_error = |message: &str| EvalError::Format {
        path: path.to_path_buf(),
        line: 0,
        message: message.to_string(),
    };
    let open = src
        .find("<TEXT>")
        .ok_or_else(|| format_error("no <TEXT> element"))?;
    let body_start = open + "<TEXT>".len();
    let close = src
        .get(body_start..)
        .and_then(|s| s.find("</TEXT>"))
        .ok_or_else(|| format_error("no </TEXT> after <TEXT>"))?;
    let body = src.get(body_start..body_start + close).unwrap_or("");
    let plain = strip_tags(body);
    let mut doc = GoldDoc {
        complete: false,
        ..GoldDoc::default()
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in plain.lines().map(str::trim) {
        if line.is_empty() {
            if !cur.is_empty() {
                paragraphs.push(cur.join(" "));
                cur.clear();
            }
        } else {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        paragraphs.push(cur.join(" "));
    }
    let last = paragraphs.len().saturating_sub(1);
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            doc.text.push(' ');
        }
        doc.text.push_str(p);
        if i < last && paragraph_is_closed(p) {
            doc.boundaries.push(doc.text.len());
        }
    }
    Ok(doc)
}

/// True when a paragraph ends in ".", "?", "!" or "…", possibly followed by quotes/brackets.
fn paragraph_is_closed(p: &str) -> bool {
    let core = p.trim_end_matches(['"', '\'', ')', ']', '”', '’', '»']);
    core.ends_with(['.', '?', '!', '…'])
}

/// Removes XML tags and decodes the predefined and numeric character entities.
fn strip_tags(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(rest.get(..i).unwrap_or(""));
        let tail = rest.get(i..).unwrap_or("");
        if tail.starts_with('<') {
            rest = tail.find('>').and_then(|j| tail.get(j + 1..)).unwrap_or("");
            continue;
        }
        let semicolon = tail
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(j, _)| j);
        let decoded = semicolon.and_then(|j| {
            let name = tail.get(1..j)?;
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, j + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = tail.get(len..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Scores of one sub-corpus.
#[derive(Debug)]
struct Corpus {
    name: String,
    complete: bool,
    documents: usize,
    all: Counts,
    within_lines: Counts,
    missed: Vec<String>,
    spurious: Vec<String>,
}

impl Corpus {
    fn new(name: String, complete: bool) -> Self {
        Corpus {
            name,
            complete,
            documents: 0,
            all: Counts::default(),
            within_lines: Counts::default(),
            missed: Vec::new(),
            spurious: Vec::new(),
        }
    }

    fn add(&mut self, doc: &GoldDoc, segmenter: &Segmenter) {
        self.documents += 1;
        let seg = segmenter.segment(&doc.text);
        let text_end = doc.text.trim_end().len();
        let predicted: Vec<usize> = seg
            .sentences
            .iter()
            .map(|s| s.span.end_usize())
            .filter(|&e| e < text_end)
            .collect();
        let at_line_end = |b: usize| doc.text.as_bytes().get(b) == Some(&b'\n');
        let (mut gi, mut pi) = (0, 0);
        loop {
            let (g, p) = (doc.boundaries.get(gi).copied(), predicted.get(pi).copied());
            let (outcome, at) = match (g, p) {
                (None, None) => break,
                (Some(g), Some(p)) if g == p => {
                    gi += 1;
                    pi += 1;
                    (Outcome::Hit, g)
                }
                (Some(g), p) if p.is_none_or(|p| g < p) => {
                    gi += 1;
                    (Outcome::Missed, g)
                }
                (_, Some(p)) => {
                    pi += 1;
                    (Outcome::Spurious, p)
                }
                (_, None) => break, // unreachable: covered above
            };
            if outcome == Outcome::Spurious && !self.complete {
                continue; // unknown: inside a paragraph or after an unpunctuated one
            }
            let inside = !at_line_end(at);
            for c in [
                Some(&mut self.all),
                inside.then_some(&mut self.within_lines),
            ]
            .into_iter()
            .flatten()
            {
                match outcome {
                    Outcome::Hit => c.tp += 1,
                    Outcome::Missed => c.fn_ += 1,
                    Outcome::Spurious => c.fp += 1,
                }
            }
            let samples = match outcome {
                Outcome::Hit => None,
                Outcome::Missed => Some(&mut self.missed),
                Outcome::Spurious => Some(&mut self.spurious),
            };
            if let Some(samples) = samples.filter(|s| s.len() < SAMPLES) {
                samples.push(context(&doc.text, at));
            }
        }
    }

    fn metrics(&self) -> Vec<(String, f64)> {
        if self.complete {
            self.all.metrics()
        } else {
            vec![("recall".into(), self.all.recall())]
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Hit,
    Missed,
    Spurious,
}

/// About 40 characters either side of `at`, with `|` at the boundary and line breaks as `⏎`.
fn context(text: &str, at: usize) -> String {
    let before: String = text
        .get(..at)
        .unwrap_or("")
        .chars()
        .rev()
        .take(40)
        .collect();
    let before: String = before.chars().rev().collect();
    let after: String = text.get(at..).unwrap_or("").chars().take(40).collect();
    format!("{before}|{after}").replace('\n', "⏎")
}

fn report(gold: &Path, corpora: Vec<Corpus>, mut notes: Vec<String>, seconds: f64) -> EvalReport {
    let mut complete = Counts::default();
    let mut within = Counts::default();
    let mut partial = Counts::default();
    let (mut documents, mut items) = (0, 0);
    for c in &corpora {
        documents += c.documents;
        items += c.all.tp + c.all.fn_;
        if c.complete {
            complete.add(c.all);
            within.add(c.within_lines);
        } else {
            partial.add(c.all);
        }
    }
    let any_complete = corpora.iter().any(|c| c.complete);
    notes.push(
        "boundaries are sentence end offsets; the end of each document is not counted".into(),
    );
    if corpora.iter().any(|c| !c.complete) {
        notes.push(
            "timeml: no sentence markup in the gold; recall of paragraph ends (paragraphs run \
             together on one line), precision unknown"
                .into(),
        );
    }
    for c in &corpora {
        let gold = c.all.tp + c.all.fn_;
        let mut line = format!(
            "{}: {} documents, {gold} gold boundaries",
            c.name, c.documents
        );
        if c.complete {
            let w = c.within_lines;
            let _ = write!(
                line,
                "; within lines (excluding line ends): precision {:.4} recall {:.4} f1 {:.4} \
                 over {} gold",
                w.precision(),
                w.recall(),
                w.f1(),
                w.tp + w.fn_
            );
        }
        notes.push(line);
        for m in &c.missed {
            notes.push(format!("  {} missed   {m}", c.name));
        }
        for s in &c.spurious {
            notes.push(format!("  {} spurious {s}", c.name));
        }
    }
    let metrics = if any_complete {
        if corpora.iter().any(|c| !c.complete) {
            notes.push("the headline covers the sub-corpora with complete gold".into());
        }
        complete.metrics()
    } else {
        vec![("recall".into(), partial.recall())]
    };
    EvalReport {
        task: "sentences".into(),
        gold: gold.display().to_string(),
        documents,
        items,
        metrics,
        by_type: corpora
            .iter()
            .map(|c| (c.name.clone(), c.metrics()))
            .collect(),
        seconds,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detok(sents: &[&str]) -> Detokenized {
        let v: Vec<Vec<&str>> = sents.iter().map(|s| s.split(' ').collect()).collect();
        detokenize(&v)
    }

    #[test]
    fn detokenizer_glues_punctuation_clitics_and_brackets() {
        let d = detok(&[
            "Rotor 's fans , who were n't happy ( 45 % ) , paid $ 1,000 : \" We won . \"",
            "He left ...",
        ]);
        assert_eq!(
            d.text,
            "Rotor's fans, who weren't happy (45%), paid $1,000: \"We won.\" He left..."
        );
        assert_eq!(d.sentence_ends, [d.text.find(" He").unwrap(), d.text.len()]);
        assert_eq!(&d.text[d.tokens[1].clone()], "'s");
        assert_eq!(&d.text[d.tokens[6].clone()], "n't");
        assert_eq!(d.tokens.len(), 25);
    }

    #[test]
    fn detokenizer_quotes_across_sentences() {
        // An open quotation spans sentences; the closing quote follows a comma.
        let d = detok(&["\" I want a title .", "I 'm not retiring , \" Duran said ."]);
        assert_eq!(d.text, "\"I want a title. I'm not retiring,\" Duran said.");
        // A quote after final punctuation closes even when parity was lost.
        let d = detok(&["He said . \"", "\" Next , \" she said ."]);
        assert_eq!(d.text, "He said.\" \"Next,\" she said.");
    }

    #[test]
    fn detokenizer_puts_unpunctuated_sentences_on_their_own_line() {
        let d = detok(&[
            "SOCCER - ROMANIA BEAT LITHUANIA .",
            "BUCHAREST 1996-08-30",
            "Romania beat Lithuania 2-1 on Friday .",
            "Scorers :",
            "Romania - Cosmin Contra ( 31st )",
            "Attendance : 200",
        ]);
        assert_eq!(
            d.text,
            "SOCCER - ROMANIA BEAT LITHUANIA.\nBUCHAREST 1996-08-30\nRomania beat Lithuania 2-1 \
             on Friday.\nScorers:\nRomania - Cosmin Contra (31st)\nAttendance: 200"
        );
        assert_eq!(d.sentence_ends.len(), 6);
        assert_eq!(
            &d.text[..d.sentence_ends[0]],
            "SOCCER - ROMANIA BEAT LITHUANIA."
        );
    }

    #[test]
    fn conll_reader_splits_documents_and_sentences() {
        let src = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n. . O O\n\n\
                   Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\n\
                   BRUSSELS NNP B-NP B-LOC\n1996-08-22 CD I-NP O\n";
        let docs = read_conll(src, Path::new("x.txt")).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "EU rejects.\nPeter Blackburn");
        assert_eq!(docs[0].boundaries, [11]);
        assert!(docs[0].complete);
        assert_eq!(docs[1].text, "BRUSSELS 1996-08-22");
        assert!(docs[1].boundaries.is_empty());
        let err = read_conll("EU NNP B-NP B-ORG\nbroken\n", Path::new("x.txt")).unwrap_err();
        assert!(matches!(err, EvalError::Format { line: 2, .. }), "{err}");
    }

    #[test]
    fn timeml_reader_keeps_paragraph_ends_with_final_punctuation() {
        let src = "<?xml version=\"1.0\" ?>\n<TimeML><DOCID>X</DOCID>\n<TEXT>\n\
                   NAIROBI, Kenya (AP) _\n\n<EVENT eid=\"e1\">Bombs</EVENT> exploded \
                   <TIMEX3 tid=\"t1\">Friday</TIMEX3>. Dozens died.\n\n\
                   ``It was a bomb,'' said an official &amp; a\nwitness.''\n\nLast one.\n\
                   </TEXT></TimeML>\n";
        let doc = read_timeml(src, Path::new("x.tml")).unwrap();
        assert_eq!(
            doc.text,
            "NAIROBI, Kenya (AP) _ Bombs exploded Friday. Dozens died. ``It was a bomb,'' said an \
             official & a witness.'' Last one."
        );
        let ends: Vec<&str> = doc.boundaries.iter().map(|&b| &doc.text[..b]).collect();
        assert_eq!(ends.len(), 2, "{ends:?}");
        assert!(ends[0].ends_with("Dozens died."));
        assert!(ends[1].ends_with("witness.''"));
        assert!(!doc.complete);
        assert!(read_timeml("<TimeML></TimeML>", Path::new("x.tml")).is_err());
    }

    #[test]
    fn strip_tags_decodes_entities() {
        assert_eq!(
            strip_tags("a <b x=\"1\">c</b> &lt;&#65;&#x42;&gt; &bogus; & d"),
            "a c <AB> &bogus; & d"
        );
    }

    #[test]
    fn scoring_counts_hits_misses_and_spurious_boundaries() {
        let seg = Segmenter::default();
        // Gold: after "one." and after "Mr."; the segmenter splits after "one." only.
        let text = "It is one. Two is Mr. Smith. Three.";
        let doc = GoldDoc {
            text: text.into(),
            boundaries: vec![10, 21],
            complete: true,
        };
        let mut c = Corpus::new("t".into(), true);
        c.add(&doc, &seg);
        assert_eq!(
            c.all,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(c.missed.len(), 1);
        assert!(c.missed[0].ends_with("Two is Mr.| Smith. Three."));
        assert!(c.spurious[0].starts_with("It is one. Two is Mr. Smith.|"));
        // Incomplete gold ignores predictions it cannot judge.
        let mut c = Corpus::new("t".into(), false);
        c.add(
            &GoldDoc {
                complete: false,
                ..doc
            },
            &seg,
        );
        assert_eq!(
            c.all,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(c.metrics().len(), 1);
    }

    #[test]
    fn evaluate_reads_files_and_directories() {
        let dir =
            std::env::temp_dir().join(format!("sitrep_eval_sentences_{}", std::process::id()));
        let sub = dir.join("TimeBank");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            dir.join("dev.txt"),
            "-DOCSTART- -X- -X- O\n\nIt NN O O\nrained NN O O\n. . O O\n\nWe NN O O\nleft NN O O\n. . O O\n",
        )
        .unwrap();
        std::fs::write(dir.join("train.txt"), "-DOCSTART- -X- -X- O\n").unwrap();
        std::fs::write(dir.join("notes.txt"), "just some notes\n").unwrap();
        std::fs::write(sub.join("a.tml"), "<TEXT>\nOne.\n\nTwo.\n</TEXT>").unwrap();
        let r = evaluate(&dir).unwrap();
        let names: Vec<&str> = r.by_type.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["conll:dev", "timeml:TimeBank"]);
        assert_eq!((r.documents, r.items), (2, 2));
        assert_eq!(r.metrics[2], ("f1".to_string(), 1.0));
        assert!(r.notes.iter().any(|n| n.contains("train.txt")));
        let r = evaluate(&sub.join("a.tml")).unwrap();
        assert_eq!(r.metrics, [("recall".to_string(), 1.0)]);
        assert!(matches!(
            evaluate(&dir.join("notes.txt")),
            Err(EvalError::NoGold { .. })
        ));
        assert!(matches!(
            evaluate(&dir.join("missing")),
            Err(EvalError::Io { .. })
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
