//! The client proxy `IProxy`: a reference to a remote object plus the channel that reaches it.
//! It is the Rust type of a value of interface type (as `Option<IProxy>`), so it exists even
//! when no client code is generated; with client code it implements the interface's trait and
//! every base's trait, each method delegating to the owning interface's wire functions.

use proc_macro2::TokenStream;
use quote::quote;

use super::{
    super::Context,
    bridge,
    plan::{self, InterfacePlan},
    service,
};
use crate::ident;

/// The proxy struct, its constructors and its standard impls.
pub fn proxy(
    cx: &Context<'_>,
    plan: &InterfacePlan<'_>,
    ancestors: &[InterfacePlan<'_>],
    module: &[String],
) -> TokenStream {
    let rt = cx.runtime();
    let name = ident::ident(&plan.proxy_name());
    let wire = cx.path_to(module, plan.id, &plan.wire_module());
    let doc = format!(
        " Client proxy of IDL interface `{}`: calls a remote object through a channel.",
        plan.decl.scoped_name
    );
    let doc_trait = format!(
        " It implements [`{}`] (and the traits of its bases); a value of interface type is an `Option<{}>`, `None` being the nil reference.",
        plan.rust_name,
        plan.proxy_name()
    );
    let upcasts = ancestors.iter().map(|base| {
        let base_proxy = cx.path_to(module, base.id, &base.proxy_name());
        quote! {
            impl ::core::convert::From<#name> for #base_proxy {
                fn from(proxy: #name) -> Self {
                    <#base_proxy as #rt::Proxy>::from_core(proxy.core)
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[doc = ""]
        #[doc = #doc_trait]
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        pub struct #name {
            core: #rt::ProxyCore,
        }

        impl #name {
            /// A proxy for the object under `object` reached through `channel`.
            pub fn new(
                channel: ::std::sync::Arc<dyn #rt::Channel>,
                object: impl ::core::convert::Into<#rt::bytes::Bytes>,
            ) -> Self {
                <Self as #rt::Proxy>::on_channel(channel, object)
            }

            /// A proxy for the object `reference` names, reached through `channel`.
            pub fn from_ref(
                channel: ::std::sync::Arc<dyn #rt::Channel>,
                reference: #rt::ObjectRef,
            ) -> Self {
                <Self as #rt::Proxy>::from_ref_on(channel, reference)
            }

            /// The reference to the object, to hand to another process.
            pub fn to_ref(&self) -> #rt::ObjectRef {
                ::core::clone::Clone::clone(self.core.reference())
            }
        }

        impl #rt::Proxy for #name {
            const INTERFACE: &'static #rt::InterfaceInfo = &#wire::INTERFACE;

            fn from_core(core: #rt::ProxyCore) -> Self {
                #name { core }
            }

            fn core(&self) -> &#rt::ProxyCore {
                &self.core
            }
        }

        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(::core::stringify!(#name)).field(&self.core).finish()
            }
        }

        impl #rt::serde::Serialize for #name {
            fn serialize<S: #rt::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                #rt::serde::Serialize::serialize(&self.core, serializer)
            }
        }

        impl<'de> #rt::serde::Deserialize<'de> for #name {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let core = <#rt::ProxyCore as #rt::serde::Deserialize<'de>>::deserialize(deserializer)?;
                ::core::result::Result::Ok(#name { core })
            }
        }

        #(#upcasts)*
    }
}

/// `impl I for IProxy` and `impl Base for IProxy` for every ancestor.
pub fn client_impls(
    cx: &Context<'_>,
    plan: &InterfacePlan<'_>,
    ancestors: &[InterfacePlan<'_>],
    module: &[String],
) -> TokenStream {
    let name = ident::ident(&plan.proxy_name());
    let impls = std::iter::once(plan).chain(ancestors).map(|owner| {
        let trait_path = cx.path_to(module, owner.id, &owner.rust_name);
        let wire = cx.path_to(module, owner.id, &owner.wire_module());
        let methods = owner.methods.iter().map(|method| {
            let signature = service::signature(cx, owner.id, owner, method, module);
            let call = ident::ident(&plan::call_name(method));
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
                #signature {
                    #wire::#call(&self.core, #wire::#request { #(#fields),* })
                }
            }
        });
        quote! {
            impl #trait_path for #name {
                #(#methods)*
            }
        }
    });
    quote!(#(#impls)*)
}
