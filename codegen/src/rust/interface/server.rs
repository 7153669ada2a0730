//! The skeleton `IServer<T: I>`: runs the requests of a channel on a servant, for the
//! interface's own methods and every inherited one.

use proc_macro2::TokenStream;
use quote::quote;

use super::{super::Context, plan::InterfacePlan};
use crate::ident;

/// The `server!` listing: the skeleton struct and its `Dispatch` impl, which offers each call
/// to the wire module of the interface, then of each ancestor.
pub fn server(
    cx: &Context<'_>,
    plan: &InterfacePlan<'_>,
    ancestors: &[InterfacePlan<'_>],
    module: &[String],
) -> TokenStream {
    let rt = cx.runtime();
    let name = ident::ident(&plan.server_name());
    let trait_name = ident::ident(&plan.rust_name);
    let scoped = plan.decl.scoped_name.as_str();
    let wire = cx.path_to(module, plan.id, &plan.wire_module());
    let wires = std::iter::once(plan)
        .chain(ancestors)
        .map(|owner| cx.path_to(module, owner.id, &owner.wire_module()));
    quote! {
        #rt::server! {
            #name: #trait_name = #scoped, #wire::INTERFACE {
                #(#wires,)*
            }
        }
    }
}
