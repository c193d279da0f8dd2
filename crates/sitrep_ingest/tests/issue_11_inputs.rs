//! Feeds, WARC archives, charsets and languages (issue 11, part 2).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{check_doc, gz, ingest, write};
use sitrep_ingest::{ErrorKind, IngestConfig, Ingested, InputFormat, read_bytes};
use sitrep_model::{Document, FlagKind};

fn raw_text<'d>(doc: &'d Document, needle: &str) -> &'d [u8] {
    let at = doc.text().find(needle).unwrap_or_else(|| {
        panic!("{needle:?} not in {:?}", doc.text());
    });
    let span = sitrep_model::Span::new(at as u32, (at + needle.len()) as u32);
    &doc.raw()[doc.raw_span(span).range()]
}

fn docs(items: Vec<Result<Ingested, sitrep_ingest::IngestError>>) -> Vec<Ingested> {
    items
        .into_iter()
        .map(|i| i.unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example  News</title>
  <link>https://news.example.com/</link>
  <item>
    <title>Floods hit the valley</title>
    <link>https://news.example.com/floods</link>
    <guid>https://news.example.com/?p=1</guid>
    <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
    <dc:creator>Jane Roe</dc:creator>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>Heavy rain flooded the valley on Monday.</p><p>Officials said 3 people died.</p>]]></content:encoded>
  </item>
  <item>
    <title>Bridge reopens</title>
    <link>https://news.example.com/bridge</link>
    <pubDate>Wed, 06 Mar 2024 08:00:00 GMT</pubDate>
    <description>The bridge reopened &lt;b&gt;on Wednesday&lt;/b&gt; after repairs.</description>
  </item>
  <item>
    <title>Only a title</title>
  </item>
</channel>
</rss>
"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Wire</title>
  <id>urn:uuid:feed</id>
  <updated>2024-03-07T12:00:00Z</updated>
  <entry>
    <title>Talks resume</title>
    <id>urn:uuid:entry-1</id>
    <link rel="alternate" href="https://wire.example.org/talks"/>
    <updated>2024-03-07T12:00:00Z</updated>
    <author><name>John Doe</name></author>
    <summary>Talks resumed.</summary>
    <content type="html">&lt;p&gt;Negotiators met in Geneva on Thursday.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Plain entry</title>
    <id>urn:uuid:entry-2</id>
    <link href="https://wire.example.org/plain"/>
    <published>2024-03-01T00:00:00Z</published>
    <updated>2024-03-08T00:00:00Z</updated>
    <summary type="text">A plain summary about the harbour.</summary>
  </entry>
</feed>
"#;

#[test]
fn issue_11_rss_items_become_documents() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "news.rss", RSS);
    let items = ingest(&[path], &IngestConfig::default());
    assert_eq!(items.len(), 3);
    let full = items[0].as_ref().unwrap();
    let doc = &full.doc;
    check_doc(doc);
    assert!(
        doc.text()
            .contains("Heavy rain flooded the valley on Monday.")
    );
    assert!(doc.text().contains("Officials said 3 people died."));
    assert!(!doc.text().contains("<p>") && !doc.text().contains("Short summary"));
    assert_eq!(doc.meta.title.as_deref(), Some("Floods hit the valley"));
    assert_eq!(
        doc.meta.url.as_deref(),
        Some("https://news.example.com/floods")
    );
    assert_eq!(doc.meta.source.as_deref(), Some("Example News"));
    assert_eq!(doc.meta.author.as_deref(), Some("Jane Roe"));
    assert_eq!(doc.meta.published.unwrap().to_string(), "2024-03-05");
    assert_eq!(doc.meta.media_type, "text/html");
    let origin = doc.meta.origin.as_deref().unwrap();
    assert!(origin.ends_with("news.rss#item=1;guid=https://news.example.com/?p=1"));
    // The raw bytes are the item's content; spans map into them.
    assert_eq!(raw_text(doc, "Heavy rain"), b"Heavy rain");

    // Summary only: the description (escaped HTML) with the item link.
    let summary = &items[1].as_ref().unwrap().doc;
    check_doc(summary);
    assert_eq!(
        summary.text().trim(),
        "The bridge reopened on Wednesday after repairs."
    );
    assert_eq!(
        summary.meta.url.as_deref(),
        Some("https://news.example.com/bridge")
    );
    assert!(summary.meta.origin.as_deref().unwrap().ends_with("#item=2"));

    // No text at all: an error naming the item, and the feed goes on.
    let e = items[2].as_ref().unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Feed(_)), "{e}");
    assert!(e.to_string().contains("news.rss#item=3"), "{e}");
}

#[test]
fn issue_11_atom_entries_and_content_detection() {
    let dir = tempfile::tempdir().unwrap();
    // `.xml` with a feed root is read as a feed, in a directory too; other XML is skipped.
    write(dir.path(), "wire.xml", ATOM);
    write(
        dir.path(),
        "sitemap.xml",
        "<?xml version='1.0'?><urlset></urlset>",
    );
    let got = docs(ingest(
        &[dir.path().to_path_buf()],
        &IngestConfig::default(),
    ));
    assert_eq!(got.len(), 2);
    let a = &got[0].doc;
    check_doc(a);
    assert_eq!(a.text().trim(), "Negotiators met in Geneva on Thursday.");
    assert_eq!(a.meta.author.as_deref(), Some("John Doe"));
    assert_eq!(a.meta.source.as_deref(), Some("Atom Wire"));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://wire.example.org/talks")
    );
    assert_eq!(a.meta.published.unwrap().to_string(), "2024-03-07");
    let b = &got[1].doc;
    assert_eq!(b.text(), "A plain summary about the harbour.");
    assert_eq!(b.meta.media_type, "text/plain");
    // Published wins over updated.
    assert_eq!(b.meta.published.unwrap().to_string(), "2024-03-01");

    // By content, from memory, with no extension.
    let got = docs(read_bytes("feed", ATOM.into(), &IngestConfig::default()).collect());
    assert_eq!(got.len(), 2);
    // The forced format.
    let config = IngestConfig {
        format: InputFormat::Feed,
        ..IngestConfig::default()
    };
    let got = docs(read_bytes("x.txt", RSS.into(), &config).take(2).collect());
    assert_eq!(got.len(), 2);
}

#[test]
fn issue_11_bad_feeds_give_errors() {
    let cut = &RSS[..RSS.len() / 2];
    let items: Vec<_> = read_bytes("cut.rss", cut.into(), &IngestConfig::default()).collect();
    assert!(!items.is_empty());
    for item in &items {
        if let Err(e) = item {
            assert!(matches!(e.kind, ErrorKind::Feed(_)), "{e}");
        }
    }
    let items: Vec<_> = read_bytes(
        "junk.rss",
        b"not a feed at all".to_vec(),
        &IngestConfig::default(),
    )
    .collect();
    assert_eq!(items.len(), 1);
    let e = items[0].as_ref().unwrap_err();
    assert!(e.to_string().starts_with("junk.rss: bad feed"), "{e}");
}

/// One WARC record.
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:x>\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

const HTTP: &str = "application/http; msgtype=response";

/// A small archive: warcinfo, request, three HTML responses (Latin-1 by header; chunked and
/// gzip-encoded; dated by the page), an image, a metadata record.
fn archive() -> Vec<Vec<u8>> {
    let latin1 = http(
        "Content-Type: text/html; charset=ISO-8859-1\r\n",
        b"<html><head><title>Caf\xe9</title></head><body><p>The caf\xe9 in K\xf6ln reopened after the storm.</p></body></html>",
    );
    let page = b"<html><head><meta property=\"article:published_time\" content=\"2023-12-24T08:00:00Z\"></head><body><p>Chunked and compressed page about the harbour.</p></body></html>";
    let zipped = gz(page);
    let mut chunked = Vec::new();
    for part in zipped.chunks(40) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let encoded = http(
        "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
        &chunked,
    );
    vec![
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        record(
            "request",
            "https://a.example/cafe",
            "application/http; msgtype=request",
            b"GET /cafe HTTP/1.1\r\nHost: a.example\r\n\r\n",
        ),
        record("response", "https://a.example/cafe", HTTP, &latin1),
        record("response", "https://a.example/harbour", HTTP, &encoded),
        record(
            "response",
            "https://a.example/logo.png",
            HTTP,
            &http("Content-Type: image/png\r\n", b"\x89PNG\r\n"),
        ),
        record(
            "metadata",
            "https://a.example/cafe",
            "application/warc-fields",
            b"via: x\r\n",
        ),
    ]
}

fn check_archive(got: &[Ingested]) {
    assert_eq!(got.len(), 2);
    let cafe = &got[0].doc;
    check_doc(cafe);
    assert!(
        cafe.text()
            .contains("The café in Köln reopened after the storm."),
        "{:?}",
        cafe.text()
    );
    assert_eq!(raw_text(cafe, "café"), b"caf\xe9");
    assert_eq!(raw_text(cafe, "Köln"), b"K\xf6ln");
    assert_eq!(cafe.meta.url.as_deref(), Some("https://a.example/cafe"));
    assert_eq!(cafe.meta.title.as_deref(), Some("Café"));
    // No date in the page: WARC-Date.
    assert_eq!(cafe.meta.published.unwrap().to_string(), "2024-03-05");
    assert!(cafe.flags.iter().all(|f| f.kind != FlagKind::Encoding));
    assert!(cafe.meta.origin.as_deref().unwrap().ends_with("#record=3"));
    let harbour = &got[1].doc;
    check_doc(harbour);
    assert!(
        harbour
            .text()
            .contains("Chunked and compressed page about the harbour.")
    );
    // The page's own date wins over WARC-Date.
    assert_eq!(harbour.meta.published.unwrap().to_string(), "2023-12-24");
    assert_eq!(
        raw_text(harbour, "compressed page"),
        b"compressed page",
        "the raw bytes are the decoded body"
    );
}

#[test]
fn issue_11_warc_and_per_record_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let records = archive();
    let plain = write(dir.path(), "crawl.warc", records.concat());
    check_archive(&docs(ingest(&[plain], &IngestConfig::default())));
    // One gzip member per record, as crawlers write.
    let members: Vec<u8> = records.iter().flat_map(|r| gz(r)).collect();
    let zipped = write(dir.path(), "crawl.warc.gz", &members);
    check_archive(&docs(ingest(&[zipped], &IngestConfig::default())));
    // A directory picks both up; detection by content works without the extension.
    assert_eq!(
        docs(ingest(
            &[dir.path().to_path_buf()],
            &IngestConfig::default()
        ))
        .len(),
        4
    );
    check_archive(&docs(
        read_bytes("noext", members, &IngestConfig::default()).collect(),
    ));
}

#[test]
fn issue_11_bad_warc_records_are_errors_and_reading_goes_on() {
    let records = archive();
    let mut data = Vec::new();
    // A response record whose block is not HTTP.
    data.extend(record(
        "response",
        "https://a.example/x",
        HTTP,
        b"this is not an HTTP response",
    ));
    // Garbage where a record header should be.
    data.extend_from_slice(b"garbage line\r\nmore garbage\r\n");
    data.extend(records[2].clone());
    // A header without Content-Length.
    data.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\n\r\nbody\r\n\r\n");
    data.extend(records[3].clone());
    let items: Vec<_> = read_bytes("bad.warc", data, &IngestConfig::default()).collect();
    let errors: Vec<String> = items
        .iter()
        .filter_map(|i| i.as_ref().err().map(ToString::to_string))
        .collect();
    let ok: Vec<_> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
    assert_eq!(ok.len(), 2, "{errors:?}");
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].contains("bad.warc#record=1: bad WARC record: bad HTTP response"));
    assert!(errors[1].contains("expected a WARC record header"));
    assert!(errors[2].contains("Content-Length"));

    // A truncated WARC.gz: the records before the cut, then one error; no panic.
    let members: Vec<u8> = records.iter().flat_map(|r| gz(r)).collect();
    let cut = members[..members.len() - 30].to_vec();
    let items: Vec<_> = read_bytes("cut.warc.gz", cut, &IngestConfig::default()).collect();
    assert_eq!(items.iter().filter(|i| i.is_ok()).count(), 2);
    assert!(items.last().unwrap().is_err());
    // A truncated plain WARC: the record cut short is an error.
    let plain = records[..4].concat();
    let cut = plain[..plain.len() - 60].to_vec();
    let items: Vec<_> = read_bytes("cut.warc", cut, &IngestConfig::default()).collect();
    assert_eq!(items.iter().filter(|i| i.is_ok()).count(), 1);
    let e = items.last().unwrap().as_ref().unwrap_err().to_string();
    assert!(e.contains("cut short"), "{e}");
}

#[test]
fn issue_11_legacy_charsets_decode_with_alignment_to_the_original_bytes() {
    let config = IngestConfig::default();
    let one = |name: &str, raw: Vec<u8>| {
        let mut items: Vec<_> = read_bytes(name, raw, &config).collect();
        assert_eq!(items.len(), 1);
        let got = items.remove(0).unwrap_or_else(|e| panic!("{e}"));
        check_doc(&got.doc);
        got
    };
    // Latin-1 declared in <meta http-equiv>.
    let latin1 = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><title>Nachrichten</title></head><body><p>Der Bürgermeister von Köln sprach über die Flut und über die Schäden.</p></body></html>";
    let latin1: Vec<u8> = encoding_rs::WINDOWS_1252.encode(latin1).0.into_owned();
    let got = one("koeln.html", latin1.clone());
    assert!(got.doc.text().contains("Der Bürgermeister von Köln"));
    assert_eq!(raw_text(&got.doc, "Bürgermeister"), b"B\xfcrgermeister");
    assert_eq!(
        got.doc.raw(),
        latin1.as_slice(),
        "the original bytes are kept"
    );
    assert!(got.doc.flags.is_empty());
    // German: identified, flagged with a warning.
    assert_eq!(got.doc.meta.language.as_deref(), Some("de"));
    assert!(
        got.warnings
            .iter()
            .any(|w| w.contains("\"de\" is not supported")),
        "{:?}",
        got.warnings
    );

    // Windows-1252 plain text without any declaration: detected (curly quotes, euro sign).
    let cp1252 = encoding_rs::WINDOWS_1252
        .encode("The mayor said: \u{201c}It costs \u{20ac}5 million\u{201d} \u{2013} and the café agreed.\n")
        .0
        .into_owned();
    let got = one("mayor.txt", cp1252);
    assert_eq!(
        got.doc.text(),
        "The mayor said: \u{201c}It costs \u{20ac}5 million\u{201d} \u{2013} and the café agreed.\n"
    );
    assert_eq!(raw_text(&got.doc, "\u{20ac}5"), b"\x805");
    assert!(
        got.warnings
            .iter()
            .any(|w| w.contains("windows-1252 (detected)"))
    );
    assert!(got.doc.flags.is_empty());

    // Shift_JIS with <meta charset>.
    let page = "<html><head><meta charset=\"Shift_JIS\"></head><body><p>東京で地震がありました。</p></body></html>";
    let sjis = encoding_rs::SHIFT_JIS.encode(page).0.into_owned();
    let got = one("tokyo.html", sjis);
    assert_eq!(got.doc.text().trim(), "東京で地震がありました。");
    assert_eq!(raw_text(&got.doc, "京"), b"\x8b\x9e");
    assert_eq!(raw_text(&got.doc, "東京で"), b"\x93\x8c\x8b\x9e\x82\xc5");

    // UTF-16 with a BOM (little and big endian).
    for (enc, bom) in [(true, &b"\xff\xfe"[..]), (false, &b"\xfe\xff"[..])] {
        let mut raw = bom.to_vec();
        for unit in "Kyiv – Київ\r\nsecond line\n".encode_utf16() {
            let b = if enc {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            raw.extend_from_slice(&b);
        }
        let got = one("utf16.txt", raw);
        assert_eq!(got.doc.text(), "Kyiv – Київ\nsecond line\n");
        let k = raw_text(&got.doc, "К");
        assert_eq!(k, if enc { b"\x1a\x04" } else { b"\x04\x1a" });
    }

    // An unknown charset label: a warning, and detection decides.
    let page = b"<meta charset=\"x-no-such-charset\"><p>Plain words only.</p>";
    let got = one("unknown.html", page.to_vec());
    assert_eq!(got.doc.text().trim(), "Plain words only.");
    assert!(
        got.warnings
            .iter()
            .any(|w| w.contains("unknown or unsupported charset label")),
        "{:?}",
        got.warnings
    );

    // Genuinely broken UTF-8 (a valid multi-byte char next to a cut one) stays UTF-8 with a
    // flagged U+FFFD.
    let got = one("broken.txt", b"Caf\xc3\xa9 and \xe2\x82 cut".to_vec());
    assert_eq!(got.doc.text(), "Café and \u{FFFD} cut");
    assert_eq!(got.doc.flags.len(), 1);

    // Malformed bytes in a declared multi-byte charset are replaced and flagged.
    let got = one(
        "bad-sjis.html",
        b"<meta charset=shift_jis><p>ok \x93 \x81 end</p>".to_vec(),
    );
    assert!(got.doc.text().contains('\u{FFFD}'), "{:?}", got.doc.text());
    assert!(got.doc.flags.iter().any(|f| f.kind == FlagKind::Encoding));
}

#[test]
fn issue_11_jsonl_html_is_utf8_whatever_the_page_declares() {
    let line = serde_json::json!({
        "html": "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Zoë in Kyiv — Київ.</p></body></html>",
        "url": "https://x.example/a"
    })
    .to_string();
    let got = docs(read_bytes("a.jsonl", line.into(), &IngestConfig::default()).collect());
    assert_eq!(got.len(), 1);
    check_doc(&got[0].doc);
    assert_eq!(got[0].doc.text().trim(), "Zoë in Kyiv — Київ.");
}

#[test]
fn issue_11_languages_are_identified_when_the_page_does_not_say() {
    let config = IngestConfig::default();
    for (text, lang) in [
        (
            "Der Bundestag hat am Donnerstag ein neues Gesetz zur Katastrophenhilfe verabschiedet.",
            "de",
        ),
        (
            "Власти города сообщили, что в результате наводнения пострадали более ста человек.",
            "ru",
        ),
        (
            "Міська влада повідомила, що внаслідок повені постраждали понад сто людей.",
            "uk",
        ),
        (
            "City officials said more than a hundred people were affected by the flooding.",
            "en",
        ),
    ] {
        let got = docs(read_bytes("t.txt", text.into(), &config).collect());
        assert_eq!(got[0].doc.meta.language.as_deref(), Some(lang), "{text}");
        let flagged = got[0].warnings.iter().any(|w| w.contains("not supported"));
        assert_eq!(flagged, lang != "en", "{text}");
    }
    // The page's own language wins.
    let got = docs(
        read_bytes(
            "p.html",
            "<html lang=\"en-GB\"><p>Der Bundestag hat am Donnerstag ein Gesetz verabschiedet.</p>"
                .into(),
            &config,
        )
        .collect(),
    );
    let language = got[0].doc.meta.language.as_deref().unwrap();
    assert!(language.starts_with("en"), "{language}");
    assert!(got[0].warnings.iter().all(|w| !w.contains("not supported")));
    // ... unless it declares a language the annotators do not support over text that reads
    // reliably as English (a site-wide locale over an English article): then the text wins.
    let english = "<html lang=\"fr\"><p>This privacy policy has been compiled to better serve \
                   those who are concerned with how their personal information is being used \
                   online, and what the city council said about it on Tuesday.</p>";
    let got = docs(read_bytes("q.html", english.into(), &config).collect());
    assert_eq!(got[0].doc.meta.language.as_deref(), Some("en"));
    assert!(
        got[0]
            .warnings
            .iter()
            .any(|w| w.contains("declares language")),
        "{:?}",
        got[0].warnings
    );
    // A declared unsupported language over text in that language stays.
    let german = "<html lang=\"de\"><p>Der Bundestag hat am Donnerstag ein neues Gesetz zur \
                  Katastrophenhilfe verabschiedet, teilte die Regierung mit.</p>";
    let got = docs(read_bytes("r.html", german.into(), &config).collect());
    assert_eq!(got[0].doc.meta.language.as_deref(), Some("de"));
}
