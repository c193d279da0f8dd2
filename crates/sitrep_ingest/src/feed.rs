//! RSS 2.0 and Atom feeds (also RSS 1.0 and JSON Feed, which `feed-rs` reads too): each item
//! becomes one document.
//!
//! An item's text is its full content (`content:encoded`, Atom `<content>`) when present, else
//! its summary (`<description>`, Atom `<summary>`). HTML content goes through the HTML path;
//! the document's raw bytes are the decoded content string (the alignment maps into it, as for
//! JSON Lines). Metadata: the item's title, link (`url`), published date (else updated), authors
//! and language, and the feed's title as `source`; the page's own metadata only fills gaps.
//! Each document's origin is `FEED#item=N` (1-based), with `;guid=...` when the item has an id.

use crate::charset::Hint;
use crate::{ErrorKind, IngestConfig, IngestError, Ingested, document};
use feed_rs::model::{Entry, Feed};
use sitrep_model::DocMeta;
use std::fmt;
use std::path::PathBuf;

/// The documents of one parsed feed, built one at a time.
pub(crate) struct FeedItems {
    path: PathBuf,
    source: Option<String>,
    language: Option<String>,
    entries: std::iter::Enumerate<std::vec::IntoIter<Entry>>,
    config: IngestConfig,
}

impl fmt::Debug for FeedItems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FeedItems")
            .field("path", &self.path)
            .field("left", &self.entries.len())
            .finish_non_exhaustive()
    }
}

/// Parses a whole feed. Fails when the bytes are not a feed.
pub(crate) fn parse(
    path: PathBuf,
    raw: &[u8],
    config: &IngestConfig,
) -> Result<FeedItems, ErrorKind> {
    // feed-rs makes up ids for items without one (some of them random); an empty id here
    // means the feed gave none.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build();
    let feed: Feed = parser
        .parse(raw)
        .map_err(|e| ErrorKind::Feed(e.to_string()))?;
    let source = feed
        .title
        .as_ref()
        .map(|t| collapse(&t.content))
        .filter(|t| !t.is_empty());
    Ok(FeedItems {
        path,
        source,
        language: feed.language.clone(),
        entries: feed.entries.into_iter().enumerate(),
        config: config.clone(),
    })
}

impl Iterator for FeedItems {
    type Item = Result<Ingested, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (index, entry) = self.entries.next()?;
        let mut origin = format!("{}#item={}", self.path.display(), index + 1);
        if !entry.id.trim().is_empty() {
            origin.push_str(";guid=");
            origin.extend(entry.id.trim().chars().take(512));
        }
        let err = |kind| IngestError::new(PathBuf::from(&origin), None, kind);
        Some(self.item(entry, &origin).map_err(err))
    }
}

impl FeedItems {
    fn item(&self, entry: Entry, origin: &str) -> Result<Ingested, ErrorKind> {
        let Entry {
            title,
            updated,
            authors,
            content,
            links,
            summary,
            published,
            language,
            ..
        } = entry;
        let url = links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(links.first())
            .map(|l| l.href.trim().to_owned())
            .filter(|h| !h.is_empty());
        let authors: Vec<String> = authors
            .iter()
            .filter_map(|p| p.name.as_deref().map(collapse))
            .filter(|n| !n.is_empty())
            .collect();
        let meta = DocMeta {
            origin: Some(origin.to_owned()),
            title: title
                .as_ref()
                .map(|t| collapse(&t.content))
                .filter(|t| !t.is_empty()),
            url,
            source: self.source.clone(),
            published: published.or(updated).map(|d| d.date_naive()),
            language: language
                .or_else(|| self.language.clone())
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty()),
            author: (!authors.is_empty()).then(|| authors.join(", ")),
            ..DocMeta::default()
        };
        let full = content.and_then(|c| {
            let kind = c.content_type.to_string();
            c.body
                .filter(|b| !b.trim().is_empty())
                .map(|b| (b, kind.contains("html") || kind.contains("xml")))
        });
        let (body, typed_html) = match full {
            Some(x) => x,
            None => match summary.filter(|s| !s.content.trim().is_empty()) {
                Some(s) => {
                    let kind = s.content_type.to_string();
                    (s.content, kind.contains("html"))
                }
                None => {
                    return Err(ErrorKind::Feed(
                        "the item has neither content nor a summary".to_owned(),
                    ));
                }
            },
        };
        // RSS descriptions are HTML whatever they are labelled; plain text without markup
        // reads the same either way.
        let html = typed_html || has_markup(&body);
        document::build_with_charset(
            body.into_bytes(),
            html,
            Hint::Utf8,
            meta,
            Vec::new(),
            &self.config,
        )
    }
}

/// True when `s` contains something like a tag or a character reference.
fn has_markup(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2).any(|w| {
        (w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
            || (w[0] == b'&' && (w[1].is_ascii_alphabetic() || w[1] == b'#'))
    })
}

/// Collapses runs of whitespace to one space and trims.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
