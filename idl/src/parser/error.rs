//! Syntax errors: turning pest's error into one rustc-style diagnostic such as
//! "expected `;`, found `}`" or "expected identifier, found keyword `module`", on the offending
//! token.
//!
//! pest's own message lists rule names and, without error detail, points at the furthest *rule*
//! that failed, which is often a token too early. When a parse fails, the unit is parsed again
//! with pest's error detail on ([`pest::set_error_detail`]); its [`ParseAttempts`] give the
//! furthest position any token was tried at and the literal tokens expected there. Rules that
//! failed at that position are named in words ("type", "expression"), keywords in backticks, and
//! the token found there is read from the text.
//!
//! [`ParseAttempts`]: pest::ParseAttempts

use std::sync::{Mutex, PoisonError};

use pest::{
    Parser as _,
    error::{Error, ErrorVariant, InputLocation},
};

use super::{
    NESTING_MESSAGE,
    grammar::{IdlParser, Rule},
};
use crate::{diagnostic::Diagnostic, preprocess::Preprocessed};

mod expected;
mod found;

use expected::Expected;
use found::Found;

/// One diagnostic for a unit the grammar rejected.
pub(crate) fn syntax_error(unit: &Preprocessed, error: &Error<Rule>) -> Diagnostic {
    let text = unit.text.as_str();
    if let ErrorVariant::CustomError { message } = &error.variant {
        // pest reports a custom error only when a call limit (`pest::set_call_limit`) set by
        // the embedding program runs out: the input was too complex for it.
        let at = location(error);
        let span = unit.map.span(at..(at + 1).min(text.len()));
        return Diagnostic::error(NESTING_MESSAGE, span)
            .with_note(format!("the parser stopped: {message}"));
    }
    let detailed = reparse_with_detail(text);
    let error = detailed.as_ref().unwrap_or(error);
    let (position, expected) = Expected::from_error(error);
    let found = Found::at(text, position);
    let range = found.range(text, position);
    let span = unit.map.span(range);
    let expected_text = expected.to_string();
    match found {
        Found::EndOfFile => {
            let diagnostic = Diagnostic::error("unexpected end of file", span);
            if expected_text.is_empty() {
                diagnostic
            } else {
                diagnostic.with_label(format!("expected {expected_text}"))
            }
        }
        Found::Unterminated { what, .. } => Diagnostic::error(format!("unterminated {what}"), span)
            .with_label(format!("this {what} is never closed")),
        Found::Stray(c) => {
            let diagnostic =
                Diagnostic::error(format!("unexpected character `{}`", c.escape_debug()), span);
            if expected_text.is_empty() {
                diagnostic
            } else {
                diagnostic.with_label(format!("expected {expected_text}"))
            }
        }
        Found::Token { .. } if expected_text.is_empty() => Diagnostic::error(
            format!("unexpected {}", found.describe(text, position)),
            span,
        ),
        Found::Token { .. } => {
            let found_text = found.describe(text, position);
            let message = format!("expected {expected_text}, found {found_text}");
            let label = format!("expected {expected_text}");
            let diagnostic = match end_of_previous_line(text, position) {
                // A missing `;` at the end of a line: point where it belongs, as rustc does.
                Some(end) if expected.wants_semicolon() => {
                    Diagnostic::error(message, unit.map.span(end..end))
                        .with_label(label)
                        .with_secondary(span, "unexpected token")
                }
                _ => Diagnostic::error(message, span).with_label(label),
            };
            if expected_text == "identifier" && found_text == "`{`" {
                diagnostic.with_help("IDL types are named: write `struct Name { … }`")
            } else {
                diagnostic
            }
        }
    }
}

/// The end of the last token before `position`, when a line break separates them (a line
/// comment after that token is skipped).
fn end_of_previous_line(text: &str, position: usize) -> Option<usize> {
    let before = text.get(..position)?.trim_end();
    if !text.get(before.len()..position)?.contains('\n') || before.ends_with("*/") {
        return None;
    }
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.get(line_start..)?;
    let code = match line.find("//") {
        Some(comment) => line.get(..comment)?.trim_end(),
        None => line,
    };
    (!code.trim().is_empty()).then_some(line_start + code.len())
}

/// The byte offset an error points at.
fn location(error: &Error<Rule>) -> usize {
    match error.location {
        InputLocation::Pos(pos) => pos,
        InputLocation::Span((start, _)) => start,
    }
}

/// Serializes the parses that turn pest's process-wide error-detail switch on.
static DETAIL: Mutex<()> = Mutex::new(());

/// Turns error detail off again when dropped, even if the parse panicked.
struct DetailOff;

impl Drop for DetailOff {
    fn drop(&mut self) {
        pest::set_error_detail(false);
    }
}

/// The error of a second parse of `text` with pest's parse-attempt tracking on.
fn reparse_with_detail(text: &str) -> Option<Error<Rule>> {
    let _lock = DETAIL.lock().unwrap_or_else(PoisonError::into_inner);
    pest::set_error_detail(true);
    let _off = DetailOff;
    IdlParser::parse(Rule::specification, text).err()
}

#[cfg(test)]
mod tests;
