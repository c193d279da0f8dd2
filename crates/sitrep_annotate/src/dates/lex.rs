//! Tokens and the temporal lexicon.
//!
//! The tagger works on a flat token list: words (letters), numbers (ASCII digit runs),
//! single punctuation characters and break markers (paragraph breaks, skipped text). Each word
//! is looked up once in the lexicon, so the grammar compares small enum values, not strings.

/// Token class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters.
    Word,
    /// ASCII digits.
    Num,
    /// One punctuation or symbol character.
    Punct,
    /// A hard boundary: a blank line or text that must not be read.
    Break,
}

/// Units of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Night,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Parts of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
    Dawn,
    Dusk,
    Noon,
    Midnight,
    Overnight,
}

/// Keywords the grammar reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kw {
    The,
    A,
    An,
    Last,
    This,
    Next,
    Past,
    Coming,
    Previous,
    Following,
    Ago,
    Earlier,
    Later,
    Before,
    After,
    Early,
    Mid,
    Late,
    Middle,
    End,
    Beginning,
    Start,
    Of,
    In,
    On,
    At,
    Since,
    Until,
    By,
    During,
    For,
    Over,
    Within,
    Every,
    Each,
    Per,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Now,
    Currently,
    Current,
    Recently,
    Recent,
    Soon,
    Future,
    Previously,
    Formerly,
    Lately,
    Nowadays,
    Present,
    Moment,
    These,
    Same,
    That,
    Fiscal,
    Local,
    Time,
    Am,
    Pm,
    O,
    Clock,
    Several,
    Few,
    Many,
    Couple,
    Some,
    Once,
    Twice,
    Times,
    Other,
    Half,
    First,
    Second,
    Will,
    Shall,
    Ll,
    Going,
    Plans,
    Scheduled,
    Expected,
    Due,
    Upcoming,
    Hundred,
    Thousand,
    And,
    Old,
    Ad,
    Bc,
    From,
    To,
    Ended,
    Ending,
    Daily,
    Weekly,
    Monthly,
    Yearly,
    Hourly,
    Nightly,
    Annually,
    Quarterly,
    Full,
    Whole,
    Entire,
    Latest,
    Period,
}

/// What a word means to the tagger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    None,
    /// Month 1..=12; `abbr` for "Jan", "Sept" and the like.
    Month(u8, bool),
    /// ISO weekday 1..=7 (Monday = 1); `abbr` for "Tue", "Thurs".
    Weekday(u8, bool),
    /// Season: 0 spring, 1 summer, 2 fall, 3 winter.
    Season(u8),
    /// A unit; `true` when plural.
    Unit(Unit, bool),
    /// A cardinal number word.
    Card(u32),
    /// An ordinal number word.
    Ord(u32),
    /// "twenties" .. "nineties": the decade's tens digit.
    DecadeWord(u8),
    /// A plural weekday ("Mondays"): ISO weekday 1..=7.
    Weekdays(u8),
    /// A holiday name (see `HOLIDAYS` in the grammar); only capitalised uses count.
    Holiday(u8),
    /// A part of the day.
    Part(DayPart),
    /// A time zone abbreviation.
    Zone,
    Kw(Kw),
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub s: u32,
    pub e: u32,
    pub kind: Kind,
    pub lex: Lex,
    /// Numbers: the value (saturating); punctuation: the character.
    pub val: u32,
    /// Words: starts with an uppercase letter.
    pub caps: bool,
}

impl Tok {
    pub fn len(&self) -> u32 {
        self.e - self.s
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.val == c as u32
    }
}

/// Splits `text[range]` into tokens, appending to `out`. Offsets are absolute.
pub(crate) fn tokenize(text: &str, from: usize, to: usize, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let mut i = from;
    let mut newlines = 0u32;
    while i < to {
        let b = bytes[i];
        if b == b'\n' {
            newlines += 1;
            i += 1;
            continue;
        }
        if b == b' ' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        if newlines >= 2 {
            push_break(out, i);
        }
        newlines = 0;
        if b.is_ascii_digit() {
            let s = i;
            let mut v: u32 = 0;
            while i < to && bytes[i].is_ascii_digit() {
                v = v
                    .saturating_mul(10)
                    .saturating_add(u32::from(bytes[i] - b'0'));
                i += 1;
            }
            out.push(Tok {
                s: s as u32,
                e: i as u32,
                kind: Kind::Num,
                lex: Lex::None,
                val: v,
                caps: false,
            });
        } else if b.is_ascii_alphabetic() || (b >= 0x80 && is_alpha_at(text, i)) {
            let s = i;
            while i < to {
                let c = bytes[i];
                if c.is_ascii_alphabetic() {
                    i += 1;
                } else if c >= 0x80 && is_alpha_at(text, i) {
                    i += utf8_len(c);
                } else {
                    break;
                }
            }
            let word = &text[s..i];
            let lex = lookup(word);
            out.push(Tok {
                s: s as u32,
                e: i as u32,
                kind: Kind::Word,
                lex,
                val: 0,
                caps: b.is_ascii_uppercase(),
            });
        } else {
            let len = if b < 0x80 { 1 } else { utf8_len(b) };
            let c = text[i..].chars().next().map_or(0, |c| c as u32);
            out.push(Tok {
                s: i as u32,
                e: (i + len) as u32,
                kind: Kind::Punct,
                lex: Lex::None,
                val: c,
                caps: false,
            });
            i += len;
        }
    }
}

fn push_break(out: &mut Vec<Tok>, at: usize) {
    if out.last().is_some_and(|t| t.kind == Kind::Break) {
        return;
    }
    out.push(Tok {
        s: at as u32,
        e: at as u32,
        kind: Kind::Break,
        lex: Lex::None,
        val: 0,
        caps: false,
    });
}

/// Appends a break marker (between separately tokenized ranges).
pub(crate) fn push_break_at(out: &mut Vec<Tok>, at: usize) {
    push_break(out, at);
}

fn utf8_len(b: u8) -> usize {
    match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

fn is_alpha_at(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphabetic)
}

/// Looks a word up in the lexicon (case-insensitive).
pub(crate) fn lookup(word: &str) -> Lex {
    let w = word.as_bytes();
    if w.len() > 12 || w.is_empty() {
        return Lex::None;
    }
    let mut buf = [0u8; 12];
    for (d, s) in buf.iter_mut().zip(w) {
        *d = s.to_ascii_lowercase();
    }
    let Ok(l) = std::str::from_utf8(&buf[..w.len()]) else {
        return Lex::None;
    };
    use Kw::*;
    use Lex::{
        Card, DecadeWord, Month as M, Ord as Od, Part as P, Season as S, Unit as U, Weekday as W,
    };
    use Unit as Un;
    match l {
        "january" => M(1, false),
        "february" => M(2, false),
        "march" => M(3, false),
        "april" => M(4, false),
        "may" => M(5, false),
        "june" => M(6, false),
        "july" => M(7, false),
        "august" => M(8, false),
        "september" => M(9, false),
        "october" => M(10, false),
        "november" => M(11, false),
        "december" => M(12, false),
        "jan" => M(1, true),
        "feb" => M(2, true),
        "mar" => M(3, true),
        "apr" => M(4, true),
        "jun" => M(6, true),
        "jul" => M(7, true),
        "aug" => M(8, true),
        "sep" | "sept" => M(9, true),
        "oct" => M(10, true),
        "nov" => M(11, true),
        "dec" => M(12, true),
        "monday" => W(1, false),
        "tuesday" => W(2, false),
        "wednesday" => W(3, false),
        "thursday" => W(4, false),
        "friday" => W(5, false),
        "saturday" => W(6, false),
        "sunday" => W(7, false),
        "mondays" => Lex::Weekdays(1),
        "tuesdays" => Lex::Weekdays(2),
        "wednesdays" => Lex::Weekdays(3),
        "thursdays" => Lex::Weekdays(4),
        "fridays" => Lex::Weekdays(5),
        "saturdays" => Lex::Weekdays(6),
        "sundays" => Lex::Weekdays(7),
        "mon" => W(1, true),
        "tue" | "tues" => W(2, true),
        "wed" => W(3, true),
        "thu" | "thur" | "thurs" => W(4, true),
        "fri" => W(5, true),
        "sat" => W(6, true),
        "sun" => W(7, true),
        "spring" => S(0),
        "summer" => S(1),
        "fall" | "autumn" => S(2),
        "winter" => S(3),
        "christmas" | "xmas" => Lex::Holiday(0),
        "thanksgiving" => Lex::Holiday(1),
        "easter" => Lex::Holiday(2),
        "halloween" => Lex::Holiday(3),
        "election" => Lex::Holiday(4),
        "independence" => Lex::Holiday(5),
        "memorial" => Lex::Holiday(6),
        "labor" | "labour" => Lex::Holiday(7),
        "veterans" => Lex::Holiday(8),
        "valentine" => Lex::Holiday(9),
        "second" => Lex::Kw(Second),
        "seconds" => U(Un::Second, true),
        "minute" | "min" => U(Un::Minute, false),
        "minutes" | "mins" => U(Un::Minute, true),
        "hour" => U(Un::Hour, false),
        "hours" => U(Un::Hour, true),
        "day" => U(Un::Day, false),
        "days" => U(Un::Day, true),
        "night" => P(DayPart::Night),
        "nights" => U(Un::Night, true),
        "week" => U(Un::Week, false),
        "weeks" => U(Un::Week, true),
        "weekend" => U(Un::Weekend, false),
        "weekends" => U(Un::Weekend, true),
        "fortnight" => U(Un::Fortnight, false),
        "fortnights" => U(Un::Fortnight, true),
        "month" => U(Un::Month, false),
        "months" => U(Un::Month, true),
        "quarter" => U(Un::Quarter, false),
        "quarters" => U(Un::Quarter, true),
        "year" => U(Un::Year, false),
        "years" => U(Un::Year, true),
        "decade" => U(Un::Decade, false),
        "decades" => U(Un::Decade, true),
        "century" => U(Un::Century, false),
        "centuries" => U(Un::Century, true),
        "one" => Card(1),
        "two" => Card(2),
        "three" => Card(3),
        "four" => Card(4),
        "five" => Card(5),
        "six" => Card(6),
        "seven" => Card(7),
        "eight" => Card(8),
        "nine" => Card(9),
        "ten" => Card(10),
        "eleven" => Card(11),
        "twelve" => Card(12),
        "thirteen" => Card(13),
        "fourteen" => Card(14),
        "fifteen" => Card(15),
        "sixteen" => Card(16),
        "seventeen" => Card(17),
        "eighteen" => Card(18),
        "nineteen" => Card(19),
        "twenty" => Card(20),
        "thirty" => Card(30),
        "forty" => Card(40),
        "fifty" => Card(50),
        "sixty" => Card(60),
        "seventy" => Card(70),
        "eighty" => Card(80),
        "ninety" => Card(90),
        "dozen" => Card(12),
        "first" => Lex::Kw(First),
        "third" => Od(3),
        "fourth" => Od(4),
        "fifth" => Od(5),
        "sixth" => Od(6),
        "seventh" => Od(7),
        "eighth" => Od(8),
        "ninth" => Od(9),
        "tenth" => Od(10),
        "eleventh" => Od(11),
        "twelfth" => Od(12),
        "thirteenth" => Od(13),
        "fourteenth" => Od(14),
        "fifteenth" => Od(15),
        "sixteenth" => Od(16),
        "seventeenth" => Od(17),
        "eighteenth" => Od(18),
        "nineteenth" => Od(19),
        "twentieth" => Od(20),
        "thirtieth" => Od(30),
        "twenties" => DecadeWord(2),
        "thirties" => DecadeWord(3),
        "forties" => DecadeWord(4),
        "fifties" => DecadeWord(5),
        "sixties" => DecadeWord(6),
        "seventies" => DecadeWord(7),
        "eighties" => DecadeWord(8),
        "nineties" => DecadeWord(9),
        "morning" | "mornings" => P(DayPart::Morning),
        "afternoon" | "afternoons" => P(DayPart::Afternoon),
        "evening" | "evenings" => P(DayPart::Evening),
        "dawn" | "daybreak" | "sunrise" => P(DayPart::Dawn),
        "dusk" | "sunset" | "nightfall" => P(DayPart::Dusk),
        "noon" | "midday" => P(DayPart::Noon),
        "midnight" => P(DayPart::Midnight),
        "overnight" => P(DayPart::Overnight),
        "gmt" | "utc" | "est" | "edt" | "cst" | "cdt" | "mst" | "mdt" | "pst" | "pdt" | "bst"
        | "cet" | "cest" | "eet" | "eest" | "msk" | "ist" | "jst" | "kst" => Lex::Zone,
        "the" => Lex::Kw(The),
        "a" => Lex::Kw(A),
        "an" => Lex::Kw(An),
        "last" => Lex::Kw(Last),
        "this" => Lex::Kw(This),
        "next" => Lex::Kw(Next),
        "past" => Lex::Kw(Past),
        "coming" => Lex::Kw(Coming),
        "previous" | "preceding" | "prior" => Lex::Kw(Previous),
        "following" => Lex::Kw(Following),
        "ago" => Lex::Kw(Ago),
        "earlier" => Lex::Kw(Earlier),
        "later" => Lex::Kw(Later),
        "before" => Lex::Kw(Before),
        "after" => Lex::Kw(After),
        "early" => Lex::Kw(Early),
        "mid" => Lex::Kw(Mid),
        "late" => Lex::Kw(Late),
        "middle" => Lex::Kw(Middle),
        "end" => Lex::Kw(End),
        "beginning" => Lex::Kw(Beginning),
        "start" => Lex::Kw(Start),
        "of" => Lex::Kw(Of),
        "in" => Lex::Kw(In),
        "on" => Lex::Kw(On),
        "at" => Lex::Kw(At),
        "since" => Lex::Kw(Since),
        "until" | "till" => Lex::Kw(Until),
        "by" => Lex::Kw(By),
        "during" => Lex::Kw(During),
        "for" => Lex::Kw(For),
        "over" => Lex::Kw(Over),
        "within" => Lex::Kw(Within),
        "every" => Lex::Kw(Every),
        "each" => Lex::Kw(Each),
        "per" => Lex::Kw(Per),
        "today" => Lex::Kw(Today),
        "yesterday" => Lex::Kw(Yesterday),
        "tomorrow" => Lex::Kw(Tomorrow),
        "tonight" => Lex::Kw(Tonight),
        "now" => Lex::Kw(Now),
        "currently" => Lex::Kw(Currently),
        "current" => Lex::Kw(Current),
        "recently" => Lex::Kw(Recently),
        "recent" => Lex::Kw(Recent),
        "soon" => Lex::Kw(Soon),
        "future" => Lex::Kw(Future),
        "previously" => Lex::Kw(Previously),
        "formerly" => Lex::Kw(Formerly),
        "lately" => Lex::Kw(Lately),
        "nowadays" => Lex::Kw(Nowadays),
        "present" => Lex::Kw(Present),
        "moment" => Lex::Kw(Moment),
        "these" => Lex::Kw(These),
        "same" => Lex::Kw(Same),
        "that" => Lex::Kw(That),
        "fiscal" => Lex::Kw(Fiscal),
        "local" => Lex::Kw(Local),
        "time" => Lex::Kw(Time),
        "am" => Lex::Kw(Am),
        "pm" => Lex::Kw(Pm),
        "o" => Lex::Kw(O),
        "clock" => Lex::Kw(Clock),
        "several" => Lex::Kw(Several),
        "few" => Lex::Kw(Few),
        "many" => Lex::Kw(Many),
        "couple" => Lex::Kw(Couple),
        "some" => Lex::Kw(Some),
        "once" => Lex::Kw(Once),
        "twice" => Lex::Kw(Twice),
        "times" => Lex::Kw(Times),
        "other" => Lex::Kw(Other),
        "half" => Lex::Kw(Half),
        "will" => Lex::Kw(Will),
        "shall" => Lex::Kw(Shall),
        "ll" => Lex::Kw(Ll),
        "going" => Lex::Kw(Going),
        "plans" | "plan" | "planned" | "planning" | "intends" | "intend" => Lex::Kw(Plans),
        "scheduled" | "slated" => Lex::Kw(Scheduled),
        "expected" | "expects" => Lex::Kw(Expected),
        "due" => Lex::Kw(Due),
        "upcoming" => Lex::Kw(Upcoming),
        "hundred" => Lex::Kw(Hundred),
        "thousand" => Lex::Kw(Thousand),
        "and" => Lex::Kw(And),
        "old" => Lex::Kw(Old),
        "ad" => Lex::Kw(Ad),
        "bc" => Lex::Kw(Bc),
        "from" => Lex::Kw(From),
        "to" => Lex::Kw(To),
        "ended" => Lex::Kw(Ended),
        "ending" => Lex::Kw(Ending),
        "daily" => Lex::Kw(Daily),
        "weekly" => Lex::Kw(Weekly),
        "monthly" => Lex::Kw(Monthly),
        "yearly" => Lex::Kw(Yearly),
        "hourly" => Lex::Kw(Hourly),
        "nightly" => Lex::Kw(Nightly),
        "annually" | "annual" => Lex::Kw(Annually),
        "quarterly" => Lex::Kw(Quarterly),
        "full" => Lex::Kw(Full),
        "whole" => Lex::Kw(Whole),
        "entire" => Lex::Kw(Entire),
        "latest" => Lex::Kw(Latest),
        "period" => Lex::Kw(Period),
        _ => Lex::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_exact_offsets() {
        let text = "On Tuesday, 9 Jan. 2025—über\n\nnext";
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        let words: Vec<&str> = toks
            .iter()
            .filter(|t| t.kind != Kind::Break)
            .map(|t| &text[t.s as usize..t.e as usize])
            .collect();
        assert_eq!(
            words,
            [
                "On", "Tuesday", ",", "9", "Jan", ".", "2025", "—", "über", "next"
            ]
        );
        assert_eq!(toks[1].lex, Lex::Weekday(2, false));
        assert!(toks.iter().any(|t| t.kind == Kind::Break));
    }
}
