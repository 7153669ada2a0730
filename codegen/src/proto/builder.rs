//! The file and package layout: which file each definition goes to, the imports between files
//! (and the cycles protobuf cannot express), and the finished, sorted output.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use orbit_idl::{Diagnostic, Diagnostics, Span, model::Model};

use super::{
    ProtoFile, diagnose,
    ir::{Field, File, Item, Label, Message},
    names::{self, Names, OBJECT_REF, ORBIT_PACKAGE},
    render,
};

/// Collects the definitions of every file while the model is walked.
pub(crate) struct Builder<'a> {
    /// The checked model.
    pub(crate) model: &'a Model,
    /// Package-wide names.
    pub(crate) names: Names,
    files: BTreeMap<String, File>,
    /// For each package, the packages it imports and the first place that needed each.
    imports: BTreeMap<String, BTreeMap<String, Span>>,
    /// Wrapper messages made while the current message was built, written after it.
    wrappers: Vec<Message>,
    object_ref: bool,
    diagnostics: Diagnostics,
    reported: HashSet<(Span, String)>,
}

impl<'a> Builder<'a> {
    /// A builder for `model`, with every type already named.
    pub(crate) fn new(model: &'a Model) -> Self {
        Builder {
            model,
            names: Names::new(model),
            files: BTreeMap::new(),
            imports: BTreeMap::new(),
            wrappers: Vec::new(),
            object_ref: false,
            diagnostics: Diagnostics::new(),
            reported: HashSet::new(),
        }
    }

    /// Reports a problem, once per place and message (a base struct's member is seen again in
    /// every derived struct).
    pub(crate) fn error(&mut self, diagnostic: Diagnostic) {
        let key = (
            diagnostic
                .primary
                .as_ref()
                .map(|l| l.span)
                .unwrap_or_default(),
            diagnostic.message.clone(),
        );
        if self.reported.insert(key) {
            self.diagnostics.push(diagnostic);
        }
    }

    /// Reports `name` at `span` when protobuf does not accept it; returns whether it is valid.
    pub(crate) fn check_name(&mut self, name: &str, span: Span) -> bool {
        let valid = names::is_valid(name);
        if !valid {
            self.error(diagnose::invalid_name(name, span));
        }
        valid
    }

    /// Adds a definition to `package`'s file, followed by the wrapper messages made for it.
    pub(crate) fn push(&mut self, package: &str, item: Item) {
        let file = self.file(package);
        file.items.push(item);
        let wrappers = std::mem::take(&mut self.wrappers);
        let file = self.file(package);
        file.items.extend(wrappers.into_iter().map(Item::Message));
    }

    /// Keeps a wrapper message to be written after the definition being built.
    pub(crate) fn push_wrapper(&mut self, message: Message) {
        self.wrappers.push(message);
    }

    /// Records that a definition in package `from` uses a type of package `to`, at `site`.
    pub(crate) fn use_package(&mut self, from: &str, to: &str, site: Span) {
        if from != to {
            self.imports
                .entry(from.to_owned())
                .or_default()
                .entry(to.to_owned())
                .or_insert(site);
        }
    }

    /// The type name of `orbit.ObjectRef` as written in package `from`, recording its use.
    pub(crate) fn object_ref(&mut self, from: &str, site: Span) -> String {
        self.object_ref = true;
        self.use_package(from, ORBIT_PACKAGE, site);
        names::reference(from, ORBIT_PACKAGE, OBJECT_REF)
    }

    fn file(&mut self, package: &str) -> &mut File {
        self.files
            .entry(package.to_owned())
            .or_insert_with(|| File {
                package: package.to_owned(),
                ..File::default()
            })
    }

    /// The files, sorted by name, or every problem found.
    pub(crate) fn finish(mut self) -> Result<Vec<ProtoFile>, Diagnostics> {
        if self.object_ref {
            let object_ref = Item::Message(object_ref_message());
            self.file(ORBIT_PACKAGE).items.insert(0, object_ref);
        }
        for cycle in cycles(&self.imports) {
            if let Some(diagnostic) = diagnose::import_cycle(&cycle) {
                self.error(diagnostic);
            }
        }
        if self.diagnostics.has_errors() {
            return Err(self.diagnostics);
        }
        let mut out = Vec::with_capacity(self.files.len());
        for (package, mut file) in std::mem::take(&mut self.files) {
            if file.items.is_empty() {
                continue;
            }
            if let Some(imports) = self.imports.get(&package) {
                file.imports = imports.keys().map(|p| names::file_name(p)).collect();
            }
            out.push(ProtoFile {
                name: names::file_name(&package),
                content: render::file(&file),
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }
}

/// `message ObjectRef { repeated string endpoints = 1; bytes object_id = 2; string type_id = 3; }`
fn object_ref_message() -> Message {
    let field = |label, ty: &str, name: &str, number, doc: &str| Field {
        doc: vec![doc.to_owned()],
        label,
        ty: ty.to_owned(),
        name: name.to_owned(),
        number,
        note: None,
    };
    Message {
        name: OBJECT_REF.to_owned(),
        doc: vec!["A reference to a remote object: where it is served, and what it is.".to_owned()],
        fields: vec![
            field(
                Label::Repeated,
                "string",
                "endpoints",
                1,
                "Endpoint URIs, in the order to try them (`grpc://host:port`, `unix:///path`, …).",
            ),
            field(
                Label::None,
                "bytes",
                "object_id",
                2,
                "The object's id in its server.",
            ),
            field(
                Label::None,
                "string",
                "type_id",
                3,
                "The repository id of its interface (`IDL:Finance/Account:1.0`).",
            ),
        ],
        oneof: None,
    }
}

/// The import cycles of a graph of packages: for each group of packages that reach each other,
/// its imports inside the group (importing file, imported file, first use), sorted.
fn cycles(imports: &BTreeMap<String, BTreeMap<String, Span>>) -> Vec<Vec<(String, String, Span)>> {
    let reach = |start: &str| {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut stack = vec![start];
        while let Some(package) = stack.pop() {
            for next in imports.get(package).into_iter().flat_map(|m| m.keys()) {
                if seen.insert(next.as_str()) {
                    stack.push(next.as_str());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&str, BTreeSet<&str>> =
        imports.keys().map(|p| (p.as_str(), reach(p))).collect();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    for (&package, reached) in &reaches {
        if done.contains(package) || !reached.contains(package) {
            continue;
        }
        // Its group: the packages it reaches that reach it back.
        let group: BTreeSet<&str> = reached
            .iter()
            .copied()
            .filter(|other| reaches.get(other).is_some_and(|r| r.contains(package)))
            .collect();
        let mut uses = Vec::new();
        for &from in &group {
            for (to, span) in imports.get(from).into_iter().flatten() {
                if group.contains(to.as_str()) {
                    uses.push((names::file_name(from), names::file_name(to), *span));
                }
            }
        }
        done.extend(group);
        out.push(uses);
    }
    out
}

#[cfg(test)]
mod tests {
    use orbit_idl::FileId;

    use super::*;

    fn span(n: u32) -> Span {
        Span {
            file: FileId(0),
            start: n,
            end: n + 1,
        }
    }

    #[test]
    fn cycles_are_found_once_per_group() {
        let mut imports: BTreeMap<String, BTreeMap<String, Span>> = BTreeMap::new();
        let mut add = |from: &str, to: &str, n| {
            imports
                .entry(from.to_owned())
                .or_default()
                .insert(to.to_owned(), span(n));
        };
        add("A", "B", 1);
        add("B", "C", 2);
        add("C", "A", 3);
        add("C", "D", 4);
        add("D", "E", 5);
        let found = cycles(&imports);
        assert_eq!(found.len(), 1);
        let files: Vec<(&str, &str)> = found[0]
            .iter()
            .map(|(a, b, _)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(
            files,
            [
                ("A.proto", "B.proto"),
                ("B.proto", "C.proto"),
                ("C.proto", "A.proto")
            ]
        );
    }
}
