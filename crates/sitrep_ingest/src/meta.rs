//! Document metadata given as JSON (sidecars, JSON Lines records) or found in HTML, and the
//! publication dates in it.

use crate::detect::BOM;
use crate::html::HtmlMeta;
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;
use sitrep_model::DocMeta;

/// The metadata fields read from JSON; other fields are ignored. Values are kept as JSON so
/// that a field of the wrong type gives a warning rather than failing the document.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct MetaFields {
    #[serde(default)]
    pub title: Option<Value>,
    #[serde(default)]
    pub published: Option<Value>,
    #[serde(default)]
    pub url: Option<Value>,
    #[serde(default)]
    pub source: Option<Value>,
    #[serde(default)]
    pub language: Option<Value>,
    #[serde(default)]
    pub author: Option<Value>,
}

/// Why bytes are not a JSON object.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ObjectError {
    #[error("not valid JSON: {0}")]
    NotJson(String),
    #[error("not a JSON object")]
    NotObject,
}

/// Parses a JSON object (after an optional BOM) into `T`.
pub(crate) fn parse_object<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ObjectError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        // serde would read a struct from an array too: only objects are records.
        return Err(match serde_json::from_slice::<IgnoredAny>(bytes) {
            Ok(_) => ObjectError::NotObject,
            Err(e) => ObjectError::NotJson(e.to_string()),
        });
    }
    serde_json::from_slice(bytes).map_err(|e| ObjectError::NotJson(e.to_string()))
}

/// Parses a publication date: `YYYY-MM-DD`, or an RFC 3339 / ISO 8601 timestamp (its date
/// part, in the timestamp's own offset).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Some(dt.date_naive());
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt.date());
        }
    }
    None
}

/// A string field: trimmed, `None` when empty. Arrays of strings (author lists) are joined.
fn string_field(value: &Value) -> Result<Option<String>, ()> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => {
            let s = s.trim();
            Ok((!s.is_empty()).then(|| s.to_owned()))
        }
        Value::Array(items) => {
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(s) if !s.trim().is_empty() => parts.push(s.trim()),
                    Value::String(_) | Value::Null => {}
                    _ => return Err(()),
                }
            }
            Ok((!parts.is_empty()).then(|| parts.join(", ")))
        }
        _ => Err(()),
    }
}

impl MetaFields {
    /// Sets the fields of `meta` that are given here. `from` names where the fields come from
    /// (a sidecar path, `path:line`) in warnings.
    pub(crate) fn apply(&self, meta: &mut DocMeta, from: &str, warnings: &mut Vec<String>) {
        let fields = [
            ("title", &self.title, &mut meta.title),
            ("url", &self.url, &mut meta.url),
            ("source", &self.source, &mut meta.source),
            ("language", &self.language, &mut meta.language),
            ("author", &self.author, &mut meta.author),
        ];
        for (name, value, slot) in fields {
            let Some(value) = value else { continue };
            match string_field(value) {
                Ok(v) => *slot = v,
                Err(()) => warnings.push(format!(
                    "{from}: field \"{name}\" is not a string ({value}); ignored"
                )),
            }
        }
        match &self.published {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if s.trim().is_empty() => {}
            Some(Value::String(s)) => match parse_date(s) {
                Some(d) => meta.published = Some(d),
                None => warnings.push(format!(
                    "{from}: field \"published\" is not a valid date ({s:?}; expected \
                     YYYY-MM-DD or an RFC 3339 timestamp); using the default publication date"
                )),
            },
            Some(other) => warnings.push(format!(
                "{from}: field \"published\" is not a string ({other}); using the default \
                 publication date"
            )),
        }
    }
}

/// Fills the fields of `meta` that are still empty from the page's own metadata.
pub(crate) fn fill_from_html(
    meta: &mut DocMeta,
    html: HtmlMeta,
    from: &str,
    warnings: &mut Vec<String>,
) {
    let HtmlMeta {
        title,
        published,
        url,
        source,
        language,
        author,
        ..
    } = html;
    for (slot, value) in [
        (&mut meta.title, title),
        (&mut meta.url, url),
        (&mut meta.source, source),
        (&mut meta.language, language),
        (&mut meta.author, author),
    ] {
        if slot.is_none() {
            *slot = value;
        }
    }
    if meta.published.is_none()
        && let Some(p) = published
    {
        match parse_date(&p) {
            Some(d) => meta.published = Some(d),
            None => warnings.push(format!(
                "{from}: the page's publication date {p:?} is not a valid date; ignored"
            )),
        }
    }
    // A date in the document's URL (`/2024/05/12/`) when the page gives none.
    if meta.published.is_none() {
        meta.published = meta
            .url
            .as_deref()
            .and_then(sitrep_clean::article::url_date);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2025-01-11"), d(2025, 1, 11));
        assert_eq!(parse_date(" 2025-01-11T23:30:00-05:00 "), d(2025, 1, 11));
        assert_eq!(parse_date("2025-01-11T23:30:00Z"), d(2025, 1, 11));
        assert_eq!(parse_date("2025-01-11T23:30:00.123+0200"), d(2025, 1, 11));
        assert_eq!(parse_date("2025-01-11 10:00:00"), d(2025, 1, 11));
        assert_eq!(parse_date("2025-01-11T10:00"), d(2025, 1, 11));
        assert_eq!(parse_date("2025-02-30"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn fields_and_warnings() {
        let f: MetaFields = serde_json::from_str(
            r#"{"title": " T ", "source": null, "author": ["A", "B"], "url": 3,
                "published": "2025-02-30", "note": "x"}"#,
        )
        .unwrap();
        let mut meta = DocMeta::default();
        let mut w = Vec::new();
        f.apply(&mut meta, "x.meta.json", &mut w);
        assert_eq!(meta.title.as_deref(), Some("T"));
        assert_eq!(meta.source, None);
        assert_eq!(meta.author.as_deref(), Some("A, B"));
        assert_eq!(meta.url, None);
        assert_eq!(meta.published, None);
        assert_eq!(w.len(), 2);
        assert!(w[0].contains("x.meta.json") && w[0].contains("\"url\""));
        assert!(w[1].contains("x.meta.json") && w[1].contains("\"published\""));
    }
}
