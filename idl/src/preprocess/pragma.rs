//! `#pragma` lines: the ones Orbit understands (`prefix`, `ID`, `version`, `keylist`,
//! `DCPS_DATA_TYPE`, `DCPS_DATA_KEY`) are parsed and checked; any other is kept as text.

use super::directive::{Cursor, DirectiveLine, Tok, TokKind};
use crate::{
    diagnostic::{Diagnostic, Diagnostics},
    source::Span,
};

/// A `#pragma` line.
#[derive(Clone, Debug, PartialEq)]
pub struct Pragma {
    /// What the pragma says.
    pub kind: PragmaKind,
    /// The whole directive line in its source file.
    pub span: Span,
    /// Where in the translation unit the directive stood, so scoped pragmas (`prefix`) can be
    /// applied to the declarations that follow them.
    pub unit_offset: u32,
}

/// The pragmas Orbit understands, and any other kept as text.
#[derive(Clone, Debug, PartialEq)]
pub enum PragmaKind {
    /// `#pragma prefix "omg.org"`
    Prefix(String),
    /// `#pragma ID Name "IDL:…:1.0"`
    Id {
        /// The (scoped) name as written.
        target: String,
        /// The repository id.
        id: String,
    },
    /// `#pragma version Name 1.2`
    Version {
        /// The (scoped) name as written.
        target: String,
        /// Major version.
        major: u16,
        /// Minor version.
        minor: u16,
    },
    /// `#pragma keylist Type field sub.field`
    Keylist {
        /// The type name as written.
        type_name: String,
        /// Key member paths; empty for a keyless topic.
        keys: Vec<String>,
    },
    /// `#pragma DCPS_DATA_TYPE "M::T"`
    DcpsDataType(String),
    /// `#pragma DCPS_DATA_KEY "M::T field"`
    DcpsDataKey {
        /// The type name.
        type_name: String,
        /// The key member path.
        key: String,
    },
    /// Any other pragma: its first word and the rest of the line.
    Other {
        /// The first word after `pragma`.
        name: String,
        /// The rest of the line, trimmed.
        text: String,
    },
}

/// Parses the pragma whose text follows the `pragma` word at `cursor`. A malformed known pragma
/// is reported and yields `None`.
pub(crate) fn parse(
    line: &DirectiveLine,
    mut cursor: Cursor<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<PragmaKind> {
    let Some(name_tok) = cursor.next() else {
        return Some(PragmaKind::Other {
            name: String::new(),
            text: String::new(),
        });
    };
    let name = cursor.str_of(name_tok);
    let mut args = Args {
        line,
        cursor,
        name,
        name_span: line.span(name_tok.range()),
        diagnostics,
    };
    let kind = match (name_tok.kind, name) {
        (TokKind::Ident, "prefix") => args.prefix(),
        (TokKind::Ident, "ID") => {
            let target = args.scoped_name("a name")?;
            let id = args.string("a repository id string")?;
            Some(PragmaKind::Id { target, id })
        }
        (TokKind::Ident, "version") => args.version(),
        (TokKind::Ident, "keylist") => args.keylist(),
        (TokKind::Ident, "DCPS_DATA_TYPE") => {
            Some(PragmaKind::DcpsDataType(args.string("a type name string")?))
        }
        (TokKind::Ident, "DCPS_DATA_KEY") => args.dcps_data_key(),
        _ => {
            let (text, _) = args.cursor.rest();
            return Some(PragmaKind::Other {
                name: name.to_owned(),
                text: text.to_owned(),
            });
        }
    }?;
    args.finish();
    Some(kind)
}

struct Args<'a, 'd> {
    line: &'a DirectiveLine,
    cursor: Cursor<'a>,
    name: &'a str,
    name_span: Span,
    diagnostics: &'d mut Diagnostics,
}

impl Args<'_, '_> {
    fn error(&mut self, message: String, span: Span) {
        self.diagnostics.push(Diagnostic::error(message, span));
    }

    /// Reports what stands where `what` was expected.
    fn expected(&mut self, what: &str, found: Option<Tok>) {
        let message = match found {
            Some(tok) => format!(
                "expected {what} in `#pragma {}`, found `{}`",
                self.name,
                self.cursor.str_of(tok)
            ),
            None => format!(
                "expected {what} in `#pragma {}`, found end of line",
                self.name
            ),
        };
        let span = found.map_or(self.line.end_span(), |tok| self.line.span(tok.range()));
        self.diagnostics.push(
            Diagnostic::error(message, span)
                .with_secondary(self.name_span, format!("`{}` pragma", self.name)),
        );
    }

    fn string(&mut self, what: &str) -> Option<String> {
        let tok = self.cursor.next();
        match tok {
            Some(
                t @ Tok {
                    kind: TokKind::Str { closed: true },
                    ..
                },
            ) => Some(unquote(self.cursor.str_of(t))),
            Some(
                t @ Tok {
                    kind: TokKind::Str { closed: false },
                    ..
                },
            ) => {
                self.error(
                    "unterminated string literal".to_owned(),
                    self.line.span(t.start..t.start + 1),
                );
                None
            }
            other => {
                self.expected(what, other);
                None
            }
        }
    }

    /// `A`, `::A`, `A::B::C`.
    fn scoped_name(&mut self, what: &str) -> Option<String> {
        let mut name = String::new();
        let mut want_ident = true;
        while let Some(tok) = self.cursor.peek() {
            let text = self.cursor.str_of(tok);
            match (tok.kind, text) {
                (TokKind::Ident, _) if want_ident => want_ident = false,
                (TokKind::Punct, "::") if !want_ident || name.is_empty() => want_ident = true,
                _ => break,
            }
            name.push_str(text);
            self.cursor.next();
        }
        if want_ident {
            let found = self.cursor.peek();
            self.expected(what, found);
            return None;
        }
        Some(name)
    }

    fn prefix(&mut self) -> Option<PragmaKind> {
        match self.cursor.peek() {
            Some(Tok {
                kind: TokKind::Str { .. },
                ..
            }) => Some(PragmaKind::Prefix(self.string("a string literal")?)),
            Some(first) => {
                // JacORB accepts `#pragma prefix Foo`; so do we, with a warning.
                let (word, range) = self.cursor.rest();
                if word.contains(|c: char| c.is_whitespace() || c == '"') {
                    self.expected("a string literal", Some(first));
                    return None;
                }
                self.diagnostics.push(
                    Diagnostic::warning(
                        "`#pragma prefix` expects a string literal",
                        self.line.span(range),
                    )
                    .with_help(format!("write `#pragma prefix \"{word}\"`")),
                );
                Some(PragmaKind::Prefix(word.to_owned()))
            }
            None => {
                self.expected("a string literal", None);
                None
            }
        }
    }

    fn version(&mut self) -> Option<PragmaKind> {
        let target = self.scoped_name("a name")?;
        let tok = self.cursor.next();
        let Some(
            tok @ Tok {
                kind: TokKind::Number,
                ..
            },
        ) = tok
        else {
            self.expected("a version `major.minor`", tok);
            return None;
        };
        let text = self.cursor.str_of(tok);
        let span = self.line.span(tok.range());
        let parts: Vec<&str> = text.split('.').collect();
        let number = |s: &str| {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                s.parse::<u16>().ok()
            }
        };
        match parts.as_slice() {
            [major, minor] => match (number(major), number(minor)) {
                (Some(major), Some(minor)) => Some(PragmaKind::Version {
                    target,
                    major,
                    minor,
                }),
                _ => {
                    self.bad_version(text, span);
                    None
                }
            },
            [major] if number(major).is_some() => {
                // JacORB's tests write `#pragma version Name 55`; read it as `55.0`.
                self.diagnostics.push(
                    Diagnostic::warning(
                        format!("`#pragma version` expects `major.minor`, found `{text}`"),
                        span,
                    )
                    .with_help(format!("write `{text}.0`")),
                );
                Some(PragmaKind::Version {
                    target,
                    major: number(major).unwrap_or_default(),
                    minor: 0,
                })
            }
            _ => {
                self.bad_version(text, span);
                None
            }
        }
    }

    fn bad_version(&mut self, text: &str, span: Span) {
        self.diagnostics.push(
            Diagnostic::error(
                format!("invalid version `{text}` in `#pragma version`"),
                span,
            )
            .with_note("a version is `major.minor`, each a number up to 65535"),
        );
    }

    fn keylist(&mut self) -> Option<PragmaKind> {
        let type_name = self.scoped_name("a type name")?;
        let (rest, range) = self.cursor.rest();
        let mut keys = Vec::new();
        let mut offset = range.start;
        for word in rest.split(|c: char| c.is_ascii_whitespace()) {
            let start = offset;
            offset += word.len() + 1;
            if word.is_empty() {
                continue;
            }
            let valid = word
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'[' | b']'));
            if !valid || word.starts_with('.') || word.ends_with('.') {
                let span = self.line.span(start..start + word.len());
                self.error(format!("invalid key `{word}` in `#pragma keylist`"), span);
                return None;
            }
            keys.push(word.to_owned());
        }
        Some(PragmaKind::Keylist { type_name, keys })
    }

    fn dcps_data_key(&mut self) -> Option<PragmaKind> {
        let start = self.cursor.next_start();
        let text = self.string("a string `\"Type key\"`")?;
        let mut words = text.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some(type_name), Some(key), None) => Some(PragmaKind::DcpsDataKey {
                type_name: type_name.to_owned(),
                key: key.to_owned(),
            }),
            _ => {
                let span = self.line.span(start..self.cursor.pos());
                self.diagnostics.push(
                    Diagnostic::error(
                        "`#pragma DCPS_DATA_KEY` expects a type name and a key",
                        span,
                    )
                    .with_help("write `#pragma DCPS_DATA_KEY \"Module::Type member\"`"),
                );
                None
            }
        }
    }

    /// Reports anything left on the line.
    fn finish(&mut self) {
        if self.cursor.at_end() {
            return;
        }
        let (_, range) = self.cursor.rest();
        let span = self.line.span(range);
        self.diagnostics.push(
            Diagnostic::error(format!("extra tokens after `#pragma {}`", self.name), span)
                .with_label("unexpected"),
        );
    }
}

/// The contents of a string literal (with its quotes), with `\"` and `\\` unescaped.
fn unquote(literal: &str) -> String {
    let body = literal
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(literal);
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some(next @ ('"' | '\\'))) => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    /// Parses `#pragma …` and returns the kind and the diagnostics as `message@col`.
    fn parse_line(src: &str) -> (Option<PragmaKind>, Vec<String>) {
        let mut map = SourceMap::new();
        let file = map.add("p.idl", src.to_owned());
        let mut line = DirectiveLine::default();
        line.read(file, src, src.find('#').unwrap_or(0));
        let mut cursor = Cursor::new(&line.text);
        cursor.next(); // `pragma`
        let mut diagnostics = Diagnostics::new();
        let kind = parse(&line, cursor, &mut diagnostics);
        let messages = diagnostics
            .iter()
            .map(|d| {
                let span = d.primary.as_ref().map(|l| l.span).unwrap_or_default();
                let (_, col) = map.line_col(span);
                format!("{:?}: {}@{col}", d.severity, d.message)
            })
            .collect();
        (kind, messages)
    }

    fn ok(src: &str) -> PragmaKind {
        let (kind, messages) = parse_line(src);
        assert!(messages.is_empty(), "{src}: {messages:?}");
        kind.unwrap_or(PragmaKind::Prefix("<none>".to_owned()))
    }

    fn other(name: &str, text: &str) -> PragmaKind {
        PragmaKind::Other {
            name: name.to_owned(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn known_pragmas() {
        assert_eq!(
            ok("#pragma prefix \"omg.org\""),
            PragmaKind::Prefix("omg.org".into())
        );
        assert_eq!(
            ok("#pragma prefix \"\" // reset"),
            PragmaKind::Prefix(String::new())
        );
        assert_eq!(
            ok("#pragma ID ::A::BB \"IDL:COW/B/BB:1.1\" // c"),
            PragmaKind::Id {
                target: "::A::BB".into(),
                id: "IDL:COW/B/BB:1.1".into()
            }
        );
        assert_eq!(
            ok("#    pragma version     gleep::floop::schmendrick    524.23"),
            PragmaKind::Version {
                target: "gleep::floop::schmendrick".into(),
                major: 524,
                minor: 23
            }
        );
        assert_eq!(
            ok("#pragma keylist pragma_keys c.s_1.l_2 d.s_2.l_2 a[0]"),
            PragmaKind::Keylist {
                type_name: "pragma_keys".into(),
                keys: vec!["c.s_1.l_2".into(), "d.s_2.l_2".into(), "a[0]".into()]
            }
        );
        assert_eq!(
            ok("#pragma keylist M::DataType"),
            PragmaKind::Keylist {
                type_name: "M::DataType".into(),
                keys: vec![]
            }
        );
        assert_eq!(
            ok("#pragma DCPS_DATA_TYPE \"M1::S1\""),
            PragmaKind::DcpsDataType("M1::S1".into())
        );
        assert_eq!(
            ok("#pragma DCPS_DATA_KEY \"Messenger9::Message headers[1].subject_id\""),
            PragmaKind::DcpsDataKey {
                type_name: "Messenger9::Message".into(),
                key: "headers[1].subject_id".into()
            }
        );
    }

    #[test]
    fn other_pragmas_are_kept_as_text() {
        assert_eq!(
            ok("#pragma hh #include \"COS_sysdep.h\""),
            other("hh", "#include \"COS_sysdep.h\"")
        );
        assert_eq!(ok("#pragma inhibit push  "), other("inhibit", "push"));
        assert_eq!(ok("#pragma"), other("", ""));
        assert_eq!(ok("#pragma id lowercase"), other("id", "lowercase"));
    }

    #[test]
    fn escapes_in_strings() {
        assert_eq!(
            ok(r#"#pragma prefix "a\"b\\c""#),
            PragmaKind::Prefix(r#"a"b\c"#.into())
        );
    }

    #[test]
    fn tolerated_dialects_warn() {
        let (kind, messages) = parse_line("#pragma prefix Foo   // Works!");
        assert_eq!(kind, Some(PragmaKind::Prefix("Foo".into())));
        assert_eq!(
            messages,
            ["Warning: `#pragma prefix` expects a string literal@16"]
        );
        let (kind, messages) = parse_line("#pragma version C_Interface 55");
        assert_eq!(
            kind,
            Some(PragmaKind::Version {
                target: "C_Interface".into(),
                major: 55,
                minor: 0
            })
        );
        assert_eq!(
            messages,
            ["Warning: `#pragma version` expects `major.minor`, found `55`@29"]
        );
    }

    #[test]
    fn malformed_pragmas_are_errors() {
        let cases = [
            (
                "#pragma prefix",
                "expected a string literal in `#pragma prefix`, found end of line@15",
            ),
            (
                "#pragma prefix a b",
                "expected a string literal in `#pragma prefix`, found `a`@16",
            ),
            ("#pragma prefix \"x", "unterminated string literal@16"),
            (
                "#pragma prefix \"x\" y",
                "extra tokens after `#pragma prefix`@20",
            ),
            (
                "#pragma ID \"x\"",
                "expected a name in `#pragma ID`, found `\"x\"`@12",
            ),
            (
                "#pragma ID A",
                "expected a repository id string in `#pragma ID`, found end of line@13",
            ),
            (
                "#pragma ID A::",
                "expected a name in `#pragma ID`, found end of line@15",
            ),
            (
                "#pragma version A",
                "expected a version `major.minor` in `#pragma version`, found end of line@18",
            ),
            (
                "#pragma version A 1.x",
                "invalid version `1.x` in `#pragma version`@19",
            ),
            (
                "#pragma version A 1.2.3",
                "invalid version `1.2.3` in `#pragma version`@19",
            ),
            (
                "#pragma version A 70000.1",
                "invalid version `70000.1` in `#pragma version`@19",
            ),
            (
                "#pragma keylist",
                "expected a type name in `#pragma keylist`, found end of line@16",
            ),
            (
                "#pragma keylist T a,b",
                "invalid key `a,b` in `#pragma keylist`@19",
            ),
            (
                "#pragma DCPS_DATA_TYPE M::T",
                "expected a type name string in `#pragma DCPS_DATA_TYPE`, found `M`@24",
            ),
            (
                "#pragma DCPS_DATA_KEY \"M::T\"",
                "`#pragma DCPS_DATA_KEY` expects a type name and a key@23",
            ),
        ];
        for (src, expected) in cases {
            let (kind, messages) = parse_line(src);
            assert_eq!(messages, [format!("Error: {expected}")], "{src}");
            if !expected.starts_with("extra") {
                assert_eq!(kind, None, "{src}");
            }
        }
    }
}
