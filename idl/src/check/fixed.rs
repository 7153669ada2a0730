//! Fixed-point arithmetic for constant expressions (§7.4.1.4.2): at most 31 significant digits,
//! extra fractional digits truncated.

use crate::model::Fixed;

/// `10^n`, or `None` past `i128`.
fn pow10(n: u32) -> Option<i128> {
    10i128.checked_pow(n)
}

/// Both values with the larger of their scales.
fn align(a: Fixed, b: Fixed) -> Option<(i128, i128, u32)> {
    let scale = a.scale.max(b.scale);
    let a_m = a.mantissa.checked_mul(pow10(scale - a.scale)?)?;
    let b_m = b.mantissa.checked_mul(pow10(scale - b.scale)?)?;
    Some((a_m, b_m, scale))
}

/// Cuts fractional digits until the value has at most 31 digits; `None` when its integer part
/// alone is longer.
pub(super) fn normalize(mut value: Fixed) -> Option<Fixed> {
    while value.digits() > Fixed::MAX_DIGITS && value.scale > 0 {
        value.mantissa /= 10;
        value.scale -= 1;
    }
    (value.digits() <= Fixed::MAX_DIGITS).then_some(value)
}

/// Drops trailing zeros after the decimal point.
fn trim(mut value: Fixed) -> Fixed {
    while value.scale > 0 && value.mantissa % 10 == 0 {
        value.mantissa /= 10;
        value.scale -= 1;
    }
    value
}

/// `a + b`.
pub(super) fn add(a: Fixed, b: Fixed) -> Option<Fixed> {
    let (a, b, scale) = align(a, b)?;
    normalize(Fixed {
        mantissa: a.checked_add(b)?,
        scale,
    })
}

/// `a - b`.
pub(super) fn sub(a: Fixed, b: Fixed) -> Option<Fixed> {
    let (a, b, scale) = align(a, b)?;
    normalize(Fixed {
        mantissa: a.checked_sub(b)?,
        scale,
    })
}

/// `a * b`.
pub(super) fn mul(a: Fixed, b: Fixed) -> Option<Fixed> {
    normalize(Fixed {
        mantissa: a.mantissa.checked_mul(b.mantissa)?,
        scale: a.scale + b.scale,
    })
}

/// `a / b`; `b` must not be zero.
pub(super) fn div(a: Fixed, b: Fixed) -> Option<Fixed> {
    if b.mantissa == 0 {
        return None;
    }
    // Scale the dividend up as far as i128 allows so the quotient keeps 31 digits.
    let dividend_digits = Fixed {
        mantissa: a.mantissa,
        scale: 0,
    }
    .digits();
    let extra = 37u32.saturating_sub(dividend_digits);
    let scaled = a.mantissa.checked_mul(pow10(extra)?)?;
    let quotient = scaled / b.mantissa;
    let scale = i64::from(a.scale) + i64::from(extra) - i64::from(b.scale);
    let value = if scale >= 0 {
        Fixed {
            mantissa: quotient,
            scale: u32::try_from(scale).ok()?,
        }
    } else {
        Fixed {
            mantissa: quotient.checked_mul(pow10(u32::try_from(-scale).ok()?)?)?,
            scale: 0,
        }
    };
    normalize(value).map(trim)
}

/// The value of a fixed-point literal's digits, or `None` with more than 31 digits.
pub(super) fn from_digits(digits: &str, scale: u32) -> Option<Fixed> {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.len() > Fixed::MAX_DIGITS as usize || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mantissa = if trimmed.is_empty() {
        0
    } else {
        trimmed.parse().ok()?
    };
    Some(Fixed { mantissa, scale })
}

/// Whether `value` fits `fixed<digits, scale>`: no more fractional digits than `scale` (after
/// dropping trailing zeros) and no more integer digits than `digits - scale`.
pub(super) fn fits(value: Fixed, digits: u8, scale: u8) -> bool {
    let value = trim(value);
    value.scale <= u32::from(scale)
        && value.integer_digits() <= u32::from(digits.saturating_sub(scale))
}

/// `value` rescaled to exactly `scale` fractional digits (never fewer digits than it has).
pub(super) fn rescale(value: Fixed, scale: u8) -> Fixed {
    let value = trim(value);
    let scale = u32::from(scale);
    if value.scale >= scale {
        return value;
    }
    match pow10(scale - value.scale).and_then(|p| value.mantissa.checked_mul(p)) {
        Some(mantissa) => Fixed { mantissa, scale },
        None => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(mantissa: i128, scale: u32) -> Fixed {
        Fixed { mantissa, scale }
    }

    #[test]
    fn arithmetic_aligns_scales() {
        assert_eq!(add(f(15, 1), f(25, 2)), Some(f(175, 2)));
        assert_eq!(sub(f(1, 0), f(25, 2)), Some(f(75, 2)));
        assert_eq!(mul(f(15, 1), f(2, 0)), Some(f(30, 1)));
        assert_eq!(div(f(1, 0), f(4, 0)), Some(f(25, 2)));
        assert_eq!(div(f(10, 0), f(5, 1)), Some(f(20, 0)));
    }

    #[test]
    fn more_than_31_digits_truncates_or_fails() {
        let third = div(f(1, 0), f(3, 0)).map(|v| v.to_string());
        assert_eq!(third.as_deref(), Some("0.3333333333333333333333333333333"));
        let big = f(10i128.pow(30), 0);
        assert_eq!(mul(big, f(100, 0)), None);
        assert_eq!(from_digits("00145", 1), Some(f(145, 1)));
        assert!(fits(f(1450, 2), 4, 2));
        assert!(!fits(f(12345, 2), 4, 2));
        assert!(!fits(f(1234, 3), 4, 2));
        assert_eq!(rescale(f(15, 1), 3), f(1500, 3));
    }
}
