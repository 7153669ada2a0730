//! Helpers that generated decoding calls to refuse a message.

use bytes::Buf;

use prost::{DecodeError, encoding::decode_varint};

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

/// Refuses an array whose element count is not exactly its length.
///
/// # Errors
///
/// When `len` differs from `expected`.
pub fn exact_length(what: &'static str, len: usize, expected: usize) -> Result<(), DecodeError> {
    if len != expected {
        return Err(error(format!(
            "{what}: {len} elements, expected exactly {expected}"
        )));
    }
    Ok(())
}

/// Reads a length prefix and checks that the buffer holds that many bytes.
pub(crate) fn read_length(buf: &mut impl Buf, what: &'static str) -> Result<usize, DecodeError> {
    let len = decode_varint(buf)?;
    if len > buf.remaining() as u64 {
        return Err(error(format!("{what}: the buffer ends early")));
    }
    // Fits: it is at most `remaining()`.
    Ok(len as usize)
}
