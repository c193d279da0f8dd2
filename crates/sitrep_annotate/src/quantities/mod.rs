//! Quantities: numbers and number words with their bound, head noun, unit and category.
//!
//! [`QuantitiesConfig`] → [`QuantitiesConfig::build`] → [`QuantityTagger`];
//! [`QuantityTagger::tag`] is a pure function of the text, its tokens and the spans to skip.
//! [`QuantitiesStage`] runs it over a segmented document and writes `Document::quantities`.
//!
//! What is read, one sentence at a time:
//! - numerals ("2", "1,000", "3.5", "1.5 million", "10km") and number words ("two",
//!   "twenty-five", "a hundred", "a dozen"), with a scale word ("million", "thousand");
//! - vague amounts as lower bounds: "dozens" (≥ 24), "hundreds" (≥ 200), "thousands",
//!   "tens of thousands", "several hundred" (≥ 300), "a few thousand" (≥ 2,000);
//! - fractions ("a third", "half", "two-thirds", "1/2") and percentages ("20%", "20 percent");
//! - bounds from the words around the figure: `approx` ("around", "about", "some",
//!   "roughly", "an estimated"), `at_least` ("over", "more than", "at least", "X or more",
//!   "X-plus"), `at_most` ("up to", "under", "fewer than", "nearly", "almost"), `range`
//!   ("between 5 and 7", "5 to 7", "5-7", "from 5 to 7");
//! - the head noun: the last word of the noun phrase after the figure ("two North Korean
//!   soldiers" → "soldiers"), or after "of" for vague amounts and fractions ("dozens of
//!   civilians"); units ("km", "square kilometers" → `km2`, "%" → `percent`, "$" → `USD`);
//! - the category: `area` for areas; casualty categories when the sentence says what happened
//!   to the people counted (killed, injured, both → `killed_or_injured`, captured, missing),
//!   looking at the verbs after the head ("were killed") and just before the figure ("captured
//!   two soldiers"); `troops` for soldiers, troops, fighters; else `other`.
//!
//! Not quantities: numbers inside date mentions (when a dates layer exists; otherwise years,
//! month days and clock times are recognised here and skipped), ordinals, "one" used as a
//! pronoun ("one of the ...", "one has ...") and numbers inside words or URLs.

mod lexicon;
pub(crate) mod scan;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use sitrep_model::{Bound, Document, Layer, Quantity, QuantityCategory, Span, Token};
use sitrep_pipeline::{DocStage, StageError};

/// Configuration of the quantity tagger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QuantitiesConfig {
    /// Emit "one" when it counts a noun ("one soldier"); it is never emitted as a pronoun.
    pub include_one: bool,
    /// Emit vague amounts ("dozens", "hundreds", "several hundred") as lower bounds.
    pub vague: bool,
    /// Emit percentages and fractions.
    pub fractions: bool,
    /// How many words after the figure may form its noun phrase.
    pub max_head_words: usize,
}

impl Default for QuantitiesConfig {
    fn default() -> Self {
        Self {
            include_one: true,
            vague: true,
            fractions: true,
            max_head_words: 4,
        }
    }
}

impl QuantitiesConfig {
    /// Builds the tagger.
    pub fn build(&self) -> QuantityTagger {
        QuantityTagger {
            config: self.clone(),
        }
    }
}

/// One quantity found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaggedQuantity {
    /// The figure with its modifier ("over 1,000", "between 5 and 7").
    pub span: Span,
    /// The value (low end of a range).
    pub value: f64,
    /// How the value bounds the figure.
    pub bound: Bound,
    /// High end of a range.
    pub max: Option<f64>,
    /// The noun counted.
    pub head: Option<String>,
    /// Where the head noun is.
    pub head_span: Option<Span>,
    /// Normalised unit.
    pub unit: Option<String>,
    /// What is counted.
    pub category: QuantityCategory,
    /// The modifier word that set an approximate bound ("around"), if any.
    pub approx_cue: Option<Span>,
}

/// The runtime tagger.
#[derive(Debug, Clone)]
pub struct QuantityTagger {
    config: QuantitiesConfig,
}

impl QuantityTagger {
    /// The configuration it was built from.
    pub fn config(&self) -> &QuantitiesConfig {
        &self.config
    }

    /// Finds the quantities of `text`, given its tokens and sentences (sorted byte spans, as
    /// `sitrep_segment` produces them). Tokens overlapping a span of `skip` (flagged lines,
    /// date mentions) are not read. Results are sorted and do not overlap.
    pub fn tag(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Span],
        skip: &[Span],
        dates_known: bool,
    ) -> Vec<TaggedQuantity> {
        let mut out = Vec::new();
        let mut skip: Vec<Span> = skip.to_vec();
        skip.sort();
        let units: Vec<Span> = if sentences.is_empty() {
            vec![Span::new(
                tokens.first().map_or(0, |t| t.span.start),
                tokens.last().map_or(0, |t| t.span.end),
            )]
        } else {
            sentences.to_vec()
        };
        for s in units {
            let a = tokens.partition_point(|t| t.span.start < s.start);
            let b = tokens.partition_point(|t| t.span.start < s.end);
            let Some(toks) = tokens.get(a..b) else {
                continue;
            };
            if toks.is_empty() {
                continue;
            }
            let sc = scan::Scanner::new(text, toks, &skip, &self.config, dates_known);
            sc.run(&mut out);
        }
        out.sort_by_key(|q| q.span);
        out.dedup_by(|b, a| a.span.overlaps(b.span));
        out
    }
}

/// The quantities stage: tags the sentences of a segmented document, skipping flagged text and
/// date mentions.
#[derive(Debug, Clone)]
pub struct QuantitiesStage {
    name: String,
    config: QuantitiesConfig,
    tagger: QuantityTagger,
}

impl QuantitiesStage {
    /// A stage named `name` running a tagger built from `config`.
    pub fn new(name: &str, config: QuantitiesConfig) -> Self {
        let tagger = config.build();
        Self {
            name: name.to_owned(),
            config,
            tagger,
        }
    }
}

impl DocStage for QuantitiesStage {
    fn name(&self) -> &str {
        &self.name
    }

    fn version(&self) -> &str {
        "1"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Quantities]
    }

    fn config(&self) -> serde_json::Value {
        serde_json::to_value(&self.config).unwrap_or(serde_json::Value::Null)
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let mut skip: Vec<Span> = doc.flags.iter().map(|f| f.span).collect();
        skip.extend(doc.dates.iter().map(|d| d.span));
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        let found = self.tagger.tag(
            doc.text(),
            &doc.tokens,
            &sentences,
            &skip,
            !doc.dates.is_empty(),
        );
        let mut quantities = Vec::with_capacity(found.len());
        for q in found {
            quantities.push(Quantity {
                id: doc.alloc_id(),
                span: q.span,
                value: q.value,
                bound: q.bound,
                max: q.max,
                head: q.head,
                category: q.category,
                unit: q.unit,
            });
        }
        quantities.sort_by_key(|q| (q.span, q.id));
        doc.quantities = quantities;
        Ok(())
    }
}
