//! The embedded default store: one SQLite file (bundled SQLite, WAL journal, FTS5 search).
//!
//! Schema changes are numbered `.sql` files in `migrations/`, applied in order and tracked in
//! `PRAGMA user_version`. A database written by a newer sitrep is refused rather than damaged.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::Value;
use sitrep_model::{Alignment, Document};
use sitrep_store::{
    ClusterQuery, CorpusEntry, CorpusLinkRow, DayCount, DocSummary, EntityQuery, EntitySummary,
    EventFacets, EventQuery, EventRow, InputFailure, Page, PlaceQuery, PlaceSummary, PutOutcome,
    SearchHit, Store, StoreError, StoreStats, StoredFailure, content_hash, enum_str, layer_rows,
};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, TryLockError};

/// Migrations, in order: (version, SQL).
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_init.sql")),
    (2, include_str!("../migrations/0002_event_api.sql")),
    (3, include_str!("../migrations/0003_corpus.sql")),
];

mod corpus;
mod queries;

/// A SQLite-backed [`Store`].
///
/// Writes go through one connection. Reads use a pool of read-only connections when the store
/// was opened with [`SqliteStore::open_with_readers`] (WAL lets them run beside each other and
/// beside a writer), else the same connection.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

pub(crate) fn backend(e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(e.to_string())
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path)
            .map_err(|e| StoreError::Backend(format!("{}: {e}", path.display())))?;
        Self::init(conn, true)
    }

    /// Opens an existing database file, brings its schema up to date and adds `readers`
    /// read-only connections that serve all reads concurrently (for the HTTP server).
    pub fn open_with_readers(path: &Path, readers: usize) -> Result<Self, StoreError> {
        if !path.exists() {
            return Err(StoreError::Backend(format!(
                "{}: no such database",
                path.display()
            )));
        }
        let mut store = Self::open(path)?;
        for _ in 0..readers {
            let conn = Connection::open_with_flags(
                path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | rusqlite::OpenFlags::SQLITE_OPEN_URI,
            )
            .map_err(|e| StoreError::Backend(format!("{}: {e}", path.display())))?;
            conn.busy_timeout(std::time::Duration::from_secs(10))
                .map_err(backend)?;
            conn.pragma_update(None, "query_only", "ON")
                .map_err(backend)?;
            store.readers.push(Mutex::new(conn));
        }
        Ok(store)
    }

    /// An in-memory database, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory().map_err(backend)?, false)
    }

    fn init(mut conn: Connection, wal: bool) -> Result<Self, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(backend)?;
        if wal {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(backend)?;
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(backend)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(backend)?;
        migrate(&mut conn)?;
        Ok(Self {
            conn: Mutex::new(conn),
            readers: Vec::new(),
            next_reader: AtomicUsize::new(0),
        })
    }

    fn conn(&self) -> Result<MutexGuard<'_, Connection>, StoreError> {
        self.conn
            .lock()
            .map_err(|_| StoreError::Backend("connection lock poisoned".into()))
    }

    /// A connection for reading: a free reader if there is one, else the next one in turn
    /// (waiting for it), else the writer connection.
    fn reader(&self) -> Result<MutexGuard<'_, Connection>, StoreError> {
        let n = self.readers.len();
        if n == 0 {
            return self.conn();
        }
        let first = self.next_reader.fetch_add(1, Ordering::Relaxed) % n;
        for i in 0..n {
            if let Some(m) = self.readers.get((first + i) % n) {
                match m.try_lock() {
                    Ok(guard) => return Ok(guard),
                    Err(TryLockError::WouldBlock) => continue,
                    Err(TryLockError::Poisoned(_)) => {
                        return Err(StoreError::Backend("connection lock poisoned".into()));
                    }
                }
            }
        }
        self.readers
            .get(first)
            .ok_or_else(|| StoreError::Backend("no reader".into()))?
            .lock()
            .map_err(|_| StoreError::Backend("connection lock poisoned".into()))
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        let conn = self.conn()?;
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(backend)
    }
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(backend)?;
    let latest = MIGRATIONS.last().map_or(0, |m| m.0);
    if current > latest {
        return Err(StoreError::Backend(format!(
            "database schema version {current} is newer than this sitrep ({latest}); upgrade sitrep"
        )));
    }
    for (version, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        let tx = conn.transaction().map_err(backend)?;
        tx.execute_batch(sql)
            .map_err(|e| backend(format!("migration {version}: {e}")))?;
        if *version == 2 {
            rebuild_events(&tx)?;
        }
        tx.pragma_update(None, "user_version", version)
            .map_err(backend)?;
        tx.commit().map_err(backend)?;
        tracing::debug!(version, "applied migration");
    }
    Ok(())
}

/// The JSON string of a serde enum value, without quotes ("PERSON", "killed").
pub(crate) fn json_err(id: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        id: id.to_owned(),
        message: e.to_string(),
    }
}

fn put_one(tx: &Transaction<'_>, doc: &Document) -> Result<PutOutcome, StoreError> {
    let id = doc.id();
    let value = doc.to_json().map_err(|e| json_err(id, e))?;
    let json = serde_json::to_string(&value).map_err(|e| json_err(id, e))?;
    let alignment = serde_json::to_string(doc.alignment()).map_err(|e| json_err(id, e))?;
    let raw = doc.has_distinct_raw().then(|| doc.raw());
    // Where a copy was read from is not part of what is stored: the same report found again
    // under another path or line is unchanged, not updated.
    let hash = content_hash(&value, &alignment, raw);
    let alignment = (!doc.alignment().is_identity()).then_some(alignment);
    let existing: Option<(i64, String)> = tx
        .query_row(
            "SELECT rowid, json_hash FROM documents WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(backend)?;
    let m = &doc.meta;
    let published = m.published.map(|d| d.to_string());
    let failed = !doc.failures.is_empty();
    let (rowid, outcome) =
        match existing {
            Some((_, old)) if old == hash => return Ok(PutOutcome::Unchanged),
            Some((rowid, _)) => {
                tx.execute(
                    "UPDATE documents SET url=?2, source=?3, title=?4, published=?5, language=?6,
                 media_type=?7, author=?8, origin=?9, text=?10, raw=?11, alignment=?12, json=?13,
                 json_hash=?14, failed=?15, stored_at=strftime('%Y-%m-%dT%H:%M:%SZ','now')
                 WHERE rowid=?1",
                    params![
                        rowid,
                        m.url,
                        m.source,
                        m.title,
                        published,
                        m.language,
                        m.media_type,
                        m.author,
                        m.origin,
                        doc.text(),
                        raw,
                        alignment,
                        json,
                        hash,
                        failed
                    ],
                )
                .map_err(backend)?;
                tx.execute("DELETE FROM annotations WHERE doc_rowid = ?1", [rowid])
                    .map_err(backend)?;
                tx.execute("DELETE FROM events WHERE doc_rowid = ?1", [rowid])
                    .map_err(backend)?;
                tx.execute("DELETE FROM event_records WHERE doc_rowid = ?1", [rowid])
                    .map_err(backend)?;
                tx.execute("DELETE FROM failures WHERE doc_id = ?1", [id])
                    .map_err(backend)?;
                (rowid, PutOutcome::Updated)
            }
            None => {
                tx.execute(
                "INSERT INTO documents (id, url, source, title, published, language, media_type,
                 author, origin, text, raw, alignment, json, json_hash, failed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                params![
                    id, m.url, m.source, m.title, published, m.language, m.media_type, m.author,
                    m.origin, doc.text(), raw, alignment, json, hash, failed
                ],
            )
            .map_err(backend)?;
                (tx.last_insert_rowid(), PutOutcome::Inserted)
            }
        };

    let mut ins = tx
        .prepare_cached(
            "INSERT INTO annotations (doc_rowid, layer, ord, record_id, start, end, kind, label, data)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .map_err(backend)?;
    let mut ord: std::collections::BTreeMap<&str, i64> = Default::default();
    for r in layer_rows(doc) {
        let data = serde_json::to_string(&r.record).map_err(|e| json_err(id, e))?;
        let n = ord.entry(r.layer).or_insert(0);
        ins.execute(params![
            rowid,
            r.layer,
            *n,
            r.record_id,
            r.span.start,
            r.span.end,
            r.kind,
            r.label,
            data
        ])
        .map_err(backend)?;
        *n += 1;
    }
    insert_events(tx, rowid, doc, &value)?;
    for f in &doc.failures {
        tx.execute(
            "INSERT INTO failures (origin, doc_id, stage, message) VALUES (?1, ?2, ?3, ?4)",
            params![m.origin, id, f.stage, f.message],
        )
        .map_err(backend)?;
    }
    Ok(outcome)
}

/// Writes the event rows of a document: filter columns, the event's JSON with span texts, its
/// resolved place. `value` is the document's sitrep/1 JSON.
fn insert_events(
    tx: &Transaction<'_>,
    rowid: i64,
    doc: &Document,
    value: &Value,
) -> Result<(), StoreError> {
    let id = doc.id();
    let mut ev = tx
        .prepare_cached(
            "INSERT INTO events (doc_rowid, record_id, type, acled_event_type, acled_sub_event_type,
             actor_country, actor_sector, target_country, target_sector, place_record, date_start,
             date_end, modality, confidence, start, end, lat, lon)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                     ?18)",
        )
        .map_err(backend)?;
    let mut rec = tx
        .prepare_cached(
            "INSERT INTO event_records (doc_rowid, record_id, data, span_text, search_text,
             place_data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(backend)?;
    let event_values = value.get("events").and_then(Value::as_array);
    let place_values = value.get("places").and_then(Value::as_array);
    for (i, e) in doc.events.iter().enumerate() {
        let data = match event_values.and_then(|v| v.get(i)) {
            Some(v) => serde_json::to_string(v),
            None => serde_json::to_string(e),
        }
        .map_err(|err| json_err(id, err))?;
        let place = e
            .place
            .and_then(|p| doc.places.iter().position(|r| r.id == p));
        let place_record = place.and_then(|i| doc.places.get(i));
        let place_data = place
            .and_then(|i| place_values.and_then(|v| v.get(i)))
            .map(serde_json::to_string)
            .transpose()
            .map_err(|err| json_err(id, err))?;
        let (actor, target) = (e.actor.as_ref(), e.target.as_ref());
        let span_text = doc.span_text(e.span);
        let search_text = [
            Some(span_text),
            actor.map(|a| a.text.as_str()),
            target.map(|a| a.text.as_str()),
            place_record.map(|p| p.name.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
        let date = e.date.as_ref();
        ev.execute(params![
            rowid,
            e.id,
            e.event_type,
            e.acled_event_type,
            e.acled_sub_event_type,
            actor.and_then(|a| a.country.clone()),
            actor.and_then(|a| a.sector.clone()),
            target.and_then(|a| a.country.clone()),
            target.and_then(|a| a.sector.clone()),
            e.place,
            date.and_then(|d| d.start).map(|d| d.to_string()),
            date.and_then(|d| d.end.or(d.start)).map(|d| d.to_string()),
            enum_str(&e.modality),
            f64::from(e.confidence),
            e.span.start,
            e.span.end,
            place_record.and_then(|p| p.lat),
            place_record.and_then(|p| p.lon),
        ])
        .map_err(backend)?;
        rec.execute(params![
            rowid,
            e.id,
            data,
            span_text,
            search_text,
            place_data
        ])
        .map_err(backend)?;
    }
    Ok(())
}

/// Rebuilds the event rows of every document that has events (after a migration that added
/// event columns).
fn rebuild_events(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let docs: Vec<(i64, String, String)> = {
        let mut stmt = tx
            .prepare(
                "SELECT d.rowid, d.id, d.json FROM documents d
                 WHERE d.rowid IN (SELECT DISTINCT doc_rowid FROM events) ORDER BY d.rowid",
            )
            .map_err(backend)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)?
    };
    for (rowid, id, json) in docs {
        let doc = Document::from_json(&json, None, Alignment::identity())
            .map_err(|e| json_err(&id, e))?;
        let value = doc.to_json().map_err(|e| json_err(&id, e))?;
        tx.execute("DELETE FROM events WHERE doc_rowid = ?1", [rowid])
            .map_err(backend)?;
        tx.execute("DELETE FROM event_records WHERE doc_rowid = ?1", [rowid])
            .map_err(backend)?;
        insert_events(tx, rowid, &doc, &value)?;
    }
    Ok(())
}

const SUMMARY_COLUMNS: &str =
    "d.id, d.title, d.url, d.source, d.published, d.origin, length(CAST(d.text AS BLOB)), d.failed";

fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocSummary> {
    Ok(DocSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        url: r.get(2)?,
        source: r.get(3)?,
        published: r.get(4)?,
        origin: r.get(5)?,
        bytes: r.get::<_, i64>(6)?.try_into().unwrap_or(0),
        failed: r.get(7)?,
    })
}

/// Turns a user's query into a safe FTS5 query: every word must match (prefix match on a
/// trailing `*`); quotes and operators are treated as text.
fn fts_query(query: &str) -> String {
    let terms: Vec<String> = query
        .split(|c: char| !(c.is_alphanumeric() || c == '*' || c == '\'' || c == '-'))
        .map(|t| t.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|t| !t.trim_matches('*').is_empty())
        .map(|t| {
            let prefix = t.ends_with('*');
            let word = t.trim_matches('*').replace('"', "");
            if prefix {
                format!("\"{word}\"*")
            } else {
                format!("\"{word}\"")
            }
        })
        .collect();
    terms.join(" ")
}

pub(crate) fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Store for SqliteStore {
    fn put_documents(&self, docs: &[Document]) -> Result<Vec<PutOutcome>, StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction().map_err(backend)?;
        let mut out = Vec::with_capacity(docs.len());
        for doc in docs {
            out.push(put_one(&tx, doc)?);
        }
        tx.commit().map_err(backend)?;
        Ok(out)
    }

    fn put_input_failures(&self, failures: &[InputFailure]) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction().map_err(backend)?;
        for f in failures {
            tx.execute(
                "INSERT INTO failures (origin, stage, message) VALUES (?1, 'ingest', ?2)",
                params![f.origin, f.message],
            )
            .map_err(backend)?;
        }
        tx.commit().map_err(backend)
    }

    fn get_document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let conn = self.reader()?;
        let row: Option<(String, Option<Vec<u8>>, Option<String>)> = conn
            .query_row(
                "SELECT json, raw, alignment FROM documents WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(backend)?;
        let Some((json, raw, alignment)) = row else {
            return Ok(None);
        };
        let alignment: Alignment = match alignment {
            Some(a) => serde_json::from_str(&a).map_err(|e| json_err(id, e))?,
            None => Alignment::identity(),
        };
        Document::from_json(&json, raw, alignment)
            .map(Some)
            .map_err(|e| json_err(id, e))
    }

    fn list_documents(&self, offset: u64, limit: u64) -> Result<Vec<DocSummary>, StoreError> {
        let conn = self.reader()?;
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM documents d
             ORDER BY d.published DESC NULLS LAST, d.id LIMIT ?1 OFFSET ?2"
        );
        let mut stmt = conn.prepare_cached(&sql).map_err(backend)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(params![limit, offset], summary)
            .map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)
    }

    fn search(&self, query: &str, limit: u64) -> Result<Vec<SearchHit>, StoreError> {
        let fts = fts_query(query);
        if fts.is_empty() {
            return Ok(Vec::new());
        }
        let conn = self.reader()?;
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, snippet(documents_fts, 1, '[', ']', '…', 16), bm25(documents_fts, 5.0, 1.0)
             FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
             WHERE documents_fts MATCH ?1 ORDER BY bm25(documents_fts, 5.0, 1.0), d.id LIMIT ?2"
        );
        let mut stmt = conn.prepare_cached(&sql).map_err(backend)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(params![fts, limit], |r| {
                Ok(SearchHit {
                    doc: summary(r)?,
                    snippet: r.get(8)?,
                    score: -r.get::<_, f64>(9)?,
                })
            })
            .map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)
    }

    fn failures(&self, limit: u64) -> Result<Vec<StoredFailure>, StoreError> {
        let conn = self.reader()?;
        let mut stmt = conn
            .prepare_cached(
                "SELECT origin, doc_id, stage, message FROM failures ORDER BY seq LIMIT ?1",
            )
            .map_err(backend)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map([limit], |r| {
                Ok(StoredFailure {
                    origin: r.get(0)?,
                    doc_id: r.get(1)?,
                    stage: r.get(2)?,
                    message: r.get(3)?,
                })
            })
            .map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        let conn = self.reader()?;
        let (documents, failed, bytes): (i64, i64, i64) = conn
            .query_row(
                "SELECT count(*), coalesce(sum(failed), 0), coalesce(sum(length(CAST(text AS BLOB))), 0)
                 FROM documents",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(backend)?;
        let input_failures: i64 = conn
            .query_row(
                "SELECT count(*) FROM failures WHERE doc_id IS NULL",
                [],
                |r| r.get(0),
            )
            .map_err(backend)?;
        let mut layers: std::collections::BTreeMap<String, u64> = sitrep_model::Layer::ALL
            .iter()
            .filter(|l| !matches!(l, sitrep_model::Layer::Text | sitrep_model::Layer::Tokens))
            .map(|l| (l.name().to_owned(), 0))
            .collect();
        let mut stmt = conn
            .prepare_cached("SELECT layer, count(*) FROM annotations GROUP BY layer")
            .map_err(backend)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(backend)?;
        for row in rows {
            let (layer, n) = row.map_err(backend)?;
            layers.insert(layer, to_u64(n));
        }
        let events: i64 = conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
            .map_err(backend)?;
        layers.insert("events".into(), to_u64(events));
        Ok(StoreStats {
            documents: to_u64(documents),
            failed_documents: to_u64(failed),
            input_failures: to_u64(input_failures),
            text_bytes: to_u64(bytes),
            layers: layers.into_iter().collect(),
        })
    }

    fn document_count(&self) -> Result<u64, StoreError> {
        let conn = self.reader()?;
        conn.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))
            .map(to_u64)
            .map_err(backend)
    }

    fn search_page(
        &self,
        query: &str,
        offset: u64,
        limit: u64,
    ) -> Result<Page<SearchHit>, StoreError> {
        let fts = fts_query(query);
        let mut page = Page {
            total: 0,
            offset,
            limit,
            items: Vec::new(),
        };
        if fts.is_empty() {
            return Ok(page);
        }
        let conn = self.reader()?;
        page.total = conn
            .query_row(
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1",
                [&fts],
                |r| r.get::<_, i64>(0),
            )
            .map(to_u64)
            .map_err(backend)?;
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, snippet(documents_fts, 1, '[', ']', '…', 16), bm25(documents_fts, 5.0, 1.0)
             FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
             WHERE documents_fts MATCH ?1 ORDER BY bm25(documents_fts, 5.0, 1.0), d.id
             LIMIT ?2 OFFSET ?3"
        );
        let mut stmt = conn.prepare_cached(&sql).map_err(backend)?;
        let rows = stmt
            .query_map(params![fts, to_i64(limit), to_i64(offset)], |r| {
                Ok(SearchHit {
                    doc: summary(r)?,
                    snippet: r.get(8)?,
                    score: -r.get::<_, f64>(9)?,
                })
            })
            .map_err(backend)?;
        page.items = rows.collect::<Result<_, _>>().map_err(backend)?;
        Ok(page)
    }

    fn events(&self, query: &EventQuery) -> Result<Page<EventRow>, StoreError> {
        queries::events(&*self.reader()?, query)
    }

    fn event_timeline(&self, query: &EventQuery) -> Result<Vec<DayCount>, StoreError> {
        queries::event_timeline(&*self.reader()?, query)
    }

    fn event_facets(&self, query: &EventQuery) -> Result<EventFacets, StoreError> {
        queries::event_facets(&*self.reader()?, query)
    }

    fn places(&self, query: &PlaceQuery) -> Result<Page<PlaceSummary>, StoreError> {
        queries::places(&*self.reader()?, query)
    }

    fn entities(&self, query: &EntityQuery) -> Result<Page<EntitySummary>, StoreError> {
        queries::entities(&*self.reader()?, query)
    }

    fn put_corpus_entries(&self, entries: &[CorpusEntry]) -> Result<(), StoreError> {
        corpus::put_entries(&mut *self.conn()?, entries)
    }

    fn corpus_entries(&self, after_seq: u64, limit: u64) -> Result<Vec<CorpusEntry>, StoreError> {
        corpus::entries(&*self.conn()?, after_seq, limit)
    }

    fn put_corpus_links(&self, links: &[CorpusLinkRow]) -> Result<(), StoreError> {
        corpus::put_links(&mut *self.conn()?, links)
    }

    fn corpus_links(&self, doc_id: &str) -> Result<Vec<CorpusLinkRow>, StoreError> {
        corpus::links(&*self.reader()?, doc_id)
    }

    fn put_event_clusters(
        &self,
        clusters: &[sitrep_model::EventCluster],
    ) -> Result<(), StoreError> {
        corpus::put_clusters(&mut *self.conn()?, clusters)
    }

    fn event_clusters(
        &self,
        query: &ClusterQuery,
    ) -> Result<Page<sitrep_model::EventCluster>, StoreError> {
        corpus::clusters(&*self.reader()?, query)
    }

    fn event_cluster(&self, id: &str) -> Result<Option<sitrep_model::EventCluster>, StoreError> {
        corpus::cluster(&*self.reader()?, id)
    }
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_query_quotes_terms() {
        assert_eq!(fts_query("North Korean"), "\"North\" \"Korean\"");
        assert_eq!(fts_query("kurs*"), "\"kurs\"*");
        assert_eq!(fts_query("\"unbalanced AND ("), "\"unbalanced\" \"AND\"");
        assert_eq!(fts_query("  ()\" "), "");
    }

    #[test]
    fn newer_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", 999).unwrap();
        }
        let err = SqliteStore::open(&path).unwrap_err().to_string();
        assert!(err.contains("newer"), "{err}");
    }
}
