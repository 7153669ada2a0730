//! Reporting front-end diagnostics to people and to tools.
//!
//! The front end ([`orbit_idl`]) collects every problem of a file as plain data. This module is
//! where they are written out, the same way from the `idlc` command line and (later) from build
//! scripts:
//!
//! * [`Emitter`] renders them rustc-style through codespan-reporting, in colour when the output
//!   is a terminal (see [`ColorMode`]), and ends each failed file with a summary line such as
//!   ``error: could not check `bank.idl` due to 2 previous errors``;
//! * [`json_lines`] writes one JSON object per diagnostic and line, for editors and scripts.

use std::io::{self, IsTerminal};

use codespan_reporting::term::{
    self, Config, Styles, StylesWriter,
    termcolor::{ColorChoice, StandardStream, WriteColor},
};
use orbit_idl::{Diagnostic, Diagnostics, Severity, SourceMap};
use serde_json::{Map, Value};

/// When human-readable output is coloured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorMode {
    /// Colour when the stream is a terminal, `TERM` is not `dumb` and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour, even into a pipe or a file.
    Always,
    /// Never colour.
    Never,
}

impl ColorMode {
    /// The termcolor choice for a stream, given whether that stream is a terminal.
    ///
    /// `Auto` leaves the `TERM` and `NO_COLOR` checks to termcolor, which makes them when the
    /// stream is created.
    pub fn choice(self, is_terminal: bool) -> ColorChoice {
        match self {
            ColorMode::Always => ColorChoice::Always,
            ColorMode::Never => ColorChoice::Never,
            ColorMode::Auto if is_terminal => ColorChoice::Auto,
            ColorMode::Auto => ColorChoice::Never,
        }
    }
}

/// Writes diagnostics for people: rustc-style snippets, then a summary line per file.
pub struct Emitter<W> {
    writer: W,
    config: Config,
    styles: Styles,
}

impl Emitter<StandardStream> {
    /// An emitter writing to standard error, coloured as `mode` says.
    pub fn stderr(mode: ColorMode) -> Self {
        let choice = mode.choice(io::stderr().is_terminal());
        Emitter::new(StandardStream::stderr(choice))
    }
}

impl<W: WriteColor> Emitter<W> {
    /// An emitter writing to `writer`; colours are used if `writer` supports them.
    pub fn new(writer: W) -> Self {
        Emitter {
            writer,
            config: Config::default(),
            styles: Styles::default(),
        }
    }

    /// The underlying writer (a buffer, in tests).
    pub fn into_inner(self) -> W {
        self.writer
    }

    /// Writes every diagnostic of a compilation, in order.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn emit(&mut self, sources: &SourceMap, diagnostics: &Diagnostics) -> io::Result<()> {
        diagnostics
            .iter()
            .try_for_each(|diagnostic| self.emit_one(sources, diagnostic))
    }

    /// Writes one diagnostic.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn emit_one(&mut self, sources: &SourceMap, diagnostic: &Diagnostic) -> io::Result<()> {
        let mut styled = StylesWriter::new(&mut self.writer, &self.styles);
        let result = term::emit_to_write_style(
            &mut styled,
            &self.config,
            sources,
            &diagnostic.to_codespan(),
        );
        match result {
            Ok(()) => Ok(()),
            Err(codespan_reporting::files::Error::Io(error)) => Err(error),
            // A span that does not fit its file: still say what is wrong, without the snippet.
            Err(_) => self.header(diagnostic.severity, &diagnostic.message),
        }
    }

    /// Writes the closing line for one file, if it needs one: ``error: could not {action}
    /// `{name}` due to N previous errors`` when there were errors (with the number of warnings
    /// appended), ``warning: `{name}` generated N warnings`` when there were only warnings.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn emit_summary(
        &mut self,
        action: &str,
        name: &str,
        diagnostics: &Diagnostics,
    ) -> io::Result<()> {
        match summary(action, name, diagnostics) {
            Some((severity, message)) => self.header(severity, &message),
            None => Ok(()),
        }
    }

    /// Flushes the writer.
    ///
    /// # Errors
    ///
    /// When flushing fails.
    pub fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }

    /// A rustc-style header line without a snippet: `error: message`.
    fn header(&mut self, severity: Severity, message: &str) -> io::Result<()> {
        let style = match severity {
            Severity::Error => &self.styles.header_error,
            Severity::Warning => &self.styles.header_warning,
            Severity::Note => &self.styles.header_note,
        };
        self.writer.set_color(style)?;
        write!(self.writer, "{}", severity_word(severity))?;
        self.writer.set_color(&self.styles.header_message)?;
        write!(self.writer, ": {message}")?;
        self.writer.reset()?;
        writeln!(self.writer)
    }
}

/// The severity and text of the summary line for one file (see [`Emitter::emit_summary`]), or
/// `None` when the file produced no errors and no warnings.
pub fn summary(action: &str, name: &str, diagnostics: &Diagnostics) -> Option<(Severity, String)> {
    let errors = diagnostics.error_count();
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if errors > 0 {
        let mut message = format!(
            "could not {action} `{name}` due to {}",
            plural(errors, "previous error")
        );
        if warnings > 0 {
            message.push_str(&format!("; {} emitted", plural(warnings, "warning")));
        }
        Some((Severity::Error, message))
    } else if warnings > 0 {
        Some((
            Severity::Warning,
            format!("`{name}` generated {}", plural(warnings, "warning")),
        ))
    } else {
        None
    }
}

/// The diagnostics as JSON, one object per line, each ending in `\n`.
///
/// Each object has `file`, `line`, `column`, `end_line`, `end_column` (1-based), `severity`,
/// `message`, `label`, `notes` and `help` (see [`Diagnostic::to_json`]), plus `rendered`, the
/// diagnostic as [`Emitter`] prints it without colours. A diagnostic without a position (an
/// unreadable file, say) has `file` set to `fallback_file` and `null` positions.
pub fn json_lines(sources: &SourceMap, diagnostics: &Diagnostics, fallback_file: &str) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let mut object = match serde_json::from_str::<Value>(&diagnostic.to_json(sources)) {
            Ok(Value::Object(object)) => object,
            _ => Map::new(),
        };
        if object.get("file").is_none_or(Value::is_null) {
            object.insert("file".into(), fallback_file.into());
        }
        object.insert("rendered".into(), diagnostic.render(sources).into());
        write_object(&mut out, object);
        out.push('\n');
    }
    out
}

/// The order keys are written in, so that a person reading the output sees where before what;
/// keys not listed follow in alphabetical order.
const JSON_KEY_ORDER: [&str; 11] = [
    "file",
    "line",
    "column",
    "end_line",
    "end_column",
    "severity",
    "message",
    "label",
    "notes",
    "help",
    "rendered",
];

fn write_object(out: &mut String, mut object: Map<String, Value>) {
    let mut entries: Vec<(String, Value)> = JSON_KEY_ORDER
        .iter()
        .filter_map(|&key| object.remove_entry(key))
        .collect();
    entries.extend(object);
    out.push('{');
    for (i, (key, value)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&Value::String(key).to_string());
        out.push(':');
        out.push_str(&value.to_string());
    }
    out.push('}');
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// `1 previous error`, `2 previous errors`.
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use codespan_reporting::term::termcolor::{Ansi, NoColor};
    use orbit_idl::Span;

    use super::*;

    fn sample() -> (SourceMap, Diagnostics) {
        let mut sources = SourceMap::new();
        let file = sources.add(
            "a.idl",
            "module M {\n  struct S { long a }\n};\n".to_owned(),
        );
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::error("expected `;`, found `}`", Span::new(file, 31..32))
                .with_label("expected `;`")
                .with_help("add `;` after the member"),
        );
        diagnostics.push(Diagnostic::warning("empty module", Span::new(file, 7..8)));
        (sources, diagnostics)
    }

    fn human(diagnostics: &Diagnostics, sources: &SourceMap) -> String {
        let mut emitter = Emitter::new(NoColor::new(Vec::new()));
        emitter.emit(sources, diagnostics).unwrap();
        emitter.emit_summary("check", "a.idl", diagnostics).unwrap();
        String::from_utf8(emitter.into_inner().into_inner()).unwrap()
    }

    #[test]
    fn human_output_matches_the_plain_renderer_and_ends_with_a_summary() {
        let (sources, diagnostics) = sample();
        let text = human(&diagnostics, &sources);
        let expected = format!(
            "{}error: could not check `a.idl` due to 1 previous error; 1 warning emitted\n",
            diagnostics.render(&sources)
        );
        assert_eq!(text, expected);
        assert!(text.starts_with("error: expected `;`, found `}`\n  ┌─ a.idl:2:21\n"));
    }

    #[test]
    fn colours_are_written_only_when_the_writer_supports_them() {
        let (sources, diagnostics) = sample();
        let mut emitter = Emitter::new(Ansi::new(Vec::new()));
        emitter.emit(&sources, &diagnostics).unwrap();
        let text = String::from_utf8(emitter.into_inner().into_inner()).unwrap();
        assert!(text.starts_with("\u{1b}["), "{text:?}");
        assert!(!human(&diagnostics, &sources).contains('\u{1b}'));
    }

    #[test]
    fn summaries_count_errors_and_warnings() {
        let (sources, mut diagnostics) = sample();
        let file = orbit_idl::FileId(0);
        assert_eq!(
            summary("check", "a.idl", &diagnostics).unwrap().1,
            "could not check `a.idl` due to 1 previous error; 1 warning emitted"
        );
        diagnostics.push(Diagnostic::error("second", Span::new(file, 0..1)));
        assert_eq!(
            summary("check", "a.idl", &diagnostics).unwrap().1,
            "could not check `a.idl` due to 2 previous errors; 1 warning emitted"
        );
        let only_warning: Diagnostics = {
            let mut d = Diagnostics::new();
            d.push(Diagnostic::warning("w", Span::new(file, 0..1)));
            d.push(Diagnostic::warning("w2", Span::new(file, 1..2)));
            d
        };
        assert_eq!(
            summary("check", "a.idl", &only_warning),
            Some((Severity::Warning, "`a.idl` generated 2 warnings".to_owned()))
        );
        assert_eq!(summary("check", "a.idl", &Diagnostics::new()), None);
        drop(sources);
    }

    #[test]
    fn a_span_outside_its_file_still_prints_the_message() {
        let mut sources = SourceMap::new();
        let file = sources.add("a.idl", "x".to_owned());
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Diagnostic::error("bad", Span::new(file, 40..50)));
        let mut emitter = Emitter::new(NoColor::new(Vec::new()));
        emitter.emit(&sources, &diagnostics).unwrap();
        let text = String::from_utf8(emitter.into_inner().into_inner()).unwrap();
        assert!(text.starts_with("error: bad\n"), "{text}");
    }

    #[test]
    fn json_lines_have_positions_and_a_file_even_without_a_span() {
        let (sources, mut diagnostics) = sample();
        diagnostics.push(Diagnostic::error_without_span("cannot read `b.idl`"));
        let text = json_lines(&sources, &diagnostics, "b.idl");
        let lines: Vec<Value> = text
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert!(
            text.starts_with(r#"{"file":"a.idl","line":2,"column":21,"end_line":2,"end_column":22,"severity":"error","message":"expected `;`, found `}`","label":"expected `;`","notes":[],"help":["add `;` after the member"],"rendered":"error: "#),
            "{text}"
        );
        assert_eq!(lines[0]["file"], "a.idl");
        assert_eq!(lines[0]["line"], 2);
        assert_eq!(lines[0]["column"], 21);
        assert_eq!(lines[0]["severity"], "error");
        assert_eq!(lines[0]["message"], "expected `;`, found `}`");
        assert_eq!(lines[0]["help"][0], "add `;` after the member");
        assert!(
            lines[0]["rendered"]
                .as_str()
                .unwrap()
                .contains("a.idl:2:21")
        );
        assert_eq!(lines[1]["severity"], "warning");
        assert_eq!(lines[2]["file"], "b.idl");
        assert_eq!(lines[2]["line"], Value::Null);
    }

    #[test]
    fn auto_colour_needs_a_terminal() {
        assert_eq!(ColorMode::Auto.choice(false), ColorChoice::Never);
        assert_eq!(ColorMode::Auto.choice(true), ColorChoice::Auto);
        assert_eq!(ColorMode::Always.choice(false), ColorChoice::Always);
        assert_eq!(ColorMode::Never.choice(true), ColorChoice::Never);
    }
}
