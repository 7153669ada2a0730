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
//! * `pairs`: small helpers to walk a pair's children;
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

use std::ops::Range;

use pest::Parser as _;

use crate::{
    ast::Specification,
    diagnostic::{Diagnostic, Diagnostics},
    preprocess::Preprocessed,
    source::Span,
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
    let depth = match nesting::check(unit) {
        Ok(depth) => depth,
        Err(diagnostic) => {
            diagnostics.push(*diagnostic);
            return None;
        }
    };
    if depth <= INLINE_DEPTH {
        return parse_unit(unit, diagnostics);
    }
    let stack_size = STACK_BASE + depth * STACK_PER_LEVEL;
    let on_thread = std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("orbit-idl-parser".to_owned())
            .stack_size(stack_size)
            .spawn_scoped(scope, || {
                let mut found = Diagnostics::new();
                let spec = parse_unit(unit, &mut found);
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
        None => parse_unit(unit, diagnostics),
    }
}

/// Parses a unit whose nesting is known to be within the limit.
fn parse_unit(unit: &Preprocessed, diagnostics: &mut Diagnostics) -> Option<Specification> {
    let mut pairs = match IdlParser::parse(Rule::specification, &unit.text) {
        Ok(pairs) => pairs,
        Err(error) => {
            diagnostics.push(error::syntax_error(unit, &error));
            return None;
        }
    };
    let spec = pairs.next()?;
    let mut ctx = Ctx::new(unit, diagnostics);
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
}

impl<'a> Ctx<'a> {
    fn new(unit: &'a Preprocessed, diagnostics: &'a mut Diagnostics) -> Self {
        Ctx {
            unit,
            diagnostics,
            too_deep: false,
        }
    }

    /// The source span of a pest span of the unit.
    fn span(&self, span: pest::Span<'_>) -> Span {
        self.range_span(span.start()..span.end())
    }

    /// The source span of a byte range of the unit.
    fn range_span(&self, range: Range<usize>) -> Span {
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
        doc::doc_before(&self.unit.text, start)
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
