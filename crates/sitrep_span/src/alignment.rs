//! Mapping from offsets in the cleaned text back to offsets in the raw input bytes.

use crate::Span;
use serde::{Deserialize, Serialize};

/// One piece of the alignment: `text_len` bytes of text produced from `raw_len` raw bytes.
///
/// When the lengths are equal the bytes correspond one to one (copied text); otherwise the piece
/// is atomic (an HTML entity decoded, an invalid byte replaced, a paragraph break inserted where
/// the raw input has tags or nothing at all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Offset of the piece in the text.
    pub text_start: u32,
    /// Offset of the piece in the raw input.
    pub raw_start: u32,
    /// Length in the text.
    pub text_len: u32,
    /// Length in the raw input.
    pub raw_len: u32,
}

impl Segment {
    const fn is_copy(&self) -> bool {
        self.text_len == self.raw_len
    }
    const fn text_end(&self) -> u32 {
        self.text_start + self.text_len
    }
    const fn raw_end(&self) -> u32 {
        self.raw_start + self.raw_len
    }
}

/// Maps every byte of a document's text to the raw input it came from.
///
/// Segments cover the text contiguously from 0. An empty alignment means the text *is* the raw
/// input (identity), which is the common case for clean UTF-8 plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Alignment {
    segments: Vec<Segment>,
}

impl Alignment {
    /// The identity alignment: text offsets equal raw offsets.
    pub fn identity() -> Self {
        Self::default()
    }

    /// True for the identity alignment.
    pub fn is_identity(&self) -> bool {
        self.segments.is_empty()
    }

    /// The segments, ordered by text offset.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Maps a text span to the raw span it was produced from.
    ///
    /// Offsets inside an atomic piece widen to the whole piece, so the raw span always covers
    /// all the evidence. Offsets past the end map to the end of the raw input covered.
    pub fn to_raw(&self, span: Span) -> Span {
        if self.is_identity() {
            return span;
        }
        let start = self.map(span.start, false);
        let end = self.map(span.end, true);
        Span::new(start, end.max(start))
    }

    fn map(&self, offset: u32, is_end: bool) -> u32 {
        // Find the last segment starting at or before the offset (for an end offset, strictly
        // before it, so that an end at a segment boundary maps to the end of the previous piece).
        let idx = self.segments.partition_point(|s| {
            if is_end {
                s.text_start < offset
            } else {
                s.text_start <= offset
            }
        });
        let Some(seg) = idx.checked_sub(1).and_then(|i| self.segments.get(i)) else {
            return self.segments.first().map_or(offset, |s| s.raw_start);
        };
        if offset >= seg.text_end() {
            return seg.raw_end();
        }
        if seg.is_copy() {
            seg.raw_start + (offset - seg.text_start)
        } else if is_end {
            seg.raw_end()
        } else {
            seg.raw_start
        }
    }

    /// Checks that segments are contiguous from 0 and cover exactly `text_len` bytes.
    pub fn check(&self, text_len: usize, raw_len: usize) -> Result<(), String> {
        if self.is_identity() {
            return if text_len == raw_len {
                Ok(())
            } else {
                Err(format!(
                    "identity alignment but text has {text_len} bytes and raw {raw_len}"
                ))
            };
        }
        let mut next = 0u32;
        for s in &self.segments {
            if s.text_start != next {
                return Err(format!("alignment gap or overlap at text offset {next}"));
            }
            if s.raw_end() as usize > raw_len {
                return Err(format!(
                    "alignment points past raw input at {}",
                    s.raw_end()
                ));
            }
            next = s.text_end();
        }
        if next as usize != text_len {
            return Err(format!("alignment covers {next} of {text_len} text bytes"));
        }
        Ok(())
    }
}

/// Builds an [`Alignment`] while a cleaner appends text piece by piece.
#[derive(Debug, Default)]
pub struct AlignmentBuilder {
    segments: Vec<Segment>,
    text_len: u32,
}

impl AlignmentBuilder {
    /// A builder for a text that starts empty.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that `len` bytes were copied unchanged from raw offset `raw_start`.
    pub fn copy(&mut self, raw_start: u32, len: u32) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.segments.last_mut()
            && last.is_copy()
            && last.raw_end() == raw_start
        {
            last.text_len += len;
            last.raw_len += len;
        } else {
            self.push(raw_start, len, len);
        }
        self.text_len += len;
    }

    /// Records that `text_len` bytes of text replace the raw bytes `raw_start..raw_start+raw_len`
    /// as one atomic piece. A `raw_len` of 0 marks inserted text.
    pub fn replace(&mut self, raw_start: u32, raw_len: u32, text_len: u32) {
        if text_len == 0 {
            return;
        }
        self.push(raw_start, raw_len, text_len);
        self.text_len += text_len;
    }

    fn push(&mut self, raw_start: u32, raw_len: u32, text_len: u32) {
        self.segments.push(Segment {
            text_start: self.text_len,
            raw_start,
            text_len,
            raw_len,
        });
    }

    /// Text bytes accounted for so far.
    pub fn text_len(&self) -> u32 {
        self.text_len
    }

    /// Drops pieces past `text_len` (used when the cleaner trims trailing text).
    pub fn truncate(&mut self, text_len: u32) {
        self.segments.retain(|s| s.text_start < text_len);
        if let Some(last) = self.segments.last_mut()
            && last.text_end() > text_len
        {
            let keep = text_len - last.text_start;
            if last.is_copy() {
                last.raw_len = keep;
            }
            last.text_len = keep;
        }
        self.text_len = self.text_len.min(text_len);
    }

    /// Finishes the alignment for a raw input of `raw_len` bytes. A text that is an unchanged
    /// copy of the whole raw input gets the identity alignment.
    pub fn finish(mut self, raw_len: u32) -> Alignment {
        match self.segments.as_slice() {
            [only] if only.is_copy() && only.raw_start == 0 && only.raw_len == raw_len => {
                Alignment::identity()
            }
            [] if raw_len == 0 => Alignment::identity(),
            [] => {
                // Nothing of the raw input made it into the (empty) text.
                self.push(0, raw_len, 0);
                Alignment {
                    segments: self.segments,
                }
            }
            _ => Alignment {
                segments: self.segments,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_to_itself() {
        let a = Alignment::identity();
        assert_eq!(a.to_raw(Span::new(3, 7)), Span::new(3, 7));
        assert!(a.check(5, 5).is_ok());
        assert!(a.check(5, 6).is_err());
    }

    #[test]
    fn entity_and_tags() {
        // raw: "<p>Tom &amp; Jerry</p>"  text: "Tom & Jerry"
        let raw = "<p>Tom &amp; Jerry</p>";
        let mut b = AlignmentBuilder::new();
        b.copy(3, 4); // "Tom "
        b.replace(7, 5, 1); // "&amp;" -> "&"
        b.copy(12, 6); // " Jerry"
        let a = b.finish(raw.len() as u32);
        let text = "Tom & Jerry";
        assert!(a.check(text.len(), raw.len()).is_ok());
        let raw_of = |s: Span| &raw[a.to_raw(s).range()];
        assert_eq!(raw_of(Span::new(0, 3)), "Tom");
        assert_eq!(raw_of(Span::new(4, 5)), "&amp;");
        assert_eq!(raw_of(Span::new(6, 11)), "Jerry");
        assert_eq!(raw_of(Span::new(0, 11)), "Tom &amp; Jerry");
        assert_eq!(raw_of(Span::new(5, 5)), "");
    }

    #[test]
    fn inserted_text_maps_to_a_point() {
        let mut b = AlignmentBuilder::new();
        b.copy(0, 3);
        b.replace(10, 0, 2); // "\n\n" inserted
        b.copy(10, 3);
        let a = b.finish(13);
        assert!(a.check(8, 13).is_ok());
        assert_eq!(a.to_raw(Span::new(3, 5)), Span::new(10, 10));
        assert_eq!(a.to_raw(Span::new(5, 8)), Span::new(10, 13));
        assert_eq!(a.to_raw(Span::new(0, 8)), Span::new(0, 13));
    }

    #[test]
    fn single_copy_from_zero_is_identity() {
        let mut b = AlignmentBuilder::new();
        b.copy(0, 4);
        b.copy(4, 4);
        assert!(b.finish(8).is_identity());
        let mut b = AlignmentBuilder::new();
        b.copy(0, 4);
        assert!(!b.finish(5).is_identity());
    }

    #[test]
    fn truncate_cuts_last_piece() {
        let mut b = AlignmentBuilder::new();
        b.copy(0, 4);
        b.replace(4, 1, 3);
        b.copy(5, 10);
        b.truncate(9);
        assert_eq!(b.text_len(), 9);
        let a = b.finish(15);
        assert!(a.check(9, 15).is_ok());
        assert_eq!(a.to_raw(Span::new(7, 9)), Span::new(5, 7));
    }
}
