//! Scoped-name resolution (IDL 4.2 §7.5): a relative name is looked up in the current scope,
//! the scopes it inherits, then each enclosing scope outward to the global one; `::A::B` starts at
//! the global scope; each further component is looked up inside the previous one.

use std::{collections::HashSet, rc::Rc};

use super::{
    Checker,
    folded::{fold, folded_hash},
    symbols::{Entry, Symbol},
};
use crate::{
    ast::{Ident, ScopedName},
    diagnostic::Diagnostic,
    model::{DeclId, DeclKind, UnsupportedKind},
    source::Span,
};

impl<'a> Checker<'a> {
    /// Resolves `name` from the current scope. Reports what goes wrong (once) and returns `None`.
    pub(super) fn resolve(&mut self, name: &ScopedName) -> Option<Symbol> {
        let first = name.parts.first()?;
        let (entry, exact) = if name.absolute {
            match self.lookup_in(None, first, folded_hash(&first.name)) {
                Some(found) => found,
                None if self.unknown_imports.contains(&fold(&first.name)) => return None,
                None => {
                    let diagnostic = Diagnostic::error(
                        format!("cannot find `{}` in the global scope", first.name),
                        first.span,
                    );
                    let diagnostic = self.with_suggestion(diagnostic, &[None], &first.name);
                    self.error(diagnostic);
                    return None;
                }
            }
        } else {
            self.lookup_outward(first)?
        };
        if !exact {
            self.case_differs(first, &entry);
        }
        let mut symbol = entry.symbol;
        for (i, part) in name.parts.iter().enumerate().skip(1) {
            symbol = self.resolve_member(symbol, part, &name.parts[..i])?;
        }
        Some(symbol)
    }

    /// Resolves `name` without reporting anything.
    pub(super) fn resolve_quietly(&mut self, name: &ScopedName) -> Option<Symbol> {
        self.quiet += 1;
        let symbol = self.resolve(name);
        self.quiet -= 1;
        symbol
    }

    /// Whether a name not found from these scopes is explained by an error already reported
    /// or by names the unit cannot know: an unresolved base of an enclosing interface or struct,
    /// an `import`ed scope that is not in the unit, or a template module's parameters.
    fn failure_explained(&self, scopes: &[Option<DeclId>], first: &str) -> bool {
        if self.unknown_imports.contains(&fold(first)) {
            return true;
        }
        scopes.iter().flatten().any(|&id| {
            self.info(id).unresolved_base
                || matches!(
                    &self.decl(id).kind,
                    DeclKind::Unsupported(u) if matches!(
                        u.what,
                        UnsupportedKind::TemplateModule | UnsupportedKind::TemplateInstance
                    )
                )
        })
    }

    /// Resolves `name` and requires a declaration (not an enumerator).
    pub(super) fn resolve_decl(&mut self, name: &ScopedName, expected: &str) -> Option<DeclId> {
        match self.resolve(name)? {
            Symbol::Decl(id) => Some(id),
            Symbol::Enumerator(..) => {
                self.error(
                    Diagnostic::error(
                        format!("expected {expected}, found enumerator `{name}`"),
                        tight(name),
                    )
                    .with_label(format!("not {expected}")),
                );
                None
            }
        }
    }

    /// Looks `part` up inside what `symbol` names; `path` is the name so far, for messages.
    fn resolve_member(&mut self, symbol: Symbol, part: &Ident, path: &[Ident]) -> Option<Symbol> {
        let path_text = || {
            path.iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join("::")
        };
        let scope = match symbol {
            Symbol::Decl(id) if is_scope(&self.decl(id).kind) => id,
            Symbol::Decl(id) => {
                // An enumerator written `Enum::LITERAL` (accepted, as many compilers do), or a
                // bitmask flag `Mask::FLAG`.
                let literals = match &self.decl(id).kind {
                    DeclKind::Enum(e) => e.enumerators.as_slice(),
                    DeclKind::Bitmask(b) => b.flags.as_slice(),
                    _ => &[],
                };
                if let Some(index) = literals
                    .iter()
                    .position(|x| x.name.eq_ignore_ascii_case(&part.name))
                {
                    return Some(Symbol::Enumerator(id, index as u32));
                }
                let what = self.describe(id);
                self.error(
                    Diagnostic::error(
                        format!("cannot find `{}` in `{}`", part.name, path_text()),
                        part.span,
                    )
                    .with_note(format!("{what} declares no names")),
                );
                return None;
            }
            Symbol::Enumerator(..) => {
                self.error(
                    Diagnostic::error(
                        format!("cannot find `{}` in `{}`", part.name, path_text()),
                        part.span,
                    )
                    .with_note(format!("`{}` is an enumerator", path_text())),
                );
                return None;
            }
        };
        match self.lookup_in(Some(scope), part, folded_hash(&part.name)) {
            Some((entry, exact)) => {
                if !exact {
                    self.case_differs(part, &entry);
                }
                Some(entry.symbol)
            }
            None if self.failure_explained(&[Some(scope)], &part.name) => None,
            None => {
                let diagnostic = Diagnostic::error(
                    format!("cannot find `{}` in `{}`", part.name, path_text()),
                    part.span,
                );
                let diagnostic = self.with_suggestion(diagnostic, &[Some(scope)], &part.name);
                self.error(diagnostic);
                None
            }
        }
    }

    /// Looks a relative first component up from the current scope outward.
    fn lookup_outward(&mut self, name: &Ident) -> Option<(Entry<'a>, bool)> {
        let hash = folded_hash(&name.name);
        let mut scope = self.scope();
        loop {
            if let Some(found) = self.lookup_in(scope, name, hash) {
                return Some(found);
            }
            match scope {
                Some(id) => scope = self.decl(id).parent,
                None => break,
            }
        }
        let mut searched = vec![self.scope()];
        while let Some(Some(id)) = searched.last() {
            searched.push(self.decl(*id).parent);
        }
        if self.failure_explained(&searched, &name.name) {
            return None;
        }
        let mut diagnostic = Diagnostic::error(
            format!("cannot find `{}` in this scope", name.name),
            name.span,
        );
        if searched.len() > 1 {
            let places: Vec<String> = searched
                .iter()
                .map(|s| match s {
                    Some(id) => format!("`{}`", self.scoped_name(*id)),
                    None => "the global scope".to_owned(),
                })
                .collect();
            diagnostic = diagnostic.with_note(format!("looked in {}", places.join(", ")));
        }
        let diagnostic = self.with_suggestion(diagnostic, &searched, &name.name);
        self.error(diagnostic);
        None
    }

    /// Looks `name` up directly in `scope`, then in the scopes it inherits from; says too
    /// whether the entry found has `name`'s exact spelling.
    #[inline]
    fn lookup_in(
        &mut self,
        scope: Option<DeclId>,
        name: &Ident,
        hash: u64,
    ) -> Option<(Entry<'a>, bool)> {
        if self.declares(scope)
            && let Some(found) = self.symbols.get(scope, &name.name, hash)
        {
            return Some(found);
        }
        let scope = scope?;
        if !self.info(scope).has_bases {
            return None;
        }
        self.lookup_in_bases(scope, name, hash)
    }

    /// Looks `name` up in the scopes `scope` inherits from. Reports an ambiguity when two
    /// unrelated bases declare it.
    fn lookup_in_bases(
        &mut self,
        scope: DeclId,
        name: &Ident,
        hash: u64,
    ) -> Option<(Entry<'a>, bool)> {
        let mut found: Option<(Entry<'a>, bool, DeclId)> = None;
        for base in self.ancestors(scope).iter().copied() {
            if !self.declares(Some(base)) {
                continue;
            }
            let Some((entry, exact)) = self.symbols.get(Some(base), &name.name, hash) else {
                continue;
            };
            match &found {
                None => found = Some((entry, exact, base)),
                Some((first, _, first_base)) if first.symbol != entry.symbol => {
                    let diagnostic =
                        Diagnostic::error(format!("`{}` is ambiguous", name.name), name.span)
                            .with_secondary(
                                first.span,
                                format!("declared in `{}`", self.scoped_name(*first_base)),
                            )
                            .with_secondary(
                                entry.span,
                                format!("and in `{}`", self.scoped_name(base)),
                            )
                            .with_help("qualify the name with the scope you mean");
                    self.error(diagnostic);
                    break;
                }
                Some(_) => {}
            }
        }
        found.map(|(entry, exact, _)| (entry, exact))
    }

    /// Whether any name was declared directly in `scope` (the global scope counts as one).
    fn declares(&self, scope: Option<DeclId>) -> bool {
        scope.is_none_or(|id| self.info(id).declares)
    }

    /// Every interface, struct or bitset `scope` inherits from, directly or not, nearest
    /// first, each once. Computed once per declaration until inheritance changes.
    pub(super) fn ancestors(&self, scope: DeclId) -> Rc<[DeclId]> {
        if self.direct_bases(scope).is_empty() {
            return Rc::clone(&self.no_ancestors);
        }
        if let Some(cached) = self.ancestors_cache.borrow().get(&scope) {
            return Rc::clone(cached);
        }
        let computed: Rc<[DeclId]> = self.compute_ancestors(scope).into();
        self.ancestors_cache
            .borrow_mut()
            .insert(scope, Rc::clone(&computed));
        computed
    }

    /// Forgets the cached ancestors, after a forward declaration was completed or its bases
    /// set.
    pub(super) fn inheritance_changed(&self) {
        self.ancestors_cache.borrow_mut().clear();
    }

    /// Records that the bases of `id` were set. Only a declaration completing a forward one
    /// can already be among the ancestors cached for others (a new one is not named yet, and
    /// its own ancestors were not cached while it had no bases).
    pub(super) fn bases_set(&mut self, id: DeclId) {
        let has_bases = !self.direct_bases(id).is_empty();
        self.info_mut(id).has_bases = has_bases;
        if self.info(id).forward_span.is_some() {
            self.inheritance_changed();
        }
    }

    fn compute_ancestors(&self, scope: DeclId) -> Vec<DeclId> {
        let direct = self.direct_bases(scope);
        // Breadth-first; `out` doubles as the queue. Hierarchies are small, so a linear search
        // finds repeats until one is large enough for a set to pay.
        let mut out: Vec<DeclId> = Vec::with_capacity(direct.len());
        let mut seen: HashSet<DeclId> = HashSet::new();
        let mut push = |out: &mut Vec<DeclId>, base: DeclId| {
            if base == scope {
                return;
            }
            if out.len() < 32 {
                if out.contains(&base) {
                    return;
                }
            } else {
                if seen.is_empty() {
                    seen.extend(out.iter().copied());
                }
                if !seen.insert(base) {
                    return;
                }
            }
            out.push(base);
        };
        for &base in direct {
            push(&mut out, base);
        }
        let mut next = 0;
        while let Some(&base) = out.get(next) {
            next += 1;
            for &grand in self.direct_bases(base) {
                push(&mut out, grand);
            }
        }
        out
    }

    /// The interfaces or struct `id` directly inherits from.
    pub(super) fn direct_bases(&self, id: DeclId) -> &[DeclId] {
        match &self.decl(id).kind {
            DeclKind::Interface(i) => &i.bases,
            DeclKind::Struct(s) => s.base.as_slice(),
            DeclKind::Bitset(b) => b.base.as_slice(),
            _ => &[],
        }
    }

    /// Reports a reference whose spelling differs in case from the declaration (§7.2.3).
    #[cold]
    fn case_differs(&mut self, used: &Ident, entry: &Entry<'a>) {
        self.error(
            Diagnostic::error(
                format!(
                    "`{}` must be spelled `{}`, as declared",
                    used.name, entry.name
                ),
                used.span,
            )
            .with_secondary(entry.span, "declared here")
            .with_note("references to a name must use the case of its declaration"),
        );
    }

    /// Adds a "did you mean" help when a name close to `name` is declared in one of `scopes`.
    fn with_suggestion(
        &mut self,
        diagnostic: Diagnostic,
        scopes: &[Option<DeclId>],
        name: &str,
    ) -> Diagnostic {
        if self.suggestions_left == 0 {
            return diagnostic;
        }
        self.suggestions_left -= 1;
        let folded = fold(name);
        let limit = (folded.chars().count() / 3).max(1);
        let mut best: Option<(usize, &str)> = None;
        for scope in scopes {
            for candidate in self.symbols.names_in(*scope) {
                let distance = edit_distance(&folded, &fold(candidate), limit);
                if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, candidate));
                }
            }
        }
        match best {
            Some((_, candidate)) => {
                let help = format!("a similar name exists: `{candidate}`");
                diagnostic.with_help(help)
            }
            None => diagnostic,
        }
    }
}

/// The span of a scoped name from its first to its last component (the parser's span may
/// include the blanks after it).
pub(super) fn tight(name: &ScopedName) -> Span {
    match (name.parts.first(), name.parts.last()) {
        (Some(first), Some(last)) if first.span.file == last.span.file => first.span.to(last.span),
        _ => name.span,
    }
}

/// Whether a declaration of this kind can hold named declarations.
fn is_scope(kind: &DeclKind) -> bool {
    matches!(
        kind,
        DeclKind::Module(_)
            | DeclKind::Interface(_)
            | DeclKind::Struct(_)
            | DeclKind::Union(_)
            | DeclKind::Exception(_)
            | DeclKind::Unsupported(_)
    )
}

/// The Levenshtein distance between `a` and `b`, or something above `limit` once it is certain
/// to exceed it.
fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit || a.len() > 64 || b.len() > 64 {
        return limit + 1;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("account", "acount", 3), 1);
        assert_eq!(edit_distance("abc", "abc", 1), 0);
        assert!(edit_distance("abc", "xyzuvw", 1) > 1);
    }
}
