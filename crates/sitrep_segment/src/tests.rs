//! Sentence splitting and whole-segmentation tests.

use super::*;
use sitrep_model::TokenKind;

fn sents(text: &str) -> Vec<&str> {
    sents_with(&Segmenter::default(), text)
}

fn sents_with<'a>(seg: &Segmenter, text: &'a str) -> Vec<&'a str> {
    seg.segment(text)
        .sentences
        .iter()
        .map(|s| &text[s.span.range()])
        .collect()
}

#[track_caller]
fn one(text: &str) {
    assert_eq!(sents(text), [text], "expected one sentence");
}

#[test]
fn plain_sentences() {
    assert_eq!(
        sents("It rained. We left! Did you? Yes."),
        ["It rained.", "We left!", "Did you?", "Yes."]
    );
    assert_eq!(
        sents("In 1996. 2025 was worse."),
        ["In 1996.", "2025 was worse."]
    );
    assert_eq!(sents("Why?! Because."), ["Why?!", "Because."]);
    one("The score was 2-1. and then nothing");
    one("Rates rose 3.5 percent to 1,000.25 points on 09.01.2025 in Kyiv.");
}

#[test]
fn titles_never_end_a_sentence() {
    for t in [
        "Mr. Smith met Mrs. Jones and Dr. Who.",
        "Gen. Valery Gerasimov and Lt. Col. Ivanov spoke with Sgt. Pepper.",
        "Gov. Abbott, Sen. Graham and Rep. Ocasio-Cortez voted.",
        "It was Kyiv vs. Moscow, e.g. in the air, i.e. with drones.",
        "He lives at No. 10 Downing St. London.",
        "It costs Rs. 500 under Art. 21 of the law.",
    ] {
        one(t);
    }
}

#[test]
fn us_continues_or_ends_by_the_next_word() {
    one("The U.S. Army and U.K. forces met U.N. officials.");
    assert_eq!(
        sents("He flew to the U.S. The trip was long."),
        ["He flew to the U.S.", "The trip was long."]
    );
    assert_eq!(
        sents("Talks with the U.N. He said no."),
        ["Talks with the U.N.", "He said no."]
    );
    one("U.S. Secretary of State Antony Blinken spoke.");
    assert_eq!(
        sents("He told the FT. But he left."),
        ["He told the FT.", "But he left."]
    );
    one("Then-U.S. Trade Representative Mickey Kantor and ex-Gov. Smith spoke.");
    one("Apple Inc. Chief Executive Tim Cook and Acme Corp. shareholders met.");
    assert_eq!(
        sents("She joined Acme Ltd. But she left."),
        ["She joined Acme Ltd.", "But she left."]
    );
}

#[test]
fn months_and_times() {
    one(
        "On Jan. 9 and Aug. 24 and Sept. 11 and Oct. 1 and Nov. 5 and Dec. 25 and Feb. 2 they met.",
    );
    one("It started at 9 a.m. Tuesday and ended at 5 p.m. EST on Monday.");
    assert_eq!(
        sents("It ended at 5 p.m. Police then left."),
        ["It ended at 5 p.m.", "Police then left."]
    );
    assert_eq!(
        sents("Bring pens, paper, etc. Then wait."),
        ["Bring pens, paper, etc.", "Then wait."]
    );
    one("Bring pens, paper, etc. to the meeting.");
    one("The strike came at 4.50 a.m. Iraq time on Saturday.");
}

#[test]
fn company_and_state_abbreviations_usually_end_sentences() {
    assert_eq!(
        sents("He sold it to MCA Inc. Statistics were not given."),
        ["He sold it to MCA Inc.", "Statistics were not given."]
    );
    assert_eq!(
        sents("It is based in Louisville, Ky. Rally's runs it."),
        ["It is based in Louisville, Ky.", "Rally's runs it."]
    );
    assert_eq!(
        sents("PROFIT FIM 6.3 MLN VS 21.0 MLN. HELSINKI 1996-08-30"),
        ["PROFIT FIM 6.3 MLN VS 21.0 MLN.", "HELSINKI 1996-08-30"]
    );
    one(
        "Samsung Co. Ltd. and Apple Inc. Chief Executive Tim Cook met in Louisville, Ky., on Monday.",
    );
    one("They met at 1600 Pennsylvania Ave. NW on Jan. 9.");
}

#[test]
fn initials() {
    one("George W. Bush met J. R. R. Tolkien fans.");
    one("A letter from John F. Kennedy arrived.");
    assert_eq!(
        sents("He chose Plan B. The rest failed."),
        ["He chose Plan B.", "The rest failed."]
    );
}

#[test]
fn quotations() {
    assert_eq!(
        sents("“We won,” he said.” Next day came."),
        ["“We won,” he said.”", "Next day came."]
    );
    assert_eq!(
        sents("He said: “We won.” Then he left."),
        ["He said: “We won.”", "Then he left."]
    );
    one("“Stop!” he said.");
    one("“Why?” asked Smith.");
    one("\"Stop!\" she shouted.");
    assert_eq!(
        sents("He left. \"We stay,\" she said."),
        ["He left.", "\"We stay,\" she said."]
    );
    assert_eq!(
        sents("``It was a bomb,'' he said. ``You can see it.'' No one moved."),
        [
            "``It was a bomb,'' he said.",
            "``You can see it.''",
            "No one moved."
        ]
    );
    assert_eq!(
        sents("He said 'no.' Then left."),
        ["He said 'no.'", "Then left."]
    );
    one("“Stop!”, he said.");
    // '' opens a quotation after a space (AQUAINT newswire) and closes one when it touches.
    assert_eq!(
        sents("A custody battle. ''Here, no one gives up!'' Castro declared."),
        [
            "A custody battle.",
            "''Here, no one gives up!'' Castro declared."
        ]
    );
    one("“Go home!” President Joe Biden said.");
    assert_eq!(
        sents("“Go home!” President Biden left."),
        ["“Go home!”", "President Biden left."]
    );
    assert_eq!(sents("He left. \""), ["He left. \""]);
}

#[test]
fn ellipses() {
    one("We waited... and waited… and nothing.");
    assert_eq!(
        sents("We waited... Nothing came. Then… It rained."),
        ["We waited...", "Nothing came.", "Then…", "It rained."]
    );
    one("... and then it stopped.");
    assert_eq!(
        sents("said Glyn Davies.\" ... The view was clear."),
        ["said Glyn Davies.\"", "... The view was clear."]
    );
    one("It fell to . . . nothing.");
}

#[test]
fn brackets() {
    assert_eq!(
        sents("It ended (finally.) Then rain."),
        ["It ended (finally.)", "Then rain."]
    );
    assert_eq!(
        sents("It ended. (Reuters) Then rain."),
        ["It ended.", "(Reuters) Then rain."]
    );
    one("Prices (approx. 5%) rose.");
}

#[test]
fn urls_emails_domains_do_not_split() {
    one("Pl watch republicpolicy.com YouTube channel for quality podcasts.");
    one("Write to john.doe@example.com or see https://example.com/a.b?c=d. for details");
    assert_eq!(
        sents("See www.example.org. It helps."),
        ["See www.example.org.", "It helps."]
    );
}

#[test]
fn list_markers_and_headlines() {
    assert_eq!(
        sents("Results:\n1. Jan Ullrich (Germany)\n2. Bjarne Riis"),
        ["Results:", "1. Jan Ullrich (Germany)", "2. Bjarne Riis"]
    );
    one("IV. Results and discussion");
    assert_eq!(
        sents("KYIV, Jan 10\nTroops advanced. Nothing else"),
        ["KYIV, Jan 10", "Troops advanced.", "Nothing else"]
    );
}

#[test]
fn sentences_never_cross_paragraphs_but_cross_wrapped_lines() {
    let t = "Headline without stop\nFirst line wraps\nhere. Second one.\n\nNext para";
    assert_eq!(
        sents(t),
        [
            "Headline without stop\nFirst line wraps\nhere.",
            "Second one.",
            "Next para"
        ]
    );
    let t = "One line without stop\nAnother";
    assert_eq!(sents(t), ["One line without stop", "Another"]);
}

#[test]
fn marks_alone_are_not_sentences() {
    assert_eq!(sents("?! Really. ..."), ["?! Really. ..."]);
    assert_eq!(sents("— • —"), ["— • —"]);
}

#[test]
fn config_abbreviations() {
    let t = "Ask Cllr. Morse in Dist. Court.";
    assert_eq!(sents(t), ["Ask Cllr.", "Morse in Dist.", "Court."]);
    let cfg: SegmentConfig =
        serde_json::from_str(r#"{"title_abbreviations": ["Cllr"], "abbreviations": ["Dist."]}"#)
            .unwrap();
    let seg = cfg.build();
    assert_eq!(sents_with(&seg, t), [t]);
    assert_eq!(
        sents_with(&seg, "Go to Dist. The end."),
        ["Go to Dist.", "The end."]
    );
    assert_eq!(sents_with(&seg, "Ask CLLR. Morse."), ["Ask CLLR. Morse."]);
    assert!(serde_json::from_str::<SegmentConfig>(r#"{"abbreviation": []}"#).is_err());
    let cfg: SegmentConfig = toml::from_str("paragraphs = \"lines\"").unwrap();
    assert_eq!(cfg.paragraphs, ParagraphMode::Lines);
    assert_eq!(sents_with(&cfg.build(), "a\nb\n\nc"), ["a", "b", "c"]);
    assert_eq!(
        toml::from_str::<SegmentConfig>("").unwrap(),
        SegmentConfig::default()
    );
}

#[test]
fn tokens_stay_in_sentences_and_cover_the_text() {
    let text = "Zelensky's troops—1,000 of them—took 3.5 km² (U.S. says). “Good!” he said.";
    let seg = Segmenter::default().segment(text);
    let toks: Vec<(&str, TokenKind)> = seg
        .tokens
        .iter()
        .map(|t| (&text[t.span.range()], t.kind))
        .collect();
    use TokenKind::*;
    assert_eq!(
        toks,
        [
            ("Zelensky", Word),
            ("'s", Word),
            ("troops", Word),
            ("—", Punct),
            ("1,000", Number),
            ("of", Word),
            ("them", Word),
            ("—", Punct),
            ("took", Word),
            ("3.5", Number),
            ("km²", Word),
            ("(", Punct),
            ("U.S.", Word),
            ("says", Word),
            (")", Punct),
            (".", Punct),
            ("“", Punct),
            ("Good", Word),
            ("!", Punct),
            ("”", Punct),
            ("he", Word),
            ("said", Word),
            (".", Punct),
        ]
    );
    assert_eq!(seg.sentences.len(), 2);
    let non_space: usize = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    let covered: usize = seg.tokens.iter().map(|t| t.span.len() as usize).sum();
    assert_eq!(covered, non_space);
}

#[test]
fn empty_and_blank() {
    let seg = Segmenter::default().segment(" \n\t\n ");
    assert!(seg.paragraphs.is_empty() && seg.sentences.is_empty() && seg.tokens.is_empty());
    assert_eq!(Segmenter::default().segment(""), Segmentation::default());
}

#[test]
fn long_inputs_are_linear_and_do_not_overflow() {
    // One 2 MB line of each shape: a word, periods, spaced periods, quotes, apostrophes.
    let n = 2_000_000;
    for unit in [
        "a", ".", ". ", "\"", "'", "U.", "No. ", "-", "a.b", "1,0", "http://a",
    ] {
        let text = unit.repeat(n / unit.len());
        let seg = Segmenter::default().segment(&text);
        assert!(seg.paragraphs.len() == 1, "{unit}");
        assert!(!seg.sentences.is_empty(), "{unit}");
    }
}
