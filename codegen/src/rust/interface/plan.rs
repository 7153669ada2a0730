//! The plan of one interface: its methods (operations and attribute accessors) with their
//! Rust names, wire names, operation ids and message layouts, and the names of everything the
//! interface generates. Generation reads only the plan, so every name is decided here once.

use orbit_idl::{
    Diagnostic, Span,
    model::{
        Attribute, Decl, DeclId, DeclKind, ForwardKind, Interface, InterfaceKind, Model, Operation,
        ParamDirection, Type,
    },
};

use crate::{
    ident,
    wire::layout::{self, LayoutError, OperationLayout},
};

/// What a method stands for in IDL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodKind {
    /// An operation.
    Operation,
    /// The getter of an attribute.
    Getter,
    /// The setter of an attribute.
    Setter,
}

/// One parameter of a method.
#[derive(Clone, Debug)]
pub struct Param<'m> {
    /// The IDL name (also the field name in the request or response message).
    pub idl_name: String,
    /// The Rust name.
    pub rust_name: String,
    /// `in`, `out` or `inout`.
    pub direction: ParamDirection,
    /// The IDL type.
    pub ty: &'m Type,
    /// Where the name stands.
    pub span: Span,
}

impl Param<'_> {
    /// Whether the caller passes the parameter in.
    pub fn is_input(&self) -> bool {
        matches!(self.direction, ParamDirection::In | ParamDirection::InOut)
    }

    /// Whether the parameter comes back with the result.
    pub fn is_output(&self) -> bool {
        matches!(self.direction, ParamDirection::Out | ParamDirection::InOut)
    }
}

/// One callable of an interface: an operation, or an attribute's getter or setter.
#[derive(Clone, Debug)]
pub struct Method<'m> {
    /// What it stands for.
    pub kind: MethodKind,
    /// The name on the wire and in the `.proto` (`withdraw`, `_get_balance`); its operation id
    /// is the FNV-1a hash of this name.
    pub wire_name: String,
    /// The IDL name of the operation or attribute, for messages and docs.
    pub idl_name: String,
    /// The Rust method name (`withdraw`, `balance`, `set_balance`).
    pub rust_name: String,
    /// The IDL documentation comment.
    pub doc: Option<String>,
    /// Whether the caller waits for no reply.
    pub oneway: bool,
    /// The parameters, in order (`value` for a setter).
    pub params: Vec<Param<'m>>,
    /// The result type; `None` for `void`.
    pub result: Option<&'m Type>,
    /// The exceptions it may raise, each once, in the order declared.
    pub raises: Vec<DeclId>,
    /// The fields of its request and response messages.
    pub layout: OperationLayout,
    /// Where the operation's or attribute's name stands.
    pub span: Span,
}

impl Method<'_> {
    /// Whether the method returns a generated output struct (it has `out`/`inout` parameters).
    pub fn has_output(&self) -> bool {
        self.params.iter().any(Param::is_output)
    }

    /// The runtime's operation id of the method.
    pub fn operation_id(&self) -> u32 {
        fnv1a(&self.wire_name)
    }
}

/// An interface and the names of what it generates.
#[derive(Clone, Debug)]
pub struct InterfacePlan<'m> {
    /// The interface.
    pub id: DeclId,
    /// Its declaration.
    pub decl: &'m Decl,
    /// Its model.
    pub interface: &'m Interface,
    /// The trait's name (`Account`).
    pub rust_name: String,
    /// Its own methods, operations first, then attribute accessors, in declaration order.
    pub methods: Vec<Method<'m>>,
}

impl<'m> InterfacePlan<'m> {
    /// The client proxy's name (`AccountProxy`).
    pub fn proxy_name(&self) -> String {
        format!("{}Proxy", self.rust_name)
    }

    /// The skeleton's name (`AccountServer`).
    pub fn server_name(&self) -> String {
        format!("{}Server", self.rust_name)
    }

    /// The hidden module holding the messages and glue (`__account_wire`).
    pub fn wire_module(&self) -> String {
        wire_module_of(self.decl)
    }

    /// The module holding the declarations nested in the interface (`account`).
    pub fn items_module(&self) -> String {
        ident::snake(&self.decl.name)
    }

    /// The error enum of a method that raises exceptions (`AccountWithdrawError`).
    pub fn error_name(&self, method: &Method<'_>) -> String {
        format!("{}{}Error", self.rust_name, ident::camel(&method.rust_name))
    }

    /// The output struct of a method with `out`/`inout` parameters (`BankTransferOutput`).
    pub fn output_name(&self, method: &Method<'_>) -> String {
        format!(
            "{}{}Output",
            self.rust_name,
            ident::camel(&method.rust_name)
        )
    }

    /// The type names the interface generates in its module.
    pub fn type_names(&self) -> Vec<TypeName> {
        let name = |name: String, span: Span, interface_only: bool| TypeName {
            name,
            span,
            interface_only,
        };
        let span = self.decl.name_span;
        let mut names = vec![
            name(self.rust_name.clone(), span, false),
            name(self.proxy_name(), span, false),
            name(self.server_name(), span, true),
        ];
        for method in &self.methods {
            if !method.raises.is_empty() {
                names.push(name(self.error_name(method), method.span, true));
            }
            if method.has_output() {
                names.push(name(self.output_name(method), method.span, true));
            }
        }
        names
    }
}

/// The hidden wire module of interface `decl` (`__account_wire`).
pub fn wire_module_of(decl: &Decl) -> String {
    format!("__{}_wire", ident::snake(&decl.name))
}

/// A type name an interface generates in its module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeName {
    /// The Rust name.
    pub name: String,
    /// What to blame when it collides: the interface's or the method's name.
    pub span: Span,
    /// Whether only interface generation knows the name (the skeleton, error enums, output
    /// structs); the trait's and the proxy's names are checked against every declaration of the
    /// scope by the data generator's `check_names`.
    pub interface_only: bool,
}

/// The request message of a method (`withdraw_Request`, in the wire module).
pub fn request_name(method: &Method<'_>) -> String {
    format!("{}_Request", method.wire_name)
}

/// The response message of a method (`withdraw_Response`, in the wire module).
pub fn response_name(method: &Method<'_>) -> String {
    format!("{}_Response", method.wire_name)
}

/// The operation-id constant of a method (`withdraw_ID`, in the wire module).
pub fn id_name(method: &Method<'_>) -> String {
    format!("{}_ID", method.wire_name)
}

/// 32-bit FNV-1a, as `orbit::dispatch::operation_id` computes it.
pub fn fnv1a(name: &str) -> u32 {
    name.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// The plan of interface `id`, or the problems that prevent one.
///
/// # Errors
///
/// When a parameter, result or attribute has a type with no wire mapping.
pub fn plan(model: &Model, id: DeclId) -> Result<InterfacePlan<'_>, Vec<Diagnostic>> {
    let Some(decl) = model.get(id) else {
        return Err(Vec::new());
    };
    let DeclKind::Interface(interface) = &decl.kind else {
        return Err(Vec::new());
    };
    let mut problems = Vec::new();
    let mut methods = Vec::new();
    for op in &interface.operations {
        methods.extend(operation(model, op, &mut problems));
    }
    for attribute in &interface.attributes {
        methods.extend(
            accessors(model, attribute, &mut problems)
                .into_iter()
                .flatten(),
        );
    }
    for method in &methods {
        check_references(model, method, &mut problems);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(InterfacePlan {
        id,
        decl,
        interface,
        rust_name: ident::camel(&decl.name),
        methods,
    })
}

/// The method of an operation, or `None` with the problem in `problems`.
fn operation<'m>(
    model: &'m Model,
    op: &'m Operation,
    problems: &mut Vec<Diagnostic>,
) -> Option<Method<'m>> {
    let layout = match layout::operation_layout(model, op) {
        Ok(layout) => layout,
        Err(error) => {
            let blamed = |p: &&orbit_idl::model::Param| matches!(&error, LayoutError::Unsupported { member, .. } if *member == p.name);
            let span = op
                .params
                .iter()
                .find(blamed)
                .map_or(op.name_span, |p| p.name_span);
            problems.push(layout_diagnostic(&error, &op.name, span));
            return None;
        }
    };
    let params = op
        .params
        .iter()
        .map(|p| Param {
            idl_name: p.name.to_string(),
            rust_name: ident::snake(&p.name),
            direction: p.direction,
            ty: &p.ty,
            span: p.name_span,
        })
        .collect();
    Some(Method {
        kind: MethodKind::Operation,
        wire_name: op.name.to_string(),
        idl_name: op.name.to_string(),
        rust_name: ident::snake(&op.name),
        doc: op.doc.clone(),
        oneway: op.oneway,
        params,
        result: op.result.as_ref(),
        raises: dedup(&op.raises),
        layout,
        span: op.name_span,
    })
}

/// The getter and setter of an attribute, or `None` with the problem in `problems`.
fn accessors<'m>(
    model: &'m Model,
    a: &'m Attribute,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<Method<'m>>> {
    let (get, set) = match layout::attribute_layouts(model, &a.ty, &a.get_raises, &a.set_raises) {
        Ok(layouts) => layouts,
        Err(error) => {
            problems.push(layout_diagnostic(&error, &a.name, a.name_span));
            return None;
        }
    };
    let getter = Method {
        kind: MethodKind::Getter,
        wire_name: format!("_get_{}", a.name),
        idl_name: a.name.to_string(),
        rust_name: ident::snake(&a.name),
        doc: a.doc.clone(),
        oneway: false,
        params: Vec::new(),
        result: Some(&a.ty),
        raises: dedup(&a.get_raises),
        layout: get,
        span: a.name_span,
    };
    if a.readonly {
        return Some(vec![getter]);
    }
    let setter = Method {
        kind: MethodKind::Setter,
        wire_name: format!("_set_{}", a.name),
        idl_name: a.name.to_string(),
        rust_name: ident::snake(&format!("set_{}", a.name)),
        doc: a.doc.clone(),
        oneway: false,
        params: vec![Param {
            idl_name: "value".to_owned(),
            rust_name: "value".to_owned(),
            direction: ParamDirection::In,
            ty: &a.ty,
            span: a.name_span,
        }],
        result: None,
        raises: dedup(&a.set_raises),
        layout: set,
        span: a.name_span,
    };
    Some(vec![getter, setter])
}

/// A reference can only name an interface that has a proxy: one defined in this unit, and not
/// `local`.
fn check_references(model: &Model, method: &Method<'_>, problems: &mut Vec<Diagnostic>) {
    let typed = method
        .params
        .iter()
        .map(|p| (p.ty, p.span, p.idl_name.as_str()))
        .chain(method.result.map(|ty| (ty, method.span, "result")));
    for (ty, span, what) in typed {
        let Type::Named(id) = model.resolve_alias(ty) else {
            continue;
        };
        let Some(target) = model.get(*id) else {
            continue;
        };
        let problem = match &target.kind {
            DeclKind::Forward(ForwardKind::Interface(_)) => "is declared but never defined",
            DeclKind::Interface(i) if i.kind == InterfaceKind::Local => {
                "is `local`: it cannot be called remotely"
            }
            _ => continue,
        };
        problems.push(
            Diagnostic::error(
                format!(
                    "`{what}` of `{}` refers to interface `{}`, which {problem}",
                    method.idl_name, target.scoped_name
                ),
                span,
            )
            .with_secondary(target.name_span, "declared here")
            .with_note("a reference needs the interface's proxy, which is not generated"),
        );
    }
}

fn layout_diagnostic(error: &LayoutError, owner: &str, span: Span) -> Diagnostic {
    match error {
        LayoutError::Unsupported {
            member,
            unsupported,
        } => Diagnostic::error(
            format!("`{}` is not supported in interfaces", unsupported.construct),
            span,
        )
        .with_label(format!("`{member}` of `{owner}`"))
        .with_note("the protobuf mapping cannot carry it (see `docs/DESIGN.md`)"),
        LayoutError::BadNumber { member, number } => Diagnostic::error(
            format!(
                "`{member}` of `{owner}` gets field number {number}, which proto does not allow"
            ),
            span,
        ),
    }
}

/// `ids` without repeats, first occurrence kept.
fn dedup(ids: &[DeclId]) -> Vec<DeclId> {
    let mut out: Vec<DeclId> = Vec::with_capacity(ids.len());
    for &id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Every interface `id` inherits from, directly or not, each once, nearest first (breadth
/// first, bases in the order written).
pub fn ancestors(model: &Model, id: DeclId) -> Vec<DeclId> {
    let mut out: Vec<DeclId> = Vec::new();
    let mut next = 0;
    let mut current = Some(id);
    // The checker refuses cycles; `out` cannot grow past the model's size, which bounds the
    // walk on a hand-built model too.
    while let Some(at) = current {
        if let Some(DeclKind::Interface(interface)) = model.get(at).map(|d| &d.kind) {
            for &base in &interface.bases {
                if base != id && !out.contains(&base) && out.len() < model.len() {
                    out.push(base);
                }
            }
        }
        current = out.get(next).copied();
        next += 1;
    }
    out
}
