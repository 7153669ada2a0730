//! Type specifiers to [`Type`]: names resolved to type declarations, bounds and array
//! dimensions evaluated, types defined in place (`struct Inner {…} member;`) declared.

use super::{Checker, DeclState, builtin_annotations::Place, eval::Target, resolve::tight};
use crate::{
    ast::{BaseType, ConstExpr, Declarator, ScopedName, TypeKind, TypeSpec},
    diagnostic::Diagnostic,
    model::{DeclId, DeclKind, ForwardKind, Primitive, Type},
    source::Span,
};

impl<'a> Checker<'a> {
    /// Resolves a type specifier. Errors are reported and give [`Type::Unresolved`].
    pub(super) fn type_spec(&mut self, spec: &'a TypeSpec) -> Type {
        if !self.descend(spec.span) {
            return Type::Unresolved;
        }
        let ty = match &spec.kind {
            TypeKind::Base(base) => base_type(*base),
            TypeKind::String(bound) => {
                Type::String(self.optional_bound(bound.as_deref(), "string"))
            }
            TypeKind::WString(bound) => {
                Type::WString(self.optional_bound(bound.as_deref(), "wstring"))
            }
            TypeKind::Sequence(element, bound) => {
                let element = self.element_type(element);
                let bound = self.optional_bound(bound.as_deref(), "sequence");
                Type::Sequence(Box::new(element), bound)
            }
            TypeKind::Map(key, value, bound) => {
                let key = self.element_type(key);
                let value = self.element_type(value);
                let bound = self.optional_bound(bound.as_deref(), "map");
                Type::Map(Box::new(key), Box::new(value), bound)
            }
            TypeKind::Fixed(Some((digits, scale))) => self.fixed_type(digits, scale),
            TypeKind::Fixed(None) => {
                self.error(
                    Diagnostic::error("`fixed` needs its digits and scale here", spec.span)
                        .with_help("write `fixed<digits, scale>`"),
                );
                Type::Unresolved
            }
            TypeKind::Named(name) => self.named_type(name),
            TypeKind::Constructed(def) => match self.definition(def) {
                Some(id) => Type::Named(id),
                None => Type::Unresolved,
            },
        };
        self.ascend();
        ty
    }

    /// The element type of a sequence or map, with its own annotations checked.
    fn element_type(&mut self, spec: &'a TypeSpec) -> Type {
        let ty = self.type_spec(spec);
        if !spec.annotations.is_empty() {
            self.annotate(&spec.annotations, Place::Element, Some(&ty));
        }
        ty
    }

    /// Resolves a name used as a type.
    pub(super) fn named_type(&mut self, name: &ScopedName) -> Type {
        if let Some(pseudo) = pseudo_type(name)
            && self.resolve_quietly(name).is_none()
        {
            return pseudo;
        }
        let Some(id) = self.resolve_decl(name, "a type") else {
            return Type::Unresolved;
        };
        if self.decl(id).kind.is_type() {
            return Type::Named(id);
        }
        let what = self.describe(id);
        self.error(
            Diagnostic::error(format!("expected a type, found {what}"), tight(name))
                .with_label("not a type")
                .with_secondary(self.decl(id).name_span, "declared here"),
        );
        Type::Unresolved
    }

    fn fixed_type(&mut self, digits: &ConstExpr, scale: &ConstExpr) -> Type {
        let d = self.eval(digits, &Target::Int(Primitive::UShort));
        let s = self.eval(scale, &Target::Int(Primitive::UShort));
        let (Some(d), Some(s)) = (
            d.and_then(|v| v.as_integer()),
            s.and_then(|v| v.as_integer()),
        ) else {
            return Type::Unresolved;
        };
        if !(1..=31).contains(&d) {
            self.error(Diagnostic::error(
                format!("`fixed` must have between 1 and 31 digits, found `{d}`"),
                digits.span,
            ));
            return Type::Unresolved;
        }
        if s > d {
            self.error(Diagnostic::error(
                format!("the scale `{s}` of a `fixed` cannot exceed its {d} digits"),
                scale.span,
            ));
            return Type::Unresolved;
        }
        Type::Fixed {
            digits: d as u8,
            scale: s as u8,
        }
    }

    fn optional_bound(&mut self, bound: Option<&ConstExpr>, what: &str) -> Option<u32> {
        bound.and_then(|expr| self.positive(expr, what, " bound"))
    }

    /// Evaluates a bound or array dimension, which must be a positive `unsigned long`.
    /// `what` and `suffix` name the value in messages (`sequence` + ` bound`).
    fn positive(&mut self, expr: &ConstExpr, what: &str, suffix: &str) -> Option<u32> {
        let value = self
            .eval(expr, &Target::Int(Primitive::LongLong))?
            .as_integer()?;
        if value <= 0 {
            self.error(
                Diagnostic::error(
                    format!("{what}{suffix} must be positive, found `{value}`"),
                    expr.span,
                )
                .with_label("not positive"),
            );
            return None;
        }
        match u32::try_from(value) {
            Ok(v) => Some(v),
            Err(_) => {
                self.error(Diagnostic::error(
                    format!("{what}{suffix} `{value}` does not fit in `unsigned long`"),
                    expr.span,
                ));
                None
            }
        }
    }

    /// `ty` with the array dimensions of `declarator`; [`Type::Unresolved`] when a dimension is
    /// wrong.
    pub(super) fn declarator_type(&mut self, ty: Type, declarator: &Declarator) -> Type {
        if !declarator.annotations.is_empty() {
            self.annotate(&declarator.annotations, Place::Element, Some(&ty));
        }
        if declarator.dims.is_empty() {
            return ty;
        }
        let mut dims = Vec::with_capacity(declarator.dims.len());
        let mut ok = true;
        for dim in &declarator.dims {
            match self.positive(dim, "array dimension", "") {
                Some(d) => dims.push(d),
                None => ok = false,
            }
        }
        if !ok || ty == Type::Unresolved {
            return Type::Unresolved;
        }
        Type::Array(Box::new(ty), dims)
    }

    /// Checks a type that is stored by value (a member, parameter or result): a struct or union
    /// cannot contain itself, and one only declared ahead is remembered to be checked for a
    /// definition at the end. `indirect` members (`@external` or `@optional`, which mappings
    /// hold through a pointer) may refer to anything.
    pub(super) fn check_by_value(&mut self, ty: &Type, span: Span, indirect: bool) {
        if indirect {
            return;
        }
        let mut current = ty;
        let mut target = None;
        for _ in 0..super::MAX_DEPTH {
            match current {
                Type::Array(element, _) => current = element,
                Type::Named(id) => match &self.decl(*id).kind {
                    DeclKind::Typedef(t) => current = &t.ty,
                    DeclKind::Forward(ForwardKind::Struct | ForwardKind::Union) => {
                        target = Some((*id, true));
                        break;
                    }
                    DeclKind::Struct(_) | DeclKind::Union(_)
                        if self.info(*id).state == DeclState::Defining =>
                    {
                        target = Some((*id, false));
                        break;
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        match target {
            Some((id, true)) => self.by_value_uses.push((id, span)),
            Some((id, false)) => {
                let name = self.scoped_name(id);
                self.error(
                    Diagnostic::error(format!("recursive type `{name}` contains itself"), span)
                        .with_label("contained by value here")
                        .with_help(format!(
                            "hold it in a `sequence<{name}>` or mark the member `@external`"
                        )),
                );
            }
            None => {}
        }
    }

    /// At the end of the unit: reports each by-value use of a struct or union that was declared
    /// ahead and never defined.
    pub(super) fn check_by_value_uses(&mut self) {
        let uses = std::mem::take(&mut self.by_value_uses);
        for (id, span) in uses {
            if !matches!(self.decl(id).kind, DeclKind::Forward(_)) {
                continue;
            }
            let decl = self.decl(id);
            let diagnostic = Diagnostic::error(
                format!(
                    "{} `{}` is used by value but never defined",
                    decl.kind.describe(),
                    self.scoped_name(id)
                ),
                span,
            )
            .with_label("used by value here")
            .with_secondary(decl.name_span, "declared here without a definition")
            .with_help("define it, or refer to it only through a `sequence`");
            self.error(diagnostic);
        }
    }

    /// The declaration `ty` names once typedefs are followed, if it names one.
    pub(super) fn resolves_to(&self, ty: &Type) -> Option<DeclId> {
        let mut current = ty;
        for _ in 0..super::MAX_DEPTH {
            match current {
                Type::Named(id) => match &self.decl(*id).kind {
                    DeclKind::Typedef(t) => current = &t.ty,
                    _ => return Some(*id),
                },
                _ => return None,
            }
        }
        None
    }

    /// Whether `id` is a typedef whose type failed to resolve (already reported).
    pub(super) fn alias_of_unresolved(&self, id: DeclId) -> bool {
        *self.unalias(&Type::Named(id)) == Type::Unresolved
    }

    /// `ty` with typedefs followed.
    pub(super) fn unalias<'t>(&'t self, ty: &'t Type) -> &'t Type {
        let mut current = ty;
        for _ in 0..super::MAX_DEPTH {
            match current {
                Type::Named(id) => match &self.decl(*id).kind {
                    DeclKind::Typedef(t) => current = &t.ty,
                    _ => return current,
                },
                _ => return current,
            }
        }
        current
    }
}

/// The CORBA pseudo types compilers know without `#include <orb.idl>`: `TypeCode`,
/// `CORBA::TypeCode` and `CORBA::Object`.
fn pseudo_type(name: &ScopedName) -> Option<Type> {
    let first = name.parts.first()?;
    if !first.name.starts_with(['T', 'C']) {
        return None;
    }
    match name.parts.as_slice() {
        [one] if !name.absolute && one.name == "TypeCode" => Some(Type::TypeCode),
        [corba, what] if corba.name == "CORBA" => match what.name.as_str() {
            "TypeCode" => Some(Type::TypeCode),
            "Object" => Some(Type::Object),
            _ => None,
        },
        _ => None,
    }
}

/// The type a base-type keyword names.
fn base_type(base: BaseType) -> Type {
    let p = match base {
        BaseType::Any => return Type::Any,
        BaseType::Object => return Type::Object,
        BaseType::ValueBase => return Type::ValueBase,
        BaseType::Short => Primitive::Short,
        BaseType::Long => Primitive::Long,
        BaseType::LongLong => Primitive::LongLong,
        BaseType::UShort => Primitive::UShort,
        BaseType::ULong => Primitive::ULong,
        BaseType::ULongLong => Primitive::ULongLong,
        BaseType::Int8 => Primitive::Int8,
        BaseType::UInt8 => Primitive::UInt8,
        BaseType::Float => Primitive::Float,
        BaseType::Double => Primitive::Double,
        BaseType::LongDouble => Primitive::LongDouble,
        BaseType::Char => Primitive::Char,
        BaseType::WChar => Primitive::WChar,
        BaseType::Boolean => Primitive::Boolean,
        BaseType::Octet => Primitive::Octet,
    };
    Type::Primitive(p)
}
