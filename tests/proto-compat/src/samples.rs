//! One value of every message of `idl/everything.idl`, as prost-build's types, with every
//! field set to something other than its default (and every union case once), so that a
//! decoder that drops or misnumbers a field fails the comparison.

use std::collections::HashMap;

use crate::prost_gen::{Stamp, compat, compat_rpc, orbit::ObjectRef};

/// Every primitive type, away from zero and at the ends of the narrow types' ranges.
pub fn scalars() -> compat::Scalars {
    compat::Scalars {
        s: i32::from(i16::MIN),
        us: u32::from(u16::MAX),
        l: -123_456,
        ul: u32::MAX,
        ll: i64::MIN,
        ull: u64::MAX,
        i8: i32::from(i8::MIN),
        u8: u32::from(u8::MAX),
        f: 1.5,
        d: -2.25,
        ld: 1e300,
        b: true,
        o: 0xAB,
        c: u32::from('é'),
        wc: u32::from('€'),
        str: "text".to_owned(),
        wstr: "wide ✓".to_owned(),
        bounded: "eight ch".to_owned(),
    }
}

/// A struct with a base, optional members, a nested struct, a bitmask and a top-level struct.
pub fn derived() -> compat::Derived {
    let inner = compat::DerivedInner {
        color: compat::Color::Blue.into(),
        level: compat::Level::High.into(),
    };
    compat::Derived {
        id: 7,
        note: Some("a note".to_owned()),
        inner: Some(inner),
        maybe: Some(compat::DerivedInner {
            color: compat::Color::Green.into(),
            level: compat::Level::Low.into(),
        }),
        count: Some(0),
        access: 0b11,
        stamp: Some(Stamp {
            seconds: 1_700_000_000,
            nanos: 999_999_999,
        }),
    }
}

/// Sequences, arrays and maps, nested in each other.
pub fn lists() -> compat::Lists {
    let row = |items: Vec<i32>| compat::ListsRowsList { items };
    compat::Lists {
        names: vec!["a".to_owned(), String::new(), "c".to_owned()],
        blob: vec![0, 1, 2, 255],
        digest: vec![9, 8, 7, 6],
        matrix: vec![1, 2, 3, 4, 5, 6],
        rows: vec![row(vec![1]), row(Vec::new()), row(vec![2, 3])],
        inners: vec![compat::ListsInnersList {
            items: vec![derived().inner.unwrap_or_default()],
        }],
        row_pair: vec![
            compat::ListsRowPairList { items: vec![1, 2] },
            compat::ListsRowPairList { items: vec![] },
        ],
        counts: HashMap::from([("one".to_owned(), 1), ("two".to_owned(), 2)]),
        bases: HashMap::from([(-5, compat::Base { id: 5, note: None })]),
        rows_by_name: HashMap::from([(
            "r".to_owned(),
            compat::ListsRowsByNameList { items: vec![4, 5] },
        )]),
        colors: vec![compat::Color::Red.into(), compat::Color::Blue.into()],
        maybe_list: Some(compat::ListsMaybeListList { items: Vec::new() }),
        maybe_pair: None,
    }
}

/// Every case of both unions. The discriminator is set only with the `default` case, as Orbit
/// writes it (the other cases imply it; a reader ignores it there).
pub fn unions() -> Vec<compat::Unions> {
    use compat::{choice, code};
    let choices = [
        choice::Value::Number(-1),
        choice::Value::Text("t".to_owned()),
        choice::Value::List(compat::ChoiceListList {
            items: vec![1, 2, 3],
        }),
    ];
    let codes = [
        (0, code::Value::Small("s".to_owned())),
        (
            0,
            code::Value::Base(compat::Base {
                id: 1,
                note: Some("n".to_owned()),
            }),
        ),
        (42, code::Value::Other(0.5)),
    ];
    choices
        .into_iter()
        .zip(codes.iter().cycle())
        .map(|(choice, (discriminator, value))| compat::Unions {
            choice: Some(compat::Choice {
                value: Some(choice),
            }),
            code: Some(compat::Code {
                discriminator: *discriminator,
                value: Some(value.clone()),
            }),
            codes: codes
                .iter()
                .map(|(discriminator, value)| compat::Code {
                    discriminator: *discriminator,
                    value: Some(value.clone()),
                })
                .collect(),
        })
        .collect()
}

/// Object references.
pub fn refs() -> compat_rpc::Refs {
    let reference = |n: u8| ObjectRef {
        endpoints: vec![format!("unix:///tmp/{n}"), "grpc://host:1".to_owned()],
        object_id: vec![n, n],
        type_id: "IDL:Compat/Counter:1.0".to_owned(),
    };
    compat_rpc::Refs {
        one: Some(reference(1)),
        many: vec![reference(2), reference(3)],
    }
}

/// A struct of another package that holds the others.
pub fn wrapped() -> compat::inner::Wrapped {
    compat::inner::Wrapped {
        derived: Some(derived()),
        lists: Some(lists()),
    }
}

/// The request and response of an operation with `inout` and `out` parameters and an
/// exception.
pub fn add_messages() -> (
    compat_rpc::CounterAddRequest,
    Vec<compat_rpc::CounterAddResponse>,
) {
    use compat_rpc::counter_add_response::Exception;
    let request = compat_rpc::CounterAddRequest {
        amount: 3,
        total: 10,
    };
    let ok = compat_rpc::CounterAddResponse {
        result: 13,
        total: 13,
        previous: 10,
        exception: None,
    };
    let failed = compat_rpc::CounterAddResponse {
        exception: Some(Exception::Failure(compat::Failure {
            reason: "overflow".to_owned(),
            code: 2,
        })),
        ..compat_rpc::CounterAddResponse::default()
    };
    (request, vec![ok, failed])
}
