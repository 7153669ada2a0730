//! The IDL preprocessor: `#include`, conditionals, object-like macros, `#pragma`, `#line`,
//! `#error` and `#warning`, producing one translation unit whose every byte maps back to the file,
//! line and column it came from.
//!
//! # Organization
//!
//! * this module: the public API ([`preprocess`], [`Preprocessed`], [`OffsetMap`], [`Pragma`]);

use std::{
    io,
    ops::Range,
    path::{Path, PathBuf},
};

use crate::{
    diagnostic::Diagnostics,
    source::{FileId, SourceMap, Span},
};

/// Where the preprocessor reads files from: the file system, or memory in tests and fuzzing.
pub trait SourceLoader {
    /// Reads the whole file at `path`.
    fn load(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Whether a file exists at `path`.
    fn exists(&self, path: &Path) -> bool;
}

/// Reads files from the file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct FsLoader;

impl SourceLoader for FsLoader {
    fn load(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn exists(&self, path: &Path) -> bool {
        path.is_file()
    }
}

/// What the caller sets: include folders and predefined macros.
#[derive(Clone, Debug, Default)]
pub struct PreprocessOptions {
    /// `-I` folders, searched in order after the including file's own folder.
    pub include_dirs: Vec<PathBuf>,
    /// `-D NAME[=VALUE]` macros; a macro without a value is defined as `1`.
    pub defines: Vec<(String, Option<String>)>,
}

/// The result of preprocessing one root file.
#[derive(Clone, Debug, Default)]
pub struct Preprocessed {
    /// The translation unit: every active line of the root file and what it includes.
    pub text: String,
    /// Maps every byte of `text` back to its source file.
    pub map: OffsetMap,
    /// Every `#pragma` of the active lines, in order.
    pub pragmas: Vec<Pragma>,
    /// Every file read, root first.
    pub files: Vec<FileId>,
}

/// Maps byte offsets of a translation unit back to source files.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    segments: Vec<Segment>,
}

#[derive(Clone, Copy, Debug)]
struct Segment {
    unit_start: u32,
    file: FileId,
    file_start: u32,
    /// A macro expansion: every byte of the segment maps to the macro use site.
    len_in_file: u32,
    expanded: bool,
}

impl OffsetMap {
    /// Records that `len` bytes starting at `unit_start` are copied from `file` at `file_start`.
    pub fn push_copy(&mut self, unit_start: usize, file: FileId, file_start: usize) {
        self.segments.push(Segment {
            unit_start: unit_start as u32,
            file,
            file_start: file_start as u32,
            len_in_file: 0,
            expanded: false,
        });
    }

    /// Records that the bytes starting at `unit_start` are the expansion of a macro used at
    /// `use_site`: they all map to that use site.
    pub fn push_expansion(&mut self, unit_start: usize, use_site: Span) {
        self.segments.push(Segment {
            unit_start: unit_start as u32,
            file: use_site.file,
            file_start: use_site.start,
            len_in_file: use_site.end - use_site.start,
            expanded: true,
        });
    }

    /// The file and byte offset that unit offset `offset` came from.
    pub fn locate(&self, offset: usize) -> (FileId, u32) {
        let index = match self
            .segments
            .binary_search_by_key(&(offset as u32), |s| s.unit_start)
        {
            Ok(i) => i,
            Err(0) => return (FileId::default(), 0),
            Err(i) => i - 1,
        };
        let segment = self.segments[index];
        if segment.expanded {
            (segment.file, segment.file_start)
        } else {
            (
                segment.file,
                segment.file_start + (offset as u32 - segment.unit_start),
            )
        }
    }

    /// The source span of unit byte range `range`. A range that crosses into another file is cut
    /// at the end of the file it starts in.
    pub fn span(&self, range: Range<usize>) -> Span {
        let (file, start) = self.locate(range.start);
        if range.end <= range.start {
            return Span {
                file,
                start,
                end: start,
            };
        }
        let (end_file, last) = self.locate(range.end - 1);
        let index = self
            .segments
            .partition_point(|s| s.unit_start as usize <= range.start);
        let segment = self.segments[index.saturating_sub(1)];
        let end = if end_file == file && last >= start {
            if segment.expanded && last == start {
                start + segment.len_in_file
            } else {
                last + 1
            }
        } else {
            start + 1
        };
        Span { file, start, end }
    }
}

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

/// Preprocesses the file already stored as `root` in `sources`, reading included files through
/// `loader` and storing them in `sources` too. Problems go to `diagnostics`; the result holds
/// whatever could be produced.
pub fn preprocess(
    root: FileId,
    sources: &mut SourceMap,
    options: &PreprocessOptions,
    loader: &dyn SourceLoader,
    diagnostics: &mut Diagnostics,
) -> Preprocessed {
    let _ = (options, loader, diagnostics);
    // Placeholder until the directive engine lands: the file itself, unchanged.
    let mut out = Preprocessed::default();
    out.text = sources.file(root).text.clone();
    out.map.push_copy(0, root, 0);
    out.files.push(root);
    out
}
