//! The model a small specification produces: declarations in source order, scoped names,
//! parents, documentation, types, constant values and repository ids.

use super::assert_clean;
use crate::model::{ConstValue, DeclKind, Primitive, Type};

const BANK: &str = "\
#pragma prefix \"example.org\"
module Bank {
  const unsigned short MAX_NAME = 4 * 8;
  typedef string<MAX_NAME> Name;
  enum Kind { CHECKING, SAVINGS };
  /// An account holder.
  struct Holder {
    Name name;
    sequence<Kind, 2> kinds;
  };
  exception Insufficient { double missing; };
  interface Account {
    readonly attribute Holder owner;
    void withdraw(in double amount) raises (Insufficient);
  };
};
module Bank {
  const Kind DEFAULT_KIND = SAVINGS;
};
";

#[test]
fn a_small_specification_builds_the_expected_model() {
    let model = assert_clean(BANK).model.expect("model");
    let names: Vec<&str> = model.decls().map(|(_, d)| d.scoped_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Bank",
            "Bank::MAX_NAME",
            "Bank::Name",
            "Bank::Kind",
            "Bank::Holder",
            "Bank::Insufficient",
            "Bank::Account",
            "Bank::DEFAULT_KIND",
        ]
    );
    let bank = model.lookup("::Bank").expect("Bank");
    assert_eq!(model.root(), [bank]);
    let DeclKind::Module(module) = &model.decl(bank).kind else {
        panic!("not a module");
    };
    assert_eq!(module.openings.len(), 2);
    assert_eq!(module.items.len(), 7);

    let max = model.lookup("Bank::MAX_NAME").expect("MAX_NAME");
    let DeclKind::Const(c) = &model.decl(max).kind else {
        panic!("not a constant");
    };
    assert_eq!(c.value, Some(ConstValue::Integer(32, Primitive::UShort)));

    let name = model.lookup("Bank::Name").expect("Name");
    let DeclKind::Typedef(t) = &model.decl(name).kind else {
        panic!("not a typedef");
    };
    assert_eq!(t.ty, Type::String(Some(32)));

    let kind = model.lookup("Bank::Kind").expect("Kind");
    let holder = model.lookup("Bank::Holder").expect("Holder");
    let decl = model.decl(holder);
    assert_eq!(decl.parent, Some(bank));
    assert_eq!(
        decl.doc.as_deref().map(str::trim),
        Some("An account holder.")
    );
    assert_eq!(decl.repository_id(), "IDL:example.org/Bank/Holder:1.0");
    let DeclKind::Struct(s) = &decl.kind else {
        panic!("not a struct");
    };
    assert_eq!(s.members[0].ty, Type::Named(name));
    assert_eq!(
        s.members[1].ty,
        Type::Sequence(Box::new(Type::Named(kind)), Some(2))
    );
    assert_eq!(model.type_name(&s.members[1].ty), "sequence<Bank::Kind, 2>");
    assert_eq!(
        model.resolve_alias(&s.members[0].ty),
        &Type::String(Some(32))
    );

    let default_kind = model.lookup("Bank::DEFAULT_KIND").expect("DEFAULT_KIND");
    let DeclKind::Const(c) = &model.decl(default_kind).kind else {
        panic!("not a constant");
    };
    assert_eq!(
        c.value,
        Some(ConstValue::Enumerator {
            decl: kind,
            index: 1
        })
    );
    // The prefix set at the top of the file reaches the second opening too.
    assert_eq!(
        model.decl(default_kind).repository_id(),
        "IDL:example.org/Bank/DEFAULT_KIND:1.0"
    );
}
