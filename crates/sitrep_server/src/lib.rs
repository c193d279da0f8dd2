//! The sitrep HTTP server: a read-only JSON API over a [`Store`] and an embedded web page.
//!
//! [`router`] builds the whole application as an axum `Router`, so tests call it in process
//! (`tower::ServiceExt::oneshot`) or over a socket ([`serve`]). The store is synchronous; every
//! handler calls it through `tokio::task::spawn_blocking`.
//!
//! - `GET /api/openapi.json` describes every endpoint (see [`openapi`]).
//! - Offsets in responses are UTF-8 byte offsets into the document text; `?offsets=utf16` on a
//!   document adds `start_utf16`/`end_utf16` to every span, for JavaScript strings.
//! - Bad query parameters give `400` with `{"error": "bad_parameter", "parameter": NAME,
//!   "message": ...}`; unknown parameters are refused the same way, so typos do not pass
//!   silently.
//! - Every response carries a strict Content-Security-Policy (no inline script, no third-party
//!   origin); the page renders article text with `textContent` only.
//! - Event clusters and "minimum independent sources" are not served: the corpus stage that
//!   merges reports of one event does not exist yet.

mod api;
mod assets;
mod error;
mod export;
pub mod openapi;
mod params;

pub use error::ApiError;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sitrep_store::Store;
use std::future::Future;
use std::sync::Arc;

/// What the handlers share: the store, and whether to check the `Host` header.
#[derive(Clone)]
pub struct AppState {
    store: Arc<dyn Store>,
    loopback_only: bool,
    permits: Arc<tokio::sync::Semaphore>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("loopback_only", &self.loopback_only)
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// State over a store. The `Host` header is not checked; at most two store calls per
    /// core run at once.
    pub fn new(store: Arc<dyn Store>) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        Self {
            store,
            loopback_only: false,
            permits: Arc::new(tokio::sync::Semaphore::new(cores * 2)),
        }
    }

    /// At most `n` store calls run at once (the rest wait their turn, first come first
    /// served); match it to the store's read connections.
    pub fn max_concurrent_queries(mut self, n: usize) -> Self {
        self.permits = Arc::new(tokio::sync::Semaphore::new(n.max(1)));
        self
    }

    /// Refuse requests whose `Host` header names anything but a loopback host (`localhost`,
    /// `127.0.0.1`, `[::1]`): a page on another site cannot then read the API through DNS
    /// rebinding. Use it when the server listens on loopback.
    pub fn loopback_only(mut self, on: bool) -> Self {
        self.loopback_only = on;
        self
    }

    /// Runs a store call on the blocking thread pool.
    pub(crate) async fn blocking<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| ApiError::Internal(format!("query limiter closed: {e}")))?;
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || f(&*store))
            .await
            .map_err(|e| ApiError::Internal(format!("store task failed: {e}")))?
    }
}

/// The routes, as `(path, summary)`: the router and the OpenAPI document list the same ones.
pub const API_ROUTES: &[&str] = &[
    "/api/health",
    "/api/stats",
    "/api/documents",
    "/api/documents/{id}",
    "/api/events",
    "/api/events/timeline",
    "/api/events/facets",
    "/api/events.csv",
    "/api/events.geojson",
    "/api/places",
    "/api/places.geojson",
    "/api/entities",
    "/api/clusters",
    "/api/clusters/{id}",
    "/api/openapi.json",
];

/// The application: JSON API under `/api`, the web page at `/` and `/assets/*`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/health", get(api::health))
        .route("/api/stats", get(api::stats))
        .route("/api/documents", get(api::documents))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/events", get(api::events))
        .route("/api/events/timeline", get(api::timeline))
        .route("/api/events/facets", get(api::facets))
        .route("/api/events.csv", get(export::events_csv))
        .route("/api/events.geojson", get(export::events_geojson))
        .route("/api/places", get(api::places))
        .route("/api/places.geojson", get(export::places_geojson))
        .route("/api/entities", get(api::entities))
        .route("/api/clusters", get(api::clusters))
        .route("/api/clusters/{id}", get(api::cluster))
        .route("/api/openapi.json", get(openapi::handler))
        .route("/api/{*rest}", get(api::not_found))
        .route("/", get(assets::index))
        .route("/assets/{*path}", get(assets::asset))
        .fallback(assets::fallback)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .with_state(state)
}

/// True when the `Host` header value names a loopback host (any port).
fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    matches!(
        name.to_ascii_lowercase().as_str(),
        "localhost" | "127.0.0.1" | "::1"
    )
}

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if state.loopback_only {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok());
        if let Some(host) = host
            && !is_loopback_host(host)
        {
            return (
                StatusCode::MISDIRECTED_REQUEST,
                axum::Json(serde_json::json!({
                    "error": "bad_host",
                    "message": "this server answers only to localhost"
                })),
            )
                .into_response();
        }
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    for (name, value) in set {
        h.insert(name, HeaderValue::from_static(value));
    }
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    res
}

/// Serves the application on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for h in [
            "localhost",
            "localhost:8080",
            "127.0.0.1:1",
            "[::1]:80",
            "LOCALHOST",
        ] {
            assert!(is_loopback_host(h), "{h}");
        }
        for h in ["evil.test", "evil.test:8080", "127.0.0.2", "[::2]:80", ""] {
            assert!(!is_loopback_host(h), "{h}");
        }
    }
}
