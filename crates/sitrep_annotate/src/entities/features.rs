//! Feature extraction: every feature is a 32-bit hash of a template id and its values, computed
//! without allocating (the words are hashed char by char while they are lowercased).
//!
//! Templates (token `i` of a sentence, `w` the word with digits folded to `0` and typographic
//! quotes and dashes folded to ASCII, `lw` its lowercase form):
//! - bias; `w`; `lw`; word shape ("Xx", "X.X.", "d-d"); lowercase prefixes and suffixes of
//!   one to four chars;
//! - `lw` of the words at -2, -1, +1, +2 (sentence boundaries are words of their own); the
//!   bigrams `lw[-1] lw`, `lw lw[+1]`; the shape bigrams `shape[-1] shape`, `shape shape[+1]`;
//!   `lw[-1]` with the current shape;
//! - position: sentence-initial with the shape; the sentence is in capitals (a headline) with
//!   the shape;
//! - gazetteer: the token's position (B/I/L/U) in a country, city, region or demonym name and
//!   the gazetteer types of the neighbouring tokens;
//! - document: a capitalised word that appears capitalised mid-sentence elsewhere in the
//!   document, or in lower case elsewhere (sentence-initial and headline words learn from
//!   their other mentions);
//! - known forms: whether the word's lower-case and title-case forms have a word cluster
//!   (are frequent words of the unlabelled text), with the shape and with the document bits;
//! - word clusters (`clusters.rs`): prefixes of 4, 8, 12 and 16 bits of the word's cluster
//!   path, and of 4 and 8 bits of the neighbours' (words in capitals are looked up in title
//!   case first);
//! - history: the entity types the tagger gave earlier mentions of the same word in the
//!   document (Ratinov & Roth's "extended prediction history");
//! - second stage only (two-stage prediction aggregation, Ratinov & Roth 2009): the first
//!   stage's label of the token and of its neighbours at -2..+2, the first stage's types of
//!   the word's other mentions anywhere in the document (each type seen, the majority, and the
//!   majority with the token's own first-stage type).

use super::clusters::prefix;
use super::lexicon::{GAZ_TYPES, Lexicon};
use super::model::type_of;
use std::collections::{HashMap, HashSet};

/// Bumped whenever a template changes: a model trained with other features is refused.
pub(crate) const FEATURE_VERSION: u32 = 7;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

#[inline]
fn finish(h: u64) -> u32 {
    // murmur3 finaliser, folded to 32 bits; 0 is reserved for empty table slots.
    let mut x = h;
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    let k = (x ^ (x >> 32)) as u32;
    if k == 0 { 1 } else { k }
}

/// Folds typographic variants to the forms the Reuters training text uses.
#[inline]
fn fold_char(c: char) -> char {
    match c {
        '’' | '‘' | 'ʼ' | '′' => '\'',
        '“' | '”' | '„' | '«' | '»' => '"',
        '—' | '–' | '‒' | '−' => '-',
        '0'..='9' => '0',
        c => c,
    }
}

#[inline]
fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'x'
    } else {
        fold_char(c)
    }
}

const WORD_SEED: u64 = 0x77;

/// The hash of a word as written (typographic variants and digits folded): `TokInfo::w`.
pub(crate) fn word_hash(s: &str) -> u64 {
    let mut h = WORD_SEED;
    for c in s.chars() {
        h = mix(h, u64::from(fold_char(c)));
    }
    h
}

/// Hashes of a string, for lexicon lookups (lowercase, folded).
pub(crate) fn lower_hash(s: &str) -> u64 {
    let mut h = 0x5151_u64;
    for c in s.chars() {
        for l in fold_char(c).to_lowercase() {
            h = mix(h, u64::from(l));
        }
    }
    h
}

/// Case pattern of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// First letter upper, some later letter lower, or a single upper letter.
    Title,
    /// Two or more letters, all upper.
    Upper,
    /// First letter lower.
    Lower,
    /// No letters.
    None,
}

/// Per-token values computed once.
#[derive(Debug, Clone)]
pub(crate) struct TokInfo {
    pub(crate) w: u64,
    /// `w` of the word in lower case and in title case (word-cluster lookups).
    pub(crate) wl: u64,
    pub(crate) wt: u64,
    /// Word-cluster path (0: none), set by [`DocInfo::new`].
    pub(crate) cluster: u32,
    /// Known forms of the word (`Clusters::forms`), set by [`DocInfo::new`].
    pub(crate) forms: u8,
    pub(crate) lw: u64,
    pub(crate) shape: u64,
    pub(crate) prefix: [u64; 4],
    pub(crate) suffix: [u64; 4],
    pub(crate) n_affix: u8,
    pub(crate) case: Case,
    /// Gazetteer membership: bit `4 * type + pos` (pos B, I, L, U).
    pub(crate) gaz: u32,
}

impl TokInfo {
    pub(crate) fn new(word: &str) -> Self {
        let mut w = WORD_SEED;
        let mut wl = WORD_SEED;
        let mut wt = WORD_SEED;
        let mut lw = 0x11_u64;
        let mut shape = 0x33_u64;
        let mut prefix = [0u64; 4];
        let mut last = ['\0'; 4];
        let mut n = 0usize;
        let mut prev_class = '\0';
        let (mut upper, mut lower, mut letters) = (0usize, 0usize, 0usize);
        let mut first_letter_upper = None;
        for c in word.chars() {
            let f = fold_char(c);
            w = mix(w, u64::from(f));
            let l = f.to_lowercase().next().unwrap_or(f);
            lw = mix(lw, u64::from(l));
            wl = mix(wl, u64::from(l));
            let tc = if n == 0 {
                f.to_uppercase().next().unwrap_or(f)
            } else {
                l
            };
            wt = mix(wt, u64::from(tc));
            if n < 4 {
                prefix[n] = lw;
            }
            last.rotate_left(1);
            last[3] = l;
            n += 1;
            let sc = shape_class(c);
            if sc != prev_class {
                shape = mix(shape, u64::from(sc));
                prev_class = sc;
            }
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    upper += 1;
                } else {
                    lower += 1;
                }
                if first_letter_upper.is_none() {
                    first_letter_upper = Some(c.is_uppercase());
                }
            }
        }
        let mut suffix = [0u64; 4];
        let n_affix = n.min(4);
        for (k, slot) in suffix.iter_mut().enumerate().take(n_affix) {
            let mut h = 0x99_u64;
            for &c in &last[3 - k..] {
                h = mix(h, u64::from(c));
            }
            *slot = h;
        }
        let case = match first_letter_upper {
            None => Case::None,
            Some(false) => Case::Lower,
            Some(true) if letters >= 2 && upper == letters => Case::Upper,
            Some(true) => {
                let _ = lower;
                Case::Title
            }
        };
        TokInfo {
            w,
            wl,
            wt,
            cluster: 0,
            forms: 0,
            lw,
            shape,
            prefix,
            suffix,
            n_affix: n_affix as u8,
            case,
            gaz: 0,
        }
    }

    pub(crate) fn capitalised(&self) -> bool {
        matches!(self.case, Case::Title | Case::Upper)
    }
}

/// One sentence's token values.
#[derive(Debug, Clone)]
pub(crate) struct SentInfo {
    pub(crate) toks: Vec<TokInfo>,
    /// Most letters are capitals (a headline).
    pub(crate) caps: bool,
}

/// Everything the features of one document need, computed before tagging.
#[derive(Debug, Clone)]
pub(crate) struct DocInfo {
    pub(crate) sents: Vec<SentInfo>,
    /// `lw` of words seen starting with a lower-case letter.
    lower_seen: HashSet<u64>,
    /// `lw` of words seen capitalised (title case) mid-sentence outside headlines.
    title_seen: HashSet<u64>,
    /// Context aggregation: the neighbouring words of every mention of a capitalised word.
    contexts: HashMap<u64, Vec<u64>>,
    /// Two-stage tagging: the first stage's labels per sentence (empty in the first stage).
    pub(crate) stage1: Vec<Vec<u8>>,
    /// First-stage entity-type counts of each capitalised word over the whole document.
    stage1_counts: HashMap<u64, [u16; 5]>,
}

impl DocInfo {
    pub(crate) fn new<S: AsRef<str>>(sentences: &[Vec<S>], lexicon: &Lexicon) -> Self {
        let mut sents = Vec::with_capacity(sentences.len());
        let mut lower_seen = HashSet::new();
        let mut title_seen = HashSet::new();
        let mut contexts: HashMap<u64, Vec<u64>> = HashMap::new();
        for s in sentences {
            let mut toks: Vec<TokInfo> = s.iter().map(|w| TokInfo::new(w.as_ref())).collect();
            let (mut up, mut letters_tokens) = (0usize, 0usize);
            for t in &toks {
                match t.case {
                    Case::Upper => {
                        up += 1;
                        letters_tokens += 1;
                    }
                    Case::Title | Case::Lower => letters_tokens += 1,
                    Case::None => {}
                }
            }
            let caps = letters_tokens >= 2 && up * 10 >= letters_tokens * 7;

            lexicon.mark(s, &mut toks);
            let clusters = lexicon.clusters();
            for t in &mut toks {
                t.cluster = clusters.lookup(t);
                t.forms = clusters.forms(t);
            }
            for (i, t) in toks.iter().enumerate() {
                match t.case {
                    Case::Lower => {
                        lower_seen.insert(t.lw);
                    }
                    Case::Title if i > 0 && !caps => {
                        title_seen.insert(t.lw);
                    }
                    _ => {}
                }
            }
            for (i, t) in toks.iter().enumerate() {
                if !t.capitalised() {
                    continue;
                }
                let ctx = contexts.entry(t.lw).or_default();
                let prev = if i == 0 { BOS } else { toks[i - 1].lw };
                let next = toks.get(i + 1).map_or(EOS, |n| n.lw);
                for c in [mix(1, prev), mix(2, next)] {
                    if ctx.len() < 16 && !ctx.contains(&c) {
                        ctx.push(c);
                    }
                }
            }
            sents.push(SentInfo { toks, caps });
        }
        DocInfo {
            sents,
            lower_seen,
            title_seen,
            contexts,
            stage1: Vec::new(),
            stage1_counts: HashMap::new(),
        }
    }

    /// Sets the first stage's labels (one per token of every sentence).
    pub(crate) fn set_stage1(&mut self, labels: Vec<Vec<u8>>) {
        let mut counts: HashMap<u64, [u16; 5]> = HashMap::new();
        for (sent, ls) in self.sents.iter().zip(&labels) {
            for (t, &l) in sent.toks.iter().zip(ls) {
                if t.capitalised() {
                    let c = counts.entry(t.lw).or_insert([0; 5]);
                    let ty = usize::from(type_of(l));
                    c[ty] = c[ty].saturating_add(1);
                }
            }
        }
        self.stage1 = labels;
        self.stage1_counts = counts;
    }
}

// Template ids.
const T_BIAS: u64 = 1;
const T_W: u64 = 2;
const T_LW: u64 = 3;
const T_SHAPE: u64 = 4;
const T_PRE: u64 = 5;
const T_SUF: u64 = 6;
const T_LW_M2: u64 = 7;
const T_LW_M1: u64 = 8;
const T_LW_P1: u64 = 9;
const T_LW_P2: u64 = 10;
const T_BI_M1: u64 = 11;
const T_BI_P1: u64 = 12;
const T_SH_M1: u64 = 13;
const T_SH_P1: u64 = 14;
const T_INIT: u64 = 15;
const T_CAPS: u64 = 16;
const T_GAZ: u64 = 17;
const T_GAZ_M1: u64 = 18;
const T_GAZ_P1: u64 = 19;
const T_DOC: u64 = 20;
const T_HIST: u64 = 21;
const T_HIST_MAJ: u64 = 22;
const T_LWM1_SH: u64 = 23;
const T_SH_M1_P1: u64 = 24;
const T_AGG: u64 = 25;
const T_CL: u64 = 26;
const T_CL_M1: u64 = 27;
const T_CL_P1: u64 = 28;
const T_FORMS: u64 = 33;
const T_S1: u64 = 38;
const T_S1W: u64 = 39;
const T_S1DOC: u64 = 40;
const T_S1MAJ: u64 = 41;
const T_S1OWN_MAJ: u64 = 42;

/// Prefix lengths of the word-cluster features (the current word; neighbours use the first
/// two).
const CL_PREFIXES: [u32; 4] = [4, 8, 12, 16];

const NOHIST: bool = false;
const BOS: u64 = 0xB0;
const EOS: u64 = 0xE0;

#[inline]
fn key(t: u64, v: u64) -> u32 {
    finish(mix(mix(0xF00D, t), v))
}

#[inline]
fn key2(t: u64, a: u64, b: u64) -> u32 {
    finish(mix(mix(mix(0xF00D, t), a), b))
}

/// Appends the features of token `i` of sentence `s` that do not depend on earlier
/// predictions.
pub(crate) fn static_features(doc: &DocInfo, s: usize, i: usize, out: &mut Vec<u32>) {
    let sent = &doc.sents[s];
    let toks = &sent.toks;
    let t = &toks[i];
    let lw_at = |j: isize| -> u64 {
        if j < 0 {
            BOS + (-j) as u64
        } else if let Some(t) = toks.get(j as usize) {
            t.lw
        } else {
            EOS + j as u64 - toks.len() as u64
        }
    };
    let sh_at = |j: isize| -> u64 {
        if j < 0 {
            BOS
        } else if let Some(t) = toks.get(j as usize) {
            t.shape
        } else {
            EOS
        }
    };
    let ii = i as isize;
    out.push(key(T_BIAS, 0));
    out.push(key(T_W, t.w));
    out.push(key(T_LW, t.lw));
    out.push(key(T_SHAPE, t.shape));
    for k in 0..usize::from(t.n_affix) {
        out.push(key2(T_PRE, k as u64, t.prefix[k]));
        out.push(key2(T_SUF, k as u64, t.suffix[k]));
    }
    let (m2, m1, p1, p2) = (lw_at(ii - 2), lw_at(ii - 1), lw_at(ii + 1), lw_at(ii + 2));
    out.push(key(T_LW_M2, m2));
    out.push(key(T_LW_M1, m1));
    out.push(key(T_LW_P1, p1));
    out.push(key(T_LW_P2, p2));
    out.push(key2(T_BI_M1, m1, t.lw));
    out.push(key2(T_BI_P1, t.lw, p1));
    let (sm1, sp1) = (sh_at(ii - 1), sh_at(ii + 1));
    out.push(key2(T_SH_M1, sm1, t.shape));
    out.push(key2(T_SH_P1, t.shape, sp1));
    out.push(key2(T_SH_M1_P1, mix(sm1, t.shape), sp1));
    out.push(key2(T_LWM1_SH, m1, t.shape));
    if t.cluster != 0 {
        for k in CL_PREFIXES {
            out.push(key2(T_CL, u64::from(k), u64::from(prefix(t.cluster, k))));
        }
    }
    let cl_at = |j: isize| -> u32 {
        if j < 0 {
            1
        } else {
            toks.get(j as usize).map_or(1, |t| t.cluster)
        }
    };
    for (tpl, c) in [(T_CL_M1, cl_at(ii - 1)), (T_CL_P1, cl_at(ii + 1))] {
        if c != 0 {
            for k in &CL_PREFIXES[..2] {
                out.push(key2(tpl, u64::from(*k), u64::from(prefix(c, *k))));
            }
        }
    }
    if i == 0 {
        out.push(key(T_INIT, t.shape));
    }
    if sent.caps {
        out.push(key(T_CAPS, t.shape));
        out.push(key2(T_CAPS, 1, t.lw));
    }
    let mut g = t.gaz;
    while g != 0 {
        let b = g.trailing_zeros();
        out.push(key(T_GAZ, u64::from(b)));
        g &= g - 1;
    }
    let gaz_types = |x: &TokInfo| -> u32 {
        let mut m = 0u32;
        for ty in 0..GAZ_TYPES {
            if x.gaz & (0xF << (4 * ty)) != 0 {
                m |= 1 << ty;
            }
        }
        m
    };
    if i > 0 {
        let m = gaz_types(&toks[i - 1]);
        if m != 0 {
            out.push(key(T_GAZ_M1, u64::from(m)));
        }
    }
    if let Some(n) = toks.get(i + 1) {
        let m = gaz_types(n);
        if m != 0 {
            out.push(key(T_GAZ_P1, u64::from(m)));
        }
    }
    if t.capitalised() {
        let initial = i == 0 || sent.caps;
        let title = doc.title_seen.contains(&t.lw);
        let lower = doc.lower_seen.contains(&t.lw);
        let v = u64::from(initial) | u64::from(title) << 1 | u64::from(lower) << 2;
        out.push(key(T_DOC, v));
        out.push(key2(T_FORMS, u64::from(t.forms), t.shape));
        out.push(key2(T_FORMS, u64::from(t.forms) | 4, v));
        out.push(key2(T_DOC, v, t.shape));
        if let Some(ctx) = doc.contexts.get(&t.lw) {
            for &c in ctx {
                out.push(key(T_AGG, c));
            }
        }
    }
    stage1_features(doc, s, i, out);
}

/// The second stage's features of token `i` of sentence `s`: the first stage's labels around
/// it and the first stage's types of the same word elsewhere in the document (none in the
/// first stage).
pub(crate) fn stage1_features(doc: &DocInfo, s: usize, i: usize, out: &mut Vec<u32>) {
    let t = &doc.sents[s].toks[i];
    let ii = i as isize;
    if let Some(ls) = doc.stage1.get(s) {
        let at = |j: isize| -> u64 {
            if j < 0 {
                100
            } else {
                ls.get(j as usize).map_or(101, |&l| u64::from(l))
            }
        };
        let own = at(ii);
        out.push(key(T_S1, own));
        for off in [-2isize, -1, 1, 2] {
            out.push(key2(T_S1W, off as u64, at(ii + off)));
        }
        if t.capitalised()
            && let Some(c) = doc.stage1_counts.get(&t.lw)
        {
            // The other mentions: this one's own label left out.
            let own_ty = usize::from(type_of(ls.get(i).copied().unwrap_or(0)));
            let mut others = *c;
            others[own_ty] = others[own_ty].saturating_sub(1);
            let mut best = 0usize;
            for (ty, &n) in others.iter().enumerate() {
                if n > 0 {
                    out.push(key(T_S1DOC, ty as u64));
                }
                if n > others[best] {
                    best = ty;
                }
            }
            if others.iter().any(|&n| n > 0) {
                out.push(key(T_S1MAJ, best as u64));
                out.push(key2(T_S1OWN_MAJ, own_ty as u64, best as u64));
            }
        }
    }
}

/// Entity-type counts of earlier mentions of each word (index 0: outside any entity).
#[derive(Debug, Default, Clone)]
pub(crate) struct History {
    counts: HashMap<u64, [u16; 5]>,
}

impl History {
    /// Records the types the tagger gave the capitalised words of a sentence.
    pub(crate) fn record(&mut self, toks: &[TokInfo], types: &[u8]) {
        for (t, &ty) in toks.iter().zip(types) {
            if t.capitalised() {
                let c = self.counts.entry(t.lw).or_insert([0; 5]);
                c[usize::from(ty)] = c[usize::from(ty)].saturating_add(1);
            }
        }
    }

    /// Appends the history features of a token.
    pub(crate) fn features(&self, t: &TokInfo, out: &mut Vec<u32>) {
        if !t.capitalised() || NOHIST {
            return;
        }
        let Some(c) = self.counts.get(&t.lw) else {
            return;
        };
        let mut best = 0usize;
        for (ty, &n) in c.iter().enumerate() {
            if n > 0 {
                out.push(key(T_HIST, ty as u64));
            }
            if n > c[best] {
                best = ty;
            }
        }
        out.push(key(T_HIST_MAJ, best as u64));
    }
}
