//! Test helpers shared by the workspace's test suites (a dev-dependency only).
//!
//! Tests that read the gold corpora in `../shared` (beside the repository; `SITREP_SHARED`
//! overrides the location) call [`shared`]: it returns the path when it exists and otherwise
//! writes a `SKIP` line straight to the process's standard error, which the test harness does
//! not capture, so a run without the data says plainly what it did not test.

use std::io::Write as _;
use std::path::PathBuf;

/// The `shared/` folder: `$SITREP_SHARED`, or `../shared` beside the repository.
pub fn shared_root() -> PathBuf {
    match std::env::var_os("SITREP_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    }
}

/// `shared/<rel>` when it exists; otherwise `None` after printing `SKIP <test>: ...`.
pub fn shared(test: &str, rel: &str) -> Option<PathBuf> {
    let found = locate(rel);
    if found.is_none() {
        skip(
            test,
            &format!("{} not found", shared_root().join(rel).display()),
        );
    }
    found
}

/// `shared/<rel>` when it exists, silently.
pub fn locate(rel: &str) -> Option<PathBuf> {
    let path = shared_root().join(rel);
    path.exists().then_some(path)
}

/// The address of a test service (a database or message server) from the environment variable
/// `var`, e.g. `SITREP_TEST_POSTGRES` as printed by `scripts/test-services.sh start`.
///
/// Returns `None` after printing `SKIP <test>: ...` when the variable is unset or empty, except
/// under CI (`CI` set and not `false`/`0`), where a missing service is an error: it panics so the
/// test fails instead of passing silently.
pub fn service(test: &str, var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(v) if !v.trim().is_empty() => Some(v),
        _ => {
            let ci = std::env::var("CI")
                .map(|v| !v.is_empty() && v != "false" && v != "0")
                .unwrap_or(false);
            #[allow(clippy::panic)]
            if ci {
                panic!(
                    "{test}: {var} is not set but CI is; run `eval \"$(scripts/test-services.sh start)\"` first"
                );
            }
            skip(
                test,
                &format!("{var} not set (run `eval \"$(scripts/test-services.sh start)\"`)"),
            );
            None
        }
    }
}

/// Reports a skipped test on standard error, bypassing the harness's output capture.
pub fn skip(test: &str, why: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "SKIP {test}: {why}");
}

#[cfg(test)]
mod tests {
    #[test]
    fn missing_data_is_none() {
        assert!(super::locate("no/such/file").is_none());
        assert!(super::shared_root().ends_with("shared"));
    }
}
