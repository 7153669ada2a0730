//! Interfaces and exceptions (§7.4.3, §7.4.4): exports, operations, parameters, attributes.

use super::{
    Ctx,
    annotation::parse_annotations,
    definition::parse_definition_kind,
    expr::{parse_identifier, parse_scoped_name},
    grammar::Rule,
    literal::parse_string_literal,
    pairs::{Children, Pair},
    types::{parse_member, parse_type_spec},
};
use crate::{
    Diagnostic,
    ast::{
        Attribute, Definition, Exception, Export, Interface, InterfaceForward, InterfaceKind,
        Operation, Param, ParamDirection, ScopedName,
    },
};

/// `exception E { … }`.
pub(crate) fn parse_except_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Exception {
    debug_assert_eq!(pair.as_rule(), Rule::except_dcl);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_exception);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let members = children.map(|m| parse_member(m, ctx)).collect();
    Exception { name, members }
}

/// `local` or `abstract`, if written.
fn parse_interface_kind(children: &mut Children<'_>) -> InterfaceKind {
    match children.next_if(Rule::interface_kind) {
        None => InterfaceKind::Unconstrained,
        Some(kind) => match Children::of(kind).expect_any().as_rule() {
            Rule::kw_local => InterfaceKind::Local,
            Rule::kw_abstract => InterfaceKind::Abstract,
            other => unreachable!("not an interface kind: {other:?}"),
        },
    }
}

/// `interface I : A, B { … }`.
pub(crate) fn parse_interface_def(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Interface {
    debug_assert_eq!(pair.as_rule(), Rule::interface_def);
    let mut children = Children::of(pair);
    let kind = parse_interface_kind(&mut children);
    children.skip_keyword(Rule::kw_interface);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let bases = children
        .take_all(Rule::scoped_name)
        .map(|base| parse_scoped_name(base, ctx))
        .collect();
    let body = children.map(|export| parse_export(export, ctx)).collect();
    Interface {
        kind,
        name,
        bases,
        body,
    }
}

/// `interface I`.
pub(crate) fn parse_interface_forward(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> InterfaceForward {
    debug_assert_eq!(pair.as_rule(), Rule::interface_forward);
    let mut children = Children::of(pair);
    let kind = parse_interface_kind(&mut children);
    children.skip_keyword(Rule::kw_interface);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    InterfaceForward { kind, name }
}

/// An operation, attribute or nested declaration with its annotations, doc comment and `;`.
pub(crate) fn parse_export(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Export {
    debug_assert_eq!(pair.as_rule(), Rule::export);
    let span = ctx.span(pair.as_span());
    let doc = ctx.doc(pair.as_span().start());
    let mut children = Children::of(pair);
    let annotations = parse_annotations(&mut children, ctx);
    let body = children.expect_any();
    match body.as_rule() {
        Rule::op_dcl => {
            let mut operation = parse_op_dcl(body, ctx);
            operation.annotations = annotations;
            operation.doc = doc;
            operation.span = span;
            Export::Operation(operation)
        }
        Rule::attr_dcl => {
            let mut attribute = parse_attr_dcl(body, ctx);
            attribute.annotations = annotations;
            attribute.doc = doc;
            attribute.span = span;
            Export::Attribute(attribute)
        }
        _ => Export::Definition(Definition {
            annotations,
            doc,
            kind: parse_definition_kind(body, ctx),
            span,
        }),
    }
}

/// `oneway void op(in long a) raises (E) context ("x")`; annotations, doc and the span up to `;`
/// are filled in by [`parse_export`].
fn parse_op_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Operation {
    debug_assert_eq!(pair.as_rule(), Rule::op_dcl);
    let span = ctx.span(pair.as_span());
    let mut children = Children::of(pair);
    let oneway = children.eat(Rule::kw_oneway);
    let result = match children.next_type() {
        Some(ty) => Some(parse_type_spec(ty, ctx)),
        None => {
            children.skip_keyword(Rule::kw_void);
            None
        }
    };
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let params = parse_params(&mut children, ctx);
    let raises = children
        .next_if(Rule::raises_expr)
        .map(|r| parse_exception_list(r, ctx))
        .unwrap_or_default();
    let context = children
        .next_if(Rule::context_expr)
        .map(|c| {
            let mut names = Children::of(c);
            names.skip_keyword(Rule::kw_context);
            names.map(|n| parse_string_literal(n, ctx)).collect()
        })
        .unwrap_or_default();
    Operation {
        annotations: Vec::new(),
        doc: None,
        oneway,
        result,
        name,
        params,
        raises,
        context,
        span,
    }
}

/// Every parameter at the front of `children`.
pub(crate) fn parse_params(children: &mut Children<'_>, ctx: &mut Ctx<'_>) -> Vec<Param> {
    children
        .take_all(Rule::param)
        .map(|p| parse_param(p, ctx))
        .collect()
}

/// `@ann in T name`.
fn parse_param(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Param {
    debug_assert_eq!(pair.as_rule(), Rule::param);
    let span = ctx.span(pair.as_span());
    let mut children = Children::of(pair);
    let annotations = parse_annotations(&mut children, ctx);
    let direction = children.expect(Rule::param_direction);
    let direction = match Children::of(direction).expect_any().as_rule() {
        Rule::kw_in => ParamDirection::In,
        Rule::kw_out => ParamDirection::Out,
        Rule::kw_inout => ParamDirection::InOut,
        other => unreachable!("not a parameter direction: {other:?}"),
    };
    let ty = parse_type_spec(children.expect_type(), ctx);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    Param {
        annotations,
        direction,
        ty,
        name,
        span,
    }
}

/// The names of a `raises`, `getraises` or `setraises` clause.
pub(crate) fn parse_exception_list(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Vec<ScopedName> {
    debug_assert!(matches!(
        pair.as_rule(),
        Rule::raises_expr | Rule::getraises_expr | Rule::setraises_expr
    ));
    let mut children = Children::of(pair);
    children.next();
    children.map(|name| parse_scoped_name(name, ctx)).collect()
}

/// `[readonly] attribute T a, b` with its raises clauses, which are checked here: `raises` only
/// on a readonly attribute, `getraises`/`setraises` only on a writable one, each at most once and
/// `getraises` first, and any of them only with a single name.
pub(crate) fn parse_attr_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Attribute {
    debug_assert_eq!(pair.as_rule(), Rule::attr_dcl);
    let span = ctx.span(pair.as_span());
    let mut children = Children::of(pair);
    let readonly = children.eat(Rule::kw_readonly);
    children.skip_keyword(Rule::kw_attribute);
    let ty = parse_type_spec(children.expect_type(), ctx);
    let names: Vec<_> = children
        .take_all(Rule::identifier)
        .map(|name| parse_identifier(name, ctx))
        .collect();
    let mut get_raises = Vec::new();
    let mut set_raises = Vec::new();
    let mut seen = Vec::new();
    for clause in children {
        let rule = clause.as_rule();
        let clause_span = ctx.span(clause.as_span());
        let keyword = match rule {
            Rule::raises_expr => "raises",
            Rule::getraises_expr => "getraises",
            _ => "setraises",
        };
        let problem = if seen.contains(&rule) {
            Some(format!("`{keyword}` is given twice"))
        } else if readonly && rule != Rule::raises_expr {
            Some(format!("a readonly attribute cannot have `{keyword}`"))
        } else if !readonly && rule == Rule::raises_expr {
            Some("`raises` is only allowed on a readonly attribute".to_owned())
        } else if rule == Rule::getraises_expr && seen.contains(&Rule::setraises_expr) {
            Some("`getraises` must come before `setraises`".to_owned())
        } else if names.len() > 1 {
            Some(format!("`{keyword}` needs an attribute declared alone"))
        } else {
            None
        };
        seen.push(rule);
        if let Some(problem) = problem {
            let help = if readonly {
                "use `raises (…)` on a readonly attribute"
            } else {
                "use `getraises (…)` and `setraises (…)` on a writable attribute"
            };
            ctx.push(Diagnostic::error(problem, clause_span).with_help(help));
        }
        let list = parse_exception_list(clause, ctx);
        match rule {
            Rule::setraises_expr => set_raises.extend(list),
            _ => get_raises.extend(list),
        }
    }
    Attribute {
        annotations: Vec::new(),
        doc: None,
        readonly,
        ty,
        names,
        get_raises,
        set_raises,
        span,
    }
}

#[cfg(test)]
mod tests;
