//! OMG repository ids (CORBA 3 §10.7, §7.4.6.4): `IDL:<prefix>/<path>:<version>`.
//!
//! The body of a declaration's id is fixed when it is declared: the current `#pragma prefix` of
//! its file and scope, then the names of the scopes entered since that prefix was set, then its
//! name (so in `module M { #pragma prefix "P" typedef long T; };` `T` is `IDL:P/T:1.0`). At the
//! end of the unit, `#pragma ID` and `typeid` replace an id, `typeprefix` puts its prefix before
//! the full scoped path of every declaration in its scope (the innermost one wins), and
//! `#pragma version` sets the version (`1.0` by default).

use super::{Checker, join_path};
use crate::{
    ast::{TypeId, TypePrefix},
    diagnostic::Diagnostic,
    model::DeclId,
    source::{FileId, Span},
};

impl Checker<'_> {
    /// The id body a `#pragma prefix` gives a declaration of `name` in the current scope, read
    /// from `file`; `None` when no prefix applies (the body is then the scoped name).
    pub(super) fn default_repo_body(&self, file: FileId, name: &str) -> Option<String> {
        let frame = self.frames.last()?;
        let (_, base) = frame.prefixes.iter().find(|(f, _)| *f == file)?;
        Some(join_path(base, name))
    }

    /// `typeid Name "id";`
    pub(super) fn type_id(&mut self, type_id: &TypeId) {
        if let Some(id) = self.resolve_decl(&type_id.target, "a declaration") {
            self.set_explicit_id(id, type_id.id.value.clone(), type_id.id.span);
        }
    }

    /// `typeprefix Name "prefix";` (`::` alone names the global scope).
    pub(super) fn type_prefix(&mut self, type_prefix: &TypePrefix) {
        let prefix = type_prefix.prefix.value.clone();
        if type_prefix.target.parts.is_empty() {
            self.global_type_prefix = Some(prefix);
            return;
        }
        if let Some(id) = self.resolve_decl(&type_prefix.target, "a declaration") {
            self.info_mut(id).type_prefix = Some(prefix);
        }
    }

    /// Sets the id of `decl` (`#pragma ID`, `typeid`); setting a different one twice is an error.
    pub(super) fn set_explicit_id(&mut self, decl: DeclId, id: String, span: Span) {
        if let Some((existing, first)) = self.info(decl).explicit_id.clone() {
            if existing != id {
                let shown = self.decl(decl).scoped_name.clone();
                self.error(
                    Diagnostic::error(
                        format!("the repository id of `{shown}` is already set to `{existing}`"),
                        span,
                    )
                    .with_secondary(first, "set here"),
                );
            }
            return;
        }
        self.info_mut(decl).explicit_id = Some((id, span));
    }

    /// Fills in every declaration's repository id.
    pub(super) fn assign_repository_ids(&mut self) {
        for index in 0..self.decls.len() {
            let id = DeclId(index as u32);
            let info = self.info(id);
            let repository_id = match &info.explicit_id {
                Some((explicit, _)) => explicit.clone(),
                None => {
                    let version = info.version.as_ref().map_or("1.0", |(v, _)| v.as_str());
                    let scoped = &self.decl(id).scoped_name;
                    match (self.type_prefix_for(id), &info.repo_body) {
                        (Some(prefix), _) => idl_id(prefix, scoped, version),
                        (None, Some(body)) => format!("IDL:{body}:{version}"),
                        (None, None) => idl_id("", scoped, version),
                    }
                }
            };
            self.decl_mut(id).repository_id = repository_id;
        }
    }

    /// The `typeprefix` of the innermost scope holding `id` (or of `id` itself).
    fn type_prefix_for(&self, id: DeclId) -> Option<&str> {
        let mut current = Some(id);
        for _ in 0..super::MAX_DEPTH * 2 {
            let Some(decl) = current else {
                break;
            };
            if let Some(prefix) = &self.info(decl).type_prefix {
                return Some(prefix);
            }
            current = self.decl(decl).parent;
        }
        self.global_type_prefix.as_deref()
    }
}

/// `IDL:prefix/A/B:version` from the scoped name `A::B`.
fn idl_id(prefix: &str, scoped: &str, version: &str) -> String {
    let mut id = String::with_capacity(prefix.len() + scoped.len() + version.len() + 6);
    id.push_str("IDL:");
    if !prefix.is_empty() {
        id.push_str(prefix);
        id.push('/');
    }
    // Identifiers hold no `:`, so splitting at each one and skipping the empty pieces splits
    // at `::`.
    for (i, part) in scoped.split(':').filter(|p| !p.is_empty()).enumerate() {
        if i > 0 {
            id.push('/');
        }
        id.push_str(part);
    }
    id.push(':');
    id.push_str(version);
    id
}
