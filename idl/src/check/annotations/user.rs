//! Annotations declared with `@annotation Name { … };` (§7.4.15.2): their parameters (types,
//! defaults, the enums they declare), and applications checked against them.

use std::collections::HashMap;

use super::Target;
use crate::{
    ast::{self, ConstExpr, ScopedName, TypeKind},
    check::{Checker, folded::fold, interner::NameSet, symbols::Symbol},
    diagnostic::Diagnostic,
    model::{Annotation, AnnotationParam, AnnotationValue, DeclId, Name, Type},
    source::Span,
};

/// The type of a user annotation's parameter.
#[derive(Clone, Debug)]
enum UserParamType {
    /// A constant type.
    Typed(Target),
    /// An enum declared inside the annotation: its enumerators.
    Enum(Vec<String>),
}

/// One parameter of a user annotation.
#[derive(Clone, Debug)]
struct UserParam {
    name: Name,
    ty: UserParamType,
    default: Option<AnnotationValue>,
}

/// An annotation declared with `@annotation`.
#[derive(Clone, Debug)]
struct UserAnnotation {
    name: String,
    span: Span,
    params: Vec<UserParam>,
}

/// The user annotations declared so far, by (scope, case-folded name). Annotation names live
/// apart from the names of types and constants.
#[derive(Debug, Default)]
pub(in crate::check) struct AnnotationDecls {
    index: HashMap<(Option<DeclId>, String), usize>,
    list: Vec<UserAnnotation>,
}

impl<'a> Checker<'a> {
    /// Declares `@annotation Name { … };` in the current scope.
    pub(in crate::check) fn annotation_decl(&mut self, decl: &'a ast::AnnotationDecl) {
        let mut enums: Vec<(String, Vec<String>)> = Vec::new();
        let mut names = NameSet::default();
        let mut params = Vec::new();
        for item in &decl.body {
            match item {
                ast::AnnotationBodyItem::Definition(def) => {
                    // Enums give parameter types; constants and typedefs are accepted as written.
                    if let ast::DefinitionKind::Enum(e) = &def.kind {
                        let literals = e.enumerators.iter().map(|x| x.name.name.clone()).collect();
                        enums.push((e.name.name.clone(), literals));
                    }
                }
                ast::AnnotationBodyItem::Member(member) => {
                    let (name, class) = self.names.intern_with_class(&member.name.name);
                    if let Some(diagnostic) = names.insert(&name, class, member.name.span) {
                        self.error(diagnostic);
                        continue;
                    }
                    let local_enum = match &member.ty.kind {
                        TypeKind::Named(n) if n.parts.len() == 1 => enums
                            .iter()
                            .find(|(name, _)| n.parts.first().is_some_and(|p| p.name == *name))
                            .map(|(_, literals)| literals.clone()),
                        _ => None,
                    };
                    let ty = match local_enum {
                        Some(literals) => UserParamType::Enum(literals),
                        None => {
                            let ty = self.type_spec(&member.ty);
                            match self.target_for(&ty) {
                                Some(target) => UserParamType::Typed(target),
                                None if *self.unalias(&ty) == Type::Unresolved => {
                                    UserParamType::Typed(Target::Any)
                                }
                                None => {
                                    let shown = self.type_name(&ty);
                                    self.error(Diagnostic::error(
                                        format!(
                                            "`{shown}` cannot be the type of an annotation parameter"
                                        ),
                                        member.ty.span,
                                    ));
                                    UserParamType::Typed(Target::Any)
                                }
                            }
                        }
                    };
                    let default = member
                        .default
                        .as_ref()
                        .and_then(|expr| self.user_value(expr, &ty));
                    params.push(UserParam { name, ty, default });
                }
            }
        }
        let key = (self.scope(), fold(&decl.name.name));
        if let Some(&index) = self.annotations.index.get(&key) {
            let first = self.annotations.list.get(index).map(|a| a.span);
            let mut diagnostic = Diagnostic::error(
                format!("annotation `@{}` is defined more than once", decl.name.name),
                decl.name.span,
            );
            if let Some(first) = first {
                diagnostic = diagnostic.with_secondary(first, "first defined here");
            }
            self.error(diagnostic);
            return;
        }
        self.annotations
            .index
            .insert(key, self.annotations.list.len());
        self.annotations.list.push(UserAnnotation {
            name: decl.name.name.clone(),
            span: decl.name.span,
            params,
        });
    }

    fn user_value(&mut self, expr: &ConstExpr, ty: &UserParamType) -> Option<AnnotationValue> {
        match ty {
            UserParamType::Typed(target) => self.eval(expr, target).map(AnnotationValue::Const),
            UserParamType::Enum(literals) => {
                let literals: Vec<&str> = literals.iter().map(String::as_str).collect();
                self.enum_literal(expr, &literals)
            }
        }
    }

    pub(super) fn apply_user(&mut self, annotation: &ast::Annotation, index: usize) -> Annotation {
        let Some(user) = self.annotations.list.get(index).cloned() else {
            return self.raw_annotation(annotation);
        };
        let names: Vec<&str> = user.params.iter().map(|p| p.name.as_str()).collect();
        let given = self.given_args(annotation, &names, &user.name);
        let mut params = Vec::with_capacity(user.params.len());
        for param in &user.params {
            // A parameter without a default that is not given is left out: the standard does not
            // require one, and real files omit them.
            let value = match given.iter().find(|(n, ..)| *n == param.name) {
                Some((_, _, expr)) => self.user_value(expr, &param.ty),
                None => param.default.clone(),
            };
            if let Some(value) = value {
                params.push(AnnotationParam {
                    name: param.name.clone(),
                    value,
                });
            }
        }
        Annotation {
            name: self.intern(&annotation.name.to_string()),
            builtin: false,
            params,
            span: annotation.span,
        }
    }

    /// The user annotation an application names, searched from the current scope outward
    /// (or from the named scope for `@M::ann`).
    pub(super) fn find_user_annotation(&self, name: &ScopedName) -> Option<usize> {
        if self.annotations.list.is_empty() {
            return None;
        }
        let (last, qualifier) = name.parts.split_last()?;
        let folded = fold(&last.name);
        if qualifier.is_empty() && !name.absolute {
            let mut scope = self.scope();
            loop {
                if let Some(&index) = self.annotations.index.get(&(scope, folded.clone())) {
                    return Some(index);
                }
                scope = self.decl(scope?).parent;
            }
        }
        let mut scope: Option<DeclId> = None;
        for (i, part) in qualifier.iter().enumerate() {
            let entry = if i == 0 && !name.absolute {
                let mut search = self.scope();
                loop {
                    if let Some(entry) = self.symbol(search, &part.name) {
                        break Some(entry);
                    }
                    match search {
                        Some(id) => search = self.decl(id).parent,
                        None => break None,
                    }
                }
            } else {
                self.symbol(scope, &part.name)
            };
            match entry?.symbol {
                Symbol::Decl(id) => scope = Some(id),
                Symbol::Enumerator(..) => return None,
            }
        }
        self.annotations.index.get(&(scope, folded)).copied()
    }
}
