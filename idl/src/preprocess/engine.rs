//! The driver: walks each file line by line, copies active text into the translation unit in
//! whole runs, substitutes macros, and hands directive lines to their handlers.

use std::{mem, ops::Range, rc::Rc};

use super::{
    PreprocessOptions, Preprocessed,
    conditional::CondStack,
    directive::{Cursor, DirectiveLine, TokKind},
    include::IncludeState,
    lines::{LineSink, Unterminated, scan_line, skip_hspace},
    loader::SourceLoader,
    macros::{ExpandError, MAX_EXPANSION_BYTES, MAX_EXPANSION_DEPTH, MacroTable},
    pragma::{self, Pragma},
};
use crate::{
    diagnostic::{Diagnostic, Diagnostics},
    source::{FileId, SourceMap, Span},
};

/// The state of one preprocessing run.
pub(crate) struct Engine<'a> {
    pub(crate) sources: &'a mut SourceMap,
    pub(crate) options: &'a PreprocessOptions,
    pub(crate) loader: &'a dyn SourceLoader,
    pub(crate) diagnostics: &'a mut Diagnostics,
    pub(crate) unit: Preprocessed,
    pub(crate) macros: MacroTable,
    pub(crate) includes: IncludeState,
    /// The directive buffers, reused from one directive to the next.
    line: DirectiveLine,
    /// Set once the unit's expansion budget is spent and reported, to report it once.
    expansion_budget_reported: bool,
}

impl<'a> Engine<'a> {
    pub(crate) fn new(
        sources: &'a mut SourceMap,
        options: &'a PreprocessOptions,
        loader: &'a dyn SourceLoader,
        diagnostics: &'a mut Diagnostics,
    ) -> Self {
        Engine {
            sources,
            options,
            loader,
            diagnostics,
            unit: Preprocessed::default(),
            macros: MacroTable::new(),
            includes: IncludeState::default(),
            line: DirectiveLine::default(),
            expansion_budget_reported: false,
        }
    }

    /// Reports an error that makes the unit unfit for parsing.
    pub(crate) fn fatal(&mut self, diagnostic: Diagnostic) {
        self.unit.fatal = true;
        self.diagnostics.push(diagnostic);
    }

    /// Preprocesses `file` into the unit: its active text, and the files it includes.
    pub(crate) fn run_file(&mut self, file: FileId) {
        // A copy, so the source map can grow (includes) while we read this file.
        let text: Rc<str> = Rc::from(self.sources.file(file).text.as_str());
        let src: &str = &text;
        let bytes = src.as_bytes();
        let mut conds = CondStack::default();
        let mut pos = 0;
        let mut copy_from = 0;
        let mut comment_open = false;
        while pos < bytes.len() {
            let first = skip_hspace(bytes, pos);
            if bytes.get(first) == Some(&b'#') {
                if conds.active() {
                    self.copy(file, src, copy_from..pos);
                }
                let mut line = mem::take(&mut self.line);
                let outcome = line.read(file, src, first);
                if let Some(at) = outcome.unterminated_comment {
                    self.lex_error(Unterminated::Comment, file, at);
                    comment_open = true;
                }
                self.directive(&line, &mut conds);
                self.line = line;
                pos = outcome.next;
                copy_from = pos;
            } else if conds.active() {
                let mut sink = ActiveSink {
                    engine: self,
                    file,
                    src,
                    copy_from: &mut copy_from,
                    comment_open: &mut comment_open,
                };
                pos = scan_line(bytes, pos, &mut sink);
            } else {
                let mut sink = InactiveSink {
                    engine: self,
                    file,
                    comment_open: &mut comment_open,
                };
                pos = scan_line(bytes, pos, &mut sink);
                copy_from = pos;
            }
        }
        if conds.active() {
            self.copy(file, src, copy_from..bytes.len());
        }
        self.ensure_newline(file, bytes.len());
        if !comment_open {
            conds.report_unterminated(self);
        }
    }

    /// Appends `range` of `file` to the unit.
    pub(crate) fn copy(&mut self, file: FileId, src: &str, range: Range<usize>) {
        if let Some(piece) = src.get(range.clone()).filter(|p| !p.is_empty()) {
            self.unit
                .map
                .push_copy(self.unit.text.len(), file, range.start);
            self.unit.text.push_str(piece);
        }
    }

    /// Ends the unit with a newline if it does not end with one, so the last token of a file
    /// without a final newline does not run into what follows. The newline maps to `at` in `file`.
    pub(crate) fn ensure_newline(&mut self, file: FileId, at: usize) {
        if !self.unit.text.is_empty() && !self.unit.text.ends_with('\n') {
            self.unit.map.push_copy(self.unit.text.len(), file, at);
            self.unit.text.push('\n');
        }
    }

    fn lex_error(&mut self, error: Unterminated, file: FileId, at: usize) {
        let (message, width, label) = match error {
            Unterminated::Comment => ("unterminated block comment", 2, "no matching `*/`"),
            Unterminated::String => ("unterminated string literal", 1, "missing closing `\"`"),
            Unterminated::Char => ("unterminated character literal", 1, "missing closing `'`"),
        };
        // A wide literal's `L` prefix belongs to the literal: point at it.
        let text = self.sources.file(file).text.as_bytes();
        let wide = error != Unterminated::Comment
            && at >= 1
            && text.get(at - 1) == Some(&b'L')
            && !(at >= 2
                && text
                    .get(at - 2)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_'));
        let start = if wide { at - 1 } else { at };
        let span = Span::new(file, start..at + width);
        self.fatal(Diagnostic::error(message, span).with_label(label));
    }

    /// Substitutes the macro used at `range` of `file`, if it is one.
    fn substitute(&mut self, file: FileId, src: &str, range: Range<usize>, copy_from: &mut usize) {
        let Some(name) = src.get(range.clone()) else {
            return;
        };
        if !self.macros.may_contain(name.as_bytes()) || !self.macros.contains(name) {
            return;
        }
        self.copy(file, src, *copy_from..range.start);
        *copy_from = range.start;
        let unit_start = self.unit.text.len();
        let use_site = Span::new(file, range.clone());
        match self.macros.expand(name, &mut self.unit.text) {
            Ok(()) => {
                self.unit.map.push_expansion(unit_start, use_site);
                *copy_from = range.end;
            }
            Err(error) => self.expansion_error(error, name, use_site),
        }
    }

    /// Reports a refused expansion (the unit's budget running out only once).
    pub(crate) fn expansion_error(&mut self, error: ExpandError, name: &str, use_site: Span) {
        let diagnostic = match error {
            ExpandError::TooDeep => Diagnostic::error(
                format!("macro `{name}` expands too deeply"),
                use_site,
            )
            .with_note(format!(
                "macros may expand into one another at most {MAX_EXPANSION_DEPTH} levels deep"
            )),
            ExpandError::TooLarge => {
                if self.expansion_budget_reported {
                    return;
                }
                self.expansion_budget_reported = true;
                Diagnostic::error(format!("macro `{name}` expands to too much text"), use_site)
                    .with_note(format!(
                        "one macro use may expand to at most {} KiB, and all of them together to a few MiB",
                        MAX_EXPANSION_BYTES / 1024
                    ))
            }
        };
        self.diagnostics.push(diagnostic);
    }

    /// Handles one directive line.
    fn directive(&mut self, line: &DirectiveLine, conds: &mut CondStack) {
        let mut cursor = Cursor::new(&line.text);
        let Some(name_tok) = cursor.next() else {
            return; // `#` alone: the null directive
        };
        let name = cursor.str_of(name_tok);
        let name_span = line.span(name_tok.range());
        let is_ident = name_tok.kind == TokKind::Ident;
        if is_ident && matches!(name, "if" | "ifdef" | "ifndef" | "elif" | "else" | "endif") {
            conds.directive(self, line, cursor, name, name_span);
            return;
        }
        if !conds.active() {
            return;
        }
        match (name_tok.kind, name) {
            (TokKind::Ident, "include") => self.include_directive(line, cursor, name_span),
            (TokKind::Ident, "define") => self.define_directive(line, cursor),
            (TokKind::Ident, "undef") => self.undef_directive(line, cursor),
            (TokKind::Ident, "line") => self.line_directive(line, cursor, name_span, false),
            (TokKind::Number, _) => {
                // `# 12 "file" 1`: a line marker, as C preprocessors write them.
                let cursor = Cursor::at(&line.text, name_tok.start);
                self.line_directive(line, cursor, name_span, true);
            }
            (TokKind::Ident, "pragma") => {
                let unit_offset = u32::try_from(self.unit.text.len()).unwrap_or(u32::MAX);
                if let Some(kind) = pragma::parse(line, cursor, self.diagnostics) {
                    self.unit.pragmas.push(Pragma {
                        kind,
                        span: line.whole_span(),
                        unit_offset,
                    });
                }
            }
            (TokKind::Ident, "error" | "warning") => {
                let (text, _) = cursor.rest();
                let message = if text.is_empty() {
                    format!("`#{name}` directive")
                } else {
                    text.to_owned()
                };
                let span = line.whole_span();
                let label = format!("reported by `#{name}`");
                if name == "error" {
                    self.fatal(Diagnostic::error(message, span).with_label(label));
                } else {
                    self.diagnostics
                        .push(Diagnostic::warning(message, span).with_label(label));
                }
            }
            _ => {
                self.diagnostics.push(Diagnostic::error(
                    format!("unknown preprocessor directive `#{name}`"),
                    name_span,
                ));
            }
        }
    }

    /// Reports anything left on a directive line after what `directive` takes.
    pub(crate) fn expect_end(
        &mut self,
        line: &DirectiveLine,
        cursor: &mut Cursor<'_>,
        directive: &str,
    ) {
        if cursor.at_end() {
            return;
        }
        let (_, range) = cursor.rest();
        self.diagnostics.push(
            Diagnostic::error(
                format!("extra tokens after `#{directive}`"),
                line.span(range),
            )
            .with_label("unexpected")
            .with_help("remove them, or turn them into a comment"),
        );
    }
}

/// Active text: report identifiers for macro substitution and lexical errors.
struct ActiveSink<'e, 'a, 's> {
    engine: &'e mut Engine<'a>,
    file: FileId,
    src: &'s str,
    copy_from: &'e mut usize,
    comment_open: &'e mut bool,
}

impl LineSink for ActiveSink<'_, '_, '_> {
    fn wants_identifiers(&self) -> bool {
        !self.engine.macros.is_empty()
    }

    fn identifier(&mut self, range: Range<usize>) {
        self.engine
            .substitute(self.file, self.src, range, self.copy_from);
    }

    fn lex_error(&mut self, error: Unterminated, at: usize) {
        if error == Unterminated::Comment {
            *self.comment_open = true;
        }
        self.engine.lex_error(error, self.file, at);
    }
}

/// Inactive text: only an unterminated comment matters (it swallows the rest of the file).
struct InactiveSink<'e, 'a> {
    engine: &'e mut Engine<'a>,
    file: FileId,
    comment_open: &'e mut bool,
}

impl LineSink for InactiveSink<'_, '_> {
    fn wants_identifiers(&self) -> bool {
        false
    }

    fn identifier(&mut self, _: Range<usize>) {}

    fn lex_error(&mut self, error: Unterminated, at: usize) {
        if error == Unterminated::Comment {
            *self.comment_open = true;
            self.engine.lex_error(error, self.file, at);
        }
    }
}
