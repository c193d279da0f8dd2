//! Toponym resolution and geoparsing against GeoWebNews (`GWN.xml`, or the brat folder) and
//! TR-News (`TR-News.xml`), with the metrics of Gritta et al., "A Pragmatic Guide to
//! Geoparsing Evaluation".
//!
//! Gold toponyms are those with coordinates. Two modes:
//! - `resolve`: the gold names are given; each is resolved in the context of the document's
//!   other gold names (and the countries its demonyms name);
//! - `end-to-end`: the places stage finds and resolves names itself (demonyms included, as
//!   both corpora annotate adjectival toponyms); a found name matches a gold one when their
//!   spans overlap (one to one); distance metrics are over matched pairs.
//!
//! Distances of unresolved names count as 20,039 km (half the Earth's circumference), as in
//! the paper; `auc` is the area under the curve of sorted `ln(1 + error)` normalised by
//! `ln(20039)` (lower is better).

use crate::{EvalError, EvalReport};
use sitrep_annotate::places::{FoundName, PlaceResolver, PlacesConfig, haversine_km};
use sitrep_model::{DocMeta, Document, Span};
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

/// What is evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoMode {
    /// Resolution of the gold toponyms.
    Resolve,
    /// Recognition and resolution.
    EndToEnd,
}

/// One gold toponym.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldToponym {
    /// Byte span in the document text.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// Gold latitude.
    pub lat: f64,
    /// Gold longitude.
    pub lon: f64,
    /// Annotation type (GeoWebNews) or feature code (TR-News), for the breakdown.
    pub kind: String,
}

/// One gold document.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDoc {
    /// File or article id.
    pub id: String,
    /// The text.
    pub text: String,
    /// Toponyms with coordinates.
    pub toponyms: Vec<GoldToponym>,
    /// Spans of annotated names without coordinates (not scored either way in end-to-end
    /// mode when they are demonyms or languages).
    pub ignored: Vec<(usize, usize)>,
}

const MAX_KM: f64 = 20_039.0;

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(j) = rest.find(';').filter(|&j| j < 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..j];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[j + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The content of the first `<tag>` element in `s` (raw, CDATA unwrapped).
fn tag<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let mut from = 0;
    loop {
        let i = s.get(from..)?.find(&open)? + from;
        let after = s.get(i + open.len()..)?;
        let c = after.chars().next()?;
        if c == '/' {
            return Some("");
        }
        if c == '>' || c == ' ' {
            let gt = after.find('>')?;
            if after.as_bytes().get(gt.wrapping_sub(1)) == Some(&b'/') {
                return Some("");
            }
            let body = &after[gt + 1..];
            let close = format!("</{name}>");
            let end = body.find(&close)?;
            let inner = &body[..end];
            let inner = inner
                .trim_start()
                .strip_prefix("<![CDATA[")
                .and_then(|x| x.trim_end().strip_suffix("]]>"))
                .unwrap_or(inner);
            return Some(inner);
        }
        from = i + open.len();
    }
}

fn blocks<'a>(s: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}>");
    let open2 = format!("<{name} ");
    let close = format!("</{name}>");
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        let i = match (rest.find(&open), rest.find(&open2)) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        let Some(j) = rest[i..].find(&close) else {
            break;
        };
        out.push(&rest[i..i + j]);
        rest = &rest[i + j + close.len()..];
    }
    out
}

/// Byte offset of each char index (plus the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Finds the gold name near its stated (char) offsets; returns byte offsets.
fn place_span(
    text: &str,
    c2b: &[usize],
    start: i64,
    end: i64,
    name: &str,
) -> Option<(usize, usize)> {
    if start < 0 || end <= start {
        return None;
    }
    let (s, e) = (
        *c2b.get(start as usize)?,
        *c2b.get((end as usize).min(c2b.len() - 1))?,
    );
    if text.get(s..e) == Some(name) {
        return Some((s, e));
    }
    // Offsets a few characters off: the occurrence nearest to the stated start.
    let mut best: Option<(usize, usize)> = None;
    let mut pos = 0;
    while let Some(i) = text.get(pos..).and_then(|t| t.find(name)) {
        let at = pos + i;
        if best.is_none_or(|(b, _)| at.abs_diff(s) < b.abs_diff(s)) {
            best = Some((at, at + name.len()));
        }
        pos = at + name.len().max(1);
    }
    best.filter(|(b, _)| b.abs_diff(s) < 200)
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))
}

fn num<T: std::str::FromStr>(s: Option<&str>) -> Option<T> {
    s.and_then(|x| x.trim().parse().ok())
}

/// An `<article>`'s id (the `attr` attribute, else its position) and raw `<text>`.
fn article_id_and_text<'a>(
    path: &Path,
    art: &'a str,
    n: usize,
    attr: &str,
) -> Result<(String, &'a str), EvalError> {
    let id = art
        .split_once(&format!("{attr}=\""))
        .and_then(|(_, r)| r.split_once('"'))
        .map_or_else(|| n.to_string(), |(id, _)| id.to_owned());
    match tag(art, "text") {
        Some(text) => Ok((id, text)),
        None => Err(EvalError::Format {
            path: path.to_path_buf(),
            line: 0,
            message: format!("article {id} has no <text>"),
        }),
    }
}

/// Reads GeoWebNews `GWN.xml`.
pub fn read_gwn_xml(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let xml = read(path)?;
    let mut docs = Vec::new();
    for (n, art) in blocks(&xml, "article").into_iter().enumerate() {
        let (id, text) = article_id_and_text(path, art, n, "file")?;
        let text = unescape(text);
        let c2b = char_to_byte(&text);
        let mut toponyms = Vec::new();
        let mut ignored = Vec::new();
        for t in blocks(art, "toponym") {
            let name = unescape(tag(t, "extractedName").unwrap_or(""));
            let kind = tag(t, "type").unwrap_or("").to_owned();
            let (Some(s), Some(e)) = (num::<i64>(tag(t, "start")), num::<i64>(tag(t, "end")))
            else {
                continue;
            };
            let Some((bs, be)) = place_span(&text, &c2b, s, e, &name) else {
                continue;
            };
            match (
                num::<f64>(tag(t, "latitude")),
                num::<f64>(tag(t, "longitude")),
            ) {
                (Some(lat), Some(lon)) => toponyms.push(GoldToponym {
                    start: bs,
                    end: be,
                    lat,
                    lon,
                    kind,
                }),
                _ if matches!(kind.as_str(), "Demonym" | "Language" | "Homonym") => {
                    ignored.push((bs, be));
                }
                _ => {}
            }
        }
        docs.push(GoldDoc {
            id,
            text,
            toponyms,
            ignored,
        });
    }
    Ok(docs)
}

/// Reads TR-News XML.
pub fn read_trnews_xml(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let xml = read(path)?;
    let mut docs = Vec::new();
    for (n, art) in blocks(&xml, "article").into_iter().enumerate() {
        let (id, text) = article_id_and_text(path, art, n, "docid")?;
        let text = text.to_owned();
        let c2b = char_to_byte(&text);
        let mut toponyms = Vec::new();
        let mut ignored = Vec::new();
        for t in blocks(art, "toponym") {
            let name = unescape(tag(t, "phrase").unwrap_or(""));
            let (Some(s), Some(e)) = (num::<i64>(tag(t, "start")), num::<i64>(tag(t, "end")))
            else {
                continue;
            };
            let Some((bs, be)) = place_span(&text, &c2b, s, e, &name) else {
                continue;
            };
            match (num::<f64>(tag(t, "lat")), num::<f64>(tag(t, "lon"))) {
                (Some(lat), Some(lon)) => toponyms.push(GoldToponym {
                    start: bs,
                    end: be,
                    lat,
                    lon,
                    kind: tag(t, "fcode").unwrap_or("").to_owned(),
                }),
                _ => ignored.push((bs, be)),
            }
        }
        docs.push(GoldDoc {
            id,
            text,
            toponyms,
            ignored,
        });
    }
    Ok(docs)
}

/// Reads gold documents, detecting the format from the path.
pub fn read_gold(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    if path.is_dir() {
        let xml = path.join("GWN.xml");
        if xml.is_file() {
            return read_gwn_xml(&xml);
        }
        let parent = path.parent().map(|p| p.join("GWN.xml"));
        if let Some(p) = parent.filter(|p| p.is_file()) {
            // The brat folder carries GeoNames ids but no coordinates; GWN.xml beside it
            // holds the same annotations with coordinates.
            return read_gwn_xml(&p);
        }
        return Err(EvalError::NoGold {
            path: path.to_path_buf(),
            message:
                "expected GWN.xml or TR-News.xml (a GeoWebNews brat folder needs GWN.xml beside it)"
                    .into(),
        });
    }
    let head = read(path)?;
    if head.contains("<gaztag") || head.contains("<phrase>") {
        read_trnews_xml(path)
    } else if head.contains("<extractedName>") {
        read_gwn_xml(path)
    } else {
        Err(EvalError::NoGold {
            path: path.to_path_buf(),
            message: "not GeoWebNews or TR-News XML".into(),
        })
    }
}

/// A deterministic half of a corpus, for error analysis on one half and confirmation on the
/// other: documents at even positions (`dev`) or odd positions (`!dev`) in file order.
pub fn split_half(docs: &[GoldDoc], dev: bool) -> Vec<GoldDoc> {
    docs.iter()
        .enumerate()
        .filter(|(i, _)| (i % 2 == 0) == dev)
        .map(|(_, d)| d.clone())
        .collect()
}

/// Distance metrics of Gritta et al. over errors in km.
pub fn distance_metrics(errors: &[f64]) -> Vec<(String, f64)> {
    let n = errors.len();
    if n == 0 {
        return vec![
            ("acc161".into(), 0.0),
            ("mean_km".into(), 0.0),
            ("median_km".into(), 0.0),
            ("auc".into(), 0.0),
        ];
    }
    let mut e = errors.to_vec();
    e.sort_by(f64::total_cmp);
    let acc = e.iter().filter(|&&d| d <= 161.0).count() as f64 / n as f64;
    let mean = e.iter().sum::<f64>() / n as f64;
    let median = if n % 2 == 1 {
        e[n / 2]
    } else {
        (e[n / 2 - 1] + e[n / 2]) / 2.0
    };
    let logs: Vec<f64> = e.iter().map(|d| (d + 1.0).ln()).collect();
    let auc = if n == 1 {
        logs[0] / MAX_KM.ln()
    } else {
        let area: f64 = logs.windows(2).map(|w| (w[0] + w[1]) / 2.0).sum();
        area / (MAX_KM.ln() * (n - 1) as f64)
    };
    vec![
        ("acc161".into(), acc),
        ("mean_km".into(), mean),
        ("median_km".into(), median),
        ("auc".into(), auc),
    ]
}

fn segmented(text: &str) -> Option<Document> {
    let mut doc = Document::from_text(DocMeta::default(), text.to_owned()).ok()?;
    let seg = sitrep_segment::SegmentConfig::default()
        .build()
        .segment(text);
    doc.paragraphs = seg.paragraphs;
    doc.sentences = seg.sentences;
    doc.tokens = seg.tokens;
    Some(doc)
}

/// Scores the places stage against gold toponyms.
pub fn evaluate(gold: &Path, mode: GeoMode) -> Result<EvalReport, EvalError> {
    let started = Instant::now();
    let docs = read_gold(gold)?;
    let config = PlacesConfig {
        demonyms: mode == GeoMode::EndToEnd,
        ..PlacesConfig::default()
    };
    let resolver = config.build().map_err(|e| EvalError::NoGold {
        path: gold.to_path_buf(),
        message: format!("gazetteer: {e}"),
    })?;
    let evaluated = evaluate_docs(&docs, mode, &resolver);
    let mut report = evaluated.report(mode);
    report.gold = gold.display().to_string();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Scores held in memory, before they become a report.
#[derive(Debug, Default)]
pub struct GeoScores {
    /// Documents.
    pub documents: usize,
    /// Gold toponyms.
    pub gold: usize,
    /// Errors in km per scored pair, with the gold kind.
    pub errors: Vec<(String, f64)>,
    /// Scored pairs without a resolution.
    pub unresolved: usize,
    /// Found names (end to end).
    pub predicted: usize,
    /// Found names matching a gold toponym.
    pub matched: usize,
    /// Error samples for the notes.
    pub samples: Vec<String>,
}

impl GeoScores {
    /// The EVAL.md report.
    pub fn report(&self, mode: GeoMode) -> EvalReport {
        let errs: Vec<f64> = self.errors.iter().map(|(_, e)| *e).collect();
        let mut metrics = distance_metrics(&errs);
        let scored = self.errors.len().max(1) as f64;
        metrics.push(("unresolved".into(), self.unresolved as f64 / scored));
        if mode == GeoMode::EndToEnd {
            let p = if self.predicted == 0 {
                0.0
            } else {
                self.matched as f64 / self.predicted as f64
            };
            let r = if self.gold == 0 {
                0.0
            } else {
                self.matched as f64 / self.gold as f64
            };
            let f = if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            };
            metrics.push(("recognition_precision".into(), p));
            metrics.push(("recognition_recall".into(), r));
            metrics.push(("recognition_f1".into(), f));
        }
        let mut kinds: Vec<&str> = self.errors.iter().map(|(k, _)| k.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let mut by_type = Vec::new();
        for k in kinds {
            let e: Vec<f64> = self
                .errors
                .iter()
                .filter(|(kk, _)| kk == k)
                .map(|(_, e)| *e)
                .collect();
            if e.len() >= 10 {
                let label = format!("{k} ({})", e.len());
                by_type.push((label, distance_metrics(&e)));
            }
        }
        let mut notes = self.samples.clone();
        notes.push(format!(
            "mode {}; {} gold toponyms with coordinates, {} scored",
            match mode {
                GeoMode::Resolve => "resolve",
                GeoMode::EndToEnd => "end-to-end (demonyms on; span overlap matching)",
            },
            self.gold,
            self.errors.len()
        ));
        EvalReport {
            task: "geo".into(),
            gold: String::new(),
            documents: self.documents,
            items: self.gold,
            metrics,
            by_type,
            seconds: 0.0,
            notes,
        }
    }
}

/// Runs the resolver over gold documents.
pub fn evaluate_docs(docs: &[GoldDoc], mode: GeoMode, resolver: &PlaceResolver) -> GeoScores {
    let g = resolver.gazetteer();
    let mut s = GeoScores {
        documents: docs.len(),
        ..GeoScores::default()
    };
    let mut seen_samples: HashMap<String, usize> = HashMap::new();
    for d in docs {
        s.gold += d.toponyms.len();
        let Some(doc) = segmented(&d.text) else {
            continue;
        };
        let point = |rec: Option<u32>| {
            rec.and_then(|i| g.record(i))
                .map(|r| (f64::from(r.lat), f64::from(r.lon)))
        };
        match mode {
            GeoMode::Resolve => {
                let sentences: Vec<Span> = doc.sentences.iter().map(|x| x.span).collect();
                let tokens: Vec<Span> = doc.tokens.iter().map(|x| x.span).collect();
                let (_, countries) = resolver.find_names(&d.text, &sentences, &tokens, &[], &[]);
                let names: Vec<FoundName> = d
                    .toponyms
                    .iter()
                    .filter_map(|t| {
                        Some(FoundName {
                            span: Span::from_usize(t.start, t.end).ok()?,
                            entity: None,
                            unresolvable: false,
                            demonym: g.demonym(&sitrep_annotate::places::name_key(
                                d.text.get(t.start..t.end)?,
                            )),
                        })
                    })
                    .collect();
                let mut sorted: Vec<(usize, FoundName)> = names.into_iter().enumerate().collect();
                sorted.sort_by_key(|(_, n)| n.span);
                let order: Vec<usize> = sorted.iter().map(|(i, _)| *i).collect();
                let names: Vec<FoundName> = sorted.into_iter().map(|(_, n)| n).collect();
                let res = resolver.resolve(&d.text, &names, &countries);
                for (k, r) in order.iter().zip(res) {
                    let Some(t) = d.toponyms.get(*k) else {
                        continue;
                    };
                    let err = match point(r.record).or_else(|| point(r.fallback)) {
                        Some((lat, lon)) => haversine_km(lat, lon, t.lat, t.lon),
                        None => {
                            s.unresolved += 1;
                            MAX_KM
                        }
                    };
                    if err > 161.0 {
                        let name = d.text.get(t.start..t.end).unwrap_or("");
                        let c = seen_samples.entry(name.to_owned()).or_default();
                        *c += 1;
                        if *c == 1 && s.samples.len() < 40 {
                            let got = r
                                .record
                                .and_then(|i| g.record(i))
                                .map(|x| format!("{} {} {:?}", g.name(x), x.cc(), x.kind));
                            s.samples.push(format!(
                                "miss {}: {name:?} ({}) -> {got:?}, {err:.0} km",
                                d.id, t.kind
                            ));
                        }
                    }
                    s.errors.push((t.kind.clone(), err));
                }
            }
            GeoMode::EndToEnd => {
                let places = resolver.places(&doc);
                let mut used = vec![false; d.toponyms.len()];
                for p in &places {
                    let (ps, pe) = (p.span.start_usize(), p.span.end_usize());
                    if d.ignored.iter().any(|&(a, b)| a < pe && ps < b) {
                        continue;
                    }
                    s.predicted += 1;
                    let hit = d
                        .toponyms
                        .iter()
                        .enumerate()
                        .find(|(k, t)| !used[*k] && t.start < pe && ps < t.end);
                    let Some((k, t)) = hit else {
                        continue;
                    };
                    used[k] = true;
                    s.matched += 1;
                    let err = match (p.lat, p.lon) {
                        (Some(lat), Some(lon)) => haversine_km(lat, lon, t.lat, t.lon),
                        _ => {
                            s.unresolved += 1;
                            MAX_KM
                        }
                    };
                    if err > 161.0 && s.samples.len() < 40 {
                        s.samples.push(format!(
                            "miss {}: {:?} (gold {:?}, {}) -> {} {:?} {:?}, {err:.0} km",
                            d.id,
                            doc.span_text(p.span),
                            d.text.get(t.start..t.end).unwrap_or(""),
                            t.kind,
                            p.name,
                            p.country,
                            p.precision
                        ));
                    }
                    s.errors.push((t.kind.clone(), err));
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_follow_gritta() {
        let m = distance_metrics(&[0.0, 100.0, 200.0, MAX_KM]);
        assert_eq!(m[0], ("acc161".to_owned(), 0.5));
        assert!((m[2].1 - 150.0).abs() < 1e-9);
        let auc = m[3].1;
        assert!(auc > 0.0 && auc < 1.0, "{auc}");
        let perfect = distance_metrics(&[0.0, 0.0]);
        assert_eq!(perfect[3].1, 0.0);
    }

    #[test]
    fn halves_partition_the_corpus() {
        let docs: Vec<GoldDoc> = (0..5)
            .map(|i| GoldDoc {
                id: i.to_string(),
                text: String::new(),
                toponyms: Vec::new(),
                ignored: Vec::new(),
            })
            .collect();
        let ids = |v: Vec<GoldDoc>| v.into_iter().map(|d| d.id).collect::<Vec<_>>();
        assert_eq!(ids(split_half(&docs, true)), ["0", "2", "4"]);
        assert_eq!(ids(split_half(&docs, false)), ["1", "3"]);
    }

    #[test]
    fn xml_helpers() {
        let x = "<a><text><![CDATA[Kyiv &amp; co]]></text><t>x &amp; y</t><e/></a>";
        assert_eq!(tag(x, "text"), Some("Kyiv &amp; co"));
        assert_eq!(unescape(tag(x, "t").unwrap()), "x & y");
        assert_eq!(tag(x, "e"), Some(""));
        let text = "In Kyiv and Kharkiv";
        let c2b = char_to_byte(text);
        assert_eq!(place_span(text, &c2b, 3, 7, "Kyiv"), Some((3, 7)));
        assert_eq!(place_span(text, &c2b, 10, 17, "Kharkiv"), Some((12, 19)));
    }
}
