//! Interfaces (§7.4.3): inheritance (bases must be defined interfaces of a compatible kind, no
//! cycles, no operation or attribute redefined from a base), operations (parameters, `oneway`
//! rules, `raises` naming exceptions) and attributes.

use std::collections::HashMap;

use super::{
    Checker, DeclState,
    builtin_annotations::Place,
    definitions::Family,
    resolve::tight,
    symbols::{FxBuild, NameMap, NameSet},
};
use crate::{
    ast::{self, Definition, Export, InterfaceKind, ParamDirection, ScopedName},
    diagnostic::Diagnostic,
    model::{Attribute, DeclId, DeclKind, ForwardKind, Interface, Operation, Param, Type},
    source::Span,
};

/// An operation or attribute of a base interface, by position.
#[derive(Clone, Copy, Debug)]
struct Inherited {
    base: DeclId,
    index: usize,
    attribute: bool,
}

impl Checker<'_> {
    /// `interface I : A, B { … };`
    pub(super) fn interface(&mut self, def: &Definition, i: &ast::Interface) -> DeclId {
        let placeholder = DeclKind::Interface(Interface {
            kind: i.kind,
            bases: Vec::new(),
            operations: Vec::new(),
            attributes: Vec::new(),
            items: Vec::new(),
        });
        let id = self.define(def, &i.name, Family::Interface, placeholder);
        let bases = self.interface_bases(id, i);
        if let DeclKind::Interface(interface) = &mut self.decl_mut(id).kind {
            interface.bases = bases;
        }
        self.inheritance_changed();
        let annotations = self.annotate(&def.annotations, Place::Interface, None);
        self.decl_mut(id).annotations = annotations;

        let inherited = self.inherited_operations(id, &i.name);
        self.enter(id);
        let mut names = NameSet::default();
        let operation_count = i
            .body
            .iter()
            .filter(|e| matches!(e, Export::Operation(_)))
            .count();
        let mut operations = Vec::with_capacity(operation_count);
        let mut attributes = Vec::new();
        for export in &i.body {
            match export {
                Export::Operation(op) => {
                    self.advance_pragmas(op.span.file, op.span.start);
                    self.check_not_inherited(&inherited, &op.name);
                    operations.push(self.operation(op, &mut names));
                }
                Export::Attribute(attribute) => {
                    self.advance_pragmas(attribute.span.file, attribute.span.start);
                    for name in &attribute.names {
                        self.check_not_inherited(&inherited, name);
                    }
                    attributes.extend(self.attribute(attribute, &mut names));
                }
                Export::Definition(definition) => {
                    self.advance_pragmas(definition.span.file, definition.span.start);
                    self.definition(definition);
                }
            }
        }
        self.advance_pragmas(def.span.file, def.span.end);
        self.leave();
        if let DeclKind::Interface(interface) = &mut self.decl_mut(id).kind {
            interface.operations = operations;
            interface.attributes = attributes;
        }
        self.info_mut(id).state = DeclState::Defined;
        id
    }

    /// Resolves and checks the bases of interface `id`.
    fn interface_bases(&mut self, id: DeclId, i: &ast::Interface) -> Vec<DeclId> {
        let mut bases: Vec<DeclId> = Vec::with_capacity(i.bases.len());
        let mut written: HashMap<DeclId, Span, FxBuild> = HashMap::default();
        for name in &i.bases {
            let Some(base) = self.interface_base(id, i, name) else {
                continue;
            };
            if let Some(first) = written.get(&base) {
                self.error(
                    Diagnostic::error(
                        format!("`{name}` is listed more than once as a base"),
                        tight(name),
                    )
                    .with_secondary(*first, "first listed here"),
                );
                continue;
            }
            written.insert(base, tight(name));
            bases.push(base);
        }
        bases
    }

    fn interface_base(
        &mut self,
        id: DeclId,
        i: &ast::Interface,
        name: &ScopedName,
    ) -> Option<DeclId> {
        let Some(found) = self.resolve_decl(name, "an interface") else {
            self.info_mut(id).unresolved_base = true;
            return None;
        };
        if self.alias_of_unresolved(found) {
            self.info_mut(id).unresolved_base = true;
            return None;
        }
        let base = self.resolves_to(&Type::Named(found)).unwrap_or(found);
        let this = i.name.name.clone();
        let shown = self.decl(base).scoped_name.clone();
        let base_kind = match &self.decl(base).kind {
            DeclKind::Interface(b) => b.kind,
            DeclKind::Forward(ForwardKind::Interface(kind)) => *kind,
            _ => {
                let what = self.describe(base);
                self.error(
                    Diagnostic::error(
                        format!("interface `{this}` cannot inherit from {what}"),
                        tight(name),
                    )
                    .with_label("not an interface")
                    .with_note("an interface can only inherit from interfaces"),
                );
                return None;
            }
        };
        if base == id {
            self.error(
                Diagnostic::error(
                    format!("interface `{this}` inherits from itself"),
                    tight(name),
                )
                .with_label("inheritance cycle"),
            );
            return None;
        }
        if self.ancestors(base).contains(&id) {
            self.error(
                Diagnostic::error(
                    format!("interface `{this}` inherits from itself through `{shown}`"),
                    tight(name),
                )
                .with_label("inheritance cycle"),
            );
            return None;
        }
        match self.info(base).state {
            DeclState::Defined => {}
            DeclState::Forward => {
                // Some compilers accept this; the base's operations are not visible here yet.
                self.error(
                    Diagnostic::warning(
                        format!(
                            "interface `{this}` inherits from `{shown}` before `{shown}` is defined"
                        ),
                        tight(name),
                    )
                    .with_secondary(self.decl(base).name_span, "declared ahead here")
                    .with_help(format!("define `{shown}` before `{this}`")),
                );
                self.forward_bases.push((id, base, tight(name)));
            }
            DeclState::Defining => {
                self.error(Diagnostic::error(
                    format!(
                        "interface `{this}` cannot inherit from `{shown}`, whose definition is \
                         not complete"
                    ),
                    tight(name),
                ));
                return None;
            }
        }
        let problem = match (i.kind, base_kind) {
            (InterfaceKind::Unconstrained, InterfaceKind::Local) => {
                Some("an unconstrained interface cannot inherit from a local one")
            }
            (InterfaceKind::Abstract, InterfaceKind::Unconstrained | InterfaceKind::Local) => {
                Some("an abstract interface can only inherit from abstract interfaces")
            }
            _ => None,
        };
        if let Some(note) = problem {
            self.error(
                Diagnostic::error(
                    format!("interface `{this}` cannot inherit from `{shown}`"),
                    tight(name),
                )
                .with_note(note),
            );
            return None;
        }
        Some(base)
    }

    /// At the end of the unit: reports interfaces inheriting from one declared ahead and never
    /// defined.
    pub(super) fn check_forward_bases(&mut self) {
        for (derived, base, span) in std::mem::take(&mut self.forward_bases) {
            if matches!(self.decl(base).kind, DeclKind::Forward(_)) {
                let this = self.decl(derived).scoped_name.clone();
                let shown = self.decl(base).scoped_name.clone();
                self.error(
                    Diagnostic::error(
                        format!(
                            "interface `{this}` inherits from `{shown}`, which is never defined"
                        ),
                        span,
                    )
                    .with_secondary(
                        self.decl(base).name_span,
                        "declared here without a definition",
                    ),
                );
            }
        }
    }

    /// The operations and attributes interface `id` inherits, by name. Reports names inherited
    /// from two unrelated interfaces.
    fn inherited_operations(&mut self, id: DeclId, name: &ast::Ident) -> NameMap<Inherited> {
        let mut inherited: NameMap<Inherited> = NameMap::default();
        let mut conflicts = Vec::new();
        for &base in self.ancestors(id).iter() {
            let DeclKind::Interface(interface) = &self.decl(base).kind else {
                continue;
            };
            let operations = (0..interface.operations.len()).map(|index| Inherited {
                base,
                index,
                attribute: false,
            });
            let attributes = (0..interface.attributes.len()).map(|index| Inherited {
                base,
                index,
                attribute: true,
            });
            for op in operations.chain(attributes) {
                let op_name = self.inherited_name(&op);
                let first = inherited
                    .get(op_name, |v| self.inherited_name(v))
                    .map(|f| f.base);
                match first {
                    Some(first) if first != base => {
                        conflicts.push((op_name.to_owned(), first, base));
                    }
                    Some(_) => {}
                    None => inherited.insert(op_name, op, |v| self.inherited_name(v)),
                }
            }
        }
        for (op, first, second) in conflicts {
            let (a, b) = (
                self.decl(first).scoped_name.clone(),
                self.decl(second).scoped_name.clone(),
            );
            self.error(Diagnostic::error(
                format!(
                    "interface `{}` inherits `{op}` from both `{a}` and `{b}`",
                    name.name
                ),
                name.span,
            ));
        }
        inherited
    }

    /// The name of an inherited operation or attribute.
    fn inherited_name(&self, op: &Inherited) -> &str {
        let DeclKind::Interface(interface) = &self.decl(op.base).kind else {
            return "";
        };
        let name = if op.attribute {
            interface.attributes.get(op.index).map(|a| &a.name)
        } else {
            interface.operations.get(op.index).map(|o| &o.name)
        };
        name.map_or("", String::as_str)
    }

    fn check_not_inherited(&mut self, inherited: &NameMap<Inherited>, name: &ast::Ident) {
        let found = inherited
            .get(&name.name, |v| self.inherited_name(v))
            .map(|op| op.base);
        if let Some(base) = found {
            let shown = self.decl(base).scoped_name.clone();
            self.error(
                Diagnostic::error(
                    format!(
                        "`{}` is already defined in base interface `{shown}`",
                        name.name
                    ),
                    name.span,
                )
                .with_note("operations and attributes cannot be redefined in a derived interface"),
            );
        }
    }

    /// One operation (also used for valuetypes and homes).
    pub(super) fn operation<'a>(
        &mut self,
        op: &'a ast::Operation,
        names: &mut NameSet<'a>,
    ) -> Operation {
        if let Some(diagnostic) = names.insert(&op.name.name, op.name.span) {
            self.error(diagnostic);
        }
        if let Some(scope) = self.scope() {
            self.check_not_scope_name(scope, &op.name);
        }
        let result = op.result.as_ref().map(|spec| {
            let ty = self.type_spec(spec);
            self.check_by_value(&ty, spec.span, false);
            ty
        });
        let params = self.params(&op.params);
        let raises = self.raises(&op.raises);
        let annotations = self.annotate(&op.annotations, Place::Operation, None);
        if op.oneway {
            self.check_oneway(op);
        }
        Operation {
            name: op.name.name.clone(),
            name_span: op.name.span,
            doc: op.doc.clone(),
            annotations,
            oneway: op.oneway,
            result,
            params,
            raises,
            context: op.context.iter().map(|c| c.value.clone()).collect(),
            span: op.span,
        }
    }

    fn check_oneway(&mut self, op: &ast::Operation) {
        let name = &op.name.name;
        if let Some(result) = &op.result {
            self.error(
                Diagnostic::error(
                    format!("oneway operation `{name}` cannot return a value"),
                    result.span,
                )
                .with_help("a oneway operation returns `void`"),
            );
        }
        for param in &op.params {
            if param.direction != ParamDirection::In {
                self.error(
                    Diagnostic::error(
                        format!(
                            "oneway operation `{name}` cannot have `out` or `inout` parameters"
                        ),
                        param.span,
                    )
                    .with_note("nothing travels back from a oneway call"),
                );
            }
        }
        if let Some(first) = op.raises.first() {
            self.error(
                Diagnostic::error(
                    format!("oneway operation `{name}` cannot raise exceptions"),
                    first.span,
                )
                .with_note("nothing travels back from a oneway call"),
            );
        }
    }

    /// Parameters of an operation or factory.
    pub(super) fn params(&mut self, params: &[ast::Param]) -> Vec<Param> {
        let mut names = NameSet::default();
        params
            .iter()
            .map(|param| {
                if let Some(diagnostic) = names.insert(&param.name.name, param.name.span) {
                    self.error(diagnostic);
                }
                let ty = self.type_spec(&param.ty);
                self.check_by_value(&ty, param.ty.span, false);
                let annotations = self.annotate(&param.annotations, Place::Parameter, Some(&ty));
                Param {
                    name: param.name.name.clone(),
                    name_span: param.name.span,
                    direction: param.direction,
                    ty,
                    annotations,
                }
            })
            .collect()
    }

    /// Resolves a `raises`, `getraises` or `setraises` list: each name must be an exception.
    pub(super) fn raises(&mut self, names: &[ScopedName]) -> Vec<DeclId> {
        let mut out: Vec<DeclId> = Vec::with_capacity(names.len());
        let mut written: HashMap<DeclId, Span, FxBuild> = HashMap::default();
        for name in names {
            let Some(id) = self.resolve_decl(name, "an exception") else {
                continue;
            };
            match &self.decl(id).kind {
                DeclKind::Exception(_) => {}
                DeclKind::Native => {
                    // CCM's AMI4CCM raises a native `UserExceptionBase`; TAO accepts it.
                    let what = self.describe(id);
                    self.error(
                        Diagnostic::warning(
                            format!("`raises` names {what}, which is not an exception"),
                            tight(name),
                        )
                        .with_note("a native type is accepted here, as TAO does"),
                    );
                }
                _ => {
                    let what = self.describe(id);
                    self.error(
                        Diagnostic::error(
                            format!("`raises` names {what}, which is not an exception"),
                            tight(name),
                        )
                        .with_label("not an exception")
                        .with_secondary(self.decl(id).name_span, "declared here"),
                    );
                    continue;
                }
            }
            if let Some(first) = written.get(&id) {
                self.error(
                    Diagnostic::error(
                        format!("exception `{name}` is listed more than once"),
                        tight(name),
                    )
                    .with_secondary(*first, "first listed here"),
                );
                continue;
            }
            written.insert(id, tight(name));
            out.push(id);
        }
        out
    }

    /// One attribute declaration (one entry per name).
    pub(super) fn attribute<'a>(
        &mut self,
        attribute: &'a ast::Attribute,
        names: &mut NameSet<'a>,
    ) -> Vec<Attribute> {
        let ty = self.type_spec(&attribute.ty);
        self.check_by_value(&ty, attribute.ty.span, false);
        let annotations = self.annotate(&attribute.annotations, Place::Attribute, Some(&ty));
        let get_raises = self.raises(&attribute.get_raises);
        let set_raises = self.raises(&attribute.set_raises);
        let mut out = Vec::with_capacity(attribute.names.len());
        for name in &attribute.names {
            if let Some(diagnostic) = names.insert(&name.name, name.span) {
                self.error(diagnostic);
            }
            if let Some(scope) = self.scope() {
                self.check_not_scope_name(scope, name);
            }
            out.push(Attribute {
                name: name.name.clone(),
                name_span: name.span,
                doc: attribute.doc.clone(),
                annotations: annotations.clone(),
                readonly: attribute.readonly,
                ty: ty.clone(),
                get_raises: get_raises.clone(),
                set_raises: set_raises.clone(),
            });
        }
        out
    }
}
