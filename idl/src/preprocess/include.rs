//! `#include`: finding the file, including each file at most once per translation unit, skipping
//! an include that would re-enter a file being included (a cycle), and bounding the depth.
//!
//! Search order: `"file"` looks in the including file's folder first, then the `-I` folders in
//! order; `<file>` looks in the `-I` folders first, then the including file's folder (real IDL
//! files rely on that fallback). IDL files only declare, so including a file a second time could
//! only add duplicate-declaration errors: it is skipped, whatever guards the file has.

use std::{
    collections::HashSet,
    path::{Path, PathBuf},
};

use super::{
    directive::{Cursor, DirectiveLine, TokKind},
    engine::Engine,
    loader::{display_folder, folder_of, normalize},
};
use crate::{
    diagnostic::Diagnostic,
    source::{FileId, Span},
};

/// How deeply includes may nest (the root file is level 1).
pub(crate) const MAX_INCLUDE_DEPTH: usize = 64;
/// The largest translation unit the preprocessor builds (spans are 32-bit).
pub(crate) const MAX_UNIT_BYTES: usize = 1 << 30;

/// Which files were included, and which are being included right now.
#[derive(Debug, Default)]
pub(crate) struct IncludeState {
    /// Every file included so far (normalized paths), the root too.
    seen: HashSet<PathBuf>,
    /// The files being included, outermost (the root) first.
    stack: Vec<(FileId, PathBuf)>,
}

/// A file name as written in an `#include`.
struct Target {
    name: String,
    angled: bool,
    span: Span,
}

impl Engine<'_> {
    /// Preprocesses the root file.
    pub(crate) fn run_root(&mut self, root: FileId) {
        let key = normalize(&self.sources.file(root).path);
        self.includes.seen.insert(key.clone());
        self.includes.stack.push((root, key));
        self.unit.files.push(root);
        self.run_file(root);
        self.includes.stack.pop();
    }

    /// `#include "file"` or `#include <file>` (or a macro that expands to one of them).
    pub(crate) fn include_directive(
        &mut self,
        line: &DirectiveLine,
        mut cursor: Cursor<'_>,
        name_span: Span,
    ) {
        let target = match cursor.peek() {
            Some(tok) if tok.kind == TokKind::Ident && self.macros.contains(cursor.str_of(tok)) => {
                cursor.next();
                let use_site = line.span(tok.range());
                let mut expansion = String::new();
                if let Err(error) = self.macros.expand(cursor.str_of(tok), &mut expansion) {
                    self.expansion_error(error, cursor.str_of(tok), use_site);
                    return;
                }
                let mut inner = Cursor::new(&expansion);
                let target = self.include_target(&mut inner, &|_| use_site, use_site);
                if target.is_some() && !inner.at_end() {
                    self.diagnostics.push(Diagnostic::error(
                        format!(
                            "macro `{}` expands to more than a file name",
                            cursor.str_of(tok)
                        ),
                        use_site,
                    ));
                }
                target
            }
            _ => self.include_target(&mut cursor, &|r| line.span(r), line.end_span()),
        };
        let Some(target) = target else {
            return;
        };
        self.expect_end(line, &mut cursor, "include");
        if target.name.is_empty() {
            self.diagnostics.push(
                Diagnostic::error("empty file name in `#include`", target.span)
                    .with_secondary(name_span, "in this directive"),
            );
            return;
        }
        self.include(&target);
    }

    /// Reads `"file"` or `<file>` at `cursor`; reports what else stands there.
    fn include_target(
        &mut self,
        cursor: &mut Cursor<'_>,
        span_of: &dyn Fn(std::ops::Range<usize>) -> Span,
        end: Span,
    ) -> Option<Target> {
        let start = cursor.next_start();
        let first = cursor.peek();
        match first.map(|t| (t.kind, cursor.str_of(t))) {
            Some((TokKind::Str { closed: true }, text)) => {
                cursor.next();
                let name = text
                    .strip_prefix('"')
                    .and_then(|t| t.strip_suffix('"'))
                    .unwrap_or_default()
                    .to_owned();
                Some(Target {
                    name,
                    angled: false,
                    span: span_of(start..cursor.pos()),
                })
            }
            _ if cursor.text().as_bytes().get(start) == Some(&b'<') => {
                *cursor = Cursor::at(cursor.text(), start + 1);
                let (inner, closed) = cursor.until(b'>');
                if !closed {
                    self.diagnostics.push(
                        Diagnostic::error(
                            "missing `>` after `#include <…`",
                            span_of(start..start + 1),
                        )
                        .with_label("this `<` is never closed"),
                    );
                    return None;
                }
                Some(Target {
                    name: cursor.text().get(inner).unwrap_or_default().to_owned(),
                    angled: true,
                    span: span_of(start..cursor.pos()),
                })
            }
            Some((TokKind::Str { closed: false }, _)) => {
                self.diagnostics.push(
                    Diagnostic::error("unterminated string literal", span_of(start..start + 1))
                        .with_label("missing closing `\"`"),
                );
                None
            }
            found => {
                let (found, span) = match (found, first) {
                    (Some((_, text)), Some(tok)) => (format!("`{text}`"), span_of(tok.range())),
                    _ => ("end of line".to_owned(), end),
                };
                self.diagnostics.push(Diagnostic::error(
                    format!("expected `\"file\"` or `<file>` after `#include`, found {found}"),
                    span,
                ));
                None
            }
        }
    }

    /// Finds, reads and preprocesses an included file.
    fn include(&mut self, target: &Target) {
        let Some(&(current, _)) = self.includes.stack.last() else {
            return;
        };
        let own_folder = folder_of(&self.sources.file(current).path);
        let mut folders: Vec<&Path> = Vec::new();
        let dirs = self.options.include_dirs.iter().map(PathBuf::as_path);
        if Path::new(&target.name).is_absolute() {
            folders.push(Path::new(""));
        } else if target.angled {
            folders.extend(dirs);
            folders.push(&own_folder);
        } else {
            folders.push(&own_folder);
            folders.extend(dirs);
        }
        let found = folders
            .iter()
            .map(|dir| normalize(&dir.join(&target.name)))
            .find(|candidate| {
                self.includes.seen.contains(candidate) || self.loader.exists(candidate)
            });
        let Some(path) = found else {
            let mut looked: Vec<String> = Vec::new();
            for dir in &folders {
                let shown = format!("`{}`", display_folder(dir));
                if !looked.contains(&shown) {
                    looked.push(shown);
                }
            }
            let diagnostic = Diagnostic::error(
                format!("cannot find include file `{}`", target.name),
                target.span,
            )
            .with_note(format!("looked in {}", looked.join(", ")))
            .with_help("add the folder that holds it with `-I`");
            self.diagnostics.push(diagnostic);
            return;
        };
        if let Some(start) = self.includes.stack.iter().position(|(_, key)| *key == path) {
            let chain: Vec<String> = self
                .includes
                .stack
                .iter()
                .skip(start)
                .map(|&(file, _)| format!("`{}`", self.sources.file(file).name))
                .chain(std::iter::once(format!("`{}`", path.display())))
                .collect();
            self.diagnostics.push(
                Diagnostic::warning(
                    format!("skipping recursive `#include` of `{}`", target.name),
                    target.span,
                )
                .with_note(format!("include chain: {}", chain.join(" -> "))),
            );
            return;
        }
        if self.includes.seen.contains(&path) {
            return;
        }
        if self.includes.stack.len() >= MAX_INCLUDE_DEPTH {
            self.diagnostics.push(
                Diagnostic::error("`#include` nested too deeply", target.span).with_note(format!(
                    "includes may nest at most {MAX_INCLUDE_DEPTH} levels"
                )),
            );
            return;
        }
        let bytes = match self.loader.load(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                self.diagnostics.push(Diagnostic::error(
                    format!("cannot read include file `{}`: {error}", path.display()),
                    target.span,
                ));
                return;
            }
        };
        if self.unit.text.len().saturating_add(bytes.len()) > MAX_UNIT_BYTES {
            self.diagnostics.push(
                Diagnostic::error("the translation unit is too large", target.span)
                    .with_note(format!("the limit is {} MiB", MAX_UNIT_BYTES >> 20)),
            );
            return;
        }
        let file = self.sources.add_bytes(path.clone(), &bytes);
        self.includes.seen.insert(path.clone());
        self.includes.stack.push((file, path));
        self.unit.files.push(file);
        self.run_file(file);
        self.includes.stack.pop();
    }
}
