//! Event clusters: one real-world event reported by many documents.
//!
//! An event joins a cluster when it is compatible with it on every field both know: the same
//! PLOVER type; the same actor and target country and sector; places within `max_km` (or the
//! same country when coordinates are missing); date intervals that overlap (within
//! `date_slack_days`). Among compatible clusters the one whose interval is closest wins, then
//! the oldest. The cluster keeps every report, counts independent sources (reports that copy
//! or rewrite one another, come from the same outlet, or name the same outlet as their origin
//! count once), and lists the fields on which reports disagree with who says what.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_model::{
    ClusterMember, ConflictValue, Document, Event, EventCluster, FieldConflict, Modality, Precision,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Rules for merging events into clusters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClusterConfig {
    /// Greatest distance between two resolved places of one event, in km.
    pub max_km: f64,
    /// Days by which two date intervals may miss each other and still count as overlapping.
    pub date_slack_days: i64,
    /// Date an event without a date of its own by its document's publication date.
    pub date_by_published: bool,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        Self {
            max_km: 50.0,
            date_slack_days: 1,
            date_by_published: true,
        }
    }
}

/// The fields of one event that clustering compares.
#[derive(Debug, Clone, PartialEq)]
pub struct EventKey {
    /// PLOVER type.
    pub event_type: String,
    /// Actor country.
    pub actor_country: Option<String>,
    /// Actor sector.
    pub actor_sector: Option<String>,
    /// Target country.
    pub target_country: Option<String>,
    /// Target sector.
    pub target_sector: Option<String>,
    /// First day.
    pub start: Option<NaiveDate>,
    /// Last day.
    pub end: Option<NaiveDate>,
    /// Place name.
    pub place: Option<String>,
    /// Place country.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// First-level division of the place.
    pub admin1: Option<String>,
    /// How precisely the place is located.
    pub precision: Option<Precision>,
}

impl EventKey {
    /// The key of an event in its document.
    pub fn of(doc: &Document, e: &Event, config: &ClusterConfig) -> Self {
        let place = e.place.and_then(|p| doc.places.iter().find(|r| r.id == p));
        let (mut start, mut end) = e.date.as_ref().map_or((None, None), |d| (d.start, d.end));
        if start.is_none() && config.date_by_published {
            start = doc.meta.published;
            end = doc.meta.published;
        }
        Self {
            event_type: e.event_type.clone(),
            actor_country: e.actor.as_ref().and_then(|a| a.country.clone()),
            actor_sector: e.actor.as_ref().and_then(|a| a.sector.clone()),
            target_country: e.target.as_ref().and_then(|a| a.country.clone()),
            target_sector: e.target.as_ref().and_then(|a| a.sector.clone()),
            start,
            end: end.or(start),
            place: place.map(|p| p.name.clone()),
            country: place.and_then(|p| p.country.clone()),
            lat: place.and_then(|p| p.lat),
            lon: place.and_then(|p| p.lon),
            admin1: place.and_then(|p| p.admin1.clone()),
            precision: place.and_then(|p| p.precision),
        }
    }
}

/// Rank of a precision, finer is higher (unknown counts as a point).
fn rank(p: Option<Precision>) -> u8 {
    match p {
        Some(Precision::Country) => 0,
        Some(Precision::Admin1) => 1,
        Some(Precision::Admin2) => 2,
        Some(Precision::City) => 3,
        Some(Precision::Village) => 4,
        Some(Precision::Point) | None => 5,
    }
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

fn agree(a: Option<&String>, b: Option<&String>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Days between two intervals (0 when they overlap); `None` when either is undated.
fn gap_days(c: &EventCluster, k: &EventKey) -> Option<i64> {
    let (s1, e1, s2, e2) = (c.start?, c.end.or(c.start)?, k.start?, k.end.or(k.start)?);
    if s2 > e1 {
        Some((s2 - e1).num_days())
    } else if s1 > e2 {
        Some((s1 - e2).num_days())
    } else {
        Some(0)
    }
}

/// Whether an event may join a cluster; `Some(date gap)` when it may.
pub fn compatible(c: &EventCluster, k: &EventKey, config: &ClusterConfig) -> Option<i64> {
    // Dates first: the cheapest test, and the one most candidates fail.
    let gap = gap_days(c, k)?;
    if gap > config.date_slack_days {
        return None;
    }
    if c.event_type != k.event_type
        || !agree(c.actor_country.as_ref(), k.actor_country.as_ref())
        || !agree(c.actor_sector.as_ref(), k.actor_sector.as_ref())
        || !agree(c.target_country.as_ref(), k.target_country.as_ref())
        || !agree(c.target_sector.as_ref(), k.target_sector.as_ref())
    {
        return None;
    }
    // Places: the same country; the same first-level division when the coarser place is one;
    // within `max_km` when both are finer (a town inside the region of "Kursk region" agrees).
    if !agree(c.country.as_ref(), k.country.as_ref()) {
        return None;
    }
    let coarser = rank(c.precision).min(rank(k.precision));
    if (1..=2).contains(&coarser) && !agree(c.admin1.as_ref(), k.admin1.as_ref()) {
        return None;
    }
    if coarser >= 3
        && let (Some(a), Some(b), Some(x), Some(y)) = (c.lat, c.lon, k.lat, k.lon)
        && haversine_km(a, b, x, y) > config.max_km
    {
        return None;
    }
    Some(gap)
}

/// What clustering needs to know of a report besides its event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportInfo {
    /// The independent origin of the document: the first document of its chain of copies and
    /// rewrites (its own id when it copies nothing).
    pub origin_doc: String,
}

/// Incremental event clustering.
#[derive(Debug, Default)]
pub struct EventClusterer {
    config: ClusterConfig,
    clusters: Vec<EventCluster>,
    by_type: HashMap<String, Vec<usize>>,
    members: BTreeMap<(String, u32), usize>,
    ids: HashMap<String, usize>,
    dirty: BTreeSet<usize>,
}

impl EventClusterer {
    /// An empty clusterer.
    pub fn new(config: ClusterConfig) -> Self {
        Self {
            config,
            ..Self::default()
        }
    }

    /// Adds clusters read back from the store; a cluster already known by its id is replaced
    /// by the one given (a newer version another writer stored).
    pub fn load(&mut self, clusters: impl IntoIterator<Item = EventCluster>) {
        for c in clusters {
            if let Some(&i) = self.ids.get(&c.id) {
                if let Some(old) = self.clusters.get(i) {
                    for m in &old.members {
                        let key = (m.doc.clone(), m.event);
                        if self.members.get(&key) == Some(&i) {
                            self.members.remove(&key);
                        }
                    }
                }
                for m in &c.members {
                    self.members.insert((m.doc.clone(), m.event), i);
                }
                if let Some(slot) = self.clusters.get_mut(i) {
                    *slot = c;
                }
                continue;
            }
            let i = self.clusters.len();
            for m in &c.members {
                self.members.insert((m.doc.clone(), m.event), i);
            }
            self.by_type
                .entry(c.event_type.clone())
                .or_default()
                .push(i);
            self.ids.insert(c.id.clone(), i);
            self.clusters.push(c);
        }
    }

    /// The clusters, in creation order.
    pub fn clusters(&self) -> &[EventCluster] {
        &self.clusters
    }

    /// Clusters changed since the last call, in creation order.
    pub fn take_dirty(&mut self) -> Vec<EventCluster> {
        let dirty = std::mem::take(&mut self.dirty);
        dirty
            .into_iter()
            .filter_map(|i| self.clusters.get(i).cloned())
            .collect()
    }

    /// Clusters the events of a document. A document already clustered is left as it is.
    pub fn add_document(&mut self, doc: &Document, info: &ReportInfo) {
        if self
            .members
            .range((doc.id().to_owned(), 0)..=(doc.id().to_owned(), u32::MAX))
            .next()
            .is_some()
        {
            return;
        }
        for e in &doc.events {
            let key = EventKey::of(doc, e, &self.config);
            let member = member_of(doc, e, info);
            let best = self
                .by_type
                .get(&key.event_type)
                .into_iter()
                .flatten()
                .filter_map(|&i| {
                    let c = self.clusters.get(i)?;
                    compatible(c, &key, &self.config).map(|gap| (gap, i))
                })
                .min();
            let index = match best {
                Some((_, i)) => {
                    if let Some(c) = self.clusters.get_mut(i) {
                        merge_key(c, &key);
                        c.members.push(member);
                        refresh(c);
                    }
                    i
                }
                None => {
                    let i = self.clusters.len();
                    let mut c = new_cluster(doc, e, &key, member);
                    refresh(&mut c);
                    self.ids.insert(c.id.clone(), i);
                    self.clusters.push(c);
                    self.by_type
                        .entry(key.event_type.clone())
                        .or_default()
                        .push(i);
                    i
                }
            };
            self.members.insert((doc.id().to_owned(), e.id), index);
            self.dirty.insert(index);
        }
    }
}

fn new_cluster(doc: &Document, e: &Event, k: &EventKey, member: ClusterMember) -> EventCluster {
    EventCluster {
        id: format!("{}:{}", doc.id(), e.id),
        event_type: k.event_type.clone(),
        start: k.start,
        end: k.end,
        actor_country: k.actor_country.clone(),
        actor_sector: k.actor_sector.clone(),
        target_country: k.target_country.clone(),
        target_sector: k.target_sector.clone(),
        place: k.place.clone(),
        country: k.country.clone(),
        lat: k.lat,
        lon: k.lon,
        admin1: k.admin1.clone(),
        precision: k.precision,
        reports: 0,
        independent_sources: 0,
        members: vec![member],
        conflicts: Vec::new(),
    }
}

/// Narrows the cluster's interval to the overlap and fills fields it did not know.
fn merge_key(c: &mut EventCluster, k: &EventKey) {
    if let (Some(s1), Some(e1), Some(s2), Some(e2)) = (c.start, c.end, k.start, k.end) {
        let (s, e) = (s1.max(s2), e1.min(e2));
        if s <= e {
            c.start = Some(s);
            c.end = Some(e);
        }
    }
    fill(&mut c.actor_country, &k.actor_country);
    fill(&mut c.actor_sector, &k.actor_sector);
    fill(&mut c.target_country, &k.target_country);
    fill(&mut c.target_sector, &k.target_sector);
    // The cluster is located by its most precise report.
    if k.lat.is_some() && (c.lat.is_none() || rank(k.precision) > rank(c.precision)) {
        c.place.clone_from(&k.place);
        c.country.clone_from(&k.country);
        c.lat = k.lat;
        c.lon = k.lon;
        c.admin1.clone_from(&k.admin1);
        c.precision = k.precision;
    }
    fill(&mut c.place, &k.place);
    fill(&mut c.country, &k.country);
}

fn fill(slot: &mut Option<String>, v: &Option<String>) {
    if slot.is_none() {
        slot.clone_from(v);
    }
}

fn modality_name(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "asserted",
        Modality::Hedged => "hedged",
        Modality::Negated => "negated",
        Modality::Future => "future",
        Modality::Historical => "historical",
    }
}

fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn member_of(doc: &Document, e: &Event, info: &ReportInfo) -> ClusterMember {
    let mut values: Vec<(String, String)> = Vec::new();
    if let Some(q) = e
        .count
        .and_then(|id| doc.quantities.iter().find(|q| q.id == id))
    {
        values.push(("count".into(), number_text(q.value)));
    }
    if let Some(f) = e.fatalities {
        values.push(("fatalities".into(), f.to_string()));
    }
    if let Some(d) = &e.date {
        values.push(("date".into(), d.value.clone()));
    }
    if let Some(p) = e.place.and_then(|p| doc.places.iter().find(|r| r.id == p)) {
        values.push(("place".into(), p.name.clone()));
    }
    values.push(("modality".into(), modality_name(e.modality).into()));
    let origin_doc = if info.origin_doc.is_empty() {
        doc.id().to_owned()
    } else {
        info.origin_doc.clone()
    };
    ClusterMember {
        doc: doc.id().to_owned(),
        event: e.id,
        source: doc.meta.source.clone().filter(|s| !s.trim().is_empty()),
        published: doc.meta.published,
        origin_doc,
        stated_origin: doc
            .corpus
            .stated_origin
            .iter()
            .map(|o| o.outlet.clone())
            .collect(),
        values,
    }
}

/// Recomputes the report count, independent sources and conflicts.
pub fn refresh(c: &mut EventCluster) {
    c.reports = u32::try_from(c.members.len()).unwrap_or(u32::MAX);
    c.independent_sources = independent_sources(&c.members);
    c.conflicts = conflicts(&c.members);
}

/// Number of independent sources among reports: union of reports with the same origin
/// document, the same outlet, or an outlet named as origin by the other.
pub fn independent_sources(members: &[ClusterMember]) -> u32 {
    let n = members.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while let Some(&up) = p.get(x) {
            if up == x {
                break;
            }
            let grand = p.get(up).copied().unwrap_or(up);
            if let Some(slot) = p.get_mut(x) {
                *slot = grand;
            }
            x = up;
        }
        x
    }
    let mut owner: BTreeMap<String, usize> = BTreeMap::new();
    let norm = |s: &str| s.trim().to_lowercase();
    for (i, m) in members.iter().enumerate() {
        let keys = std::iter::once(format!("doc:{}", m.origin_doc))
            .chain(m.source.iter().map(|s| format!("outlet:{}", norm(s))))
            .chain(
                m.stated_origin
                    .iter()
                    .map(|s| format!("outlet:{}", norm(s))),
            );
        for key in keys {
            match owner.get(&key) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b
                        && let Some(slot) = parent.get_mut(a.max(b))
                    {
                        *slot = a.min(b);
                    }
                }
                None => {
                    owner.insert(key, i);
                }
            }
        }
    }
    let roots: BTreeSet<usize> = (0..n).map(|i| find(&mut parent, i)).collect();
    u32::try_from(roots.len()).unwrap_or(u32::MAX)
}

/// Fields with two or more different values, each value with the documents stating it.
/// Dates conflict only when both are whole days.
pub fn conflicts(members: &[ClusterMember]) -> Vec<FieldConflict> {
    let mut fields: Vec<(String, Vec<ConflictValue>)> = Vec::new();
    for m in members {
        for (field, value) in &m.values {
            if field == "date" && value.len() != 10 {
                continue;
            }
            let pos = match fields.iter().position(|(f, _)| f == field) {
                Some(p) => p,
                None => {
                    fields.push((field.clone(), Vec::new()));
                    fields.len() - 1
                }
            };
            let Some((_, values)) = fields.get_mut(pos) else {
                continue;
            };
            match values.iter_mut().find(|v| &v.value == value) {
                Some(v) => {
                    if !v.docs.contains(&m.doc) {
                        v.docs.push(m.doc.clone());
                    }
                }
                None => values.push(ConflictValue {
                    value: value.clone(),
                    docs: vec![m.doc.clone()],
                }),
            }
        }
    }
    fields
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(field, values)| FieldConflict { field, values })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{
        Bound, DateSource, DocMeta, EventDate, Participant, Place, Quantity, QuantityCategory, Span,
    };

    struct Report<'a> {
        id: &'a str,
        source: Option<&'a str>,
        event_type: &'a str,
        date: &'a str,
        place: Option<(&'a str, f64, f64)>,
        count: Option<f64>,
        actor: &'a str,
    }

    fn report(r: &Report<'_>) -> Document {
        let text = "Reports said something happened somewhere with some people.";
        let meta = DocMeta {
            id: r.id.into(),
            source: r.source.map(Into::into),
            published: "2025-01-11".parse().ok(),
            media_type: "text/plain".into(),
            ..DocMeta::default()
        };
        let mut d = Document::from_text(meta, text).unwrap();
        let span = Span::new(0, 7);
        let place = r.place.map(|(name, lat, lon)| {
            let id = d.alloc_id();
            d.places.push(Place {
                id,
                span,
                name: name.into(),
                geonames_id: None,
                lat: Some(lat),
                lon: Some(lon),
                country: Some("RUS".into()),
                admin1: None,
                precision: Some(Precision::City),
                confidence: None,
                entity: None,
            });
            id
        });
        let count = r.count.map(|v| {
            let id = d.alloc_id();
            d.quantities.push(Quantity {
                id,
                span,
                value: v,
                bound: Bound::Exact,
                max: None,
                head: None,
                category: QuantityCategory::Captured,
                unit: None,
            });
            id
        });
        let id = d.alloc_id();
        let party = |c: &str, s: &str| Participant {
            text: c.into(),
            entity: None,
            country: Some(c.into()),
            sector: Some(s.into()),
            span: None,
        };
        d.events.push(Event {
            id,
            span,
            event_type: r.event_type.into(),
            mode: None,
            acled_event_type: None,
            acled_sub_event_type: None,
            actor: Some(party(r.actor, "MIL")),
            target: Some(party("PRK", "MIL")),
            place,
            date: Some(EventDate {
                value: r.date.into(),
                start: r.date.parse().ok(),
                end: r.date.parse().ok(),
                from: DateSource::Mention(1),
            }),
            count,
            fatalities: None,
            modality: Modality::Asserted,
            source: None,
            trigger: span,
            evidence: vec![],
            confidence: 0.9,
            rule: "test".into(),
        });
        d
    }

    fn base<'a>(id: &'a str, source: Option<&'a str>) -> Report<'a> {
        Report {
            id,
            source,
            event_type: "SEIZE",
            date: "2025-01-09",
            place: Some(("Kursk", 51.73, 36.19)),
            count: Some(2.0),
            actor: "UKR",
        }
    }

    fn run(reports: &[(Report<'_>, &str)]) -> Vec<EventCluster> {
        let mut c = EventClusterer::new(ClusterConfig::default());
        for (r, origin) in reports {
            c.add_document(
                &report(r),
                &ReportInfo {
                    origin_doc: (*origin).into(),
                },
            );
        }
        c.clusters().to_vec()
    }

    #[test]
    fn compatible_reports_merge_and_conflicting_counts_are_kept() {
        let mut b = base("b", Some("Outlet B"));
        b.count = Some(3.0);
        b.place = Some(("Near Kursk", 51.80, 36.30));
        let clusters = run(&[(base("a", Some("Outlet A")), "a"), (b, "b")]);
        assert_eq!(clusters.len(), 1);
        let c = &clusters[0];
        assert_eq!(c.id, "a:3");
        assert_eq!(c.reports, 2);
        assert_eq!(c.independent_sources, 2);
        let count = c.conflicts.iter().find(|f| f.field == "count").unwrap();
        assert_eq!(count.values.len(), 2);
        assert_eq!(count.values[0].value, "2");
        assert_eq!(count.values[0].docs, ["a"]);
        assert_eq!(count.values[1].value, "3");
        assert_eq!(count.values[1].docs, ["b"]);
        assert!(c.conflicts.iter().all(|f| f.field != "modality"));
    }

    #[test]
    fn incompatible_fields_keep_events_apart() {
        let mut other_type = base("t", None);
        other_type.event_type = "ASSAULT";
        let mut far = base("f", None);
        far.place = Some(("Kharkiv", 49.99, 36.23));
        let mut later = base("l", None);
        later.date = "2025-01-20";
        let mut actor = base("r", None);
        actor.actor = "RUS";
        let clusters = run(&[
            (base("a", None), "a"),
            (other_type, "t"),
            (far, "f"),
            (later, "l"),
            (actor, "r"),
        ]);
        assert_eq!(clusters.len(), 5);
        let mut near_day = base("n", None);
        near_day.date = "2025-01-10";
        let clusters = run(&[(base("a", None), "a"), (near_day, "n")]);
        assert_eq!(clusters.len(), 1, "one day apart is within the slack");
    }

    #[test]
    fn coarse_places_agree_with_places_inside_them() {
        let doc = report(&base("a", None));
        let mut key = EventKey::of(&doc, &doc.events[0], &ClusterConfig::default());
        let mut c = new_cluster(
            &doc,
            &doc.events[0],
            &key,
            member_of(&doc, &doc.events[0], &ReportInfo::default()),
        );
        c.precision = Some(Precision::City);
        c.admin1 = Some("Kursk".into());
        // "Russia": a country-level place in the same country.
        key.precision = Some(Precision::Country);
        (key.lat, key.lon) = (Some(60.0), Some(100.0));
        assert!(compatible(&c, &key, &ClusterConfig::default()).is_some());
        key.country = Some("UKR".into());
        assert!(compatible(&c, &key, &ClusterConfig::default()).is_none());
        // "Kursk region" vs a town elsewhere in Russia.
        key.country = Some("RUS".into());
        key.precision = Some(Precision::Admin1);
        key.admin1 = Some("Belgorod".into());
        assert!(compatible(&c, &key, &ClusterConfig::default()).is_none());
        key.admin1 = Some("Kursk".into());
        assert!(compatible(&c, &key, &ClusterConfig::default()).is_some());
    }

    #[test]
    fn copies_and_same_outlet_count_once() {
        let clusters = run(&[
            (base("a", Some("CNN")), "a"),
            (base("dup", Some("Blog")), "a"),  // a near-copy of a
            (base("b", Some("cnn ")), "b"),    // the same outlet
            (base("c", Some("Reuters")), "c"), // independent
            (base("d", None), "d"),            // independent, unknown outlet
        ]);
        assert_eq!(clusters.len(), 1);
        assert_eq!(clusters[0].reports, 5);
        assert_eq!(clusters[0].independent_sources, 3);
    }

    #[test]
    fn stated_origin_joins_the_named_outlet() {
        let mut members = vec![];
        for (doc, source, stated) in [
            ("a", Some("CNN"), vec![]),
            ("b", None, vec!["CNN".to_owned()]),
        ] {
            members.push(ClusterMember {
                doc: doc.into(),
                event: 1,
                source: source.map(Into::into),
                published: None,
                origin_doc: doc.into(),
                stated_origin: stated,
                values: vec![],
            });
        }
        assert_eq!(independent_sources(&members), 1);
        members[1].stated_origin.clear();
        assert_eq!(independent_sources(&members), 2);
    }

    #[test]
    fn documents_are_clustered_once() {
        let mut c = EventClusterer::new(ClusterConfig::default());
        let d = report(&base("a", None));
        let info = ReportInfo::default();
        c.add_document(&d, &info);
        assert_eq!(c.take_dirty().len(), 1);
        c.add_document(&d, &info);
        assert!(c.take_dirty().is_empty());
        assert_eq!(c.clusters()[0].reports, 1);
        assert_eq!(c.clusters()[0].members[0].origin_doc, "a");
    }

    #[test]
    fn distance() {
        let km = haversine_km(50.45, 30.52, 49.99, 36.23); // Kyiv - Kharkiv
        assert!((km - 410.0).abs() < 15.0, "{km}");
    }
}
