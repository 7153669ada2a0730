//! serde support for fields serde cannot derive: arrays longer than 32 elements, alone or inside
//! arrays, sequences, options and map values.
//!
//! serde implements its traits for arrays of at most 32 elements. Generated code marks a field
//! whose type holds a longer array with
//! `#[serde(serialize_with = "…::serialize::<SHAPE, _, _>", deserialize_with = "…::deserialize::<SHAPE, _, _>")]`,
//! where `SHAPE` mirrors the field's type: [`Arr`] per array dimension, [`VecOf`], [`Opt`] and
//! [`MapOf`] around them and [`Plain`] for everything serde handles itself. An array is written
//! as a tuple of its elements, as serde writes short arrays, so the format does not change at 33.

use std::{collections::BTreeMap, fmt, marker::PhantomData};

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor},
    ser::{SerializeMap, SerializeSeq, SerializeTuple},
};

/// How a value of type `T` is serialized and deserialized.
pub trait SerdeShape<T> {
    /// Serializes `value`.
    ///
    /// # Errors
    ///
    /// The serializer's.
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;

    /// Deserializes a value.
    ///
    /// # Errors
    ///
    /// The deserializer's, or a wrong array length.
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// A type serde handles itself.
#[derive(Debug)]
pub struct Plain;
/// `[T; N]` of any length, `T` shaped by `S`.
#[derive(Debug)]
pub struct Arr<S>(PhantomData<S>);
/// `Vec<T>`, `T` shaped by `S`.
#[derive(Debug)]
pub struct VecOf<S>(PhantomData<S>);
/// `Option<T>`, `T` shaped by `S`.
#[derive(Debug)]
pub struct Opt<S>(PhantomData<S>);
/// `BTreeMap<K, V>`, `V` shaped by `S`.
#[derive(Debug)]
pub struct MapOf<S>(PhantomData<S>);

/// Serializes `value` as `Sh` says; the function `serialize_with` names.
///
/// # Errors
///
/// The serializer's.
pub fn serialize<Sh: SerdeShape<T>, T, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    Sh::serialize(value, serializer)
}

/// Deserializes a value as `Sh` says; the function `deserialize_with` names.
///
/// # Errors
///
/// The deserializer's, or a wrong array length.
pub fn deserialize<'de, Sh: SerdeShape<T>, T, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    Sh::deserialize(deserializer)
}

/// A value serialized through its shape.
struct Shaped<'a, Sh, T>(&'a T, PhantomData<Sh>);

impl<Sh: SerdeShape<T>, T> Serialize for Shaped<'_, Sh, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Sh::serialize(self.0, serializer)
    }
}

/// A value deserialized through its shape.
struct Seed<Sh, T>(PhantomData<(Sh, T)>);

impl<Sh, T> Seed<Sh, T> {
    fn new() -> Self {
        Seed(PhantomData)
    }
}

impl<'de, Sh: SerdeShape<T>, T> DeserializeSeed<'de> for Seed<Sh, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        Sh::deserialize(deserializer)
    }
}

impl<T: Serialize + for<'de> Deserialize<'de>> SerdeShape<T> for Plain {
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

impl<T, const N: usize, Sh: SerdeShape<T>> SerdeShape<[T; N]> for Arr<Sh> {
    fn serialize<S: Serializer>(value: &[T; N], serializer: S) -> Result<S::Ok, S::Error> {
        let mut tuple = serializer.serialize_tuple(N)?;
        for item in value {
            tuple.serialize_element(&Shaped::<Sh, T>(item, PhantomData))?;
        }
        tuple.end()
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<[T; N], D::Error> {
        struct ArrayVisitor<Sh, T, const N: usize>(PhantomData<(Sh, T)>);

        impl<'de, Sh: SerdeShape<T>, T, const N: usize> Visitor<'de> for ArrayVisitor<Sh, T, N> {
            type Value = [T; N];

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an array of {N} elements")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<[T; N], A::Error> {
                let mut items = Vec::with_capacity(N);
                while let Some(item) = seq.next_element_seed(Seed::<Sh, T>::new())? {
                    if items.len() == N {
                        return Err(A::Error::invalid_length(N + 1, &self));
                    }
                    items.push(item);
                }
                let len = items.len();
                items
                    .try_into()
                    .map_err(|_| A::Error::invalid_length(len, &self))
            }
        }

        deserializer.deserialize_tuple(N, ArrayVisitor::<Sh, T, N>(PhantomData))
    }
}

impl<T, Sh: SerdeShape<T>> SerdeShape<Vec<T>> for VecOf<Sh> {
    fn serialize<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(value.len()))?;
        for item in value {
            seq.serialize_element(&Shaped::<Sh, T>(item, PhantomData))?;
        }
        seq.end()
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        struct VecVisitor<Sh, T>(PhantomData<(Sh, T)>);

        impl<'de, Sh: SerdeShape<T>, T> Visitor<'de> for VecVisitor<Sh, T> {
            type Value = Vec<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                // No size hint: a hostile input cannot make us allocate ahead of its elements.
                let mut items = Vec::new();
                while let Some(item) = seq.next_element_seed(Seed::<Sh, T>::new())? {
                    items.push(item);
                }
                Ok(items)
            }
        }

        deserializer.deserialize_seq(VecVisitor::<Sh, T>(PhantomData))
    }
}

impl<T, Sh: SerdeShape<T>> SerdeShape<Option<T>> for Opt<Sh> {
    fn serialize<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&Shaped::<Sh, T>(value, PhantomData)),
            None => serializer.serialize_none(),
        }
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        struct OptionVisitor<Sh, T>(PhantomData<(Sh, T)>);

        impl<'de, Sh: SerdeShape<T>, T> Visitor<'de> for OptionVisitor<Sh, T> {
            type Value = Option<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an optional value")
            }

            fn visit_none<E: serde::de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
                Sh::deserialize(d).map(Some)
            }
        }

        deserializer.deserialize_option(OptionVisitor::<Sh, T>(PhantomData))
    }
}

impl<K, V, Sh> SerdeShape<BTreeMap<K, V>> for MapOf<Sh>
where
    K: Ord + Serialize + for<'de> Deserialize<'de>,
    Sh: SerdeShape<V>,
{
    fn serialize<S: Serializer>(value: &BTreeMap<K, V>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (key, value) in value {
            map.serialize_entry(key, &Shaped::<Sh, V>(value, PhantomData))?;
        }
        map.end()
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error> {
        struct MapVisitor<Sh, K, V>(PhantomData<(Sh, K, V)>);

        impl<'de, K, V, Sh> Visitor<'de> for MapVisitor<Sh, K, V>
        where
            K: Ord + for<'a> Deserialize<'a>,
            Sh: SerdeShape<V>,
        {
            type Value = BTreeMap<K, V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = BTreeMap::new();
                while let Some(key) = access.next_key::<K>()? {
                    let value = access.next_value_seed(Seed::<Sh, V>::new())?;
                    map.insert(key, value);
                }
                Ok(map)
            }
        }

        deserializer.deserialize_map(MapVisitor::<Sh, K, V>(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder {
        #[serde(
            serialize_with = "serialize::<Opt<VecOf<Arr<Arr<Plain>>>>, _, _>",
            deserialize_with = "deserialize::<Opt<VecOf<Arr<Arr<Plain>>>>, _, _>"
        )]
        grids: Option<Vec<[[u8; 2]; 40]>>,
        #[serde(
            serialize_with = "serialize::<MapOf<Arr<Plain>>, _, _>",
            deserialize_with = "deserialize::<MapOf<Arr<Plain>>, _, _>"
        )]
        rows: BTreeMap<String, [i32; 33]>,
    }

    #[test]
    fn long_arrays_round_trip_inside_options_sequences_and_maps() {
        let holder = Holder {
            grids: Some(vec![[[1, 2]; 40]]),
            rows: BTreeMap::from([("a".to_owned(), [7; 33])]),
        };
        let json = serde_json::to_string(&holder).unwrap();
        assert!(json.starts_with("{\"grids\":[[[1,2],[1,2],"), "{json}");
        let back: Holder = serde_json::from_str(&json).unwrap();
        assert_eq!(back, holder);
        let none = Holder {
            grids: None,
            rows: BTreeMap::new(),
        };
        let back: Holder = serde_json::from_str(&serde_json::to_string(&none).unwrap()).unwrap();
        assert_eq!(back, none);
    }

    #[test]
    fn arrays_of_the_wrong_length_are_refused() {
        let short = format!("{{\"grids\":null,\"rows\":{{\"a\":{:?}}}}}", [1; 32]);
        let error = serde_json::from_str::<Holder>(&short).unwrap_err();
        assert!(
            error.to_string().contains("an array of 33 elements"),
            "{error}"
        );
        let long = format!("{{\"grids\":null,\"rows\":{{\"a\":{:?}}}}}", vec![1; 34]);
        assert!(serde_json::from_str::<Holder>(&long).is_err());
    }
}
