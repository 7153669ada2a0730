//! Evaluated constant values.

use std::fmt;

use super::{DeclId, Primitive};

/// A fixed-point decimal: `mantissa × 10^-scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fixed {
    /// All digits as one integer (`1450` for `14.50`).
    pub mantissa: i128,
    /// How many of the mantissa's digits follow the decimal point.
    pub scale: u32,
}

impl Fixed {
    /// The most digits a fixed-point value may have.
    pub const MAX_DIGITS: u32 = 31;

    /// Number of significant digits of the mantissa (at least 1, and at least `scale`).
    pub fn digits(self) -> u32 {
        let mut n = self.mantissa.unsigned_abs();
        let mut digits = 0;
        while n > 0 {
            n /= 10;
            digits += 1;
        }
        digits.max(self.scale).max(1)
    }

    /// Number of digits before the decimal point.
    pub fn integer_digits(self) -> u32 {
        self.digits().saturating_sub(self.scale)
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        if self.mantissa < 0 {
            f.write_str("-")?;
        }
        if scale == 0 {
            return f.write_str(&digits);
        }
        let padded = if digits.len() <= scale {
            format!("{}{digits}", "0".repeat(scale + 1 - digits.len()))
        } else {
            digits
        };
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{int}.{frac}")
    }
}

/// The value of a constant, of a union case label, or of an annotation parameter, already
/// converted to the type it was declared with.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    /// A value of an integer type (every width except `octet`); the second field is that type.
    Integer(i128, Primitive),
    /// A value of `float`, `double` or `long double`; the second field is that type.
    Float(f64, Primitive),
    /// A `fixed` value.
    Fixed(Fixed),
    /// A `boolean`.
    Bool(bool),
    /// A `char`.
    Char(char),
    /// A `wchar`.
    WChar(char),
    /// A `string`.
    String(String),
    /// A `wstring`.
    WString(String),
    /// An enumerator: the enum's declaration and the enumerator's index in it.
    Enumerator {
        /// The enum.
        decl: DeclId,
        /// Position of the enumerator in the enum, from 0.
        index: u32,
    },
    /// An `octet`.
    Octet(u8),
}

impl ConstValue {
    /// The value as an integer, for integer and octet values.
    pub fn as_integer(&self) -> Option<i128> {
        match self {
            ConstValue::Integer(v, _) => Some(*v),
            ConstValue::Octet(v) => Some((*v).into()),
            _ => None,
        }
    }

    /// The value as a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            ConstValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The value as a string, for `string` and `wstring` values.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            ConstValue::String(s) | ConstValue::WString(s) => Some(s),
            _ => None,
        }
    }
}

impl fmt::Display for ConstValue {
    /// Writes the value as IDL would spell it (enumerators as `#index`, since their names live in
    /// the model).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConstValue::Integer(v, _) => write!(f, "{v}"),
            ConstValue::Float(v, _) => write!(f, "{v:?}"),
            ConstValue::Fixed(v) => write!(f, "{v}d"),
            ConstValue::Bool(true) => f.write_str("TRUE"),
            ConstValue::Bool(false) => f.write_str("FALSE"),
            ConstValue::Char(c) => write!(f, "{c:?}"),
            ConstValue::WChar(c) => write!(f, "L{c:?}"),
            ConstValue::String(s) => write!(f, "{s:?}"),
            ConstValue::WString(s) => write!(f, "L{s:?}"),
            ConstValue::Enumerator { index, .. } => write!(f, "#{index}"),
            ConstValue::Octet(v) => write!(f, "{v}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_displays_with_its_scale() {
        let show = |mantissa, scale| Fixed { mantissa, scale }.to_string();
        assert_eq!(show(1450, 2), "14.50");
        assert_eq!(show(5, 3), "0.005");
        assert_eq!(show(-145, 1), "-14.5");
        assert_eq!(show(7, 0), "7");
        assert_eq!(
            Fixed {
                mantissa: 1450,
                scale: 2
            }
            .digits(),
            4
        );
        assert_eq!(
            Fixed {
                mantissa: 5,
                scale: 3
            }
            .integer_digits(),
            0
        );
    }
}
