//! Operators and the final conversion of constant expressions: integer arithmetic within the
//! 64-bit range the spec allows, floating-point and fixed-point arithmetic, division and shift
//! checks, and the range check against the declared type.

use super::{INT_MAX, INT_MIN, Target, V, to_const};
use crate::{
    ast::{BinaryOp, UnaryOp},
    check::{Checker, fixed},
    diagnostic::Diagnostic,
    model::{ConstValue, Fixed, Primitive},
    source::Span,
};

impl<'a> Checker<'a> {
    /// Applies `-`, `+` or `~`; `~` of an unsigned target type flips only its bits.
    pub(super) fn unary(
        &mut self,
        op: UnaryOp,
        value: V,
        target: &Target,
        span: Span,
    ) -> Option<V> {
        let result = match (op, &value) {
            (UnaryOp::Plus, V::Int(_) | V::Float(_) | V::Fixed(_)) => Some(value.clone()),
            (UnaryOp::Neg, V::Int(n)) => n.checked_neg().map(V::Int),
            (UnaryOp::Neg, V::Float(f)) => Some(V::Float(-f)),
            (UnaryOp::Neg, V::Fixed(f)) => Some(V::Fixed(Fixed {
                mantissa: -f.mantissa,
                scale: f.scale,
            })),
            (UnaryOp::Not, V::Int(n)) => Some(V::Int(match target {
                Target::Int(p) if p.is_unsigned() => {
                    let bits = p.integer_bits().unwrap_or(64);
                    let mask = (1i128 << bits) - 1;
                    (!n) & mask
                }
                _ => !n,
            })),
            _ => {
                let symbol = match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Plus => "+",
                    UnaryOp::Not => "~",
                };
                self.error(Diagnostic::error(
                    format!(
                        "operator `{symbol}` cannot be applied to {} values",
                        value.kind()
                    ),
                    span,
                ));
                return None;
            }
        };
        self.check_intermediate(result, span)
    }

    /// Applies a binary operator; with no declared type, integers meet floats and fixed values
    /// as those.
    pub(super) fn binary(
        &mut self,
        op: BinaryOp,
        left: V,
        right: V,
        span: Span,
        right_span: Span,
    ) -> Option<V> {
        // With no declared type (`any`), integers meet floats and fixed values as those.
        let (left, right) = match (left, right) {
            (V::Int(a), V::Float(b)) => (V::Float(a as f64), V::Float(b)),
            (V::Float(a), V::Int(b)) => (V::Float(a), V::Float(b as f64)),
            (V::Int(a), V::Fixed(b)) => (
                V::Fixed(Fixed {
                    mantissa: a,
                    scale: 0,
                }),
                V::Fixed(b),
            ),
            (V::Fixed(a), V::Int(b)) => (
                V::Fixed(a),
                V::Fixed(Fixed {
                    mantissa: b,
                    scale: 0,
                }),
            ),
            pair => pair,
        };
        let result = match (&left, &right) {
            (V::Int(a), V::Int(b)) => self.integer_op(op, *a, *b, right_span)?,
            (V::Float(a), V::Float(b)) => {
                let (a, b) = (*a, *b);
                match op {
                    BinaryOp::Add => Some(V::Float(a + b)),
                    BinaryOp::Sub => Some(V::Float(a - b)),
                    BinaryOp::Mul => Some(V::Float(a * b)),
                    BinaryOp::Div if b == 0.0 => return self.division_by_zero(op, right_span),
                    BinaryOp::Div => Some(V::Float(a / b)),
                    _ => return self.bad_operator(op, &left, span),
                }
            }
            (V::Fixed(a), V::Fixed(b)) => {
                let (a, b) = (*a, *b);
                match op {
                    BinaryOp::Add => fixed::add(a, b).map(V::Fixed),
                    BinaryOp::Sub => fixed::sub(a, b).map(V::Fixed),
                    BinaryOp::Mul => fixed::mul(a, b).map(V::Fixed),
                    BinaryOp::Div if b.mantissa == 0 => {
                        return self.division_by_zero(op, right_span);
                    }
                    BinaryOp::Div => fixed::div(a, b).map(V::Fixed),
                    _ => return self.bad_operator(op, &left, span),
                }
            }
            _ => {
                let operand = if matches!(left, V::Int(_) | V::Float(_) | V::Fixed(_)) {
                    &right
                } else {
                    &left
                };
                return self.bad_operator(op, operand, span);
            }
        };
        self.check_intermediate(result, span)
    }

    /// An integer operation; `None` in the inner option means overflow.
    fn integer_op(
        &mut self,
        op: BinaryOp,
        a: i128,
        b: i128,
        right_span: Span,
    ) -> Option<Option<V>> {
        let value = match op {
            BinaryOp::Add => a.checked_add(b),
            BinaryOp::Sub => a.checked_sub(b),
            BinaryOp::Mul => a.checked_mul(b),
            BinaryOp::Div | BinaryOp::Rem if b == 0 => {
                self.division_by_zero::<()>(op, right_span);
                return None;
            }
            BinaryOp::Div => a.checked_div(b),
            BinaryOp::Rem => a.checked_rem(b),
            BinaryOp::Or => Some(a | b),
            BinaryOp::Xor => Some(a ^ b),
            BinaryOp::And => Some(a & b),
            BinaryOp::Shl | BinaryOp::Shr => {
                if !(0..64).contains(&b) {
                    self.error(
                        Diagnostic::error(
                            format!("shift amount `{b}` is out of range"),
                            right_span,
                        )
                        .with_note("a shift amount must be between 0 and 63"),
                    );
                    return None;
                }
                if op == BinaryOp::Shl {
                    a.checked_mul(1i128 << b)
                } else {
                    Some(a >> b)
                }
            }
        };
        Some(value.map(V::Int))
    }

    fn division_by_zero<T>(&mut self, op: BinaryOp, right_span: Span) -> Option<T> {
        let message = if op == BinaryOp::Rem {
            "remainder by zero"
        } else {
            "division by zero"
        };
        self.error(Diagnostic::error(message, right_span).with_label("this is zero"));
        None
    }

    fn bad_operator<T>(&mut self, op: BinaryOp, operand: &V, span: Span) -> Option<T> {
        self.error(Diagnostic::error(
            format!(
                "operator `{}` cannot be applied to {} values",
                op.symbol(),
                operand.kind()
            ),
            span,
        ));
        None
    }

    /// Reports an overflow (`None`) or an integer outside the 64-bit range.
    fn check_intermediate(&mut self, result: Option<V>, span: Span) -> Option<V> {
        match result {
            Some(V::Int(n)) if !(INT_MIN..=INT_MAX).contains(&n) => {
                self.overflow(span);
                None
            }
            Some(V::Float(f)) if !f.is_finite() => {
                self.error(Diagnostic::error(
                    "floating-point constant expression is not finite",
                    span,
                ));
                None
            }
            Some(v) => Some(v),
            None => {
                self.overflow(span);
                None
            }
        }
    }

    fn overflow(&mut self, span: Span) {
        self.error(
            Diagnostic::error("arithmetic overflow in constant expression", span).with_note(
                "intermediate values must fit in 64 bits (fixed-point ones in 31 digits)",
            ),
        );
    }

    /// The final value as `target`, with its range checked.
    pub(super) fn convert(&mut self, value: V, target: &Target, span: Span) -> Option<ConstValue> {
        let out_of_range = |this: &mut Self, shown: String, ty: String| {
            this.error(Diagnostic::error(
                format!("value `{shown}` does not fit in `{ty}`"),
                span,
            ));
            None
        };
        match (target, value) {
            (Target::Int(p), V::Int(n)) => {
                let (min, max) = p.integer_range().unwrap_or((INT_MIN, INT_MAX));
                if !(min..=max).contains(&n) {
                    return out_of_range(self, n.to_string(), p.idl_name().to_owned());
                }
                Some(match p {
                    Primitive::Octet => ConstValue::Octet(u8::try_from(n).unwrap_or(0)),
                    p => ConstValue::Integer(n, *p),
                })
            }
            (Target::Float(p), V::Float(f)) => {
                if *p == Primitive::Float && f.abs() > f64::from(f32::MAX) {
                    return out_of_range(self, f.to_string(), "float".to_owned());
                }
                Some(ConstValue::Float(f, *p))
            }
            (Target::Fixed(None), V::Fixed(f)) => Some(ConstValue::Fixed(f)),
            (Target::Fixed(Some((digits, scale))), V::Fixed(f)) => {
                if !fixed::fits(f, *digits, *scale) {
                    return out_of_range(self, f.to_string(), format!("fixed<{digits}, {scale}>"));
                }
                Some(ConstValue::Fixed(fixed::rescale(f, *scale)))
            }
            (Target::Bool, V::Bool(b)) => Some(ConstValue::Bool(b)),
            (Target::Char, V::Char(c)) => {
                if u32::from(c) > 0xFF {
                    return out_of_range(self, c.to_string(), "char".to_owned());
                }
                Some(ConstValue::Char(c))
            }
            (Target::WChar, V::WChar(c)) => Some(ConstValue::WChar(c)),
            (Target::String(bound), V::Str(s)) => {
                self.check_string_bound(&s, *bound, "string", span)?;
                Some(ConstValue::String(s))
            }
            (Target::WString(bound), V::WStr(s)) => {
                self.check_string_bound(&s, *bound, "wstring", span)?;
                Some(ConstValue::WString(s))
            }
            (Target::Enum(_), V::Enum(decl, index)) => Some(ConstValue::Enumerator { decl, index }),
            (Target::Any, v) => Some(to_const(v)),
            // Every other pairing was turned away by `coerce`.
            _ => None,
        }
    }

    fn check_string_bound(
        &mut self,
        s: &str,
        bound: Option<u32>,
        keyword: &str,
        span: Span,
    ) -> Option<()> {
        let Some(bound) = bound else {
            return Some(());
        };
        let length = s.chars().count();
        if length > bound as usize {
            self.error(Diagnostic::error(
                format!("string of {length} characters does not fit in `{keyword}<{bound}>`"),
                span,
            ));
            return None;
        }
        Some(())
    }
}
