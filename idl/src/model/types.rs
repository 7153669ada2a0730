//! Resolved types: what a type specifier means once every name in it is resolved and every bound
//! evaluated.

use super::DeclId;

/// The built-in scalar types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Primitive {
    /// `short` / `int16`
    Short,
    /// `long` / `int32`
    Long,
    /// `long long` / `int64`
    LongLong,
    /// `unsigned short` / `uint16`
    UShort,
    /// `unsigned long` / `uint32`
    ULong,
    /// `unsigned long long` / `uint64`
    ULongLong,
    /// `int8`
    Int8,
    /// `uint8`
    UInt8,
    /// `float`
    Float,
    /// `double`
    Double,
    /// `long double`
    LongDouble,
    /// `char`
    Char,
    /// `wchar`
    WChar,
    /// `boolean`
    Boolean,
    /// `octet`
    Octet,
}

impl Primitive {
    /// The type's IDL spelling.
    pub fn idl_name(self) -> &'static str {
        match self {
            Primitive::Short => "short",
            Primitive::Long => "long",
            Primitive::LongLong => "long long",
            Primitive::UShort => "unsigned short",
            Primitive::ULong => "unsigned long",
            Primitive::ULongLong => "unsigned long long",
            Primitive::Int8 => "int8",
            Primitive::UInt8 => "uint8",
            Primitive::Float => "float",
            Primitive::Double => "double",
            Primitive::LongDouble => "long double",
            Primitive::Char => "char",
            Primitive::WChar => "wchar",
            Primitive::Boolean => "boolean",
            Primitive::Octet => "octet",
        }
    }

    /// Whether this is one of the signed or unsigned integer types (not `octet`).
    pub fn is_integer(self) -> bool {
        self.integer_range().is_some() && self != Primitive::Octet
    }

    /// Whether this is `float`, `double` or `long double`.
    pub fn is_floating(self) -> bool {
        matches!(
            self,
            Primitive::Float | Primitive::Double | Primitive::LongDouble
        )
    }

    /// The smallest and largest value of an integer type (`octet` included), `None` for the
    /// others.
    pub fn integer_range(self) -> Option<(i128, i128)> {
        Some(match self {
            Primitive::Int8 => (i8::MIN.into(), i8::MAX.into()),
            Primitive::UInt8 | Primitive::Octet => (0, u8::MAX.into()),
            Primitive::Short => (i16::MIN.into(), i16::MAX.into()),
            Primitive::UShort => (0, u16::MAX.into()),
            Primitive::Long => (i32::MIN.into(), i32::MAX.into()),
            Primitive::ULong => (0, u32::MAX.into()),
            Primitive::LongLong => (i64::MIN.into(), i64::MAX.into()),
            Primitive::ULongLong => (0, u64::MAX.into()),
            _ => return None,
        })
    }

    /// The width in bits of an integer type (`octet` included).
    pub fn integer_bits(self) -> Option<u32> {
        Some(match self {
            Primitive::Int8 | Primitive::UInt8 | Primitive::Octet => 8,
            Primitive::Short | Primitive::UShort => 16,
            Primitive::Long | Primitive::ULong => 32,
            Primitive::LongLong | Primitive::ULongLong => 64,
            _ => return None,
        })
    }

    /// Whether the type is an unsigned integer type or `octet`.
    pub fn is_unsigned(self) -> bool {
        matches!(
            self,
            Primitive::UShort
                | Primitive::ULong
                | Primitive::ULongLong
                | Primitive::UInt8
                | Primitive::Octet
        )
    }
}

/// A resolved type.
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    /// A built-in scalar.
    Primitive(Primitive),
    /// `string`, or `string<N>` with its bound.
    String(Option<u32>),
    /// `wstring`, or `wstring<N>` with its bound.
    WString(Option<u32>),
    /// `sequence<T>`, or `sequence<T, N>` with its bound.
    Sequence(Box<Type>, Option<u32>),
    /// `map<K, V>`, or `map<K, V, N>` with its bound.
    Map(Box<Type>, Box<Type>, Option<u32>),
    /// An element type with array dimensions, outermost first (`T a[2][3]` has `[2, 3]`).
    Array(Box<Type>, Vec<u32>),
    /// `fixed<digits, scale>`.
    Fixed {
        /// Total number of decimal digits (1 to 31).
        digits: u8,
        /// Digits after the decimal point (at most `digits`).
        scale: u8,
    },
    /// A declared type: struct, union, enum, bitmask, bitset, typedef, interface, native,
    /// exception, or an unsupported construct such as a valuetype.
    Named(DeclId),
    /// `any`.
    Any,
    /// `Object`: a reference to any interface.
    Object,
    /// `ValueBase`.
    ValueBase,
    /// `CORBA::TypeCode` (also written `TypeCode`), known without including `orb.idl` as CORBA
    /// compilers do.
    TypeCode,
    /// A type that failed to resolve. Only present when an error was reported for it, so code
    /// generation never sees it in a model without errors.
    Unresolved,
}

impl Type {
    /// The primitive type, if this is one.
    pub fn as_primitive(&self) -> Option<Primitive> {
        match self {
            Type::Primitive(p) => Some(*p),
            _ => None,
        }
    }

    /// The type as IDL would write it, naming declared types with `name`.
    pub fn display_with(&self, name: &dyn Fn(DeclId) -> String) -> String {
        let bound = |b: &Option<u32>| b.map(|n| format!(", {n}")).unwrap_or_default();
        match self {
            Type::Primitive(p) => p.idl_name().to_owned(),
            Type::String(None) => "string".to_owned(),
            Type::String(Some(n)) => format!("string<{n}>"),
            Type::WString(None) => "wstring".to_owned(),
            Type::WString(Some(n)) => format!("wstring<{n}>"),
            Type::Sequence(t, b) => format!("sequence<{}{}>", t.display_with(name), bound(b)),
            Type::Map(k, v, b) => format!(
                "map<{}, {}{}>",
                k.display_with(name),
                v.display_with(name),
                bound(b)
            ),
            Type::Array(t, dims) => {
                let dims: String = dims.iter().map(|d| format!("[{d}]")).collect();
                format!("{}{dims}", t.display_with(name))
            }
            Type::Fixed { digits, scale } => format!("fixed<{digits}, {scale}>"),
            Type::Named(id) => name(*id),
            Type::Any => "any".to_owned(),
            Type::Object => "Object".to_owned(),
            Type::ValueBase => "ValueBase".to_owned(),
            Type::TypeCode => "CORBA::TypeCode".to_owned(),
            Type::Unresolved => "{unknown}".to_owned(),
        }
    }

    /// The declaration named, if this is a [`Type::Named`].
    pub fn as_named(&self) -> Option<DeclId> {
        match self {
            Type::Named(id) => Some(*id),
            _ => None,
        }
    }
}
