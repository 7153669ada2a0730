//! The server-side trait `I` (what a servant implements and a proxy calls), and the error enums
//! and output structs its methods return.

use orbit_idl::model::DeclId;
use proc_macro2::TokenStream;
use quote::quote;

use super::{
    super::{Context, data::doc_attrs},
    bridge,
    plan::{self, InterfacePlan, Method, MethodKind},
};
use crate::ident;

/// The `service!` listing of `pub trait I: Bases + Send + Sync + 'static { … }`: per method its
/// parameters, success type and (unless the runtime's `Error`) error type; the macro writes
/// each signature as `fn op(&self, …) -> impl Future<Output = Result<T, E>> + Send`. With
/// client code, each method also names its request message, and `client __i_wire;` has the
/// macro implement the trait for every proxy marked as a client of the interface.
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
    let bases: Vec<TokenStream> = plan
        .interface
        .bases
        .iter()
        .filter_map(|&base| {
            let decl = cx.model.get(base)?;
            Some(cx.path_to(module, base, &ident::camel(&decl.name)))
        })
        .collect();
    let bases = (!bases.is_empty()).then(|| quote!(: #(#bases),*));
    let methods = plan.methods.iter().map(|method| {
        let doc = method_doc(plan, method);
        let name = ident::ident(&method.rust_name);
        let params = method.params.iter().filter(|p| p.is_input()).map(|p| {
            let name = ident::ident(&p.rust_name);
            let ty = bridge::rust_type(cx, p.ty, module);
            quote!(#name: #ty)
        });
        let ok = ok_type(cx, plan.id, plan, method, module);
        // The runtime's `Error` is the default.
        let err = (!method.raises.is_empty())
            .then(|| err_type(cx, plan.id, plan, method, module))
            .map(|err| quote!(, #err));
        // With client code, the request message the proxies send.
        let call = cx.options.client.then(|| {
            let call = if method.oneway {
                quote!(call_oneway)
            } else {
                quote!(call)
            };
            let request = ident::ident(&plan::request_name(method));
            quote!(= #call #request)
        });
        quote! {
            #doc
            fn #name(#(#params),*) -> #ok #err #call;
        }
    });
    // With server code too, proxies call a servant of their own process directly.
    let client = cx.options.client.then(|| {
        let wire = cx.path_to(module, plan.id, &plan.wire_module());
        let direct = cx.options.server.then(|| quote!(, direct));
        quote!(client #wire #direct;)
    });
    let rt = cx.runtime();
    quote! {
        #rt::service! {
            #doc
            pub trait #name #bases {
                #(#methods)*
            }
            #client
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

/// The error enum of every method that raises exceptions, as `raises!` listings: one variant
/// per declared exception (the exception's name and type), plus `System`.
pub fn error_enums(cx: &Context<'_>, plan: &InterfacePlan<'_>, module: &[String]) -> TokenStream {
    let rt = cx.runtime();
    let enums = plan
        .methods
        .iter()
        .filter(|m| !m.raises.is_empty())
        .map(|method| {
            let name = ident::ident(&plan.error_name(method));
            let what = format!("{}::{}", plan.rust_name, method.rust_name);
            let variants = method.raises.iter().filter_map(|&exception| {
                let decl = cx.model.get(exception)?;
                let camel = ident::camel(&decl.name);
                let ty = cx.path_to(module, exception, &camel);
                let variant = ident::ident(&camel);
                let idl = decl.scoped_name.as_str();
                Some(quote!(#variant(#ty) = #idl,))
            });
            quote! {
                #rt::raises! {
                    #name = #what {
                        #(#variants)*
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
