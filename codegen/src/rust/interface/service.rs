//! The server-side trait `I` (what a servant implements and a proxy calls), and the error enums
//! and output structs its methods return.

use orbit_idl::model::DeclId;
use proc_macro2::TokenStream;
use quote::quote;

use super::{
    super::{Context, data::doc_attrs},
    bridge,
    plan::{InterfacePlan, Method, MethodKind},
};
use crate::ident;

/// `pub trait I: Bases + Send + Sync + 'static { … }`.
pub fn service_trait(cx: &Context<'_>, plan: &InterfacePlan<'_>, module: &[String]) -> TokenStream {
    let name = ident::ident(&plan.rust_name);
    let doc = match &plan.decl.doc {
        Some(doc) => doc_attrs(Some(doc)),
        None => {
            let line = format!(
                " IDL interface `{}`: implemented by servants and by `{}`.",
                plan.decl.scoped_name,
                plan.proxy_name()
            );
            quote!(#[doc = #line])
        }
    };
    let bases = plan.interface.bases.iter().filter_map(|&base| {
        let decl = cx.model.get(base)?;
        let path = cx.path_to(module, base, &ident::camel(&decl.name));
        Some(quote!(#path +))
    });
    let methods = plan.methods.iter().map(|method| {
        let doc = method_doc(plan, method);
        let signature = signature(cx, plan.id, plan, method, module);
        quote! {
            #doc
            #signature;
        }
    });
    quote! {
        #doc
        pub trait #name: #(#bases)* ::core::marker::Send + ::core::marker::Sync + 'static {
            #(#methods)*
        }
    }
}

/// The documentation of a trait method.
fn method_doc(plan: &InterfacePlan<'_>, method: &Method<'_>) -> TokenStream {
    let scoped = format!("{}::{}", plan.decl.scoped_name, method.idl_name);
    let generated = match method.kind {
        MethodKind::Operation if method.oneway => {
            format!(" IDL oneway operation `{scoped}`: the caller does not wait for it.")
        }
        MethodKind::Operation => format!(" IDL operation `{scoped}`."),
        MethodKind::Getter => format!(" Reads IDL attribute `{scoped}`."),
        MethodKind::Setter => format!(" Writes IDL attribute `{scoped}`."),
    };
    match (&method.doc, method.kind) {
        (Some(doc), MethodKind::Operation | MethodKind::Getter) => doc_attrs(Some(doc)),
        (Some(doc), MethodKind::Setter) => {
            let doc = doc_attrs(Some(doc));
            quote!(#[doc = #generated] #[doc = ""] #doc)
        }
        (None, _) => quote!(#[doc = #generated]),
    }
}

/// `fn op(&self, a: A, …) -> impl Future<Output = Result<T, E>> + Send`, for method `method` of
/// interface `owner` (`plan`), written for code in `module`.
pub fn signature(
    cx: &Context<'_>,
    owner: DeclId,
    plan: &InterfacePlan<'_>,
    method: &Method<'_>,
    module: &[String],
) -> TokenStream {
    let name = ident::ident(&method.rust_name);
    let params = method.params.iter().filter(|p| p.is_input()).map(|p| {
        let name = ident::ident(&p.rust_name);
        let ty = bridge::rust_type(cx, p.ty, module);
        quote!(#name: #ty)
    });
    let ok = ok_type(cx, owner, plan, method, module);
    let err = err_type(cx, owner, plan, method, module);
    quote! {
        fn #name(&self, #(#params),*) -> impl ::core::future::Future<
            Output = ::core::result::Result<#ok, #err>,
        > + ::core::marker::Send
    }
}

/// What a method returns on success: its output struct, its result, or `()`.
pub fn ok_type(
    cx: &Context<'_>,
    owner: DeclId,
    plan: &InterfacePlan<'_>,
    method: &Method<'_>,
    module: &[String],
) -> TokenStream {
    if method.has_output() {
        return cx.path_to(module, owner, &plan.output_name(method));
    }
    match method.result {
        Some(ty) => bridge::rust_type(cx, ty, module),
        None => quote!(()),
    }
}

/// What a method returns on failure: its error enum, or the runtime's `Error`.
pub fn err_type(
    cx: &Context<'_>,
    owner: DeclId,
    plan: &InterfacePlan<'_>,
    method: &Method<'_>,
    module: &[String],
) -> TokenStream {
    if method.raises.is_empty() {
        let rt = cx.runtime();
        return quote!(#rt::Error);
    }
    cx.path_to(module, owner, &plan.error_name(method))
}

/// The error enum of every method that raises exceptions.
pub fn error_enums(cx: &Context<'_>, plan: &InterfacePlan<'_>, module: &[String]) -> TokenStream {
    let rt = cx.runtime();
    let enums = plan.methods.iter().filter(|m| !m.raises.is_empty()).map(|method| {
        let name = ident::ident(&plan.error_name(method));
        let doc = format!(
            " What `{}::{}` fails with: one of its declared exceptions, or a system error.",
            plan.rust_name, method.rust_name
        );
        let mut variants = Vec::new();
        let mut froms = Vec::new();
        let mut names = Vec::new();
        for &exception in &method.raises {
            let Some(decl) = cx.model.get(exception) else {
                continue;
            };
            let variant = ident::ident(&ident::camel(&decl.name));
            let ty = cx.path_to(module, exception, &ident::camel(&decl.name));
            let variant_doc = format!(" The declared exception `{}`.", decl.scoped_name);
            variants.push(quote!(#[doc = #variant_doc] #variant(#ty),));
            froms.push(quote! {
                impl ::core::convert::From<#ty> for #name {
                    fn from(exception: #ty) -> Self {
                        #name::#variant(exception)
                    }
                }
            });
            names.push(variant);
        }
        quote! {
            #[doc = #doc]
            #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
            pub enum #name {
                #(#variants)*
                /// A failure of the call itself: unreachable object, lost connection, broken
                /// bound, or a servant failing otherwise than with a declared exception.
                System(#rt::Error),
            }

            impl ::core::convert::From<#rt::Error> for #name {
                fn from(error: #rt::Error) -> Self {
                    #name::System(error)
                }
            }

            #(#froms)*

            impl ::core::fmt::Display for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match self {
                        #(#name::#names(inner) => ::core::fmt::Display::fmt(inner, f),)*
                        #name::System(inner) => ::core::fmt::Display::fmt(inner, f),
                    }
                }
            }

            impl ::std::error::Error for #name {
                fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                    match self {
                        #(#name::#names(inner) => ::std::error::Error::source(inner),)*
                        #name::System(inner) => ::std::error::Error::source(inner),
                    }
                }
            }
        }
    });
    quote!(#(#enums)*)
}

/// The output struct of every method with `out` or `inout` parameters.
pub fn output_structs(
    cx: &Context<'_>,
    plan: &InterfacePlan<'_>,
    module: &[String],
) -> TokenStream {
    let structs = plan
        .methods
        .iter()
        .filter(|m| m.has_output())
        .map(|method| {
            let name = ident::ident(&plan.output_name(method));
            let doc = format!(
                " What `{}::{}` returns: its result and its `out` and `inout` parameters.",
                plan.rust_name, method.rust_name
            );
            let result = method.result.map(|ty| {
                let ty = bridge::rust_type(cx, ty, module);
                quote! {
                    /// The operation's result.
                    pub result: #ty,
                }
            });
            let params = method.params.iter().filter(|p| p.is_output()).map(|p| {
                let field = ident::ident(&p.rust_name);
                let ty = bridge::rust_type(cx, p.ty, module);
                let doc = format!(
                    " The `{}` parameter `{}`.",
                    direction(p.is_input()),
                    p.idl_name
                );
                quote!(#[doc = #doc] pub #field: #ty,)
            });
            quote! {
                #[doc = #doc]
                #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
                pub struct #name {
                    #result
                    #(#params)*
                }
            }
        });
    quote!(#(#structs)*)
}

fn direction(inout: bool) -> &'static str {
    if inout { "inout" } else { "out" }
}
