//! Byte spans into a document's frozen text.
//!
//! Every annotation sitrep produces points at its evidence with a [`Span`]: a half-open range of
//! **byte** offsets into the document's cleaned `text`. An [`Alignment`] maps text offsets back to
//! the raw input bytes (HTML, a file with invalid UTF-8 that was repaired, ...), and
//! [`OffsetIndex`] converts byte offsets to char, UTF-16 and line/column offsets, which are only
//! needed at output edges (the HTTP API, editors).

mod alignment;
mod offsets;

pub use alignment::{Alignment, AlignmentBuilder, Segment};
pub use offsets::{LineCol, OffsetIndex};

use serde::{Deserialize, Serialize};
use std::fmt;

/// Errors raised when a span does not fit the text it claims to index.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    /// `start > end`.
    #[error("span {start}..{end} is reversed")]
    Reversed { start: u32, end: u32 },
    /// The span ends past the end of the text.
    #[error("span {start}..{end} is out of bounds for text of {len} bytes")]
    OutOfBounds { start: u32, end: u32, len: usize },
    /// One end of the span falls inside a multi-byte UTF-8 character.
    #[error("span {start}..{end} does not fall on UTF-8 character boundaries")]
    NotCharBoundary { start: u32, end: u32 },
    /// The text is too long to be indexed with 32-bit offsets.
    #[error("text of {len} bytes is longer than the 4 GiB that spans can address")]
    TextTooLong { len: usize },
}

/// A half-open range `start..end` of byte offsets into a document's text.
///
/// Serialised as `{"start": S, "end": E}`; a `text` field next to them (as in the output schema)
/// is ignored when reading.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span.
    pub start: u32,
    /// One past the last byte of the span.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`. Callers check it against the text with [`Span::check`].
    pub const fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    /// A span from `usize` offsets, failing if either does not fit in 32 bits.
    pub fn from_usize(start: usize, end: usize) -> Result<Self, SpanError> {
        let s = u32::try_from(start).map_err(|_| SpanError::TextTooLong { len: start })?;
        let e = u32::try_from(end).map_err(|_| SpanError::TextTooLong { len: end })?;
        Ok(Self::new(s, e))
    }

    /// Length in bytes (0 for a reversed span).
    pub const fn len(&self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// `start` as `usize`.
    pub const fn start_usize(&self) -> usize {
        self.start as usize
    }

    /// `end` as `usize`.
    pub const fn end_usize(&self) -> usize {
        self.end as usize
    }

    /// The byte range, for slicing.
    pub const fn range(&self) -> std::ops::Range<usize> {
        self.start_usize()..self.end_usize()
    }

    /// True when `other` lies entirely inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Checks that the span is ordered, in bounds and on char boundaries of `text`.
    pub fn check(&self, text: &str) -> Result<(), SpanError> {
        let (start, end) = (self.start, self.end);
        if start > end {
            return Err(SpanError::Reversed { start, end });
        }
        if self.end_usize() > text.len() {
            return Err(SpanError::OutOfBounds {
                start,
                end,
                len: text.len(),
            });
        }
        if !text.is_char_boundary(self.start_usize()) || !text.is_char_boundary(self.end_usize()) {
            return Err(SpanError::NotCharBoundary { start, end });
        }
        Ok(())
    }

    /// The text the span covers, or `None` if the span does not fit `text`.
    pub fn text<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.range())
    }

    /// The span with leading and trailing whitespace of `text` removed (empty spans stay put).
    pub fn trim(&self, text: &str) -> Span {
        let Some(s) = self.text(text) else {
            return *self;
        };
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Span::new(self.start, self.start);
        }
        // lead and trimmed.len() are both <= self.len(), which fits in u32.
        let start = self.start + lead as u32;
        Span::new(start, start + trimmed.len() as u32)
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Checks that a text can be addressed with 32-bit spans.
pub fn check_text_len(text: &str) -> Result<(), SpanError> {
    if u32::try_from(text.len()).is_err() {
        return Err(SpanError::TextTooLong { len: text.len() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_rejects_bad_spans() {
        let text = "Kyiv – Київ";
        assert_eq!(Span::new(0, 4).check(text), Ok(()));
        assert_eq!(Span::new(0, 4).text(text), Some("Kyiv"));
        assert!(matches!(
            Span::new(5, 4).check(text),
            Err(SpanError::Reversed { .. })
        ));
        assert!(matches!(
            Span::new(0, 99).check(text),
            Err(SpanError::OutOfBounds { .. })
        ));
        // byte 6 is inside the en dash (bytes 5..8)
        assert!(matches!(
            Span::new(6, 8).check(text),
            Err(SpanError::NotCharBoundary { .. })
        ));
        assert_eq!(Span::new(6, 8).text(text), None);
    }

    #[test]
    fn trim_and_relations() {
        let text = "  near Belaya \n";
        let s = Span::new(0, text.len() as u32).trim(text);
        assert_eq!(s.text(text), Some("near Belaya"));
        assert_eq!(Span::new(0, 2).trim(text), Span::new(0, 0));
        assert!(Span::new(0, 10).contains(Span::new(2, 5)));
        assert!(!Span::new(0, 3).overlaps(Span::new(3, 5)));
        assert!(Span::new(0, 4).overlaps(Span::new(3, 5)));
        assert_eq!(Span::new(3, 5).cover(Span::new(0, 4)), Span::new(0, 5));
    }

    #[test]
    fn serde_ignores_text_field() {
        let s: Span = serde_json::from_str(r#"{"start":1,"end":3,"text":"ab"}"#).unwrap();
        assert_eq!(s, Span::new(1, 3));
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"start":1,"end":3}"#);
    }
}
