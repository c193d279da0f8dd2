//! Name lists: countries, cities, regions and demonyms, with ISO 3166-1 alpha-3 codes.
//!
//! The shipped list `data/ner/lexicon.tsv` is derived from GeoNames (CC BY 4.0, see
//! `data/ner/NOTICE`) by [`build_lexicon_tsv`] (run by `sitrep train ner`): country names and
//! capitals from `countryInfo.tsv`, first-level regions from `admin1CodesASCII.txt` (also
//! without "Oblast", "Province", ...), cities of at least 15,000 people from `cities500.json.gz`
//! (with their Latin-script alternate names for cities of at least 500,000), and demonyms
//! derived from country names by suffix rules. The hand lists in this file (country aliases
//! such as "US" and "Britain"; irregular and multi-word demonyms such as "North Korean") are
//! added when the list is loaded.

use super::clusters::Clusters;
use super::features::{Case, TokInfo, lower_hash, mix};
use std::collections::HashMap;
use std::io::Read as _;
use std::path::Path;

/// Gazetteer types, in feature bit order.
pub(crate) const GAZ_TYPES: usize = 4;
/// A country name.
pub(crate) const COUNTRY: u8 = 0;
/// A city name.
pub(crate) const CITY: u8 = 1;
/// A first-level region name.
pub(crate) const REGION: u8 = 2;
/// A nationality or demonym.
pub(crate) const DEMONYM: u8 = 3;

const TYPE_NAMES: [&str; GAZ_TYPES] = ["COUNTRY", "CITY", "REGION", "DEMONYM"];

/// Country aliases not in GeoNames' main names.
const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("US", "USA"),
    ("U.S.", "USA"),
    ("USA", "USA"),
    ("U.S.A.", "USA"),
    ("America", "USA"),
    ("United States of America", "USA"),
    ("UK", "GBR"),
    ("U.K.", "GBR"),
    ("Britain", "GBR"),
    ("Great Britain", "GBR"),
    ("England", "GBR"),
    ("Scotland", "GBR"),
    ("Wales", "GBR"),
    ("Northern Ireland", "GBR"),
    ("Russian Federation", "RUS"),
    ("Czechia", "CZE"),
    ("Czech Republic", "CZE"),
    ("Ivory Coast", "CIV"),
    ("Holland", "NLD"),
    ("Burma", "MMR"),
    ("DPRK", "PRK"),
    ("ROK", "KOR"),
    ("Vatican", "VAT"),
    ("UAE", "ARE"),
    ("Gaza", "PSE"),
    ("West Bank", "PSE"),
    ("Palestine", "PSE"),
    ("Kosovo", "XKX"),
    ("Congo", "COD"),
    ("DRC", "COD"),
    ("Zaire", "COD"),
    ("Soviet Union", "SUN"),
    ("USSR", "SUN"),
];

/// Demonyms the suffix rules do not produce, and multi-word ones. An empty code: no country.
const DEMONYMS: &[(&str, &str)] = &[
    ("American", "USA"),
    ("British", "GBR"),
    ("English", "GBR"),
    ("Scottish", "GBR"),
    ("Welsh", "GBR"),
    ("Briton", "GBR"),
    ("French", "FRA"),
    ("German", "DEU"),
    ("Dutch", "NLD"),
    ("Chinese", "CHN"),
    ("Japanese", "JPN"),
    ("Korean", ""),
    ("North Korean", "PRK"),
    ("South Korean", "KOR"),
    ("Israeli", "ISR"),
    ("Iraqi", "IRQ"),
    ("Iranian", "IRN"),
    ("Afghan", "AFG"),
    ("Pakistani", "PAK"),
    ("Turkish", "TUR"),
    ("Turk", "TUR"),
    ("Greek", "GRC"),
    ("Swiss", "CHE"),
    ("Swedish", "SWE"),
    ("Swede", "SWE"),
    ("Danish", "DNK"),
    ("Dane", "DNK"),
    ("Finnish", "FIN"),
    ("Finn", "FIN"),
    ("Norwegian", "NOR"),
    ("Polish", "POL"),
    ("Pole", "POL"),
    ("Spanish", "ESP"),
    ("Spaniard", "ESP"),
    ("Portuguese", "PRT"),
    ("Irish", "IRL"),
    ("Lebanese", "LBN"),
    ("Vietnamese", "VNM"),
    ("Thai", "THA"),
    ("Filipino", "PHL"),
    ("Philippine", "PHL"),
    ("Saudi", "SAU"),
    ("Yemeni", "YEM"),
    ("Qatari", "QAT"),
    ("Emirati", "ARE"),
    ("Kuwaiti", "KWT"),
    ("Omani", "OMN"),
    ("Bahraini", "BHR"),
    ("Jordanian", "JOR"),
    ("Egyptian", "EGY"),
    ("Libyan", "LBY"),
    ("Sudanese", "SDN"),
    ("South Sudanese", "SSD"),
    ("Somali", "SOM"),
    ("Ghanaian", "GHA"),
    ("Congolese", "COD"),
    ("Belarusian", "BLR"),
    ("Belarussian", "BLR"),
    ("Kazakh", "KAZ"),
    ("Uzbek", "UZB"),
    ("Tajik", "TJK"),
    ("Kyrgyz", "KGZ"),
    ("Turkmen", "TKM"),
    ("Azerbaijani", "AZE"),
    ("Azeri", "AZE"),
    ("Chechen", "RUS"),
    ("Palestinian", "PSE"),
    ("Taiwanese", "TWN"),
    ("Burmese", "MMR"),
    ("Bangladeshi", "BGD"),
    ("Nepali", "NPL"),
    ("Nepalese", "NPL"),
    ("Sri Lankan", "LKA"),
    ("Argentine", "ARG"),
    ("Argentinian", "ARG"),
    ("Peruvian", "PER"),
    ("Canadian", "CAN"),
    ("Hungarian", "HUN"),
    ("Czech", "CZE"),
    ("Slovak", "SVK"),
    ("Slovene", "SVN"),
    ("Croat", "HRV"),
    ("Serb", "SRB"),
    ("Bosnian", "BIH"),
    ("Italian", "ITA"),
    ("Maltese", "MLT"),
    ("Cypriot", "CYP"),
    ("Brazilian", "BRA"),
    ("Chilean", "CHL"),
    ("Ecuadorian", "ECU"),
    ("Venezuelan", "VEN"),
    ("Haitian", "HTI"),
    ("Jamaican", "JAM"),
    ("Icelandic", "ISL"),
    ("Belgian", "BEL"),
    ("Luxembourgish", "LUX"),
    ("New Zealand", "NZL"),
    ("Kiwi", "NZL"),
    ("Singaporean", "SGP"),
    ("Malian", "MLI"),
    ("Nigerien", "NER"),
    ("Senegalese", "SEN"),
    ("Ivorian", "CIV"),
    ("Zimbabwean", "ZWE"),
    ("Mozambican", "MOZ"),
    ("Malagasy", "MDG"),
    ("Moldovan", "MDA"),
    ("Georgian", "GEO"),
    ("Ukrainian", "UKR"),
    ("Russian", "RUS"),
    ("Syrian", "SYR"),
    ("Soviet", "SUN"),
    ("Western", ""),
    ("European", ""),
    ("Arab", ""),
    ("Kurdish", ""),
    ("Kurd", ""),
    ("Pashtun", ""),
    ("Baltic", ""),
    ("African", ""),
    ("Asian", ""),
    ("Latin American", ""),
    ("Scandinavian", ""),
    ("Balkan", ""),
];

/// What a name is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LexEntry {
    /// Bit per gazetteer type (country, city, region, demonym).
    pub(crate) mask: u8,
    /// The country (alpha-3) each type of name gives.
    iso: [Option<[u8; 3]>; GAZ_TYPES],
}

impl LexEntry {
    /// Is the name of this type?
    pub fn is(&self, ty: u8) -> bool {
        self.mask & (1 << ty) != 0
    }

    /// The ISO 3166-1 alpha-3 code of a country name or demonym.
    pub fn country(&self) -> Option<&str> {
        self.country_as(COUNTRY)
            .or_else(|| self.country_as(DEMONYM))
    }

    /// The country the name gives when read as type `ty`.
    pub fn country_as(&self, ty: u8) -> Option<&str> {
        self.iso
            .get(usize::from(ty))
            .and_then(|c| c.as_ref())
            .and_then(|c| std::str::from_utf8(c).ok())
    }
}

/// Names by lowercased token sequence.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entries: HashMap<u64, LexEntry>,
    max_len: usize,
    /// Word clusters (the tagger's cluster features).
    clusters: Clusters,
}

fn seq_hash<S: AsRef<str>>(toks: &[S]) -> u64 {
    toks.iter()
        .fold(0xABCD_u64, |h, t| mix(h, lower_hash(t.as_ref())))
}

fn iso_bytes(s: &str) -> Option<[u8; 3]> {
    let b = s.as_bytes();
    (b.len() == 3 && b.iter().all(u8::is_ascii_uppercase)).then(|| [b[0], b[1], b[2]])
}

impl Lexicon {
    /// The shipped lexicon plus the hand lists.
    pub fn embedded() -> Self {
        Self::from_tsv(include_str!("../../data/ner/lexicon.tsv"))
            .with_clusters(Clusters::embedded())
    }

    /// The same names with these word clusters.
    pub fn with_clusters(mut self, clusters: Clusters) -> Self {
        self.clusters = clusters;
        self
    }

    /// The word clusters.
    pub fn clusters(&self) -> &Clusters {
        &self.clusters
    }

    /// Reads `TYPE<TAB>name<TAB>ISO3-or-dash` lines and adds the hand lists.
    pub fn from_tsv(tsv: &str) -> Self {
        let mut lex = Lexicon::default();
        for line in tsv.lines() {
            let mut cols = line.split('\t');
            let (Some(ty), Some(name), iso) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let Some(ty) = TYPE_NAMES.iter().position(|t| *t == ty) else {
                continue;
            };
            lex.add(name, ty as u8, iso.and_then(iso_bytes));
        }
        for (name, iso) in COUNTRY_ALIASES {
            lex.add(name, COUNTRY, iso_bytes(iso));
        }
        for (name, iso) in DEMONYMS {
            lex.add(name, DEMONYM, iso_bytes(iso));
            for p in plurals(name) {
                lex.add(&p, DEMONYM, iso_bytes(iso));
            }
        }
        lex
    }

    fn add(&mut self, name: &str, ty: u8, iso: Option<[u8; 3]>) {
        let toks: Vec<&str> = name.split_whitespace().collect();
        if toks.is_empty() || toks.len() > 6 {
            return;
        }
        self.max_len = self.max_len.max(toks.len());
        let e = self.entries.entry(seq_hash(&toks)).or_default();
        e.mask |= 1 << ty;
        if let Some(slot) = e.iso.get_mut(usize::from(ty))
            && slot.is_none()
        {
            *slot = iso;
        }
    }

    /// The entry for exactly these tokens.
    pub fn lookup<S: AsRef<str>>(&self, toks: &[S]) -> Option<&LexEntry> {
        if toks.is_empty() || toks.len() > self.max_len {
            return None;
        }
        self.entries.get(&seq_hash(toks))
    }

    /// Longest entry starting at `toks[0]` that satisfies `keep`, with its length.
    pub fn longest<S: AsRef<str>>(
        &self,
        toks: &[S],
        keep: impl Fn(&LexEntry) -> bool,
    ) -> Option<(usize, &LexEntry)> {
        let mut h = 0xABCD_u64;
        let mut best = None;
        for (n, t) in toks.iter().take(self.max_len).enumerate() {
            h = mix(h, lower_hash(t.as_ref()));
            if let Some(e) = self.entries.get(&h)
                && keep(e)
            {
                best = Some((n + 1, e));
            }
        }
        best
    }

    /// Sets the gazetteer bits of the tokens of a sentence (names must start capitalised).
    pub(crate) fn mark<S: AsRef<str>>(&self, words: &[S], toks: &mut [TokInfo]) {
        for i in 0..toks.len() {
            if !matches!(toks[i].case, Case::Title | Case::Upper) {
                continue;
            }
            let mut h = 0xABCD_u64;
            for n in 0..self.max_len.min(toks.len() - i) {
                h = mix(h, lower_hash(words[i + n].as_ref()));
                let Some(e) = self.entries.get(&h) else {
                    continue;
                };
                let len = n + 1;
                for ty in 0..GAZ_TYPES {
                    if e.mask & (1 << ty) == 0 {
                        continue;
                    }
                    let base = 4 * ty as u32;
                    if len == 1 {
                        toks[i].gaz |= 1 << (base + 3);
                    } else {
                        toks[i].gaz |= 1 << base;
                        for t in &mut toks[i + 1..i + len - 1] {
                            t.gaz |= 1 << (base + 1);
                        }
                        toks[i + len - 1].gaz |= 1 << (base + 2);
                    }
                }
            }
        }
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn plurals(demonym: &str) -> Vec<String> {
    let ends = |s: &str| demonym.ends_with(s);
    if ends("ese") || ends("ish") || ends("ch") || ends("ss") || ends("ern") || ends("ic") {
        Vec::new()
    } else if ends("an") || ends("i") || ends("k") || ends("n") || ends("e") || ends("o") {
        vec![format!("{demonym}s")]
    } else {
        Vec::new()
    }
}

/// Demonyms derived from a country name by suffix rules ("Russia" -> "Russian").
fn derive_demonym(country: &str) -> Option<String> {
    if country.contains(' ') {
        return None;
    }
    if country.ends_with("ia") || country.ends_with('a') {
        Some(format!("{country}n"))
    } else if let Some(stem) = country.strip_suffix('o') {
        Some(format!("{stem}an"))
    } else if country.ends_with("stan") {
        Some(format!("{country}i"))
    } else if country.ends_with("an") {
        Some(format!("{country}ese"))
    } else {
        None
    }
}

/// Errors building the lexicon.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A source file could not be read.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: String,
        /// The error.
        error: std::io::Error,
    },
    /// A source file is malformed.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

const REGION_SUFFIXES: &[&str] = &[
    " Oblast",
    " Province",
    " Region",
    " Governorate",
    " Krai",
    " Republic",
    " State",
    " Prefecture",
    " District",
    " County",
];

/// Derives `lexicon.tsv` from the GeoNames files in `dir` (deterministic, sorted).
pub fn build_lexicon_tsv(dir: &Path) -> Result<String, LexiconError> {
    let read = |name: &str| -> Result<Vec<u8>, LexiconError> {
        let path = dir.join(name);
        std::fs::read(&path).map_err(|error| LexiconError::Io {
            path: path.display().to_string(),
            error,
        })
    };
    let mut rows: Vec<(u8, String, String)> = Vec::new();
    let mut iso2_to_3: HashMap<String, String> = HashMap::new();
    let info = String::from_utf8_lossy(&read("countryInfo.tsv")?).into_owned();
    for line in info.lines().filter(|l| !l.starts_with('#')) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 6 {
            continue;
        }
        let (iso2, iso3, name, capital) = (c[0], c[1], c[4], c[5]);
        iso2_to_3.insert(iso2.to_owned(), iso3.to_owned());
        rows.push((COUNTRY, name.to_owned(), iso3.to_owned()));
        if !capital.is_empty() {
            rows.push((CITY, capital.to_owned(), iso3.to_owned()));
        }
        if let Some(d) = derive_demonym(name) {
            rows.push((DEMONYM, d, iso3.to_owned()));
        }
    }
    let admin = String::from_utf8_lossy(&read("admin1CodesASCII.txt")?).into_owned();
    for line in admin.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 3 {
            continue;
        }
        let iso = c[0]
            .split('.')
            .next()
            .and_then(|i2| iso2_to_3.get(i2))
            .cloned()
            .unwrap_or_else(|| "-".into());
        for name in [c[1], c[2]] {
            rows.push((REGION, name.to_owned(), iso.clone()));
            for suf in REGION_SUFFIXES {
                if let Some(short) = name.strip_suffix(suf) {
                    rows.push((REGION, short.to_owned(), iso.clone()));
                }
            }
        }
    }
    let path = dir.join("cities500.json.gz");
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(read("cities500.json.gz")?.as_slice())
        .read_to_end(&mut json)
        .map_err(|error| LexiconError::Io {
            path: path.display().to_string(),
            error,
        })?;
    let cities: serde_json::Value =
        serde_json::from_slice(&json).map_err(|e| LexiconError::Format {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
    if let Some(map) = cities.as_object() {
        for c in map.values() {
            let pop = c["population"].as_u64().unwrap_or(0);
            if pop < 15_000 {
                continue;
            }
            let iso = c["countrycode"]
                .as_str()
                .and_then(|i2| iso2_to_3.get(i2))
                .cloned()
                .unwrap_or_else(|| "-".into());
            if let Some(name) = c["name"].as_str() {
                rows.push((CITY, name.to_owned(), iso.clone()));
            }
            if pop >= 500_000
                && let Some(alts) = c["alternatenames"].as_array()
            {
                for a in alts.iter().filter_map(|a| a.as_str()) {
                    let ok = a.len() >= 4
                        && a.chars().next().is_some_and(|f| f.is_ascii_uppercase())
                        && a.chars()
                            .all(|ch| ch.is_ascii_alphabetic() || ch == ' ' || ch == '-');
                    if ok {
                        rows.push((CITY, a.to_owned(), iso.clone()));
                    }
                }
            }
        }
    }
    rows.retain(|(_, n, _)| !n.is_empty() && !n.contains(['\t', '\n', ',', '(']));
    rows.sort();
    rows.dedup();
    let mut out = String::new();
    for (ty, name, iso) in rows {
        out.push_str(TYPE_NAMES[usize::from(ty)]);
        out.push('\t');
        out.push_str(&name);
        out.push('\t');
        out.push_str(&iso);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_lists_and_rules() {
        let lex =
            Lexicon::from_tsv("COUNTRY\tUkraine\tUKR\nDEMONYM\tUkrainian\tUKR\nCITY\tKyiv\tUKR\n");
        let e = lex.lookup(&["North", "Korean"]).unwrap();
        assert!(e.is(DEMONYM));
        assert_eq!(e.country(), Some("PRK"));
        assert_eq!(lex.lookup(&["ukrainians"]).unwrap().country(), Some("UKR"));
        assert_eq!(lex.lookup(&["US"]).unwrap().country(), Some("USA"));
        assert!(lex.lookup(&["Kyiv"]).unwrap().is(CITY));
        let (n, e) = lex
            .longest(&["South", "Korean", "intelligence"], |e| e.is(DEMONYM))
            .unwrap();
        assert_eq!((n, e.country()), (2, Some("KOR")));
        assert_eq!(derive_demonym("Russia").as_deref(), Some("Russian"));
        assert_eq!(derive_demonym("Mexico").as_deref(), Some("Mexican"));
        assert_eq!(derive_demonym("Uzbekistan").as_deref(), Some("Uzbekistani"));
    }
}
