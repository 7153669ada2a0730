//! Where source files come from: [`FsLoader`] reads the file system, [`MemoryLoader`] serves a map
//! of paths to bytes (tests and fuzzing), and [`normalize`] gives every path one spelling so a
//! file is recognised however an `#include` names it.

use std::{
    collections::HashMap,
    io,
    path::{Component, Path, PathBuf},
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

/// Serves files from memory: a map from path to contents.
///
/// Paths are compared after lexical normalization (`.` dropped, `..` resolved), so `dir/./a.idl`
/// and `dir/sub/../a.idl` name the same entry as `dir/a.idl`.
///
/// ```
/// use orbit_idl::preprocess::{MemoryLoader, SourceLoader};
///
/// let loader = MemoryLoader::new().with("inc/types.idl", "typedef long Id;");
/// assert!(loader.exists("inc/./types.idl".as_ref()));
/// ```
#[derive(Clone, Debug, Default)]
pub struct MemoryLoader {
    files: HashMap<PathBuf, Vec<u8>>,
}

impl MemoryLoader {
    /// An empty loader.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores `contents` under `path`, replacing what was there.
    pub fn insert(&mut self, path: impl AsRef<Path>, contents: impl Into<Vec<u8>>) -> &mut Self {
        self.files.insert(normalize(path.as_ref()), contents.into());
        self
    }

    /// Like [`insert`](Self::insert), by value, for building a loader in one expression.
    pub fn with(mut self, path: impl AsRef<Path>, contents: impl Into<Vec<u8>>) -> Self {
        self.insert(path, contents);
        self
    }
}

impl SourceLoader for MemoryLoader {
    fn load(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.files.get(&normalize(path)).cloned().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("no file `{}` in memory", path.display()),
            )
        })
    }

    fn exists(&self, path: &Path) -> bool {
        self.files.contains_key(&normalize(path))
    }
}

/// Spells `path` one way without touching the file system: drops `.` components and resolves
/// `..` against the component before it where there is one. A `..` that climbs above a relative
/// path's start is kept; one above the root is dropped.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    // How many leading components of `out` are `..` (or the root / a prefix): those never pop.
    let mut fixed = 0usize;
    let mut normal = 0usize;
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if normal > 0 {
                    out.pop();
                    normal -= 1;
                } else if fixed == 0 || !out.has_root() {
                    out.push("..");
                    fixed += 1;
                }
            }
            Component::Prefix(_) | Component::RootDir => {
                out.push(component.as_os_str());
                fixed += 1;
            }
            Component::Normal(name) => {
                out.push(name);
                normal += 1;
            }
        }
    }
    out
}

/// The folder holding `path`, for resolving includes relative to it (`""` for a bare file name,
/// which joins as the current folder).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// How a folder is shown in "where we looked" notes.
pub(crate) fn display_folder(dir: &Path) -> String {
    if dir.as_os_str().is_empty() {
        ".".to_owned()
    } else {
        dir.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(path: &str) -> String {
        normalize(Path::new(path)).display().to_string()
    }

    #[test]
    fn normalize_drops_dots_and_resolves_parents() {
        assert_eq!(norm("a/./b/../c.idl"), "a/c.idl");
        assert_eq!(norm("./x.idl"), "x.idl");
        assert_eq!(norm("../up/x.idl"), "../up/x.idl");
        assert_eq!(norm("a/../../x.idl"), "../x.idl");
        assert_eq!(norm("/a/../../x.idl"), "/x.idl");
        assert_eq!(
            norm("dds/IDL/../IDL/helpers/t.idl"),
            "dds/IDL/helpers/t.idl"
        );
        assert_eq!(norm(""), "");
    }

    #[test]
    fn memory_loader_finds_files_however_they_are_spelled() {
        let loader = MemoryLoader::new()
            .with("inc/a.idl", "x")
            .with(PathBuf::from("./b.idl"), vec![0xff]);
        assert!(loader.exists(Path::new("inc/sub/../a.idl")));
        assert!(loader.exists(Path::new("b.idl")));
        assert!(!loader.exists(Path::new("a.idl")));
        assert_eq!(loader.load(Path::new("b.idl")).ok(), Some(vec![0xff]));
        let missing = loader.load(Path::new("c.idl")).map_err(|e| e.kind());
        assert_eq!(missing, Err(io::ErrorKind::NotFound));
    }

    #[test]
    fn folders() {
        assert_eq!(folder_of(Path::new("a/b.idl")), PathBuf::from("a"));
        assert_eq!(folder_of(Path::new("b.idl")), PathBuf::new());
        assert_eq!(display_folder(Path::new("")), ".");
        assert_eq!(display_folder(Path::new("a/b")), "a/b");
    }
}
