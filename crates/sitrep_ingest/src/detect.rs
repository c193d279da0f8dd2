//! Sniffing an input's kind from its first bytes.

/// The UTF-8 byte order mark.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many leading bytes the sniffers look at.
pub(crate) const SNIFF_LEN: usize = 8192;

/// True for gzip data (magic bytes `1f 8b`).
pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

/// True when the first bytes look like binary data: a NUL byte, or more than a quarter control
/// characters (other than tab, newlines, form feed and escape).
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = bytes.get(..SNIFF_LEN).unwrap_or(bytes);
    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        // UTF-16 with a byte order mark: NUL bytes are expected. Binary data that happens to
        // start so fails to decode and is flagged.
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    control * 4 > head.len()
}

/// The bytes after a BOM and leading ASCII whitespace.
fn skip_bom_and_space(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// True when the input starts like an HTML page (`<!doctype html`, `<html`, `<head`, `<body`,
/// possibly after a BOM, whitespace and comments).
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let mut rest = skip_bom_and_space(bytes.get(..SNIFF_LEN).unwrap_or(bytes));
    // Skip leading comments (`<!-- saved from url=... -->`).
    while rest.starts_with(b"<!--") {
        let Some(end) = rest.windows(3).position(|w| w == b"-->") else {
            return false;
        };
        rest = skip_bom_and_space(rest.get(end + 3..).unwrap_or_default());
    }
    let starts = |p: &[u8]| {
        rest.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    if starts(b"<!doctype html") {
        return true;
    }
    ["<html", "<head", "<body"].iter().any(|tag| {
        starts(tag.as_bytes())
            && rest
                .get(tag.len())
                .is_none_or(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
    })
}

/// True when the first non-space byte is `{` (JSON Lines).
pub(crate) fn looks_like_jsonl(bytes: &[u8]) -> bool {
    skip_bom_and_space(bytes).first() == Some(&b'{')
}

/// True when the input starts a WARC record (`WARC/1.0`, `WARC/1.1`, `WARC/0.x`).
pub(crate) fn looks_like_warc(bytes: &[u8]) -> bool {
    let rest = skip_bom_and_space(bytes.get(..SNIFF_LEN).unwrap_or(bytes));
    rest.starts_with(b"WARC/1.") || rest.starts_with(b"WARC/0.")
}

/// The bytes after the first `end` in `rest`, and the whitespace after it.
fn skip_to<'a>(rest: &'a [u8], end: &[u8]) -> Option<&'a [u8]> {
    rest.windows(end.len())
        .position(|w| w == end)
        .map(|i| skip_bom_and_space(rest.get(i + end.len()..).unwrap_or_default()))
}

/// True when the input is an XML document whose root element is a feed: `<rss`, `<feed`
/// (Atom) or `<rdf:RDF` (RSS 1.0), after an XML declaration, comments, processing
/// instructions and a doctype.
pub(crate) fn looks_like_feed(bytes: &[u8]) -> bool {
    let mut rest = skip_bom_and_space(bytes.get(..SNIFF_LEN).unwrap_or(bytes));
    loop {
        let next = if rest.starts_with(b"<?") {
            skip_to(rest, b"?>")
        } else if rest.starts_with(b"<!--") {
            skip_to(rest, b"-->")
        } else if rest.starts_with(b"<!") {
            skip_to(rest, b">")
        } else {
            break;
        };
        match next {
            Some(r) => rest = r,
            None => return false,
        }
    }
    let root_is = |name: &[u8]| {
        rest.get(1..1 + name.len()) == Some(name)
            && rest
                .get(1 + name.len())
                .is_some_and(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
    };
    rest.first() == Some(&b'<') && (root_is(b"rss") || root_is(b"feed") || root_is(b"rdf:RDF"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffers() {
        assert!(looks_like_html(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<!-- saved -->\n<HTML lang=en>"));
        assert!(looks_like_html(b"<html>"));
        assert!(!looks_like_html(b"<htmlx>"));
        assert!(!looks_like_html(b"The <html> tag"));
        assert!(looks_like_jsonl(b"\n {\"text\": 1}"));
        assert!(!looks_like_jsonl(b"[1]"));
        assert!(looks_binary(b"abc\0def"));
        assert!(looks_binary(b"\x01\x02\x03\x04abc"));
        assert!(!looks_binary("Kyiv – Київ\r\n\tok".as_bytes()));
        assert!(!looks_binary(b"caf\xe9 latin-1"));
        assert!(is_gzip(&[0x1f, 0x8b, 8]));
        assert!(looks_like_feed(
            b"<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">"
        ));
        assert!(looks_like_feed(
            b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"
        ));
        assert!(looks_like_feed(b"<?xml version='1.0'?><rdf:RDF>"));
        assert!(!looks_like_feed(b"<?xml version='1.0'?><urlset>"));
        assert!(!looks_like_feed(b"<feedback>"));
        assert!(looks_like_warc(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"));
        assert!(!looks_like_warc(b"WARCx"));
    }
}
