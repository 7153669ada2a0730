//! FxHash, the fast non-cryptographic hasher of rustc, for the front end's own maps (names and
//! ids of one unit, not keys chosen to flood a long-running service).

use std::hash::{BuildHasherDefault, Hasher};

/// The FxHash hasher.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    /// Mixes one word into the hash.
    pub(crate) fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut array = [0u8; 8];
            array.copy_from_slice(word);
            self.add(u64::from_le_bytes(array));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            // Assembled byte by byte: a copy into a zeroed array would call `memcpy`.
            self.add(
                rest.iter()
                    .rev()
                    .fold(0, |word, &b| (word << 8) | u64::from(b)),
            );
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(n.into());
    }

    fn write_u32(&mut self, n: u32) {
        self.add(n.into());
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FxHasher`]s.
pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
