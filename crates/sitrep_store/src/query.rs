//! Queries over stored records: events with filters, places, entities, and their result rows.
//!
//! These are what the HTTP API and exports read. Every query is paginated with `offset` and
//! `limit`; a page carries the total number of matching rows, so clients can page without
//! guessing.

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_model::{Event, Place};

/// A geographic bounding box in degrees. `min_lon > max_lon` crosses the antimeridian.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BBox {
    /// West edge (longitude).
    pub min_lon: f64,
    /// South edge (latitude).
    pub min_lat: f64,
    /// East edge (longitude).
    pub max_lon: f64,
    /// North edge (latitude).
    pub max_lat: f64,
}

impl BBox {
    /// True when the point lies inside the box (edges included).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        let lat_ok = lat >= self.min_lat && lat <= self.max_lat;
        let lon_ok = if self.min_lon <= self.max_lon {
            lon >= self.min_lon && lon <= self.max_lon
        } else {
            lon >= self.min_lon || lon <= self.max_lon
        };
        lat_ok && lon_ok
    }
}

/// The order of an event listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventSort {
    /// By event date (first day).
    #[default]
    Date,
    /// By PLOVER type.
    Type,
    /// By ACLED event type.
    AcledType,
    /// By actor country.
    ActorCountry,
    /// By target country.
    TargetCountry,
    /// By modality.
    Modality,
    /// By confidence.
    Confidence,
    /// By the publication date of the reporting document.
    Published,
}

impl EventSort {
    /// Every sort key with its public name.
    pub const ALL: [(&'static str, EventSort); 8] = [
        ("date", EventSort::Date),
        ("type", EventSort::Type),
        ("acled_type", EventSort::AcledType),
        ("actor_country", EventSort::ActorCountry),
        ("target_country", EventSort::TargetCountry),
        ("modality", EventSort::Modality),
        ("confidence", EventSort::Confidence),
        ("published", EventSort::Published),
    ];

    /// The sort key named `name` (`date`, `type`, ...).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
    }
}

/// Filters and paging of an event listing. Empty lists and `None` mean "any". Within one list
/// field the values are alternatives (OR); different fields must all hold (AND).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventQuery {
    /// PLOVER event types (`ASSAULT`, `COERCE`, ...).
    pub types: Vec<String>,
    /// ACLED event types (`Battles`, `Explosions/Remote violence`, ...).
    pub acled_types: Vec<String>,
    /// Actor countries, ISO 3166-1 alpha-3.
    pub actor_countries: Vec<String>,
    /// Target countries, ISO 3166-1 alpha-3.
    pub target_countries: Vec<String>,
    /// Modalities (`asserted`, `hedged`, ...).
    pub modalities: Vec<String>,
    /// Only events whose place lies in the box (events without coordinates are excluded).
    pub bbox: Option<BBox>,
    /// Only events whose date interval ends on or after this day.
    pub date_from: Option<NaiveDate>,
    /// Only events whose date interval starts on or before this day.
    pub date_to: Option<NaiveDate>,
    /// Every word must occur (case-insensitively) in the event's sentence, actor, target or
    /// place name.
    pub text: Option<String>,
    /// Only events of this document.
    pub doc_id: Option<String>,
    /// Only events in an event cluster with at least this many independent sources.
    pub min_sources: Option<u32>,
    /// Sort key.
    pub sort: EventSort,
    /// Descending order.
    pub descending: bool,
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return at most.
    pub limit: u64,
}

impl Default for EventQuery {
    fn default() -> Self {
        Self {
            types: Vec::new(),
            acled_types: Vec::new(),
            actor_countries: Vec::new(),
            target_countries: Vec::new(),
            modalities: Vec::new(),
            bbox: None,
            date_from: None,
            date_to: None,
            text: None,
            doc_id: None,
            min_sources: None,
            sort: EventSort::Date,
            descending: true,
            offset: 0,
            limit: 50,
        }
    }
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// Rows matching the query in all, before paging.
    pub total: u64,
    /// Rows skipped.
    pub offset: u64,
    /// The page size asked for.
    pub limit: u64,
    /// The rows.
    pub items: Vec<T>,
}

/// The document an event, place or entity was reported in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocRef {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
}

/// A stored event with the document that reports it and its resolved place.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// The reporting document.
    pub doc: DocRef,
    /// The event record.
    pub event: Event,
    /// The event's `sitrep/1` JSON object: every span carries its `text`.
    pub event_json: String,
    /// The text of the event's span (the sentence or clause stating it).
    pub text: String,
    /// The place record the event refers to, when it has one.
    pub place: Option<Place>,
    /// The place record's `sitrep/1` JSON object, span with its text.
    pub place_json: Option<String>,
}

/// Events per day and type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayCount {
    /// The first day of the events' date interval, `YYYY-MM-DD`.
    pub day: String,
    /// PLOVER event type.
    pub event_type: String,
    /// Number of events.
    pub count: u64,
}

/// A value of a field and how many rows have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueCount {
    /// The value.
    pub value: String,
    /// Rows with it.
    pub count: u64,
}

/// The distinct values of the filterable event fields, with counts, most frequent first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EventFacets {
    /// PLOVER types.
    pub types: Vec<ValueCount>,
    /// ACLED event types.
    pub acled_types: Vec<ValueCount>,
    /// Actor countries.
    pub actor_countries: Vec<ValueCount>,
    /// Target countries.
    pub target_countries: Vec<ValueCount>,
    /// Modalities.
    pub modalities: Vec<ValueCount>,
    /// First event day, `YYYY-MM-DD`.
    pub first_day: Option<String>,
    /// Last event day, `YYYY-MM-DD`.
    pub last_day: Option<String>,
}

/// Filters and paging of the place listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceQuery {
    /// Name contains this text (case-insensitive).
    pub name: Option<String>,
    /// Country, ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// Only places with coordinates inside the box.
    pub bbox: Option<BBox>,
    /// Only places mentioned in this document.
    pub doc_id: Option<String>,
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return at most.
    pub limit: u64,
}

impl Default for PlaceQuery {
    fn default() -> Self {
        Self {
            name: None,
            country: None,
            bbox: None,
            doc_id: None,
            offset: 0,
            limit: 100,
        }
    }
}

/// A place as mentioned across the store: one row per resolved location (name, coordinates,
/// country), most mentioned first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceSummary {
    /// The gazetteer's name.
    pub name: String,
    /// GeoNames id.
    pub geonames_id: Option<u64>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Country, ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// Precision (`city`, `admin1`, ...).
    pub precision: Option<String>,
    /// Mentions in all documents.
    pub mentions: u64,
    /// Documents mentioning it.
    pub documents: u64,
}

/// Filters and paging of the entity listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityQuery {
    /// Canonical name contains this text (case-insensitive).
    pub name: Option<String>,
    /// Entity kinds (`PERSON`, `ORG`, ...).
    pub kinds: Vec<String>,
    /// Affiliated country.
    pub country: Option<String>,
    /// Only entities mentioned in this document.
    pub doc_id: Option<String>,
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return at most.
    pub limit: u64,
}

impl Default for EntityQuery {
    fn default() -> Self {
        Self {
            name: None,
            kinds: Vec::new(),
            country: None,
            doc_id: None,
            offset: 0,
            limit: 100,
        }
    }
}

/// An entity as mentioned across the store: one row per (canonical name, kind, country).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntitySummary {
    /// Canonical name.
    pub canonical: String,
    /// Kind (`PERSON`, `ORG`, `PLACE`, `NORP`, `MISC`).
    pub kind: String,
    /// Affiliated country.
    pub country: Option<String>,
    /// Mentions in all documents.
    pub mentions: u64,
    /// Documents mentioning it.
    pub documents: u64,
}
