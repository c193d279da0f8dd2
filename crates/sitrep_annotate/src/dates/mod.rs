//! Temporal expressions: a rule-based TIMEX3 tagger for news.
//!
//! [`DatesConfig`] → [`DatesConfig::build`] → [`DateTagger`]; [`DateTagger::tag`] is a pure
//! function of the text and the anchor (the publication date). [`DatesStage`] runs it as a
//! pipeline stage and writes `Document::dates`.
//!
//! Every mention gets a TIMEX3 type (`DATE`, `TIME`, `DURATION`, `SET`), a value (`2025-01-09`,
//! `2024-08`, `2024-W52`, `2024-SU`, `P3D`, `PAST_REF`, ...) and, when it names a calendar
//! period, the inclusive interval of days it covers. Nothing is invented: "August" is a month,
//! never a day in August.
//!
//! Anchoring rules:
//! - relative expressions ("yesterday", "last week", "two years ago") resolve against the
//!   anchor; "the next day", "two days later" against the last mentioned date;
//! - weekdays resolve to the nearest such day on or before the anchor (wire copy dated Friday
//!   says "said Friday" of the same day: 44 of 125 bare weekdays in TimeBank), or after it when
//!   the clause speaks of the future ("will", "is due to", "next Tuesday");
//! - the tense of the clause is read from the nearest marker before the expression ("will",
//!   "'ll", "going to" / "was", "-ed" verbs; reporting verbs such as "said" do not count),
//!   within the clause (", and" / ", but" open a new one); plans, deadlines and timetables
//!   look ahead ("is expected to arrive Monday", "due out Monday", "the meeting is on
//!   Monday", "postponed until Tuesday", "the summit starts Tuesday"), while the day of a
//!   statement ("said Tuesday", "announced on Monday") has come;
//! - months and month-days without a year: past tense → the most recent such month not after
//!   the anchor's month; future tense → the next one not before it; tense unknown → the
//!   coming occurrence up to four months ahead, else the last one (configurable,
//!   [`DatesConfig::unmarked_months`]); "last August" is
//!   strictly before the anchor's month;
//! - seasons are meteorological, northern hemisphere: spring March–May, summer June–August,
//!   fall September–November, winter December–February (`2024-WI` starts in December 2024);
//! - "the last week of December" has the ISO week holding December 25 as its value
//!   (`2024-W52`) and runs from that week's Monday to December 31, covering both readings
//!   (last calendar week, final seven days);
//! - "early/mid/late X" keep X's value and narrow the interval to its first, middle or last
//!   third; "earlier this month" ends the interval at the anchor;
//! - quarters without a year: the most recent such quarter; "the quarter" is the quarter last
//!   mentioned, "the latest quarter" the last completed one, and "a year ago" / "a year
//!   earlier" / "year-earlier" in a text that has named a quarter is the year-ago quarter
//!   (the TimeBank convention for earnings reports); year-ago quarters never become the
//!   quarter "the quarter" refers to;
//! - "the year" is the anchor's year, or `P1Y` before "ended"/"ending"; "year-end" is the
//!   anchor's year; "the past year" / "the last decade" are the previous calendar period.

mod grammar;
mod lex;
mod resolve;

#[cfg(test)]
mod tests;

use chrono::Datelike;
pub use chrono::NaiveDate;
pub use sitrep_model::TimexType;

use grammar::{Clock, DaySpec, Expr, GrammarOptions, Match, Parser};
use lex::{DayPart, Kind, Tok};
use resolve::{Cal, Ctx};
use serde::{Deserialize, Serialize};
use sitrep_model::{DateMention, Document, Layer, Span};
use sitrep_pipeline::{DocStage, StageError};

/// Configuration of the date tagger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatesConfig {
    /// Read slashed dates day first ("03/04/2025" = 3 April). Off by default: slashed dates
    /// are read month first (US style) unless the first number is above 12. Dotted dates
    /// ("09.01.2025") are always read day first.
    pub slash_day_first: bool,
    /// The earliest four-digit number read as a year when no word ("in", "since", "fiscal")
    /// marks it as one.
    pub bare_year_min: i32,
    /// The latest four-digit number read as a year.
    pub bare_year_max: i32,
    /// How to read a month or month-day without a year ("in March", "Dec. 15") when the
    /// sentence's tense does not say: `nearest` takes the coming occurrence when it is at most
    /// four months ahead and the last one otherwise (in TimeBank and AQUAINT a month five or
    /// more months ahead is mostly the past one), `past` the most recent one not after the
    /// anchor's month.
    /// A future tense always picks the next occurrence, a past tense the previous one.
    pub unmarked_months: UnmarkedMonths,
    /// Emit generic references: `PAST_REF` ("recently"), `PRESENT_REF` ("now", "currently"),
    /// `FUTURE_REF` ("soon").
    pub refs: bool,
    /// Emit durations ("for three days" → `P3D`).
    pub durations: bool,
    /// Emit sets ("every day" → `P1D`).
    pub sets: bool,
}

/// See [`DatesConfig::unmarked_months`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnmarkedMonths {
    /// The coming occurrence up to four months ahead, else the last one.
    Nearest,
    /// The most recent occurrence not after the anchor's month.
    Past,
}

impl Default for DatesConfig {
    fn default() -> Self {
        Self {
            slash_day_first: false,
            bare_year_min: 1900,
            bare_year_max: 2100,
            unmarked_months: UnmarkedMonths::Nearest,
            refs: true,
            durations: true,
            sets: true,
        }
    }
}

impl DatesConfig {
    /// Builds the tagger.
    pub fn build(&self) -> DateTagger {
        DateTagger {
            config: self.clone(),
        }
    }
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaggedDate {
    /// Byte span of the expression in the text (prepositions such as "on" excluded).
    pub span: Span,
    /// TIMEX3 type.
    pub timex_type: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// First day covered, inclusive; `None` for durations, sets, generic references and
    /// expressions that could not be resolved (no anchor).
    pub start: Option<NaiveDate>,
    /// Last day covered, inclusive.
    pub end: Option<NaiveDate>,
    /// TIMEX3 `mod`: `START` ("early"), `MID`, `END` ("late"), `BEFORE` ("earlier this month"),
    /// `AFTER` ("later this year").
    pub modifier: Option<&'static str>,
}

/// The runtime tagger.
#[derive(Debug, Clone)]
pub struct DateTagger {
    config: DatesConfig,
}

impl DateTagger {
    /// The configuration it was built from.
    pub fn config(&self) -> &DatesConfig {
        &self.config
    }

    /// Finds and normalises the temporal expressions of `text`. `anchor` is the publication
    /// date; without it, relative expressions get underspecified values (`XXXX-08`) and no
    /// interval. Results are sorted by span and do not overlap.
    pub fn tag(&self, text: &str, anchor: Option<NaiveDate>) -> Vec<TaggedDate> {
        self.tag_ranges(text, &[(0, text.len())], anchor)
    }

    /// Like [`DateTagger::tag`], reading only the given byte ranges (sorted, on char
    /// boundaries). Expressions never cross from one range into the next.
    pub fn tag_ranges(
        &self,
        text: &str,
        ranges: &[(usize, usize)],
        anchor: Option<NaiveDate>,
    ) -> Vec<TaggedDate> {
        if u32::try_from(text.len()).is_err() {
            return Vec::new();
        }
        let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
        for &(from, to) in ranges {
            let to = to.min(text.len());
            if from >= to || !text.is_char_boundary(from) || !text.is_char_boundary(to) {
                continue;
            }
            if !toks.is_empty() {
                lex::push_break_at(&mut toks, from);
            }
            lex::tokenize(text, from, to, &mut toks);
        }
        let parser = Parser {
            text,
            toks: &toks,
            opts: GrammarOptions {
                slash_day_first: self.config.slash_day_first,
                year_min: self.config.bare_year_min,
                year_max: self.config.bare_year_max,
            },
        };
        let mut matches: Vec<(Match, u32)> = Vec::new();
        let mut i = 0;
        let mut sentence = 0u32;
        let mut last_scanned = 0;
        while i < toks.len() {
            let t = &toks[i];
            let candidate = match t.kind {
                Kind::Num => true,
                Kind::Word => t.lex != lex::Lex::None || (t.caps && t.len() == 1),
                Kind::Punct => t.is_punct('\'') || t.is_punct('’'),
                Kind::Break => false,
            };
            if candidate && let Some(m) = parser.parse_at(i) {
                if !self.wanted(&m.expr) {
                    i = m.end;
                    continue;
                }
                sentence += count_sentence_ends(&toks, last_scanned, m.start);
                let mut m = m;
                let mut end = m.end;
                let tail = parser.day_list_tail(&m);
                if let Some((_, first)) = tail {
                    m.expr = first;
                }
                matches.push((m, sentence));
                if let Some((second, _)) = tail {
                    end = second.end;
                    matches.push((second, sentence));
                }
                i = end;
                last_scanned = end;
            } else {
                i += 1;
            }
        }
        self.resolve_all(&toks, &matches, anchor)
    }

    fn wanted(&self, e: &Expr) -> bool {
        match e {
            Expr::Ref(_) => self.config.refs,
            Expr::Duration(..) => self.config.durations,
            Expr::Set(..) | Expr::SetWeekday(_) | Expr::SetPart(_) | Expr::SetMonth(_) => {
                self.config.sets
            }
            _ => true,
        }
    }

    fn resolve_all(
        &self,
        toks: &[Tok],
        matches: &[(Match, u32)],
        anchor: Option<NaiveDate>,
    ) -> Vec<TaggedDate> {
        let mut out = Vec::with_capacity(matches.len());
        let mut reference: Option<NaiveDate> = None;
        let mut ref_day: Option<NaiveDate> = None;
        let mut last_day: Option<(NaiveDate, u32)> = None;
        let mut quarter: Option<(i32, u32)> = None;
        let nearest = self.config.unmarked_months == UnmarkedMonths::Nearest;
        for (idx, (m, sent)) in matches.iter().enumerate() {
            let mut cx = Ctx {
                anchor,
                reference,
                ref_day,
                tense: m.tense,
                quarter,
                nearest,
            };
            // "the day before last Tuesday's hearing": counted from the day named right after.
            if let Expr::Cal(grammar::CalSpec::RefDay(_)) = m.expr
                && let Some((n, _)) = matches.get(idx + 1)
                && n.start == m.end
                && let Some(d) = day_of(n, cx)
            {
                cx.reference = Some(d);
                cx.ref_day = Some(d);
            }
            // A time of day without its own day takes a day named next to it, else one named
            // earlier in the same sentence, else one named later in it.
            let mut day = None;
            if let Expr::Time(DaySpec::Context, _) = m.expr {
                // The next day named in the sentence; another clock time right after this one
                // ("10:35 a.m. (0735 GMT) Friday") is passed over.
                let mut gap_end = m.end;
                let mut next_day = None;
                for (n, s) in matches.get(idx + 1..).unwrap_or_default() {
                    if s != sent {
                        break;
                    }
                    let close = n.start.saturating_sub(gap_end) <= 3;
                    if let Expr::Time(DaySpec::Context, _) = n.expr
                        && close
                    {
                        gap_end = n.end;
                        continue;
                    }
                    if let Some(d) = day_of(n, cx) {
                        next_day = Some((d, close));
                    }
                    break;
                }
                // "closed lower Friday ... Shares were depressed by overnight losses": the
                // night before a day named in this sentence or the one before
                let overnight = matches!(m.expr, Expr::Time(_, Clock::Part(DayPart::Overnight)));
                let prev_day = last_day
                    .filter(|(_, s)| s == sent || (overnight && s.saturating_add(1) == *sent))
                    .map(|(d, _)| d);
                day = match (next_day, prev_day) {
                    (Some((d, true)), _) => Some(d),
                    (_, Some(d)) => Some(d),
                    (Some((d, false)), None) => Some(d),
                    (None, None) => None,
                };
            }
            // "set for release Friday (Dec. 13)": a weekday glossed by the date in brackets
            // right after it is that date, when the two agree
            let mut glossed = None;
            if let Expr::Cal(grammar::CalSpec::Weekday { wd, .. }) = m.expr
                && toks.get(m.end).is_some_and(|t| t.is_punct('('))
                && let Some((n, _)) = matches.get(idx + 1)
                && n.start == m.end + 1
                && toks.get(n.end).is_some_and(|t| t.is_punct(')'))
                && let Some(d) = day_of(n, cx)
                && d.weekday().number_from_monday() == wd
            {
                glossed = Some(d);
            }
            // "a year ago" in a text about a quarter means the year-ago quarter (TimeBank:
            // 28 of 45 "a year ago/earlier" in earnings reports).
            let mut expr = m.expr;
            if let Some(d) = glossed {
                expr = Expr::Cal(grammar::CalSpec::Date(d.year(), d.month(), d.day()));
            }
            let derived = matches!(
                expr,
                Expr::Cal(
                    grammar::CalSpec::YearsAgo { .. }
                        | grammar::CalSpec::RelYearQuarter { n: -1, .. }
                )
            ) || matches!(
                expr,
                Expr::Cal(grammar::CalSpec::TheQuarter { year_offset }) if year_offset != 0
            );
            // Unless the sentence is about months or years ("in the first nine months,
            // compared with 40% a year earlier").
            let about_longer = || {
                matches.iter().any(|(o, s)| {
                    s == sent
                        && matches!(
                            o.expr,
                            Expr::Duration(_, lex::Unit::Month | lex::Unit::Year)
                        )
                })
            };
            // Only the year-ago quarter: "fined for rules broken five years ago" keeps its year.
            if let Expr::Cal(grammar::CalSpec::YearsAgo { n, .. }) = expr
                && n == -1
                && let Some((y, q)) = quarter
                && let Ok(n) = i32::try_from(n)
                && !about_longer()
            {
                expr = Expr::Cal(grammar::CalSpec::Quarter {
                    q,
                    year: Some(y + n),
                    dir: grammar::Dir::Auto,
                });
            }
            // "the 1988 period" next to "the first nine months" is the year
            if let Expr::Cal(grammar::CalSpec::TheQuarter { year_offset }) = expr
                && year_offset > 100
                && about_longer()
            {
                expr = Expr::Cal(grammar::CalSpec::Year(year_offset));
            }
            if expr == Expr::Cal(grammar::CalSpec::ThatDay) && ref_day.is_none() {
                continue;
            }
            let Some(r) = resolve::resolve(expr, m.modifier, cx, day) else {
                continue;
            };
            if let Some(cal) = &r.cal
                && !derived
                && let Some((s, _)) = cal.interval()
            {
                reference = Some(s);
                ref_day = cal.is_day().then_some(s);
                if cal.is_day() {
                    last_day = Some((s, *sent));
                }
                if let Cal::Quarter(y, q) = cal {
                    quarter = Some((*y, *q));
                }
            }
            let (Some(first), Some(last)) = (toks.get(m.start), toks.get(m.end.saturating_sub(1)))
            else {
                continue;
            };
            out.push(TaggedDate {
                span: Span::new(first.s, last.e),
                timex_type: r.timex_type,
                value: r.value,
                start: r.start,
                end: r.end,
                modifier: m.modifier.map(|md| match md {
                    grammar::Mod::Start => "START",
                    grammar::Mod::Mid => "MID",
                    grammar::Mod::End => "END",
                    grammar::Mod::Before => "BEFORE",
                    grammar::Mod::After => "AFTER",
                }),
            });
        }
        out
    }
}

/// Sentence ends in `toks[from..to]`; a run of them (a full stop, then a paragraph break)
/// ends one sentence.
fn count_sentence_ends(toks: &[Tok], from: usize, to: usize) -> u32 {
    let end = |k: usize| grammar::is_boundary(toks, k) && !toks[k].is_punct(';');
    (from..to.min(toks.len()))
        .filter(|&k| end(k) && !(k > from && end(k - 1)))
        .count() as u32
}

/// The dates stage: tags `Document::text` against `meta.published`, skipping flagged text.
#[derive(Debug, Clone)]
pub struct DatesStage {
    name: String,
    config: DatesConfig,
    tagger: DateTagger,
}

impl DatesStage {
    /// A stage named `name` running a tagger built from `config`.
    pub fn new(name: &str, config: DatesConfig) -> Self {
        let tagger = config.build();
        Self {
            name: name.to_owned(),
            config,
            tagger,
        }
    }
}

/// Byte ranges of `text` not covered by any of `flags` (sorted or not).
fn unflagged_ranges(text_len: usize, flags: &[Span], text: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<Span> = flags.to_vec();
    spans.sort();
    let mut out = Vec::new();
    let mut pos = 0usize;
    for s in spans {
        let (a, b) = (s.start_usize().min(text_len), s.end_usize().min(text_len));
        if a > pos && text.is_char_boundary(a) {
            out.push((pos, a));
        }
        if b > pos && text.is_char_boundary(b) {
            pos = b;
        }
    }
    if pos < text_len {
        out.push((pos, text_len));
    }
    out
}

impl DocStage for DatesStage {
    fn name(&self) -> &str {
        &self.name
    }

    fn version(&self) -> &str {
        "1"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Text]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Dates]
    }

    fn config(&self) -> serde_json::Value {
        serde_json::to_value(&self.config).unwrap_or(serde_json::Value::Null)
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let flags: Vec<Span> = doc.flags.iter().map(|f| f.span).collect();
        let ranges = unflagged_ranges(doc.text().len(), &flags, doc.text());
        let tagged = self
            .tagger
            .tag_ranges(doc.text(), &ranges, doc.meta.published);
        let mut dates = Vec::with_capacity(tagged.len());
        for t in tagged {
            dates.push(DateMention {
                id: doc.alloc_id(),
                span: t.span,
                timex_type: t.timex_type,
                value: t.value,
                start: t.start,
                end: t.end,
            });
        }
        dates.sort_by_key(|d| (d.span, d.id));
        doc.dates = dates;
        Ok(())
    }
}

/// The calendar day a match names, resolved in its own clause's tense; `None` unless it is a
/// whole day.
fn day_of(m: &Match, cx: Ctx) -> Option<NaiveDate> {
    let Expr::Cal(spec) = m.expr else {
        return None;
    };
    match resolve::resolve_cal(
        spec,
        Ctx {
            tense: m.tense,
            ..cx
        },
    ) {
        Some(Cal::Day(d)) => Some(d),
        _ => None,
    }
}
