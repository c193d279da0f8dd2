//! The scanner: one sentence's tokens, left to right, with short look-arounds.

use super::lexicon::{self as lx, BoundWord, CasualtyKind};
use super::{QuantitiesConfig, TaggedQuantity};
use sitrep_model::{Bound, QuantityCategory, Span, Token, TokenKind};

/// A token's text lower-cased (ASCII) in a stack buffer.
#[derive(Clone, Copy)]
pub(crate) struct Lw {
    buf: [u8; 32],
    len: u8,
}

impl Lw {
    pub(crate) fn new(w: &str) -> Self {
        let mut buf = [0u8; 32];
        let len = match lx::lower(w, &mut buf) {
            Some(s) => s.len(),
            None => 0,
        };
        Self {
            buf,
            len: u8::try_from(len).unwrap_or(0),
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        self.buf
            .get(..usize::from(self.len))
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

/// The number itself, before modifiers.
#[derive(Debug, Clone)]
struct Core {
    /// First token.
    a: usize,
    /// One past the last token.
    b: usize,
    value: f64,
    max: Option<f64>,
    /// A bound implied by the form ("dozens" → at least).
    bound: Option<Bound>,
    unit: Option<&'static str>,
    /// Vague amounts and fractions take their head after "of".
    of_head: bool,
    /// Had a scale word ("million").
    scaled: bool,
}

pub(crate) struct Scanner<'a> {
    text: &'a str,
    toks: &'a [Token],
    skip: &'a [Span],
    cfg: &'a QuantitiesConfig,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(
        text: &'a str,
        toks: &'a [Token],
        skip: &'a [Span],
        cfg: &'a QuantitiesConfig,
        _dates_known: bool,
    ) -> Self {
        Self {
            text,
            toks,
            skip,
            cfg,
        }
    }

    fn raw(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.span.range()))
            .unwrap_or("")
    }

    fn lw(&self, i: usize) -> Lw {
        Lw::new(self.raw(i))
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.raw(i).eq_ignore_ascii_case(w)
    }

    fn skipped(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return true;
        };
        let k = self.skip.partition_point(|s| s.end <= t.span.start);
        self.skip.get(k).is_some_and(|s| s.start < t.span.end)
    }

    pub(crate) fn run(&self, out: &mut Vec<TaggedQuantity>) {
        let n = self.toks.len();
        let mut i = 0;
        let mut consumed = 0usize;
        while i < n {
            if self.skipped(i) {
                i += 1;
                continue;
            }
            match self.core_at(i) {
                Some(core) => {
                    let next = core.b.max(i + 1);
                    if let Some((q, end)) = self.complete(core, consumed) {
                        out.push(q);
                        consumed = end;
                        i = end.max(next);
                    } else {
                        i = next;
                    }
                }
                None => i += 1,
            }
        }
    }

    /// Parses the number starting at token `i`.
    fn core_at(&self, i: usize) -> Option<Core> {
        let raw = self.raw(i);
        let kind = self.kind(i)?;
        match kind {
            TokenKind::Number => self.numeral_core(i, None),
            TokenKind::Symbol => {
                let unit = lx::currency_symbol(raw)?;
                if self.kind(i + 1) == Some(TokenKind::Number) && !self.skipped(i + 1) {
                    let mut c = self.numeral_core(i + 1, Some(unit))?;
                    c.a = i;
                    Some(c)
                } else {
                    None
                }
            }
            TokenKind::Word => self.word_core(i),
            TokenKind::Punct => None,
        }
    }

    fn numeral_core(&self, i: usize, currency: Option<&'static str>) -> Option<Core> {
        let raw = self.raw(i);
        let (value, max) = parse_numeral(raw)?;
        // Clock times, dates, identifiers.
        if self.date_like(i, raw) {
            return None;
        }
        let mut b = i + 1;
        let mut value = value;
        let mut max = max;
        let mut scaled = false;
        if let Some(s) = lx::scale_word(self.lw(b).as_str())
            && !(self.raw(b).len() == 1 && self.raw(b) != "m" && self.raw(b) != "b")
            && self.kind(b) == Some(TokenKind::Word)
        {
            value *= s;
            max = max.map(|m| m * s);
            b += 1;
            scaled = true;
        }
        let mut unit = currency;
        let mut of_head = false;
        if self.is(b, "%") {
            unit = Some("percent");
            of_head = true;
            b += 1;
        } else if self.is(b, "per") && self.is(b + 1, "cent") {
            unit = Some("percent");
            of_head = true;
            b += 2;
        } else if self.lw(b).as_str() == "percent" {
            unit = Some("percent");
            of_head = true;
            b += 1;
        }
        Some(Core {
            a: i,
            b,
            value,
            max,
            bound: None,
            unit,
            of_head,
            scaled,
        })
    }

    /// True when the number at `i` is part of a date, a time or an identifier.
    fn date_like(&self, i: usize, raw: &str) -> bool {
        if raw.contains(':') || raw.matches('-').count() > 1 || raw.matches('/').count() > 1 {
            return true;
        }
        if raw.matches('.').count() > 1 {
            return true;
        }
        let prev = if i > 0 { self.lw(i - 1) } else { Lw::new("") };
        let next = self.lw(i + 1);
        if lx::month_word(prev.as_str()) || lx::month_word(next.as_str()) {
            return true;
        }
        if lx::time_unit(next.as_str()) {
            return true;
        }
        if matches!(
            prev.as_str(),
            "no." | "#" | "number" | "article" | "section" | "room"
        ) {
            return true;
        }
        let digits = raw.bytes().all(|c| c.is_ascii_digit());
        if digits && raw.len() > 1 && raw.starts_with('0') {
            return true;
        }
        if digits && raw.len() == 4 {
            let y: u32 = raw.parse().unwrap_or(0);
            if (1800..=2100).contains(&y) {
                let nx = next.as_str();
                let counts = lx::person_noun(nx) || lx::unit_word(nx).is_some();
                if !counts || lx::year_preposition(prev.as_str()) {
                    return true;
                }
            }
        }
        // "the 1990s", "the '90s"
        raw.ends_with('s')
    }

    fn word_core(&self, i: usize) -> Option<Core> {
        let w = self.lw(i);
        let w = w.as_str();
        // "10km", "5m"
        if w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            let split = w.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
            let (num, suffix) = w.split_at(split);
            let unit = lx::unit_word(suffix)?;
            let (value, _) = parse_numeral(num)?;
            return Some(Core {
                a: i,
                b: i + 1,
                value,
                max: None,
                bound: None,
                unit: Some(unit),
                of_head: false,
                scaled: false,
            });
        }
        if self.cfg.fractions
            && let Some(f) = lx::fraction_word(w)
            && w != "third"
            && w != "quarter"
            && w != "fifth"
            && w != "tenth"
        {
            // "half", "two-thirds"; "half" only before "of" or a noun phrase with "a".
            if w == "half" && !self.is(i + 1, "of") {
                return None;
            }
            return Some(Core {
                a: i,
                b: i + 1,
                value: f,
                max: None,
                bound: None,
                unit: Some("fraction"),
                of_head: true,
                scaled: false,
            });
        }
        if w == "a" || w == "an" {
            let next = self.lw(i + 1);
            let nx = next.as_str();
            if self.cfg.fractions
                && let Some(f) = lx::fraction_word(nx)
                && self.is(i + 2, "of")
            {
                return Some(Core {
                    a: i,
                    b: i + 2,
                    value: f,
                    max: None,
                    bound: None,
                    unit: Some("fraction"),
                    of_head: true,
                    scaled: false,
                });
            }
            if nx == "dozen" {
                let mut c = self.chain(i + 1, 1.0)?;
                c.a = i;
                return Some(c);
            }
            if let Some(s) = lx::scale_word(nx)
                && self.raw(i + 1).len() > 2
            {
                let mut c = self.chain(i + 2, s)?;
                c.a = i;
                c.scaled = true;
                return Some(c);
            }
            if nx == "few" || nx == "couple" {
                // "a few hundred", "a couple of thousand"
                let mut j = i + 2;
                if self.is(j, "of") {
                    j += 1;
                }
                let s = lx::scale_word(self.lw(j).as_str())?;
                return Some(Core {
                    a: i,
                    b: j + 1,
                    value: 2.0 * s,
                    max: None,
                    bound: Some(Bound::AtLeast),
                    unit: None,
                    of_head: false,
                    scaled: true,
                });
            }
            return None;
        }
        if self.cfg.vague {
            if let Some(c) = lx::vague_count(w) {
                let s = lx::scale_word(self.lw(i + 1).as_str())?;
                if self.raw(i + 1).len() <= 2 {
                    return None;
                }
                return Some(Core {
                    a: i,
                    b: i + 2,
                    value: c * s,
                    max: None,
                    bound: Some(Bound::AtLeast),
                    unit: None,
                    of_head: false,
                    scaled: true,
                });
            }
            if let Some(v) = lx::vague_plural(w) {
                let mut value = v;
                let mut b = i + 1;
                // "tens of thousands", "hundreds of thousands"
                if self.is(b, "of")
                    && let Some(v2) = lx::vague_plural(self.lw(b + 1).as_str())
                    && v2 > v
                {
                    value = v / 2.0 * v2 / 2.0 * 2.0;
                    b += 2;
                } else if w == "tens" {
                    return None;
                }
                if !self.is(b, "of") && !self.np_word_follows(b) {
                    return None;
                }
                return Some(Core {
                    a: i,
                    b,
                    value,
                    max: None,
                    bound: Some(Bound::AtLeast),
                    unit: None,
                    of_head: true,
                    scaled: false,
                });
            }
        }
        let v = lx::number_word(w)?;
        if w == "one" && !self.one_counts(i) {
            return None;
        }
        if w == "dozen" {
            return None;
        }
        if w == "may" {
            return None;
        }
        let _ = v;
        self.chain(i, 1.0).map(|mut c| {
            c.a = i;
            c
        })
    }

    /// Continues a number word with scale words: "two hundred thousand".
    fn chain(&self, i: usize, first: f64) -> Option<Core> {
        let w = self.lw(i);
        let mut value = match lx::number_word(w.as_str()) {
            Some(v) if first == 1.0 || lx::scale_word(w.as_str()).is_none() => v * first,
            _ => first,
        };
        let mut b = if lx::number_word(w.as_str()).is_some() {
            i + 1
        } else {
            i
        };
        let mut scaled = false;
        while let Some(s) = lx::scale_word(self.lw(b).as_str()) {
            if self.raw(b).len() <= 2 {
                break;
            }
            value *= s;
            b += 1;
            scaled = true;
        }
        if b == i && first == 1.0 {
            return None;
        }
        Some(Core {
            a: i,
            b,
            value,
            max: None,
            bound: None,
            unit: None,
            of_head: false,
            scaled,
        })
    }

    /// "one" counts a noun ("one soldier"), not a pronoun ("one of them", "one has").
    fn one_counts(&self, i: usize) -> bool {
        if !self.cfg.include_one || self.kind(i + 1) != Some(TokenKind::Word) {
            return false;
        }
        let next = self.lw(i + 1);
        let nx = next.as_str();
        if lx::np_stop(nx)
            || matches!(
                nx,
                "another"
                    | "day"
                    | "time"
                    | "way"
                    | "thing"
                    | "point"
                    | "side"
                    | "hand"
                    | "other"
                    | "more"
                    | "less"
                    | "year"
                    | "week"
                    | "month"
                    | "another's"
            )
            || nx.ends_with("ly")
        {
            return false;
        }
        if i > 0 {
            let prev = self.lw(i - 1);
            if matches!(
                prev.as_str(),
                "the"
                    | "no"
                    | "this"
                    | "that"
                    | "which"
                    | "each"
                    | "every"
                    | "any"
                    | "only"
                    | "someone"
                    | "anyone"
                    | "no-"
                    | "number"
            ) {
                return false;
            }
        }
        true
    }

    fn np_word_follows(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word) && !lx::np_stop(self.lw(i).as_str())
    }

    /// Adds modifiers, ranges, the head noun and the category.
    fn complete(&self, core: Core, consumed: usize) -> Option<(TaggedQuantity, usize)> {
        let mut a = core.a;
        let mut b = core.b;
        let mut value = core.value;
        let mut max = core.max;
        let mut bound = core.bound.unwrap_or(if max.is_some() {
            Bound::Range
        } else {
            Bound::Exact
        });
        let mut unit = core.unit;
        let mut approx_cue = None;

        // Range: "5 to 7", "5-7", "between 5 and 7", "two or three".
        let between = a > consumed && (self.is(a - 1, "between") || self.is(a - 1, "from"));
        let joiner = self.lw(b);
        let joins = matches!(joiner.as_str(), "to" | "-" | "–" | "—" | "or")
            || (between && joiner.as_str() == "and");
        if joins
            && max.is_none()
            && let Some(c2) = self.core_at(b + 1)
            && !self.skipped(b + 1)
            && c2.value > value
        {
            let mut lo = value;
            if c2.scaled && !core.scaled {
                let s = scale_of(c2.value);
                if lo * s <= c2.value {
                    lo *= s;
                }
            }
            value = lo;
            max = Some(c2.value);
            bound = Bound::Range;
            if unit.is_none() {
                unit = c2.unit;
            }
            b = c2.b;
            if between {
                a -= 1;
            }
        }

        // Modifiers before the figure.
        if bound != Bound::Range {
            let mut best: Option<(usize, BoundWord)> = None;
            for (phrase, bw) in lx::PRE_MODIFIERS {
                let len = phrase.len();
                if a < len || a - len < consumed {
                    continue;
                }
                let start = a - len;
                if phrase
                    .iter()
                    .enumerate()
                    .all(|(k, w)| self.is(start + k, w))
                    && best.is_none_or(|(s, _)| start < s)
                {
                    best = Some((start, *bw));
                }
            }
            if let Some((start, bw)) = best {
                // "some" only before numerals and number words, not "some of".
                let w0 = self.lw(start);
                let ok = !(w0.as_str() == "some" && core.bound.is_some());
                if ok {
                    bound = match bw {
                        BoundWord::Exact => bound,
                        BoundWord::Approx => Bound::Approx,
                        BoundWord::AtLeast => Bound::AtLeast,
                        BoundWord::AtMost => Bound::AtMost,
                    };
                    if bw == BoundWord::Approx {
                        approx_cue = self.span_of(start, a);
                    }
                    a = start;
                }
            }
        }
        // Modifiers after: "or more", "or so", "-plus", "+".
        if bound != Bound::Range {
            let w = self.lw(b);
            let w2 = self.lw(b + 1);
            match (w.as_str(), w2.as_str()) {
                ("or", "more") => {
                    bound = Bound::AtLeast;
                    b += 2;
                }
                ("or", "so") => {
                    bound = Bound::Approx;
                    approx_cue = self.span_of(b, b + 2);
                    b += 2;
                }
                ("or", "fewer" | "less") => {
                    bound = Bound::AtMost;
                    b += 2;
                }
                ("+", _) | ("plus", _) => {
                    bound = Bound::AtLeast;
                    b += 1;
                }
                _ => {}
            }
        }

        // Unit or head noun.
        let mut head: Option<(usize, usize)> = None;
        let mut j = b;
        if core.of_head && self.is(j, "of") {
            j += 1;
            while matches!(
                self.lw(j).as_str(),
                "the" | "their" | "its" | "his" | "her" | "our" | "those" | "these" | "them"
            ) {
                if self.is(j, "them") {
                    break;
                }
                j += 1;
            }
        }
        let first = self.lw(j);
        let second = self.lw(j + 1);
        let mut area = false;
        if unit.is_none() || unit == Some("USD") || unit == Some("EUR") || unit == Some("GBP") {
            let f = first.as_str();
            let s = second.as_str();
            if (f == "square" || f == "sq" || f == "sq.")
                && let Some(u) = lx::unit_word(s)
            {
                unit = Some(match u {
                    "km" => "km2",
                    "mi" => "mi2",
                    "m" => "m2",
                    other => other,
                });
                area = true;
                head = Some((j, j + 2));
                j += 2;
            } else if let Some(u) = lx::unit_word(f)
                && !(f == "pounds" && unit.is_some())
            {
                if unit.is_none() || u == "USD" || u == "EUR" {
                    unit = Some(u);
                }
                area = matches!(u, "km2" | "ha" | "acre");
                head = Some((j, j + 1));
                j += 1;
            }
        }
        if head.is_none() {
            head = self.noun_phrase(j);
        }
        let head_text = head.and_then(|(h0, h1)| {
            let s = self.span_of(h0, h1)?;
            // The head is the last word of the phrase (or the unit phrase itself).
            if unit.is_some() && Some(h0) == Some(j.saturating_sub(h1 - h0)) && h1 - h0 <= 2 {
                return self.text.get(s.range()).map(str::to_owned);
            }
            Some(self.raw(h1 - 1).to_owned())
        });
        let head_end = head.map_or(b, |(_, h1)| h1);
        let head_word = head.map(|(_, h1)| self.lw(h1 - 1));

        // Category.
        let category = if area || matches!(unit, Some("km2" | "mi2" | "m2" | "ha" | "acre")) {
            QuantityCategory::Area
        } else {
            let hw = head_word
                .as_ref()
                .map(|w| w.as_str().to_owned())
                .unwrap_or_default();
            let raw_head = head.map(|(_, h1)| self.raw(h1 - 1)).unwrap_or("");
            let peopleish = lx::person_noun(&hw)
                || (raw_head.chars().next().is_some_and(char::is_uppercase)
                    && (raw_head.ends_with("ans")
                        || raw_head.ends_with("ese")
                        || raw_head.ends_with("is")))
                || (head.is_none() && unit.is_none());
            if unit.is_some() && unit != Some("fraction") || !peopleish {
                QuantityCategory::Other
            } else {
                let cas = self.casualty_context(a, head_end, &hw);
                match cas {
                    Some(c) => c,
                    None if lx::troop_noun(&hw) => QuantityCategory::Troops,
                    None => QuantityCategory::Other,
                }
            }
        };
        let span = self.span_of(a, b)?;
        let head_span = head.and_then(|(h0, h1)| {
            if unit.is_some() && h1 - h0 <= 2 {
                self.span_of(h0, h1)
            } else {
                self.span_of(h1 - 1, h1)
            }
        });
        Some((
            TaggedQuantity {
                span,
                value,
                bound,
                max,
                head: head_text,
                head_span,
                unit: unit.map(str::to_owned),
                category,
                approx_cue,
            },
            b,
        ))
    }

    /// The noun phrase after a figure: (first token, one past the head).
    fn noun_phrase(&self, j: usize) -> Option<(usize, usize)> {
        let mut k = j;
        let mut last = None;
        while k < self.toks.len() && k < j + self.cfg.max_head_words {
            if self.kind(k) != Some(TokenKind::Word) || self.skipped(k) {
                break;
            }
            let w = self.lw(k);
            let w = w.as_str();
            if lx::np_stop(w) || lx::month_word(w) {
                break;
            }
            let taken = last.is_some();
            if taken && (w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly")) {
                break;
            }
            if !taken && w.ends_with("ly") {
                break;
            }
            last = Some(k + 1);
            k += 1;
            // A hyphenated word in the phrase ends it only if it looks like a verb form.
        }
        last.map(|e| (j, e))
    }

    /// What happened to the people counted: casualty words near the figure.
    fn casualty_context(&self, a: usize, head_end: usize, head: &str) -> Option<QuantityCategory> {
        let mut killed = false;
        let mut injured = false;
        let mut other = None;
        let mut note = |k: Option<CasualtyKind>| match k {
            Some(CasualtyKind::Killed) => killed = true,
            Some(CasualtyKind::Injured) => injured = true,
            Some(CasualtyKind::Both) => {
                other = other.or(Some(CasualtyKind::Both));
            }
            Some(k) => other = other.or(Some(k)),
            None => {}
        };
        note(lx::casualty_word(head));
        // After the head: "were (either) killed or injured", "killed", "dead".
        let mut k = head_end;
        let stop = (head_end + 8).min(self.toks.len());
        while k < stop {
            let w = self.lw(k);
            let w = w.as_str();
            if matches!(
                w,
                "," | "." | ";" | ":" | "“" | "\"" | "”" | "who" | "which"
            ) && k > head_end
            {
                if w != "," {
                    break;
                }
                if k > head_end + 1 {
                    break;
                }
            }
            if matches!(w, "and" | "while" | "but") && k > head_end + 4 {
                break;
            }
            note(lx::casualty_word(w));
            k += 1;
        }
        // Before the figure: "captured two soldiers", "killing 12 people".
        let mut k = a;
        let lo = a.saturating_sub(3);
        while k > lo {
            k -= 1;
            let w = self.lw(k);
            let w = w.as_str();
            if matches!(w, "," | "." | ";" | "the") {
                break;
            }
            note(lx::casualty_word(w));
        }
        lx::casualty_category(killed, injured, other)
    }

    fn span_of(&self, a: usize, b: usize) -> Option<Span> {
        if b <= a {
            return None;
        }
        let s = self.toks.get(a)?.span.start;
        let e = self.toks.get(b - 1)?.span.end;
        Some(Span::new(s, e))
    }
}

/// The scale (1, 1e3, 1e6, ...) of a scaled value, for "5 to 7 million".
fn scale_of(v: f64) -> f64 {
    for s in [1e12, 1e9, 1e6, 1e3] {
        if v >= s {
            return s;
        }
    }
    1.0
}

/// Parses a numeral token: "1,000", "3.5", "5-7" (a range), "1/2" (a fraction).
pub(crate) fn parse_numeral(raw: &str) -> Option<(f64, Option<f64>)> {
    if let Some((x, y)) = raw.split_once(['-', '–']) {
        let (a, _) = parse_numeral(x)?;
        let (b, _) = parse_numeral(y)?;
        return (b > a).then_some((a, Some(b)));
    }
    if let Some((x, y)) = raw.split_once('/') {
        let a: f64 = x.parse().ok()?;
        let b: f64 = y.parse().ok()?;
        return (b > 0.0 && a < b && b <= 10.0).then_some((a / b, None));
    }
    if raw.is_empty()
        || !raw
            .bytes()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == b'.')
    {
        return None;
    }
    // Thousands separators must group by three.
    let (int, frac) = match raw.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (raw, None),
    };
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 {
            return None;
        }
        if !groups.all(|g| g.len() == 3) {
            return None;
        }
    }
    let digits: String = int.chars().filter(|c| *c != ',').collect();
    if !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let s = match frac {
        Some(f) => format!("{}.{}", if digits.is_empty() { "0" } else { &digits }, f),
        None => digits,
    };
    let v: f64 = s.parse().ok()?;
    v.is_finite().then_some((v, None))
}
