//! Every kind of bad input gives one error (or a warning) for that input, and the iteration
//! goes on.

mod common;

use common::{check_doc, date, gz, ingest, one, one_err, raw_of, write};
use sitrep_ingest::{ErrorKind, IngestConfig};
use sitrep_model::{FlagKind, Span};
use std::io::Write;

const MB: usize = 1024 * 1024;

#[test]
fn empty_and_whitespace_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let config = IngestConfig::default();
    for (name, content) in [
        ("empty.txt", ""),
        ("blank.txt", " \r\n\t\n"),
        ("bom.txt", "\u{feff}"),
        (
            "markup.html",
            "<html><head><title>T</title></head><body> <p> </p></body></html>",
        ),
    ] {
        let path = write(dir.path(), name, content);
        let e = one_err(&path, &config);
        assert!(matches!(e.kind, ErrorKind::Empty), "{name}: {e}");
        assert_eq!(e.to_string(), format!("{}: empty document", path.display()));
    }
}

#[test]
fn binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let config = IngestConfig::default();
    let png = write(
        dir.path(),
        "image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    );
    let ctrl = write(
        dir.path(),
        "ctrl.txt",
        [1u8, 2, 3, 4, 5, 6, 7, 8, b'a', b'b'].repeat(100),
    );
    let html = write(dir.path(), "x.html", b"<p>a\0b</p>");
    let jsonl = write(
        dir.path(),
        "x.jsonl",
        [b"\0\x01\x02garbage\n".repeat(50), vec![0; 100]].concat(),
    );
    for path in [png, ctrl, html, jsonl] {
        let e = one_err(&path, &config);
        assert!(matches!(e.kind, ErrorKind::Binary), "{e}");
        assert!(e.to_string().ends_with("binary file, not text"), "{e}");
        assert!(e.to_string().contains(path.to_str().unwrap()));
    }
}

#[test]
fn invalid_utf8_is_replaced_flagged_and_aligned() {
    let dir = tempfile::tempdir().unwrap();
    // Latin-1 "£" (0xA3), then a truncated 3-byte sequence and an 0xFF byte.
    let raw: &[u8] = b"Price \xa3100.\r\nBad: \xe2\x82\xffx\n";
    let path = write(dir.path(), "latin1.txt", raw);
    let got = one(&path, &IngestConfig::default());
    let doc = &got.doc;
    check_doc(doc);
    assert_eq!(doc.text(), "Price \u{FFFD}100.\nBad: \u{FFFD}\u{FFFD}x\n");
    assert_eq!(doc.raw(), raw);
    let flags: Vec<_> = doc
        .flags
        .iter()
        .map(|f| (f.kind, doc.span_text(f.span)))
        .collect();
    assert_eq!(
        flags,
        [
            (FlagKind::Encoding, "\u{FFFD}"),
            (FlagKind::Encoding, "\u{FFFD}\u{FFFD}")
        ]
    );
    // The replacement maps back to the bad bytes exactly.
    assert_eq!(raw_of(doc, doc.flags[0].span), b"\xa3");
    assert_eq!(raw_of(doc, doc.flags[1].span), b"\xe2\x82\xff");
    assert_eq!(raw_of(doc, Span::new(6, 9)), b"\xa3");
    assert_eq!(raw_of(doc, Span::new(9, 13)), b"100.");
    assert!(!doc.flags[0].reason.is_empty());
    assert_eq!(got.warnings.len(), 1);
    assert!(got.warnings[0].contains("latin1.txt"), "{:?}", got.warnings);
}

#[test]
fn fifty_megabyte_single_line_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "big.txt", "word ".repeat(10 * MB));
    let size = 50 * MB as u64;
    // Over the default limit of 32 MiB: an error naming the size and the limit.
    let e = one_err(&path, &IngestConfig::default());
    assert!(
        matches!(e.kind, ErrorKind::TooLarge { size: Some(s), limit } if s == size && limit == 32 * MB)
    );
    let msg = e.to_string();
    assert!(
        msg.contains(&size.to_string()) && msg.contains(&(32 * MB).to_string()),
        "{msg}"
    );
    // Under a larger limit: read whole.
    let config = IngestConfig {
        max_document_bytes: 64 * MB,
        ..IngestConfig::default()
    };
    let doc = one(&path, &config).doc;
    assert_eq!(doc.text().len(), 50 * MB);
    assert!(doc.alignment().is_identity());
}

#[test]
fn fifty_megabyte_json_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        f.write_all(b"{\"text\": \"").unwrap();
        for _ in 0..(50 * MB / 5) {
            f.write_all(b"word ").unwrap();
        }
        f.write_all(b"\", \"title\": \"big\"}\n{\"text\": \"small\"}\n")
            .unwrap();
    }
    let items = ingest(std::slice::from_ref(&path), &IngestConfig::default());
    assert_eq!(items.len(), 2);
    let e = items[0].as_ref().unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(matches!(e.kind, ErrorKind::TooLarge { .. }));
    assert!(
        e.to_string()
            .starts_with(&format!("{}:1: ", path.display())),
        "{e}"
    );
    assert_eq!(items[1].as_ref().unwrap().doc.text(), "small");

    let config = IngestConfig {
        max_document_bytes: 64 * MB,
        ..IngestConfig::default()
    };
    let items = ingest(&[path], &config);
    assert_eq!(items.len(), 2);
    let big = &items[0].as_ref().unwrap().doc;
    assert_eq!(big.text().len(), 50 * MB);
    assert_eq!(big.meta.title.as_deref(), Some("big"));
    assert_eq!(items[1].as_ref().unwrap().doc.text(), "small");
}

#[test]
fn bad_json_lines_amid_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "mixed.jsonl",
        "{\"text\": \"one\"}\n\
         this is not json\n\
         [\"an\", \"array\"]\n\
         {\"id\": 4, \"title\": \"no text\"}\n\
         {\"text\": 5}\n\
         {\"text\": \"six\"\n\
         \n\
         {\"text\": \"eight\", \"published\": \"yesterday\"}\n\
         {\"text\": \"  \"}\n\
         {\"text\": \"ten\"}",
    );
    let config = IngestConfig {
        published: Some(date("2025-01-01")),
        ..IngestConfig::default()
    };
    let items = ingest(std::slice::from_ref(&path), &config);
    let summary: Vec<String> = items
        .iter()
        .map(|i| match i {
            Ok(d) => format!("ok {}", d.doc.text()),
            Err(e) => format!("err {}", e.line.unwrap()),
        })
        .collect();
    assert_eq!(
        summary,
        [
            "ok one", "err 2", "err 3", "err 4", "err 5", "err 6", "ok eight", "err 9", "ok ten"
        ]
    );
    let err = |n: usize| items[n].as_ref().unwrap_err();
    assert!(matches!(err(1).kind, ErrorKind::Json(_)));
    assert!(matches!(err(2).kind, ErrorKind::NotObject));
    assert!(matches!(err(3).kind, ErrorKind::NoText));
    assert!(matches!(err(4).kind, ErrorKind::NoText));
    assert!(matches!(err(5).kind, ErrorKind::Json(_)));
    assert!(matches!(err(7).kind, ErrorKind::Empty));
    assert!(
        err(1)
            .to_string()
            .starts_with(&format!("{}:2: not valid JSON", path.display()))
    );
    // An impossible date: the document is kept, with the default date and a warning.
    let eight = items[6].as_ref().unwrap();
    assert_eq!(eight.doc.meta.published, Some(date("2025-01-01")));
    assert_eq!(eight.warnings.len(), 1);
    let w = &eight.warnings[0];
    assert!(
        w.contains(&format!("{}:8", path.display())) && w.contains("published"),
        "{w}"
    );
}

#[test]
fn sidecar_with_missing_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.txt", "Report.");
    write(dir.path(), "a.meta.json", r#"{"title": "Only a title"}"#);
    let got = one(&path, &IngestConfig::default());
    let m = &got.doc.meta;
    assert_eq!(m.title.as_deref(), Some("Only a title"));
    assert_eq!(
        (&m.published, &m.url, &m.source, &m.language, &m.author),
        (&None, &None, &None, &None, &None)
    );
    assert!(got.warnings.is_empty());
}

#[test]
fn impossible_dates_in_a_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    for (i, bad) in ["\"2025-02-30\"", "\"yesterday\"", "20250211"]
        .iter()
        .enumerate()
    {
        let path = write(dir.path(), &format!("d{i}.txt"), "Report.");
        let sidecar = write(
            dir.path(),
            &format!("d{i}.meta.json"),
            format!(r#"{{"title": "T", "published": {bad}}}"#),
        );
        let got = one(&path, &IngestConfig::default());
        assert_eq!(got.doc.meta.published, None);
        assert_eq!(got.doc.meta.title.as_deref(), Some("T"));
        assert_eq!(got.warnings.len(), 1);
        let w = &got.warnings[0];
        assert!(
            w.contains(sidecar.to_str().unwrap()) && w.contains("\"published\""),
            "{w}"
        );

        let config = IngestConfig {
            published: Some(date("2025-02-01")),
            ..IngestConfig::default()
        };
        assert_eq!(
            one(&path, &config).doc.meta.published,
            Some(date("2025-02-01"))
        );
    }
}

#[test]
fn sidecar_that_is_not_json() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", "A");
    let sidecar = write(dir.path(), "a.meta.json", "{title: oops");
    let b = write(dir.path(), "b.txt", "B");
    write(dir.path(), "b.meta.json", "[\"not\", \"an object\"]");
    let c = write(dir.path(), "c.txt", "C");
    let items = ingest(&[dir.path().to_path_buf()], &IngestConfig::default());
    assert_eq!(items.len(), 3);
    let e = items[0].as_ref().unwrap_err();
    assert_eq!(e.path, a);
    assert!(matches!(&e.kind, ErrorKind::Sidecar { sidecar: s, .. } if *s == sidecar));
    assert!(e.to_string().contains(sidecar.to_str().unwrap()), "{e}");
    let e = items[1].as_ref().unwrap_err();
    assert_eq!(e.path, b);
    assert!(e.to_string().contains("not a JSON object"), "{e}");
    assert_eq!(
        items[2].as_ref().unwrap().doc.meta.origin.as_deref(),
        c.to_str()
    );
}

#[test]
fn truncated_html() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "cut.html",
        "<html><body><p>First paragraph.</p><p>Second para <a href=\"https://exa",
    );
    let got = one(&path, &IngestConfig::default());
    let doc = &got.doc;
    check_doc(doc);
    assert_eq!(doc.text(), "First paragraph.\n\nSecond para");
    let truncated: Vec<_> = doc
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::Truncated)
        .collect();
    assert_eq!(truncated.len(), 1);
    assert_eq!(doc.span_text(truncated[0].span), "Second para");
    assert!(got.warnings.iter().any(|w| w.contains("cut.html")));

    // Cut inside a comment, a script, a character reference or right after `<`.
    for cut in [
        "<p>Kept</p><!-- comm",
        "<p>Kept</p><script>if (a <",
        "<p>Kept &am",
        "<p>Kept</p><",
    ] {
        let path = write(dir.path(), "cut2.html", cut);
        let doc = one(&path, &IngestConfig::default()).doc;
        check_doc(&doc);
        assert!(doc.text().starts_with("Kept"), "{cut}: {:?}", doc.text());
    }
}

#[test]
fn missing_and_unreadable_paths() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", "Good.");
    let missing = dir.path().join("missing.txt");
    let missing_dir = dir.path().join("no-such-dir");
    let items = ingest(
        &[missing.clone(), good, missing_dir.clone()],
        &IngestConfig::default(),
    );
    assert_eq!(items.len(), 3);
    let e = items[0].as_ref().unwrap_err();
    assert_eq!(e.path, missing);
    assert!(matches!(e.kind, ErrorKind::Io(_)));
    assert!(
        e.to_string()
            .starts_with(&format!("{}: cannot read", missing.display())),
        "{e}"
    );
    assert_eq!(items[1].as_ref().unwrap().doc.text(), "Good.");
    assert_eq!(items[2].as_ref().unwrap_err().path, missing_dir);
}

#[test]
fn gzip_bombs_and_broken_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = write(dir.path(), "bomb.txt.gz", gz(&vec![b'a'; 8 * MB]));
    let config = IngestConfig {
        max_document_bytes: MB,
        ..IngestConfig::default()
    };
    let e = one_err(&bomb, &config);
    assert!(
        matches!(e.kind, ErrorKind::TooLarge { size: None, limit } if limit == MB),
        "{e}"
    );

    // JSON Lines in gzip are bounded line by line.
    let mut lines = b"{\"text\": \"".to_vec();
    lines.extend(vec![b'a'; 2 * MB]);
    lines.extend(b"\"}\n{\"text\": \"ok\"}\n");
    let jsonl = write(dir.path(), "bomb.jsonl.gz", gz(&lines));
    let items = ingest(&[jsonl], &config);
    assert_eq!(items.len(), 2);
    assert!(matches!(
        items[0].as_ref().unwrap_err().kind,
        ErrorKind::TooLarge { .. }
    ));
    assert_eq!(items[1].as_ref().unwrap().doc.text(), "ok");

    let broken = write(dir.path(), "broken.txt.gz", b"not gzip at all");
    let e = one_err(&broken, &IngestConfig::default());
    assert!(matches!(e.kind, ErrorKind::Decompress(_)), "{e}");
    let mut cut = gz(b"some text that will be cut short");
    cut.truncate(cut.len() - 6);
    let cut = write(dir.path(), "cut.txt.gz", cut);
    let e = one_err(&cut, &IngestConfig::default());
    assert!(matches!(e.kind, ErrorKind::Decompress(_)), "{e}");
}

#[test]
fn one_bad_file_does_not_stop_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "1.txt", "one");
    write(dir.path(), "2.txt", "");
    write(dir.path(), "3.txt", b"\0\0\0");
    write(
        dir.path(),
        "4.jsonl",
        "{\"text\": \"four\"}\nnope\n{\"text\": \"four b\"}\n",
    );
    write(dir.path(), "5.txt.gz", b"broken");
    write(dir.path(), "6.txt", "six");
    let items = ingest(&[dir.path().to_path_buf()], &IngestConfig::default());
    let ok: Vec<_> = items
        .iter()
        .filter_map(|i| i.as_ref().ok())
        .map(|i| i.doc.text())
        .collect();
    assert_eq!(ok, ["one", "four", "four b", "six"]);
    assert_eq!(items.len(), 8);
}
