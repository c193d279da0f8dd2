//! Building a document's text piece by piece while recording where each piece came from.
//!
//! Callers guarantee that raw offsets fit in `u32` (inputs are capped at
//! [`HARD_MAX_DOCUMENT_BYTES`](crate::HARD_MAX_DOCUMENT_BYTES)) and that the text stays below
//! 4 GiB (at most three text bytes per raw byte).

use sitrep_model::{Alignment, AlignmentBuilder, FlagKind, LineFlag, Span};

/// The reason recorded on encoding flags.
pub(crate) const ENCODING_REASON: &str = "invalid UTF-8 bytes replaced with U+FFFD";

/// Cleaned text under construction, with its alignment to the raw input and its line flags.
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    text: String,
    align: AlignmentBuilder,
    flags: Vec<LineFlag>,
    /// Number of invalid UTF-8 sequences replaced.
    replaced: usize,
}

/// The finished text.
#[derive(Debug)]
pub(crate) struct Built {
    pub text: String,
    pub alignment: Alignment,
    pub flags: Vec<LineFlag>,
    pub replaced: usize,
}

impl TextBuilder {
    pub(crate) fn with_capacity(cap: usize) -> Self {
        Self {
            text: String::with_capacity(cap),
            ..Self::default()
        }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Appends `s`, copied unchanged from raw offset `raw_start`.
    pub(crate) fn copy(&mut self, raw_start: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        self.align.copy(raw_start as u32, s.len() as u32);
        self.text.push_str(s);
    }

    /// Appends `s` in place of the raw bytes `raw_start..raw_start + raw_len`.
    pub(crate) fn replace(&mut self, raw_start: usize, raw_len: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        self.align
            .replace(raw_start as u32, raw_len as u32, s.len() as u32);
        self.text.push_str(s);
    }

    /// Appends U+FFFD in place of the invalid raw bytes `raw_start..raw_start + raw_len` and
    /// flags it (adjacent replacements share one flag).
    pub(crate) fn replacement_char(&mut self, raw_start: usize, raw_len: usize) {
        let start = self.text.len() as u32;
        self.replace(raw_start, raw_len, "\u{FFFD}");
        self.replaced += 1;
        let end = self.text.len() as u32;
        if let Some(last) = self.flags.last_mut()
            && last.kind == FlagKind::Encoding
            && last.span.end == start
        {
            last.span.end = end;
            return;
        }
        self.flags.push(LineFlag {
            span: Span::new(start, end),
            kind: FlagKind::Encoding,
            reason: ENCODING_REASON.to_owned(),
        });
    }

    /// Appends the valid UTF-8 `s` found at raw offset `raw_start`, turning CRLF and lone CR
    /// into LF.
    pub(crate) fn copy_normalising_newlines(&mut self, raw_start: usize, s: &str) {
        let bytes = s.as_bytes();
        let mut from = 0;
        while let Some(rel) = bytes
            .get(from..)
            .and_then(|b| b.iter().position(|&c| c == b'\r'))
        {
            let cr = from + rel;
            self.copy(raw_start + from, s.get(from..cr).unwrap_or(""));
            let len = if bytes.get(cr + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            self.replace(raw_start + cr, len, "\n");
            from = cr + len;
        }
        self.copy(raw_start + from, s.get(from..).unwrap_or(""));
    }

    /// Appends `raw` (found at raw offset `raw_start`), decoding it as UTF-8: valid runs go to
    /// `valid(self, offset, run)`, each invalid sequence becomes a flagged U+FFFD.
    pub(crate) fn push_lossy(
        &mut self,
        raw_start: usize,
        raw: &[u8],
        mut valid: impl FnMut(&mut Self, usize, &str),
    ) {
        let mut pos = raw_start;
        for chunk in raw.utf8_chunks() {
            let ok = chunk.valid();
            if !ok.is_empty() {
                valid(self, pos, ok);
                pos += ok.len();
            }
            let bad = chunk.invalid();
            if !bad.is_empty() {
                self.replacement_char(pos, bad.len());
                pos += bad.len();
            }
        }
    }

    /// Adds a flag (kept sorted by the caller's order of additions).
    pub(crate) fn flag(&mut self, flag: LineFlag) {
        self.flags.push(flag);
    }

    pub(crate) fn finish(self, raw_len: usize) -> Built {
        let mut flags = self.flags;
        flags.sort_by_key(|f| (f.span, f.kind));
        Built {
            alignment: self.align.finish(raw_len as u32),
            text: self.text,
            flags,
            replaced: self.replaced,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_normalised_with_alignment() {
        let raw = "a\r\nb\rc\n";
        let mut b = TextBuilder::default();
        b.copy_normalising_newlines(0, raw);
        let built = b.finish(raw.len());
        assert_eq!(built.text, "a\nb\nc\n");
        let a = &built.alignment;
        assert_eq!(a.to_raw(Span::new(1, 2)), Span::new(1, 3));
        assert_eq!(a.to_raw(Span::new(2, 3)), Span::new(3, 4));
        assert_eq!(a.to_raw(Span::new(4, 5)), Span::new(5, 6));
    }

    #[test]
    fn invalid_bytes_are_replaced_and_flagged_once() {
        let raw = b"ok \xff\xfe end";
        let mut b = TextBuilder::default();
        b.push_lossy(0, raw, |b, at, s| b.copy(at, s));
        let built = b.finish(raw.len());
        assert_eq!(built.text, "ok \u{FFFD}\u{FFFD} end");
        assert_eq!(built.flags.len(), 1);
        assert_eq!(built.flags[0].span, Span::new(3, 9));
        assert_eq!(built.alignment.to_raw(Span::new(3, 6)), Span::new(3, 4));
        assert_eq!(built.alignment.to_raw(Span::new(3, 9)), Span::new(3, 5));
        assert_eq!(built.replaced, 2);
    }
}
