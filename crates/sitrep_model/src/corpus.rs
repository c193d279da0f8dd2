//! Records that relate a document to others: near-duplicate and rewrite links, the outlets a
//! report names as its origin, and event clusters that merge one real-world event reported by
//! many documents.

use crate::{Id, Precision, Span};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the corpus stage found out about a document relative to the documents before it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CorpusRecord {
    /// The earliest stored near-copy (syndication, light edits), with its estimated Jaccard
    /// similarity of word shingles.
    #[serde(default)]
    pub duplicate_of: Option<CorpusLink>,
    /// The earliest stored document this one paraphrases: the same entities, numbers, dates and
    /// quotes in the same order with different wording.
    #[serde(default)]
    pub rewrite_of: Option<CorpusLink>,
    /// Outlets the text names as where the report comes from ("CNN reported",
    /// "according to Reuters", "though CNN has obscured").
    #[serde(default)]
    pub stated_origin: Vec<StatedOrigin>,
}

impl CorpusRecord {
    /// The document this one copies or rewrites (a near-copy first), if any.
    pub fn copy_of(&self) -> Option<&CorpusLink> {
        self.duplicate_of.as_ref().or(self.rewrite_of.as_ref())
    }
}

/// A link to another document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusLink {
    /// The other document's id.
    pub id: String,
    /// Similarity in 0..1.
    pub score: f64,
}

/// An outlet named in the text as the origin of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatedOrigin {
    /// The outlet as named ("CNN", "Reuters").
    pub outlet: String,
    /// The phrase that names it ("CNN reported", "according to Reuters").
    pub span: Span,
}

/// One report of a clustered event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterMember {
    /// Document id.
    pub doc: String,
    /// Event record id in that document.
    pub event: Id,
    /// The outlet that published the document.
    pub source: Option<String>,
    /// Publication date of the document.
    pub published: Option<NaiveDate>,
    /// The independent source this report counts for: the id of the earliest document it
    /// copies or rewrites (its own id when it copies nothing).
    pub origin_doc: String,
    /// Outlets the report names as its origin.
    #[serde(default)]
    pub stated_origin: Vec<String>,
    /// The values this report gives for the event's fields, by field name.
    pub values: Vec<(String, String)>,
}

/// A field on which the reports of a cluster disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldConflict {
    /// Field name (`count`, `fatalities`, `date`, `place`, `modality`, ...).
    pub field: String,
    /// Each value stated, with the documents that state it.
    pub values: Vec<ConflictValue>,
}

/// One value of a conflicting field and who states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictValue {
    /// The value as text ("10", "2025-01-09", "Sudzha").
    pub value: String,
    /// Ids of the documents stating it.
    pub docs: Vec<String>,
}

/// One real-world event as reported by one or more documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventCluster {
    /// Stable id: `"<doc id>:<event id>"` of the report that founded the cluster.
    pub id: String,
    /// PLOVER event type.
    #[serde(rename = "type")]
    pub event_type: String,
    /// First day of the interval every report's date overlaps, inclusive.
    pub start: Option<NaiveDate>,
    /// Last day of that interval, inclusive.
    pub end: Option<NaiveDate>,
    /// Actor country (ISO 3166-1 alpha-3).
    pub actor_country: Option<String>,
    /// Actor sector (CAMEO agent code).
    pub actor_sector: Option<String>,
    /// Target country.
    pub target_country: Option<String>,
    /// Target sector.
    pub target_sector: Option<String>,
    /// Place name of the first report that resolved one.
    pub place: Option<String>,
    /// Country of that place.
    pub country: Option<String>,
    /// Latitude of that place.
    pub lat: Option<f64>,
    /// Longitude of that place.
    pub lon: Option<f64>,
    /// First-level division of that place.
    #[serde(default)]
    pub admin1: Option<String>,
    /// How precisely that place is located.
    #[serde(default)]
    pub precision: Option<Precision>,
    /// Number of reports (members).
    pub reports: u32,
    /// Number of independent sources: copies, rewrites and reports of the same outlet count once.
    pub independent_sources: u32,
    /// Every report, in the order they joined.
    pub members: Vec<ClusterMember>,
    /// Fields on which the reports disagree, with who says what.
    pub conflicts: Vec<FieldConflict>,
}
