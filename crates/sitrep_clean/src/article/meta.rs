//! Page metadata: title, authors, dates, site name, canonical URL, language.
//!
//! Sources in order of trust: JSON-LD (`@graph` too, `@id` references to `Person` nodes
//! resolved, raw newlines in strings tolerated; `NewsArticle`, `Article`, `BlogPosting`, ...
//! before `WebPage`), OpenGraph / `article:*` meta tags, other meta tags (`date`, `pubdate`,
//! `dc.date`, `parsely-pub-date`, `sailthru.date`, ...), microdata (`itemprop`), `<time
//! datetime>`, the URL (`/2024/05/12/`), then visible text (`rel=author`, author and byline
//! classes, `data-testid` bylines, "By X" / "Posted by X" / "Written by: X" blocks, dates near
//! the byline). In metadata, published dates are preferred over modified ones: the modified
//! date is kept separately, and stands in for the publication date only when the page gives
//! none (the metadata's modification date, a wiki's "last edited" footer). A labelled date in
//! the visible byline under the headline wins over all metadata, even when it is an update
//! (see **Dates**): it is the date the page gives its readers.
//!
//! - **Title**: the visible `<h1>` is the headline as readers see it. It wins when a metadata
//!   title (`og:title`, `twitter:title`, JSON-LD `headline`, `<title>`), that title with its
//!   site name stripped, or one part of it says the same; when an `<h1>` ends with a metadata
//!   title, the `<h1>`'s kicker is dropped; when the `<h1>` shares most content words with the
//!   best metadata title it wins too (`og:title` is often a shorter social variant). Otherwise
//!   the best metadata title with its site name stripped. Site names are recognised from
//!   `og:site_name`, the JSON-LD publisher, `application-name` and the host of the page's URL
//!   (`Gregory Szorc's Digital Home | Headline` on `gregoryszorc.com`); a short last part is
//!   taken for the site name only when the page names no site. `<h1>`s that are the site's
//!   name (logos) are ignored.
//! - **Authors**: site names ("The Planetary Press", "CNN" in "Rob Picheta, CNN") and
//!   placeholders ("No Author") are dropped; bylines stop where a date starts.
//! - **Dates**: a labelled date in the byline under the headline ("Published: 28 Apr, 2020",
//!   "Updated Mar 12, 2020", "Posted on August 2, 2019") is the date the page shows its readers
//!   and wins over metadata, the first label shown counting ("Last updated 04 Jun 2020,
//!   originally created 17 Jun 2019" dates the page 2020-06-04); a page with only "Updated"
//!   under its headline is dated by that update. A timestamp one day off the URL's date
//!   takes the URL's date (the URL has the publisher's local date, the timestamp is often UTC).
//!   A page with no other date may be dated by a signed ending (a last block of a name line and
//!   a date line). Visible dates may be numeric
//!   (`2024-05-12`, `12.05.2024`) or use German, French, Italian, Spanish, Dutch or Portuguese
//!   month names.

use super::date::{date_start, parse_date, text_date, url_date};
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
    /// Publication date: the labelled date of the visible byline (which may be an "Updated"
    /// date when that is all the byline shows), else the metadata's publication date.
    pub published: Option<NaiveDate>,
    /// Last modification date of the metadata (used as the publication date only when the
    /// page gives no other date).
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

fn names(v: &Value, ids: &IdNames, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            if !s.contains("://")
                && let Some(s) = clean(s)
            {
                out.push(strip_by(&s).to_owned());
            }
        }
        Value::Array(a) => a.iter().for_each(|x| names(x, ids, out)),
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                names(n, ids, out);
            } else if let Some(Value::String(id)) = o.get("@id")
                && let Some(n) = ids.get(id)
            {
                out.push(strip_by(n).to_owned());
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

fn walk_ld(v: &Value, facts: &mut LdFacts, ids: &IdNames, depth: u32) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| walk_ld(x, facts, ids, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                walk_ld(g, facts, ids, depth + 1);
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
                    names(p, ids, &mut ns);
                    take(&mut facts.publisher, ns.into_iter().next());
                }
                if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
                    let mut ns = Vec::new();
                    names(a, ids, &mut ns);
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
                walk_ld(m, facts, ids, depth + 1);
            }
        }
        _ => {}
    }
}

/// `@id` -> `name` of the objects in JSON-LD (authors and publishers are often references).
type IdNames = std::collections::HashMap<String, String>;

fn collect_ids(v: &Value, ids: &mut IdNames, depth: u32) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_ids(x, ids, depth + 1)),
        Value::Object(o) => {
            if let (Some(Value::String(id)), Some(name)) = (o.get("@id"), o.get("name"))
                && let Some(name) = ld_string(Some(name))
            {
                ids.entry(id.clone()).or_insert(name);
            }
            for x in o.values() {
                if x.is_object() || x.is_array() {
                    collect_ids(x, ids, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// Parses one JSON-LD script body; raw control characters inside strings (invalid JSON that
/// pages often carry) are read as spaces.
fn parse_ld(body: &str) -> Option<Value> {
    let body = body
        .trim()
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("]]>")
        .trim_start_matches("<!--")
        .trim_end_matches("-->");
    match serde_json::from_str::<Value>(body) {
        Ok(v) => Some(v),
        Err(_) if body.bytes().any(|b| b < 0x20) => {
            let fixed: String = body
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            serde_json::from_str::<Value>(&fixed).ok()
        }
        Err(_) => None,
    }
}

fn json_ld(raw: &[u8], tree: &Tree) -> LdFacts {
    let mut facts = LdFacts {
        rank: 9,
        ..LdFacts::default()
    };
    let values: Vec<Value> = tree
        .head
        .json_ld
        .iter()
        .filter_map(|&(s, e)| {
            parse_ld(&String::from_utf8_lossy(
                raw.get(s as usize..e as usize).unwrap_or_default(),
            ))
        })
        .collect();
    let mut ids = IdNames::new();
    for v in &values {
        collect_ids(v, &mut ids, 0);
    }
    for v in &values {
        let before = facts.rank;
        facts.rank = 9;
        walk_ld(v, &mut facts, &ids, 0);
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
/// `handles`: the text comes from an element marked as the author's, so a lower-case user
/// name ("oz", "delta201") counts too.
fn byline_names(s: &str, handles: bool) -> Vec<String> {
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
    // Cut where a date starts, and at separators that start other information.
    if let Some(i) = date_start(t) {
        t = t.get(..i).unwrap_or(t);
    }
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
        " @ ",
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
        if text_date(p).is_some() {
            continue;
        }
        // A number after the name ("Konstantin 21.10.2019").
        let p = match p.find(|c: char| c.is_ascii_digit()) {
            Some(i) if p.get(..i).is_some_and(|h| h.ends_with(' ')) => {
                p.get(..i).unwrap_or(p).trim()
            }
            _ => p,
        };
        let words = p.split_whitespace().count();
        let lower = p.to_lowercase();
        if NOT_NAMES.contains(&lower.trim_end_matches('.')) {
            continue;
        }
        let handle = handles
            && words == 1
            && p.len() >= 2
            && p.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
        if (1..=5).contains(&words)
            && (p.chars().next().is_some_and(char::is_uppercase) || handle)
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

/// A Latin letter without its accent (`é` -> `e`), for comparing names written with and
/// without accents; other characters are returned unchanged.
fn fold(c: char) -> char {
    match c {
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        _ => c,
    }
}

/// The lower-case letters and digits of `s`, accents folded: `"Nestlé Family"` ->
/// `"nestlefamily"`.
fn compact(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(fold)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The name part of a URL's host: `https://www.dailymail.co.uk/x` -> `dailymail`,
/// `edition.cnn.com` -> `cnn`.
fn host_label(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let mut labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 {
        return None;
    }
    labels.pop();
    if labels.len() >= 2
        && labels.last().is_some_and(|l| {
            matches!(
                *l,
                "co" | "com" | "org" | "net" | "gov" | "ac" | "edu" | "or" | "ne"
            )
        })
    {
        labels.pop();
    }
    let label = compact(labels.last()?);
    (label.len() >= 2).then_some(label)
}

/// What names the site: `og:site_name`, the JSON-LD publisher, the host of the page's URL.
#[derive(Debug, Default)]
struct Site {
    /// Compacted names the page gives its site.
    names: Vec<String>,
    /// The compacted name part of the host.
    host: Option<String>,
    /// The page names its site (not only its URL).
    named: bool,
}

fn key_matches(k: &str, c: &str) -> bool {
    k == c || (k.len() >= 4 && c.contains(k)) || (c.len() >= 4 && k.contains(c))
}

impl Site {
    fn new(names: &[Option<&str>], url: Option<&str>) -> Site {
        let mut names: Vec<String> = names
            .iter()
            .flatten()
            .map(|n| compact(n))
            .filter(|k| !k.is_empty())
            .collect();
        names.sort();
        names.dedup();
        Site {
            named: !names.is_empty(),
            names,
            host: url.and_then(host_label),
        }
    }

    /// Whether `s` reads as the site's name (`"Daily Mail Online"` on `dailymail.co.uk`,
    /// `"CNN"` on `cnn.com`, `"Nestlé Family ME"` on `nestle-family.com`).
    fn matches(&self, s: &str) -> bool {
        let c = compact(s);
        !c.is_empty()
            && self
                .names
                .iter()
                .chain(&self.host)
                .any(|k| key_matches(k, &c))
    }

    /// Whether `s` is one of the names the page gives its site (not its host: a personal
    /// site is often named after its author).
    fn is_named(&self, s: &str) -> bool {
        let c = compact(s);
        !c.is_empty() && self.names.contains(&c)
    }
}

/// Roles written after a name ("Adam Aaronson, Staff Writer").
const ROLES: &[&str] = &[
    "staff",
    "writer",
    "contributor",
    "editor",
    "reporter",
    "correspondent",
    "columnist",
];

/// Author values that name nobody.
const NO_AUTHOR: &[&str] = &["no author", "unknown", "none", "null", "n/a", "anonymous"];

/// Authors without site names, placeholders and trailing roles ("Adam Aaronson PhillyVoice
/// Staff" -> "Adam Aaronson" on a site named PhillyVoice).
fn clean_names(names: impl IntoIterator<Item = String>, site: &Site) -> Vec<String> {
    let mut out = Vec::new();
    for n in names {
        let mut words: Vec<&str> = n.split_whitespace().collect();
        let all_roles = words
            .iter()
            .all(|w| ROLES.contains(&w.to_lowercase().trim_end_matches('.')));
        let is_role = |w: &str| ROLES.contains(&w.to_lowercase().trim_end_matches('.'));
        // "Jane Doe PhillyVoice Staff", "Jane Doe CNN": the site's name and a role after it.
        if !all_roles
            && words.len() > 2
            && words.last().is_some_and(|w| is_role(w))
            && words.iter().rev().nth(1).is_some_and(|w| site.is_named(w))
        {
            words.pop();
        }
        while words.len() > 1 && words.last().is_some_and(|w| site.is_named(w)) {
            words.pop();
        }
        let name = words.join(" ");
        let lower = name.to_lowercase();
        if name.is_empty() || NO_AUTHOR.contains(&lower.as_str()) || site.is_named(&name) {
            continue;
        }
        if !out.iter().any(|o: &String| o.eq_ignore_ascii_case(&name)) {
            out.push(name);
        }
    }
    out
}

/// Separators between a headline and a site name or section in `<title>`.
const TITLE_SEPS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » "];

/// Strips site-name parts (`Headline | Site`, `Site » Blog » Headline`) from a title. When no
/// part names the site and `guess` is set, a short last part after a long headline is taken
/// for the site name (`Headline - Example Times`).
fn strip_site(title: &str, site: &Site, guess: bool) -> String {
    for sep in TITLE_SEPS {
        if !title.contains(sep) {
            continue;
        }
        let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
            continue;
        };
        if site.matches(last) {
            let head = parts
                .get(..parts.len().saturating_sub(1))
                .unwrap_or_default()
                .join(sep);
            if !head.trim().is_empty() {
                return strip_site(head.trim(), site, false);
            }
        }
        if site.matches(first) {
            // `Site | Headline`, `Site » Blog Archive » Headline`: the last part.
            if !last.is_empty() {
                return (*last).to_owned();
            }
        }
    }
    if guess {
        for sep in TITLE_SEPS {
            if let Some(i) = title.rfind(sep) {
                let (head, tail) = (
                    title.get(..i).unwrap_or("").trim(),
                    title.get(i + sep.len()..).unwrap_or(""),
                );
                if tail.split_whitespace().count() <= 3 && head.split_whitespace().count() >= 3 {
                    return head.to_owned();
                }
            }
        }
    }
    title.to_owned()
}

/// A title compared loosely: lower case, spaces collapsed, punctuation trimmed at both ends.
fn title_key(s: &str) -> String {
    collapse(&s.to_lowercase())
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned()
}

/// Words that carry no topic, left out when comparing a headline with a title.
const STOP: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "with", "is", "are", "at", "by",
    "from", "as", "be", "it", "its", "this", "that", "how", "what", "why", "who", "we", "you",
];

fn content_words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect();
    w.sort();
    w.dedup();
    w
}

/// Chooses the headline among the metadata titles (`cands`, most trusted first) and the
/// page's `<h1>` texts (`h1s`, page order, site names left out). The visible `<h1>` is the
/// headline as readers see it: it wins when a metadata title (or one part of it) says the
/// same, or when it shares most of its words with the best metadata title (`og:title` is often
/// a shorter social-media variant); a metadata title at the end of an `<h1>` drops the
/// `<h1>`'s kicker ("Opinion Why ..."). Otherwise the best metadata title, site name
/// stripped; otherwise a lone `<h1>`.
fn choose_title(cands: &[String], h1s: &[String], site: &Site) -> Option<String> {
    let h1_keys: Vec<String> = h1s.iter().map(|h| title_key(h)).collect();
    let stripped: Vec<String> = cands.iter().map(|c| strip_site(c, site, false)).collect();
    // Same text as an <h1>: whole, site name stripped, then one part of two or more words.
    for (c, st) in cands.iter().zip(&stripped) {
        for v in [c, st] {
            let k = title_key(v);
            if let Some(i) = h1_keys.iter().position(|h| !k.is_empty() && *h == k) {
                return h1s.get(i).cloned();
            }
        }
    }
    for c in cands {
        for sep in TITLE_SEPS {
            for part in c.split(sep).filter(|p| p.split_whitespace().count() >= 2) {
                let k = title_key(part);
                if let Some(i) = h1_keys.iter().position(|h| !k.is_empty() && *h == k) {
                    return h1s.get(i).cloned();
                }
            }
        }
    }
    // An <h1> that ends with a metadata title: the title without the kicker.
    let mut kicked: Option<&String> = None;
    for v in cands.iter().chain(&stripped) {
        let k = title_key(v);
        if k.split_whitespace().count() >= 2
            && h1_keys
                .iter()
                .any(|h| h.len() > k.len() && h.ends_with(&k) && h.ends_with(&format!(" {k}")))
            && kicked.is_none_or(|b| b.len() < v.len())
        {
            kicked = Some(v);
        }
    }
    if let Some(k) = kicked {
        return Some(k.clone());
    }
    let best = cands
        .first()
        .map(|c| strip_site(c, site, !site.named))
        .filter(|t| !t.is_empty());
    match &best {
        Some(m) => {
            let mw = content_words(m);
            let mut pick: Option<(usize, f32)> = None;
            for (i, h) in h1s.iter().enumerate() {
                let hw = content_words(h);
                let shared = hw.iter().filter(|w| mw.binary_search(w).is_ok()).count();
                let coeff = shared as f32 / hw.len().min(mw.len()).max(1) as f32;
                if shared >= 2 && coeff >= 0.5 && pick.is_none_or(|(_, c)| coeff > c) {
                    pick = Some((i, coeff));
                }
            }
            if let Some((i, _)) = pick {
                return h1s.get(i).cloned();
            }
            // A one-word page title ("Home") says less than a lone headline.
            if m.split_whitespace().count() <= 1
                && let [h] = h1s
                && h.split_whitespace().count() >= 2
            {
                return Some(h.clone());
            }
            best
        }
        None => match h1s {
            [h] => Some(h.clone()),
            _ => None,
        },
    }
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

/// Whether node `i` lies in navigation, an aside or a list of other stories (their dates are
/// not the article's): its nearest six ancestors, up to an `<article>` or `<main>` (page
/// wrappers are named after the layout: "with-sidebar-right").
fn in_teasers(tree: &Tree, i: usize) -> bool {
    const TEASERS: &[&str] = &[
        "related",
        "sidebar",
        "widget",
        "recommend",
        "trending",
        "popular",
        "promo",
        "teaser",
        "latest",
    ];
    let mut id = Some(i as u32);
    let mut depth = 0;
    while let Some(n) = id.and_then(|x| tree.nodes.get(x as usize)) {
        if matches!(n.name.as_str(), "nav" | "aside" | "footer" | "menu")
            || TEASERS.iter().any(|t| n.hints.contains(t))
        {
            return true;
        }
        depth += 1;
        if depth > 6 || matches!(n.kind, Kind::Article | Kind::Main) {
            break;
        }
        id = n.parent;
    }
    false
}

/// Openings of a visible byline.
const BYLINE_OPENINGS: &[&str] = &[
    "by ",
    "by:",
    "written by",
    "posted by",
    "published by",
    "words by",
    "story by",
    "author:",
];

/// Names from the first short block that opens like a byline ("By Jane Doe", "Posted by
/// Konstantin", "Written by: Julie Mollins"), outside comments.
fn visible_byline(raw: &[u8], tree: &Tree, site: &Site) -> Vec<String> {
    let mut tried = 0;
    for run in &tree.runs {
        let bytes = raw
            .get(run.start as usize..run.end as usize)
            .unwrap_or_default();
        let start = bytes
            .iter()
            .position(|b| b.is_ascii_alphanumeric())
            .unwrap_or(bytes.len());
        let head = bytes.get(start..).unwrap_or_default();
        let opens = BYLINE_OPENINGS.iter().any(|o| {
            head.get(..o.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(o.as_bytes()))
        });
        // "By Invitation" in a menu is a link; a byline's "By" is not.
        if !opens || run.in_link {
            continue;
        }
        tried += 1;
        if tried > 20 {
            break;
        }
        let block = run.block as usize;
        if tree.nodes.get(block).is_none_or(|n| n.hidden) || in_comments(tree, block) {
            continue;
        }
        let text = node_text(raw, tree, block);
        if text.len() > 120 {
            continue;
        }
        // From the opening on ("yas! | By Cara Stiles | April 13, 2020").
        let opening = String::from_utf8_lossy(head);
        let opening = collapse(&opening);
        let at = opening
            .get(..opening.len().min(8))
            .and_then(|o| text.find(o))
            .unwrap_or(0);
        let text = text.get(at..).unwrap_or(&text);
        let found = clean_names(byline_names(text, false), site);
        if !found.is_empty() && found.iter().all(|n| n.split_whitespace().count() <= 4) {
            return found;
        }
    }
    Vec::new()
}

/// The metadata of the page `raw` (parsed as `tree`), fetched from `doc_url` when known.
pub(crate) fn extract(raw: &[u8], tree: &Tree, doc_url: Option<&str>) -> PageMeta {
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
    let site = Site::new(
        &[
            m.site_name.as_deref(),
            ld.publisher.as_deref(),
            meta_of(&["application-name"]).as_deref(),
        ],
        m.url.as_deref().or(doc_url),
    );
    let h1s: Vec<String> = tree
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == Kind::Heading && n.name == "h1" && !n.hidden)
        .take(12)
        .filter(|&(i, _)| !in_comments(tree, i))
        .map(|(i, _)| node_text(raw, tree, i))
        .filter(|t| !t.is_empty() && t.len() <= 300 && !site.matches(t))
        .collect();
    let title_tag = tree.head.title.and_then(|(s, e)| {
        clean(&String::from_utf8_lossy(
            raw.get(s as usize..e as usize).unwrap_or_default(),
        ))
    });
    let mut cands: Vec<String> = Vec::new();
    for k in ["og:title", "twitter:title"] {
        for (n, v) in metas {
            if n == k
                && let Some(v) = clean(v)
                && !cands.contains(&v)
            {
                cands.push(v);
            }
        }
    }
    let more = [
        ld.headline.clone(),
        meta_of(&["dc.title", "headline", "sailthru.title", "parsely-title"]),
        title_tag,
    ];
    for v in more.into_iter().flatten() {
        if !cands.contains(&v) {
            cands.push(v);
        }
    }
    m.title = choose_title(&cands, &h1s, &site);
    // Authors.
    let mut authors = clean_names(ld.authors.iter().cloned(), &site);
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
                    push_unique(
                        &mut authors,
                        clean_names(byline_names(&collapse(v), false), &site),
                    );
                }
            }
            if !authors.is_empty() {
                break;
            }
        }
    }
    if authors.is_empty() {
        // Microdata, rel=author, links to author pages, byline classes: the first that
        // yields names.
        for (i, n) in tree.nodes.iter().enumerate() {
            let is_author = n
                .itemprop
                .split_whitespace()
                .any(|p| p == "author" || p == "creator")
                || n.hints.split_ascii_whitespace().any(|w| {
                    w.contains("byline")
                        || w == "author"
                        || w.ends_with("-author")
                        || w.ends_with("__author")
                        || w == "author-name"
                        || w.ends_with("author-name")
                });
            if !is_author || n.hidden || in_comments(tree, i) {
                continue;
            }
            let text = node_text(raw, tree, i);
            if text.len() > 200 {
                continue;
            }
            let found = clean_names(byline_names(&text, true), &site);
            if !found.is_empty() {
                push_unique(&mut authors, found);
                break;
            }
        }
    }
    if authors.is_empty() {
        authors = visible_byline(raw, tree, &site);
    }
    if authors.is_empty() {
        authors = editor(raw, tree, &site);
    }
    if authors.is_empty()
        && let Some(v) = meta_of(&["twitter:creator"])
        && !v.starts_with('@')
        && !v.contains("://")
    {
        // A creator given as a plain name or user name, not a Twitter handle.
        authors = clean_names(byline_names(&v, true), &site);
    }
    complete_names(raw, tree, &mut authors);
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
    let from_url = m
        .url
        .as_deref()
        .and_then(url_date)
        .or_else(|| doc_url.and_then(url_date));
    match (&mut published, from_url) {
        (None, Some(d)) => published = Some((String::new(), d)),
        // A timestamp one day off the URL's date: the URL has the publisher's local date, the
        // timestamp is often in UTC ("2020-02-25T02:25:54Z" for an evening story of the 24th
        // in New York).
        (Some((text, d)), Some(u)) if text.contains(':') && (*d - u).num_days().abs() == 1 => {
            *d = u;
        }
        _ => {}
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
    if published.is_none() {
        published = visible_date(raw, tree, m.modified);
    }
    // The date the byline shows readers wins over metadata: pages that show only "Updated
    // Mar 12, 2020" under the headline date themselves by the update.
    if let Some((text, d, _)) = byline_date(raw, tree) {
        published = Some((text, d));
    }
    if let Some((s, d)) = published {
        m.published = Some(d);
        m.published_text = (!s.is_empty()).then_some(s);
    }
    m
}

/// Labels of a visible byline date, lower case, and whether they announce an update.
const DATE_LABELS: &[(&str, bool)] = &[
    ("last updated", true),
    ("last modified", true),
    ("updated", true),
    ("modified", true),
    ("first published", false),
    ("originally published", false),
    ("published", false),
    ("posted", false),
];

/// A visible labelled date near the headline ("Updated Mar 12, 2020", "Published: 28 Apr,
/// 2020", "Last updated 04 Jun 2020, originally created 17 Jun 2019", "Posted on August 2,
/// 2019"): the first short block after the first `<h1>` (the page's start when it has none)
/// whose label is followed by a date within a few words, outside comments and hidden
/// elements. Returns the block's text, the date and whether the label announces an update.
pub(crate) fn byline_date(raw: &[u8], tree: &Tree) -> Option<(String, NaiveDate, bool)> {
    let from = tree
        .nodes
        .iter()
        .enumerate()
        .find(|&(i, n)| {
            n.kind == Kind::Heading && n.name == "h1" && !n.hidden && !in_comments(tree, i)
        })
        .map_or(0, |(_, n)| n.start);
    let first = tree.runs.partition_point(|r| r.start < from);
    let mut last_block = u32::MAX;
    let mut blocks = 0;
    for run in tree.runs.get(first..).unwrap_or_default() {
        if run.block == last_block {
            continue;
        }
        last_block = run.block;
        blocks += 1;
        if blocks > BYLINE_BLOCKS {
            break;
        }
        let block = run.block as usize;
        if tree.nodes.get(block).is_none_or(|n| n.hidden) {
            continue;
        }
        let text = node_text(raw, tree, block);
        if text.len() > 200 {
            continue;
        }
        let lower = text.to_lowercase();
        let found = DATE_LABELS
            .iter()
            .filter_map(|&(label, update)| {
                let at = lower.find(label)?;
                let word_start = lower
                    .get(..at)
                    .and_then(|h| h.chars().next_back())
                    .is_none_or(|c| !c.is_alphanumeric());
                word_start.then_some((at, label, update))
            })
            .min_by_key(|&(at, label, _)| (at, std::cmp::Reverse(label.len())));
        let Some((at, label, update)) = found else {
            continue;
        };
        let rest = lower.get(at + label.len()..).unwrap_or("");
        if rest.starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        if let Some(i) = date_start(rest)
            && i <= 30
            && let Some(d) = text_date(rest.get(i..).unwrap_or(""))
            && !in_comments(tree, block)
            && !in_teasers(tree, block)
        {
            return Some((text, d, update));
        }
    }
    None
}

/// A signed ending: the last block of an article holding two lines, a name and a date, and
/// nothing else ("Benni<br>10. September 2017" closing a letter or blog post). Returns the
/// name and the block's text with its date.
pub(crate) fn signature(
    raw: &[u8],
    tree: &Tree,
    block: usize,
) -> Option<(Vec<String>, String, NaiveDate)> {
    let node = tree.nodes.get(block)?;
    let first = tree.runs.partition_point(|r| r.start < node.start);
    let lines: Vec<String> = tree
        .runs
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|r| r.start < node.end)
        .take(8)
        .map(|r| {
            collapse(&decode_entities(&String::from_utf8_lossy(
                raw.get(r.start as usize..r.end as usize)
                    .unwrap_or_default(),
            )))
        })
        .filter(|t| !t.is_empty())
        .collect();
    let [name, date] = lines.as_slice() else {
        return None;
    };
    if name.len() > 40 || date.len() > 30 || date_start(date) != Some(0) {
        return None;
    }
    let d = text_date(date)?;
    // The name line is all name: one to three capitalised words.
    let names = byline_names(name, false);
    let all_name = names.len() == 1
        && names.first() == Some(name)
        && name.split_whitespace().count() <= 3
        && name
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    all_name.then(|| (names, format!("{name} {date}"), d))
}

/// Blocks after the headline searched for a byline date.
const BYLINE_BLOCKS: usize = 40;

/// The editor named by a wiki's "last edited ... by X" note, when the page names no author.
fn editor(raw: &[u8], tree: &Tree, site: &Site) -> Vec<String> {
    let Some((text, _)) = edit_note(raw, tree) else {
        return Vec::new();
    };
    let lower = text.to_lowercase();
    let Some(at) = EDITED.iter().filter_map(|e| lower.find(e)).min() else {
        return Vec::new();
    };
    let Some(by) = lower.get(at..).and_then(|t| t.find(" by ")) else {
        return Vec::new();
    };
    let rest = text.get(at + by + 4..).unwrap_or("");
    let rest = rest.split([')', '(']).next().unwrap_or("");
    clean_names(byline_names(rest, true), site)
        .into_iter()
        .take(1)
        .collect()
}

/// One-word author names completed from the page: metadata sometimes gives only a first name
/// ("Todd") where the page shows the full one in a block of its own ("Todd Bates").
fn complete_names(raw: &[u8], tree: &Tree, authors: &mut [String]) {
    for name in authors.iter_mut() {
        if name.split_whitespace().count() != 1
            || !name.chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        let prefix = format!("{name} ");
        let mut seen = 0;
        for run in &tree.runs {
            let bytes = raw
                .get(run.start as usize..run.end as usize)
                .unwrap_or_default();
            let t = String::from_utf8_lossy(bytes);
            let t = t.trim();
            if !t.starts_with(&prefix) || t.len() > 40 {
                continue;
            }
            seen += 1;
            if seen > 20 {
                break;
            }
            let block = run.block as usize;
            if tree.nodes.get(block).is_none_or(|n| n.hidden) || in_comments(tree, block) {
                continue;
            }
            // The whole block is the name: two or three capitalised words.
            let full = node_text(raw, tree, block);
            let words: Vec<&str> = full.split_whitespace().collect();
            if full.starts_with(&prefix)
                && (2..=3).contains(&words.len())
                && words.iter().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars()
                            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
                })
            {
                *name = full;
                break;
            }
        }
    }
}

/// Openings of a "last changed" note (wiki footers).
const EDITED: &[&str] = &[
    "last edited",
    "last modified",
    "last updated",
    "last changed",
    "page was last",
    "zuletzt geändert",
    "zuletzt bearbeitet",
];

/// The page's date when nothing dates its publication: the modification date of its metadata,
/// else a visible "last edited 2019-11-10" note (wikis), outside comments.
fn visible_date(
    raw: &[u8],
    tree: &Tree,
    modified: Option<NaiveDate>,
) -> Option<(String, NaiveDate)> {
    if let Some(d) = modified {
        return Some((String::new(), d));
    }
    edit_note(raw, tree)
}

/// A visible "last edited 2019-11-10 13:28:18 by MatsWichmann" note (wiki footers), outside
/// comments: its text and date.
fn edit_note(raw: &[u8], tree: &Tree) -> Option<(String, NaiveDate)> {
    let mut last_block = u32::MAX;
    let mut tried = 0;
    for run in &tree.runs {
        if run.block == last_block {
            continue;
        }
        let bytes = raw
            .get(run.start as usize..run.end as usize)
            .unwrap_or_default();
        let has_year = bytes
            .split(|b| !b.is_ascii_digit())
            .any(|d| d.len() == 4 && (d.starts_with(b"19") || d.starts_with(b"20")));
        if !has_year {
            continue;
        }
        last_block = run.block;
        tried += 1;
        if tried > 500 {
            break;
        }
        let block = run.block as usize;
        if tree.nodes.get(block).is_none_or(|n| n.hidden) || in_comments(tree, block) {
            continue;
        }
        let text = node_text(raw, tree, block);
        if text.len() > 160 {
            continue;
        }
        let lower = text.to_lowercase();
        if let Some(i) = EDITED.iter().filter_map(|e| lower.find(e)).min()
            && let Some(d) = text_date(lower.get(i..).unwrap_or(""))
        {
            return Some((text, d));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(byline_names("By Jane Doe", false), vec!["Jane Doe"]);
        assert_eq!(
            byline_names("By Jane Doe and John Roe | May 12, 2024", false),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(
            byline_names("Written by: Ann Lee, Reuters", false),
            vec!["Ann Lee", "Reuters"]
        );
        assert!(byline_names("by the way this is a long sentence of text", false).is_empty());
    }

    #[test]
    fn bylines_stop_at_dates() {
        assert_eq!(
            byline_names("J.R. Stone Thursday, November 9, 2023 7:35AM", false),
            vec!["J.R. Stone"]
        );
        assert_eq!(
            byline_names("Posted by Konstantin @ 12:00 am", false),
            vec!["Konstantin"]
        );
        assert_eq!(
            byline_names("Konstantin 21.10.2019", false),
            vec!["Konstantin"]
        );
        // Lower-case user names only from elements marked as the author's.
        assert!(byline_names("oz", false).is_empty());
        assert_eq!(byline_names("oz", true), vec!["oz"]);
    }

    #[test]
    fn hosts_and_site_names() {
        assert_eq!(
            host_label("https://www.dailymail.co.uk/news/x.html").as_deref(),
            Some("dailymail")
        );
        assert_eq!(
            host_label("https://edition.cnn.com/2021/").as_deref(),
            Some("cnn")
        );
        assert_eq!(
            host_label("http://anarc.at/blog/").as_deref(),
            Some("anarc")
        );
        assert_eq!(host_label("localhost"), None);
        let site = Site::new(&[None], Some("https://www.nestle-family.com/en/x"));
        assert!(site.matches("Nestlé Family ME"));
        assert!(!site.matches("Roasted Chicken with Oriental Rice Recipe"));
        let site = Site::new(
            &[Some("PhillyVoice")],
            Some("https://www.phillyvoice.com/x"),
        );
        assert!(site.is_named("PhillyVoice"));
        assert!(!site.is_named("Adam Aaronson"));
    }

    #[test]
    fn author_cleaning() {
        let site = Site::new(&[Some("PhillyVoice"), Some("CNN")], None);
        let names = |v: &[&str]| clean_names(v.iter().map(|s| s.to_string()), &site);
        assert_eq!(
            names(&["Adam Aaronson PhillyVoice Staff"]),
            vec!["Adam Aaronson"]
        );
        assert_eq!(names(&["Rob Picheta", "CNN"]), vec!["Rob Picheta"]);
        assert_eq!(names(&["Perry Bacon Jr."]), vec!["Perry Bacon Jr."]);
        assert_eq!(names(&["Staff Writer"]), vec!["Staff Writer"]);
        assert!(names(&["No Author"]).is_empty());
        // A personal site named after its author keeps the author.
        let own = Site::new(&[None], Some("https://gregoryszorc.com/blog/"));
        assert_eq!(
            clean_names(["Gregory Szorc".to_string()], &own),
            vec!["Gregory Szorc"]
        );
    }

    #[test]
    fn titles() {
        let site = Site::new(&[Some("Example")], None);
        assert_eq!(
            strip_site("Big news today | Example", &site, false),
            "Big news today"
        );
        assert_eq!(
            strip_site("Example - Big news today", &site, false),
            "Big news today"
        );
        assert_eq!(strip_site("Short", &Site::default(), true), "Short");
        // The host names the site when the page does not.
        let host = Site::new(&[None], Some("http://fouryears.eu/2019/10/21/x/"));
        assert_eq!(
            strip_site(
                "Four Years Remaining » Blog Archive » Interning of Small Integers",
                &host,
                false
            ),
            "Interning of Small Integers"
        );
        // Without a site name, a short last part is guessed to be one, if allowed.
        let none = Site::default();
        assert_eq!(
            strip_site("CDPATH replacements and more - anarcat", &none, true),
            "CDPATH replacements and more"
        );
        assert_eq!(
            strip_site(
                "How to Grow a Lemon Tree | Step-by-Step Guide",
                &none,
                false
            ),
            "How to Grow a Lemon Tree | Step-by-Step Guide"
        );
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn headline_choice() {
        let site = Site::new(&[Some("Example News")], None);
        // The <h1> confirms the unstripped og:title ("– Until Now" is not a site name).
        assert_eq!(
            choose_title(
                &s(&["Students Punished for Grades – Until Now"]),
                &s(&["Students Punished for Grades – Until Now"]),
                &site
            )
            .as_deref(),
            Some("Students Punished for Grades – Until Now")
        );
        // One part of the <title> is the <h1>.
        assert_eq!(
            choose_title(
                &s(&[
                    "Oven-baked Olive Focaccia",
                    "Olive Focaccia Bread - Easy recipes by Ex"
                ]),
                &s(&["Olive Focaccia Bread"]),
                &site
            )
            .as_deref(),
            Some("Olive Focaccia Bread")
        );
        // An <h1> with a kicker before the og:title.
        assert_eq!(
            choose_title(
                &s(&["Why collaborative thinking beats individual smarts"]),
                &s(&["Open Progress Why collaborative thinking beats individual smarts"]),
                &site
            )
            .as_deref(),
            Some("Why collaborative thinking beats individual smarts")
        );
        // A social-media variant of the headline: the visible <h1> wins.
        assert_eq!(
            choose_title(
                &s(&["Dead Skin Cells Might Actually Be A Good Thing | Example News"]),
                &s(&["Wait, are dead skin cells actually a good thing?"]),
                &site
            )
            .as_deref(),
            Some("Wait, are dead skin cells actually a good thing?")
        );
        // Promotions in <h1>s share nothing with the title.
        assert_eq!(
            choose_title(
                &s(&["Sixers beat Celtics | Example News"]),
                &s(&["Visit Harford County this fall", "See wild horses"]),
                &site
            )
            .as_deref(),
            Some("Sixers beat Celtics")
        );
        // A generic page title gives way to the lone headline.
        assert_eq!(
            choose_title(&s(&["Home"]), &s(&["Time to say goodbye."]), &site).as_deref(),
            Some("Time to say goodbye.")
        );
        assert_eq!(choose_title(&[], &[], &site), None);
    }
}
