//! The skeleton `IServer<T: I>`: runs the requests of a channel on a servant, for the
//! interface's own methods and every inherited one.

use proc_macro2::TokenStream;
use quote::quote;

use super::{
    super::Context,
    plan::{self, InterfacePlan},
};
use crate::ident;

/// The skeleton struct and its `Dispatch` impl.
pub fn server(
    cx: &Context<'_>,
    plan: &InterfacePlan<'_>,
    ancestors: &[InterfacePlan<'_>],
    module: &[String],
) -> TokenStream {
    let rt = cx.runtime();
    let name = ident::ident(&plan.server_name());
    let trait_name = ident::ident(&plan.rust_name);
    let wire = cx.path_to(module, plan.id, &plan.wire_module());
    let doc = format!(
        " Skeleton of IDL interface `{}`: serves a servant's methods (inherited ones too) to callers of a channel.",
        plan.decl.scoped_name
    );
    let arms: Vec<TokenStream> = std::iter::once(plan).chain(ancestors).flat_map(|owner| {
        let owner_wire = cx.path_to(module, owner.id, &owner.wire_module());
        owner.methods.iter().map(move |method| {
            let id = ident::ident(&plan::id_name(method));
            let serve = ident::ident(&plan::serve_name(method));
            quote! {
                #owner_wire::#id => ::std::boxed::Box::pin(#owner_wire::#serve(servant, context, payload)),
            }
        })
    }).collect();
    let directs = std::iter::once(plan).chain(ancestors).map(|owner| {
        let owner_wire = cx.path_to(module, owner.id, &owner.wire_module());
        quote! {
            if direct == ::core::any::TypeId::of::<dyn #owner_wire::Direct>() {
                let servant: ::std::sync::Arc<T> = ::core::clone::Clone::clone(&self.servant);
                let servant: ::std::sync::Arc<dyn #owner_wire::Direct> = servant;
                return ::core::option::Option::Some(::std::boxed::Box::new(servant));
            }
        }
    });
    // An interface without any method still dispatches (every call is refused).
    let servant = if arms.is_empty() {
        quote!(let _ = (context, payload);)
    } else {
        quote!(let servant = &*self.servant;)
    };
    quote! {
        #[doc = #doc]
        pub struct #name<T: #trait_name> {
            servant: ::std::sync::Arc<T>,
        }

        impl<T: #trait_name> #name<T> {
            /// A skeleton serving `servant`.
            pub fn new(servant: T) -> Self {
                #name { servant: ::std::sync::Arc::new(servant) }
            }

            /// A skeleton serving a servant shared with other code.
            pub fn from_arc(servant: ::std::sync::Arc<T>) -> Self {
                #name { servant }
            }

            /// The servant.
            pub fn servant(&self) -> &::std::sync::Arc<T> {
                &self.servant
            }
        }

        impl<T: #trait_name> ::core::clone::Clone for #name<T> {
            fn clone(&self) -> Self {
                #name { servant: ::core::clone::Clone::clone(&self.servant) }
            }
        }

        impl<T: #trait_name> ::core::fmt::Debug for #name<T> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(::core::stringify!(#name)).finish_non_exhaustive()
            }
        }

        impl<T: #trait_name> #rt::Dispatch for #name<T> {
            fn interface(&self) -> &'static #rt::InterfaceInfo {
                &#wire::INTERFACE
            }

            fn direct(
                &self,
                direct: ::core::any::TypeId,
            ) -> ::core::option::Option<::std::boxed::Box<dyn ::core::any::Any + ::core::marker::Send>> {
                #(#directs)*
                ::core::option::Option::None
            }

            fn dispatch(
                &self,
                context: #rt::CallContext,
                operation: u32,
                payload: #rt::bytes::Bytes,
            ) -> #rt::BoxFuture<'_, ::core::result::Result<#rt::bytes::Bytes, #rt::Error>> {
                #servant
                match operation {
                    #(#arms)*
                    _ => ::std::boxed::Box::pin(::core::future::ready(::core::result::Result::Err(
                        #rt::no_such_operation(&#wire::INTERFACE, operation),
                    ))),
                }
            }
        }
    }
}
