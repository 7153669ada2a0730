//! Conditional groups: `#if`, `#ifdef`, `#ifndef`, `#elif`, `#else`, `#endif`, and the
//! preparation of `#if` expressions (`defined`, macro expansion, other identifiers as `0`).

use super::{
    directive::{Cursor, DirectiveLine, Tok, TokKind},
    engine::Engine,
    expr::{self, ETok, Tk, Value},
};
use crate::{diagnostic::Diagnostic, source::Span};

/// The open conditional groups of one file (they must close in the file that opens them).
#[derive(Debug, Default)]
pub(crate) struct CondStack {
    frames: Vec<Frame>,
}

#[derive(Debug)]
struct Frame {
    /// The opening directive as written (`if`, `ifdef`, `ifndef`).
    name: &'static str,
    /// From the `#` to the end of the directive name.
    span: Span,
    state: State,
    /// The `#else`, once met.
    else_span: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// In the group being taken.
    Taking,
    /// No group taken yet: a later `#elif` or `#else` may be.
    Waiting,
    /// A group was taken already: the rest are skipped.
    Done,
    /// Inside a skipped group: every group is skipped and nothing is checked.
    Dead,
}

impl CondStack {
    /// Whether text here is active.
    pub(crate) fn active(&self) -> bool {
        self.frames.last().is_none_or(|f| f.state == State::Taking)
    }

    /// Handles a conditional directive (`name` is the directive word).
    pub(crate) fn directive(
        &mut self,
        engine: &mut Engine<'_>,
        line: &DirectiveLine,
        mut cursor: Cursor<'_>,
        name: &str,
        name_span: Span,
    ) {
        let span = Span::new(line.file, line.hash..name_span.end as usize);
        let active = self.active();
        match name {
            "if" | "ifdef" | "ifndef" => {
                let (name, state) = match name {
                    "if" => ("if", Self::open(active, || engine.eval(line, cursor, "if"))),
                    "ifdef" => (
                        "ifdef",
                        Self::open(active, || engine.defined(line, cursor, "ifdef")),
                    ),
                    _ => (
                        "ifndef",
                        Self::open(active, || !engine.defined(line, cursor, "ifndef")),
                    ),
                };
                self.frames.push(Frame {
                    name,
                    span,
                    state,
                    else_span: None,
                });
            }
            "elif" | "else" => {
                let Some(frame) = self.frames.last_mut() else {
                    engine.fatal(
                        Diagnostic::error(format!("`#{name}` without `#if`"), span)
                            .with_label("no open `#if` in this file"),
                    );
                    return;
                };
                if let Some(else_span) = frame.else_span {
                    engine.fatal(
                        Diagnostic::error(format!("`#{name}` after `#else`"), span)
                            .with_secondary(else_span, "the `#else` is here"),
                    );
                    return;
                }
                if name == "else" {
                    frame.else_span = Some(span);
                    if frame.state != State::Dead {
                        engine.expect_end(line, &mut cursor, "else");
                    }
                }
                frame.state = match frame.state {
                    State::Taking | State::Done => State::Done,
                    State::Dead => State::Dead,
                    State::Waiting if name == "else" => State::Taking,
                    State::Waiting => {
                        if engine.eval(line, cursor, "elif") {
                            State::Taking
                        } else {
                            State::Waiting
                        }
                    }
                };
            }
            _ => match self.frames.pop() {
                Some(frame) => {
                    if frame.state != State::Dead {
                        engine.expect_end(line, &mut cursor, "endif");
                    }
                }
                None => engine.fatal(
                    Diagnostic::error("`#endif` without `#if`", span)
                        .with_label("no open `#if` in this file"),
                ),
            },
        }
    }

    fn open(active: bool, condition: impl FnOnce() -> bool) -> State {
        match (active, active && condition()) {
            (false, _) => State::Dead,
            (true, true) => State::Taking,
            (true, false) => State::Waiting,
        }
    }

    /// Reports every group still open at the end of the file.
    pub(crate) fn report_unterminated(self, engine: &mut Engine<'_>) {
        for frame in self.frames {
            engine.fatal(
                Diagnostic::error(format!("unterminated `#{}`", frame.name), frame.span)
                    .with_label("no matching `#endif` in this file"),
            );
        }
    }
}

impl Engine<'_> {
    /// `#ifdef NAME` / `#ifndef NAME`: whether `NAME` is defined.
    fn defined(&mut self, line: &DirectiveLine, mut cursor: Cursor<'_>, directive: &str) -> bool {
        match cursor.next() {
            Some(tok) if tok.kind == TokKind::Ident => {
                let defined = self.macros.contains(cursor.str_of(tok));
                self.expect_end(line, &mut cursor, directive);
                defined
            }
            found => {
                self.expected_macro_name(line, &cursor, found, &format!("`#{directive}`"));
                false
            }
        }
    }

    fn expected_macro_name(
        &mut self,
        line: &DirectiveLine,
        cursor: &Cursor<'_>,
        found: Option<Tok>,
        after: &str,
    ) {
        let (found, span) = match found {
            Some(tok) => (format!("`{}`", cursor.str_of(tok)), line.span(tok.range())),
            None => ("end of line".to_owned(), line.end_span()),
        };
        self.diagnostics.push(Diagnostic::error(
            format!("expected a macro name after {after}, found {found}"),
            span,
        ));
    }

    /// Evaluates the expression of `#if` or `#elif`; a broken one is reported and is false.
    fn eval(&mut self, line: &DirectiveLine, cursor: Cursor<'_>, directive: &str) -> bool {
        let mut tokens = Vec::new();
        if !self.expression_tokens(line, cursor, &mut tokens) {
            return false;
        }
        if tokens.is_empty() {
            self.diagnostics.push(
                Diagnostic::error(
                    format!("missing expression after `#{directive}`"),
                    line.end_span(),
                )
                .with_label("expected an expression"),
            );
            return false;
        }
        match expr::evaluate(&tokens, line.end_span()) {
            Ok(value) => value.is_true(),
            Err(error) => {
                let mut diagnostic = Diagnostic::error(error.message, error.span);
                if let Some(help) = error.help {
                    diagnostic = diagnostic.with_help(help);
                }
                self.diagnostics.push(diagnostic);
                false
            }
        }
    }

    /// Turns the directive's tokens into expression tokens: `defined` answered, macros expanded,
    /// other identifiers `0`. Returns false after reporting a problem.
    fn expression_tokens(
        &mut self,
        line: &DirectiveLine,
        cursor: Cursor<'_>,
        out: &mut Vec<ETok>,
    ) -> bool {
        self.push_expression_tokens(line, cursor, None, out)
    }

    /// `use_site` is `Some` for the text of a macro expansion: its tokens all map there, and it is
    /// not expanded again (it already is, fully).
    fn push_expression_tokens(
        &mut self,
        line: &DirectiveLine,
        mut cursor: Cursor<'_>,
        use_site: Option<Span>,
        out: &mut Vec<ETok>,
    ) -> bool {
        let span_of = |tok: Tok| use_site.unwrap_or_else(|| line.span(tok.range()));
        while let Some(tok) = cursor.next() {
            let text = cursor.str_of(tok);
            let span = span_of(tok);
            if tok.kind == TokKind::Ident && text == "defined" {
                let operand = match cursor.next() {
                    Some(t) if t.kind == TokKind::Punct && cursor.str_of(t) == "(" => {
                        match (cursor.next(), cursor.next()) {
                            (Some(name), Some(close))
                                if name.kind == TokKind::Ident && cursor.str_of(close) == ")" =>
                            {
                                Some((name, close))
                            }
                            _ => None,
                        }
                    }
                    Some(t) if t.kind == TokKind::Ident => Some((t, t)),
                    _ => None,
                };
                let Some((name, last)) = operand else {
                    let message = "expected a macro name after `defined`";
                    let at = use_site.unwrap_or(span);
                    self.diagnostics.push(
                        Diagnostic::error(message, at)
                            .with_help("write `defined(NAME)` or `defined NAME`"),
                    );
                    return false;
                };
                let value = self.macros.contains(cursor.str_of(name));
                out.push(ETok {
                    tk: Tk::Int(Value::signed(i64::from(value))),
                    text: "defined".into(),
                    span: span.to(span_of(last)),
                });
                continue;
            }
            if tok.kind == TokKind::Ident && use_site.is_none() && self.macros.contains(text) {
                let mut expansion = String::new();
                if let Err(error) = self.macros.expand(text, &mut expansion) {
                    self.expansion_error(error, text, span);
                    return false;
                }
                if !self.push_expression_tokens(line, Cursor::new(&expansion), Some(span), out) {
                    return false;
                }
                continue;
            }
            match expr::classify(tok.kind, text) {
                Ok(tk) => out.push(ETok {
                    tk,
                    text: text.into(),
                    span,
                }),
                Err(message) => {
                    self.diagnostics.push(Diagnostic::error(message, span));
                    return false;
                }
            }
        }
        true
    }
}
