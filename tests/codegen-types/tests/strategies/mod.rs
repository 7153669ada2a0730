//! proptest strategies for the generated types of `all_types.idl`, within every bound the IDL
//! sets (the tests that break bounds build their values by hand).

#![allow(dead_code)]

use std::collections::BTreeMap;

use orbit::bytes::Bytes;
use orbit_test_codegen_types::{
    TopLevel,
    all::{self, *},
};
use proptest::{collection::vec, prelude::*};

/// Any character.
pub(crate) fn wide_char() -> impl Strategy<Value = char> {
    any::<char>()
}

/// A character an IDL `char` holds (below U+0100).
pub(crate) fn narrow_char() -> impl Strategy<Value = char> {
    (0u32..=0xFF).prop_map(|c| char::from_u32(c).unwrap_or('?'))
}

/// A string of at most `max` characters.
pub(crate) fn text(max: usize) -> impl Strategy<Value = String> {
    vec(wide_char(), 0..=max).prop_map(|chars| chars.into_iter().collect())
}

/// Floats without NaN (which is not equal to itself).
pub(crate) fn float() -> impl Strategy<Value = f32> {
    use proptest::num::f32 as f;
    f::POSITIVE | f::NEGATIVE | f::NORMAL | f::SUBNORMAL | f::ZERO | f::INFINITE
}

/// Doubles without NaN.
pub(crate) fn double() -> impl Strategy<Value = f64> {
    use proptest::num::f64 as f;
    f::POSITIVE | f::NEGATIVE | f::NORMAL | f::SUBNORMAL | f::ZERO | f::INFINITE
}

/// Doubles serde_json reads back exactly (it has no infinities, and its default float parser
/// is not correctly rounded): unions are also checked through it. `Scalars` covers the rest.
pub(crate) fn json_double() -> impl Strategy<Value = f64> {
    any::<i32>().prop_map(f64::from)
}

/// Bytes of at most `max` octets.
pub(crate) fn bytes(max: usize) -> impl Strategy<Value = Bytes> {
    vec(any::<u8>(), 0..=max).prop_map(Bytes::from)
}

/// An array of any length.
pub(crate) fn array<T: std::fmt::Debug, const N: usize>(
    element: impl Strategy<Value = T>,
) -> impl Strategy<Value = [T; N]> {
    vec(element, N).prop_map(|items| {
        items
            .try_into()
            .unwrap_or_else(|_| unreachable!("the strategy makes N elements"))
    })
}

pub(crate) fn color() -> impl Strategy<Value = Color> {
    prop::sample::select(Color::ALL.to_vec())
}

pub(crate) fn sparse() -> impl Strategy<Value = Sparse> {
    prop::sample::select(Sparse::ALL.to_vec())
}

pub(crate) fn scalars() -> impl Strategy<Value = Scalars> {
    (
        (
            any::<i16>(),
            any::<i32>(),
            any::<i64>(),
            any::<u16>(),
            any::<u32>(),
            any::<u64>(),
        ),
        (
            any::<i8>(),
            any::<u8>(),
            float(),
            double(),
            double(),
            any::<bool>(),
        ),
        (
            any::<u8>(),
            narrow_char(),
            wide_char(),
            text(20),
            text(20),
            text(8),
        ),
    )
        .prop_map(
            |((s, l, ll, us, ul, ull), (i8, u8, f, d, ld, b), (o, c, wc, text, wtext, name))| {
                Scalars {
                    s,
                    l,
                    ll,
                    us,
                    ul,
                    ull,
                    i8,
                    u8,
                    f,
                    d,
                    ld,
                    b,
                    o,
                    c,
                    wc,
                    text,
                    wtext,
                    name,
                }
            },
        )
}

pub(crate) fn derived() -> impl Strategy<Value = Derived> {
    (
        any::<i32>(),
        text(4),
        color(),
        sparse(),
        any::<u32>(),
        any::<u64>(),
    )
        .prop_map(|(id, tag, color, sparse, perms, wide)| Derived {
            id,
            tag,
            color,
            sparse,
            perms: Perms(perms),
            wide: Wide(wide),
        })
}

pub(crate) fn containers() -> impl Strategy<Value = Containers> {
    let row = || array::<i32, 3>(any::<i32>());
    (
        (
            vec(any::<i32>(), 0..6),
            vec(any::<i32>(), 0..=4),
            vec(text(3), 0..=2),
            bytes(40),
            bytes(16),
            array::<u8, 4>(any::<u8>()),
            array::<[u8; 3], 2>(array(any::<u8>())),
        ),
        (
            array::<[i32; 3], 2>(row()),
            array::<[i32; 3], 2>(row()),
            array::<[i32; 3], 2>(row()),
            vec(vec(any::<i32>(), 0..=2), 0..4),
            vec(row(), 0..3),
            array::<i32, 40>(any::<i32>()),
            array::<char, 3>(narrow_char()),
        ),
        (
            prop::collection::btree_map(text(6), any::<i32>(), 0..4),
            prop::collection::btree_map(any::<i32>(), vec(text(5), 0..3), 0..3),
            prop::collection::btree_map(text(4), derived(), 0..=3),
            vec(derived(), 0..3),
            vec(color(), 0..4),
            vec(any::<u32>().prop_map(Perms), 0..4),
        ),
    )
        .prop_map(
            |(
                (longs, bounded, short_names, bytes, blob, digest, plane),
                (matrix, rows, grid, nested, row_list, big, letters),
                (counts, lists, bounded_map, records, colors, perm_list),
            )| Containers {
                longs,
                bounded,
                short_names,
                bytes,
                blob,
                digest,
                plane,
                matrix,
                rows,
                grid,
                nested,
                row_list,
                big,
                letters,
                counts,
                lists,
                bounded_map,
                records,
                colors,
                perm_list,
            },
        )
}

pub(crate) fn optionals() -> impl Strategy<Value = Optionals> {
    (
        proptest::option::of(any::<i32>()),
        proptest::option::of(text(5)),
        proptest::option::of(derived()),
        proptest::option::of(vec(any::<i32>(), 0..4)),
        proptest::option::of(array::<i32, 3>(any::<i32>())),
        proptest::option::of(color()),
        proptest::option::of(array::<i32, 40>(any::<i32>())),
    )
        .prop_map(
            |(maybe, note, record, values, triple, color, big)| Optionals {
                maybe,
                note,
                record,
                values,
                triple,
                color,
                big,
            },
        )
}

pub(crate) fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        json_double().prop_map(Shape::Radius),
        array::<i32, 3>(any::<i32>()).prop_map(Shape::Side),
        vec(text(4), 0..=2).prop_map(Shape::Names),
        (
            any::<i32>().prop_filter("a default discriminator", |d| !(1..=4).contains(d)),
            text(10)
        )
            .prop_map(|(discriminator, value)| Shape::Label {
                discriminator,
                value
            }),
    ]
}

pub(crate) fn by_color() -> impl Strategy<Value = ByColor> {
    prop_oneof![
        any::<i32>().prop_map(ByColor::Red),
        derived().prop_map(ByColor::Green),
        vec(any::<i32>(), 0..4).prop_map(ByColor::Blue),
    ]
}

pub(crate) fn by_char() -> impl Strategy<Value = ByChar> {
    prop_oneof![
        (
            narrow_char().prop_filter("not `a`", |c| *c != 'a'),
            any::<i32>()
        )
            .prop_map(|(discriminator, value)| ByChar::Other {
                discriminator,
                value
            }),
        text(6).prop_map(ByChar::A),
    ]
}

pub(crate) fn flag() -> impl Strategy<Value = Flag> {
    prop_oneof![any::<i32>().prop_map(Flag::Yes), text(6).prop_map(Flag::No)]
}

pub(crate) fn node() -> impl Strategy<Value = Node> {
    let leaf = any::<i32>().prop_map(|value| Node {
        value,
        children: Vec::new(),
        next: None,
    });
    leaf.prop_recursive(4, 24, 3, |inner| {
        (
            any::<i32>(),
            vec(inner.clone(), 0..3),
            proptest::option::of(inner.prop_map(Box::new)),
        )
            .prop_map(|(value, children, next)| Node {
                value,
                children,
                next,
            })
    })
}

pub(crate) fn outer() -> impl Strategy<Value = Outer> {
    (any::<i32>(), shape(), by_color(), by_char(), flag()).prop_map(
        |(x, shape, by_color, by_char, flag)| Outer {
            inner: all::outer::Inner { x },
            shape,
            by_color,
            by_char,
            flag,
        },
    )
}

pub(crate) fn uses() -> impl Strategy<Value = all::nested::Uses> {
    (derived(), color(), text(10)).prop_map(|(derived, color, name)| all::nested::Uses {
        derived,
        color,
        top: TopLevel { name },
    })
}

pub(crate) fn failure() -> impl Strategy<Value = Failure> {
    (text(10), any::<i32>()).prop_map(|(reason, code)| Failure { reason, code })
}

pub(crate) fn defaults() -> impl Strategy<Value = Defaults> {
    (any::<i32>(), text(5), color()).prop_map(|(answer, greeting, color)| Defaults {
        answer,
        greeting,
        color,
    })
}

/// A map with `n` entries of short keys.
pub(crate) fn map_of(n: usize) -> BTreeMap<String, Derived> {
    (0..n)
        .map(|i| (i.to_string(), Derived::default()))
        .collect()
}

/// Expressions a few levels deep, through `@external` members and cases.
pub(crate) fn expr() -> impl Strategy<Value = Expr> {
    let leaf = any::<i32>().prop_map(Expr::Number);
    leaf.prop_recursive(4, 32, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(left, right)| Expr::Sum(Pair {
                left: Box::new(left),
                right: Box::new(right),
            })),
            inner.prop_map(|e| Expr::Negated(Box::new(e))),
        ]
    })
}
