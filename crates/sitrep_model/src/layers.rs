//! Annotation records, one type per layer, in the terms of the `sitrep/1` schema.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_span::Span;

/// A record id, unique within one document across all layers.
pub type Id = u32;

/// The layers a document can carry; stages declare which they need and which they produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// The frozen `text` (always present once a document exists).
    Text,
    /// Line flags: promotional, boilerplate and encoding problems.
    Flags,
    /// Paragraph spans.
    Paragraphs,
    /// Sentence spans.
    Sentences,
    /// Token spans.
    Tokens,
    /// Named entities and their clusters.
    Entities,
    /// Temporal expressions.
    Dates,
    /// Numbers and counts.
    Quantities,
    /// Quotations and reported claims.
    Quotes,
    /// Resolved places.
    Places,
    /// Coded events.
    Events,
}

impl Layer {
    /// Every layer, in pipeline order.
    pub const ALL: [Layer; 11] = [
        Layer::Text,
        Layer::Flags,
        Layer::Paragraphs,
        Layer::Sentences,
        Layer::Tokens,
        Layer::Entities,
        Layer::Dates,
        Layer::Quantities,
        Layer::Quotes,
        Layer::Places,
        Layer::Events,
    ];

    /// The layer's name as used in configuration, the store and JSON.
    pub const fn name(self) -> &'static str {
        match self {
            Layer::Text => "text",
            Layer::Flags => "flags",
            Layer::Paragraphs => "paragraphs",
            Layer::Sentences => "sentences",
            Layer::Tokens => "tokens",
            Layer::Entities => "entities",
            Layer::Dates => "dates",
            Layer::Quantities => "quantities",
            Layer::Quotes => "quotes",
            Layer::Places => "places",
            Layer::Events => "events",
        }
    }
}

impl std::fmt::Display for Layer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a line flag says about its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Injected promotion: a link or domain with a call to action, off-topic advertising.
    Promotional,
    /// Site furniture: "Read more", newsletter prompts, share buttons, copyright lines.
    Boilerplate,
    /// The input bytes were not valid in their declared encoding and were repaired.
    Encoding,
    /// The input was cut short (truncated markup, a size limit).
    Truncated,
    /// The input looks like binary data rather than text.
    Binary,
}

/// A span of text that later stages should treat with care (or skip), with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineFlag {
    /// The flagged text.
    pub span: Span,
    /// What kind of problem.
    pub kind: FlagKind,
    /// Why it was flagged, for the user.
    pub reason: String,
}

/// A paragraph: a block of text separated from its neighbours by a line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The paragraph's text, without surrounding whitespace.
    pub span: Span,
}

/// A sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence's text, without surrounding whitespace.
    pub span: Span,
}

/// The coarse class of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes or hyphens ("North", "don't", "cross-border").
    Word,
    /// Digits with optional separators and decimals ("1,000", "3.5", "2025-01-09").
    Number,
    /// Punctuation ("." "," "“").
    Punct,
    /// Anything else (symbols, emoji, currency signs).
    Symbol,
}

/// A token. Tokens are kept in memory for annotators and not written to JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// The token's text.
    pub span: Span,
    /// Its class.
    pub kind: TokenKind,
}

/// Entity types of the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation (armed forces, agencies, companies, media).
    Org,
    /// A place (geopolitical or physical).
    Place,
    /// A nationality, religious or political group ("Ukrainian", "North Korean").
    Norp,
    /// Other names (events, products, laws).
    Misc,
}

/// A named-entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Record id.
    pub id: Id,
    /// The name as written (without titles or possessive "'s").
    pub span: Span,
    /// Entity type.
    pub kind: EntityKind,
    /// The cluster's preferred name ("Volodymyr Zelensky" for a later "Zelensky").
    pub canonical: String,
    /// Mentions of the same entity share a cluster number.
    pub cluster: u32,
    /// Title or role ("President", "Secretary of State").
    pub role: Option<String>,
    /// Affiliated country, ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// The organisation (an ORG entity's id) a person's role is in: "a spokesperson for the
    /// SBU", "SBU spokesman X". Absent in older output, read as `None`.
    #[serde(default)]
    pub organisation: Option<Id>,
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period.
    Date,
    /// A time of day.
    Time,
    /// A length of time.
    Duration,
    /// A recurring time.
    Set,
}

/// A temporal expression normalised to a TIMEX3 value and a calendar interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    /// Record id.
    pub id: Id,
    /// The expression as written.
    pub span: Span,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub timex_type: TimexType,
    /// TIMEX3 value ("2025-01-09", "2024-08", "2024-W52", "P3D", "PAST_REF").
    pub value: String,
    /// First day the expression covers, inclusive.
    pub start: Option<NaiveDate>,
    /// Last day the expression covers, inclusive.
    pub end: Option<NaiveDate>,
}

/// How a quantity's value bounds the real figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// Stated as exact.
    Exact,
    /// "around", "about", "some".
    Approx,
    /// "over", "more than", "at least".
    AtLeast,
    /// "under", "up to", "at most".
    AtMost,
    /// "between 5 and 7": `value` is the low end and `max` the high end.
    Range,
}

/// What a quantity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityCategory {
    /// People killed.
    Killed,
    /// People injured.
    Injured,
    /// People killed or injured, not told apart.
    KilledOrInjured,
    /// People captured or detained.
    Captured,
    /// People missing.
    Missing,
    /// Troops, soldiers, fighters.
    Troops,
    /// An area.
    Area,
    /// Anything else.
    Other,
}

/// A number with its bound and what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Record id.
    pub id: Id,
    /// The number as written, with its modifier ("over 1,000").
    pub span: Span,
    /// The value (low end of a range).
    #[serde(with = "number")]
    pub value: f64,
    /// How the value bounds the figure.
    pub bound: Bound,
    /// High end of a range.
    #[serde(with = "number::option")]
    pub max: Option<f64>,
    /// The noun counted ("soldiers").
    pub head: Option<String>,
    /// What is counted.
    pub category: QuantityCategory,
    /// Unit of measure, normalised ("km", "km2", "percent", "USD"), when the figure has one.
    #[serde(default)]
    pub unit: Option<String>,
}

/// Direct quotation or reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Words between quotation marks.
    Direct,
    /// Indirect speech and attributed claims.
    Reported,
}

/// Who a quote or claim is attributed to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The entity record of the speaker, when it is a named entity.
    pub entity: Option<Id>,
    /// The speaker as written ("Zelensky", "a spokesperson for the SBU").
    pub text: String,
    /// Where the speaker is named.
    pub span: Option<Span>,
}

/// A quotation or reported claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Record id.
    pub id: Id,
    /// The whole attribution (speaker, cue and content).
    pub span: Span,
    /// Direct or reported.
    pub kind: QuoteKind,
    /// What is said.
    pub content: Span,
    /// The cue ("said", "according to").
    pub cue: Option<Span>,
    /// Who says it.
    pub speaker: Option<Speaker>,
    /// True when the text hedges the content ("reportedly", "claims", "estimate").
    pub hedged: bool,
    /// The word or phrase that makes the content hedged.
    #[serde(default)]
    pub hedge: Option<Span>,
    /// Where it was said, when stated ("on his social media platform X", "in a statement").
    #[serde(default)]
    pub channel: Option<Span>,
}

/// How precisely a place record locates its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A whole country.
    Country,
    /// A first-level division (oblast, state).
    Admin1,
    /// A second-level division (raion, county).
    Admin2,
    /// A city or town.
    City,
    /// A village or hamlet.
    Village,
    /// A point (a building, a crossing).
    Point,
}

/// A place name resolved (or not) to the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Record id.
    pub id: Id,
    /// The name as written.
    pub span: Span,
    /// The gazetteer's name for it.
    pub name: String,
    /// GeoNames id; `None` when unresolved.
    pub geonames_id: Option<u64>,
    /// Latitude in degrees.
    pub lat: Option<f64>,
    /// Longitude in degrees.
    pub lon: Option<f64>,
    /// Country, ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// First-level division name.
    pub admin1: Option<String>,
    /// How precise the location is.
    pub precision: Option<Precision>,
    /// How sure the resolver is of this reading, 0..1 (`None` when unresolved).
    #[serde(default)]
    pub confidence: Option<f64>,
    /// The PLACE entity this record resolves, when the entity stage found the name.
    #[serde(default)]
    pub entity: Option<Id>,
}

/// How sure the text is that an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated as fact.
    Asserted,
    /// Hedged ("reportedly", "claims").
    Hedged,
    /// Denied or said not to have happened.
    Negated,
    /// Planned, threatened or expected.
    Future,
    /// Background, long past.
    Historical,
}

/// An actor or target of an event, coded as country and sector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    /// The words naming the participant ("Ukrainian forces").
    pub text: String,
    /// The entity record, when the participant is a named entity.
    pub entity: Option<Id>,
    /// Country, ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// CAMEO agent code (`MIL`, `GOV`, `CVL`, ...).
    pub sector: Option<String>,
    /// Where the participant is named.
    pub span: Option<Span>,
}

/// Where an event's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DateSource {
    /// A date mention, by id.
    Mention(Id),
    /// The publication date (serialised as the string `"published"`).
    Published(PublishedTag),
}

/// The constant `"published"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishedTag {
    /// The publication date.
    Published,
}

/// An event's date: a TIMEX3 value with its inclusive interval and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// TIMEX3 value.
    pub value: String,
    /// First day, inclusive.
    pub start: Option<NaiveDate>,
    /// Last day, inclusive.
    pub end: Option<NaiveDate>,
    /// The date mention or the publication date.
    pub from: DateSource,
}

/// A coded event: who did what to whom, where, when and how many.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Record id.
    pub id: Id,
    /// The sentence or clause that states the event.
    pub span: Span,
    /// PLOVER event type (`ASSAULT`, `COERCE`, ...).
    #[serde(rename = "type")]
    pub event_type: String,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// ACLED event type.
    pub acled_event_type: Option<String>,
    /// ACLED sub-event type.
    pub acled_sub_event_type: Option<String>,
    /// Who acts.
    pub actor: Option<Participant>,
    /// Who is acted on.
    pub target: Option<Participant>,
    /// Place record id.
    pub place: Option<Id>,
    /// When.
    pub date: Option<EventDate>,
    /// Quantity record id giving how many.
    pub count: Option<Id>,
    /// Deaths, when stated.
    pub fatalities: Option<u64>,
    /// How sure the text is.
    pub modality: Modality,
    /// Quote record id when the event is reported in a claim.
    pub source: Option<Id>,
    /// The word or phrase that signals the event.
    pub trigger: Span,
    /// Further evidence spans.
    pub evidence: Vec<Span>,
    /// Confidence in 0..1.
    pub confidence: f32,
    /// The rule or model that produced the record.
    pub rule: String,
}

/// One stage's run over the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRun {
    /// Stage name.
    pub name: String,
    /// Stage implementation version.
    pub version: String,
    /// Hash of the stage's configuration.
    pub config_hash: String,
}

/// A stage that failed on this document; the layers it would have produced are missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageFailure {
    /// Stage name.
    pub stage: String,
    /// What went wrong.
    pub message: String,
}

/// Serialises whole-valued floats as integers, so counts print as `1000`, not `1000.0`.
mod number {
    use serde::{Deserialize, Deserializer, Serializer};

    const MAX_EXACT: f64 = 9_007_199_254_740_992.0; // 2^53

    pub fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        if v.fract() == 0.0 && v.abs() <= MAX_EXACT {
            // Whole and within the exactly representable range: the cast is exact.
            #[allow(clippy::cast_possible_truncation)]
            s.serialize_i64(*v as i64)
        } else {
            s.serialize_f64(*v)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        f64::deserialize(d)
    }

    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
            match v {
                Some(v) => super::serialize(v, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
            Option::<f64>::deserialize(d)
        }
    }
}
