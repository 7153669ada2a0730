//! Value types and event types (§7.4.5, §7.4.7, §7.4.10): state members, factories, value boxes
//! and forward declarations.

use super::{
    Ctx,
    annotation::parse_annotations,
    expr::{parse_identifier, parse_scoped_name},
    grammar::Rule,
    interface::{parse_exception_list, parse_export, parse_params},
    pairs::{Children, Pair},
    types::{parse_declarators, parse_type_or_constructed},
};
use crate::{
    Diagnostic,
    ast::{
        Factory, Member, ParamDirection, ScopedName, ValueBox, ValueElement, ValueForward,
        ValueKind, ValueType,
    },
};

/// Which flavour a `value_modifier` and the keyword after it name.
fn parse_value_kind(children: &mut Children<'_>) -> ValueKind {
    let modifier = children
        .next_if(Rule::value_modifier)
        .map(|m| Children::of(m).expect_any().as_rule());
    let event = match children.expect_any().as_rule() {
        Rule::kw_valuetype => false,
        Rule::kw_eventtype => true,
        other => unreachable!("not a value type keyword: {other:?}"),
    };
    match (modifier, event) {
        (None, false) => ValueKind::Concrete,
        (Some(Rule::kw_custom), false) => ValueKind::Custom,
        (Some(_), false) => ValueKind::Abstract,
        (None, true) => ValueKind::Event,
        (Some(Rule::kw_custom), true) => ValueKind::CustomEvent,
        (Some(_), true) => ValueKind::AbstractEvent,
    }
}

/// `valuetype V : truncatable B, C supports I { … }` and the `eventtype` form.
pub(crate) fn parse_value_def(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> ValueType {
    debug_assert!(matches!(pair.as_rule(), Rule::value_def | Rule::event_def));
    let mut children = Children::of(pair);
    let kind = parse_value_kind(&mut children);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let (truncatable, bases, supports) =
        parse_value_inheritance(children.expect(Rule::value_inheritance), ctx);
    let body = children
        .map(|element| match element.as_rule() {
            Rule::state_member => parse_state_member(element, ctx),
            Rule::init_dcl => ValueElement::Factory(parse_factory(element, ctx)),
            Rule::export => ValueElement::Export(parse_export(element, ctx)),
            other => unreachable!("not a value element: {other:?}"),
        })
        .collect();
    ValueType {
        kind,
        name,
        truncatable,
        bases,
        supports,
        body,
    }
}

/// `: [truncatable] B, C supports I, J`: whether the first base is truncatable, the bases and
/// the supported interfaces.
fn parse_value_inheritance(
    pair: Pair<'_>,
    ctx: &mut Ctx<'_>,
) -> (bool, Vec<ScopedName>, Vec<ScopedName>) {
    debug_assert_eq!(pair.as_rule(), Rule::value_inheritance);
    let mut children = Children::of(pair);
    let truncatable = children.eat(Rule::kw_truncatable);
    let bases = children
        .take_all(Rule::scoped_name)
        .map(|base| parse_scoped_name(base, ctx))
        .collect();
    let supports = children
        .next_if(Rule::supports_clause)
        .map(|clause| parse_supports_clause(clause, ctx))
        .unwrap_or_default();
    (truncatable, bases, supports)
}

/// `supports I, J`.
pub(crate) fn parse_supports_clause(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Vec<ScopedName> {
    debug_assert_eq!(pair.as_rule(), Rule::supports_clause);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_supports);
    children.map(|name| parse_scoped_name(name, ctx)).collect()
}

/// `public T a;` or `private T a;`.
fn parse_state_member(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> ValueElement {
    debug_assert_eq!(pair.as_rule(), Rule::state_member);
    let span = ctx.span(pair.as_span());
    let doc = ctx.doc(pair.as_span().start());
    let mut children = Children::of(pair);
    let annotations = parse_annotations(&mut children, ctx);
    let public = children.eat(Rule::kw_public);
    if !public {
        children.skip_keyword(Rule::kw_private);
    }
    let ty = parse_type_or_constructed(children.expect_any(), ctx);
    let declarators = parse_declarators(children, ctx);
    ValueElement::State {
        public,
        member: Member {
            annotations,
            doc,
            ty,
            declarators,
            span,
        },
    }
}

/// `factory name(in T a) raises (E);` in a value type or home, or a home's `finder`. Their
/// parameters must be `in`.
pub(crate) fn parse_factory(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Factory {
    debug_assert!(matches!(
        pair.as_rule(),
        Rule::init_dcl | Rule::factory_dcl | Rule::finder_dcl
    ));
    let span = ctx.span(pair.as_span());
    let mut children = Children::of(pair);
    // Factories have no place for annotations in the AST; they are parsed and dropped.
    parse_annotations(&mut children, ctx);
    let keyword = children.expect_any();
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let params = parse_params(&mut children, ctx);
    for param in &params {
        if param.direction != ParamDirection::In {
            ctx.push(
                Diagnostic::error(
                    format!("`{}` parameters must be `in`", keyword.as_str()),
                    param.span,
                )
                .with_label("not an `in` parameter"),
            );
        }
    }
    let raises = children
        .next_if(Rule::raises_expr)
        .map(|r| parse_exception_list(r, ctx))
        .unwrap_or_default();
    Factory {
        name,
        params,
        raises,
        span,
    }
}

/// `valuetype B long`.
pub(crate) fn parse_value_box_def(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> ValueBox {
    debug_assert_eq!(pair.as_rule(), Rule::value_box_def);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_valuetype);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let ty = parse_type_or_constructed(children.expect_any(), ctx);
    ValueBox { name, ty }
}

/// `valuetype V`, `abstract valuetype V`, `eventtype E`.
pub(crate) fn parse_value_forward(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> ValueForward {
    debug_assert!(matches!(
        pair.as_rule(),
        Rule::value_forward | Rule::event_forward
    ));
    let mut children = Children::of(pair);
    let kind = parse_value_kind(&mut children);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    ValueForward { kind, name }
}

#[cfg(test)]
mod tests {
    use crate::{
        ast::{DefinitionKind, TypeKind, ValueElement, ValueKind},
        parser::test_util::{parse_err_free, single_error},
    };

    #[test]
    fn value_types() {
        let spec = parse_err_free(
            "valuetype V : truncatable B, C supports I, J {
                 public long a, b;
                 private sequence<long> s;
                 factory create(in long a, in string b) raises (E);
                 void op();
                 attribute long x;
                 typedef long T;
             };
             abstract valuetype A supports I {};
             custom valuetype C {};
             valuetype Empty {};",
        );
        let DefinitionKind::ValueType(v) = &spec.definitions[0].kind else {
            panic!()
        };
        assert_eq!(v.kind, ValueKind::Concrete);
        assert!(v.truncatable);
        assert_eq!(v.bases.len(), 2);
        assert_eq!(v.supports.len(), 2);
        assert_eq!(v.body.len(), 6);
        assert!(
            matches!(&v.body[0], ValueElement::State { public: true, member } if member.declarators.len() == 2)
        );
        assert!(matches!(
            &v.body[1],
            ValueElement::State { public: false, .. }
        ));
        assert!(
            matches!(&v.body[2], ValueElement::Factory(f) if f.params.len() == 2 && f.raises.len() == 1)
        );
        assert!(matches!(&v.body[3], ValueElement::Export(_)));
        let kinds: Vec<_> = spec.definitions[1..]
            .iter()
            .map(|d| match &d.kind {
                DefinitionKind::ValueType(v) => v.kind,
                _ => panic!(),
            })
            .collect();
        assert_eq!(
            kinds,
            [ValueKind::Abstract, ValueKind::Custom, ValueKind::Concrete]
        );
    }

    #[test]
    fn boxes_and_forwards() {
        let spec = parse_err_free(
            "valuetype B long; valuetype S sequence<long>; valuetype T struct X { long a; };
             valuetype F; abstract valuetype G; eventtype E; eventtype E;",
        );
        assert!(
            matches!(&spec.definitions[0].kind, DefinitionKind::ValueBox(b) if b.name.name == "B")
        );
        assert!(
            matches!(&spec.definitions[1].kind, DefinitionKind::ValueBox(b) if matches!(b.ty.kind, TypeKind::Sequence(..)))
        );
        assert!(
            matches!(&spec.definitions[2].kind, DefinitionKind::ValueBox(b) if matches!(b.ty.kind, TypeKind::Constructed(_)))
        );
        assert!(
            matches!(&spec.definitions[3].kind, DefinitionKind::ValueForward(f) if f.kind == ValueKind::Concrete)
        );
        assert!(
            matches!(&spec.definitions[4].kind, DefinitionKind::ValueForward(f) if f.kind == ValueKind::Abstract)
        );
        assert!(
            matches!(&spec.definitions[6].kind, DefinitionKind::ValueForward(f) if f.kind == ValueKind::Event)
        );
    }

    #[test]
    fn factory_parameters_must_be_in() {
        assert_eq!(
            single_error("valuetype V { factory f(out long a); };"),
            "1:25 `factory` parameters must be `in`"
        );
    }
}
