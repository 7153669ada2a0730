//! The hidden wire module of an interface (`__account_wire`): the runtime's `interface!`
//! listing (operation ids and the interface's `InterfaceInfo`), and per method an
//! `operation!` listing: the request and response messages and how the response carries the
//! method's outcome. With client code, `client!` defines the trait that marks the proxies able to
//! call the interface (for which `service!` implements its trait); with server code, the `interface!`
//! listing names each operation's servant method, for the module's `dispatch` function, which
//! skeletons of the interface and of derived ones call: each method's glue exists once.

use orbit_idl::model::DeclId;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{
    super::Context,
    bridge::{self, OperationField},
    plan::{self, InterfacePlan, Method},
    proxy, service,
};
use crate::{
    ident,
    wire::{Cardinality, Carrier, Field},
};

/// The wire module of `plan`, declared in `module`.
pub fn wire_module(
    cx: &mut Context<'_>,
    plan: &InterfacePlan<'_>,
    module: &[String],
) -> TokenStream {
    let name = ident::ident(&plan.wire_module());
    let mut inner = module.to_vec();
    inner.push(plan.wire_module());
    let mut items = vec![interface_info(cx, plan, &inner)];
    for method in &plan.methods {
        items.push(operation(cx, plan, method, &inner));
    }
    if cx.options.client {
        items.push(proxy::client_marker(cx, plan, &inner));
    }
    let doc = format!(
        " Messages and glue of IDL interface `{}`; not a public API.",
        plan.decl.scoped_name
    );
    quote! {
        #[doc = #doc]
        #[doc(hidden)]
        #[allow(non_camel_case_types, non_snake_case, non_upper_case_globals, clippy::all)]
        pub mod #name {
            #(#items)*
        }
    }
}

/// The `interface!` listing: the `INTERFACE` static, the operation ids and, with server code,
/// the `dispatch` function skeletons call.
fn interface_info(cx: &Context<'_>, plan: &InterfacePlan<'_>, module: &[String]) -> TokenStream {
    let rt = cx.runtime();
    let scoped = plan.decl.scoped_name.as_str();
    let repository_id = plan.decl.repository_id();
    let repository_id = repository_id.as_ref();
    let server = cx.options.server;
    let operations = plan.methods.iter().map(|method| {
        let wire_name = &method.wire_name;
        let id = ident::ident(&plan::id_name(method));
        let oneway = method.oneway.then(|| quote!(oneway));
        let serve = server.then(|| {
            let request = ident::ident(&plan::request_name(method));
            let method_name = ident::ident(&method.rust_name);
            let inputs = method
                .layout
                .request
                .iter()
                .map(|f| bridge::field_ident(&f.name));
            quote!(=> #request::#method_name(#(#inputs),*))
        });
        quote!(#id = #wire_name #oneway #serve,)
    });
    let servant = server.then(|| {
        let trait_path = cx.path_to(module, plan.id, &plan.rust_name);
        quote!(serve #trait_path;)
    });
    let bases = plan.interface.bases.iter().filter_map(|&base| {
        let decl = cx.model.get(base)?;
        let path = cx.path_to(module, base, &plan::wire_module_of(decl));
        Some(quote!(#path::INTERFACE))
    });
    quote! {
        #rt::interface! {
            #scoped, #repository_id {
                #(#operations)*
            }
            bases [#(#bases),*]
            #servant
        }
    }
}

/// The `operation!` listing of one method: its messages, outcome and serving function.
fn operation(
    cx: &mut Context<'_>,
    plan: &InterfacePlan<'_>,
    method: &Method<'_>,
    module: &[String],
) -> TokenStream {
    let rt = cx.runtime().clone();
    let idl_name = format!("{}::{}", plan.decl.scoped_name, method.wire_name);
    let id = ident::ident(&plan::id_name(method));
    let request_name = ident::ident(&plan::request_name(method));
    let inputs = method.params.iter().filter(|p| p.is_input());
    let request: Vec<OperationField> = method
        .layout
        .request
        .iter()
        .zip(inputs)
        .map(|(layout, p)| OperationField {
            layout: layout.clone(),
            ty: p.ty.clone(),
            span: p.span,
        })
        .collect();
    let mut problems = Vec::new();
    let request = bridge::message_entries(cx, &request, module).unwrap_or_else(|p| {
        problems.extend(p);
        TokenStream::new()
    });
    let body = if method.oneway {
        quote! {
            #id: #request_name = #idl_name { #request }
            oneway;
        }
    } else {
        let response = bridge::message_entries(cx, &response_fields(method), module)
            .unwrap_or_else(|p| {
                problems.extend(p);
                TokenStream::new()
            });
        let response_name = ident::ident(&plan::response_name(method));
        let raises = raises_clause(cx, method, module);
        let ok = service::ok_type(cx, plan.id, plan, method, module);
        let err = (!method.raises.is_empty())
            .then(|| service::err_type(cx, plan.id, plan, method, module))
            .map(|err| quote!(, #err));
        let value = success_value(method);
        quote! {
            #id: #request_name = #idl_name { #request }
            #response_name { #response }
            #raises
            returns #ok #err = #value
        }
    };
    if !problems.is_empty() {
        problems.into_iter().for_each(|d| cx.error(d));
        return TokenStream::new();
    }
    quote! {
        #rt::operation! {
            #body
        }
    }
}

/// The fields of the response message: the result and the `out`/`inout` parameters (the
/// fields of the declared exceptions are listed in the `raises` clause).
fn response_fields(method: &Method<'_>) -> Vec<OperationField> {
    let result = method.result.map(|ty| (ty, method.span));
    let outputs = method
        .params
        .iter()
        .filter(|p| p.is_output())
        .map(|p| (p.ty, p.span));
    method
        .layout
        .response
        .iter()
        .zip(result.into_iter().chain(outputs))
        .map(|(layout, (ty, span))| OperationField {
            layout: layout.clone(),
            ty: ty.clone(),
            span,
        })
        .collect()
}

/// `raises { number => raised_field: Exception => Variant, … }`, or nothing for a method
/// without exceptions.
fn raises_clause(cx: &Context<'_>, method: &Method<'_>, module: &[String]) -> TokenStream {
    if method.raises.is_empty() {
        return TokenStream::new();
    }
    let arms = exception_fields(cx, method)
        .into_iter()
        .filter_map(|(exception, field)| {
            let decl = cx.model.get(exception)?;
            let camel = ident::camel(&decl.name);
            let ty = cx.path_to(module, exception, &camel);
            let variant = ident::ident(&camel);
            let tag = Literal::u32_unsuffixed(field.number);
            let field = bridge::field_ident(&field.name);
            Some(quote!(#tag => #field: #ty => #variant,))
        });
    quote!(raises { #(#arms)* })
}

/// How the success value is made of the response's fields: `()`, `result`, or the fields of
/// the output struct `{ result, param, … }`.
fn success_value(method: &Method<'_>) -> TokenStream {
    let result = bridge::field_ident("result");
    if method.has_output() {
        // The output struct's fields are named as the response's fields.
        let result = method.result.map(|_| quote!(#result,));
        let params = method.params.iter().filter(|p| p.is_output()).map(|p| {
            let field = bridge::field_ident(&p.idl_name);
            quote!(#field,)
        });
        quote!({ #result #(#params)* })
    } else if method.result.is_some() {
        quote!(#result)
    } else {
        quote!(())
    }
}

/// The response fields standing for the `oneof exception`: one optional message field per
/// declared exception, numbered as the layout says. At most one is ever set, which is what a
/// `oneof` of the same numbers puts on the wire.
pub fn exception_fields(cx: &Context<'_>, method: &Method<'_>) -> Vec<(DeclId, Field)> {
    let mut taken: Vec<String> = method
        .layout
        .response
        .iter()
        .map(|f| ident::snake(&f.name))
        .collect();
    let mut out = Vec::new();
    for &(exception, number) in &method.layout.exceptions {
        let Some(decl) = cx.model.get(exception) else {
            continue;
        };
        let base = format!("raised_{}", ident::snake(&decl.name));
        let mut name = base.clone();
        let mut n = 1;
        while taken.contains(&ident::snake(&name)) {
            n += 1;
            name = format!("{base}_{n}");
        }
        taken.push(ident::snake(&name));
        out.push((
            exception,
            Field {
                name,
                number,
                cardinality: Cardinality::Optional,
                carrier: Carrier::Message(exception),
            },
        ));
    }
    out
}
