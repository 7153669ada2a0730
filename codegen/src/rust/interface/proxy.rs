//! The client proxy `IProxy`: a reference to a remote object plus the channel that reaches it.
//! It is the Rust type of a value of interface type (as `Option<IProxy>`), so it exists even
//! when no client code is generated; with client code it implements the interface's trait and
//! every base's trait: each interface's trait is implemented once for every proxy marked as the
//! client of its wire module (`service!`, with the marker trait from `client!`), and the proxy
//! is marked as the client of its interface and of every ancestor (`proxy!`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{
    super::Context,
    plan::{self, InterfacePlan},
};
use crate::ident;

/// The `proxy!` listing: the proxy struct, its constructors, its standard impls and its
/// conversions into the proxies of its bases.
pub fn proxy(
    cx: &Context<'_>,
    plan: &InterfacePlan<'_>,
    ancestors: &[InterfacePlan<'_>],
    module: &[String],
) -> TokenStream {
    let rt = cx.runtime();
    let name = ident::ident(&plan.proxy_name());
    let trait_name = ident::ident(&plan.rust_name);
    let scoped = plan.decl.scoped_name.as_str();
    let wire = cx.path_to(module, plan.id, &plan.wire_module());
    let upcasts = (!ancestors.is_empty()).then(|| {
        let bases = ancestors
            .iter()
            .map(|base| cx.path_to(module, base.id, &base.proxy_name()));
        quote!(upcast #(#bases),*;)
    });
    let clients = cx.options.client.then(|| {
        let wires = std::iter::once(plan)
            .chain(ancestors)
            .map(|owner| cx.path_to(module, owner.id, &owner.wire_module()));
        quote!(client #(#wires),*;)
    });
    quote! {
        #rt::proxy! {
            #name: #trait_name = #scoped, #wire::INTERFACE;
            #upcasts
            #clients
        }
    }
}

/// The `client!` listing of an interface, in its wire module `module`: the hidden `Client`
/// trait that marks the proxies able to call the interface (its own and those of derived
/// interfaces), a client of each base too. `service!` implements the interface's trait for
/// them.
pub fn client_marker(cx: &Context<'_>, plan: &InterfacePlan<'_>, module: &[String]) -> TokenStream {
    let rt = cx.runtime();
    let bases = plan.interface.bases.iter().filter_map(|&base| {
        let decl = cx.model.get(base)?;
        Some(cx.path_to(module, base, &plan::wire_module_of(decl)))
    });
    quote! {
        #rt::client! { #(#bases),* }
    }
}
