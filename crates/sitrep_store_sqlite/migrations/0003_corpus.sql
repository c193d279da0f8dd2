-- sitrep SQLite schema, version 3: corpus state (issue 8).
-- `corpus_entries`: one similarity signature per document (MinHash + rewrite fingerprint,
-- encoded by sitrep_corpus; opaque here), in first-seen order. No foreign key: the corpus
-- stage writes signatures before the batch's documents are stored.
-- `corpus_links`: near-duplicate and rewrite links from a later document to an earlier one.
-- `event_clusters` / `event_cluster_members`: one real-world event reported by many documents.

CREATE TABLE IF NOT EXISTS corpus_entries (
    seq     INTEGER PRIMARY KEY,
    doc_id  TEXT NOT NULL UNIQUE,
    data    BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS corpus_links (
    doc     TEXT NOT NULL,
    kind    TEXT NOT NULL,
    of      TEXT NOT NULL,
    score   REAL NOT NULL,
    PRIMARY KEY (doc, kind, of)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS corpus_links_of ON corpus_links (of);

CREATE TABLE IF NOT EXISTS event_clusters (
    id                  TEXT PRIMARY KEY,
    type                TEXT NOT NULL,
    date_start          TEXT,
    date_end            TEXT,
    reports             INTEGER NOT NULL,
    independent_sources INTEGER NOT NULL,
    data                TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_clusters_by_date ON event_clusters (date_start, id);

CREATE TABLE IF NOT EXISTS event_cluster_members (
    cluster_id  TEXT NOT NULL REFERENCES event_clusters (id) ON DELETE CASCADE,
    doc_id      TEXT NOT NULL,
    record_id   INTEGER NOT NULL,
    PRIMARY KEY (cluster_id, doc_id, record_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_cluster_members_by_doc ON event_cluster_members (doc_id);
