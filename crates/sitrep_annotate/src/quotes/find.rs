//! The attribution rules (see the module documentation for what they read).

use super::lexicon::{self as lx, Cue, CueClass, Det, PronounKind};
use super::marks::{self, Marked};
use super::{FoundQuote, FoundSpeaker, QuoteFinder, QuoteInput, entity_in};
use crate::quantities::scan::Lw;
use sitrep_model::{EntityKind, QuoteKind, Span, TokenKind};

struct T {
    s: usize,
    e: usize,
    kind: TokenKind,
    low: Lw,
}

/// A candidate before speakers are resolved.
struct Cand {
    kind: QuoteKind,
    content: (usize, usize),
    cue: Option<(usize, usize)>,
    /// Token range of the speaker mention.
    speaker: Option<(usize, usize)>,
    /// Byte range of the whole attribution.
    outer: (usize, usize),
    channel: Option<(usize, usize)>,
    /// The cue hedges by itself.
    hedge_cue: bool,
    /// A sourceless hedged clause ("reportedly").
    sourceless: bool,
    /// A "what X claims is" claim, kept even inside another claim.
    embedded_ok: bool,
    /// The quoted pieces of a direct quote continued over its attribution or an author's
    /// aside (`“A,” she said, noting ... “B.”`): the content runs from the first to the last,
    /// and these byte ranges are what is actually quoted (empty for a single piece).
    pieces: Vec<(usize, usize)>,
    /// The byte ranges such a continued quote occupies: the first piece with its attribution,
    /// then each later piece with its marks (empty for a single piece: `outer`). The author's
    /// text between them stays free for other attributions.
    parts: Vec<(usize, usize)>,
    /// A direct quote without an attribution of its own (a continuation candidate).
    loose: bool,
}

impl Cand {
    /// A reported claim with nothing but its content, cue, speaker and extent set.
    fn reported(
        content: (usize, usize),
        cue: Option<(usize, usize)>,
        speaker: Option<(usize, usize)>,
        outer: (usize, usize),
    ) -> Self {
        Cand {
            kind: QuoteKind::Reported,
            content,
            cue,
            speaker,
            outer,
            channel: None,
            hedge_cue: false,
            sourceless: false,
            embedded_ok: false,
            pieces: Vec::new(),
            parts: Vec::new(),
            loose: false,
        }
    }

    /// The byte ranges this attribution occupies.
    fn parts(&self) -> Vec<(usize, usize)> {
        if self.parts.is_empty() {
            vec![self.outer]
        } else {
            self.parts.clone()
        }
    }

    /// The content pieces (the content itself for a single piece).
    fn content_pieces(&self) -> Vec<(usize, usize)> {
        if self.pieces.is_empty() {
            vec![self.content]
        } else {
            self.pieces.clone()
        }
    }

    /// Continues this quote with a later quoted piece `content` occupying `outer`.
    fn continue_with(&mut self, content: (usize, usize), outer: (usize, usize)) {
        if self.pieces.is_empty() {
            self.pieces.push(self.content);
            self.parts.push(self.outer);
        }
        self.pieces.push(content);
        self.parts.push(outer);
        self.content.1 = self.content.1.max(content.1);
        self.outer.1 = self.outer.1.max(outer.1);
    }
}

pub(crate) struct Finder<'a> {
    f: &'a QuoteFinder,
    text: &'a str,
    inp: &'a QuoteInput<'a>,
    toks: Vec<T>,
    /// Token ranges of sentences.
    sents: Vec<(usize, usize)>,
}

impl<'a> Finder<'a> {
    /// The rarer reported-speech forms, each tried from the word at `k` of the sentence
    /// `sa..sb` only where its gate accepts the word, in this order: noun cues ("his support
    /// for"), passives with an agent ("was first reported by"), "as" clauses ("as the Post
    /// reported").
    #[allow(clippy::type_complexity)]
    const RARE_FORMS: [(
        fn(&str) -> bool,
        fn(&Self, usize, usize, usize) -> Option<Cand>,
    ); 3] = [
        (lx::noun_cue_head, Self::noun_cue_claim),
        (lx::passive_cue, Self::passive_by_claim),
        (lx::as_cue_head, Self::as_claim),
    ];

    pub(crate) fn new(f: &'a QuoteFinder, text: &'a str, inp: &'a QuoteInput<'a>) -> Self {
        let mut skip: Vec<Span> = inp.skip.to_vec();
        skip.sort();
        let flagged = |s: Span| {
            let k = skip.partition_point(|f| f.end <= s.start);
            skip.get(k).is_some_and(|f| f.start < s.end)
        };
        let toks: Vec<T> = inp
            .tokens
            .iter()
            .filter(|t| !flagged(t.span) && t.span.end_usize() <= text.len())
            .map(|t| T {
                s: t.span.start_usize(),
                e: t.span.end_usize(),
                kind: t.kind,
                low: Lw::new(text.get(t.span.range()).unwrap_or("")),
            })
            .collect();
        let mut sents = Vec::new();
        if inp.sentences.is_empty() {
            sents.push((0, toks.len()));
        } else {
            for s in inp.sentences {
                let a = toks.partition_point(|t| t.s < s.start_usize());
                let b = toks.partition_point(|t| t.s < s.end_usize());
                if b > a {
                    sents.push((a, b));
                }
            }
        }
        Self {
            f,
            text,
            inp,
            toks,
            sents,
        }
    }

    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.low.as_str())
    }

    fn raw(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.s..t.e))
            .unwrap_or("")
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
    }

    fn is_cap(&self, i: usize) -> bool {
        self.is_word(i) && self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// An auxiliary or adverb between a speaker and its cue ("also", "has", "here"); a
    /// capitalised "-ly" word is a name ("Kelly said"), not an adverb.
    fn skippable(&self, i: usize) -> bool {
        let w = self.w(i);
        (lx::aux_or_adverb(w) || matches!(w, "here" | "there"))
            && !(self.is_cap(i) && w.ends_with("ly") && !lx::aux_or_adverb_listed(w))
    }

    fn is_quote(&self, i: usize) -> bool {
        matches!(
            self.raw(i),
            "“" | "”" | "\"" | "‘" | "’" | "«" | "»" | "``" | "''" | "'" | "„"
        )
    }

    fn cue(&self, i: usize) -> Option<&'a Cue> {
        let w = self.w(i);
        if w.is_empty() {
            return None;
        }
        self.f.cues.get(w)
    }

    /// A learned cue at token `i` (read only as the head of a forward reported claim): a
    /// learned word, or a word that is a cue only with its learned particle.
    fn learned_cue(&self, i: usize) -> Option<&'a Cue> {
        let w = self.w(i);
        if w.is_empty() {
            return None;
        }
        let l = &self.f.learned;
        l.words.get(w).or_else(|| {
            l.phrasal_only
                .get(w)
                .filter(|_| l.particle(w, self.w(i + 1)))
        })
    }

    /// A cue word not used as a noun after a determiner (`at one point`, `the campaign`).
    fn verb_cue(&self, i: usize) -> bool {
        self.cue(i).is_some() && !(i > 0 && lx::determiner(self.w(i - 1), Det::NounInTail))
    }

    /// Token index of the token starting at or after byte `b`.
    fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.e <= b)
    }

    fn sent_of(&self, i: usize) -> (usize, usize) {
        let k = self.sents.partition_point(|&(_, b)| b <= i);
        self.sents.get(k).copied().unwrap_or((i, i + 1))
    }

    fn bytes(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        if b <= a {
            return None;
        }
        Some((self.toks.get(a)?.s, self.toks.get(b - 1)?.e))
    }

    fn in_dates(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        let k = self.inp.dates.partition_point(|d| d.end_usize() <= t.s);
        self.inp.dates.get(k).is_some_and(|d| d.start_usize() < t.e)
            || lx::day_word(self.w(i))
            || matches!(
                self.w(i),
                "tonight"
                    | "earlier"
                    | "later"
                    | "recently"
                    | "last"
                    | "this"
                    | "week"
                    | "month"
                    | "morning"
                    | "evening"
                    | "afternoon"
                    | "night"
            )
    }

    pub(crate) fn run(self) -> Vec<FoundQuote> {
        let mut cands = self.direct();
        if self.f.config.reported {
            let taken: Vec<(usize, usize)> = cands.iter().flat_map(Cand::parts).collect();
            let mut rep = self.reported(&taken);
            cands.append(&mut rep);
        }
        let cands = self.attach_loose(cands);
        self.resolve(cands)
    }

    // ----- direct quotes -----

    fn paragraphs(&self) -> Vec<(usize, usize)> {
        let n = self.text.len();
        let mut out: Vec<(usize, usize)> = if self.inp.paragraphs.is_empty() {
            vec![(0, n)]
        } else {
            self.inp
                .paragraphs
                .iter()
                .map(|p| (p.start_usize().min(n), p.end_usize().min(n)))
                .collect()
        };
        out.retain(|&(a, b)| {
            !self
                .inp
                .skip
                .iter()
                .any(|f| f.start_usize() < b && f.end_usize() > a)
        });
        out
    }

    fn direct(&self) -> Vec<Cand> {
        let marked = marks::find(self.text, &self.paragraphs());
        let mut out: Vec<Cand> = Vec::new();
        let mut used = vec![false; marked.len()];
        let mut last_speaker: Option<((usize, usize), usize)> = None; // (speaker, byte end)
        for qi in 0..marked.len() {
            if used.get(qi).copied().unwrap_or(true) {
                continue;
            }
            let Some(&m) = marked.get(qi) else { continue };
            let mut m: Marked = m;
            let open_t = self.tok_at(m.open);
            let words = self
                .text
                .get(m.content.range())
                .map_or(0, |s| s.split_whitespace().count());
            // A short quotation in the middle of a clause (`a "grave threat" to`, `CBS's "Face
            // the Nation,"`) is a fragment of the author's sentence: a reported content holds it.
            let mid_clause = open_t > self.sent_of(open_t).0
                && self.is_word(open_t - 1)
                && self
                    .toks
                    .get(open_t - 1)
                    .and_then(|t| self.text.get(t.e..m.open))
                    .is_some_and(|gap| !gap.contains('\n'));
            if mid_clause && words < 8 {
                continue;
            }
            let mut cue = None;
            let mut speaker = None;
            let mut channel = None;
            let mut hedge_cue = false;
            let mut outer = m.outer();
            let mut pieces = Vec::new();
            let mut parts = Vec::new();
            // After the closing mark.
            if let Some(c) = m.close {
                let j = self.tok_at(c + m.close_len);
                if let Some(a) = self.attr_after(j, open_t) {
                    cue = Some(a.cue);
                    speaker = a.speaker;
                    channel = a.channel;
                    hedge_cue = a.hedge;
                    if let Some((_, e)) = self.bytes(a.cue.0, a.end) {
                        outer.1 = outer.1.max(e);
                    }
                    // Interrupted: “A,” he said, “B.”
                    let mut k = a.end;
                    if matches!(self.w(k), "," | ":") {
                        k += 1;
                    }
                    // The next quote continues this one when it opens right after the
                    // attribution, or after a short tail ("at a rally in Ohio.") in the same
                    // paragraph.
                    let ni = qi + 1;
                    let continues = self.cue(a.cue.0).is_some()
                        && marked.get(ni).is_some_and(|next| {
                            let nt = self.tok_at(next.open);
                            // A next quotation that is a fragment of a sentence going on after it
                            // (`“B” to drive up ...`) is not a continuation.
                            let fragment = next.close.is_some_and(|nc| {
                                let at = self.tok_at(nc + next.close_len);
                                self.is_word(at)
                                    && !self.is_cap(at)
                                    && self.attr_after(at, nt).is_none()
                            });
                            nt >= k
                                && nt <= k + 15
                                && !fragment
                                && self.paragraph_gap(c, next.open) == 0
                                && (k..nt).all(|i| !self.is_quote(i) && !self.verb_cue(i))
                        });
                    if continues && let Some(next) = marked.get(ni) {
                        pieces.push((m.content.start_usize(), m.content.end_usize()));
                        parts.push(outer);
                        pieces.push((next.content.start_usize(), next.content.end_usize()));
                        parts.push(next.outer());
                        m.content = Span::new(m.content.start, next.content.end);
                        m.close = next.close;
                        m.close_len = next.close_len;
                        outer.1 = outer.1.max(next.outer().1);
                        if let Some(u) = used.get_mut(ni) {
                            *u = true;
                        }
                    }
                }
            }
            // Before the opening mark.
            if cue.is_none()
                && let Some(a) = self.attr_before(open_t)
            {
                cue = Some(a.cue);
                speaker = a.speaker;
                channel = a.channel;
                hedge_cue = a.hedge;
                // A speaker far before the cue (`Starr said ..., explaining, “`: the subject
                // of an earlier verb) does not extend the quote over the text between.
                let from = a
                    .speaker
                    .filter(|s| s.1 + 3 >= a.cue.0)
                    .map_or(a.cue.0, |s| s.0.min(a.cue.0));
                if let Some((s, _)) = self.bytes(from, a.cue.1) {
                    outer.0 = outer.0.min(s);
                }
            }
            if cue.is_none()
                && let Some(prev) = out.last_mut()
                && self.paragraph_gap(prev.content.1, m.open) == 0
                && prev.content.1 <= m.open
                // Across a short gap, or over the previous quote's own attribution and its
                // tail (`“A,” she said, noting that ... “B.”`); another cue or quotation
                // between them makes two attributions.
                && {
                    let from = self.tok_at(prev.outer.1);
                    let short = (from..open_t).filter(|&i| self.is_word(i)).count() <= 3;
                    let tail_from = prev.cue.map_or(from, |c| self.tok_at(c.1).max(from));
                    short
                        || (prev.cue.is_some()
                            && open_t <= tail_from + 40
                            && (tail_from..open_t)
                                .all(|i| !self.is_quote(i) && !self.verb_cue(i)))
                }
            {
                // Another unattributed quote in the same paragraph continues the previous one.
                prev.continue_with((m.content.start_usize(), m.content.end_usize()), outer);
                continue;
            }
            if cue.is_none() {
                // Inherit the previous quote's speaker within a paragraph or the next one.
                if let Some((sp, end)) = last_speaker
                    && self.paragraph_gap(end, m.open) <= 1
                    && words >= self.f.config.min_unattributed_words
                {
                    speaker = Some(sp);
                } else if words < self.f.config.min_unattributed_words {
                    continue;
                }
            }
            if speaker.is_none() && words < self.f.config.min_unattributed_words {
                continue;
            }
            if let Some(sp) = speaker {
                last_speaker = Some((sp, outer.1));
            }
            out.push(Cand {
                kind: QuoteKind::Direct,
                content: (m.content.start_usize(), m.content.end_usize()),
                cue: cue.and_then(|(a, b)| self.bytes(a, b)),
                speaker,
                outer,
                channel,
                hedge_cue,
                sourceless: false,
                embedded_ok: false,
                pieces,
                parts,
                loose: cue.is_none(),
            });
        }
        out
    }

    /// Binds each direct quote without an attribution of its own to the direct quote before
    /// it, as a continuation of its content: PolNeAR binds content to a cue, so `“A,” he said.
    /// “B.”`, `“A,” he said, noting that ... “B.”` and a quoted paragraph after the attributed
    /// one are one attribution with one content. A quotation inside a reported content stays
    /// part of that content.
    fn attach_loose(&self, cands: Vec<Cand>) -> Vec<Cand> {
        let mut cands = cands;
        cands.sort_by_key(|c| (c.outer.0, c.outer.1));
        let mut holders: Vec<(usize, usize)> = cands
            .iter()
            .filter(|t| !t.loose && t.kind == QuoteKind::Reported)
            .map(|t| t.content)
            .collect();
        holders.sort_unstable();
        let mut out: Vec<Cand> = Vec::with_capacity(cands.len());
        for c in cands {
            let k = holders.partition_point(|h| h.0 <= c.content.0);
            let held = holders
                .get(..k)
                .unwrap_or(&[])
                .iter()
                .rev()
                .take(8)
                .any(|h| c.content.0 < h.1);
            // The nearest attribution before it: a direct quote, over reported claims in
            // between only when they are asides in the sentence of its attribution
            // (`“A,” Buchanan said, noting that ...`, `said Bayh, who declined to run ...`)
            // or participial asides of its speaker.
            let before = |t: &Cand| t.parts().last().map_or(0, |p| p.1);
            let mut target = None;
            if c.loose && !held {
                let mut between: Vec<usize> = Vec::new();
                for (i, t) in out.iter().enumerate().rev().take(24) {
                    if t.sourceless || before(t) > c.outer.0 {
                        continue;
                    }
                    if t.kind == QuoteKind::Direct {
                        let last = self.sent_of(self.tok_at(before(t)).saturating_sub(1));
                        let ok = between.iter().all(|&at| {
                            self.sent_of(self.tok_at(at)) == last
                                || self.raw(self.tok_at(at)).ends_with("ing")
                        });
                        if ok {
                            target = Some(i);
                        }
                        break;
                    }
                    // A claim whose cue lies inside another claim's content is dropped later.
                    let cue_at = t.cue.map_or(t.content.0, |c| c.0);
                    if !holders.iter().any(|h| h.0 <= cue_at && cue_at < h.1) {
                        between.push(cue_at);
                    }
                }
            }
            if let Some(t) = target.and_then(|i| out.get_mut(i))
                && self.continues_after(t, &c)
            {
                t.continue_with(c.content, c.outer);
                continue;
            }
            out.push(c);
        }
        out
    }

    /// Whether the loose quote `c` continues the attribution `t` before it: in the same
    /// paragraph, or opening the next one; and every piece of `c` ends a sentence with no
    /// lower-case word after its closing mark (`“A,” he continued.` has an attribution of its
    /// own, even when no cue word is known for it).
    fn continues_after(&self, t: &Cand, c: &Cand) -> bool {
        let t_end = t.parts().last().map_or(0, |p| p.1);
        let ends = c.content_pieces().iter().all(|&(a, b)| {
            let final_punct = self
                .text
                .get(a..b)
                .and_then(|s| s.trim_end().chars().last())
                .is_some_and(|ch| matches!(ch, '.' | '?' | '!' | '…'));
            let mut after = self.tok_at(b);
            if self.is_quote(after) {
                after += 1;
            }
            let next_ok = self.toks.get(after).is_none_or(|x| {
                self.paragraph_gap(b, x.s) > 0 || self.is_cap(after) || self.is_quote(after)
            });
            final_punct && next_ok
        });
        if !ends {
            return false;
        }
        match self.paragraph_gap(t_end.saturating_sub(1), c.outer.0) {
            0 => true,
            1 => {
                // The quote opens its paragraph.
                let ps = self.inp.paragraphs;
                let k = ps.partition_point(|p| p.start_usize() <= c.outer.0);
                k > 0
                    && ps.get(k - 1).is_some_and(|p| {
                        self.text
                            .get(p.start_usize()..c.outer.0)
                            .is_some_and(|s| s.trim().is_empty())
                    })
            }
            _ => false,
        }
    }

    /// Paragraph breaks between two byte offsets.
    fn paragraph_gap(&self, a: usize, b: usize) -> usize {
        let ps = self.inp.paragraphs;
        if ps.is_empty() {
            return 0;
        }
        let pa = ps.partition_point(|p| p.end_usize() <= a);
        let pb = ps.partition_point(|p| p.end_usize() <= b);
        pb.saturating_sub(pa)
    }

    /// `” he said`, `,” said Zelensky`, `” Zelensky said in a statement`.
    fn attr_after(&self, j: usize, open_t: usize) -> Option<Attr> {
        let (_, sb) = self.sent_of(j.saturating_sub(1));
        let mut j = j;
        if matches!(self.w(j), "," | "—" | "–" | "-" | "―") {
            j += 1;
        }
        // The attribution must stay in the quote's sentence, or start the next one in lower
        // case ("he said").
        let close_at = self.toks.get(j.saturating_sub(1)).map_or(0, |t| t.s);
        match self.toks.get(j) {
            Some(t) if self.paragraph_gap(close_at, t.s) == 0 => {}
            _ => return None,
        }
        let _ = (sb, open_t);
        // A byline dash: `“...” ― Edwin G. Monroy` (quote collections).
        if matches!(self.raw(j.saturating_sub(1)), "―" | "—" | "–")
            && j >= 1
            && self.is_quote(j.saturating_sub(2))
            && self.is_cap(j)
            && let Some(sp) = self.np_right(j)
            && self.sent_of(j) == self.sent_of(j - 1)
        {
            return Some(Attr {
                cue: (j - 1, j),
                speaker: Some(sp),
                channel: None,
                hedge: false,
                end: sp.1,
            });
        }
        // A capitalised word after a sentence-closing quote starts the author's next sentence
        // (`“... soft.” He says referees ...`), unless the segmenter kept both in one.
        let close_t = j.saturating_sub(1);
        if self.sent_of(j) != self.sent_of(close_t)
            && self.raw(j).chars().next().is_some_and(char::is_uppercase)
        {
            return None;
        }
        // Cue first: "said Zelensky".
        if let Some(c) = self.cue(j)
            && c.class != CueClass::Thought
            && !self.is_cap(j)
        {
            let sp = self.np_right(j + 1);
            let mut end = sp.map_or(j + 1, |s| s.1);
            let channel = self.channel_at(end);
            if let Some(ch) = channel {
                end = ch.1;
            }
            return Some(Attr {
                cue: (j, j + 1),
                speaker: sp,
                channel: channel.and_then(|(a, b)| self.bytes(a, b)),
                hedge: c.hedge,
                end,
            });
        }
        // Speaker first: "Zelensky said", "the ministry also said".
        let mut k = j;
        while k < j + 12 && k < self.toks.len() {
            if let Some(c) = self.cue(k)
                && k > j
                && c.class != CueClass::Thought
            {
                let mut e = k;
                while e > j && self.skippable(e - 1) {
                    e -= 1;
                }
                if e == j {
                    return None;
                }
                let sp = (j, e);
                if !self.np_ok(sp) {
                    return None;
                }
                let mut end = k + 1;
                let channel = self.channel_at(end);
                if let Some(ch) = channel {
                    end = ch.1;
                }
                return Some(Attr {
                    cue: (k, k + 1),
                    speaker: Some(sp),
                    channel: channel.and_then(|(a, b)| self.bytes(a, b)),
                    hedge: c.hedge,
                    end,
                });
            }
            let w = self.w(k);
            if !(self.is_word(k) || matches!(w, "'s" | "’s" | "(" | ")" | "-" | "." | ","))
                || self.is_quote(k)
            {
                return None;
            }
            if w == "," && k > j {
                // An appositive: "Blinken, the top US diplomat, said" is fine; keep going.
            }
            k += 1;
        }
        None
    }

    /// `Zelensky reported, “`, `told CNN: “`, `said in a statement that “`, `stating, “`.
    fn attr_before(&self, open_t: usize) -> Option<Attr> {
        let (mut sa, _) = self.sent_of(open_t);
        // "He said:" closing the previous sentence or paragraph.
        if open_t == sa && open_t > 0 && self.w(open_t - 1) == ":" {
            sa = self.sent_of(open_t - 1).0;
        }
        let mut k = open_t;
        let lo = open_t.saturating_sub(10).max(sa);
        while k > lo {
            k -= 1;
            if self.is_quote(k) || matches!(self.w(k), "." | "?" | "!" | ";") {
                return None;
            }
            let Some(c) = self.cue(k) else { continue };
            // Between the cue and the mark: at most an addressee, a channel, a date, and a
            // comma or colon; or nothing ("said “...”", "said that “...”"). A mark in the
            // middle of a clause ("said he would “compete ...”") belongs to reported speech.
            let gap = open_t - k - 1;
            let before = self.w(open_t - 1);
            let adjacent = gap == 0 || (gap == 1 && before == "that");
            if !adjacent && !matches!(before, "," | ":") {
                return None;
            }
            // A capitalised imperative ("Note: “...”") has no speaker.
            if self.is_cap(k) && self.np_left(k).is_none() {
                return None;
            }
            if c.class == CueClass::Thought && !matches!(self.w(open_t - 1), ":" | "that" | ",") {
                return None;
            }
            let channel = self.channel_at(k + 1).filter(|ch| ch.1 <= open_t);
            let mut speaker = self.np_left(k);
            if speaker.is_none() && c.participle {
                speaker = self.sentence_speaker(k);
            }
            return Some(Attr {
                cue: (k, k + 1),
                speaker,
                channel: channel
                    .or_else(|| self.channel_before(speaker.map_or(k, |s| s.0)))
                    .and_then(|(a, b)| self.bytes(a, b)),
                hedge: c.hedge,
                end: open_t,
            });
        }
        None
    }

    /// The noun phrase opening a sentence at `sa` (a name, a pronoun or a determiner phrase)
    /// when a verb follows it.
    fn subject_at(&self, sa: usize) -> Option<(usize, usize)> {
        let w = self.w(sa);
        if lx::pronoun(w).is_some() {
            return Some((sa, sa + 1));
        }
        if !(self.is_cap(sa) || lx::determiner(w, Det::Phrase))
            || lx::np_stop(w) && !lx::determiner(w, Det::Phrase)
        {
            return None;
        }
        // A name: the run of capitalised words (`ProPublica obtained ... and said`).
        if self.is_cap(sa) && !lx::determiner(w, Det::Phrase) {
            let mut e = sa + 1;
            while e < sa + 6 && (self.is_cap(e) || matches!(self.w(e), "." | "-")) {
                e += 1;
            }
            if self.is_word(e) && !self.is_cap(e) && !lx::np_stop(self.w(e)) {
                return Some((sa, e));
            }
        }
        let np = self.np_right(sa)?;
        (np.1 - np.0 <= 6).then_some(np)
    }

    /// The speaker of an earlier cue in the sentence of token `k` (for "..., stating, “").
    fn sentence_speaker(&self, k: usize) -> Option<(usize, usize)> {
        let (sa, _) = self.sent_of(k);
        (sa..k)
            .filter(|&i| self.cue(i).is_some_and(|c| !c.participle))
            .find_map(|i| self.np_left(i))
    }

    /// A channel phrase starting at token `i`: "in a statement", "on his social media
    /// platform X", "in an interview with CNN".
    fn channel_at(&self, i: usize) -> Option<(usize, usize)> {
        if !matches!(self.w(i), "in" | "on" | "via" | "during" | "at" | "through") {
            return None;
        }
        let mut k = i + 1;
        let mut has = false;
        let mut end = i;
        while k < self.toks.len() && k < i + 10 {
            let w = self.w(k);
            if !self.is_word(k) || matches!(w, "that" | "said" | "says" | "told" | "say") {
                break;
            }
            if lx::channel_noun(w) {
                has = true;
                end = k + 1;
            }
            k += 1;
        }
        if !has {
            return None;
        }
        // "with CNN" after "interview"
        if self.w(end) == "with" && self.is_cap(end + 1) {
            end += 2;
            while self.is_cap(end) {
                end += 1;
            }
        }
        Some((i, end))
    }

    /// A channel phrase ending right before the speaker, at the sentence start:
    /// "In a statement shared on his social media platform X, Zelensky reported".
    fn channel_before(&self, speaker_start: usize) -> Option<(usize, usize)> {
        if speaker_start == 0 || self.w(speaker_start - 1) != "," {
            return None;
        }
        let (sa, _) = self.sent_of(speaker_start);
        let ch = self.channel_at(sa)?;
        (ch.1 == speaker_start - 1).then_some(ch)
    }

    /// A plausible speaker phrase.
    fn np_ok(&self, (a, b): (usize, usize)) -> bool {
        if b <= a || b - a > 12 {
            return false;
        }
        if b - a == 1 && lx::pronoun(self.w(a)).is_some() {
            return true;
        }
        (a..b).all(|i| {
            let w = self.w(i);
            (self.is_word(i) || matches!(w, "'s" | "’s" | "(" | ")" | "-" | "." | ","))
                && !matches!(w, "that" | "which" | "when" | "if" | "because" | "but")
        }) && (a..b).any(|i| self.is_word(i))
    }

    /// The noun phrase ending right before token `k` (skipping auxiliaries and adverbs).
    fn np_left(&self, k: usize) -> Option<(usize, usize)> {
        let (sa, _) = self.sent_of(k.saturating_sub(1));
        let mut e = k;
        while e > sa && self.skippable(e - 1) {
            e -= 1;
        }
        // A date between the speaker and the cue: "Sean Spicer on Thursday evening said".
        let mut d = e;
        while d > sa && self.in_dates(d - 1) {
            d -= 1;
        }
        if d < e && d > sa && matches!(self.w(d - 1), "on" | "in" | "at") {
            d -= 1;
        }
        if d < e && d > sa && self.is_word(d - 1) && !lx::np_stop(self.w(d - 1)) {
            e = d;
        }
        if e == sa {
            return None;
        }
        // A pronoun or relative.
        if lx::pronoun(self.w(e - 1)).is_some() {
            return Some((e - 1, e));
        }
        // A quantifier standing for people: "Some said", "many believe", "others argue".
        if lx::quantifier_pronoun(self.w(e - 1))
            && (e - 1 == sa || !self.is_word(e - 2) || matches!(self.w(e - 2), "and" | "but"))
        {
            return Some((e - 1, e));
        }
        // An appositive or relative clause between commas: "Blinken, the top US diplomat, said".
        if self.w(e - 1) == "," {
            let lo = e.saturating_sub(30).max(sa);
            let mut c = e - 1;
            while c > lo {
                c -= 1;
                if self.w(c) == "," {
                    // PolNeAR's source keeps the appositive or relative clause that identifies
                    // the speaker: "Scot Ross, executive director of One Wisconsin Now".
                    return self
                        .np_back(c)
                        .map(|(a, _)| (a, e - 1))
                        .or_else(|| self.np_ok((c + 1, e - 1)).then_some((c + 1, e - 1)));
                }
                if matches!(self.w(c), "." | ";" | ":") || self.is_quote(c) {
                    return None;
                }
            }
            return None;
        }
        self.np_back(e)
    }

    /// Walks left from `e` (exclusive) over a noun phrase.
    fn np_back(&self, e: usize) -> Option<(usize, usize)> {
        let (sa, _) = self.sent_of(e.saturating_sub(1));
        let mut s = e;
        let mut paren = false;
        while s > sa && e - s < 12 {
            let i = s - 1;
            let w = self.w(i);
            if w == ")" {
                paren = true;
                s -= 1;
                continue;
            }
            if paren {
                if w == "(" {
                    paren = false;
                }
                s -= 1;
                continue;
            }
            if matches!(w, "'s" | "’s" | "-" | "&") {
                s -= 1;
                continue;
            }
            if matches!(w, "of" | "for" | "at") {
                // "Secretary of State", "a spokesperson for the SBU": only inside a phrase.
                if s < e && i > sa && self.is_word(i - 1) && !lx::np_stop(self.w(i - 1)) {
                    s -= 1;
                    continue;
                }
                break;
            }
            if w == "and" {
                if i > sa && self.is_cap(i - 1) && s < e && self.is_cap(s) {
                    s -= 1;
                    continue;
                }
                if i > sa
                    && matches!(
                        self.w(i - 1),
                        "ukrainian" | "western" | "russian" | "american" | "european"
                    )
                {
                    s -= 1;
                    continue;
                }
                break;
            }
            let stop = lx::np_stop(w) && self.raw(i) != "US";
            if !self.is_word(i)
                || stop
                || self
                    .cue(i)
                    .is_some_and(|c| c.class != CueClass::Thought || w.ends_with("ed"))
                    && !self.is_cap(i)
            {
                break;
            }
            s -= 1;
            if lx::determiner(w, Det::Phrase) && !(i > sa && matches!(self.w(i - 1), "of" | "for"))
            {
                break;
            }
            // A capitalised sentence-initial connective is not part of the phrase.
        }
        // Trim a leading "of/for/and".
        while s < e && matches!(self.w(s), "of" | "for" | "and" | "at" | "-" | "'s" | "’s") {
            s += 1;
        }
        (s < e && (s..e).any(|i| self.is_word(i))).then_some((s, e))
    }

    /// The noun phrase starting at token `j` ("said Zelensky", "said the ministry").
    fn np_right(&self, j: usize) -> Option<(usize, usize)> {
        let mut e = j;
        let (_, sb) = self.sent_of(j);
        if lx::pronoun(self.w(j)).is_some() {
            return Some((j, j + 1));
        }
        while e < sb && e < j + 12 {
            let w = self.w(e);
            if matches!(w, "'s" | "’s" | "-" | "(" | ")") {
                e += 1;
                continue;
            }
            if matches!(w, "of" | "for") && e > j && self.is_word(e + 1) {
                e += 1;
                continue;
            }
            if !self.is_word(e) || (lx::np_stop(w) && !(e == j && lx::determiner(w, Det::Phrase))) {
                break;
            }
            if e > j && self.cue(e).is_some() && !self.is_cap(e) {
                break;
            }
            e += 1;
        }
        while e > j && matches!(self.w(e - 1), "of" | "for" | "-") {
            e -= 1;
        }
        (e > j).then_some((j, e))
    }

    // ----- reported speech -----

    fn reported(&self, taken: &[(usize, usize)]) -> Vec<Cand> {
        let mut out: Vec<Cand> = Vec::new();
        let inside_taken = |b: usize| taken.iter().any(|&(s, e)| s <= b && b < e);
        for &(sa, sb) in &self.sents {
            let before = out.len();
            let mut k = sa;
            while k < sb {
                let Some(t) = self.toks.get(k) else { break };
                if inside_taken(t.s) {
                    k += 1;
                    continue;
                }
                let w = self.w(k);
                if k == sa
                    && let Some(c) = self.label_claim(sa, sb)
                {
                    out.push(c);
                }
                if w == "asked"
                    && let Some(c) = self.asked_claim(k, sa, sb)
                {
                    out.push(c);
                    k += 1;
                    continue;
                }
                if w == "according" && self.w(k + 1) == "to" {
                    if let Some(c) = self.according(k, sa, sb) {
                        out.push(c);
                    }
                    k += 2;
                    continue;
                }
                if w == "what"
                    && let Some(c) = self.what_claims(k, sb)
                {
                    out.push(c);
                    k += 1;
                    continue;
                }
                if k == sa
                    && w == "in"
                    && let Some(c) = self.in_view_claim(k, sb)
                {
                    out.push(c);
                    k += 1;
                    continue;
                }
                // The rarer forms, gated on the word at hand (`w` is already read).
                if let Some(c) = Self::RARE_FORMS
                    .iter()
                    .filter(|(gate, _)| gate(w))
                    .find_map(|(_, find)| find(self, k, sa, sb))
                {
                    out.push(c);
                    k += 1;
                    continue;
                }
                if lx::seem_form(w) {
                    if let Some(c) = self.seem_claim(k, sa, sb) {
                        out.push(c);
                    }
                    k += 1;
                    continue;
                }
                if lx::content_noun(w)
                    && matches!(self.w(k + 1), "is" | "was")
                    && self.w(k + 2) == "that"
                    && let Some(c) = self.noun_claim(k, sb)
                {
                    out.push(c);
                    k += 3;
                    continue;
                }
                if let Some(cue) = self.cue(k).or_else(|| self.learned_cue(k))
                    && let Some(c) = self.verb_claim(k, cue, sa, sb, &inside_taken)
                {
                    out.push(c);
                }
                k += 1;
            }
            if out.len() == before && self.f.config.sourceless {
                for k in sa..sb {
                    if lx::sourceless_hedge(self.w(k))
                        && let Some(t) = self.toks.get(k)
                        && !inside_taken(t.s)
                    {
                        let start = self.clause_start_before(k, sa);
                        let end = self.clause_end(k + 1, sb);
                        if let Some(content) = self.bytes(start, end) {
                            out.push(Cand {
                                hedge_cue: true,
                                sourceless: true,
                                ..Cand::reported(content, self.bytes(k, k + 1), None, content)
                            });
                        }
                        break;
                    }
                }
            }
        }
        out
    }

    /// A headline or interview label: `Trey Gowdy: Benghazi probe ...`, `Q: How did ...`, one to
    /// four capitalised words opening the sentence, a colon, then the content (not a quote).
    fn label_claim(&self, sa: usize, sb: usize) -> Option<Cand> {
        let mut c = sa;
        while c < sb && c < sa + 4 && self.is_cap(c) {
            c += 1;
        }
        if c == sa || self.w(c) != ":" || c + 1 >= sb || !self.is_word(c + 1) {
            return None;
        }
        if (sa..c).any(|i| lx::label_word(self.w(i)) || self.in_dates(i)) {
            return None;
        }
        // An answer runs over its paragraph (interview transcripts).
        let para_end = self
            .toks
            .get(sa)
            .map(|t| {
                let ps = self.inp.paragraphs;
                let pi = ps.partition_point(|p| p.end_usize() <= t.s);
                ps.get(pi).map_or(sb, |p| self.tok_at(p.end_usize()))
            })
            .unwrap_or(sb)
            .max(sb);
        let mut end = para_end;
        while end > c + 1 && matches!(self.w(end - 1), "." | "," | ":" | ";" | "—" | "-" | "–")
        {
            end -= 1;
        }
        if end <= c + 2 {
            return None;
        }
        let content = self.bytes(c + 1, end)?;
        Some(Cand::reported(
            content,
            self.bytes(c, c + 1),
            Some((sa, c)),
            self.bytes(sa, end)?,
        ))
    }

    /// A question put to someone: `When asked (by a reporter) whether ...,` — the content is
    /// the question up to the next comma; the asker is not named.
    fn asked_claim(&self, k: usize, sa: usize, sb: usize) -> Option<Cand> {
        if !(k == sa
            || matches!(
                self.w(k - 1),
                "when" | "if" | "after" | "before" | "," | "once"
            ))
        {
            return None;
        }
        let mut j = k + 1;
        while j < sb && j < k + 10 {
            let w = self.w(j);
            if asked_about(w) {
                break;
            }
            if !self.is_word(j) && !matches!(w, "'s" | "’s") {
                return None;
            }
            j += 1;
        }
        if !asked_about(self.w(j)) || !self.is_word(j + 1) {
            return None;
        }
        let mut end = j + 1;
        while end < sb && self.w(end) != "," && !self.is_quote(end) {
            end += 1;
        }
        while end > j + 1 && matches!(self.w(end - 1), "." | "?" | ":" | ";") {
            end -= 1;
        }
        let content = self.bytes(j, end)?;
        Some(Cand::reported(
            content,
            self.bytes(k, k + 1),
            None,
            self.bytes(k, end)?,
        ))
    }

    /// The start of the clause holding token `k`: after a leading adverbial phrase and comma.
    fn clause_start_before(&self, k: usize, sa: usize) -> usize {
        let mut s = sa;
        for i in sa..k {
            if self.w(i) == "," {
                s = i + 1;
            }
        }
        s
    }

    /// The end (exclusive token) of a content starting at `j`.
    fn clause_end(&self, j: usize, sb: usize) -> usize {
        let mut k = j;
        while k < sb {
            let w = self.w(k);
            if w == ";" {
                break;
            }
            // "... and said that", "... but argues that": the source's next statement.
            if k > j && matches!(w, "and" | "but") {
                let mut v = k + 1;
                while v < sb && v < k + 3 && lx::aux_or_adverb(self.w(v)) {
                    v += 1;
                }
                if self
                    .cue(v)
                    .is_some_and(|c| !c.participle && c.class != CueClass::Thought)
                    && !self.is_cap(v)
                {
                    break;
                }
            }
            // "... - essentially conceding that": a participle attribution after a dash.
            if k > j && matches!(w, "-" | "—" | "–" | "--") {
                let mut v = k + 1;
                if self.w(v).ends_with("ly") {
                    v += 1;
                }
                if self.cue(v).is_some_and(|c| c.participle) {
                    break;
                }
            }
            if k > j && w == "," && self.author_tail(k, sb) {
                break;
            }
            if w == "," {
                // `,”` : the comma closes a quotation inside the content; what follows the mark
                // decides as after a bare comma, and the mark stays in the content.
                let q = usize::from(self.is_quote(k + 1) && !self.opens_quote(k + 1));
                let n = self.w(k + 1 + q);
                // ", and they wouldn't", ", and urged": a new clause of the author's.
                let n2 = self.w(k + 2 + q);
                let new_clause = matches!(n, "and" | "but")
                    && (lx::pronoun(n2).is_some()
                        || self.cue(k + 2 + q).is_some()
                        || lx::aux_or_adverb(n2) && !n2.ends_with("ly") && n2 != "also"
                        || self.statement_ahead(k + 2 + q, sb));
                // A contrast after a comma (`, but`, `, though`) is the author's: PolNeAR
                // keeps only what is clearly attributed.
                if new_clause
                    || matches!(
                        n,
                        "according"
                            | "though"
                            | "although"
                            | "while"
                            | "whereas"
                            | "because"
                            | "but"
                    )
                    || self
                        .cue(k + 1 + q)
                        .is_some_and(|c| c.participle && c.class != CueClass::Thought)
                    || (q == 0 && self.is_quote(k + 1) && self.opens_quote(k + 1))
                {
                    k += 2 * q;
                    break;
                }
                // ", he said." / ", the ministry said."
                if let Some(e) = self.postposed_group(k + 1 + q, sb)
                    && e >= sb.saturating_sub(1)
                {
                    k += 2 * q;
                    break;
                }
            }
            k += 1;
        }
        // Drop final punctuation (but keep a closing quote mark).
        while k > j && matches!(self.w(k - 1), "." | "," | ":" | ";" | "—" | "-" | "–") {
            k -= 1;
        }
        k
    }

    /// The author's words after a content, from token `k`: a non-restrictive relative clause
    /// closing the sentence (`, which votes on March 1`, `, who has a significant lead`).
    fn author_tail(&self, k: usize, sb: usize) -> bool {
        self.w(k) == ","
            && matches!(self.w(k + 1), "which" | "who")
            && !(k + 2..sb).any(|i| matches!(self.w(i), "," | ";") || self.is_quote(i))
    }

    fn opens_quote(&self, i: usize) -> bool {
        match self.raw(i) {
            "“" | "«" | "``" | "‘" => true,
            // Straight marks open after a space (or at the start) and before a word.
            "\"" | "''" => {
                let Some(t) = self.toks.get(i) else {
                    return false;
                };
                let before = self.text.get(..t.s).and_then(|s| s.chars().next_back());
                let after = self.text.get(t.e..).and_then(|s| s.chars().next());
                before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–'))
                    && after.is_some_and(|c| !c.is_whitespace())
            }
            _ => false,
        }
    }

    /// `NP cue [rest]` or `cue NP [rest]` after a comma, ending the sentence: the end token of
    /// the group.
    fn postposed_group(&self, j: usize, sb: usize) -> Option<usize> {
        // cue NP
        if let Some(c) = self.cue(j)
            && c.class != CueClass::Thought
            && lx::takes_bare_clause(c.lemma)
            && !c.participle
            && !lx::weak_form(self.w(j))
        {
            let np = self.np_right(j + 1)?;
            return Some(self.group_tail(np.1, sb));
        }
        // NP cue
        let mut k = j;
        while k < sb && k < j + 10 {
            if let Some(c) = self.cue(k)
                && k > j
                && (lx::takes_bare_clause(c.lemma)
                    || lx::finding_lemma(c.lemma) && self.research_np((j, k)))
                && !c.participle
                && !lx::weak_form(self.w(k))
            {
                let mut e = k;
                while e > j && self.skippable(e - 1) {
                    e -= 1;
                }
                if e == j || !self.np_ok((j, e)) {
                    return None;
                }
                // `, he told the court in his filing.`
                let t = if c.class == CueClass::Tell {
                    self.skip_addressee(k + 1, sb)
                } else {
                    k + 1
                };
                return Some(self.group_tail(t, sb));
            }
            if !self.is_word(k) && !matches!(self.w(k), "'s" | "’s" | "(" | ")" | "-") {
                return None;
            }
            k += 1;
        }
        None
    }

    /// After a postposed attribution: a date, a channel, then the sentence end.
    fn group_tail(&self, mut e: usize, sb: usize) -> usize {
        while e < sb && self.in_dates(e) {
            e += 1;
        }
        if matches!(self.w(e), "on" | "in") && self.in_dates(e + 1) {
            e += 1;
            while e < sb && self.in_dates(e) {
                e += 1;
            }
        }
        if let Some(ch) = self.channel_at(e) {
            e = ch.1;
            // `he said in an interview on Saturday.`
            if matches!(self.w(e), "on" | "in") && self.in_dates(e + 1) {
                e += 1;
            }
            while e < sb && self.in_dates(e) {
                e += 1;
            }
        }
        e
    }

    fn according(&self, k: usize, sa: usize, sb: usize) -> Option<Cand> {
        let sp = self.np_right(k + 2)?;
        let cue = self.bytes(k, k + 2)?;
        let lead = (sa..k).all(|i| !self.is_word(i));
        // Mid-sentence without a comma, the source ending the sentence (`... 46 percent to 39
        // percent according to a CBS poll.`): postposed, as after a comma.
        let at_end = {
            let mut j = sp.1;
            while j < sb && !self.is_word(j) {
                j += 1;
            }
            j >= sb
        };
        let (content, outer_from, outer_to) = if lead || (k > sa && self.w(k - 1) != "," && !at_end)
        {
            // "According to X, content" (or mid-sentence without a comma: the rest).
            let mut j = sp.1;
            if self.w(j) == "," {
                j += 1;
            }
            let end = self.clause_end(j, sb);
            (self.bytes(j, end)?, k, end)
        } else {
            // "content, according to X." — PolNeAR's content is the whole sentence, and runs
            // over the source when the sentence goes on ("A, according to X, B.").
            let start = sa;
            let mut e = k;
            while e > start && matches!(self.w(e - 1), "," | ".") {
                e -= 1;
            }
            if e <= start {
                return None;
            }
            let after = sp.1;
            if matches!(self.w(after), "," | "-" | "—" | "–")
                && self.is_word(after + 1)
                && after + 2 < sb
            {
                let end = self.clause_end(after + 1, sb);
                (self.bytes(start, end)?, start, end)
            } else {
                (self.bytes(start, e)?, start, sp.1)
            }
        };
        let outer = self.bytes(outer_from, outer_to)?;
        Some(Cand::reported(
            content,
            Some(cue),
            Some(sp),
            (outer.0.min(content.0), outer.1.max(content.1)),
        ))
    }

    /// "what Ukraine claims is a Russian military ID card".
    fn what_claims(&self, k: usize, sb: usize) -> Option<Cand> {
        let mut c = k + 1;
        while c < sb && c < k + 8 {
            if let Some(cue) = self.cue(c)
                && c > k + 1
                && matches!(self.w(c + 1), "is" | "was" | "are" | "were")
            {
                let sp = (k + 1, c);
                if !self.np_ok(sp) {
                    return None;
                }
                let end = self.clause_end(c + 2, sb);
                let content = self.bytes(c + 2, end)?;
                let outer = self.bytes(k, end)?;
                return Some(Cand {
                    hedge_cue: cue.hedge,
                    embedded_ok: true,
                    ..Cand::reported(content, self.bytes(c, c + 1), Some(sp), outer)
                });
            }
            if !self.is_word(c) {
                return None;
            }
            c += 1;
        }
        None
    }

    /// "X's assessment is that ...".
    fn noun_claim(&self, k: usize, sb: usize) -> Option<Cand> {
        let sp = if k >= 1 && matches!(self.w(k - 1), "'s" | "’s") {
            self.np_back(k - 1)
        } else {
            None
        }?;
        let end = self.clause_end(k + 3, sb);
        let content = self.bytes(k + 2, end)?;
        let outer = self.bytes(sp.0, end)?;
        Some(Cand {
            hedge_cue: matches!(
                self.w(k),
                "assessment" | "estimate" | "claim" | "allegation" | "belief"
            ),
            ..Cand::reported(content, self.bytes(k, k + 1), Some(sp), outer)
        })
    }

    /// A noun phrase naming a poll, a study or a record (`a Quinnipiac University poll`,
    /// `F.A.A. records`), whose findings are attributions.
    fn research_np(&self, (a, b): (usize, usize)) -> bool {
        (a..b).any(|i| lx::research_noun(self.w(i)))
    }

    /// A statement of another source ahead in the clause at `j`: `three-quarters said`, `more
    /// than 4 in 10 said` (a few words, then a speech verb).
    fn statement_ahead(&self, j: usize, sb: usize) -> bool {
        (j + 1..(j + 8).min(sb))
            .take_while(|&v| self.is_word(v) || matches!(self.w(v), "-" | "%"))
            .any(|v| {
                matches!(self.w(v), "said" | "says" | "say" | "told" | "added")
                    && !matches!(self.w(v - 1), "and" | "or" | "to")
            })
    }

    /// A stance form that is mostly a noun (`support`, `back`) used as a verb: after a
    /// modal, auxiliary, pronoun or relative (`would support`, `who support`), after a plural
    /// subject (`senators support`, `48 percent support`), or a participle with a name after
    /// it (`Democrats supporting Mrs. Clinton`).
    fn stance_verb_use(&self, k: usize) -> bool {
        let w = self.w(k);
        if !matches!(w, "support" | "supporting" | "back") || k == 0 {
            return false;
        }
        let p = self.w(k - 1);
        let after_aux = matches!(
            p,
            "would"
                | "will"
                | "can"
                | "could"
                | "may"
                | "might"
                | "should"
                | "must"
                | "who"
                | "they"
                | "we"
                | "i"
                | "you"
                | "not"
                | "also"
                | "strongly"
                | "still"
                | "now"
                | "did"
                | "do"
                | "does"
                | "n't"
                | "is"
                | "are"
                | "was"
                | "were"
        );
        if w == "supporting" {
            let n = self.w(k + 1);
            return (after_aux || self.is_cap(k - 1) && p.ends_with('s'))
                && (self.is_cap(k + 1) || matches!(n, "her" | "him" | "them" | "his"));
        }
        after_aux
            || w == "support"
                && self.is_word(k - 1)
                && (p.ends_with('s') && !p.ends_with("ss") && !p.ends_with("'s") && p.len() > 3
                    || matches!(p, "percent" | "majority" | "half" | "third"))
    }

    /// `In the latest CBS poll, Trump leads ...` and `In Professor Knittel's view, ...`: a
    /// sentence opening with a poll or a stated view; the content is the rest of the clause.
    fn in_view_claim(&self, k: usize, sb: usize) -> Option<Cand> {
        let comma = (k + 2..(k + 14).min(sb)).find(|&i| self.w(i) == ",")?;
        if !(k + 1..comma).all(|i| self.is_word(i) || matches!(self.w(i), "'s" | "’s" | "-")) {
            return None;
        }
        let start = comma + 1;
        if !self.clause_start(start) {
            return None;
        }
        let last = comma - 1;
        let (cue, speaker) = if lx::view_noun(self.w(last)) && comma >= k + 3 {
            // "in X's view", "in his view"
            let p = self.w(last - 1);
            if matches!(p, "'s" | "’s") && last >= k + 3 {
                ((last, comma), Some((k + 1, last - 1)))
            } else if matches!(p, "his" | "her" | "their" | "its" | "our" | "my") {
                ((last, comma), Some((last - 1, last)))
            } else {
                return None;
            }
        } else if self.research_np((k + 1, comma))
            && lx::research_noun(self.w(last))
            && matches!(self.w(k + 1), "a" | "an" | "the" | "its" | "their")
        {
            ((k, k + 1), Some((k + 1, comma)))
        } else {
            return None;
        };
        let end = self.clause_end(start, sb);
        let content = self.bytes(start, end)?;
        let outer = self.bytes(k, end)?;
        Some(Cand::reported(
            content,
            self.bytes(cue.0, cue.1),
            speaker,
            outer,
        ))
    }

    /// A stance or speech noun with its holder: `his support for Mr. Trump`, `Clinton's
    /// criticism of the deal`, `their decision to leave`, `his claim that ...`. The holder is
    /// a possessive (a pronoun, or a name before `'s`); the content is the noun phrase after
    /// the noun's preposition (to the end of that phrase), an infinitive or a `that` clause.
    fn noun_cue_claim(&self, k: usize, sa: usize, sb: usize) -> Option<Cand> {
        let w = self.w(k);
        let prep = self.w(k + 1);
        let kind = lx::noun_cue(w, prep)?;
        if k <= sa {
            return None;
        }
        let p = self.w(k - 1);
        let holder = if lx::possessive_pronoun(p).is_some() {
            (k - 1, k)
        } else if matches!(p, "'s" | "’s") && k >= sa + 2 {
            let np = self.np_back(k - 1)?;
            if !self.is_cap(np.0) {
                return None;
            }
            (np.0, k - 1)
        } else {
            return None;
        };
        let start = match kind {
            lx::NounCue::Object => k + 2,
            lx::NounCue::Clause | lx::NounCue::Infinitive => k + 1,
        };
        if start >= sb || !self.is_word(start) || !self.is_word(k + 2) {
            return None;
        }
        if kind == lx::NounCue::Object
            && (!self.object_start(start)
                || self.in_dates(start)
                || self.w(start + 1) == "condition")
        {
            return None;
        }
        let mut end = self.clause_end(start, sb);
        if kind == lx::NounCue::Object {
            end = self.object_end(start, end);
        }
        if end <= start {
            return None;
        }
        let cue_end = if kind == lx::NounCue::Object {
            k + 2
        } else {
            k + 1
        };
        let content = self.bytes(start, end)?;
        let outer = self.bytes(holder.0, end)?;
        Some(Cand {
            hedge_cue: matches!(w, "claim" | "claims" | "allegation" | "allegations"),
            ..Cand::reported(content, self.bytes(k, cue_end), Some(holder), outer)
        })
    }

    /// A passive speech or stance verb with its agent: `The meeting was first reported by
    /// Politico`, `Clinton's position was supported Friday by Sen. Feinstein`. The content
    /// is the subject, the source the agent.
    fn passive_by_claim(&self, k: usize, sa: usize, sb: usize) -> Option<Cand> {
        if !lx::passive_cue(self.w(k)) || k <= sa + 1 {
            return None;
        }
        let mut b = k;
        while b > sa && self.skippable(b - 1) && !lx::be_form(self.w(b - 1)) {
            b -= 1;
        }
        if !(b > sa && lx::be_form(self.w(b - 1))) {
            return None;
        }
        let mut a = k + 1;
        while a < sb && a < k + 4 && self.in_dates(a) {
            a += 1;
        }
        if self.w(a) != "by" {
            return None;
        }
        let agent = self.np_right(a + 1)?;
        let subject = self.np_left(k)?;
        if subject.1 > b
            || lx::pronoun(self.w(subject.0)).is_some_and(|p| p == PronounKind::Deictic)
        {
            return None;
        }
        let content = self.bytes(subject.0, subject.1)?;
        let outer = self.bytes(subject.0, agent.1)?;
        Some(Cand::reported(
            content,
            self.bytes(b - 1, k + 1),
            Some(agent),
            outer,
        ))
    }

    /// Passive verbs of perception and report: `Sanders is seen as ...`, `the group known as
    /// Super Tuesday`, `the walk-off is considered one of ...`, `she is said to be ...`. The
    /// content is the subject and what is said of it (one span over the cue, as PolNeAR's two
    /// pieces); the source is the `by` agent when there is one.
    fn as_claim(&self, k: usize, sa: usize, sb: usize) -> Option<Cand> {
        let w = self.w(k);
        let as_form = lx::as_participle(w);
        let to_form = lx::to_participle(w);
        if !(as_form || to_form) || k <= sa {
            return None;
        }
        // The be-form before the participle (over adverbs: `is increasingly seen as`).
        let mut b = k;
        while b > sa && self.skippable(b - 1) && !lx::be_form(self.w(b - 1)) {
            b -= 1;
        }
        let be = b > sa && lx::be_form(self.w(b - 1));
        // An agent: `remembered by historians as`.
        let mut a = k + 1;
        let mut source = None;
        if as_form && self.w(a) == "by" {
            let np = self.np_right(a + 1)?;
            source = Some(np);
            a = np.1;
        }
        // `is said to be`, `is considered one of`: the content starts at `to` or the noun
        // phrase.
        let to_infinitive = to_form
            && be
            && self.w(a) == "to"
            && self.is_word(a + 1)
            && !self.is_cap(a + 1)
            && !lx::determiner(self.w(a + 1), Det::Phrase)
            && lx::pronoun(self.w(a + 1)).is_none();
        let considered = w == "considered"
            && be
            && matches!(self.w(a), "a" | "an" | "one" | "the" | "among" | "likely");
        let (cue_end, start_c) = if as_form && self.w(a) == "as" && self.is_word(a + 1) {
            (a + 1, a + 1)
        } else if to_infinitive || considered {
            (a, a)
        } else {
            return None;
        };
        let subject = if be {
            self.np_left(k)
        } else if matches!(w, "known" | "seen" | "viewed" | "regarded") {
            // A reduced relative: `the group of contests known as Super Tuesday`.
            self.np_back(k)
        } else {
            None
        }?;
        let mut end = self.clause_end(start_c, sb);
        if !be {
            // A name or a description: `known as Super Tuesday`.
            end = self.np_right(start_c).map_or(end, |np| np.1.min(end));
        } else if matches!(self.w(subject.0), "which" | "who" | "that")
            && let Some(c) = (start_c..end).find(|&i| self.w(i) == ",")
        {
            end = c;
        }
        if end <= start_c {
            return None;
        }
        let content = self.bytes(subject.0, end)?;
        let cue_from = if be { b - 1 } else { k };
        Some(Cand {
            sourceless: source.is_none(),
            ..Cand::reported(content, self.bytes(cue_from, cue_end), source, content)
        })
    }

    /// `his voice seemed weaker`, `Mr. Sanders appears ready to ...`, `it appears (that) he
    /// ...`: an impression without a source; the content is the subject and what seems of it
    /// (or the clause after `it seems`).
    fn seem_claim(&self, k: usize, sa: usize, sb: usize) -> Option<Cand> {
        let w = self.w(k);
        let n = self.w(k + 1);
        if !self.is_word(k + 1) || self.is_cap(k) && k > sa {
            return None;
        }
        let to_verb = n == "to"
            && self.is_word(k + 2)
            && !self.is_cap(k + 2)
            && !lx::determiner(self.w(k + 2), Det::Phrase)
            && lx::pronoun(self.w(k + 2)).is_none();
        let mut b = k;
        while b > sa && self.skippable(b - 1) {
            b -= 1;
        }
        let it = b > sa && self.w(b - 1) == "it";
        let ok = if it {
            self.clause_start(k + 1) || n == "that"
        } else if w.starts_with("appear") {
            to_verb || lx::appear_adjective(n) || n == "that"
        } else {
            n == "to" && to_verb || n != "to" && !matches!(n, "and" | "or" | "but")
        };
        if !ok {
            return None;
        }
        let start = if it {
            if !(self.clause_start(k + 1) || n == "that") {
                return None;
            }
            k + 1
        } else {
            self.np_left(k)?.0
        };
        let end = self.clause_end(k + 1, sb);
        if end <= k + 1 {
            return None;
        }
        let content = self.bytes(start, end)?;
        let cue_from = if it { b - 1 } else { k };
        Some(Cand {
            hedge_cue: true,
            sourceless: true,
            ..Cand::reported(content, self.bytes(cue_from, k + 1), None, content)
        })
    }

    /// A verb cue: forward ("X said (that) ...") or postposed ("..., X said.").
    fn verb_claim(
        &self,
        k: usize,
        cue: &Cue,
        sa: usize,
        sb: usize,
        inside_taken: &dyn Fn(usize) -> bool,
    ) -> Option<Cand> {
        // Passive "was reported by": skip.
        if k > sa
            && matches!(
                self.w(k - 1),
                "was" | "were" | "been" | "being" | "be" | "is" | "are"
            )
            && (cue.class != CueClass::Thought
                || cue.learned.is_some() && !self.f.learned.particle(self.w(k), self.w(k + 1)))
            && !matches!(self.w(k), "expected")
        {
            return None;
        }
        // After a determiner the form is a noun ("the questions sparked by ...", "a report").
        if k > sa && lx::determiner(self.w(k - 1), Det::Noun) {
            return None;
        }
        // So after a possessive (`Editor's note:`), but not after a contracted "has" (`he's
        // said`).
        if k >= sa + 2
            && matches!(self.w(k - 1), "'s" | "’s")
            && lx::pronoun(self.w(k - 2)).is_none()
            && !matches!(self.w(k - 2), "that" | "there" | "what" | "where")
        {
            return None;
        }
        // `state(s)` is mostly the noun (`Rust Belt states that have suffered`): a verb only
        // after a pronoun or a name.
        if matches!(self.w(k), "state" | "states")
            && !(k > sa && (lx::pronoun(self.w(k - 1)).is_some() || self.is_cap(k - 1)))
        {
            return None;
        }
        // A capitalised cue only in a title-case headline ("Christie Says He Would ...").
        if self.is_cap(k) && k > sa && !(self.is_cap(k - 1) && self.is_cap(k + 1)) {
            return None;
        }
        // Postposed: "content, X said." / "content, said X."
        if k > sa {
            let mut g = k;
            // find the comma opening the group
            let lo = k.saturating_sub(10).max(sa);
            let mut comma = None;
            // The group's first token: after the comma, or after `,”` when the content ends
            // with a quotation (`was “a racist comment,” Mr. Ryan said`).
            let mut gs = 0;
            while g > lo {
                g -= 1;
                if self.w(g) == "," {
                    comma = Some(g);
                    gs = g + 1;
                    break;
                }
                if g > sa && self.w(g - 1) == "," && self.is_quote(g) && !self.opens_quote(g) {
                    comma = Some(g - 1);
                    gs = g + 1;
                    break;
                }
                if !self.is_word(g) && !matches!(self.w(g), "'s" | "’s" | "(" | ")" | "-") {
                    break;
                }
            }
            // "A, X said, B.": an attribution interposed in the sentence; the content is both
            // parts (one span over the interruption).
            let tail = |end: usize, cue_first: bool| -> Option<Option<usize>> {
                if end + 1 >= sb {
                    Some(None)
                } else if self.w(end) == "," {
                    // An appositive to the speaker ("said Wilcox, an Orlando Republican"), a
                    // relative clause or a new attribution ("Nefzi said, adding that"): the
                    // content is before the attribution.
                    if cue_first
                        || self.is_quote(end + 1)
                        || matches!(
                            self.w(end + 1),
                            "a" | "an" | "who" | "whose" | "which" | "where"
                        )
                        || self.cue(end + 1).is_some_and(|c| c.participle)
                    {
                        return Some(None);
                    }
                    if !self.is_word(end + 1) {
                        return None;
                    }
                    let e = self.clause_end(end + 1, sb);
                    (e + 1 >= sb && e > end + 1).then_some(Some(e))
                } else {
                    None
                }
            };
            if let Some(cm) = comma
                && let Some(end) = self.postposed_group(gs, sb)
                && let Some(cont) = tail(end, self.cue(gs).is_some())
                && cm > sa
            {
                let start = sa;
                if self.is_quote(start) || self.toks.get(start).is_some_and(|t| inside_taken(t.s)) {
                    return None;
                }
                let mut ce = cm;
                while ce > start && matches!(self.w(ce - 1), "," | ".") {
                    ce -= 1;
                }
                if gs > cm + 1 {
                    // Keep the closing mark of the quotation ending the content.
                    ce = gs;
                }
                let content = self.bytes(start, cont.unwrap_or(ce))?;
                let speaker = if self.cue(gs).is_some() {
                    self.np_right(gs + 1)
                } else {
                    let mut e = k;
                    while e > gs && self.skippable(e - 1) {
                        e -= 1;
                    }
                    Some((gs, e))
                };
                let channel = self.channel_at(speaker.map_or(k + 1, |s| s.1.max(k + 1)));
                let outer = self.bytes(start, cont.unwrap_or(end).max(end))?;
                return Some(Cand {
                    channel: channel.and_then(|(a, b)| self.bytes(a, b)),
                    hedge_cue: cue.hedge,
                    ..Cand::reported(content, self.bytes(k, k + 1), speaker, outer)
                });
            }
        }
        // `As The Washington Post reported, ...`: the content follows the comma.
        if self.w(k + 1) == ","
            && !cue.participle
            && let Some(sp) = self.np_left(k)
            && sp.0 > sa
            && self.w(sp.0 - 1) == "as"
            && self.clause_start(k + 2)
        {
            let end = self.clause_end(k + 2, sb);
            if end > k + 2 {
                let content = self.bytes(k + 2, end)?;
                let outer = self.bytes(sp.0 - 1, end)?;
                return Some(Cand {
                    hedge_cue: cue.hedge,
                    ..Cand::reported(content, self.bytes(k, k + 1), Some(sp), outer)
                });
            }
        }
        // Forward.
        let mut j = k + 1;
        // Phrasal cues: "called for", "pointed to", "talked about".
        let mut cue_end = k + 1;
        if lx::phrasal_particle(cue.lemma, self.w(j))
            || self.f.learned.particle(self.w(k), self.w(j))
        {
            j += 1;
            cue_end = j;
        }
        // `told The Post and Courier newspaper of Charleston on Saturday that`, `said at a
        // news conference in Ohio that`, `told POLITICO, however, that`: a `that` a few
        // words on, over an addressee or an adverbial phrase.
        if cue.class != CueClass::Thought
            && (cue.class == CueClass::Tell
                || matches!(
                    self.w(j),
                    "in" | "on" | "at" | "during" | "after" | "before" | "to" | "with" | "from"
                ))
            && self.channel_at(j).is_none()
            && let Some(t) = self.that_ahead(j, sb)
        {
            j = t;
        }
        if cue.class == CueClass::Tell && self.w(j) != "that" {
            j = self.skip_addressee(j, sb);
        }
        let j0 = j;
        if matches!(self.w(j), "on" | "in") && self.in_dates(j + 1) {
            j += 1;
        }
        while j < sb && self.in_dates(j) && self.w(j) != "that" {
            j += 1;
        }
        let channel = self.channel_at(j);
        if let Some(ch) = channel {
            j = ch.1;
            if self.w(j) == "," {
                j += 1;
            }
        }
        while j < sb && self.in_dates(j) && self.w(j) != "that" {
            j += 1;
        }
        let start = match self.content_start(k, j, cue, cue_end > k + 1) {
            Some(s) => s,
            // A date-like phrase that was the content's subject ("said each year ...").
            None if j != j0 && channel.is_none() => {
                self.content_start(k, j0, cue, cue_end > k + 1)?
            }
            None => return None,
        };
        if start >= sb {
            return None;
        }
        let mut speaker = self.np_left(k);
        if speaker.is_none() && cue.participle {
            // "..., saying that": the speaker of an earlier cue, or the sentence's subject.
            speaker = self.sentence_speaker(k).or_else(|| {
                (k > sa && self.w(k - 1) == ",")
                    .then(|| self.subject_at(sa))
                    .flatten()
            });
        }
        if speaker.is_none() {
            // "... and said that": the subject of the sentence's first verb.
            let mut b = k;
            while b > sa && lx::aux_or_adverb(self.w(b - 1)) {
                b -= 1;
            }
            if b > sa && matches!(self.w(b - 1), "and" | "but") {
                speaker = self.sentence_speaker(k).or_else(|| self.subject_at(sa));
            }
        }
        let speaker = speaker?;
        let mut end = self.clause_end(start, sb);
        // "The changes, which officials said will go into effect soon, will not apply": inside
        // a relative clause the content ends at the clause's comma.
        if speaker.0 > sa
            && matches!(self.w(speaker.0 - 1), "which" | "who" | "whom")
            && let Some(c) = (start..end).find(|&i| self.w(i) == ",")
            && c > start
        {
            end = c;
        }
        // A noun phrase object ends at the phrase's comma, dash or bracket (`backed a no-fly
        // zone in Syria, putting her at odds`), not at the clause's.
        if self.object_content(k, start, cue) {
            end = self.np_object_end(start, end);
        }
        let content = self.bytes(start, end)?;
        let from = speaker.0.min(k);
        let outer = self.bytes(from, end)?;
        let channel = channel.or_else(|| self.channel_before(speaker.0));
        Some(Cand {
            channel: channel.and_then(|(a, b)| self.bytes(a, b)),
            hedge_cue: cue.hedge,
            ..Cand::reported(content, self.bytes(k, cue_end), Some(speaker), outer)
        })
    }

    /// The content of the cue at `k`, starting at `start`, is a noun phrase object: not a
    /// `that`, infinitive or wh-clause, not a clause the cue takes bare, not after a colon.
    fn object_content(&self, k: usize, start: usize, cue: &Cue) -> bool {
        let w = self.w(start);
        start > k
            && self.is_word(start)
            && self.w(start - 1) != ":"
            && !matches!(w, "that" | "to")
            && !lx::question_word(w)
            && !(lx::takes_bare_clause(cue.lemma) && self.clause_start(start))
            && !(lx::finding_lemma(cue.lemma) && self.clause_start(start))
    }

    /// Where a noun phrase object starting at `start` ends (at most `end`): before a comma
    /// that opens the author's participle clause or figures (`, putting her at odds`, `, 57
    /// percent to 22 percent`), a bracket or a semicolon.
    fn np_object_end(&self, start: usize, end: usize) -> usize {
        for i in start + 1..end {
            let w = self.w(i);
            let n = self.w(i + 1);
            let tail = w == ","
                && (n.ends_with("ing") && n.len() > 5 && !self.is_cap(i + 1)
                    || self
                        .toks
                        .get(i + 1)
                        .is_some_and(|t| t.kind == TokenKind::Number));
            if tail || matches!(w, "(" | ";") {
                return i;
            }
        }
        end
    }

    /// Where the content of a forward cue starts when it starts at token `j`: a "that"- or
    /// wh-clause, a bare clause, a colon, an infinitive, or (for cues that take one) a noun
    /// phrase object.
    fn content_start(&self, k: usize, j: usize, cue: &Cue, phrasal: bool) -> Option<usize> {
        let w = self.w(j);
        if w == "that" {
            // PolNeAR and PARC count the complementiser as part of the content.
            return Some(j);
        }
        // Forms that are mostly nouns or not attributions ("the state", "the support for"):
        // only with "that", a colon or an infinitive.
        let weak = lx::weak_form(self.w(k)) && !self.stance_verb_use(k);
        // `maintained a lead` is not a statement: a bare clause after `maintain` opens with a
        // pronoun or a name.
        if !weak
            && lx::takes_bare_clause(cue.lemma)
            && self.clause_start(j)
            && (cue.lemma != "maintain" || lx::pronoun(w).is_some() || self.is_cap(j))
        {
            return Some(j);
        }
        // `the poll found Clinton ahead`, `records show ...`: findings of a poll, study or
        // record, with a clause or a noun phrase.
        if lx::finding_lemma(cue.lemma)
            && self.np_left(k).is_some_and(|np| self.research_np(np))
            && (self.clause_start(j) || self.object_start(j))
        {
            return Some(j);
        }
        if w == ":" {
            return (!self.is_quote(j + 1)).then_some(j + 1);
        }
        if self.is_quote(j) || (w == "," && self.is_quote(j + 1)) {
            return None;
        }
        if w == "to" {
            return ((lx::takes_infinitive(cue.lemma) || cue.learned.is_some_and(|f| f.to))
                && self.is_word(j + 1))
            .then_some(j);
        }
        if lx::question_word(w) && cue.class != CueClass::Thought && self.is_word(j + 1) {
            return Some(j);
        }
        if !weak
            && (phrasal || lx::takes_object(cue.lemma) || cue.learned.is_some_and(|f| f.object))
            && self.object_start(j)
        {
            return Some(j);
        }
        // `voters see Clinton as the stronger candidate`: a view, object and `as` phrase.
        if cue.lemma == "see" && self.object_start(j) {
            let mut i = j;
            while i < j + 10 && self.is_word(i) && !self.is_quote(i) {
                if self.w(i) == "as" && i > j {
                    return Some(j);
                }
                i += 1;
            }
        }
        None
    }

    /// Where a noun phrase starting at `start` ends (at most `end`): before an adverbial clause
    /// (`if`, `because`, `despite`), a finite verb (`his support for Trump has ...`), a comma
    /// or dash, or a date.
    fn object_end(&self, start: usize, end: usize) -> usize {
        for i in start + 1..end {
            let w = self.w(i);
            let stop = matches!(
                w,
                "," | "—"
                    | "–"
                    | "--"
                    | "("
                    | ";"
                    | "if"
                    | "despite"
                    | "during"
                    | "because"
                    | "when"
                    | "while"
                    | "although"
                    | "though"
                    | "unless"
                    | "after"
                    | "before"
                    | "since"
                    | "until"
                    | "whereas"
                    | "as"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "should"
            ) || (matches!(w, "on" | "in" | "at" | "this" | "last" | "earlier")
                && (self.in_dates(i + 1) || matches!(w, "this" | "last" | "earlier")))
                || lx::day_word(w);
            if stop {
                let mut e = i;
                while e > start && matches!(self.w(e - 1), "." | "," | ":" | "-") {
                    e -= 1;
                }
                return e.max(start + 1);
            }
        }
        end
    }

    /// A noun phrase object can start at token `j`.
    fn object_start(&self, j: usize) -> bool {
        if !self.is_word(j) {
            return false;
        }
        let w = self.w(j);
        (!lx::aux_or_adverb(w) || lx::determiner(w, Det::Phrase))
            && !matches!(
                w,
                "by" | "and"
                    | "or"
                    | "but"
                    | "as"
                    | "in"
                    | "on"
                    | "at"
                    | "from"
                    | "into"
                    | "after"
                    | "before"
                    | "during"
                    | "up"
                    | "out"
                    | "off"
                    | "down"
                    | "back"
                    | "away"
                    | "over"
                    | "than"
                    | "when"
                    | "while"
                    | "if"
                    | "because"
                    | "since"
                    | "with"
                    | "without"
                    | "to"
                    | "of"
                    | "for"
                    | "about"
                    | "is"
                    | "was"
                    | "are"
                    | "were"
                    | "be"
                    | "been"
                    | "has"
                    | "have"
                    | "had"
            )
    }

    /// A `that` within a dozen tokens of `j` with only words and commas between, and no
    /// other cue or conjunction.
    fn that_ahead(&self, j: usize, sb: usize) -> Option<usize> {
        let mut i = j;
        while i < sb && i < j + 12 {
            let w = self.w(i);
            if w == "that" {
                return (i > j && self.is_word(i + 1)).then_some(i);
            }
            if !(self.is_word(i) || matches!(w, "," | "'s" | "’s" | "." | "-"))
                || matches!(w, "or" | "but" | "which" | "who" | "because" | "if")
                || w == "and" && !(i > j && self.is_cap(i - 1) && self.is_cap(i + 1))
                || self.cue(i).is_some() && !self.is_cap(i)
            {
                return None;
            }
            i += 1;
        }
        None
    }

    fn skip_addressee(&self, j: usize, sb: usize) -> usize {
        let w = self.w(j);
        if matches!(
            w,
            "him"
                | "her"
                | "them"
                | "us"
                | "me"
                | "you"
                | "reporters"
                | "journalists"
                | "lawmakers"
                | "supporters"
                | "voters"
                | "listeners"
                | "viewers"
                | "colleagues"
                | "senators"
                | "members"
                | "officials"
        ) {
            return j + 1;
        }
        let mut e = j;
        if self.is_cap(j) {
            while e < sb
                && (self.is_cap(e) || matches!(self.w(e), "'s" | "’s" | "of" | "the"))
                && e < j + 6
            {
                e += 1;
            }
            return e;
        }
        if lx::determiner(w, Det::Phrase) {
            e += 1;
            while e < sb
                && e < j + 5
                && self.is_word(e)
                && self.w(e) != "that"
                && !lx::np_stop(self.w(e))
            {
                e += 1;
            }
            return e;
        }
        j
    }

    fn clause_start(&self, j: usize) -> bool {
        if !self.is_word(j) {
            return false;
        }
        let w = self.w(j);
        !(matches!(
            w,
            "to" | "by"
                | "in"
                | "on"
                | "at"
                | "for"
                | "of"
                | "with"
                | "about"
                | "and"
                | "or"
                | "but"
                | "is"
                | "was"
                | "are"
                | "were"
                | "has"
                | "have"
                | "had"
                | "so"
                | "as"
                | "from"
                | "into"
                | "after"
                | "before"
                | "during"
                | "over"
                | "up"
                | "out"
                | "off"
                | "down"
                | "back"
                | "again"
                | "too"
                | "goodbye"
                | "hello"
                | "thanks"
                | "sorry"
                | "nothing"
                | "something"
                | "anything"
                | "much"
                | "more"
                | "little"
                | "otherwise"
                | "repeatedly"
                | "twice"
                | "once"
                | "later"
                | "then"
                | "than"
                | "while"
                | "when"
                | "if"
                | "because"
                | "since"
                | "until"
        ) || (w.len() > 4
            && w.ends_with("ly")
            && !(lx::determiner(self.w(j + 1), Det::Phrase)
                || matches!(self.w(j + 1), "every" | "half" | "all")
                || self
                    .toks
                    .get(j + 1)
                    .is_some_and(|t| t.kind == TokenKind::Number))))
    }

    // ----- resolution -----

    fn resolve(&self, mut cands: Vec<Cand>) -> Vec<FoundQuote> {
        cands.sort_by_key(|c| (c.outer.0, c.outer.1));
        // Drop claims whose cue lies inside another claim's content, and unattributed direct
        // quotes inside a reported content.
        let n = cands.len();
        let mut keep = vec![true; n];
        for i in 0..n {
            for j in i.saturating_sub(24)..(i + 24).min(n) {
                if i == j {
                    continue;
                }
                let (Some(a), Some(b)) = (cands.get(i), cands.get(j)) else {
                    continue;
                };
                let a_cue = a.cue.map_or(a.content.0, |c| c.0);
                let inside = b
                    .content_pieces()
                    .iter()
                    .any(|&(s, e)| s <= a_cue && a_cue < e);
                if inside
                    && !a.embedded_ok
                    && !(a.kind == QuoteKind::Direct && a.cue.is_some())
                    && (a.kind == QuoteKind::Reported || a.cue.is_none())
                    && let Some(k) = keep.get_mut(i)
                {
                    *k = false;
                }
                // A quotation closing a reported content that leads into it (`he said he
                // “hand-delivered a letter”`, `by tweeting that “I am ...”`) is part of that
                // content, also when a cue before it attributes it.
                if a.kind == QuoteKind::Direct
                    && b.kind == QuoteKind::Reported
                    && !b.sourceless
                    && a.pieces.is_empty()
                    && b.content.0 < a.content.0
                    && a.content.1 <= b.content.1 + 4
                    && a.cue.is_none_or(|c| c.0 < a.content.0)
                    && self
                        .text
                        .get(b.content.0..a.content.0)
                        .is_some_and(|t| t.chars().any(char::is_alphanumeric))
                    && let Some(k) = keep.get_mut(i)
                {
                    *k = false;
                }
                // Two reported claims with the same content start: keep the first.
                if a.kind == QuoteKind::Reported
                    && b.kind == QuoteKind::Reported
                    && j < i
                    && a.content == b.content
                    && let Some(k) = keep.get_mut(i)
                {
                    *k = false;
                }
            }
        }
        let mut out: Vec<FoundQuote> = Vec::new();
        let mut history: Vec<(usize, FoundSpeaker, SpeakerKind)> = Vec::new();
        for (c, k) in cands.into_iter().zip(keep) {
            if !k {
                continue;
            }
            let speaker = c.speaker.and_then(|sp| self.speaker(sp, &history));
            if let Some(s) = &speaker {
                let kind = self.speaker_kind(s);
                history.push((s.span.start_usize(), s.clone(), kind));
            }
            let hedge = self.hedge(&c);
            let span = Span::new(
                c.outer.0.min(c.content.0) as u32,
                c.outer.1.max(c.content.1) as u32,
            );
            out.push(FoundQuote {
                span,
                kind: c.kind,
                content: Span::new(c.content.0 as u32, c.content.1 as u32),
                pieces: c
                    .content_pieces()
                    .iter()
                    .map(|&(a, b)| Span::new(a as u32, b as u32))
                    .collect(),
                cue: c.cue.map(|(a, b)| Span::new(a as u32, b as u32)),
                speaker,
                hedge,
                channel: c.channel.map(|(a, b)| Span::new(a as u32, b as u32)),
            });
            let _ = c.sourceless;
        }
        out.sort_by_key(|q| (q.span, q.content));
        out
    }

    fn hedge(&self, c: &Cand) -> Option<Span> {
        if c.hedge_cue {
            return c.cue.map(|(a, b)| Span::new(a as u32, b as u32));
        }
        let from = c.outer.0.min(c.content.0);
        let to = c.outer.1.max(c.content.1);
        let a = self.tok_at(from);
        let mut i = a;
        while let Some(t) = self.toks.get(i) {
            if t.s >= to {
                break;
            }
            if lx::hedge_word(t.low.as_str()) {
                return Some(Span::new(t.s as u32, t.e as u32));
            }
            if t.low.as_str() == "reports"
                && matches!(self.w(i + 1), "suggest" | "suggested" | "indicate" | "say")
            {
                return Some(Span::new(
                    t.s as u32,
                    self.toks.get(i + 1).map_or(t.e, |n| n.e) as u32,
                ));
            }
            i += 1;
        }
        self.inp
            .approx
            .iter()
            .find(|s| s.start_usize() >= c.content.0 && s.end_usize() <= c.content.1)
            .copied()
    }

    fn speaker_kind(&self, s: &FoundSpeaker) -> SpeakerKind {
        if let Some(id) = s.entity
            && let Some(e) = self.inp.entities.iter().find(|e| e.id == id)
        {
            return match e.kind {
                EntityKind::Person => SpeakerKind::Person,
                _ => SpeakerKind::Org,
            };
        }
        let words: Vec<String> = s.text.split_whitespace().map(str::to_lowercase).collect();
        let last = words.last().map_or("", String::as_str);
        if words.iter().any(|w| lx::org_noun(w))
            || last.ends_with('s') && !s.text.starts_with(char::is_uppercase)
        {
            SpeakerKind::Org
        } else if s.text.starts_with(char::is_uppercase)
            || matches!(
                last,
                "spokesperson"
                    | "spokesman"
                    | "spokeswoman"
                    | "doctor"
                    | "official"
                    | "minister"
                    | "president"
                    | "commander"
                    | "general"
                    | "witness"
                    | "resident"
                    | "soldier"
                    | "source"
            )
        {
            SpeakerKind::Person
        } else {
            SpeakerKind::Other
        }
    }

    /// Builds the speaker record, resolving pronouns.
    fn speaker(
        &self,
        (a, b): (usize, usize),
        history: &[(usize, FoundSpeaker, SpeakerKind)],
    ) -> Option<FoundSpeaker> {
        let (s, e) = self.bytes(a, b)?;
        let span = Span::new(s as u32, e as u32);
        let text = self.text.get(s..e)?.to_owned();
        let mention = FoundSpeaker {
            span,
            text: text.clone(),
            entity: entity_in(self.inp.entities, span).map(|x| x.id),
        };
        let kind = if b == a + 1 {
            lx::pronoun(self.w(a)).or_else(|| lx::possessive_pronoun(self.w(a)))
        } else {
            None
        };
        let Some(kind) = kind else {
            return Some(mention);
        };
        if !self.f.config.resolve_pronouns || kind == PronounKind::Deictic {
            return Some(mention);
        }
        if kind == PronounKind::Relative {
            // "Zelensky, who said ...": the phrase before the comma.
            if a >= 1
                && self.w(a - 1) == ","
                && let Some(np) = self.np_back(a - 1)
                && let Some((ns, ne)) = self.bytes(np.0, np.1)
            {
                let nspan = Span::new(ns as u32, ne as u32);
                return Some(FoundSpeaker {
                    span,
                    text: self.text.get(ns..ne).unwrap_or("").to_owned(),
                    entity: entity_in(self.inp.entities, nspan).map(|x| x.id),
                });
            }
            return Some(mention);
        }
        let want = |k: SpeakerKind| match kind {
            PronounKind::He | PronounKind::She => k == SpeakerKind::Person,
            PronounKind::It => k == SpeakerKind::Org,
            _ => true,
        };
        let from_history = history
            .iter()
            .rev()
            .filter(|(pos, sp, _)| *pos < s && lx::pronoun(&sp.text.to_lowercase()).is_none())
            .find(|(_, _, k)| want(*k))
            .map(|(_, sp, _)| sp.clone());
        if let Some(ante) = from_history {
            return Some(FoundSpeaker {
                span,
                text: ante.text,
                entity: ante.entity,
            });
        }
        if self.inp.entities.is_empty()
            && matches!(kind, PronounKind::He | PronounKind::She)
            && let Some(name) = self.name_before(a)
        {
            return Some(FoundSpeaker {
                span,
                text: name,
                entity: None,
            });
        }
        let ent_kind = match kind {
            PronounKind::He | PronounKind::She => Some(EntityKind::Person),
            PronounKind::It | PronounKind::They => Some(EntityKind::Org),
            _ => None,
        };
        if let Some(ek) = ent_kind
            && let Some(ent) = self
                .inp
                .entities
                .iter()
                .rev()
                .find(|x| x.kind == ek && x.span.end_usize() <= s)
        {
            return Some(FoundSpeaker {
                span,
                text: self.text.get(ent.span.range()).unwrap_or("").to_owned(),
                entity: Some(ent.id),
            });
        }
        Some(mention)
    }
}

impl Finder<'_> {
    /// Without entities: the nearest capitalised name before token `a` (not a sentence-initial
    /// function word), within 80 tokens.
    fn name_before(&self, a: usize) -> Option<String> {
        let lo = a.saturating_sub(80);
        let mut i = a;
        while i > lo {
            i -= 1;
            if !self.is_cap(i) || self.is_quote(i) {
                continue;
            }
            let w = self.w(i);
            if lx::np_stop(w)
                || lx::determiner(w, Det::Phrase)
                || lx::pronoun(w).is_some()
                || w.len() < 3
                || self.in_dates(i)
                || matches!(
                    w,
                    "january"
                        | "february"
                        | "march"
                        | "april"
                        | "june"
                        | "july"
                        | "august"
                        | "september"
                        | "october"
                        | "november"
                        | "december"
                )
            {
                continue;
            }
            let mut s = i;
            while s > lo
                && self.is_cap(s - 1)
                && !lx::determiner(self.w(s - 1), Det::Phrase)
                && !lx::np_stop(self.w(s - 1))
            {
                s -= 1;
            }
            let (bs, be) = self.bytes(s, i + 1)?;
            return self.text.get(bs..be).map(str::to_owned);
        }
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpeakerKind {
    Person,
    Org,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Attr {
    cue: (usize, usize),
    speaker: Option<(usize, usize)>,
    channel: Option<(usize, usize)>,
    hedge: bool,
    /// Token after the attribution.
    end: usize,
}

/// What a question is asked with: a question word, or `about` (`asked about the deal`).
fn asked_about(w: &str) -> bool {
    lx::question_word(w) || w == "about"
}
