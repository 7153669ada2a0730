//! What stands where the grammar gave up: a token, the end of the file, a character that starts
//! no token, or a literal or comment that is never closed.

use std::ops::Range;

use crate::parser::expr::is_reserved;

/// Two-character punctuators.
const PUNCT2: [&str; 3] = ["::", "<<", ">>"];

/// Characters that are a punctuator on their own.
const PUNCT1: &str = ";{}()[]<>,:=@|^&+-*/%~";

/// The longest token text quoted in a message.
const MAX_QUOTED: usize = 32;

/// What was found at the error position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// Nothing but whitespace and comments is left.
    EndOfFile,
    /// A character that cannot start any token.
    Stray(char),
    /// A literal or comment that starts at `start` and is never closed.
    Unterminated {
        /// What is not closed ("string literal", …).
        what: &'static str,
        /// Where it opens.
        start: usize,
        /// Length of its opening (`"`, `L"`, `/*`).
        open_len: usize,
    },
    /// A token of `len` bytes.
    Token {
        /// Its length in bytes.
        len: usize,
        /// Whether it is a reserved keyword.
        keyword: bool,
    },
}

impl Found {
    /// What stands at byte `pos` of `text`.
    pub(crate) fn at(text: &str, pos: usize) -> Found {
        if let Some(found) = unterminated_before(text, pos) {
            return found;
        }
        let Some(rest) = text.get(pos..).filter(|r| !r.trim().is_empty()) else {
            return Found::EndOfFile;
        };
        let bytes = rest.as_bytes();
        let first = bytes.first().copied().unwrap_or_default();
        let word_len = |from: usize| {
            bytes.get(from..).map_or(0, |b| {
                b.iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'.')
                    .count()
            })
        };
        let len = match first {
            b'L' if matches!(bytes.get(1), Some(b'"' | b'\'')) => {
                1 + quoted_len(bytes.get(1..).unwrap_or_default()).0
            }
            b'"' | b'\'' => quoted_len(bytes).0,
            b'0'..=b'9' => word_len(0),
            b'.' if bytes.get(1).is_some_and(u8::is_ascii_digit) => word_len(0),
            b'A'..=b'Z' | b'a'..=b'z' | b'_' => {
                let len = bytes
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                    .count();
                let word = rest.get(..len).unwrap_or_default();
                return Found::Token {
                    len,
                    keyword: is_reserved(word),
                };
            }
            _ if PUNCT2.iter().any(|p| rest.starts_with(p)) => 2,
            _ if PUNCT1.as_bytes().contains(&first) => 1,
            _ => {
                let c = rest.chars().next().unwrap_or_default();
                return Found::Stray(c);
            }
        };
        Found::Token {
            len,
            keyword: false,
        }
    }

    /// The byte range the diagnostic points at, for a token found at `pos`.
    pub(crate) fn range(&self, text: &str, pos: usize) -> Range<usize> {
        match *self {
            Found::EndOfFile => {
                let end = text.trim_end().len();
                end..end
            }
            Found::Stray(c) => pos..pos + c.len_utf8(),
            Found::Unterminated {
                start, open_len, ..
            } => start..start + open_len,
            Found::Token { len, .. } => pos..pos + len,
        }
    }

    /// The found token in words: "keyword `module`", "`}`".
    pub(crate) fn describe(&self, text: &str, pos: usize) -> String {
        match *self {
            Found::EndOfFile => "end of file".to_owned(),
            Found::Stray(c) => format!("`{}`", c.escape_debug()),
            Found::Unterminated { what, .. } => format!("unterminated {what}"),
            Found::Token { len, keyword } => {
                let token = text.get(pos..pos + len).unwrap_or_default();
                let quoted = match token.char_indices().nth(MAX_QUOTED) {
                    Some((cut, _)) => format!("{}…", &token[..cut]),
                    None => token.to_owned(),
                };
                if keyword {
                    format!("keyword `{quoted}`")
                } else {
                    format!("`{quoted}`")
                }
            }
        }
    }
}

/// The length of the quoted literal `bytes` starts with, up to the closing quote or to the end
/// of the line, and whether it is closed.
fn quoted_len(bytes: &[u8]) -> (usize, bool) {
    let quote = bytes.first().copied().unwrap_or(b'"');
    let mut i = 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' if !matches!(bytes.get(i + 1), Some(b'\n' | b'\r') | None) => i += 2,
            b'\n' | b'\r' => return (i, false),
            _ if b == quote => return (i + 1, true),
            _ => i += 1,
        }
    }
    (bytes.len(), false)
}

/// An unclosed comment or literal that the error position lies in (or after, for a comment that
/// runs to the end of the file). A light lexer runs from the start of `text`.
fn unterminated_before(text: &str, pos: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i <= pos {
        let Some(&b) = bytes.get(i) else { break };
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes
                    .get(i..)
                    .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
                    .map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                match text.get(i + 2..).and_then(|rest| rest.find("*/")) {
                    Some(end) => i += 2 + end + 2,
                    None => {
                        return Some(Found::Unterminated {
                            what: "block comment",
                            start: i,
                            open_len: 2,
                        });
                    }
                }
            }
            b'"' | b'\'' => {
                let (len, closed) = quoted_len(bytes.get(i..).unwrap_or_default());
                if !closed && pos <= i + len {
                    let wide = i > 0 && bytes.get(i - 1) == Some(&b'L');
                    return Some(Found::Unterminated {
                        what: if b == b'"' {
                            "string literal"
                        } else {
                            "character literal"
                        },
                        start: if wide { i - 1 } else { i },
                        open_len: if wide { 2 } else { 1 },
                    });
                }
                i += len.max(1);
            }
            _ => i += 1,
        }
    }
    None
}
