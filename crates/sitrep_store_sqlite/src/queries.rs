//! The read queries of the HTTP API: events with filters, timeline, facets, places, entities.
//!
//! Filters are turned into SQL with `?` parameters only; sort keys come from a fixed list.

use crate::{backend, json_err, to_u64};
use rusqlite::Connection;
use rusqlite::types::Value as SqlValue;
use sitrep_model::{Event, Place};
use sitrep_store::{
    DayCount, DocRef, EntityQuery, EntitySummary, EventFacets, EventQuery, EventRow, EventSort,
    Page, PlaceQuery, PlaceSummary, StoreError, ValueCount,
};

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A WHERE clause under construction.
#[derive(Default)]
struct Filter {
    clauses: Vec<String>,
    params: Vec<SqlValue>,
}

impl Filter {
    fn push(&mut self, clause: impl Into<String>, params: impl IntoIterator<Item = SqlValue>) {
        self.clauses.push(clause.into());
        self.params.extend(params);
    }

    fn any_of(&mut self, column: &str, values: &[String]) {
        if values.is_empty() {
            return;
        }
        let marks = vec!["?"; values.len()].join(", ");
        self.push(
            format!("{column} IN ({marks})"),
            values.iter().map(|v| SqlValue::Text(v.clone())),
        );
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }
}

fn bbox_filter(f: &mut Filter, b: &sitrep_store::BBox, lat: &str, lon: &str) {
    f.push(
        format!("{lat} BETWEEN ? AND ?"),
        [SqlValue::Real(b.min_lat), SqlValue::Real(b.max_lat)],
    );
    let op = if b.min_lon <= b.max_lon {
        format!("{lon} BETWEEN ? AND ?")
    } else {
        format!("({lon} >= ? OR {lon} <= ?)")
    };
    f.push(op, [SqlValue::Real(b.min_lon), SqlValue::Real(b.max_lon)]);
}

fn event_filter(q: &EventQuery) -> Filter {
    let mut f = Filter::default();
    f.any_of("e.type", &q.types);
    f.any_of("e.acled_event_type", &q.acled_types);
    f.any_of("e.actor_country", &q.actor_countries);
    f.any_of("e.target_country", &q.target_countries);
    f.any_of("e.modality", &q.modalities);
    if let Some(b) = &q.bbox {
        bbox_filter(&mut f, b, "e.lat", "e.lon");
    }
    if let Some(d) = q.date_from {
        f.push("e.date_end >= ?", [SqlValue::Text(d.to_string())]);
    }
    if let Some(d) = q.date_to {
        f.push("e.date_start <= ?", [SqlValue::Text(d.to_string())]);
    }
    if let Some(text) = &q.text {
        let words: Vec<String> = text
            .to_lowercase()
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        if !words.is_empty() {
            let tests = vec!["instr(r.search_text, ?) > 0"; words.len()].join(" AND ");
            f.push(
                format!(
                    "EXISTS (SELECT 1 FROM event_records r WHERE r.doc_rowid = e.doc_rowid
                     AND r.record_id = e.record_id AND {tests})"
                ),
                words.into_iter().map(SqlValue::Text),
            );
        }
    }
    if let Some(id) = &q.doc_id {
        f.push(
            "e.doc_rowid = (SELECT rowid FROM documents WHERE id = ?)",
            [SqlValue::Text(id.clone())],
        );
    }
    if let Some(n) = q.min_sources {
        f.push(
            "EXISTS (SELECT 1 FROM event_cluster_members m
             JOIN event_clusters c ON c.id = m.cluster_id
             JOIN documents md ON md.id = m.doc_id
             WHERE md.rowid = e.doc_rowid AND m.record_id = e.record_id
             AND c.independent_sources >= ?)",
            [SqlValue::Integer(i64::from(n))],
        );
    }
    f
}

fn order_by(sort: EventSort, descending: bool) -> String {
    let dir = if descending { "DESC" } else { "ASC" };
    let column = match sort {
        EventSort::Date => {
            // Walks the (date_start, doc_rowid, record_id) index; undated events come last.
            return if descending {
                "e.date_start DESC, e.doc_rowid DESC, e.record_id DESC".into()
            } else {
                "e.date_start IS NULL, e.date_start ASC, e.doc_rowid ASC, e.record_id ASC".into()
            };
        }
        EventSort::Type => "e.type",
        EventSort::AcledType => "e.acled_event_type",
        EventSort::ActorCountry => "e.actor_country",
        EventSort::TargetCountry => "e.target_country",
        EventSort::Modality => "e.modality",
        EventSort::Confidence => "e.confidence",
        EventSort::Published => "d.published",
    };
    format!(
        "{column} IS NULL, {column} {dir}, e.date_start DESC, e.doc_rowid DESC, e.record_id DESC"
    )
}

/// Events matching the query, one page.
pub(crate) fn events(conn: &Connection, q: &EventQuery) -> Result<Page<EventRow>, StoreError> {
    let f = event_filter(q);
    let where_sql = f.sql();
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM events e {where_sql}"))
        .and_then(|mut s| s.query_row(rusqlite::params_from_iter(&f.params), |r| r.get(0)))
        .map_err(backend)?;
    // First the keys of the page, from the narrow `events` rows and their indexes; then the
    // records of just those events.
    let join = if q.sort == EventSort::Published {
        "JOIN documents d ON d.rowid = e.doc_rowid"
    } else {
        ""
    };
    let sql = format!(
        "SELECT e.doc_rowid, e.record_id FROM events e {join}
         {where_sql} ORDER BY {} LIMIT ? OFFSET ?",
        order_by(q.sort, q.descending)
    );
    let mut params = f.params.clone();
    params.push(SqlValue::Integer(to_i64(q.limit)));
    params.push(SqlValue::Integer(to_i64(q.offset)));
    let keys: Vec<(i64, i64)> = {
        let mut stmt = conn.prepare_cached(&sql).map_err(backend)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(&params), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)?
    };
    let mut stmt = conn
        .prepare_cached(
            "SELECT d.id, d.title, d.url, d.source, d.published, r.data, r.span_text, r.place_data
             FROM event_records r JOIN documents d ON d.rowid = r.doc_rowid
             WHERE r.doc_rowid = ?1 AND r.record_id = ?2",
        )
        .map_err(backend)?;
    let mut items = Vec::with_capacity(keys.len());
    for key in keys {
        let row = stmt
            .query_row(rusqlite::params![key.0, key.1], |r| {
                Ok((
                    DocRef {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        url: r.get(2)?,
                        source: r.get(3)?,
                        published: r.get(4)?,
                    },
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                ))
            })
            .map_err(backend)?;
        let (doc, event_json, text, place_json) = row;
        let event: Event = serde_json::from_str(&event_json).map_err(|e| json_err(&doc.id, e))?;
        let place: Option<Place> = place_json
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| json_err(&doc.id, e))?;
        items.push(EventRow {
            doc,
            event,
            event_json,
            text,
            place,
            place_json,
        });
    }
    Ok(Page {
        total: to_u64(total),
        offset: q.offset,
        limit: q.limit,
        items,
    })
}

/// Events per first day and type.
pub(crate) fn event_timeline(
    conn: &Connection,
    q: &EventQuery,
) -> Result<Vec<DayCount>, StoreError> {
    let mut f = event_filter(q);
    f.push("e.date_start IS NOT NULL", []);
    let sql = format!(
        "SELECT e.date_start, e.type, count(*) FROM events e {} GROUP BY 1, 2 ORDER BY 1, 2",
        f.sql()
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(backend)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(&f.params), |r| {
            Ok(DayCount {
                day: r.get(0)?,
                event_type: r.get(1)?,
                count: to_u64(r.get(2)?),
            })
        })
        .map_err(backend)?;
    rows.collect::<Result<_, _>>().map_err(backend)
}

fn counts(conn: &Connection, f: &Filter, column: &str) -> Result<Vec<ValueCount>, StoreError> {
    let mut f2 = Filter {
        clauses: f.clauses.clone(),
        params: f.params.clone(),
    };
    f2.push(format!("{column} IS NOT NULL"), []);
    let sql = format!(
        "SELECT {column}, count(*) FROM events e {} GROUP BY 1 ORDER BY 2 DESC, 1",
        f2.sql()
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(backend)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(&f2.params), |r| {
            Ok(ValueCount {
                value: r.get(0)?,
                count: to_u64(r.get(1)?),
            })
        })
        .map_err(backend)?;
    rows.collect::<Result<_, _>>().map_err(backend)
}

/// Distinct values of the filter fields.
pub(crate) fn event_facets(conn: &Connection, q: &EventQuery) -> Result<EventFacets, StoreError> {
    let f = event_filter(q);
    let (first_day, last_day) = conn
        .prepare_cached(&format!(
            "SELECT min(e.date_start), max(e.date_end) FROM events e {}",
            f.sql()
        ))
        .and_then(|mut s| {
            s.query_row(rusqlite::params_from_iter(&f.params), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
        })
        .map_err(backend)?;
    Ok(EventFacets {
        types: counts(conn, &f, "e.type")?,
        acled_types: counts(conn, &f, "e.acled_event_type")?,
        actor_countries: counts(conn, &f, "e.actor_country")?,
        target_countries: counts(conn, &f, "e.target_country")?,
        modalities: counts(conn, &f, "e.modality")?,
        first_day,
        last_day,
    })
}

fn like_pattern(text: &str) -> String {
    let escaped: String = text
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

fn page_of<T>(
    conn: &Connection,
    inner: &str,
    f: &Filter,
    offset: u64,
    limit: u64,
    map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Page<T>, StoreError> {
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM ({inner})"))
        .and_then(|mut s| s.query_row(rusqlite::params_from_iter(&f.params), |r| r.get(0)))
        .map_err(backend)?;
    let mut params = f.params.clone();
    params.push(SqlValue::Integer(to_i64(limit)));
    params.push(SqlValue::Integer(to_i64(offset)));
    let mut stmt = conn
        .prepare_cached(&format!("{inner} LIMIT ? OFFSET ?"))
        .map_err(backend)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(&params), map)
        .map_err(backend)?;
    Ok(Page {
        total: to_u64(total),
        offset,
        limit,
        items: rows.collect::<Result<_, _>>().map_err(backend)?,
    })
}

/// Places, aggregated by resolved location.
pub(crate) fn places(conn: &Connection, q: &PlaceQuery) -> Result<Page<PlaceSummary>, StoreError> {
    let mut f = Filter::default();
    f.push("a.layer = 'places'", []);
    if let Some(name) = &q.name {
        f.push(
            "a.label LIKE ? ESCAPE '\\'",
            [SqlValue::Text(like_pattern(name))],
        );
    }
    if let Some(c) = &q.country {
        f.push(
            "json_extract(a.data, '$.country') = ?",
            [SqlValue::Text(c.clone())],
        );
    }
    if let Some(b) = &q.bbox {
        bbox_filter(
            &mut f,
            b,
            "json_extract(a.data, '$.lat')",
            "json_extract(a.data, '$.lon')",
        );
    }
    if let Some(id) = &q.doc_id {
        f.push(
            "a.doc_rowid = (SELECT rowid FROM documents WHERE id = ?)",
            [SqlValue::Text(id.clone())],
        );
    }
    let inner = format!(
        "SELECT a.label, json_extract(a.data, '$.geonames_id') AS g,
                json_extract(a.data, '$.lat') AS lat, json_extract(a.data, '$.lon') AS lon,
                json_extract(a.data, '$.country') AS c, max(json_extract(a.data, '$.admin1')),
                max(a.kind), count(*), count(DISTINCT a.doc_rowid)
         FROM annotations a {}
         GROUP BY a.label, g, lat, lon, c ORDER BY count(*) DESC, a.label, g, lat, lon, c",
        f.sql()
    );
    page_of(conn, &inner, &f, q.offset, q.limit, |r| {
        Ok(PlaceSummary {
            name: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
            geonames_id: r
                .get::<_, Option<i64>>(1)?
                .and_then(|g| u64::try_from(g).ok()),
            lat: r.get(2)?,
            lon: r.get(3)?,
            country: r.get(4)?,
            admin1: r.get(5)?,
            precision: r.get(6)?,
            mentions: to_u64(r.get(7)?),
            documents: to_u64(r.get(8)?),
        })
    })
}

/// Entities, aggregated by canonical name, kind and country.
pub(crate) fn entities(
    conn: &Connection,
    q: &EntityQuery,
) -> Result<Page<EntitySummary>, StoreError> {
    let mut f = Filter::default();
    f.push("a.layer = 'entities'", []);
    f.any_of("a.kind", &q.kinds);
    if let Some(name) = &q.name {
        f.push(
            "a.label LIKE ? ESCAPE '\\'",
            [SqlValue::Text(like_pattern(name))],
        );
    }
    if let Some(c) = &q.country {
        f.push(
            "json_extract(a.data, '$.country') = ?",
            [SqlValue::Text(c.clone())],
        );
    }
    if let Some(id) = &q.doc_id {
        f.push(
            "a.doc_rowid = (SELECT rowid FROM documents WHERE id = ?)",
            [SqlValue::Text(id.clone())],
        );
    }
    let inner = format!(
        "SELECT a.label, a.kind, json_extract(a.data, '$.country') AS c, count(*),
                count(DISTINCT a.doc_rowid)
         FROM annotations a {}
         GROUP BY a.label, a.kind, c ORDER BY count(*) DESC, a.label, a.kind, c",
        f.sql()
    );
    page_of(conn, &inner, &f, q.offset, q.limit, |r| {
        Ok(EntitySummary {
            canonical: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
            kind: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            country: r.get(2)?,
            mentions: to_u64(r.get(3)?),
            documents: to_u64(r.get(4)?),
        })
    })
}
