//! Byte offset conversions for output edges: chars (code points), UTF-16 units, line/column.

use serde::Serialize;

/// A 1-based line and 1-based column (in chars) of a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    /// Line number, from 1.
    pub line: u32,
    /// Column in chars, from 1.
    pub col: u32,
}

/// Precomputed index for converting byte offsets of one text.
///
/// Conversions take `O(log n)` after an `O(n)` build; use one index per document at the edge.
#[derive(Debug, Clone)]
pub struct OffsetIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// Byte offsets of every 64th char, with the char and UTF-16 counts before them.
    checkpoints: Vec<(usize, usize, usize)>,
}

const STRIDE: usize = 64;

impl<'a> OffsetIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let (mut chars, mut units) = (0usize, 0usize);
        for (i, c) in text.char_indices() {
            if chars % STRIDE == 0 {
                checkpoints.push((i, chars, units));
            }
            chars += 1;
            units += c.len_utf16();
        }
        Self {
            text,
            line_starts,
            checkpoints,
        }
    }

    fn counts(&self, byte: usize) -> (usize, usize) {
        let byte = floor_char_boundary(self.text, byte.min(self.text.len()));
        let i = self.checkpoints.partition_point(|c| c.0 <= byte);
        let (mut pos, mut chars, mut units) = i
            .checked_sub(1)
            .and_then(|i| self.checkpoints.get(i))
            .copied()
            .unwrap_or((0, 0, 0));
        for c in self.text[pos..byte].chars() {
            chars += 1;
            units += c.len_utf16();
            pos += c.len_utf8();
        }
        debug_assert_eq!(pos, byte);
        (chars, units)
    }

    /// Number of chars (Unicode scalar values) before the byte offset.
    pub fn char_offset(&self, byte: usize) -> usize {
        self.counts(byte).0
    }

    /// Number of UTF-16 code units before the byte offset (JavaScript string index).
    pub fn utf16_offset(&self, byte: usize) -> usize {
        self.counts(byte).1
    }

    /// Line and column of the byte offset.
    pub fn line_col(&self, byte: usize) -> LineCol {
        let byte = floor_char_boundary(self.text, byte.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= byte).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let col = self.text[start..byte].chars().count() + 1;
        LineCol {
            line: saturate(line),
            col: saturate(col),
        }
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_match_naive_counts() {
        let text = "Kyiv – Київ\n😀 Kursk\nlast line";
        let idx = OffsetIndex::new(text);
        for (b, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let prefix = &text[..b];
            assert_eq!(idx.char_offset(b), prefix.chars().count());
            assert_eq!(idx.utf16_offset(b), prefix.encode_utf16().count());
        }
        let kursk = text.find("Kursk").unwrap();
        assert_eq!(idx.line_col(kursk), LineCol { line: 2, col: 3 });
        assert_eq!(idx.line_col(0), LineCol { line: 1, col: 1 });
    }

    #[test]
    fn long_text_uses_checkpoints() {
        let text = "é".repeat(1000) + "x";
        let idx = OffsetIndex::new(&text);
        assert_eq!(idx.char_offset(2000), 1000);
        assert_eq!(idx.utf16_offset(2001), 1001);
    }
}
