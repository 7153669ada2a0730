//! Enums (§7.4.1.4.4.4.3, with `@value`, `@bit_bound`, `@default_literal`), bitmasks
//! (§7.4.13.4.3.1, with `@position` and `@bit_bound`) and bitsets (§7.4.13.4.3.2).

use super::{
    Checker, DeclState,
    annotations::{builtin, extensibility},
    builtin_annotations::Place,
    eval::Target,
    resolve::tight,
    symbols::Symbol,
};
use crate::{
    ast::{self, Definition},
    diagnostic::Diagnostic,
    model::{
        Annotation, AnnotationValue, Bitfield, Bitmask, Bitset, DeclId, DeclKind, Enum, Enumerator,
        Name, Primitive, Type,
    },
    source::Span,
};

impl<'a> Checker<'a> {
    /// `enum E { A, @value(3) B };`: enumerators are declared in the enclosing scope.
    // Out of line: see "Code layout" in the module docs.
    #[inline(never)]
    pub(super) fn enumeration(&mut self, def: &'a Definition, e: &'a ast::Enum) -> DeclId {
        let annotations = self.annotate(&def.annotations, Place::Enum, None);
        let bit_bound = self.bit_bound(&annotations, 32, "an enum");
        let kind = DeclKind::Enum(Enum {
            enumerators: Vec::with_capacity(e.enumerators.len()),
            bit_bound,
            default_literal: 0,
            extensibility: extensibility(&annotations),
        });
        let id = self.new_decl(&e.name, def.span, def.doc.clone(), kind);
        self.decl_mut(id).annotations = annotations;
        self.declare_symbol(&e.name, Symbol::Decl(id));

        let context = Type::Primitive(Primitive::Long);
        let mut next: i64 = 0;
        let mut values = self.scratch.values.take();
        let mut default_literal: Option<(usize, Span)> = None;
        for (index, enumerator) in e.enumerators.iter().enumerate() {
            let annotations =
                self.annotate(&enumerator.annotations, Place::Enumerator, Some(&context));
            let explicit = builtin(&annotations, "value");
            let value = explicit
                .and_then(Annotation::value)
                .and_then(AnnotationValue::as_integer)
                .and_then(|v| i64::try_from(v).ok())
                .unwrap_or(next);
            let span = explicit.map_or(enumerator.name.span, |a| a.span);
            let name = &enumerator.name.name;
            if !fits_bits(value, bit_bound) {
                self.error(Diagnostic::error(
                    format!(
                        "value `{value}` of `{name}` does not fit in the enum's {bit_bound} bits"
                    ),
                    span,
                ));
            } else if let Some(&(first, first_span)) = values.get(&value) {
                let first = e
                    .enumerators
                    .get(first)
                    .map_or("", |x| x.name.name.as_str());
                self.error(
                    Diagnostic::error(
                        format!(
                            "enumerator value `{value}` of `{name}` is already used by `{first}`"
                        ),
                        span,
                    )
                    .with_secondary(first_span, format!("`{first}` has value `{value}`")),
                );
            } else {
                values.insert(value, (index, enumerator.name.span));
            }
            if let Some(a) = builtin(&annotations, "default_literal") {
                match default_literal {
                    Some((_, first)) => self.error(
                        Diagnostic::error(
                            format!("more than one `@default_literal` in enum `{}`", e.name.name),
                            a.span,
                        )
                        .with_secondary(first, "first `@default_literal` here"),
                    ),
                    None => default_literal = Some((index, a.span)),
                }
            }
            next = value.saturating_add(1);
            let model = Enumerator {
                name: self.intern(name),
                span: enumerator.name.span,
                doc: enumerator.doc.clone(),
                annotations,
                value,
            };
            if let DeclKind::Enum(en) = &mut self.decl_mut(id).kind {
                en.enumerators.push(model);
            }
            self.declare_enumerator(id, index as u32, &enumerator.name);
        }
        self.scratch.values.give(values);
        if let DeclKind::Enum(en) = &mut self.decl_mut(id).kind {
            en.default_literal = default_literal.map_or(0, |(i, _)| i);
        }
        id
    }

    /// Declares enumerator `index` of enum `id` in the enclosing scope. The spec makes two
    /// enums of one scope with an enumerator of the same name a clash; DDS files do it, so the
    /// second is kept as an alternative and only a bare use that does not say which enum it
    /// means is reported (`E::A` and a use where one enum is expected are fine).
    fn declare_enumerator(&mut self, id: DeclId, index: u32, name: &'a ast::Ident) {
        let scope = self.scope();
        let Err(existing) = self.try_declare(scope, name, Symbol::Enumerator(id, index)) else {
            return;
        };
        if let Symbol::Enumerator(other, other_index) = existing.symbol
            && other != id
            && existing.name == name.name
        {
            self.enumerator_alternatives
                .entry((other, other_index))
                .or_default()
                .push((id, index));
        } else {
            self.report_clash(name, &existing);
        }
    }

    /// `bitmask M { A, @position(4) B };`: flags are named inside the bitmask (`M::A`).
    // Out of line: see "Code layout" in the module docs.
    #[inline(never)]
    pub(super) fn bitmask(&mut self, def: &'a Definition, b: &'a ast::Bitmask) -> DeclId {
        let annotations = self.annotate(&def.annotations, Place::Bitmask, None);
        let bit_bound = self.bit_bound(&annotations, 64, "a bitmask");
        let kind = DeclKind::Bitmask(Bitmask {
            flags: Vec::new(),
            bit_bound,
        });
        let id = self.new_decl(&b.name, def.span, def.doc.clone(), kind);
        self.decl_mut(id).annotations = annotations;
        self.declare_symbol(&b.name, Symbol::Decl(id));

        let mut names = self.scratch.names.take();
        let mut positions = self.scratch.values.take();
        let mut next: i64 = 0;
        let mut flags = Vec::with_capacity(b.values.len());
        for (index, flag) in b.values.iter().enumerate() {
            let annotations = self.annotate(&flag.annotations, Place::BitFlag, None);
            let explicit = builtin(&annotations, "position");
            let position = explicit
                .and_then(Annotation::value)
                .and_then(AnnotationValue::as_integer)
                .and_then(|v| i64::try_from(v).ok())
                .unwrap_or(next);
            let span = explicit.map_or(flag.name.span, |a| a.span);
            let name = &flag.name.name;
            let interned = self.declare_name(&mut names, name, flag.name.span);
            if position >= i64::from(bit_bound) {
                self.error(Diagnostic::error(
                    format!(
                        "position `{position}` of `{name}` is outside the bitmask's {bit_bound} bits"
                    ),
                    span,
                ));
            } else if let Some(&(first, first_span)) = positions.get(&position) {
                let first = b.values.get(first).map_or("", |x| x.name.name.as_str());
                self.error(
                    Diagnostic::error(
                        format!(
                            "bit position `{position}` of `{name}` is already used by `{first}`"
                        ),
                        span,
                    )
                    .with_secondary(first_span, format!("`{first}` is at position `{position}`")),
                );
            } else {
                positions.insert(position, (index, flag.name.span));
            }
            next = position.saturating_add(1);
            flags.push(Enumerator {
                name: interned,
                span: flag.name.span,
                doc: flag.doc.clone(),
                annotations,
                value: position,
            });
        }
        self.scratch.names.give(names);
        self.scratch.values.give(positions);
        if let DeclKind::Bitmask(bm) = &mut self.decl_mut(id).kind {
            bm.flags = flags;
        }
        id
    }

    /// The `@bit_bound` of an enum or bitmask, checked against `max`; 32 when absent.
    fn bit_bound(&mut self, annotations: &[Annotation], max: u32, what: &str) -> u32 {
        let Some(annotation) = builtin(annotations, "bit_bound") else {
            return 32;
        };
        let Some(value) = annotation.value().and_then(AnnotationValue::as_integer) else {
            return 32;
        };
        if (1..=i128::from(max)).contains(&value) {
            return value as u32;
        }
        self.error(
            Diagnostic::error(
                format!("`@bit_bound` of {what} must be between 1 and {max}, found `{value}`"),
                annotation.span,
            )
            .with_label("out of range"),
        );
        32.min(max)
    }

    /// `bitset B : Base { bitfield<3> a; bitfield<2>; };`
    // Out of line: see "Code layout" in the module docs.
    #[inline(never)]
    pub(super) fn bitset(&mut self, def: &'a Definition, b: &'a ast::Bitset) -> DeclId {
        let id = self.new_decl(
            &b.name,
            def.span,
            def.doc.clone(),
            DeclKind::Bitset(Bitset::default()),
        );
        self.declare_symbol(&b.name, Symbol::Decl(id));
        self.info_mut(id).state = DeclState::Defining;
        let annotations = self.annotate(&def.annotations, Place::Bitset, None);
        self.decl_mut(id).annotations = annotations;

        let mut offset = 0u32;
        let mut base_names: Vec<(Name, Span)> = Vec::new();
        let base = b.base.as_ref().and_then(|name| self.bitset_base(id, name));
        if let Some(base) = base {
            for ancestor in std::iter::once(base).chain(self.ancestors(base).iter().copied()) {
                if let DeclKind::Bitset(bs) = &self.decl(ancestor).kind {
                    base_names.extend(
                        bs.fields
                            .iter()
                            .filter_map(|f| f.name.clone().map(|n| (n, f.span))),
                    );
                }
            }
            if let DeclKind::Bitset(bs) = &self.decl(base).kind {
                offset = bs.bits;
            }
        }
        let mut names = self.scratch.names.take();
        for (name, span) in &base_names {
            self.add_inherited_name(&mut names, name, *span);
        }

        let mut fields = Vec::with_capacity(b.fields.len());
        for field in &b.fields {
            let width = self.bitfield_width(field);
            let ty = self.bitfield_type(field, width.unwrap_or(1));
            let annotations = self.annotate(&field.annotations, Place::Bitfield, Some(&ty));
            let width = width.unwrap_or(1);
            if field.names.is_empty() {
                fields.push(Bitfield {
                    name: None,
                    span: field.span,
                    offset,
                    width,
                    ty: ty.clone(),
                    annotations: annotations.clone(),
                });
                offset = offset.saturating_add(width);
            }
            for name in &field.names {
                let interned = self.declare_name(&mut names, &name.name, name.span);
                fields.push(Bitfield {
                    name: Some(interned),
                    span: name.span,
                    offset,
                    width,
                    ty: ty.clone(),
                    annotations: annotations.clone(),
                });
                offset = offset.saturating_add(width);
            }
        }
        self.scratch.names.give(names);
        if offset > 64 {
            self.error(
                Diagnostic::error(
                    format!("bitset `{}` needs {offset} bits, more than 64", b.name.name),
                    b.name.span,
                )
                .with_note("the bits of a bitset and of its bases must fit in 64"),
            );
        }
        if let DeclKind::Bitset(bs) = &mut self.decl_mut(id).kind {
            bs.base = base;
            bs.fields = fields;
            bs.bits = offset;
        }
        self.bases_set(id);
        self.info_mut(id).state = DeclState::Defined;
        id
    }

    fn bitset_base(&mut self, id: DeclId, name: &ast::ScopedName) -> Option<DeclId> {
        let found = self.resolve_decl(name, "a bitset")?;
        if self.alias_of_unresolved(found) {
            return None;
        }
        let base = self.resolves_to(&Type::Named(found)).unwrap_or(found);
        if matches!(self.decl(base).kind, DeclKind::Bitset(_))
            && base != id
            && self.info(base).state == DeclState::Defined
        {
            return Some(base);
        }
        let what = self.describe(base);
        let this = self.decl_name(id);
        self.error(
            Diagnostic::error(
                format!("bitset `{this}` cannot inherit from {what}"),
                tight(name),
            )
            .with_note("a bitset can only inherit from a defined bitset"),
        );
        None
    }

    fn bitfield_width(&mut self, field: &'a ast::Bitfield) -> Option<u32> {
        let value = self
            .eval(&field.width, &Target::Int(Primitive::UShort))?
            .as_integer()?;
        if (1..=64).contains(&value) {
            return Some(value as u32);
        }
        self.error(Diagnostic::error(
            format!("a bitfield must have between 1 and 64 bits, found `{value}`"),
            field.width.span,
        ));
        None
    }

    /// The declared destination type of a bitfield, checked to hold `width` bits, or the
    /// smallest one that does.
    fn bitfield_type(&mut self, field: &'a ast::Bitfield, width: u32) -> Type {
        let Some(spec) = &field.ty else {
            let p = match width {
                1 => Primitive::Boolean,
                2..=8 => Primitive::Octet,
                9..=16 => Primitive::UShort,
                17..=32 => Primitive::ULong,
                _ => Primitive::ULongLong,
            };
            return Type::Primitive(p);
        };
        let ty = self.type_spec(spec);
        let capacity = match self.unalias(&ty) {
            Type::Primitive(Primitive::Boolean) => Some(1),
            Type::Primitive(p) => p.integer_bits(),
            Type::Unresolved => return ty,
            _ => None,
        };
        let shown = self.type_name(&ty);
        match capacity {
            None => self.error(
                Diagnostic::error(format!("a bitfield cannot have type `{shown}`"), spec.span)
                    .with_note("a bitfield is `boolean`, `octet` or an integer type"),
            ),
            Some(bits) if bits < width => self.error(Diagnostic::error(
                format!("a bitfield of {width} bits does not fit in `{shown}`"),
                spec.span,
            )),
            Some(_) => {}
        }
        ty
    }
}

/// Whether `value` is representable with `bits` bits (signed or unsigned).
fn fits_bits(value: i64, bits: u32) -> bool {
    if bits >= 32 {
        return i32::try_from(value).is_ok() || u32::try_from(value).is_ok();
    }
    let max = (1i64 << bits) - 1;
    let min = -(1i64 << (bits - 1));
    (min..=max).contains(&value)
}
