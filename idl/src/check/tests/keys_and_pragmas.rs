//! Repository ids (`#pragma prefix|ID|version`, `typeid`, `typeprefix`) and DDS keys
//! (`@key`, `#pragma keylist`, OpenDDS `DCPS_DATA_TYPE`/`DCPS_DATA_KEY`).

use std::path::Path;

use super::{assert_clean, compile, errors};
use crate::{
    Frontend,
    model::{DeclKind, KeySource, Model},
    preprocess::MemoryLoader,
};

fn repository_id(model: &Model, name: &str) -> String {
    model
        .decl(model.lookup(name).expect(name))
        .repository_id()
        .into_owned()
}

#[test]
fn prefix_pragmas_follow_the_spec_example() {
    // CORBA 3.0 §10.7.5.4.
    let model = assert_clean(
        "module M1 {
  typedef long T1;
  typedef long T2;
#pragma ID T2 \"DCE:d62207a2-011e-11ce-88b4-0800090b5d3e:3\"
};
#pragma prefix \"P1\"
module M2 {
  module M3 {
#pragma prefix \"P2\"
    typedef long T3;
  };
  typedef long T4;
#pragma version T4 2.4
};
",
    )
    .model
    .expect("model");
    assert_eq!(repository_id(&model, "M1::T1"), "IDL:M1/T1:1.0");
    assert_eq!(
        repository_id(&model, "M1::T2"),
        "DCE:d62207a2-011e-11ce-88b4-0800090b5d3e:3"
    );
    assert_eq!(repository_id(&model, "M2"), "IDL:P1/M2:1.0");
    assert_eq!(repository_id(&model, "M2::M3"), "IDL:P1/M2/M3:1.0");
    assert_eq!(repository_id(&model, "M2::M3::T3"), "IDL:P2/T3:1.0");
    assert_eq!(repository_id(&model, "M2::T4"), "IDL:P1/M2/T4:2.4");
}

#[test]
fn a_prefix_ends_with_its_scope() {
    let model = assert_clean(
        "#pragma prefix \"anvil.com\"
interface hello {};
module salutation {
# pragma prefix \"hammer.com\"
  interface sayonara {};
};
interface ciao {};
",
    )
    .model
    .expect("model");
    assert_eq!(repository_id(&model, "hello"), "IDL:anvil.com/hello:1.0");
    assert_eq!(
        repository_id(&model, "salutation::sayonara"),
        "IDL:hammer.com/sayonara:1.0"
    );
    assert_eq!(repository_id(&model, "ciao"), "IDL:anvil.com/ciao:1.0");
}

#[test]
fn an_included_file_starts_without_the_includers_prefix() {
    let loader = MemoryLoader::new()
        .with(
            "/idl/main.idl",
            "#pragma prefix \"outer.org\"\n#include \"inc.idl\"\ninterface After {};\n",
        )
        .with(
            "/idl/inc.idl",
            "interface Inside {};\n#pragma prefix \"inner.org\"\ninterface Late {};\n",
        );
    let compilation = Frontend::new().compile_file_with(Path::new("/idl/main.idl"), &loader);
    assert!(
        !compilation.diagnostics.has_errors(),
        "{}",
        compilation.render_diagnostics()
    );
    let model = compilation.model.expect("model");
    assert_eq!(repository_id(&model, "Inside"), "IDL:Inside:1.0");
    assert_eq!(repository_id(&model, "Late"), "IDL:inner.org/Late:1.0");
    assert_eq!(repository_id(&model, "After"), "IDL:outer.org/After:1.0");
}

#[test]
fn typeid_and_typeprefix_apply_to_whole_scopes() {
    // After TAO's tests/IDL_Test/repo_id_mod.idl.
    let model = assert_clean(
        "module gleep { local interface schmooze {}; };
module gleep {
  local interface schlemiel {};
  typeprefix gleep \"gleep_prefix\";
};
module gleep {
  module floop {
    local interface schmuck {};
    local interface schmendrick;
#    pragma version     gleep::floop::schmendrick    524.23
    local interface schmendrick {};
    module verklempt {
      local interface schlemazel {};
      typeprefix floop::verklempt \"verklempt_prefix\";
    };
  };
};
typeid gleep::floop::schmuck \"ABRA:cadabra/hocus/pocus:1.23\";
typeprefix ::gleep::floop \"floop_prefix\";
",
    )
    .model
    .expect("model");
    assert_eq!(
        repository_id(&model, "gleep::schmooze"),
        "IDL:gleep_prefix/gleep/schmooze:1.0"
    );
    assert_eq!(repository_id(&model, "gleep"), "IDL:gleep_prefix/gleep:1.0");
    assert_eq!(
        repository_id(&model, "gleep::floop::schmuck"),
        "ABRA:cadabra/hocus/pocus:1.23"
    );
    assert_eq!(
        repository_id(&model, "gleep::floop::schmendrick"),
        "IDL:floop_prefix/gleep/floop/schmendrick:524.23"
    );
    assert_eq!(
        repository_id(&model, "gleep::floop::verklempt::schlemazel"),
        "IDL:verklempt_prefix/gleep/floop/verklempt/schlemazel:1.0"
    );
}

#[test]
fn an_id_cannot_be_set_twice_differently() {
    assert_eq!(
        errors(
            "interface A {};\n\
             #pragma ID A \"IDL:A:1.1\"\n\
             #pragma ID A \"IDL:X:1.1\"\n\
             #pragma ID B \"IDL:B:1.0\"\n"
        ),
        [
            "3:1: the repository id of `A` is already set to `IDL:A:1.1`",
            "4:1: cannot find `B` in this scope",
        ]
    );
}

#[test]
fn keylists_name_members_of_a_struct() {
    let text = "module M {
  struct Inner { long id; };
  struct Shape { string color; Inner inner; long x; };
#pragma keylist Shape color inner.id
};
#pragma keylist M::Shape nope
#pragma keylist M::Shape color.id
#pragma keylist Missing a
";
    assert_eq!(
        errors(text),
        [
            "6:1: struct `M::Shape` has no member `nope`",
            "7:1: member `color` of `M::Shape` is not a struct, so key `color.id` cannot go inside it",
            "8:1: cannot find `Missing` in this scope",
        ]
    );
    let model = compile(text).model.expect("model");
    let shape = model.lookup("M::Shape").expect("Shape");
    let DeclKind::Struct(s) = &model.decl(shape).kind else {
        panic!("not a struct");
    };
    assert!(s.topic);
    let keys: Vec<String> = s.keys.iter().map(|k| k.path.join(".")).collect();
    assert_eq!(keys, ["color", "inner.id"]);
    assert_eq!(s.keys[0].source, KeySource::Keylist);
    assert!(s.members[0].key && s.members[1].key && !s.members[2].key);
}

#[test]
fn opendds_pragmas_name_the_type_and_its_keys() {
    let model = assert_clean(
        "module Messenger {
#pragma DCPS_DATA_TYPE \"Messenger::Message\"
#pragma DCPS_DATA_KEY \"Messenger::Message subject_id\"
  struct Message { long subject_id; string text; };
};
",
    )
    .model
    .expect("model");
    let message = model.lookup("Messenger::Message").expect("Message");
    let DeclKind::Struct(s) = &model.decl(message).kind else {
        panic!("not a struct");
    };
    assert!(s.topic);
    assert_eq!(s.keys.len(), 1);
    assert_eq!(s.keys[0].source, KeySource::DcpsDataKey);
    assert!(s.members[0].key);
}

#[test]
fn key_annotations_make_keys() {
    let model = assert_clean("struct S { @key long a; long b; @key string c; };")
        .model
        .expect("model");
    let s = model.lookup("S").expect("S");
    let DeclKind::Struct(s) = &model.decl(s).kind else {
        panic!("not a struct");
    };
    let keys: Vec<String> = s.keys.iter().map(|k| k.path.join(".")).collect();
    assert_eq!(keys, ["a", "c"]);
    assert!(s.keys.iter().all(|k| k.source == KeySource::Annotation));
}
