//! Metadata sidecars: `article.meta.json` next to `article.txt` (or `article.html`,
//! `article.txt.gz`) gives the document's title, publication date, URL, source, language and
//! author. Unknown fields are ignored; a missing field is null.

use crate::ErrorKind;
use crate::meta::{MetaFields, parse_object};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The suffix of sidecar file names.
pub(crate) const SUFFIX: &str = ".meta.json";

/// The largest sidecar read.
const MAX_SIDECAR_BYTES: u64 = 1024 * 1024;

/// True for a sidecar's file name (`*.meta.json`, any case).
pub(crate) fn is_sidecar(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.len() > SUFFIX.len() && ends_with_ignore_case(n, SUFFIX))
}

pub(crate) fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.get(s.len() - suffix.len()..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix))
}

/// The sidecar path for a document: its name without `.gz` and without its extension, plus
/// `.meta.json`.
pub(crate) fn path_for(doc: &Path) -> Option<PathBuf> {
    let name = doc.file_name()?.to_str()?;
    let name = if ends_with_ignore_case(name, ".gz") {
        name.get(..name.len() - 3)?
    } else {
        name
    };
    let stem = match name.rfind('.') {
        Some(dot) if dot > 0 => name.get(..dot)?,
        _ => name,
    };
    Some(doc.with_file_name(format!("{stem}{SUFFIX}")))
}

/// Reads the sidecar of `doc`, if there is one.
pub(crate) fn read_for(doc: &Path) -> Result<Option<(PathBuf, MetaFields)>, ErrorKind> {
    let Some(path) = path_for(doc) else {
        return Ok(None);
    };
    if !path.is_file() {
        return Ok(None);
    }
    let bad = |message: String| ErrorKind::Sidecar {
        sidecar: path.clone(),
        message,
    };
    let mut bytes = Vec::new();
    File::open(&path)
        .and_then(|f| f.take(MAX_SIDECAR_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e: io::Error| bad(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_SIDECAR_BYTES {
        return Err(bad(format!("larger than {MAX_SIDECAR_BYTES} bytes")));
    }
    let fields = parse(&bytes).map_err(bad)?;
    Ok(Some((path, fields)))
}

/// Parses a sidecar: a JSON object.
fn parse(bytes: &[u8]) -> Result<MetaFields, String> {
    parse_object(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_names() {
        let p = |s: &str| path_for(Path::new(s)).map(|p| p.display().to_string());
        assert_eq!(p("d/article.txt").as_deref(), Some("d/article.meta.json"));
        assert_eq!(
            p("d/article.txt.gz").as_deref(),
            Some("d/article.meta.json")
        );
        assert_eq!(p("a.b.html").as_deref(), Some("a.b.meta.json"));
        assert_eq!(p("README").as_deref(), Some("README.meta.json"));
        assert!(is_sidecar(Path::new("x/a.META.json")));
        assert!(!is_sidecar(Path::new(".meta.json")));
        assert!(!is_sidecar(Path::new("a.json")));
    }

    #[test]
    fn parse_objects_only() {
        assert!(parse(br#"{"title": "x", "extra": [1]}"#).is_ok());
        assert_eq!(parse(b"[1, 2]").err().as_deref(), Some("not a JSON object"));
        assert!(
            parse(b"{title")
                .err()
                .is_some_and(|e| e.starts_with("not valid JSON"))
        );
        assert!(parse(br#"{"title": 1"#).is_err());
    }
}
