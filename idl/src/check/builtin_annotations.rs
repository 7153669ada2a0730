//! The standard annotations (IDL 4.2 §8.3 and DDS-XTypes 1.3 §7.3.1.2), as data: their
//! parameters with types and defaults, and where each may be applied.

/// Where an annotation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    /// `module`
    Module,
    /// `interface`
    Interface,
    /// `struct`
    Struct,
    /// `union`
    Union,
    /// `enum`
    Enum,
    /// `bitmask`
    Bitmask,
    /// `bitset`
    Bitset,
    /// `typedef`
    Typedef,
    /// `const`
    Const,
    /// `exception`
    Exception,
    /// `native`
    Native,
    /// A struct or exception member.
    Member,
    /// A union element.
    UnionMember,
    /// A union discriminator (`switch (@key long)`).
    Discriminator,
    /// The element type of a sequence or map (`sequence<@try_construct(TRIM) T>`), or the
    /// element of an array (`T a @try_construct(TRIM) [3]`).
    Element,
    /// An enumerator.
    Enumerator,
    /// A bitmask flag.
    BitFlag,
    /// A bitfield.
    Bitfield,
    /// An operation.
    Operation,
    /// An operation parameter.
    Parameter,
    /// An attribute.
    Attribute,
    /// Anything else (valuetypes, CCM constructs, annotation declarations).
    Other,
}

impl Place {
    /// The place with an article, for messages: "a struct member".
    pub(super) fn describe(self) -> &'static str {
        match self {
            Place::Module => "a module",
            Place::Interface => "an interface",
            Place::Struct => "a struct",
            Place::Union => "a union",
            Place::Enum => "an enum",
            Place::Bitmask => "a bitmask",
            Place::Bitset => "a bitset",
            Place::Typedef => "a typedef",
            Place::Const => "a constant",
            Place::Exception => "an exception",
            Place::Native => "a native type",
            Place::Member => "a struct member",
            Place::UnionMember => "a union member",
            Place::Discriminator => "a union discriminator",
            Place::Element => "a sequence, map or array element",
            Place::Enumerator => "an enumerator",
            Place::BitFlag => "a bitmask flag",
            Place::Bitfield => "a bitfield",
            Place::Operation => "an operation",
            Place::Parameter => "a parameter",
            Place::Attribute => "an attribute",
            Place::Other => "this declaration",
        }
    }

    /// The place in the plural, for notes: "struct members".
    fn plural(self) -> &'static str {
        match self {
            Place::Module => "modules",
            Place::Interface => "interfaces",
            Place::Struct => "structs",
            Place::Union => "unions",
            Place::Enum => "enums",
            Place::Bitmask => "bitmasks",
            Place::Bitset => "bitsets",
            Place::Typedef => "typedefs",
            Place::Const => "constants",
            Place::Exception => "exceptions",
            Place::Native => "native types",
            Place::Member => "struct members",
            Place::UnionMember => "union members",
            Place::Discriminator => "union discriminators",
            Place::Element => "sequence, map and array elements",
            Place::Enumerator => "enumerators",
            Place::BitFlag => "bitmask flags",
            Place::Bitfield => "bitfields",
            Place::Operation => "operations",
            Place::Parameter => "parameters",
            Place::Attribute => "attributes",
            Place::Other => "other declarations",
        }
    }
}

/// The type of an annotation parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ParamType {
    /// `boolean`
    Bool,
    /// `unsigned short`
    UShort,
    /// `unsigned long`
    ULong,
    /// `string`
    String,
    /// `any`: the type of the annotated element (a member's type, `long` for `@value`).
    Any,
    /// An enum declared by the annotation.
    Enum(&'static [&'static str]),
    /// A bitmask declared by the annotation.
    Flags(&'static [&'static str]),
}

/// The default of an annotation parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Default {
    /// A boolean.
    Bool(bool),
    /// A string.
    Str(&'static str),
    /// An enumerator of the annotation's own enum.
    Literal(&'static str),
}

/// One parameter of a standard annotation.
#[derive(Clone, Copy, Debug)]
pub(super) struct Param {
    /// Its name.
    pub(super) name: &'static str,
    /// Its type.
    pub(super) ty: ParamType,
    /// Its default; `None` when an application must give it.
    pub(super) default: Option<Default>,
}

/// Where an annotation may be applied.
#[derive(Clone, Copy, Debug)]
pub(super) enum Places {
    /// Anywhere.
    All,
    /// Only at these places.
    Only(&'static [Place]),
}

impl Places {
    /// Whether `place` is allowed.
    pub(super) fn allows(self, place: Place) -> bool {
        match self {
            Places::All => true,
            Places::Only(list) => list.contains(&place),
        }
    }

    /// "enums and bitmasks", for notes.
    pub(super) fn describe(self) -> String {
        match self {
            Places::All => "every declaration".to_owned(),
            Places::Only(list) => {
                let names: Vec<&str> = list.iter().map(|p| p.plural()).collect();
                match names.as_slice() {
                    [] => String::new(),
                    [one] => (*one).to_owned(),
                    [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
                }
            }
        }
    }
}

/// A standard annotation.
#[derive(Clone, Copy, Debug)]
pub(super) struct Builtin {
    /// Its name, without `@`.
    pub(super) name: &'static str,
    /// Its parameters.
    pub(super) params: &'static [Param],
    /// Where it may be applied.
    pub(super) places: Places,
    /// Whether it may be applied more than once to one element.
    pub(super) repeatable: bool,
}

const fn param(name: &'static str, ty: ParamType, default: Option<Default>) -> Param {
    Param { name, ty, default }
}

const fn builtin(name: &'static str, params: &'static [Param], places: Places) -> Builtin {
    Builtin {
        name,
        params,
        places,
        repeatable: false,
    }
}

const BOOL_TRUE: &[Param] = &[param("value", ParamType::Bool, Some(Default::Bool(true)))];
const MEMBERS: Places = Places::Only(&[Place::Member, Place::UnionMember]);
const VALUE_HOLDERS: Places = Places::Only(&[Place::Member, Place::UnionMember, Place::Typedef]);
const AGGREGATES: Places = Places::Only(&[
    Place::Struct,
    Place::Union,
    Place::Enum,
    Place::Bitmask,
    Place::Bitset,
]);

/// Every standard annotation.
pub(super) const BUILTINS: &[Builtin] = &[
    builtin("id", &[param("value", ParamType::ULong, None)], MEMBERS),
    builtin(
        "autoid",
        &[param(
            "value",
            ParamType::Enum(&["SEQUENTIAL", "HASH"]),
            Some(Default::Literal("HASH")),
        )],
        Places::Only(&[Place::Struct, Place::Union, Place::Module]),
    ),
    builtin(
        "hashid",
        &[param("value", ParamType::String, Some(Default::Str("")))],
        MEMBERS,
    ),
    builtin("optional", BOOL_TRUE, Places::Only(&[Place::Member])),
    builtin(
        "position",
        &[param("value", ParamType::UShort, None)],
        Places::Only(&[Place::BitFlag]),
    ),
    builtin(
        "value",
        &[param("value", ParamType::Any, None)],
        Places::Only(&[Place::Enumerator]),
    ),
    builtin(
        "extensibility",
        &[param(
            "value",
            ParamType::Enum(&["FINAL", "APPENDABLE", "MUTABLE"]),
            None,
        )],
        AGGREGATES,
    ),
    builtin("final", &[], AGGREGATES),
    builtin("appendable", &[], AGGREGATES),
    builtin("mutable", &[], AGGREGATES),
    builtin(
        "key",
        BOOL_TRUE,
        Places::Only(&[Place::Member, Place::Discriminator]),
    ),
    builtin("must_understand", BOOL_TRUE, Places::Only(&[Place::Member])),
    builtin("default_literal", &[], Places::Only(&[Place::Enumerator])),
    // On a discriminator, the value it takes by default (DDS-XTypes 1.3 §7.3.1.2.1.6).
    builtin(
        "default",
        &[param("value", ParamType::Any, None)],
        Places::Only(&[
            Place::Member,
            Place::UnionMember,
            Place::Typedef,
            Place::Discriminator,
        ]),
    ),
    builtin(
        "range",
        &[
            param("min", ParamType::Any, None),
            param("max", ParamType::Any, None),
        ],
        VALUE_HOLDERS,
    ),
    builtin(
        "min",
        &[param("value", ParamType::Any, None)],
        VALUE_HOLDERS,
    ),
    builtin(
        "max",
        &[param("value", ParamType::Any, None)],
        VALUE_HOLDERS,
    ),
    builtin(
        "unit",
        &[param("value", ParamType::String, None)],
        VALUE_HOLDERS,
    ),
    builtin(
        "bit_bound",
        &[param("value", ParamType::UShort, None)],
        Places::Only(&[Place::Enum, Place::Bitmask]),
    ),
    builtin("external", BOOL_TRUE, MEMBERS),
    // Interfaces too: DDS-RPC services mark the interfaces they only use as `@nested`.
    builtin(
        "nested",
        BOOL_TRUE,
        Places::Only(&[Place::Struct, Place::Union, Place::Interface]),
    ),
    Builtin {
        name: "verbatim",
        params: &[
            param("language", ParamType::String, Some(Default::Str("*"))),
            param(
                "placement",
                ParamType::Enum(&[
                    "BEGIN_FILE",
                    "BEFORE_DECLARATION",
                    "BEGIN_DECLARATION",
                    "END_DECLARATION",
                    "AFTER_DECLARATION",
                    "END_FILE",
                ]),
                Some(Default::Literal("BEFORE_DECLARATION")),
            ),
            param("text", ParamType::String, None),
        ],
        places: Places::All,
        repeatable: true,
    },
    builtin(
        "service",
        &[param(
            "platform",
            ParamType::String,
            Some(Default::Str("*")),
        )],
        Places::Only(&[Place::Interface]),
    ),
    builtin("oneway", BOOL_TRUE, Places::Only(&[Place::Operation])),
    builtin(
        "ami",
        BOOL_TRUE,
        Places::Only(&[Place::Interface, Place::Operation]),
    ),
    builtin("default_nested", BOOL_TRUE, Places::Only(&[Place::Module])),
    builtin(
        "ignore_literal_names",
        BOOL_TRUE,
        Places::Only(&[Place::Enum, Place::Bitmask]),
    ),
    builtin(
        "try_construct",
        &[param(
            "value",
            ParamType::Enum(&["DISCARD", "USE_DEFAULT", "TRIM"]),
            Some(Default::Literal("USE_DEFAULT")),
        )],
        Places::Only(&[
            Place::Member,
            Place::UnionMember,
            Place::Discriminator,
            Place::Typedef,
            Place::Element,
        ]),
    ),
    builtin("non_serialized", BOOL_TRUE, Places::Only(&[Place::Member])),
    builtin(
        "data_representation",
        &[param(
            "allowed_kinds",
            ParamType::Flags(&["XCDR1", "XML", "XCDR2"]),
            None,
        )],
        Places::Only(&[
            Place::Struct,
            Place::Union,
            Place::Enum,
            Place::Bitmask,
            Place::Bitset,
            Place::Typedef,
        ]),
    ),
    builtin(
        "topic",
        &[
            param("name", ParamType::String, Some(Default::Str(""))),
            param("platform", ParamType::String, Some(Default::Str("*"))),
        ],
        Places::Only(&[Place::Struct, Place::Union]),
    ),
];

/// The standard annotation called `name`, compared exactly.
pub(super) fn find(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// The standard annotation whose name matches `name` ignoring case (`@Key`).
pub(super) fn find_ignoring_case(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_listed_for_notes() {
        let bit_bound = find("bit_bound").map(|b| b.places.describe());
        assert_eq!(bit_bound.as_deref(), Some("enums and bitmasks"));
        assert!(find("Key").is_none());
        assert_eq!(find_ignoring_case("Key").map(|b| b.name), Some("key"));
    }
}
