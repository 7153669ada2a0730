//! The symbol table: every name declared in every scope, keyed by (scope, case-folded name) so a
//! lookup costs one hash probe and names differing only in case collide as the spec demands
//! (IDL 4.2 §7.2.3: "identifiers that differ only in case collide").

use super::{
    Checker,
    folded::{FoldedMap, folded_hash},
};
use crate::{ast::Ident, diagnostic::Diagnostic, model::DeclId, source::Span};

/// What a name in a scope stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Symbol {
    /// A declaration of the model.
    Decl(DeclId),
    /// An enumerator: the enum and its index. Enumerators are declared in the scope that
    /// encloses their enum (§7.4.1.4.4.4.3).
    Enumerator(DeclId, u32),
}

/// One entry of the table.
#[derive(Clone, Copy, Debug)]
pub(super) struct Entry<'a> {
    /// What the name stands for.
    pub(super) symbol: Symbol,
    /// The name as declared (in the syntax tree).
    pub(super) name: &'a str,
    /// Where it was declared.
    pub(super) span: Span,
}

/// Key of the global scope in the table.
const GLOBAL: u32 = u32::MAX;

fn scope_key(scope: Option<DeclId>) -> u32 {
    scope.map_or(GLOBAL, |id| id.0)
}

/// Every declared name, by scope.
#[derive(Debug, Default)]
pub(super) struct Symbols<'a> {
    map: FoldedMap<Entry<'a>>,
}

impl<'a> Symbols<'a> {
    /// A table with room for about `capacity` names.
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Symbols {
            map: FoldedMap::with_capacity(capacity),
        }
    }

    /// The entry of `name` (compared without regard to case) declared directly in `scope`,
    /// and whether it is declared with that exact spelling; `hash` is the [`folded_hash`] of
    /// `name`.
    #[inline]
    pub(super) fn get(
        &self,
        scope: Option<DeclId>,
        name: &str,
        hash: u64,
    ) -> Option<(Entry<'a>, bool)> {
        self.map
            .get(scope_key(scope), name, hash, |e| e.name)
            .map(|(entry, exact)| (*entry, exact))
    }

    /// Registers `entry` in `scope`, unless its name is taken there: then returns the entry
    /// holding it.
    pub(super) fn insert_new(
        &mut self,
        scope: Option<DeclId>,
        entry: Entry<'a>,
    ) -> Option<Entry<'a>> {
        let hash = folded_hash(entry.name);
        self.map
            .insert_new(scope_key(scope), entry.name, hash, entry, |e| e.name)
            .copied()
    }

    /// The names declared directly in `scope`, as declared.
    pub(super) fn names_in(&self, scope: Option<DeclId>) -> impl Iterator<Item = &'a str> + '_ {
        self.map.in_scope(scope_key(scope)).map(|e| e.name)
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

impl<'a> Checker<'a> {
    /// The entry of `name` declared directly in `scope`.
    pub(super) fn symbol(&self, scope: Option<DeclId>, name: &str) -> Option<Entry<'a>> {
        self.symbols
            .get(scope, name, folded_hash(name))
            .map(|(entry, _)| entry)
    }

    /// Registers `name` for `symbol` in `scope`. On a clash (or a name that repeats the
    /// enclosing scope's), reports it and leaves the table unchanged.
    pub(super) fn declare_symbol_in(
        &mut self,
        scope: Option<DeclId>,
        name: &'a Ident,
        symbol: Symbol,
    ) -> bool {
        match self.try_declare(scope, name, symbol) {
            Ok(()) => true,
            Err(existing) => {
                self.report_clash(name, &existing);
                false
            }
        }
    }

    /// Registers `name` for `symbol` in `scope` (reporting a name that repeats the enclosing
    /// scope's), or returns the entry that already holds the name there, reporting nothing.
    pub(super) fn try_declare(
        &mut self,
        scope: Option<DeclId>,
        name: &'a Ident,
        symbol: Symbol,
    ) -> Result<(), Entry<'a>> {
        let entry = Entry {
            symbol,
            name: &name.name,
            span: name.span,
        };
        if let Some(existing) = self.symbols.insert_new(scope, entry) {
            return Err(existing);
        }
        if let Some(scope) = scope {
            self.info_mut(scope).declares = true;
            self.check_not_scope_name(scope, name);
        }
        Ok(())
    }

    /// Reports `name` declared where `existing` already holds it.
    pub(super) fn report_clash(&mut self, name: &Ident, existing: &Entry<'a>) {
        let diagnostic = clash(&name.name, name.span, existing.name, existing.span);
        self.error(diagnostic);
    }

    /// Registers `name` in the current scope.
    pub(super) fn declare_symbol(&mut self, name: &'a Ident, symbol: Symbol) -> bool {
        let scope = self.scope();
        self.declare_symbol_in(scope, name, symbol)
    }

    /// Reports a declaration that reuses the name of the scope it is declared in (§7.5.2: "the
    /// name of a … module may not be redefined within the immediate scope of the module").
    pub(super) fn check_not_scope_name(&mut self, scope: DeclId, name: &Ident) {
        let scope_name = self.decl_name(scope);
        if scope_name.len() == name.name.len() && scope_name.eq_ignore_ascii_case(&name.name) {
            let decl = self.decl(scope);
            let diagnostic = Diagnostic::error(
                format!(
                    "`{}` has the same name as the enclosing {}",
                    name.name,
                    decl.kind.describe()
                ),
                name.span,
            )
            .with_secondary(decl.name_span, format!("`{scope_name}` is declared here"));
            self.error(diagnostic);
        }
    }
}
