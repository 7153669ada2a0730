//! Discriminated unions (§7.4.1.4.4.4.2): the discriminator type, case labels evaluated with it
//! (no duplicates, at most one `default`), elements.

use super::{
    Checker, DeclState,
    annotations::{builtin, extensibility, is_set},
    builtin_annotations::Place,
    definitions::Family,
    eval::Target,
    interner::NameSet,
};
use crate::{
    ast::{self, Definition},
    diagnostic::Diagnostic,
    model::{
        AnnotationValue, Case, CaseLabel, ConstValue, DeclId, DeclKind, Member, Primitive, Type,
        Union,
    },
    source::Span,
};

/// A case label reduced to what makes two labels equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum LabelKey {
    Int(i128),
    Bool(bool),
    Enumerator(u32),
}

fn label_key(value: &ConstValue) -> Option<LabelKey> {
    Some(match value {
        ConstValue::Integer(n, _) => LabelKey::Int(*n),
        ConstValue::Octet(n) => LabelKey::Int((*n).into()),
        ConstValue::Char(c) | ConstValue::WChar(c) => LabelKey::Int(u32::from(*c).into()),
        ConstValue::Bool(b) => LabelKey::Bool(*b),
        ConstValue::Enumerator { index, .. } => LabelKey::Enumerator(*index),
        _ => return None,
    })
}

impl<'a> Checker<'a> {
    /// `union U switch (D) { … };`
    // Out of line: see "Code layout" in the module docs.
    #[inline(never)]
    pub(super) fn union(&mut self, def: &'a Definition, u: &'a ast::Union) -> DeclId {
        let placeholder = DeclKind::Union(Union {
            discriminator: Type::Unresolved,
            discriminator_annotations: Vec::new(),
            discriminator_key: false,
            cases: Vec::new(),
            default_case: None,
            extensibility: None,
            inner: Vec::new(),
        });
        let id = self.define(def, &u.name, Family::Union, placeholder);
        let discriminator = self.type_spec(&u.discriminator);
        let target = self.discriminator_target(&discriminator, u.discriminator.span);
        let discriminator_annotations = self.annotate(
            &u.discriminator_annotations,
            Place::Discriminator,
            Some(&discriminator),
        );
        let annotations = self.annotate(&def.annotations, Place::Union, None);
        self.decl_mut(id).annotations = annotations;

        self.enter(id);
        let mut names = self.scratch.names.take();
        let mut seen = self.scratch.labels.take();
        let mut default: Option<(usize, Span)> = None;
        let mut cases = Vec::with_capacity(u.cases.len());
        for (index, case) in u.cases.iter().enumerate() {
            let mut labels = Vec::with_capacity(case.labels.len());
            for label in &case.labels {
                match label {
                    ast::CaseLabel::Default(span) => {
                        if let Some((_, first)) = default {
                            self.error(
                                Diagnostic::error(
                                    format!(
                                        "union `{}` has more than one `default` label",
                                        u.name.name
                                    ),
                                    *span,
                                )
                                .with_secondary(first, "first `default` here"),
                            );
                        } else {
                            default = Some((index, *span));
                        }
                        labels.push(CaseLabel::Default);
                    }
                    ast::CaseLabel::Value(expr) => {
                        let Some(target) = &target else {
                            continue;
                        };
                        self.in_case_label = true;
                        let value = self.eval(expr, target);
                        self.in_case_label = false;
                        let Some(value) = value else {
                            continue;
                        };
                        if let Some(key) = label_key(&value) {
                            if let Some(first) = seen.get(&key) {
                                let shown = self.sources.snippet(expr.span).to_owned();
                                self.error(
                                    Diagnostic::error(
                                        format!("case label `{shown}` is used more than once"),
                                        expr.span,
                                    )
                                    .with_secondary(*first, "first used here"),
                                );
                            } else {
                                seen.insert(key, expr.span);
                            }
                        }
                        labels.push(CaseLabel::Value(value));
                    }
                }
            }
            cases.push(Case {
                labels,
                member: self.union_member(case, &mut names),
            });
        }
        self.scratch.names.give(names);
        self.scratch.labels.give(seen);
        self.advance_pragmas(def.span.file, def.span.end);
        self.leave();

        let autoid = self.autoid_for(id);
        // Union elements are numbered from 1: the discriminator comes first.
        let mut taken = self.scratch.ids.take();
        self.assign_member_ids(&mut cases, autoid, 1, &mut taken);
        self.scratch.ids.give(taken);

        let ext = extensibility(&self.decl(id).annotations);
        if let DeclKind::Union(un) = &mut self.decl_mut(id).kind {
            un.discriminator = discriminator;
            un.discriminator_key = is_set(&discriminator_annotations, "key");
            un.discriminator_annotations = discriminator_annotations;
            un.cases = cases;
            un.default_case = default.map(|(i, _)| i);
            un.extensibility = ext;
        }
        self.info_mut(id).state = DeclState::Defined;
        id
    }

    fn union_member(&mut self, case: &'a ast::Case, names: &mut NameSet) -> Member {
        let element = self.type_spec(&case.ty);
        // The element type is the context of the case's annotations, if it has any.
        let context = (!case.annotations.is_empty()).then(|| element.clone());
        let ty = self.declarator_type(element, &case.declarator);
        let annotations = self.annotate(&case.annotations, Place::UnionMember, context.as_ref());
        let name = &case.declarator.name;
        let interned = self.declare_name(names, &name.name, name.span);
        let external = is_set(&annotations, "external");
        self.check_by_value(&ty, case.ty.span, external);
        let default = builtin(&annotations, "default")
            .and_then(|a| a.value())
            .and_then(|v| match v {
                AnnotationValue::Const(c) => Some(c.clone()),
                _ => None,
            });
        Member {
            name: interned,
            name_span: name.span,
            ty,
            doc: case.doc.clone(),
            key: false,
            optional: false,
            external,
            default,
            annotations,
            id: 0,
            span: case.declarator.span,
        }
    }

    /// What labels are evaluated as, or `None` (after reporting it) for a type that cannot
    /// discriminate.
    fn discriminator_target(&mut self, ty: &Type, span: Span) -> Option<Target> {
        if *ty == Type::Unresolved {
            return None;
        }
        let valid = match self.unalias(ty) {
            Type::Primitive(p) => {
                p.is_integer()
                    || matches!(
                        p,
                        Primitive::Char | Primitive::WChar | Primitive::Boolean | Primitive::Octet
                    )
            }
            Type::Named(id) => matches!(self.decl(*id).kind, DeclKind::Enum(_)),
            Type::Unresolved => return None,
            _ => false,
        };
        if !valid {
            let shown = self.type_name(ty);
            self.error(
                Diagnostic::error(format!("`{shown}` cannot be a union discriminator"), span)
                    .with_note(
                        "a discriminator has an integer, `char`, `wchar`, `boolean`, `octet` or \
                         enum type",
                    ),
            );
            return None;
        }
        self.target_for(ty)
    }
}
