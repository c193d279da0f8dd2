use super::*;
use sitrep_segment::SegmentConfig;

fn tag(text: &str) -> Vec<(String, TaggedQuantity)> {
    let seg = SegmentConfig::default().build().segment(text);
    let sentences: Vec<Span> = seg.sentences.iter().map(|s| s.span).collect();
    QuantitiesConfig::default()
        .build()
        .tag(text, &seg.tokens, &sentences, &[], false)
        .into_iter()
        .map(|q| (text[q.span.range()].to_owned(), q))
        .collect()
}

fn one(text: &str) -> TaggedQuantity {
    let mut v = tag(text);
    assert_eq!(v.len(), 1, "{text}: {v:?}");
    v.remove(0).1
}

#[test]
fn numerals_and_words() {
    let q = one("Ukrainian forces have captured two North Korean soldiers in Kursk.");
    assert_eq!(q.value, 2.0);
    assert_eq!(q.bound, Bound::Exact);
    assert_eq!(q.head.as_deref(), Some("soldiers"));
    assert_eq!(q.category, QuantityCategory::Captured);
    let q = one("The army has 1,500 tanks.");
    assert_eq!(q.value, 1500.0, "{q:?}");
    assert_eq!(q.category, QuantityCategory::Other);
    let q = one("It costs 1.5 million dollars.");
    assert_eq!(q.value, 1_500_000.0);
    assert_eq!(q.unit.as_deref(), Some("USD"));
    let q = one("They sent twenty-five trucks.");
    assert_eq!(q.value, 25.0);
    let q = one("A hundred people gathered.");
    assert_eq!(q.value, 100.0);
}

#[test]
fn bounds() {
    let q = one("around 11,000 North Korean troops are stationed in the region");
    assert_eq!((q.value, q.bound), (11_000.0, Bound::Approx));
    assert_eq!(q.category, QuantityCategory::Troops);
    assert!(q.approx_cue.is_some());
    let (t, q) = tag("over 1,000 North Korean soldiers were either killed or injured.").remove(0);
    assert_eq!(t, "over 1,000");
    assert_eq!((q.value, q.bound), (1000.0, Bound::AtLeast));
    assert_eq!(q.category, QuantityCategory::KilledOrInjured);
    let q = one("at least 12 civilians were killed");
    assert_eq!(
        (q.value, q.bound, q.category),
        (12.0, Bound::AtLeast, QuantityCategory::Killed)
    );
    let (t, q) = tag("between 5 and 7 people were wounded").remove(0);
    assert_eq!(t, "between 5 and 7");
    assert_eq!((q.value, q.max, q.bound), (5.0, Some(7.0), Bound::Range));
    assert_eq!(q.category, QuantityCategory::Injured);
    let q = one("up to 300 drones");
    assert_eq!(q.bound, Bound::AtMost);
    let q = one("50 or more people are missing");
    assert_eq!(
        (q.bound, q.category),
        (Bound::AtLeast, QuantityCategory::Missing)
    );
    let q = one("5-7 soldiers");
    assert_eq!((q.value, q.max), (5.0, Some(7.0)));
}

#[test]
fn vague_and_fractions() {
    let (t, q) =
        tag("forces took control of several hundred square kilometers following").remove(0);
    assert_eq!(t, "several hundred");
    assert_eq!(q.category, QuantityCategory::Area);
    assert_eq!(q.unit.as_deref(), Some("km2"));
    assert_eq!(q.bound, Bound::AtLeast);
    let q = one("Dozens of civilians were killed.");
    assert_eq!((q.value, q.bound), (24.0, Bound::AtLeast));
    assert_eq!(q.head.as_deref(), Some("civilians"));
    assert_eq!(q.category, QuantityCategory::Killed);
    let q = one("Russia occupies a third of the territory.");
    assert!((q.value - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(q.head.as_deref(), Some("territory"));
    let q = one("Tens of thousands of people fled.");
    assert_eq!(q.value, 20_000.0);
    let q = one("Turnout was 45% in the east.");
    assert_eq!((q.value, q.unit.as_deref()), (45.0, Some("percent")));
    let q = one("a 10km stretch of road");
    assert_eq!(q.unit.as_deref(), Some("km"));
}

#[test]
fn dates_and_pronouns_are_not_quantities() {
    assert!(
        tag("On January 9, 2025 the war went on.").is_empty(),
        "{:?}",
        tag("On January 9, 2025 the war went on.")
    );
    assert!(tag("In 2014 Russia annexed Crimea.").is_empty());
    assert!(tag("The meeting is at 15:00.").is_empty());
    assert!(tag("One of the captured men has a jaw wound; one has a broken leg.").is_empty());
    let q = one("one soldier was taken");
    assert_eq!(q.value, 1.0);
}

#[test]
fn skipped_spans_are_not_read() {
    let text = "Two soldiers. Buy 3 podcasts now.";
    let seg = SegmentConfig::default().build().segment(text);
    let sentences: Vec<Span> = seg.sentences.iter().map(|s| s.span).collect();
    let skip = [Span::new(14, text.len() as u32)];
    let found =
        QuantitiesConfig::default()
            .build()
            .tag(text, &seg.tokens, &sentences, &skip, false);
    assert_eq!(found.len(), 1);
}
