//! Each input format, sidecars, gzip and directory walking.

mod common;

use common::{check_doc, date, find, gz, ingest, one, raw_of, write};
use sitrep_ingest::{IngestConfig, InputFormat, ingest_bytes};
use sitrep_model::{DocMeta, FlagKind};
use std::path::PathBuf;

#[test]
fn plain_text_with_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "a.txt",
        b"\xEF\xBB\xBFKyiv, Jan 9\r\n\r\nForces advanced.\r",
    );
    let got = one(&path, &IngestConfig::default());
    let doc = &got.doc;
    check_doc(doc);
    assert_eq!(doc.text(), "Kyiv, Jan 9\n\nForces advanced.\n");
    assert_eq!(doc.meta.media_type, "text/plain");
    assert_eq!(doc.meta.origin.as_deref(), Some(path.to_str().unwrap()));
    assert_eq!(doc.meta.published, None);
    assert_eq!(doc.id().len(), 16);
    assert!(doc.flags.is_empty());
    assert!(got.warnings.is_empty());
    assert_eq!(doc.raw(), std::fs::read(&path).unwrap());
    assert_eq!(
        raw_of(doc, find(doc, "Forces advanced.")),
        b"Forces advanced."
    );
    assert_eq!(raw_of(doc, find(doc, "9\n")), b"9\r\n");
}

#[test]
fn clean_text_keeps_no_separate_raw() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.txt", "Київ\n");
    let doc = one(&path, &IngestConfig::default()).doc;
    assert!(!doc.has_distinct_raw());
    assert!(doc.alignment().is_identity());
}

#[test]
fn config_published_is_the_default_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.txt", "text");
    let config = IngestConfig {
        published: Some(date("2024-12-31")),
        ..IngestConfig::default()
    };
    assert_eq!(
        one(&path, &config).doc.meta.published,
        Some(date("2024-12-31"))
    );
}

#[test]
fn sidecar_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "article.txt",
        "Ukrainian forces captured two soldiers.",
    );
    write(
        dir.path(),
        "article.meta.json",
        r#"{"title": "Ukraine captures two North Korean soldiers in Kursk",
            "published": "2025-01-11T08:00:00+02:00", "source": "CNN", "url": null,
            "language": "en", "author": "A. Writer", "note": "ignored"}"#,
    );
    let config = IngestConfig {
        published: Some(date("2000-01-01")),
        ..IngestConfig::default()
    };
    let got = one(&path, &config);
    let m = &got.doc.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Ukraine captures two North Korean soldiers in Kursk")
    );
    assert_eq!(m.published, Some(date("2025-01-11")));
    assert_eq!(m.source.as_deref(), Some("CNN"));
    assert_eq!(m.url, None);
    assert_eq!(m.language.as_deref(), Some("en"));
    assert_eq!(m.author.as_deref(), Some("A. Writer"));
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);

    // Sidecars can be switched off.
    let config = IngestConfig {
        sidecars: false,
        ..IngestConfig::default()
    };
    assert_eq!(one(&path, &config).doc.meta.title, None);
}

#[test]
fn kursk_example_with_its_sidecar() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples/kursk");
    if !dir.exists() {
        sitrep_testutil::skip(module_path!(), &format!("{} not found", dir.display()));
        return;
    }
    let got = one(&dir.join("article.txt"), &IngestConfig::default());
    let m = &got.doc.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Ukraine captures two North Korean soldiers in Kursk")
    );
    assert_eq!(m.published, Some(date("2025-01-11")));
    assert_eq!(m.language.as_deref(), Some("en"));
    assert_eq!(m.source, None);
    assert!(
        got.doc
            .text()
            .starts_with("Ukrainian President Volodymyr Zelensky")
    );
    check_doc(&got.doc);
}

#[test]
fn html_page() {
    let html = "<!DOCTYPE html>\n<html lang=\"en-US\"><head>\
        <meta charset=\"utf-8\"><title>Strike on  Kharkiv &amp; Sumy</title>\
        <meta property=\"article:published_time\" content=\"2025-01-09T21:15:00Z\">\
        <meta property=\"og:site_name\" content=\"Example Wire\">\
        <link rel=\"canonical\" href=\"https://example.test/strike\">\
        <style>body { color: red }</style><script>var x = '<p>no</p>';</script></head>\n\
        <body><!-- nav --><noscript>Enable JS</noscript><template><p>hidden</p></template>\
        <article><h1>Strike on Kharkiv</h1>\n<p>At least   3 people\nwere killed,&nbsp;officials said &#8212; \
        &ldquo;a terror attack&rdquo;.</p><ul><li>One</li><li>Two</li></ul></article></body></html>";
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "page.html", html);
    let got = one(&path, &IngestConfig::default());
    let doc = &got.doc;
    check_doc(doc);
    assert_eq!(
        doc.text(),
        "Strike on Kharkiv\n\nAt least 3 people were killed,\u{a0}officials said \u{2014} \
         \u{201c}a terror attack\u{201d}.\n\nOne\n\nTwo"
    );
    let m = &doc.meta;
    assert_eq!(m.media_type, "text/html");
    // The visible headline (`<h1>`) over the longer `<title>`.
    assert_eq!(m.title.as_deref(), Some("Strike on Kharkiv"));
    assert_eq!(m.published, Some(date("2025-01-09")));
    assert_eq!(m.source.as_deref(), Some("Example Wire"));
    assert_eq!(m.url.as_deref(), Some("https://example.test/strike"));
    assert_eq!(m.language.as_deref(), Some("en"));
    assert_eq!(doc.raw(), html.as_bytes());
    // Every piece of text maps back to its evidence.
    assert_eq!(
        raw_of(doc, find(doc, "Strike on Kharkiv")),
        b"Strike on Kharkiv"
    );
    assert_eq!(raw_of(doc, find(doc, "\u{2014}")), b"&#8212;");
    assert_eq!(raw_of(doc, find(doc, "\u{a0}")), b"&nbsp;");
    assert_eq!(raw_of(doc, find(doc, "least 3")), b"least   3");
    assert_eq!(raw_of(doc, find(doc, "people were")), b"people\nwere");
    assert_eq!(raw_of(doc, find(doc, "\n\nOne")), b"</p><ul><li>One");
}

#[test]
fn sidecar_wins_over_page_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "p.htm", "<title>Page</title><p>Body</p>");
    write(dir.path(), "p.meta.json", r#"{"title": "Sidecar"}"#);
    assert_eq!(
        one(&path, &IngestConfig::default())
            .doc
            .meta
            .title
            .as_deref(),
        Some("Sidecar")
    );
}

#[test]
fn explicit_files_of_unknown_type_are_sniffed() {
    let dir = tempfile::tempdir().unwrap();
    let html = write(dir.path(), "page", "  <!doctype html><p>Hello</p>");
    let text = write(dir.path(), "notes.md", "# Hello <b>");
    let config = IngestConfig::default();
    let h = one(&html, &config).doc;
    assert_eq!(
        (h.text(), h.meta.media_type.as_str()),
        ("Hello", "text/html")
    );
    let t = one(&text, &config).doc;
    assert_eq!(
        (t.text(), t.meta.media_type.as_str()),
        ("# Hello <b>", "text/plain")
    );
    // A forced format applies to every input.
    let config = IngestConfig {
        format: InputFormat::Text,
        ..IngestConfig::default()
    };
    assert_eq!(one(&html, &config).doc.meta.media_type, "text/plain");
}

#[test]
fn json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "news.jsonl",
        "{\"id\": \"a\", \"text\": \"First report.\", \"title\": \"One\", \"published\": \"2025-01-02\", \
          \"url\": \"https://x.test/1\", \"source\": \"X\", \"language\": \"en\", \"author\": \"Ann\", \
          \"topics\": [\"war\"], \"license\": \"PD\"}\r\n\
         \n   \n\
         {\"html\": \"<p>Second &amp; last</p>\", \"published\": \"2025-01-03T23:00:00-05:00\"}\n",
    );
    let items = ingest(std::slice::from_ref(&path), &IngestConfig::default());
    assert_eq!(items.len(), 2);
    let a = items[0].as_ref().unwrap();
    let b = items[1].as_ref().unwrap();
    check_doc(&a.doc);
    check_doc(&b.doc);
    assert_eq!(a.doc.text(), "First report.");
    let m = &a.doc.meta;
    assert_eq!(
        m.origin.as_deref(),
        Some(format!("{}:1", path.display()).as_str())
    );
    assert_eq!(m.title.as_deref(), Some("One"));
    assert_eq!(m.published, Some(date("2025-01-02")));
    assert_eq!(m.url.as_deref(), Some("https://x.test/1"));
    assert_eq!(m.source.as_deref(), Some("X"));
    assert_eq!(m.language.as_deref(), Some("en"));
    assert_eq!(m.author.as_deref(), Some("Ann"));
    assert_eq!(m.media_type, "text/plain");
    assert_eq!(b.doc.text(), "Second & last");
    assert_eq!(b.doc.meta.media_type, "text/html");
    assert_eq!(b.doc.meta.published, Some(date("2025-01-03")));
    assert_eq!(
        b.doc.meta.origin.as_deref(),
        Some(format!("{}:4", path.display()).as_str())
    );
    assert_eq!(raw_of(&b.doc, find(&b.doc, "&")), b"&amp;");
}

#[test]
fn gzip_files() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "article.txt.gz", gz(b"Compressed report."));
    write(dir.path(), "article.meta.json", r#"{"title": "Zipped"}"#);
    let jsonl = write(
        dir.path(),
        "news.jsonl.gz",
        [gz(b"{\"text\": \"one\"}\n"), gz(b"{\"text\": \"two\"}\n")].concat(),
    );
    // gzip data without the extension is recognised by its magic bytes.
    let magic = write(dir.path(), "page.html", gz(b"<p>Zipped page</p>"));
    let config = IngestConfig::default();
    let got = one(&txt, &config);
    assert_eq!(got.doc.text(), "Compressed report.");
    assert_eq!(got.doc.meta.title.as_deref(), Some("Zipped"));
    assert_eq!(got.doc.raw(), b"Compressed report.");
    let items = ingest(&[jsonl], &config);
    let texts: Vec<_> = items
        .iter()
        .map(|i| i.as_ref().unwrap().doc.text().to_owned())
        .collect();
    assert_eq!(texts, ["one", "two"]);
    assert_eq!(one(&magic, &config).doc.text(), "Zipped page");
}

#[test]
fn directories_are_walked_recursively_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "b.txt", "b");
    write(root, "a/z.txt", "z");
    write(root, "a/y.html", "<p>y</p>");
    write(root, "a/.hidden.txt", "hidden");
    write(root, ".git/x.txt", "hidden dir");
    write(root, "c.jsonl", "{\"text\": \"c1\"}\n{\"text\": \"c2\"}\n");
    write(root, "c.meta.json", "{}");
    write(root, "d.md", "skipped");
    write(root, "e.json", "{}");
    write(
        root,
        "f.TXT",
        "upper case extension: skipped in directories",
    );
    write(root, "sub.txt.gz", gz(b"gz"));
    write(root, "sub2/deeper/x.ndjson", "{\"text\": \"deep\"}");
    write(root, "t.text", "t");
    write(root, "u.htm", "u");
    let items = ingest(&[root.to_path_buf()], &IngestConfig::default());
    let got: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            let d = &i.as_ref().unwrap().doc;
            let origin = d.meta.origin.clone().unwrap();
            let rel = origin
                .strip_prefix(root.to_str().unwrap())
                .unwrap()
                .to_owned();
            (rel, d.text().to_owned())
        })
        .collect();
    let want = [
        ("/a/y.html", "y"),
        ("/a/z.txt", "z"),
        ("/b.txt", "b"),
        ("/c.jsonl:1", "c1"),
        ("/c.jsonl:2", "c2"),
        ("/sub.txt.gz", "gz"),
        ("/sub2/deeper/x.ndjson:1", "deep"),
        ("/t.text", "t"),
        ("/u.htm", "u"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(got, want);

    // Paths are read in the order given; explicit hidden files are read.
    let items = ingest(
        &[
            root.join("t.text"),
            root.join("a/.hidden.txt"),
            root.join("b.txt"),
        ],
        &IngestConfig::default(),
    );
    let texts: Vec<_> = items
        .iter()
        .map(|i| i.as_ref().unwrap().doc.text().to_owned())
        .collect();
    assert_eq!(texts, ["t", "hidden", "b"]);
}

#[test]
fn ingest_bytes_reads_one_document() {
    let config = IngestConfig::default();
    let meta = DocMeta {
        origin: Some("upload".into()),
        ..DocMeta::default()
    };
    let html = ingest_bytes(
        b"<html><p>Hi</p>".to_vec(),
        InputFormat::Auto,
        meta.clone(),
        &config,
    );
    assert_eq!(html.unwrap().doc.meta.media_type, "text/html");
    let rec = ingest_bytes(
        br#"{"text": "Hi", "title": "T"}"#.to_vec(),
        InputFormat::Jsonl,
        meta.clone(),
        &config,
    )
    .unwrap();
    assert_eq!(rec.doc.meta.title.as_deref(), Some("T"));
    let err = ingest_bytes(b"  ".to_vec(), InputFormat::Text, meta, &config).unwrap_err();
    assert_eq!(err.to_string(), "upload: empty document");
}

#[test]
fn config_from_toml_like_json() {
    let c: IngestConfig = serde_json::from_str(
        r#"{"format": "jsonl", "max_document_bytes": 1000, "published": "2025-01-11"}"#,
    )
    .unwrap();
    assert_eq!(c.format, InputFormat::Jsonl);
    assert_eq!(c.max_document_bytes, 1000);
    assert_eq!(c.published, Some(date("2025-01-11")));
    assert!(c.sidecars);
    assert!(serde_json::from_str::<IngestConfig>(r#"{"formt": "auto"}"#).is_err());
    let d: IngestConfig = serde_json::from_str("{}").unwrap();
    assert_eq!(d, IngestConfig::default());
    assert_eq!(d.max_document_bytes, 32 * 1024 * 1024);
}

#[test]
fn encoding_flag_is_reported_for_html_too() {
    let dir = tempfile::tempdir().unwrap();
    // Damaged UTF-8 (a cut sequence) is flagged; issue 11: Latin-1 text is decoded instead.
    let path = write(
        dir.path(),
        "broken.html",
        b"<p>Caf\xc3 &amp; bar \xe2\x82</p>",
    );
    let got = one(&path, &IngestConfig::default());
    assert_eq!(got.doc.text(), "Caf\u{FFFD} & bar \u{FFFD}");
    assert_eq!(got.doc.flags.len(), 2);
    assert_eq!(got.doc.flags[0].kind, FlagKind::Encoding);
    assert_eq!(raw_of(&got.doc, got.doc.flags[0].span), b"\xc3");
}

#[test]
fn documents_are_read_lazily() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "a");
    let b = write(dir.path(), "b.txt", "b");
    write(dir.path(), "c.txt", "c");
    let mut inputs =
        sitrep_ingest::read_inputs(&[dir.path().to_path_buf()], &IngestConfig::default());
    assert_eq!(inputs.next().unwrap().unwrap().doc.text(), "a");
    // b.txt is read only when its turn comes.
    std::fs::write(&b, "changed").unwrap();
    assert_eq!(inputs.next().unwrap().unwrap().doc.text(), "changed");
    std::fs::remove_file(dir.path().join("c.txt")).unwrap();
    let e = inputs.next().unwrap().unwrap_err();
    assert_eq!(e.path, dir.path().join("c.txt"));
    assert!(inputs.next().is_none());
}
