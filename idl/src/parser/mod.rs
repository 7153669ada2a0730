//! The pest grammar of OMG IDL 4.2 and the translation of its parse tree into the [`ast`].
//!
//! Parsing runs in three steps, each of which can stop with a diagnostic:
//!
//! 1. a pre-scan refuses input whose brackets nest deeper than [`MAX_NESTING`], so neither the
//!    grammar nor the AST builder can exhaust the stack;
//! 2. the pest grammar (`idl.pest`) matches the whole unit; a syntax error becomes one precise
//!    diagnostic ("expected `;`, found `}`");
//! 3. one function per rule turns the pairs into the AST, decoding literals (and reporting bad
//!    escapes and numbers) and attaching doc comments.
//!
//! # Organization
//!
//! * this module: the entry point [`parse`] and the builder context;
//! * `grammar`: the pest-derived parser and its `Rule`s;
//! * `pairs`: the parse tree as the builder reads it, and helpers to walk a pair's children;
//! * `nesting`: the bracket-depth pre-scan;
//! * `error`: pest errors to diagnostics;
//! * `doc`: doc comments read from the text before a node;
//! * `literal`: decoding and checking of number, character and string literals;
//! * `expr`: names and constant expressions;
//! * `definition`: the specification, modules, constants, typedefs and the definition dispatch;
//! * `types`: type specifiers, declarators, structs, unions, enums, bitsets and bitmasks;
//! * `interface`: interfaces, operations, attributes and exceptions;
//! * `annotation`: annotation applications and declarations;
//! * `value`: value types, value boxes and factories;
//! * `ccm`: components, homes, event types, ports, connectors and template modules.
//!
//! [`ast`]: crate::ast

mod annotation;
mod ccm;
mod definition;
mod doc;
mod error;
mod expr;
mod grammar;
mod interface;
mod literal;
mod nesting;
mod pairs;
mod types;
mod value;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod test_util;

use std::{cell::Cell, ops::Range};

use pest::Parser as _;

use crate::{
    ast::Specification,
    diagnostic::{Diagnostic, Diagnostics},
    preprocess::Preprocessed,
    source::{FileId, Span},
};
use grammar::{IdlParser, Rule};

/// How deeply brackets, braces and parentheses may nest before the input is refused with a
/// diagnostic (instead of overflowing the stack).
pub const MAX_NESTING: usize = 256;

/// The message of every nesting diagnostic.
const NESTING_MESSAGE: &str = "nesting deeper than 256 levels";

/// Up to this bracket depth the parse runs on the caller's stack; deeper units get a thread
/// with a stack sized for their depth, so the limit holds even on small stacks (test threads,
/// debug builds, where pest's generated code needs several kilobytes per level).
const INLINE_DEPTH: usize = 32;

/// Stack for a deep unit: a base plus this much per bracket level.
const STACK_BASE: usize = 1 << 20;
/// See [`STACK_BASE`].
const STACK_PER_LEVEL: usize = 32 << 10;

/// Parses a preprocessed translation unit. Syntax errors go to `diagnostics`; `None` when the
/// unit could not be parsed.
pub fn parse(unit: &Preprocessed, diagnostics: &mut Diagnostics) -> Option<Specification> {
    let prescan = match nesting::check(unit) {
        Ok(prescan) => prescan,
        Err(diagnostic) => {
            diagnostics.push(*diagnostic);
            return None;
        }
    };
    let depth = prescan.depth;
    if depth <= INLINE_DEPTH {
        return parse_unit(unit, &prescan, diagnostics);
    }
    let stack_size = STACK_BASE + depth * STACK_PER_LEVEL;
    let on_thread = std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("orbit-idl-parser".to_owned())
            .stack_size(stack_size)
            .spawn_scoped(scope, || {
                let mut found = Diagnostics::new();
                let spec = parse_unit(unit, &prescan, &mut found);
                (spec, found)
            })
            .ok()?;
        Some(match thread.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        })
    });
    match on_thread {
        Some((spec, found)) => {
            diagnostics.extend(found);
            spec
        }
        // No thread could be started: parse here, with pest's stack guard as the safety net.
        None => parse_unit(unit, &prescan, diagnostics),
    }
}

/// Parses a unit whose nesting is known to be within the limit.
fn parse_unit(
    unit: &Preprocessed,
    prescan: &nesting::Prescan,
    diagnostics: &mut Diagnostics,
) -> Option<Specification> {
    let parsed = match IdlParser::parse(Rule::specification, &unit.text) {
        Ok(parsed) => parsed,
        Err(error) => {
            diagnostics.push(error::syntax_error(unit, &error));
            return None;
        }
    };
    let tree = pairs::Tree::new(parsed, &unit.text);
    let spec = tree.roots().next()?;
    let docs = doc::Docs::new(&unit.text, &prescan.comment_lines);
    let mut ctx = Ctx::new(unit, docs, diagnostics);
    let specification = definition::parse_specification(spec, &mut ctx);
    if ctx.too_deep {
        return None;
    }
    Some(specification)
}

/// What every builder function needs: the unit (for spans and doc comments) and somewhere to
/// report literal problems.
pub(crate) struct Ctx<'a> {
    unit: &'a Preprocessed,
    diagnostics: &'a mut Diagnostics,
    /// Set once an expression grew deeper than [`MAX_NESTING`]; the tree is then discarded.
    too_deep: bool,
    /// The verbatim copy of the unit the last span fell in (see [`OffsetMap::copy_at`]): spans
    /// are asked for in nearly increasing order, so most fall in the same copy and need no
    /// search of the map.
    ///
    /// [`OffsetMap::copy_at`]: crate::preprocess::OffsetMap::copy_at
    copy: Cell<CopyRun>,
    /// The unit's doc comments.
    docs: doc::Docs<'a>,
}

/// A cached verbatim copy: unit bytes `start..end` come from `file` at `file_start` onwards.
#[derive(Clone, Copy, Default)]
struct CopyRun {
    start: usize,
    end: usize,
    file: FileId,
    file_start: u32,
}

impl CopyRun {
    /// The file offset of unit offset `offset`, which lies in the copy.
    fn file_offset(&self, offset: usize) -> u32 {
        let distance = u32::try_from(offset - self.start).unwrap_or(u32::MAX);
        self.file_start.saturating_add(distance)
    }

    /// The span of `range` when it lies in the copy, as [`OffsetMap::span`] gives it.
    ///
    /// [`OffsetMap::span`]: crate::preprocess::OffsetMap::span
    fn span(&self, range: &Range<usize>) -> Option<Span> {
        if range.start < self.start || range.start >= self.end || range.end > self.end {
            return None;
        }
        let start = self.file_offset(range.start);
        let end = if range.end > range.start {
            self.file_offset(range.end - 1).saturating_add(1)
        } else {
            start
        };
        Some(Span {
            file: self.file,
            start,
            end,
        })
    }
}

impl<'a> Ctx<'a> {
    fn new(unit: &'a Preprocessed, docs: doc::Docs<'a>, diagnostics: &'a mut Diagnostics) -> Self {
        Ctx {
            unit,
            diagnostics,
            too_deep: false,
            copy: Cell::new(CopyRun::default()),
            docs,
        }
    }

    /// The source span of a span of the unit.
    fn span(&self, span: pairs::TextSpan<'_>) -> Span {
        self.range_span(span.start()..span.end())
    }

    /// The source span of a byte range of the unit.
    fn range_span(&self, range: Range<usize>) -> Span {
        if let Some(span) = self.copy.get().span(&range) {
            return span;
        }
        if let Some((unit, file, file_start)) = self.unit.map.copy_at(range.start) {
            let copy = CopyRun {
                start: unit.start,
                end: unit.end,
                file,
                file_start,
            };
            self.copy.set(copy);
            if let Some(span) = copy.span(&range) {
                return span;
            }
        }
        self.unit.map.span(range)
    }

    /// Reports an error at a byte range of the unit.
    fn error(&mut self, message: impl Into<String>, range: Range<usize>) {
        let span = self.range_span(range);
        self.diagnostics.push(Diagnostic::error(message, span));
    }

    /// Reports a finished diagnostic.
    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The doc comment directly before unit offset `start`.
    fn doc(&self, start: usize) -> Option<String> {
        self.docs.before(start)
    }

    /// Reports (once) that an expression nests too deeply; the parse then yields no tree.
    fn nesting_too_deep_at(&mut self, span: Span) {
        if !self.too_deep {
            self.too_deep = true;
            self.diagnostics.push(
                Diagnostic::error(NESTING_MESSAGE, span)
                    .with_label("the expression nests too deeply here")
                    .with_note("every operator of a chain counts as one level"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preprocess::OffsetMap;

    /// The cached spans are the spans the offset map gives, across copies of several files and
    /// macro expansions, for ranges asked for in any order.
    #[test]
    fn cached_spans_equal_the_offset_maps() {
        let mut map = OffsetMap::default();
        map.push_copy(0, FileId(0), 0);
        map.push_copy(10, FileId(1), 0);
        map.push_expansion(20, Span::new(FileId(1), 10..13));
        map.push_copy(25, FileId(1), 13);
        map.push_copy(40, FileId(0), 10);
        let unit = Preprocessed {
            text: "x".repeat(50),
            map,
            ..Preprocessed::default()
        };
        let mut diagnostics = Diagnostics::new();
        let ctx = Ctx::new(&unit, doc::Docs::new(&unit.text, &[]), &mut diagnostics);
        let mut ranges = Vec::new();
        for start in 0usize..55 {
            for end in start.saturating_sub(2)..58 {
                ranges.push(start..end);
            }
        }
        // Increasing order, then a scrambled one.
        for range in ranges.iter().chain(ranges.iter().rev().step_by(7)) {
            assert_eq!(
                ctx.range_span(range.clone()),
                unit.map.span(range.clone()),
                "{range:?}"
            );
        }
    }
}
