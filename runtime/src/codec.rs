//! Encoding and decoding of generated types: protobuf through prost, plus the checks IDL adds
//! (bounds of strings and sequences, ranges of narrow integers, valid characters).
//!
//! Generated types implement [`prost::Message`] and [`Validate`]. A caller validates before it
//! encodes (encoding itself cannot fail) and decoding checks the same rules, so a message that
//! breaks a bound is refused on both sides.

use bytes::{Bytes, BytesMut};
use prost::Message;

use crate::error::Error;

/// The IDL rules prost cannot express: bounds, ranges and characters.
pub trait Validate {
    /// Checks every bound of the value (recursively).
    ///
    /// # Errors
    ///
    /// A [`BadMessage`](crate::ErrorKind::BadMessage) error naming the field and the bound.
    fn validate(&self) -> Result<(), Error>;
}

/// Validates and encodes a message into a new buffer.
///
/// # Errors
///
/// When the value breaks a bound of its IDL type.
pub fn encode<M: Message + Validate>(message: &M) -> Result<Bytes, Error> {
    message.validate()?;
    let mut buffer = BytesMut::with_capacity(message.encoded_len());
    // Encoding into a buffer of sufficient capacity cannot fail.
    message
        .encode(&mut buffer)
        .map_err(|e| Error::bad_message("encoding").with_source(e))?;
    Ok(buffer.freeze())
}

/// Decodes a message (decoding checks the IDL rules too).
///
/// # Errors
///
/// When the bytes are not a valid encoding of `M`.
pub fn decode<M: Message + Default>(bytes: Bytes) -> Result<M, Error> {
    M::decode(bytes).map_err(Error::from)
}

/// Checks the length of a bounded string or sequence before encoding.
///
/// # Errors
///
/// When `len` exceeds `bound`.
pub fn check_bound(what: &'static str, len: usize, bound: u32) -> Result<(), Error> {
    if len > bound as usize {
        return Err(Error::bad_message(format!(
            "{what} has {len} elements, more than its bound {bound}"
        )));
    }
    Ok(())
}

/// Checks the number of characters of a bounded string before encoding.
///
/// # Errors
///
/// When the string has more than `bound` characters.
pub fn check_string_bound(what: &'static str, value: &str, bound: u32) -> Result<(), Error> {
    // Bytes bound characters from above: count characters only when it matters.
    if value.len() > bound as usize {
        let chars = value.chars().count();
        if chars > bound as usize {
            return Err(Error::bad_message(format!(
                "{what} has {chars} characters, more than its bound {bound}"
            )));
        }
    }
    Ok(())
}

/// Checks that an IDL `char` (8 bits wide) holds a character below U+0100.
///
/// # Errors
///
/// When it does not.
pub fn check_narrow_char(what: &'static str, value: char) -> Result<(), Error> {
    if u32::from(value) > 0xFF {
        return Err(Error::bad_message(format!(
            "{what} holds `{value}`, which does not fit in an IDL `char`"
        )));
    }
    Ok(())
}

/// Helpers that generated `merge_field` implementations call to refuse a message while decoding.
pub mod decoding {
    use prost::DecodeError;

    /// A decode error with a description.
    pub fn error(description: impl Into<String>) -> DecodeError {
        // prost 0.14 deprecates its only constructor without a replacement yet (prost issue
        // #1377); custom `Message` impls have no other way to refuse a message. This is the one
        // place that calls it.
        #[allow(deprecated)]
        DecodeError::new(description.into())
    }

    /// Narrows a decoded integer to the IDL type's range.
    ///
    /// # Errors
    ///
    /// When the value does not fit.
    pub fn narrow<T: TryFrom<i64>>(what: &'static str, value: i64) -> Result<T, DecodeError> {
        T::try_from(value).map_err(|_| error(format!("{what}: value {value} is out of range")))
    }

    /// Turns a decoded code point into a `char`, refusing values that are not Unicode scalars
    /// (and, for an IDL `char`, values above U+00FF).
    ///
    /// # Errors
    ///
    /// When the value is not a valid character.
    pub fn character(what: &'static str, value: u32, narrow: bool) -> Result<char, DecodeError> {
        match char::from_u32(value) {
            Some(c) if !narrow || value <= 0xFF => Ok(c),
            _ => Err(error(format!(
                "{what}: {value:#x} is not a valid character"
            ))),
        }
    }

    /// Refuses a string or sequence longer than its bound.
    ///
    /// # Errors
    ///
    /// When `len` exceeds `bound`.
    pub fn bound(what: &'static str, len: usize, bound: u32) -> Result<(), DecodeError> {
        if len > bound as usize {
            return Err(error(format!(
                "{what}: length {len} is more than the bound {bound}"
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_count_characters_not_bytes() {
        assert!(check_string_bound("name", "çççç", 4).is_ok());
        let error = check_string_bound("name", "ççççç", 4).unwrap_err();
        assert_eq!(
            error.to_string(),
            "bad message: name has 5 characters, more than its bound 4"
        );
        assert!(check_bound("items", 3, 3).is_ok());
        assert!(check_bound("items", 4, 3).is_err());
    }

    #[test]
    fn characters_are_checked_on_both_sides() {
        assert!(check_narrow_char("c", 'é').is_ok());
        assert!(check_narrow_char("c", '€').is_err());
        assert_eq!(decoding::character("c", 0x41, true).unwrap(), 'A');
        assert!(decoding::character("c", 0x20AC, true).is_err());
        assert!(decoding::character("c", 0xD800, false).is_err());
        assert_eq!(decoding::narrow::<i16>("s", -5).unwrap(), -5);
        assert!(decoding::narrow::<i16>("s", 40_000).is_err());
    }
}
