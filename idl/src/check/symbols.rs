//! The symbol table: every name declared in every scope, keyed by (scope, case-folded name) so a
//! lookup costs one hash probe and names differing only in case collide as the spec demands
//! (IDL 4.2 §7.2.3: "identifiers that differ only in case collide").

use std::{collections::HashMap, hash::Hasher};

use super::Checker;
pub(super) use crate::model::fxhash::FxBuild;
use crate::{
    ast::Ident,
    diagnostic::Diagnostic,
    model::{Decl, DeclId, DeclKind, fxhash::FxHasher},
    source::Span,
};

/// What a name in a scope stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Symbol {
    /// A declaration of the model.
    Decl(DeclId),
    /// An enumerator: the enum and its index. Enumerators are declared in the scope that
    /// encloses their enum (§7.4.1.4.4.4.3).
    Enumerator(DeclId, u32),
}

/// One entry of the table. Its name is the declaration's (or enumerator's) own, found with
/// [`symbol_name`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Entry {
    /// What the name stands for.
    pub(super) symbol: Symbol,
    /// Where it was declared.
    pub(super) span: Span,
}

/// The name `symbol` was declared with.
pub(super) fn symbol_name(decls: &[Decl], symbol: Symbol) -> &str {
    match symbol {
        Symbol::Decl(id) => decls.get(id.index()).map_or("", |d| d.name.as_str()),
        Symbol::Enumerator(owner, index) => {
            let literals = match decls.get(owner.index()).map(|d| &d.kind) {
                Some(DeclKind::Enum(e)) => e.enumerators.as_slice(),
                Some(DeclKind::Bitmask(b)) => b.flags.as_slice(),
                _ => &[],
            };
            literals.get(index as usize).map_or("", |e| e.name.as_str())
        }
    }
}

/// Key of the global scope in the table.
const GLOBAL: u32 = u32::MAX;

fn scope_key(scope: Option<DeclId>) -> u32 {
    scope.map_or(GLOBAL, |id| id.0)
}

/// Folds a name for case-insensitive comparison: ASCII letters to lower case (IDL identifiers
/// are ASCII; other characters compare exactly).
pub(super) fn fold(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// The hash of `name` with ASCII letters folded, computed without allocating.
pub(super) fn folded_hash(name: &str) -> u64 {
    let mut hasher = FxHasher::default();
    for chunk in name.as_bytes().chunks(8) {
        let mut word = [0u8; 8];
        for (w, b) in word.iter_mut().zip(chunk) {
            *w = b.to_ascii_lowercase();
        }
        hasher.add(u64::from_le_bytes(word));
    }
    hasher.add(name.len() as u64);
    hasher.finish()
}

/// Values keyed by (scope, name) where names compare without regard to ASCII case. Each entry
/// keeps its name's hash; small maps (most bodies) are searched linearly, larger ones through
/// an index, and the rare pair of different names with equal hashes is kept apart.
#[derive(Debug)]
struct FoldedMap<V> {
    entries: Vec<(u32, u64, V)>,
    index: HashMap<(u32, u64), u32, FxBuild>,
    collisions: Vec<u32>,
}

/// Up to this many entries, a [`FoldedMap`] has no index.
const LINEAR: usize = 8;

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
    /// The value stored for `name` in `scope`; `hash` gives the [`folded_hash`] of `name` (only
    /// needed past [`LINEAR`] entries) and `name_of` a stored value's name.
    fn get<'s>(
        &'s self,
        scope: u32,
        name: &str,
        hash: impl FnOnce() -> u64,
        name_of: impl Fn(&'s V) -> &'s str,
    ) -> Option<&'s V> {
        if self.entries.len() <= LINEAR {
            return self.entries.iter().find_map(|(s, _, v)| {
                (*s == scope && name_of(v).eq_ignore_ascii_case(name)).then_some(v)
            });
        }
        let hash = hash();
        let at = |i: u32| {
            self.entries.get(i as usize).and_then(|(s, h, v)| {
                (*s == scope && *h == hash && name_of(v).eq_ignore_ascii_case(name)).then_some(v)
            })
        };
        if let Some(found) = self.index.get(&(scope, hash)).and_then(|&i| at(i)) {
            return Some(found);
        }
        self.collisions.iter().find_map(|&i| at(i))
    }

    /// Stores a value; the caller has checked that the name is free in `scope`. Names are
    /// hashed once the map outgrows a linear search; `name_of` gives the stored values' names
    /// then.
    fn insert<'n>(&mut self, scope: u32, name: &str, value: V, name_of: impl Fn(&V) -> &'n str) {
        let len = self.entries.len() + 1;
        if len <= LINEAR {
            self.entries.push((scope, 0, value));
            return;
        }
        let hash = folded_hash(name);
        self.entries.push((scope, hash, value));
        if len == LINEAR + 1 {
            for i in 0..len {
                let Some((s, h, v)) = self.entries.get_mut(i) else {
                    continue;
                };
                *h = folded_hash(name_of(v));
                let key = (*s, *h);
                Self::index_one(&mut self.index, &mut self.collisions, key, i as u32);
            }
        } else {
            let at = (len - 1) as u32;
            Self::index_one(&mut self.index, &mut self.collisions, (scope, hash), at);
        }
    }

    fn index_one(
        index: &mut HashMap<(u32, u64), u32, FxBuild>,
        collisions: &mut Vec<u32>,
        key: (u32, u64),
        at: u32,
    ) {
        match index.entry(key) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(at);
            }
            std::collections::hash_map::Entry::Occupied(_) => collisions.push(at),
        }
    }

    /// The values of `scope`, in insertion order.
    fn in_scope(&self, scope: u32) -> impl Iterator<Item = &V> {
        self.entries
            .iter()
            .filter(move |(s, _, _)| *s == scope)
            .map(|(_, _, v)| v)
    }
}

/// Every declared name, by scope.
#[derive(Debug, Default)]
pub(super) struct Symbols {
    map: FoldedMap<Entry>,
}

impl Symbols {
    /// A table with room for about `capacity` names.
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Symbols {
            map: FoldedMap {
                entries: Vec::with_capacity(capacity),
                index: HashMap::with_capacity_and_hasher(capacity, FxBuild::default()),
                collisions: Vec::new(),
            },
        }
    }

    /// The entry of `name` (compared without regard to case) declared directly in `scope`;
    /// `decls` hold the declared names.
    pub(super) fn get(&self, decls: &[Decl], scope: Option<DeclId>, name: &str) -> Option<Entry> {
        self.get_hashed(decls, scope, name, folded_hash(name))
    }

    /// Like [`get`](Self::get), with `hash` the [`folded_hash`] of `name` (to look one name up
    /// in several scopes).
    pub(super) fn get_hashed(
        &self,
        decls: &[Decl],
        scope: Option<DeclId>,
        name: &str,
        hash: u64,
    ) -> Option<Entry> {
        self.map
            .get(
                scope_key(scope),
                name,
                || hash,
                |e| symbol_name(decls, e.symbol),
            )
            .copied()
    }

    /// Registers `name` for an entry; the caller has checked that the name is free. `decls`
    /// hold the names of the entries already stored.
    pub(super) fn insert(
        &mut self,
        decls: &[Decl],
        scope: Option<DeclId>,
        name: &str,
        entry: Entry,
    ) {
        self.map.insert(scope_key(scope), name, entry, |e| {
            symbol_name(decls, e.symbol)
        });
    }

    /// The names declared directly in `scope`, as declared.
    pub(super) fn names_in<'d>(
        &'d self,
        decls: &'d [Decl],
        scope: Option<DeclId>,
    ) -> impl Iterator<Item = &'d str> {
        self.map
            .in_scope(scope_key(scope))
            .map(move |e| symbol_name(decls, e.symbol))
    }
}

/// Values found by a name compared without regard to case, where the names live elsewhere:
/// `name_of` gives a stored value's name.
#[derive(Debug)]
pub(super) struct NameMap<V> {
    map: FoldedMap<V>,
}

impl<V> Default for NameMap<V> {
    fn default() -> Self {
        NameMap {
            map: FoldedMap::default(),
        }
    }
}

impl<V> NameMap<V> {
    /// The value stored under `name`.
    pub(super) fn get<'s>(
        &'s self,
        name: &str,
        name_of: impl Fn(&'s V) -> &'s str,
    ) -> Option<&'s V> {
        self.map.get(0, name, || folded_hash(name), name_of)
    }

    /// Stores `value` under `name`; the caller has checked that the name is free. `name_of`
    /// gives the stored values' names.
    pub(super) fn insert<'n>(&mut self, name: &str, value: V, name_of: impl Fn(&V) -> &'n str) {
        self.map.insert(0, name, value, name_of);
    }
}

/// A set of names declared in one body that are not symbols (struct members, parameters, …),
/// reporting the same clashes as the symbol table. It borrows the names.
#[derive(Debug, Default)]
pub(super) struct NameSet<'n> {
    seen: FoldedMap<(&'n str, Span)>,
}

impl<'n> NameSet<'n> {
    /// Adds `name`; on a clash, returns the diagnostic to report.
    pub(super) fn insert(&mut self, name: &'n str, span: Span) -> Option<Diagnostic> {
        if let Some((first, first_span)) = self.seen.get(0, name, || folded_hash(name), |(n, _)| n)
        {
            return Some(clash(name, span, first, *first_span));
        }
        self.seen.insert(0, name, (name, span), |(n, _)| n);
        None
    }
}

/// The diagnostic for `name` declared at `span` where `first` was declared at `first_span`.
pub(super) fn clash(name: &str, span: Span, first: &str, first_span: Span) -> Diagnostic {
    if first == name {
        Diagnostic::error(format!("`{name}` is defined more than once"), span)
            .with_label("redefined here")
            .with_secondary(first_span, "first defined here")
    } else {
        Diagnostic::error(
            format!("`{name}` clashes with `{first}`, which differs only in case"),
            span,
        )
        .with_secondary(first_span, format!("`{first}` is defined here"))
        .with_note("names in one scope must differ by more than the case of their letters")
    }
}

impl Checker<'_> {
    /// The entry of `name` declared directly in `scope`.
    pub(super) fn symbol(&self, scope: Option<DeclId>, name: &str) -> Option<Entry> {
        self.symbols.get(&self.decls, scope, name)
    }

    /// The name `symbol` was declared with.
    pub(super) fn symbol_name(&self, symbol: Symbol) -> &str {
        symbol_name(&self.decls, symbol)
    }

    /// Registers `name` for `symbol` in `scope`. On a clash (or a name that repeats the
    /// enclosing scope's), reports it and leaves the table unchanged.
    pub(super) fn declare_symbol_in(
        &mut self,
        scope: Option<DeclId>,
        name: &Ident,
        symbol: Symbol,
    ) -> bool {
        if let Some(existing) = self.symbols.get(&self.decls, scope, &name.name) {
            let first = symbol_name(&self.decls, existing.symbol);
            let diagnostic = clash(&name.name, name.span, first, existing.span);
            self.error(diagnostic);
            return false;
        }
        if let Some(scope) = scope {
            self.check_not_scope_name(scope, name);
        }
        self.symbols.insert(
            &self.decls,
            scope,
            &name.name,
            Entry {
                symbol,
                span: name.span,
            },
        );
        true
    }

    /// Registers `name` in the current scope.
    pub(super) fn declare_symbol(&mut self, name: &Ident, symbol: Symbol) -> bool {
        let scope = self.scope();
        self.declare_symbol_in(scope, name, symbol)
    }

    /// Reports a declaration that reuses the name of the scope it is declared in (§7.5.2: "the
    /// name of a … module may not be redefined within the immediate scope of the module").
    pub(super) fn check_not_scope_name(&mut self, scope: DeclId, name: &Ident) {
        let decl = self.decl(scope);
        if decl.name.eq_ignore_ascii_case(&name.name) {
            let diagnostic = Diagnostic::error(
                format!(
                    "`{}` has the same name as the enclosing {}",
                    name.name,
                    decl.kind.describe()
                ),
                name.span,
            )
            .with_secondary(decl.name_span, format!("`{}` is declared here", decl.name));
            self.error(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_sets_find_clashes_before_and_after_they_grow_an_index() {
        let names: Vec<String> = (0..20).map(|i| format!("name{i}")).collect();
        let mut set = NameSet::default();
        for name in &names {
            assert!(set.insert(name, Span::default()).is_none());
        }
        let clash = set.insert("NAME3", Span::default()).expect("a clash");
        assert_eq!(
            clash.message,
            "`NAME3` clashes with `name3`, which differs only in case"
        );
        let clash = set.insert("name17", Span::default()).expect("a clash");
        assert_eq!(clash.message, "`name17` is defined more than once");
        assert!(set.insert("name20", Span::default()).is_none());
    }

    #[test]
    fn folded_hashes_ignore_ascii_case_only() {
        assert_eq!(folded_hash("Account"), folded_hash("aCCOUNT"));
        assert_ne!(folded_hash("Account"), folded_hash("Accounts"));
        assert_eq!(fold("MiXeD_1"), "mixed_1");
    }
}
