//! The actor dictionary: country names, demonyms and capitals (`data/countries.toml`),
//! named actors (`data/actors.toml`: armed forces, governments, intelligence services, armed
//! groups, international organisations) and sector head nouns, extendable with a user file.
//!
//! Names are matched over token sequences: the lookup key is the tokens' text concatenated
//! without spaces or full stops, lower-cased ("U.S." and "US" -> `us`), so tokenisation
//! differences do not matter. All-capital acronyms ("SBU", "US", "UN") match only as written.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Errors loading an actor dictionary.
#[derive(Debug, thiserror::Error)]
pub enum ActorsError {
    /// The file could not be read.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        error: std::io::Error,
    },
    /// The file is not a valid actor dictionary.
    #[error("{origin}: {message}")]
    Parse {
        /// The file (or `shipped ...`).
        origin: String,
        /// What is wrong.
        message: String,
    },
}

/// How a dictionary name codes an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A country name ("Ukraine").
    Country,
    /// A demonym used as an adjective ("Ukrainian").
    Demonym,
    /// A demonym naming people ("Ukrainians").
    People,
    /// A capital used as a metonym ("Moscow").
    Capital,
    /// A named actor ("SBU", "Hamas", "NATO").
    Actor,
}

/// The coding of one dictionary name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coding {
    /// What kind of name it is.
    pub kind: NameKind,
    /// ISO 3166-1 alpha-3 code, or an IGO code.
    pub country: Option<String>,
    /// CAMEO sector.
    pub sector: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryRow {
    code: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    capitals: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorRow {
    names: Vec<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    sector: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DictFile {
    #[serde(default)]
    country: Vec<CountryRow>,
    #[serde(default)]
    actor: Vec<ActorRow>,
    #[serde(default)]
    sectors: BTreeMap<String, String>,
}

const SHIPPED_COUNTRIES: &str = include_str!("../data/countries.toml");
const SHIPPED_ACTORS: &str = include_str!("../data/actors.toml");

/// Names and nouns that code actors.
#[derive(Debug, Clone, Default)]
pub struct ActorDictionary {
    lower: HashMap<String, Coding>,
    exact: HashMap<String, Coding>,
    sectors: HashMap<String, String>,
    max_tokens: usize,
    /// Every prefix of a `lower` or `sectors` key (scans stop at the first that is not).
    lower_prefixes: HashSet<String>,
    /// Every prefix of an `exact` key.
    exact_prefixes: HashSet<String>,
}

fn add_prefixes(set: &mut HashSet<String>, k: &str) {
    for (i, _) in k.char_indices().skip(1) {
        set.insert(k[..i].to_owned());
    }
    set.insert(k.to_owned());
}

/// The lookup key of a name: its text without spaces and full stops, lower-cased.
/// Appends the lookup key of `s` to `out` (as [`key`] does, without allocating).
pub fn push_key(out: &mut String, s: &str) {
    if s.is_ascii() {
        for b in s.bytes() {
            if !char::from(b).is_whitespace() && b != b'.' {
                out.push(char::from(b.to_ascii_lowercase()));
            }
        }
    } else {
        out.extend(
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '.')
                .map(|c| if c == '’' { '\'' } else { c })
                .flat_map(char::to_lowercase),
        );
    }
}

pub fn key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .map(|c| if c == '’' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The case-sensitive key of an acronym.
fn exact_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect()
}

fn is_acronym(s: &str) -> bool {
    let k = exact_key(s);
    k.len() <= 6
        && k.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn plural(demonym: &str) -> Option<String> {
    let d = demonym;
    if d.ends_with('s') || d.ends_with("sh") || d.ends_with("ch") || d.ends_with("ese") {
        return None;
    }
    if d.ends_with('i') || d.ends_with('n') || d.ends_with('e') || d.ends_with('k') {
        return Some(format!("{d}s"));
    }
    None
}

impl ActorDictionary {
    /// The shipped dictionary.
    pub fn shipped() -> Result<Self, ActorsError> {
        let mut d = Self::default();
        d.add_toml(SHIPPED_COUNTRIES, "shipped countries.toml")?;
        d.add_toml(SHIPPED_ACTORS, "shipped actors.toml")?;
        Ok(d)
    }

    /// The shipped dictionary extended with a user file.
    pub fn load(user: Option<&Path>) -> Result<Self, ActorsError> {
        let mut d = Self::shipped()?;
        if let Some(path) = user {
            let text = std::fs::read_to_string(path).map_err(|error| ActorsError::Io {
                path: path.to_path_buf(),
                error,
            })?;
            d.add_toml(&text, &path.display().to_string())?;
        }
        Ok(d)
    }

    /// Adds the entries of a dictionary file (later entries replace earlier ones).
    pub fn add_toml(&mut self, text: &str, origin: &str) -> Result<(), ActorsError> {
        let file: DictFile = toml::from_str(text).map_err(|e| ActorsError::Parse {
            origin: origin.to_owned(),
            message: e.to_string(),
        })?;
        for c in file.country {
            let code = Some(c.code.clone());
            for n in &c.names {
                self.insert(
                    n,
                    Coding {
                        kind: NameKind::Country,
                        country: code.clone(),
                        sector: None,
                    },
                );
            }
            for n in &c.capitals {
                self.insert(
                    n,
                    Coding {
                        kind: NameKind::Capital,
                        country: code.clone(),
                        sector: Some("GOV".into()),
                    },
                );
            }
            for d in &c.demonyms {
                self.insert(
                    d,
                    Coding {
                        kind: NameKind::Demonym,
                        country: code.clone(),
                        sector: None,
                    },
                );
                if let Some(p) = plural(d) {
                    self.insert(
                        &p,
                        Coding {
                            kind: NameKind::People,
                            country: code.clone(),
                            sector: None,
                        },
                    );
                }
            }
        }
        for a in file.actor {
            for n in &a.names {
                self.insert(
                    n,
                    Coding {
                        kind: NameKind::Actor,
                        country: a.country.clone(),
                        sector: a.sector.clone(),
                    },
                );
            }
        }
        for (noun, sector) in file.sectors {
            self.max_tokens = self.max_tokens.max(noun.split_whitespace().count() + 1);
            let k = key(&noun);
            add_prefixes(&mut self.lower_prefixes, &k);
            self.sectors.insert(k, sector);
        }
        Ok(())
    }

    fn insert(&mut self, name: &str, coding: Coding) {
        // Generous: hyphens and apostrophes may be split into tokens of their own.
        let words = name.split([' ', '-', '\'']).count() + 1;
        self.max_tokens = self.max_tokens.max(words);
        if is_acronym(name) {
            let k = exact_key(name);
            add_prefixes(&mut self.exact_prefixes, &k);
            self.exact.insert(k, coding);
        } else {
            let k = key(name);
            add_prefixes(&mut self.lower_prefixes, &k);
            self.lower.insert(k, coding);
        }
    }

    /// Longest name in tokens (an upper bound).
    pub fn max_tokens(&self) -> usize {
        self.max_tokens.max(1)
    }

    /// The coding of a name, given its lookup key and its case-sensitive form.
    pub fn lookup(&self, lower_key: &str, exact: &str) -> Option<&Coding> {
        self.exact.get(exact).or_else(|| {
            // An acronym written in lower case ("us") is not the acronym.
            self.lower.get(lower_key)
        })
    }

    /// The sector a head noun codes ("soldiers" -> `MIL`).
    /// False when no name, acronym or sector noun starts with these keys (a scan over
    /// longer token sequences can stop).
    pub fn starts_name(&self, lower_key: &str, exact: &str) -> bool {
        self.lower_prefixes.contains(lower_key) || self.exact_prefixes.contains(exact)
    }

    pub fn sector(&self, lower_key: &str) -> Option<&str> {
        self.sectors.get(lower_key).map(String::as_str)
    }

    /// The coding of a whole name as written ("Security Service of Ukraine").
    pub fn code_name(&self, name: &str) -> Option<&Coding> {
        self.lookup(&key(name), &exact_key(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_dictionary_codes_names() {
        let d = ActorDictionary::shipped().unwrap();
        let c = d.code_name("North Korean").unwrap();
        assert_eq!(c.country.as_deref(), Some("PRK"));
        assert_eq!(c.kind, NameKind::Demonym);
        assert_eq!(d.code_name("Ukrainians").unwrap().kind, NameKind::People);
        let sbu = d.code_name("SBU").unwrap();
        assert_eq!(
            (sbu.country.as_deref(), sbu.sector.as_deref()),
            (Some("UKR"), Some("SPY"))
        );
        assert_eq!(d.code_name("U.S.").unwrap().country.as_deref(), Some("USA"));
        assert!(
            d.code_name("us").is_none(),
            "the pronoun is not the country"
        );
        assert_eq!(d.code_name("Moscow").unwrap().kind, NameKind::Capital);
        assert_eq!(d.sector(&key("soldiers")), Some("MIL"));
        assert_eq!(d.sector(&key("command post")), Some("MIL"));
        assert_eq!(
            d.code_name("Hezbollah").unwrap().sector.as_deref(),
            Some("REB")
        );
    }

    #[test]
    fn user_file_extends_and_overrides() {
        let mut d = ActorDictionary::shipped().unwrap();
        d.add_toml(
            "[[actor]]\nnames = [\"Kraken Regiment\"]\ncountry = \"UKR\"\nsector = \"MIL\"\n\
             [sectors]\nsappers = \"MIL\"\n",
            "user",
        )
        .unwrap();
        assert_eq!(
            d.code_name("kraken regiment").unwrap().country.as_deref(),
            Some("UKR")
        );
        assert_eq!(d.sector("sappers"), Some("MIL"));
        let err = d
            .add_toml("[[actor]]\nname = [\"x\"]\n", "user.toml")
            .unwrap_err();
        assert!(err.to_string().contains("user.toml"), "{err}");
    }
}
