//! Type specifiers and type declarations (§7.4.1.4.4, §7.4.13): base and template types,
//! declarators, structs, unions, enums, bitsets, bitmasks, typedefs and natives.

use super::{
    Ctx,
    annotation::parse_annotations,
    definition::parse_definition_kind,
    expr::{parse_const_expr, parse_identifier, parse_scoped_name, parse_scoped_name_as},
    grammar::Rule,
    pairs::{Children, Pair},
};
use crate::ast::{
    BaseType, Bitfield, Bitmask, Bitset, Case, CaseLabel, Declarator, Definition, Enum, Enumerator,
    Member, Struct, TypeForward, TypeKind, TypeSpec, Typedef, Union,
};

/// A type where a type is expected: the pair of one of the rules the silent `type_spec` stands
/// for.
pub(crate) fn parse_type_spec(inner: Pair<'_>, ctx: &mut Ctx<'_>) -> TypeSpec {
    let span = ctx.span(inner.as_span());
    let kind = match inner.as_rule() {
        Rule::base_type => TypeKind::Base(parse_base_type(inner)),
        Rule::scoped_name => TypeKind::Named(parse_scoped_name_as(inner, ctx, "type")),
        Rule::string_type => TypeKind::String(parse_string_type(inner, ctx)),
        Rule::wstring_type => TypeKind::WString(parse_string_type(inner, ctx)),
        Rule::sequence_type => parse_sequence_type(inner, ctx),
        Rule::map_type => parse_map_type(inner, ctx),
        Rule::fixed_type => parse_fixed_type(inner, ctx),
        other => unreachable!("not a type: {other:?}"),
    };
    TypeSpec {
        kind,
        annotations: Vec::new(),
        span,
    }
}

/// A sequence's element type or a map's key or value type, with its annotations.
fn parse_element_type(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TypeSpec {
    debug_assert_eq!(pair.as_rule(), Rule::element_type);
    let mut children = Children::of(pair);
    let annotations = parse_annotations(&mut children, ctx);
    let mut ty = parse_type_spec(children.expect_type(), ctx);
    ty.annotations = annotations;
    ty
}

/// A `type_spec`, or a type defined in place (`constructed_type`).
pub(crate) fn parse_type_or_constructed(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TypeSpec {
    match pair.as_rule() {
        Rule::constructed_type => parse_constructed_type(pair, ctx),
        _ => parse_type_spec(pair, ctx),
    }
}

/// A struct, union, enum, bitset or bitmask defined where it is used.
fn parse_constructed_type(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TypeSpec {
    debug_assert_eq!(pair.as_rule(), Rule::constructed_type);
    let span = ctx.span(pair.as_span());
    let doc = ctx.doc(pair.as_span().start());
    let mut children = Children::of(pair);
    let kind = parse_definition_kind(children.expect_any(), ctx);
    let definition = Definition {
        annotations: Vec::new(),
        doc,
        kind,
        span,
    };
    TypeSpec {
        kind: TypeKind::Constructed(Box::new(definition)),
        annotations: Vec::new(),
        span,
    }
}

/// The built-in types named by keywords (the grammar allows only these combinations).
fn parse_base_type(pair: Pair<'_>) -> BaseType {
    debug_assert_eq!(pair.as_rule(), Rule::base_type);
    let text = pair.as_str();
    // One word (almost every type) is matched as it is; several are split first.
    match text {
        "long" | "int32" => return BaseType::Long,
        "short" | "int16" => return BaseType::Short,
        "double" => return BaseType::Double,
        "boolean" => return BaseType::Boolean,
        "octet" => return BaseType::Octet,
        "char" => return BaseType::Char,
        "float" => return BaseType::Float,
        "wchar" => return BaseType::WChar,
        _ => {}
    }
    let mut words = [""; 3];
    for (slot, word) in words.iter_mut().zip(text.split_ascii_whitespace()) {
        *slot = word;
    }
    match words {
        ["short" | "int16", "", ""] => BaseType::Short,
        ["long" | "int32", "", ""] => BaseType::Long,
        ["long", "long", ""] | ["int64", "", ""] => BaseType::LongLong,
        ["unsigned", "short", ""] | ["uint16", "", ""] => BaseType::UShort,
        ["unsigned", "long", ""] | ["uint32", "", ""] => BaseType::ULong,
        ["unsigned", "long", "long"] | ["uint64", "", ""] => BaseType::ULongLong,
        ["int8", "", ""] => BaseType::Int8,
        ["uint8", "", ""] => BaseType::UInt8,
        ["float", "", ""] => BaseType::Float,
        ["double", "", ""] => BaseType::Double,
        ["long", "double", ""] => BaseType::LongDouble,
        ["char", "", ""] => BaseType::Char,
        ["wchar", "", ""] => BaseType::WChar,
        ["boolean", "", ""] => BaseType::Boolean,
        ["octet", "", ""] => BaseType::Octet,
        ["any", "", ""] => BaseType::Any,
        ["Object", "", ""] => BaseType::Object,
        ["ValueBase", "", ""] => BaseType::ValueBase,
        _ => unreachable!("base_type matches only these words: {words:?}"),
    }
}

/// The bound of `string<N>` / `wstring<N>`, if written.
fn parse_string_type(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Option<Box<crate::ast::ConstExpr>> {
    debug_assert!(matches!(
        pair.as_rule(),
        Rule::string_type | Rule::wstring_type
    ));
    let mut children = Children::of(pair);
    children.next();
    children
        .next_if(Rule::bound_expr)
        .map(|bound| Box::new(parse_const_expr(bound, ctx)))
}

/// `sequence<T>` or `sequence<T, N>`.
fn parse_sequence_type(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TypeKind {
    debug_assert_eq!(pair.as_rule(), Rule::sequence_type);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_sequence);
    let element = parse_element_type(children.expect(Rule::element_type), ctx);
    let bound = children
        .next_if(Rule::bound_expr)
        .map(|bound| Box::new(parse_const_expr(bound, ctx)));
    TypeKind::Sequence(Box::new(element), bound)
}

/// `map<K, V>` or `map<K, V, N>`.
fn parse_map_type(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TypeKind {
    debug_assert_eq!(pair.as_rule(), Rule::map_type);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_map);
    let key = parse_element_type(children.expect(Rule::element_type), ctx);
    let value = parse_element_type(children.expect(Rule::element_type), ctx);
    let bound = children
        .next_if(Rule::bound_expr)
        .map(|bound| Box::new(parse_const_expr(bound, ctx)));
    TypeKind::Map(Box::new(key), Box::new(value), bound)
}

/// `fixed<digits, scale>` or bare `fixed`.
fn parse_fixed_type(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TypeKind {
    debug_assert_eq!(pair.as_rule(), Rule::fixed_type);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_fixed);
    let params = children.next_if(Rule::bound_expr).map(|digits| {
        let digits = parse_const_expr(digits, ctx);
        let scale = parse_const_expr(children.expect(Rule::bound_expr), ctx);
        (Box::new(digits), Box::new(scale))
    });
    TypeKind::Fixed(params)
}

/// A name with optional array dimensions.
pub(crate) fn parse_declarator(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Declarator {
    debug_assert_eq!(pair.as_rule(), Rule::declarator);
    let span = ctx.span(pair.as_span());
    let mut children = Children::of(pair);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let annotations = parse_annotations(&mut children, ctx);
    let dims = children.map(|dim| parse_const_expr(dim, ctx)).collect();
    Declarator {
        name,
        annotations,
        dims,
        span,
    }
}

/// Every declarator left in `children`.
pub(crate) fn parse_declarators(children: Children<'_>, ctx: &mut Ctx<'_>) -> Vec<Declarator> {
    children.map(|pair| parse_declarator(pair, ctx)).collect()
}

/// `typedef T a, b[3]`.
pub(crate) fn parse_typedef_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Typedef {
    debug_assert_eq!(pair.as_rule(), Rule::typedef_dcl);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_typedef);
    let ty = parse_type_or_constructed(children.expect_any(), ctx);
    let declarators = parse_declarators(children, ctx);
    Typedef { ty, declarators }
}

/// `native N`.
pub(crate) fn parse_native_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> crate::ast::Ident {
    debug_assert_eq!(pair.as_rule(), Rule::native_dcl);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_native);
    parse_identifier(children.expect(Rule::identifier), ctx)
}

/// `struct S : Base { … }`; constants in the body go to `inner`.
pub(crate) fn parse_struct_def(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Struct {
    debug_assert_eq!(pair.as_rule(), Rule::struct_def);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_struct);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let base = children
        .next_if(Rule::scoped_name)
        .map(|base| parse_scoped_name(base, ctx));
    // Constants in a struct body are rare: every item but the base is taken for a member.
    let mut members = Vec::with_capacity(children.len());
    let mut inner = Vec::new();
    for item in children {
        match item.as_rule() {
            Rule::member => members.push(parse_member(item, ctx)),
            Rule::struct_const => inner.push(parse_struct_const(item, ctx)),
            other => unreachable!("not a struct item: {other:?}"),
        }
    }
    Struct {
        name,
        base,
        members,
        inner,
    }
}

/// A constant declared in a struct body (TAO accepts them).
fn parse_struct_const(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Definition {
    debug_assert_eq!(pair.as_rule(), Rule::struct_const);
    let span = ctx.span(pair.as_span());
    let doc = ctx.doc(pair.as_span().start());
    let mut children = Children::of(pair);
    let annotations = parse_annotations(&mut children, ctx);
    let kind = parse_definition_kind(children.expect(Rule::const_dcl), ctx);
    Definition {
        annotations,
        doc,
        kind,
        span,
    }
}

/// `struct S` or `union U`: a forward declaration.
pub(crate) fn parse_type_forward(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TypeForward {
    debug_assert!(matches!(
        pair.as_rule(),
        Rule::struct_forward | Rule::union_forward
    ));
    let mut children = Children::of(pair);
    children.next();
    TypeForward {
        name: parse_identifier(children.expect(Rule::identifier), ctx),
    }
}

/// A struct or exception member: `@key long a, b[2];`.
pub(crate) fn parse_member(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Member {
    debug_assert_eq!(pair.as_rule(), Rule::member);
    let span = ctx.span(pair.as_span());
    let doc = ctx.doc(pair.as_span().start());
    let mut children = Children::of(pair);
    let annotations = parse_annotations(&mut children, ctx);
    let ty = parse_type_or_constructed(children.expect_any(), ctx);
    let declarators = parse_declarators(children, ctx);
    Member {
        annotations,
        doc,
        ty,
        declarators,
        span,
    }
}

/// `union U switch (D) { … }`.
pub(crate) fn parse_union_def(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Union {
    debug_assert_eq!(pair.as_rule(), Rule::union_def);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_union);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    children.skip_keyword(Rule::kw_switch);
    let discriminator_annotations = parse_annotations(&mut children, ctx);
    let discriminator = parse_type_or_constructed(children.expect_any(), ctx);
    let cases = children.map(|case| parse_case(case, ctx)).collect();
    Union {
        name,
        discriminator_annotations,
        discriminator,
        cases,
    }
}

/// One union case: labels, then one element.
fn parse_case(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Case {
    debug_assert_eq!(pair.as_rule(), Rule::case);
    let span = ctx.span(pair.as_span());
    let doc = ctx.doc(pair.as_span().start());
    let mut children = Children::of(pair);
    let mut annotations = parse_annotations(&mut children, ctx);
    let labels = children
        .take_all(Rule::case_label)
        .map(|label| parse_case_label(label, ctx))
        .collect();
    annotations.extend(parse_annotations(&mut children, ctx));
    let ty = parse_type_or_constructed(children.expect_any(), ctx);
    let declarator = parse_declarator(children.expect(Rule::declarator), ctx);
    Case {
        labels,
        annotations,
        doc,
        ty,
        declarator,
        span,
    }
}

/// `case expr:` or `default:`.
fn parse_case_label(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> CaseLabel {
    debug_assert_eq!(pair.as_rule(), Rule::case_label);
    let span = ctx.span(pair.as_span());
    let mut children = Children::of(pair);
    if children.eat(Rule::kw_default) {
        return CaseLabel::Default(span);
    }
    children.skip_keyword(Rule::kw_case);
    CaseLabel::Value(parse_const_expr(children.expect(Rule::const_expr), ctx))
}

/// `enum E { A, B }`.
pub(crate) fn parse_enum_def(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Enum {
    debug_assert_eq!(pair.as_rule(), Rule::enum_def);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_enum);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let enumerators = children.map(|e| parse_enumerator(e, ctx)).collect();
    Enum { name, enumerators }
}

/// An enumerator or bitmask value.
fn parse_enumerator(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Enumerator {
    debug_assert_eq!(pair.as_rule(), Rule::enumerator);
    let doc = ctx.doc(pair.as_span().start());
    let mut children = Children::of(pair);
    let annotations = parse_annotations(&mut children, ctx);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    Enumerator {
        annotations,
        doc,
        name,
    }
}

/// `bitset B : Base { … }`.
pub(crate) fn parse_bitset_def(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Bitset {
    debug_assert_eq!(pair.as_rule(), Rule::bitset_def);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_bitset);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let base = children
        .next_if(Rule::scoped_name)
        .map(|base| parse_scoped_name(base, ctx));
    let fields = children.map(|f| parse_bitfield(f, ctx)).collect();
    Bitset { name, base, fields }
}

/// `bitfield<width[, type]> names;`
fn parse_bitfield(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Bitfield {
    debug_assert_eq!(pair.as_rule(), Rule::bitfield);
    let span = ctx.span(pair.as_span());
    let mut children = Children::of(pair);
    let annotations = parse_annotations(&mut children, ctx);
    children.skip_keyword(Rule::kw_bitfield);
    let width = parse_const_expr(children.expect(Rule::bound_expr), ctx);
    let ty = children.next_type().map(|ty| parse_type_spec(ty, ctx));
    let names = children.map(|name| parse_identifier(name, ctx)).collect();
    Bitfield {
        annotations,
        width,
        ty,
        names,
        span,
    }
}

/// `bitmask M { A, B }`.
pub(crate) fn parse_bitmask_def(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Bitmask {
    debug_assert_eq!(pair.as_rule(), Rule::bitmask_def);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_bitmask);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let values = children.map(|e| parse_enumerator(e, ctx)).collect();
    Bitmask { name, values }
}

#[cfg(test)]
mod tests;
