//! A small HTML-to-text converter with exact alignment.
//!
//! Tags are stripped; `<script>`, `<style>`, `<noscript>`, `<template>`, `<iframe>`, `<svg>`,
//! `<math>` (with their content) and comments are dropped; block elements become paragraph
//! breaks (`"\n\n"`, aligned to the tag that caused them); runs of whitespace collapse to one
//! space outside `<pre>`; named and numeric character references are decoded one at a time, each
//! aligned to its raw span; invalid UTF-8 bytes become flagged U+FFFD. Page metadata comes from
//! `<title>`, `<html lang>`, `<meta>` and `<link rel=canonical>`. Input cut mid-tag keeps the
//! text read so far and reports that it was truncated.
//!
//! In [`HtmlMode::Article`] (the default) only the article body is kept: the main-content
//! extractor of `sitrep_clean::article` chooses which text runs (the bytes between two pieces of
//! markup) belong to it, and this converter emits just those, so the text keeps the same exact
//! alignment to the raw bytes and the same paragraph breaks. When the extractor finds no
//! plausible body, the full page text is kept and a note says so. The page metadata (title,
//! authors, published date, site, canonical URL, language) comes from the extractor in both
//! modes, with this converter's own `<meta>` reading as the fallback.

use crate::builder::{Built, TextBuilder};
use crate::detect::BOM;
use serde::Deserialize;
use sitrep_clean::article::{self, Article};
use std::borrow::Cow;

/// Which text of an HTML page becomes the document text.
#[derive(Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum HtmlMode {
    /// The article body only (menus, related links, comments, cookie notices and share buttons
    /// dropped); the full page text when no plausible body is found.
    #[default]
    Article,
    /// Every visible text of the page.
    Full,
}

/// The media type of HTML documents.
pub(crate) const MEDIA_TYPE: &str = "text/html";

/// Metadata found in the page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct HtmlMeta {
    pub title: Option<String>,
    /// The publication date as written in the page (parsed by the caller).
    pub published: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// The primary language subtag of `<html lang>`, lower case.
    pub language: Option<String>,
    pub author: Option<String>,
    /// The last modification date (kept apart from the publication date).
    pub modified: Option<chrono::NaiveDate>,
    title_rank: u8,
    published_rank: u8,
    url_rank: u8,
}

impl HtmlMeta {
    /// Takes what the article extractor found, keeping this converter's values where it found
    /// nothing.
    fn merge(&mut self, article: &Article) {
        let m = &article.meta;
        let pick = |slot: &mut Option<String>, v: Option<&String>| {
            if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
                *slot = Some(v.clone());
            }
        };
        pick(&mut self.title, m.title.as_ref());
        pick(&mut self.url, m.url.as_ref());
        pick(&mut self.source, m.site_name.as_ref());
        pick(&mut self.language, m.language.as_ref());
        // The extractor reads the same author tags and drops placeholders ("No Author") and
        // site names: its answer stands, empty or not.
        self.author = (!m.authors.is_empty()).then(|| m.authors.join(", "));
        if let Some(d) = m.published {
            self.published = Some(d.format("%Y-%m-%d").to_string());
        } else if self
            .published
            .as_deref()
            .and_then(article::parse_date)
            .is_none()
        {
            // The converter's own pick may be a modified date or unparsable: drop it.
            self.published = None;
        }
        self.modified = m.modified;
    }

    /// Keeps `value` when nothing of a better (lower) rank was seen.
    fn offer(slot: &mut Option<String>, rank_slot: &mut u8, rank: u8, value: &str) {
        let value = collapse_whitespace(value);
        if value.is_empty() {
            return;
        }
        if slot.is_none() || rank < *rank_slot {
            *slot = Some(value);
            *rank_slot = rank;
        }
    }
}

/// The converted page.
#[derive(Debug)]
pub(crate) struct Converted {
    pub built: Built,
    pub meta: HtmlMeta,
    /// True when the input ended inside a tag, comment or raw-text element.
    pub truncated: bool,
    /// Notes for the user (the article extractor fell back to the full page).
    pub notes: Vec<String>,
}

/// Converts raw HTML bytes (at most [`crate::HARD_MAX_DOCUMENT_BYTES`]) to text: the article
/// body or the full page (see [`HtmlMode`]).
#[cfg(test)]
pub(crate) fn convert(raw: &[u8], mode: HtmlMode) -> Converted {
    convert_at(raw, mode, None)
}

/// Converts raw HTML bytes fetched from `url` (when known: it helps the page metadata, see
/// [`article::extract_at`]) to text: the article body or the full page (see [`HtmlMode`]).
pub(crate) fn convert_at(raw: &[u8], mode: HtmlMode, url: Option<&str>) -> Converted {
    let article = article::extract_at(raw, url);
    let mut notes = Vec::new();
    if mode == HtmlMode::Article {
        if article.found {
            let mut c = convert_runs(raw, Some(&article));
            if c.built.text.trim().len() >= 80 {
                c.meta.merge(&article);
                return c;
            }
        }
        notes.push(
            "no article body found in the HTML; the full page text was kept (menus, links and \
             other page furniture included)"
                .to_owned(),
        );
    }
    let mut c = convert_runs(raw, None);
    c.meta.merge(&article);
    c.notes = notes;
    c
}

/// Converts the text runs `keep` selects (all of them for `None`).
fn convert_runs(raw: &[u8], keep: Option<&Article>) -> Converted {
    let start = if raw.starts_with(BOM) { BOM.len() } else { 0 };
    let mut p = Parser {
        raw,
        pos: start,
        out: TextBuilder::with_capacity(raw.len() / 2),
        pending_break: None,
        pending_space: None,
        pre: 0,
        meta: HtmlMeta::default(),
        truncated: false,
        keep,
    };
    p.run();
    let truncated = p.truncated;
    let mut out = p.out;
    if truncated {
        let text = out.text();
        let last_line = text.trim_end().rfind('\n').map_or(0, |i| i + 1);
        out.flag(sitrep_model::LineFlag {
            span: sitrep_model::Span::new(last_line as u32, text.len() as u32),
            kind: sitrep_model::FlagKind::Truncated,
            reason: "the HTML input ends inside markup; the text may be incomplete".to_owned(),
        });
    }
    Converted {
        built: out.finish(raw.len()),
        meta: p.meta,
        truncated,
        notes: Vec::new(),
    }
}

/// HTML whitespace.
const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Elements dropped with their content.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "math",
];

/// Elements whose start and end tags separate paragraphs.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "optgroup",
    "option",
    "p",
    "plaintext",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "title",
    "tr",
    "ul",
    "xmp",
];

/// Elements whose tags separate words (table cells).
const SPACERS: &[&str] = &["td", "th"];

struct Parser<'a> {
    raw: &'a [u8],
    pos: usize,
    out: TextBuilder,
    /// A paragraph break owed before the next text: the raw span of the tag that caused it.
    pending_break: Option<(usize, usize)>,
    /// A space owed before the next text: the raw span of the whitespace.
    pending_space: Option<(usize, usize)>,
    /// Depth of open `<pre>` elements.
    pre: u32,
    meta: HtmlMeta,
    truncated: bool,
    /// The article's text runs; `None` keeps all text.
    keep: Option<&'a Article>,
}

impl Parser<'_> {
    /// Whether the text starting at raw offset `at` is kept.
    fn kept(&self, at: usize) -> bool {
        self.keep.is_none_or(|a| a.keeps(at as u32))
    }

    fn run(&mut self) {
        while let Some(&b) = self.raw.get(self.pos) {
            match b {
                b'<' => self.markup(),
                b'&' => self.reference(),
                _ => self.text_run(),
            }
        }
    }

    fn rest(&self, from: usize) -> &[u8] {
        self.raw.get(from..).unwrap_or_default()
    }

    fn find_byte(&self, from: usize, needle: u8) -> Option<usize> {
        self.rest(from)
            .iter()
            .position(|&b| b == needle)
            .map(|i| from + i)
    }

    /// The input ends here: drop the rest.
    fn cut(&mut self) {
        self.truncated = true;
        self.pos = self.raw.len();
    }

    // ----- text -----------------------------------------------------------------------------

    /// Emits what is owed (a paragraph break or a space) before new text.
    fn flush_pending(&mut self) {
        let space = self.pending_space.take();
        if let Some((at, len)) = self.pending_break.take() {
            let text = self.out.text();
            let owed = if text.is_empty() || text.ends_with("\n\n") {
                ""
            } else if text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            self.out.replace(at, len, owed);
            return;
        }
        if let Some((at, len)) = space {
            let text = self.out.text();
            if text.is_empty() || text.ends_with([' ', '\n', '\t']) {
                return;
            }
            if len == 1 && self.raw.get(at) == Some(&b' ') {
                self.out.copy(at, " ");
            } else {
                self.out.replace(at, len, " ");
            }
        }
    }

    fn note_break(&mut self, at: usize, len: usize) {
        if self.pending_break.is_none() {
            self.pending_break = Some((at, len));
        }
        self.pending_space = None;
    }

    fn note_space(&mut self, at: usize, len: usize) {
        if self.pending_break.is_some() || self.out.text().is_empty() {
            return;
        }
        match &mut self.pending_space {
            Some((s, l)) if *s + *l == at => *l += len,
            Some(_) => {}
            None => self.pending_space = Some((at, len)),
        }
    }

    /// Text up to the next `<` or `&`.
    fn text_run(&mut self) {
        let start = self.pos;
        let end = self
            .rest(start)
            .iter()
            .position(|&b| b == b'<' || b == b'&')
            .map_or(self.raw.len(), |i| start + i);
        if !self.kept(start) {
            self.pos = end;
            return;
        }
        let all = self.raw;
        let raw = all.get(start..end).unwrap_or_default();
        self.pos = end;
        let mut at = start;
        for chunk in raw.utf8_chunks() {
            let ok = chunk.valid();
            if !ok.is_empty() {
                self.valid_text(at, ok);
                at += ok.len();
            }
            let bad = chunk.invalid();
            if !bad.is_empty() {
                self.flush_pending();
                self.out.replacement_char(at, bad.len());
                at += bad.len();
            }
        }
    }

    /// Valid UTF-8 text at raw offset `at`.
    fn valid_text(&mut self, at: usize, s: &str) {
        if self.pre > 0 {
            self.flush_pending();
            self.out.copy_normalising_newlines(at, s);
            return;
        }
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let space = bytes.get(i).is_some_and(|&b| is_space(b));
            let run = bytes
                .get(i..)
                .unwrap_or_default()
                .iter()
                .position(|&b| is_space(b) != space)
                .map_or(bytes.len(), |n| i + n);
            if space {
                self.note_space(at + i, run - i);
            } else {
                self.flush_pending();
                self.out.copy(at + i, s.get(i..run).unwrap_or(""));
            }
            i = run;
        }
    }

    /// A character reference, or a literal `&`.
    fn reference(&mut self) {
        let at = self.pos;
        if !self.kept(at) {
            self.pos = decode_reference(self.rest(at)).map_or(at + 1, |(len, _)| at + len);
            return;
        }
        match decode_reference(self.rest(at)) {
            Some((len, value)) => {
                self.pos = at + len;
                let is_ws = value.len() == 1 && value.bytes().all(is_space);
                if is_ws && self.pre == 0 {
                    self.note_space(at, len);
                } else {
                    self.flush_pending();
                    self.out.replace(at, len, &value);
                }
            }
            None => {
                self.flush_pending();
                self.out.copy(at, "&");
                self.pos = at + 1;
            }
        }
    }

    // ----- markup ---------------------------------------------------------------------------

    fn markup(&mut self) {
        let start = self.pos;
        let rest = self.rest(start);
        match rest.get(1) {
            Some(b'!') if rest.starts_with(b"<!--") => {
                let body = rest.get(4..).unwrap_or_default();
                let end = if body.starts_with(b">") {
                    Some(start + 5)
                } else if body.starts_with(b"->") {
                    Some(start + 6)
                } else {
                    body.windows(3)
                        .position(|w| w == b"-->")
                        .map(|i| start + 4 + i + 3)
                };
                match end {
                    Some(end) => self.pos = end,
                    None => self.cut(),
                }
            }
            Some(b'!' | b'?') => self.skip_past_gt(start + 2),
            Some(b'/') => match rest.get(2) {
                Some(c) if c.is_ascii_alphabetic() => self.end_tag(start),
                Some(b'>') => self.pos = start + 3,
                Some(_) => self.skip_past_gt(start + 2),
                None => self.cut(),
            },
            Some(c) if c.is_ascii_alphabetic() => self.start_tag(start),
            _ if !self.kept(start) => self.pos = start + 1,
            _ => {
                // A `<` that starts no markup is text.
                self.flush_pending();
                self.out.copy(start, "<");
                self.pos = start + 1;
            }
        }
    }

    fn skip_past_gt(&mut self, from: usize) {
        match self.find_byte(from, b'>') {
            Some(gt) => self.pos = gt + 1,
            None => self.cut(),
        }
    }

    /// The lower-cased tag name starting at `from`, and the offset after it.
    fn tag_name(&self, from: usize) -> (String, usize) {
        let len = self
            .rest(from)
            .iter()
            .position(|&b| is_space(b) || b == b'/' || b == b'>')
            .unwrap_or(self.raw.len() - from);
        let name = self.raw.get(from..from + len).unwrap_or_default();
        (
            String::from_utf8_lossy(name).to_ascii_lowercase(),
            from + len,
        )
    }

    fn end_tag(&mut self, start: usize) {
        let (name, after) = self.tag_name(start + 2);
        let Some(gt) = self.find_byte(after, b'>') else {
            self.cut();
            return;
        };
        let end = gt + 1;
        self.pos = end;
        let name = name.as_str();
        if name == "pre" {
            self.pre = self.pre.saturating_sub(1);
        }
        if BLOCKS.contains(&name) {
            self.note_break(start, end - start);
        } else if SPACERS.contains(&name) {
            self.note_space(start, end - start);
        }
    }

    fn start_tag(&mut self, start: usize) {
        let (name, mut i) = self.tag_name(start + 1);
        let name = name.as_str();
        let wanted = matches!(name, "html" | "meta" | "link");
        let mut attrs: Vec<(String, String)> = Vec::new();
        let mut self_closing = false;
        loop {
            while self.raw.get(i).is_some_and(|&b| is_space(b)) {
                i += 1;
            }
            match self.raw.get(i) {
                None => {
                    self.cut();
                    return;
                }
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') => {
                    i += 1;
                    if self.raw.get(i) == Some(&b'>') {
                        self_closing = true;
                        i += 1;
                        break;
                    }
                }
                Some(_) => {
                    let name_start = i;
                    i += 1;
                    while self
                        .raw
                        .get(i)
                        .is_some_and(|&b| !is_space(b) && !matches!(b, b'/' | b'>' | b'='))
                    {
                        i += 1;
                    }
                    let attr_name = self.raw.get(name_start..i).unwrap_or_default();
                    while self.raw.get(i).is_some_and(|&b| is_space(b)) {
                        i += 1;
                    }
                    let mut value: &[u8] = b"";
                    if self.raw.get(i) == Some(&b'=') {
                        i += 1;
                        while self.raw.get(i).is_some_and(|&b| is_space(b)) {
                            i += 1;
                        }
                        match self.raw.get(i) {
                            None => {
                                self.cut();
                                return;
                            }
                            Some(&q) if q == b'"' || q == b'\'' => {
                                let Some(close) = self.find_byte(i + 1, q) else {
                                    self.cut();
                                    return;
                                };
                                value = self.raw.get(i + 1..close).unwrap_or_default();
                                i = close + 1;
                            }
                            Some(_) => {
                                let vs = i;
                                while self.raw.get(i).is_some_and(|&b| !is_space(b) && b != b'>') {
                                    i += 1;
                                }
                                value = self.raw.get(vs..i).unwrap_or_default();
                            }
                        }
                    }
                    if wanted {
                        attrs.push((
                            String::from_utf8_lossy(attr_name).to_ascii_lowercase(),
                            decode_attribute(value),
                        ));
                    }
                }
            }
        }
        let end = i;
        self.pos = end;
        match name {
            "html" => self.html_tag(&attrs),
            "meta" => self.meta_tag(&attrs),
            "link" => self.link_tag(&attrs),
            _ => {}
        }
        if DROPPED.contains(&name) {
            if !(self_closing && matches!(name, "svg" | "math")) {
                match self.find_end_tag(end, name) {
                    Some((_, after)) => self.pos = after,
                    None => self.cut(),
                }
            }
            return;
        }
        if name == "title" {
            self.note_break(start, end - start);
            match self.find_end_tag(end, name) {
                Some((close, after)) => {
                    let content =
                        String::from_utf8_lossy(self.raw.get(end..close).unwrap_or_default());
                    let title = html_escape::decode_html_entities(&content);
                    HtmlMeta::offer(&mut self.meta.title, &mut self.meta.title_rank, 0, &title);
                    self.pos = after;
                }
                None => self.cut(),
            }
            return;
        }
        if BLOCKS.contains(&name) {
            self.note_break(start, end - start);
        } else if SPACERS.contains(&name) {
            self.note_space(start, end - start);
        }
        if name == "pre" {
            self.pre += 1;
            // A newline right after `<pre>` is not content.
            let rest = self.rest(end);
            if rest.starts_with(b"\r\n") {
                self.pos = end + 2;
            } else if rest.starts_with(b"\n") || rest.starts_with(b"\r") {
                self.pos = end + 1;
            }
        }
    }

    /// Finds `</name` (any case) followed by a delimiter from `from` on: the offset of `<` and
    /// the offset after the closing `>`.
    fn find_end_tag(&self, from: usize, name: &str) -> Option<(usize, usize)> {
        let mut i = from;
        loop {
            let lt = i + self.rest(i).windows(2).position(|w| w == b"</")?;
            let name_end = lt + 2 + name.len();
            let matches = self
                .raw
                .get(lt + 2..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
            if matches {
                match self.raw.get(name_end) {
                    Some(&b) if is_space(b) || b == b'/' || b == b'>' => {
                        let gt = self.find_byte(name_end, b'>')?;
                        return Some((lt, gt + 1));
                    }
                    None => return None,
                    Some(_) => {}
                }
            }
            i = lt + 2;
        }
    }

    // ----- metadata -------------------------------------------------------------------------

    fn html_tag(&mut self, attrs: &[(String, String)]) {
        if self.meta.language.is_some() {
            return;
        }
        if let Some(lang) = attr(attrs, "lang").or_else(|| attr(attrs, "xml:lang")) {
            let primary = lang
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic())
            {
                self.meta.language = Some(primary);
            }
        }
    }

    fn meta_tag(&mut self, attrs: &[(String, String)]) {
        let Some(content) = attr(attrs, "content") else {
            return;
        };
        for key in ["property", "name", "itemprop"] {
            let Some(k) = attr(attrs, key) else {
                continue;
            };
            let m = &mut self.meta;
            match k.to_ascii_lowercase().as_str() {
                "article:published_time" => {
                    HtmlMeta::offer(&mut m.published, &mut m.published_rank, 0, content);
                }
                "date" => HtmlMeta::offer(&mut m.published, &mut m.published_rank, 1, content),
                "og:published_time" | "datepublished" | "pubdate" | "publishdate"
                | "publish-date" | "dc.date" | "dc.date.issued" | "dcterms.created"
                | "parsely-pub-date" | "sailthru.date" => {
                    HtmlMeta::offer(&mut m.published, &mut m.published_rank, 2, content);
                }
                "og:url" => HtmlMeta::offer(&mut m.url, &mut m.url_rank, 1, content),
                "og:site_name" => {
                    let mut rank = 0;
                    HtmlMeta::offer(&mut m.source, &mut rank, 0, content);
                }
                "og:title" => HtmlMeta::offer(&mut m.title, &mut m.title_rank, 1, content),
                "author" | "article:author" | "byl" if !content.contains("://") => {
                    let mut rank = 0;
                    HtmlMeta::offer(&mut m.author, &mut rank, 0, content);
                }
                _ => {}
            }
        }
    }

    fn link_tag(&mut self, attrs: &[(String, String)]) {
        let canonical = attr(attrs, "rel").is_some_and(|rel| {
            rel.split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("canonical"))
        });
        if canonical && let Some(href) = attr(attrs, "href") {
            HtmlMeta::offer(&mut self.meta.url, &mut self.meta.url_rank, 0, href);
        }
    }
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// An attribute value with its character references decoded.
fn decode_attribute(value: &[u8]) -> String {
    let value = String::from_utf8_lossy(value);
    html_escape::decode_html_entities(&value).into_owned()
}

/// Collapses runs of whitespace to one space and trims.
fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Named references recognised without their `;` (the common legacy ones).
const LEGACY: &[&str] = &[
    "amp", "lt", "gt", "quot", "nbsp", "copy", "reg", "AMP", "LT", "GT", "QUOT", "COPY", "REG",
];

fn named_entity(name: &[u8]) -> Option<&'static str> {
    let table = &html_escape::NAMED_ENTITIES;
    table
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .and_then(|i| table.get(i))
        .map(|(_, v)| *v)
}

/// Decodes the character reference at the start of `s` (which starts with `&`): its length in
/// bytes and its value.
fn decode_reference(s: &[u8]) -> Option<(usize, Cow<'static, str>)> {
    if s.get(1) == Some(&b'#') {
        let hex = matches!(s.get(2), Some(b'x' | b'X'));
        let digits_start = if hex { 3 } else { 2 };
        let radix = if hex { 16 } else { 10 };
        let mut value: u32 = 0;
        let mut i = digits_start;
        while let Some(d) = s.get(i).and_then(|&b| char::from(b).to_digit(radix)) {
            value = value.saturating_mul(radix).saturating_add(d).min(0x11_0000);
            i += 1;
        }
        if i == digits_start {
            return None;
        }
        if s.get(i) == Some(&b';') {
            i += 1;
        }
        return Some((i, Cow::Owned(numeric_char(value).to_string())));
    }
    let name_len = s
        .get(1..)
        .unwrap_or_default()
        .iter()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let name = s.get(1..1 + name_len)?;
    if s.get(1 + name_len) == Some(&b';')
        && let Some(v) = named_entity(name)
    {
        return Some((name_len + 2, Cow::Borrowed(v)));
    }
    // Legacy references without `;`: the longest known prefix (`&copy2024` is `©2024`).
    (2..=name_len.min(4)).rev().find_map(|len| {
        let prefix = name.get(..len)?;
        LEGACY
            .iter()
            .any(|l| l.as_bytes() == prefix)
            .then(|| named_entity(prefix))
            .flatten()
            .map(|v| (len + 1, Cow::Borrowed(v)))
    })
}

/// The character a numeric reference stands for, as browsers decode it.
fn numeric_char(value: u32) -> char {
    const WINDOWS_1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let value = match value {
        0 => 0xFFFD,
        0x80..=0x9F => WINDOWS_1252
            .get((value - 0x80) as usize)
            .copied()
            .unwrap_or(0xFFFD),
        v => v,
    };
    char::from_u32(value).unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::Span;

    fn text(html: &str) -> String {
        convert(html.as_bytes(), HtmlMode::Full).built.text
    }

    #[test]
    fn references() {
        assert_eq!(decode_reference(b"&amp; x"), Some((5, Cow::Borrowed("&"))));
        assert_eq!(decode_reference(b"&ampx"), Some((4, Cow::Borrowed("&"))));
        assert_eq!(
            decode_reference(b"&copy2024"),
            Some((5, Cow::Borrowed("\u{a9}")))
        );
        assert_eq!(
            decode_reference(b"&#8212;").map(|(l, v)| (l, v.into_owned())),
            Some((7, "\u{2014}".into()))
        );
        assert_eq!(
            decode_reference(b"&#x41").map(|(l, v)| (l, v.into_owned())),
            Some((5, "A".into()))
        );
        assert_eq!(
            decode_reference(b"&#150;").map(|(_, v)| v.into_owned()),
            Some("\u{2013}".into())
        );
        assert_eq!(
            decode_reference(b"&#0;").map(|(_, v)| v.into_owned()),
            Some("\u{FFFD}".into())
        );
        assert_eq!(
            decode_reference(b"&#99999999999;").map(|(_, v)| v.into_owned()),
            Some("\u{FFFD}".into())
        );
        assert_eq!(
            decode_reference(b"&#xD800;").map(|(_, v)| v.into_owned()),
            Some("\u{FFFD}".into())
        );
        assert_eq!(decode_reference(b"&nosuch;"), None);
        assert_eq!(decode_reference(b"& x"), None);
        assert_eq!(decode_reference(b"&#;"), None);
    }

    #[test]
    fn blocks_whitespace_and_dropped_elements() {
        let html = "<html><head><title>T &amp; U</title><style>p{}</style></head>\n<body>\n\
                    <h1>Head  line</h1><p>One\n  two <b>three</b></p><script>x<y</script>\
                    <p>Four<br>five</p><!-- c --><ul><li>a</li><li>b</li></ul>\
                    <table><tr><td>c1</td><td>c2</td></tr></table></body></html>";
        assert_eq!(
            text(html),
            "Head line\n\nOne two three\n\nFour\n\nfive\n\na\n\nb\n\nc1 c2"
        );
        assert_eq!(
            convert(html.as_bytes(), HtmlMode::Full)
                .meta
                .title
                .as_deref(),
            Some("T & U")
        );
    }

    #[test]
    fn pre_keeps_whitespace() {
        assert_eq!(
            text("<p>a</p><pre>\n x  y\r\n z</pre><p>b</p>"),
            "a\n\n x  y\n z\n\nb"
        );
    }

    #[test]
    fn alignment_of_breaks_and_entities() {
        let html = "<p>Tom &amp; Jerry</p><p>x</p>";
        let c = convert(html.as_bytes(), HtmlMode::Full);
        assert_eq!(c.built.text, "Tom & Jerry\n\nx");
        let raw_of = |s: Span| &html[c.built.alignment.to_raw(s).range()];
        assert_eq!(raw_of(Span::new(4, 5)), "&amp;");
        assert_eq!(raw_of(Span::new(11, 13)), "</p>");
        assert_eq!(raw_of(Span::new(13, 14)), "x");
        assert_eq!(raw_of(Span::new(0, 14)), "Tom &amp; Jerry</p><p>x");
    }

    #[test]
    fn metadata() {
        let html = r#"<!doctype html><html lang="en-GB"><head>
            <meta property="og:site_name" content="Example News">
            <meta name="date" content="2024-01-01">
            <meta property="article:published_time" content="2025-01-11T09:00:00+02:00">
            <meta property="og:url" content="https://example.test/og">
            <link rel="canonical" href="https://example.test/a?x=1&amp;y=2">
            <meta name=author content='Jane Doe'>
            <meta property="og:title" content="OG title">
            </head><body><p>Body</p></body></html>"#;
        let c = convert(html.as_bytes(), HtmlMode::Full);
        assert_eq!(c.built.text, "Body");
        let m = c.meta;
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(m.source.as_deref(), Some("Example News"));
        assert_eq!(m.published.as_deref(), Some("2025-01-11"));
        assert_eq!(m.url.as_deref(), Some("https://example.test/a?x=1&y=2"));
        assert_eq!(m.author.as_deref(), Some("Jane Doe"));
        assert_eq!(m.title.as_deref(), Some("OG title"));
        assert!(!c.truncated);
    }

    const PARA: &str = "The ministry said on Tuesday that the talks, which began in March, would \
                        continue next week in Geneva, with both delegations expected to attend.";

    fn news_page() -> String {
        format!(
            "<!doctype html><html lang=\"en\"><head><title>Talks resume | Example</title>\
             <meta property=\"og:site_name\" content=\"Example News\"></head><body>\
             <nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World</a></li></ul></nav>\
             <div class=\"cookie-consent\">We use cookies &amp; similar tools. Accept all \
             cookies to continue browsing this site.</div><main><article><h1>Talks resume</h1>\
             <div class=\"byline\">By Ann Lee</div><ul class=\"share\"><li><a href=\"#\">Share \
             on Facebook</a></li></ul><div class=\"article-body\"><p>{PARA}</p><p>Tom &amp; \
             Jerry said &ldquo;no&rdquo;, then <a href=\"/x\">left  the room</a>, angrily.</p>\
             <p>{PARA}</p></div><section class=\"related\"><h3>Related</h3><ul><li><a \
             href=\"/a\">Another story</a></li></ul></section></article></main><footer><p>\
             Copyright 2024 Example News, all rights reserved.</p></footer></body></html>"
        )
    }

    /// Every paragraph's text equals the decoded raw bytes its alignment points to: each
    /// character maps to the same character in the raw bytes, to a character reference that
    /// decodes to it, or (spaces) to raw whitespace or markup.
    fn assert_aligned(html: &[u8], c: &Converted) {
        let text = &c.built.text;
        let mut at = 0usize;
        for para in text.split("\n\n") {
            for (i, ch) in para.char_indices() {
                let start = at + i;
                let span = Span::new(start as u32, (start + ch.len_utf8()) as u32);
                let raw = &html[c.built.alignment.to_raw(span).range()];
                let raw_s = String::from_utf8_lossy(raw);
                let ok = if raw_s.starts_with('&') {
                    html_escape::decode_html_entities(&raw_s).starts_with(ch)
                        || (ch == ' ' && raw_s.contains("nbsp"))
                } else if ch == ' ' {
                    // Whitespace and markup only (`\n  `, ` </td> <td>`).
                    let mut in_tag = false;
                    raw.iter().all(|&b| match b {
                        b'<' => {
                            in_tag = true;
                            true
                        }
                        b'>' => {
                            in_tag = false;
                            true
                        }
                        _ => in_tag || is_space(b),
                    })
                } else {
                    raw_s == ch.to_string()
                };
                assert!(
                    ok,
                    "{ch:?} at {start} maps to {raw_s:?} in paragraph {para:?}"
                );
            }
            at += para.len() + 2;
        }
    }

    #[test]
    fn article_mode_keeps_the_body_only() {
        let html = news_page();
        let c = convert(html.as_bytes(), HtmlMode::Article);
        let text = &c.built.text;
        assert!(c.notes.is_empty(), "{:?}", c.notes);
        assert!(text.starts_with("The ministry said"), "{text}");
        assert!(
            text.contains(
                "\n\nTom & Jerry said \u{201c}no\u{201d}, then left the room, angrily.\n\n"
            )
        );
        for furniture in [
            "Home",
            "cookies",
            "Share",
            "Related",
            "Another story",
            "Copyright",
            "By Ann",
        ] {
            assert!(!text.contains(furniture), "{furniture}: {text}");
        }
        assert_aligned(html.as_bytes(), &c);
        assert_eq!(c.meta.source.as_deref(), Some("Example News"));
        assert_eq!(c.meta.author.as_deref(), Some("Ann Lee"));
        assert_eq!(c.meta.title.as_deref(), Some("Talks resume"));
        // Full mode keeps the furniture.
        let full = convert(html.as_bytes(), HtmlMode::Full);
        assert!(full.built.text.contains("Home") && full.built.text.contains("Another story"));
        assert_aligned(html.as_bytes(), &full);
    }

    #[test]
    fn no_article_falls_back_to_the_full_text_with_a_note() {
        let html = "<html><body><nav><a href=\"/a\">One</a> <a href=\"/b\">Two</a></nav>\
                    <div class=\"grid\"><a href=\"/c\">Three</a></div></body></html>";
        let c = convert(html.as_bytes(), HtmlMode::Article);
        assert_eq!(c.built.text, "One Two\n\nThree");
        assert_eq!(c.notes.len(), 1);
        assert!(c.notes[0].contains("no article body"));
    }

    #[test]
    fn truncated_article_keeps_what_was_read() {
        let html = format!("<html><body><article><p>{PARA}</p><p>{PARA}</p><p>Cut <a href=\"x");
        let c = convert(html.as_bytes(), HtmlMode::Article);
        assert!(c.truncated);
        assert!(c.built.text.starts_with("The ministry"));
        assert!(
            c.built
                .flags
                .iter()
                .any(|f| f.kind == sitrep_model::FlagKind::Truncated)
        );
    }

    #[test]
    fn alignment_holds_on_real_pages() {
        let Some(dir) = sitrep_testutil::shared(
            "alignment_holds_on_real_pages",
            "data/trafilatura-eval-en/html",
        ) else {
            return;
        };
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        for path in names.iter().take(40) {
            let mut raw = Vec::new();
            use std::io::Read as _;
            flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
                .read_to_end(&mut raw)
                .unwrap();
            if std::str::from_utf8(&raw).is_err() {
                continue;
            }
            let c = convert(&raw, HtmlMode::Article);
            assert_aligned(&raw, &c);
        }
    }

    #[test]
    fn truncation() {
        for html in [
            "<p>Hi world</p><di",
            "<p>Hi <a href=\"x",
            "<p>Hi</p><!-- x",
            "<p>Hi</p><script>var",
        ] {
            let c = convert(html.as_bytes(), HtmlMode::Full);
            assert!(c.truncated, "{html}");
            assert!(c.built.text.starts_with("Hi"), "{html}");
            assert_eq!(c.built.flags.len(), 1);
        }
        assert!(!convert(b"a < b and c <", HtmlMode::Full).truncated);
        assert_eq!(text("a < b & c"), "a < b & c");
    }
}
