//! CORBA Component Model constructs (§7.4.8–§7.4.12): components, homes, port types,
//! connectors and template modules.

use super::{
    Ctx,
    annotation::parse_annotations,
    definition::parse_definition,
    expr::{keyword_as_name, parse_const_expr, parse_identifier, parse_scoped_name},
    grammar::Rule,
    interface::{parse_attr_dcl, parse_export},
    pairs::{Children, Pair},
    types::parse_type_spec,
    value::{parse_factory, parse_supports_clause},
};
use crate::ast::{
    Component, Connector, Home, HomeElement, Ident, PortDecl, Porttype, ScopedName, TemplateArg,
    TemplateDefinition, TemplateInstance, TemplateModule, TemplateParam, TemplateParamKind,
};

/// `component C : Base supports I { … }`.
pub(crate) fn parse_component_def(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Component {
    debug_assert_eq!(pair.as_rule(), Rule::component_def);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_component);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let base = children
        .next_if(Rule::scoped_name)
        .map(|base| parse_scoped_name(base, ctx));
    let supports = children
        .next_if(Rule::supports_clause)
        .map(|clause| parse_supports_clause(clause, ctx))
        .unwrap_or_default();
    let body = children
        .map(|port| parse_component_export(port, ctx))
        .collect();
    Component {
        name,
        base,
        supports,
        body,
    }
}

/// `component C`.
pub(crate) fn parse_component_forward(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Ident {
    debug_assert_eq!(pair.as_rule(), Rule::component_forward);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_component);
    parse_identifier(children.expect(Rule::identifier), ctx)
}

/// A port or attribute with its annotations and `;`. Only attributes keep their annotations
/// and doc comment: the AST has no place for them on ports.
fn parse_component_export(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> PortDecl {
    debug_assert_eq!(pair.as_rule(), Rule::component_export);
    let span = ctx.span(pair.as_span());
    let doc = ctx.doc(pair.as_span().start());
    let mut children = Children::of(pair);
    let annotations = parse_annotations(&mut children, ctx);
    let body = children.expect_any();
    let rule = body.as_rule();
    if rule == Rule::attr_dcl {
        let mut attribute = parse_attr_dcl(body, ctx);
        attribute.annotations = annotations;
        attribute.doc = doc;
        attribute.span = span;
        return PortDecl::Attribute(attribute);
    }
    let mut parts = Children::of(body);
    let keyword = parts.expect_any();
    let multiple = rule == Rule::uses_dcl && parts.eat(Rule::kw_multiple);
    let ty = parse_port_type(parts.expect_any(), ctx);
    let name = parse_identifier(parts.expect(Rule::identifier), ctx);
    match rule {
        Rule::provides_dcl => PortDecl::Provides(ty, name),
        Rule::uses_dcl => PortDecl::Uses { multiple, ty, name },
        Rule::emits_dcl => PortDecl::Emits(ty, name),
        Rule::publishes_dcl => PortDecl::Publishes(ty, name),
        Rule::consumes_dcl => PortDecl::Consumes(ty, name),
        Rule::port_dcl => PortDecl::Port {
            mirror: keyword.as_rule() == Rule::kw_mirrorport,
            ty,
            name,
        },
        other => unreachable!("not a port: {other:?}"),
    }
}

/// The type of a port: a scoped name, or `Object` written as a one-part name.
fn parse_port_type(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> ScopedName {
    match pair.as_rule() {
        Rule::scoped_name => parse_scoped_name(pair, ctx),
        Rule::interface_type => {
            let inner = Children::of(pair).expect_any();
            match inner.as_rule() {
                Rule::scoped_name => parse_scoped_name(inner, ctx),
                _ => keyword_as_name(&inner, ctx),
            }
        }
        other => unreachable!("not a port type: {other:?}"),
    }
}

/// `home H : Base supports I manages C primarykey K { … }`.
pub(crate) fn parse_home_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Home {
    debug_assert_eq!(pair.as_rule(), Rule::home_dcl);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_home);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let base = children
        .next_if(Rule::scoped_name)
        .map(|base| parse_scoped_name(base, ctx));
    let supports = children
        .next_if(Rule::supports_clause)
        .map(|clause| parse_supports_clause(clause, ctx))
        .unwrap_or_default();
    children.skip_keyword(Rule::kw_manages);
    let manages = parse_scoped_name(children.expect(Rule::scoped_name), ctx);
    let primary_key = children
        .eat(Rule::kw_primarykey)
        .then(|| parse_scoped_name(children.expect(Rule::scoped_name), ctx));
    let body = children
        .map(|element| match element.as_rule() {
            Rule::factory_dcl => HomeElement::Factory(parse_factory(element, ctx)),
            Rule::finder_dcl => HomeElement::Finder(parse_factory(element, ctx)),
            Rule::export => HomeElement::Export(parse_export(element, ctx)),
            other => unreachable!("not a home element: {other:?}"),
        })
        .collect();
    Home {
        name,
        base,
        supports,
        manages,
        primary_key,
        body,
    }
}

/// `porttype P { … }`.
pub(crate) fn parse_porttype_def(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Porttype {
    debug_assert_eq!(pair.as_rule(), Rule::porttype_def);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_porttype);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let body = children
        .map(|port| parse_component_export(port, ctx))
        .collect();
    Porttype { name, body }
}

/// `connector C : Base { … }`.
pub(crate) fn parse_connector_def(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Connector {
    debug_assert_eq!(pair.as_rule(), Rule::connector_def);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_connector);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let base = children
        .next_if(Rule::scoped_name)
        .map(|base| parse_scoped_name(base, ctx));
    let body = children
        .map(|port| parse_component_export(port, ctx))
        .collect();
    Connector { name, base, body }
}

/// `module M<typename T, sequence<T> S, const long N> { … }`.
pub(crate) fn parse_template_module_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TemplateModule {
    debug_assert_eq!(pair.as_rule(), Rule::template_module_dcl);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_module);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let params = children
        .take_all(Rule::formal_param)
        .map(|param| parse_formal_param(param, ctx))
        .collect();
    let definitions = children
        .map(|item| match item.as_rule() {
            Rule::template_alias => parse_template_alias(item, ctx),
            Rule::definition => TemplateDefinition::Definition(parse_definition(item, ctx)),
            other => unreachable!("not a template module item: {other:?}"),
        })
        .collect();
    TemplateModule {
        name,
        params,
        definitions,
    }
}

/// `typename T`, `sequence<T> S`, `const long N`, …
fn parse_formal_param(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TemplateParam {
    debug_assert_eq!(pair.as_rule(), Rule::formal_param);
    let mut children = Children::of(pair);
    let kind = parse_formal_param_type(children.expect(Rule::formal_param_type), ctx);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    TemplateParam { kind, name }
}

/// The kind of a formal parameter. For `sequence<T>` the element type is kept (a bound, if
/// written, is checked for syntax only).
fn parse_formal_param_type(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TemplateParamKind {
    debug_assert_eq!(pair.as_rule(), Rule::formal_param_type);
    let mut children = Children::of(pair);
    let keyword = children.expect_any();
    match keyword.as_rule() {
        Rule::kw_typename => TemplateParamKind::Typename,
        Rule::kw_interface => TemplateParamKind::Interface,
        Rule::kw_valuetype => TemplateParamKind::ValueType,
        Rule::kw_eventtype => TemplateParamKind::EventType,
        Rule::kw_struct => TemplateParamKind::Struct,
        Rule::kw_union => TemplateParamKind::Union,
        Rule::kw_exception => TemplateParamKind::Exception,
        Rule::kw_enum => TemplateParamKind::Enum,
        Rule::kw_sequence => {
            let element = children.next_type().map(|ty| parse_type_spec(ty, ctx));
            if let Some(bound) = children.next_if(Rule::bound_expr) {
                parse_const_expr(bound, ctx);
            }
            TemplateParamKind::Sequence(element)
        }
        Rule::kw_const => TemplateParamKind::Const(parse_type_spec(children.expect_type(), ctx)),
        other => unreachable!("not a formal parameter kind: {other:?}"),
    }
}

/// `alias Other<T> Name;`
fn parse_template_alias(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TemplateDefinition {
    debug_assert_eq!(pair.as_rule(), Rule::template_alias);
    let span = ctx.span(pair.as_span());
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_alias);
    let template = parse_scoped_name(children.expect(Rule::scoped_name), ctx);
    let mut args: Vec<Ident> = children.map(|arg| parse_identifier(arg, ctx)).collect();
    let Some(name) = args.pop() else {
        unreachable!("an alias has arguments and a name")
    };
    TemplateDefinition::Alias {
        template,
        args,
        name,
        span,
    }
}

/// `module M<A, B> Inst`.
pub(crate) fn parse_template_module_inst(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TemplateInstance {
    debug_assert_eq!(pair.as_rule(), Rule::template_module_inst);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_module);
    let template = parse_scoped_name(children.expect(Rule::scoped_name), ctx);
    let args = children
        .take_all(Rule::template_arg)
        .map(|arg| parse_template_arg(arg, ctx))
        .collect();
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    TemplateInstance {
        template,
        args,
        name,
    }
}

/// An actual template argument: a type, or a constant expression that is not a bare name.
fn parse_template_arg(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TemplateArg {
    debug_assert_eq!(pair.as_rule(), Rule::template_arg);
    let inner = Children::of(pair).expect_any();
    match inner.as_rule() {
        Rule::bound_expr => TemplateArg::Const(parse_const_expr(inner, ctx)),
        _ => TemplateArg::Type(parse_type_spec(inner, ctx)),
    }
}

#[cfg(test)]
mod tests;
