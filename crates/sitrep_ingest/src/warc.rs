//! WARC archives (`.warc`, and `.warc.gz` with one gzip member per record, or one for all):
//! each HTTP `response` record (and each `resource` record) with an HTML payload becomes a
//! document.
//!
//! Records are read one at a time from the stream, so an archive of any size uses memory for
//! one record at most (records larger than the document limit are skipped unread). The HTTP
//! response inside a record is parsed with `httparse`; chunked transfer encoding and gzip or
//! deflate content encoding are undone. The document's raw bytes are the response body (the
//! page); its URL is `WARC-Target-URI`; the charset of the `Content-Type` header is a hint the
//! page's byte order mark overrides; `WARC-Date` is the publication date when the page gives
//! none. Requests, metadata records, non-HTML and non-2xx responses are skipped and counted.
//!
//! A corrupt record is one error item; reading goes on at the next line that starts a WARC
//! record (`WARC/1.`). Corrupt gzip data ends the archive (the decompressor cannot resync).
//! Each document's origin is `ARCHIVE#record=N` (1-based).

use crate::charset::{Hint, charset_param};
use crate::gzip::Stream;
use crate::{ErrorKind, IngestConfig, IngestError, Ingested, document};
use chrono::NaiveDate;
use flate2::read::{GzDecoder, ZlibDecoder};
use sitrep_model::DocMeta;
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

/// The longest header line kept (longer lines are an error for that record).
const MAX_LINE: usize = 64 * 1024;

/// The most header lines in one WARC record.
const MAX_HEADERS: usize = 256;

/// Counts of what an archive held (logged when it has been read).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct WarcCounts {
    /// Records read (well-formed or not).
    records: u64,
    /// Documents produced.
    documents: u64,
    /// Records skipped: requests, metadata, `warcinfo`, non-HTML or non-2xx responses.
    skipped: u64,
    /// Corrupt records (reported as errors).
    corrupt: u64,
}

/// The documents of one WARC stream.
pub(crate) struct WarcReader {
    path: PathBuf,
    reader: BufReader<Stream>,
    config: IngestConfig,
    counts: WarcCounts,
    /// A record header line already read while resynchronising.
    lookahead: Option<Vec<u8>>,
    done: bool,
}

impl fmt::Debug for WarcReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WarcReader")
            .field("path", &self.path)
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

/// One WARC record's header fields of interest.
#[derive(Debug, Default)]
struct Header {
    kind: String,
    uri: Option<String>,
    date: Option<NaiveDate>,
    content_type: String,
    length: Option<u64>,
}

/// Why a record produced no document.
enum Outcome {
    Doc(Box<Ingested>),
    Skip,
}

impl WarcReader {
    pub(crate) fn new(path: PathBuf, stream: Stream, config: &IngestConfig) -> Self {
        Self {
            path,
            reader: BufReader::with_capacity(64 * 1024, stream),
            config: config.clone(),
            counts: WarcCounts::default(),
            lookahead: None,
            done: false,
        }
    }

    fn error(&self, record: u64, kind: ErrorKind) -> IngestError {
        IngestError::new(
            PathBuf::from(format!("{}#record={record}", self.path.display())),
            None,
            kind,
        )
    }

    /// Reads one line (with its end), at most [`MAX_LINE`] bytes kept; `None` at the end.
    fn line(&mut self) -> io::Result<Option<Vec<u8>>> {
        if let Some(l) = self.lookahead.take() {
            return Ok(Some(l));
        }
        let mut line = Vec::new();
        let n = (&mut self.reader)
            .take(MAX_LINE as u64)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        if !line.ends_with(b"\n") && n == MAX_LINE {
            // Drop the rest of an over-long line.
            loop {
                let buf = self.reader.fill_buf()?;
                if buf.is_empty() {
                    break;
                }
                let (used, end) = match buf.iter().position(|&b| b == b'\n') {
                    Some(i) => (i + 1, true),
                    None => (buf.len(), false),
                };
                self.reader.consume(used);
                if end {
                    break;
                }
            }
        }
        Ok(Some(line))
    }

    /// Skips lines up to the next one that starts a record; false at the end of the input.
    fn resync(&mut self) -> io::Result<bool> {
        while let Some(line) = self.line()? {
            if line.starts_with(b"WARC/1.") || line.starts_with(b"WARC/0.") {
                self.lookahead = Some(line);
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Reads the next record's header; `Ok(None)` at the end of the input.
    fn header(&mut self) -> Result<Option<Header>, ErrorKind> {
        let io = |e: io::Error| ErrorKind::Warc(format!("cannot read: {e}"));
        // Skip the blank lines between records.
        let first = loop {
            match self.line().map_err(io)? {
                None => return Ok(None),
                Some(l) if l.iter().all(u8::is_ascii_whitespace) => continue,
                Some(l) => break l,
            }
        };
        if !(first.starts_with(b"WARC/")) {
            return Err(ErrorKind::Warc(format!(
                "expected a WARC record header, found {:?}",
                String::from_utf8_lossy(first.get(..first.len().min(40)).unwrap_or_default())
            )));
        }
        let mut h = Header::default();
        let mut lines = 0;
        loop {
            let Some(line) = self.line().map_err(io)? else {
                return Err(ErrorKind::Warc("the record header is cut short".to_owned()));
            };
            if line == b"\r\n" || line == b"\n" {
                break;
            }
            lines += 1;
            if lines > MAX_HEADERS {
                return Err(ErrorKind::Warc("too many header lines".to_owned()));
            }
            let line = String::from_utf8_lossy(&line);
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => h.kind = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    let uri = value.trim_start_matches('<').trim_end_matches('>').trim();
                    h.uri = (!uri.is_empty()).then(|| uri.to_owned());
                }
                "warc-date" => {
                    h.date = value
                        .get(..10)
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                }
                "content-type" => h.content_type = value.to_ascii_lowercase(),
                "content-length" => h.length = value.parse().ok(),
                _ => {}
            }
        }
        if h.length.is_none() {
            return Err(ErrorKind::Warc(
                "the record has no valid Content-Length".to_owned(),
            ));
        }
        Ok(Some(h))
    }

    /// Reads (or skips) the record block of `len` bytes.
    fn block(&mut self, len: u64, keep: bool) -> Result<Option<Vec<u8>>, ErrorKind> {
        let short = |got: u64| {
            ErrorKind::Warc(format!(
                "the record is cut short: {got} of {len} content bytes"
            ))
        };
        let io = |e: io::Error| ErrorKind::Warc(format!("cannot read: {e}"));
        if !keep {
            let got = io::copy(&mut (&mut self.reader).take(len), &mut io::sink()).map_err(io)?;
            return if got < len { Err(short(got)) } else { Ok(None) };
        }
        let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0).min(1 << 20));
        (&mut self.reader)
            .take(len)
            .read_to_end(&mut buf)
            .map_err(io)?;
        if (buf.len() as u64) < len {
            return Err(short(buf.len() as u64));
        }
        Ok(Some(buf))
    }

    /// Reads one record; `None` at the end of the input. An error says whether the record's
    /// framing is broken (the reader must look for the next record).
    fn record(&mut self, number: u64) -> Option<Result<Outcome, (ErrorKind, bool)>> {
        let header = match self.header() {
            Ok(None) => return None,
            Ok(Some(h)) => h,
            Err(e) => return Some(Err((e, true))),
        };
        let len = header.length.unwrap_or(0);
        let wanted = match header.kind.as_str() {
            "response" => header.content_type.starts_with("application/http"),
            "resource" => is_html_type(&header.content_type),
            _ => false,
        };
        let limit = self.config.document_limit() as u64;
        if !wanted || len > limit.saturating_add(64 * 1024) {
            let skipped = self.block(len, false);
            return Some(match skipped {
                Err(e) => Err((e, true)),
                Ok(_) if wanted => Err((
                    ErrorKind::TooLarge {
                        size: Some(len),
                        limit: self.config.document_limit(),
                    },
                    false,
                )),
                Ok(_) => Ok(Outcome::Skip),
            });
        }
        let block = match self.block(len, true) {
            Ok(Some(b)) => b,
            Ok(None) => return Some(Ok(Outcome::Skip)),
            Err(e) => return Some(Err((e, true))),
        };
        let origin = format!("{}#record={number}", self.path.display());
        let result = if header.kind == "response" {
            self.response(&header, &block, origin)
        } else {
            let charset = charset_param(header.content_type.as_bytes());
            self.document(&header, block, charset.as_deref(), origin)
        };
        Some(result.map_err(|e| (e, false)))
    }

    /// An HTTP response record: parse the status line and headers, undo the encodings.
    fn response(
        &self,
        header: &Header,
        block: &[u8],
        origin: String,
    ) -> Result<Outcome, ErrorKind> {
        let mut headers = [httparse::EMPTY_HEADER; 128];
        let mut resp = httparse::Response::new(&mut headers);
        let body_start = match resp.parse(block) {
            Ok(httparse::Status::Complete(n)) => n,
            Ok(httparse::Status::Partial) => {
                return Err(ErrorKind::Warc(
                    "the HTTP response headers are cut short".to_owned(),
                ));
            }
            Err(e) => return Err(ErrorKind::Warc(format!("bad HTTP response: {e}"))),
        };
        let status = resp.code.unwrap_or(0);
        let get = |name: &str| {
            resp.headers
                .iter()
                .filter(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
                .collect::<Vec<_>>()
        };
        let content_type = get("content-type").into_iter().next().unwrap_or_default();
        if !(200..300).contains(&status) || !is_html_type(&content_type) {
            return Ok(Outcome::Skip);
        }
        let mut body = block.get(body_start..).unwrap_or_default().to_vec();
        let limit = self.config.document_limit();
        if get("transfer-encoding")
            .iter()
            .any(|t| t.contains("chunked"))
        {
            body = dechunk(&body)?;
        }
        for coding in get("content-encoding")
            .iter()
            .flat_map(|v| {
                v.split(',')
                    .map(str::trim)
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .rev()
        {
            body = match coding.as_str() {
                "" | "identity" => body,
                "gzip" | "x-gzip" => inflate(GzDecoder::new(body.as_slice()), limit)?,
                "deflate" => inflate(ZlibDecoder::new(body.as_slice()), limit)?,
                other => {
                    return Err(ErrorKind::Warc(format!(
                        "unsupported content encoding {other:?}"
                    )));
                }
            };
        }
        let charset = charset_param(content_type.as_bytes());
        self.document(header, body, charset.as_deref(), origin)
    }

    fn document(
        &self,
        header: &Header,
        body: Vec<u8>,
        charset: Option<&str>,
        origin: String,
    ) -> Result<Outcome, ErrorKind> {
        let meta = DocMeta {
            origin: Some(origin),
            url: header.uri.clone(),
            ..DocMeta::default()
        };
        // The page's own date wins; WARC-Date comes before `--published`.
        let mut config = self.config.clone();
        config.published = header.date.or(config.published);
        let hint = charset.map_or(Hint::None, Hint::Label);
        document::build_with_charset(body, true, hint, meta, Vec::new(), &config)
            .map(|i| Outcome::Doc(Box::new(i)))
    }
}

impl Iterator for WarcReader {
    type Item = Result<Ingested, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let number = self.counts.records + 1;
            let Some(outcome) = self.record(number) else {
                self.done = true;
                tracing::info!(
                    path = %self.path.display(),
                    records = self.counts.records,
                    documents = self.counts.documents,
                    skipped = self.counts.skipped,
                    corrupt = self.counts.corrupt,
                    "WARC archive read"
                );
                return None;
            };
            self.counts.records = number;
            match outcome {
                Ok(Outcome::Doc(doc)) => {
                    self.counts.documents += 1;
                    return Some(Ok(*doc));
                }
                Ok(Outcome::Skip) => self.counts.skipped += 1,
                Err((kind, framing)) => {
                    if matches!(kind, ErrorKind::Warc(_)) {
                        self.counts.corrupt += 1;
                    }
                    // After a broken record, find the next one. Unreadable data (corrupt gzip)
                    // cannot be read past: the archive ends there.
                    if framing && !self.resync().unwrap_or(false) {
                        self.done = true;
                    }
                    return Some(Err(self.error(number, kind)));
                }
            }
        }
    }
}

/// True for HTML media types.
fn is_html_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    matches!(essence, "text/html" | "application/xhtml+xml")
}

/// Decompresses `r`, failing past `limit` bytes.
fn inflate(r: impl Read, limit: usize) -> Result<Vec<u8>, ErrorKind> {
    let mut out = Vec::new();
    r.take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| ErrorKind::Warc(format!("cannot decompress the HTTP body: {e}")))?;
    if out.len() > limit {
        return Err(ErrorKind::TooLarge { size: None, limit });
    }
    Ok(out)
}

/// Undoes HTTP/1.1 chunked transfer encoding. A body cut short keeps the chunks read.
pub(crate) fn dechunk(body: &[u8]) -> Result<Vec<u8>, ErrorKind> {
    let mut out = Vec::with_capacity(body.len());
    let mut pos = 0;
    loop {
        let rest = body.get(pos..).unwrap_or_default();
        let Some(eol) = rest.iter().position(|&b| b == b'\n') else {
            if out.is_empty() {
                return Err(ErrorKind::Warc("bad chunked encoding".to_owned()));
            }
            return Ok(out);
        };
        let line = String::from_utf8_lossy(rest.get(..eol).unwrap_or_default());
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            return Err(ErrorKind::Warc(format!(
                "bad chunk size {:?}",
                size_text.chars().take(20).collect::<String>()
            )));
        };
        pos += eol + 1;
        if size == 0 {
            return Ok(out);
        }
        let end = pos.saturating_add(size).min(body.len());
        out.extend_from_slice(body.get(pos..end).unwrap_or_default());
        if end < pos.saturating_add(size) {
            return Ok(out);
        }
        pos = end;
        // The CRLF after the chunk data.
        if body.get(pos) == Some(&b'\r') {
            pos += 1;
        }
        if body.get(pos) == Some(&b'\n') {
            pos += 1;
        }
    }
}
