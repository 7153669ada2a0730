//! `#if` and `#elif` expressions: integer literals, character literals, and C's operators, with
//! C's types (a signed or unsigned 64-bit integer), short-circuiting `&&`, `||` and `?:` (an
//! operand that is not evaluated cannot fail), and a bound on nesting.
//!
//! The tokens come already prepared by the caller: `defined X` replaced by `0` or `1`, macros
//! expanded, other identifiers replaced by `0`.

use super::{
    directive::TokKind,
    literal::{parse_char, parse_int},
};
use crate::source::Span;

/// How deeply parentheses, unary operators and `?:` may nest.
pub(crate) const MAX_DEPTH: usize = 256;

/// An integer of the preprocessor: 64 bits, signed unless a literal or an operand says otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Value {
    bits: u64,
    unsigned: bool,
}

impl Value {
    /// A signed value.
    pub(crate) fn signed(value: i64) -> Self {
        Value {
            bits: value as u64,
            unsigned: false,
        }
    }

    /// An unsigned value.
    pub(crate) fn unsigned(value: u64) -> Self {
        Value {
            bits: value,
            unsigned: true,
        }
    }

    /// Whether the value is not zero.
    pub(crate) fn is_true(self) -> bool {
        self.bits != 0
    }

    fn boolean(value: bool) -> Self {
        Value::signed(i64::from(value))
    }
}

/// A binary or unary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Mul,
    Div,
    Rem,
    Add,
    Sub,
    Shl,
    Shr,
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitXor,
    BitOr,
    And,
    Or,
    Not,
    Tilde,
}

impl Op {
    /// The operator spelled `text`.
    pub(crate) fn from_str(text: &str) -> Option<Op> {
        Some(match text {
            "*" => Op::Mul,
            "/" => Op::Div,
            "%" => Op::Rem,
            "+" => Op::Add,
            "-" => Op::Sub,
            "<<" => Op::Shl,
            ">>" => Op::Shr,
            "<" => Op::Lt,
            ">" => Op::Gt,
            "<=" => Op::Le,
            ">=" => Op::Ge,
            "==" => Op::Eq,
            "!=" => Op::Ne,
            "&" => Op::BitAnd,
            "^" => Op::BitXor,
            "|" => Op::BitOr,
            "&&" => Op::And,
            "||" => Op::Or,
            "!" => Op::Not,
            "~" => Op::Tilde,
            _ => return None,
        })
    }

    /// Binding strength as a binary operator (higher binds tighter); `None` for unary-only ones.
    fn precedence(self) -> Option<u8> {
        Some(match self {
            Op::Mul | Op::Div | Op::Rem => 10,
            Op::Add | Op::Sub => 9,
            Op::Shl | Op::Shr => 8,
            Op::Lt | Op::Gt | Op::Le | Op::Ge => 7,
            Op::Eq | Op::Ne => 6,
            Op::BitAnd => 5,
            Op::BitXor => 4,
            Op::BitOr => 3,
            Op::And => 2,
            Op::Or => 1,
            Op::Not | Op::Tilde => return None,
        })
    }
}

/// What a token of an expression is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tk {
    /// A number (a literal, a `defined`, or an identifier that became `0`).
    Int(Value),
    /// An operator.
    Op(Op),
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `?`
    Question,
    /// `:`
    Colon,
    /// Anything else (`=`, `,`, `::`, …): always an error where it stands.
    Other,
}

/// One token of an expression, with its text (for messages) and source span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ETok {
    /// What it is.
    pub(crate) tk: Tk,
    /// How it was written.
    pub(crate) text: Box<str>,
    /// Where: the token itself, or the macro use it came from.
    pub(crate) span: Span,
}

/// Why an expression could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ExprError {
    /// The diagnostic message.
    pub(crate) message: String,
    /// Where.
    pub(crate) span: Span,
    /// A `help:` line, if one helps.
    pub(crate) help: Option<&'static str>,
}

impl ExprError {
    fn new(message: impl Into<String>, span: Span) -> Self {
        ExprError {
            message: message.into(),
            span,
            help: None,
        }
    }
}

/// Evaluates `tokens`; `end` is where the line ends, for "expected …, found end of line".
pub(crate) fn evaluate(tokens: &[ETok], end: Span) -> Result<Value, ExprError> {
    let mut parser = Parser {
        tokens,
        pos: 0,
        depth: 0,
        end,
    };
    let (value, _) = parser.conditional(true)?;
    match parser.peek() {
        None => Ok(value),
        Some(tok) => {
            let mut error = ExprError::new(
                format!("expected an operator or end of line, found `{}`", tok.text),
                tok.span,
            );
            if &*tok.text == "=" {
                error.help = Some("use `==` to compare values");
            }
            Err(error)
        }
    }
}

struct Parser<'t> {
    tokens: &'t [ETok],
    pos: usize,
    depth: usize,
    end: Span,
}

type Parsed = Result<(Value, Span), ExprError>;

impl<'t> Parser<'t> {
    fn peek(&self) -> Option<&'t ETok> {
        self.tokens.get(self.pos)
    }

    fn found(&self) -> (String, Span) {
        match self.peek() {
            Some(tok) => (format!("`{}`", tok.text), tok.span),
            None => ("end of line".to_owned(), self.end),
        }
    }

    fn expect(&mut self, tk: Tk, what: &str) -> Result<Span, ExprError> {
        match self.peek() {
            Some(tok) if tok.tk == tk => {
                self.pos += 1;
                Ok(tok.span)
            }
            _ => {
                let (found, span) = self.found();
                Err(ExprError::new(
                    format!("expected `{what}`, found {found}"),
                    span,
                ))
            }
        }
    }

    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let (_, span) = self.found();
            return Err(ExprError::new(
                format!("expression nests more than {MAX_DEPTH} levels deep"),
                span,
            ));
        }
        Ok(())
    }

    /// `c ? a : b`, or a binary expression. Only `eval`uated operands can fail.
    fn conditional(&mut self, eval: bool) -> Parsed {
        let (cond, span) = self.binary(1, eval)?;
        if self.peek().is_some_and(|t| t.tk == Tk::Question) {
            self.pos += 1;
            self.enter()?;
            let (a, _) = self.conditional(eval && cond.is_true())?;
            self.expect(Tk::Colon, ":")?;
            let (b, b_span) = self.conditional(eval && !cond.is_true())?;
            let chosen = if cond.is_true() { a } else { b };
            let unsigned = a.unsigned || b.unsigned;
            self.depth -= 1;
            Ok((
                Value {
                    bits: chosen.bits,
                    unsigned,
                },
                span.to(b_span),
            ))
        } else {
            Ok((cond, span))
        }
    }

    /// Binary operators binding at least as tightly as `min`, left to right.
    fn binary(&mut self, min: u8, eval: bool) -> Parsed {
        let (mut lhs, mut span) = self.unary(eval)?;
        while let Some(tok) = self.peek() {
            let Tk::Op(op) = tok.tk else { break };
            let Some(prec) = op.precedence().filter(|&p| p >= min) else {
                break;
            };
            self.pos += 1;
            let rhs_eval = match op {
                Op::And => eval && lhs.is_true(),
                Op::Or => eval && !lhs.is_true(),
                _ => eval,
            };
            let (rhs, rhs_span) = self.binary(prec + 1, rhs_eval)?;
            lhs = if eval {
                apply(op, lhs, rhs, rhs_span)?
            } else {
                Value::signed(0)
            };
            span = span.to(rhs_span);
        }
        Ok((lhs, span))
    }

    fn unary(&mut self, eval: bool) -> Parsed {
        self.enter()?;
        let Some(tok) = self.peek() else {
            return Err(ExprError::new(
                "expected an expression, found end of line",
                self.end,
            ));
        };
        let start = tok.span;
        let result = match tok.tk {
            Tk::Int(value) => {
                self.pos += 1;
                (value, start)
            }
            Tk::LParen => {
                self.pos += 1;
                let (value, _) = self.conditional(eval)?;
                let close = self.expect(Tk::RParen, ")")?;
                (value, start.to(close))
            }
            Tk::Op(op @ (Op::Not | Op::Tilde | Op::Sub | Op::Add)) => {
                self.pos += 1;
                let (v, span) = self.unary(eval)?;
                let value = match op {
                    Op::Not => Value::boolean(!v.is_true()),
                    Op::Tilde => Value { bits: !v.bits, ..v },
                    Op::Sub => Value {
                        bits: v.bits.wrapping_neg(),
                        ..v
                    },
                    _ => v,
                };
                (value, start.to(span))
            }
            _ => {
                return Err(ExprError::new(
                    format!("expected an expression, found `{}`", tok.text),
                    tok.span,
                ));
            }
        };
        self.depth -= 1;
        Ok(result)
    }
}

/// Applies a binary operator with C's usual arithmetic conversions (unsigned wins).
fn apply(op: Op, a: Value, b: Value, b_span: Span) -> Result<Value, ExprError> {
    let unsigned = a.unsigned || b.unsigned;
    let (x, y) = (a.bits, b.bits);
    let (sx, sy) = (x as i64, y as i64);
    let arith = |bits: u64| Value { bits, unsigned };
    let less = |p: u64, q: u64| {
        if unsigned {
            p < q
        } else {
            (p as i64) < (q as i64)
        }
    };
    Ok(match op {
        Op::Mul => arith(x.wrapping_mul(y)),
        Op::Div | Op::Rem => {
            if y == 0 {
                let what = if op == Op::Div {
                    "division"
                } else {
                    "remainder"
                };
                return Err(ExprError::new(format!("{what} by zero in `#if`"), b_span));
            }
            arith(match (op, unsigned) {
                (Op::Div, true) => x / y,
                (Op::Div, false) => sx.wrapping_div(sy) as u64,
                (_, true) => x % y,
                (_, false) => sx.wrapping_rem(sy) as u64,
            })
        }
        Op::Add => arith(x.wrapping_add(y)),
        Op::Sub => arith(x.wrapping_sub(y)),
        Op::Shl | Op::Shr => {
            // The result has the left operand's type; shifting by 64 or more (or by a negative
            // amount) gives 0, or -1 for a negative number shifted right.
            let amount = if b.unsigned || sy >= 0 { y.min(64) } else { 64 };
            let bits = match (op, amount) {
                (Op::Shl, 64) => 0,
                (Op::Shl, n) => x << n,
                (_, n) if a.unsigned => x.checked_shr(n as u32).unwrap_or(0),
                (_, n) => (sx >> n.min(63)) as u64,
            };
            Value { bits, ..a }
        }
        Op::Lt => Value::boolean(less(x, y)),
        Op::Gt => Value::boolean(less(y, x)),
        Op::Le => Value::boolean(!less(y, x)),
        Op::Ge => Value::boolean(!less(x, y)),
        Op::Eq => Value::boolean(x == y),
        Op::Ne => Value::boolean(x != y),
        Op::BitAnd => arith(x & y),
        Op::BitXor => arith(x ^ y),
        Op::BitOr => arith(x | y),
        Op::And => Value::boolean(a.is_true() && b.is_true()),
        Op::Or => Value::boolean(a.is_true() || b.is_true()),
        Op::Not | Op::Tilde => Value::signed(0),
    })
}

/// What a directive token means in an expression. Identifiers are the caller's business (they
/// are `defined`, macros, or `0`); here they are `0`.
pub(crate) fn classify(kind: TokKind, text: &str) -> Result<Tk, String> {
    Ok(match kind {
        TokKind::Ident => Tk::Int(Value::signed(0)),
        TokKind::Number => Tk::Int(parse_int(text)?),
        TokKind::Char { closed: true } => Tk::Int(parse_char(text)?),
        TokKind::Char { closed: false } => return Err("unterminated character literal".to_owned()),
        TokKind::Str { .. } => return Err("string literals are not allowed in `#if`".to_owned()),
        TokKind::Punct => match text {
            "(" => Tk::LParen,
            ")" => Tk::RParen,
            "?" => Tk::Question,
            ":" => Tk::Colon,
            _ => Op::from_str(text).map_or(Tk::Other, Tk::Op),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{preprocess::directive::Cursor, source::FileId};

    fn tokens(text: &str) -> Result<Vec<ETok>, String> {
        let cursor = Cursor::new(text);
        cursor
            .clone()
            .map(|tok| {
                let piece = cursor.str_of(tok);
                Ok(ETok {
                    tk: classify(tok.kind, piece)?,
                    text: piece.into(),
                    span: Span::new(FileId(0), tok.range()),
                })
            })
            .collect()
    }

    fn eval(text: &str) -> Result<i64, String> {
        let end = Span::new(FileId(0), text.len()..text.len());
        let value = evaluate(&tokens(text)?, end)
            .map_err(|e| format!("{} at {}..{}", e.message, e.span.start, e.span.end))?;
        Ok(value.bits as i64)
    }

    #[test]
    fn arithmetic_and_precedence() {
        assert_eq!(eval("1 + 2 * 3"), Ok(7));
        assert_eq!(eval("(1 + 2) * 3"), Ok(9));
        assert_eq!(eval("10 - 4 - 3"), Ok(3));
        assert_eq!(eval("7 / 2 + 7 % 2"), Ok(4));
        assert_eq!(eval("-7 / 2"), Ok(-3));
        assert_eq!(eval("1 << 4 >> 2"), Ok(4));
        assert_eq!(eval("6 & 3 | 8 ^ 1"), Ok(11));
        assert_eq!(eval("~0"), Ok(-1));
        assert_eq!(eval("!5 + !0 + +2 - -1"), Ok(4));
        assert_eq!(eval("1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 4"), Ok(0));
        assert_eq!(eval("1 == 1 != 0"), Ok(1));
        assert_eq!(eval("0 || 2"), Ok(1));
        assert_eq!(eval("1 ? 2 : 3"), Ok(2));
        assert_eq!(eval("0 ? 2 : 0 ? 3 : 4"), Ok(4));
        assert_eq!(eval("x + 1"), Ok(1));
    }

    #[test]
    fn literals() {
        assert_eq!(eval("0x1F + 010 + 9"), Ok(48));
        assert_eq!(eval("10u + 2UL + 3ll + 4LLU"), Ok(19));
        assert_eq!(eval("0x5120"), Ok(0x5120));
        assert_eq!(eval("'a'"), Ok(97));
        assert_eq!(
            eval(r"'\n' + '\x41' + '\101' + '\''"),
            Ok(10 + 65 + 65 + 39)
        );
        assert_eq!(eval("'ab'"), Ok(0x6162));
        assert_eq!(eval("18446744073709551615 > 0"), Ok(1));
        assert_eq!(eval("0"), Ok(0));
        assert_eq!(eval("0u"), Ok(0));
    }

    #[test]
    fn unsigned_arithmetic_wins() {
        assert_eq!(eval("-1 < 0"), Ok(1));
        assert_eq!(eval("-1 < 0u"), Ok(0));
        assert_eq!(eval("-1 > 0 ? 1 : 0u"), Ok(0));
        assert_eq!(eval("-16 >> 2"), Ok(-4));
        assert_eq!(eval("1 << 64"), Ok(0));
        assert_eq!(eval("-1 >> 99"), Ok(-1));
        assert_eq!(eval("1 << -1"), Ok(0));
    }

    #[test]
    fn short_circuit_skips_errors() {
        assert_eq!(eval("0 && 1 / 0"), Ok(0));
        assert_eq!(eval("1 || 1 % 0"), Ok(1));
        assert_eq!(eval("1 ? 2 : 1 / 0"), Ok(2));
        assert_eq!(eval("0 ? 1 / 0 : 3"), Ok(3));
    }

    #[test]
    fn errors_have_messages_and_spans() {
        assert_eq!(
            eval("1 / 0"),
            Err("division by zero in `#if` at 4..5".to_owned())
        );
        assert_eq!(
            eval("5 % (2 - 2)"),
            Err("remainder by zero in `#if` at 4..11".to_owned())
        );
        assert_eq!(
            eval(""),
            Err("expected an expression, found end of line at 0..0".to_owned())
        );
        assert_eq!(
            eval("(1"),
            Err("expected `)`, found end of line at 2..2".to_owned())
        );
        assert_eq!(
            eval("1 ? 2"),
            Err("expected `:`, found end of line at 5..5".to_owned())
        );
        assert_eq!(
            eval("1 +"),
            Err("expected an expression, found end of line at 3..3".to_owned())
        );
        assert_eq!(
            eval(") 1"),
            Err("expected an expression, found `)` at 0..1".to_owned())
        );
        assert_eq!(
            eval("1 2"),
            Err("expected an operator or end of line, found `2` at 2..3".to_owned())
        );
        assert_eq!(
            eval("A = 1"),
            Err("expected an operator or end of line, found `=` at 2..3".to_owned())
        );
        assert_eq!(
            eval("1.5"),
            Err("floating-point literal `1.5` is not allowed in `#if`".to_owned())
        );
        assert_eq!(
            eval("1e3"),
            Err("floating-point literal `1e3` is not allowed in `#if`".to_owned())
        );
        assert_eq!(eval("08"), Err("invalid integer `08` in `#if`".to_owned()));
        assert_eq!(
            eval("12abc"),
            Err("invalid integer `12abc` in `#if`".to_owned())
        );
        assert_eq!(
            eval("1uu"),
            Err("invalid integer `1uu` in `#if`".to_owned())
        );
        assert_eq!(
            eval("99999999999999999999"),
            Err("integer `99999999999999999999` is too large for `#if`".to_owned())
        );
        assert_eq!(eval("''"), Err("empty character literal".to_owned()));
        assert_eq!(
            eval("\"s\""),
            Err("string literals are not allowed in `#if`".to_owned())
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}1{}", "(".repeat(300), ")".repeat(300));
        let error = eval(&deep).err().unwrap_or_default();
        assert!(
            error.starts_with("expression nests more than 256 levels deep"),
            "{error}"
        );
        let ok = format!("{}1{}", "(".repeat(250), ")".repeat(250));
        assert_eq!(eval(&ok), Ok(1));
        let unary = format!("{}1", "-".repeat(1000));
        assert!(eval(&unary).is_err());
        let ternary = "1 ? ".repeat(1000) + "1" + &" : 0".repeat(1000);
        assert!(eval(&ternary).is_err());
    }
}
