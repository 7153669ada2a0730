//! Constant expressions (§7.4.1.4.2), evaluated against the type they are declared with.
//!
//! Integer expressions are computed exactly (in `i128`) and every intermediate result must stay
//! within the 64-bit range the spec allows; the final value must fit the declared type.
//! Floating-point expressions use `f64`, fixed-point ones the decimal arithmetic of `fixed`.
//!
//! This module evaluates literals and names and converts between kinds; `arith` applies the
//! operators and checks the final value against the declared type.

mod arith;

use super::{Checker, fixed, resolve::tight, symbols::Symbol};
use crate::{
    ast::{ConstExpr, ExprKind, Literal},
    diagnostic::Diagnostic,
    model::{ConstValue, DeclId, DeclKind, Fixed, Primitive, Type},
    source::Span,
};

/// What an expression is evaluated as.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Target {
    /// An integer type or `octet`.
    Int(Primitive),
    /// `float`, `double` or `long double`.
    Float(Primitive),
    /// `fixed<digits, scale>`, or bare `fixed` (the value decides).
    Fixed(Option<(u8, u8)>),
    /// `boolean`.
    Bool,
    /// `char`.
    Char,
    /// `wchar`.
    WChar,
    /// `string`, with its bound.
    String(Option<u32>),
    /// `wstring`, with its bound.
    WString(Option<u32>),
    /// An enumerator of this enum.
    Enum(DeclId),
    /// Whatever the expression is (an annotation parameter of type `any` with no context).
    Any,
}

/// An intermediate value.
#[derive(Clone, Debug, PartialEq)]
enum V {
    Int(i128),
    Float(f64),
    Fixed(Fixed),
    Bool(bool),
    Char(char),
    WChar(char),
    Str(String),
    WStr(String),
    Enum(DeclId, u32),
}

impl V {
    /// "an integer literal", for mismatch messages about literals.
    fn literal_description(&self) -> &'static str {
        match self {
            V::Int(_) => "an integer literal",
            V::Float(_) => "a floating-point literal",
            V::Fixed(_) => "a fixed-point literal",
            V::Bool(_) => "a boolean literal",
            V::Char(_) => "a character literal",
            V::WChar(_) => "a wide character literal",
            V::Str(_) => "a string literal",
            V::WStr(_) => "a wide string literal",
            V::Enum(..) => "an enumerator",
        }
    }

    /// The operand kind, for operator messages.
    fn kind(&self) -> &'static str {
        match self {
            V::Int(_) => "integer",
            V::Float(_) => "floating-point",
            V::Fixed(_) => "fixed-point",
            V::Bool(_) => "boolean",
            V::Char(_) | V::WChar(_) => "character",
            V::Str(_) | V::WStr(_) => "string",
            V::Enum(..) => "enumerator",
        }
    }
}

/// What a name in an expression turned out to be, for mismatch messages.
#[derive(Clone, Copy, Debug)]
enum Found {
    Flag,
    Enumerator,
    Constant(DeclId),
}

/// The smallest and largest intermediate integer value (§7.4.1.4.2: "(unsigned) long long").
const INT_MIN: i128 = i64::MIN as i128;
const INT_MAX: i128 = u64::MAX as i128;

impl<'a> Checker<'a> {
    /// The target for values of `ty`, or `None` when `ty` cannot hold a constant.
    pub(super) fn target_for(&self, ty: &Type) -> Option<Target> {
        let mut ty = ty;
        for _ in 0..super::MAX_DEPTH {
            return Some(match ty {
                Type::Primitive(p) => match p {
                    Primitive::Boolean => Target::Bool,
                    Primitive::Char => Target::Char,
                    Primitive::WChar => Target::WChar,
                    p if p.is_floating() => Target::Float(*p),
                    p => Target::Int(*p),
                },
                Type::String(b) => Target::String(*b),
                Type::WString(b) => Target::WString(*b),
                Type::Fixed { digits, scale } => Target::Fixed(Some((*digits, *scale))),
                Type::Any => Target::Any,
                Type::Named(id) => match &self.decl(*id).kind {
                    DeclKind::Typedef(t) => {
                        ty = &t.ty;
                        continue;
                    }
                    DeclKind::Enum(_) => Target::Enum(*id),
                    DeclKind::Bitmask(_) => Target::Int(Primitive::ULongLong),
                    _ => return None,
                },
                _ => return None,
            });
        }
        None
    }

    /// How a target is named in "expected …" messages.
    fn expected(&self, target: &Target) -> String {
        match target {
            Target::Int(p) | Target::Float(p) => format!("`{}`", p.idl_name()),
            Target::Fixed(Some((d, s))) => format!("`fixed<{d}, {s}>`"),
            Target::Fixed(None) => "`fixed`".to_owned(),
            Target::Bool => "`boolean`".to_owned(),
            Target::Char => "`char`".to_owned(),
            Target::WChar => "`wchar`".to_owned(),
            Target::String(_) => "`string`".to_owned(),
            Target::WString(_) => "`wstring`".to_owned(),
            Target::Enum(id) => format!("an enumerator of `{}`", self.scoped_name(*id)),
            Target::Any => "a constant".to_owned(),
        }
    }

    /// Evaluates `expr` as a value of `target`. Reports what is wrong and returns `None`.
    pub(super) fn eval(&mut self, expr: &ConstExpr, target: &Target) -> Option<ConstValue> {
        let value = self.value(expr, target)?;
        self.convert(value, target, expr.span)
    }

    fn value(&mut self, expr: &ConstExpr, target: &Target) -> Option<V> {
        if !self.descend(expr.span) {
            return None;
        }
        let value = match &expr.kind {
            ExprKind::Literal(literal) => self.literal(literal, target, expr.span),
            ExprKind::Name(name) => self.named_value(name, target),
            ExprKind::Unary(op, operand) => self
                .value(operand, target)
                .and_then(|v| self.unary(*op, v, target, expr.span)),
            ExprKind::Binary(op, left, right) => {
                let left = self.value(left, target);
                let right_span = right.span;
                let right = self.value(right, target);
                match (left, right) {
                    (Some(l), Some(r)) => self.binary(*op, l, r, expr.span, right_span),
                    _ => None,
                }
            }
        };
        self.ascend();
        value
    }

    fn literal(&mut self, literal: &Literal, target: &Target, span: Span) -> Option<V> {
        let value = match literal {
            Literal::Integer(n) => match i128::try_from(*n) {
                Ok(n) => V::Int(n),
                Err(_) => {
                    self.error(Diagnostic::error("integer literal is too large", span));
                    return None;
                }
            },
            Literal::Float(f) => V::Float(*f),
            Literal::Fixed(lit) => match fixed::from_digits(&lit.digits, lit.scale) {
                Some(f) => V::Fixed(f),
                None => {
                    self.error(
                        Diagnostic::error("fixed-point literal has more than 31 digits", span)
                            .with_note("a `fixed` value holds at most 31 digits"),
                    );
                    return None;
                }
            },
            Literal::Char(c) => V::Char(*c),
            Literal::WChar(c) => V::WChar(*c),
            Literal::String(s) => V::Str(s.clone()),
            Literal::WString(s) => V::WStr(s.clone()),
            Literal::Boolean(b) => V::Bool(*b),
        };
        let found = value.literal_description();
        self.coerce(value, target, span, move |_: &Self| found.to_owned())
    }

    fn named_value(&mut self, name: &crate::ast::ScopedName, target: &Target) -> Option<V> {
        if let Some(value) = self.boolean_name(name) {
            return self.coerce(V::Bool(value), target, tight(name), |_: &Self| {
                "a boolean literal".to_owned()
            });
        }
        let symbol = self.resolve(name)?;
        let symbol = match symbol {
            Symbol::Enumerator(owner, index) => {
                let (owner, index) = self.pick_enumerator(owner, index, target, name)?;
                Symbol::Enumerator(owner, index)
            }
            other => other,
        };
        // What was found is described only if it does not fit, so no text is built otherwise.
        let (value, found) = match symbol {
            Symbol::Enumerator(owner, index) => match &self.decl(owner).kind {
                DeclKind::Bitmask(b) => {
                    // A bitmask flag stands for its mask in integer expressions.
                    let position = b.flags.get(index as usize).map_or(0, |f| f.value);
                    let mask = 1i128.checked_shl(u32::try_from(position).unwrap_or(0));
                    (V::Int(mask.unwrap_or(0)), Found::Flag)
                }
                _ => (V::Enum(owner, index), Found::Enumerator),
            },
            Symbol::Decl(id) => match &self.decl(id).kind {
                DeclKind::Const(c) => (from_const(c.value.clone()?), Found::Constant(id)),
                _ => {
                    let what = self.describe(id);
                    self.error(
                        Diagnostic::error(
                            format!("expected a constant, found {what}"),
                            tight(name),
                        )
                        .with_label("not a constant"),
                    );
                    return None;
                }
            },
        };
        self.coerce(value, target, tight(name), move |this: &Self| match found {
            Found::Flag => format!("flag `{name}`"),
            Found::Enumerator => format!("enumerator `{name}`"),
            Found::Constant(id) => {
                let ty = match &this.decl(id).kind {
                    DeclKind::Const(c) => this.type_name(&c.ty),
                    _ => String::new(),
                };
                format!("constant `{name}` of type `{ty}`")
            }
        })
    }

    /// `True`/`False` (any case but the keywords' own) when no such name is declared: some
    /// compilers accept them, and real files use them. Reported as a warning.
    fn boolean_name(&mut self, name: &crate::ast::ScopedName) -> Option<bool> {
        let [part] = name.parts.as_slice() else {
            return None;
        };
        let value = if part.name.eq_ignore_ascii_case("true") {
            true
        } else if part.name.eq_ignore_ascii_case("false") {
            false
        } else {
            return None;
        };
        if name.absolute || self.resolve_quietly(name).is_some() {
            return None;
        }
        let keyword = if value { "TRUE" } else { "FALSE" };
        self.error(
            Diagnostic::warning(
                format!("`{}` is not an IDL keyword; read as `{keyword}`", part.name),
                part.span,
            )
            .with_help(format!("write `{keyword}`")),
        );
        Some(value)
    }

    /// Chooses among enumerators of several enums sharing a name: the one of the expected enum,
    /// else the only one; reports a bare name that stays ambiguous.
    fn pick_enumerator(
        &mut self,
        owner: DeclId,
        index: u32,
        target: &Target,
        name: &crate::ast::ScopedName,
    ) -> Option<(DeclId, u32)> {
        let Some(alternatives) = self.enumerator_alternatives.get(&(owner, index)) else {
            return Some((owner, index));
        };
        if name.parts.len() > 1 {
            return Some((owner, index));
        }
        let mut candidates = vec![(owner, index)];
        candidates.extend(alternatives.iter().copied());
        if let Target::Enum(expected) = target {
            return Some(
                candidates
                    .iter()
                    .copied()
                    .find(|(e, _)| e == expected)
                    .unwrap_or((owner, index)),
            );
        }
        let enums: Vec<String> = candidates
            .iter()
            .map(|(e, _)| format!("`{}`", self.scoped_name(*e)))
            .collect();
        let first = self.scoped_name(owner);
        self.error(
            Diagnostic::error(format!("`{name}` is ambiguous"), tight(name))
                .with_note(format!("it is an enumerator of {}", enums.join(" and ")))
                .with_help(format!("name the enum: `{first}::{name}`")),
        );
        None
    }

    /// Converts a literal's or constant's value to the class of `target` (an integer where a
    /// float is expected, a `char` where a `wchar` is, …) or reports the mismatch.
    fn coerce(
        &mut self,
        value: V,
        target: &Target,
        span: Span,
        found: impl FnOnce(&Self) -> String,
    ) -> Option<V> {
        let converted = match (target, value) {
            (Target::Any, v) => Some(v),
            (Target::Int(_), v @ V::Int(_)) => Some(v),
            (Target::Float(_), V::Int(n)) => Some(V::Float(n as f64)),
            (Target::Float(_), v @ V::Float(_)) => Some(v),
            (Target::Fixed(_), V::Int(n)) => Some(V::Fixed(Fixed {
                mantissa: n,
                scale: 0,
            })),
            (Target::Fixed(_), v @ V::Fixed(_)) => Some(v),
            (Target::Bool, v @ V::Bool(_)) => Some(v),
            (Target::Char, v @ V::Char(_)) => Some(v),
            (Target::WChar, V::Char(c) | V::WChar(c)) => Some(V::WChar(c)),
            (Target::String(_), v @ V::Str(_)) => Some(v),
            (Target::WString(_), V::Str(s) | V::WStr(s)) => Some(V::WStr(s)),
            (Target::Enum(e), V::Enum(owner, index)) if owner == *e => Some(V::Enum(owner, index)),
            (Target::Float(_), V::Fixed(f)) => Some(V::Float(fixed_to_f64(f))),
            (target @ (Target::Char | Target::WChar | Target::Bool), V::Int(n))
                if self.in_case_label =>
            {
                return self.integer_as(target, n, span, found);
            }
            _ => None,
        };
        if converted.is_none() {
            let expected = self.expected(target);
            self.error(
                Diagnostic::error(format!("expected {expected}, found {}", found(self)), span)
                    .with_label(format!("expected {expected}")),
            );
        }
        converted
    }

    /// An integer where a union case label of type `char`, `wchar` or `boolean` is expected:
    /// accepted with a warning when it stands for one (OpenDDS and ORBit files label such cases
    /// with numbers), else a mismatch.
    fn integer_as(
        &mut self,
        target: &Target,
        n: i128,
        span: Span,
        found: impl FnOnce(&Self) -> String,
    ) -> Option<V> {
        let value = match target {
            Target::Char => u8::try_from(n).ok().map(|b| V::Char(char::from(b))),
            Target::WChar => u32::try_from(n).ok().and_then(char::from_u32).map(V::WChar),
            Target::Bool => match n {
                0 => Some(V::Bool(false)),
                1 => Some(V::Bool(true)),
                _ => None,
            },
            _ => None,
        };
        let expected = self.expected(target);
        let found = found(self);
        match value {
            Some(value) => {
                let read_as = match &value {
                    V::Bool(true) => "`TRUE`".to_owned(),
                    V::Bool(false) => "`FALSE`".to_owned(),
                    _ => "the character with that code".to_owned(),
                };
                self.error(
                    Diagnostic::warning(format!("expected {expected}, found {found}"), span)
                        .with_note(format!("read as {read_as}")),
                );
                Some(value)
            }
            None => {
                self.error(
                    Diagnostic::error(format!("expected {expected}, found {found}"), span)
                        .with_label(format!("expected {expected}")),
                );
                None
            }
        }
    }

    /// The type as IDL writes it, for messages.
    pub(super) fn type_name(&self, ty: &Type) -> String {
        ty.display_with(&|id| self.scoped_name(id))
    }
}

/// A fixed-point value as the nearest `f64`.
fn fixed_to_f64(value: Fixed) -> f64 {
    value.mantissa as f64 / 10f64.powi(value.scale as i32)
}

/// The intermediate form of a constant's value.
fn from_const(value: ConstValue) -> V {
    match value {
        ConstValue::Integer(n, _) => V::Int(n),
        ConstValue::Octet(n) => V::Int(n.into()),
        ConstValue::Float(f, _) => V::Float(f),
        ConstValue::Fixed(f) => V::Fixed(f),
        ConstValue::Bool(b) => V::Bool(b),
        ConstValue::Char(c) => V::Char(c),
        ConstValue::WChar(c) => V::WChar(c),
        ConstValue::String(s) => V::Str(s),
        ConstValue::WString(s) => V::WStr(s),
        ConstValue::Enumerator { decl, index } => V::Enum(decl, index),
    }
}

/// A value with no declared type, typed by its form.
fn to_const(value: V) -> ConstValue {
    match value {
        V::Int(n) if n > i128::from(i64::MAX) => ConstValue::Integer(n, Primitive::ULongLong),
        V::Int(n) => ConstValue::Integer(n, Primitive::LongLong),
        V::Float(f) => ConstValue::Float(f, Primitive::Double),
        V::Fixed(f) => ConstValue::Fixed(f),
        V::Bool(b) => ConstValue::Bool(b),
        V::Char(c) => ConstValue::Char(c),
        V::WChar(c) => ConstValue::WChar(c),
        V::Str(s) => ConstValue::String(s),
        V::WStr(s) => ConstValue::WString(s),
        V::Enum(decl, index) => ConstValue::Enumerator { decl, index },
    }
}
