-- sitrep PostgreSQL schema, version 1 (everything the SQLite schema has after its version 3).
-- Offsets are byte offsets into documents.text; `json` is the document's sitrep/1 JSON, kept
-- as TEXT (not jsonb) so it reads back byte for byte. Text columns that are sorted or compared
-- use the "C" collation: the same byte order as SQLite, whatever the database's locale.
-- NUL characters, which PostgreSQL text cannot hold, are stored as spaces in the searchable
-- copies (documents.text, events.span_text); `json` keeps them escaped, so documents read back
-- unchanged.

CREATE TABLE documents (
    doc_key     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          TEXT COLLATE "C" NOT NULL UNIQUE,
    url         TEXT COLLATE "C",
    source      TEXT COLLATE "C",
    title       TEXT COLLATE "C",
    published   TEXT COLLATE "C",
    language    TEXT,
    media_type  TEXT NOT NULL,
    author      TEXT,
    origin      TEXT,
    text        TEXT NOT NULL,
    raw         BYTEA,
    alignment   TEXT,
    json        TEXT NOT NULL,
    json_hash   TEXT NOT NULL,
    failed      BOOLEAN NOT NULL DEFAULT FALSE,
    stored_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Full-text search: title (weight A) and text (weight B), no stemming, like SQLite's
    -- unicode61 tokenizer (but without folding diacritics).
    tsv         TSVECTOR GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple', coalesce(title, '')), 'A')
                    || setweight(to_tsvector('simple', text), 'B')) STORED
);
CREATE INDEX documents_published ON documents (published DESC NULLS LAST, id);
CREATE INDEX documents_tsv ON documents USING GIN (tsv);

-- One row per annotation record of every layer; `data` is the record's JSON. The fields the
-- place and entity listings group by are columns (SQLite reads them with json_extract).
CREATE TABLE annotations (
    doc_key     BIGINT NOT NULL REFERENCES documents (doc_key) ON DELETE CASCADE,
    layer       TEXT COLLATE "C" NOT NULL,
    ord         BIGINT NOT NULL,
    record_id   BIGINT,
    start_byte  BIGINT NOT NULL,
    end_byte    BIGINT NOT NULL,
    kind        TEXT COLLATE "C",
    label       TEXT COLLATE "C",
    country     TEXT COLLATE "C",
    lat         DOUBLE PRECISION,
    lon         DOUBLE PRECISION,
    geonames_id BIGINT,
    admin1      TEXT COLLATE "C",
    data        TEXT NOT NULL,
    PRIMARY KEY (doc_key, layer, ord)
);
CREATE INDEX annotations_by_kind ON annotations (layer, kind, label);

-- Events: the filter columns plus what a listing returns (the event's sitrep/1 JSON with span
-- texts, the text of its span, its place record, a lowercased search text).
CREATE TABLE events (
    doc_key              BIGINT NOT NULL REFERENCES documents (doc_key) ON DELETE CASCADE,
    record_id            BIGINT NOT NULL,
    type                 TEXT COLLATE "C" NOT NULL,
    acled_event_type     TEXT COLLATE "C",
    acled_sub_event_type TEXT COLLATE "C",
    actor_country        TEXT COLLATE "C",
    actor_sector         TEXT COLLATE "C",
    target_country       TEXT COLLATE "C",
    target_sector        TEXT COLLATE "C",
    place_record         BIGINT,
    date_start           TEXT COLLATE "C",
    date_end             TEXT COLLATE "C",
    modality             TEXT COLLATE "C" NOT NULL,
    confidence           DOUBLE PRECISION NOT NULL,
    start_byte           BIGINT NOT NULL,
    end_byte             BIGINT NOT NULL,
    lat                  DOUBLE PRECISION,
    lon                  DOUBLE PRECISION,
    data                 TEXT NOT NULL,
    span_text            TEXT NOT NULL,
    search_text          TEXT NOT NULL,
    place_data           TEXT,
    PRIMARY KEY (doc_key, record_id)
);
CREATE INDEX events_by_date ON events (date_start, doc_key, record_id);
CREATE INDEX events_by_type ON events (type, date_start);
CREATE INDEX events_by_actor_country ON events (actor_country);
CREATE INDEX events_by_target_country ON events (target_country);

-- Input that never became a document, and stage failures of stored documents.
CREATE TABLE failures (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    origin      TEXT,
    doc_id      TEXT COLLATE "C",
    stage       TEXT NOT NULL,
    message     TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX failures_by_doc ON failures (doc_id);

-- Corpus state (see the SQLite migration 3): signatures in first-seen order, copy links,
-- event clusters and their members.
CREATE TABLE corpus_entries (
    seq     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id  TEXT COLLATE "C" NOT NULL UNIQUE,
    data    BYTEA NOT NULL
);

CREATE TABLE corpus_links (
    doc     TEXT COLLATE "C" NOT NULL,
    kind    TEXT COLLATE "C" NOT NULL,
    of      TEXT COLLATE "C" NOT NULL,
    score   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (doc, kind, of)
);
CREATE INDEX corpus_links_of ON corpus_links (of);

CREATE TABLE event_clusters (
    id                  TEXT COLLATE "C" PRIMARY KEY,
    type                TEXT COLLATE "C" NOT NULL,
    date_start          TEXT COLLATE "C",
    date_end            TEXT COLLATE "C",
    reports             BIGINT NOT NULL,
    independent_sources BIGINT NOT NULL,
    data                TEXT NOT NULL
);
CREATE INDEX event_clusters_by_date ON event_clusters (date_start, id);

CREATE TABLE event_cluster_members (
    cluster_id  TEXT COLLATE "C" NOT NULL REFERENCES event_clusters (id) ON DELETE CASCADE,
    doc_id      TEXT COLLATE "C" NOT NULL,
    record_id   BIGINT NOT NULL,
    PRIMARY KEY (cluster_id, doc_id, record_id)
);
CREATE INDEX event_cluster_members_by_doc ON event_cluster_members (doc_id);
