//! Dates as pages write them in metadata and bylines.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| w.starts_with(m))?;
    // "march", "mar", "sept", "september": the rest must continue the month's name.
    const FULL: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let full = FULL.get(i)?;
    (full.starts_with(&w) || w == "sept").then_some(i as u32 + 1)
}

/// Month names of German, French, Italian, Spanish, Dutch and Portuguese pages (whole words,
/// lower case) that English prefixes do not cover.
const FOREIGN_MONTHS: &[(&str, u32)] = &[
    ("januar", 1),
    ("janvier", 1),
    ("gennaio", 1),
    ("enero", 1),
    ("januari", 1),
    ("janeiro", 1),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febbraio", 2),
    ("febrero", 2),
    ("februari", 2),
    ("fevereiro", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("maart", 3),
    ("março", 3),
    ("avril", 4),
    ("aprile", 4),
    ("abril", 4),
    ("mai", 5),
    ("maggio", 5),
    ("mayo", 5),
    ("mei", 5),
    ("maio", 5),
    ("juni", 6),
    ("juin", 6),
    ("giugno", 6),
    ("junio", 6),
    ("junho", 6),
    ("juli", 7),
    ("juillet", 7),
    ("luglio", 7),
    ("julio", 7),
    ("julho", 7),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("augustus", 8),
    ("septembre", 9),
    ("settembre", 9),
    ("septiembre", 9),
    ("setembro", 9),
    ("oktober", 10),
    ("octobre", 10),
    ("ottobre", 10),
    ("octubre", 10),
    ("outubro", 10),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("dezember", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("dicembre", 12),
    ("diciembre", 12),
    ("dezembro", 12),
];

/// A month name in English (full or abbreviated) or in one of [`FOREIGN_MONTHS`].
fn any_month(word: &str) -> Option<u32> {
    month(word).or_else(|| {
        let w = word.trim_end_matches('.').to_lowercase();
        FOREIGN_MONTHS
            .iter()
            .find(|(n, _)| *n == w)
            .map(|&(_, m)| m)
    })
}

/// A numeric date token: `2024-05-12` (ISO) or `12.05.2024` (day first, as in German and
/// most of Europe). Slashed forms are left out: `05/12/2024` is ambiguous.
fn numeric_date(w: &str) -> Option<NaiveDate> {
    let w = w.trim_matches(|c: char| !c.is_ascii_digit());
    let b = w.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let p = w.get(from..from + len)?;
        p.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| p.parse().ok())
            .flatten()
    };
    if b.len() >= 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
        if b.get(10).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        return ymd(num(0, 4)?, num(5, 2)?, num(8, 2)?);
    }
    let parts: Vec<&str> = w.split('.').collect();
    if let [d, m, y] = parts.as_slice()
        && (1..=2).contains(&d.len())
        && (1..=2).contains(&m.len())
        && y.len() == 4
        && let (Ok(d), Ok(m), Ok(y)) = (d.parse(), m.parse(), y.parse())
    {
        return ymd(y, m, d);
    }
    None
}

fn ymd(y: i64, m: i64, d: i64) -> Option<NaiveDate> {
    if !(1990..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, u32::try_from(m).ok()?, u32::try_from(d).ok()?)
}

/// Parses a date written in page metadata or a byline: ISO 8601 / RFC 3339 (`2024-05-12`,
/// `2024-05-12T09:00:00+02:00`, `20240512`), RFC 2822 (`Sun, 12 May 2024 09:00:00 GMT`),
/// `May 12, 2024`, `12 May 2024`, `2024/05/12`. Timestamps give their date in their own offset.
/// Years outside 1990..=2100 are refused.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return ymd_of(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return ymd_of(dt.date_naive());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return ymd_of(dt.date_naive());
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return ymd_of(dt.date());
        }
    }
    // A leading numeric date: 2024-05-12, 2024/05/12, 2024.05.12, 20240512.
    let b = s.as_bytes();
    let digits = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    if b.len() >= 10
        && matches!(b.get(4), Some(b'-' | b'/' | b'.'))
        && b.get(7) == b.get(4)
        && let (Some(y), Some(m), Some(d)) = (digits(0, 4), digits(5, 2), digits(8, 2))
    {
        return ymd(y, m, d);
    }
    if b.len() >= 8
        && b.get(8).is_none_or(|c| !c.is_ascii_digit())
        && let (Some(y), Some(m), Some(d)) = (digits(0, 4), digits(4, 2), digits(6, 2))
    {
        return ymd(y, m, d);
    }
    text_date(s)
}

fn ymd_of(d: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    (1990..=2100).contains(&d.year()).then_some(d)
}

/// The first `Month D, YYYY`, `D Month YYYY` (English month names, or German, French,
/// Italian, Spanish, Dutch, Portuguese ones), `YYYY-MM-DD` or `DD.MM.YYYY` date in running
/// text.
pub(crate) fn text_date(s: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '/')
        .filter(|w| !w.is_empty())
        .take(80)
        .collect();
    let num = |w: &str| -> Option<i64> {
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        (!w.is_empty() && w.len() <= 4 && w.bytes().all(|c| c.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
    };
    for (i, w) in words.iter().enumerate() {
        if w.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && let Some(d) = numeric_date(w)
        {
            return Some(d);
        }
        let Some(m) = any_month(w) else { continue };
        let next = words.get(i + 1).and_then(|w| num(w));
        let next2 = words.get(i + 2).and_then(|w| num(w));
        let prev = i
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .and_then(|w| num(w));
        if let (Some(d), Some(y)) = (next, next2)
            && (1..=31).contains(&d)
            && let Some(date) = ymd(y, i64::from(m), d)
        {
            return Some(date);
        }
        if let (Some(d), Some(y)) = (prev, next)
            && (1..=31).contains(&d)
            && let Some(date) = ymd(y, i64::from(m), d)
        {
            return Some(date);
        }
    }
    None
}

/// Whether `w` (lower case) names a month or a weekday, or is an ordinal day ("12th").
pub(crate) fn is_date_word(w: &str) -> bool {
    any_month(w).is_some()
        || WEEKDAYS.contains(&w)
        || WEEKDAYS.iter().any(|d| d.get(..3) == Some(w))
        || ["st", "nd", "rd", "th"].iter().any(|s| {
            w.strip_suffix(s)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The byte offset where a date starts in `s` ("Jane Doe Thursday, November 9, 2023" -> 9):
/// a weekday name, a month name next to a number, or a number opening `D Month` or a numeric
/// date.
pub(crate) fn date_start(s: &str) -> Option<usize> {
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let sep = c.is_whitespace() || c == ',' || c == '|';
        match (sep, start) {
            (true, Some(b)) => {
                words.push((b, s.get(b..i).unwrap_or("")));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        if words.len() > 40 {
            break;
        }
    }
    if let Some(b) = start {
        words.push((b, s.get(b..).unwrap_or("")));
    }
    // Abbreviated weekdays (English, German, French, Spanish, Italian) count before a number.
    const SHORT_DAYS: &[&str] = &[
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "mo", "di", "mi",
        "do", "fr", "sa", "so", "lun", "mer", "jeu", "ven", "sam", "dim", "mié", "jue", "vie",
        "sáb", "dom", "gio", "lu", "ma", "me", "je", "ve",
    ];
    let is_num = |w: &str| w.as_bytes().first().is_some_and(u8::is_ascii_digit);
    for (k, &(at, w)) in words.iter().enumerate() {
        let next = words.get(k + 1).map(|x| x.1);
        let lower = w.trim_end_matches('.').to_lowercase();
        if WEEKDAYS.contains(&lower.as_str())
            || (SHORT_DAYS.contains(&lower.as_str()) && next.is_some_and(is_num))
            || (any_month(w).is_some() && next.is_some_and(is_num))
            || (is_num(w)
                && (next.is_some_and(|n| any_month(n).is_some()) || numeric_date(w).is_some()))
        {
            return Some(at);
        }
    }
    None
}

/// A `/2024/05/12/` (or `/2024-05-12`) date in a URL path.
pub fn url_date(url: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = url.split('/').collect();
    for (i, p) in parts.iter().enumerate() {
        if p.len() == 4
            && p.bytes().all(|c| c.is_ascii_digit())
            && let (Some(m), Some(d)) = (parts.get(i + 1), parts.get(i + 2))
        {
            let d2: String = d.chars().take_while(char::is_ascii_digit).collect();
            if m.len() <= 2
                && !m.is_empty()
                && m.bytes().all(|c| c.is_ascii_digit())
                && (1..=2).contains(&d2.len())
                && d2.len() == d.len().min(2).max(d2.len())
                && let (Ok(y), Ok(mm), Ok(dd)) = (p.parse(), m.parse(), d2.parse())
                && let Some(date) = ymd(y, mm, dd)
            {
                return Some(date);
            }
        }
        if p.len() >= 10
            && let Some(date) = p.get(..10).and_then(|x| {
                let b = x.as_bytes();
                (b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-'))
                    .then(|| parse_date(x))
                    .flatten()
            })
        {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn formats() {
        assert_eq!(parse_date("2024-05-12"), d(2024, 5, 12));
        assert_eq!(parse_date("2024-05-12T23:30:00-05:00"), d(2024, 5, 12));
        assert_eq!(parse_date("2024-05-12T23:30:00.000Z"), d(2024, 5, 12));
        assert_eq!(parse_date("20240512"), d(2024, 5, 12));
        assert_eq!(parse_date("2024/05/12 10:00"), d(2024, 5, 12));
        assert_eq!(parse_date("Sun, 12 May 2024 09:00:00 GMT"), d(2024, 5, 12));
        assert_eq!(parse_date("May 12, 2024"), d(2024, 5, 12));
        assert_eq!(parse_date("Published 12th September 2024"), d(2024, 9, 12));
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("Mayor 12 2024"), None);
        assert_eq!(parse_date("1885-01-01"), None);
    }

    #[test]
    fn numeric_and_foreign_dates_in_text() {
        assert_eq!(
            text_date("(last edited 2019-11-10 13:28:18 by X)"),
            d(2019, 11, 10)
        );
        assert_eq!(text_date("Benni 10.09.2017"), d(2017, 9, 10));
        assert_eq!(text_date("Benni 10. September 2017"), d(2017, 9, 10));
        assert_eq!(
            text_date("( Pescasseroli, 14 Gennaio 2020 )"),
            d(2020, 1, 14)
        );
        assert_eq!(text_date("Do 9 Mai 2020"), d(2020, 5, 9));
        assert_eq!(text_date("le 3 août 2021"), d(2021, 8, 3));
        // Slashed numbers are ambiguous; four-part version numbers are not dates.
        assert_eq!(text_date("05/06/2020"), None);
        assert_eq!(text_date("build 3.10.2020.4"), None);
        assert_eq!(text_date("2019-11-105"), None);
    }

    #[test]
    fn where_dates_start() {
        let s = "J.R. Stone Thursday, November 9, 2023 7:35AM";
        assert_eq!(s.get(..date_start(s).unwrap()), Some("J.R. Stone "));
        let s = "Heiko Sauer Do 9 Apr 2020";
        assert_eq!(s.get(..date_start(s).unwrap()), Some("Heiko Sauer "));
        let s = "Ann Lee 12 May 2024";
        assert_eq!(s.get(..date_start(s).unwrap()), Some("Ann Lee "));
        assert_eq!(date_start("Konstantin 21.10.2019"), Some(11));
        assert_eq!(date_start("April Roach"), None);
        assert_eq!(date_start("May Lee"), None);
    }

    #[test]
    fn urls() {
        assert_eq!(
            url_date("https://x.test/2019/08/02/json-parsing/"),
            d(2019, 8, 2)
        );
        assert_eq!(
            url_date("https://x.test/news/2019-08-02-title"),
            d(2019, 8, 2)
        );
        assert_eq!(url_date("https://x.test/2019/05/title.html"), None);
    }
}
