//! Sentence boundaries between the tokens of one paragraph.

use crate::abbrev::{AbbrevClass, Abbreviations, is_not_after_final, is_starter};
use sitrep_model::{Sentence, Span, Token, TokenKind};

/// What kind of sentence end a token may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminator {
    /// "." (and the full-width and ideographic full stops).
    Period,
    /// "?" or "!".
    Strong,
    /// "..." or "…".
    Ellipsis,
    /// A word that ends with its own period ("U.S.", "Mr.", "W.").
    Abbrev(AbbrevClass),
}

/// Splits one paragraph's tokens into sentences, appending them to `out`.
#[derive(Debug)]
pub(crate) struct SentenceSplitter<'a> {
    pub(crate) text: &'a str,
    pub(crate) abbrevs: &'a Abbreviations,
}

impl SentenceSplitter<'_> {
    fn tok<'t>(&'t self, t: &Token) -> &'t str {
        self.text.get(t.span.range()).unwrap_or("")
    }

    pub(crate) fn split(&self, tokens: &[Token], out: &mut Vec<Sentence>) {
        let mut push = |first: &Token, last: &Token| {
            out.push(Sentence {
                span: Span::new(first.span.start, last.span.end),
            });
        };
        // A split needs a word or a number on both sides: marks alone never make a sentence.
        let Some(last_content) = tokens
            .iter()
            .rposition(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        else {
            if let (Some(first), Some(last)) = (tokens.first(), tokens.last()) {
                push(first, last);
            }
            return;
        };
        let mut start = 0usize;
        let mut content = false; // the sentence so far has a word or a number
        let mut i = 0usize;
        while let Some(t) = tokens.get(i) {
            content |= matches!(t.kind, TokenKind::Word | TokenKind::Number);
            let Some(term) = self.terminator(t) else {
                i += 1;
                continue;
            };
            // Closing quotes and brackets, and further marks ("?!", ".”", ".)"), stay with the
            // sentence they close.
            let mut j = i + 1;
            while let (Some(prev), Some(n)) = (tokens.get(j - 1), tokens.get(j)) {
                let adjacent = prev.span.end == n.span.start;
                let text = self.tok(n);
                let more = adjacent && n.kind == TokenKind::Punct && self.terminator(n).is_some();
                if is_closer(text, adjacent) || more {
                    j += 1;
                } else {
                    break;
                }
            }
            if content && j <= last_content && self.splits(term, tokens, start, i, j) {
                if let (Some(first), Some(last)) = (tokens.get(start), tokens.get(j - 1)) {
                    push(first, last);
                }
                start = j;
                content = false;
            }
            i = j;
        }
        if let (Some(first), Some(last)) = (tokens.get(start), tokens.last()) {
            push(first, last);
        }
    }

    fn terminator(&self, t: &Token) -> Option<Terminator> {
        let text = self.tok(t);
        match t.kind {
            TokenKind::Punct => match text {
                "." | "。" | "．" | "｡" => Some(Terminator::Period),
                "?" | "!" | "？" | "！" | "‽" | "⁇" | "⁈" | "⁉" => {
                    Some(Terminator::Strong)
                }
                "…" => Some(Terminator::Ellipsis),
                _ if text.starts_with("..") => Some(Terminator::Ellipsis),
                _ => None,
            },
            TokenKind::Word => {
                let word = text.strip_suffix('.')?;
                if word.is_empty() {
                    return None;
                }
                Some(Terminator::Abbrev(
                    self.abbrevs.get(word).unwrap_or(AbbrevClass::Regular),
                ))
            }
            _ => None,
        }
    }

    /// Whether the sentence ends after token `j - 1`, given terminator `term` at `i` and the
    /// sentence starting at `start`; `j` is the next token.
    fn splits(&self, term: Terminator, tokens: &[Token], start: usize, i: usize, j: usize) -> bool {
        let Some(next) = tokens.get(j) else {
            return true;
        };
        // The first word of the next sentence, past one opening quote or bracket.
        let word = if is_opener(self.tok(next)) {
            tokens.get(j + 1)
        } else {
            Some(next)
        }
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| self.tok(t));
        let first_char = word.and_then(|w| w.chars().next());
        match term {
            Terminator::Period => {
                if i == start + 1 && tokens.get(start).is_some_and(|t| self.is_list_marker(t)) {
                    return false; // "1. Jan Ullrich", "IV. Results"
                }
                self.starts_sentence(tokens, j)
            }
            Terminator::Strong => {
                // “Stop!” he said. / ''No one gives up!'' Castro declared.
                let quoted = j > i + 1;
                self.starts_sentence(tokens, j) && !(quoted && self.attribution(tokens, j))
            }
            Terminator::Ellipsis => {
                first_char.is_some_and(|c| c.is_alphabetic() && !c.is_lowercase())
            }
            Terminator::Abbrev(AbbrevClass::Title | AbbrevClass::Numeric) => false,
            Terminator::Abbrev(AbbrevClass::Regular) => word.is_some_and(is_starter),
            Terminator::Abbrev(AbbrevClass::Final) => {
                // "at 9 a.m. Moscow time" continues.
                let then_time = tokens.get(j + 1).is_some_and(|t| self.tok(t) == "time");
                first_char.is_some_and(char::is_uppercase)
                    && !word.is_some_and(is_not_after_final)
                    && !then_time
            }
        }
    }

    /// After a plain period, "?" or "!": does token `j` open a new sentence?
    fn starts_sentence(&self, tokens: &[Token], j: usize) -> bool {
        let Some(next) = tokens.get(j) else {
            return true;
        };
        let not_lower = |t: &Token| !self.tok(t).chars().next().is_some_and(char::is_lowercase);
        match next.kind {
            TokenKind::Word => not_lower(next),
            TokenKind::Number | TokenKind::Symbol => true,
            TokenKind::Punct => {
                let text = self.tok(next);
                let ellipsis = self.terminator(next) == Some(Terminator::Ellipsis);
                if is_opener(text) || is_dash_or_bullet(text) || ellipsis {
                    // An opening mark or a leading ellipsis: decide by the word after it.
                    tokens
                        .get(j + 1)
                        .is_none_or(|t| t.kind != TokenKind::Word || not_lower(t))
                } else {
                    false // , ; : ) and the like continue the sentence
                }
            }
        }
    }

    /// True when tokens from `j` are up to four capitalised words and then a speech verb:
    /// the attribution of the quotation before them.
    fn attribution(&self, tokens: &[Token], j: usize) -> bool {
        let mut k = j;
        while k < j + 4
            && tokens.get(k).is_some_and(|t| {
                t.kind == TokenKind::Word
                    && self.tok(t).chars().next().is_some_and(char::is_uppercase)
            })
        {
            k += 1;
        }
        k > j && tokens.get(k).is_some_and(|t| is_speech_verb(self.tok(t)))
    }

    /// A list number or roman numeral alone before a period at the start of a sentence.
    fn is_list_marker(&self, t: &Token) -> bool {
        let text = self.tok(t);
        match t.kind {
            TokenKind::Number => text.len() <= 3,
            TokenKind::Word => {
                text.len() <= 4
                    && (text
                        .chars()
                        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
                        || text.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
            }
            _ => false,
        }
    }
}

/// Closing quotes and brackets. Straight quotes (and `''`, which some newswire uses both ways)
/// close only when they touch the mark before them; after a space they open the next sentence.
fn is_closer(text: &str, adjacent: bool) -> bool {
    match text {
        "”" | "’" | "»" | "›" | ")" | "]" | "}" | "」" | "』" | "）" | "］" | "｝" | "〉"
        | "》" | "】" => true,
        "\"" | "'" | "''" | "＂" | "＇" => adjacent,
        _ => false,
    }
}

/// Opening quotes and brackets (a straight quote after a space opens).
fn is_opener(text: &str) -> bool {
    matches!(
        text,
        "“" | "‘"
            | "„"
            | "‚"
            | "«"
            | "‹"
            | "("
            | "["
            | "{"
            | "``"
            | "\""
            | "'"
            | "''"
            | "「"
            | "『"
            | "（"
            | "［"
            | "〈"
            | "《"
            | "【"
            | "¿"
            | "¡"
            | "＂"
            | "＇"
    )
}

fn is_speech_verb(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "asked"
            | "asks"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "declared"
            | "shouted"
            | "replied"
            | "wrote"
            | "writes"
            | "cried"
            | "insisted"
            | "explained"
            | "warned"
            | "stated"
            | "noted"
            | "recalled"
    )
}

fn is_dash_or_bullet(text: &str) -> bool {
    matches!(text, "—" | "–" | "―" | "-" | "•" | "‣" | "·") || text.starts_with("--")
}
