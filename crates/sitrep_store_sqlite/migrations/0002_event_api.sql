-- sitrep SQLite schema, version 2: what the HTTP API filters events by and returns.
-- `events` keeps only the narrow filter columns (so counting and filtering stay fast) plus the
-- resolved place's coordinates; `event_records` holds what a listing returns: the event's
-- sitrep/1 JSON with span texts, the text of its span, its place record, and a lowercased
-- search text (sentence, actor, target, place name) for the `text` filter.
-- Event rows are rebuilt from the documents' JSON right after this migration.

ALTER TABLE events ADD COLUMN lat REAL;
ALTER TABLE events ADD COLUMN lon REAL;
ALTER TABLE events DROP COLUMN data;

CREATE TABLE event_records (
    id          INTEGER PRIMARY KEY,
    doc_rowid   INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    record_id   INTEGER NOT NULL,
    data        TEXT NOT NULL,
    span_text   TEXT NOT NULL,
    search_text TEXT NOT NULL,
    place_data  TEXT,
    UNIQUE (doc_rowid, record_id)
);

-- Newest-first listings walk this index and stop after a page.
CREATE INDEX events_by_date ON events (date_start, doc_rowid, record_id);
-- Every filter column: filtered counts and pages are answered from the index alone.
CREATE INDEX events_filter ON events (type, actor_country, target_country, acled_event_type,
    modality, date_start, date_end, lat, lon, confidence);
CREATE INDEX events_by_actor_country ON events (actor_country);
CREATE INDEX events_by_target_country ON events (target_country);
