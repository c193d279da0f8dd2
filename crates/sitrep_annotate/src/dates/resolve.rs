//! Resolution: turns a recognised [`Expr`] into a TIMEX3 type, value and calendar interval,
//! given the anchor (publication date) and the last mentioned date.

use super::grammar::{CalSpec, Clock, DaySpec, Dir, Expr, Mod, Qty, RefKind, Tense, WEEK_OF};
use super::lex::{DayPart, Unit};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use sitrep_model::TimexType;

/// A resolved calendar period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cal {
    Day(NaiveDate),
    /// ISO week-numbering year and week.
    Week(i32, u32),
    Weekend(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    /// Season 0 spring .. 3 winter (winter Y runs from December Y to February Y+1).
    Season(i32, u8),
    Year(i32),
    /// Decade by its first three digits (199 = 1990s).
    Decade(i32),
    /// Century by its first two digits (19 = 1900-1999).
    Century(i32),
    /// A value with an interval of its own ("the last week of December").
    Custom(String, NaiveDate, NaiveDate),
}

const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

impl Cal {
    pub fn value(&self) -> String {
        match self {
            Cal::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Cal::Week(y, w) => format!("{y:04}-W{w:02}"),
            Cal::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Cal::Month(y, m) => format!("{y:04}-{m:02}"),
            Cal::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Cal::Half(y, h) => format!("{y:04}-H{h}"),
            Cal::Season(y, s) => format!("{y:04}-{}", SEASONS[usize::from(*s) % 4]),
            Cal::Year(y) => format!("{y:04}"),
            Cal::Decade(d) => format!("{d:03}"),
            Cal::Century(c) => format!("{c:02}"),
            Cal::Custom(v, _, _) => v.clone(),
        }
    }

    /// The inclusive interval of days covered.
    pub fn interval(&self) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            Cal::Day(d) => Some((*d, *d)),
            Cal::Week(y, w) => {
                let s = NaiveDate::from_isoywd_opt(*y, *w, Weekday::Mon)?;
                Some((s, s.checked_add_days(Days::new(6))?))
            }
            Cal::Weekend(y, w) => {
                let s = NaiveDate::from_isoywd_opt(*y, *w, Weekday::Sat)?;
                Some((s, s.checked_add_days(Days::new(1))?))
            }
            Cal::Month(y, m) => month_range(*y, *m, *m),
            Cal::Quarter(y, q) => month_range(*y, q * 3 - 2, q * 3),
            Cal::Half(y, h) => month_range(*y, h * 6 - 5, h * 6),
            Cal::Season(y, s) => match s {
                0 => month_range(*y, 3, 5),
                1 => month_range(*y, 6, 8),
                2 => month_range(*y, 9, 11),
                _ => Some((
                    NaiveDate::from_ymd_opt(*y, 12, 1)?,
                    month_range(y + 1, 2, 2)?.1,
                )),
            },
            Cal::Year(y) => month_range(*y, 1, 12),
            Cal::Decade(d) => Some((
                month_range(d * 10, 1, 1)?.0,
                month_range(d * 10 + 9, 12, 12)?.1,
            )),
            Cal::Century(c) => Some((
                month_range(c * 100, 1, 1)?.0,
                month_range(c * 100 + 99, 12, 12)?.1,
            )),
            Cal::Custom(_, s, e) => Some((*s, *e)),
        }
    }

    /// True when the period is one day.
    pub fn is_day(&self) -> bool {
        matches!(self, Cal::Day(_))
    }
}

fn month_range(y: i32, m1: u32, m2: u32) -> Option<(NaiveDate, NaiveDate)> {
    let s = NaiveDate::from_ymd_opt(y, m1, 1)?;
    let e = NaiveDate::from_ymd_opt(y, m2, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()?;
    Some((s, e))
}

fn days_in_month(y: i32, m: u32) -> Option<u32> {
    month_range(y, m, m).map(|(_, e)| e.day())
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn add_months(y: i32, m: u32, n: i64) -> Option<(i32, u32)> {
    let total = i64::from(y) * 12 + i64::from(m) - 1 + n;
    let y = i32::try_from(total.div_euclid(12)).ok()?;
    Some((y, (total.rem_euclid(12) + 1) as u32))
}

fn iso_week(d: NaiveDate) -> Cal {
    let w = d.iso_week();
    Cal::Week(w.year(), w.week())
}

/// What a mention resolves to.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub timex_type: TimexType,
    pub value: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// The calendar period, when the mention names one (used as the reference for later
    /// "the next day" and to date times of day).
    pub cal: Option<Cal>,
}

/// Context for resolution.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    pub anchor: Option<NaiveDate>,
    /// The last mentioned date (its first day), for "the next day" and "two days later".
    pub reference: Option<NaiveDate>,
    /// The last mentioned date when it was a single day.
    pub ref_day: Option<NaiveDate>,
    pub tense: Tense,
    /// The last quarter mentioned, for "the quarter".
    pub quarter: Option<(i32, u32)>,
    /// How to read months without a year when the tense does not say.
    pub nearest: bool,
}

impl Ctx {
    fn future(&self) -> bool {
        self.tense == Tense::Future
    }
}

/// Resolves a calendar expression to a period.
pub(crate) fn resolve_cal(spec: CalSpec, cx: Ctx) -> Option<Cal> {
    use CalSpec as C;
    match spec {
        C::Date(y, m, d) => NaiveDate::from_ymd_opt(y, m, d).map(Cal::Day),
        C::YearMonth(y, m) => Some(Cal::Month(y, m)),
        C::Year(y) => Some(Cal::Year(y)),
        C::Decade(d) => Some(Cal::Decade(d)),
        C::Century(c) => Some(Cal::Century(c)),
        C::MonthDay { m, d, dir } => {
            let a = cx.anchor?;
            if dir == Dir::Auto && cx.tense == Tense::Unknown && cx.nearest {
                // The coming occurrence when it is at most NEAREST_AHEAD months ahead, else
                // the last one (news looks back more than ahead).
                let cands: Vec<NaiveDate> = [a.year() - 1, a.year(), a.year() + 1]
                    .into_iter()
                    .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
                    .collect();
                let horizon = a.checked_add_months(Months::new(NEAREST_AHEAD as u32));
                let ahead = cands
                    .iter()
                    .find(|&&day| day >= a && horizon.is_some_and(|h| day <= h));
                let back = cands.iter().rev().find(|&&day| day <= a);
                return ahead.or(back).copied().map(Cal::Day);
            }
            let y = month_year(a, m, dir, cx);
            let day = NaiveDate::from_ymd_opt(y, m, d)
                .or_else(|| NaiveDate::from_ymd_opt(y - 1, m, d))?;
            Some(Cal::Day(day))
        }
        C::Month { m, dir } => {
            let a = cx.anchor?;
            Some(Cal::Month(month_year(a, m, dir, cx), m))
        }
        C::Weekday { wd, dir } => {
            let a = cx.anchor?;
            let aw = i64::from(a.weekday().number_from_monday());
            let wd = i64::from(wd);
            let back = (aw - wd).rem_euclid(7);
            let fwd = (wd - aw).rem_euclid(7);
            let delta = match dir {
                Dir::Past => -(if back == 0 { 7 } else { back }),
                Dir::Future => {
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
                Dir::This => wd - aw,
                Dir::Auto if cx.future() => fwd,
                Dir::Auto => -back,
            };
            add_days(a, delta).map(Cal::Day)
        }
        C::Season {
            s, year: Some(y), ..
        } => Some(Cal::Season(y, s)),
        C::Season { s, year: None, dir } => {
            let a = cx.anchor?;
            let ay = a.year();
            // Occurrences around the anchor: pick by direction.
            let cands = [ay - 2, ay - 1, ay, ay + 1];
            let iv = |y: i32| Cal::Season(y, s).interval();
            let pick = match dir {
                Dir::Past => cands
                    .iter()
                    .rev()
                    .find(|&&y| iv(y).is_some_and(|(_, e)| e < a)),
                Dir::Future => cands.iter().find(|&&y| iv(y).is_some_and(|(st, _)| st > a)),
                Dir::This if s == 3 && a.month() <= 2 => Some(&cands[1]),
                Dir::This => Some(&cands[2]),
                Dir::Auto if cx.future() => {
                    cands.iter().find(|&&y| iv(y).is_some_and(|(_, e)| e >= a))
                }
                Dir::Auto => cands
                    .iter()
                    .rev()
                    .find(|&&y| iv(y).is_some_and(|(st, _)| st <= a)),
            };
            pick.map(|&y| Cal::Season(y, s))
        }
        C::DayOfMonth(d) => {
            let a = cx.anchor?;
            let mut cands = Vec::with_capacity(3);
            for n in [-1, 0, 1] {
                let (y, m) = add_months(a.year(), a.month(), n)?;
                if let Some(day) = NaiveDate::from_ymd_opt(y, m, d) {
                    cands.push(day);
                }
            }
            let pick = if cx.future() {
                cands.into_iter().find(|day| *day >= a)
            } else {
                cands.into_iter().rev().find(|day| *day <= a)
            };
            pick.map(Cal::Day)
        }
        C::Quarter {
            q, year: Some(y), ..
        } => Some(Cal::Quarter(y, q)),
        C::Quarter { q, year: None, dir } => {
            let a = cx.anchor?;
            let aq = (a.month() - 1) / 3 + 1;
            let y = match dir {
                Dir::Past => a.year() - i32::from(q >= aq),
                Dir::Future => a.year() + i32::from(q <= aq),
                Dir::This => a.year(),
                Dir::Auto => a.year() - i32::from(q > aq),
            };
            Some(Cal::Quarter(y, q))
        }
        C::Half { h, year: Some(y) } => Some(Cal::Half(y, h)),
        C::Half { h, year: None } => {
            let a = cx.anchor?;
            let ah = if a.month() <= 6 { 1 } else { 2 };
            let y = a.year() - i32::from(h > ah);
            Some(Cal::Half(y, h))
        }
        C::RelDay(n) => add_days(cx.anchor?, n).map(Cal::Day),
        C::Rel { unit, n } => rel_period(cx.anchor?, unit, n),
        C::RefDay(n) => add_days(cx.ref_day.or(cx.anchor)?, n).map(Cal::Day),
        C::RefRel { unit, n } => rel_period(cx.reference.or(cx.anchor)?, unit, n),
        C::WeekOfMonth { n, m, year } => {
            let y = match year {
                Some(y) => y,
                None => month_year(cx.anchor?, m, Dir::Auto, cx),
            };
            let last = days_in_month(y, m)?;
            let (s, e) = if n < 0 {
                (last - 6, last)
            } else {
                let s = (n as u32 - 1) * 7 + 1;
                (s, (s + 6).min(last))
            };
            if s > last {
                return None;
            }
            let sd = NaiveDate::from_ymd_opt(y, m, s)?;
            let ed = NaiveDate::from_ymd_opt(y, m, e)?;
            // The value is the ISO week holding the period's first day; the interval runs from
            // that week's Monday (within the month) to the period's last day, so it covers both
            // readings: "the last calendar week" and "the final seven days".
            let w = sd.iso_week();
            let monday = NaiveDate::from_isoywd_opt(w.year(), w.week(), Weekday::Mon)?;
            let start = if monday.month() == m { monday } else { sd };
            Some(Cal::Custom(
                format!("{:04}-W{:02}", w.year(), w.week()),
                start,
                ed,
            ))
        }
        C::TheQuarter { year_offset } => {
            let (y, q) = match cx.quarter {
                Some(yq) => yq,
                None => {
                    let a = cx.anchor?;
                    let (y, m) = add_months(a.year(), a.month(), -3)?;
                    (y, (m - 1) / 3 + 1)
                }
            };
            if year_offset > 100 {
                return Some(Cal::Quarter(year_offset, q));
            }
            Some(Cal::Quarter(y + year_offset, q))
        }
        C::LatestQuarter => {
            let a = cx.anchor?;
            let (y, m) = add_months(a.year(), a.month(), -3)?;
            Some(Cal::Quarter(y, (m - 1) / 3 + 1))
        }
        C::YearsAgo { n, from_ref: false } => rel_period(cx.anchor?, Unit::Year, n),
        C::YearsAgo { n, from_ref: true } => rel_period(cx.reference.or(cx.anchor)?, Unit::Year, n),
        C::RelYearQuarter { n, q } => {
            Some(Cal::Quarter(cx.anchor?.year() + i32::try_from(n).ok()?, q))
        }
        C::RelYearDay { n, m, d } => {
            NaiveDate::from_ymd_opt(cx.anchor?.year() + i32::try_from(n).ok()?, m, d).map(Cal::Day)
        }
        C::RelYearMonth { n, m } => Some(Cal::Month(cx.anchor?.year() + i32::try_from(n).ok()?, m)),
        C::ThatDay => cx.ref_day.map(Cal::Day),
        C::WeekOf { m, d, year } => {
            let day = match year {
                Some(y) => C::Date(y, m, d),
                None => C::MonthDay {
                    m,
                    d,
                    dir: Dir::Auto,
                },
            };
            match resolve_cal(day, cx)? {
                Cal::Day(d) => Some(iso_week(d)),
                _ => None,
            }
        }
        C::Holiday {
            h,
            offset,
            year: Some(y),
            ..
        } if offset == WEEK_OF => holiday_date(h, y).map(iso_week),
        C::Holiday {
            h,
            offset,
            year: Some(y),
            ..
        } => add_days(holiday_date(h, y)?, i64::from(offset)).map(Cal::Day),
        C::Holiday {
            h,
            offset,
            year: None,
            dir,
        } => {
            let a = cx.anchor?;
            let week = offset == WEEK_OF;
            let offset = if week { 0 } else { offset };
            let day = |y: i32| holiday_date(h, y).and_then(|d| add_days(d, i64::from(offset)));
            let cands: Vec<NaiveDate> = (a.year() - 1..=a.year() + 1).filter_map(day).collect();
            let pick = match dir {
                Dir::Past => cands.iter().rev().find(|&&d| d < a).copied(),
                Dir::Future => cands.iter().find(|&&d| d > a).copied(),
                Dir::This => day(a.year()),
                Dir::Auto if cx.future() => cands.iter().find(|&&d| d >= a).copied(),
                Dir::Auto if cx.tense == Tense::Unknown && cx.nearest => cands
                    .iter()
                    .min_by_key(|&&d| {
                        // the coming one only when it is nearer by more than a month
                        let n = (d - a).num_days();
                        if n > 0 { n + 31 } else { -n }
                    })
                    .copied(),
                // a week has begun by its Monday
                Dir::Auto if week => cands
                    .iter()
                    .rev()
                    .find(|&&d| add_days(d, -6).is_some_and(|m| m <= a))
                    .copied(),
                Dir::Auto => cands.iter().rev().find(|&&d| d <= a).copied(),
            };
            if week {
                return pick.map(iso_week);
            }
            pick.map(Cal::Day)
        }
        C::RefWeekday { wd, forward } => {
            let base = cx.reference.or(cx.anchor)?;
            let bw = i64::from(base.weekday().number_from_monday());
            let wd = i64::from(wd);
            let delta = if forward {
                let f = (wd - bw).rem_euclid(7);
                if f == 0 { 7 } else { f }
            } else {
                let b = (bw - wd).rem_euclid(7);
                -(if b == 0 { 7 } else { b })
            };
            add_days(base, delta).map(Cal::Day)
        }
        C::Weekend(dir) => {
            let a = cx.anchor?;
            let aw = i64::from(a.weekday().number_from_monday());
            // Saturday on or before the anchor.
            let sat_before = add_days(a, -((aw - 6).rem_euclid(7)))?;
            let in_weekend = aw >= 6;
            let sat = match dir {
                Dir::Past => {
                    if in_weekend {
                        add_days(sat_before, -7)?
                    } else {
                        sat_before
                    }
                }
                Dir::This => {
                    if in_weekend {
                        sat_before
                    } else {
                        add_days(sat_before, 7)?
                    }
                }
                Dir::Future => add_days(sat_before, 7)?,
                Dir::Auto if cx.future() && !in_weekend => add_days(sat_before, 7)?,
                Dir::Auto => sat_before,
            };
            let w = sat.iso_week();
            Some(Cal::Weekend(w.year(), w.week()))
        }
    }
}

/// The day of holiday `h` (see `Lex::Holiday`) in year `y`; US dates for US holidays.
fn holiday_date(h: u8, y: i32) -> Option<NaiveDate> {
    let nth = |m: u32, wd: Weekday, n: u8| NaiveDate::from_weekday_of_month_opt(y, m, wd, n);
    match h {
        0 => NaiveDate::from_ymd_opt(y, 12, 25),
        1 => nth(11, Weekday::Thu, 4),
        2 => easter(y),
        3 => NaiveDate::from_ymd_opt(y, 10, 31),
        // the Tuesday after the first Monday of November
        4 => nth(11, Weekday::Mon, 1)?.succ_opt(),
        5 => NaiveDate::from_ymd_opt(y, 7, 4),
        // the last Monday of May
        6 => nth(5, Weekday::Mon, 5).or_else(|| nth(5, Weekday::Mon, 4)),
        7 => nth(9, Weekday::Mon, 1),
        8 => NaiveDate::from_ymd_opt(y, 11, 11),
        9 => NaiveDate::from_ymd_opt(y, 2, 14),
        _ => None,
    }
}

/// Western Easter Sunday (the anonymous Gregorian computus).
fn easter(y: i32) -> Option<NaiveDate> {
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The year of month `m` relative to the anchor: the most recent such month not after the
/// anchor's month by default; the next one not before it in future contexts.
const NEAREST_AHEAD: i64 = 4;

fn month_year(a: NaiveDate, m: u32, dir: Dir, cx: Ctx) -> i32 {
    let (ay, am) = (a.year(), a.month());
    match dir {
        Dir::Past => ay - i32::from(m >= am),
        Dir::Future => ay + i32::from(m <= am),
        Dir::This => ay,
        Dir::Auto if cx.future() => ay + i32::from(m < am),
        Dir::Auto if cx.tense == Tense::Unknown && cx.nearest => {
            // News looks back more than ahead: a month up to NEAREST_AHEAD months ahead is the
            // coming one, any other the past one.
            let ahead = (i64::from(m) - i64::from(am)).rem_euclid(12);
            if ahead == 0 {
                ay
            } else if ahead <= NEAREST_AHEAD {
                ay + i32::from(m < am)
            } else {
                ay - i32::from(m > am)
            }
        }
        Dir::Auto => ay - i32::from(m > am),
    }
}

fn rel_period(a: NaiveDate, unit: Unit, n: i64) -> Option<Cal> {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Some(Cal::Day(a)),
        Unit::Day | Unit::Night => add_days(a, n).map(Cal::Day),
        Unit::Week | Unit::Weekend => add_days(a, 7 * n).map(iso_week),
        Unit::Fortnight => add_days(a, 14 * n).map(iso_week),
        Unit::Month => add_months(a.year(), a.month(), n).map(|(y, m)| Cal::Month(y, m)),
        Unit::Quarter => {
            let (y, m) = add_months(a.year(), a.month(), 3 * n)?;
            Some(Cal::Quarter(y, (m - 1) / 3 + 1))
        }
        Unit::Year => Some(Cal::Year(a.year().checked_add(i32::try_from(n).ok()?)?)),
        Unit::Decade => Some(Cal::Decade(
            a.year().div_euclid(10) + i32::try_from(n).ok()?,
        )),
        Unit::Century => Some(Cal::Century(
            a.year().div_euclid(100) + i32::try_from(n).ok()?,
        )),
    }
}

fn unit_code(u: Unit) -> (bool, &'static str, u32) {
    // (time part, designator, multiplier)
    match u {
        Unit::Second => (true, "S", 1),
        Unit::Minute => (true, "M", 1),
        Unit::Hour => (true, "H", 1),
        Unit::Day | Unit::Night => (false, "D", 1),
        Unit::Week => (false, "W", 1),
        Unit::Weekend => (false, "WE", 1),
        Unit::Fortnight => (false, "W", 2),
        Unit::Month => (false, "M", 1),
        Unit::Quarter => (false, "Q", 1),
        Unit::Year => (false, "Y", 1),
        Unit::Decade => (false, "Y", 10),
        Unit::Century => (false, "CE", 1),
    }
}

/// "P3D", "PT24H", "PXY".
pub(crate) fn duration_value(q: Qty, u: Unit) -> String {
    let (t, d, mult) = unit_code(u);
    if let Qty::Half(n) = q {
        // the half in the next smaller unit: P2Y6M, PT5H30M, PT1M30S
        return match u {
            Unit::Second => format!("PT{n}.5S"),
            Unit::Minute => format!("PT{n}M30S"),
            Unit::Hour => format!("PT{n}H30M"),
            Unit::Day | Unit::Night => format!("P{n}DT12H"),
            Unit::Week | Unit::Weekend => format!("P{}DT12H", u64::from(n) * 7 + 3),
            Unit::Fortnight => format!("P{}D", u64::from(n) * 14 + 7),
            Unit::Month => format!("P{n}M15D"),
            Unit::Quarter => format!("P{}M15D", u64::from(n) * 3 + 1),
            Unit::Year => format!("P{n}Y6M"),
            Unit::Decade => format!("P{}Y", u64::from(n) * 10 + 5),
            Unit::Century => format!("P{}Y", u64::from(n) * 100 + 50),
        };
    }
    let (d, n) = match q {
        Qty::N(n) => (d, n.saturating_mul(mult).to_string()),
        // "decades": PXDE, not "some number of years"
        Qty::X if u == Unit::Decade => ("DE", "X".to_owned()),
        Qty::X | Qty::Half(_) => (d, "X".to_owned()),
    };
    format!("P{}{n}{d}", if t { "T" } else { "" })
}

fn part_code(p: DayPart) -> &'static str {
    match p {
        DayPart::Morning | DayPart::Dawn => "TMO",
        DayPart::Afternoon => "TAF",
        DayPart::Evening | DayPart::Dusk => "TEV",
        DayPart::Night | DayPart::Overnight => "TNI",
        DayPart::Noon => "T12:00",
        DayPart::Midnight => "T24:00",
    }
}

/// Narrows an interval to the part a modifier names.
fn narrow(iv: (NaiveDate, NaiveDate), m: Mod, anchor: Option<NaiveDate>) -> (NaiveDate, NaiveDate) {
    let (s, e) = iv;
    let len = (e - s).num_days() + 1;
    if len < 3 {
        return iv;
    }
    let third = len / 3;
    let at = |n: i64| add_days(s, n).unwrap_or(s);
    match m {
        Mod::Start => (s, at(third - 1)),
        Mod::Mid => (at(third), at(len - third - 1)),
        Mod::End => (at(len - third), e),
        Mod::Before => match anchor {
            Some(a) if s <= a && a <= e => (s, a),
            _ => iv,
        },
        Mod::After => match anchor {
            Some(a) if s <= a && a <= e => (a, e),
            _ => iv,
        },
    }
}

/// Resolves one expression. `day` is the day a time of day belongs to when the text gives none.
pub(crate) fn resolve(
    expr: Expr,
    modifier: Option<Mod>,
    cx: Ctx,
    day: Option<NaiveDate>,
) -> Option<Resolved> {
    match expr {
        Expr::Cal(spec) => {
            let Some(cal) = resolve_cal(spec, cx) else {
                return Some(unresolved(spec));
            };
            let (mut s, mut e) = cal.interval()?;
            if let Some(m) = modifier {
                (s, e) = narrow((s, e), m, cx.anchor);
            }
            Some(Resolved {
                timex_type: TimexType::Date,
                value: cal.value(),
                start: Some(s),
                end: Some(e),
                cal: Some(cal),
            })
        }
        Expr::Time(spec, clock) => {
            let d = match spec {
                DaySpec::Cal(c) => resolve_cal(c, cx)
                    .and_then(|c| if let Cal::Day(d) = c { Some(d) } else { None }),
                DaySpec::Context if clock == Clock::Part(DayPart::Overnight) => {
                    day.or(cx.anchor).and_then(|a| a.pred_opt())
                }
                DaySpec::Context => day.or(cx.anchor),
            };
            let clock_s = match clock {
                Clock::Hm(h, m) => format!("T{h:02}:{m:02}"),
                Clock::Part(p) => part_code(p).to_owned(),
            };
            let (date_s, cal) = match d {
                Some(d) => (Cal::Day(d).value(), Some(Cal::Day(d))),
                None => ("XXXX-XX-XX".to_owned(), None),
            };
            Some(Resolved {
                timex_type: TimexType::Time,
                value: format!("{date_s}{clock_s}"),
                start: d,
                end: d,
                cal,
            })
        }
        Expr::Duration(q, u) => Some(Resolved {
            timex_type: TimexType::Duration,
            value: duration_value(q, u),
            start: None,
            end: None,
            cal: None,
        }),
        Expr::Set(q, u) => Some(Resolved {
            timex_type: TimexType::Set,
            value: duration_value(q, u),
            start: None,
            end: None,
            cal: None,
        }),
        Expr::SetWeekday(wd) => Some(Resolved {
            timex_type: TimexType::Set,
            value: format!("XXXX-WXX-{wd}"),
            start: None,
            end: None,
            cal: None,
        }),
        Expr::SetMonth(m) => Some(Resolved {
            timex_type: TimexType::Set,
            value: format!("XXXX-{m:02}"),
            start: None,
            end: None,
            cal: None,
        }),
        Expr::SetPart(p) => Some(Resolved {
            timex_type: TimexType::Set,
            value: format!("XXXX-XX-XX{}", part_code(p)),
            start: None,
            end: None,
            cal: None,
        }),
        Expr::Ref(r) => Some(Resolved {
            timex_type: TimexType::Date,
            value: match r {
                RefKind::Past => "PAST_REF",
                RefKind::Present => "PRESENT_REF",
                RefKind::Future => "FUTURE_REF",
            }
            .to_owned(),
            start: None,
            end: None,
            cal: None,
        }),
    }
}

/// The underspecified value of a calendar expression that needs an anchor it does not have.
fn unresolved(spec: CalSpec) -> Resolved {
    use CalSpec as C;
    let value = match spec {
        C::MonthDay { m, d, .. } => format!("XXXX-{m:02}-{d:02}"),
        C::Month { m, .. } => format!("XXXX-{m:02}"),
        C::Weekday { wd, .. } => format!("XXXX-WXX-{wd}"),
        C::Season { s, .. } => format!("XXXX-{}", SEASONS[usize::from(s) % 4]),
        C::Quarter { q, .. } => format!("XXXX-Q{q}"),
        C::Half { h, .. } => format!("XXXX-H{h}"),
        C::WeekOfMonth { .. }
        | C::Rel {
            unit: Unit::Week, ..
        } => "XXXX-WXX".to_owned(),
        C::Weekend(_) => "XXXX-WXX-WE".to_owned(),
        C::Rel {
            unit: Unit::Month, ..
        } => "XXXX-XX".to_owned(),
        C::Rel {
            unit: Unit::Year, ..
        } => "XXXX".to_owned(),
        _ => "XXXX-XX-XX".to_owned(),
    };
    Resolved {
        timex_type: TimexType::Date,
        value,
        start: None,
        end: None,
        cal: None,
    }
}
