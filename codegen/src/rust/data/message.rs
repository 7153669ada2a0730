//! Message structs: a Rust struct with one public field per wire field, and its `Default`,
//! `prost::Message`, `Record` and `Validate` impls. IDL structs and exceptions are generated
//! through here, and so are the request and response messages of operations.
//!
//! The impls hold no encoding logic: each field's codec is a type alias built by
//! [`field_codec`], and each method calls it. They live in a `const _: () = { … };` block that
//! imports the runtime as [`RT`](super::codec::RT), so no helper name reaches the user's module.

use orbit_idl::model::Type;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{ToTokens as _, format_ident, quote};

use super::{
    codec::{Holding, field_codec, rt},
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
        let default = if optional {
            rust = quote!(::core::option::Option<#rust>);
            quote!(::core::option::Option::None)
        } else if holding.boxed {
            let inner = types::default_value(cx, ty);
            quote!(::std::boxed::Box::new(#inner))
        } else {
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
    let defaults = fields.iter().map(|f| {
        let ident = &f.ident;
        let default = &f.default;
        quote!(#ident: #default)
    });
    let impls = record_impls(cx, message);
    // Derived when every field has its type's default (clippy asks for that), else written out.
    let plain = types::plain_default();
    let plain = plain.to_string();
    let (derive_default, default_impl) = if fields.iter().all(|f| f.default.to_string() == plain) {
        (quote!(::core::default::Default,), quote!())
    } else {
        (
            quote!(),
            quote! {
                impl ::core::default::Default for #name {
                    fn default() -> Self {
                        Self { #(#defaults,)* }
                    }
                }
            },
        )
    };
    quote! {
        #attrs
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, #derive_default #rt::serde::Serialize, #rt::serde::Deserialize)]
        #crate_attr
        pub struct #name {
            #( #field_attrs pub #idents: #rust, )*
        }

        #default_impl

        #impls
    }
}

/// The type alias of field `index`'s codec inside the impl block.
fn codec_alias(index: usize) -> Ident {
    format_ident!("__F{}", index)
}

/// `__Fi`, whose `FieldCodec` methods the impl block calls (the trait is imported there).
fn codec_of(index: usize) -> TokenStream {
    codec_alias(index).into_token_stream()
}

/// The `prost::Message`, `Record` and `Validate` impls of a message struct.
fn record_impls(cx: &Context<'_>, message: &Message) -> TokenStream {
    let rt = rt();
    let Message {
        name,
        idl_name,
        fields,
        ..
    } = message;
    let aliases = fields.iter().enumerate().map(|(i, f)| {
        let alias = codec_alias(i);
        let codec = &f.codec;
        quote!(type #alias = #codec;)
    });
    let mut encode = Vec::new();
    let mut lens = Vec::new();
    let mut empties = Vec::new();
    let mut arms = Vec::new();
    let mut finishes = Vec::new();
    let mut validates = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let codec = codec_of(i);
        let ident = &f.ident;
        let tag = Literal::u32_suffixed(f.layout.number);
        let slot = Literal::usize_unsuffixed(i);
        let what = format!("{idl_name}.{}", f.layout.name);
        encode.push(quote!(#codec::encode(#tag, &self.#ident, buf);));
        lens.push(quote!(#codec::encoded_len(#tag, &self.#ident)));
        empties.push(quote!(#ident: #codec::empty()));
        arms.push(quote! {
            #tag => #codec::merge(&mut self.#ident, &mut state[#slot], wire_type, buf, ctx, #what),
        });
        finishes.push(quote!(#codec::finish(&self.#ident, state[#slot], #what)?;));
        validates.push(quote!(#codec::validate(&self.#ident, #what)?;));
    }
    let count = Literal::usize_unsuffixed(fields.len());
    let encoded_len = if lens.is_empty() {
        quote!(0)
    } else {
        quote!(#(#lens)+*)
    };
    let merge = if arms.is_empty() {
        quote! {
            let _ = state;
            #rt::prost::encoding::skip_field(wire_type, tag, buf, ctx)
        }
    } else {
        quote! {
            match tag {
                #(#arms)*
                _ => #rt::prost::encoding::skip_field(wire_type, tag, buf, ctx),
            }
        }
    };
    let (finish_state, import, encode) = if fields.is_empty() {
        (quote!(let _ = state;), quote!(), quote!(let _ = buf;))
    } else {
        (
            quote!(),
            quote!(use #rt::codec::FieldCodec as _;),
            quote!(#(#encode)*),
        )
    };
    let runtime = cx.runtime();
    let prost_impl = prost_message_impl(name, encode, encoded_len);
    quote! {
        const _: () = {
            use #runtime as #rt;
            #import
            #(#aliases)*

            #prost_impl

            impl #rt::codec::Record for #name {
                type State = [usize; #count];

                fn empty() -> Self {
                    Self { #(#empties,)* }
                }

                fn start() -> Self::State {
                    [0; #count]
                }

                fn merge_field_in(
                    &mut self,
                    state: &mut Self::State,
                    tag: u32,
                    wire_type: #rt::prost::encoding::WireType,
                    buf: &mut impl #rt::bytes::Buf,
                    ctx: #rt::prost::encoding::DecodeContext,
                ) -> ::core::result::Result<(), #rt::prost::DecodeError> {
                    #merge
                }

                fn finish(&mut self, state: Self::State) -> ::core::result::Result<(), #rt::prost::DecodeError> {
                    #finish_state
                    #(#finishes)*
                    ::core::result::Result::Ok(())
                }
            }

            impl #rt::codec::Validate for #name {
                fn validate(&self) -> ::core::result::Result<(), #rt::Error> {
                    #(#validates)*
                    ::core::result::Result::Ok(())
                }
            }
        };
    }
}

/// The `prost::Message` impl of a generated record `name` (inside a block that imports the
/// runtime as `__rt` and implements `Record` for it): `encode` writes the fields, decoding goes
/// through the runtime's `record` functions.
pub fn prost_message_impl(
    name: &Ident,
    encode: TokenStream,
    encoded_len: TokenStream,
) -> TokenStream {
    let rt = rt();
    let record = quote!(#rt::codec::record);
    let result = quote!(::core::result::Result);
    let error = quote!(#rt::prost::DecodeError);
    quote! {
        impl #rt::prost::Message for #name {
            fn encode_raw(&self, buf: &mut impl #rt::bytes::BufMut) {
                #encode
            }

            fn merge_field(
                &mut self,
                tag: u32,
                wire_type: #rt::prost::encoding::WireType,
                buf: &mut impl #rt::bytes::Buf,
                ctx: #rt::prost::encoding::DecodeContext,
            ) -> #result<(), #error> {
                #record::merge_field(self, tag, wire_type, buf, ctx)
            }

            fn encoded_len(&self) -> usize {
                #encoded_len
            }

            fn clear(&mut self) {
                *self = <Self as #rt::codec::Record>::empty();
            }

            fn decode(buf: impl #rt::bytes::Buf) -> #result<Self, #error> {
                #record::decode(buf)
            }

            fn decode_length_delimited(buf: impl #rt::bytes::Buf) -> #result<Self, #error> {
                #record::decode_length_delimited(buf)
            }

            fn merge(&mut self, buf: impl #rt::bytes::Buf) -> #result<(), #error> {
                #record::merge(self, buf)
            }

            fn merge_length_delimited(&mut self, buf: impl #rt::bytes::Buf) -> #result<(), #error> {
                #record::merge_length_delimited(self, buf)
            }
        }
    }
}
