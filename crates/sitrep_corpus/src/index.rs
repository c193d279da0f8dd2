//! The in-memory near-duplicate and rewrite index.
//!
//! Per document it keeps: the id (in one string arena), a 16-bit MinHash sketch (256 bytes),
//! the shingle count, the index of the document it copies (its independent origin), one LSH
//! bucket link per band (32 × 4 bytes, chained through the bucket heads), and the rewrite
//! fingerprint with its inverted-index postings. [`DedupIndex::heap_bytes`] measures it.

use crate::hash::{PreHashedBuild, hash_bytes};
use crate::minhash::{BANDS, MinHasher, NUM_HASHES, Signature, Sketch, containment};
use crate::rewrite::{MAX_ITEMS, rewrite_score};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const NONE: u32 = u32::MAX;

/// Thresholds of the near-duplicate and rewrite detectors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DedupConfig {
    /// Words per shingle.
    pub shingle_words: usize,
    /// Estimated Jaccard similarity of shingle sets at or above which two documents are
    /// near-duplicates.
    pub jaccard: f64,
    /// Near-duplicates also when the smaller shingle set is this much contained in the larger
    /// (paragraphs dropped), provided the Jaccard similarity reaches `min_jaccard_contained`.
    pub containment: f64,
    /// See `containment`.
    pub min_jaccard_contained: f64,
    /// Documents with fewer shingles are not compared (too short to tell).
    pub min_shingles: u32,
    /// LCS ratio of rewrite fingerprints at or above which a document is a rewrite.
    pub rewrite_score: f64,
    /// Fingerprint items two documents must share in order to be compared, and their
    /// fingerprints' minimum length.
    pub rewrite_min_items: usize,
    /// Fingerprint items found in more documents than this are too common to find candidates.
    pub max_posting: u32,
}

impl Default for DedupConfig {
    fn default() -> Self {
        Self {
            shingle_words: 5,
            jaccard: 0.5,
            containment: 0.85,
            min_jaccard_contained: 0.3,
            min_shingles: 8,
            rewrite_score: 0.7,
            rewrite_min_items: 6,
            max_posting: 200,
        }
    }
}

/// What the index needs of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signals {
    /// Number of distinct shingles.
    pub shingles: u32,
    /// MinHash signature.
    pub signature: Signature,
    /// Rewrite fingerprint.
    pub fingerprint: Vec<u32>,
}

/// The best earlier match of a document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// Position of the matched document in the index.
    pub index: u32,
    /// Similarity in 0..1.
    pub score: f64,
}

/// A document's matches among earlier documents.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Matches {
    /// The earliest near-copy.
    pub duplicate: Option<Match>,
    /// The earliest paraphrase source (only looked for when there is no near-copy).
    pub rewrite: Option<Match>,
}

/// Near-duplicate (MinHash LSH) and rewrite (fingerprint) index over documents in arrival order.
#[derive(Debug)]
pub struct DedupIndex {
    config: DedupConfig,
    hasher: MinHasher,
    ids: String,
    id_ends: Vec<u32>,
    by_id: HashMap<u64, u32, PreHashedBuild>,
    sketches: Vec<Sketch>,
    shingles: Vec<u32>,
    roots: Vec<u32>,
    heads: Vec<HashMap<u32, u32, PreHashedBuild>>,
    next: Vec<u32>,
    fp_items: Vec<u32>,
    fp_ends: Vec<u32>,
    postings: HashMap<u32, (u32, u32), PreHashedBuild>,
    posting_links: Vec<(u32, u32)>,
}

impl Default for DedupIndex {
    fn default() -> Self {
        Self::new(DedupConfig::default())
    }
}

impl DedupIndex {
    /// An empty index.
    pub fn new(config: DedupConfig) -> Self {
        Self {
            config,
            hasher: MinHasher::default(),
            ids: String::new(),
            id_ends: Vec::new(),
            by_id: HashMap::default(),
            sketches: Vec::new(),
            shingles: Vec::new(),
            roots: Vec::new(),
            heads: (0..BANDS).map(|_| HashMap::default()).collect(),
            next: Vec::new(),
            fp_items: Vec::new(),
            fp_ends: Vec::new(),
            postings: HashMap::default(),
            posting_links: Vec::new(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &DedupConfig {
        &self.config
    }

    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.id_ends.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.id_ends.is_empty()
    }

    /// The signals of a document: shingles outside flagged lines, signature, fingerprint.
    pub fn signals(&self, doc: &sitrep_model::Document) -> Signals {
        let shingles = crate::shingle::document_shingles(doc, self.config.shingle_words);
        self.signals_from(&shingles, crate::rewrite::fingerprint(doc))
    }

    /// Signals from precomputed shingles and a fingerprint.
    pub fn signals_from(&self, shingles: &[u64], fingerprint: Vec<u32>) -> Signals {
        Signals {
            shingles: u32::try_from(shingles.len()).unwrap_or(u32::MAX),
            signature: self.hasher.signature(shingles),
            fingerprint,
        }
    }

    /// The id of the document at `index`.
    pub fn id(&self, index: u32) -> &str {
        let i = index as usize;
        let end = self.id_ends.get(i).copied().unwrap_or(0) as usize;
        let start = if i == 0 {
            0
        } else {
            self.id_ends.get(i - 1).copied().unwrap_or(0) as usize
        };
        self.ids.get(start..end).unwrap_or("")
    }

    /// The position of a document, when indexed.
    pub fn position(&self, id: &str) -> Option<u32> {
        let i = *self.by_id.get(&hash_bytes(id.as_bytes()))?;
        (self.id(i) == id).then_some(i)
    }

    /// The independent origin of the document at `index`: the first document of its chain of
    /// copies and rewrites (itself when it copies nothing).
    pub fn root(&self, index: u32) -> u32 {
        self.roots.get(index as usize).copied().unwrap_or(index)
    }

    fn fingerprint(&self, index: u32) -> &[u32] {
        let i = index as usize;
        let end = self.fp_ends.get(i).copied().unwrap_or(0) as usize;
        let start = if i == 0 {
            0
        } else {
            self.fp_ends.get(i - 1).copied().unwrap_or(0) as usize
        };
        self.fp_items.get(start..end).unwrap_or(&[])
    }

    /// The best matches of a document among the documents at positions below `before`.
    pub fn find(&self, s: &Signals, before: u32) -> Matches {
        let mut out = Matches::default();
        let c = &self.config;
        if s.shingles >= c.min_shingles {
            let sketch = s.signature.sketch();
            let mut seen: Vec<u32> = Vec::new();
            for (band, key) in s.signature.bands().iter().enumerate() {
                let Some(heads) = self.heads.get(band) else {
                    continue;
                };
                let mut cur = heads.get(key).copied().unwrap_or(NONE);
                while cur != NONE {
                    if cur < before {
                        seen.push(cur);
                    }
                    cur = self
                        .next
                        .get(cur as usize * BANDS + band)
                        .copied()
                        .unwrap_or(NONE);
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for cand in seen {
                let (Some(other), Some(&n)) = (
                    self.sketches.get(cand as usize),
                    self.shingles.get(cand as usize),
                ) else {
                    continue;
                };
                if n < c.min_shingles {
                    continue;
                }
                let j = sketch.jaccard(other);
                let near = j >= c.jaccard
                    || (j >= c.min_jaccard_contained
                        && containment(j, s.shingles, n) >= c.containment);
                if near {
                    // Candidates are in arrival order: the first is the earliest copy.
                    out.duplicate = Some(Match {
                        index: cand,
                        score: round3(j),
                    });
                    break;
                }
            }
        }
        if out.duplicate.is_none() {
            out.rewrite = self.find_rewrite(&s.fingerprint, before);
        }
        out
    }

    fn find_rewrite(&self, fp: &[u32], before: u32) -> Option<Match> {
        let c = &self.config;
        if fp.len() < c.rewrite_min_items {
            return None;
        }
        let mut items: Vec<u32> = fp.to_vec();
        items.sort_unstable();
        items.dedup();
        let mut hits: Vec<u32> = Vec::new();
        for item in items {
            let Some(&(head, count)) = self.postings.get(&item) else {
                continue;
            };
            if count > c.max_posting {
                continue;
            }
            let mut cur = head;
            while cur != NONE {
                let Some(&(doc, next)) = self.posting_links.get(cur as usize) else {
                    break;
                };
                if doc < before {
                    hits.push(doc);
                }
                cur = next;
            }
        }
        hits.sort_unstable();
        let need = c.rewrite_min_items.min(fp.len()).div_ceil(2).max(2);
        let mut best: Option<Match> = None;
        for group in hits.chunk_by(|a, b| a == b) {
            let Some(&cand) = group.first() else { continue };
            if group.len() < need {
                continue;
            }
            let score = rewrite_score(fp, self.fingerprint(cand), c.rewrite_min_items);
            if score >= c.rewrite_score {
                // In arrival order: the first above the threshold is the earliest source.
                best = Some(Match {
                    index: cand,
                    score: round3(score),
                });
                break;
            }
        }
        best
    }

    /// Adds a document (which must not be indexed yet) whose independent origin is the
    /// document at `copy_of` (or itself); returns its position.
    pub fn insert(&mut self, id: &str, s: &Signals, copy_of: Option<u32>) -> u32 {
        self.insert_parts(id, s.shingles, &s.signature, &s.fingerprint, copy_of)
    }

    fn insert_parts(
        &mut self,
        id: &str,
        shingles: u32,
        signature: &Signature,
        fingerprint: &[u32],
        copy_of: Option<u32>,
    ) -> u32 {
        let index = u32::try_from(self.id_ends.len()).unwrap_or(NONE - 1);
        self.ids.push_str(id);
        self.id_ends
            .push(u32::try_from(self.ids.len()).unwrap_or(u32::MAX));
        self.by_id.insert(hash_bytes(id.as_bytes()), index);
        self.sketches.push(signature.sketch());
        self.shingles.push(shingles);
        let root = copy_of.map_or(index, |c| self.root(c));
        self.roots.push(root);
        for (band, key) in signature.bands().into_iter().enumerate() {
            let prev = match self.heads.get_mut(band) {
                Some(h) => h.insert(key, index).unwrap_or(NONE),
                None => NONE,
            };
            self.next.push(prev);
        }
        let fp = &fingerprint[..fingerprint.len().min(MAX_ITEMS)];
        self.fp_items.extend_from_slice(fp);
        self.fp_ends
            .push(u32::try_from(self.fp_items.len()).unwrap_or(u32::MAX));
        let mut items = fp.to_vec();
        items.sort_unstable();
        items.dedup();
        for item in items {
            let entry = self.postings.entry(item).or_insert((NONE, 0));
            entry.1 = entry.1.saturating_add(1);
            if entry.1 <= self.config.max_posting {
                let link = u32::try_from(self.posting_links.len()).unwrap_or(NONE);
                self.posting_links.push((index, entry.0));
                entry.0 = link;
            }
        }
        index
    }

    /// Encodes a document's signals and origin for the store (see [`DedupIndex::insert_encoded`]).
    pub fn encode(s: &Signals, copy_of: Option<&str>) -> Vec<u8> {
        let fp = &s.fingerprint[..s.fingerprint.len().min(MAX_ITEMS)];
        let root = copy_of.unwrap_or("");
        let mut out = Vec::with_capacity(1 + 4 + NUM_HASHES * 4 + 2 + fp.len() * 4 + root.len());
        out.push(ENCODING_VERSION);
        out.extend_from_slice(&s.shingles.to_le_bytes());
        for v in s.signature.0 {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&u16::try_from(fp.len()).unwrap_or(0).to_le_bytes());
        for v in fp {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(root.as_bytes());
        out
    }

    /// Adds a document from its stored encoding, unless it is indexed already. Returns its
    /// position, or `None` when the encoding is not one this build reads.
    pub fn insert_encoded(&mut self, id: &str, data: &[u8]) -> Option<u32> {
        if let Some(i) = self.position(id) {
            return Some(i);
        }
        let (&version, rest) = data.split_first()?;
        if version != ENCODING_VERSION {
            return None;
        }
        let (n, mut rest) = rest.split_at_checked(4)?;
        let shingles = u32::from_le_bytes(n.try_into().ok()?);
        let mut sig = [0u32; NUM_HASHES];
        for v in &mut sig {
            let (b, r) = rest.split_at_checked(4)?;
            *v = u32::from_le_bytes(b.try_into().ok()?);
            rest = r;
        }
        let (n, mut rest) = rest.split_at_checked(2)?;
        let len = usize::from(u16::from_le_bytes(n.try_into().ok()?));
        let mut fp = Vec::with_capacity(len);
        for _ in 0..len {
            let (b, r) = rest.split_at_checked(4)?;
            fp.push(u32::from_le_bytes(b.try_into().ok()?));
            rest = r;
        }
        let root = std::str::from_utf8(rest).ok()?;
        let copy_of = if root.is_empty() {
            None
        } else {
            self.position(root)
        };
        Some(self.insert_parts(id, shingles, &Signature(sig), &fp, copy_of))
    }

    /// Heap bytes held by the index (capacities, with hash-table control bytes).
    pub fn heap_bytes(&self) -> usize {
        fn table<K, V, S>(m: &HashMap<K, V, S>) -> usize {
            // hashbrown: one slot (K, V) plus one control byte per bucket; buckets are the
            // next power of two of capacity * 8 / 7.
            let buckets = (m.capacity() * 8 / 7).next_power_of_two();
            buckets * (std::mem::size_of::<(K, V)>() + 1)
        }
        self.ids.capacity()
            + self.id_ends.capacity() * 4
            + table(&self.by_id)
            + self.sketches.capacity() * std::mem::size_of::<Sketch>()
            + self.shingles.capacity() * 4
            + self.roots.capacity() * 4
            + self.heads.iter().map(table).sum::<usize>()
            + self.next.capacity() * 4
            + self.fp_items.capacity() * 4
            + self.fp_ends.capacity() * 4
            + table(&self.postings)
            + self.posting_links.capacity() * 8
    }
}

/// The first byte of an encoded entry.
const ENCODING_VERSION: u8 = 1;

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shingle::{shingles, word_hashes};

    const BASE: &str = "Ukrainian forces have captured two North Korean soldiers in the Kursk \
        region of Russia, President Volodymyr Zelensky said on Saturday, the first time living \
        soldiers from the isolated nation have been taken prisoner since Pyongyang sent troops \
        to help Moscow. Both men were wounded and have been taken to Kyiv, where they are being \
        questioned by the Security Service of Ukraine, he said in a post on X.";

    fn signals(ix: &DedupIndex, text: &str) -> Signals {
        ix.signals_from(&shingles(&word_hashes(text, &[]), 5), Vec::new())
    }

    #[test]
    fn near_copies_link_to_the_earliest() {
        let mut ix = DedupIndex::default();
        let a = signals(&ix, BASE);
        assert_eq!(ix.find(&a, 0), Matches::default());
        ix.insert("a", &a, None);
        let other = signals(
            &ix,
            "Markets rose on Monday as investors weighed new figures on \
            inflation and jobs in the largest economies, with shares in banks leading gains.",
        );
        ix.insert("other", &other, None);
        let edited = format!(
            "{} Read more on our website.",
            BASE.replace("Saturday", "Sunday")
        );
        let b = signals(&ix, &edited);
        let m = ix.find(&b, 2).duplicate.unwrap();
        assert_eq!(m.index, 0);
        assert!(m.score > 0.6 && m.score < 1.0, "{}", m.score);
        let ib = ix.insert("b", &b, Some(0));
        // A copy of the copy still points at the first one, and the origin is shared.
        let c = signals(&ix, &edited);
        let m = ix.find(&c, 3).duplicate.unwrap();
        assert_eq!(m.index, 0);
        assert_eq!(ix.root(ib), 0);
        // Only documents before the bound are considered.
        assert!(ix.find(&c, 0).duplicate.is_none());
        assert_eq!(ix.position("b"), Some(2));
        assert_eq!(ix.id(2), "b");
        assert!(
            ix.find(&other, 1).duplicate.is_none(),
            "only itself is similar"
        );
    }

    #[test]
    fn excerpts_are_duplicates_by_containment() {
        let mut ix = DedupIndex::default();
        let long = format!(
            "{BASE} {}",
            BASE.replace("Ukrainian", "Ukraine's")
                .replace("Kyiv", "the capital")
        );
        let a = signals(&ix, &long);
        ix.insert("long", &a, None);
        let b = signals(&ix, BASE);
        let m = ix.find(&b, 1).duplicate;
        assert!(m.is_some(), "an excerpt of a longer text is a near-copy");
    }

    #[test]
    fn rewrites_are_found_through_rare_items() {
        let mut ix = DedupIndex::default();
        let fp: Vec<u32> = (1..=12).collect();
        let a = ix.signals_from(&shingles(&word_hashes(BASE, &[]), 5), fp.clone());
        ix.insert("orig", &a, None);
        let mut fp2 = fp.clone();
        fp2.remove(3);
        fp2.insert(6, 99);
        let b = ix.signals_from(
            &shingles(&word_hashes("entirely other words here", &[]), 5),
            fp2,
        );
        let m = ix.find(&b, 1);
        assert!(m.duplicate.is_none());
        let r = m.rewrite.unwrap();
        assert_eq!(r.index, 0);
        assert!((r.score - 11.0 / 12.0).abs() < 1e-3, "{}", r.score);
        let mut shuffled = fp.clone();
        shuffled.reverse();
        let c = ix.signals_from(&[], shuffled);
        assert!(
            ix.find(&c, 1).rewrite.is_none(),
            "same facts in another order"
        );
    }

    #[test]
    fn encoding_roundtrips() {
        let mut ix = DedupIndex::default();
        let a = ix.signals_from(&shingles(&word_hashes(BASE, &[]), 5), vec![7, 8, 9]);
        ix.insert("a", &a, None);
        let b = a.clone();
        let data = DedupIndex::encode(&b, Some("a"));
        let mut other = DedupIndex::default();
        assert_eq!(
            other.insert_encoded("a", &DedupIndex::encode(&a, None)),
            Some(0)
        );
        assert_eq!(other.insert_encoded("b", &data), Some(1));
        assert_eq!(other.insert_encoded("b", &data), Some(1), "already indexed");
        assert_eq!(other.root(1), 0);
        assert_eq!(other.fingerprint(1), &[7, 8, 9]);
        assert_eq!(other.insert_encoded("c", &[9, 9]), None);
        assert_eq!(other.find(&a, 2).duplicate.map(|m| m.index), Some(0));
    }

    #[test]
    fn memory_per_document_is_bounded() {
        let mut ix = DedupIndex::default();
        let mut rng = crate::hash::SplitMix64::new(5);
        let n = 20_000;
        for i in 0..n {
            let sh: Vec<u64> = (0..300).map(|_| rng.next_u64()).collect();
            let fp: Vec<u32> = (0..40).map(|_| (rng.next_u64() % 50_000) as u32).collect();
            let s = ix.signals_from(&sh, fp);
            ix.insert(&format!("{i:016x}"), &s, None);
        }
        let per_doc = ix.heap_bytes() / n;
        assert!(per_doc < 2000, "{per_doc} bytes per document");
    }
}
