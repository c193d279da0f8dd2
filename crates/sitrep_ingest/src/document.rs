//! Turning raw bytes and metadata into a checked [`Document`].

use crate::charset::{self, Hint};
use crate::meta::fill_from_html;
use crate::{ErrorKind, IngestConfig, Ingested, html, lang, text};
use encoding_rs::UTF_8;
use sitrep_model::{DocMeta, Document};

/// Builds a document from the raw bytes of one text or HTML input. `meta` holds what is known
/// from elsewhere (origin, sidecar or record fields); the page's own metadata fills the gaps and
/// `config.published` is the last resort for the date.
pub(crate) fn build(
    raw: Vec<u8>,
    is_html: bool,
    meta: DocMeta,
    warnings: Vec<String>,
    config: &IngestConfig,
) -> Result<Ingested, ErrorKind> {
    build_with_charset(raw, is_html, Hint::None, meta, warnings, config)
}

/// [`build`] with what is known of the charset from outside the bytes (an HTTP header, a
/// feed, a JSON string). Input that is not UTF-8 is transcoded; the alignment still maps every
/// text byte to the original raw bytes, which the document keeps.
pub(crate) fn build_with_charset(
    raw: Vec<u8>,
    is_html: bool,
    charset: Hint<'_>,
    mut meta: DocMeta,
    mut warnings: Vec<String>,
    config: &IngestConfig,
) -> Result<Ingested, ErrorKind> {
    let limit = config.document_limit();
    if raw.len() > limit {
        return Err(ErrorKind::TooLarge {
            size: Some(raw.len() as u64),
            limit,
        });
    }
    let origin = meta.origin.clone().unwrap_or_else(|| "-".to_owned());
    let decision = charset::decide(&raw, is_html, charset);
    for w in &decision.warnings {
        warnings.push(format!("{origin}: {w}"));
    }
    let transcode =
        decision.encoding != UTF_8 && !(decision.encoding.is_ascii_compatible() && raw.is_ascii());
    let decoded = if transcode {
        let t = charset::transcode(&raw, decision.encoding, decision.bom_len);
        if decision.source == charset::Source::Detected {
            warnings.push(format!(
                "{origin}: no charset declared; read as {} (detected)",
                decision.encoding.name()
            ));
        }
        if t.malformed > 0 {
            warnings.push(format!(
                "{origin}: {} byte sequence(s) invalid in {} replaced with U+FFFD",
                t.malformed,
                decision.encoding.name()
            ));
        }
        Some(t)
    } else {
        None
    };
    let input: &[u8] = decoded.as_ref().map_or(&raw, |t| t.text.as_bytes());
    let (mut built, truncated) = if is_html {
        let converted = html::convert_at(input, config.html_mode, meta.url.as_deref());
        meta.media_type = html::MEDIA_TYPE.to_owned();
        warnings.extend(converted.notes.iter().map(|n| format!("{origin}: {n}")));
        fill_from_html(&mut meta, converted.meta, &origin, &mut warnings);
        (converted.built, converted.truncated)
    } else {
        meta.media_type = text::MEDIA_TYPE.to_owned();
        (text::convert(input), false)
    };
    if let Some(t) = &decoded {
        built.alignment = charset::compose(
            &built.alignment,
            &t.alignment,
            built.text.len(),
            t.text.len(),
            raw.len(),
        );
        charset::flag_replacements(&built.text, &built.alignment, &raw, &mut built.flags);
        built.flags.sort_by_key(|f| (f.span, f.kind));
    }
    match meta.language.clone() {
        None => meta.language = lang::identify(&built.text),
        // A page that declares a language the annotators do not support, but whose text reads
        // reliably as one they do (a site-wide `lang="de"` over an English article): the text
        // wins, so the article is not left unannotated. The reverse is not overridden.
        Some(declared) if !lang::supported(&declared) => {
            if let Some(found) = lang::identify(&built.text)
                && lang::supported(&found)
            {
                warnings.push(format!(
                    "{origin}: the page declares language {declared:?} but its text reads as \
                     {found:?}; annotated as {found:?}"
                ));
                meta.language = Some(found);
            }
        }
        Some(_) => {}
    }
    if let Some(language) = &meta.language
        && !lang::supported(language)
    {
        warnings.push(format!(
            "{origin}: language {language:?} is not supported by the annotators; \
             the document is stored and English-only stages skip it"
        ));
    }
    if meta.published.is_none() {
        meta.published = config.published;
    }
    if built.text.trim().is_empty() {
        return Err(ErrorKind::Empty);
    }
    if built.replaced > 0 {
        warnings.push(format!(
            "{origin}: {} invalid UTF-8 sequence(s) replaced with U+FFFD",
            built.replaced
        ));
    }
    if truncated {
        warnings.push(format!(
            "{origin}: the HTML ends inside markup (truncated?); the text before it was kept"
        ));
    }
    let mut doc = Document::new(meta, Some(raw), built.text, built.alignment)?;
    doc.flags = built.flags;
    Ok(Ingested { doc, warnings })
}
