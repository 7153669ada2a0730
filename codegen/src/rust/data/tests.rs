//! The data generator end to end: what a declaration generates, and the diagnostic (message and
//! place) of every construct it refuses.

use orbit_idl::Frontend;

use crate::rust::{RustOptions, generate};

/// The generated code of `idl`, or each error as `message @ spanned text`.
fn run(idl: &str) -> Result<String, Vec<String>> {
    let compilation = Frontend::new().compile_source("t.idl", idl);
    assert!(
        !compilation.diagnostics.has_errors(),
        "{}",
        compilation.render_diagnostics()
    );
    let model = compilation.model.expect("a model");
    match generate(&model, &RustOptions::default()) {
        Ok(tokens) => Ok(tokens.to_string()),
        Err(diagnostics) => Err(diagnostics
            .iter()
            .map(|d| {
                let text = d.primary.as_ref().map_or("", |label| {
                    idl.get(label.span.start as usize..label.span.end as usize)
                        .unwrap_or("?")
                });
                format!("{} @ {text}", d.message)
            })
            .collect()),
    }
}

fn errors(idl: &str) -> Vec<String> {
    run(idl).expect_err("the IDL has no Rust mapping")
}

#[test]
fn structs_flatten_their_bases_and_document_every_member() {
    let code = run("struct B { long a; };\n/// A derived struct.\nstruct D : B { string<3> s; };")
        .unwrap();
    assert!(
        code.contains("# [doc = \" A derived struct.\"] # [derive (:: core :: fmt :: Debug , :: core :: clone :: Clone , :: core :: cmp :: PartialEq , :: orbit :: __private :: serde :: Serialize , :: orbit :: __private :: serde :: Deserialize)] # [serde (crate = \"::orbit::__private::serde\")] pub struct D { # [doc = \" IDL member `a`.\"] pub a : i32 , # [doc = \" IDL member `s`.\"] pub s : :: std :: string :: String , }"),
        "{code}"
    );
    // The codecs follow in the `record!` listing (`Default` comes from it too).
    assert!(
        code.contains(":: orbit :: __private :: record ! { D = \"D\" { 1 => a : Singular < Int32 > , 2 => s : Singular < Str < 3 > > , } }"),
        "{code}"
    );
}

#[test]
fn optional_self_references_are_boxed() {
    let code = run("struct N { @optional N next; sequence<N> all; };").unwrap();
    assert!(
        code.contains("pub next : :: core :: option :: Option < :: std :: boxed :: Box < N > >"),
        "{code}"
    );
    assert!(
        code.contains(
            "1 => next : Optional < Boxed < Msg > > , 2 => all : Seq < Msg , { UNBOUNDED } > ,"
        ),
        "{code}"
    );
    assert!(
        code.contains("pub all : :: std :: vec :: Vec < N >"),
        "{code}"
    );
}

#[test]
fn exceptions_are_errors() {
    let code = run("exception E { long code; };").unwrap();
    assert!(
        // `record!` implements `Display` and `Error` for an exception.
        code.contains(":: orbit :: __private :: record ! { exception E = \"E\" { 1 => code : Singular < Int32 > , } }"),
        "{code}"
    );
}

#[test]
fn arrays_get_a_written_default_and_long_ones_a_serde_helper() {
    let code = run("struct S { long big[40]; };").unwrap();
    assert!(
        code.contains(
            "1 => big : Array < Int32 , Leaf > ; default :: core :: array :: from_fn (| _ | :: core :: default :: Default :: default ()) ,"
        ),
        "{code}"
    );
    assert!(code.contains("serialize_with = \"::orbit::__private::codec::serde_shape::serialize::<::orbit::__private::codec::serde_shape::Arr<::orbit::__private::codec::serde_shape::Plain>, _, _>\""), "{code}");
}

#[test]
fn unions_have_a_variant_per_case_and_a_default_case_with_its_discriminator() {
    let code = run(
        "union U switch (short) { case 1: case 2: long a; case 3: sequence<long, 2> b; default: string c; };",
    )
    .unwrap();
    assert!(
        code.contains("pub enum U { # [doc = \" IDL case `a` (`case 1:`, `case 2:`).\"] A (i32) , # [doc = \" IDL case `b` (`case 3:`).\"] B (:: std :: vec :: Vec < i32 >) , # [doc = \" IDL case `c` (`default:`).\"] C { # [doc = r\" The discriminator value: any value no other case is labelled with.\"] discriminator : i16 , # [doc = r\" The case's value.\"] value : :: std :: string :: String , } , }"),
        "{code}"
    );
    assert!(code.contains("Self :: A (..) => 1 ,"), "{code}");
    assert!(
        code.contains(":: orbit :: __private :: union ! { U = \"U\" { 2 => A : Present < Int32 > = \"a\" , 3 => B : Present < List < Seq < Int32 , 2 > > > = \"b\" , } default 4 => C : Present < Str < { UNBOUNDED } > > = \"c\" ; discriminator 1 => i16 : Singular < Int32 > , taken 1 | 2 | 3 }"),
        "{code}"
    );
}

#[test]
fn unsupported_member_types_are_named_at_the_member() {
    assert_eq!(
        errors("struct S { long ok; any a; fixed<5, 2> f; };"),
        [
            "member `a` of struct `S` has no Rust mapping: `any` is not supported @ a",
            "member `f` of struct `S` has no Rust mapping: `fixed` is not supported @ f",
        ]
    );
    assert_eq!(
        errors("struct S { map<double, long> m; };"),
        [
            "member `m` of struct `S` has no Rust mapping: map key type `double` is not supported @ m"
        ]
    );
    assert_eq!(
        errors("union U switch (long) { case 1: map<long, long> m; };"),
        ["member `m` of union `U` has no Rust mapping: a map as a union case is not supported @ m"]
    );
    assert_eq!(
        errors("struct S { @optional map<long, long> m; };"),
        ["member `m` of struct `S` has no Rust mapping: an `@optional` map is not supported @ m"]
    );
}

#[test]
fn unsupported_declarations_are_named_where_they_stand() {
    assert_eq!(
        errors("native Handle;"),
        ["native type `Handle` has no Rust mapping @ Handle"]
    );
    assert_eq!(
        errors("bitset Bits { bitfield<3> a; };"),
        ["bitset `Bits` has no Rust mapping @ Bits"]
    );
    assert_eq!(
        errors("valuetype V { public long x; };"),
        ["valuetype `V` has no Rust mapping @ V"]
    );
    assert_eq!(
        errors("typedef any Anything;"),
        ["typedef `Anything` has no Rust mapping: `any` is not supported @ Anything"]
    );
}

#[test]
fn a_struct_that_holds_itself_by_value_is_refused() {
    assert_eq!(
        errors("struct A; struct B { A a; }; struct A { B b; };"),
        [
            "struct `A` holds itself through member `b` @ b",
            "struct `B` holds itself through member `a` @ a",
        ]
    );
}

#[test]
fn external_members_are_boxed_but_need_a_finite_default() {
    let code = run("union E; struct P { @external E e; }; union E switch (long) { case 1: long n; case 2: P p; };").unwrap();
    assert!(
        code.contains("pub e : :: std :: boxed :: Box < E >"),
        "{code}"
    );
    assert!(
        code.contains(
            "1 => e : Singular < Boxed < Msg > > ; default :: std :: boxed :: Box :: new (:: core :: default :: Default :: default ()) ,"
        ),
        "{code}"
    );
    assert_eq!(
        errors("struct Loop { @external Loop again; };"),
        ["struct `Loop` has no finite default: member `again` holds it again @ again"]
    );
    assert_eq!(
        errors("union U switch (long) { case 1: @external U again; case 2: long n; };"),
        ["union `U` has no finite default: its first case `again` holds it again @ again"]
    );
}

#[test]
fn members_that_become_one_rust_name_are_reported() {
    assert_eq!(
        errors("struct S { long aB; long a_b; };"),
        ["members `aB` and `a_b` of struct `S` are both `a_b` in Rust @ a_b"]
    );
    assert_eq!(
        errors("union U switch (long) { case 1: long aB; case 2: long a_b; };"),
        ["`aB` and `a_b` of union `U` are both `AB` in Rust @ a_b"]
    );
}

#[test]
fn undefined_forward_declarations_are_reported_where_used() {
    assert_eq!(
        errors("struct Later; struct S { sequence<Later> items; };"),
        ["member `items` of struct `S` uses `Later`, which is declared but never defined @ items"]
    );
}

#[test]
fn operation_messages_are_built_from_wire_fields() {
    use orbit_idl::model::DeclKind;
    use quote::format_ident;

    use crate::{
        rust::{
            Context,
            data::{Message, MessageField, message},
        },
        wire::layout::operation_layout,
    };

    let idl = "typedef long Pair[2];
               interface Bank { long deposit(in string<8> account, in Pair cents, out short left); };";
    let compilation = Frontend::new().compile_source("t.idl", idl);
    let model = compilation.model.expect("a model");
    let options = RustOptions::default();
    let cx = Context::new(&model, &options);
    let DeclKind::Interface(bank) = &model.decl(model.lookup("Bank").unwrap()).kind else {
        panic!("not an interface")
    };
    let op = &bank.operations[0];
    let layout = operation_layout(&model, op).unwrap();
    let fields = layout
        .request
        .iter()
        .map(|field| {
            let param = op
                .params
                .iter()
                .find(|p| p.name == field.name.as_str())
                .unwrap();
            MessageField::new(&cx, &["bank".to_owned()], field.clone(), &param.ty).unwrap()
        })
        .collect();
    let code = message(
        &cx,
        &Message {
            name: format_ident!("DepositRequest"),
            idl_name: "Bank::deposit request".to_owned(),
            attrs: quote::quote!(#[doc(hidden)]),
            fields,
            exception: false,
        },
    )
    .to_string();
    assert!(
        code.contains("pub struct DepositRequest { # [doc = \" Field `account`.\"] pub account : :: std :: string :: String , # [doc = \" Field `cents`.\"] pub cents : super :: Pair , }"),
        "{code}"
    );
    assert!(
        code.contains("2 => cents : Array < Int32 , Leaf > ; default :: core :: array :: from_fn"),
        "{code}"
    );
    assert!(
        code.contains("DepositRequest = \"Bank::deposit request\""),
        "{code}"
    );
}
