//! MinHash signatures and LSH banding.
//!
//! Each of [`NUM_HASHES`] hash functions `h_i(x) = (a_i * x + b_i) >> 32` (multiply-shift over
//! the 64-bit shingle hash, `a_i` odd) keeps its minimum over a document's shingles; the
//! fraction of equal minima between two signatures estimates the Jaccard similarity of the
//! shingle sets. Banding: the signature is cut into [`BANDS`] bands of [`ROWS`] rows; two
//! documents become candidates when any band is equal, which happens with probability
//! `1 - (1 - J^ROWS)^BANDS` (J = 0.5: 0.87, 0.6: 0.99, 0.3: 0.23).

use crate::hash::{SplitMix64, fold32, mix64};

/// Hash functions per signature.
pub const NUM_HASHES: usize = 128;
/// LSH bands.
pub const BANDS: usize = 32;
/// Rows (hash values) per band.
pub const ROWS: usize = NUM_HASHES / BANDS;

/// A MinHash signature: the minimum of each hash function over the shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; NUM_HASHES]);

/// The compact in-memory form of a signature: the low 16 bits of each minimum. Two unrelated
/// minima agree by chance with probability 2^-16, which [`Sketch::jaccard`] corrects for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sketch(pub [u16; NUM_HASHES]);

/// The seeded family of hash functions.
#[derive(Debug, Clone)]
pub struct MinHasher {
    a: [u64; NUM_HASHES],
    b: [u64; NUM_HASHES],
}

impl Default for MinHasher {
    fn default() -> Self {
        Self::new(0x5175_7265_7020_3031)
    }
}

impl MinHasher {
    /// The hash family for a seed (the same seed always gives the same signatures).
    pub fn new(seed: u64) -> Self {
        let mut rng = SplitMix64::new(seed);
        let mut a = [0u64; NUM_HASHES];
        let mut b = [0u64; NUM_HASHES];
        for (ai, bi) in a.iter_mut().zip(b.iter_mut()) {
            *ai = rng.next_u64() | 1;
            *bi = rng.next_u64();
        }
        Self { a, b }
    }

    /// The signature of a set of shingle hashes (all `u32::MAX` for an empty set).
    pub fn signature(&self, shingles: &[u64]) -> Signature {
        let mut mins = [u64::MAX; NUM_HASHES];
        for &s in shingles {
            for ((m, a), b) in mins.iter_mut().zip(&self.a).zip(&self.b) {
                // The high 32 bits of a*x+b; kept as u64 so the loop vectorises.
                let h = a.wrapping_mul(s).wrapping_add(*b) >> 32;
                *m = (*m).min(h);
            }
        }
        let mut out = [u32::MAX; NUM_HASHES];
        for (o, m) in out.iter_mut().zip(mins) {
            *o = u32::try_from(m).unwrap_or(u32::MAX);
        }
        Signature(out)
    }
}

impl Signature {
    /// The band keys: one 32-bit hash of each band's rows, salted with the band number.
    pub fn bands(&self) -> [u32; BANDS] {
        let mut out = [0u32; BANDS];
        for (i, (o, rows)) in out.iter_mut().zip(self.0.chunks_exact(ROWS)).enumerate() {
            let mut h = mix64(i as u64 + 1);
            for &r in rows {
                h = mix64(h ^ u64::from(r));
            }
            *o = fold32(h);
        }
        out
    }

    /// The compact form kept in memory.
    pub fn sketch(&self) -> Sketch {
        let mut out = [0u16; NUM_HASHES];
        for (o, v) in out.iter_mut().zip(self.0) {
            *o = (v & 0xffff) as u16;
        }
        Sketch(out)
    }

    /// Estimated Jaccard similarity from full signatures.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / NUM_HASHES as f64
    }
}

impl Sketch {
    /// Estimated Jaccard similarity, corrected for chance agreement of 16-bit values.
    pub fn jaccard(&self, other: &Sketch) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        let m = same as f64 / NUM_HASHES as f64;
        let chance = 1.0 / 65_536.0;
        ((m - chance) / (1.0 - chance)).clamp(0.0, 1.0)
    }
}

/// The Jaccard similarity and containment of the smaller set in the larger, from an estimated
/// Jaccard similarity and the two set sizes: |A∩B| = J(|A|+|B|)/(1+J).
pub fn containment(jaccard: f64, a: u32, b: u32) -> f64 {
    let small = f64::from(a.min(b));
    if small == 0.0 {
        return 0.0;
    }
    let inter = jaccard * (f64::from(a) + f64::from(b)) / (1.0 + jaccard);
    (inter / small).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::SplitMix64;

    fn set(rng: &mut SplitMix64, n: usize) -> Vec<u64> {
        (0..n).map(|_| rng.next_u64()).collect()
    }

    #[test]
    fn estimates_track_true_jaccard() {
        let h = MinHasher::default();
        let mut rng = SplitMix64::new(1);
        for (shared, only) in [
            (400usize, 0usize),
            (300, 50),
            (200, 100),
            (100, 150),
            (0, 200),
        ] {
            let common = set(&mut rng, shared);
            let mut a = common.clone();
            a.extend(set(&mut rng, only));
            let mut b = common;
            b.extend(set(&mut rng, only));
            let truth = shared as f64 / (shared + 2 * only) as f64;
            let (sa, sb) = (h.signature(&a), h.signature(&b));
            let est = sa.jaccard(&sb);
            assert!(
                (est - truth).abs() < 0.12,
                "J={truth:.2}: estimated {est:.2}"
            );
            let sk = sa.sketch().jaccard(&sb.sketch());
            assert!((sk - est).abs() < 0.03, "sketch {sk:.3} vs {est:.3}");
        }
    }

    #[test]
    fn identical_sets_share_every_band_and_order_does_not_matter() {
        let h = MinHasher::default();
        let mut rng = SplitMix64::new(2);
        let a = set(&mut rng, 300);
        let mut b = a.clone();
        b.reverse();
        let (sa, sb) = (h.signature(&a), h.signature(&b));
        assert_eq!(sa, sb);
        assert_eq!(sa.bands(), sb.bands());
        let c = set(&mut rng, 300);
        let sc = h.signature(&c);
        let shared = sa
            .bands()
            .iter()
            .zip(sc.bands())
            .filter(|(x, y)| **x == *y)
            .count();
        assert_eq!(shared, 0, "unrelated sets share no band");
    }

    #[test]
    fn banding_catches_similar_pairs() {
        // J = 0.6 pairs become candidates with probability 0.99; check 50 of them.
        let h = MinHasher::default();
        let mut rng = SplitMix64::new(3);
        let mut caught = 0;
        for _ in 0..50 {
            let common = set(&mut rng, 300);
            let mut a = common.clone();
            a.extend(set(&mut rng, 50));
            let mut b = common;
            b.extend(set(&mut rng, 50));
            let (ba, bb) = (h.signature(&a).bands(), h.signature(&b).bands());
            if ba.iter().zip(bb).any(|(x, y)| *x == y) {
                caught += 1;
            }
        }
        assert!(caught >= 47, "{caught}/50");
    }

    #[test]
    fn containment_from_jaccard() {
        // A (100) inside B (200): J = 0.5, containment 1.
        assert!((containment(0.5, 100, 200) - 1.0).abs() < 1e-9);
        assert!((containment(0.0, 100, 200)).abs() < 1e-9);
        assert_eq!(containment(0.5, 0, 10), 0.0);
    }
}
