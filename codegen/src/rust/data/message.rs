//! Message structs: a Rust struct with one public field per wire field, and its `Default`,
//! `prost::Message`, `Record` and `Validate` impls. IDL structs and exceptions are generated
//! through here, and so are the request and response messages of operations.
//!
//! The impls come from the runtime's `record!` macro: the generated code lists each field's
//! number, Rust name, codec (built by [`field_codec`]) and IDL name, and the macro writes the
//! methods.

use orbit_idl::model::Type;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{
    codec::{Holding, field_codec},
    serde, types,
};
use crate::{
    ident,
    rust::Context,
    wire::{self, Cardinality, Unsupported},
};

/// One field of a generated message.
#[derive(Clone, Debug)]
pub struct MessageField {
    /// The Rust field name.
    pub ident: Ident,
    /// The field's wire layout (its name in error messages, number, carrier).
    pub layout: wire::Field,
    /// The Rust type of the field (`Option<…>` included for `@optional`).
    pub rust: TokenStream,
    /// The field codec (see [`field_codec`]).
    pub codec: TokenStream,
    /// The expression of the field's `Default` value.
    pub default: TokenStream,
    /// Whether [`default`](Self::default) is what `Default::default()` gives (`None` for an
    /// `Option`), so that a derived or omitted `Default` is the same.
    pub plain_default: bool,
    /// Attributes of the field: docs (by default "Field `name`."), serde helpers.
    pub attrs: TokenStream,
}

impl MessageField {
    /// The field laid out as `layout`, holding values of IDL type `ty`, in a message generated
    /// in Rust module `module`: its Rust name is [`ident::snake`] of the layout's name, its Rust
    /// type [`rust_type`](super::rust_type) (in an `Option` for an `@optional` layout), its
    /// default the type's.
    ///
    /// # Errors
    ///
    /// When the field's values have no codec (see [`field_codec`]).
    pub fn new(
        cx: &Context<'_>,
        module: &[String],
        layout: wire::Field,
        ty: &Type,
    ) -> Result<Self, Unsupported> {
        Self::with_holding(cx, module, layout, ty, Holding::default())
    }

    /// [`MessageField::new`] for a value held as `holding` says (boxed, for a member that
    /// refers to its own struct).
    ///
    /// # Errors
    ///
    /// When the field's values have no codec.
    pub fn with_holding(
        cx: &Context<'_>,
        module: &[String],
        layout: wire::Field,
        ty: &Type,
        holding: Holding,
    ) -> Result<Self, Unsupported> {
        let codec = field_codec(cx.model, &layout, ty, holding)?;
        let mut rust = types::rust_type(cx, ty, module);
        if holding.boxed {
            rust = quote!(::std::boxed::Box<#rust>);
        }
        // A reference is already an `Option`: `@optional` adds nothing (see `field_codec`).
        let optional = layout.cardinality == Cardinality::Optional
            && !matches!(layout.carrier, wire::Carrier::ObjectRef(_));
        let mut plain_default = false;
        let default = if optional {
            rust = quote!(::core::option::Option<#rust>);
            quote!(::core::option::Option::None)
        } else if holding.boxed {
            let inner = types::default_value(cx, ty);
            quote!(::std::boxed::Box::new(#inner))
        } else {
            plain_default = types::has_plain_default(cx, ty);
            types::default_value(cx, ty)
        };
        let doc = format!(" Field `{}`.", layout.name);
        let serde = serde::field_attr(cx, ty, optional);
        Ok(MessageField {
            ident: ident::ident(&ident::snake(&layout.name)),
            attrs: quote!(#[doc = #doc] #serde),
            layout,
            rust,
            codec,
            default,
            plain_default,
        })
    }
}

/// A message struct to generate.
#[derive(Clone, Debug)]
pub struct Message {
    /// The Rust name of the struct.
    pub name: Ident,
    /// The name error messages use for it, as IDL writes it (`Bank::Account`); a field is
    /// `{idl_name}.{field}`.
    pub idl_name: String,
    /// Attributes of the struct: docs, `#[doc(hidden)]`.
    pub attrs: TokenStream,
    /// The fields, in wire order.
    pub fields: Vec<MessageField>,
    /// Whether it is an IDL exception, which also implements `Display` and `Error`.
    pub exception: bool,
}

/// Generates a message: the struct (deriving `Debug`, `Clone`, `PartialEq` and serde's traits),
/// its `Default` (every field's default), and its `prost::Message`, `Record` and `Validate`
/// impls. Usable for any list of fields: an operation's request or response is a `Message` of
/// its parameters' layouts (declared exceptions can be `@optional`-style fields of
/// [`Carrier::Message`](wire::Carrier::Message), which is what a `oneof` is on the wire).
pub fn message(cx: &Context<'_>, message: &Message) -> TokenStream {
    let Message {
        name,
        attrs,
        fields,
        ..
    } = message;
    let crate_attr = serde::crate_attr(cx);
    let rt = cx.runtime();
    let idents = fields.iter().map(|f| &f.ident);
    let field_attrs = fields.iter().map(|f| &f.attrs);
    let rust = fields.iter().map(|f| &f.rust);
    let impls = record_impls(cx, message);
    quote! {
        #attrs
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, #rt::serde::Serialize, #rt::serde::Deserialize)]
        #crate_attr
        pub struct #name {
            #( #field_attrs pub #idents: #rust, )*
        }

        #impls
    }
}

/// The `record!` invocation that implements `prost::Message`, `Record` and `Validate` (and for
/// an exception `Display` and `Error`) for a message struct: one line per field, `number =>
/// rust_field: Codec = "IDL name"`.
fn record_impls(cx: &Context<'_>, message: &Message) -> TokenStream {
    let Message {
        name,
        idl_name,
        fields,
        exception,
        ..
    } = message;
    let runtime = cx.runtime();
    let entries = fields.iter().map(|f| {
        let ident = &f.ident;
        let tag = Literal::u32_unsuffixed(f.layout.number);
        let codec = &f.codec;
        let what = name_clause(ident, &f.layout.name);
        let default = default_clause(f);
        quote!(#tag => #ident: #codec #what #default,)
    });
    let kind = exception.then(|| quote!(exception));
    quote! {
        #runtime::record! {
            #kind #name = #idl_name {
                #(#entries)*
            }
        }
    }
}

/// The field listing of an operation message for the runtime's `message!` and `operation!`
/// macros: per field `number => rust_field: RustType as Codec = "IDL name"`, followed by
/// `; default expr` when the field's default is not `Default::default()` (an array's).
pub fn message_entries(fields: &[MessageField]) -> TokenStream {
    let entries = fields.iter().map(|f| {
        let MessageField {
            ident,
            layout,
            rust,
            codec,
            ..
        } = f;
        let tag = Literal::u32_unsuffixed(layout.number);
        let what = name_clause(ident, &layout.name);
        let default = default_clause(f);
        quote!(#tag => #ident: #rust as #codec #what #default,)
    });
    quote!(#(#entries)*)
}

/// `= "name"`, the IDL name of a field in a listing, or nothing when it is the Rust field's.
fn name_clause(ident: &Ident, name: &str) -> Option<TokenStream> {
    (*ident != name).then(|| quote!(= #name))
}

/// `; default expr`, the default of a field in a listing when it is not `Default::default()`
/// (`None` is `Option`'s too), or nothing.
fn default_clause(field: &MessageField) -> Option<TokenStream> {
    let layout = &field.layout;
    let optional = layout.cardinality == wire::Cardinality::Optional
        && !matches!(layout.carrier, wire::Carrier::ObjectRef(_));
    let default = &field.default;
    (!field.plain_default && !optional).then(|| quote!(; default #default))
}
