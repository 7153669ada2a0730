//! Evaluated annotation applications (§7.4.15, §8.3).

use super::{ConstValue, Name};
use crate::source::Span;

/// One annotation applied to a declaration, member, enumerator, parameter, … with its arguments
/// evaluated. Unknown annotations are kept too (with their arguments as written), so code
/// generation can honour vendor ones it knows.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// The annotation's name as written, without `@` (`key`, `OpenDDS::data_representation`).
    pub name: Name,
    /// Whether the name is one of the standard annotations of IDL 4.2 §8.3 and DDS-XTypes.
    pub builtin: bool,
    /// Every parameter, defaults included, in declaration order. Empty for unknown annotations
    /// whose arguments could not be typed.
    pub params: Vec<AnnotationParam>,
    /// From `@` to the closing parenthesis.
    pub span: Span,
}

impl Annotation {
    /// The value of parameter `name`.
    pub fn param(&self, name: &str) -> Option<&AnnotationValue> {
        self.params
            .iter()
            .find(|p| p.name == name)
            .map(|p| &p.value)
    }

    /// The value of the parameter called `value` (what `@ann(x)` sets).
    pub fn value(&self) -> Option<&AnnotationValue> {
        self.param("value")
    }
}

/// One evaluated annotation parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationParam {
    /// The parameter's name (`value` for the positional form).
    pub name: Name,
    /// Its value.
    pub value: AnnotationValue,
}

/// The value of an annotation parameter.
#[derive(Clone, Debug, PartialEq)]
pub enum AnnotationValue {
    /// A constant of an IDL type.
    Const(ConstValue),
    /// A literal of an enum declared by the annotation itself (`FINAL` of `@extensibility`,
    /// `TRIM` of `@try_construct`, or one of a user annotation's own enum).
    Literal(Name),
    /// The flags of a bitmask declared by the annotation itself (`@data_representation(XCDR1 |
    /// XCDR2)`).
    Flags(Vec<Name>),
}

impl AnnotationValue {
    /// The value as a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            AnnotationValue::Const(c) => c.as_bool(),
            _ => None,
        }
    }

    /// The value as an integer.
    pub fn as_integer(&self) -> Option<i128> {
        match self {
            AnnotationValue::Const(c) => c.as_integer(),
            _ => None,
        }
    }

    /// The value as a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            AnnotationValue::Const(c) => c.as_str(),
            AnnotationValue::Literal(s) => Some(s.as_str()),
            AnnotationValue::Flags(_) => None,
        }
    }
}

/// How a type may evolve (DDS-XTypes `@extensibility`, `@final`, `@appendable`, `@mutable`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Extensibility {
    /// Members can never be added or removed.
    Final,
    /// Members may be appended at the end.
    Appendable,
    /// Members may be added, removed and reordered; each carries its id.
    Mutable,
}

/// Finds an annotation by name among `annotations`.
pub fn find<'a>(annotations: &'a [Annotation], name: &str) -> Option<&'a Annotation> {
    annotations.iter().find(|a| a.name == name)
}
