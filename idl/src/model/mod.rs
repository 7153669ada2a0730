//! The checked model: every declaration with its scoped name, repository id, resolved types and
//! evaluated constants. This is what code generation consumes.
//!
//! Declarations live in one arena, [`Model::decls`], in the order they were first declared in
//! the translation unit, and refer to each other by [`DeclId`]. Types are resolved ([`Type`]),
//! constants evaluated ([`ConstValue`]), annotations evaluated ([`Annotation`]).
//!
//! # Organization
//!
//! * this module: [`Model`] and its lookups;
//! * [`decl`]: [`Decl`], [`DeclId`], [`DeclKind`] and the unsupported constructs;
//! * [`data`]: modules, structs, exceptions, unions, enums, bitmasks, bitsets, typedefs, constants;
//! * [`interface`]: interfaces, operations, parameters, attributes;
//! * [`types`]: [`Type`] and [`Primitive`];
//! * [`value`]: [`ConstValue`] and [`Fixed`];
//! * [`annotation`]: evaluated annotations and [`Extensibility`];
//! * [`name`]: [`Name`], the shared strings every name, scoped name and repository id is.

pub mod annotation;
pub mod data;
pub mod decl;
pub(crate) mod fxhash;
pub mod interface;
pub mod name;
pub mod types;
pub mod value;

use std::{collections::HashMap, sync::OnceLock};

pub use annotation::{Annotation, AnnotationParam, AnnotationValue, Extensibility};
pub use data::*;
pub use decl::*;
pub use interface::*;
pub use name::Name;
pub use types::*;
pub use value::*;

/// How many typedefs [`Model::resolve_alias`] follows before giving up (the checker rejects
/// cycles, so this only bounds work on a model built by hand).
const MAX_ALIAS_DEPTH: usize = 256;

/// The checked contents of one translation unit.
#[derive(Clone, Debug, Default)]
pub struct Model {
    decls: Vec<Decl>,
    root: Vec<DeclId>,
    /// Declarations by scoped name, built by the first [`lookup`](Model::lookup).
    by_name: OnceLock<HashMap<Name, DeclId, fxhash::FxBuild>>,
}

impl Model {
    /// A model of the given declarations. `root` lists the top-level ones in source order; every
    /// declaration is found by its `scoped_name`.
    pub fn new(decls: Vec<Decl>, root: Vec<DeclId>) -> Self {
        Model {
            decls,
            root,
            by_name: OnceLock::new(),
        }
    }

    /// The declaration `id`.
    ///
    /// # Panics
    ///
    /// When `id` does not come from this model.
    pub fn decl(&self, id: DeclId) -> &Decl {
        &self.decls[id.index()]
    }

    /// The declaration `id`, or `None` when it is not in this model.
    pub fn get(&self, id: DeclId) -> Option<&Decl> {
        self.decls.get(id.index())
    }

    /// Every declaration, in the order it was first declared (the source order of the unit).
    pub fn decls(&self) -> impl Iterator<Item = (DeclId, &Decl)> {
        self.decls
            .iter()
            .enumerate()
            .map(|(i, d)| (DeclId(i as u32), d))
    }

    /// Number of declarations.
    pub fn len(&self) -> usize {
        self.decls.len()
    }

    /// Whether the model holds no declaration.
    pub fn is_empty(&self) -> bool {
        self.decls.is_empty()
    }

    /// The top-level declarations, in source order.
    pub fn root(&self) -> &[DeclId] {
        &self.root
    }

    /// The declaration with scoped name `name` (`A::B`, or `::A::B`).
    pub fn lookup(&self, name: &str) -> Option<DeclId> {
        let name = name.strip_prefix("::").unwrap_or(name);
        let by_name = self.by_name.get_or_init(|| {
            let mut by_name =
                HashMap::with_capacity_and_hasher(self.decls.len(), fxhash::FxBuild::default());
            for (id, decl) in self.decls() {
                // A name declared twice (an error) finds the first declaration.
                by_name.entry(decl.scoped_name.clone()).or_insert(id);
            }
            by_name
        });
        by_name.get(name).copied()
    }

    /// The declarations nested in `id`: a module's or interface's items, the types (and TAO
    /// constants) defined inside a struct, union or exception body, an unsupported construct's
    /// nested declarations; empty for the others.
    pub fn children(&self, id: DeclId) -> &[DeclId] {
        match self.get(id).map(|d| &d.kind) {
            Some(DeclKind::Module(m)) => &m.items,
            Some(DeclKind::Interface(i)) => &i.items,
            Some(DeclKind::Struct(s)) => &s.inner,
            Some(DeclKind::Union(u)) => &u.inner,
            Some(DeclKind::Exception(e)) => &e.inner,
            Some(DeclKind::Unsupported(u)) => &u.items,
            _ => &[],
        }
    }

    /// `ty` with typedefs followed until a type that is not a typedef.
    pub fn resolve_alias<'a>(&'a self, mut ty: &'a Type) -> &'a Type {
        for _ in 0..MAX_ALIAS_DEPTH {
            match ty {
                Type::Named(id) => match self.get(*id).map(|d| &d.kind) {
                    Some(DeclKind::Typedef(t)) => ty = &t.ty,
                    _ => return ty,
                },
                _ => return ty,
            }
        }
        ty
    }

    /// The type as IDL would write it, with scoped names for declared types.
    pub fn type_name(&self, ty: &Type) -> String {
        ty.display_with(&|id| {
            self.get(id)
                .map_or_else(|| "?".to_owned(), |d| d.scoped_name.to_string())
        })
    }
}
