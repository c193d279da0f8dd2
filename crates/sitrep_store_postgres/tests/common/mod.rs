//! Shared by the PostgreSQL tests: a fresh store in a schema of its own on the test server
//! (`SITREP_TEST_POSTGRES`, see `scripts/test-services.sh`), dropped at the end.

#![allow(dead_code, clippy::unwrap_used)]

use sitrep_store_postgres::{PgOptions, PgStore};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// The test server's URL, or `None` (SKIP printed; a failure under CI).
pub fn url(test: &str) -> Option<String> {
    sitrep_testutil::service(test, "SITREP_TEST_POSTGRES")
}

/// A schema name no other test (or test process) uses.
pub fn schema_name(test: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let clean: String = test
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(30)
        .collect();
    format!(
        "t_{clean}_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// A fresh store in a new schema.
pub fn fresh(url: &str, test: &str) -> PgStore {
    open(url, &schema_name(test))
}

/// A store on an existing (or new) schema.
pub fn open(url: &str, schema: &str) -> PgStore {
    PgStore::open_with(
        url,
        &PgOptions {
            schema: Some(schema.to_owned()),
            pool_size: 2,
            ..PgOptions::default()
        },
    )
    .unwrap()
}
