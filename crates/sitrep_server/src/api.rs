//! JSON handlers.

use crate::params::{self, EVENT_FILTERS, MAX_LIMIT, Params};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};
use sitrep_span::OffsetIndex;
use sitrep_store::{DocRef, EventRow, Page};

/// The query string as name/value pairs, or an error naming the query.
pub(crate) type RawParams = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// Parses the query string, refusing names outside `allowed`.
pub(crate) fn parse(q: RawParams, allowed: &[&[&str]]) -> Result<Params, ApiError> {
    let Query(pairs) = q.map_err(|e| ApiError::bad("query", e.body_text()))?;
    Params::new(pairs, allowed)
}

pub(crate) async fn health() -> Json<Value> {
    Json(json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")}))
}

pub(crate) async fn not_found() -> ApiError {
    ApiError::NotFound("no such API endpoint; see /api/openapi.json".into())
}

pub(crate) async fn stats(
    State(state): State<AppState>,
    q: RawParams,
) -> Result<Response, ApiError> {
    parse(q, &[])?;
    let stats = state.blocking(|s| Ok(s.stats()?)).await?;
    Ok(Json(stats).into_response())
}

/// `GET /api/documents`: the newest documents, or search hits for `q`.
pub(crate) async fn documents(
    State(state): State<AppState>,
    q: RawParams,
) -> Result<Response, ApiError> {
    let p = parse(q, &[&["q", "offset", "limit"]])?;
    let offset = p.uint("offset", 0, u64::MAX >> 1)?;
    let limit = p.limit(50, MAX_LIMIT)?;
    let query = p.one("q")?.map(str::to_owned);
    let page = state
        .blocking(move |s| {
            Ok(match query {
                Some(query) => {
                    let hits = s.search_page(&query, offset, limit)?;
                    let items = hits
                        .items
                        .into_iter()
                        .map(|h| {
                            let mut v = serde_json::to_value(&h.doc)
                                .map_err(|e| ApiError::Internal(e.to_string()))?;
                            if let Value::Object(m) = &mut v {
                                m.insert("snippet".into(), Value::String(h.snippet));
                                m.insert("score".into(), json!(h.score));
                            }
                            Ok(v)
                        })
                        .collect::<Result<Vec<_>, ApiError>>()?;
                    Page {
                        total: hits.total,
                        offset,
                        limit,
                        items,
                    }
                }
                None => {
                    let total = s.document_count()?;
                    let items = s
                        .list_documents(offset, limit)?
                        .into_iter()
                        .map(serde_json::to_value)
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(|e| ApiError::Internal(e.to_string()))?;
                    Page {
                        total,
                        offset,
                        limit,
                        items,
                    }
                }
            })
        })
        .await?;
    Ok(Json(page).into_response())
}

/// `GET /api/documents/{id}`: the sitrep/1 document; `offsets=utf16` adds UTF-16 offsets.
pub(crate) async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
    q: RawParams,
) -> Result<Response, ApiError> {
    let p = parse(q, &[&["offsets"]])?;
    let utf16 = match p.one("offsets")? {
        None | Some("bytes") => false,
        Some("utf16") => true,
        Some(other) => {
            return Err(ApiError::bad(
                "offsets",
                format!("`{other}` is not `bytes` or `utf16`"),
            ));
        }
    };
    let id = params::doc_id("id", &id)?;
    let value = state
        .blocking(move |s| {
            let doc = s
                .get_document(&id)?
                .ok_or_else(|| ApiError::NotFound(format!("no document with id {id}")))?;
            let mut value = doc
                .to_json()
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            if utf16 {
                let index = OffsetIndex::new(doc.text());
                add_utf16(&mut value, &index);
                if let Value::Object(m) = &mut value {
                    m.insert("offsets".into(), Value::String("utf16".into()));
                }
            }
            Ok(value)
        })
        .await?;
    Ok(Json(value).into_response())
}

/// Adds `start_utf16` and `end_utf16` to every span object (integer `start`/`end` + `text`).
fn add_utf16(value: &mut Value, index: &OffsetIndex<'_>) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| add_utf16(v, index)),
        Value::Object(map) => {
            if let Some((s, e)) = span_of(map) {
                map.insert("start_utf16".into(), json!(index.utf16_offset(s)));
                map.insert("end_utf16".into(), json!(index.utf16_offset(e)));
            } else {
                for (k, v) in map.iter_mut() {
                    if k != "document" && k != "text" {
                        add_utf16(v, index);
                    }
                }
            }
        }
        _ => {}
    }
}

fn span_of(map: &Map<String, Value>) -> Option<(usize, usize)> {
    if !map.get("text").is_some_and(Value::is_string) {
        return None;
    }
    let s = usize::try_from(map.get("start")?.as_u64()?).ok()?;
    let e = usize::try_from(map.get("end")?.as_u64()?).ok()?;
    Some((s, e))
}

/// One event in a listing.
#[derive(Serialize)]
struct EventItem<'a> {
    /// The reporting document.
    doc: &'a DocRef,
    /// The sitrep/1 event, spans with their text.
    event: &'a RawValue,
    /// The trigger's UTF-16 offsets within the text of the event's span.
    trigger: Option<[usize; 2]>,
    /// The resolved place record.
    place: Option<&'a RawValue>,
}

fn raw(json: &str) -> Result<&RawValue, ApiError> {
    serde_json::from_str(json).map_err(|e| ApiError::Internal(e.to_string()))
}

fn trigger_in_text(row: &EventRow) -> Option<[usize; 2]> {
    let e = &row.event;
    let s = e.trigger.start.checked_sub(e.span.start)? as usize;
    let t = e.trigger.end.checked_sub(e.span.start)? as usize;
    let before = row.text.get(..s)?;
    let trigger = row.text.get(s..t)?;
    let a = before.encode_utf16().count();
    Some([a, a + trigger.encode_utf16().count()])
}

/// Serialises a page of events.
pub(crate) fn events_json(page: &Page<EventRow>) -> Result<String, ApiError> {
    let items = page
        .items
        .iter()
        .map(|r| {
            Ok(EventItem {
                doc: &r.doc,
                event: raw(&r.event_json)?,
                trigger: trigger_in_text(r),
                place: r.place_json.as_deref().map(raw).transpose()?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let out = Page {
        total: page.total,
        offset: page.offset,
        limit: page.limit,
        items,
    };
    serde_json::to_string(&out).map_err(|e| ApiError::Internal(e.to_string()))
}

fn json_response(body: String) -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// `GET /api/events`.
pub(crate) async fn events(
    State(state): State<AppState>,
    q: RawParams,
) -> Result<Response, ApiError> {
    let p = parse(q, &[EVENT_FILTERS, &["sort", "offset", "limit"]])?;
    let mut query = params::event_query(&p)?;
    params::event_sort(&p, &mut query)?;
    query.offset = p.uint("offset", 0, u64::MAX >> 1)?;
    query.limit = p.limit(50, MAX_LIMIT)?;
    let body = state
        .blocking(move |s| events_json(&s.events(&query)?))
        .await?;
    Ok(json_response(body))
}

/// `GET /api/events/timeline`: events per day and type.
pub(crate) async fn timeline(
    State(state): State<AppState>,
    q: RawParams,
) -> Result<Response, ApiError> {
    let p = parse(q, &[EVENT_FILTERS])?;
    let query = params::event_query(&p)?;
    let days = state
        .blocking(move |s| Ok(s.event_timeline(&query)?))
        .await?;
    let mut types: Vec<&str> = days.iter().map(|d| d.event_type.as_str()).collect();
    types.sort_unstable();
    types.dedup();
    let mut out: Vec<Value> = Vec::new();
    for d in &days {
        let same_day = out
            .last()
            .and_then(|v| v.get("day"))
            .and_then(Value::as_str)
            == Some(d.day.as_str());
        if !same_day {
            out.push(json!({"day": d.day, "total": 0, "counts": {}}));
        }
        if let Some(Value::Object(day)) = out.last_mut() {
            let total = day.get("total").and_then(Value::as_u64).unwrap_or(0);
            day.insert("total".into(), json!(total + d.count));
            if let Some(Value::Object(counts)) = day.get_mut("counts") {
                counts.insert(d.event_type.clone(), json!(d.count));
            }
        }
    }
    Ok(Json(json!({"types": types, "days": out})).into_response())
}

/// `GET /api/events/facets`.
pub(crate) async fn facets(
    State(state): State<AppState>,
    q: RawParams,
) -> Result<Response, ApiError> {
    let p = parse(q, &[EVENT_FILTERS])?;
    let query = params::event_query(&p)?;
    let facets = state.blocking(move |s| Ok(s.event_facets(&query)?)).await?;
    Ok(Json(facets).into_response())
}

/// `GET /api/places`.
pub(crate) async fn places(
    State(state): State<AppState>,
    q: RawParams,
) -> Result<Response, ApiError> {
    let p = parse(q, &[&["q", "country", "bbox", "doc", "offset", "limit"]])?;
    let mut query = params::place_query(&p)?;
    query.offset = p.uint("offset", 0, u64::MAX >> 1)?;
    query.limit = p.limit(100, MAX_LIMIT)?;
    let page = state.blocking(move |s| Ok(s.places(&query)?)).await?;
    Ok(Json(page).into_response())
}

/// `GET /api/entities`.
pub(crate) async fn entities(
    State(state): State<AppState>,
    q: RawParams,
) -> Result<Response, ApiError> {
    let p = parse(q, &[&["q", "kind", "country", "doc", "offset", "limit"]])?;
    let mut query = params::entity_query(&p)?;
    query.offset = p.uint("offset", 0, u64::MAX >> 1)?;
    query.limit = p.limit(100, MAX_LIMIT)?;
    let page = state.blocking(move |s| Ok(s.entities(&query)?)).await?;
    Ok(Json(page).into_response())
}

/// `GET /api/clusters`: real-world events, each reported by one or more documents, with the
/// number of independent sources and the values the reports disagree on.
pub(crate) async fn clusters(
    State(state): State<AppState>,
    q: RawParams,
) -> Result<Response, ApiError> {
    let p = parse(
        q,
        &[&[
            "type",
            "doc",
            "date_from",
            "date_to",
            "min_sources",
            "offset",
            "limit",
        ]],
    )?;
    let min_sources = p.uint("min_sources", 0, u64::from(u32::MAX))?;
    let query = sitrep_store::ClusterQuery {
        doc: p.doc()?,
        event_type: p.one("type")?.map(|t| t.to_ascii_uppercase()),
        from: p.date("date_from")?.map(|d| d.to_string()),
        to: p.date("date_to")?.map(|d| d.to_string()),
        min_sources: (min_sources > 0).then(|| u32::try_from(min_sources).unwrap_or(u32::MAX)),
        offset: p.uint("offset", 0, u64::MAX >> 1)?,
        limit: p.limit(50, MAX_LIMIT)?,
    };
    let page = state
        .blocking(move |s| Ok(s.event_clusters(&query)?))
        .await?;
    Ok(Json(page).into_response())
}

/// `GET /api/clusters/{id}`.
pub(crate) async fn cluster(
    State(state): State<AppState>,
    Path(id): Path<String>,
    q: RawParams,
) -> Result<Response, ApiError> {
    parse(q, &[])?;
    let ok = !id.is_empty()
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '-' || c == '_');
    if !ok {
        return Err(ApiError::bad("id", format!("`{id}` is not a cluster id")));
    }
    let cluster = state
        .blocking(move |s| {
            s.event_cluster(&id)?
                .ok_or_else(|| ApiError::NotFound(format!("no event cluster with id {id}")))
        })
        .await?;
    Ok(Json(cluster).into_response())
}
