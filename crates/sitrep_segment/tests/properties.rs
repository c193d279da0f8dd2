//! Property tests: on arbitrary text every span fits the text, layers are sorted and disjoint,
//! sentences lie in paragraphs, tokens in sentences, and tokens cover all non-space text.

use proptest::prelude::*;
use sitrep_model::Span;
use sitrep_segment::{ParagraphMode, SegmentConfig, Segmentation, Segmenter};

/// Whitespace and the invisible format characters the segmenter treats as whitespace.
fn is_gap(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}'
        )
}

fn check(text: &str, seg: &Segmentation) -> Result<(), TestCaseError> {
    let layers: [Vec<Span>; 3] = [
        seg.paragraphs.iter().map(|p| p.span).collect(),
        seg.sentences.iter().map(|s| s.span).collect(),
        seg.tokens.iter().map(|t| t.span).collect(),
    ];
    for spans in &layers {
        for s in spans {
            prop_assert!(s.check(text).is_ok(), "{s:?} in {text:?}");
            prop_assert!(!s.is_empty());
            prop_assert_eq!(s.trim(text), *s, "not trimmed: {:?}", s.text(text));
        }
        for w in spans.windows(2) {
            prop_assert!(
                w[0].end <= w[1].start,
                "overlap or disorder {:?} {:?}",
                w[0],
                w[1]
            );
        }
    }
    let [paras, sents, toks] = &layers;
    for s in sents {
        prop_assert_eq!(
            paras.iter().filter(|p| p.contains(*s)).count(),
            1,
            "sentence {:?}",
            s
        );
    }
    for t in toks {
        prop_assert_eq!(
            sents.iter().filter(|s| s.contains(*t)).count(),
            1,
            "token {:?}",
            t
        );
    }
    for p in paras {
        prop_assert!(
            sents.iter().any(|s| p.contains(*s)),
            "paragraph without sentence {:?}",
            p
        );
    }
    // Every visible char of a paragraph lies in exactly one token (tokens are disjoint, so
    // counting is enough).
    let visible = |s: &Span| {
        s.text(text)
            .unwrap_or("")
            .chars()
            .filter(|c| !is_gap(*c))
            .count()
    };
    let in_paras: usize = paras.iter().map(visible).sum();
    let in_tokens: usize = toks.iter().map(visible).sum();
    prop_assert_eq!(in_tokens, in_paras);
    let in_text = text.chars().filter(|c| !is_gap(*c)).count();
    prop_assert_eq!(in_paras, in_text);
    Ok(())
}

fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("U.S.".to_string()),
        Just("Mr.".to_string()),
        Just("No.".to_string()),
        Just("etc.".to_string()),
        Just("a.m.".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("'s".to_string()),
        Just("...".to_string()),
        Just("…".to_string()),
        Just("http://x.io/a(b).".to_string()),
        Just("a@b.c".to_string()),
        "[A-Za-z]{1,6}",
        "[0-9]{1,4}([.,:/-][0-9]{1,3})?",
        "[.!?,;:()\\[\\]'\"`—–-]{1,3}",
        "[ \n\r\t\u{a0}\u{2028}\u{2029}\u{c}\u{feff}\u{200b}\u{200d}\u{ad}]{1,3}",
        "\\PC{1,3}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn spans_are_valid_on_arbitrary_text(text in "\\PC{0,80}|[\\s\\S]{0,80}") {
        check(&text, &Segmenter::default().segment(&text))?;
    }

    #[test]
    fn spans_are_valid_on_newsy_text(text in newsy()) {
        for mode in [ParagraphMode::Auto, ParagraphMode::Lines, ParagraphMode::BlankLines] {
            let seg = SegmentConfig { paragraphs: mode, ..SegmentConfig::default() }.build();
            check(&text, &seg.segment(&text))?;
        }
    }
}
