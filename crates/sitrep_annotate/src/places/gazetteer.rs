//! The embedded gazetteer: records, a sorted name index and the country tables.
//!
//! The file (`data/gazetteer/gazetteer.tsv.gz`, written by [`super::build_gazetteer`]) is gzip
//! text in four kinds of lines, in this order:
//!
//! ```text
//! sitrep-gazetteer <tab> 1 <tab> RECORDS <tab> KEYS
//! R <tab> geonameid <tab> kind <tab> ISO2 <tab> admin1 <tab> admin2 <tab> lat <tab> lon <tab> population <tab> name
//! Y <tab> ISO2 <tab> ISO3 <tab> demonym|demonym...
//! N <tab> key <tab> posting posting ...        (sorted by key; posting = record * 2 + alternate)
//! ```
//!
//! `kind` is one letter of [`FeatureKind`]. Loading keeps the decompressed text and indexes
//! into it, so names are never copied; posting lists are parsed when looked up.

use super::normalize::name_key;
use flate2::read::GzDecoder;
use sitrep_model::Precision;
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

/// The gazetteer built from GeoNames, embedded in the binary.
static EMBEDDED: &[u8] = include_bytes!("../../data/gazetteer/gazetteer.tsv.gz");

/// Errors reading a gazetteer file.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// The data is not gzip or not UTF-8.
    #[error("gazetteer: {0}")]
    Io(#[from] std::io::Error),
    /// A line is malformed.
    #[error("gazetteer line {line}: {message}")]
    Format {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// What a gazetteer record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeatureKind {
    /// A continent, ocean, sea or world region (`K`); with a country code, a large region
    /// inside that country ("Siberia", "the Midwest").
    Continent,
    /// An independent country (`C`).
    Country,
    /// A first-level division (`1`).
    Admin1,
    /// A second-level division (`2`).
    Admin2,
    /// A region, peninsula or island (`G`).
    Region,
    /// A national capital (`P`).
    Capital,
    /// The seat of a first- or second-level division (`A`).
    AdminSeat,
    /// Any other populated place (`T`).
    Populated,
    /// A section of a populated place (`X`).
    Section,
    /// A spot: airport, power station, dam (`S`).
    Spot,
}

impl FeatureKind {
    /// The letter used in the file.
    pub fn letter(self) -> char {
        match self {
            FeatureKind::Continent => 'K',
            FeatureKind::Country => 'C',
            FeatureKind::Admin1 => '1',
            FeatureKind::Admin2 => '2',
            FeatureKind::Region => 'G',
            FeatureKind::Capital => 'P',
            FeatureKind::AdminSeat => 'A',
            FeatureKind::Populated => 'T',
            FeatureKind::Section => 'X',
            FeatureKind::Spot => 'S',
        }
    }

    /// The kind for a file letter.
    pub fn from_letter(c: &str) -> Option<Self> {
        Some(match c {
            "K" => FeatureKind::Continent,
            "C" => FeatureKind::Country,
            "1" => FeatureKind::Admin1,
            "2" => FeatureKind::Admin2,
            "G" => FeatureKind::Region,
            "P" => FeatureKind::Capital,
            "A" => FeatureKind::AdminSeat,
            "T" => FeatureKind::Populated,
            "X" => FeatureKind::Section,
            "S" => FeatureKind::Spot,
            _ => return None,
        })
    }

    /// True for divisions and larger areas (not settlements or spots).
    pub fn is_area(self) -> bool {
        matches!(
            self,
            FeatureKind::Continent
                | FeatureKind::Country
                | FeatureKind::Admin1
                | FeatureKind::Admin2
                | FeatureKind::Region
        )
    }

    /// True for settlements.
    pub fn is_settlement(self) -> bool {
        matches!(
            self,
            FeatureKind::Capital | FeatureKind::AdminSeat | FeatureKind::Populated
        )
    }
}

/// One gazetteer entry.
#[derive(Debug, Clone, Copy)]
pub struct Record {
    /// GeoNames id.
    pub geonames_id: u32,
    /// Feature kind.
    pub kind: FeatureKind,
    /// Country, ISO 3166-1 alpha-2 (`"  "` when none).
    pub cc: [u8; 2],
    /// Index of the admin1 code in [`Gazetteer::admin_code`] (0 = none).
    pub admin1: u32,
    /// Index of the admin2 code (0 = none).
    pub admin2: u32,
    /// Latitude.
    pub lat: f32,
    /// Longitude.
    pub lon: f32,
    /// Population (0 when unknown).
    pub population: u32,
    name: (u32, u32),
}

impl Record {
    /// How precisely this record locates a name.
    pub fn precision(&self) -> Precision {
        match self.kind {
            FeatureKind::Continent if self.cc != *b"  " => Precision::Admin1,
            FeatureKind::Continent | FeatureKind::Country => Precision::Country,
            FeatureKind::Admin1 | FeatureKind::Region => Precision::Admin1,
            // US counties are placed at their state's point (the GeoNames code table has no
            // coordinates): only the state is known precisely.
            FeatureKind::Admin2 if self.cc == *b"US" => Precision::Admin1,
            FeatureKind::Admin2 => Precision::Admin2,
            FeatureKind::Capital | FeatureKind::AdminSeat => Precision::City,
            FeatureKind::Populated if self.population >= 10_000 => Precision::City,
            FeatureKind::Populated => Precision::Village,
            FeatureKind::Section | FeatureKind::Spot => Precision::Point,
        }
    }

    /// The country code as a string.
    pub fn cc(&self) -> &str {
        std::str::from_utf8(&self.cc).unwrap_or("")
    }
}

/// One hit of a name lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// Record index.
    pub record: u32,
    /// True when the name is an alternate name of the record, not its main name.
    pub alternate: bool,
}

/// A loaded gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    text: String,
    records: Vec<Record>,
    /// Where the sorted `N` lines start in `text` (they run to its end).
    index_start: usize,
    admin_codes: Vec<String>,
    countries: HashMap<[u8; 2], CountryInfo>,
    admin1_records: HashMap<u32, u32>,
    admin2_records: HashMap<u32, u32>,
    demonyms: Vec<(String, [u8; 2])>,
}

/// A country's codes and record.
#[derive(Debug, Clone)]
pub struct CountryInfo {
    /// ISO 3166-1 alpha-3.
    pub iso3: String,
    /// Index of the country record.
    pub record: Option<u32>,
}

/// Parses a plain decimal ("-12.34567", "448733"); faster than `str::parse::<f64>` for the
/// short numbers of the file.
fn parse_decimal(s: &str) -> Option<f64> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let mut int: i64 = 0;
    let mut scale: f64 = 1.0;
    let mut seen_dot = false;
    let mut any = false;
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => {
                int = int.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
                if seen_dot {
                    scale *= 10.0;
                }
                any = true;
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if !any {
        return None;
    }
    let v = int as f64 / scale;
    Some(if neg { -v } else { v })
}

/// FNV-1a: a fast hash for the short admin codes interned at load (267,000 lookups).
#[derive(Debug, Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type AdminIndex<'a> = HashMap<(&'a str, &'a str, &'a str), u32, std::hash::BuildHasherDefault<Fnv>>;

/// The index of an admin code ("RU.41", "UA.27.1234"), added on first sight.
fn intern<'a>(
    ix: &mut AdminIndex<'a>,
    codes: &mut Vec<String>,
    code: (&'a str, &'a str, &'a str),
) -> u32 {
    if let Some(&i) = ix.get(&code) {
        return i;
    }
    let i = codes.len() as u32;
    codes.push(if code.2.is_empty() {
        format!("{}.{}", code.0, code.1)
    } else {
        format!("{}.{}.{}", code.0, code.1, code.2)
    });
    ix.insert(code, i);
    i
}

fn fmt_err(line: usize, message: impl Into<String>) -> GazetteerError {
    GazetteerError::Format {
        line,
        message: message.into(),
    }
}

impl Gazetteer {
    /// The gazetteer embedded in the binary, loaded on first use (then shared).
    pub fn embedded() -> Result<&'static Gazetteer, &'static GazetteerError> {
        static CELL: OnceLock<Result<Gazetteer, GazetteerError>> = OnceLock::new();
        CELL.get_or_init(|| Gazetteer::from_gzip(EMBEDDED)).as_ref()
    }

    /// Size of the embedded (compressed) gazetteer in bytes.
    pub fn embedded_size() -> usize {
        EMBEDDED.len()
    }

    /// Loads a gazetteer from its gzip file contents.
    pub fn from_gzip(bytes: &[u8]) -> Result<Self, GazetteerError> {
        let mut text = String::with_capacity(bytes.len() * 4);
        GzDecoder::new(bytes).read_to_string(&mut text)?;
        Self::from_text(text)
    }

    /// Loads a gazetteer from its decompressed text.
    pub fn from_text(text: String) -> Result<Self, GazetteerError> {
        let mut records = Vec::new();
        let mut index_start = text.len();
        let mut admin_codes: Vec<String> = vec![String::new()];
        let mut admin_ix: AdminIndex<'_> = HashMap::default();
        let mut countries: HashMap<[u8; 2], CountryInfo> = HashMap::new();
        let mut demonyms = Vec::new();
        let base = text.as_ptr() as usize;
        for (n, line) in text.split('\n').enumerate() {
            let lineno = n + 1;
            if line.is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            match f.next() {
                Some("R") => {
                    let mut cols = [""; 9];
                    let mut n = 0;
                    for (slot, c) in cols.iter_mut().zip(&mut f) {
                        *slot = c;
                        n += 1;
                    }
                    if n != 9 || f.next().is_some() {
                        return Err(fmt_err(lineno, "record needs 9 columns"));
                    }
                    let num = |s: &str| -> Result<f64, GazetteerError> {
                        parse_decimal(s).ok_or_else(|| fmt_err(lineno, format!("number `{s}`")))
                    };
                    let kind = FeatureKind::from_letter(cols[1])
                        .ok_or_else(|| fmt_err(lineno, format!("kind `{}`", cols[1])))?;
                    let cc = match cols[2].as_bytes() {
                        [a, b] => [*a, *b],
                        _ => *b"  ",
                    };
                    let admin1 = if cols[3].is_empty() {
                        0
                    } else {
                        intern(&mut admin_ix, &mut admin_codes, (cols[2], cols[3], ""))
                    };
                    let admin2 = if cols[4].is_empty() {
                        0
                    } else {
                        intern(&mut admin_ix, &mut admin_codes, (cols[2], cols[3], cols[4]))
                    };
                    let name = cols[8];
                    let start = name.as_ptr() as usize - base;
                    records.push(Record {
                        geonames_id: num(cols[0])? as u32,
                        kind,
                        cc,
                        admin1,
                        admin2,
                        lat: num(cols[5])? as f32,
                        lon: num(cols[6])? as f32,
                        population: num(cols[7])? as u32,
                        name: (start as u32, name.len() as u32),
                    });
                }
                Some("Y") => {
                    let cols: Vec<&str> = f.collect();
                    if cols.len() != 3 {
                        return Err(fmt_err(lineno, "country line needs 3 columns"));
                    }
                    let cc = match cols[0].as_bytes() {
                        [a, b] => [*a, *b],
                        _ => return Err(fmt_err(lineno, "bad ISO2 code")),
                    };
                    for d in cols[2].split('|').filter(|d| !d.is_empty()) {
                        demonyms.push((name_key(d), cc));
                    }
                    countries.insert(
                        cc,
                        CountryInfo {
                            iso3: cols[1].to_owned(),
                            record: None,
                        },
                    );
                }
                Some("N") => {
                    // The sorted index runs to the end of the file; it is searched in place.
                    index_start = line.as_ptr() as usize - base;
                    break;
                }
                Some(h) if h.starts_with("sitrep-gazetteer") => {}
                _ => return Err(fmt_err(lineno, "unknown line type")),
            }
        }
        let mut admin1_records = HashMap::new();
        let mut admin2_records = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            match r.kind {
                FeatureKind::Country => {
                    if let Some(c) = countries.get_mut(&r.cc) {
                        c.record.get_or_insert(i as u32);
                    }
                }
                FeatureKind::Admin1 if r.admin1 != 0 => {
                    admin1_records.entry(r.admin1).or_insert(i as u32);
                }
                FeatureKind::Admin2 if r.admin2 != 0 => {
                    admin2_records.entry(r.admin2).or_insert(i as u32);
                }
                _ => {}
            }
        }
        // A demonym shared by several countries ("French") names the most populous one.
        let pop_of = |cc: &[u8; 2]| {
            countries
                .get(cc)
                .and_then(|c| c.record)
                .and_then(|i| records.get(i as usize))
                .map_or(0, |r| r.population)
        };
        demonyms.sort_by(|a, b| a.0.cmp(&b.0).then(pop_of(&b.1).cmp(&pop_of(&a.1))));
        demonyms.dedup_by(|later, first| later.0 == first.0);
        Ok(Gazetteer {
            text,
            records,
            index_start,
            admin_codes,
            countries,
            admin1_records,
            admin2_records,
            demonyms,
        })
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when there are no records.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Number of distinct name keys (counts the index lines).
    pub fn key_count(&self) -> usize {
        self.text
            .get(self.index_start..)
            .map_or(0, |t| t.lines().filter(|l| !l.is_empty()).count())
    }

    /// A record by index.
    pub fn record(&self, i: u32) -> Option<&Record> {
        self.records.get(i as usize)
    }

    /// The record's gazetteer name.
    pub fn name(&self, r: &Record) -> &str {
        let (s, l) = (r.name.0 as usize, r.name.1 as usize);
        self.text.get(s..s + l).unwrap_or("")
    }

    /// An interned admin code ("RU.41", "UA.12.1234") by index.
    pub fn admin_code(&self, i: u32) -> &str {
        self.admin_codes.get(i as usize).map_or("", |s| s.as_str())
    }

    /// The record of the record's admin1 division.
    pub fn admin1_record(&self, r: &Record) -> Option<(u32, &Record)> {
        let i = *self.admin1_records.get(&r.admin1)?;
        Some((i, self.record(i)?))
    }

    /// The record of the record's admin2 division.
    pub fn admin2_record(&self, r: &Record) -> Option<(u32, &Record)> {
        let i = *self.admin2_records.get(&r.admin2)?;
        Some((i, self.record(i)?))
    }

    /// The country record for an ISO2 code.
    pub fn country_record(&self, cc: [u8; 2]) -> Option<(u32, &Record)> {
        let i = self.countries.get(&cc)?.record?;
        Some((i, self.record(i)?))
    }

    /// ISO 3166-1 alpha-3 of an alpha-2 code.
    pub fn iso3(&self, cc: [u8; 2]) -> Option<&str> {
        self.countries.get(&cc).map(|c| c.iso3.as_str())
    }

    /// The country a demonym or adjective names ("ukrainian" → UA), by key.
    pub fn demonym(&self, key: &str) -> Option<[u8; 2]> {
        let i = self
            .demonyms
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()?;
        self.demonyms.get(i).map(|(_, cc)| *cc)
    }

    /// The first index line whose key is not less than `key`: (key, posting list).
    /// A binary search over the byte range of the sorted lines, finding line starts as it
    /// goes, so loading builds no table.
    fn lower_bound(&self, key: &str) -> Option<(&str, &str)> {
        let text = &self.text;
        let (mut lo, mut hi) = (self.index_start, text.len());
        // Invariant: `lo` is a line start; every line before `lo` has a smaller key; every
        // line starting at or after `hi` has a key not less than `key`.
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = text.get(lo..mid)?.rfind('\n').map_or(lo, |i| lo + i + 1);
            let end = text
                .get(start..)?
                .find('\n')
                .map_or(text.len(), |i| start + i);
            let k = text.get(start..end)?.split('\t').nth(1).unwrap_or("");
            if k < key {
                lo = end + 1;
            } else {
                hi = start;
            }
        }
        let line = text.get(lo..)?.lines().next()?;
        let mut f = line.split('\t').skip(1);
        Some((f.next()?, f.next().unwrap_or("")))
    }

    /// The records named `key` (a [`name_key`]), main names and alternates.
    pub fn lookup(&self, key: &str) -> impl Iterator<Item = Posting> + '_ {
        let list = match self.lower_bound(key) {
            Some((k, list)) if k == key => list,
            _ => "",
        };
        list.split(' ')
            .filter_map(|p| p.parse::<u32>().ok())
            .map(|p| Posting {
                record: p >> 1,
                alternate: p & 1 == 1,
            })
    }

    /// True when `key` is in the index.
    pub fn contains(&self, key: &str) -> bool {
        self.lower_bound(key).is_some_and(|(k, _)| k == key)
    }

    /// True when some key starts with `prefix` followed by a space (a longer name may follow).
    pub fn has_longer(&self, prefix: &str) -> bool {
        let probe = format!("{prefix} ");
        self.lower_bound(&probe)
            .is_some_and(|(k, _)| k.starts_with(&probe))
    }
}

#[cfg(test)]
pub(crate) fn test_gazetteer() -> Gazetteer {
    // A tiny gazetteer in the file format, for unit tests.
    let text = "sitrep-gazetteer\t1\n\
R\t2017370\tC\tRU\t\t\t60\t100\t140000000\tRussia\n\
R\t690791\tC\tUA\t\t\t49\t32\t40000000\tUkraine\n\
R\t538555\t1\tRU\t41\t\t51.75\t36.2\t1100000\tKursk\n\
R\t569665\t1\tRU\t12\t\t43.4\t45.7\t1300000\tChechnya\n\
R\t538560\tA\tRU\t41\t\t51.73\t36.18\t448733\tKursk\n\
R\t578230\tT\tRU\t41\t\t51.05878\t35.71088\t2810\tBelaya\n\
R\t558118\tT\tRU\t12\t\t43.35\t46.1\t32769\tGudermes\n\
R\t712667\tT\tUA\t22\t\t49.029\t25.77\t3728\tBelaya\n\
R\t703448\tP\tUA\t12\t\t50.45466\t30.5238\t2952301\tKyiv\n\
R\t706483\tA\tUA\t07\t\t49.98\t36.25\t1430885\tKharkiv\n\
Y\tRU\tRUS\tRussian\n\
Y\tUA\tUKR\tUkrainian\n\
N\tbelaya\t10 13 14\n\
N\tchechnya\t6\n\
N\tgudermes\t12\n\
N\tharkov\t19\n\
N\tkharkiv\t18\n\
N\tkharkov\t19\n\
N\tkiev\t17\n\
N\tkursk\t4 8\n\
N\tkyiv\t16\n\
N\trussia\t0\n\
N\tukraine\t2\n";
    match Gazetteer::from_text(text.to_owned()) {
        Ok(g) => g,
        Err(e) => unreachable!("test gazetteer: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_finds_main_and_alternate_names() {
        let g = test_gazetteer();
        let hits: Vec<Posting> = g.lookup("belaya").collect();
        assert_eq!(hits.len(), 3);
        assert!(hits.iter().any(|p| p.record == 6 && p.alternate));
        assert_eq!(g.lookup("kiev").next().map(|p| p.record), Some(8));
        assert_eq!(g.lookup("nowhere").count(), 0);
        let kursk = g.record(2).map(|r| g.name(r));
        assert_eq!(kursk, Some("Kursk"));
        assert!(!g.has_longer("kyiv"));
        // The in-place binary search at both ends and between keys.
        assert!(g.contains("belaya") && g.contains("ukraine") && g.contains("kiev"));
        assert!(!g.contains("aaa") && !g.contains("zzz") && !g.contains("kursk2"));
        assert!(!g.contains("kurs") && !g.contains(""));
        assert_eq!(g.key_count(), 11);
    }

    #[test]
    fn admin_and_country_tables() {
        let g = test_gazetteer();
        let belaya = g.record(5).copied();
        let Some(b) = belaya else {
            unreachable!("record 5")
        };
        assert_eq!(g.admin_code(b.admin1), "RU.41");
        assert_eq!(g.admin1_record(&b).map(|(i, _)| i), Some(2));
        assert_eq!(g.iso3(b.cc), Some("RUS"));
        assert_eq!(g.demonym("ukrainian"), Some(*b"UA"));
        assert_eq!(b.precision(), Precision::Village);
    }
}
