//! Rule-family tests: each sentence runs through the real upstream stages (segment, entities,
//! dates, quantities, quotes, places) and then the coder.

use crate::{EventsConfig, EventsStage, main_acled_event, main_event};
use proptest::prelude::*;
use sitrep_model::{DateSource, DocMeta, Document, Event, FlagKind, LineFlag, Modality, Span};
use sitrep_pipeline::DocStage;
use std::sync::OnceLock;

/// Stands in for the entity tagger while its shipped model does not load.
#[derive(Debug)]
struct NoEntities;

impl DocStage for NoEntities {
    fn name(&self) -> &str {
        "entities"
    }
    fn version(&self) -> &str {
        "0"
    }
    fn requires(&self) -> &[sitrep_model::Layer] {
        &[sitrep_model::Layer::Sentences]
    }
    fn provides(&self) -> &[sitrep_model::Layer] {
        &[sitrep_model::Layer::Entities]
    }
    fn process(&self, _: &mut Document) -> Result<(), sitrep_pipeline::StageError> {
        Ok(())
    }
}

struct Stages {
    upstream: Vec<Box<dyn DocStage>>,
    events: EventsStage,
}

fn stages() -> &'static Stages {
    static S: OnceLock<Stages> = OnceLock::new();
    S.get_or_init(|| {
        use sitrep_annotate::{dates, entities, places, quantities, quotes};
        let upstream: Vec<Box<dyn DocStage>> = vec![
            Box::new(sitrep_segment::SegmentStage::new(
                "segment",
                Default::default(),
            )),
            match entities::EntitiesStage::new("entities", Default::default()) {
                Ok(s) => Box::new(s),
                Err(e) => {
                    sitrep_testutil::skip("entities", &format!("{e}; coding without entities"));
                    Box::new(NoEntities)
                }
            },
            Box::new(dates::DatesStage::new("dates", Default::default())),
            Box::new(quantities::QuantitiesStage::new(
                "quantities",
                Default::default(),
            )),
            Box::new(quotes::QuotesStage::new("quotes", Default::default())),
            Box::new(places::PlacesStage::new("places", Default::default()).unwrap()),
        ];
        Stages {
            upstream,
            events: EventsStage::new("events", EventsConfig::default()).unwrap(),
        }
    })
}

fn code_with(text: &str, flag: Option<&str>) -> Document {
    let meta = DocMeta {
        published: chrono::NaiveDate::from_ymd_opt(2025, 1, 11),
        ..DocMeta::default()
    };
    let mut doc = Document::from_text(meta, text).unwrap();
    if let Some(f) = flag {
        let s = text.find(f).unwrap();
        doc.flags.push(LineFlag {
            span: Span::from_usize(s, s + f.len()).unwrap(),
            kind: FlagKind::Promotional,
            reason: "test".into(),
        });
    }
    let st = stages();
    for s in &st.upstream {
        s.process(&mut doc).unwrap();
        doc.sort_layers();
    }
    st.events.process(&mut doc).unwrap();
    doc.sort_layers();
    doc.validate().unwrap();
    doc
}

fn code(text: &str) -> Document {
    code_with(text, None)
}

fn event<'d>(doc: &'d Document, trigger: &str) -> &'d Event {
    doc.events
        .iter()
        .find(|e| doc.span_text(e.trigger).eq_ignore_ascii_case(trigger))
        .unwrap_or_else(|| {
            let all: Vec<&str> = doc
                .events
                .iter()
                .map(|e| doc.span_text(e.trigger))
                .collect();
            panic!("no event triggered by {trigger:?}; events: {all:?}")
        })
}

fn coded(p: Option<&sitrep_model::Participant>) -> (Option<&str>, Option<&str>) {
    p.map_or((None, None), |p| {
        (p.country.as_deref(), p.sector.as_deref())
    })
}

// ---- triggers -----------------------------------------------------------------------------

#[test]
fn verbs_nouns_and_phrases_trigger() {
    let doc =
        code("Russian troops shelled the town. Israeli jets carried out an air strike on Gaza.");
    assert_eq!(event(&doc, "shelled").event_type, "FIGHT");
    let e = event(&doc, "air strike");
    assert_eq!(e.acled_sub_event_type.as_deref(), Some("Air/drone strike"));
    assert_eq!(
        e.acled_event_type.as_deref(),
        Some("Explosions/Remote violence")
    );
    assert!(
        doc.events
            .iter()
            .all(|e| doc.span_text(e.trigger) != "carried out"),
        "light verbs give way to their noun"
    );
}

#[test]
fn protests_arrests_and_agreements() {
    let doc = code("Thousands of students protested in Dhaka on Monday.");
    let e = event(&doc, "protested");
    assert_eq!(e.event_type, "PROTEST");
    assert_eq!(e.acled_sub_event_type.as_deref(), Some("Peaceful protest"));
    let doc = code("Police fired tear gas to disperse protesters in Nairobi.");
    let e = main_acled_event(&doc).unwrap();
    assert_eq!(e.acled_event_type.as_deref(), Some("Protests"));
    let doc = code("Police arrested 12 opposition activists in Harare.");
    let e = event(&doc, "arrested");
    assert_eq!(e.event_type, "COERCE");
    assert_eq!(e.acled_sub_event_type.as_deref(), Some("Arrests"));
    let doc = code("The two sides signed a ceasefire agreement in Doha.");
    assert_eq!(
        main_acled_event(&doc)
            .unwrap()
            .acled_sub_event_type
            .as_deref(),
        Some("Agreement")
    );
}

#[test]
fn weapons_refine_acled_types() {
    let doc = code("A suicide bomber killed five people at a market in Kabul.");
    assert_eq!(
        main_acled_event(&doc)
            .unwrap()
            .acled_sub_event_type
            .as_deref(),
        Some("Suicide bomb")
    );
    let doc = code("Gunmen killed three villagers in northern Burkina Faso.");
    let e = event(&doc, "killed");
    assert_eq!(e.acled_sub_event_type.as_deref(), Some("Attack"));
    assert_eq!(
        e.acled_event_type.as_deref(),
        Some("Violence against civilians")
    );
    assert_eq!(e.fatalities, Some(3));
    let doc = code("Rebels seized the town of Goma after heavy fighting.");
    assert_eq!(
        event(&doc, "seized").acled_sub_event_type.as_deref(),
        Some("Non-state actor overtakes territory")
    );
}

#[test]
fn disrupted_weapons_bases_and_violent_protests() {
    let sub = |text: &str| {
        let doc = code(text);
        main_acled_event(&doc).and_then(|e| e.acled_sub_event_type.clone())
    };
    assert_eq!(
        sub("Army engineers defused a roadside bomb near the market on Monday.").as_deref(),
        Some("Disrupted weapons use")
    );
    assert_eq!(
        sub("Soldiers found a cache of rifles and ammunition in a house outside the town.")
            .as_deref(),
        Some("Disrupted weapons use")
    );
    assert_eq!(
        sub("The militia set up a new base in the hills north of the town.").as_deref(),
        Some("Headquarters or base established")
    );
    assert_eq!(
        sub("Protesters threw stones and burned tyres in the capital.").as_deref(),
        Some("Violent demonstration")
    );
    // Finding and opening without a weapon or base are not events.
    let doc = code("Researchers found that the new office will open next week.");
    assert!(doc.events.is_empty(), "{:?}", doc.events);
}

#[test]
fn plover_types_follow_the_codebook() {
    let doc = code("The government released 40 prisoners on Tuesday.");
    assert_eq!(event(&doc, "released").event_type, "RETREAT");
    let doc = code("Rebels attacked an army checkpoint near the border.");
    assert_eq!(event(&doc, "attacked").event_type, "FIGHT");
    let doc = code("Gunmen attacked civilians at a market.");
    assert_eq!(event(&doc, "attacked").event_type, "ASSAULT");
    let doc = code("The minister said the rebels must withdraw from the city.");
    assert_eq!(main_event(&doc).unwrap().event_type, "DEMAND");
}

#[test]
fn acled_protest_refinement() {
    let sub = |text: &str| {
        let doc = code(text);
        main_acled_event(&doc).and_then(|e| e.acled_sub_event_type.clone())
    };
    // "riot police" is the police, not a riot.
    assert_eq!(
        sub("Riot police chased demonstrators through the city centre on Friday.").as_deref(),
        Some("Protest with intervention")
    );
    // Protesters killed: excessive force, even with no police named.
    assert_eq!(
        sub("Three protesters died from gunfire during a march in the capital.").as_deref(),
        Some("Excessive force against protesters")
    );
    // A protest over a killing is still peaceful.
    assert_eq!(
        sub("Hundreds of people protested peacefully over the killing of a student.").as_deref(),
        Some("Peaceful protest")
    );
    // Two crowds fighting each other: mob violence.
    assert_eq!(
        sub("Rival protesters hurled rocks at each other near the town hall.").as_deref(),
        Some("Mob violence")
    );
    // An adjective before "protest against" keeps the noun reading.
    assert_eq!(
        sub("Thousands of people gathered in a peaceful protest against corruption.").as_deref(),
        Some("Peaceful protest")
    );
}

#[test]
fn acled_weapons_territory_and_other() {
    let sub = |text: &str| {
        let doc = code(text);
        main_acled_event(&doc).and_then(|e| e.acled_sub_event_type.clone())
    };
    // Sexual violence only when named as violence.
    assert_eq!(
        sub("Militants killed two men accused of sexual conduct in the town square.").as_deref(),
        Some("Attack")
    );
    // Chemical weapons named as a target, not as the weapon.
    assert_eq!(
        sub("Warplanes struck chemical weapons facilities near the city on Sunday.").as_deref(),
        Some("Air/drone strike")
    );
    assert_eq!(
        sub("The army fired 20 missiles at rebel positions in the valley.").as_deref(),
        Some("Shelling/artillery/missile attack")
    );
    assert_eq!(
        sub("Government troops pushed the insurgents out of three villages.").as_deref(),
        Some("Government regains territory")
    );
    assert_eq!(
        sub("Investigators said the mass graves held the bodies of executed prisoners.").as_deref(),
        Some("Other")
    );
    assert_eq!(
        sub("Border guards intercepted 12 suspected members of a smuggling ring.").as_deref(),
        Some("Arrests")
    );
    // Checkpoints taken in a fight: an armed clash, not territory.
    assert_eq!(
        sub("Insurgents attacked and overran two army checkpoints at dawn.").as_deref(),
        Some("Armed clash")
    );
    // A decree signed is not an agreement.
    let doc = code("The president signed a decree on the new border guard service.");
    assert!(
        main_acled_event(&doc).is_none(),
        "{:?}",
        main_acled_event(&doc)
    );
    // A place falls to fighters; figures and balls falling to something do not change hands.
    assert_eq!(
        sub("The northern town fell to the rebels after a week of fighting.").as_deref(),
        Some("Non-state actor overtakes territory")
    );
    for text in [
        "Inflation fell to 4.3% in 2004, the central bank said.",
        "The ball fell to Hartson, who scored from close range.",
        "Heineken's net income fell to 1.2bn euros.",
    ] {
        let doc = code(text);
        assert!(
            main_acled_event(&doc).is_none(),
            "{text}: {:?}",
            main_acled_event(&doc)
        );
    }
    // Sport, business and entertainment senses of violent verbs code nothing violent.
    for text in [
        "Arsenal beat Chelsea 2-0 on Saturday to go top of the league.",
        "The single was a hit in Britain and reached number one.",
        "Sony launched a new games console in Tokyo on Monday.",
        "Roddick stormed into the final after a long battle with Hewitt.",
        "Shell took over the Dutch refiner last year.",
    ] {
        let doc = code(text);
        let violent = main_acled_event(&doc).and_then(|e| e.acled_event_type.clone());
        assert!(
            !matches!(
                violent.as_deref(),
                Some("Battles" | "Violence against civilians" | "Explosions/Remote violence")
            ),
            "{text}: {violent:?}"
        );
    }
    // The same verbs with soldiers, weapons or casualties in the sentence are violence.
    assert_eq!(
        sub("Rebels launched an attack on an army post, killing three soldiers.").as_deref(),
        Some("Armed clash")
    );
    assert_eq!(
        sub("A rocket hit a market in the town, wounding five civilians.").as_deref(),
        Some("Shelling/artillery/missile attack")
    );
    // A suicide bomber named in the sentence before the blast.
    assert_eq!(
        sub("A suicide bomber struck a checkpoint on Monday. The explosion killed four guards.")
            .as_deref(),
        Some("Suicide bomb")
    );
}

#[test]
fn acled_surrender_withdrawal_looting_and_protest_topics() {
    let sub = |text: &str| {
        let doc = code(text);
        main_acled_event(&doc).and_then(|e| e.acled_sub_event_type.clone())
    };
    // Surrenders and prisoner releases are agreements (ACLED's examples).
    assert_eq!(
        sub("Dozens of rebel fighters surrendered to the army on Monday.").as_deref(),
        Some("Agreement")
    );
    assert_eq!(
        sub("The rebels released 12 prisoners on Sunday.").as_deref(),
        Some("Agreement")
    );
    // Leaving a place is a transfer of territory; leaving talks is not.
    assert_eq!(
        sub("Government troops withdrew from the town of Kidal on Sunday.").as_deref(),
        Some("Non-violent transfer of territory")
    );
    assert_ne!(
        sub("The militia withdrew from the peace talks on Sunday.").as_deref(),
        Some("Non-violent transfer of territory")
    );
    // Property stolen or damaged in a violent context; not a show stolen.
    assert_eq!(
        sub("Gunmen stole cattle and damaged houses in the village.").as_deref(),
        Some("Looting/property destruction")
    );
    assert_eq!(sub("The singer stole the show at the awards."), None);
    // A protest over a killing is no force against protesters.
    assert_eq!(
        sub("Hundreds protested peacefully outside the police station over the killing of a teenager.")
            .as_deref(),
        Some("Peaceful protest")
    );
    // Protesters attacking the police make a violent demonstration.
    assert_eq!(
        sub("Protesters attacked police officers during the demonstration in the capital.")
            .as_deref(),
        Some("Violent demonstration")
    );
    // A gold mine attacked is no landmine.
    assert_eq!(
        sub("Gunmen attacked a gold mine and killed four civilians.").as_deref(),
        Some("Attack")
    );
    // Police hurt or statues pulled down: the protesters were violent.
    assert_eq!(
        sub("Twelve police officers were injured during the protest in the capital.").as_deref(),
        Some("Violent demonstration")
    );
    assert_eq!(
        sub("Protesters pulled down a statue of the former president during a rally.").as_deref(),
        Some("Violent demonstration")
    );
    // Fighters captured in a fight, an assault on a base with rockets and rifles: battles.
    assert_eq!(
        sub("Troops captured five militants during fierce clashes in the north.").as_deref(),
        Some("Armed clash")
    );
    assert_eq!(
        sub("Militants stormed an army base with rockets and rifles on Monday.").as_deref(),
        Some("Armed clash")
    );
    // Drones repelled are weapons stopped.
    assert_eq!(
        sub("Air defences repelled drones over the airbase on Friday.").as_deref(),
        Some("Disrupted weapons use")
    );
}

#[test]
fn plover_cameo_categories() {
    let main = |text: &str| {
        let doc = code(text);
        main_event(&doc).map(|e| e.event_type.clone())
    };
    // Triggers right after a name are found (entity ranges end at the name).
    assert_eq!(
        main("Mr Kovacs resigned on Sunday after weeks of protests.").as_deref(),
        Some("RETREAT")
    );
    assert_eq!(
        main("Helicopter gunships killed 12 villagers near the border.").as_deref(),
        Some("FIGHT")
    );
    assert_eq!(
        main("Norway is willing to withdraw its troops from the region.").as_deref(),
        Some("AGREE")
    );
    assert_eq!(
        main("The foreign minister cancelled a planned visit to the capital.").as_deref(),
        Some("SANCTION")
    );
    assert_eq!(
        main("The court cancelled restrictions on foreign newspapers.").as_deref(),
        Some("CONCEDE")
    );
    assert_eq!(
        main("Foreign hackers hacked into the computers of two ministries.").as_deref(),
        Some("COERCE")
    );
    assert_eq!(
        main("Japan sent food and medicine to the flooded region.").as_deref(),
        Some("AID")
    );
    assert_eq!(
        main("The government will not accept any more refugees.").as_deref(),
        Some("REJECT")
    );
}

// ---- actor coding -------------------------------------------------------------------------

#[test]
fn actors_coded_from_demonyms_and_head_nouns() {
    let doc = code("Ukrainian forces have captured two North Korean soldiers.");
    let e = event(&doc, "captured");
    assert_eq!(coded(e.actor.as_ref()), (Some("UKR"), Some("MIL")));
    assert_eq!(coded(e.target.as_ref()), (Some("PRK"), Some("MIL")));
    let q = doc
        .quantities
        .iter()
        .find(|q| Some(q.id) == e.count)
        .unwrap();
    assert_eq!(q.value, 2.0);
    let doc = code("Kenyan police shot two protesters.");
    assert_eq!(
        coded(event(&doc, "shot").actor.as_ref()),
        (Some("KEN"), Some("COP"))
    );
    let doc = code("Hezbollah fired rockets at an Israeli military post.");
    let e = &doc.events[0];
    assert_eq!(coded(e.actor.as_ref()), (Some("LBN"), Some("REB")));
    assert_eq!(coded(e.target.as_ref()), (Some("ISR"), Some("MIL")));
    let doc = code("The SBU detained a Russian agent in Kharkiv.");
    assert_eq!(
        coded(event(&doc, "detained").actor.as_ref()),
        (Some("UKR"), Some("SPY"))
    );
}

#[test]
fn user_dictionary_extends_shipped_one() {
    let dir = std::env::temp_dir().join(format!("sitrep_events_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("actors.toml");
    std::fs::write(
        &path,
        "[[actor]]\nnames = [\"Kraken\"]\ncountry = \"UKR\"\nsector = \"MIL\"\n",
    )
    .unwrap();
    let config = EventsConfig {
        actors_file: Some(path.clone()),
        ..EventsConfig::default()
    };
    let coder = config.build().unwrap();
    let c = coder.actors().code_name("Kraken").unwrap();
    assert_eq!(c.country.as_deref(), Some("UKR"));
    let missing = EventsConfig {
        actors_file: Some(dir.join("missing.toml")),
        ..EventsConfig::default()
    };
    assert!(EventsStage::new("events", missing).is_err());
    let _ = std::fs::remove_dir_all(dir);
}

// ---- passive and active -------------------------------------------------------------------

#[test]
fn passive_voice_swaps_roles() {
    let doc = code("Two Syrian soldiers were killed by Turkish drones near Afrin.");
    let e = event(&doc, "killed");
    assert!(e.rule.contains("passive"), "{}", e.rule);
    assert_eq!(coded(e.actor.as_ref()).0, Some("TUR"));
    assert_eq!(coded(e.target.as_ref()), (Some("SYR"), Some("MIL")));
    let doc = code("Turkish drones killed two Syrian soldiers near Afrin.");
    let e = event(&doc, "killed");
    assert!(e.rule.contains("active"));
    assert_eq!(coded(e.actor.as_ref()).0, Some("TUR"));
    assert_eq!(coded(e.target.as_ref()).0, Some("SYR"));
}

#[test]
fn passive_subject_stays_in_its_clause() {
    let doc = code(
        "One soldier was taken by Ukrainian special forces, while the other was captured by \
         paratroopers.",
    );
    let e = event(&doc, "captured");
    assert!(e.rule.contains("passive"), "{}", e.rule);
    // The agent of "taken" in the other clause is not the one captured.
    assert!(e.target.is_none(), "{:?}", e.target);
    let doc =
        code("Ukrainian forces said two North Korean soldiers were captured by paratroopers.");
    let e = event(&doc, "captured");
    assert_eq!(coded(e.target.as_ref()), (Some("PRK"), Some("MIL")));
}

#[test]
fn the_speaker_is_not_the_actor_of_violence() {
    let doc = code("Ukrainian officials said shelling killed two civilians in Kherson.");
    let e = event(&doc, "shelling");
    assert!(e.actor.is_none(), "{:?}", e.actor);
    // The participant named after the verb of saying still is.
    let doc = code("Ukrainian officials said Russian forces shelled Kherson overnight.");
    let e = event(&doc, "shelled");
    assert_eq!(coded(e.actor.as_ref()), (Some("RUS"), Some("MIL")));
}

fn triggers(doc: &Document) -> Vec<&str> {
    doc.events
        .iter()
        .map(|e| doc.span_text(e.trigger))
        .collect()
}

#[test]
fn one_incident_told_twice_is_one_event() {
    // A violent noun as the subject of a violent verb.
    let doc = code("Shelling hit Kharkiv on Tuesday.");
    assert_eq!(triggers(&doc), ["Shelling"]);
    let doc = code("A Russian airstrike reportedly killed five civilians in Kherson.");
    assert_eq!(triggers(&doc), ["airstrike"]);
    // Coordinated verbs of harm, also in the passive.
    let doc = code("Over 1,000 North Korean soldiers were either killed or injured in Kursk.");
    assert_eq!(triggers(&doc), ["killed"]);
    let e = event(&doc, "killed");
    assert!(e.rule.contains("passive"), "{}", e.rule);
    assert_eq!(coded(e.target.as_ref()).0, Some("PRK"));
    // Two different acts stay two events.
    let doc = code("Russian troops attacked and captured the village of Robotyne.");
    assert_eq!(triggers(&doc).len(), 2, "{:?}", triggers(&doc));
}

#[test]
fn everyday_senses_of_release_and_return() {
    for text in [
        "Footage and photographs released show what Ukraine claims is an ID card.",
        "The ministry released a report on Monday.",
        "Donald Trump's return to the White House worries Kyiv.",
        "The delegation returned to Kyiv on Friday.",
        "Russian forces typically execute their wounded.",
    ] {
        let doc = code(text);
        let t = triggers(&doc);
        assert!(
            !t.iter()
                .any(|w| w.starts_with("releas") || w.starts_with("return") || *w == "wounded"),
            "{text}: {t:?}"
        );
    }
    // A noun naming an incident already told, to relate it to another.
    for text in [
        "The capture comes as Ukraine intensifies its operations in Kursk.",
        "This historic capture comes as Ukraine intensifies its operations in Kursk.",
    ] {
        let doc = code(text);
        assert!(!triggers(&doc).contains(&"capture"), "{:?}", triggers(&doc));
    }
    let doc = code("Russian forces captured the village. The capture of Avdiivka followed.");
    assert!(triggers(&doc).contains(&"capture"), "{:?}", triggers(&doc));
    // A verb's base form used as a noun, and a participle used as an adjective.
    let doc = code("Two soldiers were seen in a facility; one has a jaw wound.");
    assert!(!triggers(&doc).contains(&"wound"), "{:?}", triggers(&doc));
    let doc = code("A Russian military ID card was found with one of the captured North Koreans.");
    assert!(event(&doc, "captured").actor.is_none());
    // A bare participle after "although" or "if" is a state or a condition.
    let doc = code("Although wounded, both soldiers survived and were taken to Kyiv.");
    assert!(!triggers(&doc).contains(&"wounded"), "{:?}", triggers(&doc));
    let doc = code("If captured, the pilots face trial. Two pilots were captured near Kherson.");
    assert_eq!(triggers(&doc), ["captured"]);
    assert!(doc.events[0].trigger.start > 40);
    let doc = code("Russia released 25 Ukrainian prisoners of war on Friday.");
    assert_eq!(event(&doc, "released").event_type, "RETREAT");
    let doc = code("Hamas released Edan Alexander on Monday.");
    event(&doc, "released");
}

// ---- modality -----------------------------------------------------------------------------

#[test]
fn negation_future_hedge_and_history() {
    let doc = code("Russian forces did not attack Kharkiv.");
    assert_eq!(event(&doc, "attack").modality, Modality::Negated);
    let doc = code("Iran threatened to strike Israeli bases.");
    assert_eq!(event(&doc, "threatened").event_type, "THREATEN");
    assert_eq!(event(&doc, "strike").modality, Modality::Future);
    assert_eq!(main_event(&doc).unwrap().event_type, "THREATEN");
    let doc = code("Ukrainian forces reportedly launched a strike on a Russian base.");
    assert_eq!(event(&doc, "strike").modality, Modality::Hedged);
    let doc = code("It was the largest invasion of a European country since World War II.");
    assert_eq!(event(&doc, "invasion").modality, Modality::Historical);
    let doc = code("Israeli troops will withdraw from the town.");
    assert_eq!(event(&doc, "withdraw").modality, Modality::Future);
}

#[test]
fn quoted_events_have_their_source() {
    let doc =
        code("Blinken said that over 1,000 North Korean soldiers were killed or injured in Kursk.");
    let e = event(&doc, "killed");
    if !doc.quotes.is_empty() {
        assert!(e.source.is_some());
    }
    assert_eq!(coded(e.target.as_ref()).0, Some("PRK"));
}

// ---- date and place -----------------------------------------------------------------------

#[test]
fn date_choice() {
    let doc = code("On Tuesday, Ukrainian forces launched a strike near Belaya.");
    let e = event(&doc, "strike");
    assert_eq!(e.date.as_ref().unwrap().value, "2025-01-07");
    let doc = code("Rebels attacked a police station in Goma.");
    let d = event(&doc, "attacked").date.clone().unwrap();
    assert_eq!(
        d.from,
        DateSource::Published(sitrep_model::PublishedTag::Published)
    );
    assert_eq!(d.value, "2025-01-11");
    let doc = code("Fighting broke out on January 3. Rebels attacked a police station in Goma.");
    let d = event(&doc, "attacked").date.clone().unwrap();
    assert_eq!(
        d.value, "2025-01-03",
        "governing date earlier in the paragraph"
    );
    assert!(matches!(d.from, DateSource::Mention(_)));
}

#[test]
fn place_choice() {
    let doc =
        code("Ukrainian forces struck a Russian command post near Belaya, officials in Kyiv said.");
    let e = event(&doc, "struck");
    let p = doc.places.iter().find(|p| Some(p.id) == e.place).unwrap();
    assert_eq!(doc.span_text(p.span), "Belaya");
    assert!(
        e.evidence
            .iter()
            .any(|s| doc.span_text(*s) == "near Belaya")
    );
    let doc = code("Israel shelled targets in Rafah.");
    let e = event(&doc, "shelled");
    let p = doc.places.iter().find(|p| Some(p.id) == e.place).unwrap();
    assert_eq!(
        doc.span_text(p.span),
        "Rafah",
        "the actor's name is not the place"
    );
}

#[test]
fn flagged_lines_never_produce_events() {
    let text = "Troops attacked the village.\nWatch our channel: troops attacked the studio!";
    let doc = code_with(text, Some("Watch our channel: troops attacked the studio!"));
    assert_eq!(doc.events.len(), 1);
    assert!(doc.events[0].trigger.start < 28);
}

#[test]
fn evidence_spans_resolve() {
    let doc = code("Ukrainian forces have captured two North Korean soldiers in the Kursk region.");
    for e in &doc.events {
        assert!(e.evidence.contains(&e.trigger));
        for s in &e.evidence {
            assert!(e.span.contains(*s));
            assert!(!doc.span_text(*s).is_empty());
        }
        assert!((0.0..=1.0).contains(&e.confidence));
        assert!(e.rule.starts_with("lex:"));
    }
    let json = doc.to_json().unwrap();
    assert_eq!(json["events"][0]["actor"]["country"], "UKR");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn never_panics(text in "[A-Za-z0-9 ,.;:'\"“”’—()\\-\n]{0,200}") {
        let doc = code(&text);
        for e in &doc.events {
            prop_assert!(e.trigger.end_usize() <= text.len());
        }
    }

    #[test]
    fn never_panics_on_conflict_words(words in prop::collection::vec(prop::sample::select(vec![
        "Russian", "forces", "attacked", "were", "killed", "by", "near", "Kyiv", "two", "not",
        "threatened", "to", "strike", "on", "Tuesday", "the", "reportedly", ",", ".", "since",
        "protesters", "police", "our", "soldiers", "captured", "of", "in", "SBU", "'s",
    ]), 0..40)) {
        let text = words.join(" ");
        let doc = code(&text);
        prop_assert!(doc.validate().is_ok());
    }
}

/// Prints the events of `$SITREP_EVENTS_TEXT` (development aid).
#[test]
#[ignore = "development aid"]
fn show_events() {
    let text = std::env::var("SITREP_EVENTS_TEXT").unwrap_or_default();
    let doc = code(&text);
    eprintln!(
        "sentences {} tokens {} entities {} places {} quotes {} quantities {} failures {:?}",
        doc.sentences.len(),
        doc.tokens.len(),
        doc.entities.len(),
        doc.places.len(),
        doc.quotes.len(),
        doc.quantities.len(),
        doc.failures
    );
    for e in &doc.events {
        eprintln!(
            "{} place={:?} {:?} trig={:?} actor={:?} target={:?} {:?} rule={}",
            e.event_type,
            e.place
                .and_then(|id| doc.places.iter().find(|p| p.id == id))
                .map(|p| (doc.span_text(p.span), p.lat, p.lon)),
            e.acled_sub_event_type,
            doc.span_text(e.trigger),
            e.actor.as_ref().map(|p| (&p.text, &p.country, &p.sector)),
            e.target.as_ref().map(|p| (&p.text, &p.country, &p.sector)),
            e.modality,
            e.rule
        );
    }
}

#[test]
fn past_chemical_attack_scene_law_enforcement_and_impounded_weapons() {
    let sub = |text: &str| {
        let doc = code(text);
        main_acled_event(&doc).and_then(|e| e.acled_sub_event_type.clone())
    };
    // A town described as the scene of an earlier chemical attack: the capture is the event.
    assert_eq!(
        sub(
            "Government troops recaptured the town, the scene of a deadly chemical attack in 2017."
        )
        .as_deref(),
        Some("Government regains territory")
    );
    // The chemical attack itself still is one.
    assert_eq!(
        sub("Government forces used chemical weapons against the town on Tuesday.").as_deref(),
        Some("Chemical weapon")
    );
    // Law enforcement officers are police.
    let doc = code("Law enforcement officers arrested two men in the city on Monday.");
    assert_eq!(coded(event(&doc, "arrested").actor.as_ref()).1, Some("COP"));
    // Weapons impounded are taken out of use.
    assert_eq!(
        sub("Police impounded 40 rifles and a cache of ammunition at the border.").as_deref(),
        Some("Disrupted weapons use")
    );
}

#[test]
fn armed_group_spellings_and_places_held_briefly() {
    let doc = code("Al-Shabab militants attacked an army base near the town on Sunday.");
    assert_eq!(
        coded(event(&doc, "attacked").actor.as_ref()),
        (Some("SOM"), Some("REB"))
    );
    let doc = code("Fighters of the Syrian Democratic Forces attacked the village on Sunday.");
    assert_eq!(coded(event(&doc, "attacked").actor.as_ref()).1, Some("REB"));
    let sub = |text: &str| {
        let doc = code(text);
        main_acled_event(&doc).and_then(|e| e.acled_sub_event_type.clone())
    };
    // Held briefly: the fight, not a change of hands.
    let doc = code("The militants briefly seized the town of Elka on Sunday.");
    assert_eq!(
        event(&doc, "seized").acled_sub_event_type.as_deref(),
        Some("Armed clash")
    );
    assert_ne!(
        sub("The militants seized the town of Elka on Sunday.").as_deref(),
        Some("Armed clash")
    );
}

#[test]
fn captures_by_armed_groups_and_unopposed_takeovers() {
    let sub = |text: &str| {
        let doc = code(text);
        main_acled_event(&doc).and_then(|e| e.acled_sub_event_type.clone())
    };
    // An armed group does not arrest: soldiers captured are fought, villagers abducted.
    assert_eq!(
        sub("Taliban militants captured 12 Afghan soldiers near the border.").as_deref(),
        Some("Armed clash")
    );
    assert_eq!(
        sub("Boko Haram militants seized 20 villagers in Borno state.").as_deref(),
        Some("Abduction/forced disappearance")
    );
    // The police still arrest.
    assert_eq!(
        sub("Police captured two suspects in the city on Monday.").as_deref(),
        Some("Arrests")
    );
    // Taken without any resistance: a non-violent transfer.
    assert_eq!(
        sub("Rebels took control of the town without any resistance on Sunday.").as_deref(),
        Some("Non-violent transfer of territory")
    );
}
