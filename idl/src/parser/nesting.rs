//! The nesting pre-scan: refuses a unit whose brackets nest deeper than [`MAX_NESTING`] before
//! the grammar (which recurses once per bracket level) ever sees it. As it passes comments, it
//! also notes the `//` comments that start their line, which the doc-comment lookup needs.
//!
//! The grammar is written so that brackets are its only source of depth: operator chains and
//! lists are repetitions. The scan counts `(`, `{`, `[` and `<` (IDL has no `<` but the ones that
//! open a template's parameters, and the shift `<<`, which is skipped), skipping comments and
//! character and string literals. It is one linear pass over the bytes with a stack bounded by
//! the limit; only the few bytes that matter are looked at closely.

use std::ops::Range;

use super::{MAX_NESTING, NESTING_MESSAGE};
use crate::{diagnostic::Diagnostic, preprocess::Preprocessed};

/// What the pre-scan found in a unit.
#[derive(Debug, Default)]
pub(crate) struct Prescan {
    /// The deepest bracket nesting.
    pub(crate) depth: usize,
    /// Every `//` comment that only whitespace precedes on its line, in increasing order: from
    /// its `//` to its line break (or the end of the unit).
    pub(crate) comment_lines: Vec<Range<usize>>,
}

/// The deepest bracket nesting of the unit and its comment lines, or a diagnostic on the first
/// bracket that opens level `MAX_NESTING + 1`.
pub(crate) fn check(unit: &Preprocessed) -> Result<Prescan, Box<Diagnostic>> {
    let offset = match scan(&unit.text) {
        Ok(prescan) => return Ok(prescan),
        Err(offset) => offset,
    };
    let span = unit.map.span(offset..offset + 1);
    Err(Box::new(
        Diagnostic::error(NESTING_MESSAGE, span)
            .with_label("this bracket opens level 257")
            .with_note(
                "the limit keeps the compiler's stack safe; flatten the declaration with typedefs",
            ),
    ))
}

/// The offset of the first bracket nested deeper than [`MAX_NESTING`], if any.
#[cfg(test)]
fn too_deep_at(text: &str) -> Option<usize> {
    scan(text).err()
}

/// Whether a byte needs a closer look: a bracket, a quote or a `/` that may open a comment.
const fn interesting() -> [bool; 256] {
    let mut table = [false; 256];
    let bytes = b"(){}[]<>\"'/";
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

/// See [`interesting`].
static INTERESTING: [bool; 256] = interesting();

/// The deepest nesting of `text` and its comment lines, or the offset of the first bracket
/// nested deeper than [`MAX_NESTING`].
fn scan(source: &str) -> Result<Prescan, usize> {
    let text = source.as_bytes();
    let mut comment_lines = Vec::new();
    let mut deepest = 0;
    let mut stack: Vec<u8> = Vec::with_capacity(64);
    let mut i = 0;
    while let Some(next) = next_interesting(text, i) {
        i = next;
        let Some(&byte) = text.get(i) else { break };
        match byte {
            b'/' if text.get(i + 1) == Some(&b'/') => {
                let end = find(text, i + 2, b"\n").unwrap_or(text.len());
                if source.get(..i).is_some_and(ends_at_line_start) {
                    comment_lines.push(i..end);
                }
                i = end;
                continue;
            }
            b'/' if text.get(i + 1) == Some(&b'*') => {
                i = find(text, i + 2, b"*/").map_or(text.len(), |end| end + 2);
                continue;
            }
            b'"' | b'\'' => {
                i = skip_quoted(text, i);
                continue;
            }
            b'<' if text.get(i + 1) == Some(&b'<') => {
                // A shift: skip both characters.
                i += 2;
                continue;
            }
            b'(' | b'{' | b'[' | b'<' => {
                if stack.len() == MAX_NESTING {
                    return Err(i);
                }
                stack.push(byte);
                deepest = deepest.max(stack.len());
            }
            b')' | b'}' | b']' | b'>' => {
                let open = match byte {
                    b')' => b'(',
                    b'}' => b'{',
                    b']' => b'[',
                    _ => b'<',
                };
                if stack.last() == Some(&open) {
                    stack.pop();
                }
            }
            _ => {}
        }
        i += 1;
    }
    Ok(Prescan {
        depth: deepest,
        comment_lines,
    })
}

/// Whether only whitespace stands between the last line break of `before` (or its start) and
/// its end. Reads back over that whitespace only.
pub(crate) fn ends_at_line_start(before: &str) -> bool {
    before
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .all(char::is_whitespace)
}

/// The offset of the first interesting byte at or after `from`. Few bytes are interesting, so
/// eight are tested at a time, without a branch per byte.
fn next_interesting(text: &[u8], from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut offset = from;
    for chunk in &mut chunks {
        if chunk
            .iter()
            .fold(false, |any, &b| any | INTERESTING[usize::from(b)])
        {
            break;
        }
        offset += 8;
    }
    text.get(offset..)?
        .iter()
        .position(|&b| INTERESTING[usize::from(b)])
        .map(|p| offset + p)
}

/// The offset of the first `needle` at or after `from`.
fn find(text: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    text.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// The offset after the character or string literal starting at `start` (or after the line, when
/// it is not closed).
fn skip_quoted(text: &[u8], start: usize) -> usize {
    let quote = text.get(start).copied().unwrap_or(b'"');
    let mut i = start + 1;
    while let Some(&b) = text.get(i) {
        match b {
            b'\\' => i += 2,
            b'\n' => return i,
            _ if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::too_deep_at;
    use crate::parser::{
        MAX_NESTING,
        test_util::{parse_err_free, parse_with_diagnostics, single_error},
    };

    /// Runs `f` on a thread with a small stack, as a parse in a build script or proc macro
    /// might get, so a recursion that is not bounded shows up as a crash.
    fn on_small_stack(f: impl FnOnce() + Send + 'static) {
        std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn notes_the_line_comments_that_start_their_line() {
        let text = "// a\n  /// b\nlong x; // c\n\u{a0}// d\n\"// e\" /* \n// f */ '/' // g\n";
        let lines = super::scan(text).map(|p| p.comment_lines);
        let at = |s: &str| text.find(s).unwrap_or(usize::MAX);
        let line = |s: &str| at(s)..at(s) + s.len();
        assert_eq!(lines, Ok(vec![line("// a"), line("/// b"), line("// d")]));
    }

    #[test]
    fn counts_brackets_and_template_angles_only() {
        let deep = |open: &str, n: usize| open.repeat(n);
        assert_eq!(too_deep_at(&deep("(", MAX_NESTING)), None);
        assert_eq!(too_deep_at(&deep("(", MAX_NESTING + 1)), Some(MAX_NESTING));
        assert_eq!(too_deep_at(&deep("1 << ", 1000)), None);
        assert_eq!(too_deep_at(&deep("<> ", 1000)), None);
        assert_eq!(
            too_deep_at(&deep("sequence<", 300)),
            Some(9 * MAX_NESTING + 8)
        );
        assert_eq!(too_deep_at(&deep("// (((\n", 300)), None);
        assert_eq!(too_deep_at(&format!("/* {} */", deep("{", 300))), None);
        assert_eq!(too_deep_at(&format!("\"{}\"", deep("[", 300))), None);
        assert_eq!(too_deep_at(&deep("'(' ", 300)), None);
        assert_eq!(too_deep_at(&deep("{}", 300)), None);
    }

    #[test]
    fn the_limit_itself_parses_on_a_small_stack() {
        on_small_stack(|| {
            let n = MAX_NESTING - 1;
            let parens = format!("const long X = {}1{};", "(".repeat(n), ")".repeat(n));
            parse_err_free(&parens);
            let modules = format!("{}{}", "module M { ".repeat(n), "}; ".repeat(n));
            parse_err_free(&modules);
            let seq = format!("typedef {}long{} T;", "sequence<".repeat(n), ">".repeat(n));
            parse_err_free(&seq);
            let structs = format!(
                "{}long a;{}",
                "struct S { ".repeat(n),
                " } s;".repeat(n - 1) + " };"
            );
            parse_err_free(&structs);
        });
    }

    #[test]
    fn deep_parentheses_braces_and_sequences_are_refused() {
        on_small_stack(|| {
            let n = 100_000;
            let parens = format!("const long X = {}1{};", "(".repeat(n), ")".repeat(n));
            assert_eq!(
                single_error(&parens),
                "1:272 nesting deeper than 256 levels"
            );
            let braces = format!("{}{}", "module M { ".repeat(n), "}; ".repeat(n));
            assert_eq!(
                single_error(&braces),
                "1:2826 nesting deeper than 256 levels"
            );
            let seq = format!("typedef {}long{} T;", "sequence<".repeat(n), ">".repeat(n));
            assert_eq!(single_error(&seq), "1:2321 nesting deeper than 256 levels");
            let unclosed = "[".repeat(n);
            assert_eq!(
                single_error(&unclosed),
                "1:257 nesting deeper than 256 levels"
            );
        });
    }

    #[test]
    fn long_operator_chains_are_refused_without_recursion() {
        on_small_stack(|| {
            let n = 100_000;
            let sum = format!("const long X = 1{};", " + 1".repeat(n));
            let (spec, errors) = parse_with_diagnostics(&sum);
            assert!(spec.is_none());
            assert_eq!(errors, ["1:16 nesting deeper than 256 levels"]);
            let minus = format!("const long X = {}1;", "-".repeat(n));
            let (spec, errors) = parse_with_diagnostics(&minus);
            assert!(spec.is_none());
            assert_eq!(errors.len(), 1);
            assert!(errors[0].ends_with("nesting deeper than 256 levels"));
        });
    }

    #[test]
    fn long_flat_lists_are_fine() {
        on_small_stack(|| {
            let n = 20_000;
            let members: String = (0..n).map(|i| format!("long a{i};")).collect();
            let spec = parse_err_free(&format!("struct S {{ {members} }};"));
            assert_eq!(spec.definitions.len(), 1);
            let sum = format!("const long X = 1{};", " + 1".repeat(MAX_NESTING - 1));
            parse_err_free(&sum);
        });
    }
}
