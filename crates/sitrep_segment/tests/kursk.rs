//! The seed article (`../shared/examples/kursk/article.txt`) has exactly 18 sentences.

use sitrep_segment::Segmenter;
use std::path::Path;

#[test]
fn kursk_article_has_18_sentences() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples/kursk/article.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        sitrep_testutil::skip(
            module_path!(),
            &format!("../shared not found ({})", path.display()),
        );
        return;
    };
    let seg = Segmenter::default().segment(&text);
    let got: Vec<&str> = seg
        .sentences
        .iter()
        .map(|s| &text[s.span.range()])
        .collect();
    let starts: Vec<String> = got.iter().map(|s| s.chars().take(40).collect()).collect();
    let expected_starts = [
        "Ukrainian President Volodymyr Zelensky a",
        "In a statement shared on his social medi",
        "Although wounded, both soldiers survived",
        "They are currently in communication with",
        "Images of the injured soldiers accompani",
        "Assessments by Ukrainian and Western int",
        "US Secretary of State Antony Blinken rec",
        "Zelensky added that capturing the North ",
        "Pl watch republicpolicy.com YouTube chan",
        "Footage and photographs released show wh",
        "A spokesperson for the Ukrainian Securit",
        "According to the SBU, both soldiers are ",
        "Video evidence shows the two soldiers re",
        "Communication with the captured soldiers",
        "This historic capture comes as Ukraine i",
        "On Tuesday, Ukrainian forces reportedly ",
        "After initially advancing quickly into K",
        "The front lines have seen minimal moveme",
    ];
    assert_eq!(starts, expected_starts);
    assert_eq!(seg.paragraphs.len(), 11);
    // Sentences end where they should: after the closing quote, not before it.
    assert!(
        got[3].ends_with("Security Service of Ukraine.”"),
        "{}",
        got[3]
    );
    assert!(got[7].ends_with("conflict against Ukraine.”"), "{}", got[7]);
    assert!(got.iter().all(|s| s.ends_with(['.', '”'])), "{got:#?}");
}

#[test]
#[ignore = "prints the sentences of a file given in SEGMENT_FILE"]
fn print_sentences() {
    let Ok(path) = std::env::var("SEGMENT_FILE") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    for s in Segmenter::default().segment(&text).sentences {
        println!("{:?}", &text[s.span.range()]);
    }
}
