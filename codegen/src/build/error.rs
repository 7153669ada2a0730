//! [`CompileError`]: what a failed [`Builder::compile`](super::Builder::compile) returns inside
//! its `io::Error`.

use std::{fmt, io, path::PathBuf};

/// The IDL files that had errors, and their diagnostics rendered rustc-style.
///
/// [`Builder::compile`](super::Builder::compile) returns it as the source of an
/// [`io::Error`] of kind [`Other`](io::ErrorKind::Other). Its `Debug` form is the rendered text
/// itself, not an escaped string, so that a build script that unwraps the result shows the
/// diagnostics as rustc would, with their source lines and carets.
///
/// # Examples
///
/// ```
/// use orbit_codegen::build::CompileError;
///
/// let dir = std::env::temp_dir().join(format!("orbit-doc-compile-error-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let idl = dir.join("bad.idl");
/// std::fs::write(&idl, "module Bank { struct Money { long long cents } };\n")?;
///
/// let error = orbit_codegen::configure()
///     .out_dir(&dir)
///     .emit_rerun_if_changed(false)
///     .compile(&[&idl], &[] as &[&str])
///     .unwrap_err();
/// let compile_error = error.get_ref().and_then(|e| e.downcast_ref::<CompileError>()).unwrap();
/// assert_eq!(compile_error.failed(), [idl.clone()]);
/// assert!(compile_error.rendered().starts_with("error: expected `;`, found `}`"));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct CompileError {
    failed: Vec<PathBuf>,
    rendered: String,
}

impl CompileError {
    /// An error for the files `failed`, whose diagnostics rendered as `rendered`.
    pub fn new(failed: Vec<PathBuf>, rendered: String) -> Self {
        CompileError { failed, rendered }
    }

    /// The IDL files that had errors, in the order they were given.
    pub fn failed(&self) -> &[PathBuf] {
        &self.failed
    }

    /// Every diagnostic of the failed files (warnings included), then one summary line per
    /// file, as `idlc` prints them, without colours.
    pub fn rendered(&self) -> &str {
        &self.rendered
    }
}

impl From<CompileError> for io::Error {
    fn from(error: CompileError) -> Self {
        io::Error::other(error)
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rendered.trim_end())
    }
}

impl fmt::Debug for CompileError {
    /// The rendered diagnostics on lines of their own, so that `unwrap()` shows them readably.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{}\n", self.rendered.trim_end())
    }
}

impl std::error::Error for CompileError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_text_unescaped_on_its_own_lines() {
        let error = CompileError::new(
            vec!["a.idl".into()],
            "error: bad `x`\n  ┌─ a.idl:1:1\n".to_owned(),
        );
        assert_eq!(format!("{error}"), "error: bad `x`\n  ┌─ a.idl:1:1");
        assert_eq!(format!("{error:?}"), "\nerror: bad `x`\n  ┌─ a.idl:1:1\n");
        let io: io::Error = error.clone().into();
        assert_eq!(io.kind(), io::ErrorKind::Other);
        assert!(format!("{io:?}").contains("error: \nerror: bad `x`\n  ┌─ a.idl:1:1\n"));
        assert_eq!(io.to_string(), error.to_string());
    }
}
