//! Constant expressions and literals (§7.4.1.4.2, §7.2.6).

use super::ScopedName;
use crate::source::Span;

/// A constant expression as written; evaluated by the semantic pass against the declared type.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstExpr {
    /// The expression's shape.
    pub kind: ExprKind,
    /// The whole expression.
    pub span: Span,
}

/// The shapes a constant expression can take.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A literal value.
    Literal(Literal),
    /// A reference to a constant or an enumerator.
    Name(ScopedName),
    /// `-x`, `+x`, `~x`.
    Unary(UnaryOp, Box<ConstExpr>),
    /// `a op b`.
    Binary(BinaryOp, Box<ConstExpr>, Box<ConstExpr>),
}

/// Unary operators (§7.4.1.4.2 `unary_operator`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-`
    Neg,
    /// `+`
    Plus,
    /// `~`
    Not,
}

/// Binary operators, loosest first: `|`, `^`, `&`, shifts, additive, multiplicative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `&`
    And,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
}

impl BinaryOp {
    /// The operator as written in IDL.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "|",
            BinaryOp::Xor => "^",
            BinaryOp::And => "&",
            BinaryOp::Shl => "<<",
            BinaryOp::Shr => ">>",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Rem => "%",
        }
    }
}

/// A literal (§7.2.6), already decoded (escapes resolved, strings concatenated).
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// Decimal, octal (`017`) or hexadecimal (`0x1F`) integer; always non-negative here.
    Integer(u128),
    /// `1.5`, `.5`, `5.`, `1e10`.
    Float(f64),
    /// `14.5D`: the digits without the point, and how many of them follow the point.
    Fixed(FixedLiteral),
    /// `'a'`, `'\n'`, `'\x41'`.
    Char(char),
    /// `L'a'`.
    WChar(char),
    /// `"a" "b"` (adjacent literals are one literal).
    String(String),
    /// `L"a"`.
    WString(String),
    /// `TRUE`, `FALSE` (and the lower-case forms some DDS files use).
    Boolean(bool),
}

/// A fixed-point literal: the value is `digits × 10^-scale`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedLiteral {
    /// All digits, without the decimal point or leading zeros (`"145"` for `14.5D`).
    pub digits: String,
    /// Number of digits after the decimal point.
    pub scale: u32,
}

/// A string literal where only a string is allowed (pragmas, `typeid`, `context`, …).
#[derive(Clone, Debug, PartialEq)]
pub struct StringLiteral {
    /// The decoded text.
    pub value: String,
    /// Where it stands, quotes included.
    pub span: Span,
}
