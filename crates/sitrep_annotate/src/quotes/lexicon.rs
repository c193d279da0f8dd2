//! Cue verbs, hedge words and the small closed classes the attribution rules need.

use std::collections::HashMap;

/// How a cue verb takes its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// Speech and writing ("say", "announce"): a clause, "that"-clause, colon or quote.
    Speech,
    /// Speech verbs with an addressee object ("tell", "assure").
    Tell,
    /// Thought and belief ("believe", "think"): a clause or "that"-clause.
    Thought,
}

/// A cue verb form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cue {
    pub(crate) lemma: &'static str,
    pub(crate) class: CueClass,
    /// The verb itself hedges what it introduces ("claim", "allege", "estimate").
    pub(crate) hedge: bool,
    /// "-ing" participle ("stating"): its subject is the sentence's speaker.
    pub(crate) participle: bool,
    /// A cue learned from data, with the content frames the data shows.
    pub(crate) learned: Option<Frames>,
}

/// What a learned cue takes as its content besides a `that` clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Frames {
    /// An infinitive ("lobbied to keep").
    pub(crate) to: bool,
    /// A noun phrase object ("eviscerated the plan").
    pub(crate) object: bool,
}

const SPEECH: &[&str] = &[
    "say",
    "add",
    "state",
    "announce",
    "reveal",
    "report",
    "claim",
    "note",
    "argue",
    "insist",
    "warn",
    "explain",
    "write",
    "tweet",
    "post",
    "deny",
    "confirm",
    "acknowledge",
    "admit",
    "assert",
    "contend",
    "declare",
    "maintain",
    "suggest",
    "predict",
    "estimate",
    "allege",
    "respond",
    "reply",
    "answer",
    "recall",
    "concede",
    "stress",
    "emphasize",
    "emphasise",
    "complain",
    "boast",
    "promise",
    "vow",
    "pledge",
    "threaten",
    "urge",
    "demand",
    "ask",
    "testify",
    "mention",
    "observe",
    "remark",
    "comment",
    "quip",
    "joke",
    "conclude",
    "counter",
    "caution",
    "signal",
    "indicate",
    "disclose",
    "share",
    "proclaim",
    "affirm",
    "reiterate",
    "repeat",
    "predict",
    "speculate",
    "charge",
    "accuse",
    "criticize",
    "criticise",
    "praise",
    "call",
    "describe",
    "dismiss",
    "blame",
    "agree",
    "disagree",
    "point",
    "question",
    "cite",
    "show",
    "find",
    "tell",
    "assure",
    "inform",
    "remind",
    "notify",
    "advise",
    "brief",
    "pray",
    "shout",
    "scream",
    "yell",
    "whisper",
    "cry",
    "exclaim",
    "lament",
    "muse",
    "chide",
    "retort",
    "confide",
    "recount",
    "relate",
    "assess",
    "calculate",
    "project",
    "forecast",
    "publish",
    "mock",
    "slam",
    "blast",
    "accuse",
    "hint",
    "imply",
    "propose",
    "recommend",
    "advocate",
    "demand",
    "declare",
    "admit",
    "guarantee",
    "swear",
    "testify",
    "rule",
];

const TELL: &[&str] = &[
    "tell", "assure", "inform", "remind", "notify", "advise", "brief", "ask", "urge", "warn",
];

const THOUGHT: &[&str] = &[
    "believe",
    "think",
    "feel",
    "hope",
    "fear",
    "worry",
    "expect",
    "doubt",
    "assume",
    "know",
    "understand",
    "suspect",
    "wonder",
    "want",
    "wish",
    "hope",
    "plan",
    "intend",
    "consider",
    "recognize",
    "recognise",
    "realize",
    "realise",
    "learn",
    "see",
    "hear",
    "reckon",
    "figure",
    "imagine",
    "guess",
    "anticipate",
    "predict",
    "decide",
    "prefer",
    "seem",
    "appear",
];

/// Verbs of stance and intention that take a noun phrase object as content ("criticized the
/// plan", "supports the deal"); kept with the thought class (no bare clause, no direct quote).
const STANCE: &[&str] = &[
    "support",
    "endorse",
    "defend",
    "oppose",
    "back",
    "seek",
    "condemn",
    "denounce",
    "reject",
    "welcome",
    "applaud",
    "favor",
    "favour",
    "dislike",
    "hate",
    "love",
    "refuse",
    "decline",
    "refer",
    "request",
    "ridicule",
    "dispute",
    "tout",
    "champion",
    "push",
    "lambaste",
    "rebuke",
    "decry",
    "deplore",
    "hail",
    "promote",
    "discuss",
    "detail",
    "outline",
    "remember",
    "regret",
    "envision",
    "embrace",
    "echo",
    "invoke",
    "express",
    "voice",
    "laud",
    "assail",
    "castigate",
    "chastise",
    "excoriate",
    "berate",
    "scold",
    "fault",
    "commend",
    "disavow",
    "repudiate",
    "renounce",
    "challenge",
    "knock",
    "ignore",
    "compare",
    "accept",
];

/// Verbs that are cues only with their particle (`voted for`, `sided with`, `railed
/// against`).
const PHRASAL_ONLY: &[&str] = &["vote", "side", "rail", "talk", "speak"];

const HEDGE_CUES: &[&str] = &[
    "claim",
    "allege",
    "estimate",
    "suggest",
    "speculate",
    "purport",
    "assess",
    "calculate",
    "project",
    "forecast",
    "believe",
    "suspect",
];

fn forms(lemma: &str) -> Vec<String> {
    let irregular: &[(&str, &[&str])] = &[
        ("say", &["said"]),
        ("tell", &["told"]),
        ("write", &["wrote", "written"]),
        ("think", &["thought"]),
        ("feel", &["felt"]),
        ("know", &["knew", "known"]),
        ("understand", &["understood"]),
        ("learn", &["learnt"]),
        ("see", &["saw", "seen"]),
        ("hear", &["heard"]),
        ("find", &["found"]),
        ("swear", &["swore", "sworn"]),
        ("show", &["shown"]),
        ("cry", &["cried", "cries"]),
        ("reply", &["replied", "replies"]),
        ("testify", &["testified", "testifies"]),
        ("notify", &["notified", "notifies"]),
        ("imply", &["implied", "implies"]),
        ("deny", &["denied", "denies"]),
        ("worry", &["worried", "worries"]),
        (
            "signal",
            &["signaled", "signalled", "signaling", "signalling"],
        ),
        ("quip", &["quipped", "quipping"]),
        ("plan", &["planned", "planning"]),
        ("slam", &["slammed", "slamming"]),
        ("admit", &["admitted", "admitting"]),
        ("hope", &["hoped", "hoping"]),
        ("seek", &["sought"]),
        ("speak", &["spoke", "spoken"]),
        ("refer", &["referred", "referring"]),
        ("regret", &["regretted", "regretting"]),
        ("echo", &["echoes"]),
    ];
    let mut out = vec![lemma.to_owned()];
    if let Some((_, extra)) = irregular.iter().find(|(l, _)| *l == lemma) {
        out.extend(extra.iter().map(|s| (*s).to_owned()));
    }
    let (stem_e, ends_e) = match lemma.strip_suffix('e') {
        Some(s) => (s, true),
        None => (lemma, false),
    };
    if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
    {
        out.push(format!("{lemma}es"));
    } else if !lemma.ends_with('y') || lemma.ends_with("ay") || lemma.ends_with("ey") {
        out.push(format!("{lemma}s"));
    }
    if ends_e {
        out.push(format!("{lemma}d"));
        out.push(format!("{stem_e}ing"));
    } else if let Some(stem) = lemma.strip_suffix('y')
        && !lemma.ends_with("ay")
        && !lemma.ends_with("ey")
    {
        out.push(format!("{stem}ied"));
        out.push(format!("{stem}ies"));
        out.push(format!("{lemma}ing"));
    } else {
        out.push(format!("{lemma}ed"));
        out.push(format!("{lemma}ing"));
    }
    out
}

/// The cue verb table: every form of every cue lemma.
pub(crate) fn cue_table() -> HashMap<String, Cue> {
    let mut m = HashMap::new();
    let mut add = |lemmas: &[&'static str], class: CueClass| {
        for &lemma in lemmas {
            for f in forms(lemma) {
                let participle = f.ends_with("ing") && f != "bring";
                m.entry(f).or_insert(Cue {
                    lemma,
                    class,
                    hedge: HEDGE_CUES.contains(&lemma),
                    participle,
                    learned: None,
                });
            }
        }
    };
    add(TELL, CueClass::Tell);
    add(SPEECH, CueClass::Speech);
    add(THOUGHT, CueClass::Thought);
    add(STANCE, CueClass::Thought);
    add(PHRASAL_ONLY, CueClass::Thought);
    // Forms that are mostly something else.
    for w in [
        "points",
        "pointed",
        "pointing",
        "point",
        "calls",
        "call",
        "calling",
        "called",
        "shares",
        "share",
        "shared",
        "sharing",
        "posts",
        "post",
        "posted",
        "posting",
        "rules",
        "rule",
        "ruled",
        "ruling",
        "charge",
        "charges",
        "charged",
        "charging",
        "found",
        "find",
        "finds",
        "finding",
        "see",
        "saw",
        "seen",
        "seeing",
        "sees",
        "hear",
        "heard",
        "hears",
        "hearing",
        "cry",
        "cried",
        "cries",
        "crying",
        "project",
        "projects",
        "projected",
        "projecting",
        "brief",
        "briefs",
        "briefed",
        "briefing",
        "relate",
        "relates",
        "related",
        "relating",
        "figure",
        "figures",
        "figured",
        "figuring",
        "question",
        "questions",
        "questioned",
        "questioning",
        "learn",
        "learns",
        "learned",
        "learning",
        "know",
        "knew",
        "known",
        "knows",
        "knowing",
        "consider",
        "considers",
        "considered",
        "considering",
        "publish",
        "published",
        "publishes",
        "publishing",
        "cite",
        "cites",
        "cited",
        "citing",
        "describe",
        "describes",
        "described",
        "describing",
        "decided",
        "decide",
        "decides",
        "deciding",
        "plan",
        "plans",
        "planned",
        "planning",
        "rule",
        "show",
        "shows",
        "showed",
        "shown",
        "showing",
        "seem",
        "seems",
        "seemed",
        "seeming",
        "appear",
        "appears",
        "appeared",
        "appearing",
        "mock",
        "mocks",
        "mocked",
        "mocking",
        "praise",
        "praises",
        "praised",
        "praising",
        "criticize",
        "criticizes",
        "criticized",
        "criticizing",
        "criticise",
        "criticised",
        "blame",
        "blames",
        "blamed",
        "blaming",
        "accuse",
        "accuses",
        "accused",
        "accusing",
        "dismiss",
        "dismissed",
        "dismisses",
        "dismissing",
        "slam",
        "slams",
        "slammed",
        "blast",
        "blasts",
        "blasted",
        "blasting",
        "swear",
        "swore",
        "sworn",
        "pray",
        "prayed",
        "prays",
        "recommend",
        "recommends",
        "recommended",
        "advocate",
        "advocates",
        "advocated",
        "propose",
        "proposes",
        "proposed",
        "demand",
        "demands",
        "demanded",
        "urge",
        "urges",
        "urged",
        "urging",
        "ask",
        "asks",
        "asked",
        "asking",
        "guarantee",
        "guaranteed",
        "hint",
        "hinted",
        "hints",
        "imply",
        "implied",
        "implies",
        "want",
        "wants",
        "wanted",
        "wanting",
        "wish",
        "wishes",
        "wished",
        "prefer",
        "prefers",
        "preferred",
        "intend",
        "intends",
        "intended",
        "expect",
        "expects",
        "expected",
        "assess",
        "assessed",
        "assesses",
        "calculate",
        "calculated",
        "calculates",
        "forecast",
        "forecasts",
        "forecasted",
        "recognize",
        "recognized",
        "recognise",
        "recognised",
        "understand",
        "understood",
        "realize",
        "realized",
        "guess",
        "guessed",
        "imagine",
        "imagined",
        "anticipate",
        "anticipated",
        "counter",
        "counters",
        "countered",
        "signal",
        "signals",
        "signaled",
        "signalled",
        "indicate",
        "indicates",
        "indicated",
        "threaten",
        "threatens",
        "threatened",
        "promise",
        "promises",
        "promised",
        "vow",
        "vows",
        "vowed",
        "pledge",
        "pledges",
        "pledged",
        "agree",
        "agrees",
        "agreed",
        "disagree",
        "disagreed",
        "respond",
        "responds",
        "responded",
        "reply",
        "replied",
        "answer",
        "answered",
        "answers",
        "joke",
        "joked",
        "comment",
        "commented",
        "mention",
        "mentioned",
        "observe",
        "observed",
        "stress",
        "stressed",
        "caution",
        "cautioned",
        "complain",
        "complained",
        "boast",
        "boasted",
        "recall",
        "recalled",
        "recount",
        "recounted",
        "lament",
        "lamented",
        "muse",
        "mused",
        "retort",
        "retorted",
        "confide",
        "confided",
        "exclaim",
        "exclaimed",
        "shout",
        "shouted",
        "yell",
        "yelled",
        "scream",
        "screamed",
        "whisper",
        "whispered",
        "chide",
        "chided",
        "speculate",
        "speculated",
        "testify",
        "testified",
        "doubt",
        "doubts",
        "doubted",
        "assume",
        "assumed",
        "assumes",
        "suspect",
        "suspects",
        "suspected",
        "wonder",
        "wondered",
        "wonders",
        "reckon",
        "reckons",
        "reckoned",
        "fear",
        "fears",
        "feared",
        "worry",
        "worried",
        "worries",
        "feel",
        "felt",
        "feels",
        "hope",
        "hopes",
        "hoped",
    ] {
        if let Some(c) = m.get_mut(w) {
            // Kept, but only with an explicit "that"-clause, colon or quote.
            c.class = match c.class {
                CueClass::Tell => CueClass::Tell,
                _ => CueClass::Thought,
            };
        }
    }
    m
}

/// Words of a line label that is not a speaker ("Note:", "UPDATE:", "Full text:").
pub(crate) fn label_word(w: &str) -> bool {
    matches!(
        w,
        "note"
            | "byline"
            | "previously"
            | "contributing"
            | "revealed"
            | "exclusive"
            | "breaking"
            | "dateline"
            | "update"
            | "updated"
            | "editor"
            | "editor's"
            | "related"
            | "watch"
            | "read"
            | "photo"
            | "photos"
            | "video"
            | "source"
            | "sources"
            | "getty"
            | "correction"
            | "advertisement"
            | "follow"
            | "see"
            | "also"
            | "full"
            | "text"
            | "abstract"
            | "more"
            | "click"
            | "image"
            | "credit"
            | "caption"
            | "disclosure"
            | "tags"
            | "topics"
            | "subscribe"
            | "share"
            | "listen"
            | "this"
            | "the"
            | "here"
            | "there"
            | "but"
            | "and"
            | "so"
            | "now"
            | "then"
            | "yes"
            | "no"
            | "well"
    )
}

/// Cue forms that are mostly nouns or not attributions ("the state", "the support for"): a
/// forward content only with "that", a colon or an infinitive, and never a postposed cue.
pub(crate) fn weak_form(w: &str) -> bool {
    matches!(
        w,
        "state"
            | "states"
            | "back"
            | "support"
            | "supporting"
            | "call"
            | "feel"
            | "felt"
            | "seem"
            | "seems"
            | "know"
            | "plan"
            | "plans"
            | "report"
    )
}

/// Lemmas whose content can be an infinitive ("wants to run", "refused to comment").
pub(crate) fn takes_infinitive(lemma: &str) -> bool {
    matches!(
        lemma,
        "want"
            | "hope"
            | "plan"
            | "intend"
            | "wish"
            | "expect"
            | "promise"
            | "vow"
            | "pledge"
            | "threaten"
            | "urge"
            | "ask"
            | "decide"
            | "refuse"
            | "decline"
            | "agree"
            | "seek"
            | "propose"
            | "claim"
            | "swear"
            | "prefer"
            | "hate"
            | "love"
            | "tell"
            | "remind"
            | "warn"
            | "advise"
            | "call"
            | "push"
            | "demand"
            | "request"
            | "recommend"
            | "say"
            | "appear"
            | "seem"
    )
}

/// Lemmas whose content can be a noun phrase object ("denied the report", "wants a wall").
pub(crate) fn takes_object(lemma: &str) -> bool {
    STANCE.contains(&lemma)
        || matches!(
            lemma,
            "criticize"
                | "criticise"
                | "praise"
                | "mock"
                | "deny"
                | "want"
                | "accuse"
                | "dismiss"
                | "question"
                | "blame"
                | "cite"
                | "announce"
                | "propose"
                | "recommend"
                | "demand"
                | "acknowledge"
                | "reveal"
                | "disclose"
                | "describe"
                | "prefer"
                | "slam"
                | "blast"
                | "promise"
                | "predict"
                | "mention"
                | "explain"
                | "pledge"
                | "vow"
                | "threaten"
                | "advocate"
                | "lament"
                | "fear"
                | "expect"
                | "plan"
                | "wish"
                | "recall"
                | "confirm"
                | "admit"
                | "concede"
                | "report"
                | "urge"
                | "call"
                | "show"
                | "charge"
                | "estimate"
                | "forecast"
                | "project"
                | "suggest"
        )
}

/// A particle that joins the cue verb (`called for`, `pointed to`, `talked about`).
pub(crate) fn phrasal_particle(lemma: &str, next: &str) -> bool {
    match next {
        "for" => matches!(
            lemma,
            "call" | "push" | "argue" | "advocate" | "ask" | "pray" | "vote"
        ),
        "on" => matches!(lemma, "call" | "insist" | "comment" | "urge"),
        "to" => matches!(lemma, "point" | "refer" | "object" | "respond"),
        "with" => matches!(lemma, "side" | "agree" | "disagree"),
        "out" => matches!(lemma, "point"),
        "about" => matches!(
            lemma,
            "talk"
                | "speak"
                | "joke"
                | "complain"
                | "worry"
                | "ask"
                | "think"
                | "write"
                | "comment"
                | "boast"
                | "testify"
                | "warn"
                | "tweet"
                | "hear"
                | "know"
                | "learn"
                | "care"
        ),
        "of" => matches!(lemma, "warn" | "speak" | "think" | "hear" | "know"),
        "against" => matches!(
            lemma,
            "warn" | "argue" | "caution" | "vote" | "rail" | "speak"
        ),
        _ => false,
    }
}

/// Cue forms that take a bare clause without "that" ("said the attack failed").
pub(crate) fn takes_bare_clause(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "tell"
            | "think"
            | "believe"
            | "claim"
            | "argue"
            | "insist"
            | "add"
            | "warn"
            | "note"
            | "suggest"
            | "estimate"
            | "predict"
            | "acknowledge"
            | "admit"
            | "assert"
            | "contend"
            | "maintain"
            | "write"
            | "tweet"
            | "report"
            | "announce"
            | "reveal"
            | "confirm"
            | "explain"
            | "state"
            | "declare"
            | "allege"
            | "feel"
            | "hope"
            | "fear"
            | "know"
            | "recall"
            | "concede"
            | "stress"
            | "emphasize"
            | "emphasise"
            | "testify"
            | "assure"
            | "inform"
            | "remind"
            | "worry"
            | "expect"
            | "speculate"
            | "guess"
    )
}

/// Hedge adverbs and phrases inside an attributed clause.
pub(crate) fn hedge_word(w: &str) -> bool {
    matches!(
        w,
        "reportedly"
            | "allegedly"
            | "purportedly"
            | "supposedly"
            | "apparently"
            | "unconfirmed"
            | "unverified"
            | "rumored"
            | "rumoured"
            | "claimed"
            | "claims"
            | "alleged"
            | "estimated"
            | "estimates"
            | "estimate"
            | "purported"
    )
}

/// Adverbs standing alone as an attribution without a named source ("reportedly").
pub(crate) fn sourceless_hedge(w: &str) -> bool {
    matches!(w, "reportedly" | "allegedly" | "purportedly" | "supposedly")
}

/// Personal and relative pronouns that can be speakers.
pub(crate) fn pronoun(w: &str) -> Option<PronounKind> {
    Some(match w {
        "he" => PronounKind::He,
        "she" => PronounKind::She,
        "they" => PronounKind::They,
        "it" => PronounKind::It,
        "who" | "which" => PronounKind::Relative,
        "i" | "we" | "you" => PronounKind::Deictic,
        _ => return None,
    })
}

/// Pronoun classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PronounKind {
    He,
    She,
    They,
    It,
    Relative,
    Deictic,
}

/// An adverb of the list proper (not by its "-ly" ending).
pub(crate) fn aux_or_adverb_listed(w: &str) -> bool {
    aux_or_adverb(w) && !(w.len() > 4 && w.ends_with("ly") && !ADVERBS_LY.contains(&w))
}

const ADVERBS_LY: &[&str] = &[
    "recently",
    "previously",
    "separately",
    "reportedly",
    "allegedly",
    "quickly",
];

/// Words skipped between a speaker and its cue ("Zelensky also said", "has repeatedly said").
pub(crate) fn aux_or_adverb(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "later"
            | "then"
            | "recently"
            | "previously"
            | "once"
            | "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "would"
            | "will"
            | "did"
            | "does"
            | "do"
            | "not"
            | "never"
            | "again"
            | "further"
            | "first"
            | "already"
            | "just"
            | "still"
            | "often"
            | "may"
            | "might"
            | "could"
            | "can"
            | "should"
            | "must"
            | "even"
            | "now"
            | "only"
            | "always"
            | "separately"
            | "earlier"
            | "reportedly"
            | "allegedly"
            | "n't"
            | "been"
            | "quickly"
            | "soon"
            | "told"
    ) || (w.len() > 4 && w.ends_with("ly"))
        || w.ends_with("n't")
        || w.ends_with("n’t")
}

/// Words that cannot be part of a speaker noun phrase.
pub(crate) fn np_stop(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "but"
            | "while"
            | "when"
            | "as"
            | "after"
            | "before"
            | "because"
            | "since"
            | "if"
            | "although"
            | "though"
            | "so"
            | "yet"
            | "however"
            | "meanwhile"
            | "then"
            | "now"
            | "in"
            | "on"
            | "at"
            | "to"
            | "from"
            | "with"
            | "by"
            | "into"
            | "than"
            | "where"
            | "was"
            | "were"
            | "is"
            | "are"
            | "has"
            | "have"
            | "had"
            | "be"
            | "been"
            | "will"
            | "would"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "do"
            | "does"
            | "did"
            | "not"
            | "also"
            | "this"
            | "what"
            | "how"
            | "why"
            | "there"
            | "here"
            | "during"
            | "about"
            | "over"
            | "under"
            | "through"
            | "against"
            | "without"
            | "within"
            | "until"
            | "amid"
            | "among"
            | "despite"
            | "like"
            | "unlike"
            | "whether"
            | "or"
            | "nor"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "him"
            | "them"
            | "us"
            | "me"
            | "said"
            | "says"
            | "told"
            | "added"
            | "even"
            | "just"
            | "only"
            | "still"
            | "already"
            | "again"
            | "instead"
            | "both"
            | "either"
            | "neither"
            | "all"
            | "many"
            | "most"
            | "some"
            | "much"
            | "very"
            | "too"
            | "really"
    )
}

/// Which determiners a rule means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Det {
    /// Those that make the next word a noun: a cue word after them is not a verb (`the
    /// report`, `their claims`): articles, possessives, `these` and `those` (not `this`,
    /// `that` or `one`, which are often subjects: `this suggests`, `one said`).
    Noun,
    /// The `Noun` ones and `one`, `this`, `that`, for the tail of a quote's attribution, where
    /// a speaker is already found and they are determiners (`said at one point`).
    NounInTail,
    /// Those that open a noun phrase (a speaker, `several officials`): the `Noun` ones, `one`,
    /// and quantifiers and small numbers.
    Phrase,
}

/// A determiner of the kind `det`.
pub(crate) fn determiner(w: &str, det: Det) -> bool {
    let noun_marker = matches!(
        w,
        "a" | "an"
            | "the"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "these"
            | "those"
    );
    match det {
        Det::Noun => noun_marker,
        Det::NounInTail => noun_marker || matches!(w, "one" | "this" | "that"),
        Det::Phrase => {
            noun_marker
                || matches!(
                    w,
                    "one"
                        | "some"
                        | "many"
                        | "several"
                        | "most"
                        | "both"
                        | "two"
                        | "three"
                        | "other"
                        | "another"
                        | "each"
                        | "no"
                        | "all"
                )
        }
    }
}

/// Nouns that name an organisation rather than a person.
pub(crate) fn org_noun(w: &str) -> bool {
    matches!(
        w,
        "ministry"
            | "office"
            | "service"
            | "agency"
            | "army"
            | "forces"
            | "government"
            | "police"
            | "department"
            | "campaign"
            | "committee"
            | "council"
            | "party"
            | "company"
            | "group"
            | "command"
            | "military"
            | "intelligence"
            | "kremlin"
            | "administration"
            | "house"
            | "staff"
            | "commission"
            | "court"
            | "union"
            | "organization"
            | "organisation"
            | "institute"
            | "bureau"
            | "authorities"
            | "officials"
            | "sources"
            | "report"
            | "reports"
            | "poll"
            | "polls"
            | "survey"
            | "study"
            | "data"
            | "analysis"
            | "assessment"
            | "assessments"
            | "statement"
            | "media"
            | "agencies"
            | "network"
            | "newspaper"
            | "times"
            | "post"
            | "news"
            | "navy"
            | "guard"
            | "ukraine"
            | "russia"
            | "cnn"
            | "sbu"
            | "nato"
            | "un"
    )
}

/// Nouns that carry an attributed content in "X's assessment is that ...".
pub(crate) fn content_noun(w: &str) -> bool {
    matches!(
        w,
        "assessment"
            | "view"
            | "belief"
            | "claim"
            | "argument"
            | "position"
            | "conclusion"
            | "estimate"
            | "contention"
            | "message"
            | "hope"
            | "fear"
            | "expectation"
            | "concern"
            | "point"
            | "understanding"
            | "assumption"
            | "suggestion"
            | "warning"
            | "promise"
            | "allegation"
            | "opinion"
            | "impression"
            | "sense"
            | "feeling"
            | "thinking"
            | "statement"
            | "finding"
            | "prediction"
            | "theory"
            | "verdict"
            | "judgment"
            | "judgement"
            | "reasoning"
            | "insistence"
            | "stance"
            | "response"
            | "answer"
    )
}

/// Words whose noun phrase is a channel ("in a statement", "on X").
pub(crate) fn channel_noun(w: &str) -> bool {
    matches!(
        w,
        "statement"
            | "interview"
            | "post"
            | "tweet"
            | "telegram"
            | "x"
            | "twitter"
            | "facebook"
            | "briefing"
            | "conference"
            | "address"
            | "video"
            | "speech"
            | "platform"
            | "television"
            | "tv"
            | "broadcast"
            | "letter"
            | "op-ed"
            | "message"
            | "radio"
            | "instagram"
            | "truth"
            | "website"
            | "blog"
            | "email"
            | "e-mail"
            | "memo"
            | "release"
            | "podcast"
            | "call"
            | "appearance"
            | "remarks"
            | "hearing"
            | "rally"
            | "debate"
            | "channel"
            | "media"
            | "newspaper"
            | "column"
            | "posting"
            | "filing"
            | "report"
            | "testimony"
            | "sunday"
            | "youtube"
            | "tiktok"
            | "vk"
            | "cnn"
            | "fox"
            | "msnbc"
            | "abc"
            | "cbs"
            | "nbc"
            | "bbc"
    )
}

/// Verbs whose subject's findings are attributions when the subject is a poll, a study or
/// a record (`the poll found`, `records show`).
pub(crate) fn finding_lemma(lemma: &str) -> bool {
    matches!(lemma, "find" | "show" | "suggest" | "indicate")
}

/// Nouns naming a poll, a study, a report or a record.
pub(crate) fn research_noun(w: &str) -> bool {
    matches!(
        w,
        "poll"
            | "polls"
            | "polling"
            | "survey"
            | "surveys"
            | "study"
            | "studies"
            | "report"
            | "reports"
            | "analysis"
            | "analyses"
            | "data"
            | "research"
            | "paper"
            | "papers"
            | "records"
            | "documents"
            | "figures"
            | "numbers"
            | "statistics"
            | "review"
            | "audit"
            | "investigation"
            | "estimates"
            | "census"
            | "tally"
            | "projections"
            | "forecast"
            | "forecasts"
            | "exit"
    )
}

/// Nouns of a stated view (`in X's view`, `in his opinion`).
pub(crate) fn view_noun(w: &str) -> bool {
    matches!(
        w,
        "view"
            | "opinion"
            | "estimation"
            | "judgment"
            | "judgement"
            | "assessment"
            | "words"
            | "telling"
            | "account"
            | "mind"
            | "eyes"
    )
}

/// Forms of "be" before a passive participle.
pub(crate) fn be_form(w: &str) -> bool {
    matches!(
        w,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "'s" | "’s" | "'re" | "’re"
    )
}

/// Forms of "seem" and "appear" that make an impression without a source.
pub(crate) fn seem_form(w: &str) -> bool {
    matches!(
        w,
        "seem" | "seems" | "seemed" | "appear" | "appears" | "appeared"
    )
}

/// Predicates after "appear" that make it an impression (`appears ready`), not a physical
/// appearance (`appeared on CNN`).
pub(crate) fn appear_adjective(w: &str) -> bool {
    matches!(
        w,
        "likely"
            | "unlikely"
            | "certain"
            | "uncertain"
            | "ready"
            | "poised"
            | "set"
            | "headed"
            | "open"
            | "willing"
            | "unwilling"
            | "eager"
            | "reluctant"
            | "confident"
            | "determined"
            | "intent"
            | "close"
            | "unsure"
            | "unaware"
            | "aware"
            | "keen"
            | "content"
            | "increasingly"
            | "more"
            | "less"
            | "unable"
            | "able"
            | "prepared"
            | "resigned"
            | "desperate"
            | "frustrated"
            | "nervous"
            | "worried"
            | "tired"
            | "upset"
            | "uncomfortable"
            | "comfortable"
    )
}

/// Quantifiers that stand for people as speakers (`Some said`, `many believe`).
pub(crate) fn quantifier_pronoun(w: &str) -> bool {
    matches!(
        w,
        "some" | "many" | "others" | "most" | "several" | "few" | "both" | "all" | "none"
    )
}

/// Possessive pronouns holding a stance (`his support for`), with the class of their
/// antecedent.
pub(crate) fn possessive_pronoun(w: &str) -> Option<PronounKind> {
    Some(match w {
        "his" => PronounKind::He,
        "her" => PronounKind::She,
        "their" => PronounKind::They,
        "its" => PronounKind::It,
        "my" | "our" | "your" => PronounKind::Deictic,
        _ => return None,
    })
}

/// How a stance or speech noun takes its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NounCue {
    /// A noun phrase after the noun's preposition (`support for X`).
    Object,
    /// A `that` clause (`his claim that ...`).
    Clause,
    /// An infinitive (`their decision to leave`).
    Infinitive,
}

/// A stance or speech noun followed by `next`, and how it takes its content.
pub(crate) fn noun_cue(w: &str, next: &str) -> Option<NounCue> {
    let object = match w {
        "support" => matches!(next, "for" | "of"),
        "opposition" | "objection" | "objections" | "response" | "answer" => next == "to",
        "criticism" | "criticisms" | "critique" | "endorsement" | "defense" | "defence"
        | "rejection" | "condemnation" | "denunciation" | "dismissal" | "embrace" | "praise"
        | "characterization" | "description" | "portrayal" | "mention" => {
            matches!(next, "of")
        }
        "attacks" | "attack" | "assault" | "stance" | "position" | "positions" | "views"
        | "comments" | "remarks" | "statements" => matches!(next, "on"),
        "concerns" | "concern" | "questions" | "doubts" | "skepticism" | "worries" => {
            matches!(next, "about" | "over")
        }
        _ => false,
    };
    if object {
        return Some(NounCue::Object);
    }
    if next == "that"
        && matches!(
            w,
            "claim"
                | "claims"
                | "belief"
                | "assertion"
                | "argument"
                | "contention"
                | "insistence"
                | "warning"
                | "suggestion"
                | "prediction"
                | "hope"
                | "fear"
                | "fears"
                | "accusation"
                | "allegation"
                | "allegations"
                | "complaint"
                | "view"
                | "promise"
                | "pledge"
                | "conviction"
                | "admission"
                | "concern"
                | "concerns"
        )
    {
        return Some(NounCue::Clause);
    }
    if next == "to"
        && matches!(
            w,
            "decision"
                | "plan"
                | "plans"
                | "promise"
                | "pledge"
                | "vow"
                | "refusal"
                | "threat"
                | "proposal"
                | "commitment"
                | "desire"
                | "intention"
                | "willingness"
                | "determination"
                | "call"
                | "calls"
                | "push"
                | "bid"
                | "effort"
                | "efforts"
                | "attempt"
                | "offer"
                | "reluctance"
                | "unwillingness"
                | "failure"
        )
    {
        return Some(NounCue::Infinitive);
    }
    None
}

/// Participles of speech and stance verbs whose passive with a `by` agent is an attribution
/// (`was first reported by Politico`).
pub(crate) fn passive_cue(w: &str) -> bool {
    matches!(
        w,
        "reported"
            | "announced"
            | "confirmed"
            | "revealed"
            | "disclosed"
            | "criticized"
            | "criticised"
            | "praised"
            | "endorsed"
            | "supported"
            | "backed"
            | "opposed"
            | "condemned"
            | "denounced"
            | "proposed"
            | "questioned"
            | "described"
            | "cited"
            | "quoted"
            | "predicted"
            | "estimated"
            | "denied"
            | "dismissed"
            | "challenged"
            | "rejected"
            | "attacked"
            | "blamed"
            | "accused"
            | "disputed"
            | "mocked"
            | "ridiculed"
            | "slammed"
            | "blasted"
            | "lambasted"
            | "applauded"
            | "welcomed"
            | "hailed"
            | "touted"
            | "championed"
            | "favored"
            | "favoured"
            | "claimed"
            | "alleged"
            | "asserted"
            | "suggested"
            | "recommended"
            | "urged"
            | "noted"
            | "documented"
            | "first"
    ) && w != "first"
}

/// A word that can head a stance or speech noun cue ([`noun_cue`] with some next word).
pub(crate) fn noun_cue_head(w: &str) -> bool {
    matches!(
        w,
        "accusation"
            | "admission"
            | "allegation"
            | "allegations"
            | "answer"
            | "argument"
            | "assault"
            | "assertion"
            | "attack"
            | "attacks"
            | "attempt"
            | "belief"
            | "bid"
            | "call"
            | "calls"
            | "characterization"
            | "claim"
            | "claims"
            | "comments"
            | "commitment"
            | "complaint"
            | "concern"
            | "concerns"
            | "condemnation"
            | "contention"
            | "conviction"
            | "criticism"
            | "criticisms"
            | "critique"
            | "decision"
            | "defence"
            | "defense"
            | "denunciation"
            | "description"
            | "desire"
            | "determination"
            | "dismissal"
            | "doubts"
            | "effort"
            | "efforts"
            | "embrace"
            | "endorsement"
            | "failure"
            | "fear"
            | "fears"
            | "hope"
            | "insistence"
            | "intention"
            | "mention"
            | "objection"
            | "objections"
            | "offer"
            | "opposition"
            | "plan"
            | "plans"
            | "pledge"
            | "portrayal"
            | "position"
            | "positions"
            | "praise"
            | "prediction"
            | "promise"
            | "proposal"
            | "push"
            | "questions"
            | "refusal"
            | "rejection"
            | "reluctance"
            | "remarks"
            | "response"
            | "skepticism"
            | "stance"
            | "statements"
            | "suggestion"
            | "support"
            | "threat"
            | "unwillingness"
            | "view"
            | "views"
            | "vow"
            | "warning"
            | "willingness"
            | "worries"
    )
}

/// A participle of the passive views and reports (`seen as`, `known as`, `said to`).
pub(crate) fn as_cue_head(w: &str) -> bool {
    as_participle(w) || to_participle(w)
}

/// A passive view taking `as` (`seen as`, `known as`).
pub(crate) fn as_participle(w: &str) -> bool {
    matches!(
        w,
        "seen" | "viewed" | "regarded" | "known" | "perceived" | "remembered" | "considered"
    )
}

/// A passive report taking `to` (`said to`, `believed to`).
pub(crate) fn to_participle(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "believed"
            | "thought"
            | "rumored"
            | "rumoured"
            | "alleged"
            | "reported"
            | "considered"
            | "understood"
            | "known"
    )
}

/// A word naming a day by itself: a weekday, `yesterday` or `today` (lower case).
pub(crate) fn day_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "yesterday"
            | "today"
    )
}

/// A word that opens an indirect question (`asked whether`, `told them why`).
pub(crate) fn question_word(w: &str) -> bool {
    matches!(
        w,
        "whether" | "if" | "why" | "how" | "what" | "who" | "where" | "which" | "whom"
    )
}
