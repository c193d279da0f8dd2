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

/// The first `Month D, YYYY` or `D Month YYYY` date in running text.
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
        let Some(m) = month(w) else { continue };
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
