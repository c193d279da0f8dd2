//! Quotes and claims: direct quotations, reported speech, their speakers, cues, channels and
//! hedges.
//!
//! [`QuotesConfig`] → [`QuotesConfig::build`] → [`QuoteFinder`]; [`QuotesStage`] runs it over a
//! segmented document (after `entities` and `quantities` when those ran) and writes
//! `Document::quotes`.
//!
//! Direct quotes are found by pairing quotation marks inside each paragraph: curly and
//! straight double quotes (a curly opening mark may close with a straight one and the other way
//! round), guillemets, `` ``...'' ``, newswire `''...''`, and single quotes when they hold at
//! least two words. A short quotation (fewer than eight words) in the middle of a clause
//! (`a "grave threat" to`) is a fragment of the author's sentence, not a direct quote: the
//! reported content around it holds it. A paragraph that ends inside a quote continues it when the next paragraph opens
//! again (the newspaper convention for multi-paragraph quotes). A quote interrupted by its
//! attribution (`“A,” he said, “B.”`) is one record whose content runs from the first part to
//! the second. More generally, a quotation without an attribution of its own continues the
//! direct quote before it (PolNeAR binds content to a cue: one attribution, one content) when
//! it follows in the same paragraph (also over the author's aside: `“A,” Buchanan said, noting
//! that ... “B.”`) or opens the next paragraph, unless a reported claim other than a
//! participial aside of the speaker comes between them, it sits inside a reported content, or
//! one of its pieces ends without a sentence end or is followed by a lower-case word (`“A,” he
//! continued.`: an attribution the rules do not know). The record's content runs from the
//! first piece to the last and `pieces` keeps each quoted piece's exact span. `content` never
//! includes the marks. The attribution is looked for right after
//! the closing mark (`” he said`, `,” said Zelensky`, a byline dash `” ― Carla Sanchez`; not a
//! capitalised next sentence), then right before the opening mark
//! (`Zelensky reported, “`, `told CNN: “`, `stating, “`). A quote without attribution inherits
//! the speaker of the previous quote in the same or the previous paragraph; short quotes
//! (fewer than four words) without attribution are scare quotes and titles, and are skipped.
//!
//! Reported speech, one sentence at a time, outside direct quotes:
//! - `X said/told/announced/revealed/added/stated (that) ...`, with an optional addressee
//!   (`told reporters`), date (`said Tuesday`) and channel (`in a statement`) between the cue and
//!   the content; verbs of thought (`believes`, `fears`) need `that` or a colon;
//! - stance and intention cues with a noun-phrase, infinitive or wh-clause content
//!   (`criticized the plan`, `wants to run`, `denied it`, `asked whether ...`) and phrasal cues
//!   (`called for`, `pointed to`, `talked about`); a few forms that are mostly nouns (`state`,
//!   `support`, `back`) need `that`, a colon or an infinitive;
//! - `..., X said.` and `..., said X.` after the content, and `A, X said, B.` (one content over
//!   the interruption);
//! - `according to X, ...` and `..., according to X` (the whole sentence, over the source when
//!   the sentence goes on: `A, according to X, B`);
//! - `..., saying ...` and `... and said ...` take the sentence's subject as speaker;
//! - `When asked (by X) whether ...,`: the question, without a speaker;
//! - labels opening a line: `Trey Gowdy: ...`, `Q: ...` (the content runs to the paragraph end);
//! - `X's assessment is that ...` (a content noun with `is/was that`);
//! - `assessments by X estimate that ...` (the speaker is the agent of a report noun);
//! - `what X claims is ...`;
//! - `reportedly` / `allegedly` without a named source: the clause is a hedged claim with no
//!   speaker;
//! - impressions without a source (`his voice seemed weaker`, `X appears ready to`, `it
//!   appears (that) ...`) and passive views and names (`X is widely seen as Y`, `the contests
//!   known as Super Tuesday`, `X is said to be`): the content runs from the subject over the
//!   cue (PolNeAR's two pieces), hedged for `seem`/`appear`;
//! - passives with an agent (`was first reported by Politico`): the subject is the content,
//!   the agent the source;
//! - findings of polls, studies and records (`the poll found Clinton ahead`, `..., a
//!   Quinnipiac poll shows.`) and sentences opening with `In the latest CBS poll,` or `In
//!   X's view,`;
//! - stance and speech nouns with a possessive holder (`his support for X`, `Clinton's
//!   criticism of`, `their decision to`, `his claim that`);
//! - `As The Washington Post reported, ...`;
//! - a `that` clause a few words after the cue, over an addressee or adverbial (`told The Post
//!   and Courier on Saturday that`, `said at a news conference in Ohio that`).
//!
//! The content of reported speech runs to the end of the clause: the sentence end, a
//! semicolon, a comma (also `,”` closing an inner quotation) before a new attribution
//! (`, stating`, `, according to`, a quote) or a contrast (`, though`, `, while`), the source's
//! next statement (`... and said`, `, and three-quarters said`, `- essentially conceding`), a
//! non-restrictive relative clause closing the sentence (`, which votes on March 1`), or inside
//! a relative clause (`which officials said will ...,`) the clause's comma.
//!
//! Speakers are the noun phrase before the cue (skipping auxiliaries and adverbs: `has also
//! said`; over an appositive between commas: `Blinken, the top US diplomat, said`), or after it
//! in inverted order. Described sources keep their words (`a spokesperson for the Ukrainian
//! Security Service (SBU)`). The speaker links to the entity overlapping its span (a person
//! first, then an organisation, ...). A pronoun (`he`, `she`, `they`, `it`, relative `who`)
//! keeps its own span as evidence and takes the name and entity of the nearest compatible
//! preceding speaker (or, failing that, entity): `he`/`she` a person, `it` an organisation,
//! `who` the phrase before it.
//!
//! Hedging: `hedged` is true when the cue itself hedges (`claims`, `alleges`, `estimate`,
//! `suggest`), when the attribution or content holds a hedge word (`reportedly`, `allegedly`,
//! `purportedly`, `apparently`, `claims`, `estimated`, ...), or when the content holds an
//! approximate figure (`around 11,000`, from the quantities layer); `hedge` keeps the span of
//! the word that made it so.

mod find;
mod learned;
mod lexicon;
mod marks;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use sitrep_model::{
    Bound, Document, Entity, EntityKind, Id, Layer, Quote, QuoteKind, Span, Speaker, Token,
};
use sitrep_pipeline::{DocStage, StageError};
use std::collections::HashMap;

/// Configuration of the quote finder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QuotesConfig {
    /// Find reported speech, not only quotations between marks.
    pub reported: bool,
    /// Smallest number of words for a quotation without an attribution cue.
    pub min_unattributed_words: usize,
    /// Emit hedged clauses without a named source ("reportedly launched ...").
    pub sourceless: bool,
    /// Resolve pronoun speakers to the nearest compatible preceding speaker.
    pub resolve_pronouns: bool,
    /// Also read the cues learned from PolNeAR train (`learned_cues.tsv`) that the
    /// hand-written lexicon lacks.
    pub learned_cues: bool,
    /// Lowest reliability of a learned cue (annotated as a cue over occurrences outside
    /// annotated contents).
    pub learned_min_reliability: f64,
    /// Fewest annotated occurrences of a learned cue.
    pub learned_min_support: usize,
    /// A learned cue table to read instead of the built-in one (same TSV format; for tuning
    /// on folds of the training data). An unreadable file leaves the built-in table.
    pub learned_cues_file: Option<String>,
}

impl Default for QuotesConfig {
    fn default() -> Self {
        Self {
            reported: true,
            min_unattributed_words: 4,
            sourceless: true,
            resolve_pronouns: true,
            learned_cues: true,
            learned_min_reliability: 0.5,
            learned_min_support: 5,
            learned_cues_file: None,
        }
    }
}

impl QuotesConfig {
    /// Builds the finder.
    pub fn build(&self) -> QuoteFinder {
        let cues = lexicon::cue_table();
        let learned = if self.learned_cues {
            let file = self
                .learned_cues_file
                .as_ref()
                .and_then(|p| std::fs::read_to_string(p).ok());
            learned::LearnedCues::build(
                file.as_deref().unwrap_or(learned::TABLE),
                &cues,
                self.learned_min_reliability,
                self.learned_min_support,
            )
        } else {
            learned::LearnedCues::default()
        };
        QuoteFinder {
            config: self.clone(),
            cues,
            learned,
        }
    }
}

/// The runtime quote finder.
#[derive(Debug, Clone)]
pub struct QuoteFinder {
    config: QuotesConfig,
    cues: HashMap<String, lexicon::Cue>,
    learned: learned::LearnedCues,
}

/// What a finder reads besides the text: the segmentation and the optional earlier layers.
#[derive(Debug, Clone, Copy, Default)]
pub struct QuoteInput<'a> {
    /// Paragraph spans, sorted (when empty, the whole text is one paragraph).
    pub paragraphs: &'a [Span],
    /// Sentence spans, sorted.
    pub sentences: &'a [Span],
    /// Tokens, sorted.
    pub tokens: &'a [Token],
    /// Spans not to read (flagged lines).
    pub skip: &'a [Span],
    /// Entities, when an entity stage ran.
    pub entities: &'a [Entity],
    /// Approximate figures ("around 11,000") with the span of their modifier word.
    pub approx: &'a [Span],
    /// Date mentions (skipped between a cue and its content: "said Tuesday that").
    pub dates: &'a [Span],
}

/// A speaker found for a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSpeaker {
    /// Where the speaker is mentioned (the pronoun itself for a resolved pronoun).
    pub span: Span,
    /// The speaker's name: the mention, or the antecedent of a pronoun.
    pub text: String,
    /// The entity record.
    pub entity: Option<Id>,
}

/// A quote or claim found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuote {
    /// The whole attribution.
    pub span: Span,
    /// Direct or reported.
    pub kind: QuoteKind,
    /// What is said: for a quote continued over its attribution or an aside (`“A,” she said.
    /// “B.”`), from the first quoted piece to the last.
    pub content: Span,
    /// The quoted pieces of the content, each with its exact span (one piece, the content,
    /// when it is not continued).
    pub pieces: Vec<Span>,
    /// The cue.
    pub cue: Option<Span>,
    /// Who says it.
    pub speaker: Option<FoundSpeaker>,
    /// The hedge word, when hedged.
    pub hedge: Option<Span>,
    /// The channel, when stated.
    pub channel: Option<Span>,
}

impl QuoteFinder {
    /// The configuration it was built from.
    pub fn config(&self) -> &QuotesConfig {
        &self.config
    }

    /// Finds the quotes and claims of `text`. Results are sorted by span.
    pub fn find(&self, text: &str, input: &QuoteInput<'_>) -> Vec<FoundQuote> {
        if u32::try_from(text.len()).is_err() {
            return Vec::new();
        }
        find::Finder::new(self, text, input).run()
    }
}

/// The quotes stage.
#[derive(Debug, Clone)]
pub struct QuotesStage {
    name: String,
    config: QuotesConfig,
    finder: QuoteFinder,
}

impl QuotesStage {
    /// A stage named `name` running a finder built from `config`.
    pub fn new(name: &str, config: QuotesConfig) -> Self {
        let finder = config.build();
        Self {
            name: name.to_owned(),
            config,
            finder,
        }
    }
}

/// Spans of the approximate modifiers of a document's quantities ("around" of "around 11,000").
pub fn approx_cues(doc: &Document) -> Vec<Span> {
    doc.quantities
        .iter()
        .filter(|q| q.bound == Bound::Approx)
        .map(|q| {
            let t = doc.span_text(q.span);
            let w = t.find(char::is_whitespace).unwrap_or(t.len());
            Span::new(q.span.start, q.span.start + w as u32)
        })
        .collect()
}

impl DocStage for QuotesStage {
    fn name(&self) -> &str {
        &self.name
    }

    fn version(&self) -> &str {
        "1"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Paragraphs, Layer::Sentences, Layer::Tokens]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Quotes]
    }

    fn config(&self) -> serde_json::Value {
        serde_json::to_value(&self.config).unwrap_or(serde_json::Value::Null)
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let paragraphs: Vec<Span> = doc.paragraphs.iter().map(|p| p.span).collect();
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        let skip: Vec<Span> = doc.flags.iter().map(|f| f.span).collect();
        let dates: Vec<Span> = doc.dates.iter().map(|d| d.span).collect();
        let approx = approx_cues(doc);
        let input = QuoteInput {
            paragraphs: &paragraphs,
            sentences: &sentences,
            tokens: &doc.tokens,
            skip: &skip,
            entities: &doc.entities,
            approx: &approx,
            dates: &dates,
        };
        let found = self.finder.find(doc.text(), &input);
        let mut quotes = Vec::with_capacity(found.len());
        for q in found {
            quotes.push(Quote {
                id: doc.alloc_id(),
                span: q.span,
                kind: q.kind,
                content: q.content,
                cue: q.cue,
                speaker: q.speaker.map(|s| Speaker {
                    entity: s.entity,
                    text: s.text,
                    span: Some(s.span),
                }),
                hedged: q.hedge.is_some(),
                hedge: q.hedge,
                channel: q.channel,
            });
        }
        quotes.sort_by_key(|q| (q.span, q.id));
        doc.quotes = quotes;
        Ok(())
    }
}

/// The preferred entity among those overlapping `span`: people first, then organisations,
/// nationalities, places, other; the last (rightmost) of a kind.
pub(crate) fn entity_in(entities: &[Entity], span: Span) -> Option<&Entity> {
    let rank = |k: EntityKind| match k {
        EntityKind::Person => 0,
        EntityKind::Org => 1,
        EntityKind::Norp => 2,
        EntityKind::Place => 3,
        EntityKind::Misc => 4,
    };
    let hi = entities.partition_point(|e| e.span.start < span.end);
    entities
        .get(..hi)
        .unwrap_or(&[])
        .iter()
        .filter(|e| e.span.overlaps(span))
        .min_by_key(|e| (rank(e.kind), std::cmp::Reverse(e.span.start)))
}
