//! Doc comments: the comments directly before a definition, member, case, enumerator, operation
//! or attribute, read from the unit's text before the node.
//!
//! A doc comment is the last `/* … */` block before the node, or the run of `//` lines before it,
//! separated from the node only by whitespace. The comment must start its line, so a trailing
//! comment of the previous line (`long a; // the a`) does not document the next node. Comment
//! markers and the ` * ` decoration of block comment lines are removed.

/// The doc comment that ends directly before byte `start` of `text`, if any.
///
/// The work is bounded by the whitespace before the node, the comment, and (for `//` comments)
/// the line before the node, never by how much text precedes it: a file written on one line
/// does not make every node scan back to its start.
pub(crate) fn doc_before(text: &str, start: usize) -> Option<String> {
    let before = text.get(..start)?;
    let trimmed = trim_end(before);
    if trimmed.ends_with("*/") {
        return block_comment(trimmed);
    }
    // A `//` comment runs to the end of its line, so one that documents the node is followed
    // by a line break.
    if !before.get(trimmed.len()..)?.contains('\n') {
        return None;
    }
    line_comments(trimmed)
}

/// `text` less trailing whitespace, as `str::trim_end` gives it: ASCII blanks are skipped byte
/// by byte, and the Unicode-aware trim runs only when another byte ends them.
fn trim_end(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while end > 0
        && matches!(
            bytes.get(end - 1),
            Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
        )
    {
        end -= 1;
    }
    match text.get(..end) {
        Some(trimmed) if bytes.get(end.wrapping_sub(1)).is_none_or(u8::is_ascii) => trimmed,
        _ => text.trim_end(),
    }
}

/// Whether the last line of `text` starts with `//` after blanks (as `trim_start` reads them).
fn last_line_is_comment(text: &str) -> bool {
    let line_start = text
        .as_bytes()
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = text.get(line_start..).unwrap_or_default();
    let code = line
        .bytes()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c))
        .unwrap_or(line.len());
    match line.as_bytes().get(code) {
        Some(b) if !b.is_ascii() => line.trim_start().starts_with("//"),
        _ => line.get(code..).is_some_and(|rest| rest.starts_with("//")),
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
    // Most nodes have no comment before them: look at the last line before collecting any.
    if !last_line_is_comment(text) {
        return None;
    }
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
    text.get(..offset).is_some_and(|before| {
        before
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .all(char::is_whitespace)
    })
}

/// Joins comment lines, dropping empty lines at both ends; `None` when nothing is left.
fn finish(lines: &[&str]) -> Option<String> {
    let first = lines.iter().position(|l| !l.is_empty())?;
    let last = lines.iter().rposition(|l| !l.is_empty())?;
    Some(lines.get(first..=last)?.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::{block_comment, doc_before, line_comments};

    fn doc(text: &str) -> Option<String> {
        let start = text.find("struct").unwrap();
        doc_before(text, start)
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
                        doc_before(text, start),
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
