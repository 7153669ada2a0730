//! The generated interface code, checked on fragments of its text, and the diagnostics of
//! interfaces that cannot be generated.

use orbit_idl::Frontend;

use super::{
    super::{RustOptions, generate},
    plan::fnv1a,
};

/// The code of `idl` as one line of tokens (`to_string()` of the token stream), so fragments
/// can be matched without caring about formatting.
fn rust(idl: &str) -> String {
    rust_with(idl, &RustOptions::default())
}

fn rust_with(idl: &str, options: &RustOptions) -> String {
    let compilation = Frontend::new().compile_source("t.idl", idl);
    assert!(
        !compilation.diagnostics.has_errors(),
        "{}",
        compilation.render_diagnostics()
    );
    let model = compilation.model.expect("a model");
    match generate(&model, options) {
        Ok(tokens) => {
            syn::parse2::<syn::File>(tokens.clone()).expect("generated code parses");
            tokens.to_string()
        }
        Err(diagnostics) => panic!("{}", diagnostics.render(&compilation.sources)),
    }
}

/// The rendered diagnostics of generating `idl`, which must fail.
fn errors(idl: &str) -> String {
    let compilation = Frontend::new().compile_source("t.idl", idl);
    assert!(
        !compilation.diagnostics.has_errors(),
        "{}",
        compilation.render_diagnostics()
    );
    let model = compilation.model.expect("a model");
    match generate(&model, &RustOptions::default()) {
        Ok(_) => panic!("generation succeeded"),
        Err(diagnostics) => trimmed(&diagnostics.render(&compilation.sources)),
    }
}

/// Asserts that `code` contains `fragment`, written as tokens.
#[track_caller]
fn has(code: &str, fragment: &str) {
    let fragment = normalize(fragment);
    assert!(
        code.contains(&fragment),
        "missing:\n{fragment}\nin:\n{}",
        code.get(..4000).unwrap_or(code)
    );
}

#[track_caller]
fn lacks(code: &str, fragment: &str) {
    let fragment = normalize(fragment);
    assert!(!code.contains(&fragment), "unexpected:\n{fragment}");
}

/// A fragment as `TokenStream::to_string` spells it, when it is balanced; else as written.
fn normalize(fragment: &str) -> String {
    fragment
        .parse::<proc_macro2::TokenStream>()
        .map_or_else(|_| fragment.to_owned(), |tokens| tokens.to_string())
}

/// Rendered diagnostics without the blanks codespan leaves at the end of lines.
fn trimmed(rendered: &str) -> String {
    rendered
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

const RT: &str = ":: orbit :: __private";

fn rt(fragment: &str) -> String {
    fragment.replace("RT", RT)
}

#[test]
fn operation_ids_are_fnv1a_of_the_idl_name() {
    assert_eq!(fnv1a(""), 0x811c_9dc5);
    assert_eq!(fnv1a("foobar"), 0xbf9c_f968);
    assert_eq!(fnv1a("opkou"), fnv1a("opbkeda"));
}

#[test]
fn operations_become_async_trait_methods() {
    let code = rust(
        "exception Low { long long balance; };
         interface Account {
             /// Takes money out.
             long long withdraw(in long long amount, in string memo) raises (Low);
             void touch();
         };",
    );
    // The `service!` listing: the runtime writes each method as
    // `fn op(&self, …) -> impl Future<Output = Result<T, E>> + Send`, `E` by default its `Error`.
    has(&code, &rt("RT :: service ! {"));
    has(&code, "pub trait Account {");
    has(
        &code,
        "# [doc = \" Takes money out.\"] fn withdraw (amount : i64 , memo : :: std :: string :: String) \
         -> i64 , AccountWithdrawError = call withdraw_Request ;",
    );
    has(
        &code,
        "# [doc = \" IDL operation `Account::touch`.\"] fn touch () -> () = call touch_Request ;",
    );
    // With client code, `service!` implements the trait for the proxies marked as clients of
    // the wire module, each method sending the request message it names.
    has(&code, "} client __account_wire , direct ; }");
    has(&code, &rt("pub mod __account_wire { RT :: interface ! {"));
}

#[test]
fn raises_get_an_error_enum_with_conversions() {
    let code = rust(
        "exception Low { long long balance; };
         interface Account { void withdraw(in long long amount) raises (Low); };",
    );
    // The `raises!` listing: one variant per exception plus `System`, `From` for each,
    // `Display` and `Error`.
    has(
        &code,
        &rt(
            "RT :: raises ! { AccountWithdrawError = \"Account::withdraw\" { Low (Low) = \"Low\" , } }",
        ),
    );
    // The response carries the exception in its own field (the `oneof exception`), which the
    // runtime turns into the variant and back.
    has(
        &code,
        "raises { 1 => raised_low : super :: Low => Low , } \
         returns () , super :: AccountWithdrawError = ()",
    );
}

#[test]
fn out_and_inout_parameters_come_back_in_an_output_struct() {
    let code = rust(
        "interface Bank {
             long move(in long amount, inout string memo, out long long remaining);
             void nothing(out short s);
         };",
    );
    has(
        &code,
        "pub struct BankMoveOutput { # [doc = r\" The operation's result.\"] pub result : i32 , \
         # [doc = \" The `inout` parameter `memo`.\"] pub memo : :: std :: string :: String , \
         # [doc = \" The `out` parameter `remaining`.\"] pub remaining : i64 , }",
    );
    has(
        &code,
        "fn r#move (amount : i32 , memo : :: std :: string :: String) -> BankMoveOutput = call move_Request ;",
    );
    has(
        &code,
        "pub struct BankNothingOutput { # [doc = \" The `out` parameter `s`.\"] pub s : i16 , }",
    );
    // The request carries `in` and `inout`, the response the result, `out` and `inout`.
    has(
        &code,
        "move_ID : move_Request = \"Bank::move\" { 1 => amount : i32 as Singular < Int32 > , \
         2 => memo : :: std :: string :: String as Singular < Str < { UNBOUNDED } > > , }",
    );
    // The output struct's fields are the response's fields of the same names.
    has(
        &code,
        "move_Response { 1 => result : i32 as Singular < Int32 > , \
         2 => memo : :: std :: string :: String as Singular < Str < { UNBOUNDED } > > , \
         3 => remaining : i64 as Singular < Int64 > , } \
         returns super :: BankMoveOutput = { result , memo , remaining , }",
    );
}

#[test]
fn attributes_become_getters_and_setters() {
    let code = rust(
        "interface Thermostat {
             readonly attribute double current;
             attribute float target;
         };",
    );
    has(&code, "fn current () -> f64 = call _get_current_Request ;");
    lacks(&code, "fn set_current");
    has(&code, "fn target () -> f32 = call _get_target_Request ;");
    has(
        &code,
        "fn set_target (value : f32) -> () = call _set_target_Request ;",
    );
    has(
        &code,
        "_get_current_ID = \"_get_current\" => _get_current_Request :: current () , \
         _get_target_ID = \"_get_target\" => _get_target_Request :: target () , \
         _set_target_ID = \"_set_target\" => _set_target_Request :: set_target (value) ,",
    );
    has(
        &code,
        "_set_target_ID : _set_target_Request = \"Thermostat::_set_target\" { \
         1 => value : f32 as Singular < Float > , } _set_target_Response { }",
    );
    has(
        &code,
        "_get_target_Response { 1 => result : f32 as Singular < Float > , } returns f32 = result",
    );
}

#[test]
fn oneway_operations_send_without_a_response() {
    let code = rust("interface Log { oneway void note(in string text); };");
    has(
        &code,
        "note_ID = \"note\" oneway => note_Request :: note (text) ,",
    );
    has(
        &code,
        "note_ID : note_Request = \"Log::note\" { 1 => text : :: std :: string :: String as Singular < Str < { UNBOUNDED } > > , } oneway ;",
    );
    lacks(&code, "note_Response");
    has(
        &code,
        "fn note (text : :: std :: string :: String) -> () = call_oneway note_Request ;",
    );
}

#[test]
fn derived_interfaces_inherit_traits_dispatch_and_proxies() {
    let code = rust(
        "module M {
             interface Base { void ping(); };
             interface Mid : Base { void middle(); };
             interface Other { void elsewhere(); };
             interface Top : Mid, Other { void high(); };
         };",
    );
    has(&code, "pub trait Top : Mid , Other {");
    // The proxy is the client of every ancestor's wire module, whose `client!` implements the
    // ancestor's trait for its clients, and converts into every ancestor's proxy.
    has(
        &code,
        "TopProxy : Top = \"M::Top\" , __top_wire :: INTERFACE ; \
         upcast MidProxy , OtherProxy , BaseProxy ; \
         client __top_wire , __mid_wire , __other_wire , __base_wire ;",
    );
    // `Top`'s clients are clients of its bases' wire modules too.
    has(
        &code,
        "pub mod __top_wire { :: orbit :: __private :: interface !",
    );
    has(
        &code,
        ":: orbit :: __private :: client ! { super :: __mid_wire , super :: __other_wire }",
    );
    // The skeleton offers calls to every ancestor's dispatch.
    has(
        &code,
        "TopServer : Top = \"M::Top\" , __top_wire :: INTERFACE { \
         __top_wire , __mid_wire , __other_wire , __base_wire , }",
    );
    has(
        &code,
        "\"M::Top\" , \"IDL:M/Top:1.0\" { high_ID = \"high\" => high_Request :: high () , } \
         bases [super :: __mid_wire :: INTERFACE , super :: __other_wire :: INTERFACE] serve super :: Top ;",
    );
}

#[test]
fn references_are_optional_proxies() {
    let code = rust(
        "module Finance {
             interface Account { void close(); };
             module Admin {
                 interface Bank {
                     Account open(in Account template);
                 };
             };
         };",
    );
    has(
        &code,
        "fn open (template : :: core :: option :: Option < super :: AccountProxy >) \
         -> :: core :: option :: Option < super :: AccountProxy > = call open_Request ;",
    );
    // Carried by the runtime's reference codec, as a request field of the wire module.
    has(
        &code,
        "1 => template : :: core :: option :: Option < super :: super :: AccountProxy > as Singular < ObjRef > ,",
    );
    has(
        &code,
        &rt(
            "RT :: proxy ! { AccountProxy : Account = \"Finance::Account\" , __account_wire :: INTERFACE ;",
        ),
    );
}

#[test]
fn nested_declarations_get_the_interface_module() {
    let code = rust(
        "interface Shop {
             exception Closed { string why; };
             void buy() raises (Closed);
         };",
    );
    has(&code, "pub mod shop {");
    has(&code, "Closed (shop :: Closed) = \"Shop::Closed\" ,");
}

#[test]
fn client_or_server_code_can_be_left_out() {
    let idl = "interface Echo { string say(in string s); };";
    let client_only = rust_with(
        idl,
        &RustOptions {
            server: false,
            ..RustOptions::default()
        },
    );
    lacks(&client_only, "EchoServer");
    lacks(&client_only, "say_Request :: say");
    has(&client_only, "client __echo_wire ;");
    has(
        &client_only,
        "fn say (s : :: std :: string :: String) -> :: std :: string :: String = call say_Request ;",
    );
    has(&client_only, "client __echo_wire ;");
    let server_only = rust_with(
        idl,
        &RustOptions {
            client: false,
            ..RustOptions::default()
        },
    );
    has(&server_only, "server ! { EchoServer : Echo");
    // The proxy type stays: it is what a reference to an `Echo` is.
    has(&server_only, "proxy ! { EchoProxy : Echo");
    lacks(&server_only, "client");
}

#[test]
fn an_interface_without_methods_still_refuses_calls() {
    let code = rust("interface Nothing {};");
    // The runtime's skeleton refuses an operation no wire module serves.
    has(
        &code,
        &rt(
            "RT :: server ! { NothingServer : Nothing = \"Nothing\" , __nothing_wire :: INTERFACE { __nothing_wire , } }",
        ),
    );
    has(
        &code,
        "\"Nothing\" , \"IDL:Nothing:1.0\" { } bases [] serve super :: Nothing ;",
    );
}

#[test]
fn operation_id_collisions_are_reported() {
    let rendered = errors("interface I { void opkou(); void opbkeda(); };");
    assert_eq!(
        rendered,
        "error: `I::opkou` and `I::opbkeda` have the same operation id 0x75c05b13
  ┌─ t.idl:1:34
  │
1 │ interface I { void opkou(); void opbkeda(); };
  │                    -----         ^^^^^^^
  │                    │
  │                    the other one
  │
  = note: operation ids are the FNV-1a hash of the IDL name
  = help: rename one of them

"
    );
}

#[test]
fn inherited_collisions_are_blamed_on_the_interface_that_joins_them() {
    let rendered = errors(
        "interface A { void opkou(); };
         interface B { void opbkeda(); };
         interface C : A, B {};
         interface D : C {};",
    );
    // Reported once, on `C`; `D` inherits the problem, it does not make it.
    assert_eq!(rendered.matches("error:").count(), 1, "{rendered}");
    assert!(
        rendered.starts_with(
            "error: `A::opkou` and `B::opbkeda` have the same operation id 0x75c05b13
  ┌─ t.idl:3:20"
        ),
        "{rendered}"
    );
    assert!(rendered.contains("inherits both"), "{rendered}");
}

#[test]
fn rust_name_collisions_are_reported() {
    let rendered =
        errors("interface I { void getX(); void get_x(); attribute long mode; void set_mode(); };");
    assert!(
        rendered.contains("error: `I::getX` and `I::get_x` both become the Rust method `get_x`"),
        "{rendered}"
    );
    assert!(
        rendered.contains(
            "error: `I::set_mode` and `I::_set_mode` both become the Rust method `set_mode`"
        ),
        "{rendered}"
    );
}

#[test]
fn parameter_collisions_are_reported() {
    let rendered =
        errors("interface I { void f(in long aB, in long a_b); long g(out long result); };");
    assert!(
        rendered.contains("error: parameters `aB` and `a_b` of `f` both become `a_b` in Rust"),
        "{rendered}"
    );
    assert!(
        rendered
            .contains("error: parameter `result` of `g` collides with the result in `IGOutput`"),
        "{rendered}"
    );
}

#[test]
fn exception_variant_collisions_are_reported() {
    let rendered = errors(
        "module A { exception E {}; }; module B { exception E {}; };
         exception System {};
         interface I { void f() raises (A::E, B::E); void g() raises (System); };",
    );
    assert!(
        rendered.contains("error: `B::E` and `A::E` both become the variant `E` of `IFError`"),
        "{rendered}"
    );
    assert!(
        rendered.contains(
            "error: `System` and the system error both become the variant `System` of `IGError`"
        ),
        "{rendered}"
    );
}

#[test]
fn generated_names_must_not_clash_with_the_module() {
    let rendered = errors(
        "struct AccountServer { long x; };
         interface Account {};",
    );
    assert!(
        rendered.contains(
            "error: interface `Account` generates `AccountServer`, which `AccountServer` also defines"
        ),
        "{rendered}"
    );
    // `AccountFError` (of `Account::f`) is also the error enum `AccountF`'s name would give
    // its own `error`: not here, but a trait against an error enum is caught both ways.
    let rendered =
        errors("exception E {}; interface A { void bee() raises (E); }; interface ABeeError {};");
    assert!(
        rendered
            .contains("error: interface `ABeeError` generates `ABeeError`, which `A` also defines"),
        "{rendered}"
    );
    // A proxy against a struct is the data generator's to report, once.
    let rendered = errors("struct AccountProxy { long x; }; interface Account {};");
    assert_eq!(rendered.matches("error:").count(), 1, "{rendered}");
}

#[test]
fn local_interfaces_and_unsupported_types_are_refused() {
    let rendered = errors("local interface L { void f(); };");
    assert!(
        rendered.starts_with("error: local interface `L` is not supported"),
        "{rendered}"
    );
    let rendered = errors("interface I { void f(in any a); };");
    assert_eq!(
        rendered,
        "error: `any` is not supported in interfaces
  ┌─ t.idl:1:29
  │
1 │ interface I { void f(in any a); };
  │                             ^ `a` of `f`
  │
  = note: the protobuf mapping cannot carry it (see `docs/DESIGN.md`)

"
    );
}

#[test]
fn lists_of_references_are_carried_too() {
    let code = rust("interface A {}; typedef sequence<A> As; interface B { As all(in As some); };");
    has(&code, "fn all (some : As) -> As = call all_Request ;");
    has(
        &code,
        "1 => some : super :: As as Seq < ObjRef , { UNBOUNDED } > ,",
    );
}

#[test]
fn references_need_a_generated_proxy() {
    let rendered = errors("interface Later; interface I { void f(in Later x); Later g(); };");
    assert!(
        rendered.starts_with(
            "error: `x` of `f` refers to interface `Later`, which is declared but never defined"
        ),
        "{rendered}"
    );
    assert!(
        rendered.contains(
            "error: `result` of `g` refers to interface `Later`, which is declared but never defined"
        ),
        "{rendered}"
    );
    let rendered = errors("local interface L {}; interface I { attribute L l; };");
    assert!(
        rendered.contains(
            "error: `result` of `l` refers to interface `L`, which is `local`: it cannot be called remotely"
        ),
        "{rendered}"
    );
}
