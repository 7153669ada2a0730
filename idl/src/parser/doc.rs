//! Doc comments: the comments directly before a definition, member, case, enumerator, operation
//! or attribute, read from the unit's text before the node.
//!
//! A doc comment is the last `/* … */` block before the node, or the run of `//` lines before it,
//! separated from the node only by whitespace. The comment must start its line, so a trailing
//! comment of the previous line (`long a; // the a`) does not document the next node. Comment
//! markers and the ` * ` decoration of block comment lines are removed.

/// The doc comment that ends directly before byte `start` of `text`, if any.
pub(crate) fn doc_before(text: &str, start: usize) -> Option<String> {
    let before = text.get(..start)?;
    if !may_end_with_comment(before) {
        return None;
    }
    comment_ending(before)
}

/// The doc comment `before` ends with (less trailing whitespace), if any.
fn comment_ending(before: &str) -> Option<String> {
    let trimmed = before.trim_end();
    if trimmed.ends_with("*/") {
        block_comment(trimmed)
    } else {
        line_comments(trimmed)
    }
}

/// A quick test that rules most nodes out: whether `before`, less its trailing whitespace, may
/// end with a comment, that is with `*/` or with a line whose first non-blank characters are
/// `//`. Only the end of the last line and its leading blanks are looked at; where a byte that is
/// not ASCII stands instead, the full check decides (Unicode whitespace is trimmed too).
fn may_end_with_comment(before: &str) -> bool {
    let is_blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c);
    let bytes = before.as_bytes();
    let Some(last) = bytes.iter().rposition(|b| !is_blank(b) && *b != b'\n') else {
        return false;
    };
    if !bytes.get(last).is_some_and(u8::is_ascii) {
        return true;
    }
    // The byte at `last` is ASCII, so `last + 1` is a character boundary.
    let Some(end) = before.get(..=last) else {
        return true;
    };
    if end.ends_with("*/") {
        return true;
    }
    let line = end
        .rfind('\n')
        .map_or(end, |i| end.get(i + 1..).unwrap_or_default());
    match line.bytes().position(|b| !is_blank(&b)) {
        Some(first) => {
            let rest = line.as_bytes().get(first..).unwrap_or_default();
            !rest.first().is_some_and(u8::is_ascii) || rest.starts_with(b"//")
        }
        None => false,
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
    let last_line = text.rsplit('\n').next().unwrap_or_default();
    if !last_line.trim_start().starts_with("//") {
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

/// Whether only whitespace stands between the start of `offset`'s line and `offset`.
fn starts_line(text: &str, offset: usize) -> bool {
    let Some(before) = text.get(..offset) else {
        return false;
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    before
        .get(line_start..)
        .is_some_and(|s| s.trim().is_empty())
}

/// Joins comment lines, dropping empty lines at both ends; `None` when nothing is left.
fn finish(lines: &[&str]) -> Option<String> {
    let first = lines.iter().position(|l| !l.is_empty())?;
    let last = lines.iter().rposition(|l| !l.is_empty())?;
    Some(lines.get(first..=last)?.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::{comment_ending, doc_before};

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

    #[test]
    fn the_quick_test_never_hides_a_comment() {
        let texts = [
            "/** a */\nstruct",
            "// a\n// b\n  \t struct",
            "x; // trailing\nstruct",
            "x; /* trailing */\nstruct",
            "\u{a0}// odd blank\n\u{3000}struct",
            "// a\u{a0}\u{2028}struct",
            "/* a */\u{85}struct",
            "\t\x0b// vt\n\x0cstruct",
            "long a;\r\n/// r\r\n struct",
            "é // x\nstruct",
        ];
        for text in texts {
            for (end, _) in text.char_indices() {
                let before = &text[..end];
                if comment_ending(before).is_some() {
                    assert!(super::may_end_with_comment(before), "{before:?}");
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
