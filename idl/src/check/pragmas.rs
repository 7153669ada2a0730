//! `#pragma`s, applied where they stand: `prefix` changes the repository ids of the declarations
//! that follow it in the same file and scope; `ID`, `version`, `keylist`, `DCPS_DATA_TYPE` and
//! `DCPS_DATA_KEY` name declarations, and are resolved at the end of the unit from the scope they
//! stand in (so a pragma may name a declaration that follows it in that scope).

use std::{collections::HashMap, rc::Rc};

use super::{Checker, Frame, folded::FxBuild};
use crate::{
    ast::{Ident, ScopedName},
    diagnostic::Diagnostic,
    model::{DeclId, DeclKind, Key, KeySource, Name, Type},
    preprocess::{Pragma, PragmaKind},
    source::{FileId, Span},
};

/// The pragmas of one file, in file order, and how many were applied.
#[derive(Debug, Default)]
struct Pending<'a> {
    list: Vec<&'a Pragma>,
    next: usize,
}

/// The pragmas not applied yet, and those applied whose names are resolved at the end.
#[derive(Debug, Default)]
pub(super) struct PragmaState<'a> {
    by_file: HashMap<FileId, Pending<'a>, FxBuild>,
    /// How many pragmas are not applied yet: most units have none, and then nothing is looked
    /// up per definition.
    unapplied: usize,
    deferred: Vec<(&'a Pragma, Option<DeclId>)>,
}

impl<'a> PragmaState<'a> {
    /// Sorts the unit's pragmas by file and position.
    pub(super) fn new(pragmas: &'a [Pragma]) -> Self {
        let mut by_file: HashMap<FileId, Pending<'a>, FxBuild> = HashMap::default();
        for pragma in pragmas {
            by_file
                .entry(pragma.span.file)
                .or_default()
                .list
                .push(pragma);
        }
        for pending in by_file.values_mut() {
            pending.list.sort_by_key(|p| p.span.start);
        }
        PragmaState {
            by_file,
            unapplied: pragmas.len(),
            deferred: Vec::new(),
        }
    }

    /// The next pragma of `file` that stands before `offset`, if any, marked applied.
    fn next_before(&mut self, file: FileId, offset: u32) -> Option<&'a Pragma> {
        if self.unapplied == 0 {
            return None;
        }
        let pending = self.by_file.get_mut(&file)?;
        let pragma = *pending.list.get(pending.next)?;
        if pragma.span.start >= offset {
            return None;
        }
        pending.next += 1;
        self.unapplied -= 1;
        Some(pragma)
    }

    /// Every pragma not applied yet, in translation-unit order.
    fn remaining(&mut self) -> Vec<&'a Pragma> {
        let mut out: Vec<&'a Pragma> = Vec::new();
        for pending in self.by_file.values_mut() {
            out.extend(pending.list.iter().skip(pending.next));
            pending.next = pending.list.len();
        }
        self.unapplied = 0;
        out.sort_by_key(|p| p.unit_offset);
        out
    }
}

impl<'a> Checker<'a> {
    /// Applies the pragmas of `file` that stand before `offset`.
    pub(super) fn advance_pragmas(&mut self, file: FileId, offset: u32) {
        while let Some(pragma) = self.pragmas.next_before(file, offset) {
            self.apply_pragma(pragma);
        }
    }

    fn apply_pragma(&mut self, pragma: &'a Pragma) {
        match &pragma.kind {
            PragmaKind::Prefix(prefix) => {
                if let Some(frame) = self.frames.last_mut() {
                    let file = pragma.span.file;
                    match frame.prefixes.iter_mut().find(|(f, _)| *f == file) {
                        Some(entry) => entry.1 = Rc::from(prefix.as_str()),
                        None => frame.prefixes.push((file, Rc::from(prefix.as_str()))),
                    }
                }
            }
            PragmaKind::Other { .. } => {}
            _ => {
                let scope = self.scope();
                self.pragmas.deferred.push((pragma, scope));
            }
        }
    }

    /// Applies the pragmas after the last definition, then resolves every pragma that names a
    /// declaration.
    pub(super) fn pragmas_at_end(&mut self) {
        for pragma in self.pragmas.remaining() {
            self.apply_pragma(pragma);
        }
        let deferred = std::mem::take(&mut self.pragmas.deferred);
        for (pragma, scope) in deferred {
            self.frames.push(Frame {
                decl: scope,
                prefixes: Vec::new(),
            });
            self.named_pragma(pragma);
            self.frames.pop();
        }
    }

    fn named_pragma(&mut self, pragma: &Pragma) {
        let span = pragma.span;
        match &pragma.kind {
            PragmaKind::Id { target, id } => {
                if let Some(decl) = self.pragma_target(target, span) {
                    self.set_explicit_id(decl, id.clone(), span);
                }
            }
            PragmaKind::Version {
                target,
                major,
                minor,
            } => {
                if let Some(decl) = self.pragma_target(target, span) {
                    let version = format!("{major}.{minor}");
                    match self.repo_settings(decl).version.clone() {
                        Some((existing, first)) if existing != version => {
                            let shown = self.scoped_name(decl);
                            self.error(
                                Diagnostic::error(
                                    format!(
                                        "the version of `{shown}` is already set to `{existing}`"
                                    ),
                                    span,
                                )
                                .with_secondary(first, "set here"),
                            );
                        }
                        _ => self.repo_settings_mut(decl).version = Some((version, span)),
                    }
                }
            }
            PragmaKind::Keylist { type_name, keys } => {
                let Some(target) = self.topic_type(type_name, "#pragma keylist", span) else {
                    return;
                };
                for key in keys {
                    self.add_key(target, key, KeySource::Keylist, span);
                }
            }
            PragmaKind::DcpsDataType(type_name) => {
                self.topic_type(type_name, "#pragma DCPS_DATA_TYPE", span);
            }
            PragmaKind::DcpsDataKey { type_name, key } => {
                if let Some(target) = self.topic_type(type_name, "#pragma DCPS_DATA_KEY", span) {
                    self.add_key(target, key, KeySource::DcpsDataKey, span);
                }
            }
            PragmaKind::Prefix(_) | PragmaKind::Other { .. } => {}
        }
    }

    /// Resolves a name written in a pragma, from the scope the pragma stands in.
    fn pragma_target(&mut self, text: &str, span: Span) -> Option<DeclId> {
        let name = scoped_name(text, span);
        if name.parts.is_empty() {
            self.error(Diagnostic::error(
                format!("malformed name `{text}` in `#pragma`"),
                span,
            ));
            return None;
        }
        self.resolve_decl(&name, "a declaration")
    }

    /// Resolves the type a keylist or DCPS pragma names, which must be a struct, and marks it a
    /// topic type.
    fn topic_type(&mut self, text: &str, pragma: &str, span: Span) -> Option<DeclId> {
        let found = self.pragma_target(text, span)?;
        if self.alias_of_unresolved(found) {
            return None;
        }
        let target = self.resolves_to(&Type::Named(found)).unwrap_or(found);
        match &mut self.decl_mut(target).kind {
            DeclKind::Struct(s) => {
                s.topic = true;
                Some(target)
            }
            _ => {
                let what = self.describe(target);
                self.error(
                    Diagnostic::error(
                        format!("`{pragma}` names {what}, which is not a struct"),
                        span,
                    )
                    .with_note("only structs can be topic types with keys"),
                );
                None
            }
        }
    }

    /// Adds the key `path` (`a.b`, `a[0].b`) to struct `target`.
    fn add_key(&mut self, target: DeclId, path: &str, source: KeySource, span: Span) {
        let Some(members) = self.key_path(target, path, span) else {
            return;
        };
        if let DeclKind::Struct(s) = &mut self.decl_mut(target).kind {
            if let Some(first) = members.first()
                && let Some(member) = s.members.iter_mut().find(|m| m.name == *first)
            {
                member.key = true;
            }
            s.keys.push(Key {
                path: members,
                source,
                span,
            });
        }
    }

    /// Checks that every component of a key path names a member, descending into struct
    /// (and array-of-struct) members.
    fn key_path(&mut self, target: DeclId, path: &str, span: Span) -> Option<Vec<Name>> {
        let mut current = target;
        let components: Vec<&str> = path.split('.').collect();
        let mut out = Vec::with_capacity(components.len());
        for (i, component) in components.iter().enumerate() {
            let name = component.split('[').next().unwrap_or_default().trim();
            if name.is_empty() {
                self.error(Diagnostic::error(format!("malformed key `{path}`"), span));
                return None;
            }
            let Some(ty) = self.find_member(current, name) else {
                let shown = self.scoped_name(current);
                self.error(
                    Diagnostic::error(format!("struct `{shown}` has no member `{name}`"), span)
                        .with_label(format!("in key `{path}`")),
                );
                return None;
            };
            out.push(self.intern(name));
            if i + 1 == components.len() {
                break;
            }
            let mut inner = self.unalias(&ty).clone();
            if let Type::Array(element, _) = inner {
                inner = self.unalias(&element).clone();
            }
            match inner {
                Type::Named(id) if matches!(self.decl(id).kind, DeclKind::Struct(_)) => {
                    current = id
                }
                Type::Unresolved => return None,
                _ => {
                    let shown = self.scoped_name(current);
                    self.error(Diagnostic::error(
                        format!("member `{name}` of `{shown}` is not a struct, so key `{path}` cannot go inside it"),
                        span,
                    ));
                    return None;
                }
            }
        }
        Some(out)
    }

    /// The type of member `name` of struct `id` or of one of its bases.
    fn find_member(&self, id: DeclId, name: &str) -> Option<Type> {
        std::iter::once(id)
            .chain(self.ancestors(id).iter().copied())
            .find_map(|decl| match &self.decl(decl).kind {
                DeclKind::Struct(s) => s
                    .members
                    .iter()
                    .find(|m| m.name == name)
                    .map(|m| m.ty.clone()),
                _ => None,
            })
    }
}

/// A name written in a pragma, every component spanning the pragma. A leading `_` escape is
/// dropped as in IDL source.
fn scoped_name(text: &str, span: Span) -> ScopedName {
    let text = text.trim();
    let absolute = text.starts_with("::");
    let body = text.strip_prefix("::").unwrap_or(text);
    let mut parts = Vec::new();
    for part in body.split("::") {
        let part = part.trim();
        if part.is_empty() {
            return ScopedName {
                absolute,
                parts: Vec::new(),
                span,
            };
        }
        let (name, escaped) = match part.strip_prefix('_') {
            Some(rest) if !rest.is_empty() => (rest, true),
            _ => (part, false),
        };
        parts.push(Ident {
            name: name.to_owned(),
            escaped,
            span,
        });
    }
    ScopedName {
        absolute,
        parts,
        span,
    }
}
