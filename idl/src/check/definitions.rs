//! The walk over definitions: dispatch by kind, modules (reopened ones merged), forward
//! declarations and their completion, typedefs, constants and natives.

use super::{
    Checker, DeclState,
    builtin_annotations::Place,
    eval::Target,
    folded::fold,
    resolve::tight,
    symbols::{Entry, Symbol, clash},
};
use crate::{
    ast::{self, Definition, DefinitionKind, Ident, TypeKind},
    diagnostic::Diagnostic,
    model::{Const, DeclId, DeclKind, ForwardKind, Module, Type, Typedef, UnsupportedKind},
};

/// The declarations a forward declaration can be completed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Family {
    /// `struct S;` / `struct S { … };`
    Struct,
    /// `union U;` / `union U switch …`
    Union,
    /// `interface I;` / `interface I { … };`
    Interface,
    /// Valuetypes, eventtypes and components.
    Unsupported(UnsupportedKind),
}

impl<'a> Checker<'a> {
    /// Checks definitions in the current scope, in order.
    pub(super) fn definitions(&mut self, definitions: &'a [Definition]) {
        for definition in definitions {
            self.advance_pragmas(definition.span.file, definition.span.start);
            self.definition(definition);
        }
    }

    /// Checks one definition; returns the declaration it made, if it made one.
    pub(super) fn definition(&mut self, def: &'a Definition) -> Option<DeclId> {
        if !self.descend(def.span) {
            return None;
        }
        let id = self.dispatch(def);
        self.ascend();
        id
    }

    fn dispatch(&mut self, def: &'a Definition) -> Option<DeclId> {
        use DefinitionKind as K;
        match &def.kind {
            K::Module(m) => Some(self.module(def, m)),
            K::Interface(i) => Some(self.interface(def, i)),
            K::InterfaceForward(f) => Some(self.forward(
                def,
                &f.name,
                Family::Interface,
                DeclKind::Forward(ForwardKind::Interface(f.kind)),
            )),
            K::Const(c) => Some(self.constant(def, c)),
            K::Typedef(t) => {
                self.typedef(def, t);
                None
            }
            K::Struct(s) => Some(self.structure(def, s)),
            K::StructForward(f) => Some(self.forward(
                def,
                &f.name,
                Family::Struct,
                DeclKind::Forward(ForwardKind::Struct),
            )),
            K::Union(u) => Some(self.union(def, u)),
            K::UnionForward(f) => Some(self.forward(
                def,
                &f.name,
                Family::Union,
                DeclKind::Forward(ForwardKind::Union),
            )),
            K::Enum(e) => Some(self.enumeration(def, e)),
            K::Native(name) => Some(self.native(def, name)),
            K::Exception(e) => Some(self.exception(def, e)),
            K::Bitset(b) => Some(self.bitset(def, b)),
            K::Bitmask(b) => Some(self.bitmask(def, b)),
            K::Annotation(a) => {
                self.annotate(&def.annotations, Place::Other, None);
                self.annotation_decl(a);
                None
            }
            K::TypeId(t) => {
                self.type_id(t);
                None
            }
            K::TypePrefix(t) => {
                self.type_prefix(t);
                None
            }
            K::Import(import) => {
                self.import(import);
                None
            }
            K::ValueType(_)
            | K::ValueBox(_)
            | K::ValueForward(_)
            | K::Component(_)
            | K::ComponentForward(_)
            | K::Home(_)
            | K::Porttype(_)
            | K::Connector(_)
            | K::TemplateModule(_)
            | K::TemplateInstance(_) => self.unsupported(def),
        }
    }

    /// `module M { … };`: reopening an existing module continues it.
    // Out of line: see "Code layout" in the module docs.
    #[inline(never)]
    fn module(&mut self, def: &'a Definition, module: &'a ast::Module) -> DeclId {
        let scope = self.scope();
        let existing = self
            .symbol(scope, &module.name.name)
            .and_then(|entry| match entry.symbol {
                Symbol::Decl(id) if matches!(self.decl(id).kind, DeclKind::Module(_)) => {
                    Some((id, entry))
                }
                _ => None,
            });
        let id = match existing {
            Some((id, entry)) => {
                if entry.name != module.name.name {
                    self.error(clash(
                        &module.name.name,
                        module.name.span,
                        entry.name,
                        entry.span,
                    ));
                }
                let decl = self.decl_mut(id);
                if decl.doc.is_none() {
                    decl.doc.clone_from(&def.doc);
                }
                if let DeclKind::Module(m) = &mut decl.kind {
                    m.openings.push(def.span);
                }
                id
            }
            None => {
                let kind = DeclKind::Module(Module {
                    items: Vec::with_capacity(module.definitions.len()),
                    openings: vec![def.span],
                });
                let id = self.new_decl(&module.name, def.span, def.doc.clone(), kind);
                self.declare_symbol(&module.name, Symbol::Decl(id));
                id
            }
        };
        let annotations = self.annotate(&def.annotations, Place::Module, None);
        self.decl_mut(id).annotations.extend(annotations);
        self.enter(id);
        self.definitions(&module.definitions);
        self.advance_pragmas(def.span.file, def.span.end);
        self.leave();
        id
    }

    /// A forward declaration: declares the name, or does nothing when it is already declared
    /// (ahead or completely) as the same kind of thing.
    // Out of line: see "Code layout" in the module docs.
    #[inline(never)]
    fn forward(
        &mut self,
        def: &'a Definition,
        name: &'a Ident,
        family: Family,
        kind: DeclKind,
    ) -> DeclId {
        if let Some(id) = self.existing_of_family(name, family, false) {
            return id;
        }
        let id = self.new_decl(name, def.span, def.doc.clone(), kind);
        let info = self.info_mut(id);
        info.state = DeclState::Forward;
        info.forward_span = Some(def.span);
        self.declare_symbol(name, Symbol::Decl(id));
        id
    }

    /// Starts the definition of a struct, union, interface, valuetype, …: completes the
    /// declaration made by a forward declaration of the same name, or declares a new one. The
    /// declaration is left in [`DeclState::Defining`]; the caller sets it to `Defined`.
    pub(super) fn define(
        &mut self,
        def: &'a Definition,
        name: &'a Ident,
        family: Family,
        kind: DeclKind,
    ) -> DeclId {
        // The name is registered for the declaration about to be made; when it is taken, by a
        // forward declaration of the same family this completes, or by anything else (a clash,
        // reported once the declaration is made).
        let next = DeclId(self.decls.len() as u32);
        let taken = self
            .try_declare(self.scope(), name, Symbol::Decl(next))
            .err();
        if let Some(existing) = &taken
            && let Some(id) = self.forward_of_family(existing, name, family)
        {
            let decl = self.decl_mut(id);
            decl.span = def.span;
            decl.name_span = name.span;
            if def.doc.is_some() {
                decl.doc.clone_from(&def.doc);
            }
            decl.kind = kind;
            self.info_mut(id).state = DeclState::Defining;
            self.inheritance_changed();
            return id;
        }
        let id = self.new_decl(name, def.span, def.doc.clone(), kind);
        self.info_mut(id).state = DeclState::Defining;
        if let Some(existing) = &taken {
            self.report_clash(name, existing);
        }
        id
    }

    /// The declaration `existing` names when it is a forward declaration of `family` that
    /// `name` completes (reporting a spelling that differs in case).
    fn forward_of_family(
        &mut self,
        existing: &Entry<'a>,
        name: &Ident,
        family: Family,
    ) -> Option<DeclId> {
        let Symbol::Decl(id) = existing.symbol else {
            return None;
        };
        if family_of(&self.decl(id).kind) != Some(family)
            || self.info(id).state != DeclState::Forward
        {
            return None;
        }
        if existing.name != name.name {
            self.error(clash(&name.name, name.span, existing.name, existing.span));
        }
        Some(id)
    }

    /// The declaration of `name` in the current scope when it belongs to `family` (and, with
    /// `forward_only`, has not been defined yet).
    fn existing_of_family(
        &mut self,
        name: &'a Ident,
        family: Family,
        forward_only: bool,
    ) -> Option<DeclId> {
        let entry = self.symbol(self.scope(), &name.name)?;
        let Symbol::Decl(id) = entry.symbol else {
            return None;
        };
        if family_of(&self.decl(id).kind) != Some(family) {
            return None;
        }
        if forward_only && self.info(id).state != DeclState::Forward {
            return None;
        }
        if entry.name != name.name {
            self.error(clash(&name.name, name.span, entry.name, entry.span));
        }
        Some(id)
    }

    /// `typedef T a, b[3];`
    // Out of line: see "Code layout" in the module docs.
    #[inline(never)]
    fn typedef(&mut self, def: &'a Definition, typedef: &'a ast::Typedef) {
        let ty = self.type_spec(&typedef.ty);
        let annotations = self.annotate(&def.annotations, Place::Typedef, Some(&ty));
        // Each declarator gets its own copy of the type and annotations; the last one takes them.
        let mut shared = Some((ty, annotations));
        for (i, declarator) in typedef.declarators.iter().enumerate() {
            let Some((ty, annotations)) = (if i + 1 == typedef.declarators.len() {
                shared.take()
            } else {
                shared.clone()
            }) else {
                break;
            };
            let ty = self.declarator_type(ty, declarator);
            let kind = DeclKind::Typedef(Typedef { ty });
            let id = self.new_decl(&declarator.name, def.span, def.doc.clone(), kind);
            self.decl_mut(id).annotations = annotations;
            self.declare_symbol(&declarator.name, Symbol::Decl(id));
        }
    }

    /// `const T N = value;`: the value is evaluated before the name is declared.
    // Out of line: see "Code layout" in the module docs.
    #[inline(never)]
    fn constant(&mut self, def: &'a Definition, constant: &'a ast::Const) -> DeclId {
        let (ty, target) = if matches!(constant.ty.kind, TypeKind::Fixed(None)) {
            (None, Some(Target::Fixed(None)))
        } else {
            let ty = self.type_spec(&constant.ty);
            let target = self.const_target(&ty, &constant.ty);
            (Some(ty), target)
        };
        let value = target.and_then(|t| self.eval(&constant.value, &t));
        let ty = match (ty, &value) {
            (Some(ty), _) => ty,
            (None, Some(crate::model::ConstValue::Fixed(f))) => Type::Fixed {
                digits: f.digits() as u8,
                scale: f.scale as u8,
            },
            (None, _) => Type::Unresolved,
        };
        let id = self.new_decl(
            &constant.name,
            def.span,
            def.doc.clone(),
            DeclKind::Const(Const { ty, value }),
        );
        let annotations = self.annotate(&def.annotations, Place::Const, None);
        self.decl_mut(id).annotations = annotations;
        self.declare_symbol(&constant.name, Symbol::Decl(id));
        id
    }

    /// What a constant of type `ty` is evaluated as; reports types constants cannot have.
    fn const_target(&mut self, ty: &Type, spec: &ast::TypeSpec) -> Option<Target> {
        if *self.unalias(ty) == Type::Unresolved {
            return None;
        }
        match self.target_for(ty) {
            Some(Target::Any) | None => {
                let shown = self.type_name(ty);
                self.error(
                    Diagnostic::error(format!("a constant cannot have type `{shown}`"), spec.span)
                        .with_note(
                            "constants have an integer, floating-point, fixed-point, character, \
                             string, boolean, octet or enum type",
                        ),
                );
                None
            }
            Some(target) => Some(target),
        }
    }

    /// `import ::Scope;` makes the names of another specification visible. When the scope is
    /// not in this unit, names inside it cannot be checked: say so once, and do not report them.
    fn import(&mut self, import: &ast::Import) {
        let ast::Import::Scope(name) = import else {
            return;
        };
        if self.resolve_quietly(name).is_some() {
            return;
        }
        if let Some(first) = name.parts.first() {
            self.unknown_imports.insert(fold(&first.name));
        }
        self.error(
            Diagnostic::warning(
                format!("`import {name}` names a scope that is not in this unit"),
                tight(name),
            )
            .with_note("names inside it are not checked"),
        );
    }

    /// `native N;`
    // Out of line: see "Code layout" in the module docs.
    #[inline(never)]
    fn native(&mut self, def: &'a Definition, name: &'a Ident) -> DeclId {
        let id = self.new_decl(name, def.span, def.doc.clone(), DeclKind::Native);
        let annotations = self.annotate(&def.annotations, Place::Native, None);
        self.decl_mut(id).annotations = annotations;
        self.declare_symbol(name, Symbol::Decl(id));
        id
    }
}

/// Which forward-declaration family a declaration belongs to.
fn family_of(kind: &DeclKind) -> Option<Family> {
    Some(match kind {
        DeclKind::Struct(_) | DeclKind::Forward(ForwardKind::Struct) => Family::Struct,
        DeclKind::Union(_) | DeclKind::Forward(ForwardKind::Union) => Family::Union,
        DeclKind::Interface(_) | DeclKind::Forward(ForwardKind::Interface(_)) => Family::Interface,
        DeclKind::Unsupported(u) => Family::Unsupported(u.what),
        _ => return None,
    })
}
