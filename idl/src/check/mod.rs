//! The semantic pass: from the AST to the checked [`Model`].
//!
//! The pass walks the specification once, in source order, the way IDL is meant to be read:
//! a name must be declared before it is used, so every reference is resolved against the
//! declarations seen so far. Each definition is declared in the symbol table, its references
//! resolved, its constants evaluated and its rules checked before the next one is read.
//! `#pragma`s are applied where they stand. Repository ids, pragmas that name declarations and
//! forward declarations that were never completed are settled at the end.
//!
//! Every problem goes to the [`Diagnostics`]; the pass keeps going past errors, declaring what it
//! can so one mistake is reported once.
//!
//! # Code layout
//!
//! The pass runs a lot of code per declaration, so where that code lies matters: the handler of
//! each kind of definition is kept out of line (`#[inline(never)]`), since inlined into the
//! dispatch they made one function too large for the instruction cache, and reporting is
//! marked cold, so the code building a diagnostic lies away from the checks that rarely fail.
//!
//! # Organization
//!
//! * this module: [`check`], the checker's state and small helpers;
//! * `symbols`: the symbol table, keyed by (scope, case-folded name), and declaration clashes;
//! * `folded`: maps and sets keyed by names compared without regard to case;
//! * `interner`: every distinct identifier stored once, as a shared [`crate::model::Name`];
//! * `resolve`: scoped-name lookup (§7.5), inherited scopes, "did you mean";
//! * `definitions`: the walk over definitions, modules, typedefs, constants, natives, forwards;
//! * `types`: type specifiers to [`Type`](crate::model::Type), bounds and array dimensions;
//! * `eval` and `fixed`: constant expressions and fixed-point arithmetic;
//! * `structs`, `unions`, `enums`, `interfaces`: the rules of each construct, inheritance;
//! * `annotations` and `builtin_annotations`: annotation applications and declarations;
//! * `member_ids` and `md5`: DDS-XTypes member ids (`@id`, `@autoid`, `@hashid`);
//! * `pragmas`: `#pragma prefix|ID|version|keylist|DCPS_DATA_TYPE|DCPS_DATA_KEY`;
//! * `repo_id`: scoped names and OMG repository ids (built at the end, in one buffer), `typeid`
//!   and `typeprefix`;
//! * `unsupported`: valuetypes and CCM constructs, checked lightly and kept for diagnostics;
//! * `scratch`: containers reused from one body to the next.

mod annotations;
mod builtin_annotations;
mod definitions;
mod enums;
mod eval;
mod fixed;
mod folded;
mod interfaces;
mod interner;
mod md5;
mod member_ids;
mod pragmas;
mod repo_id;
mod resolve;
mod scratch;
mod structs;
mod symbols;
mod types;
mod unions;
mod unsupported;

#[cfg(test)]
mod tests;

use std::{
    cell::RefCell,
    collections::{HashMap, HashSet},
    ops::Range,
    rc::Rc,
};

use crate::{
    ast::{Ident, Specification},
    diagnostic::{Diagnostic, Diagnostics},
    model::{Decl, DeclId, DeclKind, Model, Name},
    preprocess::Preprocessed,
    source::{FileId, SourceMap, Span},
};

/// Checks a parsed specification and builds the model code generation consumes. Every error
/// found goes to `diagnostics`.
pub fn check(
    spec: &Specification,
    unit: &Preprocessed,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) -> Model {
    let mut checker = Checker::new(unit, sources, diagnostics);
    checker.run(spec);
    checker.finish()
}

/// How far a declaration has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DeclState {
    /// Declared ahead (`struct S;`), not defined yet.
    Forward,
    /// Its body is being checked: it may be named, but not contained by value.
    Defining,
    /// Complete.
    Defined,
}

/// What the checker keeps about a declaration beside its model entry.
#[derive(Clone, Debug)]
struct DeclInfo {
    state: DeclState,
    /// The first forward declaration, if there was one.
    forward_span: Option<Span>,
    /// The body of the repository id as a `#pragma prefix` made it, without the declaration's
    /// own name (`omg.org/CosNaming` for `omg.org/CosNaming/Name`); `None` when no prefix
    /// applied, and the body is the scoped name.
    repo_body: Option<Rc<str>>,
    /// Whether a base of this interface or struct failed to resolve: names that are not found
    /// inside it may come from that base, so they are not reported again.
    unresolved_base: bool,
    /// Whether a name was declared directly in this scope: lookups skip scopes that declare
    /// nothing (most interfaces and structs).
    declares: bool,
    /// Whether this interface, struct or bitset has bases (set with them).
    has_bases: bool,
    /// For an interface, where the classes of its operations' and then its attributes' names
    /// lie in `Checker::operation_classes`.
    operations: Range<u32>,
}

/// One open scope of the walk.
#[derive(Clone, Debug)]
struct Frame {
    /// The scope's declaration; `None` for the global scope.
    decl: Option<DeclId>,
    /// Per file, the repository id body `#pragma prefix` set for this scope.
    prefixes: Vec<(FileId, Rc<str>)>,
}

/// The state of one run of the semantic pass.
struct Checker<'a> {
    sources: &'a SourceMap,
    diags: &'a mut Diagnostics,
    names: interner::Interner,
    decls: Vec<Decl>,
    /// The name of each declaration, as its (first) declaration spells it in the syntax tree.
    /// The model's `Decl::name` is only filled in at the end, with the scoped names.
    decl_names: Vec<&'a str>,
    info: Vec<DeclInfo>,
    root: Vec<DeclId>,
    symbols: symbols::Symbols<'a>,
    frames: Vec<Frame>,
    pragmas: pragmas::PragmaState<'a>,
    scratch: scratch::Scratch,
    annotations: annotations::AnnotationDecls,
    /// Uses of a type by value, checked at the end for types declared but never defined.
    by_value_uses: Vec<(DeclId, Span)>,
    /// How many more "did you mean" searches the run may do (bounds the work on bad input).
    suggestions_left: u32,
    /// Current nesting depth of definitions and expressions, against [`MAX_DEPTH`].
    depth: u32,
    too_deep_reported: bool,
    /// A `typeprefix ::` for the global scope.
    global_type_prefix: Option<String>,
    /// What `#pragma ID`, `#pragma version`, `typeid` and `typeprefix` set, by declaration
    /// (few have any).
    repo_settings: HashMap<DeclId, repo_id::RepoSettings, folded::FxBuild>,
    /// While above zero, diagnostics are dropped (quiet lookups).
    quiet: u32,
    /// Whether a union case label is being evaluated (numbers are then accepted, with a
    /// warning, for `char` and `boolean` discriminators).
    in_case_label: bool,
    /// Enumerators of other enums declared with the same name in the same scope, by the
    /// enumerator the symbol table holds. A bare use of such a name is ambiguous unless the
    /// expected enum decides.
    enumerator_alternatives: HashMap<(DeclId, u32), Vec<(DeclId, u32)>>,
    /// Interfaces inheriting from an interface only declared ahead: (derived, base, where).
    forward_bases: Vec<(DeclId, DeclId, Span)>,
    /// First components of `import`ed scopes that are not in the unit: names inside them
    /// cannot be checked.
    unknown_imports: HashSet<String>,
    /// The ancestors of interfaces and structs, computed when first needed.
    ancestors_cache: RefCell<HashMap<DeclId, Rc<[DeclId]>, folded::FxBuild>>,
    /// The empty ancestor list, shared.
    no_ancestors: Rc<[DeclId]>,
    /// The classes of the names of every interface's operations and attributes (see
    /// `DeclInfo::operations`).
    operation_classes: Vec<u32>,
}

/// The deepest nesting of definitions and expressions checked; deeper input is reported and
/// skipped instead of overflowing the stack.
const MAX_DEPTH: u32 = 256;

impl<'a> Checker<'a> {
    fn new(unit: &'a Preprocessed, sources: &'a SourceMap, diags: &'a mut Diagnostics) -> Self {
        // Real files hold a declaration per 60 to 100 bytes: reserve for that much (the text
        // bounds it) rather than grow the tables step by step.
        let estimate = (unit.text.len() / 64).min(1 << 20);
        Checker {
            sources,
            diags,
            names: interner::Interner::default(),
            decls: Vec::with_capacity(estimate),
            decl_names: Vec::with_capacity(estimate),
            info: Vec::with_capacity(estimate),
            root: Vec::new(),
            symbols: symbols::Symbols::with_capacity(estimate),
            frames: vec![Frame {
                decl: None,
                prefixes: Vec::new(),
            }],
            pragmas: pragmas::PragmaState::new(&unit.pragmas),
            scratch: scratch::Scratch::default(),
            annotations: annotations::AnnotationDecls::default(),
            by_value_uses: Vec::new(),
            suggestions_left: 64,
            depth: 0,
            too_deep_reported: false,
            global_type_prefix: None,
            repo_settings: HashMap::default(),
            quiet: 0,
            in_case_label: false,
            enumerator_alternatives: HashMap::new(),
            forward_bases: Vec::new(),
            unknown_imports: HashSet::new(),
            ancestors_cache: RefCell::default(),
            no_ancestors: Rc::from(Vec::new()),
            operation_classes: Vec::new(),
        }
    }

    fn run(&mut self, spec: &'a Specification) {
        self.definitions(&spec.definitions);
        self.pragmas_at_end();
        self.check_by_value_uses();
        self.check_forward_bases();
        self.assign_names_and_ids();
    }

    fn finish(self) -> Model {
        Model::new(self.decls, self.root)
    }

    /// Reports a diagnostic (unless a quiet lookup is running). Marked cold: the code that
    /// builds a diagnostic is then laid out away from the checks that rarely fail.
    #[cold]
    fn error(&mut self, diagnostic: Diagnostic) {
        if self.quiet == 0 {
            self.diags.push(diagnostic);
        }
    }

    /// The scope the walk is in (`None` for the global scope).
    fn scope(&self) -> Option<DeclId> {
        self.frames.last().and_then(|f| f.decl)
    }

    fn decl(&self, id: DeclId) -> &Decl {
        &self.decls[id.index()]
    }

    fn decl_mut(&mut self, id: DeclId) -> &mut Decl {
        &mut self.decls[id.index()]
    }

    /// The name of declaration `id`.
    fn decl_name(&self, id: DeclId) -> &'a str {
        self.decl_names.get(id.index()).copied().unwrap_or_default()
    }

    fn info(&self, id: DeclId) -> &DeclInfo {
        &self.info[id.index()]
    }

    fn info_mut(&mut self, id: DeclId) -> &mut DeclInfo {
        &mut self.info[id.index()]
    }

    /// `kind name` for messages: "struct `A::B`".
    fn describe(&self, id: DeclId) -> String {
        let decl = self.decl(id);
        format!("{} `{}`", decl.kind.describe(), self.scoped_name(id))
    }

    /// Creates a declaration in the current scope and lists it among the scope's items. The
    /// caller registers it in the symbol table.
    fn new_decl(
        &mut self,
        name: &'a Ident,
        span: Span,
        doc: Option<String>,
        kind: DeclKind,
    ) -> DeclId {
        let id = DeclId(self.decls.len() as u32);
        let parent = self.scope();
        let repo_body = self.default_repo_body(name.span.file);
        // The name, scoped name and repository id are filled in at the end (see `repo_id`):
        // until then, the checker reads names from `decl_names`, and messages build scoped
        // names with `scoped_name`.
        self.decl_names.push(&name.name);
        self.decls.push(Decl {
            name: Name::EMPTY,
            scoped_name: Name::EMPTY,
            parent,
            doc,
            annotations: Vec::new(),
            span,
            name_span: name.span,
            custom_repository_id: None,
            kind,
        });
        self.info.push(DeclInfo {
            state: DeclState::Defined,
            forward_span: None,
            repo_body,
            unresolved_base: false,
            declares: false,
            has_bases: false,
            operations: 0..0,
        });
        self.push_item(parent, id);
        id
    }

    /// Lists `id` among the items of `parent` (the root when `None`).
    fn push_item(&mut self, parent: Option<DeclId>, id: DeclId) {
        let Some(parent) = parent else {
            self.root.push(id);
            return;
        };
        match &mut self.decl_mut(parent).kind {
            DeclKind::Module(m) => m.items.push(id),
            DeclKind::Interface(i) => i.items.push(id),
            DeclKind::Struct(s) => s.inner.push(id),
            DeclKind::Union(u) => u.inner.push(id),
            DeclKind::Exception(e) => e.inner.push(id),
            DeclKind::Unsupported(u) => u.items.push(id),
            _ => {}
        }
    }

    /// Opens the scope of `id` (a module, interface, struct, …).
    fn enter(&mut self, id: DeclId) {
        let name = self.decl_name(id);
        let prefixes = self.frames.last().map_or(Vec::new(), |parent| {
            parent
                .prefixes
                .iter()
                .map(|(file, body)| (*file, Rc::from(join_path(body, name))))
                .collect()
        });
        self.frames.push(Frame {
            decl: Some(id),
            prefixes,
        });
    }

    /// Closes the innermost scope.
    fn leave(&mut self) {
        if self.frames.len() > 1 {
            self.frames.pop();
        }
    }

    /// Enters one more level of nesting; `false` (after reporting it once) when the input nests
    /// too deeply to check. Every `true` must be matched by an [`ascend`](Self::ascend).
    #[inline]
    fn descend(&mut self, span: Span) -> bool {
        if self.depth >= MAX_DEPTH {
            self.too_deep(span);
            return false;
        }
        self.depth += 1;
        true
    }

    /// Reports, once, input nested deeper than [`MAX_DEPTH`].
    #[cold]
    fn too_deep(&mut self, span: Span) {
        if !self.too_deep_reported {
            self.too_deep_reported = true;
            self.error(
                Diagnostic::error("nesting is too deep to check", span)
                    .with_note(format!("at most {MAX_DEPTH} levels are supported")),
            );
        }
    }

    /// Leaves a level entered with [`descend`](Self::descend).
    fn ascend(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }
}

/// `a/b` from `a` and `b`, or `b` when `a` is empty.
fn join_path(base: &str, name: &str) -> String {
    if base.is_empty() {
        name.to_owned()
    } else {
        format!("{base}/{name}")
    }
}
