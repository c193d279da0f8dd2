-- Every write of an event cluster takes the next revision number, and cluster writes commit in
-- revision order (under an advisory lock), so a worker that keeps clusters in memory asks only
-- for those written after the last revision it saw instead of reading candidates back.
CREATE SEQUENCE event_clusters_rev_seq;
ALTER TABLE event_clusters ADD COLUMN rev BIGINT NOT NULL DEFAULT nextval('event_clusters_rev_seq');
CREATE INDEX event_clusters_by_rev ON event_clusters (rev);
