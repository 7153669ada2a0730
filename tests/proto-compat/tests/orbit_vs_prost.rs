//! Bytes written by Orbit's generated types decode with prost-build's types for the emitted
//! `.proto` files, and the reverse, for a value of every construct (`samples` holds the prost
//! side; the same values are built here with Orbit's types).

use std::collections::BTreeMap;

use orbit_test_proto_compat::{
    assert_reads_as, assert_same as same,
    orbit_gen::{self, compat},
    prost_gen, samples,
};

fn scalars() -> compat::Scalars {
    compat::Scalars {
        s: i16::MIN,
        us: u16::MAX,
        l: -123_456,
        ul: u32::MAX,
        ll: i64::MIN,
        ull: u64::MAX,
        i8: i8::MIN,
        u8: u8::MAX,
        f: 1.5,
        d: -2.25,
        ld: 1e300,
        b: true,
        o: 0xAB,
        c: 'é',
        wc: '€',
        str: "text".to_owned(),
        wstr: "wide ✓".to_owned(),
        bounded: "eight ch".to_owned(),
    }
}

fn derived() -> compat::Derived {
    compat::Derived {
        id: 7,
        note: Some("a note".to_owned()),
        inner: compat::derived::Inner {
            color: compat::Color::Blue,
            level: compat::Level::High,
        },
        maybe: Some(compat::derived::Inner {
            color: compat::Color::Green,
            level: compat::Level::Low,
        }),
        count: Some(0),
        access: compat::Access::READ | compat::Access::WRITE,
        stamp: orbit_gen::Stamp {
            seconds: 1_700_000_000,
            nanos: 999_999_999,
        },
    }
}

fn lists() -> compat::Lists {
    compat::Lists {
        names: vec!["a".to_owned(), String::new(), "c".to_owned()],
        blob: vec![0, 1, 2, 255].into(),
        digest: [9, 8, 7, 6],
        matrix: [[1, 2, 3], [4, 5, 6]],
        rows: vec![vec![1], Vec::new(), vec![2, 3]],
        inners: vec![vec![derived().inner]],
        row_pair: [vec![1, 2], Vec::new()],
        counts: BTreeMap::from([("one".to_owned(), 1), ("two".to_owned(), 2)]),
        bases: BTreeMap::from([(-5, compat::Base { id: 5, note: None })]),
        rows_by_name: BTreeMap::from([("r".to_owned(), vec![4, 5])]),
        colors: vec![compat::Color::Red, compat::Color::Blue],
        maybe_list: Some(Vec::new()),
        maybe_pair: None,
    }
}

fn unions() -> Vec<compat::Unions> {
    let choices = [
        compat::Choice::Number(-1),
        compat::Choice::Text("t".to_owned()),
        compat::Choice::List(vec![1, 2, 3]),
    ];
    let codes = [
        compat::Code::Small("s".to_owned()),
        compat::Code::Base(compat::Base {
            id: 1,
            note: Some("n".to_owned()),
        }),
        compat::Code::Other {
            discriminator: 42,
            value: 0.5,
        },
    ];
    choices
        .into_iter()
        .zip(codes.iter().cycle())
        .map(|(choice, code)| compat::Unions {
            choice,
            code: code.clone(),
            codes: codes.to_vec(),
        })
        .collect()
}

#[test]
fn primitives() {
    same(&scalars(), &samples::scalars());
}

#[test]
fn structs_with_bases_optionals_nested_types_enums_and_bitmasks() {
    same(&derived(), &samples::derived());
}

#[test]
fn sequences_arrays_maps_and_their_nesting() {
    same(&lists(), &samples::lists());
}

#[test]
fn optional_lists_keep_their_presence() {
    let mut orbit = lists();
    orbit.maybe_list = None;
    orbit.maybe_pair = Some([3, 4]);
    let mut prost = samples::lists();
    prost.maybe_list = None;
    prost.maybe_pair = Some(prost_gen::compat::ListsMaybePairList { items: vec![3, 4] });
    same(&orbit, &prost);
}

#[test]
fn every_union_case() {
    for (orbit, prost) in unions().iter().zip(samples::unions()) {
        same(orbit, &prost);
    }
}

#[test]
fn a_struct_of_another_package_holding_the_others() {
    let wrapped = compat::inner::Wrapped {
        derived: derived(),
        lists: lists(),
    };
    same(&wrapped, &samples::wrapped());
}

#[test]
fn exceptions() {
    let orbit = compat::Failure {
        reason: "overflow".to_owned(),
        code: 2,
    };
    let prost = prost_gen::compat::Failure {
        reason: "overflow".to_owned(),
        code: 2,
    };
    same(&orbit, &prost);
}

#[test]
fn a_second_label_of_a_case_reads_as_that_case() {
    let prost = prost_gen::compat::Code {
        discriminator: 2,
        value: Some(prost_gen::compat::code::Value::Small("x".to_owned())),
    };
    assert_reads_as(&prost, &compat::Code::Small("x".to_owned()));
}

#[test]
fn default_values_are_the_same() {
    same(
        &compat::Scalars::default(),
        &prost_gen::compat::Scalars::default(),
    );
    same(
        &compat::Base::default(),
        &prost_gen::compat::Base::default(),
    );
    same(&orbit_gen::Stamp::default(), &prost_gen::Stamp::default());
}
