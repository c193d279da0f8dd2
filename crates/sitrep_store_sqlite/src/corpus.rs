//! Corpus state: similarity signatures, copy links and event clusters (migration 3).

use crate::{backend, json_err, to_u64};
use rusqlite::{Connection, OptionalExtension, params};
use sitrep_model::EventCluster;
use sitrep_store::{ClusterQuery, CorpusEntry, CorpusLinkRow, LinkKind, Page, StoreError};

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub(crate) fn put_entries(
    conn: &mut Connection,
    entries: &[CorpusEntry],
) -> Result<(), StoreError> {
    let tx = conn.transaction().map_err(backend)?;
    {
        let mut ins = tx
            .prepare_cached("INSERT OR IGNORE INTO corpus_entries (doc_id, data) VALUES (?1, ?2)")
            .map_err(backend)?;
        for e in entries {
            ins.execute(params![e.doc_id, e.data]).map_err(backend)?;
        }
    }
    tx.commit().map_err(backend)
}

pub(crate) fn entries(
    conn: &Connection,
    after_seq: u64,
    limit: u64,
) -> Result<Vec<CorpusEntry>, StoreError> {
    let limit = if limit == 0 { i64::MAX } else { to_i64(limit) };
    let mut stmt = conn
        .prepare_cached(
            "SELECT seq, doc_id, data FROM corpus_entries WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )
        .map_err(backend)?;
    let rows = stmt
        .query_map(params![to_i64(after_seq), limit], |r| {
            Ok(CorpusEntry {
                seq: to_u64(r.get(0)?),
                doc_id: r.get(1)?,
                data: r.get(2)?,
            })
        })
        .map_err(backend)?;
    rows.collect::<Result<_, _>>().map_err(backend)
}

pub(crate) fn put_links(conn: &mut Connection, links: &[CorpusLinkRow]) -> Result<(), StoreError> {
    let tx = conn.transaction().map_err(backend)?;
    {
        let mut del = tx
            .prepare_cached("DELETE FROM corpus_links WHERE doc = ?1")
            .map_err(backend)?;
        let mut seen = std::collections::BTreeSet::new();
        for l in links {
            if seen.insert(l.doc.as_str()) {
                del.execute([&l.doc]).map_err(backend)?;
            }
        }
        let mut ins = tx
            .prepare_cached(
                "INSERT OR REPLACE INTO corpus_links (doc, kind, of, score) VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(backend)?;
        for l in links {
            ins.execute(params![l.doc, l.kind.name(), l.of, l.score])
                .map_err(backend)?;
        }
    }
    tx.commit().map_err(backend)
}

pub(crate) fn links(conn: &Connection, doc_id: &str) -> Result<Vec<CorpusLinkRow>, StoreError> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT doc, kind, of, score FROM corpus_links WHERE doc = ?1 OR of = ?1
             ORDER BY doc, kind, of",
        )
        .map_err(backend)?;
    let rows = stmt
        .query_map([doc_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, f64>(3)?,
            ))
        })
        .map_err(backend)?;
    let mut out = Vec::new();
    for row in rows {
        let (doc, kind, of, score) = row.map_err(backend)?;
        let kind = LinkKind::from_name(&kind).ok_or_else(|| StoreError::Corrupt {
            id: doc.clone(),
            message: format!("unknown link kind {kind:?}"),
        })?;
        out.push(CorpusLinkRow {
            doc,
            kind,
            of,
            score,
        });
    }
    Ok(out)
}

pub(crate) fn put_clusters(
    conn: &mut Connection,
    clusters: &[EventCluster],
) -> Result<(), StoreError> {
    let tx = conn.transaction().map_err(backend)?;
    {
        let mut del = tx
            .prepare_cached("DELETE FROM event_cluster_members WHERE cluster_id = ?1")
            .map_err(backend)?;
        let mut ins = tx
            .prepare_cached(
                "INSERT OR REPLACE INTO event_clusters
                 (id, type, date_start, date_end, reports, independent_sources, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .map_err(backend)?;
        let mut member = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO event_cluster_members (cluster_id, doc_id, record_id)
                 VALUES (?1, ?2, ?3)",
            )
            .map_err(backend)?;
        for c in clusters {
            let data = serde_json::to_string(c).map_err(|e| json_err(&c.id, e))?;
            del.execute([&c.id]).map_err(backend)?;
            ins.execute(params![
                c.id,
                c.event_type,
                c.start.map(|d| d.to_string()),
                c.end.map(|d| d.to_string()),
                c.reports,
                c.independent_sources,
                data
            ])
            .map_err(backend)?;
            for m in &c.members {
                member
                    .execute(params![c.id, m.doc, m.event])
                    .map_err(backend)?;
            }
        }
    }
    tx.commit().map_err(backend)
}

fn parse_cluster(id: &str, data: &str) -> Result<EventCluster, StoreError> {
    serde_json::from_str(data).map_err(|e| json_err(id, e))
}

pub(crate) fn clusters(
    conn: &Connection,
    q: &ClusterQuery,
) -> Result<Page<EventCluster>, StoreError> {
    let mut wheres: Vec<&str> = Vec::new();
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    use rusqlite::types::Value as V;
    if let Some(doc) = &q.doc {
        wheres.push("c.id IN (SELECT cluster_id FROM event_cluster_members WHERE doc_id = ?)");
        args.push(V::Text(doc.clone()));
    }
    if let Some(t) = &q.event_type {
        wheres.push("c.type = ?");
        args.push(V::Text(t.clone()));
    }
    if let Some(from) = &q.from {
        wheres.push("coalesce(c.date_end, c.date_start) >= ?");
        args.push(V::Text(from.clone()));
    }
    if let Some(to) = &q.to {
        wheres.push("c.date_start <= ?");
        args.push(V::Text(to.clone()));
    }
    if let Some(n) = q.min_sources {
        wheres.push("c.independent_sources >= ?");
        args.push(V::Integer(i64::from(n)));
    }
    let filter = if wheres.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", wheres.join(" AND "))
    };
    let total: i64 = conn
        .query_row(
            &format!("SELECT count(*) FROM event_clusters c {filter}"),
            rusqlite::params_from_iter(args.iter()),
            |r| r.get(0),
        )
        .map_err(backend)?;
    let limit = if q.limit == 0 {
        i64::MAX
    } else {
        to_i64(q.limit)
    };
    let sql = format!(
        "SELECT c.id, c.data FROM event_clusters c {filter}
         ORDER BY c.date_start IS NULL, c.date_start, c.id LIMIT {limit} OFFSET {}",
        to_i64(q.offset)
    );
    let mut stmt = conn.prepare(&sql).map_err(backend)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .map_err(backend)?;
    let mut items = Vec::new();
    for row in rows {
        let (id, data) = row.map_err(backend)?;
        items.push(parse_cluster(&id, &data)?);
    }
    Ok(Page {
        total: to_u64(total),
        offset: q.offset,
        limit: q.limit,
        items,
    })
}

pub(crate) fn cluster(conn: &Connection, id: &str) -> Result<Option<EventCluster>, StoreError> {
    let data: Option<String> = conn
        .query_row("SELECT data FROM event_clusters WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()
        .map_err(backend)?;
    data.map(|d| parse_cluster(id, &d)).transpose()
}
