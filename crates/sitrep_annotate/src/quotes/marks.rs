//! Quotation marks: pairing opening and closing marks within paragraphs, and joining quotes
//! that run over several paragraphs (each continued paragraph opens again, none closes but
//! the last).

use sitrep_model::Span;

/// A quotation found between marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marked {
    /// Byte offset of the opening mark.
    pub(crate) open: usize,
    /// Length of the opening mark in bytes.
    pub(crate) open_len: usize,
    /// Byte offset of the closing mark, `None` when the quote runs to the paragraph end.
    pub(crate) close: Option<usize>,
    /// Length of the closing mark.
    pub(crate) close_len: usize,
    /// The words inside the marks, trimmed.
    pub(crate) content: Span,
}

impl Marked {
    /// From the opening mark to the end of the closing mark (or content).
    pub(crate) fn outer(&self) -> (usize, usize) {
        let end = match self.close {
            Some(c) => c + self.close_len,
            None => self.content.end_usize(),
        };
        (self.open, end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// “ ” and „
    Curly,
    /// "
    Straight,
    /// « »
    Guillemet,
    /// ‘ ’
    CurlySingle,
    /// '
    StraightSingle,
    /// `` ''
    Tex,
    /// '' '' (newswire using two apostrophes for both marks)
    DoubleApos,
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

fn is_space_or_open(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | ':' | '“' | '"'),
    }
}

/// Finds the quotations of each paragraph (`paras`: sorted byte ranges of `text`).
pub(crate) fn find(text: &str, paras: &[(usize, usize)]) -> Vec<Marked> {
    let mut out: Vec<Marked> = Vec::new();
    // An unclosed quote at the end of the previous paragraph, waiting for a continuation.
    let mut pending: Option<(Marked, Family)> = None;
    for &(pa, pb) in paras {
        let Some(p) = text.get(pa..pb) else {
            continue;
        };
        let mut found: Vec<(Marked, Family)> = Vec::new();
        let mut open: Option<(usize, usize, Family)> = None;
        let mut prev: Option<char> = None;
        let mut it = p.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let next = it.peek().map(|&(_, c)| c);
            let at = pa + i;
            let len = c.len_utf8();
            if c == '\'' && next == Some('\'') {
                // `''`: closes a `''` or ``` `` ``` quote, opens one before a word.
                it.next();
                let after = it.peek().map(|&(_, c)| c);
                match open {
                    Some((o, ol, Family::Tex | Family::DoubleApos))
                        if prev.is_some_and(|c| !c.is_whitespace()) =>
                    {
                        let fam = open.map_or(Family::DoubleApos, |(_, _, f)| f);
                        found.push((mk(text, o, ol, Some(at), 2), fam));
                        open = None;
                    }
                    None if is_space_or_open(prev) && after.is_some_and(|c| !c.is_whitespace()) => {
                        open = Some((at, 2, Family::DoubleApos));
                    }
                    _ => {}
                }
                prev = Some('\'');
                continue;
            }
            match (c, open) {
                ('“' | '„', None) => open = Some((at, len, Family::Curly)),
                // An unclosed quote opened again: the earlier mark was stray.
                ('“', Some((_, _, Family::Curly))) if is_word(next) => {
                    open = Some((at, len, Family::Curly));
                }
                ('”', Some((o, ol, Family::Curly | Family::Straight))) => {
                    let fam = open.map_or(Family::Curly, |(_, _, f)| f);
                    found.push((mk(text, o, ol, Some(at), len), fam));
                    open = None;
                }
                ('"', Some((o, ol, Family::Curly)))
                    if prev.is_some_and(|c| !c.is_whitespace()) && !is_word(next) =>
                {
                    found.push((mk(text, o, ol, Some(at), len), Family::Curly));
                    open = None;
                }
                ('"', None) if !is_word(prev) || is_space_or_open(prev) => {
                    open = Some((at, len, Family::Straight));
                }
                ('"', Some((o, ol, Family::Straight))) => {
                    found.push((mk(text, o, ol, Some(at), len), Family::Straight));
                    open = None;
                }
                ('«', None) => open = Some((at, len, Family::Guillemet)),
                ('»', Some((o, ol, Family::Guillemet))) => {
                    found.push((mk(text, o, ol, Some(at), len), Family::Guillemet));
                    open = None;
                }
                ('‘', None) if is_space_or_open(prev) && is_word(next) => {
                    open = Some((at, len, Family::CurlySingle));
                }
                ('’', Some((o, ol, Family::CurlySingle)))
                    if !is_word(next) && prev.is_some_and(|c| !c.is_whitespace()) =>
                {
                    // "soldiers’ families": a plural possessive, not a close, when a lower-case
                    // word follows after one space.
                    found.push((mk(text, o, ol, Some(at), len), Family::CurlySingle));
                    open = None;
                }
                ('\'', None) if is_space_or_open(prev) && next.is_some_and(char::is_alphabetic) => {
                    open = Some((at, len, Family::StraightSingle));
                }
                ('\'', Some((o, ol, Family::StraightSingle)))
                    if !is_word(next) && prev.is_some_and(|c| !c.is_whitespace()) =>
                {
                    found.push((mk(text, o, ol, Some(at), len), Family::StraightSingle));
                    open = None;
                }
                ('`', None) if next == Some('`') => {
                    it.next();
                    open = Some((at, 2, Family::Tex));
                }
                _ => {}
            }
            prev = Some(c);
        }
        // A continuation: the previous paragraph left a quote open and this one opens again.
        if let Some((first, fam)) = pending.take() {
            let starts_again = found
                .first()
                .is_some_and(|(m, f)| *f == fam && m.open == pa)
                || open.is_some_and(|(o, _, f)| f == fam && o == pa && found.is_empty());
            if starts_again {
                if let Some((m, _)) = found.first_mut() {
                    m.open = first.open;
                    m.open_len = first.open_len;
                    m.content = Span::new(first.content.start, m.content.end);
                } else if let Some((_, _, f)) = open {
                    // Still open: carry on to the next paragraph.
                    let joined = Marked {
                        content: Span::new(first.content.start, trim_end(text, pa, pb)),
                        ..first
                    };
                    pending = Some((joined, f));
                    continue;
                }
            } else {
                out.push(first);
            }
        }
        // Single quotes are only trusted when closed and holding at least two words.
        found.retain(|(m, f)| {
            !matches!(f, Family::CurlySingle | Family::StraightSingle)
                || text
                    .get(m.content.range())
                    .is_some_and(|s| s.split_whitespace().nth(1).is_some())
        });
        out.extend(found.into_iter().map(|(m, _)| m));
        if let Some((o, ol, f)) = open
            && !matches!(f, Family::CurlySingle | Family::StraightSingle)
        {
            let m = Marked {
                open: o,
                open_len: ol,
                close: None,
                close_len: 0,
                content: trimmed(text, o + ol, pb),
            };
            pending = Some((m, f));
        }
    }
    if let Some((m, _)) = pending {
        out.push(m);
    }
    out.retain(|m| !m.content.is_empty());
    out.sort_by_key(|m| m.open);
    out
}

fn mk(text: &str, open: usize, open_len: usize, close: Option<usize>, close_len: usize) -> Marked {
    let end = close.unwrap_or(text.len());
    Marked {
        open,
        open_len,
        close,
        close_len,
        content: trimmed(text, open + open_len, end),
    }
}

fn trim_end(text: &str, a: usize, b: usize) -> u32 {
    trimmed(text, a, b).end
}

/// `text[a..b]` without surrounding white space, as a span (empty at `a` when blank).
pub(crate) fn trimmed(text: &str, a: usize, b: usize) -> Span {
    let Some(s) = text.get(a..b) else {
        return Span::new(a as u32, a as u32);
    };
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    let start = a + lead;
    Span::new(start as u32, (start + t.len()) as u32)
}
