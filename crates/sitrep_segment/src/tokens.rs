//! The tokenizer: one left-to-right pass with constant lookahead (except the short look past
//! the whitespace after "No." for a digit).

use crate::abbrev::{AbbrevClass, Abbreviations};
use crate::chars::{
    char_at, char_before, is_invisible, is_mark, is_punct, is_space, is_symbol_extender,
    is_word_char,
};
use sitrep_model::{Span, Token, TokenKind};

/// A span from offsets the caller has checked to fit in `u32`.
#[inline]
pub(crate) fn span(start: usize, end: usize) -> Span {
    // Segmenter::segment returns early for texts longer than u32::MAX bytes.
    Span::new(start as u32, end as u32)
}

/// Splits text into tokens.
#[derive(Debug)]
pub(crate) struct Tokenizer<'a> {
    pub(crate) text: &'a str,
    pub(crate) abbrevs: &'a Abbreviations,
}

impl Tokenizer<'_> {
    /// Appends the tokens of `text[start..end]` to `out`.
    pub(crate) fn tokenize(&self, start: usize, end: usize, out: &mut Vec<Token>) {
        let Some(s) = self.text.get(..end) else {
            return;
        };
        let mut i = start;
        while let Some(c) = char_at(s, i) {
            if is_space(c) {
                i += c.len_utf8();
                continue;
            }
            let (e, kind) = self.scan_token(s, i, c);
            // Every branch consumes at least the first char; guard anyway so the loop advances.
            let e = e.max(i + c.len_utf8());
            out.push(Token {
                span: span(i, e),
                kind,
            });
            i = e;
        }
    }

    /// The end and kind of the token starting with `c` at `i`.
    fn scan_token(&self, s: &str, i: usize, c: char) -> (usize, TokenKind) {
        if matches!(c, 'h' | 'H' | 'f' | 'F' | 'w' | 'W')
            && let Some(e) = url_end(s, i)
        {
            return (e, TokenKind::Symbol);
        }
        if is_word_char(c) {
            return self.scan_word(s, i);
        }
        let n = i + c.len_utf8();
        let next = char_at(s, n);
        match c {
            '.' if next == Some('.') => (run_end(s, n, '.'), TokenKind::Punct),
            '.' if next.is_some_and(|d| d.is_ascii_digit())
                && !char_before(s, i).is_some_and(is_word_char) =>
            {
                self.scan_word(s, i) // ".596"
            }
            '\'' | '’' | 'ʼ'
                if is_clitic_s(s, i) && char_before(s, i).is_some_and(is_word_char) =>
            {
                (n + 1, TokenKind::Word) // "'s": the s is one byte
            }
            '\'' if next == Some('\'') => (n + 1, TokenKind::Punct), // ''
            '`' if next == Some('`') => (n + 1, TokenKind::Punct),   // ``
            '-' => (run_end(s, n, '-'), TokenKind::Punct),           // - -- ---
            c if is_punct(c) => (n, TokenKind::Punct),
            _ => (symbol_end(s, n), TokenKind::Symbol),
        }
    }

    /// A word, number, acronym, domain or e-mail address starting at `start`.
    fn scan_word(&self, s: &str, start: usize) -> (usize, TokenKind) {
        let mut i = start;
        let (mut has_letter, mut has_digit, mut has_at) = (false, false, false);
        // Acronym shape: letter segments of one or two letters joined by periods ("U.S", "Ph.D").
        let (mut dots, mut seg_len, mut acronym) = (0usize, 0usize, true);
        let mut prev: Option<char> = None;
        while let Some(c) = char_at(s, i) {
            if is_word_char(c) {
                if c.is_alphabetic() {
                    has_letter = true;
                } else if c.is_numeric() {
                    has_digit = true;
                    acronym = false;
                }
                if !is_mark(c) {
                    seg_len += 1;
                }
                i += c.len_utf8();
                prev = Some(c);
                continue;
            }
            let ni = i + c.len_utf8();
            let next = char_at(s, ni);
            let next_word = next.is_some_and(is_word_char);
            let digits_around =
                prev.is_some_and(char::is_numeric) && next.is_some_and(char::is_numeric);
            let upper_around =
                prev.is_some_and(char::is_uppercase) && next.is_some_and(char::is_uppercase);
            let go_on = match c {
                '\'' | '’' | 'ʼ' => next_word && !is_clitic_s(s, i),
                '-' | '‐' | '‑' | '_' | '.' => next_word,
                ',' | ':' | '/' => digits_around,
                '@' => next_word && !has_at && i > start,
                '&' => upper_around,
                c if is_invisible(c) => next_word,
                _ => false,
            };
            if !go_on {
                break;
            }
            match c {
                '.' => {
                    dots += 1;
                    acronym &= (1..=2).contains(&seg_len);
                    seg_len = 0;
                }
                '-' | '‐' | '‑' => {
                    // The part after a hyphen is judged on its own: "then-U.S.", "ex-Gov."
                    (dots, seg_len, acronym) = (0, 0, true);
                }
                '@' => {
                    has_at = true;
                    acronym = false;
                }
                c if is_invisible(c) => {}
                _ => acronym = false,
            }
            i = ni;
            prev = Some(c);
        }
        acronym &= dots > 0 && has_letter && (1..=2).contains(&seg_len);
        // A period that belongs to the word: abbreviations, acronyms, initials.
        if char_at(s, i) == Some('.') && char_at(s, i + 1) != Some('.') && !has_at {
            let word = s.get(start..i).unwrap_or("");
            let attach = match self.abbrevs.get(word) {
                Some(AbbrevClass::Numeric) => next_non_space_is_digit(s, i + 1),
                Some(_) => true,
                None => acronym || (dots == 0 && is_single_letter(word)),
            };
            if attach {
                i += 1;
            }
        }
        let kind = if has_at {
            TokenKind::Symbol
        } else if has_letter {
            TokenKind::Word
        } else if has_digit {
            TokenKind::Number
        } else {
            TokenKind::Symbol // a stray combining mark
        };
        (i, kind)
    }
}

/// True when `s[i..]` is an apostrophe, "s" or "S", and then no letter or digit: a possessive or
/// contracted "'s" ("Zelensky's", "it's").
fn is_clitic_s(s: &str, i: usize) -> bool {
    let Some(a) = char_at(s, i) else {
        return false;
    };
    let si = i + a.len_utf8();
    matches!(char_at(s, si), Some('s' | 'S')) && !char_at(s, si + 1).is_some_and(is_word_char)
}

fn is_single_letter(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

/// End of a run of `c` starting at byte `i` (ASCII `c`).
fn run_end(s: &str, mut i: usize, c: char) -> usize {
    while char_at(s, i) == Some(c) {
        i += 1;
    }
    i
}

/// End of a symbol whose first char ends at `i`: emoji modifiers, keycaps, tags and
/// zero-width-joiner sequences stay in one token.
fn symbol_end(s: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(s, i) {
        if is_symbol_extender(c) {
            i += c.len_utf8();
        } else if c == '\u{200D}' {
            match char_at(s, i + c.len_utf8()) {
                Some(d) if !is_space(d) => i += c.len_utf8() + d.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    i
}

/// True when the first non-space char at or after `i` is a digit (or "#", as in "No. #5").
fn next_non_space_is_digit(s: &str, i: usize) -> bool {
    s.get(i..)
        .and_then(|rest| rest.chars().find(|c| !is_space(*c)))
        .is_some_and(|c| c.is_ascii_digit() || c == '#')
}

/// The end of a URL starting at `i` ("http://", "https://", "ftp://" or "www."), without
/// trailing sentence punctuation and unbalanced closing brackets.
fn url_end(s: &str, i: usize) -> Option<usize> {
    let rest = s.get(i..)?;
    let bytes = rest.as_bytes();
    let prefix = ["https://", "http://", "ftp://", "www."]
        .iter()
        .find(|p| {
            bytes
                .get(..p.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
        })?
        .len();
    if !char_at(rest, prefix).is_some_and(is_word_char) {
        return None;
    }
    let mut end = prefix;
    let (mut parens, mut brackets) = (0i64, 0i64);
    for (j, c) in rest.get(prefix..)?.char_indices() {
        if is_space(c) || matches!(c, '<' | '>' | '"' | '“' | '”' | '«' | '»' | '‘' | '’' | '|')
        {
            break;
        }
        match c {
            '(' => parens += 1,
            ')' => parens -= 1,
            '[' => brackets += 1,
            ']' => brackets -= 1,
            _ => {}
        }
        end = prefix + j + c.len_utf8();
    }
    while let Some(c) = char_before(rest, end) {
        match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' => end -= 1,
            ')' if parens < 0 => {
                parens += 1;
                end -= 1;
            }
            ']' if brackets < 0 => {
                brackets += 1;
                end -= 1;
            }
            _ => break,
        }
    }
    (end > prefix).then_some(i + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(String, TokenKind)> {
        let abbrevs = Abbreviations::new(&[], &[]);
        let t = Tokenizer {
            text,
            abbrevs: &abbrevs,
        };
        let mut out = Vec::new();
        t.tokenize(0, text.len(), &mut out);
        out.iter()
            .map(|t| (text[t.span.range()].to_string(), t.kind))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        toks(text).into_iter().map(|(t, _)| t).collect()
    }

    use TokenKind::{Number as N, Symbol as S, Word as W};

    #[test]
    fn words_with_inner_apostrophes_and_hyphens() {
        assert_eq!(
            toks("don't cross-border O'Brien rock'n'roll"),
            vec![
                ("don't".into(), W),
                ("cross-border".into(), W),
                ("O'Brien".into(), W),
                ("rock'n'roll".into(), W)
            ]
        );
    }

    #[test]
    fn possessive_s_is_split() {
        assert_eq!(texts("Zelensky's"), ["Zelensky", "'s"]);
        assert_eq!(texts("Trump’s return"), ["Trump", "’s", "return"]);
        assert_eq!(texts("O'Brien's it's"), ["O'Brien", "'s", "it", "'s"]);
        assert_eq!(toks("Kyiv's")[1], ("'s".into(), W));
        // plural possessive and quotes keep the apostrophe apart
        assert_eq!(
            texts("soldiers' 'sorry'"),
            ["soldiers", "'", "'", "sorry", "'"]
        );
        // "'s" not attached to a word is not a clitic
        assert_eq!(texts("' s"), ["'", "s"]);
        // an s that continues a word is not a clitic
        assert_eq!(texts("Kyiv'sk"), ["Kyiv'sk"]);
    }

    #[test]
    fn numbers() {
        for n in [
            "1,000",
            "3.5",
            "11,000",
            "2025-01-09",
            "1,000.25",
            "09.01.2025",
            "15:00",
            "1/2",
        ] {
            assert_eq!(toks(n), vec![(n.to_string(), N)], "{n}");
        }
        assert_eq!(toks(".596"), vec![(".596".into(), N)]);
        assert_eq!(toks("$1,000"), vec![("$".into(), S), ("1,000".into(), N)]);
        assert_eq!(toks("5%"), vec![("5".into(), N), ("%".into(), S)]);
        assert_eq!(texts("in 2025."), ["in", "2025", "."]);
        assert_eq!(texts("1, 2"), ["1", ",", "2"]);
        assert_eq!(toks("20-year-old")[0].1, W);
    }

    #[test]
    fn punctuation_one_mark_per_token_but_ellipsis() {
        assert_eq!(texts("Why?!"), ["Why", "?", "!"]);
        assert_eq!(texts("wait... what…"), ["wait", "...", "what", "…"]);
        assert_eq!(texts("“Stop!”"), ["“", "Stop", "!", "”"]);
        assert_eq!(texts("Kursk—an"), ["Kursk", "—", "an"]);
        assert_eq!(texts("a -- b"), ["a", "--", "b"]);
        assert_eq!(texts("``Yes,'' he"), ["``", "Yes", ",", "''", "he"]);
        assert_eq!(texts("(SBU)."), ["(", "SBU", ")", "."]);
    }

    #[test]
    fn abbreviations_initials_acronyms_keep_their_period() {
        assert_eq!(texts("Mr. Smith"), ["Mr.", "Smith"]);
        assert_eq!(texts("U.S. troops"), ["U.S.", "troops"]);
        assert_eq!(texts("U.S.-led"), ["U.S.", "-", "led"]);
        assert_eq!(texts("then-U.S. envoy"), ["then-U.S.", "envoy"]);
        assert_eq!(texts("ex-Gov. Smith"), ["ex-Gov.", "Smith"]);
        assert_eq!(texts("pre-1990. x-ray."), ["pre-1990", ".", "x-ray", "."]);
        assert_eq!(texts("e.g. a.m. Ph.D."), ["e.g.", "a.m.", "Ph.D."]);
        assert_eq!(texts("George W. Bush"), ["George", "W.", "Bush"]);
        assert_eq!(texts("etc.)"), ["etc.", ")"]);
        assert_eq!(texts("the end."), ["the", "end", "."]);
        assert_eq!(texts("No. 5"), ["No.", "5"]);
        assert_eq!(texts("said No. Then"), ["said", "No", ".", "Then"]);
        assert_eq!(texts("etc..."), ["etc", "..."]);
        assert_eq!(toks("U.S.")[0].1, W);
    }

    #[test]
    fn urls_emails_domains() {
        assert_eq!(
            texts("watch republicpolicy.com now"),
            ["watch", "republicpolicy.com", "now"]
        );
        assert_eq!(
            toks("(see https://example.com/a_(b)?q=1).")
                .into_iter()
                .map(|(t, _)| t)
                .collect::<Vec<_>>(),
            ["(", "see", "https://example.com/a_(b)?q=1", ")", "."]
        );
        assert_eq!(toks("www.bbc.co.uk.")[0], ("www.bbc.co.uk".into(), S));
        assert_eq!(
            toks("mail john.doe@example.com.")[1],
            ("john.doe@example.com".into(), S)
        );
        assert_eq!(texts("http:// x"), ["http", ":", "/", "/", "x"]);
    }

    #[test]
    fn symbols_and_other_scripts() {
        assert_eq!(texts("Київ — 👍🏽 ok"), ["Київ", "—", "👍🏽", "ok"]);
        assert_eq!(texts("AT&T R&D a & b"), ["AT&T", "R&D", "a", "&", "b"]);
        assert_eq!(texts("cafe\u{301} x"), ["cafe\u{301}", "x"]);
        assert_eq!(texts("\u{FEFF}a\u{200B} b"), ["a", "b"]);
        assert_eq!(texts("👩\u{200D}🚒!"), ["👩\u{200D}🚒", "!"]);
    }
}
