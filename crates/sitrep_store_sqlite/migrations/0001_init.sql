-- sitrep SQLite schema, version 1.
-- Offsets are byte offsets into documents.text; `json` is the document's sitrep/1 JSON.

CREATE TABLE documents (
    rowid       INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    url         TEXT,
    source      TEXT,
    title       TEXT,
    published   TEXT,
    language    TEXT,
    media_type  TEXT NOT NULL,
    author      TEXT,
    origin      TEXT,
    text        TEXT NOT NULL,
    raw         BLOB,
    alignment   TEXT,
    json        TEXT NOT NULL,
    json_hash   TEXT NOT NULL,
    failed      INTEGER NOT NULL DEFAULT 0,
    stored_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_published ON documents (published DESC, id);

-- One row per annotation record of every layer; `data` is the record's JSON.
CREATE TABLE annotations (
    doc_rowid   INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    layer       TEXT NOT NULL,
    ord         INTEGER NOT NULL,
    record_id   INTEGER,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    kind        TEXT,
    label       TEXT,
    data        TEXT NOT NULL,
    PRIMARY KEY (doc_rowid, layer, ord)
) WITHOUT ROWID;
CREATE INDEX annotations_by_kind ON annotations (layer, kind, label);

-- Events, with the fields users filter on as columns.
CREATE TABLE events (
    doc_rowid            INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    record_id            INTEGER NOT NULL,
    type                 TEXT NOT NULL,
    acled_event_type     TEXT,
    acled_sub_event_type TEXT,
    actor_country        TEXT,
    actor_sector         TEXT,
    target_country       TEXT,
    target_sector        TEXT,
    place_record         INTEGER,
    date_start           TEXT,
    date_end             TEXT,
    modality             TEXT NOT NULL,
    confidence           REAL NOT NULL,
    start                INTEGER NOT NULL,
    end                  INTEGER NOT NULL,
    data                 TEXT NOT NULL,
    PRIMARY KEY (doc_rowid, record_id)
) WITHOUT ROWID;
CREATE INDEX events_by_type ON events (type, date_start);

-- Input that never became a document, and stage failures of stored documents.
CREATE TABLE failures (
    seq         INTEGER PRIMARY KEY,
    origin      TEXT,
    doc_id      TEXT,
    stage       TEXT NOT NULL,
    message     TEXT NOT NULL,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX failures_by_doc ON failures (doc_id);

-- Full-text search over titles and texts (external content: the documents table).
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text, content = 'documents', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
