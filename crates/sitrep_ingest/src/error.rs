//! The error type: what went wrong, and in which file and line.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// A document that could not be read, naming the file (and, for JSON Lines, the line).
#[derive(Debug)]
pub struct IngestError {
    /// The file (or `-` for standard input) as given or as found in a directory.
    pub path: PathBuf,
    /// The 1-based line of a JSON Lines file.
    pub line: Option<u64>,
    /// What went wrong.
    pub kind: ErrorKind,
}

impl IngestError {
    /// An error in `path` (at `line`, for JSON Lines).
    pub fn new(path: impl Into<PathBuf>, line: Option<u64>, kind: ErrorKind) -> Self {
        Self {
            path: path.into(),
            line,
            kind,
        }
    }

    /// Where the error is: `path` or `path:line`, as in the document's `origin`.
    pub fn location(&self) -> String {
        location(&self.path, self.line)
    }
}

pub(crate) fn location(path: &Path, line: Option<u64>) -> String {
    match line {
        Some(line) => format!("{}:{line}", path.display()),
        None => path.display().to_string(),
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.kind)
    }
}

impl std::error::Error for IngestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.kind)
    }
}

/// What went wrong with one input.
#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    /// The file or directory could not be read.
    #[error("cannot read: {0}")]
    Io(io::Error),
    /// gzip data that does not decompress.
    #[error("cannot decompress gzip data: {0}")]
    Decompress(io::Error),
    /// The document is larger than `max_document_bytes`.
    #[error("{}", too_large(*size, *limit))]
    TooLarge {
        /// The size in bytes, when known (a file's size; not known for a stream).
        size: Option<u64>,
        /// The limit in bytes.
        limit: usize,
    },
    /// The input looks like binary data.
    #[error("binary file, not text")]
    Binary,
    /// The input has no text (empty, whitespace only, or only markup).
    #[error("empty document")]
    Empty,
    /// A JSON Lines line that is not valid JSON.
    #[error("not valid JSON: {0}")]
    Json(String),
    /// A JSON Lines line that is JSON but not an object.
    #[error("not a JSON object")]
    NotObject,
    /// A JSON Lines record without a `text` or `html` string.
    #[error("the JSON object has neither a \"text\" nor an \"html\" string")]
    NoText,
    /// The metadata sidecar is unreadable or not a JSON object.
    #[error("bad metadata sidecar {}: {message}", sidecar.display())]
    Sidecar {
        /// The sidecar's path.
        sidecar: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A feed that cannot be parsed (not RSS or Atom, malformed XML), or a feed item
    /// without text.
    #[error("bad feed: {0}")]
    Feed(String),
    /// A WARC record that cannot be read (bad header, cut short, bad HTTP response).
    #[error("bad WARC record: {0}")]
    Warc(String),
    /// The document could not be built (text too long for 32-bit spans, bad alignment).
    #[error(transparent)]
    Model(#[from] sitrep_model::ModelError),
}

fn too_large(size: Option<u64>, limit: usize) -> String {
    match size {
        Some(size) => format!(
            "document of {size} bytes is larger than the limit of {limit} bytes (max_document_bytes)"
        ),
        None => format!("document is larger than the limit of {limit} bytes (max_document_bytes)"),
    }
}
