//! IDL enums and bitmasks: the traits generated types implement, and their codecs.

use bytes::{Buf, BufMut};
use prost::{
    DecodeError,
    encoding::{
        DecodeContext, WireType, check_wire_type, decode_varint, encode_varint, encoded_len_varint,
    },
};

use super::{Element, decoding};
use crate::error::Error;

/// A generated IDL enum: its proto enum numbers. Implemented by generated code only.
pub trait IdlEnum: Copy + Sized {
    /// The IDL scoped name, for messages.
    const NAME: &'static str;

    /// The enumerator's proto enum number.
    fn number(self) -> i32;

    /// The enumerator numbered `number`, if any.
    fn from_number(number: i32) -> Option<Self>;

    /// The value a message that leaves the field out means: the enumerator numbered 0 (or,
    /// when none is, the enum's `Default`).
    fn zero() -> Self;
}

/// A generated IDL bitmask: the flags as an unsigned integer; its `Default` has no flag set.
/// Implemented by generated code only.
pub trait IdlBitmask: Copy + Default {
    /// The IDL scoped name, for messages.
    const NAME: &'static str;

    /// The flags, widened to 64 bits.
    fn to_u64(self) -> u64;

    /// The bitmask holding `bits`, or `None` when they do not fit its `@bit_bound`.
    fn from_u64(bits: u64) -> Option<Self>;
}

/// A proto enum field (`int32` on the wire) holding an [`IdlEnum`]; an unknown number is
/// refused on decode.
#[derive(Debug)]
pub struct Enumeration;

/// A bitmask as `uint64`.
#[derive(Debug)]
pub struct Flags;

impl<T: IdlEnum> Element<T> for Enumeration {
    const WIRE_TYPE: WireType = WireType::Varint;
    const PACKED: bool = true;

    fn empty() -> T {
        T::zero()
    }

    fn is_zero(value: &T) -> bool {
        value.number() == 0
    }

    fn encode(value: &T, buf: &mut impl BufMut) {
        encode_varint(i64::from(value.number()) as u64, buf);
    }

    fn encoded_len(value: &T) -> usize {
        encoded_len_varint(i64::from(value.number()) as u64)
    }

    fn merge(
        value: &mut T,
        wire_type: WireType,
        buf: &mut impl Buf,
        _ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        check_wire_type(WireType::Varint, wire_type)?;
        // Truncated to 32 bits, as protobuf reads enums.
        let number = decode_varint(buf)? as i32;
        *value = T::from_number(number).ok_or_else(|| {
            decoding::error(format!(
                "{what}: {number} is not a value of enum `{}`",
                T::NAME
            ))
        })?;
        Ok(())
    }

    fn validate(_: &T, _: &'static str) -> Result<(), Error> {
        Ok(())
    }
}

impl<T: IdlBitmask> Element<T> for Flags {
    const WIRE_TYPE: WireType = WireType::Varint;
    const PACKED: bool = true;

    fn empty() -> T {
        T::default()
    }

    fn is_zero(value: &T) -> bool {
        value.to_u64() == 0
    }

    fn encode(value: &T, buf: &mut impl BufMut) {
        encode_varint(value.to_u64(), buf);
    }

    fn encoded_len(value: &T) -> usize {
        encoded_len_varint(value.to_u64())
    }

    fn merge(
        value: &mut T,
        wire_type: WireType,
        buf: &mut impl Buf,
        _ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        check_wire_type(WireType::Varint, wire_type)?;
        let bits = decode_varint(buf)?;
        *value = T::from_u64(bits).ok_or_else(|| {
            decoding::error(format!(
                "{what}: bits {bits:#x} do not fit bitmask `{}`",
                T::NAME
            ))
        })?;
        Ok(())
    }

    fn validate(_: &T, _: &'static str) -> Result<(), Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Color {
        Red,
        Blue,
    }

    impl IdlEnum for Color {
        const NAME: &'static str = "Color";
        fn number(self) -> i32 {
            match self {
                Color::Red => 0,
                Color::Blue => 5,
            }
        }
        fn from_number(number: i32) -> Option<Self> {
            match number {
                0 => Some(Color::Red),
                5 => Some(Color::Blue),
                _ => None,
            }
        }
        fn zero() -> Self {
            Color::Red
        }
    }

    #[derive(Clone, Copy, Debug, Default, PartialEq)]
    struct Perms(u8);

    impl IdlBitmask for Perms {
        const NAME: &'static str = "Perms";
        fn to_u64(self) -> u64 {
            self.0.into()
        }
        fn from_u64(bits: u64) -> Option<Self> {
            u8::try_from(bits).ok().map(Perms)
        }
    }

    fn decode<E: Element<T>, T>(mut bytes: &[u8]) -> Result<T, DecodeError> {
        let mut value = E::empty();
        E::merge(
            &mut value,
            WireType::Varint,
            &mut bytes,
            DecodeContext::default(),
            "f",
        )?;
        Ok(value)
    }

    #[test]
    fn enums_travel_as_their_numbers_and_unknown_numbers_are_refused() {
        let mut buf = Vec::new();
        Enumeration::encode(&Color::Blue, &mut buf);
        assert_eq!(buf, [5]);
        assert_eq!(decode::<Enumeration, Color>(&buf).unwrap(), Color::Blue);
        let error = decode::<Enumeration, Color>(&[3]).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("f: 3 is not a value of enum `Color`"),
            "{error}"
        );
        assert!(<Enumeration as Element<Color>>::is_zero(&Color::Red));
    }

    #[test]
    fn bitmasks_refuse_bits_beyond_their_width() {
        assert_eq!(decode::<Flags, Perms>(&[5]).unwrap(), Perms(5));
        let mut wide = Vec::new();
        encode_varint(0x100, &mut wide);
        let error = decode::<Flags, Perms>(&wide).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("bits 0x100 do not fit bitmask `Perms`"),
            "{error}"
        );
    }
}
