//! What interface generation takes from the data-type generator ([`data`]): the Rust type of an
//! IDL type (a value of interface type is `Option<IProxy>`, `None` being the nil reference),
//! and the field listings of operation messages built from wire fields. Everything else in this folder goes through these functions.

use orbit_idl::{Diagnostic, Span, model::Type};
use proc_macro2::{Ident, TokenStream};

use super::super::{
    Context,
    data::{self, MessageField},
};
use crate::{ident, wire::Field};

/// The Rust type of IDL type `ty`, for code in module `module`.
pub fn rust_type(cx: &Context<'_>, ty: &Type, module: &[String]) -> TokenStream {
    data::rust_type(cx, ty, module)
}

/// The Rust name of the message field that carries wire field `name`.
pub fn field_ident(name: &str) -> Ident {
    ident::ident(&ident::snake(name))
}

/// One field of an operation message: its wire layout, the IDL type of its values, and where
/// to point when it cannot be generated.
#[derive(Clone, Debug)]
pub struct OperationField {
    /// The wire layout.
    pub layout: Field,
    /// The IDL type of the values.
    pub ty: Type,
    /// The parameter's (or operation's) name.
    pub span: Span,
}

/// The field listing (see [`data::message_entries`]) of an operation message with `fields`,
/// generated in the wire module `module`.
///
/// # Errors
///
/// A diagnostic for each field whose values have no codec.
pub fn message_entries(
    cx: &Context<'_>,
    fields: &[OperationField],
    module: &[String],
) -> Result<TokenStream, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut message_fields = Vec::with_capacity(fields.len());
    for field in fields {
        message_fields.extend(message_field(cx, field, module, &mut problems));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(data::message_entries(&message_fields))
}

/// The message field of `field`, or `None` with the problem in `problems`.
fn message_field(
    cx: &Context<'_>,
    field: &OperationField,
    module: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Option<MessageField> {
    let layout = &field.layout;
    match MessageField::new(cx, module, layout.clone(), &field.ty) {
        Ok(field) => Some(field),
        Err(unsupported) => {
            problems.push(
                Diagnostic::error(
                    format!(
                        "`{}` cannot be generated: {} is not supported",
                        layout.name,
                        data::construct_name(&unsupported)
                    ),
                    field.span,
                )
                .with_label(format!("the type of `{}`", layout.name)),
            );
            None
        }
    }
}
