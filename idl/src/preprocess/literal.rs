//! Integer and character literals of `#if` expressions.

use super::expr::Value;

/// Parses an integer literal: decimal, octal (leading `0`) or hex (`0x`), with an optional `u`
/// and `l`/`ll` suffix in any case and order. A literal too big for a signed value is unsigned.
pub(crate) fn parse_int(text: &str) -> Result<Value, String> {
    let (radix, start) = match text.as_bytes() {
        [b'0', b'x' | b'X', ..] => (16, 2),
        [b'0', d, ..] if d.is_ascii_digit() => (8, 1),
        _ => (10, 0),
    };
    let rest = text.get(start..).unwrap_or_default();
    let float = if radix == 16 {
        rest.contains(['.', 'p', 'P'])
    } else {
        rest.contains(['.', 'e', 'E'])
    };
    if float {
        return Err(format!(
            "floating-point literal `{text}` is not allowed in `#if`"
        ));
    }
    let (body, suffix) = rest.split_at(rest.find(['u', 'U', 'l', 'L']).unwrap_or(rest.len()));
    let unsigned_suffix = match suffix.to_ascii_lowercase().as_str() {
        "" | "l" | "ll" => false,
        "u" | "ul" | "lu" | "ull" | "llu" => true,
        _ => return Err(format!("invalid integer `{text}` in `#if`")),
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return Err(format!("invalid integer `{text}` in `#if`"));
    }
    let value = u64::from_str_radix(body, radix)
        .map_err(|_| format!("integer `{text}` is too large for `#if`"))?;
    Ok(if unsigned_suffix || value > i64::MAX as u64 {
        Value::unsigned(value)
    } else {
        Value::signed(value as i64)
    })
}

/// Parses a character literal (`'a'`, `'\n'`, `'\x41'`, `'\101'`, or several characters packed
/// big-endian as C compilers do). The text includes the quotes.
pub(crate) fn parse_char(text: &str) -> Result<Value, String> {
    let body = text
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .filter(|_| text.len() >= 2)
        .ok_or_else(|| format!("invalid character literal {text}"))?;
    let bytes = body.as_bytes();
    if bytes.is_empty() {
        return Err("empty character literal".to_owned());
    }
    let mut value: u64 = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let c = if b == b'\\' {
            let (c, used) = escape(bytes.get(i + 1..).unwrap_or_default())
                .ok_or_else(|| format!("invalid escape in character literal {text}"))?;
            i += 1 + used;
            c
        } else {
            i += 1;
            u64::from(b)
        };
        value = (value << 8) | (c & 0xff);
    }
    Ok(Value::signed((value & 0xffff_ffff) as i64))
}

/// The value of the escape sequence after a backslash, and how many bytes it used.
fn escape(rest: &[u8]) -> Option<(u64, usize)> {
    let &first = rest.first()?;
    let simple = match first {
        b'n' => Some(b'\n'),
        b't' => Some(b'\t'),
        b'r' => Some(b'\r'),
        b'v' => Some(0x0b),
        b'b' => Some(0x08),
        b'f' => Some(0x0c),
        b'a' => Some(0x07),
        b'\\' | b'\'' | b'"' | b'?' => Some(first),
        _ => None,
    };
    if let Some(c) = simple {
        return Some((u64::from(c), 1));
    }
    if first == b'x' {
        let digits = rest
            .get(1..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        let text = std::str::from_utf8(rest.get(1..1 + digits)?).ok()?;
        let value = u64::from_str_radix(text, 16).ok()?;
        return Some((value, 1 + digits));
    }
    let digits = rest
        .iter()
        .take(3)
        .take_while(|b| (b'0'..=b'7').contains(b))
        .count();
    if digits > 0 {
        let text = std::str::from_utf8(rest.get(..digits)?).ok()?;
        return Some((u64::from_str_radix(text, 8).ok()?, digits));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        assert_eq!(parse_int("0"), Ok(Value::signed(0)));
        assert_eq!(parse_int("0x1F"), Ok(Value::signed(31)));
        assert_eq!(parse_int("017"), Ok(Value::signed(15)));
        assert_eq!(parse_int("10uL"), Ok(Value::unsigned(10)));
        assert_eq!(
            parse_int("9223372036854775808"),
            Ok(Value::unsigned(1 << 63))
        );
        assert_eq!(
            parse_int("0x"),
            Err("invalid integer `0x` in `#if`".to_owned())
        );
        assert_eq!(
            parse_int("1lul"),
            Err("invalid integer `1lul` in `#if`".to_owned())
        );
        assert_eq!(
            parse_int("0x1p3"),
            Err("floating-point literal `0x1p3` is not allowed in `#if`".to_owned())
        );
    }

    #[test]
    fn characters() {
        assert_eq!(parse_char("'a'"), Ok(Value::signed(97)));
        assert_eq!(parse_char(r"'\0'"), Ok(Value::signed(0)));
        assert_eq!(parse_char(r"'\x7f'"), Ok(Value::signed(127)));
        assert_eq!(
            parse_char(r"'\q'"),
            Err(r"invalid escape in character literal '\q'".to_owned())
        );
        assert_eq!(
            parse_char("'"),
            Err("invalid character literal '".to_owned())
        );
    }
}
