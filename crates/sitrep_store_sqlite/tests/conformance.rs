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
        assert_eq!(reopened.schema_version().unwrap(), 3);
        let after = sitrep_store::Store::stats(&reopened).unwrap();
        assert_eq!(before, after, "{name}: stats changed after reopening");
    }
}

#[test]
fn schema_1_events_are_rebuilt_by_migration_2() {
    use sitrep_store::{EventQuery, Store};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let store = SqliteStore::open(&path).unwrap();
        let docs = sitrep_store::conformance::event_documents().unwrap();
        store.put_documents(&docs).unwrap();
    }
    // Turn the file back into a version-1 database: no API columns, no new indexes.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP INDEX events_by_date; DROP INDEX events_by_actor_country;
             DROP INDEX events_by_target_country; DROP INDEX events_filter;
             DROP TABLE event_records;
             ALTER TABLE events DROP COLUMN lat; ALTER TABLE events DROP COLUMN lon;
             ALTER TABLE events ADD COLUMN data TEXT NOT NULL DEFAULT '{}';
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 3);
    let q = EventQuery {
        text: Some("sudzha".into()),
        ..EventQuery::default()
    };
    let page = store.events(&q).unwrap();
    assert_eq!(page.total, 1, "search text rebuilt");
    let row = &page.items[0];
    assert_eq!(row.place.as_ref().unwrap().name, "Sudzha");
    assert!(row.text.starts_with("Moscow denied"));
}

#[test]
fn readers_see_writes_and_refuse_to_write() {
    use sitrep_store::{EventQuery, Store};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    assert!(
        SqliteStore::open_with_readers(&path, 2).is_err(),
        "missing file"
    );
    drop(SqliteStore::open(&path).unwrap());
    let store = SqliteStore::open_with_readers(&path, 2).unwrap();
    let docs = sitrep_store::conformance::event_documents().unwrap();
    store.put_documents(&docs).unwrap();
    for _ in 0..4 {
        assert_eq!(store.events(&EventQuery::default()).unwrap().total, 4);
    }
    let ro =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    assert!(ro.execute("DELETE FROM events", []).is_err());
}
