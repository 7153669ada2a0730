//! Maps keyed by names compared without regard to ASCII case (IDL 4.2 §7.2.3: "identifiers
//! that differ only in case collide"), and the sets of names of one body built on them.
//!
//! Every key is stored with the hash of its case-folded name ([`folded_hash`], computed a word
//! at a time without building the folded name), so a search compares hashes and only looks at
//! a name when its hash matches. Small maps are searched linearly; larger ones through an
//! index. (Sets of interned names use their classes instead: see `interner`.)

use std::{
    collections::{HashMap, hash_map::Entry},
    hash::Hasher,
};

pub(super) use crate::model::fxhash::FxBuild;
use crate::model::fxhash::{self, FxHasher};

/// Folds a name for case-insensitive comparison: ASCII letters to lower case (IDL identifiers
/// are ASCII; other characters compare exactly).
pub(super) fn fold(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// The hash of `name` with ASCII letters folded, computed without allocating.
pub(super) fn folded_hash(name: &str) -> u64 {
    let mut hasher = FxHasher::default();
    let mut words = name.as_bytes().chunks_exact(8);
    for word in &mut words {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        hasher.add(fold_word(u64::from_le_bytes(bytes)));
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        hasher.add(fold_word(fxhash::tail_word(rest)));
    }
    hasher.add(name.len() as u64);
    hasher.finish()
}

/// The eight bytes of `word` with ASCII upper-case letters turned to lower case, all at once.
#[inline]
fn fold_word(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // For each byte below 0x80, the top bit of `at_least_a` is set when it is `A` or more and
    // that of `above_z` when it is more than `Z` (no sum carries into the next byte).
    let low = word & !HIGH;
    let at_least_a = low + ONES * (0x80 - u64::from(b'A'));
    let above_z = low + ONES * (0x80 - u64::from(b'Z') - 1);
    let upper = at_least_a & !above_z & !word & HIGH;
    // 0x80 >> 2 is the 0x20 that separates the cases.
    word | (upper >> 2)
}

/// Up to this many entries, a [`FoldedMap`] has no index: comparing stored hashes is cheaper.
const LINEAR: usize = 16;

/// Where a key is stored: the scope and the [`folded_hash`] of the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Key {
    scope: u32,
    hash: u64,
}

/// Values keyed by (scope, name) where names compare without regard to ASCII case. The names
/// live in the values (`name_of` gives a stored value's name).
#[derive(Debug)]
pub(super) struct FoldedMap<V> {
    keys: Vec<Key>,
    values: Vec<V>,
    /// Position of the entry of each key, once there are more than [`LINEAR`].
    index: HashMap<Key, u32, FxBuild>,
    /// Positions of entries whose key was already taken by another name.
    collisions: Vec<u32>,
}

impl<V> Default for FoldedMap<V> {
    fn default() -> Self {
        FoldedMap {
            keys: Vec::new(),
            values: Vec::new(),
            index: HashMap::default(),
            collisions: Vec::new(),
        }
    }
}

impl<V> FoldedMap<V> {
    /// A map with room for `capacity` entries.
    pub(super) fn with_capacity(capacity: usize) -> Self {
        FoldedMap {
            keys: Vec::with_capacity(capacity),
            values: Vec::with_capacity(capacity),
            index: HashMap::with_capacity_and_hasher(capacity, FxBuild::default()),
            collisions: Vec::new(),
        }
    }

    /// The value stored for `name` in `scope`, and whether it is stored under that exact
    /// spelling (not just the same letters in another case); `hash` is the [`folded_hash`] of
    /// `name`.
    #[inline]
    pub(super) fn get<'s>(
        &'s self,
        scope: u32,
        name: &str,
        hash: u64,
        name_of: impl Fn(&'s V) -> &'s str,
    ) -> Option<(&'s V, bool)> {
        let (at, exact) = self.position(Key { scope, hash }, name, name_of)?;
        self.values.get(at).map(|v| (v, exact))
    }

    /// The position of the value stored under `key` for `name`, and whether it is stored
    /// under that exact spelling.
    #[inline]
    fn position<'s>(
        &'s self,
        key: Key,
        name: &str,
        name_of: impl Fn(&'s V) -> &'s str,
    ) -> Option<(usize, bool)> {
        let spelling = |at: usize| {
            let stored = name_of(self.values.get(at)?);
            if stored == name {
                Some(true)
            } else if stored.eq_ignore_ascii_case(name) {
                Some(false)
            } else {
                None
            }
        };
        if self.keys.len() <= LINEAR {
            let mut from = 0;
            while let Some(found) = self.keys.get(from..)?.iter().position(|k| *k == key) {
                let at = from + found;
                if let Some(exact) = spelling(at) {
                    return Some((at, exact));
                }
                from = at + 1;
            }
            return None;
        }
        let at = *self.index.get(&key)? as usize;
        if let Some(exact) = spelling(at) {
            return Some((at, exact));
        }
        // Another name with the same hash: rare.
        self.collisions.iter().find_map(|&i| {
            let i = i as usize;
            if self.keys.get(i) != Some(&key) {
                return None;
            }
            spelling(i).map(|exact| (i, exact))
        })
    }

    /// Stores `value` for `name` in `scope` (`hash` is the [`folded_hash`] of `name`), unless
    /// the name is taken: then returns the value stored for it.
    pub(super) fn insert_new<'s>(
        &'s mut self,
        scope: u32,
        name: &str,
        hash: u64,
        value: V,
        name_of: impl Fn(&V) -> &str,
    ) -> Option<&'s V> {
        let key = Key { scope, hash };
        if self.keys.len() <= LINEAR {
            if let Some((at, _)) = self.position(key, name, &name_of) {
                return self.values.get(at);
            }
            self.push(key, value);
            return None;
        }
        // One search of the index finds the name or the place to insert it.
        let at = self.keys.len();
        let taken = |values: &[V], i: usize| {
            values
                .get(i)
                .is_some_and(|v| name_of(v).eq_ignore_ascii_case(name))
        };
        match self.index.entry(key) {
            Entry::Vacant(slot) => {
                slot.insert(at as u32);
            }
            Entry::Occupied(slot) => {
                let first = *slot.get() as usize;
                let same_key = |i: &&u32| self.keys.get(**i as usize) == Some(&key);
                let found = std::iter::once(first)
                    .chain(self.collisions.iter().filter(same_key).map(|&i| i as usize))
                    .find(|&i| taken(&self.values, i));
                if let Some(i) = found {
                    return self.values.get(i);
                }
                // Another name with the same hash: rare.
                self.collisions.push(at as u32);
            }
        }
        self.keys.push(key);
        self.values.push(value);
        None
    }

    fn push(&mut self, key: Key, value: V) {
        let at = self.keys.len();
        self.keys.push(key);
        self.values.push(value);
        if at == LINEAR {
            // Outgrew the linear search: index every entry.
            for (i, key) in self.keys.iter().enumerate() {
                Self::index_one(&mut self.index, &mut self.collisions, *key, i as u32);
            }
        } else if at > LINEAR {
            Self::index_one(&mut self.index, &mut self.collisions, key, at as u32);
        }
    }

    fn index_one(
        index: &mut HashMap<Key, u32, FxBuild>,
        collisions: &mut Vec<u32>,
        key: Key,
        at: u32,
    ) {
        match index.entry(key) {
            Entry::Vacant(slot) => {
                slot.insert(at);
            }
            Entry::Occupied(_) => collisions.push(at),
        }
    }

    /// The values of `scope`, in insertion order.
    pub(super) fn in_scope(&self, scope: u32) -> impl Iterator<Item = &V> {
        self.keys
            .iter()
            .zip(&self.values)
            .filter(move |(k, _)| k.scope == scope)
            .map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_hashes_ignore_ascii_case_only() {
        assert_eq!(folded_hash("Account"), folded_hash("aCCOUNT"));
        assert_eq!(
            folded_hash("A_Very_Long_Identifier_Name"),
            folded_hash("a_very_long_identifier_NAME")
        );
        assert_ne!(folded_hash("Account"), folded_hash("Accounts"));
        assert_ne!(folded_hash("a@"), folded_hash("a`"));
        assert_ne!(folded_hash("Z["), folded_hash("z{"));
        assert_ne!(folded_hash("É"), folded_hash("é"));
        assert_eq!(fold("MiXeD_1"), "mixed_1");
    }

    #[test]
    fn words_fold_like_bytes() {
        for byte in 0..=255u8 {
            let word = u64::from_le_bytes([byte, b'Q', byte, 0, 0xC3, b'@', b'[', byte]);
            let folded = fold_word(word).to_le_bytes();
            let expected = word.to_le_bytes().map(|b| b.to_ascii_lowercase());
            assert_eq!(folded, expected, "byte {byte:#x}");
        }
    }
}
