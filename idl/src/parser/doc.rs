//! Doc comments: the comments directly before a definition, member, case, enumerator, operation
//! or attribute, read from the unit's text before the node.
//!
//! A doc comment is the last `/* … */` block before the node, or the run of `//` lines before it,
//! separated from the node only by whitespace. The comment must start its line, so a trailing
//! comment of the previous line (`long a; // the a`) does not document the next node. Comment
//! markers and the ` * ` decoration of block comment lines are removed.

use std::ops::Range;

/// The doc comments of one unit: its text, and where its lines that start with `//` (after
/// blanks) are, so that finding out whether a node follows a `//` line does not read that line.
pub(crate) struct Docs<'t> {
    text: &'t str,
    /// Every line that starts with `//` (after blanks), from the `//` to the line break, in
    /// increasing order.
    comment_lines: &'t [Range<usize>],
}

impl<'t> Docs<'t> {
    /// The doc comments of `text`, whose `//` comments that start their line are at
    /// `comment_lines` (the nesting pre-scan finds them as it passes comments).
    pub(crate) fn new(text: &'t str, comment_lines: &'t [Range<usize>]) -> Self {
        Docs {
            text,
            comment_lines,
        }
    }

    /// The doc comment that ends directly before byte `start`, if any.
    ///
    /// The work is bounded by the whitespace before the node and the comment, never by how much
    /// text precedes it: a file written on one line does not make every node scan back to its
    /// start.
    pub(crate) fn before(&self, start: usize) -> Option<String> {
        let before = self.text.get(..start)?;
        let (trimmed, line_break) = trim_end(before);
        if trimmed.ends_with("*/") {
            return block_comment(trimmed);
        }
        // A `//` comment runs to the end of its line, so one that documents the node is followed
        // by a line break. The last line before it is a comment if the last `//` line that
        // starts before its end has its line break there.
        if !line_break {
            return None;
        }
        let end = trimmed.len();
        let last = self
            .comment_lines
            .partition_point(|line| line.start < end)
            .checked_sub(1)?;
        if self.comment_lines.get(last)?.end >= end {
            line_comments(trimmed)
        } else {
            None
        }
    }
}

/// `text` less trailing whitespace, as `str::trim_end` gives it, and whether a line break was
/// trimmed. ASCII blanks are skipped byte by byte; the Unicode-aware trim runs only when another
/// byte ends them.
fn trim_end(text: &str) -> (&str, bool) {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    let mut line_break = false;
    while let Some(&b) = end.checked_sub(1).and_then(|i| bytes.get(i)) {
        match b {
            b'\n' => line_break = true,
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => {}
            _ => break,
        }
        end -= 1;
    }
    match text.get(..end) {
        Some(trimmed) if bytes.get(end.wrapping_sub(1)).is_none_or(u8::is_ascii) => {
            (trimmed, line_break)
        }
        _ => {
            let trimmed = text.trim_end();
            let line_break = text
                .get(trimmed.len()..)
                .is_some_and(|gap| gap.contains('\n'));
            (trimmed, line_break)
        }
    }
}

/// The block comment that `text` ends with.
fn block_comment(text: &str) -> Option<String> {
    let open = text.rfind("/*")?;
    if !starts_line(text, open) {
        return None;
    }
    let body = text.get(open + 2..text.len() - 2)?;
    let body = body.trim_start_matches(['*', '!']);
    let lines: Vec<&str> = body
        .lines()
        .map(|line| {
            let line = line.trim();
            let line = line.strip_prefix('*').unwrap_or(line);
            line.strip_prefix(' ').unwrap_or(line).trim_end()
        })
        .collect();
    finish(&lines)
}

/// The run of `//` comment lines that `text` ends with.
fn line_comments(text: &str) -> Option<String> {
    let mut lines: Vec<&str> = text
        .lines()
        .rev()
        .map_while(|line| line.trim().strip_prefix("//"))
        .map(|comment| {
            let comment = comment.trim_start_matches(['/', '!']);
            comment.strip_prefix(' ').unwrap_or(comment).trim_end()
        })
        .collect();
    lines.reverse();
    finish(&lines)
}

/// Whether only whitespace stands between the start of `offset`'s line and `offset` (read
/// backwards, so only that whitespace is looked at).
fn starts_line(text: &str, offset: usize) -> bool {
    text.get(..offset)
        .is_some_and(super::nesting::ends_at_line_start)
}

/// Joins comment lines, dropping empty lines at both ends; `None` when nothing is left.
fn finish(lines: &[&str]) -> Option<String> {
    let first = lines.iter().position(|l| !l.is_empty())?;
    let last = lines.iter().rposition(|l| !l.is_empty())?;
    Some(lines.get(first..=last)?.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::{Docs, block_comment, line_comments};
    use crate::parser::nesting::ends_at_line_start;

    /// The comment lines of `text`, found by a plain search (the tests' texts have no
    /// literals).
    fn comment_lines(text: &str) -> Vec<std::ops::Range<usize>> {
        text.match_indices("//")
            .map(|(at, _)| at)
            .filter(|&at| ends_at_line_start(&text[..at]))
            .map(|at| at..text[at..].find('\n').map_or(text.len(), |n| at + n))
            .collect()
    }

    fn doc(text: &str) -> Option<String> {
        let start = text.find("struct").unwrap();
        Docs::new(text, &comment_lines(text)).before(start)
    }

    #[test]
    fn block_comment_with_stars() {
        let text = "/**\n * First line.\n *\n * Second.\n */\nstruct S {};";
        assert_eq!(doc(text).as_deref(), Some("First line.\n\nSecond."));
    }

    #[test]
    fn plain_block_comment_on_one_line() {
        assert_eq!(
            doc("/* A point. */ struct S {};").as_deref(),
            Some("A point.")
        );
    }

    #[test]
    fn consecutive_line_comments() {
        let text = "// unrelated\n\n// One.\n/// Two.\n  struct S {};";
        assert_eq!(doc(text).as_deref(), Some("One.\nTwo."));
    }

    #[test]
    fn trailing_comment_of_previous_line_is_not_doc() {
        assert_eq!(doc("long a; // the a\nstruct S {};"), None);
        assert_eq!(doc("long a; /* the a */\nstruct S {};"), None);
    }

    /// The lookup as first written: trims and splits the whole text before the node.
    fn reference(text: &str, start: usize) -> Option<String> {
        let trimmed = text.get(..start)?.trim_end();
        if trimmed.ends_with("*/") {
            let open = trimmed.rfind("/*")?;
            let before = trimmed.get(..open)?;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            if !before.get(line_start..)?.trim().is_empty() {
                return None;
            }
            block_comment(trimmed)
        } else {
            let last_line = trimmed.rsplit('\n').next().unwrap_or_default();
            if !last_line.trim_start().starts_with("//") {
                return None;
            }
            line_comments(trimmed)
        }
    }

    #[test]
    fn bounded_lookup_equals_the_reference() {
        let texts = [
            "/** a */\nstruct S; /* b */ struct T;",
            "// a\n// b\n  \t struct S; // c\nstruct T;",
            "x; // trailing\nstruct S; x; /* trailing */\nstruct T;",
            "\u{a0}// odd blank\n\u{3000}struct S;\u{2028}// c\u{2028}d\nx",
            "// a\u{a0}\u{2028}struct S; /* a */\u{85}struct T;",
            "\t\x0b// vt\n\x0cstruct S;\r\n/// r\r\n struct T;",
            "long a;\r\n/// r\r\n struct S; é // x\nstruct T; /*/ x */ y /**/ z",
            "  /* a\n * b\n */  \n\n  // c\n  x /* d */ // e\n y",
        ];
        for text in texts {
            let lines = comment_lines(text);
            let docs = Docs::new(text, &lines);
            // Every position a node can start at: anything outside comments.
            let mut in_comment = None;
            for (start, _) in text.char_indices() {
                let rest = &text[start..];
                if in_comment.is_some_and(|end| text[..start].ends_with(end)) {
                    in_comment = None;
                }
                if in_comment.is_none() {
                    if rest.starts_with("//") {
                        in_comment = Some("\n");
                    } else if rest.starts_with("/*") {
                        in_comment = Some("*/");
                    }
                }
                if in_comment.is_none() {
                    assert_eq!(
                        docs.before(start),
                        reference(text, start),
                        "{text:?} at {start}"
                    );
                }
            }
        }
    }

    #[test]
    fn no_comment_no_doc() {
        assert_eq!(doc("long a;\nstruct S {};"), None);
        assert_eq!(doc("struct S {};"), None);
        assert_eq!(doc("/**/ struct S {};"), None);
    }
}
