//! The grammar: recognises temporal expressions in a token list and describes each one as an
//! unresolved [`Expr`]. Resolution against the anchor happens in `resolve`.
//!
//! Spans follow TimeML: prepositions ("on", "in", "for", "at") stay outside, determiners and
//! modifiers that belong to the expression ("the", "last", "early") are inside.

use super::lex::{DayPart, Kind, Kw, Lex, Tok, Unit};

/// `CalSpec::Holiday::offset` for "Easter week": the week holding the holiday.
pub(crate) const WEEK_OF: i8 = i8::MAX;

/// Which occurrence of a partially specified date is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// No word says: the tense decides (past by default).
    Auto,
    /// "last": the nearest occurrence strictly before the anchor.
    Past,
    /// "this": the occurrence in the anchor's current period.
    This,
    /// "next", "coming": the nearest occurrence strictly after the anchor.
    Future,
}

/// The tense of the clause around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

/// A calendar expression before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CalSpec {
    Date(i32, u32, u32),
    YearMonth(i32, u32),
    Year(i32),
    Decade(i32),
    Century(i32),
    MonthDay {
        m: u32,
        d: u32,
        dir: Dir,
    },
    Month {
        m: u32,
        dir: Dir,
    },
    Weekday {
        wd: u32,
        dir: Dir,
    },
    Season {
        s: u8,
        year: Option<i32>,
        dir: Dir,
    },
    DayOfMonth(u32),
    Quarter {
        q: u32,
        year: Option<i32>,
        dir: Dir,
    },
    Half {
        h: u32,
        year: Option<i32>,
    },
    /// Anchor plus days ("yesterday" = -1).
    RelDay(i64),
    /// Anchor's period plus n periods ("last week" = Week, -1).
    Rel {
        unit: Unit,
        n: i64,
    },
    /// The last mentioned date plus days ("the next day" = +1).
    RefDay(i64),
    /// The last mentioned date's period plus n periods ("a year later").
    RefRel {
        unit: Unit,
        n: i64,
    },
    /// "the last week of December" (n = -1) or "the first week of March" (n = 1).
    WeekOfMonth {
        n: i32,
        m: u32,
        year: Option<i32>,
    },
    /// "the weekend", "last weekend".
    Weekend(Dir),
    /// "the quarter", "the latest quarter" (year_offset 0), "the year-ago quarter" (-1): the
    /// quarter last mentioned, else the last completed one.
    TheQuarter {
        year_offset: i32,
    },
    /// "the latest quarter": the last completed quarter before the anchor.
    LatestQuarter,
    /// "this year's third quarter".
    RelYearQuarter {
        n: i64,
        q: u32,
    },
    /// "a year ago" (`from_ref` false) or "a year earlier" (true): like `Rel`/`RefRel` with
    /// years, but read as the year-ago quarter in a sentence about a quarter.
    YearsAgo {
        n: i64,
        from_ref: bool,
    },
    /// "July last year".
    RelYearMonth {
        n: i64,
        m: u32,
    },
    /// "March 30 last year".
    RelYearDay {
        n: i64,
        m: u32,
        d: u32,
    },
    /// "that day", "that same day": the day last mentioned; nothing when the text has not
    /// named a day ("trades made that day" in a text about a month).
    ThatDay,
    /// "the week of March 6": the ISO week holding that day.
    WeekOf {
        m: u32,
        d: u32,
        year: Option<i32>,
    },
    /// A holiday ("Christmas", "Thanksgiving Day", "Christmas Eve" = Christmas, -1 day).
    Holiday {
        h: u8,
        offset: i8,
        year: Option<i32>,
        dir: Dir,
    },
    /// "the previous Friday" (relative to the last mentioned date).
    RefWeekday {
        wd: u32,
        forward: bool,
    },
}

/// A clock reading or part of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Clock {
    Hm(u32, u32),
    Part(DayPart),
}

/// The day a time of day belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DaySpec {
    /// A day mentioned next to it in the same sentence, else the anchor.
    Context,
    /// A day given with the time ("Tuesday night", "last night").
    Cal(CalSpec),
}

/// A quantity in a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qty {
    N(u32),
    /// n and a half ("2 1/2", "two and a half", "a year and a half").
    Half(u32),
    /// "several", "a few": unknown, written X.
    X,
}

/// Generic reference values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefKind {
    Past,
    Present,
    Future,
}

/// A recognised expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expr {
    Cal(CalSpec),
    Time(DaySpec, Clock),
    Duration(Qty, Unit),
    /// A recurrence: every `n` units.
    Set(Qty, Unit),
    /// Every given weekday.
    SetWeekday(u32),
    /// Every given part of the day.
    SetPart(DayPart),
    /// Every given month.
    SetMonth(u32),
    Ref(RefKind),
}

/// "early", "mid", "late" and friends: which part of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mod {
    Start,
    Mid,
    End,
    /// "earlier this month": the part before the anchor.
    Before,
    /// "later this year": the part after the anchor.
    After,
}

/// A match: tokens `start..end` and what they mean.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    pub modifier: Option<Mod>,
    /// The tense of the clause around it.
    pub tense: Tense,
}

/// Options the grammar needs from the configuration.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GrammarOptions {
    pub slash_day_first: bool,
    pub year_min: i32,
    pub year_max: i32,
}

pub(crate) struct Parser<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub opts: GrammarOptions,
}

type P = Option<(usize, Expr)>;

impl<'a> Parser<'a> {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    fn lex(&self, i: usize) -> Lex {
        self.toks.get(i).map_or(Lex::None, |t| t.lex)
    }

    fn kw(&self, i: usize, k: Kw) -> bool {
        self.lex(i) == Lex::Kw(k)
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.is_punct(c))
    }

    fn apostrophe(&self, i: usize) -> bool {
        self.punct(i, '\'') || self.punct(i, '’')
    }

    fn adjacent(&self, i: usize, j: usize) -> bool {
        match (self.tok(i), self.tok(j)) {
            (Some(a), Some(b)) => a.e == b.s,
            _ => false,
        }
    }

    fn word_text(&self, i: usize) -> &'a str {
        match self.tok(i) {
            Some(t) if t.kind == Kind::Word => {
                self.text.get(t.s as usize..t.e as usize).unwrap_or("")
            }
            _ => "",
        }
    }

    fn num(&self, i: usize) -> Option<(u32, u32)> {
        self.tok(i)
            .filter(|t| t.kind == Kind::Num)
            .map(|t| (t.val, t.len()))
    }

    fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        match self.lex(i) {
            Lex::Unit(u, pl) => Some((u, pl)),
            Lex::Part(DayPart::Night) => Some((Unit::Night, false)),
            _ => None,
        }
    }

    /// A number standing alone (not part of "1,000" or "3.5").
    fn clean_num(&self, i: usize) -> bool {
        if !self.clean_prev(i) {
            return false;
        }
        let Some(t) = self.tok(i) else { return false };
        if let Some(n) = self.tok(i + 1)
            && n.s == t.e
            && (n.is_punct(',') || n.is_punct('.'))
            && self
                .tok(i + 2)
                .is_some_and(|m| m.kind == Kind::Num && m.s == n.e)
        {
            return false;
        }
        true
    }

    /// A number not glued to a preceding number, currency sign or word.
    fn clean_prev(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if t.kind != Kind::Num {
            return false;
        }
        if i >= 1 {
            let p = &self.toks[i - 1];
            if p.e == t.s
                && (p.is_punct('.')
                    || p.is_punct(',')
                    || p.is_punct('$')
                    || p.is_punct('£')
                    || p.is_punct('€')
                    || p.is_punct('#'))
            {
                return false;
            }
            if p.e == t.s && p.kind == Kind::Word {
                return false;
            }
        }
        true
    }

    /// A four-digit year at `i`.
    fn year(&self, i: usize) -> Option<i32> {
        let (v, len) = self.num(i)?;
        if len != 4 || !self.clean_num(i) {
            return None;
        }
        let y = v as i32;
        (1000..=2199).contains(&y).then_some(y)
    }

    /// A year in digits or words ("1994", "nineteen ninety-four", "two thousand"); returns
    /// the year and the next index.
    fn year_any(&self, i: usize) -> Option<(i32, usize)> {
        if let Some(y) = self.year(i) {
            return Some((y, i + 1));
        }
        match self.lex(i) {
            Lex::Card(19) => {
                let (Qty::N(v), j) = self.qty(i + 1, false)? else {
                    return None;
                };
                (10..100).contains(&v).then_some((1900 + v as i32, j))
            }
            Lex::Card(2) if self.kw(i + 1, Kw::Thousand) => Some((2000, i + 2)),
            _ => None,
        }
    }

    /// A day of the month, with an optional ordinal suffix; returns the day and the next index.
    fn day_num(&self, i: usize) -> Option<(u32, usize)> {
        let (v, len) = self.num(i)?;
        if len > 2 || !(1..=31).contains(&v) || !self.clean_num(i) {
            return None;
        }
        let mut j = i + 1;
        if self.adjacent(i, j)
            && matches!(
                self.word_text(j).to_ascii_lowercase().as_str(),
                "st" | "nd" | "rd" | "th"
            )
        {
            j += 1;
        } else if self
            .tok(j)
            .is_some_and(|t| t.kind == Kind::Word && t.s == self.toks[i].e)
        {
            return None;
        }
        Some((v, j))
    }

    /// An ordinal: "3rd", "third", "twenty-first". Returns the value and the next index.
    fn ordinal(&self, i: usize) -> Option<(u32, usize)> {
        match self.lex(i) {
            Lex::Kw(Kw::First) => Some((1, i + 1)),
            Lex::Kw(Kw::Second) => Some((2, i + 1)),
            Lex::Ord(n) => Some((n, i + 1)),
            Lex::Card(t) if t >= 20 && t % 10 == 0 && self.punct(i + 1, '-') => {
                let (u, j) = self.ordinal(i + 2)?;
                (u < 10).then_some((t + u, j))
            }
            _ => {
                let (v, len) = self.num(i)?;
                if len > 3 || !self.adjacent(i, i + 1) {
                    return None;
                }
                let suf = self.word_text(i + 1).to_ascii_lowercase();
                matches!(suf.as_str(), "st" | "nd" | "rd" | "th").then_some((v, i + 2))
            }
        }
    }

    /// A cardinal quantity: digits, number words ("twenty-four"), "a"/"an", "several", "a few";
    /// with a half added: "2 1/2", "two and a half".
    fn qty(&self, i: usize, article: bool) -> Option<(Qty, usize)> {
        let (q, j) = self.qty_whole(i, article)?;
        let Qty::N(n) = q else { return Some((q, j)) };
        // "5 1/2"
        if self.num(j) == Some((1, 1))
            && self.punct(j + 1, '/')
            && self.adjacent(j, j + 1)
            && self.adjacent(j + 1, j + 2)
            && self.num(j + 2) == Some((2, 1))
        {
            return Some((Qty::Half(n), j + 3));
        }
        // "two and a half"
        if self.kw(j, Kw::And) && self.kw(j + 1, Kw::A) && self.kw(j + 2, Kw::Half) {
            return Some((Qty::Half(n), j + 3));
        }
        Some((q, j))
    }

    fn qty_whole(&self, i: usize, article: bool) -> Option<(Qty, usize)> {
        match self.lex(i) {
            Lex::Card(n) => {
                let mut j = i + 1;
                let mut v = n;
                if n >= 20 && n % 10 == 0 {
                    let k = if self.punct(j, '-') { j + 1 } else { j };
                    if let Lex::Card(u) = self.lex(k)
                        && u < 10
                    {
                        v += u;
                        j = k + 1;
                    }
                }
                if self.kw(j, Kw::Hundred) {
                    v *= 100;
                    j += 1;
                }
                Some((Qty::N(v), j))
            }
            Lex::Kw(Kw::A | Kw::An) if article => {
                if self.kw(i + 1, Kw::Few) || self.kw(i + 1, Kw::Couple) {
                    let j = if self.kw(i + 2, Kw::Of) { i + 3 } else { i + 2 };
                    return Some((
                        if self.kw(i + 1, Kw::Couple) {
                            Qty::N(2)
                        } else {
                            Qty::X
                        },
                        j,
                    ));
                }
                if self.kw(i + 1, Kw::Hundred) {
                    return Some((Qty::N(100), i + 2));
                }
                if let Lex::Card(12) = self.lex(i + 1) {
                    return Some((Qty::N(12), i + 2));
                }
                Some((Qty::N(1), i + 1))
            }
            Lex::Kw(Kw::Several | Kw::Few | Kw::Many | Kw::Some) => Some((Qty::X, i + 1)),
            // "the next couple of years"
            Lex::Kw(Kw::Couple) if self.kw(i + 1, Kw::Of) => Some((Qty::N(2), i + 2)),
            _ => {
                let (v, len) = self.num(i)?;
                if len > 4 || !self.clean_num(i) {
                    return None;
                }
                Some((Qty::N(v), i + 1))
            }
        }
    }

    fn month_tok(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        let Lex::Month(m, abbr) = t.lex else {
            return None;
        };
        let lower_ok = !(abbr || m == 5 || m == 3);
        if !t.caps && !lower_ok {
            return None;
        }
        let mut j = i + 1;
        if abbr && self.punct(j, '.') && self.adjacent(i, j) {
            j += 1;
        }
        Some((u32::from(m), j))
    }

    fn is_cue(&self, i: usize) -> bool {
        matches!(
            self.lex(i),
            Lex::Kw(
                Kw::In
                    | Kw::Since
                    | Kw::Until
                    | Kw::By
                    | Kw::Last
                    | Kw::This
                    | Kw::Next
                    | Kw::Early
                    | Kw::Mid
                    | Kw::Late
                    | Kw::Of
                    | Kw::From
                    | Kw::To
                    | Kw::During
                    | Kw::Before
                    | Kw::After
                    | Kw::The
                    | Kw::Past
                    | Kw::Coming
                    | Kw::End
                    | Kw::Beginning
                    | Kw::Start
                    | Kw::Middle
            )
        ) || self.punct(i, '-')
    }

    /// Parses the expression starting at token `i`, if any.
    pub fn parse_at(&self, i: usize) -> Option<Match> {
        let t = self.tok(i)?;
        if t.kind == Kind::Word && t.lex == Lex::None {
            if t.caps && t.len() == 1 && self.word_text(i) == "Q" {
                return self.finish(i, self.quarter_q(i), None);
            }
            return None;
        }
        if let Some((m, j)) = self.modifier(i)
            && let Some((end, expr)) = self.core(j)
            && matches!(expr, Expr::Cal(_) | Expr::Time(..))
        {
            return self.finish(i, Some((end, expr)), Some(m));
        }
        self.finish(i, self.core(i), None)
    }

    /// The second day of "April 24 and 25", "April 24-25, 1999", "May 3 to 5": a match for
    /// it, and the first day's expression with the year given after the second.
    pub fn day_list_tail(&self, first: &Match) -> Option<(Match, Expr)> {
        let (y, m, d, dir) = match first.expr {
            Expr::Cal(CalSpec::Date(y, m, d)) => (Some(y), m, d, Dir::Auto),
            Expr::Cal(CalSpec::MonthDay { m, d, dir }) => (None, m, d, dir),
            _ => return None,
        };
        if first.modifier.is_some() {
            return None;
        }
        let c = first.end;
        let joined = self.punct(c, '-') || self.punct(c, '–');
        if !(joined
            || matches!(self.lex(c), Lex::Kw(Kw::And | Kw::To))
            || matches!(self.word_text(c), "or" | "through"))
        {
            return None;
        }
        let (d2, mut k) = self.day_num(c + 1)?;
        // "April 24 and 25 people", "May 3 to 5 days": a count, not a day
        let counted = self.tok(k).is_some_and(|t| {
            t.kind == Kind::Word
                && match t.lex {
                    Lex::None => !t.caps,
                    Lex::Kw(_) => false,
                    _ => true,
                }
        });
        if d2 <= d || counted {
            return None;
        }
        let mut year = y;
        let k2 = if self.punct(k, ',') { k + 1 } else { k };
        if y.is_none()
            && let Some(yy) = self.year(k2)
        {
            year = Some(yy);
            k = k2 + 1;
        }
        let spec = |day: u32| match year {
            Some(y) => CalSpec::Date(y, m, day),
            None => CalSpec::MonthDay { m, d: day, dir },
        };
        if !valid(year.unwrap_or(2024), m, d2) {
            return None;
        }
        let second = Match {
            start: c + 1,
            end: k,
            expr: Expr::Cal(spec(d2)),
            modifier: None,
            tense: first.tense,
        };
        Some((second, Expr::Cal(spec(d))))
    }

    fn finish(&self, start: usize, p: P, modifier: Option<Mod>) -> Option<Match> {
        let (end, expr) = p?;
        if end <= start {
            return None;
        }
        let start = self.approximator(start, expr);
        // "Islam will one day be ...", "hopes to one day return": some day to come
        if expr == Expr::Duration(Qty::N(1), Unit::Day)
            && end == start + 2
            && self.word_text(start).eq_ignore_ascii_case("one")
            && start >= 1
            && matches!(
                self.word_text(start - 1),
                "will" | "would" | "could" | "may" | "might" | "can" | "shall" | "to" | "ll"
            )
            // a verb follows ("cut to one day of talks", "to one day." are amounts)
            && self.tok(end).is_some_and(|t| t.kind == Kind::Word && t.lex == Lex::None)
            && !matches!(
                self.word_text(end),
                "per" | "and" | "or" | "for" | "each" | "every" | "only" | "instead"
            )
        {
            return Some(Match {
                start,
                end,
                expr: Expr::Ref(RefKind::Future),
                modifier,
                tense: Tense::Future,
            });
        }
        // "Wednesday's ruling": a possessive weekday names a day that has come (TimeBank and
        // AQUAINT: 17 of 17 on or before the publication date), whatever the clause's tense,
        // even "Speaking ahead of Wednesday's hearing, he said ..."
        if matches!(expr, Expr::Cal(CalSpec::Weekday { dir: Dir::Auto, .. }))
            && self.apostrophe(end)
            && self.adjacent(end - 1, end)
            && self.word_text(end + 1) == "s"
        {
            return Some(Match {
                start,
                end,
                expr,
                modifier,
                tense: Tense::Past,
            });
        }
        let tense = self.tense(start, end);
        Some(Match {
            start,
            end,
            expr,
            modifier,
            tense,
        })
    }

    /// A quantity's approximator belongs to the expression ("nearly two years ago", "more
    /// than a decade", "at least three days"); returns the new start.
    fn approximator(&self, start: usize, expr: Expr) -> usize {
        let counted = matches!(
            expr,
            Expr::Duration(..)
                | Expr::Cal(
                    CalSpec::YearsAgo { .. }
                        | CalSpec::Rel { .. }
                        | CalSpec::RelDay(_)
                        | CalSpec::RefDay(_)
                        | CalSpec::RefRel { .. }
                )
        );
        let quantity = self.tok(start).is_some_and(|t| t.kind == Kind::Num)
            || matches!(self.lex(start), Lex::Card(_) | Lex::Kw(Kw::A | Kw::An));
        if !counted || !quantity || start == 0 {
            return start;
        }
        let w1 = self.word_text(start - 1).to_ascii_lowercase();
        if matches!(w1.as_str(), "nearly" | "almost") {
            return start - 1;
        }
        if start >= 2 {
            let w0 = self.word_text(start - 2).to_ascii_lowercase();
            if matches!(
                (w0.as_str(), w1.as_str()),
                ("more" | "less" | "fewer", "than") | ("at", "least")
            ) {
                return start - 2;
            }
        }
        start
    }

    /// Modifier words before a calendar expression; returns the modifier and the core's start.
    fn modifier(&self, i: usize) -> Option<(Mod, usize)> {
        let hy = |j: usize| {
            if self.punct(j, '-') && self.adjacent(j - 1, j) {
                j + 1
            } else {
                j
            }
        };
        match self.lex(i) {
            Lex::Kw(Kw::Early) => Some((Mod::Start, hy(i + 1))),
            Lex::Kw(Kw::Mid) => Some((Mod::Mid, hy(i + 1))),
            Lex::Kw(Kw::Late) => Some((Mod::End, hy(i + 1))),
            Lex::Kw(Kw::Earlier)
                if matches!(self.lex(i + 1), Lex::Kw(Kw::This | Kw::Today))
                    || (self.kw(i + 1, Kw::That)
                        && self.lex(i + 2) == Lex::Unit(Unit::Day, false)) =>
            {
                Some((Mod::Before, i + 1))
            }
            Lex::Kw(Kw::Later)
                if matches!(self.lex(i + 1), Lex::Kw(Kw::This | Kw::Today))
                    || (self.kw(i + 1, Kw::That)
                        && self.lex(i + 2) == Lex::Unit(Unit::Day, false)) =>
            {
                Some((Mod::After, i + 1))
            }
            Lex::Kw(Kw::The) if self.kw(i + 2, Kw::Of) => {
                let m = match self.lex(i + 1) {
                    Lex::Kw(Kw::End) => Mod::End,
                    Lex::Kw(Kw::Beginning | Kw::Start) => Mod::Start,
                    Lex::Kw(Kw::Middle) => Mod::Mid,
                    _ => return None,
                };
                Some((m, i + 3))
            }
            Lex::Kw(Kw::End | Kw::Beginning | Kw::Start | Kw::Middle) if self.kw(i + 1, Kw::Of) => {
                None
            }
            _ => None,
        }
    }

    fn core(&self, i: usize) -> P {
        let t = self.tok(i)?;
        match t.kind {
            Kind::Num => self.num_start(i),
            Kind::Word => self.word_start(i),
            Kind::Punct if self.apostrophe(i) => {
                // '90s
                let (v, len) = self.num(i + 1)?;
                if len == 2
                    && v % 10 == 0
                    && self.adjacent(i + 1, i + 2)
                    && self.word_text(i + 2) == "s"
                {
                    let base = if v >= 30 { 190 } else { 200 };
                    return Some((i + 3, Expr::Cal(CalSpec::Decade(base + v as i32 / 10))));
                }
                None
            }
            _ => None,
        }
    }

    fn num_start(&self, i: usize) -> P {
        if !self.clean_prev(i) {
            return None;
        }
        let (v, len) = self.num(i)?;
        // ISO 2025-01-09
        if len == 4
            && self.punct(i + 1, '-')
            && self.adjacent(i, i + 1)
            && self.adjacent(i + 1, i + 2)
            && self.punct(i + 3, '-')
            && self.adjacent(i + 2, i + 3)
            && self.adjacent(i + 3, i + 4)
            && let (Some((m, ml)), Some((d, dl))) = (self.num(i + 2), self.num(i + 4))
            && ml <= 2
            && dl <= 2
            && valid(v as i32, m, d)
        {
            return Some((i + 5, Expr::Cal(CalSpec::Date(v as i32, m, d))));
        }
        // 09.01.2025, 1/9/2025
        if len <= 2
            && let Some(sep) = self
                .tok(i + 1)
                .filter(|t| t.is_punct('.') || t.is_punct('/'))
                .map(|t| t.val)
            && self.adjacent(i, i + 1)
            && self.adjacent(i + 1, i + 2)
            && self
                .tok(i + 3)
                .is_some_and(|t| t.val == sep && t.kind == Kind::Punct)
            && self.adjacent(i + 2, i + 3)
            && self.adjacent(i + 3, i + 4)
            && let (Some((b, bl)), Some((c, cl))) = (self.num(i + 2), self.num(i + 4))
            && bl <= 2
            && (cl == 4 || cl == 2)
        {
            let y = if cl == 4 {
                c as i32
            } else if c < 50 {
                2000 + c as i32
            } else {
                1900 + c as i32
            };
            let day_first = sep == '.' as u32 || self.opts.slash_day_first || v > 12;
            let (d, m) = if day_first { (v, b) } else { (b, v) };
            if valid(y, m, d) {
                return Some((i + 5, Expr::Cal(CalSpec::Date(y, m, d))));
            }
            return None;
        }
        if !self.clean_num(i) {
            return None;
        }
        if let Some(p) = self.clock(i) {
            return Some(p);
        }
        // 9 January 2025, 9th of January
        if let Some((d, j)) = self.day_num(i) {
            let j2 = if self.kw(j, Kw::Of) { j + 1 } else { j };
            if let Some((m, k)) = self.month_tok(j2) {
                let k2 = if self.punct(k, ',') { k + 1 } else { k };
                if let Some(y) = self.year(k2)
                    && valid(y, m, d)
                {
                    return Some((k2 + 1, Expr::Cal(CalSpec::Date(y, m, d))));
                }
                if valid(2024, m, d) {
                    return Some((
                        k,
                        Expr::Cal(CalSpec::MonthDay {
                            m,
                            d,
                            dir: Dir::Auto,
                        }),
                    ));
                }
                return None;
            }
        }
        // 1990s; "the 1800s" before 2000 is the century (the 2000s stay ambiguous: a decade)
        if len == 4 && v % 10 == 0 && self.adjacent(i, i + 1) && self.word_text(i + 1) == "s" {
            if v % 100 == 0 && v < 2000 {
                return Some((i + 2, Expr::Cal(CalSpec::Century(v as i32 / 100))));
            }
            return Some((i + 2, Expr::Cal(CalSpec::Decade(v as i32 / 10))));
        }
        if len == 4
            && v % 10 == 0
            && self.apostrophe(i + 1)
            && self.adjacent(i, i + 1)
            && self.word_text(i + 2) == "s"
        {
            return Some((i + 3, Expr::Cal(CalSpec::Decade(v as i32 / 10))));
        }
        // 21st century
        if let Some((n, j)) = self.ordinal(i)
            && matches!(self.lex(j), Lex::Unit(Unit::Century, false))
        {
            return Some((j + 1, Expr::Cal(CalSpec::Century(n as i32 - 1))));
        }
        if let Some(p) = self.quantity_expr(i) {
            return Some(p);
        }
        if let Some(y) = self.year(i) {
            return self.bare_year(i, y);
        }
        None
    }

    fn bare_year(&self, i: usize, y: i32) -> P {
        let cued = i >= 1 && (self.is_cue(i - 1) || self.kw(i - 1, Kw::Fiscal));
        let (lo, hi) = if cued {
            (1000, self.opts.year_max)
        } else {
            (self.opts.year_min, self.opts.year_max)
        };
        if y < lo || y > hi {
            return None;
        }
        // "its 1990 invasion", "the company's 1989 results", "that 1978 resolution"
        let possessive = |w: &str| {
            matches!(
                w,
                "its"
                    | "his"
                    | "her"
                    | "their"
                    | "our"
                    | "That"
                    | "that"
                    | "s"
                    | "a"
                    | "A"
                    | "an"
                    | "An"
            )
        };
        let determined = i >= 1
            && (possessive(self.word_text(i - 1))
                || (i >= 2
                    && self
                        .tok(i - 1)
                        .is_some_and(|t| t.kind == Kind::Word && !t.caps)
                    && possessive(self.word_text(i - 2))));
        if !cued
            && !determined
            && let Some(n) = self.tok(i + 1)
            && n.kind == Kind::Word
            && !n.caps
            && matches!(n.lex, Lex::None | Lex::Holiday(_))
        {
            return None;
        }
        if self.punct(i + 1, '%') {
            return None;
        }
        Some((i + 1, Expr::Cal(CalSpec::Year(y))))
    }

    /// "3 p.m.", "15:30", "0300 GMT", "3 o'clock", with an optional time zone.
    fn clock(&self, i: usize) -> P {
        let (h, hl) = self.num(i)?;
        let mut j = i + 1;
        let mut min = 0;
        let mut colon = false;
        if self.punct(j, ':') && self.adjacent(i, j) && self.adjacent(j, j + 1) {
            let (m, ml) = self.num(j + 1)?;
            if ml != 2 || m > 59 {
                return None;
            }
            min = m;
            colon = true;
            j += 2;
        }
        let mut hour = h;
        if let Some((pm, k)) = self.ampm(j) {
            if !(1..=12).contains(&h) || hl > 2 {
                return None;
            }
            hour = match (pm, h) {
                (false, 12) => 0,
                (false, h) => h,
                (true, 12) => 12,
                (true, h) => h + 12,
            };
            j = k;
        } else if self.kw(j, Kw::O) && self.apostrophe(j + 1) && self.kw(j + 2, Kw::Clock) {
            if !(1..=12).contains(&h) {
                return None;
            }
            j += 3;
        } else if (1..=12).contains(&h)
            && hl <= 2
            && self.kw(j, Kw::In)
            && self.kw(j + 1, Kw::The)
            && let Lex::Part(p @ (DayPart::Morning | DayPart::Afternoon | DayPart::Evening)) =
                self.lex(j + 2)
        {
            // "4 in the morning", "6 in the evening"
            let pm = p != DayPart::Morning;
            hour = match (pm, h) {
                (false, 12) => 0,
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, h) => h,
            };
            min = if colon { min } else { 0 };
            j += 3;
        } else if colon {
            if h > 23 || hl > 2 {
                return None;
            }
        } else if hl == 4 && self.lex(j) == Lex::Zone {
            hour = h / 100;
            min = h % 100;
            if hour > 23 || min > 59 {
                return None;
            }
        } else {
            return None;
        }
        // time zone
        if self.lex(j) == Lex::Zone {
            j += 1;
        } else if self.kw(j, Kw::Local) && self.kw(j + 1, Kw::Time) {
            j += 2;
        }
        let clock = Clock::Hm(hour, min);
        if let Some((e, day)) = self.day_after(j) {
            return Some((e, Expr::Time(DaySpec::Cal(day), clock)));
        }
        Some((j, Expr::Time(DaySpec::Context, clock)))
    }

    /// A day right after a clock time: "5 p.m. EST, Nov. 6", "noon Saturday".
    fn day_after(&self, j: usize) -> Option<(usize, CalSpec)> {
        let k = if self.punct(j, ',') { j + 1 } else { j };
        let p = match self.lex(k) {
            Lex::Weekday(_, false) => self.weekday_start(k),
            Lex::Month(..) => self.month_start(k),
            Lex::Kw(Kw::Today | Kw::Yesterday | Kw::Tomorrow) => self.word_start(k),
            _ => None,
        };
        match p {
            Some((
                e,
                Expr::Cal(
                    spec @ (CalSpec::Date(..)
                    | CalSpec::MonthDay { .. }
                    | CalSpec::Weekday { .. }
                    | CalSpec::RelDay(_)),
                ),
            )) => Some((e, spec)),
            _ => None,
        }
    }

    /// "a.m.", "pm", "p.m" at `i`; returns (is_pm, next index).
    fn ampm(&self, i: usize) -> Option<(bool, usize)> {
        match self.lex(i) {
            Lex::Kw(Kw::Am) => return Some((false, i + 1)),
            Lex::Kw(Kw::Pm) => return Some((true, i + 1)),
            _ => {}
        }
        let w = self.word_text(i);
        let pm = match w {
            "a" | "A" => false,
            "p" | "P" => true,
            _ => return None,
        };
        if self.punct(i + 1, '.')
            && self.adjacent(i, i + 1)
            && matches!(self.word_text(i + 2), "m" | "M")
        {
            let mut j = i + 3;
            if self.punct(j, '.') && self.adjacent(j - 1, j) {
                j += 1;
            }
            return Some((pm, j));
        }
        None
    }

    /// "three days", "24 hours", "two-year", "a year ago", "two days later", "several weeks".
    fn quantity_expr(&self, i: usize) -> P {
        if self.num(i).is_some_and(|(_, len)| len >= 4) {
            return None;
        }
        let (q, mut j) = self.qty(i, true)?;
        let hyphen = self.punct(j, '-') && self.adjacent(j - 1, j);
        if hyphen {
            j += 1;
        } else if matches!(
            self.word_text(j),
            "more" | "additional" | "extra" | "trading" | "business" | "working"
        ) && self.unit(j + 1).is_some()
        {
            // "20 more years", "an additional year", "eight trading days"
            j += 1;
        }
        let (unit, plural) = self.unit(j)?;
        // "60 Minutes", "48 Hours", "his hit One Night": a title, not a time (a number
        // before a capitalised unit, in mid-sentence when the number is a word)
        if self.tok(j).is_some_and(|t| t.caps)
            && (self.num(i).is_some()
                || self.tok(i).is_some_and(|t| t.caps) && !self.sentence_initial(i))
        {
            return None;
        }
        let single = matches!(q, Qty::N(1));
        // "three-quarters of", "a quarter of", "almost a quarter (21%) of those polled",
        // "Three-quarters said ...": fractions
        let of_after = self.kw(j + 1, Kw::Of)
            || (self.punct(j + 1, '(')
                && (j + 2..j + 8)
                    .find(|&k| self.punct(k, ')'))
                    .is_some_and(|k| self.kw(k + 1, Kw::Of)));
        // ("almost three quarters of all Xboxes"; not "the first three quarters of the year")
        let period_before = i >= 1
            && matches!(
                self.word_text(i - 1),
                "the" | "first" | "last" | "past" | "next" | "previous" | "following" | "latest"
            );
        let fraction_qty = matches!(q, Qty::N(1 | 3));
        if unit == Unit::Quarter && (of_after && fraction_qty && !period_before || hyphen && plural)
        {
            return None;
        }
        // "a year-earlier profit": the adjective alone is the expression.
        if unit == Unit::Year
            && !hyphen
            && self.punct(j + 1, '-')
            && self.adjacent(j, j + 1)
            && matches!(self.lex(j + 2), Lex::Kw(Kw::Ago | Kw::Earlier))
        {
            return None;
        }
        if single && plural {
            return None;
        }
        let mut k = j + 1;
        // "two-year-old", "five years old", "18 to 24 year olds"
        let old = |k: usize| self.kw(k, Kw::Old) || self.word_text(k) == "olds";
        if old(k) || (self.punct(k, '-') && old(k + 1)) {
            return None;
        }
        // "a 10-day-long strike"; in "a day-long strike" the article is the noun's
        if self.long_suffix(k) {
            if matches!(self.lex(i), Lex::Kw(Kw::A | Kw::An)) {
                return None;
            }
            k += 2;
        }
        // "a year and a half"
        let q = match q {
            Qty::N(1)
                if !plural
                    && self.kw(k, Kw::And)
                    && self.kw(k + 1, Kw::A)
                    && self.kw(k + 2, Kw::Half) =>
            {
                k += 3;
                Qty::Half(1)
            }
            q => q,
        };
        let n = match q {
            Qty::N(n) | Qty::Half(n) => i64::from(n),
            Qty::X => -1,
        };
        // "a week or so ago"
        if self.word_text(k) == "or" && self.word_text(k + 1) == "so" && self.kw(k + 2, Kw::Ago) {
            k += 2;
        }
        if self.kw(k, Kw::Ago) && n < 0 {
            return Some((k + 1, Expr::Ref(RefKind::Past)));
        }
        if self.kw(k, Kw::Ago) && n > 0 {
            k += 1;
            if unit == Unit::Year {
                return Some((
                    k,
                    Expr::Cal(CalSpec::YearsAgo {
                        n: -n,
                        from_ref: false,
                    }),
                ));
            }
            return Some((k, Expr::Cal(rel_from_anchor(unit, -n))));
        }
        // "a minute and a half later", "over an hour later": the duration alone (no day to
        // name)
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour)
            && matches!(self.lex(k), Lex::Kw(Kw::Later | Kw::Earlier))
        {
            return Some((k, Expr::Duration(q, unit)));
        }
        if n > 0 && matches!(self.lex(k), Lex::Kw(Kw::Later | Kw::Earlier)) {
            let sign = if self.kw(k, Kw::Later) { 1 } else { -1 };
            if unit == Unit::Year {
                return Some((
                    k + 1,
                    Expr::Cal(CalSpec::YearsAgo {
                        n: sign * n,
                        from_ref: true,
                    }),
                ));
            }
            return Some((k + 1, Expr::Cal(rel_from_ref(unit, sign * n))));
        }
        if n > 0 && self.kw(k, Kw::From) && self.kw(k + 1, Kw::Now) {
            return Some((k + 2, Expr::Cal(rel_from_anchor(unit, n))));
        }
        if self
            .tok(i)
            .is_some_and(|t| t.lex == Lex::Kw(Kw::A) || t.lex == Lex::Kw(Kw::An))
            && single
        {
            // "twice a week", "$5 a day": a rate, not a duration.
            if i >= 1 && matches!(self.lex(i - 1), Lex::Kw(Kw::Once | Kw::Twice | Kw::Times)) {
                return None;
            }
            // A growth rate ("5% a year") is a set; a price or an amount per period ("$55 a
            // night", "$2 million a year") is left alone, as TimeBank does.
            let pct = i >= 1 && (self.punct(i - 1, '%') || self.word_text(i - 1) == "percent");
            let amount = i >= 1
                && (self.num(i - 1).is_some()
                    || matches!(
                        self.word_text(i - 1),
                        "cents" | "dollars" | "million" | "billion"
                    ));
            if k == j + 1 && pct {
                return Some((k, Expr::Set(Qty::N(1), unit)));
            }
            if k == j + 1 && amount {
                return None;
            }
        }
        let unit = if unit == Unit::Night { Unit::Day } else { unit };
        Some((k, Expr::Duration(q, unit)))
    }

    /// "ahead of" right before token `s`, in a clause not in the past perfect ("economists
    /// had forecast ahead of Friday's announcement": a point before a past one).
    fn ahead_of(&self, s: usize) -> bool {
        if !(s >= 2 && self.word_text(s - 2) == "ahead" && self.word_text(s - 1) == "of") {
            return false;
        }
        let mut k = s - 2;
        while k > 0 && s - k < 14 {
            k -= 1;
            if is_boundary(self.toks, k) {
                break;
            }
            if self.word_text(k) == "had" {
                return false;
            }
        }
        true
    }

    /// A half with no year named ("the second half", "a first-half goal") is a year's
    /// half only with "of this/the year" after it: alone it is a match's or a report's half
    /// (TimeBank leaves its one bare "the first half" untagged).
    fn year_half(&self, p: P) -> P {
        let (e, expr) = p?;
        if let Expr::Cal(CalSpec::Half { year: None, .. }) = expr {
            let of_year = self.kw(e, Kw::Of)
                && matches!(
                    self.lex(e + 1),
                    Lex::Kw(Kw::This | Kw::Next | Kw::Last | Kw::The)
                )
                && self.lex(e + 2) == Lex::Unit(Unit::Year, false);
            if !of_year {
                return None;
            }
        }
        Some((e, expr))
    }

    /// True when token `i` opens a sentence (or a quotation that opens one).
    fn sentence_initial(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 && self.toks[k - 1].kind == Kind::Punct && {
            let p = &self.toks[k - 1];
            p.is_punct('"') || p.is_punct('`') || p.is_punct('\'') || p.is_punct('(')
        } {
            k -= 1;
        }
        k == 0 || is_boundary(self.toks, k - 1)
    }

    fn word_start(&self, i: usize) -> P {
        let t = *self.tok(i)?;
        match t.lex {
            Lex::Kw(Kw::The) => self.the_start(i),
            Lex::Month(..) => self.month_start(i),
            Lex::Weekday(..) => self.weekday_start(i),
            Lex::Season(_) => self.season_start(i, i),
            Lex::Holiday(h) => self.holiday(i, h, Dir::Auto),
            // "on Mondays": every Monday
            Lex::Weekdays(wd) if t.caps => Some((i + 1, Expr::SetWeekday(u32::from(wd)))),
            Lex::Kw(
                Kw::Last
                | Kw::This
                | Kw::Next
                | Kw::Past
                | Kw::Coming
                | Kw::Previous
                | Kw::Following,
            ) => self.rel_start(i),
            Lex::Kw(Kw::Current) => {
                match self.period_unit(i + 1 + usize::from(self.kw(i + 1, Kw::Fiscal))) {
                    Some(p) => Some((
                        i + 2 + usize::from(self.kw(i + 1, Kw::Fiscal)),
                        Expr::Cal(rel_from_anchor(p, 0)),
                    )),
                    None => Some((i + 1, Expr::Ref(RefKind::Present))),
                }
            }
            // "today's youth", "in today's world": the present age, not the day (TimeBank
            // and AQUAINT tag none of their 3)
            Lex::Kw(Kw::Today)
                if self.apostrophe(i + 1)
                    && self.word_text(i + 2) == "s"
                    && matches!(
                        self.word_text(i + 3),
                        "world"
                            | "youth"
                            | "society"
                            | "generation"
                            | "young"
                            | "children"
                            | "kids"
                            | "teenagers"
                            | "people"
                            | "families"
                            | "technology"
                            | "standards"
                            | "terms"
                            | "dollars"
                            | "culture"
                    ) =>
            {
                None
            }
            Lex::Kw(k @ (Kw::Today | Kw::Yesterday | Kw::Tomorrow)) => {
                let n = match k {
                    Kw::Yesterday => -1,
                    Kw::Tomorrow => 1,
                    _ => 0,
                };
                let day = CalSpec::RelDay(n);
                if let Lex::Part(p) = self.lex(i + 1)
                    && !matches!(p, DayPart::Overnight)
                {
                    return Some((i + 2, Expr::Time(DaySpec::Cal(day), Clock::Part(p))));
                }
                Some((i + 1, Expr::Cal(day)))
            }
            Lex::Kw(Kw::Tonight) => Some((
                i + 1,
                Expr::Time(
                    DaySpec::Cal(CalSpec::RelDay(0)),
                    Clock::Part(DayPart::Night),
                ),
            )),
            // "Now, he says, ...": a sentence opened by "Now," turns the discourse, it does
            // not date anything (TimeBank and AQUAINT tag none of their 3)
            Lex::Kw(Kw::Now) if t.caps && self.punct(i + 1, ',') && self.sentence_initial(i) => {
                None
            }
            Lex::Kw(Kw::Now | Kw::Currently | Kw::Nowadays) => {
                Some((i + 1, Expr::Ref(RefKind::Present)))
            }
            Lex::Kw(Kw::These) if self.lex(i + 1) == Lex::Unit(Unit::Day, true) => {
                Some((i + 2, Expr::Ref(RefKind::Present)))
            }
            Lex::Kw(Kw::Recently | Kw::Lately) => Some((i + 1, Expr::Ref(RefKind::Past))),
            // not "as soon as", "soon after"
            Lex::Kw(Kw::Soon) => {
                let as_soon = i >= 1
                    && self.word_text(i - 1).eq_ignore_ascii_case("as")
                    && self.word_text(i + 2) != "possible";
                let linked = matches!(self.lex(i + 1), Lex::Kw(Kw::After | Kw::Before));
                (!as_soon && !linked).then_some((i + 1, Expr::Ref(RefKind::Future)))
            }
            Lex::Kw(Kw::Recent) => match self.unit(i + 1) {
                Some((Unit::Year | Unit::Decade | Unit::Century, true)) => {
                    Some((i + 2, Expr::Ref(RefKind::Past)))
                }
                Some((u, true)) => Some((i + 2, Expr::Duration(Qty::X, u))),
                Some(_) => None,
                None => Some((i + 1, Expr::Ref(RefKind::Past))),
            },
            // "year-earlier", "year-ago" (adjectives: "from year-earlier levels")
            Lex::Unit(Unit::Year, false)
                if self.punct(i + 1, '-')
                    && self.adjacent(i, i + 1)
                    && matches!(self.lex(i + 2), Lex::Kw(Kw::Ago | Kw::Earlier)) =>
            {
                Some((
                    i + 3,
                    Expr::Cal(CalSpec::YearsAgo {
                        n: -1,
                        from_ref: false,
                    }),
                ))
            }
            // "day-long", "decades-long": a duration used as an adjective
            Lex::Unit(u, pl) if self.long_suffix(i + 1) && u != Unit::Night => Some((
                i + 3,
                Expr::Duration(if pl { Qty::X } else { Qty::N(1) }, u),
            )),
            // "for years", "within weeks", "for centuries": an unknown number of units
            Lex::Unit(u, true) if self.bare_plural(i) => Some((i + 1, Expr::Duration(Qty::X, u))),
            // "year-end", "year end", "year's end": the anchor's year (TimeBank: "by year
            // end" = 1989)
            Lex::Unit(Unit::Year, false) => {
                let e =
                    if self.punct(i + 1, '-') && self.adjacent(i, i + 1) && self.kw(i + 2, Kw::End)
                    {
                        i + 3
                    } else if self.kw(i + 1, Kw::End) {
                        i + 2
                    } else if self.apostrophe(i + 1)
                        && self.word_text(i + 2) == "s"
                        && self.kw(i + 3, Kw::End)
                    {
                        i + 4
                    } else {
                        return None;
                    };
                Some((
                    e,
                    Expr::Cal(CalSpec::Rel {
                        unit: Unit::Year,
                        n: 0,
                    }),
                ))
            }
            Lex::Kw(Kw::Every | Kw::Each) => self.every(i),
            Lex::Kw(Kw::Once | Kw::Twice) => {
                if matches!(
                    self.lex(i + 1),
                    Lex::Kw(Kw::A | Kw::An | Kw::Per | Kw::Every | Kw::Each)
                ) {
                    let (u, pl) = self.unit(i + 2)?;
                    (!pl).then_some((i + 3, Expr::Set(Qty::N(1), u)))
                } else {
                    None
                }
            }
            Lex::Kw(
                Kw::Daily
                | Kw::Weekly
                | Kw::Monthly
                | Kw::Yearly
                | Kw::Hourly
                | Kw::Nightly
                | Kw::Annually
                | Kw::Quarterly,
            ) => {
                // The adverb ("updated daily."); as an adjective only the short cycles of
                // repeated events ("daily rallies", "his weekly radio address", "hourly
                // earnings"), not the reporting periods of business ("a quarterly dividend",
                // "the annual report").
                let adjective = self.tok(i + 1).is_some_and(|n| n.kind == Kind::Word);
                let short = matches!(
                    t.lex,
                    Lex::Kw(Kw::Daily | Kw::Weekly | Kw::Hourly | Kw::Nightly)
                );
                if (adjective && !short) || self.word_text(i).eq_ignore_ascii_case("annual") {
                    return None;
                }
                // "Apple Daily", "China Daily", "the Weekly Standard": a capitalised word
                // inside a name is a title
                if t.caps
                    && !self.sentence_initial(i)
                    && (i >= 1
                        && self
                            .tok(i - 1)
                            .is_some_and(|p| p.caps && p.kind == Kind::Word)
                        || self
                            .tok(i + 1)
                            .is_some_and(|n| n.caps && n.kind == Kind::Word))
                {
                    return None;
                }
                let u = match t.lex {
                    Lex::Kw(Kw::Daily | Kw::Nightly) => Unit::Day,
                    Lex::Kw(Kw::Weekly) => Unit::Week,
                    Lex::Kw(Kw::Monthly) => Unit::Month,
                    Lex::Kw(Kw::Hourly) => Unit::Hour,
                    Lex::Kw(Kw::Quarterly) => Unit::Quarter,
                    _ => Unit::Year,
                };
                Some((i + 1, Expr::Set(Qty::N(1), u)))
            }
            // "afternoon yesterday", "(mid-)morning Tuesday"
            Lex::Part(
                p @ (DayPart::Morning | DayPart::Afternoon | DayPart::Evening | DayPart::Night),
            ) => {
                let (e, day) = self.day_after(i + 1)?;
                Some((e, Expr::Time(DaySpec::Cal(day), Clock::Part(p))))
            }
            Lex::Part(
                p @ (DayPart::Dawn
                | DayPart::Dusk
                | DayPart::Noon
                | DayPart::Midnight
                | DayPart::Overnight),
            ) => {
                if p == DayPart::Overnight {
                    return Some((i + 1, Expr::Time(DaySpec::Context, Clock::Part(p))));
                }
                if let Some((e, day)) = self.day_after(i + 1) {
                    return Some((e, Expr::Time(DaySpec::Cal(day), Clock::Part(p))));
                }
                Some((i + 1, Expr::Time(DaySpec::Context, Clock::Part(p))))
            }
            Lex::Kw(Kw::Fiscal) => {
                let mut j = i + 1;
                if self.lex(j) == Lex::Unit(Unit::Year, false) {
                    j += 1;
                }
                if let Some(y) = self.year(j) {
                    return Some((j + 1, Expr::Cal(CalSpec::Year(y))));
                }
                self.quarter(i + 1)
            }
            Lex::Ord(_) | Lex::Kw(Kw::First | Kw::Second) => self.year_half(self.quarter(i)),
            Lex::Card(19) => {
                // "nineteen ninety-six"
                let (Qty::N(v), j) = self.qty(i + 1, false)? else {
                    return None;
                };
                if (10..100).contains(&v) {
                    return Some((j, Expr::Cal(CalSpec::Year(1900 + v as i32))));
                }
                self.quantity_expr(i)
            }
            // "that year", "that quarter": the period of the last mentioned date
            Lex::Kw(Kw::That) if !self.tok(i + 1).is_some_and(|t| t.caps) => {
                match self.lex(i + 1) {
                    Lex::Unit(Unit::Year, false) if !self.punct(i + 2, '-') => Some((
                        i + 2,
                        Expr::Cal(CalSpec::RefRel {
                            unit: Unit::Year,
                            n: 0,
                        }),
                    )),
                    Lex::Unit(Unit::Quarter, false) => {
                        Some((i + 2, Expr::Cal(CalSpec::TheQuarter { year_offset: 0 })))
                    }
                    // "that day", "that same day": the day last mentioned
                    Lex::Unit(Unit::Day, false) => Some((i + 2, Expr::Cal(CalSpec::ThatDay))),
                    Lex::Kw(Kw::Same) if self.lex(i + 2) == Lex::Unit(Unit::Day, false) => {
                        Some((i + 3, Expr::Cal(CalSpec::ThatDay)))
                    }
                    _ => None,
                }
            }
            // "a later date"
            Lex::Kw(Kw::A) if self.kw(i + 1, Kw::Later) && self.word_text(i + 2) == "date" => {
                Some((i + 3, Expr::Ref(RefKind::Future)))
            }
            Lex::Card(_)
            | Lex::Kw(Kw::A | Kw::An | Kw::Several | Kw::Few | Kw::Many | Kw::Some) => {
                self.quantity_expr(i)
            }
            _ => None,
        }
    }

    /// "-long" glued to the previous word at `i` ("day-long").
    fn long_suffix(&self, i: usize) -> bool {
        i >= 1
            && self.punct(i, '-')
            && self.adjacent(i - 1, i)
            && self.adjacent(i, i + 1)
            && self.word_text(i + 1).eq_ignore_ascii_case("long")
    }

    /// Units that name a calendar period ("week", "month", "quarter", "year").
    fn period_unit(&self, i: usize) -> Option<Unit> {
        match self.lex(i) {
            Lex::Unit(
                u @ (Unit::Week
                | Unit::Month
                | Unit::Quarter
                | Unit::Year
                | Unit::Decade
                | Unit::Century),
                false,
            ) => Some(u),
            _ => None,
        }
    }

    fn every(&self, i: usize) -> P {
        let mut j = i + 1;
        let mut q = Qty::N(1);
        if self.kw(j, Kw::Other) {
            q = Qty::N(2);
            j += 1;
        } else if let Some((qq, k)) = self.qty(j, false) {
            q = qq;
            j = k;
        }
        match self.lex(j) {
            Lex::Unit(u, pl) => {
                if pl == matches!(q, Qty::N(1)) && !matches!(q, Qty::X) {
                    return None;
                }
                Some((j + 1, Expr::Set(q, u)))
            }
            Lex::Weekday(wd, false) => Some((j + 1, Expr::SetWeekday(u32::from(wd)))),
            Lex::Month(m, false) => Some((j + 1, Expr::SetMonth(u32::from(m)))),
            Lex::Part(p) if p != DayPart::Overnight => Some((j + 1, Expr::SetPart(p))),
            _ => None,
        }
    }

    /// "third-quarter", "the fiscal first quarter of 1998", "first half".
    fn quarter(&self, i: usize) -> P {
        let mut j = i;
        if self.kw(j, Kw::Fiscal) {
            j += 1;
        }
        let (n, mut k) = self.ordinal(j)?;
        if self.punct(k, '-') && self.adjacent(k - 1, k) {
            k += 1;
        }
        let half = match self.lex(k) {
            Lex::Unit(Unit::Quarter, false) if (1..=4).contains(&n) => false,
            Lex::Kw(Kw::Half) if (1..=2).contains(&n) => true,
            _ => return None,
        };
        k += 1;
        let mut year = None;
        if self.kw(k, Kw::Of)
            && let Some(y) = self.year(k + 1)
        {
            year = Some(y);
            k += 2;
        } else if let Some(y) = self.year(k) {
            year = Some(y);
            k += 1;
        }
        let spec = if half {
            CalSpec::Half { h: n, year }
        } else {
            CalSpec::Quarter {
                q: n,
                year,
                dir: Dir::Auto,
            }
        };
        Some((k, Expr::Cal(spec)))
    }

    /// "Q3", "Q3 2024".
    fn quarter_q(&self, i: usize) -> P {
        let (q, ql) = self.num(i + 1)?;
        if ql != 1 || !(1..=4).contains(&q) || !self.adjacent(i, i + 1) {
            return None;
        }
        let mut k = i + 2;
        let mut year = None;
        if let Some(y) = self.year(k) {
            year = Some(y);
            k += 1;
        }
        Some((
            k,
            Expr::Cal(CalSpec::Quarter {
                q,
                year,
                dir: Dir::Auto,
            }),
        ))
    }

    fn the_start(&self, i: usize) -> P {
        let j = i + 1;
        // "Record Of The Year": title case in mid-sentence
        if self.tok(i).is_some_and(|t| t.caps)
            && self
                .tok(j)
                .is_some_and(|t| t.caps && matches!(t.lex, Lex::Unit(..)))
            && !self.sentence_initial(i)
        {
            return None;
        }
        match self.lex(j) {
            Lex::DecadeWord(d) => {
                return Some((j + 1, Expr::Cal(CalSpec::Decade(190 + i32::from(d)))));
            }
            Lex::Unit(Unit::Weekend, false) => {
                return Some((j + 1, Expr::Cal(CalSpec::Weekend(Dir::Auto))));
            }
            // "the week of March 6": the ISO week holding that day
            Lex::Unit(Unit::Week, false) if self.kw(j + 1, Kw::Of) => {
                let k = j + 2;
                let inner = match self.lex(k) {
                    Lex::Month(..) => self.month_start(k),
                    _ if self.tok(k).is_some_and(|t| t.kind == Kind::Num) => self.num_start(k),
                    _ => None,
                };
                return match inner {
                    Some((e, Expr::Cal(CalSpec::Date(y, m, d)))) => Some((
                        e,
                        Expr::Cal(CalSpec::WeekOf {
                            m,
                            d,
                            year: Some(y),
                        }),
                    )),
                    Some((e, Expr::Cal(CalSpec::MonthDay { m, d, .. }))) => {
                        Some((e, Expr::Cal(CalSpec::WeekOf { m, d, year: None })))
                    }
                    _ => None,
                };
            }
            // "in the weeks before": the article stays outside (TimeBank and AQUAINT: 7 of 8)
            Lex::Unit(_, true) if self.bare_plural(j) => return None,
            Lex::Season(_) => return self.season_start(i, j),
            Lex::Kw(Kw::Past) if self.qty(j + 1, false).is_none() && self.unit(j + 1).is_none() => {
                return Some((j + 1, Expr::Ref(RefKind::Past)));
            }
            // "the near future", "the near term", "the short term"
            Lex::None
                if matches!(
                    (self.word_text(j), self.word_text(j + 1)),
                    ("near", "future" | "term") | ("short", "term")
                ) =>
            {
                return Some((j + 2, Expr::Ref(RefKind::Future)));
            }
            // "the future of our peoples" is a topic, not a time
            Lex::Kw(Kw::Future) if !self.kw(j + 1, Kw::Of) => {
                return Some((j + 1, Expr::Ref(RefKind::Future)));
            }
            Lex::Kw(Kw::Present) => return Some((j + 1, Expr::Ref(RefKind::Present))),
            Lex::Kw(Kw::Moment) if i >= 1 && self.kw(i - 1, Kw::At) => {
                return Some((j + 1, Expr::Ref(RefKind::Present)));
            }
            Lex::Kw(Kw::Same) if self.lex(j + 1) == Lex::Unit(Unit::Day, false) => {
                return Some((j + 2, Expr::Cal(CalSpec::RefDay(0))));
            }
            Lex::Kw(Kw::Latest) => {
                if matches!(
                    self.lex(j + 1),
                    Lex::Unit(Unit::Quarter, false) | Lex::Kw(Kw::Period)
                ) {
                    return Some((j + 2, Expr::Cal(CalSpec::LatestQuarter)));
                }
                return None;
            }
            Lex::Kw(Kw::Current) => {
                let f = usize::from(self.kw(j + 1, Kw::Fiscal));
                if let Some(u) = self.period_unit(j + 1 + f) {
                    return Some((j + 2 + f, Expr::Cal(rel_from_anchor(u, 0))));
                }
                return None;
            }
            Lex::Unit(Unit::Quarter, false) => {
                return Some((j + 1, Expr::Cal(CalSpec::TheQuarter { year_offset: 0 })));
            }
            Lex::Unit(Unit::Year, false) => {
                if let Some(y) = self.year(j + 1) {
                    return Some((j + 2, Expr::Cal(CalSpec::Year(y))));
                }
                // the year-ago quarter, the year-earlier period
                if self.punct(j + 1, '-')
                    && matches!(self.lex(j + 2), Lex::Kw(Kw::Ago | Kw::Earlier))
                    && matches!(
                        self.lex(j + 3),
                        Lex::Unit(Unit::Quarter, false) | Lex::Kw(Kw::Period)
                    )
                {
                    return Some((j + 4, Expr::Cal(CalSpec::TheQuarter { year_offset: -1 })));
                }
                if self.punct(j + 1, '-')
                    && matches!(self.lex(j + 2), Lex::Kw(Kw::Ago | Kw::Earlier))
                    && let Some((e, Expr::Cal(CalSpec::Quarter { q, year: None, .. }))) =
                        self.quarter(j + 3)
                {
                    return Some((e, Expr::Cal(CalSpec::RelYearQuarter { n: -1, q })));
                }
                return self.the_year(j);
            }
            Lex::Kw(Kw::Full | Kw::Whole | Kw::Entire)
                if self.lex(j + 1) == Lex::Unit(Unit::Year, false) =>
            {
                return self.the_year(j + 1);
            }
            Lex::Kw(Kw::Fiscal) if self.lex(j + 1) == Lex::Unit(Unit::Year, false) => {
                if let Some(y) = self.year(j + 2) {
                    return Some((j + 3, Expr::Cal(CalSpec::Year(y))));
                }
                return self.the_year(j + 1);
            }
            Lex::Unit(Unit::Day, false) => {
                // "Oct. 12, the day before the plunge": in apposition to the day just named,
                // "the day" is that day and "before" opens an event (TimeML leaves the signal
                // out)
                if matches!(self.lex(j + 1), Lex::Kw(Kw::Before | Kw::After))
                    && i >= 2
                    && self.punct(i - 1, ',')
                    && (self.tok(i - 2).is_some_and(|t| t.kind == Kind::Num)
                        || matches!(self.lex(i - 2), Lex::Weekday(..)))
                    && self.tok(j + 2).is_some_and(|t| t.kind == Kind::Word)
                    && self.parse_at(j + 2).is_none()
                {
                    return Some((j + 1, Expr::Cal(CalSpec::RefDay(0))));
                }
                return match self.lex(j + 1) {
                    Lex::Kw(Kw::Before) => Some((j + 2, Expr::Cal(CalSpec::RefDay(-1)))),
                    Lex::Kw(Kw::After) => Some((j + 2, Expr::Cal(CalSpec::RefDay(1)))),
                    _ => None,
                };
            }
            Lex::Kw(Kw::Fiscal) => {
                if self.ordinal(j + 1).is_some_and(|(_, k)| self.punct(k, '-')) {
                    return None;
                }
                return self.quarter(j);
            }
            _ => {}
        }
        if let Some(y) = self.year(j) {
            if matches!(
                self.lex(j + 1),
                Lex::Unit(Unit::Quarter, false) | Lex::Kw(Kw::Period)
            ) {
                return Some((j + 2, Expr::Cal(CalSpec::TheQuarter { year_offset: y })));
            }
            if let Some((e, Expr::Cal(CalSpec::Quarter { q, year: None, dir }))) =
                self.quarter(j + 1)
            {
                return Some((
                    e,
                    Expr::Cal(CalSpec::Quarter {
                        q,
                        year: Some(y),
                        dir,
                    }),
                ));
            }
            if let Some((e, Expr::Cal(CalSpec::Half { h, year: None }))) = self.quarter(j + 1) {
                return Some((e, Expr::Cal(CalSpec::Half { h, year: Some(y) })));
            }
        }
        if (self.apostrophe(j) || self.tok(j).is_some_and(|t| t.kind == Kind::Num))
            && let Some((e, Expr::Cal(spec @ (CalSpec::Decade(_) | CalSpec::Century(_))))) =
                self.core(j)
        {
            return Some((e, Expr::Cal(spec)));
        }
        // "the nine months", "the first nine months", "the latest six months": a reporting
        // period, with its article and ordinal (TimeBank: 21 of 22 spans)
        let f = usize::from(matches!(self.lex(j), Lex::Kw(Kw::First | Kw::Latest)));
        if let Some((q @ Qty::N(n), e)) = self.qty(j + f, false)
            && n > 1
            && let Some((u, true)) = self.unit(e)
            && u != Unit::Night
            && !matches!(
                self.lex(e + 1),
                Lex::Kw(Kw::Ago | Kw::Later | Kw::Earlier | Kw::Old)
            )
        {
            return Some((e + 1, Expr::Duration(q, u)));
        }
        // the 20th century
        if let Some((n, k)) = self.ordinal(j) {
            if matches!(self.lex(k), Lex::Unit(Unit::Century, false)) {
                return Some((k + 1, Expr::Cal(CalSpec::Century(n as i32 - 1))));
            }
            if let Some(p) = self.week_of_month(j, Some(n as i32)) {
                return Some(p);
            }
            // "the third-quarter results": the article belongs to the noun after the
            // adjective (TimeBank: 4 of 4)
            if self.punct(k, '-') && self.lex(k + 1) == Lex::Unit(Unit::Quarter, false) {
                return None;
            }
            if let Some(p) = self.quarter(j) {
                return self.year_half(Some(p));
            }
            // the 9th (of January)
            if self.num(j).is_some() && n <= 31 {
                let k2 = if self.kw(k, Kw::Of) { k + 1 } else { k };
                if let Some((m, e)) = self.month_tok(k2) {
                    let e2 = if self.punct(e, ',') { e + 1 } else { e };
                    if let Some(y) = self.year(e2)
                        && valid(y, m, n)
                    {
                        return Some((e2 + 1, Expr::Cal(CalSpec::Date(y, m, n))));
                    }
                    return Some((
                        e,
                        Expr::Cal(CalSpec::MonthDay {
                            m,
                            d: n,
                            dir: Dir::Auto,
                        }),
                    ));
                }
                if self.tok(k).is_some_and(|t| t.kind != Kind::Word) || self.tok(k).is_none() {
                    return Some((k, Expr::Cal(CalSpec::DayOfMonth(n))));
                }
            }
            return None;
        }
        // the last week of December
        if self.kw(j, Kw::Last)
            && let Some(p) = self.week_of_month(j, Some(-1))
        {
            return Some(p);
        }
        // the past three years, the next day, the following week
        if let Lex::Kw(
            k @ (Kw::Last
            | Kw::Past
            | Kw::Next
            | Kw::Coming
            | Kw::Previous
            | Kw::Following
            | Kw::First),
        ) = self.lex(j)
        {
            if matches!(k, Kw::Last) && self.kw(j + 1, Kw::Half) {
                let mut e = j + 2;
                let mut year = None;
                if self.kw(e, Kw::Of)
                    && let Some(y) = self.year(e + 1)
                {
                    year = Some(y);
                    e += 2;
                }
                return Some((e, Expr::Cal(CalSpec::Half { h: 2, year })));
            }
            if let Some((q, e)) = self.qty(j + 1, false)
                && let Some((u, _)) = self.unit(e)
            {
                let u = if u == Unit::Night { Unit::Day } else { u };
                return Some((e + 1, Expr::Duration(q, u)));
            }
            if let Lex::Weekday(wd, false) = self.lex(j + 1)
                && matches!(k, Kw::Previous | Kw::Following)
            {
                let forward = k == Kw::Following;
                return Some((
                    j + 2,
                    Expr::Cal(CalSpec::RefWeekday {
                        wd: u32::from(wd),
                        forward,
                    }),
                ));
            }
            // "the next morning", "the previous evening"
            if let Lex::Part(
                p @ (DayPart::Morning | DayPart::Afternoon | DayPart::Evening | DayPart::Night),
            ) = self.lex(j + 1)
                && matches!(k, Kw::Next | Kw::Following | Kw::Previous)
            {
                let n = if k == Kw::Previous { -1 } else { 1 };
                return Some((
                    j + 2,
                    Expr::Time(DaySpec::Cal(CalSpec::RefDay(n)), Clock::Part(p)),
                ));
            }
            if let Some((u, false)) = self.unit(j + 1) {
                let sign = match k {
                    Kw::Next | Kw::Following => 1,
                    Kw::Previous => -1,
                    _ => 0,
                };
                if sign != 0 {
                    return Some((j + 2, Expr::Cal(rel_from_ref(u, sign))));
                }
                if k == Kw::First {
                    return None;
                }
                // "the past year", "the last decade": the previous calendar period
                // (TimeBank: 1997, 198).
                if matches!(k, Kw::Past | Kw::Last) && matches!(u, Unit::Year | Unit::Decade) {
                    return Some((j + 2, Expr::Cal(rel_from_anchor(u, -1))));
                }
                // "at the last minute": an idiom
                if k == Kw::Last && u == Unit::Minute {
                    return None;
                }
                if matches!(k, Kw::Past | Kw::Last | Kw::Coming) {
                    return Some((j + 2, Expr::Duration(Qty::N(1), u)));
                }
            }
            return None;
        }
        None
    }

    /// A plural unit standing alone after "for", "within", "in", "over" ("for years", "over
    /// the years"), not followed by "of" or "ago".
    fn bare_plural(&self, i: usize) -> bool {
        let Lex::Unit(u, true) = self.lex(i) else {
            return false;
        };
        if matches!(u, Unit::Night | Unit::Weekend | Unit::Quarter) || i == 0 {
            return false;
        }
        let p = if self.kw(i - 1, Kw::The) && i >= 2 {
            i - 2
        } else {
            i - 1
        };
        matches!(
            self.lex(p),
            Lex::Kw(Kw::For | Kw::Within | Kw::In | Kw::Over)
        ) && !matches!(
            self.lex(i + 1),
            Lex::Kw(Kw::Of | Kw::Ago | Kw::Old | Kw::Later | Kw::Earlier)
        ) && !self.punct(i + 1, '-')
    }

    /// "the year" (`k` at "year"): the anchor's year, or a year-long duration when a
    /// closing date follows ("the year ended June 30"); "the year two thousand".
    fn the_year(&self, k: usize) -> P {
        match self.lex(k + 1) {
            Lex::Kw(Kw::Ended | Kw::Ending) => {
                return Some((k + 1, Expr::Duration(Qty::N(1), Unit::Year)));
            }
            Lex::Card(2) if self.kw(k + 2, Kw::Thousand) => {
                return Some((k + 3, Expr::Cal(CalSpec::Year(2000))));
            }
            Lex::Kw(Kw::Before | Kw::After | Kw::Earlier | Kw::Later | Kw::Ago) => return None,
            _ => {}
        }
        if self.punct(k + 1, '-') || matches!(self.word_text(k + 1), "ends" | "through") {
            return None;
        }
        Some((
            k + 1,
            Expr::Cal(CalSpec::Rel {
                unit: Unit::Year,
                n: 0,
            }),
        ))
    }

    /// "(the) last week of December", "the first week of March 2024"; `i` at the ordinal.
    fn week_of_month(&self, i: usize, n: Option<i32>) -> P {
        let k = if self.kw(i, Kw::Last) {
            i + 1
        } else {
            self.ordinal(i)?.1
        };
        if self.lex(k) != Lex::Unit(Unit::Week, false) || !self.kw(k + 1, Kw::Of) {
            return None;
        }
        let n = n?;
        if !(-1..=5).contains(&n) || n == 0 {
            return None;
        }
        let (m, mut e) = self.month_tok(k + 2)?;
        let mut year = None;
        if let Some(y) = self.year(e) {
            year = Some(y);
            e += 1;
        }
        Some((e, Expr::Cal(CalSpec::WeekOfMonth { n, m, year })))
    }

    /// "last year", "this year", "next year" at `i`: the year's offset from the anchor's.
    fn rel_year(&self, i: usize) -> Option<i64> {
        let Lex::Kw(k @ (Kw::Last | Kw::This | Kw::Next)) = self.lex(i) else {
            return None;
        };
        if self.lex(i + 1) != Lex::Unit(Unit::Year, false) {
            return None;
        }
        Some(match k {
            Kw::Last => -1,
            Kw::Next => 1,
            _ => 0,
        })
    }

    fn month_start(&self, i: usize) -> P {
        let (m, j) = self.month_tok(i)?;
        // Month day[, year]
        if let Some((d, k)) = self.day_num(j) {
            let k2 = if self.punct(k, ',') { k + 1 } else { k };
            if let Some(y) = self.year(k2)
                && valid(y, m, d)
            {
                return Some((k2 + 1, Expr::Cal(CalSpec::Date(y, m, d))));
            }
            if valid(2024, m, d) {
                // March 30 last year
                if let Some(n) = self.rel_year(k) {
                    return Some((k + 2, Expr::Cal(CalSpec::RelYearDay { n, m, d })));
                }
                return Some((
                    k,
                    Expr::Cal(CalSpec::MonthDay {
                        m,
                        d,
                        dir: Dir::Auto,
                    }),
                ));
            }
        }
        // July last year
        if let Lex::Kw(k @ (Kw::Last | Kw::This | Kw::Next)) = self.lex(j)
            && self.lex(j + 1) == Lex::Unit(Unit::Year, false)
        {
            let n = match k {
                Kw::Last => -1,
                Kw::Next => 1,
                _ => 0,
            };
            return Some((j + 2, Expr::Cal(CalSpec::RelYearMonth { n, m })));
        }
        // Month year, Month of year
        let j2 = if self.kw(j, Kw::Of) || self.punct(j, ',') {
            j + 1
        } else {
            j
        };
        if let Some((y, e)) = self.year_any(j2) {
            return Some((e, Expr::Cal(CalSpec::YearMonth(y, m))));
        }
        let t = self.tok(i)?;
        let Lex::Month(_, abbr) = t.lex else {
            return None;
        };
        if abbr {
            return None;
        }
        if m == 5 && !(i >= 1 && self.is_cue(i - 1)) {
            return None;
        }
        // "the March for Life", "the March of the Combatant Mothers": a procession
        if m == 3
            && matches!(self.lex(j), Lex::Kw(Kw::For | Kw::Of))
            && i >= 1
            && (self.kw(i - 1, Kw::The) || self.word_text(i - 1) == "annual")
        {
            return None;
        }
        Some((i + 1, Expr::Cal(CalSpec::Month { m, dir: Dir::Auto })))
    }

    fn weekday_start(&self, i: usize) -> P {
        let t = *self.tok(i)?;
        let Lex::Weekday(wd, abbr) = t.lex else {
            return None;
        };
        if abbr && !t.caps {
            return None;
        }
        // "the Good Friday Agreement", "Black Monday", "Super Tuesday": a named day, not the
        // weekday nearest publication
        if i >= 1
            && self
                .tok(i - 1)
                .is_some_and(|p| p.caps && p.kind == Kind::Word && p.e + 1 == t.s)
            && matches!(
                self.word_text(i - 1),
                "Good"
                    | "Black"
                    | "Cyber"
                    | "Super"
                    | "Bloody"
                    | "Ash"
                    | "Palm"
                    | "Holy"
                    | "Maundy"
            )
        {
            return None;
        }
        let mut j = i + 1;
        if abbr && self.punct(j, '.') {
            j += 1;
        }
        let j2 = if self.punct(j, ',') { j + 1 } else { j };
        // Tuesday, January 9, 2025 / Tuesday 9 January
        if let Some((e, Expr::Cal(spec @ (CalSpec::Date(..) | CalSpec::MonthDay { .. })))) =
            if self.tok(j2).is_some_and(|t| t.kind == Kind::Num) {
                self.num_start(j2)
            } else {
                self.month_start(j2)
            }
        {
            return Some((e, Expr::Cal(spec)));
        }
        if abbr {
            return None;
        }
        let day = CalSpec::Weekday {
            wd: u32::from(wd),
            dir: Dir::Auto,
        };
        if let Lex::Part(p) = self.lex(j)
            && !matches!(p, DayPart::Overnight | DayPart::Dawn | DayPart::Dusk)
        {
            // "Fox News' Sunday Morning Futures", "Monday Night Football": a programme
            let caps_word = |k: usize| self.tok(k).is_some_and(|t| t.caps && t.kind == Kind::Word);
            if caps_word(j) && caps_word(j + 1) {
                return None;
            }
            return Some((j + 1, Expr::Time(DaySpec::Cal(day), Clock::Part(p))));
        }
        Some((j, Expr::Cal(day)))
    }

    /// A holiday name at `i`: "Christmas", "Christmas Eve", "Thanksgiving Day", "Easter
    /// Sunday", "Election Day", "Valentine's Day", with an optional year.
    fn holiday(&self, i: usize, h: u8, dir: Dir) -> P {
        let t = *self.tok(i)?;
        if !t.caps {
            return None;
        }
        let mut j = i + 1;
        // "Valentine's Day"
        if h == 9 && self.apostrophe(j) && self.word_text(j + 1) == "s" {
            j += 2;
        }
        let day_word = self.word_text(j) == "Day";
        let mut offset = 0i8;
        match h {
            // stand alone: "Christmas", "Thanksgiving", "Easter", "Halloween"
            0..=3 => {
                if day_word {
                    j += 1;
                } else if h == 0 && self.word_text(j) == "Eve" {
                    offset = -1;
                    j += 1;
                } else if h == 2 && self.word_text(j) == "Sunday" {
                    j += 1;
                } else if h == 2 && self.word_text(j) == "Monday" {
                    offset = 1;
                    j += 1;
                }
            }
            // "Election Day", "Labor Day": the word alone is no date
            _ if day_word => j += 1,
            _ => return None,
        }
        let k = if self.punct(j, ',') { j + 1 } else { j };
        let mut year = None;
        if let Some(y) = self.year(k) {
            year = Some(y);
            j = k + 1;
        }
        // "Easter week", "Christmas week": the (ISO) week holding the day
        let week = offset == 0 && j == i + 1 && self.lex(j) == Lex::Unit(Unit::Week, false);
        Some((
            j + usize::from(week),
            Expr::Cal(CalSpec::Holiday {
                h,
                offset: if week { WEEK_OF } else { offset },
                year,
                dir,
            }),
        ))
    }

    /// A season word at `s`; the expression starts at `i` ("the summer of 2024").
    fn season_start(&self, i: usize, s: usize) -> P {
        let t = *self.tok(s)?;
        let Lex::Season(season) = t.lex else {
            return None;
        };
        // "the Winter Olympic Games", "Summer Palace": a capitalised season inside a name
        if t.caps
            && self
                .tok(s + 1)
                .is_some_and(|n| n.caps && n.kind == Kind::Word && n.lex == Lex::None)
            && !self.sentence_initial(s)
        {
            return None;
        }
        let mut j = s + 1;
        let mut year = None;
        if self.kw(j, Kw::Of)
            && let Some((y, e)) = self.year_any(j + 1)
        {
            year = Some(y);
            j = e;
        } else if let Some((y, e)) = self.year_any(j) {
            year = Some(y);
            j = e;
        }
        if year.is_none() && i == s && !(s >= 1 && self.is_cue(s - 1)) {
            return None;
        }
        if year.is_none()
            && season == 2
            && !t.caps
            && !(s >= 1
                && matches!(
                    self.lex(s - 1),
                    Lex::Kw(Kw::This | Kw::Last | Kw::Next | Kw::Early | Kw::Late | Kw::Mid)
                ))
        {
            return None;
        }
        Some((
            j,
            Expr::Cal(CalSpec::Season {
                s: season,
                year,
                dir: Dir::Auto,
            }),
        ))
    }

    fn rel_start(&self, i: usize) -> P {
        let k = match self.lex(i) {
            Lex::Kw(k) => k,
            _ => return None,
        };
        let dir = match k {
            Kw::Last | Kw::Past | Kw::Previous => Dir::Past,
            Kw::This => Dir::This,
            _ => Dir::Future,
        };
        let j = i + 1;
        // "the talks will last three days": the verb, which leaves the duration alone
        if k == Kw::Last
            && i >= 1
            && matches!(
                self.word_text(i - 1),
                "will"
                    | "would"
                    | "could"
                    | "may"
                    | "might"
                    | "should"
                    | "can"
                    | "to"
                    | "ll"
                    | "did"
                    | "does"
                    | "do"
                    | "not"
            )
        {
            return None;
        }
        // "at the last minute", "a last-minute deal": an idiom, not a minute
        if k == Kw::Last && self.lex(j) == Lex::Unit(Unit::Minute, false) {
            return None;
        }
        // "This Week", "This Morning" (programmes), "Next Year" in a headline-cased name
        if self
            .tok(j)
            .is_some_and(|t| t.caps && matches!(t.lex, Lex::Unit(..) | Lex::Part(..)))
        {
            return None;
        }
        // last three years, past 24 hours
        if matches!(k, Kw::Last | Kw::Past | Kw::Next | Kw::Coming)
            && let Some((q, e)) = self.qty(j, false)
            && let Some((u, _)) = self.unit(e)
        {
            let u = if u == Unit::Night { Unit::Day } else { u };
            return Some((e + 1, Expr::Duration(q, u)));
        }
        if matches!(k, Kw::Coming | Kw::Past)
            && let Some((u, true)) = self.unit(j)
        {
            return Some((j + 1, Expr::Duration(Qty::X, u)));
        }
        match self.lex(j) {
            Lex::Unit(Unit::Weekend, false) => Some((j + 1, Expr::Cal(CalSpec::Weekend(dir)))),
            Lex::Unit(
                u @ (Unit::Week
                | Unit::Month
                | Unit::Quarter
                | Unit::Year
                | Unit::Decade
                | Unit::Century),
                false,
            ) => {
                let n = match dir {
                    Dir::Past => -1,
                    Dir::Future => 1,
                    _ => 0,
                };
                if matches!(k, Kw::Previous | Kw::Following) {
                    return Some((j + 1, Expr::Cal(rel_from_ref(u, n))));
                }
                if k == Kw::Past {
                    return Some((j + 1, Expr::Duration(Qty::N(1), u)));
                }
                // this year's third quarter
                if u == Unit::Year
                    && self.apostrophe(j + 1)
                    && self.word_text(j + 2) == "s"
                    && let Some((e, Expr::Cal(CalSpec::Quarter { q, year: None, .. }))) =
                        self.quarter(j + 3)
                {
                    return Some((e, Expr::Cal(CalSpec::RelYearQuarter { n, q })));
                }
                Some((j + 1, Expr::Cal(rel_from_anchor(u, n))))
            }
            Lex::Unit(Unit::Day, false) if matches!(k, Kw::Next | Kw::Following | Kw::Previous) => {
                Some((
                    j + 1,
                    Expr::Cal(CalSpec::RefDay(if k == Kw::Previous { -1 } else { 1 })),
                ))
            }
            Lex::Month(..) => {
                let (m, e) = self.month_tok(j)?;
                // "last Oct. 23": the most recent such day
                if let Some((d, k)) = self.day_num(e)
                    && valid(2024, m, d)
                    && !self.punct(k, ',')
                    && self.year(k).is_none()
                {
                    return Some((k, Expr::Cal(CalSpec::MonthDay { m, d, dir })));
                }
                Some((e, Expr::Cal(CalSpec::Month { m, dir })))
            }
            Lex::Weekday(wd, false) => {
                let day = CalSpec::Weekday {
                    wd: u32::from(wd),
                    dir,
                };
                if let Lex::Part(p) = self.lex(j + 1)
                    && !matches!(p, DayPart::Overnight | DayPart::Dawn | DayPart::Dusk)
                {
                    return Some((j + 2, Expr::Time(DaySpec::Cal(day), Clock::Part(p))));
                }
                Some((j + 1, Expr::Cal(day)))
            }
            Lex::Season(s) => Some((j + 1, Expr::Cal(CalSpec::Season { s, year: None, dir }))),
            Lex::Holiday(h) => self.holiday(j, h, dir),
            Lex::Part(
                p @ (DayPart::Morning | DayPart::Afternoon | DayPart::Evening | DayPart::Night),
            ) if matches!(k, Kw::Last | Kw::This) => {
                let n = if k == Kw::Last { -1 } else { 0 };
                Some((
                    j + 1,
                    Expr::Time(DaySpec::Cal(CalSpec::RelDay(n)), Clock::Part(p)),
                ))
            }
            // "the next morning", "the previous evening": a part of the day after or before
            // the last named one
            Lex::Part(
                p @ (DayPart::Morning | DayPart::Afternoon | DayPart::Evening | DayPart::Night),
            ) if matches!(k, Kw::Next | Kw::Following | Kw::Previous) => {
                let n = if k == Kw::Previous { -1 } else { 1 };
                Some((
                    j + 1,
                    Expr::Time(DaySpec::Cal(CalSpec::RefDay(n)), Clock::Part(p)),
                ))
            }
            _ => None,
        }
    }

    /// The tense of the clause around tokens `s..e`: the nearest tense marker before the
    /// expression decides ("will", "is due to" / "said", "was", "-ed" verbs); an expression
    /// opening its sentence also looks a few words ahead ("On Monday, troops will ...").
    fn tense(&self, s: usize, e: usize) -> Tense {
        let mut i = s;
        let mut steps = 0;
        let mut at_start = true;
        // "extended through January", "until mid-November": an end point, often ahead of
        // the (past) action.
        let endpoint = s >= 1
            && (self.kw(s - 1, Kw::Until)
                || self.kw(s - 1, Kw::To)
                || self.word_text(s - 1) == "through");
        let weekday = (s..e).any(|k| matches!(self.lex(k), Lex::Weekday(..)));
        // "as soon as Tuesday", "as early as next week": the earliest time something may
        // happen, so a time ahead.
        if s >= 3
            && self.word_text(s - 3).eq_ignore_ascii_case("as")
            && matches!(self.word_text(s - 2), "soon" | "early")
            && self.word_text(s - 1) == "as"
        {
            return Tense::Future;
        }
        // "harden the sites ahead of the winter", "ahead of Sunday's vote": what one
        // prepares for lies ahead
        if self.ahead_of(s) {
            return Tense::Future;
        }
        // "said Tuesday", "announced on Monday": the day of a statement, which has come,
        // whatever a clause before it says ("The firm, which will open soon, said Tuesday")
        let before = if s >= 2 && self.kw(s - 1, Kw::On) {
            s - 2
        } else {
            s.wrapping_sub(1)
        };
        if matches!(
            self.word_text(before),
            "said" | "announced" | "told" | "reported" | "confirmed" | "declared" | "stated"
        ) {
            return Tense::Past;
        }
        // "the meeting is on Monday", "the deadline is Friday"
        if matches!(self.word_text(before), "is" | "are") {
            return Tense::Future;
        }
        while i > 0 && steps < 12 {
            i -= 1;
            steps += 1;
            let t = &self.toks[i];
            if is_boundary(self.toks, i) {
                break;
            }
            // ", and set Friday as the deadline": a new clause, whose verb is this one
            if i >= 1 && self.punct(i - 1, ',') && matches!(self.word_text(i), "and" | "but") {
                break;
            }
            if is_future_marker(self, i) {
                return Tense::Future;
            }
            // "has given the relatives until 9 a.m. Tuesday", "extended its deadline until
            // Friday": a deadline set to a day of the week lies ahead of the setting
            if endpoint
                && weekday
                && matches!(self.word_text(i), "given" | "gave" | "extended" | "extends")
            {
                return Tense::Future;
            }
            if is_past_marker(self, i) {
                // "postponed until Tuesday", "adjourned to Monday"
                if endpoint
                    && matches!(
                        self.word_text(i),
                        "postponed" | "delayed" | "adjourned" | "deferred" | "recessed"
                    )
                {
                    return Tense::Future;
                }
                return if endpoint {
                    Tense::Unknown
                } else {
                    Tense::Past
                };
            }
            if t.kind == Kind::Word
                && !matches!(
                    t.lex,
                    Lex::Kw(Kw::In | Kw::On | Kw::At | Kw::By | Kw::Until | Kw::Since | Kw::During)
                )
            {
                at_start = false;
            }
        }
        if at_start {
            // the verb of the clause, past a capitalised subject ("On Tuesday, the National
            // Abortion Rights Action League plans to ..."): five words, names not counted
            let mut words = 0;
            for k in e..self.toks.len() {
                if is_boundary(self.toks, k) || words >= 5 {
                    break;
                }
                if self.tok(k).is_some_and(|t| !t.caps) {
                    words += 1;
                }
                // "On Friday, the government planned to pay": the planning was that day
                if self.word_text(k) == "planned" {
                    return Tense::Past;
                }
                if is_future_marker(self, k) {
                    return Tense::Future;
                }
                if is_past_marker(self, k) {
                    return Tense::Past;
                }
            }
        }
        Tense::Unknown
    }
}

/// True when token `i` ends a sentence or clause: a break, "!", "?", ";", or a full stop
/// that does not close an abbreviation ("a.m.", "U.S.", "Oct.").
pub(crate) fn is_boundary(toks: &[Tok], i: usize) -> bool {
    let Some(t) = toks.get(i) else { return false };
    if t.is_punct('.') {
        let abbr = i >= 1
            && toks.get(i - 1).is_some_and(|p| {
                p.e == t.s
                    && p.kind == Kind::Word
                    && (p.len() == 1
                        || matches!(p.lex, Lex::Month(_, true) | Lex::Weekday(_, true)))
            });
        return !abbr;
    }
    t.kind == Kind::Break || t.is_punct('!') || t.is_punct('?') || t.is_punct(';')
}

fn is_future_marker(p: &Parser<'_>, i: usize) -> bool {
    // "had been scheduled to", "was due to": a plan in the past.
    let planned_before = || i >= 1 && matches!(p.word_text(i - 1), "had" | "been" | "was" | "were");
    match p.lex(i) {
        Lex::Kw(Kw::Will | Kw::Shall | Kw::Upcoming) => true,
        Lex::Kw(Kw::Scheduled) => !planned_before(),
        Lex::Kw(Kw::Ll) => i >= 1 && p.apostrophe(i - 1),
        Lex::Kw(Kw::Going) => p.kw(i + 1, Kw::To) && !planned_before(),
        // "is due to resume", "due out Monday", "due back on Friday"; "expects to", "is
        // expected to arrive", "a ruling expected Monday"
        Lex::Kw(Kw::Due | Kw::Expected) => {
            !planned_before()
                && (p.kw(i + 1, Kw::To)
                    || matches!(p.word_text(i + 1), "out" | "back")
                    || matches!(
                        p.lex(i + 1),
                        Lex::Weekday(..) | Lex::Month(..) | Lex::Kw(Kw::On | Kw::By | Kw::Next)
                    ))
        }
        // "plans to", "planned for", "were planning to": an intention, so a time ahead
        // "planned a rally on Saturday": the thing planned lies ahead too
        Lex::Kw(Kw::Plans) => {
            !(i >= 1 && p.word_text(i - 1) == "had")
                && (p.kw(i + 1, Kw::To)
                    || p.kw(i + 1, Kw::For)
                    || matches!(p.lex(i + 1), Lex::Kw(Kw::A | Kw::An | Kw::The)))
        }
        // "the summit starts Tuesday", "the ban expires Friday": a timetable in the present
        // tense, which news uses for what is to come
        Lex::None => match p.word_text(i) {
            "starts" | "begins" | "opens" | "resumes" | "expires" | "arrives" | "departs"
            | "leaves" | "meets" | "convenes" | "reconvenes" => true,
            // "Netanyahu and Arafat meet separately Monday": the plural of the same present
            // (not "did not meet", "never meet", nor an infinitive: "hard to meet demand")
            "meet" | "convene" | "reconvene" => {
                !(i >= 1 && matches!(p.word_text(i - 1), "did" | "not" | "never" | "t" | "to"))
            }
            // "is traveling to Paris on Monday": the present progressive of a plan (not of
            // what goes on: "is continuing to try")
            "traveling" | "travelling" | "leaving" | "arriving" | "meeting" | "visiting"
            | "flying" | "holding" | "hosting" | "returning" | "departing" | "heading"
            | "launching" | "releasing" | "unveiling" | "announcing"
                if i >= 1 && matches!(p.word_text(i - 1), "is" | "are" | "am") =>
            {
                true
            }
            // "to be completed by", "will be paid", "payable Dec. 15", "is to resume", "set to"
            w => is_future_word(p, i, w),
        },
        // "may": the modal verb, not the month
        Lex::Month(5, false) => {
            !p.tok(i).is_some_and(|t| t.caps) && !matches!(p.word_text(i + 1), "have" | "")
        }
        _ => false,
    }
}

/// "to be completed by", "will be paid", "payable Dec. 15", "is to resume", "set to".
fn is_future_word(p: &Parser<'_>, i: usize, w: &str) -> bool {
    match w {
        // "could be located Wednesday", "cannot be reached": ability, not a plan
        "be" => !(i >= 1 && matches!(p.word_text(i - 1), "could" | "can" | "cannot" | "not")),
        "payable" | "effective" => true,
        // "hearings are set for a court on Friday", "the vote is slated for Monday" (not
        // "had been set for", a past plan, nor "elections set for February were delayed")
        "set" | "slated" if p.kw(i + 1, Kw::For) => {
            i >= 1 && matches!(p.word_text(i - 1), "is" | "are" | "be" | "now")
        }
        "set" | "is" | "are" | "supposed" | "likely" | "slated" => p.kw(i + 1, Kw::To),
        // "hopes to resolve it during talks Tuesday", "aims to finish by Friday": an aim in
        // the present lies ahead (not "hoped to", a past one)
        "hopes" | "hope" | "aims" | "intends" | "intend" | "wants" | "seeks" => p.kw(i + 1, Kw::To),
        // modal verbs, not "would have" (a past counterfactual)
        "would" | "might" | "should" | "must" => p.word_text(i + 1) != "have",
        _ => false,
    }
}

fn is_past_marker(p: &Parser<'_>, i: usize) -> bool {
    let Some(t) = p.tok(i) else { return false };
    if t.kind != Kind::Word || t.caps || t.lex != Lex::None && t.lex != Lex::Kw(Kw::Ended) {
        return false;
    }
    let w = p.word_text(i);
    // "to be completed": a participle after "be" says nothing of the time; nor does an
    // adjective ("a still unspecified date", "the revised plan").
    if i >= 1
        && (p.word_text(i - 1) == "be" || matches!(p.lex(i - 1), Lex::Kw(Kw::The | Kw::A | Kw::An)))
    {
        return false;
    }
    if w.starts_with("un") && w.ends_with("ed") {
        return false;
    }
    // "decided to admit", "agreed to meet": the time belongs to the infinitive, which lies
    // after the decision.
    if w.ends_with("ed")
        && p.kw(i + 1, Kw::To)
        && p.tok(i + 2)
            .is_some_and(|n| n.kind == Kind::Word && n.lex == Lex::None)
    {
        return false;
    }
    if w.len() >= 5
        && w.ends_with("ed")
        && !matches!(
            w,
            "indeed"
                | "proceed"
                | "succeed"
                | "exceed"
                | "hundred"
                | "speed"
                | "need"
                | "expected"
                | "scheduled"
                | "planned"
                | "based"
                | "related"
        )
    {
        return true;
    }
    matches!(
        w,
        "was"
            | "were"
            | "had"
            | "did"
            | "took"
            | "withdrew"
            | "drew"
            | "grew"
            | "fled"
            | "threw"
            | "began"
            | "came"
            | "went"
            | "made"
            | "met"
            | "left"
            | "fell"
            | "rose"
            | "got"
            | "gave"
            | "held"
            | "won"
            | "lost"
            | "sent"
            | "saw"
            | "struck"
            | "hit"
            | "led"
            | "fought"
            | "spoke"
            | "wrote"
            | "ran"
            | "knew"
            | "thought"
            | "found"
            | "brought"
            | "bought"
            | "sold"
            | "paid"
            | "shot"
            | "broke"
            | "stood"
            | "flew"
            | "drove"
            | "became"
    )
}

fn rel_from_anchor(unit: Unit, n: i64) -> CalSpec {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => CalSpec::RelDay(0),
        Unit::Day | Unit::Night => CalSpec::RelDay(n),
        Unit::Fortnight => CalSpec::RelDay(14 * n),
        Unit::Weekend => CalSpec::Rel {
            unit: Unit::Week,
            n,
        },
        u => CalSpec::Rel { unit: u, n },
    }
}

fn rel_from_ref(unit: Unit, n: i64) -> CalSpec {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => CalSpec::RefDay(0),
        Unit::Day | Unit::Night => CalSpec::RefDay(n),
        Unit::Week | Unit::Weekend => CalSpec::RefDay(7 * n),
        Unit::Fortnight => CalSpec::RefDay(14 * n),
        u => CalSpec::RefRel { unit: u, n },
    }
}

/// True when y-m-d is a real date.
pub(crate) fn valid(y: i32, m: u32, d: u32) -> bool {
    chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()
}
