//! Toponym resolution: candidates by name, ranked by kind, population and document context.
//!
//! Scoring is additive (a log-linear model written by hand):
//! - prior: countries and continents first, then capitals, division seats and other places
//!   by `log10(population)`; divisions by a base plus their population; alternate names lose
//!   a little against main names;
//! - cues in the text: "the Kursk region", "Kursk Oblast", "the province of X" favour
//!   divisions; "X city" favours settlements; "X, Y" and "Y's X" make Y the container of X;
//! - document context, read from a first pass over all mentions: the share of the document's
//!   country evidence (country names, demonyms, other places) that a candidate's country has;
//!   another mention resolved to the candidate's admin1 division (or being it); proximity to
//!   the other mentions' places, each discounted by how sure that mention's own reading is
//!   (so an ambiguous small town does not pull others toward it); one sense per discourse
//!   for repeated names. Countries take the country evidence too ("Mexico" stays the
//!   country in a story about Mexico City and Puebla).
//! - a name without a reading is placed where the text puts it ("the CHU in Montpellier",
//!   "Convention Centre, Dublin"), "X County" at the town X in the focus's division, else at a
//!   country or division named inside it ("Bank of Mexico"), else at a settlement named close
//!   by in the same paragraph, else at the document's focus.
//! - short capitals ("SA", "CHU") are read as abbreviations: countries and divisions only.

use super::gazetteer::{FeatureKind, Gazetteer, Posting, Record};
use super::normalize::{name_key, spelling_variants};
use std::collections::BTreeMap;

/// What the words around a mention say about the kind of place it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cue {
    /// Nothing.
    #[default]
    None,
    /// A division word: "the Kursk region", "Kursk Oblast", "the province of Idlib".
    Admin,
    /// A settlement word: "the city of Kharkiv", "Sumy city", "the village of Belaya".
    Settlement,
}

/// A name to resolve: where it is and what was found around it.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionInput {
    /// Byte range of the name in the text.
    pub start: usize,
    /// End of the name.
    pub end: usize,
    /// The country a demonym names, when the mention is one ("Syrian").
    pub demonym: Option<[u8; 2]>,
    /// Kept without candidates (a name known not to be a gazetteer place).
    pub unresolvable: bool,
}

/// The reading chosen for one mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// The record index in the gazetteer (`None`: no candidate).
    pub record: Option<u32>,
    /// Probability-like confidence of the choice among the candidates, 0..1.
    pub confidence: f32,
    /// Number of candidates scored.
    pub candidates: usize,
    /// The cue read from the text.
    pub cue: Cue,
    /// For a name without a reading: the document's focus place (the settlement, else the
    /// division or country, most mentioned), where a local street or building most likely is.
    pub fallback: Option<u32>,
}

const ADMIN_WORDS: &[&str] = &[
    "region",
    "regions",
    "oblast",
    "oblasts",
    "province",
    "provinces",
    "governorate",
    "state",
    "county",
    "district",
    "krai",
    "territory",
    "prefecture",
    "department",
];
/// Trailing words that may be dropped to find a name ("the Kursk area").
const GENERIC_AREA: &[&str] = &[
    "area",
    "areas",
    "outskirts",
    "suburbs",
    "centre",
    "center",
    "downtown",
    "metro",
    "metropolitan",
    "direction",
    "sector",
    "axis",
    "front",
    "border",
    "city",
    "region",
    "province",
    "oblast",
    "district",
];

const SETTLEMENT_WORDS: &[&str] = &["city", "town", "village", "settlement", "hamlet"];

/// Splits a surface name into (lookup name, cue from a trailing division word).
fn strip_cue(surface: &str) -> (String, Cue) {
    let mut s = surface.trim();
    for p in ["the ", "The "] {
        if let Some(r) = s.strip_prefix(p) {
            s = r;
        }
    }
    for suf in ["'s", "’s", "'", "’"] {
        if let Some(r) = s.strip_suffix(suf) {
            s = r;
        }
    }
    let key = name_key(s);
    if let Some((head, last)) = key.rsplit_once(' ') {
        if ADMIN_WORDS.contains(&last) || last == "oblast" {
            return (head.to_owned(), Cue::Admin);
        }
        if SETTLEMENT_WORDS.contains(&last) {
            return (head.to_owned(), Cue::Settlement);
        }
    }
    (key, Cue::None)
}

/// The key of a surface name without a leading "the" or a possessive.
fn strip_cue_words(surface: &str) -> String {
    let s = surface.trim();
    let s = s
        .strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s);
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s);
    name_key(s)
}

/// A short all-capitals name ("SA", "CHU", "N.M."): an abbreviation, which names a country or
/// division ("UK", "BC") far more often than a settlement.
fn is_acronym(surface: &str) -> bool {
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    (2..=3).contains(&letters)
        && surface
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || !c.is_alphabetic() && !c.is_whitespace())
}

/// Reads a cue from the words right after and before a mention.
fn context_cue(text: &str, start: usize, end: usize) -> Cue {
    let after = text.get(end..).unwrap_or("");
    let next: String = after
        .trim_start_matches([' ', '-'])
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    if !after.starts_with(['\n', '.', ',']) {
        if ADMIN_WORDS.contains(&next.as_str()) {
            return Cue::Admin;
        }
        if SETTLEMENT_WORDS.contains(&next.as_str()) && next != "city" {
            return Cue::Settlement;
        }
    }
    let before = text.get(..start).unwrap_or("").trim_end();
    let lower: String = before
        .chars()
        .rev()
        .take(24)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    for w in ADMIN_WORDS {
        if lower.ends_with(&format!("{w} of")) {
            return Cue::Admin;
        }
    }
    for w in SETTLEMENT_WORDS {
        if lower.ends_with(&format!("{w} of")) {
            return Cue::Settlement;
        }
    }
    Cue::None
}

/// Candidate postings for a lookup name: the key, else its spelling variants.
pub fn candidates(gaz: &Gazetteer, key: &str) -> Vec<Posting> {
    let mut out: Vec<Posting> = gaz.lookup(key).collect();
    if out.is_empty() {
        for v in spelling_variants(key) {
            out.extend(gaz.lookup(&v));
            if !out.is_empty() {
                break;
            }
        }
    }
    out
}

/// The score of the reading "none of the candidates", for confidences.
const NONE_SCORE: f64 = 2.0;

/// The prior score of a record, from its kind and population.
pub fn prior(r: &Record) -> f64 {
    prior_with(r, &Weights::DEFAULT)
}

fn prior_with(r: &Record, w: &Weights) -> f64 {
    let lp = f64::from(r.population.max(1)).log10();
    match r.kind {
        FeatureKind::Country => 14.0,
        FeatureKind::Continent => 10.0,
        FeatureKind::Capital => w.capital + w.pop * lp,
        FeatureKind::AdminSeat => w.seat + w.pop * lp,
        FeatureKind::Populated => w.pop * lp,
        FeatureKind::Admin1 => w.admin1 + 0.3 * lp,
        FeatureKind::Admin2 => 2.0 + 0.3 * lp,
        FeatureKind::Region => 4.0,
        FeatureKind::Section => 0.3 * lp,
        FeatureKind::Spot => 2.0,
    }
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

struct Cand {
    record: u32,
    base: f64,
    alternate: bool,
}

struct Prepared {
    key: String,
    cue: Cue,
    cands: Vec<Cand>,
    /// "Morris County" without a division reading: the settlements named "Morris", to
    /// locate it by the one in the division the rest of the text is about.
    county_towns: Vec<u32>,
}

/// The weights of the scoring model (hand-set; [`Weights::DEFAULT`] is what the product uses).
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Per `log10(population)` of a settlement.
    pub pop: f64,
    /// Capital bonus.
    pub capital: f64,
    /// Division seat bonus.
    pub seat: f64,
    /// Base of a first-level division (plus 0.3 per `log10(population)`).
    pub admin1: f64,
    /// Penalty of an alternate-name match against main-name matches.
    pub alternate: f64,
    /// Times the candidate country's share of the document's country evidence.
    pub country: f64,
    /// Another mention in the same admin1 division.
    pub same_admin: f64,
    /// Times the proximity (0..1) to the nearest other resolved mention.
    pub near: f64,
    /// Proximity radius for settlements, km.
    pub radius: f64,
    /// The container named beside it ("X, Y") holds the candidate.
    pub container: f64,
    /// The candidate holds a place named beside it.
    pub contained: f64,
    /// How much a mention's own uncertainty discounts it as context (0: not at all, 1: fully).
    pub trust: f64,
    /// Below this population a far, unsupported place yields to the document's focus.
    pub weak_population: u32,
}

impl Weights {
    /// The product's weights.
    pub const DEFAULT: Weights = Weights {
        pop: 0.9,
        capital: 3.0,
        seat: 2.5,
        admin1: 5.0,
        alternate: 1.5,
        country: 4.0,
        same_admin: 1.0,
        near: 2.0,
        radius: 300.0,
        container: 6.0,
        contained: 3.0,
        weak_population: 50_000,
        trust: 1.0,
    };
}

impl Default for Weights {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Resolves mentions of one text together. `extra_countries` are country codes the text
/// mentions outside the mentions (demonyms, NORP entities), as weak context.
pub fn resolve_mentions(
    gaz: &Gazetteer,
    text: &str,
    mentions: &[MentionInput],
    extra_countries: &[[u8; 2]],
) -> Vec<Resolution> {
    resolve_mentions_with(gaz, text, mentions, extra_countries, &Weights::DEFAULT)
}

/// [`resolve_mentions`] with given weights (for error analysis).
pub fn resolve_mentions_with(
    gaz: &Gazetteer,
    text: &str,
    mentions: &[MentionInput],
    extra_countries: &[[u8; 2]],
    wt: &Weights,
) -> Vec<Resolution> {
    // Candidates with their context-free scores.
    let mut prepared: Vec<Prepared> = Vec::with_capacity(mentions.len());
    for m in mentions {
        let surface = text.get(m.start..m.end).unwrap_or("");
        if let Some(cc) = m.demonym {
            let cands = gaz
                .country_record(cc)
                .map(|(i, _)| Cand {
                    record: i,
                    base: 14.0,
                    alternate: false,
                })
                .into_iter()
                .collect();
            prepared.push(Prepared {
                key: name_key(surface),
                cue: Cue::None,
                cands,
                county_towns: Vec::new(),
            });
            continue;
        }
        if m.unresolvable {
            prepared.push(Prepared {
                key: name_key(surface),
                cue: Cue::None,
                cands: Vec::new(),
                county_towns: Vec::new(),
            });
            continue;
        }
        let (mut key, mut cue) = strip_cue(surface);
        if cue == Cue::Settlement {
            // "Kansas City", "Garden City" are names in their own right.
            let full = strip_cue_words(surface);
            if gaz.contains(&full) {
                key = full;
                cue = Cue::None;
            }
        }
        if cue == Cue::Admin {
            // "Northern Territory", "New South Wales State": a division whose own name ends
            // in a division word is looked up whole.
            let full = strip_cue_words(surface);
            let whole_division = gaz
                .lookup(&full)
                .any(|p| !p.alternate && gaz.record(p.record).is_some_and(|r| r.kind.is_area()));
            if whole_division {
                key = full;
            }
        }
        if cue == Cue::None {
            cue = context_cue(text, m.start, m.end);
        }
        let county = cue == Cue::Admin
            && name_key(surface)
                .rsplit(' ')
                .next()
                .is_some_and(|w| matches!(w, "county" | "parish" | "district" | "borough"));
        let mut postings = candidates(gaz, &key);
        let mut county_towns = Vec::new();
        if county
            && !postings.iter().any(|p| {
                gaz.record(p.record)
                    .is_some_and(|r| matches!(r.kind, FeatureKind::Admin1 | FeatureKind::Admin2))
            })
        {
            // "Morris County" is not the town of Morris: unresolved, but located near the
            // town of Morris that lies in the division the text is about, if any.
            county_towns = postings
                .iter()
                .filter(|p| {
                    gaz.record(p.record)
                        .is_some_and(|r| r.kind.is_settlement() && r.admin1 != 0)
                })
                .map(|p| p.record)
                .collect();
            postings.clear();
        }
        if postings.is_empty() && cue != Cue::None && !county {
            // "Kursk Oblast" may be a name in its own right.
            let full = name_key(surface);
            postings = candidates(gaz, &full);
            if !postings.is_empty() {
                key = full;
            }
        }
        if postings.is_empty() {
            // "Kursk area", "Sumy city centre": drop trailing generic words.
            let mut words: Vec<&str> = key.split(' ').collect();
            while words.len() > 1
                && postings.is_empty()
                && words.last().is_some_and(|w| GENERIC_AREA.contains(w))
            {
                words.pop();
                postings = candidates(gaz, &words.join(" "));
            }
            if !postings.is_empty() {
                key = words.join(" ");
                if cue == Cue::None {
                    cue = Cue::Admin;
                }
            }
        }
        let all_alt = postings.iter().all(|p| p.alternate);
        let acronym = is_acronym(surface);
        let mut cands: Vec<Cand> = Vec::with_capacity(postings.len());
        for p in postings {
            let Some(r) = gaz.record(p.record) else {
                continue;
            };
            if acronym && !r.kind.is_area() && gaz.name(r) != surface {
                // "SA", "CHU": an abbreviation, not the village of Siá or the town of Chũ.
                continue;
            }
            let mut s = prior_with(r, wt);
            if p.alternate && !all_alt {
                s -= wt.alternate;
            }
            match cue {
                Cue::Admin if matches!(r.kind, FeatureKind::Admin1 | FeatureKind::Admin2) => {
                    s += 6.0;
                }
                Cue::Admin if r.kind == FeatureKind::Region => s += 4.0,
                Cue::Admin if r.kind == FeatureKind::Country => s -= 2.0,
                Cue::Admin => s -= 3.0,
                Cue::Settlement if r.kind.is_settlement() => s += 3.0,
                Cue::Settlement => s -= 3.0,
                Cue::None => {}
            }
            cands.push(Cand {
                record: p.record,
                base: s,
                alternate: p.alternate,
            });
        }
        prepared.push(Prepared {
            key,
            cue,
            cands,
            county_towns,
        });
    }

    // Containers: "X, Y", "Y's X", "X in Y", "X region of Y".
    let mut container: Vec<Option<usize>> = vec![None; mentions.len()];
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if let Some(n) = mentions.get(i + 1) {
            let gap = text.get(m.end..n.start).unwrap_or("x");
            let g = gap.trim().to_lowercase();
            let linked = g == ","
                || g == "in"
                || g == "of"
                || ADMIN_WORDS
                    .iter()
                    .any(|w| g == format!("{w} of") || g == format!("{w} in"));
            if linked && gap.len() < 20 && !gap.contains('\n') {
                container[i] = Some(i + 1);
            }
        }
        if i > 0 {
            let p = &mentions[i - 1];
            let gap = text.get(p.end..m.start).unwrap_or("x");
            if matches!(gap, "'s " | "’s " | "' " | "’ ") && container[i].is_none() {
                container[i] = Some(i - 1);
            }
        }
    }

    // Pass 1: context-free choice.
    let choose = |scores: &[f64]| -> Option<usize> {
        scores
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| i)
    };
    // How far a mention's reading can be trusted as context for the others: the softmax
    // share of its best candidate (a lone candidate is certain), softened by `wt.trust`.
    let trust_of = |scores: &[f64], best: usize| -> f64 {
        let m = scores.get(best).copied().unwrap_or(0.0);
        let z: f64 = scores.iter().map(|s| (s - m).exp()).sum();
        (1.0 - wt.trust) + wt.trust / z.max(1.0)
    };
    let mut trust = vec![1.0f64; prepared.len()];
    let mut choice: Vec<Option<u32>> = prepared
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let scores: Vec<f64> = p.cands.iter().map(|c| c.base).collect();
            let best = choose(&scores)?;
            if let Some(t) = trust.get_mut(i) {
                *t = trust_of(&scores, best);
            }
            p.cands.get(best).map(|c| c.record)
        })
        .collect();

    let mut out = Vec::with_capacity(mentions.len());
    let mut isolated = vec![false; mentions.len()];
    let mut via_alternate = vec![false; mentions.len()];
    for pass in 0..2 {
        // Country evidence and resolved points, from the current choices.
        let mut country_w: BTreeMap<[u8; 2], f64> = BTreeMap::new();
        for cc in extra_countries {
            *country_w.entry(*cc).or_default() += 0.5;
        }
        let own: Vec<Option<([u8; 2], f64)>> = choice
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let r = gaz.record((*c)?)?;
                if r.cc == *b"  " {
                    return None;
                }
                let certain = prepared.get(i).is_some_and(|p| p.cands.len() == 1);
                let w = if r.kind == FeatureKind::Country || certain {
                    1.0
                } else {
                    0.5
                };
                Some((r.cc, w))
            })
            .collect();
        for (cc, w) in own.iter().flatten() {
            *country_w.entry(*cc).or_default() += w;
        }
        let total_w: f64 = country_w.values().sum();

        out.clear();
        let mut next_choice = choice.clone();
        let mut next_trust = trust.clone();
        for (i, p) in prepared.iter().enumerate() {
            let (own_cc, own_w) = own.get(i).copied().flatten().unwrap_or((*b"  ", 0.0));
            let rest = total_w - own_w;
            let mut scores = Vec::with_capacity(p.cands.len());
            let mut supported = Vec::with_capacity(p.cands.len());
            for c in &p.cands {
                let Some(r) = gaz.record(c.record) else {
                    scores.push(f64::MIN);
                    supported.push(false);
                    continue;
                };
                let mut support = false;
                let mut s = c.base;
                if rest > 0.0 {
                    let mut w = country_w.get(&r.cc).copied().unwrap_or(0.0);
                    if r.cc == own_cc {
                        w -= own_w;
                    }
                    s += wt.country * (w / rest).clamp(0.0, 1.0);
                }
                // Other mentions: same division, proximity.
                let mut same_admin = 0.0f64;
                let mut near = 0.0f64;
                for (j, other) in choice.iter().enumerate() {
                    if j == i {
                        continue;
                    }
                    let Some(o) = other.and_then(|o| gaz.record(o)) else {
                        continue;
                    };
                    if prepared.get(j).is_some_and(|q| q.key == p.key) {
                        continue;
                    }
                    if r.kind != FeatureKind::Country
                        && r.admin1 != 0
                        && o.admin1 == r.admin1
                        && o.kind != FeatureKind::Country
                    {
                        same_admin = same_admin.max(trust.get(j).copied().unwrap_or(1.0));
                    }
                    if !matches!(r.kind, FeatureKind::Country | FeatureKind::Continent)
                        && !matches!(o.kind, FeatureKind::Country | FeatureKind::Continent)
                    {
                        let radius = if r.kind.is_area() || o.kind.is_area() {
                            800.0
                        } else {
                            wt.radius
                        };
                        let d = haversine_km(
                            f64::from(r.lat),
                            f64::from(r.lon),
                            f64::from(o.lat),
                            f64::from(o.lon),
                        );
                        let t = trust.get(j).copied().unwrap_or(1.0);
                        near = near.max(t * (1.0 - d / radius).max(0.0));
                    }
                }
                s += wt.same_admin * same_admin;
                s += wt.near * near;
                support |= same_admin > 0.0 || near > 0.0;
                // Container named right beside it.
                if let Some(k) = container[i]
                    && let Some(cr) = choice.get(k).copied().flatten().and_then(|x| gaz.record(x))
                {
                    let inside = match cr.kind {
                        FeatureKind::Country => cr.cc == r.cc,
                        FeatureKind::Admin1 => cr.admin1 == r.admin1 && cr.cc == r.cc,
                        _ => false,
                    };
                    if inside && !std::ptr::eq(cr, r) {
                        s += wt.container;
                        support = true;
                    }
                }
                // Contained place beside it: "X, Y" makes Y a division or country.
                if pass > 0 {
                    for (j, cj) in container.iter().enumerate() {
                        if *cj == Some(i)
                            && let Some(inner) =
                                choice.get(j).copied().flatten().and_then(|x| gaz.record(x))
                        {
                            let holds = match r.kind {
                                FeatureKind::Country => inner.cc == r.cc,
                                FeatureKind::Admin1 => inner.admin1 == r.admin1 && inner.cc == r.cc,
                                _ => false,
                            };
                            if holds {
                                s += wt.contained;
                            }
                        }
                    }
                }
                scores.push(s);
                supported.push(support);
            }
            let best = choose(&scores);
            let record = best.and_then(|b| p.cands.get(b)).map(|c| c.record);
            // Softmax over the candidates and a "none of them" option.
            let confidence = best.map_or(0.0, |b| {
                let m = scores.get(b).copied().unwrap_or(0.0);
                let z: f64 =
                    scores.iter().map(|s| (s - m).exp()).sum::<f64>() + (NONE_SCORE - m).exp();
                (1.0 / z) as f32
            });
            next_choice[i] = record;
            if let (Some(b), Some(t)) = (best, next_trust.get_mut(i)) {
                *t = trust_of(&scores, b);
            }
            isolated[i] = best.is_some_and(|b| !supported.get(b).copied().unwrap_or(false));
            via_alternate[i] = best
                .and_then(|b| p.cands.get(b))
                .is_some_and(|c| c.alternate);
            out.push(Resolution {
                record,
                confidence,
                candidates: p.cands.len(),
                cue: p.cue,
                fallback: None,
            });
        }
        choice = next_choice;
        trust = next_trust;
    }

    // One sense per discourse: a name read as a division with a cue keeps that reading
    // where it recurs without one ("the Kursk region ... in Kursk").
    let mut by_key: BTreeMap<&str, u32> = BTreeMap::new();
    for (p, r) in prepared.iter().zip(&out) {
        if p.cue != Cue::None
            && let Some(rec) = r.record
        {
            by_key.entry(p.key.as_str()).or_insert(rec);
        }
    }
    for (p, r) in prepared.iter().zip(out.iter_mut()) {
        if p.cue == Cue::None
            && let Some(&rec) = by_key.get(p.key.as_str())
            && p.cands.iter().any(|c| c.record == rec)
        {
            r.record = Some(rec);
        }
    }

    // The focus: the most mentioned settlement, else division, else country.
    let mut counts: BTreeMap<(u8, u32), (usize, usize)> = BTreeMap::new();
    for (i, r) in out.iter().enumerate() {
        let Some(rec) = r.record.and_then(|x| gaz.record(x).map(|y| (x, y))) else {
            continue;
        };
        let tier = match rec.1.kind {
            FeatureKind::Capital
            | FeatureKind::AdminSeat
            | FeatureKind::Populated
            | FeatureKind::Section => 0,
            FeatureKind::Admin1 | FeatureKind::Admin2 | FeatureKind::Region => 1,
            FeatureKind::Country => 2,
            _ => continue,
        };
        let e = counts.entry((tier, rec.0)).or_insert((0, i));
        e.0 += 1;
    }
    // Ties go to the bigger place, then the earlier mention.
    let pop = |i: u32| gaz.record(i).map_or(0, |r| r.population);
    let focus = counts
        .iter()
        .min_by(|a, b| {
            (a.0.0)
                .cmp(&b.0.0)
                .then(b.1.0.cmp(&a.1.0))
                .then(pop(b.0.1).cmp(&pop(a.0.1)))
                .then(a.1.1.cmp(&b.1.1))
        })
        .map(|(k, _)| k.1);
    let focus_rec = focus.and_then(|f| gaz.record(f));
    for (i, (((r, m), p), lonely)) in out
        .iter_mut()
        .zip(mentions)
        .zip(&prepared)
        .zip(&isolated)
        .enumerate()
    {
        // A small place far from everything else the text names, when the text has a focus
        // far away: most likely a local street, building or district of the focus that the
        // gazetteer lacks ("Chartres" and "Bourbon" in a New Orleans story).
        if let (Some(rec), Some(f)) = (r.record.and_then(|x| gaz.record(x)), focus_rec)
            && *lonely
            && r.record != focus
            && (matches!(
                rec.kind,
                FeatureKind::Populated | FeatureKind::Section | FeatureKind::Spot
            ) && rec.population < wt.weak_population
                // A division read from a foreign or derived name ("West" for Cameroon's
                // West Region) likewise.
                || (matches!(
                    rec.kind,
                    FeatureKind::Admin1 | FeatureKind::Admin2 | FeatureKind::Region
                ) && via_alternate.get(i).copied().unwrap_or(false)))
            && haversine_km(
                f64::from(rec.lat),
                f64::from(rec.lon),
                f64::from(f.lat),
                f64::from(f.lon),
            ) > 500.0
        {
            r.record = None;
        }
        if r.record.is_none() && !m.unresolvable && m.demonym.is_none() && !p.key.is_empty() {
            r.fallback = focus;
        }
    }
    // A name without a reading is most likely where the text says it is ("the CHU in
    // Montpellier", "Convention Centre, Dublin", "Cairo's suburb of Madinaty"), else where
    // a place named inside it is ("Bank of Mexico", "US Federal Reserve").
    for i in 0..out.len() {
        if out
            .get(i)
            .is_none_or(|r| r.record.is_some() || r.fallback.is_none())
        {
            continue;
        }
        let (Some(m), Some(p)) = (mentions.get(i), prepared.get(i)) else {
            continue;
        };
        let mut found = None;
        if let Some(k) = container[i]
            && k != i
        {
            found = out.get(k).and_then(|r| r.record);
        }
        if found.is_none()
            && let Some(n) = mentions.get(i + 1)
        {
            let gap = text.get(m.end..n.start).unwrap_or("x");
            if matches!(gap, " at " | " near " | ", in " | " in the city of ") {
                found = out.get(i + 1).and_then(|r| r.record);
            }
        }
        if found.is_none() && i > 0 {
            let gap = text.get(mentions[i - 1].end..m.start).unwrap_or("x");
            if (gap.starts_with("'s ") || gap.starts_with("’s "))
                && gap.len() < 30
                && !gap.contains(['.', ',', ';', '\n'])
            {
                found = out.get(i - 1).and_then(|r| r.record);
            }
        }
        if found.is_none() && !p.county_towns.is_empty() {
            found = county_town(gaz, &p.county_towns, focus);
        }
        if found.is_none() {
            let surface = text.get(m.start..m.end).unwrap_or("");
            found = embedded_place(gaz, surface, &p.key);
        }
        if found.is_none() && p.county_towns.is_empty() {
            found = nearby_settlement(gaz, text, mentions, &out, i);
        }
        if let (Some(f), Some(r)) = (found, out.get_mut(i)) {
            r.fallback = Some(f);
        }
    }
    out
}

/// For a name without a reading: the settlement (read with some confidence) named closest to
/// it in the same paragraph, within about two sentences, where a building, street or local
/// area named beside it most likely is ("the National Concert Hall ... in Dublin").
fn nearby_settlement(
    gaz: &Gazetteer,
    text: &str,
    mentions: &[MentionInput],
    out: &[Resolution],
    me: usize,
) -> Option<u32> {
    // Up to about two sentences away, and only readings the resolver is fairly sure of.
    const WINDOW: usize = 200;
    const MIN_CONFIDENCE: f32 = 0.5;
    let m = mentions.get(me)?;
    let mut best: Option<(usize, u32)> = None;
    for (j, (o, r)) in mentions.iter().zip(out).enumerate() {
        if j == me {
            continue;
        }
        let Some(rec) = r.record else { continue };
        if r.confidence < MIN_CONFIDENCE || !gaz.record(rec).is_some_and(|x| x.kind.is_settlement())
        {
            continue;
        }
        let (a, b) = if o.end <= m.start {
            (o.end, m.start)
        } else if m.end <= o.start {
            (m.end, o.start)
        } else {
            continue;
        };
        let gap = text.get(a..b).unwrap_or("\n");
        if gap.len() > WINDOW || gap.contains('\n') {
            continue;
        }
        if best.is_none_or(|(d, _)| gap.len() < d) {
            best = Some((gap.len(), rec));
        }
    }
    best.map(|(_, r)| r)
}

/// For "X County" without a division reading: the town named X in the first-level division
/// of the document's focus place (the biggest such town), if any.
fn county_town(gaz: &Gazetteer, towns: &[u32], focus: Option<u32>) -> Option<u32> {
    let f = focus.and_then(|f| gaz.record(f))?;
    if f.admin1 == 0 || f.kind == FeatureKind::Country {
        return None;
    }
    towns
        .iter()
        .filter_map(|&t| {
            let r = gaz.record(t)?;
            (r.cc == f.cc && r.admin1 == f.admin1).then_some((r.population, t))
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, t)| t)
}

/// A well-known place named inside a longer name that has no reading: a country, continent
/// or first-level division after "of" ("Bank of Mexico", "Council of Europe"), or a country
/// the name starts with ("US Federal Reserve").
fn embedded_place(gaz: &Gazetteer, surface: &str, key: &str) -> Option<u32> {
    let words: Vec<&str> = surface.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    for len in (1..words.len()).rev() {
        for start in 0..=words.len() - len {
            let after_of = start > 0 && words.get(start - 1).is_some_and(|w| *w == "of");
            if start != 0 && !after_of {
                continue;
            }
            let run = words.get(start..start + len)?;
            if !run
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            {
                continue;
            }
            let k = name_key(&run.join(" "));
            if k.is_empty() || k == key {
                continue;
            }
            let best = candidates(gaz, &k)
                .into_iter()
                .filter(|p| !p.alternate)
                .filter_map(|p| gaz.record(p.record).map(|r| (p.record, r)))
                .filter(|(_, r)| match r.kind {
                    FeatureKind::Country => true,
                    FeatureKind::Continent | FeatureKind::Admin1 => after_of,
                    _ => false,
                })
                .max_by(|a, b| prior(a.1).total_cmp(&prior(b.1)));
            if let Some((i, _)) = best {
                return Some(i);
            }
        }
    }
    None
}

/// Test input: `names` found in `text` in order, each after the one before.
#[cfg(test)]
pub(crate) fn mentions_of(text: &str, names: &[&str]) -> Vec<MentionInput> {
    let mut from = 0;
    names
        .iter()
        .map(|n| {
            let s = from + text[from..].find(n).expect("name in text");
            from = s + n.len();
            MentionInput {
                start: s,
                end: s + n.len(),
                demonym: None,
                unresolvable: false,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::gazetteer::test_gazetteer;
    use super::*;

    fn run(text: &str, names: &[&str]) -> Vec<Option<String>> {
        let g = test_gazetteer();
        let mentions = mentions_of(text, names);
        resolve_mentions(&g, text, &mentions, &[])
            .into_iter()
            .map(|r| {
                r.record
                    .and_then(|i| g.record(i))
                    .map(|rec| format!("{}:{:?}:{}", g.name(rec), rec.kind, rec.admin1))
            })
            .collect()
    }

    #[test]
    fn admin_cues_pick_the_division() {
        let r = run(
            "Fighting in the Kursk region of Russia.",
            &["Kursk", "Russia"],
        );
        assert!(r[0].as_deref().unwrap().contains("Admin1"), "{r:?}");
        let r = run("Fighting in Kursk Oblast.", &["Kursk Oblast"]);
        assert!(r[0].as_deref().unwrap().contains("Admin1"), "{r:?}");
        let r = run("in Russia's Kursk region", &["Russia", "Kursk"]);
        assert!(r[1].as_deref().unwrap().contains("Admin1"), "{r:?}");
        let r = run("the city of Kursk", &["Kursk"]);
        assert!(r[0].as_deref().unwrap().contains("AdminSeat"), "{r:?}");
    }

    #[test]
    fn context_picks_the_village_in_the_same_region() {
        let text = "Ukrainian troops in the Kursk region of Russia struck a post near Belaya.";
        let r = run(text, &["Kursk", "Russia", "Belaya"]);
        let belaya = r[2].as_deref().unwrap();
        assert!(belaya.starts_with("Belaya:Populated"), "{r:?}");
        let g = test_gazetteer();
        // The Russian Belaya (record 5) shares Kursk's admin1.
        assert_eq!(g.admin_code(g.record(5).unwrap().admin1), "RU.41");
        let mentions = [MentionInput {
            start: text.find("Belaya").unwrap(),
            end: text.find("Belaya").unwrap() + 6,
            demonym: None,
            unresolvable: false,
        }];
        // Alone, without context, the bigger Ukrainian Belaya wins.
        let alone = resolve_mentions(&g, text, &mentions, &[]);
        assert_eq!(alone[0].record, Some(7));
    }

    #[test]
    fn spelling_variants_and_alternates_resolve() {
        let r = run("From Kiev to Kharkov", &["Kiev", "Kharkov"]);
        assert!(r[0].as_deref().unwrap().starts_with("Kyiv"), "{r:?}");
        assert!(r[1].as_deref().unwrap().starts_with("Kharkiv"), "{r:?}");
        let r = run("Harkov", &["Harkov"]);
        assert!(r[0].as_deref().unwrap().starts_with("Kharkiv"), "{r:?}");
        // Not in the index: found through a spelling variant (w → v).
        let r = run("Kharkiw", &["Kharkiw"]);
        assert!(r[0].as_deref().unwrap().starts_with("Kharkiv"), "{r:?}");
        let r = run("Khudermes and Atlantis", &["Atlantis"]);
        assert_eq!(r[0], None);
    }

    #[test]
    fn unknown_names_sit_where_the_text_puts_them() {
        let g = test_gazetteer();
        let text = "Doctors at the Regional Hospital in Kharkiv said the Bank of Russia";
        let spans = ["Regional Hospital", "Kharkiv", "Bank of Russia"];
        let mentions = mentions_of(text, &spans);
        let r = resolve_mentions(&g, text, &mentions, &[]);
        let name = |x: &Resolution| {
            x.fallback
                .and_then(|i| g.record(i))
                .map(|rec| g.name(rec).to_owned())
        };
        assert_eq!(r[0].record, None);
        assert_eq!(name(&r[0]).as_deref(), Some("Kharkiv"), "{r:?}");
        assert_eq!(r[2].record, None);
        assert_eq!(name(&r[2]).as_deref(), Some("Russia"), "{r:?}");
    }

    #[test]
    fn uncertain_context_weighs_less() {
        // Alone, "Belaya" goes to the bigger Ukrainian village; a certain Kursk Oblast
        // mention still pulls it to the Russian one with trust-weighted context.
        let r = run(
            "Shelling near Belaya in the Kursk region.",
            &["Belaya", "Kursk"],
        );
        let g = test_gazetteer();
        let russian = g.record(5).unwrap();
        let want = format!("Belaya:{:?}:{}", russian.kind, russian.admin1);
        assert_eq!(r[0].as_deref(), Some(want.as_str()), "{r:?}");
    }

    #[test]
    fn a_county_sits_at_its_namesake_town_in_the_focus_division() {
        let g = test_gazetteer();
        // Kursk (the city, RU.41) is the focus; of the towns named Belaya, the one in the
        // same division locates "Belaya County", which itself has no reading.
        let text = "Shelling in Kursk and Kursk again; damage in Belaya County.";
        let m = mentions_of(text, &["Kursk", "Kursk", "Belaya County"]);
        let r = resolve_mentions(&g, text, &m, &[]);
        assert_eq!(r[2].record, None, "{r:?}");
        assert_eq!(r[2].fallback, Some(5), "{r:?}");
        // Without a town in the focus division it falls back to the focus itself.
        let text = "Shelling in Kyiv and Kyiv again; damage in Gudermes County.";
        let m = mentions_of(text, &["Kyiv", "Kyiv", "Gudermes County"]);
        let r = resolve_mentions(&g, text, &m, &[]);
        assert_eq!(r[2].record, None, "{r:?}");
        assert_eq!(r[2].fallback, r[0].record, "{r:?}");
    }

    #[test]
    fn an_unknown_name_sits_at_the_settlement_named_beside_it() {
        let g = test_gazetteer();
        let text = "The Central Station was hit overnight, officials in Kharkiv said. \
                    Kyiv said so. Kyiv said it again. Kyiv sent help.";
        let m = mentions_of(
            text,
            &["Central Station", "Kharkiv", "Kyiv", "Kyiv", "Kyiv"],
        );
        let r = resolve_mentions(&g, text, &m, &[]);
        let name = |i: Option<u32>| i.and_then(|i| g.record(i)).map(|x| g.name(x).to_owned());
        // The focus is Kyiv (most mentioned), but Kharkiv is named in the same sentence.
        assert_eq!(name(r[2].record).as_deref(), Some("Kyiv"));
        assert_eq!(r[0].record, None);
        assert_eq!(name(r[0].fallback).as_deref(), Some("Kharkiv"), "{r:?}");
        // Far from any other name (another paragraph), it falls back to the focus.
        let text = "Kyiv said so. Kyiv said it again.\nThe Central Station was hit.\nKharkiv too.";
        let m = mentions_of(text, &["Kyiv", "Kyiv", "Central Station", "Kharkiv"]);
        let r = resolve_mentions(&g, text, &m, &[]);
        assert_eq!(name(r[2].fallback).as_deref(), Some("Kyiv"), "{r:?}");
    }

    #[test]
    fn short_capitals_are_abbreviations() {
        assert!(is_acronym("SA"));
        assert!(is_acronym("CHU"));
        assert!(is_acronym("N.M."));
        assert!(!is_acronym("Sa"));
        assert!(!is_acronym("ROME"));
        assert!(!is_acronym("A"));
        assert!(!is_acronym("Kyiv"));
    }

    #[test]
    fn distances() {
        let d = haversine_km(51.06, 35.71, 43.35, 46.1);
        assert!((1100.0..1250.0).contains(&d), "{d}");
    }
}
