//! Interfaces: the server trait, the client proxy, the skeleton, per-operation error enums and
//! output structs, and the request/response messages.
//!
//! For `interface Account` in module `m` (names from `docs/DESIGN.md`):
//!
//! * `trait Account: Bases + Send + Sync + 'static`, one method per operation and attribute
//!   accessor, each returning `impl Future<Output = Result<T, E>> + Send` (servants write
//!   `async fn`); `E` is the runtime's `Error`, or `AccountOpError` for an operation with
//!   `raises`; an operation with `out`/`inout` parameters returns `AccountOpOutput`;
//! * `AccountProxy`: the client, and the Rust type of a reference (`Option<AccountProxy>`);
//!   it implements `Account` and every base's trait;
//! * `AccountServer<T: Account>`: the skeleton, implementing the runtime's `Dispatch` for the
//!   interface's methods and every inherited one;
//! * `mod account` with the declarations nested in the interface, when there are any;
//! * `#[doc(hidden)] mod __account_wire`: request/response messages, operation ids, the
//!   `InterfaceInfo`, and the per-method client and server functions.
//!
//! # Organization
//!
//! * this module: [`generate`], which checks and assembles the pieces;
//! * [`plan`]: methods, names, ids and layouts of one interface, decided once;
//! * [`checks`]: names and operation ids that would collide;
//! * [`service`]: the trait, error enums and output structs;
//! * [`proxy`] and [`server`]: the client and the skeleton;
//! * [`wire`]: the hidden wire module;
//! * [`bridge`]: what is taken from the data-type generator.

pub mod bridge;
pub mod checks;
pub mod plan;
pub mod proxy;
pub mod server;
pub mod service;
pub mod wire;

use orbit_idl::{
    Diagnostic,
    model::{DeclId, DeclKind, InterfaceKind},
};
use proc_macro2::TokenStream;
use quote::quote;

use super::{Context, generate_items};
use crate::ident;

/// Generates everything for one interface, declared in Rust module `module`.
pub fn generate(cx: &mut Context<'_>, id: DeclId, module: &[String]) -> TokenStream {
    let model = cx.model;
    let Some(decl) = model.get(id) else {
        return quote! {};
    };
    let DeclKind::Interface(interface) = &decl.kind else {
        return quote! {};
    };
    let nested = nested_items(cx, id, &interface.items, module);
    if interface.kind == InterfaceKind::Local {
        cx.error(
            Diagnostic::error(
                format!("local interface `{}` is not supported", decl.scoped_name),
                decl.name_span,
            )
            .with_label("`local` interfaces are never called remotely")
            .with_note("Orbit generates proxies and skeletons for remote calls only"),
        );
        return nested;
    }
    for op in interface
        .operations
        .iter()
        .filter(|op| !op.context.is_empty())
    {
        cx.error(
            Diagnostic::warning(
                format!("the `context` clause of `{}` is ignored", op.name),
                op.name_span,
            )
            .with_note("CORBA contexts do not travel in Orbit calls"),
        );
    }
    let plan = match plan::plan(model, id) {
        Ok(plan) => plan,
        Err(problems) => {
            problems.into_iter().for_each(|d| cx.error(d));
            return nested;
        }
    };
    // A base that has no plan reports its own problems.
    let ancestors: Vec<_> = plan::ancestors(model, id)
        .into_iter()
        .filter_map(|base| plan::plan(model, base).ok())
        .collect();
    let mut problems = checks::check(model, &plan, &ancestors);
    problems.extend(checks::check_module_names(cx, &plan));
    if !problems.is_empty() {
        problems.into_iter().for_each(|d| cx.error(d));
        return nested;
    }

    let service = service::service_trait(cx, &plan, module);
    let errors = service::error_enums(cx, &plan, module);
    let outputs = service::output_structs(cx, &plan, module);
    let proxy = proxy::proxy(cx, &plan, &ancestors, module);
    let server = if cx.options.server {
        server::server(cx, &plan, &ancestors, module)
    } else {
        quote! {}
    };
    let wire = wire::wire_module(cx, &plan, module);
    quote! {
        #nested
        #service
        #errors
        #outputs
        #proxy
        #server
        #wire
    }
}

/// `pub mod i { … }` with the declarations nested in the interface, or nothing.
fn nested_items(
    cx: &mut Context<'_>,
    id: DeclId,
    items: &[DeclId],
    module: &[String],
) -> TokenStream {
    if items.is_empty() {
        return quote! {};
    }
    let Some(decl) = cx.model.get(id) else {
        return quote! {};
    };
    let name = ident::snake(&decl.name);
    let doc = format!(
        " Declarations nested in IDL interface `{}`.",
        decl.scoped_name
    );
    let mut inner = module.to_vec();
    inner.push(name.clone());
    let items = generate_items(cx, items, &inner);
    let name = ident::ident(&name);
    quote! {
        #[doc = #doc]
        #[allow(non_camel_case_types, non_snake_case, clippy::all)]
        pub mod #name {
            #(#items)*
        }
    }
}

#[cfg(test)]
mod tests;
