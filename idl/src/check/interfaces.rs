//! Interfaces (§7.4.3): inheritance (bases must be defined interfaces of a compatible kind, no
//! cycles, no operation or attribute redefined from a base), operations (parameters, `oneway`
//! rules, `raises` naming exceptions) and attributes.

use std::collections::{HashMap, hash_map::Entry};

use super::{
    Checker, DeclState, builtin_annotations::Place, definitions::Family, folded::FxBuild,
    interner::NameSet, resolve::tight,
};
use crate::{
    ast::{self, Definition, Export, InterfaceKind, ParamDirection, ScopedName},
    diagnostic::Diagnostic,
    model::{Attribute, DeclId, DeclKind, ForwardKind, Interface, Name, Operation, Param, Type},
};

/// The operations and attributes an interface inherits: the interface declaring each, by the
/// case-insensitive class of its name (see `interner`).
pub(super) type Inherited = HashMap<u32, DeclId, FxBuild>;

impl<'a> Checker<'a> {
    /// `interface I : A, B { … };`
    // Out of line: see "Code layout" in the module docs.
    #[inline(never)]
    pub(super) fn interface(&mut self, def: &'a Definition, i: &'a ast::Interface) -> DeclId {
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
        self.bases_set(id);
        let annotations = self.annotate(&def.annotations, Place::Interface, None);
        self.decl_mut(id).annotations = annotations;

        let inherited = self.inherited_operations(id, &i.name);
        self.enter(id);
        let mut names = self.scratch.names.take();
        // The classes of the interface's own operations and attributes, for the interfaces
        // that will inherit them.
        let mut own_operations = self.scratch.classes.take();
        let mut own_attributes = self.scratch.classes.take();
        let mut interned = self.scratch.interned.take();
        let (mut operation_count, mut attribute_count) = (0, 0);
        for export in &i.body {
            match export {
                Export::Operation(_) => operation_count += 1,
                Export::Attribute(a) => attribute_count += a.names.len(),
                Export::Definition(_) => {}
            }
        }
        let mut operations = Vec::with_capacity(operation_count);
        let mut attributes = Vec::with_capacity(attribute_count);
        for export in &i.body {
            match export {
                Export::Operation(op) => {
                    self.advance_pragmas(op.span.file, op.span.start);
                    let (name, class) = self.names.intern_with_class(&op.name.name);
                    self.check_not_inherited(&inherited, class, &op.name);
                    own_operations.push(class);
                    operations.push(self.operation_named(op, &mut names, name, class));
                }
                Export::Attribute(attribute) => {
                    self.advance_pragmas(attribute.span.file, attribute.span.start);
                    interned.clear();
                    for name in &attribute.names {
                        let (text, class) = self.names.intern_with_class(&name.name);
                        self.check_not_inherited(&inherited, class, name);
                        own_attributes.push(class);
                        interned.push((text, class));
                    }
                    self.attribute(attribute, &mut names, &mut attributes, Some(&interned));
                }
                Export::Definition(definition) => {
                    self.advance_pragmas(definition.span.file, definition.span.start);
                    self.definition(definition);
                }
            }
        }
        self.scratch.names.give(names);
        self.scratch.inherited.give(inherited);
        self.scratch.interned.give(interned);
        let start = self.operation_classes.len() as u32;
        self.operation_classes.extend(&own_operations);
        self.operation_classes.extend(&own_attributes);
        self.info_mut(id).operations = start..self.operation_classes.len() as u32;
        self.scratch.classes.give(own_operations);
        self.scratch.classes.give(own_attributes);
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
    fn interface_bases(&mut self, id: DeclId, i: &'a ast::Interface) -> Vec<DeclId> {
        let mut bases: Vec<DeclId> = Vec::with_capacity(i.bases.len());
        let mut written = self.scratch.listed.take();
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
        self.scratch.listed.give(written);
        bases
    }

    fn interface_base(
        &mut self,
        id: DeclId,
        i: &'a ast::Interface,
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
        let this = &i.name.name;
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
            let shown = self.scoped_name(base);
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
                let shown = self.scoped_name(base);
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
                let shown = self.scoped_name(base);
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
            let shown = self.scoped_name(base);
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
                let this = self.scoped_name(derived);
                let shown = self.scoped_name(base);
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
    fn inherited_operations(&mut self, id: DeclId, name: &ast::Ident) -> Inherited {
        let mut inherited = self.scratch.inherited.take();
        let mut conflicts = Vec::new();
        for &base in self.ancestors(id).iter() {
            if !matches!(self.decl(base).kind, DeclKind::Interface(_)) {
                continue;
            }
            let range = self.info(base).operations.clone();
            let classes = self
                .operation_classes
                .get(range.start as usize..range.end as usize)
                .unwrap_or_default();
            for (position, &class) in classes.iter().enumerate() {
                match inherited.entry(class) {
                    Entry::Vacant(slot) => {
                        slot.insert(base);
                    }
                    Entry::Occupied(slot) if *slot.get() != base => {
                        conflicts.push((*slot.get(), base, position));
                    }
                    Entry::Occupied(_) => {}
                }
            }
        }
        for (first, second, position) in conflicts {
            let op = self.operation_name(second, position);
            let (a, b) = (self.scoped_name(first), self.scoped_name(second));
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

    /// The name of operation or attribute `position` of interface `id`, counting its
    /// operations, then its attributes.
    fn operation_name(&self, id: DeclId, position: usize) -> &str {
        let DeclKind::Interface(interface) = &self.decl(id).kind else {
            return "";
        };
        let attribute = position.checked_sub(interface.operations.len());
        let name = match attribute {
            None => interface.operations.get(position).map(|o| &o.name),
            Some(index) => interface.attributes.get(index).map(|a| &a.name),
        };
        name.map_or("", Name::as_str)
    }

    fn check_not_inherited(&mut self, inherited: &Inherited, class: u32, name: &ast::Ident) {
        if let Some(&base) = inherited.get(&class) {
            let shown = self.scoped_name(base);
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
    pub(super) fn operation(&mut self, op: &'a ast::Operation, names: &mut NameSet) -> Operation {
        let (name, class) = self.names.intern_with_class(&op.name.name);
        self.operation_named(op, names, name, class)
    }

    /// One operation whose name the caller has interned (as `name`, of class `class`).
    fn operation_named(
        &mut self,
        op: &'a ast::Operation,
        names: &mut NameSet,
        name: Name,
        class: u32,
    ) -> Operation {
        if let Some(diagnostic) = names.insert(&name, class, op.name.span) {
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
            name,
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

    fn check_oneway(&mut self, op: &'a ast::Operation) {
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
    pub(super) fn params(&mut self, params: &'a [ast::Param]) -> Vec<Param> {
        // A lone parameter cannot clash.
        let mut names = (params.len() > 1).then(|| self.scratch.names.take());
        let mut out = Vec::with_capacity(params.len());
        for param in params {
            let name = match &mut names {
                Some(names) => self.declare_name(names, &param.name.name, param.name.span),
                None => self.intern(&param.name.name),
            };
            let ty = self.type_spec(&param.ty);
            self.check_by_value(&ty, param.ty.span, false);
            let annotations = self.annotate(&param.annotations, Place::Parameter, Some(&ty));
            out.push(Param {
                name,
                name_span: param.name.span,
                direction: param.direction,
                ty,
                annotations,
            });
        }
        if let Some(names) = names {
            self.scratch.names.give(names);
        }
        out
    }

    /// Resolves a `raises`, `getraises` or `setraises` list: each name must be an exception.
    pub(super) fn raises(&mut self, names: &[ScopedName]) -> Vec<DeclId> {
        let mut out: Vec<DeclId> = Vec::with_capacity(names.len());
        // One name cannot repeat itself.
        let mut written = (names.len() > 1).then(|| self.scratch.listed.take());
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
            if let Some(written) = &mut written {
                if let Some(first) = written.get(&id) {
                    let first = *first;
                    self.error(
                        Diagnostic::error(
                            format!("exception `{name}` is listed more than once"),
                            tight(name),
                        )
                        .with_secondary(first, "first listed here"),
                    );
                    continue;
                }
                written.insert(id, tight(name));
            }
            out.push(id);
        }
        if let Some(written) = written {
            self.scratch.listed.give(written);
        }
        out
    }

    /// One attribute declaration, added to `out` (one entry per name). `interned` holds its
    /// names interned with their classes, when the caller has them.
    pub(super) fn attribute(
        &mut self,
        attribute: &'a ast::Attribute,
        names: &mut NameSet,
        out: &mut Vec<Attribute>,
        interned: Option<&[(Name, u32)]>,
    ) {
        let ty = self.type_spec(&attribute.ty);
        self.check_by_value(&ty, attribute.ty.span, false);
        let annotations = self.annotate(&attribute.annotations, Place::Attribute, Some(&ty));
        let get_raises = self.raises(&attribute.get_raises);
        let set_raises = self.raises(&attribute.set_raises);
        // Each name gets its own copy of what they share; the last one takes it.
        let mut shared = Some((annotations, ty, get_raises, set_raises));
        for (i, name) in attribute.names.iter().enumerate() {
            let Some((annotations, ty, get_raises, set_raises)) = (if i + 1 == attribute.names.len()
            {
                shared.take()
            } else {
                shared.clone()
            }) else {
                break;
            };
            let (text, class) = match interned.and_then(|list| list.get(i)) {
                Some((text, class)) => (text.clone(), *class),
                None => self.names.intern_with_class(&name.name),
            };
            if let Some(diagnostic) = names.insert(&text, class, name.span) {
                self.error(diagnostic);
            }
            if let Some(scope) = self.scope() {
                self.check_not_scope_name(scope, name);
            }
            out.push(Attribute {
                name: text,
                name_span: name.span,
                doc: attribute.doc.clone(),
                annotations,
                readonly: attribute.readonly,
                ty,
                get_raises,
                set_raises,
            });
        }
    }
}
