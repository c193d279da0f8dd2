//! The tagging model: BILOU labels, the weight table, Viterbi decoding and the binary format.
//!
//! Binary format (`data/ner/model.bin`): the magic `SRNER1\n`, then a DEFLATE stream of
//! little-endian fields: feature version (u32), label count (u32), row count (u32), weight
//! scale (f32), transition weights (labels x labels f32), start and end weights (labels f32
//! each), the row keys (sorted u32, delta-coded as LEB128 varints) and each row's weights
//! (labels x i16, multiplied by the scale on load). A two-stage model is the magic `SRNER2\n`,
//! the first stage's length in bytes (u32), then the two stages' tables, each in the format
//! above.

use super::features::FEATURE_VERSION;
use std::io::{Read as _, Write as _};

/// CoNLL entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NerType {
    /// Person.
    Per,
    /// Organisation.
    Org,
    /// Location.
    Loc,
    /// Miscellaneous.
    Misc,
}

impl NerType {
    /// All types, in label order.
    pub const ALL: [NerType; 4] = [NerType::Per, NerType::Org, NerType::Loc, NerType::Misc];

    /// The CoNLL name (`PER`, `ORG`, `LOC`, `MISC`).
    pub const fn as_str(self) -> &'static str {
        match self {
            NerType::Per => "PER",
            NerType::Org => "ORG",
            NerType::Loc => "LOC",
            NerType::Misc => "MISC",
        }
    }

    /// Parses a CoNLL name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "PER" => Some(NerType::Per),
            "ORG" => Some(NerType::Org),
            "LOC" => Some(NerType::Loc),
            "MISC" => Some(NerType::Misc),
            _ => None,
        }
    }

    /// 1-based index (0 is "outside").
    pub(crate) const fn index(self) -> u8 {
        match self {
            NerType::Per => 1,
            NerType::Org => 2,
            NerType::Loc => 3,
            NerType::Misc => 4,
        }
    }
}

/// A tagged name: tokens `start..end` of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NerSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Type.
    pub kind: NerType,
}

/// Number of BILOU labels: O plus B, I, L, U of four types.
pub(crate) const L: usize = 17;

const B: u8 = 0;
const I: u8 = 1;
const LAST: u8 = 2;
const U: u8 = 3;

#[inline]
fn label(ty: NerType, pos: u8) -> u8 {
    1 + (ty.index() - 1) * 4 + pos
}

#[inline]
fn pos_of(l: u8) -> Option<(u8, u8)> {
    if l == 0 {
        None
    } else {
        Some(((l - 1) / 4 + 1, (l - 1) % 4))
    }
}

/// The type index (0 for outside) of a label.
#[inline]
pub(crate) fn type_of(l: u8) -> u8 {
    pos_of(l).map_or(0, |(t, _)| t)
}

/// BILOU labels for spans over `n` tokens (spans must not overlap).
pub(crate) fn spans_to_labels(n: usize, spans: &[NerSpan]) -> Vec<u8> {
    let mut out = vec![0u8; n];
    for s in spans {
        if s.end > n || s.start >= s.end {
            continue;
        }
        if s.end - s.start == 1 {
            out[s.start] = label(s.kind, U);
        } else {
            out[s.start] = label(s.kind, B);
            for o in &mut out[s.start + 1..s.end - 1] {
                *o = label(s.kind, I);
            }
            out[s.end - 1] = label(s.kind, LAST);
        }
    }
    out
}

/// Spans of a label sequence (ill-formed sequences are read leniently).
pub(crate) fn labels_to_spans(labels: &[u8]) -> Vec<NerSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, u8)> = None;
    let ty = |t: u8| NerType::ALL[usize::from(t - 1)];
    for (i, &l) in labels.iter().enumerate() {
        match pos_of(l) {
            None => {
                if let Some((s, t)) = open.take() {
                    out.push(NerSpan {
                        start: s,
                        end: i,
                        kind: ty(t),
                    });
                }
            }
            Some((t, p)) => {
                if let Some((s, ot)) = open
                    && (ot != t || p == B || p == U)
                {
                    out.push(NerSpan {
                        start: s,
                        end: i,
                        kind: ty(ot),
                    });
                    open = None;
                }
                if open.is_none() {
                    open = Some((i, t));
                }
                if (p == LAST || p == U)
                    && let Some((s, t)) = open.take()
                {
                    out.push(NerSpan {
                        start: s,
                        end: i + 1,
                        kind: ty(t),
                    });
                }
            }
        }
    }
    if let Some((s, t)) = open {
        out.push(NerSpan {
            start: s,
            end: labels.len(),
            kind: ty(t),
        });
    }
    out
}

/// May label `b` follow label `a`?
#[inline]
pub(crate) fn allowed(a: u8, b: u8) -> bool {
    let inside = |l: u8| matches!(pos_of(l), Some((_, p)) if p == B || p == I);
    match (pos_of(a), pos_of(b)) {
        (Some((ta, pa)), Some((tb, pb))) if pa == B || pa == I => {
            tb == ta && (pb == I || pb == LAST)
        }
        _ => !matches!(pos_of(b), Some((_, p)) if p == I || p == LAST) && !inside(a),
    }
}

#[inline]
fn allowed_start(b: u8) -> bool {
    !matches!(pos_of(b), Some((_, p)) if p == I || p == LAST)
}

#[inline]
fn allowed_end(a: u8) -> bool {
    !matches!(pos_of(a), Some((_, p)) if p == B || p == I)
}

/// Transition, start and end weights.
#[derive(Debug, Clone)]
pub(crate) struct Transitions {
    pub(crate) trans: Vec<f32>,
    pub(crate) start: [f32; L],
    pub(crate) end: [f32; L],
}

impl Default for Transitions {
    fn default() -> Self {
        Self {
            trans: vec![0.0; L * L],
            start: [0.0; L],
            end: [0.0; L],
        }
    }
}

/// Best label sequence under the BILOU constraints.
pub(crate) fn viterbi(em: &[[f32; L]], tr: &Transitions, out: &mut Vec<u8>) {
    out.clear();
    let n = em.len();
    if n == 0 {
        return;
    }
    const NEG: f32 = f32::NEG_INFINITY;
    let mut score = [NEG; L];
    for (b, s) in score.iter_mut().enumerate() {
        if allowed_start(b as u8) {
            *s = em[0][b] + tr.start[b];
        }
    }
    let mut back: Vec<[u8; L]> = vec![[0u8; L]; n];
    for (i, e) in em.iter().enumerate().skip(1) {
        let mut next = [NEG; L];
        for b in 0..L {
            let mut best = NEG;
            let mut arg = 0u8;
            for (a, &sa) in score.iter().enumerate() {
                if sa == NEG || !allowed(a as u8, b as u8) {
                    continue;
                }
                let v = sa + tr.trans[a * L + b];
                if v > best {
                    best = v;
                    arg = a as u8;
                }
            }
            if best > NEG {
                next[b] = best + e[b];
                back[i][b] = arg;
            }
        }
        score = next;
    }
    let mut best = NEG;
    let mut arg = 0u8;
    for (a, &s) in score.iter().enumerate() {
        if s > NEG && allowed_end(a as u8) {
            let v = s + tr.end[a];
            if v > best {
                best = v;
                arg = a as u8;
            }
        }
    }
    out.resize(n, 0);
    let mut cur = arg;
    for i in (0..n).rev() {
        out[i] = cur;
        cur = back[i][usize::from(cur)];
    }
}

/// Errors loading a model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The bytes are not a sitrep NER model.
    #[error("not a sitrep NER model (bad magic or empty)")]
    Magic,
    /// The model was trained with other features or labels.
    #[error(
        "model feature version {found}, this build needs {wanted}: retrain with `sitrep train ner`"
    )]
    Version {
        /// In the file.
        found: u32,
        /// Built in.
        wanted: u32,
    },
    /// The file is cut short or corrupt.
    #[error("corrupt NER model: {0}")]
    Corrupt(String),
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

const MAGIC: &[u8] = b"SRNER1\n";
/// A two-stage model: this magic, the first stage's length (u32 LE), then the two stages'
/// tables, each in the one-stage format.
const MAGIC2: &[u8] = b"SRNER2\n";

/// Joins the tables of a two-stage model.
pub(crate) fn join_stages(first: &[u8], second: &[u8]) -> Result<Vec<u8>, ModelError> {
    let n = u32::try_from(first.len()).map_err(|_| ModelError::Corrupt("too large".into()))?;
    let mut out = MAGIC2.to_vec();
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(first);
    out.extend_from_slice(second);
    Ok(out)
}

/// The first and (for a two-stage model) second stage's tables of model bytes.
pub(crate) fn split_stages(bytes: &[u8]) -> Result<(&[u8], Option<&[u8]>), ModelError> {
    let Some(rest) = bytes.strip_prefix(MAGIC2) else {
        return Ok((bytes, None));
    };
    let n = rest
        .get(..4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .ok_or_else(|| ModelError::Corrupt("truncated".into()))?;
    let body = &rest[4..];
    if n > body.len() {
        return Err(ModelError::Corrupt("truncated".into()));
    }
    Ok((&body[..n], Some(&body[n..])))
}

/// Feature weights in an open-addressing table keyed by feature hash.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    mask: usize,
    /// (key, row) pairs; key 0 marks an empty slot. Key and row side by side: one cache
    /// line per probe.
    slots: Vec<(u32, u32)>,
    weights: Vec<[f32; L]>,
    pub(crate) tr: Transitions,
}

impl Weights {
    /// Builds the table from (key, row) pairs.
    pub(crate) fn new(entries: Vec<(u32, [f32; L])>, tr: Transitions) -> Self {
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![(0u32, 0u32); cap];
        let mut weights = Vec::with_capacity(entries.len());
        for (k, w) in entries {
            let mut i = k as usize & mask;
            while slots[i].0 != 0 && slots[i].0 != k {
                i = (i + 1) & mask;
            }
            if slots[i].0 == 0 {
                slots[i] = (k, weights.len() as u32);
                weights.push(w);
            }
        }
        Weights {
            mask,
            slots,
            weights,
            tr,
        }
    }

    /// Number of feature rows.
    pub(crate) fn len(&self) -> usize {
        self.weights.len()
    }

    #[inline]
    fn row(&self, k: u32) -> Option<&[f32; L]> {
        let mut i = k as usize & self.mask;
        loop {
            let (s, r) = self.slots[i];
            if s == k {
                return self.weights.get(r as usize);
            }
            if s == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Adds the rows of `keys` into `out`.
    #[inline]
    pub(crate) fn score(&self, keys: &[u32], out: &mut [f32; L]) {
        *out = [0.0; L];
        for &k in keys {
            if let Some(r) = self.row(k) {
                for (o, w) in out.iter_mut().zip(r) {
                    *o += w;
                }
            }
        }
    }

    /// The (key, row) pairs, sorted by key.
    pub(crate) fn entries(&self) -> Vec<(u32, [f32; L])> {
        let mut entries: Vec<(u32, [f32; L])> = Vec::with_capacity(self.weights.len());
        for &(k, r) in &self.slots {
            if k != 0
                && let Some(w) = self.weights.get(r as usize)
            {
                entries.push((k, *w));
            }
        }
        entries.sort_by_key(|e| e.0);
        entries
    }

    /// Serialises with i16 weights.
    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>, ModelError> {
        let entries = self.entries();
        let max = entries
            .iter()
            .flat_map(|(_, w)| w.iter())
            .fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut raw = Vec::new();
        raw.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        raw.extend_from_slice(&(L as u32).to_le_bytes());
        raw.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        raw.extend_from_slice(&scale.to_le_bytes());
        for v in self
            .tr
            .trans
            .iter()
            .chain(&self.tr.start)
            .chain(&self.tr.end)
        {
            raw.extend_from_slice(&v.to_le_bytes());
        }
        let mut prev = 0u32;
        for (k, _) in &entries {
            let mut d = k - prev;
            prev = *k;
            loop {
                let b = (d & 0x7f) as u8;
                d >>= 7;
                if d == 0 {
                    raw.push(b);
                    break;
                }
                raw.push(b | 0x80);
            }
        }
        for (_, w) in &entries {
            for v in w.iter() {
                let q = (v / scale).round().clamp(-32767.0, 32767.0) as i16;
                raw.extend_from_slice(&q.to_le_bytes());
            }
        }
        let mut out = MAGIC.to_vec();
        let mut enc = flate2::write::DeflateEncoder::new(&mut out, flate2::Compression::best());
        enc.write_all(&raw)?;
        enc.finish()?;
        Ok(out)
    }

    /// Reads the binary format.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let body = bytes.strip_prefix(MAGIC).ok_or(ModelError::Magic)?;
        let mut raw = Vec::new();
        flate2::read::DeflateDecoder::new(body).read_to_end(&mut raw)?;
        let mut r = Reader { b: &raw, i: 0 };
        let version = r.u32()?;
        if version != FEATURE_VERSION {
            return Err(ModelError::Version {
                found: version,
                wanted: FEATURE_VERSION,
            });
        }
        if r.u32()? as usize != L {
            return Err(ModelError::Corrupt("label count".into()));
        }
        let n = r.u32()? as usize;
        let scale = r.f32()?;
        let mut tr = Transitions::default();
        for v in tr.trans.iter_mut() {
            *v = r.f32()?;
        }
        for v in tr.start.iter_mut() {
            *v = r.f32()?;
        }
        for v in tr.end.iter_mut() {
            *v = r.f32()?;
        }
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u32;
        for _ in 0..n {
            let mut d = 0u32;
            let mut shift = 0;
            loop {
                let b = r.u8()?;
                d |= u32::from(b & 0x7f) << shift;
                if b & 0x80 == 0 {
                    break;
                }
                shift += 7;
                if shift > 28 {
                    return Err(ModelError::Corrupt("varint".into()));
                }
            }
            prev = prev.wrapping_add(d);
            keys.push(prev);
        }
        let mut entries = Vec::with_capacity(n);
        for k in keys {
            let mut w = [0f32; L];
            for v in w.iter_mut() {
                *v = f32::from(r.i16()?) * scale;
            }
            entries.push((k, w));
        }
        Ok(Weights::new(entries, tr))
    }
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let s = self
            .b
            .get(self.i..self.i + N)
            .ok_or_else(|| ModelError::Corrupt("truncated".into()))?;
        self.i += N;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take::<1>()?[0])
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take()?))
    }
    fn i16(&mut self) -> Result<i16, ModelError> {
        Ok(i16::from_le_bytes(self.take()?))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.take()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_roundtrip() {
        let spans = vec![
            NerSpan {
                start: 0,
                end: 2,
                kind: NerType::Per,
            },
            NerSpan {
                start: 3,
                end: 4,
                kind: NerType::Loc,
            },
            NerSpan {
                start: 4,
                end: 7,
                kind: NerType::Org,
            },
        ];
        let labels = spans_to_labels(8, &spans);
        assert_eq!(labels_to_spans(&labels), spans);
        for w in labels.windows(2) {
            assert!(allowed(w[0], w[1]), "{w:?}");
        }
    }

    #[test]
    fn viterbi_respects_constraints() {
        // Emissions prefer I-PER at the start, which is not allowed: B-PER L-PER wins.
        let mut em = vec![[0f32; L]; 2];
        em[0][usize::from(label(NerType::Per, I))] = 5.0;
        em[0][usize::from(label(NerType::Per, B))] = 4.0;
        em[1][usize::from(label(NerType::Per, LAST))] = 3.0;
        let mut out = Vec::new();
        viterbi(&em, &Transitions::default(), &mut out);
        assert_eq!(out, vec![label(NerType::Per, B), label(NerType::Per, LAST)]);
        assert_eq!(labels_to_spans(&out).len(), 1);
    }

    #[test]
    fn two_stage_bytes_roundtrip() {
        let a = Weights::new(vec![(7, [1.0; L])], Transitions::default())
            .to_bytes()
            .unwrap();
        let b = Weights::new(vec![(9, [2.0; L]), (11, [0.5; L])], Transitions::default())
            .to_bytes()
            .unwrap();
        let joined = join_stages(&a, &b).unwrap();
        let (first, second) = split_stages(&joined).unwrap();
        assert_eq!(first, &a[..]);
        assert_eq!(second, Some(&b[..]));
        assert_eq!(Weights::from_bytes(second.unwrap()).unwrap().len(), 2);
        // A one-stage model is read as it is.
        assert_eq!(split_stages(&a).unwrap(), (&a[..], None));
        // A cut-off two-stage model is an error, not a panic.
        assert!(split_stages(&joined[..9]).is_err());
        assert!(split_stages(b"SRNER2\n\xff\xff\x00\x00ab").is_err());
    }

    #[test]
    fn binary_roundtrip() {
        let mut w = [0f32; L];
        w[3] = 1.5;
        w[0] = -0.25;
        let weights = Weights::new(vec![(7, w), (123_456, [0.5; L])], Transitions::default());
        let bytes = weights.to_bytes().unwrap();
        let back = Weights::from_bytes(&bytes).unwrap();
        assert_eq!(back.len(), 2);
        let mut out = [0f32; L];
        back.score(&[7, 99], &mut out);
        assert!((out[3] - 1.5).abs() < 1e-3);
        assert!((out[0] + 0.25).abs() < 1e-3);
        assert!(Weights::from_bytes(b"").is_err());
    }
}
