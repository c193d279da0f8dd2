//! Properties of the date tagger on arbitrary input.

use proptest::prelude::*;
use sitrep_annotate::dates::{DatesConfig, NaiveDate};

fn check(text: &str) {
    let tagger = DatesConfig::default().build();
    for anchor in [None, NaiveDate::from_ymd_opt(2025, 1, 11)] {
        let tags = tagger.tag(text, anchor);
        let mut prev_end = 0;
        for t in &tags {
            let (s, e) = (t.span.start_usize(), t.span.end_usize());
            assert!(s < e && e <= text.len(), "{t:?}");
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "{t:?}"
            );
            assert!(s >= prev_end, "overlapping or unsorted: {tags:?}");
            prev_end = e;
            if let (Some(a), Some(b)) = (t.start, t.end) {
                assert!(a <= b, "{t:?}");
            }
        }
    }
}

const WORDS: &[&str] = &[
    "the",
    "last",
    "next",
    "this",
    "week",
    "of",
    "December",
    "Jan",
    ".",
    "9",
    "2025",
    "09.01.2025",
    "-",
    "mid",
    "early",
    "late",
    "summer",
    "Tuesday",
    "night",
    "at",
    "3",
    "p",
    "m",
    "a",
    "year",
    "ago",
    "two",
    "days",
    "later",
    "every",
    "day",
    "for",
    "past",
    "24",
    "hours",
    "'",
    "90s",
    "1990s",
    "20th",
    "century",
    "on",
    ",",
    "é",
    "—",
    "\n\n",
    "quarter",
    "third",
    "fiscal",
    "1988",
    "recent",
    "now",
    "overnight",
    "2/30/2024",
    "31",
    "Feb",
    "29",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn date_like_word_salad(words in proptest::collection::vec(proptest::sample::select(WORDS), 0..40),
                            glue in proptest::collection::vec(proptest::sample::select(&[" ", "", "  ", "\n"][..]), 40)) {
        let mut text = String::new();
        for (w, g) in words.iter().zip(glue.iter()) {
            text.push_str(w);
            text.push_str(g);
        }
        check(&text);
    }
}
