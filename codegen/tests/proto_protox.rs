//! The `.proto` files of a schema with every supported construct, and of the bank example,
//! compile with protox without any error, and describe what the wire layout says.

mod common;

use std::path::Path;

use prost_types::field_descriptor_proto::{Label, Type};

fn workspace_file(relative: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

#[test]
fn every_supported_construct_compiles() {
    let compilation = common::compile_file(&workspace_file("tests/proto-compat/idl/services.idl"));
    let files = common::generate(&compilation);
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Compat.Inner.proto",
            "Compat.proto",
            "CompatRpc.proto",
            "_global_.proto",
            "orbit.proto"
        ]
    );
    let set = common::protox_check(&files).unwrap_or_else(|e| panic!("{e}"));

    let compat = set
        .file
        .iter()
        .find(|f| f.name() == "Compat.proto")
        .expect("Compat.proto");
    let message = |name: &str| {
        compat
            .message_type
            .iter()
            .find(|m| m.name() == name)
            .unwrap_or_else(|| panic!("no message {name}"))
    };
    let derived = message("Derived");
    let fields: Vec<(&str, i32)> = derived
        .field
        .iter()
        .map(|f| (f.name(), f.number()))
        .collect();
    assert_eq!(
        fields,
        [
            ("id", 1),
            ("note", 2),
            ("inner", 3),
            ("maybe", 4),
            ("count", 5),
            ("access", 6),
            ("stamp", 7)
        ]
    );
    assert!(derived.field[1].proto3_optional());
    assert_eq!(derived.field[6].type_name(), ".Stamp");

    let code = message("Code");
    assert_eq!(code.oneof_decl.len(), 1);
    assert_eq!(code.oneof_decl[0].name(), "value");
    assert_eq!(code.field[0].name(), "discriminator");
    assert_eq!(code.field[0].oneof_index, None);

    let lists = message("Lists");
    let rows = lists
        .field
        .iter()
        .find(|f| f.name() == "rows")
        .expect("rows");
    assert_eq!(rows.label(), Label::Repeated);
    assert_eq!(rows.r#type(), Type::Message);
    assert_eq!(rows.type_name(), ".Compat.Lists_rows_List");

    let rpc = set
        .file
        .iter()
        .find(|f| f.name() == "CompatRpc.proto")
        .expect("CompatRpc.proto");
    assert_eq!(rpc.dependency, ["Compat.proto", "orbit.proto"]);
    let service = rpc.service.first().expect("a service");
    assert_eq!(service.name(), "Counter");
    let methods: Vec<&str> = service.method.iter().map(|m| m.name()).collect();
    assert_eq!(
        methods,
        [
            "_get_value",
            "_set_value",
            "_get_name",
            "add",
            "reset",
            "clone_counter"
        ]
    );
    assert_eq!(
        service.method[3].input_type(),
        ".CompatRpc.Counter_add_Request"
    );
    assert_eq!(
        service.method[3].output_type(),
        ".CompatRpc.Counter_add_Response"
    );
}

#[test]
fn the_bank_example_compiles() {
    let compilation = common::compile_file(&workspace_file("examples/idl/bank.idl"));
    let files = common::generate(&compilation);
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Finance.proto", "orbit.proto"]);
    let set = common::protox_check(&files).unwrap_or_else(|e| panic!("{e}"));
    let finance = set
        .file
        .iter()
        .find(|f| f.name() == "Finance.proto")
        .expect("Finance.proto");
    assert_eq!(finance.package(), "Finance");
    assert_eq!(finance.dependency, ["orbit.proto"]);
    let services: Vec<&str> = finance.service.iter().map(|s| s.name()).collect();
    assert_eq!(services, ["Listener", "Account", "Bank"]);
}

#[test]
fn modules_that_need_each_other_compile_split_over_files() {
    // Reopened modules that use each other both ways, as large IDL files do: `A`'s definitions
    // that need `B` move to `A-2.proto`, and the set compiles without an import cycle.
    let compilation = orbit_idl::Frontend::new().compile_source(
        "split.idl",
        "module A { struct X { long a; }; enum E { E1, E2 }; };
         module B {
             struct Y { A::X x; A::E e; };
             interface S { A::X get(in Y y); };
         };
         module A {
             struct Z { B::Y y; sequence<sequence<B::Y> > lists; };
             interface T : B::S { Z more(in X x); };
         };",
    );
    let files = common::generate(&compilation);
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["A-2.proto", "A.proto", "B.proto"]);
    let set = common::protox_check(&files).unwrap_or_else(|e| panic!("{e}"));
    let a2 = set
        .file
        .iter()
        .find(|f| f.name() == "A-2.proto")
        .expect("A-2.proto");
    assert_eq!(a2.package(), "A");
    assert_eq!(a2.dependency, ["A.proto", "B.proto"]);
    let messages: Vec<&str> = a2.message_type.iter().map(|m| m.name()).collect();
    // `T`'s service needs `get`'s request, which needs `B.Y`; `more`'s messages need only `A`.
    assert_eq!(
        messages,
        ["Z", "Z_lists_List", "T_get_Request", "T_more_Response"]
    );
    assert_eq!(a2.service[0].name(), "T");
}
