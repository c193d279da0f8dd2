//! Lines and paragraphs.

use crate::ParagraphMode;
use crate::chars::is_space;

/// One line: `start..end` excludes the line terminator.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// Terminated by a form feed or U+2029 PARAGRAPH SEPARATOR, which always end a paragraph.
    hard: bool,
}

/// Lines split at LF, CR LF, CR, VT, FF, NEL, U+2028 and U+2029.
struct Lines<'a> {
    bytes: &'a [u8],
    pos: usize,
    done: bool,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            bytes: text.as_bytes(),
            pos: 0,
            done: false,
        }
    }
}

impl Iterator for Lines<'_> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        if self.done {
            return None;
        }
        let start = self.pos;
        let mut i = start;
        while let Some(&b) = self.bytes.get(i) {
            let at = |k: usize| self.bytes.get(i + k).copied();
            // (terminator length, hard)
            let term = match b {
                b'\n' | 0x0B => Some((1, false)),
                b'\r' => Some((if at(1) == Some(b'\n') { 2 } else { 1 }, false)),
                0x0C => Some((1, true)),
                0xC2 if at(1) == Some(0x85) => Some((2, false)),
                0xE2 if at(1) == Some(0x80) && at(2) == Some(0xA8) => Some((3, false)),
                0xE2 if at(1) == Some(0x80) && at(2) == Some(0xA9) => Some((3, true)),
                _ => None,
            };
            if let Some((len, hard)) = term {
                self.pos = i + len;
                return Some(Line {
                    start,
                    end: i,
                    hard,
                });
            }
            i += 1;
        }
        self.done = true;
        Some(Line {
            start,
            end: self.bytes.len(),
            hard: false,
        })
    }
}

/// The line's text without surrounding whitespace, or `None` for a blank line.
fn trimmed(text: &str, line: Line) -> Option<(usize, usize)> {
    let s = text.get(line.start..line.end)?;
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let core = s.trim_matches(is_space);
    if core.is_empty() {
        return None;
    }
    let start = line.start + lead;
    Some((start, start + core.len()))
}

/// True when a blank line (or a hard paragraph break) separates two non-blank lines.
fn has_blank_line_breaks(text: &str) -> bool {
    let (mut seen, mut gap) = (false, false);
    for line in Lines::new(text) {
        if trimmed(text, line).is_none() {
            gap |= seen;
        } else {
            if gap {
                return true;
            }
            seen = true;
            gap = line.hard;
        }
    }
    false
}

/// Paragraph spans (trimmed byte ranges) in text order.
pub(crate) fn paragraphs(text: &str, mode: ParagraphMode) -> Vec<(usize, usize)> {
    let blank_lines = match mode {
        ParagraphMode::Auto => has_blank_line_breaks(text),
        ParagraphMode::BlankLines => true,
        ParagraphMode::Lines => false,
    };
    let mut out = Vec::new();
    if !blank_lines {
        out.extend(Lines::new(text).filter_map(|l| trimmed(text, l)));
        return out;
    }
    let mut cur: Option<(usize, usize)> = None;
    for line in Lines::new(text) {
        match trimmed(text, line) {
            None => out.extend(cur.take()),
            Some((s, e)) => {
                cur = Some(cur.map_or((s, e), |(cs, _)| (cs, e)));
                if line.hard {
                    out.extend(cur.take());
                }
            }
        }
    }
    out.extend(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str, mode: ParagraphMode) -> Vec<&str> {
        paragraphs(text, mode)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn one_paragraph_per_line_without_blank_lines() {
        let t = "  Headline\nFirst para.\r\nSecond para.  \n";
        assert_eq!(
            paras(t, ParagraphMode::Auto),
            ["Headline", "First para.", "Second para."]
        );
    }

    #[test]
    fn blank_lines_separate_and_single_newlines_wrap() {
        let t = "Title line\nstill title\n\n  \t\nBody wraps\nhere.\n\nEnd.";
        assert_eq!(
            paras(t, ParagraphMode::Auto),
            ["Title line\nstill title", "Body wraps\nhere.", "End."]
        );
        // forced line mode
        assert_eq!(paras(t, ParagraphMode::Lines).len(), 5);
    }

    #[test]
    fn leading_and_trailing_blank_lines_do_not_switch_mode() {
        let t = "\n\n  \nOne\nTwo\n\n\n";
        assert_eq!(paras(t, ParagraphMode::Auto), ["One", "Two"]);
        assert_eq!(paras(t, ParagraphMode::BlankLines), ["One\nTwo"]);
    }

    #[test]
    fn other_line_terminators() {
        let t = "a\rb\u{2028}c\u{85}d\u{0B}e";
        assert_eq!(paras(t, ParagraphMode::Auto), ["a", "b", "c", "d", "e"]);
        // a paragraph separator or form feed is a paragraph break even between wrapped lines
        let t = "a\nb\u{2029}c\nd\u{0C}e\n\nf";
        assert_eq!(paras(t, ParagraphMode::Auto), ["a\nb", "c\nd", "e", "f"]);
        assert!(paras("", ParagraphMode::Auto).is_empty());
        assert!(paras(" \n\u{FEFF}\n", ParagraphMode::Auto).is_empty());
    }
}
