//! The web page's files, embedded in the binary.
//!
//! Files are looked up by exact name in a fixed table, so no request path reaches the file
//! system: `..`, encoded slashes and absolute paths simply match nothing.

use crate::ApiError;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// One embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

macro_rules! asset {
    ($name:literal, $type:literal) => {
        Asset {
            name: $name,
            content_type: $type,
            bytes: include_bytes!(concat!("../assets/", $name)),
        }
    };
}

const ASSETS: &[Asset] = &[
    asset!("index.html", "text/html; charset=utf-8"),
    asset!("app.js", "text/javascript; charset=utf-8"),
    asset!("app.css", "text/css; charset=utf-8"),
    asset!("world.json", "application/json"),
    asset!("favicon.svg", "image/svg+xml"),
    asset!("NOTICE.md", "text/markdown; charset=utf-8"),
];

/// The embedded file named `name`, if any.
fn find(name: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.name == name)
}

fn respond(a: &Asset) -> Response {
    let mut res = (StatusCode::OK, a.bytes).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(a.content_type),
    );
    res
}

/// `GET /`.
pub(crate) async fn index() -> Response {
    match find("index.html") {
        Some(a) => respond(a),
        None => ApiError::NotFound("index.html is not embedded".into()).into_response(),
    }
}

/// `GET /assets/{*path}`.
pub(crate) async fn asset(Path(path): Path<String>) -> Response {
    match find(&path) {
        Some(a) => respond(a),
        None => fallback().await,
    }
}

/// Anything else.
pub(crate) async fn fallback() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "not found",
    )
        .into_response()
}
