//! The macros that write an interface's glue from a listing: its operations' messages and
//! [`Operation`](super::Operation) impls, its `InterfaceInfo`, the proxy struct and its trait
//! impls, and the skeleton.
//!
//! * [`interface!`](crate::__orbit_interface): the `INTERFACE` static, the operation ids and
//!   the `dispatch` function skeletons call;
//! * [`operation!`](crate::__orbit_operation): one operation's request and response messages
//!   and its `Operation` impl;
//! * [`service!`](crate::__orbit_service): the interface's trait;
//! * [`proxy!`](crate::__orbit_proxy): the client proxy struct and its standard impls;
//! * [`client!`](crate::__orbit_client): an interface's trait implemented by a proxy;
//! * [`raises!`](crate::__orbit_raises): the error enum of an operation with exceptions;
//! * [`server!`](crate::__orbit_server): the skeleton struct and its `Dispatch` impl.
//!
//! Not a public API: the macros change with the code generator that calls them.

/// The `INTERFACE` static of an interface and the ids of its operations.
///
/// ```text
/// interface! {
///     "Bank::Account", "IDL:Bank/Account:1.0" {
///         deposit_ID = "deposit" => deposit_Request::deposit(amount, memo),
///         note_ID = "note" oneway => note_Request::note(text),
///     }
///     bases [super::__base_wire::INTERFACE]
///     serve super::Account;
/// }
/// ```
///
/// With `serve` (the servant's trait, and per operation its request message, the trait's
/// method and the request fields passed to it), it also writes `dispatch`, which the skeletons
/// of the interface and of every derived one call, and the trait `Direct`, through which a
/// proxy calls a servant of its own process without encoding.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_interface {
    (
        $name:literal, $repository_id:literal {
            $(
                $id:ident = $operation:literal $($oneway:ident)?
                $(=> $request:ident :: $method:ident($($arg:ident),* $(,)?))?
            ),* $(,)?
        }
        bases [$($base:path),* $(,)?]
        $(serve $servant:path;)?
    ) => {
        #[doc = ::core::concat!(" What IDL interface `", $name, "` is: its operations and bases.")]
        pub static INTERFACE: $crate::__private::InterfaceInfo = $crate::__private::InterfaceInfo {
            name: $name,
            repository_id: $repository_id,
            operations: &[$($crate::__private::OperationInfo {
                name: $operation,
                id: $id,
                oneway: $crate::__orbit_oneway!($($oneway)?),
            }),*],
            bases: &[$(&$base),*],
        };

        $(
            #[doc = ::core::concat!(" The operation id of `", $operation, "`.")]
            pub const $id: u32 = $crate::__private::operation_id($operation);
        )*

        $crate::__orbit_dispatch! {
            [$($servant)?]
            $($id = $operation $($oneway)? $(=> $request::$method($($arg),*))?),*
        }
    };
}

/// The outcome of an operation whose request message is given: `Result<Ok, Err>` of its
/// `Operation` impl, or `Result<(), Error>` after the word `oneway`.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_outcome {
    ([] $request:ty) => {
        ::core::result::Result<
            <$request as $crate::__private::codec::Operation>::Ok,
            <$request as $crate::__private::codec::Operation>::Err,
        >
    };
    ([oneway] $request:ty) => {
        ::core::result::Result<(), $crate::__private::Error>
    };
}

/// Serving one call: the runtime's `serve`, or `serve_oneway` after the word `oneway`.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_serve {
    ([] $($call:tt)*) => {
        $crate::__private::codec::serve($($call)*)
    };
    ([oneway] $($call:tt)*) => {
        $crate::__private::codec::serve_oneway($($call)*)
    };
}

/// The `dispatch` function of an interface's wire module, when it has a servant trait.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_dispatch {
    ([] $($operations:tt)*) => {};
    (
        [$servant:path]
        $(
            $id:ident = $operation:literal $($oneway:ident)?
            => $request:ident :: $method:ident($($arg:ident),* $(,)?)
        ),* $(,)?
    ) => {
        /// The interface's own methods in dyn-compatible form, taking the request message,
        /// implemented for every servant: a proxy on an object of its own process calls the
        /// servant through it without encoding (`ProxyCore::direct`, `Dispatch::direct`).
        pub trait Direct: ::core::marker::Send + ::core::marker::Sync {
            $(
                #[doc = ::core::concat!(" Runs `", $operation, "` on the servant.")]
                fn $method(
                    &self,
                    request: $request,
                ) -> $crate::__private::BoxFuture<'_, $crate::__orbit_outcome!([$($oneway)?] $request)>;
            )*
        }

        impl<T: $servant> Direct for T {
            $(
                fn $method(
                    &self,
                    request: $request,
                ) -> $crate::__private::BoxFuture<'_, $crate::__orbit_outcome!([$($oneway)?] $request)> {
                    let _ = &request;
                    ::std::boxed::Box::pin(<T as $servant>::$method(self, $(request.$arg),*))
                }
            )*
        }

        /// Serves operation `operation` of this interface with `servant`, or gives the call
        /// back when the interface has no such operation.
        pub fn dispatch<S: $servant>(
            servant: &S,
            context: $crate::__private::CallContext,
            operation: u32,
            payload: $crate::__private::bytes::Bytes,
        ) -> ::core::result::Result<
            $crate::__private::BoxFuture<
                '_,
                ::core::result::Result<$crate::__private::bytes::Bytes, $crate::__private::Error>,
            >,
            ($crate::__private::CallContext, $crate::__private::bytes::Bytes),
        > {
            let _ = &servant;
            match operation {
                $($id => ::core::result::Result::Ok(::std::boxed::Box::pin($crate::__orbit_serve!(
                    [$($oneway)?] context, payload, move |request: $request| {
                        let _ = &request;
                        <S as $servant>::$method(servant, $(request.$arg),*)
                    }
                ))),)*
                _ => ::core::result::Result::Err((context, payload)),
            }
        }
    };
}

/// The error enum of an operation that declares exceptions: one variant per exception and
/// `System`, with `From` for each, `Display` and `Error`.
///
/// ```text
/// raises! {
///     AccountFetchError = "Account::fetch" {
///         Missing(super::Missing) = "Bank::Missing",
///     }
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_raises {
    (
        $name:ident = $method:literal {
            $($variant:ident($exception:ty) = $idl:literal),* $(,)?
        }
    ) => {
        #[doc = ::core::concat!(
            " What `", $method, "` fails with: one of its declared exceptions, or a system error."
        )]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        pub enum $name {
            $(
                #[doc = ::core::concat!(" The declared exception `", $idl, "`.")]
                $variant($exception),
            )*
            /// A failure of the call itself: unreachable object, lost connection, broken
            /// bound, or a servant failing otherwise than with a declared exception.
            System($crate::__private::Error),
        }

        impl ::core::convert::From<$crate::__private::Error> for $name {
            fn from(error: $crate::__private::Error) -> Self {
                $name::System(error)
            }
        }

        $(
            impl ::core::convert::From<$exception> for $name {
                fn from(exception: $exception) -> Self {
                    $name::$variant(exception)
                }
            }
        )*

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    $($name::$variant(inner) => ::core::fmt::Display::fmt(inner, f),)*
                    $name::System(inner) => ::core::fmt::Display::fmt(inner, f),
                }
            }
        }

        impl ::std::error::Error for $name {
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    $($name::$variant(inner) => ::std::error::Error::source(inner),)*
                    $name::System(inner) => ::std::error::Error::source(inner),
                }
            }
        }
    };
}

/// The error type given, or the runtime's `Error`.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_error_type {
    () => {
        $crate::__private::Error
    };
    ($err:ty) => {
        $err
    };
}

/// `true` after the word `oneway`, else `false`.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_oneway {
    () => {
        false
    };
    (oneway) => {
        true
    };
}

/// A message struct of an operation (request or response) with its codec impls.
///
/// ```text
/// message! {
///     request deposit_Request = "Bank::Account::deposit" {
///         1 => cents: i64 as Singular<Int64>,
///         2 => grid: [i32; 40] as Array<Int32, Leaf> = "grid"; default ::core::array::from_fn(|_| 0),
///     }
/// }
/// ```
///
/// A field reads `number => rust_field: RustType as FieldCodec = "IDL name"` (the name left
/// out when it is the Rust field's), with attributes before it and `; default expr` after it
/// when its default value is not `Default`'s.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_message {
    (
        $kind:ident $name:ident = $idl:literal {
            $(
                $(#[$attr:meta])*
                $tag:literal => $field:ident : $ty:ty as $codec:ty $(= $what:expr)?
                $(; default $default:expr)?
            ),* $(,)?
        }
    ) => {
        #[doc = ::core::concat!(" The ", ::core::stringify!($kind), " of `", $idl, "`.")]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        pub struct $name {
            $(
                #[doc = ::core::concat!(" Field `", $crate::__orbit_name!($field $(, $what)?), "`.")]
                $(#[$attr])*
                pub $field: $ty,
            )*
        }

        $crate::__orbit_record! {
            $name = $idl { $($tag => $field: $codec $(= $what)? $(; default $default)?,)* }
        }
    };
}

/// The expression given, or `Default::default()`.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_or_default {
    () => {
        ::core::default::Default::default()
    };
    ($default:expr) => {
        $default
    };
}

/// One operation: its request and response messages (see [`message!`](crate::__orbit_message))
/// and its [`Operation`](super::Operation) (or [`OnewayOperation`](super::OnewayOperation))
/// impl.
///
/// ```text
/// operation! {
///     fetch_ID: fetch_Request = "Bank::Account::fetch" {
///         1 => key: String as Singular<Str<{ UNBOUNDED }>> = "key",
///     }
///     fetch_Response {
///         1 => result: i64 as Singular<Int64> = "result",
///         2 => found: bool as Singular<Bool> = "found",
///     }
///     raises {
///         3 => raised_missing: super::Missing => Missing,
///     }
///     returns super::AccountFetchOutput, super::AccountFetchError = { result, found }
/// }
/// operation! {
///     ping_ID: ping_Request = "Bank::Account::ping" {}
///     ping_Response {}
///     returns () = ()
/// }
/// ```
///
/// `raises` lists the declared exceptions: the response field of each (an optional message
/// field, in the `oneof exception` on the wire) and its variant in the error enum; `returns`
/// the success and error types and how the success value is made of response
/// fields: `()`, `result`, or the output struct's fields, which are response fields of the same
/// names (the error type is the runtime's `Error` unless given). A oneway operation has `oneway;` instead of a response, and no `raises` or
/// `returns`.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_operation {
    (
        $id:ident : $request:ident = $idl:literal { $($request_fields:tt)* }
        oneway;
    ) => {
        $crate::__orbit_message! { request $request = $idl { $($request_fields)* } }

        impl $crate::__private::codec::OnewayOperation for $request {
            const ID: u32 = $id;
            const NAME: &'static str = $idl;
        }

    };
    (
        $id:ident : $request:ident = $idl:literal { $($request_fields:tt)* }
        $response:ident { $($response_fields:tt)* }
        $(raises {
            $($raised_tag:literal => $raised:ident : $exception:ty => $variant:ident),* $(,)?
        })?
        returns $ok:ty $(, $err:ty)? = $($value:tt)*
    ) => {
        $crate::__orbit_message! { request $request = $idl { $($request_fields)* } }
        $crate::__orbit_message! {
            response $response = $idl {
                $($response_fields)*
                $($(
                    $raised_tag => $raised: ::core::option::Option<$exception> as Optional<Msg>,
                )*)?
            }
        }

        impl $crate::__private::codec::Operation for $request {
            const ID: u32 = $id;
            const NAME: &'static str = $idl;
            type Response = $response;
            type Ok = $ok;
            type Err = $crate::__orbit_error_type!($($err)?);

            fn outcome(response: $response) -> ::core::result::Result<$ok, Self::Err> {
                #[allow(dead_code)]
                type __Ok = $ok;
                type __Error = $crate::__orbit_error_type!($($err)?);
                let _ = &response;
                $($(
                    if let ::core::option::Option::Some(exception) = response.$raised {
                        return ::core::result::Result::Err(__Error::$variant(exception));
                    }
                )*)?
                ::core::result::Result::Ok($crate::__orbit_value!(response; $($value)*))
            }

            fn response(
                outcome: ::core::result::Result<$ok, Self::Err>,
            ) -> ::core::result::Result<$response, $crate::__private::Error> {
                #[allow(dead_code)]
                type __Error = $crate::__orbit_error_type!($($err)?);
                #[allow(unused_mut)]
                let mut response = <$response as ::core::default::Default>::default();
                $crate::__orbit_respond!(
                    response, outcome, [$($value)*] $($($variant => $raised),*)?
                );
                ::core::result::Result::Ok(response)
            }
        }

    };
}

/// Puts a servant's outcome into `response`: its success value, or a declared exception (the
/// variants of the error enum `__Error` listed, each with its response field); a system error
/// is returned.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_respond {
    ($response:ident, $outcome:ident, [$($value:tt)*]) => {
        match $outcome {
            ::core::result::Result::Ok(value) => {
                let _ = &value;
                $crate::__orbit_assign!($response, value; $($value)*);
            }
            ::core::result::Result::Err(error) => return ::core::result::Result::Err(error),
        }
    };
    ($response:ident, $outcome:ident, [$($value:tt)*] $($variant:ident => $raised:ident),+) => {
        match $outcome {
            ::core::result::Result::Ok(value) => {
                let _ = &value;
                $crate::__orbit_assign!($response, value; $($value)*);
            }
            $(::core::result::Result::Err(__Error::$variant(exception)) => {
                $response.$raised = ::core::option::Option::Some(exception);
            })+
            ::core::result::Result::Err(__Error::System(error)) => {
                return ::core::result::Result::Err(error);
            }
        }
    };
}

/// The success value of an operation, made of the fields of `response` (an output struct is
/// named by the alias `__Ok` of the success type).
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_value {
    ($response:ident; ()) => {
        ()
    };
    ($response:ident; result) => {
        $response.result
    };
    ($response:ident; { $($field:ident),* $(,)? }) => {
        __Ok { $($field: $response.$field),* }
    };
}

/// Puts an operation's success value into the fields of `response`.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_assign {
    ($response:ident, $value:ident; ()) => {};
    ($response:ident, $value:ident; result) => {
        $response.result = $value;
    };
    ($response:ident, $value:ident; { $($field:ident),* $(,)? }) => {
        $($response.$field = $value.$field;)*
    };
}

/// The client proxy struct of an interface, its constructors, and its `Proxy`, `Debug` and
/// serde impls.
///
/// ```text
/// proxy! {
///     AccountProxy: Account = "Bank::Account", __account_wire::INTERFACE;
///     upcast super::BaseProxy;
///     client __account_wire, super::__base_wire;
/// }
/// ```
///
/// `upcast` lists the proxies of every base interface, which the proxy converts into; `client`
/// the wire modules whose interface's trait the proxy implements (see
/// [`client!`](crate::__orbit_client)): its own and every ancestor's.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_proxy {
    (
        $name:ident : $trait:ident = $idl:literal, $info:path;
        $(upcast $($base:path),* $(,)?;)?
        $(client $($($wire:ident)::+),* $(,)?;)?
    ) => {
        #[doc = ::core::concat!(
            " Client proxy of IDL interface `", $idl, "`: calls a remote object through a channel."
        )]
        #[doc = ""]
        #[doc = ::core::concat!(
            " It implements [`", ::core::stringify!($trait), "`] (and the traits of its bases); a ",
            "value of interface type is an `Option<", ::core::stringify!($name), ">`, `None` being ",
            "the nil reference."
        )]
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        pub struct $name {
            core: $crate::__private::ProxyCore,
        }

        impl $name {
            /// A proxy for the object under `object` reached through `channel`.
            pub fn new(
                channel: ::std::sync::Arc<dyn $crate::__private::Channel>,
                object: impl ::core::convert::Into<$crate::__private::bytes::Bytes>,
            ) -> Self {
                <Self as $crate::__private::Proxy>::on_channel(channel, object)
            }

            /// A proxy for the object `reference` names, reached through `channel`.
            pub fn from_ref(
                channel: ::std::sync::Arc<dyn $crate::__private::Channel>,
                reference: $crate::__private::ObjectRef,
            ) -> Self {
                <Self as $crate::__private::Proxy>::from_ref_on(channel, reference)
            }

            /// The reference to the object, to hand to another process.
            pub fn to_ref(&self) -> $crate::__private::ObjectRef {
                ::core::clone::Clone::clone(self.core.reference())
            }
        }

        impl $crate::__private::Proxy for $name {
            const INTERFACE: &'static $crate::__private::InterfaceInfo = &$info;

            fn from_core(core: $crate::__private::ProxyCore) -> Self {
                $name { core }
            }

            fn core(&self) -> &$crate::__private::ProxyCore {
                &self.core
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(::core::stringify!($name)).field(&self.core).finish()
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::serde::Serialize::serialize(&self.core, serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let core = <$crate::__private::ProxyCore as $crate::__private::serde::Deserialize<
                    'de,
                >>::deserialize(deserializer)?;
                ::core::result::Result::Ok($name { core })
            }
        }

        $($(
            impl ::core::convert::From<$name> for $base {
                fn from(proxy: $name) -> Self {
                    <$base as $crate::__private::Proxy>::from_core(proxy.core)
                }
            }
        )*)?

        $($(impl $($wire)::+::Client for $name {})*)?
    };
}

/// The trait of an interface, which servants implement and proxies implement by calling.
///
/// ```text
/// service! {
///     /// A bank account.
///     pub trait Account: super::Base {
///         /// IDL operation `Bank::Account::deposit`.
///         fn deposit(cents: i64) -> () = call deposit_Request;
///         fn fetch(key: String) -> i64, AccountFetchError = call fetch_Request;
///         fn note(text: String) -> () = call_oneway note_Request;
///     }
///     client __account_wire;
/// }
/// ```
///
/// Each method becomes `fn op(&self, …) -> impl Future<Output = Result<T, E>> + Send`
/// (servants write `async fn`); the error type is the runtime's `Error` unless given.
///
/// With `client __account_wire;` after the trait (client code), the trait is also implemented
/// for every proxy marked with that wire module's `Client` trait (see [`client!`]): each
/// method sends its request message (named after `=`) through the runtime's `call` (or
/// `call_oneway`), the parameters being the request's fields. With `client __account_wire,
/// direct;` (server code too), a proxy on a servant of its own process calls it through the
/// wire module's `Direct` trait instead, without encoding (`call_local`).
///
/// [`client!`]: crate::__orbit_client
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_service {
    (
        $(#[$attr:meta])*
        pub trait $name:ident $(: $($base:path),+)? {
            $(
                $(#[$method_attr:meta])*
                fn $method:ident($($param:ident : $ty:ty),* $(,)?) -> $ok:ty $(, $err:ty)?
                    $(= $call:ident $request:ident)?;
            )*
        }
        $(client $($wire:ident)::+ $(, $direct:ident)?;)?
    ) => {
        $(#[$attr])*
        pub trait $name:
            $($($base +)+)? ::core::marker::Send + ::core::marker::Sync + 'static
        {
            $(
                $(#[$method_attr])*
                fn $method(
                    &self,
                    $($param: $ty),*
                ) -> impl ::core::future::Future<
                    Output = ::core::result::Result<$ok, $crate::__orbit_error_type!($($err)?)>,
                > + ::core::marker::Send;
            )*
        }

        $crate::__orbit_client! {
            [$($($wire)::+)?] [$($($direct)?)?] $name {
                $(fn $method($($param: $ty),*) -> $ok $(, $err)? $(= $call $request)?;)*
            }
        }
    };
}

/// The proxies that can call an interface: `client! { bases… }` in its wire module defines the
/// hidden trait `Client` that marks them (its own proxy and the proxies of derived interfaces,
/// see [`proxy!`]), a `Client` of each base's wire module too. [`service!`] implements the
/// interface's trait for every `P: Client` (through this macro's other form).
///
/// ```text
/// client! { super::__base_wire }
/// ```
///
/// [`proxy!`]: crate::__orbit_proxy
/// [`service!`]: crate::__orbit_service
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_client {
    ([] [] $name:ident { $($methods:tt)* }) => {};
    (
        [$($wire:ident)::+] [] $name:ident {
            $(
                fn $method:ident($($param:ident : $ty:ty),* $(,)?) -> $ok:ty $(, $err:ty)?
                    = $call:ident $request:ident;
            )*
        }
    ) => {
        const _: () = {
            use $($wire)::+ as __wire;

            impl<P: __wire::Client> $name for P {
                $(
                    fn $method(
                        &self,
                        $($param: $ty),*
                    ) -> impl ::core::future::Future<
                        Output = ::core::result::Result<$ok, $crate::__orbit_error_type!($($err)?)>,
                    > + ::core::marker::Send {
                        $crate::__private::codec::$call(
                            $crate::__private::Proxy::core(self),
                            __wire::$request { $($param),* },
                        )
                    }
                )*
            }
        };
    };
    (
        [$($wire:ident)::+] [direct] $name:ident {
            $(
                fn $method:ident($($param:ident : $ty:ty),* $(,)?) -> $ok:ty $(, $err:ty)?
                    = $call:ident $request:ident;
            )*
        }
    ) => {
        const _: () = {
            use $($wire)::+ as __wire;

            impl<P: __wire::Client> $name for P {
                $(
                    fn $method(
                        &self,
                        $($param: $ty),*
                    ) -> impl ::core::future::Future<
                        Output = ::core::result::Result<$ok, $crate::__orbit_error_type!($($err)?)>,
                    > + ::core::marker::Send {
                        ($crate::__orbit_call_local!($call))(
                            $crate::__private::Proxy::core(self),
                            __wire::$request { $($param),* },
                            __wire::INTERFACE.name,
                            |servant: ::std::sync::Arc<dyn __wire::Direct>, request| async move {
                                servant.$method(request).await
                            },
                        )
                    }
                )*
            }
        };
    };
    ($($($base:ident)::+),* $(,)?) => {
        /// The proxies that implement the interface's trait by calling: its own proxy and the
        /// proxies of derived interfaces (which are the clients of the bases too).
        pub trait Client: $crate::__private::Proxy $(+ $($base)::+::Client)* {}
    };
}

/// The runtime's call that first tries a servant of this process: `call_local` for `call`,
/// `call_oneway_local` for `call_oneway`.
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_call_local {
    (call) => {
        $crate::__private::codec::call_local
    };
    (call_oneway) => {
        $crate::__private::codec::call_oneway_local
    };
}

/// The skeleton struct of an interface and its `Dispatch` impl, which offers each call to the
/// `dispatch` function of the interface's wire module, then of each base's, and the servant to
/// a proxy of its own process as the `Direct` form of any of these interfaces.
///
/// ```text
/// server! {
///     AccountServer: Account = "Bank::Account", __account_wire::INTERFACE {
///         __account_wire,
///         super::base::__base_wire,
///     }
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __orbit_server {
    (
        $name:ident : $trait:ident = $idl:literal, $info:path {
            $($($wire:ident)::+),* $(,)?
        }
    ) => {
        #[doc = ::core::concat!(
            " Skeleton of IDL interface `", $idl, "`: serves a servant's methods (inherited ones ",
            "too) to callers of a channel."
        )]
        pub struct $name<T: $trait> {
            servant: ::std::sync::Arc<T>,
        }

        impl<T: $trait> $name<T> {
            /// A skeleton serving `servant`.
            pub fn new(servant: T) -> Self {
                $name { servant: ::std::sync::Arc::new(servant) }
            }

            /// A skeleton serving a servant shared with other code.
            pub fn from_arc(servant: ::std::sync::Arc<T>) -> Self {
                $name { servant }
            }

            /// The servant.
            pub fn servant(&self) -> &::std::sync::Arc<T> {
                &self.servant
            }
        }

        impl<T: $trait> ::core::clone::Clone for $name<T> {
            fn clone(&self) -> Self {
                $name { servant: ::core::clone::Clone::clone(&self.servant) }
            }
        }

        impl<T: $trait> ::core::fmt::Debug for $name<T> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(::core::stringify!($name)).finish_non_exhaustive()
            }
        }

        impl<T: $trait> $crate::__private::Dispatch for $name<T> {
            fn interface(&self) -> &'static $crate::__private::InterfaceInfo {
                &$info
            }

            fn direct(
                &self,
                direct: ::core::any::TypeId,
            ) -> ::core::option::Option<::std::boxed::Box<dyn ::core::any::Any + ::core::marker::Send>> {
                $(
                    if direct == ::core::any::TypeId::of::<dyn $($wire)::+::Direct>() {
                        let servant: ::std::sync::Arc<T> = ::core::clone::Clone::clone(&self.servant);
                        let servant: ::std::sync::Arc<dyn $($wire)::+::Direct> = servant;
                        return ::core::option::Option::Some(::std::boxed::Box::new(servant));
                    }
                )*
                ::core::option::Option::None
            }

            fn dispatch(
                &self,
                context: $crate::__private::CallContext,
                operation: u32,
                payload: $crate::__private::bytes::Bytes,
            ) -> $crate::__private::BoxFuture<
                '_,
                ::core::result::Result<$crate::__private::bytes::Bytes, $crate::__private::Error>,
            > {
                let servant = &*self.servant;
                #[allow(unused_mut)]
                let (mut context, mut payload) = (context, payload);
                $(
                    match $($wire)::+::dispatch(servant, context, operation, payload) {
                        ::core::result::Result::Ok(future) => return future,
                        ::core::result::Result::Err(call) => (context, payload) = call,
                    }
                )*
                let _ = (servant, context, payload);
                ::std::boxed::Box::pin(::core::future::ready(::core::result::Result::Err(
                    $crate::__private::no_such_operation(&$info, operation),
                )))
            }
        }
    };
}
