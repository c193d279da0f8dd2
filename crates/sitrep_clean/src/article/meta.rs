//! Page metadata: title, authors, dates, site name, canonical URL, language.
//!
//! Sources in order of trust: JSON-LD (`@graph` too; `NewsArticle`, `Article`, `BlogPosting`,
//! ... before `WebPage`), OpenGraph / `article:*` meta tags, other meta tags (`date`, `pubdate`,
//! `dc.date`, `parsely-pub-date`, `sailthru.date`, ...), microdata (`itemprop`), `<time
//! datetime>`, the URL (`/2024/05/12/`), then visible text (`rel=author`, bylines "By X",
//! dates near the byline). Published dates are preferred over modified ones: the modified date
//! is kept separately and never used as the publication date.

use super::date::{parse_date, text_date, url_date};
use super::tree::{Kind, Tree, decode_entities};
use chrono::NaiveDate;
use serde_json::Value;

/// Metadata found in a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// The headline.
    pub title: Option<String>,
    /// Authors, in page order, without duplicates.
    pub authors: Vec<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Last modification date (never used as the publication date).
    pub modified: Option<NaiveDate>,
    /// The publication date as the page wrote it.
    pub published_text: Option<String>,
    /// Outlet or site name.
    pub site_name: Option<String>,
    /// Canonical URL (`<link rel=canonical>`, else `og:url`).
    pub url: Option<String>,
    /// Primary language subtag, lower case (`<html lang>`, else `content-language` / `og:locale`).
    pub language: Option<String>,
}

/// What JSON-LD said.
#[derive(Debug, Default)]
struct LdFacts {
    headline: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    rank: u8,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean(s: &str) -> Option<String> {
    let s = collapse(&decode_entities(s));
    (!s.is_empty()).then_some(s)
}

fn type_rank(v: &Value) -> Option<u8> {
    let types: Vec<&str> = match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    types
        .iter()
        .filter_map(|t| {
            let t = t.to_ascii_lowercase();
            if t.ends_with("newsarticle") || t == "reportagenewsarticle" {
                Some(0)
            } else if t.ends_with("article") || t == "blogposting" || t == "report" {
                Some(1)
            } else if t.ends_with("posting") || t == "webpage" || t == "itempage" {
                Some(2)
            } else {
                None
            }
        })
        .min()
}

fn names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            if !s.contains("://")
                && let Some(s) = clean(s)
            {
                out.push(strip_by(&s).to_owned());
            }
        }
        Value::Array(a) => a.iter().for_each(|x| names(x, out)),
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                names(n, out);
            }
        }
        _ => {}
    }
}

fn ld_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => clean(s),
        Value::Array(a) => a.iter().find_map(|x| ld_string(Some(x))),
        _ => None,
    }
}

fn walk_ld(v: &Value, facts: &mut LdFacts, depth: u32) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| walk_ld(x, facts, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                walk_ld(g, facts, depth + 1);
            }
            if let Some(rank) = type_rank(v) {
                let better = rank < facts.rank || facts.rank == 0 && facts.headline.is_none();
                let take = |slot: &mut Option<String>, val: Option<String>| {
                    if val.is_some() && (slot.is_none() || better) {
                        *slot = val;
                    }
                };
                take(
                    &mut facts.headline,
                    ld_string(o.get("headline"))
                        .or_else(|| (rank < 2).then(|| ld_string(o.get("name"))).flatten()),
                );
                take(&mut facts.published, ld_string(o.get("datePublished")));
                if facts.published.is_none() {
                    facts.published = ld_string(o.get("dateCreated"));
                }
                take(&mut facts.modified, ld_string(o.get("dateModified")));
                if let Some(p) = o.get("publisher") {
                    let mut ns = Vec::new();
                    names(p, &mut ns);
                    take(&mut facts.publisher, ns.into_iter().next());
                }
                if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
                    let mut ns = Vec::new();
                    names(a, &mut ns);
                    if !ns.is_empty() && (facts.authors.is_empty() || better) {
                        facts.authors = ns;
                    }
                }
                if better || facts.rank == 0 {
                    facts.rank = facts.rank.max(rank);
                }
            }
            if let Some(m) = o.get("mainEntity").or_else(|| o.get("mainEntityOfPage"))
                && m.is_object()
            {
                walk_ld(m, facts, depth + 1);
            }
        }
        _ => {}
    }
}

fn json_ld(raw: &[u8], tree: &Tree) -> LdFacts {
    let mut facts = LdFacts {
        rank: 9,
        ..LdFacts::default()
    };
    for &(s, e) in &tree.head.json_ld {
        let body = String::from_utf8_lossy(raw.get(s as usize..e as usize).unwrap_or_default());
        let body = body
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim_start_matches("<!--")
            .trim_end_matches("-->");
        let Ok(v) = serde_json::from_str::<Value>(body) else {
            continue;
        };
        let before = facts.rank;
        facts.rank = 9;
        walk_ld(&v, &mut facts, 0);
        if facts.rank == 9 {
            facts.rank = before;
        }
    }
    facts
}

/// The visible text of node `id` (its runs), decoded and collapsed.
fn node_text(raw: &[u8], tree: &Tree, id: usize) -> String {
    let Some(node) = tree.nodes.get(id) else {
        return String::new();
    };
    let first = tree.runs.partition_point(|r| r.start < node.start);
    let mut s = String::new();
    for r in tree.runs.get(first..).unwrap_or_default() {
        if r.start >= node.end || s.len() > 400 {
            break;
        }
        s.push_str(&String::from_utf8_lossy(
            raw.get(r.start as usize..r.end as usize)
                .unwrap_or_default(),
        ));
        s.push(' ');
    }
    collapse(&decode_entities(&s))
}

/// Strips a leading "By" / "Author" from a name.
fn strip_by(s: &str) -> &str {
    for prefix in ["by ", "author: ", "author ", "written by "] {
        if s.len() > prefix.len()
            && s.get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        {
            return s.get(prefix.len()..).unwrap_or(s).trim();
        }
    }
    s
}

/// Degrees and roles after a name ("Grant Tinsley, PhD").
const NOT_NAMES: &[&str] = &[
    "phd",
    "ph.d",
    "md",
    "rd",
    "ms",
    "mph",
    "mba",
    "jr",
    "sr",
    "staff",
    "contributor",
    "editor",
    "reporter",
    "correspondent",
];

/// Strips "By", "Written by", "Posted by", trailing dates and roles from a byline.
fn byline_names(s: &str) -> Vec<String> {
    let mut t = s.trim();
    for prefix in [
        "written by",
        "posted by",
        "published by",
        "words by",
        "story by",
        "by",
        "author",
    ] {
        if t.len() >= prefix.len()
            && t.get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
            && t.get(prefix.len()..)
                .is_some_and(|r| r.starts_with([' ', ':', '\u{a0}']))
        {
            t = t
                .get(prefix.len()..)
                .unwrap_or("")
                .trim_start_matches([':', ' ']);
            break;
        }
    }
    // Cut at separators that start other information.
    for sep in [
        " | ",
        " - ",
        " — ",
        " – ",
        "•",
        "·",
        " on ",
        " at ",
        " published",
        " updated",
    ] {
        if let Some(i) = t.to_ascii_lowercase().find(sep) {
            t = t.get(..i).unwrap_or(t);
        }
    }
    let mut out = Vec::new();
    for part in t.split([',', '&']).flat_map(|p| p.split(" and ")) {
        let p = part
            .trim()
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let words = p.split_whitespace().count();
        let lower = p.to_lowercase();
        if NOT_NAMES.contains(&lower.trim_end_matches('.')) {
            continue;
        }
        if (1..=5).contains(&words)
            && p.chars().next().is_some_and(char::is_uppercase)
            && !p.contains("://")
            && text_date(p).is_none()
        {
            out.push(p.to_owned());
        }
    }
    out
}

fn push_unique(out: &mut Vec<String>, items: impl IntoIterator<Item = String>) {
    for i in items {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&i)) {
            out.push(i);
        }
    }
}

fn primary_language(s: &str) -> Option<String> {
    let p = s
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    ((2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic())).then_some(p)
}

/// Strips a site-name suffix or prefix (`Headline | Site`) from a title.
fn strip_site(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (
                title.get(..i).unwrap_or(""),
                title.get(i + sep.len()..).unwrap_or(""),
            );
            let site_like = site.is_some_and(|s| {
                let s = s.to_lowercase();
                tail.to_lowercase().contains(&s) || s.contains(&tail.to_lowercase())
            }) || tail.split_whitespace().count() <= 3
                && head.split_whitespace().count() >= 3;
            if site_like && !head.trim().is_empty() {
                return head.trim().to_owned();
            }
            let head_site = site.is_some_and(|s| head.eq_ignore_ascii_case(s.trim()));
            if head_site && !tail.trim().is_empty() {
                return tail.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// Whether node `i` lies in a comment section (its authors are not the article's).
fn in_comments(tree: &Tree, i: usize) -> bool {
    let mut id = Some(i as u32);
    let mut depth = 0;
    while let Some(n) = id.and_then(|x| tree.nodes.get(x as usize)) {
        if n.hints.contains("comment") || n.hints.contains("respond") {
            return true;
        }
        depth += 1;
        if depth > 64 {
            break;
        }
        id = n.parent;
    }
    false
}

pub(crate) fn extract(raw: &[u8], tree: &Tree) -> PageMeta {
    let ld = json_ld(raw, tree);
    let metas = &tree.head.metas;
    let meta_of = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(n, v)| n == k && !v.trim().is_empty())
                .and_then(|(_, v)| clean(v))
        })
    };
    let mut m = PageMeta {
        site_name: meta_of(&["og:site_name"])
            .or(ld.publisher.clone())
            .or_else(|| meta_of(&["application-name", "twitter:site"])),
        url: tree.head.canonical.clone().or_else(|| meta_of(&["og:url"])),
        language: tree
            .head
            .lang
            .as_deref()
            .and_then(primary_language)
            .or_else(|| {
                meta_of(&["content-language", "og:locale", "language", "dc.language"])
                    .and_then(|l| primary_language(&l))
            }),
        ..PageMeta::default()
    };
    // Title.
    let h1s: Vec<usize> = tree
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == Kind::Heading && n.name == "h1")
        .map(|(i, _)| i)
        .collect();
    let title_tag = tree.head.title.and_then(|(s, e)| {
        clean(&String::from_utf8_lossy(
            raw.get(s as usize..e as usize).unwrap_or_default(),
        ))
    });
    let site = m.site_name.clone();
    m.title = meta_of(&["og:title", "twitter:title"])
        .or(ld.headline.clone())
        .or_else(|| meta_of(&["dc.title", "headline", "sailthru.title", "parsely-title"]))
        .map(|t| strip_site(&t, site.as_deref()))
        .or_else(|| title_tag.map(|t| strip_site(&t, site.as_deref())))
        .or_else(|| {
            (h1s.len() == 1)
                .then(|| h1s.first().map(|&i| node_text(raw, tree, i)))
                .flatten()
                .filter(|t| !t.is_empty())
        });
    // Authors.
    let mut authors = Vec::new();
    push_unique(&mut authors, ld.authors.iter().cloned());
    if authors.is_empty() {
        for k in [
            "author",
            "article:author",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "dcterms.creator",
            "byl",
            "citation_author",
        ] {
            for (n, v) in metas {
                if n == k && !v.contains("://") && !v.trim_start().starts_with('@') {
                    push_unique(&mut authors, byline_names(&collapse(v)));
                }
            }
            if !authors.is_empty() {
                break;
            }
        }
    }
    if authors.is_empty() {
        // Microdata, rel=author, byline classes: the first that yields names.
        for (i, n) in tree.nodes.iter().enumerate() {
            let is_author = n
                .itemprop
                .split_whitespace()
                .any(|p| p == "author" || p == "creator")
                || n.hints.contains("rel-author")
                || n.hints.split_ascii_whitespace().any(|w| {
                    w.contains("byline")
                        || w == "author"
                        || w.ends_with("-author")
                        || w.ends_with("__author")
                        || w == "author-name"
                        || w.ends_with("author-name")
                });
            if !is_author || in_comments(tree, i) {
                continue;
            }
            let text = node_text(raw, tree, i);
            if text.len() > 200 {
                continue;
            }
            let found = byline_names(&text);
            if !found.is_empty() {
                push_unique(&mut authors, found);
                break;
            }
        }
    }
    m.authors = authors;
    // Dates.
    let published_keys = [
        "article:published_time",
        "og:published_time",
        "article:published",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "published_time",
        "publication_date",
        "dc.date",
        "dc.date.issued",
        "dc.date.created",
        "dcterms.date",
        "dcterms.issued",
        "dcterms.created",
        "parsely-pub-date",
        "sailthru.date",
        "citation_publication_date",
        "citation_date",
        "article.published",
        "original-publish-date",
        "cxenseparse:recs:publishtime",
        "date.available",
    ];
    let mut published: Option<(String, NaiveDate)> = None;
    let mut offer = |s: Option<String>| {
        if published.is_none()
            && let Some(s) = s
            && let Some(d) = parse_date(&s)
        {
            published = Some((s, d));
        }
    };
    offer(ld.published.clone());
    for k in published_keys {
        offer(meta_of(&[k]));
    }
    // <time> elements: itemprop datePublished or pubdate first, then the first one.
    let times: Vec<(usize, &str)> = tree
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| n.datetime.as_deref().map(|d| (i, d)))
        .collect();
    let preferred = times.iter().find(|(i, _)| {
        tree.nodes.get(*i).is_some_and(|n| {
            n.itemprop.contains("datepublished")
                || n.hints.contains("publish")
                || n.hints.contains("pubdate")
        })
    });
    offer(preferred.map(|(_, d)| (*d).to_owned()));
    let modified_hint = |i: usize| {
        tree.nodes.get(i).is_some_and(|n| {
            n.itemprop.contains("modified")
                || n.hints.contains("updated")
                || n.hints.contains("modified")
        })
    };
    offer(
        times
            .iter()
            .find(|(i, _)| !modified_hint(*i))
            .map(|(_, d)| (*d).to_owned()),
    );
    if published.is_none()
        && let Some(d) = m.url.as_deref().and_then(url_date)
    {
        published = Some((String::new(), d));
    }
    if published.is_none() {
        // Visible dates in elements whose class says date/time/byline/meta, in page order.
        for (i, n) in tree.nodes.iter().enumerate() {
            let datey = n.hints.split_ascii_whitespace().any(|w| {
                (w.contains("date")
                    || w.contains("time")
                    || w.contains("byline")
                    || w.contains("posted")
                    || w.contains("meta")
                    || w.contains("publish"))
                    && !w.contains("update")
                    && !w.contains("modified")
            }) || n.kind == Kind::Time;
            if !datey {
                continue;
            }
            let text = node_text(raw, tree, i);
            if text.len() > 300 {
                continue;
            }
            if let Some(d) = parse_date(&text).or_else(|| text_date(&text)) {
                published = Some((text, d));
                break;
            }
        }
    }
    if let Some((s, d)) = published {
        m.published = Some(d);
        m.published_text = (!s.is_empty()).then_some(s);
    }
    m.modified = ld.modified.as_deref().and_then(parse_date).or_else(|| {
        meta_of(&[
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "last-modified",
            "dcterms.modified",
        ])
        .and_then(|s| parse_date(&s))
    });
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(byline_names("By Jane Doe"), vec!["Jane Doe"]);
        assert_eq!(
            byline_names("By Jane Doe and John Roe | May 12, 2024"),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(
            byline_names("Written by: Ann Lee, Reuters"),
            vec!["Ann Lee", "Reuters"]
        );
        assert!(byline_names("by the way this is a long sentence of text").is_empty());
    }

    #[test]
    fn titles() {
        assert_eq!(
            strip_site("Big news today | Example", Some("Example")),
            "Big news today"
        );
        assert_eq!(
            strip_site("Example - Big news today", Some("Example")),
            "Big news today"
        );
        assert_eq!(strip_site("Short", None), "Short");
    }
}
