//! Annotation applications and declarations (§7.4.15): the standard annotations are checked
//! against their definitions (parameters, types, required values, placement), user annotations
//! declared with `@annotation` against their declaration, and unknown ones are kept with a
//! warning, since real files use vendor annotations.
//!
//! This module applies annotations; `user` holds the declared ones.

mod user;

pub(super) use user::AnnotationDecls;

use super::{
    Checker,
    builtin_annotations::{self, Builtin, Default, ParamType, Place},
    eval::Target,
};
use crate::{
    ast::{self, AnnotationArgs, ConstExpr, ExprKind, Literal},
    diagnostic::Diagnostic,
    model::{
        Annotation, AnnotationParam, AnnotationValue, ConstValue, Extensibility, Fixed, Name,
        Primitive, Type,
    },
    source::Span,
};

/// The parameters an application gave: name (`value` for the positional form), its span and its
/// expression.
type GivenArgs<'e> = Vec<(&'e str, Span, &'e ConstExpr)>;

impl<'a> Checker<'a> {
    /// Checks and evaluates the annotations applied at `place`. `context` is the type of the
    /// annotated value (a member's type), which `any` parameters such as `@default` take.
    pub(super) fn annotate(
        &mut self,
        annotations: &[ast::Annotation],
        place: Place,
        context: Option<&Type>,
    ) -> Vec<Annotation> {
        if annotations.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<Annotation> = Vec::with_capacity(annotations.len());
        for annotation in annotations {
            let applied = if let Some(index) = self.find_user_annotation(&annotation.name) {
                self.apply_user(annotation, index)
            } else if let Some(builtin) = self.find_builtin(annotation) {
                self.apply_builtin(annotation, builtin, place, context)
            } else {
                self.error(
                    Diagnostic::warning(
                        format!("unknown annotation `@{}`", annotation.name),
                        annotation.name.span,
                    )
                    .with_note("it is kept as written but not checked"),
                );
                self.raw_annotation(annotation)
            };
            if applied.builtin {
                self.check_repeated(&out, &applied);
            }
            out.push(applied);
        }
        self.check_extensibility_conflict(&out);
        out
    }

    fn find_builtin(&mut self, annotation: &ast::Annotation) -> Option<&'static Builtin> {
        let [part] = annotation.name.parts.as_slice() else {
            return None;
        };
        if let Some(builtin) = builtin_annotations::find(&part.name) {
            return Some(builtin);
        }
        let builtin = builtin_annotations::find_ignoring_case(&part.name)?;
        self.error(
            Diagnostic::warning(
                format!(
                    "annotation `@{}` is spelled `@{}` in the standard",
                    part.name, builtin.name
                ),
                part.span,
            )
            .with_note(format!("it is read as `@{}`", builtin.name)),
        );
        Some(builtin)
    }

    fn apply_builtin(
        &mut self,
        annotation: &ast::Annotation,
        builtin: &'static Builtin,
        place: Place,
        context: Option<&Type>,
    ) -> Annotation {
        let name = builtin.name;
        if !builtin.places.allows(place) {
            self.error(
                Diagnostic::error(
                    format!("`@{name}` cannot be applied to {}", place.describe()),
                    annotation.span,
                )
                .with_note(format!(
                    "`@{name}` applies to {}",
                    builtin.places.describe()
                )),
            );
        }
        // Standard annotations have at most three parameters.
        let mut names = [""; 4];
        for (slot, param) in names.iter_mut().zip(builtin.params) {
            *slot = param.name;
        }
        let param_names = names.get(..builtin.params.len()).unwrap_or(&names);
        let given = self.given_args(annotation, param_names, name);
        let mut params = Vec::with_capacity(builtin.params.len());
        for param in builtin.params {
            let value = match given.iter().find(|(n, ..)| *n == param.name) {
                Some((_, _, expr)) => self.builtin_value(expr, param.ty, context, name),
                None => match param.default {
                    Some(default) => Some(self.default_value(default)),
                    None => {
                        self.error(
                            Diagnostic::error(
                                format!("`@{name}` requires a `{}` argument", param.name),
                                annotation.span,
                            )
                            .with_help(missing_help(name, param.name)),
                        );
                        None
                    }
                },
            };
            if let Some(value) = value {
                params.push(AnnotationParam {
                    name: self.intern(param.name),
                    value,
                });
            }
        }
        Annotation {
            name: self.intern(name),
            builtin: true,
            params,
            span: annotation.span,
        }
    }

    /// Matches an application's arguments to the parameter names, reporting unknown, repeated
    /// and misplaced ones.
    fn given_args<'e>(
        &mut self,
        annotation: &'e ast::Annotation,
        params: &[&'e str],
        name: &str,
    ) -> GivenArgs<'e> {
        let mut given: GivenArgs<'e> = Vec::new();
        match &annotation.args {
            AnnotationArgs::None => {}
            AnnotationArgs::Positional(expr) => {
                let target = if params.contains(&"value") {
                    Some("value")
                } else if let [only] = params {
                    Some(*only)
                } else {
                    None
                };
                match target {
                    Some(param) => given.push((param, expr.span, expr)),
                    None if params.is_empty() => self.error(
                        Diagnostic::error(format!("`@{name}` takes no arguments"), expr.span)
                            .with_label("unexpected argument"),
                    ),
                    None => self.error(
                        Diagnostic::error(format!("`@{name}` needs named arguments"), expr.span)
                            .with_help(format!(
                                "write `@{name}({})`",
                                params
                                    .iter()
                                    .map(|p| format!("{p} = …"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )),
                    ),
                }
            }
            AnnotationArgs::Named(args) => {
                for arg in args {
                    if !params.contains(&arg.name.name.as_str()) {
                        let note = match params {
                            [] => format!("`@{name}` takes no arguments"),
                            _ => format!(
                                "the parameters of `@{name}` are {}",
                                params
                                    .iter()
                                    .map(|p| format!("`{p}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        };
                        self.error(
                            Diagnostic::error(
                                format!("`@{name}` has no parameter `{}`", arg.name.name),
                                arg.name.span,
                            )
                            .with_note(note),
                        );
                        continue;
                    }
                    if let Some((_, first, _)) = given.iter().find(|(n, ..)| *n == arg.name.name) {
                        let first = *first;
                        self.error(
                            Diagnostic::error(
                                format!("parameter `{}` is given more than once", arg.name.name),
                                arg.name.span,
                            )
                            .with_secondary(first, "first given here"),
                        );
                        continue;
                    }
                    given.push((&arg.name.name, arg.name.span, &arg.value));
                }
            }
        }
        given
    }

    fn builtin_value(
        &mut self,
        expr: &ConstExpr,
        ty: ParamType,
        context: Option<&Type>,
        annotation: &str,
    ) -> Option<AnnotationValue> {
        let target = match ty {
            ParamType::Bool => Target::Bool,
            ParamType::UShort => Target::Int(Primitive::UShort),
            ParamType::ULong => Target::Int(Primitive::ULong),
            ParamType::String => Target::String(None),
            ParamType::Enum(literals) => return self.enum_literal(expr, literals),
            ParamType::Flags(flags) => return self.flags(expr, flags).map(AnnotationValue::Flags),
            ParamType::Any => match context {
                None => Target::Any,
                Some(ty) if *self.unalias(ty) == Type::Unresolved => return None,
                Some(ty) => match self.target_for(ty) {
                    Some(target) => target,
                    None => {
                        let shown = self.type_name(ty);
                        self.error(Diagnostic::error(
                            format!(
                                "`@{annotation}` cannot be given for a value of type `{shown}`"
                            ),
                            expr.span,
                        ));
                        return None;
                    }
                },
            },
        };
        self.eval(expr, &target).map(AnnotationValue::Const)
    }

    /// An enumerator of an annotation's own enum: a bare name among `literals`.
    fn enum_literal(&mut self, expr: &ConstExpr, literals: &[&str]) -> Option<AnnotationValue> {
        if let ExprKind::Name(name) = &expr.kind
            && let Some(last) = name.parts.last()
            && literals.contains(&last.name.as_str())
        {
            return Some(AnnotationValue::Literal(self.intern(&last.name)));
        }
        let found = self.sources.snippet(expr.span).to_owned();
        self.error(
            Diagnostic::error(
                format!("expected one of {}, found `{found}`", list(literals)),
                expr.span,
            )
            .with_label("not one of the allowed values"),
        );
        None
    }

    /// Flags of an annotation's own bitmask: names among `flags` joined by `|`.
    fn flags(&mut self, expr: &ConstExpr, flags: &[&str]) -> Option<Vec<Name>> {
        let mut out = Vec::new();
        let mut stack = vec![expr];
        while let Some(expr) = stack.pop() {
            match &expr.kind {
                ExprKind::Binary(ast::BinaryOp::Or, left, right) => {
                    stack.push(right);
                    stack.push(left);
                }
                ExprKind::Name(name)
                    if name
                        .parts
                        .last()
                        .is_some_and(|p| flags.contains(&p.name.as_str())) =>
                {
                    if let Some(last) = name.parts.last() {
                        let flag = self.intern(&last.name);
                        out.push(flag);
                    }
                }
                _ => {
                    let found = self.sources.snippet(expr.span).to_owned();
                    self.error(
                        Diagnostic::error(
                            format!("expected flags among {}, found `{found}`", list(flags)),
                            expr.span,
                        )
                        .with_help("combine flags with `|`"),
                    );
                    return None;
                }
            }
        }
        Some(out)
    }

    fn check_repeated(&mut self, before: &[Annotation], applied: &Annotation) {
        let repeatable = builtin_annotations::find(&applied.name).is_some_and(|b| b.repeatable);
        if repeatable {
            return;
        }
        if let Some(first) = before.iter().find(|a| a.builtin && a.name == applied.name) {
            self.error(
                Diagnostic::error(
                    format!("`@{}` is applied more than once", applied.name),
                    applied.span,
                )
                .with_secondary(first.span, "first applied here"),
            );
        }
    }

    fn check_extensibility_conflict(&mut self, annotations: &[Annotation]) {
        let mut first: Option<&Annotation> = None;
        for annotation in annotations.iter().filter(|a| extensibility_of(a).is_some()) {
            match first {
                None => first = Some(annotation),
                Some(first) if first.name != annotation.name => {
                    self.error(
                        Diagnostic::error(
                            format!(
                                "`@{}` conflicts with `@{}`: a type has one extensibility",
                                annotation.name, first.name
                            ),
                            annotation.span,
                        )
                        .with_secondary(first.span, "extensibility first set here"),
                    );
                    return;
                }
                Some(_) => {}
            }
        }
    }

    fn default_value(&mut self, default: Default) -> AnnotationValue {
        match default {
            Default::Bool(b) => AnnotationValue::Const(ConstValue::Bool(b)),
            Default::Str(s) => AnnotationValue::Const(ConstValue::String(s.to_owned())),
            Default::Literal(s) => AnnotationValue::Literal(self.intern(s)),
        }
    }

    /// An unknown annotation, with its arguments kept as written.
    fn raw_annotation(&mut self, annotation: &ast::Annotation) -> Annotation {
        let raw = |this: &mut Self, expr: &ConstExpr| match &expr.kind {
            ExprKind::Literal(literal) => AnnotationValue::Const(literal_value(literal)),
            _ => AnnotationValue::Literal(Name::from(this.sources.snippet(expr.span))),
        };
        let params = match &annotation.args {
            AnnotationArgs::None => Vec::new(),
            AnnotationArgs::Positional(expr) => vec![AnnotationParam {
                name: self.intern("value"),
                value: raw(self, expr),
            }],
            AnnotationArgs::Named(args) => args
                .iter()
                .map(|arg| AnnotationParam {
                    name: self.intern(&arg.name.name),
                    value: raw(self, &arg.value),
                })
                .collect(),
        };
        Annotation {
            name: self.intern(&annotation.name.to_string()),
            builtin: false,
            params,
            span: annotation.span,
        }
    }
}

/// The extensibility an annotation sets, if it is one of the extensibility annotations.
pub(super) fn extensibility_of(annotation: &Annotation) -> Option<Extensibility> {
    if !annotation.builtin {
        return None;
    }
    match annotation.name.as_str() {
        "final" => Some(Extensibility::Final),
        "appendable" => Some(Extensibility::Appendable),
        "mutable" => Some(Extensibility::Mutable),
        "extensibility" => match annotation.value().and_then(AnnotationValue::as_str) {
            Some("FINAL") => Some(Extensibility::Final),
            Some("APPENDABLE") => Some(Extensibility::Appendable),
            Some("MUTABLE") => Some(Extensibility::Mutable),
            _ => None,
        },
        _ => None,
    }
}

/// The extensibility the annotations of a type set.
pub(super) fn extensibility(annotations: &[Annotation]) -> Option<Extensibility> {
    annotations.iter().find_map(extensibility_of)
}

/// The standard annotation `name` among `annotations`.
pub(super) fn builtin<'a>(annotations: &'a [Annotation], name: &str) -> Option<&'a Annotation> {
    annotations.iter().find(|a| a.builtin && a.name == name)
}

/// Whether the boolean standard annotation `name` is applied and true (`@key`, `@key(TRUE)`).
pub(super) fn is_set(annotations: &[Annotation], name: &str) -> bool {
    builtin(annotations, name)
        .and_then(Annotation::value)
        .and_then(AnnotationValue::as_bool)
        .unwrap_or(false)
}

/// A literal's value with no declared type.
fn literal_value(literal: &Literal) -> ConstValue {
    match literal {
        Literal::Integer(n) => match i128::try_from(*n) {
            Ok(n) if n > i128::from(i64::MAX) => ConstValue::Integer(n, Primitive::ULongLong),
            Ok(n) => ConstValue::Integer(n, Primitive::LongLong),
            Err(_) => ConstValue::Integer(i128::MAX, Primitive::ULongLong),
        },
        Literal::Float(f) => ConstValue::Float(*f, Primitive::Double),
        Literal::Fixed(lit) => ConstValue::Fixed(
            super::fixed::from_digits(&lit.digits, lit.scale).unwrap_or(Fixed {
                mantissa: 0,
                scale: 0,
            }),
        ),
        Literal::Char(c) => ConstValue::Char(*c),
        Literal::WChar(c) => ConstValue::WChar(*c),
        Literal::String(s) => ConstValue::String(s.clone()),
        Literal::WString(s) => ConstValue::WString(s.clone()),
        Literal::Boolean(b) => ConstValue::Bool(*b),
    }
}

/// "`A`, `B` or `C`".
fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

fn missing_help(annotation: &str, param: &str) -> String {
    if param == "value" {
        format!("write `@{annotation}(…)` with a value")
    } else {
        format!("add `{param} = …` to `@{annotation}(…)`")
    }
}
