//! Keys of activated objects: a NUL byte (names never start with one), then 16 bytes that no
//! peer can guess, so holding a reference is what lets a peer call an object.
//!
//! The bytes are two SipHash-1-3 values of the object's serial number under keys drawn from
//! the operating system's randomness (`RandomState`), which is unpredictable without the keys
//! and unique per serial number with overwhelming probability.

use std::{
    collections::hash_map::RandomState,
    hash::{BuildHasher, Hasher},
};

use bytes::Bytes;

/// The secret of one orb.
pub(super) struct Keys {
    first: RandomState,
    second: RandomState,
}

impl Keys {
    pub(super) fn new() -> Self {
        Keys {
            first: RandomState::new(),
            second: RandomState::new(),
        }
    }

    /// The key of the object with serial number `number`.
    pub(super) fn key(&self, number: u64) -> Bytes {
        let mut key = Vec::with_capacity(17);
        key.push(0);
        for state in [&self.first, &self.second] {
            let mut hasher = state.build_hasher();
            hasher.write_u64(number);
            key.extend_from_slice(&hasher.finish().to_be_bytes());
        }
        Bytes::from(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_distinct_and_differ_between_orbs() {
        let (a, b) = (Keys::new(), Keys::new());
        let mut seen = std::collections::HashSet::new();
        for n in 0..10_000 {
            let key = a.key(n);
            assert_eq!(key.len(), 17);
            assert_eq!(key[0], 0);
            assert!(seen.insert(key));
        }
        assert_ne!(a.key(1), b.key(1));
        assert_eq!(a.key(1), a.key(1));
    }
}
