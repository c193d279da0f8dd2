//! Walking the inputs: paths in the order given, directories recursively with entries sorted
//! by name, standard input for `-`. One document is read at a time.

use crate::detect::{
    SNIFF_LEN, looks_binary, looks_like_feed, looks_like_html, looks_like_jsonl, looks_like_warc,
};
use crate::gzip::{Stream, has_gz_extension, maybe_decompress, peek, read_limited};
use crate::jsonl::JsonlReader;
use crate::warc::WarcReader;
use crate::{ErrorKind, IngestConfig, IngestError, Ingested, InputFormat, document, feed, sidecar};
use sitrep_model::DocMeta;
use std::collections::VecDeque;
use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{self, Cursor};
use std::path::{Path, PathBuf};

/// The path that means standard input.
const STDIN: &str = "-";

/// The documents of a list of inputs, read one at a time (see [`crate::read_inputs`]).
///
/// Yields `Ok` for each document and `Err` for each input that could not be read (naming the
/// file and, for JSON Lines, the line); an error never ends the iteration.
pub struct Inputs {
    config: IngestConfig,
    explicit: std::vec::IntoIter<PathBuf>,
    /// Open directories, innermost last: the entries still to visit.
    dirs: Vec<std::vec::IntoIter<PathBuf>>,
    /// The JSON Lines stream being read.
    jsonl: Option<JsonlReader>,
    /// The feed or WARC archive being read, one document per item or record.
    multi: Option<Box<dyn Iterator<Item = Item> + Send>>,
    /// Bytes given in memory ([`crate::read_bytes`]), read first, with their name.
    memory: Option<(PathBuf, Vec<u8>)>,
    /// Errors to report before going on.
    pending: VecDeque<IngestError>,
}

impl fmt::Debug for Inputs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inputs")
            .field("config", &self.config)
            .field("explicit_left", &self.explicit.len())
            .field("open_dirs", &self.dirs.len())
            .field("jsonl", &self.jsonl)
            .field("multi", &self.multi.is_some())
            .finish_non_exhaustive()
    }
}

type Item = Result<Ingested, IngestError>;

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(e) = self.pending.pop_front() {
                return Some(Err(e));
            }
            if let Some(reader) = &mut self.multi {
                match reader.next() {
                    Some(item) => return Some(item),
                    None => self.multi = None,
                }
                continue;
            }
            if let Some((path, raw)) = self.memory.take() {
                let name = path.to_string_lossy().into_owned();
                let (by_name, gz, _) = format_by_name(&name);
                let format = match self.config.format {
                    InputFormat::Auto => by_name.unwrap_or(InputFormat::Auto),
                    forced => forced,
                };
                let size = raw.len() as u64;
                let opened = maybe_decompress(Box::new(Cursor::new(raw)), gz);
                let item = match opened {
                    Ok((stream, gz)) => self.stream(path, stream, gz, format, Some(size), true),
                    Err(e) => Some(Err(IngestError::new(path, None, ErrorKind::Io(e)))),
                };
                if let Some(item) = item {
                    return Some(item);
                }
                continue;
            }
            if let Some(reader) = &mut self.jsonl {
                match reader.next() {
                    Some(item) => return Some(item),
                    None => self.jsonl = None,
                }
                continue;
            }
            if let Some(dir) = self.dirs.last_mut() {
                match dir.next() {
                    Some(path) => {
                        if let Some(item) = self.visit(path, false) {
                            return Some(item);
                        }
                    }
                    None => {
                        self.dirs.pop();
                    }
                }
                continue;
            }
            let path = self.explicit.next()?;
            if let Some(item) = self.visit(path, true) {
                return Some(item);
            }
        }
    }
}

/// A file's format as far as its name tells, whether it ends in `.gz`, and whether its
/// extensions are written in lower case.
fn format_by_name(name: &str) -> (Option<InputFormat>, bool, bool) {
    let gz = has_gz_extension(name);
    let inner = if gz {
        name.get(..name.len() - 3).unwrap_or("")
    } else {
        name
    };
    let ext = match inner.rfind('.') {
        Some(dot) if dot > 0 => inner.get(dot + 1..).unwrap_or(""),
        _ => "",
    };
    let lower = ext.to_ascii_lowercase();
    let format = match lower.as_str() {
        "txt" | "text" => Some(InputFormat::Text),
        "html" | "htm" => Some(InputFormat::Html),
        "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
        "rss" | "atom" => Some(InputFormat::Feed),
        "warc" => Some(InputFormat::Warc),
        // Read when the content is a feed (sniffed).
        "xml" => Some(InputFormat::Auto),
        _ => None,
    };
    let lower_case = ext == lower && (!gz || name.ends_with(".gz"));
    (format, gz, lower_case)
}

impl Inputs {
    pub(crate) fn new(paths: Vec<PathBuf>, config: IngestConfig) -> Self {
        Self {
            config,
            explicit: paths.into_iter(),
            dirs: Vec::new(),
            jsonl: None,
            multi: None,
            memory: None,
            pending: VecDeque::new(),
        }
    }

    /// Inputs that read `raw`, named `name` (its extension tells the format, as for a file).
    pub(crate) fn from_bytes(name: PathBuf, raw: Vec<u8>, config: IngestConfig) -> Self {
        let mut inputs = Self::new(Vec::new(), config);
        inputs.memory = Some((name, raw));
        inputs
    }

    /// Visits one path: returns an item, or `None` when the path yields nothing by itself (a
    /// directory now open, a JSON Lines stream now open, a skipped file).
    fn visit(&mut self, path: PathBuf, explicit: bool) -> Option<Item> {
        if explicit && path.as_os_str() == STDIN {
            return self.stdin();
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !explicit && name.starts_with('.') {
            tracing::debug!(path = %path.display(), "skipping hidden entry");
            return None;
        }
        let meta = if explicit {
            fs::metadata(&path)
        } else {
            fs::symlink_metadata(&path)
        };
        let meta = match meta {
            Ok(m) if m.file_type().is_symlink() => match fs::metadata(&path) {
                Ok(target) if target.is_file() => target,
                Ok(_) => {
                    tracing::debug!(path = %path.display(), "not following a symbolic link");
                    return None;
                }
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "skipping a broken link");
                    return None;
                }
            },
            Ok(m) => m,
            Err(e) => return Some(Err(IngestError::new(path, None, ErrorKind::Io(e)))),
        };
        if meta.is_dir() {
            return match self.read_dir(&path) {
                Ok(entries) => {
                    self.dirs.push(entries.into_iter());
                    None
                }
                Err(e) => Some(Err(IngestError::new(path, None, ErrorKind::Io(e)))),
            };
        }
        if !explicit && !meta.is_file() {
            // FIFOs, sockets and devices are read only when given explicitly.
            tracing::debug!(path = %path.display(), "skipping a special file");
            return None;
        }
        if sidecar::is_sidecar(&path) {
            tracing::debug!(path = %path.display(), "metadata sidecar, not a document");
            return None;
        }
        let (by_name, gz, lower_case) = format_by_name(&name);
        // In directories only known extensions, in lower case, are read (`README.TXT` is not).
        if !explicit && (by_name.is_none() || !lower_case) {
            tracing::debug!(path = %path.display(), "skipping a file of unknown type");
            return None;
        }
        let format = match self.config.format {
            InputFormat::Auto => by_name.unwrap_or(InputFormat::Auto),
            forced => forced,
        };
        self.file(path, &meta, format, gz, explicit)
    }

    /// The entries of a directory, sorted by name. Unreadable entries are reported.
    fn read_dir(&mut self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let mut entries = Vec::new();
        for entry in fs::read_dir(dir)? {
            match entry {
                Ok(e) => entries.push(e.path()),
                Err(e) => self
                    .pending
                    .push_back(IngestError::new(dir, None, ErrorKind::Io(e))),
            }
        }
        entries.sort();
        Ok(entries)
    }

    /// Reads a file: a document, or opens a JSON Lines, feed or WARC stream.
    fn file(
        &mut self,
        path: PathBuf,
        meta: &Metadata,
        format: InputFormat,
        gz_name: bool,
        explicit: bool,
    ) -> Option<Item> {
        let opened = File::open(&path)
            .and_then(|f| maybe_decompress(Box::new(f), gz_name))
            .map_err(ErrorKind::Io);
        let (stream, gz) = match opened {
            Ok(s) => s,
            Err(kind) => return Some(Err(IngestError::new(path, None, kind))),
        };
        let size = meta.is_file().then_some(meta.len());
        self.stream(path, stream, gz, format, size, explicit)
    }

    /// Reads an opened input: a document, or opens a JSON Lines, feed or WARC stream. `size`
    /// is the input's size when known; `explicit` inputs of no known kind are read as text.
    fn stream(
        &mut self,
        path: PathBuf,
        stream: Stream,
        gz: bool,
        mut format: InputFormat,
        size: Option<u64>,
        explicit: bool,
    ) -> Option<Item> {
        let limit = self.config.document_limit();
        if format == InputFormat::Jsonl {
            return self.open_jsonl(path, stream, gz);
        }
        let mut stream = stream;
        if format == InputFormat::Auto {
            let (head, s) = match peek(stream, SNIFF_LEN) {
                Ok(x) => x,
                Err(e) => {
                    let kind = if gz {
                        ErrorKind::Decompress(e)
                    } else {
                        ErrorKind::Io(e)
                    };
                    return Some(Err(IngestError::new(path, None, kind)));
                }
            };
            stream = s;
            if looks_like_warc(&head) {
                format = InputFormat::Warc;
            } else if looks_like_feed(&head) {
                format = InputFormat::Feed;
            } else if !explicit {
                // A `.xml` file in a directory that is not a feed.
                tracing::debug!(path = %path.display(), "skipping XML that is not a feed");
                return None;
            }
        }
        if format == InputFormat::Warc {
            self.multi = Some(Box::new(WarcReader::new(path, stream, &self.config)));
            return None;
        }
        if let Some(size) = size
            && !gz
            && size > limit as u64
        {
            let kind = ErrorKind::TooLarge {
                size: Some(size),
                limit,
            };
            return Some(Err(IngestError::new(path, None, kind)));
        }
        let capacity = if gz {
            0
        } else {
            size.and_then(|s| usize::try_from(s).ok()).unwrap_or(0)
        };
        let raw = match read_limited(&mut stream, limit, gz, capacity) {
            Ok(raw) => raw,
            Err(kind) => return Some(Err(IngestError::new(path, None, kind))),
        };
        drop(stream);
        if format == InputFormat::Feed {
            return match feed::parse(path.clone(), &raw, &self.config) {
                Ok(items) => {
                    self.multi = Some(Box::new(items));
                    None
                }
                Err(kind) => Some(Err(IngestError::new(path, None, kind))),
            };
        }
        let html = match format {
            InputFormat::Html => true,
            InputFormat::Auto => looks_like_html(&raw),
            _ => false,
        };
        Some(self.document_from_file(path, raw, html))
    }

    /// Starts reading a JSON Lines stream, unless it is binary data (one error, not one per
    /// line).
    fn open_jsonl(&mut self, path: PathBuf, stream: Stream, gz: bool) -> Option<Item> {
        match peek(stream, SNIFF_LEN) {
            Ok((head, _)) if looks_binary(&head) => {
                Some(Err(IngestError::new(path, None, ErrorKind::Binary)))
            }
            Ok((_, stream)) => {
                self.jsonl = Some(JsonlReader::new(path, stream, gz, &self.config));
                None
            }
            Err(e) => {
                let kind = if gz {
                    ErrorKind::Decompress(e)
                } else {
                    ErrorKind::Io(e)
                };
                Some(Err(IngestError::new(path, None, kind)))
            }
        }
    }

    fn document_from_file(&self, path: PathBuf, raw: Vec<u8>, html: bool) -> Item {
        let err = |kind| IngestError::new(path.clone(), None, kind);
        if looks_binary(&raw) {
            return Err(err(ErrorKind::Binary));
        }
        let mut meta = DocMeta {
            origin: Some(path.display().to_string()),
            ..DocMeta::default()
        };
        let mut warnings = Vec::new();
        if self.config.sidecars {
            match sidecar::read_for(&path) {
                Ok(Some((sidecar, fields))) => {
                    fields.apply(&mut meta, &sidecar.display().to_string(), &mut warnings);
                }
                Ok(None) => {}
                Err(kind) => return Err(err(kind)),
            }
        }
        document::build(raw, html, meta, warnings, &self.config).map_err(err)
    }

    /// Reads standard input: JSON Lines, HTML or text by configuration or content; gzip data
    /// is decompressed.
    fn stdin(&mut self) -> Option<Item> {
        let err = |kind| Some(Err(IngestError::new(STDIN, None, kind)));
        let stream: Stream = Box::new(io::stdin());
        let opened = maybe_decompress(stream, false).and_then(|(s, gz)| {
            let (head, s) = peek(s, SNIFF_LEN)?;
            Ok((head, s, gz))
        });
        let (head, mut stream, gz) = match opened {
            Ok(x) => x,
            Err(e) => return err(ErrorKind::Io(e)),
        };
        let format = match self.config.format {
            InputFormat::Auto if looks_like_jsonl(&head) => InputFormat::Jsonl,
            InputFormat::Auto if looks_like_warc(&head) => InputFormat::Warc,
            InputFormat::Auto if looks_like_feed(&head) => InputFormat::Feed,
            InputFormat::Auto if looks_like_html(&head) => InputFormat::Html,
            InputFormat::Auto => InputFormat::Text,
            forced => forced,
        };
        if matches!(
            format,
            InputFormat::Jsonl | InputFormat::Warc | InputFormat::Feed
        ) {
            return self.stream(PathBuf::from(STDIN), stream, gz, format, None, true);
        }
        let raw = match read_limited(&mut stream, self.config.document_limit(), gz, 0) {
            Ok(raw) => raw,
            Err(kind) => return err(kind),
        };
        if looks_binary(&raw) {
            return err(ErrorKind::Binary);
        }
        let meta = DocMeta {
            origin: Some(STDIN.to_owned()),
            ..DocMeta::default()
        };
        let html = format == InputFormat::Html;
        Some(
            document::build(raw, html, meta, Vec::new(), &self.config)
                .map_err(|kind| IngestError::new(STDIN, None, kind)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        use InputFormat::{Html, Jsonl, Text};
        assert_eq!(format_by_name("a.txt"), (Some(Text), false, true));
        assert_eq!(format_by_name("a.TXT.GZ"), (Some(Text), true, false));
        assert_eq!(format_by_name("a.txt.GZ"), (Some(Text), true, false));
        assert_eq!(format_by_name("README.TXT"), (Some(Text), false, false));
        assert_eq!(format_by_name("news.jsonl.gz"), (Some(Jsonl), true, true));
        assert_eq!(format_by_name("x.ndjson"), (Some(Jsonl), false, true));
        assert_eq!(format_by_name("p.htm"), (Some(Html), false, true));
        assert_eq!(format_by_name("README"), (None, false, true));
        assert_eq!(format_by_name("data.gz"), (None, true, true));
        assert_eq!(format_by_name("a.json"), (None, false, true));
    }
}
