//! Reading news reports into sitrep [`Document`]s.
//!
//! [`read_inputs`] takes the paths a user gave (files, directories, `-` for standard input) and
//! yields one [`Ingested`] document at a time, streaming: directories are walked lazily, JSON
//! Lines files are read line by line and no input is held in memory longer than the document it
//! holds. Items come in a deterministic order (the paths in the order given, directory entries
//! recursively sorted by name), and a bad input yields one `Err` item naming the file (and line)
//! while the iteration goes on.
//!
//! Formats, one module each:
//! - plain text (`text`): UTF-8 with a BOM stripped, CRLF/CR normalised to LF, invalid bytes
//!   replaced with U+FFFD and flagged ([`FlagKind::Encoding`]);
//! - HTML (`html`): a small hand-written HTML-to-text converter (tags stripped, scripts and
//!   comments dropped, blocks separated by blank lines, character references decoded, page
//!   metadata read from `<title>`, `<meta>` and `<link>`);
//! - JSON Lines (`jsonl`): one document per line, `text` or `html` plus metadata fields;
//! - metadata sidecars (`sidecar`): `article.meta.json` next to `article.txt`;
//! - gzip (`gzip`): `X.gz` is decompressed and read by its inner extension;
//! - RSS / Atom feeds (`feed`): one document per item (`.rss`, `.atom`, `.xml` with a feed
//!   root, or by content);
//! - WARC archives (`warc`): one document per HTML response record (`.warc`, `.warc.gz`, or by
//!   content), read record by record;
//! - directory walking and standard input (`walk`).
//!
//! Charsets (`charset`): text and HTML that is not UTF-8 is decoded (byte order mark, HTTP or
//! feed hint, `<meta charset>`, then detection with chardetng) and the alignment still maps
//! every text byte to the original raw bytes the document keeps. Languages (`lang`): when the
//! input does not say, whatlang sets `meta.language`; documents in a language the annotators
//! do not support get a warning, and English-only pipeline stages skip them.
//!
//! Every document keeps its raw input bytes and an [`Alignment`](sitrep_model::Alignment) that
//! maps each byte of the cleaned text back to the raw bytes it came from.

mod builder;
mod charset;
mod detect;
mod document;
mod error;
mod feed;
mod gzip;
mod html;
mod jsonl;
mod lang;
mod meta;
mod sidecar;
mod text;
mod walk;
mod warc;

pub use error::{ErrorKind, IngestError};
pub use html::HtmlMode;
pub use walk::Inputs;

use chrono::NaiveDate;
use serde::Deserialize;
use sitrep_model::{DocMeta, Document};
use std::path::PathBuf;

#[cfg(doc)]
use sitrep_model::FlagKind;

/// The default limit on the size of one document: 32 MiB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 32 * 1024 * 1024;

/// The hard upper limit on the size of one document (1 GiB), whatever the configuration says:
/// cleaned text may grow up to three times its raw size (every invalid byte becomes a 3-byte
/// U+FFFD) and spans address at most 4 GiB.
pub const HARD_MAX_DOCUMENT_BYTES: usize = 1 << 30;

/// How inputs are read.
#[derive(Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct IngestConfig {
    /// The input format: `auto` (by file extension; for standard input and files with an
    /// unknown extension, by content), or `text`, `html`, `jsonl`, `feed`, `warc` to read
    /// every input so.
    pub format: InputFormat,
    /// The largest document accepted, in bytes (default 32 MiB, at most 1 GiB). Larger files,
    /// decompressed gzip data and JSON Lines lines give an error for that document.
    pub max_document_bytes: usize,
    /// The publication date of documents whose input gives none (`--published`).
    pub published: Option<NaiveDate>,
    /// Read `NAME.meta.json` metadata sidecars next to `NAME.txt` / `NAME.html` (default true).
    pub sidecars: bool,
    /// What text of HTML pages to keep: `article` (the main content, default) or `full`.
    pub html_mode: HtmlMode,
}

impl Default for IngestConfig {
    fn default() -> Self {
        Self {
            format: InputFormat::Auto,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            published: None,
            sidecars: true,
            html_mode: HtmlMode::Article,
        }
    }
}

impl IngestConfig {
    /// The effective document size limit: `max_document_bytes` capped at
    /// [`HARD_MAX_DOCUMENT_BYTES`].
    pub fn document_limit(&self) -> usize {
        self.max_document_bytes.min(HARD_MAX_DOCUMENT_BYTES)
    }
}

/// The format of an input.
#[derive(Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Decide by file extension, or by content where there is none.
    #[default]
    Auto,
    /// Plain UTF-8 text.
    Text,
    /// HTML.
    Html,
    /// JSON Lines: one JSON object per line with `text` or `html` and metadata fields.
    Jsonl,
    /// An RSS 2.0 or Atom feed: one document per item.
    Feed,
    /// A WARC archive (possibly gzip-compressed per record): one document per HTML response.
    Warc,
}

/// One document read from the input, with the non-fatal problems met while reading it.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The document: metadata, raw bytes, cleaned text, alignment and line flags.
    pub doc: Document,
    /// Problems that did not stop the document from being read (an impossible date in the
    /// metadata, repaired encoding, truncated HTML), each naming the file.
    pub warnings: Vec<String>,
}

/// Reads the documents of `paths` one at a time. `-` means standard input.
///
/// Directories are read recursively, entries sorted by name; in directories only `.txt`,
/// `.text`, `.html`, `.htm`, `.jsonl`, `.ndjson`, `.rss`, `.atom`, `.warc` files, `.xml` files
/// that are feeds (and their `.gz`; extensions in lower case) are read, hidden entries are skipped and symbolic links to directories are not
/// followed. Files given
/// explicitly are read whatever their extension (unknown extensions as text, or HTML when the
/// content looks like HTML). `*.meta.json` sidecars are never read as documents.
///
/// The iterator owns what it needs (it borrows neither argument) and is `Send`.
pub fn read_inputs(paths: &[PathBuf], config: &IngestConfig) -> Inputs {
    Inputs::new(paths.to_vec(), config.clone())
}

/// Reads the documents of bytes already in memory as if they were a file named `name`: the
/// name's extension tells the format under `auto` (`x.rss`, `x.warc.gz`, `x.jsonl`), and the
/// content is sniffed for names without a known one. Documents' origins start with `name`.
pub fn read_bytes(name: &str, raw: Vec<u8>, config: &IngestConfig) -> Inputs {
    Inputs::from_bytes(PathBuf::from(name), raw, config.clone())
}

/// Reads one document from bytes already in memory (an upload, a WARC record, a test).
///
/// `format` `auto` reads HTML when the bytes look like HTML and text otherwise; `jsonl` reads
/// the bytes as one JSON object with `text` or `html` and metadata fields; `feed` and `warc`
/// give the first document of the feed or archive (use [`read_bytes`] for all of them). `meta` supplies the
/// metadata known from elsewhere (its `media_type` is set here); errors name `meta.origin`.
pub fn ingest_bytes(
    raw: Vec<u8>,
    format: InputFormat,
    meta: DocMeta,
    config: &IngestConfig,
) -> Result<Ingested, IngestError> {
    let origin = meta.origin.clone().unwrap_or_else(|| "-".to_owned());
    let err = |kind| IngestError::new(PathBuf::from(&origin), None, kind);
    let limit = config.document_limit();
    if raw.len() > limit {
        return Err(err(ErrorKind::TooLarge {
            size: Some(raw.len() as u64),
            limit,
        }));
    }
    match format {
        InputFormat::Jsonl => jsonl::ingest_record(&raw, meta, config).map_err(err),
        InputFormat::Feed | InputFormat::Warc => {
            let ext = if format == InputFormat::Feed {
                "rss"
            } else {
                "warc"
            };
            let mut config = config.clone();
            config.format = format;
            let name = PathBuf::from(format!("{origin}.{ext}"));
            let first = Inputs::from_bytes(name, raw, config).next();
            first.unwrap_or_else(|| Err(err(ErrorKind::Empty)))
        }
        InputFormat::Auto | InputFormat::Text | InputFormat::Html => {
            let html = match format {
                InputFormat::Html => true,
                InputFormat::Auto => detect::looks_like_html(&raw),
                _ => false,
            };
            if detect::looks_binary(&raw) {
                return Err(err(ErrorKind::Binary));
            }
            document::build(raw, html, meta, Vec::new(), config).map_err(err)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_can_move_to_another_thread() {
        fn send<T: Send + 'static>(_: &T) {}
        let inputs = read_inputs(&[PathBuf::from("-")], &IngestConfig::default());
        send(&inputs);
    }
}
