//! The message format: one line of JSON (format and metadata), a newline, then the raw bytes.
//!
//! The raw bytes are kept as they are (no base64), so a message is barely larger than its
//! document; the JSON line never contains a raw newline (serde_json escapes them).

use crate::QueueError;
use serde::{Deserialize, Serialize};
use sitrep_ingest::InputFormat;
use sitrep_model::DocMeta;

/// Version of the envelope format.
pub const VERSION: u32 = 1;

/// The input format of an enqueued document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text.
    Text,
    /// HTML.
    Html,
    /// One JSON object with `text` or `html` and metadata fields.
    Jsonl,
}

impl Format {
    /// The ingest format.
    pub fn input_format(self) -> InputFormat {
        match self {
            Format::Text => InputFormat::Text,
            Format::Html => InputFormat::Html,
            Format::Jsonl => InputFormat::Jsonl,
        }
    }
}

/// The header line of a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Envelope version ([`VERSION`]).
    pub v: u32,
    /// How to read the raw bytes.
    pub format: Format,
    /// Metadata known before ingest (origin path, sidecar or record fields).
    pub meta: DocMeta,
}

/// Encodes a message.
pub fn encode(format: Format, meta: &DocMeta, raw: &[u8]) -> Result<Vec<u8>, QueueError> {
    let header = Header {
        v: VERSION,
        format,
        meta: meta.clone(),
    };
    let mut out = serde_json::to_vec(&header).map_err(|e| QueueError::Envelope(e.to_string()))?;
    out.push(b'\n');
    out.extend_from_slice(raw);
    Ok(out)
}

/// Decodes a message into its header and raw bytes.
pub fn decode(payload: &[u8]) -> Result<(Header, Vec<u8>), QueueError> {
    let nl = payload
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| QueueError::Envelope("no header line".to_owned()))?;
    let (head, rest) = payload.split_at(nl);
    let header: Header = serde_json::from_slice(head)
        .map_err(|e| QueueError::Envelope(format!("header line: {e}")))?;
    if header.v != VERSION {
        return Err(QueueError::Envelope(format!(
            "envelope version {} (this worker reads {VERSION})",
            header.v
        )));
    }
    Ok((header, rest.get(1..).unwrap_or_default().to_vec()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_bytes() {
        let meta = DocMeta {
            origin: Some("a\nb.txt".into()),
            title: Some("Zürich".into()),
            ..DocMeta::default()
        };
        let raw = b"line one\nline two\n\xff".to_vec();
        let msg = encode(Format::Html, &meta, &raw).unwrap();
        let (h, r) = decode(&msg).unwrap();
        assert_eq!(h.format, Format::Html);
        assert_eq!(h.meta, meta);
        assert_eq!(r, raw);
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(decode(b"not json\nxx").is_err());
        assert!(decode(b"no newline").is_err());
        assert!(decode(b"{\"v\":9,\"format\":\"text\",\"meta\":{\"id\":\"\",\"url\":null,\"source\":null,\"title\":null,\"published\":null,\"language\":null,\"media_type\":\"\"}}\nx").is_err());
    }
}
