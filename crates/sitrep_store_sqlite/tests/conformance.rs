//! The SQLite store passes the store conformance suite, in memory and on disk.

use sitrep_store::conformance::CHECKS;
use sitrep_store_sqlite::SqliteStore;

#[test]
fn in_memory_store_conforms() {
    for (name, check) in CHECKS {
        let store = SqliteStore::open_in_memory().unwrap();
        check(&store).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn file_store_conforms_and_persists() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (name, check)) in CHECKS.iter().enumerate() {
        let path = dir.path().join(format!("{i}.db"));
        let store = SqliteStore::open(&path).unwrap();
        check(&store).unwrap_or_else(|e| panic!("{name}: {e}"));
        let before = sitrep_store::Store::stats(&store).unwrap();
        drop(store);
        let reopened = SqliteStore::open(&path).unwrap();
        assert_eq!(reopened.schema_version().unwrap(), 1);
        let after = sitrep_store::Store::stats(&reopened).unwrap();
        assert_eq!(before, after, "{name}: stats changed after reopening");
    }
}
