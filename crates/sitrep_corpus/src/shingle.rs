//! Word shingles of a document's text, skipping flagged lines.

use crate::hash::mix64;
use sitrep_model::{Document, Span};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Hashes of the lowercased words (runs of letters and digits) of `text`, leaving out the
/// byte ranges in `skip` (sorted or not). A word never spans a skipped range.
pub fn word_hashes(text: &str, skip: &[Span]) -> Vec<u64> {
    let mut ranges: Vec<(usize, usize)> = skip
        .iter()
        .map(|s| (s.start as usize, s.end as usize))
        .collect();
    ranges.sort_unstable();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut pos = 0usize;
    for (start, end) in ranges {
        if start > pos {
            words_into(text.get(pos..start).unwrap_or(""), &mut out);
        }
        pos = pos.max(end);
    }
    words_into(text.get(pos..).unwrap_or(""), &mut out);
    out
}

fn words_into(text: &str, out: &mut Vec<u64>) {
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                in_word = true;
            } else if b == b'\'' && in_word {
                // "don't", "Russia's": the apostrophe stays inside the word.
            } else if in_word {
                out.push(mix64(h));
                h = FNV_OFFSET;
                in_word = false;
            }
            i += 1;
        } else {
            let rest = text.get(i..).unwrap_or("");
            let Some(c) = rest.chars().next() else { break };
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    h = (h ^ u64::from(u32::from(l))).wrapping_mul(FNV_PRIME);
                }
                in_word = true;
            } else if in_word && c != '\u{2019}' {
                out.push(mix64(h));
                h = FNV_OFFSET;
                in_word = false;
            }
            i += c.len_utf8();
        }
    }
    if in_word {
        out.push(mix64(h));
    }
}

/// The distinct `k`-word shingles of a word sequence, sorted. A text shorter than `k` words
/// gives one shingle of all its words; an empty text gives none.
pub fn shingles(words: &[u64], k: usize) -> Vec<u64> {
    let k = k.max(1);
    if words.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<u64> = if words.len() < k {
        vec![combine(words)]
    } else {
        words.windows(k).map(combine).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

fn combine(window: &[u64]) -> u64 {
    let mut h = 0x2545_f491_4f6c_dd1d_u64;
    for &w in window {
        h = (h ^ w).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
    }
    mix64(h)
}

/// The distinct shingles of a document, leaving out flagged lines.
pub fn document_shingles(doc: &Document, k: usize) -> Vec<u64> {
    let skip: Vec<Span> = doc.flags.iter().map(|f| f.span).collect();
    shingles(&word_hashes(doc.text(), &skip), k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_and_split_on_punctuation() {
        let a = word_hashes("Kyiv, KYIV kyiv! don't", &[]);
        assert_eq!(a.len(), 4);
        assert_eq!(a[0], a[1]);
        assert_eq!(a[1], a[2]);
        let b = word_hashes("dont", &[]);
        assert_eq!(a[3], b[0], "apostrophes stay inside words");
        let c = word_hashes("Zürich zürich ZÜRICH", &[]);
        assert_eq!(c.len(), 3);
        assert!(c.iter().all(|h| *h == c[0]));
    }

    #[test]
    fn skipped_ranges_leave_no_words() {
        let text = "one two\nBUY NOW at spam.example\nthree four";
        let start = text.find("BUY").unwrap();
        let end = text.find("\nthree").unwrap();
        let skip = [Span::from_usize(start, end).unwrap()];
        let with_skip = word_hashes(text, &skip);
        assert_eq!(with_skip, word_hashes("one two three four", &[]));
    }

    #[test]
    fn shingles_are_sets_of_k_word_windows() {
        let w = word_hashes("a b c d e a b c d e", &[]);
        let s = shingles(&w, 5);
        // Windows: abcde bcdea cdeab deabc eabcd abcde -> 5 distinct.
        assert_eq!(s.len(), 5);
        assert!(s.windows(2).all(|p| p[0] < p[1]));
        assert_eq!(shingles(&w[..3], 5).len(), 1, "short text: one shingle");
        assert!(shingles(&[], 5).is_empty());
        // Order matters inside a shingle.
        let x = shingles(&word_hashes("a b c d e", &[]), 5);
        let y = shingles(&word_hashes("e d c b a", &[]), 5);
        assert_ne!(x, y);
    }
}
