//! The fields of each message: structs (with their bases' members first), exceptions, unions and
//! the request and response of every operation.
//!
//! Field numbers are DDS member ids plus one (proto numbers start at 1): members are numbered in
//! declaration order continuing through a struct's bases unless `@id`, `@hashid` or
//! `@autoid(HASH)` say otherwise, which keeps the proto numbering as stable as the IDL's member
//! ids. Operation messages number their fields from 1 in declaration order.

use orbit_idl::model::{DeclId, DeclKind, Member, Model, Operation, ParamDirection, Type};

use super::{Cardinality, Carrier, Field, List, Unsupported, field};

/// Proto reserves these field numbers for its own use.
pub const RESERVED_NUMBERS: std::ops::RangeInclusive<u32> = 19_000..=19_999;

/// The largest field number proto allows.
pub const MAX_NUMBER: u32 = (1 << 29) - 1;

/// Why a declaration has no layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LayoutError {
    /// A member's type cannot be carried.
    Unsupported {
        /// The member (or parameter) whose type it is.
        member: String,
        /// What cannot be carried.
        unsupported: Unsupported,
    },
    /// A member id becomes a field number proto does not allow.
    BadNumber {
        /// The member.
        member: String,
        /// The number it would get.
        number: u32,
    },
}

/// The members of a struct with its bases' members first (IDL4 inheritance flattened), nearest
/// base last.
pub fn struct_members(model: &Model, id: DeclId) -> Vec<&Member> {
    let mut chain = Vec::new();
    let mut next = Some(id);
    // The checker refuses inheritance cycles; the bound only protects hand-built models.
    while let Some(current) = next.filter(|_| chain.len() < 1024) {
        match model.get(current).map(|d| &d.kind) {
            Some(DeclKind::Struct(s)) => {
                chain.push(&s.members);
                next = s.base;
            }
            _ => break,
        }
    }
    chain.into_iter().rev().flatten().collect()
}

/// The fields of a struct or exception.
///
/// # Errors
///
/// The first member that cannot be carried.
pub fn record_fields(model: &Model, id: DeclId) -> Result<Vec<Field>, LayoutError> {
    record_members(model, id)
        .into_iter()
        .map(|(_, field)| field)
        .collect()
}

/// Each member of a struct (bases' members first) or exception with its field, or why it has
/// none. Struct members are numbered from their member ids; exception members, which have no
/// DDS member ids, from 1 in declaration order.
pub fn record_members(model: &Model, id: DeclId) -> Vec<(&Member, Result<Field, LayoutError>)> {
    match model.get(id).map(|d| &d.kind) {
        Some(DeclKind::Struct(_)) => struct_members(model, id)
            .into_iter()
            .map(|m| (m, member_field(model, m)))
            .collect(),
        Some(DeclKind::Exception(e)) => e
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let number = u32::try_from(i).map_or(u32::MAX, |i| i.saturating_add(1));
                (m, numbered_field(model, m, number))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The field of one struct, exception or union member.
///
/// # Errors
///
/// When its type cannot be carried or its id is not a valid field number.
pub fn member_field(model: &Model, member: &Member) -> Result<Field, LayoutError> {
    numbered_field(model, member, member.id.saturating_add(1))
}

/// The field of a member with field number `number`.
fn numbered_field(model: &Model, member: &Member, number: u32) -> Result<Field, LayoutError> {
    if number > MAX_NUMBER || RESERVED_NUMBERS.contains(&number) {
        return Err(LayoutError::BadNumber {
            member: member.name.to_string(),
            number,
        });
    }
    field(model, &member.name, number, &member.ty, member.optional).map_err(|unsupported| {
        LayoutError::Unsupported {
            member: member.name.to_string(),
            unsupported,
        }
    })
}

/// The field of a union case: a `oneof` member, so always singular. A sequence or array case
/// becomes one [`Carrier::List`] wrapper (`oneof` cannot hold `repeated` fields); a map case
/// has no proto form.
///
/// # Errors
///
/// When its type cannot be carried (maps included) or its id is not a valid field number.
pub fn case_field(model: &Model, member: &Member) -> Result<Field, LayoutError> {
    let mut field = member_field(model, member)?;
    match std::mem::replace(&mut field.cardinality, Cardinality::Singular) {
        Cardinality::Singular | Cardinality::Optional => {}
        Cardinality::Repeated(length) => {
            field.carrier = Carrier::List(Box::new(List {
                element: field.carrier,
                length,
            }));
        }
        Cardinality::Map { .. } => {
            return Err(LayoutError::Unsupported {
                member: member.name.to_string(),
                unsupported: Unsupported {
                    construct: "a map as a union case".to_owned(),
                },
            });
        }
    }
    Ok(field)
}

/// A union's layout: one `oneof value` field per case (numbered from its member id + 1, so
/// from 2), and a `discriminator` field number 1 when the union has a `default` case (whose
/// discriminator value is not implied by the case). Every case is [`Cardinality::Singular`]: a
/// sequence or array case is carried by a [`Carrier::List`] wrapper, since a `oneof` cannot hold
/// `repeated` fields.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionLayout {
    /// The field of each case, in case order.
    pub cases: Vec<Field>,
    /// The discriminator's field, present when there is a `default` case.
    pub discriminator: Option<Field>,
}

/// The layout of a union.
///
/// # Errors
///
/// The first case whose type cannot be carried.
pub fn union_layout(model: &Model, id: DeclId) -> Result<UnionLayout, LayoutError> {
    let Some(DeclKind::Union(union)) = model.get(id).map(|d| &d.kind) else {
        return Ok(UnionLayout {
            cases: Vec::new(),
            discriminator: None,
        });
    };
    let cases = union
        .cases
        .iter()
        .map(|case| case_field(model, &case.member))
        .collect::<Result<Vec<_>, _>>()?;
    let discriminator = match union.default_case {
        // XTypes gives the discriminator member id 0 (cases start at 1), so it is field 1.
        Some(_) => Some(
            field(model, "discriminator", 1, &union.discriminator, false).map_err(
                |unsupported| LayoutError::Unsupported {
                    member: "discriminator".to_owned(),
                    unsupported,
                },
            )?,
        ),
        None => None,
    };
    Ok(UnionLayout {
        cases,
        discriminator,
    })
}

/// The request and response of one operation (or attribute accessor).
#[derive(Clone, Debug, PartialEq)]
pub struct OperationLayout {
    /// `in` and `inout` parameters, numbered from 1.
    pub request: Vec<Field>,
    /// `result` (number 1, when not `void`), then `out` and `inout` parameters.
    pub response: Vec<Field>,
    /// The declared exceptions, in a `oneof exception`, numbered after the response fields.
    pub exceptions: Vec<(DeclId, u32)>,
}

/// The layout of an operation's messages.
///
/// # Errors
///
/// The first parameter (or the result) whose type cannot be carried.
pub fn operation_layout(model: &Model, op: &Operation) -> Result<OperationLayout, LayoutError> {
    fn unsupported(member: &str) -> impl FnOnce(Unsupported) -> LayoutError + '_ {
        move |unsupported| LayoutError::Unsupported {
            member: member.to_owned(),
            unsupported,
        }
    }
    let mut request = Vec::new();
    for p in &op.params {
        if matches!(p.direction, ParamDirection::In | ParamDirection::InOut) {
            let number = request.len() as u32 + 1;
            request
                .push(field(model, &p.name, number, &p.ty, false).map_err(unsupported(&p.name))?);
        }
    }
    let mut response = Vec::new();
    if let Some(result) = &op.result {
        response.push(field(model, "result", 1, result, false).map_err(unsupported("result"))?);
    }
    for p in &op.params {
        if matches!(p.direction, ParamDirection::Out | ParamDirection::InOut) {
            let number = response.len() as u32 + 1;
            response
                .push(field(model, &p.name, number, &p.ty, false).map_err(unsupported(&p.name))?);
        }
    }
    let first = response.len() as u32 + 1;
    let exceptions = op
        .raises
        .iter()
        .enumerate()
        .map(|(i, &e)| (e, first + i as u32))
        .collect();
    Ok(OperationLayout {
        request,
        response,
        exceptions,
    })
}

/// The layout of an attribute's getter (`_get_a`: no parameter, result) and setter (`_set_a`:
/// one parameter named `value`, no result).
///
/// # Errors
///
/// When the attribute's type cannot be carried.
pub fn attribute_layouts(
    model: &Model,
    ty: &Type,
    get_raises: &[DeclId],
    set_raises: &[DeclId],
) -> Result<(OperationLayout, OperationLayout), LayoutError> {
    let err = |unsupported| LayoutError::Unsupported {
        member: "value".to_owned(),
        unsupported,
    };
    let getter = OperationLayout {
        request: Vec::new(),
        response: vec![field(model, "result", 1, ty, false).map_err(err)?],
        exceptions: get_raises
            .iter()
            .enumerate()
            .map(|(i, &e)| (e, 2 + i as u32))
            .collect(),
    };
    let setter = OperationLayout {
        request: vec![field(model, "value", 1, ty, false).map_err(err)?],
        response: Vec::new(),
        exceptions: set_raises
            .iter()
            .enumerate()
            .map(|(i, &e)| (e, 1 + i as u32))
            .collect(),
    };
    Ok((getter, setter))
}

/// The proto enum value names of an IDL enum (`E_A` for enumerator `A` of `E`) with their
/// numbers, and whether an `E_UNSPECIFIED = 0` must be added because no enumerator is 0.
pub fn enum_values(model: &Model, id: DeclId) -> (Vec<(String, i64)>, bool) {
    let Some(decl) = model.get(id) else {
        return (Vec::new(), false);
    };
    let DeclKind::Enum(e) = &decl.kind else {
        return (Vec::new(), false);
    };
    let values: Vec<(String, i64)> = e
        .enumerators
        .iter()
        .map(|en| (format!("{}_{}", decl.name, en.name), en.value))
        .collect();
    let needs_zero = !values.iter().any(|(_, v)| *v == 0);
    (values, needs_zero)
}
