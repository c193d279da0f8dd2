//! From tagged names to schema entities: nationalities (NORP), organisation names that a
//! nationality or "of Country" belongs to, roles and countries of people, and within-document
//! clusters with a canonical name.

use super::lexicon::{COUNTRY, DEMONYM, LexEntry, Lexicon};
use sitrep_model::EntityKind;

/// A mention over tokens `start..end` of one run of tokens (a sentence without flagged text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    pub(crate) run: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: EntityKind,
    pub(crate) role: Option<String>,
    pub(crate) country: Option<String>,
    /// The organisation a person's role is in: (run, start, end) of its mention.
    pub(crate) org: Option<(usize, usize, usize)>,
    /// Index of the cluster's first mention (after [`cluster`]).
    pub(crate) cluster: usize,
    pub(crate) canonical: String,
}

impl Mention {
    pub(crate) fn new(run: usize, start: usize, end: usize, kind: EntityKind) -> Self {
        Mention {
            run,
            start,
            end,
            kind,
            role: None,
            country: None,
            org: None,
            cluster: 0,
            canonical: String::new(),
        }
    }
}

/// Tokens of the runs of a document, as text.
pub(crate) type Runs<'a> = [Vec<&'a str>];

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn text_of(runs: &Runs<'_>, m: &Mention) -> String {
    runs[m.run][m.start..m.end].join(" ")
}

fn country_of(e: &LexEntry) -> Option<String> {
    e.country().map(str::to_owned)
}

/// Marks nationalities: a demonym ("Ukrainian", "North Korean", "Russians") becomes a NORP
/// mention, replacing a name of exactly its tokens (CoNLL calls them MISC) or filling a gap;
/// a demonym inside a longer name ("Russian Interior Ministry") is left to that name.
pub(crate) fn norp(runs: &Runs<'_>, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let mut added = Vec::new();
    for (r, toks) in runs.iter().enumerate() {
        let mut i = 0;
        while i < toks.len() {
            if !starts_upper(toks[i]) {
                i += 1;
                continue;
            }
            let Some((n, e)) = lex.longest(&toks[i..], |e| e.is(DEMONYM)) else {
                i += 1;
                continue;
            };
            let (a, b) = (i, i + n);
            let country = e.country_as(DEMONYM).map(str::to_owned);
            let overlapping: Vec<usize> = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.run == r && m.start < b && a < m.end)
                .map(|(k, _)| k)
                .collect();
            let inside = overlapping
                .iter()
                .all(|&k| mentions[k].start >= a && mentions[k].end <= b);
            if inside {
                // Replace names within the demonym's tokens.
                for &k in overlapping.iter().rev() {
                    mentions.remove(k);
                }
                let mut m = Mention::new(r, a, b, EntityKind::Norp);
                m.country = country;
                added.push(m);
            }
            i = b;
        }
    }
    mentions.extend(added);
    sort(mentions);
}

fn sort(mentions: &mut [Mention]) {
    mentions.sort_by_key(|m| (m.run, m.start, m.end));
}

/// Joins a nationality or country to the organisation it names: "Ukrainian" + "Security
/// Service" and "Security Service" + "of" + "Ukraine" become one ORG with the country.
pub(crate) fn merge_orgs(runs: &Runs<'_>, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    // Names tagged whole: "Ukrainian Security Service", "Security Service of Ukraine".
    for m in mentions.iter_mut() {
        if m.kind != EntityKind::Org || m.country.is_some() || m.end - m.start < 2 {
            continue;
        }
        let toks = &runs[m.run][m.start..m.end];
        if let Some((n, e)) = lex.longest(toks, |e| e.is(DEMONYM) || e.is(COUNTRY))
            && n < toks.len()
        {
            m.country = country_of(e);
        } else if let Some(of) = toks.iter().rposition(|w| *w == "of")
            && of > 0
            && let Some(e) = lex.lookup(&toks[of + 1..])
            && e.is(COUNTRY)
        {
            m.country = country_of(e);
        }
    }
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        if a.run == b.run
            && a.kind == EntityKind::Norp
            && b.kind == EntityKind::Org
            && a.end == b.start
        {
            let mut m = b.clone();
            m.start = a.start;
            if m.country.is_none() {
                m.country = a.country.clone();
            }
            mentions[k] = m;
            mentions.remove(k + 1);
            continue;
        }
        if a.run == b.run
            && a.kind == EntityKind::Org
            && matches!(b.kind, EntityKind::Place | EntityKind::Org)
            && a.end + 1 == b.start
            && runs[a.run][a.end] == "of"
            && let Some(e) = lex.lookup(&runs[b.run][b.start..b.end])
            && e.is(COUNTRY)
        {
            let mut m = a.clone();
            m.end = b.end;
            if m.country.is_none() {
                m.country = country_of(e);
            }
            mentions[k] = m;
            mentions.remove(k + 1);
            continue;
        }
        k += 1;
    }
}

/// Words that head a title ("President", "Minister", "spokesperson").
const ROLE_HEADS: &[&str] = &[
    "president",
    "vice-president",
    "minister",
    "secretary",
    "secretary-general",
    "chancellor",
    "premier",
    "general",
    "gen.",
    "lt.",
    "col.",
    "colonel",
    "major",
    "maj.",
    "lieutenant",
    "captain",
    "capt.",
    "admiral",
    "adm.",
    "commander",
    "commander-in-chief",
    "marshal",
    "sergeant",
    "sgt.",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "ayatollah",
    "sheikh",
    "emir",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "governor",
    "gov.",
    "mayor",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "chief",
    "ceo",
    "leader",
    "head",
    "judge",
    "prosecutor",
    "attorney",
    "speaker",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
];

/// Words that may stand inside a title ("Secretary of State", "Deputy Defence Minister").
const ROLE_MODIFIERS: &[&str] = &[
    "of",
    "state",
    "defense",
    "defence",
    "foreign",
    "interior",
    "finance",
    "justice",
    "economy",
    "health",
    "prime",
    "deputy",
    "vice",
    "acting",
    "former",
    "first",
    "staff",
    "army",
    "armed",
    "forces",
    "intelligence",
    "military",
    "general",
    "attorney",
    "national",
    "security",
    "adviser",
    "advisor",
    "senior",
    "supreme",
    "top",
];

fn is_head(w: &str) -> bool {
    ROLE_HEADS.iter().any(|h| h.eq_ignore_ascii_case(w))
}

fn is_modifier(w: &str) -> bool {
    ROLE_MODIFIERS.iter().any(|h| h.eq_ignore_ascii_case(w))
}

/// Gives people the title written before their name ("US Secretary of State Antony
/// Blinken": role "Secretary of State", country USA) and the country of a nationality or
/// country name just before the title.
pub(crate) fn roles(runs: &Runs<'_>, lex: &Lexicon, mentions: &mut [Mention]) {
    for k in 0..mentions.len() {
        if mentions[k].kind != EntityKind::Person || mentions[k].role.is_some() {
            continue;
        }
        let (r, start) = (mentions[k].run, mentions[k].start);
        let toks = &runs[r];
        // The longest run of title words ending just before the name, starting with a head
        // or capitalised modifier and containing a head.
        let mut first = start;
        while first > 0 {
            let w = toks[first - 1];
            if is_head(w) || is_modifier(w) {
                first -= 1;
            } else {
                break;
            }
        }
        while first < start
            && (toks[first] == "of" || !starts_upper(toks[first]) && !is_head(toks[first]))
        {
            first += 1;
        }
        if first == start || !toks[first..start].iter().any(|w| is_head(w)) {
            continue;
        }
        // Courtesy titles are not roles.
        if start - first == 1
            && matches!(
                toks[first].to_ascii_lowercase().as_str(),
                "mr." | "mrs." | "ms." | "dr."
            )
        {
            continue;
        }
        mentions[k].role = Some(toks[first..start].join(" "));
        // A country, nationality or organisation just before the title ("Ukraine's").
        let first = if first > 1 && is_possessive(toks[first - 1]) {
            first - 1
        } else {
            first
        };
        if let Some(o) = mentions
            .iter()
            .find(|m| m.run == r && m.end == first && m.kind == EntityKind::Org)
        {
            mentions[k].org = Some((r, o.start, o.end));
        }
        let before = mentions
            .iter()
            .find(|m| m.run == r && m.end == first)
            .and_then(|m| {
                m.country.clone().or_else(|| {
                    lex.lookup(&toks[m.start..m.end])
                        .filter(|e| e.is(COUNTRY) || e.is(DEMONYM))
                        .and_then(country_of)
                })
            })
            .or_else(|| {
                (1..=first.min(2)).find_map(|n| {
                    lex.lookup(&toks[first - n..first])
                        .filter(|e| e.is(COUNTRY) || e.is(DEMONYM))
                        .and_then(country_of)
                })
            });
        if before.is_some() {
            mentions[k].country = before;
        }
    }
    for k in 0..mentions.len() {
        if mentions[k].kind == EntityKind::Person && mentions[k].role.is_none() {
            role_after(runs, lex, mentions, k);
        }
    }
}

/// (run, start, end) of an organisation's mention.
type OrgSpan = (usize, usize, usize);

fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'" | "’")
}

/// A country, nationality or organisation of tokens `a..b` of run `r`: a mention of
/// exactly those tokens, else a country or demonym in the lexicon. Returns its country and,
/// for an organisation, its span.
fn affiliation(
    runs: &Runs<'_>,
    lex: &Lexicon,
    mentions: &[Mention],
    r: usize,
    a: usize,
    b: usize,
) -> Option<(Option<String>, Option<OrgSpan>)> {
    if let Some(m) = mentions
        .iter()
        .find(|m| m.run == r && m.start == a && m.end == b)
    {
        return match m.kind {
            EntityKind::Org => Some((m.country.clone(), Some((r, a, b)))),
            EntityKind::Place | EntityKind::Norp => Some((
                m.country.clone().or_else(|| {
                    lex.lookup(&runs[r][a..b])
                        .filter(|e| e.is(COUNTRY) || e.is(DEMONYM))
                        .and_then(country_of)
                }),
                None,
            )),
            _ => None,
        };
    }
    lex.lookup(&runs[r][a..b])
        .filter(|e| e.is(COUNTRY) || e.is(DEMONYM))
        .map(|e| (country_of(e), None))
}

/// A role written after a person's name, as an apposition: "Antony Blinken, the US Secretary
/// of State," (role "Secretary of State", country USA), "Ivan Petrov, a spokesperson for the
/// SBU," (role "spokesperson", organisation SBU).
fn role_after(runs: &Runs<'_>, lex: &Lexicon, mentions: &mut [Mention], k: usize) {
    let (r, end) = (mentions[k].run, mentions[k].end);
    let toks = &runs[r];
    if toks.get(end) != Some(&",") {
        return;
    }
    let mut i = end + 1;
    if toks
        .get(i)
        .is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "the" | "a" | "an"))
    {
        i += 1;
    }
    let mut country = None;
    let mut org = None;
    // A country, nationality or organisation before the title ("the US", "Ukraine's").
    if let Some(m) = mentions
        .iter()
        .find(|m| m.run == r && m.start == i && m.end > i)
        && let Some((c, o)) = affiliation(runs, lex, mentions, r, m.start, m.end)
    {
        country = c;
        org = o;
        i = m.end;
    } else if toks.get(i).is_some_and(|w| starts_upper(w))
        && let Some((n, e)) = lex.longest(&toks[i..], |e| e.is(COUNTRY) || e.is(DEMONYM))
    {
        country = country_of(e);
        i += n;
    }
    if toks.get(i).is_some_and(|w| is_possessive(w)) {
        i += 1;
    }
    let first = i;
    while toks.get(i).is_some_and(|w| is_head(w) || is_modifier(w)) {
        i += 1;
    }
    let mut last = i;
    while last > first && toks[last - 1].eq_ignore_ascii_case("of") {
        last -= 1;
    }
    if last == first
        || !toks[first..last].iter().any(|w| is_head(w))
        || toks.get(i).is_some_and(|w| is_possessive(w))
        || toks[first..last].iter().all(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "mr." | "mrs." | "ms." | "dr."
            )
        })
    {
        return;
    }
    // "of / for / at (the) Organisation-or-Country".
    let mut j = last;
    if toks
        .get(j)
        .is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "of" | "for" | "at" | "in"))
    {
        j += 1;
        if toks.get(j).is_some_and(|w| w.eq_ignore_ascii_case("the")) {
            j += 1;
        }
        if let Some(m) = mentions
            .iter()
            .find(|m| m.run == r && m.start == j && m.end > j)
            && let Some((c, o)) = affiliation(runs, lex, mentions, r, m.start, m.end)
        {
            if c.is_some() {
                country = c;
            }
            if o.is_some() {
                org = o;
            }
        }
    }
    let m = &mut mentions[k];
    m.role = Some(toks[first..last].join(" "));
    if country.is_some() {
        m.country = country;
    }
    if org.is_some() {
        m.org = org;
    }
}

/// Union-find over mention indices.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        // The earlier mention is the root.
        if a < b {
            self.0[b] = a;
        } else if b < a {
            self.0[a] = b;
        }
    }
}

fn is_acronym(w: &str) -> bool {
    w.chars().count() >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && w.chars().any(char::is_uppercase)
}

/// Adds mentions of acronyms defined in parentheses after an organisation ("Ukrainian
/// Security Service (SBU)") wherever the acronym appears untagged, and relabels single-word
/// names that repeat a person's surname as that person's kind.
pub(crate) fn aliases(runs: &Runs<'_>, mentions: &mut Vec<Mention>) {
    let mut acronyms: Vec<(String, EntityKind)> = Vec::new();
    for m in mentions.iter() {
        let toks = &runs[m.run];
        if matches!(
            m.kind,
            EntityKind::Org | EntityKind::Misc | EntityKind::Place
        ) && m.end - m.start >= 2
            && toks.get(m.end) == Some(&"(")
            && toks.get(m.end + 2) == Some(&")")
            && let Some(a) = toks.get(m.end + 1)
            && is_acronym(a)
        {
            acronyms.push(((*a).to_owned(), m.kind));
        }
    }
    for (acr, kind) in &acronyms {
        for (r, toks) in runs.iter().enumerate() {
            for (i, w) in toks.iter().enumerate() {
                if w != acr {
                    continue;
                }
                match mentions
                    .iter_mut()
                    .find(|m| m.run == r && m.start <= i && i < m.end)
                {
                    Some(m) if m.start == i && m.end == i + 1 => m.kind = *kind,
                    Some(_) => {}
                    None => mentions.push(Mention::new(r, i, i + 1, *kind)),
                }
            }
        }
    }
    sort(mentions);
    // Surnames of people named in full.
    let surnames: Vec<String> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.end - m.start >= 2)
        .map(|m| runs[m.run][m.end - 1].to_owned())
        .collect();
    for m in mentions.iter_mut() {
        if m.end - m.start == 1
            && matches!(
                m.kind,
                EntityKind::Org | EntityKind::Place | EntityKind::Misc
            )
            && surnames.iter().any(|s| s == runs[m.run][m.start])
        {
            m.kind = EntityKind::Person;
        }
    }
}

fn norm_key(runs: &Runs<'_>, m: &Mention) -> String {
    runs[m.run][m.start..m.end]
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Clusters mentions of one document and names each cluster; fills `cluster`, `canonical`
/// and a cluster-wide `country`.
pub(crate) fn cluster(
    runs: &Runs<'_>,
    lex: &Lexicon,
    mentions: &mut [Mention],
    surface: &dyn Fn(&Mention) -> String,
) {
    let n = mentions.len();
    let mut sets = Sets((0..n).collect());
    let keys: Vec<String> = mentions.iter().map(|m| norm_key(runs, m)).collect();
    // The organisation part without the country: "security service" for both "Ukrainian
    // Security Service" and "Security Service of Ukraine".
    let org_core = |m: &Mention| -> Option<(String, String)> {
        if m.kind != EntityKind::Org {
            return None;
        }
        let country = m.country.clone()?;
        let toks = &runs[m.run][m.start..m.end];
        let mut core: &[&str] = toks;
        if core.len() >= 3 && core[core.len() - 2] == "of" {
            core = &core[..core.len() - 2];
        }
        if let Some((n, _)) = lex.longest(core, |e| e.is(DEMONYM) || e.is(COUNTRY))
            && n < core.len()
        {
            core = &core[n..];
        }
        Some((
            country,
            core.iter()
                .map(|w| w.to_lowercase())
                .collect::<Vec<_>>()
                .join(" "),
        ))
    };
    let cores: Vec<Option<(String, String)>> = mentions.iter().map(org_core).collect();
    // Acronym definitions: "X ( ACR )".
    for i in 0..n {
        let m = &mentions[i];
        let toks = &runs[m.run];
        if toks.get(m.end) == Some(&"(") && toks.get(m.end + 2) == Some(&")") {
            for (j, o) in mentions.iter().enumerate() {
                if o.run == m.run && o.start == m.end + 1 && o.end == m.end + 2 {
                    sets.union(i, j);
                }
            }
        }
    }
    for i in 0..n {
        for j in 0..i {
            let (a, b) = (&mentions[j], &mentions[i]);
            let same = if keys[i] == keys[j] {
                a.kind == b.kind
            } else if a.kind == EntityKind::Person && b.kind == EntityKind::Person {
                // "Zelensky" after "Volodymyr Zelensky": the shorter name ends the longer.
                let (short, long) = if b.end - b.start <= a.end - a.start {
                    (b, a)
                } else {
                    (a, b)
                };
                let st = &runs[short.run][short.start..short.end];
                let lt = &runs[long.run][long.start..long.end];
                st.len() < lt.len() && lt.ends_with(st)
            } else {
                cores[i].is_some() && cores[i] == cores[j]
            };
            if same {
                sets.union(i, j);
            }
        }
    }
    for (i, m) in mentions.iter_mut().enumerate() {
        m.cluster = sets.find(i);
    }
    // Canonical name: the longest mention (in words, then bytes), the earliest among equals.
    let mut best: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let c = mentions[i].cluster;
        let len = |m: &Mention| (m.end - m.start, text_of(runs, m).len());
        let better = match best[c] {
            None => true,
            Some(b) => {
                let is_acr = |m: &Mention| m.end - m.start == 1 && is_acronym(runs[m.run][m.start]);
                let (mi, mb) = (&mentions[i], &mentions[b]);
                (is_acr(mb) && !is_acr(mi)) || (is_acr(mb) == is_acr(mi) && len(mi) > len(mb))
            }
        };
        if better {
            best[c] = Some(i);
        }
    }
    let mut countries: Vec<Option<String>> = vec![None; n];
    for m in mentions.iter() {
        if countries[m.cluster].is_none() {
            countries[m.cluster].clone_from(&m.country);
        }
    }
    let names: Vec<String> = (0..n)
        .map(|i| best[mentions[i].cluster].map_or_else(String::new, |b| surface(&mentions[b])))
        .collect();
    for (i, m) in mentions.iter_mut().enumerate() {
        m.canonical.clone_from(&names[i]);
        if m.country.is_none() && matches!(m.kind, EntityKind::Person | EntityKind::Org) {
            m.country.clone_from(&countries[m.cluster]);
        }
    }
}

/// Countries of places that are country names, and of nationalities.
pub(crate) fn place_countries(runs: &Runs<'_>, lex: &Lexicon, mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        if m.kind == EntityKind::Place
            && m.country.is_none()
            && let Some(e) = lex.lookup(&runs[m.run][m.start..m.end])
            && e.is(COUNTRY)
        {
            m.country = country_of(e);
        }
    }
}
