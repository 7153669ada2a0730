//! [`Element`]: how one value travels, and the codecs of protobuf scalars.
//!
//! A codec is a zero-sized marker type naming a protobuf representation (`Int32`, `Str<8>`,
//! `Msg`, …); it implements [`Element<T>`] for every Rust type `T` it can carry. `Int32`, for
//! instance, carries `i32`, `i16` and `i8`, refusing on decode a number the narrower type cannot
//! hold. Generated code names a codec per field and lets the field's Rust type pick the impl.

use bytes::{Buf, BufMut};
use prost::{
    DecodeError,
    encoding::{
        DecodeContext, WireType, check_wire_type, decode_varint, encode_varint, encoded_len_varint,
    },
};

use super::decoding;
use crate::error::Error;

/// How one value of type `T` is written, measured, read and checked.
///
/// `encode` and `encoded_len` cover the value without its field key; the field codecs (see
/// [`FieldCodec`](super::FieldCodec)) add keys, skip zero values and repeat elements.
pub trait Element<T> {
    /// The wire type of one value.
    const WIRE_TYPE: WireType;
    /// Whether a `repeated` field of these values is packed (numeric scalars in proto3).
    const PACKED: bool = false;

    /// The value a field holds when the message does not mention it: proto3's zero value.
    fn empty() -> T;

    /// Whether `value` is proto3's zero value, which a singular field leaves out.
    fn is_zero(value: &T) -> bool;

    /// Writes the value, without a key.
    fn encode(value: &T, buf: &mut impl BufMut);

    /// The length [`encode`](Self::encode) writes.
    fn encoded_len(value: &T) -> usize;

    /// Reads one value of wire type `wire_type` into `value` (replacing a scalar, merging a
    /// message), refusing what the IDL type does not allow.
    ///
    /// # Errors
    ///
    /// When the bytes are malformed or the value breaks a rule of the IDL type; `what` names the
    /// field in the message.
    fn merge(
        value: &mut T,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError>;

    /// Checks the rules of the IDL type before encoding.
    ///
    /// # Errors
    ///
    /// A [`BadMessage`](crate::ErrorKind::BadMessage) error naming `what` and the rule.
    fn validate(value: &T, what: &'static str) -> Result<(), Error>;
}

/// `int32`: carries `i32`, and `i16` (`short`) and `i8` (`int8`) checked on decode.
#[derive(Debug)]
pub struct Int32;
/// `int64`: carries `i64`.
#[derive(Debug)]
pub struct Int64;
/// `uint32`: carries `u32`, and `u16` (`unsigned short`) and `u8` (`octet`, `uint8`) checked
/// on decode.
#[derive(Debug)]
pub struct UInt32;
/// `uint64`: carries `u64`.
#[derive(Debug)]
pub struct UInt64;
/// `float`: carries `f32`.
#[derive(Debug)]
pub struct Float;
/// `double`: carries `f64` (`double`, `long double`).
#[derive(Debug)]
pub struct Double;
/// `bool`: carries `bool`.
#[derive(Debug)]
pub struct Bool;
/// An IDL `char` as `uint32`: a `char` below U+0100.
#[derive(Debug)]
pub struct Char;
/// An IDL `wchar` as `uint32`: any `char`.
#[derive(Debug)]
pub struct WChar;

/// Implements [`Element`] for varint-carried integers: `$codec` carries `$ty` through the wire
/// integer `$wire`, written as `$to_u64` and read with `$from_u64` (truncating as protobuf does),
/// then narrowed to `$ty`.
macro_rules! varint {
    ($codec:ty, $ty:ty, $wire:ty, |$v:ident| $to_u64:expr, |$w:ident| $from_u64:expr) => {
        impl Element<$ty> for $codec {
            const WIRE_TYPE: WireType = WireType::Varint;
            const PACKED: bool = true;

            fn empty() -> $ty {
                0
            }

            fn is_zero(value: &$ty) -> bool {
                *value == 0
            }

            fn encode(value: &$ty, buf: &mut impl BufMut) {
                let $v = *value;
                encode_varint($to_u64, buf);
            }

            fn encoded_len(value: &$ty) -> usize {
                let $v = *value;
                encoded_len_varint($to_u64)
            }

            fn merge(
                value: &mut $ty,
                wire_type: WireType,
                buf: &mut impl Buf,
                _ctx: DecodeContext,
                what: &'static str,
            ) -> Result<(), DecodeError> {
                check_wire_type(WireType::Varint, wire_type)?;
                let $w = decode_varint(buf)?;
                let wide: $wire = $from_u64;
                *value = <$ty>::try_from(wide).map_err(|_| {
                    decoding::error(format!("{what}: value {wide} is out of range"))
                })?;
                Ok(())
            }

            fn validate(_: &$ty, _: &'static str) -> Result<(), Error> {
                Ok(())
            }
        }
    };
}

// Signed values are sign-extended to 64 bits, as protobuf's `int32` is.
varint!(Int32, i32, i32, |v| i64::from(v) as u64, |w| w as i32);
varint!(Int32, i16, i32, |v| i64::from(v) as u64, |w| w as i32);
varint!(Int32, i8, i32, |v| i64::from(v) as u64, |w| w as i32);
varint!(Int64, i64, i64, |v| v as u64, |w| w as i64);
varint!(UInt32, u32, u32, |v| u64::from(v), |w| w as u32);
varint!(UInt32, u16, u32, |v| u64::from(v), |w| w as u32);
varint!(UInt32, u8, u32, |v| u64::from(v), |w| w as u32);
varint!(UInt64, u64, u64, |v| v, |w| w);

/// Implements [`Element`] for fixed-width floating-point values.
macro_rules! floating {
    ($codec:ty, $ty:ty, $wire:expr, $width:expr, $put:ident, $get:ident) => {
        impl Element<$ty> for $codec {
            const WIRE_TYPE: WireType = $wire;
            const PACKED: bool = true;

            fn empty() -> $ty {
                0.0
            }

            fn is_zero(value: &$ty) -> bool {
                // Bits, not `==`: a negative zero is written so that it reads back negative.
                value.to_bits() == 0
            }

            fn encode(value: &$ty, buf: &mut impl BufMut) {
                buf.$put(*value);
            }

            fn encoded_len(_: &$ty) -> usize {
                $width
            }

            fn merge(
                value: &mut $ty,
                wire_type: WireType,
                buf: &mut impl Buf,
                _ctx: DecodeContext,
                what: &'static str,
            ) -> Result<(), DecodeError> {
                check_wire_type($wire, wire_type)?;
                if buf.remaining() < $width {
                    return Err(decoding::error(format!("{what}: the buffer ends early")));
                }
                *value = buf.$get();
                Ok(())
            }

            fn validate(_: &$ty, _: &'static str) -> Result<(), Error> {
                Ok(())
            }
        }
    };
}

floating!(
    Float,
    f32,
    WireType::ThirtyTwoBit,
    4,
    put_f32_le,
    get_f32_le
);
floating!(
    Double,
    f64,
    WireType::SixtyFourBit,
    8,
    put_f64_le,
    get_f64_le
);

impl Element<bool> for Bool {
    const WIRE_TYPE: WireType = WireType::Varint;
    const PACKED: bool = true;

    fn empty() -> bool {
        false
    }

    fn is_zero(value: &bool) -> bool {
        !*value
    }

    fn encode(value: &bool, buf: &mut impl BufMut) {
        encode_varint(u64::from(*value), buf);
    }

    fn encoded_len(_: &bool) -> usize {
        1
    }

    fn merge(
        value: &mut bool,
        wire_type: WireType,
        buf: &mut impl Buf,
        _ctx: DecodeContext,
        _what: &'static str,
    ) -> Result<(), DecodeError> {
        check_wire_type(WireType::Varint, wire_type)?;
        *value = decode_varint(buf)? != 0;
        Ok(())
    }

    fn validate(_: &bool, _: &'static str) -> Result<(), Error> {
        Ok(())
    }
}

/// Implements [`Element<char>`] for a character codec; `$narrow` limits it to U+0000..=U+00FF.
macro_rules! character {
    ($codec:ty, $narrow:expr) => {
        impl Element<char> for $codec {
            const WIRE_TYPE: WireType = WireType::Varint;
            const PACKED: bool = true;

            fn empty() -> char {
                '\0'
            }

            fn is_zero(value: &char) -> bool {
                *value == '\0'
            }

            fn encode(value: &char, buf: &mut impl BufMut) {
                encode_varint(u64::from(u32::from(*value)), buf);
            }

            fn encoded_len(value: &char) -> usize {
                encoded_len_varint(u64::from(u32::from(*value)))
            }

            fn merge(
                value: &mut char,
                wire_type: WireType,
                buf: &mut impl Buf,
                _ctx: DecodeContext,
                what: &'static str,
            ) -> Result<(), DecodeError> {
                check_wire_type(WireType::Varint, wire_type)?;
                let wide = decode_varint(buf)?;
                let code = u32::try_from(wide).map_err(|_| {
                    decoding::error(format!("{what}: {wide:#x} is not a valid character"))
                })?;
                *value = decoding::character(what, code, $narrow)?;
                Ok(())
            }

            fn validate(value: &char, what: &'static str) -> Result<(), Error> {
                if $narrow {
                    super::check_narrow_char(what, *value)
                } else {
                    Ok(())
                }
            }
        }
    };
}

character!(Char, true);
character!(WChar, false);

#[cfg(test)]
mod tests {
    use super::*;

    fn encode<E: Element<T>, T>(value: &T) -> Vec<u8> {
        let mut buf = Vec::new();
        E::encode(value, &mut buf);
        assert_eq!(buf.len(), E::encoded_len(value));
        buf
    }

    fn decode<E: Element<T>, T>(mut bytes: &[u8]) -> Result<T, DecodeError> {
        let mut value = E::empty();
        E::merge(
            &mut value,
            E::WIRE_TYPE,
            &mut bytes,
            DecodeContext::default(),
            "f",
        )?;
        Ok(value)
    }

    #[test]
    fn signed_values_are_sign_extended_like_protobuf_int32() {
        assert_eq!(encode::<Int32, i16>(&-1).len(), 10);
        assert_eq!(
            decode::<Int32, i16>(&encode::<Int32, i16>(&-300)).unwrap(),
            -300
        );
        assert_eq!(
            decode::<Int32, i8>(&encode::<Int32, i8>(&-128)).unwrap(),
            -128
        );
        assert_eq!(encode::<Int32, i32>(&5), encode::<Int32, i16>(&5));
    }

    #[test]
    fn narrow_integers_are_range_checked_on_decode() {
        let wide = encode::<Int32, i32>(&40_000);
        let error = decode::<Int32, i16>(&wide).unwrap_err();
        assert!(
            error.to_string().contains("f: value 40000 is out of range"),
            "{error}"
        );
        assert!(decode::<UInt32, u8>(&encode::<UInt32, u32>(&256)).is_err());
        assert_eq!(
            decode::<UInt32, u8>(&encode::<UInt32, u32>(&255)).unwrap(),
            255
        );
        assert!(decode::<Int32, i8>(&encode::<Int32, i32>(&-129)).is_err());
    }

    #[test]
    fn characters_are_checked_on_decode_and_validate() {
        assert_eq!(
            decode::<Char, char>(&encode::<WChar, char>(&'é')).unwrap(),
            'é'
        );
        assert!(decode::<Char, char>(&encode::<WChar, char>(&'€')).is_err());
        assert_eq!(
            decode::<WChar, char>(&encode::<WChar, char>(&'€')).unwrap(),
            '€'
        );
        let surrogate = encode::<UInt32, u32>(&0xD800);
        assert!(decode::<WChar, char>(&surrogate).is_err());
        assert!(<Char as Element<char>>::validate(&'€', "c").is_err());
        assert!(<WChar as Element<char>>::validate(&'€', "c").is_ok());
    }

    #[test]
    fn floats_keep_negative_zero_and_refuse_short_buffers() {
        assert!(!<Double as Element<f64>>::is_zero(&-0.0));
        assert!(<Double as Element<f64>>::is_zero(&0.0));
        let bytes = encode::<Double, f64>(&-0.0);
        assert!(decode::<Double, f64>(&bytes).unwrap().is_sign_negative());
        assert!(decode::<Float, f32>(&[0, 0]).is_err());
    }

    #[test]
    fn a_wrong_wire_type_is_refused() {
        let mut bytes: &[u8] = &[1];
        let mut value = 0i32;
        let result = <Int32 as Element<i32>>::merge(
            &mut value,
            WireType::LengthDelimited,
            &mut bytes,
            DecodeContext::default(),
            "f",
        );
        assert!(result.is_err());
    }
}
