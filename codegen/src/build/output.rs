//! Output files: their names, clashes between them, and writing only what changed.
//!
//! Two IDL files with the same name in different folders would generate the same `x.rs`; that
//! is refused before anything runs ([`rust_file_names`]). Two IDL files that declare the same
//! module write the same `.proto` file name; that is fine when both have the same text (they
//! included the same IDL file) and refused otherwise ([`Outputs::add`]).

use std::{
    collections::BTreeMap,
    fs, io,
    path::{Path, PathBuf},
};

/// The Rust file name generated from each IDL file: its stem with `.rs` (`idl/bank.idl` →
/// `bank.rs`).
///
/// # Errors
///
/// A message when a path has no file name, or when two paths would write the same file.
pub fn rust_file_names(files: &[PathBuf]) -> Result<Vec<String>, String> {
    let mut seen: BTreeMap<String, &Path> = BTreeMap::new();
    let mut names = Vec::with_capacity(files.len());
    for path in files {
        let Some(stem) = path.file_stem() else {
            return Err(format!("`{}` does not name a file", path.display()));
        };
        let name = format!("{}.rs", stem.to_string_lossy());
        if let Some(first) = seen.get(&name)
            && *first != path.as_path()
        {
            return Err(format!(
                "`{}` and `{}` would both generate `{name}`",
                first.display(),
                path.display()
            ));
        }
        seen.insert(name.clone(), path);
        names.push(name);
    }
    Ok(names)
}

/// Every file to write into one folder, and the IDL file each came from.
#[derive(Debug, Default)]
pub struct Outputs {
    files: BTreeMap<String, (String, PathBuf)>,
}

impl Outputs {
    /// No file yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds file `name` with `content`, generated from the IDL file `from`. The same name with
    /// the same content is kept once.
    ///
    /// # Errors
    ///
    /// A message when `name` was already added with a different content.
    pub fn add(&mut self, name: &str, content: String, from: &Path) -> Result<(), String> {
        match self.files.get(name) {
            Some((existing, _)) if *existing == content => Ok(()),
            Some((_, first)) => Err(format!(
                "`{}` and `{}` generate different `{name}`",
                first.display(),
                from.display()
            )),
            None => {
                self.files
                    .insert(name.to_owned(), (content, from.to_path_buf()));
                Ok(())
            }
        }
    }

    /// Whether no file was added.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Writes every file into `dir` (created if needed), in name order, and returns each path
    /// with whether it was written (`false`: it already held this content).
    ///
    /// # Errors
    ///
    /// When the folder cannot be created or a file cannot be read or written; the error names
    /// the path.
    pub fn write(&self, dir: &Path) -> io::Result<Vec<(PathBuf, bool)>> {
        if !self.files.is_empty() {
            fs::create_dir_all(dir).map_err(|e| with_path(e, "create", dir))?;
        }
        self.files
            .iter()
            .map(|(name, (content, _))| {
                let path = dir.join(name);
                write_if_changed(&path, content).map(|written| (path, written))
            })
            .collect()
    }
}

/// Writes `content` to `path` unless the file already holds exactly that, so that its
/// modification time (and Cargo's view of it) changes only with its content. Returns whether
/// it wrote.
///
/// # Errors
///
/// When the file cannot be read or written; the error names the path.
pub fn write_if_changed(path: &Path, content: &str) -> io::Result<bool> {
    match fs::read(path) {
        Ok(existing) if existing == content.as_bytes() => return Ok(false),
        Ok(_) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(with_path(error, "read", path)),
    }
    fs::write(path, content).map_err(|e| with_path(e, "write", path))?;
    Ok(true)
}

/// `error` with the action and path in its message, keeping its kind.
fn with_path(error: io::Error, action: &str, path: &Path) -> io::Error {
    io::Error::new(
        error.kind(),
        format!("cannot {action} `{}`: {error}", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;
    use crate::build::tests::TempDir;

    #[test]
    fn rust_files_are_named_after_the_idl_stem() {
        let files = [PathBuf::from("idl/bank.idl"), "other/money.v2.idl".into()];
        assert_eq!(
            rust_file_names(&files).unwrap(),
            ["bank.rs".to_owned(), "money.v2.rs".to_owned()]
        );
        // The same file twice writes the same output once.
        let twice = [PathBuf::from("bank.idl"), "bank.idl".into()];
        assert_eq!(rust_file_names(&twice).unwrap().len(), 2);
        assert_eq!(
            rust_file_names(&[PathBuf::from("a/bank.idl"), "b/bank.idl".into()]),
            Err("`a/bank.idl` and `b/bank.idl` would both generate `bank.rs`".to_owned())
        );
        assert_eq!(
            rust_file_names(&[PathBuf::from("..")]),
            Err("`..` does not name a file".to_owned())
        );
    }

    #[test]
    fn the_same_output_twice_is_kept_once_and_different_ones_clash() {
        let mut outputs = Outputs::new();
        assert!(outputs.is_empty());
        outputs
            .add("M.proto", "a".into(), Path::new("x.idl"))
            .unwrap();
        outputs
            .add("M.proto", "a".into(), Path::new("y.idl"))
            .unwrap();
        assert_eq!(
            outputs.add("M.proto", "b".into(), Path::new("z.idl")),
            Err("`x.idl` and `z.idl` generate different `M.proto`".to_owned())
        );
        assert_eq!(outputs.files.len(), 1);
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = TempDir::new("write");
        let out = dir.path().join("nested/out");
        let mut outputs = Outputs::new();
        outputs
            .add("b.rs", "fn b() {}\n".into(), Path::new("b.idl"))
            .unwrap();
        outputs
            .add("a.rs", "fn a() {}\n".into(), Path::new("a.idl"))
            .unwrap();
        let written = outputs.write(&out).unwrap();
        assert_eq!(
            written,
            [(out.join("a.rs"), true), (out.join("b.rs"), true)]
        );
        let modified = |name: &str| -> SystemTime {
            fs::metadata(out.join(name)).unwrap().modified().unwrap()
        };
        let before = modified("a.rs");
        let again = outputs.write(&out).unwrap();
        assert_eq!(
            again,
            [(out.join("a.rs"), false), (out.join("b.rs"), false)]
        );
        assert_eq!(modified("a.rs"), before);

        assert!(write_if_changed(&out.join("a.rs"), "fn a2() {}\n").unwrap());
        assert_eq!(
            fs::read_to_string(out.join("a.rs")).unwrap(),
            "fn a2() {}\n"
        );
    }

    #[test]
    fn errors_name_the_path() {
        let dir = TempDir::new("write-error");
        let blocker = dir.path().join("file");
        fs::write(&blocker, "").unwrap();
        let error = write_if_changed(&blocker.join("x.rs"), "x").unwrap_err();
        assert!(
            error.to_string().starts_with(&format!(
                "cannot read `{}`: ",
                blocker.join("x.rs").display()
            )),
            "{error}"
        );
        let mut outputs = Outputs::new();
        outputs.add("x.rs", "x".into(), Path::new("x.idl")).unwrap();
        let error = outputs.write(&blocker.join("sub")).unwrap_err();
        assert!(error.to_string().starts_with("cannot create `"), "{error}");
    }
}
