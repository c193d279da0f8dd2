//! Finding place names in running text: PLACE entities, then gazetteer matches of
//! capitalised (multi-word) names, longest first.
//!
//! A one-word match found only here must not be a common word ("May", "Mobile", "Nice"
//! are stopped unless a locative word precedes them), must not continue a longer capitalised
//! name ("Washington Post", "Jordan Peterson", "President Jordan"), and must name a division,
//! a country or a place of some size; at the start of a sentence the size bar is higher. A
//! locative word before a name ("near Belaya", "in Sudzha") lowers the bar to any place.

use super::PlacesConfig;
use super::gazetteer::{FeatureKind, Gazetteer};
use super::normalize::name_key;
use super::{FoundName, resolve::candidates};
use sitrep_model::{Id, Span};

/// Months and weekdays: never places, even when the entity stage says so.
const CALENDAR: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Capitalised words that are place names but far more often something else.
const STOP: &[&str] = &[
    "mobile",
    "nice",
    "split",
    "bar",
    "reading",
    "bath",
    "police",
    "university",
    "president",
    "minister",
    "army",
    "navy",
    "union",
    "republic",
    "north",
    "south",
    "east",
    "west",
    "central",
    "city",
    "government",
    "white",
    "house",
    "centre",
    "center",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "lord",
    "saint",
    "st",
    "new",
    "old",
    "great",
    "little",
    "big",
    "victory",
    "liberty",
    "independence",
    "unity",
    "hope",
    "paradise",
    "eden",
    "concord",
    "friendship",
    "commerce",
    "enterprise",
    "progress",
    "of",
    "the",
    "and",
    "a",
    "an",
    "in",
    "on",
    "at",
    "as",
    "is",
    "it",
    "he",
    "she",
    "we",
    "they",
    "this",
    "that",
    "but",
    "or",
    "if",
    "so",
    "no",
    "yes",
    "all",
    "more",
    "most",
    "many",
    "some",
    "one",
    "two",
    "three",
    "first",
    "last",
    "next",
    "after",
    "before",
    "during",
    "since",
    "while",
    "when",
    "where",
    "what",
    "who",
    "why",
    "how",
    "here",
    "there",
    "today",
    "tomorrow",
    "yesterday",
    "tonight",
    "now",
    "then",
    "also",
    "however",
    "although",
    "meanwhile",
    "despite",
    "according",
    "said",
    "says",
    "mark",
    "van",
    "young",
    "long",
    "post",
    "sun",
    "star",
    "times",
    "guardian",
    "trump",
    "bush",
    "obama",
    "biden",
    "clinton",
    "putin",
    "zelensky",
    "macron",
    "merkel",
    "johnson",
    "brown",
    "jones",
    "smith",
    "wilson",
    "taylor",
    "lewis",
    "hill",
    "king",
    "scott",
    "green",
    "wood",
    "bank",
    "price",
    "court",
    "council",
    "ministry",
    "office",
    "agency",
    "school",
    "hospital",
    "church",
    "station",
    "airport",
    "port",
    "bay",
    "lake",
    "river",
    "mount",
    "fort",
    "media",
    "congress",
    "senate",
    "parliament",
    "internet",
    "google",
    "apple",
    "amazon",
    "twitter",
    "facebook",
    "christmas",
    "easter",
    "god",
    "allah",
    "islam",
    "muslim",
    "christian",
    "jewish",
    "democrats",
    "republicans",
    "democrat",
    "republican",
    "western",
    "eastern",
    "northern",
    "southern",
    "orange",
    "golden",
    "silver",
    "royal",
    "grand",
    "early",
    "late",
    "middle",
    "home",
    "best",
    "good",
    "man",
    "woman",
    "son",
    "daughter",
    "mother",
    "father",
    "chief",
    "general",
    "colonel",
    "captain",
    "major",
    "sergeant",
    "governor",
    "mayor",
    "senator",
    "secretary",
    "spokesman",
    "spokeswoman",
    "commander",
    "prince",
    "princess",
    "queen",
    "pope",
    "bishop",
    "sheriff",
    "judge",
    "justice",
    "state",
    "states",
    "federal",
    "national",
    "international",
    "global",
    "world",
    "america's",
    "us",
    "it's",
    "please",
    "photo",
    "video",
    "read",
    "share",
    "click",
    "subscribe",
    "follow",
    "watch",
    "live",
    "update",
    "breaking",
    "ukraine's",
    "english",
    "french",
    "german",
    "spanish",
    "independent",
    "free",
    "union's",
    "commonwealth",
    "kingdom",
    "empire",
    "order",
    "peace",
    "war",
    "battle",
    "island",
    "islands",
    "valley",
    "beach",
    "park",
    "garden",
    "gardens",
    "heights",
    "springs",
    "falls",
    "hills",
    "villa",
    "plaza",
    "temple",
    "tower",
    "bridge",
    "market",
    "square",
    "hall",
    "field",
    "fields",
    "rock",
    "stone",
    "marine",
    "marines",
    "guard",
    "force",
    "forces",
    "alliance",
    "ocean",
    "sea",
    "gulf",
    "coast",
    "border",
    "frontline",
    "front",
    "ria",
    "tass",
    "reuters",
    "ap",
    "afp",
    "bbc",
    "cnn",
    "fox",
    "abc",
    "nbc",
    "cbs",
    "ok",
    "okay",
    "hi",
    "oh",
    "wow",
    "ukrainian",
    "russian",
];

/// Multi-word names that are gazetteer entries but usually not places in news.
const STOP_PHRASES: &[&str] = &[
    "white house",
    "red cross",
    "new year",
    "supreme court",
    "security council",
    "united nations",
    "european union",
    "middle east",
    "islamic state",
    "prime minister",
    "state department",
    "new york times",
    "washington post",
    "wall street",
];

/// Words after a name that make it a division reference ("the Kursk region").
const DIVISION_AFTER: &[&str] = &[
    "region",
    "oblast",
    "province",
    "governorate",
    "krai",
    "raion",
    "district",
    "county",
];

/// Last words of a capitalised name that make it a place: streets, buildings, features.
const FEATURE_HEADS: &[&str] = &[
    "street",
    "avenue",
    "road",
    "boulevard",
    "lane",
    "drive",
    "highway",
    "square",
    "plaza",
    "bridge",
    "airport",
    "airbase",
    "station",
    "hospital",
    "church",
    "cathedral",
    "mosque",
    "synagogue",
    "temple",
    "stadium",
    "arena",
    "castle",
    "palace",
    "tower",
    "prison",
    "park",
    "county",
    "parish",
    "dam",
    "harbour",
    "harbor",
    "neighborhood",
    "neighbourhood",
    "quarter",
];

/// First words of a capitalised name that make it a place ("Lake Manassas", "Mount Chaambi").
const FEATURE_FIRST: &[&str] = &["fort", "camp"];

/// Words before a name that mark it as a place ("near Belaya").
const LOCATIVE: &[&str] = &[
    "in",
    "near",
    "at",
    "from",
    "outside",
    "to",
    "into",
    "around",
    "toward",
    "towards",
    "of",
    "across",
    "through",
    "via",
    "nearby",
    "between",
    "village",
    "town",
    "city",
    "settlement",
    "inside",
    "within",
    "beyond",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "liberated",
    "captured",
    "shelled",
    "struck",
    "hit",
    "entered",
    "reached",
    "left",
    "visited",
    "bombed",
    "attacked",
    "seized",
    "retook",
    "encircled",
    "surrounded",
];

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_alphabetic)
}

/// Names found in `text`, sorted by span, and the countries its demonyms name.
pub(super) fn find_names(
    gaz: &Gazetteer,
    config: &PlacesConfig,
    text: &str,
    sentences: &[Span],
    tokens: &[Span],
    entities: &[(Span, Id)],
    skip: &[Span],
) -> (Vec<FoundName>, Vec<[u8; 2]>) {
    let mut found: Vec<FoundName> = Vec::new();
    let mut countries: Vec<[u8; 2]> = Vec::new();
    let tok = |i: usize| -> &str {
        tokens
            .get(i)
            .and_then(|s| text.get(s.range()))
            .unwrap_or("")
    };
    let extend_division = |end: usize| -> usize {
        // "Kursk region", "Kharkiv Oblast": cover the division word.
        let rest = text.get(end..).unwrap_or("");
        let trimmed = rest.trim_start_matches(' ');
        if rest.len() - trimmed.len() != 1 {
            return end;
        }
        let word: String = trimmed
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '\'' || *c == '’')
            .collect();
        let lw = word.to_lowercase();
        if DIVISION_AFTER.contains(&lw.trim_end_matches(['\'', '’']))
            || lw == "oblast'"
            || lw == "oblast’"
        {
            end + 1 + word.len()
        } else {
            end
        }
    };
    for &(span, id) in entities {
        let raw_key = text.get(span.range()).map(name_key).unwrap_or_default();
        if skip.iter().any(|s| s.overlaps(span)) || CALENDAR.contains(&raw_key.as_str()) {
            // Flagged text, or a month or weekday tagged as a place.
            continue;
        }
        let end = extend_division(span.end_usize());
        let span = Span::from_usize(span.start_usize(), end).unwrap_or(span);
        let key = text.get(span.range()).map(name_key).unwrap_or_default();
        found.push(FoundName {
            span,
            entity: Some(id),
            demonym: None,
            unresolvable: STOP_PHRASES.contains(&key.trim_start_matches("the ")),
        });
    }
    let occupied = |span: Span, found: &[FoundName]| {
        skip.iter().any(|s| s.overlaps(span)) || found.iter().any(|f| f.span.overlaps(span))
    };
    let sentence_initial = |pos: usize| -> bool {
        let i = sentences.partition_point(|s| s.start_usize() <= pos);
        let Some(s) = i.checked_sub(1).and_then(|i| sentences.get(i)) else {
            return true;
        };
        text.get(s.start_usize()..pos)
            .is_some_and(|pre| !pre.chars().any(char::is_alphanumeric))
    };

    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let w = tok(i);
        let Some(start_span) = tokens.get(i).copied() else {
            break;
        };
        if !is_word(w) || !is_capitalised(w) || occupied(start_span, &found) {
            i += 1;
            continue;
        }
        // The longest run of capitalised words (with inner connectors) on one line.
        let mut last = i;
        let mut j = i + 1;
        while j < n && j < i + 8 {
            let t = tok(j);
            let gap = match (tokens.get(j - 1), tokens.get(j)) {
                (Some(a), Some(b)) => text.get(a.end_usize()..b.start_usize()).unwrap_or("\n"),
                _ => "\n",
            };
            if gap.contains('\n') || gap.len() > 1 {
                break;
            }
            if is_word(t) && is_capitalised(t) {
                last = j;
            } else if !(matches!(
                t,
                "of" | "de" | "del" | "la" | "le" | "upon" | "on" | "am" | "and"
            ) || (t == "." && tok(j - 1) == "St"))
            {
                break;
            }
            j += 1;
        }
        // A named street, building or natural feature: "Royal Street", "Alder Hey Children's
        // Hospital", "Lake Manassas" (kept even when the gazetteer lacks it).
        // Leading adjectives are not part of the name ("Republican Orange County").
        let mut first_i = i;
        while first_i < last
            && (STOP.contains(&tok(first_i).to_lowercase().as_str())
                || gaz.demonym(&name_key(tok(first_i))).is_some())
        {
            first_i += 1;
        }
        if last > first_i
            && let (Some(a), Some(b)) = (tokens.get(first_i), tokens.get(last))
        {
            let head = tok(last).to_lowercase();
            let first = tok(first_i).to_lowercase();
            let whole = name_key(text.get(a.start_usize()..b.end_usize()).unwrap_or(""));
            if (FEATURE_HEADS.contains(&head.as_str()) || FEATURE_FIRST.contains(&first.as_str()))
                && !STOP_PHRASES.contains(&whole.as_str())
                && !CALENDAR.contains(&first.as_str())
                && let Ok(span) = Span::from_usize(a.start_usize(), b.end_usize())
            {
                found.push(FoundName {
                    span,
                    entity: None,
                    demonym: None,
                    unresolvable: false,
                });
                i = last + 1;
                continue;
            }
        }
        // Longest gazetteer match starting at i.
        let mut matched: Option<(usize, String)> = None;
        let mut k = last;
        while let (Some(a), Some(b)) = (tokens.get(i), tokens.get(k)) {
            if is_word(tok(k)) && is_capitalised(tok(k)) {
                let surface = text.get(a.start_usize()..b.end_usize()).unwrap_or("");
                let key = name_key(surface);
                if !STOP_PHRASES.contains(&key.as_str())
                    && (gaz.contains(&key) || gaz.demonym(&key).is_some())
                {
                    matched = Some((k, key));
                    break;
                }
                // Possessive or plural demonyms as context only ("Ukrainians").
                if k == i
                    && let Some(cc) = key.strip_suffix('s').and_then(|s| gaz.demonym(s))
                {
                    countries.push(cc);
                }
            }
            if k == i {
                break;
            }
            k -= 1;
        }
        let Some((k, key)) = matched else {
            // Skip the whole capitalised run: its words belong to a longer name.
            i = last + 1;
            continue;
        };
        let (Some(a), Some(b)) = (tokens.get(i), tokens.get(k)) else {
            break;
        };
        let (start, end) = (a.start_usize(), b.end_usize());
        let next_i = k + 1;
        if let Some(cc) = gaz.demonym(&key) {
            countries.push(cc);
            if config.demonyms
                && let Ok(span) = Span::from_usize(start, end)
            {
                found.push(FoundName {
                    span,
                    entity: None,
                    demonym: Some(cc),
                    unresolvable: false,
                });
            }
            i = next_i;
            continue;
        }
        let single = k == i;
        let surface = text.get(start..end).unwrap_or("");
        // The next token is a capitalised word right after: the match may be part of a
        // longer name.
        let followed_by_name = tokens.get(k + 1).is_some_and(|nt| {
            text.get(end..nt.start_usize()) == Some(" ")
                && text
                    .get(nt.range())
                    .is_some_and(|w| is_word(w) && is_capitalised(w))
        });
        let accept = if single {
            accept_single(
                gaz,
                config,
                text,
                tokens,
                i,
                &key,
                surface,
                sentence_initial(start),
                followed_by_name,
            )
        } else {
            // A multi-word name followed by more capitalised words is part of a longer name
            // ("New York Times"), unless it is a division ("Kharkiv Oblast Council" is rare).
            !followed_by_name || best_kind_is_area(gaz, &key)
        };
        if accept {
            let end = extend_division(end);
            if let Ok(span) = Span::from_usize(start, end) {
                found.push(FoundName {
                    span,
                    entity: None,
                    demonym: None,
                    unresolvable: false,
                });
            }
            i = next_i;
        } else {
            i = last.max(k) + 1;
        }
    }
    found.sort_by_key(|f| f.span);
    (found, countries)
}

fn best_kind_is_area(gaz: &Gazetteer, key: &str) -> bool {
    candidates(gaz, key).iter().any(|p| {
        !p.alternate
            && gaz.record(p.record).is_some_and(|r| {
                matches!(
                    r.kind,
                    FeatureKind::Country | FeatureKind::Admin1 | FeatureKind::Continent
                )
            })
    })
}

#[allow(clippy::too_many_arguments)]
fn accept_single(
    gaz: &Gazetteer,
    config: &PlacesConfig,
    text: &str,
    tokens: &[Span],
    i: usize,
    key: &str,
    surface: &str,
    initial: bool,
    followed_by_name: bool,
) -> bool {
    let lower = surface.to_lowercase();
    let prev = i
        .checked_sub(1)
        .and_then(|p| tokens.get(p))
        .and_then(|s| text.get(s.range()))
        .unwrap_or("");
    let prev_gap_ok = i
        .checked_sub(1)
        .and_then(|p| tokens.get(p))
        .zip(tokens.get(i))
        .is_some_and(|(a, b)| {
            text.get(a.end_usize()..b.start_usize())
                .is_some_and(|g| g == " ")
        });
    let locative = prev_gap_ok && LOCATIVE.contains(&prev.to_lowercase().as_str());
    if CALENDAR.contains(&lower.as_str())
        || ((initial || !locative) && STOP.contains(&lower.as_str()))
    {
        return false;
    }
    // An institution: "Bank of England", "University of Kyiv".
    let of_name = tokens.get(i + 1).and_then(|s| text.get(s.range())) == Some("of")
        && tokens
            .get(i + 2)
            .and_then(|s| text.get(s.range()))
            .is_some_and(is_capitalised);
    if of_name {
        return false;
    }
    // Part of a longer capitalised name: "Washington Post", "President Jordan".
    if followed_by_name {
        let next_word = tokens
            .get(i + 1)
            .and_then(|s| text.get(s.range()))
            .unwrap_or("")
            .to_lowercase();
        if !DIVISION_AFTER.contains(&next_word.as_str()) && next_word != "city" {
            return false;
        }
    }
    if prev_gap_ok
        && is_word(prev)
        && is_capitalised(prev)
        && !LOCATIVE.contains(&prev.to_lowercase().as_str())
    {
        return false;
    }
    // All-capitals short names must be written in capitals ("US", not "Us").
    if key.len() <= 3 && surface.chars().any(char::is_lowercase) {
        return false;
    }
    // Short codes of divisions ("ID", "IN", "OR") are mostly words or acronyms in running text
    // ("a military ID card"): a state only after a place and a comma ("Boise, ID"). Country
    // codes stay. (Names the entity tagger found are not read here.)
    if key.len() <= 3
        && surface.chars().all(|c| c.is_ascii_uppercase())
        && !candidates(gaz, key).iter().any(|p| {
            gaz.record(p.record)
                .is_some_and(|r| r.kind == FeatureKind::Country)
        })
    {
        let after_place = prev == ","
            && i.checked_sub(2)
                .and_then(|p| tokens.get(p))
                .and_then(|s| text.get(s.range()))
                .is_some_and(is_capitalised);
        if !after_place {
            return false;
        }
    }
    let mut best_pop = 0u32;
    let mut area = false;
    for p in candidates(gaz, key) {
        let Some(r) = gaz.record(p.record) else {
            continue;
        };
        // Continent adjectives ("European") count as demonyms.
        let adjective = r.kind == FeatureKind::Continent && config.demonyms;
        if p.alternate && !locative && !adjective {
            continue;
        }
        if matches!(
            r.kind,
            FeatureKind::Country | FeatureKind::Admin1 | FeatureKind::Continent
        ) || (r.kind == FeatureKind::Capital && r.population >= 100_000)
        {
            area = true;
        }
        best_pop = best_pop.max(r.population);
    }
    if area {
        return true;
    }
    if initial {
        return best_pop >= config.min_population_sentence_start;
    }
    locative || best_pop >= config.min_population
}
