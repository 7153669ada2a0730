//! Containers the checker fills and empties once per body (the member names of a struct, the
//! labels of a union, the ids taken in a type, …), kept between bodies so that checking one
//! allocates nothing once earlier bodies have sized them.
//!
//! A container is taken from its [`Pool`] and given back when done; bodies nest (a struct
//! defined inside a struct member), so a pool holds several.

use std::collections::HashMap;

use super::{
    folded::FxBuild, interfaces::Inherited, interner::NameSet, member_ids::TakenIds,
    unions::LabelKey,
};
use crate::{
    model::{DeclId, Name},
    source::Span,
};

/// The most containers of one kind a pool keeps (deeper nesting allocates).
const KEPT: usize = 8;

/// A container that can be emptied for reuse, keeping its memory.
pub(super) trait Reuse: Default {
    /// Empties it.
    fn reset(&mut self);
}

impl<K, V, S: Default> Reuse for HashMap<K, V, S> {
    fn reset(&mut self) {
        // Clearing rewrites the whole table, even an empty one.
        if !self.is_empty() {
            self.clear();
        }
    }
}

impl Reuse for NameSet {
    fn reset(&mut self) {
        self.clear();
    }
}

impl<T> Reuse for Vec<T> {
    fn reset(&mut self) {
        self.clear();
    }
}

/// Emptied containers of one kind, ready for reuse.
#[derive(Debug)]
pub(super) struct Pool<T> {
    free: Vec<T>,
}

impl<T> Default for Pool<T> {
    fn default() -> Self {
        Pool { free: Vec::new() }
    }
}

impl<T: Reuse> Pool<T> {
    /// An empty container.
    pub(super) fn take(&mut self) -> T {
        self.free.pop().unwrap_or_default()
    }

    /// Gives a container back, to be emptied and reused.
    pub(super) fn give(&mut self, mut item: T) {
        if self.free.len() < KEPT {
            item.reset();
            self.free.push(item);
        }
    }
}

/// The checker's pools.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// Names of one body: members, parameters, operations and attributes, enumerators.
    pub(super) names: Pool<NameSet>,
    /// Declarations listed once each (bases, `raises`), with where they were first listed.
    pub(super) listed: Pool<HashMap<DeclId, Span, FxBuild>>,
    /// Union case labels seen, with where.
    pub(super) labels: Pool<HashMap<LabelKey, Span, FxBuild>>,
    /// Member ids taken in one type.
    pub(super) ids: Pool<TakenIds>,
    /// Enumerator values or bitmask positions taken, with the index and place of the first.
    pub(super) values: Pool<HashMap<i64, (usize, Span), FxBuild>>,
    /// Operations and attributes an interface inherits.
    pub(super) inherited: Pool<Inherited>,
    /// Classes of names (see `interner`).
    pub(super) classes: Pool<Vec<u32>>,
    /// Names interned with their classes.
    pub(super) interned: Pool<Vec<(Name, u32)>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pools_hand_back_emptied_containers() {
        let mut pool: Pool<HashMap<DeclId, Span, FxBuild>> = Pool::default();
        let mut map = pool.take();
        map.insert(DeclId(1), Span::default());
        let capacity = map.capacity();
        pool.give(map);
        let map = pool.take();
        assert!(map.is_empty());
        assert_eq!(map.capacity(), capacity);
        assert!(pool.take().is_empty());
    }
}
