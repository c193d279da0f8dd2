//! The rule-based coder: triggers, arguments, place, date, counts, modality and source.

use crate::EventsConfig;
use crate::actors::{ActorDictionary, NameKind, push_key};
use crate::lexicon::{Control, Entry, Family, Lexicon, Pos};
use crate::ontology::AcledSub;
use sitrep_model::{
    DateSource, Document, EntityKind, Event, EventDate, Id, Modality, Participant, PublishedTag,
    QuantityCategory, Span, TimexType, Token, TokenKind,
};

/// The runtime event coder.
#[derive(Debug, Clone)]
pub struct EventCoder {
    config: EventsConfig,
    actors: ActorDictionary,
    lexicon: Lexicon,
}

/// A participant candidate in a sentence.
#[derive(Debug, Clone)]
struct Mention {
    /// Token range in the sentence (exclusive end).
    a: usize,
    b: usize,
    span: Span,
    country: Option<String>,
    sector: Option<String>,
    entity: Option<Id>,
    /// A place name (a country, a city) rather than a group of people.
    place: bool,
    /// "our soldiers": the country is the speaker's.
    ours: bool,
    /// A capital, which names a place or its government ("Moscow said").
    capital: bool,
}

/// A trigger found in a sentence.
#[derive(Debug, Clone, Copy)]
struct Hit {
    a: usize,
    b: usize,
    entry: Entry,
    noun: bool,
    passive: bool,
    clause: usize,
    /// Modality imposed by a governing trigger ("agreed to withdraw").
    governed: Option<Control>,
}

/// One sentence prepared for coding.
struct Sent<'d> {
    doc: &'d Document,
    toks: &'d [Token],
    lower: Vec<String>,
    clause: Vec<usize>,
    span: Span,
}

const DETERMINERS: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "new",
    "further",
    "recent",
    "latest",
    "deadly",
    "precision",
    "fresh",
    "major",
    "failed",
    "massive",
    "another",
    "first",
    "second",
    "large",
    "huge",
    "joint",
    "separate",
    "'s",
    "’s",
];
const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "got", "get", "gets", "getting",
];
const SKIP_BETWEEN: &[&str] = &[
    "reportedly",
    "allegedly",
    "also",
    "either",
    "later",
    "then",
    "not",
    "all",
    "both",
    "being",
    "been",
    "have",
    "has",
    "had",
    "already",
    "now",
    "subsequently",
    "apparently",
    "purportedly",
    "just",
    "recently",
    "initially",
    "previously",
    "successfully",
    "fatally",
    "critically",
    "seriously",
    "badly",
];
const CLAUSE_WORDS: &[&str] = &[
    "where", "which", "while", "whereas", "but", "although", "though", "who", "whom",
];
const STOP_LEFT: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "by", "to", "and", "or", "that", "have", "has", "had",
    "was", "were", "is", "are", "be", "been", "said", "with", "for", "from", "at", "as", "their",
    "its", "his", "her", "than", "into", "near", "after", "before", "during", "against", "over",
    "under", "about", "around", "some", "many", "several", "both", "all", "two", "three", "who",
    "which", "when", "where", "while", "this", "these", "those", "it", "they", "he", "she", "we",
    "not", "no",
];
const MODIFIERS: &[&str] = &[
    "armed",
    "special",
    "security",
    "elite",
    "local",
    "foreign",
    "national",
    "regional",
    "federal",
    "state",
    "riot",
    "border",
    "allied",
    "opposition",
    "rebel",
    "militant",
    "paramilitary",
    "islamist",
    "jihadist",
    "ethnic",
    "senior",
    "top",
    "former",
    "army",
    "police",
    "unidentified",
    "unknown",
    "masked",
    "suspected",
    "government",
    "military",
    "naval",
    "air",
    "ground",
    "defence",
    "defense",
    "interior",
    "foreign",
    "intelligence",
    "separatist",
    "insurgent",
    "tribal",
    "religious",
    "student",
    "young",
    "angry",
    "radical",
    "hardline",
    "exiled",
    "interim",
    "provincial",
    "municipal",
    "israeli-backed",
    "pro-government",
    "anti-government",
    "peacekeeping",
    "coalition",
    "marine",
    "counterpart",
    "command",
    "security-force",
    "civilian",
    "unarmed",
    "innocent",
    "wounded",
    "injured",
];
const LOCATIVE: &[&str] = &[
    "in",
    "near",
    "at",
    "outside",
    "inside",
    "around",
    "across",
    "into",
    "from",
    "through",
    "toward",
    "towards",
    "within",
    "throughout",
];
const NEGATION: &[&str] = &["not", "n't", "never", "no", "without", "nor", "neither"];
const FUTURE: &[&str] = &[
    "will",
    "would",
    "'ll",
    "shall",
    "plans",
    "planned",
    "planning",
    "plan",
    "intends",
    "intend",
    "intended",
    "threatens",
    "threatened",
    "threatening",
    "vowed",
    "vows",
    "vow",
    "prepared",
    "preparing",
    "ready",
    "expected",
    "potential",
    "possible",
    "upcoming",
    "anticipation",
    "proposed",
    "aims",
    "seeks",
    "sought",
    "want",
    "wants",
    "wanted",
];
const HEDGES: &[&str] = &[
    "reportedly",
    "allegedly",
    "purportedly",
    "apparently",
    "unconfirmed",
    "claims",
    "claimed",
    "claiming",
    "claim",
    "estimate",
    "estimates",
    "estimated",
    "believed",
    "rumored",
    "rumoured",
    "may",
    "might",
    "could",
    "possibly",
    "likely",
    "presumably",
];
const CIVILIAN_SECTORS: &[&str] = &[
    "CVL", "OPP", "MED", "EDU", "REF", "LAB", "HLH", "NGO", "AGR", "BUS", "REL",
];
const ARMED_SECTORS: &[&str] = &["MIL", "REB", "COP", "SPY"];
const STATE_SECTORS: &[&str] = &["MIL", "GOV", "COP", "SPY"];
const TERRITORY_WORDS: &[&str] = &[
    "town",
    "towns",
    "city",
    "cities",
    "village",
    "villages",
    "area",
    "areas",
    "territory",
    "territories",
    "base",
    "bases",
    "region",
    "district",
    "districts",
    "position",
    "positions",
    "stronghold",
    "strongholds",
    "airport",
    "hill",
    "bridge",
    "checkpoint",
    "control",
    "province",
    "settlement",
    "settlements",
    "neighbourhood",
    "neighborhood",
    "outpost",
    "square",
    "kilometers",
    "kilometres",
    "border",
    "camp",
    "port",
    "headquarters",
    "capital",
    "field",
    "fields",
    "oilfield",
    "oilfields",
    "site",
    "facility",
    "compound",
    "hilltop",
    "hilltops",
    "hills",
    "heights",
    "suburb",
    "suburbs",
    "outskirts",
    "county",
    "municipality",
    "locality",
    "localities",
    "hamlet",
    "hamlets",
    "enclave",
    "governorate",
    "valley",
    "island",
    "airbase",
];
const WEAPON_WORDS: &[&str] = &[
    "weapons",
    "weapon",
    "arms",
    "explosives",
    "ammunition",
    "munitions",
    "rifles",
    "guns",
    "bomb",
    "bombs",
    "missile",
    "missiles",
    "rockets",
    "drone",
    "drones",
    "ied",
    "ieds",
    "mines",
    "grenades",
    "cache",
    "shells",
    "packages",
    "package",
    "device",
    "devices",
    "firearms",
    "firearm",
    "pistol",
    "pistols",
    "rifle",
    "ak-47",
    "ak-47s",
    "grenade",
    "rpg",
    "rpgs",
    "mortars",
    "landmine",
    "landmines",
    "ordnance",
    "uxo",
    "detonators",
    "warheads",
    "arsenal",
    "stockpile",
    "caches",
    "ammunitions",
    "explosive",
];

/// Adjectives before a noun trigger ("a peaceful protest against ...").
const NOUN_ADJECTIVES: &[&str] = &[
    "peaceful",
    "mass",
    "silent",
    "nationwide",
    "street",
    "public",
    "small",
    "big",
    "student",
    "violent",
    "angry",
    "spontaneous",
];

/// What is fired in a shelling or missile attack ("fired six missiles at").
const PROJECTILE_WORDS: &[&str] = &[
    "missiles",
    "missile",
    "rockets",
    "rocket",
    "shells",
    "mortars",
    "mortar",
    "projectiles",
    "artillery",
];

/// Who is let in ("received a mission of observers"): CAMEO 086, PLOVER RETREAT access.
const ACCESS_WORDS: &[&str] = &[
    "observers",
    "inspectors",
    "peacekeepers",
    "monitors",
    "mission",
    "aid",
    "workers",
];

/// What is cancelled in a cut in relations, or eased.
const CANCELLED_WORDS: &[&str] = &[
    "visit",
    "trip",
    "talks",
    "meeting",
    "summit",
    "aid",
    "contract",
    "deal",
    "flights",
    "restrictions",
    "restriction",
    "ban",
    "curfew",
];

/// Ties, aid and efforts that are ended or reduced.
const TIES_WORDS: &[&str] = &[
    "mediation",
    "talks",
    "negotiations",
    "cooperation",
    "aid",
    "ties",
    "relations",
    "contacts",
    "assistance",
    "funding",
    "supplies",
    "support",
];

/// Aid given, sent or handed over.
const AID_WORDS: &[&str] = &[
    "aid",
    "arms",
    "weapons",
    "assistance",
    "grant",
    "loan",
    "credit",
    "food",
    "medicine",
    "medicines",
    "supplies",
    "equipment",
    "funds",
    "money",
    "asylum",
    "relief",
    "wounded",
    "injured",
    "civilians",
    "refugees",
];

/// Roads and crossings blocked by protesters.
const ROAD_WORDS: &[&str] = &[
    "road",
    "roads",
    "street",
    "streets",
    "highway",
    "highways",
    "bridge",
    "traffic",
    "transport",
    "railway",
    "entrance",
    "motorway",
];

/// Who is dispatched.
const DISPATCHED_WORDS: &[&str] = &[
    "troops",
    "forces",
    "soldiers",
    "police",
    "units",
    "warships",
    "inspectors",
    "investigators",
    "monitors",
    "observers",
    "reinforcements",
];

/// Labour disputes: a "strike" among these is a work stoppage, not an attack.
const LABOUR_WORDS: &[&str] = &[
    "workers",
    "union",
    "unions",
    "pay",
    "wages",
    "wage",
    "salaries",
    "employees",
    "teachers",
    "doctors",
    "nurses",
    "drivers",
    "labour",
    "labor",
    "miners",
    "staff",
];

/// Armed units formed, merged or disbanded.
const UNIT_WORDS: &[&str] = &[
    "forces",
    "troops",
    "units",
    "unit",
    "brigade",
    "brigades",
    "battalion",
    "battalions",
    "militia",
    "militias",
    "regiment",
    "division",
    "army",
    "groups",
    "group",
    "alliance",
    "coalition",
    "command",
];

/// Nouns for people as the object of a trigger.
/// Verbs of saying: a mention before one of them, with the trigger after it, is the speaker
/// of the report, not a participant of the event.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "claimed",
    "claims",
    "reported",
    "reports",
    "added",
    "stated",
    "announced",
    "announces",
    "according",
    "alleged",
    "alleges",
    "confirmed",
    "confirms",
    "accused",
    "accuses",
];

/// With [`VIOLENT_FAMILIES`], the families of material acts (violence, captures, territory):
/// done by someone a report names, never by the reporter.
const OTHER_MATERIAL_FAMILIES: &[Family] = &[
    Family::SuicideBomb,
    Family::Grenade,
    Family::Chemical,
    Family::Abduct,
    Family::Sexual,
    Family::Torture,
    Family::Massacre,
    Family::Capture,
    Family::Retake,
    Family::TakeTerritory,
    Family::Advance,
    Family::Invade,
    Family::Destroy,
];

/// Who is released in a concession ("released the hostages"). The first
/// [`PRISONER_WORDS`]`.len()` are the prisoners whose release ACLED counts as an agreement.
const CAPTIVE_WORDS: &[&str] = &[
    "prisoners",
    "prisoner",
    "hostages",
    "hostage",
    "captives",
    "detainees",
    "pows",
    "detainee",
    "captive",
    "soldiers",
    "journalists",
    "journalist",
    "activists",
    "activist",
    "dissidents",
    "crew",
    "sailors",
    "fishermen",
    "nationals",
    "citizens",
    "inmates",
    "him",
    "her",
    "them",
];

/// Prisoners and hostages: their release is an ACLED agreement.
const PRISONER_WORDS: &[&str] = CAPTIVE_WORDS.split_at(7).0;

/// Families of violent triggers: a noun of one of them as the subject of a verb of another is
/// one event ("shelling hit", "an airstrike killed").
const VIOLENT_FAMILIES: &[Family] = &[
    Family::Clash,
    Family::Shelling,
    Family::AirStrike,
    Family::Attack,
    Family::Shoot,
    Family::Kill,
    Family::Bomb,
];

/// Families of harm done to people, told by coordinated verbs ("killed or injured").
const HARM_FAMILIES: &[Family] = &[Family::Kill, Family::Attack, Family::Shoot];

const PEOPLE_WORDS: &[&str] = &[
    "members",
    "member",
    "suspects",
    "suspect",
    "people",
    "men",
    "persons",
    "individuals",
    "militants",
    "terrorists",
    "smugglers",
    "migrants",
];

/// Triggers whose everyday senses are not violence: "Arsenal beat Chelsea", "the film was a
/// hit", "they launched a phone", "a battle over the budget". They code a violent event only
/// in a sentence with [`VIOLENCE_WORDS`].
const FIGURATIVE_VIOLENCE: &[&str] = &[
    "hit",
    "damage",
    "wreck",
    "steal",
    "beat",
    "beating",
    "launch",
    "battle",
    "shoot",
    "shot",
    "storm",
    "pound",
    "target",
    "hammer",
    "smash",
    "crush",
    "blast",
    "fire",
    "explosion",
    "take over",
    "take control",
];
/// Words that mostly mean violence in the news but not in sport or business ("Arsenal's
/// attack", "a fight for market share"): violent with [`VIOLENCE_WORDS`] or a nationality or
/// place named in the sentence.
const SOFT_FIGURATIVE_VIOLENCE: &[&str] = &["attack", "strike", "fight", "clash"];
/// Armed people, weapons, casualties and war: a sentence with one of these is about violence.
const VIOLENCE_WORDS: &[&str] = &[
    "forces",
    "commandos",
    "marines",
    "paratroopers",
    "sniper",
    "snipers",
    "troops",
    "army",
    "soldier",
    "soldiers",
    "military",
    "militants",
    "militant",
    "rebels",
    "rebel",
    "insurgents",
    "insurgent",
    "fighters",
    "militia",
    "militias",
    "separatists",
    "guerrillas",
    "gunman",
    "gunmen",
    "jihadists",
    "terrorists",
    "terrorist",
    "attackers",
    "assailants",
    "police",
    "policemen",
    "officers",
    "guards",
    "security",
    "police's",
    "mob",
    "protesters",
    "demonstrators",
    "civilians",
    "civilian",
    "killed",
    "kill",
    "kills",
    "killing",
    "killings",
    "dead",
    "death",
    "deaths",
    "died",
    "wounded",
    "wounding",
    "injured",
    "injuring",
    "injuries",
    "casualties",
    "bodies",
    "hostages",
    "war",
    "wars",
    "warplanes",
    "airstrike",
    "airstrikes",
    "air",
    "ceasefire",
    "offensive",
    "frontline",
    "shelling",
    "shells",
    "artillery",
    "bombing",
    "bombings",
    "bomb",
    "bombs",
    "explosion",
    "explosive",
    "explosives",
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "drone",
    "drones",
    "mortar",
    "mortars",
    "gunfire",
    "gun",
    "guns",
    "rifle",
    "rifles",
    "knife",
    "weapon",
    "weapons",
    "violence",
    "violent",
    "clashes",
    "conflict",
    "insurgency",
    "raid",
    "village",
    "villages",
    "checkpoint",
    "base",
    "bases",
    "positions",
    "taliban",
    "hamas",
    "hezbollah",
    "houthis",
    "isis",
    "isil",
    "al-qaeda",
    "al-shabaab",
    "boko",
    "invasion",
    "occupied",
    "shot",
    "gunshot",
    "stabbed",
    "stabbing",
    "assault",
    "tanks",
    "tank",
    "navy",
    "warship",
    "warships",
    "jets",
    "fighter",
    "battalion",
    "brigade",
    "regiment",
];
/// Who a place falls to in a fight ("the town fell to the rebels"); without one of these,
/// "inflation fell to 4.3%" or "the ball fell to Hartson" is no change of territory.
const FORCE_WORDS: &[&str] = &[
    "forces",
    "troops",
    "army",
    "soldiers",
    "rebels",
    "rebel",
    "militants",
    "militant",
    "insurgents",
    "fighters",
    "militia",
    "militias",
    "separatists",
    "guerrillas",
    "gunmen",
    "jihadists",
    "islamists",
    "taliban",
    "hamas",
    "hezbollah",
    "houthis",
    "houthi",
    "isis",
    "isil",
    "al-shabaab",
    "junta",
];
const BASE_WORDS: &[&str] = &[
    "base",
    "bases",
    "headquarters",
    "hq",
    "camp",
    "camps",
    "outpost",
    "outposts",
    "garrison",
    "foothold",
    "stronghold",
    "post",
    "posts",
];

fn lower_has(lower: &[String], words: &[&str]) -> bool {
    lower.iter().any(|w| words.contains(&w.as_str()))
}

/// The token's text lower-cased, with typographic apostrophes made plain.
fn lower_token(t: &str) -> String {
    if t.is_ascii() {
        t.to_ascii_lowercase()
    } else {
        t.replace('’', "'").to_lowercase()
    }
}

fn is_word(t: &Token) -> bool {
    matches!(t.kind, TokenKind::Word | TokenKind::Number)
}

impl EventCoder {
    /// A coder with this configuration and dictionary.
    pub fn new(config: EventsConfig, actors: ActorDictionary) -> Self {
        Self {
            config,
            actors,
            lexicon: Lexicon::default(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &EventsConfig {
        &self.config
    }

    /// The actor dictionary.
    pub fn actors(&self) -> &ActorDictionary {
        &self.actors
    }

    /// Codes the events of a document (ids are left at 0 for the caller to allocate).
    pub fn code(&self, doc: &Document) -> Vec<Event> {
        let mut out = Vec::new();
        for s in &doc.sentences {
            if doc.overlaps_flag(s.span) {
                continue;
            }
            let a = doc.tokens.partition_point(|t| t.span.start < s.span.start);
            let b = doc.tokens.partition_point(|t| t.span.start < s.span.end);
            let Some(toks) = doc.tokens.get(a..b) else {
                continue;
            };
            if toks.is_empty() {
                continue;
            }
            let lower: Vec<String> = toks
                .iter()
                .map(|t| lower_token(doc.span_text(t.span)))
                .collect();
            let mut clause = Vec::with_capacity(toks.len());
            let mut c = 0usize;
            for (i, t) in toks.iter().enumerate() {
                let w = lower[i].as_str();
                let boundary = matches!(
                    w,
                    "," | ";" | ":" | "—" | "–" | "(" | ")" | "\"" | "“" | "”"
                ) || (t.kind == TokenKind::Word && CLAUSE_WORDS.contains(&w));
                if boundary && i > 0 {
                    c += 1;
                }
                clause.push(c);
            }
            let sent = Sent {
                doc,
                toks,
                lower,
                clause,
                span: s.span,
            };
            self.code_sentence(&sent, &mut out);
        }
        out.retain(|e| e.confidence >= self.config.min_confidence);
        out
    }

    fn code_sentence(&self, s: &Sent<'_>, out: &mut Vec<Event>) {
        let mentions = self.mentions(s);
        let hits = self.triggers(s, &mentions);
        for hit in &hits {
            out.push(self.event(s, hit, &mentions));
        }
    }

    // ---- participants ---------------------------------------------------------------------

    fn mentions(&self, s: &Sent<'_>) -> Vec<Mention> {
        let doc = s.doc;
        let n = s.toks.len();
        // Dictionary names and sector nouns: longest match at each token.
        let mut atoms: Vec<(usize, usize, Option<crate::actors::Coding>, Option<String>)> =
            Vec::new();
        let max = self.actors.max_tokens().min(8);
        let (mut lk, mut ek) = (String::new(), String::new());
        let mut i = 0;
        while i < n {
            if !is_word(&s.toks[i]) {
                i += 1;
                continue;
            }
            let mut found = None;
            lk.clear();
            ek.clear();
            let mut best = None;
            for j in i..n.min(i + max) {
                let t = doc.span_text(s.toks[j].span);
                if s.toks[j].kind == TokenKind::Punct && !matches!(t, "." | "-" | "'" | "’") {
                    break;
                }
                push_key(&mut lk, t);
                ek.extend(t.chars().filter(|c| *c != '.'));
                if !self.actors.starts_name(&lk, &ek) {
                    break;
                }
                if !is_word(&s.toks[j]) {
                    continue;
                }
                if let Some(c) = self.actors.lookup(&lk, &ek) {
                    // A capitalised name must be written with a capital ("Chad", not "chad").
                    let first = doc.span_text(s.toks[i].span);
                    if first.chars().next().is_some_and(char::is_uppercase) {
                        found = Some((j + 1, c.clone()));
                    }
                }
                if let Some(sec) = self.actors.sector(&lk)
                    && found.as_ref().is_none_or(|f| f.0 <= j + 1)
                {
                    best = Some((j + 1, sec.to_owned()));
                }
            }
            match (found, best) {
                (Some((e1, _)), Some((e2, sec))) if e2 > e1 => {
                    atoms.push((i, e2, None, Some(sec)));
                    i = e2;
                }
                (Some((e1, c)), _) => {
                    atoms.push((i, e1, Some(c), None));
                    i = e1;
                }
                (None, Some((e2, sec))) => {
                    atoms.push((i, e2, None, Some(sec)));
                    i = e2;
                }
                (None, None) => i += 1,
            }
        }
        let tok_of = |pos: u32, start: bool| -> usize {
            if start {
                s.toks.partition_point(|t| t.span.start < pos)
            } else {
                s.toks.partition_point(|t| t.span.end <= pos).min(n)
            }
        };
        // Entities in the sentence, as token ranges.
        let ents: Vec<(usize, usize, &sitrep_model::Entity)> = doc
            .entities
            .iter()
            .filter(|e| s.span.contains(e.span))
            .map(|e| (tok_of(e.span.start, true), tok_of(e.span.end, false), e))
            .map(|(a, b, e)| (a, b.min(n).max(a + 1), e))
            .collect();
        let entity_at = |a: usize, b: usize| {
            ents.iter()
                .find(|(ea, eb, _)| *ea < b && a < *eb)
                .map(|(_, _, e)| *e)
        };
        let mut mentions: Vec<Mention> = Vec::new();
        let span_of = |a: usize, b: usize| {
            let first = s.toks[a].span;
            let last = s.toks[b.saturating_sub(1).max(a)].span;
            first.cover(last)
        };
        // Noun phrases headed by a sector noun, with their modifiers.
        for &(ha, hb, _, ref sec) in atoms.iter().filter(|x| x.3.is_some()) {
            let mut a = ha;
            let mut country: Option<String> = None;
            let mut sector = sec.clone();
            let mut entity = None;
            let mut ours = false;
            let mut steps = 0;
            while a > 0 && steps < 5 {
                let j = a - 1;
                let w = s.lower[j].as_str();
                if w == "our" {
                    ours = true;
                    a = j;
                    break;
                }
                if w == "'s" || w == "'" {
                    a = j;
                    steps += 1;
                    continue;
                }
                if !is_word(&s.toks[j]) || STOP_LEFT.contains(&w) {
                    if w == "-" {
                        a = j;
                        continue;
                    }
                    break;
                }
                if s.toks[j].kind == TokenKind::Number {
                    break;
                }
                // A dictionary atom or entity ending here.
                if let Some(at) = atoms.iter().find(|x| x.1 == j + 1 && x.0 <= j) {
                    if let Some(c) = &at.2 {
                        if country.is_none() {
                            country.clone_from(&c.country);
                        }
                        if c.kind == NameKind::Actor && c.sector.is_some() {
                            sector.clone_from(&c.sector);
                        }
                    }
                    a = at.0;
                    steps += 1;
                    continue;
                }
                if let Some(e) = entity_at(j, j + 1) {
                    if country.is_none() {
                        country.clone_from(&e.country);
                    }
                    if e.kind == EntityKind::Org {
                        entity = Some(e.id);
                    }
                    a = ents
                        .iter()
                        .find(|x| x.2.id == e.id)
                        .map_or(j, |x| x.0.min(j));
                    steps += 1;
                    continue;
                }
                // Capitalised modifiers, hyphenated ones ("Saudi-led") and known adjectives.
                let word = doc.span_text(s.toks[j].span);
                let capital = word.chars().next().is_some_and(char::is_uppercase);
                if !(capital || w.contains('-') || MODIFIERS.contains(&w)) {
                    break;
                }
                a = j;
                steps += 1;
            }
            // "government of Sudan", "forces of X", "security forces in Guinea".
            let mut b = hb;
            if country.is_none() && hb + 1 < n && matches!(s.lower[hb].as_str(), "of" | "in") {
                let k = if s.lower[hb + 1] == "the" {
                    hb + 2
                } else {
                    hb + 1
                };
                if let Some(at) = atoms.iter().find(|x| x.0 == k) {
                    if let Some(c) = &at.2
                        && matches!(c.kind, NameKind::Country | NameKind::Actor)
                    {
                        country.clone_from(&c.country);
                        b = at.1;
                    }
                } else if let Some(e) = entity_at(k, k + 1)
                    && e.kind == EntityKind::Place
                    && e.country.is_some()
                    && s.lower[hb] == "of"
                {
                    country.clone_from(&e.country);
                    b = ents.iter().find(|x| x.2.id == e.id).map_or(k + 1, |x| x.1);
                }
            }
            // Skip leading "the"/"a" inside the span.
            while a < ha && matches!(s.lower[a].as_str(), "the" | "a" | "an" | "'s") {
                a += 1;
            }
            mentions.push(Mention {
                a,
                b,
                span: span_of(a, b),
                country,
                sector,
                entity,
                place: false,
                ours,
                capital: false,
            });
        }
        // Named actors and country names from the dictionary.
        for (a, b, c, _) in atoms.iter().filter(|x| x.2.is_some()) {
            if mentions.iter().any(|m| m.a < *b && *a < m.b) {
                continue;
            }
            let Some(c) = c else { continue };
            let e = entity_at(*a, *b);
            if c.kind == NameKind::Demonym
                && *b < n
                && s.toks[*b].kind == TokenKind::Word
                && !STOP_LEFT.contains(&s.lower[*b].as_str())
            {
                // "Palestinian riots": an adjective on something that is not a sector noun
                // still names the group when nothing better follows.
            }
            mentions.push(Mention {
                a: *a,
                b: *b,
                span: span_of(*a, *b),
                country: c.country.clone(),
                sector: c.sector.clone(),
                entity: e.map(|e| e.id),
                place: matches!(c.kind, NameKind::Country),
                capital: matches!(c.kind, NameKind::Capital),
                ours: false,
            });
        }
        // Remaining entities.
        for &(a, b, e) in &ents {
            if mentions.iter().any(|m| m.a < b && a < m.b) {
                continue;
            }
            let dict = self.actors.code_name(&e.canonical).cloned();
            let (country, sector) = match &dict {
                Some(c) => (c.country.clone(), c.sector.clone()),
                None => {
                    let country = e.country.clone().or_else(|| {
                        doc.places
                            .iter()
                            .find(|p| p.entity == Some(e.id) || p.span.overlaps(e.span))
                            .and_then(|p| p.country.clone())
                    });
                    let sector = match (e.kind, e.role.as_deref()) {
                        (EntityKind::Person, Some(r)) => Some(role_sector(r).to_owned()),
                        _ => None,
                    };
                    (country, sector)
                }
            };
            if e.kind == EntityKind::Misc && dict.is_none() {
                continue;
            }
            mentions.push(Mention {
                a,
                b,
                span: e.span,
                country,
                sector,
                entity: Some(e.id),
                place: e.kind == EntityKind::Place,
                ours: false,
                capital: false,
            });
        }
        // Attach entity ids to phrases that contain an ORG or PERSON entity.
        for m in &mut mentions {
            if m.entity.is_none() {
                m.entity = ents
                    .iter()
                    .find(|(a, b, e)| {
                        *a >= m.a
                            && *b <= m.b
                            && matches!(e.kind, EntityKind::Org | EntityKind::Person)
                    })
                    .map(|x| x.2.id);
            }
        }
        mentions.sort_by_key(|m| (m.a, std::cmp::Reverse(m.b)));
        let mut kept: Vec<Mention> = Vec::with_capacity(mentions.len());
        for m in mentions {
            if kept.last().is_some_and(|k| m.a < k.b) {
                continue;
            }
            kept.push(m);
        }
        kept
    }

    // ---- triggers -------------------------------------------------------------------------

    fn triggers(&self, s: &Sent<'_>, mentions: &[Mention]) -> Vec<Hit> {
        let n = s.toks.len();
        let doc = s.doc;
        let mut hits: Vec<Hit> = Vec::new();
        let max = self.lexicon.max_words();
        let mut i = 0;
        let mut phrase = String::new();
        while i < n {
            if s.toks[i].kind != TokenKind::Word {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, Entry)> = None;
            phrase.clear();
            for j in i..n.min(i + max) {
                if s.toks[j].kind == TokenKind::Punct && s.lower[j] != "-" {
                    break;
                }
                if j > i && s.lower[j] != "-" && !phrase.ends_with('-') {
                    phrase.push(' ');
                }
                phrase.push_str(&s.lower[j]);
                let Some(found) = self.lexicon.prefix(&phrase) else {
                    break;
                };
                // "a roadside bombing": an -ing form read as a verb ("bomb") and as a
                // noun ("bombing") is the noun after a modifier or determiner.
                let noun_reading = found.len() > 1
                    && i.checked_sub(1).is_none_or(|p| {
                        s.toks[p].kind == TokenKind::Word
                            && !BE.contains(&s.lower[p].as_str())
                            && !matches!(
                                s.lower[p].as_str(),
                                "and"
                                    | "or"
                                    | "by"
                                    | "while"
                                    | "after"
                                    | "before"
                                    | "from"
                                    | "of"
                                    | "in"
                                    | "without"
                                    | "for"
                                    | "continue"
                                    | "continued"
                                    | "began"
                                    | "started"
                                    | "stop"
                                    | "stopped"
                            )
                    });
                let pick = found
                    .iter()
                    .filter_map(|&idx| self.lexicon.entry(idx))
                    .find(|e| !noun_reading || e.pos != Pos::Verb)
                    .or_else(|| found.first().and_then(|&idx| self.lexicon.entry(idx)));
                if let Some(entry) = pick {
                    // "a peaceful protest against": the noun, not the verb "protest against".
                    let noun_context = i.checked_sub(1).is_some_and(|p| {
                        DETERMINERS.contains(&s.lower[p].as_str())
                            || NOUN_ADJECTIVES.contains(&s.lower[p].as_str())
                    });
                    if !(noun_context && entry.pos == Pos::Verb && best.is_some()) {
                        best = Some((j + 1, *entry));
                    }
                }
            }
            let Some((b, mut entry)) = best else {
                i += 1;
                continue;
            };
            let span = s.toks[i].span.cover(s.toks[b - 1].span);
            let word = doc.span_text(s.toks[i].span);
            let prev = i.checked_sub(1).map(|p| s.lower[p].as_str());
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            // Nouns for protesters name the group and the protest at once.
            let people = matches!(entry.words, "protester" | "protestor" | "demonstrator");
            let inside_mention =
                !people && mentions.iter().any(|m| m.a <= i && b <= m.b && m.a < m.b);
            let in_date = doc.dates.iter().any(|d| d.span.overlaps(span));
            let noun = match entry.pos {
                Pos::Noun => true,
                Pos::Verb => false,
                Pos::Both => {
                    prev.is_some_and(|p| DETERMINERS.contains(&p))
                        || i.checked_sub(1)
                            .is_some_and(|p| s.toks[p].kind == TokenKind::Number)
                        || (s.lower[b - 1].ends_with('s')
                            && !s.lower[b - 1].ends_with("ss")
                            && prev.is_some_and(|p| !BE.contains(&p) && p != "also"))
                }
            };
            // "the return", "their wounded": a verb form after a determiner, or a participle
            // after a possessive, names things or people, not an act ("its demand" still
            // tells one).
            let verb_after_det = entry.pos == Pos::Verb
                && prev.is_some_and(|p| {
                    matches!(p, "a" | "an" | "the")
                        || (s.lower[b - 1].ends_with("ed")
                            && matches!(p, "their" | "its" | "his" | "her" | "our" | "my" | "your"))
                })
                // "a jaw wound", "a gunshot wound": a verb of harm in its base form after "a"
                // and a modifier names the injury (other verbs' nouns, "a warm welcome", still
                // tell an act).
                || (entry.pos == Pos::Verb
                    && HARM_FAMILIES.contains(&entry.family)
                    && b == i + 1
                    && s.lower[i] == entry.words
                    && i >= 2
                    && matches!(s.lower[i - 2].as_str(), "a" | "an")
                    && s.toks[i - 1].kind == TokenKind::Word);
            // "Although wounded, ...", "if captured": a participle with no subject after a
            // concessive or conditional word tells a state or a condition, not an act.
            let bare_participle = s.lower[b - 1].ends_with("ed")
                && prev.is_some_and(|p| matches!(p, "although" | "though" | "if" | "unless"));
            // Capitalised mid-sentence words are names ("March", "Strike Force").
            if bare_participle
                || (capitalised && i > 0 && !matches!(prev, Some("“" | "\"" | "(")))
                || inside_mention
                || in_date
                || verb_after_det
            {
                i += 1;
                continue;
            }
            let passive = !noun && self.is_passive(s, i, b);
            // Finding and setting up are events only of weapons and of bases: the object
            // follows the trigger (or precedes a passive one) in its clause.
            let object = |words: &[&str], after: usize| {
                let clause = s.clause[i];
                let before = if passive {
                    i.saturating_sub(5)..i
                } else {
                    i..i
                };
                (b..n.min(b + after))
                    .chain(before)
                    .any(|j| s.clause[j] == clause && words.contains(&s.lower[j].as_str()))
            };
            let generic_base = entry.family == Family::EstablishBase
                && !entry
                    .words
                    .split(' ')
                    .any(|w| BASE_WORDS.contains(&w) || w == "base");
            // "freed the town": territory regained, not captives released.
            if entry.words == "free" && !passive && object(TERRITORY_WORDS, 3) {
                entry.family = Family::Retake;
            }
            // "recovered the regions": territory regained, not weapons found.
            if entry.family == Family::Recover
                && !passive
                && !object(WEAPON_WORDS, 8)
                && object(TERRITORY_WORDS, 4)
            {
                entry.family = Family::Retake;
            }
            // "cancelled restrictions": an eased restriction is a concession (CAMEO 081).
            if entry.words == "cancel"
                && object(&["restrictions", "restriction", "ban", "curfew"], 3)
            {
                entry.family = Family::Concede;
            }
            // "evacuated the wounded", "handed over medicine": humanitarian aid.
            if (entry.words == "evacuate" || entry.family == Family::Handover)
                && object(AID_WORDS, 4)
            {
                entry.family = Family::Aid;
            }
            // "dispatched inspectors": an investigation.
            if entry.words == "dispatch" && object(&["inspectors", "investigators"], 4) {
                entry.family = Family::Investigate;
            }
            // "imposed sanctions": the sanction noun is the event.
            // "defended the town" is fighting, not verbal support.
            if (entry.words == "impose"
                && (b..n.min(b + 3)).any(|j| {
                    matches!(
                        s.lower[j].as_str(),
                        "sanctions" | "embargo" | "tariffs" | "an" | "a"
                    ) && (b..n.min(b + 3))
                        .any(|k| matches!(s.lower[k].as_str(), "sanctions" | "embargo" | "tariffs"))
                }))
                || (entry.words == "defend" && object(TERRITORY_WORDS, 4))
            {
                i += 1;
                continue;
            }
            // "workers went on strike": a work stoppage, a protest.
            if entry.words == "strike"
                && lower_has(&s.lower, LABOUR_WORDS)
                && !lower_has(&s.lower, WEAPON_WORDS)
            {
                entry.family = Family::Protest;
            }
            // Triggers that need their object: "fired six missiles", "pushed the militants
            // out", "troops were formed", "controlling the entire area".
            let needs = match entry.words {
                "fire" => Some((PROJECTILE_WORDS, 4)),
                "push" | "drive" => Some((&["out"][..], 5)),
                "form" | "strengthen" => Some((UNIT_WORDS, 5)),
                "receive" => Some((ACCESS_WORDS, 5)),
                "cancel" => Some((CANCELLED_WORDS, 4)),
                "end" | "reduce" => Some((TIES_WORDS, 4)),
                "upgrade" => Some((&["ties", "relations"][..], 4)),
                "send" | "give" => Some((AID_WORDS, 5)),
                "block" => Some((ROAD_WORDS, 4)),
                "dispatch" => Some((DISPATCHED_WORDS, 4)),
                "control" | "clear" => Some((TERRITORY_WORDS, 4)),
                "downed" => Some((AIRCRAFT_WORDS, 4)),
                "fall to" => Some((FORCE_WORDS, 5)),
                "formation" => Some((UNIT_WORDS, 5)),
                "release" => Some((CAPTIVE_WORDS, 4)),
                _ => None,
            };
            // "released the prisoners", "Navalny was released": a person set free, not
            // "footage released" or "a report released".
            let person_freed = entry.words == "release"
                && mentions.iter().any(|m| {
                    let person = m
                        .entity
                        .and_then(|id| doc.entities.iter().find(|e| e.id == id))
                        .is_some_and(|e| e.kind == EntityKind::Person);
                    person
                        && if passive {
                            m.b <= i && i - m.b <= 4
                        } else {
                            m.a >= b && m.a - b <= 3
                        }
                });
            // "returned to Kyiv", "returned home": travel, not a concession.
            let travel = entry.words == "return"
                && s.lower
                    .get(b)
                    .is_some_and(|w| matches!(w.as_str(), "to" | "home" | "from"));
            // "Shell took over the refiner": the company, unless the sentence is about violence.
            let strict = FIGURATIVE_VIOLENCE.contains(&entry.words)
                || (entry.words == "shell" && capitalised);
            let soft = !strict && SOFT_FIGURATIVE_VIOLENCE.contains(&entry.words);
            let figurative = (strict || soft)
                && !s
                    .lower
                    .iter()
                    .enumerate()
                    .any(|(j, w)| (j < i || j >= b) && VIOLENCE_WORDS.contains(&w.as_str()))
                // "Houthi attacks", "Russian strikes", "fighting in Gaza": a nationality or a
                // place is enough for the words that mostly mean violence in the news.
                && !(soft
                    && doc.entities.iter().any(|e| {
                        matches!(e.kind, EntityKind::Norp | EntityKind::Place)
                            && e.span.start >= s.span.start
                            && e.span.end <= s.span.end
                    }));
            // "The capture comes as ...", "The attack came after ...": the news names an
            // incident it has already told, to relate it to another; not a new event.
            let anaphoric = (i.saturating_sub(2)..i).any(|p| {
                matches!(
                    s.lower[p].as_str(),
                    "the" | "this" | "that" | "these" | "those"
                )
            }) && !s.lower[b - 1].ends_with("ed")
                && !s.lower[b - 1].ends_with("ing")
                && s.lower
                    .get(b)
                    .is_some_and(|w| matches!(w.as_str(), "comes" | "came"))
                && s.lower.get(b + 1).is_some_and(|w| {
                    matches!(
                        w.as_str(),
                        "as" | "after" | "amid" | "just" | "days" | "weeks" | "hours"
                    )
                });
            if figurative
                || travel
                || anaphoric
                || (needs.is_some_and(|(words, n)| !object(words, n)) && !person_freed)
                || (entry.words == "control" && passive)
                || (entry.family == Family::Recover && !object(WEAPON_WORDS, 8))
                || (entry.words == "deal" && s.lower.get(b).is_some_and(|w| w == "with"))
                || (generic_base && !object(BASE_WORDS, 6))
            {
                i += 1;
                continue;
            }
            hits.push(Hit {
                a: i,
                b,
                entry,
                noun,
                passive,
                clause: s.clause[i],
                governed: None,
            });
            i = b;
        }
        // Light verbs ("launched a strike", "carried out an attack") give way to the noun.
        let mut k = 0;
        while k < hits.len() {
            let h = hits[k];
            if h.entry.weight < 1.0
                && let Some(next) = hits.get(k + 1)
                && next.a <= h.b + 4
                && next.clause == h.clause
            {
                hits.remove(k);
                continue;
            }
            k += 1;
        }
        // A participle right after a trigger noun modifies it ("a strike targeting X").
        hits.dedup_by(|next, prev| {
            next.a == prev.b && !next.noun && s.lower[next.a].ends_with("ing") && prev.noun
        });
        // "Shelling hit Kharkiv", "an airstrike reportedly killed": the verb tells what the
        // violence named by its subject did; one event, named by the noun.
        hits.dedup_by(|next, prev| {
            prev.noun
                && !next.noun
                && !next.passive
                && next.clause == prev.clause
                && VIOLENT_FAMILIES.contains(&prev.entry.family)
                && VIOLENT_FAMILIES.contains(&next.entry.family)
                && (prev.b..next.a).all(|j| {
                    let w = s.lower[j].as_str();
                    SKIP_BETWEEN.contains(&w) || w.ends_with("ly")
                })
        });
        // "killed or injured", "killed and wounded", "stabbed and killed": one harm, told
        // by two coordinated verbs.
        hits.dedup_by(|next, prev| {
            !prev.noun
                && !next.noun
                && next.clause == prev.clause
                && next.a == prev.b + 1
                && matches!(s.lower[prev.b].as_str(), "or" | "and")
                && HARM_FAMILIES.contains(&prev.entry.family)
                && HARM_FAMILIES.contains(&next.entry.family)
        });
        // "suspended aid", "withdrew its assistance": the aid is the object of the sanction.
        let mut k = 1;
        while k < hits.len() {
            let (prev, h) = (hits[k - 1], hits[k]);
            if matches!(h.entry.family, Family::Aid | Family::Cooperate)
                && matches!(prev.entry.family, Family::Sanction | Family::Withdraw)
                && h.clause == prev.clause
                && h.a <= prev.b + 3
            {
                hits.remove(k);
                continue;
            }
            k += 1;
        }
        // Control verbs govern the next trigger in their clause ("threatened to strike").
        for k in 0..hits.len() {
            let c = hits[k].entry.control;
            if c == Control::None {
                continue;
            }
            let (end, clause) = (hits[k].b, hits[k].clause);
            if let Some(next) = hits.get_mut(k + 1)
                && next.clause == clause
                && next.a <= end + 6
                && next.governed.is_none()
            {
                next.governed = Some(c);
            }
        }
        hits
    }

    fn is_passive(&self, s: &Sent<'_>, a: usize, b: usize) -> bool {
        let w = s.lower[a].as_str();
        let participle = w.ends_with("ed")
            || w.ends_with("en")
            || matches!(
                w,
                "shot"
                    | "held"
                    | "struck"
                    | "hit"
                    | "fought"
                    | "set"
                    | "met"
                    | "cut"
                    | "led"
                    | "found"
                    | "built"
                    | "laid"
            );
        if !participle {
            return false;
        }
        if s.lower.get(b).is_some_and(|x| x == "by") {
            return true;
        }
        let mut j = a;
        let mut steps = 0;
        while j > 0 && steps < 4 {
            j -= 1;
            steps += 1;
            let p = s.lower[j].as_str();
            if BE.contains(&p) {
                return true;
            }
            // "were killed or injured": the first of two coordinated participles.
            let coordinated = p.ends_with("ed")
                && s.lower
                    .get(j + 1)
                    .is_some_and(|x| matches!(x.as_str(), "or" | "and"));
            if !(SKIP_BETWEEN.contains(&p)
                || p.ends_with("ly")
                || p == "or"
                || p == "and"
                || coordinated)
            {
                return false;
            }
        }
        false
    }

    // ---- one event ------------------------------------------------------------------------

    fn event(&self, s: &Sent<'_>, hit: &Hit, mentions: &[Mention]) -> Event {
        let doc = s.doc;
        let trigger = s.toks[hit.a].span.cover(s.toks[hit.b - 1].span);
        let family = hit.entry.family;
        let intransitive = matches!(
            family,
            Family::Protest
                | Family::Riot
                | Family::Clash
                | Family::Advance
                | Family::Withdraw
                | Family::Surrender
                | Family::Deploy
                | Family::Mob
        );
        let (actor, target) = if hit.passive {
            let by = self.by_phrase(s, hit, mentions);
            // "one was taken by special forces, while the other was captured": the subject of
            // a passive is in its own clause, and an earlier verb's agent is not it.
            let left = self
                .left_mention(s, hit, mentions, self.config.actor_window)
                .filter(|m| {
                    let agent = m.a > 0 && s.lower[m.a - 1] == "by";
                    let other_clause =
                        (m.b..hit.a).any(|j| CLAUSE_WORDS.contains(&s.lower[j].as_str()));
                    !agent && !other_clause
                });
            if intransitive || (family == Family::Deploy && by.is_none()) {
                (by.or(left), None)
            } else {
                (by, left)
            }
        } else if hit.noun {
            let by = self.by_phrase(s, hit, mentions);
            let possessive = mentions.iter().rev().find(|m| {
                m.b == hit.a || (m.b + 1 == hit.a && matches!(s.lower[m.b].as_str(), "'s" | "'"))
            });
            // "one of the captured soldiers": a participle before its noun says what happened
            // to it, not who did it; only a "by" phrase names the actor.
            let participle = s.lower[hit.b - 1].ends_with("ed");
            let actor = by.or(possessive.map(|m| m as &Mention)).or_else(|| {
                (!participle)
                    .then(|| self.left_mention(s, hit, mentions, self.config.actor_window))
                    .flatten()
            });
            let target = self.right_mention(s, hit, mentions, family);
            (actor, target)
        } else {
            let actor = self.left_mention(s, hit, mentions, self.config.actor_window);
            let target = self.right_mention(s, hit, mentions, family);
            (actor, target)
        };
        let target = target.filter(|t| actor.is_none_or(|a| a.span != t.span));
        let quote = doc
            .quotes
            .iter()
            .filter(|q| q.content.contains(trigger))
            .min_by_key(|q| q.content.len());
        let mut evidence: Vec<Span> = vec![trigger];
        let speaker_country = quote
            .and_then(|q| q.speaker.as_ref())
            .and_then(|sp| sp.entity)
            .and_then(|id| doc.entities.iter().find(|e| e.id == id))
            .and_then(|e| e.country.clone());
        let participant = |m: &Mention| -> Participant {
            let mut country = m.country.clone();
            if country.is_none() && m.ours {
                country = speaker_country
                    .clone()
                    .or_else(|| nearest_country(doc, m.span));
            }
            Participant {
                text: doc.span_text(m.span).to_owned(),
                entity: m.entity,
                country,
                sector: m.sector.clone(),
                span: Some(m.span),
            }
        };
        let actor_p = actor.map(participant);
        let target_p = target.map(participant);
        if let Some(m) = actor {
            evidence.push(m.span);
        }
        if let Some(m) = target {
            evidence.push(m.span);
        }
        // Place.
        let (place, place_ev) = self.place(s, hit, actor, target, family);
        if let Some(sp) = place_ev {
            evidence.push(sp);
        }
        // Date.
        let (date, date_ev) = self.date(s, hit);
        if let Some(sp) = date_ev {
            evidence.push(sp);
        }
        // Count and fatalities.
        let count = self.count(s, hit, actor, target);
        if let Some(q) = count.and_then(|id| doc.quantities.iter().find(|q| q.id == id)) {
            evidence.push(q.span);
        }
        let fatalities = if family.violent() || family == Family::Disperse {
            doc.quantities
                .iter()
                .filter(|q| s.span.contains(q.span) && q.category == QuantityCategory::Killed)
                .map(|q| q.value)
                .filter(|v| v.is_finite() && *v >= 0.0 && *v < 1e9)
                .fold(None, |acc: Option<f64>, v| {
                    Some(acc.map_or(v, |a| a.max(v)))
                })
                .map(|v| v.round() as u64)
        } else {
            None
        };
        // Modality.
        let (modality, cue) = self.modality(s, hit, quote.map(|q| (q.hedged, q.hedge)), &date);
        if let Some(c) = cue {
            evidence.push(c);
        }
        // ACLED type.
        let sub = self.refine(s, hit, actor_p.as_ref(), target_p.as_ref(), target);
        let event_type = plover_type(s, hit, target_p.as_ref(), modality);
        evidence.sort();
        evidence.dedup();
        evidence.retain(|e| s.span.contains(*e));
        let span = evidence.iter().fold(trigger, |acc, e| acc.cover(*e));
        let mut confidence = 0.35 * hit.entry.weight + 0.15;
        if actor_p.is_some() {
            confidence += 0.2;
        }
        if target_p.is_some() {
            confidence += 0.15;
        }
        if place.is_some() {
            confidence += 0.05;
        }
        if matches!(date.as_ref().map(|d| d.from), Some(DateSource::Mention(_))) {
            confidence += 0.05;
        }
        if hit.governed.is_some() {
            confidence -= 0.1;
        }
        let voice = if hit.noun {
            "noun"
        } else if hit.passive {
            "passive"
        } else {
            "active"
        };
        let mut rule = format!("lex:{}:{}", hit.entry.words.replace(' ', "_"), voice);
        if hit.governed.is_some() {
            rule.push_str(":governed");
        }
        Event {
            id: 0,
            span,
            event_type: event_type.to_owned(),
            mode: family.mode().map(str::to_owned),
            acled_event_type: sub.map(|t| t.event_type().to_owned()),
            acled_sub_event_type: sub.map(|t| t.name().to_owned()),
            actor: actor_p,
            target: target_p,
            place,
            date,
            count,
            fatalities,
            modality,
            source: quote.map(|q| q.id),
            trigger,
            evidence,
            confidence: confidence.clamp(0.05, 0.95),
            rule,
        }
    }

    fn by_phrase<'m>(
        &self,
        s: &Sent<'_>,
        hit: &Hit,
        mentions: &'m [Mention],
    ) -> Option<&'m Mention> {
        let by = (hit.b..s.toks.len().min(hit.b + 6)).find(|&j| s.lower[j] == "by")?;
        if s.clause[by] != hit.clause {
            return None;
        }
        mentions
            .iter()
            .find(|m| m.a > by && m.a <= by + 4 && !m.place)
    }

    fn left_mention<'m>(
        &self,
        s: &Sent<'_>,
        hit: &Hit,
        mentions: &'m [Mention],
        window: usize,
    ) -> Option<&'m Mention> {
        mentions.iter().rev().find(|m| {
            m.b <= hit.a
                && hit.a - m.b <= window
                && !(m.a > 0 && LOCATIVE.contains(&s.lower[m.a - 1].as_str()) && m.place)
                && !(m.a > 0 && s.lower[m.a - 1] == "of" && m.place)
                && !(m.a > 0 && matches!(s.lower[m.a - 1].as_str(), "by") && m.place)
                // A participant separated by a relative clause boundary and a verb is not ours.
                && !(m.a > 0 && s.lower[m.a - 1] == "against")
                // "officials said gunmen seized the town": the speaker is not the actor.
                // (Verbal acts such as demands are the speaker's own.)
                && !((VIOLENT_FAMILIES.contains(&hit.entry.family)
                    || OTHER_MATERIAL_FAMILIES.contains(&hit.entry.family))
                    && (m.b..hit.a).any(|j| SPEECH_VERBS.contains(&s.lower[j].as_str())))
        })
    }

    fn right_mention<'m>(
        &self,
        s: &Sent<'_>,
        hit: &Hit,
        mentions: &'m [Mention],
        family: Family,
    ) -> Option<&'m Mention> {
        let territorial = matches!(
            family,
            Family::Capture
                | Family::Retake
                | Family::TakeTerritory
                | Family::Invade
                | Family::Shelling
                | Family::AirStrike
                | Family::Attack
                | Family::Restrict
                | Family::Withdraw
        );
        mentions.iter().find(|m| {
            m.a >= hit.b
                && m.a - hit.b <= self.config.target_window
                && s.clause[m.a] == hit.clause
                && (territorial
                    || !((m.place || m.capital)
                        && m.a > 0
                        && matches!(s.lower[m.a - 1].as_str(), "in" | "near" | "at" | "outside")))
                && !(m.a > 0 && s.lower[m.a - 1] == "by")
        })
    }

    fn place(
        &self,
        s: &Sent<'_>,
        hit: &Hit,
        actor: Option<&Mention>,
        target: Option<&Mention>,
        family: Family,
    ) -> (Option<Id>, Option<Span>) {
        let doc = s.doc;
        let tok_of = |pos: u32| s.toks.partition_point(|t| t.span.start < pos);
        let territorial = matches!(
            family,
            Family::Capture | Family::Retake | Family::TakeTerritory | Family::Invade
        );
        let candidates: Vec<(&sitrep_model::Place, usize)> = doc
            .places
            .iter()
            .filter(|p| s.span.contains(p.span))
            .filter(|p| {
                let is_actor = actor.is_some_and(|m| m.span.overlaps(p.span));
                let is_target = target.is_some_and(|m| m.span.overlaps(p.span));
                !is_actor
                    && (!is_target || territorial || target.is_none_or(|m| m.place || m.capital))
            })
            .map(|p| (p, tok_of(p.span.start)))
            .collect();
        let prep = |t: usize| -> Option<&str> {
            // The preposition governing the name: "in the Kursk region", "near Belaya".
            let mut j = t;
            for _ in 0..3 {
                if j == 0 {
                    return None;
                }
                j -= 1;
                let w = s.lower[j].as_str();
                if LOCATIVE.contains(&w) || matches!(w, "on" | "of") {
                    return Some(s.lower[j].as_str());
                }
                if !matches!(w, "the" | "a" | "town" | "city" | "village" | "of") {
                    return None;
                }
            }
            None
        };
        let score = |p: &sitrep_model::Place, t: usize| -> (i64, i64) {
            let same = s.clause.get(t).copied() == Some(hit.clause);
            let after = t >= hit.b;
            let locative = prep(t).is_some_and(|w| w != "of" && w != "from");
            let mut sc = 0i64;
            if same {
                sc += 4;
            }
            if locative {
                sc += 3;
            }
            if after {
                sc += 1;
            }
            if p.geonames_id.is_some() {
                sc += 1;
            }
            let dist = if t >= hit.b {
                t - hit.b
            } else {
                hit.a.saturating_sub(t)
            };
            (sc, -(dist as i64))
        };
        let best = candidates
            .iter()
            .max_by_key(|(p, t)| score(p, *t))
            .map(|(p, t)| (*p, *t));
        if let Some((p, t)) = best {
            let near = t
                .checked_sub(1)
                .filter(|&j| matches!(s.lower[j].as_str(), "near" | "outside" | "around"))
                .map(|j| s.toks[j].span.cover(p.span));
            return (Some(p.id), Some(near.unwrap_or(p.span)));
        }
        // Else the nearest place earlier in the paragraph.
        let para = doc
            .paragraphs
            .iter()
            .find(|pg| pg.span.contains(s.span))
            .map_or(s.span, |pg| pg.span);
        let earlier = doc.places.iter().rev().find(|p| {
            para.contains(p.span)
                && p.span.end <= s.span.start
                && p.geonames_id.is_some()
                && !doc.overlaps_flag(p.span)
        });
        (earlier.map(|p| p.id), None)
    }

    fn date(&self, s: &Sent<'_>, hit: &Hit) -> (Option<EventDate>, Option<Span>) {
        let doc = s.doc;
        let usable = |d: &&sitrep_model::DateMention| {
            matches!(d.timex_type, TimexType::Date | TimexType::Time)
                && d.start.is_some()
                && !doc.overlaps_flag(d.span)
        };
        let tok_of = |pos: u32| s.toks.partition_point(|t| t.span.start < pos);
        let own: Vec<(&sitrep_model::DateMention, usize)> = doc
            .dates
            .iter()
            .filter(|d| s.span.contains(d.span))
            .filter(usable)
            .map(|d| (d, tok_of(d.span.start)))
            .filter(|(_, t)| !(*t > 0 && s.lower[*t - 1] == "since"))
            .collect();
        let dist = |t: usize| {
            if t >= hit.b {
                t - hit.b
            } else {
                hit.a - t.min(hit.a)
            }
        };
        let same = own
            .iter()
            .filter(|(_, t)| s.clause.get(*t).copied() == Some(hit.clause))
            .min_by_key(|(_, t)| dist(*t));
        let before = own
            .iter()
            .filter(|(_, t)| *t < hit.a)
            .min_by_key(|(_, t)| dist(*t));
        let chosen = same.or(before).map(|(d, _)| *d).or_else(|| {
            // The nearest governing date earlier in the paragraph.
            let para = doc
                .paragraphs
                .iter()
                .find(|pg| pg.span.contains(s.span))
                .map_or(s.span, |pg| pg.span);
            doc.dates
                .iter()
                .filter(|d| para.contains(d.span) && d.span.end <= s.span.start)
                .filter(usable)
                .rfind(|d| d.timex_type == TimexType::Date)
        });
        if let Some(d) = chosen {
            let ev = s.span.contains(d.span).then_some(d.span);
            return (
                Some(EventDate {
                    value: d.value.clone(),
                    start: d.start,
                    end: d.end,
                    from: DateSource::Mention(d.id),
                }),
                ev,
            );
        }
        let pub_date = doc.meta.published.map(|p| EventDate {
            value: p.format("%Y-%m-%d").to_string(),
            start: Some(p),
            end: Some(p),
            from: DateSource::Published(PublishedTag::Published),
        });
        (pub_date, None)
    }

    fn count(
        &self,
        s: &Sent<'_>,
        hit: &Hit,
        actor: Option<&Mention>,
        target: Option<&Mention>,
    ) -> Option<Id> {
        let doc = s.doc;
        let text = doc.text();
        let qs: Vec<&sitrep_model::Quantity> = doc
            .quantities
            .iter()
            .filter(|q| s.span.contains(q.span))
            .filter(|q| !matches!(q.category, QuantityCategory::Area))
            .filter(|q| q.unit.is_none())
            .collect();
        if qs.is_empty() {
            return None;
        }
        let attached = |m: &Mention| {
            qs.iter().find(|q| {
                if m.span.contains(q.span) {
                    return true;
                }
                if q.span.end > m.span.start {
                    return false;
                }
                let gap = text
                    .get(q.span.end_usize()..m.span.start_usize())
                    .unwrap_or("x");
                let gap = gap.trim();
                gap.is_empty() || matches!(gap, "of" | "of the" | "more" | "other")
            })
        };
        let family = hit.entry.family;
        let actor_first = matches!(
            family,
            Family::Protest | Family::Riot | Family::Deploy | Family::Mob
        );
        let order = if actor_first {
            [actor, target]
        } else {
            [target, actor]
        };
        for m in order.into_iter().flatten() {
            if let Some(q) = attached(m) {
                return Some(q.id);
            }
        }
        let want: &[QuantityCategory] = match family {
            Family::Capture | Family::Arrest | Family::Abduct => &[QuantityCategory::Captured],
            Family::Kill | Family::Massacre => {
                &[QuantityCategory::Killed, QuantityCategory::KilledOrInjured]
            }
            Family::Attack | Family::Shoot => {
                &[QuantityCategory::Injured, QuantityCategory::KilledOrInjured]
            }
            Family::Deploy => &[QuantityCategory::Troops],
            _ => &[],
        };
        let tok_of = |pos: u32| s.toks.partition_point(|t| t.span.start < pos);
        qs.iter()
            .filter(|q| want.contains(&q.category))
            .filter(|q| s.clause.get(tok_of(q.span.start)).copied() == Some(hit.clause))
            .min_by_key(|q| {
                let t = tok_of(q.span.start);
                if t >= hit.b {
                    t - hit.b
                } else {
                    hit.a - t.min(hit.a)
                }
            })
            .map(|q| q.id)
    }

    fn modality(
        &self,
        s: &Sent<'_>,
        hit: &Hit,
        quote: Option<(bool, Option<Span>)>,
        date: &Option<EventDate>,
    ) -> (Modality, Option<Span>) {
        let doc = s.doc;
        let clause_start = (0..hit.a)
            .rev()
            .find(|&j| s.clause[j] != hit.clause)
            .map_or(0, |j| j + 1);
        let window = clause_start.max(hit.a.saturating_sub(5))..hit.a;
        let cue = |j: usize| Some(s.toks[j].span);
        // Negation right before the trigger in its clause.
        for j in window.clone().rev() {
            let w = s.lower[j].as_str();
            if NEGATION.contains(&w) {
                return (Modality::Negated, cue(j));
            }
        }
        if hit.governed == Some(Control::Negated) {
            return (Modality::Negated, None);
        }
        if hit.noun && hit.a + 1 < s.toks.len() && hit.a > 0 && s.lower[hit.a - 1] == "no" {
            return (Modality::Negated, cue(hit.a - 1));
        }
        for j in window.clone().rev() {
            let w = s.lower[j].as_str();
            if FUTURE.contains(&w) {
                return (Modality::Future, cue(j));
            }
            if w == "to" && j + 1 == hit.a && hit.governed.is_some() {
                break;
            }
        }
        if hit.governed == Some(Control::Future) {
            return (Modality::Future, None);
        }
        // Historical: "since World War II", dates long before publication.
        let clause_toks: Vec<usize> = (0..s.toks.len())
            .filter(|&j| s.clause[j] == hit.clause)
            .collect();
        for &j in &clause_toks {
            if s.lower[j] == "since" && j + 1 < s.toks.len() {
                let next = s.toks[j + 1].span;
                let historic_entity = doc
                    .entities
                    .iter()
                    .any(|e| e.kind == EntityKind::Misc && e.span.start == next.start);
                let old_year = s.lower[j + 1..s.toks.len().min(j + 4)].iter().any(|w| {
                    w.parse::<i32>().is_ok_and(|y| {
                        (1000..=2100).contains(&y)
                            && doc
                                .meta
                                .published
                                .is_some_and(|p| y < chrono::Datelike::year(&p) - 5)
                    })
                });
                let war = s.lower[j + 1..s.toks.len().min(j + 4)]
                    .iter()
                    .any(|w| w == "war" || w == "independence");
                if historic_entity || old_year || war {
                    return (Modality::Historical, cue(j));
                }
            }
        }
        if let (Some(d), Some(p)) = (date, doc.meta.published)
            && let (DateSource::Mention(id), Some(end)) = (d.from, d.end)
            && (p - end).num_days() > 730
        {
            let sp = doc.dates.iter().find(|m| m.id == id).map(|m| m.span);
            return (Modality::Historical, sp.filter(|sp| s.span.contains(*sp)));
        }
        if let Some((true, hedge)) = quote {
            return (Modality::Hedged, hedge);
        }
        // Hedges anywhere before the trigger in the sentence, or right after it.
        let after = hit.b..s.toks.len().min(hit.b + 2);
        for j in (0..hit.a).rev().chain(after) {
            let w = s.lower[j].as_str();
            if HEDGES.contains(&w) {
                if matches!(w, "may" | "might" | "could") && !window.contains(&j) {
                    continue;
                }
                return (Modality::Hedged, cue(j));
            }
        }
        (Modality::Asserted, None)
    }

    fn refine(
        &self,
        s: &Sent<'_>,
        hit: &Hit,
        actor: Option<&Participant>,
        target: Option<&Participant>,
        target_m: Option<&Mention>,
    ) -> Option<AcledSub> {
        let family = hit.entry.family;
        let l = &s.lower;
        // ACLED counts prisoner releases among agreements between parties.
        if family == Family::Concede
            && matches!(hit.entry.words, "release" | "free")
            && lower_has(l, PRISONER_WORDS)
        {
            return Some(AcledSub::Agreement);
        }
        // Prisoner exchanges and peace talks are agreements (ACLED).
        if matches!(family, Family::Concede | Family::Consult)
            && (lower_has(l, &["exchange", "swap"])
                || (family == Family::Consult
                    && lower_has(l, &["peace", "ceasefire", "cease-fire", "truce"])))
        {
            return Some(AcledSub::Agreement);
        }
        let base = family.acled()?;
        let has = |ws: &[&str]| lower_has(l, ws);
        let phrase = |a: &str, b: &str| l.windows(2).any(|w| w[0] == a && w[1] == b);
        let sector_in = |p: Option<&Participant>, set: &[&str]| {
            p.and_then(|p| p.sector.as_deref())
                .is_some_and(|x| set.contains(&x))
        };
        let suicide = has(&["suicide", "self-immolation"])
            || phrase("explosive", "vest")
            || phrase("explosive", "belt")
            || phrase("blew", "himself")
            || phrase("blew", "herself")
            || phrase("blew", "themselves")
            || has(&["strapped", "martyrdom"]);
        // A bombing whose report names a suicide bomber in a neighbouring sentence ("A
        // suicide bomber struck ... The blast killed ...") is a suicide bombing.
        let suicide_nearby = family == Family::Bomb && suicide_near(s.doc, s.span);
        let chemical = chemical_weapon_used(l);
        // A rocket-propelled grenade is fired like artillery (ACLED: shelling/missile).
        let rpg = has(&["rocket-propelled", "propelled", "rpg", "rpgs"]);
        let grenade = has(&["grenade", "grenades"]) && !rpg;
        let air = has(&[
            "airstrike",
            "airstrikes",
            "air-strike",
            "warplane",
            "warplanes",
            "jets",
            "jet",
            "aircraft",
            "helicopter",
            "helicopters",
            "drone",
            "drones",
            "aerial",
            "bombers",
            "uav",
            "uavs",
            "air-raid",
            "gunship",
            "gunships",
        ]) || phrase("air", "strike")
            || phrase("air", "strikes")
            || phrase("air", "raid")
            || phrase("air", "raids")
            || phrase("air", "force");
        let artillery = has(&[
            "shelling",
            "shelled",
            "shell",
            "shells",
            "artillery",
            "mortar",
            "mortars",
            "rocket",
            "rockets",
            "missile",
            "missiles",
            "bombardment",
            "bombarded",
            "howitzer",
            "katyusha",
            "projectile",
            "projectiles",
            "barrage",
            "cannon",
            "tanks",
        ]) || rpg
            || phrase("tank", "attack")
            || phrase("tank", "fire");
        let explosive = landmine_named(l)
            || has(&[
                "ied",
                "ieds",
                "landmine",
                "landmines",
                "explosive",
                "explosives",
                "roadside",
                "bomb",
                "bombs",
                "blast",
                "explosion",
                "exploded",
                "detonated",
            ]);
        let civilians = sector_in(target, CIVILIAN_SECTORS)
            || has(&[
                "civilians",
                "civilian",
                "villagers",
                "residents",
                "worshippers",
                "passengers",
                "children",
                "women",
                "farmers",
                "pedestrians",
            ]);
        let protest = has(&[
            "protest",
            "protests",
            "protesters",
            "protestors",
            "demonstrators",
            "demonstration",
            "demonstrations",
            "rally",
            "rallies",
            "marchers",
            "march",
            "sit-in",
            "strikers",
        ]);
        let force_words = [
            "killed", "shot", "live", "fired", "opened", "bullets", "dead", "death", "deaths",
            "beat", "beaten", "injured", "wounded", "brutally", "gunfire", "shooting", "killing",
        ];
        // Force used at the protest, not the killing or beating the protest is about
        // ("protested over the death of", "a march against the killing of").
        let force = l.iter().enumerate().any(|(i, w)| {
            force_words.contains(&w.as_str())
                && !(i.saturating_sub(4)..i).any(|j| PROTEST_TOPIC_WORDS.contains(&l[j].as_str()))
        });
        let intervention = has(&[
            "police",
            "tear",
            "teargas",
            "dispersed",
            "disperse",
            "arrested",
            "detained",
            "cannon",
            "cannons",
            "batons",
            "rubber",
            "security",
            "troops",
            "soldiers",
            "forces",
            "army",
            "policemen",
        ]);
        let violent_protest = protesters_violent(l)
            || riot_not_police(l)
            || has(&[
                "riots",
                "rioters",
                "rioting",
                "violent",
                "stones",
                "torched",
                "vandalized",
                "vandalised",
                "looted",
                "petrol",
                "molotov",
                "clashed",
                "clashes",
                "smashed",
                "burned",
                "burnt",
                "set",
                "hurled",
                "threw",
                "pelted",
                "pelting",
                "stone",
                "stones",
                "rocks",
                "bricks",
                "tyres",
                "tires",
                "barricades",
                "rampage",
                "rampaged",
                "vandalism",
                "arson",
                "stormed",
                "damaged",
                "ransacked",
                "looting",
                "blocked",
                "blocking",
                "clash",
                "throw",
                "throws",
                "throwing",
                "thrown",
                "firecrackers",
                "fireworks",
                "tore",
            ])
            || phrase("street", "violence")
            || phrase("turned", "violent");
        // Protesters met with lethal force, a crackdown or excessive force (ACLED:
        // excessive force against protesters).
        let repression = has(&[
            "crackdown",
            "suppress",
            "suppressed",
            "suppressing",
            "brutally",
        ]);
        // Two crowds against each other (ACLED: mob violence).
        let rival_crowds = has(&[
            "rival",
            "opposing",
            "dueling",
            "duelling",
            "counter-protesters",
            "counter-protestors",
            "counter-demonstrators",
            "counterprotesters",
        ]);
        // ACLED "Disrupted weapons use": weapons defused, seized, found, intercepted or shot
        // down before they harm anyone.
        let casualties = has(&[
            "killed",
            "killing",
            "dead",
            "died",
            "injured",
            "wounded",
            "injuring",
            "wounding",
            "casualties",
        ]);
        let disrupted = !casualties
            && (has(&[
                "defused",
                "defusing",
                "defuse",
                "disposal",
                "deactivated",
                "neutralized",
                "neutralised",
                "intercepted",
                "intercept",
                "recovered",
                "seized",
                "confiscated",
                "unexploded",
                "foiled",
                "thwarted",
                "cache",
                "caches",
                "haul",
                "found",
                "discovered",
                "detected",
                "safely",
                "disarmed",
                "averted",
                "sappers",
            ]) || phrase("shot", "down")
                || phrase("controlled", "explosion"));
        let weapon_cue = |sub: AcledSub| -> AcledSub {
            if suicide {
                AcledSub::SuicideBomb
            } else if chemical {
                AcledSub::ChemicalWeapon
            } else if grenade {
                AcledSub::Grenade
            } else if air {
                AcledSub::AirStrike
            } else if artillery {
                AcledSub::Shelling
            } else if explosive {
                AcledSub::RemoteExplosive
            } else {
                sub
            }
        };
        // Attacks on checkpoints, bases, posts, positions and convoys are on armed forces.
        let armed_target = sector_in(target, ARMED_SECTORS)
            || (hit.b..l.len().min(hit.b + 6)).any(|j| {
                matches!(
                    l[j].as_str(),
                    "checkpoint"
                        | "checkpoints"
                        | "base"
                        | "bases"
                        | "post"
                        | "posts"
                        | "outpost"
                        | "outposts"
                        | "positions"
                        | "convoy"
                        | "convoys"
                        | "patrol"
                        | "barracks"
                )
            });
        let state_actor = sector_in(actor, STATE_SECTORS)
            || actor.is_some_and(|a| a.sector.is_none() && a.country.is_some());
        let rebel_actor = sector_in(actor, &["REB"])
            || has(&[
                "rebels",
                "militants",
                "insurgents",
                "jihadists",
                "separatists",
                "guerrillas",
                "militia",
                "militias",
                "fighters",
                "terrorists",
                "gunmen",
            ]);
        // The object taken is a place ("captured the town", "seized army positions"); a
        // place after "in", "near" or "at" is where people were taken ("captured two
        // suspects in the city", "captured soldiers near the border").
        let territory_target = target_m.is_some_and(|m| m.place)
            || (hit.b..l.len().min(hit.b + 6))
                .take_while(|&j| !LOCATIVE.contains(&l[j].as_str()))
                .any(|j| TERRITORY_WORDS.contains(&l[j].as_str()));
        // The discovery of mass graves is "Other" (ACLED), whatever killings it recalls.
        if has(&["grave", "graves"]) && has(&["mass", "mass-grave"]) {
            return Some(AcledSub::Other);
        }
        // An arrest at a protest is the protest met with intervention (or a riot).
        let at_protest = l.windows(2).any(|w| {
            matches!(w[0].as_str(), "during" | "at")
                && matches!(
                    w[1].as_str(),
                    "protest" | "protests" | "demonstration" | "demonstrations" | "rally"
                )
        }) || l.windows(3).any(|w| {
            matches!(w[0].as_str(), "during" | "at")
                && matches!(
                    w[2].as_str(),
                    "protest" | "protests" | "demonstration" | "demonstrations" | "rally"
                )
        });
        Some(match family {
            Family::Arrest if at_protest && protest => {
                if violent_protest {
                    AcledSub::ViolentDemonstration
                } else {
                    AcledSub::ProtestWithIntervention
                }
            }
            Family::Destroy
                if has(&[
                    "rioters",
                    "protesters",
                    "protestors",
                    "demonstrators",
                    "mob",
                ]) =>
            {
                if has(&["mob", "mobs"]) {
                    AcledSub::MobViolence
                } else {
                    AcledSub::ViolentDemonstration
                }
            }
            Family::Disperse => {
                if violent_protest {
                    AcledSub::ViolentDemonstration
                } else if has(&[
                    "killed", "dead", "live", "deaths", "injured", "wounded", "beaten", "beat",
                    "injuring", "wounding",
                ]) || phrase("opened", "fire")
                    || repression
                {
                    AcledSub::ExcessiveForce
                } else {
                    AcledSub::ProtestWithIntervention
                }
            }
            Family::Protest => {
                // Violent protesters met with force stay a violent demonstration; excessive
                // force is force against peaceful ones (ACLED).
                let peaceful = has(&["peaceful", "peacefully", "unarmed"]);
                if repression && peaceful {
                    AcledSub::ExcessiveForce
                } else if violent_protest && rival_crowds {
                    AcledSub::MobViolence
                } else if violent_protest && !peaceful {
                    AcledSub::ViolentDemonstration
                } else if protest && force && (intervention || has(&["peaceful", "peacefully"])) {
                    AcledSub::ExcessiveForce
                } else if violent_protest {
                    AcledSub::ViolentDemonstration
                } else if protest && (protesters_harmed(l) || repression) {
                    AcledSub::ExcessiveForce
                } else if intervention
                    && has(&[
                        "dispersed",
                        "disperse",
                        "tear",
                        "teargas",
                        "arrested",
                        "detained",
                        "cannon",
                        "rubber",
                        "batons",
                        "chase",
                        "chased",
                        "chasing",
                        "baton-charged",
                        "lathi-charged",
                    ])
                {
                    AcledSub::ProtestWithIntervention
                } else {
                    AcledSub::PeacefulProtest
                }
            }
            Family::Riot => {
                if has(&["mob", "mobs", "lynched", "lynching", "vigilantes"]) {
                    AcledSub::MobViolence
                } else {
                    AcledSub::ViolentDemonstration
                }
            }
            Family::Attack | Family::Shoot | Family::Kill | Family::Massacre | Family::Torture
                if has(&["mob", "mobs", "lynched", "lynching", "lynch"])
                    || phrase("angry", "crowd")
                    || phrase("angry", "mob") =>
            {
                AcledSub::MobViolence
            }
            // Moves made under a deal are the agreement (ACLED: evacuation deals, negotiated
            // withdrawals and transfers).
            Family::Withdraw | Family::Deploy | Family::GroupChange | Family::Surrender
                if (hit.a.saturating_sub(4)..l.len().min(hit.b + 8)).any(|j| {
                    matches!(l[j].as_str(), "under" | "per")
                        && l.get(j + 1..l.len().min(j + 4)).is_some_and(|w| {
                            w.iter().any(|x| {
                                matches!(
                                    x.as_str(),
                                    "deal" | "agreement" | "accord" | "ceasefire" | "truce"
                                )
                            })
                        })
                }) =>
            {
                AcledSub::Agreement
            }
            Family::Attack | Family::Shoot | Family::Kill | Family::Massacre | Family::Torture => {
                let w = weapon_cue(AcledSub::Attack);
                let gun_battle = has(&["gunfire", "gunbattle", "firefight", "clashes", "clashed"])
                    || phrase("exchange", "of");
                // A ground assault on armed forces with mortars, rockets or explosives
                // alongside small arms, or one storming a position, is the armed clash (ACLED).
                let ground_assault = gun_battle
                    || has(&["fighting", "battle", "rifles", "small-arms"])
                    || phrase("small", "arms")
                    || matches!(hit.entry.words, "storm" | "raid");
                if matches!(
                    w,
                    AcledSub::RemoteExplosive | AcledSub::Shelling | AcledSub::Grenade
                ) && ground_assault
                    && armed_target
                {
                    AcledSub::ArmedClash
                } else if w != AcledSub::Attack
                    && disrupted
                    && matches!(family, Family::Attack | Family::Shoot)
                {
                    AcledSub::DisruptedWeapons
                } else if w != AcledSub::Attack {
                    w
                } else if protest && sector_in(target, &["OPP"]) {
                    AcledSub::ExcessiveForce
                } else if sexual_violence(l) {
                    AcledSub::SexualViolence
                } else if civilians && !armed_target {
                    AcledSub::Attack
                } else if armed_target
                    || has(&[
                        "clash", "clashes", "clashed", "fighting", "battle", "troops", "soldiers",
                        "forces",
                    ])
                {
                    AcledSub::ArmedClash
                } else {
                    AcledSub::Attack
                }
            }
            Family::Bomb
            | Family::AirStrike
            | Family::Shelling
            | Family::Grenade
            | Family::Chemical
                if disrupted
                    || (family == Family::Bomb
                        && !casualties
                        && (hit.a.saturating_sub(5)..hit.a).any(|j| {
                            matches!(
                                l[j].as_str(),
                                "destroyed" | "dismantled" | "removed" | "cleared" | "destroying"
                            )
                        })) =>
            {
                AcledSub::DisruptedWeapons
            }
            Family::Bomb if suicide_nearby => AcledSub::SuicideBomb,
            // "an explosion and gunfire were heard": a generic blast within a gun attack is
            // part of that attack, not a remote explosive.
            Family::Bomb
                if matches!(hit.entry.words, "explosion" | "blast")
                    && !explosive_named(l)
                    && has(&["gunfire", "gunmen", "gunbattle", "firefight", "shooting"]) =>
            {
                if armed_target {
                    AcledSub::ArmedClash
                } else {
                    AcledSub::Attack
                }
            }
            // A decree, law or bill signed is not an agreement between parties.
            Family::Sign
                if matches!(hit.entry.words, "sign")
                    && (hit.a.saturating_sub(4)..l.len().min(hit.b + 4)).any(|j| {
                        matches!(
                            l[j].as_str(),
                            "decree"
                                | "decrees"
                                | "law"
                                | "laws"
                                | "bill"
                                | "legislation"
                                | "order"
                        )
                    }) =>
            {
                return None;
            }
            Family::Bomb | Family::AirStrike | Family::Shelling => weapon_cue(base),
            // A chemical agent named only as a facility, a stockpile or an accusation is
            // not this event's weapon.
            Family::Chemical if !chemical => return None,
            // Weapons handed over or in are taken out of use (ACLED: disrupted weapons use).
            Family::Handover
                if (hit.b..l.len().min(hit.b + 6))
                    .any(|j| WEAPON_WORDS.contains(&l[j].as_str())) =>
            {
                AcledSub::DisruptedWeapons
            }
            Family::Grenade if rpg => AcledSub::Shelling,
            // A withdrawal is a transfer of territory when someone takes over what is left
            // or forces leave a named place or area (ACLED), else a change to the group's
            // activity (leaving talks, a coalition, a race).
            Family::Withdraw => {
                if has(&[
                    "control",
                    "handed",
                    "handover",
                    "took",
                    "taken",
                    "seized",
                    "captured",
                    "entered",
                    "territory",
                    "ceded",
                ]) || withdrawal_from_place(s, hit.b)
                {
                    AcledSub::NonViolentTransfer
                } else {
                    AcledSub::ChangeToGroup
                }
            }
            Family::Surrender
                if (hit.b..l.len().min(hit.b + 6))
                    .any(|j| WEAPON_WORDS.contains(&l[j].as_str())) =>
            {
                AcledSub::DisruptedWeapons
            }
            // Drones, missiles and rockets repelled are weapons stopped (ACLED: disrupted
            // weapons use).
            Family::Clash
                if matches!(hit.entry.words, "repel" | "repulse" | "fend off")
                    && (hit.b..l.len().min(hit.b + 5)).any(|j| {
                        matches!(
                            l[j].as_str(),
                            "drone" | "drones" | "missile" | "missiles" | "rocket" | "rockets"
                        )
                    }) =>
            {
                AcledSub::DisruptedWeapons
            }
            Family::Clash => {
                if air
                    && !has(&[
                        "clash",
                        "clashes",
                        "clashed",
                        "fighting",
                        "battle",
                        "gunbattle",
                    ])
                {
                    AcledSub::AirStrike
                } else {
                    AcledSub::ArmedClash
                }
            }
            Family::Capture | Family::Retake | Family::TakeTerritory => {
                let before = if hit.passive {
                    hit.a.saturating_sub(6)..hit.a
                } else {
                    hit.a..hit.a
                };
                if family == Family::Capture
                    && (hit.b..l.len().min(hit.b + 10))
                        .chain(before)
                        .any(|j| WEAPON_WORDS.contains(&l[j].as_str()))
                {
                    AcledSub::DisruptedWeapons
                } else if (family != Family::Capture || territory_target)
                    && (hit.a.saturating_sub(2)..hit.a)
                        .any(|j| matches!(l[j].as_str(), "briefly" | "temporarily" | "momentarily"))
                {
                    // A place held only briefly did not change hands: the fight for it is
                    // the armed clash (ACLED).
                    AcledSub::ArmedClash
                } else if (family != Family::Capture || territory_target)
                    && (has(&[
                        "withdrawal",
                        "withdrew",
                        "withdrawn",
                        "abandoned",
                        "unopposed",
                        "deserted",
                        "evacuated",
                        "retreated",
                        "handed",
                    ]) || phrase("pulled", "out")
                        || phrase("without", "resistance")
                        || no_resistance(l)
                        || phrase("without", "a")
                        || phrase("without", "fighting")
                        || phrase("without", "firing")
                        || phrase("without", "bloodshed")
                        || has(&["peacefully", "vacated", "bloodless", "unchallenged"]))
                    && !casualties
                    && !has(&[
                        "clashes", "clashed", "fighting", "battle", "attack", "attacked",
                    ])
                {
                    AcledSub::NonViolentTransfer
                } else if (family != Family::Capture || territory_target)
                    && military_positions_only(l, hit.b)
                    && target_m.is_none_or(|m| !m.place)
                {
                    // Checkpoints, posts and positions taken in a fight are the armed clash;
                    // territory changes hands when a town, village or area does (ACLED).
                    AcledSub::ArmedClash
                } else if family != Family::Capture || territory_target {
                    if family == Family::Retake && !rebel_actor {
                        AcledSub::GovRegainsTerritory
                    } else if sector_in(actor, &["REB"]) || (rebel_actor && !state_actor) {
                        AcledSub::NonStateOvertakesTerritory
                    } else if state_actor {
                        AcledSub::GovRegainsTerritory
                    } else {
                        AcledSub::NonStateOvertakesTerritory
                    }
                } else if family == Family::Capture
                    && sector_in(target, ARMED_SECTORS)
                    && has(&[
                        "clash",
                        "clashes",
                        "clashed",
                        "fighting",
                        "battle",
                        "gunbattle",
                        "firefight",
                        "ambush",
                        "ambushed",
                    ])
                {
                    // Soldiers or fighters captured in a fight: the battle (ACLED).
                    AcledSub::ArmedClash
                } else if family == Family::Capture && sector_in(actor, &["REB"]) {
                    // Arrests are made by the state (ACLED); an armed group that captures
                    // soldiers fights them, one that seizes civilians abducts them.
                    if sector_in(target, STATE_SECTORS) {
                        AcledSub::ArmedClash
                    } else if sector_in(target, CIVILIAN_SECTORS)
                        || (hit.b..l.len().min(hit.b + 6)).any(|j| {
                            matches!(
                                l[j].as_str(),
                                "civilians"
                                    | "villagers"
                                    | "people"
                                    | "men"
                                    | "women"
                                    | "children"
                                    | "workers"
                                    | "passengers"
                                    | "students"
                                    | "hostages"
                            )
                        })
                    {
                        AcledSub::Abduction
                    } else {
                        AcledSub::Arrests
                    }
                } else {
                    AcledSub::Arrests
                }
            }
            Family::Agree => {
                if has(&[
                    "ceasefire",
                    "cease-fire",
                    "truce",
                    "deal",
                    "agreement",
                    "accord",
                    "peace",
                    "treaty",
                    "exchange",
                    "swap",
                    "withdraw",
                    "withdrawal",
                    "handover",
                    "signed",
                    "pact",
                    "treaty",
                    "memorandum",
                    "settlement",
                    "reconciliation",
                ]) {
                    AcledSub::Agreement
                } else {
                    return None;
                }
            }
            Family::Destroy => {
                let w = weapon_cue(AcledSub::Looting);
                if w == AcledSub::AirStrike || w == AcledSub::Shelling {
                    w
                } else if (hit.b..l.len().min(hit.b + 6))
                    .any(|j| WEAPON_WORDS.contains(&l[j].as_str()))
                {
                    // "destroyed a weapons cache", "destroyed a drone".
                    AcledSub::DisruptedWeapons
                } else {
                    AcledSub::Looting
                }
            }
            // "intercepted 15 suspected members": people stopped, not weapons.
            Family::Disrupt
                if (hit.b..l.len().min(hit.b + 6))
                    .any(|j| PEOPLE_WORDS.contains(&l[j].as_str()))
                    && !(hit.b..l.len().min(hit.b + 8))
                        .any(|j| WEAPON_WORDS.contains(&l[j].as_str())) =>
            {
                AcledSub::Arrests
            }
            _ => base,
        })
    }
}

/// The PLOVER type of a trigger in context, per the codebook: FIGHT is the use of force
/// between armed parties, ASSAULT violence against civilians; RETREAT a material concession
/// carried out, CONCEDE one promised; a meeting or withdrawal promised is AGREE or CONCEDE;
/// a coercive act announced for the future by its own actor is a THREAT.
fn plover_type(
    s: &Sent<'_>,
    hit: &Hit,
    target: Option<&Participant>,
    modality: Modality,
) -> &'static str {
    let family = hit.entry.family;
    let base = family.plover();
    let civilian_target = target
        .and_then(|t| t.sector.as_deref())
        .is_some_and(|x| CIVILIAN_SECTORS.contains(&x))
        || lower_has(
            &s.lower,
            &[
                "civilians",
                "civilian",
                "villagers",
                "residents",
                "worshippers",
                "passengers",
            ],
        );
    let future = modality == Modality::Future;
    // "X must withdraw", "Y should release them": an act required of someone is a DEMAND.
    let clause = hit.clause;
    let required = (hit.a.saturating_sub(3)..hit.a)
        .any(|j| s.clause[j] == clause && matches!(s.lower[j].as_str(), "must" | "should"));
    let after = |words: &[&str], n: usize| {
        (hit.b..s.lower.len().min(hit.b + n)).any(|j| words.contains(&s.lower[j].as_str()))
    };
    let withdraws_ties = matches!(family, Family::Withdraw)
        && after(
            &[
                "aid",
                "assistance",
                "funding",
                "funds",
                "ambassador",
                "envoy",
                "diplomats",
                "membership",
                "treaty",
                "investment",
            ],
            6,
        );
    // Letting observers, inspectors or peacekeepers in is RETREAT (CAMEO 086 "access").
    let access = matches!(
        hit.entry.words,
        "allow" | "accept" | "admit" | "let in" | "receive"
    ) && after(
        &[
            "observers",
            "inspectors",
            "peacekeepers",
            "monitors",
            "aid",
            "workers",
            "mission",
        ],
        5,
    );
    // Conventional military force (CAMEO 19x: small arms in battle, artillery and tanks,
    // aircraft) is FIGHT whoever it hits; bombs, beatings and killings otherwise ASSAULT.
    let conventional = lower_has(
        &s.lower,
        &[
            "aircraft",
            "warplanes",
            "warplane",
            "jets",
            "helicopter",
            "helicopters",
            "gunships",
            "gunship",
            "bombers",
            "artillery",
            "mortar",
            "mortars",
            "tanks",
            "howitzers",
            "gunbattle",
            "gunbattles",
            "firefight",
            "shelling",
        ],
    );
    // "lodged a protest", "a formal protest": a diplomatic complaint, not a demonstration.
    let complaint = family == Family::Protest
        && (hit.a.saturating_sub(3)..hit.a).any(|j| {
            matches!(
                s.lower[j].as_str(),
                "lodge" | "lodged" | "lodges" | "formal" | "official" | "diplomatic" | "strong"
            )
        });
    let conditional = lower_has(&s.lower, &["unless"]);
    let negated = modality == Modality::Negated;
    // "declared a unilateral ceasefire": a truce carried out (CAMEO 0871, RETREAT).
    let declared_truce = family == Family::Sign
        && matches!(hit.entry.words, "ceasefire" | "cease-fire" | "truce")
        && (hit.a.saturating_sub(4)..hit.a)
            .any(|j| matches!(s.lower[j].as_str(), "declared" | "declares" | "unilateral"));
    // "accepted demands": acceding to demands is a concession (CAMEO 083).
    let accedes = matches!(hit.entry.words, "accept" | "meet" | "agree")
        && after(&["demands", "demand", "conditions"], 4);
    match family {
        _ if required && hit.governed.is_none() && base != "DEMAND" => "DEMAND",
        _ if complaint => "DISAPPROVE",
        _ if declared_truce && !future => "RETREAT",
        _ if accedes && !negated && !future => "CONCEDE",
        // Refusing to cooperate, meet, yield or help is a rejection (CAMEO 12x).
        Family::Agree
        | Family::Consult
        | Family::Concede
        | Family::Aid
        | Family::Cooperate
        | Family::Support
            if negated && hit.governed.is_none() =>
        {
            "REJECT"
        }
        Family::Kill | Family::Attack | Family::Massacre if conventional => "FIGHT",
        _ if future && conditional && hit.governed.is_none() && base != "THREATEN" => "THREATEN",
        _ if withdraws_ties && future => "THREATEN",
        _ if withdraws_ties => "SANCTION",
        Family::Agree | Family::Concede if access && !future => "RETREAT",
        // Assaults by ground forces and gunfire between armed parties are fighting; a "strike"
        // or "hit" (aerial, missile, precision) stays an ASSAULT.
        Family::Shoot if !civilian_target => "FIGHT",
        Family::Attack
            if !civilian_target
                && matches!(hit.entry.words, "attack" | "assault" | "raid" | "storm") =>
        {
            "FIGHT"
        }
        // An intent to yield, meet, help or cooperate is AGREE (CAMEO 03x).
        Family::Concede
        | Family::Withdraw
        | Family::Handover
        | Family::Surrender
        | Family::Consult
        | Family::Aid
        | Family::Cooperate
        | Family::Support
            if future =>
        {
            "AGREE"
        }
        // Releases, returns, disarmament, access and eased economic sanctions carried out
        // are RETREAT (CAMEO 084-087); eased political restrictions and acceding to demands
        // (resignations, pardons) stay CONCEDE.
        Family::Concede
            if matches!(
                hit.entry.words,
                "release"
                    | "free"
                    | "return"
                    | "hand back"
                    | "disarm"
                    | "demobilize"
                    | "demobilise"
                    | "allow"
                    | "reopen"
                    | "resign"
                    | "step down"
                    | "receive"
            ) || (matches!(hit.entry.words, "lift" | "ease")
                && (hit.b..s.lower.len().min(hit.b + 6)).any(|j| {
                    matches!(
                        s.lower[j].as_str(),
                        "sanctions" | "embargo" | "blockade" | "siege"
                    )
                })) =>
        {
            "RETREAT"
        }
        _ if future
            && hit.governed.is_none()
            && matches!(base, "COERCE" | "ASSAULT" | "FIGHT" | "SANCTION") =>
        {
            "THREATEN"
        }
        _ => base,
    }
}

fn role_sector(role: &str) -> &'static str {
    let r = role.to_lowercase();
    if r.contains("general") || r.contains("commander") || r.contains("colonel") {
        "MIL"
    } else if r.contains("judge") || r.contains("prosecutor") {
        "JUD"
    } else if r.contains("police") {
        "COP"
    } else {
        "GOV"
    }
}

/// The country of the nearest PERSON or ORG entity before `span` (the speaker of "our").
fn nearest_country(doc: &Document, span: Span) -> Option<String> {
    doc.entities
        .iter()
        .rev()
        .filter(|e| e.span.end <= span.start && span.start - e.span.end < 600)
        .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Org))
        .find_map(|e| e.country.clone())
}

/// The report's main event in PLOVER terms: the first event not governed by another
/// ("agreed to withdraw" -> AGREE), preferring asserted and hedged events.
pub fn main_event(doc: &Document) -> Option<&Event> {
    doc.events
        .iter()
        .filter(|e| !e.rule.ends_with(":governed"))
        .min_by_key(|e| (e.trigger.start, e.id))
        .or_else(|| doc.events.first())
}

/// The report's main event in ACLED terms: among events with an ACLED type, the most
/// specific one, preferring the first sentence and asserted events.
pub fn main_acled_event(doc: &Document) -> Option<&Event> {
    let first_sentence = doc.sentences.first().map(|s| s.span);
    doc.events
        .iter()
        .filter_map(|e| {
            let sub = AcledSub::parse(e.acled_sub_event_type.as_deref()?)?;
            let mut score = i64::from(sub.specificity());
            if first_sentence.is_some_and(|s| s.contains(e.trigger)) {
                score += 10;
            }
            if matches!(e.modality, Modality::Asserted | Modality::Hedged) {
                score += 10;
            }
            if e.rule.ends_with(":governed") {
                score -= 5;
            }
            Some((score, std::cmp::Reverse(e.trigger.start), e))
        })
        .max_by_key(|(s, r, _)| (*s, *r))
        .map(|(_, _, e)| e)
}

/// "riot", "riots" naming unrest, not the police unit ("riot police", "riot gear").
fn riot_not_police(l: &[String]) -> bool {
    l.iter().enumerate().any(|(i, w)| {
        matches!(w.as_str(), "riot" | "riots")
            && !l.get(i + 1).is_some_and(|n| {
                matches!(
                    n.as_str(),
                    "police"
                        | "policemen"
                        | "officers"
                        | "gear"
                        | "squad"
                        | "squads"
                        | "troops"
                        | "units"
                        | "control"
                        | "shields"
                )
            })
    })
}

/// Sexual violence named as such ("raped", "sexual assault", "sexually abused"), not
/// "sexual conduct" or "sexual orientation".
fn sexual_violence(l: &[String]) -> bool {
    l.iter().enumerate().any(|(i, w)| match w.as_str() {
        "raped" | "rape" | "rapes" | "raping" | "gang-raped" | "gang-rape" | "molested"
        | "molesting" => true,
        "sexual" | "sexually" => l.get(i + 1).is_some_and(|n| {
            matches!(
                n.as_str(),
                "violence"
                    | "assault"
                    | "assaults"
                    | "assaulted"
                    | "abuse"
                    | "abused"
                    | "abuses"
                    | "harassment"
                    | "harassed"
                    | "slavery"
                    | "exploitation"
                    | "exploited"
                    | "attack"
                    | "attacks"
                    | "attacked"
                    | "crimes"
            )
        }),
        _ => false,
    })
}

/// A chemical agent named as the weapon of this event: not tear gas, not a facility
/// ("chemical weapons facilities"), not an earlier attack being avenged or blamed on
/// someone ("in retaliation for a poison gas attack", "accused of a chlorine attack").
fn chemical_weapon_used(l: &[String]) -> bool {
    if l.iter().any(|w| w == "tear" || w == "teargas") {
        return false;
    }
    l.iter().enumerate().any(|(i, w)| {
        let agent = matches!(
            w.as_str(),
            "chemical"
                | "sarin"
                | "chlorine"
                | "mustard"
                | "toxic"
                | "nerve"
                | "poison"
                | "poisonous"
                | "gas"
        );
        agent
            && !(i + 1..l.len().min(i + 4)).any(|j| {
                matches!(
                    l[j].as_str(),
                    "facility"
                        | "facilities"
                        | "plant"
                        | "plants"
                        | "site"
                        | "sites"
                        | "stockpile"
                        | "stockpiles"
                        | "program"
                        | "programme"
                        | "depot"
                        | "depots"
                        | "factory"
                        | "laboratory"
                        | "laboratories"
                        | "lab"
                        | "labs"
                        | "workshop"
                        | "workshops"
                        | "warehouse"
                        | "warehouses"
                        | "storage"
                        | "production"
                        | "precursors"
                        | "materials"
                        | "components"
                        | "arsenal"
                        | "cache"
                        | "caches"
                )
            })
            && !(i.saturating_sub(6)..i).any(|j| {
                matches!(
                    l[j].as_str(),
                    "retaliation"
                        | "accused"
                        | "accusing"
                        | "accusations"
                        | "blamed"
                        | "response"
                        | "destroy"
                        | "destroyed"
                        | "destruction"
                        | "dismantle"
                        | "dismantled"
                        | "possessing"
                        | "possess"
                        | "develop"
                        | "developing"
                        | "produce"
                        | "producing"
                        | "ban"
                        | "convention"
                        | "found"
                        | "discovered"
                        | "seized"
                        | "confiscated"
                        | "uncovered"
                        | "recovered"
                        | "stored"
                        | "storing"
                        | "hidden"
                        | "manufactured"
                        | "manufacturing"
                        | "smuggled"
                        | "smuggling"
                        // a place described by a past attack ("the scene of a deadly
                        // chemical attack", "the anniversary of the sarin attack")
                        | "scene"
                        | "anniversary"
                        | "commemorate"
                        | "commemorating"
                        | "commemoration"
                        | "memorial"
                )
            })
    })
}

/// Protesters named as the ones killed, shot or hurt ("four protesters died", "killed two
/// demonstrators"), not a protest over a killing.
fn protesters_harmed(l: &[String]) -> bool {
    let crowd = |w: &str| {
        matches!(
            w,
            "protesters"
                | "protestors"
                | "demonstrators"
                | "marchers"
                | "protester"
                | "protestor"
                | "demonstrator"
        )
    };
    let harm = |w: &str| {
        matches!(
            w,
            "killed" | "died" | "shot" | "dead" | "wounded" | "injured" | "beaten" | "beat"
        )
    };
    l.iter()
        .enumerate()
        .any(|(i, w)| crowd(w) && (i.saturating_sub(3)..l.len().min(i + 4)).any(|j| harm(&l[j])))
}

/// "suicide" within a few hundred bytes of a sentence (the same report).
fn suicide_near(doc: &Document, span: Span) -> bool {
    let text = doc.text();
    let mut a = (span.start as usize).saturating_sub(300);
    let mut b = (span.end as usize + 300).min(text.len());
    while a > 0 && !text.is_char_boundary(a) {
        a -= 1;
    }
    while b < text.len() && !text.is_char_boundary(b) {
        b += 1;
    }
    text.get(a..b).is_some_and(|t| {
        t.as_bytes()
            .windows(7)
            .any(|w| w.eq_ignore_ascii_case(b"suicide"))
    })
}

/// The object after a capture names military positions ("overran several checkpoints",
/// "took control of five positions") and no settlement or area.
fn military_positions_only(l: &[String], from: usize) -> bool {
    let window = from..l.len().min(from + 6);
    let position = |w: &str| {
        matches!(
            w,
            "position"
                | "positions"
                | "checkpoint"
                | "checkpoints"
                | "post"
                | "posts"
                | "outpost"
                | "outposts"
                | "barracks"
                | "trenches"
        )
    };
    let settlement = |w: &str| {
        matches!(
            w,
            "town"
                | "towns"
                | "city"
                | "cities"
                | "village"
                | "villages"
                | "area"
                | "areas"
                | "territory"
                | "district"
                | "districts"
                | "region"
                | "province"
                | "neighbourhood"
                | "neighborhood"
                | "settlement"
                | "settlements"
                | "parts"
        )
    };
    window.clone().any(|j| position(&l[j])) && !window.clone().any(|j| settlement(&l[j]))
}

/// A withdrawal whose "from" names a place or an area ("withdrew from Kunduz", "pulled out
/// of the northern districts"), not talks, a deal or an organisation.
fn withdrawal_from_place(s: &Sent<'_>, from: usize) -> bool {
    let l = &s.lower;
    let end = l.len().min(from + 8);
    let Some(k) = (from..end).find(|&j| matches!(l[j].as_str(), "from" | "of")) else {
        return false;
    };
    let object = k + 1..l.len().min(k + 6);
    let not_place = object.clone().any(|j| {
        matches!(
            l[j].as_str(),
            "talks"
                | "negotiations"
                | "agreement"
                | "deal"
                | "treaty"
                | "accord"
                | "pact"
                | "coalition"
                | "alliance"
                | "race"
                | "election"
                | "elections"
                | "government"
                | "union"
                | "organization"
                | "organisation"
                | "council"
                | "competition"
                | "tournament"
                | "contest"
                | "market"
        )
    });
    if not_place {
        return false;
    }
    object.into_iter().any(|j| {
        TERRITORY_WORDS.contains(&l[j].as_str())
            || s.toks.get(j).is_some_and(|t| {
                s.doc
                    .span_text(t.span)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            })
    })
}

/// "without any resistance", "met no resistance", "without much of a fight": territory
/// taken unopposed.
fn no_resistance(l: &[String]) -> bool {
    l.iter().enumerate().any(|(i, w)| {
        matches!(w.as_str(), "without" | "no" | "little")
            && (i + 1..l.len().min(i + 5)).any(|j| {
                matches!(
                    l[j].as_str(),
                    "resistance" | "opposition" | "fight" | "fighting" | "bloodshed"
                )
            })
    })
}

/// "mine", "mines" as explosives, not a gold or coal mine ("gunmen attacked a gold mine").
fn landmine_named(l: &[String]) -> bool {
    l.iter().enumerate().any(|(i, w)| {
        matches!(w.as_str(), "mine" | "mines")
            && !(i > 0
                && matches!(
                    l[i - 1].as_str(),
                    "gold"
                        | "coal"
                        | "diamond"
                        | "copper"
                        | "tin"
                        | "cobalt"
                        | "uranium"
                        | "iron"
                        | "salt"
                        | "lithium"
                        | "mining"
                        | "artisanal"
                        | "open-pit"
                        | "opencast"
                        | "bauxite"
                        | "nickel"
                        | "zinc"
                        | "silver"
                        | "emerald"
                ))
            && !l.get(i + 1).is_some_and(|n| {
                matches!(
                    n.as_str(),
                    "workers"
                        | "worker"
                        | "site"
                        | "sites"
                        | "owner"
                        | "owners"
                        | "shaft"
                        | "operators"
                        | "operator"
                        | "company"
                        | "companies"
                        | "pit"
                        | "manager"
                        | "managers"
                )
            })
    })
}

/// What is shot down ("downed two drones").
const AIRCRAFT_WORDS: &[&str] = &[
    "drone",
    "drones",
    "uav",
    "uavs",
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "aircraft",
    "plane",
    "planes",
    "jet",
    "jets",
    "helicopter",
    "helicopters",
    "warplane",
    "warplanes",
];

/// Words before a killing that make it the topic of a protest ("over the death of").
const PROTEST_TOPIC_WORDS: &[&str] = &[
    "over",
    "against",
    "about",
    "protest",
    "protests",
    "protesting",
    "protested",
    "condemn",
    "condemning",
    "denounce",
    "denouncing",
    "justice",
    "demanding",
    "mourn",
    "mourning",
    "commemorate",
    "anniversary",
];

/// Protesters doing violence: stones, fire, damage, attacks on the police ("threw stones",
/// "hurling rocks", "attacked police officers", "injuring five policemen").
fn protesters_violent(l: &[String]) -> bool {
    let cue = |w: &str| {
        matches!(
            w,
            "violently"
                | "smashing"
                | "hurling"
                | "hurled"
                | "stone-throwing"
                | "rock-throwing"
                | "wrecked"
                | "overturned"
                | "vandalizing"
                | "vandalising"
                | "smashed"
                | "destroyed"
                | "torching"
                | "looters"
        )
    };
    let police = |w: &str| {
        matches!(
            w,
            "police"
                | "policemen"
                | "officers"
                | "officer"
                | "policeman"
                | "station"
                | "stations"
                | "vehicles"
                | "cars"
                | "shops"
                | "buildings"
                | "offices"
        )
    };
    let pulled_down = l.windows(2).any(|w| {
        matches!(
            w[0].as_str(),
            "pull" | "pulled" | "pulling" | "tore" | "tearing" | "toppled" | "toppling"
        ) && matches!(
            w[1].as_str(),
            "down" | "statue" | "statues" | "walls" | "gates"
        )
    });
    pulled_down
        || l.iter().enumerate().any(|(i, w)| {
            cue(w)
            || (matches!(
                w.as_str(),
                "attacked" | "attacking" | "assaulted" | "injuring" | "fought" | "fighting"
            ) && (i + 1..l.len().min(i + 4)).any(|j| police(&l[j])))
            // "twelve police officers were injured"
            || (matches!(w.as_str(), "police" | "policemen" | "officers" | "policeman")
                && (i + 1..l.len().min(i + 4))
                    .any(|j| matches!(l[j].as_str(), "injured" | "wounded" | "hurt")))
        })
}

/// A bomb, mine or IED named as such (not just "an explosion").
fn explosive_named(l: &[String]) -> bool {
    l.iter().any(|w| {
        matches!(
            w.as_str(),
            "bomb"
                | "bombs"
                | "ied"
                | "ieds"
                | "landmine"
                | "landmines"
                | "mine"
                | "mines"
                | "explosives"
                | "device"
                | "roadside"
                | "car-bomb"
        )
    })
}
