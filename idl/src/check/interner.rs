//! The identifiers of one run, each stored once: every declaration, member, parameter,
//! enumerator and annotation named the same way shares one [`Name`].

use std::collections::HashSet;

use super::{Checker, folded::FxBuild};
use crate::model::Name;

/// The distinct identifiers seen so far.
#[derive(Debug, Default)]
pub(super) struct Interner {
    names: HashSet<Name, FxBuild>,
}

impl Interner {
    /// An interner with room for about `capacity` distinct names.
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Interner {
            names: HashSet::with_capacity_and_hasher(capacity, FxBuild::default()),
        }
    }

    /// The one `Name` of `text`.
    pub(super) fn intern(&mut self, text: &str) -> Name {
        if let Some(name) = self.names.get(text) {
            return name.clone();
        }
        let name = Name::from(text);
        self.names.insert(name.clone());
        name
    }
}

impl<'a> Checker<'a> {
    /// The one `Name` of `text`.
    pub(super) fn intern(&mut self, text: &str) -> Name {
        self.names.intern(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_name() {
        let mut interner = Interner::default();
        let a = interner.intern("Account");
        let b = interner.intern("Account");
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_ne!(interner.intern("account"), a);
    }
}
