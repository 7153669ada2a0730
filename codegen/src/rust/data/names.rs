//! Names that collide in Rust: two declarations of one scope that become the same Rust name
//! in the same namespace after case conversion (`A_B` and `AB` are both `AB`), or a generated
//! name taken twice (a struct's module of nested types, `mod outer`, and a module `outer`).
//!
//! The IDL checker already refuses names that differ only in case; these are the collisions
//! case conversion adds. Members, enumerators, flags and cases are checked where their type is
//! generated.

use orbit_idl::{
    Diagnostic, Span,
    model::{DeclId, DeclKind, Model},
};

use std::collections::{HashMap, hash_map::Entry};

use super::proxy_name;
use crate::{ident, rust::Context};

/// The Rust namespaces a generated item can take a name in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Namespace {
    /// Types and traits (and modules, which share it).
    Type,
    /// Constants and tuple-struct constructors.
    Value,
}

/// Reports every scope's colliding names. Runs once before generation.
pub fn check_names(cx: &mut Context<'_>) {
    let model = cx.model;
    let mut diagnostics = Vec::new();
    check_scope(
        model,
        model.root(),
        "the file's top level",
        &mut diagnostics,
    );
    for (_, decl) in model.decls() {
        let items: &[DeclId] = match &decl.kind {
            DeclKind::Module(m) => &m.items,
            DeclKind::Interface(i) => &i.items,
            DeclKind::Struct(s) => &s.inner,
            DeclKind::Union(u) => &u.inner,
            DeclKind::Exception(e) => &e.inner,
            _ => continue,
        };
        let scope = format!("`{}`", decl.scoped_name);
        check_scope(model, items, &scope, &mut diagnostics);
    }
    for diagnostic in diagnostics {
        cx.error(diagnostic);
    }
}

/// The Rust names the declaration takes in its scope: (namespace, name, what takes it, for
/// messages).
fn generated_names(model: &Model, id: DeclId) -> Vec<(Namespace, String, String)> {
    let Some(decl) = model.get(id) else {
        return Vec::new();
    };
    let camel = ident::camel(&decl.name);
    let snake = ident::snake(&decl.name);
    let own = format!("{} `{}`", decl.kind.describe(), decl.name);
    let inner_module = format!("the module of the types inside `{}`", decl.name);
    let holds_items = !model.children(id).is_empty();
    let mut names = Vec::new();
    match &decl.kind {
        DeclKind::Module(_) => names.push((Namespace::Type, snake, own)),
        DeclKind::Struct(_) | DeclKind::Union(_) | DeclKind::Exception(_) => {
            names.push((Namespace::Type, camel, own));
            if holds_items {
                names.push((Namespace::Type, snake, inner_module));
            }
        }
        DeclKind::Enum(_) | DeclKind::Typedef(_) => names.push((Namespace::Type, camel, own)),
        DeclKind::Bitmask(_) => {
            // A tuple struct: its constructor is a value too.
            names.push((Namespace::Type, camel.clone(), own.clone()));
            names.push((Namespace::Value, camel, own));
        }
        DeclKind::Const(_) => names.push((Namespace::Value, ident::shouty(&decl.name), own)),
        DeclKind::Interface(_) => {
            names.push((Namespace::Type, camel, own));
            let proxy = format!("the proxy of `{}`", decl.name);
            names.push((Namespace::Type, proxy_name(&decl.name), proxy));
            if holds_items {
                names.push((Namespace::Type, snake, inner_module));
            }
        }
        _ => {}
    }
    names
}

/// Checks one scope.
fn check_scope(model: &Model, ids: &[DeclId], scope: &str, out: &mut Vec<Diagnostic>) {
    // Each Rust name taken so far: the declaration that took it, its span, and as what.
    let mut taken: HashMap<(Namespace, String), (DeclId, Span, String)> = HashMap::new();
    for &id in ids {
        let Some(decl) = model.get(id) else {
            continue;
        };
        for (namespace, rust, what) in generated_names(model, id) {
            match taken.entry((namespace, rust)) {
                Entry::Vacant(slot) => {
                    slot.insert((id, decl.name_span, what));
                }
                // A module reopened, or listed twice: the same item.
                Entry::Occupied(slot) if slot.get().0 == id => {}
                Entry::Occupied(slot) => {
                    let (_, first_span, first_what) = slot.get();
                    let rust = &slot.key().1;
                    out.push(
                        Diagnostic::error(
                            format!("{what} and {first_what} in {scope} are both `{rust}` in Rust"),
                            decl.name_span,
                        )
                        .with_label(format!("`{rust}` here"))
                        .with_secondary(*first_span, format!("`{rust}` first"))
                        .with_help("rename one of them"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use orbit_idl::Frontend;

    use super::*;
    use crate::rust::RustOptions;

    fn messages(idl: &str) -> Vec<String> {
        let compilation = Frontend::new().compile_source("t.idl", idl);
        assert!(
            !compilation.diagnostics.has_errors(),
            "{}",
            compilation.render_diagnostics()
        );
        let model = compilation.model.expect("a model");
        let options = RustOptions::default();
        let mut cx = Context::new(&model, &options);
        check_names(&mut cx);
        cx.diagnostics.iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn names_made_equal_by_case_conversion_are_reported() {
        assert_eq!(
            messages("module m { struct A_B { long x; }; enum aB { X }; };"),
            ["enum `aB` and struct `A_B` in `m` are both `AB` in Rust"]
        );
        assert_eq!(
            messages("const long A_B = 1; const long aB = 2;"),
            ["constant `aB` and constant `A_B` in the file's top level are both `A_B` in Rust"]
        );
    }

    #[test]
    fn generated_names_count_too() {
        assert_eq!(
            messages("module outer_x { }; struct OuterX { struct Inner { long x; } i; };"),
            [
                "the module of the types inside `OuterX` and module `outer_x` in the file's top level are both `outer_x` in Rust"
            ]
        );
        assert_eq!(
            messages("interface Account { }; struct AccountProxy { long x; };"),
            [
                "struct `AccountProxy` and the proxy of `Account` in the file's top level are both `AccountProxy` in Rust"
            ]
        );
    }

    #[test]
    fn reopened_modules_and_distinct_namespaces_are_fine() {
        assert!(
            messages("module m { struct S { long x; }; }; module m { const long S_ = 1; };")
                .is_empty()
        );
        assert!(messages("struct Value { long x; }; const long VALUE_ = 1;").is_empty());
    }
}
