//! Structs (with IDL4 single inheritance), exceptions and their members.

use super::{
    Checker, DeclState,
    annotations::{builtin, extensibility, is_set},
    builtin_annotations::Place,
    definitions::Family,
    interner::NameSet,
    resolve::tight,
};
use crate::{
    ast::{self, Definition, ScopedName},
    diagnostic::Diagnostic,
    model::{
        AnnotationValue, DeclId, DeclKind, Exception, ForwardKind, Key, KeySource, Member, Struct,
        Type,
    },
};

impl<'a> Checker<'a> {
    /// `struct S : Base { … };`
    // Out of line: see "Code layout" in the module docs.
    #[inline(never)]
    pub(super) fn structure(&mut self, def: &'a Definition, s: &'a ast::Struct) -> DeclId {
        let id = self.define(
            def,
            &s.name,
            Family::Struct,
            DeclKind::Struct(Struct::default()),
        );
        let base = s.base.as_ref().and_then(|b| self.struct_base(id, b));
        if let DeclKind::Struct(st) = &mut self.decl_mut(id).kind {
            st.base = base;
        }
        self.bases_set(id);
        let annotations = self.annotate(&def.annotations, Place::Struct, None);
        self.decl_mut(id).annotations = annotations;

        self.enter(id);
        for inner in &s.inner {
            self.error(
                Diagnostic::warning("constant declared inside a struct", inner.span).with_note(
                    format!(
                        "this is a TAO extension: the constant is declared in the scope of `{}`",
                        s.name.name
                    ),
                ),
            );
            self.definition(inner);
        }
        let mut names = self.scratch.names.take();
        if let Some(base) = base {
            let mut inherited = Vec::new();
            for ancestor in std::iter::once(base).chain(self.ancestors(base).iter().copied()) {
                if let DeclKind::Struct(b) = &self.decl(ancestor).kind {
                    inherited.extend(b.members.iter().map(|m| (m.name.clone(), m.name_span)));
                }
            }
            for (name, span) in &inherited {
                self.add_inherited_name(&mut names, name, *span);
            }
        }
        let mut members = self.members(&s.members, &mut names, Place::Member);
        self.scratch.names.give(names);
        self.advance_pragmas(def.span.file, def.span.end);
        self.leave();

        let (mut taken, first) = match base {
            Some(base) => self.struct_ids(base),
            None => (self.scratch.ids.take(), 0),
        };
        let autoid = self.autoid_for(id);
        self.assign_member_ids(&mut members, autoid, first, &mut taken);
        self.scratch.ids.give(taken);

        let keys = members
            .iter()
            .filter(|m| m.key)
            .map(|m| Key {
                path: vec![m.name.clone()],
                source: KeySource::Annotation,
                span: builtin(&m.annotations, "key").map_or(m.name_span, |a| a.span),
            })
            .collect();
        let annotations = &self.decl(id).annotations;
        let topic = builtin(annotations, "topic").is_some();
        let ext = extensibility(annotations);
        if let DeclKind::Struct(st) = &mut self.decl_mut(id).kind {
            st.members = members;
            st.keys = keys;
            st.topic = topic;
            st.extensibility = ext;
        }
        self.info_mut(id).state = DeclState::Defined;
        id
    }

    /// Resolves the base of struct `id`, which must be a defined struct.
    fn struct_base(&mut self, id: DeclId, name: &ScopedName) -> Option<DeclId> {
        let Some(found) = self.resolve_decl(name, "a struct") else {
            self.info_mut(id).unresolved_base = true;
            return None;
        };
        if self.alias_of_unresolved(found) {
            self.info_mut(id).unresolved_base = true;
            return None;
        }
        let base = self.resolves_to(&Type::Named(found)).unwrap_or(found);
        let this = self.decl_name(id);
        match &self.decl(base).kind {
            DeclKind::Struct(_) if base == id => {
                self.error(Diagnostic::error(
                    format!("struct `{this}` cannot inherit from itself"),
                    tight(name),
                ));
                None
            }
            DeclKind::Struct(_) if self.info(base).state == DeclState::Defined => Some(base),
            DeclKind::Struct(_) | DeclKind::Forward(ForwardKind::Struct) => {
                let shown = self.scoped_name(base);
                self.error(
                    Diagnostic::error(
                        format!("struct `{this}` cannot inherit from `{shown}`, which is not defined yet"),
                        tight(name),
                    )
                    .with_secondary(self.decl(base).name_span, "declared here"),
                );
                None
            }
            _ => {
                let what = self.describe(base);
                self.error(
                    Diagnostic::error(
                        format!("struct `{this}` cannot inherit from {what}"),
                        tight(name),
                    )
                    .with_label("not a struct")
                    .with_note("a struct can only inherit from a struct"),
                );
                None
            }
        }
    }

    /// `exception E { … };`
    // Out of line: see "Code layout" in the module docs.
    #[inline(never)]
    pub(super) fn exception(&mut self, def: &'a Definition, e: &'a ast::Exception) -> DeclId {
        let kind = DeclKind::Exception(Exception::default());
        let id = self.new_decl(&e.name, def.span, def.doc.clone(), kind);
        self.declare_symbol(&e.name, super::symbols::Symbol::Decl(id));
        self.info_mut(id).state = DeclState::Defining;
        let annotations = self.annotate(&def.annotations, Place::Exception, None);
        self.decl_mut(id).annotations = annotations;
        self.enter(id);
        let mut names = self.scratch.names.take();
        let members = self.members(&e.members, &mut names, Place::Member);
        self.scratch.names.give(names);
        self.leave();
        if let DeclKind::Exception(ex) = &mut self.decl_mut(id).kind {
            ex.members = members;
        }
        self.info_mut(id).state = DeclState::Defined;
        id
    }

    /// The members of a struct or exception body (ids are assigned by the caller).
    pub(super) fn members(
        &mut self,
        members: &'a [ast::Member],
        names: &mut NameSet,
        place: Place,
    ) -> Vec<Member> {
        let mut out = Vec::with_capacity(members.iter().map(|m| m.declarators.len()).sum());
        for member in members {
            let ty = self.type_spec(&member.ty);
            let annotations = self.annotate(&member.annotations, place, Some(&ty));
            let key = is_set(&annotations, "key");
            let optional = is_set(&annotations, "optional");
            let external = is_set(&annotations, "external");
            if key
                && optional
                && let Some(a) = builtin(&annotations, "optional")
            {
                self.error(
                    Diagnostic::error("a key member cannot be `@optional`", a.span)
                        .with_note("every key member must always have a value"),
                );
            }
            let default = builtin(&annotations, "default")
                .and_then(|a| a.value())
                .and_then(|v| match v {
                    AnnotationValue::Const(c) => Some(c.clone()),
                    _ => None,
                });
            // Each declarator gets its own copy of what they share; the last one takes it.
            let mut shared = Some((ty, annotations, default));
            for (i, declarator) in member.declarators.iter().enumerate() {
                let Some((ty, annotations, default)) = (if i + 1 == member.declarators.len() {
                    shared.take()
                } else {
                    shared.clone()
                }) else {
                    break;
                };
                let ty = self.declarator_type(ty, declarator);
                let name = self.declare_name(names, &declarator.name.name, declarator.name.span);
                self.check_by_value(&ty, member.ty.span, external || optional);
                out.push(Member {
                    name,
                    name_span: declarator.name.span,
                    ty,
                    doc: member.doc.clone(),
                    annotations,
                    id: 0,
                    key,
                    optional,
                    external,
                    default,
                    span: declarator.span,
                });
            }
        }
        out
    }
}
