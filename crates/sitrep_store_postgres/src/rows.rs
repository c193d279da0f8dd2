//! Documents as rows: what one document writes (built once, outside the transaction), and the
//! batch write itself (id lookups in id order, then one bulk `unnest` insert per table).

use crate::{Error, enum_str, json_err, pg_text};
use postgres::Transaction;
use serde_json::Value;
use sitrep_model::{Document, Span};
use sitrep_store::{PutOutcome, StoreError};
use std::collections::BTreeMap;

/// One annotation record's row.
struct AnnRow {
    layer: &'static str,
    record_id: Option<i64>,
    span: Span,
    kind: Option<String>,
    label: Option<String>,
    country: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    geonames_id: Option<i64>,
    admin1: Option<String>,
    data: String,
}

/// One event's row.
struct EventRowData {
    record_id: i64,
    event_type: String,
    acled_event_type: Option<String>,
    acled_sub_event_type: Option<String>,
    actor_country: Option<String>,
    actor_sector: Option<String>,
    target_country: Option<String>,
    target_sector: Option<String>,
    place_record: Option<i64>,
    date_start: Option<String>,
    date_end: Option<String>,
    modality: String,
    confidence: f64,
    span: Span,
    lat: Option<f64>,
    lon: Option<f64>,
    data: String,
    span_text: String,
    search_text: String,
    place_data: Option<String>,
}

/// Everything one document writes.
pub(crate) struct Prepared {
    id: String,
    url: Option<String>,
    source: Option<String>,
    title: Option<String>,
    published: Option<String>,
    language: Option<String>,
    media_type: String,
    author: Option<String>,
    origin: Option<String>,
    text: String,
    raw: Option<Vec<u8>>,
    alignment: Option<String>,
    json: String,
    hash: String,
    failed: bool,
    annotations: Vec<AnnRow>,
    events: Vec<EventRowData>,
    failures: Vec<(String, String)>,
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(pg_text)
}

impl Prepared {
    pub(crate) fn new(doc: &Document) -> Result<Self, StoreError> {
        let id = doc.id();
        let value = doc.to_json().map_err(|e| json_err(id, e))?;
        let json = serde_json::to_string(&value).map_err(|e| json_err(id, e))?;
        let alignment = serde_json::to_string(doc.alignment()).map_err(|e| json_err(id, e))?;
        let raw = doc.has_distinct_raw().then(|| doc.raw());
        // Where a copy was read from is not part of what is stored (as in SQLite).
        let hash = sitrep_store::content_hash(&value, &alignment, raw);
        let m = &doc.meta;
        Ok(Self {
            id: id.to_owned(),
            url: opt(&m.url),
            source: opt(&m.source),
            title: opt(&m.title),
            published: m.published.map(|d| d.to_string()),
            language: opt(&m.language),
            media_type: pg_text(&m.media_type),
            author: opt(&m.author),
            origin: opt(&m.origin),
            text: pg_text(doc.text()),
            raw: raw.map(<[u8]>::to_vec),
            alignment: (!doc.alignment().is_identity()).then_some(alignment),
            json,
            hash,
            failed: !doc.failures.is_empty(),
            annotations: annotation_rows(doc)?,
            events: event_rows(doc, &value)?,
            failures: doc
                .failures
                .iter()
                .map(|f| (pg_text(&f.stage), pg_text(&f.message)))
                .collect(),
        })
    }
}

fn annotation_rows(doc: &Document) -> Result<Vec<AnnRow>, StoreError> {
    let id = doc.id();
    sitrep_store::layer_rows(doc)
        .into_iter()
        .map(|r| {
            let data = serde_json::to_value(r.record).map_err(|e| json_err(id, e))?;
            let s = |k: &str| data.get(k).and_then(Value::as_str).map(pg_text);
            let f = |k: &str| data.get(k).and_then(Value::as_f64);
            Ok(AnnRow {
                layer: r.layer,
                record_id: r.record_id.map(i64::from),
                span: r.span,
                kind: r.kind,
                label: r.label.map(pg_text),
                country: s("country"),
                lat: f("lat"),
                lon: f("lon"),
                geonames_id: data.get("geonames_id").and_then(Value::as_i64),
                admin1: s("admin1"),
                data: data.to_string(),
            })
        })
        .collect()
}

/// The event rows of a document: filter columns, the event's JSON with span texts, its
/// resolved place. `value` is the document's sitrep/1 JSON.
fn event_rows(doc: &Document, value: &Value) -> Result<Vec<EventRowData>, StoreError> {
    let id = doc.id();
    let event_values = value.get("events").and_then(Value::as_array);
    let place_values = value.get("places").and_then(Value::as_array);
    let mut out = Vec::with_capacity(doc.events.len());
    for (i, e) in doc.events.iter().enumerate() {
        let data = match event_values.and_then(|v| v.get(i)) {
            Some(v) => serde_json::to_string(v),
            None => serde_json::to_string(e),
        }
        .map_err(|err| json_err(id, err))?;
        let place = e
            .place
            .and_then(|p| doc.places.iter().position(|r| r.id == p));
        let place_record = place.and_then(|i| doc.places.get(i));
        let place_data = place
            .and_then(|i| place_values.and_then(|v| v.get(i)))
            .map(serde_json::to_string)
            .transpose()
            .map_err(|err| json_err(id, err))?;
        let (actor, target) = (e.actor.as_ref(), e.target.as_ref());
        let span_text = doc.span_text(e.span);
        let search_text = [
            Some(span_text),
            actor.map(|a| a.text.as_str()),
            target.map(|a| a.text.as_str()),
            place_record.map(|p| p.name.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
        let date = e.date.as_ref();
        out.push(EventRowData {
            record_id: i64::from(e.id),
            event_type: pg_text(&e.event_type),
            acled_event_type: opt(&e.acled_event_type),
            acled_sub_event_type: opt(&e.acled_sub_event_type),
            actor_country: actor.and_then(|a| opt(&a.country)),
            actor_sector: actor.and_then(|a| opt(&a.sector)),
            target_country: target.and_then(|a| opt(&a.country)),
            target_sector: target.and_then(|a| opt(&a.sector)),
            place_record: e.place.map(i64::from),
            date_start: date.and_then(|d| d.start).map(|d| d.to_string()),
            date_end: date.and_then(|d| d.end.or(d.start)).map(|d| d.to_string()),
            modality: enum_str(&e.modality).unwrap_or_default(),
            confidence: f64::from(e.confidence),
            span: e.span,
            lat: place_record.and_then(|p| p.lat),
            lon: place_record.and_then(|p| p.lon),
            data,
            span_text: pg_text(span_text),
            search_text: pg_text(&search_text),
            place_data,
        });
    }
    Ok(out)
}

/// Writes a batch in one transaction: one lookup of all ids (unlocked: unchanged documents
/// write nothing, not even a row lock; a changed one is locked before it is updated), one
/// bulk insert of the new documents (in id order, so concurrent batches lock rows in the same
/// order), updates of changed ones, then the layers of inserted or changed documents in bulk.
/// A document another writer inserts meanwhile is looked up again and compared, not duplicated.
pub(crate) fn put_batch(
    tx: &mut Transaction<'_>,
    docs: &[Prepared],
) -> Result<Vec<PutOutcome>, Error> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id).then(a.cmp(&b)));
    let mut out = vec![PutOutcome::Unchanged; docs.len()];
    let mut done = vec![false; docs.len()];
    // id -> (doc_key, stored hash), as this transaction sees it.
    let mut state: BTreeMap<&str, (i64, String)> = BTreeMap::new();
    let mut ids: Vec<&str> = order.iter().map(|&i| docs[i].id.as_str()).collect();
    ids.dedup();
    for row in tx.query(
        "SELECT id, doc_key, json_hash FROM documents WHERE id = ANY($1)",
        &[&ids],
    )? {
        let id: String = row.try_get(0)?;
        if let Some(&known) = ids.iter().find(|x| **x == id) {
            state.insert(known, (row.try_get(1)?, row.try_get(2)?));
        }
    }
    // doc_key -> the document whose layers to write (the last version in the batch).
    let mut to_write: BTreeMap<i64, usize> = BTreeMap::new();

    // New documents (first copy of each id), inserted in one statement.
    let mut new: Vec<usize> = Vec::new();
    for &i in &order {
        let id = docs[i].id.as_str();
        if !state.contains_key(id) && new.last().is_none_or(|&j| docs[j].id != id) {
            new.push(i);
        }
    }
    if !new.is_empty() {
        let col = |f: fn(&Prepared) -> Option<&str>| -> Vec<Option<&str>> {
            new.iter().map(|&i| f(&docs[i])).collect()
        };
        let rows = tx.query(
            "INSERT INTO documents (id, url, source, title, published, language, media_type,
             author, origin, text, raw, alignment, json, json_hash, failed)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bytea[],
                $12::text[], $13::text[], $14::text[], $15::bool[])
             ON CONFLICT (id) DO NOTHING RETURNING id, doc_key",
            &[
                &col(|d| Some(d.id.as_str())),
                &col(|d| d.url.as_deref()),
                &col(|d| d.source.as_deref()),
                &col(|d| d.title.as_deref()),
                &col(|d| d.published.as_deref()),
                &col(|d| d.language.as_deref()),
                &col(|d| Some(d.media_type.as_str())),
                &col(|d| d.author.as_deref()),
                &col(|d| d.origin.as_deref()),
                &col(|d| Some(d.text.as_str())),
                &new.iter()
                    .map(|&i| docs[i].raw.as_deref())
                    .collect::<Vec<_>>(),
                &col(|d| d.alignment.as_deref()),
                &col(|d| Some(d.json.as_str())),
                &col(|d| Some(d.hash.as_str())),
                &new.iter().map(|&i| docs[i].failed).collect::<Vec<_>>(),
            ],
        )?;
        let mut inserted: BTreeMap<String, i64> = BTreeMap::new();
        for r in rows {
            inserted.insert(r.try_get(0)?, r.try_get(1)?);
        }
        for &i in &new {
            let d = &docs[i];
            if let Some(&key) = inserted.get(&d.id) {
                state.insert(d.id.as_str(), (key, d.hash.clone()));
                to_write.insert(key, i);
                out[i] = PutOutcome::Inserted;
                done[i] = true;
            }
        }
    }

    let mut replaced: Vec<i64> = Vec::new();
    let mut replaced_ids: Vec<String> = Vec::new();
    let lock = tx.prepare("SELECT json_hash FROM documents WHERE doc_key = $1 FOR UPDATE")?;
    let update = tx.prepare(
        "UPDATE documents SET url=$2, source=$3, title=$4, published=$5, language=$6,
         media_type=$7, author=$8, origin=$9, text=$10, raw=$11, alignment=$12, json=$13,
         json_hash=$14, failed=$15, stored_at=now() WHERE doc_key=$1",
    )?;
    for &i in &order {
        if done[i] {
            continue;
        }
        let d = &docs[i];
        let (key, hash) = match state.get(d.id.as_str()) {
            Some(s) => s.clone(),
            None => {
                // Another writer inserted it after our lookup (or rolled back): settle it
                // one by one.
                match insert_or_lock(tx, d)? {
                    Lookup::Inserted(key) => {
                        state.insert(d.id.as_str(), (key, d.hash.clone()));
                        to_write.insert(key, i);
                        out[i] = PutOutcome::Inserted;
                        continue;
                    }
                    Lookup::Found(key, hash) => {
                        state.insert(d.id.as_str(), (key, hash.clone()));
                        (key, hash)
                    }
                }
            }
        };
        if hash == d.hash {
            out[i] = PutOutcome::Unchanged;
            continue;
        }
        // Changed: lock the row and look again (another writer may have just written it).
        let locked: String = tx.query_one(&lock, &[&key])?.try_get(0)?;
        if locked == d.hash {
            state.insert(d.id.as_str(), (key, locked));
            out[i] = PutOutcome::Unchanged;
            continue;
        }
        tx.execute(
            &update,
            &[
                &key,
                &d.url,
                &d.source,
                &d.title,
                &d.published,
                &d.language,
                &d.media_type,
                &d.author,
                &d.origin,
                &d.text,
                &d.raw,
                &d.alignment,
                &d.json,
                &d.hash,
                &d.failed,
            ],
        )?;
        state.insert(d.id.as_str(), (key, d.hash.clone()));
        if to_write.insert(key, i).is_none() {
            replaced.push(key);
            replaced_ids.push(d.id.clone());
        }
        out[i] = PutOutcome::Updated;
    }
    if !replaced.is_empty() {
        tx.execute(
            "DELETE FROM annotations WHERE doc_key = ANY($1)",
            &[&replaced],
        )?;
        tx.execute("DELETE FROM events WHERE doc_key = ANY($1)", &[&replaced])?;
        tx.execute(
            "DELETE FROM failures WHERE doc_id = ANY($1)",
            &[&replaced_ids],
        )?;
    }
    if !to_write.is_empty() {
        write_layers(tx, docs, &to_write)?;
    }
    Ok(out)
}

enum Lookup {
    Inserted(i64),
    Found(i64, String),
}

/// One document: its locked row if it exists, else inserted (looking again if another writer
/// inserts it first).
fn insert_or_lock(tx: &mut Transaction<'_>, d: &Prepared) -> Result<Lookup, Error> {
    loop {
        if let Some(row) = tx.query_opt(
            "SELECT doc_key, json_hash FROM documents WHERE id = $1 FOR UPDATE",
            &[&d.id],
        )? {
            return Ok(Lookup::Found(row.try_get(0)?, row.try_get(1)?));
        }
        let row = tx.query_opt(
            "INSERT INTO documents (id, url, source, title, published, language, media_type,
             author, origin, text, raw, alignment, json, json_hash, failed)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
             ON CONFLICT (id) DO NOTHING RETURNING doc_key",
            &[
                &d.id,
                &d.url,
                &d.source,
                &d.title,
                &d.published,
                &d.language,
                &d.media_type,
                &d.author,
                &d.origin,
                &d.text,
                &d.raw,
                &d.alignment,
                &d.json,
                &d.hash,
                &d.failed,
            ],
        )?;
        if let Some(row) = row {
            return Ok(Lookup::Inserted(row.try_get(0)?));
        }
    }
}

fn write_layers(
    tx: &mut Transaction<'_>,
    docs: &[Prepared],
    to_write: &BTreeMap<i64, usize>,
) -> Result<(), Error> {
    // Annotations.
    let mut keys = Vec::new();
    let mut layers = Vec::new();
    let mut ords = Vec::new();
    let mut record_ids = Vec::new();
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut kinds = Vec::new();
    let mut labels = Vec::new();
    let mut countries = Vec::new();
    let mut lats = Vec::new();
    let mut lons = Vec::new();
    let mut geonames = Vec::new();
    let mut admin1s = Vec::new();
    let mut datas = Vec::new();
    for (&key, &i) in to_write {
        let mut ord: BTreeMap<&str, i64> = BTreeMap::new();
        for r in &docs[i].annotations {
            let n = ord.entry(r.layer).or_insert(0);
            keys.push(key);
            layers.push(r.layer);
            ords.push(*n);
            *n += 1;
            record_ids.push(r.record_id);
            starts.push(i64::from(r.span.start));
            ends.push(i64::from(r.span.end));
            kinds.push(r.kind.as_deref());
            labels.push(r.label.as_deref());
            countries.push(r.country.as_deref());
            lats.push(r.lat);
            lons.push(r.lon);
            geonames.push(r.geonames_id);
            admin1s.push(r.admin1.as_deref());
            datas.push(r.data.as_str());
        }
    }
    if !keys.is_empty() {
        tx.execute(
            "INSERT INTO annotations (doc_key, layer, ord, record_id, start_byte, end_byte, kind,
             label, country, lat, lon, geonames_id, admin1, data)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[],
                $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::float8[],
                $11::float8[], $12::bigint[], $13::text[], $14::text[])",
            &[
                &keys,
                &layers,
                &ords,
                &record_ids,
                &starts,
                &ends,
                &kinds,
                &labels,
                &countries,
                &lats,
                &lons,
                &geonames,
                &admin1s,
                &datas,
            ],
        )?;
    }

    // Events.
    let mut keys = Vec::new();
    let mut rec = Vec::new();
    let mut types = Vec::new();
    let mut acled = Vec::new();
    let mut acled_sub = Vec::new();
    let mut actor_c = Vec::new();
    let mut actor_s = Vec::new();
    let mut target_c = Vec::new();
    let mut target_s = Vec::new();
    let mut place_rec = Vec::new();
    let mut d_start = Vec::new();
    let mut d_end = Vec::new();
    let mut modality = Vec::new();
    let mut conf = Vec::new();
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut lats = Vec::new();
    let mut lons = Vec::new();
    let mut datas = Vec::new();
    let mut span_texts = Vec::new();
    let mut search_texts = Vec::new();
    let mut place_datas = Vec::new();
    for (&key, &i) in to_write {
        for e in &docs[i].events {
            keys.push(key);
            rec.push(e.record_id);
            types.push(e.event_type.as_str());
            acled.push(e.acled_event_type.as_deref());
            acled_sub.push(e.acled_sub_event_type.as_deref());
            actor_c.push(e.actor_country.as_deref());
            actor_s.push(e.actor_sector.as_deref());
            target_c.push(e.target_country.as_deref());
            target_s.push(e.target_sector.as_deref());
            place_rec.push(e.place_record);
            d_start.push(e.date_start.as_deref());
            d_end.push(e.date_end.as_deref());
            modality.push(e.modality.as_str());
            conf.push(e.confidence);
            starts.push(i64::from(e.span.start));
            ends.push(i64::from(e.span.end));
            lats.push(e.lat);
            lons.push(e.lon);
            datas.push(e.data.as_str());
            span_texts.push(e.span_text.as_str());
            search_texts.push(e.search_text.as_str());
            place_datas.push(e.place_data.as_deref());
        }
    }
    if !keys.is_empty() {
        tx.execute(
            "INSERT INTO events (doc_key, record_id, type, acled_event_type, acled_sub_event_type,
             actor_country, actor_sector, target_country, target_sector, place_record,
             date_start, date_end, modality, confidence, start_byte, end_byte, lat, lon, data,
             span_text, search_text, place_data)
             SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[],
                $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[], $11::text[],
                $12::text[], $13::text[], $14::float8[], $15::bigint[], $16::bigint[],
                $17::float8[], $18::float8[], $19::text[], $20::text[], $21::text[], $22::text[])
             ON CONFLICT (doc_key, record_id) DO NOTHING",
            &[
                &keys,
                &rec,
                &types,
                &acled,
                &acled_sub,
                &actor_c,
                &actor_s,
                &target_c,
                &target_s,
                &place_rec,
                &d_start,
                &d_end,
                &modality,
                &conf,
                &starts,
                &ends,
                &lats,
                &lons,
                &datas,
                &span_texts,
                &search_texts,
                &place_datas,
            ],
        )?;
    }

    // Stage failures.
    let mut origins = Vec::new();
    let mut ids = Vec::new();
    let mut stages = Vec::new();
    let mut messages = Vec::new();
    for &i in to_write.values() {
        let d = &docs[i];
        for (stage, message) in &d.failures {
            origins.push(d.origin.as_deref());
            ids.push(d.id.as_str());
            stages.push(stage.as_str());
            messages.push(message.as_str());
        }
    }
    if !ids.is_empty() {
        tx.execute(
            "INSERT INTO failures (origin, doc_id, stage, message)
             SELECT o, d, s, m FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
                WITH ORDINALITY AS t(o, d, s, m, n) ORDER BY n",
            &[&origins, &ids, &stages, &messages],
        )?;
    }
    Ok(())
}
