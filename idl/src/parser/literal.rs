//! Literals (§7.2.6): decoding numbers, characters and strings, and reporting malformed ones.
//!
//! The grammar matches literals loosely (any "pp-number", any characters between quotes) so the
//! problems can be reported here precisely, on the offending characters. Every problem is a
//! diagnostic, and a usable value is still produced so the rest of the file is checked:
//! an unknown escape stands for the escaped character, an empty character literal for NUL, a
//! character literal with several characters for its first one, and a malformed or too large
//! number for zero.

use std::ops::Range;

use super::{
    Ctx,
    grammar::Rule,
    pairs::{Children, Pair},
};
use crate::ast::{FixedLiteral, Literal, StringLiteral};

/// The largest integer literal IDL has (`unsigned long long`).
const MAX_INTEGER: u128 = u64::MAX as u128;

/// `42`, `017`, `0x1F`, `1.5`, `.5`, `5.`, `14E+1`, `14.5D`, `.14d`.
pub(crate) fn parse_number_literal(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Literal {
    debug_assert_eq!(pair.as_rule(), Rule::number_literal);
    let text = pair.as_str();
    let start = pair.as_span().start();
    let range = start..start + text.len();
    if let Some(digits) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        return Literal::Integer(hexadecimal(digits, start + 2, range, ctx));
    }
    if let Some(body) = text.strip_suffix(['d', 'D']) {
        return Literal::Fixed(fixed(body, range, ctx));
    }
    if text.contains(['.', 'e', 'E']) {
        return Literal::Float(float(text, range, ctx));
    }
    Literal::Integer(decimal_or_octal(text, start, range, ctx))
}

/// The digits of a hexadecimal literal after `0x`, which start at unit offset `start`.
fn hexadecimal(digits: &str, start: usize, range: Range<usize>, ctx: &mut Ctx<'_>) -> u128 {
    if digits.is_empty() {
        ctx.error("hexadecimal literal has no digits", range);
        return 0;
    }
    if let Some((i, c)) = digits.char_indices().find(|(_, c)| !c.is_ascii_hexdigit()) {
        let at = start + i;
        ctx.error(
            format!("invalid digit `{c}` in hexadecimal literal"),
            at..at + c.len_utf8(),
        );
        return 0;
    }
    accumulate(digits, 16, range, ctx)
}

/// A decimal literal, or an octal one when it starts with `0`.
fn decimal_or_octal(text: &str, start: usize, range: Range<usize>, ctx: &mut Ctx<'_>) -> u128 {
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, suffix) = text.split_at(digits_end);
    if !suffix.is_empty() {
        let at = start + digits_end;
        ctx.error(
            format!("invalid suffix `{suffix}` on integer literal"),
            at..range.end,
        );
        return 0;
    }
    let octal = digits.len() > 1 && digits.starts_with('0');
    if octal {
        if let Some((i, c)) = digits
            .char_indices()
            .find(|(_, c)| !('0'..='7').contains(c))
        {
            let at = start + i;
            ctx.error(format!("invalid digit `{c}` in octal literal"), at..at + 1);
            return 0;
        }
        accumulate(digits, 8, range, ctx)
    } else {
        accumulate(digits, 10, range, ctx)
    }
}

/// The value of valid `digits` in `radix`, or 0 after a diagnostic when it exceeds 64 bits.
fn accumulate(digits: &str, radix: u32, range: Range<usize>, ctx: &mut Ctx<'_>) -> u128 {
    let mut value: u128 = 0;
    for c in digits.chars() {
        let digit = c.to_digit(radix).map_or(0, u128::from);
        value = value * u128::from(radix) + digit;
        if value > MAX_INTEGER {
            let span = ctx.range_span(range);
            ctx.push(
                crate::Diagnostic::error("integer literal is too large", span)
                    .with_label("does not fit in 64 bits")
                    .with_note("the largest integer literal is `18446744073709551615`"),
            );
            return 0;
        }
    }
    value
}

/// A floating-point literal: `digits [. digits] [e [+|-] digits]` with at least one digit before
/// the exponent and a point or an exponent.
fn float(text: &str, range: Range<usize>, ctx: &mut Ctx<'_>) -> f64 {
    if !is_float(text) {
        ctx.error(format!("malformed floating-point literal `{text}`"), range);
        return 0.0;
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() => value,
        _ => {
            ctx.error("floating-point literal is out of range", range);
            0.0
        }
    }
}

/// Whether `text` has the shape of a floating-point literal.
fn is_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = all_digits(int)
        && frac.is_none_or(all_digits)
        && (int.len() + frac.map_or(0, str::len)) > 0;
    let exponent_ok = exponent.is_none_or(|e| {
        let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
        !digits.is_empty() && all_digits(digits)
    });
    mantissa_ok && exponent_ok && (frac.is_some() || exponent.is_some())
}

/// A fixed-point literal without its `d`: `14.5`, `.14`, `14.`, `14`.
fn fixed(body: &str, range: Range<usize>, ctx: &mut Ctx<'_>) -> FixedLiteral {
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || !all_digits(frac) || int.len() + frac.len() == 0 {
        ctx.error(format!("malformed fixed-point literal `{body}d`"), range);
        return FixedLiteral {
            digits: "0".to_owned(),
            scale: 0,
        };
    }
    let all = format!("{int}{frac}");
    let digits = all.trim_start_matches('0');
    FixedLiteral {
        digits: if digits.is_empty() { "0" } else { digits }.to_owned(),
        scale: u32::try_from(frac.len()).unwrap_or(u32::MAX),
    }
}

/// `'a'`, `'\n'`, `'\x41'`.
pub(crate) fn parse_char_literal(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> char {
    debug_assert!(matches!(
        pair.as_rule(),
        Rule::char_literal | Rule::wchar_literal
    ));
    let text = pair.as_str();
    let start = pair.as_span().start();
    let open = text.find('\'').map_or(0, |i| i + 1);
    let body = text.get(open..text.len().saturating_sub(1)).unwrap_or("");
    let decoded = decode(body, start + open, ctx);
    let mut chars = decoded.chars();
    match (chars.next(), chars.next()) {
        (None, _) => {
            ctx.error("empty character literal", start..start + text.len());
            '\0'
        }
        (Some(c), None) => c,
        (Some(c), Some(_)) => {
            let span = ctx.range_span(start..start + text.len());
            ctx.push(
                crate::Diagnostic::error("character literal may only contain one character", span)
                    .with_help("use a string literal (`\"…\"`) for several characters"),
            );
            c
        }
    }
}

/// One `"…"` or `L"…"` literal, decoded.
pub(crate) fn parse_string_literal(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> StringLiteral {
    debug_assert!(matches!(
        pair.as_rule(),
        Rule::string_literal | Rule::wstring_literal
    ));
    let text = pair.as_str();
    let start = pair.as_span().start();
    let open = text.find('"').map_or(0, |i| i + 1);
    let body = text.get(open..text.len().saturating_sub(1)).unwrap_or("");
    StringLiteral {
        value: decode(body, start + open, ctx),
        span: ctx.span(pair.as_span()),
    }
}

/// Adjacent string (or wide string) literals, concatenated.
pub(crate) fn parse_string_literals(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> String {
    debug_assert!(matches!(
        pair.as_rule(),
        Rule::string_literals | Rule::wstring_literals
    ));
    let mut value = String::new();
    for part in Children::of(pair) {
        value.push_str(&parse_string_literal(part, ctx).value);
    }
    value
}

/// `TRUE`, `FALSE`, `true` or `false`.
pub(crate) fn parse_boolean_literal(pair: Pair<'_>) -> bool {
    debug_assert_eq!(pair.as_rule(), Rule::boolean_literal);
    matches!(pair.as_str(), "TRUE" | "true")
}

/// Resolves the escapes of a literal's `body`, which starts at unit offset `start`.
fn decode(body: &str, start: usize, ctx: &mut Ctx<'_>) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body.char_indices().peekable();
    while let Some((i, c)) = rest.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = rest.next() else {
            // The grammar never ends a literal's body with a lone backslash.
            out.push('\\');
            continue;
        };
        let at = start + i;
        let simple = match e {
            'n' => Some('\n'),
            't' => Some('\t'),
            'v' => Some('\x0B'),
            'b' => Some('\x08'),
            'r' => Some('\r'),
            'f' => Some('\x0C'),
            'a' => Some('\x07'),
            '\\' | '?' | '\'' | '"' => Some(e),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            continue;
        }
        let (radix, max_digits, first) = match e {
            '0'..='7' => (8, 3, e.to_digit(8)),
            'x' => (16, 2, None),
            'u' => (16, 4, None),
            _ => {
                let end = at + 1 + e.len_utf8();
                ctx.error(format!("unknown character escape `\\{e}`"), at..end);
                out.push(e);
                continue;
            }
        };
        let mut value = first.unwrap_or(0);
        let mut count = usize::from(first.is_some());
        let mut end = at + 2;
        while count < max_digits {
            match rest.peek().and_then(|&(_, d)| d.to_digit(radix)) {
                Some(digit) => {
                    value = value * radix + digit;
                    count += 1;
                    end += 1;
                    rest.next();
                }
                None => break,
            }
        }
        if count == 0 {
            let kind = if e == 'x' { "hexadecimal" } else { "unicode" };
            ctx.error(
                format!("{kind} escape `\\{e}` needs at least one digit"),
                at..end,
            );
            out.push('\0');
            continue;
        }
        if radix == 8 && value > 0xFF {
            let text = body.get(i..i + (end - at)).unwrap_or("");
            ctx.error(format!("octal escape `{text}` is out of range"), at..end);
            value &= 0xFF;
        }
        match char::from_u32(value) {
            Some(c) => out.push(c),
            None => {
                let text = body.get(i..i + (end - at)).unwrap_or("");
                ctx.error(
                    format!("`{text}` is not a valid unicode character"),
                    at..end,
                );
                out.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{
        ast::{DefinitionKind, ExprKind, FixedLiteral, Literal},
        parser::test_util::{parse_err_free, parse_with_diagnostics},
    };

    /// The value of `const … X = <expr>;` parsed without diagnostics.
    fn value(expr: &str) -> Literal {
        let spec = parse_err_free(&format!("const long X = {expr};"));
        literal_of(&spec.definitions[0].kind)
    }

    fn literal_of(kind: &DefinitionKind) -> Literal {
        let DefinitionKind::Const(c) = kind else {
            panic!("not a constant: {kind:?}")
        };
        let ExprKind::Literal(l) = &c.value.kind else {
            panic!("not a literal: {:?}", c.value)
        };
        l.clone()
    }

    /// The diagnostics of `const … X = <expr>;`, as `line:col message`.
    fn errors(expr: &str) -> Vec<String> {
        parse_with_diagnostics(&format!("const long X = {expr};")).1
    }

    #[test]
    fn integers() {
        assert_eq!(value("42"), Literal::Integer(42));
        assert_eq!(value("0"), Literal::Integer(0));
        assert_eq!(value("017"), Literal::Integer(15));
        assert_eq!(value("0x1F"), Literal::Integer(31));
        assert_eq!(value("0XfF"), Literal::Integer(255));
        assert_eq!(
            value("18446744073709551615"),
            Literal::Integer(u64::MAX.into())
        );
        assert_eq!(
            value("0xFFFFFFFFFFFFFFFF"),
            Literal::Integer(u64::MAX.into())
        );
    }

    #[test]
    fn floats() {
        assert_eq!(value("1.5"), Literal::Float(1.5));
        assert_eq!(value(".5"), Literal::Float(0.5));
        assert_eq!(value("5."), Literal::Float(5.0));
        assert_eq!(value("14E+1"), Literal::Float(140.0));
        assert_eq!(value("1e-2"), Literal::Float(0.01));
        assert_eq!(value("2.5e3"), Literal::Float(2500.0));
    }

    #[test]
    fn fixed() {
        let fixed = |digits: &str, scale| {
            Literal::Fixed(FixedLiteral {
                digits: digits.to_owned(),
                scale,
            })
        };
        assert_eq!(value("14.5D"), fixed("145", 1));
        assert_eq!(value(".14d"), fixed("14", 2));
        assert_eq!(value("14.D"), fixed("14", 0));
        assert_eq!(value("8.7d"), fixed("87", 1));
        assert_eq!(value("0.050d"), fixed("50", 3));
        assert_eq!(value("0d"), fixed("0", 0));
    }

    #[test]
    fn characters_and_strings() {
        assert_eq!(value("'a'"), Literal::Char('a'));
        assert_eq!(value("'\\x0A'"), Literal::Char('\n'));
        assert_eq!(value("'\\n'"), Literal::Char('\n'));
        assert_eq!(value("'\\''"), Literal::Char('\''));
        assert_eq!(value("'\\101'"), Literal::Char('A'));
        assert_eq!(value("'\\0'"), Literal::Char('\0'));
        assert_eq!(value("L'q'"), Literal::WChar('q'));
        assert_eq!(value("L'\\u2122'"), Literal::WChar('\u{2122}'));
        assert_eq!(value("\"a\\tb\""), Literal::String("a\tb".into()));
        assert_eq!(
            value("\"a\" /* c */ \"b\"\n \"c\""),
            Literal::String("abc".into())
        );
        assert_eq!(value("L\"x\" L\"y\""), Literal::WString("xy".into()));
        assert_eq!(value("\"\\u2122\""), Literal::String("\u{2122}".into()));
        assert_eq!(value("TRUE"), Literal::Boolean(true));
        assert_eq!(value("false"), Literal::Boolean(false));
    }

    #[test]
    fn unknown_escape_is_reported_on_the_escape() {
        assert_eq!(errors("'\\q'"), ["1:17 unknown character escape `\\q`"]);
        assert_eq!(
            errors("\"ab\\zc\""),
            ["1:19 unknown character escape `\\z`"]
        );
    }

    #[test]
    fn bad_character_literals() {
        assert_eq!(errors("''"), ["1:16 empty character literal"]);
        assert_eq!(
            errors("'oo'"),
            ["1:16 character literal may only contain one character"]
        );
        assert_eq!(
            errors("'\\x'"),
            ["1:17 hexadecimal escape `\\x` needs at least one digit"]
        );
        assert_eq!(
            errors("'\\777'"),
            ["1:17 octal escape `\\777` is out of range"]
        );
        assert_eq!(
            errors("L'\\uD800'"),
            ["1:18 `\\uD800` is not a valid unicode character"]
        );
    }

    #[test]
    fn bad_numbers() {
        assert_eq!(
            errors("18446744073709551616"),
            ["1:16 integer literal is too large"]
        );
        assert_eq!(
            errors("0x1FFFFFFFFFFFFFFFF"),
            ["1:16 integer literal is too large"]
        );
        assert_eq!(errors("0x"), ["1:16 hexadecimal literal has no digits"]);
        assert_eq!(
            errors("0x1G"),
            ["1:19 invalid digit `G` in hexadecimal literal"]
        );
        assert_eq!(errors("019"), ["1:18 invalid digit `9` in octal literal"]);
        assert_eq!(
            errors("10abc"),
            ["1:18 invalid suffix `abc` on integer literal"]
        );
        assert_eq!(errors("1e"), ["1:16 malformed floating-point literal `1e`"]);
        assert_eq!(
            errors("1.2.3"),
            ["1:16 malformed floating-point literal `1.2.3`"]
        );
        assert_eq!(
            errors("1e999"),
            ["1:16 floating-point literal is out of range"]
        );
        assert_eq!(
            errors("1.2.3d"),
            ["1:16 malformed fixed-point literal `1.2.3d`"]
        );
        assert_eq!(
            errors("1e5d"),
            ["1:16 malformed fixed-point literal `1e5d`"]
        );
    }

    #[test]
    fn building_goes_on_after_a_literal_error() {
        let (spec, errors) = parse_with_diagnostics("const char C = 'ab'; const long L = 0x;");
        assert_eq!(errors.len(), 2);
        let spec = spec.unwrap();
        assert_eq!(literal_of(&spec.definitions[0].kind), Literal::Char('a'));
        assert_eq!(literal_of(&spec.definitions[1].kind), Literal::Integer(0));
    }
}
