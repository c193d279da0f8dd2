//! Builds the embedded gazetteer from the GeoNames files (`sitrep gazetteer build`).
//!
//! Sources, all in one folder (`../shared/data/gazetteer`):
//! - `countryInfo.tsv`: ISO codes, English names, capitals, populations;
//! - `admin1CodesASCII.txt`: first-level divisions (code, name, GeoNames id);
//! - `admin2Codes.txt`: US counties, parishes and boroughs (placed at the town of 10,000+
//!   named like them in their state, else at the state's point);
//! - `cities500.json.gz`: every populated place with 500+ people or a division seat, with
//!   alternate names (all countries except Ukraine, which comes from the full dump);
//! - `UA.zip`: the full Ukraine dump; kept: populated places (not abandoned or historical),
//!   ADM1/ADM2 divisions, regions, peninsulas, islands, airports, power stations and dams;
//! - the supplement `data/gazetteer/countries_extra.tsv` (compiled in): country points,
//!   aliases, demonyms, continents, and hand-placed oceans, seas and world regions and
//!   regions inside one country ("Siberia"), kept as continent-like records (the latter with
//!   their country).
//!
//! Only Latin-script names are indexed (the product reads English news). Division points
//! outside Ukraine, which GeoNames' code tables lack, are the centre of the 0.1th–99.9th
//! percentile box of the division's populated places; a place named like its division
//! ("Kursk" in Kursk Oblast) is marked as the division's seat. Output is deterministic.

use super::gazetteer::FeatureKind;
use super::normalize::{is_latin_key, name_key};
use flate2::Compression;
use flate2::read::{DeflateDecoder, GzDecoder};
use flate2::write::GzEncoder;
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The compiled-in supplement (country points, aliases, demonyms, continents).
const EXTRA: &str = include_str!("../../data/gazetteer/countries_extra.tsv");

/// The attribution written beside the gazetteer.
pub const NOTICE: &str = include_str!("../../data/gazetteer/NOTICE");

/// Errors building the gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A source file could not be read or the output written.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        error: std::io::Error,
    },
    /// A source file is malformed.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
    move |error| BuildError::Io {
        path: path.to_path_buf(),
        error,
    }
}

fn bad(path: &Path, message: impl Into<String>) -> BuildError {
    BuildError::Format {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// What a build produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildSummary {
    /// The gazetteer file written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Records.
    pub records: usize,
    /// Distinct name keys.
    pub keys: usize,
    /// Records per kind letter.
    pub by_kind: Vec<(char, usize)>,
}

struct Rec {
    gid: u64,
    kind: FeatureKind,
    cc: String,
    admin1: String,
    admin2: String,
    lat: f64,
    lon: f64,
    pop: u64,
    name: String,
    /// (name, alternate?)
    names: Vec<(String, bool)>,
}

/// Words that name a division type, dropped from division names so "Kharkiv Oblast",
/// "Kharkivs'ka Oblast'" and "Kursk" index under the bare name too.
const DIVISION_WORDS: &[&str] = &[
    "oblast",
    "oblast'",
    "oblast’",
    "region",
    "province",
    "governorate",
    "krai",
    "kray",
    "republic",
    "state",
    "county",
    "raion",
    "rayon",
    "district",
    "prefecture",
    "voivodeship",
    "okrug",
    "autonomous",
    "department",
    "municipality",
    "territory",
    "city",
    "of",
    "the",
];

fn strip_division_words(name: &str) -> String {
    name_key(name)
        .split(' ')
        .filter(|w| !DIVISION_WORDS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when an alternate name is worth indexing: Latin script, not a code, not too long.
fn keep_alternate(name: &str) -> bool {
    let n = name.trim();
    if n.len() < 2 || n.len() > 60 || n.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let letters = n.chars().filter(|c| c.is_alphabetic()).count();
    if letters <= 4 && n.chars().all(|c| !c.is_lowercase()) {
        return false; // codes: "KRS", "UKBB"
    }
    n.split_whitespace().count() <= 6 && is_latin_key(&name_key(n))
}

/// The aliases (main names) in column `i` and adjectives (alternate names) in column `i + 1`
/// of a supplement line, `|`-separated.
fn supplement_names(c: &[&str], i: usize) -> Vec<(String, bool)> {
    let list = |i: usize, alt: bool| -> Vec<(String, bool)> {
        c.get(i).map_or_else(Vec::new, |a| {
            a.split('|')
                .filter(|x| !x.trim().is_empty())
                .map(|x| (x.trim().to_owned(), alt))
                .collect()
        })
    };
    let mut out = list(i, false);
    out.extend(list(i + 1, true));
    out
}

fn read_file(path: &Path) -> Result<Vec<u8>, BuildError> {
    std::fs::read(path).map_err(io(path))
}

/// Reads one stored or deflated member of a zip archive.
fn unzip_member(path: &Path, bytes: &[u8], member: &str) -> Result<Vec<u8>, BuildError> {
    let u16_at = |i: usize| -> Option<usize> {
        Some(u16::from_le_bytes(bytes.get(i..i + 2)?.try_into().ok()?) as usize)
    };
    let u32_at = |i: usize| -> Option<usize> {
        Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?) as usize)
    };
    let eocd = (0..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes.get(i..i + 4) == Some(&[0x50, 0x4b, 0x05, 0x06]))
        .ok_or_else(|| bad(path, "not a zip file"))?;
    let count = u16_at(eocd + 10).ok_or_else(|| bad(path, "truncated zip"))?;
    let mut pos = u32_at(eocd + 16).ok_or_else(|| bad(path, "truncated zip"))?;
    for _ in 0..count {
        let field = |o: usize, w: u8| {
            if w == 2 {
                u16_at(pos + o)
            } else {
                u32_at(pos + o)
            }
        };
        let (Some(method), Some(csize), Some(nlen), Some(elen), Some(clen), Some(local)) = (
            field(10, 2),
            field(20, 4),
            field(28, 2),
            field(30, 2),
            field(32, 2),
            field(42, 4),
        ) else {
            return Err(bad(path, "truncated zip directory"));
        };
        let name = bytes.get(pos + 46..pos + 46 + nlen).unwrap_or(&[]);
        if name == member.as_bytes() {
            let (Some(lnlen), Some(lelen)) = (u16_at(local + 26), u16_at(local + 28)) else {
                return Err(bad(path, "truncated local header"));
            };
            let start = local + 30 + lnlen + lelen;
            let data = bytes
                .get(start..start + csize)
                .ok_or_else(|| bad(path, "truncated member"))?;
            return match method {
                0 => Ok(data.to_vec()),
                8 => {
                    let mut out = Vec::new();
                    DeflateDecoder::new(data)
                        .read_to_end(&mut out)
                        .map_err(io(path))?;
                    Ok(out)
                }
                m => Err(bad(path, format!("compression method {m} not supported"))),
            };
        }
        pos += 46 + nlen + elen + clen;
    }
    Err(bad(path, format!("no member `{member}`")))
}

#[derive(serde::Deserialize)]
struct CityJson {
    geonameid: u64,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    population: Option<u64>,
    admin1code: Option<String>,
    #[serde(default)]
    alternatenames: Vec<String>,
}

fn pct_centre(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let lo = v.get(v.len() / 1000)?;
    let hi = v.get((v.len() * 999 / 1000).min(v.len() - 1))?;
    Some((lo + hi) / 2.0)
}

/// A division's point: the centre of the 0.1th–99.9th percentile box of its populated
/// places (GeoNames puts division points near the middle of the area, not of its people),
/// across the antimeridian where the places straddle it (Alaska, Chukotka, Fiji).
fn division_point(lats: &[f64], lons: &[f64]) -> Option<(f64, f64)> {
    let lat = pct_centre(lats.to_vec())?;
    let (min, max) = lons
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    let lon = if max - min > 180.0 {
        let shifted: Vec<f64> = lons
            .iter()
            .map(|&x| if x < 0.0 { x + 360.0 } else { x })
            .collect();
        let c = pct_centre(shifted)?;
        if c > 180.0 { c - 360.0 } else { c }
    } else {
        pct_centre(lons.to_vec())?
    };
    Some((lat, lon))
}

/// Builds `gazetteer.tsv.gz` (and `NOTICE`) in `out` from the GeoNames files in `from`.
pub fn build_gazetteer(from: &Path, out: &Path) -> Result<BuildSummary, BuildError> {
    let mut recs: Vec<Rec> = Vec::new();

    // Countries: countryInfo + the supplement.
    let ci_path = from.join("countryInfo.tsv");
    let ci = String::from_utf8_lossy(&read_file(&ci_path)?).into_owned();
    let mut extra_points: HashMap<String, (f64, f64, Vec<String>, Vec<String>)> = HashMap::new();
    let mut continents = Vec::new();
    let mut admin_aliases: HashMap<String, Vec<String>> = HashMap::new();
    for line in EXTRA
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let c: Vec<&str> = line.split('\t').collect();
        match (c.first(), c.len()) {
            (Some(&"C"), 6) => {
                let (Ok(lat), Ok(lon)) = (c[2].parse::<f64>(), c[3].parse::<f64>()) else {
                    continue;
                };
                let split = |s: &str| -> Vec<String> {
                    s.split('|')
                        .filter(|x| !x.is_empty())
                        .map(str::to_owned)
                        .collect()
                };
                extra_points.insert(c[1].to_owned(), (lat, lon, split(c[4]), split(c[5])));
            }
            (Some(&"K"), 6..=8) => {
                let (Ok(gid), Ok(lat), Ok(lon)) = (
                    c[1].parse::<u64>(),
                    c[3].parse::<f64>(),
                    c[4].parse::<f64>(),
                ) else {
                    continue;
                };
                // Aliases are main names ("EU"), adjectives alternate ones ("European").
                let list = |i: usize, alt: bool| -> Vec<(String, bool)> {
                    c.get(i).map_or_else(Vec::new, |a| {
                        a.split('|')
                            .filter(|x| !x.is_empty())
                            .map(|x| (x.to_owned(), alt))
                            .collect()
                    })
                };
                let mut aliases = list(6, false);
                aliases.extend(list(7, true));
                continents.push((gid, c[2].to_owned(), lat, lon, aliases, String::new()));
            }
            (Some(&"W"), 5..=6) => {
                // Oceans, seas and world regions: hand-placed points without a GeoNames id,
                // read like continents (no country).
                let (Ok(lat), Ok(lon)) = (c[2].parse::<f64>(), c[3].parse::<f64>()) else {
                    continue;
                };
                continents.push((
                    0,
                    c[1].to_owned(),
                    lat,
                    lon,
                    supplement_names(&c, 4),
                    String::new(),
                ));
            }
            (Some(&"G"), 6..=7) => {
                // Regions inside one country ("Siberia", "the Midwest"): like the world
                // regions, with the country.
                let (Ok(lat), Ok(lon)) = (c[3].parse::<f64>(), c[4].parse::<f64>()) else {
                    continue;
                };
                let names = supplement_names(&c, 5);
                continents.push((0, c[2].to_owned(), lat, lon, names, c[1].to_owned()));
            }
            (Some(&"A"), 3) => {
                admin_aliases.insert(
                    c[1].to_owned(),
                    c[2].split('|').map(str::to_owned).collect(),
                );
            }
            _ => {}
        }
    }
    let mut country_lines = Vec::new();
    let mut capital_keys: HashMap<String, String> = HashMap::new();
    for line in ci.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 17 {
            return Err(bad(&ci_path, format!("short line: {line}")));
        }
        let (iso2, iso3, name, capital) = (c[0], c[1], c[4], c[5]);
        let pop = c[7].parse::<u64>().unwrap_or(0);
        let gid = c[16].parse::<u64>().unwrap_or(0);
        capital_keys.insert(iso2.to_owned(), name_key(capital));
        let Some((lat, lon, aliases, demonyms)) = extra_points.get(iso2) else {
            country_lines.push(format!("Y\t{iso2}\t{iso3}\t"));
            continue;
        };
        country_lines.push(format!("Y\t{iso2}\t{iso3}\t{}", demonyms.join("|")));
        if gid == 0 {
            continue;
        }
        let mut names = vec![(name.to_owned(), false)];
        names.extend(aliases.iter().map(|a| (a.clone(), false)));
        recs.push(Rec {
            gid,
            kind: FeatureKind::Country,
            cc: iso2.to_owned(),
            admin1: String::new(),
            admin2: String::new(),
            lat: *lat,
            lon: *lon,
            pop,
            name: name.to_owned(),
            names,
        });
    }
    country_lines.sort();
    for (gid, name, lat, lon, aliases, cc) in continents {
        let mut names = vec![(name.clone(), false)];
        names.extend(aliases);
        recs.push(Rec {
            gid,
            kind: FeatureKind::Continent,
            cc,
            admin1: String::new(),
            admin2: String::new(),
            lat,
            lon,
            pop: 0,
            names,
            name,
        });
    }

    // Ukraine: the full dump.
    let ua_path = from.join("UA.zip");
    let ua = unzip_member(&ua_path, &read_file(&ua_path)?, "UA.txt")?;
    let ua = String::from_utf8_lossy(&ua).into_owned();
    let mut ua_adm1: HashMap<u64, usize> = HashMap::new();
    let mut ua_recs = Vec::new();
    for line in ua.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 15 {
            continue;
        }
        let kind = match (c[6], c[7]) {
            ("P", "PPLQ" | "PPLH" | "PPLW" | "PPLCH") => continue,
            ("P", "PPLC") => FeatureKind::Capital,
            ("P", "PPLA" | "PPLA2") => FeatureKind::AdminSeat,
            ("P", "PPLX") => FeatureKind::Section,
            ("P", _) => FeatureKind::Populated,
            ("A", "ADM1") => FeatureKind::Admin1,
            ("A", "ADM2") => FeatureKind::Admin2,
            ("L", "RGN") | ("T", "PEN" | "ISL") => FeatureKind::Region,
            ("S", "AIRP" | "PS" | "PSN" | "DAM") => FeatureKind::Spot,
            _ => continue,
        };
        let (Ok(gid), Ok(lat), Ok(lon)) = (
            c[0].parse::<u64>(),
            c[4].parse::<f64>(),
            c[5].parse::<f64>(),
        ) else {
            continue;
        };
        let pop = c[14].parse::<u64>().unwrap_or(0);
        let mut names = vec![(c[1].to_owned(), false), (c[2].to_owned(), false)];
        names.extend(
            c[3].split(',')
                .filter(|a| keep_alternate(a))
                .map(|a| (a.to_owned(), true)),
        );
        if kind.is_area() {
            let stripped: Vec<(String, bool)> = names
                .iter()
                .map(|(n, _)| (strip_division_words(n), true))
                .collect();
            names.extend(stripped);
        }
        if kind == FeatureKind::Admin1 {
            ua_adm1.insert(gid, ua_recs.len());
        }
        ua_recs.push(Rec {
            gid,
            kind,
            cc: "UA".to_owned(),
            admin1: c[10].to_owned(),
            admin2: if kind == FeatureKind::Admin1 {
                String::new()
            } else {
                c[11].to_owned()
            },
            lat,
            lon,
            pop,
            name: c[1].to_owned(),
            names,
        });
    }

    // Populated places elsewhere: cities500.
    let cities_path = from.join("cities500.json.gz");
    let mut json = Vec::new();
    GzDecoder::new(read_file(&cities_path)?.as_slice())
        .read_to_end(&mut json)
        .map_err(io(&cities_path))?;
    let cities: BTreeMap<String, CityJson> =
        serde_json::from_slice(&json).map_err(|e| bad(&cities_path, e.to_string()))?;
    drop(json);
    let mut cities: Vec<CityJson> = cities.into_values().collect();
    cities.sort_by_key(|c| c.geonameid);
    let mut points: HashMap<String, (Vec<f64>, Vec<f64>, u64)> = HashMap::new();
    let mut city_recs = Vec::new();
    for c in cities {
        if c.countrycode == "UA" {
            continue;
        }
        let admin1 = c.admin1code.unwrap_or_default();
        let pop = c.population.unwrap_or(0);
        if !admin1.is_empty() {
            let e = points
                .entry(format!("{}.{}", c.countrycode, admin1))
                .or_default();
            e.0.push(c.latitude);
            e.1.push(c.longitude);
            e.2 += pop;
        }
        let kind = FeatureKind::Populated;
        let mut names = vec![(c.name.clone(), false)];
        names.extend(
            c.alternatenames
                .into_iter()
                .filter(|a| keep_alternate(a))
                .map(|a| (a, true)),
        );
        city_recs.push(Rec {
            gid: c.geonameid,
            kind,
            cc: c.countrycode,
            admin1,
            admin2: String::new(),
            lat: c.latitude,
            lon: c.longitude,
            pop,
            name: c.name,
            names,
        });
    }

    // First-level divisions.
    let a1_path = from.join("admin1CodesASCII.txt");
    let a1 = String::from_utf8_lossy(&read_file(&a1_path)?).into_owned();
    let mut a1_rows: Vec<(&str, &str, &str, u64)> = Vec::new();
    for line in a1.lines().filter(|l| !l.is_empty()) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 4 {
            return Err(bad(&a1_path, format!("short line: {line}")));
        }
        a1_rows.push((c[0], c[1], c[2], c[3].parse::<u64>().unwrap_or(0)));
    }
    a1_rows.sort();
    for (code, name, ascii, gid) in a1_rows {
        let Some((cc, adm)) = code.split_once('.') else {
            continue;
        };
        if let Some(&i) = ua_adm1.get(&gid) {
            // Ukraine's divisions come with points and alternate names from the dump; add
            // the English table name.
            if let Some(r) = ua_recs.get_mut(i) {
                r.names.push((name.to_owned(), false));
                r.name = name.to_owned();
                r.names.push((strip_division_words(name), true));
                r.admin1 = adm.to_owned();
            }
            continue;
        }
        let Some((lats, lons, pop)) = points.get(code) else {
            continue;
        };
        let Some((lat, lon)) = division_point(lats, lons) else {
            continue;
        };
        let mut names = vec![(name.to_owned(), false), (ascii.to_owned(), false)];
        names.push((strip_division_words(name), true));
        recs.push(Rec {
            gid,
            kind: FeatureKind::Admin1,
            cc: cc.to_owned(),
            admin1: adm.to_owned(),
            admin2: String::new(),
            lat,
            lon,
            pop: *pop,
            name: name.to_owned(),
            names,
        });
    }
    // US counties, parishes and boroughs: GeoNames' code table names them but carries no
    // points and cities500 no county codes, so each is placed at the town of 10,000 people
    // or more named like it in its state ("Orange County" at Orange, California), else at
    // its state's point (its precision says so: first-level).
    let a2_path = from.join("admin2Codes.txt");
    let a2 = String::from_utf8_lossy(&read_file(&a2_path)?).into_owned();
    let state_points: HashMap<String, (f64, f64)> = recs
        .iter()
        .filter(|r| r.kind == FeatureKind::Admin1 && r.cc == "US")
        .map(|r| (r.admin1.clone(), (r.lat, r.lon)))
        .collect();
    let mut county_towns: HashMap<(String, String), (u64, f64, f64)> = HashMap::new();
    for c in city_recs.iter().filter(|c| c.cc == "US" && c.pop >= 10_000) {
        let e = county_towns
            .entry((c.admin1.clone(), name_key(&c.name)))
            .or_insert((c.pop, c.lat, c.lon));
        if c.pop > e.0 {
            *e = (c.pop, c.lat, c.lon);
        }
    }
    let mut a2_rows: Vec<(&str, &str, u64)> = Vec::new();
    for line in a2.lines().filter(|l| l.starts_with("US.")) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 4 {
            return Err(bad(&a2_path, format!("short line: {line}")));
        }
        let county = c[1]
            .rsplit(' ')
            .next()
            .is_some_and(|w| matches!(w, "County" | "Parish" | "Borough"));
        if county {
            a2_rows.push((c[0], c[1], c[3].parse::<u64>().unwrap_or(0)));
        }
    }
    a2_rows.sort();
    for (code, name, gid) in a2_rows {
        let mut parts = code.split('.');
        let (Some(cc), Some(state), Some(county)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let town = county_towns
            .get(&(state.to_owned(), strip_division_words(name)))
            .map(|&(_, lat, lon)| (lat, lon));
        let Some((lat, lon)) = town.or_else(|| state_points.get(state).copied()) else {
            continue;
        };
        recs.push(Rec {
            gid,
            kind: FeatureKind::Admin2,
            cc: cc.to_owned(),
            admin1: state.to_owned(),
            admin2: county.to_owned(),
            lat,
            lon,
            pop: 0,
            name: name.to_owned(),
            // Only the full name ("Clay County"): the bare one would compete with every
            // small town named like a county of its state.
            names: vec![(name.to_owned(), false)],
        });
    }
    // Capitals: the most populous place of the country named like its capital
    // ("Washington, D.C." for "Washington").
    let mut best_capital: HashMap<String, (u64, usize)> = HashMap::new();
    for (i, c) in city_recs.iter().enumerate() {
        let key = name_key(&c.name);
        let named = capital_keys.get(&c.cc).is_some_and(|cap| {
            !cap.is_empty() && (key == *cap || key.starts_with(&format!("{cap} ")))
        });
        if named {
            let e = best_capital.entry(c.cc.clone()).or_insert((c.pop, i));
            if c.pop > e.0 {
                *e = (c.pop, i);
            }
        }
    }
    for (cc, (_, i)) in &best_capital {
        if let Some(c) = city_recs.get_mut(*i) {
            c.kind = FeatureKind::Capital;
            if let Some(cap) = capital_keys.get(cc) {
                c.names.push((cap.clone(), false));
            }
        }
    }
    // Division seats: a place named like its division ("Kursk" in Kursk, "New York").
    let mut division_names: HashMap<String, String> = HashMap::new();
    for r in &recs {
        if r.kind == FeatureKind::Admin1 {
            division_names.insert(
                format!("{}.{}", r.cc, r.admin1),
                strip_division_words(&r.name),
            );
        }
    }
    for c in &mut city_recs {
        let key = name_key(&c.name);
        let bare = key.strip_suffix(" city").unwrap_or(&key);
        if c.kind == FeatureKind::Populated
            && division_names
                .get(&format!("{}.{}", c.cc, c.admin1))
                .is_some_and(|d| *d == key || *d == bare)
        {
            c.kind = FeatureKind::AdminSeat;
        }
    }
    recs.extend(ua_recs);
    recs.extend(city_recs);
    for r in &mut recs {
        if r.kind == FeatureKind::Admin1
            && let Some(al) = admin_aliases.get(&format!("{}.{}", r.cc, r.admin1))
        {
            r.names.extend(al.iter().map(|a| (a.clone(), false)));
        }
    }

    // The name index.
    let mut index: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for (i, r) in recs.iter().enumerate() {
        for (n, alt) in &r.names {
            let key = name_key(n);
            if !is_latin_key(&key) || key.len() < 2 {
                continue;
            }
            let posting = (i as u64) << 1 | u64::from(*alt);
            let list = index.entry(key).or_default();
            if let Some(p) = list.iter_mut().find(|p| **p >> 1 == i as u64) {
                *p = (*p).min(posting);
            } else {
                list.push(posting);
            }
        }
    }

    let mut text = String::with_capacity(64 << 20);
    text.push_str("sitrep-gazetteer\t1\n");
    let mut by_kind: BTreeMap<char, usize> = BTreeMap::new();
    for r in &recs {
        *by_kind.entry(r.kind.letter()).or_default() += 1;
        let name = r.name.replace(['\t', '\n'], " ");
        text.push_str(&format!(
            "R\t{}\t{}\t{}\t{}\t{}\t{:.5}\t{:.5}\t{}\t{}\n",
            r.gid,
            r.kind.letter(),
            r.cc,
            r.admin1,
            r.admin2,
            r.lat,
            r.lon,
            r.pop,
            name
        ));
    }
    for l in &country_lines {
        text.push_str(l);
        text.push('\n');
    }
    for (key, list) in &index {
        text.push_str("N\t");
        text.push_str(key);
        text.push('\t');
        let mut list = list.clone();
        list.sort_unstable();
        let parts: Vec<String> = list.iter().map(u64::to_string).collect();
        text.push_str(&parts.join(" "));
        text.push('\n');
    }

    std::fs::create_dir_all(out).map_err(io(out))?;
    let path = out.join("gazetteer.tsv.gz");
    let file = std::fs::File::create(&path).map_err(io(&path))?;
    let mut gz = GzEncoder::new(std::io::BufWriter::new(file), Compression::best());
    gz.write_all(text.as_bytes()).map_err(io(&path))?;
    let mut w = gz.finish().map_err(io(&path))?;
    w.flush().map_err(io(&path))?;
    drop(w);
    let notice = out.join("NOTICE");
    std::fs::write(&notice, NOTICE).map_err(io(&notice))?;
    let bytes = std::fs::metadata(&path).map_err(io(&path))?.len();
    Ok(BuildSummary {
        path,
        bytes,
        records: recs.len(),
        keys: index.len(),
        by_kind: by_kind.into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::division_point;

    #[test]
    fn division_points_span_the_antimeridian() {
        let lats = [60.0, 62.0, 64.0, 66.0];
        let lons = [-170.0, -175.0, 178.0, 172.0];
        let (lat, lon) = division_point(&lats, &lons).unwrap();
        assert!((62.0..=64.0).contains(&lat), "{lat}");
        // The middle of 172°E..170°W is near 180°, not near 0°.
        assert!(lon.abs() > 170.0, "{lon}");
        let (_, lon) = division_point(&[1.0, 2.0], &[10.0, 20.0]).unwrap();
        assert!((lon - 15.0).abs() < 1e-9, "{lon}");
    }
}
