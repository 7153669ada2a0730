//! The file and package layout: which file each definition goes to (see [`split`] for
//! packages that depend on each other both ways), the imports between files, and the finished,
//! sorted output.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use orbit_idl::{Diagnostic, Diagnostics, Span, model::Model};

use super::{
    ProtoFile, diagnose,
    ir::{Field, File, Item, Label, Message},
    names::{self, Names, OBJECT_REF, ORBIT_PACKAGE},
    render,
    split::{self, Unit},
};

/// Collects the definitions of every file while the model is walked.
pub(crate) struct Builder<'a> {
    /// The checked model.
    pub(crate) model: &'a Model,
    /// Package-wide names.
    pub(crate) names: Names,
    /// The definitions, each with the wrappers made for it and what it needs, in order.
    units: Vec<Unit>,
    /// What the definition being built needs so far: package, name, place.
    needs: Vec<(String, String, Span)>,
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
            units: Vec::new(),
            needs: Vec::new(),
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

    /// Adds a definition to `package`, followed by the wrapper messages made for it; it needs
    /// what was recorded since the last definition (a service also needs its messages).
    pub(crate) fn push(&mut self, package: &str, item: Item) {
        let mut needs = std::mem::take(&mut self.needs);
        if let Item::Service(service) = &item {
            for rpc in &service.rpcs {
                for message in [&rpc.request, &rpc.response] {
                    let bare = message
                        .strip_prefix('.')
                        .map_or(message.as_str(), |qualified| {
                            qualified
                                .strip_prefix(package)
                                .and_then(|rest| rest.strip_prefix('.'))
                                .unwrap_or(qualified)
                        });
                    needs.push((package.to_owned(), bare.to_owned(), Span::default()));
                }
            }
        }
        let mut items = vec![item];
        items.extend(
            std::mem::take(&mut self.wrappers)
                .into_iter()
                .map(Item::Message),
        );
        self.units.push(Unit {
            package: package.to_owned(),
            items,
            needs,
        });
    }

    /// Keeps a wrapper message to be written after the definition being built.
    pub(crate) fn push_wrapper(&mut self, message: Message) {
        self.wrappers.push(message);
    }

    /// Records that the definition being built, in package `from`, uses type `name` of package
    /// `to`, at `site`.
    pub(crate) fn use_type(&mut self, from: &str, to: &str, name: &str, site: Span) {
        self.needs.push((to.to_owned(), name.to_owned(), site));
        self.use_package(from, to, site);
    }

    /// Records that a definition in package `from` uses a type of package `to`, at `site`.
    fn use_package(&mut self, from: &str, to: &str, site: Span) {
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
        self.use_type(from, ORBIT_PACKAGE, OBJECT_REF, site);
        names::reference(from, ORBIT_PACKAGE, OBJECT_REF)
    }

    /// The files, sorted by name, or every problem found.
    pub(crate) fn finish(mut self) -> Result<Vec<ProtoFile>, Diagnostics> {
        if self.object_ref {
            self.units.insert(
                0,
                Unit {
                    package: ORBIT_PACKAGE.to_owned(),
                    items: vec![Item::Message(object_ref_message())],
                    needs: Vec::new(),
                },
            );
        }
        // Packages in a cycle of imports get their definitions split over several files.
        let mut cyclic = HashMap::new();
        for (number, group) in cycles(&self.imports).into_iter().enumerate() {
            for package in group {
                cyclic.insert(package, number);
            }
        }
        let placement = split::place(&self.units, &cyclic);
        for uses in &placement.unplaceable {
            if let Some(diagnostic) = diagnose::recursive_across_packages(uses) {
                self.error(diagnostic);
            }
        }
        if self.diagnostics.has_errors() {
            return Err(self.diagnostics);
        }
        // Where each definition is: its package's file, or one of them.
        let mut file_of: HashMap<(&str, &str), &str> = HashMap::new();
        for (unit, file) in self.units.iter().zip(&placement.files) {
            for item in &unit.items {
                file_of.insert((unit.package.as_str(), split::item_name(item)), file);
            }
        }
        let mut files: BTreeMap<&str, File> = BTreeMap::new();
        for (unit, name) in self.units.iter().zip(&placement.files) {
            let file = files.entry(name).or_insert_with(|| File {
                package: unit.package.clone(),
                ..File::default()
            });
            for (package, needed, _) in &unit.needs {
                let import = file_of
                    .get(&(package.as_str(), needed.as_str()))
                    .map_or_else(|| names::file_name(package), |f| (*f).to_owned());
                if import != *name {
                    file.imports.insert(import);
                }
            }
            file.items.extend(unit.items.iter().cloned());
        }
        let out = files
            .into_iter()
            .filter(|(_, file)| !file.items.is_empty())
            .map(|(name, file)| ProtoFile {
                name: name.to_owned(),
                content: render::file(&file),
            })
            .collect();
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

/// The groups of packages that import each other (directly or not), each sorted.
fn cycles(imports: &BTreeMap<String, BTreeMap<String, Span>>) -> Vec<BTreeSet<String>> {
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
        done.extend(group.iter().copied());
        out.push(group.into_iter().map(str::to_owned).collect());
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
        let packages: Vec<&str> = found[0].iter().map(String::as_str).collect();
        assert_eq!(packages, ["A", "B", "C"]);
    }
}
