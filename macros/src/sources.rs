//! Reading IDL files relative to the crate being compiled, and telling Cargo about them.
//!
//! Paths in `idl!` are relative to `CARGO_MANIFEST_DIR`, not to wherever rustc happens to run.
//! [`CrateLoader`] resolves them there while the front end keeps the relative paths, so
//! diagnostics name `idl/bank.idl` rather than a path that differs between machines.
//! [`track`] turns every file read into an `include_bytes!` of its absolute path, which is how
//! a macro makes Cargo rebuild the crate when an IDL file changes.

use std::{
    collections::HashSet,
    io,
    path::{Path, PathBuf},
};

use orbit_codegen::orbit_idl::preprocess::{FsLoader, SourceLoader};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::LitStr;

/// Reads files through the file system, resolving relative paths against one folder.
pub(crate) struct CrateLoader {
    root: PathBuf,
}

impl CrateLoader {
    /// A loader for paths relative to `root`.
    pub(crate) fn new(root: impl Into<PathBuf>) -> Self {
        CrateLoader { root: root.into() }
    }

    /// The absolute path of `path` (which is returned as it is when already absolute).
    pub(crate) fn resolve(&self, path: &Path) -> PathBuf {
        self.root.join(path)
    }
}

impl SourceLoader for CrateLoader {
    fn load(&self, path: &Path) -> io::Result<Vec<u8>> {
        FsLoader.load(&self.resolve(path))
    }

    fn exists(&self, path: &Path) -> bool {
        FsLoader.exists(&self.resolve(path))
    }
}

/// One `const _: &[u8] = include_bytes!("<absolute path>");` per distinct file in `files`.
///
/// # Errors
///
/// When a path is not UTF-8 and so cannot be written in a string literal; the error points at
/// `span` (the macro's path literal).
pub(crate) fn track<'a>(
    loader: &CrateLoader,
    files: impl IntoIterator<Item = &'a Path>,
    span: Span,
) -> syn::Result<TokenStream> {
    let mut seen = HashSet::new();
    let mut consts = Vec::new();
    for file in files {
        let absolute = loader.resolve(file);
        if !seen.insert(absolute.clone()) {
            continue;
        }
        let Some(text) = absolute.to_str() else {
            return Err(syn::Error::new(
                span,
                format!(
                    "the path `{}` is not UTF-8, so changes to it cannot be tracked",
                    absolute.display()
                ),
            ));
        };
        let literal = LitStr::new(text, span);
        consts.push(quote! {
            const _: &[u8] = include_bytes!(#literal);
        });
    }
    Ok(quote!(#(#consts)*))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_resolve_against_the_root_and_absolute_ones_stay() {
        let loader = CrateLoader::new("/crate");
        assert_eq!(
            loader.resolve(Path::new("idl/a.idl")),
            Path::new("/crate/idl/a.idl")
        );
        assert_eq!(loader.resolve(Path::new("/x/a.idl")), Path::new("/x/a.idl"));
    }

    #[test]
    fn the_loader_reads_relative_to_the_root() {
        let loader = CrateLoader::new(env!("CARGO_MANIFEST_DIR"));
        assert!(loader.exists(Path::new("Cargo.toml")));
        assert!(!loader.exists(Path::new("no-such-file.idl")));
        let bytes = loader.load(Path::new("Cargo.toml")).unwrap();
        assert!(bytes.starts_with(b"[package]"));
        assert!(loader.load(Path::new("no-such-file.idl")).is_err());
    }

    #[test]
    fn every_file_is_tracked_once_by_its_absolute_path() {
        let loader = CrateLoader::new("/crate");
        let files = [
            Path::new("a.idl"),
            Path::new("inc/b.idl"),
            Path::new("a.idl"),
        ];
        let tokens = track(&loader, files, Span::call_site()).unwrap();
        assert_eq!(
            tokens.to_string(),
            "const _ : & [u8] = include_bytes ! (\"/crate/a.idl\") ; \
             const _ : & [u8] = include_bytes ! (\"/crate/inc/b.idl\") ;"
        );
    }
}
