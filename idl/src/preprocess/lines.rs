//! Fast byte scanning of source lines: finding where a line ends while stepping over comments,
//! string and character literals (so a `#`, `//` or `/*` inside them means nothing), and reporting
//! identifiers (for macro substitution) and lexical errors to a [`LineSink`].
//!
//! Everything here works on bytes and only ever cuts at ASCII bytes, so every range it hands out
//! is also a valid `str` range of the (UTF-8) file text.

use std::ops::Range;

/// A lexical error met while scanning: something left open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unterminated {
    /// A `/*` without `*/`; the offset is the `/`.
    Comment,
    /// A `"` whose line (or the file) ends first; the offset is the quote.
    String,
    /// A `'` whose line (or the file) ends first; the offset is the quote.
    Char,
}

/// Receives what [`scan_line`] finds.
pub(crate) trait LineSink {
    /// Whether identifiers should be reported at all (false in inactive text, or when no macro
    /// is defined): skipping them is faster.
    fn wants_identifiers(&self) -> bool;
    /// An identifier at `range` outside comments and literals.
    fn identifier(&mut self, range: Range<usize>);
    /// A lexical error at byte `at`.
    fn lex_error(&mut self, error: Unterminated, at: usize);
}

const PLAIN: u8 = 0;
const NEWLINE: u8 = 1;
const SLASH: u8 = 2;
const QUOTE: u8 = 3;
const IDENT: u8 = 4;
const DIGIT: u8 = 5;
const DOT: u8 = 6;

/// What each byte starts, for the scanning loop.
static CLASS: [u8; 256] = {
    let mut table = [PLAIN; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = match byte {
            b'\n' => NEWLINE,
            b'/' => SLASH,
            b'"' | b'\'' => QUOTE,
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => IDENT,
            b'0'..=b'9' => DIGIT,
            b'.' => DOT,
            _ => PLAIN,
        };
        b += 1;
    }
    table
};

/// Whether `b` may start an identifier.
pub(crate) fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

/// Whether `b` may continue an identifier.
pub(crate) fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `b` is horizontal white space (anything but a newline).
pub(crate) fn is_hspace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\x0b' | b'\x0c')
}

/// The first position at or after `pos` that is not horizontal white space.
pub(crate) fn skip_hspace(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(|&b| is_hspace(b)) {
        pos += 1;
    }
    pos
}

/// The position of the first `\n` at or after `pos`, or the end.
pub(crate) fn find_newline(bytes: &[u8], pos: usize) -> usize {
    bytes
        .get(pos..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        .map_or(bytes.len(), |i| pos + i)
}

/// The position just past the `*/` that closes a block comment whose body starts at `pos`.
pub(crate) fn find_comment_end(bytes: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let star = pos + bytes.get(pos..)?.iter().position(|&b| b == b'*')?;
        if bytes.get(star + 1) == Some(&b'/') {
            return Some(star + 2);
        }
        pos = star + 1;
    }
}

/// The position just past the identifier starting at `pos`.
pub(crate) fn skip_ident(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(|&b| is_ident_continue(b)) {
        pos += 1;
    }
    pos
}

/// The position just past the preprocessing number starting at `pos` (`12`, `0x1F`, `1.5e-3`,
/// `10UL`): digits, letters, `_`, `.` and a sign right after an exponent letter.
pub(crate) fn skip_number(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(&b) = bytes.get(pos) {
        let exponent_sign = matches!(b, b'+' | b'-')
            && matches!(
                bytes.get(pos.wrapping_sub(1)),
                Some(b'e' | b'E' | b'p' | b'P')
            );
        if is_ident_continue(b) || b == b'.' || exponent_sign {
            pos += 1;
        } else {
            break;
        }
    }
    pos
}

/// Scans the literal whose opening quote is at `pos`. `Ok` is the position just past the closing
/// quote; `Err` the position of the newline (or the end) that came first. A backslash escapes the
/// byte after it, so `\"` does not close a string and a backslash-newline continues it.
pub(crate) fn scan_literal(bytes: &[u8], pos: usize) -> Result<usize, usize> {
    let quote = bytes.get(pos).copied().unwrap_or(b'"');
    let mut i = pos + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => {
                i += match (bytes.get(i + 1), bytes.get(i + 2)) {
                    (Some(b'\r'), Some(b'\n')) => 3,
                    _ => 2,
                };
            }
            b'\n' => return Err(i),
            _ if b == quote => return Ok(i + 1),
            _ => i += 1,
        }
    }
    Err(bytes.len())
}

/// Scans one line of text starting at `pos`: tokens up to and including the newline that ends it.
/// A block comment that crosses lines is stepped over, and the line ends at the first newline after
/// it. Returns the position just past that newline (or the end of the input).
pub(crate) fn scan_line(bytes: &[u8], mut pos: usize, sink: &mut impl LineSink) -> usize {
    let idents = sink.wants_identifiers();
    while let Some(&b) = bytes.get(pos) {
        match CLASS[usize::from(b)] {
            NEWLINE => return pos + 1,
            SLASH => match bytes.get(pos + 1) {
                Some(b'*') => match find_comment_end(bytes, pos + 2) {
                    Some(end) => pos = end,
                    None => {
                        sink.lex_error(Unterminated::Comment, pos);
                        return bytes.len();
                    }
                },
                Some(b'/') => return (find_newline(bytes, pos) + 1).min(bytes.len()),
                _ => pos += 1,
            },
            QUOTE => match scan_literal(bytes, pos) {
                Ok(end) => pos = end,
                Err(end) => {
                    let error = if b == b'"' {
                        Unterminated::String
                    } else {
                        Unterminated::Char
                    };
                    sink.lex_error(error, pos);
                    pos = end;
                }
            },
            IDENT => {
                let end = skip_ident(bytes, pos + 1);
                if idents {
                    sink.identifier(pos..end);
                }
                pos = end;
            }
            DIGIT => pos = skip_number(bytes, pos + 1),
            DOT if bytes.get(pos + 1).is_some_and(u8::is_ascii_digit) => {
                pos = skip_number(bytes, pos + 1);
            }
            _ => pos += 1,
        }
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Collect {
        idents: Vec<Range<usize>>,
        errors: Vec<(Unterminated, usize)>,
    }

    impl LineSink for Collect {
        fn wants_identifiers(&self) -> bool {
            true
        }
        fn identifier(&mut self, range: Range<usize>) {
            self.idents.push(range);
        }
        fn lex_error(&mut self, error: Unterminated, at: usize) {
            self.errors.push((error, at));
        }
    }

    fn scan_all(text: &str) -> (Vec<&str>, Vec<(Unterminated, usize)>, Vec<usize>) {
        let mut sink = Collect::default();
        let mut ends = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            pos = scan_line(text.as_bytes(), pos, &mut sink);
            ends.push(pos);
        }
        let idents = sink.idents.iter().map(|r| &text[r.clone()]).collect();
        (idents, sink.errors, ends)
    }

    #[test]
    fn identifiers_outside_comments_and_literals() {
        let (idents, errors, ends) =
            scan_all("a \"b c\" 'd' /* e\nf */ g // h\n0x1Fu 1e+5x .5f i\n");
        assert_eq!(idents, ["a", "g", "i"]);
        assert!(errors.is_empty());
        // The comment joins the first two physical lines into one scanned line.
        assert_eq!(ends, [29, 47]);
    }

    #[test]
    fn escapes_do_not_close_literals() {
        let (idents, errors, _) = scan_all(r#""a\"b" x '\'' y"#);
        assert_eq!(idents, ["x", "y"]);
        assert!(errors.is_empty());
    }

    #[test]
    fn unterminated_things_are_reported_at_their_start() {
        let (_, errors, ends) = scan_all("x \"abc\ny 'q\r\nz /* never");
        assert_eq!(
            errors,
            [
                (Unterminated::String, 2),
                (Unterminated::Char, 9),
                (Unterminated::Comment, 15),
            ]
        );
        assert_eq!(ends, [7, 13, 23]);
    }

    #[test]
    fn comment_end_and_newline_search() {
        assert_eq!(find_comment_end(b"a * b */ c", 0), Some(8));
        assert_eq!(find_comment_end(b"a * b *", 0), None);
        assert_eq!(find_comment_end(b"", 3), None);
        assert_eq!(find_newline(b"ab\ncd", 0), 2);
        assert_eq!(find_newline(b"ab", 0), 2);
        assert_eq!(find_newline(b"ab", 9), 2);
    }
}
