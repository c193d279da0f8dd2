//! Query-string parsing with errors that name the parameter.

use crate::ApiError;
use chrono::NaiveDate;
use sitrep_store::{BBox, EntityQuery, EventQuery, EventSort, PlaceQuery};

/// The parameters of one request, checked against the names an endpoint accepts.
#[derive(Debug)]
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
}

/// Largest page of a JSON listing.
pub(crate) const MAX_LIMIT: u64 = 1000;
/// Largest export (CSV, GeoJSON).
pub(crate) const MAX_EXPORT: u64 = 100_000;

/// The event filter parameters.
pub(crate) const EVENT_FILTERS: &[&str] = &[
    "min_sources",
    "type",
    "acled_type",
    "actor_country",
    "target_country",
    "modality",
    "bbox",
    "date_from",
    "date_to",
    "text",
    "doc",
];

/// The modalities of the schema.
pub(crate) const MODALITIES: &[&str] = &["asserted", "hedged", "negated", "future", "historical"];

impl Params {
    /// Checks that every parameter is one of `allowed`.
    pub(crate) fn new(pairs: Vec<(String, String)>, allowed: &[&[&str]]) -> Result<Self, ApiError> {
        for (name, _) in &pairs {
            if !allowed.iter().any(|set| set.contains(&name.as_str())) {
                let mut known: Vec<&str> = allowed.iter().flat_map(|s| s.iter().copied()).collect();
                known.sort_unstable();
                return Err(ApiError::bad(
                    name,
                    format!(
                        "unknown parameter; this endpoint takes {}",
                        known.join(", ")
                    ),
                ));
            }
        }
        Ok(Self { pairs })
    }

    /// The single value of `name` (empty counts as absent); repeating it is an error.
    pub(crate) fn one(&self, name: &str) -> Result<Option<&str>, ApiError> {
        let mut values = self
            .pairs
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty());
        let first = values.next();
        if values.next().is_some() {
            return Err(ApiError::bad(name, "given more than once"));
        }
        Ok(first)
    }

    /// All values of `name`, repeated or comma-separated.
    pub(crate) fn list(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(n, _)| n == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// A non-negative integer in `0..=max`, or `default`.
    pub(crate) fn uint(&self, name: &str, default: u64, max: u64) -> Result<u64, ApiError> {
        match self.one(name)? {
            None => Ok(default),
            Some(v) => {
                let n: u64 = v.parse().map_err(|_| {
                    ApiError::bad(name, format!("`{v}` is not a non-negative integer"))
                })?;
                if n > max {
                    return Err(ApiError::bad(name, format!("{n} is more than {max}")));
                }
                Ok(n)
            }
        }
    }

    /// A page size in `1..=max`.
    pub(crate) fn limit(&self, default: u64, max: u64) -> Result<u64, ApiError> {
        let n = self.uint("limit", default, max)?;
        if n == 0 {
            return Err(ApiError::bad("limit", "must be at least 1"));
        }
        Ok(n)
    }

    /// A `YYYY-MM-DD` date.
    pub(crate) fn date(&self, name: &str) -> Result<Option<NaiveDate>, ApiError> {
        self.one(name)?
            .map(|v| {
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map_err(|_| ApiError::bad(name, format!("`{v}` is not a YYYY-MM-DD date")))
            })
            .transpose()
    }

    /// `min_lon,min_lat,max_lon,max_lat` in degrees.
    pub(crate) fn bbox(&self, name: &str) -> Result<Option<BBox>, ApiError> {
        let Some(v) = self.one(name)? else {
            return Ok(None);
        };
        let bad = || {
            ApiError::bad(
                name,
                format!("`{v}` is not min_lon,min_lat,max_lon,max_lat"),
            )
        };
        let nums: Vec<f64> = v
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        let [min_lon, min_lat, max_lon, max_lat] = nums[..] else {
            return Err(bad());
        };
        let lon_ok = |x: f64| (-180.0..=180.0).contains(&x);
        let lat_ok = |x: f64| (-90.0..=90.0).contains(&x);
        if !(lon_ok(min_lon) && lon_ok(max_lon) && lat_ok(min_lat) && lat_ok(max_lat)) {
            return Err(ApiError::bad(
                name,
                "longitudes must be in -180..180 and latitudes in -90..90",
            ));
        }
        if min_lat > max_lat {
            return Err(ApiError::bad(name, "min_lat is greater than max_lat"));
        }
        Ok(Some(BBox {
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        }))
    }

    /// ISO 3166-1 alpha-3 codes, upper-cased.
    pub(crate) fn countries(&self, name: &str) -> Result<Vec<String>, ApiError> {
        self.list(name)
            .into_iter()
            .map(|c| country(name, &c))
            .collect()
    }

    /// The document id parameter (`doc`).
    pub(crate) fn doc(&self) -> Result<Option<String>, ApiError> {
        self.one("doc")?.map(|d| doc_id("doc", d)).transpose()
    }
}

fn country(name: &str, c: &str) -> Result<String, ApiError> {
    if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_alphabetic()) {
        Ok(c.to_ascii_uppercase())
    } else {
        Err(ApiError::bad(
            name,
            format!("`{c}` is not an ISO 3166-1 alpha-3 country code"),
        ))
    }
}

/// A document id: 1 to 64 ASCII letters, digits, `-` or `_`.
pub(crate) fn doc_id(name: &str, id: &str) -> Result<String, ApiError> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(id.to_owned())
    } else {
        Err(ApiError::bad(name, format!("`{id}` is not a document id")))
    }
}

/// The event filters (no paging).
pub(crate) fn event_query(p: &Params) -> Result<EventQuery, ApiError> {
    let modalities = p.list("modality");
    if let Some(m) = modalities
        .iter()
        .find(|m| !MODALITIES.contains(&m.as_str()))
    {
        return Err(ApiError::bad(
            "modality",
            format!("`{m}` is not one of {}", MODALITIES.join(", ")),
        ));
    }
    let date_from = p.date("date_from")?;
    let date_to = p.date("date_to")?;
    if let (Some(f), Some(t)) = (date_from, date_to)
        && f > t
    {
        return Err(ApiError::bad("date_to", "is before date_from"));
    }
    Ok(EventQuery {
        types: p.list("type"),
        acled_types: p.list("acled_type"),
        actor_countries: p.countries("actor_country")?,
        target_countries: p.countries("target_country")?,
        modalities,
        bbox: p.bbox("bbox")?,
        date_from,
        date_to,
        text: p.one("text")?.map(str::to_owned),
        doc_id: p.doc()?,
        min_sources: match p.uint("min_sources", 0, u64::from(u32::MAX))? {
            0 => None,
            n => Some(u32::try_from(n).unwrap_or(u32::MAX)),
        },
        ..EventQuery::default()
    })
}

/// The `sort` parameter: a key, `-key` for descending. Default: newest first.
pub(crate) fn event_sort(p: &Params, q: &mut EventQuery) -> Result<(), ApiError> {
    let Some(v) = p.one("sort")? else {
        q.sort = EventSort::Date;
        q.descending = true;
        return Ok(());
    };
    let (descending, key) = match v.strip_prefix('-') {
        Some(k) => (true, k),
        None => (false, v),
    };
    q.sort = EventSort::from_name(key).ok_or_else(|| {
        let names: Vec<&str> = EventSort::ALL.iter().map(|(n, _)| *n).collect();
        ApiError::bad(
            "sort",
            format!(
                "`{v}` is not one of {} (prefix - to reverse)",
                names.join(", ")
            ),
        )
    })?;
    q.descending = descending;
    Ok(())
}

/// Place listing filters.
pub(crate) fn place_query(p: &Params) -> Result<PlaceQuery, ApiError> {
    Ok(PlaceQuery {
        name: p.one("q")?.map(str::to_owned),
        country: p
            .one("country")?
            .map(|c| country("country", c))
            .transpose()?,
        bbox: p.bbox("bbox")?,
        doc_id: p.doc()?,
        ..PlaceQuery::default()
    })
}

/// Entity kinds of the schema.
const KINDS: &[&str] = &["PERSON", "ORG", "PLACE", "NORP", "MISC"];

/// Entity listing filters.
pub(crate) fn entity_query(p: &Params) -> Result<EntityQuery, ApiError> {
    let kinds: Vec<String> = p
        .list("kind")
        .iter()
        .map(|k| k.to_ascii_uppercase())
        .collect();
    if let Some(k) = kinds.iter().find(|k| !KINDS.contains(&k.as_str())) {
        return Err(ApiError::bad(
            "kind",
            format!("`{k}` is not one of {}", KINDS.join(", ")),
        ));
    }
    Ok(EntityQuery {
        name: p.one("q")?.map(str::to_owned),
        kinds,
        country: p
            .one("country")?
            .map(|c| country("country", c))
            .transpose()?,
        doc_id: p.doc()?,
        ..EntityQuery::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(q: &[(&str, &str)], allowed: &[&str]) -> Result<Params, ApiError> {
        let pairs = q.iter().map(|(a, b)| ((*a).into(), (*b).into())).collect();
        Params::new(pairs, &[allowed])
    }

    fn bad_name(e: ApiError) -> String {
        match e {
            ApiError::BadParameter { parameter, .. } => parameter,
            other => format!("not a parameter error: {other}"),
        }
    }

    #[test]
    fn unknown_and_repeated_parameters_are_named() {
        let e = params(&[("limt", "3")], &["limit"]).unwrap_err();
        assert_eq!(bad_name(e), "limt");
        let p = params(&[("limit", "3"), ("limit", "4")], &["limit"]).unwrap();
        assert_eq!(bad_name(p.limit(50, 100).unwrap_err()), "limit");
    }

    #[test]
    fn values_are_checked() {
        let all = EVENT_FILTERS;
        let p = params(&[("bbox", "1,2,3")], all).unwrap();
        assert_eq!(bad_name(p.bbox("bbox").unwrap_err()), "bbox");
        let p = params(&[("bbox", "10,50,40,52")], all).unwrap();
        assert!(p.bbox("bbox").unwrap().is_some());
        let p = params(&[("actor_country", "ukr,RUS")], all).unwrap();
        assert_eq!(p.countries("actor_country").unwrap(), ["UKR", "RUS"]);
        let p = params(&[("actor_country", "Ukraine")], all).unwrap();
        assert_eq!(bad_name(event_query(&p).unwrap_err()), "actor_country");
        let p = params(
            &[("date_from", "2025-02-01"), ("date_to", "2025-01-01")],
            all,
        )
        .unwrap();
        assert_eq!(bad_name(event_query(&p).unwrap_err()), "date_to");
        let p = params(&[("modality", "maybe")], all).unwrap();
        assert_eq!(bad_name(event_query(&p).unwrap_err()), "modality");
        let p = params(&[("doc", "../../etc")], all).unwrap();
        assert_eq!(bad_name(event_query(&p).unwrap_err()), "doc");
    }
}
