//! Paragraphs, sentences and tokens for English news text, as byte spans.
//!
//! [`SegmentConfig::build`] makes a [`Segmenter`]; [`Segmenter::segment`] returns a
//! [`Segmentation`]: paragraph, sentence and token spans into the text. Every span is a byte
//! [`Span`](sitrep_model::Span) on char boundaries, without surrounding whitespace; each layer is
//! sorted and non-overlapping, sentences lie inside paragraphs and tokens inside sentences, and
//! every non-whitespace character of a paragraph belongs to exactly one token. The work is one
//! linear pass per layer with no recursion, so a 50 MB line costs what 50 MB of short lines cost.
//! (A text longer than 4 GiB cannot be addressed by spans and gets an empty segmentation.)
//!
//! # Paragraphs
//! Lines end at LF, CR LF, CR, VT, FF, NEL, U+2028 and U+2029. If a blank line (only whitespace)
//! separates two non-blank lines, paragraphs are separated by blank lines and single line breaks
//! inside a paragraph are wrapped lines. Otherwise every non-blank line is a paragraph: news text
//! pasted from the web usually has one paragraph per line. A form feed or U+2029 always ends a
//! paragraph. [`ParagraphMode`] forces either reading.
//!
//! # Sentences
//! Sentences never cross a paragraph break, and a paragraph always ends its last sentence, so a
//! headline, dateline or list item without final punctuation is a sentence of its own. Inside a
//! paragraph a sentence may end after ".", "?", "!", "..." or "…" (and the full-width forms):
//! - Closing quotes and brackets after the mark stay with the sentence (`he said.” Next` splits
//!   after `”`). A straight quote (or `''`) closes only when it touches the mark.
//! - After ".", "?" or "!" the sentence ends unless the next word starts with a lower-case letter
//!   or the next token is punctuation that continues a sentence (`,` `;` `:` `)`): `“Stop!” he
//!   said.` is one sentence. Opening quotes, brackets, dashes, digits and symbols start a new one.
//! - "1." or "IV." alone at the start of a sentence is a list number, not a sentence.
//! - After an ellipsis the sentence ends only before a capitalised word.
//! - A period inside a token never ends a sentence: decimals and dates (3.5, 1,000.25,
//!   09.01.2025), domains (republicpolicy.com), e-mail addresses and URLs are single tokens.
//! - Abbreviations keep their period in the token and end a sentence depending on their class:
//!   - titles (Mr., Dr., Gen., Lt., Col., Sgt., Gov., Sen., Rep., vs., e.g., i.e., ...) never;
//!     "No.", "Vol.", "Rs.", "Art." take their period only before a number and never end one;
//!   - months (Jan., Aug., Sept., Oct., Nov., Dec., ...), St., Mt., Dept., acronyms (U.S.,
//!     U.K., U.N., D.C.) and single-letter initials (George W. Bush, J. R. R. Tolkien) end a
//!     sentence only before a word that usually opens one ("The", "He", "But", ...): "U.S. Army"
//!     continues, "the U.S. The" splits;
//!   - words that often close a sentence: "etc.", "a.m.", "p.m.", "Jr.", company suffixes (Inc.,
//!     Corp., Ltd., Co.), street suffixes and U.S. states (Calif., Ky.) end it before any
//!     capitalised word except days, months, time zones, company suffixes and a few titles ("9
//!     a.m. Tuesday", "9 a.m. Moscow time", "Samsung Co. Ltd.", "Apple Inc. Chief Executive").
//!
//!   The part after a hyphen counts on its own ("then-U.S.", "ex-Gov."). Extra abbreviations come
//!   from [`SegmentConfig`].
//! - After "?" or "!" and a closing quote, up to four capitalised words and a speech verb are
//!   the quotation's attribution: `''No one gives up!'' Castro declared.` is one sentence.
//! - A sentence needs a word or a number: marks alone never make a sentence.
//!
//! # Tokens
//! - Words: letters and digits with inner apostrophes, hyphens and periods ("don't",
//!   "cross-border", "O'Brien", "U.S.", "20-year-old"). A final "'s" or "’s" is split off as a
//!   token of its own, whether possessive or contracted ("Zelensky's" → "Zelensky" "'s", "it's"
//!   → "it" "'s"); other contractions stay whole ("don't", "they're"). A token is a
//!   [`Word`](sitrep_model::TokenKind::Word) if it has a letter.
//! - Numbers: digits with inner separators ("1,000", "3.5", "11,000", "2025-01-09", "15:00",
//!   "1/2", ".596"): [`Number`](sitrep_model::TokenKind::Number).
//! - Punctuation: each mark is one token, except that runs of periods ("...") and of hyphens
//!   ("--") and the pairs "``" and "''" are one token each.
//! - Symbols: currency signs, "%", "&", "+", emoji (with their modifiers and joiners), and URLs
//!   and e-mail addresses as single tokens: [`Symbol`](sitrep_model::TokenKind::Symbol).
//!
//! Invisible format characters (zero-width space, BOM, soft hyphen, joiners) count as whitespace
//! at span edges and are kept inside a word when a letter follows them.

mod abbrev;
mod chars;
mod paragraphs;
mod sentences;
mod stage;
mod tokens;

pub use stage::SegmentStage;

use serde::{Deserialize, Serialize};
use sitrep_model::{Paragraph, Sentence, Token};

/// The paragraphs, sentences and tokens of one text, each sorted by position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Paragraph spans.
    pub paragraphs: Vec<Paragraph>,
    /// Sentence spans; each lies inside one paragraph.
    pub sentences: Vec<Sentence>,
    /// Token spans; each lies inside one sentence.
    pub tokens: Vec<Token>,
}

/// How paragraphs are found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphMode {
    /// Blank lines separate paragraphs if the text has any between two lines of text;
    /// otherwise every line is a paragraph.
    #[default]
    Auto,
    /// Blank lines separate paragraphs; single line breaks are wrapped lines.
    BlankLines,
    /// Every non-blank line is a paragraph.
    Lines,
}

/// Options of the segmenter.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct SegmentConfig {
    /// How paragraphs are found: `auto` (default), `blank_lines` or `lines`.
    pub paragraphs: ParagraphMode,
    /// Extra abbreviations, with or without their final period ("Brig", "approx."). They keep
    /// their period and end a sentence only before a word that usually opens one ("The", "He").
    /// Matched as written, capitalised, and in capitals.
    pub abbreviations: Vec<String>,
    /// Extra abbreviations that never end a sentence, such as titles before a name ("Insp",
    /// "Supt."). Matched as written, capitalised, and in capitals.
    pub title_abbreviations: Vec<String>,
}

impl SegmentConfig {
    /// Makes the segmenter.
    pub fn build(&self) -> Segmenter {
        Segmenter {
            mode: self.paragraphs,
            abbrevs: abbrev::Abbreviations::new(&self.abbreviations, &self.title_abbreviations),
        }
    }
}

/// Splits texts into paragraphs, sentences and tokens. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Segmenter {
    mode: ParagraphMode,
    abbrevs: abbrev::Abbreviations,
}

impl Default for Segmenter {
    fn default() -> Self {
        SegmentConfig::default().build()
    }
}

impl Segmenter {
    /// Segments `text`. Texts longer than `u32::MAX` bytes get an empty segmentation.
    pub fn segment(&self, text: &str) -> Segmentation {
        let mut seg = Segmentation::default();
        if u32::try_from(text.len()).is_err() {
            return seg;
        }
        let tokenizer = tokens::Tokenizer {
            text,
            abbrevs: &self.abbrevs,
        };
        let splitter = sentences::SentenceSplitter {
            text,
            abbrevs: &self.abbrevs,
        };
        for (start, end) in paragraphs::paragraphs(text, self.mode) {
            seg.paragraphs.push(Paragraph {
                span: tokens::span(start, end),
            });
            let first = seg.tokens.len();
            tokenizer.tokenize(start, end, &mut seg.tokens);
            splitter.split(seg.tokens.get(first..).unwrap_or(&[]), &mut seg.sentences);
        }
        seg
    }
}

#[cfg(test)]
mod tests;
