//! `.proto` files from the checked model: one proto3 file per IDL module path, following the
//! wire layout in [`crate::wire`] (`docs/DESIGN.md`, "Protobuf mapping"), so that any protobuf
//! or gRPC implementation reads and writes the bytes Orbit does.
//!
//! * Module `A::B` becomes `A.B.proto` with `package A.B;`; top-level declarations go to
//!   `_global_.proto`, which has no package. Files import each other as their types require,
//!   and `orbit.proto` (`orbit.ObjectRef`) wherever an object reference is passed.
//! * Structs (bases flattened), exceptions and unions become messages; enums, enums; interfaces,
//!   services with a request and a response message per call. Typedefs and constants write
//!   nothing: uses see the aliased type.
//! * Types declared inside an interface, struct, union or exception are written at the top of
//!   the module's file as `Outer_Inner`; names that would collide get `_2`, `_3`, … (see
//!   "Names" below).
//! * Comments: every IDL doc comment, and a short note after a field whose proto type does not
//!   say everything about the IDL type (`// IDL short`, `// IDL string<64>`).
//! * Output is deterministic: files sorted by name, definitions in declaration order.
//!
//! # Organization
//!
//! * this module: [`generate`] and the walk over the declarations;
//! * `builder`: the file and package layout, imports, the finished files;
//! * `split`: packages that depend on each other both ways, split over several files;
//! * `names`: packages, flattened type names, collision-free names in packages and messages;
//! * `messages`: structs, exceptions and unions; `fields`: one field, its type and note;
//! * `enums`; `services`: interfaces, with their request and response messages;
//! * `wrappers`: the messages that carry lists nested in lists;
//! * `ir` and `render`: the definitions as data, and as proto3 text;
//! * `diagnose`: every message this generator reports.
//!
//! # Names
//!
//! Proto puts messages, enums, services and enum values of a package in one scope. IDL names
//! are kept as they are (proto accepts its keywords as names; references are qualified where a
//! bare name would be read as a keyword). When two names meet, the first claimed keeps its name
//! and the others get `_2`, `_3`, …, claimed in this order: declarations directly in a module,
//! nested types, then, in declaration order, enum values, operation messages and list wrappers.

mod builder;
mod diagnose;
mod enums;
mod fields;
mod ir;
mod messages;
mod names;
mod render;
mod services;
mod split;
mod wrappers;

use orbit_idl::{
    Diagnostics,
    model::{DeclKind, Model},
};

use self::builder::Builder;

/// One emitted `.proto` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProtoFile {
    /// The file name, e.g. `Finance.proto`, or `_global_.proto` for top-level declarations.
    pub name: String,
    /// The file's text.
    pub content: String,
}

/// Emits the `.proto` files of a whole model, sorted by name.
///
/// # Errors
///
/// The diagnostics of every declaration that has no protobuf mapping: valuetypes, CCM
/// constructs and bitsets wherever they are declared; `any`, `fixed`, `Object`, native types and
/// maps with keys proto refuses wherever they are used; names proto does not accept; and IDL
/// modules that would make two `.proto` files import each other.
pub fn generate(model: &Model) -> Result<Vec<ProtoFile>, Diagnostics> {
    let mut b = Builder::new(model);
    for (id, decl) in model.decls() {
        let named = matches!(
            decl.kind,
            DeclKind::Module(_)
                | DeclKind::Struct(_)
                | DeclKind::Exception(_)
                | DeclKind::Union(_)
                | DeclKind::Enum(_)
                | DeclKind::Interface(_)
        );
        if named && !b.check_name(&decl.name, decl.name_span) {
            continue;
        }
        match &decl.kind {
            DeclKind::Struct(_) | DeclKind::Exception(_) => messages::record(&mut b, id),
            DeclKind::Union(u) => messages::union(&mut b, id, u),
            DeclKind::Enum(e) => enums::enumeration(&mut b, id, e),
            DeclKind::Interface(i) => services::interface(&mut b, id, i),
            kind if diagnose::is_unsupported_declaration(kind) => {
                b.error(diagnose::unsupported_declaration(decl));
            }
            // Modules are files; typedefs and constants write nothing; bitmasks travel as
            // `uint64`; native types and forward declarations are reported where a value of
            // theirs is carried.
            _ => {}
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests;
