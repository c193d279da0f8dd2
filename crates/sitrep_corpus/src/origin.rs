//! Stated origin: outlets a report names as where its story comes from ("CNN reported",
//! "according to Reuters", "though CNN has obscured personal details", "told the BBC").

use aho_corasick::AhoCorasick;
use sitrep_model::{Document, Span, StatedOrigin};
use std::sync::LazyLock;

/// News outlets and agencies recognised by name (exact, case-sensitive, word-bounded).
/// Ambiguous short names ("Time", "Dawn", "RT") are left out.
pub const OUTLETS: &[&str] = &[
    "ABC News",
    "AFP",
    "Agence France-Presse",
    "Al Arabiya",
    "Al Jazeera",
    "ANSA",
    "AP",
    "Associated Press",
    "Axios",
    "BBC",
    "BBC News",
    "Bloomberg",
    "CBC",
    "CBS News",
    "CNBC",
    "CNN",
    "Daily Mail",
    "Der Spiegel",
    "Deutsche Welle",
    "DPA",
    "EFE",
    "Euronews",
    "Financial Times",
    "Fox News",
    "France 24",
    "Haaretz",
    "Interfax",
    "ITV News",
    "Kyodo",
    "Kyiv Independent",
    "Le Monde",
    "Meduza",
    "NBC News",
    "New York Times",
    "Newsweek",
    "NHK",
    "Nikkei",
    "NPR",
    "Politico",
    "Radio Free Europe",
    "Reuters",
    "RFE/RL",
    "RIA Novosti",
    "Sky News",
    "South China Morning Post",
    "Sputnik",
    "TASS",
    "The Associated Press",
    "The Economist",
    "The Guardian",
    "The Independent",
    "The New York Times",
    "The Telegraph",
    "The Times",
    "The Wall Street Journal",
    "The Washington Post",
    "Times of Israel",
    "UNIAN",
    "Ukrainska Pravda",
    "Ukrinform",
    "USA Today",
    "VOA",
    "Voice of America",
    "Wall Street Journal",
    "Washington Post",
    "Xinhua",
    "Yonhap",
];

/// Words before an outlet that make it the origin ("according to Reuters").
const BEFORE: &[&str] = &[
    "according to",
    "as reported by",
    "reported by",
    "first reported by",
    "told",
    "citing",
    "cited by",
    "confirmed to",
    "said to",
    "speaking to",
    "in an interview with",
    "reporting by",
    "courtesy of",
    "source:",
    "via",
];

/// Verbs after an outlet (optionally after "has", "have", "had", "was", "first") that make it
/// the origin ("CNN reported", "CNN has obscured").
const AFTER: &[&str] = &[
    "reported",
    "reports",
    "reporting",
    "said",
    "says",
    "obscured",
    "blurred",
    "verified",
    "geolocated",
    "confirmed",
    "learned",
    "obtained",
    "reviewed",
    "saw",
    "seen",
    "cited",
    "quoted",
    "published",
    "broke",
    "revealed",
    "understands",
    "contacted",
    "could not",
    "cannot",
    "was unable",
    "has been unable",
    "was told",
    "analysis",
    "report",
    "correspondent",
    "reporter",
    "investigation",
    "footage",
    "interview",
];

const AUX: &[&str] = &[
    "has ",
    "have ",
    "had ",
    "was ",
    "were ",
    "first ",
    "also ",
    "'s ",
    "\u{2019}s ",
];

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

fn starts_with_word(text: &str, word: &str) -> bool {
    text.starts_with(word)
        && text
            .as_bytes()
            .get(word.len())
            .is_none_or(|b| !is_word_byte(*b) || word.ends_with(':'))
}

/// All of [`OUTLETS`] at once (`None` only if the automaton cannot be built, which fixed short
/// names never cause).
static OUTLET_MATCHER: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(OUTLETS).ok());

/// The outlets a document names as its origin, in text order, outside flagged lines.
/// An outlet named twice is kept at its first cue only.
pub fn stated_origins(doc: &Document) -> Vec<StatedOrigin> {
    let text = doc.text();
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    // One pass over the text for all the names (a search per name took 4% of the pipeline);
    // overlapping matches are all seen, as "BBC" inside "BBC News" was by separate searches.
    let Some(matcher) = OUTLET_MATCHER.as_ref() else {
        return Vec::new();
    };
    for m in matcher.find_overlapping_iter(text) {
        let Some(&outlet) = OUTLETS.get(m.pattern().as_usize()) else {
            continue;
        };
        let (pos, end) = (m.start(), m.end());
        let bytes = text.as_bytes();
        let bounded_left = pos == 0 || bytes.get(pos - 1).is_some_and(|b| !is_word_byte(*b));
        let bounded_right = bytes.get(end).is_none_or(|b| !is_word_byte(*b));
        if !(bounded_left && bounded_right) {
            continue;
        }
        if let Some((s, e)) = cue_around(text, pos, end) {
            found.push((s, e, outlet));
        }
    }
    found.sort_by_key(|&(s, e, o)| (s, std::cmp::Reverse(e), o));
    let mut out: Vec<StatedOrigin> = Vec::new();
    let mut last_end = 0usize;
    for (s, e, outlet) in found {
        // Overlapping matches ("BBC" inside "BBC News"): keep the first, longest one.
        if s < last_end {
            continue;
        }
        let Ok(span) = Span::from_usize(s, e) else {
            continue;
        };
        if doc.overlaps_flag(span) {
            continue;
        }
        last_end = e;
        let name = outlet.strip_prefix("The ").unwrap_or(outlet);
        if out.iter().any(|o| o.outlet == name) {
            continue;
        }
        out.push(StatedOrigin {
            outlet: name.to_owned(),
            span,
        });
    }
    out
}

/// The span of the outlet with its cue, when a cue stands right before or after it.
fn cue_around(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let before = text.get(..start)?;
    let trimmed = before.strip_suffix("the ").unwrap_or(before);
    let trimmed = trimmed.strip_suffix("The ").unwrap_or(trimmed);
    let trimmed = trimmed.trim_end_matches(' ');
    for cue in BEFORE {
        if let Some(head) = trimmed.strip_suffix(cue)
            && head.as_bytes().last().is_none_or(|b| !is_word_byte(*b))
        {
            return Some((head.len(), end));
        }
        let capital = capitalise(cue);
        if let Some(head) = trimmed.strip_suffix(capital.as_str())
            && head.as_bytes().last().is_none_or(|b| !is_word_byte(*b))
        {
            return Some((head.len(), end));
        }
    }
    let after = text.get(end..)?;
    let mut rest = after.strip_prefix(' ').unwrap_or(after);
    let mut skipped = end + (after.len() - rest.len());
    if let Some(aux) = AUX.iter().find(|a| {
        // "'s" attaches without a space: "CNN's report".
        let src = if a.starts_with(['\'', '\u{2019}']) {
            after
        } else {
            rest
        };
        src.starts_with(**a)
    }) {
        let src_is_after = aux.starts_with(['\'', '\u{2019}']);
        let src = if src_is_after { after } else { rest };
        let base = if src_is_after { end } else { skipped };
        rest = src.get(aux.len()..)?;
        skipped = base + aux.len();
    }
    for verb in AFTER {
        if starts_with_word(rest, verb) {
            return Some((start, skipped + verb.len()));
        }
    }
    None
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::DocMeta;

    fn origins(text: &str) -> Vec<(String, String)> {
        let d = Document::from_text(DocMeta::default(), text).unwrap();
        stated_origins(&d)
            .into_iter()
            .map(|o| (o.outlet, d.span_text(o.span).to_owned()))
            .collect()
    }

    #[test]
    fn cues_before_and_after() {
        assert_eq!(
            origins("The ID card was found, though CNN has obscured personal details."),
            [("CNN".to_owned(), "CNN has obscured".to_owned())]
        );
        assert_eq!(
            origins("Ten people died, according to Reuters."),
            [("Reuters".to_owned(), "according to Reuters".to_owned())]
        );
        assert_eq!(
            origins("CNN reported on Friday. The minister told the BBC he would stay."),
            [
                ("CNN".to_owned(), "CNN reported".to_owned()),
                ("BBC".to_owned(), "told the BBC".to_owned())
            ]
        );
        assert_eq!(
            origins("According to The New York Times, talks failed."),
            [(
                "New York Times".to_owned(),
                "According to The New York Times".to_owned()
            )]
        );
        assert_eq!(
            origins(
                "Reuters' rival AP said nothing; the Associated Press was first reported by nobody."
            ),
            [("AP".to_owned(), "AP said".to_owned())]
        );
        assert_eq!(
            origins("In CNN's report, the claim stood."),
            [("CNN".to_owned(), "CNN's report".to_owned())]
        );
    }

    #[test]
    fn mere_mentions_are_not_origins() {
        assert!(origins("He used to work at CNN and at Reuters.").is_empty());
        assert!(origins("CNNs and APs and TASSes").is_empty());
        assert!(origins("The APEC summit; a CNNX link.").is_empty());
    }

    #[test]
    fn flagged_lines_are_skipped() {
        let text = "Watch CNN reported clips at spam.example\nNothing else.";
        let mut d = Document::from_text(DocMeta::default(), text).unwrap();
        d.flags.push(sitrep_model::LineFlag {
            span: Span::from_usize(0, text.find('\n').unwrap()).unwrap(),
            kind: sitrep_model::FlagKind::Promotional,
            reason: "test".into(),
        });
        assert!(stated_origins(&d).is_empty());
    }
}
