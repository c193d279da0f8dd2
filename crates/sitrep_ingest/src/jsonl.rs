//! JSON Lines: one document per line, a JSON object with `text` (plain text) or `html` plus
//! the metadata fields `title`, `published`, `url`, `source`, `language`, `author` (other fields
//! are ignored). Blank lines are skipped. Lines are read one at a time with a size limit, so a
//! file of any size streams and one huge line costs at most the limit in memory.
//!
//! A record's raw input (what the alignment maps to) is its decoded `text` or `html` string,
//! not the JSON line. Each document's origin is `path:line`.

use crate::error::location;
use crate::gzip::Stream;
use crate::meta::{MetaFields, ObjectError, parse_object};
use crate::{ErrorKind, IngestConfig, IngestError, Ingested, document};
use serde::Deserialize;
use serde_json::Value;
use sitrep_model::DocMeta;
use std::fmt;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;

/// Buffer size of the line reader.
const BUFFER: usize = 256 * 1024;

/// A line buffer larger than this is released after use.
const KEEP_BUFFER: usize = 1024 * 1024;

/// One JSON Lines record.
#[derive(Debug, Default, Deserialize)]
struct Record {
    #[serde(default)]
    text: Option<Value>,
    #[serde(default)]
    html: Option<Value>,
    #[serde(default)]
    title: Option<Value>,
    #[serde(default)]
    published: Option<Value>,
    #[serde(default)]
    url: Option<Value>,
    #[serde(default)]
    source: Option<Value>,
    #[serde(default)]
    language: Option<Value>,
    #[serde(default)]
    author: Option<Value>,
}

/// Reads one record (the bytes of one JSON object) into a document. `meta.origin` names it.
pub(crate) fn ingest_record(
    bytes: &[u8],
    mut meta: DocMeta,
    config: &IngestConfig,
) -> Result<Ingested, ErrorKind> {
    let record: Record = parse_object(bytes).map_err(|e| match e {
        ObjectError::NotJson(m) => ErrorKind::Json(m),
        ObjectError::NotObject => ErrorKind::NotObject,
    })?;
    let Record {
        text,
        html,
        title,
        published,
        url,
        source,
        language,
        author,
    } = record;
    let string = |v: Option<Value>| match v {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    let (raw, is_html) = match (string(text), string(html)) {
        (Some(t), _) if !t.trim().is_empty() => (t, false),
        (_, Some(h)) => (h, true),
        (Some(t), None) => (t, false),
        (None, None) => return Err(ErrorKind::NoText),
    };
    let origin = meta.origin.clone().unwrap_or_else(|| "-".to_owned());
    let mut warnings = Vec::new();
    MetaFields {
        title,
        published,
        url,
        source,
        language,
        author,
    }
    .apply(&mut meta, &origin, &mut warnings);
    document::build_with_charset(
        raw.into_bytes(),
        is_html,
        crate::charset::Hint::Utf8,
        meta,
        warnings,
        config,
    )
}

/// How a line read ended.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// End of input before any byte.
    Eof,
    /// A line (without its `\n`) is in the buffer.
    Read,
    /// The line was longer than the limit: it was skipped; its length.
    TooLong(u64),
}

/// Reads one line into `buf` (cleared by the caller), keeping at most `limit` bytes of it.
fn read_line(r: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    let mut total: u64 = 0;
    let mut any = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(match (any, total > limit as u64) {
                (false, _) => Line::Eof,
                (true, true) => Line::TooLong(total),
                (true, false) => Line::Read,
            });
        }
        any = true;
        let newline = avail.iter().position(|&b| b == b'\n');
        let chunk = newline.map_or(avail, |i| avail.get(..i).unwrap_or_default());
        let n = chunk.len();
        total += n as u64;
        if total <= limit as u64 {
            buf.extend_from_slice(chunk);
        } else if buf.capacity() > 0 {
            *buf = Vec::new();
        }
        r.consume(n + usize::from(newline.is_some()));
        if newline.is_some() {
            return Ok(if total > limit as u64 {
                Line::TooLong(total)
            } else {
                Line::Read
            });
        }
    }
}

/// The documents of one JSON Lines stream, one per non-blank line.
pub(crate) struct JsonlReader {
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    decompressing: bool,
    config: IngestConfig,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl fmt::Debug for JsonlReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonlReader")
            .field("path", &self.path)
            .field("line", &self.line)
            .field("decompressing", &self.decompressing)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl JsonlReader {
    pub(crate) fn new(
        path: PathBuf,
        stream: Stream,
        decompressing: bool,
        config: &IngestConfig,
    ) -> Self {
        Self {
            path,
            reader: Box::new(BufReader::with_capacity(BUFFER, stream)),
            decompressing,
            config: config.clone(),
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn error(&self, kind: ErrorKind) -> IngestError {
        IngestError::new(self.path.clone(), Some(self.line), kind)
    }
}

impl Iterator for JsonlReader {
    type Item = Result<Ingested, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            if self.buf.capacity() > KEEP_BUFFER {
                self.buf = Vec::new();
            }
            let limit = self.config.document_limit();
            let read = read_line(&mut *self.reader, &mut self.buf, limit);
            self.line += 1;
            match read {
                Err(e) => {
                    // The stream cannot be trusted past a read error: stop here.
                    self.done = true;
                    let kind = if self.decompressing {
                        ErrorKind::Decompress(e)
                    } else {
                        ErrorKind::Io(e)
                    };
                    return Some(Err(self.error(kind)));
                }
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong(size)) => {
                    return Some(Err(self.error(ErrorKind::TooLarge {
                        size: Some(size),
                        limit,
                    })));
                }
                Ok(Line::Read) => {
                    let mut bytes = self.buf.as_slice();
                    if self.line == 1 {
                        bytes = bytes.strip_prefix(crate::detect::BOM).unwrap_or(bytes);
                    }
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let origin = location(&self.path, Some(self.line));
                    let meta = DocMeta {
                        origin: Some(origin),
                        ..DocMeta::default()
                    };
                    let item = ingest_record(bytes, meta, &self.config);
                    return Some(item.map_err(|kind| self.error(kind)));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn lines(input: &[u8], limit: usize) -> Vec<(Line, Vec<u8>)> {
        let mut r = BufReader::with_capacity(4, Cursor::new(input.to_vec()));
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            let l = read_line(&mut r, &mut buf, limit).unwrap();
            if l == Line::Eof {
                return out;
            }
            out.push((l, buf));
        }
    }

    #[test]
    fn bounded_lines() {
        let got = lines(b"ab\n0123456789\n\nlast", 5);
        assert_eq!(got.len(), 4);
        assert_eq!(got[0], (Line::Read, b"ab".to_vec()));
        assert_eq!(got[1].0, Line::TooLong(10));
        assert_eq!(got[2], (Line::Read, b"".to_vec()));
        assert_eq!(got[3], (Line::Read, b"last".to_vec()));
        assert_eq!(lines(b"x\n", 5).len(), 1);
    }

    #[test]
    fn records() {
        let cfg = IngestConfig::default();
        let meta = || DocMeta {
            origin: Some("f:1".into()),
            ..DocMeta::default()
        };
        let r = ingest_record(br#"{"text": "Hi", "id": 3, "topics": ["a"]}"#, meta(), &cfg);
        assert_eq!(r.unwrap().doc.text(), "Hi");
        let r = ingest_record(br#"{"html": "<p>Hi</p>", "title": "T"}"#, meta(), &cfg).unwrap();
        assert_eq!(
            (r.doc.text(), r.doc.meta.title.as_deref()),
            ("Hi", Some("T"))
        );
        assert_eq!(r.doc.meta.media_type, "text/html");
        assert!(matches!(
            ingest_record(b"[1]", meta(), &cfg),
            Err(ErrorKind::NotObject)
        ));
        assert!(matches!(
            ingest_record(b"{x", meta(), &cfg),
            Err(ErrorKind::Json(_))
        ));
        assert!(matches!(
            ingest_record(br#"{"id": 1}"#, meta(), &cfg),
            Err(ErrorKind::NoText)
        ));
        assert!(matches!(
            ingest_record(br#"{"text": " "}"#, meta(), &cfg),
            Err(ErrorKind::Empty)
        ));
    }
}
