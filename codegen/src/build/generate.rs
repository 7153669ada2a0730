//! One IDL file to formatted Rust and `.proto` text: the front end, then the generators, with
//! every diagnostic collected in one list.

use std::path::Path;

use orbit_idl::{Compilation, Diagnostic, Frontend};

use super::attributes::{self, TypeAttribute};
use crate::{
    proto::{self, ProtoFile},
    rust::{self, RustOptions, print::Listings},
};

/// What to generate from each IDL file.
#[derive(Clone, Debug, Default)]
pub struct Targets {
    /// Rust code generated with these options, or no Rust code.
    pub rust: Option<RustOptions>,
    /// `.proto` files.
    pub proto: bool,
}

/// What one IDL file produced.
#[derive(Debug)]
pub struct Generated {
    /// The front end's run: the files read and, in
    /// [`diagnostics`](Compilation::diagnostics), every problem found, the generators' after the
    /// front end's.
    pub compilation: Compilation,
    /// The formatted Rust code, when it was asked for and the file had no errors.
    pub rust: Option<String>,
    /// The `.proto` files, when they were asked for and the file had no errors.
    pub protos: Vec<ProtoFile>,
    /// For each type attribute given, whether it matched a declaration of this file.
    pub(crate) attributes_matched: Vec<bool>,
}

impl Generated {
    /// Whether the file had errors; then nothing was generated.
    pub fn has_errors(&self) -> bool {
        self.compilation.diagnostics.has_errors()
    }
}

/// Runs the front end on `path` and, when the file is free of errors, generates what `targets`
/// asks for.
///
/// Problems in the file, including a file that cannot be read, are diagnostics in
/// [`Generated::compilation`]; nothing is generated when there is any error.
///
/// # Examples
///
/// ```
/// use orbit_codegen::{build::{Targets, generate_file}, rust::RustOptions};
///
/// let dir = std::env::temp_dir().join(format!("orbit-doc-generate-file-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let idl = dir.join("money.idl");
/// std::fs::write(&idl, "module Bank { struct Money { long long cents; }; };\n")?;
///
/// let targets = Targets { rust: Some(RustOptions::default()), proto: true };
/// let generated = generate_file(&orbit_idl::Frontend::new(), &idl, &targets);
/// assert!(!generated.has_errors());
/// assert!(generated.rust.unwrap().contains("pub struct Money {"));
/// assert_eq!(generated.protos[0].name, "Bank.proto");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn generate_file(frontend: &Frontend, path: &Path, targets: &Targets) -> Generated {
    generate_with(frontend, path, targets, &[])
}

/// [`generate_file`], adding `type_attributes` to the generated Rust types they name.
pub(crate) fn generate_with(
    frontend: &Frontend,
    path: &Path,
    targets: &Targets,
    type_attributes: &[TypeAttribute],
) -> Generated {
    let compilation = frontend.compile_file(path);
    let mut generated = Generated {
        compilation,
        rust: None,
        protos: Vec::new(),
        attributes_matched: vec![false; type_attributes.len()],
    };
    if generated.has_errors() {
        return generated;
    }
    let Some(model) = generated.compilation.model.as_ref() else {
        // The front end always builds a model for a unit free of errors; say so if it did not.
        generated
            .compilation
            .diagnostics
            .push(Diagnostic::error_without_span(format!(
                "no model was built for `{}`",
                path.display()
            )));
        return generated;
    };
    let mut problems = orbit_idl::Diagnostics::new();
    let mut rust_code = None;
    if let Some(options) = &targets.rust {
        match rust::generate(model, options) {
            Ok(tokens) => match parse_rust(tokens) {
                Ok((mut file, listings)) => {
                    generated.attributes_matched =
                        attributes::apply(model, options, type_attributes, &mut file);
                    rust_code = Some(format_rust(path, &file, &listings));
                }
                Err(error) => problems.push(
                    Diagnostic::error_without_span(format!(
                        "the Rust generated for `{}` does not parse: {error}",
                        path.display()
                    ))
                    .with_note("this is a bug in orbit-codegen"),
                ),
            },
            Err(diagnostics) => problems.extend(diagnostics),
        }
    }
    let mut protos = Vec::new();
    if targets.proto {
        match proto::generate(model) {
            Ok(files) => protos = files,
            Err(diagnostics) => problems.extend(diagnostics),
        }
    }
    let diagnostics = &mut generated.compilation.diagnostics;
    diagnostics.extend(problems);
    if !diagnostics.has_errors() {
        generated.rust = rust_code;
        generated.protos = protos;
    }
    generated
}

/// The text of the Rust file generated from the IDL file `path`: a header naming the IDL file
/// (by file name only, so the output does not depend on where the build runs), then the code
/// formatted by prettyplease, with the bodies of the runtime's listing macros, which
/// [`parse_rust`] took out, laid out one entry per line.
pub fn format_rust(path: &Path, file: &syn::File, listings: &Listings) -> String {
    let name = path.file_name().unwrap_or(path.as_os_str()).display();
    format!(
        "// This file is @generated by orbit-codegen from `{name}`.\n\
         // Do not edit it: change the IDL file and build again.\n\n{}",
        listings.restore(&prettyplease::unparse(file))
    )
}

/// Parses generated tokens as a file, once the bodies of the runtime's listing macros are
/// taken out (and laid out) by [`take_listings`](crate::rust::print::take_listings).
///
/// # Errors
///
/// When the tokens are not a Rust file (a bug of the generator).
pub fn parse_rust(tokens: proc_macro2::TokenStream) -> syn::Result<(syn::File, Listings)> {
    let (tokens, listings) = rust::print::take_listings(tokens);
    Ok((syn::parse2(tokens)?, listings))
}
