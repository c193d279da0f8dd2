//! Character classes and O(1) character access by byte offset.

/// The character starting at byte `i`, if `i` is in bounds and on a char boundary.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// The character ending at byte `i`.
#[inline]
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i)?.chars().next_back()
}

/// Invisible format characters that separate nothing visible: zero-width space, word joiner,
/// byte-order mark, direction marks, soft hyphen, zero-width (non-)joiners. They never start or
/// end a span; inside a word (followed by a letter or digit) they are kept in the token.
#[inline]
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2060}'
            | '\u{FEFF}'
    )
}

/// Whitespace in the sense of `char::is_whitespace` (what `str::trim` removes) plus the
/// invisible format characters.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Combining marks that extend the preceding letter (not all of them are `Alphabetic`).
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x05BF | 0x05C1 | 0x05C2 | 0x05C4 | 0x05C5 | 0x05C7
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E4
        | 0x06E7 | 0x06E8
        | 0x06EA..=0x06ED
        | 0x0E31
        | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
    )
}

/// Letters, digits and combining marks: the stuff words and numbers are made of.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Punctuation (as opposed to symbols): sentence and clause marks, quotes, brackets, dashes,
/// hyphens, slashes, bullets.
pub(crate) fn is_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\''
            | '"'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '-'
            | '/'
            | '\\'
            | '`'
            | '¡'
            | '¿'
            | '«'
            | '»'
            | '·'
            | '‐'..='‧'
            | '‹'
            | '›'
            | '‽'
            | '⁇'..='⁉'
            | '、'
            | '。'
            | '〈'..='】'
            | '〔'..='〟'
            | '！'
            | '＂'
            | '＇'
            | '（'
            | '）'
            | '，'
            | '．'
            | '：'
            | '；'
            | '？'
            | '［'
            | '］'
            | '｛'
            | '｝'
    )
}

/// Emoji modifiers and joiners that belong to the symbol before them.
#[inline]
pub(crate) fn is_symbol_extender(c: char) -> bool {
    matches!(c as u32, 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0x20E3 | 0xE0020..=0xE007F)
        || is_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_is_boundary_safe() {
        let s = "aé–b";
        assert_eq!(char_at(s, 1), Some('é'));
        assert_eq!(char_at(s, 2), None); // inside é
        assert_eq!(char_before(s, 3), Some('é'));
        assert_eq!(char_before(s, 0), None);
        assert_eq!(char_at(s, 99), None);
    }

    #[test]
    fn classes() {
        assert!(is_space('\u{00A0}') && is_space('\u{FEFF}') && is_space('\n'));
        assert!(!is_space('a'));
        assert!(is_punct('—') && is_punct('“') && is_punct('…') && is_punct('。'));
        assert!(!is_punct('$') && !is_punct('%') && !is_punct('€'));
        assert!(is_word_char('Ї') && is_word_char('\u{0301}') && is_word_char('7'));
    }
}
