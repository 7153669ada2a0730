// The optional arguments: an include folder, a macro definition, the runtime reached through
// a re-export, and no server side.
#![deny(warnings)]

mod runtime {
    pub use ::orbit as reexported;
}

mod generated {
    orbit::idl!(
        "tests/ui/idl/uses_include.idl",
        include = ["tests/ui/idl/common"],
        define = ["WITH_ORDERS"],
        crate = "crate::runtime::reexported",
        server = false,
    );
}

fn main() {
    let order = generated::shop::Order { id: 7, amount: 12 };
    let _: generated::shop::OrderId = order.id;
    // Only the client side exists: the proxy, no `OrdersServer`.
    let channel = orbit::InProcess::new();
    let _proxy = generated::shop::OrdersProxy::new(channel, "orders");
}
