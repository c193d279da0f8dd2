//! Temporal expression evaluation (`sitrep eval timex`), TempEval-3 Task A.
//!
//! Gold: TimeML `.tml` files (TempEval-3 TBAQ-cleaned TimeBank and AQUAINT, the platinum test
//! set), a file or a directory searched recursively. The text scored is the content of
//! `<TEXT>` with tags stripped and entities decoded; the document creation time (the `TIMEX3`
//! with `functionInDocument="CREATION_TIME"`) is the anchor and is not scored itself.
//!
//! Metrics, as defined by TempEval-3 (UzZaman et al. 2013), micro-averaged over all documents:
//! - `strict_*`: a system mention matches a gold one with exactly the same span;
//! - `relaxed_*`: spans overlap (one-to-one matching, in text order);
//! - `type_accuracy`, `value_accuracy`: share of relaxed matches with the right attribute;
//! - `type_f1`, `value_f1`: attribute F1, with precision = correct / system mentions and
//!   recall = correct / gold mentions (equivalently relaxed F1 × attribute accuracy).
//!
//! `by_type` holds the same metrics per sub-corpus (the folder holding the file) and, as
//! `type:DATE` etc., type-aware relaxed F1 and value F1 per TIMEX3 type.

use crate::{EvalError, EvalReport};
use sitrep_annotate::dates::{DateTagger, DatesConfig, NaiveDate, TaggedDate};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A gold temporal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// Byte range in the document text (trimmed of surrounding white space).
    pub span: Range<usize>,
    /// TIMEX3 `type`.
    pub timex_type: String,
    /// TIMEX3 `value`.
    pub value: String,
}

/// A TimeML document: its text, creation time and temporal expressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimemlDoc {
    /// The text of `<TEXT>`, tags stripped and entities decoded.
    pub text: String,
    /// The document creation time.
    pub dct: NaiveDate,
    /// The temporal expressions of the text, in order.
    pub timexes: Vec<GoldTimex>,
}

/// Options for [`evaluate_with`].
#[derive(Debug, Clone)]
pub struct TimexOptions {
    /// The tagger configuration.
    pub config: DatesConfig,
    /// How many error samples of each kind to put in the notes.
    pub samples: usize,
}

impl Default for TimexOptions {
    fn default() -> Self {
        Self {
            config: DatesConfig::default(),
            samples: 8,
        }
    }
}

/// Scores the default date tagger against TimeML gold at `gold`.
pub fn evaluate(gold: &Path) -> Result<EvalReport, EvalError> {
    evaluate_with(gold, &TimexOptions::default())
}

#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    sys: usize,
    gold: usize,
    strict: usize,
    relaxed: usize,
    type_ok: usize,
    value_ok: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.sys += o.sys;
        self.gold += o.gold;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.type_ok += o.type_ok;
        self.value_ok += o.value_ok;
    }

    fn metrics(&self) -> Vec<(String, f64)> {
        let p = |n: usize| ratio(n, self.sys);
        let r = |n: usize| ratio(n, self.gold);
        let f = |n: usize| f1(p(n), r(n));
        vec![
            ("strict_f1".into(), f(self.strict)),
            ("relaxed_f1".into(), f(self.relaxed)),
            ("type_accuracy".into(), ratio(self.type_ok, self.relaxed)),
            ("value_f1".into(), f(self.value_ok)),
            ("strict_precision".into(), p(self.strict)),
            ("strict_recall".into(), r(self.strict)),
            ("relaxed_precision".into(), p(self.relaxed)),
            ("relaxed_recall".into(), r(self.relaxed)),
            ("type_f1".into(), f(self.type_ok)),
            ("value_accuracy".into(), ratio(self.value_ok, self.relaxed)),
        ]
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

const TYPES: [&str; 4] = ["DATE", "TIME", "DURATION", "SET"];

fn type_name(t: &TaggedDate) -> &'static str {
    match t.timex_type {
        sitrep_annotate::dates::TimexType::Date => "DATE",
        sitrep_annotate::dates::TimexType::Time => "TIME",
        sitrep_annotate::dates::TimexType::Duration => "DURATION",
        sitrep_annotate::dates::TimexType::Set => "SET",
    }
}

/// Scores a tagger built from `opts.config` against TimeML gold at `gold`.
pub fn evaluate_with(gold: &Path, opts: &TimexOptions) -> Result<EvalReport, EvalError> {
    let started = Instant::now();
    let mut files = Vec::new();
    collect(gold, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(EvalError::NoGold {
            path: gold.to_path_buf(),
            message: "no TimeML .tml files found".into(),
        });
    }
    let tagger = opts.config.build();
    let mut corpora: Vec<(String, Tally)> = Vec::new();
    let mut per_type = [Tally::default(); 4];
    let mut total = Tally::default();
    let mut value_errors = Vec::new();
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    let mut items = 0;
    for path in &files {
        let src = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
        let doc = read_timeml(&src, path)?;
        items += doc.timexes.len();
        let name = path
            .parent()
            .and_then(Path::file_name)
            .map_or_else(|| "timeml".to_owned(), |n| n.to_string_lossy().into_owned());
        let file = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let tally = score_doc(&tagger, &doc, &mut per_type, &mut |kind, text, g, s| {
            let line = match (g, s) {
                (Some(g), Some(s)) => format!(
                    "{file}: {text:?} gold {} {} | system {} {}",
                    g.timex_type,
                    g.value,
                    type_name(s),
                    s.value
                ),
                (Some(g), None) => format!(
                    "{file}: {text:?} gold {} {} | missed",
                    g.timex_type, g.value
                ),
                (None, Some(s)) => format!(
                    "{file}: {text:?} system {} {} | not in gold",
                    type_name(s),
                    s.value
                ),
                (None, None) => return,
            };
            let bucket = match kind {
                ErrKind::Value => &mut value_errors,
                ErrKind::Miss => &mut misses,
                ErrKind::FalseAlarm => &mut false_alarms,
            };
            if bucket.len() < opts.samples {
                bucket.push(line);
            }
        });
        total.add(&tally);
        match corpora.iter_mut().find(|(n, _)| *n == name) {
            Some((_, t)) => t.add(&tally),
            None => corpora.push((name, tally)),
        }
    }
    let mut notes = Vec::new();
    for (title, list) in [
        ("value errors", &value_errors),
        ("missed", &misses),
        ("not in gold", &false_alarms),
    ] {
        if !list.is_empty() {
            notes.push(format!("sample {title}:"));
            notes.extend(list.iter().map(|l| format!("  {l}")));
        }
    }
    let mut by_type: Vec<(String, Vec<(String, f64)>)> = corpora
        .iter()
        .map(|(n, t)| (n.clone(), t.metrics()))
        .collect();
    for (name, t) in TYPES.iter().zip(per_type.iter()) {
        if t.gold == 0 && t.sys == 0 {
            continue;
        }
        let m: Vec<(String, f64)> = t
            .metrics()
            .into_iter()
            .filter(|(k, _)| k == "relaxed_f1" || k == "value_f1")
            .collect();
        by_type.push((format!("type:{name}"), m));
    }
    Ok(EvalReport {
        task: "timex".into(),
        gold: gold.display().to_string(),
        documents: files.len(),
        items,
        metrics: total.metrics(),
        by_type,
        seconds: started.elapsed().as_secs_f64(),
        notes,
    })
}

/// Receives each error: kind, text, gold and system mention.
type Reporter<'a> = dyn FnMut(ErrKind, &str, Option<&GoldTimex>, Option<&TaggedDate>) + 'a;

enum ErrKind {
    Value,
    Miss,
    FalseAlarm,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn score_doc(
    tagger: &DateTagger,
    doc: &TimemlDoc,
    per_type: &mut [Tally; 4],
    report: &mut Reporter<'_>,
) -> Tally {
    let sys = tagger.tag(&doc.text, Some(doc.dct));
    let mut t = Tally {
        sys: sys.len(),
        gold: doc.timexes.len(),
        ..Tally::default()
    };
    let type_idx = |name: &str| TYPES.iter().position(|x| *x == name);
    for s in &sys {
        if let Some(k) = type_idx(type_name(s)) {
            per_type[k].sys += 1;
        }
    }
    let mut used = vec![false; sys.len()];
    let text_of = |r: Range<usize>| doc.text.get(r).unwrap_or("").replace('\n', " ");
    for g in &doc.timexes {
        let gi = type_idx(&g.timex_type);
        if let Some(k) = gi {
            per_type[k].gold += 1;
        }
        let found = sys
            .iter()
            .enumerate()
            .find(|(i, s)| !used[*i] && overlaps(&s.span.range(), &g.span));
        let Some((i, s)) = found else {
            report(ErrKind::Miss, &text_of(g.span.clone()), Some(g), None);
            continue;
        };
        used[i] = true;
        t.relaxed += 1;
        if s.span.range() == g.span {
            t.strict += 1;
        }
        let type_ok = type_name(s) == g.timex_type;
        let value_ok = s.value == g.value;
        t.type_ok += usize::from(type_ok);
        t.value_ok += usize::from(value_ok);
        if let Some(k) = gi
            && type_ok
        {
            per_type[k].relaxed += 1;
            per_type[k].value_ok += usize::from(value_ok);
        }
        if !value_ok || !type_ok {
            let r = g.span.start.min(s.span.start_usize())..g.span.end.max(s.span.end_usize());
            report(ErrKind::Value, &text_of(r), Some(g), Some(s));
        }
    }
    for (i, s) in sys.iter().enumerate() {
        if !used[i] {
            report(ErrKind::FalseAlarm, &text_of(s.span.range()), None, Some(s));
        }
    }
    t
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), EvalError> {
    let meta = std::fs::metadata(path).map_err(|e| EvalError::io(path, e))?;
    if meta.is_file() {
        if path.extension().is_some_and(|e| e == "tml") {
            out.push(path.to_path_buf());
        }
        return Ok(());
    }
    let entries = std::fs::read_dir(path).map_err(|e| EvalError::io(path, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| EvalError::io(path, e))?;
        collect(&entry.path(), out)?;
    }
    Ok(())
}

fn line_of(src: &str, pos: usize) -> usize {
    src.as_bytes()
        .iter()
        .take(pos)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn format_err(path: &Path, src: &str, pos: usize, message: impl Into<String>) -> EvalError {
    EvalError::Format {
        path: path.to_path_buf(),
        line: line_of(src, pos),
        message: message.into(),
    }
}

/// The attributes of a start tag's inside (`TIMEX3 tid="t1" type="DATE"`).
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].split_whitespace().last().unwrap_or("");
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let body = &after[1..];
        let Some(end) = body.find(q) else { break };
        out.push((name, &body[..end]));
        rest = &body[end + 1..];
    }
    out
}

fn attr<'a>(attrs: &[(&'a str, &'a str)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

fn decode_entity(ent: &str) -> Option<char> {
    match ent {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = ent.strip_prefix('#')?;
            let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Reads a TimeML document. Errors name the file and line.
pub fn read_timeml(src: &str, path: &Path) -> Result<TimemlDoc, EvalError> {
    // The creation time: the TIMEX3 marked CREATION_TIME, wherever it is.
    let mut dct = None;
    let mut search = 0;
    while let Some(off) = src[search..].find("<TIMEX3") {
        let at = search + off;
        let end = src[at..]
            .find('>')
            .map(|e| at + e)
            .ok_or_else(|| format_err(path, src, at, "unterminated TIMEX3 tag"))?;
        let attrs = attributes(&src[at + 7..end]);
        if attr(&attrs, "functionInDocument") == Some("CREATION_TIME") {
            let v = attr(&attrs, "value")
                .ok_or_else(|| format_err(path, src, at, "creation time without value"))?;
            let day = v.get(..10).unwrap_or(v);
            let d = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| {
                format_err(
                    path,
                    src,
                    at,
                    format!("creation time value {v:?} is not a date"),
                )
            })?;
            dct = Some(d);
            break;
        }
        search = end;
    }
    let dct = dct.ok_or_else(|| {
        format_err(
            path,
            src,
            0,
            "no TIMEX3 with functionInDocument=\"CREATION_TIME\"",
        )
    })?;
    let open = src
        .find("<TEXT>")
        .ok_or_else(|| format_err(path, src, 0, "no <TEXT> element"))?;
    let body_start = open + "<TEXT>".len();
    let close = src[body_start..]
        .find("</TEXT>")
        .map(|c| body_start + c)
        .ok_or_else(|| format_err(path, src, open, "<TEXT> is not closed"))?;
    let body = &src[body_start..close];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut current: Option<(usize, usize, String, String)> = None; // (text start, src pos, type, value)
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        let Some(c) = rest.chars().next() else { break };
        let pos = body_start + i;
        if c == '<' {
            let end = rest
                .find('>')
                .ok_or_else(|| format_err(path, src, pos, "unterminated tag"))?;
            let tag = &rest[1..end];
            if let Some(name) = tag.strip_prefix('/') {
                if name.trim() == "TIMEX3" {
                    let (start, _, ty, value) = current.take().ok_or_else(|| {
                        format_err(path, src, pos, "</TIMEX3> without an open TIMEX3")
                    })?;
                    let lead = text[start..].len() - text[start..].trim_start().len();
                    let span = (start + lead)..(start + text[start..].trim_end().len());
                    timexes.push(GoldTimex {
                        span,
                        timex_type: ty,
                        value,
                    });
                }
            } else if tag.starts_with("TIMEX3")
                && tag[6..].starts_with(|c: char| c.is_whitespace() || c == '/')
            {
                if current.is_some() {
                    return Err(format_err(path, src, pos, "nested TIMEX3"));
                }
                let attrs = attributes(&tag[6..]);
                let ty = attr(&attrs, "type")
                    .ok_or_else(|| format_err(path, src, pos, "TIMEX3 without type"))?;
                if !TYPES.contains(&ty) {
                    return Err(format_err(
                        path,
                        src,
                        pos,
                        format!("unknown TIMEX3 type {ty:?}"),
                    ));
                }
                let value = attr(&attrs, "value").unwrap_or("");
                if !tag.ends_with('/') {
                    current = Some((text.len(), pos, ty.to_owned(), value.to_owned()));
                }
            }
            i += end + 1;
        } else if c == '&' {
            let semi = rest
                .find(';')
                .filter(|&s| s <= 10)
                .ok_or_else(|| format_err(path, src, pos, "bad entity"))?;
            let ch = decode_entity(&rest[1..semi]).ok_or_else(|| {
                format_err(path, src, pos, format!("unknown entity {}", &rest[..=semi]))
            })?;
            text.push(ch);
            i += semi + 1;
        } else {
            text.push(c);
            i += c.len_utf8();
        }
    }
    if let Some((_, pos, _, _)) = current {
        return Err(format_err(path, src, pos, "TIMEX3 is not closed"));
    }
    Ok(TimemlDoc { text, dct, timexes })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-01-11" temporalFunction="false" functionInDocument="CREATION_TIME">20250111</TIMEX3></DCT>
<TEXT>
Troops <EVENT eid="e1" class="OCCURRENCE">crossed</EVENT> the river on <TIMEX3 tid="t1" type="DATE" value="2025-01-07">Tuesday</TIMEX3> &amp; held it for <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.

Talks resume <TIMEX3 tid="t3" type="DATE" value="FUTURE_REF">soon</TIMEX3>, officials said <TIMEX3 tid="t4" type="DATE" value="2025-01-10">Friday</TIMEX3>.
</TEXT>
</TimeML>
"#;

    #[test]
    fn reads_timeml() {
        let doc = read_timeml(SAMPLE, Path::new("x.tml")).unwrap();
        assert_eq!(doc.dct.to_string(), "2025-01-11");
        let got: Vec<(&str, &str, &str)> = doc
            .timexes
            .iter()
            .map(|t| {
                (
                    &doc.text[t.span.clone()],
                    t.timex_type.as_str(),
                    t.value.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Tuesday", "DATE", "2025-01-07"),
                ("three days", "DURATION", "P3D"),
                ("soon", "DATE", "FUTURE_REF"),
                ("Friday", "DATE", "2025-01-10")
            ]
        );
        assert!(doc.text.contains("Tuesday & held"));
        assert!(!doc.text.contains('<'));
    }

    #[test]
    fn scores_the_sample() {
        let doc = read_timeml(SAMPLE, Path::new("x.tml")).unwrap();
        let mut per_type = [Tally::default(); 4];
        let t = score_doc(
            &DatesConfig::default().build(),
            &doc,
            &mut per_type,
            &mut |_, _, _, _| {},
        );
        assert_eq!(
            (t.gold, t.sys, t.strict, t.relaxed, t.value_ok),
            (4, 4, 4, 4, 4)
        );
        let m = t.metrics();
        assert_eq!(m[0].0, "strict_f1");
        assert!((m[3].1 - 1.0).abs() < 1e-9);
    }

    #[test]
    fn malformed_files_name_the_line() {
        let bad = SAMPLE.replace("</TIMEX3> &amp;", " &amp;");
        let err = read_timeml(&bad, Path::new("bad.tml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("bad.tml:6:"), "{err}");
        let no_dct = SAMPLE.replace("CREATION_TIME", "NONE");
        let err = read_timeml(&no_dct, Path::new("n.tml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("CREATION_TIME"), "{err}");
        let unclosed = SAMPLE.replace("</TEXT>", "");
        assert!(read_timeml(&unclosed, Path::new("u.tml")).is_err());
    }

    #[test]
    fn tally_follows_te3_definitions() {
        let t = Tally {
            sys: 10,
            gold: 8,
            strict: 5,
            relaxed: 8,
            type_ok: 7,
            value_ok: 6,
        };
        let m: std::collections::BTreeMap<String, f64> = t.metrics().into_iter().collect();
        let vf = f1(0.6, 0.75);
        assert!((m["value_f1"] - vf).abs() < 1e-12);
        assert!((m["type_accuracy"] - 7.0 / 8.0).abs() < 1e-12);
        // attribute F1 = relaxed F1 x attribute accuracy
        assert!((m["value_f1"] - m["relaxed_f1"] * m["value_accuracy"]).abs() < 1e-12);
    }
}
