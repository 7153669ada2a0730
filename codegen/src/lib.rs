//! Code generation for Orbit: Rust (and `.proto` files) from OMG IDL, in build scripts and on
//! the command line with `idlc`, the Orbit IDL compiler.
//!
//! An IDL file becomes Rust code in one of three ways, all producing the same items:
//!
//! * a build script calls this crate ([`compile`], or [`configure`] for options) and the crate
//!   includes the result with `orbit::include_idl!` — the tutorial below;
//! * the `orbit::idl!("idl/bank.idl")` macro, with no build script;
//! * `idlc rust`, which writes the code to a folder, to commit or inspect (see below).
//!
//! # Tutorial: IDL in a build script
//!
//! Take a crate with an IDL file next to its sources:
//!
//! ```text
//! bank/
//! ├── Cargo.toml
//! ├── build.rs
//! ├── idl/
//! │   └── bank.idl
//! └── src/
//!     └── main.rs
//! ```
//!
//! `idl/bank.idl` declares the types and interfaces (an excerpt of the bank of
//! `examples/idl/bank.idl`):
//!
//! ```idl
//! module Finance {
//!     /// An amount of money in cents.
//!     typedef long long Cents;
//!
//!     /// Raised when an account holds less than a withdrawal asks for.
//!     exception InsufficientFunds {
//!         Cents balance;
//!         Cents requested;
//!     };
//!
//!     enum Currency { EUR, USD, CHF };
//!
//!     /// One account, served as its own object.
//!     interface Account {
//!         readonly attribute Cents balance;
//!
//!         void deposit(in Cents amount, in string memo);
//!         Cents withdraw(in Cents amount, in string memo) raises (InsufficientFunds);
//!     };
//!
//!     interface Bank {
//!         Account open(in string owner, in Currency currency);
//!         oneway void audit(in string note);
//!     };
//! };
//! ```
//!
//! `Cargo.toml` depends on the runtime, and on this crate for the build script only. Each
//! `default-features = false` leaves out what this path does not use: the runtime's `idl!` macro
//! and this crate's command line:
//!
//! ```toml
//! [dependencies]
//! orbit = { version = "0.1", default-features = false }
//! tokio = { version = "1", features = ["rt", "macros"] }
//!
//! [build-dependencies]
//! orbit-codegen = { version = "0.1", default-features = false }
//! ```
//!
//! `build.rs` compiles the IDL file, searching `idl/` for `#include`d files:
//!
//! ```no_run
//! // `no_run`: compiling writes to `OUT_DIR`, which only Cargo sets, for build scripts.
//! // In `fn main` of `build.rs`:
//! orbit_codegen::compile(&["idl/bank.idl"], &["idl"]).unwrap();
//! ```
//!
//! This writes `$OUT_DIR/bank.rs` (the IDL file's name, with `.rs`), formatted, and rewrites it
//! only when it changes. It also prints `cargo:rerun-if-changed` for `idl/bank.idl` and every
//! file it includes, so Cargo runs the build script again when one of them changes, and only
//! then.
//!
//! `src/main.rs` includes the code with `orbit::include_idl!("bank")`, implements the servants,
//! serves them and calls them through the generated proxies. An excerpt of
//! `examples/bank-build-rs`, which runs with `cargo run -p bank-build-rs` (a server process and
//! a client process over a Unix socket):
//!
//! ```ignore
//! // `ignore`: `include_idl!` reads `OUT_DIR`, which exists only for a crate with a build script.
//! // `$OUT_DIR/bank.rs`, written by `build.rs`: the IDL module `Finance` becomes `mod finance`.
//! orbit::include_idl!("bank");
//!
//! use finance::{
//!     Account, AccountProxy, AccountServer, AccountWithdrawError, Bank, BankFindError, BankProxy,
//!     BankServer, BankTransferError, BankTransferOutput, Cents, Change, Currency, History,
//!     InsufficientFunds, Listener, ListenerProxy, ListenerServer, MAX_TRANSFER, Movement,
//!     NoSuchAccount,
//! };
//!
//! /// The servant of `interface Account`: one per account, bound under the account's id.
//! struct AccountServant {
//!     id: String,
//!     ledger: Arc<Ledger>,
//! }
//!
//! impl Account for AccountServant {
//!     async fn balance(&self) -> Result<Cents, Error> {
//!         self.read(|account| account.balance)
//!     }
//!     // …
//!     async fn withdraw(&self, amount: Cents, memo: String) -> Result<Cents, AccountWithdrawError> {
//!         // …
//!             if balance < amount {
//!                 // A declared exception: the caller gets `AccountWithdrawError::InsufficientFunds`.
//!                 return Err(InsufficientFunds {
//!                     balance,
//!                     requested: amount,
//!                 }
//!                 .into());
//!             }
//!         // …
//!     }
//! }
//!
//! /// Starts the bank's server on `endpoint`.
//! async fn serve(orb: &Orb, endpoint: &str) -> Result<Server, Error> {
//!     // …
//!     orb.bind("bank", BankServer::new(BankServant { ledger }))?;
//!     orb.server().listen(endpoint).start().await
//! }
//!
//! /// The client: opens accounts, moves money, and listens to the bank.
//! async fn client(endpoint: &str) -> Result<(), Box<dyn std::error::Error>> {
//!     let orb = Orb::new();
//!     let bank = BankProxy::new(orb.connect(endpoint).await?, "bank");
//!     // A listener of our own for the bank to call back, over this same connection.
//!     let listener: ListenerProxy = orb.activate(ListenerServer::new(PrintingListener));
//!     bank.subscribe(Some(listener)).await?;
//!
//!     let ada = bank
//!         .open("Ada".to_owned(), Currency::Eur)
//!         .await?
//!         .ok_or("the bank opened no account")?;
//!     // …
//!     // Amounts are in cents (IDL `typedef long long Cents`).
//!     ada.deposit(25_000, "salary".to_owned()).await?;
//!     // …
//!     match ada.withdraw(100_000, "a boat".to_owned()).await {
//!         Ok(left) => println!("bought a boat, {} left", cents(left)),
//!         Err(AccountWithdrawError::InsufficientFunds(InsufficientFunds { balance, requested })) => {
//!             println!(
//!                 "cannot withdraw {}: insufficient funds ({} available)",
//!                 cents(requested),
//!                 cents(balance)
//!             )
//!         }
//!         Err(AccountWithdrawError::System(error)) => return Err(error.into()),
//!     }
//!     // …
//!     // A oneway operation: sent without waiting for a reply.
//!     bank.audit("end of day".to_owned()).await?;
//!     Ok(())
//! }
//! ```
//!
//! ## What is generated
//!
//! One Rust module per IDL module (`Finance` → `mod finance`), holding (`docs/DESIGN.md` has
//! the whole mapping):
//!
//! * for a `struct`, an `exception` (which also implements `std::error::Error`), an `enum` and
//!   a `union` (a Rust `enum` with one variant per case): a type deriving `Debug`, `Clone`,
//!   `PartialEq` and serde's traits, and encoded as protobuf;
//! * for a `typedef`, a type alias; for a `const`, a `pub const`;
//! * for `interface Account`: the trait `Account` that servants implement (one `async fn` per
//!   operation and attribute), the client proxy `AccountProxy` (which implements `Account`
//!   too), the skeleton `AccountServer<T: Account>` that serves a servant on a channel,
//!   `AccountWithdrawError` for an operation with `raises` (one variant per exception, plus
//!   `System` for failures of the call itself), and `AccountOpOutput` for an operation with
//!   `out` parameters.
//!
//! The types are written out; what they implement is listed for macros of the `orbit` runtime,
//! which write the impls: a struct's field numbers, codecs and bounds
//! (`::orbit::__private::record! { Movement = "Finance::Movement" { 1 => amount: Singular<Int64>, … } }`),
//! and an interface's trait, proxy, skeleton, error enums and request and response messages
//! (`service!`, `proxy!`, `server!`, `raises!`, `operation!`). Reading the generated file shows
//! every type, field, tag, bound and codec; the file stays small, so generating and compiling it
//! stays fast.
//!
//! ## When the IDL has errors
//!
//! [`compile`] returns an error holding every diagnostic, rendered as rustc would; unwrapped in
//! the build script, it fails the build and Cargo shows it. With the `;` after `requested`
//! missing, `cargo build` prints (after Cargo's own lines):
//!
//! ```text
//! error: expected `;`, found `}`
//!   ┌─ idl/bank.idl:8:24
//!   │
//! 8 │         Cents requested
//!   │                        ^ expected `;`
//! 9 │     };
//!   │     - unexpected token
//!
//! error: could not compile `idl/bank.idl` due to 1 previous error
//! ```
//!
//! Warnings (from `#warning`, say) do not fail the build: Cargo shows them as warnings.
//!
//! ## Options
//!
//! [`configure`] returns a [`Builder`]: choose include folders and macros, leave out the client
//! or the server side, change the runtime's path, write the `.proto` files too, or add
//! attributes to generated types, then [`compile`](Builder::compile):
//!
//! ```no_run
//! // `no_run`: compiling writes to `OUT_DIR`, which only Cargo sets, for build scripts.
//! orbit_codegen::configure()
//!     .server(false)
//!     .define("WITH_AUDIT", None)
//!     .protos(true)
//!     .type_attribute("Finance::InsufficientFunds", "#[derive(Eq, Hash)]")
//!     .compile(&["idl/bank.idl"], &["idl"])
//!     .unwrap();
//! ```
//!
//! # Checking IDL files with `idlc check`
//!
//! ```text
//! idlc check [-I DIR]... [-D NAME[=VALUE]]... [--format human|json] [--color auto|always|never] FILE...
//! ```
//!
//! `idlc check` preprocesses, parses and checks each `FILE` on its own and reports every
//! problem it finds. `-I DIR` adds a folder to search for `#include`d files (after the including
//! file's own folder); `-D NAME` defines a macro as `1`, `-D NAME=VALUE` as `VALUE`, as a C
//! compiler would. Install it with `cargo install --path codegen` or run it from the workspace:
//!
//! ```text
//! $ cargo run -p orbit-codegen --bin idlc -- check -I idl bank.idl
//! ```
//!
//! Take this file, `bank.idl`, with a missing `;`:
//!
//! ```idl
//! module Bank {
//!     struct Money { long long cents }
//! };
//! ```
//!
//! `idlc check bank.idl` prints to standard error (in colour on a terminal, unless `--color
//! never` or `NO_COLOR` is set):
//!
//! ```text
//! error: expected `;`, found `}`
//!   ┌─ bank.idl:2:36
//!   │
//! 2 │     struct Money { long long cents }
//!   │                                    ^ expected `;`
//!
//! error: could not check `bank.idl` due to 1 previous error
//! ```
//!
//! When every file is free of errors it prints one line, `checked 1 file: no errors`.
//! The exit status is `0` when every file is free of errors (warnings are allowed), `1` when any
//! file has errors, and `2` when the command line itself is wrong. With `--format json`, nothing
//! is written to standard error; instead each diagnostic is one JSON object on its own line of
//! standard output, with 1-based positions and the human rendering:
//!
//! ```text
//! {"file":"bank.idl","line":2,"column":36,"end_line":2,"end_column":37,"severity":"error","message":"expected `;`, found `}`","label":"expected `;`","notes":[],"help":[],"rendered":"error: …"}
//! ```
//!
//! # Generating code with `idlc rust` and `idlc proto`
//!
//! ```text
//! idlc rust [-I DIR]... [-D NAME[=VALUE]]... -o DIR [--no-client] [--no-server] [--runtime-path PATH] FILE...
//! idlc proto [-I DIR]... [-D NAME[=VALUE]]... -o DIR FILE...
//! ```
//!
//! `idlc rust` writes for each `x.idl` the file `DIR/x.rs` that a build script would write;
//! `idlc proto` writes the `.proto` files of each IDL file, one per IDL module (`Finance.proto`,
//! and `orbit.proto` when object references are passed), for clients in other languages. Both
//! take `--format` and `--color` too, report problems exactly as `idlc check` does (with
//! ``could not compile `x.idl` `` in the summary) and exit with the same statuses. A file
//! already holding what would be written is left alone; each file written (or left) is named on
//! standard error:
//!
//! ```text
//! $ idlc rust -I idl -o src/generated idl/bank.idl
//! wrote src/generated/bank.rs
//! ```
//!
//! # Using the library
//!
//! The same reporting is available to programs and build scripts: run the front end, then hand
//! its diagnostics to an [`Emitter`](diagnostics::Emitter) or to
//! [`json_lines`](diagnostics::json_lines).
//!
//! ```
//! use orbit_codegen::diagnostics::{ColorMode, Emitter};
//!
//! let compilation = orbit_idl::Frontend::new()
//!     .compile_source("bank.idl", "module Bank { struct Money { long long cents; }; };");
//! let mut emitter = Emitter::stderr(ColorMode::Auto);
//! emitter.emit(&compilation.sources, &compilation.diagnostics)?;
//! emitter.emit_summary("check", "bank.idl", &compilation.diagnostics)?;
//! assert!(!compilation.diagnostics.has_errors());
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! # Features
//!
//! * `cli` (default): the `idlc` binary, with clap. Build scripts and other libraries turn it
//!   off with `default-features = false`.
//!
//! # Organization
//!
//! * [`build`]: the build.rs API ([`configure`], [`Builder`], [`compile`]) and the pipeline
//!   from an IDL file to written files, shared with `idlc rust` and `idlc proto`;
//! * [`rust`]: Rust code from the checked model; [`proto`]: `.proto` files from it; [`wire`]:
//!   the wire layout both follow; [`ident`]: Rust names;
//! * [`diagnostics`]: rendering diagnostics for people and tools, shared by `idlc` and build
//!   scripts;
//! * [`check`]: checking a list of files and reporting on each, the body of `idlc check`;
//! * `src/bin/idlc/`: the command line itself, a thin clap layer over this library.

#![forbid(unsafe_code)]

pub mod build;
pub mod check;
pub mod diagnostics;
pub mod ident;
pub mod proto;
pub mod rust;
pub mod wire;

pub use build::{Builder, compile, configure};
pub use orbit_idl;
