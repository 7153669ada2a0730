//! Scoped names and OMG repository ids (CORBA 3 §10.7, §7.4.6.4): `IDL:<prefix>/<path>:<version>`.
//!
//! The body of a declaration's id is fixed when it is declared: the current `#pragma prefix` of
//! its file and scope, then the names of the scopes entered since that prefix was set, then its
//! name (so in `module M { #pragma prefix "P" typedef long T; };` `T` is `IDL:P/T:1.0`). At the
//! end of the unit, `#pragma ID` and `typeid` replace an id, `typeprefix` puts its prefix before
//! the full scoped path of every declaration in its scope (the innermost one wins), and
//! `#pragma version` sets the version (`1.0` by default).
//!
//! Scoped names and ids are only written at the end, all into one buffer that the model's
//! [`Name`]s share; messages written before that build the scoped names they show.

use std::{rc::Rc, sync::Arc};

use super::Checker;
use crate::{
    ast::{TypeId, TypePrefix},
    diagnostic::Diagnostic,
    model::{DeclId, Name},
    source::{FileId, Span},
};

/// What `#pragma ID`, `#pragma version`, `typeid` and `typeprefix` set for a declaration.
#[derive(Clone, Debug, Default)]
pub(super) struct RepoSettings {
    /// An id set by `#pragma ID` or `typeid`, and where.
    pub(super) explicit_id: Option<(String, Span)>,
    /// A version set by `#pragma version`, and where.
    pub(super) version: Option<(String, Span)>,
    /// A prefix set by `typeprefix` for this scope.
    pub(super) type_prefix: Option<String>,
}

/// Nothing set.
static NOTHING_SET: RepoSettings = RepoSettings {
    explicit_id: None,
    version: None,
    type_prefix: None,
};

/// Where the texts of one declaration lie in the shared buffer.
#[derive(Clone, Copy, Debug)]
struct Written {
    /// The scoped name.
    scoped: (usize, usize),
    /// Where the name starts in the scoped name.
    name_start: usize,
    /// The repository id, when it is not the default one.
    id: Option<(usize, usize)>,
}

impl<'a> Checker<'a> {
    /// The id body a `#pragma prefix` gives a declaration in the current scope, read from
    /// `file`, without the declaration's own name; `None` when no prefix applies (the body is
    /// then the scoped name).
    pub(super) fn default_repo_body(&self, file: FileId) -> Option<Rc<str>> {
        let frame = self.frames.last()?;
        let (_, base) = frame.prefixes.iter().find(|(f, _)| *f == file)?;
        Some(Rc::clone(base))
    }

    /// What pragmas and `typeid`/`typeprefix` set for `id`.
    pub(super) fn repo_settings(&self, id: DeclId) -> &RepoSettings {
        self.repo_settings.get(&id).unwrap_or(&NOTHING_SET)
    }

    /// What pragmas and `typeid`/`typeprefix` set for `id`, to change it.
    pub(super) fn repo_settings_mut(&mut self, id: DeclId) -> &mut RepoSettings {
        self.repo_settings.entry(id).or_default()
    }

    /// The scoped name of `id` (`A::B::C`), for messages written before the model's scoped
    /// names are.
    pub(super) fn scoped_name(&self, id: DeclId) -> String {
        let mut text = Vec::new();
        self.push_path(&mut text, id, "::", &mut Vec::new());
        String::from_utf8(text).unwrap_or_default()
    }

    /// Writes the names of `id`'s enclosing declarations and its own, outermost first, with
    /// `separator` between them. `chain` is scratch space.
    fn push_path(&self, text: &mut Vec<u8>, id: DeclId, separator: &str, chain: &mut Vec<DeclId>) {
        chain.clear();
        let mut current = Some(id);
        // Scopes nest at most `MAX_DEPTH` deep (deeper definitions are not checked).
        for _ in 0..super::MAX_DEPTH * 2 {
            let Some(decl) = current else {
                break;
            };
            chain.push(decl);
            current = self.decl(decl).parent;
        }
        for (i, decl) in chain.iter().rev().enumerate() {
            if i > 0 {
                text.extend_from_slice(separator.as_bytes());
            }
            text.extend_from_slice(self.decl_name(*decl).as_bytes());
        }
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
            self.repo_settings_mut(id).type_prefix = Some(prefix);
        }
    }

    /// Sets the id of `decl` (`#pragma ID`, `typeid`); setting a different one twice is an error.
    pub(super) fn set_explicit_id(&mut self, decl: DeclId, id: String, span: Span) {
        if let Some((existing, first)) = self.repo_settings(decl).explicit_id.clone() {
            if existing != id {
                let shown = self.scoped_name(decl);
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
        self.repo_settings_mut(decl).explicit_id = Some((id, span));
    }

    /// Fills in every declaration's name, scoped name and repository id (when it is not the
    /// default one), all written into one buffer the model's names share.
    pub(super) fn assign_names_and_ids(&mut self) {
        let count = self.decls.len();
        let any_settings = !self.repo_settings.is_empty();
        let any_type_prefix = self.global_type_prefix.is_some()
            || self.repo_settings.values().any(|s| s.type_prefix.is_some());
        // Names are a dozen bytes: room for a scoped name of a few components.
        let mut text: Vec<u8> = Vec::with_capacity(count.saturating_mul(40));
        let mut written: Vec<Written> = Vec::with_capacity(count);
        let mut chain = Vec::new();
        for index in 0..count {
            let id = DeclId(index as u32);
            let name = self.decl_name(id).as_bytes();
            // A declaration's parent is declared before it, so its texts are written.
            let parent = self.decl(id).parent;
            let outer = parent.and_then(|p| written.get(p.index()).copied());

            let start = text.len();
            match (parent, outer) {
                (Some(_), Some(outer)) => {
                    text.extend_from_within(outer.scoped.0..outer.scoped.1);
                    text.extend_from_slice(b"::");
                }
                (Some(parent), None) => {
                    self.push_path(&mut text, parent, "::", &mut chain);
                    text.extend_from_slice(b"::");
                }
                (None, _) => {}
            }
            let name_start = text.len();
            text.extend_from_slice(name);
            let scoped = (start, text.len());

            // Most declarations have the default id, which the model builds when asked for.
            let info = self.info(id);
            let settings = if any_settings {
                self.repo_settings(id)
            } else {
                &NOTHING_SET
            };
            let type_prefix = if any_type_prefix {
                self.type_prefix_for(id)
            } else {
                None
            };
            let custom = settings.explicit_id.is_some()
                || settings.version.is_some()
                || type_prefix.is_some()
                || info.repo_body.is_some();
            let start = text.len();
            if custom {
                match &settings.explicit_id {
                    Some((explicit, _)) => text.extend_from_slice(explicit.as_bytes()),
                    None => {
                        text.extend_from_slice(b"IDL:");
                        match (type_prefix, &info.repo_body) {
                            (None, Some(base)) => {
                                if !base.is_empty() {
                                    text.extend_from_slice(base.as_bytes());
                                    text.push(b'/');
                                }
                                text.extend_from_slice(name);
                            }
                            (prefix, _) => {
                                if let Some(prefix) = prefix.filter(|p| !p.is_empty()) {
                                    text.extend_from_slice(prefix.as_bytes());
                                    text.push(b'/');
                                }
                                self.push_path(&mut text, id, "/", &mut chain);
                            }
                        }
                        match &settings.version {
                            Some((version, _)) => {
                                text.push(b':');
                                text.extend_from_slice(version.as_bytes());
                            }
                            None => text.extend_from_slice(b":1.0"),
                        }
                    }
                }
            }
            written.push(Written {
                scoped,
                name_start,
                id: custom.then_some((start, text.len())),
            });
        }
        // Every piece is text or a copy of text already written.
        let text: Arc<str> = match String::from_utf8(text) {
            Ok(text) => Arc::from(text),
            Err(error) => Arc::from(String::from_utf8_lossy(error.as_bytes())),
        };
        for (decl, written) in self.decls.iter_mut().zip(written) {
            let (start, end) = written.scoped;
            decl.name = Name::slice(&text, written.name_start, end);
            decl.scoped_name = Name::slice(&text, start, end);
            decl.custom_repository_id = written
                .id
                .map(|(start, end)| Name::slice(&text, start, end));
        }
    }

    /// The `typeprefix` of the innermost scope holding `id` (or of `id` itself).
    fn type_prefix_for(&self, id: DeclId) -> Option<&str> {
        let mut current = Some(id);
        for _ in 0..super::MAX_DEPTH * 2 {
            let Some(decl) = current else {
                break;
            };
            if let Some(prefix) = &self.repo_settings(decl).type_prefix {
                return Some(prefix);
            }
            current = self.decl(decl).parent;
        }
        self.global_type_prefix.as_deref()
    }
}
