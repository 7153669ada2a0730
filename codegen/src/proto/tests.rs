//! The emitted text of small schemas, and the diagnostics of constructs with no mapping.

use orbit_idl::{Compilation, Frontend};

use super::*;

fn compile(idl: &str) -> Compilation {
    let compilation = Frontend::new().compile_source("t.idl", idl);
    assert!(
        !compilation.diagnostics.has_errors(),
        "{}",
        compilation.render_diagnostics()
    );
    compilation
}

/// The files emitted for `idl`, as `(name, content)`.
fn emit(idl: &str) -> Vec<(String, String)> {
    let compilation = compile(idl);
    let model = compilation.model.as_ref().expect("a model");
    match generate(model) {
        Ok(files) => files.into_iter().map(|f| (f.name, f.content)).collect(),
        Err(d) => panic!("{}", d.render(&compilation.sources)),
    }
}

/// The one file emitted for `idl`, without its header.
fn emit_one(idl: &str) -> String {
    let files = emit(idl);
    assert_eq!(files.len(), 1, "{files:?}");
    let header = format!("{}\nsyntax = \"proto3\";\n", render::HEADER);
    files[0].1.strip_prefix(&header).unwrap().to_owned()
}

/// The errors for `idl`: message, 1-based line and column of the primary span, and its label.
fn errors(idl: &str) -> Vec<(String, (usize, usize), String)> {
    let compilation = compile(idl);
    let model = compilation.model.as_ref().expect("a model");
    let diagnostics = generate(model).expect_err("errors");
    diagnostics
        .iter()
        .map(|d| {
            let label = d.primary.as_ref().expect("a place");
            let (line, col) = compilation.sources.line_col(label.span);
            (d.message.clone(), (line, col), label.message.clone())
        })
        .collect()
}

fn owned(message: &str, at: (usize, usize), label: &str) -> (String, (usize, usize), String) {
    (message.to_owned(), at, label.to_owned())
}

#[test]
fn top_level_declarations_go_to_the_global_file_without_a_package() {
    let text = emit_one(
        "/// A pair.\nstruct P { long a; @optional string b; };\nenum E { X, Y };\ntypedef P Q;\nconst long N = 3;",
    );
    assert_eq!(
        text,
        "
// A pair.
message P {
  int32 a = 1;
  optional string b = 2;
}

enum E {
  E_X = 0;
  E_Y = 1;
}
"
    );
}

#[test]
fn modules_become_packages_and_files_import_what_they_use() {
    let files = emit(
        "struct G { long g; };
         module A { struct S { G g; }; interface I { void f(in I other); }; };
         module A { module B { struct T { A::S s; }; }; };",
    );
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["A.B.proto", "A.proto", "_global_.proto", "orbit.proto"]
    );
    assert!(
        files[0]
            .1
            .contains("package A.B;\n\nimport \"A.proto\";\n\nmessage T {\n  .A.S s = 1;\n}\n")
    );
    assert!(
        files[1]
            .1
            .contains("package A;\n\nimport \"_global_.proto\";\nimport \"orbit.proto\";\n")
    );
    assert!(
        files[1]
            .1
            .contains("  .orbit.ObjectRef other = 1; // IDL A::I\n")
    );
    assert!(files[3].1.contains("package orbit;\n"));
    assert!(
        files[3]
            .1
            .contains("message ObjectRef {\n  // Endpoint URIs")
    );
}

#[test]
fn local_interfaces_get_no_service_but_their_types_are_written() {
    let text = emit_one("local interface L { struct S { long a; }; void f(in S s); };");
    assert_eq!(text, "\nmessage L_S {\n  int32 a = 1;\n}\n");
}

#[test]
fn unsupported_member_types_are_reported_at_the_member() {
    assert_eq!(
        errors("struct S {\n  any a;\n  fixed<4, 2> f;\n};"),
        [
            owned(
                "`any` has no protobuf mapping",
                (2, 7),
                "used by member `a`"
            ),
            owned(
                "`fixed` has no protobuf mapping",
                (3, 15),
                "used by member `f`"
            ),
        ]
    );
}

#[test]
fn a_base_member_is_reported_once() {
    assert_eq!(
        errors("struct B { any a; }; struct D : B { long b; };"),
        [owned(
            "`any` has no protobuf mapping",
            (1, 16),
            "used by member `a`"
        )]
    );
}

#[test]
fn unsupported_declarations_are_reported_at_their_name() {
    assert_eq!(
        errors("valuetype V { public long a; };\nbitset B { bitfield<3> x; };"),
        [
            owned(
                "valuetype `V` has no protobuf mapping",
                (1, 11),
                "this valuetype cannot be written to a `.proto` file"
            ),
            owned(
                "bitset `B` has no protobuf mapping",
                (2, 8),
                "this bitset cannot be written to a `.proto` file"
            ),
        ]
    );
}

#[test]
fn parameters_results_and_attributes_with_unsupported_types_are_reported() {
    assert_eq!(
        errors("interface I {\n  any f(in Object o, out long ok);\n  attribute TypeCode t;\n};"),
        [
            owned(
                "`any` has no protobuf mapping",
                (2, 7),
                "used by the result of `f`"
            ),
            owned(
                "`Object` has no protobuf mapping",
                (2, 19),
                "used by parameter `o`"
            ),
            owned(
                "`TypeCode` has no protobuf mapping",
                (3, 22),
                "used by attribute `t`"
            ),
        ]
    );
}

#[test]
fn maps_proto_cannot_hold_are_reported() {
    assert_eq!(
        errors(
            "enum E { A };\nstruct S { map<E, long> m; };\nunion U switch (long) { case 1: map<string, long> m; };"
        ),
        [
            owned(
                "map key type `E` has no protobuf mapping",
                (2, 25),
                "used by member `m`"
            ),
            owned(
                "a map as a union case has no protobuf mapping",
                (3, 51),
                "used by member `m`"
            ),
        ]
    );
}

#[test]
fn field_numbers_proto_reserves_are_reported() {
    let found = errors("struct S { @id(18999) long a; };");
    assert_eq!(
        found,
        [owned(
            "member `a` would be protobuf field number 19000, which is not allowed",
            (1, 28),
            "its member id plus one"
        )]
    );
}

/// The errors for a model the front end would not produce: `idl`'s model changed by `edit`.
fn errors_of_edited(
    idl: &str,
    edit: impl FnOnce(&mut Vec<orbit_idl::model::Decl>),
) -> Vec<(String, (usize, usize), String)> {
    let compilation = compile(idl);
    let model = compilation.model.as_ref().expect("a model");
    let mut decls: Vec<_> = model.decls().map(|(_, d)| d.clone()).collect();
    edit(&mut decls);
    let model = orbit_idl::model::Model::new(decls, model.root().to_vec());
    let diagnostics = generate(&model).expect_err("errors");
    diagnostics
        .iter()
        .map(|d| {
            let label = d.primary.as_ref().expect("a place");
            let (line, col) = compilation.sources.line_col(label.span);
            (d.message.clone(), (line, col), label.message.clone())
        })
        .collect()
}

#[test]
fn names_proto_cannot_spell_are_reported() {
    use orbit_idl::model::DeclKind;
    let found = errors_of_edited(
        "struct S { long a; };
struct T { long b; };",
        |decls| {
            decls[0].name = "Été".into();
            if let DeclKind::Struct(s) = &mut decls[1].kind {
                s.members[0].name = "ça".into();
            }
        },
    );
    assert_eq!(
        found,
        [
            owned(
                "`Été` is not a valid protobuf name",
                (1, 8),
                "protobuf names use only ASCII letters, digits and `_`"
            ),
            owned(
                "`ça` is not a valid protobuf name",
                (2, 17),
                "protobuf names use only ASCII letters, digits and `_`"
            ),
        ]
    );
}

#[test]
fn modules_that_need_each_other_split_a_package_over_files() {
    // `A.Z` needs `B.Y`, which needs `A.X`: `A.X` stays in `A.proto`, `A.Z` moves to
    // `A-2.proto`, and no two files import each other.
    let files = emit(
        "module A { struct X { long a; }; };
module B { struct Y { A::X x; }; };
module A { struct Z { B::Y y; }; };",
    );
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["A-2.proto", "A.proto", "B.proto"]);
    assert_eq!(
        files[0].1,
        "// Generated by Orbit from IDL. Do not edit.\nsyntax = \"proto3\";\n\npackage A;\n\n\
         import \"B.proto\";\n\nmessage Z {\n  .B.Y y = 1;\n}\n"
    );
    assert!(
        files[1].1.contains("package A;\n\nmessage X {"),
        "{}",
        files[1].1
    );
    assert!(
        files[2].1.contains("import \"A.proto\";\n\nmessage Y {"),
        "{}",
        files[2].1
    );
}

#[test]
fn types_that_contain_each_other_across_modules_are_reported() {
    let found = errors(
        "module A { struct X; };
module B { struct Y { sequence<A::X> xs; }; };
module A { struct X { sequence<B::Y> ys; }; };",
    );
    assert_eq!(
        found,
        [owned(
            "`A.X` and `B.Y` need each other across packages",
            (3, 38),
            "`A.X` needs `B.Y` here"
        )]
    );
}

#[test]
fn enum_values_proto_cannot_hold_are_reported() {
    use orbit_idl::model::DeclKind;
    let found = errors_of_edited("enum E { A, BIG };", |decls| {
        if let DeclKind::Enum(e) = &mut decls[0].kind {
            e.enumerators[1].value = 1 << 31;
        }
    });
    assert_eq!(
        found,
        [owned(
            "enumerator `BIG` has value 2147483648, which a protobuf enum cannot hold",
            (1, 13),
            "outside the `int32` range"
        )]
    );
}

#[test]
fn a_user_module_called_orbit_shares_its_file_with_object_ref() {
    let files = emit("module orbit { struct ObjectRef { long a; }; interface I { I me(); }; };");
    assert_eq!(files.len(), 1);
    let (name, text) = &files[0];
    assert_eq!(name, "orbit.proto");
    assert!(
        text.contains("\nmessage ObjectRef {\n  // Endpoint URIs"),
        "{text}"
    );
    assert!(
        text.contains("\nmessage ObjectRef_2 {\n  int32 a = 1;\n}\n"),
        "{text}"
    );
    assert!(
        text.contains("  ObjectRef result = 1; // IDL orbit::I\n"),
        "{text}"
    );
}

#[test]
fn a_service_repeats_inherited_calls_once_bases_first() {
    let files = emit(
        "interface A { void fa(); }; interface B : A { void fb(); };
         interface C : A { void fc(); }; interface D : B, C { void fd(); };",
    );
    let text = &files[0].1;
    let start = text.find("service D {").unwrap();
    let end = start + text[start..].find("\n}\n").unwrap();
    assert_eq!(
        &text[start..end],
        "service D {
  // Inherited from `A`.
  rpc fa(D_fa_Request) returns (D_fa_Response);
  // Inherited from `B`.
  rpc fb(D_fb_Request) returns (D_fb_Response);
  // Inherited from `C`.
  rpc fc(D_fc_Request) returns (D_fc_Response);
  rpc fd(D_fd_Request) returns (D_fd_Response);"
    );
}
