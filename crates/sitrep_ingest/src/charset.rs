//! Character encodings: which charset an input is in, and transcoding it to UTF-8 while keeping
//! an alignment back to the original bytes.
//!
//! Non-ASCII input that is valid UTF-8 is read as UTF-8 whatever it declares (declarations are
//! often wrong that way, and legacy text is practically never valid UTF-8). Otherwise the
//! charset is taken, in order, from a byte order mark, a hint from outside the document
//! (an HTTP `Content-Type` header, a feed's XML declaration, or "already UTF-8" for strings
//! decoded from JSON), a `<meta charset>` / `<meta http-equiv=Content-Type>` in the first bytes
//! of an HTML page, and finally detection: valid UTF-8 is UTF-8; bytes that are mostly UTF-8
//! with some damage (valid multi-byte sequences or truncated ones) stay UTF-8 and the damage is
//! replaced and flagged; anything else is guessed by `chardetng` (Windows-1252 for Latin-1 text,
//! Shift_JIS, KOI8-R, ...).
//!
//! Transcoding decodes the raw bytes with `encoding_rs` one character at a time, recording an
//! [`Alignment`] from the decoded UTF-8 to the raw bytes (ASCII runs are copies, every other
//! character an atomic piece covering its raw byte sequence). The text converters then run on
//! the decoded UTF-8 and [`compose`] chains their alignment with this one, so every text byte
//! still maps to the original raw bytes.

use encoding_rs::{DecoderResult, Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use sitrep_model::{Alignment, AlignmentBuilder, FlagKind, LineFlag, Span};

/// The reason recorded on flags of bytes malformed in their charset.
const REASON: &str = "bytes invalid in the document's charset replaced with U+FFFD";

/// How many leading bytes of an HTML page are searched for `<meta charset>`.
const META_SCAN: usize = 4096;

/// What is known about an input's charset from outside its bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Hint<'a> {
    /// Nothing: look at the bytes.
    #[default]
    None,
    /// The bytes come from a Rust string (a JSON field, a parsed feed): they are UTF-8.
    Utf8,
    /// A charset label from a protocol header or declaration (`iso-8859-1`, `Shift_JIS`).
    Label(&'a str),
}

/// Where the charset decision came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Bom,
    Given,
    Header,
    Meta,
    Detected,
}

/// The charset chosen for an input.
#[derive(Debug, Clone)]
pub(crate) struct Decision {
    pub encoding: &'static Encoding,
    pub source: Source,
    /// Bytes of a byte order mark to skip.
    pub bom_len: usize,
    /// Problems with the declarations (an unknown label).
    pub warnings: Vec<String>,
}

/// Decides the charset of `raw`. `html` enables the `<meta>` prescan.
pub(crate) fn decide(raw: &[u8], html: bool, hint: Hint<'_>) -> Decision {
    let mut warnings = Vec::new();
    let decision = |encoding, source, bom_len| Decision {
        encoding,
        source,
        bom_len,
        warnings: Vec::new(),
    };
    if let Some((encoding, bom_len)) = Encoding::for_bom(raw) {
        return decision(encoding, Source::Bom, bom_len);
    }
    // Pages often declare a legacy charset and are served as UTF-8: non-ASCII bytes that
    // are valid UTF-8 are almost never legacy text, so they win over any declaration.
    if !raw.is_ascii() && std::str::from_utf8(raw).is_ok() {
        return decision(UTF_8, Source::Detected, 0);
    }
    match hint {
        Hint::Utf8 => return decision(UTF_8, Source::Given, 0),
        Hint::Label(label) => match usable(label) {
            Ok(encoding) => return decision(encoding, Source::Header, 0),
            Err(w) => warnings.push(w),
        },
        Hint::None => {}
    }
    if html && let Some(label) = meta_charset(raw.get(..META_SCAN).unwrap_or(raw)) {
        match usable(&label) {
            // A page cannot declare itself UTF-16 in its own (ASCII) markup.
            Ok(encoding) => {
                let mut d = decision(encoding.output_encoding(), Source::Meta, 0);
                d.warnings = warnings;
                return d;
            }
            Err(w) => warnings.push(w),
        }
    }
    let mut d = decision(detect(raw), Source::Detected, 0);
    d.warnings = warnings;
    d
}

/// The encoding for a label, or a warning naming the label.
fn usable(label: &str) -> Result<&'static Encoding, String> {
    match Encoding::for_label_no_replacement(label.trim().as_bytes()) {
        Some(e) => Ok(e),
        None => Err(format!(
            "unknown or unsupported charset label {:?}; the charset was detected instead",
            label.chars().take(40).collect::<String>()
        )),
    }
}

/// Guesses the encoding of bytes that declare none.
pub(crate) fn detect(raw: &[u8]) -> &'static Encoding {
    if raw.is_ascii() || mostly_utf8(raw) {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(raw, true);
    let guess = detector.guess(None, false);
    if guess == REPLACEMENT || guess == UTF_16BE || guess == UTF_16LE {
        return UTF_8;
    }
    // With a handful of accented bytes chardetng may pick another Latin charset
    // (a lone `\xa3` of "£15m" reads as windows-1250 `Ł`); Windows-1252 is far more likely then.
    let high = raw.iter().filter(|b| !b.is_ascii()).count();
    if high < 16 && OTHER_LATIN.contains(&guess) && !windows_1252_undefined(raw) {
        return WINDOWS_1252;
    }
    guess
}

/// Latin-script legacy charsets other than Windows-1252.
const OTHER_LATIN: &[&Encoding] = &[
    encoding_rs::WINDOWS_1250,
    encoding_rs::WINDOWS_1254,
    encoding_rs::WINDOWS_1257,
    encoding_rs::WINDOWS_1258,
    encoding_rs::ISO_8859_2,
    encoding_rs::ISO_8859_3,
    encoding_rs::ISO_8859_4,
    encoding_rs::ISO_8859_10,
    encoding_rs::ISO_8859_13,
    encoding_rs::ISO_8859_14,
    encoding_rs::ISO_8859_15,
    encoding_rs::ISO_8859_16,
];

/// True when `raw` has a byte Windows-1252 leaves undefined.
fn windows_1252_undefined(raw: &[u8]) -> bool {
    raw.iter()
        .any(|b| matches!(b, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d))
}

/// True for valid UTF-8, and for damaged UTF-8: some valid multi-byte sequence or some
/// invalid run of two or more bytes (a sequence cut short) shows the text was meant as UTF-8.
/// Text in a legacy single-byte encoding has neither (its accented letters are lone high bytes
/// followed by ASCII).
fn mostly_utf8(raw: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut lone = 0usize;
    for chunk in raw.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        match chunk.invalid().len() {
            0 => {}
            1 => lone += 1,
            _ => multibyte += 1,
        }
    }
    lone == 0 || multibyte > 0
}

/// Finds the charset label declared in a `<meta>` tag: `<meta charset="x">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
pub(crate) fn meta_charset(head: &[u8]) -> Option<String> {
    let mut from = 0;
    while let Some(rel) = find_ci(head.get(from..)?, b"<meta") {
        let start = from + rel + 5;
        let end = head
            .get(start..)?
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        let tag = head.get(start..end)?;
        if let Some(label) = charset_param(tag) {
            return Some(label);
        }
        from = end;
    }
    None
}

/// The value after `charset` `=` in `s` (attribute or `Content-Type` parameter), unquoted.
pub(crate) fn charset_param(s: &[u8]) -> Option<String> {
    let mut from = 0;
    while let Some(rel) = find_ci(s.get(from..)?, b"charset") {
        let mut i = from + rel + 7;
        while s.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if s.get(i) != Some(&b'=') {
            from = i;
            continue;
        }
        i += 1;
        while s
            .get(i)
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'"' || b == b'\'')
        {
            i += 1;
        }
        let len = s
            .get(i..)?
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .unwrap_or(s.len() - i);
        let label = s.get(i..i + len)?;
        if label.is_empty() {
            return None;
        }
        return Some(String::from_utf8_lossy(label).into_owned());
    }
    None
}

/// The first position of `needle` in `hay`, ignoring ASCII case.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Raw bytes decoded to UTF-8.
#[derive(Debug)]
pub(crate) struct Transcoded {
    /// The decoded text (valid UTF-8).
    pub text: String,
    /// Maps `text` to the raw bytes.
    pub alignment: Alignment,
    /// Malformed byte sequences replaced with U+FFFD.
    pub malformed: usize,
}

/// Decodes `raw` (after a BOM of `skip` bytes) from `encoding` to UTF-8, recording the
/// alignment character by character. `raw` is at most
/// [`crate::HARD_MAX_DOCUMENT_BYTES`] long.
pub(crate) fn transcode(raw: &[u8], encoding: &'static Encoding, skip: usize) -> Transcoded {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(raw.len() + raw.len() / 2);
    let mut align = AlignmentBuilder::new();
    let mut malformed = 0usize;
    let ascii_fast = encoding.is_ascii_compatible() && encoding != encoding_rs::ISO_2022_JP;
    // Raw offset where the bytes not yet turned into output begin.
    let mut pending = skip.min(raw.len());
    let mut pos = pending;
    let mut buf = String::with_capacity(32);
    while pos < raw.len() {
        if ascii_fast && pending == pos {
            let run = raw
                .get(pos..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| b.is_ascii())
                .count();
            if run > 0 {
                let s = std::str::from_utf8(raw.get(pos..pos + run).unwrap_or_default());
                text.push_str(s.unwrap_or_default());
                align.copy(pos as u32, run as u32);
                pos += run;
                pending = pos;
                continue;
            }
        }
        let byte = raw.get(pos..pos + 1).unwrap_or_default();
        let mut consumed = 0;
        while consumed < byte.len() {
            buf.clear();
            let (result, read) = decoder.decode_to_string_without_replacement(
                byte.get(consumed..).unwrap_or_default(),
                &mut buf,
                false,
            );
            consumed += read;
            let end = pos + consumed;
            step(
                &mut text,
                &mut align,
                &mut pending,
                &mut malformed,
                raw,
                end,
                &result,
                &buf,
            );
            if read == 0 && buf.is_empty() && !matches!(result, DecoderResult::Malformed(..)) {
                break;
            }
        }
        pos += 1;
    }
    // Flush: a sequence cut short at the end is malformed.
    for _ in 0..8 {
        buf.clear();
        let (result, _) = decoder.decode_to_string_without_replacement(b"", &mut buf, true);
        step(
            &mut text,
            &mut align,
            &mut pending,
            &mut malformed,
            raw,
            raw.len(),
            &result,
            &buf,
        );
        if matches!(result, DecoderResult::InputEmpty) {
            break;
        }
    }
    Transcoded {
        alignment: align.finish(raw.len() as u32),
        text,
        malformed,
    }
}

/// Records the output of one decoder call that consumed input up to raw offset `end`.
#[allow(clippy::too_many_arguments)]
fn step(
    text: &mut String,
    align: &mut AlignmentBuilder,
    pending: &mut usize,
    malformed: &mut usize,
    raw: &[u8],
    end: usize,
    result: &DecoderResult,
    out: &str,
) {
    match result {
        &DecoderResult::Malformed(bad, after) => {
            // Output written before the malformed sequence belongs to the bytes before it.
            let bad_end = end.saturating_sub(after as usize).max(*pending);
            let bad_start = bad_end.saturating_sub(bad as usize).max(*pending);
            if !out.is_empty() {
                emit(text, align, raw, *pending, bad_start, out);
                *pending = bad_start;
            }
            let replacement = "\u{FFFD}";
            align.replace(*pending as u32, (bad_end - *pending) as u32, 3);
            text.push_str(replacement);
            *malformed += 1;
            *pending = bad_end;
        }
        DecoderResult::InputEmpty | DecoderResult::OutputFull => {
            if !out.is_empty() {
                emit(text, align, raw, *pending, end, out);
                *pending = end;
            }
        }
    }
}

/// Appends `out`, decoded from the raw bytes `from..to`: a copy when identical, else one
/// atomic piece.
fn emit(
    text: &mut String,
    align: &mut AlignmentBuilder,
    raw: &[u8],
    from: usize,
    to: usize,
    out: &str,
) {
    let to = to.max(from);
    if raw.get(from..to) == Some(out.as_bytes()) {
        align.copy(from as u32, out.len() as u32);
    } else {
        align.replace(from as u32, (to - from) as u32, out.len() as u32);
    }
    text.push_str(out);
}

/// One alignment segment (a copy of [`sitrep_model::Alignment`]'s segments).
#[derive(Debug, Clone, Copy)]
struct Piece {
    text_start: u32,
    raw_start: u32,
    text_len: u32,
    raw_len: u32,
}

/// Chains `outer` (text to intermediate) with `inner` (intermediate to raw): the result maps
/// the text straight to the raw bytes. `text_len` is the text's length, `mid_len` the
/// intermediate's, `raw_len` the raw input's.
pub(crate) fn compose(
    outer: &Alignment,
    inner: &Alignment,
    text_len: usize,
    mid_len: usize,
    raw_len: usize,
) -> Alignment {
    let pieces = |a: &Alignment, len: usize| -> Vec<Piece> {
        if a.is_identity() {
            vec![Piece {
                text_start: 0,
                raw_start: 0,
                text_len: len as u32,
                raw_len: len as u32,
            }]
        } else {
            a.segments()
                .iter()
                .map(|s| Piece {
                    text_start: s.text_start,
                    raw_start: s.raw_start,
                    text_len: s.text_len,
                    raw_len: s.raw_len,
                })
                .collect()
        }
    };
    let outer_segs = pieces(outer, text_len);
    let inner_segs = pieces(inner, mid_len);
    let mut b = AlignmentBuilder::new();
    for o in &outer_segs {
        if o.text_len == 0 {
            continue;
        }
        if o.text_len == o.raw_len {
            let (lo, hi) = (o.raw_start, o.raw_start + o.raw_len);
            let first = inner_segs
                .partition_point(|s| s.text_start + s.text_len <= lo)
                .min(inner_segs.len());
            let mut covered = lo;
            for s in inner_segs.get(first..).unwrap_or_default() {
                if s.text_start >= hi {
                    break;
                }
                let a = lo.max(s.text_start);
                let z = hi.min(s.text_start + s.text_len);
                if z <= a {
                    continue;
                }
                if s.text_len == s.raw_len {
                    b.copy(s.raw_start + (a - s.text_start), z - a);
                } else {
                    b.replace(s.raw_start, s.raw_len, z - a);
                }
                covered = z;
            }
            if covered < hi {
                // Past the intermediate's end (should not happen): map to the raw end.
                b.replace(raw_len as u32, 0, hi - covered);
            }
        } else {
            let raw = inner.to_raw(Span::new(o.raw_start, o.raw_start + o.raw_len));
            b.replace(raw.start, raw.end - raw.start, o.text_len);
        }
    }
    b.finish(raw_len as u32)
}

/// Flags every U+FFFD in `text` that stands for malformed raw bytes (not a U+FFFD or a
/// character reference in the input).
pub(crate) fn flag_replacements(
    text: &str,
    alignment: &Alignment,
    raw: &[u8],
    flags: &mut Vec<LineFlag>,
) {
    for (i, c) in text.char_indices() {
        if c != '\u{FFFD}' {
            continue;
        }
        let span = Span::new(i as u32, (i + 3) as u32);
        let r = alignment.to_raw(span);
        let got = raw
            .get(r.start as usize..r.end as usize)
            .unwrap_or_default();
        if got.first() == Some(&b'&') || std::str::from_utf8(got).is_ok() {
            continue;
        }
        if let Some(last) = flags.last_mut()
            && last.kind == FlagKind::Encoding
            && last.span.end == span.start
        {
            last.span.end = span.end;
            continue;
        }
        flags.push(LineFlag {
            span,
            kind: FlagKind::Encoding,
            reason: REASON.to_owned(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_prescan() {
        assert_eq!(
            meta_charset(b"<html><META charset='Shift_JIS'>").as_deref(),
            Some("Shift_JIS")
        );
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
            )
            .as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            meta_charset(b"<meta name=x content=y><p>charset=utf-8"),
            None
        );
        assert_eq!(
            charset_param(b"text/html;charset=\"koi8-r\"").as_deref(),
            Some("koi8-r")
        );
        assert_eq!(charset_param(b"text/html; charset="), None);
    }

    #[test]
    fn decisions() {
        let d = decide(b"\xef\xbb\xbfabc", true, Hint::Label("latin1"));
        assert_eq!((d.encoding, d.source, d.bom_len), (UTF_8, Source::Bom, 3));
        let d = decide(b"caf\xe9", false, Hint::Label(" ISO-8859-1 "));
        assert_eq!((d.encoding, d.source), (WINDOWS_1252, Source::Header));
        let d = decide(b"<meta charset=utf-16><p>caf\xe9", true, Hint::None);
        assert_eq!((d.encoding, d.source), (UTF_8, Source::Meta));
        let d = decide(b"<meta charset=bogus><p>caf\xe9", true, Hint::Label("nope"));
        assert_eq!(d.source, Source::Detected);
        assert_eq!(d.warnings.len(), 2);
        // Valid UTF-8 wins over a wrong declaration.
        let d = decide("<meta charset=latin1>café".as_bytes(), true, Hint::None);
        assert_eq!(d.encoding, UTF_8);
        // A lone pound sign is Windows-1252, not Windows-1250.
        assert_eq!(detect(b"a \xa315m signing"), WINDOWS_1252);
    }

    #[test]
    fn transcoding_aligns_each_character() {
        let raw = b"a\xe9b";
        let t = transcode(raw, WINDOWS_1252, 0);
        assert_eq!(t.text, "aéb");
        assert_eq!(t.alignment.to_raw(Span::new(1, 3)), Span::new(1, 2));
        assert_eq!(t.alignment.to_raw(Span::new(3, 4)), Span::new(2, 3));
        let sjis = b"\x93\x8c\x8b\x9eA\x93";
        let t = transcode(sjis, encoding_rs::SHIFT_JIS, 0);
        assert_eq!(t.text, "東京A\u{FFFD}");
        assert_eq!(t.malformed, 1);
        assert_eq!(t.alignment.to_raw(Span::new(3, 6)), Span::new(2, 4));
        assert_eq!(t.alignment.to_raw(Span::new(6, 7)), Span::new(4, 5));
        assert_eq!(t.alignment.to_raw(Span::new(7, 10)), Span::new(5, 6));
        assert!(t.alignment.check(t.text.len(), sjis.len()).is_ok());
    }

    #[test]
    fn composition_chains_alignments() {
        // raw "x&eacute;\xe9y" (Windows-1252) -> mid "x&eacute;éy" -> text "xééy".
        let raw = b"x&eacute;\xe9y";
        let t = transcode(raw, WINDOWS_1252, 0);
        let mut outer = AlignmentBuilder::new();
        outer.copy(0, 1);
        outer.replace(1, 8, 2);
        outer.copy(9, 3);
        let outer = outer.finish(t.text.len() as u32);
        let a = compose(&outer, &t.alignment, 6, t.text.len(), raw.len());
        assert!(a.check(6, raw.len()).is_ok());
        assert_eq!(a.to_raw(Span::new(1, 3)), Span::new(1, 9));
        assert_eq!(a.to_raw(Span::new(3, 5)), Span::new(9, 10));
        assert_eq!(a.to_raw(Span::new(5, 6)), Span::new(10, 11));
    }
}
