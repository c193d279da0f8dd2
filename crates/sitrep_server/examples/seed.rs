//! Puts events into a sitrep database for demos, browser tests and benchmarks, until the event
//! coder stage exists. Every record it writes says `"rule": "seed:..."`.
//!
//! ```sh
//! # hand-written entities, places and events on the bundled Kursk article (and the browser
//! # test's XSS article), anchored on phrases of their text:
//! cargo run -p sitrep_server --example seed -- demo --db sitrep.db
//! # N synthetic events in N/10 synthetic reports (for bench/serve_wrk.sh):
//! cargo run --release -p sitrep_server --example seed -- synthetic --db bench.db --events 10000
//! ```
#![allow(clippy::print_stdout, clippy::print_stderr)]

use sitrep_model::{
    DateSource, DocMeta, Document, Entity, EntityKind, Event, EventDate, Id, Modality, Participant,
    Place, Precision, PublishedTag, Span,
};
use sitrep_store::Store;
use sitrep_store_sqlite::SqliteStore;
use std::path::PathBuf;
use std::process::ExitCode;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("seed: {e}");
            ExitCode::from(1)
        }
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let db = PathBuf::from(value("--db").ok_or("--db FILE is required")?);
    match args.first().map(String::as_str) {
        Some("demo") => demo(&db),
        Some("synthetic") => {
            let n: usize = value("--events")
                .unwrap_or_else(|| "10000".into())
                .parse()?;
            synthetic(&db, n)
        }
        _ => Err("usage: seed demo|synthetic --db FILE [--events N]".into()),
    }
}

fn span_of(text: &str, needle: &str) -> Option<Span> {
    let pos = text.find(needle)?;
    Span::from_usize(pos, pos + needle.len()).ok()
}

/// The sentence around a byte offset: from the previous `.`/newline to the next one.
fn sentence_at(text: &str, pos: usize) -> Option<Span> {
    let start = text[..pos].rfind(['.', '\n']).map_or(0, |i| i + 1);
    let start = start + (text[start..].len() - text[start..].trim_start().len());
    let end = text[pos..]
        .find(['.', '\n'])
        .map_or(text.len(), |i| pos + i + 1);
    Span::from_usize(start, end).ok()
}

struct PlaceDef {
    anchor: &'static str,
    name: &'static str,
    lat: f64,
    lon: f64,
    country: &'static str,
    admin1: Option<&'static str>,
    precision: Precision,
}

struct EntityDef {
    anchor: &'static str,
    canonical: &'static str,
    kind: EntityKind,
    country: Option<&'static str>,
    role: Option<&'static str>,
}

struct EventDef {
    trigger: &'static str,
    kind: &'static str,
    acled: (&'static str, &'static str),
    actor: (&'static str, &'static str, &'static str),
    target: Option<(&'static str, &'static str, &'static str)>,
    place: &'static str,
    modality: Modality,
    fatalities: Option<u64>,
}

const PLACES: &[PlaceDef] = &[
    PlaceDef {
        anchor: "Kursk region",
        name: "Kursk Oblast",
        lat: 51.75,
        lon: 36.25,
        country: "RUS",
        admin1: Some("Kursk Oblast"),
        precision: Precision::Admin1,
    },
    PlaceDef {
        anchor: "Kyiv",
        name: "Kyiv",
        lat: 50.45,
        lon: 30.52,
        country: "UKR",
        admin1: Some("Kyiv City"),
        precision: Precision::City,
    },
    PlaceDef {
        anchor: "Kharkiv",
        name: "Kharkiv",
        lat: 49.99,
        lon: 36.23,
        country: "UKR",
        admin1: Some("Kharkiv Oblast"),
        precision: Precision::City,
    },
];

const ENTITIES: &[EntityDef] = &[
    EntityDef {
        anchor: "Volodymyr Zelensky",
        canonical: "Volodymyr Zelensky",
        kind: EntityKind::Person,
        country: Some("UKR"),
        role: Some("President"),
    },
    EntityDef {
        anchor: "Security Service of Ukraine",
        canonical: "Security Service of Ukraine",
        kind: EntityKind::Org,
        country: Some("UKR"),
        role: None,
    },
    EntityDef {
        anchor: "North Korean",
        canonical: "North Korean",
        kind: EntityKind::Norp,
        country: Some("PRK"),
        role: None,
    },
];

const EVENTS: &[EventDef] = &[
    EventDef {
        trigger: "captured",
        kind: "COERCE",
        acled: ("Battles", "Armed clash"),
        actor: ("Ukrainian forces", "UKR", "MIL"),
        target: Some(("two North Korean soldiers", "PRK", "MIL")),
        place: "Kursk Oblast",
        modality: Modality::Asserted,
        fatalities: None,
    },
    EventDef {
        trigger: "transported",
        kind: "MOBILIZE",
        acled: ("Strategic developments", "Other"),
        actor: ("both soldiers", "PRK", "MIL"),
        target: None,
        place: "Kyiv",
        modality: Modality::Asserted,
        fatalities: None,
    },
    EventDef {
        trigger: "struck",
        kind: "ASSAULT",
        acled: (
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        actor: ("Rockets", "RUS", "MIL"),
        target: None,
        place: "Kharkiv",
        modality: Modality::Hedged,
        fatalities: Some(3),
    },
];

fn participant(text: &str, (t, c, s): (&str, &str, &str)) -> Participant {
    Participant {
        text: t.into(),
        entity: None,
        country: Some(c.into()),
        sector: Some(s.into()),
        span: span_of(text, t),
    }
}

/// Adds the demo records whose anchors occur in the document; true when it changed.
fn annotate(doc: &mut Document) -> bool {
    if doc.events.iter().any(|e| e.rule.starts_with("seed:")) {
        return false;
    }
    let text = doc.text().to_owned();
    let mut changed = false;
    let mut place_ids: Vec<(&str, Id)> = Vec::new();
    for p in PLACES {
        let Some(span) = span_of(&text, p.anchor) else {
            continue;
        };
        let id = doc.alloc_id();
        doc.places.push(Place {
            id,
            span,
            name: p.name.into(),
            geonames_id: None,
            lat: Some(p.lat),
            lon: Some(p.lon),
            country: Some(p.country.into()),
            admin1: p.admin1.map(Into::into),
            precision: Some(p.precision),
            confidence: Some(1.0),
            entity: None,
        });
        place_ids.push((p.name, id));
        changed = true;
    }
    for e in ENTITIES {
        let Some(span) = span_of(&text, e.anchor) else {
            continue;
        };
        let id = doc.alloc_id();
        doc.entities.push(Entity {
            id,
            span,
            kind: e.kind,
            canonical: e.canonical.into(),
            cluster: id,
            role: e.role.map(Into::into),
            country: e.country.map(Into::into),
            organisation: None,
        });
        changed = true;
    }
    let published = doc.meta.published;
    for e in EVENTS {
        let (Some(trigger), Some(actor_span)) =
            (span_of(&text, e.trigger), span_of(&text, e.actor.0))
        else {
            continue;
        };
        let Some(span) = sentence_at(&text, trigger.start_usize()) else {
            continue;
        };
        let Some(place) = place_ids.iter().find(|p| p.0 == e.place).map(|p| p.1) else {
            continue;
        };
        let id = doc.alloc_id();
        let mut actor = participant(&text, e.actor);
        actor.span = Some(actor_span);
        doc.events.push(Event {
            id,
            span,
            event_type: e.kind.into(),
            mode: None,
            acled_event_type: Some(e.acled.0.into()),
            acled_sub_event_type: Some(e.acled.1.into()),
            actor: Some(actor),
            target: e.target.map(|t| participant(&text, t)),
            place: Some(place),
            date: published.map(|d| EventDate {
                value: d.to_string(),
                start: Some(d),
                end: Some(d),
                from: DateSource::Published(PublishedTag::Published),
            }),
            count: None,
            fatalities: e.fatalities,
            modality: e.modality,
            source: None,
            trigger,
            evidence: vec![actor_span],
            confidence: 0.8,
            rule: "seed:demo".into(),
        });
        changed = true;
    }
    doc.sort_layers();
    changed
}

fn demo(db: &std::path::Path) -> Result<()> {
    let store = SqliteStore::open(db)?;
    let mut changed = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.list_documents(offset, 500)?;
        if page.is_empty() {
            break;
        }
        offset += page.len() as u64;
        for d in page {
            if let Some(mut doc) = store.get_document(&d.id)?
                && annotate(&mut doc)
            {
                doc.validate()?;
                changed.push(doc);
            }
        }
    }
    let events: usize = changed.iter().map(|d| d.events.len()).sum();
    store.put_documents(&changed)?;
    println!(
        "seeded {} document(s) with demo records ({events} events)",
        changed.len()
    );
    Ok(())
}

/// A small deterministic generator (xorshift), so runs are repeatable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

fn synthetic(db: &std::path::Path, n: usize) -> Result<()> {
    const TOWNS: &[(&str, f64, f64, &str)] = &[
        ("Kharkiv", 49.99, 36.23, "UKR"),
        ("Kupiansk", 49.71, 37.62, "UKR"),
        ("Pokrovsk", 48.28, 37.18, "UKR"),
        ("Kherson", 46.64, 32.62, "UKR"),
        ("Sumy", 50.91, 34.80, "UKR"),
        ("Kursk", 51.73, 36.19, "RUS"),
        ("Belgorod", 50.60, 36.59, "RUS"),
        ("Sudzha", 51.19, 35.27, "RUS"),
        ("Zaporizhzhia", 47.84, 35.14, "UKR"),
        ("Odesa", 46.48, 30.72, "UKR"),
    ];
    const KINDS: &[(&str, &str, &str)] = &[
        ("ASSAULT", "shelled", "Explosions/Remote violence"),
        ("FIGHT", "attacked", "Battles"),
        ("COERCE", "detained", "Violence against civilians"),
        ("MOBILIZE", "deployed", "Strategic developments"),
        ("PROTEST", "protested", "Protests"),
    ];
    const ACTORS: &[(&str, &str)] = &[
        ("Ukrainian forces", "UKR"),
        ("Russian forces", "RUS"),
        ("North Korean troops", "PRK"),
    ];
    const MODALITIES: &[Modality] = &[
        Modality::Asserted,
        Modality::Asserted,
        Modality::Hedged,
        Modality::Negated,
        Modality::Future,
    ];
    let store = SqliteStore::open(db)?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let start: chrono::NaiveDate = "2024-06-01".parse()?;
    let per_doc = 10;
    let mut batch = Vec::new();
    let mut written = 0;
    for d in 0..n.div_ceil(per_doc) {
        let k = per_doc.min(n - d * per_doc);
        let day = start + chrono::Days::new(rng.next() % 300);
        let mut text = String::new();
        let mut plan = Vec::new();
        for _ in 0..k {
            let town = *rng.pick(TOWNS);
            let kind = *rng.pick(KINDS);
            let actor = *rng.pick(ACTORS);
            let at = text.len();
            text.push_str(&format!(
                "{} {} positions near {} on {}, officials said. ",
                actor.0,
                kind.1,
                town.0,
                day.format("%B %-d")
            ));
            plan.push((at, town, kind, actor, *rng.pick(MODALITIES)));
        }
        let meta = DocMeta {
            title: Some(format!("Synthetic report {d}")),
            published: Some(day),
            language: Some("en".into()),
            media_type: "text/plain".into(),
            source: Some("Synthetic Wire".into()),
            origin: Some("seed:synthetic".into()),
            ..DocMeta::default()
        };
        let mut doc = Document::from_text(meta, text.trim_end().to_owned())?;
        for (at, town, kind, actor, modality) in plan {
            let text = doc.text().to_owned();
            let sentence_end = text[at..].find(". ").map_or(text.len(), |i| at + i + 1);
            let span = Span::from_usize(at, sentence_end)?;
            let tpos = at + actor.0.len() + 1;
            let trigger = Span::from_usize(tpos, tpos + kind.1.len())?;
            let ppos = text[at..].find(town.0).map(|i| at + i).ok_or("town")?;
            let place_id = doc.alloc_id();
            doc.places.push(Place {
                id: place_id,
                span: Span::from_usize(ppos, ppos + town.0.len())?,
                name: town.0.into(),
                geonames_id: None,
                lat: Some(town.1),
                lon: Some(town.2),
                country: Some(town.3.into()),
                admin1: None,
                precision: Some(Precision::City),
                confidence: Some(1.0),
                entity: None,
            });
            let id = doc.alloc_id();
            doc.events.push(Event {
                id,
                span,
                event_type: kind.0.into(),
                mode: None,
                acled_event_type: Some(kind.2.into()),
                acled_sub_event_type: None,
                actor: Some(Participant {
                    text: actor.0.into(),
                    entity: None,
                    country: Some(actor.1.into()),
                    sector: Some("MIL".into()),
                    span: Some(Span::from_usize(at, at + actor.0.len())?),
                }),
                target: None,
                place: Some(place_id),
                date: Some(EventDate {
                    value: day.to_string(),
                    start: Some(day),
                    end: Some(day),
                    from: DateSource::Published(PublishedTag::Published),
                }),
                count: None,
                fatalities: None,
                modality,
                source: None,
                trigger,
                evidence: vec![trigger],
                confidence: (rng.next() % 100) as f32 / 100.0,
                rule: "seed:synthetic".into(),
            });
        }
        doc.sort_layers();
        doc.validate()?;
        written += doc.events.len();
        batch.push(doc);
        if batch.len() >= 200 {
            store.put_documents(&batch)?;
            batch.clear();
        }
    }
    store.put_documents(&batch)?;
    println!("wrote {written} synthetic events into {}", db.display());
    Ok(())
}
