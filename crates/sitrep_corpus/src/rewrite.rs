//! Rewrite fingerprints: the sequence of facts a report states, independent of its wording.
//!
//! A paraphrase keeps the names, numbers, dates and quotations of its original in the same
//! order while changing the words around them. The fingerprint is that sequence: entity
//! canonical names, numbers written in digits, resolved date values and direct-quote contents,
//! each hashed to 32 bits, in text order, outside flagged lines. Two fingerprints are compared
//! by the length of their longest common subsequence.

use crate::hash::item_hash;
use sitrep_model::{Document, QuoteKind, Span};

/// Items kept per document (the first ones in text order).
pub const MAX_ITEMS: usize = 64;

/// What kind of fact a fingerprint item is (its hash tag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Entity,
    Number,
    Date,
    Quote,
}

impl Item {
    const fn tag(self) -> u8 {
        match self {
            Item::Entity => b'E',
            Item::Number => b'N',
            Item::Date => b'D',
            Item::Quote => b'Q',
        }
    }
}

/// The fingerprint of a document: at most [`MAX_ITEMS`] item hashes in text order, with
/// immediate repeats collapsed.
pub fn fingerprint(doc: &Document) -> Vec<u32> {
    let flagged: Vec<Span> = doc.flags.iter().map(|f| f.span).collect();
    let clear = |s: Span| !flagged.iter().any(|f| f.overlaps(s));
    let mut items: Vec<(u32, u32, u32)> = Vec::new(); // (start, end, hash)
    for e in &doc.entities {
        if clear(e.span) {
            let name = e.canonical.to_lowercase();
            items.push((
                e.span.start,
                e.span.end,
                item_hash(Item::Entity.tag(), &name),
            ));
        }
    }
    for d in &doc.dates {
        if clear(d.span) && d.value.starts_with(|c: char| c.is_ascii_digit()) {
            items.push((
                d.span.start,
                d.span.end,
                item_hash(Item::Date.tag(), &d.value),
            ));
        }
    }
    for q in &doc.quotes {
        if q.kind == QuoteKind::Direct && clear(q.span) {
            let words = normalise_words(doc.span_text(q.content));
            if !words.is_empty() {
                items.push((
                    q.content.start,
                    q.content.end,
                    item_hash(Item::Quote.tag(), &words),
                ));
            }
        }
    }
    let in_date = |s: Span| doc.dates.iter().any(|d| d.span.overlaps(s));
    for (span, value) in numbers(doc.text()) {
        // Numbers inside a date mention are covered by its resolved value.
        if clear(span) && !in_date(span) {
            items.push((span.start, span.end, item_hash(Item::Number.tag(), &value)));
        }
    }
    items.sort_unstable_by_key(|&(s, e, h)| (s, e, h));
    let mut out: Vec<u32> = Vec::with_capacity(items.len().min(MAX_ITEMS));
    for (_, _, h) in items {
        if out.last() != Some(&h) {
            out.push(h);
        }
        if out.len() == MAX_ITEMS {
            break;
        }
    }
    out
}

/// Lowercased words joined by single spaces.
fn normalise_words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Numbers written in digits ("11,000", "3.5", "2025"), with thousands separators removed.
/// Digits inside words ("G7", "F-16") are left out.
pub fn numbers(text: &str) -> Vec<(Span, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'-'));
        if !starts_number {
            i += 1;
            continue;
        }
        let start = i;
        let mut value = String::new();
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_digit() {
                value.push(char::from(b));
                i += 1;
            } else if (b == b',' || b == b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                if b == b'.' {
                    value.push('.');
                }
                i += 1;
            } else {
                break;
            }
        }
        let glued = bytes.get(i).is_some_and(u8::is_ascii_alphabetic);
        if !glued && let Ok(span) = Span::from_usize(start, i) {
            out.push((span, value));
        }
    }
    out
}

/// Length of the longest common subsequence of two item sequences.
pub fn lcs(a: &[u32], b: &[u32]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// How much of the shorter fingerprint the longer one repeats in order: LCS / shorter length.
/// 0 when either has fewer than `min_items` items or they share fewer than `min_items`.
pub fn rewrite_score(a: &[u32], b: &[u32], min_items: usize) -> f64 {
    let shorter = a.len().min(b.len());
    if shorter < min_items.max(1) {
        return 0.0;
    }
    let common = lcs(a, b);
    if common < min_items {
        return 0.0;
    }
    common as f64 / shorter as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{DateMention, DocMeta, Entity, EntityKind, TimexType};

    fn doc_with(text: &str, names: &[(&str, &str)], dates: &[(&str, &str)]) -> Document {
        let mut d = Document::from_text(DocMeta::default(), text).unwrap();
        for (surface, canonical) in names {
            let s = text.find(surface).unwrap();
            let id = d.alloc_id();
            d.entities.push(Entity {
                id,
                span: Span::from_usize(s, s + surface.len()).unwrap(),
                kind: EntityKind::Person,
                canonical: (*canonical).into(),
                cluster: id,
                role: None,
                country: None,
                organisation: None,
            });
        }
        for (surface, value) in dates {
            let s = text.find(surface).unwrap();
            let id = d.alloc_id();
            d.dates.push(DateMention {
                id,
                span: Span::from_usize(s, s + surface.len()).unwrap(),
                timex_type: TimexType::Date,
                value: (*value).into(),
                start: None,
                end: None,
            });
        }
        d.sort_layers();
        d
    }

    #[test]
    fn numbers_are_normalised() {
        let found: Vec<String> = numbers("About 11,000 troops, 3.5 km, G7, F-16, 2025. 10km")
            .into_iter()
            .map(|(_, v)| v)
            .collect();
        assert_eq!(found, ["11000", "3.5", "2025"]);
    }

    #[test]
    fn paraphrase_keeps_the_fingerprint_and_reordering_breaks_it() {
        let a = doc_with(
            "Zelensky said on January 9 that 2 soldiers were taken to Kyiv; Blinken said 1,000 died.",
            &[
                ("Zelensky", "Volodymyr Zelensky"),
                ("Kyiv", "Kyiv"),
                ("Blinken", "Antony Blinken"),
            ],
            &[("January 9", "2025-01-09")],
        );
        let b = doc_with(
            "Volodymyr Zelensky announced on 9 January that 2 captured men reached Kyiv. Antony Blinken put the toll at 1000.",
            &[
                ("Volodymyr Zelensky", "Volodymyr Zelensky"),
                ("Kyiv", "Kyiv"),
                ("Antony Blinken", "Antony Blinken"),
            ],
            &[("9 January", "2025-01-09")],
        );
        let fa = fingerprint(&a);
        let fb = fingerprint(&b);
        assert_eq!(fa.len(), 6, "Zelensky, date, 2, Kyiv, Blinken, 1000");
        assert_eq!(fa, fb);
        assert!((rewrite_score(&fa, &fb, 4) - 1.0).abs() < 1e-9);
        let mut shuffled = fb.clone();
        shuffled.reverse();
        assert!(rewrite_score(&fa, &shuffled, 4) < 0.5);
        assert_eq!(rewrite_score(&fa[..3], &fb[..3], 4), 0.0, "too few items");
    }

    #[test]
    fn flagged_lines_are_left_out() {
        let text = "Kyiv 12\nWatch 99 videos\n";
        let mut d = Document::from_text(DocMeta::default(), text).unwrap();
        let s = text.find("Watch").unwrap();
        d.flags.push(sitrep_model::LineFlag {
            span: Span::from_usize(s, text.len() - 1).unwrap(),
            kind: sitrep_model::FlagKind::Promotional,
            reason: "test".into(),
        });
        assert_eq!(fingerprint(&d).len(), 1, "only 12");
    }

    #[test]
    fn lcs_counts_in_order_matches() {
        assert_eq!(lcs(&[1, 2, 3, 4], &[1, 3, 4, 2]), 3);
        assert_eq!(lcs(&[], &[1]), 0);
        assert_eq!(lcs(&[5, 5, 5], &[5, 5]), 2);
    }
}
