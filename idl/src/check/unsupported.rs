//! Valuetypes (§7.4.5, §7.4.7) and CCM constructs (§7.4.8–§7.4.12). Code generation refuses
//! them, but files that use them must still check: their names are declared (as
//! [`Unsupported`]), their nested declarations checked, and the names they use resolved.
//! Template module bodies are not checked, since they refer to their template parameters.

use super::{
    Checker, DeclState, builtin_annotations::Place, definitions::Family, interner::NameSet,
    symbols::Symbol,
};
use crate::{
    ast::{
        Definition, DefinitionKind, Export, Factory, HomeElement, Ident, PortDecl, ScopedName,
        TemplateArg, TypeKind, TypeSpec, ValueElement, ValueKind,
    },
    model::{DeclId, DeclKind, Unsupported, UnsupportedKind},
};

impl<'a> Checker<'a> {
    /// Declares and lightly checks a construct code generation does not support.
    // Out of line: see "Code layout" in the module docs.
    #[inline(never)]
    pub(super) fn unsupported(&mut self, def: &'a Definition) -> Option<DeclId> {
        use DefinitionKind as K;
        match &def.kind {
            K::ValueType(v) => {
                let what = value_kind(v.kind);
                let id = self.begin(def, &v.name, what);
                self.names(&v.bases);
                self.names(&v.supports);
                self.enter(id);
                let mut names = NameSet::default();
                for element in &v.body {
                    match element {
                        ValueElement::Export(export) => self.export(export, &mut names),
                        ValueElement::State { member, .. } => {
                            self.members(std::slice::from_ref(member), &mut names, Place::Other);
                        }
                        ValueElement::Factory(factory) => self.factory(factory, &mut names),
                    }
                }
                self.leave();
                self.info_mut(id).state = DeclState::Defined;
                Some(id)
            }
            K::ValueBox(b) => {
                let id = self.declare_unsupported(def, &b.name, UnsupportedKind::ValueBox);
                self.type_spec(&b.ty);
                Some(id)
            }
            K::ValueForward(f) => Some(self.forward_unsupported(def, &f.name, value_kind(f.kind))),
            K::Component(c) => {
                let id = self.begin(def, &c.name, UnsupportedKind::Component);
                if let Some(base) = &c.base {
                    self.names(std::slice::from_ref(base));
                }
                self.names(&c.supports);
                self.enter(id);
                self.ports(&c.body);
                self.leave();
                self.info_mut(id).state = DeclState::Defined;
                Some(id)
            }
            K::ComponentForward(name) => {
                Some(self.forward_unsupported(def, name, UnsupportedKind::Component))
            }
            K::Home(h) => {
                let id = self.declare_unsupported(def, &h.name, UnsupportedKind::Home);
                if let Some(base) = &h.base {
                    self.names(std::slice::from_ref(base));
                }
                self.names(&h.supports);
                self.names(std::slice::from_ref(&h.manages));
                if let Some(key) = &h.primary_key {
                    self.names(std::slice::from_ref(key));
                }
                self.enter(id);
                let mut names = NameSet::default();
                for element in &h.body {
                    match element {
                        HomeElement::Export(export) => self.export(export, &mut names),
                        HomeElement::Factory(f) | HomeElement::Finder(f) => {
                            self.factory(f, &mut names);
                        }
                    }
                }
                self.leave();
                Some(id)
            }
            K::Porttype(p) => {
                let id = self.declare_unsupported(def, &p.name, UnsupportedKind::Porttype);
                self.enter(id);
                self.ports(&p.body);
                self.leave();
                Some(id)
            }
            K::Connector(c) => {
                let id = self.declare_unsupported(def, &c.name, UnsupportedKind::Connector);
                if let Some(base) = &c.base {
                    self.names(std::slice::from_ref(base));
                }
                self.enter(id);
                self.ports(&c.body);
                self.leave();
                Some(id)
            }
            K::TemplateModule(t) => {
                Some(self.declare_unsupported(def, &t.name, UnsupportedKind::TemplateModule))
            }
            K::TemplateInstance(t) => {
                self.names(std::slice::from_ref(&t.template));
                for arg in &t.args {
                    match arg {
                        // A name may be any kind of declaration (an exception, an interface).
                        TemplateArg::Type(TypeSpec {
                            kind: TypeKind::Named(name),
                            ..
                        }) => {
                            self.resolve(name);
                        }
                        TemplateArg::Type(ty) => {
                            self.type_spec(ty);
                        }
                        TemplateArg::Const(_) => {}
                    }
                }
                // An instance may reopen a module of the same name (IDL 4.2 §7.4.12.4).
                let existing = self.symbol(self.scope(), &t.name.name).map(|e| e.symbol);
                if let Some(Symbol::Decl(id)) = existing
                    && matches!(self.decl(id).kind, DeclKind::Module(_))
                {
                    return Some(id);
                }
                Some(self.declare_unsupported(def, &t.name, UnsupportedKind::TemplateInstance))
            }
            _ => None,
        }
    }

    fn placeholder(def: &'a Definition, what: UnsupportedKind) -> DeclKind {
        DeclKind::Unsupported(Unsupported {
            what,
            span: def.span,
            items: Vec::new(),
        })
    }

    /// Starts a definition that may complete a forward declaration.
    fn begin(&mut self, def: &'a Definition, name: &'a Ident, what: UnsupportedKind) -> DeclId {
        let id = self.define(
            def,
            name,
            Family::Unsupported(what),
            Self::placeholder(def, what),
        );
        let annotations = self.annotate(&def.annotations, Place::Other, None);
        self.decl_mut(id).annotations = annotations;
        id
    }

    fn declare_unsupported(
        &mut self,
        def: &'a Definition,
        name: &'a Ident,
        what: UnsupportedKind,
    ) -> DeclId {
        let id = self.new_decl(
            name,
            def.span,
            def.doc.clone(),
            Self::placeholder(def, what),
        );
        let annotations = self.annotate(&def.annotations, Place::Other, None);
        self.decl_mut(id).annotations = annotations;
        self.declare_symbol(name, Symbol::Decl(id));
        id
    }

    fn forward_unsupported(
        &mut self,
        def: &'a Definition,
        name: &'a Ident,
        what: UnsupportedKind,
    ) -> DeclId {
        let scope = self.scope();
        if let Some(entry) = self.symbol(scope, &name.name)
            && let Symbol::Decl(id) = entry.symbol
            && matches!(&self.decl(id).kind, DeclKind::Unsupported(u) if u.what == what)
        {
            return id;
        }
        let id = self.declare_unsupported(def, name, what);
        self.info_mut(id).state = DeclState::Forward;
        self.info_mut(id).forward_span = Some(def.span);
        id
    }

    /// Resolves names (bases, supported interfaces, managed components), reporting unknown
    /// ones.
    fn names(&mut self, names: &[ScopedName]) {
        for name in names {
            self.resolve(name);
        }
    }

    fn export(&mut self, export: &'a Export, names: &mut NameSet) {
        match export {
            Export::Operation(op) => {
                self.operation(op, names);
            }
            Export::Attribute(attribute) => {
                self.attribute(attribute, names, &mut Vec::new(), None);
            }
            Export::Definition(definition) => {
                self.advance_pragmas(definition.span.file, definition.span.start);
                self.definition(definition);
            }
        }
    }

    fn factory(&mut self, factory: &'a Factory, names: &mut NameSet) {
        self.declare_name(names, &factory.name.name, factory.name.span);
        self.params(&factory.params);
        self.raises(&factory.raises);
    }

    fn ports(&mut self, ports: &'a [PortDecl]) {
        let mut names = NameSet::default();
        for port in ports {
            let (ty, name) = match port {
                PortDecl::Provides(ty, name)
                | PortDecl::Emits(ty, name)
                | PortDecl::Publishes(ty, name)
                | PortDecl::Consumes(ty, name)
                | PortDecl::Uses { ty, name, .. }
                | PortDecl::Port { ty, name, .. } => (ty, name),
                PortDecl::Attribute(attribute) => {
                    self.attribute(attribute, &mut names, &mut Vec::new(), None);
                    continue;
                }
            };
            self.resolve(ty);
            self.declare_name(&mut names, &name.name, name.span);
        }
    }
}

fn value_kind(kind: ValueKind) -> UnsupportedKind {
    match kind {
        ValueKind::Concrete | ValueKind::Custom | ValueKind::Abstract => UnsupportedKind::ValueType,
        ValueKind::Event | ValueKind::CustomEvent | ValueKind::AbstractEvent => {
            UnsupportedKind::EventType
        }
    }
}
