//! Arbitrary bytes, as text and as HTML: no panic, valid documents, exact alignment.

use proptest::prelude::*;
use sitrep_ingest::{ErrorKind, IngestConfig, InputFormat, ingest_bytes};
use sitrep_model::{DocMeta, Document, FlagKind, Span};

/// Text-like and markup-like byte soup: fragments that exercise every branch of the readers.
fn soup() -> impl Strategy<Value = Vec<u8>> {
    let fragment = prop_oneof![
        any::<u8>().prop_map(|b| vec![b]),
        "[a-zA-Z0-9 .,]{1,12}".prop_map(String::into_bytes),
        "[ \t\r\n]{1,4}".prop_map(String::into_bytes),
        "[а-яé–“”€]{1,3}".prop_map(String::into_bytes),
        prop::sample::select(vec![
            "<p>",
            "</p>",
            "<br/>",
            "<div class=\"a\">",
            "</div>",
            "<pre>",
            "</pre>",
            "<td>",
            "<script>",
            "</script>",
            "<style>",
            "</STYLE >",
            "<!--",
            "-->",
            "<!doctype html>",
            "<html lang=en>",
            "<title>",
            "</title>",
            "<meta name=date content='2025-01-01'>",
            "<a href=\"",
            "\"",
            "'",
            ">",
            "<",
            "</",
            "&",
            "&amp;",
            "&lt",
            "&#",
            "&#x",
            "&#8212;",
            "&#x1F600;",
            "&#0;",
            "&#150;",
            "&nGt;",
            "&nbsp;",
            ";",
            "\u{feff}",
            "\r\n",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        prop::sample::select(vec![
            vec![0xff],
            vec![0xe2, 0x82],
            vec![0x80],
            vec![0xc3],
            vec![0xf0, 0x9f, 0x98],
            vec![0xed, 0xa0, 0x80],
            vec![0xef, 0xbb, 0xbf],
        ]),
    ];
    prop_oneof![
        prop::collection::vec(fragment, 0..60).prop_map(|v| v.concat()),
        prop::collection::vec(any::<u8>(), 0..300),
    ]
}

/// Ingests `raw`; the document, and whether it was transcoded from a detected legacy charset
/// (issue 11) rather than read as UTF-8.
fn ingest_any(raw: &[u8], format: InputFormat) -> Option<(Document, bool)> {
    let meta = DocMeta {
        origin: Some("prop".into()),
        ..DocMeta::default()
    };
    match ingest_bytes(raw.to_vec(), format, meta, &IngestConfig::default()) {
        Ok(i) => {
            let transcoded = i.warnings.iter().any(|w| w.contains("(detected)"));
            Some((i.doc, transcoded))
        }
        Err(e) => {
            assert!(
                matches!(e.kind, ErrorKind::Binary | ErrorKind::Empty),
                "unexpected {e}"
            );
            None
        }
    }
}

/// Invariants every document must keep.
fn check_common(doc: &Document, raw: &[u8]) {
    let valid = doc.validate();
    assert!(valid.is_ok(), "invalid document: {valid:?}");
    assert_eq!(doc.raw(), raw);
    assert!(doc.alignment().check(doc.text().len(), raw.len()).is_ok());
    let len = raw.len() as u32;
    for i in 0..doc.text().len() as u32 {
        let r = doc.raw_span(Span::new(i, i + 1));
        assert!(
            r.start <= r.end && r.end <= len,
            "text byte {i} maps to {r}, raw has {len}"
        );
    }
    let whole = doc.raw_span(Span::new(0, doc.text().len() as u32));
    assert!(whole.end <= len);
    for f in &doc.flags {
        if f.kind == FlagKind::Encoding {
            let bad = &raw[doc.raw_span(f.span).range()];
            assert!(
                std::str::from_utf8(bad).is_err(),
                "flag {} maps to valid {bad:?}",
                f.span
            );
            assert!(doc.span_text(f.span).chars().all(|c| c == '\u{FFFD}'));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_as_text(raw in soup()) {
        if let Some((doc, transcoded)) = ingest_any(&raw, InputFormat::Text) {
            check_common(&doc, &raw);
            assert_eq!(doc.meta.media_type, "text/plain");
            // Every char that was not replaced maps to identical raw bytes.
            let text = doc.text();
            for (i, c) in text.char_indices() {
                let span = Span::new(i as u32, (i + c.len_utf8()) as u32);
                let got = &raw[doc.raw_span(span).range()];
                match c {
                    '\u{FFFD}' => {}
                    // Decoded from a legacy charset: one character from one or more bytes.
                    _ if transcoded && !c.is_ascii() => assert!(!got.is_empty()),
                    '\n' => assert!(matches!(got, b"\n" | b"\r\n" | b"\r"), "{got:?}"),
                    _ => assert_eq!(got, c.to_string().as_bytes(), "char {c:?} at {i}"),
                }
            }
            // Encoding flags cover exactly the replaced chars that did not come from a valid
            // U+FFFD in the input.
            let flagged: usize = doc
                .flags
                .iter()
                .filter(|f| f.kind == FlagKind::Encoding)
                .map(|f| doc.span_text(f.span).chars().count())
                .sum();
            let replaced = text
                .char_indices()
                .filter(|&(i, c)| {
                    let span = Span::new(i as u32, (i + c.len_utf8()) as u32);
                    c == '\u{FFFD}' && std::str::from_utf8(&raw[doc.raw_span(span).range()]).is_err()
                })
                .count();
            assert_eq!(flagged, replaced);
        }
    }

    #[test]
    fn arbitrary_bytes_as_html(raw in soup()) {
        if let Some((doc, transcoded)) = ingest_any(&raw, InputFormat::Html) {
            check_common(&doc, &raw);
            assert_eq!(doc.meta.media_type, "text/html");
            let text = doc.text();
            // Copied chars map to identical raw bytes; other pieces come from a reference,
            // collapsed whitespace, a newline or a tag.
            for (i, c) in text.char_indices() {
                let span = Span::new(i as u32, (i + c.len_utf8()) as u32);
                let got = &raw[doc.raw_span(span).range()];
                let same = got == c.to_string().as_bytes();
                let explained = c == '\u{FFFD}'
                    || (transcoded && !c.is_ascii())
                    || c.is_ascii_whitespace()
                    || got.first() == Some(&b'&');
                assert!(same || explained, "char {c:?} at {i} maps to {got:?}");
            }
        }
    }

    #[test]
    fn arbitrary_bytes_as_auto_and_jsonl_never_panic(raw in soup()) {
        let meta = DocMeta::default();
        let config = IngestConfig::default();
        for format in [InputFormat::Auto, InputFormat::Jsonl] {
            if let Ok(i) = ingest_bytes(raw.clone(), format, meta.clone(), &config) {
                i.doc.validate().unwrap();
            }
        }
    }
}
