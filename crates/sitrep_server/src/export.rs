//! Exports: events as CSV with ACLED-style columns, events and places as GeoJSON.

use crate::api::{RawParams, parse};
use crate::params::{self, EVENT_FILTERS, MAX_EXPORT, MAX_LIMIT};
use crate::{ApiError, AppState};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use sitrep_model::Precision;
use sitrep_store::{EventQuery, EventRow, Store};

/// Reads every event matching the query, up to `max`, a page at a time.
fn all_events(
    s: &dyn Store,
    mut q: EventQuery,
    max: u64,
) -> Result<(u64, Vec<EventRow>), ApiError> {
    let mut rows = Vec::new();
    q.offset = 0;
    loop {
        q.limit = MAX_LIMIT.min(max - rows.len() as u64);
        let page = s.events(&q)?;
        let n = page.items.len() as u64;
        rows.extend(page.items);
        q.offset += n;
        if n == 0 || q.offset >= page.total || rows.len() as u64 >= max {
            return Ok((page.total, rows));
        }
    }
}

fn export_query(q: RawParams) -> Result<(EventQuery, u64), ApiError> {
    let p = parse(q, &[EVENT_FILTERS, &["sort", "limit"]])?;
    let mut query = params::event_query(&p)?;
    params::event_sort(&p, &mut query)?;
    let limit = p.limit(MAX_EXPORT, MAX_EXPORT)?;
    Ok((query, limit))
}

/// The ACLED-style columns of the CSV export, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor1_country",
    "actor2",
    "inter2",
    "actor2_country",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_url",
    "notes",
    "fatalities",
    "plover_type",
    "modality",
    "confidence",
    "doc_id",
    "record_id",
    "evidence_start",
    "evidence_end",
];

/// A text cell: quoted when needed; a leading `= + - @` or control character is prefixed
/// with `'` so spreadsheets do not run it as a formula.
fn text_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// ACLED time precision: 1 a day, 2 a week or less, 3 longer.
fn time_precision(row: &EventRow) -> String {
    let Some((Some(s), Some(e))) = row.event.date.as_ref().map(|d| (d.start, d.end)) else {
        return String::new();
    };
    let days = (e - s).num_days();
    match days {
        ..=0 => "1",
        1..=6 => "2",
        _ => "3",
    }
    .into()
}

/// ACLED geo precision: 1 a town or point, 2 a district, 3 a region or country.
fn geo_precision(row: &EventRow) -> String {
    match row.place.as_ref().and_then(|p| p.precision) {
        Some(Precision::City | Precision::Village | Precision::Point) => "1",
        Some(Precision::Admin2) => "2",
        Some(Precision::Admin1 | Precision::Country) => "3",
        None => "",
    }
    .into()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn csv_row(row: &EventRow) -> Vec<String> {
    let e = &row.event;
    let start = e.date.as_ref().and_then(|d| d.start);
    let place = row.place.as_ref();
    let (actor, target) = (e.actor.as_ref(), e.target.as_ref());
    vec![
        text_cell(&format!("{}-{}", row.doc.id, e.id)),
        opt(start),
        opt(start.map(|d| chrono::Datelike::year(&d))),
        time_precision(row),
        text_cell(e.acled_event_type.as_deref().unwrap_or("")),
        text_cell(e.acled_sub_event_type.as_deref().unwrap_or("")),
        text_cell(actor.map_or("", |a| a.text.as_str())),
        text_cell(actor.and_then(|a| a.sector.as_deref()).unwrap_or("")),
        text_cell(actor.and_then(|a| a.country.as_deref()).unwrap_or("")),
        text_cell(target.map_or("", |a| a.text.as_str())),
        text_cell(target.and_then(|a| a.sector.as_deref()).unwrap_or("")),
        text_cell(target.and_then(|a| a.country.as_deref()).unwrap_or("")),
        text_cell(place.and_then(|p| p.country.as_deref()).unwrap_or("")),
        text_cell(place.and_then(|p| p.admin1.as_deref()).unwrap_or("")),
        text_cell(place.map_or("", |p| p.name.as_str())),
        opt(place.and_then(|p| p.lat)),
        opt(place.and_then(|p| p.lon)),
        geo_precision(row),
        text_cell(
            row.doc
                .source
                .as_deref()
                .or(row.doc.title.as_deref())
                .unwrap_or(""),
        ),
        text_cell(row.doc.url.as_deref().unwrap_or("")),
        text_cell(&row.text),
        opt(e.fatalities),
        text_cell(&e.event_type),
        text_cell(match e.modality {
            sitrep_model::Modality::Asserted => "asserted",
            sitrep_model::Modality::Hedged => "hedged",
            sitrep_model::Modality::Negated => "negated",
            sitrep_model::Modality::Future => "future",
            sitrep_model::Modality::Historical => "historical",
        }),
        format!("{}", e.confidence),
        text_cell(&row.doc.id),
        e.id.to_string(),
        e.span.start.to_string(),
        e.span.end.to_string(),
    ]
}

/// The CSV text of event rows, with a header line.
pub fn events_csv_text(rows: &[EventRow]) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&csv_row(row).join(","));
        out.push_str("\r\n");
    }
    out
}

/// `GET /api/events.csv`.
pub(crate) async fn events_csv(
    State(state): State<AppState>,
    q: RawParams,
) -> Result<Response, ApiError> {
    let (query, limit) = export_query(q)?;
    let body = state
        .blocking(move |s| Ok(events_csv_text(&all_events(s, query, limit)?.1)))
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"sitrep-events.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

fn geojson_response(value: &Value, filename: &str) -> Response {
    let disposition = format!("inline; filename=\"{filename}\"");
    (
        [
            (header::CONTENT_TYPE, "application/geo+json".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        value.to_string(),
    )
        .into_response()
}

/// `GET /api/events.geojson`: events with a located place, as points.
pub(crate) async fn events_geojson(
    State(state): State<AppState>,
    q: RawParams,
) -> Result<Response, ApiError> {
    let (query, limit) = export_query(q)?;
    let value = state
        .blocking(move |s| {
            let (total, rows) = all_events(s, query, limit)?;
            let mut features = Vec::new();
            for row in &rows {
                let Some(place) = &row.place else { continue };
                let (Some(lat), Some(lon)) = (place.lat, place.lon) else {
                    continue;
                };
                let e = &row.event;
                let date = e.date.as_ref();
                features.push(json!({
                    "type": "Feature",
                    "id": format!("{}-{}", row.doc.id, e.id),
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "doc_id": row.doc.id,
                        "record_id": e.id,
                        "title": row.doc.title,
                        "published": row.doc.published,
                        "type": e.event_type,
                        "acled_event_type": e.acled_event_type,
                        "actor": e.actor.as_ref().map(|a| &a.text),
                        "actor_country": e.actor.as_ref().and_then(|a| a.country.as_ref()),
                        "target": e.target.as_ref().map(|a| &a.text),
                        "target_country": e.target.as_ref().and_then(|a| a.country.as_ref()),
                        "date": date.and_then(|d| d.start).map(|d| d.to_string()),
                        "date_end": date.and_then(|d| d.end).map(|d| d.to_string()),
                        "modality": e.modality,
                        "fatalities": e.fatalities,
                        "place": place.name,
                        "text": row.text,
                    }
                }));
            }
            let located = features.len();
            Ok(json!({
                "type": "FeatureCollection",
                "features": features,
                "sitrep": {"matching": total, "exported": rows.len(), "located": located}
            }))
        })
        .await?;
    Ok(geojson_response(&value, "sitrep-events.geojson"))
}

/// `GET /api/places.geojson`: located places, as points, most mentioned first.
pub(crate) async fn places_geojson(
    State(state): State<AppState>,
    q: RawParams,
) -> Result<Response, ApiError> {
    let p = parse(q, &[&["q", "country", "bbox", "doc", "limit"]])?;
    let mut query = params::place_query(&p)?;
    let max = p.limit(MAX_EXPORT, MAX_EXPORT)?;
    let value = state
        .blocking(move |s| {
            let mut features = Vec::new();
            query.offset = 0;
            let total = loop {
                query.limit = MAX_LIMIT.min(max - query.offset);
                let page = s.places(&query)?;
                let n = page.items.len() as u64;
                for pl in page.items {
                    let (Some(lat), Some(lon)) = (pl.lat, pl.lon) else {
                        continue;
                    };
                    features.push(json!({
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [lon, lat]},
                        "properties": pl,
                    }));
                }
                query.offset += n;
                if n == 0 || query.offset >= page.total || query.offset >= max {
                    break page.total;
                }
            };
            Ok(json!({
                "type": "FeatureCollection",
                "features": features,
                "sitrep": {"matching": total}
            }))
        })
        .await?;
    Ok(geojson_response(&value, "sitrep-places.geojson"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_defused() {
        assert_eq!(text_cell("plain"), "plain");
        assert_eq!(text_cell("a,b"), "\"a,b\"");
        assert_eq!(text_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text_cell("-1+2"), "'-1+2");
        assert_eq!(text_cell("line\nbreak"), "\"line\nbreak\"");
    }
}
