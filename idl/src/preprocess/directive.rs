//! Directive lines: reading one logical line (backslash-newline continuations joined, comments
//! turned into a space) into a [`DirectiveLine`] that remembers the file offset of each byte, and
//! splitting it into [`Tok`]ens.

use std::ops::Range;

use super::lines::{
    find_comment_end, is_hspace, is_ident_continue, is_ident_start, scan_literal, skip_number,
};
use crate::source::{FileId, Span};

/// One directive's logical line: the text after the `#`, with comments replaced by a space and
/// continuations removed, and where every byte of it sits in the file. The buffers are reused from
/// one directive to the next.
#[derive(Debug, Default)]
pub(crate) struct DirectiveLine {
    /// The text after `#`.
    pub(crate) text: String,
    /// File offset of each byte of `text`.
    offsets: Vec<u32>,
    /// The file the directive is in.
    pub(crate) file: FileId,
    /// Offset of the `#`.
    pub(crate) hash: usize,
    /// End of the logical line in the file, before its newline (and a `\r` before that).
    pub(crate) end: usize,
}

/// What reading a directive line found besides its text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ReadOutcome {
    /// Where scanning resumes: just past the newline that ends the logical line.
    pub(crate) next: usize,
    /// The offset of a `/*` that is never closed.
    pub(crate) unterminated_comment: Option<usize>,
}

impl DirectiveLine {
    /// Reads the directive whose `#` is at `hash` in `src`.
    pub(crate) fn read(&mut self, file: FileId, src: &str, hash: usize) -> ReadOutcome {
        self.text.clear();
        self.offsets.clear();
        self.file = file;
        self.hash = hash;
        let bytes = src.as_bytes();
        let mut pos = hash + 1;
        let mut run = pos;
        let mut unterminated_comment = None;
        let end = loop {
            let Some(&b) = bytes.get(pos) else {
                self.copy(src, run..pos);
                break pos;
            };
            match (b, bytes.get(pos + 1), bytes.get(pos + 2)) {
                (b'\n', ..) => {
                    self.copy(src, run..pos);
                    break pos;
                }
                (b'\\', Some(b'\n'), _) | (b'\\', Some(b'\r'), Some(b'\n')) => {
                    self.copy(src, run..pos);
                    pos += if bytes.get(pos + 1) == Some(&b'\n') {
                        2
                    } else {
                        3
                    };
                    run = pos;
                }
                (b'/', Some(b'*'), _) => {
                    self.copy(src, run..pos);
                    self.push_space(pos);
                    match find_comment_end(bytes, pos + 2) {
                        Some(after) => pos = after,
                        None => {
                            unterminated_comment = Some(pos);
                            pos = bytes.len();
                        }
                    }
                    run = pos;
                }
                (b'/', Some(b'/'), _) => {
                    self.copy(src, run..pos);
                    pos = line_comment_end(bytes, pos);
                    run = pos;
                }
                (b'"' | b'\'', ..) => {
                    // Leniently: a literal left open ends with the line; the directive that
                    // needs it reports that.
                    pos = scan_literal(bytes, pos).unwrap_or_else(|newline| newline);
                }
                _ => pos += 1,
            }
        };
        let mut trimmed = end;
        while trimmed > hash + 1 && bytes.get(trimmed - 1) == Some(&b'\r') {
            trimmed -= 1;
        }
        self.end = trimmed;
        ReadOutcome {
            next: (end + 1).min(bytes.len()),
            unterminated_comment,
        }
    }

    fn copy(&mut self, src: &str, range: Range<usize>) {
        if let Some(piece) = src.get(range.clone()) {
            self.text.push_str(piece);
            self.offsets
                .extend(range.map(|o| u32::try_from(o).unwrap_or(u32::MAX)));
        }
    }

    fn push_space(&mut self, at: usize) {
        self.text.push(' ');
        self.offsets.push(u32::try_from(at).unwrap_or(u32::MAX));
    }

    /// The file span of `range` of the text. An empty range is an empty span where it would be.
    pub(crate) fn span(&self, range: Range<usize>) -> Span {
        let start = self.offset_of(range.start);
        let end = if range.end > range.start {
            self.offsets
                .get(range.end - 1)
                .map_or(start, |&last| last.saturating_add(1))
        } else {
            start
        };
        Span {
            file: self.file,
            start,
            end: end.max(start),
        }
    }

    /// The file offset of text byte `index`; one past the end means the end of the line.
    fn offset_of(&self, index: usize) -> u32 {
        self.offsets
            .get(index)
            .copied()
            .unwrap_or_else(|| u32::try_from(self.end).unwrap_or(u32::MAX))
    }

    /// The whole directive, from `#` to the end of its logical line.
    pub(crate) fn whole_span(&self) -> Span {
        Span::new(self.file, self.hash..self.end.max(self.hash + 1))
    }

    /// An empty span at the end of the line, for "expected …" errors.
    pub(crate) fn end_span(&self) -> Span {
        Span::new(self.file, self.end..self.end)
    }
}

/// The position of the newline ending a `//` comment that starts at `pos` (a backslash right
/// before a newline continues the comment, as in C).
fn line_comment_end(bytes: &[u8], mut pos: usize) -> usize {
    loop {
        let newline = super::lines::find_newline(bytes, pos);
        let mut before = newline;
        if before > pos && bytes.get(before - 1) == Some(&b'\r') {
            before -= 1;
        }
        if newline < bytes.len() && before > pos && bytes.get(before - 1) == Some(&b'\\') {
            pos = newline + 1;
        } else {
            return newline;
        }
    }
}

/// The kind of a directive token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// `name`
    Ident,
    /// `12`, `0x1F`, `1.2`
    Number,
    /// `"…"`; `closed` is false when the line ended first.
    Str {
        /// Whether the closing quote was found.
        closed: bool,
    },
    /// `'…'`
    Char {
        /// Whether the closing quote was found.
        closed: bool,
    },
    /// An operator or other punctuation: `(`, `::`, `<<`, `&&`, …
    Punct,
}

/// One token of a directive line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    /// What it is.
    pub(crate) kind: TokKind,
    /// Where it is in the directive text.
    pub(crate) start: usize,
    /// One past its end in the directive text.
    pub(crate) end: usize,
}

impl Tok {
    /// Its range in the directive text.
    pub(crate) fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// Splits directive (or macro value) text into tokens.
#[derive(Clone, Debug)]
pub(crate) struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

const TWO_CHAR_PUNCT: [&[u8; 2]; 9] = [
    b"<<", b">>", b"<=", b">=", b"==", b"!=", b"&&", b"||", b"::",
];

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Cursor { text, pos: 0 }
    }

    /// A cursor at `pos` in `text`.
    pub(crate) fn at(text: &'a str, pos: usize) -> Self {
        Cursor { text, pos }
    }

    /// The text being split.
    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// The current position (after the last token read).
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    fn skip_space(&mut self) {
        let bytes = self.text.as_bytes();
        while bytes.get(self.pos).is_some_and(|&b| is_hspace(b)) {
            self.pos += 1;
        }
    }

    /// The position of the next token, past white space.
    pub(crate) fn next_start(&mut self) -> usize {
        self.skip_space();
        self.pos
    }

    /// Whether only white space is left.
    pub(crate) fn at_end(&mut self) -> bool {
        self.skip_space();
        self.pos >= self.text.len()
    }

    /// The rest of the text, trimmed, and its range.
    pub(crate) fn rest(&mut self) -> (&'a str, Range<usize>) {
        self.skip_space();
        let rest = self.text.get(self.pos..).unwrap_or_default();
        let trimmed = rest.trim_end_matches(|c: char| c.is_ascii() && is_hspace(c as u8));
        let range = self.pos..self.pos + trimmed.len();
        self.pos = self.text.len();
        (trimmed, range)
    }

    /// The text of `tok`.
    pub(crate) fn str_of(&self, tok: Tok) -> &'a str {
        self.text.get(tok.range()).unwrap_or_default()
    }

    /// The next token without consuming it.
    pub(crate) fn peek(&mut self) -> Option<Tok> {
        self.clone().next()
    }

    /// Reads up to (not including) the first `close` byte after white space; for `<file>` names.
    /// Returns the range of what is between, and whether `close` was found (and consumed).
    pub(crate) fn until(&mut self, close: u8) -> (Range<usize>, bool) {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        match bytes
            .get(start..)
            .and_then(|rest| rest.iter().position(|&b| b == close))
        {
            Some(i) => {
                self.pos = start + i + 1;
                (start..start + i, true)
            }
            None => {
                self.pos = bytes.len();
                (start..bytes.len(), false)
            }
        }
    }
}

impl Iterator for Cursor<'_> {
    type Item = Tok;

    fn next(&mut self) -> Option<Tok> {
        self.skip_space();
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let &b = bytes.get(start)?;
        let (kind, end) = if is_ident_start(b) {
            let mut end = start + 1;
            while bytes.get(end).is_some_and(|&c| is_ident_continue(c)) {
                end += 1;
            }
            (TokKind::Ident, end)
        } else if b.is_ascii_digit()
            || (b == b'.' && bytes.get(start + 1).is_some_and(u8::is_ascii_digit))
        {
            (TokKind::Number, skip_number(bytes, start + 1))
        } else if b == b'"' || b == b'\'' {
            let (end, closed) = match scan_literal(bytes, start) {
                Ok(end) => (end, true),
                Err(end) => (end, false),
            };
            let kind = if b == b'"' {
                TokKind::Str { closed }
            } else {
                TokKind::Char { closed }
            };
            (kind, end)
        } else if bytes
            .get(start..start + 2)
            .is_some_and(|pair| TWO_CHAR_PUNCT.iter().any(|p| p[..] == *pair))
        {
            (TokKind::Punct, start + 2)
        } else {
            // One character, whole even when it is not ASCII.
            let len = self
                .text
                .get(start..)
                .and_then(|rest| rest.chars().next())
                .map_or(1, char::len_utf8);
            (TokKind::Punct, start + len)
        };
        self.pos = end.min(bytes.len());
        Some(Tok {
            kind,
            start,
            end: self.pos,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(src: &str) -> (DirectiveLine, ReadOutcome) {
        let mut line = DirectiveLine::default();
        let hash = src.find('#').unwrap_or(0);
        let outcome = line.read(FileId(0), src, hash);
        (line, outcome)
    }

    fn tokens(text: &str) -> Vec<(TokKind, &str)> {
        let cursor = Cursor::new(text);
        cursor.clone().map(|t| (t.kind, &text[t.range()])).collect()
    }

    #[test]
    fn reads_one_logical_line() {
        let (line, outcome) = read("  # define X \\\r\n  1 /* a\n b */ + 2 // c \\\n d\nnext");
        assert_eq!(line.text, " define X   1   + 2 ");
        assert_eq!(line.hash, 2);
        assert_eq!(outcome.next, 45);
        assert_eq!(outcome.unterminated_comment, None);
        // `1` is on the second physical line.
        let one = line.text.find('1').unwrap_or(0);
        assert_eq!(line.span(one..one + 1), Span::new(FileId(0), 18..19));
        assert_eq!(line.whole_span(), Span::new(FileId(0), 2..44));
    }

    #[test]
    fn crlf_and_end_of_file() {
        let (line, outcome) = read("#endif\r\n");
        assert_eq!(line.text, "endif\r");
        assert_eq!(line.end, 6);
        assert_eq!(outcome.next, 8);
        let (line, outcome) = read("#endif");
        assert_eq!((line.end, outcome.next), (6, 6));
        assert_eq!(line.end_span(), Span::new(FileId(0), 6..6));
    }

    #[test]
    fn comment_markers_inside_strings_are_text() {
        let (line, _) = read("#pragma ID X \"http://a/*b\" // c\n");
        assert_eq!(line.text, "pragma ID X \"http://a/*b\" ");
    }

    #[test]
    fn an_unterminated_comment_ends_the_line_at_the_end_of_file() {
        let (line, outcome) = read("#if 1 /* open\n#endif\n");
        assert_eq!(line.text, "if 1  ");
        assert_eq!(outcome.unterminated_comment, Some(6));
        assert_eq!(outcome.next, 21);
    }

    #[test]
    fn splits_tokens() {
        assert_eq!(
            tokens("defined(A) && B::c >= 0x1Fu 'x' \"s\" ü"),
            [
                (TokKind::Ident, "defined"),
                (TokKind::Punct, "("),
                (TokKind::Ident, "A"),
                (TokKind::Punct, ")"),
                (TokKind::Punct, "&&"),
                (TokKind::Ident, "B"),
                (TokKind::Punct, "::"),
                (TokKind::Ident, "c"),
                (TokKind::Punct, ">="),
                (TokKind::Number, "0x1Fu"),
                (TokKind::Char { closed: true }, "'x'"),
                (TokKind::Str { closed: true }, "\"s\""),
                (TokKind::Punct, "ü"),
            ]
        );
        assert_eq!(
            tokens("\"open"),
            [(TokKind::Str { closed: false }, "\"open")]
        );
    }

    #[test]
    fn cursor_helpers() {
        let mut cursor = Cursor::new(" include <a b.idl> x ");
        assert_eq!(cursor.next().map(|t| t.range()), Some(1..8));
        assert_eq!(cursor.next_start(), 9);
        assert_eq!(cursor.next().map(|t| cursor.str_of(t)), Some("<"));
        assert_eq!(cursor.until(b'>'), (10..17, true));
        assert_eq!(cursor.rest(), ("x", 19..20));
        assert!(cursor.at_end());
    }
}
