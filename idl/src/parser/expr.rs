//! Names and constant expressions (§7.4.1.4.1, §7.4.1.4.2).
//!
//! The grammar gives an expression as a flat list `operand (operator operand)*` and every operand
//! as `prefix-operator* primary`. Both are folded here with explicit stacks (precedence climbing
//! by shunting-yard), so a chain of any length costs no recursion. The tree they make is capped at
//! [`MAX_NESTING`] levels: deeper input gets a diagnostic, which keeps later passes (and dropping
//! the tree) off deep recursion too.

use super::{
    Ctx, MAX_NESTING,
    grammar::Rule,
    literal,
    pairs::{Children, Pair},
};
use crate::ast::{BinaryOp, ConstExpr, ExprKind, Ident, Literal, ScopedName, UnaryOp};

/// Whether `word` is a reserved keyword: the core keywords of Table 7-6 less the CCM/IDL4-only
/// words, which are contextual. The grammar matches them as identifiers, for speed, and the
/// builder reports them.
pub(crate) fn is_reserved(word: &str) -> bool {
    matches!(
        word,
        "abstract"
            | "any"
            | "attribute"
            | "boolean"
            | "case"
            | "char"
            | "const"
            | "context"
            | "custom"
            | "default"
            | "double"
            | "enum"
            | "exception"
            | "FALSE"
            | "fixed"
            | "float"
            | "getraises"
            | "import"
            | "in"
            | "inout"
            | "interface"
            | "local"
            | "long"
            | "module"
            | "native"
            | "Object"
            | "octet"
            | "oneway"
            | "out"
            | "private"
            | "public"
            | "raises"
            | "readonly"
            | "sequence"
            | "setraises"
            | "short"
            | "string"
            | "struct"
            | "supports"
            | "switch"
            | "TRUE"
            | "truncatable"
            | "typedef"
            | "typeid"
            | "typeprefix"
            | "union"
            | "unsigned"
            | "ValueBase"
            | "valuetype"
            | "void"
            | "wchar"
            | "wstring"
    )
}

/// An identifier; a leading `_` (an escaped identifier) is removed from the name. A reserved
/// keyword is reported as "expected identifier, found keyword `…`".
pub(crate) fn parse_identifier(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Ident {
    parse_identifier_as(pair, ctx, "identifier")
}

/// An identifier where `expected` (a word such as "type") describes what a keyword there is not.
fn parse_identifier_as(pair: Pair<'_>, ctx: &mut Ctx<'_>, expected: &str) -> Ident {
    debug_assert!(matches!(
        pair.as_rule(),
        Rule::identifier | Rule::any_identifier
    ));
    let pest_span = pair.as_span();
    let text = pest_span.as_str();
    let start = pest_span.start();
    let span = ctx.range_span(start..pest_span.end());
    if !text.is_ascii() {
        let span = ctx.range_span(start..start + text.len());
        ctx.push(
            crate::Diagnostic::error(format!("identifier `{text}` is not ASCII"), span)
                .with_note("identifiers may only contain ASCII letters, digits and `_`"),
        );
    } else if pair.as_rule() == Rule::identifier && is_reserved(text) {
        ctx.error(
            format!("expected {expected}, found keyword `{text}`"),
            start..start + text.len(),
        );
    }
    match text.strip_prefix('_') {
        Some(name) => {
            if name.is_empty() {
                ctx.error("`_` alone is not an identifier", start..start + 1);
            }
            Ident {
                name: name.to_owned(),
                escaped: true,
                span,
            }
        }
        None => Ident {
            name: text.to_owned(),
            escaped: false,
            span,
        },
    }
}

/// `A`, `A::B`, `::A::B` (also an annotation's name).
pub(crate) fn parse_scoped_name(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> ScopedName {
    parse_scoped_name_as(pair, ctx, "identifier")
}

/// A scoped name where `expected` ("type", "expression") describes what a keyword in front is
/// not. Keywords after a `::` are let through: `CORBA::Object` is a common name, and a name such
/// as `A::module` cannot resolve anyway.
pub(crate) fn parse_scoped_name_as(
    pair: Pair<'_>,
    ctx: &mut Ctx<'_>,
    expected: &str,
) -> ScopedName {
    debug_assert!(matches!(
        pair.as_rule(),
        Rule::scoped_name | Rule::annotation_name
    ));
    let absolute = pair.as_str().starts_with("::");
    let span = ctx.span(pair.as_span());
    let children = Children::of(pair);
    let mut parts = Vec::with_capacity(children.len());
    for (i, part) in children.enumerate() {
        let ident = if i == 0 && !absolute {
            parse_identifier_as(part, ctx, expected)
        } else {
            let span = ctx.span(part.as_span());
            let text = part.as_str();
            match text.strip_prefix('_') {
                Some(name) => Ident {
                    name: name.to_owned(),
                    escaped: true,
                    span,
                },
                None => Ident {
                    name: text.to_owned(),
                    escaped: false,
                    span,
                },
            }
        };
        parts.push(ident);
    }
    ScopedName {
        absolute,
        parts,
        span,
    }
}

/// A name used where a type or name is expected but a keyword stands (`Object` in a port).
pub(crate) fn keyword_as_name(pair: &Pair<'_>, ctx: &mut Ctx<'_>) -> ScopedName {
    let span = ctx.span(pair.as_span());
    ScopedName {
        absolute: false,
        parts: vec![Ident {
            name: pair.as_str().to_owned(),
            escaped: false,
            span,
        }],
        span,
    }
}

/// A constant expression: operands and binary operators, folded by precedence.
pub(crate) fn parse_const_expr(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> ConstExpr {
    debug_assert!(matches!(
        pair.as_rule(),
        Rule::const_expr | Rule::bound_expr
    ));
    parse_const_expr_with_depth(pair, ctx).0
}

/// A constant expression and the height of its tree.
fn parse_const_expr_with_depth(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> (ConstExpr, usize) {
    debug_assert!(matches!(
        pair.as_rule(),
        Rule::const_expr | Rule::bound_expr
    ));
    let mut children = Children::of(pair);
    let first = parse_unary_expr(children.expect(Rule::unary_expr), ctx);
    if children.len() == 0 {
        // Most expressions are a single operand: no stacks to allocate.
        return first;
    }
    let mut operands: Vec<(ConstExpr, usize)> = vec![first];
    let mut operators: Vec<BinaryOp> = Vec::new();
    for child in children {
        match child.as_rule() {
            Rule::unary_expr => operands.push(parse_unary_expr(child, ctx)),
            Rule::binary_op | Rule::bound_op => {
                let op = parse_binary_op(&child);
                while operators
                    .last()
                    .is_some_and(|&top| precedence(top) >= precedence(op))
                {
                    reduce(&mut operands, &mut operators, ctx);
                }
                operators.push(op);
            }
            other => unreachable!("not an operand or operator: {other:?}"),
        }
    }
    while !operators.is_empty() {
        reduce(&mut operands, &mut operators, ctx);
    }
    match operands.pop() {
        Some(operand) => operand,
        None => unreachable!("a const_expr has at least one operand"),
    }
}

/// Replaces the top two operands by the top operator applied to them.
fn reduce(
    operands: &mut Vec<(ConstExpr, usize)>,
    operators: &mut Vec<BinaryOp>,
    ctx: &mut Ctx<'_>,
) {
    let (Some(op), Some((right, right_depth)), Some((left, left_depth))) =
        (operators.pop(), operands.pop(), operands.pop())
    else {
        unreachable!("operators and operands alternate in a const_expr")
    };
    let span = left.span.to(right.span);
    let depth = left_depth.max(right_depth) + 1;
    if depth > MAX_NESTING {
        operands.push(too_deep(span, ctx));
        return;
    }
    operands.push((
        ConstExpr {
            kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
            span,
        },
        depth,
    ));
}

/// The placeholder left where an expression nests too deeply (the tree is discarded anyway).
fn too_deep(span: crate::source::Span, ctx: &mut Ctx<'_>) -> (ConstExpr, usize) {
    ctx.nesting_too_deep_at(span);
    (
        ConstExpr {
            kind: ExprKind::Literal(Literal::Integer(0)),
            span,
        },
        1,
    )
}

/// Binding strength of a binary operator: `|` loosest, `* / %` tightest.
fn precedence(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Or => 1,
        BinaryOp::Xor => 2,
        BinaryOp::And => 3,
        BinaryOp::Shl | BinaryOp::Shr => 4,
        BinaryOp::Add | BinaryOp::Sub => 5,
        BinaryOp::Mul | BinaryOp::Div | BinaryOp::Rem => 6,
    }
}

/// `|`, `^`, `&`, `<<`, `>>`, `+`, `-`, `*`, `/`, `%` (`bound_op` is the same without `>>`).
fn parse_binary_op(pair: &Pair<'_>) -> BinaryOp {
    debug_assert!(matches!(pair.as_rule(), Rule::binary_op | Rule::bound_op));
    match pair.as_str() {
        "|" => BinaryOp::Or,
        "^" => BinaryOp::Xor,
        "&" => BinaryOp::And,
        "<<" => BinaryOp::Shl,
        ">>" => BinaryOp::Shr,
        "+" => BinaryOp::Add,
        "-" => BinaryOp::Sub,
        "*" => BinaryOp::Mul,
        "/" => BinaryOp::Div,
        "%" => BinaryOp::Rem,
        _ => unreachable!("binary_op matches only these operators"),
    }
}

/// `-`, `+`, `~`.
fn parse_unary_op(pair: &Pair<'_>) -> UnaryOp {
    debug_assert_eq!(pair.as_rule(), Rule::unary_op);
    match pair.as_str() {
        "-" => UnaryOp::Neg,
        "+" => UnaryOp::Plus,
        "~" => UnaryOp::Not,
        _ => unreachable!("unary_op matches only these operators"),
    }
}

/// Prefix operators applied, innermost last, to a primary expression.
fn parse_unary_expr(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> (ConstExpr, usize) {
    debug_assert_eq!(pair.as_rule(), Rule::unary_expr);
    let mut prefixes = Vec::new();
    let mut primary = None;
    for child in Children::of(pair) {
        match child.as_rule() {
            Rule::unary_op => prefixes.push((parse_unary_op(&child), child.as_span().start())),
            _ => primary = Some(parse_primary_expr(child, ctx)),
        }
    }
    let Some((mut expr, mut depth)) = primary else {
        unreachable!("a unary_expr ends with a primary expression")
    };
    while let Some((op, start)) = prefixes.pop() {
        let span = ctx.range_span(start..start + 1).to(expr.span);
        depth += 1;
        if depth > MAX_NESTING {
            return too_deep(span, ctx);
        }
        expr = ConstExpr {
            kind: ExprKind::Unary(op, Box::new(expr)),
            span,
        };
    }
    (expr, depth)
}

/// A literal, a name or a parenthesized expression.
fn parse_primary_expr(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> (ConstExpr, usize) {
    let span = ctx.span(pair.as_span());
    let literal = match pair.as_rule() {
        Rule::const_expr => return parse_const_expr_with_depth(pair, ctx),
        Rule::scoped_name => {
            let name = parse_scoped_name_as(pair, ctx, "expression");
            return (
                ConstExpr {
                    kind: ExprKind::Name(name),
                    span,
                },
                1,
            );
        }
        Rule::number_literal => literal::parse_number_literal(pair, ctx),
        Rule::char_literal => Literal::Char(literal::parse_char_literal(pair, ctx)),
        Rule::wchar_literal => Literal::WChar(literal::parse_char_literal(pair, ctx)),
        Rule::string_literals => Literal::String(literal::parse_string_literals(pair, ctx)),
        Rule::wstring_literals => Literal::WString(literal::parse_string_literals(pair, ctx)),
        Rule::boolean_literal => Literal::Boolean(literal::parse_boolean_literal(pair)),
        other => unreachable!("not a primary expression: {other:?}"),
    };
    (
        ConstExpr {
            kind: ExprKind::Literal(literal),
            span,
        },
        1,
    )
}

#[cfg(test)]
mod tests {
    use crate::{
        ast::{BinaryOp, ConstExpr, DefinitionKind, ExprKind, Literal, UnaryOp},
        parser::test_util::parse_err_free,
    };

    fn expr(text: &str) -> ConstExpr {
        let spec = parse_err_free(&format!("const long X = {text};"));
        match &spec.definitions[0].kind {
            DefinitionKind::Const(c) => c.value.clone(),
            other => panic!("not a constant: {other:?}"),
        }
    }

    /// The expression in prefix form with full parentheses.
    fn shape(e: &ConstExpr) -> String {
        match &e.kind {
            ExprKind::Literal(Literal::Integer(v)) => v.to_string(),
            ExprKind::Literal(l) => format!("{l:?}"),
            ExprKind::Name(n) => n.to_string(),
            ExprKind::Unary(op, x) => {
                let op = match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Plus => "+",
                    UnaryOp::Not => "~",
                };
                format!("({op}{})", shape(x))
            }
            ExprKind::Binary(op, l, r) => format!("({} {} {})", shape(l), op.symbol(), shape(r)),
        }
    }

    #[test]
    fn precedence_and_associativity() {
        assert_eq!(shape(&expr("1 + 2 * 3")), "(1 + (2 * 3))");
        assert_eq!(shape(&expr("1 - 2 - 3")), "((1 - 2) - 3)");
        assert_eq!(
            shape(&expr("1 | 2 ^ 3 & 4 << 5 + 6 % 7")),
            "(1 | (2 ^ (3 & (4 << (5 + (6 % 7))))))"
        );
        assert_eq!(shape(&expr("(1 | 2) * 3")), "((1 | 2) * 3)");
        assert_eq!(shape(&expr("8 >> 1 << 2")), "((8 >> 1) << 2)");
        assert_eq!(shape(&expr("10 / 2 % 3")), "((10 / 2) % 3)");
    }

    #[test]
    fn unary_operators_and_names() {
        assert_eq!(shape(&expr("-1")), "(-1)");
        assert_eq!(shape(&expr("~ - +X")), "(~(-(+X)))");
        assert_eq!(shape(&expr("-(A::B + ::C)")), "(-(A::B + ::C))");
        assert_eq!(
            shape(&expr("-9223372036854775808")),
            "(-9223372036854775808)"
        );
        let e = expr("A::B");
        let ExprKind::Name(name) = &e.kind else {
            panic!()
        };
        assert!(!name.absolute);
        assert_eq!(name.parts.len(), 2);
    }

    #[test]
    fn spans_cover_the_expression() {
        let e = expr("1 +  2");
        assert_eq!((e.span.start, e.span.end), (15, 21));
        let ExprKind::Binary(BinaryOp::Add, l, r) = &e.kind else {
            panic!()
        };
        assert_eq!((l.span.start, l.span.end), (15, 16));
        assert_eq!((r.span.start, r.span.end), (20, 21));
    }
}
