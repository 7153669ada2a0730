//! Proto names: the package of every declaration, the (flattened) name of every type, and names
//! that stay unique in the scopes where proto would see a collision.
//!
//! * A declaration's package is the path of the IDL modules around it (`A.B`); top-level
//!   declarations have none.
//! * A type declared inside an interface, struct, union or exception is written at the top of
//!   its module's file, with the names of its containers joined by `_` (`Outer_Inner`, or
//!   `I_Inner` inside interface `I`): proto services cannot hold messages, and one flat rule is
//!   easier to predict than nesting that works only inside messages.
//! * Proto puts messages, enums, services *and enum values* of a package in one scope. Names are
//!   claimed in a fixed order, and a name already taken gets `_2`, `_3`, … appended: first the
//!   declarations directly in a module (their IDL names are unique there), then nested types,
//!   then, while the files are built in declaration order, enum values, operation messages and
//!   list wrappers.
//! * Inside a message, field and `oneof` names must be unique, and so must the fields' JSON
//!   names (`a_b` and `aB` are both `aB`): [`Local`] claims those.
//! * Type references are written bare within a package and fully qualified (`.A.B.Name`)
//!   across packages, or when the bare name is a proto keyword or scalar type name.

use std::collections::{HashMap, HashSet};

use orbit_idl::model::{DeclId, DeclKind, Model};

/// How many parents a declaration's chain is followed through (the model is a tree; the bound
/// only protects a hand-built model with a cycle).
const MAX_DEPTH: usize = 1024;

/// Words that, written bare where a type is expected, proto reads as something else.
const RESERVED_TYPE_WORDS: &[&str] = &[
    "bool",
    "bytes",
    "double",
    "edition",
    "enum",
    "extend",
    "extensions",
    "fixed32",
    "fixed64",
    "float",
    "group",
    "import",
    "int32",
    "int64",
    "map",
    "message",
    "oneof",
    "option",
    "optional",
    "package",
    "public",
    "repeated",
    "required",
    "reserved",
    "returns",
    "rpc",
    "service",
    "sfixed32",
    "sfixed64",
    "sint32",
    "sint64",
    "stream",
    "string",
    "syntax",
    "uint32",
    "uint64",
    "weak",
];

/// The package of the runtime's own messages (`orbit.ObjectRef`).
pub(crate) const ORBIT_PACKAGE: &str = "orbit";

/// The name of the object reference message in [`ORBIT_PACKAGE`].
pub(crate) const OBJECT_REF: &str = "ObjectRef";

/// A type's place in proto.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TypeName {
    /// The package, empty at the top level.
    pub(crate) package: String,
    /// The name within the package.
    pub(crate) name: String,
}

/// The package-wide names.
#[derive(Debug, Default)]
pub(crate) struct Names {
    types: HashMap<DeclId, TypeName>,
    scopes: HashMap<String, HashSet<String>>,
}

impl Names {
    /// Names every struct, union, exception, enum and interface of `model`.
    pub(crate) fn new(model: &Model) -> Self {
        let mut names = Names::default();
        names.claim(ORBIT_PACKAGE, OBJECT_REF);
        let named = |d: &DeclKind| {
            matches!(
                d,
                DeclKind::Struct(_)
                    | DeclKind::Union(_)
                    | DeclKind::Exception(_)
                    | DeclKind::Enum(_)
                    | DeclKind::Interface(_)
            )
        };
        // Directly in a module first, so nested types never take a module-level name.
        for nested in [false, true] {
            for (id, decl) in model.decls() {
                let in_module = decl
                    .parent
                    .and_then(|p| model.get(p))
                    .is_none_or(|p| matches!(p.kind, DeclKind::Module(_)));
                if !named(&decl.kind) || in_module == nested {
                    continue;
                }
                let package = package(model, id);
                let name = names.claim(&package, &flat_name(model, id));
                names.types.insert(id, TypeName { package, name });
            }
        }
        names
    }

    /// The proto name of a struct, union, exception, enum or interface.
    pub(crate) fn type_name(&self, id: DeclId) -> Option<&TypeName> {
        self.types.get(&id)
    }

    /// Claims `wanted` in `package`'s scope, or the first free `wanted_N` (N from 2).
    pub(crate) fn claim(&mut self, package: &str, wanted: &str) -> String {
        let scope = self.scopes.entry(package.to_owned()).or_default();
        claim_in(scope, wanted, |_| true)
    }
}

/// The names of one message: fields and `oneof`s, and the JSON names of fields.
#[derive(Debug, Default)]
pub(crate) struct Local {
    names: HashSet<String>,
    json: HashSet<String>,
}

impl Local {
    /// Claims a field name, unique by name and by JSON name.
    pub(crate) fn field(&mut self, wanted: &str) -> String {
        let name = {
            let json = &self.json;
            claim_in(&mut self.names, wanted, |n| !json.contains(&json_key(n)))
        };
        self.json.insert(json_key(&name));
        name
    }

    /// Claims a `oneof` name.
    pub(crate) fn oneof(&mut self, wanted: &str) -> String {
        claim_in(&mut self.names, wanted, |_| true)
    }
}

/// Inserts and returns `wanted`, or the first `wanted_N` that is free and passes `ok`.
fn claim_in(taken: &mut HashSet<String>, wanted: &str, ok: impl Fn(&str) -> bool) -> String {
    let free = |n: &str, taken: &HashSet<String>| !taken.contains(n) && ok(n);
    let name = if free(wanted, taken) {
        wanted.to_owned()
    } else {
        // At most `taken.len() + 1` candidates can be taken, so this ends.
        (2..)
            .map(|n| format!("{wanted}_{n}"))
            .find(|n| free(n, taken))
            .unwrap_or_else(|| wanted.to_owned())
    };
    taken.insert(name.clone());
    name
}

/// The JSON name protoc derives from a field name (`a_b` → `aB`), lowercased so that the
/// comparison also catches protoc versions that lowercase its first letter.
fn json_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out.to_ascii_lowercase()
}

/// The package of a declaration: the names of the modules around it, joined by `.`.
pub(crate) fn package(model: &Model, id: DeclId) -> String {
    let mut modules = Vec::new();
    let mut next = model.get(id).and_then(|d| d.parent);
    while let Some(parent) = next.filter(|_| modules.len() < MAX_DEPTH) {
        let Some(decl) = model.get(parent) else { break };
        if matches!(decl.kind, DeclKind::Module(_)) {
            modules.push(decl.name.as_str());
        }
        next = decl.parent;
    }
    modules.reverse();
    modules.join(".")
}

/// The name of a declaration with the containers that are not modules before it
/// (`Outer_Inner`).
fn flat_name(model: &Model, id: DeclId) -> String {
    let mut parts = Vec::new();
    let mut next = Some(id);
    while let Some(current) = next.filter(|_| parts.len() < MAX_DEPTH) {
        let Some(decl) = model.get(current) else {
            break;
        };
        if matches!(decl.kind, DeclKind::Module(_)) {
            break;
        }
        parts.push(decl.name.as_str());
        next = decl.parent;
    }
    parts.reverse();
    parts.join("_")
}

/// How code in package `from` writes a reference to `name` in package `package`.
pub(crate) fn reference(from: &str, package: &str, name: &str) -> String {
    if from == package && !RESERVED_TYPE_WORDS.contains(&name) {
        name.to_owned()
    } else if package.is_empty() {
        format!(".{name}")
    } else {
        format!(".{package}.{name}")
    }
}

/// The file that holds `package`.
pub(crate) fn file_name(package: &str) -> String {
    if package.is_empty() {
        "_global_.proto".to_owned()
    } else {
        format!("{package}.proto")
    }
}

/// Whether proto accepts `name` as an identifier: an ASCII letter or `_`, then ASCII letters,
/// digits and `_`.
pub(crate) fn is_valid(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use orbit_idl::Frontend;

    use super::*;

    fn model(idl: &str) -> Model {
        let compilation = Frontend::new().compile_source("t.idl", idl);
        assert!(
            !compilation.diagnostics.has_errors(),
            "{}",
            compilation.render_diagnostics()
        );
        compilation.model.expect("a model")
    }

    fn name(names: &Names, m: &Model, scoped: &str) -> (String, String) {
        let t = names.type_name(m.lookup(scoped).unwrap()).unwrap();
        (t.package.clone(), t.name.clone())
    }

    #[test]
    fn nested_types_are_flattened_and_give_way_to_module_level_names() {
        let m = model(
            "module A { module B {
                 interface I { struct S { long x; }; };
                 struct O { struct N { long y; } n; };
                 struct O_N { long z; };
             }; };
             struct G { long g; };",
        );
        let names = Names::new(&m);
        let owned = |p: &str, n: &str| (p.to_owned(), n.to_owned());
        assert_eq!(name(&names, &m, "A::B::I::S"), owned("A.B", "I_S"));
        assert_eq!(name(&names, &m, "A::B::O_N"), owned("A.B", "O_N"));
        assert_eq!(name(&names, &m, "A::B::O::N"), owned("A.B", "O_N_2"));
        assert_eq!(name(&names, &m, "G"), owned("", "G"));
    }

    #[test]
    fn claims_add_a_number_when_taken() {
        let mut names = Names::default();
        assert_eq!(names.claim("p", "X"), "X");
        assert_eq!(names.claim("p", "X"), "X_2");
        assert_eq!(names.claim("p", "X"), "X_3");
        assert_eq!(names.claim("q", "X"), "X");
        assert_eq!(names.claim(ORBIT_PACKAGE, OBJECT_REF), OBJECT_REF);
    }

    #[test]
    fn fields_are_unique_by_json_name_too() {
        let mut local = Local::default();
        assert_eq!(local.oneof("value"), "value");
        assert_eq!(local.field("value"), "value_2");
        assert_eq!(local.field("a_b"), "a_b");
        assert_eq!(local.field("aB"), "aB_2");
        assert_eq!(local.field("AB"), "AB_3");
    }

    #[test]
    fn references_are_bare_only_within_the_package_and_for_plain_names() {
        assert_eq!(reference("A", "A", "S"), "S");
        assert_eq!(reference("A", "A", "bytes"), ".A.bytes");
        assert_eq!(reference("A", "B.C", "S"), ".B.C.S");
        assert_eq!(reference("A", "", "S"), ".S");
        assert_eq!(reference("", "", "optional"), ".optional");
    }

    #[test]
    fn file_names_and_valid_identifiers() {
        assert_eq!(file_name(""), "_global_.proto");
        assert_eq!(file_name("A.B"), "A.B.proto");
        assert!(is_valid("_get_a") && is_valid("a1_B"));
        assert!(!is_valid("") && !is_valid("1a") && !is_valid("é"));
    }
}
