//! Unit tests of the entity annotator: features, post-processing (NORP, organisation merges,
//! roles, clusters) on hand-made mentions, and the shipped model on short texts.

use super::features::{Case, DocInfo, TokInfo, stage1_features, static_features};
use super::lexicon::Lexicon;
use super::post::{self, Mention};
use super::*;
use sitrep_model::EntityKind;

fn lex() -> Lexicon {
    Lexicon::from_tsv("COUNTRY\tUkraine\tUKR\nCOUNTRY\tRussia\tRUS\nCITY\tKyiv\tUKR\n")
}

/// Whitespace tokens with their byte spans.
fn spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push(Span::from_usize(s, i).unwrap());
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Span::from_usize(s, text.len()).unwrap());
    }
    out
}

#[test]
fn token_features_fold_typography_and_case() {
    let a = TokInfo::new("Zelensky’s");
    let b = TokInfo::new("Zelensky's");
    assert_eq!(a.w, b.w);
    assert_eq!(a.case, Case::Title);
    assert_eq!(TokInfo::new("NATO").case, Case::Upper);
    assert_eq!(TokInfo::new("1996").case, Case::None);
    // Digits fold to one shape and one word.
    assert_eq!(TokInfo::new("1996").w, TokInfo::new("2025").w);
    assert_eq!(TokInfo::new("Kyiv").shape, TokInfo::new("Paris").shape);
    assert_ne!(TokInfo::new("Kyiv").shape, TokInfo::new("KYIV").shape);
}

#[test]
fn features_are_deterministic_and_use_the_gazetteer() {
    let sents = vec![vec!["Troops", "left", "Kyiv", "."]];
    let info = DocInfo::new(&sents, &lex());
    assert_ne!(info.sents[0].toks[2].gaz, 0, "Kyiv is in the gazetteer");
    let mut a = Vec::new();
    let mut b = Vec::new();
    static_features(&info, 0, 2, &mut a);
    static_features(&info, 0, 2, &mut b);
    assert_eq!(a, b);
    assert!(a.len() > 20, "{}", a.len());
    assert!(!a.contains(&0));
    let plain = DocInfo::new(&sents, &Lexicon::default());
    let mut c = Vec::new();
    static_features(&plain, 0, 2, &mut c);
    assert!(c.len() < a.len());
}

#[test]
fn second_stage_sees_other_mentions_not_its_own_label() {
    let sents = vec![vec!["Leeds", "won", "."], vec!["Leeds", "lost", "."]];
    let mut info = DocInfo::new(&sents, &lex());
    let mut f = Vec::new();
    stage1_features(&info, 1, 0, &mut f);
    assert!(f.is_empty(), "no first stage, no features");
    // U-ORG is label 8 (ORG is type 2: 1 + 4 + 3); the first mention is ORG, the second O.
    info.set_stage1(vec![vec![8, 0, 0], vec![0, 0, 0]]);
    stage1_features(&info, 1, 0, &mut f);
    // Its own label, four neighbours, and the other mention's type (seen, majority, majority
    // with its own).
    assert_eq!(f.len(), 1 + 4 + 3, "{f:?}");
    let mut g = Vec::new();
    let mut alone = DocInfo::new(&sents[..1], &lex());
    alone.set_stage1(vec![vec![8, 0, 0]]);
    stage1_features(&alone, 0, 0, &mut g);
    assert_eq!(
        g.len(),
        1 + 4,
        "a single mention has no other mentions: {g:?}"
    );
    // The static features of the second stage include these.
    let mut all = Vec::new();
    static_features(&info, 1, 0, &mut all);
    assert!(f.iter().all(|k| all.contains(k)));
}

#[test]
fn norp_replaces_misc_and_fills_gaps() {
    let runs = vec![vec![
        "North", "Korean", "troops", "met", "Russian", "officers",
    ]];
    let mut m = vec![Mention::new(0, 0, 2, EntityKind::Misc)];
    post::norp(&runs, &lex(), &mut m);
    let got: Vec<(usize, usize, EntityKind, Option<&str>)> = m
        .iter()
        .map(|m| (m.start, m.end, m.kind, m.country.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (0, 2, EntityKind::Norp, Some("PRK")),
            (4, 5, EntityKind::Norp, Some("RUS"))
        ]
    );
}

#[test]
fn organisations_absorb_nationality_and_of_country() {
    let lex = lex();
    let runs = vec![vec![
        "the",
        "Ukrainian",
        "Security",
        "Service",
        "and",
        "the",
        "Security",
        "Service",
        "of",
        "Ukraine",
    ]];
    let mut m = vec![
        Mention::new(0, 2, 4, EntityKind::Org),
        Mention::new(0, 6, 8, EntityKind::Org),
        Mention::new(0, 9, 10, EntityKind::Place),
    ];
    post::norp(&runs, &lex, &mut m);
    post::merge_orgs(&runs, &lex, &mut m);
    assert_eq!(m.len(), 2, "{m:?}");
    assert_eq!((m[0].start, m[0].end), (1, 4));
    assert_eq!((m[1].start, m[1].end), (6, 10));
    assert!(m.iter().all(|m| m.country.as_deref() == Some("UKR")));
    post::cluster(&runs, &lex, &mut m, &|m| runs[0][m.start..m.end].join(" "));
    assert_eq!(m[0].cluster, m[1].cluster);
    assert_eq!(m[1].canonical, "Security Service of Ukraine");
}

#[test]
fn roles_take_title_and_country() {
    let lex = lex();
    let runs = vec![vec![
        "US",
        "Secretary",
        "of",
        "State",
        "Antony",
        "Blinken",
        "met",
        "Mr.",
        "Smith",
    ]];
    let mut m = vec![
        Mention::new(0, 0, 1, EntityKind::Place),
        Mention::new(0, 4, 6, EntityKind::Person),
        Mention::new(0, 8, 9, EntityKind::Person),
    ];
    post::roles(&runs, &lex, &mut m);
    assert_eq!(m[1].role.as_deref(), Some("Secretary of State"));
    assert_eq!(m[1].country.as_deref(), Some("USA"));
    assert_eq!(m[2].role, None, "courtesy titles are not roles");
}

#[test]
fn roles_after_the_name_and_organisations() {
    let lex = lex();
    let runs = vec![
        vec![
            "Antony",
            "Blinken",
            ",",
            "the",
            "US",
            "Secretary",
            "of",
            "State",
            ",",
            "said",
        ],
        vec![
            "Artem",
            "Dekhtyarenko",
            ",",
            "a",
            "spokesperson",
            "for",
            "the",
            "SBU",
            ",",
            "said",
        ],
        vec!["SBU", "spokesman", "Artem", "Dekhtyarenko", "said"],
        vec![
            "John",
            "Smith",
            ",",
            "the",
            "president",
            "'s",
            "son",
            ",",
            "left",
        ],
        vec![
            "Ukraine", "'s", "Foreign", "Minister", "Dmytro", "Kuleba", "spoke",
        ],
    ];
    let mut m = vec![
        Mention::new(0, 0, 2, EntityKind::Person),
        Mention::new(0, 4, 5, EntityKind::Place),
        Mention::new(1, 0, 2, EntityKind::Person),
        Mention::new(1, 7, 8, EntityKind::Org),
        Mention::new(2, 0, 1, EntityKind::Org),
        Mention::new(2, 2, 4, EntityKind::Person),
        Mention::new(3, 0, 2, EntityKind::Person),
        Mention::new(4, 0, 1, EntityKind::Place),
        Mention::new(4, 4, 6, EntityKind::Person),
    ];
    m[3].country = Some("UKR".into());
    post::place_countries(&runs, &lex, &mut m);
    post::roles(&runs, &lex, &mut m);
    assert_eq!(m[0].role.as_deref(), Some("Secretary of State"));
    assert_eq!(m[0].country.as_deref(), Some("USA"));
    assert_eq!(m[0].org, None);
    assert_eq!(m[2].role.as_deref(), Some("spokesperson"));
    assert_eq!(m[2].org, Some((1, 7, 8)));
    assert_eq!(m[5].role.as_deref(), Some("spokesman"));
    assert_eq!(m[5].org, Some((2, 0, 1)));
    assert_eq!(
        m[6].role, None,
        "a possessive title is not the person's role"
    );
    assert_eq!(m[8].role.as_deref(), Some("Foreign Minister"));
    assert_eq!(m[8].country.as_deref(), Some("UKR"));
}

#[test]
fn annotate_links_a_role_to_its_organisation() {
    let annotator = EntitiesConfig::default().build().unwrap();
    let text = "The Security Service of Ukraine ( SBU ) said on Monday . \
                Artem Dekhtyarenko , a spokesperson for the SBU , said two soldiers were held .";
    let found = annotator.annotate(text, &[spans(text)]);
    let person = found
        .iter()
        .find(|e| e.span.text(text) == Some("Artem Dekhtyarenko"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(person.role.as_deref(), Some("spokesperson"));
    let org = person.organisation.map(|o| &found[o]);
    assert_eq!(
        org.and_then(|o| o.span.text(text)),
        Some("SBU"),
        "{found:?}"
    );
    assert_eq!(person.country.as_deref(), Some("UKR"));
}

#[test]
fn clusters_surnames_and_acronyms() {
    let lex = lex();
    let runs = vec![
        vec![
            "Volodymyr",
            "Zelensky",
            "and",
            "the",
            "Foo",
            "Bar",
            "(",
            "FB",
            ")",
        ],
        vec!["Zelensky", "said", "FB", "agreed"],
    ];
    let mut m = vec![
        Mention::new(0, 0, 2, EntityKind::Person),
        Mention::new(0, 4, 6, EntityKind::Org),
        Mention::new(1, 0, 1, EntityKind::Place),
    ];
    post::aliases(&runs, &mut m);
    // The surname tagged as a place is the person; both "FB" mentions were added.
    assert_eq!(m.len(), 5, "{m:?}");
    post::cluster(&runs, &lex, &mut m, &|m| {
        runs[m.run][m.start..m.end].join(" ")
    });
    let by_text = |r: usize, s: usize| m.iter().find(|x| x.run == r && x.start == s).unwrap();
    assert_eq!(by_text(1, 0).kind, EntityKind::Person);
    assert_eq!(by_text(1, 0).cluster, by_text(0, 0).cluster);
    assert_eq!(by_text(1, 0).canonical, "Volodymyr Zelensky");
    assert_eq!(by_text(0, 7).cluster, by_text(0, 4).cluster);
    assert_eq!(by_text(1, 2).cluster, by_text(0, 4).cluster);
    assert_eq!(by_text(1, 2).canonical, "Foo Bar");
}

#[test]
fn shipped_model_tags_modern_war_names() {
    let annotator = EntitiesConfig::default().build().unwrap();
    let text = "Ukrainian President Volodymyr Zelensky visited Kyiv after talks in Kursk .";
    let found = annotator.annotate(text, &[spans(text)]);
    let get = |t: &str| {
        found
            .iter()
            .find(|e| e.span.text(text) == Some(t))
            .unwrap_or_else(|| panic!("no {t:?} in {found:?}"))
    };
    assert_eq!(get("Volodymyr Zelensky").kind, EntityKind::Person);
    assert_eq!(get("Volodymyr Zelensky").role.as_deref(), Some("President"));
    assert_eq!(get("Kyiv").kind, EntityKind::Place);
    assert_eq!(get("Kursk").kind, EntityKind::Place);
    assert_eq!(get("Ukrainian").kind, EntityKind::Norp);
}

#[test]
fn embedded_model_loads() {
    let t = NerTagger::embedded().unwrap();
    assert!(t.features() > 1000);
    assert!(t.lexicon().len() > 1000);
    let out = t.tag_document(&[vec!["Peter", "Blackburn", "flew", "to", "Brussels", "."]]);
    let kinds: Vec<NerType> = out[0].iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [NerType::Per, NerType::Loc]);
}

#[test]
fn config_rejects_unknown_fields_and_bad_model() {
    let err = serde_json::from_str::<EntitiesConfig>(r#"{"bogus": 1}"#).unwrap_err();
    assert!(err.to_string().contains("bogus"));
    let cfg = EntitiesConfig {
        model: Some("/nonexistent/model.bin".into()),
        ..EntitiesConfig::default()
    };
    assert!(cfg.build().is_err());
}
