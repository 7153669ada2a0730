//! The macros generated code calls to implement the codec traits of its types: the fixed part
//! of every impl lives here once, and generated code lists only what differs (names, field
//! numbers and codecs), as `::orbit::__private::record! { … }` and its siblings.
//!
//! * [`record!`](crate::__orbit_record): `prost::Message`, [`Record`](super::Record) and
//!   [`Validate`](super::Validate) for a struct, an exception (plus `Display` and `Error`) or an
//!   operation message;
//! * [`union!`](crate::__orbit_union): the same for a union's Rust enum, with
//!   [`DefaultCase`](super::DefaultCase) when it has a `default` case;
//! * [`enumeration!`](crate::__orbit_enumeration): `ALL`, [`IdlEnum`](super::IdlEnum) and the
//!   conversions to and from `i32` for an enum.
//!
//! Field codecs are written by their bare names (`Seq<Str<8>, 3>`): the impls live in a
//! `const _: () = { … };` block that imports every codec name, and name the generated type as
//! `self::Name`, so neither the imports nor the impls reach the user's module. Everything else
//! the macros write is an absolute path through `$crate`.
//!
//! Not a public API: the macros change with the code generator that calls them.

/// Implements `Default`, `prost::Message`, `Record` and `Validate` for a generated message
/// struct.
///
/// ```text
/// record! {
///     Point = "Shapes::Point" {
///         1 => x: Singular<Double>,
///         2 => y_pos: Singular<Double> = "yPos",
///         3 => grid: Array<Int32, Leaf>; default ::core::array::from_fn(|_| 0),
///     }
/// }
/// ```
///
/// Each field reads `number => rust_field: FieldCodec = "IDL name"`, the name left out when
/// it is the Rust field's, and `; default expr` after it when the field's default is not
/// `Default::default()`; errors name a field as `"Shapes::Point.x"`. `exception Name = "…" { … }` also implements `Display` and
/// `std::error::Error`.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_record {
    (exception $name:ident = $idl:literal { $($fields:tt)* }) => {
        $crate::__orbit_record! { $name = $idl { $($fields)* } }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(::core::concat!("IDL exception `", $idl, "`"))
            }
        }

        impl ::std::error::Error for $name {}
    };
    (
        $name:ident = $idl:literal {
            $(
                $tag:literal => $field:ident : $codec:ty $(= $what:expr)?
                $(; default $default:expr)?
            ),* $(,)?
        }
    ) => {
        impl ::core::default::Default for $name {
            fn default() -> Self {
                Self { $($field: $crate::__orbit_or_default!($($default)?),)* }
            }
        }

        const _: () = {
            $crate::__orbit_codec_names!();

            #[allow(non_camel_case_types, dead_code)]
            enum __Slot { $($field),* }

            $crate::__orbit_message_impl!(self::$name);

            impl $crate::__private::codec::Record for self::$name {
                type State = [usize; <[&'static str]>::len(&[$(::core::stringify!($field)),*])];

                fn empty() -> Self {
                    Self { $($field: <$codec>::empty()),* }
                }

                fn start() -> Self::State {
                    [0; <[&'static str]>::len(&[$(::core::stringify!($field)),*])]
                }

                fn merge_field_in(
                    &mut self,
                    state: &mut Self::State,
                    tag: u32,
                    wire_type: $crate::__private::prost::encoding::WireType,
                    buf: &mut impl $crate::__private::bytes::Buf,
                    ctx: $crate::__private::prost::encoding::DecodeContext,
                ) -> ::core::result::Result<(), $crate::__private::prost::DecodeError> {
                    let _ = &state;
                    match tag {
                        $($tag => <$codec>::merge(
                            &mut self.$field,
                            &mut state[__Slot::$field as usize],
                            wire_type,
                            buf,
                            ctx,
                            ::core::concat!($idl, ".", $crate::__orbit_name!($field $(, $what)?)),
                        ),)*
                        _ => $crate::__private::prost::encoding::skip_field(wire_type, tag, buf, ctx),
                    }
                }

                fn finish(
                    &mut self,
                    state: Self::State,
                ) -> ::core::result::Result<(), $crate::__private::prost::DecodeError> {
                    let _ = &state;
                    $(<$codec>::finish(
                        &self.$field,
                        state[__Slot::$field as usize],
                        ::core::concat!($idl, ".", $crate::__orbit_name!($field $(, $what)?)),
                    )?;)*
                    ::core::result::Result::Ok(())
                }
            }

            impl $crate::__private::codec::Validate for self::$name {
                fn validate(&self) -> ::core::result::Result<(), $crate::__private::Error> {
                    $(<$codec>::validate(
                        &self.$field,
                        ::core::concat!($idl, ".", $crate::__orbit_name!($field $(, $what)?)),
                    )?;)*
                    ::core::result::Result::Ok(())
                }
            }

            impl $crate::__private::codec::Fields for self::$name {
                fn encode_fields(&self, buf: &mut impl $crate::__private::bytes::BufMut) {
                    let _ = &buf;
                    $(<$codec>::encode($tag, &self.$field, buf);)*
                }

                fn fields_len(&self) -> usize {
                    0 $(+ <$codec>::encoded_len($tag, &self.$field))*
                }
            }
        };
    };
}

/// Implements `prost::Message`, `Record` and `Validate` for a generated union's enum.
///
/// ```text
/// union! {
///     Value = "M::Value" {
///         2 => Small: Present<Int32> = "small",
///         3 => Text: Present<Str<{ UNBOUNDED }>> = "text",
///     }
///     default 4 => Other: Present<Bool> = "other";
///     discriminator 1 => i32: Singular<Int32>, taken 1 | 2 | 3
/// }
/// ```
///
/// The `default` line is there when the union has a `default` case: its variant is
/// `Other { discriminator, value }`, its discriminator travels in field 1 with the codec named,
/// and `taken` is the pattern of the labels of the other cases (left out when there are none).
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_union {
    (
        $name:ident = $idl:literal {
            $($tag:literal => $variant:ident : $codec:ty = $what:literal),* $(,)?
        }
        default $dtag:literal => $dvariant:ident : $dcodec:ty = $dwhat:literal;
        discriminator $ftag:literal => $dty:ty : $fcodec:ty $(, taken $taken:pat)?
    ) => {
        impl $crate::__private::codec::DefaultCase for $name {
            type Discriminator = $dty;

            fn taken(discriminator: &$dty) -> bool {
                let _ = discriminator;
                false $(|| ::core::matches!(*discriminator, $taken))?
            }
        }

        const _: () = {
            $crate::__orbit_codec_names!();

            $crate::__orbit_message_impl!(self::$name);

            impl $crate::__private::codec::Fields for self::$name {
                fn encode_fields(&self, buf: &mut impl $crate::__private::bytes::BufMut) {
                    match self {
                        $(Self::$variant(value) => <$codec>::encode($tag, value, buf),)*
                        Self::$dvariant { discriminator, value } => {
                            <$fcodec>::encode($ftag, discriminator, buf);
                            <$dcodec>::encode($dtag, value, buf);
                        }
                    }
                }

                fn fields_len(&self) -> usize {
                    match self {
                        $(Self::$variant(value) => <$codec>::encoded_len($tag, value),)*
                        Self::$dvariant { discriminator, value } => {
                            <$fcodec>::encoded_len($ftag, discriminator)
                                + <$dcodec>::encoded_len($dtag, value)
                        }
                    }
                }
            }

            impl $crate::__private::codec::Record for self::$name {
                type State = $crate::__private::codec::UnionState<
                    <Self as $crate::__private::codec::DefaultCase>::Discriminator,
                >;

                fn empty() -> Self {
                    ::core::default::Default::default()
                }

                fn start() -> Self::State {
                    $crate::__private::codec::UnionState {
                        seen: false,
                        discriminator: <$fcodec>::empty(),
                    }
                }

                fn merge_field_in(
                    &mut self,
                    state: &mut Self::State,
                    tag: u32,
                    wire_type: $crate::__private::prost::encoding::WireType,
                    buf: &mut impl $crate::__private::bytes::Buf,
                    ctx: $crate::__private::prost::encoding::DecodeContext,
                ) -> ::core::result::Result<(), $crate::__private::prost::DecodeError> {
                    match tag {
                        $ftag => <$fcodec>::merge(
                            &mut state.discriminator,
                            &mut 0,
                            wire_type,
                            buf,
                            ctx,
                            ::core::concat!($idl, ".discriminator"),
                        ),
                        $($tag => {
                            if !state.seen || !::core::matches!(self, Self::$variant(..)) {
                                *self = Self::$variant(<$codec>::empty());
                            }
                            state.seen = true;
                            match self {
                                Self::$variant(value) => <$codec>::merge(
                                    value, &mut 0, wire_type, buf, ctx,
                                    ::core::concat!($idl, ".", $what),
                                ),
                                #[allow(unreachable_patterns)]
                                _ => ::core::result::Result::Ok(()),
                            }
                        })*
                        $dtag => {
                            if !state.seen || !::core::matches!(self, Self::$dvariant { .. }) {
                                *self = Self::$dvariant {
                                    discriminator: <$fcodec>::empty(),
                                    value: <$dcodec>::empty(),
                                };
                            }
                            state.seen = true;
                            match self {
                                Self::$dvariant { value, .. } => <$dcodec>::merge(
                                    value, &mut 0, wire_type, buf, ctx,
                                    ::core::concat!($idl, ".", $dwhat),
                                ),
                                #[allow(unreachable_patterns)]
                                _ => ::core::result::Result::Ok(()),
                            }
                        }
                        _ => $crate::__private::prost::encoding::skip_field(wire_type, tag, buf, ctx),
                    }
                }

                fn finish(
                    &mut self,
                    state: Self::State,
                ) -> ::core::result::Result<(), $crate::__private::prost::DecodeError> {
                    if !state.seen {
                        return ::core::result::Result::Err($crate::__private::codec::decoding::error(
                            ::core::concat!($idl, ": no case is set"),
                        ));
                    }
                    if let Self::$dvariant { discriminator, .. } = self {
                        *discriminator = state.discriminator;
                        if <Self as $crate::__private::codec::DefaultCase>::taken(discriminator) {
                            return ::core::result::Result::Err(
                                $crate::__private::codec::decoding::error(::std::format!(
                                    ::core::concat!(
                                        $idl,
                                        ": discriminator {:?} selects another case than the default one",
                                    ),
                                    discriminator,
                                )),
                            );
                        }
                    }
                    ::core::result::Result::Ok(())
                }
            }

            impl $crate::__private::codec::Validate for self::$name {
                fn validate(&self) -> ::core::result::Result<(), $crate::__private::Error> {
                    match self {
                        $(Self::$variant(value) => <$codec>::validate(
                            value,
                            ::core::concat!($idl, ".", $what),
                        ),)*
                        Self::$dvariant { discriminator, value } => {
                            if <Self as $crate::__private::codec::DefaultCase>::taken(discriminator) {
                                return ::core::result::Result::Err($crate::__private::Error::bad_message(
                                    ::std::format!(
                                        ::core::concat!(
                                            $idl,
                                            ": discriminator {:?} selects another case than the default one",
                                        ),
                                        discriminator,
                                    ),
                                ));
                            }
                            <$dcodec>::validate(value, ::core::concat!($idl, ".", $dwhat))
                        }
                    }
                }
            }
        };
    };
    (
        $name:ident = $idl:literal {
            $($tag:literal => $variant:ident : $codec:ty = $what:literal),* $(,)?
        }
    ) => {
        const _: () = {
            $crate::__orbit_codec_names!();

            $crate::__orbit_message_impl!(self::$name);

            impl $crate::__private::codec::Fields for self::$name {
                fn encode_fields(&self, buf: &mut impl $crate::__private::bytes::BufMut) {
                    match self {
                        $(Self::$variant(value) => <$codec>::encode($tag, value, buf),)*
                    }
                }

                fn fields_len(&self) -> usize {
                    match self {
                        $(Self::$variant(value) => <$codec>::encoded_len($tag, value),)*
                    }
                }
            }

            impl $crate::__private::codec::Record for self::$name {
                type State = $crate::__private::codec::UnionState<()>;

                fn empty() -> Self {
                    ::core::default::Default::default()
                }

                fn start() -> Self::State {
                    $crate::__private::codec::UnionState { seen: false, discriminator: () }
                }

                fn merge_field_in(
                    &mut self,
                    state: &mut Self::State,
                    tag: u32,
                    wire_type: $crate::__private::prost::encoding::WireType,
                    buf: &mut impl $crate::__private::bytes::Buf,
                    ctx: $crate::__private::prost::encoding::DecodeContext,
                ) -> ::core::result::Result<(), $crate::__private::prost::DecodeError> {
                    match tag {
                        $($tag => {
                            if !state.seen || !::core::matches!(self, Self::$variant(..)) {
                                *self = Self::$variant(<$codec>::empty());
                            }
                            state.seen = true;
                            match self {
                                Self::$variant(value) => <$codec>::merge(
                                    value, &mut 0, wire_type, buf, ctx,
                                    ::core::concat!($idl, ".", $what),
                                ),
                                #[allow(unreachable_patterns)]
                                _ => ::core::result::Result::Ok(()),
                            }
                        })*
                        _ => $crate::__private::prost::encoding::skip_field(wire_type, tag, buf, ctx),
                    }
                }

                fn finish(
                    &mut self,
                    state: Self::State,
                ) -> ::core::result::Result<(), $crate::__private::prost::DecodeError> {
                    if !state.seen {
                        return ::core::result::Result::Err($crate::__private::codec::decoding::error(
                            ::core::concat!($idl, ": no case is set"),
                        ));
                    }
                    ::core::result::Result::Ok(())
                }
            }

            impl $crate::__private::codec::Validate for self::$name {
                fn validate(&self) -> ::core::result::Result<(), $crate::__private::Error> {
                    match self {
                        $(Self::$variant(value) => <$codec>::validate(
                            value,
                            ::core::concat!($idl, ".", $what),
                        ),)*
                    }
                }
            }
        };
    };
}

/// Implements `ALL`, `IdlEnum`, `From<E> for i32` and `TryFrom<i32>` for a generated enum.
///
/// ```text
/// enumeration! {
///     Level = "Common::Level", zero Low {
///         Low = 0,
///         High = 1,
///     }
/// }
/// ```
///
/// `zero` names the enumerator a message that leaves the field out means.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_enumeration {
    (
        $name:ident = $idl:literal, zero $zero:ident {
            $($variant:ident = $number:literal),+ $(,)?
        }
    ) => {
        impl $name {
            /// Every enumerator, in declaration order.
            pub const ALL: [Self; <[&'static str]>::len(&[$(::core::stringify!($variant)),+])] =
                [$(Self::$variant),+];
        }

        impl $crate::__private::codec::IdlEnum for $name {
            const NAME: &'static str = $idl;

            fn number(self) -> i32 {
                match self {
                    $(Self::$variant => $number,)+
                }
            }

            #[allow(unreachable_patterns)]
            fn from_number(number: i32) -> ::core::option::Option<Self> {
                match number {
                    $($number => ::core::option::Option::Some(Self::$variant),)+
                    _ => ::core::option::Option::None,
                }
            }

            fn zero() -> Self {
                Self::$zero
            }
        }

        impl ::core::convert::From<$name> for i32 {
            fn from(value: $name) -> i32 {
                $crate::__private::codec::IdlEnum::number(value)
            }
        }

        impl ::core::convert::TryFrom<i32> for $name {
            type Error = $crate::__private::prost::UnknownEnumValue;

            fn try_from(number: i32) -> ::core::result::Result<Self, Self::Error> {
                <Self as $crate::__private::codec::IdlEnum>::from_number(number)
                    .ok_or($crate::__private::prost::UnknownEnumValue(number))
            }
        }
    };
}

/// The IDL name of a field: the name given, or the Rust field's.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_name {
    ($field:ident) => {
        ::core::stringify!($field)
    };
    ($field:ident, $what:expr) => {
        $what
    };
}

/// `prost::Message` for a type implementing `Record` and `Fields`: encoding writes the fields,
/// decoding goes through the functions of [`record`](super::record).
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_message_impl {
    ($name:ty) => {
        impl $crate::__private::prost::Message for $name {
            fn encode_raw(&self, buf: &mut impl $crate::__private::bytes::BufMut) {
                $crate::__private::codec::Fields::encode_fields(self, buf)
            }

            fn merge_field(
                &mut self,
                tag: u32,
                wire_type: $crate::__private::prost::encoding::WireType,
                buf: &mut impl $crate::__private::bytes::Buf,
                ctx: $crate::__private::prost::encoding::DecodeContext,
            ) -> ::core::result::Result<(), $crate::__private::prost::DecodeError> {
                $crate::__private::codec::record::merge_field(self, tag, wire_type, buf, ctx)
            }

            fn encoded_len(&self) -> usize {
                $crate::__private::codec::Fields::fields_len(self)
            }

            fn clear(&mut self) {
                *self = <Self as $crate::__private::codec::Record>::empty();
            }

            fn decode(
                buf: impl $crate::__private::bytes::Buf,
            ) -> ::core::result::Result<Self, $crate::__private::prost::DecodeError> {
                $crate::__private::codec::record::decode(buf)
            }

            fn decode_length_delimited(
                buf: impl $crate::__private::bytes::Buf,
            ) -> ::core::result::Result<Self, $crate::__private::prost::DecodeError> {
                $crate::__private::codec::record::decode_length_delimited(buf)
            }

            fn merge(
                &mut self,
                buf: impl $crate::__private::bytes::Buf,
            ) -> ::core::result::Result<(), $crate::__private::prost::DecodeError> {
                $crate::__private::codec::record::merge(self, buf)
            }

            fn merge_length_delimited(
                &mut self,
                buf: impl $crate::__private::bytes::Buf,
            ) -> ::core::result::Result<(), $crate::__private::prost::DecodeError> {
                $crate::__private::codec::record::merge_length_delimited(self, buf)
            }
        }
    };
}

/// Imports every field codec name (and the `FieldCodec` methods) into the block of a
/// generated impl.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_codec_names {
    () => {
        #[allow(unused_imports)]
        use $crate::__private::{
            codec::{
                Array, Bool, Boxed, Char, Double, Enumeration, FieldCodec as _, Flags, Float,
                Int32, Int64, Leaf, List, Map, Msg, Nest, OctetArray, Octets, Optional, Present,
                Seq, Singular, Str, UInt32, UInt64, UNBOUNDED, WChar,
            },
            object_ref::ObjRef,
        };
    };
}
