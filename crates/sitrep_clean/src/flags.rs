//! Promotional and boilerplate line flags.
//!
//! Each non-blank line is judged on its own, by cues a reader uses:
//! - **promotional**: a link, bare domain or social handle together with a call to action
//!   ("watch", "subscribe", "follow", "visit", "download") near the start of the line, words
//!   of promotion ("channel", "podcast", "newsletter", "YouTube"), addressing the reader, and
//!   shortness. Long paragraphs that merely mention a website are news, not promotion.
//! - **boilerplate**: a short line that starts with site furniture ("Read more:", "Subscribe to
//!   our newsletter", "Share this", "Photo:", "(Reporting by ..."), or holds a copyright notice.
//!
//! The flag's `reason` names the cues that fired, so a user can see why a line was skipped.

use serde::{Deserialize, Serialize};
use sitrep_model::{Document, FlagKind, Layer, LineFlag, Span};
use sitrep_pipeline::{DocStage, StageError};

/// Options of the line flagger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LineFlagsConfig {
    /// Flag injected promotion (links or domains with a call to action).
    pub promotional: bool,
    /// Flag site boilerplate (read-more prompts, share buttons, copyright and credit lines).
    pub boilerplate: bool,
    /// More line openings to flag as boilerplate, lower case (e.g. "more from our partners").
    pub boilerplate_prefixes: Vec<String>,
}

impl Default for LineFlagsConfig {
    fn default() -> Self {
        Self {
            promotional: true,
            boilerplate: true,
            boilerplate_prefixes: Vec::new(),
        }
    }
}

impl LineFlagsConfig {
    /// Builds the flagger.
    pub fn build(&self) -> LineFlagger {
        LineFlagger {
            config: self.clone(),
        }
    }
}

/// Judges lines; see the module documentation for the cues.
#[derive(Debug, Clone)]
pub struct LineFlagger {
    config: LineFlagsConfig,
}

/// Verbs that ask the reader to act.
const CALLS_TO_ACTION: &[&str] = &[
    "watch",
    "subscribe",
    "follow",
    "visit",
    "click",
    "download",
    "join",
    "like",
    "share",
    "listen",
    "sign",
    "register",
    "donate",
    "support",
    "check",
    "buy",
    "order",
    "get",
    "try",
    "tune",
    "install",
    "call",
    "contact",
    "read",
    "see",
    "find",
    "discover",
    "shop",
];

/// Words of promotion.
const PROMO_WORDS: &[&str] = &[
    "channel",
    "podcast",
    "podcasts",
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "youtube",
    "telegram",
    "facebook",
    "twitter",
    "instagram",
    "tiktok",
    "whatsapp",
    "app",
    "website",
    "offer",
    "discount",
    "coupon",
    "promo",
    "deals",
    "free",
    "exclusive",
    "premium",
    "quality",
    "patreon",
    "sponsored",
    "updates",
    "videos",
    "link",
    "bio",
];

/// Words that soften an imperative at the start of a line ("Pl watch", "Please visit").
const POLITE: &[&str] = &[
    "pl", "pls", "plz", "please", "kindly", "do", "also", "now", "and",
];

/// Top-level domains accepted for bare domains ("republicpolicy.com").
const TLDS: &[&str] = &[
    "com", "org", "net", "info", "io", "co", "tv", "me", "news", "ly", "gl", "app", "biz", "uk",
    "ru", "ua", "us", "in", "pk", "de", "fr", "eu", "online", "site", "live", "media", "press",
    "blog", "xyz", "top",
];

/// Line openings of site furniture, lower case.
const BOILERPLATE_PREFIXES: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "read next",
    "related:",
    "related articles",
    "related stories",
    "more on this story",
    "see also",
    "advertisement",
    "sponsored",
    "subscribe to",
    "subscribe now",
    "sign up for",
    "sign up to",
    "follow us",
    "share this",
    "share on",
    "click here",
    "photo:",
    "photograph:",
    "image:",
    "picture:",
    "video:",
    "watch:",
    "listen:",
    "all rights reserved",
    "(reporting by",
    "reporting by",
    "(additional reporting",
    "additional reporting by",
    "(editing by",
    "editing by",
    "we use cookies",
    "this site uses cookies",
    "download our app",
    "download the app",
    "get the latest",
    "support our journalism",
    "become a member",
    "join our",
];

/// Fragments that mark a copyright or credit line anywhere in a short line.
const BOILERPLATE_FRAGMENTS: &[&str] = &[
    "all rights reserved",
    "\u{a9}",
    "(c) 20",
    "getty images",
    "/ afp",
    "via getty",
];

/// Longest line (in words) judged as boilerplate.
const BOILERPLATE_MAX_WORDS: usize = 16;

/// A line's cues.
#[derive(Debug, Default)]
struct Cues<'a> {
    words: Vec<String>,
    link: Option<&'a str>,
    call_at_start: Option<String>,
    call_anywhere: Option<String>,
    promo_words: Vec<String>,
    addresses_reader: bool,
}

fn is_domain(token: &str) -> bool {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return true;
    }
    let Some((host, tld)) = lower.rsplit_once('.') else {
        return false;
    };
    let host_ok = !host.is_empty()
        && host.chars().any(|c| c.is_ascii_alphabetic())
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    host_ok && TLDS.contains(&tld)
}

fn is_handle(token: &str) -> bool {
    let t = token.trim_end_matches(|c: char| !c.is_alphanumeric());
    t.len() > 2
        && t.starts_with('@')
        && t[1..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn cues(line: &str) -> Cues<'_> {
    let mut c = Cues::default();
    for token in line.split_whitespace() {
        if c.link.is_none() && (is_domain(token) || is_handle(token) || token.contains("t.me/")) {
            c.link = Some(token.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '@'));
        }
    }
    c.words = line
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let first_content = c
        .words
        .iter()
        .position(|w| !POLITE.contains(&w.as_str()))
        .unwrap_or(0);
    for (i, w) in c.words.iter().enumerate() {
        if CALLS_TO_ACTION.contains(&w.as_str()) {
            if i == first_content && c.call_at_start.is_none() {
                c.call_at_start = Some(w.clone());
            }
            if c.call_anywhere.is_none() {
                c.call_anywhere = Some(w.clone());
            }
        }
        if PROMO_WORDS.contains(&w.as_str()) && !c.promo_words.contains(w) {
            c.promo_words.push(w.clone());
        }
        if w == "you" || w == "your" {
            c.addresses_reader = true;
        }
    }
    c
}

impl LineFlagger {
    /// Judges one line; `None` when it reads as part of the report.
    pub fn judge(&self, line: &str) -> Option<(FlagKind, String)> {
        let c = cues(line);
        let n = c.words.len();
        if n == 0 {
            return None;
        }
        if self.config.promotional
            && let Some(reason) = promotional(&c)
        {
            return Some((FlagKind::Promotional, reason));
        }
        if self.config.boilerplate && n <= BOILERPLATE_MAX_WORDS {
            let lower = line
                .trim_start_matches(|ch: char| !ch.is_alphanumeric() && ch != '(' && ch != '\u{a9}')
                .to_lowercase();
            let extra = self.config.boilerplate_prefixes.iter().map(String::as_str);
            if let Some(p) = BOILERPLATE_PREFIXES
                .iter()
                .copied()
                .chain(extra)
                .find(|p| lower.starts_with(p))
            {
                return Some((
                    FlagKind::Boilerplate,
                    format!("line opens with site furniture \"{p}\""),
                ));
            }
            if lower.starts_with("copyright") && is_copyright_notice(&lower, n) {
                return Some((FlagKind::Boilerplate, "copyright notice".to_owned()));
            }
            if let Some(f) = BOILERPLATE_FRAGMENTS.iter().find(|f| lower.contains(*f)) {
                return Some((
                    FlagKind::Boilerplate,
                    format!("copyright or credit line (\"{f}\")"),
                ));
            }
        }
        None
    }

    /// Flags for every judged line of `text`, in order.
    pub fn flag(&self, text: &str) -> Vec<LineFlag> {
        let mut flags = Vec::new();
        let mut start = 0usize;
        for line in text.split_inclusive('\n') {
            let end = start + line.len();
            if let Some((kind, reason)) = self.judge(line)
                && let Ok(span) = Span::from_usize(start, end)
            {
                flags.push(LineFlag {
                    span: span.trim(text),
                    kind,
                    reason,
                });
            }
            start = end;
        }
        flags
    }
}

/// "Copyright © 2023 KTRK-TV", "Copyright Axios Media, 2020" or a bare "Copyright", but not a
/// licence text's "copyright notice that is included in the work".
fn is_copyright_notice(lower: &str, words: usize) -> bool {
    let has_year = lower
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    words <= 2 || lower.contains('\u{a9}') || lower.contains("(c)") || has_year
}

fn promotional(c: &Cues<'_>) -> Option<String> {
    let n = c.words.len();
    let mut score = 0i32;
    let mut why = Vec::new();
    if let Some(link) = c.link {
        score += 3;
        why.push(format!("link \"{link}\""));
    }
    if let Some(call) = &c.call_at_start {
        score += 3;
        why.push(format!("call to action \"{call}\""));
    } else if let Some(call) = &c.call_anywhere {
        score += 1;
        why.push(format!("call to action \"{call}\""));
    }
    let promo = c.promo_words.len().min(2) as i32;
    if promo > 0 {
        score += promo;
        why.push(format!("promotion words {}", c.promo_words.join(", ")));
    }
    if c.addresses_reader {
        score += 1;
        why.push("addresses the reader".into());
    }
    if n <= 25 {
        score += 1;
        why.push(format!("short line ({n} words)"));
    } else if n > 50 {
        score -= 3;
    }
    let strong = c.link.is_some() || (c.call_at_start.is_some() && promo > 0);
    (strong && score >= 7).then(|| why.join("; "))
}

/// The line flagger as a pipeline stage: adds promotional and boilerplate flags (keeping the
/// encoding flags ingest recorded).
#[derive(Debug)]
pub struct LineFlagsStage {
    name: String,
    config: LineFlagsConfig,
    flagger: LineFlagger,
}

impl LineFlagsStage {
    /// A stage named `name` with the given options.
    pub fn new(name: &str, config: LineFlagsConfig) -> Self {
        let flagger = config.build();
        Self {
            name: name.to_owned(),
            config,
            flagger,
        }
    }
}

impl DocStage for LineFlagsStage {
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
        &[Layer::Flags]
    }

    fn config(&self) -> serde_json::Value {
        serde_json::to_value(&self.config).unwrap_or_default()
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let new = self.flagger.flag(doc.text());
        doc.flags.extend(new);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(line: &str) -> Option<FlagKind> {
        LineFlagsConfig::default()
            .build()
            .judge(line)
            .map(|(k, _)| k)
    }

    #[test]
    fn seed_promotion_is_flagged_with_reasons() {
        let line = "Pl watch republicpolicy.com YouTube channel for quality podcasts.";
        let (kind, reason) = LineFlagsConfig::default().build().judge(line).unwrap();
        assert_eq!(kind, FlagKind::Promotional);
        assert!(reason.contains("republicpolicy.com"), "{reason}");
        assert!(reason.contains("\"watch\""), "{reason}");
    }

    #[test]
    fn promotion_variants() {
        for line in [
            "Subscribe to our Telegram channel t.me/frontnews for live updates",
            "Please visit www.example-news.net for exclusive videos!",
            "Follow @frontline_updates on Twitter for more",
            "Download our app at newsnow.app and never miss a story.",
        ] {
            assert_eq!(judge(line), Some(FlagKind::Promotional), "{line}");
        }
    }

    #[test]
    fn boilerplate_variants() {
        for line in [
            "Read more: Russia says it repelled drone attack",
            "READ MORE",
            "Share this article",
            "Photo: Reuters",
            "\u{a9} 2025 Example Media. All rights reserved.",
            "(Reporting by Jane Doe; Editing by John Smith)",
            "Sign up for our daily briefing",
            "Copyright Axios Media, 2020",
            "Copyright",
        ] {
            assert_eq!(judge(line), Some(FlagKind::Boilerplate), "{line}");
        }
    }

    #[test]
    fn news_is_not_flagged() {
        for line in [
            "Ukrainian forces reportedly launched a precision strike targeting a Russian command post near Belaya.",
            "Those arrested are accused of operating Shadowcrew.com, which investigators claim was a global clearing house for criminals involved in credit card fraud.",
            "Zelensky said on his channel that talks would continue.",
            "Watch the skies, the general told reporters, because drones will come at night.",
            "Read the statement in full, the ministry said, before judging it.",
            "Support for the ceasefire grew among lawmakers on Tuesday.",
            "The U.S. said 1,000 soldiers were killed.",
            "copyright notice that is included in or attached to the work",
            "",
        ] {
            assert_eq!(judge(line), None, "{line}");
        }
    }

    #[test]
    fn flags_cover_trimmed_lines_and_keep_offsets() {
        let text = "First line of news.\n  Read more: other story  \nLast line.";
        let flags = LineFlagsConfig::default().build().flag(text);
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].span.text(text), Some("Read more: other story"));
        let off = LineFlagsConfig {
            boilerplate: false,
            ..Default::default()
        }
        .build()
        .flag(text);
        assert!(off.is_empty());
    }
}
