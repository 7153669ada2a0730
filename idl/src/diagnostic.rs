//! Diagnostics: plain data describing what is wrong and where, and renderers for people
//! (rustc-style, through codespan-reporting) and for tools (one JSON object per line).
//!
//! A [`Diagnostic`] holds a severity, a short lowercase message, a primary [`Label`] on the
//! smallest span that shows the problem, optional secondary labels, and notes/help lines. Every
//! stage of the front end pushes into one [`Diagnostics`] list and keeps going where it safely can,
//! so a user sees every error of a file in one run.

use codespan_reporting::{
    diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel},
    term,
};
use serde::Serialize;

use crate::source::{SourceMap, Span};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Extra information attached to the run.
    Note,
    /// Suspicious but accepted input.
    Warning,
    /// Input that is rejected.
    Error,
}

/// A span with a message shown under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is shown under the span (may be empty).
    pub message: String,
}

/// One problem found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Short lowercase message without a trailing period; code goes in backticks.
    pub message: String,
    /// The exact place of the problem, when there is one.
    pub primary: Option<Label>,
    /// Related places (the earlier declaration of a duplicate, say).
    pub secondary: Vec<Label>,
    /// `note:` lines.
    pub notes: Vec<String>,
    /// `help:` lines.
    pub help: Vec<String>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(message: impl Into<String>, span: Span) -> Self {
        Self::new(Severity::Error, message, Some(span))
    }

    /// A warning at `span`.
    pub fn warning(message: impl Into<String>, span: Span) -> Self {
        Self::new(Severity::Warning, message, Some(span))
    }

    /// An error not tied to a place in a source file (an unreadable root file, say).
    pub fn error_without_span(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message, None)
    }

    fn new(severity: Severity, message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic {
            severity,
            message: message.into(),
            primary: span.map(|span| Label {
                span,
                message: String::new(),
            }),
            secondary: Vec::new(),
            notes: Vec::new(),
            help: Vec::new(),
        }
    }

    /// Sets the text under the primary span.
    pub fn with_label(mut self, message: impl Into<String>) -> Self {
        if let Some(primary) = &mut self.primary {
            primary.message = message.into();
        }
        self
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a `note:` line.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds a `help:` line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// Whether this diagnostic rejects the input.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic as a codespan-reporting diagnostic, for renderers that write to a terminal
    /// with colours (the `idlc` command line and build scripts).
    pub fn to_codespan(&self) -> CsDiagnostic<crate::source::FileId> {
        let base = match self.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
            Severity::Note => CsDiagnostic::note(),
        };
        let mut labels = Vec::new();
        if let Some(primary) = &self.primary {
            labels.push(
                CsLabel::primary(primary.span.file, primary.span.range())
                    .with_message(&primary.message),
            );
        }
        labels.extend(self.secondary.iter().map(|label| {
            CsLabel::secondary(label.span.file, label.span.range()).with_message(&label.message)
        }));
        let notes = self
            .notes
            .iter()
            .map(|n| format!("note: {n}"))
            .chain(self.help.iter().map(|h| format!("help: {h}")))
            .collect();
        base.with_message(&self.message)
            .with_labels(labels)
            .with_notes(notes)
    }

    /// Renders the diagnostic rustc-style, without colours.
    pub fn render(&self, sources: &SourceMap) -> String {
        let config = term::Config::default();
        term::emit_into_string(&config, sources, &self.to_codespan())
            .unwrap_or_else(|_| format!("{}: {}\n", severity_word(self.severity), self.message))
    }

    /// The diagnostic as one JSON object (no trailing newline) with `file`, `line`, `column`
    /// (1-based), `end_line`, `end_column`, `severity`, `message`, `notes` and `help`.
    pub fn to_json(&self, sources: &SourceMap) -> String {
        #[derive(Serialize)]
        struct Json<'a> {
            file: Option<&'a str>,
            line: Option<usize>,
            column: Option<usize>,
            end_line: Option<usize>,
            end_column: Option<usize>,
            severity: Severity,
            message: &'a str,
            label: Option<&'a str>,
            notes: &'a [String],
            help: &'a [String],
        }
        let (file, start, end) = match &self.primary {
            Some(label) => {
                let file = sources.file(label.span.file);
                (
                    Some(file.name.as_str()),
                    Some(file.line_col(label.span.start as usize)),
                    Some(file.line_col(label.span.end as usize)),
                )
            }
            None => (None, None, None),
        };
        let json = Json {
            file,
            line: start.map(|p| p.0),
            column: start.map(|p| p.1),
            end_line: end.map(|p| p.0),
            end_column: end.map(|p| p.1),
            severity: self.severity,
            message: &self.message,
            label: self
                .primary
                .as_ref()
                .map(|l| l.message.as_str())
                .filter(|m| !m.is_empty()),
            notes: &self.notes,
            help: &self.help,
        };
        serde_json::to_string(&json).unwrap_or_default()
    }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// Every diagnostic of one compilation, in the order they were found.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.list.iter().filter(|d| d.is_error()).count()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The diagnostics, in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.list.iter()
    }

    /// Sorts by file, then position, keeping the found order among equals, and drops exact
    /// repeats so one problem is reported once.
    pub fn sort(&mut self) {
        self.list
            .sort_by_key(|d| d.primary.as_ref().map(|l| (l.span.file, l.span.start)));
        self.list.dedup();
    }

    /// Renders every diagnostic rustc-style, without colours, followed by a summary line when
    /// there were errors.
    pub fn render(&self, sources: &SourceMap) -> String {
        let mut out = String::new();
        for diagnostic in &self.list {
            out.push_str(&diagnostic.render(sources));
        }
        out
    }

    /// One JSON object per diagnostic, each on its own line.
    pub fn to_json_lines(&self, sources: &SourceMap) -> String {
        let mut out = String::new();
        for diagnostic in &self.list {
            out.push_str(&diagnostic.to_json(sources));
            out.push('\n');
        }
        out
    }

    /// Moves every diagnostic of `other` into this list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.list.extend(other.list);
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}
