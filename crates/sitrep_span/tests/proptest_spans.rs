//! Property tests: alignment and offsets agree with naive computations on arbitrary text.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use sitrep_span::{AlignmentBuilder, OffsetIndex, Span};

proptest! {
    #[test]
    fn trimmed_span_text_is_the_trimmed_slice(text in "\\PC{0,40}", a in 0usize..60, b in 0usize..60) {
        let (s, e) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
        prop_assume!(text.is_char_boundary(s) && text.is_char_boundary(e));
        let span = Span::from_usize(s, e).unwrap();
        prop_assert_eq!(span.text(&text), Some(&text[s..e]));
        let t = span.trim(&text);
        prop_assert!(t.check(&text).is_ok());
        prop_assert_eq!(t.text(&text).unwrap(), text[s..e].trim());
    }

    #[test]
    fn copy_only_alignment_recovers_raw_text(pieces in proptest::collection::vec(("[a-z ]{0,8}", 0u32..5), 0..10)) {
        // Build raw as pieces separated by `gap` junk bytes; text is the pieces concatenated.
        let (mut raw, mut text) = (String::new(), String::new());
        let mut b = AlignmentBuilder::new();
        for (piece, gap) in &pieces {
            raw.push_str(&"#".repeat(*gap as usize));
            b.copy(raw.len() as u32, piece.len() as u32);
            raw.push_str(piece);
            text.push_str(piece);
        }
        let a = b.finish(raw.len() as u32);
        prop_assert!(a.check(text.len(), raw.len()).is_ok());
        for i in 0..text.len() {
            let r = a.to_raw(Span::new(i as u32, i as u32 + 1));
            prop_assert_eq!(&raw[r.range()], &text[i..i + 1]);
        }
    }

    #[test]
    fn offsets_never_panic(text in "\\PC{0,60}", b in 0usize..300) {
        let idx = OffsetIndex::new(&text);
        let c = idx.char_offset(b);
        prop_assert!(c <= text.chars().count());
        let lc = idx.line_col(b);
        prop_assert!(lc.line >= 1 && lc.col >= 1);
    }
}
