//! Corpus state: similarity signatures, copy links and event clusters, safe with several
//! writers (see the crate documentation).

use crate::{
    Error, LOCK_CLUSTER_REVS, LOCK_CORPUS_ENTRIES, LOCK_SPACE, LOCK_SPACE_LINKS, json_err, to_i64,
    to_u64,
};
use postgres::types::ToSql;
use postgres::{Client, Transaction};
use sitrep_model::EventCluster;
use sitrep_store::{
    ClusterChange, ClusterQuery, CorpusEntry, CorpusLinkRow, LinkKind, Page, StoreError,
};

pub(crate) fn put_entries(tx: &mut Transaction<'_>, entries: &[CorpusEntry]) -> Result<(), Error> {
    // Numbering under one lock: sequence numbers commit in increasing order, so a reader that
    // pages by `seq` never skips an entry another writer commits later with a smaller number.
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, $2)",
        &[&LOCK_SPACE, &LOCK_CORPUS_ENTRIES],
    )?;
    // One statement, rows numbered in the order given.
    let ids: Vec<String> = entries.iter().map(|e| crate::pg_text(&e.doc_id)).collect();
    let data: Vec<&[u8]> = entries.iter().map(|e| e.data.as_slice()).collect();
    tx.execute(
        "INSERT INTO corpus_entries (doc_id, data)
         SELECT d, x FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(d, x, n)
         ORDER BY n
         ON CONFLICT (doc_id) DO NOTHING",
        &[&ids, &data],
    )?;
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
    for d in &docs {
        tx.execute(&lock, &[&LOCK_SPACE_LINKS, d])?;
    }
    tx.execute(
        "DELETE FROM corpus_links WHERE doc = ANY($1::text[])",
        &[&docs],
    )?;
    // One insert; of repeated (doc, kind, of) rows the last one's score wins.
    let mut rows: std::collections::BTreeMap<(String, &str, String), f64> =
        std::collections::BTreeMap::new();
    for l in links {
        rows.insert(
            (crate::pg_text(&l.doc), l.kind.name(), crate::pg_text(&l.of)),
            l.score,
        );
    }
    let mut doc = Vec::with_capacity(rows.len());
    let mut kind = Vec::with_capacity(rows.len());
    let mut of = Vec::with_capacity(rows.len());
    let mut score = Vec::with_capacity(rows.len());
    for ((d, k, o), sc) in rows {
        doc.push(d);
        kind.push(k);
        of.push(o);
        score.push(sc);
    }
    tx.execute(
        "INSERT INTO corpus_links (doc, kind, of, score)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[])",
        &[&doc, &kind, &of, &score],
    )?;
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

/// Writes clusters (ids distinct, in id order): the rows first in one upsert (which locks
/// them, in id order, so a second writer of the same cluster waits here until this transaction
/// ends), then the members: those no longer listed are deleted and new ones inserted, so a
/// cluster that grows by one report writes one member row, not all of them again. Three
/// statements however many clusters.
fn write_clusters(tx: &mut Transaction<'_>, clusters: &[&EventCluster]) -> Result<(), Error> {
    if clusters.is_empty() {
        return Ok(());
    }
    lock_revisions(tx)?;
    let mut ids = Vec::with_capacity(clusters.len());
    let mut types = Vec::with_capacity(clusters.len());
    let mut starts = Vec::with_capacity(clusters.len());
    let mut ends = Vec::with_capacity(clusters.len());
    let mut reports = Vec::with_capacity(clusters.len());
    let mut sources = Vec::with_capacity(clusters.len());
    let mut data = Vec::with_capacity(clusters.len());
    let (mut m_cluster, mut m_doc, mut m_event) = (Vec::new(), Vec::new(), Vec::new());
    for c in clusters {
        let id = crate::pg_text(&c.id);
        data.push(crate::pg_text(
            &serde_json::to_string(c).map_err(|e| json_err(&c.id, e))?,
        ));
        types.push(crate::pg_text(&c.event_type));
        starts.push(c.start.map(|d| d.to_string()));
        ends.push(c.end.map(|d| d.to_string()));
        reports.push(i64::from(c.reports));
        sources.push(i64::from(c.independent_sources));
        for m in &c.members {
            m_cluster.push(id.clone());
            m_doc.push(crate::pg_text(&m.doc));
            m_event.push(i64::from(m.event));
        }
        ids.push(id);
    }
    tx.execute(
        "INSERT INTO event_clusters (id, type, date_start, date_end, reports, independent_sources,
         data)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[],
                              $6::bigint[], $7::text[])
         ON CONFLICT (id) DO UPDATE SET type = excluded.type, date_start = excluded.date_start,
            date_end = excluded.date_end, reports = excluded.reports,
            independent_sources = excluded.independent_sources, data = excluded.data,
            rev = nextval('event_clusters_rev_seq')",
        &[&ids, &types, &starts, &ends, &reports, &sources, &data],
    )?;
    tx.execute(
        "DELETE FROM event_cluster_members m
         WHERE m.cluster_id = ANY($1::text[])
           AND (m.cluster_id, m.doc_id, m.record_id) NOT IN
               (SELECT * FROM unnest($2::text[], $3::text[], $4::bigint[]))",
        &[&ids, &m_cluster, &m_doc, &m_event],
    )?;
    tx.execute(
        "INSERT INTO event_cluster_members (cluster_id, doc_id, record_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
         ON CONFLICT DO NOTHING",
        &[&m_cluster, &m_doc, &m_event],
    )?;
    Ok(())
}

/// Cluster writes commit one after the other, so their revision numbers become visible in
/// increasing order: a reader paging by revision never skips a write that commits later with a
/// smaller number. Taken before any cluster row lock (writers never wait in a cycle).
fn lock_revisions(tx: &mut Transaction<'_>) -> Result<(), Error> {
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, $2)",
        &[&LOCK_SPACE, &LOCK_CLUSTER_REVS],
    )?;
    Ok(())
}

pub(crate) fn changed(
    c: &mut Client,
    after_rev: u64,
    limit: u64,
) -> Result<Vec<ClusterChange>, Error> {
    let limit = if limit == 0 { i64::MAX } else { to_i64(limit) };
    let rows = c.query(
        "SELECT rev, id, data FROM event_clusters WHERE rev > $1 ORDER BY rev LIMIT $2",
        &[&to_i64(after_rev), &limit],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: String = r.try_get(1)?;
        out.push(ClusterChange {
            rev: to_u64(r.try_get(0)?),
            cluster: parse_cluster(&id, &r.try_get::<_, String>(2)?)?,
        });
    }
    Ok(out)
}

fn write_cluster(tx: &mut Transaction<'_>, c: &EventCluster) -> Result<(), Error> {
    write_clusters(tx, &[c])
}

pub(crate) fn put_clusters(
    tx: &mut Transaction<'_>,
    clusters: &[EventCluster],
) -> Result<(), Error> {
    // In id order; a later copy of the same id in the call wins, as in SQLite.
    let mut by_id: std::collections::BTreeMap<&str, &EventCluster> =
        std::collections::BTreeMap::new();
    for c in clusters {
        by_id.insert(c.id.as_str(), c);
    }
    let order: Vec<&EventCluster> = by_id.into_values().collect();
    write_clusters(tx, &order)
}

pub(crate) fn update_clusters(
    tx: &mut Transaction<'_>,
    ids: &[&String],
    f: &mut impl FnMut(&str, Option<EventCluster>) -> Option<EventCluster>,
) -> Result<(), Error> {
    lock_revisions(tx)?;
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
