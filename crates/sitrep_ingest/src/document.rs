//! Turning raw bytes and metadata into a checked [`Document`].

use crate::meta::fill_from_html;
use crate::{ErrorKind, IngestConfig, Ingested, html, text};
use sitrep_model::{DocMeta, Document};

/// Builds a document from the raw bytes of one text or HTML input. `meta` holds what is known
/// from elsewhere (origin, sidecar or record fields); the page's own metadata fills the gaps and
/// `config.published` is the last resort for the date.
pub(crate) fn build(
    raw: Vec<u8>,
    is_html: bool,
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
    let (built, truncated) = if is_html {
        let converted = html::convert(&raw);
        meta.media_type = html::MEDIA_TYPE.to_owned();
        fill_from_html(&mut meta, converted.meta, &origin, &mut warnings);
        (converted.built, converted.truncated)
    } else {
        meta.media_type = text::MEDIA_TYPE.to_owned();
        (text::convert(&raw), false)
    };
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
