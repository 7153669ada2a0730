//! `idl!`: read the IDL file, run the front end and the Rust generator, and return the
//! generated items with the tracking constants that make Cargo rebuild on IDL changes.

use std::path::{Path, PathBuf};

use orbit_codegen::{
    orbit_idl::{Frontend, preprocess::SourceLoader},
    rust::{self, RustOptions},
};
use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::{
    args::Args,
    errors,
    sources::{self, CrateLoader},
};

/// The generated code for `args`, or the errors to report at its path literal.
pub(crate) fn expand(args: Args) -> syn::Result<TokenStream> {
    let span = args.path.span();
    let loader = CrateLoader::new(manifest_dir()?);
    let path = PathBuf::from(args.path.value());
    if !loader.exists(&path) {
        return Err(syn::Error::new(
            span,
            format!(
                "cannot find IDL file `{}`\n\
                 = note: the path is relative to `CARGO_MANIFEST_DIR`, the folder of the \
                 crate's `Cargo.toml`",
                path.display()
            ),
        ));
    }

    let compilation = frontend(&args).compile_file_with(&path, &loader);
    if let Some(error) = errors::to_syn(span, &compilation.sources, &compilation.diagnostics) {
        return Err(error);
    }
    let Some(model) = compilation.model.as_ref() else {
        return Err(syn::Error::new(
            span,
            format!("`{}` produced no model", path.display()),
        ));
    };
    let code = rust::generate(model, &options(&args)).map_err(|diagnostics| {
        errors::to_syn(span, &compilation.sources, &diagnostics).unwrap_or_else(|| {
            syn::Error::new(span, "the Rust generator failed without a diagnostic")
        })
    })?;
    // Only needed on success: a crate that failed to compile is compiled again anyway.
    let tracking = sources::track(&loader, compilation.files_read(), span)?;
    Ok(quote! {
        #code
        #tracking
    })
}

/// The folder of the crate being compiled, which Cargo always sets.
fn manifest_dir() -> syn::Result<PathBuf> {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| {
            syn::Error::new(
                Span::call_site(),
                "`CARGO_MANIFEST_DIR` is not set: `idl!` resolves paths against it, so build \
                 with Cargo",
            )
        })
}

/// The front end with the include folders and macros of `args`.
fn frontend(args: &Args) -> Frontend {
    let mut frontend = Frontend::new();
    for dir in &args.include {
        frontend.include_dir(Path::new(&dir.value()));
    }
    for (name, value) in &args.define {
        frontend.define(name, value.as_deref());
    }
    frontend
}

/// The generator options of `args`.
fn options(args: &Args) -> RustOptions {
    let mut options = RustOptions::default();
    if let Some(krate) = &args.krate {
        options.runtime_path = quote!(#krate::__private).to_string();
    }
    if let Some(client) = args.client {
        options.client = client;
    }
    if let Some(server) = args.server {
        options.server = server;
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Args {
        syn::parse_str(text).unwrap()
    }

    #[test]
    fn every_file_read_is_tracked_by_its_absolute_path() {
        let code = expand(args(
            r#""tests/ui/idl/uses_include.idl", include = ["tests/ui/idl/common"]"#,
        ))
        .unwrap()
        .to_string();
        let root = env!("CARGO_MANIFEST_DIR");
        for file in ["uses_include.idl", "common/ids.idl"] {
            let tracked = format!("include_bytes ! (\"{root}/tests/ui/idl/{file}\")");
            assert!(code.contains(&tracked), "{file} is not tracked");
        }
    }

    #[test]
    fn defines_reach_the_preprocessor() {
        let without = expand(args(
            r#""tests/ui/idl/uses_include.idl", include = ["tests/ui/idl/common"]"#,
        ))
        .unwrap()
        .to_string();
        assert!(!without.contains("OrdersProxy"));
        let with = expand(args(
            r#""tests/ui/idl/uses_include.idl", include = ["tests/ui/idl/common"],
               define = ["WITH_ORDERS"]"#,
        ))
        .unwrap()
        .to_string();
        assert!(with.contains("OrdersProxy"));
    }

    #[test]
    fn options_follow_the_arguments() {
        let default = options(&args(r#""a.idl""#));
        assert_eq!(default.runtime_path, "::orbit::__private");
        assert!(default.client && default.server);
        let set = options(&args(
            r#""a.idl", crate = "crate::rt", client = false, server = false"#,
        ));
        assert_eq!(set.runtime_path, "crate :: rt :: __private");
        assert!(!set.client && !set.server);
    }

    #[test]
    fn a_missing_file_says_where_paths_start() {
        let error = expand(args(r#""tests/ui/idl/nowhere.idl""#)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot find IDL file `tests/ui/idl/nowhere.idl`\n= note: the path is relative to \
             `CARGO_MANIFEST_DIR`, the folder of the crate's `Cargo.toml`"
        );
    }

    #[test]
    fn errors_of_the_file_and_of_the_generator_are_reported() {
        let syntax = expand(args(r#""tests/ui/idl/syntax_error.idl""#)).unwrap_err();
        assert!(syntax.to_string().starts_with("expected `;`, found `}`\n"));
        let unsupported = expand(args(r#""tests/ui/idl/uses_any.idl""#)).unwrap_err();
        assert!(
            unsupported.to_string().contains("`any` is not supported"),
            "{unsupported}"
        );
    }
}
