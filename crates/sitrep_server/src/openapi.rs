//! The OpenAPI 3.1 description of the API, served at `/api/openapi.json`.
//!
//! Every parameter carries an `example`; the tests call each operation with all its examples
//! and expect success, so the document and the handlers cannot drift apart silently.

use axum::Json;
use serde_json::{Value, json};

fn query(name: &str, description: &str, schema: Value, example: Value) -> Value {
    json!({
        "name": name, "in": "query", "required": false,
        "description": description, "schema": schema, "example": example
    })
}

fn string_list(name: &str, description: &str, example: &str) -> Value {
    query(
        name,
        &format!("{description} Comma-separated or repeated; any of them matches."),
        json!({"type": "string"}),
        json!(example),
    )
}

fn paging(default: u64, max: u64) -> Vec<Value> {
    vec![
        query(
            "offset",
            "Rows to skip.",
            json!({"type": "integer", "minimum": 0, "default": 0}),
            json!(0),
        ),
        query(
            "limit",
            "Rows to return at most.",
            json!({"type": "integer", "minimum": 1, "maximum": max, "default": default}),
            json!(10),
        ),
    ]
}

fn event_filters() -> Vec<Value> {
    vec![
        query(
            "min_sources",
            "Only events in an event cluster with at least this many independent sources (0: all events).",
            json!({"type": "integer", "minimum": 0, "default": 0}),
            json!(0),
        ),
        string_list("type", "PLOVER event types.", "ASSAULT,FIGHT"),
        string_list("acled_type", "ACLED event types.", "Battles"),
        string_list(
            "actor_country",
            "Actor countries (ISO 3166-1 alpha-3).",
            "UKR",
        ),
        string_list(
            "target_country",
            "Target countries (ISO 3166-1 alpha-3).",
            "RUS",
        ),
        string_list(
            "modality",
            "Modalities: asserted, hedged, negated, future, historical.",
            "asserted,hedged",
        ),
        query(
            "bbox",
            "Place bounding box `min_lon,min_lat,max_lon,max_lat` in degrees; min_lon > max_lon \
             crosses the antimeridian. Events without coordinates are left out.",
            json!({"type": "string"}),
            json!("22,44,41,53"),
        ),
        query(
            "date_from",
            "Events whose date interval ends on or after this day.",
            json!({"type": "string", "format": "date"}),
            json!("2024-01-01"),
        ),
        query(
            "date_to",
            "Events whose date interval starts on or before this day.",
            json!({"type": "string", "format": "date"}),
            json!("2025-12-31"),
        ),
        query(
            "text",
            "Words that must all occur (any case) in the event's sentence, actor, target or \
             place name.",
            json!({"type": "string"}),
            json!("forces"),
        ),
        query(
            "doc",
            "Only events of this document.",
            json!({"type": "string"}),
            json!("0123456789abcdef"),
        ),
    ]
}

fn sort() -> Value {
    query(
        "sort",
        "Sort key: date, type, acled_type, actor_country, target_country, modality, \
         confidence, published; prefix `-` for descending. Default `-date` (newest first).",
        json!({"type": "string", "default": "-date"}),
        json!("-confidence"),
    )
}

fn op(summary: &str, description: &str, params: Vec<Value>, content: Value) -> Value {
    json!({"get": {
        "summary": summary,
        "description": description,
        "parameters": params,
        "responses": {
            "200": {"description": "OK", "content": content},
            "400": {"description": "A bad parameter", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        }
    }})
}

fn json_ref(name: &str) -> Value {
    json!({"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}")}}})
}

fn concat(parts: Vec<Vec<Value>>) -> Vec<Value> {
    parts.into_iter().flatten().collect()
}

/// The OpenAPI document.
pub fn document() -> Value {
    let doc_param = query(
        "doc",
        "Only records of this document.",
        json!({"type": "string"}),
        json!("0123456789abcdef"),
    );
    let country = query(
        "country",
        "Country (ISO 3166-1 alpha-3).",
        json!({"type": "string"}),
        json!("UKR"),
    );
    let name_q = |what: &str| {
        query(
            "q",
            &format!("{what} contains this text (case-insensitive)."),
            json!({"type": "string"}),
            json!("k"),
        )
    };
    let bbox = query(
        "bbox",
        "Bounding box `min_lon,min_lat,max_lon,max_lat`.",
        json!({"type": "string"}),
        json!("22,44,41,53"),
    );
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "sitrep API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Read-only access to documents, annotations and events extracted \
                from news reports. Offsets are UTF-8 byte offsets into the document `text` \
                (see SCHEMA.md); `offsets=utf16` on a document adds UTF-16 offsets. Bad \
                parameters give 400 with a JSON error naming the parameter; unknown \
                parameters are refused. Event clusters and \"minimum independent sources\" \
                are not available yet (they need the corpus stage that merges reports)."
        },
        "paths": {
            "/api/health": op("Liveness", "Always `{\"status\": \"ok\"}`.", vec![], json!({"application/json": {}})),
            "/api/stats": op("Store counts", "Documents, failures and records per layer.", vec![], json!({"application/json": {}})),
            "/api/documents": op(
                "List or search documents",
                "Newest first; with `q`, full-text search hits (best first) with a `snippet`.",
                concat(vec![vec![query("q", "Words that must all occur; `word*` matches a prefix.", json!({"type": "string"}), json!("Kursk"))], paging(50, 1000)]),
                json_ref("DocumentPage"),
            ),
            "/api/documents/{id}": {"get": {
                "summary": "One document in the sitrep/1 shape",
                "description": "The document with every annotation layer; every span carries its text.",
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "example": "0123456789abcdef"},
                    query("offsets", "`bytes` (default) or `utf16`: also give `start_utf16`/`end_utf16` on every span.", json!({"type": "string", "enum": ["bytes", "utf16"]}), json!("utf16"))
                ],
                "responses": {
                    "200": {"description": "sitrep/1 document", "content": {"application/json": {}}},
                    "400": {"description": "A bad parameter", "content": json_ref("Error")},
                    "404": {"description": "No such document", "content": json_ref("Error")}
                }
            }},
            "/api/events": op(
                "Events with filters",
                "Each item: the reporting document, the sitrep/1 event (spans with text; `event.span.text` is its sentence), the trigger's UTF-16 offsets in that sentence and the resolved place.",
                concat(vec![event_filters(), vec![sort()], paging(50, 1000)]),
                json_ref("EventPage"),
            ),
            "/api/events/timeline": op(
                "Events per day by type",
                "Counts by the first day of each event's date interval; undated events are not counted.",
                event_filters(),
                json!({"application/json": {}}),
            ),
            "/api/events/facets": op(
                "Values of the event filter fields",
                "Distinct types, ACLED types, countries and modalities with counts, and the first and last day.",
                event_filters(),
                json!({"application/json": {}}),
            ),
            "/api/events.csv": op(
                "Events as CSV with ACLED-style columns",
                "Columns: event_id_cnty, event_date, year, time_precision, event_type, sub_event_type, actor1, inter1, actor1_country, actor2, inter2, actor2_country, country, admin1, location, latitude, longitude, geo_precision, source, source_url, notes, fatalities, plover_type, modality, confidence, doc_id, record_id, evidence_start, evidence_end. Text cells starting with = + - @ are prefixed with ' against spreadsheet formula injection.",
                concat(vec![event_filters(), vec![sort(), query("limit", "Rows at most.", json!({"type": "integer", "minimum": 1, "maximum": 100000, "default": 100000}), json!(1000))]]),
                json!({"text/csv": {}}),
            ),
            "/api/events.geojson": op(
                "Events as GeoJSON points",
                "Events whose place has coordinates; `sitrep.matching` counts all matching events.",
                concat(vec![event_filters(), vec![sort(), query("limit", "Events at most.", json!({"type": "integer", "minimum": 1, "maximum": 100000, "default": 100000}), json!(1000))]]),
                json!({"application/geo+json": {}}),
            ),
            "/api/places": op(
                "Places, aggregated by resolved location",
                "Most mentioned first.",
                concat(vec![vec![name_q("Name"), country.clone(), bbox.clone(), doc_param.clone()], paging(100, 1000)]),
                json_ref("PlacePage"),
            ),
            "/api/places.geojson": op(
                "Places as GeoJSON points",
                "Located places, most mentioned first.",
                vec![name_q("Name"), country.clone(), bbox, doc_param.clone(), query("limit", "Places at most.", json!({"type": "integer", "minimum": 1, "maximum": 100000, "default": 100000}), json!(1000))],
                json!({"application/geo+json": {}}),
            ),
            "/api/entities": op(
                "Entities, aggregated by canonical name, kind and country",
                "Most mentioned first.",
                concat(vec![vec![
                    name_q("Canonical name"),
                    string_list("kind", "Entity kinds: PERSON, ORG, PLACE, NORP, MISC.", "PLACE,ORG"),
                    country,
                    doc_param.clone(),
                ], paging(100, 1000)]),
                json_ref("EntityPage"),
            ),
            "/api/clusters": op(
                "Event clusters: one real-world event reported by many documents",
                "Built by the corpus stage at ingest. Each cluster lists every report, counts independent sources (near-copies, rewrites and one outlet count once) and keeps the values reports disagree on, with who says what. Earliest first.",
                concat(vec![vec![
                    string_list("type", "PLOVER event type.", "ASSAULT"),
                    doc_param,
                    query("date_from", "Clusters whose dates end on or after this day.", json!({"type": "string", "format": "date"}), json!("2025-01-01")),
                    query("date_to", "Clusters whose dates start on or before this day.", json!({"type": "string", "format": "date"}), json!("2025-12-31")),
                    query("min_sources", "At least this many independent sources.", json!({"type": "integer", "minimum": 0}), json!(1)),
                ], paging(50, 1000)]),
                json!({"application/json": {}}),
            ),
            "/api/clusters/{id}": {"get": {
                "summary": "One event cluster with its reports and conflicts",
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "example": "0123456789abcdef:7"}
                ],
                "responses": {
                    "200": {"description": "The cluster", "content": {"application/json": {}}},
                    "400": {"description": "A bad parameter", "content": json_ref("Error")},
                    "404": {"description": "No such cluster", "content": json_ref("Error")}
                }
            }},
            "/api/openapi.json": op("This document", "", vec![], json!({"application/json": {}})),
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error", "message"], "properties": {
                "error": {"type": "string", "examples": ["bad_parameter", "not_found"]},
                "parameter": {"type": "string", "description": "The offending parameter (400)."},
                "message": {"type": "string"}
            }},
            "DocRef": {"type": "object", "properties": {
                "id": {"type": "string"}, "title": {"type": ["string", "null"]},
                "url": {"type": ["string", "null"]}, "source": {"type": ["string", "null"]},
                "published": {"type": ["string", "null"], "format": "date"}
            }},
            "DocumentPage": page_schema(json!({"allOf": [{"$ref": "#/components/schemas/DocRef"}, {"type": "object", "properties": {
                "origin": {"type": ["string", "null"]}, "bytes": {"type": "integer"}, "failed": {"type": "boolean"},
                "snippet": {"type": "string", "description": "Search hits only; matches in [ ]."},
                "score": {"type": "number", "description": "Search hits only."}
            }}]})),
            "EventPage": page_schema(json!({"type": "object", "properties": {
                "doc": {"$ref": "#/components/schemas/DocRef"},
                "event": {"type": "object", "description": "sitrep/1 event (SCHEMA.md)"},
                "trigger": {"type": ["array", "null"], "items": {"type": "integer"}, "description": "UTF-16 offsets of the trigger within `event.span.text` (the event's sentence)."},
                "place": {"type": ["object", "null"], "description": "sitrep/1 place record"}
            }})),
            "PlacePage": page_schema(json!({"type": "object", "properties": {
                "name": {"type": "string"}, "geonames_id": {"type": ["integer", "null"]},
                "lat": {"type": ["number", "null"]}, "lon": {"type": ["number", "null"]},
                "country": {"type": ["string", "null"]}, "admin1": {"type": ["string", "null"]},
                "precision": {"type": ["string", "null"]}, "mentions": {"type": "integer"},
                "documents": {"type": "integer"}
            }})),
            "EntityPage": page_schema(json!({"type": "object", "properties": {
                "canonical": {"type": "string"}, "kind": {"type": "string"},
                "country": {"type": ["string", "null"]}, "mentions": {"type": "integer"},
                "documents": {"type": "integer"}
            }}))
        }}
    })
}

fn page_schema(item: Value) -> Value {
    json!({"type": "object", "required": ["total", "offset", "limit", "items"], "properties": {
        "total": {"type": "integer", "description": "Matching rows before paging."},
        "offset": {"type": "integer"}, "limit": {"type": "integer"},
        "items": {"type": "array", "items": item}
    }})
}

/// `GET /api/openapi.json`.
pub(crate) async fn handler() -> Json<Value> {
    Json(document())
}
