//! `#define`, `#undef` and the `-D` options: checking names, refusing function-like macros, and
//! warning when a macro is redefined with another value.

use std::ops::Range;

use super::{
    directive::{Cursor, DirectiveLine, TokKind},
    engine::Engine,
    lines::{is_ident_continue, is_ident_start},
};
use crate::diagnostic::Diagnostic;

impl Engine<'_> {
    /// Defines the `-D` macros of the options (a name without a value is `1`).
    pub(crate) fn define_options(&mut self) {
        for (name, value) in &self.options.defines {
            let valid = name.bytes().next().is_some_and(is_ident_start)
                && name.bytes().all(is_ident_continue);
            if !valid {
                let diagnostic = if name.contains('(') {
                    Diagnostic::error_without_span(format!(
                        "function-like macros are not supported: `-D {name}`"
                    ))
                } else {
                    Diagnostic::error_without_span(format!("invalid macro name `{name}` in `-D`"))
                };
                self.diagnostics.push(diagnostic);
                continue;
            }
            if name == "defined" {
                self.diagnostics.push(Diagnostic::error_without_span(
                    "`defined` cannot be used as a macro name",
                ));
                continue;
            }
            let value = value.as_deref().unwrap_or("1");
            self.macros.define(name, value, None);
        }
    }

    /// `#define NAME value`
    pub(crate) fn define_directive(&mut self, line: &DirectiveLine, mut cursor: Cursor<'_>) {
        let Some((name, name_range)) = self.macro_name(line, &mut cursor, "define") else {
            return;
        };
        let after = cursor.pos();
        if line.text.as_bytes().get(after) == Some(&b'(') {
            let close = line
                .text
                .get(after..)
                .and_then(|rest| rest.find(')'))
                .map_or(line.text.len(), |i| after + i + 1);
            self.diagnostics.push(
                Diagnostic::error(
                    "function-like macros are not supported",
                    line.span(name_range.start..close),
                )
                .with_note(
                    "Orbit's preprocessor supports object-like macros only (`#define NAME value`)",
                )
                .with_help(
                    "IDL can say this without a macro: a `const`, a `typedef` or an `#include`",
                ),
            );
            return;
        }
        let (value, _) = cursor.rest();
        let span = line.span(name_range);
        if let Some(old) = self.macros.define(name, value, Some(span)) {
            let new_value = self.macros.get(name).map(|m| m.value.as_str());
            if new_value != Some(old.value.as_str()) {
                let mut warning = Diagnostic::warning(format!("macro `{name}` redefined"), span)
                    .with_label("with a different value");
                warning = match old.defined_at {
                    Some(previous) => warning.with_secondary(previous, "previous definition"),
                    None => warning
                        .with_note(format!("previously defined by `-D {name}={}`", old.value)),
                };
                self.diagnostics.push(warning);
            }
        }
    }

    /// `#undef NAME`
    pub(crate) fn undef_directive(&mut self, line: &DirectiveLine, mut cursor: Cursor<'_>) {
        if let Some((name, _)) = self.macro_name(line, &mut cursor, "undef") {
            self.macros.undefine(name);
            self.expect_end(line, &mut cursor, "undef");
        }
    }

    /// The macro name after `#define` or `#undef`, and its range in the directive text.
    fn macro_name<'c>(
        &mut self,
        line: &DirectiveLine,
        cursor: &mut Cursor<'c>,
        directive: &str,
    ) -> Option<(&'c str, Range<usize>)> {
        match cursor.next() {
            Some(tok) if tok.kind == TokKind::Ident => {
                let name = cursor.str_of(tok);
                if name == "defined" {
                    self.diagnostics.push(Diagnostic::error(
                        "`defined` cannot be used as a macro name",
                        line.span(tok.range()),
                    ));
                    return None;
                }
                Some((name, tok.range()))
            }
            found => {
                let (found, span) = match found {
                    Some(tok) => (format!("`{}`", cursor.str_of(tok)), line.span(tok.range())),
                    None => ("end of line".to_owned(), line.end_span()),
                };
                self.diagnostics.push(Diagnostic::error(
                    format!("expected a macro name after `#{directive}`, found {found}"),
                    span,
                ));
                None
            }
        }
    }
}
