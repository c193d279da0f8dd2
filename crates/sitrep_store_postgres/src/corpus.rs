//! Corpus state: similarity signatures, copy links and event clusters, safe with several
//! writers (see the crate documentation).

use crate::{Error, LOCK_CORPUS_ENTRIES, LOCK_SPACE, LOCK_SPACE_LINKS, json_err, to_i64, to_u64};
use postgres::types::ToSql;
use postgres::{Client, Transaction};
use sitrep_model::EventCluster;
use sitrep_store::{ClusterQuery, CorpusEntry, CorpusLinkRow, LinkKind, Page, StoreError};

pub(crate) fn put_entries(tx: &mut Transaction<'_>, entries: &[CorpusEntry]) -> Result<(), Error> {
    // Numbering under one lock: sequence numbers commit in increasing order, so a reader that
    // pages by `seq` never skips an entry another writer commits later with a smaller number.
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, $2)",
        &[&LOCK_SPACE, &LOCK_CORPUS_ENTRIES],
    )?;
    let ins = tx.prepare(
        "INSERT INTO corpus_entries (doc_id, data) VALUES ($1, $2) ON CONFLICT (doc_id) DO NOTHING",
    )?;
    for e in entries {
        tx.execute(&ins, &[&crate::pg_text(&e.doc_id), &e.data])?;
    }
    Ok(())
}

pub(crate) fn entries(
    c: &mut Client,
    after_seq: u64,
    limit: u64,
) -> Result<Vec<CorpusEntry>, Error> {
    let limit = if limit == 0 { i64::MAX } else { to_i64(limit) };
    let rows = c.query(
        "SELECT seq, doc_id, data FROM corpus_entries WHERE seq > $1 ORDER BY seq LIMIT $2",
        &[&to_i64(after_seq), &limit],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push(CorpusEntry {
            seq: to_u64(r.try_get(0)?),
            doc_id: r.try_get(1)?,
            data: r.try_get(2)?,
        });
    }
    Ok(out)
}

pub(crate) fn put_links(tx: &mut Transaction<'_>, links: &[CorpusLinkRow]) -> Result<(), Error> {
    // Lock each document's links (in doc order, so writers never wait on each other in a
    // cycle), then replace them: concurrent writers of one document serialize.
    let mut docs: Vec<&str> = links.iter().map(|l| l.doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    let lock = tx.prepare("SELECT pg_advisory_xact_lock($1, hashtext($2))")?;
    let del = tx.prepare("DELETE FROM corpus_links WHERE doc = $1")?;
    for d in &docs {
        tx.execute(&lock, &[&LOCK_SPACE_LINKS, d])?;
        tx.execute(&del, &[d])?;
    }
    let ins = tx.prepare(
        "INSERT INTO corpus_links (doc, kind, of, score) VALUES ($1, $2, $3, $4)
         ON CONFLICT (doc, kind, of) DO UPDATE SET score = excluded.score",
    )?;
    for l in links {
        tx.execute(
            &ins,
            &[
                &crate::pg_text(&l.doc),
                &l.kind.name(),
                &crate::pg_text(&l.of),
                &l.score,
            ],
        )?;
    }
    Ok(())
}

pub(crate) fn links(c: &mut Client, doc_id: &str) -> Result<Vec<CorpusLinkRow>, Error> {
    let rows = c.query(
        "SELECT doc, kind, of, score FROM corpus_links WHERE doc = $1 OR of = $1
         ORDER BY doc, kind, of",
        &[&doc_id],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let doc: String = r.try_get(0)?;
        let kind: String = r.try_get(1)?;
        let kind = LinkKind::from_name(&kind).ok_or_else(|| StoreError::Corrupt {
            id: doc.clone(),
            message: format!("unknown link kind {kind:?}"),
        })?;
        out.push(CorpusLinkRow {
            doc,
            kind,
            of: r.try_get(2)?,
            score: r.try_get(3)?,
        });
    }
    Ok(out)
}

/// Writes one cluster: the row first (the upsert locks it, so a second writer of the same
/// cluster waits here until this transaction ends), then its members.
fn write_cluster(tx: &mut Transaction<'_>, c: &EventCluster) -> Result<(), Error> {
    let data = serde_json::to_string(c).map_err(|e| json_err(&c.id, e))?;
    tx.execute(
        "INSERT INTO event_clusters (id, type, date_start, date_end, reports, independent_sources,
         data) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET type = excluded.type, date_start = excluded.date_start,
            date_end = excluded.date_end, reports = excluded.reports,
            independent_sources = excluded.independent_sources, data = excluded.data",
        &[
            &crate::pg_text(&c.id),
            &crate::pg_text(&c.event_type),
            &c.start.map(|d| d.to_string()),
            &c.end.map(|d| d.to_string()),
            &i64::from(c.reports),
            &i64::from(c.independent_sources),
            &crate::pg_text(&data),
        ],
    )?;
    tx.execute(
        "DELETE FROM event_cluster_members WHERE cluster_id = $1",
        &[&crate::pg_text(&c.id)],
    )?;
    let docs: Vec<String> = c.members.iter().map(|m| crate::pg_text(&m.doc)).collect();
    let events: Vec<i64> = c.members.iter().map(|m| i64::from(m.event)).collect();
    tx.execute(
        "INSERT INTO event_cluster_members (cluster_id, doc_id, record_id)
         SELECT $1, d, e FROM unnest($2::text[], $3::bigint[]) AS t(d, e)
         ON CONFLICT DO NOTHING",
        &[&crate::pg_text(&c.id), &docs, &events],
    )?;
    Ok(())
}

pub(crate) fn put_clusters(
    tx: &mut Transaction<'_>,
    clusters: &[EventCluster],
) -> Result<(), Error> {
    // In id order (stable: a later copy of the same id in the call wins, as in SQLite).
    let mut order: Vec<&EventCluster> = clusters.iter().collect();
    order.sort_by(|a, b| a.id.cmp(&b.id));
    for c in order {
        write_cluster(tx, c)?;
    }
    Ok(())
}

pub(crate) fn update_clusters(
    tx: &mut Transaction<'_>,
    ids: &[&String],
    f: &mut impl FnMut(&str, Option<EventCluster>) -> Option<EventCluster>,
) -> Result<(), Error> {
    for id in ids {
        let id = crate::pg_text(id);
        // Lock the row if it exists; if it does not, a concurrent creator is caught by the
        // upsert in `write_cluster` (the transaction is retried on a unique-key race).
        let row = tx.query_opt(
            "SELECT data FROM event_clusters WHERE id = $1 FOR UPDATE",
            &[&id],
        )?;
        let stored = match row {
            Some(r) => Some(parse_cluster(&id, &r.try_get::<_, String>(0)?)?),
            None => None,
        };
        let existed = stored.is_some();
        if let Some(mut next) = f(&id, stored) {
            next.id.clone_from(&id);
            if existed {
                write_cluster(tx, &next)?;
            } else {
                insert_new_cluster(tx, &next)?;
            }
        }
    }
    Ok(())
}

/// Inserts a cluster that was not there when we looked; fails with a unique violation (and the
/// write is retried, now seeing the other writer's cluster) if someone created it meanwhile.
fn insert_new_cluster(tx: &mut Transaction<'_>, c: &EventCluster) -> Result<(), Error> {
    let data = serde_json::to_string(c).map_err(|e| json_err(&c.id, e))?;
    tx.execute(
        "INSERT INTO event_clusters (id, type, date_start, date_end, reports, independent_sources,
         data) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &c.id,
            &crate::pg_text(&c.event_type),
            &c.start.map(|d| d.to_string()),
            &c.end.map(|d| d.to_string()),
            &i64::from(c.reports),
            &i64::from(c.independent_sources),
            &crate::pg_text(&data),
        ],
    )?;
    write_cluster(tx, c)
}

fn parse_cluster(id: &str, data: &str) -> Result<EventCluster, Error> {
    Ok(serde_json::from_str(data).map_err(|e| json_err(id, e))?)
}

pub(crate) fn clusters(c: &mut Client, q: &ClusterQuery) -> Result<Page<EventCluster>, Error> {
    let mut wheres: Vec<String> = Vec::new();
    let mut args: Vec<Box<dyn ToSql + Sync + Send>> = Vec::new();
    let mut n = 0;
    let mut mark = || {
        n += 1;
        format!("${n}")
    };
    if let Some(doc) = &q.doc {
        wheres.push(format!(
            "c.id IN (SELECT cluster_id FROM event_cluster_members WHERE doc_id = {})",
            mark()
        ));
        args.push(Box::new(doc.clone()));
    }
    if let Some(t) = &q.event_type {
        wheres.push(format!("c.type = {}", mark()));
        args.push(Box::new(t.clone()));
    }
    if let Some(from) = &q.from {
        wheres.push(format!("coalesce(c.date_end, c.date_start) >= {}", mark()));
        args.push(Box::new(from.clone()));
    }
    if let Some(to) = &q.to {
        wheres.push(format!("c.date_start <= {}", mark()));
        args.push(Box::new(to.clone()));
    }
    if let Some(min) = q.min_sources {
        wheres.push(format!("c.independent_sources >= {}", mark()));
        args.push(Box::new(i64::from(min)));
    }
    let filter = if wheres.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", wheres.join(" AND "))
    };
    let params: Vec<&(dyn ToSql + Sync)> = args
        .iter()
        .map(|p| p.as_ref() as &(dyn ToSql + Sync))
        .collect();
    // An unpaged query (the corpus stage's candidate lookups) counts what it returns: one
    // round trip and one scan fewer.
    let unpaged = q.limit == 0 && q.offset == 0;
    let total: i64 = if unpaged {
        0
    } else {
        c.query_one(
            &format!("SELECT count(*) FROM event_clusters c {filter}"),
            &params,
        )?
        .try_get(0)?
    };
    let limit = if q.limit == 0 {
        "ALL".to_owned()
    } else {
        to_i64(q.limit).to_string()
    };
    let sql = format!(
        "SELECT c.id, c.data FROM event_clusters c {filter}
         ORDER BY c.date_start ASC NULLS LAST, c.id LIMIT {limit} OFFSET {}",
        to_i64(q.offset)
    );
    let mut items = Vec::new();
    for r in c.query(&sql, &params)? {
        let id: String = r.try_get(0)?;
        let data: String = r.try_get(1)?;
        items.push(parse_cluster(&id, &data)?);
    }
    Ok(Page {
        total: if unpaged {
            items.len() as u64
        } else {
            to_u64(total)
        },
        offset: q.offset,
        limit: q.limit,
        items,
    })
}

pub(crate) fn cluster(c: &mut Client, id: &str) -> Result<Option<EventCluster>, Error> {
    match c.query_opt("SELECT data FROM event_clusters WHERE id = $1", &[&id])? {
        Some(r) => Ok(Some(parse_cluster(id, &r.try_get::<_, String>(0)?)?)),
        None => Ok(None),
    }
}
