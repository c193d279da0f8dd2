//! The shared store: PostgreSQL, for many `sitrep worker` processes writing at once and
//! `sitrep serve --postgres` reading.
//!
//! # Client and pool
//!
//! [`Store`] is synchronous, so this backend uses the synchronous `postgres` crate (a thin
//! wrapper over `tokio-postgres` that drives each connection on its own small runtime) and a
//! small pool of its own ([`PgStore::open_with`], default 4 connections, opened lazily). No
//! async runtime leaks into callers: the CLI calls it directly, the HTTP server through
//! `spawn_blocking` as for SQLite. `tokio-postgres` + `deadpool` behind an internal runtime
//! would only add a `block_on` per call; the write cost is dominated by server round trips
//! (one per document for the id lookup, then one bulk `unnest` insert per table per batch), not
//! by the client, so the simpler client wins.
//!
//! Measured with `cargo run --release -p sitrep_store_postgres --example write_cost -- URL
//! FILE` (523 annotated war-news documents, 83 records and 1.9 KB of text each; PostgreSQL 15
//! on loopback with durable defaults, same 2-core machine, busy with other builds, so
//! upper bounds), ms per document, SQLite file in WAL mode alongside:
//!
//! | batch | PostgreSQL insert | SQLite insert | PostgreSQL unchanged | SQLite unchanged |
//! |------:|------------------:|--------------:|---------------------:|-----------------:|
//! |     1 |              ~10  |          ~5.4 |                  1.5 |              0.8 |
//! |    64 |              3.9  |       2.1-2.9 |                  1.1 |              0.7 |
//!
//! Batches matter: a batch of 1 pays a commit (WAL flush) and a few round trips per document.
//! "Unchanged" is mostly serialising and hashing the document, which both backends do.
//!
//! # Schema and migrations
//!
//! Numbered `.sql` files in `migrations/`, embedded with `include_str!`, tracked in a
//! `schema_version` table, applied in one transaction under a PostgreSQL advisory lock, so
//! several workers starting at once migrate once. A schema written by a newer sitrep is
//! refused. A store can live in its own schema ([`PgOptions::schema`]; tests use one each).
//!
//! # Concurrency
//!
//! - Documents are keyed by content id as in SQLite: the same document again is
//!   [`PutOutcome::Unchanged`]. Concurrent puts of one document from several connections use
//!   `INSERT ... ON CONFLICT DO NOTHING` then `SELECT ... FOR UPDATE`: one inserts, the others
//!   see it and compare hashes; nothing errors or duplicates. Batches are written in id order
//!   so two batches never lock the same rows in opposite orders; a transaction that still loses
//!   a deadlock or serialization race is retried.
//! - Event clusters are upserted row first (`INSERT ... ON CONFLICT DO UPDATE` locks the row),
//!   then their members replaced, so two writers of one cluster serialize and the stored
//!   cluster is always exactly one writer's version (never a mix). Copy links lock their
//!   document (advisory lock) before being replaced. Corpus entries are numbered under a
//!   table-wide advisory lock, so sequence numbers commit in order and readers paging by
//!   `seq` never skip an entry committed late. [`PgStore::update_event_clusters`] is a
//!   read-modify-write under `SELECT ... FOR UPDATE` for callers that merge clusters.
//!
//! # Differences from SQLite
//!
//! - Search uses `websearch_to_tsquery('simple', ...)` over a generated `tsvector` with a GIN
//!   index: words are ANDed, `"quoted phrases"`, `or` and `-word` work as on web search engines,
//!   and a trailing `*` on a plain word is a prefix match (as in SQLite); no stemming (as in
//!   SQLite: `strike` does not find `strikes`); diacritics are not folded (SQLite folds them). Scores are
//!   `ts_rank` (title weighted over text), not bm25, so ties and order among near-equal hits
//!   can differ. Snippets come from `ts_headline` (about 16 words, matches in `[` `]`, no `…`).
//! - NUL characters (which PostgreSQL text cannot hold) become spaces in the searchable and
//!   listed copies of text (titles, search, event span texts); stored documents read back
//!   unchanged because their JSON escapes them.

use postgres::{Client, NoTls, Transaction};
use sitrep_model::{Alignment, Document, EventCluster};
use sitrep_store::{
    ClusterChange, ClusterQuery, CorpusEntry, CorpusLinkRow, DayCount, DocSummary, EntityQuery,
    EntitySummary, EventFacets, EventQuery, EventRow, InputFailure, Page, PlaceQuery, PlaceSummary,
    PutOutcome, SearchHit, Store, StoreError, StoreStats, StoredFailure,
};
use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

mod corpus;
mod queries;
mod rows;

/// Migrations, in order: (version, SQL).
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_init.sql")),
    (2, include_str!("../migrations/0002_cluster_lookup.sql")),
    (3, include_str!("../migrations/0003_cluster_revisions.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 3;

/// First key of the advisory locks this crate takes (`pg_advisory_xact_lock(int, int)`).
const LOCK_SPACE: i32 = 0x5173_7270; // "Qsrp"
/// Second keys: migrations, corpus entry numbering, cluster revisions; links use
/// `hashtext(doc)` in their own space.
const LOCK_MIGRATE: i32 = 1;
const LOCK_CORPUS_ENTRIES: i32 = 2;
const LOCK_CLUSTER_REVS: i32 = 3;
const LOCK_SPACE_LINKS: i32 = 0x5173_726c; // "Qsrl"

/// Attempts of a write transaction that loses a deadlock or serialization race.
const WRITE_ATTEMPTS: usize = 5;

/// An internal error: a PostgreSQL error (maybe retryable) or a store error.
#[derive(Debug)]
pub(crate) enum Error {
    Pg(postgres::Error),
    Store(StoreError),
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        Error::Pg(e)
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        Error::Store(e)
    }
}

impl Error {
    fn retryable(&self) -> bool {
        use postgres::error::SqlState;
        match self {
            Error::Pg(e) => e.code().is_some_and(|c| {
                *c == SqlState::T_R_DEADLOCK_DETECTED
                    || *c == SqlState::T_R_SERIALIZATION_FAILURE
                    || *c == SqlState::UNIQUE_VIOLATION
            }),
            Error::Store(_) => false,
        }
    }
}

impl From<Error> for StoreError {
    fn from(e: Error) -> Self {
        match e {
            Error::Pg(e) => backend(e),
            Error::Store(e) => e,
        }
    }
}

/// A PostgreSQL error as a [`StoreError`], with the server's message when there is one.
pub(crate) fn backend(e: postgres::Error) -> StoreError {
    match e.as_db_error() {
        Some(db) => StoreError::Backend(format!("postgres: {}: {}", db.code().code(), db)),
        None => StoreError::Backend(format!("postgres: {e}")),
    }
}

pub(crate) fn json_err(id: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        id: id.to_owned(),
        message: e.to_string(),
    }
}

pub(crate) fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

pub(crate) fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Text PostgreSQL can store: NUL characters become spaces (same byte length).
pub(crate) fn pg_text(s: &str) -> String {
    if s.contains('\0') {
        s.replace('\0', " ")
    } else {
        s.to_owned()
    }
}

/// How to open a [`PgStore`].
#[derive(Debug, Clone)]
pub struct PgOptions {
    /// The schema holding the tables (created if missing); `None`: the connection's default
    /// (`public`). Letters, digits and `_` only.
    pub schema: Option<String>,
    /// Connections in the pool (at least 1).
    pub pool_size: usize,
    /// How long to wait for a free connection before failing.
    pub pool_timeout: Duration,
}

impl Default for PgOptions {
    fn default() -> Self {
        Self {
            schema: None,
            pool_size: 4,
            pool_timeout: Duration::from_secs(60),
        }
    }
}

#[derive(Default)]
struct PoolState {
    idle: Vec<Client>,
    open: usize,
}

/// A small blocking connection pool: connections are opened on demand up to a maximum and
/// handed back on drop.
struct Pool {
    config: postgres::Config,
    schema: Option<String>,
    max: usize,
    timeout: Duration,
    state: Mutex<PoolState>,
    freed: Condvar,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("schema", &self.schema)
            .field("max", &self.max)
            .finish_non_exhaustive()
    }
}

/// A pooled connection, returned to the pool when dropped.
struct Conn<'a> {
    client: Option<Client>,
    pool: &'a Pool,
}

impl std::ops::Deref for Conn<'_> {
    type Target = Client;
    fn deref(&self) -> &Client {
        #[allow(clippy::unwrap_used)] // always Some until drop
        self.client.as_ref().unwrap()
    }
}

impl std::ops::DerefMut for Conn<'_> {
    fn deref_mut(&mut self) -> &mut Client {
        #[allow(clippy::unwrap_used)] // always Some until drop
        self.client.as_mut().unwrap()
    }
}

impl Drop for Conn<'_> {
    fn drop(&mut self) {
        if let Ok(mut st) = self.pool.state.lock() {
            match self.client.take() {
                Some(c) if !c.is_closed() => st.idle.push(c),
                _ => st.open = st.open.saturating_sub(1),
            }
        }
        self.pool.freed.notify_one();
    }
}

impl Pool {
    fn lock(&self) -> Result<MutexGuard<'_, PoolState>, StoreError> {
        self.state
            .lock()
            .map_err(|_| StoreError::Backend("connection pool lock poisoned".into()))
    }

    fn connect(&self) -> Result<Client, StoreError> {
        let mut client = self.config.connect(NoTls).map_err(backend)?;
        if let Some(schema) = &self.schema {
            client
                .batch_execute(&format!(
                    "SET search_path TO \"{schema}\"; SET client_min_messages TO warning"
                ))
                .map_err(backend)?;
        } else {
            client
                .batch_execute("SET client_min_messages TO warning")
                .map_err(backend)?;
        }
        Ok(client)
    }

    fn get(&self) -> Result<Conn<'_>, StoreError> {
        let deadline = std::time::Instant::now() + self.timeout;
        let mut st = self.lock()?;
        loop {
            while let Some(c) = st.idle.pop() {
                if c.is_closed() {
                    st.open = st.open.saturating_sub(1);
                } else {
                    return Ok(Conn {
                        client: Some(c),
                        pool: self,
                    });
                }
            }
            if st.open < self.max {
                st.open += 1;
                drop(st);
                return match self.connect() {
                    Ok(c) => Ok(Conn {
                        client: Some(c),
                        pool: self,
                    }),
                    Err(e) => {
                        if let Ok(mut st) = self.state.lock() {
                            st.open = st.open.saturating_sub(1);
                        }
                        self.freed.notify_one();
                        Err(e)
                    }
                };
            }
            let now = std::time::Instant::now();
            if now >= deadline {
                return Err(StoreError::Backend(format!(
                    "no free database connection after {:?}",
                    self.timeout
                )));
            }
            st = self
                .freed
                .wait_timeout(st, deadline - now)
                .map_err(|_| StoreError::Backend("connection pool lock poisoned".into()))?
                .0;
        }
    }
}

/// A PostgreSQL-backed [`Store`] (see the crate documentation).
#[derive(Debug)]
pub struct PgStore {
    pool: Pool,
}

fn valid_schema(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
}

impl PgStore {
    /// Connects to `url` (`postgres://user@host:port/db`), creating and migrating the schema.
    pub fn open(url: &str) -> Result<Self, StoreError> {
        Self::open_with(url, &PgOptions::default())
    }

    /// Connects with options (a schema of its own, pool size).
    pub fn open_with(url: &str, options: &PgOptions) -> Result<Self, StoreError> {
        let config: postgres::Config = url
            .parse()
            .map_err(|e| StoreError::Invalid(format!("PostgreSQL URL: {e}")))?;
        if let Some(s) = &options.schema
            && !valid_schema(s)
        {
            return Err(StoreError::Invalid(format!(
                "schema name {s:?}: use letters, digits and _"
            )));
        }
        let store = Self {
            pool: Pool {
                config,
                schema: options.schema.clone(),
                max: options.pool_size.max(1),
                timeout: options.pool_timeout,
                state: Mutex::new(PoolState::default()),
                freed: Condvar::new(),
            },
        };
        store.migrate()?;
        Ok(store)
    }

    /// The schema the store lives in (`None`: the connection's default).
    pub fn schema(&self) -> Option<&str> {
        self.pool.schema.as_deref()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        let mut conn = self.pool.get()?;
        let row = conn
            .query_one("SELECT max(version) FROM schema_version", &[])
            .map_err(backend)?;
        Ok(row
            .try_get::<_, Option<i64>>(0)
            .map_err(backend)?
            .unwrap_or(0))
    }

    fn migrate(&self) -> Result<(), StoreError> {
        let mut conn = self.pool.get()?;
        let schema = self.pool.schema.clone();
        let mut tx = conn.transaction().map_err(backend)?;
        tx.execute(
            "SELECT pg_advisory_xact_lock($1, $2)",
            &[&LOCK_SPACE, &LOCK_MIGRATE],
        )
        .map_err(backend)?;
        if let Some(s) = &schema {
            tx.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS \"{s}\""))
                .map_err(backend)?;
        }
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_version (
                version    BIGINT PRIMARY KEY,
                applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        )
        .map_err(backend)?;
        let current: i64 = tx
            .query_one("SELECT coalesce(max(version), 0) FROM schema_version", &[])
            .and_then(|r| r.try_get(0))
            .map_err(backend)?;
        let latest = MIGRATIONS.last().map_or(0, |m| m.0);
        if current > latest {
            return Err(StoreError::Backend(format!(
                "database schema version {current} is newer than this sitrep ({latest}); upgrade sitrep"
            )));
        }
        for (version, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
            tx.batch_execute(sql)
                .map_err(|e| StoreError::Backend(format!("migration {version}: {}", backend(e))))?;
            tx.execute(
                "INSERT INTO schema_version (version) VALUES ($1)",
                &[version],
            )
            .map_err(backend)?;
            tracing::debug!(version, "applied migration");
        }
        tx.commit().map_err(backend)
    }

    /// Runs `f` in a transaction, retrying when it loses a deadlock, serialization or
    /// unique-key race with another writer.
    fn write<T>(
        &self,
        mut f: impl FnMut(&mut Transaction<'_>) -> Result<T, Error>,
    ) -> Result<T, StoreError> {
        let mut conn = self.pool.get()?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = (|| {
                let mut tx = conn.transaction()?;
                let out = f(&mut tx)?;
                tx.commit()?;
                Ok::<T, Error>(out)
            })();
            match result {
                Err(e) if e.retryable() && attempt < WRITE_ATTEMPTS => {
                    tracing::debug!(attempt, "write transaction lost a race; retrying");
                    std::thread::sleep(Duration::from_millis(5 * attempt as u64));
                }
                other => return other.map_err(StoreError::from),
            }
        }
    }

    /// Runs `f` on a pooled connection (reads).
    fn read<T>(&self, f: impl FnOnce(&mut Client) -> Result<T, Error>) -> Result<T, StoreError> {
        let mut conn = self.pool.get()?;
        f(&mut conn).map_err(StoreError::from)
    }

    /// Read-modify-write of event clusters: for each id (locked with `SELECT ... FOR UPDATE`,
    /// in id order), `f` gets the stored cluster (or `None`) and returns what to store (or
    /// `None` to leave it). Two workers merging into one cluster at once both keep their
    /// members: the second waits for the first and sees its result.
    pub fn update_event_clusters(
        &self,
        ids: &[String],
        mut f: impl FnMut(&str, Option<EventCluster>) -> Option<EventCluster>,
    ) -> Result<(), StoreError> {
        let mut ids: Vec<&String> = ids.iter().collect();
        ids.sort();
        ids.dedup();
        self.write(|tx| corpus::update_clusters(tx, &ids, &mut f))
    }

    /// Drops the store's schema and everything in it (tests; refuses the default schema).
    pub fn drop_schema(self) -> Result<(), StoreError> {
        let Some(schema) = self.pool.schema.clone() else {
            return Err(StoreError::Invalid(
                "refusing to drop the default schema".into(),
            ));
        };
        let mut conn = self.pool.get()?;
        conn.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"))
            .map_err(backend)
    }
}

const SUMMARY_COLUMNS: &str =
    "d.id, d.title, d.url, d.source, d.published, d.origin, octet_length(d.text)::bigint, d.failed";

pub(crate) fn summary(r: &postgres::Row) -> Result<DocSummary, postgres::Error> {
    Ok(DocSummary {
        id: r.try_get(0)?,
        title: r.try_get(1)?,
        url: r.try_get(2)?,
        source: r.try_get(3)?,
        published: r.try_get(4)?,
        origin: r.try_get(5)?,
        bytes: to_u64(r.try_get(6)?),
        failed: r.try_get(7)?,
    })
}

/// True when the query has something to search for.
fn searchable(query: &str) -> bool {
    query.chars().any(char::is_alphanumeric)
}

/// Splits a user's query into web-search syntax and prefix terms (`kurs*`, which
/// `websearch_to_tsquery` would treat as the word `kurs`): the text for
/// `websearch_to_tsquery` and a `to_tsquery` text of the prefixes (`'kurs':* & ...`), both
/// safe to pass as parameters.
fn split_query(query: &str) -> (String, String) {
    let mut rest = Vec::new();
    let mut prefixes = Vec::new();
    for token in query.split_whitespace() {
        let word = token.trim_end_matches('*');
        if word.len() < token.len() && !word.is_empty() && word.chars().all(char::is_alphanumeric) {
            prefixes.push(format!("'{}':*", word.to_lowercase()));
        } else {
            rest.push(token);
        }
    }
    (rest.join(" "), prefixes.join(" & "))
}

/// The tsquery of a query split by [`split_query`] (`$1`: web-search text, `$2`: prefixes).
const TSQUERY: &str = "(websearch_to_tsquery('simple', $1) && to_tsquery('simple', $2))";

const HEADLINE: &str = "'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1'";

fn search_hits(
    c: &mut Client,
    query: &str,
    offset: u64,
    limit: u64,
) -> Result<Vec<SearchHit>, Error> {
    let sql = format!(
        "WITH q AS (SELECT {TSQUERY} AS q),
              hits AS (SELECT d.*, ts_rank(d.tsv, q.q)::float8 AS score FROM documents d, q
                       WHERE d.tsv @@ q.q ORDER BY score DESC, d.id LIMIT $3 OFFSET $4)
         SELECT {SUMMARY_COLUMNS}, ts_headline('simple', d.text, q.q, {HEADLINE}), d.score
         FROM hits d, q ORDER BY d.score DESC, d.id"
    );
    let (web, prefixes) = split_query(query);
    let rows = c.query(&sql, &[&web, &prefixes, &to_i64(limit), &to_i64(offset)])?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push(SearchHit {
            doc: summary(r)?,
            snippet: r.try_get(8)?,
            score: r.try_get(9)?,
        });
    }
    Ok(out)
}

impl Store for PgStore {
    fn put_documents(&self, docs: &[Document]) -> Result<Vec<PutOutcome>, StoreError> {
        // Serialising is done once, outside the (retryable) transaction.
        let prepared = docs
            .iter()
            .map(rows::Prepared::new)
            .collect::<Result<Vec<_>, _>>()?;
        self.write(|tx| rows::put_batch(tx, &prepared))
    }

    fn put_input_failures(&self, failures: &[InputFailure]) -> Result<(), StoreError> {
        if failures.is_empty() {
            return Ok(());
        }
        let origins: Vec<String> = failures.iter().map(|f| pg_text(&f.origin)).collect();
        let messages: Vec<String> = failures.iter().map(|f| pg_text(&f.message)).collect();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO failures (origin, stage, message)
                 SELECT o, 'ingest', m FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(o, m, n)
                 ORDER BY n",
                &[&origins, &messages],
            )?;
            Ok(())
        })
    }

    fn get_document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let row = self.read(|c| {
            Ok(c.query_opt(
                "SELECT json, raw, alignment FROM documents WHERE id = $1",
                &[&id],
            )?)
        })?;
        let Some(row) = row else {
            return Ok(None);
        };
        let json: String = row.try_get(0).map_err(backend)?;
        let raw: Option<Vec<u8>> = row.try_get(1).map_err(backend)?;
        let alignment: Option<String> = row.try_get(2).map_err(backend)?;
        let alignment: Alignment = match alignment {
            Some(a) => serde_json::from_str(&a).map_err(|e| json_err(id, e))?,
            None => Alignment::identity(),
        };
        Document::from_json(&json, raw, alignment)
            .map(Some)
            .map_err(|e| json_err(id, e))
    }

    fn list_documents(&self, offset: u64, limit: u64) -> Result<Vec<DocSummary>, StoreError> {
        self.read(|c| {
            let sql = format!(
                "SELECT {SUMMARY_COLUMNS} FROM documents d
                 ORDER BY d.published DESC NULLS LAST, d.id LIMIT $1 OFFSET $2"
            );
            let rows = c.query(&sql, &[&to_i64(limit), &to_i64(offset)])?;
            Ok(rows.iter().map(summary).collect::<Result<_, _>>()?)
        })
    }

    fn search(&self, query: &str, limit: u64) -> Result<Vec<SearchHit>, StoreError> {
        if !searchable(query) {
            return Ok(Vec::new());
        }
        self.read(|c| search_hits(c, query, 0, limit))
    }

    fn failures(&self, limit: u64) -> Result<Vec<StoredFailure>, StoreError> {
        self.read(|c| {
            let rows = c.query(
                "SELECT origin, doc_id, stage, message FROM failures ORDER BY seq LIMIT $1",
                &[&to_i64(limit)],
            )?;
            let mut out = Vec::with_capacity(rows.len());
            for r in &rows {
                out.push(StoredFailure {
                    origin: r.try_get(0)?,
                    doc_id: r.try_get(1)?,
                    stage: r.try_get(2)?,
                    message: r.try_get(3)?,
                });
            }
            Ok(out)
        })
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        self.read(|c| {
            let r = c.query_one(
                "SELECT count(*), count(*) FILTER (WHERE failed),
                        coalesce(sum(octet_length(text)), 0)::bigint FROM documents",
                &[],
            )?;
            let (documents, failed, bytes): (i64, i64, i64) =
                (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
            let input_failures: i64 = c
                .query_one("SELECT count(*) FROM failures WHERE doc_id IS NULL", &[])?
                .try_get(0)?;
            let mut layers: BTreeMap<String, u64> = sitrep_model::Layer::ALL
                .iter()
                .filter(|l| !matches!(l, sitrep_model::Layer::Text | sitrep_model::Layer::Tokens))
                .map(|l| (l.name().to_owned(), 0))
                .collect();
            for r in c.query(
                "SELECT layer, count(*) FROM annotations GROUP BY layer",
                &[],
            )? {
                layers.insert(r.try_get(0)?, to_u64(r.try_get(1)?));
            }
            let events: i64 = c
                .query_one("SELECT count(*) FROM events", &[])?
                .try_get(0)?;
            layers.insert("events".into(), to_u64(events));
            Ok(StoreStats {
                documents: to_u64(documents),
                failed_documents: to_u64(failed),
                input_failures: to_u64(input_failures),
                text_bytes: to_u64(bytes),
                layers: layers.into_iter().collect(),
            })
        })
    }

    fn document_count(&self) -> Result<u64, StoreError> {
        self.read(|c| {
            Ok(to_u64(
                c.query_one("SELECT count(*) FROM documents", &[])?
                    .try_get(0)?,
            ))
        })
    }

    fn search_page(
        &self,
        query: &str,
        offset: u64,
        limit: u64,
    ) -> Result<Page<SearchHit>, StoreError> {
        let mut page = Page {
            total: 0,
            offset,
            limit,
            items: Vec::new(),
        };
        if !searchable(query) {
            return Ok(page);
        }
        self.read(|c| {
            let (web, prefixes) = split_query(query);
            page.total = to_u64(
                c.query_one(
                    &format!("SELECT count(*) FROM documents WHERE tsv @@ {TSQUERY}"),
                    &[&web, &prefixes],
                )?
                .try_get(0)?,
            );
            page.items = search_hits(c, query, offset, limit)?;
            Ok(page)
        })
    }

    fn events(&self, query: &EventQuery) -> Result<Page<EventRow>, StoreError> {
        self.read(|c| queries::events(c, query))
    }

    fn event_timeline(&self, query: &EventQuery) -> Result<Vec<DayCount>, StoreError> {
        self.read(|c| queries::event_timeline(c, query))
    }

    fn event_facets(&self, query: &EventQuery) -> Result<EventFacets, StoreError> {
        self.read(|c| queries::event_facets(c, query))
    }

    fn places(&self, query: &PlaceQuery) -> Result<Page<PlaceSummary>, StoreError> {
        self.read(|c| queries::places(c, query))
    }

    fn entities(&self, query: &EntityQuery) -> Result<Page<EntitySummary>, StoreError> {
        self.read(|c| queries::entities(c, query))
    }

    fn put_corpus_entries(&self, entries: &[CorpusEntry]) -> Result<(), StoreError> {
        if entries.is_empty() {
            return Ok(());
        }
        self.write(|tx| corpus::put_entries(tx, entries))
    }

    fn corpus_entries(&self, after_seq: u64, limit: u64) -> Result<Vec<CorpusEntry>, StoreError> {
        self.read(|c| corpus::entries(c, after_seq, limit))
    }

    fn put_corpus_links(&self, links: &[CorpusLinkRow]) -> Result<(), StoreError> {
        if links.is_empty() {
            return Ok(());
        }
        self.write(|tx| corpus::put_links(tx, links))
    }

    fn corpus_links(&self, doc_id: &str) -> Result<Vec<CorpusLinkRow>, StoreError> {
        self.read(|c| corpus::links(c, doc_id))
    }

    fn put_event_clusters(&self, clusters: &[EventCluster]) -> Result<(), StoreError> {
        if clusters.is_empty() {
            return Ok(());
        }
        self.write(|tx| corpus::put_clusters(tx, clusters))
    }

    fn event_clusters(&self, query: &ClusterQuery) -> Result<Page<EventCluster>, StoreError> {
        self.read(|c| corpus::clusters(c, query))
    }

    fn event_clusters_changed(
        &self,
        after_rev: u64,
        limit: u64,
    ) -> Result<Option<Vec<ClusterChange>>, StoreError> {
        self.read(|c| corpus::changed(c, after_rev, limit))
            .map(Some)
    }

    fn event_cluster(&self, id: &str) -> Result<Option<EventCluster>, StoreError> {
        self.read(|c| corpus::cluster(c, id))
    }
}

pub(crate) use sitrep_store::enum_str;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_names_are_checked() {
        assert!(valid_schema("t_123_abc"));
        assert!(!valid_schema("x\"; DROP TABLE y"));
        assert!(!valid_schema("1abc"));
        assert!(!valid_schema(""));
    }

    #[test]
    fn nul_becomes_space() {
        assert_eq!(pg_text("a\0b"), "a b");
        assert_eq!(pg_text("ab").len(), 2);
    }

    #[test]
    fn prefixes_are_split_off() {
        assert_eq!(
            split_query("Kurs* \"air strike\" -drone"),
            ("\"air strike\" -drone".to_owned(), "'kurs':*".to_owned())
        );
        assert_eq!(split_query("a*b* x"), ("a*b* x".to_owned(), String::new()));
        assert_eq!(
            split_query("o'brien* *"),
            ("o'brien* *".to_owned(), String::new())
        );
    }

    #[test]
    fn searchable_needs_a_word() {
        assert!(!searchable("  ()\" "));
        assert!(searchable("\"unbalanced AND ("));
    }
}
