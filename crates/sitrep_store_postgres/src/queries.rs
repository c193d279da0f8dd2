//! The read queries of the HTTP API: events with filters, timeline, facets, places, entities.
//!
//! Filters are turned into SQL with `$n` parameters only; sort keys come from a fixed list.

use crate::{Error, json_err, to_i64, to_u64};
use postgres::Client;
use postgres::types::ToSql;
use sitrep_model::{Event, Place};
use sitrep_store::{
    DayCount, DocRef, EntityQuery, EntitySummary, EventFacets, EventQuery, EventRow, EventSort,
    Page, PlaceQuery, PlaceSummary, ValueCount,
};

type Param = Box<dyn ToSql + Sync + Send>;

/// A WHERE clause under construction; `?` in a clause becomes the next `$n`.
#[derive(Default)]
struct Filter {
    clauses: Vec<String>,
    params: Vec<Param>,
}

impl Filter {
    fn push(&mut self, clause: &str, params: Vec<Param>) {
        let mut n = self.params.len();
        let mut out = String::with_capacity(clause.len() + 8);
        for c in clause.chars() {
            if c == '?' {
                n += 1;
                out.push_str(&format!("${n}"));
            } else {
                out.push(c);
            }
        }
        self.clauses.push(out);
        self.params.extend(params);
    }

    fn any_of(&mut self, column: &str, values: &[String]) {
        if values.is_empty() {
            return;
        }
        self.push(
            &format!("{column} = ANY(?)"),
            vec![Box::new(values.to_vec())],
        );
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// The parameters, plus `extra` after them (`$n+1`...).
    fn args<'a>(&'a self, extra: &'a [&'a (dyn ToSql + Sync)]) -> Vec<&'a (dyn ToSql + Sync)> {
        self.params
            .iter()
            .map(|p| p.as_ref() as &(dyn ToSql + Sync))
            .chain(extra.iter().copied())
            .collect()
    }

    /// The number of the next parameter.
    fn next(&self) -> usize {
        self.params.len() + 1
    }
}

fn bbox_filter(f: &mut Filter, b: &sitrep_store::BBox, lat: &str, lon: &str) {
    f.push(
        &format!("{lat} BETWEEN ? AND ?"),
        vec![Box::new(b.min_lat), Box::new(b.max_lat)],
    );
    let op = if b.min_lon <= b.max_lon {
        format!("{lon} BETWEEN ? AND ?")
    } else {
        format!("({lon} >= ? OR {lon} <= ?)")
    };
    f.push(&op, vec![Box::new(b.min_lon), Box::new(b.max_lon)]);
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
        f.push("e.date_end >= ?", vec![Box::new(d.to_string())]);
    }
    if let Some(d) = q.date_to {
        f.push("e.date_start <= ?", vec![Box::new(d.to_string())]);
    }
    if let Some(text) = &q.text {
        let words: Vec<String> = text
            .to_lowercase()
            .split_whitespace()
            .map(crate::pg_text)
            .collect();
        if !words.is_empty() {
            let tests = vec!["strpos(e.search_text, ?) > 0"; words.len()].join(" AND ");
            f.push(
                &format!("({tests})"),
                words.into_iter().map(|w| Box::new(w) as Param).collect(),
            );
        }
    }
    if let Some(id) = &q.doc_id {
        f.push(
            "e.doc_key = (SELECT doc_key FROM documents WHERE id = ?)",
            vec![Box::new(id.clone())],
        );
    }
    if let Some(n) = q.min_sources {
        f.push(
            "EXISTS (SELECT 1 FROM event_cluster_members m
             JOIN event_clusters c ON c.id = m.cluster_id
             JOIN documents md ON md.id = m.doc_id
             WHERE md.doc_key = e.doc_key AND m.record_id = e.record_id
             AND c.independent_sources >= ?)",
            vec![Box::new(i64::from(n))],
        );
    }
    f
}

fn order_by(sort: EventSort, descending: bool) -> String {
    let dir = if descending { "DESC" } else { "ASC" };
    let column = match sort {
        EventSort::Date => {
            return if descending {
                "e.date_start DESC NULLS LAST, e.doc_key DESC, e.record_id DESC".into()
            } else {
                "e.date_start ASC NULLS LAST, e.doc_key ASC, e.record_id ASC".into()
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
        "{column} {dir} NULLS LAST, e.date_start DESC NULLS LAST, e.doc_key DESC, e.record_id DESC"
    )
}

/// Events matching the query, one page.
pub(crate) fn events(c: &mut Client, q: &EventQuery) -> Result<Page<EventRow>, Error> {
    let f = event_filter(q);
    let where_sql = f.sql();
    let total: i64 = c
        .query_one(
            &format!("SELECT count(*) FROM events e {where_sql}"),
            &f.args(&[]),
        )?
        .try_get(0)?;
    let n = f.next();
    let sql = format!(
        "SELECT d.id, d.title, d.url, d.source, d.published, e.data, e.span_text, e.place_data
         FROM events e JOIN documents d ON d.doc_key = e.doc_key
         {where_sql} ORDER BY {} LIMIT ${n} OFFSET ${}",
        order_by(q.sort, q.descending),
        n + 1
    );
    let (limit, offset) = (to_i64(q.limit), to_i64(q.offset));
    let rows = c.query(&sql, &f.args(&[&limit, &offset]))?;
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        let doc = DocRef {
            id: r.try_get(0)?,
            title: r.try_get(1)?,
            url: r.try_get(2)?,
            source: r.try_get(3)?,
            published: r.try_get(4)?,
        };
        let event_json: String = r.try_get(5)?;
        let text: String = r.try_get(6)?;
        let place_json: Option<String> = r.try_get(7)?;
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
pub(crate) fn event_timeline(c: &mut Client, q: &EventQuery) -> Result<Vec<DayCount>, Error> {
    let mut f = event_filter(q);
    f.push("e.date_start IS NOT NULL", vec![]);
    let sql = format!(
        "SELECT e.date_start, e.type, count(*) FROM events e {} GROUP BY 1, 2 ORDER BY 1, 2",
        f.sql()
    );
    let mut out = Vec::new();
    for r in c.query(&sql, &f.args(&[]))? {
        out.push(DayCount {
            day: r.try_get(0)?,
            event_type: r.try_get(1)?,
            count: to_u64(r.try_get(2)?),
        });
    }
    Ok(out)
}

fn counts(c: &mut Client, q: &EventQuery, column: &str) -> Result<Vec<ValueCount>, Error> {
    let mut f = event_filter(q);
    f.push(&format!("{column} IS NOT NULL"), vec![]);
    let sql = format!(
        "SELECT {column}, count(*) FROM events e {} GROUP BY 1 ORDER BY 2 DESC, 1",
        f.sql()
    );
    let mut out = Vec::new();
    for r in c.query(&sql, &f.args(&[]))? {
        out.push(ValueCount {
            value: r.try_get(0)?,
            count: to_u64(r.try_get(1)?),
        });
    }
    Ok(out)
}

/// Distinct values of the filter fields.
pub(crate) fn event_facets(c: &mut Client, q: &EventQuery) -> Result<EventFacets, Error> {
    let f = event_filter(q);
    let r = c.query_one(
        &format!(
            "SELECT min(e.date_start), max(e.date_end) FROM events e {}",
            f.sql()
        ),
        &f.args(&[]),
    )?;
    let (first_day, last_day) = (r.try_get(0)?, r.try_get(1)?);
    Ok(EventFacets {
        types: counts(c, q, "e.type")?,
        acled_types: counts(c, q, "e.acled_event_type")?,
        actor_countries: counts(c, q, "e.actor_country")?,
        target_countries: counts(c, q, "e.target_country")?,
        modalities: counts(c, q, "e.modality")?,
        first_day,
        last_day,
    })
}

fn like_pattern(text: &str) -> String {
    let escaped: String = crate::pg_text(text)
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

fn page_of<T>(
    c: &mut Client,
    inner: &str,
    f: &Filter,
    offset: u64,
    limit: u64,
    mut map: impl FnMut(&postgres::Row) -> Result<T, postgres::Error>,
) -> Result<Page<T>, Error> {
    let total: i64 = c
        .query_one(&format!("SELECT count(*) FROM ({inner}) t"), &f.args(&[]))?
        .try_get(0)?;
    let n = f.next();
    let (l, o) = (to_i64(limit), to_i64(offset));
    let rows = c.query(
        &format!("{inner} LIMIT ${n} OFFSET ${}", n + 1),
        &f.args(&[&l, &o]),
    )?;
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        items.push(map(r)?);
    }
    Ok(Page {
        total: to_u64(total),
        offset,
        limit,
        items,
    })
}

/// Places, aggregated by resolved location.
pub(crate) fn places(c: &mut Client, q: &PlaceQuery) -> Result<Page<PlaceSummary>, Error> {
    let mut f = Filter::default();
    f.push("a.layer = 'places'", vec![]);
    if let Some(name) = &q.name {
        f.push(
            "a.label ILIKE ? ESCAPE '\\'",
            vec![Box::new(like_pattern(name))],
        );
    }
    if let Some(country) = &q.country {
        f.push("a.country = ?", vec![Box::new(country.clone())]);
    }
    if let Some(b) = &q.bbox {
        bbox_filter(&mut f, b, "a.lat", "a.lon");
    }
    if let Some(id) = &q.doc_id {
        f.push(
            "a.doc_key = (SELECT doc_key FROM documents WHERE id = ?)",
            vec![Box::new(id.clone())],
        );
    }
    let inner = format!(
        "SELECT a.label, a.geonames_id, a.lat, a.lon, a.country, max(a.admin1), max(a.kind),
                count(*), count(DISTINCT a.doc_key)
         FROM annotations a {}
         GROUP BY a.label, a.geonames_id, a.lat, a.lon, a.country
         ORDER BY count(*) DESC, a.label NULLS FIRST, a.geonames_id NULLS FIRST,
                  a.lat NULLS FIRST, a.lon NULLS FIRST, a.country NULLS FIRST",
        f.sql()
    );
    page_of(c, &inner, &f, q.offset, q.limit, |r| {
        Ok(PlaceSummary {
            name: r.try_get::<_, Option<String>>(0)?.unwrap_or_default(),
            geonames_id: r
                .try_get::<_, Option<i64>>(1)?
                .and_then(|g| u64::try_from(g).ok()),
            lat: r.try_get(2)?,
            lon: r.try_get(3)?,
            country: r.try_get(4)?,
            admin1: r.try_get(5)?,
            precision: r.try_get(6)?,
            mentions: to_u64(r.try_get(7)?),
            documents: to_u64(r.try_get(8)?),
        })
    })
}

/// Entities, aggregated by canonical name, kind and country.
pub(crate) fn entities(c: &mut Client, q: &EntityQuery) -> Result<Page<EntitySummary>, Error> {
    let mut f = Filter::default();
    f.push("a.layer = 'entities'", vec![]);
    f.any_of("a.kind", &q.kinds);
    if let Some(name) = &q.name {
        f.push(
            "a.label ILIKE ? ESCAPE '\\'",
            vec![Box::new(like_pattern(name))],
        );
    }
    if let Some(country) = &q.country {
        f.push("a.country = ?", vec![Box::new(country.clone())]);
    }
    if let Some(id) = &q.doc_id {
        f.push(
            "a.doc_key = (SELECT doc_key FROM documents WHERE id = ?)",
            vec![Box::new(id.clone())],
        );
    }
    let inner = format!(
        "SELECT a.label, a.kind, a.country, count(*), count(DISTINCT a.doc_key)
         FROM annotations a {}
         GROUP BY a.label, a.kind, a.country
         ORDER BY count(*) DESC, a.label NULLS FIRST, a.kind NULLS FIRST, a.country NULLS FIRST",
        f.sql()
    );
    page_of(c, &inner, &f, q.offset, q.limit, |r| {
        Ok(EntitySummary {
            canonical: r.try_get::<_, Option<String>>(0)?.unwrap_or_default(),
            kind: r.try_get::<_, Option<String>>(1)?.unwrap_or_default(),
            country: r.try_get(2)?,
            mentions: to_u64(r.try_get(3)?),
            documents: to_u64(r.try_get(4)?),
        })
    })
}
