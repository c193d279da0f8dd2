-- The corpus stage looks up the clusters of one event type whose date range reaches a given
-- day: `type = $1 AND coalesce(date_end, date_start) >= $2 AND date_start <= $3`. Indexing the
-- range end per type keeps that lookup from scanning every older cluster of the type.
CREATE INDEX event_clusters_by_type_end ON event_clusters (type, (coalesce(date_end, date_start)));
