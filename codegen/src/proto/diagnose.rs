//! The messages `.proto` generation reports, in one place so they read alike.

use orbit_idl::{
    Diagnostic, Span,
    model::{Decl, DeclKind},
};

use crate::wire::{
    Unsupported,
    layout::{LayoutError, MAX_NUMBER, RESERVED_NUMBERS},
};

/// A declaration of a construct protobuf cannot express (valuetypes, CCM, bitsets).
pub(crate) fn unsupported_declaration(decl: &Decl) -> Diagnostic {
    let what = decl.kind.describe();
    Diagnostic::error(
        format!("{what} `{}` has no protobuf mapping", decl.scoped_name),
        decl.name_span,
    )
    .with_label(format!("this {what} cannot be written to a `.proto` file"))
}

/// A value (member, parameter, result, attribute) whose type has no mapping; `what` says which
/// (``member `a` ``).
pub(crate) fn unsupported_type(unsupported: &Unsupported, what: &str, span: Span) -> Diagnostic {
    let construct = &unsupported.construct;
    // A keyword type is one word, put in backticks; a phrase or a named declaration is
    // written as it is.
    let construct = if construct.contains(' ') {
        construct.clone()
    } else {
        format!("`{construct}`")
    };
    Diagnostic::error(format!("{construct} has no protobuf mapping"), span)
        .with_label(format!("used by {what}"))
}

/// A layout error of a member or parameter; `what` names the kind of value (`member`,
/// `parameter`).
pub(crate) fn layout(error: &LayoutError, what: &str, span: Span) -> Diagnostic {
    match error {
        LayoutError::Unsupported {
            member,
            unsupported,
        } => unsupported_type(unsupported, &format!("{what} `{member}`"), span),
        LayoutError::BadNumber { member, number } => Diagnostic::error(
            format!(
                "{what} `{member}` would be protobuf field number {number}, which is not allowed"
            ),
            span,
        )
        .with_label("its member id plus one")
        .with_note(format!(
            "protobuf field numbers go from 1 to {MAX_NUMBER}, without {} to {}",
            RESERVED_NUMBERS.start(),
            RESERVED_NUMBERS.end()
        ))
        .with_help("give the member another `@id`"),
    }
}

/// An enumerator whose value a protobuf enum (`int32`) cannot hold.
pub(crate) fn enum_value_range(name: &str, value: i64, span: Span) -> Diagnostic {
    Diagnostic::error(
        format!("enumerator `{name}` has value {value}, which a protobuf enum cannot hold"),
        span,
    )
    .with_label("outside the `int32` range")
}

/// A name protobuf does not accept as an identifier.
pub(crate) fn invalid_name(name: &str, span: Span) -> Diagnostic {
    Diagnostic::error(format!("`{name}` is not a valid protobuf name"), span)
        .with_label("protobuf names use only ASCII letters, digits and `_`")
}

/// Types of different packages that need each other (directly or through others of the same
/// packages): `uses` holds, for each need between two of them, the needing definition, the
/// needed one and the place that needs it.
pub(crate) fn recursive_across_packages(uses: &[(String, String, Span)]) -> Option<Diagnostic> {
    let ((from, to, span), rest) = uses.split_first()?;
    let mut types: Vec<&str> = uses
        .iter()
        .flat_map(|(f, t, _)| [f.as_str(), t.as_str()])
        .collect();
    types.sort_unstable();
    types.dedup();
    let list = match types.as_slice() {
        [a, b] => format!("`{a}` and `{b}`"),
        _ => {
            let (last, init) = types.split_last().unwrap_or((&"", &[]));
            let init: Vec<String> = init.iter().map(|t| format!("`{t}`")).collect();
            format!("{} and `{last}`", init.join(", "))
        }
    };
    let mut diagnostic =
        Diagnostic::error(format!("{list} need each other across packages"), *span)
            .with_label(format!("`{from}` needs `{to}` here"));
    for (from, to, span) in rest {
        diagnostic = diagnostic.with_secondary(*span, format!("`{from}` needs `{to}` here"));
    }
    Some(
        diagnostic
            .with_note("each IDL module is a protobuf package, and types that need each other must be in one file, which holds one package")
            .with_help("declare the types that contain each other in one module"),
    )
}

/// Whether a declaration is of a kind that `.proto` generation refuses wherever it stands.
pub(crate) fn is_unsupported_declaration(kind: &DeclKind) -> bool {
    matches!(kind, DeclKind::Unsupported(_) | DeclKind::Bitset(_))
}
