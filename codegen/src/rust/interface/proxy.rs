//! The client proxy `IProxy`: a reference to a remote object plus the channel that reaches it.
//! It is the Rust type of a value of interface type (as `Option<IProxy>`), so it exists even
//! when no client code is generated; with client code it implements the interface's trait and
//! every base's trait: each interface's wire module implements its trait once for every proxy
//! marked as its client (`client!`), and the proxy is marked as the client of its interface and
//! of every ancestor (`proxy!`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{
    super::Context,
    bridge,
    plan::{self, InterfacePlan},
    service,
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

/// The `client!` listing of an interface, in its wire module `module`: the interface's trait
/// implemented for every proxy marked as its client (its own proxy and the proxies of derived
/// interfaces), each method sending its request message through the runtime's `call` (or
/// `call_oneway`).
pub fn client_impl(cx: &Context<'_>, plan: &InterfacePlan<'_>, module: &[String]) -> TokenStream {
    let rt = cx.runtime();
    let trait_path = cx.path_to(module, plan.id, &plan.rust_name);
    let methods = plan.methods.iter().map(|method| {
        let method_name = ident::ident(&method.rust_name);
        let params = method.params.iter().filter(|p| p.is_input()).map(|p| {
            let name = ident::ident(&p.rust_name);
            let ty = bridge::rust_type(cx, p.ty, module);
            quote!(#name: #ty)
        });
        let ok = service::ok_type(cx, plan.id, plan, method, module);
        // The runtime's `Error` is the default.
        let err = (!method.raises.is_empty())
            .then(|| service::err_type(cx, plan.id, plan, method, module))
            .map(|err| quote!(, #err));
        let call = if method.oneway {
            quote!(call_oneway)
        } else {
            quote!(call)
        };
        let request = ident::ident(&plan::request_name(method));
        let inputs = method.params.iter().filter(|p| p.is_input());
        let fields = method
            .layout
            .request
            .iter()
            .zip(inputs)
            .map(|(field, param)| {
                let field = bridge::field_ident(&field.name);
                let param = ident::ident(&param.rust_name);
                if field == param {
                    quote!(#field)
                } else {
                    quote!(#field: #param)
                }
            });
        quote! {
            fn #method_name(#(#params),*) -> #ok #err = #call #request { #(#fields),* };
        }
    });
    let bases: Vec<TokenStream> = plan
        .interface
        .bases
        .iter()
        .filter_map(|&base| {
            let decl = cx.model.get(base)?;
            Some(cx.path_to(module, base, &plan::wire_module_of(decl)))
        })
        .collect();
    let bases = (!bases.is_empty()).then(|| quote!(: #(#bases),*));
    quote! {
        #rt::client! {
            #trait_path #bases {
                #(#methods)*
            }
        }
    }
}
