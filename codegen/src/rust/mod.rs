//! Rust code from the checked model: a module tree mirroring the IDL modules, with the data
//! types, constants and interfaces of each.
//!
//! # Organization
//!
//! * this module: [`generate`], the walk over the module tree, and [`Context`] (paths between
//!   generated items, the runtime path, collected diagnostics);
//! * [`data`]: structs, exceptions, enums, unions, bitmasks, typedefs and constants, with their
//!   `prost::Message` and `Validate` impls;
//! * [`interface`]: per interface, the server trait, the client proxy, the skeleton, error enums,
//!   output structs and the request/response messages;
//! * [`print`](mod@print): [`unparse`], prettyplease with the runtime's listing macros laid out one entry
//!   per line.

pub mod data;
pub mod interface;
pub mod print;

pub use print::unparse;

use std::{cell::RefCell, collections::HashMap};

use orbit_idl::{
    Diagnostic, Diagnostics,
    model::{DeclId, DeclKind, Model},
};
use proc_macro2::TokenStream;
use quote::quote;

use crate::ident;

/// What code generation is asked to produce.
#[derive(Clone, Debug)]
pub struct RustOptions {
    /// The path generated code uses for the runtime's hidden module.
    pub runtime_path: String,
    /// Generate client proxies.
    pub client: bool,
    /// Generate server traits and skeletons.
    pub server: bool,
}

impl Default for RustOptions {
    fn default() -> Self {
        RustOptions {
            runtime_path: "::orbit::__private".to_owned(),
            client: true,
            server: true,
        }
    }
}

/// What every generator needs: the model, the options, where in the module tree it is, and where
/// problems go.
pub struct Context<'a> {
    /// The checked model.
    pub model: &'a Model,
    /// The options.
    pub options: &'a RustOptions,
    /// Problems found (unsupported constructs, names that collide in Rust).
    pub diagnostics: Diagnostics,
    runtime: TokenStream,
    /// The type names each interface generates, once computed (every later interface of the
    /// same module checks its names against them).
    type_names: RefCell<HashMap<DeclId, Vec<interface::plan::TypeName>>>,
}

impl<'a> Context<'a> {
    /// A context for generating `model` with `options`.
    pub fn new(model: &'a Model, options: &'a RustOptions) -> Self {
        let runtime = options
            .runtime_path
            .parse()
            .unwrap_or_else(|_| quote!(::orbit::__private));
        Context {
            model,
            options,
            diagnostics: Diagnostics::new(),
            runtime,
            type_names: RefCell::new(HashMap::new()),
        }
    }

    /// The type names interface `id` generates in its module (none when it cannot be
    /// planned: it reports its own problems).
    pub fn interface_type_names(&self, id: DeclId) -> Vec<interface::plan::TypeName> {
        if let Some(names) = self.type_names.borrow().get(&id) {
            return names.clone();
        }
        let names = interface::plan::plan(self.model, id)
            .map(|plan| plan.type_names())
            .unwrap_or_default();
        self.type_names.borrow_mut().insert(id, names.clone());
        names
    }

    /// The runtime's hidden module, e.g. `::orbit::__private`.
    pub fn runtime(&self) -> &TokenStream {
        &self.runtime
    }

    /// Reports a problem.
    pub fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The Rust module path (snake case) of the module that holds declaration `id`.
    pub fn module_path(&self, id: DeclId) -> Vec<String> {
        let mut path = Vec::new();
        let mut next = self.model.get(id).and_then(|d| d.parent);
        while let Some(parent) = next {
            let Some(decl) = self.model.get(parent) else {
                break;
            };
            // A module's items live in its `mod`; types nested in an interface, struct, union
            // or exception live in a module named after their container (`mod i` for `I`).
            path.push(ident::snake(&decl.name));
            next = decl.parent;
        }
        path.reverse();
        path
    }

    /// The path from code in module `from` to the item generated for declaration `to` (under
    /// the Rust name `name`), using `super::` so it works wherever the generated file is
    /// included.
    pub fn path_to(&self, from: &[String], to: DeclId, name: &str) -> TokenStream {
        let target = self.module_path(to);
        let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
        let supers = (common..from.len()).map(|_| quote!(super::));
        let rest = target[common..].iter().map(|m| {
            let m = ident::ident(m);
            quote!(#m::)
        });
        let name = ident::ident(name);
        quote!(#(#supers)* #(#rest)* #name)
    }
}

/// Generates the Rust code of a whole model. On success the code is complete; otherwise the
/// diagnostics name every construct that could not be generated.
///
/// # Errors
///
/// The diagnostics of every declaration that has no Rust mapping.
pub fn generate(model: &Model, options: &RustOptions) -> Result<TokenStream, Diagnostics> {
    let mut cx = Context::new(model, options);
    data::check_names(&mut cx);
    let items = generate_items(&mut cx, model.root(), &[]);
    if cx.diagnostics.has_errors() {
        return Err(cx.diagnostics);
    }
    Ok(quote! {
        #(#items)*
    })
}

/// Generates the items for declarations `ids`, all in Rust module `module`.
pub fn generate_items(cx: &mut Context<'_>, ids: &[DeclId], module: &[String]) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for &id in ids {
        let Some(decl) = cx.model.get(id) else {
            continue;
        };
        let tokens = match &decl.kind {
            DeclKind::Module(m) => {
                let name = ident::snake(&decl.name);
                let mut inner = module.to_vec();
                inner.push(name.clone());
                let items = generate_items(cx, &m.items.clone(), &inner);
                let name = ident::ident(&name);
                let doc = data::doc_or(
                    decl.doc.as_deref(),
                    format!("IDL module `{}`.", decl.scoped_name),
                );
                quote! {
                    #doc
                    #[allow(non_camel_case_types, non_snake_case, clippy::all)]
                    pub mod #name {
                        #(#items)*
                    }
                }
            }
            DeclKind::Interface(_) => interface::generate(cx, id, module),
            _ => data::generate(cx, id, module),
        };
        out.push(tokens);
    }
    out
}
