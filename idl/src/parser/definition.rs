//! The specification, modules, constants, repository-identity declarations and the dispatch from
//! a definition's rule to its AST kind (§7.4.1.3, §7.4.1.4.1, §7.4.1.4.2, §7.4.6.4).

use super::{
    Ctx, annotation,
    annotation::parse_annotations,
    ccm,
    expr::{parse_const_expr, parse_identifier, parse_scoped_name},
    grammar::Rule,
    interface, literal,
    pairs::{Children, Pair},
    types::{self, parse_type_spec},
    value,
};
use crate::ast::{
    Const, Definition, DefinitionKind, Import, Module, ScopedName, Specification, TypeId,
    TypePrefix,
};

/// A whole translation unit.
pub(crate) fn parse_specification(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Specification {
    debug_assert_eq!(pair.as_rule(), Rule::specification);
    let definitions = Children::of(pair)
        .filter(|p| p.as_rule() == Rule::definition)
        .map(|p| parse_definition(p, ctx))
        .collect();
    Specification { definitions }
}

/// One definition with its annotations, doc comment and `;`.
pub(crate) fn parse_definition(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Definition {
    debug_assert_eq!(pair.as_rule(), Rule::definition);
    let span = ctx.span(pair.as_span());
    let doc = ctx.doc(pair.as_span().start());
    let mut children = Children::of(pair);
    let annotations = parse_annotations(&mut children, ctx);
    let body = Children::of(children.expect(Rule::definition_body)).expect_any();
    let kind = parse_definition_kind(body, ctx);
    Definition {
        annotations,
        doc,
        kind,
        span,
    }
}

/// The AST kind of a definition body, whichever rule matched it.
pub(crate) fn parse_definition_kind(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> DefinitionKind {
    use DefinitionKind as K;
    match pair.as_rule() {
        Rule::module_dcl => K::Module(parse_module_dcl(pair, ctx)),
        Rule::struct_def => K::Struct(types::parse_struct_def(pair, ctx)),
        Rule::struct_forward => K::StructForward(types::parse_type_forward(pair, ctx)),
        Rule::union_def => K::Union(types::parse_union_def(pair, ctx)),
        Rule::union_forward => K::UnionForward(types::parse_type_forward(pair, ctx)),
        Rule::enum_def => K::Enum(types::parse_enum_def(pair, ctx)),
        Rule::typedef_dcl => K::Typedef(types::parse_typedef_dcl(pair, ctx)),
        Rule::native_dcl => K::Native(types::parse_native_dcl(pair, ctx)),
        Rule::bitset_def => K::Bitset(types::parse_bitset_def(pair, ctx)),
        Rule::bitmask_def => K::Bitmask(types::parse_bitmask_def(pair, ctx)),
        Rule::const_dcl => K::Const(parse_const_dcl(pair, ctx)),
        Rule::except_dcl => K::Exception(interface::parse_except_dcl(pair, ctx)),
        Rule::interface_def => K::Interface(interface::parse_interface_def(pair, ctx)),
        Rule::interface_forward => {
            K::InterfaceForward(interface::parse_interface_forward(pair, ctx))
        }
        Rule::annotation_dcl => K::Annotation(annotation::parse_annotation_dcl(pair, ctx)),
        Rule::value_def | Rule::event_def => K::ValueType(value::parse_value_def(pair, ctx)),
        Rule::value_box_def => K::ValueBox(value::parse_value_box_def(pair, ctx)),
        Rule::value_forward | Rule::event_forward => {
            K::ValueForward(value::parse_value_forward(pair, ctx))
        }
        Rule::type_id_dcl => K::TypeId(parse_type_id_dcl(pair, ctx)),
        Rule::type_prefix_dcl => K::TypePrefix(parse_type_prefix_dcl(pair, ctx)),
        Rule::import_dcl => K::Import(parse_import_dcl(pair, ctx)),
        Rule::component_def => K::Component(ccm::parse_component_def(pair, ctx)),
        Rule::component_forward => K::ComponentForward(ccm::parse_component_forward(pair, ctx)),
        Rule::home_dcl => K::Home(ccm::parse_home_dcl(pair, ctx)),
        Rule::porttype_def => K::Porttype(ccm::parse_porttype_def(pair, ctx)),
        Rule::connector_def => K::Connector(ccm::parse_connector_def(pair, ctx)),
        Rule::template_module_dcl => K::TemplateModule(ccm::parse_template_module_dcl(pair, ctx)),
        Rule::template_module_inst => {
            K::TemplateInstance(ccm::parse_template_module_inst(pair, ctx))
        }
        other => unreachable!("not a definition: {other:?}"),
    }
}

/// `module M { … }`.
fn parse_module_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Module {
    debug_assert_eq!(pair.as_rule(), Rule::module_dcl);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_module);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let definitions = children.map(|d| parse_definition(d, ctx)).collect();
    Module { name, definitions }
}

/// `const T N = expr`.
fn parse_const_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Const {
    debug_assert_eq!(pair.as_rule(), Rule::const_dcl);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_const);
    let ty = parse_type_spec(children.expect_type(), ctx);
    let name = parse_identifier(children.expect(Rule::identifier), ctx);
    let value = parse_const_expr(children.expect(Rule::const_expr), ctx);
    Const { ty, name, value }
}

/// `typeid Name "IDL:…:1.0"`.
fn parse_type_id_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TypeId {
    debug_assert_eq!(pair.as_rule(), Rule::type_id_dcl);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_typeid);
    let target = parse_scoped_name(children.expect(Rule::scoped_name), ctx);
    let id = literal::parse_string_literal(children.expect(Rule::string_literal), ctx);
    TypeId { target, id }
}

/// `typeprefix Name "prefix"`, or `typeprefix :: "prefix"` for the global scope.
fn parse_type_prefix_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> TypePrefix {
    debug_assert_eq!(pair.as_rule(), Rule::type_prefix_dcl);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_typeprefix);
    let target = children.expect_any();
    let target = match target.as_rule() {
        Rule::scoped_name => parse_scoped_name(target, ctx),
        // The global scope: an absolute name with no parts.
        Rule::global_scope => ScopedName {
            absolute: true,
            parts: Vec::new(),
            span: ctx.span(target.as_span()),
        },
        other => unreachable!("not a typeprefix target: {other:?}"),
    };
    let prefix = literal::parse_string_literal(children.expect(Rule::string_literal), ctx);
    TypePrefix { target, prefix }
}

/// `import ::CORBA` or `import "IDL:…:1.0"`.
fn parse_import_dcl(pair: Pair<'_>, ctx: &mut Ctx<'_>) -> Import {
    debug_assert_eq!(pair.as_rule(), Rule::import_dcl);
    let mut children = Children::of(pair);
    children.skip_keyword(Rule::kw_import);
    let target = children.expect_any();
    match target.as_rule() {
        Rule::scoped_name => Import::Scope(parse_scoped_name(target, ctx)),
        Rule::string_literal => Import::RepositoryId(literal::parse_string_literal(target, ctx)),
        other => unreachable!("not an import target: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use crate::{
        ast::{DefinitionKind, Import, TypeKind},
        parser::test_util::parse_err_free,
    };

    #[test]
    fn modules_nest_and_reopen() {
        let spec = parse_err_free("module A { module B { const long X = 1; }; }; module A {};");
        assert_eq!(spec.definitions.len(), 2);
        let DefinitionKind::Module(a) = &spec.definitions[0].kind else {
            panic!()
        };
        assert_eq!(a.name.name, "A");
        let DefinitionKind::Module(b) = &a.definitions[0].kind else {
            panic!()
        };
        assert!(matches!(b.definitions[0].kind, DefinitionKind::Const(_)));
        assert_eq!(spec.definitions[1].name().unwrap().name, "A");
    }

    #[test]
    fn definition_span_and_doc() {
        let text = "/** The module. */\n@foo module M { };";
        let spec = parse_err_free(text);
        let d = &spec.definitions[0];
        assert_eq!(d.doc.as_deref(), Some("The module."));
        assert_eq!(&text[d.span.range()], "@foo module M { };");
    }

    #[test]
    fn constants_of_every_kind() {
        let spec = parse_err_free(
            "const fixed F = 14.5D; const string S = \"a\"; const wstring W = L\"b\";
             const unsigned long long U = 18446744073709551615; const M::T N = M::V;
             const long double LD = 1.0; const octet O = 0x0A;",
        );
        let DefinitionKind::Const(f) = &spec.definitions[0].kind else {
            panic!()
        };
        assert_eq!(f.ty.kind, TypeKind::Fixed(None));
        assert_eq!(spec.definitions.len(), 7);
    }

    #[test]
    fn repository_identity() {
        let spec = parse_err_free(
            "typeid A::B \"IDL:x/A/B:1.0\"; typeprefix A \"omg.org\"; typeprefix :: \"g\";
             import ::CORBA; import \"IDL:omg.org/CORBA:1.0\";",
        );
        let DefinitionKind::TypeId(t) = &spec.definitions[0].kind else {
            panic!()
        };
        assert_eq!(t.id.value, "IDL:x/A/B:1.0");
        let DefinitionKind::TypePrefix(p) = &spec.definitions[2].kind else {
            panic!()
        };
        assert!(p.target.absolute && p.target.parts.is_empty());
        assert!(
            matches!(&spec.definitions[3].kind, DefinitionKind::Import(Import::Scope(s)) if s.absolute)
        );
        assert!(matches!(
            &spec.definitions[4].kind,
            DefinitionKind::Import(Import::RepositoryId(_))
        ));
    }

    #[test]
    fn empty_and_comment_only_units() {
        assert!(parse_err_free("").definitions.is_empty());
        assert!(
            parse_err_free("  // nothing\n/* at all */\r\n")
                .definitions
                .is_empty()
        );
    }
}
