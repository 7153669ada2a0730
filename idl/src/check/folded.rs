//! Maps keyed by names compared without regard to ASCII case (IDL 4.2 §7.2.3: "identifiers
//! that differ only in case collide"), and the sets of names of one body built on them.
//!
//! Every key is stored with the hash of its case-folded name ([`folded_hash`], computed a word
//! at a time without building the folded name), so a search compares hashes and only looks at
//! a name when its hash matches. Small maps are searched linearly; larger ones through an
//! index.

use std::{
    collections::{HashMap, hash_map::Entry},
    hash::Hasher,
};

use super::symbols::clash;
pub(super) use crate::model::fxhash::FxBuild;
use crate::{
    diagnostic::Diagnostic,
    model::{Name, fxhash::FxHasher},
    source::Span,
};

/// Folds a name for case-insensitive comparison: ASCII letters to lower case (IDL identifiers
/// are ASCII; other characters compare exactly).
pub(super) fn fold(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// Whether two names are equal once ASCII letters are folded. Names are nearly always spelled
/// the same way, so the exact comparison (a `memcmp`) runs first.
#[inline]
pub(super) fn same_folded(a: &str, b: &str) -> bool {
    a == b || a.eq_ignore_ascii_case(b)
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
        let mut bytes = [0u8; 8];
        for (b, r) in bytes.iter_mut().zip(rest) {
            *b = *r;
        }
        hasher.add(fold_word(u64::from_le_bytes(bytes)));
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

/// Values keyed by (scope, name) where names compare without regard to ASCII case. The names
/// live in the values (`name_of` gives a stored value's name).
#[derive(Debug)]
pub(super) struct FoldedMap<V> {
    entries: Vec<(u32, u64, V)>,
    /// Position of the entry of each (scope, hash), once there are more than [`LINEAR`].
    index: HashMap<(u32, u64), u32, FxBuild>,
    /// Positions of entries whose (scope, hash) was already taken by another name.
    collisions: Vec<u32>,
}

impl<V> Default for FoldedMap<V> {
    fn default() -> Self {
        FoldedMap {
            entries: Vec::new(),
            index: HashMap::default(),
            collisions: Vec::new(),
        }
    }
}

impl<V> FoldedMap<V> {
    /// A map with room for `capacity` entries.
    pub(super) fn with_capacity(capacity: usize) -> Self {
        FoldedMap {
            entries: Vec::with_capacity(capacity),
            index: HashMap::with_capacity_and_hasher(capacity, FxBuild::default()),
            collisions: Vec::new(),
        }
    }

    /// The value stored for `name` in `scope`; `hash` is the [`folded_hash`] of `name`.
    #[inline]
    pub(super) fn get<'s>(
        &'s self,
        scope: u32,
        name: &str,
        hash: u64,
        name_of: impl Fn(&'s V) -> &'s str,
    ) -> Option<&'s V> {
        let matches = |(s, h, v): &'s (u32, u64, V)| {
            (*s == scope && *h == hash && same_folded(name_of(v), name)).then_some(v)
        };
        if self.entries.len() <= LINEAR {
            return self.entries.iter().find_map(matches);
        }
        if let Some(found) = self
            .index
            .get(&(scope, hash))
            .and_then(|&i| self.entries.get(i as usize))
            .and_then(matches)
        {
            return Some(found);
        }
        self.collisions
            .iter()
            .find_map(|&i| self.entries.get(i as usize).and_then(matches))
    }

    /// Stores a value under (scope, hash); the caller has checked that the name is free.
    pub(super) fn insert(&mut self, scope: u32, hash: u64, value: V) {
        let at = self.entries.len();
        self.entries.push((scope, hash, value));
        if at == LINEAR {
            // Outgrew the linear search: index every entry.
            for i in 0..=at {
                if let Some(&(s, h, _)) = self.entries.get(i) {
                    Self::index_one(&mut self.index, &mut self.collisions, (s, h), i as u32);
                }
            }
        } else if at > LINEAR {
            Self::index_one(
                &mut self.index,
                &mut self.collisions,
                (scope, hash),
                at as u32,
            );
        }
    }

    fn index_one(
        index: &mut HashMap<(u32, u64), u32, FxBuild>,
        collisions: &mut Vec<u32>,
        key: (u32, u64),
        at: u32,
    ) {
        match index.entry(key) {
            Entry::Vacant(slot) => {
                slot.insert(at);
            }
            Entry::Occupied(_) => collisions.push(at),
        }
    }

    /// Whether the map is empty.
    pub(super) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The values of `scope`, in insertion order.
    pub(super) fn in_scope(&self, scope: u32) -> impl Iterator<Item = &V> {
        self.entries
            .iter()
            .filter(move |(s, _, _)| *s == scope)
            .map(|(_, _, v)| v)
    }

    /// Forgets every entry, keeping the memory for the next use.
    pub(super) fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.collisions.clear();
    }
}

/// A set of names declared in one body that are not symbols (struct members, parameters, …),
/// reporting the same clashes as the symbol table.
#[derive(Debug, Default)]
pub(super) struct NameSet {
    seen: FoldedMap<(Name, Span)>,
}

impl NameSet {
    /// Adds `name`; on a clash, returns the diagnostic to report.
    pub(super) fn insert(&mut self, name: &Name, span: Span) -> Option<Diagnostic> {
        let hash = folded_hash(name);
        if let Some((first, first_span)) = self.seen.get(0, name, hash, |(n, _)| n.as_str()) {
            return Some(clash(name, span, first, *first_span));
        }
        self.seen.insert(0, hash, (name.clone(), span));
        None
    }

    /// Forgets every name, keeping the memory for the next body.
    pub(super) fn clear(&mut self) {
        self.seen.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_sets_find_clashes_before_and_after_they_grow_an_index() {
        let names: Vec<Name> = (0..40).map(|i| Name::from(format!("name{i}"))).collect();
        let mut set = NameSet::default();
        for name in &names {
            assert!(set.insert(name, Span::default()).is_none());
        }
        let insert = |set: &mut NameSet, name: &str| set.insert(&Name::from(name), Span::default());
        let clash = insert(&mut set, "NAME3").expect("a clash");
        assert_eq!(
            clash.message,
            "`NAME3` clashes with `name3`, which differs only in case"
        );
        let clash = insert(&mut set, "name37").expect("a clash");
        assert_eq!(clash.message, "`name37` is defined more than once");
        assert!(insert(&mut set, "name40").is_none());
        set.clear();
        assert!(insert(&mut set, "name3").is_none());
    }

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
