//! Annotations (§7.4.15): applications such as `@key`, `@range(min = 1, max = 5)` and
//! declarations such as `@annotation Unit { string value; };`.

use super::{
    Ctx, definition,
    expr::{parse_const_expr, parse_identifier, parse_scoped_name},
    grammar::Rule,
    pairs::{Children, Pair},
    types::parse_type_spec,
};
use crate::ast::{
    Annotation, AnnotationArgs, AnnotationBodyItem, AnnotationDecl, AnnotationMember, Definition,
    NamedArg,
};

/// Every annotation application at the front of `children`.
pub(crate) fn parse_annotations(children: &mut Children<'_>, ctx: &mut Ctx<'_>) -> Vec<Annotation> {
    children
        .take_all(Rule::annotation_appl)
        .map(|pair| parse_annotation_appl(pair, ctx))
        .collect()
}

/// `@name`, `@name()`, `@name(expr)`, `@name(a = x, b = y)`.
pub(crate) fn parse_annotation_appl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Annotation {
    debug_assert_eq!(pair.as_rule(), Rule::annotation_appl);
    let span = ctx.span(pair.as_span());
    let mut children = Children::of(pair);
    let name = parse_scoped_name(children.expect(Rule::annotation_name), ctx);
    let args = match children.peek_rule() {
        None => AnnotationArgs::None,
        Some(Rule::const_expr) => {
            AnnotationArgs::Positional(parse_const_expr(children.expect_any(), ctx))
        }
        Some(_) => AnnotationArgs::Named(
            children
                .take_all(Rule::named_arg)
                .map(|arg| parse_named_arg(arg, ctx))
                .collect(),
        ),
    };
    Annotation { name, args, span }
}

/// `name = value`.
fn parse_named_arg(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> NamedArg {
    debug_assert_eq!(pair.as_rule(), Rule::named_arg);
    let mut children = Children::of(pair);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let value = parse_const_expr(children.expect(Rule::const_expr), ctx);
    NamedArg { name, value }
}

/// `@annotation Name { … }`.
pub(crate) fn parse_annotation_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> AnnotationDecl {
    debug_assert_eq!(pair.as_rule(), Rule::annotation_dcl);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_annotation);
    let name = parse_identifier(children.expect(Rule::any_identifier), ctx);
    let body = children
        .map(|item| match item.as_rule() {
            Rule::annotation_member => {
                AnnotationBodyItem::Member(parse_annotation_member(item, ctx))
            }
            Rule::annotation_type_dcl => {
                AnnotationBodyItem::Definition(parse_annotation_type_dcl(item, ctx))
            }
            other => unreachable!("not an annotation body item: {other:?}"),
        })
        .collect();
    AnnotationDecl { name, body }
}

/// `T name [default value];`
fn parse_annotation_member(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> AnnotationMember {
    debug_assert_eq!(pair.as_rule(), Rule::annotation_member);
    let span = ctx.span(pair.as_span());
    let mut children = Children::of(pair);
    let ty = parse_type_spec(children.expect_type(), ctx);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let default = children
        .eat(Rule::kw_default)
        .then(|| parse_const_expr(children.expect(Rule::const_expr), ctx));
    AnnotationMember {
        ty,
        name,
        default,
        span,
    }
}

/// An `enum`, `const` or `typedef` declared inside an annotation declaration.
fn parse_annotation_type_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Definition {
    debug_assert_eq!(pair.as_rule(), Rule::annotation_type_dcl);
    let span = ctx.span(pair.as_span());
    let doc = ctx.doc(pair.as_span().start());
    let mut children = Children::of(pair);
    let kind = definition::parse_definition_kind(children.expect_any(), ctx);
    Definition {
        annotations: Vec::new(),
        doc,
        kind,
        span,
    }
}

#[cfg(test)]
mod tests {
    use crate::{
        ast::{AnnotationArgs, AnnotationBodyItem, DefinitionKind, ExprKind, Literal},
        parser::test_util::{parse_err_free, parse_with_diagnostics},
    };

    #[test]
    fn application_forms() {
        let spec = parse_err_free(
            "@key @id() @value(-3) @extensibility(FINAL) @range(min = -10, max = 10)
             @verbatim(language=\"comment\", text=\"a\" \"b\") @::M::custom @default(5) @oneway
             struct S {};",
        );
        let a = &spec.definitions[0].annotations;
        assert_eq!(a.len(), 9);
        assert_eq!(a[0].simple_name(), "key");
        assert_eq!(a[0].args, AnnotationArgs::None);
        assert_eq!(a[1].args, AnnotationArgs::None);
        assert!(matches!(a[2].args, AnnotationArgs::Positional(_)));
        let AnnotationArgs::Positional(e) = &a[3].args else {
            panic!()
        };
        assert!(matches!(&e.kind, ExprKind::Name(n) if n.to_string() == "FINAL"));
        let AnnotationArgs::Named(args) = &a[4].args else {
            panic!()
        };
        assert_eq!(args[0].name.name, "min");
        assert_eq!(args[1].name.name, "max");
        let AnnotationArgs::Named(args) = &a[5].args else {
            panic!()
        };
        assert_eq!(
            args[1].value.kind,
            ExprKind::Literal(Literal::String("ab".into()))
        );
        assert!(a[6].name.absolute);
        assert_eq!(a[6].name.to_string(), "::M::custom");
        assert_eq!(a[7].simple_name(), "default");
        assert_eq!(a[8].simple_name(), "oneway");
    }

    #[test]
    fn user_defined_annotation_declaration() {
        let spec = parse_err_free(
            "@annotation MyAnn {
                short value;
                enum E { ONE, TWO };
                E e default TWO;
                string s default \"Hello\";
                const long N = 5;
                typedef sequence<long> LS;
            };
            @annotation Empty {};",
        );
        let DefinitionKind::Annotation(decl) = &spec.definitions[0].kind else {
            panic!()
        };
        assert_eq!(decl.name.name, "MyAnn");
        assert_eq!(decl.body.len(), 6);
        let AnnotationBodyItem::Member(m) = &decl.body[2] else {
            panic!()
        };
        assert_eq!(m.name.name, "e");
        assert!(m.default.is_some());
        assert!(matches!(
            &decl.body[1],
            AnnotationBodyItem::Definition(d) if matches!(d.kind, DefinitionKind::Enum(_))
        ));
        assert!(matches!(
            &decl.body[5],
            AnnotationBodyItem::Definition(d) if matches!(d.kind, DefinitionKind::Typedef(_))
        ));
        assert!(
            matches!(&spec.definitions[1].kind, DefinitionKind::Annotation(d) if d.body.is_empty())
        );
    }

    #[test]
    fn tao_two_character_literal_argument_is_a_literal_error() {
        let (spec, errors) =
            parse_with_diagnostics("@kkll(mm = 3, nn = 'oo') struct S { long a; };");
        assert!(spec.is_some());
        assert_eq!(
            errors,
            ["1:20 character literal may only contain one character"]
        );
    }
}
