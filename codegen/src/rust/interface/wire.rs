//! The hidden wire module of an interface (`__account_wire`): the request and response
//! messages, operation ids, the interface's `InterfaceInfo`, and per method the client function
//! a proxy calls and the server function a skeleton calls. Proxies and skeletons of derived
//! interfaces reuse a base's functions, so each method's glue exists once.

use orbit_idl::model::{DeclId, Type};
use proc_macro2::TokenStream;
use quote::quote;

use super::{
    super::Context,
    bridge::{self, OperationField},
    plan::{self, InterfacePlan, Method},
    service,
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
    let rt = cx.runtime().clone();
    let mut items = vec![
        interface_info(cx, plan, &inner),
        direct_trait(cx, plan, &inner),
    ];
    for method in &plan.methods {
        let id = ident::ident(&plan::id_name(method));
        let wire_name = &method.wire_name;
        let id_doc = format!(" The operation id of `{wire_name}`.");
        items.push(quote! {
            #[doc = #id_doc]
            pub const #id: u32 = #rt::operation_id(#wire_name);
        });
        items.push(messages(cx, plan, method, &inner));
        if cx.options.client {
            items.push(call_fn(cx, plan, method, &inner));
        }
        if cx.options.server {
            items.push(serve_fn(cx, plan, method, &inner));
        }
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

/// `pub static INTERFACE: InterfaceInfo`.
fn interface_info(cx: &Context<'_>, plan: &InterfacePlan<'_>, module: &[String]) -> TokenStream {
    let rt = cx.runtime();
    let scoped = plan.decl.scoped_name.as_str();
    let repository_id = plan.decl.repository_id();
    let repository_id = repository_id.as_ref();
    let operations = plan.methods.iter().map(|method| {
        let wire_name = &method.wire_name;
        let id = ident::ident(&plan::id_name(method));
        let oneway = method.oneway;
        quote!(#rt::OperationInfo { name: #wire_name, id: #id, oneway: #oneway })
    });
    let bases = plan.interface.bases.iter().filter_map(|&base| {
        let base_plan = plan::plan(cx.model, base).ok()?;
        let path = cx.path_to(module, base, &base_plan.wire_module());
        Some(quote!(&#path::INTERFACE))
    });
    let doc = format!(" What IDL interface `{scoped}` is: its operations and bases.");
    quote! {
        #[doc = #doc]
        pub static INTERFACE: #rt::InterfaceInfo = #rt::InterfaceInfo {
            name: #scoped,
            repository_id: #repository_id,
            operations: &[#(#operations),*],
            bases: &[#(#bases),*],
        };
    }
}

/// The request message, and the response message unless the method is oneway.
fn messages(
    cx: &mut Context<'_>,
    plan: &InterfacePlan<'_>,
    method: &Method<'_>,
    module: &[String],
) -> TokenStream {
    let idl_name = format!("{}::{}", plan.decl.scoped_name, method.wire_name);
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
    let mut out = vec![bridge::message(
        cx,
        &plan::request_name(method),
        &idl_name,
        &format!(" The request of `{idl_name}`."),
        &request,
        module,
    )];
    if !method.oneway {
        let result = method.result.map(|ty| (ty, method.span));
        let outputs = method
            .params
            .iter()
            .filter(|p| p.is_output())
            .map(|p| (p.ty, p.span));
        let mut response: Vec<OperationField> = method
            .layout
            .response
            .iter()
            .zip(result.into_iter().chain(outputs))
            .map(|(layout, (ty, span))| OperationField {
                layout: layout.clone(),
                ty: ty.clone(),
                span,
            })
            .collect();
        response.extend(
            exception_fields(cx, method)
                .into_iter()
                .map(|(exception, layout)| OperationField {
                    layout,
                    ty: Type::Named(exception),
                    span: method.span,
                }),
        );
        out.push(bridge::message(
            cx,
            &plan::response_name(method),
            &idl_name,
            &format!(" The response of `{idl_name}`."),
            &response,
            module,
        ));
    }
    let mut tokens = TokenStream::new();
    for message in out {
        match message {
            Ok(message) => tokens.extend(message),
            Err(problems) => problems.into_iter().for_each(|d| cx.error(d)),
        }
    }
    tokens
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

/// `pub trait Direct`: the interface's own methods in dyn-compatible form, implemented for
/// every servant, so that a proxy on an object of its own process calls the servant without
/// encoding (`ProxyCore::direct`, `Dispatch::direct`).
fn direct_trait(cx: &Context<'_>, plan: &InterfacePlan<'_>, module: &[String]) -> TokenStream {
    let rt = cx.runtime();
    let trait_path = cx.path_to(module, plan.id, &plan.rust_name);
    let (signatures, bodies): (Vec<_>, Vec<_>) = plan
        .methods
        .iter()
        .map(|method| {
            let name = ident::ident(&method.rust_name);
            let (names, types): (Vec<_>, Vec<_>) = method
                .params
                .iter()
                .filter(|p| p.is_input())
                .map(|p| {
                    (
                        ident::ident(&p.rust_name),
                        bridge::rust_type(cx, p.ty, module),
                    )
                })
                .unzip();
            let ok = service::ok_type(cx, plan.id, plan, method, module);
            let err = service::err_type(cx, plan.id, plan, method, module);
            let signature = quote! {
                fn #name(&self, #(#names: #types),*)
                    -> #rt::BoxFuture<'_, ::core::result::Result<#ok, #err>>
            };
            let body = quote! {
                #signature {
                    ::std::boxed::Box::pin(<T as #trait_path>::#name(self, #(#names),*))
                }
            };
            (quote!(#signature;), body)
        })
        .unzip();
    quote! {
        /// The interface's own methods in dyn-compatible form, for calls on a servant of the
        /// caller's process that skip encoding.
        pub trait Direct: ::core::marker::Send + ::core::marker::Sync {
            #(#signatures)*
        }

        impl<T: #trait_path> Direct for T {
            #(#bodies)*
        }
    }
}

/// `pub async fn op_call(core, request) -> Result<T, E>`: what a proxy method does.
fn call_fn(
    cx: &Context<'_>,
    plan: &InterfacePlan<'_>,
    method: &Method<'_>,
    module: &[String],
) -> TokenStream {
    let rt = cx.runtime();
    let name = ident::ident(&plan::call_name(method));
    let request = ident::ident(&plan::request_name(method));
    let id = ident::ident(&plan::id_name(method));
    let ok = service::ok_type(cx, plan.id, plan, method, module);
    let err = service::err_type(cx, plan.id, plan, method, module);
    let doc = format!(" Calls `{}` on the object of `core`.", method.wire_name);
    let body = if method.oneway {
        quote! {
            core.call(#id, payload, true).await?;
            ::core::result::Result::Ok(())
        }
    } else {
        let (decode, value) = read_response(cx, plan, method, module);
        quote! {
            let reply = core.call(#id, payload, false).await?;
            #decode
            #value
        }
    };
    let method_name = ident::ident(&method.rust_name);
    let inputs: Vec<_> = method
        .layout
        .request
        .iter()
        .map(|f| bridge::field_ident(&f.name))
        .collect();
    let scoped = plan.decl.scoped_name.as_str();
    let run = if method.oneway {
        quote!(#rt::direct::oneway)
    } else {
        quote!(#rt::direct::call)
    };
    quote! {
        #[doc = #doc]
        pub async fn #name(
            core: &#rt::ProxyCore,
            request: #request,
        ) -> ::core::result::Result<#ok, #err> {
            if let ::core::option::Option::Some(direct) = core.direct::<dyn Direct>() {
                // A servant of this process: checked as it would be when encoded, then called.
                #rt::Validate::validate(&request)?;
                return #run(core, #scoped, async move {
                    direct.#method_name(#(request.#inputs),*).await
                })
                .await;
            }
            let payload = core.encode(&request)?;
            #body
        }
    }
}

/// Decoding a reply and turning it into the method's outcome.
fn read_response(
    cx: &Context<'_>,
    plan: &InterfacePlan<'_>,
    method: &Method<'_>,
    module: &[String],
) -> (TokenStream, TokenStream) {
    let response = ident::ident(&plan::response_name(method));
    let exceptions = exception_fields(cx, method);
    let reads_fields = !method.layout.response.is_empty() || !exceptions.is_empty();
    let decode = if reads_fields {
        quote!(let response: #response = core.decode(reply)?;)
    } else {
        quote!(core.decode::<#response>(reply)?;)
    };
    let err = service::err_type(cx, plan.id, plan, method, module);
    let raised = exceptions.iter().filter_map(|(exception, field)| {
        let decl = cx.model.get(*exception)?;
        let variant = ident::ident(&ident::camel(&decl.name));
        let field = bridge::field_ident(&field.name);
        Some(quote! {
            if let ::core::option::Option::Some(exception) = response.#field {
                return ::core::result::Result::Err(#err::#variant(exception));
            }
        })
    });
    let result = bridge::field_ident("result");
    let value = if method.has_output() {
        let output = cx.path_to(module, plan.id, &plan.output_name(method));
        let result = method.result.map(|_| quote!(result: response.#result,));
        let params = method.params.iter().filter(|p| p.is_output()).map(|p| {
            let name = ident::ident(&p.rust_name);
            let field = bridge::field_ident(&p.idl_name);
            quote!(#name: response.#field,)
        });
        quote!(#output { #result #(#params)* })
    } else if method.result.is_some() {
        quote!(response.#result)
    } else {
        quote!(())
    };
    (
        decode,
        quote! {
            #(#raised)*
            ::core::result::Result::Ok(#value)
        },
    )
}

/// `pub async fn op_serve<S: I>(servant, context, payload) -> Result<Bytes, Error>`: what a
/// skeleton does for one method.
fn serve_fn(
    cx: &Context<'_>,
    plan: &InterfacePlan<'_>,
    method: &Method<'_>,
    module: &[String],
) -> TokenStream {
    let rt = cx.runtime();
    let name = ident::ident(&plan::serve_name(method));
    let request = ident::ident(&plan::request_name(method));
    let trait_path = cx.path_to(module, plan.id, &plan.rust_name);
    let method_name = ident::ident(&method.rust_name);
    let inputs: Vec<_> = method
        .layout
        .request
        .iter()
        .map(|f| bridge::field_ident(&f.name))
        .collect();
    let decode = if inputs.is_empty() {
        quote!(context.decode::<#request>(payload)?;)
    } else {
        quote!(let request: #request = context.decode(payload)?;)
    };
    let call = quote!(<S as #trait_path>::#method_name(servant, #(request.#inputs),*).await);
    let doc = format!(" Serves `{}` with `servant`.", method.wire_name);
    let body = if method.oneway {
        quote! {
            #call?;
            ::core::result::Result::Ok(#rt::bytes::Bytes::new())
        }
    } else {
        let fill = fill_response(cx, plan, method, module, &call);
        quote! {
            #fill
            context.encode(&response)
        }
    };
    quote! {
        #[doc = #doc]
        pub async fn #name<S: #trait_path>(
            servant: &S,
            context: #rt::CallContext,
            payload: #rt::bytes::Bytes,
        ) -> ::core::result::Result<#rt::bytes::Bytes, #rt::Error> {
            #decode
            #body
        }
    }
}

/// Calling the servant and putting its outcome in `response`.
fn fill_response(
    cx: &Context<'_>,
    plan: &InterfacePlan<'_>,
    method: &Method<'_>,
    module: &[String],
    call: &TokenStream,
) -> TokenStream {
    let response = ident::ident(&plan::response_name(method));
    let result = bridge::field_ident("result");
    let outputs: Vec<_> = method
        .params
        .iter()
        .filter(|p| p.is_output())
        .map(|p| (bridge::field_ident(&p.idl_name), ident::ident(&p.rust_name)))
        .collect();
    let assign = if method.has_output() {
        let result = method
            .result
            .map(|_| quote!(response.#result = value.result;));
        let params = outputs
            .iter()
            .map(|(field, name)| quote!(response.#field = value.#name;));
        Some(quote!(#result #(#params)*))
    } else if method.result.is_some() {
        Some(quote!(response.#result = value;))
    } else {
        None
    };
    if method.raises.is_empty() {
        return match assign {
            Some(assign) => quote! {
                let value = #call?;
                let mut response = <#response as ::core::default::Default>::default();
                #assign
            },
            None => quote! {
                #call?;
                let response = <#response as ::core::default::Default>::default();
            },
        };
    }
    let err = service::err_type(cx, plan.id, plan, method, module);
    let ok_arm = match assign {
        Some(assign) => quote!(::core::result::Result::Ok(value) => { #assign }),
        None => quote!(::core::result::Result::Ok(()) => {}),
    };
    let raised = exception_fields(cx, method)
        .into_iter()
        .filter_map(|(exception, field)| {
            let decl = cx.model.get(exception)?;
            let variant = ident::ident(&ident::camel(&decl.name));
            let field = bridge::field_ident(&field.name);
            Some(quote! {
                ::core::result::Result::Err(#err::#variant(exception)) => {
                    response.#field = ::core::option::Option::Some(exception);
                }
            })
        });
    quote! {
        let mut response = <#response as ::core::default::Default>::default();
        match #call {
            #ok_arm
            #(#raised)*
            ::core::result::Result::Err(#err::System(error)) => return ::core::result::Result::Err(error),
        }
    }
}
