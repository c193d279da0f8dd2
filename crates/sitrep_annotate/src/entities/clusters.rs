//! Word clusters learned from unlabelled text (Ratinov & Roth 2009 used Brown clusters; these
//! are distributional: hierarchical spherical k-means over the words' left and right contexts).
//!
//! [`build_clusters`] (run by `sitrep train ner-clusters`) counts, for every word seen at
//! least `min_count` times, its neighbours at offsets -2, -1, +1 and +2 among the most frequent
//! words, weights the counts by positive pointwise mutual information (with the context
//! distribution smoothed, exponent 0.75), normalises the vectors and splits the vocabulary in
//! two again and again (by the sign of the projection on the node's first principal direction,
//! from a fixed start, refined by 2-means on cosine similarity). A word's cluster
//! is its path in that binary tree, a bit string; the tagger's features use its prefixes, so a
//! word shares coarse features with many words and fine ones with a few.
//!
//! Only the clusters ship (`data/ner/clusters.bin`): 32-bit hashes of the words (as the
//! tagger's features hash them: typographic variants and digits folded, case kept) and their paths, delta-coded and DEFLATE-compressed. No text and no word list.

use super::features::{TokInfo, word_hash};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

const MAGIC: &[u8] = b"SRWCL1\n";

#[derive(Debug, Default, Clone, Copy)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = u64::from(i).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (i ^ (i >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// Word clusters: a bit-string path per word (with a leading 1 bit: the root is `1`).
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    paths: KeyMap<u32, u32>,
}

/// Depth of a path (number of bits after the leading 1).
#[inline]
pub(crate) fn depth(path: u32) -> u32 {
    31 - path.leading_zeros()
}

/// The first `k` bits of a path (the whole path when it is shorter).
#[inline]
pub(crate) fn prefix(path: u32, k: u32) -> u32 {
    let d = depth(path);
    if d > k { path >> (d - k) } else { path }
}

impl Clusters {
    /// The shipped clusters (`data/ner/clusters.bin`).
    pub fn embedded() -> Self {
        Self::from_bytes(include_bytes!("../../data/ner/clusters.bin")).unwrap_or_default()
    }

    /// Number of words with a cluster.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Which written forms of a token are known words: bit 0 the lower-case form, bit 1 the
    /// title-case form.
    #[inline]
    pub(crate) fn forms(&self, t: &TokInfo) -> u8 {
        u8::from(self.get(t.wl) != 0) | u8::from(self.get(t.wt) != 0) << 1
    }

    #[inline]
    fn get(&self, h: u64) -> u32 {
        self.paths.get(&(h as u32)).copied().unwrap_or(0)
    }

    /// The cluster path of a token (0: none). Words in capitals (headlines) are looked up in
    /// title case first, then as written, then in lower case; other words as written, then in
    /// lower case.
    #[inline]
    pub(crate) fn lookup(&self, t: &TokInfo) -> u32 {
        if self.paths.is_empty() {
            return 0;
        }
        let order = if t.case == super::features::Case::Upper {
            [t.wt, t.w, t.wl]
        } else {
            [t.w, t.wl, t.wt]
        };
        for h in order {
            let p = self.get(h);
            if p != 0 {
                return p;
            }
        }
        0
    }

    /// Serialises: magic, then DEFLATE of the count (u32), the sorted keys (LEB128 deltas) and
    /// the paths (LEB128).
    pub fn to_bytes(&self) -> Result<Vec<u8>, std::io::Error> {
        let mut entries: Vec<(u32, u32)> = self.paths.iter().map(|(k, v)| (*k, *v)).collect();
        entries.sort_unstable();
        let mut raw = Vec::new();
        raw.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for (k, _) in &entries {
            leb(&mut raw, k - prev);
            prev = *k;
        }
        for (_, p) in &entries {
            leb(&mut raw, *p);
        }
        let mut out = MAGIC.to_vec();
        let mut enc = flate2::write::DeflateEncoder::new(&mut out, flate2::Compression::best());
        enc.write_all(&raw)?;
        enc.finish()?;
        Ok(out)
    }

    /// Reads [`Clusters::to_bytes`] output.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, std::io::Error> {
        let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_owned());
        let body = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| bad("not a sitrep word-cluster file"))?;
        let mut raw = Vec::new();
        flate2::read::DeflateDecoder::new(body).read_to_end(&mut raw)?;
        let n = raw
            .get(..4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
            .ok_or_else(|| bad("truncated"))? as usize;
        let mut i = 4;
        let mut read = || -> Result<u32, std::io::Error> {
            let mut v = 0u32;
            let mut shift = 0;
            loop {
                let b = *raw.get(i).ok_or_else(|| bad("truncated"))?;
                i += 1;
                v |= u32::from(b & 0x7f) << shift;
                if b & 0x80 == 0 {
                    return Ok(v);
                }
                shift += 7;
                if shift > 28 {
                    return Err(bad("varint"));
                }
            }
        };
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u32;
        for _ in 0..n {
            prev = prev.wrapping_add(read()?);
            keys.push(prev);
        }
        let mut paths = KeyMap::default();
        paths.reserve(n);
        for k in keys {
            paths.insert(k, read()?);
        }
        Ok(Clusters { paths })
    }
}

fn leb(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Clustering options.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// Most frequent words used as contexts.
    pub contexts: usize,
    /// Deepest path.
    pub max_depth: u32,
    /// Nodes with fewer words are not split.
    pub min_split: usize,
    /// Power-iteration steps per split (2-means refinement: half as many).
    pub iterations: usize,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        Self {
            min_count: 3,
            contexts: 2500,
            max_depth: 16,
            min_split: 6,
            iterations: 12,
        }
    }
}

/// What clustering did.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClusterReport {
    /// Tokens read.
    pub tokens: usize,
    /// Distinct words read.
    pub types: usize,
    /// Words clustered.
    pub words: usize,
    /// Leaves of the tree.
    pub leaves: usize,
}

const OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// Clusters the words of `sentences` (tokenised text, one sentence or paragraph per entry).
pub fn build_clusters<S: AsRef<str>>(
    sentences: &[Vec<S>],
    config: &ClusterConfig,
) -> (Clusters, ClusterReport) {
    let mut report = ClusterReport::default();
    // Word ids by hash, counts.
    let mut ids: KeyMap<u64, u32> = KeyMap::default();
    let mut counts: Vec<u32> = Vec::new();
    let mut hashes: Vec<u64> = Vec::new();
    let seqs: Vec<Vec<u32>> = sentences
        .iter()
        .map(|s| {
            s.iter()
                .map(|w| {
                    let h = word_hash(w.as_ref());
                    let next = ids.len() as u32;
                    let id = *ids.entry(h).or_insert(next);
                    if id == next {
                        counts.push(0);
                        hashes.push(h);
                    }
                    counts[id as usize] += 1;
                    id
                })
                .collect()
        })
        .collect();
    report.tokens = seqs.iter().map(Vec::len).sum();
    report.types = counts.len();
    // Ranks: by count (descending), then hash: deterministic.
    let mut order: Vec<u32> = (0..counts.len() as u32).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(counts[i as usize]), hashes[i as usize]));
    let mut rank = vec![u32::MAX; counts.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    let n_vocab = order
        .iter()
        .take_while(|&&i| counts[i as usize] >= config.min_count)
        .count();
    let n_ctx = config.contexts.min(counts.len()) as u32;
    // Context feature of the word at position j relative to offset slot o: the word's rank
    // when it is a context word, else "other"; sentence edges have their own ids.
    let width = n_ctx + 2;
    let n_feat = (OFFSETS.len() as u32 * width) as usize;
    let mut co: Vec<KeyMap<u32, u32>> = vec![KeyMap::default(); n_vocab];
    for seq in &seqs {
        for (p, &id) in seq.iter().enumerate() {
            let r = rank[id as usize] as usize;
            if r >= n_vocab {
                continue;
            }
            for (o, &off) in OFFSETS.iter().enumerate() {
                let j = p as isize + off;
                let c = if j < 0 {
                    n_ctx
                } else if let Some(&cid) = seq.get(j as usize) {
                    let cr = rank[cid as usize];
                    if cr >= n_ctx {
                        continue;
                    }
                    cr
                } else {
                    n_ctx + 1
                };
                *co[r].entry(o as u32 * width + c).or_insert(0) += 1;
            }
        }
    }
    // PPMI with smoothed context distribution.
    let mut ctx_total = vec![0f64; n_feat];
    for row in &co {
        for (&f, &c) in row {
            ctx_total[f as usize] += f64::from(c);
        }
    }
    let smoothed: Vec<f64> = ctx_total.iter().map(|c| c.powf(0.75)).collect();
    let smoothed_total: f64 = smoothed.iter().sum();
    let vectors: Vec<Vec<(u32, f32)>> = co
        .iter()
        .map(|row| {
            let row_total: f64 = row.values().map(|&c| f64::from(c)).sum();
            let mut v: Vec<(u32, f32)> = row
                .iter()
                .filter_map(|(&f, &c)| {
                    let pc = smoothed[f as usize] / smoothed_total;
                    let pmi = (f64::from(c) / row_total / pc).ln();
                    (pmi > 0.0).then_some((f, pmi as f32))
                })
                .collect();
            v.sort_unstable_by_key(|e| e.0);
            let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
            if norm > 0.0 {
                for e in &mut v {
                    e.1 /= norm;
                }
            }
            v
        })
        .collect();
    let dims = n_feat;
    // Bisecting, depth first, members in rank order: each node is split by the sign of its
    // words' projections on the node's first principal direction, then refined by 2-means.
    let mut paths = vec![0u32; n_vocab];
    let mut stack: Vec<(Vec<u32>, u32)> = vec![((0..n_vocab as u32).collect(), 1)];
    let row = |m: u32| vectors[m as usize].as_slice();
    let sdot =
        |a: &[(u32, f32)], b: &[f32]| -> f32 { a.iter().map(|&(f, x)| x * b[f as usize]).sum() };
    let dot = |a: &[f32], b: &[f32]| -> f32 { a.iter().zip(b).map(|(x, y)| x * y).sum() };
    let normalise = |c: &mut [f32]| {
        let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            c.iter_mut().for_each(|x| *x /= norm);
        }
    };
    while let Some((members, path)) = stack.pop() {
        if members.len() < config.min_split || depth(path) >= config.max_depth {
            for &m in &members {
                paths[m as usize] = path;
            }
            report.leaves += 1;
            continue;
        }
        let mut mean = vec![0f32; dims];
        for &m in &members {
            for &(f, x) in row(m) {
                mean[f as usize] += x;
            }
        }
        let inv = 1.0 / members.len() as f32;
        mean.iter_mut().for_each(|x| *x *= inv);
        // Power iteration on the centred vectors, from a fixed start.
        let mut v: Vec<f32> = (0..dims)
            .map(|d| if d % 2 == 0 { 1.0 } else { 0.5 })
            .collect();
        normalise(&mut v);
        let mut w = vec![0f32; dims];
        for _ in 0..config.iterations {
            w.iter_mut().for_each(|x| *x = 0.0);
            let mv = dot(&mean, &v);
            let mut asum = 0f32;
            for &m in &members {
                let r = row(m);
                let a = sdot(r, &v) - mv;
                asum += a;
                for &(f, x) in r {
                    w[f as usize] += a * x;
                }
            }
            for (o, mu) in w.iter_mut().zip(&mean) {
                *o -= asum * mu;
            }
            normalise(&mut w);
            std::mem::swap(&mut v, &mut w);
        }
        let mv = dot(&mean, &v);
        let mut side: Vec<bool> = members.iter().map(|&m| sdot(row(m), &v) > mv).collect();
        // 2-means refinement (cosine).
        let mut cent = [vec![0f32; dims], vec![0f32; dims]];
        for _ in 0..config.iterations / 2 {
            for c in &mut cent {
                c.iter_mut().for_each(|x| *x = 0.0);
            }
            for (k, &m) in members.iter().enumerate() {
                let c = &mut cent[usize::from(side[k])];
                for &(f, x) in row(m) {
                    c[f as usize] += x;
                }
            }
            for c in &mut cent {
                normalise(c);
            }
            let mut changed = false;
            for (k, &m) in members.iter().enumerate() {
                let r = row(m);
                let right = sdot(r, &cent[1]) > sdot(r, &cent[0]);
                changed |= right != side[k];
                side[k] = right;
            }
            if !changed {
                break;
            }
        }
        let mut l = Vec::new();
        let mut r = Vec::new();
        for (k, &m) in members.iter().enumerate() {
            if side[k] { r.push(m) } else { l.push(m) }
        }
        if l.is_empty() || r.is_empty() {
            for &m in &members {
                paths[m as usize] = path;
            }
            report.leaves += 1;
            continue;
        }
        stack.push((r, path << 1 | 1));
        stack.push((l, path << 1));
    }
    let mut out = KeyMap::default();
    for (r, &i) in order.iter().take(n_vocab).enumerate() {
        out.insert(hashes[i as usize] as u32, paths[r]);
    }
    report.words = n_vocab;
    (Clusters { paths: out }, report)
}

/// Splits raw text into tokens roughly as the CoNLL-2003 (Reuters) text is tokenised:
/// whitespace, then leading and trailing punctuation, possessive "'s" and "n't".
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in text.split_whitespace() {
        let mut s = chunk;
        let mut lead = Vec::new();
        while let Some(c) = s.chars().next() {
            if "\"'([{“‘«".contains(c) && s.len() > c.len_utf8() {
                lead.push(c.to_string());
                s = &s[c.len_utf8()..];
            } else {
                break;
            }
        }
        let mut trail = Vec::new();
        while let Some(c) = s.chars().next_back() {
            if s.len() <= c.len_utf8() {
                break;
            }
            let strip = match c {
                '.' => {
                    // Keep abbreviations ("U.S.", "Corp." is split: Reuters splits it too
                    // only at the sentence end, which we cannot tell).
                    let body = &s[..s.len() - 1];
                    let initial = body.len() == 1 && body.chars().all(char::is_uppercase);
                    !(body.contains('.') || initial)
                }
                ',' | ';' | ':' | '!' | '?' | '"' | ')' | ']' | '}' | '”' | '’' | '»' | '\'' => {
                    true
                }
                _ => false,
            };
            if !strip {
                break;
            }
            trail.push(c.to_string());
            s = &s[..s.len() - c.len_utf8()];
        }
        out.extend(lead);
        let lower = s.to_lowercase();
        if (lower.ends_with("'s") || lower.ends_with("’s")) && s.chars().count() > 2 {
            let cut = s.len()
                - if s.ends_with("’s") || s.ends_with("’S") {
                    4
                } else {
                    2
                };
            out.push(s[..cut].to_owned());
            out.push(s[cut..].to_owned());
        } else if lower.ends_with("n't") && s.len() > 3 {
            out.push(s[..s.len() - 3].to_owned());
            out.push(s[s.len() - 3..].to_owned());
        } else if !s.is_empty() {
            out.push(s.to_owned());
        }
        out.extend(trail.into_iter().rev());
    }
    out
}

/// Reads unlabelled text: CoNLL column files (token column only; labels are ignored), JSON
/// Lines with `title` and `text` fields, and plain-text files; directories recursively, in
/// name order. Each line (or paragraph) becomes one token sequence.
pub fn read_unlabelled(paths: &[PathBuf]) -> Result<Vec<Vec<String>>, std::io::Error> {
    let mut files = Vec::new();
    for p in paths {
        collect_files(p, &mut files)?;
    }
    let mut out = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f)?;
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| e.into_bytes().iter().map(|&b| char::from(b)).collect());
        let name = f.to_string_lossy();
        if text.starts_with("-DOCSTART-") {
            let mut sent = Vec::new();
            for line in text.lines() {
                let tok = line.split_whitespace().next();
                match tok {
                    None => {
                        if !sent.is_empty() {
                            out.push(std::mem::take(&mut sent));
                        }
                    }
                    Some("-DOCSTART-") => {}
                    Some(t) => sent.push(t.to_owned()),
                }
            }
            if !sent.is_empty() {
                out.push(sent);
            }
        } else if name.ends_with(".jsonl") {
            for line in text.lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                for field in ["title", "text"] {
                    if let Some(t) = v.get(field).and_then(|t| t.as_str()) {
                        out.extend(t.lines().map(tokenize).filter(|s| !s.is_empty()));
                    }
                }
            }
        } else {
            out.extend(text.lines().map(tokenize).filter(|s| !s.is_empty()));
        }
    }
    Ok(out)
}

fn collect_files(p: &Path, out: &mut Vec<PathBuf>) -> Result<(), std::io::Error> {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for e in entries {
            let name = e
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if e.is_dir() {
                collect_files(&e, out)?;
            } else if (name.ends_with(".txt") || name.ends_with(".jsonl"))
                && !name.starts_with("README")
                && !name.starts_with("UPSTREAM")
            {
                out.push(e);
            }
        }
    } else {
        out.push(p.to_path_buf());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenises_like_reuters() {
        assert_eq!(
            tokenize("\"The U.S. didn't say,\" Kyiv's envoy (X) said."),
            vec![
                "\"", "The", "U.S.", "did", "n't", "say", ",", "\"", "Kyiv", "'s", "envoy", "(",
                "X", ")", "said", "."
            ]
        );
    }

    #[test]
    fn clusters_similar_words_and_roundtrips() {
        let mut sents = Vec::new();
        for (a, b) in [
            ("Paris", "France"),
            ("Berlin", "Germany"),
            ("Rome", "Italy"),
        ] {
            for _ in 0..5 {
                sents.push(vec!["he", "flew", "to", a, "in", b, "today", "."]);
                sents.push(vec!["the", "dog", "ate", "my", "homework", "today", "."]);
            }
        }
        let config = ClusterConfig {
            min_count: 2,
            min_split: 2,
            ..ClusterConfig::default()
        };
        let (c, report) = build_clusters(&sents, &config);
        assert!(report.words > 5);
        let bytes = c.to_bytes().unwrap();
        let back = Clusters::from_bytes(&bytes).unwrap();
        assert_eq!(back.len(), c.len());
        assert_eq!(bytes, back.to_bytes().unwrap());
        let p = |w: &str| back.lookup(&TokInfo::new(w));
        assert_ne!(p("Paris"), 0);
        assert_eq!(prefix(p("Paris"), 1), prefix(p("Berlin"), 1));
        assert_eq!(p("PARIS"), p("Paris"));
        assert_eq!(p("unknownword"), 0);
    }
}

#[cfg(test)]
mod debug {
    use super::*;

    #[test]
    #[ignore]
    fn show_clusters() {
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        let from: Vec<PathBuf> = [
            "conll2003/train.txt",
            "conll2003/dev.txt",
            "war-news",
            "bbc-news",
        ]
        .iter()
        .map(|p| base.join(p))
        .collect();
        let sents = read_unlabelled(&from).unwrap();
        let (c, _) = build_clusters(&sents, &ClusterConfig::default());
        let mut by: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
        let mut seen = std::collections::HashSet::new();
        for s in &sents {
            for w in s {
                if seen.insert(w.clone()) {
                    let p = c.lookup(&TokInfo::new(w));
                    if p != 0 {
                        by.entry(p).or_default().push(w.clone());
                    }
                }
            }
        }
        for w in [
            "Paris", "Clinton", "Yeltsin", "Monday", "Reuters", "Inc", "United", "said", "Germany",
            "PSV", "Ajax", "Ukraine", "Zelensky",
        ] {
            let p = c.lookup(&TokInfo::new(w));
            let d = depth(p);
            let mut same4 = Vec::new();
            for (q, ws) in &by {
                if depth(*q) >= 8 && prefix(*q, 8) == prefix(p, 8) {
                    same4.extend(ws.iter().take(3).cloned());
                }
            }
            std::eprintln!(
                "{w}: {p:b} depth {d} leaf {:?}\n   p8: {} words {:?}",
                by.get(&p).map(|v| &v[..v.len().min(15)]),
                same4.len(),
                &same4[..same4.len().min(30)]
            );
        }
        let _ = &c;
        let mut hist = [0usize; 20];
        for (q, ws) in &by {
            hist[depth(*q) as usize] += ws.len();
        }
        std::eprintln!("{hist:?}");
    }

    #[test]
    #[ignore]
    fn train_dev() {
        use crate::entities::conll::read_conll;
        use crate::entities::lexicon::Lexicon;
        use crate::entities::train::{TrainConfig, train};
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        let from: Vec<PathBuf> = [
            "conll2003/train.txt",
            "conll2003/dev.txt",
            "war-news",
            "bbc-news",
        ]
        .iter()
        .map(|p| base.join(p))
        .collect();
        let from: Vec<PathBuf> = if std::env::var("WITH_DEV").is_err() {
            from.into_iter()
                .filter(|p| !p.ends_with("dev.txt"))
                .collect()
        } else {
            from
        };
        let sents = read_unlabelled(&from).unwrap();
        let env = |k: &str, d: usize| {
            std::env::var(k)
                .ok()
                .and_then(|e| e.parse().ok())
                .unwrap_or(d)
        };
        let cc = ClusterConfig {
            min_count: env("CL_MIN", 3) as u32,
            contexts: env("CL_CTX", 2500),
            min_split: env("CL_SPLIT", 6),
            ..ClusterConfig::default()
        };
        let (c, _) = build_clusters(&sents, &cc);
        let c = if std::env::var("NO_CLUSTERS").is_ok() {
            Clusters::default()
        } else {
            c
        };
        let lex = Lexicon::from_tsv(include_str!("../../data/ner/lexicon.tsv")).with_clusters(c);
        let rd = |p: &str| read_conll(&std::fs::read_to_string(base.join(p)).unwrap()).unwrap();
        let (tr, dev) = (rd("conll2003/train.txt"), rd("conll2003/dev.txt"));
        let epochs = std::env::var("EPOCHS")
            .ok()
            .and_then(|e| e.parse().ok())
            .unwrap_or(15);
        let config = TrainConfig {
            epochs,
            min_count: env("MIN", 2) as u32,
            ..TrainConfig::default()
        };
        let t = train(&tr, &dev, &lex, &config, &mut |r| {
            std::eprintln!("epoch {:>2}: dev F1 {:.4}", r.epoch, r.dev.f1());
        })
        .unwrap();
        std::eprintln!(
            "best epoch {} dev {:.4} rows {} bytes {}",
            t.best_epoch,
            t.dev_f1,
            t.rows,
            t.bytes.len()
        );
        if let Ok(out) = std::env::var("MODEL_OUT") {
            std::fs::write(out, &t.bytes).unwrap();
        }
    }
}
