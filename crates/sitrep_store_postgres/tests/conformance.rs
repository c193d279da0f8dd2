//! The PostgreSQL store passes the store conformance suite against a real server, each check
//! in a fresh schema, the checks running side by side.

mod common;

use sitrep_store::Store;
use sitrep_store::conformance::CHECKS;
use sitrep_store_postgres::SCHEMA_VERSION;

#[test]
fn postgres_store_conforms() {
    let Some(url) = common::url("postgres_store_conforms") else {
        return;
    };
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = CHECKS
            .iter()
            .map(|(name, check)| {
                let url = url.clone();
                s.spawn(move || {
                    let store = common::fresh(&url, name);
                    let result = check(&store).map_err(|e| format!("{name}: {e}"));
                    // Reopening finds the schema migrated and the data intact.
                    let before = store.stats().unwrap();
                    let schema = store.schema().unwrap().to_owned();
                    drop(store);
                    let reopened = common::open(&url, &schema);
                    assert_eq!(reopened.schema_version().unwrap(), SCHEMA_VERSION);
                    assert_eq!(
                        reopened.stats().unwrap(),
                        before,
                        "{name}: stats after reopening"
                    );
                    reopened.drop_schema().unwrap();
                    result
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().unwrap().err())
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
