//! IDL diagnostics as Rust compile errors.
//!
//! A procedural macro cannot point rustc into an IDL file, so each error becomes one
//! `compile_error!` at the macro's path literal whose message is the diagnostic rendered the way
//! `idlc` prints it (plain text: file, line, column, the source line and its markers). Warnings
//! are left out: a macro has no stable way to emit them, and `idlc check` shows them.

use orbit_codegen::orbit_idl::{Diagnostics, SourceMap};
use proc_macro2::Span;

/// The word codespan-reporting starts an error with; rustc writes its own.
const ERROR_PREFIX: &str = "error: ";

/// One combined error with a message per error in `diagnostics`, all at `span`; `None` when
/// there is no error among them.
pub(crate) fn to_syn(
    span: Span,
    sources: &SourceMap,
    diagnostics: &Diagnostics,
) -> Option<syn::Error> {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.is_error())
        .map(|diagnostic| {
            let rendered = diagnostic.render(sources);
            let message = rendered.strip_prefix(ERROR_PREFIX).unwrap_or(&rendered);
            syn::Error::new(span, message.trim_end())
        })
        .reduce(|mut all, next| {
            all.combine(next);
            all
        })
}

#[cfg(test)]
mod tests {
    use orbit_codegen::orbit_idl::Frontend;

    use super::*;

    #[test]
    fn each_error_is_rendered_with_its_place_and_without_a_second_prefix() {
        let compilation = Frontend::new().compile_source(
            "bad.idl",
            "module M {\n  struct S { Missing a; };\n  struct T { Gone b; };\n};\n",
        );
        let error = to_syn(
            Span::call_site(),
            &compilation.sources,
            &compilation.diagnostics,
        )
        .unwrap();
        let messages: Vec<String> = error.into_iter().map(|e| e.to_string()).collect();
        assert_eq!(messages.len(), 2);
        assert!(
            messages[0].starts_with("cannot find `Missing` in this scope"),
            "{}",
            messages[0]
        );
        assert!(messages[0].contains("bad.idl:2:14"), "{}", messages[0]);
        assert!(
            messages[0].contains("struct S { Missing a; };"),
            "{}",
            messages[0]
        );
        assert!(!messages[0].ends_with('\n'));
        assert!(messages[1].contains("bad.idl:3:14"), "{}", messages[1]);
    }

    #[test]
    fn a_clean_file_is_no_error() {
        let compilation = Frontend::new().compile_source("ok.idl", "module M { typedef long L; };");
        assert!(
            to_syn(
                Span::call_site(),
                &compilation.sources,
                &compilation.diagnostics
            )
            .is_none()
        );
    }
}
