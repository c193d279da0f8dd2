//! Plain text: UTF-8 with a leading BOM stripped, CRLF and CR normalised to LF, invalid bytes
//! replaced with U+FFFD and flagged. Everything else is copied unchanged, so each text byte
//! that was not replaced maps to the identical raw byte.

use crate::builder::{Built, TextBuilder};
use crate::detect::BOM;

/// The media type of plain text documents.
pub(crate) const MEDIA_TYPE: &str = "text/plain";

/// Converts raw plain text bytes (at most [`crate::HARD_MAX_DOCUMENT_BYTES`]) to clean text.
pub(crate) fn convert(raw: &[u8]) -> Built {
    let start = if raw.starts_with(BOM) { BOM.len() } else { 0 };
    let body = raw.get(start..).unwrap_or_default();
    let mut b = TextBuilder::with_capacity(body.len());
    b.push_lossy(start, body, |b, at, s| b.copy_normalising_newlines(at, s));
    b.finish(raw.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::Span;

    #[test]
    fn bom_and_crlf() {
        let raw = b"\xEF\xBB\xBFKyiv\r\nKharkiv\r";
        let built = convert(raw);
        assert_eq!(built.text, "Kyiv\nKharkiv\n");
        assert!(built.flags.is_empty());
        let a = &built.alignment;
        assert_eq!(a.to_raw(Span::new(0, 4)), Span::new(3, 7));
        assert_eq!(a.to_raw(Span::new(5, 12)), Span::new(9, 16));
    }

    #[test]
    fn clean_text_is_identity() {
        let built = convert("Київ\n".as_bytes());
        assert!(built.alignment.is_identity());
    }
}
