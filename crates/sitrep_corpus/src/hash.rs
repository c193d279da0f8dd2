//! Small, fast, deterministic hashing (no dependencies, stable across runs and platforms).

use std::hash::{BuildHasherDefault, Hasher};

/// The splitmix64 finaliser: a bijective 64-bit mixer.
pub(crate) const fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over bytes, then mixed.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    mix64(h)
}

/// A hash of a string with a one-byte tag, folded to 32 bits (fingerprint items).
pub(crate) fn item_hash(tag: u8, text: &str) -> u32 {
    let mut h = (FNV_OFFSET ^ u64::from(tag)).wrapping_mul(FNV_PRIME);
    for &b in text.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    fold32(mix64(h))
}

/// The high and low halves xor-ed together.
#[allow(clippy::cast_possible_truncation)]
pub(crate) const fn fold32(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

/// A hasher for keys that are already hashes: one multiply spreads them over all 64 bits
/// (the hash table uses the top bits as tags).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// `BuildHasher` for [`PreHashed`].
pub(crate) type PreHashedBuild = BuildHasherDefault<PreHashed>;

/// A tiny deterministic PRNG (splitmix64), for seeded hash parameters.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub const fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix64(self.0)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // Multiply-high: unbiased enough for test data and free of modulo bias hot spots.
        let r = u128::from(self.next_u64()) * (n as u128);
        usize::try_from(r >> 64).unwrap_or(0)
    }

    /// A float in `0..1`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable() {
        assert_eq!(hash_bytes(b"kursk"), hash_bytes(b"kursk"));
        assert_ne!(hash_bytes(b"kursk"), hash_bytes(b"kyiv"));
        assert_ne!(item_hash(b'E', "kursk"), item_hash(b'D', "kursk"));
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        assert_eq!(a.next_u64(), b.next_u64());
        assert!((0..1000).all(|_| a.below(10) < 10));
    }
}
